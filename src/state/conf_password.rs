//! Which conference password to send after the panel's own request changed it.

use ccmp::xcon::Operation;
use ccmp::{Request, RequestBody, Response};

/// The conference-password that a successful confRequest create or update set, and the conference it
/// belongs to; `None` as the password when the request removed it (an empty element). From then on it is
/// the one to send: the one remembered before would get 422 from a server that asks its moderators for it.
pub fn set_by(request: &Request, response: &Response) -> Option<(String, Option<String>)> {
    let RequestBody::Conf(payload) = &request.body else { return None };
    if !matches!(request.operation, Some(Operation::Create | Operation::Update)) {
        return None;
    }
    let password = payload.info.as_ref()?.description.as_ref()?.conference_password.as_ref()?;
    // A create names the new conference in its response (the request held a placeholder).
    let conference = response.conf_obj_id.clone().or_else(|| request.conf_obj_id.clone())?;
    Some((conference, Some(password.clone()).filter(|p| !p.is_empty())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccmp::xcon::Conference;
    use ccmp::{ResponseBody, ResponseCode, XconUserId};

    fn me() -> XconUserId {
        "xcon-userid:m@example.com".parse().unwrap()
    }

    fn with_password(entity: &str, password: Option<&str>) -> Conference {
        let mut conf = Conference::new(entity);
        conf.description_mut().conference_password = password.map(str::to_owned);
        conf
    }

    fn ok(conf_obj_id: &str) -> Response {
        let mut response =
            Response::new(me().to_string(), ResponseCode::Success, ResponseBody::Conf(Default::default()));
        response.conf_obj_id = Some(conf_obj_id.into());
        response
    }

    #[test]
    fn an_update_or_create_that_sets_the_password_makes_it_the_one_to_send() {
        let update = Request::conf_update(&me(), "xcon:1@x", with_password("xcon:1@x", Some("n3w")));
        assert_eq!(set_by(&update, &ok("xcon:1@x")), Some(("xcon:1@x".into(), Some("n3w".into()))));
        let create = Request::conf_create(&me(), with_password("xcon:AUTO_GENERATE_1@x", Some("pin")));
        assert_eq!(set_by(&create, &ok("xcon:77@x")), Some(("xcon:77@x".into(), Some("pin".into()))));
        let removed = Request::conf_update(&me(), "xcon:1@x", with_password("xcon:1@x", Some("")));
        assert_eq!(set_by(&removed, &ok("xcon:1@x")), Some(("xcon:1@x".into(), None)));
    }

    #[test]
    fn other_requests_change_nothing() {
        let rename = Request::conf_update(&me(), "xcon:1@x", with_password("xcon:1@x", None));
        assert_eq!(set_by(&rename, &ok("xcon:1@x")), None);
        let read = Request::conf_retrieve(&me(), "xcon:1@x").with_conference_password("old");
        assert_eq!(set_by(&read, &ok("xcon:1@x")), None, "the request-level password is handled apart");
    }
}
