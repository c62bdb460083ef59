//! The HTTP binding: header rules, status codes, content type.

use ccmp::{Request, ResponseCode};

use crate::support::*;

#[tokio::test]
async fn every_ccmp_outcome_is_http_200_with_no_store() {
    let server = Server::with_defaults("transport-200").await;
    let reply = server.post_raw(Request::confs(&moderator()).to_xml()).await;
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["cache-control"], "no-store");
    assert_eq!(reply.headers()["content-type"], "application/ccmp+xml; charset=utf-8");
    let response = ccmp::decode_response(&reply.text().await.unwrap()).unwrap();
    assert_eq!(response.code, ResponseCode::AuthenticationRequired);
    let response = server.as_moderator(Request::confs(&moderator())).await;
    assert_eq!(response.code, ResponseCode::Success);
}
