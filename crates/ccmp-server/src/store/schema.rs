//! Opening the database: pragmas for durability, and the schema migrations, applied in order at start
//! and recorded in `PRAGMA user_version`.

use rusqlite::Connection;

/// Each entry migrates the schema from version `index` to `index + 1`. Append; never edit a released one.
const MIGRATIONS: &[&str] = &[
    // 1: conference objects (blueprints, conferences, sidebars by reference) and the user accounts.
    "CREATE TABLE objects (
        seq INTEGER PRIMARY KEY,
        uri TEXT NOT NULL UNIQUE COLLATE NOCASE,
        kind TEXT NOT NULL CHECK (kind IN ('blueprint', 'conference')),
        version INTEGER NOT NULL,
        owner TEXT,
        parent TEXT,
        password_hash TEXT,
        document TEXT NOT NULL,
        updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE accounts (
        user_id TEXT PRIMARY KEY COLLATE NOCASE,
        username TEXT UNIQUE,
        password_hash TEXT,
        admin INTEGER NOT NULL DEFAULT 0
    );",
];

/// Opens (creating when missing) the database at `path` with WAL and `synchronous=FULL`, so that a
/// committed change survives a crash or `kill -9`, and brings its schema up to date. Returns the
/// connection and whether the database was new (and so wants seeding).
pub fn open(path: &std::path::Path) -> Result<(Connection, bool), rusqlite::Error> {
    let existed = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    let fresh = migrate(&conn)?;
    // A copy of a running server's database made without its `-wal` is such a file: the admin restoring a
    // backup must hear that it held nothing, before the new database seeded in it hides that (QA).
    if fresh && existed {
        tracing::warn!(
            target: "ccmp",
            db = %path.display(),
            "the database file held no CCMP data (a copy of a running server's database without its -wal file?): \
             starting a new database in it"
        );
    }
    Ok((conn, fresh))
}

/// Applies the migrations the database lacks, each in its own transaction; `true` when it had none.
fn migrate(conn: &Connection) -> Result<bool, rusqlite::Error> {
    let current: usize =
        conn.pragma_query_value(None, "user_version", |row| row.get::<_, i64>(0))?.try_into().unwrap_or(0);
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (index + 1) as i64)?;
        tx.commit()?;
        tracing::info!(target: "ccmp", version = index + 1, "database schema migrated");
    }
    Ok(current == 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn durability_pragmas_and_migrations_hold_across_reopening() {
        let dir = std::env::temp_dir().join(format!("ccmp-schema-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("db.sqlite");
        let (conn, fresh) = super::open(&path).unwrap();
        assert!(fresh);
        let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        let synchronous: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!((journal.as_str(), synchronous), ("wal", 2), "WAL with synchronous=FULL");
        drop(conn);
        let (conn, fresh) = super::open(&path).unwrap();
        assert!(!fresh, "a migrated database is not seeded again");
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(version as usize, super::MIGRATIONS.len());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
