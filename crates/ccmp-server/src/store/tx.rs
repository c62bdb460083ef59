//! One write: reads through to the snapshot, stages changes, and commits them in one transaction.

use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{params, Connection};

use super::{document, key, Account, Kind, Object, Snapshot};

/// A write in progress: what it reads is the current state with its own staged changes applied.
pub struct Tx<'a> {
    snapshot: &'a Snapshot,
    objects: HashMap<String, Option<Arc<Object>>>,
    accounts: HashMap<String, Arc<Account>>,
    next_seq: i64,
}

/// The staged changes of a finished [`Tx`].
pub struct Changes {
    objects: HashMap<String, Option<Arc<Object>>>,
    accounts: HashMap<String, Arc<Account>>,
    pub next_seq: i64,
}

impl<'a> Tx<'a> {
    pub(super) fn new(snapshot: &'a Snapshot, next_seq: i64) -> Tx<'a> {
        Tx { snapshot, objects: HashMap::new(), accounts: HashMap::new(), next_seq }
    }

    /// The state before this write (staged changes not applied).
    pub fn snapshot(&self) -> &Snapshot {
        self.snapshot
    }

    pub fn object(&self, uri: &str) -> Option<Arc<Object>> {
        match self.objects.get(&key(uri)) {
            Some(staged) => staged.clone(),
            None => self.snapshot.object(uri).cloned(),
        }
    }

    /// Whether `uri` names any object or sidebar by value, staged ones included.
    pub fn uri_taken(&self, uri: &str) -> bool {
        if self.object(uri).is_some() {
            return true;
        }
        let k = key(uri);
        let in_staged = self
            .objects
            .values()
            .flatten()
            .any(|o| o.doc.sidebars_by_val.as_ref().is_some_and(|s| s.entries.iter().any(|e| key(&e.entity) == k)));
        in_staged || self.snapshot.by_val_parent(uri).is_some()
    }

    /// The version of the object or sidebar by value `uri` names, staged changes included: what a 409 to
    /// a create of something that exists carries, so that the client can re-read from there.
    pub fn version_of(&self, uri: &str) -> Option<u64> {
        if let Some(object) = self.object(uri) {
            return Some(object.version());
        }
        let k = key(uri);
        let staged = self.objects.values().flatten();
        let parents =
            staged.chain(self.snapshot.by_val_parent(uri).filter(|p| !self.objects.contains_key(&key(p.uri()))));
        parents
            .flat_map(|p| p.doc.sidebars_by_val.iter().flat_map(|s| &s.entries))
            .find(|s| key(&s.entity) == k)
            .map(|s| u64::from(s.version.unwrap_or(1)))
    }

    /// Stores `object` (new when its `seq` is 0).
    pub fn put(&mut self, mut object: Object) -> Arc<Object> {
        if object.seq == 0 {
            object.seq = self.next_seq;
            self.next_seq += 1;
        }
        object.encoded = super::Encoded::of(&object.doc);
        let object = Arc::new(object);
        self.objects.insert(key(object.uri()), Some(object.clone()));
        object
    }

    pub fn delete(&mut self, uri: &str) {
        self.objects.insert(key(uri), None);
    }

    pub fn account(&self, user_id: &str) -> Option<Arc<Account>> {
        self.accounts.get(&key(user_id)).cloned().or_else(|| self.snapshot.account(user_id).cloned())
    }

    pub fn put_account(&mut self, account: Account) {
        self.accounts.insert(key(&account.user_id), Arc::new(account));
    }

    /// Conferences (sidebars by reference included) after this write.
    pub fn conference_count(&self) -> usize {
        let mut count = self.snapshot.conference_count();
        for (k, staged) in &self.objects {
            let before = self.snapshot.objects.get(k).is_some_and(|o| o.kind == Kind::Conference);
            let after = staged.as_ref().is_some_and(|o| o.kind == Kind::Conference);
            count = count + usize::from(after) - usize::from(before);
        }
        count
    }

    pub(super) fn into_changes(self) -> Changes {
        Changes { objects: self.objects, accounts: self.accounts, next_seq: self.next_seq }
    }
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty() && self.accounts.is_empty()
    }

    pub(super) fn publish(self, snapshot: &mut Snapshot) {
        for (k, staged) in self.objects {
            match staged {
                Some(object) => snapshot.insert_object(object),
                None => snapshot.remove_object(&k),
            }
        }
        for account in self.accounts.into_values() {
            snapshot.insert_account(account);
        }
    }
}

/// Writes `changes` in one transaction; nothing is written when any statement fails.
pub(super) fn commit(conn: &mut Connection, changes: &Changes) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for (k, staged) in &changes.objects {
        match staged {
            Some(o) => {
                tx.prepare_cached(
                    "INSERT INTO objects (seq, uri, kind, version, owner, parent, password_hash, document)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT(uri) DO UPDATE SET kind = excluded.kind, version = excluded.version,
                       owner = excluded.owner, parent = excluded.parent, password_hash = excluded.password_hash,
                       document = excluded.document, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                )?
                .execute(params![
                    o.seq,
                    o.uri(),
                    o.kind.as_str(),
                    o.version() as i64,
                    o.owner,
                    o.parent,
                    o.password_hash,
                    o.encoded.xml().map_or_else(|| document::encode(&o.doc), str::to_owned)
                ])?;
            }
            None => {
                tx.prepare_cached("DELETE FROM objects WHERE uri = ?1")?.execute([k])?;
            }
        }
    }
    // Usernames are unique: the changed accounts give theirs up first, so that a name moving from one account
    // to another in this write (the moderator's, to another domain's account) is free whatever the order
    // (QA: a restart on the default domain after one on another failed on the constraint, by the map's order).
    for a in changes.accounts.values() {
        tx.prepare_cached("UPDATE accounts SET username = NULL WHERE user_id = ?1")?.execute([&a.user_id])?;
    }
    for a in changes.accounts.values() {
        tx.prepare_cached(
            "INSERT INTO accounts (user_id, username, password_hash, admin) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(user_id) DO UPDATE SET username = excluded.username,
               password_hash = excluded.password_hash, admin = excluded.admin",
        )?
        .execute(params![a.user_id, a.username, a.password_hash, i64::from(a.admin)])?;
    }
    tx.commit()
}
