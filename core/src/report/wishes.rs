//! Micro-wishes (微心愿) in the period.
//!
//! - received: wishes posted in the period (desk or kiosk), whatever became of them;
//! - published / claimed: wishes that moved into that state in the period (each counted once;
//!   a reminder, reassignment, join, credit edit or note keeps the state and is not counted);
//! - fulfilled: wishes marked fulfilled in the period and still fulfilled or completed now
//!   (a fulfilment sent back is not counted);
//! - on time: fulfilled on or before the promised date (station-local day);
//! - average days to fulfil: mean of (fulfilled − posted) in days, over the fulfilled;
//! - ratings: residents' ratings given in the period (满意 / 基本满意 / 不满意).

use super::{ratio, round, rows, Bounds};
use crate::db::Station;
use crate::error::Result;
use crate::wishes::WishKind;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishKindRow {
    pub key: String,
    pub label: String,
    pub received: u32,
    pub fulfilled: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishFigures {
    pub received: u32,
    pub published: u32,
    pub claimed: u32,
    pub fulfilled: u32,
    pub fulfilled_on_time: u32,
    /// fulfilled on time ÷ fulfilled, 0–1.
    pub on_time_rate: Option<f64>,
    /// Days, one decimal.
    pub avg_days_to_fulfil: Option<f64>,
    pub rated: u32,
    pub satisfied: u32,
    pub partly: u32,
    pub not_satisfied: u32,
    /// satisfied ÷ rated, 0–1.
    pub satisfaction_rate: Option<f64>,
    /// Every kind, in the wishes module's order.
    pub by_kind: Vec<WishKindRow>,
}

pub const SQL: [(&str, &str); 4] =
    [("wishes received", RECEIVED), ("wish steps", STEPS), ("wishes fulfilled", FULFILLED), ("wish ratings", RATINGS)];

const RECEIVED: &str =
    "SELECT kind, COUNT(*) FROM wishes WHERE created_at >= :start AND created_at < :end GROUP BY kind";

/// Steps that moved a wish INTO published or claimed: join, reassign, remind (督单), credit
/// edits and notes record the unchanged state as `to_state` and are not claims.
const STEPS: &str = "SELECT to_state, COUNT(DISTINCT wish_id) FROM wish_transitions
 WHERE at >= :start AND at < :end AND to_state IN ('published', 'claimed') AND from_state IS NOT to_state
 GROUP BY to_state";

const FULFILLED: &str = "SELECT kind, created_at, fulfilled_at, promised_date FROM wishes
 WHERE state IN ('fulfilled', 'completed') AND fulfilled_at >= :start AND fulfilled_at < :end";

const RATINGS: &str = "SELECT satisfaction, COUNT(*) FROM wishes
 WHERE rated_at >= :start AND rated_at < :end AND satisfaction IS NOT NULL GROUP BY satisfaction";

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<WishFigures> {
    let tz = st.tz();
    let mut f = WishFigures {
        by_kind: WishKind::ALL
            .iter()
            .map(|k| WishKindRow { key: k.as_str().into(), label: k.label().into(), ..Default::default() })
            .collect(),
        ..Default::default()
    };
    let kind_row = |f: &mut WishFigures, kind: &str| f.by_kind.iter().position(|r| r.key == kind);
    for (kind, n) in rows(st, RECEIVED, b, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
        f.received += n;
        if let Some(i) = kind_row(&mut f, &kind) {
            f.by_kind[i].received += n;
        }
    }
    for (state, n) in rows(st, STEPS, b, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
        match state.as_str() {
            "published" => f.published = n,
            _ => f.claimed = n,
        }
    }
    let fulfilled = rows(st, FULFILLED, b, |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, Option<String>>(3)?))
    })?;
    let mut total_seconds = 0i64;
    for (kind, created, done, promised) in &fulfilled {
        f.fulfilled += 1;
        if let Some(i) = kind_row(&mut f, kind) {
            f.by_kind[i].fulfilled += 1;
        }
        let (Some(created), Some(done)) = (parse(created), parse(done)) else { continue };
        total_seconds += (done - created).num_seconds().max(0);
        let day = crate::clock::local_date(done, tz).to_string();
        if promised.as_deref().is_some_and(|p| day.as_str() <= p) {
            f.fulfilled_on_time += 1;
        }
    }
    f.on_time_rate = ratio(u64::from(f.fulfilled_on_time), u64::from(f.fulfilled));
    f.avg_days_to_fulfil =
        (f.fulfilled > 0).then(|| round(total_seconds as f64 / 86_400.0 / f64::from(f.fulfilled), 1));
    for (sat, n) in rows(st, RATINGS, b, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))? {
        f.rated += n;
        match sat.as_str() {
            "satisfied" => f.satisfied += n,
            "partly" => f.partly += n,
            _ => f.not_satisfied += n,
        }
    }
    f.satisfaction_rate = ratio(u64::from(f.satisfied), u64::from(f.rated));
    Ok(f)
}

fn parse(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&chrono::Utc))
}
