//! users-type, user-type and the XCON admission lists.

use super::{boolean, execution, list, push_tight, uri, uris, El, Ns, Reader, Result};
use crate::xcon::{
    AdmissionPolicy, AllowedUsersList, Anonymity, DenyTarget, DenyUsersList, DisconnectionMethod, Endpoint,
    EndpointStatus, JoinHandling, JoiningMethod, Media, MediaStatus, PersistentList, PersistentUser, Roles, State,
    Target, TargetMethod, User, Users,
};

pub(crate) fn users<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Users> {
    let mut us = Users::default();
    us.state = r.state_attr(el, &mut us.unknown)?;
    while let Some(x) = r.child(el)? {
        let u = &mut us.unknown;
        match (&x.ns, x.local()) {
            (Ns::Info, "user") => us.users.push(user(r, &x)?),
            (Ns::Xcon, "join-handling") => us.join_handling = r.value(&x, u, JoinHandling::parse)?,
            (Ns::Xcon, "user-admission-policy") => us.user_admission_policy = r.value(&x, u, AdmissionPolicy::parse)?,
            (Ns::Xcon, "allowed-users-list") => us.allowed_users_list = Some(allowed_users_list(r, &x)?),
            (Ns::Xcon, "deny-users-list") => us.deny_users_list = Some(deny_users_list(r, &x)?),
            _ => r.keep(u, &x)?,
        }
    }
    us.users.shrink_to_fit();
    Ok(us)
}

pub(crate) fn user<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<User> {
    let mut us = User::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "entity") => us.entity = Some(a.value.trim().to_owned()),
            (Ns::None, "state") => us.state = r.parsed_attr(el, &a, &mut us.unknown, State::parse)?,
            _ => us.unknown.push_attr(a.to_any()),
        }
    }
    while let Some(x) = r.child(el)? {
        let u = &mut us.unknown;
        match (&x.ns, x.local()) {
            (Ns::Info, "display-text") => us.display_text = Some(r.text(&x)?),
            (Ns::Info, "associated-aors") => us.associated_aors = Some(uris(r, &x)?),
            (Ns::Info, "roles") => us.roles = Some(roles(r, &x)?),
            (Ns::Info, "languages") => us.languages = r.value(&x, u, list)?,
            (Ns::Info, "cascaded-focus") => us.cascaded_focus = r.value(&x, u, uri)?,
            (Ns::Info, "endpoint") => push_tight(&mut us.endpoints, endpoint(r, &x)?),
            (Ns::Xcon, "provide-anonymity") => us.provide_anonymity = r.value(&x, u, Anonymity::parse)?,
            (Ns::Xcon, "allow-refer-users-dynamically") => {
                us.allow_refer_users_dynamically = r.value(&x, u, boolean)?
            }
            (Ns::Xcon, "allow-invite-users-dynamically") => {
                us.allow_invite_users_dynamically = r.value(&x, u, boolean)?
            }
            (Ns::Xcon, "allow-remove-users-dynamically") => {
                us.allow_remove_users_dynamically = r.value(&x, u, boolean)?
            }
            _ => r.keep(u, &x)?,
        }
    }
    us.endpoints.shrink_to_fit();
    Ok(us)
}

fn roles<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Roles> {
    let mut roles = Roles::default();
    r.foreign_attrs(el, &mut roles.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "entry") => push_tight(&mut roles.entries, r.text(&x)?),
            _ => r.keep(&mut roles.unknown, &x)?,
        }
    }
    roles.entries.shrink_to_fit();
    Ok(roles)
}

fn endpoint<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Endpoint> {
    let mut e = Endpoint::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "entity") => e.entity = Some(a.value.into_owned()),
            (Ns::None, "state") => e.state = r.parsed_attr(el, &a, &mut e.unknown, State::parse)?,
            _ => e.unknown.push_attr(a.to_any()),
        }
    }
    while let Some(x) = r.child(el)? {
        let u = &mut e.unknown;
        match (&x.ns, x.local()) {
            (Ns::Info, "display-text") => e.display_text = Some(r.text(&x)?),
            (Ns::Info, "referred") => e.referred = Some(Box::new(execution(r, &x)?)),
            (Ns::Info, "status") => e.status = r.value(&x, u, EndpointStatus::parse)?,
            (Ns::Info, "joining-method") => e.joining_method = r.value(&x, u, JoiningMethod::parse)?,
            (Ns::Info, "joining-info") => e.joining_info = Some(Box::new(execution(r, &x)?)),
            (Ns::Info, "disconnection-method") => {
                e.disconnection_method = r.value(&x, u, DisconnectionMethod::parse)?
            }
            (Ns::Info, "disconnection-info") => e.disconnection_info = Some(Box::new(execution(r, &x)?)),
            (Ns::Info, "media") => push_tight(&mut e.media, media(r, &x)?),
            (Ns::Info, "call-info") => e.call_info = Some(Box::new(r.capture(&x)?)),
            _ => r.keep(u, &x)?,
        }
    }
    e.media.shrink_to_fit();
    Ok(e)
}

fn media<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Media> {
    let mut m = Media::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "id") => m.id = a.value.into_owned(),
            _ => m.unknown.push_attr(a.to_any()),
        }
    }
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "display-text") => m.display_text = Some(r.text(&x)?),
            (Ns::Info, "type") => m.media_type = Some(r.text(&x)?),
            (Ns::Info, "label") => m.label = Some(r.text(&x)?),
            (Ns::Info, "src-id") => m.src_id = Some(r.text(&x)?),
            (Ns::Info, "status") => m.status = r.value(&x, &mut m.unknown, MediaStatus::parse)?,
            _ => r.keep(&mut m.unknown, &x)?,
        }
    }
    Ok(m)
}

fn allowed_users_list<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<AllowedUsersList> {
    let mut l = AllowedUsersList::default();
    r.foreign_attrs(el, &mut l.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Xcon, "target") => match target(r, &x)? {
                Some(t) => l.targets.push(t),
                None => r.keep(&mut l.unknown, &x)?,
            },
            (Ns::Xcon, "persistent-list") => l.persistent_list = Some(persistent_list(r, &x)?),
            _ => r.keep(&mut l.unknown, &x)?,
        }
    }
    Ok(l)
}

/// A target, or `None` when it has no usable method (then the caller keeps it as unknown content).
fn target<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Option<Target>> {
    let mut uri = String::new();
    let mut method = None;
    let mut unknown = crate::unknown::Unknown::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "uri") => uri = a.value.trim().to_owned(),
            (Ns::None, "method") => method = r.parsed_attr(el, &a, &mut unknown, TargetMethod::parse)?,
            _ => unknown.push_attr(a.to_any()),
        }
    }
    let Some(method) = method else {
        return Ok(None);
    };
    r.skip(el)?;
    Ok(Some(Target { uri, method, unknown }))
}

fn deny_users_list<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<DenyUsersList> {
    let mut l = DenyUsersList::default();
    r.foreign_attrs(el, &mut l.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Xcon, "target") => {
                let mut t = DenyTarget::default();
                for a in r.attrs(&x) {
                    let a = a?;
                    match (&a.ns, a.local) {
                        (Ns::None, "uri") => t.uri = a.value.trim().to_owned(),
                        _ => t.unknown.push_attr(a.to_any()),
                    }
                }
                r.skip(&x)?;
                l.targets.push(t);
            }
            _ => r.keep(&mut l.unknown, &x)?,
        }
    }
    Ok(l)
}

fn persistent_list<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<PersistentList> {
    let mut l = PersistentList::default();
    r.foreign_attrs(el, &mut l.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Xcon, "user") => {
                let mut p = PersistentUser::default();
                for a in r.attrs(&x) {
                    let a = a?;
                    match (&a.ns, a.local) {
                        (Ns::None, "name") => p.name = a.value.trim().to_owned(),
                        (Ns::None, "nickname") => p.nickname = a.value.into_owned(),
                        (Ns::None, "id") => p.id = a.value.into_owned(),
                        _ => p.unknown.push_attr(a.to_any()),
                    }
                }
                while let Some(y) = r.child(&x)? {
                    match (&y.ns, y.local()) {
                        (Ns::Xcon, "email") => p.emails.push(r.text(&y)?),
                        _ => r.keep(&mut p.unknown, &y)?,
                    }
                }
                l.users.push(p);
            }
            _ => r.keep(&mut l.unknown, &x)?,
        }
    }
    Ok(l)
}
