//! 党建: the party organisation's period, from the party module's records and by its rules.
//! Aggregate figures only — counts and amounts in 分, per branch at most; no member's name or
//! ID number ever reaches the report.
//!
//! Everything is taken as of the period, never as of the run, so a past month gives the same
//! figures whichever day it runs:
//!
//! - the ledger (在册, 正式 / 预备, 流动, the branch) is the fold (`party::fold`) of each
//!   member's dated events up to the as-of day, as the ledger page shows a past day — not the
//!   standing stored on the row, which is today's;
//! - 失联 is the party module's rule (`party::lost_contact`) at the as-of day, fed with what
//!   was known then: the last 组织生活 attended (approved minutes) or dues paid on or before
//!   that day, and the day the member last came on the ledger;
//! - moves (登记入册, 转入, 转出, 转正) count by their event's date in the period; 入党 by the
//!   profile's 入党日期 in the period (a member on the ledger by the as-of day);
//! - 三会一课: every kind with a quota, counted over the quota's span (`quota_window`, the
//!   compliance page's spans: the month, or the quarter / year a longer quota needs) but only
//!   up to the as-of day, so a month's figures never take in a meeting held after it; the
//!   organisations that owe a kind are the branches / groups standing on the as-of day;
//! - 党费: for every month the period touches up to the as-of day, the members on the ledger at
//!   that month's end (or the as-of day) owe their monthly dues (`member_due`: the approved
//!   reduction, else the rules); paid = payments for that month, not voided, paid on or before
//!   the as-of day.
//!
//! What is not event-sourced stays as stored: quotas, dues bases and reductions, 入党日期 and
//! organisation names are today's; a closed month keeps what they were when it was closed.

use super::{ratio, rows, Bounds};
use crate::db::Station;
use crate::error::Result;
use crate::party::meetings::quota_window;
use crate::party::{
    dues::member_due, fold, lost_contact, DuesKind, FoldEvent, MeetingKind, MemberCategory, MemberEventKind,
    MemberStatus, Mobility, OrgLevel, QuotaPeriod, Standing,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartyFigures {
    /// On the ledger (在册) at the end of the as-of day.
    pub members: u32,
    /// Of them 正式党员 and 预备党员.
    pub full: u32,
    pub probationary: u32,
    /// Of them 流动外出 (away, still on this ledger) and 流入 (from elsewhere).
    pub mobile_out: u32,
    pub mobile_in: u32,
    /// Of them 失联: no 组织生活 attended and no dues paid for six months.
    pub lost_contact: u32,
    /// 入党 in the period (入党日期), on the ledger by the as-of day.
    pub joined: u32,
    /// Events dated in the period: 登记入册, 转入, 转出, 转正.
    pub registered: u32,
    pub transferred_in: u32,
    pub transferred_out: u32,
    pub confirmed: u32,
    /// Every branch standing on the as-of day, and any other with members then; by name.
    pub by_branch: Vec<PartyBranchRow>,
    /// Approved 组织生活 records (any kind, any organisation) held in the period.
    pub meetings_held: u32,
    /// Their attendance: people due, present, present ÷ due.
    pub due_people: u32,
    pub present: u32,
    pub attendance_rate: Option<f64>,
    /// 三会一课 against the quotas, per meeting kind.
    pub by_meeting_kind: Vec<MeetingKindRow>,
    pub dues: PartyDuesFigures,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartyBranchRow {
    pub name: String,
    pub members: u32,
    pub full: u32,
    pub probationary: u32,
    pub lost_contact: u32,
    /// 党费 owed and paid for the period's months, in 分; member-months unpaid.
    pub due_fen: i64,
    pub paid_fen: i64,
    pub unpaid: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingKindRow {
    pub key: MeetingKind,
    pub label: String,
    /// The quota's period; absent when the kind has no quota (its meetings are counted over
    /// the period). Absent rather than null: null in this report means a figure not computed.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota_period: Option<QuotaPeriod>,
    /// The span counted: the quota's (the period, or its quarter / year), YYYY-MM-DD …
    pub from: String,
    pub to: String,
    /// … but only up to this day (the as-of day, or `to` if earlier).
    pub counted_to: String,
    /// Organisations that owe it, and how many of them held what they owe.
    pub organisations: u32,
    pub met: u32,
    /// Meetings owed (Σ quota × times in the span) and approved meetings held (any organisation).
    pub required: u32,
    pub held: u32,
    pub due_people: u32,
    pub present: u32,
    pub attendance_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartyDuesFigures {
    /// The months counted (YYYY-MM), first to last.
    pub months: Vec<String>,
    /// Member-months owed (for a month: the members on the ledger at its end), paid, unpaid.
    pub member_months: u32,
    pub paid: u32,
    pub unpaid: u32,
    /// In 分.
    pub due_fen: i64,
    pub paid_fen: i64,
    /// paid ÷ member-months.
    pub paid_rate: Option<f64>,
}

pub const SQL: [(&str, &str); 7] = [
    ("party events", EVENTS),
    ("party orgs", ORGS),
    ("party profiles", PROFILES),
    ("party last seen", LAST_SEEN),
    ("party quotas", QUOTAS),
    ("party meetings", MEETINGS),
    ("party dues", PAYMENTS),
];

/// Every member event up to the as-of day, in the order the fold takes them.
const EVENTS: &str = "
SELECT member_id, kind, on_date, org_id, group_id, category FROM party_member_events
 WHERE on_date <= :asof ORDER BY member_id, on_date, id";

/// Branches and groups, and whether each stood on the as-of day (founded by then, not yet
/// dissolved); the others are only named (members are moved out before a branch goes).
const ORGS: &str = "
SELECT id, name, level, founded_on <= :asof AND (dissolved_on IS NULL OR dissolved_on > :asof)
  FROM party_orgs WHERE level IN ('branch', 'group')";

/// What the ledger does not keep as events: the dues rule and 入党日期.
const PROFILES: &str = "
SELECT id, dues_kind, dues_base_fen, dues_reduced_fen, joined_on FROM party_members";

/// The last day each member was seen up to the as-of day: 组织生活 attended (approved
/// minutes) or dues paid (not voided) — what `members::recompute_seen` keeps on the row today.
const LAST_SEEN: &str = "
SELECT member_id, MAX(d) FROM (
  SELECT a.member_id, m.held_on AS d FROM party_meeting_attendance a JOIN party_meetings m ON m.id = a.meeting_id
   WHERE a.present = 1 AND m.state = 'approved' AND m.held_on <= :asof
  UNION ALL
  SELECT member_id, paid_on FROM party_dues_payments WHERE voided_at IS NULL AND paid_on <= :asof)
 GROUP BY member_id";

const QUOTAS: &str = "SELECT kind, period, times FROM party_quotas WHERE times > 0 ORDER BY rowid";

/// Approved meetings from the start of the period's year (the longest quota span) to the
/// as-of day, each with its attendance.
const MEETINGS: &str = "
SELECT m.org_id, m.kind, m.held_on, COUNT(a.member_id), COALESCE(SUM(a.present), 0)
  FROM party_meetings m LEFT JOIN party_meeting_attendance a ON a.meeting_id = m.id
 WHERE m.state = 'approved' AND m.held_on >= substr(:from, 1, 4) || '-01-01' AND m.held_on <= :asof
 GROUP BY m.id";

/// Dues paid by the as-of day for the months from the period's first to the as-of day's.
const PAYMENTS: &str = "
SELECT member_id, month, amount_fen FROM party_dues_payments
 WHERE voided_at IS NULL AND month >= substr(:from, 1, 7) AND month <= substr(:asof, 1, 7) AND paid_on <= :asof";

fn day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").ok()
}

/// One member's events up to the as-of day, in order.
#[derive(Default)]
struct History {
    events: Vec<(NaiveDate, FoldEvent)>,
}

impl History {
    /// The standing at the end of `on` (None: not yet entered).
    fn standing_on(&self, on: NaiveDate) -> Option<Standing> {
        fold(self.events.iter().take_while(|(d, _)| *d <= on).map(|(_, e)| e))
    }

    /// The last day the member came on the ledger by `on` (失联 counts from it at the latest).
    fn entered_on(&self, on: NaiveDate) -> Option<NaiveDate> {
        self.events
            .iter()
            .take_while(|(d, _)| *d <= on)
            .filter(|(_, e)| e.kind.enters_the_ledger())
            .map(|(d, _)| *d)
            .last()
    }
}

struct Meeting {
    org_id: i64,
    kind: MeetingKind,
    held_on: NaiveDate,
    due: u32,
    present: u32,
}

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<PartyFigures> {
    let mut f = PartyFigures::default();
    let histories = histories(st, b)?;
    count_moves(&mut f, &histories, b);

    let orgs = rows(st, ORGS, b, |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, OrgLevel>(2)?, r.get::<_, bool>(3)?))
    })?;
    let names: HashMap<i64, String> = orgs.iter().map(|(id, name, _, _)| (*id, name.clone())).collect();
    let standing: Vec<(i64, OrgLevel)> =
        orgs.iter().filter(|(_, _, _, standing)| *standing).map(|(id, _, level, _)| (*id, *level)).collect();
    // every branch standing on the as-of day has a row, members or not
    let mut branches: BTreeMap<i64, PartyBranchRow> = standing
        .iter()
        .filter(|(_, level)| *level == OrgLevel::Branch)
        .map(|(id, _)| (*id, PartyBranchRow::default()))
        .collect();

    let profiles = rows(st, PROFILES, b, |r| {
        let due = member_due(r.get::<_, DuesKind>(1)?, r.get(2)?, r.get(3)?);
        Ok((r.get::<_, i64>(0)?, due, r.get::<_, Option<String>>(4)?))
    })?;
    f.joined = profiles
        .iter()
        .filter(|(id, _, joined)| {
            let in_period = joined.as_deref().and_then(day).is_some_and(|d| d >= b.from && d <= b.to);
            in_period && histories.get(id).is_some_and(|h| h.standing_on(b.as_of).is_some())
        })
        .count() as u32;
    let monthly_due: HashMap<i64, i64> = profiles.iter().map(|(id, due, _)| (*id, *due)).collect();

    count_ledger(st, b, &histories, &mut f, &mut branches)?;
    count_dues(st, b, &histories, &monthly_due, &mut f.dues, &mut branches)?;
    f.by_branch = branches
        .into_iter()
        .map(|(id, row)| PartyBranchRow { name: names.get(&id).cloned().unwrap_or_default(), ..row })
        .collect();
    f.by_branch.sort_by(|a, b| a.name.cmp(&b.name));
    count_meetings(st, b, &standing, &mut f)?;
    Ok(f)
}

/// Every member's events up to the as-of day, by member, in order.
fn histories(st: &Station, b: &Bounds) -> Result<BTreeMap<i64, History>> {
    let events = rows(st, EVENTS, b, |r| {
        let on: String = r.get(2)?;
        let e = FoldEvent { kind: r.get(1)?, org_id: r.get(3)?, group_id: r.get(4)?, category: r.get(5)? };
        Ok((r.get::<_, i64>(0)?, on, e))
    })?;
    let mut histories: BTreeMap<i64, History> = BTreeMap::new();
    for (member, on, e) in events {
        if let Some(on) = day(&on) {
            histories.entry(member).or_default().events.push((on, e));
        }
    }
    Ok(histories)
}

/// 登记入册, 转入, 转出 and 转正 dated in the period.
fn count_moves(f: &mut PartyFigures, histories: &BTreeMap<i64, History>, b: &Bounds) {
    for (on, e) in histories.values().flat_map(|h| &h.events) {
        if *on < b.from {
            continue;
        }
        match e.kind {
            MemberEventKind::Registered => f.registered += 1,
            MemberEventKind::TransferIn => f.transferred_in += 1,
            MemberEventKind::TransferOut => f.transferred_out += 1,
            MemberEventKind::Confirmed => f.confirmed += 1,
            _ => {}
        }
    }
}

/// The ledger at the as-of day: members by category, 流动 and 失联, in all and per branch.
fn count_ledger(
    st: &Station,
    b: &Bounds,
    histories: &BTreeMap<i64, History>,
    f: &mut PartyFigures,
    branches: &mut BTreeMap<i64, PartyBranchRow>,
) -> Result<()> {
    let last_seen: HashMap<i64, NaiveDate> =
        rows(st, LAST_SEEN, b, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?
            .into_iter()
            .filter_map(|(id, d)| Some((id, day(&d?)?)))
            .collect();
    for (id, h) in histories {
        let Some(s) = h.standing_on(b.as_of).filter(|s| s.status == MemberStatus::Active) else { continue };
        let branch = branches.entry(s.org_id).or_default();
        f.members += 1;
        branch.members += 1;
        match s.category {
            MemberCategory::Full => {
                f.full += 1;
                branch.full += 1;
            }
            MemberCategory::Probationary => {
                f.probationary += 1;
                branch.probationary += 1;
            }
        }
        match s.mobile {
            Mobility::Out => f.mobile_out += 1,
            Mobility::In => f.mobile_in += 1,
            Mobility::None => {}
        }
        let lost =
            h.entered_on(b.as_of).is_some_and(|entered| lost_contact(last_seen.get(id).copied(), entered, b.as_of));
        if lost {
            f.lost_contact += 1;
            branch.lost_contact += 1;
        }
    }
    Ok(())
}

/// 党费 for each month the period touches, up to the as-of day: the members on the ledger at
/// the month's end (or the as-of day) owe it; paid by the as-of day or not.
fn count_dues(
    st: &Station,
    b: &Bounds,
    histories: &BTreeMap<i64, History>,
    monthly_due: &HashMap<i64, i64>,
    dues: &mut PartyDuesFigures,
    branches: &mut BTreeMap<i64, PartyBranchRow>,
) -> Result<()> {
    let paid: HashMap<(i64, String), i64> =
        rows(st, PAYMENTS, b, |r| Ok(((r.get::<_, i64>(0)?, r.get::<_, String>(1)?), r.get::<_, i64>(2)?)))?
            .into_iter()
            .collect();
    let mut month = super::month_of(b.from);
    while month <= b.as_of {
        let ledger_day = super::month_last_day(month).min(b.as_of);
        let key = month.format("%Y-%m").to_string();
        for (id, h) in histories {
            let Some(s) = h.standing_on(ledger_day).filter(|s| s.status == MemberStatus::Active) else { continue };
            let branch = branches.entry(s.org_id).or_default();
            let due = monthly_due.get(id).copied().unwrap_or(0);
            dues.member_months += 1;
            dues.due_fen += due;
            branch.due_fen += due;
            match paid.get(&(*id, key.clone())) {
                Some(amount) => {
                    dues.paid += 1;
                    dues.paid_fen += amount;
                    branch.paid_fen += amount;
                }
                None => {
                    dues.unpaid += 1;
                    branch.unpaid += 1;
                }
            }
        }
        dues.months.push(key);
        month = crate::party::next_month(month);
    }
    dues.paid_rate = ratio(u64::from(dues.paid), u64::from(dues.member_months));
    Ok(())
}

/// 组织生活 held in the period, and 三会一课 against the quotas per kind.
fn count_meetings(st: &Station, b: &Bounds, standing: &[(i64, OrgLevel)], f: &mut PartyFigures) -> Result<()> {
    let meetings = rows(st, MEETINGS, b, |r| {
        let held: String = r.get(2)?;
        Ok((r.get::<_, i64>(0)?, r.get::<_, MeetingKind>(1)?, held, r.get::<_, u32>(3)?, r.get::<_, u32>(4)?))
    })?
    .into_iter()
    .filter_map(|(org_id, kind, held, due, present)| Some(Meeting { org_id, kind, held_on: day(&held)?, due, present }))
    .collect::<Vec<_>>();
    for m in meetings.iter().filter(|m| m.held_on >= b.from) {
        f.meetings_held += 1;
        f.due_people += m.due;
        f.present += m.present;
    }
    f.attendance_rate = ratio(u64::from(f.present), u64::from(f.due_people));

    let quotas =
        rows(st, QUOTAS, b, |r| Ok((r.get::<_, MeetingKind>(0)?, r.get::<_, QuotaPeriod>(1)?, r.get::<_, u32>(2)?)))?;
    for kind in MeetingKind::ALL.iter().copied() {
        let quota = quotas.iter().find(|(k, _, _)| *k == kind);
        let (from, to, owed_by_each) = match quota {
            Some((_, period, times)) => {
                let (from, to, spans) = quota_window(*period, b.from, b.to);
                (from, to, times * spans)
            }
            None => (b.from, b.to, 0),
        };
        let counted_to = to.min(b.as_of);
        let counted: Vec<&Meeting> =
            meetings.iter().filter(|m| m.kind == kind && m.held_on >= from && m.held_on <= counted_to).collect();
        // the organisations owing it: the quota's level (as on the compliance page)
        let owing: Vec<i64> = match quota {
            Some(_) => {
                standing.iter().filter(|(_, level)| kind.levels().first() == Some(level)).map(|(id, _)| *id).collect()
            }
            None => Vec::new(),
        };
        if owing.is_empty() && counted.is_empty() {
            continue;
        }
        let held_by = |org: i64| counted.iter().filter(|m| m.org_id == org).count() as u32;
        let met = owing.iter().filter(|org| held_by(**org) >= owed_by_each).count();
        let due_people: u32 = counted.iter().map(|m| m.due).sum();
        let present: u32 = counted.iter().map(|m| m.present).sum();
        f.by_meeting_kind.push(MeetingKindRow {
            key: kind,
            label: kind.label().to_string(),
            quota_period: quota.map(|(_, p, _)| *p),
            from: from.to_string(),
            to: to.to_string(),
            counted_to: counted_to.to_string(),
            organisations: owing.len() as u32,
            met: met as u32,
            required: owed_by_each * owing.len() as u32,
            held: counted.len() as u32,
            due_people,
            present,
            attendance_rate: ratio(u64::from(present), u64::from(due_people)),
        });
    }
    Ok(())
}
