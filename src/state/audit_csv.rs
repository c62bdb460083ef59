//! The audit log as CSV (RFC 4180): a header, one line per change, CRLF line ends. A field with a comma,
//! a quote or a line break is quoted, its quotes doubled. A field that a spreadsheet would run as a
//! formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`: the
//! targets and names in the log come from servers, and a CSV opened in a spreadsheet must not execute them.

/// The columns of the export.
pub const HEADER: [&str; 8] = ["when", "server", "who", "what", "action", "name", "target", "code"];

/// One field, escaped.
pub fn field(value: &str) -> String {
    let guarded =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// A whole CSV document: the header, then each row.
pub fn document<R, F>(header: &[&str], rows: R) -> String
where
    R: IntoIterator<Item = F>,
    F: IntoIterator<Item = String>,
{
    let mut out = String::new();
    out.push_str(&header.iter().map(|h| field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.into_iter().map(|f| field(&f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The file name of an export taken at `iso_time` (`2024-05-01T10:42:07.123Z`): `ccmp-audit-20240501-104207.csv`.
pub fn file_name(iso_time: &str) -> String {
    let digits: String = iso_time.chars().take(19).filter(char::is_ascii_digit).collect();
    match (digits.get(..8), digits.get(8..14)) {
        (Some(day), Some(time)) => format!("ccmp-audit-{day}-{time}.csv"),
        _ => "ccmp-audit.csv".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("xcon:1@example.com"), "xcon:1@example.com");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(field("+1"), "'+1");
        assert_eq!(field("-2"), "'-2");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\tx"), "'\tx");
        assert_eq!(field("a=b"), "a=b", "only a leading sign matters");
    }

    #[test]
    fn a_document_has_a_header_and_crlf_lines() {
        let rows = vec![
            vec!["2024-05-01T10:42:07Z".to_string(), "xcon-userid:m@x".into(), "userRequest delete".into()],
            vec!["t".into(), "w, who".into(), String::new()],
        ];
        let csv = document(&["when", "who", "what"], rows);
        assert_eq!(
            csv,
            "when,who,what\r\n2024-05-01T10:42:07Z,xcon-userid:m@x,userRequest delete\r\nt,\"w, who\",\r\n"
        );
        assert_eq!(document(&HEADER, Vec::<Vec<String>>::new()), "when,server,who,what,action,name,target,code\r\n");
    }

    #[test]
    fn the_file_is_named_after_the_time() {
        assert_eq!(file_name("2024-05-01T10:42:07.123Z"), "ccmp-audit-20240501-104207.csv");
        assert_eq!(file_name("garbage"), "ccmp-audit.csv");
    }
}
