//! Each request type and operation, as the moderator (and users) would use them.

use ccmp::message::ListRequest;
use ccmp::xcon::{
    AvailableMedia, Conference, Endpoint, EndpointStatus, Floor, FloorInformation, FloorPolicy, JoinHandling,
    MediaEntry, MediaStatus, Operation, User, Users,
};
use ccmp::{MessageKind, Request, RequestBody, ResponseBody, ResponseCode};

use crate::support::*;

fn uris(response: &ccmp::Response) -> Vec<String> {
    response.body.uris().map(|u| u.entries.iter().map(|e| e.uri.clone()).collect()).unwrap_or_default()
}

#[tokio::test]
async fn options_list_exactly_what_is_supported() {
    let server = Server::with_defaults("options").await;
    let response = server.as_moderator(Request::options(&moderator())).await;
    expect(&response, ResponseCode::Success);
    let ResponseBody::Options(payload) = &response.body else { panic!("{response:?}") };
    let options = payload.info.as_ref().unwrap();
    assert_eq!(options.standard_messages.len(), 10);
    for kind in MessageKind::ALL.into_iter().filter(|k| !matches!(k, MessageKind::Options | MessageKind::Extended)) {
        assert!(options.standard(kind).is_some(), "{kind:?} missing");
    }
    let blueprint = options.standard(MessageKind::Blueprint).unwrap();
    assert!(blueprint.supports(Operation::Retrieve) && !blueprint.supports(Operation::Update));
    let users = options.standard(MessageKind::Users).unwrap();
    assert!(users.supports(Operation::Update) && !users.supports(Operation::Create));
    assert!(options.extended("confSummaryRequest").is_some());
}

#[tokio::test]
async fn blueprints_are_listed_filtered_and_retrieved() {
    let server = Server::with_defaults("blueprints").await;
    let all = server.as_moderator(Request::blueprints(&moderator())).await;
    expect(&all, ResponseCode::Success);
    let names = uris(&all);
    for name in ["AudioRoom", "VideoRoom", "AudioConference", "VideoConference"] {
        assert!(names.contains(&format!("xcon:{name}@example.com")), "{name} in {names:?}");
    }
    assert!(all.body.uris().unwrap().entries.iter().all(|e| e.display_text.is_some() && e.purpose.is_some()));
    let video = "/conference-info[conference-description/available-media/entry/type='video']";
    let filtered = server.as_moderator(Request::blueprints(&moderator()).with_xpath_filter(video)).await;
    assert_eq!(uris(&filtered), vec!["xcon:VideoRoom@example.com", "xcon:VideoConference@example.com"]);

    let one = server.as_moderator(Request::blueprint(&moderator(), "xcon:VideoRoom@example.com")).await;
    expect(&one, ResponseCode::Success);
    let blueprint = doc(&one);
    let d = blueprint.description.as_ref().unwrap();
    assert_eq!(d.display_text.as_deref(), Some("VideoRoom"));
    assert_eq!(d.available_media.as_ref().unwrap().entries.len(), 2);
    assert!(d.maximum_user_count.is_some() && blueprint.users.as_ref().unwrap().join_handling.is_some());
}

#[tokio::test]
async fn conferences_are_listed_and_filtered() {
    let server = Server::with_defaults("confs").await;
    let all = server.as_moderator(Request::confs(&moderator())).await;
    assert_eq!(uris(&all), vec![SYNC, ALL_HANDS, DESK], "sidebars by reference are listed by their parent");
    let active =
        server.as_moderator(Request::confs(&moderator()).with_xpath_filter("//conference-state[active='true']")).await;
    assert_eq!(uris(&active), vec![SYNC, ALL_HANDS]);
    let alice = server
        .as_moderator(Request::confs(&moderator()).with_xpath_filter("//user[@entity='xcon-userid:alice@example.com']"))
        .await;
    assert_eq!(uris(&alice), vec![SYNC]);
}

#[tokio::test]
async fn conference_lifecycle_create_retrieve_update_delete() {
    let server = Server::with_defaults("conf-lifecycle").await;
    // Create by cloning a blueprint.
    let created = server.as_moderator(Request::conf_clone(&moderator(), "xcon:VideoConference@example.com")).await;
    expect(&created, ResponseCode::Success);
    assert_eq!(created.version, Some(1));
    let uri = created.conf_obj_id.clone().unwrap();
    assert!(uri.starts_with("xcon:") && uri.ends_with("@example.com"));
    let d = doc(&created).description.unwrap();
    assert_eq!(d.cloning_parent.as_deref(), Some("xcon:VideoConference@example.com"));
    assert_eq!(d.conf_uris.as_ref().unwrap().entries.len(), 1);

    // Partial update: a present value replaces, an empty element removes, the rest stays.
    let mut changes = Conference::new(uri.clone());
    changes.description_mut().display_text = Some("Board meeting".into());
    changes.description_mut().subject = Some("Q3 numbers".into());
    let updated = server.as_moderator(Request::conf_update(&moderator(), &uri, changes)).await;
    expect(&updated, ResponseCode::Success);
    assert_eq!(updated.version, Some(2));
    let mut changes = Conference::new(uri.clone());
    changes.description_mut().subject = Some(String::new());
    let updated = server.as_moderator(Request::conf_update(&moderator(), &uri, changes)).await;
    assert_eq!(updated.version, Some(3));
    let now = retrieve(&server, &uri).await;
    assert_eq!(now.version, Some(3));
    let d = now.description.as_ref().unwrap();
    assert_eq!((d.display_text.as_deref(), d.subject.as_deref()), (Some("Board meeting"), None));
    assert_eq!(d.available_media.as_ref().unwrap().entries.len(), 2, "untouched values stay");

    // Create by cloning a conference, and from the default blueprint.
    let copy = server.as_moderator(Request::conf_clone(&moderator(), &uri)).await;
    expect(&copy, ResponseCode::Success);
    assert_eq!(doc(&copy).description.unwrap().cloning_parent.as_deref(), Some(uri.as_str()));
    let default = Request { conf_obj_id: None, ..Request::conf_clone(&moderator(), "") };
    let default = server.as_moderator(default).await;
    expect(&default, ResponseCode::Success);
    assert_eq!(doc(&default).description.unwrap().cloning_parent.as_deref(), Some("xcon:AudioRoom@example.com"));

    // Delete.
    let deleted = server.as_moderator(Request::conf_delete(&moderator(), &uri)).await;
    expect(&deleted, ResponseCode::Success);
    assert_eq!((deleted.conf_obj_id.as_deref(), deleted.version), (Some(uri.as_str()), None));
    assert!(deleted.body.conference().is_none());
    let gone = server.as_moderator(Request::conf_retrieve(&moderator(), &uri)).await;
    expect(&gone, ResponseCode::ObjectNotFound);
}

#[tokio::test]
async fn a_conference_from_a_description_gets_its_placeholders_replaced_consistently() {
    let server = Server::with_defaults("conf-describe").await;
    let xml = r#"<ccmp:ccmpRequest xmlns:ccmp="urn:ietf:params:xml:ns:xcon-ccmp" xmlns:info="urn:ietf:params:xml:ns:conference-info" xmlns:xcon="urn:ietf:params:xml:ns:xcon-conference-info">
      <ccmpRequest xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="ccmp:ccmp-conf-request-message-type">
        <subject><username>moderator</username><password>test-moderator-password</password></subject>
        <confUserID>xcon-userid:moderator@example.com</confUserID>
        <operation>create</operation>
        <ccmp:confRequest><confInfo entity="xcon:AUTO_GENERATE_1@example.com">
          <info:conference-description>
            <info:display-text>Town hall</info:display-text>
            <info:available-media>
              <info:entry label="AUTO_GENERATE_2"><info:type>audio</info:type></info:entry>
              <info:entry label="AUTO_GENERATE_3"><info:type>video</info:type></info:entry>
            </info:available-media>
          </info:conference-description>
          <info:users>
            <info:user entity="xcon-userid:AUTO_GENERATE_4@example.com"><info:display-text>Guest</info:display-text></info:user>
          </info:users>
          <xcon:floor-information><xcon:conference-floor-policy><xcon:floor id="f1"><xcon:media-label>AUTO_GENERATE_2</xcon:media-label></xcon:floor></xcon:conference-floor-policy></xcon:floor-information>
        </confInfo></ccmp:confRequest>
      </ccmpRequest></ccmp:ccmpRequest>"#;
    let created = server.send_xml(xml).await;
    expect(&created, ResponseCode::Success);
    let uri = created.conf_obj_id.clone().unwrap();
    let conf = doc(&created);
    assert_eq!(conf.entity, uri);
    let labels: Vec<String> = conf.media().iter().map(|e| e.label.clone()).collect();
    assert!(labels.iter().all(|l| !l.contains("AUTO_GENERATE")));
    assert_ne!(labels[0], labels[1]);
    let floor = &conf.floor_information.as_ref().unwrap().conference_floor_policy.as_ref().unwrap().floors[0];
    assert_eq!(floor.media_labels, vec![labels[0].clone()], "the same n is the same value everywhere");
    let users = &conf.users.as_ref().unwrap().users;
    assert!(users
        .iter()
        .any(|u| u.display_text.as_deref() == Some("Guest") && !u.entity.as_ref().unwrap().contains("AUTO_GENERATE")));
    assert!(users
        .iter()
        .any(|u| u.entity.as_deref() == Some("xcon-userid:moderator@example.com") && u.has_role("organizer")));
    assert_eq!(retrieve(&server, &uri).await, conf);
}

/// The floor labels of `conf` that name no medium of its available-media.
fn dangling_floor_labels(conf: &Conference) -> Vec<String> {
    let offered: Vec<&str> = conf.media().iter().map(|m| m.label.as_str()).collect();
    let floors = conf.floor_information.iter().flat_map(|f| &f.conference_floor_policy).flat_map(|p| &p.floors);
    floors.flat_map(|f| &f.media_labels).filter(|l| !offered.contains(&l.as_str())).cloned().collect()
}

fn floor_on(labels: &[&str]) -> FloorInformation {
    let floor =
        Floor { id: "f1".into(), media_labels: labels.iter().map(|l| (*l).to_owned()).collect(), ..Default::default() };
    FloorInformation {
        conference_floor_policy: Some(FloorPolicy { floors: vec![floor], ..Default::default() }),
        ..Default::default()
    }
}

#[tokio::test]
async fn a_floor_never_takes_a_medium_the_conference_does_not_offer() {
    let server = Server::with_defaults("floor-media").await;
    let before = retrieve(&server, ALL_HANDS).await;
    assert!(dangling_floor_labels(&before).is_empty(), "the seeded conference is consistent: {before:?}");
    let audio = before.media().iter().find(|m| m.media_type == "audio").expect("all-hands has audio").clone();
    let video = before.media().iter().find(|m| m.media_type == "video").expect("all-hands has video").clone();
    let media_only = |entries: Vec<MediaEntry>| {
        let mut c = Conference::new(ALL_HANDS);
        c.description_mut().available_media = Some(AvailableMedia { entries, ..Default::default() });
        c
    };
    // The audio its floor takes, removed by an available-media replace: 409 with the version, nothing stored.
    let removed =
        server.as_moderator(Request::conf_update(&moderator(), ALL_HANDS, media_only(vec![video.clone()]))).await;
    expect(&removed, ResponseCode::Conflict);
    assert_eq!(removed.version, before.version.map(u64::from));
    assert!(removed.response_string.unwrap_or_default().contains(&audio.label));
    assert_eq!(retrieve(&server, ALL_HANDS).await, before);
    // A floor changed to a medium the conference does not offer: the same.
    let mut nowhere = Conference::new(ALL_HANDS);
    nowhere.floor_information = Some(floor_on(&["no-such-label"]));
    expect(&server.as_moderator(Request::conf_update(&moderator(), ALL_HANDS, nowhere)).await, ResponseCode::Conflict);
    // Both in one update, consistent: made.
    let mut both = media_only(vec![video.clone()]);
    both.floor_information = Some(floor_on(&[&video.label]));
    expect(&server.as_moderator(Request::conf_update(&moderator(), ALL_HANDS, both)).await, ResponseCode::Success);
    let after = retrieve(&server, ALL_HANDS).await;
    assert_eq!(after.media().len(), 1);
    assert!(dangling_floor_labels(&after).is_empty(), "{after:?}");
    // A new conference described with a floor on a medium it does not offer is malformed (400).
    let mut described = media_only(vec![audio.clone()]);
    described.entity = "xcon:AUTO_GENERATE_1@example.com".into();
    described.floor_information = Some(floor_on(&["videoLabel-nowhere"]));
    expect(&server.as_moderator(Request::conf_create(&moderator(), described)).await, ResponseCode::BadRequest);
    // A clone whose changes name the audio by a placeholder, and its floor by the same one: the medium keeps
    // the blueprint's label, and the floor follows it.
    let mut changes = Conference::new("xcon:AUTO_GENERATE_2@example.com");
    changes.description_mut().available_media =
        Some(AvailableMedia { entries: vec![MediaEntry::new("AUTO_GENERATE_1", "audio")], ..Default::default() });
    changes.floor_information = Some(floor_on(&["AUTO_GENERATE_1"]));
    let body = RequestBody::Conf(ccmp::message::Payload::new(Some(changes)));
    let clone = Request { body, ..Request::conf_clone(&moderator(), "xcon:AudioRoom@example.com") };
    let cloned = server.as_moderator(clone).await;
    expect(&cloned, ResponseCode::Success);
    let cloned = retrieve(&server, cloned.conf_obj_id.as_deref().unwrap_or_default()).await;
    assert!(dangling_floor_labels(&cloned).is_empty(), "{cloned:?}");
}

#[tokio::test]
async fn users_settings_are_retrieved_and_updated() {
    let server = Server::with_defaults("users").await;
    let before = server.as_moderator(Request::users_retrieve(&moderator(), SYNC)).await;
    expect(&before, ResponseCode::Success);
    let ResponseBody::Users(p) = &before.body else { panic!() };
    assert_eq!(p.info.as_ref().unwrap().users.len(), 3);
    let changes = Users {
        join_handling: Some(JoinHandling::Block),
        deny_users_list: Some(ccmp::xcon::DenyUsersList {
            targets: vec![ccmp::xcon::DenyTarget::new("sip:mallory@example.com")],
            ..Default::default()
        }),
        ..Default::default()
    };
    let updated = server.as_moderator(Request::users_update(&moderator(), SYNC, changes)).await;
    expect(&updated, ResponseCode::Success);
    assert_eq!(updated.version, Some(2));
    let users = retrieve(&server, SYNC).await.users.unwrap();
    assert_eq!(users.join_handling, Some(JoinHandling::Block));
    assert_eq!(users.deny_users_list.unwrap().targets[0].uri, "sip:mallory@example.com");
    assert_eq!(users.users.len(), 3, "users not named in the change stay");
    for op in [Operation::Create, Operation::Delete] {
        let request = Request { operation: Some(op), ..Request::users_retrieve(&moderator(), SYNC) };
        expect(&server.as_moderator(request).await, ResponseCode::Forbidden);
    }
}

fn joiner(entity: &str, endpoint: &str) -> User {
    User { endpoints: vec![Endpoint::new(endpoint)], ..User::new(entity) }
}

#[tokio::test]
async fn users_join_are_added_updated_muted_and_removed() {
    let server = open_server("user").await;
    let conf = retrieve(&server, SYNC).await;
    let v = conf.version.unwrap() as u64;

    // A user joins on their own (first shape).
    let zoe = user("zoe");
    let joined = server
        .send(&Request::user(&zoe, SYNC, Operation::Create, Some(joiner(zoe.as_str(), "sip:zoe@example.com"))))
        .await;
    expect(&joined, ResponseCode::Success);
    assert_eq!(joined.version, Some(v + 1));
    // The moderator adds a known user (second shape).
    let added =
        server.as_moderator(Request::user_add(&moderator(), SYNC, User::new("xcon-userid:dave@example.com"))).await;
    expect(&added, ResponseCode::Success);
    // A client without an XCON-USERID joins and is issued one (third shape).
    let mut anonymous = Request::user(
        &zoe,
        SYNC,
        Operation::Create,
        Some(joiner("xcon-userid:AUTO_GENERATE_1@example.com", "sip:walkin@example.net")),
    );
    anonymous.conf_user_id = None;
    let walked_in = server.send(&anonymous).await;
    expect(&walked_in, ResponseCode::Success);
    assert!(walked_in.conf_user_id.starts_with("xcon-userid:walkin@"), "issued {}", walked_in.conf_user_id);
    // The moderator adds someone new, who is issued an id (fourth shape).
    let new = server
        .as_moderator(Request::user_add(
            &moderator(),
            SYNC,
            joiner("xcon-userid:AUTO_GENERATE_7@example.com", "tel:+15551234"),
        ))
        .await;
    expect(&new, ResponseCode::Success);
    let ResponseBody::User(p) = &new.body else { panic!() };
    let issued = p.info.as_ref().unwrap().entity.clone().unwrap();
    assert!(issued.starts_with("xcon-userid:") && !issued.contains("AUTO_GENERATE"));
    let users = retrieve(&server, SYNC).await.users.unwrap();
    for id in [zoe.as_str(), "xcon-userid:dave@example.com", walked_in.conf_user_id.as_str(), issued.as_str()] {
        assert!(users.find(id).is_some(), "{id} missing");
    }

    // Retrieve: yourself without userInfo, someone else by entity.
    let me = server.send(&Request::user(&zoe, SYNC, Operation::Retrieve, None)).await;
    expect(&me, ResponseCode::Success);
    let ResponseBody::User(p) = &me.body else { panic!() };
    assert_eq!(p.info.as_ref().unwrap().entity.as_deref(), Some(zoe.as_str()));
    let other = server.send(&Request::user_retrieve(&zoe, SYNC, "xcon-userid:bob@example.com")).await;
    expect(&other, ResponseCode::Success);

    // Mute bob's audio and promote him.
    let mute = Request::set_media_status(
        &moderator(),
        SYNC,
        "xcon-userid:bob@example.com",
        "sip:bob@example.com",
        "1",
        MediaStatus::RecvOnly,
    );
    expect(&server.as_moderator(mute).await, ResponseCode::Success);
    let promote = Request::set_roles(&moderator(), SYNC, "xcon-userid:bob@example.com", ["moderator"]);
    expect(&server.as_moderator(promote).await, ResponseCode::Success);
    let bob = retrieve(&server, SYNC).await.users.unwrap().find("xcon-userid:bob@example.com").cloned().unwrap();
    assert_eq!(bob.endpoints[0].media[0].status, Some(MediaStatus::RecvOnly));
    assert!(bob.has_role("moderator") && !bob.has_role("participant"));
    // A participant changes its own display text.
    let rename =
        Request::user_update(&zoe, SYNC, User { display_text: Some("Zoe Q.".into()), ..User::new(zoe.as_str()) });
    expect(&server.send(&rename).await, ResponseCode::Success);

    // Leave, and remove someone.
    expect(&server.send(&Request::user(&zoe, SYNC, Operation::Delete, None)).await, ResponseCode::Success);
    let removed = server.as_moderator(Request::user_remove(&moderator(), SYNC, "xcon-userid:carol@example.com")).await;
    expect(&removed, ResponseCode::Success);
    assert!(matches!(&removed.body, ResponseBody::User(p) if p.info.is_none()));
    let users = retrieve(&server, SYNC).await.users.unwrap();
    assert!(users.find(zoe.as_str()).is_none() && users.find("xcon-userid:carol@example.com").is_none());
    let state = retrieve(&server, SYNC).await.conference_state.unwrap();
    assert_eq!(state.user_count, Some(users.users.len() as u32));
}

#[tokio::test]
async fn sidebars_by_value_live_inside_their_parent() {
    let server = Server::with_defaults("sidebars-by-val").await;
    let parent_v = retrieve(&server, ALL_HANDS).await.version.unwrap() as u64;
    let listed = server.as_moderator(Request::sidebars_by_val(&moderator(), ALL_HANDS)).await;
    expect(&listed, ResponseCode::Success);
    assert_eq!(listed.version, Some(parent_v));
    let ResponseBody::SidebarsByVal(p) = &listed.body else { panic!() };
    assert_eq!(p.info.as_ref().unwrap().entries.len(), 1);

    // Create by cloning the parent, and from a description.
    let cloned = server.as_moderator(Request::sidebar_by_val(&moderator(), ALL_HANDS, Operation::Create, None)).await;
    expect(&cloned, ResponseCode::Success);
    let room = cloned.conf_obj_id.clone().unwrap();
    let mut described = Conference::new("xcon:AUTO_GENERATE_1@example.com");
    described.description_mut().display_text = Some("Room B".into());
    described.users = Some(Users { users: vec![User::new("xcon-userid:erin@example.com")], ..Default::default() });
    let built =
        server.as_moderator(Request::sidebar_by_val(&moderator(), ALL_HANDS, Operation::Create, Some(described))).await;
    expect(&built, ResponseCode::Success);
    let room_b = built.conf_obj_id.clone().unwrap();
    let parent = retrieve(&server, ALL_HANDS).await;
    assert_eq!(parent.version, Some(parent_v as u32 + 2));
    let inside: Vec<_> = parent.sidebars_by_val.unwrap().entries.iter().map(|e| e.entity.clone()).collect();
    assert!(inside.contains(&room) && inside.contains(&room_b));

    // Retrieve, update (who is in), delete.
    let got = server.as_moderator(Request::sidebar_by_val(&moderator(), &room_b, Operation::Retrieve, None)).await;
    expect(&got, ResponseCode::Success);
    assert_eq!(doc(&got).description.unwrap().sidebar_parent.as_deref(), Some(ALL_HANDS));
    let mut changes = Conference::new(room_b.clone());
    changes.users = Some(Users { users: vec![User::new("xcon-userid:grace@example.com")], ..Default::default() });
    let updated =
        server.as_moderator(Request::sidebar_by_val(&moderator(), &room_b, Operation::Update, Some(changes))).await;
    expect(&updated, ResponseCode::Success);
    assert_eq!(updated.version, Some(2));
    let filtered = server
        .as_moderator(
            Request::sidebars_by_val(&moderator(), ALL_HANDS)
                .with_xpath_filter("users/user[@entity='xcon-userid:grace@example.com']"),
        )
        .await;
    let ResponseBody::SidebarsByVal(p) = &filtered.body else { panic!() };
    assert_eq!(
        p.info.as_ref().unwrap().entries.iter().map(|e| e.entity.clone()).collect::<Vec<_>>(),
        vec![room_b.clone()]
    );
    let deleted = server.as_moderator(Request::sidebar_by_val(&moderator(), &room_b, Operation::Delete, None)).await;
    expect(&deleted, ResponseCode::Success);
    let again = server.as_moderator(Request::sidebar_by_val(&moderator(), &room_b, Operation::Retrieve, None)).await;
    expect(&again, ResponseCode::ObjectNotFound);
}

/// A sidebar's people are some of its conference's: someone removed from the conference (by a userRequest or a
/// usersRequest) is no longer listed in its breakout rooms either.
#[tokio::test]
async fn someone_removed_from_a_conference_leaves_its_sidebars_by_value_too() {
    let server = Server::with_defaults("sidebar-leaves").await;
    let me = moderator().to_string();
    let parent = retrieve(&server, ALL_HANDS).await;
    let people: Vec<String> =
        parent.users.iter().flat_map(|u| &u.users).filter_map(|u| u.entity.clone()).filter(|e| *e != me).collect();
    let [gone, stays, ..] = people.as_slice() else { panic!("two people in the all-hands: {people:?}") };
    let mut room = Conference::new("xcon:AUTO_GENERATE_1@example.com");
    room.description_mut().display_text = Some("Room C".into());
    room.users = Some(Users { users: vec![User::new(gone), User::new(stays)], ..Default::default() });
    let built =
        server.as_moderator(Request::sidebar_by_val(&moderator(), ALL_HANDS, Operation::Create, Some(room))).await;
    expect(&built, ResponseCode::Success);
    let room = built.conf_obj_id.clone().unwrap();
    let in_room = |response: &ccmp::Response| -> Vec<String> {
        doc(response).users.iter().flat_map(|u| &u.users).filter_map(|u| u.entity.clone()).collect()
    };
    let read = || server.as_moderator(Request::sidebar_by_val(&moderator(), &room, Operation::Retrieve, None));
    assert_eq!(in_room(&read().await), vec![gone.clone(), stays.clone()]);

    expect(&server.as_moderator(Request::user_remove(&moderator(), ALL_HANDS, gone)).await, ResponseCode::Success);
    assert_eq!(in_room(&read().await), vec![stays.clone()], "removed by a userRequest");
    let leaves = User { state: Some(ccmp::xcon::State::Deleted), ..User::new(stays) };
    let change = Users { users: vec![leaves], ..Default::default() };
    expect(&server.as_moderator(Request::users_update(&moderator(), ALL_HANDS, change)).await, ResponseCode::Success);
    assert!(in_room(&read().await).is_empty(), "removed by a usersRequest");
}

#[tokio::test]
async fn sidebars_by_reference_are_conferences_listed_in_their_parent() {
    let server = Server::with_defaults("sidebars-by-ref").await;
    let listed = server.as_moderator(Request::sidebars_by_ref(&moderator(), DESK)).await;
    expect(&listed, ResponseCode::Success);
    assert_eq!(uris(&listed), vec!["xcon:support-escalations@example.com"]);

    let mut described = Conference::new("");
    described.description_mut().display_text = Some("Billing".into());
    let created =
        server.as_moderator(Request::sidebar_by_ref(&moderator(), DESK, Operation::Create, Some(described))).await;
    expect(&created, ResponseCode::Success);
    let sidebar = created.conf_obj_id.clone().unwrap();
    assert_eq!(created.version, Some(1));
    let parent = retrieve(&server, DESK).await;
    assert!(parent.sidebars_by_ref.unwrap().find(&sidebar).is_some());
    let own = retrieve(&server, &sidebar).await;
    assert_eq!(own.description.as_ref().unwrap().sidebar_parent.as_deref(), Some(DESK));

    let got = server.as_moderator(Request::sidebar_by_ref(&moderator(), &sidebar, Operation::Retrieve, None)).await;
    expect(&got, ResponseCode::Success);
    let mut changes = Conference::new(sidebar.clone());
    changes.description_mut().display_text = Some("Billing questions".into());
    let updated =
        server.as_moderator(Request::sidebar_by_ref(&moderator(), &sidebar, Operation::Update, Some(changes))).await;
    expect(&updated, ResponseCode::Success);
    assert_eq!(updated.version, Some(2));
    // Its parent lists it under its new name.
    let listed = server.as_moderator(Request::sidebars_by_ref(&moderator(), DESK)).await;
    let entry = listed.body.uris().and_then(|u| u.entries.iter().find(|e| e.uri == sidebar).cloned());
    assert_eq!(entry.and_then(|e| e.display_text).as_deref(), Some("Billing questions"));
    let billing = server
        .as_moderator(
            Request::sidebars_by_ref(&moderator(), DESK).with_xpath_filter("contains(//display-text, 'Billing')"),
        )
        .await;
    assert_eq!(uris(&billing), vec![sidebar.clone()]);
    // None matches: no sidebarsByRefInfo at all, as the schema has no empty list of URIs.
    let none = server
        .as_moderator(Request::sidebars_by_ref(&moderator(), DESK).with_xpath_filter("contains(//display-text, 'Zzz')"))
        .await;
    expect(&none, ResponseCode::Success);
    assert!(!none.to_xml().contains("sidebarsByRefInfo"), "{}", none.to_xml());
    let not_a_sidebar =
        server.as_moderator(Request::sidebar_by_ref(&moderator(), SYNC, Operation::Retrieve, None)).await;
    expect(&not_a_sidebar, ResponseCode::ObjectNotFound);

    let deleted = server.as_moderator(Request::sidebar_by_ref(&moderator(), &sidebar, Operation::Delete, None)).await;
    expect(&deleted, ResponseCode::Success);
    let parent = retrieve(&server, DESK).await;
    assert!(parent.sidebars_by_ref.unwrap().find(&sidebar).is_none());
    let gone = server.as_moderator(Request::conf_retrieve(&moderator(), &sidebar)).await;
    expect(&gone, ResponseCode::ObjectNotFound);
}

#[tokio::test]
async fn the_conference_summary_extension() {
    let server = Server::with_defaults("extended").await;
    for name in ["confSummaryRequest", "confRequestSummary"] {
        let request = Request::extended(&moderator(), Some(ALL_HANDS), name, Operation::Retrieve, vec![]);
        let response = server.as_moderator(request).await;
        expect(&response, ResponseCode::Success);
        let ResponseBody::Extended(e) = &response.body else { panic!() };
        assert_eq!(e.extension_name, name, "the response carries the request's extensionName");
        let summary = &e.elements[0];
        assert_eq!(summary.name.local, "confSummary");
        assert_eq!(summary.child("title").unwrap().text(), "Product launch all-hands");
        assert_eq!(summary.child("status").unwrap().text(), "active");
        assert_eq!(summary.child("public").unwrap().text(), "true");
        assert_eq!(summary.child("media").unwrap().text(), "audio video");
    }
}

#[tokio::test]
async fn list_requests_take_no_operation() {
    let server = Server::with_defaults("list-operation").await;
    let mut request = Request::confs(&moderator());
    request.operation = Some(Operation::Retrieve);
    expect(&server.as_moderator(request).await, ResponseCode::BadRequest);
    let mut request = Request::new(RequestBody::Blueprints(ListRequest::default()));
    request.conf_user_id = Some(moderator().to_string());
    expect(&server.as_moderator(request).await, ResponseCode::Success);
}

#[tokio::test]
async fn a_conference_that_confirms_joins_holds_newcomers_until_a_moderator_admits_them() {
    let server = open_server("waiting-room").await;
    assert_eq!(
        retrieve(&server, ALL_HANDS).await.users.unwrap().join_handling,
        Some(JoinHandling::Confirm),
        "the seeded all-hands confirms each join"
    );
    let zoe = user("zoe");
    let joined = server
        .send(&Request::user(&zoe, ALL_HANDS, Operation::Create, Some(joiner(zoe.as_str(), "sip:zoe@example.com"))))
        .await;
    expect(&joined, ResponseCode::Success);
    let status = |doc: Conference| doc.users.unwrap().find(zoe.as_str()).unwrap().endpoints[0].status;
    assert_eq!(status(retrieve(&server, ALL_HANDS).await), Some(EndpointStatus::Pending), "she waits");

    // She cannot let herself in...
    let connected = |entity: &str| User {
        endpoints: vec![Endpoint { status: Some(EndpointStatus::Connected), ..Endpoint::new("sip:zoe@example.com") }],
        ..User::new(entity)
    };
    let herself = server.send(&Request::user_update(&zoe, ALL_HANDS, connected(zoe.as_str()))).await;
    expect(&herself, ResponseCode::ForbiddenChangeProtected);
    assert_eq!(status(retrieve(&server, ALL_HANDS).await), Some(EndpointStatus::Pending), "still waiting");
    // ...but may still change her name while she waits, and a moderator admits her.
    let rename =
        Request::user_update(&zoe, ALL_HANDS, User { display_text: Some("Zoe Q.".into()), ..User::new(zoe.as_str()) });
    expect(&server.send(&rename).await, ResponseCode::Success);
    let admitted = server.as_moderator(Request::user_update(&moderator(), ALL_HANDS, connected(zoe.as_str()))).await;
    expect(&admitted, ResponseCode::Success);
    assert_eq!(status(retrieve(&server, ALL_HANDS).await), Some(EndpointStatus::Connected), "admitted");
}

/// `AUTO_GENERATE_n` in the changes of a users or user update is resolved as in a create: one value per
/// n, 427 for another domain, 400 in a name (QA: they were stored as written, and another domain's was a 200).
#[tokio::test]
async fn placeholders_in_users_and_user_updates_are_resolved() {
    use ccmp::xcon::{AllowedUsersList, Media, Target, TargetMethod, UriEntry, Uris};
    let server = Server::with_defaults("update-placeholders").await;
    let allowed = |uri: &str| Users {
        allowed_users_list: Some(AllowedUsersList {
            targets: vec![Target::new(uri, TargetMethod::DialOut)],
            ..Default::default()
        }),
        // The same n names a user added by the same change.
        users: vec![User { display_text: Some("Guest".into()), ..User::new(uri) }],
        ..Default::default()
    };
    let version = |c: &Conference| c.version;
    let before = version(&retrieve(&server, SYNC).await);
    let foreign = server
        .as_moderator(Request::users_update(&moderator(), SYNC, allowed("xcon-userid:AUTO_GENERATE_1@other.org")))
        .await;
    expect(&foreign, ResponseCode::InvalidDomainName);
    assert_eq!(version(&retrieve(&server, SYNC).await), before, "nothing was stored");
    let ours = allowed("xcon-userid:AUTO_GENERATE_1@example.com");
    expect(&server.as_moderator(Request::users_update(&moderator(), SYNC, ours)).await, ResponseCode::Success);
    let users = retrieve(&server, SYNC).await.users.unwrap();
    let target = users.allowed_users_list.as_ref().unwrap().targets[0].uri.clone();
    assert!(target.starts_with("xcon-userid:") && !target.contains("AUTO_GENERATE"), "{target}");
    let guest = users.users.iter().find(|u| u.display_text.as_deref() == Some("Guest")).unwrap();
    assert_eq!(guest.entity.as_deref(), Some(target.as_str()), "the same n is the same value");

    // A medium added to bob's endpoint, its id and label placeholders of the same n.
    let bob = "xcon-userid:bob@example.com";
    let medium = |label: &str| {
        let mut endpoint = Endpoint::new("sip:bob@example.com");
        endpoint.media.push(Media { media_type: Some("text".into()), label: Some(label.into()), ..Media::new(label) });
        User { endpoints: vec![endpoint], ..User::new(bob) }
    };
    let added = server.as_moderator(Request::user_update(&moderator(), SYNC, medium("AUTO_GENERATE_2"))).await;
    expect(&added, ResponseCode::Success);
    let stored = retrieve(&server, SYNC).await.users.unwrap().find(bob).cloned().unwrap();
    let text = stored.endpoints[0].media.iter().find(|m| m.media_type.as_deref() == Some("text")).unwrap();
    assert!(!text.id.contains("AUTO_GENERATE"), "{text:?}");
    assert_eq!(text.label.as_deref(), Some(text.id.as_str()), "the same n is the same value");
    // Another domain's placeholder in a user update, or in a delete's userInfo: 427, and nothing changes.
    let before = version(&retrieve(&server, SYNC).await);
    let aor = User {
        associated_aors: Some(Uris::new(vec![UriEntry::new("sip:AUTO_GENERATE_1@other.org")])),
        ..User::new(bob)
    };
    expect(&server.as_moderator(Request::user_update(&moderator(), SYNC, aor)).await, ResponseCode::InvalidDomainName);
    let remove = Request::user_remove(&moderator(), SYNC, "xcon-userid:AUTO_GENERATE_1@other.org");
    expect(&server.as_moderator(remove).await, ResponseCode::InvalidDomainName);
    // A placeholder in an element's name: 400.
    let named = Request::user_update(&moderator(), SYNC, User { display_text: Some("Bob".into()), ..User::new(bob) })
        .with_credentials("moderator", PASSWORD)
        .to_xml()
        .replace("</userInfo>", "<ext:AUTO_GENERATE_1 xmlns:ext=\"urn:example:ext\"/></userInfo>");
    assert!(named.contains("ext:AUTO_GENERATE_1"), "{named}");
    expect(&server.send_xml(&named).await, ResponseCode::BadRequest);
    assert_eq!(version(&retrieve(&server, SYNC).await), before, "nothing was stored");
}

/// An update whose changes hold `AUTO_GENERATE_n` answers with what it stored, the values generated in
/// place (QA: a medium added with `label="AUTO_GENERATE_1"` answered an empty confResponse, and the client
/// could learn its label only by reading again); an update without placeholders answers as before.
#[tokio::test]
async fn updates_with_placeholders_answer_with_the_values_generated() {
    use ccmp::xcon::{AllowedUsersList, Media, MediaEntry, Target, TargetMethod};
    let server = Server::with_defaults("update-generated").await;
    let no_placeholder = |c: &Conference| !ccmp::AutoGenerate::occurs_in(&ccmp::codec::encode_conference_info(c));
    // A text medium added: the list is replaced whole, so it holds the media there already (whose audio the
    // floor takes).
    let mut text = Conference::new(SYNC);
    let media = text.description_mut().available_media.get_or_insert_with(Default::default);
    media.entries = retrieve(&server, SYNC).await.media().to_vec();
    media.entries.push(MediaEntry::new("AUTO_GENERATE_1", "text"));
    let updated = server.as_moderator(Request::conf_update(&moderator(), SYNC, text)).await;
    expect(&updated, ResponseCode::Success);
    let stored = retrieve(&server, SYNC).await;
    assert_eq!(updated.body.conference(), Some(&stored), "the conference as stored");
    assert_eq!(updated.version, stored.version.map(u64::from));
    let label = &stored.media().iter().find(|m| m.media_type == "text").unwrap().label;
    assert!(no_placeholder(&stored) && !label.is_empty(), "{label}");
    // Without placeholders the answer stays empty.
    let mut rename = Conference::new(SYNC);
    rename.description_mut().display_text = Some("Renamed".into());
    let renamed = server.as_moderator(Request::conf_update(&moderator(), SYNC, rename)).await;
    expect(&renamed, ResponseCode::Success);
    assert!(renamed.body.conference().is_none(), "{renamed:?}");

    // The sidebars, by value and by reference: someone new added to each.
    let newcomer = |sidebar: &str| {
        let mut c = Conference::new(sidebar);
        c.users =
            Some(Users { users: vec![User::new("xcon-userid:AUTO_GENERATE_1@example.com")], ..Default::default() });
        c
    };
    let breakout = "xcon:all-hands-qa@example.com";
    let by_val = Request::sidebar_by_val(&moderator(), breakout, Operation::Update, Some(newcomer(breakout)));
    let by_val = server.as_moderator(by_val).await;
    expect(&by_val, ResponseCode::Success);
    let sidebar = server.as_moderator(Request::sidebar_by_val(&moderator(), breakout, Operation::Retrieve, None)).await;
    assert_eq!(by_val.body.conference(), sidebar.body.conference());
    assert_eq!((by_val.version, sidebar.body.conference().map(no_placeholder)), (Some(2), Some(true)));
    let escalations = "xcon:support-escalations@example.com";
    let by_ref = Request::sidebar_by_ref(&moderator(), escalations, Operation::Update, Some(newcomer(escalations)));
    let by_ref = server.as_moderator(by_ref).await;
    expect(&by_ref, ResponseCode::Success);
    assert!(matches!(by_ref.body, ResponseBody::SidebarByRef(_)));
    assert_eq!(by_ref.body.conference(), Some(&retrieve(&server, escalations).await));

    // usersRequest: the users element as stored.
    let allowed = Users {
        allowed_users_list: Some(AllowedUsersList {
            targets: vec![Target::new("xcon-userid:AUTO_GENERATE_1@example.com", TargetMethod::DialOut)],
            ..Default::default()
        }),
        ..Default::default()
    };
    let users = server.as_moderator(Request::users_update(&moderator(), SYNC, allowed)).await;
    expect(&users, ResponseCode::Success);
    let ResponseBody::Users(p) = &users.body else { panic!("{users:?}") };
    assert_eq!(p.info.as_ref(), retrieve(&server, SYNC).await.users.as_ref());
    let target = &p.info.as_ref().unwrap().allowed_users_list.as_ref().unwrap().targets[0].uri;
    assert!(!target.contains("AUTO_GENERATE"), "{target}");

    // userRequest: the user as stored, with the generated media id.
    let bob = "xcon-userid:bob@example.com";
    let mut endpoint = Endpoint::new("sip:bob@example.com");
    endpoint.media.push(Media { media_type: Some("text".into()), ..Media::new("AUTO_GENERATE_2") });
    let user = server
        .as_moderator(Request::user_update(&moderator(), SYNC, User { endpoints: vec![endpoint], ..User::new(bob) }))
        .await;
    expect(&user, ResponseCode::Success);
    let ResponseBody::User(p) = &user.body else { panic!("{user:?}") };
    let stored = retrieve(&server, SYNC).await.users.unwrap().find(bob).cloned();
    assert_eq!(p.info, stored);
    let ids: Vec<&str> = stored.iter().flat_map(|u| &u.endpoints[0].media).map(|m| m.id.as_str()).collect();
    assert!(ids.len() > 1 && ids.iter().all(|id| !id.contains("AUTO_GENERATE")), "{ids:?}");
    // A user change without placeholders answers without the user, as before.
    let quiet = server.as_moderator(Request::set_roles(&moderator(), SYNC, bob, ["moderator"])).await;
    expect(&quiet, ResponseCode::Success);
    assert!(matches!(&quiet.body, ResponseBody::User(p) if p.info.is_none()));
}
