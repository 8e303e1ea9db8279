//! The command line: where the data lives, which windows to open, and the commands that
//! need no window (`demo`).

use station_core::import::ImportTarget;
use station_core::report::{ReportFormat, ReportInput};
use std::path::PathBuf;

pub const HELP: &str = "党群服务站工作台 StationDesk

用法 / usage:
  station-desk [--data-dir DIR]            打开工作台（工作人员窗口）
  station-desk --kiosk [--data-dir DIR]    只打开自助终端（全屏）
  station-desk demo [--data-dir DIR] [--residents N] [--seed N] [--areas]
                                           载入演示数据（无需窗口；--areas 另加志愿者、活动、物资、案件）
  station-desk demo --scale city|small --out FILE [--seed N] [--force]
                                           生成一个新的数据文件：city = 晋城全市规模（10 万居民、
                                           5 万在职党员 … 2 万件案件，两年的记录），small = 约百分之一
                                           （界面演示）；同一种子得到同一文件；已有文件不覆盖，除非 --force
  station-desk backup [--data-dir DIR]     立即备份数据文件到 backups/ 文件夹
  station-desk setup --station NAME --community NAME [--address TEXT] --admin USER
               [--admin-name NAME] [--data-dir DIR]
                                           无窗口完成首次设置（管理员密码从标准输入或环境变量
                                           STATION_DESK_ADMIN_PASSWORD 读取；已设置过的服务站不改动，退出码非 0）
  station-desk import residents|volunteers|items|party-members FILE [--data-dir DIR] [--dry-run]
               [--no-new-places]
                                           从 .xlsx / .xls / .csv 导入（逐行报告每一处错误；文件中有而
                                           本站没有的网格、小区、楼栋、共建单位、物资分类、党支部随同新建并列出；
                                           --dry-run 只检查不写入；--no-new-places 不新建，缺少的行报错；
                                           一行也没写入时退出码非 0）
  station-desk report (--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD)
               --format xlsx|json|csv --out FILE [--data-dir DIR]
                                           月度工作汇总（无需窗口；--out - 把 JSON 写到标准输出；
                                           JSON 格式见 docs/REPORT.md）
  station-desk --help | --version

数据目录 / data folder: --data-dir, else $STATION_DESK_DATA_DIR, else the OS app-data folder
(Linux ~/.local/share/cn.stationdesk.desk, Windows %APPDATA%\\cn.stationdesk.desk,
macOS ~/Library/Application Support/cn.stationdesk.desk).
";

pub const IDENTIFIER: &str = "cn.stationdesk.desk";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Desk,
    Kiosk,
    Demo {
        residents: usize,
        seed: u64,
        areas: bool,
    },
    /// A new database file of the city's (or a small) scale: `demo --scale city --out FILE`.
    DemoCity {
        scale: String,
        out: PathBuf,
        seed: u64,
        force: bool,
    },
    Backup,
    Import {
        target: ImportTarget,
        file: PathBuf,
        dry_run: bool,
        /// `--no-new-places`: rows naming a place (unit, branch …) the station lacks are refused
        no_new_places: bool,
    },
    /// First-run setup without a window (for whoever installs many stations).
    Setup(SetupArgs),
    /// `out` "-" = standard output (JSON only).
    Report {
        period: ReportInput,
        format: ReportFormat,
        out: String,
    },
    Help,
    Version,
}

/// `station-desk setup`: the password is not an argument (it would sit in the shell history
/// and the process list); it comes from stdin or `STATION_DESK_ADMIN_PASSWORD`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SetupArgs {
    pub station: String,
    pub community: String,
    pub address: String,
    pub admin: String,
    pub admin_name: String,
}

#[derive(Debug)]
pub struct Cli {
    pub command: Command,
    pub data_dir: PathBuf,
}

pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("STATION_DESK_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join(IDENTIFIER)
}

pub fn parse(args: &[String]) -> Result<Cli, String> {
    let mut command = Command::Desk;
    let mut data_dir = None;
    let mut residents = 200;
    let mut seed = 2026;
    let mut dry_run = false;
    let mut areas = false;
    let mut period = ReportInput::default();
    let mut format = None;
    let mut out = None;
    let mut scale = None;
    let mut force = false;
    let mut no_new_places = false;
    let mut setup: Option<SetupArgs> = None;
    let mut it = args.iter();
    let value = |it: &mut std::slice::Iter<String>, flag: &str| {
        it.next().cloned().ok_or_else(|| format!("{flag} 需要一个值 / needs a value"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--kiosk" => command = Command::Kiosk,
            "demo" => command = Command::Demo { residents, seed, areas },
            "--areas" => areas = true,
            "--scale" => {
                let name = value(&mut it, arg)?;
                if station_core::demo::CityScale::parse(&name).is_none() {
                    return Err(format!("--scale 应为 city 或 small，而不是「{name}」"));
                }
                scale = Some(name)
            }
            "--force" => force = true,
            "backup" => command = Command::Backup,
            "import" => {
                let target = value(&mut it, arg)?;
                let target = ImportTarget::parse(&target).ok_or_else(|| {
                    let names: Vec<&str> = ImportTarget::ALL.iter().map(|(n, _)| *n).collect();
                    format!("import 的对象应为 {} 之一，而不是「{target}」", names.join(" / "))
                })?;
                let file = PathBuf::from(value(&mut it, "import")?);
                command = Command::Import { target, file, dry_run: false, no_new_places: false };
            }
            "--dry-run" => dry_run = true,
            "--no-new-places" => no_new_places = true,
            "setup" => setup = Some(setup.unwrap_or_default()),
            "--station" | "--community" | "--address" | "--admin" | "--admin-name" => {
                let v = value(&mut it, arg)?;
                let s = setup.as_mut().ok_or_else(|| format!("{arg} 只用于 setup"))?;
                match arg.as_str() {
                    "--station" => s.station = v,
                    "--community" => s.community = v,
                    "--address" => s.address = v,
                    "--admin" => s.admin = v,
                    _ => s.admin_name = v,
                }
            }
            "report" => {
                command =
                    Command::Report { period: ReportInput::default(), format: ReportFormat::Json, out: String::new() }
            }
            "--month" => period.month = Some(value(&mut it, arg)?),
            "--from" => period.from = Some(value(&mut it, arg)?),
            "--to" => period.to = Some(value(&mut it, arg)?),
            "--format" => {
                let f = value(&mut it, arg)?;
                format = Some(
                    ReportFormat::parse(&f).ok_or_else(|| format!("--format 应为 xlsx、json 或 csv，而不是「{f}」"))?,
                );
            }
            "--out" => out = Some(value(&mut it, arg)?),
            "--data-dir" => data_dir = Some(PathBuf::from(value(&mut it, arg)?)),
            "--residents" => {
                residents = value(&mut it, arg)?.parse().map_err(|_| "--residents 应为数字".to_string())?
            }
            "--seed" => seed = value(&mut it, arg)?.parse().map_err(|_| "--seed 应为数字".to_string())?,
            "-h" | "--help" => command = Command::Help,
            "-V" | "--version" => command = Command::Version,
            other => return Err(format!("未知参数 / unknown argument: {other}\n\n{HELP}")),
        }
    }
    if let Some(scale) = scale {
        let (Command::Demo { .. }, Some(out), false) = (&command, &out, areas) else {
            return Err("demo --scale 需要 --out 文件（且不与 --areas 同用）".to_string());
        };
        let command = Command::DemoCity { scale, out: PathBuf::from(out), seed, force };
        return Ok(Cli { command, data_dir: PathBuf::new() });
    }
    if force {
        return Err("--force 只用于 demo --scale".to_string());
    }
    if let Some(s) = setup {
        if command != Command::Desk {
            return Err("setup 不能与其他命令同用".to_string());
        }
        let missing: Vec<&str> = [("--station", &s.station), ("--community", &s.community), ("--admin", &s.admin)]
            .iter()
            .filter(|(_, v)| v.trim().is_empty())
            .map(|(flag, _)| *flag)
            .collect();
        if !missing.is_empty() {
            return Err(format!("setup 缺少 {}（服务站名称、所属社区、管理员登录名）", missing.join("、")));
        }
        command = Command::Setup(s);
    }
    if no_new_places && !matches!(command, Command::Import { .. }) {
        return Err("--no-new-places 只用于 import".to_string());
    }
    match command {
        Command::Demo { .. } => command = Command::Demo { residents, seed, areas },
        Command::Import { target, file, .. } => command = Command::Import { target, file, dry_run, no_new_places },
        Command::Report { .. } => {
            let format = format.ok_or("report 需要 --format xlsx|json|csv")?;
            let out = out.ok_or("report 需要 --out 文件（或 --out - 输出到屏幕）")?;
            if out == "-" && format != ReportFormat::Json {
                return Err("只有 JSON 可以输出到屏幕（--out -）；xlsx、csv 请给出文件名".to_string());
            }
            command = Command::Report { period: period.clone(), format, out };
        }
        _ if period != ReportInput::default() || format.is_some() || out.is_some() => {
            return Err("--month、--from、--to、--format 只用于 report，--out 只用于 report 与 demo --scale".to_string())
        }
        _ if dry_run => return Err("--dry-run 只用于 import".to_string()),
        _ if areas => return Err("--areas 只用于 demo".to_string()),
        _ => {}
    }
    Ok(Cli { command, data_dir: data_dir.unwrap_or_else(default_data_dir) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_modes_and_data_dir() {
        assert_eq!(parse(&args("")).unwrap().command, Command::Desk);
        let k = parse(&args("--kiosk --data-dir /tmp/x")).unwrap();
        assert_eq!((k.command, k.data_dir), (Command::Kiosk, PathBuf::from("/tmp/x")));
        let d = parse(&args("demo --residents 50 --seed 3")).unwrap();
        assert_eq!(d.command, Command::Demo { residents: 50, seed: 3, areas: false });
        let d = parse(&args("demo --areas")).unwrap();
        assert_eq!(d.command, Command::Demo { residents: 200, seed: 2026, areas: true });
        assert_eq!(parse(&args("backup")).unwrap().command, Command::Backup);
        assert!(parse(&args("--bogus")).is_err());
        let i = parse(&args("import residents /tmp/名单.csv --dry-run")).unwrap();
        let file = PathBuf::from("/tmp/名单.csv");
        assert_eq!(
            i.command,
            Command::Import {
                target: ImportTarget::Residents,
                file: file.clone(),
                dry_run: true,
                no_new_places: false
            }
        );
        let i = parse(&args("import residents /tmp/名单.csv --no-new-places")).unwrap();
        assert_eq!(
            i.command,
            Command::Import { target: ImportTarget::Residents, file, dry_run: false, no_new_places: true }
        );
        assert!(parse(&args("backup --no-new-places")).unwrap_err().contains("import"));
        assert!(parse(&args("import cats x.csv")).unwrap_err().contains("residents"));
        assert!(parse(&args("import residents")).is_err());
        assert!(parse(&args("backup --dry-run")).is_err());
        assert!(parse(&args("--data-dir")).is_err());
        let c = parse(&args("demo --scale city --out /tmp/city.sqlite3 --seed 9")).unwrap();
        let out = PathBuf::from("/tmp/city.sqlite3");
        assert_eq!(c.command, Command::DemoCity { scale: "city".into(), out: out.clone(), seed: 9, force: false });
        let c = parse(&args("demo --out /tmp/city.sqlite3 --scale small --force")).unwrap();
        assert_eq!(c.command, Command::DemoCity { scale: "small".into(), out, seed: 2026, force: true });
        assert!(parse(&args("demo --scale town --out x")).unwrap_err().contains("city"));
        assert!(parse(&args("demo --scale city")).unwrap_err().contains("--out"));
        assert!(parse(&args("demo --scale city --out x --areas")).is_err());
        assert!(parse(&args("demo --force")).is_err());
        assert!(parse(&args("backup --out x")).is_err());
    }

    #[test]
    fn parses_the_setup_command() {
        let s = parse(&args(
            "setup --station 白水站 --community 凤台社区 --admin wang --admin-name 王站长 --data-dir /tmp/s",
        ))
        .unwrap();
        let expected = SetupArgs {
            station: "白水站".into(),
            community: "凤台社区".into(),
            address: String::new(),
            admin: "wang".into(),
            admin_name: "王站长".into(),
        };
        assert_eq!((s.command, s.data_dir), (Command::Setup(expected), PathBuf::from("/tmp/s")));
        let e = parse(&args("setup --station 白水站 --admin wang")).unwrap_err();
        assert!(e.contains("--community"), "{e}");
        assert!(parse(&args("--station 白水站")).unwrap_err().contains("setup"));
        assert!(parse(&args("setup --station x --community y --admin z backup")).is_err());
    }

    #[test]
    fn parses_the_report_command() {
        let r = parse(&args("report --month 2026-11 --format xlsx --out /tmp/汇总.xlsx --data-dir /tmp/d")).unwrap();
        let period = ReportInput::month("2026-11");
        assert_eq!(r.command, Command::Report { period, format: ReportFormat::Xlsx, out: "/tmp/汇总.xlsx".into() });
        assert_eq!(r.data_dir, PathBuf::from("/tmp/d"));
        let r = parse(&args("report --from 2026-11-01 --to 2026-11-15 --format json --out -")).unwrap();
        let period = ReportInput::range("2026-11-01", "2026-11-15");
        assert_eq!(r.command, Command::Report { period, format: ReportFormat::Json, out: "-".into() });
        assert!(parse(&args("report --month 2026-11 --format pdf --out x")).unwrap_err().contains("xlsx"));
        assert!(parse(&args("report --month 2026-11 --out x.xlsx")).unwrap_err().contains("--format"));
        assert!(parse(&args("report --month 2026-11 --format csv")).unwrap_err().contains("--out"));
        assert!(parse(&args("report --month 2026-11 --format xlsx --out -")).unwrap_err().contains("JSON"));
        assert!(parse(&args("backup --month 2026-11")).unwrap_err().contains("report"));
    }
}
