//! The one importer for residents, volunteers and items, from .xlsx / .xls / .csv files as
//! office software saves them (see `tabular`).
//!
//! How it works, for every target alike:
//! 1. read the file, find the header row (the row among the first ten whose cells match the
//!    most field names: a title row such as "阳光花园志愿者名单" above it is skipped) and map
//!    columns to fields by their Chinese headers (姓名, 手机号, 楼栋 … and their aliases);
//! 2. preview: every row is validated and written inside a transaction that is then rolled
//!    back, so the preview's counts (new / updated / unchanged) and row errors ("第 12 行：
//!    手机号格式不正确") are exactly what the import will do, and nothing is written;
//! 3. commit: the same, in one transaction that is committed: every valid row is written,
//!    rows with errors are skipped (each row runs in a savepoint, so a bad row leaves no
//!    trace). Re-importing a file is idempotent: each target matches existing records.
//!
//! A target implements [`ImportKind`] in its own module and adds one arm to
//! [`ImportTarget`].

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::tabular::{self, Table, TableRow};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// A field a target accepts, with the headers office files use for it.
#[derive(Debug, Clone, Copy)]
pub struct FieldSpec {
    /// camelCase key, as in the target's input struct (errors name it)
    pub key: &'static str,
    /// the Chinese header staff see
    pub label: &'static str,
    /// other headers meaning the same (compared without spaces, case and a trailing *)
    pub aliases: &'static [&'static str],
    pub required: bool,
}

/// What writing one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    Created,
    Updated,
    Unchanged,
}

/// One row's values by field key (empty string when the column is absent or blank).
pub struct RowValues<'a> {
    pub line: usize,
    fields: &'a [FieldSpec],
    cells: Vec<&'a str>,
}

impl RowValues<'_> {
    pub fn get(&self, key: &str) -> &str {
        self.fields.iter().position(|f| f.key == key).map_or("", |i| self.cells[i])
    }
}

/// A target of the importer: its fields and how one row is validated and written.
pub trait ImportKind {
    fn fields() -> &'static [FieldSpec];
    /// Validates one row and writes it. Runs inside the import's transaction (in a savepoint:
    /// an error undoes this row only); must match existing records so a re-import of the same
    /// file creates nothing new. Errors are `AppError::validation(field, 中文)`; a row with
    /// several problems reports them all in one (`validate::Problems`). Records the row needs
    /// and the station lacks (a compound, a building, a branch) are created through
    /// `ctx.may_create`, which lists them for the person to confirm.
    fn import_row(tx: &Tx, row: &RowValues, ctx: &mut RowContext) -> Result<WriteOutcome>;
}

/// A record an import creates on the way (a grid, compound or building the roster names, a
/// party branch …), listed in the preview for the person to confirm or untick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRecord {
    /// 网格 / 小区 / 楼栋 / 党支部 …
    pub kind: String,
    /// where it goes, as the person reads it: "第一网格 › 白水小区 › 9号楼" (unique per import)
    pub path: String,
    /// the path of the new record it sits under, when that is new too (the preview's tree)
    pub parent: Option<String>,
    /// how many rows need it
    pub rows: u32,
    /// unticked by the person: not created, and its rows are refused
    pub skipped: bool,
}

/// What an import may create on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewRecordPolicy {
    /// false: a row naming a place the station lacks is refused (`--no-new-places`)
    pub create: bool,
    /// paths (as in `NewRecord::path`) the person unticked
    pub skip: Vec<String>,
}

impl Default for NewRecordPolicy {
    fn default() -> Self {
        NewRecordPolicy { create: true, skip: Vec::new() }
    }
}

/// "新建：网格 3 个，小区 3 个，楼栋 13 个" (None when nothing is new); unticked ones apart.
pub fn new_records_summary(records: &[NewRecord]) -> Option<String> {
    let mut kinds: Vec<(&str, u32, u32)> = Vec::new();
    for r in records {
        let at = match kinds.iter().position(|(k, _, _)| *k == r.kind) {
            Some(i) => i,
            None => {
                kinds.push((&r.kind, 0, 0));
                kinds.len() - 1
            }
        };
        if r.skipped {
            kinds[at].2 += 1;
        } else {
            kinds[at].1 += 1;
        }
    }
    let made: Vec<String> = kinds.iter().filter(|k| k.1 > 0).map(|(k, n, _)| format!("{k} {n} 个")).collect();
    let skipped: Vec<String> = kinds.iter().filter(|k| k.2 > 0).map(|(k, _, n)| format!("{k} {n} 个")).collect();
    let mut parts = Vec::new();
    if !made.is_empty() {
        parts.push(format!("新建：{}", made.join("，")));
    }
    if !skipped.is_empty() {
        parts.push(format!("未勾选（不新建）：{}", skipped.join("，")));
    }
    (!parts.is_empty()).then(|| parts.join("；"))
}

/// What one row's import may consult and add to: the policy, and the records created so far.
pub struct RowContext<'a> {
    policy: &'a NewRecordPolicy,
    created: &'a mut Vec<NewRecord>,
    /// (kind, id) of each record this import created, in `created`'s order of the unskipped
    ids: &'a mut Vec<(String, i64)>,
}

impl RowContext<'_> {
    /// A row uses a record it found: when this import created it, the row is counted under it.
    pub fn found(&mut self, kind: &str, id: i64) {
        let Some(i) = self.ids.iter().position(|(k, known)| k == kind && *known == id) else { return };
        if let Some(r) = self.created.iter_mut().filter(|r| !r.skipped).nth(i) {
            r.rows += 1;
        }
    }

    /// Asks to create `path`: Ok when the policy allows it (the caller then creates it and
    /// calls `record_created`), else the row's refusal naming the field.
    pub fn may_create(&mut self, field: &str, kind: &str, path: &str, missing: &str) -> Result<()> {
        if !self.policy.create {
            return Err(AppError::validation(field, format!("{missing}（本次导入不新建{kind}）")));
        }
        if self.policy.skip.iter().any(|p| p == path) {
            match self.created.iter_mut().find(|r| r.path == path) {
                Some(r) => r.rows += 1,
                None => self.created.push(NewRecord {
                    kind: kind.into(),
                    path: path.into(),
                    parent: None,
                    rows: 1,
                    skipped: true,
                }),
            }
            return Err(AppError::validation(field, format!("{kind}「{path}」未勾选新建，本行未导入")));
        }
        Ok(())
    }

    /// Notes a record created for this row (listed in the report, found by later rows).
    pub fn record_created(&mut self, kind: &str, path: &str, parent: Option<&str>, id: i64) {
        let parent = parent.filter(|p| self.created.iter().any(|r| !r.skipped && r.path == *p)).map(String::from);
        self.created.push(NewRecord { kind: kind.into(), path: path.into(), parent, rows: 1, skipped: false });
        self.ids.push((kind.to_string(), id));
    }
}

/// What can be imported. Each arm's `ImportKind` lives in its own domain module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ImportTarget {
    Residents,
    Volunteers,
    Items,
    PartyMembers,
}

impl ImportTarget {
    /// The name used on the command line (`station-desk import residents FILE`).
    pub fn parse(name: &str) -> Option<ImportTarget> {
        match name {
            "residents" => Some(ImportTarget::Residents),
            "volunteers" => Some(ImportTarget::Volunteers),
            "items" => Some(ImportTarget::Items),
            "party-members" => Some(ImportTarget::PartyMembers),
            _ => None,
        }
    }

    pub const ALL: &'static [(&'static str, ImportTarget)] = &[
        ("residents", ImportTarget::Residents),
        ("volunteers", ImportTarget::Volunteers),
        ("items", ImportTarget::Items),
        ("party-members", ImportTarget::PartyMembers),
    ];

    pub fn label(self) -> &'static str {
        match self {
            ImportTarget::Residents => "居民",
            ImportTarget::Volunteers => "志愿者",
            ImportTarget::Items => "物资",
            ImportTarget::PartyMembers => "党员",
        }
    }

    /// Party data needs "党务" access (see `crate::party`); the other targets any staff.
    fn check_access(self, st: &Station, actor: &StaffActor) -> Result<()> {
        match self {
            ImportTarget::PartyMembers => crate::party::require_party(st.conn(), actor),
            _ => Ok(()),
        }
    }

    fn fields(self) -> &'static [FieldSpec] {
        match self {
            ImportTarget::Residents => crate::residents::import::ResidentImport::fields(),
            ImportTarget::Volunteers => crate::volunteers::import::VolunteerImport::fields(),
            ImportTarget::Items => crate::inventory::import::ItemImport::fields(),
            ImportTarget::PartyMembers => crate::party::import::PartyMemberImport::fields(),
        }
    }

    fn import_row(self, tx: &Tx, row: &RowValues, ctx: &mut RowContext) -> Result<WriteOutcome> {
        match self {
            ImportTarget::Residents => crate::residents::import::ResidentImport::import_row(tx, row, ctx),
            ImportTarget::Volunteers => crate::volunteers::import::VolunteerImport::import_row(tx, row, ctx),
            ImportTarget::Items => crate::inventory::import::ItemImport::import_row(tx, row, ctx),
            ImportTarget::PartyMembers => crate::party::import::PartyMemberImport::import_row(tx, row, ctx),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    pub target: ImportTarget,
    /// the file (chosen in the desk's open dialog, or given on the command line)
    pub path: String,
    /// per file column, the field key it fills (None: ignored); None = map by headers
    pub mapping: Option<Vec<Option<String>>>,
    /// what the import may create on the way (default: everything the rows need)
    #[serde(default)]
    #[ts(optional)]
    pub new_records: Option<NewRecordPolicy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportField {
    pub key: String,
    pub label: String,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportColumn {
    pub header: String,
    pub field: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    pub line: u32,
    pub field: Option<String>,
    /// "第 12 行：手机号格式不正确"
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSampleRow {
    pub line: u32,
    pub cells: Vec<String>,
}

/// What an import would do (preview) or did (commit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub target: ImportTarget,
    pub file_name: String,
    pub header_line: u32,
    pub fields: Vec<ImportField>,
    pub columns: Vec<ImportColumn>,
    /// labels of required fields no column is mapped to (nothing can be imported then)
    pub missing_required: Vec<String>,
    /// the first rows as they are in the file, for the preview table
    pub sample: Vec<ImportSampleRow>,
    pub total_rows: u32,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub errors: Vec<RowError>,
    /// places and other records the rows need that the station lacks: created with the rows
    /// (preview: would be), in the order first needed
    pub new_records: Vec<NewRecord>,
    /// true once written (commit); false for a preview / dry run
    pub written: bool,
}

const SAMPLE_ROWS: usize = 20;
const HEADER_SEARCH_ROWS: usize = 10;

/// Headers compared without spaces, case, "*", "（必填）" and the like.
fn normalize_header(h: &str) -> String {
    let mut s: String = h.chars().filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊').collect();
    for suffix in ["(必填)", "（必填）", "(选填)", "（选填）"] {
        if let Some(stripped) = s.strip_suffix(suffix) {
            s = stripped.to_string();
        }
    }
    s.to_lowercase()
}

fn field_for_header(fields: &[FieldSpec], header: &str) -> Option<&'static str> {
    let h = normalize_header(header);
    if h.is_empty() {
        return None;
    }
    fields
        .iter()
        .find(|f| {
            normalize_header(f.label) == h
                || normalize_header(f.key) == h
                || f.aliases.iter().any(|a| normalize_header(a) == h)
        })
        .map(|f| f.key)
}

/// The header row: among the first rows, the one matching the most fields.
fn find_header(rows: &[TableRow], fields: &[FieldSpec]) -> usize {
    let score = |r: &TableRow| r.cells.iter().filter(|c| field_for_header(fields, c).is_some()).count();
    let mut best = (0, rows.iter().position(|r| !r.is_blank()).unwrap_or(0));
    for (i, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let s = score(row);
        if s > best.0 {
            best = (s, i);
        }
    }
    best.1
}

fn auto_mapping(headers: &[String], fields: &[FieldSpec]) -> Vec<Option<String>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|h| {
            let key = field_for_header(fields, h).filter(|k| !taken.contains(k))?;
            taken.push(key);
            Some(key.to_string())
        })
        .collect()
}

fn check_mapping(mapping: &[Option<String>], fields: &[FieldSpec]) -> Result<()> {
    for (i, key) in mapping.iter().enumerate() {
        let Some(key) = key else { continue };
        if !fields.iter().any(|f| f.key == key) {
            return Err(AppError::validation("mapping", format!("第 {} 列对应的字段「{key}」不存在", i + 1)));
        }
        if mapping[..i].iter().flatten().any(|k| k == key) {
            let label = fields.iter().find(|f| f.key == key).map_or(key.as_str(), |f| f.label);
            return Err(AppError::validation("mapping", format!("「{label}」对应了多列，请只选一列")));
        }
    }
    Ok(())
}

/// A file read and mapped, ready to preview or import. Reading needs no station: the shell
/// reads the file before it takes the station, so a large file never keeps the kiosk waiting
/// while it is parsed.
pub struct Prepared {
    target: ImportTarget,
    table: Table,
    header_line: usize,
    mapping: Vec<Option<String>>,
    file_name: String,
    new_records: NewRecordPolicy,
}

/// Reads the request's file (within `tabular::limits`) and maps its columns.
pub fn prepare(req: &ImportRequest) -> Result<Prepared> {
    let path = Path::new(&req.path);
    let fields = req.target.fields();
    let rows = tabular::read_rows(path)?;
    if rows.iter().all(TableRow::is_blank) {
        return Err(AppError::validation("file", "文件是空的，没有可导入的行"));
    }
    let header_index = find_header(&rows, fields);
    let header_line = rows[header_index].line;
    let table = Table::with_header_at(rows, header_index);
    let mapping = match &req.mapping {
        Some(m) => {
            check_mapping(m, fields)?;
            let mut m = m.clone();
            m.resize(table.headers.len(), None);
            m
        }
        None => auto_mapping(&table.headers, fields),
    };
    let file_name = path.file_name().map_or_else(|| req.path.clone(), |n| n.to_string_lossy().into_owned());
    let new_records = req.new_records.clone().unwrap_or_default();
    Ok(Prepared { target: req.target, table, header_line, mapping, file_name, new_records })
}

/// Runs every row through the target inside `tx`, each in a savepoint.
fn run_rows(tx: &Tx, target: ImportTarget, p: &Prepared, report: &mut ImportReport) -> Result<()> {
    let fields = target.fields();
    let mut ids = Vec::new();
    for row in &p.table.rows {
        let cells: Vec<&str> = fields
            .iter()
            .map(|f| {
                p.mapping
                    .iter()
                    .position(|k| k.as_deref() == Some(f.key))
                    .and_then(|col| row.cells.get(col))
                    .map_or("", String::as_str)
            })
            .collect();
        let values = RowValues { line: row.line, fields, cells };
        let missing = fields.iter().zip(&values.cells).find(|(f, v)| f.required && v.is_empty());
        let outcome = match missing {
            Some((f, _)) => Err(AppError::validation(f.key, format!("请填写{}", f.label))),
            None => {
                tx.execute_batch("SAVEPOINT import_row")?;
                // a refused row's savepoint undoes what it created: forget those records too
                let (created_before, ids_before) = (report.new_records.clone(), ids.len());
                let mut ctx = RowContext { policy: &p.new_records, created: &mut report.new_records, ids: &mut ids };
                let outcome = target.import_row(tx, &values, &mut ctx);
                match outcome {
                    Ok(_) => tx.execute_batch("RELEASE import_row")?,
                    Err(_) => {
                        tx.execute_batch("ROLLBACK TO import_row; RELEASE import_row")?;
                        let skipped_now: Vec<NewRecord> =
                            report.new_records.iter().filter(|r| r.skipped).cloned().collect();
                        report.new_records = created_before;
                        for s in skipped_now {
                            match report.new_records.iter_mut().find(|r| r.path == s.path) {
                                Some(r) => r.rows = s.rows,
                                None => report.new_records.push(s),
                            }
                        }
                        ids.truncate(ids_before);
                    }
                }
                outcome
            }
        };
        match outcome {
            Ok(WriteOutcome::Created) => report.created += 1,
            Ok(WriteOutcome::Updated) => report.updated += 1,
            Ok(WriteOutcome::Unchanged) => report.unchanged += 1,
            // the database itself failing is not a row's fault: stop the whole import
            Err(e) if matches!(e.code, ErrorCode::Database | ErrorCode::Io | ErrorCode::Internal) => return Err(e),
            Err(e) => report.errors.push(RowError {
                line: row.line as u32,
                field: e.field.clone(),
                message: format!("第 {} 行：{}", row.line, e.message),
            }),
        }
    }
    Ok(())
}

fn empty_report(target: ImportTarget, p: &Prepared) -> ImportReport {
    let fields = target.fields();
    let missing_required = fields
        .iter()
        .filter(|f| f.required && !p.mapping.iter().any(|k| k.as_deref() == Some(f.key)))
        .map(|f| f.label.to_string())
        .collect();
    ImportReport {
        target,
        file_name: p.file_name.clone(),
        header_line: p.header_line as u32,
        fields: fields
            .iter()
            .map(|f| ImportField { key: f.key.into(), label: f.label.into(), required: f.required })
            .collect(),
        columns: p
            .table
            .headers
            .iter()
            .zip(&p.mapping)
            .map(|(h, k)| ImportColumn { header: h.clone(), field: k.clone() })
            .collect(),
        missing_required,
        sample: p
            .table
            .rows
            .iter()
            .take(SAMPLE_ROWS)
            .map(|r| ImportSampleRow { line: r.line as u32, cells: r.cells.clone() })
            .collect(),
        total_rows: p.table.rows.len() as u32,
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: Vec::new(),
        new_records: Vec::new(),
        written: false,
    }
}

impl Station {
    /// What importing this file would do, without writing anything.
    pub fn import_preview(&mut self, actor: &StaffActor, req: &ImportRequest) -> Result<ImportReport> {
        req.target.check_access(self, actor)?;
        let p = prepare(req)?;
        self.import_preview_prepared(actor, &p)
    }

    /// What a preview needs to run away from this station: its file and clock (see
    /// [`preview_on_snapshot`]). None for an in-memory station.
    pub fn snapshot_source(&self) -> Option<(std::path::PathBuf, crate::clock::Clock)> {
        self.path().map(|p| (p.to_path_buf(), self.clock()))
    }

    /// The preview of a file already read by [`prepare`].
    pub fn import_preview_prepared(&mut self, actor: &StaffActor, p: &Prepared) -> Result<ImportReport> {
        let mut report = empty_report(p.target, p);
        if !report.missing_required.is_empty() {
            return Ok(report);
        }
        self.dry_run(&Actor::Staff(actor.clone()), |tx| run_rows(tx, p.target, p, &mut report))?;
        Ok(report)
    }

    /// Writes every valid row in one transaction; rows with errors are skipped and listed.
    /// Refused (nothing written) when a required field has no column or no row is valid.
    pub fn import_commit(&mut self, actor: &StaffActor, req: &ImportRequest) -> Result<ImportReport> {
        req.target.check_access(self, actor)?;
        let p = prepare(req)?;
        self.import_commit_prepared(actor, &p)
    }

    /// The import of a file already read by [`prepare`].
    pub fn import_commit_prepared(&mut self, actor: &StaffActor, p: &Prepared) -> Result<ImportReport> {
        let mut report = empty_report(p.target, p);
        if !report.missing_required.is_empty() {
            return Err(AppError::validation(
                "mapping",
                format!("请为必填字段选择对应的列：{}", report.missing_required.join("、")),
            ));
        }
        self.write(&Actor::Staff(actor.clone()), |tx| {
            run_rows(tx, p.target, p, &mut report)?;
            if report.created + report.updated + report.unchanged == 0 {
                return Err(AppError::validation("file", "没有一行可以导入，请先改正文件中的错误"));
            }
            tx.audit(
                "import",
                None,
                p.target.label(),
                &format!(
                    "{}：新增 {}，更新 {}，未变 {}，错误 {} 行{}",
                    report.file_name,
                    report.created,
                    report.updated,
                    report.unchanged,
                    report.errors.len(),
                    new_records_summary(&report.new_records).map(|s| format!("；{s}")).unwrap_or_default()
                ),
            )
        })?;
        report.written = true;
        Ok(report)
    }
}

#[cfg(test)]
mod tests;

/// The preview of a large file without holding the station: the database is copied through a
/// connection of its own (`VACUUM INTO` reads a consistent snapshot and, in WAL mode, blocks
/// no writer), and the dry run runs on the copy, which is then deleted. A kiosk booking made
/// meanwhile waits for nothing (the preview of 50,000 rows takes seconds; see
/// `core/benches/import.rs`). The report is the one the station itself would give as of the
/// snapshot; the commit compares again on the station.
pub fn preview_on_snapshot(
    db_path: &Path,
    clock: crate::clock::Clock,
    actor: &StaffActor,
    p: &Prepared,
) -> Result<ImportReport> {
    let dir = tempfile::Builder::new()
        .prefix("station-import-preview-")
        .tempdir()
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法创建预览用的临时文件：{e}")))?;
    let copy = dir.path().join(crate::db::DB_FILE_NAME);
    let source = rusqlite::Connection::open_with_flags(db_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(std::time::Duration::from_secs(5))?;
    source
        .execute("VACUUM INTO ?1", [copy.to_string_lossy()])
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法为预览复制数据：{e}")))?;
    drop(source);
    let mut snapshot = Station::open_with(&copy, crate::db::MIGRATIONS, clock)?;
    // A throwaway copy: durability costs time and buys nothing.
    snapshot.conn().pragma_update(None, "synchronous", "OFF")?;
    snapshot.import_preview_prepared(actor, p)
}
