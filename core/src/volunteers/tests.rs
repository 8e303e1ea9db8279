use super::roster::*;
use super::*;
use crate::actor::{Actor, StaffActor};
use crate::clock::Clock;
use crate::error::ErrorCode;
use crate::residents::ResidentInput;
use crate::testing::station_with_admin;
use crate::Station;
use chrono::{DateTime, Utc};

pub(super) fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// A station at 2026-11-25 09:00 Shanghai time, with an admin and a clerk.
pub(super) fn station() -> (Station, StaffActor, StaffActor) {
    let (mut st, admin, clerk) = station_with_admin();
    st.set_clock(Clock::Fixed(at("2026-11-25T09:00:00+08:00")));
    (st, admin, clerk)
}

pub(super) fn kind_id(st: &Station, name: &str) -> i64 {
    st.volunteer_kinds().unwrap().into_iter().find(|k| k.name == name).unwrap().id
}

pub(super) fn person(name: &str, phone: &str) -> VolunteerInput {
    VolunteerInput { name: name.into(), phone: phone.into(), ..Default::default() }
}

pub(super) fn add_volunteer(st: &mut Station, clerk: &StaffActor, name: &str, phone: &str) -> i64 {
    let kind = kind_id(st, "普通志愿者");
    st.volunteer_create(clerk, &VolunteerInput { kind_id: kind, ..person(name, phone) }).unwrap().id
}

pub(super) fn count(st: &Station, table: &str) -> i64 {
    st.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

fn credit(volunteer_id: i64, minutes: i64) -> LedgerCredit {
    LedgerCredit {
        volunteer_id,
        minutes,
        points: 10,
        service_kind: "微心愿".into(),
        source: "wish".into(),
        source_id: Some(7),
        note: "帮助张奶奶修手机".into(),
    }
}

#[test]
fn a_volunteer_who_is_not_a_resident_keeps_own_person_data() {
    let (mut st, _, clerk) = station();
    let kind = kind_id(&st, "普通志愿者");
    let v = st
        .volunteer_create(
            &clerk,
            &VolunteerInput {
                kind_id: kind,
                skills: vec!["理发".into(), " 理发 ".into(), "维修".into()],
                availability: vec![AvailabilitySlot { weekday: 1, start: "09:00".into(), end: "12:00".into() }],
                ..person("李志愿", "13900001111")
            },
        )
        .unwrap();
    assert_eq!(v.name, "李志愿");
    assert_eq!(v.phone_masked, "139****1111");
    assert_eq!(v.skills, vec!["理发", "维修"]);
    assert_eq!(v.availability.len(), 1);
    assert_eq!(v.resident_id, None);
    assert_eq!(v.status, VolunteerStatus::Active);
}

#[test]
fn a_resident_who_volunteers_is_one_person_linked_not_copied() {
    let (mut st, _, clerk) = station();
    let r = st
        .resident_create(
            &clerk,
            &ResidentInput { name: "张三".into(), phone: "13812341234".into(), ..Default::default() },
        )
        .unwrap();
    let kind = kind_id(&st, "社区党员");
    let v = st
        .volunteer_create(&clerk, &VolunteerInput { resident_id: Some(r.id), kind_id: kind, ..Default::default() })
        .unwrap();
    assert_eq!((v.name.as_str(), v.phone.as_str(), v.resident_id), ("张三", "13812341234", Some(r.id)));
    let copied: Option<String> =
        st.conn().query_row("SELECT name FROM volunteers WHERE id = ?1", [v.id], |r| r.get(0)).unwrap();
    assert_eq!(copied, None, "the person's data stays in the residents register");
    // A change in the register shows on the volunteer.
    let mut update = ResidentInput { name: "张三丰".into(), phone: "13812341234".into(), ..Default::default() };
    update.confirm_duplicate = true;
    st.resident_update(&clerk, &crate::residents::ResidentUpdate { id: r.id, resident: update }).unwrap();
    assert_eq!(st.volunteer_get(&clerk, v.id).unwrap().name, "张三丰");
    // Registering the same resident again, or the same person by hand, is refused.
    let again = st
        .volunteer_create(&clerk, &VolunteerInput { resident_id: Some(r.id), kind_id: kind, ..Default::default() })
        .unwrap_err();
    assert_eq!(again.field.as_deref(), Some("residentId"));
    let by_hand =
        st.volunteer_create(&clerk, &VolunteerInput { kind_id: kind, ..person("张三丰", "13812341234") }).unwrap_err();
    assert_eq!(by_hand.field.as_deref(), Some("residentId"));
    assert!(by_hand.message.contains("关联居民"), "{}", by_hand.message);
    assert_eq!(count(&st, "volunteers"), 1);
}

#[test]
fn bad_volunteer_input_names_its_field_and_writes_nothing() {
    let (mut st, _, clerk) = station();
    let kind = kind_id(&st, "普通志愿者");
    let in_service = kind_id(&st, "在职党员");
    add_volunteer(&mut st, &clerk, "王五", "13700001111");
    let before = (count(&st, "volunteers"), count(&st, "audit_log"));
    type Spoil = Box<dyn Fn(&mut VolunteerInput)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("name", Box::new(|i| i.name = " ".into())),
        ("phone", Box::new(|i| i.phone = "123".into())),
        ("phone", Box::new(|i| i.phone = "13700001111".into())),
        ("kindId", Box::new(|i| i.kind_id = 999)),
        ("unitId", Box::new(move |i| i.kind_id = in_service)),
        ("unitId", Box::new(|i| i.unit_id = Some(999))),
        ("reportedInOn", Box::new(|i| i.reported_in_on = Some("2026-01-01".into()))),
        ("idNumber", Box::new(|i| i.id_number = Some("110105194912310021".into()))),
        ("skills", Box::new(|i| i.skills = vec!["长".repeat(21)])),
        (
            "availability",
            Box::new(|i| {
                i.availability = vec![AvailabilitySlot { weekday: 8, start: "09:00".into(), end: "10:00".into() }]
            }),
        ),
        (
            "availability",
            Box::new(|i| {
                i.availability = vec![AvailabilitySlot { weekday: 1, start: "11:00".into(), end: "10:00".into() }]
            }),
        ),
        ("residentId", Box::new(|i| i.resident_id = Some(999))),
    ];
    for (field, spoil) in cases {
        let mut input = VolunteerInput { kind_id: kind, ..person("赵六", "13600002222") };
        spoil(&mut input);
        let e = st.volunteer_create(&clerk, &input).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{e}");
        assert!(e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese message: {e}");
    }
    assert_eq!((count(&st, "volunteers"), count(&st, "audit_log")), before);
}

#[test]
fn status_is_changed_never_deleted() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王五", "13700001111");
    let v = st
        .volunteer_set_status(
            &clerk,
            &VolunteerStatusInput { id, status: VolunteerStatus::Left, reason: "搬走".into() },
        )
        .unwrap();
    assert_eq!(v.status, VolunteerStatus::Left);
    let listed = st.volunteers_search(&clerk, &VolunteerQuery::default()).unwrap();
    assert_eq!(listed.total, 0, "those who left are not in the default list");
    let left = st
        .volunteers_search(&clerk, &VolunteerQuery { status: Some(VolunteerStatus::Left), ..Default::default() })
        .unwrap();
    assert_eq!(left.items[0].id, id);
}

#[test]
fn search_by_name_pinyin_phone_skill() {
    let (mut st, _, clerk) = station();
    let kind = kind_id(&st, "普通志愿者");
    st.volunteer_create(
        &clerk,
        &VolunteerInput { kind_id: kind, skills: vec!["理发".into()], ..person("张三", "13800001234") },
    )
    .unwrap();
    add_volunteer(&mut st, &clerk, "李四", "13900005678");
    let names = |q: VolunteerQuery| -> Vec<String> {
        st.volunteers_search(&clerk, &q).unwrap().items.into_iter().map(|r| r.name).collect()
    };
    assert_eq!(names(VolunteerQuery { text: "张".into(), ..Default::default() }), vec!["张三"]);
    assert_eq!(names(VolunteerQuery { text: "zs".into(), ..Default::default() }), vec!["张三"]);
    assert_eq!(names(VolunteerQuery { text: "lisi".into(), ..Default::default() }), vec!["李四"]);
    assert_eq!(names(VolunteerQuery { text: "5678".into(), ..Default::default() }), vec!["李四"]);
    assert_eq!(names(VolunteerQuery { skill: Some("理发".into()), ..Default::default() }), vec!["张三"]);
    assert_eq!(names(VolunteerQuery { text: "%".into(), ..Default::default() }), Vec::<String>::new());
}

#[test]
fn kinds_list_is_admin_editable() {
    let (mut st, admin, clerk) = station();
    let input = VolunteerKindInput { id: None, name: "楼栋长".into(), retired: false };
    assert_eq!(st.volunteer_kind_save(&clerk, &input).unwrap_err().code, ErrorCode::Forbidden);
    let kinds = st.volunteer_kind_save(&admin, &input).unwrap();
    assert!(kinds.iter().any(|k| k.name == "楼栋长"));
    assert_eq!(kinds.len(), 9);
}

// ---- identify_volunteer (kiosk phone + PIN) ----

#[test]
fn kiosk_identifies_by_phone_and_pin_and_greets_by_masked_name() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let no_pin = st.volunteer_kiosk_identify("13700001111", "1234").unwrap_err();
    assert!(no_pin.message.contains("还没有设置签到密码"), "{}", no_pin.message);
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    let who = st.volunteer_kiosk_identify("137 0000 1111", "2468").unwrap();
    assert_eq!(who, VolunteerIdentity { volunteer_id: id, masked_name: "王**".into() });
    // Works on a plain connection and inside a transaction alike.
    assert_eq!(identify_volunteer(st.conn(), "13700001111", "2468").unwrap().volunteer_id, id);
    let unknown = st.volunteer_kiosk_identify("13700009999", "2468").unwrap_err();
    assert_eq!(unknown.field.as_deref(), Some("phone"));
}

#[test]
fn pin_must_be_four_digits() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    for bad in ["123", "12345", "12a4", ""] {
        let e = st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: bad.into() }).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("pin"), "{bad}");
    }
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "１２３４".into() }).unwrap();
}

#[test]
fn repeated_wrong_pins_lock_the_kiosk_sign_in_for_a_while_and_are_recorded() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    let wrong = st.volunteer_kiosk_identify("13700001111", "1111").unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("pin"));
    assert!(wrong.message.contains("密码不正确，还可以再试 4 次"), "{}", wrong.message);
    for _ in 0..3 {
        st.volunteer_kiosk_identify("13700001111", "1111").unwrap_err();
    }
    let locked = st.volunteer_kiosk_identify("13700001111", "1111").unwrap_err();
    assert!(locked.message.contains("锁定"), "{}", locked.message);
    // Even the right PIN is refused while locked …
    let still = st.volunteer_kiosk_identify("13700001111", "2468").unwrap_err();
    assert!(still.message.contains("分钟后再试"), "{}", still.message);
    let recorded: i64 = st
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'volunteer' AND entity_id = ?1 AND action IN ('pin_failed', 'pin_locked')",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, 5);
    // … and accepted once the lock has passed.
    st.set_clock(Clock::Fixed(at("2026-11-25T09:16:00+08:00")));
    assert_eq!(st.volunteer_kiosk_identify("13700001111", "2468").unwrap().volunteer_id, id);
}

#[test]
fn a_right_pin_resets_the_failure_count() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    for _ in 0..4 {
        st.volunteer_kiosk_identify("13700001111", "0000").unwrap_err();
    }
    st.volunteer_kiosk_identify("13700001111", "2468").unwrap();
    let e = st.volunteer_kiosk_identify("13700001111", "0000").unwrap_err();
    assert!(e.message.contains("还可以再试 4 次"), "{}", e.message);
}

#[test]
fn a_volunteer_who_left_cannot_sign_in_at_the_kiosk() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    st.volunteer_set_status(&clerk, &VolunteerStatusInput { id, status: VolunteerStatus::Left, reason: String::new() })
        .unwrap();
    assert_eq!(st.volunteer_kiosk_identify("13700001111", "2468").unwrap_err().field.as_deref(), Some("phone"));
}

// ---- ledger_credit ----

#[test]
fn ledger_credit_appends_an_approved_entry() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let entry = st.write(&Actor::Kiosk, |tx| ledger_credit(tx, &credit(id, 90))).unwrap();
    let history = st.volunteer_history(&clerk, id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].id, entry);
    assert_eq!((history[0].minutes, history[0].points, history[0].source.as_str()), (90, 10, "wish"));
    assert_eq!(history[0].service_day, "2026-11-25");
    assert_eq!(st.volunteer_get(&clerk, id).unwrap().total_minutes, 90);
}

#[test]
fn ledger_credit_refuses_bad_credits_and_writes_nothing() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let cases = [
        LedgerCredit { volunteer_id: 999, ..credit(id, 60) },
        LedgerCredit { minutes: -5, ..credit(id, 60) },
        LedgerCredit { minutes: 0, points: 0, ..credit(id, 60) },
        LedgerCredit { minutes: 25 * 60, ..credit(id, 60) },
        LedgerCredit { source: "correction".into(), ..credit(id, 60) },
        LedgerCredit { service_kind: " ".into(), ..credit(id, 60) },
    ];
    for c in cases {
        st.write(&Actor::Kiosk, |tx| ledger_credit(tx, &c)).unwrap_err();
    }
    assert_eq!(count(&st, "volunteer_ledger"), 0);
}

#[test]
fn the_ledger_is_append_only_in_the_database_itself() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.write(&Actor::Kiosk, |tx| ledger_credit(tx, &credit(id, 90))).unwrap();
    assert!(st.conn().execute("UPDATE volunteer_ledger SET minutes = 900", []).is_err());
    assert!(st.conn().execute("DELETE FROM volunteer_ledger", []).is_err());
}

#[test]
fn a_correction_is_a_reversing_entry_with_a_reason() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let entry = st.write(&Actor::Kiosk, |tx| ledger_credit(tx, &credit(id, 90))).unwrap();
    let no_reason = st
        .ledger_correct(&clerk, &ledger::LedgerCorrection { entry_id: entry, reason: " ".into(), minutes: Some(60) })
        .unwrap_err();
    assert_eq!(no_reason.field.as_deref(), Some("reason"));
    let history = st
        .ledger_correct(
            &clerk,
            &ledger::LedgerCorrection { entry_id: entry, reason: "实际一小时".into(), minutes: Some(60) },
        )
        .unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(st.volunteer_get(&clerk, id).unwrap().total_minutes, 60);
    let again = st
        .ledger_correct(&clerk, &ledger::LedgerCorrection { entry_id: entry, reason: "再改".into(), minutes: None })
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    let reversal = history.iter().find(|e| e.reverses_id == Some(entry)).unwrap();
    let of_reversal = st
        .ledger_correct(&clerk, &ledger::LedgerCorrection { entry_id: reversal.id, reason: "x".into(), minutes: None })
        .unwrap_err();
    assert_eq!(of_reversal.code, ErrorCode::Conflict);
}

#[test]
fn points_follow_the_admins_rules() {
    let (mut st, admin, clerk) = station();
    assert_eq!(points_for(st.conn(), "助老服务", 90).unwrap(), 18);
    assert_eq!(points_for(st.conn(), "没有的类别", 60).unwrap(), 10);
    let rule = ledger::ServiceKindRule { id: None, name: "助浴服务".into(), points_per_hour: 20 };
    assert_eq!(st.service_kind_rule_save(&clerk, &rule).unwrap_err().code, ErrorCode::Forbidden);
    st.service_kind_rule_save(&admin, &rule).unwrap();
    assert_eq!(points_for(st.conn(), "助浴服务", 30).unwrap(), 10);
}
