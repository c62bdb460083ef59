//! Questions the panel asks the moderator in a modal dialog (a conference password, credentials, a typed
//! confirmation), awaited by the code that needs the answer. Several may be pending; one shows at a time.

use std::sync::{Arc, Mutex};

use futures_channel::oneshot;
use leptos::prelude::*;

/// What to ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// 423/422: the password of a protected conference.
    ConferencePassword { target: String, wrong: bool },
    /// Credentials for `subject`. A username and password: asked for (424), or in place of those refused (`refused`, a 401).
    Credentials { username: String, refused: bool },
    /// A destructive action: the moderator types `expected` to confirm.
    TypeToConfirm { title: String, message: String, expected: String, confirm_label: String },
    /// An action that ends something for others, asked where the page that would ask is not on screen (a
    /// notice's button): yes or no, Cancel first.
    Confirm { title: String, message: String, confirm_label: String },
}

/// The moderator's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Password(String),
    Credentials { username: String, password: String },
    Confirmed,
}

#[derive(Clone)]
pub struct Pending {
    pub id: u32,
    pub ask: Ask,
    reply: Arc<Mutex<Option<oneshot::Sender<Option<Answer>>>>>,
}

#[derive(Clone, Copy)]
pub struct Prompts {
    pub queue: RwSignal<Vec<Pending>>,
    next: StoredValue<u32>,
}

impl Prompts {
    pub fn new() -> Self {
        Prompts { queue: RwSignal::new(Vec::new()), next: StoredValue::new(1) }
    }

    /// Asks, and waits for the answer; `None` when the moderator cancels.
    pub async fn ask(self, ask: Ask) -> Option<Answer> {
        let (tx, rx) = oneshot::channel();
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.queue.update(|q| q.push(Pending { id, ask, reply: Arc::new(Mutex::new(Some(tx))) }));
        rx.await.ok().flatten()
    }

    /// Answers the prompt `id` (`None` cancels) and shows the next one.
    pub fn answer(&self, id: u32, answer: Option<Answer>) {
        let mut found = None;
        self.queue.update(|q| {
            if let Some(i) = q.iter().position(|p| p.id == id) {
                found = Some(q.remove(i));
            }
        });
        if let Some(sender) = found.and_then(|p| p.reply.lock().ok().and_then(|mut r| r.take())) {
            let _ = sender.send(answer);
        }
    }

    /// Cancels every typed confirmation: each confirms an action of the page it was asked on, which the
    /// moderator has left (Back on a phone left the Delete dialog over the list, and confirming it there
    /// sent nothing and said nothing: QA).
    pub fn cancel_confirmations(&self) {
        let asked: Vec<u32> = self.queue.with_untracked(|q| {
            q.iter()
                .filter(|p| matches!(p.ask, Ask::TypeToConfirm { .. } | Ask::Confirm { .. }))
                .map(|p| p.id)
                .collect()
        });
        for id in asked {
            self.answer(id, None);
        }
    }
}

impl Default for Prompts {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_prompts() -> Prompts {
    expect_context()
}
