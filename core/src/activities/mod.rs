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
pub mod demo;
pub mod ics;
pub mod kiosk;
pub mod requests;
pub mod schedule;
pub mod venues;

pub use bookings::*;
pub use calendar::*;
pub use demo::populate_activities;
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
