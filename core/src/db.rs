//! Opening the station database: pragmas, the integrity check, embedded migrations (all
//! pending ones in one IMMEDIATE transaction, after a backup), and the one write path.

use crate::actor::Actor;
use crate::clock::{self, Clock};
use crate::error::{AppError, ErrorCode, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// The schema, in order. Append only: a released migration is never edited.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "foundation", sql: include_str!("../migrations/0001_foundation.sql") },
    Migration { version: 2, name: "residents", sql: include_str!("../migrations/0002_residents.sql") },
    Migration { version: 3, name: "volunteers", sql: include_str!("../migrations/0003_volunteers.sql") },
    Migration { version: 4, name: "activities", sql: include_str!("../migrations/0004_activities.sql") },
    Migration { version: 5, name: "inventory", sql: include_str!("../migrations/0005_inventory.sql") },
    Migration { version: 6, name: "cases", sql: include_str!("../migrations/0006_cases.sql") },
    Migration { version: 7, name: "wishes", sql: include_str!("../migrations/0007_wishes.sql") },
    Migration { version: 8, name: "report", sql: include_str!("../migrations/0008_report.sql") },
    Migration { version: 9, name: "kiosk_security", sql: include_str!("../migrations/0009_kiosk_security.sql") },
    Migration { version: 10, name: "report_chain", sql: include_str!("../migrations/0010_report_chain.sql") },
    Migration { version: 11, name: "privacy", sql: include_str!("../migrations/0011_privacy.sql") },
    Migration { version: 12, name: "party", sql: include_str!("../migrations/0012_party.sql") },
    Migration {
        version: 13,
        name: "volunteer_national",
        sql: include_str!("../migrations/0013_volunteer_national.sql"),
    },
];

pub const DB_FILE_NAME: &str = "station.sqlite3";
pub const BACKUP_DIR_NAME: &str = "backups";

pub fn schema_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

pub struct Station {
    conn: Connection,
    pub(crate) search_index: std::cell::RefCell<crate::residents::search::SearchIndex>,
    clock: Clock,
    tz: Tz,
    path: Option<PathBuf>,
}

/// A write in progress: an IMMEDIATE transaction that knows who is acting and when.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    pub tz: Tz,
}

impl std::ops::Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl Tx<'_> {
    pub fn now_str(&self) -> String {
        clock::timestamp(self.now)
    }

    pub fn today(&self) -> chrono::NaiveDate {
        clock::local_date(self.now, self.tz)
    }

    /// Records who did what to which entity. Every write calls this at least once.
    pub fn audit(&self, entity: &str, entity_id: Option<i64>, action: &str, detail: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO audit_log (at, actor_kind, actor_staff_id, actor_name, entity, entity_id, action, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                self.now_str(),
                self.actor.kind(),
                self.actor.staff_id(),
                self.actor.display_name(),
                entity,
                entity_id,
                action,
                detail
            ],
        )?;
        Ok(())
    }
}

impl Station {
    /// Opens (creating on first run) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Station> {
        Station::open_with(path, MIGRATIONS, Clock::System)
    }

    pub fn open_with(path: &Path, migrations: &[Migration], clock: Clock) -> Result<Station> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let existed = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_failure(path, e))?;
        // Nothing below may write to the file until the version and integrity checks pass:
        // a database newer than the app, or a damaged one, must be left exactly as it was.
        set_read_pragmas(&conn).map_err(|e| open_failure(path, e))?;
        if existed {
            quick_check(&conn).map_err(|e| open_failure(path, e))??;
        }
        refuse_newer(&conn, migrations).map_err(|e| open_failure(path, e))??;
        set_write_pragmas(&conn)?;
        register_clock(&conn, &clock)?;
        let mut station =
            Station { conn, search_index: Default::default(), clock, tz: default_tz(), path: Some(path.to_path_buf()) };
        station.migrate(migrations)?;
        station.reload_timezone()?;
        Ok(station)
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Station> {
        Station::open_in_memory_with(MIGRATIONS, Clock::System)
    }

    pub fn open_in_memory_with(migrations: &[Migration], clock: Clock) -> Result<Station> {
        let conn = Connection::open_in_memory()?;
        set_read_pragmas(&conn)?;
        register_clock(&conn, &clock)?;
        let mut station = Station { conn, search_index: Default::default(), clock, tz: default_tz(), path: None };
        station.migrate(migrations)?;
        station.reload_timezone()?;
        Ok(station)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn clock(&self) -> Clock {
        self.clock.clone()
    }

    pub fn set_clock(&mut self, clock: Clock) {
        if let Err(e) = register_clock(&self.conn, &clock) {
            eprintln!("could not register station_now(): {e}");
        }
        self.clock = clock;
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    pub fn today(&self) -> chrono::NaiveDate {
        clock::local_date(self.now(), self.tz)
    }

    /// What the UI takes "now" and "today" from (see `ClockReading`).
    pub fn clock_reading(&self) -> crate::app::ClockReading {
        crate::app::ClockReading::read(&self.clock, self.tz)
    }

    pub(crate) fn reload_timezone(&mut self) -> Result<()> {
        let name: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'timezone'", [], |r| r.get(0))
            .optional()
            .unwrap_or(None);
        self.tz = name.as_deref().and_then(clock::parse_timezone).unwrap_or_else(default_tz);
        Ok(())
    }

    pub fn user_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// The one write path: an IMMEDIATE transaction (so two writers never interleave a
    /// read-then-write), committed only if `f` succeeds. Bad input therefore changes nothing.
    pub fn write<T>(&mut self, actor: &Actor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let tz = self.tz;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tx = Tx { tx, actor, now, tz };
        let value = f(&tx)?;
        tx.tx.commit()?;
        Ok(value)
    }

    /// Like `write`, but always rolled back: what a write would do, with nothing written
    /// (import previews and `--dry-run`).
    pub fn dry_run<T>(&mut self, actor: &Actor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let tz = self.tz;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let tx = Tx { tx, actor, now, tz };
        let value = f(&tx)?;
        tx.tx.rollback()?;
        Ok(value)
    }

    fn migrate(&mut self, migrations: &[Migration]) -> Result<()> {
        let current = self.user_version()?;
        let pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > current).collect();
        let Some(target) = pending.last().map(|m| m.version) else {
            return Ok(());
        };
        if current > 0 {
            self.backup(crate::backups::BackupKind::BeforeMigration)?;
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for m in &pending {
            tx.execute_batch(m.sql).map_err(|e| {
                AppError::new(
                    ErrorCode::MigrationFailed,
                    format!(
                        "数据库升级失败（第 {} 步「{}」）：{e}。数据文件保持原样，未做任何修改。",
                        m.version, m.name
                    ),
                )
            })?;
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.execute(
            "INSERT INTO audit_log (at, actor_kind, actor_name, entity, action, detail)
             VALUES (?1, 'system', '系统', 'database', 'migrate', ?2)",
            rusqlite::params![clock::timestamp(self.clock.now()), format!("v{current} → v{target}")],
        )
        .map_err(|e| AppError::new(ErrorCode::MigrationFailed, format!("数据库升级失败：{e}")))?;
        tx.commit()?;
        Ok(())
    }
}

/// The station's time zone until settings say otherwise.
pub fn default_tz() -> Tz {
    clock::parse_timezone(clock::DEFAULT_TIMEZONE).unwrap_or(chrono_tz::Asia::Shanghai)
}

/// `station_now()` in SQL: the injectable clock's now (as `clock::timestamp` writes it), for
/// code that only holds a `&Connection` (e.g. `volunteers::volunteer_with_pin`).
fn register_clock(conn: &Connection, clock: &Clock) -> Result<()> {
    let clock = clock.clone();
    conn.create_scalar_function("station_now", 0, rusqlite::functions::FunctionFlags::SQLITE_UTF8, move |_| {
        Ok(clock::timestamp(clock.now()))
    })?;
    Ok(())
}

fn set_read_pragmas(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // SQLite leaves foreign keys off unless asked, per connection.
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn set_write_pragmas(conn: &Connection) -> Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(AppError::new(ErrorCode::Database, format!("无法启用 WAL 日志模式（{mode}）")));
    }
    // FULL: a booking acknowledged at the desk survives a power cut (see README for the cost).
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// The outer error is SQLite failing to run the check (see `open_failure`); the inner one a
/// finding of the check itself.
fn quick_check(conn: &Connection) -> rusqlite::Result<Result<()>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let findings: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if findings.len() == 1 && findings[0] == "ok" {
        return Ok(Ok(()));
    }
    Ok(Err(AppError::new(ErrorCode::IntegrityFailed, format!("数据文件检查未通过：{}", findings.join("；")))))
}

fn refuse_newer(conn: &Connection, migrations: &[Migration]) -> rusqlite::Result<Result<()>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = migrations.last().map_or(0, |m| m.version);
    if version > known {
        return Ok(Err(AppError::new(
            ErrorCode::DatabaseNewer,
            format!(
                "数据文件来自更新版本的工作台（数据版本 {version}，本程序支持到 {known}）。为保护数据，本程序不会打开或修改它，请升级工作台后再使用。"
            ),
        )));
    }
    Ok(Ok(()))
}

/// SQLite failing while the file is opened and checked. Only a finding about the file's
/// content (not a database at all, or corrupt) is damage that the recovery screen may offer
/// to replace; a permission, lock or disk error says nothing about the file, and replacing a
/// healthy database because a USB disk was slow would lose the work since the last backup.
fn open_failure(path: &Path, err: rusqlite::Error) -> AppError {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            AppError::new(ErrorCode::IntegrityFailed, format!("无法读取数据文件 {}：{err}", path.display()))
        }
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => err.into(),
        _ => AppError::new(
            ErrorCode::Io,
            format!("无法打开数据文件 {}：{err}。请检查文件权限和磁盘后重新启动工作台", path.display()),
        ),
    }
}
