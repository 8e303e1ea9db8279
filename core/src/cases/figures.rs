//! The figures (三率 and handling time) by kind, grid, handler and month, for the screen and
//! for the monthly summary, which calls `Station::cases_figures` for its month.
//!
//! Definitions (a case belongs to the month it was reported in, station time):
//! - response rate = accepted within the accept limit ÷ (accepted + not accepted and past the
//!   limit); cases still inside their limit are not yet counted either way;
//! - resolution rate = latest follow-up "solved" ÷ cases followed up ("partly solved" is not
//!   solved);
//! - satisfaction rate = latest follow-up "satisfied" ÷ cases followed up;
//! - average handling time = mean hours from report to the handler's result, over cases
//!   with a result;
//! - a complaint confirmed as unreasonable by a second reviewer counts in `total` and
//!   `unreasonable` only: it is left out of every rate and average, so it never counts
//!   against the handler. A proposal not yet confirmed changes nothing.

use super::deadlines::parse_ts;
use super::{CaseKind, CaseStatus, Resolution, Satisfaction};
use crate::actor::{Actor, StaffActor};
use crate::clock;
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::tabular::{write_xlsx, Cell, Column, Sheet};
use chrono::{Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FiguresInput {
    /// YYYY-MM, first month included.
    pub from_month: String,
    /// YYYY-MM, last month included.
    pub to_month: String,
}

/// The figures of one group (the whole period, one kind, one grid, one handler, one month).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FigureRow {
    pub key: String,
    pub label: String,
    pub total: u32,
    /// Confirmed unreasonable complaints (left out of everything below).
    pub unreasonable: u32,
    pub accepted_in_time: u32,
    /// Denominator of the response rate.
    pub response_counted: u32,
    pub response_rate: Option<f64>,
    pub resolved: u32,
    pub avg_handling_hours: Option<f64>,
    pub followed_up: u32,
    pub solved: u32,
    pub partly_solved: u32,
    pub unsolved: u32,
    pub resolution_rate: Option<f64>,
    pub satisfied: u32,
    pub neutral: u32,
    pub dissatisfied: u32,
    pub satisfaction_rate: Option<f64>,
    pub escalated: u32,
    pub closed: u32,
    /// Still open and past the resolve limit now.
    pub overdue_open: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseFigures {
    pub from_month: String,
    pub to_month: String,
    pub overall: FigureRow,
    pub by_kind: Vec<FigureRow>,
    pub by_grid: Vec<FigureRow>,
    pub by_handler: Vec<FigureRow>,
    pub by_month: Vec<FigureRow>,
}

struct Fact {
    kind: CaseKind,
    grid: String,
    handler: String,
    month: String,
    status: CaseStatus,
    created_at: String,
    accept_due: String,
    accepted_at: Option<String>,
    resolve_due: String,
    resolved_at: Option<String>,
    resolution: Option<Resolution>,
    satisfaction: Option<Satisfaction>,
    unreasonable: bool,
    escalated: bool,
}

/// The cases reported in [:start, :end) (stored UTC timestamps), read from the covering
/// index `cases_figures`. Public so the monthly summary's benchmark can run it in the shell.
pub const CASE_FACTS_SQL: &str =
    "SELECT c.kind, COALESCE(g.name, '未指定网格'), c.handler_name, c.status, c.created_at,
        c.accept_due, c.accepted_at, c.resolve_due, c.resolved_at, c.followup_resolution, c.followup_satisfaction,
        c.unreasonable_confirmed, c.escalations > 0
    FROM cases c LEFT JOIN grids g ON g.id = c.grid_id
    WHERE c.created_at >= :start AND c.created_at < :end";

fn rate(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

#[derive(Default)]
struct Acc {
    row: FigureRow,
    handling_minutes: i64,
}

impl Acc {
    fn add(&mut self, f: &Fact, now: &str) {
        let r = &mut self.row;
        r.total += 1;
        if f.unreasonable {
            r.unreasonable += 1;
            return;
        }
        match &f.accepted_at {
            Some(at) => {
                r.response_counted += 1;
                if at.as_str() <= f.accept_due.as_str() {
                    r.accepted_in_time += 1;
                }
            }
            None if f.accept_due.as_str() < now => r.response_counted += 1,
            None => {}
        }
        if let Some(resolved) = &f.resolved_at {
            r.resolved += 1;
            if let (Some(a), Some(b)) = (epoch_seconds(&f.created_at), epoch_seconds(resolved)) {
                self.handling_minutes += (b - a) / 60;
            }
        } else if f.status.is_open() && f.resolve_due.as_str() < now {
            r.overdue_open += 1;
        }
        if let (Some(res), Some(sat)) = (f.resolution, f.satisfaction) {
            r.followed_up += 1;
            match res {
                Resolution::Solved => r.solved += 1,
                Resolution::Partly => r.partly_solved += 1,
                Resolution::Unsolved => r.unsolved += 1,
            }
            match sat {
                Satisfaction::Satisfied => r.satisfied += 1,
                Satisfaction::Neutral => r.neutral += 1,
                Satisfaction::Dissatisfied => r.dissatisfied += 1,
            }
        }
        if f.escalated {
            r.escalated += 1;
        }
        if !f.status.is_open() {
            r.closed += 1;
        }
    }

    fn finish(mut self, key: String, label: String) -> FigureRow {
        let r = &mut self.row;
        r.key = key;
        r.label = label;
        r.response_rate = rate(r.accepted_in_time, r.response_counted);
        r.resolution_rate = rate(r.solved, r.followed_up);
        r.satisfaction_rate = rate(r.satisfied, r.followed_up);
        r.avg_handling_hours = (r.resolved > 0).then(|| self.handling_minutes as f64 / 60.0 / f64::from(r.resolved));
        self.row
    }
}

/// Seconds since 1970 of a stored timestamp. Stored times are always
/// `YYYY-MM-DDTHH:MM:SSZ` (`clock::timestamp`), read here without a general parser: the
/// figures read thousands of them.
fn epoch_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[19] != b'Z' {
        return parse_ts(s).map(|t| t.timestamp());
    }
    let num = |from: usize, to: usize| -> Option<u32> { s.get(from..to)?.parse().ok() };
    let date = NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    let at = date.and_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)?;
    Some(at.and_utc().timestamp())
}

fn month_start(field: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", value.trim()), "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, "月份格式不正确，应为 年-月，如 2026-11"))
}

pub(crate) fn local_midnight(day: NaiveDate, tz: Tz) -> String {
    let naive = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let at = tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc)).unwrap_or_default();
    clock::timestamp(at)
}

fn group<'a>(facts: &'a [Fact], now: &str, key: impl Fn(&'a Fact) -> &'a str) -> Vec<FigureRow> {
    let mut groups: BTreeMap<&str, Acc> = BTreeMap::new();
    for f in facts {
        groups.entry(key(f)).or_default().add(f, now);
    }
    groups.into_iter().map(|(k, acc)| acc.finish(k.to_string(), k.to_string())).collect()
}

fn by_kind(facts: &[Fact], now: &str) -> Vec<FigureRow> {
    let mut rows = group(facts, now, |f| f.kind.as_str());
    for row in &mut rows {
        row.label = CaseKind::parse(&row.key).map_or(row.key.clone(), |k| k.label().to_string());
    }
    rows
}

impl Station {
    pub fn cases_figures(&self, _actor: &StaffActor, input: &FiguresInput) -> Result<CaseFigures> {
        let from = month_start("fromMonth", &input.from_month)?;
        let to = month_start("toMonth", &input.to_month)?;
        if to < from {
            return Err(AppError::validation("toMonth", "结束月份不能早于开始月份"));
        }
        let months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
        if months >= 36 {
            return Err(AppError::validation("toMonth", "一次最多统计 36 个月"));
        }
        let after = to.checked_add_months(chrono::Months::new(1)).unwrap_or(to);
        let tz = self.tz();
        let now = clock::timestamp(self.now());
        // Each month's first instant (UTC, as stored), to name a case's month by comparison.
        let mut starts: Vec<(String, String)> = Vec::new();
        let mut m = from;
        while m <= to {
            starts.push((local_midnight(m, tz), m.format("%Y-%m").to_string()));
            m = m.checked_add_months(chrono::Months::new(1)).unwrap_or(after);
        }
        let month_of = |created: &str| -> String {
            let i = starts.partition_point(|(start, _)| start.as_str() <= created);
            starts.get(i.saturating_sub(1)).map(|(_, label)| label.clone()).unwrap_or_default()
        };
        let facts = self.case_facts(&local_midnight(from, tz), &local_midnight(after, tz), month_of)?;
        let mut overall = Acc::default();
        for f in &facts {
            overall.add(f, &now);
        }
        let by_kind = by_kind(&facts, &now);
        let from_label = from.format("%Y-%m").to_string();
        let to_label = to.format("%Y-%m").to_string();
        Ok(CaseFigures {
            overall: overall.finish("all".into(), "全部".into()),
            by_kind,
            by_grid: group(&facts, &now, |f| &f.grid),
            by_handler: group(&facts, &now, |f| &f.handler),
            by_month: group(&facts, &now, |f| &f.month),
            from_month: from_label,
            to_month: to_label,
        })
    }

    /// The cases reported in [start, end) (stored UTC timestamps), each named by `month_of`.
    fn case_facts(&self, start: &str, end: &str, month_of: impl Fn(&str) -> String) -> Result<Vec<Fact>> {
        let mut stmt = self.conn().prepare(CASE_FACTS_SQL)?;
        let facts: Vec<Fact> = stmt
            .query_map([start, end], |r| {
                let created_at: String = r.get(4)?;
                let month = month_of(&created_at);
                let handler: String = r.get(2)?;
                Ok(Fact {
                    kind: super::parse_stored(&r.get::<_, String>(0)?, CaseKind::parse)?,
                    grid: r.get(1)?,
                    handler: if handler.is_empty() { "未指派".to_string() } else { handler },
                    month,
                    status: super::parse_stored(&r.get::<_, String>(3)?, CaseStatus::parse)?,
                    created_at,
                    accept_due: r.get(5)?,
                    accepted_at: r.get(6)?,
                    resolve_due: r.get(7)?,
                    resolved_at: r.get(8)?,
                    resolution: r.get::<_, Option<String>>(9)?.as_deref().and_then(Resolution::parse),
                    satisfaction: r.get::<_, Option<String>>(10)?.as_deref().and_then(Satisfaction::parse),
                    unreasonable: r.get(11)?,
                    escalated: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(facts)
    }

    /// The overall figures and the figures by kind of the cases reported in [start, end): the
    /// monthly summary's case section, under exactly the rules above, with "past the limit"
    /// judged at `cutoff` (a stored UTC timestamp: the summary's as-of moment) instead of now,
    /// so a past month's figures do not move with the clock.
    pub(crate) fn cases_figures_between(
        &self,
        start: &str,
        end: &str,
        cutoff: &str,
    ) -> Result<(FigureRow, Vec<FigureRow>)> {
        let now = cutoff.to_string();
        let facts = self.case_facts(start, end, |_| String::new())?;
        let mut overall = Acc::default();
        for f in &facts {
            overall.add(f, &now);
        }
        let by_kind = by_kind(&facts, &now);
        Ok((overall.finish("all".into(), "全部".into()), by_kind))
    }
}

/// The columns of every figures sheet, in order.
const SHEET_COLUMNS: [(&str, f64); 13] = [
    ("分组", 16.0),
    ("案件数", 8.0),
    ("不合理诉求", 10.0),
    ("按时受理", 9.0),
    ("应受理", 8.0),
    ("响应率", 8.0),
    ("回访数", 8.0),
    ("已解决", 8.0),
    ("解决率", 8.0),
    ("满意", 8.0),
    ("满意率", 8.0),
    ("平均办理时长（小时）", 18.0),
    ("逾期未办结", 10.0),
];

fn sheet(name: &str, rows: &[FigureRow]) -> Sheet {
    let cells = rows
        .iter()
        .map(|r| {
            let rate = |v: Option<f64>| v.map_or(Cell::Empty, |x| Cell::Number((x * 1000.0).round() / 1000.0));
            vec![
                Cell::Text(r.label.clone()),
                Cell::Int(i64::from(r.total)),
                Cell::Int(i64::from(r.unreasonable)),
                Cell::Int(i64::from(r.accepted_in_time)),
                Cell::Int(i64::from(r.response_counted)),
                rate(r.response_rate),
                Cell::Int(i64::from(r.followed_up)),
                Cell::Int(i64::from(r.solved)),
                rate(r.resolution_rate),
                Cell::Int(i64::from(r.satisfied)),
                rate(r.satisfaction_rate),
                r.avg_handling_hours.map_or(Cell::Empty, |h| Cell::Number((h * 10.0).round() / 10.0)),
                Cell::Int(i64::from(r.overdue_open)),
            ]
        })
        .collect();
    Sheet {
        name: name.to_string(),
        columns: SHEET_COLUMNS.iter().map(|(title, width)| Column::new(title, *width)).collect(),
        rows: cells,
    }
}

impl Station {
    /// The figures as the street office receives them: one sheet per grouping.
    pub fn cases_figures_sheets(&self, actor: &StaffActor, input: &FiguresInput) -> Result<Vec<Sheet>> {
        let f = self.cases_figures(actor, input)?;
        Ok(vec![
            sheet("合计", std::slice::from_ref(&f.overall)),
            sheet("按类型", &f.by_kind),
            sheet("按网格", &f.by_grid),
            sheet("按承办人", &f.by_handler),
            sheet("按月份", &f.by_month),
        ])
    }

    /// Writes the figures to an .xlsx file (audited); returns how many cases they cover.
    pub fn cases_figures_export_xlsx(
        &mut self,
        actor: &StaffActor,
        input: &FiguresInput,
        path: &Path,
    ) -> Result<usize> {
        let sheets = self.cases_figures_sheets(actor, input)?;
        write_xlsx(path, &sheets)?;
        let total = self.cases_figures(actor, input)?.overall.total as usize;
        let what = format!("导出接诉即办统计 {} 至 {}，{total} 件", input.from_month, input.to_month);
        self.write(&Actor::Staff(actor.clone()), |tx| tx.audit("case", None, "export", &what))?;
        Ok(total)
    }
}
