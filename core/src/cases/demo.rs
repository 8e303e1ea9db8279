//! Generated cases for demos and the benchmark: whole lifecycles at realistic moments, each
//! step through the same rules as the desk (so generated data obeys every rule).

use super::followup::{self, CaseFeedbackInput, CaseFollowupInput, FeedbackChannel, FollowupMethod};
use super::intake::{self, CaseInput};
use super::workflow::{self, CaseAssignInput, CaseCloseInput, CaseResolveInput, CaseStepInput};
use super::{CaseKind, CaseSource, Resolution, Satisfaction, Urgency};
use crate::actor::{Actor, StaffActor};
use crate::clock::Clock;
use crate::db::{Station, Tx};
use crate::demo::Rng;
use crate::error::Result;
use chrono::{DateTime, Duration, Utc};

const TITLES: &[(CaseKind, &str)] = &[
    (CaseKind::Service, "楼道灯不亮"),
    (CaseKind::Service, "想办理老年卡"),
    (CaseKind::Service, "小区健身器材损坏"),
    (CaseKind::Dispute, "楼上漏水邻里纠纷"),
    (CaseKind::Dispute, "占用车位引发争执"),
    (CaseKind::Administrative, "占道经营"),
    (CaseKind::Administrative, "违章搭建"),
    (CaseKind::Administrative, "噪音扰民"),
    (CaseKind::Emergency, "燃气泄漏"),
];

/// What `populate_cases` made.
#[derive(Debug, Clone, Copy, Default)]
pub struct Populated {
    pub cases: usize,
    pub transitions: usize,
}

/// Generates `count` cases reported between `from` and `from + span_days`, handled step by
/// step at later moments (most closed, the recent ones still open). Moves the station's
/// clock as it goes and leaves it at `from + span_days`.
pub fn populate_cases(
    st: &mut Station,
    actor: &StaffActor,
    rng: &mut Rng,
    count: usize,
    from: DateTime<Utc>,
    span_days: i64,
) -> Result<Populated> {
    let grids: Vec<i64> =
        st.conn().prepare("SELECT id FROM grids")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let end = from + Duration::days(span_days);
    let who = Actor::Staff(actor.clone());
    let handlers = ["刘网格员", "赵调解员", "孙干事", "周主任"];
    for n in 0..count {
        let reported = from + Duration::minutes(rng.below((span_days * 24 * 60).max(1) as usize) as i64);
        let (kind, title) = *rng.pick(TITLES);
        let grid = (!grids.is_empty()).then(|| *rng.pick(&grids));
        let input = CaseInput {
            source: *rng.pick(&[CaseSource::WalkIn, CaseSource::Phone, CaseSource::GridWorker]),
            grid_id: grid,
            place_text: format!("{}号楼", 1 + n % 40),
            kind,
            title: title.to_string(),
            urgency: if rng.chance(10) { Urgency::Urgent } else { Urgency::Normal },
            confirm_duplicate: true,
            ..CaseInput::default()
        };
        let report_due = (reported + Duration::days(5)).format("%Y-%m-%d").to_string();
        let mut at = reported;
        st.set_clock(Clock::Fixed(at));
        let id = st.write(&who, |tx| intake::report(tx, &input))?;
        // Each step a little later; cases reported near the end stop where "now" is.
        let mut step = |st: &mut Station, hours: i64, f: &dyn Fn(&Tx) -> Result<()>| -> Result<bool> {
            at += Duration::hours(hours);
            if at > end {
                return Ok(false);
            }
            st.set_clock(Clock::Fixed(at));
            st.write(&who, f)?;
            Ok(true)
        };
        let note = CaseStepInput { id, note: String::new() };
        let accept_after = if rng.chance(90) { 1 + rng.below(20) as i64 } else { 30 + rng.below(40) as i64 };
        if !step(st, accept_after, &|tx| workflow::accept(tx, &note))? {
            continue;
        }
        let assign = CaseAssignInput {
            id,
            handler_name: rng.pick(&handlers).to_string(),
            department_id: (kind == CaseKind::Administrative).then_some(1),
            report_due: (kind == CaseKind::Administrative).then(|| report_due.clone()),
            ..CaseAssignInput::default()
        };
        let resolve_after = 4 + rng.below(24 * 12) as i64;
        let resolution = *rng.pick(&[Resolution::Solved, Resolution::Solved, Resolution::Solved, Resolution::Partly]);
        let satisfaction = *rng.pick(&[
            Satisfaction::Satisfied,
            Satisfaction::Satisfied,
            Satisfaction::Neutral,
            Satisfaction::Dissatisfied,
        ]);
        let archive = rng.chance(60);
        let resolved = CaseResolveInput { id, result: "已现场处理完毕".into() };
        let told =
            CaseFeedbackInput {
                id, content: "已告知处理结果".into(), told_at: None, channel: FeedbackChannel::Phone
            };
        let visit =
            CaseFollowupInput { id, method: FollowupMethod::Call, resolution, satisfaction, note: String::new() };
        let closing = CaseCloseInput { id, ..CaseCloseInput::default() };
        let _ = step(st, 1, &|tx| workflow::assign(tx, &assign))?
            && step(st, 2, &|tx| workflow::investigate(tx, &note))?
            && step(st, resolve_after, &|tx| workflow::resolve(tx, &resolved))?
            && step(st, 2, &|tx| followup::feedback(tx, &told))?
            && step(st, 24, &|tx| followup::followup(tx, &visit))?
            && step(st, 1, &|tx| workflow::close(tx, &closing))?
            && archive
            && step(st, 48, &|tx| workflow::archive(tx, &note))?;
    }
    st.set_clock(Clock::Fixed(end));
    let cases = st.conn().query_row("SELECT COUNT(*) FROM cases", [], |r| r.get::<_, i64>(0))? as usize;
    let transitions =
        st.conn().query_row("SELECT COUNT(*) FROM case_transitions", [], |r| r.get::<_, i64>(0))? as usize;
    Ok(Populated { cases, transitions })
}

/// The cases the desk's clocks are about: two past their limit (one never accepted, one
/// accepted and assigned but not resolved in its working days) and two near it (less than a
/// quarter of the allowance left), reported at those moments through the desk's calls.
/// Returns how many cases were added.
pub fn populate_deadlines(st: &mut Station, actor: &StaffActor) -> Result<usize> {
    use crate::demo::at_time;
    let grid: Option<i64> = st.conn().query_row("SELECT MIN(id) FROM grids", [], |r| r.get(0))?;
    let who = Actor::Staff(actor.clone());
    let now = st.now();
    // (kind, title, place, reported hours ago, taken on: accepted, assigned and investigated)
    let plan = [
        (CaseKind::Service, "小区南门路灯不亮", "南门", 30, false),
        (CaseKind::Service, "垃圾清运不及时，楼下堆放", "5号楼", 24 * 10, true),
        (CaseKind::Dispute, "楼上装修噪音影响休息", "2号楼", 20, false),
        (CaseKind::Service, "单元门禁损坏无法关闭", "7号楼", 19, false),
    ];
    for (kind, title, place, hours_ago, taken) in plan {
        let reported = now - Duration::hours(hours_ago);
        let input = CaseInput {
            source: CaseSource::Phone,
            grid_id: grid,
            place_text: place.into(),
            kind,
            title: title.into(),
            confirm_duplicate: true,
            ..CaseInput::default()
        };
        let id = at_time(st, reported, |st| st.write(&who, |tx| intake::report(tx, &input)))?;
        if taken {
            let note = CaseStepInput { id, note: String::new() };
            let assign = CaseAssignInput { id, handler_name: "刘网格员".into(), ..CaseAssignInput::default() };
            at_time(st, reported + Duration::hours(2), |st| {
                st.write(&who, |tx| {
                    workflow::accept(tx, &note)?;
                    workflow::assign(tx, &assign)?;
                    workflow::investigate(tx, &note)
                })
            })?;
        }
    }
    Ok(plan.len())
}
