//! The element names the data model's two schemas declare (RFC 4575's conference-info, RFC 6501's XCON
//! additions). Both allow extensions only from other namespaces (`##other`): an element of their own
//! namespace that neither declares is a mistake (`info:lockd` for `info:locked`), and a server that stored
//! it as an extension answered 200 to an update that changed nothing, and served documents that no longer
//! passed the schema (QA).

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::ns::{INFO, XCON};

/// Every element name `conference-info.xsd` declares, sorted.
const INFO_NAMES: &[&str] = &[
    "active",
    "associated-aors",
    "available-media",
    "by",
    "call-id",
    "call-info",
    "cascaded-focus",
    "conf-uris",
    "conference-description",
    "conference-info",
    "conference-state",
    "disconnection-info",
    "disconnection-method",
    "display-text",
    "endpoint",
    "entry",
    "free-text",
    "from-tag",
    "host-info",
    "joining-info",
    "joining-method",
    "keywords",
    "label",
    "languages",
    "locked",
    "maximum-user-count",
    "media",
    "modified",
    "purpose",
    "reason",
    "referred",
    "roles",
    "service-uris",
    "sidebars-by-ref",
    "sidebars-by-val",
    "sip",
    "src-id",
    "status",
    "subject",
    "to-tag",
    "type",
    "uri",
    "uris",
    "user",
    "user-count",
    "users",
    "web-page",
    "when",
];

/// Every element name `xcon-conference-info.xsd` declares, sorted.
const XCON_NAMES: &[&str] = &[
    "add",
    "algorithm",
    "allow-conference-event-subscription",
    "allow-floor-events",
    "allow-invite-users-dynamically",
    "allow-refer-users-dynamically",
    "allow-remove-users-dynamically",
    "allow-sidebars",
    "allowed-extend-mixing-end-offset",
    "allowed-users-list",
    "base",
    "can-join-after-offset",
    "cloning-parent",
    "codec",
    "codecs",
    "conference-ID",
    "conference-floor-policy",
    "conference-info-diff",
    "conference-password",
    "conference-time",
    "controls",
    "deny-users-list",
    "email",
    "entry",
    "floor",
    "floor-information",
    "floor-request-handling",
    "from-mixer",
    "gain",
    "join-handling",
    "language",
    "max-floor-users",
    "media-label",
    "mixing-end-offset",
    "mixing-mode",
    "mixing-start-offset",
    "moderator-id",
    "must-join-before-offset",
    "mute",
    "notify-end-of-conference",
    "pause-video",
    "persistent-list",
    "provide-anonymity",
    "remove",
    "replace",
    "request-user",
    "sidebar-parent",
    "subtype",
    "target",
    "to-mixer",
    "user",
    "user-admission-policy",
    "video-layout",
];

/// The elements of `xml` in the conference-info or XCON namespace whose names neither schema declares, each
/// once, in the order they come, written `info:lockd` or `xcon:lockd`; none when the text is not
/// well-formed past them (the decoder says so).
pub fn undeclared(xml: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut reader = NsReader::from_str(xml);
    loop {
        match reader.read_resolved_event() {
            Ok((ResolveResult::Bound(ns), Event::Start(e) | Event::Empty(e))) => {
                let (prefix, names) = match ns.as_ref() {
                    n if n == INFO.as_bytes() => ("info", INFO_NAMES),
                    n if n == XCON.as_bytes() => ("xcon", XCON_NAMES),
                    _ => continue,
                };
                let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let name = format!("{prefix}:{local}");
                if names.binary_search(&local.as_str()).is_err() && !found.contains(&name) {
                    found.push(name);
                }
            }
            Ok((_, Event::Eof)) | Err(_) => return found,
            Ok(_) => {}
        }
    }
}

/// Every attribute name the two schemas declare (all in no namespace), sorted.
const ATTRIBUTE_NAMES: &[&str] = &[
    "decision",
    "entity",
    "id",
    "label",
    "method",
    "name",
    "nickname",
    "policy",
    "required-participant",
    "state",
    "uri",
    "version",
];

/// The attributes of `xml` that neither schema declares where they stand, each once, in the order they come,
/// written `info:state on info:endpoint` or `stat on info:endpoint`: one in the conference-info or XCON
/// namespace (their own attributes take no prefix, and their wildcards take other namespaces only), or one in
/// no namespace on an element of theirs under a name neither declares for any element. Stored as an
/// extension, a prefixed `info:state` or a misspelt `stat` set nothing, and every later answer about the
/// conference failed the schema (QA).
pub fn undeclared_attributes(xml: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut reader = NsReader::from_str(xml);
    loop {
        let (ns, start) = match reader.read_resolved_event() {
            Ok((ns, Event::Start(e) | Event::Empty(e))) => (ns, e),
            Ok((_, Event::Eof)) | Err(_) => return found,
            Ok(_) => continue,
        };
        let Some(element_prefix) = data_model_prefix(&ns) else {
            // Attributes in the data model's namespaces are undeclared wherever they stand.
            for attribute in start.attributes().flatten() {
                let (ns, local) = reader.resolve_attribute(attribute.key);
                if let Some(prefix) = data_model_prefix(&ns) {
                    let element = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
                    let said = format!("{prefix}:{} on {element}", String::from_utf8_lossy(local.as_ref()));
                    if !found.contains(&said) {
                        found.push(said);
                    }
                }
            }
            continue;
        };
        let element = format!("{element_prefix}:{}", String::from_utf8_lossy(start.local_name().as_ref()));
        for attribute in start.attributes().flatten() {
            let (ns, local) = reader.resolve_attribute(attribute.key);
            let local = String::from_utf8_lossy(local.as_ref()).into_owned();
            let said = match (&ns, data_model_prefix(&ns)) {
                (_, Some(prefix)) => format!("{prefix}:{local} on {element}"),
                (ResolveResult::Unbound, None) if ATTRIBUTE_NAMES.binary_search(&local.as_str()).is_err() => {
                    format!("{local} on {element}")
                }
                _ => continue,
            };
            if !found.contains(&said) {
                found.push(said);
            }
        }
    }
}

/// `info` or `xcon` for the data model's two namespaces.
fn data_model_prefix(ns: &ResolveResult) -> Option<&'static str> {
    match ns {
        ResolveResult::Bound(n) if n.as_ref() == INFO.as_bytes() => Some("info"),
        ResolveResult::Bound(n) if n.as_ref() == XCON.as_bytes() => Some("xcon"),
        _ => None,
    }
}

/// What each complex type of `conference-info.xsd` holds of its own namespace: its children's names, each
/// with its type (empty for a simple one, which holds no element). Every type also takes elements of other
/// namespaces (`##other`), the XCON additions among them, which this does not check.
const INFO_CONTENT: &[(&str, &[(&str, &str)])] = &[
    (
        "conference-type",
        &[
            ("conference-description", "conference-description-type"),
            ("host-info", "host-type"),
            ("conference-state", "conference-state-type"),
            ("users", "users-type"),
            ("sidebars-by-ref", "uris-type"),
            ("sidebars-by-val", "sidebars-by-val-type"),
        ],
    ),
    (
        "conference-description-type",
        &[
            ("display-text", ""),
            ("subject", ""),
            ("free-text", ""),
            ("keywords", ""),
            ("conf-uris", "uris-type"),
            ("service-uris", "uris-type"),
            ("maximum-user-count", ""),
            ("available-media", "conference-media-type"),
        ],
    ),
    ("host-type", &[("display-text", ""), ("web-page", ""), ("uris", "uris-type")]),
    ("conference-state-type", &[("user-count", ""), ("active", ""), ("locked", "")]),
    ("conference-media-type", &[("entry", "conference-medium-type")]),
    ("conference-medium-type", &[("display-text", ""), ("type", ""), ("status", "")]),
    ("uris-type", &[("entry", "uri-type")]),
    ("uri-type", &[("uri", ""), ("display-text", ""), ("purpose", ""), ("modified", "execution-type")]),
    ("users-type", &[("user", "user-type")]),
    (
        "user-type",
        &[
            ("display-text", ""),
            ("associated-aors", "uris-type"),
            ("roles", "user-roles-type"),
            ("languages", ""),
            ("cascaded-focus", ""),
            ("endpoint", "endpoint-type"),
        ],
    ),
    ("user-roles-type", &[("entry", "")]),
    (
        "endpoint-type",
        &[
            ("display-text", ""),
            ("referred", "execution-type"),
            ("status", ""),
            ("joining-method", ""),
            ("joining-info", "execution-type"),
            ("disconnection-method", ""),
            ("disconnection-info", "execution-type"),
            ("media", "media-type"),
            ("call-info", "call-type"),
        ],
    ),
    ("execution-type", &[("when", ""), ("reason", ""), ("by", "")]),
    ("call-type", &[("sip", "sip-dialog-id-type")]),
    ("sip-dialog-id-type", &[("display-text", ""), ("call-id", ""), ("from-tag", ""), ("to-tag", "")]),
    ("media-type", &[("display-text", ""), ("type", ""), ("label", ""), ("src-id", ""), ("status", "")]),
    ("sidebars-by-val-type", &[("entry", "conference-type")]),
];

/// The elements of a conference-info document (`<info:conference-info>`, as
/// `crate::codec::encode_conference_info` writes one) that stand where the schema does not take them: an
/// element of its namespace that its parent's type does not list (`info:locked` inside
/// `info:conference-description`, which locks nothing), or an element in no namespace (the schema's wildcards
/// take other namespaces only). Each once, as `info:locked in info:conference-description`.
pub fn misplaced(conference_info: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    // For each open element, its name and the type whose content is checked (None: not checked).
    let mut open: Vec<(String, Option<&'static str>)> = Vec::new();
    let mut reader = NsReader::from_str(conference_info);
    loop {
        let (ns, start, empty) = match reader.read_resolved_event() {
            Ok((ns, Event::Start(e))) => (ns, e, false),
            Ok((ns, Event::Empty(e))) => (ns, e, true),
            Ok((_, Event::End(_))) => {
                open.pop();
                continue;
            }
            Ok((_, Event::Eof)) | Err(_) => return found,
            Ok(_) => continue,
        };
        let local = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        let in_info = matches!(&ns, ResolveResult::Bound(n) if n.as_ref() == INFO.as_bytes());
        let unbound = matches!(ns, ResolveResult::Unbound);
        let name = if in_info { format!("info:{local}") } else { local.clone() };
        let checked = match open.last() {
            None => (in_info && local == "conference-info").then_some("conference-type"),
            Some((parent, parent_type)) => {
                let listed = parent_type.and_then(|t| {
                    let children = INFO_CONTENT.iter().find(|(name, _)| *name == t)?.1;
                    children.iter().find(|(child, _)| *child == local).map(|(_, ty)| *ty)
                });
                let wrong = match (in_info, unbound, parent_type) {
                    (true, _, Some(_)) => listed.is_none(),
                    (_, true, _) => true,
                    _ => false,
                };
                let said = if unbound {
                    format!("{local} (in no namespace) in {parent}")
                } else {
                    format!("{name} in {parent}")
                };
                if wrong && !found.contains(&said) {
                    found.push(said);
                }
                listed.filter(|t| !t.is_empty())
            }
        };
        if !empty {
            open.push((name, checked));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_for_the_search() {
        for names in [INFO_NAMES, XCON_NAMES, ATTRIBUTE_NAMES] {
            assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
        }
    }

    #[test]
    fn a_misspelt_element_of_the_data_model_is_found_and_extensions_are_not() {
        let doc = |inner: &str| {
            format!(
                r#"<confInfo xmlns:info="{INFO}" xmlns:xcon="{XCON}" xmlns:x="urn:example:ext" entity="xcon:a@example.com">{inner}</confInfo>"#
            )
        };
        let good = doc("<info:conference-state><info:locked>true</info:locked></info:conference-state>\
                        <info:conference-description><xcon:conference-time/></info:conference-description><x:lockd/>");
        assert!(undeclared(&good).is_empty());
        let typo = doc(
            "<info:conference-state><info:lockd>true</info:lockd><info:lockd/><xcon:bogus/></info:conference-state>",
        );
        assert_eq!(undeclared(&typo), ["info:lockd", "xcon:bogus"], "each once, in order");
        // Whatever prefix the sender binds the namespace to.
        let other = format!(
            r#"<x:payload xmlns:x="urn:example:ext"><join-handling xmlns="{XCON}">allow</join-handling><joinhandling xmlns="{XCON}"/></x:payload>"#
        );
        assert_eq!(undeclared(&other), ["xcon:joinhandling"]);
    }

    #[test]
    fn an_attribute_the_schemas_do_not_declare_is_found_and_others_are_not() {
        let doc = format!(
            r#"<confInfo xmlns:info="{INFO}" xmlns:xcon="{XCON}" xmlns:x="urn:example:ext" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" entity="xcon:a@example.com" xsi:type="x:t">
               <info:users><info:user entity="u" x:note="kept" info:state="full"><info:endpoint info:state="connected" xcon:state="x"/><info:endpoint info:state="y"/></info:user></info:users></confInfo>"#
        );
        assert_eq!(
            undeclared_attributes(&doc),
            ["info:state on info:user", "info:state on info:endpoint", "xcon:state on info:endpoint"],
            "each once, in order; unprefixed, xmlns and other namespaces' attributes are not"
        );
        let misspelt = format!(
            r#"<confInfo xmlns:info="{INFO}" xmlns:xcon="{XCON}" xmlns:x="urn:example:ext" confinfo-own="ok"><info:users><info:user entity="u" stat="x" x:note="y"><info:endpoint entity="e" state="connected"/></info:user></info:users><xcon:floor id="1" decision="granted"/></confInfo>"#
        );
        assert_eq!(undeclared_attributes(&misspelt), ["stat on info:user"], "a name no element declares");
    }

    #[test]
    fn an_element_of_the_data_model_where_its_schema_does_not_take_it_is_found() {
        let doc = |inner: &str| {
            format!(
                r#"<info:conference-info xmlns:info="{INFO}" xmlns:xcon="{XCON}" entity="xcon:a@example.com">{inner}</info:conference-info>"#
            )
        };
        let right = doc("<info:conference-description><info:display-text>A</info:display-text>\
            <info:maximum-user-count/><xcon:conference-time/></info:conference-description>\
            <info:conference-state><info:locked>true</info:locked></info:conference-state>\
            <info:users><info:user entity=\"u\"><info:endpoint><info:media id=\"1\"><info:status>sendrecv</info:status>\
            </info:media></info:endpoint></info:user><xcon:join-handling>allow</xcon:join-handling></info:users>");
        assert!(misplaced(&right).is_empty(), "{:?}", misplaced(&right));
        let wrong = doc(
            "<info:conference-description><info:locked>true</info:locked><info:locked/></info:conference-description>\
            <info:users><info:users><info:user/></info:users></info:users><foo>1</foo>",
        );
        assert_eq!(
            misplaced(&wrong),
            [
                "info:locked in info:conference-description",
                "info:users in info:users",
                "foo (in no namespace) in info:conference-info"
            ]
        );
    }
}
