//! The path the panel is served under: `/` for most deployments, `/tools/ccmp/` for one behind a reverse
//! proxy that puts it under a path. `index.html`'s `<base href>` says which (the reference server's
//! `--base-path` writes it as it sends the page; an admin serving the files elsewhere edits that one line),
//! and the page's files are named relative to it, so one build serves under any path.
//!
//! The panel's own addresses are written as if it were at `/` (`/conferences/…`, as the routes are):
//! every link, navigation and history entry goes through [`href`], and every path read from the address
//! bar through [`route`]. leptos_router's `base` is half of this only: it matches routes under the base and
//! prefixes `navigate`, but leaves an `<A href="/…">` as written.

use std::sync::OnceLock;

static BASE: OnceLock<String> = OnceLock::new();

/// Sets the base from the path of the document's base URL (`/tools/ccmp/`), once, before anything uses it.
pub fn init(base_url_path: &str) {
    let _ = BASE.set(normalized(base_url_path));
}

/// The base without its trailing slash: `""` at the root, `/tools/ccmp` under a path.
pub fn base() -> &'static str {
    BASE.get().map_or("", String::as_str)
}

/// The address of the panel's page `path` (`/conferences`, with a leading slash, a query allowed).
pub fn href(path: &str) -> String {
    joined(base(), path)
}

/// The panel's page named by the address bar's path: `/conferences` for `/tools/ccmp/conferences`.
pub fn route(pathname: &str) -> &str {
    stripped(base(), pathname)
}

/// The CCMP endpoint a deployment has by default: the reference server's `/ccmp`, under the same base as
/// the panel (a proxy forwarding `/tools/ccmp/` to the server forwards its endpoint with it).
pub fn default_server() -> String {
    href("/ccmp")
}

fn normalized(path: &str) -> String {
    let path = path.trim().trim_end_matches('/');
    if path.is_empty() || path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    }
}

fn joined(base: &str, path: &str) -> String {
    if path.starts_with('/') {
        format!("{base}{path}")
    } else {
        format!("{base}/{path}")
    }
}

fn stripped<'a>(base: &str, pathname: &'a str) -> &'a str {
    if base.is_empty() {
        return pathname;
    }
    match pathname.strip_prefix(base) {
        Some("") => "/",
        Some(rest) if rest.starts_with('/') => rest,
        // Not under the base (a page of the same site the router was not given): as it is.
        _ => pathname,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_no_prefix() {
        assert_eq!(normalized("/"), "");
        assert_eq!(joined("", "/conferences"), "/conferences");
        assert_eq!(stripped("", "/conferences/x"), "/conferences/x");
    }

    #[test]
    fn a_path_prefixes_every_address_and_is_taken_off_what_is_read() {
        let base = normalized("/tools/ccmp/");
        assert_eq!(base, "/tools/ccmp");
        assert_eq!(joined(&base, "/conferences/xcon:a@b?tab=users"), "/tools/ccmp/conferences/xcon:a@b?tab=users");
        assert_eq!(joined(&base, "config.json"), "/tools/ccmp/config.json");
        assert_eq!(stripped(&base, "/tools/ccmp/conferences"), "/conferences");
        assert_eq!(stripped(&base, "/tools/ccmp"), "/");
        assert_eq!(stripped(&base, "/tools/ccmp/"), "/");
        // A longer name that starts alike is another path, not under the base.
        assert_eq!(stripped(&base, "/tools/ccmpx/conferences"), "/tools/ccmpx/conferences");
    }
}
