//! The envelope and the specialized elements.

use super::conference::{conference, sidebars_by_val};
use super::user::{user, users};
use super::{uris, Writer};
use crate::message::{
    Extended, ListRequest, MessageKind, Options, Payload, Request, RequestBody, Response, ResponseBody,
};
use crate::ns;
use crate::registry::Direction;
use crate::unknown::Unknown;
use crate::xcon::Operation;

pub(crate) fn request(r: &Request, pretty: bool) -> String {
    let mut w = open(Direction::Request, r.kind(), &r.unknown, pretty, 1024);
    if let Some(s) = &r.subject {
        w.start("subject");
        w.unknown_attrs(&s.unknown);
        w.opt_leaf("username", s.username.as_deref());
        w.opt_leaf("password", s.password.as_deref());
        w.unknown_elements(&s.unknown);
        w.end("subject");
    }
    w.opt_leaf("confUserID", r.conf_user_id.as_deref());
    w.opt_leaf("confObjID", r.conf_obj_id.as_deref());
    w.opt_leaf("operation", r.operation.map(Operation::as_str));
    w.opt_leaf("conference-password", r.conference_password.as_deref());
    w.unknown_elements(&r.unknown);
    let name = specialized_name(r.kind(), Direction::Request);
    match &r.body {
        RequestBody::Blueprints(l)
        | RequestBody::Confs(l)
        | RequestBody::SidebarsByVal(l)
        | RequestBody::SidebarsByRef(l) => list_request(&mut w, &name, l),
        RequestBody::Blueprint(p)
        | RequestBody::Conf(p)
        | RequestBody::SidebarByVal(p)
        | RequestBody::SidebarByRef(p) => payload(&mut w, &name, r.kind(), p, conference),
        RequestBody::Users(p) => payload(&mut w, &name, r.kind(), p, users),
        RequestBody::User(p) => payload(&mut w, &name, r.kind(), p, user),
        RequestBody::Extended(e) => extended(&mut w, &name, e),
        RequestBody::Options => {}
    }
    close(w, Direction::Request)
}

pub(crate) fn response(r: &Response, pretty: bool) -> String {
    let mut w = open(Direction::Response, r.kind(), &r.unknown, pretty, 1024);
    w.leaf("confUserID", &r.conf_user_id);
    w.opt_leaf("confObjID", r.conf_obj_id.as_deref());
    w.opt_leaf("operation", r.operation.map(Operation::as_str));
    w.leaf("response-code", &r.code.as_u16().to_string());
    w.opt_leaf("response-string", r.response_string.as_deref());
    w.opt_number("version", r.version);
    w.unknown_elements(&r.unknown);
    let name = specialized_name(r.kind(), Direction::Response);
    let kind = r.kind();
    match &r.body {
        ResponseBody::Blueprints(p) | ResponseBody::Confs(p) | ResponseBody::SidebarsByRef(p) => {
            payload(&mut w, &name, kind, p, uris)
        }
        ResponseBody::Blueprint(p)
        | ResponseBody::Conf(p)
        | ResponseBody::SidebarByVal(p)
        | ResponseBody::SidebarByRef(p) => payload(&mut w, &name, kind, p, conference),
        ResponseBody::SidebarsByVal(p) => payload(&mut w, &name, kind, p, sidebars_by_val),
        ResponseBody::Users(p) => payload(&mut w, &name, kind, p, users),
        ResponseBody::User(p) => payload(&mut w, &name, kind, p, user),
        ResponseBody::Extended(e) => extended(&mut w, &name, e),
        ResponseBody::Options(p) => {
            w.start(&name);
            w.unknown_attrs(&p.unknown);
            if let Some(o) = &p.info {
                options(&mut w, o);
            }
            w.unknown_elements(&p.unknown);
            w.end(&name);
        }
    }
    close(w, Direction::Response)
}

fn root_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "ccmpRequest",
        Direction::Response => "ccmpResponse",
    }
}

fn specialized_name(kind: MessageKind, direction: Direction) -> String {
    match direction {
        Direction::Request => format!("ccmp:{}", kind.request_name()),
        Direction::Response => format!("ccmp:{}", kind.response_name()),
    }
}

fn open(direction: Direction, kind: MessageKind, unknown: &Unknown, pretty: bool, capacity: usize) -> Writer {
    let mut w = Writer::new(pretty, capacity);
    w.out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let root = root_name(direction);
    w.start(&format!("ccmp:{root}"));
    w.attr("xmlns:ccmp", ns::CCMP);
    w.attr("xmlns:info", ns::INFO);
    w.attr("xmlns:xcon", ns::XCON);
    w.start(root);
    w.attr("xmlns:xsi", ns::XSI);
    w.attr("xsi:type", &format!("ccmp:{}", kind.xsi_type(direction)));
    w.unknown_attrs(unknown);
    w
}

fn close(mut w: Writer, direction: Direction) -> String {
    let root = root_name(direction);
    w.end(root);
    w.end(&format!("ccmp:{root}"));
    w.finish()
}

fn list_request(w: &mut Writer, name: &str, l: &ListRequest) {
    w.start(name);
    w.unknown_attrs(&l.unknown);
    w.opt_leaf("xpathFilter", l.xpath_filter.as_deref());
    w.unknown_elements(&l.unknown);
    w.end(name);
}

fn payload<T>(w: &mut Writer, name: &str, kind: MessageKind, p: &Payload<T>, encode: fn(&mut Writer, &str, &T)) {
    w.start(name);
    w.unknown_attrs(&p.unknown);
    if let (Some(info), Some(info_name)) = (&p.info, kind.info_name()) {
        encode(w, info_name, info);
    }
    w.unknown_elements(&p.unknown);
    w.end(name);
}

fn extended(w: &mut Writer, name: &str, e: &Extended) {
    w.start(name);
    w.unknown_attrs(&e.unknown);
    w.leaf("extensionName", &e.extension_name);
    for element in &e.elements {
        w.any(element);
    }
    w.end(name);
}

fn options(w: &mut Writer, o: &Options) {
    w.start("options");
    w.unknown_attrs(&o.unknown);
    w.start("standard-message-list");
    w.unknown_attrs(&o.standard_list_unknown);
    for m in &o.standard_messages {
        w.start("standard-message");
        w.unknown_attrs(&m.unknown);
        w.leaf("name", m.name.request_name());
        operations(w, m.operations.as_deref());
        w.opt_leaf("schema-def", m.schema_def.as_deref());
        w.opt_leaf("description", m.description.as_deref());
        w.unknown_elements(&m.unknown);
        w.end("standard-message");
    }
    w.unknown_elements(&o.standard_list_unknown);
    w.end("standard-message-list");
    if let Some(l) = &o.extended_message_list {
        w.start("extended-message-list");
        w.unknown_attrs(&l.unknown);
        for m in &l.messages {
            w.start("extended-message");
            w.unknown_attrs(&m.unknown);
            w.leaf("name", &m.name);
            operations(w, m.operations.as_deref());
            w.leaf("schema-def", &m.schema_def);
            w.opt_leaf("description", m.description.as_deref());
            w.unknown_elements(&m.unknown);
            w.end("extended-message");
        }
        w.unknown_elements(&l.unknown);
        w.end("extended-message-list");
    }
    w.unknown_elements(&o.unknown);
    w.end("options");
}

fn operations(w: &mut Writer, ops: Option<&[Operation]>) {
    if let Some(ops) = ops {
        w.start("operations");
        for op in ops {
            w.leaf("operation", op.as_str());
        }
        w.end("operations");
    }
}
