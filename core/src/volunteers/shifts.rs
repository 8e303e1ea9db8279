//! The duty roster (排班): positions, weekly shift templates, a week's or month's shifts
//! generated from them, and assignments (no two overlapping shifts for one volunteer unless
//! an admin overrides with a reason; paused status and unavailability are warned).

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DutyPosition {
    /// None when saving a new one.
    pub id: Option<i64>,
    pub name: String,
    /// The kind of service its hours are credited as (prices points).
    pub service_kind: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShiftTemplate {
    pub id: Option<i64>,
    pub position_id: i64,
    /// Read back only.
    #[serde(default)]
    pub position: String,
    /// 1 = Monday … 7 = Sunday
    pub weekdays: Vec<u8>,
    /// "09:00"
    pub start: String,
    pub end: String,
    pub slots: u32,
    pub retired: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DateRange {
    /// YYYY-MM-DD, inclusive
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignedPerson {
    pub assignment_id: i64,
    pub volunteer_id: i64,
    pub name: String,
    pub by_kiosk: bool,
    pub override_reason: Option<String>,
    /// Local "HH:MM"
    pub signed_in: Option<String>,
    pub signed_out: Option<String>,
    pub needs_review: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShiftView {
    pub id: i64,
    pub position_id: i64,
    pub position: String,
    /// YYYY-MM-DD (local)
    pub day: String,
    pub weekday: u8,
    pub start: String,
    pub end: String,
    pub slots: u32,
    pub open_slots: u32,
    pub people: Vec<AssignedPerson>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignInput {
    pub shift_id: i64,
    pub volunteer_id: i64,
    /// Admin only: lets an overlapping assignment through, and is kept with it.
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignResult {
    pub shift: ShiftView,
    /// Said, not refused: the volunteer is paused, or not available at that time.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnassignInput {
    pub assignment_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShiftCreateInput {
    pub position_id: i64,
    pub day: String,
    pub start: String,
    pub end: String,
    pub slots: u32,
}

const MAX_GENERATE_DAYS: i64 = 62;

/// A local day and minute of that day as the UTC timestamp the tables store.
pub(crate) fn local_stamp(tz: Tz, day: NaiveDate, minute: u32) -> Result<String> {
    let midnight = day.and_hms_opt(0, 0, 0).ok_or_else(|| AppError::internal("midnight"))?;
    let local = tz.from_local_datetime(&midnight).earliest().ok_or_else(|| AppError::internal("local time"))?;
    Ok(crate::clock::timestamp((local + Duration::minutes(i64::from(minute))).to_utc()))
}

pub(crate) fn parse_stamp(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).map(|t| t.to_utc()).map_err(AppError::internal)
}

/// A stored timestamp as local "HH:MM".
pub(crate) fn local_hm(tz: Tz, stamp: &str) -> String {
    parse_stamp(stamp).map(|t| t.with_timezone(&tz).format("%H:%M").to_string()).unwrap_or_default()
}

fn check_position(tx: &Tx, id: i64) -> Result<String> {
    let found: Option<(String, bool)> = tx
        .query_row("SELECT name, retired FROM duty_positions WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        None => Err(AppError::validation("positionId", "请选择岗位")),
        Some((_, true)) => Err(AppError::validation("positionId", "该岗位已停用")),
        Some((name, false)) => Ok(name),
    }
}

fn check_times(start: &str, end: &str) -> Result<(u32, u32)> {
    let s = super::parse_clock_time("start", start)?;
    let e = super::parse_clock_time("end", end)?;
    if e <= s {
        return Err(AppError::validation("end", "结束时间应晚于开始时间"));
    }
    Ok((s, e))
}

fn check_slots(slots: u32) -> Result<()> {
    if !(1..=50).contains(&slots) {
        return Err(AppError::validation("slots", "每班人数应在 1 到 50 之间"));
    }
    Ok(())
}

fn check_range(r: &DateRange) -> Result<(NaiveDate, NaiveDate)> {
    let from = validate::date("from", "开始日期", &r.from)?;
    let to = validate::date("to", "结束日期", &r.to)?;
    if to < from {
        return Err(AppError::validation("to", "结束日期不能早于开始日期"));
    }
    if (to - from).num_days() >= MAX_GENERATE_DAYS {
        return Err(AppError::validation("to", "一次最多排两个月"));
    }
    Ok((from, to))
}

const SHIFT_SELECT: &str = "SELECT s.id, s.position_id, p.name, s.day, s.starts_at, s.ends_at, s.slots
    FROM shifts s JOIN duty_positions p ON p.id = s.position_id";

fn staff(actor: &StaffActor) -> Actor {
    Actor::Staff(actor.clone())
}

/// Assigns one volunteer to one shift, with every roster rule. `actor_is_admin` lets an
/// override reason through; the kiosk passes false and None.
pub(crate) fn assign(tx: &Tx, input: &AssignInput, actor_is_admin: bool) -> Result<(i64, Vec<String>)> {
    let shift: Option<(String, String, String, u32, Option<String>)> = tx
        .query_row(
            "SELECT day, starts_at, ends_at, slots, cancelled_at FROM shifts WHERE id = ?1",
            [input.shift_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (day, starts, ends, slots, cancelled) = shift.ok_or_else(|| AppError::not_found("班次"))?;
    if cancelled.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "该班次已取消"));
    }
    let name = super::volunteer_name(tx, input.volunteer_id)?;
    let status: String =
        tx.query_row("SELECT status FROM volunteers WHERE id = ?1", [input.volunteer_id], |r| r.get(0))?;
    if status == "left" {
        return Err(AppError::validation("volunteerId", format!("「{name}」已退出志愿服务，不能排班")));
    }
    let taken: u32 = tx.query_row(
        "SELECT COUNT(*) FROM shift_assignments WHERE shift_id = ?1 AND removed_at IS NULL",
        [input.shift_id],
        |r| r.get(0),
    )?;
    let already: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM shift_assignments WHERE shift_id = ?1 AND volunteer_id = ?2 AND removed_at IS NULL)",
        params![input.shift_id, input.volunteer_id],
        |r| r.get(0),
    )?;
    if already {
        return Err(AppError::new(ErrorCode::Conflict, format!("「{name}」已在这个班次中")));
    }
    if taken >= slots {
        return Err(AppError::new(ErrorCode::Conflict, "该班次人数已满"));
    }
    let clash: Option<(String, String, String)> = tx
        .query_row(
            "SELECT p.name, s.day, s.starts_at FROM shift_assignments a
             JOIN shifts s ON s.id = a.shift_id JOIN duty_positions p ON p.id = s.position_id
             WHERE a.volunteer_id = ?1 AND a.removed_at IS NULL AND s.cancelled_at IS NULL
               AND s.starts_at < ?3 AND s.ends_at > ?2 LIMIT 1",
            params![input.volunteer_id, starts, ends],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let reason = input.override_reason.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let override_reason = match (clash, reason) {
        (None, _) => None,
        (Some(_), Some(reason)) if actor_is_admin => {
            Some(validate::optional_text("overrideReason", "原因", reason, 200)?)
        }
        (Some(_), Some(_)) => return Err(AppError::forbidden()),
        (Some((position, day, at)), None) => {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("「{name}」在 {day} {} 已有「{position}」班次，时间重叠，不能同时安排", local_hm(tx.tz, &at)),
            ));
        }
    };
    let mut warnings = Vec::new();
    if status == "paused" {
        warnings.push(format!("「{name}」目前处于暂停状态"));
    }
    let day_date = validate::date("day", "日期", &day)?;
    let start_min = minute_of_day(tx.tz, &starts)?;
    let end_min = start_min + ((parse_stamp(&ends)? - parse_stamp(&starts)?).num_minutes() as u32);
    let has_availability: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM volunteer_availability WHERE volunteer_id = ?1)",
        [input.volunteer_id],
        |r| r.get(0),
    )?;
    let fits: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM volunteer_availability WHERE volunteer_id = ?1 AND weekday = ?2
             AND start_minute <= ?3 AND end_minute >= ?4)",
        params![input.volunteer_id, day_date.weekday().number_from_monday(), start_min, end_min],
        |r| r.get(0),
    )?;
    if has_availability && !fits {
        warnings.push(format!("「{name}」登记的可服务时间不包括这个班次"));
    }
    tx.execute(
        "INSERT INTO shift_assignments (shift_id, volunteer_id, assigned_by, assigned_at, override_reason)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![input.shift_id, input.volunteer_id, tx.actor.staff_id(), tx.now_str(), override_reason],
    )?;
    let id = tx.last_insert_rowid();
    let detail = match &override_reason {
        Some(r) => format!("{name} → 班次 {}（管理员准许重叠：{r}）", input.shift_id),
        None => format!("{name} → 班次 {}", input.shift_id),
    };
    tx.audit("shift_assignment", Some(id), "assign", &detail)?;
    Ok((id, warnings))
}

fn minute_of_day(tz: Tz, stamp: &str) -> Result<u32> {
    let t = parse_stamp(stamp)?.with_timezone(&tz);
    Ok(t.hour() * 60 + t.minute())
}

impl Station {
    pub fn duty_positions(&self) -> Result<Vec<DutyPosition>> {
        self.conn()
            .prepare("SELECT id, name, service_kind, retired FROM duty_positions ORDER BY retired, id")?
            .query_map([], |r| {
                Ok(DutyPosition { id: r.get(0)?, name: r.get(1)?, service_kind: r.get(2)?, retired: r.get(3)? })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    pub fn duty_position_save(&mut self, actor: &StaffActor, input: &DutyPosition) -> Result<Vec<DutyPosition>> {
        let name = validate::required_text("name", "岗位名称", &input.name, 30)?;
        let kind = validate::required_text("serviceKind", "服务类别", &input.service_kind, 20)?;
        self.write(&staff(actor), |tx| {
            let clash: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM duty_positions WHERE name = ?1 AND id IS NOT ?2)",
                params![name, input.id],
                |r| r.get(0),
            )?;
            if clash {
                return Err(AppError::validation("name", "已有同名的岗位"));
            }
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO duty_positions (name, service_kind, retired) VALUES (?1, ?2, ?3)",
                        params![name, kind, input.retired],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE duty_positions SET name = ?1, service_kind = ?2, retired = ?3 WHERE id = ?4",
                        params![name, kind, input.retired, id],
                    )?;
                    if n == 0 {
                        return Err(AppError::not_found("岗位"));
                    }
                    id
                }
            };
            tx.audit("duty_position", Some(id), "save", &name)
        })?;
        self.duty_positions()
    }

    pub fn shift_templates(&self) -> Result<Vec<ShiftTemplate>> {
        self.conn()
            .prepare(
                "SELECT t.id, t.position_id, p.name, t.weekdays, t.start_minute, t.end_minute, t.slots, t.retired
                 FROM shift_templates t JOIN duty_positions p ON p.id = t.position_id ORDER BY t.retired, t.id",
            )?
            .query_map([], |r| {
                let days: String = r.get(3)?;
                Ok(ShiftTemplate {
                    id: r.get(0)?,
                    position_id: r.get(1)?,
                    position: r.get(2)?,
                    weekdays: days.bytes().map(|b| b - b'0').collect(),
                    start: super::clock_time(r.get(4)?),
                    end: super::clock_time(r.get(5)?),
                    slots: r.get(6)?,
                    retired: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    pub fn shift_template_save(&mut self, actor: &StaffActor, input: &ShiftTemplate) -> Result<Vec<ShiftTemplate>> {
        let (start, end) = check_times(&input.start, &input.end)?;
        check_slots(input.slots)?;
        let mut days = input.weekdays.clone();
        days.sort_unstable();
        days.dedup();
        if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) {
            return Err(AppError::validation("weekdays", "请选择星期（周一到周日）"));
        }
        let days: String = days.iter().map(|d| char::from(b'0' + d)).collect();
        self.write(&staff(actor), |tx| {
            let position = check_position(tx, input.position_id)?;
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO shift_templates (position_id, weekdays, start_minute, end_minute, slots, retired)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![input.position_id, days, start, end, input.slots, input.retired],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE shift_templates SET position_id = ?1, weekdays = ?2, start_minute = ?3, end_minute = ?4,
                             slots = ?5, retired = ?6 WHERE id = ?7",
                        params![input.position_id, days, start, end, input.slots, input.retired, id],
                    )?;
                    if n == 0 {
                        return Err(AppError::not_found("排班模板"));
                    }
                    id
                }
            };
            tx.audit("shift_template", Some(id), "save", &format!("{position} 周{days} {}–{}", input.start, input.end))
        })?;
        self.shift_templates()
    }

    /// Makes the shifts of every active template for the days in the range (a week or a
    /// month; at most two months). Days already generated are left as they are, so running
    /// it twice adds nothing. Returns how many shifts were added.
    pub fn shifts_generate(&mut self, actor: &StaffActor, range: &DateRange) -> Result<u32> {
        let (from, to) = check_range(range)?;
        let templates: Vec<ShiftTemplate> = self.shift_templates()?.into_iter().filter(|t| !t.retired).collect();
        self.write(&staff(actor), |tx| {
            let mut added = 0;
            let mut day = from;
            while day <= to {
                let weekday = day.weekday().number_from_monday() as u8;
                for t in templates.iter().filter(|t| t.weekdays.contains(&weekday)) {
                    let (start, end) = check_times(&t.start, &t.end)?;
                    added += tx.execute(
                        "INSERT INTO shifts (position_id, template_id, day, starts_at, ends_at, slots, created_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                         ON CONFLICT (template_id, day) WHERE template_id IS NOT NULL DO NOTHING",
                        params![
                            t.position_id,
                            t.id,
                            day.to_string(),
                            local_stamp(tx.tz, day, start)?,
                            local_stamp(tx.tz, day, end)?,
                            t.slots,
                            tx.now_str()
                        ],
                    )? as u32;
                }
                day = day.succ_opt().ok_or_else(|| AppError::internal("date overflow"))?;
            }
            tx.audit("shift", None, "generate", &format!("{from} 至 {to}：新增 {added} 个班次"))?;
            Ok(added)
        })
    }

    /// One extra shift outside the templates (an event needing helpers).
    pub fn shift_create(&mut self, actor: &StaffActor, input: &ShiftCreateInput) -> Result<ShiftView> {
        let day = validate::date("day", "日期", &input.day)?;
        let (start, end) = check_times(&input.start, &input.end)?;
        check_slots(input.slots)?;
        let id = self.write(&staff(actor), |tx| {
            let position = check_position(tx, input.position_id)?;
            tx.execute(
                "INSERT INTO shifts (position_id, day, starts_at, ends_at, slots, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    input.position_id,
                    day.to_string(),
                    local_stamp(tx.tz, day, start)?,
                    local_stamp(tx.tz, day, end)?,
                    input.slots,
                    tx.now_str()
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.audit("shift", Some(id), "create", &format!("{position} {day} {}–{}", input.start, input.end))?;
            Ok(id)
        })?;
        self.shift_view(id)
    }

    /// The roster of the days in the range, in time order, with who is on each shift.
    pub fn shifts_roster(&self, _actor: &StaffActor, range: &DateRange) -> Result<Vec<ShiftView>> {
        let (from, to) = check_range(range)?;
        self.shift_views("s.day BETWEEN ?1 AND ?2", params![from.to_string(), to.to_string()])
    }

    /// Shifts in the range that still have open slots.
    pub fn shifts_unfilled(&self, actor: &StaffActor, range: &DateRange) -> Result<Vec<ShiftView>> {
        Ok(self.shifts_roster(actor, range)?.into_iter().filter(|s| s.open_slots > 0).collect())
    }

    pub(crate) fn shift_view(&self, id: i64) -> Result<ShiftView> {
        self.shift_views("s.id = ?1", params![id])?.pop().ok_or_else(|| AppError::not_found("班次"))
    }

    pub(crate) fn shift_views(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<ShiftView>> {
        let tz = self.tz();
        let mut views: Vec<ShiftView> = self
            .conn()
            .prepare(&format!(
                "{SHIFT_SELECT} WHERE s.cancelled_at IS NULL AND {filter} ORDER BY s.starts_at, p.name, s.id"
            ))?
            .query_map(args, |r| {
                let day: String = r.get(3)?;
                let weekday = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .map(|d| d.weekday().number_from_monday() as u8)
                    .unwrap_or(0);
                let slots: u32 = r.get(6)?;
                Ok(ShiftView {
                    id: r.get(0)?,
                    position_id: r.get(1)?,
                    position: r.get(2)?,
                    day,
                    weekday,
                    start: local_hm(tz, &r.get::<_, String>(4)?),
                    end: local_hm(tz, &r.get::<_, String>(5)?),
                    slots,
                    open_slots: slots,
                    people: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut people = self.conn().prepare(
            "SELECT a.id, a.volunteer_id, p.name, a.assigned_by IS NULL, a.override_reason,
                    t.signed_in_at, t.signed_out_at, COALESCE(t.needs_review, 0)
             FROM shift_assignments a JOIN volunteer_people p ON p.id = a.volunteer_id
             LEFT JOIN attendance t ON t.assignment_id = a.id
             WHERE a.shift_id = ?1 AND a.removed_at IS NULL ORDER BY a.id",
        )?;
        for v in &mut views {
            v.people = people
                .query_map([v.id], |r| {
                    Ok(AssignedPerson {
                        assignment_id: r.get(0)?,
                        volunteer_id: r.get(1)?,
                        name: r.get(2)?,
                        by_kiosk: r.get(3)?,
                        override_reason: r.get(4)?,
                        signed_in: r.get::<_, Option<String>>(5)?.map(|s| local_hm(tz, &s)),
                        signed_out: r.get::<_, Option<String>>(6)?.map(|s| local_hm(tz, &s)),
                        needs_review: r.get(7)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            v.open_slots = v.slots.saturating_sub(v.people.len() as u32);
        }
        Ok(views)
    }

    /// Puts a volunteer on a shift (picked from a list or dropped onto it).
    pub fn shift_assign(&mut self, actor: &StaffActor, input: &AssignInput) -> Result<AssignResult> {
        let is_admin = actor.require_admin().is_ok();
        let (_, warnings) = self.write(&staff(actor), |tx| assign(tx, input, is_admin))?;
        Ok(AssignResult { shift: self.shift_view(input.shift_id)?, warnings })
    }

    /// Takes a volunteer off a shift (kept on record with the reason); not once signed in.
    pub fn shift_unassign(&mut self, actor: &StaffActor, input: &UnassignInput) -> Result<ShiftView> {
        let reason = validate::optional_text("reason", "原因", &input.reason, 200)?;
        let shift_id = self.write(&staff(actor), |tx| {
            let found: Option<(i64, bool)> = tx
                .query_row(
                    "SELECT a.shift_id, EXISTS (SELECT 1 FROM attendance t WHERE t.assignment_id = a.id)
                     FROM shift_assignments a WHERE a.id = ?1 AND a.removed_at IS NULL",
                    [input.assignment_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (shift_id, signed) = found.ok_or_else(|| AppError::not_found("排班"))?;
            if signed {
                return Err(AppError::new(ErrorCode::Conflict, "已签到的排班不能撤下；如有误请更正时长"));
            }
            tx.execute(
                "UPDATE shift_assignments SET removed_at = ?1, removed_reason = ?2 WHERE id = ?3",
                params![tx.now_str(), reason, input.assignment_id],
            )?;
            tx.audit("shift_assignment", Some(input.assignment_id), "unassign", &reason)?;
            Ok(shift_id)
        })?;
        self.shift_view(shift_id)
    }
}
