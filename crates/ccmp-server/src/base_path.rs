//! `--base-path`: the server under a path (`/tools/ccmp/`), for a reverse proxy that forwards that path as
//! it is. The panel names its files and its pages relative to its `index.html`'s `<base href>`, so the page
//! is sent with that tag naming the path: one build of the panel serves under any path, unedited.

/// Why `base_path` cannot be used, if it cannot: it goes into an HTML attribute and a URL path.
pub fn problem(base_path: &str) -> Option<&'static str> {
    if !base_path.starts_with('/') || base_path.starts_with("//") {
        return Some("must start with a single / (such as /tools/ccmp/)");
    }
    let forbidden = |c: char| c.is_whitespace() || c.is_control() || "\"'<>?#\\`".contains(c);
    if base_path.contains(forbidden) {
        return Some("must be a plain path: no spaces, quotes, <, >, ?, # or \\");
    }
    // What a browser sends differs from these, so that no request would ever reach the path (QA): it
    // percent-encodes other characters, and resolves `.` and `..`; a proxy merges `//`.
    if !base_path.is_ascii() {
        return Some("must be ASCII: write other characters percent-encoded, as a browser sends them (%C3%A7 for ç)");
    }
    let segments = base_path.trim_end_matches('/').split('/').skip(1);
    let dots = |s: &str| s.to_ascii_lowercase().replace("%2e", ".");
    if segments.clone().any(|s| s.is_empty()) {
        return Some("must not hold an empty segment (//), which proxies merge");
    }
    if segments.map(dots).any(|s| s == "." || s == "..") {
        return Some("must not hold . or .. segments, which browsers resolve before sending");
    }
    None
}

/// `page` (the panel's `index.html`) with its `<base href>` naming `base` (`/tools/ccmp`, no trailing
/// slash). `None` when the page has no such tag: a build of the panel from before it had one.
pub fn with_base(page: &str, base: &str) -> Option<String> {
    const TAG: &str = "<base href=";
    let start = page.find(TAG)? + TAG.len();
    let rest = &page[start..];
    // Quoted as written, or unquoted as minified (`<base href=/>`: the value ends at the `>`).
    let len = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest[1..].find(quote)? + 2,
        _ => rest.find(|c: char| c.is_ascii_whitespace() || c == '>')?,
    };
    Some(format!("{}\"{base}/\"{}", &page[..start], &rest[len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_tag_names_the_path_minified_or_not() {
        let minified = "<title>x</title><base href=/><link href=./a.css rel=stylesheet>";
        assert_eq!(
            with_base(minified, "/tools/ccmp").as_deref(),
            Some("<title>x</title><base href=\"/tools/ccmp/\"><link href=./a.css rel=stylesheet>")
        );
        let written = "<base href=\"/\">\n<link>";
        assert_eq!(with_base(written, "/p").as_deref(), Some("<base href=\"/p/\">\n<link>"));
        assert_eq!(with_base("<head><title>old build</title></head>", "/p"), None);
    }

    #[test]
    fn a_path_that_would_break_the_page_is_refused() {
        assert_eq!(problem("/tools/ccmp/"), None);
        assert!(problem("tools").is_some());
        assert!(problem("//evil.example/").is_some());
        assert!(problem("/a\"><script>").is_some());
        assert!(problem("/a b").is_some());
        assert_eq!(problem("/tools/a%20b/"), None, "percent-encoded, as a browser sends it");
        for unreachable in ["/tools/cçmp/", "/../x/", "/tools/%2E%2e/", "/tools//ccmp/", "/./ccmp"] {
            assert!(problem(unreachable).is_some(), "{unreachable}");
        }
        assert_eq!(problem("/"), None);
    }
}
