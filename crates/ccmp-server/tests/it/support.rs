//! Starting servers and talking CCMP to them.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use ccmp::{Request, Response, XconUserId};
use ccmp_server::{Config, Running};

pub const PASSWORD: &str = "test-moderator-password";

/// A fresh directory, removed with everything in it when the guard drops.
pub fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new().prefix(&format!("ccmp-server-it-{name}-")).tempdir().expect("a temporary directory")
}

/// Defaults for a test: port 0, a fresh database in a directory of its own (removed when the `Server`
/// started with this configuration drops), a known moderator password.
pub fn config(name: &str) -> Config {
    let mut config = Config::defaults();
    config.port = 0;
    config.db = scratch(name).keep().join("ccmp.sqlite");
    config.moderator_password = Some(PASSWORD.to_owned());
    // Debug builds run argon2 slowly on a busy machine: the default deadline would turn that into 510s.
    config.deadline_ms = 120_000;
    config
}

pub struct Server {
    pub running: Running,
    pub http: reqwest::Client,
    _database_dir: RemovedOnDrop,
}

/// A test's database directory goes with its server, so test runs leave nothing in the temporary directory.
/// (A guard of its own rather than `Drop` on `Server`, so that a test can still stop `running` by value.)
struct RemovedOnDrop(Option<PathBuf>);

impl Drop for RemovedOnDrop {
    fn drop(&mut self) {
        if let Some(dir) = &self.0 {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Server {
    pub async fn start(config: Config) -> Server {
        // Only a directory `scratch` made: never a database a test pointed somewhere else.
        let made_by_scratch = |dir: &&std::path::Path| {
            dir.starts_with(std::env::temp_dir())
                && dir.file_name().is_some_and(|name| name.to_string_lossy().starts_with("ccmp-server-it-"))
        };
        let database_dir = RemovedOnDrop(config.db.parent().filter(made_by_scratch).map(PathBuf::from));
        let running = ccmp_server::start(config).await.expect("server starts");
        Server { running, http: reqwest::Client::new(), _database_dir: database_dir }
    }

    pub async fn with_defaults(name: &str) -> Server {
        Server::start(config(name)).await
    }

    pub fn url(&self) -> String {
        self.running.url()
    }

    /// Posts raw text with the CCMP content type.
    pub async fn post_raw(&self, body: impl Into<String>) -> reqwest::Response {
        self.http
            .post(self.url())
            .header("Content-Type", "application/ccmp+xml")
            .body(body.into())
            .send()
            .await
            .expect("the server answers")
    }

    /// Sends a request and decodes the CCMP response (which must come in HTTP 200).
    pub async fn send(&self, request: &Request) -> Response {
        self.send_xml(&request.to_xml()).await
    }

    pub async fn send_xml(&self, xml: &str) -> Response {
        let reply = self.post_raw(xml.to_owned()).await;
        assert_eq!(reply.status(), 200);
        let text = reply.text().await.unwrap();
        ccmp::decode_response(&text).unwrap_or_else(|e| panic!("undecodable response {e}: {text}"))
    }

    /// Sends as the moderator, with credentials.
    pub async fn as_moderator(&self, request: Request) -> Response {
        self.send(&request.with_credentials("moderator", PASSWORD)).await
    }
}

pub fn moderator() -> XconUserId {
    "xcon-userid:moderator@example.com".parse().unwrap()
}

pub fn user(name: &str) -> XconUserId {
    format!("xcon-userid:{name}@example.com").parse().unwrap()
}

/// A server that takes a request's confUserID at its word (as liblinphone and the RFC examples need).
pub async fn open_server(name: &str) -> Server {
    let mut config = config(name);
    config.require_credentials = false;
    Server::start(config).await
}

/// Asserts the response code, showing the response-string when it differs.
#[track_caller]
pub fn expect(response: &Response, code: ccmp::ResponseCode) {
    assert_eq!(response.code, code, "response-string: {:?}", response.response_string);
}

/// The conference document of a response.
#[track_caller]
pub fn doc(response: &Response) -> ccmp::xcon::Conference {
    response.body.conference().cloned().unwrap_or_else(|| panic!("no document in {response:?}"))
}

/// The conference `uri` as the moderator sees it.
pub async fn retrieve(server: &Server, uri: &str) -> ccmp::xcon::Conference {
    let response = server.as_moderator(Request::conf_retrieve(&moderator(), uri)).await;
    expect(&response, ccmp::ResponseCode::Success);
    doc(&response)
}

pub const SYNC: &str = "xcon:weekly-sync@example.com";
pub const ALL_HANDS: &str = "xcon:all-hands@example.com";
pub const DESK: &str = "xcon:support-desk@example.com";

/// The server binary on port 0 (for what only a real process shows: a kill -9, its log).
pub struct Binary {
    pub child: Child,
    /// Its CCMP URL, read from what it prints.
    pub url: String,
    log: Arc<Mutex<String>>,
}

/// Starts the binary on `db` with `RUST_LOG=log`, accepting a confUserID without credentials.
pub fn spawn_binary(db: &Path, log: &str) -> Binary {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccmp-server"))
        .args(["--port", "0", "--require-credentials", "false", "--db"])
        .arg(db)
        .env("CCMP_MODERATOR_PASSWORD", PASSWORD)
        .env("RUST_LOG", log)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server binary starts");
    let mut lines = BufReader::new(child.stdout.take().expect("its stdout")).lines();
    let url = loop {
        let line = lines.next().expect("the server prints its URL").expect("a line");
        if let Some(url) = line.strip_prefix("ccmp-server listening on ") {
            break url.trim().to_owned();
        }
    };
    // Both pipes are drained, so the server never blocks on a full one; the log is kept for `log()`.
    std::thread::spawn(move || for _ in lines {});
    let kept = Arc::new(Mutex::new(String::new()));
    let (mut stderr, sink) = (child.stderr.take().expect("its stderr"), kept.clone());
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n @ 1..) = stderr.read(&mut chunk) {
            sink.lock().unwrap_or_else(|e| e.into_inner()).push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    });
    Binary { child, url, log: kept }
}

impl Binary {
    /// Everything it logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Its log once it contains `text`: it writes from its own threads, and a busy machine may take a while to
    /// pass the lines on (a check right after the request that logs them failed so, under CI's load).
    pub async fn wait_for_log(&self, text: &str) -> String {
        for _ in 0..200 {
            let log = self.log();
            if log.contains(text) {
                return log;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the log never showed {text:?}:\n{}", self.log());
    }

    /// `kill -9`, and waits for it to go.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        self.kill();
    }
}
