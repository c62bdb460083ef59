//! The console's log kept across a reload of the browser tab (sessionStorage): a reload lost every failure the
//! log keeps for the moderator to come back to (QA). Each exchange is kept with its request; the response
//! bodies only as far as a budget goes, newest first and the failures' before the others' (a read of a large
//! conference is megabytes, and the tab's storage is a few). Of the reads that succeeded, only the newest are
//! kept: the list's fifty reads at each reload, and its auto-refresh's, would otherwise fill it, and writing it
//! as the page goes, then reading it back, is in the time of every reload (about 15 ms with a full log). What
//! the log holds is redacted already: no password is stored.

use ccmp::xcon::Operation;
use ccmp::MessageKind;
use serde::{Deserialize, Serialize};

use super::console::{Class, Exchange, Outcome};

/// The most response text kept across a reload.
pub const SAVED_BODIES: usize = 512 * 1024;
/// A request or response larger than this is not kept across a reload (its size is).
const LARGEST: usize = 64 * 1024;
/// How many of the reads that succeeded are kept, the newest; every change and failure is.
pub const RECENT: usize = 50;

#[derive(Serialize, Deserialize)]
struct Saved {
    id: u32,
    action: String,
    at: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    operation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    target_name: Option<String>,
    server: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    duration_ms: Option<f64>,
    /// The code, or none for a transport failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    code: Option<u16>,
    /// The code's reason, or the transport failure's title.
    result: String,
    request: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response_dropped: Option<usize>,
}

/// The log as kept across a reload. An exchange still in flight is kept as cut short by the reload.
pub fn saved(entries: &[Exchange]) -> String {
    let kept = kept_for_reload(entries);
    let out: Vec<Saved> = kept.iter().zip(bodies_that_fit(&kept)).map(|(x, body)| to_saved(x, body)).collect();
    serde_json::to_string(&out).unwrap_or_default()
}

/// Every failure and change (and whatever is in flight), and of the reads that succeeded the newest
/// [`RECENT`], in the log's order. The newest reads, not the newest exchanges: after a bulk run, those were all
/// its changes, and the reload kept no read at all (QA).
fn kept_for_reload(entries: &[Exchange]) -> Vec<&Exchange> {
    let mut reads = 0;
    let mut kept: Vec<&Exchange> = entries
        .iter()
        .rev()
        .filter(|x| {
            let read = x.outcome != Outcome::Pending && Class::of(x) == Class::Read;
            reads += usize::from(read);
            !read || reads <= RECENT
        })
        .collect();
    kept.reverse();
    kept
}

/// Which of `kept`'s response bodies go with them: each no larger than [`LARGEST`], newest first, the
/// failures' before the others', within [`SAVED_BODIES`] (a failure's answer is what the log is kept for).
fn bodies_that_fit(kept: &[&Exchange]) -> Vec<bool> {
    let mut fits = vec![false; kept.len()];
    let mut left = SAVED_BODIES;
    for failures in [true, false] {
        for (i, x) in kept.iter().enumerate().rev().filter(|(_, x)| x.outcome.failed() == failures) {
            let Some(body) = &x.response_xml else { continue };
            if body.len() <= LARGEST && body.len() <= left {
                left -= body.len();
                fits[i] = true;
            }
        }
    }
    fits
}

/// One exchange as kept, with its response body when `body`.
fn to_saved(x: &Exchange, body: bool) -> Saved {
    let (code, result) = match &x.outcome {
        Outcome::Code(code, reason) => (Some(*code), reason.clone()),
        Outcome::Transport(title) => (None, title.clone()),
        Outcome::Pending => (None, "No answer before the page was reloaded".to_owned()),
    };
    let (response, response_dropped) = match &x.response_xml {
        Some(xml) if body => (Some(xml.clone()), None),
        Some(xml) => (None, Some(xml.len())),
        None => (None, x.response_dropped),
    };
    let request = if x.request_xml.len() <= LARGEST { x.request_xml.clone() } else { String::new() };
    Saved {
        id: x.id,
        action: x.action.clone(),
        at: x.at.clone(),
        kind: x.kind.request_name().to_owned(),
        operation: x.operation.map(|o| o.as_str().to_owned()),
        target: x.target.clone(),
        target_name: x.target_name.clone(),
        server: x.server.clone(),
        duration_ms: x.duration_ms,
        code,
        result,
        request,
        response,
        response_dropped,
    }
}

/// The log kept by [`saved`]; nothing when the text is not one (an older panel's, or tampered with): an
/// entry that does not read is left out.
pub fn restored(text: &str) -> Vec<Exchange> {
    let Ok(saved) = serde_json::from_str::<Vec<serde_json::Value>>(text) else { return Vec::new() };
    saved
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Saved>(v).ok())
        .filter_map(|s| {
            let kind = MessageKind::from_message_name(&s.kind)?;
            Some(Exchange {
                id: s.id,
                action: s.action,
                at: s.at,
                kind,
                operation: s.operation.as_deref().and_then(Operation::parse),
                target: s.target,
                target_name: s.target_name,
                server: s.server,
                started_ms: 0.0,
                duration_ms: s.duration_ms,
                outcome: match s.code {
                    Some(code) => Outcome::Code(code, s.result),
                    None => Outcome::Transport(s.result),
                },
                request_xml: s.request,
                response_xml: s.response,
                response_dropped: s.response_dropped,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(id: u32, outcome: Outcome, response: Option<String>) -> Exchange {
        Exchange {
            id,
            action: format!("Action {id}"),
            at: "2026-12-01T10:00:00Z".into(),
            kind: MessageKind::Conf,
            operation: Some(Operation::Update),
            target: Some("xcon:a@example.com".into()),
            target_name: Some("A".into()),
            server: "/ccmp".into(),
            started_ms: 12.0,
            duration_ms: Some(3.5),
            outcome,
            request_xml: format!("<request {id}/>"),
            response_xml: response,
            response_dropped: None,
        }
    }

    #[test]
    fn the_log_comes_back_after_a_reload_with_the_newest_bodies_that_fit() {
        let big = "x".repeat(LARGEST + 1);
        let fits = "y".repeat(LARGEST);
        let log = vec![
            exchange(1, Outcome::Code(404, "Object Not Found".into()), Some("<old/>".into())),
            exchange(2, Outcome::Transport("Server unreachable".into()), None),
            exchange(3, Outcome::Code(200, "Success".into()), Some(big.clone())),
            exchange(4, Outcome::Pending, None),
            exchange(5, Outcome::Code(200, "Success".into()), Some(fits.clone())),
        ];
        let back = restored(&saved(&log));
        assert_eq!(back.len(), 5);
        assert_eq!(back.iter().map(|x| x.id).collect::<Vec<_>>(), [1, 2, 3, 4, 5], "in order");
        assert_eq!((back[0].kind, back[0].operation), (MessageKind::Conf, Some(Operation::Update)));
        assert_eq!(back[0].outcome, Outcome::Code(404, "Object Not Found".into()));
        assert_eq!(back[0].response_xml.as_deref(), Some("<old/>"));
        assert_eq!(back[0].request_xml, "<request 1/>");
        assert_eq!(back[1].outcome, Outcome::Transport("Server unreachable".into()));
        assert_eq!((back[2].response_xml.as_deref(), back[2].response_dropped), (None, Some(big.len())), "too large");
        assert!(back[3].outcome.failed(), "cut short by the reload: {:?}", back[3].outcome);
        assert_eq!(back[4].response_xml.as_deref(), Some(fits.as_str()));
    }

    #[test]
    fn of_the_reads_that_succeeded_only_the_newest_are_kept() {
        let read = |id: u32| Exchange {
            operation: Some(Operation::Retrieve),
            ..exchange(id, Outcome::Code(200, "Success".into()), Some("<conf/>".into()))
        };
        let mut log = vec![
            Exchange { operation: Some(Operation::Retrieve), ..exchange(1, Outcome::Code(404, "Gone".into()), None) },
            exchange(2, Outcome::Code(200, "Success".into()), None),
        ];
        log.extend((3..=200).map(read));
        let back: Vec<u32> = restored(&saved(&log)).iter().map(|x| x.id).collect();
        let newest: Vec<u32> = (151..=200).collect();
        assert_eq!(back, [&[1, 2][..], &newest[..]].concat(), "the failure, the change, and the newest {RECENT}");
    }

    fn read(id: u32, body: Option<String>) -> Exchange {
        Exchange { operation: Some(Operation::Retrieve), ..exchange(id, Outcome::Code(200, "Success".into()), body) }
    }

    #[test]
    fn a_reload_after_a_bulk_run_keeps_the_failure_with_its_answer_and_the_newest_reads() {
        // (QA) An Unmute refused, the list's reads with their documents, then a bulk run's changes.
        let refused = Outcome::Code(420, "User Not Found".into());
        let mut log = vec![exchange(1, refused.clone(), Some("<response code 420/>".into()))];
        log.extend((2..=61).map(|id| read(id, Some("r".repeat(LARGEST)))));
        log.extend((62..=161).map(|id| exchange(id, Outcome::Code(200, "Success".into()), None)));
        let back = restored(&saved(&log));
        assert_eq!(back[0].outcome, refused);
        assert_eq!(back[0].response_xml.as_deref(), Some("<response code 420/>"), "the failure's answer first");
        let reads: Vec<u32> = back.iter().filter(|x| x.operation == Some(Operation::Retrieve)).map(|x| x.id).collect();
        assert_eq!(reads, (12..=61).collect::<Vec<_>>(), "the newest {RECENT} reads, not the newest exchanges");
        assert_eq!(back.len(), 1 + RECENT + 100);
        let bodies = back.iter().filter(|x| x.response_xml.is_some()).count();
        assert_eq!(bodies, 1 + SAVED_BODIES / LARGEST - 1, "the reads' within what the failure's left");
    }

    #[test]
    fn the_log_trimmed_as_the_console_does_comes_back_the_same() {
        use crate::state::console::{trim, Class};
        let keep = 500;
        let mut log = vec![exchange(1, Outcome::Code(420, "User Not Found".into()), None)];
        for id in 2..=901 {
            let x = if id <= 601 { exchange(id, Outcome::Code(200, "Success".into()), None) } else { read(id, None) };
            log.push(x);
            trim(&mut log, keep);
        }
        let mut back = restored(&saved(&log));
        trim(&mut back, keep);
        let of = |class| back.iter().filter(|x| Class::of(x) == class).map(|x| x.id).collect::<Vec<_>>();
        assert_eq!(of(Class::Failure), [1]);
        assert_eq!(of(Class::Read), (852..=901).collect::<Vec<_>>());
        assert_eq!(of(Class::Change).len(), keep - 1 - RECENT);
    }

    #[test]
    fn bodies_past_the_budget_are_dropped_oldest_first_and_garbage_restores_nothing() {
        let body = "z".repeat(LARGEST);
        let n = SAVED_BODIES / LARGEST + 2;
        let log: Vec<Exchange> =
            (1..=n as u32).map(|i| exchange(i, Outcome::Code(200, "Success".into()), Some(body.clone()))).collect();
        let back = restored(&saved(&log));
        let kept = back.iter().filter(|x| x.response_xml.is_some()).count();
        assert_eq!(kept, SAVED_BODIES / LARGEST);
        assert!(back[0].response_xml.is_none() && back[n - 1].response_xml.is_some(), "the newest kept");
        assert!(restored("not json").is_empty());
        assert!(restored(r#"[{"id":1}]"#).is_empty(), "an entry that does not read is left out");
    }
}
