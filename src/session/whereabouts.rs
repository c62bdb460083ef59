//! Who of a conference is in which of its breakout rooms, as the server has it now. Those in a room by value
//! come with the conference's document; a room by reference is a conference of its own, read on its own (QA:
//! someone moved to one had no "in Stage" on their row, and a move from there left them in it).

use ccmp::xcon::Operation;
use ccmp::{Request, XconUserId};

use super::{Ccmp, Mode, Sent};
use crate::state::breakout::{add_room, rooms_by_ref, rooms_of, Whereabouts};
use crate::state::scope::SidebarKind;

/// Who of the conference `uri` is in which of its rooms, read now; `None` when its document cannot be read.
pub async fn rooms_now(ccmp: Ccmp, uri: &str, me: &XconUserId) -> Option<Whereabouts> {
    let Sent::Ok(r) = ccmp.send(Request::conf_retrieve(me, uri), "Read conference", Mode::Background).await else {
        return None;
    };
    let conf = r.body.conference()?;
    let mut rooms = rooms_of(conf);
    with_rooms_by_ref(ccmp, &rooms_by_ref(conf), me, &mut rooms).await;
    Some(rooms)
}

/// Adds to `rooms` who is in each room by reference of `uris`, each read now (a room that cannot be read is
/// left out).
pub async fn with_rooms_by_ref(ccmp: Ccmp, uris: &[String], me: &XconUserId, rooms: &mut Whereabouts) {
    let reads = uris.iter().map(|uri| {
        let request = Request::sidebar_by_ref(me, uri, Operation::Retrieve, None);
        ccmp.send(request, "Read room", Mode::Background)
    });
    for read in futures_util::future::join_all(reads).await {
        if let Some(room) = read.ok().and_then(|r| r.body.conference().cloned()) {
            add_room(rooms, &room, SidebarKind::ByRef);
        }
    }
}
