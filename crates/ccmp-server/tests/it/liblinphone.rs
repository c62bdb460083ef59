//! liblinphone as a peer (`CCMP.md` section 9): its create, update and delete as it sends them (its
//! prefixes, a `From:` header, no Accept), and the answers carrying what it needs.

use ccmp::{Response, ResponseCode};

use crate::support::*;

const ORGANIZER: &str = "xcon-userid:alice@example.com";

fn message(operation: &str, conf_obj_id: Option<&str>, subject: &str, invitees: &[(&str, &str)]) -> String {
    let conf_obj = conf_obj_id.map(|c| format!("<confObjID>{c}</confObjID>")).unwrap_or_default();
    let targets: String = invitees
        .iter()
        .map(|(uri, method)| format!(r#"<xcon-conference-info:target uri="{uri}" method="{method}"/>"#))
        .collect();
    let info = if operation == "delete" {
        String::new()
    } else {
        format!(
            r#"<confInfo entity="xcon:AUTO_GENERATE_1@example.com">
        <conference-info:conference-description>
          <conference-info:display-text>Team meeting</conference-info:display-text>
          <conference-info:subject>{subject}</conference-info:subject>
          <conference-info:available-media>
            <conference-info:entry label="AUTO_GENERATE_2"><conference-info:type>audio</conference-info:type></conference-info:entry>
            <conference-info:entry label="AUTO_GENERATE_3"><conference-info:type>video</conference-info:type></conference-info:entry>
            <conference-info:entry label="AUTO_GENERATE_4"><conference-info:type>text</conference-info:type></conference-info:entry>
          </conference-info:available-media>
          <xcon-conference-info:conference-time>
            <xcon-conference-info:entry>
              <xcon-conference-info:base>BEGIN:VCALENDAR&#13;
VERSION:2.0&#13;
BEGIN:VEVENT&#13;
DTSTART:20261201T100000Z&#13;
DTEND:20261201T110000Z&#13;
END:VEVENT&#13;
END:VCALENDAR&#13;
</xcon-conference-info:base>
            </xcon-conference-info:entry>
          </xcon-conference-info:conference-time>
        </conference-info:conference-description>
        <conference-info:users>
          <xcon-conference-info:allowed-users-list>{targets}</xcon-conference-info:allowed-users-list>
        </conference-info:users>
      </confInfo>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xcon-ccmp:ccmpRequest xmlns:conference-info="urn:ietf:params:xml:ns:conference-info" xmlns:xcon-ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:xcon-conference-info="urn:ietf:params:xml:ns:xcon-conference-info">
  <ccmpRequest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xcon-ccmp:ccmp-conf-request-message-type">
    <confUserID>{ORGANIZER}</confUserID>
    {conf_obj}
    <operation>{operation}</operation>
    <xcon-ccmp:confRequest>{info}</xcon-ccmp:confRequest>
  </ccmpRequest>
</xcon-ccmp:ccmpRequest>"#
    )
}

/// Posts as liblinphone does: its Content-Type, a From header, no Accept.
async fn post(server: &Server, xml: String) -> (String, Response) {
    let reply = server
        .http
        .post(server.url())
        .header("Content-Type", "application/ccmp+xml")
        .header("From", "sip:alice@example.com")
        .body(xml)
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let text = reply.text().await.unwrap();
    let response = ccmp::decode_response(&text).unwrap();
    (text, response)
}

#[tokio::test]
async fn liblinphone_creates_updates_and_deletes_a_conference() {
    let server = open_server("liblinphone").await;
    let invitees = [("sip:bob@example.com", "dial-out"), ("sip:carol@example.com", "dial-in")];
    let (text, created) = post(&server, message("create", None, "Planning", &invitees)).await;
    expect(&created, ResponseCode::Success);
    let conf = created.conf_obj_id.clone().expect("confObjID");
    let info = doc(&created);
    assert_eq!(info.entity, conf);
    let conf_uris = info.description.as_ref().unwrap().conf_uris.as_ref().unwrap();
    assert_eq!(conf_uris.entries.len(), 1, "exactly one conf-uris entry");
    assert!(conf_uris.entries[0].uri.starts_with("sip:"));
    for prefixed in ["<xcon:conference-time>", "<xcon:allowed-users-list>", "<xcon:target "] {
        assert!(text.contains(prefixed), "liblinphone looks for {prefixed}");
    }
    let organizer = info.users.as_ref().unwrap().find(ORGANIZER).expect("the organizer is a user");
    assert!(organizer.has_role("organizer"));
    assert_eq!(organizer.associated_aors.as_ref().unwrap().entries[0].uri, "sip:alice@example.com");
    let labels: Vec<String> = info.media().iter().map(|e| e.label.clone()).collect();
    assert_eq!(labels.len(), 3);

    // It lists conferences and retrieves each.
    let listed = server.send(&ccmp::Request::confs(&user("alice"))).await;
    assert!(listed.body.uris().unwrap().find(&conf).is_some());

    // The update sends the placeholders again: the media keep their labels, the invitees change.
    let invitees = [("sip:bob@example.com", "dial-out"), ("sip:dave@example.com", "dial-out")];
    let (_, updated) = post(&server, message("update", Some(&conf), "Planning, moved", &invitees)).await;
    expect(&updated, ResponseCode::Success);
    assert_eq!(updated.conf_obj_id.as_deref(), Some(conf.as_str()));
    assert_eq!(updated.version, Some(2));
    let now = retrieve(&server, &conf).await;
    let d = now.description.as_ref().unwrap();
    assert_eq!(d.subject.as_deref(), Some("Planning, moved"));
    let now_labels: Vec<String> = d.available_media.as_ref().unwrap().entries.iter().map(|e| e.label.clone()).collect();
    assert_eq!(now_labels, labels);
    assert_eq!(d.conf_uris.as_ref().unwrap().entries.len(), 1);
    let targets: Vec<String> =
        now.users.unwrap().allowed_users_list.unwrap().targets.iter().map(|t| t.uri.clone()).collect();
    assert_eq!(targets, vec!["sip:bob@example.com", "sip:dave@example.com"]);

    let (_, deleted) = post(&server, message("delete", Some(&conf), "", &[])).await;
    expect(&deleted, ResponseCode::Success);
    assert_eq!(deleted.conf_obj_id.as_deref(), Some(conf.as_str()));
    let gone = server.send(&ccmp::Request::conf_retrieve(&user("alice"), &conf)).await;
    expect(&gone, ResponseCode::ObjectNotFound);
}
