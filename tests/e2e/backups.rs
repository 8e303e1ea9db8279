//! Backups and recovery, and the desktop conventions around them: a damaged database walked
//! through recovery, 备份到… / 从备份恢复… through the (test-answered) native dialogs, one
//! instance per data folder, the log file and the remembered window.

use super::flows::{login, total_residents};
use super::harness::{app_command, demo_data, App, Mode};
use chrono::{DateTime, Datelike, Timelike};
use serde_json::json;
use station_core::backups::{self, BackupInfo};
use station_core::{db, ErrorCode, Station};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// `station-desk demo` makes this administrator.
const DEMO_ADMIN: (&str, &str) = ("admin", "admin1234");

/// What the screen shows for a backup's time: 2026年11月20日 09:30 in the station's zone.
fn shown_date(info: &BackupInfo) -> String {
    let tz = station_core::clock::parse_timezone("Asia/Shanghai").expect("zone");
    let t = DateTime::parse_from_rfc3339(&info.made_at).expect("made_at").with_timezone(&tz);
    format!("{}年{}月{}日 {:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute())
}

fn residents_phrase(info: &BackupInfo) -> String {
    format!("居民 {} 人", info.counts.residents.expect("residents counted"))
}

/// Overwrites the middle third of a database's pages with garbage, as a failing disk does:
/// the header still reads, so only the integrity check can tell.
fn damage_middle_pages(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read database");
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    let pages = bytes.len() / page;
    for p in pages / 3..pages * 2 / 3 {
        for (i, b) in bytes[p * page..(p + 1) * page].iter_mut().enumerate() {
            *b = (i * 37 % 251) as u8;
        }
    }
    std::fs::write(path, bytes).expect("write damaged database");
}

fn cli(args: &[&str], dir: &Path) -> std::process::Output {
    app_command().args(args).args(["--data-dir", &dir.display().to_string()]).output().expect("run station-desk")
}

/// The confirmation's text (read from the DOM: WebDriver's text() is empty while the box
/// is still fading in).
async fn message_box_text(app: &App) -> String {
    let js = "const m = document.querySelector('.el-message-box__message'); return m ? m.textContent.trim() : '';";
    let read = || async { app.client.execute(js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)) };
    app.until("the confirmation", || async { read().await.is_some_and(|t| !t.is_empty()) }).await;
    read().await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_is_recovered_from_the_newest_good_backup() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();
    demo_data(dir, 40);
    let made = cli(&["backup"], dir);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let db_path = dir.join(db::DB_FILE_NAME);
    let good = backups::list_backups(&db_path).first().map(|b| b.path.clone()).expect("the backup");
    let expected = backups::inspect_backup(&good).expect("a good backup");
    // Work after the backup (more residents), then the disk fails under the database.
    demo_data(dir, 15);
    damage_middle_pages(&db_path);
    let err = Station::open(&db_path).err().expect("the damage is detected");
    assert_eq!(err.code, ErrorCode::IntegrityFailed, "{}", err.message);
    // A newer backup that is itself damaged must be passed over.
    let bad_backup = backups::backup_dir(&db_path).join("station-29991231-000000-manual.sqlite3");
    std::fs::copy(&db_path, &bad_backup).expect("a damaged newer backup");

    let app = App::start_in(dir, Mode::Desk, None).await;
    app.until("the recovery screen", || async { !app.text("recovery-message").await.is_empty() }).await;
    assert_eq!(app.text("recovery-backup-file").await, good.file_name().unwrap().to_string_lossy());
    assert_eq!(app.text("recovery-backup-date").await, shown_date(&expected));
    let counts = app.text("recovery-backup-counts").await;
    assert!(counts.contains(&residents_phrase(&expected)), "{counts}");
    // Replacing the data file takes an admin of the backup: a wrong password changes nothing.
    app.type_into("recovery-username", DEMO_ADMIN.0).await;
    app.type_into("recovery-password", "not-the-password").await;
    app.click("recovery-restore").await;
    app.css(".confirm-ok").await.click().await.expect("confirm restore");
    app.until("the refusal", || async {
        app.client
            .execute("return document.querySelector('.el-message--error')?.textContent ?? ''", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(|t| t.contains("密码不正确")))
            .unwrap_or(false)
    })
    .await;
    assert!(!app.text("recovery-message").await.is_empty(), "still on the recovery screen");
    assert!(Station::open(&db_path).is_err(), "the damaged file is still in place, untouched");
    app.type_into("recovery-password", DEMO_ADMIN.1).await;
    app.click("recovery-restore").await;
    let question = message_box_text(&app).await;
    assert!(question.contains(&shown_date(&expected)) && question.contains(&residents_phrase(&expected)), "{question}");
    app.css(".confirm-ok").await.click().await.expect("confirm restore");
    app.wait_focus("login-username").await;
    login(&app, DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    app.el("topbar-user").await;
    assert_eq!(
        total_residents(&app, false).await as i64,
        expected.counts.residents.unwrap(),
        "the residents are the backup's, not the later ones"
    );
    let audit = app.invoke("audit_list", json!({ "input": { "page": 1, "pageSize": 5 } })).await.expect("audit");
    let restore_entry = audit["items"].as_array().and_then(|a| a.iter().find(|e| e["action"] == "restore")).cloned();
    assert!(
        restore_entry.is_some_and(|e| e["entity"] == "database"),
        "the recovery is in the restored audit log: {audit}"
    );
    app.stop().await;

    let kept = std::fs::read_dir(dir)
        .expect("data dir")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("station.sqlite3.damaged-"));
    assert!(kept, "the damaged file is kept aside, not deleted");
    let log = std::fs::read_to_string(dir.join("logs/station-desk.log")).expect("the log under <data dir>/logs");
    assert!(log.contains("database unavailable: IntegrityFailed"), "{log}");
    assert!(log.contains("recovered from backup"), "{log}");
}

#[tokio::test(flavor = "multi_thread")]
async fn backup_to_a_chosen_file_and_restore_from_it_after_a_confirmation() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();
    demo_data(dir, 25);
    let out = tempfile::tempdir().expect("a folder the person picks");
    let file = out.path().join("阳光花园数据备份.sqlite3");
    let file_str = file.display().to_string();
    let env = [("STATION_DESK_TEST_SAVE_PATH", file_str.as_str()), ("STATION_DESK_TEST_OPEN_PATH", file_str.as_str())];
    let app = App::start_with_env(dir, Mode::Desk, &env).await;
    app.wait_focus("login-username").await;
    login(&app, DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    app.click("nav-settings").await;
    app.css("#tab-backups").await.click().await.expect("the 备份与恢复 tab");
    app.el("backups-panel").await;
    // The first start of the day made the daily backup.
    app.until("the daily backup", || async {
        let listed = app.invoke("backups_list", json!({})).await.unwrap_or_default();
        listed.as_array().is_some_and(|a| a.iter().any(|b| b["kind"] == "daily"))
    })
    .await;

    app.click("backups-save-as").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while !file.exists() {
        assert!(Instant::now() < deadline, "no backup at {}", file.display());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let saved = backups::inspect_backup(&file).expect("the chosen file is a good backup");
    let before = total_residents(&app, false).await as i64;
    assert_eq!(saved.counts.residents, Some(before));

    let resident = json!({ "input": { "name": "后来登记", "gender": null, "birthDate": null, "age": 70, "phone": "13812349876",
        "idNumber": null, "gridId": null, "compoundId": null, "buildingId": null, "unit": "", "room": "",
        "tagIds": [], "note": "", "consentDate": null, "confirmDuplicate": false } });
    app.invoke("residents_create", resident).await.expect("a resident after the backup");
    assert_eq!(total_residents(&app, false).await as i64, before + 1);

    app.click("backups-restore-file").await;
    let question = message_box_text(&app).await;
    assert!(question.contains(&shown_date(&saved)), "{question}");
    assert!(question.contains(&residents_phrase(&saved)), "{question}");
    assert!(question.contains("当前数据会先另存为备份"), "{question}");
    app.css(".confirm-ok").await.click().await.expect("confirm restore");
    app.wait_focus("login-username").await;
    login(&app, DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    app.el("topbar-user").await;
    assert_eq!(total_residents(&app, false).await as i64, before, "back to the backup's residents");
    let listed = app.invoke("backups_list", json!({})).await.expect("backups_list");
    let kinds: Vec<&str> = listed.as_array().unwrap().iter().filter_map(|b| b["kind"].as_str()).collect();
    assert!(kinds.contains(&"beforeRestore"), "the data before the restore was saved: {kinds:?}");

    // 关于 names the folders this instance uses.
    app.click("nav-settings").await;
    app.css("#tab-about").await.click().await.expect("the 关于 tab");
    app.until("the about page", || async { app.text("about-data-dir").await == dir.display().to_string() }).await;
    assert_eq!(app.text("about-log-dir").await, dir.join("logs").display().to_string());
    assert_eq!(app.text("about-version").await, env!("CARGO_PKG_VERSION"));
    app.stop().await;
}

fn log_text(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("logs/station-desk.log")).unwrap_or_default()
}

/// Runs a second launch and waits for it (at most 30 s).
fn second_launch(args: &[&str], dir: &Path) -> (std::process::ExitStatus, String) {
    let mut child = app_command()
        .args(args)
        .args(["--data-dir", &dir.display().to_string()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("second launch");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut out = String::new();
            use std::io::Read;
            let _ = child.stdout.take().map(|mut s| s.read_to_string(&mut out));
            return (status, out);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("a second launch on the same data folder kept running");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn one_instance_per_data_folder_and_others_run_side_by_side() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();
    let app = App::start_in(dir, Mode::Desk, None).await;
    app.wait_focus("setup-station-name").await;
    assert!(log_text(dir).contains("starting: Desk"), "start-up is logged");

    let started = Instant::now();
    let (status, out) = second_launch(&[], dir);
    assert!(status.success(), "the second launch exits 0");
    assert!(out.contains("已在运行"), "{out}");
    assert!(started.elapsed() < Duration::from_secs(10), "and exits quickly: {:?}", started.elapsed());
    app.until("the first instance brought its desk to the front", || async {
        log_text(dir).contains("Desk window brought to the front")
    })
    .await;
    assert_eq!(app.client.windows().await.expect("windows").len(), 1, "no second desk window");

    // The kiosk launched on the same folder opens in the running instance.
    let (status, _) = second_launch(&["--kiosk"], dir);
    assert!(status.success());
    app.until("the kiosk window in the running instance", || async {
        app.client.windows().await.map(|w| w.len()).unwrap_or(0) == 2
    })
    .await;

    // Another data folder is another station: it runs alongside.
    let other = tempfile::tempdir().expect("another data folder");
    let mut alongside = app_command()
        .args(["--data-dir", &other.path().display().to_string()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("launch on another folder");
    app.until("the other instance starts", || async { log_text(other.path()).contains("starting: Desk") }).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(alongside.try_wait().expect("try_wait").is_none(), "the instance on another folder keeps running");
    let _ = Command::new("kill").arg("-TERM").arg(alongside.id().to_string()).status();
    let _ = alongside.wait();
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desk_window_reopens_where_it_was_left() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();
    let state = r#"{ "x": 40, "y": 30, "width": 1240, "height": 700, "maximized": false }"#;
    std::fs::write(dir.join("window-state.json"), state).expect("a saved window state");
    let app = App::start_in(dir, Mode::Desk, None).await;
    app.wait_focus("setup-station-name").await;
    app.until("the window at its saved size", || async {
        let size =
            app.client.execute("return [window.innerWidth, window.innerHeight]", vec![]).await.unwrap_or_default();
        size == json!([1240, 700])
    })
    .await;
    // Resizing is saved (debounced) without waiting for the window to close.
    app.client.set_window_size(1280, 720).await.expect("resize");
    app.until("the new size saved", || async {
        let saved = std::fs::read_to_string(dir.join("window-state.json")).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&saved).unwrap_or_default();
        v["width"] != json!(1240) && v["width"].is_u64()
    })
    .await;
    app.stop().await;
}
