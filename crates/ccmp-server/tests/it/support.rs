//! Starting servers and talking CCMP to them.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use ccmp::{Request, Response, XconUserId};
use ccmp_server::{Config, Running};

pub const PASSWORD: &str = "test-moderator-password";

/// A fresh directory for one test's database.
pub fn scratch(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ccmp-server-it-{}-{name}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Defaults for a test: port 0, a fresh database, a known moderator password.
pub fn config(name: &str) -> Config {
    let mut config = Config::defaults();
    config.port = 0;
    config.db = scratch(name).join("ccmp.sqlite");
    config.moderator_password = Some(PASSWORD.to_owned());
    config
}

pub struct Server {
    pub running: Running,
    pub http: reqwest::Client,
}

impl Server {
    pub async fn start(config: Config) -> Server {
        let running = ccmp_server::start(config).await.expect("server starts");
        Server { running, http: reqwest::Client::new() }
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
