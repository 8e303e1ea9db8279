//! Venues (活动室): capacity, equipment, opening hours, open weekdays and closed dates, and
//! the one room check every schedule goes through (hours, closures, overlaps).

use super::{parse_date, parse_time, span_zh};
use crate::actor::{Actor, StaffActor};
use crate::clock::format_date_zh;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{Datelike, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueClosure {
    /// YYYY-MM-DD
    pub date: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Venue {
    pub id: i64,
    pub name: String,
    pub capacity: u32,
    pub equipment: String,
    /// HH:MM
    pub opens_at: String,
    pub closes_at: String,
    /// 1 = Monday … 7 = Sunday.
    pub open_weekdays: Vec<u8>,
    /// Closed dates from today on.
    pub closures: Vec<VenueClosure>,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueInput {
    /// None creates a venue.
    pub id: Option<i64>,
    pub name: String,
    pub capacity: u32,
    pub equipment: String,
    pub opens_at: String,
    pub closes_at: String,
    pub open_weekdays: Vec<u8>,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueClosureInput {
    pub venue_id: i64,
    pub date: String,
    pub reason: String,
    /// false reopens the date.
    pub closed: bool,
}

fn weekday_mask(days: &[u8]) -> Result<i64> {
    let mut mask = 0i64;
    for d in days {
        if !(1..=7).contains(d) {
            return Err(AppError::validation("openWeekdays", "开放日应为星期一到星期日"));
        }
        mask |= 1 << (d - 1);
    }
    if mask == 0 {
        return Err(AppError::validation("openWeekdays", "请至少选择一个开放日"));
    }
    Ok(mask)
}

fn weekdays_of(mask: i64) -> Vec<u8> {
    (1..=7u8).filter(|d| mask & (1 << (d - 1)) != 0).collect()
}

const WEEKDAY_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// What stands in the way of holding `venue_id` from `start` to `end`: outside hours, a
/// closed weekday or date, and every activity or approved request overlapping it. Empty
/// means the room is free. `skip_activities` / `skip_request` are the items being moved.
pub(crate) fn room_problems(
    conn: &Connection,
    venue_id: i64,
    start: NaiveDateTime,
    end: NaiveDateTime,
    skip_activities: &[i64],
    skip_request: Option<i64>,
) -> Result<Vec<String>> {
    let venue: Option<(String, String, String, i64, Option<String>)> = conn
        .query_row(
            "SELECT name, opens_at, closes_at, open_weekdays, archived_at FROM venues WHERE id = ?1",
            [venue_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((name, opens, closes, weekdays, archived)) = venue else {
        return Err(AppError::validation("venueId", "所选活动室不存在"));
    };
    if archived.is_some() {
        return Err(AppError::validation("venueId", format!("活动室「{name}」已停用")));
    }
    let mut problems = Vec::new();
    let (from, to) = (start.format("%H:%M").to_string(), end.format("%H:%M").to_string());
    if from < opens || to > closes || end.date() != start.date() {
        problems.push(format!("「{name}」开放时间为 {opens}–{closes}，{} 不在开放时间内", span_zh_dt(start, end)));
    }
    let weekday = start.weekday().num_days_from_monday();
    if weekdays & (1 << weekday) == 0 {
        problems.push(format!("「{name}」星期{}不开放", WEEKDAY_ZH[weekday as usize]));
    }
    let date = start.date().to_string();
    let closure: Option<String> = conn
        .query_row(
            "SELECT reason FROM venue_closures WHERE venue_id = ?1 AND date = ?2",
            params![venue_id, date],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(reason) = closure {
        let why = if reason.is_empty() { String::new() } else { format!("（{reason}）") };
        problems.push(format!("「{name}」{} 闭馆{why}", format_date_zh(start.date())));
    }
    let (s, e) = (super::minute_str(start), super::minute_str(end));
    let skip = serde_json::to_string(skip_activities).map_err(AppError::internal)?;
    let mut stmt = conn.prepare_cached(
        "SELECT '活动「' || title || '」', starts_at, ends_at FROM activities
          WHERE venue_id = ?1 AND starts_at < ?3 AND ends_at > ?2 AND status <> 'cancelled'
            AND id NOT IN (SELECT value FROM json_each(?4))
         UNION ALL
         SELECT '场地申请「' || r.group_name || '」', s.starts_at, s.ends_at
           FROM venue_request_slots s JOIN venue_requests r ON r.id = s.request_id
          WHERE s.venue_id = ?1 AND s.starts_at < ?3 AND s.ends_at > ?2 AND r.status = 'approved'
            AND r.id IS NOT ?5
         ORDER BY 2 LIMIT 5",
    )?;
    let clashes = stmt.query_map(params![venue_id, s, e, skip, skip_request], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })?;
    for clash in clashes {
        let (what, cs, ce) = clash?;
        problems.push(format!("「{name}」已被{what}（{}）占用", span_zh(&cs, &ce)));
    }
    Ok(problems)
}

fn span_zh_dt(start: NaiveDateTime, end: NaiveDateTime) -> String {
    span_zh(&super::minute_str(start), &super::minute_str(end))
}

/// Refuses a schedule with problems unless an admin gives a reason to override them; the
/// reason (trimmed) is returned to be stored with the item.
pub(crate) fn settle_room_problems(
    tx: &Tx,
    problems: Vec<String>,
    override_reason: Option<&str>,
) -> Result<Option<String>> {
    if problems.is_empty() {
        return Ok(None);
    }
    let reason = override_reason.map(str::trim).filter(|r| !r.is_empty());
    match (reason, tx.actor) {
        (Some(reason), Actor::Staff(staff)) if staff.require_admin().is_ok() => {
            Ok(Some(validate::optional_text("overrideReason", "强制安排原因", reason, 200)?))
        }
        (Some(_), _) => Err(AppError::forbidden()),
        (None, _) => Err(AppError {
            code: ErrorCode::Conflict,
            message: format!("无法安排：{}。管理员可填写原因后强制安排。", problems.join("；")),
            field: Some("venueId".into()),
        }),
    }
}

impl Station {
    pub fn venues_list(&self, _actor: &StaffActor) -> Result<Vec<Venue>> {
        let today = self.today().to_string();
        let conn = self.conn();
        let mut venues: Vec<Venue> = conn
            .prepare(
                "SELECT id, name, capacity, equipment, opens_at, closes_at, open_weekdays, archived_at
                 FROM venues ORDER BY archived_at IS NOT NULL, name",
            )?
            .query_map([], |r| {
                Ok(Venue {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    capacity: r.get(2)?,
                    equipment: r.get(3)?,
                    opens_at: r.get(4)?,
                    closes_at: r.get(5)?,
                    open_weekdays: weekdays_of(r.get(6)?),
                    closures: Vec::new(),
                    archived: r.get::<_, Option<String>>(7)?.is_some(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare(
            "SELECT date, reason FROM venue_closures WHERE venue_id = ?1 AND date >= ?2 ORDER BY date LIMIT 100",
        )?;
        for v in &mut venues {
            v.closures = stmt
                .query_map(params![v.id, today], |r| Ok(VenueClosure { date: r.get(0)?, reason: r.get(1)? }))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(venues)
    }

    fn venue_by_id(&self, actor: &StaffActor, id: i64) -> Result<Venue> {
        self.venues_list(actor)?.into_iter().find(|v| v.id == id).ok_or_else(|| AppError::not_found("活动室"))
    }

    pub fn venue_save(&mut self, actor: &StaffActor, input: &VenueInput) -> Result<Venue> {
        let name = validate::required_text("name", "活动室名称", &input.name, 30)?;
        if !(1..=1000).contains(&input.capacity) {
            return Err(AppError::validation("capacity", "容纳人数应在 1 到 1000 之间"));
        }
        let equipment = validate::optional_text("equipment", "设备", &input.equipment, 200)?;
        let opens = parse_time("opensAt", "开放时间", &input.opens_at)?;
        let closes = parse_time("closesAt", "关闭时间", &input.closes_at)?;
        if closes <= opens {
            return Err(AppError::validation("closesAt", "关闭时间应晚于开放时间"));
        }
        let mask = weekday_mask(&input.open_weekdays)?;
        let id = self.write(&Actor::Staff(actor.clone()), |tx| {
            let taken: Option<i64> = tx
                .query_row("SELECT id FROM venues WHERE name = ?1 AND id IS NOT ?2", params![name, input.id], |r| {
                    r.get(0)
                })
                .optional()?;
            if taken.is_some() {
                return Err(AppError::validation("name", format!("已有名为「{name}」的活动室")));
            }
            let now = tx.now_str();
            let archived = input.archived.then(|| now.clone());
            let (o, c) = (opens.format("%H:%M").to_string(), closes.format("%H:%M").to_string());
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO venues (name, capacity, equipment, opens_at, closes_at, open_weekdays, archived_at,
                                             created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                        params![name, input.capacity, equipment, o, c, mask, archived, now],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let changed = tx.execute(
                        "UPDATE venues SET name = ?1, capacity = ?2, equipment = ?3, opens_at = ?4, closes_at = ?5,
                                open_weekdays = ?6, archived_at = CASE WHEN ?7 IS NULL THEN NULL
                                                                       ELSE coalesce(archived_at, ?7) END,
                                updated_at = ?8
                         WHERE id = ?9",
                        params![name, input.capacity, equipment, o, c, mask, archived, now, id],
                    )?;
                    if changed == 0 {
                        return Err(AppError::not_found("活动室"));
                    }
                    id
                }
            };
            let action = if input.id.is_some() { "update" } else { "create" };
            tx.audit("venue", Some(id), action, &name)?;
            Ok(id)
        })?;
        self.venue_by_id(actor, id)
    }

    pub fn venue_set_closure(&mut self, actor: &StaffActor, input: &VenueClosureInput) -> Result<Venue> {
        let date = parse_date("date", "闭馆日期", &input.date)?;
        let reason = validate::optional_text("reason", "闭馆原因", &input.reason, 100)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let name: String = tx
                .query_row("SELECT name FROM venues WHERE id = ?1", [input.venue_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| AppError::not_found("活动室"))?;
            if input.closed {
                tx.execute(
                    "INSERT INTO venue_closures (venue_id, date, reason) VALUES (?1, ?2, ?3)
                     ON CONFLICT (venue_id, date) DO UPDATE SET reason = excluded.reason",
                    params![input.venue_id, date.to_string(), reason],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM venue_closures WHERE venue_id = ?1 AND date = ?2",
                    params![input.venue_id, date.to_string()],
                )?;
            }
            let action = if input.closed { "close_date" } else { "reopen_date" };
            tx.audit("venue", Some(input.venue_id), action, &format!("{name} {date} {reason}"))
        })?;
        self.venue_by_id(actor, input.venue_id)
    }
}
