//! Reading the programme: the desk's week/month calendar (rooms as columns for a day), the
//! list with filters, today's panel for the home page, and the .ics export.

use super::bookings::{week_start, PromotedBooking};
use super::schedule::{activity_from, Activity, ActivityStatus, ACTIVITY_SELECT};
use super::{parse_date, split_span};
use crate::actor::StaffActor;
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::residents;
use chrono::Duration;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest span one calendar read covers (a month view with its edge weeks).
const MAX_RANGE_DAYS: i64 = 62;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarQuery {
    /// YYYY-MM-DD, inclusive.
    pub from: String,
    /// YYYY-MM-DD, inclusive.
    pub to: String,
    pub venue_id: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum CalendarKind {
    Activity,
    /// An approved venue request.
    Request,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarEntry {
    pub kind: CalendarKind,
    pub id: i64,
    pub title: String,
    pub category: String,
    pub venue_id: i64,
    pub venue_name: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub starts_at: String,
    pub ends_at: String,
    /// None for a venue request.
    pub status: Option<ActivityStatus>,
    pub booked: u32,
    pub capacity: u32,
    pub waitlisted: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VenueBrief {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CalendarView {
    /// The columns of a day view.
    pub venues: Vec<VenueBrief>,
    pub entries: Vec<CalendarEntry>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityQuery {
    pub from: String,
    pub to: String,
    /// Part of the title.
    pub text: String,
    pub category_id: Option<i64>,
    pub venue_id: Option<i64>,
    pub status: Option<ActivityStatus>,
}

/// The desk home page's panel: today's activities and what needs a phone call.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivitiesToday {
    pub date: String,
    pub activities: Vec<Activity>,
    pub promotions: Vec<PromotedBooking>,
    pub requests_pending: u32,
    pub walk_ins_to_complete: u32,
    /// The first of them, so staff can open each record and complete it.
    pub walk_ins: Vec<WalkIn>,
}

/// A resident who registered at the kiosk with only a name and building.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WalkIn {
    pub resident_id: i64,
    pub name: String,
    pub phone_masked: String,
    pub registered_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IcsExport {
    pub path: String,
    pub events: u32,
}

fn range(from: &str, to: &str) -> Result<(String, String)> {
    let f = parse_date("from", "开始日期", from)?;
    let t = parse_date("to", "结束日期", to)?;
    if t < f {
        return Err(AppError::validation("to", "结束日期不能早于开始日期"));
    }
    if (t - f).num_days() > MAX_RANGE_DAYS {
        return Err(AppError::validation("to", format!("一次最多查看 {MAX_RANGE_DAYS} 天")));
    }
    // Stored spans are 'YYYY-MM-DD HH:MM': the day after `to` bounds the range.
    Ok((format!("{f} 00:00"), format!("{} 00:00", t + Duration::days(1))))
}

fn entry_of(a: Activity) -> CalendarEntry {
    CalendarEntry {
        kind: CalendarKind::Activity,
        id: a.id,
        title: a.title,
        category: a.category,
        venue_id: a.venue_id,
        venue_name: a.venue_name,
        date: a.date,
        start_time: a.start_time,
        end_time: a.end_time,
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        status: Some(a.status),
        booked: a.booked,
        capacity: a.capacity,
        waitlisted: a.waitlisted,
    }
}

impl Station {
    pub fn activities_calendar(&self, _actor: &StaffActor, q: &CalendarQuery) -> Result<CalendarView> {
        let (from, to) = range(&q.from, &q.to)?;
        let conn = self.conn();
        let venues = conn
            .prepare("SELECT id, name FROM venues WHERE archived_at IS NULL OR id = ?1 ORDER BY name")?
            .query_map([q.venue_id], |r| Ok(VenueBrief { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let mut entries: Vec<CalendarEntry> = conn
            .prepare_cached(&format!(
                "{ACTIVITY_SELECT} WHERE a.starts_at >= ?1 AND a.starts_at < ?2 AND (?3 IS NULL OR a.venue_id = ?3)
                 ORDER BY a.starts_at"
            ))?
            .query_map(params![from, to, q.venue_id], activity_from)?
            .map(|a| a.map(entry_of))
            .collect::<rusqlite::Result<_>>()?;
        let requests = conn
            .prepare_cached(
                "SELECT r.id, r.group_name, r.purpose, s.venue_id, v.name, s.starts_at, s.ends_at
                 FROM venue_request_slots s JOIN venue_requests r ON r.id = s.request_id JOIN venues v ON v.id = s.venue_id
                 WHERE s.starts_at >= ?1 AND s.starts_at < ?2 AND r.status = 'approved' AND (?3 IS NULL OR s.venue_id = ?3)",
            )?
            .query_map(params![from, to, q.venue_id], |r| {
                let starts_at: String = r.get(5)?;
                let ends_at: String = r.get(6)?;
                let (date, start_time, end_time) = split_span(&starts_at, &ends_at);
                Ok(CalendarEntry {
                    kind: CalendarKind::Request,
                    id: r.get(0)?,
                    title: r.get(1)?,
                    category: r.get(2)?,
                    venue_id: r.get(3)?,
                    venue_name: r.get(4)?,
                    date,
                    start_time,
                    end_time,
                    starts_at,
                    ends_at,
                    status: None,
                    booked: 0,
                    capacity: 0,
                    waitlisted: 0,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        entries.extend(requests);
        entries.sort_by(|a, b| a.starts_at.cmp(&b.starts_at).then(a.venue_name.cmp(&b.venue_name)));
        Ok(CalendarView { venues, entries })
    }

    pub fn activities_list(&self, _actor: &StaffActor, q: &ActivityQuery) -> Result<Vec<Activity>> {
        let (from, to) = range(&q.from, &q.to)?;
        let status = q.status.map(|s| match s {
            ActivityStatus::Full => "open",
            ActivityStatus::Draft => "draft",
            ActivityStatus::Open => "open",
            ActivityStatus::Closed => "closed",
            ActivityStatus::Held => "held",
            ActivityStatus::Cancelled => "cancelled",
        });
        // SQLite refuses LIKE patterns over 50 000 bytes: a pasted essay is a bad search.
        let text = crate::validate::optional_text("text", "搜索内容", &q.text, 100)?;
        let text = format!("%{}%", text.replace(['%', '_'], ""));
        let list: Vec<Activity> = self
            .conn()
            .prepare(&format!(
                "{ACTIVITY_SELECT} WHERE a.starts_at >= ?1 AND a.starts_at < ?2 AND a.title LIKE ?3
                   AND (?4 IS NULL OR a.category_id = ?4) AND (?5 IS NULL OR a.venue_id = ?5)
                   AND (?6 IS NULL OR a.status = ?6)
                 ORDER BY a.starts_at LIMIT 500"
            ))?
            .query_map(params![from, to, text, q.category_id, q.venue_id, status], activity_from)?
            .collect::<rusqlite::Result<_>>()?;
        // Full is open with every place taken: filter it (and plain open) after counting.
        Ok(match q.status {
            Some(s @ (ActivityStatus::Full | ActivityStatus::Open)) => {
                list.into_iter().filter(|a| a.status == s).collect()
            }
            _ => list,
        })
    }

    pub fn activities_today(&self, actor: &StaffActor) -> Result<ActivitiesToday> {
        let today = self.today().to_string();
        let activities = self
            .activities_list(actor, &ActivityQuery { from: today.clone(), to: today.clone(), ..Default::default() })?;
        let requests_pending: u32 =
            self.conn().query_row("SELECT COUNT(*) FROM venue_requests WHERE status = 'pending'", [], |r| r.get(0))?;
        Ok(ActivitiesToday {
            date: today,
            activities: activities.into_iter().filter(|a| a.status != ActivityStatus::Draft).collect(),
            promotions: self.promotions_pending(actor)?,
            requests_pending,
            walk_ins_to_complete: residents::walk_ins_to_complete(self.conn())?,
            walk_ins: self
                .conn()
                .prepare(
                    "SELECT id, name, phone, created_at FROM residents
                     WHERE needs_completion = 1 AND archived_at IS NULL ORDER BY id LIMIT 10",
                )?
                .query_map([], |r| {
                    Ok(WalkIn {
                        resident_id: r.get(0)?,
                        name: r.get(1)?,
                        phone_masked: crate::validate::mask_phone(&r.get::<_, String>(2)?),
                        registered_at: r.get(3)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?,
        })
    }

    /// The programme from `from` to `to` as an iCalendar file (drafts and cancelled
    /// activities left out), for staff calendars.
    pub fn activities_ics(&self, actor: &StaffActor, q: &CalendarQuery) -> Result<String> {
        let list = self.activities_list(
            actor,
            &ActivityQuery { from: q.from.clone(), to: q.to.clone(), venue_id: q.venue_id, ..Default::default() },
        )?;
        let published: Vec<Activity> = list
            .into_iter()
            .filter(|a| !matches!(a.status, ActivityStatus::Draft | ActivityStatus::Cancelled))
            .collect();
        let station = self.settings()?.station_name;
        Ok(super::ics::programme(&station, self.tz(), &published, self.now()))
    }

    /// Writes the programme's .ics file (beside the destination, then renamed into place).
    pub fn activities_export_ics(
        &self,
        actor: &StaffActor,
        q: &CalendarQuery,
        path: &std::path::Path,
    ) -> Result<IcsExport> {
        let text = self.activities_ics(actor, q)?;
        let part = crate::tabular::partial_path(path);
        std::fs::write(&part, text.as_bytes())?;
        crate::tabular::finish_partial(&part, path)?;
        Ok(IcsExport { path: path.display().to_string(), events: text.matches("BEGIN:VEVENT").count() as u32 })
    }

    /// Monday of the week holding `date` (the desk's week view starts there).
    pub fn week_of(date: chrono::NaiveDate) -> chrono::NaiveDate {
        week_start(date)
    }
}
