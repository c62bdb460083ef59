//! confRequest (RFC 6503 section 5.3.4): conferences as a whole.

use std::collections::HashSet;
use std::sync::Arc;

use ccmp::message::Payload;
use ccmp::xcon::{Conference, Operation, Roles, UriEntry, Uris, User};
use ccmp::{MessageKind, ResponseBody, ResponseCode};

use super::shared::{
    check_capacity, manages_or_parent, new_uri, password_change, payload_of, register_users, requested_uri, resolve,
    short_name, template_copy,
};
use super::{Ctx, Reply};
use crate::conference::{
    bump, check_new_floors, check_parent_limits, check_server_user_cap, check_user_cap, make_new, recount,
    take_password,
};
use crate::failure::{Failure, Outcome};
use crate::identity::Sender;
use crate::merge;
use crate::store::{key, Kind, Object, Tx};

/// The blueprint cloned by a create without confObjID or confInfo.
pub const DEFAULT_BLUEPRINT: &str = "AudioRoom";

pub async fn conf(ctx: &Ctx<'_>, info: Option<&Conference>) -> Outcome<Reply> {
    match ctx.request.operation {
        Some(Operation::Retrieve) => retrieve(ctx).await,
        Some(Operation::Create) => create(ctx, info).await,
        Some(Operation::Update) => update(ctx, info).await,
        Some(Operation::Delete) => delete(ctx).await,
        None => Err(Failure::bad_request("confRequest needs an operation")),
    }
}

async fn retrieve(ctx: &Ctx<'_>) -> Outcome<Reply> {
    let object = ctx.conference(ctx.conf_obj_id()?)?;
    ctx.check_password(&object).await?;
    Ok(Reply::document(MessageKind::Conf, &object).object(object.uri().to_owned()))
}

async fn create(ctx: &Ctx<'_>, info: Option<&Conference>) -> Outcome<Reply> {
    let sender_id = ctx.sender_id()?.to_owned();
    let template_uri = ctx.request.conf_obj_id.clone().filter(|s| !s.trim().is_empty());
    let cloned = match (&template_uri, info) {
        (Some(t), _) => Some(t.clone()),
        (None, None) => Some(format!("xcon:{DEFAULT_BLUEPRINT}@{}", ctx.domain())),
        (None, Some(_)) => None,
    };
    if let Some(uri) = cloned {
        let found = ctx.state.store.read().object(&uri).cloned();
        if let Some(o) = found {
            if o.kind == Kind::Conference {
                ctx.check_password(&o).await?;
            }
        }
    }
    let password = password_change(info)?;
    let request = ctx.request.clone();
    let domain = ctx.domain().to_owned();
    let max = ctx.state.config.max_conferences;
    let max_users = ctx.state.config.max_users;
    let described = info.is_some();
    let (uri, doc) = ctx
        .state
        .store
        .write(ctx.deadline, move |tx| {
            check_capacity(tx, max)?;
            let resolved = resolve(tx, &request, &domain)?;
            let info = payload_of(&resolved.request).cloned();
            let generated: HashSet<String> = resolved.values.values().cloned().collect();
            let template_uri = match (&template_uri, &info) {
                (Some(t), _) => Some(t.clone()),
                (None, None) => Some(format!("xcon:{DEFAULT_BLUEPRINT}@{domain}")),
                (None, Some(_)) => None,
            };
            let mut doc = match &template_uri {
                Some(t) => {
                    let template =
                        tx.object(t).ok_or_else(|| Failure::not_found(format!("no blueprint or conference {t}")))?;
                    let mut doc = template_copy(&template);
                    let from = doc.display_text().unwrap_or(t).to_owned();
                    let d = doc.description_mut();
                    d.cloning_parent = Some(template.uri().to_owned());
                    d.display_text = Some(format!("New conference by {} cloned from {from}", short_name(&sender_id)));
                    if let Some(changes) = &info {
                        let mut changes = changes.clone();
                        changes.entity.clear();
                        take_password(&mut changes);
                        merge::conference(&mut doc, &changes, &generated)?;
                    }
                    doc
                }
                None => {
                    let mut doc = info.clone().unwrap_or_default();
                    if doc.sidebars_by_ref.as_ref().is_some_and(|s| !s.entries.is_empty())
                        || doc.sidebars_by_val.as_ref().is_some_and(|s| !s.entries.is_empty())
                    {
                        return Err(Failure::forbidden(
                            "create sidebars with sidebarByValRequest and sidebarByRefRequest, not inside confInfo",
                        ));
                    }
                    check_new_floors(&doc)?;
                    add_organizer(&mut doc, &sender_id);
                    doc
                }
            };
            let uri = match requested_uri(tx, &info.as_ref().map(|i| i.entity.clone()).unwrap_or_default(), &domain)? {
                Some(uri) if described => uri,
                _ => new_uri(tx, &domain),
            };
            let mut password_hash =
                template_uri.as_deref().and_then(|t| tx.object(t)).and_then(|t| t.password_hash.clone());
            password.apply(&mut password_hash);
            make_new(&mut doc, &uri);
            check_server_user_cap(&doc, max_users)?;
            register_users(tx, &doc, &domain);
            let owner = Some(sender_id.clone());
            let object = Object {
                seq: 0,
                kind: Kind::Conference,
                doc,
                owner,
                parent: None,
                password_hash,
                encoded: Default::default(),
            };
            let stored = tx.put(object);
            Ok((uri, stored.doc.clone()))
        })
        .await?;
    Ok(Reply::new(ResponseBody::Conf(Payload::new(Some(doc)))).object(uri).version(1))
}

/// A conference created from a description lists its creator as organizer (liblinphone finds the
/// organizer by that role), with its SIP address when the user id looks like one.
fn add_organizer(doc: &mut Conference, sender_id: &str) {
    let users = doc.users.get_or_insert_with(Default::default);
    if users.find(sender_id).is_some() {
        return;
    }
    let mut organizer = User::new(sender_id);
    organizer.roles = Some(Roles::new(["organizer"]));
    let id = sender_id.get(12..).unwrap_or("");
    if id.contains('@') {
        organizer.associated_aors = Some(Uris::new(vec![UriEntry::new(format!("sip:{id}"))]));
    }
    users.users.insert(0, organizer);
}

async fn update(ctx: &Ctx<'_>, info: Option<&Conference>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?.to_owned();
    Ok(update_object(ctx, &uri, info).await?.reply(MessageKind::Conf).object(uri))
}

/// What an update did: the object's version after it, and the object itself when the request held
/// `AUTO_GENERATE_n` placeholders.
pub struct Updated {
    pub version: u64,
    pub generated: Option<Arc<Object>>,
}

impl Updated {
    /// The answer of `kind`: the new version, and the document as stored when the request held
    /// placeholders, since the response carries the values generated (RFC 6503 section 4.3; QA: the
    /// client could only learn a generated media label by reading the conference again). The whole
    /// document rather than the changes echoed: the changes may hold the empty elements that remove a
    /// value, which the schema forbids in a document, and a generated label may have become the label of
    /// the medium of that type already there (`merge::conference`). Without placeholders the answer stays
    /// as small as it was.
    pub fn reply(self, kind: MessageKind) -> Reply {
        match self.generated {
            Some(object) => Reply::document(kind, &object).version(self.version),
            None => Reply::new(ResponseBody::empty(kind)).version(self.version),
        }
    }
}

/// Applies a partial update to the conference (or sidebar by reference) `uri`.
pub async fn update_object(ctx: &Ctx<'_>, uri: &str, info: Option<&Conference>) -> Outcome<Updated> {
    let Some(info) = info else {
        return Err(Failure::bad_request(format!(
            "a {} update needs the changes in its payload",
            ctx.request.kind().request_name()
        )));
    };
    ctx.conference(uri)?;
    let password = password_change(Some(info))?;
    let (request, domain, sender) = (ctx.request.clone(), ctx.domain().to_owned(), ctx.sender.clone());
    let uri = uri.to_owned();
    let max_users = ctx.state.config.max_users;
    ctx.state
        .store
        .write(ctx.deadline, move |tx| {
            let current = tx.object(&uri).filter(|o| o.kind == Kind::Conference);
            let current = current.ok_or_else(|| Failure::not_found(format!("no conference {uri}")))?;
            if !manages_or_parent(tx, &sender, &current) {
                return Err(Failure::unauthorized(format!("only a moderator or administrator of {uri} may change it")));
            }
            let resolved = resolve(tx, &request, &domain)?;
            let generated: HashSet<String> = resolved.values.values().cloned().collect();
            let mut changes = payload_of(&resolved.request).cloned().unwrap_or_default();
            check_target(&changes, &uri, &generated, current.version())?;
            take_password(&mut changes);
            let mut next = (*current).clone();
            merge::conference(&mut next.doc, &changes, &generated)
                .map_err(|f| Failure { version: Some(current.version()), ..f })?;
            recount(&mut next.doc);
            // Users added here meet the caps a userRequest or usersRequest meets (a confRequest update took a
            // conference past --max-users).
            check_user_cap(&current.doc, &next.doc, max_users)?;
            if let Some(parent) = current.parent.as_deref().and_then(|p| tx.object(p)) {
                check_parent_limits(&next.doc, &parent.doc)?;
            }
            let password_changed = password.apply(&mut next.password_hash);
            let told = !resolved.values.is_empty();
            if next.doc == current.doc && !password_changed {
                return Ok(Updated { version: current.version(), generated: told.then_some(current) });
            }
            let version = bump(&mut next.doc);
            register_users(tx, &next.doc, &domain);
            // A sidebar by reference is listed by its parent under its name: a rename is the list's too.
            if next.doc.display_text() != current.doc.display_text() {
                if let Some(parent) = current.parent.as_deref().and_then(|p| tx.object(p)) {
                    let mut p = (*parent).clone();
                    let entry = p
                        .doc
                        .sidebars_by_ref
                        .iter_mut()
                        .flat_map(|l| &mut l.entries)
                        .find(|e| key(&e.uri) == key(&uri));
                    if let Some(entry) = entry {
                        entry.display_text = next.doc.display_text().map(str::to_owned);
                        bump(&mut p.doc);
                        tx.put(p);
                    }
                }
            }
            let stored = tx.put(next);
            Ok(Updated { version, generated: told.then_some(stored) })
        })
        .await
}

/// The changes must be about the target (an entity naming another object is 400, a placeholder is
/// fine), and a version, when the client sends one, must be the current one (409 otherwise).
pub fn check_target(changes: &Conference, uri: &str, generated: &HashSet<String>, current: u64) -> Outcome<()> {
    let entity = changes.entity.trim();
    let is_generated = generated.iter().any(|g| entity.contains(g.as_str()));
    if !entity.is_empty() && !is_generated && key(entity) != key(uri) {
        return Err(Failure::bad_request(format!("the changes are for {entity}, but confObjID is {uri}")));
    }
    if let Some(v) = changes.version {
        if u64::from(v) != current {
            return Err(Failure::conflict(
                format!("the changes were made to version {v}; the conference is at version {current}"),
                Some(current),
            ));
        }
    }
    Ok(())
}

async fn delete(ctx: &Ctx<'_>) -> Outcome<Reply> {
    let uri = ctx.conf_obj_id()?.to_owned();
    ctx.conference(&uri)?;
    let sender = ctx.sender.clone();
    ctx.state.store.write(ctx.deadline, move |tx| delete_conference(tx, &sender, &uri)).await?;
    Ok(Reply::new(ResponseBody::Conf(Payload::default())).object(ctx.conf_obj_id()?.to_owned()))
}

/// Deletes a conference (or sidebar by reference), unless it is the parent of sidebars in use (425).
/// A sidebar by reference also leaves its parent's list.
pub fn delete_conference(tx: &mut Tx<'_>, sender: &Sender, uri: &str) -> Outcome<()> {
    let current = tx.object(uri).filter(|o| o.kind == Kind::Conference);
    let current = current.ok_or_else(|| Failure::not_found(format!("no conference {uri}")))?;
    let parent = current.parent.as_deref().and_then(|p| tx.object(p));
    let allowed =
        crate::rights::manages(sender, &current) || parent.as_ref().is_some_and(|p| crate::rights::manages(sender, p));
    if !allowed {
        return Err(Failure::unauthorized(format!("only a moderator or administrator of {uri} may delete it")));
    }
    let children = tx.snapshot().children(uri);
    if let Some(child) = children.iter().find(|c| tx.object(c.uri()).is_some()) {
        return Err(Failure::new(
            ResponseCode::ForbiddenDeleteParent,
            format!("{uri} is the parent of the sidebar {}; delete the sidebar first", child.uri()),
        ));
    }
    let busy = current
        .doc
        .sidebars_by_val
        .iter()
        .flat_map(|s| &s.entries)
        .find(|s| s.users.as_ref().is_some_and(|u| !u.users.is_empty()));
    if let Some(sidebar) = busy {
        return Err(Failure::new(
            ResponseCode::ForbiddenDeleteParent,
            format!("{uri} holds the sidebar {} with users in it; empty or delete it first", sidebar.entity),
        ));
    }
    if let Some(parent) = parent {
        let mut p = (*parent).clone();
        if let Some(list) = &mut p.doc.sidebars_by_ref {
            list.entries.retain(|e| key(&e.uri) != key(uri));
        }
        bump(&mut p.doc);
        tx.put(p);
    }
    tx.delete(uri);
    Ok(())
}
