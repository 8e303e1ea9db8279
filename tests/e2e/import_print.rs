//! The shared importer and printing, through the residents register: a GB18030 CSV as WPS
//! saves it is previewed with its row errors and imported; the register prints to a PDF.

use super::flows::first_run_setup;
use super::harness::{pdf_text, App, Mode};
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
    let pdf = dir.path().join("花名册.pdf");
    let data = dir.path().join("data");
    let app = App::start_with_env(
        &data,
        Mode::Desk,
        &[
            ("STATION_DESK_TEST_OPEN_PATH", &csv.display().to_string()),
            ("STATION_DESK_TEST_SAVE_PATH", &pdf.display().to_string()),
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
}
