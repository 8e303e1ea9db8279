//! Cases at city-station scale: 20,000 cases with ~150,000 transitions.
//! `cargo bench -p station-core --bench cases` prints the figures against the targets:
//! the open-cases list with clocks ≤ 20 ms, the month's figures ≤ 50 ms.

use chrono::{DateTime, Utc};
use station_core::cases::{populate_cases, CaseQuery, FiguresInput};
use station_core::demo::Rng;
use station_core::places::{PlaceInput, PlaceKind};
use station_core::{testing, Station};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// CPU time this thread has run (Linux: /proc/thread-self/schedstat), so a figure stays
/// meaningful when other processes share the cores; None elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

/// Wall-clock and CPU times of `runs` calls, each sorted.
fn measure(runs: usize, mut f: impl FnMut()) -> (Vec<Duration>, Vec<Duration>) {
    let (mut wall, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu_time());
        f();
        wall.push(t.elapsed());
        cpu.extend(c.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a)));
    }
    wall.sort();
    cpu.sort();
    (wall, cpu)
}

fn report(what: &str, (wall, cpu): &(Vec<Duration>, Vec<Duration>), target_ms: f64) {
    let p95 = percentile(wall, 0.95);
    let verdict = if p95.as_secs_f64() * 1000.0 <= target_ms { "ok" } else { "OVER TARGET" };
    let cpu_text = if cpu.is_empty() {
        String::new()
    } else {
        format!("   cpu p50 {:>7} p95 {:>7} ms", ms(percentile(cpu, 0.5)), ms(percentile(cpu, 0.95)))
    };
    println!(
        "{what:<44} wall p50 {:>8} p95 {:>8} max {:>8} ms{cpu_text}   (target ≤ {target_ms} ms: {verdict})",
        ms(percentile(wall, 0.5)),
        ms(p95),
        ms(*wall.last().unwrap_or(&Duration::ZERO))
    );
}

fn main() {
    let count: usize = std::env::var("BENCH_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(20_000);
    let dir = tempfile::tempdir().expect("tempdir");
    // BENCH_DB=path keeps the generated database there and reuses it on the next run.
    let kept = std::env::var_os("BENCH_DB").map(std::path::PathBuf::from);
    let path = kept.clone().unwrap_or_else(|| dir.path().join("bench.sqlite3"));
    let reuse = kept.is_some() && path.exists();
    let mut st = Station::open(&path).expect("open");
    let from: DateTime<Utc> = "2026-07-01T00:00:00Z".parse().expect("start");
    let span_days = 150;
    let clerk = if reuse {
        st.set_clock(station_core::clock::Clock::Fixed(from + chrono::Duration::days(span_days)));
        st.active_staff(2).expect("the clerk")
    } else {
        let (admin, clerk) = testing::add_admin_and_clerk(&mut st);
        for n in 1..=8 {
            let grid = PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: format!("第{n}网格") };
            st.place_save(&admin, &grid).expect("grid");
        }
        // Generating: no fsync per step (what is measured below runs with the app's settings).
        st.conn().pragma_update(None, "synchronous", "OFF").expect("pragma");
        let t = Instant::now();
        let made = populate_cases(&mut st, &clerk, &mut Rng::new(2026), count, from, span_days).expect("populate");
        println!(
            "generated {} cases with {} transitions in {:.1} s",
            made.cases,
            made.transitions,
            t.elapsed().as_secs_f64()
        );
        st.conn().pragma_update(None, "synchronous", "FULL").expect("pragma");
        clerk
    };

    let open = CaseQuery::default();
    let t = Instant::now();
    let first = st.cases_list(&clerk, &open).expect("first list");
    let escalated: i64 = st
        .conn()
        .query_row("SELECT COUNT(*) FROM case_transitions WHERE action = 'auto_escalate'", [], |r| r.get(0))
        .expect("count");
    println!(
        "first refresh: {} open cases, {escalated} automatic escalations applied, {} ms",
        first.total,
        ms(t.elapsed())
    );

    println!();
    let times = measure(60, || {
        std::hint::black_box(st.cases_list(&clerk, &open).expect("list"));
    });
    report("open-cases list with clocks (page 1 of 20)", &times, 20.0);
    let searched = CaseQuery { text: "漏水".into(), ..CaseQuery::default() };
    let times = measure(60, || {
        std::hint::black_box(st.cases_list(&clerk, &searched).expect("search"));
    });
    report("open-cases list, searching 漏水", &times, 20.0);
    let times = measure(60, || {
        std::hint::black_box(st.cases_home(&clerk).expect("home"));
    });
    report("desk home panel (overdue and near)", &times, 20.0);
    let all = CaseQuery { open_only: false, page: 50, ..CaseQuery::default() };
    let times = measure(60, || {
        std::hint::black_box(st.cases_list(&clerk, &all).expect("all"));
    });
    report("all cases, page 50", &times, 20.0);
    let month = FiguresInput { from_month: "2026-10".into(), to_month: "2026-10".into() };
    let figures = st.cases_figures(&clerk, &month).expect("figures");
    println!("\nOctober 2026: {} cases", figures.overall.total);
    let times = measure(40, || {
        std::hint::black_box(st.cases_figures(&clerk, &month).expect("figures"));
    });
    report("the month's figures (by kind, grid, handler)", &times, 50.0);
    let half_year = FiguresInput { from_month: "2026-07".into(), to_month: "2026-11".into() };
    let times = measure(20, || {
        std::hint::black_box(st.cases_figures(&clerk, &half_year).expect("figures"));
    });
    report("five months' figures (every case; no target)", &times, 250.0);
}
