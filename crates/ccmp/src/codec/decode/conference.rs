//! conference-type and what hangs off it.

use super::{boolean, list, number, uri, uris, El, Ns, Reader, Result};
use crate::xcon::{
    AvailableMedia, Conference, ConferenceDescription, ConferenceState, ConferenceTime, Floor, FloorAlgorithm,
    FloorInformation, FloorPolicy, FloorRequestHandling, HostInfo, MediaEntry, MediaStatus, MixingOffset,
    SidebarsByVal, State, TimeEntry,
};

pub(crate) fn conference<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Conference> {
    let mut c = Conference::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "entity") => c.entity = a.value.trim().to_owned(),
            (Ns::None, "state") => c.state = r.parsed_attr(el, &a, &mut c.unknown, State::parse)?,
            (Ns::None, "version") => c.version = r.parsed_attr(el, &a, &mut c.unknown, number::<u32>)?,
            _ => c.unknown.push_attr(a.to_any()),
        }
    }
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "conference-description") => c.description = Some(description(r, &x)?),
            (Ns::Info, "host-info") => c.host_info = Some(host_info(r, &x)?),
            (Ns::Info, "conference-state") => c.conference_state = Some(conference_state(r, &x)?),
            (Ns::Info, "users") => c.users = Some(super::user::users(r, &x)?),
            (Ns::Info, "sidebars-by-ref") => c.sidebars_by_ref = Some(uris(r, &x)?),
            (Ns::Info, "sidebars-by-val") => c.sidebars_by_val = Some(sidebars_by_val(r, &x)?),
            (Ns::Xcon, "floor-information") => c.floor_information = Some(floor_information(r, &x)?),
            _ => r.keep(&mut c.unknown, &x)?,
        }
    }
    Ok(c)
}

pub(crate) fn sidebars_by_val<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<SidebarsByVal> {
    let mut s = SidebarsByVal::default();
    s.state = r.state_attr(el, &mut s.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "entry") => s.entries.push(conference(r, &x)?),
            _ => r.keep(&mut s.unknown, &x)?,
        }
    }
    s.entries.shrink_to_fit();
    Ok(s)
}

fn description<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<ConferenceDescription> {
    let mut d = ConferenceDescription::default();
    r.foreign_attrs(el, &mut d.unknown)?;
    while let Some(x) = r.child(el)? {
        let u = &mut d.unknown;
        match (&x.ns, x.local()) {
            (Ns::Info, "display-text") => d.display_text = Some(r.text(&x)?),
            (Ns::Info, "subject") => d.subject = Some(r.text(&x)?),
            (Ns::Info, "free-text") => d.free_text = Some(r.text(&x)?),
            (Ns::Info, "keywords") => d.keywords = r.value(&x, u, list)?,
            (Ns::Info, "conf-uris") => d.conf_uris = Some(uris(r, &x)?),
            (Ns::Info, "service-uris") => d.service_uris = Some(uris(r, &x)?),
            (Ns::Info, "maximum-user-count") => d.maximum_user_count = r.value(&x, u, number)?,
            (Ns::Info, "available-media") => d.available_media = Some(available_media(r, &x)?),
            (Ns::Xcon, "language") => d.language = r.value(&x, u, uri)?,
            (Ns::Xcon, "allow-sidebars") => d.allow_sidebars = r.value(&x, u, boolean)?,
            (Ns::Xcon, "cloning-parent") => d.cloning_parent = r.value(&x, u, uri)?,
            (Ns::Xcon, "sidebar-parent") => d.sidebar_parent = r.value(&x, u, uri)?,
            (Ns::Xcon, "conference-time") => d.conference_time = Some(conference_time(r, &x)?),
            (Ns::Xcon, "allow-conference-event-subscription") => {
                d.allow_conference_event_subscription = r.value(&x, u, boolean)?
            }
            (Ns::Xcon, "conference-password") => d.conference_password = Some(r.text(&x)?),
            _ => r.keep(u, &x)?,
        }
    }
    Ok(d)
}

fn host_info<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<HostInfo> {
    let mut h = HostInfo::default();
    r.foreign_attrs(el, &mut h.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "display-text") => h.display_text = Some(r.text(&x)?),
            (Ns::Info, "web-page") => h.web_page = r.value(&x, &mut h.unknown, uri)?,
            (Ns::Info, "uris") => h.uris = Some(uris(r, &x)?),
            _ => r.keep(&mut h.unknown, &x)?,
        }
    }
    Ok(h)
}

fn conference_state<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<ConferenceState> {
    let mut s = ConferenceState::default();
    r.foreign_attrs(el, &mut s.unknown)?;
    while let Some(x) = r.child(el)? {
        let u = &mut s.unknown;
        match (&x.ns, x.local()) {
            (Ns::Info, "user-count") => s.user_count = r.value(&x, u, number)?,
            (Ns::Info, "active") => s.active = r.value(&x, u, boolean)?,
            (Ns::Info, "locked") => s.locked = r.value(&x, u, boolean)?,
            _ => r.keep(u, &x)?,
        }
    }
    Ok(s)
}

fn available_media<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<AvailableMedia> {
    let mut m = AvailableMedia::default();
    r.foreign_attrs(el, &mut m.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "entry") => m.entries.push(media_entry(r, &x)?),
            _ => r.keep(&mut m.unknown, &x)?,
        }
    }
    m.entries.shrink_to_fit();
    Ok(m)
}

fn media_entry<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<MediaEntry> {
    let mut m = MediaEntry::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "label") => m.label = a.value.into_owned(),
            _ => m.unknown.push_attr(a.to_any()),
        }
    }
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Info, "display-text") => m.display_text = Some(r.text(&x)?),
            (Ns::Info, "type") => m.media_type = r.text(&x)?,
            (Ns::Info, "status") => m.status = r.value(&x, &mut m.unknown, MediaStatus::parse)?,
            _ => r.keep(&mut m.unknown, &x)?,
        }
    }
    Ok(m)
}

fn floor_information<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<FloorInformation> {
    let mut f = FloorInformation::default();
    r.foreign_attrs(el, &mut f.unknown)?;
    while let Some(x) = r.child(el)? {
        let u = &mut f.unknown;
        match (&x.ns, x.local()) {
            (Ns::Xcon, "conference-ID") => f.conference_id = r.value(&x, u, number)?,
            (Ns::Xcon, "allow-floor-events") => f.allow_floor_events = r.value(&x, u, boolean)?,
            (Ns::Xcon, "floor-request-handling") => {
                f.floor_request_handling = r.value(&x, u, FloorRequestHandling::parse)?
            }
            (Ns::Xcon, "conference-floor-policy") => f.conference_floor_policy = Some(floor_policy(r, &x)?),
            _ => r.keep(u, &x)?,
        }
    }
    Ok(f)
}

fn floor_policy<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<FloorPolicy> {
    let mut p = FloorPolicy::default();
    r.foreign_attrs(el, &mut p.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Xcon, "floor") => p.floors.push(floor(r, &x)?),
            _ => r.keep(&mut p.unknown, &x)?,
        }
    }
    Ok(p)
}

fn floor<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Floor> {
    let mut f = Floor::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "id") => f.id = a.value.into_owned(),
            _ => f.unknown.push_attr(a.to_any()),
        }
    }
    while let Some(x) = r.child(el)? {
        let u = &mut f.unknown;
        match (&x.ns, x.local()) {
            (Ns::Xcon, "media-label") => f.media_labels.push(r.text(&x)?),
            (Ns::Xcon, "algorithm") => f.algorithm = r.value(&x, u, FloorAlgorithm::parse)?,
            (Ns::Xcon, "max-floor-users") => f.max_floor_users = r.value(&x, u, number)?,
            (Ns::Xcon, "moderator-id") => f.moderator_id = r.value(&x, u, number)?,
            _ => r.keep(u, &x)?,
        }
    }
    Ok(f)
}

fn conference_time<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<ConferenceTime> {
    let mut t = ConferenceTime::default();
    r.foreign_attrs(el, &mut t.unknown)?;
    while let Some(x) = r.child(el)? {
        match (&x.ns, x.local()) {
            (Ns::Xcon, "entry") => t.entries.push(time_entry(r, &x)?),
            _ => r.keep(&mut t.unknown, &x)?,
        }
    }
    Ok(t)
}

fn time_entry<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<TimeEntry> {
    let mut t = TimeEntry::default();
    r.foreign_attrs(el, &mut t.unknown)?;
    while let Some(x) = r.child(el)? {
        let u = &mut t.unknown;
        match (&x.ns, x.local()) {
            (Ns::Xcon, "base") => t.base = r.text(&x)?,
            (Ns::Xcon, "mixing-start-offset") => t.mixing_start_offset = Some(mixing_offset(r, &x)?),
            (Ns::Xcon, "mixing-end-offset") => t.mixing_end_offset = Some(mixing_offset(r, &x)?),
            (Ns::Xcon, "can-join-after-offset") => t.can_join_after_offset = r.value(&x, u, uri)?,
            (Ns::Xcon, "must-join-before-offset") => t.must_join_before_offset = r.value(&x, u, uri)?,
            (Ns::Xcon, "request-user") => t.request_user = r.value(&x, u, uri)?,
            (Ns::Xcon, "notify-end-of-conference") => t.notify_end_of_conference = r.value(&x, u, number)?,
            (Ns::Xcon, "allowed-extend-mixing-end-offset") => {
                t.allowed_extend_mixing_end_offset = r.value(&x, u, boolean)?
            }
            _ => r.keep(u, &x)?,
        }
    }
    Ok(t)
}

fn mixing_offset<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<MixingOffset> {
    let mut m = MixingOffset::default();
    for a in r.attrs(el) {
        let a = a?;
        match (&a.ns, a.local) {
            (Ns::None, "required-participant") => m.required_participant = a.value.into_owned(),
            _ => m.unknown.push_attr(a.to_any()),
        }
    }
    m.time = r.text(el)?.trim().to_owned();
    Ok(m)
}
