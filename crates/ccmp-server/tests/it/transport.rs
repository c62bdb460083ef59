//! The HTTP binding: header rules, status codes, content type, static hosting and CORS.

use ccmp::{Request, ResponseCode};

use crate::support::*;

#[tokio::test]
async fn every_ccmp_outcome_is_http_200_with_no_store() {
    let server = Server::with_defaults("transport-200").await;
    let reply = server.post_raw(Request::confs(&moderator()).to_xml()).await;
    assert_eq!(reply.status(), 200);
    assert_eq!(reply.headers()["cache-control"], "no-store");
    assert_eq!(reply.headers()["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers()["content-type"], "application/ccmp+xml; charset=utf-8");
    assert!(reply.headers().contains_key("content-length"));
    let response = ccmp::decode_response(&reply.text().await.unwrap()).unwrap();
    assert_eq!(response.code, ResponseCode::AuthenticationRequired);
    let response = server.as_moderator(Request::confs(&moderator())).await;
    assert_eq!(response.code, ResponseCode::Success);
}

async fn status(server: &Server, headers: &[(&str, &str)], body: String) -> u16 {
    let mut request = server.http.post(server.url()).body(body);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap().status().as_u16()
}

#[tokio::test]
async fn header_rules_refuse_what_never_becomes_a_ccmp_exchange() {
    let server = Server::with_defaults("transport-headers").await;
    let body = || Request::options(&moderator()).with_credentials("moderator", PASSWORD).to_xml();
    let ccmp = ("Content-Type", "application/ccmp+xml");
    assert_eq!(status(&server, &[ccmp], body()).await, 200, "a missing Accept is fine");
    assert_eq!(
        status(
            &server,
            &[("Content-Type", "application/ccmp+xml; charset=utf-8"), ("Accept", "application/ccmp+xml")],
            body()
        )
        .await,
        200
    );
    assert_eq!(status(&server, &[ccmp, ("Accept", "*/*")], body()).await, 200);
    assert_eq!(status(&server, &[("Content-Type", "text/xml")], body()).await, 406);
    assert_eq!(status(&server, &[], body()).await, 406);
    assert_eq!(status(&server, &[ccmp, ("Accept", "application/json")], body()).await, 406);
    assert_eq!(status(&server, &[ccmp, ("If-Match", "\"1\"")], body()).await, 412);
    assert_eq!(status(&server, &[ccmp, ("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")], body()).await, 412);
    assert_eq!(status(&server, &[ccmp, ("Range", "bytes=0-10")], body()).await, 501);
    assert_eq!(status(&server, &[ccmp, ("Expect", "100-continue")], body()).await, 501);
}

#[tokio::test]
async fn the_body_limit_is_413_and_configurable() {
    let mut config = config("transport-limit");
    config.body_limit = 2048;
    let server = Server::start(config).await;
    let mut request = Request::options(&moderator()).with_credentials("moderator", PASSWORD).to_xml();
    assert_eq!(server.post_raw(request.clone()).await.status(), 200);
    request.push_str(&" ".repeat(4096));
    let reply = server.post_raw(request).await;
    assert_eq!(reply.status(), 413);
    assert_eq!(reply.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn a_body_that_is_not_ccmp_is_a_ccmp_400_naming_the_problem() {
    let server = Server::with_defaults("transport-400").await;
    for (body, words) in [
        ("this is not xml", "not well-formed"),
        ("<a/>", "ccmpRequest"),
        (
            "<ccmp:ccmpRequest xmlns:ccmp=\"urn:ietf:params:xml:ns:xcon-ccmp\"><ccmpRequest xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"ccmp:ccmp-conf-request-message-type\"><confUserID>xcon-userid:a@example.com</confUserID><operation>explode</operation><ccmp:confRequest/></ccmpRequest></ccmp:ccmpRequest>",
            "explode",
        ),
    ] {
        let response = server.send_xml(body).await;
        expect(&response, ResponseCode::BadRequest);
        let said = response.response_string.unwrap_or_default();
        assert!(said.contains(words), "{said:?} should name {words:?}");
    }
    let reply = server
        .http
        .post(server.url())
        .header("Content-Type", "application/ccmp+xml")
        .body(vec![0xffu8, 0xfe, 0x00])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let response = ccmp::decode_response(&reply.text().await.unwrap()).unwrap();
    expect(&response, ResponseCode::BadRequest);
    assert!(response.response_string.unwrap_or_default().contains("UTF-8"));
    let bad_conf = server
        .send_xml(
            "<x xsi:type=\"ccmp:ccmp-conf-request-message-type\"><confUserID>xcon-userid:a@example.com</confUserID>",
        )
        .await;
    assert_eq!(bad_conf.kind(), ccmp::MessageKind::Conf, "answered in the kind it seems to be");
    assert_eq!(bad_conf.conf_user_id, "xcon-userid:a@example.com");
}

#[tokio::test]
async fn the_endpoint_answers_with_a_trailing_slash_too() {
    let server = Server::with_defaults("transport-slash").await;
    let body = Request::confs(&moderator()).with_credentials("moderator", PASSWORD).to_xml();
    let reply = server.http.post(format!("{}/", server.url())).header("Content-Type", "application/ccmp+xml");
    let reply = reply.body(body).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    let response = ccmp::decode_response(&reply.text().await.unwrap()).unwrap();
    assert_eq!(response.code, ResponseCode::Success);
}

#[tokio::test]
async fn get_on_the_endpoint_is_an_info_page() {
    let server = Server::with_defaults("transport-info").await;
    let reply = server.http.get(server.url()).send().await.unwrap();
    assert_eq!(reply.status(), 200);
    assert!(reply.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let page = reply.text().await.unwrap();
    assert!(page.contains("application/ccmp+xml") && page.contains("example.com"));
}

#[tokio::test]
async fn the_panel_is_served_with_its_types_and_the_fallback_never_shadows_ccmp() {
    let panel = scratch("static-panel");
    let dir = panel.path().to_path_buf();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>panel</title>").unwrap();
    std::fs::write(dir.join("panel_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.join("panel.js"), "export {}").unwrap();
    std::fs::write(dir.join("panel_bg.wasm.br"), b"brotli bytes").unwrap();
    std::fs::write(dir.join("ccmp-panel-7a2c09b4e75e4d5b_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let mut config = config("static");
    config.static_dir = Some(dir);
    let server = Server::start(config).await;
    let base = format!("http://{}", server.running.addr);
    let get = |path: &str| server.http.get(format!("{base}{path}")).send();
    let wasm = get("/panel_bg.wasm").await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    let js = get("/panel.js").await.unwrap();
    assert!(js.headers()["content-type"].to_str().unwrap().contains("javascript"));
    for path in ["/", "/conferences/xcon:1@example.com", "/settings"] {
        let page = get(path).await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        // No other site may show the panel in a frame (to have the moderator click in it unawares).
        assert_eq!(page.headers()["content-security-policy"], "frame-ancestors 'none'", "{path}");
        assert_eq!(page.headers()["x-frame-options"], "DENY", "{path}");
        assert_eq!(page.headers()["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(page.headers()["referrer-policy"], "no-referrer", "{path}");
        assert!(page.text().await.unwrap().contains("<title>panel</title>"), "{path}");
    }
    // A precompressed copy is served to a browser that accepts it, with the original's type.
    let br = server
        .http
        .get(format!("{base}/panel_bg.wasm"))
        .header("accept-encoding", "gzip, deflate, br")
        .send()
        .await
        .unwrap();
    assert_eq!(
        (br.headers()["content-encoding"].to_str().unwrap(), br.headers()["content-type"].to_str().unwrap()),
        ("br", "application/wasm")
    );
    assert_eq!(br.bytes().await.unwrap().as_ref(), b"brotli bytes");
    let plain = get("/panel_bg.wasm").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none(), "nor to one that does not");
    assert_eq!(plain.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    // Files named after their content stay in the browser's cache; what names them is checked each time.
    let cache = |reply: &reqwest::Response| reply.headers()["cache-control"].to_str().unwrap().to_owned();
    let hashed = get("/ccmp-panel-7a2c09b4e75e4d5b_bg.wasm").await.unwrap();
    assert_eq!(cache(&hashed), "public, max-age=31536000, immutable");
    // Its compressed copies go under the same URL: shared caches keep them apart.
    assert_eq!(hashed.headers()["vary"], "accept-encoding");
    for path in ["/", "/index.html", "/panel.js", "/conferences/xcon:1@example.com"] {
        assert_eq!(cache(&get(path).await.unwrap()), "no-cache", "{path}");
    }
    assert_eq!(cache(&get("/ccmp").await.unwrap()), "no-store", "CCMP keeps its own");
    let info = get("/ccmp").await.unwrap().text().await.unwrap();
    assert!(info.contains("CCMP server"), "GET /ccmp is the endpoint's page, not the panel");
    let response = server.as_moderator(Request::options(&moderator())).await;
    expect(&response, ResponseCode::Success);
}

/// Deployments change the folder under browsers that hold its files: none of them may be left on a page
/// that names files the server no longer has.
#[tokio::test]
async fn a_browser_is_never_kept_on_files_a_deployment_removed() {
    let panel = scratch("static-deploy");
    let dir = panel.path().to_path_buf();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>panel</title>").unwrap();
    let mut config = config("static-deploy");
    config.static_dir = Some(dir);
    let server = Server::start(config).await;
    let base = format!("http://{}", server.running.addr);
    // A content-named file the folder lacks is missing, not the page under a name kept for a year.
    let missing = server.http.get(format!("{base}/ccmp-panel-0123456789abcdef_bg.wasm")).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing.headers().get("cache-control").is_none());
    // What names the files is sent whole even to a browser holding a later copy (after a rollback).
    for path in ["/", "/index.html", "/conferences/xcon:1@example.com"] {
        let later = server
            .http
            .get(format!("{base}{path}"))
            .header("if-modified-since", "Fri, 01 Jan 2100 00:00:00 GMT")
            .send()
            .await
            .unwrap();
        assert_eq!(later.status(), 200, "{path}");
        assert!(later.text().await.unwrap().contains("<title>panel</title>"), "{path}");
    }
}

/// `--base-path`: everything under the path, the panel's page told where it is, nothing outside it.
#[tokio::test]
async fn under_a_base_path_the_panel_and_the_endpoint_are_served_below_it_and_the_page_names_it() {
    let panel = scratch("static-base");
    let dir = panel.path().to_path_buf();
    std::fs::write(dir.join("index.html"), "<!doctype html><base href=/><title>panel</title>").unwrap();
    std::fs::write(dir.join("boot.js"), "// boot").unwrap();
    let mut config = config("static-base");
    config.static_dir = Some(dir);
    config.base_path = "/tools/ccmp/".into();
    let server = Server::start(config).await;
    assert!(server.url().ends_with("/tools/ccmp/ccmp"), "{}", server.url());
    expect(&server.as_moderator(Request::confs(&moderator())).await, ResponseCode::Success);
    let origin = format!("http://{}", server.running.addr);
    let get = |path: &str| server.http.get(format!("{origin}{path}")).send();
    for path in ["/tools/ccmp/", "/tools/ccmp", "/tools/ccmp/conferences/xcon:1@example.com", "/tools/ccmp/index.html"]
    {
        let page = get(path).await.unwrap();
        assert_eq!(page.status(), 200, "{path}");
        let text = page.text().await.unwrap();
        assert!(text.contains("<base href=\"/tools/ccmp/\"><title>panel</title>"), "{path}: {text}");
    }
    assert_eq!(get("/tools/ccmp/boot.js").await.unwrap().text().await.unwrap(), "// boot");
    // Outside the path: nothing (a proxy forwards only the path; a request elsewhere is a mistake to see).
    for path in ["/", "/conferences", "/ccmp", "/tools/ccmpx/"] {
        let outside = get(path).await.unwrap();
        assert_eq!(outside.status(), 404, "{path}");
        assert_eq!(outside.headers()["x-frame-options"], "DENY", "{path}: the safety headers outside the path too");
    }
}

/// A path that would break the page it is written into, and a panel build that cannot be told a path.
#[tokio::test]
async fn a_base_path_the_page_cannot_take_is_refused_at_start() {
    let mut quoted = config("base-quoted");
    quoted.base_path = "/a\"><script>".into();
    let refused = ccmp_server::start(quoted).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("must be a plain path"), "{refused}");
    let old = scratch("static-old");
    std::fs::write(old.path().join("index.html"), "<!doctype html><title>old panel</title>").unwrap();
    let mut with_old = config("static-old");
    with_old.static_dir = Some(old.path().to_path_buf());
    with_old.base_path = "/tools/ccmp/".into();
    let refused = ccmp_server::start(with_old).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("has no <base href>"), "{refused}");
}

#[tokio::test]
async fn cross_origin_is_refused_by_default_and_allowed_per_origin() {
    let closed = Server::with_defaults("cors-closed").await;
    let preflight = |server: &Server, origin: &str| {
        server
            .http
            .request(reqwest::Method::OPTIONS, server.url())
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .send()
    };
    let reply = preflight(&closed, "https://panel.example.org").await.unwrap();
    assert!(!reply.headers().contains_key("access-control-allow-origin"));

    let mut config = config("cors-open");
    config.cors_origins = vec!["https://panel.example.org".into()];
    let open = Server::start(config).await;
    let reply = preflight(&open, "https://panel.example.org").await.unwrap();
    assert_eq!(reply.headers()["access-control-allow-origin"], "https://panel.example.org");
    assert!(reply.headers()["access-control-allow-methods"].to_str().unwrap().contains("POST"));
    let reply = preflight(&open, "https://evil.example.net").await.unwrap();
    assert!(!reply.headers().contains_key("access-control-allow-origin"));
    let post = open
        .http
        .post(open.url())
        .header("Origin", "https://panel.example.org")
        .header("Content-Type", "application/ccmp+xml")
        .body(Request::options(&moderator()).with_credentials("moderator", PASSWORD).to_xml())
        .send()
        .await
        .unwrap();
    assert_eq!(post.headers()["access-control-allow-origin"], "https://panel.example.org");
    // The panel reads the server's clock from the reply's Date (a browser hides it from another origin).
    assert_eq!(post.headers()["access-control-expose-headers"], "date,retry-after");
    assert!(post.headers().contains_key("date"));

    // An origin copied from the address bar, with its trailing slash, is the origin (QA: it was taken and
    // never matched); one with a path is refused at start, saying what an origin is.
    let mut with_slash = crate::support::config("cors-slash");
    with_slash.cors_origins = vec!["http://127.0.0.1:39210/".into()];
    let slash = Server::start(with_slash).await;
    let reply = preflight(&slash, "http://127.0.0.1:39210").await.unwrap();
    assert_eq!(reply.headers()["access-control-allow-origin"], "http://127.0.0.1:39210");
    // As browsers write it: lower case, without the default port.
    let mut mixed = crate::support::config("cors-case");
    mixed.cors_origins = vec!["HTTPS://Panel.Example.org:443".into()];
    let mixed = Server::start(mixed).await;
    let reply = preflight(&mixed, "https://panel.example.org").await.unwrap();
    assert_eq!(reply.headers()["access-control-allow-origin"], "https://panel.example.org");
    for wrong in ["http://127.0.0.1:39210/panel", "*", "localhost:39210", "https://", "http://u@h"] {
        let mut wrongly = crate::support::config("cors-wrong");
        wrongly.cors_origins = vec![wrong.into()];
        let refused = ccmp_server::start(wrongly).await.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("not an origin such as"), "{wrong}: {refused}");
    }
}

/// Flags that would start a server that cannot serve what it was asked to are refused at start.
#[tokio::test]
async fn a_static_folder_without_the_panel_and_a_zero_deadline_are_refused_at_start() {
    use clap::Parser;
    let zero = ccmp_server::Config::try_parse_from(["ccmp-server", "--deadline-ms", "0"]);
    assert!(zero.is_err(), "every request would be answered 510");
    let empty = scratch("static-empty");
    let mut with_empty = config("static-empty");
    with_empty.static_dir = Some(empty.path().to_path_buf());
    let refused = ccmp_server::start(with_empty).await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(refused.contains("no index.html in it"), "{refused}");
}

#[tokio::test]
async fn large_answers_go_gzipped_to_clients_that_accept_it_and_small_ones_plain() {
    let server = Server::with_defaults("transport-gzip").await;
    let created = server
        .as_moderator(Request::conf_create(
            &moderator(),
            ccmp::xcon::Conference::new("xcon:AUTO_GENERATE_1@example.com"),
        ))
        .await;
    expect(&created, ResponseCode::Success);
    let uri = created.conf_obj_id.unwrap();
    let users = ccmp::xcon::Users {
        users: (0..300).map(|i| ccmp::sample::user(i, "example.com")).collect(),
        ..Default::default()
    };
    expect(&server.as_moderator(Request::users_update(&moderator(), &uri, users)).await, ResponseCode::Success);

    let post = |request: Request| {
        server
            .http
            .post(server.url())
            .header("Content-Type", "application/ccmp+xml")
            .header("Accept-Encoding", "gzip")
            .body(request.with_credentials("moderator", PASSWORD).to_xml())
            .send()
    };
    let large = post(Request::users_retrieve(&moderator(), &uri)).await.unwrap();
    assert_eq!(large.status(), 200);
    assert_eq!(large.headers()["content-encoding"], "gzip");
    let zipped = large.bytes().await.unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(zipped.as_ref()), &mut xml).unwrap();
    assert!(zipped.len() * 5 < xml.len(), "{} bytes for {} of XML", zipped.len(), xml.len());
    let response = ccmp::decode_response(&xml).unwrap();
    let ccmp::ResponseBody::Users(p) = &response.body else { panic!("not a usersResponse") };
    assert_eq!(p.info.as_ref().unwrap().users.len(), 301, "the 300 and the creator");

    let small = post(Request::options(&moderator())).await.unwrap();
    assert!(small.headers().get("content-encoding").is_none(), "a small answer is sent as it is");
    expect(&ccmp::decode_response(&small.text().await.unwrap()).unwrap(), ResponseCode::Success);
}
