//! chromedriver and the browser sessions it drives: headless Debian Chromium, a fresh profile each.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tokio::process::{Child, Command};

use super::Result;

/// Flags from spec/TOOLCHAIN.md: without the background-networking ones Chromium keeps trying hosts this
/// machine cannot reach.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
];

/// A chromedriver on a free port of 127.0.0.1; killed when dropped.
pub struct ChromeDriver {
    url: String,
    _child: Child,
}

impl ChromeDriver {
    pub async fn start(log: &Path) -> Result<ChromeDriver> {
        let binary = super::chromedriver_binary();
        // A port another process grabs between our check and chromedriver's bind: try again.
        let mut last_error = None;
        for _ in 0..3 {
            let port = super::free_port()?;
            let log_file = std::fs::File::create(log)?;
            let mut child = Command::new(&binary)
                .arg(format!("--port={port}"))
                // Chromium runs in a time zone other than UTC (UTC+05:30, without daylight saving), as most
                // moderators do: a panel that showed UTC as the time of day, or read a local time as UTC,
                // shows it (see `panel::local_clock`).
                .env("TZ", "Asia/Kolkata")
                .stdin(Stdio::null())
                .stdout(Stdio::from(log_file.try_clone()?))
                .stderr(Stdio::from(log_file))
                .kill_on_drop(true)
                .spawn()
                .with_context(|| format!("starting {} (apt-get install chromium-driver)", binary.display()))?;
            let deadline = Instant::now() + Duration::from_secs(20);
            loop {
                if let Some(status) = child.try_wait()? {
                    last_error = Some(anyhow::anyhow!("chromedriver exited ({status}): {}", read(log)));
                    break;
                }
                if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    return Ok(ChromeDriver { url: format!("http://127.0.0.1:{port}"), _child: child });
                }
                if Instant::now() > deadline {
                    bail!("chromedriver did not listen on port {port} within 20 s: {}", read(log));
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        Err(last_error.unwrap_or_else(|| anyhow::anyhow!("chromedriver did not start")))
    }

    /// A new browser session with its own fresh profile in `profile`, and Chromium's `extra` flags.
    pub async fn session(&self, profile: &Path, name: String, extra: &[String]) -> Result<Page> {
        let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|s| s.to_string()).chain(extra.iter().cloned()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        capabilities.insert("goog:chromeOptions".into(), json!({ "binary": super::chromium_binary(), "args": args }));
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .with_context(|| format!("opening a Chromium session through chromedriver at {}", self.url))?;
        Ok(Page { client, name, console: Arc::new(Mutex::new(Vec::new())) })
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// One entry of the browser's console log (console calls, uncaught exceptions, failed loads).
#[derive(Debug, Clone)]
pub struct ConsoleEntry {
    /// `SEVERE`, `WARNING`, `INFO`, `DEBUG`.
    pub level: String,
    pub message: String,
}

/// A browser tab on the panel. Clones share the session.
#[derive(Clone)]
pub struct Page {
    pub(super) client: Client,
    /// For screenshot file names: `<journey>-<n>`.
    pub(super) name: String,
    /// Everything the console said so far (chromedriver hands each entry out only once).
    console: Arc<Mutex<Vec<ConsoleEntry>>>,
}

impl Page {
    /// The underlying fantoccini client, for anything the helpers don't cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Navigates to `url`.
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.client.goto(url).await.with_context(|| format!("navigating to {url}"))
    }

    /// Goes to `path` within the panel, as a link followed there does (no reload: a password not
    /// remembered is not asked again).
    pub async fn follow(&self, path: &str) -> Result<()> {
        let script = "history.pushState(null, '', arguments[0]); dispatchEvent(new PopStateEvent('popstate'))";
        self.client
            .execute(script, vec![serde_json::json!(path)])
            .await
            .with_context(|| format!("following {path}"))?;
        Ok(())
    }

    /// The page's visible text.
    pub async fn text(&self) -> Result<String> {
        let text = self.client.execute("return document.body ? document.body.innerText : ''", vec![]).await?;
        Ok(text.as_str().unwrap_or_default().to_string())
    }

    /// The current URL.
    pub async fn url(&self) -> Result<String> {
        Ok(self.client.current_url().await?.to_string())
    }

    /// Every console entry so far.
    pub async fn console(&self) -> Result<Vec<ConsoleEntry>> {
        let fresh = self.client.issue_cmd(BrowserLog).await.context("reading the browser's console log")?;
        let entries = fresh.get("value").unwrap_or(&fresh).as_array().cloned().unwrap_or_default();
        let mut console = self.console.lock().unwrap_or_else(|e| e.into_inner());
        console.extend(entries.iter().map(|e| ConsoleEntry {
            level: e["level"].as_str().unwrap_or_default().to_string(),
            message: e["message"].as_str().unwrap_or_default().to_string(),
        }));
        Ok(console.clone())
    }

    /// The console's errors so far: `console.error`, uncaught exceptions, wasm panics (the panel's panic
    /// hook logs them), failed loads.
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        Ok(self.console().await?.into_iter().filter(|e| e.level == "SEVERE").map(|e| e.message).collect())
    }

    /// What axe-core finds wrong with the page as it stands: one line per broken rule, with its impact and
    /// the first elements that break it. Empty when the page passes.
    pub async fn accessibility_violations(&self) -> Result<Vec<String>> {
        let axe = std::fs::read_to_string(super::axe_script()?).context("reading axe-core's script")?;
        // The script defines `window.axe`; once per document is enough.
        self.client.execute(&format!("if (!window.axe) {{ {axe} }}"), vec![]).await.context("loading axe-core")?;
        let run = "const done = arguments[arguments.length - 1]; \
                   axe.run(document, { resultTypes: ['violations'] }).then( \
                     r => done(r.violations.map(v => `${v.impact} ${v.id}: ${v.help} (` \
                       + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')), \
                     e => done(['axe-core failed: ' + e]))";
        let found = self.client.execute_async(run, vec![]).await.context("running axe-core")?;
        Ok(found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect())
    }

    /// The strings of the array `script` returns (what is not a string is left out).
    pub async fn strings(&self, script: &str) -> Result<Vec<String>> {
        let found = self.client.execute(script, vec![]).await?;
        Ok(found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect())
    }

    /// The placeholders of the empty fields on screen that their field cuts short. A placeholder often
    /// says what a field takes ("Filter by name, subject, URI or person"); cut, it hides that.
    pub async fn cut_placeholders(&self) -> Result<Vec<String>> {
        let script = "const c = document.createElement('canvas').getContext('2d'); \
                      return [...document.querySelectorAll('input[placeholder], textarea[placeholder]')] \
                        .filter(e => e.offsetParent !== null && e.value === '') \
                        .filter(e => { const s = getComputedStyle(e); c.font = s.font; \
                          const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight); \
                          return c.measureText(e.placeholder).width > room + 0.5; }) \
                        .map(e => e.placeholder);";
        self.strings(script).await
    }

    /// Saves a PNG screenshot and the page's HTML beside it; returns the PNG's path.
    pub async fn save_artifacts(&self, dir: &Path) -> Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let png = dir.join(format!("{}.png", self.name));
        std::fs::write(&png, self.client.screenshot().await?)?;
        if let Ok(html) = self.client.source().await {
            std::fs::write(dir.join(format!("{}.html", self.name)), html)?;
        }
        Ok(png)
    }

    /// Ends the browser session.
    pub async fn close(self) -> Result<()> {
        self.client.close().await.context("closing the browser session")
    }
}

/// chromedriver's log endpoint (not in the W3C protocol, so not in fantoccini): POST
/// `/session/{id}/se/log` with `{"type": "browser"}` returns the entries since the last call.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_string()))
    }
}
