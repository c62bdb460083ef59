//! Changes to one conference are serialized: none is lost, versions strictly increase.

use ccmp::xcon::{Conference, User, Users};
use ccmp::{Request, ResponseCode};

use crate::support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_concurrent_updates_of_one_conference_from_different_clients() {
    let server = Server::with_defaults("concurrent").await;
    let url = server.url();
    let start = retrieve(&server, SYNC).await.version.unwrap() as u64;
    let mut tasks = Vec::new();
    for i in 0..50 {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            // Each client has its own connection and adds its own user.
            let client = reqwest::Client::new();
            let mut changes = Conference::new(SYNC);
            changes.users = Some(Users {
                users: vec![User::new(format!("xcon-userid:client{i}@example.com"))],
                ..Default::default()
            });
            let request = Request::conf_update(&moderator(), SYNC, changes).with_credentials("moderator", PASSWORD);
            let reply = client
                .post(url)
                .header("Content-Type", "application/ccmp+xml")
                .body(request.to_xml())
                .send()
                .await
                .unwrap();
            let response = ccmp::decode_response(&reply.text().await.unwrap()).unwrap();
            (i, response)
        }));
    }
    let mut versions = Vec::new();
    let mut acknowledged = Vec::new();
    for task in tasks {
        let (i, response) = task.await.unwrap();
        expect(&response, ResponseCode::Success);
        versions.push(response.version.unwrap());
        acknowledged.push(i);
    }
    versions.sort_unstable();
    let expected: Vec<u64> = (start + 1..=start + 50).collect();
    assert_eq!(versions, expected, "every update got its own version, one after the other");
    let after = retrieve(&server, SYNC).await;
    assert_eq!(after.version.map(u64::from), Some(start + 50));
    let users = after.users.unwrap();
    for i in acknowledged {
        assert!(users.find(&format!("xcon-userid:client{i}@example.com")).is_some(), "update {i} was lost");
    }
    assert_eq!(after.conference_state.unwrap().user_count, Some(53));
}
