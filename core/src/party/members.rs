//! The party-member ledger (党员信息台账). A member's standing — 在册 or not, 正式 / 预备, the
//! branch and 党小组, 流动 — is the fold of their dated events (`fold`); the row stores the
//! fold so the ledger page reads an index, and the ledger as of any past date folds the events
//! up to that day. Events are appended in date order (a move dated before the member's last
//! one is refused), so the stored standing is always the fold of all events.
//!
//! The checks say why a member needs attention: 预备期 due or past (one year after 入党),
//! 入党 before 18 and 转正 before 入党 (refused on entry, flagged on old data), and 失联 — no
//! 组织生活 attended and no dues paid for six months.

use super::orgs::{live_org, OrgLevel, OrgRow};
use super::{add_months, past_day, require_party, text_enum};
use crate::actor::StaffActor;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

text_enum!(MemberCategory { Full = "full" / "正式党员", Probationary = "probationary" / "预备党员" });

text_enum!(
    MemberStatus {
        Active = "active" / "在册",
        TransferredOut = "transferred_out" / "已转出",
        Stopped = "stopped" / "停止党籍",
        Deceased = "deceased" / "去世",
    }
);

text_enum!(Mobility { None = "none" / "非流动", Out = "out" / "流动外出", In = "in" / "流入" });

text_enum!(
    MemberEventKind {
        Registered = "registered" / "登记入册",
        TransferIn = "transfer_in" / "转入",
        TransferOut = "transfer_out" / "转出",
        MobileOut = "mobile_out" / "流动外出",
        MobileIn = "mobile_in" / "流入",
        MobileBack = "mobile_back" / "流动返回",
        Confirmed = "confirmed" / "转正",
        Moved = "moved" / "调整支部",
        Stopped = "stopped" / "停止党籍",
        Deceased = "deceased" / "去世",
    }
);

text_enum!(
    MemberFlag {
        ProbationDue = "probation_due" / "预备期将满",
        ProbationOverdue = "probation_overdue" / "预备期已满未转正",
        JoinedUnder18 = "joined_under18" / "入党时未满18周岁",
        ConfirmedBeforeJoined = "confirmed_before_joined" / "转正日期早于入党日期",
        LostContact = "lost_contact" / "失联",
    }
);

impl MemberEventKind {
    /// 登记入册, 转入 and 流入 put a member on the ledger (the others need them on it).
    pub fn enters_the_ledger(self) -> bool {
        matches!(self, MemberEventKind::Registered | MemberEventKind::TransferIn | MemberEventKind::MobileIn)
    }
}

/// How many days before the end of the 预备期 it is flagged as due for review.
pub const PROBATION_NOTICE_DAYS: i64 = 30;
/// 失联: no 组织生活 and no dues for this many months.
pub const LOST_CONTACT_MONTHS: i32 = 6;

/// A member's standing: what the events decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub status: MemberStatus,
    pub category: MemberCategory,
    pub mobile: Mobility,
    pub org_id: i64,
    pub group_id: Option<i64>,
}

/// One event as the fold sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoldEvent {
    pub kind: MemberEventKind,
    pub org_id: Option<i64>,
    pub group_id: Option<i64>,
    pub category: Option<MemberCategory>,
}

/// The standing after one more event, or why the event cannot happen now (in Chinese).
pub fn step(before: Option<Standing>, e: &FoldEvent) -> std::result::Result<Standing, String> {
    use MemberEventKind as K;
    let entering = e.kind.enters_the_ledger();
    match before {
        None if !entering => return Err("该党员尚未入册".into()),
        Some(s) if entering && s.status == MemberStatus::Active => return Err("该党员已在册".into()),
        Some(s) if entering && s.status != MemberStatus::TransferredOut => {
            return Err(format!("该党员已{}，不能再入册", s.status.label()))
        }
        Some(s) if !entering && s.status != MemberStatus::Active => {
            return Err(format!("该党员已{}，只能办理转入", s.status.label()))
        }
        _ => {}
    }
    if entering {
        let org_id = e.org_id.ok_or("请选择所在党支部")?;
        let category = e.category.ok_or("请选择人员类别")?;
        let mobile = if e.kind == K::MobileIn { Mobility::In } else { Mobility::None };
        return Ok(Standing { status: MemberStatus::Active, category, mobile, org_id, group_id: e.group_id });
    }
    let mut s = before.ok_or("该党员尚未入册")?;
    match e.kind {
        K::TransferOut => s.status = MemberStatus::TransferredOut,
        K::Stopped => s.status = MemberStatus::Stopped,
        K::Deceased => s.status = MemberStatus::Deceased,
        K::MobileOut if s.mobile == Mobility::None => s.mobile = Mobility::Out,
        K::MobileOut => return Err(format!("该党员已是「{}」", s.mobile.label())),
        K::MobileBack if s.mobile == Mobility::Out => s.mobile = Mobility::None,
        K::MobileBack => return Err("该党员不是流动外出党员".into()),
        K::Confirmed if s.category == MemberCategory::Probationary => s.category = MemberCategory::Full,
        K::Confirmed => return Err("该党员已是正式党员".into()),
        K::Moved => {
            let org_id = e.org_id.ok_or("请选择调入的党支部")?;
            if org_id == s.org_id && e.group_id == s.group_id {
                return Err("调入的支部和党小组与现在相同".into());
            }
            s.org_id = org_id;
            s.group_id = e.group_id;
        }
        K::Registered | K::TransferIn | K::MobileIn => unreachable!("handled above"),
    }
    Ok(s)
}

/// The standing after all these events, in order (None: never entered). Invalid events are
/// skipped (the write path refuses them, so stored events are always valid).
pub fn fold<'a>(events: impl IntoIterator<Item = &'a FoldEvent>) -> Option<Standing> {
    let mut s = None;
    for e in events {
        if let Ok(next) = step(s, e) {
            s = Some(next);
        }
    }
    s
}

/// A date from the national system's export: a day, or only a month (1965.03 / 1965年3月).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartyDate {
    pub date: NaiveDate,
    pub month_only: bool,
}

impl PartyDate {
    /// The last day it may mean (a month-only date is compared generously, never refused by guess).
    pub fn latest(self) -> NaiveDate {
        if self.month_only {
            super::month_end(self.date)
        } else {
            self.date
        }
    }
}

/// 1965-03-08, 1965/3/8, 1965.3.8, 1965年3月8日, 19650308, and month-only 1965.03, 1965-03,
/// 1965年3月, 196503.
pub fn parse_party_date(field: &str, label: &str, text: &str, today: NaiveDate) -> Result<PartyDate> {
    let t = validate::half_width(text).trim().to_string();
    let normalized = crate::tabular::normalize_date(&t);
    if let Ok(d) = NaiveDate::parse_from_str(&normalized, "%Y-%m-%d") {
        let d = past_day(field, label, &d.to_string(), today)?;
        return Ok(PartyDate { date: d, month_only: false });
    }
    let unified: String =
        t.trim_end_matches('月').chars().map(|c| if matches!(c, '/' | '.' | '年' | '-') { '-' } else { c }).collect();
    let unified = if unified.len() == 6 && unified.chars().all(|c| c.is_ascii_digit()) {
        format!("{}-{}", &unified[..4], &unified[4..])
    } else {
        unified
    };
    if let Ok(d) = NaiveDate::parse_from_str(&format!("{unified}-01"), "%Y-%m-%d") {
        let d = past_day(field, label, &d.to_string(), today)?;
        return Ok(PartyDate { date: d, month_only: true });
    }
    Err(AppError::validation(field, format!("{label}格式不正确，应为 年-月-日 或 年.月，如 1985-07-01、1985.07")))
}

/// 入党 at 18 or older: compared with the latest day a month-only date may mean.
pub fn joined_under_18(birth: NaiveDate, joined: PartyDate) -> bool {
    joined.latest() < add_months(birth, 18 * 12)
}

/// 转正 before 入党 (month-only dates compared by month).
pub fn confirmed_before_joined(joined: PartyDate, confirmed: PartyDate) -> bool {
    if joined.month_only || confirmed.month_only {
        super::month_str(confirmed.date) < super::month_str(joined.date)
    } else {
        confirmed.date < joined.date
    }
}

/// The end of the 预备期: one year after 入党.
pub fn probation_ends(joined: NaiveDate) -> NaiveDate {
    add_months(joined, 12)
}

/// The flags of one member on `today` (pure; the ledger page and the tests share it).
pub fn member_flags(m: &FlagFacts, today: NaiveDate) -> Vec<MemberFlag> {
    let mut flags = Vec::new();
    let joined = m.joined_on.map(|d| PartyDate { date: d, month_only: m.joined_month_only });
    if m.status == MemberStatus::Active && m.category == MemberCategory::Probationary {
        if let Some(j) = joined {
            let ends = probation_ends(j.date);
            if today >= ends {
                flags.push(MemberFlag::ProbationOverdue);
            } else if (ends - today).num_days() <= PROBATION_NOTICE_DAYS {
                flags.push(MemberFlag::ProbationDue);
            }
        }
    }
    if let (Some(b), Some(j)) = (m.birth_date, joined) {
        if joined_under_18(b, j) {
            flags.push(MemberFlag::JoinedUnder18);
        }
    }
    if let (Some(j), Some(c)) = (joined, m.confirmed_on) {
        if confirmed_before_joined(j, PartyDate { date: c, month_only: false }) {
            flags.push(MemberFlag::ConfirmedBeforeJoined);
        }
    }
    if m.status == MemberStatus::Active && lost_contact(m.last_seen_on, m.registered_on, today) {
        flags.push(MemberFlag::LostContact);
    }
    flags
}

/// 失联: nothing (no attendance, no dues) since six months before today; a member registered
/// less than six months ago counts from the registration.
pub fn lost_contact(last_seen: Option<NaiveDate>, registered: NaiveDate, today: NaiveDate) -> bool {
    let since = last_seen.map_or(registered, |s| s.max(registered));
    since <= lost_contact_cutoff(today)
}

pub fn lost_contact_cutoff(today: NaiveDate) -> NaiveDate {
    add_months(today, -LOST_CONTACT_MONTHS)
}

#[derive(Debug, Clone)]
pub struct FlagFacts {
    pub status: MemberStatus,
    pub category: MemberCategory,
    pub birth_date: Option<NaiveDate>,
    pub joined_on: Option<NaiveDate>,
    pub joined_month_only: bool,
    pub confirmed_on: Option<NaiveDate>,
    pub registered_on: NaiveDate,
    pub last_seen_on: Option<NaiveDate>,
}

// ---------------------------------------------------------------- types at the boundary

#[derive(Debug, Clone, Default, PartialEq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberProfile {
    pub name: String,
    pub gender: Option<crate::residents::Gender>,
    pub ethnicity: String,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub phone: String,
    pub education: String,
    pub post: String,
    pub address: String,
    pub resident_id: Option<i64>,
    /// 双报到: the same person on the volunteers' roster
    pub volunteer_id: Option<i64>,
    /// 在职党员: the partner unit they report in from
    pub unit_id: Option<i64>,
    pub joined_on: Option<String>,
    pub confirmed_on: Option<String>,
    pub in_service: bool,
    pub retired: bool,
    pub hardship: bool,
    pub veteran: bool,
    pub dues_kind: super::dues::DuesKind,
    /// the monthly base in 分
    pub dues_base_fen: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberCreateInput {
    pub profile: MemberProfile,
    /// 登记入册 / 转入 / 流入
    pub how: MemberEventKind,
    pub on_date: String,
    pub category: MemberCategory,
    pub org_id: i64,
    pub group_id: Option<i64>,
    pub letter_no: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberUpdateInput {
    pub id: i64,
    pub profile: MemberProfile,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberEventInput {
    pub member_id: i64,
    pub kind: MemberEventKind,
    pub on_date: String,
    /// 转入 / 调整支部: the branch and 党小组
    pub org_id: Option<i64>,
    pub group_id: Option<i64>,
    /// 转出 / 转入: 介绍信编号
    pub letter_no: String,
    /// 转出: 党费交至 (YYYY-MM)
    pub dues_paid_to: Option<String>,
    /// 转出 / 流动: where to or from
    pub place: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberQuery {
    /// name, phone or ID number fragment
    pub text: String,
    /// a branch or 党小组 (a committee: everything under it)
    pub org_id: Option<i64>,
    pub category: Option<MemberCategory>,
    /// None: 在册 only
    pub status: Option<MemberStatus>,
    pub mobile: Option<Mobility>,
    pub flag: Option<MemberFlag>,
    pub retired: Option<bool>,
    pub hardship: Option<bool>,
    pub veteran: Option<bool>,
    pub in_service: Option<bool>,
    /// the ledger as it stood on this day (YYYY-MM-DD); None: today
    pub as_of: Option<String>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberRow {
    pub id: i64,
    pub name: String,
    pub gender: Option<crate::residents::Gender>,
    pub birth_date: Option<String>,
    /// masked (1405**********1234) in lists
    pub id_number_masked: Option<String>,
    pub phone: String,
    pub education: String,
    pub category: MemberCategory,
    pub status: MemberStatus,
    pub mobile: Mobility,
    pub org_id: i64,
    pub org_name: String,
    pub group_id: Option<i64>,
    pub group_name: Option<String>,
    pub joined_on: Option<String>,
    pub confirmed_on: Option<String>,
    pub in_service: bool,
    pub retired: bool,
    pub hardship: bool,
    pub veteran: bool,
    pub flags: Vec<MemberFlag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberPage {
    pub items: Vec<MemberRow>,
    pub total: u32,
    /// the day the ledger is shown for
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberEventRow {
    pub id: i64,
    pub kind: MemberEventKind,
    pub on_date: String,
    pub org_name: Option<String>,
    pub group_name: Option<String>,
    pub letter_no: String,
    pub dues_paid_to: Option<String>,
    pub place: String,
    pub note: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MemberDetail {
    pub row: MemberRow,
    pub id_number: Option<String>,
    pub ethnicity: String,
    pub post: String,
    pub address: String,
    pub resident_id: Option<i64>,
    pub volunteer_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub registered_on: String,
    pub last_seen_on: Option<String>,
    pub dues_kind: super::dues::DuesKind,
    pub dues_base_fen: i64,
    pub dues_reduced_fen: Option<i64>,
    pub dues_reduction_approval: Option<String>,
    /// the monthly dues under the rules (or the approved reduction)
    pub dues_fen: i64,
    pub events: Vec<MemberEventRow>,
    /// the 党员中心户 organisations that are this member's household
    pub households: Vec<OrgRow>,
}

pub(crate) fn gender_str(g: crate::residents::Gender) -> &'static str {
    match g {
        crate::residents::Gender::Male => "male",
        crate::residents::Gender::Female => "female",
    }
}

fn gender_parse(s: &str) -> Option<crate::residents::Gender> {
    match s {
        "male" => Some(crate::residents::Gender::Male),
        "female" => Some(crate::residents::Gender::Female),
        _ => None,
    }
}

/// 140502195503081234 → 1405**********1234
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

// ---------------------------------------------------------------- reading

const ROW_SELECT: &str = "SELECT p.id, p.name, p.gender, p.birth_date, p.id_number, p.phone, p.education,
        p.category, p.status, p.mobile, p.org_id, o.name, p.group_id, g.name, p.joined_on, p.confirmed_on,
        p.in_service, p.retired, p.hardship, p.veteran, p.joined_month_only, p.registered_on, p.last_seen_on
   FROM party_members p JOIN party_orgs o ON o.id = p.org_id LEFT JOIN party_orgs g ON g.id = p.group_id";

fn date_opt(s: &Option<String>) -> Option<NaiveDate> {
    s.as_deref().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

fn row_from(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<MemberRow> {
    let id_number: Option<String> = r.get(4)?;
    let gender: Option<String> = r.get(2)?;
    let mut row = MemberRow {
        id: r.get(0)?,
        name: r.get(1)?,
        gender: gender.as_deref().and_then(gender_parse),
        birth_date: r.get(3)?,
        id_number_masked: id_number.as_deref().map(mask_id_number),
        phone: r.get(5)?,
        education: r.get(6)?,
        category: r.get(7)?,
        status: r.get(8)?,
        mobile: r.get(9)?,
        org_id: r.get(10)?,
        org_name: r.get(11)?,
        group_id: r.get(12)?,
        group_name: r.get(13)?,
        joined_on: r.get(14)?,
        confirmed_on: r.get(15)?,
        in_service: r.get(16)?,
        retired: r.get(17)?,
        hardship: r.get(18)?,
        veteran: r.get(19)?,
        flags: Vec::new(),
    };
    let registered: String = r.get(21)?;
    let facts = FlagFacts {
        status: row.status,
        category: row.category,
        birth_date: date_opt(&row.birth_date),
        joined_on: date_opt(&row.joined_on),
        joined_month_only: r.get(20)?,
        confirmed_on: date_opt(&row.confirmed_on),
        registered_on: NaiveDate::parse_from_str(&registered, "%Y-%m-%d").unwrap_or(today),
        last_seen_on: date_opt(&r.get(22)?),
    };
    row.flags = member_flags(&facts, today);
    Ok(row)
}

pub(crate) fn load_row(conn: &Connection, id: i64, today: NaiveDate) -> Result<MemberRow> {
    conn.prepare_cached(&format!("{ROW_SELECT} WHERE p.id = ?1"))?
        .query_row([id], |r| row_from(r, today))
        .optional()?
        .ok_or_else(|| AppError::not_found("党员"))
}

pub(crate) fn standing_of(conn: &Connection, id: i64) -> Result<Option<Standing>> {
    Ok(conn
        .prepare_cached("SELECT status, category, mobile, org_id, group_id FROM party_members WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Standing {
                status: r.get(0)?,
                category: r.get(1)?,
                mobile: r.get(2)?,
                org_id: r.get(3)?,
                group_id: r.get(4)?,
            })
        })
        .optional()?)
}

/// Every member's events up to `day` (inclusive), in order, folded.
pub fn standings_as_of(conn: &Connection, day: NaiveDate) -> Result<HashMap<i64, Standing>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, kind, org_id, group_id, category FROM party_member_events
          WHERE on_date <= ?1 ORDER BY member_id, on_date, id",
    )?;
    let mut rows = stmt.query([day.to_string()])?;
    let mut out = HashMap::new();
    let mut current: Option<(i64, Option<Standing>)> = None;
    while let Some(r) = rows.next()? {
        let member: i64 = r.get(0)?;
        let e = FoldEvent { kind: r.get(1)?, org_id: r.get(2)?, group_id: r.get(3)?, category: r.get(4)? };
        match &mut current {
            Some((m, s)) if *m == member => *s = fold_one(*s, &e),
            _ => {
                if let Some((m, Some(s))) = current.take() {
                    out.insert(m, s);
                }
                current = Some((member, fold_one(None, &e)));
            }
        }
    }
    if let Some((m, Some(s))) = current {
        out.insert(m, s);
    }
    Ok(out)
}

fn fold_one(s: Option<Standing>, e: &FoldEvent) -> Option<Standing> {
    step(s, e).ok().or(s)
}

/// The organisations under (and including) `id`.
fn subtree(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE t(id) AS (SELECT ?1 UNION ALL SELECT o.id FROM party_orgs o JOIN t ON o.parent_id = t.id)
         SELECT id FROM t",
    )?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

pub const MAX_PAGE_SIZE: u32 = 200;

/// A WHERE clause being built: each value becomes a numbered parameter.
#[derive(Default)]
struct Filter {
    wh: Vec<String>,
    args: Vec<rusqlite::types::Value>,
}

impl Filter {
    fn arg(&mut self, v: rusqlite::types::Value) -> String {
        self.args.push(v);
        format!("?{}", self.args.len())
    }
}

impl Station {
    /// The ledger page: filters, paging; today from the stored standing (an index), a past
    /// day from the events folded up to it.
    pub fn party_members(&self, actor: &StaffActor, q: &MemberQuery) -> Result<MemberPage> {
        require_party(self.conn(), actor)?;
        let today = self.today();
        let text = validate::optional_text("text", "搜索内容", &q.text, 100)?;
        let page_size = q.page_size.clamp(1, MAX_PAGE_SIZE);
        let page = q.page.max(1);
        let as_of = match q.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => {
                let d = validate::date("asOf", "台账日期", s)?;
                if d > today {
                    return Err(AppError::validation("asOf", "台账日期不能晚于今天"));
                }
                Some(d)
            }
            None => None,
        };
        let mut f = Filter::default();
        if !text.is_empty() {
            let like = f.arg(format!("%{}%", text.replace(['%', '_'], "")).into());
            f.wh.push(format!("(p.name LIKE {like} OR p.phone LIKE {like} OR p.id_number LIKE {like})"));
        }
        let orgs = match q.org_id {
            Some(id) => Some(subtree(self.conn(), id)?),
            None => None,
        };
        if as_of.is_none() {
            let status = f.arg(q.status.unwrap_or(MemberStatus::Active).as_str().to_string().into());
            f.wh.push(format!("p.status = {status}"));
            if let Some(c) = q.category {
                let c = f.arg(c.as_str().to_string().into());
                f.wh.push(format!("p.category = {c}"));
            }
            if let Some(m) = q.mobile {
                let m = f.arg(m.as_str().to_string().into());
                f.wh.push(format!("p.mobile = {m}"));
            }
            if let Some(ids) = &orgs {
                let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
                f.wh.push(format!("(p.org_id IN ({list}) OR p.group_id IN ({list}))"));
            }
            match q.flag {
                Some(MemberFlag::LostContact) => {
                    let cutoff = f.arg(lost_contact_cutoff(today).to_string().into());
                    f.wh.push(format!("MAX(COALESCE(p.last_seen_on, ''), p.registered_on) <= {cutoff}"));
                }
                Some(MemberFlag::ProbationDue | MemberFlag::ProbationOverdue) => {
                    f.wh.push("p.category = 'probationary'".into());
                }
                _ => {}
            }
        }
        for (col, v) in
            [("in_service", q.in_service), ("retired", q.retired), ("hardship", q.hardship), ("veteran", q.veteran)]
        {
            if let Some(v) = v {
                let v = f.arg(i64::from(v).into());
                f.wh.push(format!("p.{col} = {v}"));
            }
        }
        let (wh, args) = (f.wh, f.args);
        let where_sql = if wh.is_empty() { String::new() } else { format!(" WHERE {}", wh.join(" AND ")) };
        let day = as_of.unwrap_or(today);
        // flags other than 失联 and a past day need each row: filter in Rust over the candidates
        let needs_rust = as_of.is_some() || matches!(q.flag, Some(f) if f != MemberFlag::LostContact);
        if !needs_rust {
            let total: u32 = self
                .conn()
                .prepare_cached(&format!("SELECT COUNT(*) FROM party_members p{where_sql}"))?
                .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
            let mut page_args = args.clone();
            page_args.push(i64::from(page_size).into());
            page_args.push(i64::from((page - 1) * page_size).into());
            let n = page_args.len();
            let items = self
                .conn()
                .prepare_cached(&format!(
                    "{ROW_SELECT}{where_sql} ORDER BY p.org_id, p.name, p.id LIMIT ?{} OFFSET ?{n}",
                    n - 1
                ))?
                .query_map(rusqlite::params_from_iter(page_args.iter()), |r| row_from(r, today))?
                .collect::<rusqlite::Result<_>>()?;
            return Ok(MemberPage { items, total, as_of: day.to_string() });
        }
        let mut rows: Vec<MemberRow> = self
            .conn()
            .prepare(&format!("{ROW_SELECT}{where_sql} ORDER BY p.org_id, p.name, p.id"))?
            .query_map(rusqlite::params_from_iter(args.iter()), |r| row_from(r, day))?
            .collect::<rusqlite::Result<_>>()?;
        if as_of.is_some() {
            let standings = standings_as_of(self.conn(), day)?;
            let names: HashMap<i64, String> = self
                .conn()
                .prepare_cached("SELECT id, name FROM party_orgs")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let status = q.status.unwrap_or(MemberStatus::Active);
            rows.retain_mut(|row| {
                let Some(s) = standings.get(&row.id) else { return false };
                row.status = s.status;
                row.category = s.category;
                row.mobile = s.mobile;
                row.org_id = s.org_id;
                row.org_name = names.get(&s.org_id).cloned().unwrap_or_default();
                row.group_id = s.group_id;
                row.group_name = s.group_id.and_then(|g| names.get(&g).cloned());
                s.status == status
                    && q.category.is_none_or(|c| c == s.category)
                    && q.mobile.is_none_or(|m| m == s.mobile)
                    && orgs
                        .as_ref()
                        .is_none_or(|ids| ids.contains(&s.org_id) || s.group_id.is_some_and(|g| ids.contains(&g)))
            });
        }
        if let Some(f) = q.flag {
            rows.retain(|r| r.flags.contains(&f));
        }
        let total = rows.len() as u32;
        let items = rows.into_iter().skip(((page - 1) * page_size) as usize).take(page_size as usize).collect();
        Ok(MemberPage { items, total, as_of: day.to_string() })
    }

    pub fn party_member_get(&self, actor: &StaffActor, id: i64) -> Result<MemberDetail> {
        require_party(self.conn(), actor)?;
        member_detail(self.conn(), id, self.today())
    }

    /// A member enters the ledger (登记入册, 转入 or 流入), with the checks.
    pub fn party_member_create(&mut self, actor: &StaffActor, input: &MemberCreateInput) -> Result<MemberDetail> {
        let id = self.party_write(actor, |tx| create_member(tx, input))?;
        self.party_member_get(actor, id)
    }

    /// Corrects the profile (name, dates, flags, dues base): not the standing, which only events change.
    pub fn party_member_update(&mut self, actor: &StaffActor, input: &MemberUpdateInput) -> Result<MemberDetail> {
        self.party_write(actor, |tx| {
            load_row(tx, input.id, tx.today())?;
            let p = check_profile(tx, &input.profile, Some(input.id))?;
            write_profile(tx, Some(input.id), &p)?;
            tx.audit(
                "party_member",
                Some(input.id),
                "update",
                &format!("修改党员信息：{}", validate::mask_name(&p.name)),
            )
        })?;
        self.party_member_get(actor, input.id)
    }

    /// One membership move: 转入, 转出, 流动外出 / 流入 / 返回, 转正, 调整支部, 停止党籍, 去世.
    pub fn party_member_event(&mut self, actor: &StaffActor, input: &MemberEventInput) -> Result<MemberDetail> {
        self.party_write(actor, |tx| record_event(tx, input))?;
        self.party_member_get(actor, input.member_id)
    }
}

pub(crate) fn member_detail(conn: &Connection, id: i64, today: NaiveDate) -> Result<MemberDetail> {
    let row = load_row(conn, id, today)?;
    type Extra = (Option<String>, String, String, String, Option<i64>, Option<i64>, Option<i64>, Option<String>);
    let (id_number, ethnicity, post, address, resident_id, volunteer_id, unit_id, unit_name): Extra = conn
        .prepare_cached(
            "SELECT p.id_number, p.ethnicity, p.post, p.address, p.resident_id, p.volunteer_id, p.unit_id, u.name
               FROM party_members p LEFT JOIN partner_units u ON u.id = p.unit_id WHERE p.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
        })?;
    let (registered_on, last_seen_on, dues_kind, dues_base_fen, dues_reduced_fen, dues_reduction_approval): (
        String,
        Option<String>,
        super::dues::DuesKind,
        i64,
        Option<i64>,
        Option<String>,
    ) = conn
        .prepare_cached(
            "SELECT registered_on, last_seen_on, dues_kind, dues_base_fen, dues_reduced_fen, dues_reduction_approval
           FROM party_members WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
    let events = conn
        .prepare_cached(
            "SELECT e.id, e.kind, e.on_date, o.name, g.name, e.letter_no, e.dues_paid_to, e.place, e.note, e.recorded_by
               FROM party_member_events e LEFT JOIN party_orgs o ON o.id = e.org_id LEFT JOIN party_orgs g ON g.id = e.group_id
              WHERE e.member_id = ?1 ORDER BY e.on_date, e.id",
        )?
        .query_map([id], |r| {
            Ok(MemberEventRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                on_date: r.get(2)?,
                org_name: r.get(3)?,
                group_name: r.get(4)?,
                letter_no: r.get(5)?,
                dues_paid_to: r.get(6)?,
                place: r.get(7)?,
                note: r.get(8)?,
                recorded_by: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let household_ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM party_orgs WHERE member_id = ?1 AND level = 'household' ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let households = household_ids.into_iter().map(|h| super::orgs::load_org(conn, h)).collect::<Result<_>>()?;
    let dues_fen = dues_reduced_fen.unwrap_or_else(|| super::dues::monthly_dues_fen(dues_kind, dues_base_fen));
    Ok(MemberDetail {
        row,
        id_number,
        ethnicity,
        post,
        address,
        resident_id,
        volunteer_id,
        unit_id,
        unit_name,
        registered_on,
        last_seen_on,
        dues_kind,
        dues_base_fen,
        dues_reduced_fen,
        dues_reduction_approval,
        dues_fen,
        events,
        households,
    })
}

/// A profile that passed every check, ready to store.
pub(crate) struct CheckedProfile {
    pub name: String,
    pub gender: Option<crate::residents::Gender>,
    pub ethnicity: String,
    pub birth_date: Option<NaiveDate>,
    pub id_number: Option<String>,
    pub phone: String,
    pub education: String,
    pub post: String,
    pub address: String,
    pub resident_id: Option<i64>,
    pub volunteer_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub joined: Option<PartyDate>,
    pub confirmed: Option<PartyDate>,
    pub in_service: bool,
    pub retired: bool,
    pub hardship: bool,
    pub veteran: bool,
    pub dues_kind: super::dues::DuesKind,
    pub dues_base_fen: i64,
}

fn exists(conn: &Connection, table: &str, id: i64) -> Result<bool> {
    Ok(conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?)
}

/// The checks of a profile: lengths, dates, the ID number (check digit, one person once),
/// 入党 at 18 or older, 转正 not before 入党, links that exist and are not someone else's.
pub(crate) fn check_profile(tx: &Tx, p: &MemberProfile, own_id: Option<i64>) -> Result<CheckedProfile> {
    let today = tx.today();
    let name = validate::required_text("name", "姓名", &p.name, 30)?;
    let text = |field: &str, label: &str, v: &str, max: usize| validate::optional_text(field, label, v, max);
    let opt_date = |field: &str, label: &str, v: &Option<String>| -> Result<Option<PartyDate>> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(s) => parse_party_date(field, label, s, today).map(Some),
            None => Ok(None),
        }
    };
    let birth = opt_date("birthDate", "出生日期", &p.birth_date)?;
    let mut birth_date = birth.map(|d| d.date);
    let id_number = match p.id_number.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let id = validate::id_number("idNumber", s, today)?;
            let differs = birth.is_some_and(|b| {
                if b.month_only {
                    super::month_str(b.date) != super::month_str(id.birth_date)
                } else {
                    b.date != id.birth_date
                }
            });
            if differs {
                return Err(AppError::validation("birthDate", "出生日期与身份证号中的出生日期不一致"));
            }
            birth_date = Some(id.birth_date);
            let other: Option<String> = tx
                .query_row(
                    "SELECT name FROM party_members WHERE id_number = ?1 AND id IS NOT ?2",
                    params![id.normalized, own_id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(other) = other {
                return Err(AppError::validation("idNumber", format!("身份证号与台账中的党员「{other}」重复")));
            }
            Some(id.normalized)
        }
        None => None,
    };
    let phone = match p.phone.trim() {
        "" => String::new(),
        v => validate::phone("phone", v)?,
    };
    let joined = opt_date("joinedOn", "入党日期", &p.joined_on)?;
    let confirmed = opt_date("confirmedOn", "转正日期", &p.confirmed_on)?;
    if let (Some(b), Some(j)) = (birth_date, joined) {
        if joined_under_18(b, j) {
            return Err(AppError::validation("joinedOn", "入党时未满 18 周岁，请核对入党日期和出生日期"));
        }
    }
    if let Some(c) = confirmed {
        let Some(j) = joined else {
            return Err(AppError::validation("joinedOn", "填写了转正日期，请同时填写入党日期"));
        };
        if confirmed_before_joined(j, c) {
            return Err(AppError::validation("confirmedOn", "转正日期早于入党日期，请核对"));
        }
    }
    for (field, table, id) in [
        ("residentId", "residents", p.resident_id),
        ("volunteerId", "volunteers", p.volunteer_id),
        ("unitId", "partner_units", p.unit_id),
    ] {
        if let Some(id) = id {
            if !exists(tx, table, id)? {
                return Err(AppError::validation(field, "所选关联记录不存在"));
            }
        }
    }
    if let Some(v) = p.volunteer_id {
        let other: Option<String> = tx
            .query_row(
                "SELECT name FROM party_members WHERE volunteer_id = ?1 AND id IS NOT ?2",
                params![v, own_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(other) = other {
            return Err(AppError::validation(
                "volunteerId",
                format!("该志愿者已关联党员「{other}」（同一人只登记一次）"),
            ));
        }
    }
    if !(0..=100_000_000).contains(&p.dues_base_fen) {
        return Err(AppError::validation("duesBaseFen", "党费基数应在 0 到 100 万元之间"));
    }
    Ok(CheckedProfile {
        name,
        gender: p.gender,
        ethnicity: text("ethnicity", "民族", &p.ethnicity, 20)?,
        birth_date,
        id_number,
        phone,
        education: text("education", "学历", &p.education, 20)?,
        post: text("post", "工作岗位", &p.post, 60)?,
        address: text("address", "现居住地", &p.address, 120)?,
        resident_id: p.resident_id,
        volunteer_id: p.volunteer_id,
        unit_id: p.unit_id,
        joined,
        confirmed,
        in_service: p.in_service,
        retired: p.retired,
        hardship: p.hardship,
        veteran: p.veteran,
        dues_kind: p.dues_kind,
        dues_base_fen: p.dues_base_fen,
    })
}

/// Writes the profile columns (a new row needs its standing too: `create_member`).
pub(crate) fn write_profile(tx: &Tx, id: Option<i64>, p: &CheckedProfile) -> Result<()> {
    let Some(id) = id else {
        return Err(AppError::internal("write_profile without a member"));
    };
    tx.execute(
        "UPDATE party_members SET name = ?1, gender = ?2, ethnicity = ?3, birth_date = ?4, id_number = ?5, phone = ?6,
                education = ?7, post = ?8, address = ?9, resident_id = ?10, volunteer_id = ?11, unit_id = ?12,
                joined_on = ?13, joined_month_only = ?14, confirmed_on = ?15, in_service = ?16, retired = ?17,
                hardship = ?18, veteran = ?19, dues_kind = ?20, dues_base_fen = ?21, updated_at = ?22
          WHERE id = ?23",
        params![
            p.name,
            p.gender.map(gender_str),
            p.ethnicity,
            p.birth_date.map(|d| d.to_string()),
            p.id_number,
            p.phone,
            p.education,
            p.post,
            p.address,
            p.resident_id,
            p.volunteer_id,
            p.unit_id,
            p.joined.map(|d| d.date.to_string()),
            p.joined.is_some_and(|d| d.month_only),
            p.confirmed.map(|d| d.date.to_string()),
            p.in_service,
            p.retired,
            p.hardship,
            p.veteran,
            p.dues_kind,
            p.dues_base_fen,
            tx.now_str(),
            id
        ],
    )?;
    Ok(())
}

fn check_placement(tx: &Tx, org_id: i64, group_id: Option<i64>) -> Result<()> {
    live_org(tx, "orgId", org_id, &[OrgLevel::Branch])?;
    if let Some(g) = group_id {
        let group = live_org(tx, "groupId", g, &[OrgLevel::Group])?;
        if group.parent_id != Some(org_id) {
            return Err(AppError::validation("groupId", format!("党小组「{}」不属于所选党支部", group.name)));
        }
    }
    Ok(())
}

pub(crate) fn create_member(tx: &Tx, input: &MemberCreateInput) -> Result<i64> {
    if !matches!(input.how, MemberEventKind::Registered | MemberEventKind::TransferIn | MemberEventKind::MobileIn) {
        return Err(AppError::validation("how", "入册方式应为登记入册、转入或流入"));
    }
    let p = check_profile(tx, &input.profile, None)?;
    let on = past_day("onDate", "入册日期", &input.on_date, tx.today())?;
    check_placement(tx, input.org_id, input.group_id)?;
    if input.category == MemberCategory::Full && p.joined.is_some() && p.confirmed.is_none() {
        // the national system always records the 转正 date of a full member
        return Err(AppError::validation("confirmedOn", "正式党员请填写转正日期"));
    }
    if input.category == MemberCategory::Probationary && p.confirmed.is_some() {
        return Err(AppError::validation("category", "已填写转正日期，人员类别应为正式党员"));
    }
    let letter = validate::optional_text("letterNo", "介绍信编号", &input.letter_no, 40)?;
    tx.execute(
        "INSERT INTO party_members (name, category, status, mobile, org_id, group_id, registered_on, created_at, updated_at)
         VALUES (?1, ?2, 'active', ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            p.name,
            input.category,
            if input.how == MemberEventKind::MobileIn { "in" } else { "none" },
            input.org_id,
            input.group_id,
            on.to_string(),
            tx.now_str()
        ],
    )?;
    let id = tx.last_insert_rowid();
    write_profile(tx, Some(id), &p)?;
    insert_event(
        tx,
        id,
        input.how,
        &on.to_string(),
        Some(input.org_id),
        input.group_id,
        Some(input.category),
        &letter,
        None,
        "",
        "",
    )?;
    tx.audit(
        "party_member",
        Some(id),
        input.how.as_str(),
        &format!("{}：{}", input.how.label(), validate::mask_name(&p.name)),
    )?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    tx: &Tx,
    member: i64,
    kind: MemberEventKind,
    on: &str,
    org_id: Option<i64>,
    group_id: Option<i64>,
    category: Option<MemberCategory>,
    letter_no: &str,
    dues_paid_to: Option<&str>,
    place: &str,
    note: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO party_member_events (member_id, kind, on_date, org_id, group_id, category, letter_no, dues_paid_to,
                                          place, note, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![member, kind, on, org_id, group_id, category, letter_no, dues_paid_to, place, note, tx.now_str(), tx.actor.display_name()],
    )?;
    Ok(())
}

fn store_standing(tx: &Tx, id: i64, s: &Standing) -> Result<()> {
    tx.execute(
        "UPDATE party_members SET status = ?1, category = ?2, mobile = ?3, org_id = ?4, group_id = ?5, updated_at = ?6
          WHERE id = ?7",
        params![s.status, s.category, s.mobile, s.org_id, s.group_id, tx.now_str(), id],
    )?;
    Ok(())
}

pub(crate) fn record_event(tx: &Tx, input: &MemberEventInput) -> Result<()> {
    use MemberEventKind as K;
    let row = load_row(tx, input.member_id, tx.today())?;
    let before = standing_of(tx, input.member_id)?;
    let on = past_day("onDate", "变动日期", &input.on_date, tx.today())?.to_string();
    let last: String =
        tx.query_row("SELECT MAX(on_date) FROM party_member_events WHERE member_id = ?1", [input.member_id], |r| {
            r.get(0)
        })?;
    if on < last {
        return Err(AppError::validation("onDate", format!("变动日期早于该党员最近一次变动（{last}）")));
    }
    let letter = validate::optional_text("letterNo", "介绍信编号", &input.letter_no, 40)?;
    let place = validate::optional_text("place", "去向或来处", &input.place, 60)?;
    let note = validate::optional_text("note", "备注", &input.note, 500)?;
    let dues_paid_to = match input.dues_paid_to.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(m) => Some(super::month_str(super::parse_month("duesPaidTo", m)?)),
        None => None,
    };
    let (org_id, group_id) = match input.kind {
        K::TransferIn | K::MobileIn | K::Moved => {
            let org = input.org_id.ok_or_else(|| AppError::validation("orgId", "请选择党支部"))?;
            check_placement(tx, org, input.group_id)?;
            (Some(org), input.group_id)
        }
        K::Registered => return Err(AppError::validation("kind", "登记入册请使用「新增党员」")),
        _ => (None, None),
    };
    if input.kind == K::TransferOut {
        if letter.is_empty() {
            return Err(AppError::validation("letterNo", "转出请填写介绍信编号"));
        }
        if dues_paid_to.is_none() {
            return Err(AppError::validation("duesPaidTo", "转出请填写党费交至哪个月"));
        }
    }
    let category = match input.kind {
        K::TransferIn | K::MobileIn => Some(row.category),
        _ => None,
    };
    if input.kind == K::Confirmed {
        let joined = row.joined_on.as_deref().and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        if let Some(j) = joined {
            if on < j.to_string() {
                return Err(AppError::validation("onDate", "转正日期早于入党日期"));
            }
        }
    }
    let e = FoldEvent { kind: input.kind, org_id, group_id, category };
    let after = step(before, &e).map_err(|why| AppError::new(ErrorCode::Conflict, format!("{}：{why}", row.name)))?;
    insert_event(
        tx,
        input.member_id,
        input.kind,
        &on,
        org_id,
        group_id,
        category,
        &letter,
        dues_paid_to.as_deref(),
        &place,
        &note,
    )?;
    store_standing(tx, input.member_id, &after)?;
    if input.kind == K::Confirmed {
        tx.execute("UPDATE party_members SET confirmed_on = ?1 WHERE id = ?2", params![on, input.member_id])?;
    }
    if input.kind == K::TransferIn {
        // back on the ledger: 失联 counts from the day they came back
        tx.execute("UPDATE party_members SET registered_on = ?1 WHERE id = ?2", params![on, input.member_id])?;
    }
    tx.audit(
        "party_member",
        Some(input.member_id),
        input.kind.as_str(),
        &format!("{}：{}（{on}）", input.kind.label(), validate::mask_name(&row.name)),
    )
}

/// 合并: every member on the ledger of `from` (a branch or group) moves to `to`, as events.
pub(crate) fn move_all(tx: &Tx, from: &OrgRow, to: &OrgRow, on: &str) -> Result<()> {
    let col = if from.level == OrgLevel::Group { "group_id" } else { "org_id" };
    let members: Vec<(i64, String)> = tx
        .prepare(&format!(
            "SELECT id, MAX(registered_on) FROM party_members WHERE {col} = ?1 AND status = 'active' GROUP BY id"
        ))?
        .query_map([from.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, _) in members {
        let before = standing_of(tx, id)?;
        let Some(b) = before else { continue };
        let (org, group) = if from.level == OrgLevel::Group { (b.org_id, Some(to.id)) } else { (to.id, None) };
        let e = FoldEvent { kind: MemberEventKind::Moved, org_id: Some(org), group_id: group, category: None };
        let Ok(after) = step(before, &e) else { continue };
        let last: String =
            tx.query_row("SELECT MAX(on_date) FROM party_member_events WHERE member_id = ?1", [id], |r| r.get(0))?;
        let day = if last.as_str() > on { last } else { on.to_string() };
        insert_event(
            tx,
            id,
            MemberEventKind::Moved,
            &day,
            Some(org),
            group,
            None,
            "",
            None,
            "",
            &format!("「{}」合并入「{}」", from.name, to.name),
        )?;
        store_standing(tx, id, &after)?;
    }
    Ok(())
}

/// 失联 is counted from the last 组织生活 attended or dues paid: kept on the row.
pub(crate) fn touch_seen(tx: &Tx, member_id: i64, day: &str) -> Result<()> {
    tx.execute(
        "UPDATE party_members SET last_seen_on = ?1 WHERE id = ?2 AND (last_seen_on IS NULL OR last_seen_on < ?1)",
        params![day, member_id],
    )?;
    Ok(())
}

/// After a payment is voided: the last day seen from the records themselves.
pub(crate) fn recompute_seen(tx: &Tx, member_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE party_members SET last_seen_on = (SELECT MAX(d) FROM (
             SELECT MAX(m.held_on) AS d FROM party_meeting_attendance a JOIN party_meetings m ON m.id = a.meeting_id
              WHERE a.member_id = ?1 AND a.present = 1 AND m.state = 'approved'
             UNION ALL SELECT MAX(paid_on) FROM party_dues_payments WHERE member_id = ?1 AND voided_at IS NULL))
          WHERE id = ?1",
        [member_id],
    )?;
    Ok(())
}
