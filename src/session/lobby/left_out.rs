//! People a waiting room left out. When a conference stops confirming joins while people wait (its
//! join-handling changed elsewhere than on the Admission tab: another moderator, another client, the
//! console), they stay `pending`, and no waiting room lists them any more. A notice names them and lets
//! them in. The Admission tab's own change, whose offer lets them in or leaves them by the moderator's
//! choice, raises none ([`Lobby::closing`]).

use super::{Lobby, Room};
use crate::session::Ccmp;
use crate::state::notice::Notice;
use crate::state::waiting::{stranded, Waiting};

impl Lobby {
    /// After a read that showed `pending` people in a conference that `holds` newcomers or not: names
    /// those the waiting room left out when it closed. The notice goes once none of them is left out,
    /// or the waiting room is back (the knock takes over).
    pub(super) fn mind_those_left(&self, ccmp: Ccmp, room: &mut Room, holds: bool, pending: &[Waiting]) {
        let newly = room.holds && !holds && !room.closing;
        let was = if newly { &room.announced } else { &room.left };
        let left: Vec<Waiting> =
            if holds { Vec::new() } else { pending.iter().filter(|w| was.contains(&w.key)).cloned().collect() };
        room.left = left.iter().map(|w| w.key.clone()).collect();
        let shown = room.left_notice.filter(|id| self.notices.is_shown(*id));
        room.left_notice = match (left.is_empty(), shown) {
            (true, Some(id)) => {
                self.notices.dismiss(id);
                None
            }
            (false, _) if newly => {
                shown.into_iter().for_each(|id| self.notices.dismiss(id));
                let conference = room.name.clone().unwrap_or_else(|| room.uri.clone());
                stranded(&conference, &left).map(|notice| self.offer_to_let_in(ccmp, &room.uri, notice, left))
            }
            (_, shown) => shown,
        };
    }

    /// Shows `notice` about the people `left` out of `uri`, with a button that lets them all in.
    fn offer_to_let_in(&self, ccmp: Ccmp, uri: &str, notice: Notice, left: Vec<Waiting>) -> u32 {
        let (id, clicked) = self.notices.push_action(notice, "Admit them");
        let (lobby, uri) = (*self, uri.to_owned());
        leptos::task::spawn_local(async move {
            if clicked.await.is_ok() {
                ccmp.notices.dismiss(id);
                lobby.let_in(ccmp, &uri, left).await;
            }
        });
        id
    }

    /// The moderator is changing the join-handling of `uri` themselves, and decides about those waiting:
    /// until [`Lobby::closed`], a read that shows the waiting room closed leaves nobody out. (A room the
    /// panel has not read yet needs no such mark: nobody was announced waiting there.)
    pub fn closing(&self, uri: &str) {
        self.edit(uri, |room| room.closing = true);
    }

    /// The moderator's own change of `uri`'s join-handling is over; `done` when it closed the waiting
    /// room (whoever still waits there is left so by the moderator's choice).
    pub fn closed(&self, ccmp: Ccmp, uri: &str, done: bool) {
        if done {
            self.saw(ccmp, uri, None, false, &[]);
        }
        self.edit(uri, |room| room.closing = false);
    }
}
