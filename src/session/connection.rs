//! The connection: which server, as whom, and what it supports.

use std::collections::HashMap;

use ccmp::XconUserId;
use leptos::prelude::*;

use crate::state::capabilities::Capabilities;
use crate::state::uri_key;

/// An established connection.
#[derive(Clone, Debug)]
pub struct Conn {
    /// The CCMP URL, as typed (`/ccmp` is the same origin's).
    pub server: String,
    pub user: XconUserId,
    /// `subject` credentials; an empty username sends none.
    pub username: String,
    pub password: String,
    /// The saved profile this came from.
    pub profile: String,
}

impl Conn {
    /// The host of the server's URL (the page's own for `/ccmp`): the placeholders' domain when nothing
    /// better is known ([`crate::state::placeholder::domain`]).
    pub fn server_host(&self) -> Option<String> {
        crate::api::url_hostname(&self.server)
    }
}

/// The connection context.
#[derive(Clone, Copy)]
pub struct Connection {
    pub current: RwSignal<Option<Conn>>,
    pub capabilities: RwSignal<Option<Capabilities>>,
    /// The last request failed in transport (server down); cleared by the next success.
    pub unreachable: RwSignal<bool>,
    /// Conference passwords entered this session, by conference; kept in memory only.
    passwords: StoredValue<HashMap<String, String>>,
    /// Credentials the moderator typed in a prompt, not yet taken by the server.
    credentials_untried: StoredValue<bool>,
    /// The 401 a read the panel made by itself met: until the moderator signs in again (or a request of
    /// theirs succeeds), the panel's own reads are not sent, each answered with this instead. Sent every few
    /// seconds with a refused password, they could get the account locked on a server that counts failures.
    pub refused: RwSignal<Option<ccmp::Response>>,
}

impl Connection {
    pub fn new() -> Self {
        Connection {
            current: RwSignal::new(None),
            capabilities: RwSignal::new(None),
            unreachable: RwSignal::new(false),
            passwords: StoredValue::new(HashMap::new()),
            credentials_untried: StoredValue::new(false),
            refused: RwSignal::new(None),
        }
    }

    pub fn get(&self) -> Option<Conn> {
        self.current.get_untracked()
    }

    /// The connected confUserID as a key ([`uri_key`]), to tell the moderator's own row in a list;
    /// followed by the caller when read in a reactive context.
    pub fn user_key(&self) -> Option<String> {
        self.current.with(|c| c.as_ref().map(|c| uri_key(c.user.as_str())))
    }

    pub fn conference_password(&self, conf: &str) -> Option<String> {
        self.passwords.with_value(|p| p.get(&uri_key(conf)).cloned())
    }

    pub fn remember_conference_password(&self, conf: &str, password: String) {
        self.passwords.update_value(|p| {
            p.insert(uri_key(conf), password);
        });
    }

    pub fn forget_conference_password(&self, conf: &str) {
        self.passwords.update_value(|p| {
            p.remove(&uri_key(conf));
        });
    }

    /// Uses `username` and `password` from the next request on (typed in a 424 or 401 prompt).
    pub fn use_credentials(&self, username: String, password: String) {
        self.current.update(|c| {
            if let Some(c) = c {
                c.username = username;
                c.password = password;
            }
        });
        self.credentials_untried.set_value(true);
        self.refused.set(None);
    }

    /// The connection, once, when the server has just taken credentials given by [`Connection::use_credentials`].
    pub fn take_accepted_credentials(&self) -> Option<Conn> {
        if !self.credentials_untried.get_value() {
            return None;
        }
        self.credentials_untried.set_value(false);
        self.get()
    }

    /// `Ok` when the server supports the request, else why not (for disabled actions).
    pub fn allows(&self, kind: ccmp::MessageKind, op: Option<ccmp::xcon::Operation>) -> Result<(), String> {
        match self.capabilities.get() {
            Some(caps) => caps.check(kind, op),
            None => Err("Not connected.".into()),
        }
    }

    pub fn disconnect(&self) {
        self.current.set(None);
        self.capabilities.set(None);
        self.passwords.update_value(HashMap::clear);
        self.credentials_untried.set_value(false);
        self.refused.set(None);
        // Whatever the last server did, the next one has not failed yet ("answers again" would be news
        // about another server).
        self.unreachable.set(false);
    }
}

impl Default for Connection {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_connection() -> Connection {
    expect_context()
}
