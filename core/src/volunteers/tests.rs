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

// ---- volunteer_kiosk_identify (kiosk phone + PIN) ----

#[test]
fn kiosk_identifies_by_phone_and_pin_and_greets_by_masked_name() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    let who = st.volunteer_kiosk_identify("137 0000 1111", "2468").unwrap();
    assert_eq!(who, VolunteerIdentity { volunteer_id: id, masked_name: "王**".into() });
    // The check itself works on a plain connection and inside a transaction alike.
    assert!(matches!(
        volunteer_with_pin(st.conn(), "13700001111", "2468").unwrap(),
        crate::guard::Verdict::Right(VolunteerIdentity { volunteer_id, .. }) if volunteer_id == id
    ));
}

/// Issue 16: an unknown number, a volunteer without a PIN, one who left and a wrong PIN get
/// one and the same answer, so the kiosk does not tell who is on the roster.
#[test]
fn every_refusal_at_the_volunteer_kiosk_says_the_same_words() {
    let (mut st, _, clerk) = station();
    let no_pin = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let left = add_volunteer(&mut st, &clerk, "李大姐", "13700002222");
    let with_pin = add_volunteer(&mut st, &clerk, "赵大爷", "13700003333");
    for id in [left, with_pin] {
        st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    }
    st.volunteer_set_status(
        &clerk,
        &VolunteerStatusInput { id: left, status: VolunteerStatus::Left, reason: String::new() },
    )
    .unwrap();
    let _ = no_pin;
    let answers: Vec<_> = ["13700001111", "13700002222", "13700003333", "13700009999"]
        .iter()
        .map(|phone| {
            let pin = if *phone == "13700003333" { "1357" } else { "2468" };
            let e = st.volunteer_kiosk_identify(phone, pin).unwrap_err();
            (e.code, e.field, e.message)
        })
        .collect();
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
    assert_eq!(answers[0].1.as_deref(), Some("pin"));
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
fn wrong_pins_are_slowed_per_phone_even_the_right_one_waits_and_locks_are_audited() {
    let (mut st, _, clerk) = station();
    let id = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    for _ in 0..3 {
        let wrong = st.volunteer_kiosk_identify("13700001111", "1111").unwrap_err();
        assert_eq!(wrong.field.as_deref(), Some("pin"));
    }
    let locked = st.volunteer_kiosk_identify("13700001111", "1111").unwrap_err();
    assert!(locked.message.contains("30 秒后再试"), "{}", locked.message);
    // Even the right PIN is refused while locked …
    let still = st.volunteer_kiosk_identify("13700001111", "2468").unwrap_err();
    assert_eq!(still.code, crate::ErrorCode::TooManyAttempts);
    let recorded: i64 = st
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'guess_locked' AND detail LIKE '%137****1111%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(recorded, 1);
    // … and accepted once the lock has passed.
    st.set_clock(Clock::Fixed(at("2026-11-25T09:16:00+08:00")));
    assert_eq!(st.volunteer_kiosk_identify("13700001111", "2468").unwrap().volunteer_id, id);
}

/// Household members sharing a phone: one without a PIN does not let the other off the
/// throttle (issue 16), and each signs in with their own PIN.
#[test]
fn a_shared_phone_is_throttled_as_one_and_each_member_has_their_own_pin() {
    let (mut st, _, clerk) = station();
    let first = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    st.conn().execute("UPDATE volunteers SET phone = '13700002222' WHERE id = ?1", [first]).unwrap();
    let second = add_volunteer(&mut st, &clerk, "王大妈", "13700001111");
    // A household's shared number (as a resident's phone changed in the register can make it).
    st.conn().execute("UPDATE volunteers SET phone = '13700001111' WHERE id = ?1", [first]).unwrap();
    st.volunteer_set_pin(&clerk, &VolunteerPinInput { volunteer_id: second, pin: "2468".into() }).unwrap();
    assert_eq!(st.volunteer_kiosk_identify("13700001111", "2468").unwrap().volunteer_id, second);
    for _ in 0..4 {
        st.volunteer_kiosk_identify("13700001111", "9999").unwrap_err();
    }
    assert_eq!(st.volunteer_kiosk_identify("13700001111", "2468").unwrap_err().code, crate::ErrorCode::TooManyAttempts);
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
    // Found by the command fuzzer: a huge amount overflowed the points before the 24-hour check.
    let huge = st
        .ledger_correct(
            &clerk,
            &ledger::LedgerCorrection { entry_id: entry, reason: "改".into(), minutes: Some(i64::MAX) },
        )
        .unwrap_err();
    assert_eq!(huge.field.as_deref(), Some("minutes"));
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

// ---- partner units and 双报到 ----

use super::attendance::*;
use super::kiosk::*;
use super::ledger::*;
use super::shifts::*;
use super::units::*;

fn unit(st: &mut Station, clerk: &StaffActor, name: &str, expected: u32) -> PartnerUnit {
    st.partner_unit_save(
        clerk,
        &PartnerUnitInput {
            name: name.into(), kind: "机关".into(), expected_members: expected, ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn an_in_service_party_member_names_their_unit_and_the_report_in_rate_counts_them() {
    let (mut st, _, clerk) = station();
    let u = unit(&mut st, &clerk, "市税务局", 3);
    assert_eq!((u.reported_in, u.report_in_percent), (0, Some(0)));
    let kind = kind_id(&st, "在职党员");
    let v = st
        .volunteer_create(
            &clerk,
            &VolunteerInput {
                kind_id: kind,
                unit_id: Some(u.id),
                reported_in_on: Some("2026-11-01".into()),
                ..person("刘党员", "13500001111")
            },
        )
        .unwrap();
    assert!(v.party_member, "an in-service party member is a party member");
    assert_eq!(v.unit.as_deref(), Some("市税务局"));
    st.volunteer_create(
        &clerk,
        &VolunteerInput { kind_id: kind, unit_id: Some(u.id), ..person("陈未报", "13500002222") },
    )
    .unwrap();
    let u = st.partner_unit_get(&clerk, u.id).unwrap();
    assert_eq!((u.members, u.reported_in, u.report_in_percent), (2, 1, Some(33)));
    assert_eq!(report_in_percent(2, 3), Some(67));
    assert_eq!(report_in_percent(1, 0), None);
}

#[test]
fn bad_unit_input_is_refused() {
    let (mut st, _, clerk) = station();
    unit(&mut st, &clerk, "市税务局", 3);
    let before = count(&st, "partner_units");
    for (field, input) in [
        ("name", PartnerUnitInput { kind: "机关".into(), ..Default::default() }),
        ("kind", PartnerUnitInput { name: "某公司".into(), kind: "公司".into(), ..Default::default() }),
        ("name", PartnerUnitInput { name: "市税务局".into(), kind: "机关".into(), ..Default::default() }),
        (
            "contactPhone",
            PartnerUnitInput {
                name: "某公司".into(),
                kind: "企业".into(),
                contact_phone: "12".into(),
                ..Default::default()
            },
        ),
    ] {
        assert_eq!(st.partner_unit_save(&clerk, &input).unwrap_err().field.as_deref(), Some(field));
    }
    assert_eq!(count(&st, "partner_units"), before);
}

// ---- the duty roster ----

pub(super) fn front_desk(st: &mut Station, clerk: &StaffActor) -> i64 {
    let positions = st
        .duty_position_save(
            clerk,
            &DutyPosition {
                id: None, name: "前台值班".into(), service_kind: "值班服务".into(), retired: false
            },
        )
        .unwrap();
    positions[0].id.unwrap()
}

pub(super) fn week_of_shifts(st: &mut Station, clerk: &StaffActor) -> Vec<ShiftView> {
    let position = front_desk(st, clerk);
    st.shift_template_save(
        clerk,
        &ShiftTemplate {
            id: None,
            position_id: position,
            position: String::new(),
            weekdays: vec![1, 2, 3, 4, 5],
            start: "09:00".into(),
            end: "12:00".into(),
            slots: 2,
            retired: false,
        },
    )
    .unwrap();
    let week = DateRange { from: "2026-11-23".into(), to: "2026-11-29".into() };
    assert_eq!(st.shifts_generate(clerk, &week).unwrap(), 5);
    assert_eq!(st.shifts_generate(clerk, &week).unwrap(), 0, "generating twice adds nothing");
    st.shifts_roster(clerk, &week).unwrap()
}

fn assign(st: &mut Station, actor: &StaffActor, shift_id: i64, volunteer_id: i64) -> Result<AssignResult> {
    st.shift_assign(actor, &AssignInput { shift_id, volunteer_id, override_reason: None })
}

#[test]
fn a_week_of_shifts_is_built_from_a_template() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    assert_eq!(week.len(), 5);
    assert_eq!(week[0].day, "2026-11-23");
    assert_eq!((week[0].start.as_str(), week[0].end.as_str(), week[0].weekday), ("09:00", "12:00", 1));
    assert_eq!(week[4].day, "2026-11-27");
    assert!(week.iter().all(|s| s.open_slots == 2));
    let stored: String =
        st.conn().query_row("SELECT starts_at FROM shifts ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(stored, "2026-11-23T01:00:00Z", "09:00 in Shanghai");
}

#[test]
fn an_overlapping_assignment_is_refused_unless_an_admin_overrides_with_a_reason() {
    let (mut st, admin, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let v = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let extra = st
        .shift_create(
            &clerk,
            &ShiftCreateInput {
                position_id: week[0].position_id,
                day: "2026-11-23".into(),
                start: "11:00".into(),
                end: "13:00".into(),
                slots: 1,
            },
        )
        .unwrap();
    assign(&mut st, &clerk, week[0].id, v).unwrap();
    let before = count(&st, "shift_assignments");
    let refused = assign(&mut st, &clerk, extra.id, v).unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    assert!(refused.message.contains("时间重叠"), "{}", refused.message);
    let clerk_override = st
        .shift_assign(
            &clerk,
            &AssignInput { shift_id: extra.id, volunteer_id: v, override_reason: Some("人手不足".into()) },
        )
        .unwrap_err();
    assert_eq!(clerk_override.code, ErrorCode::Forbidden);
    assert_eq!(count(&st, "shift_assignments"), before);
    let ok = st
        .shift_assign(
            &admin,
            &AssignInput { shift_id: extra.id, volunteer_id: v, override_reason: Some("人手不足".into()) },
        )
        .unwrap();
    assert_eq!(ok.shift.people[0].override_reason.as_deref(), Some("人手不足"));
}

#[test]
fn full_shifts_double_assignments_and_volunteers_who_left_are_refused() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    let b = add_volunteer(&mut st, &clerk, "乙二", "13700000002");
    let c = add_volunteer(&mut st, &clerk, "丙三", "13700000003");
    assign(&mut st, &clerk, week[1].id, a).unwrap();
    assert_eq!(assign(&mut st, &clerk, week[1].id, a).unwrap_err().code, ErrorCode::Conflict);
    let r = assign(&mut st, &clerk, week[1].id, b).unwrap();
    assert_eq!(r.shift.open_slots, 0);
    assert!(assign(&mut st, &clerk, week[1].id, c).unwrap_err().message.contains("已满"));
    st.volunteer_set_status(
        &clerk,
        &VolunteerStatusInput { id: c, status: VolunteerStatus::Left, reason: String::new() },
    )
    .unwrap();
    assert_eq!(assign(&mut st, &clerk, week[2].id, c).unwrap_err().field.as_deref(), Some("volunteerId"));
    let unfilled =
        st.shifts_unfilled(&clerk, &DateRange { from: "2026-11-23".into(), to: "2026-11-29".into() }).unwrap();
    assert_eq!(unfilled.len(), 4, "the full shift is not listed");
}

#[test]
fn paused_status_and_unavailability_are_warned_not_refused() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let kind = kind_id(&st, "普通志愿者");
    let v = st
        .volunteer_create(
            &clerk,
            &VolunteerInput {
                kind_id: kind,
                availability: vec![AvailabilitySlot { weekday: 2, start: "08:00".into(), end: "12:00".into() }],
                ..person("王小明", "13700001111")
            },
        )
        .unwrap()
        .id;
    assert!(assign(&mut st, &clerk, week[1].id, v).unwrap().warnings.is_empty(), "Tuesday 9–12 fits");
    let monday = assign(&mut st, &clerk, week[0].id, v).unwrap();
    assert!(monday.warnings[0].contains("可服务时间"), "{:?}", monday.warnings);
    st.volunteer_set_status(
        &clerk,
        &VolunteerStatusInput { id: v, status: VolunteerStatus::Paused, reason: String::new() },
    )
    .unwrap();
    let paused = assign(&mut st, &clerk, week[3].id, v).unwrap();
    assert!(paused.warnings.iter().any(|w| w.contains("暂停")));
}

#[test]
fn an_assignment_can_be_withdrawn_until_signed_in() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let v = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let r = assign(&mut st, &clerk, week[2].id, v).unwrap();
    let assignment = r.shift.people[0].assignment_id;
    let view = st.shift_unassign(&clerk, &UnassignInput { assignment_id: assignment, reason: "请假".into() }).unwrap();
    assert!(view.people.is_empty());
    let again = assign(&mut st, &clerk, week[2].id, v).unwrap().shift.people[0].assignment_id;
    st.attendance_sign_in(&clerk, &AttendanceInput { assignment_id: again, at: None }).unwrap();
    let e = st.shift_unassign(&clerk, &UnassignInput { assignment_id: again, reason: String::new() }).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
}

// ---- sign-in, sign-out, hours ----

fn pinned_volunteer(st: &mut Station, clerk: &StaffActor, name: &str, phone: &str) -> (i64, KioskVolunteerAuth) {
    let id = add_volunteer(st, clerk, name, phone);
    st.volunteer_set_pin(clerk, &VolunteerPinInput { volunteer_id: id, pin: "2468".into() }).unwrap();
    (id, KioskVolunteerAuth { phone: phone.into(), pin: "2468".into() })
}

fn at_time(st: &mut Station, s: &str) {
    st.set_clock(Clock::Fixed(at(s)));
}

#[test]
fn kiosk_sign_in_and_out_credit_the_actual_time_within_the_shift() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let (v, auth) = pinned_volunteer(&mut st, &clerk, "王小明", "13700001111");
    assign(&mut st, &clerk, week[2].id, v).unwrap(); // Wednesday 25th 09:00–12:00
    at_time(&mut st, "2026-11-25T08:10:00+08:00");
    let early = st.volunteer_kiosk_sign_in(&auth).unwrap_err();
    assert!(early.message.contains("30 分钟"), "{}", early.message);
    at_time(&mut st, "2026-11-25T08:45:00+08:00");
    let view = st.volunteer_kiosk_view(&auth).unwrap();
    assert_eq!(view.can_sign_in.as_ref().map(|s| s.shift_id), Some(week[2].id));
    let r = st.volunteer_kiosk_sign_in(&auth).unwrap();
    assert!(r.receipt_no.starts_with("QD-"), "{}", r.receipt_no);
    assert!(r.message.contains("签到成功"));
    at_time(&mut st, "2026-11-25T11:20:00+08:00");
    let view = st.volunteer_kiosk_view(&auth).unwrap();
    assert_eq!(view.on_duty.map(|s| s.shift_id), Some(week[2].id));
    let out = st.volunteer_kiosk_sign_out(&auth).unwrap();
    assert!(out.message.contains("2小时20分钟"), "{}", out.message);
    // 08:45 counts from 09:00: 2 h 20 min.
    assert_eq!(st.volunteer_get(&clerk, v).unwrap().total_minutes, 140);
    let entry = &st.volunteer_history(&clerk, v).unwrap()[0];
    assert_eq!((entry.source.as_str(), entry.service_kind.as_str(), entry.points), ("shift", "值班服务", 23));
    assert!(st.volunteer_kiosk_sign_out(&auth).is_err(), "nothing left to sign out");
}

#[test]
fn a_missing_sign_out_is_closed_at_the_shifts_end_and_flagged_for_review() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let (v, auth) = pinned_volunteer(&mut st, &clerk, "王小明", "13700001111");
    assign(&mut st, &clerk, week[2].id, v).unwrap();
    at_time(&mut st, "2026-11-25T09:30:00+08:00");
    st.volunteer_kiosk_sign_in(&auth).unwrap();
    at_time(&mut st, "2026-11-25T18:00:00+08:00");
    let reviews = st.attendance_reviews(&clerk).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!((reviews[0].signed_out.as_str(), reviews[0].minutes), ("12:00", 150));
    assert_eq!(st.volunteer_get(&clerk, v).unwrap().total_minutes, 150);
    // Staff corrects it: a reversing entry and the right amount, total 120.
    let no_reason = st
        .attendance_review(
            &clerk,
            &ReviewInput { attendance_id: reviews[0].attendance_id, minutes: Some(120), reason: "".into() },
        )
        .unwrap_err();
    assert_eq!(no_reason.field.as_deref(), Some("reason"));
    st.attendance_review(
        &clerk,
        &ReviewInput { attendance_id: reviews[0].attendance_id, minutes: Some(120), reason: "11:30 离开".into() },
    )
    .unwrap();
    assert_eq!(st.volunteer_get(&clerk, v).unwrap().total_minutes, 120);
    assert!(st.attendance_reviews(&clerk).unwrap().is_empty());
    assert_eq!(st.volunteer_history(&clerk, v).unwrap().len(), 3);
}

#[test]
fn staff_sign_people_in_and_out_at_the_desk() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let v = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let a = assign(&mut st, &clerk, week[2].id, v).unwrap().shift.people[0].assignment_id;
    at_time(&mut st, "2026-11-25T12:30:00+08:00");
    st.attendance_sign_in(&clerk, &AttendanceInput { assignment_id: a, at: Some("09:10".into()) }).unwrap();
    let future =
        st.attendance_sign_out(&clerk, &AttendanceInput { assignment_id: a, at: Some("13:00".into()) }).unwrap_err();
    assert_eq!(future.field.as_deref(), Some("at"));
    let minutes =
        st.attendance_sign_out(&clerk, &AttendanceInput { assignment_id: a, at: Some("11:40".into()) }).unwrap();
    assert_eq!(minutes, 150);
}

#[test]
fn kiosk_volunteers_take_open_slots_themselves() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let (v, auth) = pinned_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let view = st.volunteer_kiosk_view(&auth).unwrap();
    assert_eq!(view.masked_name, "王**");
    // Today 09:00 has started: only Thursday and Friday are still open.
    assert_eq!(view.open_slots.iter().map(|s| s.shift_id).collect::<Vec<_>>(), vec![week[3].id, week[4].id]);
    let r = st.volunteer_kiosk_take_slot(&KioskTakeSlotInput { auth: auth.clone(), shift_id: week[3].id }).unwrap();
    assert!(r.receipt_no.starts_with("BM-"));
    assert!(r.message.contains("2026年11月26日"), "{}", r.message);
    let view = st.volunteer_kiosk_view(&auth).unwrap();
    assert_eq!(view.my_shifts.len(), 1);
    assert_eq!(view.open_slots.len(), 1);
    let started = st.volunteer_kiosk_take_slot(&KioskTakeSlotInput { auth: auth.clone(), shift_id: week[2].id });
    assert_eq!(started.unwrap_err().code, ErrorCode::Conflict);
    let wrong_pin = KioskVolunteerAuth { pin: "0000".into(), ..auth };
    assert!(st.volunteer_kiosk_take_slot(&KioskTakeSlotInput { auth: wrong_pin, shift_id: week[4].id }).is_err());
    assert_eq!(
        st.shifts_roster(&clerk, &DateRange { from: "2026-11-27".into(), to: "2026-11-27".into() }).unwrap()[0]
            .people
            .len(),
        0
    );
    let _ = v;
}

#[test]
fn the_kiosk_view_shows_nobody_elses_name_or_phone() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let other = add_volunteer(&mut st, &clerk, "李秘密", "13911112222");
    assign(&mut st, &clerk, week[3].id, other).unwrap();
    let (_, auth) = pinned_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let view = st.volunteer_kiosk_view(&auth).unwrap();
    let json = serde_json::to_string(&view).unwrap();
    for secret in ["李秘密", "13911112222", "王小明", "13700001111"] {
        assert!(!json.contains(secret), "{secret} leaked: {json}");
    }
    let receipt = st.volunteer_kiosk_take_slot(&KioskTakeSlotInput { auth, shift_id: week[3].id }).unwrap();
    assert!(!serde_json::to_string(&receipt).unwrap().contains("李"));
}

// ---- claims: off-site service and self-reports ----

#[test]
fn self_reported_hours_wait_for_approval() {
    let (mut st, _, clerk) = station();
    let (v, auth) = pinned_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let r = st
        .volunteer_kiosk_report(&KioskReportInput {
            auth: auth.clone(),
            service_day: "2026-11-24".into(),
            minutes: 90,
            what: "陪李奶奶看病".into(),
        })
        .unwrap();
    assert!(r.receipt_no.starts_with("SB-"));
    assert_eq!(st.volunteer_get(&clerk, v).unwrap().total_minutes, 0, "not counted before approval");
    assert_eq!(st.volunteer_kiosk_view(&auth).unwrap().pending_claims, 1);
    let pending = st.hour_claims_pending(&clerk).unwrap();
    assert_eq!((pending[0].origin.as_str(), pending[0].minutes), ("self", 90));
    let no_reason = st
        .hour_claim_decide(&clerk, &ClaimDecision { id: pending[0].id, approve: false, note: "".into() })
        .unwrap_err();
    assert_eq!(no_reason.field.as_deref(), Some("note"));
    st.hour_claim_decide(&clerk, &ClaimDecision { id: pending[0].id, approve: true, note: "".into() }).unwrap();
    assert_eq!(st.volunteer_get(&clerk, v).unwrap().total_minutes, 90);
    let again = st.hour_claim_decide(&clerk, &ClaimDecision { id: pending[0].id, approve: true, note: "".into() });
    assert_eq!(again.unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(st.volunteer_history(&clerk, v).unwrap()[0].service_day, "2026-11-24");
}

#[test]
fn off_site_service_counts_once_approved_and_bad_claims_are_refused() {
    let (mut st, _, clerk) = station();
    let v = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let claim = |day: &str, minutes: i64, what: &str| ClaimInput {
        volunteer_id: v,
        service_day: day.into(),
        minutes,
        service_kind: "助老服务".into(),
        what: what.into(),
        for_whom: "孤寡老人".into(),
    };
    for (field, c) in [
        ("serviceDay", claim("2026-12-01", 60, "助浴")),
        ("minutes", claim("2026-11-20", 0, "助浴")),
        ("minutes", claim("2026-11-20", 1441, "助浴")),
        ("what", claim("2026-11-20", 60, " ")),
    ] {
        assert_eq!(st.hour_claim_record(&clerk, &c).unwrap_err().field.as_deref(), Some(field));
    }
    assert_eq!(count(&st, "hour_claims"), 0);
    let c = st.hour_claim_record(&clerk, &claim("2026-11-20", 120, "助浴")).unwrap();
    assert_eq!(st.volunteer_get(&clerk, v).unwrap().total_minutes, 0);
    st.hour_claim_decide(&clerk, &ClaimDecision { id: c.id, approve: true, note: "".into() }).unwrap();
    let v = st.volunteer_get(&clerk, v).unwrap();
    assert_eq!((v.total_minutes, v.total_points), (120, 24));
}

// ---- rankings and the certificate ----

fn credit_on(st: &mut Station, volunteer_id: i64, day: &str, minutes: i64, kind: &str) {
    let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    st.write(&Actor::System, |tx| {
        ledger::append(
            tx,
            &LedgerCredit {
                volunteer_id,
                minutes,
                points: points_for(tx, kind, minutes)?,
                service_kind: kind.into(),
                source: "shift".into(),
                source_id: None,
                note: "前台值班".into(),
            },
            day,
        )
    })
    .unwrap();
}

#[test]
fn rankings_by_month_year_person_kind_and_unit() {
    let (mut st, _, clerk) = station();
    let u = unit(&mut st, &clerk, "市税务局", 2);
    let party = kind_id(&st, "在职党员");
    let a = st
        .volunteer_create(
            &clerk,
            &VolunteerInput { kind_id: party, unit_id: Some(u.id), ..person("甲一", "13700000001") },
        )
        .unwrap()
        .id;
    let b = add_volunteer(&mut st, &clerk, "乙二", "13700000002");
    credit_on(&mut st, a, "2026-11-02", 60, "值班服务");
    credit_on(&mut st, a, "2026-10-02", 600, "值班服务");
    credit_on(&mut st, b, "2026-11-03", 120, "助老服务");
    credit_on(&mut st, b, "2026-11-30", 30, "值班服务");
    let rank = |st: &Station, month: Option<u32>, by: RankingBy| {
        st.volunteer_ranking(&clerk, &RankingQuery { year: 2026, month, by, limit: 10 })
            .unwrap()
            .into_iter()
            .map(|r| (r.label, r.minutes))
            .collect::<Vec<_>>()
    };
    assert_eq!(rank(&st, Some(11), RankingBy::Person), vec![("乙二".to_string(), 150), ("甲一".to_string(), 60)]);
    assert_eq!(rank(&st, None, RankingBy::Person), vec![("甲一".to_string(), 660), ("乙二".to_string(), 150)]);
    assert_eq!(
        rank(&st, Some(11), RankingBy::ServiceKind),
        vec![("助老服务".to_string(), 120), ("值班服务".to_string(), 90)]
    );
    assert_eq!(rank(&st, Some(11), RankingBy::Unit), vec![("市税务局".to_string(), 60)]);
    assert_eq!(
        rank(&st, Some(11), RankingBy::VolunteerKind),
        vec![("普通志愿者".to_string(), 150), ("在职党员".to_string(), 60)]
    );
    let first = &st
        .volunteer_ranking(&clerk, &RankingQuery { year: 2026, month: Some(11), by: RankingBy::Person, limit: 10 })
        .unwrap()[0];
    assert_eq!((first.rank, first.points), (1, 24 + 5));
}

#[test]
fn the_service_certificate_lists_the_period_net_of_corrections_with_the_id_masked() {
    let (mut st, _, clerk) = station();
    let kind = kind_id(&st, "普通志愿者");
    let idn = "11010519491231002X";
    let v = st
        .volunteer_create(
            &clerk,
            &VolunteerInput { kind_id: kind, id_number: Some(idn.into()), ..person("王小明", "13700001111") },
        )
        .unwrap()
        .id;
    credit_on(&mut st, v, "2026-10-02", 120, "值班服务");
    credit_on(&mut st, v, "2026-11-02", 60, "助老服务");
    credit_on(&mut st, v, "2026-11-03", 45, "值班服务");
    credit_on(&mut st, v, "2025-01-01", 45, "值班服务");
    let wrong = st.volunteer_history(&clerk, v).unwrap().into_iter().find(|e| e.service_day == "2026-11-03").unwrap();
    st.ledger_correct(&clerk, &LedgerCorrection { entry_id: wrong.id, reason: "记错人".into(), minutes: None })
        .unwrap();
    let cert = st
        .volunteer_certificate(
            &clerk,
            &CertificateQuery { volunteer_id: v, from: "2026-01-01".into(), to: "2026-11-30".into() },
        )
        .unwrap();
    assert_eq!(cert.name, "王小明");
    assert_eq!(cert.id_number_masked.as_deref(), Some("110105********002X"));
    assert_eq!(cert.total_minutes, 180);
    assert_eq!(cert.lines.len(), 2);
    assert_eq!(cert.station_name, "阳光花园党群服务站");
    let bad = st.volunteer_certificate(
        &clerk,
        &CertificateQuery { volunteer_id: v, from: "2026-12-01".into(), to: "2026-11-30".into() },
    );
    assert_eq!(bad.unwrap_err().field.as_deref(), Some("to"));
}

// ---- kiosk isolation ----

#[test]
fn kiosk_operations_need_the_volunteers_own_pin() {
    let (mut st, _, clerk) = station();
    let week = week_of_shifts(&mut st, &clerk);
    let (_, auth) = pinned_volunteer(&mut st, &clerk, "王小明", "13700001111");
    let wrong = KioskVolunteerAuth { pin: "1357".into(), ..auth };
    let before = (count(&st, "shift_assignments"), count(&st, "hour_claims"), count(&st, "attendance"));
    assert!(st.volunteer_kiosk_view(&wrong).is_err());
    assert!(st.volunteer_kiosk_take_slot(&KioskTakeSlotInput { auth: wrong.clone(), shift_id: week[4].id }).is_err());
    assert!(st.volunteer_kiosk_sign_in(&wrong).is_err());
    assert!(st
        .volunteer_kiosk_report(&KioskReportInput {
            auth: wrong,
            service_day: "2026-11-24".into(),
            minutes: 60,
            what: "x".into()
        })
        .is_err());
    assert_eq!((count(&st, "shift_assignments"), count(&st, "hour_claims"), count(&st, "attendance")), before);
}

// ---- property: totals equal the approved ledger and never go negative ----

mod property {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        SignIn { day: usize, offset: i64 },
        SignOut { day: usize, offset: i64 },
        Claim { minutes: i64, approve: bool },
        Correct { pick: usize, minutes: Option<i64> },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..5usize, -40..240i64).prop_map(|(day, offset)| Op::SignIn { day, offset }),
            (0..5usize, -40..400i64).prop_map(|(day, offset)| Op::SignOut { day, offset }),
            (1..300i64, any::<bool>()).prop_map(|(minutes, approve)| Op::Claim { minutes, approve }),
            (0..8usize, proptest::option::of(1..300i64)).prop_map(|(pick, minutes)| Op::Correct { pick, minutes }),
        ]
    }

    /// 09:00 Shanghai on Monday 2026-11-23 + `day` days + `offset` minutes, as minutes since then.
    fn moment(day: usize, offset: i64) -> i64 {
        day as i64 * 24 * 60 + offset
    }

    fn clock_at(minutes: i64) -> Clock {
        Clock::Fixed(at("2026-11-23T09:00:00+08:00") + chrono::Duration::minutes(minutes))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]
        #[test]
        fn totals_equal_the_approved_ledger_and_never_go_negative(ops in proptest::collection::vec(op(), 1..30)) {
            let (mut st, _, clerk) = station();
            let week = week_of_shifts(&mut st, &clerk);
            let v = add_volunteer(&mut st, &clerk, "王小明", "13700001111");
            let assignments: Vec<i64> = week
                .iter()
                .map(|s| assign(&mut st, &clerk, s.id, v).unwrap().shift.people[0].assignment_id)
                .collect();
            // The model: shift d runs [d*1440, d*1440 + 180) in minutes since Monday 09:00.
            let window = |d: usize| (moment(d, 0), moment(d, 180));
            let mut open: Vec<Option<i64>> = vec![None; 5];
            let mut done = [false; 5];
            let mut expected = 0i64;
            let close_overdue = |now: i64, open: &mut Vec<Option<i64>>, done: &mut [bool; 5], expected: &mut i64| {
                for d in 0..5 {
                    let (start, end) = window(d);
                    if let Some(t) = open[d] {
                        if end <= now {
                            *expected += (end - t.max(start)).max(0);
                            open[d] = None;
                            done[d] = true;
                        }
                    }
                }
            };
            for op in ops {
                match op {
                    Op::SignIn { day, offset } => {
                        let now = moment(day, offset);
                        st.set_clock(clock_at(now));
                        let r = st.attendance_sign_in(&clerk, &AttendanceInput { assignment_id: assignments[day], at: None });
                        let (start, end) = window(day);
                        let allowed = open[day].is_none() && !done[day] && now >= start - 30 && now < end;
                        prop_assert_eq!(r.is_ok(), allowed, "sign in {:?}", r);
                        if r.is_ok() {
                            close_overdue(now, &mut open, &mut done, &mut expected);
                            open[day] = Some(now);
                        }
                    }
                    Op::SignOut { day, offset } => {
                        let now = moment(day, offset);
                        st.set_clock(clock_at(now));
                        let r = st.attendance_sign_out(&clerk, &AttendanceInput { assignment_id: assignments[day], at: None });
                        let allowed = open[day].is_some_and(|t| now >= t);
                        prop_assert_eq!(r.is_ok(), allowed, "sign out {:?}", r);
                        if let (Ok(minutes), Some(t)) = (&r, open[day]) {
                            let (start, end) = window(day);
                            let credited = (now.min(end) - t.max(start)).max(0);
                            prop_assert_eq!(*minutes, credited);
                            expected += credited;
                            open[day] = None;
                            done[day] = true;
                            close_overdue(now, &mut open, &mut done, &mut expected);
                        }
                    }
                    Op::Claim { minutes, approve } => {
                        let c = st
                            .hour_claim_record(
                                &clerk,
                                &ClaimInput {
                                    volunteer_id: v,
                                    service_day: "2026-11-20".into(),
                                    minutes,
                                    service_kind: "场外服务".into(),
                                    what: "社区巡逻".into(),
                                    for_whom: String::new(),
                                },
                            )
                            .unwrap();
                        let note = if approve { String::new() } else { "不属实".to_string() };
                        st.hour_claim_decide(&clerk, &ClaimDecision { id: c.id, approve, note }).unwrap();
                        if approve {
                            expected += minutes;
                        }
                    }
                    Op::Correct { pick, minutes } => {
                        let live: Vec<LedgerEntry> = st
                            .volunteer_history(&clerk, v)
                            .unwrap()
                            .into_iter()
                            .filter(|e| e.reverses_id.is_none() && !e.reversed)
                            .collect();
                        if live.is_empty() {
                            continue;
                        }
                        let entry = &live[pick % live.len()];
                        st.ledger_correct(&clerk, &LedgerCorrection { entry_id: entry.id, reason: "更正".into(), minutes })
                            .unwrap();
                        expected += minutes.unwrap_or(0) - entry.minutes;
                    }
                }
                let total = st.volunteer_get(&clerk, v).unwrap().total_minutes;
                let ledger_sum: i64 = st.volunteer_history(&clerk, v).unwrap().iter().map(|e| e.minutes).sum();
                prop_assert_eq!(total, expected);
                prop_assert_eq!(total, ledger_sum);
                prop_assert!(total >= 0);
            }
        }
    }
}

// ---- import from office files ----

mod import_files {
    use super::*;
    use crate::import::{ImportRequest, ImportTarget};
    use crate::tabular::{write_xlsx, Cell, Column, Sheet};
    use std::path::Path;

    fn request(path: &Path) -> ImportRequest {
        ImportRequest {
            target: ImportTarget::Volunteers,
            path: path.display().to_string(),
            mapping: None,
            new_records: None,
        }
    }

    fn total(st: &Station, clerk: &StaffActor) -> u32 {
        st.volunteers_search(clerk, &VolunteerQuery { page_size: 200, ..Default::default() }).unwrap().total
    }

    /// What WPS / Excel save as CSV on Chinese Windows: GB18030, CRLF, a title row, Chinese
    /// headers, and bad rows (a short phone, an unknown unit, a missing name, 党员 not 是/否).
    const ROSTER: &str = "凤台社区志愿者花名册,,,,,,\r\n\
姓名,联系电话,类别,工作单位,是否党员,报到日期,特长\r\n\
刘建国,13912345678,在职党员,市税务局,是,2026/11/1,理发、维修\r\n\
陈芳,1391234567,普通志愿者,,否,,\r\n\
王强,13900001111,在职党员,市公安局,是,,\r\n\
,13900002222,普通志愿者,,,,\r\n\
赵丽,13900003333,普通志愿者,,不知道,,\r\n\
孙红,139 0000 4444,,,,,唱歌\r\n\
,,,,,,\r\n";

    fn station_with_unit() -> (Station, StaffActor, tempfile::TempDir) {
        let (mut st, _, clerk) = station();
        unit(&mut st, &clerk, "市税务局", 5);
        (st, clerk, tempfile::tempdir().unwrap())
    }

    #[test]
    fn a_gb18030_csv_with_chinese_headers_previews_row_errors_and_writes_nothing() {
        let (mut st, clerk, dir) = station_with_unit();
        let path = dir.path().join("志愿者.csv");
        std::fs::write(&path, encoding_rs::GB18030.encode(ROSTER).0).unwrap();
        let report = st.import_preview(&clerk, &request(&path)).unwrap();
        assert_eq!(report.header_line, 2);
        // 市公安局 is not registered yet: it would be created with 王强's row
        assert_eq!((report.total_rows, report.created), (6, 3));
        let new: Vec<(&str, &str)> = report.new_records.iter().map(|r| (r.kind.as_str(), r.path.as_str())).collect();
        assert_eq!(new, [("共建单位", "市公安局")]);
        let messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("第 4 行：") && messages[0].contains("手机"), "{messages:?}");
        assert_eq!(messages[1], "第 6 行：请填写姓名");
        assert!(messages[2].starts_with("第 7 行：") && messages[2].contains("是 或 否"), "{messages:?}");
        assert_eq!(total(&st, &clerk), 0, "a preview writes nothing");
    }

    #[test]
    fn commit_writes_the_valid_rows_once_and_a_reimport_duplicates_nobody() {
        let (mut st, clerk, dir) = station_with_unit();
        let path = dir.path().join("志愿者.csv");
        std::fs::write(&path, encoding_rs::GB18030.encode(ROSTER).0).unwrap();
        let report = st.import_commit(&clerk, &request(&path)).unwrap();
        assert_eq!((report.created, report.errors.len()), (3, 3));
        let page =
            st.volunteers_search(&clerk, &VolunteerQuery { text: "刘建国".into(), ..Default::default() }).unwrap();
        let liu = st.volunteer_get(&clerk, page.items[0].id).unwrap();
        assert_eq!((liu.kind.as_str(), liu.unit.as_deref()), ("在职党员", Some("市税务局")));
        assert_eq!(liu.reported_in_on.as_deref(), Some("2026-11-01"));
        assert_eq!(liu.skills, vec!["理发", "维修"]);
        assert!(liu.party_member);
        let again = st.import_commit(&clerk, &request(&path)).unwrap();
        assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));
        assert!(again.new_records.is_empty(), "the unit made the first time is found");
        assert_eq!(total(&st, &clerk), 3);
    }

    #[test]
    fn a_utf8_bom_csv_links_a_resident_instead_of_copying_them() {
        let (mut st, clerk, dir) = station_with_unit();
        let r = st
            .resident_create(
                &clerk,
                &ResidentInput { name: "张三".into(), phone: "13812341234".into(), ..Default::default() },
            )
            .unwrap();
        let path = dir.path().join("名单.csv");
        let text = "\u{feff}姓名,手机号,志愿者类别,技能\r\n张三,13812341234,社区党员,理发\r\n李四,13812345555,,\r\n";
        std::fs::write(&path, text.as_bytes()).unwrap();
        let report = st.import_commit(&clerk, &request(&path)).unwrap();
        assert_eq!((report.created, report.errors.clone()), (2, vec![]));
        let zhang =
            st.volunteers_search(&clerk, &VolunteerQuery { text: "张三".into(), ..Default::default() }).unwrap();
        let v = st.volunteer_get(&clerk, zhang.items[0].id).unwrap();
        assert_eq!(v.resident_id, Some(r.id), "the resident is linked, not copied");
        assert_eq!(v.kind, "社区党员");
        let li = st.volunteers_search(&clerk, &VolunteerQuery { text: "李四".into(), ..Default::default() }).unwrap();
        assert_eq!(st.volunteer_get(&clerk, li.items[0].id).unwrap().kind, "普通志愿者", "the default kind");
        let again = st.import_commit(&clerk, &request(&path)).unwrap();
        assert_eq!((again.created, again.unchanged), (0, 2));
    }

    #[test]
    fn an_xlsx_with_numeric_phones_and_date_cells_imports_and_updates() {
        let (mut st, clerk, dir) = station_with_unit();
        let path = dir.path().join("志愿者.xlsx");
        let sheet = |skills: &str| Sheet {
            name: "Sheet1".into(),
            columns: ["序号", "姓名*", "手机号码", "人员类别", "共建单位", "双报到日期", "技能特长"]
                .iter()
                .map(|t| Column::new(t, 10.0))
                .collect(),
            rows: vec![vec![
                Cell::Int(1),
                "周八".into(),
                Cell::Number(13812345678.0),
                "在职党员".into(),
                "市税务局".into(),
                chrono::NaiveDate::from_ymd_opt(2026, 10, 8).unwrap().into(),
                skills.into(),
            ]],
        };
        write_xlsx(&path, &[sheet("法律咨询")]).unwrap();
        let report = st.import_commit(&clerk, &request(&path)).unwrap();
        assert_eq!((report.created, report.errors.clone()), (1, vec![]));
        let id = st.volunteers_search(&clerk, &VolunteerQuery::default()).unwrap().items[0].id;
        let v = st.volunteer_get(&clerk, id).unwrap();
        assert_eq!((v.phone.as_str(), v.reported_in_on.as_deref()), ("13812345678", Some("2026-10-08")));
        assert_eq!(st.partner_unit_get(&clerk, v.unit_id.unwrap()).unwrap().reported_in, 1);
        write_xlsx(&path, &[sheet("法律咨询、调解")]).unwrap();
        let again = st.import_commit(&clerk, &request(&path)).unwrap();
        assert_eq!((again.created, again.updated), (0, 1));
        assert_eq!(st.volunteer_get(&clerk, id).unwrap().skills, vec!["法律咨询", "调解"]);
    }
}

// ---- exports ----

#[test]
fn the_roster_and_the_hours_export_to_xlsx_and_read_back() {
    let (mut st, _, clerk) = station();
    let a = add_volunteer(&mut st, &clerk, "甲一", "13700000001");
    let b = add_volunteer(&mut st, &clerk, "乙二", "13700000002");
    credit_on(&mut st, a, "2026-11-02", 90, "值班服务");
    credit_on(&mut st, b, "2026-11-03", 30, "助老服务");
    credit_on(&mut st, b, "2026-10-03", 30, "助老服务");
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("名册.xlsx");
    assert_eq!(st.volunteers_export_roster_xlsx(&clerk, &VolunteerQuery::default(), &roster).unwrap(), 2);
    let table = crate::tabular::read_table(&roster).unwrap();
    assert_eq!(table.headers[0], "姓名");
    let jia = table.rows.iter().find(|r| r.cells[0] == "甲一").unwrap();
    assert_eq!((jia.cells[1].as_str(), jia.cells[8].as_str()), ("13700000001", "1.5"));
    let hours = dir.path().join("时长.xlsx");
    let q = RankingQuery { year: 2026, month: Some(11), by: RankingBy::Person, limit: 10 };
    assert_eq!(st.volunteers_export_hours_xlsx(&clerk, &q, &hours).unwrap(), 2, "November's two entries");
    let summary = crate::tabular::read_table(&hours).unwrap();
    assert_eq!(summary.rows[0].cells[1], "甲一");
    let exported: i64 =
        st.conn().query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'export'", [], |r| r.get(0)).unwrap();
    assert_eq!(exported, 2, "each export is audited");
}

mod national;
