//! A hand-built November with known answers.

use super::{at, input, reason, set_now, station, step, visit};
use crate::cases::*;
use crate::clock::Clock;
use crate::places::{PlaceInput, PlaceKind};
use crate::StaffActor;
use crate::Station;

struct Plan<'a> {
    kind: CaseKind,
    grid: i64,
    place: &'a str,
    reported: &'a str,
    accepted: Option<&'a str>,
    handler: Handler,
    resolved: Option<&'a str>,
    followup: Option<(Resolution, Satisfaction)>,
}

enum Handler {
    Clerk,
    Named(&'static str),
}

fn build(st: &mut Station, clerk: &StaffActor, p: &Plan) -> i64 {
    set_now(st, p.reported);
    let id = st.case_report(clerk, &input(p.kind, p.grid, p.place)).unwrap().id;
    let Some(accepted) = p.accepted else { return id };
    set_now(st, accepted);
    st.case_accept(clerk, &step(id)).unwrap();
    let assign = match p.handler {
        Handler::Clerk => CaseAssignInput { id, handler_staff_id: Some(clerk.id), ..Default::default() },
        Handler::Named(name) => CaseAssignInput { id, handler_name: name.into(), ..Default::default() },
    };
    st.case_assign(clerk, &assign).unwrap();
    st.case_investigate(clerk, &step(id)).unwrap();
    let Some(resolved) = p.resolved else { return id };
    set_now(st, resolved);
    st.case_resolve(clerk, &CaseResolveInput { id, result: "已办结".into() }).unwrap();
    st.case_feedback(
        clerk,
        &CaseFeedbackInput { id, content: "已告知".into(), told_at: None, channel: FeedbackChannel::InPerson },
    )
    .unwrap();
    if let Some((r, s)) = p.followup {
        st.case_followup(clerk, &visit(id, r, s)).unwrap();
    }
    id
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn the_figures_of_a_hand_built_month() {
    let (mut st, admin, clerk, grid1) = station();
    let grid2 = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第二网格".into() })
        .unwrap()
        .grids
        .iter()
        .find(|g| g.name == "第二网格")
        .unwrap()
        .id;
    use CaseKind::*;
    use Resolution::*;
    use Satisfaction::*;
    let plans = [
        // 1: accepted in 1 h, resolved in 24 h, solved and satisfied; closed below.
        Plan {
            kind: Service,
            grid: grid1,
            place: "1号楼",
            reported: "2026-11-02 09:00",
            accepted: Some("2026-11-02 10:00"),
            handler: Handler::Clerk,
            resolved: Some("2026-11-03 09:00"),
            followup: Some((Solved, Satisfied)),
        },
        // 2: accepted after 25 h (late), resolved in 48 h, partly solved, neutral.
        Plan {
            kind: Service,
            grid: grid1,
            place: "2号楼",
            reported: "2026-11-03 09:00",
            accepted: Some("2026-11-04 10:00"),
            handler: Handler::Clerk,
            resolved: Some("2026-11-05 09:00"),
            followup: Some((Partly, Neutral)),
        },
        // 3: dispute, in time, resolved in 60 h, unsolved and dissatisfied.
        Plan {
            kind: Dispute,
            grid: grid2,
            place: "3号楼",
            reported: "2026-11-04 09:00",
            accepted: Some("2026-11-04 09:30"),
            handler: Handler::Named("赵调解员"),
            resolved: Some("2026-11-06 21:00"),
            followup: Some((Unsolved, Dissatisfied)),
        },
        // 4: confirmed unreasonable below: counted in total only.
        Plan {
            kind: Service,
            grid: grid2,
            place: "4号楼",
            reported: "2026-11-05 09:00",
            accepted: Some("2026-11-05 12:00"),
            handler: Handler::Named("赵调解员"),
            resolved: Some("2026-11-05 21:00"),
            followup: Some((Solved, Dissatisfied)),
        },
        // 5: emergency never accepted: late for the response rate, open past its limit.
        Plan {
            kind: Emergency,
            grid: grid1,
            place: "5号楼",
            reported: "2026-11-20 09:00",
            accepted: None,
            handler: Handler::Clerk,
            resolved: None,
            followup: None,
        },
        // 6: October: outside the month.
        Plan {
            kind: Service,
            grid: grid1,
            place: "6号楼",
            reported: "2026-10-30 09:00",
            accepted: Some("2026-10-30 10:00"),
            handler: Handler::Clerk,
            resolved: None,
            followup: None,
        },
    ];
    let ids: Vec<i64> = plans.iter().map(|p| build(&mut st, &clerk, p)).collect();
    st.case_close(&clerk, &CaseCloseInput { id: ids[0], ..Default::default() }).unwrap();
    st.case_mark_unreasonable(&clerk, &reason(ids[3], "要求超出政策范围")).unwrap();
    st.case_review_unreasonable(&admin, &CaseReviewInput { id: ids[3], confirm: true, note: String::new() }).unwrap();
    // A proposal nobody confirmed changes nothing.
    st.case_mark_unreasonable(&clerk, &reason(ids[1], "重复诉求")).unwrap();

    st.set_clock(Clock::Fixed(at("2026-12-01 09:00")));
    let month = FiguresInput { from_month: "2026-11".into(), to_month: "2026-11".into() };
    let f = st.cases_figures(&clerk, &month).unwrap();
    let o = &f.overall;
    assert_eq!((o.total, o.unreasonable), (5, 1));
    assert_eq!((o.accepted_in_time, o.response_counted), (2, 4));
    assert!(close(o.response_rate, 0.5));
    assert_eq!(o.resolved, 3);
    assert!(close(o.avg_handling_hours, 44.0), "{:?}", o.avg_handling_hours);
    assert_eq!((o.followed_up, o.solved, o.partly_solved, o.unsolved), (3, 1, 1, 1));
    assert!(close(o.resolution_rate, 1.0 / 3.0));
    assert_eq!((o.satisfied, o.neutral, o.dissatisfied), (1, 1, 1));
    assert!(close(o.satisfaction_rate, 1.0 / 3.0));
    assert_eq!((o.escalated, o.closed, o.overdue_open), (1, 1, 1));

    let kind = |k: CaseKind| f.by_kind.iter().find(|r| r.key == k.as_str()).unwrap();
    let service = kind(Service);
    assert_eq!((service.label.as_str(), service.total, service.unreasonable), ("服务诉求", 3, 1));
    assert!(close(service.response_rate, 0.5));
    assert!(close(service.avg_handling_hours, 36.0));
    assert!(close(service.resolution_rate, 0.5));
    assert!(close(service.satisfaction_rate, 0.5));
    assert!(close(kind(Dispute).avg_handling_hours, 60.0));
    assert!(close(kind(Dispute).resolution_rate, 0.0));
    assert!(close(kind(Emergency).response_rate, 0.0));
    assert_eq!(kind(Emergency).resolution_rate, None, "nothing followed up: no rate, not 0");
    assert!(f.by_kind.iter().all(|r| r.key != Administrative.as_str()));

    let grid = |name: &str| f.by_grid.iter().find(|r| r.label == name).unwrap();
    assert_eq!(grid("第一网格").total, 3);
    assert!(close(grid("第一网格").response_rate, 1.0 / 3.0));
    assert_eq!((grid("第二网格").total, grid("第二网格").unreasonable), (2, 1));
    assert!(close(grid("第二网格").avg_handling_hours, 60.0));

    let handler = |name: &str| f.by_handler.iter().find(|r| r.label == name).unwrap();
    assert!(close(handler("李文").avg_handling_hours, 36.0));
    assert!(close(handler("李文").resolution_rate, 0.5));
    // The unreasonable complaint does not count against 赵调解员.
    let zhao = handler("赵调解员");
    assert_eq!((zhao.total, zhao.unreasonable, zhao.resolved, zhao.followed_up), (2, 1, 1, 1));
    assert_eq!(handler("未指派").total, 1);

    assert_eq!(f.by_month.len(), 1);
    assert_eq!(f.by_month[0].key, "2026-11");
    let two =
        st.cases_figures(&clerk, &FiguresInput { from_month: "2026-10".into(), to_month: "2026-11".into() }).unwrap();
    assert_eq!(
        two.by_month.iter().map(|r| (r.key.as_str(), r.total)).collect::<Vec<_>>(),
        vec![("2026-10", 1), ("2026-11", 5)]
    );
    // The same figures as a workbook for the street office.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("统计.xlsx");
    assert_eq!(st.cases_figures_export_xlsx(&clerk, &month, &path).unwrap(), 5);
    let table = crate::tabular::read_table(&path).unwrap();
    assert_eq!(table.headers[..3], ["分组", "案件数", "不合理诉求"].map(String::from));
    assert_eq!(table.rows[0].cells[..3], ["全部", "5", "1"].map(String::from));
    assert_eq!(table.rows[0].cells[5], "0.5");
    let bad = FiguresInput { from_month: "2026-12".into(), to_month: "2026-11".into() };
    assert_eq!(st.cases_figures(&clerk, &bad).unwrap_err().field.as_deref(), Some("toMonth"));
    let bad = FiguresInput { from_month: "11月".into(), to_month: "2026-11".into() };
    assert_eq!(st.cases_figures(&clerk, &bad).unwrap_err().field.as_deref(), Some("fromMonth"));
}
