//! Requests with their passwords hidden, for whatever shows or logs them: the panel's console and the
//! server's wire log. Passwords are never shown or logged.

use super::{Request, RequestBody};

/// What stands in for a password.
pub const REDACTED: &str = "********";

impl Request {
    /// This request with every password replaced by [`REDACTED`]: the credentials' (`subject`), the
    /// request's `conference-password`, and a conference-password that a conference document sets. An
    /// empty conference-password (which removes it) stays empty.
    pub fn redacted(&self) -> Request {
        let mut r = self.clone();
        if let Some(password) = r.subject.as_mut().and_then(|s| s.password.as_mut()) {
            *password = REDACTED.into();
        }
        if let Some(password) = r.conference_password.as_mut() {
            *password = REDACTED.into();
        }
        if let RequestBody::Conf(p) | RequestBody::SidebarByVal(p) | RequestBody::SidebarByRef(p) = &mut r.body {
            let description = p.info.as_mut().and_then(|c| c.description.as_mut());
            if let Some(password) = description.and_then(|d| d.conference_password.as_mut()) {
                if !password.is_empty() {
                    *password = REDACTED.into();
                }
            }
        }
        r
    }
}

/// `xml` as text with the content of every element whose name ends in `password` (`password`,
/// `conference-password`, `xcon:conference-password`) replaced by [`REDACTED`], the rest kept byte for
/// byte: for showing a message as it came (a server may send a conference's PIN back), where decoding and
/// encoding it again would not show what came. An empty element stays empty. Borrowed when there is none.
pub fn redact_text(xml: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = xml[at..].find('<') {
        let open = at + found;
        at = open + 1;
        // A comment or a CDATA section is text: nothing in it is an element.
        let skip =
            [("<!--", "-->"), ("<![CDATA[", "]]>")].into_iter().find(|(start, _)| xml[open..].starts_with(start));
        if let Some((start, end)) = skip {
            at = xml[open + start.len()..].find(end).map_or(xml.len(), |i| open + start.len() + i + end.len());
            continue;
        }
        let Some(close) = xml[open..].find('>').map(|i| open + i) else { break };
        let tag = &xml[open + 1..close];
        if tag.starts_with(['/', '?', '!']) || tag.ends_with('/') {
            continue;
        }
        let name = tag.split(|c: char| c.is_ascii_whitespace()).next().unwrap_or_default();
        let local = name.rsplit(':').next().unwrap_or_default();
        if !local.ends_with("password") {
            continue;
        }
        let end_tag = format!("</{name}");
        let Some(end) = xml[close..].find(&end_tag).map(|i| close + i) else { continue };
        if end > close + 1 {
            out.push_str(&xml[copied..=close]);
            out.push_str(REDACTED);
            copied = end;
        }
        at = end;
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(xml);
    }
    out.push_str(&xml[copied..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xcon::Conference;
    use crate::XconUserId;

    #[test]
    fn no_password_survives_and_nothing_else_changes() {
        let user: XconUserId = "xcon-userid:m@x".parse().unwrap();
        let mut conf = Conference::new("xcon:AUTO_GENERATE_1@x");
        conf.description_mut().conference_password = Some("board-pin".into());
        conf.description_mut().display_text = Some("Board".into());
        let request =
            Request::conf_create(&user, conf).with_credentials("m", "s3cret").with_conference_password("pin42");
        let xml = request.redacted().to_xml();
        for password in ["s3cret", "pin42", "board-pin"] {
            assert!(!xml.contains(password), "{password} in {xml}");
        }
        assert_eq!(xml.matches(REDACTED).count(), 3, "{xml}");
        assert!(xml.contains("<username>m</username>") && xml.contains("Board"), "{xml}");

        let mut removal = Conference::new("xcon:1@x");
        removal.description_mut().conference_password = Some(String::new());
        let request = Request::conf_update(&user, "xcon:1@x", removal);
        assert_eq!(request.redacted(), request, "an emptied password shows as removed");
    }

    #[test]
    fn passwords_in_text_are_hidden_and_nothing_else_changes() {
        let xml =
            "<r><confUserID>x</confUserID>\n  <xcon:conference-password>TOP&amp;SECRET</xcon:conference-password>\
                   <conference-password><![CDATA[pin]]></conference-password><password/><password></password>\
                   <display-text>password</display-text><!-- <password>c</password> --></r>";
        let hidden = redact_text(xml);
        assert!(!hidden.contains("SECRET") && !hidden.contains("pin]]"), "{hidden}");
        assert_eq!(hidden.matches(REDACTED).count(), 2, "{hidden}");
        assert!(hidden.contains("<password/><password></password><display-text>password</display-text>"), "{hidden}");
        assert!(hidden.starts_with("<r><confUserID>x</confUserID>\n  <xcon:conference-password>********</xcon:"));
        let plain = "<r><display-text>a</display-text></r>";
        assert!(matches!(redact_text(plain), std::borrow::Cow::Borrowed(_)));
        assert_eq!(redact_text("<password>unclosed"), "<password>unclosed");
    }
}
