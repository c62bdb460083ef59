//! `ccmp`: format CCMP messages, print the response-code registry, send a message to a server.

mod codes;
mod fmt;
mod input;
mod out;
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
    /// Decode a CCMP message leniently and print its canonical encoding (exit 2 if it cannot be read or does
    /// not decode, 1 if the encoding could not be written out); warns of data-model elements the schemas do
    /// not declare (a misspelling).
    Fmt {
        /// The message file; `-` or nothing reads standard input.
        file: Option<String>,
        /// Print the compact wire form instead of the indented one.
        #[arg(long)]
        compact: bool,
    },
    /// Print the response-code registry as a table (exit 1 if it could not be written out).
    Codes,
    /// POST a message to a CCMP server and print the response.
    ///
    /// The credentials go in the message, in its <subject> (username and password), as CCMP carries them;
    /// nothing secret goes on the command line. The response goes to standard output, its code line to
    /// standard error.
    ///
    /// Exit status by outcome: 0 for a 2xx CCMP response code, 4 for 4xx, 5 for 5xx (and codes outside
    /// the registry, treated as 500), 2 when the message (or --cacert) cannot be read or does not decode,
    /// 3 when no CCMP response came back (unreachable, timeout, HTTP error, a redirect to another server, a
    /// body that is not CCMP), 1 when the response could not be written out. A redirect on the same server (or
    /// to its https address) is followed, up to 5 in a row: the request holds the credentials.
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
        /// Trust the certificate authorities in this PEM file instead of the built-in ones, for a server
        /// whose certificate an organisation's own CA signed.
        #[arg(long, env = "SSL_CERT_FILE", value_name = "FILE")]
        cacert: Option<String>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Fmt { file, compact } => fmt::run(file.as_deref(), compact),
        Command::Codes => codes::run(),
        Command::Send { url, file, timeout, raw, cacert } => {
            send::run(send::Send { url: &url, file: file.as_deref(), timeout, raw, cacert })
        }
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
