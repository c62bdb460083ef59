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
        url: String,
        /// The message file; `-` or nothing reads standard input.
        file: Option<String>,
        /// Give up after this many seconds (RFC 6503 recommends 30, at most 60).
        #[arg(long, default_value_t = 30)]
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
