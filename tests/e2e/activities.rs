//! Activities: a room and a weekly series at the desk, a room conflict refused, three
//! residents booking a capacity-2 activity at the kiosk with phone + PIN (the third, a walk-in
//! who picks a PIN, waitlisted),
//! a cancellation promoting the third, kiosk check-in, and the sign-in sheet.

use super::flows::{first_run_setup, login, ADMIN};
use super::harness::{pdf_text, App, Mode};
use serde_json::{json, Value};

const NOW: &str = "2026-11-25T09:00:00+08:00";
const PHONES: [&str; 3] = ["13800001111", "13800002222", "13700003333"];
/// Each resident's own kiosk PIN: set at the desk for the first two, picked by the walk-in.
const PINS: [&str; 3] = ["2580", "3691", "4702"];

async fn type_phone(app: &App, phone: &str) {
    app.el("kiosk-phone-display").await;
    for d in phone.chars() {
        app.click(&format!("kiosk-key-{d}")).await;
    }
    app.until("the whole number on the display", || async {
        app.text("kiosk-phone-display").await.replace(' ', "") == phone
    })
    .await;
    app.click("kiosk-phone-next").await;
}

/// The PIN keypad after the phone: the second factor every personal kiosk screen asks for.
async fn type_pin(app: &App, pin: &str) {
    app.el("kiosk-pin-display").await;
    for d in pin.chars() {
        app.click(&format!("kiosk-pin-key-{d}")).await;
    }
}

async fn testids(app: &App, prefix: &str) -> Vec<String> {
    let js = format!(
        "return Array.from(document.querySelectorAll(\"[data-testid^='{prefix}']\")).map(e => e.getAttribute('data-testid'));"
    );
    let v = app.client.execute(&js, vec![]).await.unwrap_or(Value::Null);
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn room_series_conflict_kiosk_booking_waitlist_promotion_and_check_in() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();

    // ---- desk: a room, a weekly series, a refused conflict ----
    let app = App::start_at(dir, Mode::Desk, NOW).await;
    first_run_setup(&app).await;
    for (i, name) in ["赵桂英", "钱建国"].iter().enumerate() {
        let resident = app
            .invoke(
                "residents_create",
                json!({ "input": {
            "name": name, "gender": null, "birthDate": null, "age": 70, "phone": PHONES[i], "idNumber": null,
            "gridId": null, "compoundId": null, "buildingId": null, "unit": "", "room": "", "tagIds": [],
            "note": "", "consentDate": null, "confirmDuplicate": false } }),
            )
            .await
            .expect("resident");
        app.invoke("kiosk_resident_pin_set", json!({ "input": { "residentId": resident["id"], "pin": PINS[i] } }))
            .await
            .expect("the desk sets the resident's kiosk PIN");
    }
    let grid = app
        .invoke("places_save", json!({ "input": { "kind": "grid", "id": null, "parentId": null, "name": "第一网格" } }))
        .await
        .expect("grid");
    let grid_id = grid["grids"][0]["id"].clone();
    let places = app
        .invoke(
            "places_save",
            json!({ "input": { "kind": "compound", "id": null, "parentId": grid_id, "name": "阳光花园" } }),
        )
        .await
        .expect("compound");
    let compound_id = places["compounds"][0]["id"].clone();
    app.invoke(
        "places_save",
        json!({ "input": { "kind": "building", "id": null, "parentId": compound_id, "name": "3号楼" } }),
    )
    .await
    .expect("building");

    app.click("nav-activities").await;
    app.click_css("#tab-venues").await;
    app.click("venue-add").await;
    app.wait_focus("venue-name").await;
    app.type_into("venue-name", "多功能厅").await;
    app.click("venue-save").await;
    app.until("the room in the table", || async { app.content("venue-table").await.contains("多功能厅") }).await;

    app.click_css("#tab-calendar").await;
    app.click("activity-new").await;
    app.wait_focus("activity-title").await;
    app.type_into("activity-title", "太极拳").await;
    app.set_value("activity-date", "2026-12-02").await;
    app.set_value("activity-start", "15:00").await;
    app.set_value("activity-end", "16:00").await;
    app.set_value("activity-capacity", "2").await;
    app.set_value("activity-weeks", "8").await;
    app.click("activity-save").await;
    app.until("eight occurrences scheduled", || async {
        let list = app
            .invoke(
                "activities_list",
                json!({ "input": { "from": "2026-11-25", "to": "2027-01-25", "text": "",
                     "categoryId": null, "venueId": null, "status": null } }),
            )
            .await
            .unwrap_or(Value::Null);
        list.as_array().is_some_and(|a| a.len() == 8 && a.iter().all(|x| x["capacity"] == 2))
    })
    .await;
    app.set_value("calendar-date", "2026-12-02").await;
    app.until("the series in the week view", || async { app.text("calendar-week").await.contains("太极拳") }).await;

    app.click("activity-new").await;
    app.wait_focus("activity-title").await;
    app.type_into("activity-title", "书法课").await;
    app.set_value("activity-date", "2026-12-09").await;
    app.set_value("activity-start", "15:30").await;
    app.set_value("activity-end", "16:30").await;
    app.click("activity-save").await;
    app.expect_field_error("venueId", "太极拳").await;
    let first = app
        .invoke(
            "activities_list",
            json!({ "input": { "from": "2026-12-02", "to": "2026-12-02", "text": "",
                 "categoryId": null, "venueId": null, "status": null } }),
        )
        .await
        .expect("list");
    assert_eq!(first.as_array().map(Vec::len), Some(1), "the conflicting activity was not saved: {first}");
    let activity_id = first[0]["id"].as_i64().expect("id");
    app.stop().await;

    // ---- kiosk: three residents book the capacity-2 activity; the third (a walk-in) waits ----
    let kiosk = App::start_at(dir, Mode::Kiosk, NOW).await;
    let staff_only = kiosk.invoke("activities_list", json!({ "input": {} })).await;
    assert!(staff_only.is_err(), "a staff command is refused from the kiosk");
    for (i, phone) in PHONES.iter().enumerate() {
        kiosk.click("kiosk-btn-activities").await;
        kiosk.click(&format!("kiosk-activity-{activity_id}")).await;
        type_phone(&kiosk, phone).await;
        if i < 2 {
            type_pin(&kiosk, PINS[i]).await;
            kiosk.click("kiosk-pin-next").await;
        } else {
            // An unknown number sees the same PIN screen; the walk-in registers from there.
            kiosk.el("kiosk-pin-display").await;
            kiosk.click("kiosk-walkin-start").await;
            kiosk.type_into("kiosk-walkin-name", "孙丽").await;
            kiosk.el("kiosk-walkin-building").await;
            kiosk
                .client
                .execute(
                    "const s = document.querySelector(\"[data-testid='kiosk-walkin-building']\"); s.selectedIndex = 0; s.dispatchEvent(new Event('change', { bubbles: true }));",
                    vec![],
                )
                .await
                .expect("choose building");
            type_pin(&kiosk, PINS[2]).await;
            kiosk.click("kiosk-walkin-notice-agree").await;
            kiosk.click("kiosk-walkin-submit").await;
        }
        kiosk.until("the greeting by masked name", || async { kiosk.text("kiosk-greeting").await.contains('*') }).await;
        let greeting = kiosk.text("kiosk-greeting").await;
        assert!(!greeting.contains("桂英") && !greeting.contains("建国"), "{greeting}");
        kiosk.click("kiosk-book-confirm").await;
        let result = kiosk.text("kiosk-book-result").await;
        if i < 2 {
            assert!(result.contains("预约成功"), "{result}");
        } else {
            assert!(result.contains("候补") && result.contains('1'), "{result}");
        }
        assert!(kiosk.text("kiosk-receipt").await.starts_with("YY"));
        kiosk.click("kiosk-done").await;
        kiosk.el("kiosk-home").await;
    }

    // The first cancels; the waiting walk-in moves up.
    kiosk.click("kiosk-btn-bookings").await;
    type_phone(&kiosk, PHONES[0]).await;
    type_pin(&kiosk, PINS[0]).await;
    kiosk.click("kiosk-pin-next").await;
    kiosk.until("my booking listed", || async { !testids(&kiosk, "kiosk-booking-cancel-").await.is_empty() }).await;
    let cancel = testids(&kiosk, "kiosk-booking-cancel-").await;
    assert_eq!(cancel.len(), 1, "only my own booking: {cancel:?}");
    kiosk.click(&cancel[0]).await;
    kiosk.click("kiosk-cancel-confirm").await;
    assert!(kiosk.text("kiosk-bookings-result").await.contains("已取消"));
    kiosk.click("kiosk-done").await;
    kiosk.click("kiosk-btn-bookings").await;
    type_phone(&kiosk, PHONES[2]).await;
    type_pin(&kiosk, PINS[2]).await;
    kiosk.click("kiosk-pin-next").await;
    kiosk
        .until("the walk-in now booked", || async {
            let ids = testids(&kiosk, "kiosk-booking-status-").await;
            match ids.first() {
                Some(id) => kiosk.text(id).await.contains("已预约"),
                None => false,
            }
        })
        .await;
    kiosk.stop().await;

    // ---- on the day, half an hour before: check-in at the kiosk ----
    let kiosk = App::start_at(dir, Mode::Kiosk, "2026-12-02T14:30:00+08:00").await;
    kiosk.click("kiosk-btn-bookings").await;
    type_phone(&kiosk, PHONES[2]).await;
    type_pin(&kiosk, PINS[2]).await;
    kiosk.click("kiosk-pin-next").await;
    kiosk.until("a check-in button", || async { !testids(&kiosk, "kiosk-booking-checkin-").await.is_empty() }).await;
    let check_in = testids(&kiosk, "kiosk-booking-checkin-").await;
    kiosk.click(&check_in[0]).await;
    assert!(kiosk.text("kiosk-bookings-result").await.contains("签到成功"));
    kiosk.stop().await;

    // ---- desk: figures, the sign-in sheet as a PDF, the programme as .ics ----
    let saves = tempfile::tempdir().expect("save dir");
    let save_dir = saves.path().display().to_string();
    let app = App::start_with_env(
        dir,
        Mode::Desk,
        &[("STATION_DESK_NOW", "2026-12-02T14:40:00+08:00"), ("STATION_DESK_TEST_SAVE_DIR", &save_dir)],
    )
    .await;
    app.wait_focus("login-username").await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("today's activity and the walk-in to complete on the home page", || async {
        let panel = app.content("home-activities-panel").await;
        panel.contains("太极拳") && panel.contains("孙丽") && panel.contains("137****3333")
    })
    .await;
    app.click(&format!("home-activity-{activity_id}")).await;
    app.until("the figures", || async {
        let figures = app.text("activity-figures").await;
        figures.contains("预约 2/2") && figures.contains("签到 1")
    })
    .await;
    app.click("activity-sheet-pdf").await;
    let sheet = pdf_text(&saves.path().join("签到表-太极拳-2026-12-02.pdf")).await;
    assert!(sheet.contains("太极拳") && sheet.contains("签到表") && sheet.contains("阳光花园党群服务站"), "{sheet}");
    assert!(sheet.contains("钱建国") && sheet.contains("孙丽"), "{sheet}");
    assert!(sheet.contains("138****2222") && !sheet.contains("13800002222"), "phones masked: {sheet}");
    assert!(!sheet.contains("赵桂英"), "a cancelled booking is not on the sheet: {sheet}");
    assert!(sheet.contains("阳光花园 3号楼"), "the walk-in's building: {sheet}");

    app.click("activity-back").await;
    app.set_value("calendar-date", "2026-12-02").await;
    app.click("calendar-ics").await;
    let ics_path = saves.path().join("活动安排-2026-11-30.ics");
    app.until("the .ics file", || async { ics_path.exists() }).await;
    let ics = std::fs::read_to_string(&ics_path).expect("ics");
    assert!(ics.contains("SUMMARY:太极拳") && ics.contains("DTSTART:20261202T070000Z"), "{ics}");
    app.stop().await;
}
