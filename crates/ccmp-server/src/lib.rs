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
    #[error("seeding the database: {0}")]
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

/// Opens the store (migrating and, on first start, seeding it), binds the listener and serves in the
/// background.
pub async fn start(config: Config) -> Result<Running, StartError> {
    web::check(&config)?;
    let (state, banner) = seed::prepare(config).await?;
    let addr = SocketAddr::new(state.config.bind, state.config.port);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| StartError::Listen(addr, e))?;
    let addr = listener.local_addr().map_err(|e| StartError::Listen(addr, e))?;
    let (shutdown, signal) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, state.clone(), async {
        let _ = signal.await;
    }));
    Ok(Running { addr, banner, state, shutdown: Some(shutdown), task: Some(task) })
}

/// Serves `state`'s application on `listener` until `shutdown` completes, then finishes the requests in
/// flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    // CCMP is request/response: answers go out at once rather than waiting on Nagle's algorithm.
    let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
        let _ = tcp.set_nodelay(true);
    });
    // With the peer's address, which the request log names.
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown).await {
        tracing::error!(target: "ccmp", error = %e, "server stopped");
    }
}

/// Starts the server, prints where it listens and who the moderator is, and serves until Ctrl-C or
/// SIGTERM.
pub async fn run(config: Config) -> Result<(), StartError> {
    let running = start(config).await?;
    println!("ccmp-server listening on {}", running.url());
    let config = &running.state.config;
    if config.static_dir.is_some() {
        println!("panel: http://{}{}/", running.addr, config.base());
        // The panel's default server is /ccmp under the path it is served from.
        if config.path.trim_end_matches('/') != "/ccmp" {
            println!(
                "note: the panel connects to {}/ccmp unless told otherwise: set \"server\": \"{}{}\" in its config.json",
                config.base(),
                config.base(),
                config.path
            );
        }
    }
    for origin in &config.cors_origins {
        println!("panels on {} may call this server (CORS)", web::normalize_origin(origin).unwrap_or_default());
    }
    println!("moderator: confUserID {}  username {}", running.banner.moderator_id, running.banner.username);
    if let Some(password) = &running.banner.generated_password {
        println!("moderator password (generated, shown only now): {password}");
    }
    if !running.state.config.require_credentials {
        println!("credentials are not required: a request's confUserID names its sender");
    }
    stopped().await;
    running.stop().await;
    Ok(())
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
