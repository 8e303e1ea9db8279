use super::*;
use crate::places::{PlaceInput, PlaceKind};
use crate::testing::station_with_admin;

fn valid() -> ResidentInput {
    ResidentInput {
        name: "张三".into(),
        gender: Some(Gender::Male),
        birth_date: Some("1950-03-08".into()),
        phone: "13812341234".into(),
        unit: "2".into(),
        room: "501".into(),
        consent_date: Some("2026-11-20".into()),
        ..Default::default()
    }
}

fn count(st: &Station) -> i64 {
    st.conn().query_row("SELECT COUNT(*) FROM residents", [], |r| r.get(0)).unwrap()
}

fn audit_count(st: &Station) -> i64 {
    st.conn().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap()
}

fn search(st: &Station, actor: &StaffActor, text: &str) -> Vec<String> {
    st.residents_search(actor, &ResidentQuery { text: text.into(), ..Default::default() })
        .unwrap()
        .items
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[test]
fn create_and_read_back() {
    let (mut st, _, clerk) = station_with_admin();
    let r = st.resident_create(&clerk, &valid()).unwrap();
    assert_eq!(r.name, "张三");
    assert_eq!(r.phone, "13812341234");
    assert_eq!(r.phone_masked, "138****1234");
    assert_eq!(r.consent_by.as_deref(), Some("李文"));
    assert_eq!(r.address, "2单元 501室");
    assert!(r.age.unwrap() >= 76);
}

#[test]
fn each_kind_of_bad_input_names_its_field_and_writes_nothing() {
    let (mut st, _, clerk) = station_with_admin();
    let before = (count(&st), audit_count(&st));
    type Spoil = Box<dyn Fn(&mut ResidentInput)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("name", Box::new(|i| i.name = "  ".into())),
        ("name", Box::new(|i| i.name = "张".repeat(31))),
        ("name", Box::new(|i| i.name = "张3".into())),
        ("phone", Box::new(|i| i.phone = "".into())),
        ("phone", Box::new(|i| i.phone = "1381234123".into())),
        ("phone", Box::new(|i| i.phone = "2021234".into())),
        ("idNumber", Box::new(|i| i.id_number = Some("110105194912310021".into()))),
        ("idNumber", Box::new(|i| i.id_number = Some("12345".into()))),
        ("birthDate", Box::new(|i| i.birth_date = Some("2099-01-01".into()))),
        ("birthDate", Box::new(|i| i.birth_date = Some("1950-02-30".into()))),
        (
            "age",
            Box::new(|i| {
                i.birth_date = None;
                i.age = Some(150)
            }),
        ),
        ("consentDate", Box::new(|i| i.consent_date = Some("2099-01-01".into()))),
        ("unit", Box::new(|i| i.unit = "单".repeat(21))),
        ("note", Box::new(|i| i.note = "备".repeat(501))),
        ("gridId", Box::new(|i| i.grid_id = Some(999))),
        ("tagIds", Box::new(|i| i.tag_ids = vec![999])),
        // The ID number says 1949-12-31, female.
        ("birthDate", Box::new(|i| i.id_number = Some("11010519491231002X".into()))),
        (
            "gender",
            Box::new(|i| {
                i.birth_date = None;
                i.id_number = Some("11010519491231002X".into())
            }),
        ),
    ];
    for (field, spoil) in cases {
        let mut input = valid();
        spoil(&mut input);
        let err = st.resident_create(&clerk, &input).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{field}: {err}");
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
        let label = match field {
            "name" => "姓名",
            "phone" if err.message.contains("手机") => "手机",
            "phone" => "电话",
            "idNumber" => "身份证号",
            "birthDate" => "出生日期",
            "age" => "年龄",
            "consentDate" => "同意日期",
            "unit" => "单元",
            "note" => "备注",
            "gridId" => "网格",
            "tagIds" => "标签",
            "gender" => "性别",
            other => other,
        };
        assert!(err.message.contains(label), "the Chinese message names the field ({label}): {err}");
        assert_eq!((count(&st), audit_count(&st)), before, "nothing written for {field}");
    }
}

#[test]
fn id_number_fills_birth_date_and_gender_and_is_unique() {
    let (mut st, _, clerk) = station_with_admin();
    let mut input = valid();
    input.gender = None;
    input.birth_date = None;
    input.id_number = Some("11010519491231002x".into());
    let r = st.resident_create(&clerk, &input).unwrap();
    assert_eq!(r.birth_date.as_deref(), Some("1949-12-31"));
    assert_eq!(r.gender, Some(Gender::Female));
    assert_eq!(r.id_number.as_deref(), Some("110105********002X"), "shown masked");
    assert_eq!(st.resident_reveal_id(&clerk, r.id).unwrap().as_deref(), Some("11010519491231002X"));
    let mut other = valid();
    other.name = "李四".into();
    other.phone = "13900000000".into();
    other.gender = None;
    other.birth_date = None;
    other.id_number = Some("11010519491231002X".into());
    let err = st.resident_create(&clerk, &other).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("idNumber"));
    assert!(err.message.contains("张三"));
}

#[test]
fn same_name_and_phone_is_a_warning_that_can_be_confirmed() {
    let (mut st, _, clerk) = station_with_admin();
    st.resident_create(&clerk, &valid()).unwrap();
    let err = st.resident_create(&clerk, &valid()).unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateWarning);
    assert!(err.message.contains("138****1234"));
    assert_eq!(count(&st), 1);
    let mut confirmed = valid();
    confirmed.confirm_duplicate = true;
    st.resident_create(&clerk, &confirmed).unwrap();
    assert_eq!(count(&st), 2);
}

#[test]
fn age_without_birth_date_is_kept_as_a_birth_year() {
    let (mut st, _, clerk) = station_with_admin();
    let mut input = valid();
    input.birth_date = None;
    input.age = Some(82);
    let r = st.resident_create(&clerk, &input).unwrap();
    assert_eq!(r.age, Some(82));
    assert_eq!(r.birth_date, None);
}

#[test]
fn places_must_fit_together_and_are_filled_upward() {
    let (mut st, admin, clerk) = station_with_admin();
    let p = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第一网格".into() })
        .unwrap();
    let g1 = p.grids[0].id;
    let p = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第二网格".into() })
        .unwrap();
    let g2 = p.grids[1].id;
    let p = st
        .place_save(
            &admin,
            &PlaceInput { kind: PlaceKind::Compound, id: None, parent_id: Some(g1), name: "阳光花园".into() },
        )
        .unwrap();
    let c1 = p.compounds[0].id;
    let p = st
        .place_save(
            &admin,
            &PlaceInput { kind: PlaceKind::Building, id: None, parent_id: Some(c1), name: "3号楼".into() },
        )
        .unwrap();
    let b1 = p.buildings[0].id;

    let mut input = valid();
    input.building_id = Some(b1);
    let r = st.resident_create(&clerk, &input).unwrap();
    assert_eq!((r.grid_id, r.compound_id), (Some(g1), Some(c1)), "filled from the building");
    assert_eq!(r.address, "第一网格 阳光花园 3号楼 2单元 501室");

    let mut wrong = valid();
    wrong.phone = "13900000001".into();
    wrong.grid_id = Some(g2);
    wrong.compound_id = Some(c1);
    assert_eq!(st.resident_create(&clerk, &wrong).unwrap_err().field.as_deref(), Some("compoundId"));

    let filtered = st.residents_search(&clerk, &ResidentQuery { grid_id: Some(g2), ..Default::default() }).unwrap();
    assert_eq!(filtered.total, 0);
    let filtered = st.residents_search(&clerk, &ResidentQuery { compound_id: Some(c1), ..Default::default() }).unwrap();
    assert_eq!(filtered.total, 1);
}

#[test]
fn search_by_pinyin_initials_name_and_phone_fragment() {
    let (mut st, _, clerk) = station_with_admin();
    for (name, phone) in
        [("张三", "13812341234"), ("张珊珊", "13955556666"), ("李秀英", "0356-2021234"), ("欧阳明", "18600001111")]
    {
        let mut i = valid();
        i.name = name.into();
        i.phone = phone.into();
        st.resident_create(&clerk, &i).unwrap();
    }
    assert_eq!(search(&st, &clerk, "zs"), vec!["张三", "张珊珊"], "initials match by prefix");
    assert_eq!(search(&st, &clerk, "ZSS"), vec!["张珊珊"]);
    assert_eq!(search(&st, &clerk, "zhangsan"), vec!["张三"]);
    assert_eq!(search(&st, &clerk, "zhang"), vec!["张三", "张珊珊"]);
    assert_eq!(search(&st, &clerk, "zhang s"), vec!["张三", "张珊珊"]);
    assert_eq!(search(&st, &clerk, "张"), vec!["张三", "张珊珊"]);
    assert_eq!(search(&st, &clerk, "秀英"), vec!["李秀英"], "two characters inside a name");
    assert_eq!(search(&st, &clerk, "李秀英"), vec!["李秀英"]);
    assert_eq!(search(&st, &clerk, "oym"), vec!["欧阳明"]);
    assert_eq!(search(&st, &clerk, "1234"), vec!["李秀英", "张三"], "phone fragment, landline too");
    assert_eq!(search(&st, &clerk, "5555"), vec!["张珊珊"]);
    assert_eq!(search(&st, &clerk, "186"), vec!["欧阳明"]);
    assert_eq!(search(&st, &clerk, "13"), vec!["张三", "张珊珊"], "short digits: phone prefix");
    assert_eq!(search(&st, &clerk, "0356-2021"), vec!["李秀英"]);
    assert!(search(&st, &clerk, "王").is_empty());
    assert!(search(&st, &clerk, "%").is_empty(), "LIKE wildcards are literal");
    assert!(search(&st, &clerk, "\"").is_empty());
}

#[test]
fn search_follows_edits_and_pages() {
    let (mut st, _, clerk) = station_with_admin();
    let r = st.resident_create(&clerk, &valid()).unwrap();
    let mut edit = valid();
    edit.name = "王五".into();
    edit.phone = "13700007777".into();
    st.resident_update(&clerk, &ResidentUpdate { id: r.id, resident: edit }).unwrap();
    assert!(search(&st, &clerk, "zs").is_empty());
    assert!(search(&st, &clerk, "1234").is_empty());
    assert_eq!(search(&st, &clerk, "ww"), vec!["王五"]);
    assert_eq!(search(&st, &clerk, "7777"), vec!["王五"]);
    for n in 0..25 {
        let mut i = valid();
        i.name = "赵六".into();
        i.phone = format!("135{:08}", n);
        st.resident_create(&clerk, &i).unwrap();
    }
    let p1 = st
        .residents_search(&clerk, &ResidentQuery { text: "zl".into(), page: 1, page_size: 10, ..Default::default() })
        .unwrap();
    let p3 = st
        .residents_search(&clerk, &ResidentQuery { text: "zl".into(), page: 3, page_size: 10, ..Default::default() })
        .unwrap();
    assert_eq!((p1.total, p1.items.len(), p3.items.len()), (25, 10, 5));
}

#[test]
fn archive_hides_and_restore_brings_back() {
    let (mut st, _, clerk) = station_with_admin();
    let r = st.resident_create(&clerk, &valid()).unwrap();
    let archived = st.resident_set_archived(&clerk, r.id, true).unwrap();
    assert!(archived.archived);
    assert!(search(&st, &clerk, "zs").is_empty());
    let all = st
        .residents_search(&clerk, &ResidentQuery { text: "zs".into(), include_archived: true, ..Default::default() })
        .unwrap();
    assert_eq!(all.items.len(), 1);
    assert!(all.items[0].archived);
    st.resident_set_archived(&clerk, r.id, false).unwrap();
    assert_eq!(search(&st, &clerk, "zs"), vec!["张三"]);
}

#[test]
fn purge_is_admin_only_needs_a_reason_and_is_audited_without_personal_data() {
    let (mut st, admin, clerk) = station_with_admin();
    let r = st.resident_create(&clerk, &valid()).unwrap();
    let err = st.resident_purge(&clerk, &PurgeInput { id: r.id, reason: "本人要求".into() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden);
    let err = st.resident_purge(&admin, &PurgeInput { id: r.id, reason: " ".into() }).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("reason"));
    assert_eq!(count(&st), 1);
    st.resident_purge(&admin, &PurgeInput { id: r.id, reason: "本人要求删除".into() }).unwrap();
    assert_eq!(count(&st), 0);
    assert!(search(&st, &admin, "1234").is_empty(), "gone from the search index too");
    let detail: String =
        st.conn().query_row("SELECT detail FROM audit_log WHERE action = 'purge'", [], |r| r.get(0)).unwrap();
    assert_eq!(detail, format!("彻底删除居民 #{}：本人要求删除；预约 0 条已删除，心愿 0 条、案件 0 件去除联系人信息，审计日志 0 条隐去姓名电话", r.id));
    assert!(!detail.contains('张'));
}

#[test]
fn consent_keeps_who_recorded_it() {
    let (mut st, admin, clerk) = station_with_admin();
    let r = st.resident_create(&clerk, &valid()).unwrap();
    let mut edit = valid();
    edit.note = "更新备注".into();
    let r2 = st.resident_update(&admin, &ResidentUpdate { id: r.id, resident: edit.clone() }).unwrap();
    assert_eq!(r2.consent_by.as_deref(), Some("李文"), "unchanged consent keeps its recorder");
    edit.consent_date = Some("2026-11-24".into());
    let r3 = st.resident_update(&admin, &ResidentUpdate { id: r.id, resident: edit }).unwrap();
    assert_eq!(r3.consent_by.as_deref(), Some("王站长"));
}

#[test]
fn update_of_missing_resident_is_not_found() {
    let (mut st, _, clerk) = station_with_admin();
    let err = st.resident_update(&clerk, &ResidentUpdate { id: 42, resident: valid() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn search_sees_changes_made_by_another_process() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite3");
    let mut st = Station::open(&path).unwrap();
    let (_, clerk) = crate::testing::add_admin_and_clerk(&mut st);
    st.resident_create(&clerk, &valid()).unwrap();
    assert_eq!(search(&st, &clerk, "zs"), vec!["张三"]);
    // e.g. `station-desk demo` run while the desk is open.
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute("UPDATE residents SET name = '王五', name_pinyin = 'wangwu', name_initials = 'ww'", []).unwrap();
    assert!(search(&st, &clerk, "zs").is_empty());
    assert_eq!(search(&st, &clerk, "ww"), vec!["王五"]);
}

#[test]
fn own_writes_patch_the_search_index_without_a_reload() {
    let (mut st, admin, clerk) = station_with_admin();
    for (name, phone) in [("张三", "13800000001"), ("李四", "13800000002"), ("王五", "13800000003")] {
        let mut i = valid();
        i.name = name.into();
        i.phone = phone.into();
        st.resident_create(&clerk, &i).unwrap();
    }
    assert_eq!(search(&st, &clerk, ""), vec!["李四", "王五", "张三"]);
    let zhang =
        st.residents_search(&clerk, &ResidentQuery { text: "zs".into(), ..Default::default() }).unwrap().items[0].id;
    let mut renamed = valid();
    renamed.name = "艾青".into();
    renamed.phone = "13800000001".into();
    st.resident_update(&clerk, &ResidentUpdate { id: zhang, resident: renamed }).unwrap();
    let mut extra = valid();
    extra.name = "赵六".into();
    extra.phone = "13800000004".into();
    let zhao = st.resident_create(&clerk, &extra).unwrap().id;
    st.resident_set_archived(&clerk, zhao, true).unwrap();
    let counter = search::change_counter(st.conn()).unwrap();
    assert_eq!(st.search_index.borrow().loaded_at(), Some(counter), "patched, not stale");
    assert_eq!(search(&st, &clerk, ""), vec!["艾青", "李四", "王五"]);
    let all = st.residents_search(&clerk, &ResidentQuery { include_archived: true, ..Default::default() }).unwrap();
    let names: Vec<String> = all.items.into_iter().map(|r| r.name).collect();
    assert_eq!(names, vec!["艾青", "李四", "王五", "赵六"], "archived last");
    st.resident_purge(&admin, &PurgeInput { id: zhao, reason: "测试".into() }).unwrap();
    assert_eq!(
        st.residents_search(&clerk, &ResidentQuery { include_archived: true, ..Default::default() }).unwrap().total,
        3
    );
}

#[test]
fn list_rows_carry_their_tags() {
    let (mut st, _, clerk) = station_with_admin();
    let tags = st.tags().unwrap();
    let mut input = valid();
    input.tag_ids = vec![tags[0].id, tags[5].id];
    input.sensitive_consent = true; // 党员 is sensitive
    st.resident_create(&clerk, &input).unwrap();
    let page = st.residents_search(&clerk, &ResidentQuery::default()).unwrap();
    let mut shown = page.items[0].tags.clone();
    shown.sort();
    let mut expected = vec![tags[0].name.clone(), tags[5].name.clone()];
    expected.sort();
    assert_eq!(shown, expected);
    let filtered =
        st.residents_search(&clerk, &ResidentQuery { tag_id: Some(tags[5].id), ..Default::default() }).unwrap();
    assert_eq!(filtered.total, 1);
}

#[test]
fn export_writes_every_match_with_whole_phones_and_is_audited() {
    let (mut st, _admin, clerk) = station_with_admin();
    for (name, phone) in [("张三", "13812345678"), ("张四", "13812340000"), ("李五", "13900001111")] {
        st.resident_create(&clerk, &ResidentInput { name: name.into(), phone: phone.into(), ..valid() }).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("居民.xlsx");
    let before = audit_count(&st);
    let q = ResidentQuery { text: "zhang".into(), ..Default::default() };
    assert_eq!(st.residents_export_xlsx(&clerk, &q, &path).unwrap(), 2);
    let table = crate::tabular::read_table(&path).unwrap();
    assert_eq!(table.headers[..5], ["姓名", "性别", "出生日期", "年龄", "手机号"].map(String::from));
    let names_phones: Vec<(String, String)> =
        table.rows.iter().map(|r| (r.cells[0].clone(), r.cells[4].clone())).collect();
    assert!(names_phones.contains(&("张三".into(), "13812345678".into())), "{names_phones:?}");
    assert_eq!(names_phones.len(), 2);
    assert_eq!(audit_count(&st), before + 1, "the export is audited");
}

#[test]
fn a_resident_on_the_volunteers_roster_cannot_be_purged_but_can_be_archived() {
    let (mut st, admin, clerk) = station_with_admin();
    let r = st.resident_create(&clerk, &valid()).unwrap();
    let kind_id: i64 =
        st.conn().query_row("SELECT id FROM volunteer_kinds WHERE name = '普通志愿者'", [], |r| r.get(0)).unwrap();
    st.volunteer_create(
        &clerk,
        &crate::volunteers::roster::VolunteerInput {
            resident_id: Some(r.id),
            name: String::new(),
            phone: String::new(),
            gender: None,
            birth_date: None,
            id_number: None,
            grid_id: None,
            compound_id: None,
            party_member: false,
            kind_id,
            unit_id: None,
            reported_in: false,
            reported_in_on: None,
            skills: vec![],
            availability: vec![],
            note: String::new(),
            national_number: None,
        },
    )
    .unwrap();
    let err = st.resident_purge(&admin, &PurgeInput { id: r.id, reason: "本人要求删除".into() }).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("志愿者名册"), "{}", err.message);
    assert_eq!(count(&st), 1, "nothing was deleted");
    assert!(st.resident_set_archived(&admin, r.id, true).unwrap().archived);
}
