//! `ccmp fmt`: decode leniently, print the canonical encoding.

use std::process::ExitCode;

use ccmp::codec::{decode, encode_pretty, Message};

pub fn run(file: Option<&str>, compact: bool) -> ExitCode {
    let text = match crate::input::read(file) {
        Ok(text) => text,
        Err(e) => {
            crate::out::say(&format!("ccmp fmt: {e}"));
            return ExitCode::from(2);
        }
    };
    let message = match decode(&text) {
        Ok(m) => m,
        Err(e) => {
            crate::out::say(&format!("ccmp fmt: {}: {e}", file.unwrap_or("-")));
            return ExitCode::from(2);
        }
    };
    let out = if compact {
        match &message {
            Message::Request(r) => r.to_xml() + "\n",
            Message::Response(r) => r.to_xml() + "\n",
        }
    } else {
        encode_pretty(&message)
    };
    // The schemas take extensions in other namespaces only: an element of the data model's own that they do
    // not declare is a misspelling, which a server refuses (400) or, worse, stores and ignores.
    for name in ccmp::xcon::declared::undeclared(&text) {
        crate::out::say(&format!(
            "ccmp fmt: warning: {name} is not an element of the XCON data model (RFC 4575, RFC 6501): misspelt?"
        ));
    }
    for name in ccmp::xcon::declared::undeclared_attributes(&text) {
        crate::out::say(&format!(
            "ccmp fmt: warning: {name} is not an attribute of the XCON data model (RFC 4575, RFC 6501): misspelt? \
             Its attributes take no prefix"
        ));
    }
    let written = crate::out::stdout(&out);
    // The process ends here: freeing a large document piece by piece would only delay the exit.
    std::mem::forget((text, message, out));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
