//! 月度汇总 on the real window: open the summary on a demo station, switch months, the print
//! dialog appears (GTK's own window, found and dismissed with xdotool), export .xlsx through
//! the save dialog (bypassed by STATION_DESK_TEST_SAVE_DIR) and check it against the JSON the
//! page shows, print to PDF and read its text, close the month and see the hash.

use super::flows::login;
use super::harness::{demo_data_full, pdf_text, App, Mode};
use serde_json::{json, Value};
use std::process::Command;
use std::time::{Duration, Instant};

/// The GTK print dialog's window ids on the test's X display (its title is "Print", or 打印
/// under a Chinese locale).
fn print_dialogs() -> Vec<String> {
    let out = Command::new("xdotool").args(["search", "--onlyvisible", "--name", "^(Print|打印)$"]).output();
    out.map(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().map(String::from).collect()).unwrap_or_default()
}

fn month_label(month: &str) -> String {
    let (y, m) = month.split_once('-').unwrap_or_default();
    format!("{y}年{m}月")
}

async fn shown_period(app: &App) -> String {
    app.text("report-period").await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_summary_switches_months_prints_exports_and_closes_a_month() {
    assert!(
        std::env::var("DISPLAY").is_ok_and(|d| !d.is_empty()),
        "run under xvfb-run: the print dialog is looked for on $DISPLAY"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo_data_full(&data, 200);
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    let app =
        App::start_with_env(&data, Mode::Desk, &[("STATION_DESK_TEST_SAVE_DIR", &out.display().to_string())]).await;
    login(&app, "admin", "admin1234").await;
    app.click("nav-report").await;
    app.until("the summary", || async { app.text("page-title").await == "月度工作汇总" }).await;

    // It opens on last month; "next" moves to this month (the demo's data is around today).
    let now: Value = app.invoke("report_get", json!({ "input": { "month": "2000-01" } })).await.expect("report");
    let today = now["header"]["madeOn"].as_str().expect("today").to_string();
    let this_month = today[..7].to_string();
    app.until("last month shown", || async { !shown_period(&app).await.contains(&month_label(&this_month)) }).await;
    let last_month = {
        let p = shown_period(&app).await;
        let i = p.find('年').expect("a month in the period line");
        let y = &p[i - 4..i];
        let m = &p[i + 3..i + 5];
        format!("{y}-{m}")
    };
    app.click("report-next").await;
    app.until("this month shown", || async { shown_period(&app).await.contains(&month_label(&this_month)) }).await;
    let expected: Value = app.invoke("report_get", json!({ "input": { "month": this_month } })).await.expect("report");
    let served = expected["residents"]["served"].as_u64().expect("served");
    assert!(served > 0, "the demo served residents this month");
    app.until("the served figure card", || async {
        app.text("fig-residents.served").await.contains(&served.to_string())
    })
    .await;
    assert!(app.count("[data-testid^='report-chart-'] svg").await > 0, "charts drawn as SVG");
    let keep = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-artifacts");
    std::fs::create_dir_all(&keep).expect("artifacts dir");
    app.screenshot(&keep.join("report-1366x768.png")).await;

    // Print: the GTK print dialog opens; Escape dismisses it.
    assert!(print_dialogs().is_empty());
    app.click("report-print").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let dialog = loop {
        if let Some(id) = print_dialogs().into_iter().next() {
            break id;
        }
        if Instant::now() > deadline {
            app.fail("the print dialog did not appear").await;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // No window manager under Xvfb: focus the dialog and type Escape through XTEST (GTK
    // ignores keys sent to a window with XSendEvent).
    let deadline = Instant::now() + Duration::from_secs(15);
    while !print_dialogs().is_empty() {
        assert!(Instant::now() < deadline, "the print dialog stayed open");
        Command::new("xdotool").args(["windowfocus", "--sync", &dialog]).status().ok();
        Command::new("xdotool").args(["key", "Escape"]).status().expect("xdotool");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Excel through the save dialog: the figures the JSON has.
    app.click("report-xlsx").await;
    let xlsx = out.join(format!("月度工作汇总_{this_month}.xlsx"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while !xlsx.exists() {
        assert!(Instant::now() < deadline, "no export at {}", xlsx.display());
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&xlsx).expect("read the export back");
        let sheet = book.worksheet_range("服务居民").expect("the residents sheet");
        let row = sheet.rows().find(|r| r[0] == "服务居民人数").expect("served row");
        assert_eq!(row[1].to_string(), served.to_string());
        let cases = book.worksheet_range("接诉即办").expect("the cases sheet");
        let total = cases.rows().find(|r| r[0] == "合计").expect("cases total");
        assert_eq!(total[1].to_string(), expected["cases"]["received"].to_string());
    }

    // PDF: Chinese text, the sections, the signature line, page numbers.
    app.click("report-pdf").await;
    let pdf = out.join(format!("月度工作汇总_{this_month}.pdf"));
    let text = pdf_text(&pdf).await;
    // (pdftotext drops the spaces around the page numbers' digits)
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for needle in ["月度工作汇总", "阳光花园", "服务居民", "接诉即办", "制表人", "负责人", "第1页共"]
    {
        assert!(squeezed.contains(needle), "{needle} missing in:\n{text}");
    }
    // every sheet is one PDF page, numbered "第 N 页 共 M 页"
    let total = squeezed.split("第1页共").nth(1).and_then(|r| r.split('页').next()).unwrap_or_default();
    let m: usize = total.parse().unwrap_or_else(|_| panic!("no page count in:\n{text}"));
    assert!(squeezed.contains(&format!("第{m}页共{m}页")), "{text}");
    let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&info.stdout);
    let pdf_pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|n| n.trim().to_string());
    assert_eq!(pdf_pages, Some(m.to_string()), "a sheet spilled over a page");

    // The demo closed last month already: it shows its hash. The month before is over too:
    // close it; the hash shows, and its printed copy carries it.
    app.click("report-prev").await;
    app.until("last month again", || async { shown_period(&app).await.contains(&month_label(&last_month)) }).await;
    app.until("the demo's closing of last month", || async {
        app.text("report-closed-hash").await.contains("校验码")
    })
    .await;
    let month_before = {
        let (y, m) = last_month.split_once('-').expect("YYYY-MM");
        let (y, m): (i32, u32) = (y.parse().expect("year"), m.parse().expect("month"));
        if m == 1 {
            format!("{}-12", y - 1)
        } else {
            format!("{y}-{:02}", m - 1)
        }
    };
    app.click("report-prev").await;
    app.until("the month before", || async { shown_period(&app).await.contains(&month_label(&month_before)) }).await;
    app.click("report-close").await;
    app.css(".el-message-box__btns .el-button--primary").await.click().await.expect("confirm closing");
    app.until("the closing hash", || async { app.text("report-closed-hash").await.contains("校验码") }).await;
    let closed: Value = app.invoke("report_get", json!({ "input": { "month": month_before } })).await.expect("report");
    let short = closed["closing"]["shortHash"].as_str().expect("short hash").to_string();
    assert!(app.text("report-closed-hash").await.contains(&short));
    app.click("report-pdf").await;
    let pdf = out.join(format!("月度工作汇总_{month_before}.pdf"));
    let text = pdf_text(&pdf).await;
    assert!(text.contains(&short), "the closed copy carries the hash {short}:\n{text}");

    // 关账记录 lists the closing with its hash, standing.
    app.click("report-closings-open").await;
    app.until("the closing in the list", || async {
        // the table body's rendered text (WebDriver's element text skips el-table's cells here)
        let js = "return document.querySelector('[data-testid=report-closings] .el-table__body')?.innerText ?? ''";
        let list = app.client.execute(js, vec![]).await.ok().and_then(|v| v.as_str().map(String::from));
        let list: String = list.unwrap_or_default().split_whitespace().collect();
        list.contains(&month_before) && list.contains(&last_month) && list.contains(&short) && list.contains("有效")
    })
    .await;
    app.stop().await;
}

/// The summary on a large screen, saved for a person to look at (target/e2e-artifacts/).
#[tokio::test(flavor = "multi_thread")]
async fn the_summary_fits_a_1920x1080_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo_data_full(&data, 200);
    let app = App::start_on_screen(&data, Mode::Desk, (1920, 1080)).await;
    login(&app, "admin", "admin1234").await;
    app.click("nav-report").await;
    app.click("report-next").await;
    app.until("the charts", || async { app.count("[data-testid^='report-chart-'] svg").await >= 2 }).await;
    // nothing wider than the window: no horizontal scroll bar
    let overflow = app
        .client
        .execute("return document.scrollingElement.scrollWidth - window.innerWidth", vec![])
        .await
        .expect("script");
    assert!(overflow.as_i64().unwrap_or(0) <= 0, "the page scrolls sideways by {overflow}px");
    let keep = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e-artifacts");
    std::fs::create_dir_all(&keep).expect("artifacts dir");
    app.screenshot(&keep.join("report-1920x1080.png")).await;
    app.stop().await;
}
