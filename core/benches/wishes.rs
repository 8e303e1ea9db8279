//! The desk's wish board and a wish's timeline at the seed's scale: 15,000 wishes with
//! 100,000 recorded transitions. `cargo bench -p station-core --bench wishes` prints the
//! figures (targets: board ≤ 20 ms, timeline ≤ 5 ms). The data is made through the public
//! operations (every step a real transition), deterministically (`demo::Rng`).

use chrono::{Duration, TimeZone, Utc};
use station_core::clock::Clock;
use station_core::demo::{self, DemoScale, Rng};
use station_core::volunteers::roster::VolunteerInput;
use station_core::wishes::*;
use station_core::{testing, Station};
use std::time::{Duration as Elapsed, Instant};

/// BENCH_WISHES=1500 for a quick run; transitions scale with it (6⅔ per wish).
fn scale() -> (usize, usize) {
    let wishes = std::env::var("BENCH_WISHES").ok().and_then(|v| v.parse().ok()).unwrap_or(15_000usize);
    (wishes, wishes * 20 / 3)
}
const VOLUNTEERS: usize = 200;
const DAYS: i64 = 180;

fn percentile(sorted: &[Elapsed], p: f64) -> Elapsed {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Elapsed) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn report(label: &str, mut times: Vec<Elapsed>, target: &str) {
    times.sort();
    println!(
        "{label:<34} {:>6} {:>10} {:>10} {:>10}   {target}",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().expect("runs"))
    );
}

fn volunteer_name(i: usize) -> String {
    const FAMILY: [&str; 12] = ["王", "李", "张", "刘", "陈", "杨", "赵", "郭", "黄", "周", "吴", "徐"];
    const GIVEN: [&str; 17] = [
        "建国", "秀英", "志强", "桂兰", "国庆", "丽华", "海涛", "春梅", "立新", "玉兰", "文明", "红梅", "德福", "淑珍",
        "卫东", "晓燕", "振华",
    ];
    format!("{}{}", FAMILY[i % FAMILY.len()], GIVEN[(i / FAMILY.len()) % GIVEN.len()])
}

fn main() {
    #[allow(non_snake_case)]
    let (WISHES, TRANSITIONS) = scale();
    let dir = tempfile::tempdir().expect("tempdir");
    let start = Utc.with_ymd_and_hms(2026, 5, 1, 1, 0, 0).single().expect("start");
    let mut st =
        Station::open_with(&dir.path().join("bench.sqlite3"), station_core::db::MIGRATIONS, Clock::Fixed(start))
            .expect("open");
    // Generation only: the measured reads do not depend on durability.
    st.conn().pragma_update(None, "synchronous", "OFF").expect("pragma");
    let (admin, clerk) = testing::add_admin_and_clerk(&mut st);
    let t = Instant::now();
    demo::populate(&mut st, &admin, &DemoScale::residents(3_000), 2026).expect("residents");
    let phones: Vec<String> = st
        .conn()
        .prepare("SELECT phone FROM residents ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("phones");
    let vols: Vec<i64> = (0..VOLUNTEERS)
        .map(|i| {
            let input = VolunteerInput {
                name: volunteer_name(i),
                phone: format!("135{:08}", 30_000_000 + i),
                kind_id: 8,
                ..Default::default()
            };
            st.volunteer_create(&admin, &input).expect("volunteer").id
        })
        .collect();

    let mut rng = Rng::new(15_000);
    let mut transitions = 0usize;
    let contents = [
        "想要一副老花镜",
        "教我用智能手机",
        "帮忙修理水龙头",
        "周末陪我聊天",
        "代买降压药",
        "换客厅的灯泡",
        "孩子需要一个书包",
    ];
    for i in 0..WISHES {
        let now = start + Duration::minutes((DAYS * 24 * 60) * i as i64 / WISHES as i64);
        st.set_clock(Clock::Fixed(now));
        let today = station_core::clock::local_date(now, st.tz());
        let date = |days: i64| (today + Duration::days(days)).to_string();
        // Share of the remaining transitions this wish takes, so the total lands on 100,000.
        let budget = (TRANSITIONS - transitions) / (WISHES - i);
        let kind = WishKind::ALL[rng.below(5)];
        let input = KioskWishInput {
            kind,
            content: contents[rng.below(contents.len())].to_string(),
            wanted_by: None,
            phone: rng.pick(&phones).clone(),
            notice_version: station_core::privacy::NOTICE_VERSION.into(),
            photo_consent: false,
        };
        let id = st.wish_kiosk_post(&input).expect("post").id;
        let mut steps = 1;
        let note = |id, note: &str| WishNoteInput { id, note: note.into() };
        let helper =
            |id, v: i64, days| WishHelperInput { id, volunteer_id: v, promised_date: date(days), note: String::new() };
        let fate = rng.below(100);
        if fate >= 10 {
            if fate < 15 {
                st.wish_decline(&clerk, &note(id, "不在服务范围")).expect("decline");
                steps += 1;
            } else {
                st.wish_publish(&clerk, &note(id, "")).expect("publish");
                steps += 1;
                if fate >= 25 {
                    st.wish_claim(&clerk, &helper(id, *rng.pick(&vols), 1 + rng.below(10) as i64)).expect("claim");
                    steps += 1;
                    if rng.chance(30) {
                        st.wish_claim(&clerk, &helper(id, *rng.pick(&vols), 3)).map(|_| steps += 1).ok();
                    }
                    if fate >= 50 {
                        let fulfil = WishFulfilInput { id, note: "已完成".into(), photo: None, credits: Vec::new() };
                        st.wish_fulfil(&clerk, &fulfil).expect("fulfil");
                        steps += 1;
                        if fate >= 60 {
                            let satisfaction = if rng.chance(5) {
                                WishSatisfaction::NotSatisfied
                            } else {
                                WishSatisfaction::Satisfied
                            };
                            let rate = WishRateInput {
                                id,
                                satisfaction,
                                stars: 3 + rng.below(3) as i64,
                                comment: String::new(),
                            };
                            st.wish_rate(&clerk, &rate).expect("rate");
                            steps += 1;
                        }
                    }
                }
            }
        }
        // Supervisors' notes make up the rest of this wish's share of the history.
        while steps < budget {
            st.wish_note(&clerk, &note(id, "督办：已电话联系居民")).expect("note");
            steps += 1;
        }
        transitions += steps;
    }
    let end = start + Duration::days(DAYS);
    st.set_clock(Clock::Fixed(end));
    st.wishes_complete_unrated().expect("sweep");
    let recorded: i64 = st.conn().query_row("SELECT COUNT(*) FROM wish_transitions", [], |r| r.get(0)).expect("count");
    let wishes: i64 = st.conn().query_row("SELECT COUNT(*) FROM wishes", [], |r| r.get(0)).expect("count");
    println!(
        "generated {wishes} wishes, {recorded} transitions, {VOLUNTEERS} helpers in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    st.conn().pragma_update(None, "synchronous", "FULL").expect("pragma");

    if std::env::var_os("BENCH_EXPLAIN").is_some() {
        explain(&st);
    }
    println!("\n{:<34} {:>6} {:>10} {:>10} {:>10}", "query", "runs", "p50 ms", "p95 ms", "max ms");
    let runs = 60;
    let time = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let mut board_all = Vec::new();
    for i in 0..runs {
        let column = [None, Some(BoardColumn::Review), Some(BoardColumn::Overdue), Some(BoardColumn::Done)][i % 4];
        let q = WishQuery { column, ..Default::default() };
        board_all.push(time(&mut || {
            std::hint::black_box(st.wishes_board(&admin, &q).expect("board"));
        }));
    }
    report("board (all / review / overdue / done)", board_all.clone(), "target ≤ 20 ms");
    let mut by_column = Vec::new();
    for column in BoardColumn::ALL {
        for _ in 0..runs / 6 {
            let q = WishQuery { column: Some(column), ..Default::default() };
            by_column.push(time(&mut || {
                std::hint::black_box(st.wishes_board(&admin, &q).expect("board"));
            }));
        }
    }
    report("board, each column", by_column.clone(), "target ≤ 20 ms");
    let filters: [(&str, WishQuery); 5] = [
        ("board, filter kind", WishQuery { kind: Some(WishKind::Service), ..Default::default() }),
        ("board, filter month", WishQuery { month: Some("2026-08".into()), ..Default::default() }),
        ("board, filter helper", WishQuery { volunteer_id: Some(vols[7]), ..Default::default() }),
        (
            "board, filter grid + column, page 3",
            WishQuery { grid_id: Some(1), column: Some(BoardColumn::Done), page: 3, ..Default::default() },
        ),
        (
            "board, search text + column",
            WishQuery { text: "老花镜".into(), column: Some(BoardColumn::Done), ..Default::default() },
        ),
    ];
    for (label, q) in &filters {
        let times = (0..runs / 2)
            .map(|_| time(&mut || drop(std::hint::black_box(st.wishes_board(&admin, q).expect("board")))))
            .collect();
        report(label, times, "target ≤ 20 ms");
    }
    let overdue = (0..runs)
        .map(|_| time(&mut || drop(std::hint::black_box(st.wishes_overdue(&admin).expect("overdue")))))
        .collect();
    report("home page overdue list", overdue, "target ≤ 20 ms");

    let mut timeline = Vec::new();
    let mut page = Vec::new();
    for _ in 0..200 {
        let id = 1 + rng.below(WISHES) as i64;
        timeline.push(time(&mut || drop(std::hint::black_box(st.wish_timeline(id).expect("timeline")))));
        page.push(time(&mut || drop(std::hint::black_box(st.wish_get(&admin, id).expect("detail")))));
    }
    report("a wish's timeline", timeline, "target ≤ 5 ms");
    report("a wish's whole page (detail+timeline)", page, "target ≤ 5 ms");
    let wall =
        (0..runs).map(|_| time(&mut || drop(std::hint::black_box(st.wishes_kiosk_wall().expect("wall"))))).collect();
    report("kiosk wish wall", wall, "");
}

/// BENCH_EXPLAIN=1: each query of the default board, timed alone, with its plan.
fn explain(st: &Station) {
    let today = st.today().to_string();
    let queries = [
        "SELECT w.state, COUNT(*) FROM wishes w WHERE ?1 IS NOT NULL GROUP BY w.state",
        "SELECT COUNT(*) FROM wishes w WHERE ?1 IS NOT NULL AND w.state = 'claimed' AND w.promised_date < ?1",
        "SELECT w.id FROM wishes w WHERE ?1 IS NOT NULL ORDER BY w.created_at DESC, w.id DESC LIMIT 20 OFFSET 0",
        "SELECT w.id FROM wishes w WHERE ?1 IS NOT NULL AND w.state = 'completed' ORDER BY w.completed_at DESC, w.id DESC LIMIT 20",
        "SELECT id, name FROM volunteer_people WHERE id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AND ?1 IS NOT NULL",
        "SELECT w.state, COUNT(*) FROM wishes w WHERE ?1 IS NOT NULL AND w.kind = 'service' GROUP BY w.state",
        "SELECT w.id FROM wishes w WHERE ?1 IS NOT NULL AND w.kind = 'service' ORDER BY w.created_at DESC, w.id DESC LIMIT 20",
        "SELECT COUNT(*) FROM wishes w WHERE ?1 IS NOT NULL AND w.kind = 'service' AND w.state = 'claimed' AND w.promised_date < ?1",
        "SELECT w.state, COUNT(*) FROM wishes w WHERE ?1 IS NOT NULL AND (w.content LIKE '%老花镜%' OR w.requester_name LIKE '%老花镜%' OR w.phone LIKE '%老花镜%') GROUP BY w.state",
    ];
    for sql in queries {
        let plan: Vec<String> = st
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .and_then(|mut s| s.query_map([&today], |r| r.get::<_, String>(3))?.collect())
            .expect("plan");
        let t = Instant::now();
        let n = st.conn().prepare(sql).and_then(|mut s| Ok(s.query_map([&today], |_| Ok(()))?.count())).expect("run");
        println!("{:>8} ms {n:>6} rows  {}  [{}]", ms(t.elapsed()), sql, plan.join(" | "));
    }
}
