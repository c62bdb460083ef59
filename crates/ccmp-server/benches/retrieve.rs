//! Throughput and latency of confsRequest and confRequest retrieve on loopback at 1, 16 and 64
//! concurrent connections, beside a trivial axum handler measured in the same run.
//!
//! `cargo bench -p ccmp-server --bench retrieve` prints a markdown table on stdout (progress on stderr).
//! The server runs in this process on its own two-worker runtime, with its per-request log formatted
//! (into a sink) as in production; the load comes from keep-alive HTTP/1.1 connections driven by a
//! second runtime. `CCMP_BENCH_SECONDS` sets the measured time per case (default 3).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::routing::post;
use ccmp::{Request, XconUserId};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;

const PASSWORD: &str = "bench-password";
const CONNECTIONS: [usize; 3] = [1, 16, 64];

struct Case {
    name: &'static str,
    addr: SocketAddr,
    path: &'static str,
    body: Bytes,
}

struct Figures {
    requests_per_second: f64,
    p50: Duration,
    p99: Duration,
    errors: usize,
}

fn main() {
    let seconds: f64 = std::env::var("CCMP_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3.0);
    let _ = tracing_subscriber::fmt().with_writer(std::io::sink).with_ansi(false).try_init();
    let server_rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let client_rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();

    let dir = std::env::temp_dir().join(format!("ccmp-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut config = ccmp_server::Config::defaults();
    config.port = 0;
    config.db = dir.join("ccmp.sqlite");
    config.moderator_password = Some(PASSWORD.into());
    let (ccmp_addr, trivial_addr) = server_rt.block_on(async {
        let running = ccmp_server::start(config).await.expect("the server starts");
        let addr = running.addr;
        std::mem::forget(running);
        let trivial = axum::Router::new().route("/", post(|body: Bytes| async move { body.len().to_string() }));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let trivial_addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, trivial).await });
        (addr, trivial_addr)
    });

    let moderator: XconUserId = "xcon-userid:moderator@example.com".parse().unwrap();
    let confs = Request::confs(&moderator).with_credentials("moderator", PASSWORD).to_xml();
    let conf = Request::conf_retrieve(&moderator, "xcon:weekly-sync@example.com")
        .with_credentials("moderator", PASSWORD)
        .to_xml();
    let cases = [
        Case { name: "trivial axum handler", addr: trivial_addr, path: "/", body: Bytes::from(conf.clone()) },
        Case { name: "confsRequest", addr: ccmp_addr, path: "/ccmp", body: Bytes::from(confs) },
        Case { name: "confRequest retrieve", addr: ccmp_addr, path: "/ccmp", body: Bytes::from(conf) },
    ];

    println!("| request | connections | requests/s | p50 | p99 | throughput vs trivial handler |");
    println!("|---|---:|---:|---:|---:|---:|");
    for connections in CONNECTIONS {
        let mut baseline = None;
        for case in &cases {
            eprintln!("{} with {connections} connections...", case.name);
            // A short warm-up (connections, the credential cache, the allocator) before measuring.
            client_rt.block_on(load(case, connections, Duration::from_millis(300)));
            let f = client_rt.block_on(load(case, connections, Duration::from_secs_f64(seconds)));
            assert_eq!(f.errors, 0, "{}: {} requests failed", case.name, f.errors);
            let ratio = match baseline {
                None => {
                    baseline = Some(f.requests_per_second);
                    "1.00".to_owned()
                }
                Some(b) => format!("{:.2}", f.requests_per_second / b),
            };
            println!(
                "| {} | {connections} | {:.0} | {:.2} ms | {:.2} ms | {ratio} |",
                case.name,
                f.requests_per_second,
                f.p50.as_secs_f64() * 1e3,
                f.p99.as_secs_f64() * 1e3
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Drives `connections` keep-alive connections, each sending the case's request as soon as the previous
/// answer is read, for `length`.
async fn load(case: &Case, connections: usize, length: Duration) -> Figures {
    let until = Instant::now() + length;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (addr, path, body) = (case.addr, case.path, case.body.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies: Vec<u32> = Vec::with_capacity(65_536);
            let mut errors = 0;
            let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
            stream.set_nodelay(true).unwrap();
            let (mut sender, conn) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream)).await.expect("handshake");
            tokio::spawn(conn);
            while Instant::now() < until {
                let request = hyper::Request::post(path)
                    .header("host", addr.to_string())
                    .header("content-type", "application/ccmp+xml")
                    .body(Full::new(body.clone()))
                    .unwrap();
                let sent = Instant::now();
                match sender.send_request(request).await {
                    Ok(response) => {
                        let ok = response.status() == 200;
                        let read = response.into_body().collect().await;
                        if !ok || read.is_err() {
                            errors += 1;
                        }
                        latencies.push(sent.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                    }
                    Err(_) => {
                        errors += 1;
                        break;
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Vec::new();
    let mut errors = 0;
    for task in tasks {
        let (latencies, e) = task.await.unwrap();
        all.extend(latencies);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_unstable();
    let pick = |q: f64| {
        Duration::from_micros(u64::from(all.get(((all.len() as f64 - 1.0) * q) as usize).copied().unwrap_or(0)))
    };
    Figures { requests_per_second: all.len() as f64 / elapsed, p50: pick(0.50), p99: pick(0.99), errors }
}
