//! Activities: held, by category, participants, attendance rate, no-shows, room use.
//!
//! An activity belongs to the period it starts in. Held = not cancelled and ended by the
//! cutoff (the end of the as-of day; now while that day runs), whether or not the desk has
//! settled it yet. Settling (the activities module's rule) turns the bookings nobody checked
//! in into no-shows; until then an ended activity is 未核销 (unsettled): its bookings count in
//! `unsettledBookings`, neither as participants nor as no-shows, so a report never guesses.
//! Participants = attended bookings of settled activities; attendance rate = participants ÷
//! (participants + no-shows). Room use = hours of held activities per room (settled or not),
//! plus the approved group bookings (venue requests) starting in the period.

use super::{hours, ratio, rows, Bounds};
use crate::db::Station;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryRow {
    pub label: String,
    pub held: u32,
    pub participants: u32,
    pub no_shows: u32,
    pub attendance_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RoomRow {
    pub label: String,
    /// Held activities in this room.
    pub activities: u32,
    pub activity_hours: f64,
    /// Approved group bookings (venue requests) in this room.
    pub group_bookings: u32,
    pub group_hours: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityFigures {
    /// Ended by the cutoff, settled or not.
    pub held: u32,
    pub cancelled: u32,
    /// Attended bookings of settled activities (person-times).
    pub participants: u32,
    /// Bookings settled as no-shows.
    pub no_shows: u32,
    /// Held activities the desk has not settled yet (未核销).
    pub unsettled: u32,
    /// Their live bookings (checked in or not): counted in neither figure above until settled.
    pub unsettled_bookings: u32,
    /// attended ÷ (attended + no-shows), 0–1.
    pub attendance_rate: Option<f64>,
    pub by_category: Vec<CategoryRow>,
    pub rooms: Vec<RoomRow>,
}

pub const SQL: [(&str, &str); 2] = [("activities", ACTIVITIES), ("room requests", GROUP_SLOTS)];

/// One row per activity starting in the period that was held, cancelled, or published: its
/// state as of the cutoff (upcoming, unsettled, held, cancelled) and its attended, no-show and
/// still-booked counts, read from the bookings_activity_status index.
const ACTIVITIES: &str = "
SELECT c.name, v.name,
       CASE WHEN a.status = 'cancelled' THEN 'cancelled'
            WHEN a.ends_at > :cutoff_local THEN 'upcoming'
            WHEN a.status = 'held' THEN 'held' ELSE 'unsettled' END,
       a.starts_at, a.ends_at,
       (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'attended'),
       (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'no_show'),
       (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'booked')
  FROM activities a JOIN activity_categories c ON c.id = a.category_id JOIN venues v ON v.id = a.venue_id
 WHERE a.starts_at >= :from AND a.starts_at < :until AND a.status IN ('held', 'cancelled', 'open', 'closed')";

const GROUP_SLOTS: &str = "
SELECT v.name, s.starts_at, s.ends_at
  FROM venue_request_slots s JOIN venue_requests r ON r.id = s.request_id JOIN venues v ON v.id = s.venue_id
 WHERE s.starts_at >= :from AND s.starts_at < :until AND r.status = 'approved'";

/// Minutes between two local 'YYYY-MM-DD HH:MM' times.
fn minutes_between(a: &str, b: &str) -> i64 {
    let p = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
    match (p(a), p(b)) {
        (Some(a), Some(b)) => (b - a).num_minutes().max(0),
        _ => 0,
    }
}

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<ActivityFigures> {
    struct Act {
        category: String,
        room: String,
        status: String,
        minutes: i64,
        attended: u32,
        no_show: u32,
        booked: u32,
    }
    let acts = rows(st, ACTIVITIES, b, |r| {
        Ok(Act {
            category: r.get(0)?,
            room: r.get(1)?,
            status: r.get(2)?,
            minutes: minutes_between(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
            attended: r.get(5)?,
            no_show: r.get(6)?,
            booked: r.get(7)?,
        })
    })?;
    let mut f = ActivityFigures::default();
    let mut cats: BTreeMap<String, CategoryRow> = BTreeMap::new();
    let mut rooms: BTreeMap<String, (RoomRow, i64, i64)> = BTreeMap::new();
    for a in &acts {
        let settled = match a.status.as_str() {
            "held" => true,
            "unsettled" => false,
            "cancelled" => {
                f.cancelled += 1;
                continue;
            }
            _ => continue, // not over by the cutoff
        };
        f.held += 1;
        let c = cats
            .entry(a.category.clone())
            .or_insert_with(|| CategoryRow { label: a.category.clone(), ..Default::default() });
        c.held += 1;
        if settled {
            f.participants += a.attended;
            f.no_shows += a.no_show;
            c.participants += a.attended;
            c.no_shows += a.no_show;
        } else {
            f.unsettled += 1;
            f.unsettled_bookings += a.attended + a.booked;
        }
        let r = rooms
            .entry(a.room.clone())
            .or_insert_with(|| (RoomRow { label: a.room.clone(), ..Default::default() }, 0, 0));
        r.0.activities += 1;
        r.1 += a.minutes;
    }
    for (room, from, to) in
        rows(st, GROUP_SLOTS, b, |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
    {
        let r = rooms.entry(room.clone()).or_insert_with(|| (RoomRow { label: room, ..Default::default() }, 0, 0));
        r.0.group_bookings += 1;
        r.2 += minutes_between(&from, &to);
    }
    f.attendance_rate = ratio(u64::from(f.participants), u64::from(f.participants + f.no_shows));
    f.by_category = cats
        .into_values()
        .map(|mut c| {
            c.attendance_rate = ratio(u64::from(c.participants), u64::from(c.participants + c.no_shows));
            c
        })
        .collect();
    f.by_category.sort_by(|a, b| b.held.cmp(&a.held).then_with(|| a.label.cmp(&b.label)));
    f.rooms = rooms
        .into_values()
        .map(|(mut r, act, group)| {
            r.activity_hours = hours(act);
            r.group_hours = hours(group);
            r
        })
        .collect();
    Ok(f)
}
