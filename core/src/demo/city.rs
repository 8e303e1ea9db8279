//! City-scale data (issue 9): one station's database holding Jincheng's numbers from the seed
//! document, for the benchmarks and for a realistic UI demo. A seed number in, the same file
//! out: every value comes from `Rng`, and "today" is a fixed moment (2026-11-25 09:00 Beijing
//! time), never the wall clock.
//!
//! How the city's people map onto one station's schema:
//! - 100,000 residents → `residents` (names, phones, ID numbers, homes, tags).
//! - 50,000 in-service party members (在职党员, "双报到") → volunteers of that kind, each in one
//!   of the 634 partner units (共建单位) with their report-in date. A fifth of them live here:
//!   they are linked to a resident (who carries the 党员 tag) instead of holding their own
//!   person data, exactly as the desk links a resident who volunteers.
//! - 13,000 grid-force members → volunteers of kind 网格员, each with their grid.
//! - 1,855 community workers → volunteers of kind 社区工作者, each with a compound.
//! - 140,000 service acts → approved hour claims (offsite / self-reported), each with its
//!   ledger entry (so hours = the approved ledger), plus the credits of completed wishes.
//! - 15,000 micro-wishes → wishes with their whole recorded loop (post, publish or assign,
//!   claim, fulfil, rate / auto-complete / reopen and close, decline, merge, cancel), helpers
//!   and credits posted on completion, as `wishes/` does them.
//! - 5,000 activities in the station's rooms with 200,000 bookings (never over capacity; a
//!   waitlist only on a full activity).
//! - 2,000 items with 50,000 movements in time order: receipts (batches with expiry dates,
//!   numbered asset units), issues earliest-expiry-first, loans and returns; stock is what the
//!   ledger's trigger sums, never below zero, an asset out on loan is not on hand.
//! - 20,000 cases through the six steps at realistic moments, the recent ones still open,
//!   with the deadlines `cases::deadlines` computes (working days) and each step a transition.
//!
//! Everything goes in with prepared statements in one transaction, straight into the real
//! tables (the areas' per-operation paths cost milliseconds each: the city would take many
//! minutes), and `INVARIANTS` below states as SQL what the areas' code would have kept true;
//! the tests check every one. One audit row per area says what was loaded (per-row audit
//! lines of a generated past would be noise).

use super::{id_number, Rng, FEMALE_GIVEN, MALE_GIVEN, MOBILE_PREFIXES, SURNAMES};
use crate::actor::{Actor, StaffActor};
use crate::clock::{self, Clock};
use crate::db::{Station, Tx, MIGRATIONS};
use crate::error::{AppError, ErrorCode, Result};
use crate::inventory::ledger::ReceiveSource;
use crate::inventory::ItemKind;
use crate::names;
use crate::staff::SetupInput;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
use rusqlite::{params, OptionalExtension};
use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

/// How much of everything. `city()` is the seed's Jincheng; `small()` the same shape for the
/// UI demo and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityScale {
    pub name: &'static str,
    pub grids: usize,
    pub compounds: usize,
    pub residents: usize,
    pub party_members: usize,
    pub grid_force: usize,
    pub community_workers: usize,
    pub partner_units: usize,
    pub service_records: usize,
    pub wishes: usize,
    pub activities: usize,
    pub bookings: usize,
    pub items: usize,
    pub movements: usize,
    pub cases: usize,
}

impl CityScale {
    /// The seed document's figures for Jincheng.
    pub fn city() -> CityScale {
        CityScale {
            name: "city",
            grids: 1_199,
            compounds: 768,
            residents: 100_000,
            party_members: 50_000,
            grid_force: 13_000,
            community_workers: 1_855,
            partner_units: 634,
            service_records: 140_000,
            wishes: 15_000,
            activities: 5_000,
            bookings: 200_000,
            items: 2_000,
            movements: 50_000,
            cases: 20_000,
        }
    }

    /// About a hundredth of the city: a lively station for the UI demo, quick enough for tests.
    pub fn small() -> CityScale {
        CityScale {
            name: "small",
            grids: 12,
            compounds: 8,
            residents: 2_000,
            party_members: 500,
            grid_force: 130,
            community_workers: 19,
            partner_units: 12,
            service_records: 1_400,
            wishes: 150,
            activities: 120,
            bookings: 3_000,
            items: 40,
            movements: 600,
            cases: 200,
        }
    }

    pub fn parse(name: &str) -> Option<CityScale> {
        match name {
            "city" => Some(CityScale::city()),
            "small" => Some(CityScale::small()),
            _ => None,
        }
    }
}

/// What was generated: rows per table and how long it took.
#[derive(Debug, Clone)]
pub struct CityReport {
    pub path: std::path::PathBuf,
    pub counts: Vec<(&'static str, i64)>,
    pub seconds: f64,
    /// CPU time of the generating thread (Linux): on a shared machine the wall time is
    /// mostly waiting for a core, this is not.
    pub cpu_seconds: Option<f64>,
}

impl std::fmt::Display for CityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "已生成 {}（{:.1} 秒）", self.path.display(), self.seconds)?;
        if let Some(cpu) = self.cpu_seconds {
            writeln!(f, "  CPU 时间 {cpu:.1} 秒（机器繁忙时，墙上时间多为等待 CPU）")?;
        }
        for (table, n) in &self.counts {
            writeln!(f, "  {table:<22} {n:>9}")?;
        }
        Ok(())
    }
}

/// The tables whose row counts the report lists (and the tests check against the scale).
pub const COUNTED_TABLES: [&str; 23] = [
    "grids",
    "compounds",
    "buildings",
    "residents",
    "resident_tags",
    "partner_units",
    "volunteers",
    "hour_claims",
    "volunteer_ledger",
    "wishes",
    "wish_transitions",
    "wish_helpers",
    "venues",
    "activities",
    "bookings",
    "venue_requests",
    "inv_items",
    "inv_movements",
    "inv_loans",
    "cases",
    "case_transitions",
    "report_closings",
    "audit_log",
];

/// The generation's "today": fixed, so the same seed gives the same file on any day.
pub fn city_now() -> DateTime<Utc> {
    // 2026-11-25 09:00 in Beijing.
    Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).single().unwrap_or_default()
}

/// How far back the generated history reaches.
pub const HISTORY_DAYS: i64 = 730;

/// The demo admin's login (printed by the command line).
pub const CITY_ADMIN: (&str, &str) = ("admin", "admin1234");
/// A second staff member (same demo password): reviews unreasonable complaints.
pub const CITY_CLERK: (&str, &str) = ("lixiao", "李晓");

const BEIJING_HOURS: i64 = 8;

fn local(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc() + Duration::hours(BEIJING_HOURS)
}

fn utc_of_local(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let naive = day.and_hms_opt(hour, minute, 0).unwrap_or_default() - Duration::hours(BEIJING_HOURS);
    Utc.from_utc_datetime(&naive)
}

fn ts(at: DateTime<Utc>) -> String {
    clock::timestamp(at)
}

/// Writes a new database file at `path` with the scale's data. Refuses an existing file
/// unless `overwrite` (then the file and its -wal/-shm are replaced).
pub fn generate_city(path: &Path, seed: u64, scale: &CityScale, overwrite: bool) -> Result<CityReport> {
    let started = Instant::now();
    let cpu_started = thread_cpu();
    if path.exists() {
        if !overwrite {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("文件 {} 已存在；为保护数据不会覆盖它（确需覆盖请加 --force）", path.display()),
            ));
        }
        for suffix in ["", "-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(AppError::internal(e)),
            }
        }
    }
    let now = city_now();
    let start = now - Duration::days(HISTORY_DAYS);
    // The real schema: migrations and indexes exactly as the app makes them.
    let mut st = Station::open_with(path, MIGRATIONS, Clock::Fixed(start))?;
    // Generation only: a crash mid-way leaves a file to delete, not data to protect.
    st.conn().pragma_update(None, "synchronous", "OFF")?;
    let admin = st
        .initialize(&SetupInput {
            station_name: "凤台街道党群服务站".into(),
            community: "晋城市城区凤台街道".into(),
            address: "山西省晋城市城区凤台街道凤台东街 1 号".into(),
            admin_username: CITY_ADMIN.0.into(),
            admin_display_name: "王站长".into(),
            admin_password: CITY_ADMIN.1.into(),
            load_demo: false,
        })?
        .actor();
    let mut rng = Rng::new(seed);
    deterministic_password(&st, &mut rng)?;
    st.conn().execute(
        "INSERT INTO staff (username, display_name, password_hash, role, created_at)
         SELECT ?1, ?2, password_hash, 'staff', created_at FROM staff WHERE username = ?3",
        params![CITY_CLERK.0, CITY_CLERK.1, CITY_ADMIN.0],
    )?;
    st.set_clock(Clock::Fixed(now));
    let who = Actor::Staff(admin.clone());
    st.write(&who, |tx| {
        let places = places(tx, scale, &mut rng)?;
        let residents = residents(tx, scale, &mut rng, &places, start, now)?;
        let units = partner_units(tx, scale, &mut rng, start)?;
        let volunteers = volunteers(tx, scale, &mut rng, &places, &residents, &units, start, now)?;
        service_records(tx, scale, &mut rng, &volunteers, admin.id, start, now)?;
        activities(tx, scale, &mut rng, residents.len() as i64, start, now)?;
        wishes(tx, scale, &mut rng, &residents, &volunteers, &admin, start, now)?;
        inventory(tx, scale, &mut rng, &residents, &volunteers, start, now)?;
        cases(tx, scale, &mut rng, &residents, start, now)?;
        tx.audit(
            "demo",
            None,
            "load",
            &format!(
                "城市规模演示数据（种子 {seed}）：{} 位居民，{} 名志愿者，{} 条服务记录，{} 个微心愿，{} 场活动",
                scale.residents,
                volunteers.len(),
                scale.service_records,
                scale.wishes,
                scale.activities
            ),
        )?;
        Ok(())
    })?;
    close_months(&mut st, &admin, CLOSED_MONTHS, now)?;
    let mut counts = Vec::new();
    for table in COUNTED_TABLES {
        counts.push((table, st.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?));
    }
    // Fold the WAL into the file, so the file alone is the whole database.
    st.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    drop(st);
    let cpu_seconds = thread_cpu().zip(cpu_started).map(|(b, a)| (b - a).as_secs_f64());
    Ok(CityReport { path: path.to_path_buf(), counts, seconds: started.elapsed().as_secs_f64(), cpu_seconds })
}

/// How many months before "today"'s month are closed (关账), oldest first.
pub const CLOSED_MONTHS: u32 = 12;
/// The month closed, corrected, reopened with a reason and closed again (counted from the first
/// closed month).
pub const REOPENED_MONTH_INDEX: u32 = 6;
/// Why it was reopened (the 关账记录 dialog shows it).
pub const REOPEN_REASON: &str = "街道核对发现志愿服务时长多记，更正后重新报送";

/// Closes the last `months` months in sequence as a station does (on the 5th of the next
/// month, by the second staff member), through the report's own closing, and adds what comes
/// after: on the 10th one approved service entry of the month just closed is corrected (30
/// minutes fewer, the ledger's reversal and re-entry), so the next month's report lists it
/// under "after closing"; one month is reopened by the admin with its reason after its
/// correction and closed again. The clock is set to each moment and back to `now`.
fn close_months(st: &mut Station, admin: &StaffActor, months: u32, now: DateTime<Utc>) -> Result<()> {
    use crate::report::{CloseInput, ReopenInput};
    use crate::volunteers::ledger::LedgerCorrection;
    let clerk_id: i64 =
        st.conn().query_row("SELECT id FROM staff WHERE username = ?1", [CITY_CLERK.0], |r| r.get(0))?;
    let clerk = StaffActor { id: clerk_id, display_name: CITY_CLERK.1.to_string(), role: crate::actor::Role::Staff };
    let this_month = crate::report::month_of(local(now).date());
    let at = |day: NaiveDate, hour: u32| Clock::Fixed(utc_of_local(day, hour, 0));
    for i in 0..months {
        let first = this_month - chrono::Months::new(months - i);
        let next = first + chrono::Months::new(1);
        let month = first.format("%Y-%m").to_string();
        st.set_clock(at(next + Duration::days(4), 10));
        st.report_close(&clerk, &CloseInput { month: month.clone() })?;
        let fixed_on = next + Duration::days(9);
        if utc_of_local(fixed_on, 15, 0) > now {
            continue;
        }
        st.set_clock(at(fixed_on, 15));
        let entry: Option<(i64, i64)> = st
            .conn()
            .query_row(
                "SELECT l.id, l.minutes FROM volunteer_ledger l
                  WHERE l.service_day >= ?1 AND l.service_day < ?2 AND l.source IN ('offsite', 'self') AND l.minutes > 30
                    AND NOT EXISTS (SELECT 1 FROM volunteer_ledger r WHERE r.reverses_id = l.id)
                  ORDER BY l.id LIMIT 1",
                params![first.to_string(), next.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((entry_id, minutes)) = entry {
            let fix = LedgerCorrection {
                entry_id,
                reason: "核对签到表，服务时长多记 30 分钟".into(),
                minutes: Some(minutes - 30),
            };
            st.ledger_correct(admin, &fix)?;
        }
        if i == REOPENED_MONTH_INDEX {
            st.set_clock(at(fixed_on, 16));
            st.report_reopen(admin, &ReopenInput { month: month.clone(), reason: REOPEN_REASON.into() })?;
            st.set_clock(at(fixed_on, 17));
            st.report_close(&clerk, &CloseInput { month })?;
        }
    }
    st.set_clock(Clock::Fixed(now));
    Ok(())
}

/// CPU time this thread has run (Linux: /proc/thread-self/schedstat, nanoseconds); None elsewhere.
fn thread_cpu() -> Option<std::time::Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(std::time::Duration::from_nanos)
}

/// The admin's password hash with a salt from the seed instead of the OS's randomness, so
/// the same seed gives the same file (the password itself is the printed demo one).
fn deterministic_password(st: &Station, rng: &mut Rng) -> Result<()> {
    use argon2::password_hash::{PasswordHasher, SaltString};
    let salt_bytes: Vec<u8> = (0..2).flat_map(|_| rng.next_u64().to_le_bytes()).collect();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(AppError::internal)?;
    let hash = argon2::Argon2::default()
        .hash_password(CITY_ADMIN.1.as_bytes(), &salt)
        .map_err(AppError::internal)?
        .to_string();
    st.conn().execute("UPDATE staff SET password_hash = ?1 WHERE username = ?2", params![hash, CITY_ADMIN.0])?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Places: Jincheng's districts and streets, 1,199 grids, 768 compounds with their buildings.

const STREETS: &[&str] = &[
    "城区东街街道",
    "城区西街街道",
    "城区南街街道",
    "城区北街街道",
    "城区矿区街道",
    "城区钟家庄街道",
    "城区西上庄街道",
    "城区北石店镇",
    "泽州县南村镇",
    "泽州县巴公镇",
    "泽州县金村镇",
    "泽州县高都镇",
    "高平市东城街道",
    "高平市南城街道",
    "高平市北城街道",
    "高平市米山镇",
    "阳城县凤城镇",
    "阳城县北留镇",
    "陵川县崇文镇",
    "沁水县龙港镇",
];
const COMPOUND_PREFIXES: &[&str] = &[
    "凤台",
    "书院",
    "泽州",
    "白马",
    "景西",
    "红星",
    "文昌",
    "锦绣",
    "兰花",
    "钟家庄",
    "西上庄",
    "太行",
    "丹河",
    "凤鸣",
    "怡园",
    "金辇",
    "新市",
    "黄华",
    "迎宾",
    "建设",
    "晓庄",
    "前进",
    "颐翠",
    "华夏",
    "世纪",
    "泰欣",
    "康馨",
    "福泽",
    "秀水",
    "青莲",
    "珏山",
    "白水",
    "府城",
    "晋韵",
    "山水",
    "润城",
    "沁河",
    "析城",
    "皇城",
    "长平",
    "炎帝",
    "米山",
    "中原",
    "龙港",
    "崇文",
    "北留",
    "凤城",
    "蟒河",
];
const COMPOUND_SUFFIXES: &[&str] = &[
    "花园", "小区", "苑", "家园", "新村", "华庭", "嘉园", "公寓", "名苑", "雅居", "东区", "西区", "南区", "北区",
    "世家", "府",
];

/// Compounds with their grid and buildings; every resident lives in one of these.
struct Places {
    /// (compound id, grid id, [building ids], name)
    compounds: Vec<(i64, i64, Vec<i64>, String)>,
}

fn places(tx: &Tx, scale: &CityScale, rng: &mut Rng) -> Result<Places> {
    let mut grid = tx.prepare("INSERT INTO grids (name) VALUES (?1)")?;
    let per_street = scale.grids.div_ceil(STREETS.len()).max(1);
    let mut grid_ids = Vec::with_capacity(scale.grids);
    for g in 0..scale.grids {
        grid.execute([format!("{}第{}网格", STREETS[g / per_street % STREETS.len()], g % per_street + 1)])?;
        grid_ids.push(tx.last_insert_rowid());
    }
    let mut compound = tx.prepare("INSERT INTO compounds (grid_id, name) VALUES (?1, ?2)")?;
    let mut building = tx.prepare("INSERT INTO buildings (compound_id, name) VALUES (?1, ?2)")?;
    let mut compounds = Vec::with_capacity(scale.compounds);
    let names = COMPOUND_PREFIXES.len() * COMPOUND_SUFFIXES.len();
    for c in 0..scale.compounds {
        // Compounds spread evenly over the grids; grids left without one are 村改居 / 楼院 grids.
        let grid_id = grid_ids[c * scale.grids / scale.compounds.max(1)];
        // A stride coprime to the name count walks through every prefix × suffix once.
        let k = (c * 37) % names;
        let mut name = format!(
            "{}{}",
            COMPOUND_PREFIXES[k / COMPOUND_SUFFIXES.len()],
            COMPOUND_SUFFIXES[k % COMPOUND_SUFFIXES.len()]
        );
        if c >= names {
            name = format!("{name}{}期", c / names + 1);
        }
        compound.execute(params![grid_id, name])?;
        let compound_id = tx.last_insert_rowid();
        let mut buildings = Vec::new();
        for b in 1..=(4 + rng.below(20)) {
            building.execute(params![compound_id, format!("{b}号楼")])?;
            buildings.push(tx.last_insert_rowid());
        }
        compounds.push((compound_id, grid_id, buildings, name));
    }
    Ok(Places { compounds })
}

// ---------------------------------------------------------------------------------------
// People.

/// Given names beyond the common ones: first × second characters, by gender.
const MALE_FIRST: &[&str] = &[
    "建", "国", "志", "文", "明", "海", "永", "德", "振", "晓", "立", "俊", "宇", "浩", "子", "天", "家", "嘉", "思",
    "云",
];
const MALE_SECOND: &[&str] = &[
    "华", "强", "军", "平", "伟", "东", "林", "峰", "斌", "波", "涛", "杰", "龙", "鹏", "辉", "成", "刚", "洋", "博",
    "轩",
];
const FEMALE_FIRST: &[&str] = &[
    "秀", "桂", "玉", "丽", "美", "红", "春", "晓", "淑", "海", "慧", "雅", "欣", "佳", "雨", "梦", "思", "文", "金",
    "翠",
];
const FEMALE_SECOND: &[&str] = &[
    "英", "兰", "珍", "华", "玲", "梅", "燕", "娟", "芳", "霞", "敏", "琳", "婷", "萍", "莉", "洁", "怡", "涵", "琴",
    "凤",
];

fn person_name(rng: &mut Rng, male: bool) -> String {
    let surname = *rng.pick(SURNAMES);
    let given = if rng.chance(35) {
        rng.pick(if male { MALE_GIVEN } else { FEMALE_GIVEN }).to_string()
    } else {
        let (a, b) = if male { (MALE_FIRST, MALE_SECOND) } else { (FEMALE_FIRST, FEMALE_SECOND) };
        format!("{}{}", rng.pick(a), rng.pick(b))
    };
    format!("{surname}{given}")
}

/// A mobile number unique to `n`: the last eight digits are `n` through a bijection of
/// 0..10⁸ (a multiplier coprime to 10), so no set of used numbers is needed.
fn phone(rng: &mut Rng, n: usize) -> String {
    let digits = (n as u64).wrapping_mul(7_368_787).wrapping_add(12_345_679) % 100_000_000;
    format!("{}{digits:08}", rng.pick(MOBILE_PREFIXES))
}

/// A resident as later areas need them.
#[derive(Clone)]
struct Person {
    id: i64,
    name: String,
    phone: String,
    grid_id: i64,
    age: usize,
}

fn residents(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    places: &Places,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Person>> {
    let today = local(now).date();
    let tag_ids: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM tags ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let tag = |name: &str| tag_ids.iter().find(|(_, n)| n == name).map(|(id, _)| *id);
    let mut insert = tx.prepare(
        "INSERT INTO residents (name, name_pinyin, name_initials, gender, birth_date, birth_year, phone, id_number,
                                grid_id, compound_id, building_id, unit, room, note, consent_date, consent_by,
                                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
    )?;
    let mut tag_row = tx.prepare("INSERT INTO resident_tags (resident_id, tag_id) VALUES (?1, ?2)")?;
    let mut used_ids = HashSet::new();
    let mut people = Vec::with_capacity(scale.residents);
    let span = (now - start).num_minutes().max(1) as usize;
    for n in 0..scale.residents {
        let male = rng.chance(48);
        let name = person_name(rng, male);
        let (pinyin, initials) = names::search_keys(&name);
        let age = if rng.chance(40) { 60 + rng.below(35) } else { 3 + rng.below(57) };
        let birth = today - Duration::days((age * 365 + rng.below(365)) as i64);
        let phone = phone(rng, n);
        let id_number = if rng.chance(60) {
            let id = id_number(rng, birth, male);
            used_ids.insert(id.clone()).then_some(id)
        } else {
            None
        };
        let known_birth = id_number.is_some() || rng.chance(70);
        let (compound_id, grid_id, buildings, _) = rng.pick(&places.compounds);
        let building_id = *rng.pick(buildings);
        // Registered over the two years, in id order (the register grew as the desk was used).
        let created = start + Duration::minutes((n * span / scale.residents.max(1)) as i64);
        let consent = rng.chance(85).then(|| local(created).date().to_string());
        insert.execute(params![
            name,
            pinyin,
            initials,
            if male { "male" } else { "female" },
            known_birth.then(|| birth.to_string()),
            birth.year(),
            phone,
            id_number,
            grid_id,
            compound_id,
            building_id,
            (1 + rng.below(4)).to_string(),
            format!("{}{:02}", 1 + rng.below(18), 1 + rng.below(4)),
            rng.pick(super::NOTES).to_string(),
            consent,
            consent.as_ref().and(tx.actor.staff_id()),
            ts(created),
        ])?;
        let id = tx.last_insert_rowid();
        let mut tags = Vec::new();
        if age >= 70 && rng.chance(25) {
            tags.extend(tag("独居老人"));
        } else if age >= 60 && rng.chance(20) {
            tags.extend(tag("空巢老人"));
        }
        if rng.chance(5) {
            tags.extend(tag("残疾人"));
        }
        if rng.chance(4) {
            tags.extend(tag("低保户"));
        }
        if male && age >= 25 && rng.chance(6) {
            tags.extend(tag("退役军人"));
        }
        if age >= 20 && rng.chance(8) {
            tags.extend(tag("党员"));
        }
        if age < 16 && rng.chance(5) {
            tags.extend(tag("困境儿童"));
        }
        for t in tags {
            tag_row.execute(params![id, t])?;
        }
        people.push(Person { id, name, phone, grid_id: *grid_id, age });
    }
    Ok(people)
}

/// Partner units: agencies, companies, schools of Jincheng's city and counties.
const UNIT_OWNERS: &[&str] = &["晋城市", "城区", "泽州县", "高平市", "阳城县", "陵川县", "沁水县"];
const UNIT_NAMES: &[(&str, &str)] = &[
    ("税务局", "机关"),
    ("财政局", "机关"),
    ("人民法院", "机关"),
    ("人民检察院", "机关"),
    ("公安局", "机关"),
    ("教育局", "机关"),
    ("卫生健康委员会", "机关"),
    ("民政局", "机关"),
    ("人力资源和社会保障局", "机关"),
    ("住房和城乡建设局", "机关"),
    ("自然资源局", "机关"),
    ("生态环境局", "机关"),
    ("交通运输局", "机关"),
    ("水务局", "机关"),
    ("农业农村局", "机关"),
    ("商务局", "机关"),
    ("文化和旅游局", "机关"),
    ("应急管理局", "机关"),
    ("市场监督管理局", "机关"),
    ("审计局", "机关"),
    ("统计局", "机关"),
    ("医疗保障局", "机关"),
    ("退役军人事务局", "机关"),
    ("司法局", "机关"),
    ("信访局", "机关"),
    ("城市管理局", "机关"),
    ("气象局", "机关"),
    ("烟草专卖局", "机关"),
    ("消防救援大队", "机关"),
    ("交警大队", "机关"),
    ("人民武装部", "机关"),
    ("档案馆", "事业单位"),
    ("图书馆", "事业单位"),
    ("博物馆", "事业单位"),
    ("人民医院", "事业单位"),
    ("中医院", "事业单位"),
    ("妇幼保健院", "事业单位"),
    ("疾病预防控制中心", "事业单位"),
    ("党校", "事业单位"),
    ("融媒体中心", "事业单位"),
    ("社会福利院", "事业单位"),
    ("养老服务中心", "事业单位"),
    ("文化馆", "事业单位"),
    ("体育中心", "事业单位"),
    ("青少年活动中心", "事业单位"),
    ("园林绿化中心", "事业单位"),
    ("住房公积金管理中心", "事业单位"),
    ("不动产登记中心", "事业单位"),
    ("政务服务中心", "事业单位"),
    ("第一中学", "学校"),
    ("第二中学", "学校"),
    ("第三中学", "学校"),
    ("实验中学", "学校"),
    ("实验小学", "学校"),
    ("第一小学", "学校"),
    ("职业技术学校", "学校"),
    ("幼儿园", "学校"),
    ("特殊教育学校", "学校"),
    ("供电公司", "企业"),
    ("供水公司", "企业"),
    ("燃气公司", "企业"),
    ("热力公司", "企业"),
    ("邮政分公司", "企业"),
    ("移动分公司", "企业"),
    ("联通分公司", "企业"),
    ("电信分公司", "企业"),
    ("农商银行", "企业"),
    ("工商银行支行", "企业"),
    ("建设银行支行", "企业"),
    ("农业银行支行", "企业"),
    ("中国银行支行", "企业"),
    ("邮储银行支行", "企业"),
    ("公共交通公司", "企业"),
    ("建筑工程公司", "企业"),
    ("物业服务公司", "企业"),
    ("煤业公司", "企业"),
    ("百货大楼", "企业"),
    ("保险支公司", "企业"),
    ("广电网络公司", "企业"),
    ("律师事务所", "其他"),
    ("会计师事务所", "其他"),
    ("总工会", "社会组织"),
    ("团委", "社会组织"),
    ("妇联", "社会组织"),
    ("残联", "社会组织"),
    ("红十字会", "社会组织"),
    ("科协", "社会组织"),
    ("志愿者协会", "社会组织"),
    ("社会工作服务中心", "社会组织"),
    ("慈善总会", "社会组织"),
    ("老年大学", "学校"),
    ("义工联合会", "社会组织"),
    ("书法家协会", "社会组织"),
    ("作家协会", "社会组织"),
    ("企业家协会", "社会组织"),
];

fn partner_units(tx: &Tx, scale: &CityScale, rng: &mut Rng, start: DateTime<Utc>) -> Result<Vec<i64>> {
    let mut insert = tx.prepare(
        "INSERT INTO partner_units (name, kind, contact_name, contact_phone, paired_community, expected_members,
                                    created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?;
    let mut ids = Vec::with_capacity(scale.partner_units);
    let combos = UNIT_OWNERS.len() * UNIT_NAMES.len();
    for u in 0..scale.partner_units {
        let k = u % combos;
        let (unit, kind) = UNIT_NAMES[k / UNIT_OWNERS.len()];
        let mut name = format!("{}{unit}", UNIT_OWNERS[k % UNIT_OWNERS.len()]);
        if u >= combos {
            name = format!("{name}（{}）", u / combos + 1);
        }
        let male = rng.chance(50);
        let contact = person_name(rng, male);
        insert.execute(params![
            name,
            kind,
            contact,
            phone(rng, 5_000_000 + u),
            rng.pick(STREETS).to_string(),
            (scale.party_members / scale.partner_units.max(1)) as i64 + rng.below(20) as i64,
            ts(start + Duration::days(rng.below(60) as i64)),
        ])?;
        ids.push(tx.last_insert_rowid());
    }
    Ok(ids)
}

/// A volunteer as the hours, wishes and loans need them.
struct Volunteer {
    id: i64,
    name: String,
}

#[allow(clippy::too_many_arguments)]
fn volunteers(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    places: &Places,
    residents: &[Person],
    units: &[i64],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<Volunteer>> {
    let kind = |name: &str| -> Result<i64> {
        Ok(tx.query_row("SELECT id FROM volunteer_kinds WHERE name = ?1", [name], |r| r.get(0))?)
    };
    let (in_service, grid_worker, community_worker) = (kind("在职党员")?, kind("网格员")?, kind("社区工作者")?);
    let party_tag: i64 = tx.query_row("SELECT id FROM tags WHERE name = '党员'", [], |r| r.get(0))?;
    // Adults who may be linked, in a shuffled order so linked people are spread over the city.
    let mut adults: Vec<&Person> = residents.iter().filter(|p| (22..70).contains(&p.age)).collect();
    for i in (1..adults.len()).rev() {
        adults.swap(i, rng.below(i + 1));
    }
    let mut adults = adults.into_iter();
    let mut linked = tx.prepare(
        "INSERT INTO volunteers (resident_id, party_member, kind_id, unit_id, reported_in_on, status, created_at, updated_at)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?;
    let mut own = tx.prepare(
        "INSERT INTO volunteers (name, name_pinyin, name_initials, phone, gender, grid_id, compound_id, party_member,
                                 kind_id, unit_id, reported_in_on, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?;
    let mut tag_row = tx.prepare("INSERT OR IGNORE INTO resident_tags (resident_id, tag_id) VALUES (?1, ?2)")?;
    let total = scale.party_members + scale.grid_force + scale.community_workers;
    let span = (now - start).num_days().max(1) as usize;
    let mut out = Vec::with_capacity(total);
    for v in 0..total {
        let status = match rng.below(100) {
            0..=2 => "paused",
            3..=4 => "left",
            _ => "active",
        };
        let joined = start + Duration::days((v * span / total.max(1)) as i64) + Duration::hours(rng.below(9) as i64);
        let joined_day = local(joined).date();
        let (kind_id, unit, party) = if v < scale.party_members {
            (in_service, Some(*rng.pick(units)), true)
        } else if v < scale.party_members + scale.grid_force {
            (grid_worker, None, rng.chance(45))
        } else {
            (community_worker, None, rng.chance(60))
        };
        // 双报到: most in-service members have reported in, on a day after they joined.
        let reported = (kind_id == in_service && rng.chance(85))
            .then(|| (joined_day + Duration::days(rng.below(30) as i64)).min(local(now).date()).to_string());
        let resident = if kind_id == in_service && rng.chance(20) { adults.next() } else { None };
        let name = if let Some(person) = resident {
            linked.execute(params![person.id, kind_id, unit, reported, status, ts(joined)])?;
            tag_row.execute(params![person.id, party_tag])?;
            person.name.clone()
        } else {
            let male = rng.chance(50);
            let name = person_name(rng, male);
            let (pinyin, initials) = names::search_keys(&name);
            let (compound_id, grid_id, _, _) = rng.pick(&places.compounds);
            let (grid, compound) = if kind_id == grid_worker {
                (Some(*grid_id), None)
            } else if kind_id == community_worker {
                (Some(*grid_id), Some(*compound_id))
            } else {
                (None, None)
            };
            own.execute(params![
                name,
                pinyin,
                initials,
                phone(rng, 1_000_000 + v),
                if male { "male" } else { "female" },
                grid,
                compound,
                party,
                kind_id,
                unit,
                reported,
                status,
                ts(joined),
            ])?;
            name
        };
        out.push(Volunteer { id: tx.last_insert_rowid(), name });
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// Service records: approved claims and their ledger entries, in time order.

const SERVICE: &[(&str, &str)] = &[
    ("助老服务", "陪同老人就医"),
    ("助老服务", "上门为独居老人打扫卫生"),
    ("活动协助", "协助组织社区文艺汇演"),
    ("活动协助", "四点半课堂辅导作业"),
    ("场外服务", "小区环境整治"),
    ("场外服务", "文明交通劝导"),
    ("场外服务", "疫苗接种点秩序维护"),
    ("场外服务", "防汛巡查"),
    ("其他服务", "垃圾分类宣传"),
    ("其他服务", "反诈宣传进楼栋"),
];

fn service_records(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    volunteers: &[Volunteer],
    admin: i64,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let per_hour: std::collections::HashMap<String, i64> = tx
        .prepare("SELECT name, points_per_hour FROM service_kinds")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut claim = tx.prepare(
        "INSERT INTO hour_claims (id, volunteer_id, origin, service_day, minutes, service_kind, what, status,
                                  submitted_at, submitted_by, decided_at, decided_by, ledger_entry_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    let mut ledger = tx.prepare(
        "INSERT INTO volunteer_ledger (id, volunteer_id, service_day, minutes, points, service_kind, source, source_id,
                                       note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut reversal = tx.prepare(
        "INSERT INTO volunteer_ledger (id, volunteer_id, service_day, minutes, points, service_kind, source, note,
                                       reverses_id, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'correction', '冲销：时长登记有误', ?7, ?8, ?9)",
    )?;
    let next = |table: &str| -> Result<i64> {
        Ok(tx.query_row(&format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"), [], |r| r.get(0))?)
    };
    let (mut claim_id, mut entry_id) = (next("hour_claims")?, next("volunteer_ledger")?);
    let span = (now - start).num_minutes() - 3 * 24 * 60;
    // The last few days' claims wait for a decision (what the desk sees as pending).
    let pending = (scale.service_records / 500).max(3);
    for k in 0..scale.service_records + pending {
        let done = if k < scale.service_records {
            start + Duration::minutes(k as i64 * span / scale.service_records.max(1) as i64)
        } else {
            now - Duration::hours(2 + rng.below(70) as i64)
        };
        let volunteer = volunteers[rng.below(volunteers.len())].id;
        let (kind, what) = *rng.pick(SERVICE);
        let minutes = 30 * (1 + rng.below(8)) as i64;
        let origin = if rng.chance(70) { "offsite" } else { "self" };
        let day = local(done).date().to_string();
        let approved = k < scale.service_records;
        let decided = done + Duration::hours(4 + rng.below(40) as i64);
        if approved {
            let points = minutes * per_hour.get(kind).copied().unwrap_or(10) / 60;
            ledger.execute(params![
                entry_id,
                volunteer,
                day,
                minutes,
                points,
                kind,
                origin,
                claim_id,
                what,
                ts(decided),
                admin
            ])?;
        }
        claim.execute(params![
            claim_id,
            volunteer,
            origin,
            day,
            minutes,
            kind,
            what,
            if approved { "approved" } else { "pending" },
            ts(done),
            (origin == "offsite").then_some(admin),
            approved.then(|| ts(decided)),
            approved.then_some(admin),
            approved.then_some(entry_id),
        ])?;
        if approved {
            entry_id += 1;
            // Now and then the desk finds a wrong entry and reverses it (a correcting entry
            // with a reason; the ledger itself is never edited).
            let corrected = decided + Duration::hours(24 + rng.below(24 * 6) as i64);
            if rng.chance(2) && corrected <= now {
                reversal.execute(params![
                    entry_id,
                    volunteer,
                    day,
                    -minutes,
                    -(minutes * per_hour.get(kind).copied().unwrap_or(10) / 60),
                    kind,
                    entry_id - 1,
                    ts(corrected),
                    admin
                ])?;
                entry_id += 1;
            }
        }
        claim_id += 1;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Activities and bookings.

const VENUES: &[(&str, i64, &str)] = &[
    ("党员活动室", 40, "投影仪、音响"),
    ("多功能厅", 80, "舞台、音响、投影"),
    ("会议室", 30, "会议桌、电视"),
    ("舞蹈室", 30, "镜面墙、音响"),
    ("书画室", 25, "书画桌、笔墨"),
    ("儿童之家", 30, "绘本、益智玩具"),
    ("健身室", 20, "乒乓球台、健身器材"),
    ("阅览室", 30, "图书、电脑"),
];
const ACTIVITY_TITLES: &[(&str, &[&str])] = &[
    ("党课", &["主题党日：学习党的二十届三中全会精神", "在职党员双报到座谈会", "党史故事分享会", "党员冬训专题党课"]),
    ("文体活动", &["广场舞排练", "书法兴趣班", "太极拳晨练", "社区合唱团排练", "象棋友谊赛", "剪纸手工课"]),
    ("健康讲座", &["老年人防跌倒讲座", "高血压健康管理", "义诊：测血压血糖", "冬季养生讲座", "防范养老诈骗讲座"]),
    ("四点半课堂", &["四点半课堂：作业辅导", "四点半课堂：科学小实验", "四点半课堂：绘本阅读"]),
    ("志愿服务", &["志愿者培训", "学雷锋志愿服务日", "垃圾分类志愿宣传", "智能手机使用教学"]),
];
/// Three sessions a day in each room (local times).
const SESSIONS: [((u32, u32), (u32, u32)); 3] = [((9, 0), (10, 30)), ((14, 30), (16, 0)), ((19, 0), (20, 30))];
const FUTURE_DAYS: i64 = 30;

fn activities(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    residents: i64,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut venue = tx.prepare(
        "INSERT INTO venues (name, capacity, equipment, opens_at, closes_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, '08:00', '21:00', ?4, ?4)",
    )?;
    let mut venues = Vec::new();
    for (name, capacity, equipment) in VENUES {
        venue.execute(params![name, capacity, equipment, ts(start)])?;
        venues.push((tx.last_insert_rowid(), *capacity));
    }
    let categories: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM activity_categories ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut activity = tx.prepare(
        "INSERT INTO activities (title, category_id, organiser_staff_id, organiser_name, venue_id, starts_at, ends_at,
                                 capacity, min_age, description, status, cancel_reason, created_at, updated_at)
         VALUES (?1, ?2, ?13, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?;
    let mut booking = tx.prepare(
        "INSERT INTO bookings (activity_id, resident_id, status, channel, booked_at, cancelled_at, checked_in_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let first_day = local(start).date() + Duration::days(1);
    let today = local(now).date();
    let days = (today - first_day).num_days() + FUTURE_DAYS;
    let slots = days as usize * venues.len() * SESSIONS.len();
    let n = scale.activities.max(1);
    for k in 0..scale.activities {
        // Evenly over the slots of the two years and the coming month: no room is double-booked.
        let s = k * slots / n;
        let day = first_day + Duration::days((s / (venues.len() * SESSIONS.len())) as i64);
        let (venue_id, capacity) = venues[(s / SESSIONS.len()) % venues.len()];
        let ((h1, m1), (h2, m2)) = SESSIONS[s % SESSIONS.len()];
        let starts = utc_of_local(day, h1, m1);
        let (category_id, category) = &categories[rng.below(ACTIVITY_TITLES.len()).min(categories.len() - 1)];
        let titles = ACTIVITY_TITLES.iter().find(|(c, _)| c == category).map_or(&["社区活动"][..], |(_, t)| *t);
        let title = *rng.pick(titles);
        let past = starts <= now;
        let cancelled = rng.chance(3);
        let status = match (past, cancelled) {
            (_, true) => "cancelled",
            (true, false) => "held",
            (false, false) => "open",
        };
        let created = starts - Duration::days(7 + rng.below(14) as i64);
        activity.execute(params![
            title,
            category_id,
            "王站长",
            venue_id,
            format!("{day} {h1:02}:{m1:02}"),
            format!("{day} {h2:02}:{m2:02}"),
            capacity,
            (category == "四点半课堂").then_some(6i64),
            format!("{title}，地点：{}", VENUES[(s / SESSIONS.len()) % venues.len()].0),
            status,
            cancelled.then_some("场地临时检修"),
            ts(created.min(now)),
            tx.actor.staff_id(),
        ])?;
        let activity_id = tx.last_insert_rowid();
        // Demand around the average; the full ones get a waitlist (future) or cancellations.
        let average = scale.bookings / n;
        let extra = usize::from(k < scale.bookings % n);
        let demand = average + extra;
        let mut taken = HashSet::with_capacity(demand);
        let mut live = 0i64;
        for _ in 0..demand {
            let resident = loop {
                let r = 1 + rng.below(residents as usize) as i64;
                if taken.insert(r) {
                    break r;
                }
            };
            let booked_at = (starts - Duration::minutes(60 + rng.below(14 * 24 * 60) as i64)).max(created).min(now);
            let channel = if rng.chance(55) { "kiosk" } else { "desk" };
            let wants = !rng.chance(6);
            let (state, cancelled_at, checked_in) = if cancelled {
                ("station_cancelled", Some(ts((created.max(booked_at) + Duration::hours(1)).min(now))), None)
            } else if !wants || live >= capacity && past {
                // A person who changed their mind, or could not get a place in a full one.
                ("cancelled", Some(ts((booked_at + Duration::hours(1 + rng.below(24) as i64)).min(now))), None)
            } else if live >= capacity {
                ("waitlisted", None, None)
            } else if past {
                live += 1;
                if rng.chance(88) {
                    ("attended", None, Some(ts(starts - Duration::minutes(rng.below(15) as i64))))
                } else {
                    ("no_show", None, None)
                }
            } else {
                live += 1;
                ("booked", None, None)
            };
            booking.execute(params![activity_id, resident, state, channel, ts(booked_at), cancelled_at, checked_in])?;
        }
    }
    group_bookings(tx, scale, rng, &venues, first_day, days, now)
}

/// Residents' groups that borrow a room (团体借用), as the desk decides them.
const GROUPS: &[(&str, &str)] = &[
    ("夕阳红合唱团", "合唱排练"),
    ("凤台书画社", "书画交流"),
    ("银龄舞蹈队", "舞蹈排练"),
    ("小区业主委员会", "业委会例会"),
    ("亲子读书会", "绘本共读"),
    ("退休教师协会", "座谈交流"),
];

/// Group room bookings: one slot each at 16:15–18:00, between the activity sessions, so
/// nothing overlaps (one request per room per few days at most). Most past ones were
/// approved, some declined; a few coming ones still wait for a decision.
fn group_bookings(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    venues: &[(i64, i64)],
    first_day: NaiveDate,
    days: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut request = tx.prepare(
        "INSERT INTO venue_requests (group_name, contact_name, contact_phone, purpose, venue_id, status, decided_by,
                                     decided_at, decision_note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut slot = tx.prepare(
        "INSERT INTO venue_request_slots (request_id, venue_id, starts_at, ends_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let requests = (scale.activities / 8).max(24);
    for k in 0..requests {
        let day = first_day + Duration::days(k as i64 * days / requests as i64);
        let (venue_id, _) = venues[k % venues.len()];
        let starts = utc_of_local(day, 16, 15);
        let asked = starts - Duration::days(3 + rng.below(10) as i64);
        if asked > now {
            break;
        }
        let (group, purpose) = *rng.pick(GROUPS);
        let status = if starts > now && rng.chance(30) {
            "pending"
        } else if rng.chance(85) {
            "approved"
        } else {
            "declined"
        };
        let decided = (status != "pending").then(|| (asked + Duration::hours(2 + rng.below(40) as i64)).min(now));
        let male = rng.chance(50);
        request.execute(params![
            group,
            person_name(rng, male),
            phone(rng, 5_000_000 + k),
            purpose,
            venue_id,
            status,
            decided.and(tx.actor.staff_id()),
            decided.map(ts),
            if status == "declined" { "该时段活动室另有安排" } else { "" },
            ts(asked),
        ])?;
        let id = tx.last_insert_rowid();
        slot.execute(params![id, venue_id, format!("{day} 16:15"), format!("{day} 18:00")])?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Micro-wishes: each wish's loop step by step, every step a transition row.

const WISHES: &[(&str, &str)] = &[
    ("goods", "想要一副老花镜"),
    ("goods", "孩子需要一个新书包"),
    ("goods", "冬天需要一床厚棉被"),
    ("goods", "想要一台收音机听戏"),
    ("goods", "需要一个助行器"),
    ("service", "教我用智能手机挂号"),
    ("service", "周末有人陪我聊聊天"),
    ("service", "帮忙代买降压药"),
    ("service", "想学习视频通话"),
    ("company", "陪伴独居老人过生日"),
    ("company", "带孩子参观科技馆"),
    ("repair", "帮忙修理漏水的水龙头"),
    ("repair", "客厅的灯泡坏了"),
    ("repair", "门锁不好用需要更换"),
    ("other", "想了解养老保险怎么续缴"),
];
const FULFIL_NOTES: &[&str] = &["已送到老人家中", "已上门完成", "已教会使用", "已陪同完成", "物品已交到孩子手中"];
const COMMENTS: &[&str] = &["", "", "谢谢党员志愿者！", "非常及时，很满意", "服务很贴心", "辛苦了"];

/// A transition row about to be written.
struct Step<'a> {
    action: &'a str,
    from: Option<&'a str>,
    to: &'a str,
    at: DateTime<Utc>,
    window: &'a str,
    volunteer: Option<i64>,
    note: String,
}

#[allow(clippy::too_many_arguments)]
fn wishes(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    residents: &[Person],
    volunteers: &[Volunteer],
    admin: &StaffActor,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut insert = tx.prepare(
        "INSERT INTO wishes (code, kind, content, resident_id, requester_name, phone, grid_id, channel, state,
                             promised_date, merged_into, decline_reason, fulfil_note, fulfilled_at, satisfaction, stars,
                             rating_comment, rated_at, completed_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    let mut transition = tx.prepare(
        "INSERT INTO wish_transitions (wish_id, action, from_state, to_state, at, window, actor_staff_id, actor_name,
                                       volunteer_id, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    let mut helper = tx.prepare(
        "INSERT INTO wish_helpers (wish_id, volunteer_id, is_lead, active, joined_at, planned_minutes, planned_points,
                                   credited_minutes, credited_points, ledger_entry_id)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut credit = tx.prepare(
        "INSERT INTO volunteer_ledger (volunteer_id, service_day, minutes, points, service_kind, source, source_id,
                                       note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, '微心愿', 'wish', ?5, ?6, ?7, ?8)",
    )?;
    let per_hour: i64 =
        tx.query_row("SELECT points_per_hour FROM service_kinds WHERE name = '微心愿'", [], |r| r.get(0))?;
    let first_id: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM wishes", [], |r| r.get(0))?;
    let span = (now - start).num_minutes() - 60;
    let kiosk = Actor::Kiosk.display_name();
    let system = Actor::System.display_name();
    for k in 0..scale.wishes {
        let id = first_id + k as i64;
        let person = &residents[rng.below(residents.len())];
        let (kind, content) = *rng.pick(WISHES);
        let posted = start + Duration::minutes(k as i64 * span / scale.wishes.max(1) as i64);
        let channel = if rng.chance(40) { "kiosk" } else { "desk" };
        // What became of it, if time allows; recent wishes stop wherever "now" is.
        let outcome = rng.below(100);
        let mut steps: Vec<Step> = vec![Step {
            action: "post",
            from: None,
            to: "submitted",
            at: posted,
            window: channel,
            volunteer: None,
            note: String::new(),
        }];
        let mut at = posted;
        let mut state = "submitted";
        let later = |rng: &mut Rng, at: &mut DateTime<Utc>, max_hours: usize| -> bool {
            *at += Duration::minutes(30 + rng.below(max_hours * 60) as i64);
            *at <= now
        };
        let mut promised: Option<NaiveDate> = None;
        let mut merged_into = None;
        let mut decline = String::new();
        let mut lead = None;
        let mut second = None;
        let (mut fulfilled_at, mut rated_at, mut completed_at) = (None, None, None);
        let mut rating: Option<(&str, i64, &str)> = None;
        let mut fulfil_note = String::new();
        let mut completed_by_system = false;
        'life: {
            if outcome < 6 && later(rng, &mut at, 48) {
                decline = "不属于微心愿受理范围，已转相关部门".into();
                steps.push(step("decline", state, "declined", at, None, decline.clone()));
                state = "declined";
                break 'life;
            }
            if outcome < 9 && k > 0 && later(rng, &mut at, 24) {
                merged_into = Some(id - 1 - rng.below(k.min(20)) as i64);
                steps.push(step("merge", state, "merged", at, None, "与已有心愿重复".into()));
                state = "merged";
                break 'life;
            }
            if outcome < 12 && later(rng, &mut at, 72) {
                steps.push(step("cancel", state, "cancelled", at, None, "居民已自行解决".into()));
                state = "cancelled";
                break 'life;
            }
            let volunteer = volunteers[rng.below(volunteers.len())].id;
            if rng.chance(25) {
                if !later(rng, &mut at, 24) {
                    break 'life;
                }
                steps.push(step("assign", state, "claimed", at, Some(volunteer), String::new()));
            } else {
                if !later(rng, &mut at, 24) {
                    break 'life;
                }
                steps.push(step("publish", state, "published", at, None, String::new()));
                state = "published";
                if !later(rng, &mut at, 96) {
                    break 'life;
                }
                steps.push(step("claim", state, "claimed", at, Some(volunteer), String::new()));
            }
            state = "claimed";
            lead = Some((volunteer, at));
            promised = Some(local(at).date() + Duration::days(3 + rng.below(12) as i64));
            if rng.chance(20) {
                let other = volunteers[rng.below(volunteers.len())].id;
                if other != volunteer && later(rng, &mut at, 24) {
                    steps.push(step("join", state, "claimed", at, Some(other), String::new()));
                    second = Some((other, at));
                }
            }
            // A few helpers never get round to it: overdue on the desk.
            if outcome >= 97 || !later(rng, &mut at, 24 * 9) {
                break 'life;
            }
            fulfil_note = rng.pick(FULFIL_NOTES).to_string();
            steps.push(step("fulfil", state, "fulfilled", at, Some(volunteer), fulfil_note.clone()));
            state = "fulfilled";
            fulfilled_at = Some(at);
            let rated = rng.chance(80);
            let rate_at = at + Duration::hours(2 + rng.below(24 * 5) as i64);
            if rated && rate_at <= now {
                at = rate_at;
                let unhappy = rng.chance(3);
                let (satisfaction, stars) = if unhappy {
                    ("not_satisfied", 2)
                } else if rng.chance(85) {
                    ("satisfied", 4 + rng.below(2) as i64)
                } else {
                    ("partly", 3)
                };
                rating = Some((satisfaction, stars, *rng.pick(COMMENTS)));
                rated_at = Some(at);
                if unhappy {
                    steps.push(step("rate", state, "reopened", at, None, "不满意".into()));
                    state = "reopened";
                    if !later(rng, &mut at, 72) {
                        break 'life;
                    }
                    steps.push(step("close", state, "completed", at, None, "已再次上门处理".into()));
                } else {
                    steps.push(step("rate", state, "completed", at, None, String::new()));
                }
            } else {
                // Not rated within 7 days: the system completes it.
                at += Duration::days(7);
                if at > now {
                    break 'life;
                }
                completed_by_system = true;
                let mut s = step("auto_complete", state, "completed", at, None, String::new());
                s.window = "system";
                steps.push(s);
            }
            state = "completed";
            completed_at = Some(at);
        }
        let last = steps.last().map_or(posted, |s| s.at);
        insert.execute(params![
            format!("{:06}", (id as u64).wrapping_mul(382_417).wrapping_add(100_003) % 1_000_000),
            kind,
            content,
            person.id,
            person.name,
            person.phone,
            person.grid_id,
            channel,
            state,
            promised.map(|d| d.to_string()),
            merged_into,
            decline,
            fulfil_note,
            fulfilled_at.map(ts),
            rating.map(|r| r.0),
            rating.map(|r| r.1),
            rating.map_or("", |r| r.2),
            rated_at.map(ts),
            completed_at.map(ts),
            ts(posted),
            ts(last),
        ])?;
        for s in &steps {
            let (staff, name) = match s.window {
                "desk" => (Some(admin.id), admin.display_name.clone()),
                "kiosk" => (None, kiosk.clone()),
                _ => (None, system.clone()),
            };
            transition.execute(params![
                id,
                s.action,
                s.from,
                s.to,
                ts(s.at),
                s.window,
                staff,
                name,
                s.volunteer,
                s.note
            ])?;
        }
        // Helpers, and on completion their credit posted to the ledger (as rating.rs does).
        for (n, (volunteer, joined)) in lead.into_iter().chain(second).enumerate() {
            let minutes = 60 + 30 * rng.below(7) as i64;
            let points = minutes * per_hour / 60;
            let entry = match completed_at {
                Some(done) => {
                    let note = format!("微心愿 {}：{content}", crate::wishes::wish_number(id));
                    let by = (!completed_by_system).then_some(admin.id);
                    credit.execute(params![
                        volunteer,
                        local(done).date().to_string(),
                        minutes,
                        points,
                        id,
                        note,
                        ts(done),
                        by
                    ])?;
                    Some(tx.last_insert_rowid())
                }
                None => None,
            };
            let (cm, cp) = if entry.is_some() { (minutes, points) } else { (0, 0) };
            helper.execute(params![id, volunteer, n == 0, ts(joined), minutes, points, cm, cp, entry])?;
        }
    }
    Ok(())
}

fn step<'a>(
    action: &'a str,
    from: &'a str,
    to: &'a str,
    at: DateTime<Utc>,
    volunteer: Option<i64>,
    note: String,
) -> Step<'a> {
    Step { action, from: Some(from), to, at, window: "desk", volunteer, note }
}

// ---------------------------------------------------------------------------------------
// Inventory: receipts, issues, loans and returns in time order, straight into the ledger.

const ITEMS: &[(&str, &str, ItemKind, &str)] = &[
    ("医用口罩", "盒", ItemKind::Consumable, "卫生防疫"),
    ("一次性手套", "盒", ItemKind::Consumable, "卫生防疫"),
    ("消毒液", "瓶", ItemKind::Consumable, "卫生防疫"),
    ("A4 打印纸", "包", ItemKind::Consumable, "办公用品"),
    ("签字笔", "支", ItemKind::Consumable, "办公用品"),
    ("党员徽章", "枚", ItemKind::Consumable, "办公用品"),
    ("宣传折页", "份", ItemKind::Consumable, "办公用品"),
    ("轮椅", "台", ItemKind::Asset, "康复辅具"),
    ("助行器", "个", ItemKind::Asset, "康复辅具"),
    ("电子血压计", "台", ItemKind::Asset, "康复辅具"),
    ("折叠椅", "把", ItemKind::Asset, "文体器材"),
    ("音响", "台", ItemKind::Asset, "文体器材"),
    ("乒乓球拍", "副", ItemKind::Asset, "文体器材"),
    ("雨伞", "把", ItemKind::Asset, "工具"),
    ("电钻", "把", ItemKind::Asset, "工具"),
    ("绘本", "册", ItemKind::Asset, "图书"),
    ("瓶装水", "箱", ItemKind::Emergency, "应急物资"),
    ("方便面", "箱", ItemKind::Emergency, "应急物资"),
    ("手电筒", "个", ItemKind::Emergency, "应急物资"),
    ("应急毛毯", "条", ItemKind::Emergency, "应急物资"),
    ("急救包", "个", ItemKind::Emergency, "应急物资"),
    ("沙袋", "个", ItemKind::Emergency, "应急物资"),
];
const RECIPIENTS: &[&str] = &["社区活动", "网格员巡查", "志愿服务队", "党员活动日", "居民领用", "四点半课堂"];

fn inventory(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    residents: &[Person],
    volunteers: &[Volunteer],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    let staff = tx.actor.staff_id();
    let categories: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM inv_categories")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut item_row = tx.prepare(
        "INSERT INTO inv_items (name, category_id, unit, kind, place, min_stock, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?;
    let mut batch_row =
        tx.prepare("INSERT INTO inv_batches (item_id, label, expiry_date, received_at) VALUES (?1, ?2, ?3, ?4)")?;
    let mut asset_row = tx.prepare("INSERT INTO inv_assets (item_id, code, created_at) VALUES (?1, ?2, ?3)")?;
    // The trigger moves the on_hand sums; their CHECKs refuse a stock below zero.
    let mut movement = tx.prepare(
        "INSERT INTO inv_movements (item_id, batch_id, asset_id, kind, quantity, source, party, reason, loan_id, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut loan_row = tx.prepare(
        "INSERT INTO inv_loans (item_id, asset_id, quantity, borrower_kind, borrower_id, lent_at, due_date,
                                condition_out, purpose, staff_id)
         VALUES (?1, ?2, 1, ?7, ?3, ?4, ?5, '完好', ?8, ?6)",
    )?;
    let mut movement_reverse = tx.prepare(
        "INSERT INTO inv_movements (item_id, batch_id, kind, quantity, reason, reverses_id, at, staff_id)
         VALUES (?1, ?2, 'reverse', ?3, '重复录入，冲销', ?4, ?5, ?6)",
    )?;
    let mut loan_back = tx.prepare("UPDATE inv_loans SET returned = 1, closed_at = ?1 WHERE id = ?2")?;
    let mut loan_event = tx.prepare(
        "INSERT INTO inv_loan_events (loan_id, kind, quantity, condition, at, staff_id) VALUES (?1, 'return', 1, 'good', ?2, ?3)",
    )?;
    struct Stock {
        id: i64,
        kind: ItemKind,
        /// consumables: (batch, on hand, expiry); assets: (unit, on hand 0/1, -)
        lots: Vec<(i64, i64, Option<NaiveDate>)>,
    }
    let mut items = Vec::with_capacity(scale.items);
    for n in 0..scale.items {
        let (name, unit, kind, category) = ITEMS[n % ITEMS.len()];
        item_row.execute(params![
            format!("{name} {:04}", n / ITEMS.len() + 1),
            categories.iter().find(|(_, c)| c == category).map(|(id, _)| *id),
            unit,
            kind.as_str(),
            format!("储物间 {} 号柜", 1 + rng.below(12)),
            if kind == ItemKind::Asset { 0 } else { rng.below(20) as i64 },
            ts(start),
        ])?;
        items.push(Stock { id: tx.last_insert_rowid(), kind, lots: Vec::new() });
    }
    // (loan, item, unit, borrower name) still out, oldest first.
    let mut open: std::collections::VecDeque<(i64, usize, usize, String)> = std::collections::VecDeque::new();
    let span = (now - start).num_minutes() - 60;
    let mut written = 0usize;
    let mut asset_code = 0usize;
    while written < scale.movements {
        // Movements in time order over the two years (one an office hour apart on average).
        let at = start + Duration::minutes(written as i64 * span / scale.movements.max(1) as i64);
        let today = local(at).date();
        let i = rng.below(items.len());
        let step = rng.below(100);
        let item = &mut items[i];
        match item.kind {
            ItemKind::Asset if step < 15 || item.lots.is_empty() => {
                for _ in 0..1 + rng.below(3) {
                    asset_code += 1;
                    asset_row.execute(params![item.id, format!("ZC-{asset_code:06}"), ts(at)])?;
                    let unit = tx.last_insert_rowid();
                    let source =
                        rng.pick(&[ReceiveSource::Purchase, ReceiveSource::Donation, ReceiveSource::Street]).label();
                    movement.execute(params![
                        item.id,
                        None::<i64>,
                        unit,
                        "receive",
                        1,
                        source,
                        "",
                        "",
                        None::<i64>,
                        ts(at),
                        staff
                    ])?;
                    item.lots.push((unit, 1, None));
                    written += 1;
                }
            }
            ItemKind::Asset if step < 17 => {
                // A unit broken beyond repair is disposed of (报损).
                let Some(u) = item.lots.iter().position(|l| l.1 == 1) else { continue };
                movement.execute(params![
                    item.id,
                    None::<i64>,
                    item.lots[u].0,
                    "dispose",
                    -1,
                    "broken",
                    "",
                    "损坏无法修复",
                    None::<i64>,
                    ts(at),
                    staff
                ])?;
                item.lots[u].1 = 0;
                written += 1;
            }
            ItemKind::Asset if step < 55 => {
                let Some(u) = item.lots.iter().position(|l| l.1 == 1) else { continue };
                // Mostly residents; now and then a volunteer borrows for their service (only
                // volunteers who had joined by then: they are in joining order).
                let joined = ((at - start).num_minutes().max(0) as usize * volunteers.len() / span.max(1) as usize)
                    .clamp(1, volunteers.len());
                let (kind, borrower, name, purpose) = if rng.chance(15) {
                    let v = &volunteers[rng.below(joined)];
                    ("volunteer", v.id, v.name.clone(), "志愿服务使用")
                } else {
                    let p = &residents[rng.below(residents.len())];
                    ("resident", p.id, p.name.clone(), "居家使用")
                };
                let due = today + Duration::days(7 + rng.below(21) as i64);
                loan_row.execute(params![
                    item.id,
                    item.lots[u].0,
                    borrower,
                    ts(at),
                    due.to_string(),
                    staff,
                    kind,
                    purpose
                ])?;
                let loan = tx.last_insert_rowid();
                movement.execute(params![
                    item.id,
                    None::<i64>,
                    item.lots[u].0,
                    "lend",
                    -1,
                    "",
                    name,
                    "完好",
                    loan,
                    ts(at),
                    staff
                ])?;
                item.lots[u].1 = 0;
                open.push_back((loan, i, u, name));
                written += 1;
            }
            ItemKind::Asset => {
                // Returns: mostly the oldest loans first (some late); a few stay out, overdue.
                let Some(pos) = (0..open.len().min(6)).nth(rng.below(6)) else { continue };
                let Some((loan, owner, u, name)) = open.remove(pos) else { continue };
                let unit = items[owner].lots[u].0;
                movement.execute(params![
                    items[owner].id,
                    None::<i64>,
                    unit,
                    "return",
                    1,
                    "",
                    name,
                    "完好",
                    loan,
                    ts(at),
                    staff
                ])?;
                loan_back.execute(params![ts(at), loan])?;
                loan_event.execute(params![loan, ts(at), staff])?;
                items[owner].lots[u].1 = 1;
                written += 1;
            }
            _ if step < 30 => {
                let expiry = (item.kind == ItemKind::Emergency || rng.chance(50))
                    .then(|| today + Duration::days(60 + rng.below(700) as i64));
                let quantity = 10 + rng.below(50) as i64;
                let label = format!("{}-{:02}", today.format("%Y%m"), 1 + rng.below(20));
                batch_row.execute(params![item.id, label, expiry.map(|d| d.to_string()), ts(at)])?;
                let batch = tx.last_insert_rowid();
                let source = rng.pick(&[ReceiveSource::Purchase, ReceiveSource::Street]).label();
                movement.execute(params![
                    item.id,
                    batch,
                    None::<i64>,
                    "receive",
                    quantity,
                    source,
                    "",
                    "",
                    None::<i64>,
                    ts(at),
                    staff
                ])?;
                written += 1;
                // A receipt keyed in twice is reversed at once (冲销), leaving the batch empty.
                if rng.chance(4) {
                    let wrong = tx.last_insert_rowid();
                    movement_reverse.execute(params![
                        item.id,
                        batch,
                        -quantity,
                        wrong,
                        ts(at + Duration::minutes(10)),
                        staff
                    ])?;
                    item.lots.push((batch, 0, expiry));
                    written += 1;
                } else {
                    item.lots.push((batch, quantity, expiry));
                }
            }
            _ if step < 36 => {
                // Expired stock is disposed of (报损: 过期), the whole batch.
                let Some(b) = item.lots.iter().position(|l| l.1 > 0 && l.2.is_some_and(|e| e < today)) else {
                    continue;
                };
                let quantity = item.lots[b].1;
                movement.execute(params![
                    item.id,
                    item.lots[b].0,
                    None::<i64>,
                    "dispose",
                    -quantity,
                    "expired",
                    "",
                    "过期报损",
                    None::<i64>,
                    ts(at),
                    staff
                ])?;
                item.lots[b].1 = 0;
                written += 1;
            }
            _ => {
                // Issued earliest expiry first from usable batches, as the desk's FEFO does.
                let wanted = 1 + rng.below(6) as i64;
                let usable = |l: &(i64, i64, Option<NaiveDate>)| l.1 > 0 && l.2.is_none_or(|e| e >= today);
                let Some(b) = (0..item.lots.len())
                    .filter(|&b| usable(&item.lots[b]))
                    .min_by_key(|&b| (item.lots[b].2.is_none(), item.lots[b].2, b))
                else {
                    continue;
                };
                let quantity = wanted.min(item.lots[b].1);
                let recipient = rng.pick(RECIPIENTS).to_string();
                movement.execute(params![
                    item.id,
                    item.lots[b].0,
                    None::<i64>,
                    "issue",
                    -quantity,
                    "",
                    recipient,
                    "",
                    None::<i64>,
                    ts(at),
                    staff
                ])?;
                item.lots[b].1 -= quantity;
                written += 1;
            }
        }
    }
    tx.audit("inventory", None, "demo", &format!("演示数据：{} 种物资，{written} 条流水", scale.items))
}

// ---------------------------------------------------------------------------------------
// Cases: each case's steps at realistic moments, with the deadlines the desk computes.

const CASE_TITLES: &[(&str, &str)] = &[
    ("service", "楼道灯不亮"),
    ("service", "想办理老年卡"),
    ("service", "小区健身器材损坏"),
    ("service", "下水道堵塞"),
    ("service", "申请临时救助"),
    ("dispute", "楼上漏水邻里纠纷"),
    ("dispute", "占用车位引发争执"),
    ("dispute", "宠物扰民纠纷"),
    ("administrative", "占道经营"),
    ("administrative", "违章搭建"),
    ("administrative", "噪音扰民"),
    ("administrative", "垃圾清运不及时"),
    ("emergency", "燃气泄漏"),
    ("emergency", "居民楼外墙脱落"),
];
const HANDLERS: &[&str] = &["刘网格员", "赵调解员", "孙干事", "周主任", "李网格员", "陈社工"];

fn cases(
    tx: &Tx,
    scale: &CityScale,
    rng: &mut Rng,
    residents: &[Person],
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    use crate::cases::CaseKind;
    let staff = tx.actor.staff_id();
    let actor = tx.actor.display_name();
    let mut case_row = tx.prepare(
        "INSERT INTO cases (number, source, hotline_ticket, resident_id, contact_name, contact_phone, grid_id, place_text,
                            kind, title, urgency, level, status, dispute_stage, accept_due, resolve_due, escalations,
                            created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'reported', ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
    )?;
    let mut transition = tx.prepare(
        "INSERT INTO case_transitions (case_id, at, action, from_status, to_status, from_level, to_level, actor_kind,
                                       actor_staff_id, actor_name, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'staff', ?8, ?9, ?10)",
    )?;
    let mut feedback = tx.prepare(
        "INSERT INTO case_feedback (case_id, content, told_at, channel, by_name, at) VALUES (?1, '已告知处理结果', ?2, 'phone', ?3, ?2)",
    )?;
    let mut followup = tx.prepare(
        "INSERT INTO case_followups (case_id, method, resolution, satisfaction, by_name, at) VALUES (?1, 'call', ?2, ?3, ?4, ?5)",
    )?;
    let mut update = tx.prepare(
        "UPDATE cases SET status = ?2, accepted_at = ?3, handler_name = ?4, department_id = ?5, report_due = ?6,
                          resolved_at = ?7, result = ?8, feedback_at = ?9, followup_resolution = ?10,
                          followup_satisfaction = ?11, closed_at = ?12, archived_at = ?13, updated_at = ?14
         WHERE id = ?1",
    )?;
    let mut mark = tx.prepare(
        "UPDATE cases SET unreasonable_reason = '同一事项已办结仍反复投诉', unreasonable_by = ?2,
                          unreasonable_reviewer = ?3, unreasonable_confirmed = 1 WHERE id = ?1",
    )?;
    // The second staff member who reviews (never the proposer).
    let reviewer: i64 = tx.query_row("SELECT id FROM staff WHERE username = ?1", [CITY_CLERK.0], |r| r.get(0))?;
    let span = (now - start).num_minutes() - 60;
    let mut month = String::new();
    let mut in_month = 0;
    for n in 0..scale.cases {
        let reported = start + Duration::minutes(n as i64 * span / scale.cases.max(1) as i64);
        let this_month = local(reported).format("%Y-%m").to_string();
        if this_month != month {
            month = this_month;
            in_month = 0;
        }
        in_month += 1;
        let (kind, title) = *rng.pick(CASE_TITLES);
        let case_kind = CaseKind::parse(kind).unwrap_or(CaseKind::Service);
        let (accept_due, resolve_due) = crate::cases::deadlines::deadlines(tx, case_kind, reported)?;
        let source = *rng.pick(&["walk_in", "phone", "grid_worker", "hotline", "kiosk"]);
        let person = (source != "grid_worker").then(|| &residents[rng.below(residents.len())]);
        let level = if kind == "emergency" { "street" } else { "community" };
        case_row.execute(params![
            format!("{month}-{in_month:04}"),
            source,
            (source == "hotline").then(|| format!("12345-{}", 100_000 + n)),
            person.map(|p| p.id),
            person.map_or(String::new(), |p| p.name.clone()),
            person.map_or(String::new(), |p| p.phone.clone()),
            person.map(|p| p.grid_id),
            format!("{}号楼", 1 + rng.below(30)),
            kind,
            title,
            if kind == "emergency" || rng.chance(10) { "urgent" } else { "normal" },
            level,
            (kind == "dispute").then_some("mediation"),
            accept_due,
            resolve_due,
            i64::from(kind == "emergency"),
            staff,
            ts(reported),
        ])?;
        let id = tx.last_insert_rowid();
        let mut at = reported;
        let mut status = "reported";
        // Every step stays at the case's level; an emergency is escalated to the street at once.
        let mut record = |at: DateTime<Utc>, action: &str, from: &str, to: &str, levels: (&str, &str), note: &str| {
            transition.execute(params![id, ts(at), action, from, to, levels.0, levels.1, staff, actor, note])
        };
        let same = (level, level);
        record(at, "report", "reported", "reported", ("community", "community"), title)?;
        if kind == "emergency" {
            record(at, "escalate", "reported", "reported", ("community", "street"), "重大突发，立即直报街道")?;
        }
        let mut fields: (Option<String>, String, Option<i64>, Option<String>) = (None, String::new(), None, None);
        let (mut resolved, mut told, mut closed, mut archived) = (None, None, None, None);
        let mut outcome = (None, None);
        let accept_hours = if kind == "emergency" {
            1
        } else if rng.chance(90) {
            1 + rng.below(20) as i64
        } else {
            25 + rng.below(40) as i64
        };
        // Each step a little later; recent cases stop wherever "now" is.
        let next = |rng: &mut Rng, at: &mut DateTime<Utc>, hours: i64| {
            *at += Duration::hours(hours) + Duration::minutes(rng.below(50) as i64);
            *at <= now
        };
        // A few are never accepted (left past their limit: they count against the response
        // rate); a few are complaints a second staff member confirms as unreasonable.
        let never_accepted = n % 47 == 13 && kind != "emergency";
        let unreasonable = n % 41 == 5 && kind != "emergency";
        'steps: {
            if never_accepted || !next(rng, &mut at, accept_hours) {
                break 'steps;
            }
            record(at, "accept", status, "filed", same, "")?;
            status = "filed";
            fields.0 = Some(ts(at));
            if unreasonable && at + Duration::hours(24) <= now {
                at += Duration::hours(2);
                record(
                    at,
                    "mark_unreasonable",
                    status,
                    status,
                    same,
                    "同一事项已办结仍反复投诉（待另一名工作人员复核）",
                )?;
                at += Duration::hours(20);
                record(at, "review_unreasonable", status, status, same, "复核确认为不合理诉求，不计入承办人考核")?;
                mark.execute(params![id, staff, reviewer])?;
            }
            if !next(rng, &mut at, 1) {
                break 'steps;
            }
            let handler = HANDLERS[n % HANDLERS.len()];
            fields.1 = handler.to_string();
            if kind == "administrative" {
                fields.2 = Some(1 + (n % 6) as i64);
                fields.3 = Some((local(at).date() + Duration::days(5)).to_string());
            }
            record(at, "assign", status, "assigned", same, &format!("指派：{handler}"))?;
            status = "assigned";
            if !next(rng, &mut at, 2) {
                break 'steps;
            }
            record(at, "investigate", status, "handling", same, "")?;
            status = "handling";
            if !next(rng, &mut at, 4 + (n * 7 % (24 * 12)) as i64) {
                break 'steps;
            }
            record(at, "resolve", status, status, same, "已现场处理完毕")?;
            resolved = Some(ts(at));
            if !next(rng, &mut at, 2) {
                break 'steps;
            }
            record(at, "feedback", status, "answered", same, "电话：已告知处理结果")?;
            feedback.execute(params![id, ts(at), actor])?;
            status = "answered";
            told = Some(ts(at));
            if !next(rng, &mut at, 24) {
                break 'steps;
            }
            let resolution = *rng.pick(&["solved", "solved", "solved", "partly"]);
            let satisfaction = *rng.pick(&["satisfied", "satisfied", "satisfied", "neutral", "dissatisfied"]);
            followup.execute(params![id, resolution, satisfaction, actor, ts(at)])?;
            record(at, "followup", status, status, same, "电话回访")?;
            outcome = (Some(resolution), Some(satisfaction));
            if !next(rng, &mut at, 1) {
                break 'steps;
            }
            record(at, "close", status, "closed", same, "")?;
            status = "closed";
            closed = Some(ts(at));
            if rng.chance(60) && next(rng, &mut at, 48) {
                record(at, "archive", status, "archived", same, "")?;
                status = "archived";
                archived = Some(ts(at));
            }
        }
        let last = [&archived, &closed, &told, &resolved, &fields.0].into_iter().flatten().next().cloned();
        update.execute(params![
            id,
            status,
            fields.0,
            fields.1,
            fields.2,
            fields.3,
            resolved,
            if resolved.is_some() { "已现场处理完毕" } else { "" },
            told,
            outcome.0,
            outcome.1,
            closed,
            archived,
            last.unwrap_or_else(|| ts(reported)),
        ])?;
    }
    tx.audit("case", None, "demo", &format!("演示数据：{} 件案件", scale.cases))
}

/// The generator's own rule on top of the areas' (`crate::invariants::INVARIANTS`): nothing
/// it made lies after the day it was made for.
pub const NOTHING_AFTER_TODAY: (&str, &str) = ("nothing after today", "SELECT (SELECT COUNT(*) FROM wish_transitions WHERE at > '2026-11-25T01:00:00Z') + (SELECT COUNT(*) FROM volunteer_ledger WHERE created_at > '2026-11-25T01:00:00Z') + (SELECT COUNT(*) FROM case_transitions WHERE at > '2026-11-25T01:00:00Z') + (SELECT COUNT(*) FROM inv_movements WHERE at > '2026-11-25T01:00:00Z')");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_city_generates_valid_deterministic_data() {
        let dir = tempfile::tempdir().unwrap();
        let scale = CityScale::small();
        let a = dir.path().join("a.sqlite3");
        let report = generate_city(&a, 7, &scale, false).unwrap();
        let count = |t: &str| report.counts.iter().find(|(n, _)| *n == t).unwrap().1 as usize;
        assert_eq!(count("grids"), scale.grids);
        assert_eq!(count("compounds"), scale.compounds);
        assert_eq!(count("residents"), scale.residents);
        assert_eq!(count("partner_units"), scale.partner_units);
        assert_eq!(count("volunteers"), scale.party_members + scale.grid_force + scale.community_workers);
        assert_eq!(count("wishes"), scale.wishes);
        assert_eq!(count("activities"), scale.activities);
        assert_eq!(count("bookings"), scale.bookings);
        assert_eq!(count("inv_items"), scale.items);
        assert!(
            (scale.movements..scale.movements + 10).contains(&count("inv_movements")),
            "{}",
            count("inv_movements")
        );
        assert_eq!(count("cases"), scale.cases);
        assert!(count("wish_transitions") > 3 * scale.wishes);

        // The same seed gives the same file, byte for byte; another seed another one.
        let b = dir.path().join("b.sqlite3");
        generate_city(&b, 7, &scale, false).unwrap();
        assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "same seed, different bytes");
        let c = dir.path().join("c.sqlite3");
        generate_city(&c, 8, &scale, false).unwrap();
        assert!(std::fs::read(&a).unwrap() != std::fs::read(&c).unwrap());

        let st = Station::open(&a).unwrap();
        let ok: String = st.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
        let fk: i64 = st.conn().query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 0);
        for (rule, sql) in crate::invariants::INVARIANTS.iter().chain([&NOTHING_AFTER_TODAY]) {
            let broken: i64 = st.conn().query_row(sql, [], |r| r.get(0)).unwrap();
            assert_eq!(broken, 0, "{rule}");
        }
        let approved: i64 = st
            .conn()
            .query_row("SELECT COUNT(*) FROM hour_claims WHERE status = 'approved'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(approved as usize, scale.service_records);
        // The loop's outcomes all show up (open ones too: an overdue claim).
        for state in ["claimed", "completed", "declined", "merged", "cancelled"] {
            let n: i64 =
                st.conn().query_row("SELECT COUNT(*) FROM wishes WHERE state = ?1", [state], |r| r.get(0)).unwrap();
            assert!(n > 0, "no wish {state}");
        }
        // The desk's own screens read it (the admin logs in with the demo password).
        let mut st = st;
        let admin = st
            .login(&crate::staff::LoginInput { username: CITY_ADMIN.0.into(), password: CITY_ADMIN.1.into() })
            .unwrap()
            .actor();
        let page = st
            .residents_search(&admin, &crate::residents::ResidentQuery { text: "wang".into(), ..Default::default() })
            .unwrap();
        assert!(page.total > 0);
        drop(st);

        // An existing file is refused unless asked to overwrite.
        assert!(generate_city(&c, 9, &scale, false).is_err());
        generate_city(&c, 7, &scale, true).unwrap();
        assert!(std::fs::read(&b).unwrap() == std::fs::read(&c).unwrap());
    }
}

#[cfg(test)]
mod home_tests {
    use super::*;

    /// The desk home's four register figures come from one pass (core/src/home.rs): they must
    /// equal the plain counts, on data with archived residents and residents without consent.
    #[test]
    fn home_summary_counts_match_plain_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small.sqlite3");
        generate_city(&path, 3, &CityScale::small(), false).unwrap();
        let st = Station::open(&path).unwrap();
        st.conn().execute("UPDATE residents SET archived_at = '2026-11-20T02:00:00Z' WHERE id % 50 = 0", []).unwrap();
        let admin = st.command_line_admin().unwrap();
        let mut st = st;
        st.set_clock(Clock::Fixed(city_now()));
        let home = st.home_summary(&admin).unwrap();
        let count = |sql: &str| -> u32 { st.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(home.residents_active, count("SELECT COUNT(*) FROM residents WHERE archived_at IS NULL"));
        assert_eq!(home.residents_archived, count("SELECT COUNT(*) FROM residents WHERE archived_at IS NOT NULL"));
        assert_eq!(home.residents_archived, 40);
        assert_eq!(
            home.residents_new_this_month,
            count("SELECT COUNT(*) FROM residents WHERE created_at >= '2026-10-31T16:00:00Z'")
        );
        assert!(home.residents_new_this_month > 0);
        assert_eq!(
            home.residents_without_consent,
            count("SELECT COUNT(*) FROM residents WHERE archived_at IS NULL AND consent_date IS NULL")
        );
    }
}
