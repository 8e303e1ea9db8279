//! Volunteers and service hours (志愿者与服务时长): the roster (a resident who serves is linked,
//! not copied), partner units and 双报到, the duty roster, sign-in/out, hour claims, and the
//! append-only hours/points ledger with rankings and the service certificate.
//!
//! Two functions other areas build on (micro-wishes credits its fulfillers through them):
//! - `Station::volunteer_kiosk_identify`: phone + 4-digit PIN at the kiosk, throttled per
//!   phone and for the whole kiosk (`crate::guard`);
//! - [`ledger_credit`]: appends an approved entry to the ledger.
//!
//! Hours are integer minutes everywhere.

pub mod attendance;
pub mod demo;
pub mod export;
pub mod import;
pub mod kiosk;
pub mod ledger;
pub mod national;
pub mod roster;
pub mod shifts;
pub mod units;

pub use demo::populate_volunteers;
pub use kiosk::{volunteer_with_pin, VolunteerIdentity};
pub use ledger::{ledger_credit, points_for, LedgerCredit};

use crate::error::{AppError, Result};
use rusqlite::{Connection, OptionalExtension};

/// The volunteer's name as a resident may see it (張*), or not-found.
pub(crate) fn volunteer_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM volunteer_people WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| AppError::not_found("志愿者"))
}

/// 90 → "1小时30分钟": how hours are said in messages.
pub fn format_minutes(minutes: i64) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}分钟"),
        (h, 0) => format!("{h}小时"),
        (h, m) => format!("{h}小时{m}分钟"),
    }
}

/// "09:30" → 570 minutes after midnight.
pub(crate) fn parse_clock_time(field: &str, value: &str) -> Result<u32> {
    let bad = || AppError::validation(field, "时间格式不正确，应为 时:分，如 09:00");
    let (h, m) = value.trim().split_once(':').ok_or_else(bad)?;
    let h: u32 = h.parse().map_err(|_| bad())?;
    let m: u32 = m.parse().map_err(|_| bad())?;
    if (h == 24 && m == 0) || (h < 24 && m < 60) {
        Ok(h * 60 + m)
    } else {
        Err(bad())
    }
}

pub(crate) fn clock_time(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests;
