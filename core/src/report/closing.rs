//! Closing a month (关账): the report is frozen as canonical JSON with its SHA-256, printed
//! copies carry the hash's short form, and the month's report is that snapshot from then on.
//! Staff close; only an admin reopens, with a reason; both are audited. A closing is never
//! deleted or edited (the database refuses it): a reopen marks it reopened, and closing again
//! stores a new snapshot.
//!
//! Closings form a chain (migration 0010): each one's chain hash covers the previous
//! closing's chain hash and its own month, time, closer and snapshot hash, so rewriting an
//! old closing breaks every later link; `report_verify_chain` walks it for the desk.

use super::{MonthlyReport, ReportInput};
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::{AppError, ErrorCode, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

/// How many hex digits of the hash a printed copy shows.
pub const SHORT_HASH_LEN: usize = 12;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseInput {
    /// YYYY-MM
    pub month: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReopenInput {
    pub month: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosingInfo {
    /// SHA-256 (hex) of the stored snapshot text.
    pub hash: String,
    /// The first 12 hex digits, as printed.
    pub short_hash: String,
    pub closed_at: String,
    pub closed_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClosingRecord {
    pub id: i64,
    pub month: String,
    pub hash: String,
    pub short_hash: String,
    pub closed_at: String,
    pub closed_by: String,
    pub reopened_at: Option<String>,
    pub reopened_by: Option<String>,
    pub reopen_reason: Option<String>,
    /// This closing's link in the chain (null: closed before the chain existed and not yet
    /// sealed by a later closing).
    pub chain_hash: Option<String>,
}

/// The chain checked, link by link.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainCheck {
    /// Every closing's snapshot matches its hash and every link matches: 关账链完整.
    pub intact: bool,
    /// Closings checked.
    pub checked: u32,
    /// Closings made before the chain existed, not sealed yet (their snapshots are checked).
    pub unsealed: u32,
    /// The links that do not hold, oldest first (one broken closing breaks every later one).
    pub broken: Vec<ChainBreak>,
    /// The newest link's chain hash (what a printed copy of the chain would carry).
    pub head: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChainBreak {
    pub id: i64,
    pub month: String,
    pub closed_at: String,
    /// Why, in Chinese.
    pub reason: String,
}

/// The chain hash before the first closing.
pub const CHAIN_START: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A closing's link: SHA-256 of the previous link, its month, time, closer and snapshot hash.
pub fn chain_link(prev: &str, month: &str, closed_at: &str, closed_by: &str, hash: &str) -> String {
    sha256_hex(&format!("{prev}\n{month}\n{closed_at}\n{closed_by}\n{hash}"))
}

/// Seals closings made before the chain existed (chain_hash null), in id order, onto the
/// chain's head: the one change the database allows them. Returns the head.
fn seal_and_head(tx: &rusqlite::Connection) -> Result<String> {
    let rows: Vec<(i64, String, String, String, String, Option<String>)> = tx
        .prepare("SELECT id, month, closed_at, closed_by_name, hash, chain_hash FROM report_closings ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut head = CHAIN_START.to_string();
    for (id, month, closed_at, closed_by, hash, chain) in rows {
        match chain {
            Some(c) => head = c,
            None => {
                let link = chain_link(&head, &month, &closed_at, &closed_by, &hash);
                tx.execute(
                    "UPDATE report_closings SET prev_chain_hash = ?1, chain_hash = ?2 WHERE id = ?3",
                    params![head, link, id],
                )?;
                head = link;
            }
        }
    }
    Ok(head)
}

/// A standing (not reopened) closing as stored.
pub(crate) struct Standing {
    snapshot: String,
    hash: String,
    closed_at: String,
    closed_by: String,
}

impl Standing {
    /// The frozen report; refuses a snapshot whose text no longer matches its hash.
    pub(crate) fn report(&self) -> Result<MonthlyReport> {
        if sha256_hex(&self.snapshot) != self.hash {
            return Err(AppError::new(ErrorCode::Internal, "关账快照与其校验码不符，数据可能被改动过"));
        }
        serde_json::from_str(&self.snapshot).map_err(AppError::internal)
    }

    pub(crate) fn info(&self) -> ClosingInfo {
        ClosingInfo {
            hash: self.hash.clone(),
            short_hash: short(&self.hash),
            closed_at: self.closed_at.clone(),
            closed_by: self.closed_by.clone(),
        }
    }
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn short(hash: &str) -> String {
    hash.chars().take(SHORT_HASH_LEN).collect()
}

/// The canonical text of a report: serde's field order (fixed by the struct), no spaces.
pub fn canonical_json(report: &MonthlyReport) -> Result<String> {
    serde_json::to_string(report).map_err(AppError::internal)
}

impl Station {
    pub(crate) fn standing_closing(&self, month: &str) -> Result<Option<Standing>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT snapshot, hash, closed_at, closed_by_name FROM report_closings
                  WHERE month = ?1 AND reopened_at IS NULL",
            )?
            .query_row([month], |r| {
                Ok(Standing { snapshot: r.get(0)?, hash: r.get(1)?, closed_at: r.get(2)?, closed_by: r.get(3)? })
            })
            .optional()?)
    }

    /// Freezes a month that has ended. Returns the report as filed.
    pub fn report_close(&mut self, actor: &StaffActor, input: &CloseInput) -> Result<MonthlyReport> {
        let bounds = self.report_bounds(&ReportInput::month(&input.month))?;
        let month = bounds.month.clone().unwrap_or_default();
        if bounds.to >= self.today() {
            return Err(AppError::validation("month", format!("{month} 尚未结束，月底之后才能关账")));
        }
        let snapshot = self.report_live(actor, &bounds)?;
        let text = canonical_json(&snapshot)?;
        let hash = sha256_hex(&text);
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let closed: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM report_closings WHERE month = ?1 AND reopened_at IS NULL)",
                [&month],
                |r| r.get(0),
            )?;
            if closed {
                return Err(AppError::new(ErrorCode::Conflict, format!("{month} 已关账")));
            }
            let prev = seal_and_head(tx)?;
            let closed_at = tx.now_str();
            let link = chain_link(&prev, &month, &closed_at, &actor.display_name, &hash);
            tx.execute(
                "INSERT INTO report_closings (month, snapshot, hash, closed_by, closed_by_name, closed_at,
                                              prev_chain_hash, chain_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![month, text, hash, actor.id, actor.display_name, closed_at, prev, link],
            )?;
            tx.audit(
                "report",
                Some(tx.last_insert_rowid()),
                "close",
                &format!("{month} 月度汇总关账，校验码 {}", short(&hash)),
            )
        })?;
        self.report(actor, &ReportInput::month(&month))
    }

    /// Reopens a closed month (admin, with a reason). The snapshot stays, marked reopened.
    pub fn report_reopen(&mut self, actor: &StaffActor, input: &ReopenInput) -> Result<MonthlyReport> {
        actor.require_admin()?;
        let first = super::parse_month("month", &input.month)?;
        let month = first.format("%Y-%m").to_string();
        let reason = input.reason.trim();
        if reason.is_empty() {
            return Err(AppError::validation("reason", "请填写重新开放的原因"));
        }
        if reason.chars().count() > 500 {
            return Err(AppError::validation("reason", "原因不能超过 500 字"));
        }
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let id: Option<i64> = tx
                .query_row("SELECT id FROM report_closings WHERE month = ?1 AND reopened_at IS NULL", [&month], |r| {
                    r.get(0)
                })
                .optional()?;
            let id = id.ok_or_else(|| AppError::validation("month", format!("{month} 尚未关账，无需重新开放")))?;
            tx.execute(
                "UPDATE report_closings SET reopened_by = ?1, reopened_by_name = ?2, reopened_at = ?3, reopen_reason = ?4
                  WHERE id = ?5",
                params![actor.id, actor.display_name, tx.now_str(), reason, id],
            )?;
            tx.audit("report", Some(id), "reopen", &format!("{month} 月度汇总重新开放：{reason}"))
        })?;
        self.report(actor, &ReportInput::month(&month))
    }

    /// Every closing, newest first (reopened ones included).
    pub fn report_closings(&self, _actor: &StaffActor) -> Result<Vec<ClosingRecord>> {
        self.conn()
            .prepare(
                "SELECT id, month, hash, closed_at, closed_by_name, reopened_at, reopened_by_name, reopen_reason,
                        chain_hash
                   FROM report_closings ORDER BY month DESC, id DESC",
            )?
            .query_map([], |r| {
                let hash: String = r.get(2)?;
                Ok(ClosingRecord {
                    id: r.get(0)?,
                    month: r.get(1)?,
                    short_hash: short(&hash),
                    hash,
                    closed_at: r.get(3)?,
                    closed_by: r.get(4)?,
                    reopened_at: r.get(5)?,
                    reopened_by: r.get(6)?,
                    reopen_reason: r.get(7)?,
                    chain_hash: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    /// Walks the chain of closings, oldest first: each snapshot against its hash, each link
    /// against the one before. Reading only; a break is listed with its reason, never fixed.
    pub fn report_verify_chain(&self, _actor: &StaffActor) -> Result<ChainCheck> {
        type Row = (i64, String, String, String, String, String, Option<String>, Option<String>);
        let rows: Vec<Row> = self
            .conn()
            .prepare(
                "SELECT id, month, closed_at, closed_by_name, snapshot, hash, prev_chain_hash, chain_hash
                   FROM report_closings ORDER BY id",
            )?
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut check = ChainCheck { intact: true, checked: 0, unsealed: 0, broken: Vec::new(), head: None };
        // The link each closing should carry, recomputed from the data (not from what is stored).
        let mut expected_prev = CHAIN_START.to_string();
        let mut chain_started = false;
        for (id, month, closed_at, closed_by, snapshot, hash, prev, chain) in rows {
            check.checked += 1;
            let mut reasons = Vec::new();
            if sha256_hex(&snapshot) != hash {
                reasons.push("快照内容与其校验码不符");
            }
            match &chain {
                None if chain_started => reasons.push("缺少关账链校验码"),
                None => check.unsealed += 1,
                Some(stored) => {
                    chain_started = true;
                    if prev.as_deref() != Some(expected_prev.as_str()) {
                        reasons.push("与上一条关账记录接不上");
                    }
                    let link = chain_link(&expected_prev, &month, &closed_at, &closed_by, &hash);
                    if *stored != link {
                        reasons.push("关账链校验码不符");
                    }
                    expected_prev = link;
                }
            }
            if chain.is_none() {
                // A closing from before the chain: the chain starts from it as it will be sealed.
                expected_prev = chain_link(&expected_prev, &month, &closed_at, &closed_by, &hash);
            }
            if !reasons.is_empty() {
                check.intact = false;
                check.broken.push(ChainBreak { id, month, closed_at, reason: reasons.join("；") });
            }
        }
        check.head = (check.checked > 0).then_some(expected_prev);
        Ok(check)
    }
}
