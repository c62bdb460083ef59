//! Sidebars (RFC 6503 sections 5.3.7 to 5.3.10): breakout rooms. A sidebar by value lives inside its
//! parent's document (`sidebars-by-val`) and changes its parent's version; a sidebar by reference is a
//! conference of its own, listed in its parent's `sidebars-by-ref`.

use std::collections::HashSet;

use ccmp::message::{ListRequest, Payload};
use ccmp::xcon::{Conference, Operation, SidebarsByVal, UriEntry};
use ccmp::{MessageKind, ResponseBody};

use super::conf::{check_target, delete_conference, update_object};
use super::shared::{check_capacity, new_uri, payload_of, register_users, requested_uri, resolve, template_copy};
use super::{Ctx, Reply};
use crate::conference::{
    bump, check_new_floors, check_parent_limits, check_server_user_cap, check_user_cap, make_new, recount,
    take_password, uri_list,
};
use crate::failure::{Failure, Outcome};
use crate::merge;
use crate::rights::manages;
use crate::store::{key, Kind, Object, Tx};
use crate::xpath::Filter;

/// sidebarsByValRequest: the sidebars inside a conference, with the conference's version.
pub async fn list_by_val(ctx: &Ctx<'_>, list: &ListRequest) -> Outcome<Reply> {
    let filter = Filter::from_request(list.xpath_filter.as_deref())?;
    let parent = ctx.conference(ctx.conf_obj_id()?)?;
    ctx.check_password(&parent).await?;
    let entries =
        parent.doc.sidebars_by_val.iter().flat_map(|s| &s.entries).filter(|s| filter.matches(s)).cloned().collect();
    let body = SidebarsByVal { entries, ..Default::default() };
    Ok(Reply::new(ResponseBody::SidebarsByVal(Payload::new(Some(body)))).version(parent.version()))
}

/// sidebarsByRefRequest: the sidebars of a conference that are conferences of their own.
pub async fn list_by_ref(ctx: &Ctx<'_>, list: &ListRequest) -> Outcome<Reply> {
    let filter = Filter::from_request(list.xpath_filter.as_deref())?;
    let parent = ctx.conference(ctx.conf_obj_id()?)?;
    ctx.check_password(&parent).await?;
    let entries = {
        let snapshot = ctx.state.store.read();
        parent
            .doc
            .sidebars_by_ref
            .iter()
            .flat_map(|s| &s.entries)
            .filter(|e| snapshot.object(&e.uri).is_none_or(|o| filter.matches(&o.doc)))
            .cloned()
            .collect::<Vec<_>>()
    };
    Ok(Reply::new(ResponseBody::SidebarsByRef(Payload::new(uri_list(entries)))).version(parent.version()))
}

/// 403 when the parent does not allow sidebars; 401 unless the sender manages it.
fn check_parent(sender: &crate::identity::Sender, parent: &Object) -> Outcome<()> {
    if !manages(sender, parent) {
        return Err(Failure::unauthorized(format!(
            "only a moderator or administrator of {} may manage its sidebars",
            parent.uri()
        )));
    }
    if parent.doc.description.as_ref().and_then(|d| d.allow_sidebars) == Some(false) {
        return Err(Failure::forbidden(format!("{} does not allow sidebars", parent.uri())));
    }
    Ok(())
}

/// The document of a new sidebar of `parent`: built from the payload, or a copy of the parent.
fn new_sidebar(
    tx: &Tx<'_>,
    request: &ccmp::Request,
    parent: &Object,
    domain: &str,
    max_users: usize,
) -> Outcome<(String, Conference)> {
    let resolved = resolve(tx, request, domain)?;
    let info = payload_of(&resolved.request).cloned();
    let mut doc = match &info {
        Some(info) => {
            let mut doc = info.clone();
            take_password(&mut doc);
            doc.sidebars_by_ref = None;
            doc.sidebars_by_val = None;
            check_new_floors(&doc)?;
            doc
        }
        None => {
            let mut doc = template_copy(parent);
            let title = parent.doc.display_text().unwrap_or("conference").to_owned();
            doc.description_mut().display_text = Some(format!("Sidebar of {title}"));
            doc.description_mut().cloning_parent = None;
            doc
        }
    };
    let uri = match requested_uri(tx, &info.map(|i| i.entity).unwrap_or_default(), domain)? {
        Some(uri) => uri,
        None => new_uri(tx, domain),
    };
    make_new(&mut doc, &uri);
    doc.description_mut().sidebar_parent = Some(parent.uri().to_owned());
    check_parent_limits(&doc, &parent.doc)?;
    check_server_user_cap(&doc, max_users)?;
    Ok((uri, doc))
}

fn parent_in(tx: &Tx<'_>, uri: &str) -> Outcome<std::sync::Arc<Object>> {
    tx.object(uri)
        .filter(|o| o.kind == Kind::Conference)
        .ok_or_else(|| Failure::not_found(format!("no conference {uri}")))
}

/// sidebarByValRequest.
pub async fn by_val(ctx: &Ctx<'_>, info: Option<&Conference>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?.to_owned();
    let (sender, request, domain) = (ctx.sender.clone(), ctx.request.clone(), ctx.domain().to_owned());
    let body = |doc: Option<Conference>| ResponseBody::SidebarByVal(Payload::new(doc));
    if ctx.request.operation == Some(Operation::Create) {
        let parent = ctx.conference(&uri)?;
        check_parent(&ctx.sender, &parent)?;
        let max_users = ctx.state.config.max_users;
        let (sidebar, doc) = ctx
            .state
            .store
            .write(ctx.deadline, move |tx| {
                let parent = parent_in(tx, &uri)?;
                check_parent(&sender, &parent)?;
                let (sidebar, doc) = new_sidebar(tx, &request, &parent, &domain, max_users)?;
                let mut next = (*parent).clone();
                next.doc.sidebars_by_val.get_or_insert_with(Default::default).entries.push(doc.clone());
                bump(&mut next.doc);
                register_users(tx, &next.doc, &domain);
                tx.put(next);
                Ok((sidebar, doc))
            })
            .await?;
        return Ok(Reply::new(body(Some(doc))).object(sidebar).version(1));
    }
    let parent = ctx
        .state
        .store
        .read()
        .by_val_parent(&uri)
        .cloned()
        .ok_or_else(|| Failure::not_found(format!("no sidebar by value {uri}")))?;
    ctx.check_password(&parent).await?;
    let operation = ctx.request.operation.unwrap_or(Operation::Retrieve);
    if operation == Operation::Retrieve {
        let sidebar = find_by_val(&parent.doc, &uri)?.clone();
        let version = u64::from(sidebar.version.unwrap_or(1));
        return Ok(Reply::new(body(Some(sidebar))).version(version));
    }
    if operation == Operation::Update && info.is_none() {
        return Err(Failure::bad_request("a sidebarByValRequest update needs sidebarByValInfo holding the changes"));
    }
    let parent_uri = parent.uri().to_owned();
    let target = uri.clone();
    let max_users = ctx.state.config.max_users;
    let (version, generated) = ctx
        .state
        .store
        .write(ctx.deadline, move |tx| {
            let parent = parent_in(tx, &parent_uri)?;
            if !manages(&sender, &parent) {
                return Err(Failure::unauthorized(format!(
                    "only a moderator or administrator of {parent_uri} may change its sidebars"
                )));
            }
            let mut next = (*parent).clone();
            let list = next.doc.sidebars_by_val.get_or_insert_with(Default::default);
            let at = list.entries.iter().position(|s| key(&s.entity) == key(&target));
            let at = at.ok_or_else(|| Failure::not_found(format!("no sidebar by value {target}")))?;
            let (version, generated) = if operation == Operation::Delete {
                list.entries.remove(at);
                if list.entries.is_empty() {
                    next.doc.sidebars_by_val = None;
                }
                (None, None)
            } else {
                let resolved = resolve(tx, &request, &domain)?;
                let generated: HashSet<String> = resolved.values.values().cloned().collect();
                let mut changes = payload_of(&resolved.request).cloned().unwrap_or_default();
                let sidebar = &mut list.entries[at];
                let current = u64::from(sidebar.version.unwrap_or(1));
                check_target(&changes, &target, &generated, current)?;
                take_password(&mut changes);
                let before = sidebar.clone();
                merge::conference(sidebar, &changes, &generated)
                    .map_err(|f| Failure { version: Some(current), ..f })?;
                recount(sidebar);
                check_user_cap(&before, sidebar, max_users)?;
                check_parent_limits(sidebar, &parent.doc)?;
                // The sidebar as stored tells the values generated for its placeholders (as
                // `conf::Updated::reply` does for a conference).
                let told = !resolved.values.is_empty();
                if *sidebar == before {
                    return Ok((Some(current), told.then_some(before)));
                }
                let version = bump(sidebar);
                (Some(version), told.then(|| sidebar.clone()))
            };
            bump(&mut next.doc);
            register_users(tx, &next.doc, &domain);
            tx.put(next);
            Ok((version, generated))
        })
        .await?;
    let mut reply = Reply::new(body(generated)).object(uri);
    reply.version = version;
    Ok(reply)
}

fn find_by_val<'d>(doc: &'d Conference, uri: &str) -> Outcome<&'d Conference> {
    doc.sidebars_by_val
        .iter()
        .flat_map(|s| &s.entries)
        .find(|s| key(&s.entity) == key(uri))
        .ok_or_else(|| Failure::not_found(format!("no sidebar by value {uri}")))
}

/// sidebarByRefRequest.
pub async fn by_ref(ctx: &Ctx<'_>, info: Option<&Conference>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?.to_owned();
    let body = |doc: Option<Conference>| ResponseBody::SidebarByRef(Payload::new(doc));
    match ctx.request.operation.unwrap_or(Operation::Retrieve) {
        Operation::Create => {
            let parent = ctx.conference(&uri)?;
            check_parent(&ctx.sender, &parent)?;
            let (sender, request, domain) = (ctx.sender.clone(), ctx.request.clone(), ctx.domain().to_owned());
            let max = ctx.state.config.max_conferences;
            let max_users = ctx.state.config.max_users;
            let owner = ctx.sender.user_id.clone();
            let (sidebar, doc) = ctx
                .state
                .store
                .write(ctx.deadline, move |tx| {
                    check_capacity(tx, max)?;
                    let parent = parent_in(tx, &uri)?;
                    check_parent(&sender, &parent)?;
                    let (sidebar, doc) = new_sidebar(tx, &request, &parent, &domain, max_users)?;
                    register_users(tx, &doc, &domain);
                    let mut next = (*parent).clone();
                    let entry =
                        UriEntry { display_text: doc.display_text().map(str::to_owned), ..UriEntry::new(&sidebar) };
                    next.doc.sidebars_by_ref.get_or_insert_with(Default::default).entries.push(entry);
                    bump(&mut next.doc);
                    tx.put(next);
                    let object = Object {
                        seq: 0,
                        kind: Kind::Conference,
                        doc: doc.clone(),
                        owner,
                        parent: Some(parent.uri().to_owned()),
                        password_hash: parent.password_hash.clone(),
                        encoded: Default::default(),
                    };
                    tx.put(object);
                    Ok((sidebar, doc))
                })
                .await?;
            Ok(Reply::new(body(Some(doc))).object(sidebar).version(1))
        }
        Operation::Retrieve => {
            let sidebar = by_ref_sidebar(ctx, &uri)?;
            ctx.check_password(&sidebar).await?;
            Ok(Reply::document(MessageKind::SidebarByRef, &sidebar))
        }
        Operation::Update => {
            let sidebar = by_ref_sidebar(ctx, &uri)?;
            ctx.check_password(&sidebar).await?;
            Ok(update_object(ctx, &uri, info).await?.reply(MessageKind::SidebarByRef).object(uri))
        }
        Operation::Delete => {
            by_ref_sidebar(ctx, &uri)?;
            let sender = ctx.sender.clone();
            let target = uri.clone();
            ctx.state.store.write(ctx.deadline, move |tx| delete_conference(tx, &sender, &target)).await?;
            Ok(Reply::new(body(None)).object(uri))
        }
    }
}

/// The sidebar by reference `uri`: 404 unless it is a conference with a parent.
fn by_ref_sidebar(ctx: &Ctx<'_>, uri: &str) -> Outcome<std::sync::Arc<Object>> {
    let object = ctx.conference(uri)?;
    if object.parent.is_none() {
        return Err(Failure::not_found(format!("{uri} is a conference, not a sidebar by reference")));
    }
    Ok(object)
}
