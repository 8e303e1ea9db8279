//! Property test over the case state machine: random sequences of every operation (valid
//! and invalid inputs, either staff member, time passing) on a fresh case each run.

use super::{at, input, reason, step, visit};
use crate::cases::*;
use crate::clock::Clock;
use crate::places::{PlaceInput, PlaceKind};
use crate::testing::add_admin_and_clerk;
use crate::{StaffActor, Station};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use std::cell::RefCell;

struct World {
    st: Station,
    admin: StaffActor,
    clerk: StaffActor,
    grid: i64,
    now: DateTime<Utc>,
}

thread_local! {
    // Setting up staff hashes passwords (slow on purpose): one station for every run.
    static WORLD: RefCell<Option<World>> = const { RefCell::new(None) };
}

fn world() -> World {
    let now = at("2026-11-02 09:00");
    let mut st = Station::open_in_memory_with(crate::db::MIGRATIONS, Clock::Fixed(now)).unwrap();
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    let grid = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "网格".into() })
        .unwrap()
        .grids[0]
        .id;
    World { st, admin, clerk, grid, now }
}

/// (operation, valid input?, a small choice, hours to let pass first)
type Op = (u8, bool, u8, u8);

const RES: [Resolution; 3] = [Resolution::Solved, Resolution::Partly, Resolution::Unsolved];
const SAT: [Satisfaction; 3] = [Satisfaction::Satisfied, Satisfaction::Neutral, Satisfaction::Dissatisfied];

fn apply(w: &mut World, id: i64, (op, valid, choice, _): Op) -> (Option<CaseAction>, bool) {
    let me = if choice % 2 == 0 { w.clerk.clone() } else { w.admin.clone() };
    let text = |s: &str| if valid { s.to_string() } else { "  ".to_string() };
    let st = &mut w.st;
    let (action, result) = match op % 17 {
        0 => (CaseAction::Accept, st.case_accept(&me, &step(id)).map(|_| ())),
        1 => {
            let input = CaseAssignInput {
                id,
                handler_name: text("刘网格员"),
                department_id: valid.then_some(1),
                report_due: valid.then(|| "2030-01-01".into()),
                ..Default::default()
            };
            (CaseAction::Assign, st.case_assign(&me, &input).map(|_| ()))
        }
        2 => (CaseAction::Investigate, st.case_investigate(&me, &step(id)).map(|_| ())),
        3 => (CaseAction::Resolve, st.case_resolve(&me, &CaseResolveInput { id, result: text("已处理") }).map(|_| ())),
        4 => {
            let fb =
                CaseFeedbackInput { id, content: text("已告知"), told_at: None, channel: FeedbackChannel::Phone };
            (CaseAction::Feedback, st.case_feedback(&me, &fb).map(|_| ()))
        }
        5 => {
            let v = visit(id, RES[choice as usize % 3], SAT[(choice / 3) as usize % 3]);
            (CaseAction::Followup, st.case_followup(&me, &v).map(|_| ()))
        }
        6 => {
            let c =
                CaseCloseInput { id, no_followup_reason: valid.then(|| "联系不上".into()), note: String::new() };
            (CaseAction::Close, st.case_close(&me, &c).map(|_| ()))
        }
        7 => (CaseAction::Archive, st.case_archive(&me, &step(id)).map(|_| ())),
        8 => (CaseAction::Reopen, st.case_reopen(&me, &reason(id, &text("未解决"))).map(|_| ())),
        9 => (CaseAction::SendBack, st.case_send_back(&me, &reason(id, &text("退回"))).map(|_| ())),
        10 => {
            let e = CaseEscalateInput { id, reason: text("升级"), session_date: valid.then(|| "2026-12-01".into()) };
            (CaseAction::Escalate, st.case_escalate(&me, &e).map(|_| ()))
        }
        11 => (CaseAction::Note, st.case_note(&me, &CaseStepInput { id, note: text("记录") }).map(|_| ())),
        12 => (CaseAction::MarkUnreasonable, st.case_mark_unreasonable(&me, &reason(id, &text("不合理"))).map(|_| ())),
        13 => {
            let r = CaseReviewInput { id, confirm: valid, note: String::new() };
            (CaseAction::ReviewUnreasonable, st.case_review_unreasonable(&me, &r).map(|_| ()))
        }
        14 => (CaseAction::DepartmentReport, st.case_department_report(&me, &step(id)).map(|_| ())),
        15 => {
            let call = CaseCallInput { id, callee: text("街道"), called_at: None, note: String::new() };
            (CaseAction::DirectReport, st.case_direct_report(&me, &call).map(|_| ()))
        }
        _ => return (None, st.cases_tick().is_ok()),
    };
    (Some(action), result.is_ok())
}

/// The edges of the six-step loop (a transition may also stay in its state).
fn edge_allowed(from: CaseStatus, to: CaseStatus) -> bool {
    use CaseStatus::*;
    from == to && from != Archived
        || matches!(
            (from, to),
            (Reported, Filed)
                | (Filed, Assigned)
                | (Assigned, Handling)
                | (Assigned, Filed)
                | (Handling, Filed)
                | (Handling, Answered)
                | (Answered, Handling)
                | (Answered, Closed)
                | (Closed, Handling)
                | (Closed, Archived)
        )
}

fn check_invariants(c: &CaseDetail) -> Result<(), TestCaseError> {
    let t = &c.transitions;
    prop_assert_eq!(t[0].action, CaseAction::Report);
    for pair in t.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        prop_assert_eq!(b.from_status, a.to_status, "chain broken at {:?}", b);
        prop_assert_eq!(b.from_level, a.to_level);
    }
    for x in t {
        prop_assert!(
            edge_allowed(x.from_status, x.to_status),
            "edge {:?} → {:?} by {:?}",
            x.from_status,
            x.to_status,
            x.action
        );
        prop_assert!(x.to_level >= x.from_level, "escalation only upward: {:?}", x);
        prop_assert!(x.by_system == (x.action == CaseAction::AutoEscalate));
    }
    let last = t.last().unwrap();
    prop_assert_eq!((last.to_status, last.to_level), (c.status, c.level));
    if matches!(c.status, CaseStatus::Closed | CaseStatus::Archived) {
        prop_assert!(c.feedback_at.is_some(), "closed without feedback");
        prop_assert!(
            c.followup_resolution.is_some() || c.no_followup_reason.is_some(),
            "closed without follow-up or reason"
        );
    }
    Ok(())
}

fn op_strategy() -> impl Strategy<Value = Op> {
    // Weighted toward the forward steps so runs reach the later states often.
    let forward = prop_oneof![Just(0u8), Just(1), Just(2), Just(3), Just(4), Just(5), Just(6), Just(7)];
    let op = prop_oneof![3 => forward, 2 => 0u8..17];
    (op, prop::bool::weighted(0.85), 0u8..9, 0u8..72)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn only_allowed_transitions_and_the_loop_invariants_hold(kind in 0usize..4, ops in prop::collection::vec(op_strategy(), 1..45)) {
        WORLD.with(|cell| -> Result<(), TestCaseError> {
            let mut slot = cell.borrow_mut();
            let w = slot.get_or_insert_with(world);
            let mut new = input(CaseKind::ALL[kind], w.grid, "某处");
            new.confirm_duplicate = true;
            let id = w.st.case_report(&w.clerk, &new).unwrap().id;
            let mut archived: Option<CaseDetail> = None;
            for op in ops {
                w.now += Duration::hours(i64::from(op.3));
                w.st.set_clock(Clock::Fixed(w.now));
                let before = w.st.case_get(&w.clerk, id).unwrap();
                let allowed_before = w.st.case_get(if op.2 % 2 == 0 { &w.clerk } else { &w.admin }, id).unwrap().allowed;
                let (action, ok) = apply(w, id, op);
                let after = w.st.case_get(&w.clerk, id).unwrap();
                match action {
                    Some(a) if ok => prop_assert!(allowed_before.contains(&a), "{:?} done though not allowed in {:?}", a, before.status),
                    Some(a) => {
                        prop_assert_eq!(&after.transitions, &before.transitions, "refused {:?} changed the timeline", a);
                        prop_assert_eq!((after.status, after.level), (before.status, before.level));
                    }
                    None => {}
                }
                check_invariants(&after)?;
                if let Some(frozen) = &archived {
                    let mut a = after.clone();
                    a.clock = frozen.clock.clone();
                    prop_assert_eq!(&a, frozen, "an archived case changed");
                }
                if after.status == CaseStatus::Archived && archived.is_none() {
                    archived = Some(after);
                }
            }
            Ok(())
        })?;
    }
}
