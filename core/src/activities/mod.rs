//! Activities and venues (活动与活动室): rooms with hours and closed dates, activities
//! (single or weekly series) that cannot double-book a room, venue requests from groups,
//! residents' bookings with capacity, waitlist and check-in, the calendar and .ics export.
//!
//! Times are the station's local time as 'YYYY-MM-DD HH:MM' (see the migration), so that
//! string order is time order and "today" is a range scan.

use crate::actor::Actor;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub mod bookings;
pub mod calendar;
pub mod ics;
pub mod kiosk;
pub mod requests;
pub mod schedule;
pub mod venues;

pub use bookings::*;
pub use calendar::*;
pub use kiosk::*;
pub use requests::*;
pub use schedule::*;
pub use venues::*;

/// The stored form of a local moment.
pub(crate) const MINUTE_FORMAT: &str = "%Y-%m-%d %H:%M";

pub(crate) fn minute_str(t: NaiveDateTime) -> String {
    t.format(MINUTE_FORMAT).to_string()
}

pub(crate) fn parse_minute(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, MINUTE_FORMAT).ok()
}

pub(crate) fn parse_time(field: &str, label: &str, value: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M")
        .map_err(|_| AppError::validation(field, format!("{label}格式不正确，应为 时:分，如 15:00")))
}

pub(crate) fn parse_date(field: &str, label: &str, value: &str) -> Result<NaiveDate> {
    validate::date(field, label, value)
}

/// 'YYYY-MM-DD HH:MM' typed by staff (booking window), validated.
pub(crate) fn parse_moment(field: &str, label: &str, value: &str) -> Result<NaiveDateTime> {
    let v = value.trim().replace('T', " ");
    parse_minute(&v).ok_or_else(|| AppError::validation(field, format!("{label}格式不正确，应为 年-月-日 时:分")))
}

/// 2026年12月2日 15:00–16:30, how a time span is named in messages.
pub(crate) fn span_zh(start: &str, end: &str) -> String {
    match (parse_minute(start), parse_minute(end)) {
        (Some(s), Some(e)) => {
            format!("{} {}–{}", crate::clock::format_date_zh(s.date()), s.format("%H:%M"), e.format("%H:%M"))
        }
        _ => format!("{start}–{end}"),
    }
}

/// The date and the two times of a stored span, for display.
pub(crate) fn split_span(start: &str, end: &str) -> (String, String, String) {
    let date = start.get(..10).unwrap_or_default().to_string();
    let start_time = start.get(11..16).unwrap_or_default().to_string();
    let end_time = end.get(11..16).unwrap_or_default().to_string();
    (date, start_time, end_time)
}

impl Tx<'_> {
    pub(crate) fn local_now(&self) -> NaiveDateTime {
        self.now.with_timezone(&self.tz).naive_local()
    }
}

impl Station {
    pub(crate) fn local_now(&self) -> NaiveDateTime {
        self.now().with_timezone(&self.tz()).naive_local()
    }

    /// `write`, retried when another process holds the database past the busy timeout
    /// (the kiosk and the desk are separate connections; at rush hour a booking must not
    /// fail just because someone else was booking at the same instant).
    pub(crate) fn write_retrying<T>(&mut self, actor: &Actor, mut f: impl FnMut(&Tx) -> Result<T>) -> Result<T> {
        let mut attempt = 0u32;
        loop {
            match self.write(actor, &mut f) {
                Err(e) if e.code == ErrorCode::Busy && attempt < 50 => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5 + u64::from(attempt) * 10));
                }
                other => return other,
            }
        }
    }
}

#[cfg(test)]
mod tests;

/// One line of the demo programme: a series in a room on a weekday (0 = Monday).
struct DemoSeries {
    title: &'static str,
    category: i64,
    room: usize,
    weekday: i64,
    hours: (&'static str, &'static str),
    capacity: u32,
    weeks: u32,
}

/// Demo programme for a station that already has residents: three rooms, weekly series
/// (党课, 太极拳, 四点半课堂), a few single activities around today and bookings from the
/// register, all through the normal rules. Returns the number of activities scheduled.
pub fn populate_activities(
    station: &mut Station,
    actor: &crate::StaffActor,
    rng: &mut crate::demo::Rng,
) -> Result<usize> {
    let rooms =
        [("多功能厅", 60, "投影仪、音响、话筒"), ("书画室", 20, "书画桌、毛笔"), ("会议室", 30, "会议桌、白板")];
    let mut venue_ids = Vec::new();
    for (name, capacity, equipment) in rooms {
        let input = VenueInput {
            id: None,
            name: name.into(),
            capacity,
            equipment: equipment.into(),
            opens_at: "08:00".into(),
            closes_at: "21:00".into(),
            open_weekdays: (1..=7).collect(),
            archived: false,
        };
        venue_ids.push(station.venue_save(actor, &input)?.id);
    }
    let monday = bookings::week_start(station.today());
    let plan = [
        DemoSeries {
            title: "党课：学习二十届三中全会精神",
            category: 1,
            room: 0,
            weekday: 2,
            hours: ("09:30", "11:00"),
            capacity: 50,
            weeks: 4,
        },
        DemoSeries {
            title: "太极拳",
            category: 2,
            room: 0,
            weekday: 1,
            hours: ("15:00", "16:00"),
            capacity: 30,
            weeks: 8,
        },
        DemoSeries {
            title: "四点半课堂",
            category: 4,
            room: 2,
            weekday: 3,
            hours: ("16:30", "18:00"),
            capacity: 20,
            weeks: 8,
        },
        DemoSeries {
            title: "书法班",
            category: 2,
            room: 1,
            weekday: 4,
            hours: ("14:00", "16:00"),
            capacity: 15,
            weeks: 6,
        },
        DemoSeries {
            title: "健康讲座：冬季防流感",
            category: 3,
            room: 2,
            weekday: 5,
            hours: ("09:30", "11:00"),
            capacity: 30,
            weeks: 1,
        },
        DemoSeries {
            title: "志愿服务：义务理发",
            category: 5,
            room: 1,
            weekday: 6,
            hours: ("09:00", "11:30"),
            capacity: 12,
            weeks: 1,
        },
    ];
    let mut scheduled = 0;
    for DemoSeries { title, category, room, weekday, hours: (start, end), capacity, weeks } in plan {
        let mut date = monday + chrono::Duration::days(weekday);
        if date <= station.today() {
            date += chrono::Duration::days(7);
        }
        let input = ActivityInput {
            title: title.into(),
            category_id: category,
            venue_id: venue_ids[room],
            date: date.to_string(),
            start_time: start.into(),
            end_time: end.into(),
            capacity,
            publish: true,
            ..Default::default()
        };
        station.activity_create(actor, &ActivityCreateInput { activity: input, weeks })?;
        scheduled += weeks as usize;
    }
    let residents: Vec<i64> = station
        .conn()
        .prepare("SELECT id FROM residents WHERE archived_at IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let activities: Vec<(i64, u32)> = station
        .conn()
        .prepare("SELECT id, capacity FROM activities WHERE status = 'open' ORDER BY starts_at LIMIT 12")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (activity_id, capacity) in activities {
        // Some full with a waitlist, most with places left.
        let wanted = if rng.chance(25) { capacity as usize + 3 } else { rng.below(capacity as usize) };
        for _ in 0..wanted.min(residents.len()) {
            let input = DeskBookingInput { activity_id, resident_id: *rng.pick(&residents), join_waitlist: true };
            // A resident drawn twice, or not eligible, is simply skipped.
            let _ = station.booking_create(actor, &input);
        }
    }
    Ok(scheduled)
}
