//! Foundation: setup, staff, residents, the kiosk's limits, recovery.

use super::flows::{first_run_setup, login, total_residents, ADMIN};
use super::harness::{demo_data, App, Mode};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn first_run_setup_then_admin_creates_staff_who_logs_in_until_disabled() {
    let app = App::start(Mode::Desk).await;
    first_run_setup(&app).await;
    assert!(app.text("topbar-station").await.contains("阳光花园党群服务站"));

    app.click("nav-staff").await;
    app.click("staff-add").await;
    app.wait_focus("staff-username").await;
    app.type_into("staff-username", "liuyun").await;
    app.type_into("staff-display-name", "刘芸").await;
    app.type_into("staff-password", "desk-pass-1").await;
    app.click("staff-role-staff").await;
    app.click("staff-submit").await;
    app.until("the new account in the staff table", || async {
        let js = "return Array.from(document.querySelectorAll(\"[data-testid='staff-row-username']\")).map(e => e.textContent.trim());";
        let v = app.client.execute(js, vec![]).await.unwrap_or_default();
        v.as_array().is_some_and(|a| a.iter().any(|x| x == "liuyun"))
    })
    .await;

    app.click("logout-button").await;
    app.wait_focus("login-username").await;
    login(&app, "liuyun", "wrong-password").await;
    app.until("a wrong-password message", || async { app.text("login-error").await.contains("不正确") }).await;
    login(&app, "liuyun", "desk-pass-1").await;
    app.until("the clerk signed in", || async { app.text("topbar-user").await == "刘芸" }).await;
    assert_eq!(app.count("[data-testid='nav-staff']").await, 0, "staff do not see account management");
    let refused = app.invoke("staff_list", json!({})).await.expect_err("admin-only command");
    assert_eq!(refused["code"], "FORBIDDEN", "{refused}");

    // The admin disables the account; it can no longer sign in.
    app.click("logout-button").await;
    app.wait_focus("login-username").await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("the admin signed in", || async { app.text("topbar-user").await == ADMIN.2 }).await;
    app.click("nav-staff").await;
    app.el("staff-row-username").await;
    let clicked = app
        .client
        .execute(
            "const row = Array.from(document.querySelectorAll('.el-table__row')).find(r => r.textContent.includes('liuyun'));
             const button = row && row.querySelector(\"[data-testid='staff-toggle']\");
             if (button) { button.click(); return true; } return false;",
            vec![],
        )
        .await
        .expect("click 停用");
    assert_eq!(clicked, json!(true), "the clerk's row has a 停用 button");
    app.css(".confirm-ok").await.click().await.expect("confirm disable");
    app.until("the clerk shown as disabled", || async {
        let js = "const row = Array.from(document.querySelectorAll('.el-table__row')).find(r => r.textContent.includes('liuyun'));
                  return row ? row.textContent : '';";
        app.client.execute(js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default().contains("停用")
    })
    .await;
    app.click("logout-button").await;
    app.wait_focus("login-username").await;
    login(&app, "liuyun", "desk-pass-1").await;
    app.until("a disabled-account message", || async { app.text("login-error").await.contains("停用") }).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn resident_bad_input_is_refused_then_good_input_is_found_and_archived() {
    let app = App::start(Mode::Desk).await;
    first_run_setup(&app).await;
    app.click("nav-residents").await;
    app.el("resident-empty").await;

    app.click("resident-add").await;
    app.wait_focus("resident-name").await;
    // Nothing filled: both required fields say so.
    app.click("resident-submit").await;
    app.expect_field_error("name", "姓名").await;
    app.expect_field_error("phone", "电话").await;

    // A phone number one digit short: refused by the core, shown under the field.
    app.type_into("resident-name", "张三丰").await;
    app.type_into("resident-phone", "1381234567").await;
    app.click("resident-submit").await;
    app.expect_field_error("phone", "11 位").await;
    assert_eq!(total_residents(&app, true).await, 0);

    // An ID number with a wrong check digit.
    app.type_into("resident-phone", "13812345678").await;
    app.type_into("resident-id-number", "110105194912310021").await;
    app.click("resident-submit").await;
    app.expect_field_error("idNumber", "校验位").await;
    assert_eq!(total_residents(&app, true).await, 0);

    // A digit in the name.
    app.type_into("resident-id-number", "").await;
    app.type_into("resident-name", "张3丰").await;
    app.click("resident-submit").await;
    app.expect_field_error("name", "数字").await;
    assert_eq!(total_residents(&app, true).await, 0, "no bad input was saved");

    // Good input.
    app.type_into("resident-name", "张三丰").await;
    app.type_into("resident-unit", "2").await;
    app.type_into("resident-room", "501").await;
    app.click("resident-consent").await;
    app.click("resident-submit").await;
    app.until("the new resident in the table", || async { app.resident_names().await == vec!["张三丰"] }).await;
    let table = app.css(".el-table").await.text().await.unwrap_or_default();
    assert!(table.contains("138****5678"), "masked phone in the list: {table}");
    assert!(!table.contains("13812345678"), "the whole phone never shows in the list");

    let other = json!({ "input": { "name": "李四", "gender": null, "birthDate": null, "age": 70, "phone": "13900001111",
        "idNumber": null, "gridId": null, "compoundId": null, "buildingId": null, "unit": "", "room": "",
        "tagIds": [1], "note": "", "consentDate": null, "confirmDuplicate": false } });
    app.invoke("residents_create", other).await.expect("second resident");

    for (typed, expected) in
        [("zsf", vec!["张三丰"]), ("5678", vec!["张三丰"]), ("1111", vec!["李四"]), ("ls", vec!["李四"])]
    {
        app.type_into("resident-search", typed).await;
        app.until(&format!("search {typed} → {expected:?}"), || async { app.resident_names().await == expected }).await;
    }
    // 李四's tag (独居老人) is visible in the list, not stuck in an animation.
    app.until("the tag shown in 李四's row", || async {
        let js = "const t = document.querySelector('.row-tag'); if (!t) return null;
                  const r = t.getBoundingClientRect(); return [t.textContent.trim(), r.width, getComputedStyle(t).opacity];";
        let v = app.client.execute(js, vec![]).await.unwrap_or_default();
        v[0] == "独居老人" && v[1].as_f64().unwrap_or(0.0) > 10.0 && v[2] == "1"
    })
    .await;
    app.type_into("resident-search", "wangwu").await;
    app.el("resident-empty").await;

    app.type_into("resident-search", "zsf").await;
    app.until("张三丰 found again", || async { app.resident_names().await == vec!["张三丰"] }).await;
    app.click("resident-archive").await;
    app.css(".confirm-ok").await.click().await.expect("confirm archive");
    app.until("archived resident leaves the list", || async { app.resident_names().await.is_empty() }).await;
    assert_eq!(total_residents(&app, false).await, 1);
    assert_eq!(total_residents(&app, true).await, 2, "archived, not deleted");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn kiosk_shows_large_buttons_and_refuses_staff_commands() {
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 12);
    let app = App::start_in(temp.path(), Mode::Kiosk, None).await;
    app.until("the station name on the kiosk", || async {
        app.text("kiosk-station-name").await == "阳光花园小区党群服务站"
    })
    .await;
    for button in
        ["kiosk-btn-activities", "kiosk-btn-bookings", "kiosk-btn-wish", "kiosk-btn-rate", "kiosk-btn-volunteer"]
    {
        let el = app.el(button).await;
        let (_, _, w, h) = el.rectangle().await.expect("rect");
        assert!(h >= 64.0 && w >= 64.0, "{button} is {w}×{h}");
        let size: f64 = el.css_value("font-size").await.expect("font-size").trim_end_matches("px").parse().expect("px");
        assert!(size >= 24.0, "{button} font {size}px");
        assert!(!el.text().await.unwrap_or_default().trim().is_empty(), "{button} says what it is");
    }

    // Staff commands are refused from the kiosk window, whoever calls them.
    let search = json!({ "input": { "text": "", "gridId": null, "compoundId": null, "tagId": null,
                                    "includeArchived": true, "page": 1, "pageSize": 50 } });
    for (command, args) in [
        ("residents_search", search),
        ("staff_list", json!({})),
        ("auth_login", json!({ "input": { "username": "admin", "password": "admin1234" } })),
        ("setup_initialize", json!({})),
        ("home_summary", json!({})),
    ] {
        let refused = app.invoke(command, args).await.expect_err(command);
        let text = refused.to_string();
        assert!(!text.contains("138") && !text.contains("139"), "no personal data leaks: {text}");
    }
    let frozen = app.client.execute("return Object.isFrozen(Object.prototype);", vec![]).await.expect("js");
    assert_eq!(frozen, json!(true), "the page runs with Object.prototype frozen (freezePrototype)");
    let info = app.invoke("kiosk_info", json!({})).await.expect("kiosk_info is a kiosk command");
    assert_eq!(info["stationName"], "阳光花园小区党群服务站");

    // Leaving kiosk mode needs the kiosk exit PIN (the demo's is 246810) — never the admin's
    // desk password, which is refused like any wrong PIN.
    for guess in ["000000", "admin1234"] {
        let wrong = app.invoke("kiosk_exit", json!({ "input": { "pin": guess } })).await.expect_err("wrong PIN");
        assert_eq!(wrong["code"], "BAD_CREDENTIALS", "{guess}: {wrong}");
    }
    // The exit is an unmarked corner: a tap does nothing, staff press and hold it (or press
    // Enter on it with a keyboard).
    app.click("kiosk-exit").await;
    assert_eq!(app.count("[data-testid='kiosk-exit-password']").await, 0, "a tap does not open the exit");
    app.client
        .execute(
            "document.querySelector(\"[data-testid='kiosk-exit']\").dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))",
            vec![],
        )
        .await
        .expect("Enter on the corner");
    app.type_into("kiosk-exit-password", "135790").await;
    app.click("kiosk-exit-submit").await;
    app.until("the kiosk says the PIN is wrong", || async { app.text("kiosk-exit-error").await.contains("密码") })
        .await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn desk_opens_the_kiosk_as_a_second_window() {
    let app = App::start(Mode::Desk).await;
    first_run_setup(&app).await;
    let before = app.client.windows().await.expect("windows").len();
    app.click("open-kiosk-button").await;
    app.until("a second window", || async { app.client.windows().await.map(|w| w.len()).unwrap_or(0) > before }).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_database_offers_the_newest_backup_and_restores_it() {
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 3);
    let backup = super::harness::app_command()
        .args(["backup", "--data-dir", &temp.path().display().to_string()])
        .output()
        .expect("station-desk backup");
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    // The file is overwritten by accident.
    let db = temp.path().join("station.sqlite3");
    std::fs::write(&db, vec![0x42u8; 8192]).expect("damage the file");
    for side in ["station.sqlite3-wal", "station.sqlite3-shm"] {
        let _ = std::fs::remove_file(temp.path().join(side));
    }
    let app = App::start_in(temp.path(), Mode::Desk, None).await;
    app.until("the recovery screen", || async { !app.text("recovery-message").await.is_empty() }).await;
    app.type_into("recovery-username", "admin").await;
    app.type_into("recovery-password", "admin1234").await;
    app.click("recovery-restore").await;
    // Restoring replaces the data file, so the desk asks first.
    app.css(".confirm-ok").await.click().await.expect("confirm restore");
    app.wait_focus("login-username").await;
    login(&app, "admin", "admin1234").await;
    app.until("the restored station", || async { app.text("topbar-user").await == "王站长" }).await;
    assert_eq!(total_residents(&app, true).await, 3, "the residents came back from the backup");
    let kept = std::fs::read_dir(temp.path())
        .expect("data dir")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("damaged"));
    assert!(kept, "the damaged file is kept aside, not deleted");
    app.stop().await;
}
