//! Benchmarks (they print, and assert nothing about time): from navigation to an interactive list of 50
//! conferences, in headless Chromium on localhost; and a bulk run over a slow link (below). Only measure with
//! `CCMP_PANEL_BENCH=1` (the first creates 50 conferences and reloads the panel several times):
//!
//! `CCMP_PANEL_BENCH=1 cargo xtask test e2e panel_bench` (or `cargo test --features e2e --test e2e panel_bench -- --nocapture`);
//! `cargo xtask bench panel-navigation` and `cargo xtask bench panel-bulk` write their figures into BENCHMARKS.md.
//!
//! The panel marks `ccmp-conf-list-ready` (performance.mark) when the first full read of the list is on
//! screen: confsRequest and all 50 confRequests answered, and their rows in the page (the mark is made at
//! the animation frame after the last rows are set, which paints them). Its `startTime` counts from the
//! navigation's start: HTML, wasm download and compile, opening the remembered password, optionsRequest
//! and the list.

use std::time::{Duration, Instant};

use ccmp::Request;

use crate::panel::{conference_path, connect, create_conference};
use crate::panel2::{conference_with_users, connected_user, dismiss_notices, wait_for_notice};
use crate::panel_slow::through_proxy;
use crate::support::{Journey, Result};

#[tokio::test]
async fn navigation_to_a_list_of_50_conferences() {
    if std::env::var_os("CCMP_PANEL_BENCH").is_none() {
        eprintln!("panel_bench: set CCMP_PANEL_BENCH=1 to measure");
        return;
    }
    Journey::new("panel-bench")
        .run(|app| async move {
            let user = app.moderator().xcon_user_id();
            let seeded = app.request(Request::confs(&user)).await?.body.uris().map_or(0, |u| u.entries.len());
            for i in seeded..50 {
                create_conference(&app, &format!("Bench conference {i:02}"), None).await?;
            }
            let page = app.open().await?;
            page.set_checked("Remember the password in this browser", true).await?;
            connect(&page, &app).await?;
            page.wait_for_text("50 conferences").await?;
            let mut times = Vec::new();
            let mut breakdown = Vec::new();
            // Eleven loads: the machine's noise moves single loads by 100 ms and more; the median of eleven holds.
            for _ in 0..11 {
                // A reload: the remembered profile connects by itself.
                page.goto(&format!("{}conferences", app.url())).await?;
                let ms = page
                    .wait_until("the list's ready mark", || async {
                        let v = page
                            .client()
                            .execute(
                                "const m = performance.getEntriesByName('ccmp-conf-list-ready'); \
                                 return m.length ? m[0].startTime : null;",
                                vec![],
                            )
                            .await?;
                        Ok(v.as_f64())
                    })
                    .await?;
                let rows = page.client().execute("return document.querySelectorAll('tbody tr').length", vec![]).await?;
                assert_eq!(rows.as_u64(), Some(50), "the list shows all 50");
                // Where the time went, from Resource Timing: the wasm on hand, the optionsRequest sent and
                // answered, the list of names (the second CCMP request) sent and answered, and the last
                // retrieve answered.
                let stages = page
                    .client()
                    .execute(
                        "const r = performance.getEntriesByType('resource'); \
                         const end = e => e ? e.responseEnd : null; \
                         const ccmp = r.filter(e => e.name.endsWith('/ccmp')); \
                         const start = e => e ? e.startTime : null; \
                         return [end(r.find(e => e.name.endsWith('.wasm'))), start(ccmp[0]), end(ccmp[0]), \
                                 start(ccmp[1]), end(ccmp[1]), end(ccmp[ccmp.length - 1])];",
                        vec![],
                    )
                    .await?;
                let stage = |i: usize| stages.get(i).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
                breakdown.push([stage(0), stage(1), stage(2), stage(3), stage(4), stage(5)]);
                times.push(ms);
            }
            let median_of = |i: usize| {
                let mut v: Vec<f64> = breakdown.iter().map(|s: &[f64; 6]| s[i]).collect();
                v.sort_by(|a, b| a.total_cmp(b));
                v[v.len() / 2]
            };
            println!(
                "BENCH panel-list-50-stages: medians: wasm downloaded by {:.0} ms, optionsRequest sent at {:.0} ms and \
                 answered by {:.0} ms, list of names asked at {:.0} ms and answered by {:.0} ms, last of the 50 \
                 confRequests answered by {:.0} ms",
                median_of(0),
                median_of(1),
                median_of(2),
                median_of(3),
                median_of(4),
                median_of(5)
            );
            times.sort_by(|a, b| a.total_cmp(b));
            println!(
                "BENCH panel-list-50-navigation: median {:.0} ms, min {:.0} ms, max {:.0} ms over {} loads",
                times[times.len() / 2],
                times[0],
                times[times.len() - 1],
                times.len()
            );
            Result::Ok(())
        })
        .await;
}

/// Benchmark (prints, asserts nothing about time): "Mute all participants" on 120 people, and its Undo, with
/// each answer to a change 50 ms late (a server an ocean away), from the click that confirms to the result on
/// screen (read every 100 ms). Only measures with `CCMP_PANEL_BENCH=1`:
///
/// `CCMP_PANEL_BENCH=1 cargo test -p ccmp-panel --features e2e --test e2e panel_bench::mute_all -- --nocapture`
#[tokio::test]
async fn mute_all_on_120_people_over_a_slow_link() {
    if std::env::var_os("CCMP_PANEL_BENCH").is_none() {
        eprintln!("panel_bench: set CCMP_PANEL_BENCH=1 to measure");
        return;
    }
    Journey::new("panel-bench-bulk")
        .run(|app| async move {
            let people =
                (0..120).map(|i| connected_user(&format!("p{i:03}"), &format!("Person {i:03}"), "participant")).collect();
            let uri = conference_with_users(&app, "Town hall", people).await?;
            let (proxy, page) = through_proxy(&app, &format!("{}?tab=users", conference_path(&uri))).await?;
            page.wait_for_text("121 users").await?;
            proxy.delay_every(&["<operation>update</operation>"], LINK_DELAY);
            let (mut mutes, mut undos) = (Vec::new(), Vec::new());
            for _ in 0..5 {
                // The notices of the round before go first: the text waited for must be this round's.
                dismiss_notices(&page).await?;
                page.click("button", "Mute all participants (120)").await?;
                let start = Instant::now();
                page.click("button", "Mute 120 participants").await?;
                page.wait_for_text("Mute audio: finished, 120 of 120 succeeded").await?;
                mutes.push(start.elapsed());
                dismiss_notices(&page).await?;
                let start = Instant::now();
                page.click("button", "Undo: Mute audio (120 users)").await?;
                wait_for_notice(&page, "Undo: Mute audio (120 users): done").await?;
                undos.push(start.elapsed());
            }
            for (what, mut times) in [("mute", mutes), ("undo", undos)] {
                times.sort();
                println!(
                    "BENCH panel-mute-all-120-{what}: median {:.1} s, min {:.1} s, max {:.1} s over {} runs, each answer to \
                     a change {} ms late",
                    times[times.len() / 2].as_secs_f64(),
                    times[0].as_secs_f64(),
                    times[times.len() - 1].as_secs_f64(),
                    times.len(),
                    LINK_DELAY.as_millis()
                );
            }
            Result::Ok(())
        })
        .await;
}

/// How late each answer to a change comes in the bulk benchmark.
const LINK_DELAY: Duration = Duration::from_millis(50);
