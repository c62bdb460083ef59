//! A TCP proxy in front of the server that can spoil one answer, for what a moderator meets on a bad network
//! or with a server not quite like ours: an answer held back until after the panel stopped waiting for it
//! (30 s), or an answer made in the server's place (an HTTP 404 to optionsRequest alone). The proxy forwards
//! everything else, the panel's files too, so that the panel opened through it sends its requests through it
//! (same origin).
//!
//! The request always goes through, so the server makes the change; only its answer is late or replaced.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::Result;

/// What becomes of the answer to the next request whose bytes hold every mark.
#[derive(Clone)]
enum Spoil {
    /// It reaches the browser this late.
    Late(Duration),
    /// The browser gets these bytes (a whole HTTP response) instead.
    Replaced(Vec<u8>),
}

struct Armed {
    marks: Vec<String>,
    spoil: Spoil,
    /// Spoils every request that matches until [`Proxy::disarm`], not only the next.
    every: bool,
}

type Slot = Arc<Mutex<Option<Armed>>>;

pub struct Proxy {
    port: u16,
    armed: Slot,
    task: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free port of 127.0.0.1 and forwards to `upstream_port` there.
    pub async fn start(upstream_port: u16) -> Result<Proxy> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.context("binding the proxy")?;
        let port = listener.local_addr()?.port();
        let armed: Slot = Arc::default();
        let slot = armed.clone();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                // A connection the browser drops (it gave up waiting) ends its pipe with an error: nothing to do.
                tokio::spawn(pipe(client, upstream_port, slot.clone()));
            }
        });
        Ok(Proxy { port, armed, task })
    }

    /// `http://127.0.0.1:PORT/`: the panel, through the proxy.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// The answer to the next request that holds every one of `marks` reaches the browser `delay` late
    /// (once).
    pub fn hold_next(&self, marks: &[&str], delay: Duration) {
        self.arm(marks, Spoil::Late(delay), false);
    }

    /// The answer to every request that holds every one of `marks` reaches the browser `delay` late, until
    /// [`Proxy::disarm`]: a server far away.
    pub fn delay_every(&self, marks: &[&str], delay: Duration) {
        self.arm(marks, Spoil::Late(delay), true);
    }

    /// The browser gets `response` (a whole HTTP/1.1 response) as the answer to the next request that holds
    /// every one of `marks` (once); the server's own answer is dropped.
    pub fn replace_next(&self, marks: &[&str], response: &str) {
        self.arm(marks, Spoil::Replaced(response.as_bytes().to_vec()), false);
    }

    /// As [`Proxy::replace_next`], for every request that holds the marks until [`Proxy::disarm`]: a page's own
    /// reads in the background cannot take the one spoiled answer meant for the request a journey looks at.
    pub fn replace_every(&self, marks: &[&str], response: &str) {
        self.arm(marks, Spoil::Replaced(response.as_bytes().to_vec()), true);
    }

    /// Forwards everything again.
    pub fn disarm(&self) {
        *self.armed.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Whether the armed spoiling still waits for its request.
    pub fn armed(&self) -> bool {
        self.armed.lock().unwrap_or_else(|e| e.into_inner()).is_some()
    }

    fn arm(&self, marks: &[&str], spoil: Spoil, every: bool) {
        let marks = marks.iter().map(|m| m.to_string()).collect();
        *self.armed.lock().unwrap_or_else(|e| e.into_inner()) = Some(Armed { marks, spoil, every });
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Forwards one connection both ways. The browser sends its requests on a connection one after the other,
/// so the answer after a marked request is that request's.
async fn pipe(client: TcpStream, upstream_port: u16, armed: Slot) -> std::io::Result<()> {
    let server = TcpStream::connect(("127.0.0.1", upstream_port)).await?;
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    let spoiled: Arc<Mutex<Option<Spoil>>> = Arc::default();
    let up = {
        let spoiled = spoiled.clone();
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
                    let mut armed = armed.lock().unwrap_or_else(|e| e.into_inner());
                    if armed.as_ref().is_some_and(|a| a.marks.iter().all(|m| contains(&request, m.as_bytes()))) {
                        let spoil = match armed.as_ref() {
                            Some(a) if a.every => Some(a.spoil.clone()),
                            _ => armed.take().map(|a| a.spoil),
                        };
                        *spoiled.lock().unwrap_or_else(|e| e.into_inner()) = spoil;
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
            let spoil = spoiled.lock().unwrap_or_else(|e| e.into_inner()).take();
            match spoil {
                None => to_client.write_all(&buf[..n]).await?,
                Some(Spoil::Late(delay)) => {
                    tokio::time::sleep(delay).await;
                    to_client.write_all(&buf[..n]).await?;
                }
                Some(Spoil::Replaced(response)) => {
                    // The rest of the server's answer is read and dropped, so that the next one on this
                    // connection is forwarded whole.
                    let rest = drop_rest_of_response(&buf[..n], &mut from_server).await?;
                    to_client.write_all(&response).await?;
                    to_client.write_all(&rest).await?;
                }
            }
        }
    };
    tokio::try_join!(up, down).map(|_| ())
}

/// Reads the rest of the HTTP response that `start` begins (its head and a Content-Length body: the server
/// answers CCMP so), and returns whatever came after it.
async fn drop_rest_of_response(start: &[u8], from: &mut (impl AsyncRead + Unpin)) -> std::io::Result<Vec<u8>> {
    let malformed = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut got = start.to_vec();
    let mut buf = vec![0u8; 16 * 1024];
    let head_end = loop {
        if let Some(at) = got.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = from.read(&mut buf).await?;
        if n == 0 {
            return Err(malformed("the server's answer ended in its head"));
        }
        got.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&got[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| malformed("the server's answer has no Content-Length"))?;
    while got.len() < head_end + length {
        let n = from.read(&mut buf).await?;
        if n == 0 {
            return Err(malformed("the server's answer ended in its body"));
        }
        got.extend_from_slice(&buf[..n]);
    }
    Ok(got.split_off(head_end + length))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
