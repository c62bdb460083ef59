//! The panel's release build with trunk: always offline (it must never try to download a tool), with the
//! project's wasm-opt first on PATH.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::bundle;
use crate::project::Project;
use crate::sh;
use crate::toolchain::Toolchain;

#[derive(clap::Args)]
pub struct Args {
    /// Output directory (default: dist/ in the workspace root).
    #[arg(long)]
    dist: Option<PathBuf>,
}

/// `cargo xtask dist`: the release build and its sizes.
pub fn run(project: &Project, args: Args) -> Result<()> {
    let toolchain = Toolchain::locate(project);
    toolchain.ensure()?;
    let dist = args.dist.unwrap_or_else(|| project.root.join("dist"));
    build_release(&toolchain, &dist)?;
    println!("{}", bundle::Bundle::measure(&dist)?.table());
    Ok(())
}

/// `trunk build --release` of the panel into `dist` (trunk replaces the folder as a whole), then the
/// compressed copies the server sends.
pub fn build_release(toolchain: &Toolchain, dist: &Path) -> Result<()> {
    let mut trunk = toolchain.command("trunk");
    trunk
        .args(["build", "--release", "--offline", "--dist"])
        .arg(dist)
        .env("TRUNK_OFFLINE", "true")
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    sh::run(&mut trunk).context("the panel's release build failed")?;
    bundle::precompress(dist, &toolchain.project().target.join("precompressed"))
}
