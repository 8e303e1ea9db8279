//! Backups of the station database and restoring one.
//!
//! Every backup is a `VACUUM INTO` copy (consistent while the app runs, compacted, in the
//! rollback-journal format so it is a single self-contained file) in `<data dir>/backups/`,
//! named `station-YYYYMMDD-HHMMSS-<kind>.sqlite3` with the time in UTC. The kind decides how
//! long it is kept (see [`RetentionPolicy`]):
//! - `daily`: made at the first start of each local day; kept: the newest of each of the
//!   last 7 days that have one, plus the newest of each of the last 4 ISO weeks;
//! - `manual` (立即备份, `station-desk backup`), `before-migration`, `before-restore`: the last
//!   10 of each kind;
//! - any other `.sqlite3` file someone put in the folder is never deleted.
//!
//! Restoring verifies the chosen file first ([`inspect_backup`]), saves the current database
//! as a `before-restore` backup, closes it, and swaps the verified copy in.

use crate::actor::{Actor, Role, StaffActor};
use crate::clock::{self, Clock};
use crate::db::{self, Station};
use crate::error::{AppError, ErrorCode, Result};
use crate::photos;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    Daily,
    Manual,
    BeforeMigration,
    BeforeRestore,
    /// A file in the backups folder not named by the app: listed, never deleted.
    Other,
}

impl BackupKind {
    pub const OWN: [BackupKind; 4] =
        [BackupKind::Daily, BackupKind::Manual, BackupKind::BeforeMigration, BackupKind::BeforeRestore];

    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Daily => "daily",
            BackupKind::Manual => "manual",
            BackupKind::BeforeMigration => "before-migration",
            BackupKind::BeforeRestore => "before-restore",
            BackupKind::Other => "other",
        }
    }

    fn from_label(label: &str) -> BackupKind {
        match label {
            "daily" => BackupKind::Daily,
            "manual" => BackupKind::Manual,
            "before-restore" => BackupKind::BeforeRestore,
            // `before-v7` is how versions before 0.2 named the backup before a migration
            l if l == "before-migration" || l.starts_with("before-v") => BackupKind::BeforeMigration,
            _ => BackupKind::Other,
        }
    }
}

/// One backup file as the folder lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupEntry {
    pub path: PathBuf,
    pub made_at: DateTime<Utc>,
    pub kind: BackupKind,
    pub size: u64,
}

/// A backup for the list on the 备份与恢复 page.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupListItem {
    pub file_name: String,
    pub path: String,
    /// RFC 3339 (UTC)
    pub made_at: String,
    pub kind: BackupKind,
    pub size: u64,
}

/// What is in a backup file, for the confirmation before restoring it. A count is None when
/// the backup's schema has no such table yet (made by an older version).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupCounts {
    pub residents: Option<i64>,
    pub volunteers: Option<i64>,
    pub activities: Option<i64>,
    pub bookings: Option<i64>,
    pub wishes: Option<i64>,
    pub items: Option<i64>,
    pub cases: Option<i64>,
    /// approved volunteer service, in hours (one decimal)
    pub service_hours: Option<f64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub file_name: String,
    /// when the backup was made (from the app's file name, else the file's modification
    /// time), RFC 3339 UTC
    pub made_at: String,
    pub kind: BackupKind,
    pub size: u64,
    pub schema_version: i64,
    pub station_name: Option<String>,
    pub counts: BackupCounts,
}

/// What a restore did, for the message afterwards and the audit log.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored: BackupInfo,
    /// the database as it was just before, saved as a `before-restore` backup
    pub saved_current: Option<String>,
    /// a damaged database moved aside (start-up recovery), never deleted
    pub kept_damaged: Option<String>,
}

const STAMP: &str = "%Y%m%d-%H%M%S";
const PREFIX: &str = "station-";
const EXTENSION: &str = "sqlite3";

pub fn backup_dir(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or(Path::new(".")).join(db::BACKUP_DIR_NAME)
}

/// `station-20261120-013000-daily.sqlite3` → (2026-11-20 01:30:00 UTC, Daily). A `-2`, `-3` …
/// after the kind (two backups in one second) is ignored.
pub fn parse_file_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(&format!(".{EXTENSION}"))?;
    let stamp = rest.get(..15)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    let label = rest.get(16..)?;
    let label = match label.rsplit_once('-') {
        Some((head, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => head,
        _ => label,
    };
    Some((at, BackupKind::from_label(label)))
}

/// Every `.sqlite3` file in the backups folder, newest first.
pub fn list_backups(db_path: &Path) -> Vec<BackupEntry> {
    let Ok(entries) = std::fs::read_dir(backup_dir(db_path)) else { return Vec::new() };
    let mut list: Vec<BackupEntry> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == EXTENSION))
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(|m| m.is_file())?;
            let name = e.file_name().to_string_lossy().to_string();
            let (made_at, kind) = parse_file_name(&name)
                .or_else(|| Some((DateTime::<Utc>::from(meta.modified().ok()?), BackupKind::Other)))?;
            Some(BackupEntry { path: e.path(), made_at, kind, size: meta.len() })
        })
        .collect();
    sort_newest_first(&mut list);
    list
}

fn sort_newest_first(list: &mut [BackupEntry]) {
    list.sort_by(|a, b| b.made_at.cmp(&a.made_at).then_with(|| b.path.cmp(&a.path)));
}

impl BackupEntry {
    pub fn list_item(&self) -> BackupListItem {
        BackupListItem {
            file_name: file_name(&self.path),
            path: self.path.display().to_string(),
            made_at: clock::timestamp(self.made_at),
            kind: self.kind,
            size: self.size,
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

/// How many backups of each kind are kept (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionPolicy {
    pub daily_days: usize,
    pub weekly_weeks: usize,
    pub per_other_kind: usize,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy { daily_days: 7, weekly_weeks: 4, per_other_kind: 10 }
    }
}

/// The backups the policy no longer keeps. Pure: days and weeks are the station's local ones.
pub fn expired(backups: &[BackupEntry], tz: Tz, policy: &RetentionPolicy) -> Vec<PathBuf> {
    let mut sorted = backups.to_vec();
    sort_newest_first(&mut sorted);
    let mut keep: HashSet<&Path> = HashSet::new();
    let dailies: Vec<&BackupEntry> = sorted.iter().filter(|b| b.kind == BackupKind::Daily).collect();
    // The newest of each of the most recent `limit` distinct periods (days or ISO weeks).
    let mut keep_newest_per = |limit: usize, period: &dyn Fn(NaiveDate) -> (i32, u32)| {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for b in &dailies {
            let p = period(clock::local_date(b.made_at, tz));
            if !seen.contains(&p) {
                seen.push(p);
                if seen.len() <= limit {
                    keep.insert(&b.path);
                }
            }
        }
    };
    keep_newest_per(policy.daily_days, &|d| (d.year(), d.ordinal()));
    keep_newest_per(policy.weekly_weeks, &|d| (d.iso_week().year(), d.iso_week().week()));
    for kind in [BackupKind::Manual, BackupKind::BeforeMigration, BackupKind::BeforeRestore] {
        keep.extend(sorted.iter().filter(|b| b.kind == kind).take(policy.per_other_kind).map(|b| b.path.as_path()));
    }
    keep.extend(sorted.iter().filter(|b| b.kind == BackupKind::Other).map(|b| b.path.as_path()));
    sorted.iter().filter(|b| !keep.contains(b.path.as_path())).map(|b| b.path.clone()).collect()
}

/// Deletes what the policy no longer keeps; returns what was deleted. A file that cannot be
/// deleted is left (and reported by the caller's log), never a reason to fail a backup.
/// The newest backup that still passes `quick_check` is never deleted, whatever the policy
/// says (the newest may have been damaged on disk since it was made).
pub fn prune(db_path: &Path, tz: Tz) -> Vec<PathBuf> {
    let list = list_backups(db_path);
    let last_good = list.iter().find(|b| open_read_only(&b.path).is_ok_and(|c| quick_check_file(&c, &b.path).is_ok()));
    let last_good = last_good.map(|b| b.path.clone());
    expired(&list, tz, &RetentionPolicy::default())
        .into_iter()
        .filter(|p| Some(p) != last_good.as_ref())
        .filter(|p| std::fs::remove_file(p).is_ok())
        .collect()
}

impl Station {
    /// Copies the whole database, and the photo files, into the backups folder and applies
    /// the retention policy. Written under a temporary name, checked (`quick_check`) and only
    /// then renamed into place: a backup in the list is always a whole, sound file. A failed
    /// backup is remembered ([`backup_status`]) until the next one succeeds, so the desk can
    /// show it. Returns the backup's path; None for an in-memory database.
    pub fn backup(&self, kind: BackupKind) -> Result<Option<PathBuf>> {
        let Some(path) = self.path() else { return Ok(None) };
        let dir = backup_dir(path);
        let made = std::fs::create_dir_all(&dir).map_err(AppError::from).and_then(|()| {
            let stamp = self.now().format(STAMP);
            let label = kind.label();
            let mut target = dir.join(format!("{PREFIX}{stamp}-{label}.{EXTENSION}"));
            let mut n = 1;
            while target.exists() {
                n += 1;
                target = dir.join(format!("{PREFIX}{stamp}-{label}-{n}.{EXTENSION}"));
            }
            self.write_complete_copy(&target)?;
            Ok(target)
        });
        match made {
            Ok(target) => {
                let _ = std::fs::remove_file(failure_file(path));
                prune(path, self.tz());
                Ok(Some(target))
            }
            Err(e) => {
                let note = format!("{}\t{}\t{}", clock::timestamp(self.now()), kind.label(), e.message);
                // (if even this cannot be written, the error below still reaches the caller's log)
                let _ = std::fs::write(failure_file(path), note);
                Err(e)
            }
        }
    }

    /// A daily backup at the first start of the station's local day; None when today's
    /// exists already (or the database is in memory).
    pub fn daily_backup_if_due(&self) -> Result<Option<PathBuf>> {
        let Some(path) = self.path() else { return Ok(None) };
        let today = self.today();
        let tz = self.tz();
        let done =
            list_backups(path).iter().any(|b| b.kind == BackupKind::Daily && clock::local_date(b.made_at, tz) == today);
        if done {
            return Ok(None);
        }
        self.backup(BackupKind::Daily)
    }

    /// A backup to a file the person chose (备份到…), photos included. Written beside the
    /// target first, checked and renamed, so a failed copy never leaves half a file under
    /// the chosen name.
    pub fn save_backup_as(&self, target: &Path) -> Result<()> {
        self.write_complete_copy(target)
    }

    /// The database and the photo folders as one file at `target`, via `<target>.partial`.
    fn write_complete_copy(&self, target: &Path) -> Result<()> {
        let partial = PathBuf::from(format!("{}.partial", target.display()));
        let _ = std::fs::remove_file(&partial);
        let result = self.vacuum_into(&partial).and_then(|()| {
            let copy = Connection::open(&partial)?;
            if let Some(data_dir) = self.path().and_then(Path::parent) {
                add_photos(&copy, data_dir)?;
            }
            quick_check_file(&copy, target)?;
            drop(copy);
            std::fs::rename(&partial, target)
                .map_err(|e| AppError::new(ErrorCode::Io, format!("无法写入备份文件 {}：{e}", target.display())))
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result
    }

    fn vacuum_into(&self, target: &Path) -> Result<()> {
        self.conn()
            .execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map_err(|e| AppError::new(ErrorCode::Io, format!("无法写入备份文件 {}：{e}", target.display())))?;
        Ok(())
    }
}

/// Where a failed backup is remembered (time, kind, reason; tab-separated) until the next
/// backup succeeds: a file beside the database, not a row (the database may be what failed)
/// and not in the backups folder (that folder may be what failed).
const FAILURE_FILE: &str = "last-backup-failed.txt";

fn failure_file(db_path: &Path) -> PathBuf {
    db_path.parent().unwrap_or_else(|| Path::new(".")).join(FAILURE_FILE)
}

/// The table a backup carries the photo files in (item and wish photos live in files beside
/// the database; case photos are in it). Only ever in a backup file: restoring writes the
/// files back and drops it. Its SQL is compared like the rest of the schema.
const PHOTOS_TABLE_SQL: &str = "CREATE TABLE backup_photos (folder TEXT NOT NULL, name TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (folder, name)) STRICT";

fn add_photos(copy: &Connection, data_dir: &Path) -> Result<()> {
    copy.execute_batch(PHOTOS_TABLE_SQL)?;
    let mut insert = copy.prepare("INSERT INTO backup_photos (folder, name, data) VALUES (?1, ?2, ?3)")?;
    for folder in photos::FOLDERS {
        let Ok(entries) = std::fs::read_dir(photos::folder(data_dir, folder)) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if !is_file || !photos::is_safe_name(&name) {
                continue; // the app writes only plain names; anything else is not ours
            }
            let data = std::fs::read(entry.path())?;
            insert.execute(rusqlite::params![folder, name, data])?;
        }
    }
    Ok(())
}

fn quick_check_file(conn: &Connection, target: &Path) -> Result<()> {
    let findings: Vec<String> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| AppError::new(ErrorCode::Io, format!("备份文件 {} 写入后检查失败：{e}", target.display())))?;
    if findings.len() == 1 && findings[0] == "ok" {
        return Ok(());
    }
    Err(AppError::new(
        ErrorCode::Io,
        format!("备份文件 {} 写入后检查未通过：{}", target.display(), findings.join("；")),
    ))
}

/// The state of the backups, for the desk: the newest backup and a failure since it.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupStatus {
    pub newest: Option<BackupListItem>,
    /// the last backup attempt failed (and none succeeded since)
    pub failure: Option<BackupFailure>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFailure {
    /// RFC 3339 (UTC)
    pub at: String,
    pub kind: String,
    pub message: String,
}

pub fn backup_status(db_path: &Path) -> BackupStatus {
    let failure = std::fs::read_to_string(failure_file(db_path)).ok().map(|text| {
        let mut parts = text.splitn(3, '\t');
        let at = parts.next().unwrap_or_default().to_string();
        let kind = parts.next().unwrap_or_default().to_string();
        BackupFailure { at, kind, message: parts.next().unwrap_or_default().to_string() }
    });
    BackupStatus { newest: list_backups(db_path).first().map(BackupEntry::list_item), failure }
}

fn open_read_only(path: &Path) -> Result<Connection> {
    let unreadable = |e: &dyn std::fmt::Display| {
        AppError::new(ErrorCode::IntegrityFailed, format!("无法读取备份文件 {}：{e}", path.display()))
    };
    if !path.is_file() {
        return Err(AppError::new(ErrorCode::NotFound, format!("找不到备份文件 {}", path.display())));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| unreadable(&e))?;
    // A file from elsewhere may bring triggers and views of its own: none may call a function
    // with side effects while it is read (and the schema is compared before anything else).
    conn.pragma_update(None, "trusted_schema", "OFF").map_err(|e| unreadable(&e))?;
    // A file that is not SQLite at all only shows it on the first read.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(|e| unreadable(&e))?;
    Ok(conn)
}

fn integrity_check(conn: &Connection, path: &Path) -> Result<()> {
    let findings: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| AppError::new(ErrorCode::IntegrityFailed, format!("备份文件 {} 已损坏：{e}", path.display())))?;
    if findings.len() == 1 && findings[0] == "ok" {
        return Ok(());
    }
    let shown: Vec<&str> = findings.iter().take(3).map(String::as_str).collect();
    Err(AppError::new(
        ErrorCode::IntegrityFailed,
        format!("备份文件 {} 已损坏，不能用于恢复：{}", path.display(), shown.join("；")),
    ))
}

fn table_exists(conn: &Connection, table: &str) -> bool {
    conn.query_row("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |_| Ok(()))
        .optional()
        .ok()
        .flatten()
        .is_some()
}

fn count(conn: &Connection, table: &str, sql: &str) -> Result<Option<i64>> {
    if !table_exists(conn, table) {
        return Ok(None);
    }
    Ok(Some(conn.query_row(sql, [], |r| r.get(0))?))
}

/// Opens a backup read-only and tells what is in it, refusing a damaged file, a file that is
/// not a station database, and one from a newer version of the app.
pub fn inspect_backup(path: &Path) -> Result<BackupInfo> {
    let conn = open_read_only(path)?;
    integrity_check(&conn, path)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > db::schema_version() {
        return Err(AppError::new(
            ErrorCode::DatabaseNewer,
            format!(
                "备份文件来自更新版本的工作台（数据版本 {version}，本程序支持到 {}），请升级工作台后再恢复。",
                db::schema_version()
            ),
        ));
    }
    if version < 1 || !table_exists(&conn, "settings") {
        return Err(AppError::new(ErrorCode::Validation, format!("{} 不是服务站工作台的数据备份", path.display())));
    }
    compare_schema(&conn, version)?;
    check_photo_names(&conn)?;
    let station_name: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = 'station_name'", [], |r| r.get(0))
        .optional()?
        .filter(|n: &String| !n.is_empty());
    let minutes = count(&conn, "volunteer_ledger", "SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger")?;
    let counts = BackupCounts {
        residents: count(&conn, "residents", "SELECT count(*) FROM residents WHERE archived_at IS NULL")?,
        volunteers: count(&conn, "volunteers", "SELECT count(*) FROM volunteers")?,
        activities: count(&conn, "activities", "SELECT count(*) FROM activities")?,
        bookings: count(&conn, "bookings", "SELECT count(*) FROM bookings")?,
        wishes: count(&conn, "wishes", "SELECT count(*) FROM wishes")?,
        items: count(&conn, "inv_items", "SELECT count(*) FROM inv_items")?,
        cases: count(&conn, "cases", "SELECT count(*) FROM cases")?,
        service_hours: minutes.map(|m| (m as f64 / 6.0).round() / 10.0),
    };
    let meta = std::fs::metadata(path)?;
    let name = file_name(path);
    let (made_at, kind) = parse_file_name(&name).unwrap_or_else(|| {
        (meta.modified().map(DateTime::<Utc>::from).unwrap_or_else(|_| Utc::now()), BackupKind::Other)
    });
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        made_at: clock::timestamp(made_at),
        kind,
        size: meta.len(),
        schema_version: version,
        station_name,
        counts,
    })
}

/// Every table, index, trigger and view as `sqlite_master` holds it.
fn schema_of(conn: &Connection) -> Result<std::collections::BTreeMap<(String, String), Option<String>>> {
    let mut stmt = conn.prepare("SELECT type, name, sql FROM sqlite_master")?;
    let rows = stmt.query_map([], |r| Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The schema this app creates for `version` (its migrations up to it, on an empty database).
fn expected_schema(version: i64) -> Result<std::collections::BTreeMap<(String, String), Option<String>>> {
    let upto = db::MIGRATIONS.iter().take_while(|m| m.version <= version).count();
    let fresh = Station::open_in_memory_with(&db::MIGRATIONS[..upto], Clock::System)?;
    schema_of(fresh.conn())
}

fn kind_label(kind: &str) -> &str {
    match kind {
        "table" => "表",
        "index" => "索引",
        "trigger" => "触发器",
        "view" => "视图",
        other => other,
    }
}

/// A backup's schema must be exactly the one this app made for its version (plus the photos
/// table of a backup): an extra trigger, a changed table or a view of its own is refused,
/// with the first difference named.
fn compare_schema(conn: &Connection, version: i64) -> Result<()> {
    let refuse = |what: String| {
        AppError::new(
            ErrorCode::Validation,
            format!("备份文件的数据库结构与本程序第 {version} 版的不一致（{what}），可能被改动过，不能用于恢复"),
        )
    };
    let mut found = schema_of(conn)?;
    if let Some(sql) = found.remove(&("table".to_string(), "backup_photos".to_string())) {
        if sql.as_deref() != Some(PHOTOS_TABLE_SQL) {
            return Err(refuse("表「backup_photos」的定义不同".to_string()));
        }
        found.remove(&("index".to_string(), "sqlite_autoindex_backup_photos_1".to_string()));
    }
    let expected = expected_schema(version)?;
    for ((kind, name), sql) in &found {
        match expected.get(&(kind.clone(), name.clone())) {
            None => return Err(refuse(format!("多出{}「{name}」", kind_label(kind)))),
            Some(want) if want != sql => return Err(refuse(format!("{}「{name}」的定义不同", kind_label(kind)))),
            Some(_) => {}
        }
    }
    if let Some((kind, name)) = expected.keys().find(|k| !found.contains_key(*k)) {
        return Err(refuse(format!("缺少{}「{name}」", kind_label(kind))));
    }
    Ok(())
}

/// Photo file names read from a backup are joined to folders on restore: each must be a
/// plain name (see `photos::is_safe_name`), in the tables and in the photos it carries.
fn check_photo_names(conn: &Connection) -> Result<()> {
    let mut names: Vec<(String, String)> = Vec::new();
    for (table, sql) in [
        ("inv_items", "SELECT 'items', photo FROM inv_items WHERE photo IS NOT NULL"),
        ("wishes", "SELECT 'wishes', photo FROM wishes WHERE photo IS NOT NULL"),
        ("backup_photos", "SELECT folder, name FROM backup_photos"),
    ] {
        if table_exists(conn, table) {
            let mut stmt = conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            names.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
    }
    if let Some((_, bad)) =
        names.iter().find(|(folder, name)| !photos::FOLDERS.contains(&folder.as_str()) || !photos::is_safe_name(name))
    {
        let shown: String = bad.chars().take(60).collect();
        return Err(AppError::new(
            ErrorCode::Validation,
            format!("备份文件里的照片文件名「{shown}」不合规（含路径或特殊字符），可能被改动过，不能用于恢复"),
        ));
    }
    Ok(())
}

/// An admin account in a backup from outside the station's backups folder must be an admin
/// of the current station too (by login name): a file off a USB stick cannot bring a new
/// administrator. Returns the current accounts' password hashes by login name, which the
/// restored database then keeps (an edited hash in the file changes no one's password).
fn check_accounts(backup: &Connection, current: &Connection) -> Result<Vec<(String, String, String)>> {
    let admins = |conn: &Connection| -> Result<Vec<String>> {
        let mut stmt = conn.prepare("SELECT lower(username) FROM staff WHERE role = 'admin' AND disabled = 0")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let ours = admins(current)?;
    if let Some(stranger) = admins(backup)?.into_iter().find(|a| !ours.contains(a)) {
        let shown: String = stranger.chars().take(40).collect();
        return Err(AppError::new(
            ErrorCode::Validation,
            format!(
                "备份文件里有本站没有的管理员账号「{shown}」。为防止借备份文件植入账号，只能恢复管理员与本站一致的备份"
            ),
        ));
    }
    let mut stmt = current.prepare("SELECT username, password_hash, role FROM staff")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Checks `password` against the admins of a backup and returns that admin (the start-up
/// recovery: the damaged database cannot be asked, and the restored data will be the
/// backup's, so its admins are the ones who may put it in place).
pub fn verify_backup_admin(path: &Path, username: &str, password: &str) -> Result<StaffActor> {
    if username.trim().is_empty() {
        return Err(AppError::validation("username", "请填写管理员登录名"));
    }
    let conn = open_read_only(path)?;
    let admin: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT id, display_name, password_hash FROM staff WHERE username = ?1 AND role = 'admin' AND disabled = 0",
            [username.trim()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match admin {
        Some((id, display_name, hash)) if crate::staff::verify_password(password, &hash) => {
            Ok(StaffActor { id, display_name, role: Role::Admin })
        }
        _ => Err(AppError::new(ErrorCode::BadCredentials, "管理员登录名或密码不正确")),
    }
}

/// The schema version of a database file, read without changing it (None when there is no
/// file or it cannot be read): lets the shell log a migration as one.
pub fn file_schema_version(path: &Path) -> Option<i64> {
    if !path.is_file() {
        return None;
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).ok()?;
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).ok()
}

/// The newest backup that passes the integrity check (damaged ones are skipped): what the
/// recovery screen offers when the database fails its check at start.
pub fn newest_good_backup(db_path: &Path) -> Option<BackupInfo> {
    list_backups(db_path).iter().find_map(|b| inspect_backup(&b.path).ok())
}

/// Puts a verified copy of `source` in place of the database at `db_path`.
///
/// `current` is the open station (a healthy database): it is saved as a `before-restore`
/// backup and closed (so its WAL is checkpointed and removed) before the swap. None means the
/// database could not be opened (start-up recovery): the damaged file and its WAL/SHM are
/// moved aside as `station.sqlite3.damaged-<time>`, never deleted.
///
/// On an error the file at `db_path` is either the old database, untouched, or the restored
/// one; the caller reopens whatever is there.
pub fn restore(
    current: Option<Station>,
    db_path: &Path,
    source: &Path,
    actor: &Actor,
    clock: Clock,
) -> Result<(Station, RestoreReport)> {
    let restored = inspect_backup(source)?;
    let now = clock.now();
    let source_conn = open_read_only(source)?;
    // A backup the app made in its own folder is the station's; a file from elsewhere may not
    // bring administrators of its own.
    let own_folder = |p: &Path| p.parent().and_then(|d| d.canonicalize().ok());
    let from_own_folder = own_folder(source).is_some_and(|d| Some(d) == backup_dir(db_path).canonicalize().ok());
    let accounts = match &current {
        Some(station) if !from_own_folder => check_accounts(&source_conn, station.conn())?,
        _ => Vec::new(),
    };
    // The copy is made before the current database is touched: a source that cannot be read
    // leaves everything as it was. VACUUM INTO from the source also folds in a WAL it may have.
    let incoming = db_path.with_extension("restoring");
    let _ = std::fs::remove_file(&incoming);
    source_conn
        .execute("VACUUM INTO ?1", [incoming.to_string_lossy()])
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法复制备份文件：{e}")))?;
    drop(source_conn);
    let carried = match take_photos(&incoming, &accounts) {
        Ok(carried) => carried,
        Err(e) => {
            let _ = std::fs::remove_file(&incoming);
            return Err(e);
        }
    };
    let mut saved_current = None;
    let mut kept_damaged = None;
    let cleared = match current {
        Some(station) => station.backup(BackupKind::BeforeRestore).and_then(|saved| {
            saved_current = saved;
            drop(station);
            // After a clean close SQLite has removed them; one left over belongs to the old
            // file and must not be replayed into the restored one.
            sidecars(db_path).iter().filter(|side| side.exists()).try_for_each(|side| Ok(std::fs::remove_file(side)?))
        }),
        None => move_aside(db_path, now).map(|kept| kept_damaged = Some(kept)),
    };
    if let Err(e) = cleared {
        let _ = std::fs::remove_file(&incoming);
        return Err(e);
    }
    if let Err(e) = std::fs::rename(&incoming, db_path) {
        // Leave the folder as it was found rather than with no database at all.
        if let Some(kept) = &kept_damaged {
            let _ = std::fs::rename(kept, db_path);
        }
        return Err(e.into());
    }
    let mut station = Station::open_with(db_path, db::MIGRATIONS, clock)?;
    if let Some(data_dir) = db_path.parent() {
        put_photos(data_dir, &carried)?;
    }
    let detail = format!(
        "从备份 {} 恢复（备份时间 {}）{}",
        restored.file_name,
        restored.made_at,
        saved_current
            .as_ref()
            .map(|p| format!("；恢复前的数据已另存为 {}", file_name(p)))
            .or_else(|| kept_damaged.as_ref().map(|p| format!("；损坏的数据文件已保留为 {}", file_name(p))))
            .unwrap_or_default()
    );
    // The person who restored may not exist (or be someone else) in the restored data: the
    // entry then names them in words, as the system's.
    let same_person = match actor {
        Actor::Staff(s) => station
            .conn()
            .query_row("SELECT display_name FROM staff WHERE id = ?1", [s.id], |r| r.get::<_, String>(0))
            .optional()?
            .is_some_and(|name| name == s.display_name),
        _ => true,
    };
    if same_person {
        station.write(actor, |tx| tx.audit("database", None, "restore", &detail))?;
    } else {
        let detail = format!("{detail}；操作人 {}", actor.display_name());
        station.write(&Actor::System, |tx| tx.audit("database", None, "restore", &detail))?;
    }
    let show = |p: Option<PathBuf>| p.map(|p| p.display().to_string());
    Ok((station, RestoreReport { restored, saved_current: show(saved_current), kept_damaged: show(kept_damaged) }))
}

/// Takes the photos out of the copy about to be restored (the table is dropped from it) and
/// gives the current accounts' passwords to the same login names in it.
fn take_photos(incoming: &Path, accounts: &[(String, String, String)]) -> Result<Vec<(String, String, Vec<u8>)>> {
    let conn = Connection::open(incoming)?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    let mut carried = Vec::new();
    if table_exists(&conn, "backup_photos") {
        let mut stmt = conn.prepare("SELECT folder, name, data FROM backup_photos")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        carried = rows.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        conn.execute_batch("DROP TABLE backup_photos")?;
    }
    for (username, hash, _) in accounts {
        conn.execute("UPDATE staff SET password_hash = ?1 WHERE username = ?2", [hash, username])?;
    }
    Ok(carried)
}

/// Writes restored photos into the data folder (names checked again: never trust twice-read
/// data less than once).
fn put_photos(data_dir: &Path, carried: &[(String, String, Vec<u8>)]) -> Result<()> {
    for (folder, name, data) in carried {
        if !photos::FOLDERS.contains(&folder.as_str()) {
            continue;
        }
        let dir = photos::folder(data_dir, folder);
        let Some(path) = photos::path_in(&dir, name) else { continue };
        std::fs::create_dir_all(&dir)?;
        std::fs::write(path, data)?;
    }
    Ok(())
}

fn sidecars(db_path: &Path) -> [PathBuf; 2] {
    ["-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", db_path.display())))
}

/// Moves a damaged database (and its WAL/SHM, which belong with it) aside.
fn move_aside(db_path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let kept = db_path.with_file_name(format!("{}.damaged-{}", db::DB_FILE_NAME, now.format(STAMP)));
    if db_path.exists() {
        std::fs::rename(db_path, &kept)?;
    }
    for (side, suffix) in sidecars(db_path).iter().zip(["-wal", "-shm"]) {
        if side.exists() {
            std::fs::rename(side, PathBuf::from(format!("{}{suffix}", kept.display())))?;
        }
    }
    Ok(kept)
}

#[cfg(test)]
mod tests;
