//! Commands that run without a window: `station-desk import …`, `station-desk report …`.

use crate::cli::Cli;
use station_core::import::{ImportReport, ImportRequest, ImportTarget};
use station_core::report::{ReportFormat, ReportInput};

use std::io::Write;
use std::path::Path;

/// Imports (or with `dry_run` checks) a file, printing each row error and the counts.
/// Exit code 0 when rows were (or, for a dry run, would be) written; 1 when nothing was.
pub fn import(cli: &Cli, target: ImportTarget, file: &Path, dry_run: bool) -> i32 {
    let result = (|| {
        let mut station = crate::open_station(&cli.data_dir)?;
        let admin = station.command_line_admin()?;
        let req = ImportRequest { target, path: file.display().to_string(), mapping: None, new_records: None };
        if dry_run {
            station.import_preview(&admin, &req)
        } else {
            station.import_commit(&admin, &req)
        }
    })();
    match result {
        Ok(report) => {
            print_report(&report);
            let importable = report.created + report.updated + report.unchanged;
            i32::from(!report.missing_required.is_empty() || importable == 0)
        }
        Err(e) => {
            eprintln!("{}", e.message);
            1
        }
    }
}

fn print_report(r: &ImportReport) {
    for e in &r.errors {
        eprintln!("{}", e.message);
    }
    if !r.missing_required.is_empty() {
        eprintln!("缺少必填列：{}", r.missing_required.join("、"));
    }
    let verb = if r.written { "已导入" } else { "检查完毕（未写入）" };
    println!(
        "{verb}「{}」：共 {} 行，新增 {}，更新 {}，未变 {}，错误 {} 行",
        r.file_name,
        r.total_rows,
        r.created,
        r.updated,
        r.unchanged,
        r.errors.len()
    );
}

/// Writes the monthly summary (no window, as the command-line admin). Exit code 0 when
/// written; 1 with the reason (in Chinese, naming the bad option) otherwise.
pub fn report(cli: &Cli, period: &ReportInput, format: ReportFormat, out: &str) -> i32 {
    let result = (|| {
        let mut station = crate::open_station(&cli.data_dir)?;
        let admin = station.command_line_admin()?;
        if out == "-" {
            let report = station.report(&admin, period)?;
            let text = serde_json::to_string_pretty(&report).map_err(station_core::AppError::internal)?;
            // a reader that stops early (| head) is not an error
            let _ = writeln!(std::io::stdout().lock(), "{text}");
            return Ok(None);
        }
        station.report_export(&admin, period, format, Path::new(out)).map(Some)
    })();
    match result {
        Ok(Some(report)) => {
            eprintln!("已写出「{out}」：{} {}", report.header.station, report.header.title_period);
            0
        }
        Ok(None) => 0,
        Err(e) => {
            let option = match e.field.as_deref() {
                Some("month") => "--month：",
                Some("from") => "--from：",
                Some("to") => "--to：",
                _ => "",
            };
            eprintln!("{option}{}", e.message);
            1
        }
    }
}
