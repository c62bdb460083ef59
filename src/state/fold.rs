//! Text as the filters compare it: lower case, without accents, one apostrophe. A moderator looking for
//! "Sean", "emile" or "garcia" during an event means Seán, Émile and García (QA: they found nothing), a
//! name stored with its accent as a separate combining mark must be found by the same key typed as one
//! letter, and a phone's O’Brien is O'Brien.
//!
//! Written out rather than taken from a Unicode normalization crate: its tables would add more to the
//! panel's wasm than this whole module, for the scripts the filters meet folded no better. Latin letters
//! with diacritics fold to their base letters (Latin-1, Latin Extended-A, Romanian's comma below);
//! combining marks are dropped, which folds every decomposed accent in any script.

/// `text` folded for comparing: each letter lower-cased and without its diacritics, combining marks left
/// out, typographic apostrophes as `'`, dashes as `-`, typographic double quotes as `"`, full-width letters
/// and digits (an East Asian input method's) as ASCII, the ideographic space as a space, the fi and fl
/// ligatures as their letters.
pub fn folded(text: &str) -> String {
    folded_chars(text).collect()
}

/// The characters of [`folded`], one by one: what a sort compares, without building the folded text of
/// each name at each of its comparisons.
pub fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().flat_map(|c| {
        let c = narrow(c);
        let (one, many): (Option<char>, &'static str) = match base(c) {
            Some(base) => (None, base),
            None if is_combining(c) => (None, ""),
            None if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{2032}') => (Some('\''), ""),
            // The dashes and minus a word processor or a phone puts in a name ("Review – Übung"), as the
            // hyphen a keyboard types (QA: such a name could not be typed to confirm its deletion).
            None if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}') => (Some('-'), ""),
            None if matches!(c, '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}') => (Some('"'), ""),
            None => (Some(c), ""),
        };
        let lowered = one.into_iter().flat_map(char::to_lowercase).filter(|&l| !is_combining(l));
        lowered.chain(many.chars())
    })
}

/// A full-width form (U+FF01 to U+FF5E: ＡＢＣ, １２３) as its ASCII character, the ideographic space as a
/// space, a digit of another script (٣, ३) as its ASCII digit; anything else as it is.
fn narrow(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{0660}'.. => script_digit(c).unwrap_or(c),
        _ => c,
    }
}

/// The zeros of the decimal digits that keyboards type in place of 0 to 9: Arabic-Indic, Eastern
/// Arabic-Indic (Persian, Urdu), N'Ko, the scripts of India, Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer and
/// Mongolian. Each script's ten digits follow its zero (Unicode's general category Nd).
const DIGIT_ZEROS: [u32; 19] = [
    0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0de6, 0x0e50,
    0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810,
];

/// `c` as an ASCII digit, when it is a digit of one of those scripts (QA: an Arabic keyboard's ٣ was "not a
/// whole number").
fn script_digit(c: char) -> Option<char> {
    let n = c as u32;
    // Past Mongolian's digits: most of what a name holds beyond Latin (Han, Hangul, emoji) at one comparison.
    if n > 0x1819 {
        return None;
    }
    let zero = DIGIT_ZEROS.iter().find(|&&zero| (zero..zero + 10).contains(&n))?;
    char::from_digit(n - zero, 10)
}

/// Whether the folded `haystack` holds the folded `word`. A word of Chinese or Japanese script is also
/// found across the spaces of the haystack: those scripts write a name without one ("山田太郎"), and a roster
/// may hold it with one ("山田 太郎", QA).
pub fn holds(haystack: &str, word: &str) -> bool {
    haystack.contains(word)
        || (word.chars().any(is_cjk)
            && haystack.chars().filter(|c| !c.is_whitespace()).collect::<String>().contains(word))
}

/// A character of the Han, Hiragana or Katakana scripts (or Hangul, whose names some rosters space too).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2fa1f}')
}

/// Whether `typed` names `expected` for a typed confirmation ("Type the conference's name to delete it"):
/// compared folded, and without the characters no keyboard types (directional controls, zero-width spaces
/// and joiners, the byte-order mark), the spaces around and runs of spaces inside. A name holding those
/// could not be confirmed at all (QA: a conference renamed with a right-to-left override in it could not be
/// deleted), nor one whose accent the server keeps as a separate mark.
pub fn typed_matches(typed: &str, expected: &str) -> bool {
    // Spaces counted as one: two typed for one, or a name's non-breaking space typed as a space.
    let key = |text: &str| {
        let visible: String = text.chars().filter(|&c| !ccmp::text::is_invisible(c)).collect();
        folded(&visible.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let expected = key(expected);
    !expected.is_empty() && key(typed) == expected
}

/// A combining diacritical mark (the block U+0300 to U+036F, which every Latin, Greek and Cyrillic accent
/// decomposes into).
fn is_combining(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}')
}

/// Latin Extended-A (U+0100 to U+017F), letter by letter, folded; `_` for the two ligatures, done apart.
const EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii__jjkkkllllllllllnnnnnnnnnoooooo__rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// The folded form of a Latin letter with a diacritic (or a ligature), `None` for anything else.
fn base(c: char) -> Option<&'static str> {
    const LETTERS: [&str; 26] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
        "w", "x", "y", "z",
    ];
    let letter = |b: u8| LETTERS.get(usize::from(b.wrapping_sub(b'a'))).copied();
    Some(match c {
        'À'..='Å' | 'à'..='å' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' => "c",
        'È'..='Ë' | 'è'..='ë' => "e",
        'Ì'..='Ï' | 'ì'..='ï' => "i",
        'Ð' | 'ð' => "d",
        'Ñ' | 'ñ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' | 'ù'..='ü' => "u",
        'Ý' | 'ý' | 'ÿ' => "y",
        'Þ' | 'þ' => "th",
        'ß' => "ss",
        'Ĳ' | 'ĳ' => "ij",
        'Œ' | 'œ' => "oe",
        'Ș' | 'ș' => "s",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        'Ț' | 'ț' => "t",
        '\u{0100}'..='\u{017f}' => return letter(EXTENDED_A[c as usize - 0x100]),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_case_and_apostrophes_fold_away() {
        assert_eq!(folded("Émile García Seán O’Brien"), "emile garcia sean o'brien");
        assert_eq!(folded("Łukasz Dvořák Straße Œuvre"), "lukasz dvorak strasse oeuvre");
        assert_eq!(folded("Ștefan İnce"), "stefan ince");
    }

    #[test]
    fn a_decomposed_accent_folds_as_the_precomposed_one() {
        assert_eq!(folded("Jose\u{301}"), folded("José"));
        assert_eq!(folded("Jose\u{301}"), "jose");
    }

    #[test]
    fn digits_of_other_scripts_are_the_ascii_digits() {
        // What Arabic, Persian, Hindi and Thai keyboards type for 3, 14 and 2026.
        assert_eq!(folded("٣ ۱۴ २०२६ ๒"), "3 14 2026 2");
        assert_eq!(folded("٣").parse::<u32>(), Ok(3));
        // Letters of those scripts stay as they are.
        assert_eq!(folded("मोहन ١٠"), "मोहन 10");
    }

    #[test]
    fn other_scripts_are_only_lower_cased() {
        assert_eq!(folded("محمد علي 42"), "محمد علي 42");
        assert_eq!(folded("ΑΘΗΝΑ 東京 👩🏽‍💻"), "αθηνα 東京 👩🏽‍💻");
    }

    #[test]
    fn full_width_forms_and_ligatures_fold_to_their_letters() {
        // What an East Asian input method in full-width mode types, and what a copied PDF holds.
        assert_eq!(folded("ＡＮＮＡ ｍｏｄｅｒａｔｏｒ　１０００"), "anna moderator 1000");
        assert_eq!(folded("Ｏ’Ｂｒｉｅｎ"), "o'brien");
        assert_eq!(folded("ﬁnance ofﬁce"), "finance office");
        assert_eq!(folded("Ｅ\u{301}mile"), "emile");
    }

    #[test]
    fn a_typed_confirmation_needs_only_what_a_keyboard_types() {
        assert!(typed_matches("Renamed by co-mod", "Renamed\u{202e} by co-mod"));
        assert!(typed_matches(" José ", "Jose\u{301}"));
        assert!(typed_matches("weekly SYNC", "Weekly sync"), "as the filters compare");
        assert!(!typed_matches("Weekly", "Weekly sync"));
        assert!(!typed_matches("", "\u{200b}"), "a name of nothing but invisible characters is never confirmed");
        assert!(typed_matches("Ｔｏｗｎ ｈａｌｌ", "Town hall"), "typed in full width");
        assert!(typed_matches("Design Review - Ubung", "Design Review \u{2013} Übung"), "a dash typed as a hyphen");
        assert!(typed_matches("Q&A \"2027\"", "Q&A \u{201c}2027\u{201d}"), "quotes typed straight");
        assert!(typed_matches("Town  hall", "Town\u{a0}hall"), "spaces as one");
        assert!(!typed_matches("Design Review  Ubung", "Design Review \u{2013} Übung"), "the dash is still needed");
    }

    #[test]
    fn the_extended_a_table_matches_its_block() {
        // Spot checks across the block: the table is positional, one off would shift every letter after.
        for (c, f) in [('Ā', "a"), ('ć', "c"), ('Đ', "d"), ('ě', "e"), ('Ğ', "g"), ('ħ', "h"), ('ı', "i")] {
            assert_eq!(base(c), Some(f), "{c}");
        }
        for (c, f) in [('Ĵ', "j"), ('ĸ', "k"), ('ł', "l"), ('ŋ', "n"), ('ő', "o"), ('ř', "r"), ('š', "s")] {
            assert_eq!(base(c), Some(f), "{c}");
        }
        for (c, f) in [('ŧ', "t"), ('ų', "u"), ('ŵ', "w"), ('Ÿ', "y"), ('ž', "z"), ('ſ', "s")] {
            assert_eq!(base(c), Some(f), "{c}");
        }
    }

    #[test]
    fn a_name_written_without_its_space_is_found_in_east_asian_scripts() {
        let roster = folded("山田 太郎\nxcon-userid:yamada@example.com");
        assert!(holds(&roster, "山田太郎"));
        assert!(holds(&roster, "山田"));
        assert!(!holds(&folded("ann lee"), "annlee"), "Latin words keep their spaces");
    }
}
