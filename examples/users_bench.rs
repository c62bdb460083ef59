//! Benchmark (prints figures, asserts nothing about time): the users tab with 10,000 users, in headless
//! Chromium against the real server, through the end-to-end harness.
//!
//! - Interactive after the usersResponse arrives: the moderator presses "Read again"; from the moment the
//!   response's last byte arrived (Resource Timing `responseEnd` of the POST) to the panel's
//!   `ccmp-users-interactive` mark (the first task after the frame that shows the new rows; decoding the
//!   7 MB response in wasm, building the rows and rendering them all happen in between).
//! - Typing in the filter: each keystroke of "participant 1234" dispatched as an `input` event; the time
//!   until the rows in the page are the filtered ones (the next task after the event), and until the next
//!   frame is painted.
//!
//! Prints a markdown fragment on stdout (what `cargo xtask bench` records in BENCHMARKS.md) and progress on
//! stderr:
//!
//! `cargo run -p ccmp-panel --features e2e --example users_bench`
//!
//! It needs the release panel and a server binary: `CCMP_BENCH_DIST`/`CCMP_BENCH_SERVER` (what `cargo xtask
//! bench` passes) or the harness's `CCMP_E2E_DIST`/`CCMP_E2E_SERVER`.

#[path = "../tests/e2e/support/mod.rs"]
mod support;

#[allow(dead_code)]
#[path = "../tests/e2e/panel.rs"]
mod panel;

#[path = "../tests/e2e/panel2.rs"]
mod panel2;

use serde_json::{json, Value};

use panel::{conference_path, connect};
use panel2::{town_hall, wait_summary};
use support::{Journey, Page, Result};

/// How many re-reads are measured.
const READS: usize = 7;
/// What is typed into the filter, one key at a time (twice).
const TYPED: &str = "participant 1234";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    for (from, to) in [("CCMP_BENCH_DIST", "CCMP_E2E_DIST"), ("CCMP_BENCH_SERVER", "CCMP_E2E_SERVER")] {
        if std::env::var_os(to).is_none() {
            if let Some(value) = std::env::var_os(from) {
                std::env::set_var(to, value);
            }
        }
    }
    Journey::new("users-bench").run(|app| async move { measure(app).await }).await;
}

async fn measure(app: support::App) -> Result<()> {
    eprintln!("users_bench: putting 10,000 users in a conference");
    let uri = town_hall(&app, 10_000).await?;
    let page = app.open_at(&format!("{}?tab=users", conference_path(&uri))).await?;
    connect(&page, &app).await?;
    wait_summary(&page, "10001 users", 180).await?;

    eprintln!("users_bench: {READS} re-reads");
    let mut interactive = Vec::new();
    let mut ready = Vec::new();
    let mut size = 0.0;
    for _ in 0..READS {
        let reset = "performance.clearResourceTimings(); performance.clearMarks('ccmp-users-ready'); \
                     performance.clearMarks('ccmp-users-interactive');";
        page.client().execute(reset, vec![]).await?;
        page.click("button", "Read again").await?;
        let probe = "const i = performance.getEntriesByName('ccmp-users-interactive'); \
                     const r = performance.getEntriesByName('ccmp-users-ready'); \
                     const f = performance.getEntriesByType('resource').filter(e => e.name.endsWith('/ccmp')); \
                     if (!i.length || !r.length || !f.length) return null; \
                     const last = f[f.length - 1]; \
                     return [i[0].startTime - last.responseEnd, r[0].startTime - last.responseEnd, last.encodedBodySize];";
        let figures = page
            .wait_until("the users to be read again", || async {
                Ok(page.client().execute(probe, vec![]).await?.as_array().cloned())
            })
            .await?;
        interactive.push(number(&figures[0]));
        ready.push(number(&figures[1]));
        size = number(&figures[2]);
    }

    eprintln!("users_bench: typing {TYPED:?} into the filter, twice");
    let mut dom = Vec::new();
    let mut frame = Vec::new();
    for _ in 0..2 {
        let (d, f, last) = type_filter(&page).await?;
        anyhow::ensure!(last.starts_with("1 of 10001 users shown"), "the filter did not apply: {last:?}");
        dom.extend(d);
        frame.extend(f);
    }
    let rows = page
        .client()
        .execute("return document.querySelectorAll('.user-table__body [role=row]').length", vec![])
        .await?;

    println!("A conference of 10,001 users (`ccmp::sample` users and the creator), read with usersRequest ({:.1} MB), in headless Chromium against the release server on localhost. Targets: interactive within 300 ms of the response, filtered rows within 50 ms of a keystroke.\n", size / 1e6);
    println!("| measure | median | max | samples |");
    println!("|---|---:|---:|---:|");
    row("users tab interactive after the usersResponse arrives (decode, rows, render, next task)", &interactive);
    row("rows on screen after the usersResponse arrives (next animation frame)", &ready);
    row(&format!("filter: rows updated after a keystroke (typing {TYPED:?})"), &dom);
    row("filter: next frame painted after a keystroke", &frame);
    println!("\nRows in the page at the end: {} (of 10,001).", rows.as_u64().unwrap_or(0));
    Ok(())
}

/// Types [`TYPED`] one key at a time; per key, the time until the next task (the rows in the page are the
/// filtered ones) and until the next frame; and the summary line at the end.
async fn type_filter(page: &Page) -> Result<(Vec<f64>, Vec<f64>, String)> {
    let script = r#"
        const [text, done] = [arguments[0], arguments[arguments.length - 1]];
        const input = document.querySelector('input[name=user-filter]');
        const task = () => new Promise(r => setTimeout(r, 0));
        const frame = () => new Promise(r => requestAnimationFrame(() => r()));
        (async () => {
            const out = [];
            for (let i = 1; i <= text.length; i++) {
                input.value = text.slice(0, i);
                const t0 = performance.now();
                input.dispatchEvent(new Event('input', { bubbles: true }));
                await task();
                const t1 = performance.now();
                await frame();
                const t2 = performance.now();
                out.push([t1 - t0, t2 - t0]);
            }
            await task();
            const summary = document.querySelector('.users__summary').innerText;
            input.value = '';
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await task();
            done([out, summary]);
        })();
    "#;
    let result = page.client().execute_async(script, vec![json!(TYPED)]).await?;
    let keys = result[0].as_array().cloned().unwrap_or_default();
    let dom = keys.iter().map(|k| number(&k[0])).collect();
    let frame = keys.iter().map(|k| number(&k[1])).collect();
    Ok((dom, frame, result[1].as_str().unwrap_or_default().to_owned()))
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn row(what: &str, samples: &[f64]) {
    let mut sorted = samples.to_vec();
    sorted.sort_by(|a, b| a.total_cmp(b));
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
    let max = sorted.last().copied().unwrap_or(f64::NAN);
    println!("| {what} | {median:.1} ms | {max:.1} ms | {} |", sorted.len());
}
