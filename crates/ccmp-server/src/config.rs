//! The command-line flags (and their environment variables).

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgAction, Parser};

/// A reference CCMP (RFC 6503) conferencing server on an embedded SQLite store.
#[derive(Parser, Clone)]
#[command(name = "ccmp-server", version, about)]
pub struct Config {
    /// TCP port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// The SQLite database file (created with its directory when missing).
    #[arg(long, default_value = "./data/ccmp.sqlite")]
    pub db: PathBuf,
    /// The domain this server is responsible for: conference URIs and user ids are issued in it.
    #[arg(long, default_value = "example.com", value_parser = domain_name)]
    pub domain: String,
    /// Serve the built panel from this directory at `/`, with the fallback to index.html.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Allow browsers on this origin to call the server (repeatable); none by default.
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
    /// Require `subject` credentials on every request (424 when missing). With `false`, the sender is
    /// whoever its `confUserID` says (liblinphone and the RFC examples send no credentials).
    #[arg(long, default_value_t = true, action = ArgAction::Set, value_name = "BOOL")]
    pub require_credentials: bool,
    /// The seeded moderator's password (hashed on start, never stored in plain text). When absent on
    /// first start, one is generated and printed once.
    #[arg(long, env = "CCMP_MODERATOR_PASSWORD", hide_env_values = true)]
    pub moderator_password: Option<String>,
    /// The URL path of the CCMP endpoint.
    #[arg(long, default_value = "/ccmp")]
    pub path: String,
    /// Serve everything under this path, for a reverse proxy that forwards `/tools/ccmp/` as it is: the
    /// panel at PATH/ (its index.html is told so as it is sent) and the CCMP endpoint at PATH then --path.
    #[arg(long, default_value = "/", value_name = "PATH")]
    pub base_path: String,
    /// The largest request body accepted, in bytes (HTTP 413 past it).
    #[arg(long, default_value_t = 1024 * 1024)]
    pub body_limit: usize,
    /// A request not executed within this many milliseconds is answered 510. The check of credentials the
    /// server has not seen before (a password hash, about 0.1 s) counts: keep it well above that.
    // Not 0 from the command line, which would answer every request 510 (the tests set it to see 510).
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub deadline_ms: u64,
    /// The most conferences (sidebars by reference included) the server holds; creating more is 511.
    #[arg(long)]
    pub max_conferences: Option<usize>,
    /// The most users one conference (or sidebar) holds; adding more is 511. Every read of a conference
    /// carries all of its users: 60,000 of them took the server from 96 MB to 850 MB under load (QA).
    #[arg(long, default_value_t = 20_000, value_name = "N")]
    pub max_users: usize,
    /// The address of a reverse proxy in front of this server (repeatable). A request it passes on is taken
    /// as sent from the address its `X-Forwarded-For` names (the right-most entry that is not itself such a
    /// proxy), for the waits after wrong passwords and for the log. Without it, everyone behind a proxy shares
    /// the proxy's address (and its waits); from any other sender the header is ignored, or a guesser could
    /// name a new address with each guess.
    #[arg(long = "trusted-proxy", value_name = "IP")]
    pub trusted_proxies: Vec<IpAddr>,
}

impl Config {
    /// The defaults, as if started without flags (for tests and embedding).
    pub fn defaults() -> Config {
        Config::parse_from(["ccmp-server"])
    }

    /// `--base-path` without its trailing slash: `""` at the root, `/tools/ccmp` under a path.
    pub fn base(&self) -> &str {
        self.base_path.trim_end_matches('/')
    }

    pub fn deadline(&self) -> Duration {
        Duration::from_millis(self.deadline_ms)
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("port", &self.port)
            .field("bind", &self.bind)
            .field("db", &self.db)
            .field("domain", &self.domain)
            .field("static_dir", &self.static_dir)
            .field("cors_origins", &self.cors_origins)
            .field("require_credentials", &self.require_credentials)
            .field("moderator_password", &self.moderator_password.as_ref().map(|_| "<redacted>"))
            .field("path", &self.path)
            .field("base_path", &self.base_path)
            .field("body_limit", &self.body_limit)
            .field("deadline_ms", &self.deadline_ms)
            .field("max_conferences", &self.max_conferences)
            .field("max_users", &self.max_users)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

/// A domain name as `--domain` takes it: dot-separated labels of letters, digits and hyphens (QA: `Ex Ample!`
/// started a server whose every id, `xcon-userid:moderator@Ex Ample!`, was no URI).
fn domain_name(text: &str) -> Result<String, String> {
    let label_ok = |l: &str| {
        (1..=63).contains(&l.len())
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if text.len() <= 253 && text.split('.').all(label_ok) {
        Ok(text.to_owned())
    } else {
        Err("not a domain name such as example.com or conf.example.org (letters, digits and hyphens, \
             between dots)"
            .into())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_domain_is_a_host_name() {
        for good in ["example.com", "conf.example.org", "localhost", "xn--bcher-kva.example"] {
            assert!(super::domain_name(good).is_ok(), "{good}");
        }
        for bad in ["Ex Ample!", "", "example..com", "-x.com", "a_b.com", "example.com/", "ex@mple.com"] {
            assert!(super::domain_name(bad).is_err(), "{bad}");
        }
    }
}
