//! `cargo xtask test`: everything CI checks. Every step runs even after a failure, so the summary at the end
//! is complete; the exit code is non-zero if any step failed.

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::bundle::Bundle;
use crate::project::Project;
use crate::toolchain::{Toolchain, WASM_TARGET};
use crate::{sh, trunk};

#[derive(clap::Args)]
pub struct Args {
    /// Run only these steps (the toolchain check always runs): fmt, clippy, clippy-wasm, test, schema,
    /// test-wasm, dist, e2e.
    steps: Vec<String>,
    /// Passed to the end-to-end test binary after `--`: a test name filter, `--nocapture`.
    #[arg(last = true)]
    e2e_args: Vec<String>,
}

const STEPS: [&str; 8] = ["fmt", "clippy", "clippy-wasm", "test", "schema", "test-wasm", "dist", "e2e"];

pub fn run(project: &Project, args: Args) -> Result<()> {
    if let Some(unknown) = args.steps.iter().find(|s| !STEPS.contains(&s.as_str())) {
        bail!("no step `{unknown}`; the steps are: {}", STEPS.join(", "));
    }
    let wanted = |step: &str| args.steps.is_empty() || args.steps.iter().any(|s| s == step);
    let toolchain = Toolchain::locate(project);
    let dist = project.test_dist();
    let mut report = Report::default();

    report.step("toolchain", || toolchain.ensure());
    if wanted("fmt") {
        report.step("fmt", || sh::run(toolchain.cargo().args(["fmt", "--all", "--check"])));
    }
    if wanted("clippy") {
        report.step("clippy", || {
            let mut clippy = toolchain.cargo();
            clippy.args(["clippy", "--workspace", "--all-targets", "--features", "ccmp-panel/e2e"]);
            sh::run(clippy.args(["--", "-D", "warnings"]))
        });
    }
    if wanted("clippy-wasm") {
        report.step("clippy-wasm", || {
            let mut clippy = toolchain.cargo();
            clippy.args(["clippy", "-p", "ccmp-panel", "--target", WASM_TARGET, "--all-targets"]);
            sh::run(clippy.args(["--", "-D", "warnings"]))
        });
    }
    if wanted("test") {
        report.step("test", || sh::run(toolchain.cargo().args(["test", "--workspace"])));
    }
    if wanted("schema") {
        report.step("schema", || schema(project, &toolchain));
    }
    if wanted("test-wasm") {
        report.step("test-wasm", || {
            let mut test = toolchain.cargo();
            test.args(["test", "-p", "ccmp-panel", "--target", WASM_TARGET]);
            // Chromium inherits chromedriver's time zone: UTC+05:30, as in the end-to-end tests, so that a
            // time read on the wrong clock (UTC for the moderator's) shows.
            sh::run(test.env("CHROMEDRIVER", toolchain.chromedriver()).env("TZ", "Asia/Kolkata"))
        });
    }
    let dist_built = wanted("dist") || wanted("e2e");
    if dist_built {
        report.step("dist", || {
            trunk::build_release(&toolchain, &dist)?;
            println!("{}", Bundle::measure(&dist)?.table());
            Ok(())
        });
    }
    if wanted("e2e") {
        if report.passed("dist") {
            report.step("e2e", || e2e(project, &toolchain, &dist, &args.e2e_args));
        } else {
            report.skip("e2e", "needs the release build of the panel");
        }
    }
    report.finish()
}

/// Emitted XML against the RFC 6503 schema: the protocol crate's integration tests validate what its
/// encoder writes with `xmllint --schema` (crates/ccmp/tests/it/support.rs), in its `schema` and `examples`
/// modules. This step makes sure xmllint and the schema are there, so that those tests really check
/// something, runs them, and fails if the filters matched no test.
fn schema(project: &Project, toolchain: &Toolchain) -> Result<()> {
    // xmllint prints its version on stderr; that it runs is what matters.
    if sh::read(toolchain.command("xmllint").arg("--version")).is_none() {
        bail!("xmllint does not run; install it with `apt-get install -y libxml2-utils`");
    }
    let xsd = project.root.join("spec/xsd/xcon-ccmp.xsd");
    if !xsd.is_file() {
        bail!("the schema {} is missing", xsd.display());
    }
    // `--workspace` keeps the feature set of the `test` step, so nothing is rebuilt (`-p ccmp` would).
    let mut test = toolchain.cargo();
    test.args(["test", "--workspace", "--test", "it", "--", "schema::", "examples::"]);
    let output = sh::run_tee(&mut test)?;
    let ran: u64 = output
        .lines()
        .filter_map(|l| l.strip_prefix("test result: ok. "))
        .filter_map(|l| l.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    if ran == 0 {
        bail!("no schema test ran: the filters `schema::` and `examples::` match no test of crates/ccmp/tests/it");
    }
    Ok(())
}

/// The end-to-end tests: the real server (debug build) on a fresh database serving the release panel,
/// driven through chromedriver (tests/e2e/support).
fn e2e(project: &Project, toolchain: &Toolchain, dist: &Path, extra: &[String]) -> Result<()> {
    sh::run(toolchain.cargo().args(["build", "-p", "ccmp-server"]))?;
    let mut test = toolchain.cargo();
    test.args(["test", "-p", "ccmp-panel", "--features", "e2e", "--test", "e2e"])
        .env("CCMP_E2E_DIST", dist)
        .env("CCMP_E2E_SERVER", project.server_binary(false))
        .env("CHROMEDRIVER", toolchain.chromedriver())
        .env("CHROMIUM", toolchain.chromium())
        .env("CCMP_E2E_AXE", toolchain.axe_script());
    if !extra.is_empty() {
        test.arg("--").args(extra);
    }
    let screenshots = project.target.join("e2e-screenshots");
    sh::run(&mut test).with_context(|| format!("end-to-end tests failed (screenshots in {})", screenshots.display()))
}

#[derive(Default)]
struct Report {
    rows: Vec<Row>,
}

struct Row {
    name: &'static str,
    outcome: Outcome,
    time: Duration,
}

enum Outcome {
    Pass,
    Fail(String),
    Skip(&'static str),
}

impl Report {
    fn step(&mut self, name: &'static str, body: impl FnOnce() -> Result<()>) {
        eprintln!("\n==> {name}");
        let start = Instant::now();
        let outcome = match body() {
            Ok(()) => Outcome::Pass,
            Err(e) => {
                eprintln!("==> {name} FAILED: {e:#}");
                Outcome::Fail(format!("{e:#}"))
            }
        };
        self.rows.push(Row { name, outcome, time: start.elapsed() });
    }

    fn skip(&mut self, name: &'static str, why: &'static str) {
        eprintln!("\n==> {name} skipped: {why}");
        self.rows.push(Row { name, outcome: Outcome::Skip(why), time: Duration::ZERO });
    }

    fn passed(&self, name: &str) -> bool {
        self.rows.iter().any(|r| r.name == name && matches!(r.outcome, Outcome::Pass))
    }

    fn finish(self) -> Result<()> {
        let total: Duration = self.rows.iter().map(|r| r.time).sum();
        println!("\n{:<12} {:<6} {:>8}", "step", "result", "time");
        for row in &self.rows {
            let (result, note) = match &row.outcome {
                Outcome::Pass => ("pass", String::new()),
                Outcome::Fail(e) => ("FAIL", e.lines().next().unwrap_or_default().to_string()),
                Outcome::Skip(why) => ("skip", why.to_string()),
            };
            println!("{:<12} {result:<6} {:>8}  {note}", row.name, sh::duration(row.time));
        }
        let count = |f: fn(&Outcome) -> bool| self.rows.iter().filter(|r| f(&r.outcome)).count();
        let passed = count(|o| matches!(o, Outcome::Pass));
        let failed = count(|o| matches!(o, Outcome::Fail(_)));
        let skipped = count(|o| matches!(o, Outcome::Skip(_)));
        println!("{:<12} {:<6} {:>8}", "total", "", sh::duration(total));
        println!("steps: {passed} passed, {failed} failed, {skipped} skipped");
        if passed < self.rows.len() {
            bail!("{} of {} steps did not pass", self.rows.len() - passed, self.rows.len());
        }
        Ok(())
    }
}
