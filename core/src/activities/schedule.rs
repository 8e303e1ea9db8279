//! Scheduling activities: one occurrence or a weekly series, edited one occurrence or the
//! whole rest of a series; every occurrence goes through the room check; cancelling keeps
//! the bookings (marked as cancelled by the station).

use super::bookings::{promote_waitlist, BookingRow};
use super::venues::{room_problems, settle_room_problems};
use super::{minute_str, parse_date, parse_moment, parse_time, split_span};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use chrono::{Duration, NaiveDateTime};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ActivityStatus {
    Draft,
    Open,
    /// Open, and every place is taken (new bookings go to the waitlist).
    Full,
    /// Booking closed by staff.
    Closed,
    /// Took place; who did not check in became a no-show.
    Held,
    Cancelled,
}

impl ActivityStatus {
    fn from_stored(s: &str, booked: u32, capacity: u32) -> ActivityStatus {
        match s {
            "draft" => ActivityStatus::Draft,
            "open" if booked >= capacity => ActivityStatus::Full,
            "open" => ActivityStatus::Open,
            "closed" => ActivityStatus::Closed,
            "held" => ActivityStatus::Held,
            _ => ActivityStatus::Cancelled,
        }
    }
}

/// What staff fill in for an activity (one occurrence; a series repeats it weekly).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityInput {
    pub title: String,
    pub category_id: i64,
    /// A staff organiser; when neither this nor `organiserName` is given, the one saving it.
    pub organiser_staff_id: Option<i64>,
    /// A volunteer or partner unit, as free text for now.
    pub organiser_name: String,
    pub venue_id: i64,
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM
    pub start_time: String,
    pub end_time: String,
    pub capacity: u32,
    /// 'YYYY-MM-DD HH:MM'; None = open as soon as published.
    pub booking_opens_at: Option<String>,
    /// None = until the activity starts.
    pub booking_closes_at: Option<String>,
    pub min_age: Option<u32>,
    /// Empty = residents of any compound.
    pub compound_ids: Vec<i64>,
    pub description: String,
    /// data:image/png or image/jpeg;base64,…
    pub poster: Option<String>,
    /// true opens it for booking; false keeps it a draft.
    pub publish: bool,
    /// An admin's reason to schedule despite a room problem.
    pub override_reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityCreateInput {
    pub activity: ActivityInput,
    /// 1 = once; 8 = the same weekday and time for 8 weeks.
    pub weeks: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum EditScope {
    /// This occurrence only.
    One,
    /// This occurrence and every later one of its series.
    Following,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityUpdateInput {
    pub id: i64,
    pub scope: EditScope,
    pub activity: ActivityInput,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityCancelInput {
    pub id: i64,
    pub scope: EditScope,
    pub reason: String,
}

/// Publish (open), stop booking (closed), or back to draft (only with no bookings).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityStatusInput {
    pub id: i64,
    pub status: ActivityStatus,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Activity {
    pub id: i64,
    pub series_id: Option<i64>,
    pub title: String,
    pub category_id: i64,
    pub category: String,
    pub organiser_staff_id: Option<i64>,
    /// The staff member's name, else the free-text organiser.
    pub organiser: String,
    pub organiser_name: String,
    pub venue_id: i64,
    pub venue_name: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    /// 'YYYY-MM-DD HH:MM' local
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: u32,
    pub booking_opens_at: Option<String>,
    pub booking_closes_at: Option<String>,
    pub min_age: Option<u32>,
    pub compound_ids: Vec<i64>,
    pub description: String,
    pub has_poster: bool,
    pub status: ActivityStatus,
    pub booked: u32,
    pub waitlisted: u32,
    pub attended: u32,
    pub no_show: u32,
    pub override_reason: Option<String>,
    pub cancel_reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityDetail {
    pub activity: Activity,
    pub poster: Option<String>,
    /// Every booking, in arrival order (the waitlist's order).
    pub bookings: Vec<BookingRow>,
    /// How many occurrences of its series are still to come (this one included).
    pub series_remaining: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityCategory {
    pub id: i64,
    pub name: String,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityCategoryInput {
    pub id: Option<i64>,
    pub name: String,
    pub archived: bool,
}

pub(crate) const ACTIVITY_SELECT: &str =
    "SELECT a.id, a.series_id, a.title, a.category_id, c.name, a.organiser_staff_id,
        coalesce(s.display_name, a.organiser_name), a.organiser_name, a.venue_id, v.name, a.starts_at, a.ends_at,
        a.capacity, a.booking_opens_at, a.booking_closes_at, a.min_age,
        (SELECT group_concat(compound_id) FROM activity_compounds ac WHERE ac.activity_id = a.id),
        a.description, a.poster IS NOT NULL, a.status, a.override_reason, a.cancel_reason,
        (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status IN ('booked', 'attended', 'no_show')),
        (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'waitlisted'),
        (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'attended'),
        (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'no_show')
    FROM activities a
    JOIN activity_categories c ON c.id = a.category_id
    JOIN venues v ON v.id = a.venue_id
    LEFT JOIN staff s ON s.id = a.organiser_staff_id";

pub(crate) fn activity_from(r: &Row) -> rusqlite::Result<Activity> {
    let starts_at: String = r.get(10)?;
    let ends_at: String = r.get(11)?;
    let (date, start_time, end_time) = split_span(&starts_at, &ends_at);
    let capacity: u32 = r.get(12)?;
    let booked: u32 = r.get(22)?;
    let status: String = r.get(19)?;
    let compounds: Option<String> = r.get(16)?;
    Ok(Activity {
        id: r.get(0)?,
        series_id: r.get(1)?,
        title: r.get(2)?,
        category_id: r.get(3)?,
        category: r.get(4)?,
        organiser_staff_id: r.get(5)?,
        organiser: r.get(6)?,
        organiser_name: r.get(7)?,
        venue_id: r.get(8)?,
        venue_name: r.get(9)?,
        date,
        start_time,
        end_time,
        starts_at,
        ends_at,
        capacity,
        booking_opens_at: r.get(13)?,
        booking_closes_at: r.get(14)?,
        min_age: r.get(15)?,
        compound_ids: compounds.map(|c| c.split(',').filter_map(|x| x.parse().ok()).collect()).unwrap_or_default(),
        description: r.get(17)?,
        has_poster: r.get(18)?,
        status: ActivityStatus::from_stored(&status, booked, capacity),
        booked,
        waitlisted: r.get(23)?,
        attended: r.get(24)?,
        no_show: r.get(25)?,
        override_reason: r.get(20)?,
        cancel_reason: r.get(21)?,
    })
}

pub(crate) fn load_activity(conn: &rusqlite::Connection, id: i64) -> Result<Activity> {
    conn.query_row(&format!("{ACTIVITY_SELECT} WHERE a.id = ?1"), [id], activity_from)
        .optional()?
        .ok_or_else(|| AppError::not_found("活动"))
}

/// An activity input that passed every rule needing no room check.
struct Checked {
    title: String,
    category_id: i64,
    organiser_staff_id: Option<i64>,
    organiser_name: String,
    venue_id: i64,
    start: NaiveDateTime,
    end: NaiveDateTime,
    capacity: u32,
    /// Offsets from the start, so a series carries its booking window along.
    opens_before: Option<Duration>,
    closes_before: Option<Duration>,
    min_age: Option<u32>,
    compound_ids: Vec<i64>,
    description: String,
    poster: Option<String>,
    publish: bool,
}

const POSTER_MAX_CHARS: usize = 3_000_000;

fn check_poster(poster: &Option<String>) -> Result<Option<String>> {
    let Some(p) = poster.as_deref().map(str::trim).filter(|p| !p.is_empty()) else { return Ok(None) };
    let ok_kind = p.starts_with("data:image/png;base64,") || p.starts_with("data:image/jpeg;base64,");
    if !ok_kind {
        return Err(AppError::validation("poster", "海报只能是 PNG 或 JPEG 图片"));
    }
    if p.len() > POSTER_MAX_CHARS {
        return Err(AppError::validation("poster", "海报图片太大，请选择 2 MB 以内的图片"));
    }
    Ok(Some(p.to_string()))
}

fn check_fields(tx: &Tx, input: &ActivityInput) -> Result<Checked> {
    let title = validate::required_text("title", "活动名称", &input.title, 40)?;
    let category: Option<Option<String>> = tx
        .query_row("SELECT archived_at FROM activity_categories WHERE id = ?1", [input.category_id], |r| r.get(0))
        .optional()?;
    match category {
        None => return Err(AppError::validation("categoryId", "请选择活动类别")),
        Some(Some(_)) => return Err(AppError::validation("categoryId", "该活动类别已停用")),
        Some(None) => {}
    }
    let organiser_name = validate::optional_text("organiserName", "组织者", &input.organiser_name, 40)?;
    let organiser_staff_id = match input.organiser_staff_id {
        Some(id) => {
            let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM staff WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(AppError::validation("organiserStaffId", "所选工作人员不存在"));
            }
            Some(id)
        }
        None if organiser_name.is_empty() => tx.actor.staff_id(),
        None => None,
    };
    let venue_capacity: Option<u32> =
        tx.query_row("SELECT capacity FROM venues WHERE id = ?1", [input.venue_id], |r| r.get(0)).optional()?;
    let venue_capacity = venue_capacity.ok_or_else(|| AppError::validation("venueId", "请选择活动室"))?;
    let date = parse_date("date", "活动日期", &input.date)?;
    let start = date.and_time(parse_time("startTime", "开始时间", &input.start_time)?);
    let end = date.and_time(parse_time("endTime", "结束时间", &input.end_time)?);
    if end <= start {
        return Err(AppError::validation("endTime", "结束时间应晚于开始时间"));
    }
    if input.capacity == 0 {
        return Err(AppError::validation("capacity", "名额至少为 1 人"));
    }
    if input.capacity > venue_capacity {
        return Err(AppError::validation("capacity", format!("名额不能超过活动室容纳人数 {venue_capacity} 人")));
    }
    let moment = |field: &str, label: &str, v: &Option<String>| -> Result<Option<NaiveDateTime>> {
        v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(|s| parse_moment(field, label, s)).transpose()
    };
    let opens = moment("bookingOpensAt", "开始报名时间", &input.booking_opens_at)?;
    let closes = moment("bookingClosesAt", "截止报名时间", &input.booking_closes_at)?;
    if let Some(c) = closes {
        if c > start {
            return Err(AppError::validation("bookingClosesAt", "截止报名时间不能晚于活动开始时间"));
        }
    }
    if let (Some(o), Some(c)) = (opens, closes) {
        if o >= c {
            return Err(AppError::validation("bookingOpensAt", "开始报名时间应早于截止报名时间"));
        }
    }
    if input.min_age.is_some_and(|a| a > 130) {
        return Err(AppError::validation("minAge", "年龄要求应在 0 到 130 岁之间"));
    }
    let mut compound_ids = input.compound_ids.clone();
    compound_ids.sort_unstable();
    compound_ids.dedup();
    for c in &compound_ids {
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM compounds WHERE id = ?1)", [c], |r| r.get(0))?;
        if !exists {
            return Err(AppError::validation("compoundIds", "所选小区不存在"));
        }
    }
    Ok(Checked {
        title,
        category_id: input.category_id,
        organiser_staff_id,
        organiser_name,
        venue_id: input.venue_id,
        start,
        end,
        capacity: input.capacity,
        opens_before: opens.map(|o| start - o),
        closes_before: closes.map(|c| start - c),
        min_age: input.min_age,
        compound_ids,
        description: validate::optional_text("description", "活动介绍", &input.description, 2000)?,
        poster: check_poster(&input.poster)?,
        publish: input.publish,
    })
}

/// One occurrence's place in time: the checked input moved by whole weeks/days.
#[derive(Clone, Copy)]
struct Placement {
    start: NaiveDateTime,
    end: NaiveDateTime,
}

impl Checked {
    fn moved(&self, days: i64) -> Placement {
        Placement { start: self.start + Duration::days(days), end: self.end + Duration::days(days) }
    }

    fn write_fields(&self, tx: &Tx, id: i64, at: Placement) -> Result<()> {
        let opens = self.opens_before.map(|d| minute_str(at.start - d));
        let closes = self.closes_before.map(|d| minute_str(at.start - d));
        tx.execute(
            "UPDATE activities SET title = ?1, category_id = ?2, organiser_staff_id = ?3, organiser_name = ?4,
                    venue_id = ?5, starts_at = ?6, ends_at = ?7, capacity = ?8, booking_opens_at = ?9,
                    booking_closes_at = ?10, min_age = ?11, description = ?12, poster = ?13, updated_at = ?14
             WHERE id = ?15",
            params![
                self.title,
                self.category_id,
                self.organiser_staff_id,
                self.organiser_name,
                self.venue_id,
                minute_str(at.start),
                minute_str(at.end),
                self.capacity,
                opens,
                closes,
                self.min_age,
                self.description,
                self.poster,
                tx.now_str(),
                id
            ],
        )?;
        tx.execute("DELETE FROM activity_compounds WHERE activity_id = ?1", [id])?;
        for c in &self.compound_ids {
            tx.execute("INSERT INTO activity_compounds (activity_id, compound_id) VALUES (?1, ?2)", params![id, c])?;
        }
        Ok(())
    }
}

/// Room problems of every placement, each prefixed by nothing (the message names the date).
fn problems_of(tx: &Tx, venue_id: i64, placements: &[Placement], moving: &[i64]) -> Result<Vec<String>> {
    let mut all = Vec::new();
    for p in placements {
        all.extend(room_problems(tx, venue_id, p.start, p.end, moving, None)?);
        if all.len() >= 5 {
            break;
        }
    }
    Ok(all)
}

fn booked_count(tx: &Tx, activity_id: i64) -> Result<u32> {
    Ok(tx.query_row(
        "SELECT COUNT(*) FROM bookings WHERE activity_id = ?1 AND status IN ('booked', 'attended', 'no_show')",
        [activity_id],
        |r| r.get(0),
    )?)
}

/// The occurrences an edit or a cancellation applies to, in time order.
fn scope_ids(tx: &Tx, id: i64, scope: EditScope) -> Result<Vec<(i64, String, String)>> {
    let (series, starts_at, status): (Option<i64>, String, String) = tx
        .query_row("SELECT series_id, starts_at, status FROM activities WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| AppError::not_found("活动"))?;
    if status == "held" || status == "cancelled" {
        let what = if status == "held" { "已结束" } else { "已取消" };
        return Err(AppError::validation("id", format!("该活动{what}，不能再修改")));
    }
    match (scope, series) {
        (EditScope::Following, Some(series)) => Ok(tx
            .prepare(
                "SELECT id, starts_at, status FROM activities
                 WHERE series_id = ?1 AND starts_at >= ?2 AND status NOT IN ('held', 'cancelled') ORDER BY starts_at",
            )?
            .query_map(params![series, starts_at], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?),
        _ => Ok(vec![(id, starts_at, status)]),
    }
}

impl Station {
    pub fn activity_categories(&self, _actor: &StaffActor) -> Result<Vec<ActivityCategory>> {
        Ok(self
            .conn()
            .prepare("SELECT id, name, archived_at IS NOT NULL FROM activity_categories ORDER BY archived_at IS NOT NULL, id")?
            .query_map([], |r| Ok(ActivityCategory { id: r.get(0)?, name: r.get(1)?, archived: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The category list is editable; a category in use is archived, never deleted.
    pub fn activity_category_save(
        &mut self,
        actor: &StaffActor,
        input: &ActivityCategoryInput,
    ) -> Result<Vec<ActivityCategory>> {
        let name = validate::required_text("name", "类别名称", &input.name, 20)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM activity_categories WHERE name = ?1 AND id IS NOT ?2)",
                params![name, input.id],
                |r| r.get(0),
            )?;
            if taken {
                return Err(AppError::validation("name", format!("已有类别「{name}」")));
            }
            let archived = input.archived.then(|| tx.now_str());
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO activity_categories (name, archived_at) VALUES (?1, ?2)",
                        params![name, archived],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE activity_categories SET name = ?1, archived_at = ?2 WHERE id = ?3",
                        params![name, archived, id],
                    )?;
                    if n == 0 {
                        return Err(AppError::not_found("活动类别"));
                    }
                    id
                }
            };
            tx.audit("activity_category", Some(id), if input.id.is_some() { "update" } else { "create" }, &name)
        })?;
        self.activity_categories(actor)
    }

    /// Schedules one activity, or a weekly series of `weeks` occurrences; every occurrence
    /// must fit its room (or an admin overrides with a reason). Returns the first one.
    pub fn activity_create(&mut self, actor: &StaffActor, input: &ActivityCreateInput) -> Result<Activity> {
        if !(1..=52).contains(&input.weeks) {
            return Err(AppError::validation("weeks", "重复周数应在 1 到 52 之间"));
        }
        let id = self.write(&Actor::Staff(actor.clone()), |tx| {
            let c = check_fields(tx, &input.activity)?;
            let placements: Vec<Placement> = (0..i64::from(input.weeks)).map(|w| c.moved(7 * w)).collect();
            if placements[0].start <= tx.local_now() {
                return Err(AppError::validation("date", "活动开始时间已过，请选择以后的时间"));
            }
            let problems = problems_of(tx, c.venue_id, &placements, &[])?;
            let override_reason = settle_room_problems(tx, problems, input.activity.override_reason.as_deref())?;
            let series_id = if input.weeks > 1 {
                tx.execute("INSERT INTO activity_series (created_at) VALUES (?1)", [tx.now_str()])?;
                Some(tx.last_insert_rowid())
            } else {
                None
            };
            let status = if c.publish { "open" } else { "draft" };
            let mut first = None;
            for p in &placements {
                tx.execute(
                    "INSERT INTO activities (series_id, title, category_id, venue_id, starts_at, ends_at, capacity, status,
                                             override_reason, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                    params![
                        series_id,
                        c.title,
                        c.category_id,
                        c.venue_id,
                        minute_str(p.start),
                        minute_str(p.end),
                        c.capacity,
                        status,
                        override_reason,
                        tx.now_str()
                    ],
                )?;
                let id = tx.last_insert_rowid();
                c.write_fields(tx, id, *p)?;
                first.get_or_insert(id);
            }
            let id = first.ok_or_else(|| AppError::internal("no occurrence"))?;
            let detail = format!("{}（{} 次）{}", c.title, input.weeks, override_note(&override_reason));
            tx.audit("activity", Some(id), "create", &detail)?;
            Ok(id)
        })?;
        load_activity(self.conn(), id)
    }

    /// Edits one occurrence, or it and every later one of its series: a date change moves
    /// each of them by the same number of days; capacity never drops below who is booked,
    /// and a capacity raise promotes the waitlist.
    pub fn activity_update(&mut self, actor: &StaffActor, input: &ActivityUpdateInput) -> Result<Activity> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let targets = scope_ids(tx, input.id, input.scope)?;
            let c = check_fields(tx, &input.activity)?;
            let edited_start = targets
                .iter()
                .find(|(id, ..)| *id == input.id)
                .and_then(|(_, s, _)| super::parse_minute(s))
                .ok_or_else(|| AppError::internal("edited occurrence"))?;
            // Each occurrence keeps its distance in days from the edited one.
            let mut placements = Vec::new();
            for (id, starts_at, _) in &targets {
                let own = super::parse_minute(starts_at).ok_or_else(|| AppError::internal("stored time"))?;
                placements.push((*id, c.moved((own.date() - edited_start.date()).num_days())));
            }
            let moving: Vec<i64> = targets.iter().map(|t| t.0).collect();
            let spans: Vec<Placement> = placements.iter().map(|(_, p)| *p).collect();
            let problems = problems_of(tx, c.venue_id, &spans, &moving)?;
            let override_reason = settle_room_problems(tx, problems, input.activity.override_reason.as_deref())?;
            for (id, p) in &placements {
                let booked = booked_count(tx, *id)?;
                if c.capacity < booked {
                    return Err(AppError::validation(
                        "capacity",
                        format!(
                            "已有 {booked} 人预约（{}），名额不能少于 {booked}",
                            super::span_zh(&minute_str(p.start), &minute_str(p.end))
                        ),
                    ));
                }
                c.write_fields(tx, *id, *p)?;
                if override_reason.is_some() {
                    tx.execute(
                        "UPDATE activities SET override_reason = ?1 WHERE id = ?2",
                        params![override_reason, id],
                    )?;
                }
                promote_waitlist(tx, *id)?;
            }
            let detail = format!("{}（{} 次）{}", c.title, placements.len(), override_note(&override_reason));
            tx.audit("activity", Some(input.id), "update", &detail)
        })?;
        load_activity(self.conn(), input.id)
    }

    /// Cancels one occurrence or the rest of its series. Bookings stay, marked as cancelled
    /// by the station, so staff can still see whom to tell.
    pub fn activity_cancel(&mut self, actor: &StaffActor, input: &ActivityCancelInput) -> Result<Activity> {
        let reason = validate::required_text("reason", "取消原因", &input.reason, 200)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let targets = scope_ids(tx, input.id, input.scope)?;
            let mut affected = 0;
            for (id, ..) in &targets {
                tx.execute(
                    "UPDATE activities SET status = 'cancelled', cancel_reason = ?1, updated_at = ?2 WHERE id = ?3",
                    params![reason, tx.now_str(), id],
                )?;
                affected += tx.execute(
                    "UPDATE bookings SET status = 'station_cancelled', cancelled_at = ?1
                     WHERE activity_id = ?2 AND status IN ('booked', 'waitlisted')",
                    params![tx.now_str(), id],
                )?;
            }
            let detail = format!("{} 次，{affected} 个预约随之取消：{reason}", targets.len());
            tx.audit("activity", Some(input.id), "cancel", &detail)
        })?;
        load_activity(self.conn(), input.id)
    }

    pub fn activity_set_status(&mut self, actor: &StaffActor, input: &ActivityStatusInput) -> Result<Activity> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let a = load_activity(tx, input.id)?;
            let target = match input.status {
                ActivityStatus::Open => "open",
                ActivityStatus::Closed => "closed",
                ActivityStatus::Draft => "draft",
                _ => {
                    return Err(AppError::validation(
                        "status",
                        "只能发布、截止报名或退回草稿；取消活动请使用「取消活动」",
                    ))
                }
            };
            if matches!(a.status, ActivityStatus::Held | ActivityStatus::Cancelled) {
                return Err(AppError::validation("status", "该活动已结束或已取消，不能再更改状态"));
            }
            if target == "draft" && a.booked + a.waitlisted > 0 {
                return Err(AppError::validation("status", "已有居民预约，不能退回草稿；可截止报名或取消活动"));
            }
            tx.execute(
                "UPDATE activities SET status = ?1, updated_at = ?2 WHERE id = ?3",
                params![target, tx.now_str(), input.id],
            )?;
            tx.audit("activity", Some(input.id), target, &a.title)
        })?;
        load_activity(self.conn(), input.id)
    }

    pub fn activity_get(&self, _actor: &StaffActor, id: i64) -> Result<ActivityDetail> {
        let conn = self.conn();
        let activity = load_activity(conn, id)?;
        let poster: Option<String> =
            conn.query_row("SELECT poster FROM activities WHERE id = ?1", [id], |r| r.get(0))?;
        let bookings = super::bookings::booking_rows(conn, id)?;
        let series_remaining = match activity.series_id {
            Some(s) => conn.query_row(
                "SELECT COUNT(*) FROM activities WHERE series_id = ?1 AND starts_at >= ?2 AND status NOT IN ('held', 'cancelled')",
                params![s, activity.starts_at],
                |r| r.get(0),
            )?,
            None => 1,
        };
        Ok(ActivityDetail { activity, poster, bookings, series_remaining })
    }
}

fn override_note(reason: &Option<String>) -> String {
    reason.as_ref().map(|r| format!("，管理员强制安排：{r}")).unwrap_or_default()
}
