//! Activities at city scale: 5,000 activities and 200,000 bookings on a file database.
//! `cargo bench -p station-core --bench activities` prints the figures against the targets
//! (a booking command p99 ≤ 5 ms, the week calendar ≤ 20 ms).

use chrono::Duration as Days;
use station_core::activities::{CalendarQuery, KioskBookInput, KioskPinInput, VenueInput};
use station_core::demo::{self, DemoScale, Rng};
use station_core::{testing, Actor, Station};
use std::time::{Duration, Instant};

const ACTIVITIES: usize = 5_000;
const BOOKINGS: usize = 200_000;
const RESIDENTS: usize = 20_000;
const VENUES: usize = 20;
/// Every resident's kiosk PIN here (the kiosk books with phone + PIN).
const BENCH_PIN: &str = "2580";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn report(what: &str, mut times: Vec<Duration>, target: &str) {
    times.sort();
    println!(
        "{what:<34} runs {:>4}  p50 {:>8} ms  p99 {:>8} ms  max {:>8} ms   ({target})",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.99)),
        ms(*times.last().expect("runs"))
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.sqlite3");
    let mut st = Station::open(&path).expect("open");
    let (admin, clerk) = testing::add_admin_and_clerk(&mut st);
    let t = Instant::now();
    demo::populate(&mut st, &admin, &DemoScale::residents(RESIDENTS), 2026).expect("residents");
    for v in 0..VENUES {
        let input = VenueInput {
            id: None,
            name: format!("活动室{v:02}"),
            capacity: 60,
            equipment: String::new(),
            opens_at: "07:00".into(),
            closes_at: "22:00".into(),
            open_weekdays: (1..=7).collect(),
            archived: false,
        };
        st.venue_save(&admin, &input).expect("venue");
    }
    // A year of programme around today: 5,000 activities, 40 bookings each on average.
    let today = st.today();
    let first_day = today - Days::days(180);
    let mut rng = Rng::new(7);
    st.write(&Actor::System, |tx| {
        let venue_ids: Vec<i64> =
            tx.prepare("SELECT id FROM venues ORDER BY id")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut insert_activity = tx.prepare(
            "INSERT INTO activities (title, category_id, venue_id, starts_at, ends_at, capacity, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 50, ?6, ?7, ?7)",
        )?;
        let mut insert_booking = tx.prepare(
            "INSERT INTO bookings (activity_id, resident_id, status, channel, booked_at, checked_in_at)
             VALUES (?1, ?2, ?3, 'kiosk', ?4, ?5)",
        )?;
        let now = tx.now_str();
        let per_activity = BOOKINGS / ACTIVITIES;
        for i in 0..ACTIVITIES {
            let day = first_day + Days::days((i * 360 / ACTIVITIES) as i64);
            let venue = venue_ids[i % VENUES];
            let hour = 8 + 2 * ((i / VENUES) % 6);
            let starts = format!("{day} {hour:02}:00");
            let ends = format!("{day} {:02}:30", hour + 1);
            let status = if day < today { "held" } else { "open" };
            insert_activity.execute(rusqlite::params![
                format!("活动{i}"),
                1 + (i % 5) as i64,
                venue,
                starts,
                ends,
                status,
                now
            ])?;
            let activity = tx.last_insert_rowid();
            let mut taken = std::collections::HashSet::new();
            while taken.len() < per_activity {
                let resident = 1 + rng.below(RESIDENTS) as i64;
                if taken.insert(resident) {
                    let state = if day < today { if rng.chance(85) { "attended" } else { "no_show" } } else { "booked" };
                    let checked = (state == "attended").then(|| now.clone());
                    insert_booking.execute(rusqlite::params![activity, resident, state, now, checked])?;
                }
            }
        }
        Ok(())
    })
    .expect("programme");
    st.conn().execute_batch("ANALYZE").expect("analyze");
    println!(
        "generated {RESIDENTS} residents, {ACTIVITIES} activities, {BOOKINGS} bookings in {:.1} s\n",
        t.elapsed().as_secs_f64()
    );

    // The booking command as the kiosk calls it: phone + PIN check (its own small transaction),
    // rules, capacity, insert, commit (fsync).
    let pin_hash = station_core::activities::kiosk::hash_pin(BENCH_PIN).expect("pin");
    st.conn().execute("UPDATE residents SET kiosk_pin_hash = ?1", [&pin_hash]).expect("pins");
    let phones: Vec<String> = st
        .conn()
        .prepare("SELECT phone FROM residents ORDER BY id")
        .expect("phones")
        .query_map([], |r| r.get(0))
        .expect("phones")
        .collect::<Result<_, _>>()
        .expect("phones");
    let future: Vec<i64> = st
        .conn()
        .prepare("SELECT id FROM activities WHERE status = 'open' ORDER BY starts_at")
        .expect("future")
        .query_map([], |r| r.get(0))
        .expect("future")
        .collect::<Result<_, _>>()
        .expect("future");
    // What durability costs: the same command with the fsync per commit (FULL, what the app
    // runs) and without it (NORMAL), to separate the disk from the work.
    for mode in ["FULL", "NORMAL"] {
        st.conn().pragma_update(None, "synchronous", mode).expect("pragma");
        let mut times = Vec::new();
        let mut outcomes = std::collections::BTreeMap::new();
        for i in 0..400 {
            let input = KioskBookInput {
                phone: rng.pick(&phones).clone(),
                pin: BENCH_PIN.into(),
                activity_id: future[(i * 7) % future.len()],
                join_waitlist: true,
            };
            let t = Instant::now();
            let r = st.kiosk_book(&input);
            times.push(t.elapsed());
            let key = match r {
                Ok(b) => format!("{:?}", b.status),
                Err(e) => format!("{:?}", e.code),
            };
            *outcomes.entry(key).or_insert(0) += 1;
        }
        report(&format!("kiosk booking (synchronous={mode})"), times, "target p99 ≤ 5 ms");
        println!("  outcomes: {outcomes:?}");
    }
    st.conn().pragma_update(None, "synchronous", "FULL").expect("pragma");

    // The same on the desk path, and the cancellation that promotes from the waitlist.
    let mut times = Vec::new();
    for phone in phones.iter().take(200) {
        let mine = st.kiosk_bookings(&KioskPinInput { phone: phone.clone(), pin: BENCH_PIN.into() }).expect("mine");
        let Some(b) = mine.items.iter().find(|b| b.can_cancel) else { continue };
        let t = Instant::now();
        st.booking_cancel(&clerk, b.booking_id).expect("cancel");
        times.push(t.elapsed());
    }
    if !times.is_empty() {
        report("desk cancellation (+ promotion)", times, "same path as booking");
    }

    let mut times = Vec::new();
    for w in 0..100 {
        let from = today + Days::days(7 * (w % 26) - 90);
        let q = CalendarQuery { from: from.to_string(), to: (from + Days::days(6)).to_string(), venue_id: None };
        let t = Instant::now();
        std::hint::black_box(st.activities_calendar(&clerk, &q).expect("week"));
        times.push(t.elapsed());
    }
    report("week calendar (all rooms)", times, "target ≤ 20 ms");

    let mut times = Vec::new();
    for m in 0..30 {
        let from = today + Days::days(30 * (m % 10) - 150);
        let q = CalendarQuery { from: from.to_string(), to: (from + Days::days(41)).to_string(), venue_id: None };
        let t = Instant::now();
        std::hint::black_box(st.activities_calendar(&clerk, &q).expect("month"));
        times.push(t.elapsed());
    }
    report("month calendar (6 weeks)", times, "information");

    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(st.kiosk_activities().expect("kiosk list"));
        times.push(t.elapsed());
    }
    report("kiosk upcoming list", times, "information");

    let mut times = Vec::new();
    for i in 0..100 {
        let t = Instant::now();
        std::hint::black_box(st.activity_get(&clerk, 1 + (i * 37 % ACTIVITIES) as i64).expect("detail"));
        times.push(t.elapsed());
    }
    report("activity detail (40 bookings)", times, "information");
}
