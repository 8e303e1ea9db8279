//! Cases (接诉即办): the cases module's own figures (cases/figures.rs: response, resolution
//! and satisfaction rates, confirmed unreasonable complaints left out of every rate) for the
//! cases reported in the period, overall and by kind, plus the count by source. A case not
//! accepted counts against the response rate once its accept limit has passed by the cutoff
//! (the end of the as-of day, or now while it runs), so a past month does not move with the
//! clock; a case still inside its limit then is not counted either way.

use super::{rows, Bounds};
use crate::cases::figures::{FigureRow, CASE_FACTS_SQL};
use crate::cases::CaseSource;
use crate::db::Station;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseKindRow {
    pub key: String,
    pub label: String,
    /// Cases of the kind reported in the period, confirmed unreasonable ones included.
    pub total: u32,
    /// Of them, confirmed unreasonable (left out of the rates).
    pub unreasonable: u32,
    pub response_rate: Option<f64>,
    pub resolution_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountRow {
    pub key: String,
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseSummary {
    pub received: u32,
    /// Confirmed unreasonable complaints (counted in `received`, left out of the rates).
    pub unreasonable: u32,
    /// 0–1 each; null when nothing was counted.
    pub response_rate: Option<f64>,
    pub resolution_rate: Option<f64>,
    pub satisfaction_rate: Option<f64>,
    pub followed_up: u32,
    pub avg_handling_hours: Option<f64>,
    pub by_kind: Vec<CaseKindRow>,
    /// Every source, in the cases module's order.
    pub by_source: Vec<CountRow>,
}

pub const SQL: [(&str, &str); 2] = [("cases", CASE_FACTS_SQL), ("case sources", SOURCES)];

const SOURCES: &str =
    "SELECT source, COUNT(*) FROM cases WHERE created_at >= :start AND created_at < :end GROUP BY source";

fn r4(x: Option<f64>) -> Option<f64> {
    x.map(|v| super::round(v, 4))
}

fn kind_row(r: &FigureRow) -> CaseKindRow {
    CaseKindRow {
        key: r.key.clone(),
        label: r.label.clone(),
        total: r.total,
        unreasonable: r.unreasonable,
        response_rate: r4(r.response_rate),
        resolution_rate: r4(r.resolution_rate),
        satisfaction_rate: r4(r.satisfaction_rate),
    }
}

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<CaseSummary> {
    let (all, kinds) = st.cases_figures_between(&b.start, &b.end, &b.cutoff)?;
    let counts = rows(st, SOURCES, b, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))?;
    Ok(CaseSummary {
        received: all.total,
        unreasonable: all.unreasonable,
        response_rate: r4(all.response_rate),
        resolution_rate: r4(all.resolution_rate),
        satisfaction_rate: r4(all.satisfaction_rate),
        followed_up: all.followed_up,
        avg_handling_hours: all.avg_handling_hours.map(|h| super::round(h, 1)),
        by_kind: kinds.iter().map(kind_row).collect(),
        by_source: CaseSource::ALL
            .iter()
            .map(|s| CountRow {
                key: s.as_str().into(),
                label: s.label().into(),
                count: counts.iter().find(|(k, _)| k == s.as_str()).map_or(0, |(_, n)| *n),
            })
            .collect(),
    })
}
