//! Right-to-left names in left-to-right sentences. A notice titled "Promote مرحبا: 200 Success" shows as
//! "Promote 200 :مرحبا Success": the Unicode bidirectional algorithm carries the colon and the digits that
//! follow a right-to-left name into its run. Isolating each run of right-to-left words (U+2068 FIRST STRONG
//! ISOLATE … U+2069 POP DIRECTIONAL ISOLATE) keeps the sentence in its order, whatever the names hold.

use std::borrow::Cow;

const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

/// Whether `c` is a letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan and
/// their presentation forms, and the supplementary planes' right-to-left blocks).
fn is_rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// `text` with each run of words that hold right-to-left letters isolated, the punctuation around the
/// run left outside it (the colon after a name belongs to the sentence). Text without right-to-left
/// letters, nearly all of it, comes back as it is.
pub fn isolate_rtl(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_rtl) {
        return Cow::Borrowed(text);
    }
    // Byte ranges of the words (runs of non-whitespace), and which of them hold right-to-left letters.
    let mut words: Vec<(usize, usize, bool)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                words.push((s, i, text[s..i].chars().any(is_rtl)));
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
        // The run's own text: from its first letter or digit to its last.
        let inner = |c: char| c.is_alphanumeric() || is_rtl(c);
        let first = text[from..to].find(inner).map_or(from, |k| from + k);
        let last = text[from..to].rfind(inner).map_or(to, |k| {
            let c = text[from + k..].chars().next().map_or(1, char::len_utf8);
            from + k + c
        });
        out.push_str(&text[at..first]);
        out.push(FSI);
        out.push_str(&text[first..last]);
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
}
