//! Records out to the national volunteer system: the unified number on the roster, and a
//! period's ledger entries written once, re-exported on demand, audited, admins only.

use super::super::attendance::AttendanceInput;
use super::super::ledger::LedgerCorrection;
use super::super::national::*;
use super::super::shifts::{AssignInput, ShiftCreateInput};
use super::{add_volunteer, at, count, credit_on, front_desk, kind_id, person, station};
use crate::actor::StaffActor;
use crate::clock::Clock;
use crate::error::ErrorCode;
use crate::volunteers::roster::{VolunteerInput, VolunteerUpdate};
use crate::Station;
use std::path::Path;

fn november(include_exported: bool) -> NationalExportQuery {
    NationalExportQuery { from: "2026-11-01".into(), to: "2026-11-30".into(), include_exported }
}

fn set_number(st: &mut Station, clerk: &StaffActor, id: i64, number: &str) -> crate::error::Result<String> {
    let v = st.volunteer_get(clerk, id)?;
    let input = VolunteerInput {
        name: v.name,
        phone: v.phone,
        kind_id: v.kind_id,
        national_number: Some(number.into()),
        ..Default::default()
    };
    let saved = st.volunteer_update(clerk, &VolunteerUpdate { id, volunteer: input })?;
    Ok(saved.national_number.unwrap_or_default())
}

/// The file's data rows as calamine reads them (numbers stay numbers).
fn read_back(path: &Path) -> (Vec<String>, Vec<Vec<calamine::Data>>) {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range("志愿服务记录").unwrap();
    let mut rows = range.rows();
    let header = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    (header, rows.map(|r| r.to_vec()).collect())
}

fn text(cell: &calamine::Data) -> String {
    cell.to_string()
}

fn number(cell: &calamine::Data) -> f64 {
    match cell {
        calamine::Data::Float(f) => *f,
        calamine::Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

// ---- the unified number ----

#[test]
fn the_unified_number_is_cleaned_checked_and_unique() {
    let (mut st, _, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    let b = add_volunteer(&mut st, &clerk, "乙二", "13700000002");
    // full-width digits and letters, spaces: what a Chinese IME gives
    assert_eq!(set_number(&mut st, &clerk, a, " １４０５ ｚｙ-0001 ").unwrap(), "1405ZY-0001");
    for (bad, says) in [("12 3", "6 到 32 位"), ("编号140500", "数字、字母"), ("1405ZY-0001", "甲一")] {
        let e = set_number(&mut st, &clerk, b, bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("nationalNumber"), "{bad}");
        assert!(e.message.contains(says) && (says == "甲一" || e.message.contains("志愿者统一编号")), "{}", e.message);
    }
    // empty clears it
    assert_eq!(set_number(&mut st, &clerk, a, "  ").unwrap(), "");
    assert_eq!(st.volunteer_get(&clerk, a).unwrap().national_number, None);
}

#[test]
fn the_importer_takes_the_unified_number_under_its_usual_headers() {
    use crate::import::{ImportRequest, ImportTarget};
    let (mut st, admin, _) = station();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("志愿者.csv");
    std::fs::write(&path, "\u{feff}姓名,手机号,志愿者编号\r\n张三,13812341234,１４０５００-77\r\n").unwrap();
    let request = ImportRequest {
        target: ImportTarget::Volunteers,
        path: path.display().to_string(),
        mapping: None,
        new_records: None,
    };
    let report = st.import_commit(&admin, &request).unwrap();
    assert_eq!(report.created, 1, "{report:?}");
    let id: i64 = st.conn().query_row("SELECT id FROM volunteers", [], |r| r.get(0)).unwrap();
    assert_eq!(st.volunteer_get(&admin, id).unwrap().national_number.as_deref(), Some("140500-77"));
    let again = st.import_commit(&admin, &request).unwrap();
    assert_eq!(again.unchanged, 1, "the same file again changes nothing: {again:?}");
}

// ---- the export ----

#[test]
fn hours_go_to_one_decimal_half_up() {
    assert_eq!(hours_one_decimal(90), 1.5);
    assert_eq!(hours_one_decimal(50), 0.8);
    assert_eq!(hours_one_decimal(3), 0.1);
    assert_eq!(hours_one_decimal(2), 0.0);
    assert_eq!(hours_one_decimal(140), 2.3);
    assert_eq!(hours_one_decimal(24 * 60), 24.0);
}

#[test]
fn the_months_xlsx_reads_back_as_the_ledgers_rows_and_total() {
    let (mut st, admin, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    let b = add_volunteer(&mut st, &clerk, "乙二", "13700000002");
    set_number(&mut st, &clerk, a, "140500-0001").unwrap();
    credit_on(&mut st, a, "2026-11-02", 90, "值班服务");
    credit_on(&mut st, b, "2026-11-03", 50, "助老服务");
    credit_on(&mut st, a, "2026-11-20", 120, "活动协助");
    credit_on(&mut st, b, "2026-10-31", 60, "助老服务"); // another month
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("十一月.xlsx");
    let out = st.volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &path).unwrap();
    assert_eq!((out.records, out.total_hours), (3, 4.3));
    let (header, rows) = read_back(&path);
    let expected: Vec<&str> = COLUMNS.iter().map(|(t, _)| *t).collect();
    assert_eq!(header, expected);
    // the ledger's November rows, in day order
    let ledger: Vec<(i64, String, i64)> = st
        .conn()
        .prepare(
            "SELECT l.id, p.name, l.minutes FROM volunteer_ledger l JOIN volunteer_people p ON p.id = l.volunteer_id
             WHERE l.service_day BETWEEN '2026-11-01' AND '2026-11-30' ORDER BY l.service_day, l.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(rows.len(), ledger.len());
    for (row, (id, name, minutes)) in rows.iter().zip(&ledger) {
        assert_eq!(number(&row[0]) as i64, *id);
        assert_eq!(text(&row[2]), *name);
        assert_eq!(number(&row[8]), hours_one_decimal(*minutes));
    }
    let total: f64 = rows.iter().map(|r| number(&r[8])).sum();
    let ledger_minutes: i64 = ledger.iter().map(|l| l.2).sum();
    assert!((total - ledger_minutes as f64 / 60.0).abs() < 0.05 * rows.len() as f64, "{total} vs {ledger_minutes} min");
    assert!((total - 4.3).abs() < 1e-9, "1.5 + 0.8 + 2.0");
    let first = &rows[0];
    assert_eq!(text(&first[1]), "140500-0001");
    assert_eq!(text(&first[5]), "值班服务");
    assert_eq!(text(&first[6]), "2026-11-02", "no time of day known: the day");
    assert_eq!(text(&first[11]), "凤台社区阳光花园党群服务站");
    assert!(text(&first[9]).contains("凤台街道1号"));
    assert_eq!(text(&rows[1][1]), "", "乙二 has no unified number");
}

#[test]
fn a_second_export_holds_only_new_records_and_a_re_export_holds_them_all() {
    let (mut st, admin, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    set_number(&mut st, &clerk, a, "140500-0001").unwrap();
    credit_on(&mut st, a, "2026-11-02", 60, "值班服务");
    credit_on(&mut st, a, "2026-11-03", 60, "值班服务");
    let dir = tempfile::tempdir().unwrap();
    let first = st
        .volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &dir.path().join("1.xlsx"))
        .unwrap();
    assert_eq!(first.records, 2);
    // nothing new: refused, no empty batch
    let none = st
        .volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &dir.path().join("2.xlsx"))
        .unwrap_err();
    assert_eq!(none.code, ErrorCode::Conflict);
    assert!(none.message.contains("都已导出过"), "{}", none.message);
    assert!(!dir.path().join("2.xlsx").exists());
    credit_on(&mut st, a, "2026-11-24", 30, "助老服务");
    let preview = st.volunteers_national_preview(&admin, &november(false)).unwrap();
    assert_eq!((preview.records, preview.already_exported, preview.total_hours), (1, 2, 0.5));
    let second = st
        .volunteers_national_export(&admin, &november(false), NationalFormat::Csv, &dir.path().join("2.csv"))
        .unwrap();
    assert_eq!(second.records, 1, "only the new one");
    let csv = std::fs::read_to_string(dir.path().join("2.csv")).unwrap();
    assert!(csv.starts_with('\u{feff}'), "UTF-8 with BOM like the other CSV exports");
    assert_eq!(csv.lines().count(), 2);
    assert!(csv.contains(",0.5,"), "{csv}");
    // re-export on demand: the whole month again
    let again = st
        .volunteers_national_export(&admin, &november(true), NationalFormat::Xlsx, &dir.path().join("3.xlsx"))
        .unwrap();
    assert_eq!(again.records, 3);
    assert_eq!(read_back(&dir.path().join("3.xlsx")).1.len(), 3);
    let batches = st.volunteers_national_batches(&admin).unwrap();
    assert_eq!(
        batches.iter().map(|b| (b.records, b.reexport)).collect::<Vec<_>>(),
        [(3, true), (1, false), (2, false)]
    );
    assert_eq!(count(&st, "national_export_records"), 6);
}

#[test]
fn reversed_records_are_left_out_and_a_reversal_after_export_is_counted() {
    let (mut st, admin, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    credit_on(&mut st, a, "2026-11-02", 60, "值班服务");
    credit_on(&mut st, a, "2026-11-03", 60, "值班服务");
    let entry: i64 = st.conn().query_row("SELECT MIN(id) FROM volunteer_ledger", [], |r| r.get(0)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    st.volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &dir.path().join("1.xlsx")).unwrap();
    st.ledger_correct(&clerk, &LedgerCorrection { entry_id: entry, reason: "记错日期".into(), minutes: Some(30) })
        .unwrap();
    let p = st.volunteers_national_preview(&admin, &november(true)).unwrap();
    assert_eq!(p.reversed_after_export, 1);
    assert_eq!((p.records, p.total_minutes), (2, 90), "the reversal and the reversed entry are out, the new 30 in");
}

#[test]
fn the_period_is_the_stations_days_in_shanghai() {
    let (mut st, admin, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    let position = front_desk(&mut st, &clerk);
    // 30 November 22:00–23:30 in Shanghai is 14:00–15:30 UTC; 1 December 07:00 is still
    // 30 November 23:00 UTC.
    // the desk records sign-ins and sign-outs as they happen: the clock moves past each
    let shift = |st: &mut Station, day: &str, start: &str, end: &str, signed: (&str, &str), now: (&str, &str)| {
        st.set_clock(Clock::Fixed(at(now.0)));
        let s = st
            .shift_create(
                &clerk,
                &ShiftCreateInput {
                    position_id: position,
                    day: day.into(),
                    start: start.into(),
                    end: end.into(),
                    slots: 1,
                },
            )
            .unwrap();
        let a =
            st.shift_assign(&clerk, &AssignInput { shift_id: s.id, volunteer_id: a, override_reason: None }).unwrap();
        let assignment_id = a.shift.people[0].assignment_id;
        st.attendance_sign_in(&clerk, &AttendanceInput { assignment_id, at: Some(signed.0.into()) }).unwrap();
        st.set_clock(Clock::Fixed(at(now.1)));
        st.attendance_sign_out(&clerk, &AttendanceInput { assignment_id, at: Some(signed.1.into()) }).unwrap();
    };
    shift(
        &mut st,
        "2026-11-30",
        "22:00",
        "23:30",
        ("21:50", "23:30"),
        ("2026-11-30T21:55:00+08:00", "2026-11-30T23:40:00+08:00"),
    );
    shift(
        &mut st,
        "2026-12-01",
        "07:00",
        "09:00",
        ("07:05", "09:00"),
        ("2026-12-01T07:06:00+08:00", "2026-12-01T09:10:00+08:00"),
    );
    st.set_clock(Clock::Fixed(at("2026-12-01T10:00:00+08:00")));
    let dir = tempfile::tempdir().unwrap();
    let nov = dir.path().join("11.xlsx");
    assert_eq!(st.volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &nov).unwrap().records, 1);
    let (_, rows) = read_back(&nov);
    assert_eq!((text(&rows[0][6]), text(&rows[0][7])), ("2026-11-30 22:00".into(), "2026-11-30 23:30".into()));
    assert_eq!(number(&rows[0][8]), 1.5, "sign-in before the shift counts from its start");
    let dec = dir.path().join("12.xlsx");
    let december = NationalExportQuery { from: "2026-12-01".into(), to: "2026-12-31".into(), include_exported: false };
    st.volunteers_national_export(&admin, &december, NationalFormat::Xlsx, &dec).unwrap();
    let (_, rows) = read_back(&dec);
    assert_eq!((text(&rows[0][6]), text(&rows[0][7])), ("2026-12-01 07:05".into(), "2026-12-01 09:00".into()));
    assert_eq!(number(&rows[0][8]), 1.9, "115 minutes");
    assert_eq!(text(&rows[0][12]), "李文", "the clerk who signed them out recorded it");
}

#[test]
fn a_volunteer_without_a_unified_number_is_exported_and_named_in_the_warnings() {
    let (mut st, admin, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    let b = add_volunteer(&mut st, &clerk, "乙二", "13700000002");
    set_number(&mut st, &clerk, a, "140500-0001").unwrap();
    credit_on(&mut st, a, "2026-11-02", 60, "值班服务");
    credit_on(&mut st, b, "2026-11-02", 60, "值班服务");
    credit_on(&mut st, b, "2026-11-05", 60, "值班服务");
    let dir = tempfile::tempdir().unwrap();
    let out = st
        .volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &dir.path().join("x.xlsx"))
        .unwrap();
    assert_eq!(out.records, 3, "included, not skipped");
    assert_eq!(out.warnings.len(), 1);
    let w = &out.warnings[0];
    assert_eq!((w.volunteer_id, w.name.as_str(), w.records), (b, "乙二", 2));
    assert!(w.message.contains("志愿者统一编号"), "{}", w.message);
}

#[test]
fn whole_id_numbers_go_out_and_the_export_is_audited_like_other_personal_exports() {
    let (mut st, admin, clerk) = station();
    let kind = kind_id(&st, "普通志愿者");
    let v = st
        .volunteer_create(
            &clerk,
            &VolunteerInput {
                kind_id: kind,
                id_number: Some("11010519491231002X".into()),
                ..person("丙三", "13700000003")
            },
        )
        .unwrap();
    credit_on(&mut st, v.id, "2026-11-02", 60, "值班服务");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("全国.xlsx");
    let out = st.volunteers_national_export(&admin, &november(false), NationalFormat::Xlsx, &path).unwrap();
    let (_, rows) = read_back(&path);
    assert_eq!((text(&rows[0][3]), text(&rows[0][4])), ("居民身份证".into(), "11010519491231002X".into()));
    let (entity_id, actor, detail): (i64, i64, String) = st
        .conn()
        .query_row(
            "SELECT entity_id, actor_staff_id, detail FROM audit_log WHERE entity = 'national_export' AND action = 'export'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((entity_id, actor), (out.batch_id, admin.id));
    assert!(detail.contains("导出到全国志愿服务信息系统 1 条"), "{detail}");
    assert!(detail.contains("2026年11月01日 至 2026年11月30日"), "{detail}");
    assert!(detail.contains("证件号码") && detail.contains(&path.display().to_string()), "{detail}");
    assert!(!detail.contains("丙三") && !detail.contains("11010519491231002X"), "no person in the audit: {detail}");
}

#[test]
fn staff_without_the_admin_role_are_refused_and_nothing_is_written() {
    let (mut st, _, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    credit_on(&mut st, a, "2026-11-02", 60, "值班服务");
    let before = count(&st, "audit_log");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.xlsx");
    let e = st.volunteers_national_export(&clerk, &november(false), NationalFormat::Xlsx, &path).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("身份证号"), "{}", e.message);
    assert_eq!(st.volunteers_national_preview(&clerk, &november(false)).unwrap_err().code, ErrorCode::Forbidden);
    assert!(!path.exists());
    assert_eq!((count(&st, "national_export_batches"), count(&st, "audit_log")), (0, before));
}

#[test]
fn a_bad_period_is_refused_with_its_field() {
    let (st, admin, _) = station();
    for (from, to, field) in
        [("2026-11-31", "2026-12-01", "from"), ("2026-11-30", "2026-11-01", "to"), ("2025-01-01", "2026-11-30", "to")]
    {
        let q = NationalExportQuery { from: from.into(), to: to.into(), include_exported: false };
        assert_eq!(
            st.volunteers_national_preview(&admin, &q).unwrap_err().field.as_deref(),
            Some(field),
            "{from} {to}"
        );
    }
}
