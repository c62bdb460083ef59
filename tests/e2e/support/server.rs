//! The real `ccmp-server` binary on 127.0.0.1, a database of its own, serving the release panel.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{anyhow, bail, Context};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

use super::Result;

/// The seeded moderator (TEAM.md "Shared decisions"): a server-wide administrator.
#[derive(Debug, Clone)]
pub struct Moderator {
    /// `xcon-userid:moderator@<domain>`.
    pub conf_user_id: String,
    pub username: String,
    pub password: String,
}

impl Moderator {
    pub fn xcon_user_id(&self) -> ccmp::XconUserId {
        // The harness builds this id itself from a valid domain, so it always parses.
        self.conf_user_id.parse().unwrap_or_else(|e| panic!("{}: {e}", self.conf_user_id))
    }
}

pub struct Server {
    binary: PathBuf,
    dir: PathBuf,
    dist: PathBuf,
    args: Vec<String>,
    moderator: Moderator,
    /// Fixed after the first start (port 0 then), so that a restarted server is where the pages expect it.
    port: u16,
    child: Option<Child>,
    starts: u32,
}

impl Server {
    /// Starts the server with `args` (extra flags) on a free port, its database in `dir`, serving `dist`.
    pub async fn start(binary: PathBuf, dist: PathBuf, dir: PathBuf, args: Vec<String>) -> Result<Server> {
        let domain = flag(&args, "--domain").unwrap_or_else(|| "example.com".into());
        let moderator = Moderator {
            conf_user_id: format!("xcon-userid:moderator@{domain}"),
            username: "moderator".into(),
            password: flag(&args, "--moderator-password").unwrap_or(format!("e2e-{}", super::random_token()?)),
        };
        let mut server = Server { binary, dir, dist, args, moderator, port: 0, child: None, starts: 0 };
        server.spawn().await?;
        Ok(server)
    }

    /// `http://127.0.0.1:PORT/`: the panel (`http://127.0.0.1:PORT/tools/ccmp/` with `--base-path /tools/ccmp/`).
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}{}/", self.port, self.base())
    }

    /// The CCMP endpoint.
    pub fn ccmp_url(&self) -> String {
        let path = flag(&self.args, "--path").unwrap_or_else(|| "/ccmp".into());
        format!("http://127.0.0.1:{}{}{path}", self.port, self.base())
    }

    /// `--base-path` without its trailing slash (`""` without the flag).
    fn base(&self) -> String {
        flag(&self.args, "--base-path").unwrap_or_default().trim_end_matches('/').to_owned()
    }

    pub fn moderator(&self) -> Moderator {
        self.moderator.clone()
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// The last `lines` lines the server wrote (stdout and stderr).
    pub fn log_tail(&self, lines: usize) -> String {
        let log = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let all: Vec<&str> = log.lines().collect();
        all[all.len().saturating_sub(lines)..].join("\n")
    }

    /// Kills the server at once (as a crash or a pulled cable would), leaving its database in place.
    pub async fn stop(&mut self) -> Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill().await.context("killing ccmp-server")?;
        }
        Ok(())
    }

    /// Starts the server again on the same port and database, serving the panel from `dist`.
    pub async fn restart_serving(&mut self, dist: PathBuf) -> Result<()> {
        self.dist = dist;
        self.restart().await
    }

    /// Starts the server again on the same port and database, the moderator's password changed to
    /// `password` (as an administrator would change it).
    pub async fn restart_with_password(&mut self, password: &str) -> Result<()> {
        self.moderator.password = password.to_owned();
        self.restart().await
    }

    /// Starts the server again on the same port and database.
    pub async fn restart(&mut self) -> Result<()> {
        self.stop().await?;
        self.spawn().await
    }

    async fn spawn(&mut self) -> Result<()> {
        let log_path = self.log_path();
        let mut log = tokio::fs::OpenOptions::new().create(true).append(true).open(&log_path).await?;
        self.starts += 1;
        log.write_all(format!("---- start {} ----\n", self.starts).as_bytes()).await?;
        let stderr = log.try_clone().await?.into_std().await;
        let mut cmd = Command::new(&self.binary);
        cmd.arg("--port")
            .arg(self.port.to_string())
            .arg("--db")
            .arg(self.dir.join("ccmp.sqlite"))
            .arg("--static")
            .arg(&self.dist)
            .args(&self.args)
            .current_dir(&self.dir)
            .env("CCMP_MODERATOR_PASSWORD", &self.moderator.password)
            .env("RUST_LOG", std::env::var("RUST_LOG").unwrap_or_else(|_| "info".into()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(stderr))
            .kill_on_drop(true);
        let mut child = cmd.spawn().with_context(|| format!("starting {}", self.binary.display()))?;
        let stdout = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let (ready, listening) = tokio::sync::oneshot::channel::<String>();
        // Copies stdout to the log, and reports the first "listening on http://…" line.
        tokio::spawn(async move {
            let mut lines = BufReader::new(stdout).lines();
            let mut ready = Some(ready);
            while let Ok(Some(line)) = lines.next_line().await {
                let _ = log.write_all(format!("{line}\n").as_bytes()).await;
                if let Some(url) = line.split_whitespace().find(|w| w.starts_with("http://")) {
                    if line.contains("listening") {
                        if let Some(ready) = ready.take() {
                            let _ = ready.send(url.to_string());
                        }
                    }
                }
            }
        });
        let url = match tokio::time::timeout(Duration::from_secs(60), listening).await {
            Ok(Ok(url)) => url,
            Ok(Err(_)) => {
                let status = child.wait().await?;
                bail!("ccmp-server exited ({status}) before listening:\n{}", self.log_tail(30));
            }
            Err(_) => bail!("ccmp-server did not say it was listening within 60 s:\n{}", self.log_tail(30)),
        };
        self.port = port_of(&url).with_context(|| format!("no port in the server's URL {url}"))?;
        self.child = Some(child);
        Ok(())
    }

    /// POSTs a CCMP message (XML) to the server; the response body, whatever the HTTP status.
    pub async fn post(&self, xml: &str) -> Result<(http::StatusCode, String)> {
        let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
        let request = http::Request::post(self.ccmp_url())
            .header(http::header::CONTENT_TYPE, "application/ccmp+xml")
            .header(http::header::ACCEPT, "application/ccmp+xml")
            .body(Full::new(Bytes::from(xml.to_string())))?;
        let response = client.request(request).await.with_context(|| format!("POST {}", self.ccmp_url()))?;
        let status = response.status();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }

    /// Sends `request` with the moderator's credentials and decodes the answer.
    pub async fn request(&self, request: ccmp::Request) -> Result<ccmp::Response> {
        let xml = request.with_credentials(&self.moderator.username, &self.moderator.password).to_xml();
        let (status, body) = self.post(&xml).await?;
        if status != http::StatusCode::OK {
            bail!("HTTP {status} from {}: {body}", self.ccmp_url());
        }
        ccmp::decode_response(&body).map_err(|e| anyhow!("the server's answer does not decode ({e}):\n{body}"))
    }
}

/// `--name VALUE` or `--name=VALUE` among `args` (the last one wins).
fn flag(args: &[String], name: &str) -> Option<String> {
    let mut found = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == name {
            found = iter.next().cloned();
        } else if let Some(value) = arg.strip_prefix(name).and_then(|r| r.strip_prefix('=')) {
            found = Some(value.to_string());
        }
    }
    found
}

fn port_of(url: &str) -> Option<u16> {
    let authority = url.strip_prefix("http://")?.split('/').next()?;
    authority.rsplit_once(':')?.1.parse().ok()
}
