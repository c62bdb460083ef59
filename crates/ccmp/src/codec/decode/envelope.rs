//! The envelope: `ccmpRequest`/`ccmpResponse`, the `xsi:type` dispatch, the common parameters and the
//! specialized element.

use super::conference::{conference, sidebars_by_val};
use super::options::options;
use super::user::{user, users};
use super::{number, uris, El, Ns, Reader, Result};
use crate::codec::error::DecodeErrorKind;
use crate::codec::Message;
use crate::message::{
    Extended, ListRequest, MessageKind, Payload, Request, RequestBody, Response, ResponseBody, Subject,
};
use crate::registry::{Direction, ResponseCode};
use crate::unknown::Unknown;
use crate::xcon::Operation;

/// Decodes either direction.
pub(crate) fn message(xml: &str) -> Result<Message> {
    let (mut r, root, inner, direction) = open(xml, None)?;
    let message = match direction {
        Direction::Request => Message::Request(request_body(&mut r, &inner)?),
        Direction::Response => Message::Response(response_body(&mut r, &inner)?),
    };
    close(&mut r, &root)?;
    Ok(message)
}

pub(crate) fn request(xml: &str, strict: bool) -> Result<Request> {
    let (mut r, root, inner, _) = open(xml, Some(Direction::Request))?;
    r.strict = strict;
    let request = request_body(&mut r, &inner)?;
    close(&mut r, &root)?;
    Ok(request)
}

pub(crate) fn response(xml: &str) -> Result<Response> {
    let (mut r, root, inner, _) = open(xml, Some(Direction::Response))?;
    let response = response_body(&mut r, &inner)?;
    close(&mut r, &root)?;
    Ok(response)
}

/// Reads up to the inner `ccmpRequest`/`ccmpResponse` element: `(reader, root, inner, direction)`.
fn open(xml: &str, want: Option<Direction>) -> Result<(Reader<'_>, El<'_>, El<'_>, Direction)> {
    // Whitespace (even a byte-order mark) before the declaration is tolerated (CCMP.md section 8).
    let xml = xml.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let mut r = Reader::new(xml);
    let root = r.root()?;
    let direction = match (&root.ns, root.local()) {
        (Ns::Ccmp, "ccmpRequest") => Direction::Request,
        (Ns::Ccmp, "ccmpResponse") => Direction::Response,
        (_, found) => {
            let found = found.to_owned();
            return Err(r.error(DecodeErrorKind::UnexpectedRoot { expected: expected_root(want), found }));
        }
    };
    if want.is_some_and(|w| w != direction) {
        let found = root.local().to_owned();
        return Err(r.error(DecodeErrorKind::UnexpectedRoot { expected: expected_root(want), found }));
    }
    let name = match direction {
        Direction::Request => "ccmpRequest",
        Direction::Response => "ccmpResponse",
    };
    loop {
        match r.child(&root)? {
            Some(x) if x.ns.is_ccmp_local() && x.local() == name => return Ok((r, root, x, direction)),
            Some(x) => r.skip(&x)?,
            None => return Err(r.error(DecodeErrorKind::MissingElement(name))),
        }
    }
}

/// After the inner element: the root may hold nothing else of use, and nothing may follow it.
fn close<'a>(r: &mut Reader<'a>, root: &El<'a>) -> Result<()> {
    while let Some(x) = r.child(root)? {
        r.skip(&x)?;
    }
    r.finish()
}

fn expected_root(want: Option<Direction>) -> &'static str {
    match want {
        Some(Direction::Request) => "a CCMP ccmpRequest",
        Some(Direction::Response) => "a CCMP ccmpResponse",
        None => "a CCMP ccmpRequest or ccmpResponse",
    }
}

/// The `xsi:type` of the inner element and its other attributes.
fn message_type<'a>(
    r: &Reader<'a>,
    el: &El<'a>,
    direction: Direction,
    unknown: &mut Unknown,
) -> Result<Option<MessageKind>> {
    let mut kind = None;
    for a in r.attrs(el) {
        let a = a?;
        if a.ns == Ns::Xsi && a.local == "type" {
            let local = a.value.rsplit(':').next().unwrap_or_default();
            match MessageKind::from_xsi_type(local) {
                Some((k, d)) if d == direction => kind = Some(k),
                _ => return Err(r.error(DecodeErrorKind::UnknownMessageType(a.value.trim().to_owned()))),
            }
        } else {
            unknown.push_attr(a.to_any());
        }
    }
    Ok(kind)
}

/// The kind from the specialized element and the one from `xsi:type` must agree.
fn check_kind<'a>(r: &Reader<'a>, declared: Option<MessageKind>, found: MessageKind, name: &str) -> Result<()> {
    match declared {
        Some(d) if d != found => {
            Err(r.error(DecodeErrorKind::BodyMismatch { declared: d.request_name(), found: name.to_owned() }))
        }
        _ => Ok(()),
    }
}

fn operation<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Operation> {
    let text = r.text(el)?;
    // Any case: a peer that echoes "Create" means create, and the operation is no reason to drop an answer
    // (the brief's section 8: lenient in what we accept).
    Operation::parse(&text.to_ascii_lowercase())
        .ok_or_else(|| r.invalid(el, "operation", &text, "retrieve, create, update or delete"))
}

fn request_body<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Request> {
    let mut unknown = Unknown::default();
    let declared = message_type(r, el, Direction::Request, &mut unknown)?;
    let mut req = Request::new(RequestBody::Options);
    req.unknown = unknown;
    let mut body = None;
    while let Some(x) = r.child(el)? {
        if !x.ns.is_ccmp_local() {
            r.keep(&mut req.unknown, &x)?;
            continue;
        }
        match x.local() {
            "subject" => {
                let (subject, password) = subject(r, &x)?;
                req.subject = Some(subject);
                if req.conference_password.is_none() {
                    req.conference_password = password;
                }
            }
            "confUserID" => req.conf_user_id = Some(r.text_cow(&x)?.trim().to_owned()),
            "confObjID" => req.conf_obj_id = Some(r.text_cow(&x)?.trim().to_owned()),
            "operation" => req.operation = Some(operation(r, &x)?),
            "conference-password" => req.conference_password = Some(r.text(&x)?),
            name => match MessageKind::ALL.into_iter().find(|k| k.request_name() == name) {
                Some(kind) if x.ns == Ns::Ccmp || x.ns == Ns::None => {
                    check_kind(r, declared, kind, name)?;
                    body = Some(specialized_request(r, &x, kind)?);
                }
                _ => r.keep(&mut req.unknown, &x)?,
            },
        }
    }
    req.body = match (body, declared) {
        (Some(body), _) => body,
        (None, Some(MessageKind::Options)) => RequestBody::Options,
        (None, Some(kind)) => return Err(r.error(DecodeErrorKind::MissingElement(kind.request_name()))),
        (None, None) => return Err(r.error(DecodeErrorKind::UnknownMessageType(String::new()))),
    };
    Ok(req)
}

/// `subject`, and a `conference-password` found inside it (where some clients put it).
fn subject<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<(Subject, Option<String>)> {
    let mut s = Subject::default();
    let mut password = None;
    r.foreign_attrs(el, &mut s.unknown)?;
    while let Some(x) = r.child(el)? {
        match (x.ns.is_ccmp_local(), x.local()) {
            (true, "username") => s.username = Some(r.text(&x)?),
            (true, "password") => s.password = Some(r.text(&x)?),
            (true, "conference-password") => password = Some(r.text(&x)?),
            _ => r.keep(&mut s.unknown, &x)?,
        }
    }
    Ok((s, password))
}

fn specialized_request<'a>(r: &mut Reader<'a>, el: &El<'a>, kind: MessageKind) -> Result<RequestBody> {
    Ok(match kind {
        MessageKind::Blueprints => RequestBody::Blueprints(list_request(r, el)?),
        MessageKind::Confs => RequestBody::Confs(list_request(r, el)?),
        MessageKind::SidebarsByVal => RequestBody::SidebarsByVal(list_request(r, el)?),
        MessageKind::SidebarsByRef => RequestBody::SidebarsByRef(list_request(r, el)?),
        MessageKind::Blueprint => RequestBody::Blueprint(payload(r, el, kind, conference)?),
        MessageKind::Conf => RequestBody::Conf(payload(r, el, kind, conference)?),
        MessageKind::SidebarByVal => RequestBody::SidebarByVal(payload(r, el, kind, conference)?),
        MessageKind::SidebarByRef => RequestBody::SidebarByRef(payload(r, el, kind, conference)?),
        MessageKind::Users => RequestBody::Users(payload(r, el, kind, users)?),
        MessageKind::User => RequestBody::User(payload(r, el, kind, user)?),
        MessageKind::Extended => RequestBody::Extended(extended(r, el)?),
        MessageKind::Options => {
            r.skip(el)?;
            RequestBody::Options
        }
    })
}

fn list_request<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<ListRequest> {
    let mut l = ListRequest::default();
    r.foreign_attrs(el, &mut l.unknown)?;
    while let Some(x) = r.child(el)? {
        match (x.ns.is_ccmp_local(), x.local()) {
            (true, "xpathFilter") => l.xpath_filter = Some(r.text(&x)?),
            _ => r.keep(&mut l.unknown, &x)?,
        }
    }
    Ok(l)
}

type Decoder<'a, T> = fn(&mut Reader<'a>, &El<'a>) -> Result<T>;

/// A specialized element whose one modelled child is the kind's payload (`confInfo`, ...).
fn payload<'a, T>(r: &mut Reader<'a>, el: &El<'a>, kind: MessageKind, decode: Decoder<'a, T>) -> Result<Payload<T>> {
    let mut p = Payload::default();
    r.foreign_attrs(el, &mut p.unknown)?;
    let info = kind.info_name();
    while let Some(x) = r.child(el)? {
        if x.ns.is_ccmp_local() && Some(x.local()) == info {
            p.info = Some(decode(r, &x)?);
        } else {
            r.keep(&mut p.unknown, &x)?;
        }
    }
    Ok(p)
}

fn extended<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Extended> {
    let mut e = Extended::default();
    r.foreign_attrs(el, &mut e.unknown)?;
    let mut named = false;
    while let Some(x) = r.child(el)? {
        if !named && x.ns.is_ccmp_local() && x.local() == "extensionName" {
            e.extension_name = r.text_cow(&x)?.trim().to_owned();
            named = true;
        } else {
            e.elements.push(r.capture(&x)?);
        }
    }
    if !named {
        return Err(r.error(DecodeErrorKind::MissingElement("extensionName")));
    }
    Ok(e)
}

fn response_body<'a>(r: &mut Reader<'a>, el: &El<'a>) -> Result<Response> {
    let mut unknown = Unknown::default();
    let declared = message_type(r, el, Direction::Response, &mut unknown)?;
    let mut conf_user_id = String::new();
    let (mut conf_obj_id, mut op, mut code, mut response_string, mut version) = (None, None, None, None, None);
    let mut body = None;
    while let Some(x) = r.child(el)? {
        if !x.ns.is_ccmp_local() {
            r.keep(&mut unknown, &x)?;
            continue;
        }
        match x.local() {
            "confUserID" => conf_user_id = r.text_cow(&x)?.trim().to_owned(),
            "confObjID" => conf_obj_id = Some(r.text_cow(&x)?.trim().to_owned()),
            "operation" => op = Some(operation(r, &x)?),
            "response-code" => {
                let text = r.text(&x)?;
                let n = text.trim();
                if n.len() != 3 || !n.bytes().all(|b| b.is_ascii_digit()) || n.starts_with('0') {
                    return Err(r.invalid(&x, "response-code", &text, "a three-digit response code"));
                }
                code = number::<u16>(n).map(ResponseCode::from_u16);
            }
            "response-string" => response_string = Some(r.text(&x)?),
            "version" => {
                let text = r.text(&x)?;
                // The schema's positiveInteger has no bound; past 2^64 (no server counts so far: a garbled
                // number) the value is said to be too large, not "no positive integer" (QA). A 0 is taken: a
                // server that counts from 0 still counts, and what matters to a client is that it rises.
                let digits = text.trim();
                let huge = digits.len() > 19 && digits.bytes().all(|b| b.is_ascii_digit());
                let expected = if huge { "a whole number below 2^64" } else { "a whole number" };
                version = Some(number::<u64>(&text).ok_or_else(|| r.invalid(&x, "version", &text, expected))?);
            }
            name => match MessageKind::ALL.into_iter().find(|k| {
                k.response_name() == name || (name == "sidebarsByrefResponse" && *k == MessageKind::SidebarsByRef)
            }) {
                Some(kind) => {
                    if let Some(d) = declared.filter(|d| *d != kind) {
                        return Err(r.error(DecodeErrorKind::BodyMismatch {
                            declared: d.response_name(),
                            found: name.to_owned(),
                        }));
                    }
                    body = Some(specialized_response(r, &x, kind)?);
                }
                None => r.keep(&mut unknown, &x)?,
            },
        }
    }
    let code = code.ok_or_else(|| r.error(DecodeErrorKind::MissingElement("response-code")))?;
    let body = match (body, declared) {
        (Some(body), _) => body,
        (None, Some(kind)) => ResponseBody::empty(kind),
        (None, None) => return Err(r.error(DecodeErrorKind::UnknownMessageType(String::new()))),
    };
    Ok(Response { conf_user_id, conf_obj_id, operation: op, code, response_string, version, unknown, body })
}

fn specialized_response<'a>(r: &mut Reader<'a>, el: &El<'a>, kind: MessageKind) -> Result<ResponseBody> {
    Ok(match kind {
        MessageKind::Blueprints => ResponseBody::Blueprints(payload(r, el, kind, uris)?),
        MessageKind::Confs => ResponseBody::Confs(payload(r, el, kind, uris)?),
        MessageKind::SidebarsByRef => ResponseBody::SidebarsByRef(payload(r, el, kind, uris)?),
        MessageKind::Blueprint => ResponseBody::Blueprint(payload(r, el, kind, conference)?),
        MessageKind::Conf => ResponseBody::Conf(payload(r, el, kind, conference)?),
        MessageKind::SidebarByVal => ResponseBody::SidebarByVal(payload(r, el, kind, conference)?),
        MessageKind::SidebarByRef => ResponseBody::SidebarByRef(payload(r, el, kind, conference)?),
        MessageKind::SidebarsByVal => ResponseBody::SidebarsByVal(payload(r, el, kind, sidebars_by_val)?),
        MessageKind::Users => ResponseBody::Users(payload(r, el, kind, users)?),
        MessageKind::User => ResponseBody::User(payload(r, el, kind, user)?),
        MessageKind::Extended => ResponseBody::Extended(extended(r, el)?),
        MessageKind::Options => {
            let mut p = Payload::default();
            r.foreign_attrs(el, &mut p.unknown)?;
            while let Some(x) = r.child(el)? {
                if x.ns.is_ccmp_local() && x.local() == "options" {
                    p.info = Some(options(r, &x)?);
                } else {
                    r.keep(&mut p.unknown, &x)?;
                }
            }
            ResponseBody::Options(p)
        }
    })
}
