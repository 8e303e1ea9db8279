//! One clock: with the app's clock set far from the machine's, the desk's header, the
//! activities calendar, the monthly summary's default month and the home page's "today"
//! panels all show the app's day — and the kiosk greets residents with it too.

use super::flows::first_run_setup;
use super::harness::{App, Mode};
use serde_json::{json, Value};

/// Monday 15 March 2027, 10:00 in Shanghai: a day this suite will not meet on the wall clock
/// for a while, and one whose week, month and "last whole month" (February) all differ from
/// any day the machine is likely on.
const NOW: &str = "2027-03-15T10:00:00+08:00";
const TODAY: &str = "2027-03-15";

async fn page_text(app: &App, testid: &str) -> String {
    let js = format!("const el = document.querySelector(\"[data-testid='{testid}']\"); return el ? el.innerText : '';");
    app.client.execute(&js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

async fn input_value(app: &App, selector: &str) -> String {
    // the selector may name the input itself or the picker around it
    let js = format!(
        "let el = document.querySelector(\"{selector}\"); if (el && el.tagName !== 'INPUT') el = el.querySelector('input'); \
         return el ? el.value : '';"
    );
    app.client.execute(&js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
}

/// Today's activity and today's duty, put in through the desk window's own commands.
async fn todays_activity_and_duty(app: &App) {
    let venue = super::flows::open_every_day_room(app).await;
    let categories = app.invoke("activities_categories", Value::Null).await.expect("categories");
    app.invoke(
        "activities_create",
        json!({ "input": { "weeks": 1, "activity": {
            "title": "春季义诊", "categoryId": categories[0]["id"], "organiserStaffId": null, "organiserName": "",
            "venueId": venue["id"], "date": TODAY, "startTime": "15:00", "endTime": "16:30", "capacity": 20,
            "bookingOpensAt": null, "bookingClosesAt": null, "minAge": null, "compoundIds": [], "description": "",
            "poster": null, "publish": true, "overrideReason": null } } }),
    )
    .await
    .expect("today's activity");

    let kinds = app.invoke("volunteers_kinds", Value::Null).await.expect("kinds");
    // a kind that needs no partner unit (在职党员 must name theirs)
    let kind =
        kinds.as_array().and_then(|ks| ks.iter().find(|k| k["name"] != "在职党员")).expect("a kind")["id"].clone();
    let volunteer = app
        .invoke(
            "volunteers_create",
            json!({ "input": {
                "residentId": null, "name": "郭春梅", "phone": "13912345678", "gender": null, "birthDate": null,
                "idNumber": null, "gridId": null, "compoundId": null, "partyMember": false, "kindId": kind,
                "unitId": null, "reportedIn": false, "reportedInOn": null, "skills": [], "availability": [], "note": "" } }),
        )
        .await
        .expect("a volunteer");
    let positions = app
        .invoke(
            "volunteers_position_save",
            json!({ "input": { "id": null, "name": "前台值班", "serviceKind": "值班服务", "retired": false } }),
        )
        .await
        .expect("a duty position");
    let shift = app
        .invoke(
            "volunteers_shift_create",
            json!({ "input": { "positionId": positions[0]["id"], "day": TODAY, "start": "09:00", "end": "12:00", "slots": 1 } }),
        )
        .await
        .expect("today's shift");
    app.invoke(
        "volunteers_assign",
        json!({ "input": { "shiftId": shift["id"], "volunteerId": volunteer["id"], "overrideReason": null } }),
    )
    .await
    .expect("on duty today");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_desk_and_the_kiosk_live_on_the_apps_clock_not_the_machines() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let app = App::start_at(&dir, Mode::Desk, NOW).await;
    first_run_setup(&app).await;
    todays_activity_and_duty(&app).await;

    // the header
    app.until("the header's date is the app's", || async {
        app.text("topbar-date").await.contains("2027年3月15日")
    })
    .await;
    assert!(app.text("topbar-date").await.contains("星期一"), "{}", app.text("topbar-date").await);

    // the home page's "today" panels: the day's activity and the day's duty (the home page
    // was already open when they were put in, so leave it and come back to load it afresh)
    app.click("nav-residents").await;
    app.click("nav-home").await;
    app.until("today's activity on the home page", || async {
        page_text(&app, "home-activities-panel").await.contains("春季义诊")
    })
    .await;
    app.until("today's duty on the home page", || async {
        let duty = page_text(&app, "home-panel-volunteers").await;
        duty.contains("前台值班") && duty.contains("郭春梅")
    })
    .await;

    // the activities calendar opens on the app's week (Mon 15 – Sun 21 March 2027)
    app.click("nav-activities").await;
    app.until("the calendar on the app's day", || async {
        input_value(&app, "[data-testid='calendar-date']").await == TODAY
    })
    .await;
    app.click("calendar-mode-week").await;
    app.until("the week of 15 March with today's activity", || async {
        let range = app.text("calendar-range").await;
        range.contains("3月15日")
            && range.contains("3月21日")
            && page_text(&app, "calendar-week").await.contains("春季义诊")
    })
    .await;

    // the monthly summary opens on the last whole month: February 2027
    app.click("nav-report").await;
    app.until("the summary on 2027年02月", || async {
        // the period line under the toolbar names the month the figures are for
        page_text(&app, "report-period").await.contains("2027年02月")
    })
    .await;

    // Element Plus' own date panel takes "today" from the app clock too: an empty picker
    // (the inventory ledger's 起始日期) opens on March 2027 with the 15th marked as today.
    app.click("nav-inventory").await;
    app.css("#tab-ledger").await.click().await.expect("the ledger tab");
    app.css("#pane-ledger .el-date-editor input").await.click().await.expect("open the date panel");
    app.until("the date panel on March 2027 with the 15th as today", || async {
        let header = app
            .client
            .execute(
                "const h = [...document.querySelectorAll('.el-date-picker__header-label')].filter(e => e.offsetParent); \
                 const t = document.querySelector('.el-date-table td.today'); \
                 return h.map(e => e.textContent.trim()).join(' ') + '|' + (t ? t.textContent.trim() : '');",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        header.contains("2027") && header.contains("3") && header.ends_with("|15")
    })
    .await;
    app.stop().await;

    // the kiosk greets residents with the app's day
    let kiosk = App::start_at(&dir, Mode::Kiosk, NOW).await;
    kiosk
        .until("the kiosk's date is the app's", || async {
            page_text(&kiosk, "kiosk-home").await.contains("2027年3月15日")
        })
        .await;
    kiosk.stop().await;
}
