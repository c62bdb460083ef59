//! `ccmp fmt`: decode leniently, print the canonical encoding.

use std::io::Write;
use std::process::ExitCode;

use ccmp::codec::{decode, encode_pretty, Message};

pub fn run(file: Option<&str>, compact: bool) -> ExitCode {
    let text = match crate::input::read(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("ccmp fmt: {e}");
            return ExitCode::from(2);
        }
    };
    let message = match decode(&text) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("ccmp fmt: {}: {e}", file.unwrap_or("-"));
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
    // A closed pipe (`ccmp fmt big.xml | head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    // The process ends here: freeing a large document piece by piece would only delay the exit.
    std::mem::forget((text, message, out));
    ExitCode::SUCCESS
}
