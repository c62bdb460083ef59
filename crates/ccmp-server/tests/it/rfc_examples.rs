//! The example messages of RFC 6503 section 6, played in order against a server that takes the
//! sender's confUserID at its word (the examples carry no credentials). alice is known because the
//! server, with `--require-credentials false`, registers a well-formed XCON-USERID on first sight (and the
//! seeded example conferences list her anyway). The conference the RFC calls `xcon:8977794@example.com`
//! is whatever the create returns.

use ccmp::xcon::TargetMethod;
use ccmp::{ResponseBody, ResponseCode};

use crate::support::*;

/// An example as vendored in the repository's `spec/`.
fn example(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/examples/rfc6503").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const RFC_CONF: &str = "xcon:8977794@example.com";

#[tokio::test]
async fn rfc6503_section6_examples_in_order() {
    let server = open_server("rfc6503").await;
    let send = |name: &'static str, conf: Option<String>| {
        let mut xml = example(name);
        if let Some(conf) = conf {
            xml = xml.replace(RFC_CONF, &conf);
        }
        let server = &server;
        async move { server.send_xml(&xml).await }
    };

    // 6.1: the blueprints.
    let r = send("01_s6.1_blueprintsRequest.xml", None).await;
    expect(&r, ResponseCode::Success);
    assert_eq!(r.conf_user_id, "xcon-userid:alice@example.com");
    assert!(r.body.uris().unwrap().find("xcon:AudioRoom@example.com").is_some());

    // 6.2: one blueprint.
    let r = send("03_s6.2_blueprintRequest_retrieve.xml", None).await;
    expect(&r, ResponseCode::Success);
    let blueprint = doc(&r);
    assert_eq!(blueprint.entity, "xcon:AudioRoom@example.com");
    assert_eq!(blueprint.users.unwrap().join_handling, Some(ccmp::xcon::JoinHandling::Allow));

    // 6.3: a conference cloned from AudioRoom, at version 1.
    let r = send("05_s6.3_confRequest_create_clone_blueprint.xml", None).await;
    expect(&r, ResponseCode::Success);
    assert_eq!(r.version, Some(1));
    let conf = r.conf_obj_id.clone().unwrap();
    let created = doc(&r);
    assert_eq!(created.entity, conf);
    assert!(created.display_text().unwrap().contains("cloned from AudioRoom"));

    // 6.4: the title changes, version 2.
    let r = send("07_s6.4_confRequest_update_title.xml", Some(conf.clone())).await;
    expect(&r, ResponseCode::Success);
    assert_eq!(r.version, Some(2));
    assert_eq!(retrieve(&server, &conf).await.display_text(), Some(" Alice's conference "));

    // 6.5: the allowed-users list, version 3 ("dial out" read as dial-out).
    let r = send("09_s6.5_usersRequest_update_allowed_users.xml", Some(conf.clone())).await;
    expect(&r, ResponseCode::Success);
    assert_eq!(r.version, Some(3));
    let allowed = retrieve(&server, &conf).await.users.unwrap().allowed_users_list.unwrap();
    assert_eq!(allowed.targets.len(), 3);
    assert_eq!(allowed.targets[0].method, TargetMethod::DialOut);

    // 6.6: alice joins, version 4.
    let r = send("11_s6.6_userRequest_create_first_party_join.xml", Some(conf.clone())).await;
    expect(&r, ResponseCode::Success);
    assert_eq!(r.version, Some(4));

    // 6.7: alice adds Ciccio, who is issued an XCON-USERID, version 5.
    let r = send("13_s6.7_userRequest_create_third_party_AUTO_GENERATE.xml", Some(conf.clone())).await;
    expect(&r, ResponseCode::Success);
    assert_eq!(r.version, Some(5));
    let ResponseBody::User(p) = &r.body else { panic!() };
    assert_eq!(p.info.as_ref().unwrap().entity.as_deref(), Some("xcon-userid:Ciccio@example.com"));
    let users = retrieve(&server, &conf).await.users.unwrap();
    assert!(
        users.find("xcon-userid:alice@example.com").is_some() && users.find("xcon-userid:Ciccio@example.com").is_some()
    );

    // 6.8: the options, with the summary extension.
    let r = send("15_s6.8_optionsRequest.xml", None).await;
    expect(&r, ResponseCode::Success);
    let ResponseBody::Options(p) = &r.body else { panic!() };
    let options = p.info.as_ref().unwrap();
    assert!(options.standard(ccmp::MessageKind::SidebarByRef).is_some());
    assert!(options.extended("confSummaryRequest").is_some());

    // 6.9: the summary, asked for with the request example's own spelling, and answered under it: the pair
    // carries one extensionName (section 5.3.11), where the example's response spells it as the options do.
    let r = send("18_s6.9_extendedRequest_confSummary.xml", Some(conf.clone())).await;
    expect(&r, ResponseCode::Success);
    let ResponseBody::Extended(e) = &r.body else { panic!() };
    assert_eq!(e.extension_name, "confRequestSummary");
    assert_eq!(e.elements[0].child("title").unwrap().text(), " Alice's conference ");
    assert_eq!(e.elements[0].child("media").unwrap().text(), "audio");
}
