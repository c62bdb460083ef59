//! Development commands for the CCMP moderator panel, reached through `cargo xtask` (an alias in
//! `.cargo/config.toml`).
//!
//! - `cargo xtask run`: the panel (release build) served by `ccmp-server` on http://127.0.0.1:8080.
//! - `cargo xtask test`: everything CI checks, with a summary; non-zero exit on any failure.
//! - `cargo xtask bench`: every benchmark, figures written to `BENCHMARKS.md`.
//! - `cargo xtask fuzz`: a bounded cargo-fuzz run of the protocol crate's decoders.
//! - `cargo xtask toolchain`: install what the others need (they all do this first).

mod bench;
mod bundle;
mod fuzz;
mod project;
mod run;
mod sh;
mod test;
mod toolchain;
mod trunk;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about = "Development commands for the CCMP moderator panel")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the panel in release, start ccmp-server with it on 127.0.0.1, run until Ctrl-C.
    Run(run::Args),
    /// Run everything CI checks: fmt, clippy (native and wasm32), tests (native, wasm in Chromium,
    /// schema, end-to-end) and the release build.
    Test(test::Args),
    /// Run every benchmark of the workspace and record the figures in BENCHMARKS.md.
    Bench(bench::Args),
    /// Fuzz the protocol crate's decoders for a bounded time (cargo-fuzz, nightly).
    Fuzz(fuzz::Args),
    /// Check the toolchain and install what is missing (every other command does this first).
    Toolchain,
    /// Build the panel in release with trunk and print the bundle sizes.
    Dist(trunk::Args),
}

fn main() {
    let cli = Cli::parse();
    let project = project::Project::locate();
    let result = match cli.command {
        Command::Run(args) => run::run(&project, args),
        Command::Test(args) => test::run(&project, args),
        Command::Bench(args) => bench::run(&project, args),
        Command::Fuzz(args) => fuzz::run(&project, args),
        Command::Toolchain => toolchain::Toolchain::locate(&project).ensure().map(|_| ()),
        Command::Dist(args) => trunk::run(&project, args),
    };
    if let Err(e) = result {
        eprintln!("\nerror: {e:#}");
        std::process::exit(1);
    }
}
