//! `AUTO_GENERATE_n` placeholders (RFC 6503 section 4.3): the server picks one value per `n` and puts
//! it everywhere that `n` appears in the request, so a conference entity and a media label written with
//! the same `n` get the same value.
//!
//! The replacement works on the request's XML text, so that a placeholder is found wherever it stands
//! (any attribute or element value, extension content included) without walking every model type. A
//! placeholder in an element or attribute name is 400; one in a URI whose domain this server does not
//! serve is 427.

use std::collections::BTreeMap;

use ccmp::{AutoGenerate, Request, RequestBody, ResponseCode};
use quick_xml::events::Event;

use crate::auth::random_digits;
use crate::failure::{Failure, Outcome};

/// The request with every placeholder replaced, and the values chosen.
pub struct Resolved {
    pub request: Request,
    pub values: BTreeMap<u32, String>,
}

/// Replaces the placeholders of `request`. `taken(value)` says whether a candidate value would collide
/// with an existing conference or user id; `domain` is the one this server serves.
pub fn resolve(request: &Request, domain: &str, taken: impl Fn(&str) -> bool) -> Outcome<Resolved> {
    let mut plain = request.clone();
    let subject = plain.subject.take();
    let xml = plain.to_xml();
    let found = AutoGenerate::find_all(&xml);
    if found.is_empty() {
        return Ok(Resolved { request: request.clone(), values: BTreeMap::new() });
    }
    check_placement(&xml)?;
    for (range, _) in &found {
        if let Some(host) = domain_after(&xml[range.end..]) {
            if !host.eq_ignore_ascii_case(domain) {
                return Err(Failure::new(
                    ResponseCode::InvalidDomainName,
                    format!("{} is not a domain this server serves (it serves {domain})", host),
                ));
            }
        }
    }
    let preferred = preferred_user_ids(request);
    let mut values: BTreeMap<u32, String> = BTreeMap::new();
    for (_, n) in &found {
        if values.contains_key(&n.0) {
            continue;
        }
        let chosen = preferred
            .get(&n.0)
            .filter(|c| !taken(c) && !values.values().any(|v| v == *c))
            .cloned()
            .unwrap_or_else(|| fresh(&taken, &values));
        values.insert(n.0, chosen);
    }
    let mut out = String::with_capacity(xml.len());
    let mut last = 0;
    for (range, n) in &found {
        out.push_str(&xml[last..range.start]);
        out.push_str(&values[&n.0]);
        last = range.end;
    }
    out.push_str(&xml[last..]);
    let mut resolved = ccmp::decode_request(&out)
        .map_err(|e| Failure::internal(format_args!("re-reading a request after AUTO_GENERATE: {e}")))?;
    resolved.subject = subject;
    Ok(Resolved { request: resolved, values })
}

/// A new random id no object or user has.
fn fresh(taken: &impl Fn(&str) -> bool, values: &BTreeMap<u32, String>) -> String {
    loop {
        let candidate = random_digits(8);
        if !taken(&candidate) && !values.values().any(|v| *v == candidate) {
            return candidate;
        }
    }
}

/// 400 when a placeholder stands in an element or attribute name.
fn check_placement(xml: &str) -> Outcome<()> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let misplaced = || Failure::bad_request("AUTO_GENERATE_n may only stand in an attribute or element value");
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if AutoGenerate::occurs_in(&String::from_utf8_lossy(e.name().as_ref())) {
                    return Err(misplaced());
                }
                for a in e.attributes().flatten() {
                    if AutoGenerate::occurs_in(&String::from_utf8_lossy(a.key.as_ref())) {
                        return Err(misplaced());
                    }
                }
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(Failure::internal(format_args!("re-reading an encoded request: {e}"))),
        }
    }
}

/// The host after `@` when `rest` (the text right after a placeholder) starts with one.
fn domain_after(rest: &str) -> Option<&str> {
    let rest = rest.strip_prefix('@')?;
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || "-.[]:".contains(c))).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// For a userRequest that adds `xcon-userid:AUTO_GENERATE_n@...`, an id derived from the user's first
/// endpoint or address (`sip:Ciccio@example.com` gives `Ciccio`), as in RFC 6503 section 6.7.
fn preferred_user_ids(request: &Request) -> BTreeMap<u32, String> {
    let mut out = BTreeMap::new();
    let RequestBody::User(payload) = &request.body else {
        return out;
    };
    let Some(user) = &payload.info else {
        return out;
    };
    let Some(entity) = user.entity.as_deref() else {
        return out;
    };
    let found = AutoGenerate::find_all(entity);
    let [(range, n)] = found.as_slice() else {
        return out;
    };
    if !entity[..range.start].eq_ignore_ascii_case("xcon-userid:") {
        return out;
    }
    let sources = user
        .endpoints
        .iter()
        .filter_map(|e| e.entity.as_deref())
        .chain(user.associated_aors.iter().flat_map(|a| a.entries.iter().map(|e| e.uri.as_str())));
    for source in sources {
        let local = source.trim().split_once(':').map_or(source, |(_, rest)| rest);
        let local = local.split('@').next().unwrap_or("");
        let valid = !local.is_empty()
            && local.len() <= 64
            && local.chars().all(|c| c.is_ascii_alphanumeric() || "-._~".contains(c))
            && !AutoGenerate::occurs_in(local);
        if valid {
            out.insert(n.0, local.to_owned());
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::{Conference, MediaEntry, Operation};
    use ccmp::XconUserId;

    fn sender() -> XconUserId {
        "xcon-userid:alice@example.com".parse().unwrap()
    }

    #[test]
    fn the_same_n_gets_the_same_value_everywhere() {
        let mut conf = Conference::new("xcon:AUTO_GENERATE_1@example.com");
        let media = conf.description_mut().available_media.get_or_insert_with(Default::default);
        media.entries.push(MediaEntry::new("AUTO_GENERATE_1", "audio"));
        media.entries.push(MediaEntry::new("AUTO_GENERATE_2", "video"));
        let request = Request::conf_create(&sender(), conf);
        let resolved = resolve(&request, "example.com", |_| false).unwrap();
        let RequestBody::Conf(p) = &resolved.request.body else { panic!() };
        let doc = p.info.as_ref().unwrap();
        let one = &resolved.values[&1];
        assert_eq!(doc.entity, format!("xcon:{one}@example.com"));
        let labels: Vec<_> = doc.media().iter().map(|e| e.label.clone()).collect();
        assert_eq!(labels, vec![one.clone(), resolved.values[&2].clone()]);
        assert_ne!(resolved.values[&1], resolved.values[&2]);
    }

    #[test]
    fn a_foreign_domain_is_427() {
        let request = Request::conf_create(&sender(), Conference::new("xcon:AUTO_GENERATE_1@elsewhere.org"));
        let failure = resolve(&request, "example.com", |_| false).err().unwrap();
        assert_eq!(failure.code, ResponseCode::InvalidDomainName);
    }

    #[test]
    fn a_new_user_id_comes_from_the_endpoint_when_free() {
        let mut user = ccmp::xcon::User::new("xcon-userid:AUTO_GENERATE_1@example.com");
        user.endpoints.push(ccmp::xcon::Endpoint::new("sip:Ciccio@example.com"));
        let request = Request::user(&sender(), "xcon:1@example.com", Operation::Create, Some(user));
        assert_eq!(resolve(&request, "example.com", |_| false).unwrap().values[&1], "Ciccio");
        let taken = resolve(&request, "example.com", |v| v == "Ciccio").unwrap();
        assert_ne!(taken.values[&1], "Ciccio");
    }
}
