//! A station's first afternoon from the command line, as whoever installs 568 stations runs
//! it: `station-desk setup`, then `station-desk import residents` of the WPS roster whose
//! compounds and buildings the station does not have yet.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const ROSTER: &str = "core/tests/fixtures/白水社区居民花名册-WPS.csv";
/// The same roster saved by LibreOffice Calc (scripts/fixtures/roster_as_libreoffice_xlsx.py):
/// phones and rooms as numbers, birth dates as date cells, the title row merged.
const ROSTER_XLSX: &str = "core/tests/fixtures/白水社区居民花名册-LibreOffice.xlsx";
/// The app's clock, so the roster's birth dates compare to a fixed day (never the machine's).
const NOW: &str = "2026-11-25T09:00:00+08:00";

fn station_desk(data_dir: &Path, args: &[&str], stdin: Option<&str>, env_password: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_station-desk"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env("STATION_DESK_NOW", NOW)
        .env_remove("STATION_DESK_ADMIN_PASSWORD")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = env_password {
        cmd.env("STATION_DESK_ADMIN_PASSWORD", p);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(text) = stdin {
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const SETUP: &[&str] =
    &["setup", "--station", "白水社区党群服务站", "--community", "凤台街道白水社区", "--admin", "wang"];

#[test]
fn setup_then_a_wps_roster_builds_the_station_and_the_same_file_again_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("站");

    let set = station_desk(&data, SETUP, Some("baishui2026\n"), None);
    assert!(set.status.success(), "{}", text(&set.stderr));
    assert!(text(&set.stdout).contains("白水社区党群服务站"), "{}", text(&set.stdout));
    let again = station_desk(&data, SETUP, None, Some("baishui2026"));
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("已完成首次设置"), "{}", text(&again.stderr));

    let dry = station_desk(&data, &["import", "residents", ROSTER, "--dry-run"], None, None);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert!(text(&dry.stdout).contains("将新建：网格 3 个，小区 3 个，楼栋 13 个"), "{}", text(&dry.stdout));
    assert!(text(&dry.stdout).contains("未写入"));

    let refused = station_desk(&data, &["import", "residents", ROSTER, "--no-new-places"], None, None);
    assert_eq!(refused.status.code(), Some(1), "no row has its places: nothing written");
    assert!(text(&refused.stderr).contains("本次导入不新建"), "{}", text(&refused.stderr));

    let first = station_desk(&data, &["import", "residents", ROSTER], None, None);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    assert!(out.contains("新建：网格 3 个，小区 3 个，楼栋 13 个"), "{out}");
    assert!(out.contains("楼栋  白水网格 › 白水小区 › 9号楼（3 行）"), "{out}");
    assert!(out.contains("新增 26") && out.contains("错误 4 行"), "{out}");
    let errors = text(&first.stderr);
    assert!(errors.contains("第 28 行：手机号码应为 11 位") && errors.contains("；出生日期不能晚于今天"), "{errors}");
    assert!(errors.contains("第 29 行：请填写姓名"), "{errors}");

    let second = station_desk(&data, &["import", "residents", ROSTER], None, None);
    let out = text(&second.stdout);
    assert!(out.contains("新增 0，更新 0，未变 26"), "{out}");
    assert!(!out.contains("新建："), "{out}");

    // The LibreOffice copy holds the very same people: nothing new, nothing changed.
    let same = station_desk(&data, &["import", "residents", ROSTER_XLSX], None, None);
    let out = text(&same.stdout);
    assert!(out.contains("新增 0，更新 0，未变 26"), "numbers and date cells read as the CSV's text: {out}");
}

#[test]
fn the_roster_saved_by_libreoffice_builds_a_new_station_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("站");
    let set = station_desk(&data, SETUP, Some("baishui2026\n"), None);
    assert!(set.status.success(), "{}", text(&set.stderr));
    let first = station_desk(&data, &["import", "residents", ROSTER_XLSX], None, None);
    assert!(first.status.success(), "{}", text(&first.stderr));
    let out = text(&first.stdout);
    assert!(out.contains("新建：网格 3 个，小区 3 个，楼栋 13 个"), "{out}");
    assert!(out.contains("新增 26") && out.contains("错误 4 行"), "{out}");
    let errors = text(&first.stderr);
    assert!(errors.contains("第 28 行：手机号码应为 11 位") && errors.contains("；出生日期不能晚于今天"), "{errors}");
    assert!(errors.contains("第 29 行：请填写姓名"), "{errors}");
    let again = station_desk(&data, &["import", "residents", ROSTER_XLSX], None, None);
    assert!(text(&again.stdout).contains("新增 0，更新 0，未变 26"), "{}", text(&again.stdout));
}

#[test]
fn setup_refuses_bad_input_naming_the_option_and_writes_no_station() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("站");
    let short = station_desk(&data, SETUP, None, Some("123"));
    assert_eq!(short.status.code(), Some(1));
    assert!(text(&short.stderr).starts_with("密码"), "{}", text(&short.stderr));
    let bad_user = ["setup", "--station", "白水站", "--community", "白水社区", "--admin", "王 站长"];
    let named = station_desk(&data, &bad_user, None, Some("baishui2026"));
    assert_eq!(named.status.code(), Some(1));
    assert!(text(&named.stderr).starts_with("--admin："), "{}", text(&named.stderr));
    let missing = station_desk(&data, &["setup", "--station", "白水站"], None, Some("baishui2026"));
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("--community"));
    // still not set up: a real setup works afterwards
    let ok = station_desk(&data, SETUP, None, Some("baishui2026"));
    assert!(ok.status.success(), "{}", text(&ok.stderr));
}
