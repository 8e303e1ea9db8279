//! Time limits: accept within hours, resolve within working days (weekends skipped, the
//! station's calendar of holidays and 调休 workdays applied), the clock every open case shows,
//! and the automatic escalation of overdue cases, applied deterministically whenever the
//! open list or the home panel is computed (or on `cases_tick`), recorded as the system's.

use super::workflow::{self, CaseFacts};
use super::{stored_enum, CaseAction, CaseKind, CaseStatus};
use crate::actor::{Actor, StaffActor};
use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

stored_enum!(DayKind { Holiday => "holiday" / "节假日", Workday => "workday" / "调休上班" });

stored_enum!(
    /// Which limit the clock counts down to.
    DueKind {
        Accept => "accept" / "受理时限",
        Resolve => "resolve" / "办结时限",
        DepartmentReport => "department_report" / "部门报到时限",
    }
);

stored_enum!(ClockState {
    Ok => "ok" / "正常",
    Near => "near" / "临近时限",
    Overdue => "overdue" / "已逾期",
    Stopped => "stopped" / "已办结",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseLimit {
    pub kind: CaseKind,
    pub accept_hours: u32,
    pub resolve_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    /// YYYY-MM-DD
    pub day: String,
    pub kind: DayKind,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDayInput {
    /// YYYY-MM-DD
    pub day: String,
    /// None removes the exception (the day is ordinary again).
    pub kind: Option<DayKind>,
    pub note: String,
}

/// What the clock of a case says now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseClock {
    pub state: ClockState,
    pub due_kind: Option<DueKind>,
    pub due_at: Option<String>,
    /// Negative once overdue.
    pub remaining_minutes: Option<i64>,
}

impl CaseClock {
    pub fn stopped() -> CaseClock {
        CaseClock { state: ClockState::Stopped, due_kind: None, due_at: None, remaining_minutes: None }
    }
}

/// Monday to Friday, except the listed holidays, plus the listed 调休 weekend workdays.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    exceptions: HashMap<NaiveDate, DayKind>,
}

impl WorkCalendar {
    pub fn new(exceptions: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> WorkCalendar {
        WorkCalendar { exceptions: exceptions.into_iter().collect() }
    }

    pub fn load(conn: &Connection) -> Result<WorkCalendar> {
        let mut stmt = conn.prepare("SELECT day, kind FROM case_calendar")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut exceptions = HashMap::new();
        for row in rows {
            let (day, kind) = row?;
            if let (Ok(d), Some(k)) = (NaiveDate::parse_from_str(&day, "%Y-%m-%d"), DayKind::parse(&kind)) {
                exceptions.insert(d, k);
            }
        }
        Ok(WorkCalendar { exceptions })
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.exceptions.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The same local time of day, `days` working days after `start` (the day of `start`
    /// itself never counts, so a case reported on Saturday morning with 2 days is due
    /// Tuesday morning).
    pub fn add_working_days(&self, start: DateTime<Utc>, days: u32, tz: Tz) -> DateTime<Utc> {
        let local = start.with_timezone(&tz);
        let mut day = local.date_naive();
        let mut counted = 0;
        // A year of holidays cannot hold more than ~370 days in a row: bound the walk.
        let mut steps = 0;
        while counted < days && steps < 4000 {
            day = day.succ_opt().unwrap_or(day);
            steps += 1;
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        let naive = day.and_time(local.time());
        // Around a DST change the wall time may not exist; fall back to the calendar offset.
        tz.from_local_datetime(&naive)
            .earliest()
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or(start + Duration::days(i64::from(steps)))
    }
}

pub(crate) fn parse_ts(value: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(value).ok().map(|d| d.with_timezone(&Utc))
}

/// The end of a local day (a department reports "by 11月28日": until 23:59:59 that day).
pub(crate) fn end_of_day(day: &str, tz: Tz) -> Option<DateTime<Utc>> {
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    tz.from_local_datetime(&d.and_hms_opt(23, 59, 59)?).earliest().map(|t| t.with_timezone(&Utc))
}

/// "YYYY-MM-DD HH:MM" typed at the desk (station time) → UTC.
pub(crate) fn parse_local_minute(field: &str, label: &str, value: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let bad = || AppError::validation(field, format!("{label}格式不正确，应为 年-月-日 时:分，如 2026-11-25 14:30"));
    let naive = chrono::NaiveDateTime::parse_from_str(value.trim(), "%Y-%m-%d %H:%M").map_err(|_| bad())?;
    tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(bad)
}

/// The facts a clock needs, as stored.
#[derive(Debug, Clone)]
pub(crate) struct ClockFacts<'a> {
    pub status: CaseStatus,
    pub created_at: &'a str,
    pub accept_due: &'a str,
    pub resolve_due: &'a str,
    pub resolved: bool,
    pub report_due: Option<&'a str>,
    pub department_reported: bool,
}

/// Near = less than a quarter of the whole allowance left.
pub(crate) fn clock_for(f: &ClockFacts, now: DateTime<Utc>, tz: Tz) -> CaseClock {
    if !f.status.is_open() || f.status == CaseStatus::Answered || f.resolved {
        return CaseClock::stopped();
    }
    let mut candidates: Vec<(DueKind, DateTime<Utc>)> = Vec::with_capacity(2);
    if f.status == CaseStatus::Reported {
        candidates.extend(parse_ts(f.accept_due).map(|d| (DueKind::Accept, d)));
    } else {
        candidates.extend(parse_ts(f.resolve_due).map(|d| (DueKind::Resolve, d)));
        if !f.department_reported {
            candidates.extend(f.report_due.and_then(|d| end_of_day(d, tz)).map(|d| (DueKind::DepartmentReport, d)));
        }
    }
    let Some((kind, due)) = candidates.into_iter().min_by_key(|(_, d)| *d) else {
        return CaseClock::stopped();
    };
    let remaining = (due - now).num_minutes();
    let allowance = parse_ts(f.created_at).map(|c| (due - c).num_minutes()).unwrap_or(0).max(1);
    let state = if now > due {
        ClockState::Overdue
    } else if remaining * 4 <= allowance {
        ClockState::Near
    } else {
        ClockState::Ok
    };
    CaseClock { state, due_kind: Some(kind), due_at: Some(clock::timestamp(due)), remaining_minutes: Some(remaining) }
}

pub(crate) fn limit_for(conn: &Connection, kind: CaseKind) -> Result<CaseLimit> {
    Ok(conn.query_row("SELECT accept_hours, resolve_days FROM case_limits WHERE kind = ?1", [kind.as_str()], |r| {
        Ok(CaseLimit { kind, accept_hours: r.get(0)?, resolve_days: r.get(1)? })
    })?)
}

/// The deadlines a case gets when reported at `from` (kept with the case: a later change of
/// the limits does not move the deadlines of cases already running).
pub(crate) fn deadlines(tx: &Tx, kind: CaseKind, from: DateTime<Utc>) -> Result<(String, String)> {
    let limit = limit_for(tx, kind)?;
    let calendar = WorkCalendar::load(tx)?;
    let accept = from + Duration::hours(i64::from(limit.accept_hours));
    let resolve = calendar.add_working_days(from, limit.resolve_days, tx.tz);
    Ok((clock::timestamp(accept), clock::timestamp(resolve)))
}

/// Escalates every open case past a limit it has not yet been escalated for: one level per
/// limit per round, recorded as the system's transition. Returns how many were escalated.
pub(crate) fn escalate_overdue(tx: &Tx) -> Result<u32> {
    let now = tx.now_str();
    let due: Vec<(i64, bool, bool)> = tx
        .prepare(
            "SELECT id, status = 'reported' AND accept_escalated = 0 AND accept_due < ?1,
                    resolved_at IS NULL AND resolve_escalated = 0 AND resolve_due < ?1
             FROM cases
             WHERE status IN ('reported', 'filed', 'assigned', 'handling')
               AND ((status = 'reported' AND accept_escalated = 0 AND accept_due < ?1)
                 OR (resolved_at IS NULL AND resolve_escalated = 0 AND resolve_due < ?1))",
        )?
        .query_map([&now], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, accept_late, resolve_late) in &due {
        for (late, flag, what) in
            [(*accept_late, "accept_escalated", "受理时限"), (*resolve_late, "resolve_escalated", "办结时限")]
        {
            if !late {
                continue;
            }
            let facts = CaseFacts::load(tx, *id)?;
            tx.execute(&format!("UPDATE cases SET {flag} = 1 WHERE id = ?1"), [id])?;
            let to_level = facts.level.next().unwrap_or(facts.level);
            let note = if to_level == facts.level {
                format!("超过{what}，已是最高层级（{}），继续督办", facts.level.label())
            } else {
                format!("超过{what}，自动升级至{}", to_level.label())
            };
            if to_level != facts.level {
                tx.execute("UPDATE cases SET escalations = escalations + 1 WHERE id = ?1", [id])?;
            }
            workflow::record(tx, &facts, CaseAction::AutoEscalate, facts.status, to_level, &note)?;
        }
    }
    Ok(due.len() as u32)
}

impl Station {
    /// Applies the automatic escalations due now (idempotent: a second call finds none).
    pub fn cases_tick(&mut self) -> Result<u32> {
        let now = clock::timestamp(self.now());
        // Most reads find nothing due: check without taking the write lock.
        let any: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM cases WHERE status IN ('reported', 'filed', 'assigned', 'handling')
               AND ((status = 'reported' AND accept_escalated = 0 AND accept_due < ?1)
                 OR (resolved_at IS NULL AND resolve_escalated = 0 AND resolve_due < ?1)))",
            [&now],
            |r| r.get(0),
        )?;
        if !any {
            return Ok(0);
        }
        self.write(&Actor::System, escalate_overdue)
    }

    pub fn cases_limits(&self) -> Result<Vec<CaseLimit>> {
        CaseKind::ALL.iter().map(|k| limit_for(self.conn(), *k)).collect()
    }

    pub fn cases_calendar(&self) -> Result<Vec<CalendarDay>> {
        let mut stmt = self.conn().prepare("SELECT day, kind, note FROM case_calendar ORDER BY day")?;
        let rows = stmt.query_map([], |r| {
            Ok(CalendarDay {
                day: r.get(0)?,
                kind: super::parse_stored(&r.get::<_, String>(1)?, DayKind::parse)?,
                note: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Admin only: the new limits apply to cases reported from now on.
    pub fn cases_limits_save(&mut self, actor: &StaffActor, limits: &[CaseLimit]) -> Result<Vec<CaseLimit>> {
        actor.require_admin()?;
        for l in limits {
            if !(1..=720).contains(&l.accept_hours) {
                return Err(AppError::validation("acceptHours", "受理时限应在 1 到 720 小时之间"));
            }
            if !(1..=365).contains(&l.resolve_days) {
                return Err(AppError::validation("resolveDays", "办结时限应在 1 到 365 个工作日之间"));
            }
        }
        self.write(&Actor::Staff(actor.clone()), |tx| {
            for l in limits {
                tx.execute(
                    "UPDATE case_limits SET accept_hours = ?1, resolve_days = ?2 WHERE kind = ?3",
                    params![l.accept_hours, l.resolve_days, l.kind.as_str()],
                )?;
                tx.audit(
                    "case_limit",
                    None,
                    "update",
                    &format!("{}：受理 {} 小时，办结 {} 个工作日", l.kind.label(), l.accept_hours, l.resolve_days),
                )?;
            }
            Ok(())
        })?;
        self.cases_limits()
    }

    /// Admin only: marks a day as a holiday or a 调休 workday, or (kind None) ordinary again.
    pub fn cases_calendar_save(&mut self, actor: &StaffActor, input: &CalendarDayInput) -> Result<Vec<CalendarDay>> {
        actor.require_admin()?;
        let day = validate::date("day", "日期", &input.day)?.to_string();
        let note = validate::optional_text("note", "说明", &input.note, 40)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            match input.kind {
                Some(kind) => tx.execute(
                    "INSERT INTO case_calendar (day, kind, note) VALUES (?1, ?2, ?3)
                     ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, note = excluded.note",
                    params![day, kind.as_str(), note],
                )?,
                None => tx.execute("DELETE FROM case_calendar WHERE day = ?1", [&day])?,
            };
            let what = input.kind.map_or("普通日", |k| k.label());
            tx.audit("case_calendar", None, "update", &format!("{day}：{what}"))
        })?;
        self.cases_calendar()
    }
}
