//! `cargo xtask fuzz`: a bounded cargo-fuzz run (libFuzzer, nightly) of every fuzz target of the protocol
//! crate, seeded with the RFC 6503 example messages.

use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::project::Project;
use crate::sh;

#[derive(clap::Args)]
pub struct Args {
    /// Seconds per fuzz target.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Only these targets (default: every target `cargo fuzz list` names).
    targets: Vec<String>,
}

pub fn run(project: &Project, args: Args) -> Result<()> {
    let crate_dir = project.root.join("crates/ccmp");
    let fuzz_dir = crate_dir.join("fuzz");
    if !fuzz_dir.join("Cargo.toml").is_file() {
        bail!("{} has no fuzz crate yet (cargo-fuzz's `fuzz/Cargo.toml`)", crate_dir.display());
    }
    ensure_nightly()?;
    ensure_cargo_fuzz()?;

    let fuzz = || {
        let mut cmd = Command::new("cargo");
        cmd.args(["+nightly", "fuzz"]).current_dir(&crate_dir);
        cmd
    };
    let listed = sh::read(fuzz().arg("list")).context("`cargo +nightly fuzz list` failed")?;
    let all: Vec<String> = listed.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
    let targets = if args.targets.is_empty() { all.clone() } else { args.targets.clone() };
    if let Some(unknown) = targets.iter().find(|t| !all.contains(t)) {
        bail!("no fuzz target `{unknown}`; there are: {}", all.join(", "));
    }
    if targets.is_empty() {
        bail!("`cargo fuzz list` names no target in {}", fuzz_dir.display());
    }
    let seeds = project.root.join("spec/examples/rfc6503");
    for target in &targets {
        // The first corpus folder collects what libFuzzer finds (git-ignored); the RFC examples seed it.
        let corpus = fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).with_context(|| format!("creating {}", corpus.display()))?;
        let mut run = fuzz();
        run.args(["run", target, "--target-dir"])
            .arg(project.target.join("fuzz"))
            .arg(&corpus)
            .arg(&seeds)
            .arg("--")
            .arg(format!("-max_total_time={}", args.seconds));
        sh::run(&mut run).with_context(|| {
            format!(
                "fuzz target {target} found a failure; the input is in {}",
                fuzz_dir.join("artifacts").join(target).display()
            )
        })?;
    }
    println!("fuzzed {} for {} s each: no failure", targets.join(", "), args.seconds);
    Ok(())
}

fn ensure_nightly() -> Result<()> {
    if sh::read(Command::new("cargo").args(["+nightly", "--version"])).is_none() {
        let mut install = Command::new("rustup");
        install.args(["toolchain", "install", "nightly", "--profile", "minimal"]);
        sh::run(&mut install).context("the nightly toolchain is missing; fix: `rustup toolchain install nightly`")?;
    }
    Ok(())
}

fn ensure_cargo_fuzz() -> Result<()> {
    if sh::read(Command::new("cargo").args(["+nightly", "fuzz", "--version"])).is_some() {
        return Ok(());
    }
    let install = |locked: bool| {
        let mut cmd = Command::new("cargo");
        cmd.arg("install").args(locked.then_some("--locked")).arg("cargo-fuzz").env_remove("CARGO_TARGET_DIR");
        sh::run(&mut cmd)
    };
    // As with wasm-bindgen-cli, a registry mirror may lack a crate of the locked set.
    if install(true).is_err() {
        install(false).context("cargo-fuzz is missing; fix: `cargo install --locked cargo-fuzz`")?;
    }
    Ok(())
}
