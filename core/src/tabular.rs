//! Spreadsheets in and out: what office software (Excel, WPS, LibreOffice) saves, read into
//! rows of text; and .xlsx / .csv written for staff to open there.
//!
//! Reading keeps each row's line number as the user sees it in the spreadsheet, so an
//! importer can say "第 12 行：…". CSV files from Chinese Windows arrive in GB18030 (Excel's
//! "CSV" and WPS), UTF-8 with a BOM (Excel's "CSV UTF-8") or plain UTF-8, and Excel's
//! "Unicode text" is UTF-16 with tabs: all detected here, never asked of the user.

use crate::error::{AppError, ErrorCode, Result};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

/// One spreadsheet row: its 1-based line number in the file and its cells as trimmed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub line: usize,
    pub cells: Vec<String>,
}

impl TableRow {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// A header row and the rows under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

impl Table {
    /// Splits `rows` at `header_index` (an index into `rows`); rows above it (titles) are
    /// dropped, blank rows under it skipped.
    pub fn with_header_at(mut rows: Vec<TableRow>, header_index: usize) -> Table {
        if header_index >= rows.len() {
            return Table { headers: Vec::new(), rows: Vec::new() };
        }
        let body = rows.split_off(header_index + 1);
        let headers = rows.pop().map(|r| r.cells).unwrap_or_default();
        Table { headers, rows: body.into_iter().filter(|r| !r.is_blank()).collect() }
    }
}

/// The encodings a CSV file may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16,
    Gb18030,
}

/// Reads a spreadsheet's first sheet (or a CSV / tab-separated text file) as rows of text;
/// the first non-blank row is the header.
pub fn read_table(path: &Path) -> Result<Table> {
    let rows = read_rows(path)?;
    let first = rows.iter().position(|r| !r.is_blank()).unwrap_or(0);
    Ok(Table::with_header_at(rows, first))
}

/// Every row of the file's first sheet, blank ones included, with their line numbers.
pub fn read_rows(path: &Path) -> Result<Vec<TableRow>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path),
        "csv" | "txt" | "tsv" => {
            let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
            Ok(parse_delimited(&decode_text(&bytes)?.0))
        }
        _ => Err(AppError::validation("file", "不支持这种文件，请选择 Excel 表格（.xlsx / .xls）或 CSV 文件（.csv）")),
    }
}

fn io_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new(ErrorCode::Io, format!("无法读取文件「{}」：{e}", path.display()))
}

fn read_workbook(path: &Path) -> Result<Vec<TableRow>> {
    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(path)
        .map_err(|e| AppError::validation("file", format!("无法打开表格文件（文件可能已损坏或被加密）：{e}")))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(AppError::validation("file", format!("无法读取表格的第一个工作表：{e}"))),
        None => return Err(AppError::validation("file", "表格里没有工作表")),
    };
    // A sheet whose data starts below row 1 reports its start; line numbers stay the user's.
    let first_line = range.start().map_or(1, |(row, _)| row as usize + 1);
    let first_col = range.start().map_or(0, |(_, col)| col as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut texts: Vec<String> = vec![String::new(); first_col];
            texts.extend(cells.iter().map(cell_text));
            TableRow { line: first_line + i, cells: texts }
        })
        .collect())
}

/// A spreadsheet cell as the text a person sees: whole numbers without ".0" (phone numbers
/// typed into a number cell), dates as 年-月-日.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) => clean_text(s),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(dt) => excel_serial_date(dt.as_f64()).map_or_else(|| number_text(dt.as_f64()), iso_date),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// Excel's serial day number (1900 date system; day 60 is the fictitious 1900-02-29).
fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

fn iso_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Trims ordinary and full-width spaces and drops control characters (a stray tab or a
/// zero-width space copied from a web page).
fn clean_text(s: &str) -> String {
    let kept: String =
        s.chars().filter(|c| (!c.is_control() || *c == '\n') && *c != '\u{200b}' && *c != '\u{feff}').collect();
    kept.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').to_string()
}

/// Decodes a text file, detecting its encoding: a BOM first, then strict UTF-8, then GB18030.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding)> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest)
            .map_err(|_| AppError::validation("file", "文件声明为 UTF-8 编码，但内容有损坏的字符"))?;
        return Ok((text.to_string(), TextEncoding::Utf8Bom));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, malformed) = encoding_rs::UTF_16LE.decode(bytes); // decode() follows the BOM
        if malformed {
            return Err(AppError::validation("file", "文件是 UTF-16 编码，但内容有损坏的字符"));
        }
        return Ok((text.into_owned(), TextEncoding::Utf16));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), TextEncoding::Utf8));
    }
    let (text, malformed) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if malformed {
        return Err(AppError::validation(
            "file",
            "无法识别文件的文字编码（支持 UTF-8 和 GBK/GB18030），请在 Excel 或 WPS 中另存为 CSV 后重试",
        ));
    }
    Ok((text.into_owned(), TextEncoding::Gb18030))
}

/// Parses CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) with the
/// delimiter guessed from the first line: comma, tab or semicolon.
pub fn parse_delimited(text: &str) -> Vec<TableRow> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [',', '\t', ';']
        .into_iter()
        .max_by_key(|d| first_line.matches(*d).count())
        .filter(|d| first_line.contains(*d))
        .unwrap_or(',');
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1;
    let mut row_line = 1;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if in_quotes => in_quotes = false,
            '"' if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
            }
            '\n' if in_quotes => {
                line += 1;
                field.push('\n');
            }
            '\r' if !in_quotes => {}
            '\n' => {
                cells.push(clean_text(&std::mem::take(&mut field)));
                rows.push(TableRow { line: row_line, cells: std::mem::take(&mut cells) });
                line += 1;
                row_line = line;
            }
            c if c == delimiter && !in_quotes => cells.push(clean_text(&std::mem::take(&mut field))),
            c => field.push(c),
        }
    }
    if !field.is_empty() || !cells.is_empty() {
        cells.push(clean_text(&field));
        rows.push(TableRow { line: row_line, cells });
    }
    rows
}

/// Dates as people type them in spreadsheets — 1950-3-8, 1950/03/08, 1950.3.8, 1950年3月8日,
/// 19500308 — as 年-月-日 (ISO); other text is returned unchanged for the validator to refuse.
pub fn normalize_date(text: &str) -> String {
    let t = text.trim();
    if t.len() == 8 && t.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y%m%d") {
            return iso_date(d);
        }
    }
    let unified: String =
        t.trim_end_matches('日').chars().map(|c| if matches!(c, '/' | '.' | '年' | '月') { '-' } else { c }).collect();
    // "1950-03-08 00:00:00" from a date cell exported as text
    let date_part = unified.split_whitespace().next().unwrap_or("");
    match NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
        Ok(d) => iso_date(d),
        Err(_) => t.to_string(),
    }
}

// ---------------------------------------------------------------- writing

/// A cell to write; numbers stay numbers so staff can sum them in Excel.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Int(n)
    }
}

impl From<f64> for Cell {
    fn from(n: f64) -> Cell {
        Cell::Number(n)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Cell {
        Cell::Date(d)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Cell {
        v.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => iso_date(*d),
            Cell::Empty => String::new(),
        }
    }
}

/// A column: its header and its width in characters (a Chinese character counts as two).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: f64,
}

impl Column {
    pub fn new(title: &str, width: f64) -> Column {
        Column { title: title.to_string(), width }
    }
}

/// One worksheet: a styled header row and the data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::new(ErrorCode::Io, format!("无法写出 Excel 文件：{e}"))
}

/// Writes the sheets as an .xlsx workbook: header row bold on a light fill, frozen, with a
/// filter; column widths set; numbers as numbers; dates as dates.
pub fn write_xlsx(path: &Path, sheets: &[Sheet]) -> Result<()> {
    use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook};
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF2DCDB))
        .set_border(FormatBorder::Thin)
        .set_font_name("等线");
    let body = Format::new().set_font_name("等线");
    let date = Format::new().set_font_name("等线").set_num_format("yyyy-mm-dd");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&sheet.name)).map_err(xlsx_error)?;
        for (c, col) in sheet.columns.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, &col.title, &header).map_err(xlsx_error)?;
            ws.set_column_width(c, col.width).map_err(xlsx_error)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => ws.write_string_with_format(r, c, s, &body).map(|_| ()),
                    Cell::Int(n) => ws.write_number_with_format(r, c, *n as f64, &body).map(|_| ()),
                    Cell::Number(n) => ws.write_number_with_format(r, c, *n, &body).map(|_| ()),
                    Cell::Date(d) => {
                        let dt = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .map_err(xlsx_error)?;
                        ws.write_datetime_with_format(r, c, &dt, &date).map(|_| ())
                    }
                    Cell::Empty => Ok(()),
                }
                .map_err(xlsx_error)?;
            }
        }
        if !sheet.columns.is_empty() {
            ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
            let last_col = sheet.columns.len() as u16 - 1;
            ws.autofilter(0, 0, sheet.rows.len() as u32, last_col).map_err(xlsx_error)?;
        }
    }
    let part = partial_path(path);
    book.save(&part).map_err(xlsx_error)?;
    finish_partial(&part, path)
}

/// Files are written beside their destination and renamed into place, so nobody (a person
/// double-clicking it, a sync tool) ever opens a half-written file.
pub(crate) fn partial_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    path.with_file_name(name)
}

pub(crate) fn finish_partial(part: &Path, path: &Path) -> Result<()> {
    std::fs::rename(part, path).map_err(|e| {
        let _ = std::fs::remove_file(part);
        AppError::new(ErrorCode::Io, format!("无法写出文件「{}」：{e}", path.display()))
    })
}

/// Excel limits sheet names to 31 characters without []:*?/\.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if cleaned.trim().is_empty() {
        "Sheet1".to_string()
    } else {
        cleaned
    }
}

/// Writes one sheet as CSV: UTF-8 with a BOM (Excel opens it right) or GB18030 (for older
/// office software on Chinese Windows).
pub fn write_csv(path: &Path, sheet: &Sheet, encoding: TextEncoding) -> Result<()> {
    let mut text = String::new();
    let header: Vec<String> = sheet.columns.iter().map(|c| csv_field(&neutralise(&c.title))).collect();
    text.push_str(&header.join(","));
    text.push_str("\r\n");
    for row in &sheet.rows {
        let cells: Vec<String> = row.iter().map(csv_cell).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    let bytes = match encoding {
        TextEncoding::Gb18030 => encoding_rs::GB18030.encode(&text).0.into_owned(),
        TextEncoding::Utf8 => text.into_bytes(),
        TextEncoding::Utf8Bom | TextEncoding::Utf16 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    };
    let part = partial_path(path);
    std::fs::write(&part, bytes).map_err(|e| AppError::new(ErrorCode::Io, format!("无法写出 CSV 文件：{e}")))?;
    finish_partial(&part, path)
}

/// One CSV field. Text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would
/// run as a formula (or be read as one) when a spreadsheet opens the file: it gets a leading
/// single quote, as OWASP's CSV-injection advice says. Numbers are written as numbers (a
/// negative amount stays -3); only text is ever prefixed.
fn csv_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => csv_field(&neutralise(s)),
        other => csv_field(&other.text()),
    }
}

/// The text as a spreadsheet may safely open it (see `csv_cell`).
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests;
