//! A large residents import while the kiosk needs the station: `cargo bench -p station-core
//! --bench import` prints how long a 50,000-row file (the import's row limit) is read and
//! parsed — on a worker of its own, not holding the station — and how long the preview and
//! the commit then hold the station, which a kiosk booking waits behind. The desk previews
//! on a snapshot (`import::preview_on_snapshot`), holding the station for none of it.
//! BENCH_IMPORT_ROWS=5000 for a quick run.

use chrono::{TimeZone, Utc};
use station_core::clock::Clock;
use station_core::demo::{self, DemoScale};
use station_core::import::{self, ImportRequest, ImportTarget};
use station_core::{testing, Station};
use std::fmt::Write as _;
use std::time::Instant;

fn main() {
    let rows: usize = std::env::var("BENCH_IMPORT_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(49_999); // + the header: the row limit
    let dir = tempfile::tempdir().expect("tempdir");
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).single().expect("now");
    let mut st = Station::open_with(&dir.path().join("bench.sqlite3"), station_core::db::MIGRATIONS, Clock::Fixed(now))
        .expect("open");
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    demo::populate(&mut st, &admin, &DemoScale::residents(10_000), 7).expect("a station of 10,000 residents");

    let mut csv = String::from("姓名,性别,手机号码,出生日期\n");
    for i in 0..rows {
        // (names may not hold digits: the number written in Chinese numerals)
        let name: String = i
            .to_string()
            .chars()
            .map(|d| "〇一二三四五六七八九".chars().nth(d as usize - '0' as usize).unwrap_or('〇'))
            .collect();
        let _ =
            writeln!(csv, "居民{name},{},139{:08},1950-03-{:02}", if i % 2 == 0 { "男" } else { "女" }, i, 1 + i % 28);
    }
    let file = dir.path().join("居民.csv");
    std::fs::write(&file, csv).expect("csv");
    let request = ImportRequest {
        target: ImportTarget::Residents,
        path: file.display().to_string(),
        mapping: None,
        new_records: None,
    };

    let t = Instant::now();
    let prepared = import::prepare(&request).expect("read the file");
    let read = t.elapsed();
    let t = Instant::now();
    let preview = st.import_preview_prepared(&admin, &prepared).expect("preview");
    let previewed = t.elapsed();
    let (db_path, clock) = st.snapshot_source().expect("a file station");
    let t = Instant::now();
    let on_copy = import::preview_on_snapshot(&db_path, clock, &admin, &prepared).expect("preview on a snapshot");
    let snapshot = t.elapsed();
    assert_eq!(on_copy.created, preview.created, "the same report");
    assert!(
        preview.errors.is_empty(),
        "the bench file has errors: {:?}",
        &preview.errors[..preview.errors.len().min(3)]
    );
    let t = Instant::now();
    let committed = st.import_commit_prepared(&admin, &prepared).expect("commit");
    let commit = t.elapsed();
    println!("import of {rows} rows into a station of 10,000 residents");
    println!("  read and parse the file (off the station)  {:>8.0} ms", read.as_secs_f64() * 1000.0);
    println!("  preview on the station itself               {:>8.0} ms", previewed.as_secs_f64() * 1000.0);
    println!("  preview on a snapshot (what the desk runs,  {:>8.0} ms", snapshot.as_secs_f64() * 1000.0);
    println!("    holding the station for none of it)");
    println!("  commit (holds the station)                 {:>8.0} ms", commit.as_secs_f64() * 1000.0);
    println!("  preview: {} new; commit wrote {}", preview.created, committed.created);
}
