//! Commands that run without a window: `station-desk setup …`, `import …`, `report …`.

use crate::cli::{Cli, SetupArgs};
use station_core::import::{new_records_summary, ImportReport, ImportRequest, ImportTarget, NewRecordPolicy};
use station_core::report::{ReportFormat, ReportInput};
use station_core::staff::SetupInput;

use std::io::Write;
use std::path::Path;

/// Names the station and creates its first admin, as the first-run screen does. The password
/// comes from `STATION_DESK_ADMIN_PASSWORD` or the first line of stdin. Exit code 0 when set
/// up; 1 with a Chinese message (naming the bad option) on bad input or a station already set up.
pub fn setup(cli: &Cli, args: &SetupArgs) -> i32 {
    let result = (|| {
        let password = match std::env::var("STATION_DESK_ADMIN_PASSWORD") {
            Ok(p) if !p.is_empty() => p,
            _ => {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).map_err(station_core::AppError::internal)?;
                line.trim_end_matches(['\r', '\n']).to_string()
            }
        };
        std::fs::create_dir_all(&cli.data_dir).map_err(station_core::AppError::internal)?;
        let mut station = crate::open_station(&cli.data_dir)?;
        let admin_name = if args.admin_name.trim().is_empty() { "管理员" } else { args.admin_name.as_str() };
        station.initialize(&SetupInput {
            station_name: args.station.clone(),
            community: args.community.clone(),
            address: args.address.clone(),
            admin_username: args.admin.clone(),
            admin_display_name: admin_name.to_string(),
            admin_password: password,
            load_demo: false,
        })
    })();
    match result {
        Ok(account) => {
            println!(
                "已完成首次设置：「{}」，管理员 {}（{}）",
                args.station.trim(),
                account.username,
                account.display_name
            );
            0
        }
        Err(e) => {
            let option = match e.field.as_deref() {
                Some("stationName") => "--station：",
                Some("community") => "--community：",
                Some("address") => "--address：",
                Some("adminUsername") => "--admin：",
                Some("adminDisplayName") => "--admin-name：",
                Some("adminPassword") => "密码（STATION_DESK_ADMIN_PASSWORD 或标准输入）：",
                _ => "",
            };
            eprintln!("{option}{}", e.message);
            1
        }
    }
}

/// Imports (or with `dry_run` checks) a file, printing each row error, the records created on
/// the way and the counts. Exit code 0 when rows were (or, for a dry run, would be) written; 1
/// when nothing was.
pub fn import(cli: &Cli, target: ImportTarget, file: &Path, dry_run: bool, no_new_places: bool) -> i32 {
    let result = (|| {
        let mut station = crate::open_station(&cli.data_dir)?;
        let admin = station.command_line_admin()?;
        let new_records = Some(NewRecordPolicy { create: !no_new_places, skip: Vec::new() });
        let req = ImportRequest { target, path: file.display().to_string(), mapping: None, new_records };
        if dry_run {
            return station.import_preview(&admin, &req);
        }
        match station.import_commit(&admin, &req) {
            // no row could be written: the preview lists why, row by row
            Err(e) if e.field.as_deref() == Some("file") => {
                let report = station.import_preview(&admin, &req)?;
                eprintln!("{}", e.message);
                Ok(report)
            }
            other => other,
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
    if let Some(summary) = new_records_summary(&r.new_records) {
        let verb = if r.written { "" } else { "将" };
        println!("{verb}{summary}");
        for n in r.new_records.iter().filter(|n| !n.skipped) {
            println!("  {}  {}（{} 行）", n.kind, n.path, n.rows);
        }
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
