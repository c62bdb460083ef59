//! conference-type and what hangs off it.

use super::{list, uris, Writer};
use crate::xcon::{
    AvailableMedia, Conference, ConferenceDescription, ConferenceState, ConferenceTime, FloorInformation, HostInfo,
    MixingOffset, SidebarsByVal,
};

pub(crate) fn conference(w: &mut Writer, name: &str, c: &Conference) {
    conference_with(w, name, c, &[]);
}

/// [`conference`] with namespace declarations on its start tag, for a document of its own.
pub(crate) fn conference_with(w: &mut Writer, name: &str, c: &Conference, declarations: &[(&str, &str)]) {
    w.start(name);
    for (attr, value) in declarations {
        w.attr(attr, value);
    }
    w.attr("entity", &c.entity);
    w.opt_attr("state", c.state.map(|s| s.as_str()));
    w.opt_attr("version", c.version.map(|v| v.to_string()).as_deref());
    w.unknown_attrs(&c.unknown);
    if let Some(d) = &c.description {
        description(w, d);
    }
    if let Some(h) = &c.host_info {
        host_info(w, h);
    }
    if let Some(s) = &c.conference_state {
        conference_state(w, s);
    }
    if let Some(u) = &c.users {
        super::user::users(w, "info:users", u);
    }
    if let Some(s) = &c.sidebars_by_ref {
        uris(w, "info:sidebars-by-ref", s);
    }
    if let Some(s) = &c.sidebars_by_val {
        sidebars_by_val(w, "info:sidebars-by-val", s);
    }
    if let Some(f) = &c.floor_information {
        floor_information(w, f);
    }
    w.unknown_elements(&c.unknown);
    w.end(name);
}

pub(crate) fn sidebars_by_val(w: &mut Writer, name: &str, s: &SidebarsByVal) {
    w.start(name);
    w.opt_attr("state", s.state.map(|s| s.as_str()));
    w.unknown_attrs(&s.unknown);
    for entry in &s.entries {
        conference(w, "info:entry", entry);
    }
    w.unknown_elements(&s.unknown);
    w.end(name);
}

fn description(w: &mut Writer, d: &ConferenceDescription) {
    w.start("info:conference-description");
    w.unknown_attrs(&d.unknown);
    w.opt_leaf("info:display-text", d.display_text.as_deref());
    w.opt_leaf("info:subject", d.subject.as_deref());
    w.opt_leaf("info:free-text", d.free_text.as_deref());
    w.opt_leaf("info:keywords", d.keywords.as_deref().map(list).as_deref());
    if let Some(u) = &d.conf_uris {
        uris(w, "info:conf-uris", u);
    }
    if let Some(u) = &d.service_uris {
        uris(w, "info:service-uris", u);
    }
    w.opt_number("info:maximum-user-count", d.maximum_user_count);
    if let Some(m) = &d.available_media {
        available_media(w, m);
    }
    w.opt_leaf("xcon:language", d.language.as_deref());
    w.opt_bool("xcon:allow-sidebars", d.allow_sidebars);
    w.opt_leaf("xcon:cloning-parent", d.cloning_parent.as_deref());
    w.opt_leaf("xcon:sidebar-parent", d.sidebar_parent.as_deref());
    if let Some(t) = &d.conference_time {
        conference_time(w, t);
    }
    w.opt_bool("xcon:allow-conference-event-subscription", d.allow_conference_event_subscription);
    w.opt_leaf("xcon:conference-password", d.conference_password.as_deref());
    w.unknown_elements(&d.unknown);
    w.end("info:conference-description");
}

fn host_info(w: &mut Writer, h: &HostInfo) {
    w.start("info:host-info");
    w.unknown_attrs(&h.unknown);
    w.opt_leaf("info:display-text", h.display_text.as_deref());
    w.opt_leaf("info:web-page", h.web_page.as_deref());
    if let Some(u) = &h.uris {
        uris(w, "info:uris", u);
    }
    w.unknown_elements(&h.unknown);
    w.end("info:host-info");
}

fn conference_state(w: &mut Writer, s: &ConferenceState) {
    w.start("info:conference-state");
    w.unknown_attrs(&s.unknown);
    w.opt_number("info:user-count", s.user_count);
    w.opt_bool("info:active", s.active);
    w.opt_bool("info:locked", s.locked);
    w.unknown_elements(&s.unknown);
    w.end("info:conference-state");
}

fn available_media(w: &mut Writer, m: &AvailableMedia) {
    w.start("info:available-media");
    w.unknown_attrs(&m.unknown);
    for e in &m.entries {
        w.start("info:entry");
        w.attr("label", &e.label);
        w.unknown_attrs(&e.unknown);
        w.opt_leaf("info:display-text", e.display_text.as_deref());
        w.leaf("info:type", &e.media_type);
        w.opt_leaf("info:status", e.status.map(|s| s.as_str()));
        w.unknown_elements(&e.unknown);
        w.end("info:entry");
    }
    w.unknown_elements(&m.unknown);
    w.end("info:available-media");
}

fn floor_information(w: &mut Writer, f: &FloorInformation) {
    w.start("xcon:floor-information");
    w.unknown_attrs(&f.unknown);
    w.opt_number("xcon:conference-ID", f.conference_id);
    w.opt_bool("xcon:allow-floor-events", f.allow_floor_events);
    w.opt_leaf("xcon:floor-request-handling", f.floor_request_handling.as_ref().map(|h| h.as_str()));
    if let Some(p) = &f.conference_floor_policy {
        w.start("xcon:conference-floor-policy");
        w.unknown_attrs(&p.unknown);
        for floor in &p.floors {
            w.start("xcon:floor");
            w.attr("id", &floor.id);
            w.unknown_attrs(&floor.unknown);
            for label in &floor.media_labels {
                w.leaf("xcon:media-label", label);
            }
            w.opt_leaf("xcon:algorithm", floor.algorithm.as_ref().map(|a| a.as_str()));
            w.opt_number("xcon:max-floor-users", floor.max_floor_users);
            w.opt_number("xcon:moderator-id", floor.moderator_id);
            w.unknown_elements(&floor.unknown);
            w.end("xcon:floor");
        }
        w.unknown_elements(&p.unknown);
        w.end("xcon:conference-floor-policy");
    }
    w.unknown_elements(&f.unknown);
    w.end("xcon:floor-information");
}

fn conference_time(w: &mut Writer, t: &ConferenceTime) {
    w.start("xcon:conference-time");
    w.unknown_attrs(&t.unknown);
    for e in &t.entries {
        w.start("xcon:entry");
        w.unknown_attrs(&e.unknown);
        w.leaf("xcon:base", &e.base);
        if let Some(m) = &e.mixing_start_offset {
            mixing_offset(w, "xcon:mixing-start-offset", m);
        }
        if let Some(m) = &e.mixing_end_offset {
            mixing_offset(w, "xcon:mixing-end-offset", m);
        }
        w.opt_leaf("xcon:can-join-after-offset", e.can_join_after_offset.as_deref());
        w.opt_leaf("xcon:must-join-before-offset", e.must_join_before_offset.as_deref());
        w.opt_leaf("xcon:request-user", e.request_user.as_deref());
        w.opt_number("xcon:notify-end-of-conference", e.notify_end_of_conference);
        w.opt_bool("xcon:allowed-extend-mixing-end-offset", e.allowed_extend_mixing_end_offset);
        w.unknown_elements(&e.unknown);
        w.end("xcon:entry");
    }
    w.unknown_elements(&t.unknown);
    w.end("xcon:conference-time");
}

fn mixing_offset(w: &mut Writer, name: &str, m: &MixingOffset) {
    w.start(name);
    w.attr("required-participant", &m.required_participant);
    w.unknown_attrs(&m.unknown);
    w.content(&m.time);
    w.end(name);
}
