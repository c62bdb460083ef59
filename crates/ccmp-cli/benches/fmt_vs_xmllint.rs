//! Whole-process comparison: `ccmp fmt` against `xmllint --noout` on the 10,000-user confResponse,
//! side by side in one run, alternating so that both see the same machine.
//! `cargo bench -p ccmp-cli --bench fmt_vs_xmllint`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 21;

fn main() {
    let dir = std::env::temp_dir().join(format!("ccmp-fmt-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("confResponse-10000-users.xml");
    std::fs::write(&file, ccmp::sample::conf_response(10_000).to_xml()).expect("the sample document");
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);

    let ccmp = env!("CARGO_BIN_EXE_ccmp");
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(time(Command::new(ccmp).arg("fmt").arg(&file)));
        theirs.push(time(Command::new("xmllint").arg("--noout").arg(&file)));
    }
    let (ours, theirs) = (median(ours), median(theirs));
    // A markdown fragment on stdout, for BENCHMARKS.md.
    println!("The 10,000-user confResponse ({size} bytes), each command run {RUNS} times, alternating.\n");
    println!("| command | median |\n|---|---:|");
    println!("| `ccmp fmt FILE > /dev/null` | {:.1} ms |", ms(ours));
    println!("| `xmllint --noout FILE` | {:.1} ms |", ms(theirs));
    println!("\nRatio ccmp fmt / xmllint: **{:.2}** (goal: 1.00 or less).", ms(ours) / ms(theirs));
    let _ = std::fs::remove_dir_all(&dir);
}

fn time(command: &mut Command) -> Duration {
    let start = Instant::now();
    let status = command.stdout(Stdio::null()).status().expect("the command runs (is xmllint installed?)");
    assert!(status.success(), "{command:?} failed");
    start.elapsed()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
