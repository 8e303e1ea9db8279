//! Inventory at a busy station's scale: 2,000 items and 50,000 movements.
//! `cargo bench -p station-core --bench inventory` prints the figures (target: the current
//! stock of all items ≤ 20 ms).

use station_core::demo::{self, DemoScale, Rng};
use station_core::inventory::demo::populate_inventory;
use station_core::inventory::{ItemQuery, LoanFilter, LoanQuery};
use station_core::{testing, Station};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Runs `f` `runs` times and prints p50 / p95 / max against the target.
fn measure<T>(what: &str, runs: usize, target_ms: Option<f64>, mut f: impl FnMut() -> T) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    let p95 = percentile(&times, 0.95);
    let verdict = match target_ms {
        Some(limit) if p95.as_secs_f64() * 1000.0 <= limit => format!("ok (≤ {limit} ms)"),
        Some(limit) => format!("OVER {limit} ms"),
        None => String::new(),
    };
    println!(
        "{what:<46} {:>8} {:>8} {:>8}  {verdict}",
        ms(percentile(&times, 0.5)),
        ms(p95),
        ms(*times.last().unwrap_or(&Duration::ZERO))
    );
}

fn main() {
    let items: usize = std::env::var("BENCH_ITEMS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let movements: usize = std::env::var("BENCH_MOVEMENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(50_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut st = Station::open(&dir.path().join("bench.sqlite3")).expect("open");
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    demo::populate(&mut st, &admin, &DemoScale::residents(300), 2026).expect("residents");
    let t = Instant::now();
    let written = populate_inventory(&mut st, &admin, &mut Rng::new(6), items, movements).expect("inventory");
    println!("generated {items} items and {written} movements in {:.1} s\n", t.elapsed().as_secs_f64());

    println!("{:<46} {:>8} {:>8} {:>8}", "operation", "p50 ms", "p95 ms", "max ms");
    measure("current stock of all items (with figures)", 50, Some(20.0), || {
        st.inventory_current_stock(&admin).expect("stock")
    });
    measure("Σ movements per item, recomputed from ledger", 50, Some(20.0), || {
        st.conn()
            .prepare_cached("SELECT item_id, SUM(quantity) FROM inv_movements GROUP BY item_id")
            .expect("sql")
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
            .expect("query")
            .count()
    });
    measure("items list, first page of 20", 50, None, || {
        st.inventory_items(&admin, &ItemQuery::default()).expect("page")
    });
    measure("items list, search \"轮椅\"", 50, None, || {
        st.inventory_items(&admin, &ItemQuery { text: "轮椅".into(), ..Default::default() }).expect("search")
    });
    measure("desk home panels (overdue, low, expiring)", 50, None, || st.inventory_home(&admin).expect("home"));
    measure("emergency view", 50, None, || st.inventory_emergency(&admin).expect("emergency"));
    measure("open loans list", 20, None, || {
        st.inventory_loans(
            &admin,
            &LoanQuery { filter: LoanFilter::Open, item_id: None, borrower_kind: None, borrower_id: None },
        )
        .expect("loans")
    });
    let some_item: i64 =
        st.conn().query_row("SELECT id FROM inv_items ORDER BY id LIMIT 1", [], |r| r.get(0)).expect("id");
    measure("one item's detail (batches, units, loans, ledger)", 50, None, || {
        st.inventory_item_get(&admin, some_item).expect("detail")
    });
}
