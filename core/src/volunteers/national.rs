//! Records out to the national volunteer system (全国志愿服务信息系统). The 2020 rule
//! (志愿服务记录与证明出具办法（试行）) asks that service records kept in other systems be
//! entered into the national one by its data standard (MZ/T 061-2015); the national system's
//! bulk entry takes a spreadsheet, so this module writes one: a row per ledger entry of a
//! period, in the standard's data elements as `docs/NATIONAL-VOLUNTEER-EXPORT.md` maps them.
//!
//! Rules of thumb:
//! - a record leaves once: every export is a batch naming the entries it held, and the next
//!   export of the same period holds only entries in no batch yet, unless staff ask to
//!   re-export the period on purpose;
//! - the file carries whole ID numbers (the national system matches people by them), so it is
//!   for admins only and audited like every personal export (`privacy::access`);
//! - a volunteer without a unified number is exported (the national system can match the ID
//!   number) and named in the result's warnings, so staff can register them there.

use crate::actor::{Actor, StaffActor};
use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::tabular::{write_csv, write_xlsx, Cell, Column, Sheet, TextEncoding};
use crate::validate;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// The longest period one export may cover: a year (a leap year's 366 days).
const MAX_PERIOD_DAYS: i64 = 366;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum NationalFormat {
    Xlsx,
    Csv,
}

impl NationalFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            NationalFormat::Xlsx => "xlsx",
            NationalFormat::Csv => "csv",
        }
    }
}

/// Which records to export: a period of service days (local dates, both included).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NationalExportQuery {
    /// YYYY-MM-DD
    pub from: String,
    /// YYYY-MM-DD
    pub to: String,
    /// false (the default in the dialog): only records no earlier export held.
    /// true: the whole period again ("re-export on demand").
    pub include_exported: bool,
}

/// A volunteer the export names for staff's attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NationalWarning {
    pub volunteer_id: i64,
    pub name: String,
    /// Records of this volunteer in the export.
    pub records: u32,
    pub message: String,
}

/// What an export of the query would hold (nothing written, no personal data).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NationalExportPreview {
    pub from: String,
    pub to: String,
    /// Records the export would hold.
    pub records: u32,
    /// Records of the period already in an earlier batch (left out unless includeExported).
    pub already_exported: u32,
    pub people: u32,
    pub total_minutes: i64,
    /// The total to one decimal, as the file's rows are.
    pub total_hours: f64,
    /// Records exported earlier and reversed since: the national system keeps the old hours
    /// until someone corrects them there.
    pub reversed_after_export: u32,
    pub warnings: Vec<NationalWarning>,
}

/// A finished export.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NationalExportOutcome {
    pub batch_id: i64,
    pub path: String,
    pub records: u32,
    pub total_hours: f64,
    pub warnings: Vec<NationalWarning>,
}

/// An earlier export, for the dialog's "last exported" line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NationalBatch {
    pub id: i64,
    pub period_from: String,
    pub period_to: String,
    pub reexport: bool,
    pub format: NationalFormat,
    pub records: u32,
    pub minutes: i64,
    pub file_name: String,
    pub exported_at: String,
    pub exported_by: String,
}

/// The columns of the file, in order (the mapping is in docs/NATIONAL-VOLUNTEER-EXPORT.md).
pub const COLUMNS: [(&str, f64); 14] = [
    ("记录编号", 12.0),
    ("志愿者统一编号", 20.0),
    ("姓名", 10.0),
    ("证件类型", 12.0),
    ("证件号码", 22.0),
    ("服务项目名称", 14.0),
    ("服务开始时间", 18.0),
    ("服务结束时间", 18.0),
    ("服务时长（小时）", 16.0),
    ("服务地点", 28.0),
    ("服务内容", 30.0),
    ("记录单位", 22.0),
    ("记录人", 10.0),
    ("记录日期", 12.0),
];

/// 志愿者统一编号 as staff typed it, cleaned: half-width, no spaces, letters upper-case.
pub fn normalize_national_number(value: &str) -> String {
    validate::half_width(value).chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase()
}

/// Checks a unified number for the volunteer `existing` (None: a new one): empty is "none";
/// else 6–32 letters, digits or hyphens, and no other volunteer holds it.
pub(crate) fn check_national_number(tx: &Tx, value: Option<&str>, existing: Option<i64>) -> Result<Option<String>> {
    let v = normalize_national_number(value.unwrap_or(""));
    if v.is_empty() {
        return Ok(None);
    }
    if !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(AppError::validation("nationalNumber", "志愿者统一编号只能由数字、字母和短横线（-）组成"));
    }
    let n = v.chars().count();
    if !(6..=32).contains(&n) {
        return Err(AppError::validation(
            "nationalNumber",
            format!("志愿者统一编号应为 6 到 32 位（现在是 {n} 位），请对照全国志愿服务信息系统核对"),
        ));
    }
    let twin: Option<String> = tx
        .query_row(
            "SELECT p.name FROM volunteers v JOIN volunteer_people p ON p.id = v.id
             WHERE v.national_number = ?1 AND v.id IS NOT ?2",
            params![v, existing],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(twin) = twin {
        return Err(AppError::validation("nationalNumber", format!("该志愿者统一编号已登记在「{twin}」名下")));
    }
    Ok(Some(v))
}

/// 50 minutes → 0.8: the national system takes hours to one decimal (half up).
pub fn hours_one_decimal(minutes: i64) -> f64 {
    ((minutes + 3).div_euclid(6)) as f64 / 10.0
}

struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

fn period_of(q: &NationalExportQuery) -> Result<Period> {
    let from = validate::date("from", "开始日期", &q.from)?;
    let to = validate::date("to", "结束日期", &q.to)?;
    if to < from {
        return Err(AppError::validation("to", "结束日期不能早于开始日期"));
    }
    if (to - from).num_days() >= MAX_PERIOD_DAYS {
        return Err(AppError::validation("to", "一次最多导出一年（366 天）的服务记录，请分段导出"));
    }
    Ok(Period { from, to })
}

/// One ledger entry as it leaves.
struct Record {
    entry_id: i64,
    volunteer_id: i64,
    national_number: Option<String>,
    name: String,
    id_number: Option<String>,
    service_kind: String,
    service_day: NaiveDate,
    /// For duty shifts: when the credited time began (sign-in, not before the shift's start).
    started_at: Option<DateTime<Utc>>,
    minutes: i64,
    note: String,
    recorded_by: Option<String>,
    created_at: DateTime<Utc>,
}

fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|d| d.to_utc())
}

/// The period's exportable entries: credits with time, not reversed; `include_exported`
/// false leaves out entries an earlier batch held.
fn records(conn: &Connection, p: &Period, include_exported: bool) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.volunteer_id, v.national_number, p.name, p.id_number, l.service_kind, l.service_day,
                a.signed_in_at, s.starts_at, l.minutes, l.note, st.display_name, l.created_at
         FROM volunteer_ledger l
         JOIN volunteers v ON v.id = l.volunteer_id
         JOIN volunteer_people p ON p.id = l.volunteer_id
         LEFT JOIN staff st ON st.id = l.created_by
         LEFT JOIN shift_assignments sa ON l.source = 'shift' AND sa.id = l.source_id
         LEFT JOIN shifts s ON s.id = sa.shift_id
         LEFT JOIN attendance a ON a.assignment_id = sa.id
         WHERE l.service_day BETWEEN ?1 AND ?2
           AND l.reverses_id IS NULL AND l.minutes > 0
           AND NOT EXISTS (SELECT 1 FROM volunteer_ledger x WHERE x.reverses_id = l.id)
           AND (?3 OR NOT EXISTS (SELECT 1 FROM national_export_records e WHERE e.ledger_entry_id = l.id))
         ORDER BY l.service_day, l.id",
    )?;
    let rows = stmt.query_map(params![p.from.to_string(), p.to.to_string(), include_exported], |r| {
        let day: String = r.get(6)?;
        let signed_in: Option<String> = r.get(7)?;
        let shift_start: Option<String> = r.get(8)?;
        let created: String = r.get(12)?;
        let started_at = match (signed_in.as_deref().and_then(parse_utc), shift_start.as_deref().and_then(parse_utc)) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        Ok(Record {
            entry_id: r.get(0)?,
            volunteer_id: r.get(1)?,
            national_number: r.get(2)?,
            name: r.get(3)?,
            id_number: r.get(4)?,
            service_kind: r.get(5)?,
            service_day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap_or_default(),
            started_at,
            minutes: r.get(9)?,
            note: r.get(10)?,
            recorded_by: r.get(11)?,
            created_at: parse_utc(&created).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn count(conn: &Connection, sql: &str, p: &Period) -> Result<u32> {
    Ok(conn.query_row(sql, params![p.from.to_string(), p.to.to_string()], |r| r.get(0))?)
}

/// Volunteers of the export without a unified number, one warning each.
fn warnings(list: &[Record]) -> Vec<NationalWarning> {
    let mut missing: BTreeMap<i64, (String, u32)> = BTreeMap::new();
    for r in list.iter().filter(|r| r.national_number.is_none()) {
        missing.entry(r.volunteer_id).or_insert_with(|| (r.name.clone(), 0)).1 += 1;
    }
    missing
        .into_iter()
        .map(|(volunteer_id, (name, records))| NationalWarning {
            volunteer_id,
            message: format!(
                "{name}还没有志愿者统一编号：{records} 条记录已按身份证号导出，请在全国志愿服务信息系统中核对或为其注册后补录编号"
            ),
            name,
            records,
        })
        .collect()
}

fn local_minute(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Y-%m-%d %H:%M").to_string()
}

/// Who recorded and where, the same on every row.
struct Recorder {
    unit: String,
    place: String,
    /// For entries nobody at the desk wrote (kiosk sign-outs): the admin who exports them
    /// vouches for them.
    exporter: String,
}

fn recorder(conn: &Connection, actor: &StaffActor) -> Result<Recorder> {
    let setting = |key: &str| -> Result<String> {
        Ok(conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get::<_, String>(0))
            .optional()?
            .unwrap_or_default())
    };
    let station = setting("station_name")?;
    let community = setting("community")?;
    let address = setting("address")?;
    let unit = if community.is_empty() { station.clone() } else { format!("{community}{station}") };
    let place = [station, address].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    Ok(Recorder { unit, place, exporter: actor.display_name.clone() })
}

fn sheet_of(list: &[Record], rec: &Recorder, tz: Tz) -> Sheet {
    let rows = list
        .iter()
        .map(|r| {
            // Duty shifts know the time of day; other sources only the day of service.
            let (start, end) = match r.started_at {
                Some(s) => (local_minute(s, tz), local_minute(s + Duration::minutes(r.minutes), tz)),
                None => (r.service_day.to_string(), r.service_day.to_string()),
            };
            let content = if r.note.trim().is_empty() { r.service_kind.clone() } else { r.note.clone() };
            vec![
                Cell::Int(r.entry_id),
                Cell::from(r.national_number.clone()),
                Cell::from(r.name.clone()),
                Cell::from(r.id_number.as_ref().map(|_| "居民身份证")),
                Cell::from(r.id_number.clone()),
                Cell::from(r.service_kind.clone()),
                Cell::from(start),
                Cell::from(end),
                Cell::Number(hours_one_decimal(r.minutes)),
                Cell::from(rec.place.clone()),
                Cell::from(content),
                Cell::from(rec.unit.clone()),
                Cell::from(r.recorded_by.clone().unwrap_or_else(|| rec.exporter.clone())),
                Cell::Date(clock::local_date(r.created_at, tz)),
            ]
        })
        .collect();
    Sheet {
        name: "志愿服务记录".into(), columns: COLUMNS.iter().map(|(t, w)| Column::new(t, *w)).collect(), rows
    }
}

/// Admins only: the file holds whole ID numbers.
fn require_export_right(actor: &StaffActor) -> Result<()> {
    if actor.require_admin().is_err() {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "导出到全国志愿服务信息系统的文件含完整身份证号，需要管理员权限；请联系站长导出",
        ));
    }
    Ok(())
}

fn preview_in(conn: &Connection, q: &NationalExportQuery) -> Result<(Period, Vec<Record>, NationalExportPreview)> {
    let p = period_of(q)?;
    let list = records(conn, &p, q.include_exported)?;
    let already_exported = count(
        conn,
        "SELECT COUNT(DISTINCT l.id) FROM volunteer_ledger l JOIN national_export_records e ON e.ledger_entry_id = l.id
         WHERE l.service_day BETWEEN ?1 AND ?2
           AND NOT EXISTS (SELECT 1 FROM volunteer_ledger x WHERE x.reverses_id = l.id)",
        &p,
    )?;
    let reversed_after_export = count(
        conn,
        "SELECT COUNT(DISTINCT l.id) FROM volunteer_ledger l JOIN national_export_records e ON e.ledger_entry_id = l.id
         WHERE l.service_day BETWEEN ?1 AND ?2
           AND EXISTS (SELECT 1 FROM volunteer_ledger x WHERE x.reverses_id = l.id)",
        &p,
    )?;
    let total_minutes: i64 = list.iter().map(|r| r.minutes).sum();
    let people = list.iter().map(|r| r.volunteer_id).collect::<std::collections::BTreeSet<_>>().len() as u32;
    let preview = NationalExportPreview {
        from: p.from.to_string(),
        to: p.to.to_string(),
        records: list.len() as u32,
        already_exported,
        people,
        total_minutes,
        total_hours: hours_one_decimal(total_minutes),
        reversed_after_export,
        warnings: warnings(&list),
    };
    Ok((p, list, preview))
}

/// The file name the save dialog suggests: 全国志愿服务记录_2026-11-01_2026-11-30.xlsx
pub fn suggested_file_name(q: &NationalExportQuery, format: NationalFormat) -> String {
    format!("全国志愿服务记录_{}_{}.{}", q.from.trim(), q.to.trim(), format.as_str())
}

impl Station {
    /// What an export of `q` would hold: counts and warnings, no personal data, nothing written.
    pub fn volunteers_national_preview(
        &self,
        actor: &StaffActor,
        q: &NationalExportQuery,
    ) -> Result<NationalExportPreview> {
        require_export_right(actor)?;
        Ok(preview_in(self.conn(), q)?.2)
    }

    /// Writes the period's records to `path` (.xlsx or .csv UTF-8 with BOM), records the batch
    /// and which entries it held, and audits the export — all in one transaction, so a file
    /// that could not be written marks nothing. Nothing to export is refused (no empty batch).
    pub fn volunteers_national_export(
        &mut self,
        actor: &StaffActor,
        q: &NationalExportQuery,
        format: NationalFormat,
        path: &Path,
    ) -> Result<NationalExportOutcome> {
        require_export_right(actor)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let (p, list, preview) = preview_in(tx, q)?;
            if list.is_empty() {
                let why = if preview.already_exported > 0 && !q.include_exported {
                    format!(
                        "这段时间的 {} 条服务记录都已导出过；要再次导出请勾掉「只导出未导出的记录」",
                        preview.already_exported
                    )
                } else {
                    "这段时间没有可导出的服务记录".to_string()
                };
                return Err(AppError::new(ErrorCode::Conflict, why));
            }
            let sheet = sheet_of(&list, &recorder(tx, actor)?, tx.tz);
            match format {
                NationalFormat::Xlsx => write_xlsx(path, std::slice::from_ref(&sheet))?,
                NationalFormat::Csv => write_csv(path, &sheet, TextEncoding::Utf8Bom)?,
            }
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            tx.execute(
                "INSERT INTO national_export_batches
                     (period_from, period_to, reexport, format, records, minutes, file_name, exported_at, exported_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    p.from.to_string(),
                    p.to.to_string(),
                    q.include_exported,
                    format.as_str(),
                    list.len() as i64,
                    preview.total_minutes,
                    file_name,
                    tx.now_str(),
                    actor.id
                ],
            )?;
            let batch_id = tx.last_insert_rowid();
            let mut insert =
                tx.prepare("INSERT INTO national_export_records (batch_id, ledger_entry_id) VALUES (?1, ?2)")?;
            for r in &list {
                insert.execute(params![batch_id, r.entry_id])?;
            }
            let mut what = format!("导出到全国志愿服务信息系统 {} 条服务记录（批次 #{batch_id}）", list.len());
            if !preview.warnings.is_empty() {
                what.push_str(&format!("，{} 人无志愿者统一编号", preview.warnings.len()));
            }
            let filter = format!(
                "{} 至 {}、{}",
                clock::format_date_zh(p.from),
                clock::format_date_zh(p.to),
                if q.include_exported {
                    "含已导出的记录（重新导出）"
                } else {
                    "只导出未导出的记录"
                }
            );
            let columns: Vec<&str> = COLUMNS.iter().map(|(t, _)| *t).collect();
            let words = crate::privacy::access::access_words(&what, &filter, &columns, &path.display().to_string());
            tx.audit("national_export", Some(batch_id), "export", &words)?;
            Ok(NationalExportOutcome {
                batch_id,
                path: path.display().to_string(),
                records: list.len() as u32,
                total_hours: preview.total_hours,
                warnings: preview.warnings,
            })
        })
    }

    /// Earlier exports, newest first.
    pub fn volunteers_national_batches(&self, actor: &StaffActor) -> Result<Vec<NationalBatch>> {
        require_export_right(actor)?;
        let mut stmt = self.conn().prepare(
            "SELECT b.id, b.period_from, b.period_to, b.reexport, b.format, b.records, b.minutes, b.file_name,
                    b.exported_at, COALESCE(s.display_name, '')
             FROM national_export_batches b LEFT JOIN staff s ON s.id = b.exported_by
             ORDER BY b.id DESC LIMIT 50",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(NationalBatch {
                id: r.get(0)?,
                period_from: r.get(1)?,
                period_to: r.get(2)?,
                reexport: r.get(3)?,
                format: if r.get::<_, String>(4)? == "csv" { NationalFormat::Csv } else { NationalFormat::Xlsx },
                records: r.get(5)?,
                minutes: r.get(6)?,
                file_name: r.get(7)?,
                exported_at: r.get(8)?,
                exported_by: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
