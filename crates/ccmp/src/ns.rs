//! The XML namespaces CCMP messages use, and the prefixes the encoder writes for them.

/// The CCMP namespace of RFC 6503 (with a dash).
pub const CCMP: &str = "urn:ietf:params:xml:ns:xcon-ccmp";
/// The CCMP namespace as the RFC 6504 call-flow examples spell it (with a colon); accepted, never written.
pub const CCMP_ALT: &str = "urn:ietf:params:xml:ns:xcon:ccmp";
/// The conference-info namespace of RFC 4575.
pub const INFO: &str = "urn:ietf:params:xml:ns:conference-info";
/// The XCON data model namespace of RFC 6501.
pub const XCON: &str = "urn:ietf:params:xml:ns:xcon-conference-info";
/// XML Schema instance, for `xsi:type`.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// The namespace bound to the reserved `xml` prefix.
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The prefix written for each namespace the encoder knows; liblinphone looks XCON elements up by the
/// `xcon` prefix, so these are part of interoperability, not taste.
pub(crate) fn prefix_of(ns: &str) -> Option<&'static str> {
    match ns {
        CCMP => Some("ccmp"),
        INFO => Some("info"),
        XCON => Some("xcon"),
        XSI => Some("xsi"),
        XML => Some("xml"),
        _ => None,
    }
}
