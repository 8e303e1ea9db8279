//! The national system's roster export through the shared importer.

use super::super::*;
use super::{id_with_check, World};
use crate::import::{ImportRequest, ImportTarget};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const HEADERS: [&str; 14] = [
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
    "工作岗位",
    "联系电话",
    "身份证号码",
    "现居住地",
];

enum C {
    T(String),
    D(u16, u8, u8),
    N(f64),
    E,
}

fn t(s: &str) -> C {
    C::T(s.to_string())
}

/// Six rows: two good ones (one with month-only text dates, one with date cells), then a
/// duplicate ID under another name, a wrong check digit, 入党 before 18 and 转正 before 入党.
fn rows() -> Vec<Vec<C>> {
    let zhang = id_with_check("14050219650308123");
    let li = id_with_check("14050219800512002");
    let bad = {
        let good = id_with_check("14050219700101123");
        let last = if good.ends_with('0') { '1' } else { '0' };
        format!("{}{last}", &good[..17])
    };
    let young = id_with_check("14050220000501123");
    let zhou = id_with_check("14050219800101123");
    vec![
        vec![
            C::N(1.0),
            t("张建国"),
            t("男"),
            t("汉族"),
            C::D(1965, 3, 8),
            t("大学本科"),
            t("正式党员"),
            t("1988.06"),
            t("1989年6月"),
            t("阳光花园小区党支部"),
            t("退休"),
            C::N(13812345678.0),
            t(&zhang),
            t("阳光花园3号楼"),
        ],
        vec![
            C::N(2.0),
            t("李秀英"),
            t("女"),
            t("汉族"),
            C::E,
            t("大专"),
            t("预备党员"),
            C::D(2026, 3, 1),
            C::E,
            t("第二网格党支部"),
            t("社区工作者"),
            C::N(13912345678.0),
            t(&li),
            t("幸福里"),
        ],
        vec![
            C::N(3.0),
            t("王五"),
            t("男"),
            t("汉族"),
            C::E,
            t("高中"),
            t("正式党员"),
            t("1990.07"),
            t("1991.07"),
            t("阳光花园小区党支部"),
            t(""),
            C::N(13700000001.0),
            t(&zhang),
            t(""),
        ],
        vec![
            C::N(4.0),
            t("赵六"),
            t("男"),
            t("汉族"),
            C::E,
            t("高中"),
            t("正式党员"),
            t("1995.07"),
            t("1996.07"),
            t("阳光花园小区党支部"),
            t(""),
            C::N(13700000002.0),
            t(&bad),
            t(""),
        ],
        vec![
            C::N(5.0),
            t("孙七"),
            t("男"),
            t("汉族"),
            C::E,
            t("大学本科"),
            t("正式党员"),
            t("2017.06"),
            t("2018.06"),
            t("阳光花园小区党支部"),
            t(""),
            C::N(13700000003.0),
            t(&young),
            t(""),
        ],
        vec![
            C::N(6.0),
            t("周八"),
            t("女"),
            t("汉族"),
            C::E,
            t("硕士研究生"),
            t("正式党员"),
            C::D(2010, 7, 1),
            C::D(2009, 7, 1),
            t("阳光花园小区党支部"),
            t(""),
            C::N(13700000004.0),
            t(&zhou),
            t(""),
        ],
    ]
}

fn write_export(path: &std::path::Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "党员名册（全国党员管理信息系统导出，2026年11月）").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows().into_iter().enumerate() {
        let r = r as u32 + 2;
        for (c, cell) in row.into_iter().enumerate() {
            let c = c as u16;
            match cell {
                C::T(s) if !s.is_empty() => {
                    sheet.write_string(r, c, s).unwrap();
                }
                C::D(y, m, d) => {
                    sheet.write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).unwrap(), &date).unwrap();
                }
                C::N(n) => {
                    sheet.write_number(r, c, n).unwrap();
                }
                _ => {}
            }
        }
    }
    book.save(path).unwrap();
}

fn request(path: &std::path::Path) -> ImportRequest {
    ImportRequest {
        target: ImportTarget::PartyMembers,
        path: path.display().to_string(),
        mapping: None,
        new_records: None,
    }
}

#[test]
fn the_national_roster_imports_with_each_bad_row_named_and_a_reimport_writes_nothing() {
    let mut w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("党员名册.xlsx");
    write_export(&path);
    let preview = w.st.import_preview(&w.admin, &request(&path)).unwrap();
    assert_eq!(preview.header_line, 2, "the title row is skipped");
    assert_eq!((preview.created, preview.errors.len()), (2, 4), "{:?}", preview.errors);
    assert_eq!(w.table_count("party_members"), 0, "a preview writes nothing");
    let report = w.st.import_commit(&w.admin, &request(&path)).unwrap();
    let errors: Vec<(u32, Option<&str>, &str)> =
        report.errors.iter().map(|e| (e.line, e.field.as_deref(), e.message.as_str())).collect();
    assert_eq!(report.created, 2);
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors[0].0 == 5
            && errors[0].2.starts_with("第 5 行：")
            && errors[0].2.contains("重复")
            && errors[0].2.contains("张建国"),
        "{errors:?}"
    );
    assert!(errors[1].0 == 6 && errors[1].2.contains("校验位"), "{errors:?}");
    assert!(errors[2].0 == 7 && errors[2].1 == Some("joinedOn") && errors[2].2.contains("18"), "{errors:?}");
    assert!(
        errors[3].0 == 8 && errors[3].1 == Some("confirmedOn") && errors[3].2.contains("转正日期早于入党日期"),
        "{errors:?}"
    );
    // the good rows, as the file gave them
    let page = w.ledger(MemberQuery::default());
    let zhang = page.items.iter().find(|r| r.name == "张建国").unwrap();
    assert_eq!(zhang.phone, "13812345678", "a numeric phone cell");
    assert_eq!(zhang.birth_date.as_deref(), Some("1965-03-08"), "a date cell");
    assert_eq!(zhang.joined_on.as_deref(), Some("1988-06-01"), "a month-only text date");
    assert_eq!(zhang.category, MemberCategory::Full);
    let li = page.items.iter().find(|r| r.name == "李秀英").unwrap();
    assert_eq!(
        (li.category, li.joined_on.as_deref(), li.org_name.as_str()),
        (MemberCategory::Probationary, Some("2026-03-01"), "第二网格党支部")
    );
    // the new branch was created under the existing committee
    let tree = w.st.party_org_tree(&w.admin).unwrap();
    let second = tree.orgs.iter().find(|o| o.name == "第二网格党支部").unwrap();
    assert_eq!((second.parent_id, second.kind), (Some(w.committee), OrgKind::Grid));
    // again: nothing new
    let counts = (w.table_count("party_members"), w.table_count("party_member_events"), w.table_count("party_orgs"));
    let again = w.st.import_commit(&w.admin, &request(&path)).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2), "{:?}", again.errors);
    assert_eq!(
        counts,
        (w.table_count("party_members"), w.table_count("party_member_events"), w.table_count("party_orgs"))
    );
}

#[test]
fn a_gb18030_csv_export_reads_the_same_and_needs_the_grant() {
    let mut w = World::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("党员名册.csv");
    let id = id_with_check("14050219650308123");
    let text = format!(
        "党员名册,,,,,,,,,,,,,\r\n{}\r\n1,张建国,男,汉族,1965年3月8日,大学本科,正式党员,1988年6月,1989.06,阳光花园小区党支部,退休,13812345678,{id},阳光花园\r\n",
        HEADERS.join(",")
    );
    std::fs::write(&path, encoding_rs::GB18030.encode(&text).0).unwrap();
    let e = w.st.import_preview(&w.clerk.clone(), &request(&path)).unwrap_err();
    assert_eq!(e.code, crate::ErrorCode::Forbidden);
    let clerk = w.clerk_with_access();
    let r = w.st.import_commit(&clerk, &request(&path)).unwrap();
    assert_eq!((r.header_line, r.created), (2, 1), "{:?}", r.errors);
}
