//! Volunteers: the hours ledger for the period's service days (approved entries and their
//! reversing corrections, summed, as the volunteers module's rankings do), and partner
//! units' report-in (双报到).
//!
//! - active: volunteers whose net minutes in the period are above zero;
//! - by kind: the volunteer's kind (在职党员, 网格员 …); by service kind: the entry's kind;
//! - top ten: by minutes, then name;
//! - units: every current partner unit, its expected members, how many of its current
//!   volunteers had reported in by the period's last day, the rate (rounded whole percent,
//!   `volunteers::units::report_in_percent`) and its members' hours in the period.

use super::{hours, rows, Bounds};
use crate::db::Station;
use crate::error::Result;
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

pub const SQL: [(&str, &str); 3] =
    [("volunteer hours", PER_PERSON), ("service kinds", BY_SERVICE), ("partner units", UNITS)];

/// Per person: net minutes and points, kind and unit; the name only for the top of the list
/// would save little, so it is joined for all.
const PER_PERSON: &str = "
SELECT t.vid, p.name, p.name_pinyin, k.name, v.unit_id, t.m, t.pts
  FROM (SELECT volunteer_id AS vid, SUM(minutes) AS m, SUM(points) AS pts FROM volunteer_ledger
         WHERE service_day >= :from AND service_day < :until GROUP BY volunteer_id) t
  JOIN volunteers v ON v.id = t.vid JOIN volunteer_kinds k ON k.id = v.kind_id
  JOIN volunteer_people p ON p.id = t.vid
 WHERE t.m > 0";

const BY_SERVICE: &str = "
SELECT service_kind, COUNT(DISTINCT volunteer_id), SUM(minutes) AS total FROM volunteer_ledger
 WHERE service_day >= :from AND service_day < :until GROUP BY service_kind HAVING total > 0";

const UNITS: &str = "
SELECT u.id, u.name, u.expected_members,
       (SELECT COUNT(*) FROM volunteers v WHERE v.unit_id = u.id AND v.status <> 'left'
           AND v.reported_in_on IS NOT NULL AND v.reported_in_on < :until)
  FROM partner_units u WHERE u.archived_at IS NULL ORDER BY u.name";

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<VolunteerFigures> {
    struct Person {
        name: String,
        pinyin: String,
        kind: String,
        unit: Option<i64>,
        minutes: i64,
        points: i64,
    }
    let people = rows(st, PER_PERSON, b, |r| {
        Ok(Person {
            name: r.get(1)?,
            pinyin: r.get(2)?,
            kind: r.get(3)?,
            unit: r.get(4)?,
            minutes: r.get(5)?,
            points: r.get(6)?,
        })
    })?;
    let mut f = VolunteerFigures::default();
    let mut kinds: BTreeMap<&str, (u32, i64)> = BTreeMap::new();
    let mut unit_minutes: BTreeMap<i64, i64> = BTreeMap::new();
    for p in &people {
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
    f.by_kind = kinds
        .into_iter()
        .map(|(label, (people, minutes))| HoursRow { label: label.into(), people, minutes, hours: hours(minutes) })
        .collect();
    f.by_kind.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.label.cmp(&b.label)));
    f.by_service_kind = rows(st, BY_SERVICE, b, |r| {
        let minutes: i64 = r.get(2)?;
        Ok(HoursRow { label: r.get(0)?, people: r.get(1)?, minutes, hours: hours(minutes) })
    })?;
    f.by_service_kind.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.label.cmp(&b.label)));
    let mut ranked: Vec<&Person> = people.iter().collect();
    ranked.sort_by(|a, b| b.minutes.cmp(&a.minutes).then_with(|| a.pinyin.cmp(&b.pinyin)));
    f.top_ten = ranked
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, p)| TopVolunteer {
            rank: i as u32 + 1,
            name: p.name.clone(),
            minutes: p.minutes,
            hours: hours(p.minutes),
            points: p.points,
        })
        .collect();
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
