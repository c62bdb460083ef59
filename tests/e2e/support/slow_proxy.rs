//! A TCP proxy in front of the server that can hold back one answer: what a moderator on a bad network
//! meets when the answer to a change comes after the panel stopped waiting for it (30 s). The proxy
//! forwards everything, the panel's files too, so that the panel opened through it sends its requests
//! through it (same origin).
//!
//! The request goes through at once, so the server makes the change; only its answer is late.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::Result;

/// One answer to hold back: that of the next request whose bytes hold every mark.
struct Hold {
    marks: Vec<String>,
    delay: Duration,
}

type Armed = Arc<Mutex<Option<Hold>>>;

pub struct SlowProxy {
    port: u16,
    hold: Armed,
    task: JoinHandle<()>,
}

impl SlowProxy {
    /// Listens on a free port of 127.0.0.1 and forwards to `upstream_port` there.
    pub async fn start(upstream_port: u16) -> Result<SlowProxy> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.context("binding the slow proxy")?;
        let port = listener.local_addr()?.port();
        let hold: Armed = Arc::default();
        let armed = hold.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                // A connection the browser drops (it gave up waiting) ends its pipe with an error: nothing to do.
                tokio::spawn(pipe(client, upstream_port, armed.clone()));
            }
        });
        Ok(SlowProxy { port, hold, task })
    }

    /// `http://127.0.0.1:PORT/`: the panel, through the proxy.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The answer to the next request that holds every one of `marks` reaches the browser `delay` late
    /// (once).
    pub fn hold_next(&self, marks: &[&str], delay: Duration) {
        let marks = marks.iter().map(|m| m.to_string()).collect();
        *self.hold.lock().unwrap_or_else(|e| e.into_inner()) = Some(Hold { marks, delay });
    }

    /// Whether the hold still waits for its request.
    pub fn armed(&self) -> bool {
        self.hold.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }
}

impl Drop for SlowProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Forwards one connection both ways. The browser sends its requests on a connection one after the other,
/// so the answer after a held request is that request's.
async fn pipe(client: TcpStream, upstream_port: u16, hold: Armed) -> std::io::Result<()> {
    let server = TcpStream::connect(("127.0.0.1", upstream_port)).await?;
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    let late: Arc<Mutex<Option<Duration>>> = Arc::default();
    let up = {
        let late = late.clone();
        async move {
            let mut request = Vec::new();
            let mut buf = vec![0u8; 16 * 1024];
            loop {
                let n = from_client.read(&mut buf).await?;
                if n == 0 {
                    return to_server.shutdown().await;
                }
                let chunk = &buf[..n];
                // A new request starts a new record of what was sent.
                if chunk.starts_with(b"GET ") || chunk.starts_with(b"POST ") {
                    request.clear();
                }
                request.extend_from_slice(chunk);
                {
                    let mut armed = hold.lock().unwrap_or_else(|e| e.into_inner());
                    if armed.as_ref().is_some_and(|h| h.marks.iter().all(|m| contains(&request, m.as_bytes()))) {
                        *late.lock().unwrap_or_else(|e| e.into_inner()) = armed.take().map(|h| h.delay);
                    }
                }
                to_server.write_all(chunk).await?;
            }
        }
    };
    let down = async move {
        let mut buf = vec![0u8; 16 * 1024];
        loop {
            let n = from_server.read(&mut buf).await?;
            if n == 0 {
                return to_client.shutdown().await;
            }
            let delay = late.lock().unwrap_or_else(|e| e.into_inner()).take();
            if let Some(delay) = delay {
                tokio::time::sleep(delay).await;
            }
            to_client.write_all(&buf[..n]).await?;
        }
    };
    tokio::try_join!(up, down).map(|_| ())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
