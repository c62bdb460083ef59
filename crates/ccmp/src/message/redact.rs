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
}
