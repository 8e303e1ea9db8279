//! Volunteers at Jincheng's scale: 50,000 volunteers and 140,000 service records.
//! `cargo bench -p station-core --bench volunteers` prints the figures against the targets:
//! monthly ranking ≤ 50 ms, a person's history ≤ 5 ms.

use station_core::demo::Rng;
use station_core::volunteers::ledger::{RankingBy, RankingQuery};
use station_core::volunteers::populate_volunteers;
use station_core::{testing, Station};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn report(what: &str, mut times: Vec<Duration>, target_ms: f64) {
    times.sort();
    let p95 = percentile(&times, 0.95);
    println!(
        "{:<34} {:>6} {:>9} {:>9} {:>9}   target ≤ {target_ms} ms: {}",
        what,
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(p95),
        ms(*times.last().expect("runs")),
        if p95.as_secs_f64() * 1000.0 <= target_ms { "met" } else { "MISSED" }
    );
}

fn main() {
    let volunteers: usize = std::env::var("BENCH_VOLUNTEERS").ok().and_then(|v| v.parse().ok()).unwrap_or(50_000);
    let records: usize = std::env::var("BENCH_RECORDS").ok().and_then(|v| v.parse().ok()).unwrap_or(140_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut st = Station::open(&dir.path().join("bench.sqlite3")).expect("open");
    st.set_clock(station_core::clock::Clock::Fixed(
        chrono::DateTime::parse_from_rfc3339("2026-11-25T09:00:00+08:00").expect("time").to_utc(),
    ));
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    let t = Instant::now();
    populate_volunteers(&mut st, &admin, &mut Rng::new(2026), volunteers, records).expect("populate");
    println!("generated {volunteers} volunteers and {records} service records in {:.1} s\n", t.elapsed().as_secs_f64());

    println!("{:<34} {:>6} {:>9} {:>9} {:>9}", "operation", "runs", "p50 ms", "p95 ms", "max ms");
    for (label, by, month) in [
        ("monthly ranking, by person", RankingBy::Person, Some(11)),
        ("monthly ranking, by partner unit", RankingBy::Unit, Some(11)),
        ("monthly ranking, by volunteer kind", RankingBy::VolunteerKind, Some(11)),
        ("monthly ranking, by service kind", RankingBy::ServiceKind, Some(11)),
        ("yearly ranking, by person", RankingBy::Person, None),
    ] {
        let mut times = Vec::new();
        for m in 0..30u32 {
            let q = RankingQuery { year: 2026, month: month.map(|x| x - (m % 3)), by, limit: 50 };
            let t = Instant::now();
            let rows = st.volunteer_ranking(&admin, &q).expect("ranking");
            times.push(t.elapsed());
            std::hint::black_box(rows);
        }
        report(label, times, 50.0);
    }

    let mut rng = Rng::new(7);
    let mut times = Vec::new();
    for _ in 0..300 {
        let id = 1 + rng.below(volunteers) as i64;
        let t = Instant::now();
        let history = st.volunteer_history(&admin, id).expect("history");
        times.push(t.elapsed());
        std::hint::black_box(history);
    }
    report("a person's history", times, 5.0);

    let mut times = Vec::new();
    for _ in 0..300 {
        let id = 1 + rng.below(volunteers) as i64;
        let t = Instant::now();
        let v = st.volunteer_get(&admin, id).expect("detail");
        times.push(t.elapsed());
        std::hint::black_box(v);
    }
    report("a person's detail (with totals)", times, 5.0);
}
