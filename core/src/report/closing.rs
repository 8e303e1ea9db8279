//! Closing a month (关账): the report is frozen as canonical JSON with its SHA-256, printed
//! copies carry the hash's short form, and the month's report is that snapshot from then on.
//! Staff close; only an admin reopens, with a reason; both are audited. A closing is never
//! deleted or edited (the database refuses it): a reopen marks it reopened, and closing again
//! stores a new snapshot.

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
            tx.execute(
                "INSERT INTO report_closings (month, snapshot, hash, closed_by, closed_by_name, closed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![month, text, hash, actor.id, actor.display_name, tx.now_str()],
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
                "SELECT id, month, hash, closed_at, closed_by_name, reopened_at, reopened_by_name, reopen_reason
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
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }
}
