//! Sign-in and sign-out for a shift. Hours are the actual time within the shift (time before
//! its start or after its end does not count); a missing sign-out is closed at the shift's
//! end and flagged for staff review. Every sign-out credits the ledger.

use super::ledger::{self, LedgerCredit};
use super::shifts::{local_hm, local_stamp, parse_stamp};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How early before a shift a volunteer may sign in.
pub const EARLY_SIGN_IN_MINUTES: i64 = 30;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceInput {
    pub assignment_id: i64,
    /// Local "HH:MM" on the shift's day; None = now.
    pub at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewItem {
    pub attendance_id: i64,
    pub volunteer_id: i64,
    pub name: String,
    pub position: String,
    pub day: String,
    pub start: String,
    pub end: String,
    pub signed_in: String,
    pub signed_out: String,
    pub minutes: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    pub attendance_id: i64,
    /// None: the automatic close is right. Some(m): correct to m minutes (reason required).
    pub minutes: Option<i64>,
    pub reason: String,
}

struct Slot {
    day: String,
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    position: String,
    service_kind: String,
    volunteer_id: i64,
}

fn slot_of(tx: &Tx, assignment_id: i64) -> Result<Slot> {
    let found: Option<(String, String, String, String, String, i64)> = tx
        .query_row(
            "SELECT s.day, s.starts_at, s.ends_at, p.name, p.service_kind, a.volunteer_id
             FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id JOIN duty_positions p ON p.id = s.position_id
             WHERE a.id = ?1 AND a.removed_at IS NULL AND s.cancelled_at IS NULL",
            [assignment_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let (day, starts, ends, position, service_kind, volunteer_id) = found.ok_or_else(|| AppError::not_found("排班"))?;
    Ok(Slot { day, starts: parse_stamp(&starts)?, ends: parse_stamp(&ends)?, position, service_kind, volunteer_id })
}

/// Minutes of [signed_in, signed_out] inside the shift.
pub fn credited_minutes(
    starts: DateTime<Utc>,
    ends: DateTime<Utc>,
    signed_in: DateTime<Utc>,
    out: DateTime<Utc>,
) -> i64 {
    let from = signed_in.max(starts);
    let to = out.min(ends);
    (to - from).num_minutes().max(0)
}

pub(crate) fn sign_in(tx: &Tx, assignment_id: i64, at: DateTime<Utc>) -> Result<i64> {
    let slot = slot_of(tx, assignment_id)?;
    let already: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM attendance WHERE assignment_id = ?1)", [assignment_id], |r| {
            r.get(0)
        })?;
    if already {
        return Err(AppError::new(ErrorCode::Conflict, "这个班次已经签到过了"));
    }
    if at < slot.starts - Duration::minutes(EARLY_SIGN_IN_MINUTES) {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("班次 {} 开始，开始前 {EARLY_SIGN_IN_MINUTES} 分钟内才能签到", local_hm(tx.tz, &ts(slot.starts))),
        ));
    }
    if at >= slot.ends {
        return Err(AppError::new(ErrorCode::Conflict, "这个班次已经结束，不能再签到"));
    }
    tx.execute("INSERT INTO attendance (assignment_id, signed_in_at) VALUES (?1, ?2)", params![assignment_id, ts(at)])?;
    let id = tx.last_insert_rowid();
    let name = super::volunteer_name(tx, slot.volunteer_id)?;
    tx.audit(
        "attendance",
        Some(id),
        "sign_in",
        &format!("{} {} {}", crate::privacy::audit_name(&name), slot.day, slot.position),
    )?;
    Ok(id)
}

fn ts(t: DateTime<Utc>) -> String {
    crate::clock::timestamp(t)
}

/// Closes an open attendance at `at` and credits the ledger. Returns (attendance id, minutes).
pub(crate) fn sign_out(tx: &Tx, assignment_id: i64, at: DateTime<Utc>, how: &str) -> Result<(i64, i64)> {
    let slot = slot_of(tx, assignment_id)?;
    let open: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, signed_in_at FROM attendance WHERE assignment_id = ?1 AND signed_out_at IS NULL",
            [assignment_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (attendance_id, signed_in) =
        open.ok_or_else(|| AppError::new(ErrorCode::Conflict, "还没有签到，或已经签退"))?;
    let signed_in = parse_stamp(&signed_in)?;
    if at < signed_in {
        return Err(AppError::validation("at", "签退时间不能早于签到时间"));
    }
    let minutes = credited_minutes(slot.starts, slot.ends, signed_in, at);
    let entry = if minutes > 0 {
        let day = validate::date("day", "日期", &slot.day)?;
        let credit = LedgerCredit {
            volunteer_id: slot.volunteer_id,
            minutes,
            points: ledger::points_for(tx, &slot.service_kind, minutes)?,
            service_kind: slot.service_kind.clone(),
            source: "shift".into(),
            source_id: Some(assignment_id),
            note: slot.position.clone(),
        };
        Some(ledger::append(tx, &credit, day)?)
    } else {
        None
    };
    tx.execute(
        "UPDATE attendance SET signed_out_at = ?1, closed_how = ?2, needs_review = ?3, ledger_entry_id = ?4 WHERE id = ?5",
        params![ts(at), how, how == "auto", entry, attendance_id],
    )?;
    tx.audit("attendance", Some(attendance_id), "sign_out", &format!("{how} {}", super::format_minutes(minutes)))?;
    Ok((attendance_id, minutes))
}

/// Closes every sign-in whose shift has ended without a sign-out: at the shift's end,
/// flagged for review. Runs before any attendance read or write, so nothing stays open.
pub(crate) fn close_overdue(tx: &Tx) -> Result<u32> {
    let overdue: Vec<(i64, String)> = tx
        .prepare(
            "SELECT a.id, s.ends_at FROM attendance t JOIN shift_assignments a ON a.id = t.assignment_id
             JOIN shifts s ON s.id = a.shift_id WHERE t.signed_out_at IS NULL AND s.ends_at <= ?1",
        )?
        .query_map([tx.now_str()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (assignment_id, ends) in &overdue {
        sign_out(tx, *assignment_id, parse_stamp(ends)?, "auto")?;
    }
    Ok(overdue.len() as u32)
}

/// "HH:MM" on the shift's day, or now.
fn moment(tx: &Tx, assignment_id: i64, at: &Option<String>) -> Result<DateTime<Utc>> {
    match at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(tx.now),
        Some(hm) => {
            let minute = super::parse_clock_time("at", hm)?;
            let day: String = tx
                .query_row(
                    "SELECT s.day FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id WHERE a.id = ?1",
                    [assignment_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| AppError::not_found("排班"))?;
            let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(AppError::internal)?;
            let t = parse_stamp(&local_stamp(tx.tz, day, minute)?)?;
            if t > tx.now {
                return Err(AppError::validation("at", "时间不能晚于现在"));
            }
            Ok(t)
        }
    }
}

fn staff(actor: &StaffActor) -> Actor {
    Actor::Staff(actor.clone())
}

impl Station {
    /// Staff signs a volunteer in at the desk (now, or a time earlier today on the shift's day).
    pub fn attendance_sign_in(&mut self, actor: &StaffActor, input: &AttendanceInput) -> Result<i64> {
        self.write(&staff(actor), |tx| {
            close_overdue(tx)?;
            let at = moment(tx, input.assignment_id, &input.at)?;
            sign_in(tx, input.assignment_id, at)
        })
    }

    /// Staff signs a volunteer out at the desk; returns the minutes credited.
    pub fn attendance_sign_out(&mut self, actor: &StaffActor, input: &AttendanceInput) -> Result<i64> {
        self.write(&staff(actor), |tx| {
            let at = moment(tx, input.assignment_id, &input.at)?;
            let (_, minutes) = sign_out(tx, input.assignment_id, at, "staff")?;
            close_overdue(tx)?;
            Ok(minutes)
        })
    }

    /// Automatically closed sign-ins waiting for a member of staff to look at them.
    pub fn attendance_reviews(&mut self, actor: &StaffActor) -> Result<Vec<ReviewItem>> {
        self.write(&staff(actor), close_overdue)?;
        let tz = self.tz();
        self.conn()
            .prepare(
                "SELECT t.id, a.volunteer_id, v.name, p.name, s.day, s.starts_at, s.ends_at, t.signed_in_at, t.signed_out_at,
                        COALESCE(l.minutes, 0)
                 FROM attendance t JOIN shift_assignments a ON a.id = t.assignment_id
                 JOIN shifts s ON s.id = a.shift_id JOIN duty_positions p ON p.id = s.position_id
                 JOIN volunteer_people v ON v.id = a.volunteer_id
                 LEFT JOIN volunteer_ledger l ON l.id = t.ledger_entry_id
                 WHERE t.needs_review = 1 ORDER BY s.starts_at",
            )?
            .query_map([], |r| {
                Ok(ReviewItem {
                    attendance_id: r.get(0)?,
                    volunteer_id: r.get(1)?,
                    name: r.get(2)?,
                    position: r.get(3)?,
                    day: r.get(4)?,
                    start: local_hm(tz, &r.get::<_, String>(5)?),
                    end: local_hm(tz, &r.get::<_, String>(6)?),
                    signed_in: local_hm(tz, &r.get::<_, String>(7)?),
                    signed_out: local_hm(tz, &r.get::<_, String>(8)?),
                    minutes: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    /// Confirms an automatic close, or corrects its minutes (a reversing entry and the right
    /// amount, with the reason).
    pub fn attendance_review(&mut self, actor: &StaffActor, input: &ReviewInput) -> Result<()> {
        self.write(&staff(actor), |tx| {
            let found: Option<(i64, Option<i64>, bool)> = tx
                .query_row(
                    "SELECT assignment_id, ledger_entry_id, needs_review FROM attendance WHERE id = ?1",
                    [input.attendance_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let (assignment_id, entry, needs_review) = found.ok_or_else(|| AppError::not_found("签到记录"))?;
            if !needs_review {
                return Err(AppError::new(ErrorCode::Conflict, "这条签到记录已经审核过了"));
            }
            let mut new_entry = entry;
            if let Some(minutes) = input.minutes {
                let slot = slot_of(tx, assignment_id)?;
                let shift_minutes = (slot.ends - slot.starts).num_minutes();
                if !(0..=shift_minutes).contains(&minutes) {
                    return Err(AppError::validation(
                        "minutes",
                        format!("时长应在 0 到 {shift_minutes} 分钟之间（班次时长）"),
                    ));
                }
                if let Some(e) = entry {
                    ledger::reverse(tx, e, &input.reason)?;
                } else {
                    validate::required_text("reason", "更正原因", &input.reason, 200)?;
                }
                new_entry = if minutes > 0 {
                    let day = validate::date("day", "日期", &slot.day)?;
                    let credit = LedgerCredit {
                        volunteer_id: slot.volunteer_id,
                        minutes,
                        points: ledger::points_for(tx, &slot.service_kind, minutes)?,
                        service_kind: slot.service_kind.clone(),
                        source: "shift".into(),
                        source_id: Some(assignment_id),
                        note: format!("{}（更正：{}）", slot.position, input.reason.trim()),
                    };
                    Some(ledger::append(tx, &credit, day)?)
                } else {
                    None
                };
            }
            tx.execute(
                "UPDATE attendance SET needs_review = 0, reviewed_by = ?1, ledger_entry_id = ?2 WHERE id = ?3",
                params![tx.actor.staff_id(), new_entry, input.attendance_id],
            )?;
            tx.audit("attendance", Some(input.attendance_id), "review", input.reason.trim())
        })
    }
}
