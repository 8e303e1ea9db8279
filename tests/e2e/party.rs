//! 党务 on the real window: the chain (社区党委 → 小区党支部 → 党小组) created at the desk, the
//! national system's roster imported with its bad rows named, a 支部党员大会 with two
//! absences recorded and approved (the quarter's compliance turns), a month's dues collected
//! with one arrear, and the 党费收缴登记表 printed to a PDF.

use super::flows::first_run_setup;
use super::harness::{id_with_check, pdf_text, suite_now, App, Mode};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const BRANCH: &str = "阳光花园小区党支部";

/// The roster as 全国党员管理信息系统 exports it: a title row above the header, dates as
/// date cells or as text (1988.06, 1989年6月), phones as numbers, ID numbers as text. Three
/// good rows, then a duplicate ID, a wrong check digit, 入党 before 18 and 转正 before 入党.
fn write_roster(path: &std::path::Path) {
    let zhang = id_with_check("14050219650308123");
    let li = id_with_check("14050219700512002");
    let wang = id_with_check("14050219750901101");
    let bad_digit = {
        let good = id_with_check("14050219700101123");
        format!("{}{}", &good[..17], if good.ends_with('0') { '1' } else { '0' })
    };
    let young = id_with_check("14050220000501123");
    let zhou = id_with_check("14050219800101123");
    enum C<'a> {
        T(&'a str),
        D(u16, u8, u8),
        N(f64),
    }
    use C::{D, N, T};
    let rows: Vec<Vec<C>> = vec![
        vec![
            N(1.0),
            T("张建国"),
            T("男"),
            T("汉族"),
            D(1965, 3, 8),
            T("大学本科"),
            T("正式党员"),
            T("1988.06"),
            T("1989年6月"),
            T(BRANCH),
            N(13812345678.0),
            T(&zhang),
        ],
        vec![
            N(2.0),
            T("李秀英"),
            T("女"),
            T("汉族"),
            D(1970, 5, 12),
            T("大专"),
            T("正式党员"),
            D(1995, 7, 1),
            D(1996, 7, 1),
            T(BRANCH),
            N(13912345678.0),
            T(&li),
        ],
        vec![
            N(3.0),
            T("王建华"),
            T("男"),
            T("汉族"),
            D(1975, 9, 1),
            T("高中"),
            T("正式党员"),
            T("2001.07"),
            T("2002.07"),
            T(BRANCH),
            N(13700001111.0),
            T(&wang),
        ],
        vec![
            N(4.0),
            T("王五"),
            T("男"),
            T("汉族"),
            D(1965, 3, 8),
            T("高中"),
            T("正式党员"),
            T("1990.07"),
            T("1991.07"),
            T(BRANCH),
            N(13700000001.0),
            T(&zhang),
        ],
        vec![
            N(5.0),
            T("赵六"),
            T("男"),
            T("汉族"),
            D(1970, 1, 1),
            T("高中"),
            T("正式党员"),
            T("1995.07"),
            T("1996.07"),
            T(BRANCH),
            N(13700000002.0),
            T(&bad_digit),
        ],
        vec![
            N(6.0),
            T("孙七"),
            T("男"),
            T("汉族"),
            D(2000, 5, 1),
            T("大学本科"),
            T("正式党员"),
            T("2017.06"),
            T("2018.06"),
            T(BRANCH),
            N(13700000003.0),
            T(&young),
        ],
        vec![
            N(7.0),
            T("周八"),
            T("女"),
            T("汉族"),
            D(1980, 1, 1),
            T("硕士研究生"),
            T("正式党员"),
            D(2010, 7, 1),
            D(2009, 7, 1),
            T(BRANCH),
            N(13700000004.0),
            T(&zhou),
        ],
    ];
    let headers = [
        "序号",
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "学历",
        "人员类别",
        "入党日期",
        "转正日期",
        "所在党支部",
        "联系电话",
        "身份证号码",
    ];
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "党员名册（全国党员管理信息系统导出）").expect("title");
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).expect("header");
    }
    for (r, row) in rows.into_iter().enumerate() {
        for (c, cell) in row.into_iter().enumerate() {
            let (r, c) = (r as u32 + 2, c as u16);
            match cell {
                T(s) => sheet.write_string(r, c, s).map(drop),
                D(y, m, d) => sheet
                    .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).expect("date"), &date)
                    .map(drop),
                N(n) => sheet.write_number(r, c, n).map(drop),
            }
            .expect("cell");
        }
    }
    book.save(path).expect("save roster");
}

/// 组织体系: one organisation through the create dialog (`founded` typed as the picker shows it).
async fn create_org(app: &App, parent: Option<&str>, kind: &str, name: &str, founded: &str) {
    app.click("party-org-add").await;
    app.el("party-org-dialog").await;
    if let Some(parent) = parent {
        app.pick_option("party-org-parent", parent).await;
    }
    app.pick_option("party-org-kind", kind).await;
    app.type_into("party-org-name", name).await;
    app.set_value("party-org-founded", founded).await;
    app.click("party-org-save").await;
    app.el(&format!("party-org-node-{name}")).await;
}

/// Opens a member from the ledger and sets their monthly dues base.
async fn set_dues_base(app: &App, name: &str, base_yuan: &str) {
    app.click_with_text("party-member-row-name", name).await;
    app.until(&format!("{name}'s drawer"), || async { shown_text(app, ".el-drawer__header").await.contains(name) })
        .await;
    app.click("party-member-edit").await;
    app.el("party-member-dialog").await;
    app.type_into("party-member-base", base_yuan).await;
    app.click("party-member-save").await;
    app.until(&format!("{name}'s dues"), || async { !app.text("party-member-dues").await.starts_with("0.00") }).await;
    app.click_css(".el-drawer__close-btn").await;
    app.until("the drawer closed", || async { shown_text(app, ".el-drawer").await.is_empty() }).await;
}

/// A screenshot kept for a person to look at: target/e2e-artifacts/party-<name>.png.
async fn shot(app: &App, name: &str) {
    app.keep_screenshot(&format!("party-{name}")).await;
}

/// The text of the first element matching `selector` that is on screen ("" when none is).
async fn shown_text(app: &App, selector: &str) -> String {
    let js = "return Array.from(document.querySelectorAll(arguments[0]))
        .filter(e => e.offsetParent !== null && e.getBoundingClientRect().width > 0)
        .map(e => e.textContent).join(' ')";
    app.client
        .execute(js, vec![serde_json::json!(selector)])
        .await
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread")]
async fn chain_roster_meeting_compliance_and_a_months_dues_with_one_arrear_printed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let roster = dir.path().join("党员名册.xlsx");
    write_roster(&roster);
    let data = dir.path().join("data");
    let app = App::start_with_env(
        &data,
        Mode::Desk,
        &[
            ("STATION_DESK_TEST_OPEN_PATH", &roster.display().to_string()),
            ("STATION_DESK_TEST_SAVE_DIR", &dir.path().display().to_string()),
        ],
    )
    .await;
    first_run_setup(&app).await;
    app.click("nav-party").await;

    // the chain
    create_org(&app, None, "社区党委", "凤台社区党委", "2010年7月1日").await;
    create_org(&app, Some("凤台社区党委"), "小区党支部", BRANCH, "2015年6月1日").await;
    create_org(&app, Some(BRANCH), "党小组", "3号楼党小组", "2016年3月1日").await;
    shot(&app, "1-orgs").await;

    // the roster: previewed with each bad row named, then imported
    app.click("party-tab-members").await;
    app.click("party-member-import").await;
    app.click("import-pick").await;
    app.until("the preview counts", || async { app.text("import-counts").await.contains("新增 3") }).await;
    let errors = app.content("import-row-errors").await;
    for (line, why) in
        [("第 6 行", "重复"), ("第 7 行", "校验位"), ("第 8 行", "未满 18 周岁"), ("第 9 行", "转正日期早于入党日期")]
    {
        assert!(errors.contains(line), "{line} in {errors}");
        let row = errors.split(line).nth(1).unwrap_or_default();
        assert!(row.split("第 ").next().unwrap_or_default().contains(why), "{line}: {why} in {errors}");
    }
    shot(&app, "2-import-preview").await;
    app.click("import-commit").await;
    app.until("the import done", || async { app.text("import-done").await.contains("导入完成") }).await;
    app.click("import-close").await;
    app.until("three members on the ledger", || async { app.text("party-member-total").await.contains('3') }).await;
    // the same file again writes nothing new
    app.click("party-member-import").await;
    app.click("import-pick").await;
    app.until("the second preview", || async { app.text("import-counts").await.contains("新增 0") }).await;
    app.click("import-close").await;

    shot(&app, "3-ledger").await;
    // dues bases (元): 4,000 → 40.00, 2,800 → 14.00, 6,000 → 90.00 a month
    for (name, base) in [("张建国", "4000"), ("李秀英", "2800"), ("王建华", "6000")] {
        set_dues_base(&app, name, base).await;
    }

    // compliance before: the quarter's 支部党员大会 not held
    app.click("party-tab-compliance").await;
    let general = format!("party-compliance-{BRANCH}-general_meeting");
    app.until("not held yet", || async { app.text(&general).await == "未落实" }).await;

    // a 支部党员大会 with two absences, submitted and approved
    app.click("party-tab-meetings").await;
    app.click("party-meeting-add").await;
    app.el("party-meeting-dialog").await;
    app.pick_option("party-meeting-kind", "支部党员大会").await;
    app.pick_option("party-meeting-org", BRANCH).await;
    app.type_into("party-meeting-topic", "学习贯彻党的二十届四中全会精神").await;
    app.type_into("party-meeting-host", "张建国").await;
    app.type_into("party-meeting-recorder", "王建华").await;
    app.el("party-meeting-absent-李秀英").await;
    for (name, why) in [("李秀英", "外出就医"), ("王建华", "单位值班")] {
        app.click(&format!("party-meeting-absent-{name}")).await;
        app.type_into(&format!("party-meeting-reason-{name}"), why).await;
    }
    shot(&app, "4-meeting-form").await;
    app.click("party-meeting-save").await;
    app.el("party-meeting-drawer").await;
    app.until("due 3, present 1", || async {
        let a = app.content("party-meeting-absent-list").await;
        a.contains("李秀英") && a.contains("外出就医") && a.contains("王建华")
    })
    .await;
    app.click("party-meeting-step-submit").await;
    app.click("party-meeting-step-approve").await;
    app.el("party-meeting-readonly").await;
    shot(&app, "5-meeting-approved").await;
    app.click_css(".el-drawer__close-btn").await;

    // compliance after: held, attendance 1 of 3
    app.click("party-tab-compliance").await;
    app.until("held now", || async { app.text(&general).await == "已落实" }).await;
    let table = app.content("party-compliance-table").await;
    assert!(table.contains("33.3%"), "attendance 1 of 3 in {table}");
    shot(&app, "6-compliance").await;
    // the quarter's 三会一课登记簿
    app.click("party-compliance-print").await;
    app.click("party-compliance-print-pdf").await;
    let quarter = {
        let now = suite_now();
        let month: u32 = now[5..7].parse().expect("month");
        format!("{}-Q{}", &now[..4], (month - 1) / 3 + 1)
    };
    let register = pdf_text(&dir.path().join(format!("三会一课登记簿-{quarter}.pdf"))).await;
    for needle in
        ["三会一课登记簿", BRANCH, "支部党员大会", "学习贯彻党的二十届四中全会精神", "1/3", "已落实", "未落实"]
    {
        assert!(register.contains(needle), "{needle} in the register:\n{register}");
    }

    // a month's dues: two collected, one arrear
    app.click("party-tab-dues").await;
    app.pick_option("party-dues-branch", BRANCH).await;
    app.el("party-dues-sheet").await;
    for (name, receipt) in [("张建国", "DF-2027-001"), ("王建华", "DF-2027-002")] {
        app.click(&format!("party-dues-collect-{name}")).await;
        app.type_into("party-dues-receipt", receipt).await;
        app.click("party-dues-save").await;
        app.until(&format!("{name} paid"), || async { !app.text(&format!("party-dues-paid-{name}")).await.is_empty() })
            .await;
    }
    assert_eq!(app.text("party-dues-paid-张建国").await, "40.00");
    assert_eq!(app.text("party-dues-paid-王建华").await, "90.00");
    app.el("party-dues-arrears-李秀英").await;
    let totals = app.text("party-dues-total").await;
    assert!(totals.contains("144.00") && totals.contains("130.00") && totals.contains("未交人数 1"), "{totals}");
    assert!(app.text("party-dues-arrears").await.contains("李秀英"), "the arrears list");
    shot(&app, "7-dues").await;

    // the 党费收缴登记表 as a PDF
    let month = &suite_now()[..7];
    app.click("party-dues-print").await;
    app.click("party-dues-print-pdf").await;
    let pdf = dir.path().join(format!("党费收缴登记表-{BRANCH}-{month}.pdf"));
    let text = pdf_text(&pdf).await;
    for needle in [
        "党费收缴登记表",
        BRANCH,
        "张建国",
        "DF-2027-001",
        "王建华",
        "90.00",
        "李秀英",
        "欠缴",
        "144.00",
        "130.00",
        "本人签字",
    ] {
        assert!(text.contains(needle), "{needle} in the PDF:\n{text}");
    }
    app.stop().await;
}
