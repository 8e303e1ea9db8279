//! Screenshots of every screen at the sizes the station uses, into screenshots/ (git-ignored):
//! desk at 1366×768 and 1920×1080, kiosk at 1080×1920 and 1920×1080.
//! Run: `scripts/screenshots.sh` (or `cargo test --features custom-protocol --test screenshots`).

mod e2e {
    pub mod harness;
}

use e2e::harness::{demo_data_full, App, Mode};
use std::path::PathBuf;

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    dir
}

#[tokio::test(flavor = "multi_thread")]
async fn desk_and_kiosk_screens() {
    let out = out_dir();
    for (w, h) in [(1366, 768), (1920, 1080)] {
        let fresh = tempfile::tempdir().expect("tempdir");
        let app = App::start_on_screen(fresh.path(), Mode::Desk, (w, h)).await;
        app.wait_focus("setup-station-name").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-1-setup.png"))).await;
        app.stop().await;

        let demo = tempfile::tempdir().expect("tempdir");
        demo_data_full(demo.path(), 200);
        let app = App::start_on_screen(demo.path(), Mode::Desk, (w, h)).await;
        app.wait_focus("login-username").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-2-login.png"))).await;
        app.type_into("login-username", "admin").await;
        app.type_into("login-password", "admin1234").await;
        app.click("login-submit").await;
        app.el("topbar-user").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-3-home.png"))).await;
        app.click("nav-residents").await;
        app.el("resident-row").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-4-residents.png"))).await;
        app.type_into("resident-search", "wj").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-5-search-wj.png"))).await;
        app.click("resident-add").await;
        app.wait_focus("resident-name").await;
        app.type_into("resident-name", "张三丰").await;
        app.type_into("resident-phone", "1381234").await;
        app.click("resident-submit").await;
        app.expect_field_error("phone", "11").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-6-resident-form-error.png"))).await;
        app.click("resident-cancel").await;
        app.click("nav-staff").await;
        app.el("staff-row-username").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-7-staff.png"))).await;
        app.click("nav-settings").await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-8-settings.png"))).await;
        // every other page of the side menu (the domain areas), whatever is registered
        let js = "return Array.from(document.querySelectorAll(\".desk-menu [data-testid^='nav-']\")).map(e => e.dataset.testid);";
        let menu = app.client.execute(js, vec![]).await.expect("menu");
        let known = ["nav-home", "nav-residents", "nav-staff", "nav-settings"];
        for testid in menu.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            if known.contains(&testid) {
                continue;
            }
            app.click(testid).await;
            tokio::time::sleep(std::time::Duration::from_millis(900)).await;
            let name = testid.trim_start_matches("nav-");
            app.screenshot(&out.join(format!("desk-{w}x{h}-9-{name}.png"))).await;
        }
        app.click("nav-home").await;
        tokio::time::sleep(std::time::Duration::from_millis(900)).await;
        app.screenshot(&out.join(format!("desk-{w}x{h}-3-home-after.png"))).await;
        app.stop().await;
    }
    for (w, h) in [(1080, 1920), (1920, 1080)] {
        let demo = tempfile::tempdir().expect("tempdir");
        demo_data_full(demo.path(), 5);
        let app = App::start_on_screen(demo.path(), Mode::Kiosk, (w, h)).await;
        app.el("kiosk-station-name").await;
        app.screenshot(&out.join(format!("kiosk-{w}x{h}-1-home.png"))).await;
        // every live card's first screen
        let js = "return Array.from(document.querySelectorAll('a.k-card-live')).map(e => e.dataset.testid);";
        let cards = app.client.execute(js, vec![]).await.expect("cards");
        for testid in cards.as_array().into_iter().flatten().filter_map(|v| v.as_str()) {
            if testid == "kiosk-btn-about" {
                continue;
            }
            app.click(testid).await;
            tokio::time::sleep(std::time::Duration::from_millis(900)).await;
            let name = testid.trim_start_matches("kiosk-btn-");
            app.screenshot(&out.join(format!("kiosk-{w}x{h}-3-{name}.png"))).await;
            let _ = app.client.execute("location.hash = '#/'", vec![]).await;
            app.el("kiosk-station-name").await;
        }
        // The exit corner opens on press-and-hold, or Enter from a keyboard.
        let _ = app
            .client
            .execute(
                "document.querySelector(\"[data-testid='kiosk-exit']\").dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))",
                vec![],
            )
            .await;
        app.el("kiosk-exit-password").await;
        app.screenshot(&out.join(format!("kiosk-{w}x{h}-2-exit.png"))).await;
        app.stop().await;
    }
}

/// 备份与恢复, 关于, the restore confirmation and the recovery screen (desk, 1366×768).
#[tokio::test(flavor = "multi_thread")]
async fn backup_screens() {
    let out = out_dir();
    let size = (1366, 768);
    let demo = tempfile::tempdir().expect("tempdir");
    demo_data_full(demo.path(), 200);
    let made = std::process::Command::new(e2e::harness::APP)
        .args(["backup", "--data-dir", &demo.path().display().to_string()])
        .output()
        .expect("station-desk backup");
    assert!(made.status.success());
    let pick = demo.path().join("backups").read_dir().expect("backups").flatten().next().expect("a backup").path();
    let pick = pick.display().to_string();
    let app =
        App::launch_with_env_on_screen(demo.path(), Mode::Desk, size, &[("STATION_DESK_TEST_OPEN_PATH", &pick)]).await;
    app.wait_focus("login-username").await;
    app.type_into("login-username", "admin").await;
    app.type_into("login-password", "admin1234").await;
    app.click("login-submit").await;
    app.el("topbar-user").await;
    app.click("nav-settings").await;
    app.css("#tab-backups").await.click().await.expect("backups tab");
    app.el("backup-row-made").await;
    app.screenshot(&out.join("desk-1366x768-9-backups.png")).await;
    app.click("backups-restore-file").await;
    app.css(".el-message-box__message").await;
    app.screenshot(&out.join("desk-1366x768-9-backups-confirm.png")).await;
    app.css(".el-message-box__btns button:not(.confirm-ok)").await.click().await.expect("cancel");
    // clicked from the page: the closing box's overlay still covers the tabs for a moment
    app.client.execute("document.querySelector('#tab-about').click()", vec![]).await.expect("about tab");
    app.el("about-version").await;
    app.screenshot(&out.join("desk-1366x768-9-about.png")).await;
    app.stop().await;

    // The recovery screen: the database damaged in the middle, a good backup beside it.
    let db = demo.path().join("station.sqlite3");
    let mut bytes = std::fs::read(&db).expect("db");
    let len = bytes.len();
    bytes[len / 3..len * 2 / 3].iter_mut().enumerate().for_each(|(i, b)| *b = (i % 251) as u8);
    std::fs::write(&db, bytes).expect("damage");
    let app = App::start_on_screen(demo.path(), Mode::Desk, size).await;
    app.el("recovery-backup-counts").await;
    app.screenshot(&out.join("desk-1366x768-9-recovery.png")).await;
    app.click("recovery-restore").await;
    app.css(".el-message-box__message").await;
    app.screenshot(&out.join("desk-1366x768-9-recovery-confirm.png")).await;
    app.stop().await;
}
