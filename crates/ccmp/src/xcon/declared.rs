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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_for_the_search() {
        for names in [INFO_NAMES, XCON_NAMES] {
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
}
