//! Splits XML text into tokens for syntax highlighting. The console renders each token as a text node
//! inside a `<span>` with the token's class: server text never becomes markup.

/// What a token is, as the stylesheet colours it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// `<`, `</`, `>`, `/>`, `=` and the whitespace inside tags.
    Punct,
    /// An element name with its prefix.
    Tag,
    /// An attribute name.
    Attr,
    /// A quoted attribute value, quotes included.
    Value,
    /// Character data between tags.
    Text,
    /// `<!-- -->`, `<? ?>`, `<!DOCTYPE>`, `<![CDATA[ ]]>`.
    Meta,
}

impl Token {
    /// The CSS class of the token.
    pub fn class(self) -> &'static str {
        match self {
            Token::Punct => "xml__punct",
            Token::Tag => "xml__tag",
            Token::Attr => "xml__attr",
            Token::Value => "xml__value",
            Token::Text => "xml__text",
            Token::Meta => "xml__meta",
        }
    }
}

/// The tokens of `xml`, covering every byte of it in order (concatenated they give `xml` back), even
/// when it is not well-formed.
pub fn tokenize(xml: &str) -> Vec<(Token, &str)> {
    let b = xml.as_bytes();
    let mut i = 0;
    let mut spans: Vec<(Token, usize, usize)> = Vec::new();
    while i < b.len() {
        if b[i] != b'<' {
            let end = xml[i..].find('<').map_or(b.len(), |p| i + p);
            spans.push((Token::Text, i, end));
            i = end;
            continue;
        }
        let rest = &xml[i..];
        let meta_end = if rest.starts_with("<!--") {
            Some(rest.find("-->").map_or(b.len(), |p| i + p + 3))
        } else if rest.starts_with("<![CDATA[") {
            Some(rest.find("]]>").map_or(b.len(), |p| i + p + 3))
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            Some(rest.find('>').map_or(b.len(), |p| i + p + 1))
        } else {
            None
        };
        if let Some(end) = meta_end {
            spans.push((Token::Meta, i, end));
            i = end;
            continue;
        }
        // A tag: `<` or `</`, the name, attributes, `>` or `/>`.
        let open = if rest.starts_with("</") { 2 } else { 1 };
        spans.push((Token::Punct, i, i + open));
        i += open;
        let name_end = scan(b, i, |c| !c.is_ascii_whitespace() && c != b'>' && c != b'/');
        spans.push((Token::Tag, i, name_end));
        i = name_end;
        while i < b.len() {
            match b[i] {
                b'>' => {
                    spans.push((Token::Punct, i, i + 1));
                    i += 1;
                    break;
                }
                b'/' if b.get(i + 1) == Some(&b'>') => {
                    spans.push((Token::Punct, i, i + 2));
                    i += 2;
                    break;
                }
                b'"' | b'\'' => {
                    let q = b[i];
                    let end = xml[i + 1..].find(q as char).map_or(b.len(), |p| i + 1 + p + 1);
                    spans.push((Token::Value, i, end));
                    i = end;
                }
                c if c.is_ascii_whitespace() || c == b'=' || c == b'/' => {
                    let end = scan(b, i, |c| c.is_ascii_whitespace() || c == b'=' || c == b'/');
                    let end = if end == i { i + 1 } else { end };
                    spans.push((Token::Punct, i, end));
                    i = end;
                }
                b'<' => break,
                _ => {
                    let end = scan(b, i, |c| {
                        !c.is_ascii_whitespace() && !matches!(c, b'=' | b'>' | b'/' | b'<' | b'"' | b'\'')
                    });
                    spans.push((Token::Attr, i, end));
                    i = end;
                }
            }
        }
    }
    // Every boundary is at an ASCII byte, so slicing cannot split a character.
    spans.into_iter().filter(|(_, s, e)| e > s).map(|(t, s, e)| (t, xml.get(s..e).unwrap_or(""))).collect()
}

/// The tokens of `xml` as drawn, in fewer pieces with the same text: whitespace between tags goes with the
/// punctuation around it (it looks the same in any colour), and neighbours of one kind are one piece. A
/// 150-user conference drawn a span per token took the console 400 ms to open.
pub fn runs(xml: &str) -> Vec<(Token, &str)> {
    let mut out: Vec<(Token, &str)> = Vec::new();
    let mut start = 0;
    for (token, text) in tokenize(xml) {
        let token = match token {
            Token::Text if text.trim().is_empty() => Token::Punct,
            other => other,
        };
        let end = start + text.len();
        match out.last_mut() {
            // Neighbours in `xml`: the run grows to take this token's text too.
            Some((last, run)) if *last == token => *run = xml.get(start - run.len()..end).unwrap_or(run),
            _ => out.push((token, text)),
        }
        start = end;
    }
    out
}

fn scan(b: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    b[from..].iter().position(|c| !keep(*c)).map_or(b.len(), |p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_cover_the_text() {
        let xml = "<?xml version=\"1.0\"?>\n<a:x xmlns:a='u' b=\"1\">t &amp; é<c/><!-- n --></a:x>";
        let tokens = tokenize(xml);
        assert_eq!(tokens.iter().map(|t| t.1).collect::<String>(), xml);
        assert_eq!(tokens[0], (Token::Meta, "<?xml version=\"1.0\"?>"));
        assert!(tokens.contains(&(Token::Tag, "a:x")));
        assert!(tokens.contains(&(Token::Attr, "xmlns:a")));
        assert!(tokens.contains(&(Token::Value, "'u'")));
        assert!(tokens.contains(&(Token::Text, "t &amp; é")));
        assert!(tokens.contains(&(Token::Meta, "<!-- n -->")));
    }

    #[test]
    fn runs_join_what_looks_the_same() {
        let xml = "<a>\n  <b x=\"1\">Ann</b>\n</a>";
        let runs = runs(xml);
        assert_eq!(runs.iter().map(|t| t.1).collect::<String>(), xml);
        assert_eq!(
            runs,
            [
                (Token::Punct, "<"),
                (Token::Tag, "a"),
                (Token::Punct, ">\n  <"),
                (Token::Tag, "b"),
                (Token::Punct, " "),
                (Token::Attr, "x"),
                (Token::Punct, "="),
                (Token::Value, "\"1\""),
                (Token::Punct, ">"),
                (Token::Text, "Ann"),
                (Token::Punct, "</"),
                (Token::Tag, "b"),
                (Token::Punct, ">\n</"),
                (Token::Tag, "a"),
                (Token::Punct, ">"),
            ]
        );
        for xml in ["<", "<a", "<<>>", "text only", "é<é é='é'>", "  \n "] {
            assert_eq!(super::runs(xml).iter().map(|t| t.1).collect::<String>(), xml, "{xml:?}");
        }
    }

    #[test]
    fn garbage_is_covered_too() {
        for xml in ["<", "<a", "<a b=\"", "<<>>", "</", "text only", "<a/><", "<a =x>", "é<é é='é'>"] {
            assert_eq!(tokenize(xml).iter().map(|t| t.1).collect::<String>(), xml, "{xml:?}");
        }
    }
}
