//! Residents served and new registrations.
//!
//! Served = distinct registered residents who, in the period, had a (not cancelled) booking
//! for an activity held in it, posted a micro-wish, borrowed from the inventory (themselves,
//! or as a volunteer linked to their resident record), or brought a case.

use super::{rows, Bounds};
use crate::db::Station;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentFigures {
    /// Distinct residents served by any of the four ways (a person counts once).
    pub served: u32,
    pub served_by_activities: u32,
    pub served_by_wishes: u32,
    pub served_by_loans: u32,
    pub served_by_cases: u32,
    /// Residents registered in the period.
    pub new_registrations: u32,
}

pub const SQL: [(&str, &str); 1] = [("residents", RESIDENTS)];

/// One row per contact: kind (1 activity, 2 wish, 3 loan, 4 case) and resident (pairs
/// repeat: the caller counts each once, cheaper than a UNION's sort); then the registrations
/// as kind 0 with their count.
const RESIDENTS: &str = "
SELECT 1, b.resident_id FROM activities a JOIN bookings b ON b.activity_id = a.id
 WHERE a.starts_at >= :from AND a.starts_at < :until AND a.status <> 'cancelled'
   AND b.status IN ('booked', 'waitlisted', 'attended', 'no_show')
UNION ALL
SELECT 2, resident_id FROM wishes WHERE created_at >= :start AND created_at < :end AND resident_id IS NOT NULL
UNION ALL
SELECT 3, CASE WHEN l.borrower_kind = 'resident' THEN l.borrower_id ELSE v.resident_id END
  FROM inv_loans l LEFT JOIN volunteers v ON l.borrower_kind = 'volunteer' AND v.id = l.borrower_id
 WHERE l.lent_at >= :start AND l.lent_at < :end
   AND (l.borrower_kind = 'resident' OR v.resident_id IS NOT NULL)
UNION ALL
SELECT 4, resident_id FROM cases WHERE created_at >= :start AND created_at < :end AND resident_id IS NOT NULL
UNION ALL
SELECT 0, COUNT(*) FROM residents WHERE created_at >= :start AND created_at < :end";

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<ResidentFigures> {
    let pairs = rows(st, RESIDENTS, b, |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
    let mut f = ResidentFigures::default();
    let mut people = std::collections::HashSet::new();
    let mut seen = std::collections::HashSet::new();
    for (kind, id) in pairs {
        if kind == 0 {
            f.new_registrations = id as u32;
            continue;
        }
        if !seen.insert((kind, id)) {
            continue;
        }
        match kind {
            1 => f.served_by_activities += 1,
            2 => f.served_by_wishes += 1,
            3 => f.served_by_loans += 1,
            _ => f.served_by_cases += 1,
        }
        people.insert(id);
    }
    f.served = people.len() as u32;
    Ok(f)
}
