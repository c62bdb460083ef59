//! users-type, user-type and the XCON admission lists.

use super::{execution, list, uris, Writer};
use crate::xcon::{AllowedUsersList, DenyUsersList, Endpoint, Media, User, Users};

pub(crate) fn users(w: &mut Writer, name: &str, u: &Users) {
    w.start(name);
    w.opt_attr("state", u.state.map(|s| s.as_str()));
    w.unknown_attrs(&u.unknown);
    for one in &u.users {
        user(w, "info:user", one);
    }
    w.opt_leaf("xcon:join-handling", u.join_handling.as_ref().map(|j| j.as_str()));
    w.opt_leaf("xcon:user-admission-policy", u.user_admission_policy.as_ref().map(|p| p.as_str()));
    if let Some(l) = &u.allowed_users_list {
        allowed_users_list(w, l);
    }
    if let Some(l) = &u.deny_users_list {
        deny_users_list(w, l);
    }
    w.unknown_elements(&u.unknown);
    w.end(name);
}

pub(crate) fn user(w: &mut Writer, name: &str, u: &User) {
    w.start(name);
    w.opt_attr("entity", u.entity.as_deref());
    w.opt_attr("state", u.state.map(|s| s.as_str()));
    w.unknown_attrs(&u.unknown);
    w.opt_leaf("info:display-text", u.display_text.as_deref());
    if let Some(a) = &u.associated_aors {
        uris(w, "info:associated-aors", a);
    }
    if let Some(r) = &u.roles {
        w.start("info:roles");
        w.unknown_attrs(&r.unknown);
        for role in &r.entries {
            w.leaf("info:entry", role);
        }
        w.unknown_elements(&r.unknown);
        w.end("info:roles");
    }
    w.opt_leaf("info:languages", u.languages.as_deref().map(list).as_deref());
    w.opt_leaf("info:cascaded-focus", u.cascaded_focus.as_deref());
    for e in &u.endpoints {
        endpoint(w, e);
    }
    w.opt_leaf("xcon:provide-anonymity", u.provide_anonymity.as_ref().map(|a| a.as_str()));
    w.opt_bool("xcon:allow-refer-users-dynamically", u.allow_refer_users_dynamically);
    w.opt_bool("xcon:allow-invite-users-dynamically", u.allow_invite_users_dynamically);
    w.opt_bool("xcon:allow-remove-users-dynamically", u.allow_remove_users_dynamically);
    w.unknown_elements(&u.unknown);
    w.end(name);
}

fn endpoint(w: &mut Writer, e: &Endpoint) {
    w.start("info:endpoint");
    w.opt_attr("entity", e.entity.as_deref());
    w.opt_attr("state", e.state.map(|s| s.as_str()));
    w.unknown_attrs(&e.unknown);
    w.opt_leaf("info:display-text", e.display_text.as_deref());
    if let Some(x) = &e.referred {
        execution(w, "info:referred", x);
    }
    w.opt_leaf("info:status", e.status.map(|s| s.as_str()));
    w.opt_leaf("info:joining-method", e.joining_method.map(|m| m.as_str()));
    if let Some(x) = &e.joining_info {
        execution(w, "info:joining-info", x);
    }
    w.opt_leaf("info:disconnection-method", e.disconnection_method.map(|m| m.as_str()));
    if let Some(x) = &e.disconnection_info {
        execution(w, "info:disconnection-info", x);
    }
    for m in &e.media {
        media(w, m);
    }
    if let Some(c) = &e.call_info {
        w.any(c);
    }
    w.unknown_elements(&e.unknown);
    w.end("info:endpoint");
}

fn media(w: &mut Writer, m: &Media) {
    w.start("info:media");
    w.attr("id", &m.id);
    w.unknown_attrs(&m.unknown);
    w.opt_leaf("info:display-text", m.display_text.as_deref());
    w.opt_leaf("info:type", m.media_type.as_deref());
    w.opt_leaf("info:label", m.label.as_deref());
    w.opt_leaf("info:src-id", m.src_id.as_deref());
    w.opt_leaf("info:status", m.status.map(|s| s.as_str()));
    w.unknown_elements(&m.unknown);
    w.end("info:media");
}

fn allowed_users_list(w: &mut Writer, l: &AllowedUsersList) {
    w.start("xcon:allowed-users-list");
    w.unknown_attrs(&l.unknown);
    for t in &l.targets {
        w.start("xcon:target");
        w.attr("uri", &t.uri);
        w.attr("method", t.method.as_str());
        w.unknown_attrs(&t.unknown);
        w.end("xcon:target");
    }
    if let Some(p) = &l.persistent_list {
        w.start("xcon:persistent-list");
        w.unknown_attrs(&p.unknown);
        for u in &p.users {
            w.start("xcon:user");
            w.attr("name", &u.name);
            w.attr("nickname", &u.nickname);
            w.attr("id", &u.id);
            w.unknown_attrs(&u.unknown);
            for email in &u.emails {
                w.leaf("xcon:email", email);
            }
            w.unknown_elements(&u.unknown);
            w.end("xcon:user");
        }
        w.unknown_elements(&p.unknown);
        w.end("xcon:persistent-list");
    }
    w.unknown_elements(&l.unknown);
    w.end("xcon:allowed-users-list");
}

fn deny_users_list(w: &mut Writer, l: &DenyUsersList) {
    w.start("xcon:deny-users-list");
    w.unknown_attrs(&l.unknown);
    for t in &l.targets {
        w.start("xcon:target");
        w.attr("uri", &t.uri);
        w.unknown_attrs(&t.unknown);
        w.end("xcon:target");
    }
    w.unknown_elements(&l.unknown);
    w.end("xcon:deny-users-list");
}
