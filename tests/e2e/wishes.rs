//! Micro-wishes across both windows with the injectable clock: a resident posts at the kiosk,
//! staff publish at the desk, a volunteer claims at the kiosk, the wish goes overdue and shows
//! on the desk's home page, is fulfilled with a photo, appears on the wall with a masked
//! name, is rated at the kiosk with its code, and the helper's hours go up by the credit.

use super::flows::{login, ADMIN};
use super::harness::{App, Mode};
use station_core::volunteers::roster::{VolunteerInput, VolunteerPinInput};
use station_core::wishes::{photos, WishKind};
use station_core::{residents::ResidentInput, testing};
use std::path::Path;

const T0: &str = "2026-11-25T09:00:00+08:00";
/// Five days on: the helper promised three.
const T5: &str = "2026-11-30T10:00:00+08:00";
const RESIDENT: (&str, &str) = ("张秀英", "13912345678");
const VOLUNTEER: (&str, &str, &str) = ("赵志强", "13600000001", "2468");
/// A 1×1 PNG: the photo the helper attaches.
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

/// A set-up station (admin as in flows::ADMIN) with one resident and one volunteer with a PIN.
fn seed(dir: &Path) -> i64 {
    let mut st = super::harness::suite_station(&dir.join(station_core::db::DB_FILE_NAME));
    let admin = st.initialize(&testing::setup_input()).expect("setup").actor();
    let resident = ResidentInput { name: RESIDENT.0.into(), phone: RESIDENT.1.into(), ..Default::default() };
    st.resident_create(&admin, &resident).expect("resident");
    let volunteer =
        VolunteerInput { name: VOLUNTEER.0.into(), phone: VOLUNTEER.1.into(), kind_id: 8, ..Default::default() };
    let id = st.volunteer_create(&admin, &volunteer).expect("volunteer").id;
    st.volunteer_set_pin(&admin, &VolunteerPinInput { volunteer_id: id, pin: VOLUNTEER.2.into() }).expect("pin");
    id
}

fn ledger_minutes(dir: &Path, volunteer: i64) -> i64 {
    let st = super::harness::suite_station(&dir.join(station_core::db::DB_FILE_NAME));
    st.conn()
        .query_row("SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger WHERE volunteer_id = ?1", [volunteer], |r| {
            r.get(0)
        })
        .expect("ledger")
}

async fn keypad(app: &App, pad: &str, digits: &str) {
    for d in digits.chars() {
        app.click(&format!("{pad}-key-{d}")).await;
    }
}

async fn desk_login(dir: &Path, now: &str) -> App {
    let app = App::start_at(dir, Mode::Desk, now).await;
    app.wait_focus("login-username").await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("the desk after login", || async { app.text("topbar-user").await == ADMIN.2 }).await;
    app
}

async fn page_text(app: &App) -> String {
    app.client
        .execute("return document.body.innerText;", vec![])
        .await
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// What a resident can see holds none of these (full names, whole phones).
async fn shows_none_of(app: &App, secrets: &[&str]) {
    let text = page_text(app).await;
    for secret in secrets {
        assert!(!text.contains(secret), "the kiosk shows {secret}: {text}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wish_goes_from_the_kiosk_through_the_desk_to_rating_and_credits_the_helper() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path();
    let volunteer = seed(dir);
    assert_eq!(ledger_minutes(dir, volunteer), 0);

    // 点单 at the kiosk, in four large steps, ending on a receipt.
    let kiosk = App::start_at(dir, Mode::Kiosk, T0).await;
    kiosk.click("kiosk-btn-wish").await;
    kiosk.click("kiosk-wish-start").await;
    kiosk.click("kiosk-wish-kind-service").await;
    kiosk.type_into("kiosk-wish-text", "教我用智能手机视频通话").await;
    kiosk.click("kiosk-wish-next").await;
    kiosk.click("kiosk-wish-when-week").await;
    keypad(&kiosk, "kiosk-wish-keypad", "1391234567").await;
    // the personal-information notice, agreed on screen (issue 17)
    kiosk.click("kiosk-wish-notice-agree").await;
    // and, separately, to the photo of the finished wish on the public wall
    kiosk.click("kiosk-wish-photo-consent").await;
    kiosk.click("kiosk-wish-submit").await;
    kiosk.until("a phone error in words", || async { kiosk.text("kiosk-wish-error").await.contains("11 位") }).await;
    keypad(&kiosk, "kiosk-wish-keypad", "8").await;
    kiosk.click("kiosk-wish-submit").await;
    let number = kiosk.text("kiosk-wish-number").await;
    let code = kiosk.text("kiosk-wish-code").await;
    assert!(number.starts_with("No."), "{number}");
    assert_eq!(code.len(), 6, "{code}");
    let receipt = kiosk.text("kiosk-wish-receipt").await;
    assert!(receipt.contains("张**") && receipt.contains("139****5678"), "{receipt}");
    shows_none_of(&kiosk, &[RESIDENT.0, RESIDENT.1]).await;
    kiosk.stop().await;

    // 派单 at the desk.
    let desk = desk_login(dir, T0).await;
    desk.click("nav-wishes").await;
    desk.until("one wish to review", || async { desk.text("wish-count-review").await.trim() == "1" }).await;
    desk.click("wish-row-number").await;
    desk.until("the wish page", || async { desk.text("wish-number").await == number }).await;
    assert!(desk.text("wish-content").await.contains("智能手机"));
    desk.click("wish-step-publish").await;
    desk.wait_focus("wish-step-note").await;
    desk.click("wish-step-submit").await;
    desk.until("published", || async { desk.text("wish-state").await == "待认领" }).await;
    desk.stop().await;

    // 接单 at the kiosk: the volunteer identifies with phone + PIN and promises 3 days.
    let kiosk = App::start_at(dir, Mode::Kiosk, T0).await;
    kiosk.click("kiosk-btn-wish").await;
    kiosk.click("kiosk-wish-helper").await;
    keypad(&kiosk, "kiosk-helper-keypad", VOLUNTEER.1).await;
    kiosk.click("kiosk-helper-next").await;
    keypad(&kiosk, "kiosk-helper-pinpad", VOLUNTEER.2).await;
    kiosk.click("kiosk-helper-login").await;
    kiosk
        .until("the greeting by masked name", || async { kiosk.text("kiosk-helper-hello").await.contains("赵**") })
        .await;
    assert!(kiosk.text("kiosk-helper-open").await.contains("张**"));
    kiosk.click("kiosk-helper-claim").await;
    kiosk.click("kiosk-helper-promise-3").await;
    kiosk.until("the claim confirmed", || async { kiosk.text("kiosk-helper-done").await.contains(&number) }).await;
    assert!(kiosk.text("kiosk-helper-mine").await.contains("2026年11月28日"));
    shows_none_of(&kiosk, &[RESIDENT.0, VOLUNTEER.0]).await;
    kiosk.stop().await;

    // 督单: five days later the wish is overdue on the desk's home page; 晒单 with a photo.
    let desk = desk_login(dir, T5).await;
    desk.until("the overdue wish on the home page, 2 days late, with its helper", || async {
        let row = desk.text("home-wishes-overdue-row").await;
        row.contains("智能手机") && row.contains("逾期 2 天") && row.contains(VOLUNTEER.0)
    })
    .await;
    desk.click("home-wishes-overdue-row").await;
    desk.until("overdue on the wish page", || async { desk.text("wish-overdue").await.contains("逾期") }).await;
    desk.click("wish-step-fulfil").await;
    let photo = dir.join("done.png");
    std::fs::write(&photo, photos::base64_decode(PNG).unwrap()).unwrap();
    desk.wait_focus("wish-step-note").await;
    // el-input puts the test id on its wrapper too: type into the textarea itself.
    let note = desk.css("textarea[data-testid='wish-step-note']").await;
    note.send_keys("已上门教会视频通话").await.expect("type the note");
    desk.el("wish-step-photo").await.send_keys(&photo.display().to_string()).await.expect("attach photo");
    desk.el("wish-step-photo-preview").await;
    desk.click("wish-step-submit").await;
    desk.until("fulfilled", || async { desk.text("wish-state").await == "待评价" }).await;
    desk.el("wish-photo").await;
    assert!(std::fs::read_dir(dir.join("photos/wishes")).unwrap().count() == 1, "the photo is kept in the data folder");
    desk.stop().await;

    // 晒单 on the wall with the name masked, then 评单 with the code.
    let kiosk = App::start_at(dir, Mode::Kiosk, T5).await;
    kiosk.click("kiosk-btn-wish").await;
    kiosk.until("the wish on the wall", || async { kiosk.text("kiosk-wall-item").await.contains("智能手机") }).await;
    let meta = kiosk.text("kiosk-wall-meta").await;
    assert!(meta.contains("张**") && meta.contains("赵**"), "{meta}");
    kiosk.el("kiosk-wall-photo").await;
    shows_none_of(&kiosk, &[RESIDENT.0, VOLUNTEER.0]).await;
    kiosk.click("kiosk-home-button").await;
    kiosk.click("kiosk-btn-rate").await;
    keypad(&kiosk, "kiosk-rate-keypad", &code).await;
    kiosk.click("kiosk-rate-find").await;
    kiosk.click("kiosk-rate-satisfied").await;
    kiosk.click("kiosk-rate-star-5").await;
    kiosk.click("kiosk-rate-submit").await;
    kiosk.until("thanks", || async { kiosk.text("kiosk-rate-done").await.contains(&number) }).await;

    // The helper's hours went up by the service default (credited once, after the rating).
    assert_eq!(ledger_minutes(dir, volunteer), WishKind::Service.default_minutes());
    // A second rating with the same code is refused by the rule, not by the permission system
    // (rating is a kiosk command: the desk window is not granted it at all).
    let refused = kiosk
        .invoke(
            "wishes_kiosk_rate",
            serde_json::json!({ "input": {
        "code": code, "satisfaction": "satisfied", "stars": 5, "comment": "" } }),
        )
        .await
        .expect_err("a second rating is refused");
    assert!(refused["code"].is_string() && !refused.to_string().contains("not allowed"), "{refused}");
    kiosk.stop().await;
    assert_eq!(ledger_minutes(dir, volunteer), WishKind::Service.default_minutes());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_kiosk_window_cannot_reach_the_desk_wish_commands() {
    let temp = tempfile::tempdir().unwrap();
    seed(temp.path());
    let kiosk = App::start_at(temp.path(), Mode::Kiosk, T0).await;
    kiosk.el("kiosk-btn-wish").await;
    for (command, args) in [
        (
            "wishes_board",
            serde_json::json!({ "input": { "column": null, "gridId": null, "kind": null, "volunteerId": null,
            "month": null, "text": "", "page": 1, "pageSize": 20 } }),
        ),
        ("wishes_get", serde_json::json!({ "id": 1 })),
        ("wishes_helper_options", serde_json::json!({ "input": "" })),
    ] {
        let err = kiosk.invoke(command, args).await.expect_err(command);
        assert!(err.to_string().contains("not allowed") || err.to_string().contains("KIOSK"), "{command}: {err}");
    }
    assert!(kiosk.invoke("wishes_kiosk_wall", serde_json::json!({})).await.is_ok());
    kiosk.stop().await;
}
