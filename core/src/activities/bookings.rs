//! Bookings (预约): capacity inside one IMMEDIATE transaction, the waitlist served in arrival
//! order, check-in, no-shows after the activity. The kiosk's flows (phone + PIN) are in
//! `kiosk.rs`; both use the one rule set here.

use super::schedule::{load_activity, ActivityStatus};
use super::{minute_str, parse_minute, span_zh};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::residents;
use crate::validate;
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Residents may check in from this long before the start until the end.
pub(super) const CHECK_IN_EARLY_MINUTES: i64 = 60;
/// How far ahead the kiosk lists activities.
pub(super) const KIOSK_DAYS_AHEAD: i64 = 28;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BookingStatus {
    Booked,
    Waitlisted,
    Attended,
    NoShow,
    /// By the resident, or by staff on their behalf.
    Cancelled,
    /// The activity was cancelled by the station.
    StationCancelled,
}

impl BookingStatus {
    pub(crate) fn parse(s: &str) -> BookingStatus {
        match s {
            "booked" => BookingStatus::Booked,
            "waitlisted" => BookingStatus::Waitlisted,
            "attended" => BookingStatus::Attended,
            "no_show" => BookingStatus::NoShow,
            "cancelled" => BookingStatus::Cancelled,
            _ => BookingStatus::StationCancelled,
        }
    }
}

/// The receipt number a resident is told: stable, short, no personal data.
pub fn receipt_of(booking_id: i64) -> String {
    format!("YY{booking_id:06}")
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingResult {
    pub booking_id: i64,
    pub receipt: String,
    pub status: BookingStatus,
    /// 1 = next to be promoted.
    pub waitlist_position: Option<u32>,
    pub activity_id: i64,
    pub activity_title: String,
    pub venue_name: String,
    pub starts_at: String,
    pub ends_at: String,
    pub masked_name: String,
    /// Set when the person holds another booking at an overlapping time.
    pub warning: Option<String>,
}

/// A line of an activity's booking list at the desk (and of the sign-in sheet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BookingRow {
    pub id: i64,
    pub receipt: String,
    pub resident_id: i64,
    pub name: String,
    pub phone_masked: String,
    /// Compound and building, e.g. 阳光花园 3号楼.
    pub building: String,
    pub status: BookingStatus,
    pub channel: String,
    pub booked_at: String,
    pub promoted_at: Option<String>,
    pub promotion_notified: bool,
    pub checked_in_at: Option<String>,
    pub waitlist_position: Option<u32>,
}

/// Someone moved up from the waitlist, whom staff should phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PromotedBooking {
    pub booking_id: i64,
    pub receipt: String,
    pub activity_id: i64,
    pub activity_title: String,
    pub starts_at: String,
    pub resident_id: i64,
    pub name: String,
    /// The whole number: staff phone them.
    pub phone: String,
    pub promoted_at: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CancelOutcome {
    pub booking_id: i64,
    pub promoted: Vec<PromotedBooking>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeskBookingInput {
    pub activity_id: i64,
    pub resident_id: i64,
    /// When the activity is full, join the waitlist instead of being refused.
    pub join_waitlist: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInInput {
    pub booking_id: i64,
    /// false takes a check-in back (a wrong tick).
    pub attended: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceItem {
    pub booking_id: i64,
    pub activity_id: i64,
    pub activity_title: String,
    pub starts_at: String,
    pub status: BookingStatus,
}

/// One person's attendance record.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendance {
    pub booked: u32,
    pub attended: u32,
    pub no_show: u32,
    pub cancelled: u32,
    pub items: Vec<AttendanceItem>,
}

pub(super) fn waitlist_position(conn: &Connection, activity_id: i64, booking_id: i64) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM bookings WHERE activity_id = ?1 AND status = 'waitlisted' AND id <= ?2",
        params![activity_id, booking_id],
        |r| r.get(0),
    )?)
}

fn count_booked(conn: &Connection, activity_id: i64) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM bookings WHERE activity_id = ?1 AND status IN ('booked', 'attended', 'no_show')",
        [activity_id],
        |r| r.get(0),
    )?)
}

/// Moves the first waiting people up while places are free, as long as the activity has
/// not started and still takes people. Returns the promoted booking ids, in order.
pub(crate) fn promote_waitlist(tx: &Tx, activity_id: i64) -> Result<Vec<i64>> {
    let (capacity, status, starts_at, title): (u32, String, String, String) =
        tx.query_row("SELECT capacity, status, starts_at, title FROM activities WHERE id = ?1", [activity_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let mut promoted = Vec::new();
    if !(status == "open" || status == "closed") || starts_at <= minute_str(tx.local_now()) {
        return Ok(promoted);
    }
    let mut booked = count_booked(tx, activity_id)?;
    while booked < capacity {
        let next: Option<i64> = tx
            .query_row(
                "SELECT id FROM bookings WHERE activity_id = ?1 AND status = 'waitlisted' ORDER BY id LIMIT 1",
                [activity_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = next else { break };
        tx.execute("UPDATE bookings SET status = 'booked', promoted_at = ?1 WHERE id = ?2", params![tx.now_str(), id])?;
        tx.audit("booking", Some(id), "promote", &format!("{title}：候补转为正式预约 {}", receipt_of(id)))?;
        promoted.push(id);
        booked += 1;
    }
    Ok(promoted)
}

/// What the booking rules need to know about the person booking.
struct Booker {
    name: String,
    birth_date: Option<String>,
    birth_year: Option<i32>,
    compound_id: Option<i64>,
    archived: bool,
}

/// The one booking rule set, for the kiosk and the desk alike.
pub(super) fn book(
    tx: &Tx,
    activity_id: i64,
    resident_id: i64,
    join_waitlist: bool,
    channel: &str,
) -> Result<BookingResult> {
    let a = load_activity(tx, activity_id)?;
    let now = minute_str(tx.local_now());
    match a.status {
        ActivityStatus::Draft => return Err(AppError::new(ErrorCode::Conflict, "该活动尚未发布，暂不能预约")),
        ActivityStatus::Closed => return Err(AppError::new(ErrorCode::Conflict, "该活动报名已截止")),
        ActivityStatus::Held => return Err(AppError::new(ErrorCode::Conflict, "该活动已结束")),
        ActivityStatus::Cancelled => return Err(AppError::new(ErrorCode::Conflict, "该活动已取消")),
        ActivityStatus::Open | ActivityStatus::Full => {}
    }
    if let Some(reason) = window_refusal(&a.booking_opens_at, &a.booking_closes_at, &a.starts_at, &now) {
        return Err(AppError::new(ErrorCode::Conflict, reason));
    }
    let person: Option<Booker> = tx
        .query_row(
            "SELECT name, birth_date, birth_year, compound_id, archived_at FROM residents WHERE id = ?1",
            [resident_id],
            |r| {
                Ok(Booker {
                    name: r.get(0)?,
                    birth_date: r.get(1)?,
                    birth_year: r.get(2)?,
                    compound_id: r.get(3)?,
                    archived: r.get::<_, Option<String>>(4)?.is_some(),
                })
            },
        )
        .optional()?;
    let Booker { name, birth_date, birth_year, compound_id, archived } =
        person.ok_or_else(|| AppError::validation("residentId", "居民不存在"))?;
    if archived {
        return Err(AppError::validation("residentId", "该居民已归档，请先恢复再预约"));
    }
    if let Some(min_age) = a.min_age {
        match residents::age_on(tx.today(), birth_date.as_deref(), birth_year) {
            Some(age) if age >= min_age => {}
            Some(_) => return Err(AppError::new(ErrorCode::Conflict, format!("该活动限 {min_age} 岁及以上居民参加"))),
            None => {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    format!("该活动限 {min_age} 岁及以上居民参加，您的年龄未登记，请到服务台登记后预约"),
                ))
            }
        }
    }
    if !a.compound_ids.is_empty() && !compound_id.is_some_and(|c| a.compound_ids.contains(&c)) {
        let names: Vec<String> = tx
            .prepare("SELECT c.name FROM activity_compounds ac JOIN compounds c ON c.id = ac.compound_id WHERE ac.activity_id = ?1")?
            .query_map([activity_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return Err(AppError::new(ErrorCode::Conflict, format!("该活动仅限{}居民参加", names.join("、"))));
    }
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, status FROM bookings WHERE activity_id = ?1 AND resident_id = ?2
               AND status IN ('booked', 'waitlisted', 'attended', 'no_show')",
            params![activity_id, resident_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, status)) = existing {
        let state = if status == "waitlisted" { "已在候补名单中" } else { "已预约过此活动" };
        return Err(AppError::new(ErrorCode::Conflict, format!("{state}（回执号 {}），不能重复预约", receipt_of(id))));
    }
    // The read of the booked count and the insert are one IMMEDIATE transaction: no other
    // writer can slip in between, so capacity holds whatever the concurrency.
    let status = if count_booked(tx, activity_id)? < a.capacity {
        "booked"
    } else if join_waitlist {
        "waitlisted"
    } else {
        return Err(AppError::new(ErrorCode::ActivityFull, format!("「{}」名额已满，可以加入候补", a.title)));
    };
    let warning: Option<String> = tx
        .query_row(
            "SELECT a.title, a.starts_at, a.ends_at FROM bookings b JOIN activities a ON a.id = b.activity_id
             WHERE b.resident_id = ?1 AND b.status IN ('booked', 'waitlisted') AND a.id <> ?2
               AND a.status <> 'cancelled' AND a.starts_at < ?4 AND a.ends_at > ?3 LIMIT 1",
            params![resident_id, activity_id, a.starts_at, a.ends_at],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?
        .map(|(t, s, e)| format!("提醒：与已预约的「{t}」（{}）时间重叠", span_zh(&s, &e)));
    tx.execute(
        "INSERT INTO bookings (activity_id, resident_id, status, channel, booked_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![activity_id, resident_id, status, channel, tx.now_str()],
    )?;
    let id = tx.last_insert_rowid();
    let masked_name = validate::mask_name(&name);
    tx.audit("booking", Some(id), status, &format!("{}：{masked_name}", a.title))?;
    Ok(BookingResult {
        booking_id: id,
        receipt: receipt_of(id),
        status: BookingStatus::parse(status),
        waitlist_position: if status == "waitlisted" { Some(waitlist_position(tx, activity_id, id)?) } else { None },
        activity_id,
        activity_title: a.title,
        venue_name: a.venue_name,
        starts_at: a.starts_at,
        ends_at: a.ends_at,
        masked_name,
        warning,
    })
}

pub(super) fn window_refusal(
    opens: &Option<String>,
    closes: &Option<String>,
    starts_at: &str,
    now: &str,
) -> Option<String> {
    if let Some(o) = opens.as_deref().filter(|o| *o > now) {
        let when = parse_minute(o).map(|t| t.format("%m月%d日 %H:%M").to_string()).unwrap_or_default();
        return Some(format!("该活动 {when} 开始报名"));
    }
    let closes = closes.as_deref().unwrap_or(starts_at);
    (now >= closes).then(|| "该活动报名已截止".to_string())
}

/// Cancels a live booking (booked or waitlisted); a freed place goes to the waitlist.
pub(super) fn cancel(tx: &Tx, booking_id: i64, resident: Option<i64>) -> Result<Vec<i64>> {
    let row: Option<(i64, i64, String, String, String)> = tx
        .query_row(
            "SELECT b.activity_id, b.resident_id, b.status, a.starts_at, a.title
             FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE b.id = ?1",
            [booking_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (activity_id, owner, status, starts_at, title) = match row {
        // A kiosk user asking about someone else's booking learns nothing about it.
        Some(r) if resident.is_none_or(|me| me == r.1) => r,
        _ => return Err(AppError::not_found("预约")),
    };
    if !(status == "booked" || status == "waitlisted") {
        return Err(AppError::new(ErrorCode::Conflict, "该预约已签到、已结束或已取消，不能再取消"));
    }
    if resident.is_some() && starts_at <= minute_str(tx.local_now()) {
        return Err(AppError::new(ErrorCode::Conflict, "活动已开始，不能在终端取消，请联系工作人员"));
    }
    tx.execute(
        "UPDATE bookings SET status = 'cancelled', cancelled_at = ?1 WHERE id = ?2",
        params![tx.now_str(), booking_id],
    )?;
    tx.audit(
        "booking",
        Some(booking_id),
        "cancel",
        &format!("{title}：{} 取消（居民 {owner}）", receipt_of(booking_id)),
    )?;
    if status == "booked" {
        promote_waitlist(tx, activity_id)
    } else {
        Ok(Vec::new())
    }
}

/// Marks a booking as attended (or takes the mark back). The kiosk may check in only within
/// the check-in window of the person's own booking.
pub(super) fn check_in(tx: &Tx, booking_id: i64, attended: bool, resident: Option<i64>) -> Result<()> {
    let row: Option<(i64, String, String, String, String)> = tx
        .query_row(
            "SELECT b.resident_id, b.status, a.starts_at, a.ends_at, a.status
             FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE b.id = ?1",
            [booking_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let (_, status, starts_at, ends_at, activity_status) = match row {
        Some(r) if resident.is_none_or(|me| me == r.0) => r,
        _ => return Err(AppError::not_found("预约")),
    };
    if activity_status == "cancelled" {
        return Err(AppError::new(ErrorCode::Conflict, "该活动已取消"));
    }
    let now = tx.local_now();
    let start = parse_minute(&starts_at).ok_or_else(|| AppError::internal("stored time"))?;
    if now < start - Duration::minutes(CHECK_IN_EARLY_MINUTES) {
        return Err(AppError::new(ErrorCode::Conflict, "还没到签到时间：活动开始前 1 小时起可以签到"));
    }
    if attended {
        let may = status == "booked" || (resident.is_none() && status == "no_show");
        if status == "attended" {
            return Err(AppError::new(ErrorCode::Conflict, "已经签到过了"));
        }
        if !may {
            return Err(AppError::new(ErrorCode::Conflict, "只有已预约的居民可以签到"));
        }
        if resident.is_some() && minute_str(now) >= ends_at {
            return Err(AppError::new(ErrorCode::Conflict, "活动已结束，不能再签到"));
        }
        tx.execute(
            "UPDATE bookings SET status = 'attended', checked_in_at = ?1 WHERE id = ?2",
            params![tx.now_str(), booking_id],
        )?;
    } else {
        if status != "attended" {
            return Err(AppError::new(ErrorCode::Conflict, "该预约尚未签到"));
        }
        let back = if activity_status == "held" { "no_show" } else { "booked" };
        tx.execute("UPDATE bookings SET status = ?1, checked_in_at = NULL WHERE id = ?2", params![back, booking_id])?;
    }
    tx.audit("booking", Some(booking_id), if attended { "check_in" } else { "undo_check_in" }, &receipt_of(booking_id))
}

/// Activities that have ended become held; who booked and did not check in is a no-show.
pub(crate) fn settle_finished(tx: &Tx) -> Result<usize> {
    let now = minute_str(tx.local_now());
    let due: Vec<i64> = tx
        .prepare("SELECT id FROM activities WHERE status IN ('open', 'closed') AND ends_at <= ?1")?
        .query_map([&now], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in &due {
        tx.execute("UPDATE activities SET status = 'held', updated_at = ?1 WHERE id = ?2", params![tx.now_str(), id])?;
        let no_shows =
            tx.execute("UPDATE bookings SET status = 'no_show' WHERE activity_id = ?1 AND status = 'booked'", [id])?;
        tx.audit("activity", Some(*id), "held", &format!("活动结束，{no_shows} 人未签到"))?;
    }
    Ok(due.len())
}

pub(crate) fn booking_rows(conn: &Connection, activity_id: i64) -> Result<Vec<BookingRow>> {
    let mut waiting = 0u32;
    let rows = conn
        .prepare(
            "SELECT b.id, b.resident_id, r.name, r.phone, coalesce(c.name, ''), coalesce(bd.name, ''), b.status, b.channel,
                    b.booked_at, b.promoted_at, b.promotion_notified_at IS NOT NULL, b.checked_in_at
             FROM bookings b JOIN residents r ON r.id = b.resident_id
             LEFT JOIN compounds c ON c.id = r.compound_id LEFT JOIN buildings bd ON bd.id = r.building_id
             WHERE b.activity_id = ?1 ORDER BY b.id",
        )?
        .query_map([activity_id], |r| {
            let id: i64 = r.get(0)?;
            let phone: String = r.get(3)?;
            let building = format!("{} {}", r.get::<_, String>(4)?, r.get::<_, String>(5)?).trim().to_string();
            Ok(BookingRow {
                id,
                receipt: receipt_of(id),
                resident_id: r.get(1)?,
                name: r.get(2)?,
                phone_masked: validate::mask_phone(&phone),
                building,
                status: BookingStatus::parse(&r.get::<_, String>(6)?),
                channel: r.get(7)?,
                booked_at: r.get(8)?,
                promoted_at: r.get(9)?,
                promotion_notified: r.get(10)?,
                checked_in_at: r.get(11)?,
                waitlist_position: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|mut row| {
            if row.status == BookingStatus::Waitlisted {
                waiting += 1;
                row.waitlist_position = Some(waiting);
            }
            row
        })
        .collect())
}

fn promoted_rows(conn: &Connection, filter: &str, p: &[&dyn rusqlite::ToSql]) -> Result<Vec<PromotedBooking>> {
    Ok(conn
        .prepare(&format!(
            "SELECT b.id, b.activity_id, a.title, a.starts_at, b.resident_id, r.name, r.phone, b.promoted_at
             FROM bookings b JOIN activities a ON a.id = b.activity_id JOIN residents r ON r.id = b.resident_id
             WHERE {filter} ORDER BY b.promoted_at, b.id"
        ))?
        .query_map(p, |r| {
            let id: i64 = r.get(0)?;
            Ok(PromotedBooking {
                booking_id: id,
                receipt: receipt_of(id),
                activity_id: r.get(1)?,
                activity_title: r.get(2)?,
                starts_at: r.get(3)?,
                resident_id: r.get(4)?,
                name: r.get(5)?,
                phone: r.get(6)?,
                promoted_at: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

impl Station {
    /// Staff book for someone at the desk.
    pub fn booking_create(&mut self, actor: &StaffActor, input: &DeskBookingInput) -> Result<BookingResult> {
        self.write_retrying(&Actor::Staff(actor.clone()), |tx| {
            book(tx, input.activity_id, input.resident_id, input.join_waitlist, "desk")
        })
    }

    /// Staff cancel a booking; whoever moves up from the waitlist is returned so the desk
    /// can phone them.
    pub fn booking_cancel(&mut self, actor: &StaffActor, booking_id: i64) -> Result<CancelOutcome> {
        let promoted = self.write_retrying(&Actor::Staff(actor.clone()), |tx| cancel(tx, booking_id, None))?;
        Ok(CancelOutcome { booking_id, promoted: self.promoted_by_ids(&promoted)? })
    }

    pub fn booking_check_in(&mut self, actor: &StaffActor, input: &CheckInInput) -> Result<BookingRow> {
        let activity_id = self.write_retrying(&Actor::Staff(actor.clone()), |tx| {
            check_in(tx, input.booking_id, input.attended, None)?;
            Ok(tx.query_row("SELECT activity_id FROM bookings WHERE id = ?1", [input.booking_id], |r| r.get(0))?)
        })?;
        booking_rows(self.conn(), activity_id)?
            .into_iter()
            .find(|b| b.id == input.booking_id)
            .ok_or_else(|| AppError::not_found("预约"))
    }

    fn promoted_by_ids(&self, ids: &[i64]) -> Result<Vec<PromotedBooking>> {
        let json = serde_json::to_string(ids).map_err(AppError::internal)?;
        promoted_rows(self.conn(), "b.id IN (SELECT value FROM json_each(?1))", &[&json])
    }

    /// People promoted from a waitlist whom nobody has phoned yet (upcoming activities).
    pub fn promotions_pending(&self, _actor: &StaffActor) -> Result<Vec<PromotedBooking>> {
        let now = minute_str(self.local_now());
        promoted_rows(
            self.conn(),
            "b.promoted_at IS NOT NULL AND b.promotion_notified_at IS NULL AND b.status = 'booked' AND a.starts_at > ?1",
            &[&now],
        )
    }

    pub fn promotion_mark_notified(&mut self, actor: &StaffActor, booking_id: i64) -> Result<()> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let n = tx.execute(
                "UPDATE bookings SET promotion_notified_at = ?1
                 WHERE id = ?2 AND promoted_at IS NOT NULL AND promotion_notified_at IS NULL",
                params![tx.now_str(), booking_id],
            )?;
            if n == 0 {
                return Err(AppError::not_found("候补转正记录"));
            }
            tx.audit("booking", Some(booking_id), "promotion_notified", &receipt_of(booking_id))
        })
    }

    /// A person's attendance record (the desk's resident view; figures per person).
    pub fn resident_attendance(&self, _actor: &StaffActor, resident_id: i64) -> Result<Attendance> {
        let items: Vec<AttendanceItem> = self
            .conn()
            .prepare(
                "SELECT b.id, a.id, a.title, a.starts_at, b.status FROM bookings b JOIN activities a ON a.id = b.activity_id
                 WHERE b.resident_id = ?1 ORDER BY a.starts_at DESC LIMIT 200",
            )?
            .query_map([resident_id], |r| {
                Ok(AttendanceItem {
                    booking_id: r.get(0)?,
                    activity_id: r.get(1)?,
                    activity_title: r.get(2)?,
                    starts_at: r.get(3)?,
                    status: BookingStatus::parse(&r.get::<_, String>(4)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let count = |s: &[BookingStatus]| items.iter().filter(|i| s.contains(&i.status)).count() as u32;
        Ok(Attendance {
            booked: count(&[BookingStatus::Booked, BookingStatus::Attended, BookingStatus::NoShow]),
            attended: count(&[BookingStatus::Attended]),
            no_show: count(&[BookingStatus::NoShow]),
            cancelled: count(&[BookingStatus::Cancelled, BookingStatus::StationCancelled]),
            items,
        })
    }

    /// Turns ended activities into held ones (no-shows marked). Cheap when nothing is due,
    /// so every desk view calls it before reading.
    pub fn activities_settle(&mut self) -> Result<usize> {
        let now = minute_str(self.local_now());
        let due: bool = self.conn().query_row(
            "SELECT EXISTS (SELECT 1 FROM activities WHERE status IN ('open', 'closed') AND ends_at <= ?1)",
            [&now],
            |r| r.get(0),
        )?;
        if !due {
            return Ok(0);
        }
        self.write_retrying(&Actor::System, settle_finished)
    }
}

pub(crate) fn week_start(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}
