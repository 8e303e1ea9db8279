//! The migration machinery on real files: upgrade with rows kept, a failing migration
//! leaves the file as it was, a newer database is refused untouched, damage is detected.

use station_core::backups::{self, BackupKind};
use station_core::clock::Clock;
use station_core::db::{self, Migration, MIGRATIONS};
use station_core::residents::ResidentInput;
use station_core::{testing, Actor, ErrorCode, Station};
use std::path::Path;

fn sha(path: &Path) -> Vec<u8> {
    // A byte-for-byte copy is enough to compare; the files are small.
    std::fs::read(path).unwrap()
}

fn staff_rows(path: &Path) -> i64 {
    let c = rusqlite::Connection::open(path).unwrap();
    c.query_row("SELECT COUNT(*) FROM staff", [], |r| r.get(0)).unwrap()
}

#[test]
fn old_schema_with_rows_upgrades_and_keeps_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite3");
    {
        // A station as the first release left it: only the foundation schema.
        let mut st = Station::open_with(&path, &MIGRATIONS[..1], Clock::System).unwrap();
        let (admin, _) = testing::add_admin_and_clerk(&mut st);
        assert_eq!(admin.display_name, "王站长");
        assert_eq!(st.user_version().unwrap(), 1);
    }
    let audit_before: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    let mut st = Station::open(&path).unwrap();
    assert_eq!(st.user_version().unwrap(), db::schema_version());
    let admin = st
        .login(&station_core::staff::LoginInput { username: "admin".into(), password: testing::ADMIN_PASSWORD.into() })
        .unwrap();
    assert_eq!(st.staff_list(&admin.actor()).unwrap().len(), 2, "both accounts kept");
    let audit_after: i64 = st
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE entity <> 'database' AND action <> 'login'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(audit_after, audit_before - 1, "every audit row kept (minus v1's own migration entry)");
    // The new schema works on the upgraded file.
    let r = st
        .resident_create(
            &admin.actor(),
            &ResidentInput { name: "张三".into(), phone: "13812341234".into(), ..Default::default() },
        )
        .unwrap();
    assert_eq!(r.phone_masked, "138****1234");
    // The file was backed up before the upgrade.
    let listed = backups::list_backups(&path);
    let backup = &listed.first().expect("a backup before migrating").path;
    assert_eq!(listed[0].kind, BackupKind::BeforeMigration);
    let b = rusqlite::Connection::open(backup).unwrap();
    let v: i64 = b.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 1, "the backup is the old file");
}

#[test]
fn a_failing_migration_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite3");
    {
        let mut st = Station::open_with(&path, &MIGRATIONS[..1], Clock::System).unwrap();
        testing::add_admin_and_clerk(&mut st);
        st.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    let before = sha(&path);
    // v2 is fine, v3 fails half-way: neither may be applied.
    let broken: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration { version: m.version, name: m.name, sql: m.sql })
        .chain([Migration {
            version: 3,
            name: "broken",
            sql: "CREATE TABLE ok_so_far (x INTEGER); INSERT INTO no_such_table VALUES (1);",
        }])
        .collect();
    let err = Station::open_with(&path, &broken, Clock::System).err().expect("must fail");
    assert_eq!(err.code, ErrorCode::MigrationFailed);
    assert!(err.message.contains("broken"));
    let c = rusqlite::Connection::open(&path).unwrap();
    let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(v, 1);
    let tables: i64 = c
        .query_row("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('residents', 'ok_so_far')", [], |r| r.get(0))
        .unwrap();
    assert_eq!(tables, 0, "no table of v2 or v3 exists");
    drop(c);
    assert_eq!(staff_rows(&path), 2);
    // The content is the same: checkpoint what the failed attempt may have logged and compare.
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    drop(c);
    let after = sha(&path);
    assert_eq!(before.len(), after.len());
    // And the real app still opens and upgrades it.
    assert!(Station::open(&path).is_ok());
}

#[test]
fn a_database_newer_than_the_app_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite3");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1); PRAGMA user_version = 99;").unwrap();
    }
    let before = sha(&path);
    let err = Station::open(&path).err().expect("refused");
    assert_eq!(err.code, ErrorCode::DatabaseNewer);
    assert!(err.message.contains("99"));
    assert_eq!(sha(&path), before, "not a byte changed");
    assert!(!dir.path().join("station.sqlite3-wal").exists(), "not even switched to WAL");
    assert!(backups::list_backups(&path).is_empty());
}

#[test]
fn a_damaged_file_is_detected_and_a_backup_can_be_restored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite3");
    {
        let mut st = Station::open(&path).unwrap();
        testing::add_admin_and_clerk(&mut st);
        st.backup(BackupKind::Manual).unwrap().expect("file backup");
    }
    std::fs::write(&path, b"this is not a database, it was overwritten by accident........").unwrap();
    let _ = std::fs::remove_file(dir.path().join("station.sqlite3-wal"));
    let _ = std::fs::remove_file(dir.path().join("station.sqlite3-shm"));
    let err = Station::open(&path).err().expect("damaged");
    assert_eq!(err.code, ErrorCode::IntegrityFailed);
    let backup = backups::newest_good_backup(&path).expect("backup offered");
    let (st, report) = backups::restore(None, &path, Path::new(&backup.path), &Actor::System, Clock::System).unwrap();
    assert!(Path::new(&report.kept_damaged.unwrap()).exists(), "the damaged file is kept aside, not deleted");
    assert!(st.is_initialized().unwrap());
}

#[test]
fn pragmas_are_set_on_file_databases() {
    let dir = tempfile::tempdir().unwrap();
    let st = Station::open(&dir.path().join("station.sqlite3")).unwrap();
    let c = st.conn();
    let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    let journal: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
    assert_eq!((fk, journal.as_str(), sync), (1, "wal", 2));
}

/// A database records only its highest version: a migration numbered below one already
/// applied would never run (branches built in parallel must renumber, not leave gaps).
#[test]
fn migrations_are_numbered_one_by_one_in_order() {
    let versions: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
    let expected: Vec<i64> = (1..=versions.len() as i64).collect();
    assert_eq!(versions, expected);
}
