//! A journey: one end-to-end test with its own server, database, chromedriver and browser sessions, and
//! the evidence a failure leaves behind.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::Context;

use super::browser::{ChromeDriver, Page};
use super::server::{Moderator, Server};
use super::Result;

/// How a journey's world is set up. [`Journey::run`] starts it, runs the test body, and tears it down.
pub struct Journey {
    name: String,
    server_args: Vec<String>,
    browser_args: Vec<String>,
    allowed_console_errors: Vec<String>,
}

impl Journey {
    /// `name` names the screenshots (`target/e2e-screenshots/<name>-<n>.png`).
    pub fn new(name: &str) -> Journey {
        Journey {
            name: name.to_string(),
            server_args: Vec::new(),
            browser_args: Vec::new(),
            allowed_console_errors: Vec::new(),
        }
    }

    /// Extra `ccmp-server` flags, e.g. `["--require-credentials", "false"]`.
    pub fn server_args(mut self, args: &[&str]) -> Journey {
        self.server_args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Extra Chromium flags for every page of the journey, e.g. `["--force-dark-mode"]` (which makes pages
    /// see `prefers-color-scheme: dark`).
    pub fn browser_args(mut self, args: &[&str]) -> Journey {
        self.browser_args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Console errors containing `pattern` are expected (a journey that stops the server sees
    /// `net::ERR_CONNECTION_REFUSED`); any other console error fails the journey.
    pub fn allow_console_error(mut self, pattern: &str) -> Journey {
        self.allowed_console_errors.push(pattern.to_string());
        self
    }

    /// Starts the server and chromedriver, runs `body`, checks the pages' consoles, and tears everything
    /// down. Panics (failing the test) when `body` fails or panics, after saving a screenshot and the HTML of
    /// every open page and printing their console errors and the server's log.
    pub async fn run<F, Fut>(self, body: F)
    where
        F: FnOnce(App) -> Fut,
        Fut: Future<Output = Result<()>> + Send + 'static,
    {
        let dir = match tempfile::Builder::new().prefix(&format!("ccmp-e2e-{}-", self.name)).tempdir() {
            Ok(dir) => dir,
            Err(e) => panic!("journey {}: creating its temporary directory: {e}", self.name),
        };
        let app = match App::start(&self, dir.path().to_path_buf()).await {
            Ok(app) => app,
            Err(e) => panic!("journey {}: setting up: {e:#}", self.name),
        };

        // The body runs as its own task so that a panic in it (a failed assert!) is caught here and the
        // evidence still gets collected.
        let outcome = match tokio::spawn(body(app.clone())).await {
            Ok(Ok(())) => match app.check_consoles(&self.allowed_console_errors).await {
                Ok(()) => app.check_requests_name_their_object().await,
                failed => failed,
            },
            Ok(Err(e)) => Err(e),
            Err(join) => Err(anyhow::anyhow!("{}", panic_message(join))),
        };
        if let Err(e) = &outcome {
            let evidence = app.collect_evidence().await;
            app.close_pages().await;
            let kept = dir.keep();
            eprintln!(
                "journey {} failed: {e:#}\n\n{evidence}\nits server's files are kept in {}",
                self.name,
                kept.display()
            );
            // Fails the test without the panic hook's backtrace: the report above says what happened.
            std::panic::resume_unwind(Box::new(format!("journey {} failed", self.name)));
        }
        app.close_pages().await;
    }
}

fn panic_message(join: tokio::task::JoinError) -> String {
    match join.try_into_panic() {
        Ok(payload) => payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the journey panicked".into()),
        Err(e) => format!("the journey was cancelled: {e}"),
    }
}

/// What a journey's body gets: the running server and the browser sessions. Clones share them.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    name: String,
    dir: PathBuf,
    server: tokio::sync::Mutex<Server>,
    url: String,
    ccmp_url: String,
    moderator: Moderator,
    driver: ChromeDriver,
    dist: PathBuf,
    browser_args: Vec<String>,
    pages: Mutex<Vec<Page>>,
}

impl App {
    async fn start(journey: &Journey, dir: PathBuf) -> Result<App> {
        let dist = super::dist_dir()?;
        let binary = super::server_binary()?;
        let server = Server::start(binary, dist.clone(), dir.clone(), journey.server_args.clone()).await?;
        let driver = ChromeDriver::start(&dir.join("chromedriver.log")).await?;
        Ok(App {
            inner: Arc::new(Inner {
                name: journey.name.clone(),
                url: server.url(),
                ccmp_url: server.ccmp_url(),
                moderator: server.moderator(),
                server: tokio::sync::Mutex::new(server),
                driver,
                dist,
                browser_args: journey.browser_args.clone(),
                pages: Mutex::new(Vec::new()),
                dir,
            }),
        })
    }

    /// The panel's URL, `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// The CCMP endpoint's URL.
    pub fn ccmp_url(&self) -> &str {
        &self.inner.ccmp_url
    }

    /// The seeded moderator and the password this run gave it.
    pub fn moderator(&self) -> Moderator {
        self.inner.moderator.clone()
    }

    /// A new browser session (fresh profile: no saved connections) on the panel's start page.
    pub async fn open(&self) -> Result<Page> {
        self.open_at("").await
    }

    /// A new browser session on `path` of the panel (e.g. `conferences`, `?server=...`).
    pub async fn open_at(&self, path: &str) -> Result<Page> {
        let n = self.pages().len() + 1;
        let profile = self.inner.dir.join(format!("chromium-profile-{n}"));
        let name = format!("{}-{n}", self.inner.name);
        let page = self.inner.driver.session(&profile, name, &self.inner.browser_args).await?;
        self.inner.pages.lock().unwrap_or_else(|e| e.into_inner()).push(page.clone());
        page.goto(&format!("{}{}", self.url(), path.trim_start_matches('/'))).await?;
        Ok(page)
    }

    /// Sends a CCMP request straight to the server with the moderator's credentials (to set up a state
    /// or check what the panel did).
    pub async fn request(&self, request: ccmp::Request) -> Result<ccmp::Response> {
        self.inner.server.lock().await.request(request).await
    }

    /// POSTs raw XML to the CCMP endpoint: the HTTP status and body.
    pub async fn post(&self, xml: &str) -> Result<(http::StatusCode, String)> {
        self.inner.server.lock().await.post(xml).await
    }

    /// What the server has logged so far (one line per CCMP request, among others).
    pub async fn server_log(&self) -> String {
        let path = self.inner.server.lock().await.log_path();
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// Starts a second server, with its own fresh database (seeded as the first) and `args`; it stops
    /// when the returned value is dropped.
    pub async fn another_server(&self, args: &[&str]) -> Result<Server> {
        let dir = self.inner.dir.join(format!("another-server-{}", super::random_token()?));
        std::fs::create_dir_all(&dir)?;
        let args = args.iter().map(|a| a.to_string()).collect();
        Server::start(super::server_binary()?, self.inner.dist.clone(), dir, args).await
    }

    /// Kills the server (its database stays); the pages stay open.
    pub async fn stop_server(&self) -> Result<()> {
        self.inner.server.lock().await.stop().await
    }

    /// Starts the server again, same port and database.
    pub async fn restart_server(&self) -> Result<()> {
        self.inner.server.lock().await.restart().await
    }

    /// Starts the server again, same port and database, with the moderator's password changed to
    /// `password`. [`App::moderator`] still gives the first one; [`App::request`] uses the new one.
    pub async fn restart_server_with_password(&self, password: &str) -> Result<()> {
        self.inner.server.lock().await.restart_with_password(password).await
    }

    /// Starts the server again serving the panel from `dist` (a copy of the release panel the journey
    /// changed, in [`App::scratch_dir`]); `None` serves the release panel again.
    pub async fn restart_serving(&self, dist: Option<PathBuf>) -> Result<()> {
        let dist = dist.unwrap_or_else(|| self.inner.dist.clone());
        self.inner.server.lock().await.restart_serving(dist).await
    }

    /// The release panel's folder (read only: every journey serves it).
    pub fn dist(&self) -> &Path {
        &self.inner.dist
    }

    /// The journey's own folder, removed after it passes.
    pub fn scratch_dir(&self) -> &Path {
        &self.inner.dir
    }

    fn pages(&self) -> Vec<Page> {
        self.inner.pages.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    async fn check_consoles(&self, allowed: &[String]) -> Result<()> {
        let mut unexpected = Vec::new();
        for page in self.pages() {
            for error in page.console_errors().await? {
                if !allowed.iter().any(|a| error.contains(a.as_str())) {
                    unexpected.push(format!("{}: {error}", page.name));
                }
            }
        }
        if !unexpected.is_empty() {
            anyhow::bail!("the browser console logged errors:\n  {}", unexpected.join("\n  "));
        }
        Ok(())
    }

    /// Fails when the server was asked to act on an object of no name: never a moderator's request, always a
    /// page that read its address as it was left (a blueprint page read a blueprint of none as it gave way
    /// to the form it links to, and each time a 400 notification said so).
    async fn check_requests_name_their_object(&self) -> Result<()> {
        let log = self.server_log().await;
        let nameless: Vec<&str> = log
            .lines()
            .filter(|l| l.contains(" operation=\"retrieve\" target=\"\" ") && l.contains("code=400"))
            .collect();
        if !nameless.is_empty() {
            anyhow::bail!("the server was asked to read an object of no name:\n  {}", nameless.join("\n  "));
        }
        Ok(())
    }

    /// Screenshots, HTML and console of every page, and the server's log, as a report.
    async fn collect_evidence(&self) -> String {
        let mut report = String::new();
        let dir = super::screenshot_dir();
        for page in self.pages() {
            match page.save_artifacts(&dir).await.context("saving a screenshot") {
                Ok(png) => report += &format!("screenshot: {}\n", png.display()),
                Err(e) => report += &format!("{}: no screenshot: {e:#}\n", page.name),
            }
            match page.console().await {
                Ok(entries) if !entries.is_empty() => {
                    report += &format!("console of {}:\n", page.name);
                    for entry in entries {
                        report += &format!("  {} {}\n", entry.level, entry.message);
                    }
                }
                Ok(_) => report += &format!("console of {}: empty\n", page.name),
                Err(e) => report += &format!("console of {}: unreadable: {e:#}\n", page.name),
            }
        }
        let server = self.inner.server.lock().await;
        report += &format!("server log ({}), last lines:\n{}\n", server.log_path().display(), server.log_tail(40));
        report
    }

    async fn close_pages(&self) {
        let pages = std::mem::take(&mut *self.inner.pages.lock().unwrap_or_else(|e| e.into_inner()));
        for page in pages {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(10), page.close()).await;
        }
    }
}
