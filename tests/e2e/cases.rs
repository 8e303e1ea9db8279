//! Cases (接诉即办): the whole loop of a walk-in dispute on the real window, and an
//! administrative case that escalates by itself when the (injected) clock passes its limit.

use super::flows::{first_run_setup, login, ADMIN};
use super::harness::{App, Mode};
use fantoccini::key::Key;
use serde_json::json;

async fn timeline_len(app: &App) -> usize {
    app.count("[data-testid='case-timeline-item']").await
}

async fn status(app: &App) -> String {
    app.el("case-status").await.attr("data-status").await.ok().flatten().unwrap_or_default()
}

/// Clicks the case page's button for `action`, fills the dialog, submits, and waits for the
/// new timeline entry.
async fn act(app: &App, action: &str, texts: &[(&str, &str)], clicks: &[&str]) {
    let before = timeline_len(app).await;
    app.click(&format!("case-action-{action}")).await;
    // let the dialog finish opening (it moves the focus to its first field when it has)
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    for (testid, text) in texts {
        app.type_into(testid, text).await;
        if testid.ends_with("date") {
            // the date picker takes a typed date on Enter
            app.el(testid).await.send_keys(&Key::Enter.to_string()).await.expect("enter");
        }
    }
    for testid in clicks {
        app.click(testid).await;
    }
    app.click("case-action-submit").await;
    app.until(&format!("{action} recorded in the timeline"), || async { timeline_len(app).await > before }).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_walk_in_dispute_goes_round_the_whole_loop_to_the_archive() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xlsx = dir.path().join("统计.xlsx");
    let env = [
        ("STATION_DESK_NOW", "2026-11-23T09:00:00+08:00"),
        ("STATION_DESK_TEST_SAVE_PATH", xlsx.to_str().expect("path")),
    ];
    let app = App::start_with_env(&dir.path().join("data"), Mode::Desk, &env).await;
    first_run_setup(&app).await;
    app.click("nav-cases").await;
    app.el("cases-empty").await;

    // 问题上报: a walk-in dispute; the title is required.
    app.click("case-add").await;
    app.wait_focus("case-title").await;
    app.click("case-kind-dispute").await;
    app.click("case-submit").await;
    app.expect_field_error("title", "诉求标题").await;
    app.type_into("case-title", "楼上漏水邻里纠纷").await;
    app.type_into("case-description", "502 室漏水到 402 室，双方协商不成").await;
    app.type_into("case-place-text", "5号楼2单元").await;
    app.click("case-submit").await;
    app.until("the new case's page", || async { app.text("case-number").await == "2026-11-0001" }).await;
    assert_eq!(status(&app).await, "reported");
    assert!(app.text("case-clock").await.contains("受理"), "the accept clock runs");

    act(&app, "accept", &[], &[]).await;
    // The mediation committee first: a mediator by name.
    act(&app, "assign", &[("case-f-handler-name", "赵调解员")], &[]).await;
    assert_eq!(app.text("case-handler").await, "赵调解员");
    act(&app, "investigate", &[], &[]).await;
    act(&app, "note", &[("case-f-note", "调解未成功，双方各执一词")], &[]).await;
    // Mediation failed: to the township's 三长会商, which needs its date.
    act(&app, "escalate", &[("case-f-reason", "社区调解不成"), ("case-f-session-date", "2026-11-26")], &[]).await;
    let level = app.el("case-level").await.attr("data-level").await.ok().flatten();
    assert_eq!(level.as_deref(), Some("street"));
    assert_eq!(app.text("case-dispute-stage").await, "三长会商");
    act(&app, "resolve", &[("case-f-result", "三长会商后双方达成赔偿协议")], &[]).await;
    act(&app, "feedback", &[("case-f-content", "已当面告知调解结果")], &[]).await;
    assert_eq!(status(&app).await, "answered");
    act(&app, "followup", &[], &["case-f-resolution-partly", "case-f-satisfaction-neutral"]).await;
    // Partly solved: reopened and handled again.
    act(&app, "reopen", &[("case-f-reason", "赔偿款尚未到位")], &[]).await;
    assert_eq!(status(&app).await, "handling");
    act(&app, "resolve", &[("case-f-result", "赔偿款已付清")], &[]).await;
    act(&app, "feedback", &[("case-f-content", "已电话告知")], &["case-f-channel-phone"]).await;
    act(&app, "followup", &[], &["case-f-resolution-solved", "case-f-satisfaction-satisfied"]).await;
    act(&app, "close", &[], &[]).await;
    assert_eq!(status(&app).await, "closed");
    act(&app, "archive", &[], &[]).await;
    assert_eq!(status(&app).await, "archived");
    app.el("case-read-only").await;
    assert_eq!(app.count("[data-testid='case-action-note']").await, 0, "an archived case offers no action");

    // The whole timeline is on the page, and the core refuses any change.
    let js = "return Array.from(document.querySelectorAll(\"[data-testid='case-timeline-item']\")).map(e => e.getAttribute('data-action'));";
    let actions = app.client.execute(js, vec![]).await.expect("timeline actions");
    let actions: Vec<String> =
        actions.as_array().expect("array").iter().filter_map(|v| v.as_str().map(String::from)).collect();
    assert_eq!(actions.first().map(String::as_str), Some("report"));
    assert_eq!(actions.last().map(String::as_str), Some("archive"));
    for a in ["escalate", "reopen", "followup", "close"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    let id = app.invoke("cases_list", json!({ "input": { "text": "", "status": null, "kind": null, "openOnly": false, "page": 1, "pageSize": 5 } })).await.expect("list")["items"][0]["id"].clone();
    let refused =
        app.invoke("cases_note", json!({ "input": { "id": id, "note": "改一下" } })).await.expect_err("archived");
    assert_eq!(refused["code"], "CONFLICT", "{refused}");

    // The month's figures on screen and as a workbook for the street office.
    app.click("case-back").await;
    app.click("cases-figures").await;
    app.until("the month's figures", || async { app.text("fig-resolution").await == "100.0%" }).await;
    assert_eq!(app.text("fig-response").await, "100.0%");
    app.click("cases-figures-export").await;
    app.until("the exported workbook", || async { xlsx.exists() }).await;
    let table = station_core::tabular::read_table(&xlsx).expect("read the workbook");
    assert_eq!(table.rows[0].cells[..2], ["全部".to_string(), "1".to_string()]);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_overdue_administrative_case_escalates_by_itself_and_shows_red_on_the_home_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::start_at(dir.path(), Mode::Desk, "2026-11-02T09:00:00+08:00").await;
    first_run_setup(&app).await;
    let case = app
        .invoke(
            "cases_report",
            json!({ "input": {
                "source": "grid_worker", "hotlineTicket": null, "residentId": null, "contactName": "", "contactPhone": "",
                "gridId": null, "compoundId": null, "buildingId": null, "placeText": "东门外人行道",
                "kind": "administrative", "title": "占道经营", "description": "", "urgency": "normal",
                "confirmDuplicate": false } }),
        )
        .await
        .expect("report");
    let id = case["id"].clone();
    assert_eq!(case["number"], "2026-11-0001");
    app.invoke("cases_accept", json!({ "input": { "id": id, "note": "" } })).await.expect("accept");
    app.invoke(
        "cases_assign",
        json!({ "input": { "id": id, "handlerStaffId": null, "handlerName": "刘网格员", "departmentId": 1,
                           "reportDue": "2026-11-04", "note": "吹哨" } }),
    )
    .await
    .expect("assign with a department");
    // Not yet due: the home page shows nothing red.
    app.click("nav-home").await;
    app.el("cases-home-panel").await;
    assert_eq!(app.count("[data-testid='cases-home-overdue']").await, 0);
    app.stop().await;

    // Three weeks later (15 working days ran out on Monday 23 Nov, 09:00).
    let app = App::start_at(dir.path(), Mode::Desk, "2026-11-24T10:00:00+08:00").await;
    app.wait_focus("login-username").await;
    login(&app, ADMIN.0, ADMIN.1).await;
    app.until("the desk", || async { app.text("topbar-user").await == ADMIN.2 }).await;
    let overdue = app.el("cases-home-overdue").await;
    let text = overdue.text().await.unwrap_or_default();
    assert!(text.contains("2026-11-0001") && text.contains("已逾期"), "{text}");
    let red = app
        .client
        .execute(
            "const el = document.querySelector(\"[data-testid='cases-home-overdue'] .title\"); return el ? getComputedStyle(el).color : '';",
            vec![],
        )
        .await
        .expect("colour");
    assert_eq!(red, json!("rgb(200, 22, 29)"), "the overdue case is red");
    let state = app.css("[data-testid='cases-home-overdue'] [data-testid='case-clock']").await.attr("data-state").await;
    assert_eq!(state.ok().flatten().as_deref(), Some("overdue"));

    // the harness's click waits for the home page's panels to stop moving as they load
    app.click("cases-home-overdue").await;
    app.until("the case page", || async { app.text("case-number").await == "2026-11-0001" }).await;
    let level = app.el("case-level").await.attr("data-level").await.ok().flatten();
    assert_eq!(level.as_deref(), Some("street"), "escalated one level by itself");
    let auto = app.css("[data-testid='case-timeline-item'][data-action='auto_escalate']").await;
    let text = auto.text().await.unwrap_or_default();
    assert!(text.contains("系统") && text.contains("自动升级至街道"), "{text}");
    // Applied once: another refresh escalates nothing more.
    assert_eq!(app.invoke("cases_tick", json!({})).await.expect("tick"), json!(0));
    app.stop().await;

    // The kiosk window cannot reach any of it.
    let kiosk = App::start_at(dir.path(), Mode::Kiosk, "2026-11-24T10:00:00+08:00").await;
    let refused = kiosk
        .invoke("cases_list", json!({ "input": { "text": "", "status": null, "kind": null, "openOnly": true, "page": 1, "pageSize": 5 } }))
        .await
        .expect_err("staff command from the kiosk");
    assert!(!refused.to_string().is_empty());
    kiosk.stop().await;
}
