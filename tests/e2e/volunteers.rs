//! Volunteers and service hours on the real window: a partner unit and an in-service party
//! member, a week of shifts from a template, an overlap refused, kiosk sign-in/out hours, a
//! self-report waiting for approval, the ranking and the report-in rate, the certificate, and
//! the month exported to the national volunteer system.

use super::flows::{first_run_setup, login, ADMIN};
use super::harness::{pdf_text, App, Mode};
use fantoccini::Locator;
use serde_json::{json, Value};

const PHONE: &str = "13912345678";
const PIN: &str = "2468";

async fn keypad(app: &App, prefix: &str, digits: &str) {
    for d in digits.chars() {
        app.click(&format!("{prefix}-key-{d}")).await;
    }
}

/// At the kiosk: the volunteer card, phone, PIN → the volunteer's own page.
async fn kiosk_identify(app: &App) {
    app.click("kiosk-btn-volunteer").await;
    // Before any PIN is asked for: where a PIN comes from.
    assert!(app.text("kiosk-vol-pin-first").await.contains("请先到服务台"));
    keypad(app, "kiosk-vol", PHONE).await;
    app.click("kiosk-vol-next").await;
    keypad(app, "kiosk-pin", PIN).await;
    app.click("kiosk-pin-next").await;
    app.until("the kiosk greets the volunteer by masked name", || async {
        app.text("kiosk-vol-hello").await.contains("刘**")
    })
    .await;
}

async fn finish_kiosk(app: &App) {
    app.click("kiosk-vol-finish").await;
    app.click("kiosk-home-button").await;
    app.el("kiosk-home").await;
}

async fn roster_week(app: &App) -> Vec<Value> {
    let v = app
        .invoke("volunteers_roster", json!({ "input": { "from": "2026-11-23", "to": "2026-11-29" } }))
        .await
        .expect("roster");
    v.as_array().cloned().unwrap_or_default()
}

async fn volunteer_id(app: &App, name: &str) -> i64 {
    let page = app
        .invoke(
            "volunteers_search",
            json!({ "input": { "text": name, "kindId": null, "unitId": null, "skill": null, "status": null, "page": 1, "pageSize": 5 } }),
        )
        .await
        .expect("search");
    page["items"][0]["id"].as_i64().expect("volunteer id")
}

#[tokio::test(flavor = "multi_thread")]
async fn unit_member_roster_kiosk_hours_ranking_and_certificate() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path();

    // Monday 2026-11-23, 08:00: the desk.
    let app = App::start_at(dir, Mode::Desk, "2026-11-23T08:00:00+08:00").await;
    first_run_setup(&app).await;
    app.click("nav-volunteers").await;
    app.click("volunteers-tab-units").await;
    app.click("unit-add").await;
    app.type_into("unit-name", "市税务局").await;
    app.click("unit-kind-机关").await;
    for _ in 0..2 {
        app.css("[data-testid='unit-expected'] .el-input-number__increase").await.click().await.expect("expected +1");
    }
    app.click("unit-submit").await;
    app.until("the unit in the list", || async { app.text("unit-row-name").await == "市税务局" }).await;

    // An in-service party member without a unit is refused, with the field named.
    app.click("volunteers-tab-roster").await;
    app.click("volunteer-add").await;
    app.type_into("volunteer-name", "刘建国").await;
    app.type_into("volunteer-phone", PHONE).await;
    app.click("volunteer-kind-在职党员").await;
    app.click("volunteer-submit").await;
    app.expect_field_error("unitId", "共建单位").await;
    app.pick_option("volunteer-unit", "市税务局").await;
    app.click("volunteer-reported-in").await;
    app.click("volunteer-submit").await;
    app.until("the volunteer's page", || async { app.count("[data-testid='volunteer-detail-name']").await > 0 }).await;
    app.until("the volunteer's name", || async { app.text("volunteer-detail-name").await == "刘建国" }).await;
    assert_eq!(app.text("volunteer-detail-unit").await, "市税务局");

    // Staff set the kiosk PIN.
    app.click("volunteer-set-pin").await;
    app.answer_prompt(PIN, "pin-ok").await;
    // The PIN is offered once on a slip for the volunteer; not printed here.
    app.until("the PIN slip offered", || async { app.count(".pin-slip-skip").await > 0 }).await;
    app.css(".pin-slip-skip").await.click().await.expect("skip the slip");
    app.until("the PIN shown as set", || async { app.text("volunteer-pin-state").await == "已设置" }).await;

    // A week of shifts from a Mon–Fri 09:00–12:00 template.
    app.click("volunteers-tab-shifts").await;
    app.click("shifts-templates").await;
    app.type_into("position-name", "前台值班").await;
    app.click("position-add").await;
    app.pick_option("template-position", "前台值班").await;
    app.click("template-add").await;
    app.until("the template listed", || async {
        app.client
            .find_all(Locator::Css(".el-dialog .el-table__row"))
            .await
            .map(|rows| rows.len() >= 2)
            .unwrap_or(false)
    })
    .await;
    app.client.active_element().await.expect("focus").send_keys(&fantoccini::key::Key::Escape.to_string()).await.ok();
    app.css(".el-dialog__headerbtn").await.click().await.ok();
    app.click("shifts-generate").await;
    app.until("five shift cards", || async { app.count("[data-testid='shift-card']").await == 5 }).await;
    let week = roster_week(&app).await;
    assert_eq!(week.len(), 5);
    assert_eq!(week[0]["day"], "2026-11-23");
    assert_eq!((week[0]["start"].as_str(), week[0]["end"].as_str()), (Some("09:00"), Some("12:00")));

    // Assign by picking; an overlapping extra shift is refused.
    let monday = week[0]["id"].as_i64().expect("id");
    app.pick_option(&format!("shift-assign-{monday}"), "刘建国").await;
    app.until("the volunteer on Monday's shift", || async { app.text("shift-person-name").await == "刘建国" }).await;
    let vid = volunteer_id(&app, "刘建国").await;
    let extra = app
        .invoke(
            "volunteers_shift_create",
            json!({ "input": { "positionId": week[0]["positionId"], "day": "2026-11-23", "start": "11:00", "end": "13:00", "slots": 1 } }),
        )
        .await
        .expect("extra shift");
    let refused = app
        .invoke(
            "volunteers_assign",
            json!({ "input": { "shiftId": extra["id"], "volunteerId": vid, "overrideReason": null } }),
        )
        .await
        .expect_err("overlap refused");
    assert_eq!(refused["code"], "CONFLICT", "{refused}");
    assert!(refused["message"].as_str().unwrap_or("").contains("时间重叠"), "{refused}");
    app.click("shifts-next").await;
    app.click("shifts-prev").await;
    app.pick_option(&format!("shift-assign-{}", extra["id"]), "刘建国").await;
    app.until("the admin is asked for an override reason", || async { app.count(".override-ok").await > 0 }).await;
    app.css(".el-message-box__headerbtn").await.click().await.expect("cancel the override");
    let extra_people = roster_week(&app).await.into_iter().find(|s| s["id"] == extra["id"]).expect("extra")["people"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(extra_people, 0, "nothing assigned without an override");
    app.stop().await;

    // 08:45 at the kiosk: sign in; then report yesterday's 1.5 h of help.
    let kiosk = App::start_at(dir, Mode::Kiosk, "2026-11-23T08:45:00+08:00").await;
    kiosk_identify(&kiosk).await;
    kiosk.click("kiosk-vol-sign-in").await;
    kiosk.until("a sign-in receipt", || async { kiosk.text("kiosk-vol-receipt").await.contains("QD-") }).await;
    finish_kiosk(&kiosk).await;
    kiosk_identify(&kiosk).await;
    kiosk.click("kiosk-vol-report").await;
    kiosk.click("kiosk-report-yesterday").await;
    kiosk.click("kiosk-report-minutes-90").await;
    kiosk.click("kiosk-report-what-company").await;
    kiosk.click("kiosk-report-submit").await;
    kiosk.until("a report receipt", || async { kiosk.text("kiosk-vol-receipt").await.contains("SB-") }).await;
    assert!(kiosk.text("kiosk-vol-message").await.contains("审核后计入"));
    finish_kiosk(&kiosk).await;
    kiosk.stop().await;

    // 11:20: sign out; 09:00–11:20 counts (the 15 minutes before the shift do not).
    let kiosk = App::start_at(dir, Mode::Kiosk, "2026-11-23T11:20:00+08:00").await;
    kiosk_identify(&kiosk).await;
    kiosk.click("kiosk-vol-sign-out").await;
    kiosk.until("a sign-out receipt", || async { kiosk.text("kiosk-vol-receipt").await.contains("QT-") }).await;
    assert!(kiosk.text("kiosk-vol-message").await.contains("2小时20分钟"), "{}", kiosk.text("kiosk-vol-message").await);
    // The kiosk cannot reach staff data.
    let refused = kiosk
        .invoke(
            "volunteers_search",
            json!({ "input": { "text": "", "kindId": null, "unitId": null, "skill": null, "status": null, "page": 1, "pageSize": 5 } }),
        )
        .await
        .expect_err("staff command from the kiosk");
    assert!(!refused.to_string().contains(PHONE));
    kiosk.stop().await;

    // 11:30 at the desk: the self-report waits; approving it counts; the ranking and the rate.
    let pdf = dir.join("志愿服务记录证明.pdf");
    let pdf_path = pdf.display().to_string();
    let app = App::start_with_env(
        dir,
        Mode::Desk,
        &[("STATION_DESK_NOW", "2026-11-23T11:30:00+08:00"), ("STATION_DESK_TEST_SAVE_PATH", pdf_path.as_str())],
    )
    .await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("the desk", || async { app.text("topbar-user").await == ADMIN.2 }).await;
    app.click("nav-volunteers").await;
    app.click("volunteers-tab-hours").await;
    app.until("the pending self-report", || async { app.text("claim-origin").await == "自行申报" }).await;
    assert_eq!(app.text("claim-minutes").await, "1小时30分钟");
    app.until("the ranking before approval: 2.3 h", || async { app.text("ranking-hours").await == "2.3" }).await;
    app.click("claim-approve").await;
    app.until("the ranking after approval: 3.8 h", || async { app.text("ranking-hours").await == "3.8" }).await;
    assert_eq!(app.text("ranking-label").await, "刘建国");
    app.click("ranking-by-unit").await;
    app.until("the unit ranking", || async { app.text("ranking-label").await == "市税务局" }).await;
    app.click("volunteers-tab-units").await;
    app.until("the report-in rate 1 of 2", || async { app.text("unit-rate").await == "50%" }).await;
    assert_eq!(app.text("unit-reported-in").await, "1");

    // The service certificate.
    app.click("volunteers-tab-roster").await;
    app.click("volunteer-row-name").await;
    app.until("the total on the detail page", || async {
        app.text("volunteer-total-minutes").await == "3小时50分钟"
    })
    .await;
    app.click("volunteer-certificate").await;
    app.until("the certificate total", || async { app.text("certificate-total").await == "3小时50分钟" }).await;
    let body = app.text("certificate-body").await;
    assert!(body.contains("刘建国") && body.contains("阳光花园党群服务站"), "{body}");
    app.click("certificate-pdf").await;
    let text = pdf_text(&pdf).await;
    for needle in ["志愿服务记录证明", "刘建国", "阳光花园党群服务站", "3小时50分钟", "盖章"]
    {
        assert!(text.contains(needle), "the certificate PDF says {needle}: {text}");
    }
    app.stop().await;

    // The month to the national volunteer system: the dialog previews both records, saves the
    // file, and a second look finds nothing new.
    let xlsx = dir.join("全国志愿服务记录.xlsx");
    let xlsx_path = xlsx.display().to_string();
    let app = App::start_with_env(
        dir,
        Mode::Desk,
        &[("STATION_DESK_NOW", "2026-11-23T11:40:00+08:00"), ("STATION_DESK_TEST_SAVE_PATH", xlsx_path.as_str())],
    )
    .await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("the desk", || async { app.text("topbar-user").await == ADMIN.2 }).await;
    app.click("nav-volunteers").await;
    app.click("volunteers-tab-hours").await;
    app.click("hours-national").await;
    app.until("the preview of November", || async {
        app.text("national-count").await.contains("将导出 2 条服务记录，1 人，共 3.8 小时")
    })
    .await;
    let preview = app.text("national-preview").await;
    assert!(preview.contains("2026年11月1日 至 2026年11月30日"), "the app clock's month: {preview}");
    assert!(app.text("national-warnings").await.contains("刘建国"), "no unified number yet: warned");
    app.click("national-save").await;
    app.until("the export is done", || async { app.text("national-done").await.contains("2 条记录已保存") }).await;
    {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&xlsx).expect("read the export back");
        let range = book.worksheet_range("志愿服务记录").expect("the sheet");
        assert_eq!(range.height(), 3, "a header and two records");
    }
    app.until("nothing new is left", || async { app.text("national-count").await.contains("将导出 0 条") }).await;
    app.stop().await;
}
