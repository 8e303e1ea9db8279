use super::*;
use crate::demo::{self, DemoScale};
use crate::testing;
use crate::StaffActor;
use chrono::{Duration, TimeZone};
use proptest::prelude::*;
use std::collections::HashMap;

const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    SHANGHAI.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap().with_timezone(&Utc)
}

fn entry(n: usize, made_at: DateTime<Utc>, kind: BackupKind) -> BackupEntry {
    BackupEntry { path: PathBuf::from(format!("/b/{n:04}-{}.sqlite3", kind.label())), made_at, kind, size: 1 }
}

fn kept(all: &[BackupEntry], policy: &RetentionPolicy) -> Vec<BackupEntry> {
    let gone: HashSet<PathBuf> = expired(all, SHANGHAI, policy).into_iter().collect();
    all.iter().filter(|b| !gone.contains(&b.path)).cloned().collect()
}

/// Overwrites pages in the middle of a database file with garbage (as a failing disk does),
/// leaving the header readable so the damage only shows in the integrity check.
pub(crate) fn damage_middle_pages(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let pages = bytes.len() / page;
    assert!(pages >= 6, "a database this small cannot be damaged in the middle ({pages} pages)");
    for p in pages / 3..pages * 2 / 3 {
        for (i, b) in bytes[p * page..(p + 1) * page].iter_mut().enumerate() {
            *b = (i * 37 % 251) as u8;
        }
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn file_names_carry_the_time_and_the_kind() {
    let t = Utc.with_ymd_and_hms(2026, 11, 20, 1, 30, 0).unwrap();
    assert_eq!(parse_file_name("station-20261120-013000-daily.sqlite3"), Some((t, BackupKind::Daily)));
    assert_eq!(parse_file_name("station-20261120-013000-manual-3.sqlite3"), Some((t, BackupKind::Manual)));
    assert_eq!(parse_file_name("station-20261120-013000-before-restore.sqlite3"), Some((t, BackupKind::BeforeRestore)));
    assert_eq!(
        parse_file_name("station-20261120-013000-before-migration-2.sqlite3"),
        Some((t, BackupKind::BeforeMigration))
    );
    // what earlier versions wrote before a migration
    assert_eq!(parse_file_name("station-20261120-013000-before-v7.sqlite3"), Some((t, BackupKind::BeforeMigration)));
    assert_eq!(parse_file_name("station-20261120-013000-whatever.sqlite3"), Some((t, BackupKind::Other)));
    assert_eq!(parse_file_name("my-copy.sqlite3"), None);
    assert_eq!(parse_file_name("station-2026-daily.sqlite3"), None);
}

#[test]
fn keeps_the_newest_of_seven_days_and_of_four_weeks() {
    // Two daily backups a day (a restart after midnight UTC) for 60 days up to Fri 2026-11-20.
    let end = at(2026, 11, 20, 9, 0);
    let mut all = Vec::new();
    for day in 0..60 {
        all.push(entry(2 * day, end - Duration::days(day as i64), BackupKind::Daily));
        all.push(entry(2 * day + 1, end - Duration::days(day as i64) - Duration::hours(1), BackupKind::Daily));
    }
    let kept = kept(&all, &RetentionPolicy::default());
    let mut days: Vec<NaiveDate> = kept.iter().map(|b| clock::local_date(b.made_at, SHANGHAI)).collect();
    days.sort();
    let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    // Nov 14–20 (Fri) are the last 7 days; of the last 4 ISO weeks, those starting Nov 16 and
    // Nov 9 are already covered (Nov 20, Nov 15), those starting Nov 2 and Oct 26 add their
    // Sundays, Nov 8 and Nov 1.
    assert_eq!(
        days,
        vec![d(11, 1), d(11, 8), d(11, 14), d(11, 15), d(11, 16), d(11, 17), d(11, 18), d(11, 19), d(11, 20)]
    );
    assert!(kept.iter().all(|b| b.made_at.time() == end.time()), "the newest of each day");
}

#[test]
fn other_kinds_keep_their_last_ten_and_foreign_files_stay() {
    let end = at(2026, 11, 20, 9, 0);
    let mut all = Vec::new();
    for (k, kind) in [BackupKind::Manual, BackupKind::BeforeMigration, BackupKind::BeforeRestore, BackupKind::Other]
        .into_iter()
        .enumerate()
    {
        for i in 0..14 {
            all.push(entry(100 * k + i, end - Duration::hours(i as i64 * 30), kind));
        }
    }
    let kept = kept(&all, &RetentionPolicy::default());
    let per_kind = |kind| kept.iter().filter(|b| b.kind == kind).count();
    assert_eq!(per_kind(BackupKind::Manual), 10);
    assert_eq!(per_kind(BackupKind::BeforeMigration), 10);
    assert_eq!(per_kind(BackupKind::BeforeRestore), 10);
    assert_eq!(per_kind(BackupKind::Other), 14, "files the app did not name are never deleted");
    let newest_manual = all.iter().filter(|b| b.kind == BackupKind::Manual).map(|b| b.made_at).max().unwrap();
    assert!(kept.iter().any(|b| b.kind == BackupKind::Manual && b.made_at == newest_manual));
}

fn kind_strategy() -> impl Strategy<Value = BackupKind> {
    prop_oneof![
        4 => Just(BackupKind::Daily),
        1 => Just(BackupKind::Manual),
        1 => Just(BackupKind::BeforeMigration),
        1 => Just(BackupKind::BeforeRestore),
        1 => Just(BackupKind::Other),
    ]
}

proptest! {
    #[test]
    fn retention_never_loses_the_newest_keeps_within_the_policy_and_is_idempotent(
        raw in prop::collection::vec((0i64..90 * 24 * 60, kind_strategy()), 0..120),
        daily_days in 1usize..9,
        weekly_weeks in 0usize..6,
        per_other_kind in 1usize..12,
    ) {
        let policy = RetentionPolicy { daily_days, weekly_weeks, per_other_kind };
        let end = at(2026, 11, 20, 23, 0);
        let all: Vec<BackupEntry> =
            raw.iter().enumerate().map(|(i, (mins, kind))| entry(i, end - Duration::minutes(*mins), *kind)).collect();
        let kept = kept(&all, &policy);
        if let Some(newest) = all.iter().max_by(|a, b| a.made_at.cmp(&b.made_at).then_with(|| a.path.cmp(&b.path))) {
            prop_assert!(kept.contains(newest), "the newest backup is never deleted");
        }
        let mut per_kind: HashMap<BackupKind, usize> = HashMap::new();
        for b in &kept {
            *per_kind.entry(b.kind).or_default() += 1;
        }
        prop_assert!(per_kind.get(&BackupKind::Daily).copied().unwrap_or(0) <= daily_days + weekly_weeks);
        for kind in [BackupKind::Manual, BackupKind::BeforeMigration, BackupKind::BeforeRestore] {
            prop_assert!(per_kind.get(&kind).copied().unwrap_or(0) <= per_other_kind);
        }
        let others = all.iter().filter(|b| b.kind == BackupKind::Other).count();
        prop_assert_eq!(per_kind.get(&BackupKind::Other).copied().unwrap_or(0), others);
        // Each of the most recent days with a daily backup still has one.
        let mut days: Vec<NaiveDate> = all
            .iter()
            .filter(|b| b.kind == BackupKind::Daily)
            .map(|b| clock::local_date(b.made_at, SHANGHAI))
            .collect();
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        for day in days.iter().take(daily_days) {
            prop_assert!(kept.iter().any(|b| b.kind == BackupKind::Daily && clock::local_date(b.made_at, SHANGHAI) == *day));
        }
        prop_assert!(expired(&kept, SHANGHAI, &policy).is_empty(), "pruning twice deletes nothing more");
    }
}

fn file_station(dir: &Path, now: DateTime<Utc>) -> (Station, PathBuf) {
    let path = dir.join(db::DB_FILE_NAME);
    let station = Station::open_with(&path, db::MIGRATIONS, Clock::Fixed(now)).unwrap();
    (station, path)
}

#[test]
fn the_daily_backup_is_made_once_per_local_day() {
    let dir = tempfile::tempdir().unwrap();
    let (mut st, path) = file_station(dir.path(), at(2026, 11, 20, 7, 30));
    testing::add_admin_and_clerk(&mut st);
    let first = st.daily_backup_if_due().unwrap().expect("first start of the day backs up");
    assert_eq!(first.file_name().unwrap(), "station-20261119-233000-daily.sqlite3", "UTC in the name");
    st.set_clock(Clock::Fixed(at(2026, 11, 20, 23, 50)));
    assert_eq!(st.daily_backup_if_due().unwrap(), None, "same local day (Shanghai), although a new UTC day");
    st.set_clock(Clock::Fixed(at(2026, 11, 21, 0, 10)));
    assert!(st.daily_backup_if_due().unwrap().is_some(), "the next local day");
    let kinds: Vec<BackupKind> = list_backups(&path).iter().map(|b| b.kind).collect();
    assert_eq!(kinds, vec![BackupKind::Daily, BackupKind::Daily]);
}

#[test]
fn making_backups_prunes_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let start = at(2026, 10, 1, 8, 0);
    let (mut st, path) = file_station(dir.path(), start);
    for day in 0..40 {
        st.set_clock(Clock::Fixed(start + Duration::days(day)));
        st.daily_backup_if_due().unwrap();
    }
    for i in 0..12 {
        st.set_clock(Clock::Fixed(start + Duration::days(40) + Duration::minutes(i)));
        st.backup(BackupKind::Manual).unwrap();
    }
    let list = list_backups(&path);
    let dailies = list.iter().filter(|b| b.kind == BackupKind::Daily).count();
    let manual = list.iter().filter(|b| b.kind == BackupKind::Manual).count();
    assert!((7..=11).contains(&dailies), "{dailies} daily backups kept");
    assert_eq!(manual, 10);
    assert_eq!(list[0].made_at, start + Duration::days(40) + Duration::minutes(11), "newest first");
}

fn station_with_data(dir: &Path) -> (Station, PathBuf, StaffActor) {
    let (mut st, path) = file_station(dir, at(2026, 11, 20, 9, 30));
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    let scale = DemoScale { grids: 1, compounds_per_grid: 1, buildings_per_compound: 2, residents: 12 };
    demo::populate(&mut st, &admin, &scale, 7).unwrap();
    (st, path, admin)
}

fn resident_count(st: &Station) -> i64 {
    st.conn().query_row("SELECT count(*) FROM residents", [], |r| r.get(0)).unwrap()
}

#[test]
fn inspecting_a_backup_tells_when_it_was_made_and_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (st, _, _) = station_with_data(dir.path());
    let file = st.backup(BackupKind::Manual).unwrap().unwrap();
    let info = inspect_backup(&file).unwrap();
    assert_eq!(info.made_at, "2026-11-20T01:30:00Z");
    assert_eq!(info.kind, BackupKind::Manual);
    assert_eq!(info.schema_version, db::schema_version());
    assert_eq!(info.station_name.as_deref(), Some(testing::setup_input().station_name.as_str()));
    assert_eq!(info.counts.residents, Some(resident_count(&st)));
    assert!(info.counts.residents.unwrap() >= 12);
    assert_eq!(info.counts.cases, Some(0));
    assert_eq!(info.counts.service_hours, Some(0.0));
    // A copy saved elsewhere under another name: the time falls back to the file's.
    let elsewhere = dir.path().join("交接用备份.sqlite3");
    st.save_backup_as(&elsewhere).unwrap();
    let copy = inspect_backup(&elsewhere).unwrap();
    assert_eq!((copy.kind, copy.counts), (BackupKind::Other, info.counts));
    assert!(!dir.path().join("交接用备份.partial").exists());
}

#[test]
fn inspecting_refuses_damaged_foreign_and_newer_files() {
    let dir = tempfile::tempdir().unwrap();
    let (st, _, _) = station_with_data(dir.path());
    let file = st.backup(BackupKind::Manual).unwrap().unwrap();
    damage_middle_pages(&file);
    assert_eq!(inspect_backup(&file).unwrap_err().code, ErrorCode::IntegrityFailed);

    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "这不是数据库，只是一段文字。".repeat(100)).unwrap();
    assert_eq!(inspect_backup(&text).unwrap_err().code, ErrorCode::IntegrityFailed);

    let foreign = dir.path().join("other.sqlite3");
    Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x); PRAGMA user_version = 3;").unwrap();
    let err = inspect_backup(&foreign).unwrap_err();
    assert_eq!(err.code, ErrorCode::Validation);
    assert!(err.message.contains("不是服务站工作台的数据备份"));

    let newer = dir.path().join("newer.sqlite3");
    st.save_backup_as(&newer).unwrap();
    Connection::open(&newer).unwrap().pragma_update(None, "user_version", db::schema_version() + 1).unwrap();
    assert_eq!(inspect_backup(&newer).unwrap_err().code, ErrorCode::DatabaseNewer);

    assert_eq!(inspect_backup(&dir.path().join("missing.sqlite3")).unwrap_err().code, ErrorCode::NotFound);
}

#[test]
fn the_newest_good_backup_skips_damaged_ones() {
    let dir = tempfile::tempdir().unwrap();
    let (mut st, path, _) = station_with_data(dir.path());
    let good = st.backup(BackupKind::Daily).unwrap().unwrap();
    st.set_clock(Clock::Fixed(at(2026, 11, 21, 9, 30)));
    let bad = st.backup(BackupKind::Manual).unwrap().unwrap();
    damage_middle_pages(&bad);
    assert_eq!(list_backups(&path)[0].path, bad, "the damaged one is the newest");
    assert_eq!(newest_good_backup(&path).unwrap().path, good.display().to_string());
    damage_middle_pages(&good);
    assert!(newest_good_backup(&path).is_none());
}

#[test]
fn restoring_over_a_healthy_database_saves_it_first_and_audits_in_the_restored_one() {
    let dir = tempfile::tempdir().unwrap();
    let (st, path, admin) = station_with_data(dir.path());
    let before = resident_count(&st);
    let file = dir.path().join("上周的备份.sqlite3");
    st.save_backup_as(&file).unwrap();
    // Work done after the backup: lost by the restore, but kept in the before-restore backup.
    st.conn().execute("DELETE FROM resident_tags", []).unwrap();
    st.conn().execute("DELETE FROM residents WHERE id IN (SELECT id FROM residents LIMIT 5)", []).unwrap();
    assert_eq!(resident_count(&st), before - 5);
    let clock = Clock::Fixed(at(2026, 11, 22, 10, 0));
    let (restored, report) = restore(Some(st), &path, &file, &Actor::Staff(admin), clock).unwrap();
    assert_eq!(resident_count(&restored), before);
    let saved = PathBuf::from(report.saved_current.expect("current data saved first"));
    assert_eq!(parse_file_name(&file_name(&saved)).unwrap().1, BackupKind::BeforeRestore);
    assert_eq!(inspect_backup(&saved).unwrap().counts.residents, Some(before - 5));
    assert!(report.kept_damaged.is_none());
    let (action, detail): (String, String) = restored
        .conn()
        .query_row("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!(action, "restore");
    assert!(detail.contains("上周的备份.sqlite3") && detail.contains(&file_name(&saved)), "{detail}");
    assert!(!path.with_extension("restoring").exists());
    drop(restored);
    assert!(Station::open(&path).is_ok(), "the restored file opens again after a restart");
}

#[test]
fn recovering_a_damaged_database_keeps_the_damaged_file_aside() {
    let dir = tempfile::tempdir().unwrap();
    let (st, path, _) = station_with_data(dir.path());
    let residents = resident_count(&st);
    st.backup(BackupKind::Daily).unwrap();
    drop(st);
    damage_middle_pages(&path);
    assert_eq!(Station::open(&path).err().unwrap().code, ErrorCode::IntegrityFailed, "quick_check sees the damage");
    let damaged_bytes = std::fs::read(&path).unwrap();
    let offered = newest_good_backup(&path).expect("a good backup is offered");
    let clock = Clock::Fixed(at(2026, 11, 22, 10, 0));
    let (restored, report) = restore(None, &path, Path::new(&offered.path), &Actor::System, clock).unwrap();
    assert_eq!(resident_count(&restored), residents);
    let kept = PathBuf::from(report.kept_damaged.expect("damaged file kept"));
    assert_eq!(std::fs::read(&kept).unwrap(), damaged_bytes, "moved aside byte for byte");
    assert!(file_name(&kept).starts_with("station.sqlite3.damaged-"));
}

#[test]
fn a_damaged_source_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (st, path, admin) = station_with_data(dir.path());
    let residents = resident_count(&st);
    let file = dir.path().join("bad.sqlite3");
    st.save_backup_as(&file).unwrap();
    damage_middle_pages(&file);
    let clock = Clock::Fixed(at(2026, 11, 22, 10, 0));
    let err = restore(Some(st), &path, &file, &Actor::Staff(admin), clock).err().expect("refused");
    assert_eq!(err.code, ErrorCode::IntegrityFailed);
    let st = Station::open(&path).unwrap();
    assert_eq!(resident_count(&st), residents);
    assert!(list_backups(&path).iter().all(|b| b.kind != BackupKind::BeforeRestore), "nothing to undo");
}

#[test]
fn only_an_admin_of_the_backup_may_restore_it_at_the_recovery_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (st, _, admin) = station_with_data(dir.path());
    let file = st.backup(BackupKind::Manual).unwrap().unwrap();
    let found = verify_backup_admin(&file, " admin ", testing::ADMIN_PASSWORD).expect("the backup's admin");
    assert_eq!((found.id, found.display_name.as_str(), found.role), (admin.id, "王站长", Role::Admin));
    let refused = |user: &str, password: &str| verify_backup_admin(&file, user, password).unwrap_err().code;
    assert_eq!(refused("admin", "wrong-password"), ErrorCode::BadCredentials);
    assert_eq!(refused("clerk", "desk-pass-1"), ErrorCode::BadCredentials, "a clerk is not an admin");
    assert_eq!(refused("nobody", testing::ADMIN_PASSWORD), ErrorCode::BadCredentials);
    assert_eq!(refused("  ", testing::ADMIN_PASSWORD), ErrorCode::Validation);
}

#[test]
fn only_damage_to_the_file_counts_as_damage() {
    let dir = tempfile::tempdir().unwrap();
    // Not a database at all (overwritten by accident): damage, the recovery screen may offer a backup.
    let text = dir.path().join("overwritten.sqlite3");
    std::fs::write(&text, vec![0x42u8; 8192]).unwrap();
    assert_eq!(Station::open(&text).err().unwrap().code, ErrorCode::IntegrityFailed);
    // A path SQLite cannot open as a file (here a folder: what a permission or mount problem
    // looks like to it; root ignores file modes): the machine's problem, never restored over.
    let folder = dir.path().join("station.sqlite3");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("keep.txt"), "x").unwrap();
    let err = Station::open(&folder).err().expect("a folder is not a database");
    assert_eq!(err.code, ErrorCode::Io, "{}", err.message);
    assert!(err.message.contains("无法打开数据文件"), "{}", err.message);
}

// ---- hostile backups, photos, failures (issue 17) ----

/// A copy of the station's backup with `sql` run on it, as someone editing the file would.
fn tampered_backup(st: &Station, dir: &Path, name: &str, sql: &str) -> PathBuf {
    let file = dir.join(name);
    st.save_backup_as(&file).unwrap();
    let conn = Connection::open(&file).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    file
}

#[test]
fn a_hostile_backup_is_refused_with_the_reason_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (st, path, admin) = station_with_data(dir.path());
    let outside = tempfile::tempdir().unwrap();
    let trigger = tampered_backup(
        &st,
        outside.path(),
        "trigger.sqlite3",
        "CREATE TRIGGER steal AFTER INSERT ON residents BEGIN UPDATE staff SET password_hash = 'x'; END;",
    );
    let stranger = tampered_backup(
        &st,
        outside.path(),
        "admin.sqlite3",
        "INSERT INTO staff (username, display_name, password_hash, role, created_at)
         SELECT 'intruder', '外来管理员', password_hash, 'admin', created_at FROM staff WHERE username = 'admin';",
    );
    let climbing = tampered_backup(
        &st,
        outside.path(),
        "photo.sqlite3",
        "UPDATE inv_items SET photo = '../../.bashrc' WHERE id = (SELECT MIN(id) FROM inv_items);
         INSERT INTO backup_photos (folder, name, data) VALUES ('items', '../../.bashrc', x'41');",
    );
    let before = resident_count(&st);
    let mut st = Some(st);
    for (file, reason) in [(&trigger, "多出触发器「steal」"), (&stranger, "intruder"), (&climbing, "../../.bashrc")]
    {
        let clock = Clock::Fixed(at(2026, 11, 22, 10, 0));
        let current = st.take().unwrap();
        let err = restore(Some(current), &path, file, &Actor::Staff(admin.clone()), clock).err().expect("refused");
        assert!(err.message.contains(reason), "{}: {}", file.display(), err.message);
        let reopened = Station::open(&path).unwrap();
        assert_eq!(resident_count(&reopened), before, "nothing restored");
        st = Some(reopened);
    }
    assert!(!dir.path().join("../.bashrc").exists() && !dir.path().join("photos/.bashrc").exists());
    assert!(inspect_backup(&trigger).is_err() && inspect_backup(&climbing).is_err(), "the desk is told before it asks");
}

#[test]
fn a_backup_restored_on_a_new_machine_brings_every_photo_back() {
    let old = tempfile::tempdir().unwrap();
    let (mut st, _, admin) = station_with_data(old.path());
    demo::populate_areas(&mut st, &admin, 7).unwrap();
    let item: i64 = st.conn().query_row("SELECT MIN(id) FROM inv_items", [], |r| r.get(0)).unwrap();
    let png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    st.inventory_item_set_photo(
        &admin,
        &crate::inventory::items::ItemPhotoInput { item_id: item, data_base64: png.into() },
    )
    .unwrap();
    // A wish photo as the wish area stores it (a file in photos/wishes named in the row).
    let wishes = photos::folder(old.path(), "wishes");
    std::fs::create_dir_all(&wishes).unwrap();
    std::fs::write(wishes.join("wish-1-20261120093000.jpg"), b"\xff\xd8jpeg-bytes\xff\xd9").unwrap();
    let shown_before = st.inventory_item_photo(&admin, item).unwrap().expect("the item photo");
    let file = tempfile::tempdir().unwrap();
    let carried = file.path().join("从旧电脑带来的备份.sqlite3");
    st.save_backup_as(&carried).unwrap();
    drop(st);

    // The new machine: a fresh station set up by the same admin, then 从备份恢复.
    let new = tempfile::tempdir().unwrap();
    let (mut fresh, path) = file_station(new.path(), at(2026, 11, 22, 10, 0));
    let admin = fresh.initialize(&testing::setup_input()).unwrap().actor();
    let (restored, _) =
        restore(Some(fresh), &path, &carried, &Actor::Staff(admin.clone()), Clock::Fixed(at(2026, 11, 22, 10, 5)))
            .unwrap();
    assert_eq!(restored.inventory_item_photo(&admin, item).unwrap().as_deref(), Some(shown_before.as_str()));
    let wish = photos::folder(new.path(), "wishes").join("wish-1-20261120093000.jpg");
    assert_eq!(std::fs::read(wish).unwrap(), b"\xff\xd8jpeg-bytes\xff\xd9");
    let left: i64 = restored
        .conn()
        .query_row("SELECT count(*) FROM sqlite_master WHERE name = 'backup_photos'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0, "the carrying table does not stay in the database");
}

#[test]
fn a_failed_backup_is_remembered_and_shown_until_one_succeeds_and_leaves_no_half_file() {
    let dir = tempfile::tempdir().unwrap();
    let (st, path, admin) = station_with_data(dir.path());
    let good = st.backup(BackupKind::Daily).unwrap().unwrap();
    // The backups folder becomes unusable (here: a file where the folder should be).
    let folder = backup_dir(&path);
    std::fs::rename(&folder, dir.path().join("moved-away")).unwrap();
    std::fs::write(&folder, "not a folder").unwrap();
    let err = st.backup(BackupKind::Daily).unwrap_err();
    let failure = backup_status(&path).failure.expect("remembered");
    assert_eq!((failure.kind.as_str(), failure.at.as_str()), ("daily", "2026-11-20T01:30:00Z"));
    assert_eq!(failure.message, err.message);
    assert_eq!(st.home_summary(&admin).unwrap().backup_failure, Some(failure), "on the desk home");
    // A save to a place that cannot take it leaves neither the file nor its partial copy.
    let target = dir.path().join("no-such-folder").join("copy.sqlite3");
    assert!(st.save_backup_as(&target).is_err());
    assert!(!target.exists() && !dir.path().join("no-such-folder/copy.sqlite3.partial").exists());
    // The folder is back: the next backup succeeds, the notice goes, the last good one stays.
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(dir.path().join("moved-away"), &folder).unwrap();
    st.backup(BackupKind::Manual).unwrap();
    assert!(backup_status(&path).failure.is_none());
    assert!(st.home_summary(&admin).unwrap().backup_failure.is_none());
    assert!(good.exists());
    let names: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".partial")), "{names:?}");
}
