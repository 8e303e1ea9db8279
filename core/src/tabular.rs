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

/// What a spreadsheet may hold. A file from anyone's USB stick can declare a sheet of
/// 16,384 × 1,048,576 cells in 2 KB, or unpack from 1 MB into gigabytes; the reader checks
/// these limits before and while it reads (never building a dense grid of a sheet first) and
/// refuses with a message naming the limit. A station's register fits well inside them.
pub mod limits {
    /// the file on disk
    pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;
    /// everything inside an .xlsx / .ods (a zip archive) once unpacked
    pub const MAX_UNPACKED_BYTES: u64 = 200 * 1024 * 1024;
    /// the last line with content (rows are numbered as the spreadsheet shows them)
    pub const MAX_ROWS: usize = 50_000;
    /// the last column with content
    pub const MAX_COLUMNS: usize = 100;
    /// cells with content in the whole sheet
    pub const MAX_CELLS: usize = 1_000_000;
}
use limits::*;

fn too_many_rows(line: usize) -> AppError {
    AppError::validation(
        "file",
        format!("表格超过 {MAX_ROWS} 行的上限（第 {line} 行仍有内容），请删去多余的行或分成几个文件导入"),
    )
}

fn too_many_columns(column: usize) -> AppError {
    AppError::validation(
        "file",
        format!("表格超过 {MAX_COLUMNS} 列的上限（第 {column} 列仍有内容），请删去多余的列后重试"),
    )
}

fn too_many_cells() -> AppError {
    AppError::validation("file", format!("表格超过 {MAX_CELLS} 个单元格的上限，请分成几个文件导入"))
}

fn file_too_large(bytes: u64) -> AppError {
    AppError::validation(
        "file",
        format!(
            "文件太大（{:.1} MB），超过 {} MB 的上限，请分成几个文件导入",
            bytes as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ),
    )
}

/// Every row of the file's first sheet, blank ones included, with their line numbers.
/// Refused (a Chinese message naming the limit) past any of [`limits`].
pub fn read_rows(path: &Path) -> Result<Vec<TableRow>> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let known = matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" | "csv" | "txt" | "tsv");
    if !known {
        return Err(AppError::validation(
            "file",
            "不支持这种文件，请选择 Excel 表格（.xlsx / .xls）或 CSV 文件（.csv）",
        ));
    }
    let size = std::fs::metadata(path).map_err(|e| io_error(path, e))?.len();
    if size > MAX_FILE_BYTES {
        return Err(file_too_large(size));
    }
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" => {
            check_archive(path)?;
            read_xlsx_streaming(path, ext == "xlsb")
        }
        "ods" => {
            check_archive(path)?;
            check_ods(path)?;
            read_workbook(path)
        }
        "xls" => {
            check_xls(path)?;
            read_workbook(path)
        }
        _ => read_delimited_file(path),
    }
}

fn io_error(path: &Path, e: std::io::Error) -> AppError {
    AppError::new(ErrorCode::Io, format!("无法读取文件「{}」：{e}", path.display()))
}

fn unreadable_workbook(e: impl std::fmt::Display) -> AppError {
    AppError::validation("file", format!("无法打开表格文件（文件可能已损坏或被加密）：{e}"))
}

/// An .xlsx / .ods is a zip archive: every member is unpacked once, counting bytes, before
/// calamine reads any of it (calamine loads the shared strings whole; a zip's declared sizes
/// can lie, so they are counted, not trusted).
fn check_archive(path: &Path) -> Result<()> {
    check_archive_within(path, MAX_UNPACKED_BYTES)
}

fn check_archive_within(path: &Path, limit: u64) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(unreadable_workbook)?;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).map_err(unreadable_workbook)?;
        loop {
            let n = std::io::Read::read(&mut member, &mut buf).map_err(unreadable_workbook)?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limit {
                return Err(AppError::validation(
                    "file",
                    format!("表格文件解压后超过 {} MB 的上限，请分成几个文件导入", limit.div_ceil(1_048_576)),
                ));
            }
        }
    }
    Ok(())
}

/// The first sheet of an .xlsx / .xlsm / .xlsb, read cell by cell: the declared dimensions
/// are checked first, then every cell's position, so no sheet is ever held as a dense grid.
fn read_xlsx_streaming(path: &Path, binary: bool) -> Result<Vec<TableRow>> {
    use calamine::{open_workbook, Reader, Xlsb, Xlsx};
    let mut sheet = SparseSheet::default();
    // Xlsx and Xlsb each have their own cell reader type with the same methods and no common
    // trait: the one walk, written once for both.
    macro_rules! stream_first_sheet {
        ($book:ty) => {{
            let mut book: $book = open_workbook(path).map_err(unreadable_workbook)?;
            let name =
                book.sheet_names().first().cloned().ok_or_else(|| AppError::validation("file", "表格里没有工作表"))?;
            let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable_workbook)?;
            check_dimensions(cells.dimensions().start, cells.dimensions().end)?;
            while let Some(cell) = cells.next_cell().map_err(unreadable_workbook)? {
                sheet.put(cell.get_position(), cell_text(&calamine::Data::from(cell.get_value().clone())))?;
            }
        }};
    }
    if binary {
        stream_first_sheet!(Xlsb<_>);
    } else {
        stream_first_sheet!(Xlsx<_>);
    }
    Ok(sheet.into_rows())
}

/// A sheet's declared extent (`<dimension ref="A1:XFD1048576"/>`), 0-based (row, column).
/// Refused when it is past the limits: nothing of the sheet has been read yet.
pub(crate) fn check_dimensions(start: (u32, u32), end: (u32, u32)) -> Result<()> {
    let (rows, cols) = (end.0 as usize + 1, end.1 as usize + 1);
    if end.0 < start.0 || end.1 < start.1 {
        return Ok(()); // an empty sheet declares nothing
    }
    if rows > MAX_ROWS {
        return Err(too_many_rows(rows));
    }
    if cols > MAX_COLUMNS {
        return Err(too_many_columns(cols));
    }
    Ok(())
}

/// Cells as they come, kept per row; only cells with text count, so a sheet formatted
/// down to row 1,048,576 but filled to row 300 is fine.
#[derive(Default)]
struct SparseSheet {
    rows: std::collections::BTreeMap<usize, Vec<(usize, String)>>,
    cells: usize,
}

impl SparseSheet {
    fn put(&mut self, (row, col): (u32, u32), text: String) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let (line, column) = (row as usize + 1, col as usize + 1);
        if line > MAX_ROWS {
            return Err(too_many_rows(line));
        }
        if column > MAX_COLUMNS {
            return Err(too_many_columns(column));
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(too_many_cells());
        }
        self.rows.entry(line).or_default().push((col as usize, text));
        Ok(())
    }

    /// Rows 1 … the last with content; lines without content are blank rows, so the line
    /// numbers stay the spreadsheet's.
    fn into_rows(self) -> Vec<TableRow> {
        let last = self.rows.keys().next_back().copied().unwrap_or(0);
        let mut filled = self.rows.into_iter().peekable();
        (1..=last)
            .map(|line| match filled.next_if(|(l, _)| *l == line) {
                Some((_, cells)) => {
                    let width = cells.iter().map(|(c, _)| c + 1).max().unwrap_or(0);
                    let mut texts = vec![String::new(); width];
                    for (c, t) in cells {
                        texts[c] = t;
                    }
                    TableRow { line, cells: texts }
                }
                None => TableRow { line, cells: Vec::new() },
            })
            .collect()
    }
}

/// An .ods file's content is read whole by calamine, which repeats a cell as often as
/// `table:number-columns-repeated` / `number-rows-repeated` say: the repetitions of cells
/// with content are counted here first (empty repeated cells, what LibreOffice writes to
/// the sheet's edge, cost nothing).
fn check_ods(path: &Path) -> Result<()> {
    use quick_xml::events::Event;
    let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(unreadable_workbook)?;
    let content = archive.by_name("content.xml").map_err(unreadable_workbook)?;
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut line: usize = 0;
    let mut row_repeat: usize = 1;
    let mut column: usize = 0;
    let mut row_has_content = false;
    let mut cells: usize = 0;
    let number = |e: &quick_xml::events::BytesStart, key: &[u8]| -> usize {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == key)
            .and_then(|a| std::str::from_utf8(&a.value).ok().and_then(|v| v.trim().parse().ok()))
            .unwrap_or(1)
    };
    let mut tables = 0;
    loop {
        match reader.read_event_into(&mut buf).map_err(unreadable_workbook)? {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"table:table" => {
                    tables += 1;
                    if tables > 1 {
                        break; // only the first sheet is read
                    }
                }
                b"table:table-row" => {
                    row_repeat = number(&e, b"table:number-rows-repeated");
                    column = 0;
                    row_has_content = false;
                }
                b"table:table-cell" | b"table:covered-table-cell" => {
                    let repeat = number(&e, b"table:number-columns-repeated");
                    let has_value = e
                        .attributes()
                        .flatten()
                        .any(|a| matches!(a.key.as_ref(), b"office:value-type" | b"table:formula" | b"office:value"));
                    column = column.saturating_add(repeat);
                    if has_value {
                        row_has_content = true;
                        if column > MAX_COLUMNS {
                            return Err(too_many_columns(column));
                        }
                        cells = cells.saturating_add(repeat.saturating_mul(row_repeat));
                        if cells > MAX_CELLS {
                            return Err(too_many_cells());
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == b"table:table-row" => {
                line = line.saturating_add(row_repeat);
                if row_has_content && line > MAX_ROWS {
                    return Err(too_many_rows(line));
                }
            }
            Event::End(e) if e.name().as_ref() == b"table:table" => break,
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(())
}

/// An .xls is parsed whole by calamine when it is opened, trusting sizes in the file: the
/// compound-file header's table sizes (it reserves memory by them), and every sheet's
/// DIMENSIONS and cell positions (it builds the dense grid). Checked here first: the header
/// against the file's length, the container by the `cfb` crate, then every record calamine
/// would read, from the same sheet offsets it would use.
fn check_xls(path: &Path) -> Result<()> {
    let len = std::fs::metadata(path).map_err(|e| io_error(path, e))?.len();
    let mut header = [0u8; 512];
    std::io::Read::read_exact(&mut std::fs::File::open(path).map_err(|e| io_error(path, e))?, &mut header)
        .map_err(|_| unreadable_workbook("文件太短"))?;
    let u16_at = |i: usize| u64::from(u16::from_le_bytes([header[i], header[i + 1]]));
    let u32_at = |i: usize| u64::from(u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]));
    let sector = 1u64 << u16_at(30).min(16);
    // directory, FAT, mini-FAT and DIFAT sectors must fit in the file; calamine also reserves
    // room for as many DIFAT entries as the four bytes at 62 say (straddling two fields: up
    // to 65,535 for an ordinary file), allowed up to 16 million (64 MB)
    let declared = [u32_at(40) * sector, u32_at(44) * sector, u32_at(64) * sector, u32_at(72) * sector];
    if declared.iter().any(|d| *d > len) || u32_at(62) > 1 << 24 {
        return Err(unreadable_workbook("文件头声明的大小与文件不符"));
    }
    let mut book = cfb::CompoundFile::open(std::fs::File::open(path).map_err(|e| io_error(path, e))?)
        .map_err(unreadable_workbook)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| book.is_stream(n))
        .ok_or_else(|| unreadable_workbook("没有工作簿"))?;
    let mut stream = Vec::new();
    let workbook = std::io::Read::take(book.open_stream(name).map_err(unreadable_workbook)?, MAX_FILE_BYTES);
    std::io::Read::read_to_end(&mut { workbook }, &mut stream).map_err(unreadable_workbook)?;
    check_biff(&stream)
}

/// The BIFF records of an .xls workbook stream: the globals up to their EOF give each
/// sheet's offset (BOUNDSHEET); each sheet's records are checked as calamine will read them.
pub(crate) fn check_biff(stream: &[u8]) -> Result<()> {
    fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (u16, &[u8])> {
        let mut at = from;
        std::iter::from_fn(move || {
            let head = stream.get(at..at + 4)?;
            let typ = u16::from_le_bytes([head[0], head[1]]);
            let len = usize::from(u16::from_le_bytes([head[2], head[3]]));
            let data = stream.get(at + 4..at + 4 + len)?;
            at += 4 + len;
            Some((typ, data))
        })
        .take_while(|(typ, _)| *typ != 0x000A) // EOF
    }
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
    let u32_at =
        |d: &[u8], i: usize| d.get(i..i + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    let sheets: Vec<usize> = records(stream, 0).filter(|(typ, _)| *typ == 0x0085).map(|(_, d)| u32_at(d, 0)).collect();
    let mut cells: usize = 0;
    for start in sheets {
        if start >= stream.len() {
            return Err(unreadable_workbook("工作表位置超出文件"));
        }
        for (typ, data) in records(stream, start) {
            let (row, first_col, last_col) = match typ {
                0x0200 => {
                    // DIMENSIONS: calamine reserves rows × columns cells from it
                    let (rows, cols) = match data.len() {
                        14 => (u32_at(data, 4).saturating_sub(u32_at(data, 0)), u16_at(data, 10)),
                        10 => (u16_at(data, 2).saturating_sub(u16_at(data, 0)), u16_at(data, 6)),
                        _ => (0, 0),
                    };
                    if rows > MAX_ROWS + 1 {
                        return Err(too_many_rows(rows));
                    }
                    if cols > MAX_COLUMNS + 1 {
                        return Err(too_many_columns(cols));
                    }
                    continue;
                }
                // NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA: row, column first
                0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    (u16_at(data, 0), u16_at(data, 2), u16_at(data, 2))
                }
                // MULRK: row, first column, …, last column
                0x00BD => (u16_at(data, 0), u16_at(data, 2), u16_at(data, data.len().saturating_sub(2))),
                _ => continue,
            };
            if last_col < first_col {
                return Err(unreadable_workbook("单元格记录有误"));
            }
            if row + 1 > MAX_ROWS {
                return Err(too_many_rows(row + 1));
            }
            if last_col + 1 > MAX_COLUMNS {
                return Err(too_many_columns(last_col + 1));
            }
            cells += last_col - first_col + 1;
            if cells > MAX_CELLS {
                return Err(too_many_cells());
            }
        }
    }
    Ok(())
}

/// .xls (and .ods, after [`check_ods`]) through calamine's whole-sheet reader. An .xls
/// sheet cannot be larger than 65,536 × 256 by its format; the limits apply to its content.
fn read_workbook(path: &Path) -> Result<Vec<TableRow>> {
    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(path).map_err(unreadable_workbook)?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(AppError::validation("file", format!("无法读取表格的第一个工作表：{e}"))),
        None => return Err(AppError::validation("file", "表格里没有工作表")),
    };
    let mut sheet = SparseSheet::default();
    for (row, col, cell) in range.used_cells() {
        let (start_row, start_col) = range.start().unwrap_or((0, 0));
        sheet.put((start_row + row as u32, start_col + col as u32), cell_text(cell))?;
    }
    Ok(sheet.into_rows())
}

/// A CSV / tab-separated file, decoded and parsed as it is read (never held whole): the
/// encoding is detected from a BOM, else the file is read as UTF-8 and, at the first byte
/// that is not UTF-8, read again from the start as GB18030.
fn read_delimited_file(path: &Path) -> Result<Vec<TableRow>> {
    let open = || std::fs::File::open(path).map_err(|e| io_error(path, e));
    let mut head = [0u8; 3];
    let n = std::io::Read::read(&mut open()?, &mut head).map_err(|e| io_error(path, e))?;
    let head = &head[..n];
    let (encoding, malformed) = if head.starts_with(b"\xEF\xBB\xBF") {
        (encoding_rs::UTF_8, "文件声明为 UTF-8 编码，但内容有损坏的字符")
    } else if head.starts_with(b"\xFF\xFE") {
        (encoding_rs::UTF_16LE, "文件是 UTF-16 编码，但内容有损坏的字符")
    } else if head.starts_with(b"\xFE\xFF") {
        (encoding_rs::UTF_16BE, "文件是 UTF-16 编码，但内容有损坏的字符")
    } else {
        if let Some(rows) = stream_csv(path, open()?, encoding_rs::UTF_8)? {
            return Ok(rows);
        }
        (
            encoding_rs::GB18030,
            "无法识别文件的文字编码（支持 UTF-8 和 GBK/GB18030），请在 Excel 或 WPS 中另存为 CSV 后重试",
        )
    };
    stream_csv(path, open()?, encoding)?.ok_or_else(|| AppError::validation("file", malformed))
}

/// The rows, or None at the first byte that is not of `encoding`.
fn stream_csv(
    path: &Path,
    mut file: std::fs::File,
    encoding: &'static encoding_rs::Encoding,
) -> Result<Option<Vec<TableRow>>> {
    // new_decoder() sniffs and removes a BOM
    let mut decoder = encoding.new_decoder();
    let mut parser = DelimitedParser::default();
    let mut bytes = vec![0u8; 64 * 1024];
    let mut text = String::with_capacity(decoder.max_utf8_buffer_length(bytes.len()).unwrap_or(256 * 1024));
    loop {
        let n = std::io::Read::read(&mut file, &mut bytes).map_err(|e| io_error(path, e))?;
        let mut input = &bytes[..n];
        loop {
            text.clear();
            let (result, read) = decoder.decode_to_string_without_replacement(input, &mut text, n == 0);
            input = &input[read..];
            match result {
                encoding_rs::DecoderResult::Malformed(_, _) => return Ok(None),
                encoding_rs::DecoderResult::OutputFull => parser.feed(&text)?,
                encoding_rs::DecoderResult::InputEmpty => {
                    parser.feed(&text)?;
                    break;
                }
            }
        }
        if n == 0 {
            break;
        }
    }
    parser.finish().map(Some)
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
/// delimiter guessed from the first line: comma, tab or semicolon. (No limits: for text
/// already in memory; files go through [`read_rows`].)
pub fn parse_delimited(text: &str) -> Vec<TableRow> {
    let mut parser = DelimitedParser { limited: false, ..DelimitedParser::default() };
    let _ = parser.feed(text);
    parser.finish().unwrap_or_default()
}

/// The CSV state machine, fed text as it is decoded. Text before the first line break is
/// held until the delimiter can be guessed from it.
struct DelimitedParser {
    delimiter: Option<char>,
    pending: String,
    rows: Vec<TableRow>,
    cells: Vec<String>,
    field: String,
    in_quotes: bool,
    /// the quote just seen inside quotes may be the first of a doubled one
    quote_pending: bool,
    line: usize,
    row_line: usize,
    total_cells: usize,
    limited: bool,
}

impl Default for DelimitedParser {
    fn default() -> Self {
        DelimitedParser {
            delimiter: None,
            pending: String::new(),
            rows: Vec::new(),
            cells: Vec::new(),
            field: String::new(),
            in_quotes: false,
            quote_pending: false,
            line: 1,
            row_line: 1,
            total_cells: 0,
            limited: true,
        }
    }
}

impl DelimitedParser {
    fn feed(&mut self, text: &str) -> Result<()> {
        if self.delimiter.is_none() {
            self.pending.push_str(text);
            let Some(end) = self.pending.find('\n') else {
                if self.limited && self.pending.len() > 1024 * 1024 {
                    return Err(too_many_columns(MAX_COLUMNS + 1));
                }
                return Ok(());
            };
            self.delimiter = Some(guess_delimiter(&self.pending[..end]));
            let pending = std::mem::take(&mut self.pending);
            return self.chars(&pending);
        }
        self.chars(text)
    }

    fn chars(&mut self, text: &str) -> Result<()> {
        let delimiter = self.delimiter.unwrap_or(',');
        for c in text.chars() {
            if self.quote_pending {
                self.quote_pending = false;
                if c == '"' {
                    self.field.push('"');
                    continue;
                }
                self.in_quotes = false;
            }
            match c {
                '"' if self.in_quotes => self.quote_pending = true,
                '"' if self.field.trim().is_empty() => {
                    self.field.clear();
                    self.in_quotes = true;
                }
                '\n' if self.in_quotes => {
                    self.line += 1;
                    self.field.push('\n');
                }
                '\r' if !self.in_quotes => {}
                '\n' => {
                    self.end_field()?;
                    self.end_row()?;
                    self.line += 1;
                    self.row_line = self.line;
                }
                c if c == delimiter && !self.in_quotes => self.end_field()?,
                c => self.field.push(c),
            }
        }
        Ok(())
    }

    fn end_field(&mut self) -> Result<()> {
        let text = clean_text(&std::mem::take(&mut self.field));
        if self.limited {
            if self.cells.len() >= MAX_COLUMNS && !text.is_empty() {
                return Err(too_many_columns(self.cells.len() + 1));
            }
            if !text.is_empty() {
                self.total_cells += 1;
                if self.total_cells > MAX_CELLS {
                    return Err(too_many_cells());
                }
            }
            // empty cells past the limit (",,,,," to the edge) are dropped, not kept
            if self.cells.len() >= MAX_COLUMNS {
                return Ok(());
            }
        }
        self.cells.push(text);
        Ok(())
    }

    fn end_row(&mut self) -> Result<()> {
        let cells = std::mem::take(&mut self.cells);
        if self.limited && self.row_line > MAX_ROWS {
            if cells.iter().all(String::is_empty) {
                return Ok(()); // blank lines at the end are not content
            }
            return Err(too_many_rows(self.row_line));
        }
        self.rows.push(TableRow { line: self.row_line, cells });
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<TableRow>> {
        if self.delimiter.is_none() {
            self.delimiter = Some(guess_delimiter(&self.pending));
            let pending = std::mem::take(&mut self.pending);
            self.chars(&pending)?;
        }
        if self.quote_pending {
            self.in_quotes = false;
        }
        if !self.field.is_empty() || !self.cells.is_empty() {
            self.end_field()?;
            self.end_row()?;
        }
        Ok(self.rows)
    }
}

fn guess_delimiter(first_line: &str) -> char {
    [',', '\t', ';']
        .into_iter()
        .max_by_key(|d| first_line.matches(*d).count())
        .filter(|d| first_line.contains(*d))
        .unwrap_or(',')
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
