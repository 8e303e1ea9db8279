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
    ImportRequest {
        target: ImportTarget::Residents,
        path: path.display().to_string(),
        mapping: None,
        new_records: None,
    }
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
    // 幸福里 is new: it would be created under the station's only grid
    assert_eq!((report.created, report.updated, report.unchanged), (3, 0, 0));
    let new: Vec<(&str, &str)> = report.new_records.iter().map(|r| (r.kind.as_str(), r.path.as_str())).collect();
    assert_eq!(new, [("小区", "第一网格 › 幸福里")]);
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("第 4 行：") && messages[0].contains("手机号"), "{messages:?}");
    assert_eq!(messages[1], "第 6 行：请填写姓名");
    assert_eq!(report.errors[1].field.as_deref(), Some("name"));
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
    assert_eq!((report.created, report.errors.len()), (3, 2));
    assert_eq!(residents_total(&st, &admin), 3);

    let page = st.residents_search(&admin, &ResidentQuery { text: "张三".into(), ..Default::default() }).unwrap();
    let zhang = st.resident_get(&admin, page.items[0].id).unwrap();
    assert_eq!(zhang.birth_date.as_deref(), Some("1950-03-08"));
    assert_eq!(zhang.address, "第一网格 阳光花园 3号楼");
    assert_eq!(zhang.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["独居老人"]);

    let again = st.import_commit(&admin, &request(&path)).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
    assert!(again.new_records.is_empty(), "the compound made the first time is found: {:?}", again.new_records);
    assert_eq!(residents_total(&st, &admin), 3, "re-importing does not duplicate people");
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

// ---- a station's first afternoon: the roster builds the places it names ----

/// A 30-row roster as WPS saves it (GB18030, CRLF, a title row): three grids, three compounds
/// and their buildings the station does not have yet, written as people write them (9号楼 /
/// 9栋 / ９号楼, 十号楼, 一单元 / 1单元, a trailing space), and four bad rows.
const WPS_ROSTER: &[u8] = include_bytes!("../../tests/fixtures/白水社区居民花名册-WPS.csv");

fn bare_station() -> (Station, StaffActor, tempfile::TempDir) {
    let (st, admin, _) = testing::station_with_admin();
    (st, admin, tempfile::tempdir().unwrap())
}

fn places_count(st: &Station) -> (u32, u32, u32) {
    let p = st.places().unwrap();
    (p.grids.len() as u32, p.compounds.len() as u32, p.buildings.len() as u32)
}

fn new_of_kind(report: &ImportReport, kind: &str) -> Vec<String> {
    report.new_records.iter().filter(|r| r.kind == kind && !r.skipped).map(|r| r.path.clone()).collect()
}

#[test]
fn a_wps_roster_on_a_new_station_creates_its_places_and_lists_every_problem_of_a_row() {
    let (mut st, admin, dir) = bare_station();
    let path = dir.path().join("白水社区居民花名册.csv");
    std::fs::write(&path, WPS_ROSTER).unwrap();

    let preview = st.import_preview(&admin, &request(&path)).unwrap();
    let all: Vec<&str> = preview.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!((preview.total_rows, preview.created, preview.errors.len()), (30, 26, 4), "{all:#?}");
    assert_eq!(new_of_kind(&preview, "网格"), ["白水网格", "凤台网格", "书院网格"]);
    assert_eq!(new_of_kind(&preview, "小区"), ["白水网格 › 白水小区", "凤台网格 › 凤台小区", "书院网格 › 书院街小区"]);
    // 9号楼 / 9栋 / ９号楼 are one building, 十号楼 is 10号楼; 4号楼 only had bad rows
    let buildings = new_of_kind(&preview, "楼栋");
    assert_eq!(buildings.len(), 13, "{buildings:?}");
    assert!(buildings.contains(&"白水网格 › 白水小区 › 10号楼".to_string()), "{buildings:?}");
    assert!(!buildings.iter().any(|b| b.ends_with("4号楼")), "{buildings:?}");
    let nine = preview.new_records.iter().find(|r| r.path == "白水网格 › 白水小区 › 9号楼").unwrap();
    assert_eq!((nine.rows, nine.parent.as_deref()), (3, Some("白水网格 › 白水小区")));
    assert_eq!(places_count(&st), (0, 0, 0), "a preview creates no place");
    assert_eq!(residents_total(&st, &admin), 0);

    let messages: Vec<&str> = preview.errors.iter().map(|e| e.message.as_str()).collect();
    assert!(messages[0].starts_with("第 28 行："), "{messages:?}");
    assert!(messages[0].contains("手机号码应为 11 位") && messages[0].contains("不能晚于今天"), "{messages:?}");
    assert_eq!(messages[1], "第 29 行：请填写姓名");
    assert!(messages[2].contains("性别「未知」") && messages[2].contains("标签「困难户」"), "{messages:?}");
    assert!(messages[3].starts_with("第 31 行：") && messages[3].contains("身份证"), "{messages:?}");

    let written = st.import_commit(&admin, &request(&path)).unwrap();
    assert_eq!((written.created, written.errors.len(), written.new_records.len()), (26, 4, 19));
    assert_eq!(places_count(&st), (3, 3, 13));
    assert_eq!(residents_total(&st, &admin), 26);
    let wang = st.residents_search(&admin, &ResidentQuery { text: "王秀英".into(), ..Default::default() }).unwrap();
    let wang = st.resident_get(&admin, wang.items[0].id).unwrap();
    assert_eq!(wang.address, "白水网格 白水小区 9号楼 1单元 101室");
    let zhang = st.residents_search(&admin, &ResidentQuery { text: "张桂兰".into(), ..Default::default() }).unwrap();
    assert_eq!(st.resident_get(&admin, zhang.items[0].id).unwrap().address, "白水网格 白水小区 9号楼 1单元 301室");

    let again = st.import_commit(&admin, &request(&path)).unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 26));
    assert!(again.new_records.is_empty(), "{:?}", again.new_records);
    assert_eq!((places_count(&st), residents_total(&st, &admin)), ((3, 3, 13), 26), "the same file writes nothing new");
}

#[test]
fn the_same_roster_as_an_xlsx_gives_the_same_result() {
    let (mut st, admin, dir) = bare_station();
    let csv = dir.path().join("名册.csv");
    std::fs::write(&csv, WPS_ROSTER).unwrap();
    let table = crate::tabular::read_table(&csv).unwrap();
    let xlsx = dir.path().join("名册.xlsx");
    // as LibreOffice saves it: phones and 序号 as numbers, the rest as text
    let sheet = Sheet {
        name: "Sheet1".into(),
        columns: table.headers.iter().map(|h| Column::new(h, 10.0)).collect(),
        rows: table
            .rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| match c.parse::<i64>() {
                        Ok(n) if c.len() < 15 => Cell::Int(n),
                        _ => Cell::from(c.clone()),
                    })
                    .collect()
            })
            .collect(),
    };
    write_xlsx(&xlsx, &[sheet]).unwrap();
    let from_csv = st.import_preview(&admin, &request(&csv)).unwrap();
    let from_xlsx = st.import_commit(&admin, &request(&xlsx)).unwrap();
    assert_eq!((from_xlsx.created, from_xlsx.errors.len()), (from_csv.created, from_csv.errors.len()));
    assert_eq!(from_xlsx.new_records, from_csv.new_records);
    assert_eq!(places_count(&st), (3, 3, 13));
}

#[test]
fn an_unticked_compound_is_not_created_and_its_rows_are_reported() {
    let (mut st, admin, dir) = bare_station();
    let path = dir.path().join("名册.csv");
    std::fs::write(&path, WPS_ROSTER).unwrap();
    let mut req = request(&path);
    req.new_records = Some(NewRecordPolicy { create: true, skip: vec!["凤台网格 › 凤台小区".into()] });
    let preview = st.import_preview(&admin, &req).unwrap();
    let skipped = preview.new_records.iter().find(|r| r.path == "凤台网格 › 凤台小区").unwrap();
    assert!(skipped.skipped);
    assert_eq!(skipped.rows, 10, "its ten rows are counted under it");
    assert!(!preview.new_records.iter().any(|r| r.path.starts_with("凤台网格 › 凤台小区 ›")), "nothing under it");

    let report = st.import_commit(&admin, &req).unwrap();
    assert_eq!((report.created, report.errors.len()), (16, 14));
    let refused =
        report.errors.iter().filter(|e| e.message.contains("凤台小区") && e.message.contains("未勾选")).count();
    assert_eq!(refused, 10);
    assert!(!st.places().unwrap().compounds.iter().any(|c| c.name == "凤台小区"));
    // its grid only served its rows: none was written, so the grid was not made either
    assert!(!st.places().unwrap().grids.iter().any(|g| g.name == "凤台网格"));
    assert!(!report.new_records.iter().any(|r| r.path == "凤台网格" && !r.skipped));
    let fengtai = st.residents_search(&admin, &ResidentQuery { text: "郑玉兰".into(), ..Default::default() }).unwrap();
    assert_eq!(fengtai.total, 0, "nothing of the compound is written");
}

#[test]
fn no_new_places_refuses_the_rows_whose_places_are_missing() {
    let (mut st, admin, dir) = station();
    let path = dir.path().join("a.csv");
    std::fs::write(&path, "姓名,手机号,小区,楼栋\n张三,13812345678,阳光花园,三号楼\n李四,13812340000,阳光花园,5号楼\n王五,13900001111,幸福里,\n").unwrap();
    let mut req = request(&path);
    req.new_records = Some(NewRecordPolicy { create: false, skip: vec![] });
    let report = st.import_commit(&admin, &req).unwrap();
    assert_eq!(report.created, 1, "三号楼 is the station's 3号楼");
    let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(messages.len(), 2);
    assert!(messages[0].contains("没有楼栋「5号楼」") && messages[0].contains("不新建"), "{messages:?}");
    assert!(messages[1].contains("小区「幸福里」不存在"), "{messages:?}");
    assert!(report.new_records.is_empty());
    assert_eq!(places_count(&st), (1, 1, 1));
}

#[test]
fn a_new_compound_without_a_grid_needs_one_when_the_station_has_several() {
    let (mut st, admin, dir) = station();
    st.place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第二网格".into() })
        .unwrap();
    let path = dir.path().join("a.csv");
    std::fs::write(&path, "姓名,手机号,小区\n王五,13900001111,幸福里\n").unwrap();
    let e = st.import_commit(&admin, &request(&path)).unwrap_err();
    assert!(e.message.contains("没有一行可以导入"), "{}", e.message);
    let report = st.import_preview(&admin, &request(&path)).unwrap();
    assert!(report.errors[0].message.contains("填写所属网格"), "{:?}", report.errors);
    // on a station without any grid, the compound goes under 未划分网格
    let (mut bare, admin2, _) = bare_station();
    let r = bare.import_commit(&admin2, &request(&path)).unwrap();
    assert_eq!(new_of_kind(&r, "网格"), ["未划分网格"]);
    assert_eq!(new_of_kind(&r, "小区"), ["未划分网格 › 幸福里"]);
}

#[test]
fn building_and_unit_names_match_as_people_write_them() {
    use crate::residents::import::{building_key, unit_key};
    for same in ["3号楼", "3栋", "3幢", "三号楼", "３号楼", " 3号楼 ", "3", "3号", "3座"] {
        assert_eq!(building_key(same), "3", "{same}");
    }
    assert_eq!(building_key("十二号楼"), "12");
    assert_eq!(building_key("二十一栋"), "21");
    assert_eq!(building_key("A座"), "A");
    assert_ne!(building_key("13号楼"), building_key("3号楼"));
    for same in ["一单元", "1单元", "１单元", "1"] {
        assert_eq!(unit_key(same), "1", "{same}");
    }
}

#[test]
fn an_exported_register_imports_into_a_new_station_as_the_same_people_and_places() {
    let (mut st, admin, dir) = bare_station();
    let roster = dir.path().join("名册.csv");
    std::fs::write(&roster, WPS_ROSTER).unwrap();
    st.import_commit(&admin, &request(&roster)).unwrap();
    let exported = dir.path().join("导出.xlsx");
    let q = ResidentQuery { include_archived: false, ..Default::default() };
    assert_eq!(st.residents_export_xlsx(&admin, &q, &exported).unwrap(), 26);

    let (mut fresh, admin2, _) = bare_station();
    let report = fresh.import_commit(&admin2, &request(&exported)).unwrap();
    assert_eq!((report.created, report.errors.clone()), (26, vec![]));
    let people = |st: &Station, admin: &StaffActor| {
        let page = st.residents_search(admin, &ResidentQuery { page_size: 100, ..Default::default() }).unwrap();
        let mut all: Vec<_> = page
            .items
            .iter()
            .map(|row| {
                let r = st.resident_get(admin, row.id).unwrap();
                let tags: Vec<String> = r.tags.iter().map(|t| t.name.clone()).collect();
                (r.name, r.gender, r.birth_date, r.age, r.phone, r.address, tags, r.note)
            })
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    };
    assert_eq!(people(&fresh, &admin2), people(&st, &admin));
    let names = |st: &Station| {
        let p = st.places().unwrap();
        let mut n: Vec<String> = p.grids.iter().map(|g| g.name.clone()).collect();
        n.extend(p.compounds.iter().map(|c| c.name.clone()));
        n.extend(p.buildings.iter().map(|b| b.name.clone()));
        n.sort();
        n
    };
    assert_eq!(names(&fresh), names(&st));
}

#[test]
fn the_summary_counts_new_records_by_kind_and_the_audit_keeps_it() {
    let (mut st, admin, dir) = bare_station();
    let path = dir.path().join("名册.csv");
    std::fs::write(&path, WPS_ROSTER).unwrap();
    let report = st.import_commit(&admin, &request(&path)).unwrap();
    let summary = new_records_summary(&report.new_records).unwrap();
    assert_eq!(summary, "新建：网格 3 个，小区 3 个，楼栋 13 个");
    let audited: String = st
        .conn()
        .query_row("SELECT detail FROM audit_log WHERE entity = 'import' ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(audited.ends_with(&summary), "{audited}");
    assert_eq!(new_records_summary(&[]), None);
}

#[test]
fn a_volunteer_list_creates_its_partner_units_and_an_item_list_its_categories() {
    let (mut st, admin, dir) = bare_station();
    let vols = dir.path().join("志愿者.csv");
    std::fs::write(
        &vols,
        "姓名,手机号,所在单位\n张三,13812345678,晋城市第一中学\n李四,13812340000,晋城市第一中学\n王五,13900001111,泽州县人民医院\n赵六,13900002222,城区民政局\n",
    )
    .unwrap();
    let req = ImportRequest {
        target: ImportTarget::Volunteers,
        path: vols.display().to_string(),
        mapping: None,
        new_records: None,
    };
    let preview = st.import_preview(&admin, &req).unwrap();
    let units: Vec<(&str, u32)> = preview.new_records.iter().map(|r| (r.path.as_str(), r.rows)).collect();
    assert_eq!(units, [("晋城市第一中学", 2), ("泽州县人民医院", 1), ("城区民政局", 1)]);
    assert!(preview.new_records.iter().all(|r| r.kind == "共建单位"));
    let skip = ImportRequest {
        new_records: Some(NewRecordPolicy { create: true, skip: vec!["城区民政局".into()] }),
        ..req
    };
    let written = st.import_commit(&admin, &skip).unwrap();
    assert_eq!((written.created, written.errors.len()), (3, 1));
    let kinds: Vec<(String, String)> = st
        .conn()
        .prepare("SELECT name, kind FROM partner_units ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(kinds, [("晋城市第一中学".into(), "学校".into()), ("泽州县人民医院".into(), "事业单位".into())]);

    let items = dir.path().join("物资.csv");
    std::fs::write(
        &items,
        "物资名称,分类,单位,库存\n矿泉水,应急物资,箱,10\n手电筒,应急物资,个,5\n轮椅,助老器具,台,2\n",
    )
    .unwrap();
    let req = ImportRequest {
        target: ImportTarget::Items,
        path: items.display().to_string(),
        mapping: None,
        new_records: None,
    };
    let report = st.import_commit(&admin, &req).unwrap();
    // 应急物资 is one of the station's own categories; 助老器具 is new
    assert_eq!(new_records_summary(&report.new_records).unwrap(), "新建：物资分类 1 个");
    assert_eq!(report.new_records[0].path, "助老器具");
}
