//! Search-as-you-type over 100,000 residents, and the cost of synchronous=FULL.
//! `cargo bench -p station-core --bench search` prints the figures (target: p95 ≤ 10 ms).

use station_core::demo::{self, DemoScale};
use station_core::residents::{ResidentInput, ResidentQuery};
use station_core::{testing, Station};
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let residents: usize = std::env::var("BENCH_RESIDENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.sqlite3");
    let mut st = Station::open(&path).expect("open");
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    let t = Instant::now();
    demo::populate(&mut st, &admin, &DemoScale::residents(residents), 2026).expect("populate");
    println!("generated {residents} residents in {:.1} s", t.elapsed().as_secs_f64());

    // The first search after any change to the register reloads the in-memory index.
    let t = Instant::now();
    st.residents_search(&admin, &ResidentQuery::default()).expect("first search");
    println!("index load (first search after start): {} ms", ms(t.elapsed()));

    // What a front desk types, keystroke by keystroke.
    let typed: &[(&str, &[&str])] = &[
        ("pinyin initials", &["w", "wj", "wjg", "z", "zs", "lxh"]),
        ("full pinyin", &["wang", "wangj", "wangjianguo", "zhangxiu", "liuguilan"]),
        ("chinese name", &["王", "王建", "王建国", "李秀英", "秀英", "欧阳"]),
        ("phone fragment", &["1", "13", "138", "1380", "5678", "0013", "18612"]),
        ("empty (first page)", &[""]),
    ];
    println!("\n{:<20} {:>8} {:>10} {:>10} {:>10}", "query kind", "runs", "p50 ms", "p95 ms", "max ms");
    let mut all = Vec::new();
    for (kind, texts) in typed {
        let mut times = Vec::new();
        for _ in 0..40 {
            for text in *texts {
                let q = ResidentQuery { text: text.to_string(), page_size: 20, ..Default::default() };
                let t = Instant::now();
                let page = st.residents_search(&admin, &q).expect("search");
                times.push(t.elapsed());
                std::hint::black_box(page);
            }
        }
        times.sort();
        println!(
            "{:<20} {:>8} {:>10} {:>10} {:>10}",
            kind,
            times.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(*times.last().expect("runs"))
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "{:<20} {:>8} {:>10} {:>10} {:>10}   (target p95 ≤ 10 ms)",
        "ALL",
        all.len(),
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.95)),
        ms(*all.last().expect("runs"))
    );

    // A save at the desk, then the next keystroke: the index is patched, not reloaded.
    let mut times = Vec::new();
    for i in 0..50 {
        let input = ResidentInput {
            name: "新登记居民".into(),
            phone: format!("137{:08}", 20_000_000 + i),
            confirm_duplicate: true,
            ..Default::default()
        };
        st.resident_create(&admin, &input).expect("create");
        let q = ResidentQuery { text: "xdj".into(), ..Default::default() };
        let t = Instant::now();
        std::hint::black_box(st.residents_search(&admin, &q).expect("search"));
        times.push(t.elapsed());
    }
    times.sort();
    println!(
        "first keystroke after a save:  p50 {} ms  p95 {} ms",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95))
    );

    // The price of durability: one resident saved per transaction, as at the desk.
    println!("\nsingle-resident saves on a file database (one transaction each):");
    for mode in ["FULL", "NORMAL"] {
        st.conn().pragma_update(None, "synchronous", mode).expect("pragma");
        let mut times = Vec::new();
        for i in 0..200 {
            let input = ResidentInput {
                name: "测试居民".into(),
                phone: format!("139{:08}", 10_000_000 + i),
                confirm_duplicate: true,
                ..Default::default()
            };
            let t = Instant::now();
            st.resident_create(&admin, &input).expect("create");
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "  synchronous={mode:<6} p50 {} ms  p95 {} ms",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95))
        );
    }
}
