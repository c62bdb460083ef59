//! optionsRequest (RFC 6503 section 5.3.12): what this server supports, exactly.

use ccmp::message::{ExtendedMessage, ExtendedMessageList, Options, Payload, StandardMessage};
use ccmp::xcon::Operation::{self, *};
use ccmp::{MessageKind, ResponseBody};

use super::{extended, Ctx, Reply};
use crate::failure::Outcome;

pub fn options(_ctx: &Ctx<'_>) -> Outcome<Reply> {
    Ok(Reply::new(ResponseBody::Options(Payload::new(Some(supported())))))
}

/// The ten standard requests with the operations each takes here, and the one extension.
pub fn supported() -> Options {
    let all = || Some(vec![Retrieve, Create, Update, Delete]);
    let standard = |kind, ops: Option<Vec<Operation>>, text: &str| StandardMessage {
        description: Some(text.to_owned()),
        ..StandardMessage::new(kind, ops)
    };
    Options {
        standard_messages: vec![
            standard(MessageKind::Blueprints, None, "lists the blueprints; xpathFilter selects among them"),
            standard(MessageKind::Blueprint, Some(vec![Retrieve]), "returns a blueprint's document"),
            standard(MessageKind::Confs, None, "lists the conferences; xpathFilter selects among them"),
            standard(
                MessageKind::Conf,
                all(),
                "creates (from a blueprint, a conference or a description), retrieves, updates and deletes conferences",
            ),
            standard(
                MessageKind::Users,
                Some(vec![Retrieve, Update]),
                "retrieves and updates the users element: allowed and deny lists, join-handling, admission policy",
            ),
            standard(
                MessageKind::User,
                all(),
                "adds (issuing XCON-USERIDs), retrieves, updates (roles, muting) and removes users",
            ),
            standard(MessageKind::SidebarsByVal, None, "lists the sidebars kept inside a conference"),
            standard(
                MessageKind::SidebarByVal,
                all(),
                "creates, retrieves, updates and deletes sidebars kept inside a conference",
            ),
            standard(MessageKind::SidebarsByRef, None, "lists the sidebars that are conferences of their own"),
            standard(
                MessageKind::SidebarByRef,
                all(),
                "creates, retrieves, updates and deletes sidebars that are conferences of their own",
            ),
        ],
        extended_message_list: Some(ExtendedMessageList {
            messages: vec![ExtendedMessage {
                name: extended::CONF_SUMMARY.to_owned(),
                operations: Some(vec![Retrieve]),
                schema_def: extended::SCHEMA_DEF.to_owned(),
                description: Some(
                    "confSummaryRequest returns a brief description of the conference named in confObjID \
                     (RFC 6503 section 6.9)"
                        .to_owned(),
                ),
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    }
}
