//! The desk's core figures on the city-scale file (issue 9): search-as-you-type, a kiosk
//! booking, the desk's home page; where one SQL statement (or one fixed set of them) is the
//! core of a figure, the same SQL through the `sqlite3` shell for the ratio.
//!
//! `STATION_BENCH_DB=FILE cargo bench -p station-core --bench city` (without it, a city file
//! for seed 2026 is generated once into target/ and reused). Besides the readable lines, every
//! figure is printed as one tab-separated line for scripts/bench.sh:
//! `RESULT <figure> <value> <unit> <target> <sqlite3 shell value or -> <ratio or ->`.

use station_core::activities::{KioskBookInput, KioskPinInput};
use station_core::clock::Clock;
use station_core::demo::city::city_now;
use station_core::demo::{generate_city, CityScale};
use station_core::residents::ResidentQuery;
use station_core::volunteers::shifts::DateRange;
use station_core::Station;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The kiosk PIN given to the residents the booking figures use.
const BENCH_PIN: &str = "2580";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted.get(((sorted.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or_default()
}

/// CPU time this thread has run (Linux: /proc/thread-self/schedstat): on a machine shared
/// with other builds the wall time is partly waiting for a core; this is not.
fn cpu_now() -> Option<Duration> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One figure: the readable line and the machine-readable RESULT line.
fn result(figure: &str, value_ms: f64, target: &str, shell_ms: Option<f64>) {
    let shell = shell_ms.map_or("-".to_string(), |s| format!("{s:.3}"));
    let ratio = shell_ms.filter(|s| *s > 0.0).map_or("-".to_string(), |s| format!("{:.2}", value_ms / s));
    println!("{figure:<52} {value_ms:>10.3} ms   target {target:<8} sqlite3 shell {shell:>9} ms   ratio {ratio}");
    println!("RESULT\t{figure}\t{value_ms:.3}\tms\t{target}\t{shell}\t{ratio}");
}

/// Mean time of `sql` (one or more statements) in the sqlite3 shell: the script runs it
/// `runs` times in one process, minus the same process running a trivial statement as
/// often (process start, parsing the script), divided by `runs`. None without the shell.
fn shell_ms(db: &Path, sql: &str, runs: usize) -> Option<f64> {
    let run = |body: &str| -> Option<Duration> {
        let script = format!(".output /dev/null\n{}", body.repeat(runs));
        let path = std::env::temp_dir().join(format!("city-bench-{}.sql", std::process::id()));
        std::fs::write(&path, script).ok()?;
        let t = Instant::now();
        let out =
            Command::new("sqlite3").arg("-readonly").arg(db).arg(format!(".read {}", path.display())).output().ok()?;
        let elapsed = t.elapsed();
        let _ = std::fs::remove_file(&path);
        out.status.success().then_some(elapsed)
    };
    // The median of three tries of each, so one hiccup of a shared machine does not decide.
    let median = |body: &str| -> Option<Duration> {
        let mut v: Vec<Duration> = (0..3).map(|_| run(body)).collect::<Option<_>>()?;
        v.sort();
        Some(v[1])
    };
    let work = median(&format!("{sql};\n"))?;
    let idle = median("SELECT 1;\n")?;
    Some(ms(work.saturating_sub(idle)) / runs as f64)
}

fn city_file() -> PathBuf {
    if let Some(p) = std::env::var_os("STATION_BENCH_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    let path = target.join("city-2026.sqlite3");
    if !path.exists() {
        println!("generating the city file {} (seed 2026) …", path.display());
        let report = generate_city(&path, 2026, &CityScale::city(), false).expect("generate the city file");
        print!("{report}");
    }
    path
}

fn main() {
    let path = city_file();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "city file: {} ({:.0} MB); load average {}",
        path.display(),
        file_mb(&path),
        load.split(' ').next().unwrap_or("?")
    );
    // The booking figure writes: it runs on a copy, taken before anything opens the file.
    let scratch = tempfile::tempdir().expect("tempdir");
    let copy = scratch.path().join("booking.sqlite3");
    std::fs::copy(&path, &copy).expect("copy the city file");

    let mut st = Station::open(&path).expect("open the city file");
    // The desk as it stood on the file's "today" (its panels show that day's activities and
    // deadlines), not the wall clock's.
    st.set_clock(Clock::Fixed(city_now()));
    let admin = st.command_line_admin().expect("admin");

    search(&mut st, &admin, &path);
    home(&mut st, &admin, &path);
    drop(st);
    booking(&copy);
}

fn file_mb(path: &Path) -> f64 {
    std::fs::metadata(path).map_or(0.0, |m| m.len() as f64 / 1e6)
}

/// What a front desk types, one keystroke at a time, into the residents search the desk
/// uses (page of 20): a name, its pinyin initials, its full pinyin, a phone's start and end.
fn search(st: &mut Station, admin: &station_core::StaffActor, path: &Path) {
    let t = Instant::now();
    st.residents_search(admin, &ResidentQuery::default()).expect("first search");
    result("search: index load (first search after start)", ms(t.elapsed()), "-", None);

    let people: Vec<(String, String, String, String)> = st
        .conn()
        .prepare(
            "SELECT name, name_pinyin, name_initials, phone FROM residents WHERE id % 3331 = 7 ORDER BY id LIMIT 30",
        )
        .expect("sample")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("sample")
        .collect::<Result<_, _>>()
        .expect("sample");
    let prefixes = |s: &str, max: usize| -> Vec<String> {
        s.char_indices().map(|(i, c)| s[..i + c.len_utf8()].to_string()).take(max).collect()
    };
    let mut typed = Vec::new();
    for (name, pinyin, initials, phone) in &people {
        typed.extend(prefixes(name, 4));
        typed.extend(prefixes(initials, 4));
        typed.extend(prefixes(pinyin, 10));
        typed.extend(prefixes(&phone[..7], 7));
        typed.extend(prefixes(&phone[7..], 4));
    }
    let (mut times, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        for text in &typed {
            let q = ResidentQuery { text: text.clone(), page_size: 20, ..Default::default() };
            let (t, c) = (Instant::now(), cpu_now());
            std::hint::black_box(st.residents_search(admin, &q).expect("search"));
            times.push(t.elapsed());
            cpu.extend(cpu_now().zip(c).map(|(b, a)| b.saturating_sub(a)));
        }
    }
    times.sort();
    cpu.sort();
    println!("search: {} keystrokes over {} residents' names, pinyin and phones", times.len(), people.len());
    // The same search done the plain way: a LIKE scan of the register in the shell.
    let like = "SELECT id, name, phone FROM residents WHERE archived_at IS NULL AND (name LIKE '%王建%' OR name_pinyin LIKE 'wangj%' \
                OR name_initials LIKE 'wangj%' OR phone LIKE '%wangj%') ORDER BY name_pinyin, id LIMIT 20";
    let shell = shell_ms(path, like, 50);
    result("search-as-you-type p50", ms(percentile(&times, 0.5)), "-", shell);
    result("search-as-you-type p95", ms(percentile(&times, 0.95)), "<=10", shell);
    result("search-as-you-type p95, CPU time", ms(percentile(&cpu, 0.95)), "<=10", None);
}

/// The desk's home page as it loads: the residents' figures and every area's panel.
fn home(st: &mut Station, admin: &station_core::StaffActor, path: &Path) {
    let today = st.today().to_string();
    let mut parts: Vec<(&str, Vec<Duration>)> =
        ["home_summary", "cases_home", "inventory_home", "activities_today", "volunteers panel", "wishes_overdue"]
            .into_iter()
            .map(|p| (p, Vec::new()))
            .collect();
    let mut totals = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let lap = |i: usize, parts: &mut Vec<(&str, Vec<Duration>)>, t: Instant| parts[i].1.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(st.home_summary(admin).expect("home"));
        lap(0, &mut parts, t);
        let t = Instant::now();
        std::hint::black_box(st.cases_home(admin).expect("cases"));
        lap(1, &mut parts, t);
        let t = Instant::now();
        std::hint::black_box(st.inventory_home(admin).expect("inventory"));
        lap(2, &mut parts, t);
        let t = Instant::now();
        std::hint::black_box(st.activities_today(admin).expect("activities"));
        lap(3, &mut parts, t);
        let t = Instant::now();
        let d = st.volunteers_today(admin);
        std::hint::black_box(st.shifts_roster(admin, &DateRange { from: d.clone(), to: d }).expect("roster"));
        std::hint::black_box(st.hour_claims_pending(admin).expect("claims"));
        lap(4, &mut parts, t);
        let t = Instant::now();
        std::hint::black_box(st.wishes_overdue(admin).expect("wishes"));
        lap(5, &mut parts, t);
        totals.push(start.elapsed());
    }
    for (part, times) in &mut parts {
        times.sort();
        let shell =
            (*part == "home_summary").then(|| home_summary_sql(&today)).and_then(|sql| shell_ms(path, &sql, 20));
        result(&format!("desk home: {part} p50"), ms(percentile(times, 0.5)), "-", shell);
    }
    totals.sort();
    result("desk home page (all panels) p50", ms(percentile(&totals, 0.5)), "-", None);
    result("desk home page (all panels) p95", ms(percentile(&totals, 0.95)), "-", None);
}

/// The statements `home_summary` runs (core/src/home.rs), for the shell.
fn home_summary_sql(today: &str) -> String {
    let month_start = format!("{}-01T00:00:00+08:00", &today[..7]);
    format!(
        "SELECT COUNT(*) FILTER (WHERE archived_at IS NULL), COUNT(*) FILTER (WHERE archived_at IS NOT NULL),
                COUNT(*) FILTER (WHERE created_at >= strftime('%Y-%m-%dT%H:%M:%SZ', '{month_start}')),
                COUNT(*) FILTER (WHERE archived_at IS NULL AND consent_date IS NULL)
         FROM residents;
         SELECT t.id, t.name, COUNT(r.id) FROM tags t JOIN resident_tags rt ON rt.tag_id = t.id
           JOIN residents r ON r.id = rt.resident_id AND r.archived_at IS NULL GROUP BY t.id ORDER BY COUNT(r.id) DESC, t.id;
         SELECT id, at, actor_name, entity, entity_id, action, detail FROM audit_log WHERE entity <> 'database' ORDER BY id DESC LIMIT 8"
    )
}

/// A kiosk booking (phone + PIN check, rules, capacity, insert, commit with fsync) and the desk's
/// cancellation that may promote from the waitlist, on a copy of the city file.
fn booking(copy: &Path) {
    let mut st = Station::open(copy).expect("open the copy");
    st.set_clock(Clock::Fixed(city_now()));
    let admin = st.command_line_admin().expect("admin");
    let pin_hash = station_core::activities::kiosk::hash_pin(BENCH_PIN).expect("pin");
    st.conn().execute("UPDATE residents SET kiosk_pin_hash = ?1 WHERE id % 37 = 1", [&pin_hash]).expect("pins");
    let phones: Vec<String> = st
        .conn()
        .prepare("SELECT phone FROM residents WHERE id % 37 = 1 ORDER BY id")
        .expect("phones")
        .query_map([], |r| r.get(0))
        .expect("phones")
        .collect::<Result<_, _>>()
        .expect("phones");
    let open: Vec<i64> = st
        .conn()
        .prepare("SELECT id FROM activities WHERE status = 'open' ORDER BY starts_at")
        .expect("open activities")
        .query_map([], |r| r.get(0))
        .expect("open activities")
        .collect::<Result<_, _>>()
        .expect("open activities");
    let (mut book, mut book_cpu, mut cancel) = (Vec::new(), Vec::new(), Vec::new());
    let mut outcomes = std::collections::BTreeMap::new();
    for (i, phone) in phones.iter().take(600).enumerate() {
        let input = KioskBookInput {
            phone: phone.clone(),
            pin: BENCH_PIN.into(),
            activity_id: open[(i * 7) % open.len()],
            join_waitlist: true,
        };
        let (t, c) = (Instant::now(), cpu_now());
        let r = st.kiosk_book(&input);
        book.push(t.elapsed());
        book_cpu.extend(cpu_now().zip(c).map(|(b, a)| b.saturating_sub(a)));
        *outcomes
            .entry(r.as_ref().map_or_else(|e| format!("{:?}", e.code), |b| format!("{:?}", b.status)))
            .or_insert(0) += 1;
        if r.is_ok() && i % 2 == 0 {
            let mine = st.kiosk_bookings(&KioskPinInput { phone: phone.clone(), pin: BENCH_PIN.into() }).expect("mine");
            if let Some(b) = mine.items.iter().find(|b| b.can_cancel) {
                let t = Instant::now();
                st.booking_cancel(&admin, b.booking_id).expect("cancel");
                cancel.push(t.elapsed());
            }
        }
    }
    book.sort();
    book_cpu.sort();
    cancel.sort();
    println!("booking outcomes: {outcomes:?}");
    result("booking (kiosk, synchronous=FULL) p50", ms(percentile(&book, 0.5)), "-", None);
    result("booking (kiosk, synchronous=FULL) p99", ms(percentile(&book, 0.99)), "<=5", None);
    result("booking p99, CPU time (the rest is the disk and waiting)", ms(percentile(&book_cpu, 0.99)), "<=5", None);
    // The same with the WAL's automatic checkpoint off: a checkpoint (every ~1,000 pages of
    // WAL) copies pages back into the 185 MB file and syncs it inside the booking that
    // triggered it — what the p99 is made of if this one comes out near the p50.
    st.conn().pragma_update(None, "wal_autocheckpoint", 0).expect("pragma");
    let mut no_checkpoint = Vec::new();
    for (i, phone) in phones.iter().skip(1200).take(600).enumerate() {
        let input = KioskBookInput {
            phone: phone.clone(),
            pin: BENCH_PIN.into(),
            activity_id: open[(i * 13) % open.len()],
            join_waitlist: true,
        };
        let t = Instant::now();
        let _ = std::hint::black_box(st.kiosk_book(&input));
        no_checkpoint.push(t.elapsed());
    }
    no_checkpoint.sort();
    result("booking p99, FULL, automatic checkpoint off", ms(percentile(&no_checkpoint, 0.99)), "-", None);
    st.conn().pragma_update(None, "wal_autocheckpoint", 1000).expect("pragma");
    // The same bookings without the fsync per commit: what the disk costs.
    st.conn().pragma_update(None, "synchronous", "NORMAL").expect("pragma");
    let mut normal = Vec::new();
    for (i, phone) in phones.iter().skip(1800).take(600).enumerate() {
        let input = KioskBookInput {
            phone: phone.clone(),
            pin: BENCH_PIN.into(),
            activity_id: open[(i * 11) % open.len()],
            join_waitlist: true,
        };
        let t = Instant::now();
        let _ = std::hint::black_box(st.kiosk_book(&input));
        normal.push(t.elapsed());
    }
    normal.sort();
    result("booking p99 with synchronous=NORMAL (no fsync)", ms(percentile(&normal, 0.99)), "-", None);
    result("cancel at the desk (+ waitlist promotion) p99", ms(percentile(&cancel, 0.99)), "-", None);
}
