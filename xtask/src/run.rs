//! `cargo xtask run`: the panel's release build served by `ccmp-server`, until Ctrl-C.

use std::net::{TcpStream, ToSocketAddrs};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command};
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::bundle::Bundle;
use crate::project::Project;
use crate::toolchain::Toolchain;
use crate::{sh, trunk};

#[derive(clap::Args)]
pub struct Args {
    /// The port to listen on (passed to the server as --port).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Further ccmp-server flags, passed through as given (for example `--domain example.org`).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, value_name = "SERVER FLAGS")]
    server_args: Vec<String>,
}

/// The server's pid for the signal handler (0 until it runs) and how many stop signals arrived.
static SERVER_PID: AtomicI32 = AtomicI32::new(0);
static STOP_SIGNALS: AtomicUsize = AtomicUsize::new(0);

pub fn run(project: &Project, args: Args) -> Result<()> {
    let toolchain = Toolchain::locate(project);
    toolchain.ensure()?;
    let dist = project.root.join("dist");
    trunk::build_release(&toolchain, &dist)?;
    let bundle = Bundle::measure(&dist)?;
    sh::run(toolchain.cargo().args(["build", "--release", "-p", "ccmp-server"]))?;

    let bind = flag(&args.server_args, "--bind").unwrap_or_else(|| "127.0.0.1".into());
    let domain = flag(&args.server_args, "--domain").unwrap_or_else(|| "example.com".into());
    let given = given_password(&args.server_args, std::env::var("CCMP_MODERATOR_PASSWORD").ok().as_deref());
    let fresh = match given {
        Some(_) => None,
        None => Some(fresh_password().context("generating the moderator password")?),
    };

    // The connect view starts from config.json: preset the seeded moderator, so that only the password
    // printed below is left to type.
    // Under `--base-path` the endpoint is under it too (QA: the preset named `/ccmp`, outside the path, and
    // Connect met a 404).
    let base = flag(&args.server_args, "--base-path").unwrap_or_default();
    let path = flag(&args.server_args, "--path").unwrap_or_else(|| "/ccmp".into());
    let (ccmp_path, panel_path) = (under(&base, &path), under(&base, ""));
    let preset = serde_json::json!({
        "server": ccmp_path,
        "confUserID": format!("xcon-userid:moderator@{domain}"),
        "username": "moderator",
    });
    std::fs::write(dist.join("config.json"), format!("{preset:#}\n")).context("writing dist/config.json")?;

    std::fs::create_dir_all(project.root.join("data")).context("creating data/")?;
    let mut server = Command::new(project.server_binary(true));
    server
        .current_dir(&project.root) // the database defaults to ./data/ccmp.sqlite
        .arg("--port")
        .arg(args.port.to_string())
        .arg("--static")
        .arg(&dist)
        .args(&args.server_args)
        // Our own process group: Ctrl-C reaches only the xtask, which forwards it once (below).
        .process_group(0);
    if let Some(password) = &fresh {
        server.env("CCMP_MODERATOR_PASSWORD", password);
    }
    ctrlc::set_handler(forward_stop).context("installing the Ctrl-C handler")?;
    eprintln!("$ {}", sh::display(&server));
    let mut child = server.spawn().context("could not start ccmp-server")?;
    SERVER_PID.store(child.id() as i32, Ordering::SeqCst);

    let host = match bind.as_str() {
        "0.0.0.0" => "127.0.0.1".to_string(),
        "::" | "[::]" => "[::1]".to_string(),
        other if other.contains(':') && !other.starts_with('[') => format!("[{other}]"),
        other => other.to_string(),
    };
    wait_until_listening(&mut child, &host, args.port)?;
    // The panel is under the base path when there is one (QA: the line named the root, a 404).
    let url = format!("http://{host}:{}{panel_path}", args.port);
    println!();
    println!("CCMP moderator panel  {url}");
    println!("CCMP endpoint         http://{host}:{}{ccmp_path}", args.port);
    println!("moderator confUserID  xcon-userid:moderator@{domain}");
    println!("username              moderator");
    // A password given is not printed again (it would end up in terminal logs); a new one must be.
    match (&fresh, given) {
        (Some(password), _) => println!(
            "password              {password}   (new at every run: set CCMP_MODERATOR_PASSWORD to keep one across runs)"
        ),
        (None, origin) => println!("password              {}", origin.unwrap_or_default()),
    }
    println!();
    println!("{}", bundle.table());
    println!();
    println!("Press Ctrl-C to stop.");

    let status = child.wait().context("waiting for ccmp-server")?;
    if STOP_SIGNALS.load(Ordering::SeqCst) > 0 {
        eprintln!("ccmp-server stopped");
        return Ok(());
    }
    if !status.success() {
        bail!("ccmp-server exited unexpectedly ({status})");
    }
    Ok(())
}

/// Where the moderator's password comes from when one is given: the flag, else the server's own variable
/// (`env`), which a restart during an event must keep (QA: a new password at each run locked the panel out,
/// the variable set). `None`: none given, and `cargo xtask run` makes one.
fn given_password(server_args: &[String], env: Option<&str>) -> Option<&'static str> {
    if flag(server_args, "--moderator-password").is_some() {
        return Some("as given with --moderator-password");
    }
    env.is_some_and(|p| !p.is_empty()).then_some("from CCMP_MODERATOR_PASSWORD")
}

/// First Ctrl-C (or SIGTERM): ask the server to shut down gracefully; a second one kills it.
fn forward_stop() {
    let earlier = STOP_SIGNALS.fetch_add(1, Ordering::SeqCst);
    let pid = SERVER_PID.load(Ordering::SeqCst);
    let signal = if earlier == 0 { libc::SIGINT } else { libc::SIGKILL };
    if pid > 0 {
        // SAFETY: kill has no memory-safety preconditions; pid is our own child.
        unsafe { libc::kill(pid, signal) };
    } else {
        // Stopped while the server was being spawned: nothing to forward to.
        std::process::exit(130);
    }
}

fn wait_until_listening(child: &mut Child, host: &str, port: u16) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let addrs: Vec<_> = (host, port).to_socket_addrs().with_context(|| format!("resolving {host}"))?.collect();
    loop {
        if let Some(status) = child.try_wait()? {
            bail!(
                "ccmp-server exited ({status}) before it listened on {host}:{port}: its messages above say why \
                 (for a port in use, \"cannot listen on\": then try --port)"
            );
        }
        if addrs.iter().any(|a| TcpStream::connect_timeout(a, Duration::from_millis(200)).is_ok()) {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("ccmp-server did not listen on {host}:{port} within 60 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The value of `--name VALUE` or `--name=VALUE` among the pass-through flags (the last one wins).
/// A path on this site under the base path `base` (`/tools/ccmp/` and `/ccmp` are `/tools/ccmp/ccmp`; the
/// panel itself is at `/tools/ccmp/`), each given with or without its slashes, as the server takes them.
fn under(base: &str, path: &str) -> String {
    let base = base.trim_matches('/');
    let path = path.trim_start_matches('/');
    if base.is_empty() {
        format!("/{path}")
    } else {
        format!("/{base}/{path}")
    }
}

fn flag(args: &[String], name: &str) -> Option<String> {
    let mut found = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == name {
            found = iter.next().cloned();
        } else if let Some(value) = arg.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
            found = Some(value.to_string());
        }
    }
    found
}

/// 20 characters from an unambiguous alphabet (no 0/O, 1/l/I): about 116 bits from the OS's generator.
fn fresh_password() -> std::io::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let limit = (256 / ALPHABET.len() * ALPHABET.len()) as u8; // reject above it: no modulo bias
    let mut out = String::new();
    while out.len() < 20 {
        let mut bytes = [0u8; 32];
        std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom")?, &mut bytes)?;
        out.extend(bytes.iter().filter(|b| **b < limit).map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char));
    }
    out.truncate(20);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_through_flags_are_read_in_both_spellings() {
        let args: Vec<String> = ["--domain", "a.org", "--bind=0.0.0.0", "--domain=b.org"].map(String::from).to_vec();
        assert_eq!(flag(&args, "--domain").as_deref(), Some("b.org"));
        assert_eq!(flag(&args, "--bind").as_deref(), Some("0.0.0.0"));
        assert_eq!(flag(&args, "--port"), None);
    }

    #[test]
    fn a_password_given_is_kept_and_only_then_is_none_made() {
        let none: Vec<String> = Vec::new();
        let flagged: Vec<String> = ["--moderator-password=pw"].map(String::from).to_vec();
        assert_eq!(given_password(&none, Some("from-env")), Some("from CCMP_MODERATOR_PASSWORD"));
        assert_eq!(given_password(&flagged, Some("from-env")), Some("as given with --moderator-password"));
        assert_eq!(given_password(&none, Some("")), None, "an empty variable gives none");
        assert_eq!(given_password(&none, None), None);
    }

    #[test]
    fn paths_are_under_the_base_path() {
        assert_eq!(under("", "/ccmp"), "/ccmp");
        assert_eq!(under("/", "/api/ccmp"), "/api/ccmp");
        assert_eq!(under("/tools/ccmp/", "/ccmp"), "/tools/ccmp/ccmp");
        assert_eq!(under("/tools/ccmp", "ccmp"), "/tools/ccmp/ccmp");
        // The panel itself: the path with its slash.
        assert_eq!(under("", ""), "/");
        assert_eq!(under("/tools/ccmp/", ""), "/tools/ccmp/");
    }

    #[test]
    fn passwords_are_fresh_and_unambiguous() {
        let (a, b) = (fresh_password().unwrap(), fresh_password().unwrap());
        assert_eq!(a.len(), 20);
        assert_ne!(a, b);
        assert!(!a.contains(['0', 'O', '1', 'l', 'I']));
    }
}
