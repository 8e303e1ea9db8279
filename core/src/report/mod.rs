//! 月度工作汇总: one report across every area for a month (or any date range), as the street
//! office receives it. Each section's SQL lives in its own file as named statements (the
//! benchmark runs the very same text through the sqlite3 shell); this file holds the shape
//! (documented field by field in docs/REPORT.md, `schemaVersion` 2), the period rules, and
//! the assembly: the period's figures, month-on-month change, and — through closing.rs —
//! frozen snapshots of closed months and the corrections made after a month was closed.
//!
//! Periods are station-local days: a month runs from local midnight of its first day to
//! local midnight of the next month's first day (stored UTC timestamps compare as text;
//! activity times and service days are local already). Figures that describe a state
//! (overdue loans, stock below minimum, batches about to expire) are taken at the end of the
//! period's last day, or today when the period has not ended yet ("as of"). Whether an
//! activity has ended and whether a case's accept limit has passed are judged at the cutoff:
//! the end of the as-of day, or now while that day runs. So a period that has ended gives the
//! same figures whichever day the report runs; only changes to the data change them.

mod activities;
mod cases;
pub mod closing;
pub mod export;
mod inventory;
mod party;
mod residents;
mod volunteers;
mod wishes;

use crate::actor::StaffActor;
use crate::cases::figures::local_midnight;
use crate::clock;
use crate::db::Station;
use crate::error::{AppError, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Statement;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use activities::{ActivityFigures, CategoryRow, RoomRow};
pub use cases::{CaseKindRow, CaseSummary, CountRow};
pub use closing::{ChainBreak, ChainCheck, CloseInput, ClosingInfo, ClosingRecord, ReopenInput};
pub use export::ReportFormat;
pub use inventory::InventoryFigures;
pub use party::{MeetingKindRow, PartyBranchRow, PartyDuesFigures, PartyFigures};
pub use residents::ResidentFigures;
pub use volunteers::{HoursRow, TopVolunteer, UnitRow, VolunteerFigures};
pub use wishes::{WishFigures, WishKindRow};

/// 2: the 党建 section (`party`) was added. Closed months frozen under 1 still load: their
/// `party` is null (not filed then), never zeros.
pub const SCHEMA_VERSION: u32 = 2;

/// Which period: `month` (YYYY-MM), or `from` and `to` (YYYY-MM-DD, both included).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportInput {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl ReportInput {
    pub fn month(month: &str) -> ReportInput {
        ReportInput { month: Some(month.to_string()), ..Default::default() }
    }

    pub fn range(from: &str, to: &str) -> ReportInput {
        ReportInput { month: None, from: Some(from.to_string()), to: Some(to.to_string()) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportPeriod {
    /// "month" or "range".
    pub kind: String,
    /// YYYY-MM for a month, else null.
    pub month: Option<String>,
    /// First day, YYYY-MM-DD.
    pub from: String,
    /// Last day (included), YYYY-MM-DD.
    pub to: String,
    /// The day state figures are taken at: `to`, or today while the period runs.
    pub as_of: String,
    /// How many days the period has.
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportHeader {
    pub station: String,
    pub community: String,
    /// 2026年11月 or 2026年11月01日 至 2026年11月15日
    pub title_period: String,
    /// Who produced (or, for a closed month, closed) the report.
    pub made_by: String,
    /// YYYY-MM-DD
    pub made_on: String,
}

/// One main figure now and in the previous period of the same length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FigureChange {
    /// The figure's path in this JSON, e.g. "wishes.fulfilled".
    pub key: String,
    pub label: String,
    /// "人", "场", "%", "小时" …
    pub unit: String,
    pub current: Option<f64>,
    pub previous: Option<f64>,
    /// current − previous (percentage points for rates).
    pub delta: Option<f64>,
}

/// A figure of a closed month that differs now from what was filed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Correction {
    /// YYYY-MM of the closed month.
    pub month: String,
    /// The figure's path, e.g. "volunteers.minutes" or "activities.byCategory[党课].participants".
    pub key: String,
    pub label: String,
    /// As filed (null when the row did not exist then).
    pub filed: Option<f64>,
    /// As the data says now (null when the row no longer exists).
    pub current: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MonthlyReport {
    pub schema_version: u32,
    pub period: ReportPeriod,
    pub header: ReportHeader,
    pub residents: ResidentFigures,
    pub activities: ActivityFigures,
    pub wishes: WishFigures,
    pub volunteers: VolunteerFigures,
    pub inventory: InventoryFigures,
    pub cases: CaseSummary,
    /// 党建. Always set by this version (zeros and empty lists when the station has no party
    /// organisation); null only in a month closed under schema version 1, which had no such
    /// section — not filed is not the same as none.
    #[serde(default)]
    pub party: Option<PartyFigures>,
    /// Month-on-month (or range-on-range) change of the main figures.
    pub changes: Vec<FigureChange>,
    /// The previous month was closed and some of its figures changed since: listed here.
    pub after_closing: Vec<Correction>,
    /// Set when this month is closed: the report is then the frozen snapshot.
    pub closing: Option<ClosingInfo>,
    /// For a closed month: figures whose data changed since closing (the report still shows
    /// the filed value).
    pub changed_since_closing: Vec<Correction>,
}

/// A resolved period: the local days and the stored-time bounds every section's SQL binds.
#[derive(Debug, Clone)]
pub struct Bounds {
    pub from: NaiveDate,
    /// Last day, included.
    pub to: NaiveDate,
    pub month: Option<String>,
    pub as_of: NaiveDate,
    /// :start / :end — UTC timestamps of local midnight of `from` and of the day after `to`.
    pub start: String,
    pub end: String,
    /// :asof_end — UTC timestamp of the end of the as-of day.
    pub as_of_end: String,
    /// :cutoff — the moment "has it ended yet / is it past its limit" is judged at: the end
    /// of the as-of day, or now while that day runs (UTC timestamp). For a period that has
    /// ended this is its end, whatever day the report runs.
    pub cutoff: String,
    /// :cutoff_local — the same moment in station-local 'YYYY-MM-DD HH:MM' (activity times).
    pub cutoff_local: String,
}

impl Bounds {
    /// The value of a named SQL parameter.
    pub fn param(&self, name: &str) -> Option<String> {
        Some(match name {
            ":start" => self.start.clone(),
            ":end" => self.end.clone(),
            ":from" => self.from.to_string(),
            ":until" => self.until().to_string(),
            ":asof" => self.as_of.to_string(),
            ":asof_end" => self.as_of_end.clone(),
            ":cutoff" => self.cutoff.clone(),
            ":cutoff_local" => self.cutoff_local.clone(),
            ":horizon" => (self.as_of + Duration::days(crate::inventory::items::EXPIRY_WARNING_DAYS)).to_string(),
            _ => return None,
        })
    }

    /// The day after the last.
    pub fn until(&self) -> NaiveDate {
        self.to.succ_opt().unwrap_or(self.to)
    }

    pub fn days(&self) -> u32 {
        ((self.to - self.from).num_days() + 1) as u32
    }

    pub fn period(&self) -> ReportPeriod {
        ReportPeriod {
            kind: if self.month.is_some() { "month" } else { "range" }.into(),
            month: self.month.clone(),
            from: self.from.to_string(),
            to: self.to.to_string(),
            as_of: self.as_of.to_string(),
            days: self.days(),
        }
    }

    /// The period just before, of the same kind: the previous month, or as many days.
    pub fn previous(&self, st: &Station) -> Bounds {
        match &self.month {
            Some(_) => {
                let first = self.from.checked_sub_months(chrono::Months::new(1)).unwrap_or(self.from);
                let last = self.from.pred_opt().unwrap_or(self.from);
                Bounds::of(st, first, last, Some(first.format("%Y-%m").to_string()))
            }
            None => {
                let days = Duration::days(i64::from(self.days()));
                let last = self.from.pred_opt().unwrap_or(self.from);
                Bounds::of(st, self.from - days, last, None)
            }
        }
    }

    pub fn of(st: &Station, from: NaiveDate, to: NaiveDate, month: Option<String>) -> Bounds {
        let tz = st.tz();
        let as_of = to.min(st.today()).max(from);
        let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        let as_of_end = local_midnight(next(as_of), tz);
        // Stored timestamps compare as text; the earlier of now and the as-of day's end.
        let now = clock::timestamp(st.now());
        let cutoff = if now < as_of_end { now } else { as_of_end.clone() };
        let cutoff_local = chrono::DateTime::parse_from_rfc3339(&cutoff)
            .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        Bounds {
            from,
            to,
            month,
            as_of,
            start: local_midnight(from, tz),
            end: local_midnight(next(to), tz),
            as_of_end,
            cutoff,
            cutoff_local,
        }
    }
}

/// Longest date range one report covers.
pub const MAX_RANGE_DAYS: i64 = 366;

pub fn parse_month(field: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    let ok = v.len() == 7 && v.as_bytes()[4] == b'-';
    ok.then(|| NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| AppError::validation(field, format!("月份格式不正确：「{v}」，应为 年-月，如 2026-11")))
}

fn parse_day(field: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, format!("日期格式不正确：「{v}」，应为 年-月-日，如 2026-11-01")))
}

pub fn month_last_day(first: NaiveDate) -> NaiveDate {
    first.checked_add_months(chrono::Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first)
}

impl Station {
    /// Checks the input and resolves it to local days and stored-time bounds.
    pub fn report_bounds(&self, input: &ReportInput) -> Result<Bounds> {
        let month = input.month.as_deref().filter(|m| !m.trim().is_empty());
        let from = input.from.as_deref().filter(|m| !m.trim().is_empty());
        let to = input.to.as_deref().filter(|m| !m.trim().is_empty());
        match (month, from, to) {
            (Some(m), None, None) => {
                let first = parse_month("month", m)?;
                Ok(Bounds::of(self, first, month_last_day(first), Some(first.format("%Y-%m").to_string())))
            }
            (Some(_), _, _) => Err(AppError::validation("month", "请只选择月份或日期范围之一")),
            (None, Some(f), Some(t)) => {
                let from = parse_day("from", f)?;
                let to = parse_day("to", t)?;
                if to < from {
                    return Err(AppError::validation("to", "结束日期不能早于开始日期"));
                }
                if (to - from).num_days() >= MAX_RANGE_DAYS {
                    return Err(AppError::validation("to", format!("一次最多汇总 {MAX_RANGE_DAYS} 天")));
                }
                Ok(Bounds::of(self, from, to, None))
            }
            (None, None, _) => Err(AppError::validation("month", "请选择月份或日期范围")),
            (None, Some(_), None) => Err(AppError::validation("to", "请填写结束日期")),
        }
    }

    /// The report for a period. A closed month is its frozen snapshot (with the figures that
    /// changed since listed, never silently replaced); otherwise the figures are computed now,
    /// and if the month before was closed, what changed in it since is listed as corrections.
    pub fn report(&self, actor: &StaffActor, input: &ReportInput) -> Result<MonthlyReport> {
        let bounds = self.report_bounds(input)?;
        if let Some(month) = &bounds.month {
            if let Some(closed) = self.standing_closing(month)? {
                let mut report = closed.report()?;
                let live = self.report_live(actor, &bounds)?;
                report.changed_since_closing = diff(month, &report, &live);
                report.closing = Some(closed.info());
                return Ok(report);
            }
        }
        self.report_live(actor, &bounds)
    }

    /// The figures as the data says now, with month-on-month change and the previous month's
    /// corrections after closing. This is what closing a month freezes.
    pub(crate) fn report_live(&self, actor: &StaffActor, bounds: &Bounds) -> Result<MonthlyReport> {
        let mut report = self.report_figures(&actor.display_name, bounds)?;
        let prev_bounds = bounds.previous(self);
        let prev_live = self.report_figures(&actor.display_name, &prev_bounds)?;
        let prev_closed = match &prev_bounds.month {
            Some(m) => self.standing_closing(m)?.map(|c| c.report()).transpose()?,
            None => None,
        };
        if let (Some(filed), Some(month)) = (&prev_closed, &prev_bounds.month) {
            report.after_closing = diff(month, filed, &prev_live);
        }
        // Compared with what was filed for the previous month when it was closed.
        report.changes = changes(&report, prev_closed.as_ref().unwrap_or(&prev_live));
        Ok(report)
    }

    /// Every section's figures for the period (no comparison).
    pub fn report_figures(&self, made_by: &str, bounds: &Bounds) -> Result<MonthlyReport> {
        let settings = self.settings()?;
        let title_period = match &bounds.month {
            Some(_) => bounds.from.format("%Y年%m月").to_string(),
            None => format!("{} 至 {}", clock::format_date_zh(bounds.from), clock::format_date_zh(bounds.to)),
        };
        Ok(MonthlyReport {
            schema_version: SCHEMA_VERSION,
            period: bounds.period(),
            header: ReportHeader {
                station: settings.station_name,
                community: settings.community,
                title_period,
                made_by: made_by.to_string(),
                made_on: self.today().to_string(),
            },
            residents: residents::figures(self, bounds)?,
            activities: activities::figures(self, bounds)?,
            wishes: wishes::figures(self, bounds)?,
            volunteers: volunteers::figures(self, bounds)?,
            inventory: inventory::figures(self, bounds)?,
            cases: cases::figures(self, bounds)?,
            party: Some(party::figures(self, bounds)?),
            changes: Vec::new(),
            after_closing: Vec::new(),
            closing: None,
            changed_since_closing: Vec::new(),
        })
    }
}

/// Every section's statements, by name, with :named parameters (`Bounds::param`): what the
/// report runs, and what the benchmark runs through the sqlite3 shell.
pub fn section_sql() -> Vec<(&'static str, &'static str)> {
    let mut all = Vec::new();
    all.extend(residents::SQL);
    all.extend(activities::SQL);
    all.extend(wishes::SQL);
    all.extend(volunteers::SQL);
    all.extend(inventory::SQL);
    all.extend(cases::SQL);
    all.extend(party::SQL);
    all
}

/// Binds the named parameters a statement uses (and only those: SQLite refuses unknown ones).
/// Public for the benchmark, which times each statement.
pub fn bind(stmt: &mut Statement, b: &Bounds) -> Result<()> {
    for i in 1..=stmt.parameter_count() {
        let name = stmt.parameter_name(i).unwrap_or_default().to_string();
        let value = b.param(&name).ok_or_else(|| AppError::internal(format!("unknown parameter {name}")))?;
        stmt.raw_bind_parameter(i, value)?;
    }
    Ok(())
}

/// Runs one statement over the period, mapping each row.
pub(crate) fn rows<T>(
    st: &Station,
    sql: &str,
    b: &Bounds,
    f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = st.conn().prepare_cached(sql)?;
    bind(&mut stmt, b)?;
    let mut f = f;
    let mut out = Vec::new();
    let mut rs = stmt.raw_query();
    while let Some(r) = rs.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

/// part ÷ whole, rounded to 4 places; None when nothing was counted.
pub(crate) fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| round(part as f64 / whole as f64, 4))
}

pub(crate) fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

pub(crate) fn hours(minutes: i64) -> f64 {
    round(minutes as f64 / 60.0, 1)
}

/// The main figures compared with the previous period: (path, label, unit, is a rate).
pub const MAIN_FIGURES: [(&str, &str, &str); 14] = [
    ("residents.served", "服务居民", "人"),
    ("residents.newRegistrations", "新登记居民", "人"),
    ("activities.held", "举办活动", "场"),
    ("activities.participants", "活动参与", "人次"),
    ("activities.attendanceRate", "活动到场率", "%"),
    ("wishes.received", "收到微心愿", "个"),
    ("wishes.fulfilled", "实现微心愿", "个"),
    ("volunteers.active", "参与服务志愿者", "人"),
    ("volunteers.hours", "志愿服务时长", "小时"),
    ("inventory.issuedQuantity", "物资发放", "件"),
    ("cases.received", "受理诉求", "件"),
    ("cases.satisfactionRate", "诉求满意率", "%"),
    ("party.members", "在册党员", "人"),
    ("party.meetingsHeld", "组织生活", "次"),
];

fn changes(now: &MonthlyReport, before: &MonthlyReport) -> Vec<FigureChange> {
    let a = serde_json::to_value(now).unwrap_or_default();
    let b = serde_json::to_value(before).unwrap_or_default();
    MAIN_FIGURES
        .iter()
        .map(|(key, label, unit)| {
            let pick = |v: &serde_json::Value| {
                let x = key.split('.').try_fold(v, |v, k| v.get(k))?.as_f64()?;
                // rates are shown (and compared) in percent
                Some(if *unit == "%" { round(x * 100.0, 1) } else { x })
            };
            let (current, previous) = (pick(&a), pick(&b));
            let delta = match (current, previous) {
                (Some(c), Some(p)) => Some(round(c - p, 1)),
                _ => None,
            };
            FigureChange {
                key: key.to_string(),
                label: label.to_string(),
                unit: unit.to_string(),
                current,
                previous,
                delta,
            }
        })
        .collect()
}

/// The sections whose figures are compared when a closed month is checked for changes.
const FIGURE_SECTIONS: [(&str, &str); 7] = [
    ("residents", "服务居民"),
    ("activities", "活动"),
    ("wishes", "微心愿"),
    ("volunteers", "志愿服务"),
    ("inventory", "物资"),
    ("cases", "接诉即办"),
    ("party", "党建"),
];

/// Every numeric figure of the sections, by path: lists are keyed by each row's key or label,
/// so a row that appears or disappears shows as a figure with one side missing. A section that
/// is null (`party` in a month closed under schema version 1) has no figures.
pub fn flatten(report: &MonthlyReport) -> Vec<(String, String, Option<f64>)> {
    flatten_sections(report, &FIGURE_SECTIONS.map(|(section, _)| section))
}

/// The same, for some of the sections only.
fn flatten_sections(report: &MonthlyReport, sections: &[&str]) -> Vec<(String, String, Option<f64>)> {
    fn walk(v: &serde_json::Value, path: &str, label: &str, out: &mut Vec<(String, String, Option<f64>)>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map {
                    let l = format!("{label} · {}", field_label(k));
                    walk(child, &format!("{path}.{k}"), &l, out);
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    let name = ["key", "label", "name"]
                        .iter()
                        .find_map(|k| item.get(*k).and_then(|x| x.as_str()))
                        .unwrap_or("")
                        .to_string();
                    let shown =
                        ["label", "name"].iter().find_map(|k| item.get(*k).and_then(|x| x.as_str())).unwrap_or(&name);
                    walk(item, &format!("{path}[{name}]"), &format!("{label} · {shown}"), out);
                }
            }
            serde_json::Value::Number(n) => out.push((path.to_string(), label.to_string(), n.as_f64())),
            serde_json::Value::Null => out.push((path.to_string(), label.to_string(), None)),
            _ => {}
        }
    }
    let v = serde_json::to_value(report).unwrap_or_default();
    let mut out = Vec::new();
    for (section, label) in FIGURE_SECTIONS {
        if let Some(s) = v.get(section).filter(|s| !s.is_null() && sections.contains(&section)) {
            walk(s, section, label, &mut out);
        }
    }
    out
}

/// The sections a report has figures in (not null).
fn sections_present(report: &MonthlyReport) -> Vec<&'static str> {
    let v = serde_json::to_value(report).unwrap_or_default();
    FIGURE_SECTIONS.iter().map(|(s, _)| *s).filter(|s| v.get(*s).is_some_and(|x| !x.is_null())).collect()
}

/// The figures of `filed` that differ in `now`. Only the sections filed are compared: a month
/// closed before the 党建 section existed lists no party figure as changed.
pub fn diff(month: &str, filed: &MonthlyReport, now: &MonthlyReport) -> Vec<Correction> {
    let filed_sections = sections_present(filed);
    let before = flatten_sections(filed, &filed_sections);
    let after = flatten_sections(now, &filed_sections);
    let after_map: std::collections::HashMap<&str, (&str, Option<f64>)> =
        after.iter().map(|(k, l, v)| (k.as_str(), (l.as_str(), *v))).collect();
    let before_keys: std::collections::HashSet<&str> = before.iter().map(|(k, _, _)| k.as_str()).collect();
    let mut out: Vec<Correction> = before
        .iter()
        .filter_map(|(k, l, v)| {
            let current = after_map.get(k.as_str()).and_then(|(_, c)| *c);
            (current != *v).then(|| Correction {
                month: month.to_string(),
                key: k.clone(),
                label: l.clone(),
                filed: *v,
                current,
            })
        })
        .collect();
    out.extend(after.iter().filter(|(k, _, v)| !before_keys.contains(k.as_str()) && v.is_some()).map(|(k, l, v)| {
        Correction { month: month.to_string(), key: k.clone(), label: l.clone(), filed: None, current: *v }
    }));
    out
}

/// The Chinese name of a JSON field, for corrections and the CSV.
pub fn field_label(field: &str) -> &str {
    FIELD_LABELS.iter().find(|(k, _)| *k == field).map_or(field, |(_, l)| l)
}

const FIELD_LABELS: &[(&str, &str)] = &[
    ("served", "服务居民人数"),
    ("servedByActivities", "其中预约活动"),
    ("servedByWishes", "其中提交心愿"),
    ("servedByLoans", "其中借用物资"),
    ("servedByCases", "其中反映诉求"),
    ("newRegistrations", "新登记居民"),
    ("held", "举办场次"),
    ("cancelled", "取消场次"),
    ("participants", "参与人次"),
    ("noShows", "爽约人次"),
    ("attendanceRate", "到场率"),
    ("byCategory", "按类别"),
    ("rooms", "场地使用"),
    ("activities", "活动场次"),
    ("activityHours", "活动小时"),
    ("groupBookings", "团体借用次数"),
    ("groupHours", "团体借用小时"),
    ("received", "收到"),
    ("published", "发布"),
    ("claimed", "认领"),
    ("fulfilled", "实现"),
    ("fulfilledOnTime", "按期实现"),
    ("onTimeRate", "按期率"),
    ("avgDaysToFulfil", "平均实现天数"),
    ("rated", "评价数"),
    ("satisfied", "满意"),
    ("partly", "基本满意"),
    ("notSatisfied", "不满意"),
    ("byKind", "按类别"),
    ("active", "参与服务人数"),
    ("minutes", "服务分钟"),
    ("hours", "服务小时"),
    ("points", "积分"),
    ("people", "人数"),
    ("byServiceKind", "按服务类别"),
    ("topTen", "服务时长前十"),
    ("rank", "名次"),
    ("units", "共建单位"),
    ("expected", "应报到"),
    ("reportedIn", "已报到"),
    ("reportInRate", "报到率"),
    ("receivedQuantity", "入库数量"),
    ("receipts", "入库笔数"),
    ("issuedQuantity", "发放数量"),
    ("issues", "发放笔数"),
    ("loans", "借出笔数"),
    ("lentQuantity", "借出数量"),
    ("returnedQuantity", "归还数量"),
    ("disposedQuantity", "报损数量"),
    ("overdueLoans", "逾期未还"),
    ("belowMinimum", "低于最低库存"),
    ("expiringBatches", "临期批次"),
    ("expiringQuantity", "临期数量"),
    ("bySource", "按来源"),
    ("total", "件数"),
    ("unreasonable", "不合理诉求"),
    ("responseRate", "响应率"),
    ("resolutionRate", "解决率"),
    ("satisfactionRate", "满意率"),
    ("followedUp", "回访数"),
    ("avgHandlingHours", "平均办理小时"),
    ("count", "数量"),
    ("members", "在册党员"),
    ("full", "正式党员"),
    ("probationary", "预备党员"),
    ("mobileOut", "流动外出"),
    ("mobileIn", "流入"),
    ("lostContact", "失联"),
    ("joined", "入党"),
    ("registered", "登记入册"),
    ("transferredIn", "转入"),
    ("transferredOut", "转出"),
    ("confirmed", "转正"),
    ("byBranch", "按党支部"),
    ("dueFen", "应缴党费（分）"),
    ("paidFen", "实缴党费（分）"),
    ("unpaid", "未缴"),
    ("paid", "已缴"),
    ("memberMonths", "应缴人次"),
    ("paidRate", "缴纳率"),
    ("dues", "党费"),
    ("meetingsHeld", "组织生活次数"),
    ("duePeople", "应到人次"),
    ("present", "实到人次"),
    ("byMeetingKind", "三会一课"),
    ("organisations", "应开组织数"),
    ("met", "达标组织数"),
    ("required", "应开次数"),
];

/// The first day of the month a date is in.
pub fn month_of(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

#[cfg(test)]
mod tests;
