//! Volunteers: the hours ledger for the period's service days (approved entries and their
//! reversing corrections, summed, as the volunteers module's rankings do), and partner
//! units' report-in (双报到).
//!
//! - active: volunteers whose net minutes in the period are above zero;
//! - by kind: the volunteer's kind (在职党员, 网格员 …); by service kind: the entry's kind;
//! - top ten: the volunteers module's ranking (`ledger::rank_people`): most minutes, then name
//!   by pinyin (then id); equal minutes share a rank (并列), the cut at ten taken in that order;
//! - units: every current partner unit, its expected members, how many of its current
//!   volunteers had reported in by the period's last day, the rate (rounded whole percent,
//!   `volunteers::units::report_in_percent`) and its members' hours in the period.

use super::{hours, rows, Bounds};
use crate::db::Station;
use crate::error::Result;
use crate::volunteers::ledger::rank_people;
use crate::volunteers::units::report_in_percent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HoursRow {
    pub label: String,
    pub people: u32,
    pub minutes: i64,
    pub hours: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TopVolunteer {
    pub rank: u32,
    pub name: String,
    pub minutes: i64,
    pub hours: f64,
    pub points: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnitRow {
    pub name: String,
    pub expected: u32,
    pub reported_in: u32,
    /// Whole percent, null when nothing is expected.
    pub report_in_rate: Option<u32>,
    pub minutes: i64,
    pub hours: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerFigures {
    pub active: u32,
    pub minutes: i64,
    pub hours: f64,
    pub points: i64,
    pub by_kind: Vec<HoursRow>,
    pub by_service_kind: Vec<HoursRow>,
    pub top_ten: Vec<TopVolunteer>,
    pub units: Vec<UnitRow>,
    /// All units: reported in ÷ expected, whole percent.
    pub report_in_rate: Option<u32>,
}

pub const SQL: [(&str, &str); 2] = [("volunteer hours", LEDGER), ("partner units", UNITS)];

/// One pass over the period's ledger (the covering index volunteer_ledger_day): net minutes
/// and points per volunteer and service kind, with the volunteer's kind and unit.
const LEDGER: &str = "
SELECT l.vid, k.name, v.unit_id, l.sk, l.m, l.pts
  FROM (SELECT volunteer_id AS vid, service_kind AS sk, SUM(minutes) AS m, SUM(points) AS pts
          FROM volunteer_ledger WHERE service_day >= :from AND service_day < :until
         GROUP BY volunteer_id, service_kind) l
  JOIN volunteers v ON v.id = l.vid JOIN volunteer_kinds k ON k.id = v.kind_id";

#[derive(Default)]
struct Person {
    kind: String,
    unit: Option<i64>,
    minutes: i64,
    points: i64,
}

const UNITS: &str = "
SELECT u.id, u.name, u.expected_members, COALESCE(r.n, 0)
  FROM partner_units u
  LEFT JOIN (SELECT unit_id, COUNT(*) AS n FROM volunteers
              WHERE reported_in_on IS NOT NULL AND reported_in_on < :until AND status <> 'left' AND unit_id IS NOT NULL
              GROUP BY unit_id) r ON r.unit_id = u.id
 WHERE u.archived_at IS NULL ORDER BY u.name";

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<VolunteerFigures> {
    let lines = rows(st, LEDGER, b, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut people: BTreeMap<i64, Person> = BTreeMap::new();
    let mut services: BTreeMap<String, (u32, i64)> = BTreeMap::new();
    for (vid, kind, unit, service, minutes, points) in lines {
        let p = people.entry(vid).or_insert_with(|| Person { kind, unit, ..Default::default() });
        p.minutes += minutes;
        p.points += points;
        if minutes > 0 {
            let s = services.entry(service).or_default();
            s.0 += 1;
            s.1 += minutes;
        }
    }
    // active: net minutes above zero (a fully reversed entry leaves nobody active)
    people.retain(|_, p| p.minutes > 0);
    let mut f = VolunteerFigures::default();
    let mut kinds: BTreeMap<&str, (u32, i64)> = BTreeMap::new();
    let mut unit_minutes: BTreeMap<i64, i64> = BTreeMap::new();
    for p in people.values() {
        f.active += 1;
        f.minutes += p.minutes;
        f.points += p.points;
        let k = kinds.entry(&p.kind).or_default();
        k.0 += 1;
        k.1 += p.minutes;
        if let Some(u) = p.unit {
            *unit_minutes.entry(u).or_default() += p.minutes;
        }
    }
    f.hours = hours(f.minutes);
    let row =
        |(label, (people, minutes)): (String, (u32, i64))| HoursRow { label, people, minutes, hours: hours(minutes) };
    f.by_kind = kinds.into_iter().map(|(k, v)| row((k.to_string(), v))).collect();
    f.by_kind.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.label.cmp(&b.label)));
    f.by_service_kind = services.into_iter().map(row).collect();
    f.by_service_kind.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.label.cmp(&b.label)));
    f.top_ten = top_ten(st, b)?;
    let (mut expected, mut reported) = (0, 0);
    f.units = rows(st, UNITS, b, |r| {
        let id: i64 = r.get(0)?;
        let exp: u32 = r.get(2)?;
        let rep: u32 = r.get(3)?;
        let minutes = unit_minutes.get(&id).copied().unwrap_or(0);
        expected += exp;
        reported += rep;
        Ok(UnitRow {
            name: r.get(1)?,
            expected: exp,
            reported_in: rep,
            report_in_rate: report_in_percent(rep, exp),
            minutes,
            hours: hours(minutes),
        })
    })?;
    f.report_in_rate = report_in_percent(reported, expected);
    Ok(f)
}

/// The top ten by the volunteers module's one ranking rule (`ledger::rank_people`): most net
/// minutes, then name by pinyin; equal minutes share a rank (并列).
fn top_ten(st: &Station, b: &Bounds) -> Result<Vec<TopVolunteer>> {
    Ok(rank_people(st.conn(), b.from, b.to, 10)?
        .into_iter()
        .map(|p| TopVolunteer {
            rank: p.rank,
            name: p.name,
            minutes: p.minutes,
            hours: hours(p.minutes),
            points: p.points,
        })
        .collect())
}
