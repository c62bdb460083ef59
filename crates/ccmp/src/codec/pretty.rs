//! Indents any well-formed XML text for display, keeping every name, prefix and value as it was sent
//! (the panel's console shows what crossed the wire, not a re-encoding).

use quick_xml::events::Event;
use quick_xml::Reader;

/// `xml` re-indented by two spaces per level; elements holding only text stay on one line. Text runs
/// that are only whitespace between elements are dropped; whitespace beside an entity reference is text
/// (`&lt;a&gt; &amp; b`). Fails on XML that is not well-formed.
pub fn pretty_print(xml: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml.trim_start());
    reader.config_mut().check_end_names = true;
    let mut read = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(e) => read.push(e),
            Err(e) => return Err(format!("at byte {}: {e}", reader.error_position())),
        }
    }
    let blank = |e: Option<&Event>| matches!(e, Some(Event::Text(t)) if t.iter().all(u8::is_ascii_whitespace));
    let in_text = |e: Option<&Event>| {
        matches!(e, Some(Event::GeneralRef(_) | Event::CData(_))) || (matches!(e, Some(Event::Text(_))) && !blank(e))
    };
    let keep: Vec<bool> = (0..read.len())
        .map(|k| !blank(read.get(k)) || in_text(k.checked_sub(1).and_then(|p| read.get(p))) || in_text(read.get(k + 1)))
        .collect();
    let events: Vec<Event> = read.into_iter().zip(keep).filter_map(|(e, keep)| keep.then_some(e)).collect();
    let mut out = String::with_capacity(xml.len() + xml.len() / 4);
    let mut depth = 0usize;
    let mut i = 0;
    while i < events.len() {
        let raw = |e: &Event| -> String {
            match e {
                Event::Start(s) => format!("<{}>", String::from_utf8_lossy(s)),
                Event::Empty(s) => format!("<{}/>", String::from_utf8_lossy(s)),
                Event::End(s) => format!("</{}>", String::from_utf8_lossy(s.name().as_ref())),
                Event::Text(t) => String::from_utf8_lossy(t).into_owned(),
                Event::GeneralRef(r) => format!("&{};", String::from_utf8_lossy(r)),
                Event::CData(c) => format!("<![CDATA[{}]]>", String::from_utf8_lossy(c)),
                Event::Comment(c) => format!("<!--{}-->", String::from_utf8_lossy(c)),
                Event::Decl(d) => format!("<?{}?>", String::from_utf8_lossy(d)),
                Event::PI(p) => format!("<?{}?>", String::from_utf8_lossy(p)),
                Event::DocType(d) => format!("<!DOCTYPE {}>", String::from_utf8_lossy(d)),
                Event::Eof => String::new(),
            }
        };
        let line = |out: &mut String, depth: usize, text: &str| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&"  ".repeat(depth));
            out.push_str(text);
        };
        match &events[i] {
            Event::Start(_) => {
                // An element holding only text (and entity references) stays on one line.
                let mut j = i + 1;
                while matches!(events.get(j), Some(Event::Text(_) | Event::GeneralRef(_) | Event::CData(_))) {
                    j += 1;
                }
                if j > i + 1 && matches!(events.get(j), Some(Event::End(_))) {
                    let text: String = events[i..=j].iter().map(raw).collect();
                    line(&mut out, depth, &text);
                    i = j + 1;
                    continue;
                }
                line(&mut out, depth, &raw(&events[i]));
                depth += 1;
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                line(&mut out, depth, &raw(&events[i]));
            }
            e => line(&mut out, depth, raw(e).trim()),
        }
        i += 1;
    }
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn indents_and_keeps_leaves_inline() {
        let xml = r#"<?xml version="1.0"?><a:x xmlns:a="u"><b>t &amp; u</b><c/><d><e>1</e></d></a:x>"#;
        let expected = "<?xml version=\"1.0\"?>\n<a:x xmlns:a=\"u\">\n  <b>t &amp; u</b>\n  <c/>\n  <d>\n    <e>1</e>\n  </d>\n</a:x>\n";
        assert_eq!(super::pretty_print(xml).unwrap(), expected);
    }

    #[test]
    fn keeps_the_spaces_beside_entity_references() {
        let xml = "<a><b>&lt;tags&gt; &amp; ampersand</b>\n  <c>x &amp; y</c></a>";
        let expected = "<a>\n  <b>&lt;tags&gt; &amp; ampersand</b>\n  <c>x &amp; y</c>\n</a>\n";
        assert_eq!(super::pretty_print(xml).unwrap(), expected);
    }

    #[test]
    fn refuses_what_is_not_xml() {
        assert!(super::pretty_print("<a><b></a>").is_err());
    }
}
