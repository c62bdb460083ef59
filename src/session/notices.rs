//! Notifications: a list the notice area renders in an ARIA live region. Successes fade after a few
//! seconds; errors and warnings stay until dismissed. The same notice repeated (a server down during
//! auto-refresh) is counted, not stacked.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_channel::oneshot;
use leptos::prelude::*;

use crate::state::notice::Notice;

/// How long a fading notice stays.
const FADE: Duration = Duration::from_secs(6);

/// How long a fading notice with a button (Undo) stays: time to read it, decide, and reach the button (QA: the
/// waiting room's "Let in 6 people… [Undo]" was gone before the moderator saw who was let in).
const FADE_WITH_ACTION: Duration = Duration::from_secs(20);

/// How long what a polite live region said stays in it ([`say`]).
const SAID_FOR: Duration = Duration::from_secs(3);

/// Puts `text` in the live region `region`, for a screen reader to say, and takes it out a moment later:
/// a screen reader reading the page would meet it there again, after what it told of had gone (or been
/// seen on screen).
pub fn say(region: RwSignal<String>, text: String) {
    region.set(text.clone());
    set_timeout(
        move || {
            if region.try_with_untracked(|s| *s == text).unwrap_or(false) {
                region.set(String::new());
            }
        },
        SAID_FOR,
    );
}

/// A button on a notice (Retry); clicking it resolves the waiting request.
#[derive(Clone)]
pub struct NoticeAction {
    pub label: String,
    sender: Arc<Mutex<Option<oneshot::Sender<()>>>>,
}

impl NoticeAction {
    /// An action labelled `label`, and what resolves when it is clicked.
    fn new(label: &str) -> (NoticeAction, oneshot::Receiver<()>) {
        let (tx, rx) = oneshot::channel();
        (NoticeAction { label: label.into(), sender: Arc::new(Mutex::new(Some(tx))) }, rx)
    }

    /// Fires the action (once).
    pub fn fire(&self) {
        if let Some(tx) = self.sender.lock().ok().and_then(|mut s| s.take()) {
            let _ = tx.send(());
        }
    }
}

#[derive(Clone)]
pub struct Shown {
    pub id: u32,
    pub notice: Notice,
    /// How many times the same notice arrived.
    pub count: u32,
    pub action: Option<NoticeAction>,
    /// A link to where the moderator acts on it: (label, the panel's path).
    pub link: Option<(String, String)>,
    /// The console's record of the exchange it is about (the latest, for a repeated notice): the notice
    /// links to it, where the moderator sees what was sent and what came back.
    pub exchange: Option<u32>,
}

#[derive(Clone, Copy)]
pub struct Notices {
    pub items: RwSignal<Vec<Shown>>,
    /// How tall the notices stand over the bottom of the page while one of them stays until dismissed, in
    /// CSS pixels (0 otherwise): the page leaves that much room below its content, so that a control the
    /// notices cover can be scrolled out from under them.
    pub height: RwSignal<i32>,
    next: StoredValue<u32>,
    /// The notices about reads a passing trouble failed (an outage, credentials refused), by trouble: they
    /// go when it is over, as they are about nothing else (a change's failure stays: the change was not
    /// made).
    passing: StoredValue<Vec<(Trouble, u32)>>,
    /// Whether the pointer is over the notices, and whether the focus is in them: a notice being read or
    /// reached for does not fade meanwhile (QA: a split's notice went, its Undo under the pointer and the
    /// focus, and the focus fell to the page's heading).
    hovered: StoredValue<bool>,
    focused: StoredValue<bool>,
    /// The moderator's choice (Settings, kept in the browser): every notice stays until dismissed.
    pub keep: RwSignal<bool>,
}

/// Where the choice to keep every notice is kept (localStorage).
const KEEP_KEY: &str = "ccmp-panel.keep-notices";

/// How soon a notice held by the pointer or the focus is looked at again: it fades within that time after
/// they leave.
const HELD_AGAIN: Duration = Duration::from_secs(2);

/// How long a notice that fades is shown: longer when it offers an action (Undo, say).
fn fade_time(with_action: bool) -> Duration {
    if with_action {
        FADE_WITH_ACTION
    } else {
        FADE
    }
}

/// A trouble that fails the panel's reads for a while, then is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trouble {
    /// The server did not answer.
    Outage,
    /// The server refused the moderator's credentials (401).
    Refusal,
}

impl Notices {
    pub fn new() -> Self {
        Notices {
            items: RwSignal::new(Vec::new()),
            height: RwSignal::new(0),
            next: StoredValue::new(1),
            passing: StoredValue::new(Vec::new()),
            hovered: StoredValue::new(false),
            focused: StoredValue::new(false),
            keep: RwSignal::new(crate::api::local_get(KEEP_KEY).is_some()),
        }
    }

    /// Keeps every notice until dismissed, or lets successes fade again (kept in the browser). Those kept
    /// meanwhile fade then too, as if just shown (QA: they stayed for good once the setting was off).
    pub fn set_keep(&self, keep: bool) {
        self.keep.set(keep);
        if keep {
            crate::api::local_set(KEEP_KEY, "1");
        } else {
            crate::api::local_remove(KEEP_KEY);
            let kept: Vec<(u32, Duration)> = self.items.with_untracked(|items| {
                items.iter().filter(|s| !s.notice.sticky()).map(|s| (s.id, fade_time(s.action.is_some()))).collect()
            });
            for (id, fade) in kept {
                let this = *self;
                set_timeout(move || this.fade(id), fade);
            }
        }
    }

    /// The pointer came over the notices (`true`) or left them.
    pub fn hover(&self, over: bool) {
        self.hovered.set_value(over);
    }

    /// The focus came into the notices (`true`) or left them.
    pub fn focus(&self, inside: bool) {
        self.focused.set_value(inside);
    }

    /// Shows a notice; returns its id.
    pub fn push(&self, notice: Notice) -> u32 {
        self.push_with(notice, None, None)
    }

    /// Shows a notice with a link to the page where the moderator acts on it (`href`, a path of the
    /// panel); following the link dismisses it.
    pub fn push_link(&self, notice: Notice, label: &str, href: String) -> u32 {
        self.push_with(notice, None, Some((label.to_owned(), href)))
    }

    /// Shows a notice with an action button; the returned receiver resolves when it is clicked, and is
    /// dropped (cancelled) when the notice is dismissed.
    pub fn push_action(&self, notice: Notice, label: &str) -> (u32, oneshot::Receiver<()>) {
        let (action, clicked) = NoticeAction::new(label);
        (self.push_with(notice, Some(action), None), clicked)
    }

    /// Shows a notice with an action button and a link (see [`Notices::push_action`] and
    /// [`Notices::push_link`]).
    pub fn push_action_link(
        &self,
        notice: Notice,
        label: &str,
        link: &str,
        href: String,
    ) -> (u32, oneshot::Receiver<()>) {
        let (action, clicked) = NoticeAction::new(label);
        (self.push_with(notice, Some(action), Some((link.to_owned(), href))), clicked)
    }

    fn push_with(&self, notice: Notice, action: Option<NoticeAction>, link: Option<(String, String)>) -> u32 {
        let plain = |s: &Shown| s.action.is_none() && s.link.is_none();
        let repeated = action.is_none()
            && link.is_none()
            && self.items.with_untracked(|items| items.iter().any(|s| plain(s) && s.notice == notice));
        let id = if repeated {
            let mut id = 0;
            self.items.update(|items| {
                if let Some(s) = items.iter_mut().find(|s| plain(s) && s.notice == notice) {
                    s.count += 1;
                    id = s.id;
                }
            });
            id
        } else {
            let id = self.next.get_value();
            self.next.set_value(id + 1);
            let sticky = notice.sticky();
            let fade = fade_time(action.is_some());
            // Scheduled even while the moderator keeps notices: `fade` looks at the setting when it is due.
            self.items.update(|items| items.push(Shown { id, notice, count: 1, action, link, exchange: None }));
            if !sticky {
                let this = *self;
                set_timeout(move || this.fade(id), fade);
            }
            id
        };
        id
    }

    /// Whether the notice `id` is still on screen.
    pub fn is_shown(&self, id: u32) -> bool {
        self.items.with_untracked(|items| items.iter().any(|s| s.id == id))
    }

    /// Puts `notice` in the place of the notice `id`, if it is still shown (what it says moved on).
    pub fn replace(&self, id: u32, notice: Notice) {
        if self.items.with_untracked(|items| items.iter().any(|s| s.id == id && s.notice != notice)) {
            self.items.update(|items| {
                if let Some(s) = items.iter_mut().find(|s| s.id == id) {
                    s.notice = notice;
                }
            });
        }
    }

    /// Links the notice `id` to the console's record of the exchange it is about.
    pub fn about_exchange(&self, id: u32, exchange: u32) {
        self.items.update(|items| {
            if let Some(s) = items.iter_mut().find(|s| s.id == id) {
                s.exchange = Some(exchange);
            }
        });
    }

    /// Marks the notice `id` as one about a read `trouble` failed (see [`Notices::over`]).
    pub fn about(&self, id: u32, trouble: Trouble) {
        self.passing.update_value(|ids| {
            if !ids.contains(&(trouble, id)) {
                ids.push((trouble, id));
            }
        });
    }

    /// `trouble` is over (the server answers again, or takes the credentials): the notices about reads it
    /// failed go.
    pub fn over(&self, trouble: Trouble) {
        let mut ids = Vec::new();
        self.passing.update_value(|marked| {
            marked.retain(|&(t, id)| {
                let goes = t == trouble;
                if goes {
                    ids.push(id);
                }
                !goes
            })
        });
        if !ids.is_empty() {
            self.items.update(|items| items.retain(|s| !ids.contains(&s.id)));
        }
    }

    /// The notice `id` fades, unless what it says now stays until dismissed (see [`Notices::replace`]: "The
    /// server answers again" becomes a warning when a change sent during the outage was not made).
    /// Nor while the pointer or the focus is on the notices, nor at all when the moderator keeps them.
    fn fade(&self, id: u32) {
        if self.keep.get_untracked() || !self.items.with_untracked(|items| items.iter().any(|s| s.id == id)) {
            return;
        }
        if self.hovered.get_value() || self.focused.get_value() {
            let this = *self;
            set_timeout(move || this.fade(id), HELD_AGAIN);
        } else if self.items.with_untracked(|items| items.iter().any(|s| s.id == id && !s.notice.sticky())) {
            self.dismiss(id);
        }
    }

    pub fn dismiss(&self, id: u32) {
        self.items.update(|items| items.retain(|s| s.id != id));
    }

    /// Whether a notice whose title starts with `prefix` is shown.
    pub fn has_titled(&self, prefix: &str) -> bool {
        self.items.with_untracked(|items| items.iter().any(|s| s.notice.title.starts_with(prefix)))
    }

    /// Dismisses every notice whose title begins with `prefix` (what an answered question was about).
    pub fn dismiss_titled(&self, prefix: &str) {
        self.items.update(|items| items.retain(|s| !s.notice.title.starts_with(prefix)));
    }

    pub fn clear(&self) {
        self.items.set(Vec::new());
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_notices() -> Notices {
    expect_context()
}
