//! 党费: the monthly amount under the rules (in 分), payments (one row per month paid for, so
//! months paid in advance are rows too; a mistake is voided, never deleted), the month sheet
//! of a branch with its arrears, and the closing of a branch's month: the sheet frozen as
//! canonical JSON whose SHA-256 chains to the previous closing's (党费收缴登记表).
//!
//! The rules (中组部《关于中国共产党党费收缴、使用和管理的规定》): 在职 — a share of the whole
//! monthly base by its bracket (≤ 3,000 元 0.5 %, ≤ 5,000 元 1 %, ≤ 10,000 元 1.5 %, above 2 %);
//! 离退休 — ≤ 5,000 元 0.5 %, above 1 %; 学生 / 下岗失业 / 低保 — 0.2 元. A reduction needs its
//! approval recorded.

use super::members::load_row;
use super::orgs::{live_org, load_org, OrgLevel};
use super::{month_end, month_str, next_month, parse_month, require_party, text_enum};
use crate::actor::StaffActor;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use ts_rs::TS;

text_enum!(
    DuesKind {
        InService = "in_service" / "在职",
        Retired = "retired" / "离退休",
        Student = "student" / "学生",
        LaidOff = "laid_off" / "下岗失业",
        Subsistence = "subsistence" / "享受低保",
    }
);

// the macro's enum takes no per-variant #[default]
#[allow(clippy::derivable_impls)]
impl Default for DuesKind {
    fn default() -> Self {
        DuesKind::InService
    }
}

text_enum!(PayMethod { Cash = "cash" / "现金", Transfer = "transfer" / "转账" });

/// The flat amount for students, the laid-off and those on 低保: 0.2 元.
pub const FLAT_DUES_FEN: i64 = 20;

/// The rate in basis points (1/10,000) for a monthly base in 分.
pub fn dues_rate_bp(kind: DuesKind, base_fen: i64) -> Option<i64> {
    match kind {
        // each bracket includes its upper bound: 3,000.00 元 is 0.5 %, 3,000.01 元 is 1 %
        DuesKind::InService => Some(if base_fen <= 300_000 {
            50
        } else if base_fen <= 500_000 {
            100
        } else if base_fen <= 1_000_000 {
            150
        } else {
            200
        }),
        DuesKind::Retired => Some(if base_fen <= 500_000 { 50 } else { 100 }),
        DuesKind::Student | DuesKind::LaidOff | DuesKind::Subsistence => None,
    }
}

/// The monthly dues in 分, rounded half up to the 分.
pub fn monthly_dues_fen(kind: DuesKind, base_fen: i64) -> i64 {
    match dues_rate_bp(kind, base_fen) {
        Some(bp) => (base_fen.max(0) * bp + 5_000) / 10_000,
        None => FLAT_DUES_FEN,
    }
}

/// 2500 → "25.00"
pub fn yuan(fen: i64) -> String {
    format!("{}{}.{:02}", if fen < 0 { "-" } else { "" }, fen.abs() / 100, fen.abs() % 100)
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesReductionInput {
    pub member_id: i64,
    /// the reduced monthly amount in 分; None withdraws the reduction
    pub amount_fen: Option<i64>,
    /// who approved it, and when (e.g. "支委会 2026-11-03 决定")
    pub approval: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesPayInput {
    pub member_id: i64,
    /// the first month paid for (YYYY-MM)
    pub from_month: String,
    /// how many months (1–12): more than one pays in advance
    pub months: u32,
    pub method: PayMethod,
    pub collector: String,
    pub receipt_no: String,
    pub paid_on: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesVoidInput {
    pub payment_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesSheetInput {
    pub month: String,
    /// a branch; None: every branch's totals
    pub org_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesCloseInput {
    pub org_id: i64,
    pub month: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesReopenInput {
    pub org_id: i64,
    pub month: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesLine {
    pub member_id: i64,
    pub name: String,
    pub category: super::MemberCategory,
    pub dues_kind: DuesKind,
    pub base_fen: i64,
    pub due_fen: i64,
    pub reduced: bool,
    pub payment_id: Option<i64>,
    pub paid_fen: Option<i64>,
    pub method: Option<PayMethod>,
    pub collector: Option<String>,
    pub receipt_no: Option<String>,
    pub paid_on: Option<String>,
    /// the last month paid beyond this one (paid in advance)
    pub paid_ahead_to: Option<String>,
    /// months unpaid among this and the eleven before (since the member came on the ledger)
    pub arrears_months: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesSheet {
    pub month: String,
    pub org_id: i64,
    pub org_name: String,
    pub lines: Vec<DuesLine>,
    pub members: u32,
    pub due_fen: i64,
    pub paid_fen: i64,
    /// members who have not paid this month
    pub unpaid: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesClosingInfo {
    pub hash: String,
    pub short_hash: String,
    pub prev_hash: String,
    pub closed_at: String,
    pub closed_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesSheetView {
    pub sheet: DuesSheet,
    /// set when the month is closed: the sheet is the frozen snapshot
    pub closing: Option<DuesClosingInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesBranchTotal {
    pub org_id: i64,
    pub org_name: String,
    pub members: u32,
    pub due_fen: i64,
    pub paid_fen: i64,
    pub unpaid: u32,
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesOverview {
    pub month: String,
    pub branches: Vec<DuesBranchTotal>,
    pub members: u32,
    pub due_fen: i64,
    pub paid_fen: i64,
    pub unpaid: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuesClosingRecord {
    pub id: i64,
    pub org_name: String,
    pub month: String,
    pub short_hash: String,
    pub closed_at: String,
    pub closed_by: String,
    pub reopened_at: Option<String>,
    pub reopen_reason: Option<String>,
    /// the stored snapshot still matches its hash, and the hash its predecessor's
    pub intact: bool,
}

/// SHA-256 of the previous closing's hash and this snapshot: a changed or removed closing
/// breaks every later one.
pub fn chain_hash(prev_hash: &str, snapshot: &str) -> String {
    let mut h = Sha256::new();
    h.update(prev_hash.as_bytes());
    h.update(snapshot.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// One member's monthly dues: the approved reduction, else the rules' amount.
pub(crate) fn member_due(kind: DuesKind, base: i64, reduced: Option<i64>) -> i64 {
    reduced.unwrap_or_else(|| monthly_dues_fen(kind, base))
}

fn standing_closed(conn: &Connection, org_id: i64, month: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM party_dues_closings WHERE org_id = ?1 AND month = ?2 AND reopened_at IS NULL)",
        params![org_id, month],
        |r| r.get(0),
    )?)
}

/// The branch's live sheet for a month (members on the ledger now, registered by the month's end).
pub(crate) fn live_sheet(conn: &Connection, org_id: i64, first: NaiveDate) -> Result<DuesSheet> {
    let org = load_org(conn, org_id)?;
    let month = month_str(first);
    let end = month_end(first).to_string();
    let window_start = month_str(super::add_months(first, -11));
    let mut lines: Vec<DuesLine> = conn
        .prepare_cached(
            "SELECT p.id, p.name, p.category, p.dues_kind, p.dues_base_fen, p.dues_reduced_fen,
                    d.id, d.amount_fen, d.method, d.collector, d.receipt_no, d.paid_on, p.registered_on
               FROM party_members p
               LEFT JOIN party_dues_payments d ON d.member_id = p.id AND d.month = ?2 AND d.voided_at IS NULL
              WHERE p.org_id = ?1 AND p.status = 'active' AND p.registered_on <= ?3
              ORDER BY p.name, p.id",
        )?
        .query_map(params![org_id, month, end], |r| {
            let kind: DuesKind = r.get(3)?;
            let base: i64 = r.get(4)?;
            let reduced: Option<i64> = r.get(5)?;
            let registered: String = r.get(12)?;
            Ok(DuesLine {
                member_id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                dues_kind: kind,
                base_fen: base,
                due_fen: member_due(kind, base, reduced),
                reduced: reduced.is_some(),
                payment_id: r.get(6)?,
                paid_fen: r.get(7)?,
                method: r.get(8)?,
                collector: r.get(9)?,
                receipt_no: r.get(10)?,
                paid_on: r.get(11)?,
                paid_ahead_to: None,
                // first month counted: the later of the window's start and the registration month
                arrears_months: registered.get(..7).map_or(0, |m| if m > window_start.as_str() { 1 } else { 0 }),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // payments of the branch's members from the window's start on, for arrears and months ahead
    let mut paid: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT d.member_id, d.month FROM party_dues_payments d JOIN party_members p ON p.id = d.member_id
          WHERE p.org_id = ?1 AND p.status = 'active' AND d.voided_at IS NULL AND d.month >= ?2",
    )?;
    let mut rows = stmt.query(params![org_id, window_start])?;
    while let Some(r) = rows.next()? {
        paid.entry(r.get(0)?).or_default().push(r.get(1)?);
    }
    let registered: HashMap<i64, String> = conn
        .prepare_cached(
            "SELECT id, substr(registered_on, 1, 7) FROM party_members WHERE org_id = ?1 AND status = 'active'",
        )?
        .query_map([org_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for line in &mut lines {
        let months = paid.get(&line.member_id).map(Vec::as_slice).unwrap_or(&[]);
        let from =
            registered.get(&line.member_id).map_or(window_start.clone(), |r| r.clone().max(window_start.clone()));
        let mut m = parse_month("month", &from).unwrap_or(first);
        let mut unpaid = 0;
        while m <= first {
            if !months.contains(&month_str(m)) {
                unpaid += 1;
            }
            m = next_month(m);
        }
        line.arrears_months = unpaid;
        line.paid_ahead_to = months.iter().filter(|x| x.as_str() > month.as_str()).max().cloned();
    }
    let due_fen = lines.iter().map(|l| l.due_fen).sum();
    let paid_fen = lines.iter().filter_map(|l| l.paid_fen).sum();
    let unpaid = lines.iter().filter(|l| l.payment_id.is_none()).count() as u32;
    Ok(DuesSheet { month, org_id, org_name: org.name, members: lines.len() as u32, lines, due_fen, paid_fen, unpaid })
}

type StandingClosing = (String, String, String, String, String);

fn standing_closing(conn: &Connection, org_id: i64, month: &str) -> Result<Option<StandingClosing>> {
    Ok(conn
        .prepare_cached(
            "SELECT snapshot, hash, prev_hash, closed_at, closed_by FROM party_dues_closings
              WHERE org_id = ?1 AND month = ?2 AND reopened_at IS NULL",
        )?
        .query_row(params![org_id, month], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .optional()?)
}

fn check_month_open(tx: &Tx, org_id: i64, month: &str) -> Result<()> {
    if standing_closed(tx, org_id, month)? {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("{month} 党费已关账，不能再修改；如需更正请管理员重新开放"),
        ));
    }
    Ok(())
}

impl Station {
    /// Sets or withdraws an approved reduction of one member's dues.
    pub fn party_dues_reduce(&mut self, actor: &StaffActor, input: &DuesReductionInput) -> Result<super::MemberDetail> {
        self.party_write(actor, |tx| {
            let row = load_row(tx, input.member_id, tx.today())?;
            let approval = validate::optional_text("approval", "审批记录", &input.approval, 200)?;
            match input.amount_fen {
                Some(a) => {
                    if !(0..=100_000_000).contains(&a) {
                        return Err(AppError::validation("amountFen", "减免后金额应在 0 到 100 万元之间"));
                    }
                    if approval.is_empty() {
                        return Err(AppError::validation("approval", "减免党费需填写审批记录（谁、何时批准）"));
                    }
                    tx.execute(
                        "UPDATE party_members SET dues_reduced_fen = ?1, dues_reduction_approval = ?2, updated_at = ?3 WHERE id = ?4",
                        params![a, approval, tx.now_str(), input.member_id],
                    )?;
                    tx.audit("party_dues", Some(input.member_id), "reduce", &format!("{} 党费减免为每月 {} 元：{approval}", validate::mask_name(&row.name), yuan(a)))
                }
                None => {
                    tx.execute(
                        "UPDATE party_members SET dues_reduced_fen = NULL, dues_reduction_approval = NULL, updated_at = ?1 WHERE id = ?2",
                        params![tx.now_str(), input.member_id],
                    )?;
                    tx.audit("party_dues", Some(input.member_id), "reduce_end", &format!("{} 取消党费减免", validate::mask_name(&row.name)))
                }
            }
        })?;
        self.party_member_get(actor, input.member_id)
    }

    /// Records a payment for one or more months (in advance), one row per month.
    pub fn party_dues_pay(&mut self, actor: &StaffActor, input: &DuesPayInput) -> Result<DuesSheetView> {
        let first = parse_month("fromMonth", &input.from_month)?;
        let org = self.party_write(actor, |tx| {
            let row = load_row(tx, input.member_id, tx.today())?;
            if row.status != super::MemberStatus::Active {
                return Err(AppError::validation("memberId", format!("{}已{}，不再收缴党费", row.name, row.status.label())));
            }
            if !(1..=12).contains(&input.months) {
                return Err(AppError::validation("months", "一次可缴 1 到 12 个月"));
            }
            let paid_on = super::past_day("paidOn", "缴纳日期", &input.paid_on, tx.today())?;
            let collector = validate::required_text("collector", "收缴人", &input.collector, 30)?;
            let receipt = validate::optional_text("receiptNo", "收据编号", &input.receipt_no, 40)?;
            let (kind, base, reduced, registered): (DuesKind, i64, Option<i64>, String) = tx.query_row(
                "SELECT dues_kind, dues_base_fen, dues_reduced_fen, registered_on FROM party_members WHERE id = ?1",
                [input.member_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )?;
            let due = member_due(kind, base, reduced);
            let latest = super::add_months(tx.today(), 12);
            let mut m = first;
            for _ in 0..input.months {
                let month = month_str(m);
                if m > latest {
                    return Err(AppError::validation("months", "最多预缴到一年之后"));
                }
                if month.as_str() < &registered[..7] {
                    return Err(AppError::validation("fromMonth", format!("{month} 早于该党员入册的月份")));
                }
                check_month_open(tx, row.org_id, &month)?;
                let already: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM party_dues_payments WHERE member_id = ?1 AND month = ?2 AND voided_at IS NULL)",
                    params![input.member_id, month],
                    |r| r.get(0),
                )?;
                if already {
                    return Err(AppError::validation("fromMonth", format!("{} {month} 的党费已缴", row.name)));
                }
                tx.execute(
                    "INSERT INTO party_dues_payments (member_id, month, amount_fen, method, collector, receipt_no, paid_on, recorded_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![input.member_id, month, due, input.method, collector, receipt, paid_on.to_string(), tx.now_str()],
                )?;
                m = next_month(m);
            }
            super::members::touch_seen(tx, input.member_id, &paid_on.to_string())?;
            tx.audit(
                "party_dues",
                Some(input.member_id),
                "pay",
                &format!("{} 缴纳党费 {} 个月（自 {}），每月 {} 元", validate::mask_name(&row.name), input.months, month_str(first), yuan(due)),
            )?;
            Ok(row.org_id)
        })?;
        self.party_dues_sheet(actor, &DuesSheetInput { month: month_str(first), org_id: Some(org) }).and_then(|v| {
            match v {
                DuesSheetResult::Branch(s) => Ok(s),
                DuesSheetResult::All(_) => Err(AppError::internal("branch sheet expected")),
            }
        })
    }

    /// Voids a mistaken payment (kept, marked void, audited).
    pub fn party_dues_void(&mut self, actor: &StaffActor, input: &DuesVoidInput) -> Result<()> {
        self.party_write(actor, |tx| {
            let reason = validate::required_text("reason", "作废原因", &input.reason, 200)?;
            let found: Option<(i64, String, Option<String>, i64)> = tx
                .query_row(
                    "SELECT d.member_id, d.month, d.voided_at, p.org_id FROM party_dues_payments d
                       JOIN party_members p ON p.id = d.member_id WHERE d.id = ?1",
                    [input.payment_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let (member, month, voided, org) = found.ok_or_else(|| AppError::not_found("缴费记录"))?;
            if voided.is_some() {
                return Err(AppError::new(ErrorCode::Conflict, "该缴费记录已作废"));
            }
            check_month_open(tx, org, &month)?;
            tx.execute(
                "UPDATE party_dues_payments SET voided_at = ?1, void_reason = ?2 WHERE id = ?3",
                params![tx.now_str(), reason, input.payment_id],
            )?;
            super::members::recompute_seen(tx, member)?;
            tx.audit("party_dues", Some(member), "void", &format!("作废 {month} 缴费记录：{reason}"))
        })
    }

    /// A branch's month sheet (frozen when closed), or every branch's totals for the month.
    pub fn party_dues_sheet(&self, actor: &StaffActor, input: &DuesSheetInput) -> Result<DuesSheetResult> {
        require_party(self.conn(), actor)?;
        let first = parse_month("month", &input.month)?;
        let month = month_str(first);
        match input.org_id {
            Some(org) => {
                let o = load_org(self.conn(), org)?;
                if o.level != OrgLevel::Branch {
                    return Err(AppError::validation("orgId", "党费按党支部收缴，请选择党支部"));
                }
                if let Some((snapshot, hash, prev, closed_at, closed_by)) = standing_closing(self.conn(), org, &month)?
                {
                    if chain_hash(&prev, &snapshot) != hash {
                        return Err(AppError::new(ErrorCode::Internal, "党费关账快照与其校验码不符，数据可能被改动过"));
                    }
                    let sheet: DuesSheet = serde_json::from_str(&snapshot).map_err(AppError::internal)?;
                    let short_hash = hash.chars().take(12).collect();
                    return Ok(DuesSheetResult::Branch(DuesSheetView {
                        sheet,
                        closing: Some(DuesClosingInfo { hash, short_hash, prev_hash: prev, closed_at, closed_by }),
                    }));
                }
                Ok(DuesSheetResult::Branch(DuesSheetView {
                    sheet: live_sheet(self.conn(), org, first)?,
                    closing: None,
                }))
            }
            None => self.dues_overview(first).map(DuesSheetResult::All),
        }
    }

    fn dues_overview(&self, first: NaiveDate) -> Result<DuesOverview> {
        let month = month_str(first);
        let end = month_end(first).to_string();
        let mut branches: Vec<DuesBranchTotal> = self
            .conn()
            .prepare_cached(
                "SELECT o.id, o.name, EXISTS (SELECT 1 FROM party_dues_closings c WHERE c.org_id = o.id AND c.month = ?1
                        AND c.reopened_at IS NULL)
                   FROM party_orgs o WHERE o.level = 'branch' AND o.dissolved_on IS NULL ORDER BY o.name",
            )?
            .query_map([&month], |r| {
                Ok(DuesBranchTotal {
                    org_id: r.get(0)?,
                    org_name: r.get(1)?,
                    members: 0,
                    due_fen: 0,
                    paid_fen: 0,
                    unpaid: 0,
                    closed: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<i64, usize> = branches.iter().enumerate().map(|(i, b)| (b.org_id, i)).collect();
        let mut stmt = self.conn().prepare_cached(
            "SELECT p.org_id, p.dues_kind, p.dues_base_fen, p.dues_reduced_fen, d.amount_fen
               FROM party_members p
               LEFT JOIN party_dues_payments d ON d.member_id = p.id AND d.month = ?1 AND d.voided_at IS NULL
              WHERE p.status = 'active' AND p.registered_on <= ?2",
        )?;
        let mut rows = stmt.query(params![month, end])?;
        while let Some(r) = rows.next()? {
            let org: i64 = r.get(0)?;
            let Some(&i) = index.get(&org) else { continue };
            let b = &mut branches[i];
            b.members += 1;
            b.due_fen += member_due(r.get(1)?, r.get(2)?, r.get(3)?);
            match r.get::<_, Option<i64>>(4)? {
                Some(p) => b.paid_fen += p,
                None => b.unpaid += 1,
            }
        }
        Ok(DuesOverview {
            month,
            members: branches.iter().map(|b| b.members).sum(),
            due_fen: branches.iter().map(|b| b.due_fen).sum(),
            paid_fen: branches.iter().map(|b| b.paid_fen).sum(),
            unpaid: branches.iter().map(|b| b.unpaid).sum(),
            branches,
        })
    }

    /// Closes a branch's month that has ended: the sheet frozen, its hash chained.
    pub fn party_dues_close(&mut self, actor: &StaffActor, input: &DuesCloseInput) -> Result<DuesSheetView> {
        let first = parse_month("month", &input.month)?;
        let month = month_str(first);
        if month_end(first) >= self.today() {
            return Err(AppError::validation("month", format!("{month} 尚未结束，月底之后才能关账")));
        }
        self.party_write(actor, |tx| {
            live_org(tx, "orgId", input.org_id, &[OrgLevel::Branch])?;
            check_month_open(tx, input.org_id, &month)?;
            let sheet = live_sheet(tx, input.org_id, first)?;
            let snapshot = serde_json::to_string(&sheet).map_err(AppError::internal)?;
            let prev: String = tx
                .query_row("SELECT hash FROM party_dues_closings ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
                .optional()?
                .unwrap_or_default();
            let hash = chain_hash(&prev, &snapshot);
            tx.execute(
                "INSERT INTO party_dues_closings (org_id, month, snapshot, prev_hash, hash, closed_by, closed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![input.org_id, month, snapshot, prev, hash, actor.display_name, tx.now_str()],
            )?;
            tx.audit(
                "party_dues",
                Some(tx.last_insert_rowid()),
                "close",
                &format!(
                    "「{}」{month} 党费关账，应缴 {} 元，实缴 {} 元，校验码 {}",
                    sheet.org_name,
                    yuan(sheet.due_fen),
                    yuan(sheet.paid_fen),
                    &hash[..12]
                ),
            )
        })?;
        match self.party_dues_sheet(actor, &DuesSheetInput { month, org_id: Some(input.org_id) })? {
            DuesSheetResult::Branch(v) => Ok(v),
            DuesSheetResult::All(_) => Err(AppError::internal("branch sheet expected")),
        }
    }

    /// Reopens a closed month (admin, with a reason); the snapshot stays, marked reopened.
    pub fn party_dues_reopen(&mut self, actor: &StaffActor, input: &DuesReopenInput) -> Result<()> {
        actor.require_admin()?;
        let month = month_str(parse_month("month", &input.month)?);
        let reason = validate::required_text("reason", "重新开放的原因", &input.reason, 500)?;
        self.party_write(actor, |tx| {
            let id: Option<i64> = tx
                .query_row(
                    "SELECT id FROM party_dues_closings WHERE org_id = ?1 AND month = ?2 AND reopened_at IS NULL",
                    params![input.org_id, month],
                    |r| r.get(0),
                )
                .optional()?;
            let id = id.ok_or_else(|| AppError::validation("month", format!("{month} 尚未关账，无需重新开放")))?;
            tx.execute(
                "UPDATE party_dues_closings SET reopened_at = ?1, reopened_by = ?2, reopen_reason = ?3 WHERE id = ?4",
                params![tx.now_str(), actor.display_name, reason, id],
            )?;
            tx.audit("party_dues", Some(id), "reopen", &format!("{month} 党费重新开放：{reason}"))
        })
    }

    /// Every closing, newest first, each checked against its hash and its predecessor.
    pub fn party_dues_closings(&self, actor: &StaffActor) -> Result<Vec<DuesClosingRecord>> {
        require_party(self.conn(), actor)?;
        let mut stmt = self.conn().prepare(
            "SELECT c.id, o.name, c.month, c.snapshot, c.prev_hash, c.hash, c.closed_at, c.closed_by, c.reopened_at,
                    c.reopen_reason FROM party_dues_closings c JOIN party_orgs o ON o.id = c.org_id ORDER BY c.id",
        )?;
        let mut prev = String::new();
        let mut out = Vec::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let snapshot: String = r.get(3)?;
            let prev_hash: String = r.get(4)?;
            let hash: String = r.get(5)?;
            let intact = prev_hash == prev && chain_hash(&prev_hash, &snapshot) == hash;
            out.push(DuesClosingRecord {
                id: r.get(0)?,
                org_name: r.get(1)?,
                month: r.get(2)?,
                short_hash: hash.chars().take(12).collect(),
                closed_at: r.get(6)?,
                closed_by: r.get(7)?,
                reopened_at: r.get(8)?,
                reopen_reason: r.get(9)?,
                intact,
            });
            prev = hash;
        }
        out.reverse();
        Ok(out)
    }
}

/// A branch's sheet, or every branch's totals (the city month).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum DuesSheetResult {
    Branch(DuesSheetView),
    All(DuesOverview),
}
