//! `ccmp`: format CCMP messages, print the response-code registry, send a message to a server.

mod codes;
mod fmt;
mod input;
mod send;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "ccmp", version, about = "Format, inspect and send CCMP (RFC 6503) messages")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode a CCMP message leniently and print its canonical encoding (exit 2 if it does not decode).
    Fmt {
        /// The message file; `-` or nothing reads standard input.
        file: Option<String>,
        /// Print the compact wire form instead of the indented one.
        #[arg(long)]
        compact: bool,
    },
    /// Print the response-code registry as a table.
    Codes,
    /// POST a message to a CCMP server and print the response.
    ///
    /// Exit status by outcome: 0 for a 2xx CCMP response code, 4 for 4xx, 5 for 5xx (and codes outside
    /// the registry, treated as 500), 2 when the message to send does not decode, 3 when no CCMP response
    /// came back (unreachable, timeout, HTTP error, a body that is not CCMP).
    Send {
        /// The server's CCMP URL, such as http://127.0.0.1:8080/ccmp.
        #[arg(value_parser = server_url)]
        url: String,
        /// The message file; `-` or nothing reads standard input.
        file: Option<String>,
        /// Give up after this many seconds (RFC 6503 recommends 30, at most 60).
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=60))]
        timeout: u64,
        /// Print the response as it came, not re-indented.
        #[arg(long)]
        raw: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Fmt { file, compact } => fmt::run(file.as_deref(), compact),
        Command::Codes => codes::run(),
        Command::Send { url, file, timeout, raw } => send::run(&url, file.as_deref(), timeout, raw),
    }
}

/// A URL `send` can post to: `http://` or `https://` and a host (QA: `127.0.0.1:8080/ccmp` gave only
/// "http: invalid format").
fn server_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let host = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"));
    match host {
        Some(rest) if !rest.is_empty() && !rest.starts_with('/') => Ok(url.to_owned()),
        _ => Err(format!("not an http:// or https:// URL with a host, such as http://127.0.0.1:8080/ccmp: {url:?}")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_server_url_needs_a_scheme_and_a_host() {
        assert_eq!(super::server_url(" http://127.0.0.1:8080/ccmp ").as_deref(), Ok("http://127.0.0.1:8080/ccmp"));
        assert!(super::server_url("https://ccmp.example.org/ccmp").is_ok());
        for wrong in ["127.0.0.1:8080/ccmp", "http://", "http:///ccmp", "ftp://x/ccmp"] {
            assert!(super::server_url(wrong).is_err(), "{wrong}");
        }
    }
}
