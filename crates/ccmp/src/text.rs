//! Text a conference's documents carry, as people see it.

/// Whether `c` takes no room on screen, or shows as a blank: a control, a zero-width space or joiner, a
/// direction mark, override or isolate (Arabic's too), a soft hyphen, a byte order mark, a combining
/// grapheme joiner, a variation selector, a Hangul filler, a tag, a blank braille cell, and the other format
/// characters (Unicode's Cf: number signs and format controls of other scripts). Nobody types one on purpose
/// in a name or a role, and one can make two different texts look alike.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}')
        || matches!(c, '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}')
        || matches!(c, '\u{2060}'..='\u{206f}' | '\u{2800}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
        || matches!(c, '\u{ffa0}' | '\u{fff0}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}')
        || matches!(c, '\u{0600}'..='\u{0605}' | '\u{06dd}' | '\u{070f}' | '\u{0890}' | '\u{0891}' | '\u{08e2}')
        || matches!(c, '\u{110bd}' | '\u{110cd}' | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}')
        || matches!(c, '\u{1d173}'..='\u{1d17a}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_shows_and_what_does_not() {
        for hidden in
            ['\u{200b}', '\u{202e}', '\u{2066}', '\t', '\u{061c}', '\u{034f}', '\u{fe0f}', '\u{e0041}', '\u{2800}']
        {
            assert!(is_invisible(hidden), "{hidden:?}");
        }
        for shown in ['a', 'é', 'о', '\u{3000}', ' ', '東', '\u{0301}'] {
            assert!(!is_invisible(shown), "{shown:?}");
        }
    }
}
