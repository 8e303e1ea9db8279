use super::deadlines::WorkCalendar;
use super::*;
use crate::actor::StaffActor;
use crate::clock::Clock;
use crate::db::{Station, MIGRATIONS};
use crate::error::ErrorCode;
use crate::places::{PlaceInput, PlaceKind};
use crate::testing::add_admin_and_clerk;
use chrono::{DateTime, NaiveDate, Utc};

mod figures_month;
mod state_machine;

/// A local (Asia/Shanghai) moment: "2026-11-02 09:00".
pub(super) fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_str(&format!("{local} +0800"), "%Y-%m-%d %H:%M %z").expect("test time").with_timezone(&Utc)
}

/// A station on Monday 2026-11-02 09:00 with an admin and a clerk, and one grid.
pub(super) fn station() -> (Station, StaffActor, StaffActor, i64) {
    let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(at("2026-11-02 09:00"))).expect("station");
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    let places = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第一网格".into() })
        .expect("grid");
    let grid = places.grids[0].id;
    (st, admin, clerk, grid)
}

pub(super) fn input(kind: CaseKind, grid: i64, place: &str) -> CaseInput {
    CaseInput {
        kind,
        grid_id: Some(grid),
        place_text: place.into(),
        title: format!("{}：{place}", kind.label()),
        description: "居民来站反映".into(),
        contact_name: "张三".into(),
        contact_phone: "13812341234".into(),
        ..CaseInput::default()
    }
}

pub(super) fn step(id: i64) -> CaseStepInput {
    CaseStepInput { id, note: String::new() }
}

pub(super) fn reason(id: i64, text: &str) -> CaseReasonInput {
    CaseReasonInput { id, reason: text.into() }
}

pub(super) fn set_now(st: &mut Station, local: &str) {
    st.set_clock(Clock::Fixed(at(local)));
}

fn counts(st: &Station) -> (i64, i64, i64) {
    let c = |sql: &str| st.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (c("SELECT COUNT(*) FROM cases"), c("SELECT COUNT(*) FROM case_transitions"), c("SELECT COUNT(*) FROM audit_log"))
}

/// Takes a case from intake to the 反馈结果 step with a staff handler.
pub(super) fn to_answered(st: &mut Station, clerk: &StaffActor, id: i64) {
    st.case_accept(clerk, &step(id)).unwrap();
    st.case_assign(clerk, &CaseAssignInput { id, handler_staff_id: Some(clerk.id), ..Default::default() }).unwrap();
    st.case_investigate(clerk, &step(id)).unwrap();
    st.case_resolve(clerk, &CaseResolveInput { id, result: "已维修".into() }).unwrap();
    st.case_feedback(
        clerk,
        &CaseFeedbackInput { id, content: "已修好".into(), told_at: None, channel: FeedbackChannel::Phone },
    )
    .unwrap();
}

pub(super) fn visit(id: i64, resolution: Resolution, satisfaction: Satisfaction) -> CaseFollowupInput {
    CaseFollowupInput { id, method: FollowupMethod::Call, resolution, satisfaction, note: String::new() }
}

#[test]
fn intake_numbers_cases_by_month_and_sets_limits_in_working_days() {
    let (mut st, _, clerk, grid) = station();
    let a = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap();
    let b = st.case_report(&clerk, &input(CaseKind::Service, grid, "5号楼")).unwrap();
    assert_eq!(a.number, "2026-11-0001");
    assert_eq!(b.number, "2026-11-0002");
    assert_eq!(a.status, CaseStatus::Reported);
    assert_eq!(a.level, Level::Community);
    // Service: accept within 24 h, resolve within 5 working days (Mon 09:00 → next Mon 09:00).
    assert_eq!(a.accept_due, "2026-11-03T01:00:00Z");
    assert_eq!(a.resolve_due, crate::clock::timestamp(at("2026-11-09 09:00")));
    assert_eq!(a.clock.due_kind, Some(DueKind::Accept));
    assert_eq!(a.clock.state, ClockState::Ok);
    assert_eq!(a.transitions.len(), 1);
    assert_eq!(a.transitions[0].action, CaseAction::Report);
    assert_eq!(a.created_by, "李文");
    set_now(&mut st, "2026-12-01 08:00");
    let c = st.case_report(&clerk, &input(CaseKind::Service, grid, "7号楼")).unwrap();
    assert_eq!(c.number, "2026-12-0001");
}

#[test]
fn bad_intake_names_its_field_and_writes_nothing() {
    let (mut st, _, clerk, grid) = station();
    let before = counts(&st);
    type Spoil = Box<dyn Fn(&mut CaseInput)>;
    let spoils: Vec<(&str, Spoil)> = vec![
        ("title", Box::new(|i| i.title = " ".into())),
        ("title", Box::new(|i| i.title = "长".repeat(61))),
        ("hotlineTicket", Box::new(|i| i.source = CaseSource::Hotline)),
        ("contactPhone", Box::new(|i| i.contact_phone = "12345".into())),
        ("residentId", Box::new(|i| i.resident_id = Some(999))),
        ("gridId", Box::new(|i| i.grid_id = Some(999))),
        ("buildingId", Box::new(|i| i.building_id = Some(999))),
        (
            "placeText",
            Box::new(|i| {
                i.grid_id = None;
                i.place_text = String::new()
            }),
        ),
        ("description", Box::new(|i| i.description = "述".repeat(2001))),
    ];
    for (field, spoil) in spoils {
        let mut i = input(CaseKind::Service, grid, "3号楼");
        spoil(&mut i);
        let err = st.case_report(&clerk, &i).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{field}: {err}");
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
    }
    assert_eq!(counts(&st), before);
    let mut hotline = input(CaseKind::Service, grid, "3号楼");
    hotline.source = CaseSource::Hotline;
    hotline.hotline_ticket = Some("BJ20261102-0031".into());
    let saved = st.case_report(&clerk, &hotline).unwrap();
    assert!(saved.transitions[0].note.contains("BJ20261102-0031"));
}

#[test]
fn same_place_and_kind_within_a_week_is_a_possible_duplicate() {
    let (mut st, _, clerk, grid) = station();
    let first = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap();
    let before = counts(&st);
    let err = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap_err();
    assert_eq!(err.code, ErrorCode::DuplicateWarning);
    assert!(err.message.contains(&first.number), "{}", err.message);
    assert_eq!(counts(&st), before);
    // Another kind at the same place, or the same place after a week, is no duplicate.
    st.case_report(&clerk, &input(CaseKind::Dispute, grid, "3号楼")).unwrap();
    set_now(&mut st, "2026-11-10 09:00");
    st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap();
    let mut confirmed = input(CaseKind::Service, grid, "3号楼");
    confirmed.confirm_duplicate = true;
    st.case_report(&clerk, &confirmed).unwrap();
}

#[test]
fn an_emergency_goes_to_the_street_at_once_with_a_direct_report_checklist() {
    let (mut st, _, clerk, grid) = station();
    let c = st.case_report(&clerk, &input(CaseKind::Emergency, grid, "2号楼燃气")).unwrap();
    assert_eq!(c.level, Level::Street);
    assert!(c.red_flag);
    assert_eq!(c.transitions.len(), 2);
    assert_eq!((c.transitions[1].action, c.transitions[1].to_level), (CaseAction::Escalate, Level::Street));
    // Accept within 2 hours, resolve within 2 working days.
    assert_eq!(c.accept_due, crate::clock::timestamp(at("2026-11-02 11:00")));
    assert!(c.allowed.contains(&CaseAction::DirectReport));
    let err = st
        .case_direct_report(&clerk, &CaseCallInput { id: c.id, callee: " ".into(), ..Default::default() })
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("callee"));
    let c = st
        .case_direct_report(
            &clerk,
            &CaseCallInput {
                id: c.id,
                callee: "街道应急办 王主任".into(),
                called_at: Some("2026-11-02 08:55".into()),
                note: "已派人".into(),
            },
        )
        .unwrap();
    assert_eq!(c.calls.len(), 1);
    assert_eq!(c.calls[0].called_at, crate::clock::timestamp(at("2026-11-02 08:55")));
    let service = st.case_report(&clerk, &input(CaseKind::Service, grid, "1号楼")).unwrap();
    assert!(!service.allowed.contains(&CaseAction::DirectReport));
    let err =
        st.case_direct_report(&clerk, &CaseCallInput { id: service.id, callee: "x".into(), ..Default::default() });
    assert_eq!(err.unwrap_err().code, ErrorCode::Conflict);
}

#[test]
fn a_dispute_goes_from_mediation_to_the_three_heads_session_then_round_the_loop_to_the_archive() {
    let (mut st, _, clerk, grid) = station();
    let c = st.case_report(&clerk, &input(CaseKind::Dispute, grid, "5号楼")).unwrap();
    assert_eq!(c.dispute_stage, Some(DisputeStage::Mediation));
    let id = c.id;
    st.case_accept(&clerk, &step(id)).unwrap();
    let err = st.case_assign(&clerk, &CaseAssignInput { id, ..Default::default() }).unwrap_err();
    assert_eq!((err.field.as_deref(), err.message.as_str()), (Some("handlerName"), "请选择或填写调解员"));
    st.case_assign(&clerk, &CaseAssignInput { id, handler_name: "赵调解员".into(), ..Default::default() }).unwrap();
    st.case_investigate(&clerk, &step(id)).unwrap();
    st.case_note(&clerk, &CaseStepInput { id, note: "调解未成功，双方各执一词".into() }).unwrap();
    let err = st.case_escalate(&clerk, &CaseEscalateInput { id, reason: "调解不成".into(), session_date: None });
    assert_eq!(err.unwrap_err().field.as_deref(), Some("sessionDate"));
    let c = st
        .case_escalate(
            &clerk,
            &CaseEscalateInput { id, reason: "调解不成".into(), session_date: Some("2026-11-06".into()) },
        )
        .unwrap();
    assert_eq!(
        (c.level, c.dispute_stage, c.session_date.as_deref()),
        (Level::Street, Some(DisputeStage::Sanzhang), Some("2026-11-06"))
    );
    // Feedback before a result is refused; then the loop.
    let fb =
        CaseFeedbackInput { id, content: "达成协议".into(), told_at: None, channel: FeedbackChannel::InPerson };
    assert_eq!(st.case_feedback(&clerk, &fb).unwrap_err().code, ErrorCode::Conflict);
    st.case_resolve(&clerk, &CaseResolveInput { id, result: "三长会商后达成赔偿协议".into() }).unwrap();
    st.case_feedback(&clerk, &fb).unwrap();
    let c = st.case_followup(&clerk, &visit(id, Resolution::Partly, Satisfaction::Neutral)).unwrap();
    assert!(c.allowed.contains(&CaseAction::Reopen));
    let c = st.case_reopen(&clerk, &reason(id, "赔偿款未到位")).unwrap();
    assert_eq!((c.status, c.reopens, c.feedback_at.as_deref()), (CaseStatus::Handling, 1, None));
    assert_eq!(c.followup_resolution, None);
    assert_eq!(c.followups.len(), 1, "the earlier follow-up stays on record");
    st.case_resolve(&clerk, &CaseResolveInput { id, result: "赔偿款已付清".into() }).unwrap();
    st.case_feedback(&clerk, &fb).unwrap();
    st.case_followup(&clerk, &visit(id, Resolution::Solved, Satisfaction::Satisfied)).unwrap();
    let c = st.case_close(&clerk, &CaseCloseInput { id, ..Default::default() }).unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    assert!(!c.allowed.contains(&CaseAction::Reopen), "a solved case is not reopened");
    let c = st.case_archive(&clerk, &step(id)).unwrap();
    assert_eq!(c.status, CaseStatus::Archived);
    assert_eq!(c.allowed, Vec::<CaseAction>::new());
    // Read-only: every operation is refused, and the database refuses a direct update too.
    let before = counts(&st);
    assert_eq!(st.case_note(&clerk, &CaseStepInput { id, note: "x".into() }).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(st.case_reopen(&clerk, &reason(id, "x")).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(st.case_mark_unreasonable(&clerk, &reason(id, "x")).unwrap_err().code, ErrorCode::Conflict);
    assert!(st.conn().execute("UPDATE cases SET title = 'x' WHERE id = ?1", [id]).is_err());
    assert_eq!(counts(&st), before);
    let actions: Vec<CaseAction> = c.transitions.iter().map(|t| t.action).collect();
    assert_eq!(actions.first(), Some(&CaseAction::Report));
    assert_eq!(actions.last(), Some(&CaseAction::Archive));
    assert_eq!(actions.iter().filter(|a| **a == CaseAction::Reopen).count(), 1);
}

#[test]
fn closing_needs_a_follow_up_or_a_reason_why_not() {
    let (mut st, _, clerk, grid) = station();
    let id = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap().id;
    to_answered(&mut st, &clerk, id);
    let before = counts(&st);
    let err = st.case_close(&clerk, &CaseCloseInput { id, ..Default::default() }).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("noFollowupReason"));
    assert_eq!(counts(&st), before);
    let c = st
        .case_close(
            &clerk,
            &CaseCloseInput {
                id, no_followup_reason: Some("居民已搬离，联系不上".into()), note: String::new()
            },
        )
        .unwrap();
    assert_eq!(c.no_followup_reason.as_deref(), Some("居民已搬离，联系不上"));
    // A late follow-up after closing that finds it unsolved reopens it.
    st.case_followup(&clerk, &visit(id, Resolution::Unsolved, Satisfaction::Dissatisfied)).unwrap();
    let c = st.case_reopen(&clerk, &reason(id, "回访未解决")).unwrap();
    assert_eq!((c.status, c.no_followup_reason.clone()), (CaseStatus::Handling, None));
}

#[test]
fn a_handler_sends_a_case_back_with_a_reason() {
    let (mut st, _, clerk, grid) = station();
    let id = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap().id;
    st.case_accept(&clerk, &step(id)).unwrap();
    st.case_assign(&clerk, &CaseAssignInput { id, handler_name: "孙干事".into(), ..Default::default() }).unwrap();
    assert_eq!(st.case_send_back(&clerk, &reason(id, " ")).unwrap_err().field.as_deref(), Some("reason"));
    let c = st.case_send_back(&clerk, &reason(id, "不属于本人职责")).unwrap();
    assert_eq!(c.status, CaseStatus::Filed);
    assert_eq!(
        c.transitions.last().map(|t| (t.action, t.note.clone())),
        Some((CaseAction::SendBack, "不属于本人职责".into()))
    );
    // From 反馈结果 a send-back returns it to 调查落实 and forgets the round's result.
    to_answered_from_filed(&mut st, &clerk, id);
    let c = st.case_send_back(&clerk, &reason(id, "反馈内容不完整")).unwrap();
    assert_eq!((c.status, c.resolved_at.clone(), c.feedback_at.clone()), (CaseStatus::Handling, None, None));
}

fn to_answered_from_filed(st: &mut Station, clerk: &StaffActor, id: i64) {
    st.case_assign(clerk, &CaseAssignInput { id, handler_name: "周主任".into(), ..Default::default() }).unwrap();
    st.case_investigate(clerk, &step(id)).unwrap();
    st.case_resolve(clerk, &CaseResolveInput { id, result: "已处理".into() }).unwrap();
    st.case_feedback(
        clerk,
        &CaseFeedbackInput { id, content: "已处理".into(), told_at: None, channel: FeedbackChannel::Phone },
    )
    .unwrap();
}

#[test]
fn an_administrative_case_needs_a_department_and_escalates_itself_when_overdue() {
    let (mut st, admin, clerk, grid) = station();
    let id = st.case_report(&clerk, &input(CaseKind::Administrative, grid, "东门占道")).unwrap().id;
    st.case_accept(&clerk, &step(id)).unwrap();
    let assign = CaseAssignInput { id, handler_name: "刘网格员".into(), ..Default::default() };
    assert_eq!(st.case_assign(&clerk, &assign).unwrap_err().field.as_deref(), Some("departmentId"));
    let with_dept = CaseAssignInput { department_id: Some(1), ..assign.clone() };
    assert_eq!(st.case_assign(&clerk, &with_dept).unwrap_err().field.as_deref(), Some("reportDue"));
    let past = CaseAssignInput { report_due: Some("2026-11-01".into()), ..with_dept.clone() };
    assert_eq!(st.case_assign(&clerk, &past).unwrap_err().field.as_deref(), Some("reportDue"));
    let c = st.case_assign(&clerk, &CaseAssignInput { report_due: Some("2026-11-04".into()), ..with_dept }).unwrap();
    assert_eq!(c.department.as_deref(), Some("街道综合执法队"));
    assert!(c.allowed.contains(&CaseAction::DepartmentReport));
    // The department has not reported by Thursday: the clock says so.
    set_now(&mut st, "2026-11-05 09:00");
    let row = st.cases_list(&clerk, &CaseQuery::default()).unwrap().items.remove(0);
    assert_eq!((row.clock.state, row.clock.due_kind), (ClockState::Overdue, Some(DueKind::DepartmentReport)));
    st.case_department_report(&clerk, &step(id)).unwrap();
    // 15 working days from Mon 2 Nov: Mon 23 Nov 09:00. On the 24th it escalates by itself, once.
    set_now(&mut st, "2026-11-23 08:00");
    let home = st.cases_home(&clerk).unwrap();
    assert_eq!((home.overdue.len(), home.near.len()), (0, 1));
    set_now(&mut st, "2026-11-24 09:00");
    let home = st.cases_home(&admin).unwrap();
    assert_eq!(home.overdue.len(), 1);
    assert_eq!(home.overdue[0].level, Level::Street);
    assert_eq!(st.cases_tick().unwrap(), 0, "applied once");
    let c = st.case_get(&clerk, id).unwrap();
    let auto: Vec<&CaseTransition> = c.transitions.iter().filter(|t| t.action == CaseAction::AutoEscalate).collect();
    assert_eq!(auto.len(), 1);
    assert!(auto[0].by_system && auto[0].actor == "系统", "{:?}", auto[0]);
    assert_eq!((auto[0].from_level, auto[0].to_level), (Level::Community, Level::Street));
    assert_eq!(c.clock.state, ClockState::Overdue);
}

#[test]
fn an_unaccepted_case_past_its_accept_limit_escalates_on_tick() {
    let (mut st, _, clerk, grid) = station();
    let id = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap().id;
    set_now(&mut st, "2026-11-03 08:59");
    assert_eq!(st.cases_tick().unwrap(), 0);
    set_now(&mut st, "2026-11-03 09:01");
    assert_eq!(st.cases_tick().unwrap(), 1);
    assert_eq!(st.case_get(&clerk, id).unwrap().level, Level::Street);
}

#[test]
fn working_days_skip_weekends_and_follow_the_holiday_calendar() {
    let tz = chrono_tz::Asia::Shanghai;
    let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let plain = WorkCalendar::default();
    // Friday 09:00 + 1 working day = Monday 09:00; Saturday + 2 = Tuesday.
    assert_eq!(plain.add_working_days(at("2026-11-06 09:00"), 1, tz), at("2026-11-09 09:00"));
    assert_eq!(plain.add_working_days(at("2026-11-07 10:00"), 2, tz), at("2026-11-10 10:00"));
    // 国庆 2026: Oct 1–7 off, Sunday Sep 27 and Saturday Oct 10 worked (调休).
    let mut days: Vec<(NaiveDate, DayKind)> =
        (1..=7).map(|n| (d(&format!("2026-10-0{n}")), DayKind::Holiday)).collect();
    days.push((d("2026-09-27"), DayKind::Workday));
    days.push((d("2026-10-10"), DayKind::Workday));
    let cal = WorkCalendar::new(days);
    assert!(cal.is_working_day(d("2026-09-27")));
    assert!(!cal.is_working_day(d("2026-10-05")));
    // Wed Sep 30 + 2 working days: Oct 8 (Thu), Oct 9 (Fri).
    assert_eq!(cal.add_working_days(at("2026-09-30 09:00"), 2, tz), at("2026-10-09 09:00"));
    // Fri Oct 9 + 1: the 调休 Saturday Oct 10.
    assert_eq!(cal.add_working_days(at("2026-10-09 09:00"), 1, tz), at("2026-10-10 09:00"));
}

#[test]
fn the_calendar_and_limits_are_admin_settings_that_change_new_deadlines() {
    let (mut st, admin, clerk, grid) = station();
    let holiday =
        CalendarDayInput { day: "2026-11-03".into(), kind: Some(DayKind::Holiday), note: "测试假日".into() };
    assert_eq!(st.cases_calendar_save(&clerk, &holiday).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(
        st.cases_calendar_save(&admin, &CalendarDayInput { day: "11/3".into(), ..holiday.clone() })
            .unwrap_err()
            .field
            .as_deref(),
        Some("day")
    );
    st.cases_calendar_save(&admin, &holiday).unwrap();
    let mut limits = st.cases_limits().unwrap();
    limits.iter_mut().for_each(|l| l.resolve_days = 1);
    assert_eq!(st.cases_limits_save(&clerk, &limits).unwrap_err().code, ErrorCode::Forbidden);
    let mut bad = limits.clone();
    bad[0].accept_hours = 0;
    assert_eq!(st.cases_limits_save(&admin, &bad).unwrap_err().field.as_deref(), Some("acceptHours"));
    st.cases_limits_save(&admin, &limits).unwrap();
    let c = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap();
    // Monday + 1 working day, Tuesday being a holiday: Wednesday.
    assert_eq!(c.resolve_due, crate::clock::timestamp(at("2026-11-04 09:00")));
    let cal = st.cases_calendar_save(&admin, &CalendarDayInput { kind: None, ..holiday }).unwrap();
    assert!(cal.is_empty());
}

#[test]
fn an_unreasonable_complaint_needs_a_second_reviewer() {
    let (mut st, admin, clerk, grid) = station();
    let id = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap().id;
    assert_eq!(st.case_mark_unreasonable(&clerk, &reason(id, "")).unwrap_err().field.as_deref(), Some("reason"));
    let c = st.case_mark_unreasonable(&clerk, &reason(id, "要求物业免除全部物业费")).unwrap();
    assert!(!c.allowed.contains(&CaseAction::ReviewUnreasonable), "not by the proposer");
    let review = CaseReviewInput { id, confirm: true, note: String::new() };
    assert_eq!(st.case_review_unreasonable(&clerk, &review).unwrap_err().code, ErrorCode::Conflict);
    let c = st.case_review_unreasonable(&admin, &review).unwrap();
    let u = c.unreasonable.unwrap();
    assert_eq!((u.confirmed, u.proposed_by.as_str(), u.reviewer.as_deref()), (true, "李文", Some("王站长")));
    // A rejected proposal leaves the case an ordinary one.
    let other = st.case_report(&clerk, &input(CaseKind::Service, grid, "9号楼")).unwrap().id;
    st.case_mark_unreasonable(&admin, &reason(other, "重复投诉")).unwrap();
    let c = st
        .case_review_unreasonable(&clerk, &CaseReviewInput { id: other, confirm: false, note: "诉求合理".into() })
        .unwrap();
    assert_eq!(c.unreasonable, None);
    assert!(c.allowed.contains(&CaseAction::MarkUnreasonable));
}

#[test]
fn the_open_list_puts_what_is_most_urgent_first_and_searches() {
    let (mut st, _, clerk, grid) = station();
    let service = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap();
    let emergency = st.case_report(&clerk, &input(CaseKind::Emergency, grid, "2号楼")).unwrap();
    set_now(&mut st, "2026-11-02 10:45");
    let page = st.cases_list(&clerk, &CaseQuery::default()).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.items[0].id, emergency.id, "15 minutes of 2 hours left: near");
    assert_eq!(page.items[0].clock.state, ClockState::Near);
    let found = st.cases_list(&clerk, &CaseQuery { text: "3号楼".into(), ..CaseQuery::default() }).unwrap();
    assert_eq!(found.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![service.id]);
    let all =
        st.cases_list(&clerk, &CaseQuery { open_only: false, kind: Some(CaseKind::Service), ..CaseQuery::default() });
    assert_eq!(all.unwrap().total, 1);
}

#[test]
fn departments_are_an_editable_list() {
    let (mut st, _, clerk, _) = station();
    let before = st.case_departments().unwrap().len();
    let input = DepartmentInput {
        name: "城管中队".into(),
        contact: "陈队长".into(),
        phone: "0356-1234567".into(),
        ..Default::default()
    };
    let list = st.case_department_save(&clerk, &input).unwrap();
    assert_eq!(list.len(), before + 1);
    let err = st.case_department_save(&clerk, &input).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("name"));
    let bad = DepartmentInput { phone: "123".into(), name: "x".into(), ..Default::default() };
    assert_eq!(st.case_department_save(&clerk, &bad).unwrap_err().field.as_deref(), Some("phone"));
}

#[test]
fn photos_join_the_timeline() {
    let (mut st, _, clerk, grid) = station();
    let id = st.case_report(&clerk, &input(CaseKind::Service, grid, "3号楼")).unwrap().id;
    let err = st.case_photo_add(&clerk, &CasePhotoInput { case_id: id, name: "a.txt".into(), data: b"hello".to_vec() });
    assert_eq!(err.unwrap_err().field.as_deref(), Some("data"));
    // a file that only starts like a PNG is refused (it used to be stored as it came)
    let fake = b"\x89PNG\r\n\x1a\nrest".to_vec();
    let err = st.case_photo_add(&clerk, &CasePhotoInput { case_id: id, name: "现场.png".into(), data: fake });
    assert!(err.unwrap_err().message.contains("损坏"));
    let mut small = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(40, 30, image::Rgb([9, 9, 9])).write_to(&mut small, image::ImageFormat::Png).unwrap();
    let c = st
        .case_photo_add(&clerk, &CasePhotoInput { case_id: id, name: "现场.png".into(), data: small.into_inner() })
        .unwrap();
    let last = c.transitions.last().unwrap();
    assert_eq!(last.photos.len(), 1);
    let photos = st.case_photos(&clerk, id).unwrap();
    assert!(photos[0].data_url.starts_with("data:image/jpeg;base64,/9j/"), "stored as a fresh JPEG");
    // A large photo is shrunk to 1600 px on its longest side, as a JPEG.
    let big = image::RgbImage::from_pixel(3200, 2000, image::Rgb([200, 30, 30]));
    let mut png = std::io::Cursor::new(Vec::new());
    big.write_to(&mut png, image::ImageFormat::Png).unwrap();
    st.case_photo_add(&clerk, &CasePhotoInput { case_id: id, name: "大图.png".into(), data: png.into_inner() })
        .unwrap();
    let stored: Vec<u8> =
        st.conn().query_row("SELECT data FROM case_photos ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let img = image::load_from_memory(&stored).unwrap();
    assert_eq!((img.width(), img.height()), (1600, 1000));
    assert!(st.case_photos(&clerk, id).unwrap()[1].data_url.starts_with("data:image/jpeg;base64,"));
}

#[test]
fn generated_cases_obey_the_rules() {
    let (mut st, admin, _, _) = station();
    let mut rng = crate::demo::Rng::new(7);
    let made = populate_cases(&mut st, &admin, &mut rng, 60, at("2026-10-01 08:00"), 40).unwrap();
    assert_eq!(made.cases, 60);
    assert!(made.transitions > 60 * 4, "{made:?}");
}
