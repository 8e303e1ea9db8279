//! Venue requests (场地申请): a group asks for a room at a time, once or weekly; staff
//! approve (the room check applies, an admin may override) or decline with a note. An
//! approved request holds the room like an activity.

use super::venues::{room_problems, settle_room_problems};
use super::{minute_str, parse_date, parse_time, split_span};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::Duration;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum VenueRequestStatus {
    Pending,
    Approved,
    Declined,
    Withdrawn,
}

impl VenueRequestStatus {
    fn parse(s: &str) -> VenueRequestStatus {
        match s {
            "pending" => VenueRequestStatus::Pending,
            "approved" => VenueRequestStatus::Approved,
            "declined" => VenueRequestStatus::Declined,
            _ => VenueRequestStatus::Withdrawn,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueRequestInput {
    pub group_name: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub purpose: String,
    pub venue_id: i64,
    /// The first date, YYYY-MM-DD.
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    /// 1 = once; n = weekly for n weeks.
    pub weeks: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueRequestDecision {
    pub id: i64,
    pub approve: bool,
    pub note: String,
    /// An admin's reason to approve despite a room problem.
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueRequest {
    pub id: i64,
    pub group_name: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub purpose: String,
    pub venue_id: i64,
    pub venue_name: String,
    pub status: VenueRequestStatus,
    /// First occurrence.
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub weeks: u32,
    pub decided_by: Option<String>,
    pub decision_note: String,
    pub override_reason: Option<String>,
    /// For a pending request: what would stand in the way of approving it now.
    pub problems: Vec<String>,
    pub created_at: String,
}

fn load(tx: &rusqlite::Connection, id: Option<i64>, status: Option<VenueRequestStatus>) -> Result<Vec<VenueRequest>> {
    let status = status.map(|s| serde_json::to_value(s).ok().and_then(|v| v.as_str().map(String::from)));
    let rows: Vec<VenueRequest> = tx
        .prepare(
            "SELECT r.id, r.group_name, r.contact_name, r.contact_phone, r.purpose, r.venue_id, v.name, r.status,
                    min(s.starts_at), min(s.ends_at), COUNT(s.id), st.display_name, r.decision_note, r.override_reason,
                    r.created_at
             FROM venue_requests r JOIN venues v ON v.id = r.venue_id
             JOIN venue_request_slots s ON s.request_id = r.id
             LEFT JOIN staff st ON st.id = r.decided_by
             WHERE (?1 IS NULL OR r.id = ?1) AND (?2 IS NULL OR r.status = ?2)
             GROUP BY r.id ORDER BY r.status <> 'pending', r.id DESC LIMIT 200",
        )?
        .query_map(params![id, status.flatten()], |r| {
            let start: String = r.get(8)?;
            let end: String = r.get(9)?;
            let (date, start_time, end_time) = split_span(&start, &end);
            Ok(VenueRequest {
                id: r.get(0)?,
                group_name: r.get(1)?,
                contact_name: r.get(2)?,
                contact_phone: r.get(3)?,
                purpose: r.get(4)?,
                venue_id: r.get(5)?,
                venue_name: r.get(6)?,
                status: VenueRequestStatus::parse(&r.get::<_, String>(7)?),
                date,
                start_time,
                end_time,
                weeks: r.get(10)?,
                decided_by: r.get(11)?,
                decision_note: r.get(12)?,
                override_reason: r.get(13)?,
                problems: Vec::new(),
                created_at: r.get(14)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|mut req| {
            if req.status == VenueRequestStatus::Pending {
                req.problems = problems(tx, req.id)?;
            }
            Ok(req)
        })
        .collect()
}

/// Room problems of every slot of a request (its own slots excluded).
fn problems(conn: &rusqlite::Connection, request_id: i64) -> Result<Vec<String>> {
    let slots: Vec<(i64, String, String)> = conn
        .prepare(
            "SELECT venue_id, starts_at, ends_at FROM venue_request_slots WHERE request_id = ?1 ORDER BY starts_at",
        )?
        .query_map([request_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut all = Vec::new();
    for (venue, s, e) in slots {
        let (Some(s), Some(e)) = (super::parse_minute(&s), super::parse_minute(&e)) else { continue };
        all.extend(room_problems(conn, venue, s, e, &[], Some(request_id))?);
        if all.len() >= 5 {
            break;
        }
    }
    Ok(all)
}

fn decide(tx: &Tx, input: &VenueRequestDecision) -> Result<String> {
    let note = validate::optional_text("note", "处理意见", &input.note, 200)?;
    let (status, group): (String, String) = tx
        .query_row("SELECT status, group_name FROM venue_requests WHERE id = ?1", [input.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or_else(|| AppError::not_found("场地申请"))?;
    if status != "pending" {
        return Err(AppError::new(ErrorCode::Conflict, "该申请已处理过"));
    }
    if !input.approve && note.is_empty() {
        return Err(AppError::validation("note", "请填写不同意的原因，便于告知申请人"));
    }
    let override_reason = if input.approve {
        settle_room_problems(tx, problems(tx, input.id)?, input.override_reason.as_deref())?
    } else {
        None
    };
    let new_status = if input.approve { "approved" } else { "declined" };
    tx.execute(
        "UPDATE venue_requests SET status = ?1, decided_by = ?2, decided_at = ?3, decision_note = ?4, override_reason = ?5
         WHERE id = ?6",
        params![new_status, tx.actor.staff_id(), tx.now_str(), note, override_reason, input.id],
    )?;
    tx.audit("venue_request", Some(input.id), new_status, &format!("{group} {note}"))?;
    Ok(new_status.to_string())
}

impl Station {
    pub fn venue_requests_list(
        &self,
        _actor: &StaffActor,
        status: Option<VenueRequestStatus>,
    ) -> Result<Vec<VenueRequest>> {
        load(self.conn(), None, status)
    }

    /// Records a group's request (staff take it down at the desk or by phone).
    pub fn venue_request_create(&mut self, actor: &StaffActor, input: &VenueRequestInput) -> Result<VenueRequest> {
        let group = validate::required_text("groupName", "申请团体", &input.group_name, 40)?;
        let contact = validate::optional_text("contactName", "联系人", &input.contact_name, 20)?;
        let phone = match input.contact_phone.trim() {
            "" => String::new(),
            p => validate::phone("contactPhone", p)?,
        };
        let purpose = validate::optional_text("purpose", "用途", &input.purpose, 200)?;
        let date = parse_date("date", "日期", &input.date)?;
        let start = date.and_time(parse_time("startTime", "开始时间", &input.start_time)?);
        let end = date.and_time(parse_time("endTime", "结束时间", &input.end_time)?);
        if end <= start {
            return Err(AppError::validation("endTime", "结束时间应晚于开始时间"));
        }
        if !(1..=52).contains(&input.weeks) {
            return Err(AppError::validation("weeks", "重复周数应在 1 到 52 之间"));
        }
        let id = self.write(&Actor::Staff(actor.clone()), |tx| {
            if start <= tx.local_now() {
                return Err(AppError::validation("date", "申请的时间已过，请选择以后的时间"));
            }
            let exists: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM venues WHERE id = ?1)", [input.venue_id], |r| r.get(0))?;
            if !exists {
                return Err(AppError::validation("venueId", "请选择活动室"));
            }
            tx.execute(
                "INSERT INTO venue_requests (group_name, contact_name, contact_phone, purpose, venue_id, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6)",
                params![group, contact, phone, purpose, input.venue_id, tx.now_str()],
            )?;
            let id = tx.last_insert_rowid();
            for w in 0..i64::from(input.weeks) {
                let shift = Duration::days(7 * w);
                tx.execute(
                    "INSERT INTO venue_request_slots (request_id, venue_id, starts_at, ends_at) VALUES (?1, ?2, ?3, ?4)",
                    params![id, input.venue_id, minute_str(start + shift), minute_str(end + shift)],
                )?;
            }
            tx.audit("venue_request", Some(id), "create", &format!("{group}（{} 次）", input.weeks))?;
            Ok(id)
        })?;
        load(self.conn(), Some(id), None)?.pop().ok_or_else(|| AppError::not_found("场地申请"))
    }

    pub fn venue_request_decide(&mut self, actor: &StaffActor, input: &VenueRequestDecision) -> Result<VenueRequest> {
        self.write(&Actor::Staff(actor.clone()), |tx| decide(tx, input))?;
        load(self.conn(), Some(input.id), None)?.pop().ok_or_else(|| AppError::not_found("场地申请"))
    }
}
