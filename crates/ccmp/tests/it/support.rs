//! Paths to the vendored spec and a schema check through xmllint (the server's tests include this file too:
//! `crates/ccmp-server/tests/it/schema.rs`, and so do the panel's, `src/state/mod.rs`).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The protocol references vendored in the repository (`spec/`), from the package that includes this file:
/// one under `crates/`, or the panel at the root.
pub fn spec_dir() -> PathBuf {
    let package = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    match package.join("spec") {
        here if here.is_dir() => here,
        _ => package.join("../../spec"),
    }
}

/// Validates `xml` against the RFC 6503 schema with xmllint; the error names the problem. The document goes
/// through xmllint's standard input, so nothing is left behind in the temporary directory.
pub fn validate(xml: &str) -> Result<(), String> {
    let mut child = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(spec_dir().join("xsd/xcon-ccmp.xsd"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("xmllint could not run ({e}); install it with: apt-get install libxml2-utils"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(xml.as_bytes()).map_err(|e| format!("writing to xmllint: {e}"))?;
    }
    let out = child.wait_with_output().map_err(|e| format!("xmllint: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}\n{xml}", String::from_utf8_lossy(&out.stderr)))
    }
}
