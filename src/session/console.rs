//! The session's request log, which the console page shows.

use leptos::prelude::*;

use crate::state::composer::Draft;
use crate::state::console::{drop_old_bodies, trim, Exchange, Outcome, Subset, BODY_BUDGET};
use crate::state::console_saved::{restored, saved};

/// At most this many exchanges are kept, and those in flight (see [`trim`] for which go).
pub const KEEP: usize = 500;

/// Where the log is kept across a reload of the tab (sessionStorage; `state::console_saved`).
const SAVED_KEY: &str = "ccmp-panel:console";

#[derive(Clone, Copy)]
pub struct Console {
    pub entries: RwSignal<Vec<Exchange>>,
    /// Requests sent and not yet answered: the progress indicator shows while this is above zero.
    pub in_flight: RwSignal<u32>,
    /// The composer's fields and raw XML, kept while the moderator looks at other pages (in memory only:
    /// they may hold a conference password).
    pub composer: RwSignal<Draft>,
    pub composer_xml: RwSignal<String>,
    /// What the log lists, as the moderator left it on their last visit to the console.
    pub subset: RwSignal<Subset>,
    pub filter: RwSignal<String>,
    next: StoredValue<u32>,
}

impl Console {
    /// The log, with what this tab kept of it before a reload.
    pub fn new() -> Self {
        let mut kept = crate::api::session_get(SAVED_KEY).map(|text| restored(&text)).unwrap_or_default();
        // Held to the log's own bound: what an older panel saved, or what was tampered with, may hold more.
        trim(&mut kept, KEEP);
        // The ids go on from the kept ones: a notice's link names its exchange by id.
        let next = kept.iter().map(|x| x.id).max().unwrap_or(0) + 1;
        Console {
            entries: RwSignal::new(kept),
            in_flight: RwSignal::new(0),
            composer: RwSignal::new(Draft::default()),
            composer_xml: RwSignal::new(String::new()),
            subset: RwSignal::new(Subset::All),
            filter: RwSignal::new(String::new()),
            next: StoredValue::new(next),
        }
    }

    /// Keeps the log for a reload of this tab (called as the page goes).
    pub fn save(&self) {
        if let Some(text) = self.entries.try_with_untracked(|e| saved(e)) {
            crate::api::session_set(SAVED_KEY, &text);
        }
    }

    /// Keeps nothing for the next load: the moderator signed out, and whoever reloads this tab next is not
    /// to find their log (`session::leave_here` empties the log in memory too).
    pub fn forget_saved() {
        crate::api::session_remove(SAVED_KEY);
    }

    /// Records a request being sent; returns its id.
    pub fn start(&self, mut exchange: Exchange) -> u32 {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        exchange.id = id;
        self.in_flight.update(|n| *n += 1);
        self.entries.update(|e| {
            e.push(exchange);
            trim(e, KEEP);
        });
        id
    }

    /// Records how the exchange ended.
    pub fn finish(&self, id: u32, outcome: Outcome, duration_ms: f64, body: Option<String>) {
        self.in_flight.update(|n| *n = n.saturating_sub(1));
        self.entries.update(|e| {
            if let Some(x) = e.iter_mut().find(|x| x.id == id) {
                x.outcome = outcome;
                x.duration_ms = Some(duration_ms);
                x.response_xml = body;
            }
            drop_old_bodies(e, BODY_BUDGET);
        });
    }

    /// Names what an exchange was about once its answer tells (the URI a create was given).
    pub fn name_target(&self, id: u32, target: &str) {
        self.entries.update(|e| {
            if let Some(x) = e.iter_mut().find(|x| x.id == id) {
                x.target = Some(target.to_owned());
            }
        });
    }
}

impl Default for Console {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_console() -> Console {
    expect_context()
}
