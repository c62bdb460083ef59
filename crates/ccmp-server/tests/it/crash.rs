//! `kill -9` of the real server binary during a burst of writes: after a restart, every write that was
//! acknowledged is there.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ccmp::xcon::{Operation, User};
use ccmp::{Request, ResponseCode};

use crate::support::*;

async fn post(client: &reqwest::Client, url: &str, request: &Request) -> Option<ccmp::Response> {
    let reply =
        client.post(url).header("Content-Type", "application/ccmp+xml").body(request.to_xml()).send().await.ok()?;
    let text = reply.text().await.ok()?;
    ccmp::decode_response(&text).ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_a_burst_of_writes_loses_no_acknowledged_write() {
    let dir = scratch("crash");
    let db = dir.path().join("ccmp.sqlite");
    let mut server = spawn_binary(&db, "warn");
    let url = server.url.clone();
    let joined = Arc::new(Mutex::new(Vec::<String>::new()));
    let created = Arc::new(Mutex::new(Vec::<String>::new()));
    let acks = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for w in 0..6 {
        let (url, joined, created, acks, stop) =
            (url.clone(), joined.clone(), created.clone(), acks.clone(), stop.clone());
        writers.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            // Bounded: each writer stops after 200 writes even if the kill never came.
            for n in 0..200 {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if n % 2 == 0 {
                    let id = format!("xcon-userid:w{w}n{n}@example.com");
                    let join = Request::user(&id.parse().unwrap(), SYNC, Operation::Create, Some(User::new(&id)));
                    match post(&client, &url, &join).await {
                        Some(r) if r.code == ResponseCode::Success => joined.lock().unwrap().push(id),
                        Some(_) => {}
                        None => break,
                    }
                } else {
                    let clone = Request::conf_clone(&user(&format!("w{w}")), "xcon:AudioRoom@example.com");
                    match post(&client, &url, &clone).await {
                        Some(r) if r.code == ResponseCode::Success => {
                            created.lock().unwrap().push(r.conf_obj_id.unwrap())
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                acks.fetch_add(1, Ordering::Relaxed);
            }
        }));
    }
    // Kill once a good number of writes have been acknowledged, while the others are in flight.
    while acks.load(Ordering::Relaxed) < 60 && writers.iter().any(|w| !w.is_finished()) {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    server.kill();
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        w.await.unwrap();
    }
    let joined = joined.lock().unwrap().clone();
    let created = created.lock().unwrap().clone();
    assert!(joined.len() + created.len() >= 60, "the burst was acknowledged before the kill");
    eprintln!("acknowledged before kill -9: {} joins, {} conferences", joined.len(), created.len());

    let server = spawn_binary(&db, "warn");
    let url = server.url.clone();
    let client = reqwest::Client::new();
    let sync = post(&client, &url, &Request::conf_retrieve(&user("alice"), SYNC)).await.unwrap();
    expect(&sync, ResponseCode::Success);
    let users = doc(&sync).users.unwrap();
    for id in &joined {
        assert!(users.find(id).is_some(), "acknowledged join of {id} lost");
    }
    for uri in &created {
        let r = post(&client, &url, &Request::conf_retrieve(&user("alice"), uri)).await.unwrap();
        expect(&r, ResponseCode::Success);
    }
    drop(server);
}

/// The database deleted, or replaced, under the running server (a data directory cleaned up, a restore done
/// wrong): SQLite would write on into the file it opened, and every change answered 200 would be gone at
/// the next start (QA). The server refuses changes from then on, and says why; reads go on.
#[tokio::test]
async fn a_database_deleted_under_the_server_takes_no_more_changes() {
    let dir = scratch("db-deleted");
    let db = dir.path().join("ccmp.sqlite");
    let server = spawn_binary(&db, "warn");
    let client = reqwest::Client::new();
    let join = |name: &str| {
        let id = format!("xcon-userid:{name}@example.com");
        Request::user(&id.parse().unwrap(), SYNC, Operation::Create, Some(User::new(&id)))
    };
    let first = post(&client, &server.url, &join("before")).await.expect("an answer");
    assert_eq!(first.code, ResponseCode::Success);
    let read = Request::conf_retrieve(&user("before"), SYNC);
    assert_eq!(post(&client, &server.url, &read).await.expect("an answer").code, ResponseCode::Success);
    for name in ["ccmp.sqlite", "ccmp.sqlite-wal"] {
        let _ = std::fs::remove_file(dir.path().join(name));
    }
    let after = post(&client, &server.url, &join("after")).await.expect("an answer");
    assert_eq!(after.code, ResponseCode::ServerInternalError, "{after:?}");
    let said = after.response_string.unwrap_or_default();
    assert!(said.contains("database file was deleted or replaced"), "{said}");
    let again = post(&client, &server.url, &read).await.expect("an answer");
    assert_eq!(again.code, ResponseCode::Success, "reads go on");
    server.wait_for_log("the database was deleted or replaced while the server ran").await;
}
