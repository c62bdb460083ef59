//! Paths to the vendored spec and a schema check through xmllint.

use std::path::PathBuf;
use std::process::Command;

/// The protocol references vendored in the repository (`spec/`).
pub fn spec_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../spec")
}

/// Validates `xml` against the RFC 6503 schema with xmllint; the error names the problem.
pub fn validate(xml: &str) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("ccmp-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let file = dir.join(format!("{:x}.xml", fxhash(xml)));
    std::fs::write(&file, xml).map_err(|e| e.to_string())?;
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(spec_dir().join("xsd/xcon-ccmp.xsd"))
        .arg(&file)
        .output()
        .map_err(|e| format!("xmllint could not run ({e}); install it with: apt-get install libxml2-utils"))?;
    let _ = std::fs::remove_file(&file);
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{}\n{xml}", String::from_utf8_lossy(&out.stderr)))
    }
}

fn fxhash(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}
