//! The monthly summary on a city-scale database: ≤ 100 ms, and ≤ 2× the same SQL run
//! directly in the sqlite3 shell.
//!
//! `STATION_BENCH_DB=FILE cargo bench -p station-core --bench report` measures the database
//! at FILE (`station-desk demo --scale city --out FILE`: 100,000 residents, 200,000
//! bookings, 140,000 service records …; opening it applies any pending migration, as the app
//! would). Without it a mid-size station is generated here (20,000 residents, the demo
//! areas, 6,000 cases over 150 days). `STATION_BENCH_MONTH=YYYY-MM` picks the month
//! (default: the last month with cases). `BENCH_RUNS` (default 30) sets the repetitions.
//!
//! Shell method: every statement the summary runs (each section's SQL, for the month and for
//! the month before — the report computes both, for the month-on-month change) is written
//! into one .sql file after `.parameter set` lines binding the same values; the sqlite3
//! process runs it with its output thrown away. The shell's figure is the median wall time
//! of that process minus the median of the same process with the parameters set but no
//! statement (start-up, opening the file, reading the schema), so what remains is the SQL.
//!
//! Besides the human-readable lines it prints one `RESULT\t…` line per figure (tab-separated:
//! figure, value, unit, target, shell value or -, ratio or -) for the benchmark collector.

use station_core::demo::{self, DemoScale, Rng};
use station_core::report::{bind, section_sql, Bounds, ReportInput};
use station_core::{testing, Station};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time this thread has run (Linux: /proc/thread-self/schedstat): meaningful when other
/// processes share the cores and wall time is mostly waiting for one. None elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

fn timed(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut out: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    out.sort();
    out
}

fn generate(path: &Path) {
    let mut st = Station::open(path).expect("open");
    let (admin, clerk) = testing::add_admin_and_clerk(&mut st);
    st.conn().pragma_update(None, "synchronous", "OFF").expect("pragma");
    let t = Instant::now();
    demo::populate(&mut st, &admin, &DemoScale::residents(20_000), 2026).expect("residents");
    demo::populate_areas(&mut st, &admin, 2026).expect("areas");
    let from = st.now() - chrono::Duration::days(150);
    station_core::cases::populate_cases(&mut st, &clerk, &mut Rng::new(7), 6_000, from, 150).expect("cases");
    st.conn().pragma_update(None, "synchronous", "FULL").expect("pragma");
    println!("generated a mid-size station in {:.1} s", t.elapsed().as_secs_f64());
}

/// A shell literal for `.parameter set`: the value as an SQL string.
fn sql_literal(v: &str) -> String {
    format!("\"'{}'\"", v.replace('\'', "''"))
}

fn shell_script(bounds: &[&Bounds], with_statements: bool) -> String {
    let mut out = String::new();
    for (i, b) in bounds.iter().enumerate() {
        out.push_str(".parameter clear\n");
        for name in [":start", ":end", ":from", ":until", ":asof", ":asof_end", ":horizon", ":cutoff", ":cutoff_local"]
        {
            out.push_str(&format!(".parameter set {name} {}\n", sql_literal(&b.param(name).unwrap_or_default())));
        }
        if with_statements {
            for (name, sql) in section_sql() {
                out.push_str(&format!("-- {name} (period {i})\n{sql};\n"));
            }
        }
    }
    out
}

fn shell_runs(db: &Path, script: &Path, runs: usize) -> Vec<Duration> {
    timed(runs, || {
        let status = Command::new("sqlite3")
            .arg("-batch")
            .arg(db)
            .stdin(std::fs::File::open(script).expect("script"))
            .stdout(Stdio::null())
            .status()
            .expect("sqlite3 (apt install sqlite3)");
        assert!(status.success(), "sqlite3 failed on {}", script.display());
    })
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = match std::env::var_os("STATION_BENCH_DB") {
        Some(p) => std::path::PathBuf::from(p),
        None => {
            let p = dir.path().join("bench.sqlite3");
            generate(&p);
            p
        }
    };
    let st = Station::open(&path).expect("open the bench database");
    let admin = st.command_line_admin().expect("an admin");
    let month = std::env::var("STATION_BENCH_MONTH").unwrap_or_else(|_| {
        let last: Option<String> =
            st.conn().query_row("SELECT MAX(created_at) FROM cases", [], |r| r.get(0)).expect("last case");
        let last = last.map(|t| chrono::DateTime::parse_from_rfc3339(&t).expect("timestamp"));
        let day = last.map_or(st.today(), |t| t.with_timezone(&st.tz()).date_naive());
        day.format("%Y-%m").to_string()
    });
    let count = |table: &str| -> i64 {
        st.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap_or(0)
    };
    println!(
        "database {}: {} residents, {} bookings, {} wishes, {} ledger entries, {} stock movements, {} cases; month {month}",
        path.display(),
        count("residents"),
        count("bookings"),
        count("wishes"),
        count("volunteer_ledger"),
        count("inv_movements"),
        count("cases")
    );

    let input = ReportInput::month(&month);
    let first = st.report(&admin, &input).expect("report");
    println!(
        "summary: {} residents served, {} activities held, {} wishes received, {:.1} volunteer hours, {} cases",
        first.residents.served,
        first.activities.held,
        first.wishes.received,
        first.volunteers.hours,
        first.cases.received
    );
    let mut cpu = Vec::new();
    let app = timed(runs, || {
        let before = cpu_time();
        std::hint::black_box(st.report(&admin, &input).expect("report"));
        cpu.extend(before.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a)));
    });
    cpu.sort();

    let bounds = st.report_bounds(&input).expect("bounds");
    let previous = bounds.previous(&st);
    // Where the time goes: each statement alone, for the month (median of 5).
    for (name, sql) in section_sql() {
        let times = timed(5, || {
            let mut stmt = st.conn().prepare(sql).expect("prepare");
            bind(&mut stmt, &bounds).expect("bind");
            let mut rows = stmt.raw_query();
            while rows.next().expect("row").is_some() {}
        });
        println!("  {name:<18} {:>8.2} ms", ms(percentile(&times, 0.5)));
    }
    let script = dir.path().join("summary.sql");
    let empty = dir.path().join("empty.sql");
    std::fs::write(&script, shell_script(&[&bounds, &previous], true)).expect("script");
    std::fs::write(&empty, shell_script(&[&bounds, &previous], false)).expect("script");
    let shell_full = shell_runs(&path, &script, runs.min(15));
    let shell_empty = shell_runs(&path, &empty, runs.min(15));
    let shell = percentile(&shell_full, 0.5).saturating_sub(percentile(&shell_empty, 0.5));

    let (p50, p95) = (ms(percentile(&app, 0.5)), ms(percentile(&app, 0.95)));
    let shell_ms = ms(shell);
    let ratio = if shell_ms > 0.0 { p50 / shell_ms } else { f64::NAN };
    let verdict = if p95 <= 100.0 && ratio <= 2.0 { "ok" } else { "OVER TARGET" };
    println!();
    println!("monthly summary (app)      p50 {p50:>8.2} ms   p95 {p95:>8.2} ms   ({runs} runs)");
    if !cpu.is_empty() {
        println!(
            "  of which CPU             p50 {:>8.2} ms   p95 {:>8.2} ms   (the rest is waiting for a core)",
            ms(percentile(&cpu, 0.5)),
            ms(percentile(&cpu, 0.95))
        );
    }
    println!(
        "same SQL in sqlite3 shell  {shell_ms:>8.2} ms   (process {:.2} ms − empty run {:.2} ms)",
        ms(percentile(&shell_full, 0.5)),
        ms(percentile(&shell_empty, 0.5))
    );
    println!("ratio app ÷ shell          {ratio:>8.2}      (target ≤ 100 ms and ≤ 2× shell: {verdict})");
    println!("RESULT\tmonthly summary\t{p50:.1}\tms\t≤ 100 ms, ≤ 2× shell\t{shell_ms:.1}\t{ratio:.2}");
    println!("RESULT\tmonthly summary p95\t{p95:.1}\tms\t≤ 100 ms\t-\t-");
    if !cpu.is_empty() {
        println!("RESULT\tmonthly summary CPU p50\t{:.1}\tms\t≤ 100 ms\t-\t-", ms(percentile(&cpu, 0.5)));
    }
}
