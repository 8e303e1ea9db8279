//! Random sequences of steps from random actors (admin, clerk, kiosk resident, the system's
//! sweep, time passing) keep the loop's invariants: only allowed transitions are recorded,
//! a refused step changes nothing, every wish that was worked on has helpers and one lead,
//! the credited hours equal the ledger, and a declined wish is never credited.

use super::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    KioskPost,
    DeskPost,
    Publish(usize),
    Assign(usize, usize, i64),
    Claim(usize, usize, i64),
    Reassign(usize, usize),
    Merge(usize, usize),
    Decline(usize),
    Cancel(usize),
    Remind(usize),
    Note(usize),
    Fulfil(usize, i64),
    Rate(usize, u8, i64, bool),
    Close(usize),
    Credit(usize, usize, i64),
    Advance(i64),
    Sweep,
}

fn op() -> impl Strategy<Value = Op> {
    let w = 0..8usize;
    let v = 0..3usize;
    prop_oneof![
        2 => Just(Op::KioskPost),
        1 => Just(Op::DeskPost),
        3 => w.clone().prop_map(Op::Publish),
        2 => (w.clone(), v.clone(), -1..5i64).prop_map(|(w, v, d)| Op::Assign(w, v, d)),
        3 => (w.clone(), v.clone(), -1..5i64).prop_map(|(w, v, d)| Op::Claim(w, v, d)),
        1 => (w.clone(), v.clone()).prop_map(|(w, v)| Op::Reassign(w, v)),
        1 => (w.clone(), w.clone()).prop_map(|(a, b)| Op::Merge(a, b)),
        1 => w.clone().prop_map(Op::Decline),
        1 => w.clone().prop_map(Op::Cancel),
        1 => w.clone().prop_map(Op::Remind),
        1 => w.clone().prop_map(Op::Note),
        3 => (w.clone(), -10..200i64).prop_map(|(w, m)| Op::Fulfil(w, m)),
        3 => (w.clone(), 0..3u8, 0..7i64, any::<bool>()).prop_map(|(w, s, st, k)| Op::Rate(w, s, st, k)),
        1 => w.clone().prop_map(Op::Close),
        1 => (w.clone(), v.clone(), -5..300i64).prop_map(|(w, v, m)| Op::Credit(w, v, m)),
        1 => (1..5i64).prop_map(Op::Advance),
        1 => Just(Op::Sweep),
    ]
}

/// Everything a refused step must leave as it was.
fn snapshot(w: &World) -> (i64, String, i64) {
    let conn = w.st.conn();
    let states: String = conn
        .query_row(
            "SELECT COALESCE(group_concat(id || state || COALESCE(promised_date, ''), ','), '') FROM wishes",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let helpers: i64 = conn
        .query_row(
            "SELECT COALESCE(SUM(active * 7 + is_lead * 3 + planned_minutes + credited_minutes), 0) FROM wish_helpers",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (w.transitions(), states, helpers)
}

fn apply(w: &mut World, ids: &mut Vec<i64>, op: &Op, by_admin: bool) -> Result<()> {
    let actor = if by_admin { w.admin.clone() } else { w.clerk.clone() };
    let pick = |i: usize| ids.get(i % ids.len().max(1)).copied().unwrap_or(9999);
    match op {
        Op::KioskPost => {
            ids.push(w.post("随机心愿"));
        }
        Op::DeskPost => {
            let input = WishPostInput {
                kind: WishKind::Goods,
                content: "代为登记的心愿".into(),
                wanted_by: None,
                resident_id: None,
                requester_name: "王建国".into(),
                phone: "13800001234".into(),
                notice_version: crate::privacy::NOTICE_VERSION.into(),
                photo_consent: false,
            };
            ids.push(w.st.wish_post(&actor, &input)?.row.id);
        }
        Op::Publish(i) => drop(w.st.wish_publish(&actor, &World::note(pick(*i), ""))?),
        Op::Assign(i, v, d) => drop(w.st.wish_assign(&actor, &w.helper(pick(*i), *v, *d))?),
        Op::Claim(i, v, d) => drop(w.st.wish_claim(&actor, &w.helper(pick(*i), *v, *d))?),
        Op::Reassign(i, v) => drop(w.st.wish_reassign(&actor, &w.helper(pick(*i), *v, 2))?),
        Op::Merge(a, b) => {
            drop(w.st.wish_merge(&actor, &WishMergeInput { id: pick(*a), into_id: pick(*b), note: String::new() })?)
        }
        Op::Decline(i) => drop(w.st.wish_decline(&actor, &World::note(pick(*i), "不符合条件"))?),
        Op::Cancel(i) => drop(w.st.wish_cancel(&actor, &World::note(pick(*i), "居民撤回"))?),
        Op::Remind(i) => drop(w.st.wish_remind(&actor, &World::note(pick(*i), "请抓紧"))?),
        Op::Note(i) => drop(w.st.wish_note(&actor, &World::note(pick(*i), "督办备注"))?),
        Op::Fulfil(i, m) => {
            let id = pick(*i);
            let credits = active_helpers(w.st.conn(), id)?
                .into_iter()
                .map(|v| WishCreditLine { volunteer_id: v, minutes: *m, points: 1 })
                .collect();
            drop(w.st.wish_fulfil(&actor, &fulfil(id, credits))?)
        }
        Op::Rate(i, s, stars, at_kiosk) => {
            let id = pick(*i);
            let satisfaction =
                [WishSatisfaction::Satisfied, WishSatisfaction::Partly, WishSatisfaction::NotSatisfied][*s as usize];
            if *at_kiosk {
                let code: String =
                    w.st.conn()
                        .query_row("SELECT code FROM wishes WHERE id = ?1", [id], |r| r.get(0))
                        .unwrap_or_else(|_| "000000".into());
                drop(w.st.wish_kiosk_rate(&KioskRateInput {
                    code,
                    satisfaction,
                    stars: *stars,
                    comment: String::new(),
                })?)
            } else {
                drop(
                    w.st.wish_rate(&actor, &WishRateInput { id, satisfaction, stars: *stars, comment: String::new() })?,
                )
            }
        }
        Op::Close(i) => drop(w.st.wish_close(&actor, &World::note(pick(*i), "已处理"))?),
        Op::Credit(i, v, m) => {
            let input = WishCreditInput { id: pick(*i), volunteer_id: w.vols[*v], minutes: *m, points: 0 };
            drop(w.st.wish_set_credit(&actor, &input)?)
        }
        Op::Advance(days) => w.advance(*days),
        Op::Sweep => drop(w.st.wishes_complete_unrated()?),
    }
    Ok(())
}

fn check_invariants(w: &World) {
    let conn = w.st.conn();
    // Only allowed transitions were ever recorded, and each wish is where its last one left it.
    let rows: Vec<(i64, String, Option<String>, String)> = conn
        .prepare("SELECT wish_id, action, from_state, to_state FROM wish_transitions ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut last: std::collections::HashMap<i64, WishState> = Default::default();
    for (wish, action, from, to) in rows {
        let step = WishStep::parse(&action).unwrap();
        let to = WishState::parse(&to).unwrap();
        match from.as_deref().map(|f| WishState::parse(f).unwrap()) {
            None => assert_eq!((step, to), (WishStep::Post, WishState::Submitted)),
            Some(from) => {
                assert_eq!(last.get(&wish), Some(&from), "transitions chain for wish {wish}");
                assert!(step.outcomes(from).contains(&to), "{step:?} {from:?} → {to:?} is not allowed");
            }
        }
        last.insert(wish, to);
    }
    let wishes: Vec<(i64, String)> = conn
        .prepare("SELECT id, state FROM wishes")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for (id, state) in wishes {
        let state = WishState::parse(&state).unwrap();
        assert_eq!(last.get(&id), Some(&state));
        let (active, leads, credited): (i64, i64, i64) = conn
            .query_row(
                "SELECT COALESCE(SUM(active), 0), COALESCE(SUM(is_lead), 0), COALESCE(SUM(credited_minutes + credited_points), 0)
                 FROM wish_helpers WHERE wish_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        if matches!(state, WishState::Claimed | WishState::Fulfilled | WishState::Reopened | WishState::Completed) {
            assert!(active >= 1 && leads == 1, "wish {id} in {state:?} has {active} helpers, {leads} leads");
        }
        if state != WishState::Completed {
            assert_eq!(credited, 0, "wish {id} in {state:?} was credited");
        }
    }
    assert_eq!(wish_credited_total(w), ledger_total(w), "credited hours equal the ledger");
}

fn wish_credited_total(w: &World) -> i64 {
    w.st.conn().query_row("SELECT COALESCE(SUM(credited_minutes), 0) FROM wish_helpers", [], |r| r.get(0)).unwrap()
}

/// The volunteers' ledger, summed over the entries that came from wishes.
fn ledger_total(w: &World) -> i64 {
    w.st.conn()
        .query_row("SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger WHERE source = 'wish'", [], |r| r.get(0))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn random_steps_keep_the_loop_invariants(ops in prop::collection::vec((op(), any::<bool>()), 1..60)) {
        let mut w = World::new();
        let mut ids = Vec::new();
        for (op, by_admin) in &ops {
            let before = snapshot(&w);
            if apply(&mut w, &mut ids, op, *by_admin).is_err() {
                prop_assert_eq!(snapshot(&w), before, "a refused {:?} changed something", op);
            }
        }
        check_invariants(&w);
    }
}
