//! Writing what a command prints. `print!` and `eprint!` panic when the stream cannot be written (a full
//! disk, a closed descriptor): `ccmp send > /dev/full` ended in a backtrace, after the server had made the
//! change (QA).

use std::io::Write;
use std::process::ExitCode;

/// The exit status of a command whose output could not be written.
pub const UNWRITTEN: u8 = 1;

/// Writes `text` to standard output. A closed pipe (`ccmp codes | head -1`) is no failure: its reader had
/// what it wanted. Any other error is: what was asked for is not there.
pub fn stdout(text: &str) -> Result<(), ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            say(&format!("ccmp: cannot write to standard output: {e}"));
            Err(ExitCode::from(UNWRITTEN))
        }
        _ => Ok(()),
    }
}

/// Writes `line` to standard error, if it can be written at all.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}
