//! HTML in names is text everywhere: a resident and an activity whose names are HTML
//! fragments that would run script if rendered as markup are shown literally in the residents
//! list, the detail, the global search (Ctrl+K), the printed roster (PDF) and the kiosk's
//! activity list, and no script of theirs runs in either window. An activity category named
//! with HTML reaches the monthly summary's chart, which print inserts as SVG markup: it
//! prints as text there too.

use super::flows::{first_run_setup, login, ADMIN};
use super::harness::{pdf_text, App, Mode};
use serde_json::json;

const NOW: &str = "2026-11-25T09:00:00+08:00";
/// 30 characters, no digits: what the resident name rules let through.
const NAME: &str = "<svg onload=pwn=true><b>王五</b>";
/// Activity titles allow 40 characters.
const TITLE: &str = "<img src=x onerror=pwn=true>太极<b>拳</b>";
const NOTE: &str = "<img src=x onerror=\"window.pwn=1\">备注<i>斜体</i>";
/// A category's name (20 characters at most), drawn into the summary's chart labels.
const CATEGORY: &str = "<svg onload=pwn=1>讲座";
/// After the activity (2026-11-28 15:00), still in its month: the summary counts it as held.
const LATER: &str = "2026-11-30T10:00:00+08:00";

/// No handler of the payloads ran and none of their elements exists in the page.
async fn assert_not_injected(app: &App, where_: &str) {
    let js =
        "const tags = [...document.querySelectorAll('b, i')].filter(e => ['王五', '拳', '斜体', '座'].includes(e.textContent));
        return [typeof window.pwn, document.querySelectorAll('svg[onload], img[onerror]').length + tags.length];";
    let v = app.client.execute(js, vec![]).await.expect("execute");
    assert_eq!(v, json!(["undefined", 0]), "{where_}: an HTML fragment from the data was rendered as markup");
}

async fn text_of(app: &App, selector: &str) -> String {
    let js = "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';";
    app.client
        .execute(js, vec![json!(selector)])
        .await
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn html_in_names_is_shown_as_text_on_screen_in_print_and_at_the_kiosk() {
    let temp = tempfile::tempdir().expect("tempdir");
    let dir = temp.path().join("data");
    let save_dir = temp.path().to_path_buf();
    let app = App::start_with_env(
        &dir,
        Mode::Desk,
        &[("STATION_DESK_NOW", NOW), ("STATION_DESK_TEST_SAVE_DIR", &save_dir.display().to_string())],
    )
    .await;
    first_run_setup(&app).await;
    let resident = app
        .invoke(
            "residents_create",
            json!({ "input": {
                "name": NAME, "gender": null, "birthDate": null, "age": 70, "phone": "13812340000", "idNumber": null,
                "gridId": null, "compoundId": null, "buildingId": null, "unit": "", "room": "", "tagIds": [],
                "note": NOTE, "consentDate": null, "confirmDuplicate": false } }),
        )
        .await
        .expect("a resident named with HTML is accepted as text");
    assert_eq!(resident["name"], json!(NAME));
    let venue = super::flows::open_every_day_room(&app).await;
    // (categories have no desk screen yet, so the window may not save one: through the core)
    let category = {
        use station_core::activities::ActivityCategoryInput;
        let now = chrono::DateTime::parse_from_rfc3339(NOW).expect("NOW").to_utc();
        let mut st = station_core::Station::open_with(
            &dir.join(station_core::db::DB_FILE_NAME),
            station_core::db::MIGRATIONS,
            station_core::clock::Clock::starting_at(now),
        )
        .expect("the station's file");
        let admin = st.command_line_admin().expect("admin");
        let saved = st
            .activity_category_save(&admin, &ActivityCategoryInput { id: None, name: CATEGORY.into(), archived: false })
            .expect("a category named with HTML is accepted as text");
        json!({ "id": saved.iter().find(|c| c.name == CATEGORY).expect("the new category").id })
    };
    app.invoke(
        "activities_create",
        json!({ "input": { "weeks": 1, "activity": {
            "title": TITLE, "categoryId": category["id"], "organiserStaffId": null, "organiserName": "",
            "venueId": venue["id"], "date": "2026-11-28", "startTime": "15:00", "endTime": "16:00", "capacity": 20,
            "bookingOpensAt": null, "bookingClosesAt": null, "minAge": null, "compoundIds": [], "description": NOTE,
            "poster": null, "publish": true, "overrideReason": null } } }),
    )
    .await
    .expect("an activity titled with HTML");

    // the residents list
    app.click("nav-residents").await;
    app.until("the name in the list, literally", || async { app.resident_names().await == [NAME] }).await;
    assert_not_injected(&app, "residents list").await;

    // the detail (name and note)
    app.click("resident-view").await;
    app.until("the detail's name, literally", || async { app.text("resident-detail-name").await.contains(NAME) }).await;
    let detail = text_of(&app, "[data-testid='resident-detail']").await;
    assert!(detail.contains(NOTE), "the note shown literally: {detail}");
    assert_not_injected(&app, "resident detail").await;
    app.client
        .execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))", vec![])
        .await
        .expect("close the detail");

    // the global search (Ctrl+K)
    app.client
        .execute(
            "window.dispatchEvent(new KeyboardEvent('keydown', {key: 'k', code: 'KeyK', ctrlKey: true, bubbles: true}))",
            vec![],
        )
        .await
        .expect("Ctrl+K");
    app.type_into("global-search", "王五").await;
    app.until("the search result, literally", || async {
        text_of(&app, "[data-testid='global-search-item'] .gs-name").await == NAME
    })
    .await;
    assert_not_injected(&app, "global search").await;
    app.client
        .execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))", vec![])
        .await
        .expect("close the search");

    // the printed roster
    app.click("resident-print").await;
    app.click("resident-print-pdf").await;
    let pdf = pdf_text(&save_dir.join("居民花名册.pdf")).await;
    assert!(pdf.contains("<b>") && pdf.contains("</b>") && pdf.contains("onload"), "the PDF prints the tags: {pdf}");
    assert_not_injected(&app, "print preview").await;

    // the desk's activities calendar
    app.click("nav-activities").await;
    app.until("the title in the calendar, literally", || async {
        text_of(&app, "#app").await.contains(TITLE) || text_of(&app, "body").await.contains(TITLE)
    })
    .await;
    assert_not_injected(&app, "activities").await;
    app.stop().await;

    // the kiosk's public activity list
    let kiosk = App::start_at(&dir, Mode::Kiosk, NOW).await;
    kiosk.click("kiosk-btn-activities").await;
    kiosk
        .until("the title at the kiosk, literally", || async {
            text_of(&kiosk, "[data-testid='kiosk-activities']").await.contains(TITLE)
        })
        .await;
    assert_not_injected(&kiosk, "kiosk activities").await;
    kiosk.stop().await;

    // the monthly summary after the activity: its chart and the printed SVG of it
    let desk = App::start_with_env(
        &dir,
        Mode::Desk,
        &[("STATION_DESK_NOW", LATER), ("STATION_DESK_TEST_SAVE_DIR", &save_dir.display().to_string())],
    )
    .await;
    desk.wait_focus("login-username").await;
    login(&desk, ADMIN.0, ADMIN.1).await;
    desk.click("nav-report").await;
    // (the summary opens on the last finished month; the activity's month is the next one)
    desk.click("report-next").await;
    desk.until("the category in the summary's chart, as text", || async {
        text_of(&desk, "[data-testid^='report-chart-']").await.contains(CATEGORY)
    })
    .await;
    assert_not_injected(&desk, "summary chart").await;
    desk.click("report-pdf").await;
    let pdf = pdf_text(&save_dir.join("月度工作汇总_2026-11.pdf")).await;
    assert!(pdf.contains("onload=pwn=1"), "the printed summary names the category literally: {pdf}");
    assert_not_injected(&desk, "printed summary").await;
    desk.stop().await;
}
