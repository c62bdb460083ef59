//! Right-to-left names in left-to-right sentences. A notice titled "Promote مرحبا: 200 Success" shows as
//! "Promote 200 :مرحبا Success": the Unicode bidirectional algorithm carries the colon and the digits that
//! follow a right-to-left name into its run. Isolating each run of right-to-left words (U+2068 FIRST STRONG
//! ISOLATE … U+2069 POP DIRECTIONAL ISOLATE) keeps the sentence in its order, whatever the names hold.
//!
//! A name may also hold the directional controls themselves: a participant named "Mallory" followed by
//! U+202E RIGHT-TO-LEFT OVERRIDE turned "Mute Mallory: 200 Success" into "Mute MallorysseccuS 002 :" (QA). An
//! isolate ends whatever the text inside it opened (UAX #9, X6a), so such a name is isolated too, and what
//! could end the isolate early (a stray PDI) is left out.

use std::borrow::Cow;

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan and
/// their presentation forms, and the supplementary planes' right-to-left blocks).
fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Whether `c` is a directional control: a mark (ALM, LRM, RLM), an embedding or override (LRE, RLE, PDF,
/// LRO, RLO), or an isolate (LRI, RLI, FSI, PDI).
fn is_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether text holding `c` is kept in an isolate.
fn needs_isolate(c: char) -> bool {
    is_rtl(c) || is_control(c)
}

/// Pushes `text` as the content of an isolate: an isolate it opens is closed at its end, and a PDI that
/// closes none of its own is left out (it would close the isolate around it, and let the rest out).
fn push_contained(out: &mut String, text: &str) {
    let mut open = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}'..='\u{2068}' => open += 1,
            PDI if open == 0 => continue,
            PDI => open -= 1,
            _ => {}
        }
        out.push(c);
    }
    out.extend(std::iter::repeat_n(PDI, open));
}

/// `name` isolated when it holds right-to-left letters or directional controls, for a sentence that puts
/// it between words of its own (`Name: A → B (seen at 10:42)`); as it is otherwise.
pub fn isolate(name: &str) -> Cow<'_, str> {
    if !name.chars().any(needs_isolate) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    out.push(FSI);
    push_contained(&mut out, name);
    out.push(PDI);
    Cow::Owned(out)
}

/// `text` with each run of words that hold right-to-left letters (or directional controls) isolated, the punctuation around the
/// run left outside it (the colon after a name belongs to the sentence). Text without right-to-left
/// letters, nearly all of it, comes back as it is.
pub fn isolate_rtl(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_isolate) {
        return Cow::Borrowed(text);
    }
    // Byte ranges of the words (runs of non-whitespace), and which of them hold right-to-left letters.
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i, text[s..i].chars().any(needs_isolate)));
                start = None;
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    let mut i = 0;
    while i < words.len() {
        if !words[i].2 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < words.len() && words[j + 1].2 {
            j += 1;
        }
        let (from, to) = (words[i].0, words[j].1);
        // The run's own text: from its first letter, digit or control to its last.
        let inner = |c: char| c.is_alphanumeric() || needs_isolate(c);
        let first = text[from..to].find(inner).map_or(from, |k| from + k);
        let last = text[from..to].rfind(inner).map_or(to, |k| {
            let c = text[from + k..].chars().next().map_or(1, char::len_utf8);
            from + k + c
        });
        out.push_str(&text[at..first]);
        out.push(FSI);
        push_contained(&mut out, &text[first..last]);
        out.push(PDI);
        at = last;
        i = j + 1;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_left_alone() {
        assert!(matches!(isolate_rtl("Promote Zoë Quinn: 200 Success"), Cow::Borrowed(_)));
    }

    #[test]
    fn each_right_to_left_run_is_isolated_without_the_punctuation_around_it() {
        assert_eq!(isolate_rtl("Promote مرحبا: 200 Success"), "Promote \u{2068}مرحبا\u{2069}: 200 Success");
        assert_eq!(
            isolate_rtl("Add Zoë مرحبا بكم 🎉: 200 Success"),
            "Add Zoë \u{2068}مرحبا بكم\u{2069} 🎉: 200 Success",
            "two words of one name are one run"
        );
        assert_eq!(
            isolate_rtl("Move שלום to «סלון»."),
            "Move \u{2068}שלום\u{2069} to «\u{2068}סלון\u{2069}».",
            "two names, each in its own isolate"
        );
        assert_eq!(isolate_rtl("(مرحبا)"), "(\u{2068}مرحبا\u{2069})");
    }

    #[test]
    fn a_name_with_directional_controls_cannot_turn_the_sentence_around_it() {
        // An override left open by the name ends with its isolate, before the panel's own words.
        assert_eq!(
            isolate_rtl("Mute Mallory\u{202e}: 200 Success"),
            "Mute \u{2068}Mallory\u{202e}\u{2069}: 200 Success"
        );
        // A PDI of the name's own would close the isolate early: left out. An isolate it opens is closed.
        assert_eq!(isolate("a\u{2069}\u{202e}b"), "\u{2068}a\u{202e}b\u{2069}");
        assert_eq!(isolate("a\u{2067}b"), "\u{2068}a\u{2067}b\u{2069}\u{2069}");
        assert_eq!(isolate("x\u{2067}y\u{2069}z"), "\u{2068}x\u{2067}y\u{2069}z\u{2069}");
        assert!(matches!(isolate("Zoë Quinn"), Cow::Borrowed(_)));
    }
}
