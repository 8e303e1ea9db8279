//! The ledger is its events: after any sequence of moves, the stored standing equals the fold
//! of the stored events, and the ledger as of any day equals an independent model's.

use super::super::*;
use super::{day, World};
use chrono::Duration;
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy)]
enum Op {
    TransferOut,
    TransferIn(usize),
    MobileOut,
    MobileBack,
    Confirm,
    Move(usize),
    Stop,
    Die,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::TransferOut),
        3 => (0..2usize).prop_map(Op::TransferIn),
        2 => Just(Op::MobileOut),
        2 => Just(Op::MobileBack),
        2 => Just(Op::Confirm),
        3 => (0..2usize).prop_map(Op::Move),
        1 => Just(Op::Stop),
        1 => Just(Op::Die),
    ]
}

/// The model: written from the rules, not from `members::step`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Model {
    active: bool,
    gone: bool,
    out: bool,
    full: bool,
    mobile_out: bool,
    org: usize,
}

impl Model {
    fn apply(self, op: Op) -> Option<Model> {
        let mut m = self;
        match op {
            Op::TransferIn(o) if !m.active && m.out && !m.gone => {
                m.active = true;
                m.out = false;
                m.mobile_out = false;
                m.org = o;
            }
            _ if !m.active => return None,
            Op::TransferIn(_) => return None,
            Op::TransferOut => {
                m.active = false;
                m.out = true;
            }
            Op::MobileOut if !m.mobile_out => m.mobile_out = true,
            Op::MobileBack if m.mobile_out => m.mobile_out = false,
            Op::Confirm if !m.full => m.full = true,
            Op::Move(o) if o != m.org => m.org = o,
            Op::Stop | Op::Die => {
                m.active = false;
                m.gone = true;
            }
            _ => return None,
        }
        Some(m)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_rebuilt_from_events_equals_the_stored_state(
        steps in prop::collection::vec((0..3usize, 0..40i64, op()), 1..18),
        probes in prop::collection::vec(0..700i64, 4),
    ) {
        let mut w = World::new();
        let other = w.st.party_org_create(&w.admin, &super::org(Some(w.committee), OrgKind::Grid, "第二网格党支部", "2015-01-01")).unwrap().org.id;
        let orgs = [w.branch, other];
        let start = day("2024-01-01");
        let mut ids = Vec::new();
        let mut history: Vec<Vec<(chrono::NaiveDate, Model)>> = Vec::new();
        for i in 0..3 {
            let input = MemberCreateInput {
                profile: super::profile(&format!("党员{i}"), "1970-05-01", "2023-12-01", None),
                how: MemberEventKind::Registered,
                on_date: start.to_string(),
                category: MemberCategory::Probationary,
                org_id: w.branch,
                group_id: None,
                letter_no: String::new(),
            };
            ids.push(w.st.party_member_create(&w.admin, &input).unwrap().row.id);
            history.push(vec![(start, Model { active: true, gone: false, out: false, full: false, mobile_out: false, org: 0 })]);
        }
        for (who, gap, op) in steps {
            let (last_day, model) = *history[who].last().unwrap();
            let on = last_day + Duration::days(gap);
            let (kind, org) = match op {
                Op::TransferOut => (MemberEventKind::TransferOut, None),
                Op::TransferIn(o) => (MemberEventKind::TransferIn, Some(orgs[o])),
                Op::MobileOut => (MemberEventKind::MobileOut, None),
                Op::MobileBack => (MemberEventKind::MobileBack, None),
                Op::Confirm => (MemberEventKind::Confirmed, None),
                Op::Move(o) => (MemberEventKind::Moved, Some(orgs[o])),
                Op::Stop => (MemberEventKind::Stopped, None),
                Op::Die => (MemberEventKind::Deceased, None),
            };
            let input = MemberEventInput {
                member_id: ids[who],
                kind,
                on_date: on.to_string(),
                org_id: org,
                group_id: None,
                letter_no: "介绍信 001".into(),
                dues_paid_to: Some("2024-01".into()),
                place: String::new(),
                note: String::new(),
            };
            let got = w.st.party_member_event(&w.admin, &input);
            let expected = model.apply(op);
            prop_assert_eq!(got.is_ok(), expected.is_some(), "{:?} on {:?}: {:?}", op, model, got.err());
            if let Some(m) = expected {
                history[who].push((on, m));
            }
        }
        // 1. stored standing = fold of the stored events
        for &id in &ids {
            let events: Vec<FoldEvent> = w.st.conn()
                .prepare("SELECT kind, org_id, group_id, category FROM party_member_events WHERE member_id = ?1 ORDER BY on_date, id").unwrap()
                .query_map([id], |r| Ok(FoldEvent { kind: r.get(0)?, org_id: r.get(1)?, group_id: r.get(2)?, category: r.get(3)? })).unwrap()
                .collect::<rusqlite::Result<_>>().unwrap();
            prop_assert_eq!(fold(&events), members::standing_of(w.st.conn(), id).unwrap());
        }
        // 2. the ledger as of any day = the model on that day
        for p in probes {
            let d = start + Duration::days(p);
            let page = w.ledger(MemberQuery { as_of: Some(d.to_string()), ..Default::default() });
            let got: BTreeSet<(i64, i64, MemberCategory, Mobility)> =
                page.items.iter().map(|r| (r.id, r.org_id, r.category, r.mobile)).collect();
            let want: BTreeSet<(i64, i64, MemberCategory, Mobility)> = ids.iter().zip(&history).filter_map(|(&id, h)| {
                let (_, m) = h.iter().rev().find(|(on, _)| *on <= d)?;
                m.active.then(|| (
                    id,
                    orgs[m.org],
                    if m.full { MemberCategory::Full } else { MemberCategory::Probationary },
                    if m.mobile_out { Mobility::Out } else { Mobility::None },
                ))
            }).collect();
            prop_assert_eq!(got, want, "as of {}", d);
        }
    }
}
