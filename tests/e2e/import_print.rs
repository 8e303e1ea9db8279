//! The shared importer and printing, through the residents register: a GB18030 CSV as WPS
//! saves it is previewed with its row errors and imported; the register prints to a PDF.

use super::flows::{first_run_setup, login, total_residents};
use super::harness::{app_command, demo_data, pdf_text, App, Mode};
use station_core::tabular::{write_csv, Cell, Column, Sheet, TextEncoding};

#[tokio::test(flavor = "multi_thread")]
async fn residents_import_from_a_gb18030_csv_and_the_register_prints_to_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("居民名单.csv");
    let sheet = Sheet {
        name: "名单".into(),
        columns: ["姓名", "性别", "手机号码", "出生日期"].iter().map(|t| Column::new(t, 10.0)).collect(),
        rows: vec![
            vec!["张秀兰".into(), "女".into(), Cell::Text("13812345678".into()), "1950/3/8".into()],
            vec!["李建国".into(), "男".into(), Cell::Text("139 0000 1111".into()), Cell::Empty],
            vec!["王五".into(), "男".into(), Cell::Text("1234".into()), Cell::Empty],
        ],
    };
    write_csv(&csv, &sheet, TextEncoding::Gb18030).expect("csv");
    let pdf = dir.path().join("居民花名册.pdf");
    let data = dir.path().join("data");
    let app = App::start_with_env(
        &data,
        Mode::Desk,
        &[
            ("STATION_DESK_TEST_OPEN_PATH", &csv.display().to_string()),
            ("STATION_DESK_TEST_SAVE_DIR", &dir.path().display().to_string()),
        ],
    )
    .await;
    first_run_setup(&app).await;
    app.click("nav-residents").await;
    app.click("resident-import").await;
    app.click("import-pick").await;
    app.until("the preview counts", || async { app.text("import-counts").await.contains("新增 2") }).await;
    let errors = app.text("import-row-errors").await;
    assert!(errors.contains("第 4 行：") && errors.contains("手机"), "{errors}");
    assert_eq!(app.resident_names().await.len(), 0, "the preview wrote nothing");
    app.click("import-commit").await;
    app.until("the import done", || async { app.text("import-done").await.contains("导入完成") }).await;
    app.click("import-close").await;
    app.until("the imported residents listed", || async {
        let mut names = app.resident_names().await;
        names.sort();
        names == ["张秀兰", "李建国"]
    })
    .await;

    app.click("resident-print").await;
    app.click("resident-print-pdf").await;
    let text = pdf_text(&pdf).await;
    assert!(text.contains("居民花名册"), "{text}");
    assert!(text.contains("阳光花园党群服务站"), "{text}");
    assert!(text.contains("张秀兰") && text.contains("138****5678"), "{text}");
    assert!(!text.contains("13812345678"), "phones are masked on printed lists");
    assert!(text.contains("制表人"), "{text}");

    // the same list to Excel, whole phones for the office
    app.click("resident-print").await;
    app.click("resident-export-xlsx").await;
    let xlsx = dir.path().join("居民名单.xlsx");
    app.until("the exported workbook", || async { xlsx.exists() }).await;
    let table = station_core::tabular::read_table(&xlsx).expect("read the export back");
    let phones: Vec<&str> = table.rows.iter().map(|r| r.cells[4].as_str()).collect();
    assert!(phones.contains(&"13812345678") && phones.contains(&"13900001111"), "{phones:?}");
}

/// The 2 KB workbook whose sheet claims A1:XFD1048576 (17 billion cells) once aborted the
/// whole app: now refused before a grid is built, with the limit named, on the command line
/// and at the desk, which keeps working.
#[tokio::test(flavor = "multi_thread")]
async fn a_spreadsheet_bomb_is_refused_with_its_limit_on_the_command_line_and_at_the_desk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    demo_data(&data, 3);
    let bomb = dir.path().join("bomb.xlsx");
    station_core::testing::write_minimal_xlsx(&bomb, Some("A1:XFD1048576"), &[("A1", "姓名"), ("XFD1048576", "x")]);
    assert!(std::fs::metadata(&bomb).expect("bomb").len() < 4096, "a small file");

    let started = std::time::Instant::now();
    let out = app_command()
        .args([
            "import",
            "residents",
            &bomb.display().to_string(),
            "--data-dir",
            &data.display().to_string(),
            "--dry-run",
        ])
        .output()
        .expect("station-desk import");
    let took = started.elapsed();
    let said = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "refused, not aborted: {said}");
    assert!(said.contains("上限") && said.contains("50000"), "the limit is named: {said}");
    // (the bar is 2 s; a debug build starting up is most of this)
    assert!(took < std::time::Duration::from_secs(10), "took {took:?}");

    let app =
        App::start_with_env(&data, Mode::Desk, &[("STATION_DESK_TEST_OPEN_PATH", &bomb.display().to_string())]).await;
    app.wait_focus("login-username").await;
    login(&app, "admin", "admin1234").await;
    app.click("nav-residents").await;
    app.click("resident-import").await;
    app.click("import-pick").await;
    app.until("the desk's refusal", || async { app.text("import-error").await.contains("上限") }).await;
    let shown = app.text("import-error").await;
    let first_line = said.lines().find(|l| l.contains("上限")).unwrap_or_default().trim().to_string();
    assert!(first_line.contains(shown.trim()) || shown.contains(&first_line), "the same words: {shown} / {first_line}");
    app.click("import-close").await;
    app.until("the register still answers", || async { app.resident_names().await.len() == 3 }).await;
    app.stop().await;
}

/// A station's first afternoon at the desk: the WPS roster names three grids, compounds and
/// their buildings the new station lacks. The dialog lists them to create; the person unticks
/// 凤台小区: its ten rows are reported and nothing of it is written, the rest is.
#[tokio::test(flavor = "multi_thread")]
async fn the_import_dialog_lists_the_places_to_create_and_an_unticked_compound_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("core/tests/fixtures/白水社区居民花名册-WPS.csv");
    let data = dir.path().join("data");
    let app =
        App::start_with_env(&data, Mode::Desk, &[("STATION_DESK_TEST_OPEN_PATH", &roster.display().to_string())]).await;
    first_run_setup(&app).await;
    app.click("nav-residents").await;
    app.click("resident-import").await;
    app.click("import-pick").await;
    app.until("the places to create", || async {
        app.text("import-new-records").await.contains("将新建：网格 3 个，小区 3 个，楼栋 13 个")
    })
    .await;
    let tree = app.text("import-new-records").await;
    assert!(tree.contains("白水小区") && tree.contains("9号楼") && tree.contains("3 行用到"), "{tree}");
    app.until("26 rows to write", || async { app.text("import-counts").await.contains("新增 26") }).await;
    app.keep_screenshot("import-new-places").await;

    app.click("import-new-凤台网格 › 凤台小区").await;
    app.until("the compound unticked", || async {
        let t = app.text("import-new-records").await;
        t.contains("未勾选") && t.contains("10 行不导入")
    })
    .await;
    app.until("16 rows left to write", || async { app.text("import-counts").await.contains("新增 16") }).await;
    assert_eq!(total_residents(&app, true).await, 0, "the preview wrote nothing");
    app.click("import-commit").await;
    app.until("the import done", || async { app.text("import-done").await.contains("导入完成") }).await;
    let errors = app.text("import-row-errors").await;
    assert!(errors.contains("凤台小区") && errors.contains("未勾选新建"), "{errors}");
    assert!(app.text("import-new-records").await.contains("已新建：网格 2 个，小区 2 个，楼栋 8 个"));
    app.keep_screenshot("import-unticked-compound").await;

    assert_eq!(total_residents(&app, true).await, 16);
    let places = app.invoke("places_list", serde_json::json!({})).await.expect("places");
    let compounds: Vec<&str> =
        places["compounds"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(compounds, ["白水小区", "书院街小区"], "nothing of 凤台小区 is written");
}
