use super::*;
use crate::places::{PlaceInput, PlaceKind};
use crate::residents::ResidentQuery;
use crate::tabular::{write_xlsx, Cell, Column, Sheet};
use crate::testing;

/// A station with 第一网格 › 阳光花园 › 3号楼 (the tag 独居老人 comes with every station).
fn station() -> (Station, StaffActor, tempfile::TempDir) {
    let (mut st, admin, _) = testing::station_with_admin();
    let place = |st: &mut Station, kind, parent_id, name: &str| {
        let places = st.place_save(&admin, &PlaceInput { kind, id: None, parent_id, name: name.into() }).unwrap();
        match kind {
            PlaceKind::Grid => places.grids.iter().find(|g| g.name == name).unwrap().id,
            PlaceKind::Compound => places.compounds.iter().find(|c| c.name == name).unwrap().id,
            PlaceKind::Building => places.buildings.iter().find(|b| b.name == name).unwrap().id,
        }
    };
    let g = place(&mut st, PlaceKind::Grid, None, "第一网格");
    let c = place(&mut st, PlaceKind::Compound, Some(g), "阳光花园");
    place(&mut st, PlaceKind::Building, Some(c), "3号楼");
    (st, admin, tempfile::tempdir().unwrap())
}

fn residents_total(st: &Station, admin: &StaffActor) -> u32 {
    st.residents_search(admin, &ResidentQuery { include_archived: true, ..Default::default() }).unwrap().total
}

fn request(path: &Path) -> ImportRequest {
    ImportRequest { target: ImportTarget::Residents, path: path.display().to_string(), mapping: None, new_records: None }
}

/// What WPS / Excel save as "CSV" on Chinese Windows: GB18030, CRLF, a title row, a trailing
/// empty row, and a bad phone, an unknown compound and a missing name among the rows.
const ROSTER: &str = "阳光花园居民名单（2026年11月）,,,,,,\r\n\
姓名,性别,出生日期,手机号码,小区,楼栋,标签\r\n\
张三,男,1950/3/8,13812345678,阳光花园,3栋,独居老人\r\n\
李四,女,1962年5月1日,1381234567,阳光花园,3号楼,\r\n\
王五,男,,13900001111,幸福里,,\r\n\
,女,,13900002222,,,\r\n\
赵六,女,19700101,139 0000 3333,,,\r\n\
,,,,,,\r\n";

#[test]
fn a_gb18030_csv_previews_row_errors_and_writes_nothing() {
    let (mut st, admin, dir) = station();
    let path = dir.path().join("居民.csv");
    std::fs::write(&path, encoding_rs::GB18030.encode(ROSTER).0).unwrap();
    let report = st.import_preview(&admin, &request(&path)).unwrap();
    assert_eq!(report.header_line, 2);
    assert_eq!(report.total_rows, 5);
    assert_eq!((report.created, report.updated, report.unchanged), (2, 0, 0));
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].starts_with("第 4 行：") && messages[0].contains("手机号"), "{messages:?}");
    assert!(messages[1].starts_with("第 5 行：") && messages[1].contains("幸福里"), "{messages:?}");
    assert_eq!(messages[2], "第 6 行：请填写姓名");
    assert_eq!(report.errors[2].field.as_deref(), Some("name"));
    assert!(!report.written);
    assert_eq!(residents_total(&st, &admin), 0, "a preview writes nothing");
}

#[test]
fn commit_writes_valid_rows_once_and_a_reimport_changes_nothing() {
    let (mut st, admin, dir) = station();
    let path = dir.path().join("居民.csv");
    std::fs::write(&path, encoding_rs::GB18030.encode(ROSTER).0).unwrap();
    let report = st.import_commit(&admin, &request(&path)).unwrap();
    assert!(report.written);
    assert_eq!((report.created, report.errors.len()), (2, 3));
    assert_eq!(residents_total(&st, &admin), 2);

    let page = st.residents_search(&admin, &ResidentQuery { text: "张三".into(), ..Default::default() }).unwrap();
    let zhang = st.resident_get(&admin, page.items[0].id).unwrap();
    assert_eq!(zhang.birth_date.as_deref(), Some("1950-03-08"));
    assert_eq!(zhang.address, "第一网格 阳光花园 3号楼");
    assert_eq!(zhang.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["独居老人"]);

    let again = st.import_commit(&admin, &request(&path)).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));
    assert_eq!(residents_total(&st, &admin), 2, "re-importing does not duplicate people");
}

#[test]
fn a_changed_cell_updates_and_an_empty_cell_keeps_what_staff_recorded() {
    let (mut st, admin, dir) = station();
    let first = dir.path().join("a.csv");
    std::fs::write(&first, "姓名,手机号,备注,楼栋,小区\n张三,13812345678,腿脚不便,3号楼,阳光花园\n").unwrap();
    st.import_commit(&admin, &request(&first)).unwrap();
    let second = dir.path().join("b.csv");
    std::fs::write(&second, "姓名,手机号,备注\n张三,13812345678,\n张三,13812345678,需要上门\n").unwrap();
    let report = st.import_commit(&admin, &request(&second)).unwrap();
    assert_eq!((report.created, report.updated, report.unchanged), (0, 1, 1));
    let id = st.residents_search(&admin, &ResidentQuery::default()).unwrap().items[0].id;
    let r = st.resident_get(&admin, id).unwrap();
    assert_eq!((r.note.as_str(), r.address.as_str()), ("需要上门", "第一网格 阳光花园 3号楼"));
}

#[test]
fn an_xlsx_with_numeric_phones_and_date_cells_imports() {
    let (mut st, admin, dir) = station();
    let path = dir.path().join("居民.xlsx");
    let sheet = Sheet {
        name: "Sheet1".into(),
        columns: ["序号", "姓名*", "联系电话", "出生年月", "所属小区", "楼号"]
            .iter()
            .map(|t| Column::new(t, 10.0))
            .collect(),
        rows: vec![vec![
            Cell::Int(1),
            "孙七".into(),
            Cell::Number(13812345678.0),
            chrono::NaiveDate::from_ymd_opt(1948, 2, 29).unwrap().into(),
            "阳光花园".into(),
            Cell::Int(3),
        ]],
    };
    write_xlsx(&path, &[sheet]).unwrap();
    let report = st.import_commit(&admin, &request(&path)).unwrap();
    assert_eq!(report.columns[0].field, None, "序号 is not a field");
    assert_eq!((report.created, report.errors.clone()), (1, vec![]));
    let id = st.residents_search(&admin, &ResidentQuery::default()).unwrap().items[0].id;
    let r = st.resident_get(&admin, id).unwrap();
    assert_eq!((r.phone.as_str(), r.birth_date.as_deref()), ("13812345678", Some("1948-02-29")));
    assert_eq!(r.address, "第一网格 阳光花园 3号楼");
}

#[test]
fn the_mapping_can_be_chosen_and_is_checked() {
    let (mut st, admin, dir) = station();
    let path = dir.path().join("x.csv");
    std::fs::write(&path, "甲,乙\n周八,13812345678\n").unwrap();
    let auto = st.import_preview(&admin, &request(&path)).unwrap();
    assert_eq!(auto.missing_required, vec!["姓名", "手机号"]);
    let e = st.import_commit(&admin, &request(&path)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("mapping"));
    assert!(e.message.contains("姓名、手机号"), "{}", e.message);

    let mut req = request(&path);
    req.mapping = Some(vec![Some("name".into()), Some("name".into())]);
    assert!(st.import_preview(&admin, &req).unwrap_err().message.contains("对应了多列"));
    req.mapping = Some(vec![Some("name".into()), Some("phone".into())]);
    assert_eq!(st.import_commit(&admin, &req).unwrap().created, 1);
}

#[test]
fn a_file_with_no_valid_row_writes_nothing_and_says_so() {
    let (mut st, admin, dir) = station();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "姓名,手机号\n张三,12345\n").unwrap();
    let e = st.import_commit(&admin, &request(&path)).unwrap_err();
    assert!(e.message.contains("没有一行可以导入"), "{}", e.message);
    assert_eq!(residents_total(&st, &admin), 0);
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "\n\n").unwrap();
    assert!(st.import_preview(&admin, &request(&empty)).unwrap_err().message.contains("空"));
}

#[test]
fn a_preview_on_a_snapshot_gives_the_stations_report_while_the_station_is_busy_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(crate::db::DB_FILE_NAME);
    let mut st = Station::open_with(&path, crate::db::MIGRATIONS, crate::clock::Clock::System).unwrap();
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    let file = dir.path().join("名单.csv");
    std::fs::write(&file, "姓名,手机号码\n张三,13812345678\n李四,1381234567\n").unwrap();
    let prepared = prepare(&request(&file)).unwrap();
    let on_station = st.import_preview_prepared(&admin, &prepared).unwrap();
    // Another writer holds the database (as a kiosk booking would): the snapshot still reads.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE; INSERT INTO tags (name) VALUES ('写入中');").unwrap();
    let (db_path, clock) = st.snapshot_source().unwrap();
    let on_copy = preview_on_snapshot(&db_path, clock, &admin, &prepared).unwrap();
    other.execute_batch("ROLLBACK").unwrap();
    assert_eq!((on_copy.created, on_copy.errors.len()), (on_station.created, on_station.errors.len()));
    assert_eq!((on_copy.created, on_copy.errors.len()), (1, 1));
    assert!(!on_copy.written);
    assert_eq!(residents_total(&st, &admin), 0, "a preview writes nothing to the station");
}
