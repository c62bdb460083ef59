//! The end-to-end harness: the real `ccmp-server` on a fresh database serving the release panel, and
//! Chromium driven through chromedriver. A journey is a short test function:
//!
//! ```ignore
//! #[tokio::test]
//! async fn a_moderator_sees_the_seeded_conferences() {
//!     Journey::new("seeded").run(|app| async move {
//!         let page = app.open().await?;
//!         page.connect(&app.moderator()).await?;
//!         page.wait_for_text("Weekly sync").await?;
//!         Ok(())
//!     }).await;
//! }
//! ```
//!
//! On failure the harness saves a screenshot and the HTML of every open page to `target/e2e-screenshots/`,
//! and prints the pages' console errors and the server's log. A journey also fails when a page logged a
//! console error it did not allow ([`Journey::allow_console_error`]).
//!
//! What it needs, found through the environment (`cargo xtask test` sets all of it) or defaults:
//! `CCMP_E2E_DIST` (the release panel; default `target/panel-dist`), `CCMP_E2E_SERVER` (default
//! `target/debug/ccmp-server`), `CHROMEDRIVER` (`/usr/bin/chromedriver`), `CHROMIUM` (`/usr/bin/chromium`),
//! `CCMP_E2E_AXE` (axe-core's `axe.min.js`, default `tools/axe/...`), `CCMP_E2E_WAIT_SECS` (how long the
//! finders wait, default 20).

// A harness: not every journey uses every helper.
#![allow(dead_code, unused_imports)]

mod browser;
mod finders;
mod journey;
mod proxy;
mod server;

pub use browser::{ConsoleEntry, Page};
pub use journey::{App, Journey};
pub use proxy::Proxy;
pub use server::{Moderator, Server};

/// `anyhow::Result`, the error type of journeys and of the harness.
pub type Result<T = ()> = anyhow::Result<T>;

use std::path::PathBuf;
use std::time::Duration;

/// The cargo target directory this test binary was built in (`<target>/debug/deps/e2e-…`).
fn target_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent()?.parent()?.parent().map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

fn env_path(name: &str, default: PathBuf) -> PathBuf {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or(default)
}

/// The release build of the panel.
fn dist_dir() -> Result<PathBuf> {
    let dist = env_path("CCMP_E2E_DIST", target_dir().join("panel-dist"));
    if !dist.join("index.html").is_file() {
        anyhow::bail!(
            "no release panel in {} (CCMP_E2E_DIST): build it with `cargo xtask dist --dist {}`, \
             or run the end-to-end tests through `cargo xtask test e2e`",
            dist.display(),
            dist.display()
        );
    }
    Ok(dist)
}

fn server_binary() -> Result<PathBuf> {
    let binary = env_path("CCMP_E2E_SERVER", target_dir().join("debug/ccmp-server"));
    if !binary.is_file() {
        anyhow::bail!("no server binary at {} (CCMP_E2E_SERVER): run `cargo build -p ccmp-server`", binary.display());
    }
    Ok(binary)
}

fn chromedriver_binary() -> PathBuf {
    env_path("CHROMEDRIVER", PathBuf::from("/usr/bin/chromedriver"))
}

fn chromium_binary() -> PathBuf {
    env_path("CHROMIUM", PathBuf::from("/usr/bin/chromium"))
}

/// axe-core's script, which `cargo xtask toolchain` installs from npm into `tools/axe`.
fn axe_script() -> Result<PathBuf> {
    let default = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tools/axe/node_modules/axe-core/axe.min.js");
    let script = env_path("CCMP_E2E_AXE", default);
    if !script.is_file() {
        anyhow::bail!("no axe-core at {} (CCMP_E2E_AXE): run `cargo xtask toolchain`", script.display());
    }
    Ok(script)
}

fn screenshot_dir() -> PathBuf {
    target_dir().join("e2e-screenshots")
}

/// How long finders wait for the page to show something. Generous: these machines are shared and slow,
/// and a wait that succeeds returns as soon as the thing shows.
fn wait_limit() -> Duration {
    let secs = std::env::var("CCMP_E2E_WAIT_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    Duration::from_secs(secs)
}

/// A port on 127.0.0.1 that was free a moment ago (for chromedriver, which cannot report one it picked).
fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// A random token for passwords and names, from the OS's generator.
fn random_token() -> Result<String> {
    let mut bytes = [0u8; 12];
    std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom")?, &mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
