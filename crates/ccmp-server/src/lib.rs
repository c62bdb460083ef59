//! The reference CCMP server: RFC 6503 over HTTP on an embedded SQLite store.
//!
//! - [`transport`]: the HTTP binding (`CCMP.md` section 7): header rules, body limit, decode, encode.
//! - [`handlers`]: one module per request kind, on top of [`rights`], [`merge`] and [`autogen`].
//! - [`store`]: SQLite (WAL, `synchronous=FULL`) with every current document kept in memory.
//! - [`seed`]: blueprints, the moderator and example conferences on first start.
//! - [`web`]: the router: CCMP endpoint, static hosting of the panel, CORS; `base_path` serves it all under a path.
//!
//! `main.rs` only parses flags and calls [`run`]; tests call [`start`] on port 0.

pub mod auth;
pub mod autogen;
mod base_path;
pub mod conference;
mod config;
pub mod failure;
pub mod guesses;
pub mod handlers;
pub mod identity;
pub mod limits;
pub mod merge;
pub mod rights;
pub mod seed;
pub mod state;
pub mod store;
pub mod transport;
pub mod web;
pub mod xpath;

use std::net::SocketAddr;

pub use config::Config;
pub use state::AppState;
pub use web::app;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] store::OpenError),
    /// Writing the moderator's account (every start) or the first data (a new database) failed; the store
    /// logged the cause just before (QA: "seeding the database: Server Internal Error" read as a bug).
    #[error(
        "cannot write the moderator's account to the database ({0}): the cause is in the error logged just above          (a read-only file or directory, a full disk?)"
    )]
    Seed(String),
    #[error("cannot listen on {0}: {1}")]
    Listen(SocketAddr, std::io::Error),
    #[error("--static {0}: {1}")]
    Static(String, &'static str),
    #[error(
        "--cors-origin {0:?}: not an origin such as https://panel.example.org or http://127.0.0.1:8081 \
         (a scheme, a host and maybe a port: no path)"
    )]
    Cors(String),
    #[error("--path {0:?}: must start with / and not be /")]
    Path(String),
    #[error("--base-path {0:?}: {1}")]
    BasePath(String, &'static str),
    #[error("cannot write to standard output: {0}{hint}", hint = banner_hint(*.1))]
    Banner(std::io::Error, bool),
}

/// What a banner that could not be written leaves the admin to do: a generated password was lost with it.
fn banner_hint(generated: bool) -> &'static str {
    if generated {
        "; the moderator password generated for this new database could not be shown, and is not kept: the \
         next start makes up another and shows it, or give one with --moderator-password (or \
         CCMP_MODERATOR_PASSWORD)"
    } else {
        ""
    }
}

/// A server started by [`start`], serving in the background until [`Running::stop`] or drop.
pub struct Running {
    /// The address it listens on (the real port when asked for port 0).
    pub addr: SocketAddr,
    /// What to print on start: the moderator's identity and, when generated, its password.
    pub banner: seed::Banner,
    pub state: AppState,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Running {
    /// The CCMP endpoint's URL.
    pub fn url(&self) -> String {
        format!("http://{}{}{}", self.addr, self.state.config.base(), self.state.config.path)
    }

    /// Stops accepting, finishes the requests in flight, and returns.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds the listener, opens the store (migrating and, on first start, seeding it) and serves in the
/// background. The listener first: a first start that seeded the store, then found its port taken, left a
/// generated moderator password stored and never shown, and nobody could sign in (QA).
pub async fn start(config: Config) -> Result<Running, StartError> {
    web::check(&config)?;
    let addr = SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| StartError::Listen(addr, e))?;
    let addr = listener.local_addr().map_err(|e| StartError::Listen(addr, e))?;
    let (state, banner) = seed::prepare(config).await?;
    let (shutdown, signal) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, state.clone(), async {
        let _ = signal.await;
    }));
    Ok(Running { addr, banner, state, shutdown: Some(shutdown), task: Some(task) })
}

/// Serves `state`'s application on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
///
/// The connections are served here rather than by `axum::serve`, which sets no time limit on reading a
/// request: a client that sent half its headers held its connection open for good, and a SIGTERM waited
/// for it (QA). Headers must come within [`HEADER_READ`]; the body is read, within its time and size, in
/// `transport::http_rules`.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let app = app(state);
    // HTTP/1.1, as axum served it: CCMP clients post one message at a time.
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(HEADER_READ);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, most likely: the connections in flight free some.
                    tracing::error!(target: "ccmp", error = %e, "cannot accept a connection");
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = shutdown.as_mut() => break,
        };
        // CCMP is request/response: answers go out at once rather than waiting on Nagle's algorithm.
        let _ = tcp.set_nodelay(true);
        // With the peer's address, which the request log names.
        let service = app.clone().map_request(move |mut request: axum::http::Request<hyper::body::Incoming>| {
            request.extensions_mut().insert(axum::extract::ConnectInfo(peer));
            request.map(axum::body::Body::new)
        });
        let service = hyper_util::service::TowerToHyperService::new(service);
        let connection = builder.serve_connection(TokioIo::new(tcp), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(target: "ccmp", error = %e, "connection ended");
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// How long a client has to send all of a request's body (`transport::http_rules`): a megabyte at the
/// slowest link a moderator would use.
pub const BODY_READ: std::time::Duration = std::time::Duration::from_secs(30);

/// How long a client has to send a request's headers, and how long a kept-alive connection waits for the
/// next request: longer than the panel's 10 s between reads, which found the connection closed as it sent
/// (QA re-test).
pub const HEADER_READ: std::time::Duration = std::time::Duration::from_secs(20);

/// Starts the server, prints where it listens and who the moderator is, and serves until Ctrl-C or
/// SIGTERM.
pub async fn run(config: Config) -> Result<(), StartError> {
    let running = start(config).await?;
    let generated = matches!(running.banner.password, seed::Password::Generated(_));
    let said = if generated && stdout_closed() {
        // Rust takes a write to a closed standard output for done: the password would go nowhere, unsaid.
        Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "it is closed"))
    } else {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        out.write_all(banner(&running).as_bytes()).and_then(|()| out.flush())
    };
    // Written nowhere, a generated password would be lost for good: it is taken back, and the next start
    // makes up another and shows it (QA re-test: that start said the stored one was "unchanged").
    if let Err(e) = said {
        // Stopped first: without its hash, the moderator's account must not answer a request meanwhile.
        let (state, moderator) = (running.state.clone(), running.banner.moderator_id.clone());
        running.stop().await;
        if generated {
            seed::forget_unshown(&state, &moderator).await;
        }
        return Err(StartError::Banner(e, generated));
    }
    stopped().await;
    tracing::info!(target: "ccmp", "stopping: finishing the requests in flight (at most {} s)", STOP_GRACE.as_secs());
    if tokio::time::timeout(STOP_GRACE, running.stop()).await.is_err() {
        tracing::warn!(target: "ccmp", "stopped with requests still unfinished");
    } else {
        tracing::info!(target: "ccmp", "stopped");
    }
    Ok(())
}

/// Whether standard output is closed (`>&-`), where Linux says.
fn stdout_closed() -> bool {
    cfg!(target_os = "linux") && std::fs::metadata("/proc/self/fd/1").is_err()
}

/// How long a stop waits for the requests in flight: a client that sends its request slowly, or never
/// finishes it, must not hold a restart (QA: SIGTERM waited as long as such a client did).
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// What the server says on start: where it listens, the panel, who the moderator is and their password's
/// source (the password itself only when the server made it up).
fn banner(running: &Running) -> String {
    use std::fmt::Write;
    let config = &running.state.config;
    let mut out = String::new();
    let _ = writeln!(out, "ccmp-server listening on {}", running.url());
    if config.static_dir.is_some() {
        let _ = writeln!(out, "panel: http://{}{}/", running.addr, config.base());
        // The panel's default server is /ccmp under the path it is served from.
        if config.path.trim_end_matches('/') != "/ccmp" {
            let _ = writeln!(
                out,
                "note: the panel connects to {}/ccmp unless told otherwise: set \"server\": \"{}{}\" in its config.json",
                config.base(),
                config.base(),
                config.path
            );
        }
    }
    for origin in &config.cors_origins {
        let _ = writeln!(
            out,
            "panels on {} may call this server (CORS)",
            web::normalize_origin(origin).unwrap_or_default()
        );
    }
    let _ =
        writeln!(out, "moderator: confUserID {}  username {}", running.banner.moderator_id, running.banner.username);
    let _ = match &running.banner.password {
        seed::Password::Generated(password) => {
            writeln!(out, "moderator password (generated, shown only now): {password}")
        }
        seed::Password::Given => writeln!(out, "moderator password: the one given (it replaces any stored before)"),
        seed::Password::Stored => writeln!(out, "moderator password: unchanged (as stored in the database)"),
    };
    if !config.require_credentials {
        let _ = writeln!(out, "credentials are not required: a request's confUserID names its sender");
    }
    out
}

/// Ctrl-C or SIGTERM: both end the server after the requests in flight.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Logs to stderr, one line per event; `RUST_LOG` filters (default: info).
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    use std::io::IsTerminal;
    let ansi = std::io::stderr().is_terminal();
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr).try_init();
}
