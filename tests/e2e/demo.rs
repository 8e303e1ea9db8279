//! The demo as a newcomer meets it: `station-desk demo --areas` in a fresh folder, then every
//! page of the desk's side menu and every card of the kiosk, each showing content and not its
//! empty state. Screenshots for a person to look at: target/e2e-artifacts/demo-*.png.

use super::harness::{app_command, demo_data_full, suite_station, App, Mode};
use serde_json::Value;
use std::path::{Path, PathBuf};

const DEMO_ADMIN: (&str, &str) = ("admin", "admin1234");

fn keep(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    dir.join(format!("demo-{name}.png"))
}

async fn js(app: &App, script: &str) -> Value {
    app.client.execute(script, vec![]).await.unwrap_or(Value::Null)
}

/// The empty states (`data-testid="…-empty"`) showing on the page right now.
async fn empty_states(app: &App) -> Vec<String> {
    let v = js(
        app,
        "return Array.from(document.querySelectorAll(\"[data-testid$='-empty']\"))
           .filter(e => e.offsetParent !== null).map(e => e.dataset.testid);",
    )
    .await;
    v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect()
}

/// Waits until the page shows `selector` (its content), then checks no empty state shows.
async fn shows(app: &App, page: &str, selector: &str) {
    let what = format!("{page} shows {selector}");
    app.until(&what, || async { app.count(selector).await > 0 }).await;
    let empties = empty_states(app).await;
    assert!(empties.is_empty(), "{page} shows an empty state: {empties:?}");
}

async fn keypad(app: &App, pad: &str, digits: &str) {
    for d in digits.chars() {
        app.click(&format!("{pad}-key-{d}")).await;
    }
}

async fn kiosk_home(app: &App) {
    let _ = app.client.execute("location.hash = '#/'", vec![]).await;
    app.el("kiosk-station-name").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_brings_every_desk_page_and_kiosk_card_to_life() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    demo_data_full(dir, 200);
    // Loaded a second time: no crash, nothing twice.
    let again = app_command()
        .args(["demo", "--areas", "--residents", "5", "--data-dir", &dir.display().to_string()])
        .output()
        .expect("station-desk demo again");
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    assert!(String::from_utf8_lossy(&again.stdout).contains("已有数据"), "{}", String::from_utf8_lossy(&again.stdout));

    // What the kiosk needs to be tried: a volunteer on today's duty (demo PIN), a wish to rate.
    let (volunteer_phone, code) = {
        let st = suite_station(&dir.join(station_core::db::DB_FILE_NAME));
        let today = st.today().to_string();
        let phone: String = st
            .conn()
            .query_row(
                "SELECT p.phone FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
                   JOIN volunteer_people p ON p.id = a.volunteer_id
                  WHERE s.day = ?1 AND a.removed_at IS NULL ORDER BY s.starts_at LIMIT 1",
                [&today],
                |r| r.get(0),
            )
            .expect("a volunteer on duty today");
        let code: String = st
            .conn()
            .query_row("SELECT code FROM wishes WHERE state = 'fulfilled' ORDER BY id LIMIT 1", [], |r| r.get(0))
            .expect("a wish waiting for its rating");
        (phone, code)
    };

    let app = App::start_on_screen(dir, Mode::Desk, (1366, 768)).await;
    app.wait_focus("login-username").await;
    super::flows::login(&app, DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    app.el("topbar-user").await;
    // Every page of the side menu, whatever is registered: what each must show.
    let content = |testid: &str| -> Option<&'static str> {
        Some(match testid {
            "nav-residents" => "[data-testid='resident-row']",
            "nav-volunteers" => "[data-testid='volunteer-row-name']",
            "nav-activities" => "[data-testid^='calendar-entry-']",
            "nav-inventory" | "nav-cases" | "nav-staff" => ".el-table__row",
            "nav-wishes" => "[data-testid='wish-row-number']",
            "nav-report" => "[data-testid^='fig-']",
            "nav-party" => "[data-testid^='party-org-node-']",
            _ => return None,
        })
    };
    let menu = js(&app, "return Array.from(document.querySelectorAll(\".desk-menu [data-testid^='nav-']\")).map(e => e.dataset.testid);").await;
    let menu: Vec<String> =
        menu.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
    assert!(menu.len() >= 10, "the side menu: {menu:?}");
    for testid in &menu {
        app.click(testid).await;
        tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
        match content(testid) {
            Some(selector) => shows(&app, testid, selector).await,
            None => {
                let empties = empty_states(&app).await;
                assert!(empties.is_empty(), "{testid} shows an empty state: {empties:?}");
            }
        }
        app.screenshot(&keep(&format!("desk-{}", testid.trim_start_matches("nav-")))).await;
    }
    // The pages behind the menu's pages that the demo is about.
    app.click("nav-volunteers").await;
    app.click("volunteers-tab-shifts").await;
    shows(&app, "the duty roster", "[data-testid='shift-person']").await;
    app.screenshot(&keep("desk-volunteers-shifts")).await;
    app.click("volunteers-tab-hours").await;
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    app.screenshot(&keep("desk-volunteers-hours")).await;
    app.click("nav-party").await;
    for tab in ["members", "meetings", "dues"] {
        app.click(&format!("party-tab-{tab}")).await;
        tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
        let empties = empty_states(&app).await;
        assert!(empties.is_empty(), "party {tab} shows an empty state: {empties:?}");
        app.screenshot(&keep(&format!("desk-party-{tab}"))).await;
    }
    // the summary opens on last month, which the demo closed
    app.click("nav-report").await;
    app.el("report-closed-hash").await;
    app.screenshot(&keep("desk-report-last-month-closed")).await;
    app.click("nav-home").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    app.screenshot(&keep("desk-home")).await;
    app.stop().await;

    let kiosk = App::start_on_screen(dir, Mode::Kiosk, (1080, 1920)).await;
    kiosk.el("kiosk-station-name").await;
    kiosk.screenshot(&keep("kiosk-home")).await;
    let cards =
        js(&kiosk, "return Array.from(document.querySelectorAll('a.k-card-live')).map(e => e.dataset.testid);").await;
    let cards: Vec<String> =
        cards.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(String::from)).collect();
    for card in
        ["kiosk-btn-activities", "kiosk-btn-bookings", "kiosk-btn-wish", "kiosk-btn-rate", "kiosk-btn-volunteer"]
    {
        assert!(cards.iter().any(|c| c == card), "the kiosk has {card}: {cards:?}");
    }
    for card in &cards {
        kiosk.click(card).await;
        match card.as_str() {
            "kiosk-btn-activities" => shows(&kiosk, card, "[data-testid^='kiosk-activity-']").await,
            "kiosk-btn-wish" => {
                shows(&kiosk, card, "[data-testid='kiosk-wall-item']").await;
                shows(&kiosk, card, "[data-testid='kiosk-wall-photo']").await;
            }
            "kiosk-btn-rate" => {
                keypad(&kiosk, "kiosk-rate-keypad", &code).await;
                kiosk.click("kiosk-rate-find").await;
                shows(&kiosk, card, "[data-testid='kiosk-rate-wish']").await;
            }
            "kiosk-btn-volunteer" => {
                keypad(&kiosk, "kiosk-vol", &volunteer_phone).await;
                kiosk.click("kiosk-vol-next").await;
                keypad(&kiosk, "kiosk-pin", station_core::volunteers::demo::DEMO_PIN).await;
                kiosk.click("kiosk-pin-next").await;
                shows(&kiosk, card, "[data-testid='kiosk-vol-hello']").await;
            }
            _ => tokio::time::sleep(std::time::Duration::from_millis(1200)).await,
        }
        let empties = empty_states(&kiosk).await;
        assert!(empties.is_empty(), "{card} shows an empty state: {empties:?}");
        kiosk.screenshot(&keep(&format!("kiosk-{}", card.trim_start_matches("kiosk-btn-")))).await;
        kiosk_home(&kiosk).await;
    }
    kiosk.stop().await;
}
