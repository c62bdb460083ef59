//! The persistent store: SQLite is the truth, and every current document is also kept in memory
//! (written through) so that reads never touch the disk.
//!
//! Writes go through [`Store::write`]: one writer at a time holds the connection, reads the current
//! state, stages its changes, commits them in one SQLite transaction (fsynced: `synchronous=FULL`), and
//! only then publishes them to the in-memory snapshot. So changes are serialized (no lost update),
//! atomic (all staged changes or none), durable once acknowledged, and readers never see half of one.

mod document;
mod schema;
mod tx;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use std::time::Instant;

use ccmp::xcon::Conference;
use rusqlite::Connection;

use crate::failure::{Failure, Outcome};
pub use document::encode as encode_document;
pub use tx::Tx;

/// What a stored object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A template, listed by blueprintsRequest and cloned into conferences.
    Blueprint,
    /// A conference; a sidebar by reference is one with a `parent`.
    Conference,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Blueprint => "blueprint",
            Kind::Conference => "conference",
        }
    }
}

/// A blueprint or conference with what the server keeps beside its document.
#[derive(Debug, Clone)]
pub struct Object {
    /// Insertion order, for stable listings.
    pub seq: i64,
    pub kind: Kind,
    /// The document: `entity` is the XCON-URI and `version` the object's version. It never holds the
    /// conference password.
    pub doc: Conference,
    /// The XCON-USERID of the creator, who manages the conference like its administrators.
    pub owner: Option<String>,
    /// For a sidebar by reference: the conference it belongs to.
    pub parent: Option<String>,
    /// The argon2id hash of the conference password, when the conference is protected.
    pub password_hash: Option<String>,
    /// The document's XML, filled when the object is stored.
    pub encoded: Encoded,
}

/// A document's XML as stored (a confResponse wrapping it) and where its conference element lies in
/// it, so that retrieves splice text instead of cloning and encoding the document. Filled by
/// [`Tx::put`]; a clone starts empty, so an object being changed never carries its former text.
#[derive(Default)]
pub struct Encoded(Option<(Arc<str>, std::ops::Range<usize>)>);

impl Clone for Encoded {
    fn clone(&self) -> Self {
        Encoded(None)
    }
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Encoded(..)" } else { "Encoded(none)" })
    }
}

impl Encoded {
    pub fn of(doc: &Conference) -> Encoded {
        let xml: Arc<str> = document::encode(doc).into();
        let range = document::element_range(&xml, document::ELEMENT);
        Encoded(range.map(|r| (xml, r)))
    }

    /// The whole stored text.
    pub fn xml(&self) -> Option<&str> {
        self.0.as_ref().map(|(xml, _)| &**xml)
    }

    /// The conference element, named `confInfo`, as the protocol crate's encoder writes it.
    pub fn fragment(&self) -> Option<(Arc<str>, std::ops::Range<usize>)> {
        self.0.clone()
    }
}

impl Object {
    pub fn uri(&self) -> &str {
        &self.doc.entity
    }
    pub fn version(&self) -> u64 {
        u64::from(self.doc.version.unwrap_or(1))
    }
}

/// A user the server knows: its XCON-USERID and, for those who can log in, credentials.
#[derive(Debug, Clone)]
pub struct Account {
    pub user_id: String,
    pub username: Option<String>,
    /// argon2id PHC string; `None` for users who cannot present credentials.
    pub password_hash: Option<String>,
    /// A server-wide administrator manages every conference.
    pub admin: bool,
}

/// Case-insensitive key of a URI or user id.
pub fn key(id: &str) -> String {
    id.trim().to_ascii_lowercase()
}

/// Everything current, in memory.
#[derive(Default)]
pub struct Snapshot {
    objects: HashMap<String, Arc<Object>>,
    /// Sidebar by value → the conference whose document holds it.
    by_val: HashMap<String, String>,
    accounts: HashMap<String, Arc<Account>>,
    usernames: HashMap<String, String>,
}

impl Snapshot {
    /// Whether the database holds nothing at all: no object, no account (not even the moderator's).
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.accounts.is_empty()
    }

    pub fn object(&self, uri: &str) -> Option<&Arc<Object>> {
        self.objects.get(&key(uri))
    }

    /// The conference holding the sidebar by value `uri`.
    pub fn by_val_parent(&self, uri: &str) -> Option<&Arc<Object>> {
        self.objects.get(self.by_val.get(&key(uri))?)
    }

    pub fn account(&self, user_id: &str) -> Option<&Arc<Account>> {
        self.accounts.get(&key(user_id))
    }

    pub fn account_by_username(&self, username: &str) -> Option<&Arc<Account>> {
        self.accounts.get(self.usernames.get(username)?)
    }

    /// The objects of a kind, in creation order.
    pub fn list(&self, kind: Kind) -> Vec<Arc<Object>> {
        let mut all: Vec<_> = self.objects.values().filter(|o| o.kind == kind).cloned().collect();
        all.sort_by_key(|o| o.seq);
        all
    }

    /// Conferences whose parent is `uri` (its sidebars by reference).
    pub fn children(&self, uri: &str) -> Vec<Arc<Object>> {
        let k = key(uri);
        self.objects.values().filter(|o| o.parent.as_deref().is_some_and(|p| key(p) == k)).cloned().collect()
    }

    pub fn conference_count(&self) -> usize {
        self.objects.values().filter(|o| o.kind == Kind::Conference).count()
    }

    fn insert_object(&mut self, object: Arc<Object>) {
        let k = key(object.uri());
        self.remove_object(&k);
        if let Some(sidebars) = &object.doc.sidebars_by_val {
            for s in &sidebars.entries {
                self.by_val.insert(key(&s.entity), k.clone());
            }
        }
        self.objects.insert(k, object);
    }

    fn remove_object(&mut self, k: &str) {
        if let Some(old) = self.objects.remove(k) {
            if let Some(sidebars) = &old.doc.sidebars_by_val {
                for s in &sidebars.entries {
                    self.by_val.remove(&key(&s.entity));
                }
            }
        }
    }

    fn insert_account(&mut self, account: Arc<Account>) {
        let k = key(&account.user_id);
        // The old name only if it is still this account's: in one write another account may have taken it
        // already (the moderator's name moving to another domain's account), whatever the order.
        if let Some(old) = self.accounts.get(&k).and_then(|a| a.username.clone()) {
            if self.usernames.get(&old) == Some(&k) {
                self.usernames.remove(&old);
            }
        }
        if let Some(name) = &account.username {
            self.usernames.insert(name.clone(), k.clone());
        }
        self.accounts.insert(k, account);
    }
}

struct Writer {
    conn: Connection,
    next_seq: i64,
    /// Held for as long as the store lives: see [`lock`].
    _lock: [std::fs::File; 2],
    /// The files the writes go to, as they were when opened.
    files: Files,
}

/// The database file and its write-ahead log, each by its path and the file it named when the store opened.
/// SQLite writes on through what it opened: a file deleted or replaced under a running server (a restore done
/// wrong, a clean-up of the data directory) took every change made after, answered 200, and the next start
/// found none of them (QA). The store checks before each write, and refuses it once they differ.
struct Files(Vec<(PathBuf, Option<FileId>)>);

/// What tells one file from another on the same machine (device and inode on Unix).
type FileId = (u64, u64);

impl Files {
    fn of(paths: Vec<PathBuf>) -> Files {
        Files(
            paths
                .into_iter()
                .map(|path| {
                    let id = file_id(&path);
                    (path, id)
                })
                .collect(),
        )
    }

    /// The path whose file is not the one opened, if one is not. A file not there when the store opened (the
    /// log, before the first write) is known from the first write on.
    fn moved(&mut self) -> Option<&Path> {
        for (path, id) in &mut self.0 {
            if id.is_none() {
                *id = file_id(path);
            }
        }
        self.0.iter().find(|(path, id)| id.is_some() && file_id(path) != *id).map(|(path, _)| path.as_path())
    }
}

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<FileId> {
    None
}

/// The store; cheap to clone.
#[derive(Clone)]
pub struct Store(Arc<Inner>);

struct Inner {
    snapshot: RwLock<Snapshot>,
    writer: Arc<tokio::sync::Mutex<Writer>>,
}

/// Why the store could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the directory of {0}: {1}")]
    Directory(String, std::io::Error),
    #[error("cannot create the database file {0}: {1}")]
    Create(String, std::io::Error),
    #[error("database {0}: {1}")]
    Sqlite(String, rusqlite::Error),
    #[error("database {0}: stored document {1} does not decode: {2}")]
    Document(String, String, String),
    #[error(
        "database {0} is in use by another ccmp-server (it holds {1}): one server per database, or each \
         would answer from its own copy in memory and the changes of one would be lost"
    )]
    InUse(String, String),
    #[error("database {0}: cannot open its lock file {1}: {2}")]
    Lock(String, String, std::io::Error),
}

/// Creates the database file, when missing, readable by its owner only (QA: under the usual umask it was
/// readable by every local user, password hashes included). SQLite gives its `-wal` and `-shm` files the
/// database's permissions.
fn create_private(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// Takes the lock file beside the database (`ccmp.sqlite.lock`), which the operating system releases
/// when the process ends, however it ends. The server keeps the whole database in memory and writes
/// through: a second server on the same file would answer from its own copy, and what it acknowledged
/// would be overwritten by the first (QA: two servers started from one directory share
/// `./data/ccmp.sqlite`).
fn lock(path: &Path) -> Result<std::fs::File, OpenError> {
    let name = path.display().to_string();
    let mut lock_path = path.as_os_str().to_owned();
    lock_path.push(".lock");
    let lock_name = std::path::Path::new(&lock_path).display().to_string();
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| OpenError::Lock(name.clone(), lock_name.clone(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(OpenError::InUse(name, lock_name)),
        Err(std::fs::TryLockError::Error(e)) => Err(OpenError::Lock(name, lock_name, e)),
    }
}

/// Locks the database file itself, which every name of it shares: a hard link to it is another path, with
/// a lock file of its own (QA: two servers, one on the file and one on a hard link to it, diverged). Its
/// lock is not SQLite's (`flock`, where SQLite takes byte ranges with `fcntl`), so neither hinders the other.
fn lock_itself(path: &Path) -> Result<std::fs::File, OpenError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| OpenError::Lock(name.clone(), name.clone(), e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(OpenError::InUse(name.clone(), name)),
        Err(std::fs::TryLockError::Error(e)) => Err(OpenError::Lock(name.clone(), name, e)),
    }
}

impl Store {
    /// Opens the database at `path`, migrates it and loads it into memory. Returns the store and whether
    /// the database was new.
    pub fn open(path: &Path) -> Result<(Store, bool), OpenError> {
        let name = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| OpenError::Directory(name.clone(), e))?;
        }
        create_private(path).map_err(|e| OpenError::Create(name.clone(), e))?;
        // The file itself, whatever the path that names it: a symbolic link to it is the same database (QA).
        let real = std::fs::canonicalize(path).map_err(|e| OpenError::Create(name.clone(), e))?;
        let lock = [lock(&real)?, lock_itself(&real)?];
        let sql = |e| OpenError::Sqlite(name.clone(), e);
        let (conn, fresh) = schema::open(path).map_err(sql)?;
        let mut wal = real.as_os_str().to_owned();
        wal.push("-wal");
        let files = Files::of(vec![real.clone(), PathBuf::from(wal)]);
        let mut snapshot = Snapshot::default();
        let mut next_seq = 1;
        {
            let mut stmt = conn
                .prepare("SELECT seq, uri, kind, owner, parent, password_hash, document FROM objects ORDER BY seq")
                .map_err(sql)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                })
                .map_err(sql)?;
            for row in rows {
                let (seq, uri, kind, owner, parent, password_hash, text) = row.map_err(sql)?;
                let doc = document::decode(&text).map_err(|e| OpenError::Document(name.clone(), uri.clone(), e))?;
                let kind = if kind == "blueprint" { Kind::Blueprint } else { Kind::Conference };
                next_seq = next_seq.max(seq + 1);
                let encoded = Encoded::of(&doc);
                snapshot.insert_object(Arc::new(Object { seq, kind, doc, owner, parent, password_hash, encoded }));
            }
            let mut stmt = conn.prepare("SELECT user_id, username, password_hash, admin FROM accounts").map_err(sql)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(Account {
                        user_id: r.get(0)?,
                        username: r.get(1)?,
                        password_hash: r.get(2)?,
                        admin: r.get::<_, i64>(3)? != 0,
                    })
                })
                .map_err(sql)?;
            for row in rows {
                snapshot.insert_account(Arc::new(row.map_err(sql)?));
            }
        }
        let inner = Inner {
            snapshot: RwLock::new(snapshot),
            writer: Arc::new(tokio::sync::Mutex::new(Writer { conn, next_seq, _lock: lock, files })),
        };
        Ok((Store(Arc::new(inner)), fresh))
    }

    /// The current state, for reading. Hold it briefly: a writer publishing waits for it.
    pub fn read(&self) -> RwLockReadGuard<'_, Snapshot> {
        // A poisoned lock means a panic while publishing, which cannot leave the map half-updated in a
        // way readers could observe as a torn object (objects are swapped whole); keep serving.
        self.0.snapshot.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Runs `change` as the only writer: it reads the current state through the [`Tx`], stages its
    /// changes, and when it returns `Ok` they are committed to SQLite and then published. A request
    /// that cannot start before `deadline` gets 510 and changes nothing.
    pub async fn write<T, F>(&self, deadline: Instant, change: F) -> Outcome<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Tx<'_>) -> Outcome<T> + Send + 'static,
    {
        let lock = self.0.writer.clone().lock_owned();
        let Ok(mut writer) = tokio::time::timeout_at(deadline.into(), lock).await else {
            return Err(Failure::new(ccmp::ResponseCode::RequestTimeout, "the server is busy; try again"));
        };
        let inner = self.0.clone();
        let job = tokio::task::spawn_blocking(move || {
            let writer = &mut *writer;
            let staged = {
                let snapshot = inner.snapshot.read().unwrap_or_else(|p| p.into_inner());
                let mut tx = Tx::new(&snapshot, writer.next_seq);
                let value = change(&mut tx)?;
                (value, tx.into_changes())
            };
            let (value, changes) = staged;
            if changes.is_empty() {
                return Ok(value);
            }
            if let Some(moved) = writer.files.moved() {
                tracing::error!(
                    target: "ccmp",
                    file = %moved.display(),
                    "the database was deleted or replaced while the server ran: changes are refused; restart the server"
                );
                // Said to the client too: no moderator action helps, and the administrator must hear of it.
                return Err(Failure::new(
                    ccmp::ResponseCode::ServerInternalError,
                    "the server's database file was deleted or replaced while it ran: the change is refused, as it \
                     would be lost (its administrator must restart the server)",
                ));
            }
            tx::commit(&mut writer.conn, &changes)?;
            writer.next_seq = changes.next_seq;
            let mut snapshot = inner.snapshot.write().unwrap_or_else(|p| p.into_inner());
            changes.publish(&mut snapshot);
            Ok(value)
        });
        match job.await {
            Ok(outcome) => outcome,
            Err(e) => Err(Failure::internal(format_args!("store writer task failed: {e}"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_server_per_database() {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let path = dir.path().join("ccmp.sqlite");
        let (first, _) = Store::open(&path).expect("the first opens it");
        let second = Store::open(&path).err().expect("the second is refused while the first holds it");
        assert!(matches!(second, OpenError::InUse(..)), "{second}");
        assert!(second.to_string().contains("in use by another ccmp-server"), "{second}");
        drop(first);
        Store::open(&path).expect("free again once the first is gone");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_database_is_the_same_database() {
        let dir = tempfile::tempdir().expect("a scratch directory");
        let path = dir.path().join("ccmp.sqlite");
        let link = dir.path().join("link.sqlite");
        let (_first, _) = Store::open(&path).expect("the first opens it");
        std::os::unix::fs::symlink(&path, &link).expect("a link");
        assert!(matches!(Store::open(&link), Err(OpenError::InUse(..))), "opened through a link");
        // A hard link is another path, with a lock file of its own: the file itself is locked too.
        let hard = dir.path().join("hard.sqlite");
        std::fs::hard_link(&path, &hard).expect("a hard link");
        assert!(matches!(Store::open(&hard), Err(OpenError::InUse(..))), "opened through a hard link");
    }

    #[cfg(unix)]
    #[test]
    fn the_database_is_its_owners_alone() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("a scratch directory");
        let path = dir.path().join("ccmp.sqlite");
        let (store, fresh) = Store::open(&path).expect("opens");
        assert!(fresh, "an empty file made first is still a new database");
        drop(store);
        for file in ["ccmp.sqlite", "ccmp.sqlite-wal"] {
            let mode = std::fs::metadata(dir.path().join(file)).map(|m| m.permissions().mode() & 0o777);
            assert!(matches!(mode, Ok(0o600) | Err(_)), "{file}: {mode:?}");
        }
    }
}
