//! `cargo xtask bench`: every benchmark of the workspace, figures written into BENCHMARKS.md, one section
//! per benchmark, each with the command that produced it and when.
//!
//! Three kinds of benchmark:
//! - the release bundle's size (built in);
//! - bench targets: every `[[bench]]` target of the workspace, found through `cargo metadata`, is run with
//!   `cargo bench -p PACKAGE --bench NAME`. A criterion bench's results are read from `target/criterion`
//!   into a table; a bench with its own `main` (`harness = false`, not criterion) prints a markdown
//!   fragment on stdout (progress on stderr), which becomes its section as written;
//! - anything else (a load generator against the server, a measurement in the browser): an entry in
//!   [`EXTERNAL`]. Either its whole stdout is a markdown fragment (a program of its own: an example run
//!   with `cargo run`), or, when it runs under a test harness whose stdout is noisy, it prints each figure
//!   on a line starting with `BENCH `: `BENCH name: figures` becomes a bullet, `BENCH | a | b |` a table row.
//!   Progress goes to stderr. It gets the environment of [`external_env`] and its own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::SystemTime;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::bundle::Bundle;
use crate::project::Project;
use crate::toolchain::Toolchain;
use crate::{sh, trunk};

/// A benchmark that is not a `[[bench]]` target.
struct External {
    /// Section name, for `cargo xtask bench NAME`.
    name: &'static str,
    /// Section heading in BENCHMARKS.md.
    title: &'static str,
    /// Program and arguments separated by spaces, run in the workspace root.
    command: &'static str,
    /// Its stdout is a markdown fragment as a whole (else only its `BENCH ` lines count).
    markdown: bool,
    /// Environment of its own, on top of [`external_env`].
    env: &'static [(&'static str, &'static str)],
    /// A `[[bench]]` target (package, bench) this entry runs itself, so the sweep of bench targets leaves it out.
    bench_target: Option<(&'static str, &'static str)>,
}

/// Register benchmarks that are not `[[bench]]` targets here (see the module comment).
const EXTERNAL: &[External] = &[
    External {
        name: "panel-navigation",
        title: "Panel: from navigation to an interactive list of 50 conferences (headless Chromium, release server)",
        command: "cargo test -p ccmp-panel --features e2e --test e2e panel_bench::navigation -- --nocapture",
        markdown: false,
        env: &[("CCMP_PANEL_BENCH", "1")],
        bench_target: None,
    },
    External {
        name: "panel-bulk",
        title: "Panel: Mute all participants on 120 people and its Undo, each answer 50 ms late (headless Chromium, release server)",
        command: "cargo test -p ccmp-panel --features e2e --test e2e panel_bench::mute_all -- --nocapture",
        markdown: false,
        env: &[("CCMP_PANEL_BENCH", "1")],
        bench_target: None,
    },
    External {
        name: "panel-decode",
        title: "Panel: decoding a 10,000-user confResponse in the browser, ccmp (wasm) against DOMParser; the list's row of it; the overview of it",
        command: "cargo test -p ccmp-panel --profile wasm-release --target wasm32-unknown-unknown --test web_bench -- --nocapture",
        markdown: false,
        env: &[("CCMP_PANEL_BENCH", "1")],
        bench_target: None,
    },
    External {
        name: "panel-users",
        title: "Panel: the users tab with 10,000 users (headless Chromium, release server)",
        command: "cargo run -p ccmp-panel --features e2e --example users_bench",
        markdown: true,
        env: &[],
        bench_target: None,
    },
];

#[derive(clap::Args)]
pub struct Args {
    /// Run only these sections (`bundle`, a package name, `PACKAGE/BENCH`, or an external name).
    names: Vec<String>,
    /// List the sections and exit.
    #[arg(long)]
    list: bool,
}

pub fn run(project: &Project, args: Args) -> Result<()> {
    let toolchain = Toolchain::locate(project);
    let targets = bench_targets(&toolchain)?;
    let mut sections: Vec<String> = vec!["bundle".into()];
    sections.extend(targets.iter().map(|(p, b)| format!("{p}/{b}")));
    sections.extend(EXTERNAL.iter().map(|e| e.name.to_string()));
    if args.list {
        sections.iter().for_each(|s| println!("{s}"));
        return Ok(());
    }
    let selected = |section: &str| {
        args.names.is_empty() || args.names.iter().any(|n| n == section || section.split('/').next() == Some(n))
    };
    if let Some(unknown) =
        args.names.iter().find(|n| !sections.iter().any(|s| s == *n || s.starts_with(&format!("{n}/"))))
    {
        bail!("no benchmark `{unknown}`; there are: {}", sections.join(", "));
    }
    toolchain.ensure()?;
    let stamp = Stamp::now(&toolchain);
    let file = project.root.join("BENCHMARKS.md");
    let mut doc = Doc::read(&file)?;
    let mut failures = Vec::new();

    // The bundle section measures the release panel, and external benchmarks may serve it.
    let dist = project.test_dist();
    if selected("bundle") || EXTERNAL.iter().any(|e| selected(e.name)) {
        trunk::build_release(&toolchain, &dist)?;
    }
    if selected("bundle") {
        let body = Bundle::measure(&dist)?.markdown();
        doc.set("bundle", "Release bundle size", &stamp, "cargo xtask bench bundle", &body);
    }
    for (i, (package, bench)) in targets.iter().enumerate() {
        let name = format!("{package}/{bench}");
        if !selected(&name) {
            continue;
        }
        match run_bench_target(project, &toolchain, &targets, i) {
            Ok(body) => doc.set(
                &name,
                &format!("{package}: bench `{bench}`"),
                &stamp,
                &format!("cargo xtask bench {name}"),
                &body,
            ),
            Err(e) => failures.push(format!("{name}: {e:#}")),
        }
        doc.write(&file)?;
    }
    for external in EXTERNAL.iter().filter(|e| selected(e.name)) {
        match run_external(project, &toolchain, external, &dist) {
            Ok(body) => {
                doc.set(external.name, external.title, &stamp, &format!("cargo xtask bench {}", external.name), &body)
            }
            Err(e) => failures.push(format!("{}: {e:#}", external.name)),
        }
        doc.write(&file)?;
    }
    doc.write(&file)?;
    println!("\nwrote {}", file.display());
    if !failures.is_empty() {
        bail!("some benchmarks failed:\n  {}", failures.join("\n  "));
    }
    Ok(())
}

/// Every `[[bench]]` target of the workspace's packages, but those an external entry runs itself.
fn bench_targets(toolchain: &Toolchain) -> Result<Vec<(String, String)>> {
    let mut metadata = toolchain.cargo();
    metadata.args(["metadata", "--no-deps", "--format-version", "1"]).stderr(Stdio::inherit());
    let out = metadata.output().context("running cargo metadata")?;
    if !out.status.success() {
        bail!("`cargo metadata` failed");
    }
    let json: Value = serde_json::from_slice(&out.stdout).context("reading cargo metadata")?;
    let mut targets = Vec::new();
    for package in json["packages"].as_array().into_iter().flatten() {
        let package_name = package["name"].as_str().unwrap_or_default();
        for target in package["targets"].as_array().into_iter().flatten() {
            let is_bench = target["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "bench"));
            let name = target["name"].as_str().unwrap_or_default();
            let claimed = EXTERNAL.iter().any(|e| e.bench_target == Some((package_name, name)));
            if is_bench && !claimed {
                targets.push((package_name.to_string(), name.to_string()));
            }
        }
    }
    targets.sort();
    Ok(targets)
}

fn run_bench_target(
    project: &Project,
    toolchain: &Toolchain,
    targets: &[(String, String)],
    i: usize,
) -> Result<String> {
    let (package, bench) = (&targets[i].0, &targets[i].1);
    let started = SystemTime::now();
    let mut cargo = toolchain.cargo();
    cargo.args(["bench", "--bench", bench]);
    // `--workspace` keeps the features the other builds use (`-p` alone would rebuild dependencies with
    // the package's own feature set); it is enough when no other package has a bench of that name.
    if targets.iter().filter(|(_, b)| b == bench).count() == 1 {
        cargo.arg("--workspace");
    } else {
        cargo.args(["-p", package]);
    }
    let shown = sh::display(&cargo);
    let stdout = sh::run_tee(&mut cargo)?;
    let results = criterion_results(&project.target.join("criterion"), started)?;
    if results.is_empty() {
        // Not criterion: the bench printed its own markdown.
        let body = stdout.trim();
        if body.is_empty() {
            bail!("`{shown}` wrote neither criterion results nor markdown on stdout");
        }
        return Ok(format!("{body}\n"));
    }
    let mut body = String::from("| benchmark | mean | 95% interval | throughput |\n|---|---:|---:|---:|\n");
    for (id, r) in results {
        body += &format!(
            "| {id} | {} | {} – {} | {} |\n",
            time(r.mean),
            time(r.low),
            time(r.high),
            r.throughput.map(|t| t.describe(r.mean)).unwrap_or_default()
        );
    }
    Ok(body)
}

struct Estimate {
    mean: f64,
    low: f64,
    high: f64,
    throughput: Option<Throughput>,
}

enum Throughput {
    Bytes(f64),
    Elements(f64),
}

impl Throughput {
    fn describe(&self, mean_ns: f64) -> String {
        let per_second = |n: f64| n / (mean_ns / 1e9);
        match self {
            Throughput::Bytes(n) => format!("{:.1} MB/s", per_second(*n) / 1e6),
            Throughput::Elements(n) => format!("{:.0} elements/s", per_second(*n)),
        }
    }
}

/// criterion's `new/benchmark.json` and `new/estimates.json` written since `since`, by benchmark id.
fn criterion_results(dir: &Path, since: SystemTime) -> Result<BTreeMap<String, Estimate>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if !path.is_dir() {
                continue;
            }
            let benchmark = path.join("new/benchmark.json");
            let fresh = benchmark.metadata().and_then(|m| m.modified()).is_ok_and(|t| t >= since);
            if fresh {
                let info: Value = read_json(&benchmark)?;
                let estimates: Value = read_json(&path.join("new/estimates.json"))?;
                let id = info["full_id"].as_str().unwrap_or("?").to_string();
                let mean = &estimates["mean"];
                let throughput = match &info["throughput"] {
                    Value::Object(t) if t.contains_key("Bytes") => t["Bytes"].as_f64().map(Throughput::Bytes),
                    Value::Object(t) if t.contains_key("BytesDecimal") => {
                        t["BytesDecimal"].as_f64().map(Throughput::Bytes)
                    }
                    Value::Object(t) if t.contains_key("Elements") => t["Elements"].as_f64().map(Throughput::Elements),
                    _ => None,
                };
                out.insert(
                    id,
                    Estimate {
                        mean: mean["point_estimate"].as_f64().unwrap_or(f64::NAN),
                        low: mean["confidence_interval"]["lower_bound"].as_f64().unwrap_or(f64::NAN),
                        high: mean["confidence_interval"]["upper_bound"].as_f64().unwrap_or(f64::NAN),
                        throughput,
                    },
                );
            } else if path.file_name().is_some_and(|n| n != "new" && n != "base" && n != "change" && n != "report") {
                pending.push(path);
            }
        }
    }
    Ok(out)
}

fn read_json(path: &Path) -> Result<Value> {
    let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// Nanoseconds, in the unit a reader wants.
fn time(ns: f64) -> String {
    match ns {
        ns if ns < 1e3 => format!("{ns:.1} ns"),
        ns if ns < 1e6 => format!("{:.2} µs", ns / 1e3),
        ns if ns < 1e9 => format!("{:.2} ms", ns / 1e6),
        ns => format!("{:.2} s", ns / 1e9),
    }
}

/// What an external benchmark gets: the release panel and server (the end-to-end harness's variables),
/// the browser.
fn external_env(project: &Project, toolchain: &Toolchain, dist: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("CCMP_E2E_DIST", dist.to_path_buf()),
        ("CCMP_E2E_SERVER", project.server_binary(true)),
        ("CHROMEDRIVER", toolchain.chromedriver()),
        ("CHROMIUM", toolchain.chromium()),
    ]
}

fn run_external(project: &Project, toolchain: &Toolchain, external: &External, dist: &Path) -> Result<String> {
    sh::run(toolchain.cargo().args(["build", "--release", "-p", "ccmp-server"]))?;
    let mut words = external.command.split_whitespace();
    let program = words.next().context("empty command")?;
    let mut cmd = if program == "cargo" { toolchain.cargo() } else { toolchain.command(program) };
    cmd.args(words).envs(external_env(project, toolchain, dist)).envs(external.env.iter().copied());
    let shown = sh::display(&cmd);
    let output = sh::run_tee(&mut cmd)?;
    let body = if external.markdown { format!("{}\n", output.trim()) } else { bench_lines(&output) };
    if body.trim().is_empty() {
        bail!("`{shown}` printed no figures on stdout");
    }
    Ok(body)
}

/// The figures among a benchmark's output: `BENCH name: figures` lines become bullets, `BENCH | ... |`
/// lines table rows.
fn bench_lines(output: &str) -> String {
    let mut body = String::new();
    for line in output.lines() {
        let Some((_, figure)) = line.split_once("BENCH ") else { continue };
        let figure = figure.trim();
        if figure.starts_with('|') {
            body += &format!("{figure}\n");
        } else {
            body += &format!("- {figure}\n");
        }
    }
    body
}

/// When and where the figures were taken.
struct Stamp(String);

impl Stamp {
    fn now(toolchain: &Toolchain) -> Stamp {
        let rustc = sh::read(Command::new("rustc").arg("--version")).unwrap_or_else(|| "rustc ?".into());
        let mut commit =
            sh::read(toolchain.command("git").args(["rev-parse", "--short", "HEAD"])).unwrap_or_else(|| "?".into());
        // Figures of a working tree with uncommitted changes say so.
        if sh::read(toolchain.command("git").args(["diff", "--quiet", "HEAD"])).is_none() {
            commit.push_str(" (plus uncommitted changes)");
        }
        let cpu = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines().find_map(|l| {
                    l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
                })
            })
            .unwrap_or_else(|| "unknown CPU".into());
        let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
        Stamp(format!("{}, {cpu} ({cores} cores), {rustc}, commit {commit}", today()))
    }
}

/// Today's date (UTC), `YYYY-MM-DD`, as `date` gives it.
fn today() -> String {
    sh::read(Command::new("date").args(["-u", "+%F"])).unwrap_or_else(|| "(date unknown)".into())
}

/// BENCHMARKS.md: a header, then sections between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`
/// markers, replaced in place when re-measured and appended when new.
struct Doc {
    text: String,
}

const HEADER: &str = "# Benchmarks\n\n\
Figures measured on this project's machines (2 cores, shared: expect noise of a few percent). Each section \
says when, on what, and the command that produced it. `cargo xtask bench` refreshes every section; \
`cargo xtask bench NAME` one of them (`cargo xtask bench --list` names them). Written by `xtask/src/bench.rs`; \
edit the text outside the sections freely.\n";

impl Doc {
    fn read(path: &Path) -> Result<Doc> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Doc { text }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Doc { text: HEADER.to_string() }),
            Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
        }
    }

    fn set(&mut self, name: &str, title: &str, stamp: &Stamp, command: &str, body: &str) {
        let (open, close) = (format!("<!-- bench:{name} -->"), format!("<!-- /bench:{name} -->"));
        let section = format!("{open}\n## {title}\n\nMeasured {}; command: `{command}`.\n\n{body}{close}", stamp.0);
        match (self.text.find(&open), self.text.find(&close)) {
            (Some(start), Some(end)) if end > start => self.text.replace_range(start..end + close.len(), &section),
            _ => {
                if !self.text.ends_with("\n\n") {
                    self.text.push_str(if self.text.ends_with('\n') { "\n" } else { "\n\n" });
                }
                self.text.push_str(&section);
                self.text.push('\n');
            }
        }
    }

    fn write(&self, path: &Path) -> Result<()> {
        std::fs::write(path, &self.text).with_context(|| format!("writing {}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_replaced_in_place_and_new_ones_appended() {
        let stamp = Stamp("2026-01-01, cpu".into());
        let mut doc = Doc { text: HEADER.to_string() };
        doc.set("a", "A", &stamp, "cmd a", "one\n");
        doc.set("b", "B", &stamp, "cmd b", "two\n");
        doc.set("a", "A", &stamp, "cmd a", "three\n");
        assert!(doc.text.starts_with(HEADER));
        assert!(!doc.text.contains("one\n"));
        let (a, b) = (doc.text.find("three").unwrap(), doc.text.find("two").unwrap());
        assert!(a < b, "a keeps its place before b:\n{}", doc.text);
        assert_eq!(doc.text.matches("<!-- bench:a -->").count(), 1);
    }

    #[test]
    fn bench_lines_are_picked_out_of_the_output() {
        let output = "running 1 test\nBENCH list: median 120 ms\nprogress\nconsole: BENCH | a | 1 |\ntest ok\n";
        assert_eq!(bench_lines(output), "- list: median 120 ms\n| a | 1 |\n");
    }

    #[test]
    fn times_pick_a_readable_unit() {
        assert_eq!(time(12.34), "12.3 ns");
        assert_eq!(time(12_340.0), "12.34 µs");
        assert_eq!(time(1.5e9), "1.50 s");
    }

    #[test]
    fn today_is_a_plausible_date() {
        let d = today();
        assert_eq!(d.len(), 10);
        assert!(d.as_str() > "2024-01-01", "{d}");
    }
}
