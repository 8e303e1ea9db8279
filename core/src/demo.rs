//! A realistic demo station, the same every time for the same seed: grids, compounds,
//! buildings and residents with real-looking names, phones, ID numbers and tags.
//! Used by the first-run screen, `station-desk demo`, and the benchmarks.

use crate::actor::{Actor, StaffActor};
use crate::clock::Clock;
use crate::db::{Station, Tx};
use crate::error::Result;
use crate::residents::{self, Gender, ResidentInput};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use rusqlite::params;

pub mod city;
pub use city::{generate_city, CityReport, CityScale};

/// A small deterministic generator (xorshift64*): no dependency, same output everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Runs `f` with the station's clock stopped at `at` — never later than the station's now —
/// and then puts the station's own clock back. The demo's history (a wish claimed last week,
/// a loan lent a fortnight ago) is made by the normal calls at the moment it happened, so
/// every timestamp, deadline and timeline is what real use would have left.
pub(crate) fn at_time<T>(st: &mut Station, at: DateTime<Utc>, f: impl FnOnce(&mut Station) -> Result<T>) -> Result<T> {
    let clock = st.clock();
    st.set_clock(Clock::Fixed(at.min(clock.now())));
    let out = f(st);
    st.set_clock(clock);
    out
}

/// `day` at `hour:minute` station time, as UTC.
pub(crate) fn local_moment(tz: Tz, day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    let naive = day.and_hms_opt(hour, minute, 0).unwrap_or_default();
    tz.from_local_datetime(&naive).earliest().map(|t| t.to_utc()).unwrap_or_else(|| naive.and_utc())
}

// Common surnames of Shanxi, roughly by frequency (repeats weight them).
const SURNAMES: &[&str] = &[
    "王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "陈", "陈", "杨", "杨", "赵", "赵", "郭", "郭",
    "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "林", "何", "高", "梁", "郑", "罗", "宋", "谢", "韩", "唐", "冯",
    "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁",
    "魏", "薛", "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭",
    "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟",
    "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文", "申", "牛", "单",
    "欧阳", "司马",
];
const MALE_GIVEN: &[&str] = &[
    "建国", "建军", "国强", "志强", "卫东", "文明", "德福", "富贵", "振华", "永红", "海涛", "晓东", "立新", "小军",
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "浩然", "宇航", "子轩", "梓豪",
    "俊杰", "文博", "天佑", "志远", "国庆", "保国", "铁柱", "有才", "长顺",
];
const FEMALE_GIVEN: &[&str] = &[
    "秀英", "桂英", "秀兰", "玉兰", "桂兰", "凤英", "淑珍", "丽华", "秀珍", "翠花", "美玲", "红梅", "春梅", "小红",
    "丽", "敏", "静", "燕", "艳", "娟", "霞", "芳", "娜", "婷", "雪", "欣怡", "梓涵", "诗涵", "雨萱", "佳怡", "子涵",
    "淑芬", "玉珍", "金凤", "爱华", "素梅", "晓燕", "丽娟", "海燕", "慧敏",
];
const GRIDS: &[&str] = &["第一网格", "第二网格", "第三网格", "第四网格", "第五网格", "第六网格"];
const COMPOUNDS: &[&str] = &[
    "阳光花园",
    "凤台小区",
    "书院街小区",
    "泽州苑",
    "白马寺家园",
    "景西花园",
    "红星小区",
    "文昌东街小区",
    "锦绣华庭",
    "兰花苑",
    "钟家庄新村",
    "西上庄小区",
];
const MOBILE_PREFIXES: &[&str] = &[
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157",
    "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198",
    "199",
];
// Jincheng's district codes, for ID numbers.
const AREA_CODES: &[&str] = &["140502", "140521", "140522", "140524", "140525", "140581"];
const NOTES: &[&str] = &[
    "",
    "",
    "",
    "",
    "子女在外地工作，每周电话联系",
    "行动不便，需上门服务",
    "热心社区事务，愿意参加志愿服务",
    "有高血压，定期测量血压",
    "家中有老人需要照护",
    "曾反映楼道照明问题",
];

pub struct DemoScale {
    pub grids: usize,
    pub compounds_per_grid: usize,
    pub buildings_per_compound: usize,
    pub residents: usize,
}

impl DemoScale {
    /// About 200 residents: what a newcomer sees on first run.
    pub fn station() -> DemoScale {
        DemoScale { grids: 3, compounds_per_grid: 2, buildings_per_compound: 6, residents: 200 }
    }

    pub fn residents(n: usize) -> DemoScale {
        DemoScale { grids: 6, compounds_per_grid: 2, buildings_per_compound: 20, residents: n }
    }
}

fn id_number(rng: &mut Rng, birth: NaiveDate, male: bool) -> String {
    let seq = rng.below(50) * 2 + usize::from(male) + 100 * (1 + rng.below(8));
    let first17 = format!("{}{}{:03}", rng.pick(AREA_CODES), birth.format("%Y%m%d"), seq % 1000);
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    format!("{first17}{check}")
}

/// Every area of a station at work, after `populate`'s residents, all dated around the
/// station's today: volunteers with hours, partner units and today's duty; rooms, today's and
/// this week's activities with bookings and room requests; the inventory with overdue loans
/// and stock below its minimum; cases over the last 60 days, some past or near their limit;
/// micro-wishes in every state with photos and ratings; the party organisation with members,
/// meetings and dues; and last month's summary closed. Used by the first-run screen, the
/// settings page and `station-desk demo --areas`.
///
/// Loading it again adds nothing twice: an area that already holds data is left as it is
/// (the summary line says so). Returns a summary line.
pub fn populate_areas(st: &mut Station, actor: &StaffActor, seed: u64) -> Result<String> {
    let mut rng = Rng::new(seed ^ 0x5EED_A12E);
    let mut done: Vec<String> = Vec::new();
    let mut kept: Vec<&str> = Vec::new();
    let has = |st: &Station, table: &str| -> Result<bool> {
        Ok(st.conn().query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| r.get(0))?)
    };
    if has(st, "volunteers")? {
        kept.push("志愿者");
    } else {
        let volunteers = crate::volunteers::populate_volunteers(st, actor, &mut rng, 60, 400)?;
        let shifts = crate::volunteers::demo::populate_duty(st, actor)?;
        done.push(format!("志愿者 {volunteers} 位、班次 {shifts} 个"));
    }
    if has(st, "venues")? {
        kept.push("活动");
    } else {
        let activities = crate::activities::populate_activities(st, actor, &mut rng)?;
        done.push(format!("活动 {activities} 场"));
    }
    if has(st, "inv_items")? {
        kept.push("物资");
    } else {
        // the overdue loans first: they began weeks ago, before the rest of the history
        crate::inventory::demo::populate_overdue(st, actor, &mut rng)?;
        let movements = crate::inventory::demo::populate_inventory(st, actor, &mut rng, 40, 300)?;
        done.push(format!("物资流水 {movements} 条"));
    }
    if has(st, "cases")? {
        kept.push("接诉即办");
    } else {
        // the cases generator walks the clock through the 60 days; the station's own comes back
        let clock = st.clock();
        let from = st.now() - Duration::days(60);
        let cases = crate::cases::populate_cases(st, actor, &mut rng, 40, from, 60);
        st.set_clock(clock);
        let cases = cases?.cases + crate::cases::populate_deadlines(st, actor)?;
        done.push(format!("案件 {cases} 件"));
    }
    if has(st, "wishes")? {
        kept.push("微心愿");
    } else {
        let wishes = crate::wishes::demo::populate_wishes(st, actor, &mut rng)?;
        done.push(format!("微心愿 {wishes} 个"));
    }
    if has(st, "party_orgs")? {
        kept.push("党组织");
    } else {
        let members = crate::party::demo::populate_party(st, actor, &mut rng)?;
        done.push(format!("党员 {members} 名"));
    }
    // Last month is closed, as a station does in the first days of a month.
    let last_month =
        crate::party::add_months(st.today().with_day(1).unwrap_or(st.today()), -1).format("%Y-%m").to_string();
    let closed: bool = st.conn().query_row(
        "SELECT EXISTS (SELECT 1 FROM report_closings WHERE month = ?1 AND reopened_at IS NULL)",
        [&last_month],
        |r| r.get(0),
    )?;
    if closed {
        kept.push("月度关账");
    } else {
        st.report_close(actor, &crate::report::closing::CloseInput { month: last_month.clone() })?;
        done.push(format!("{last_month} 已关账"));
    }
    let mut line =
        if done.is_empty() { "各业务已有数据，未添加演示内容".to_string() } else { done.join("，") };
    if !kept.is_empty() && !done.is_empty() {
        line.push_str(&format!("（{} 已有数据，未重复载入）", kept.join("、")));
    }
    Ok(line)
}

/// Fills places and residents in one transaction. Returns the number of residents added.
pub fn populate(station: &mut Station, actor: &StaffActor, scale: &DemoScale, seed: u64) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let today = station.today();
    station.write(&Actor::Staff(actor.clone()), |tx| {
        let buildings = places(tx, scale)?;
        let tag_ids: Vec<(i64, String)> = tx
            .prepare("SELECT id, name FROM tags ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let tag = |name: &str| tag_ids.iter().find(|(_, n)| n == name).map(|(id, _)| *id);
        let mut used_ids = std::collections::HashSet::new();
        let mut used_phones = std::collections::HashSet::new();
        for _ in 0..scale.residents {
            let male = rng.chance(48);
            let surname = *rng.pick(SURNAMES);
            let given = *rng.pick(if male { MALE_GIVEN } else { FEMALE_GIVEN });
            // Stations serve many elderly people: skew ages upward.
            let age_years = if rng.chance(45) { 60 + rng.below(35) } else { 3 + rng.below(57) };
            let birth = today - Duration::days((age_years * 365 + rng.below(365)) as i64);
            let phone = loop {
                let p = format!("{}{:08}", rng.pick(MOBILE_PREFIXES), rng.next_u64() % 100_000_000);
                if used_phones.insert(p.clone()) {
                    break p;
                }
            };
            let id_number = if rng.chance(60) {
                // Loading demo data twice must not trip over an ID number already registered.
                let id = id_number(&mut rng, birth, male);
                let registered: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM residents WHERE id_number = ?1)", [&id], |r| r.get(0))?;
                (!registered && used_ids.insert(id.clone())).then_some(id)
            } else {
                None
            };
            let mut tags = Vec::new();
            if age_years >= 70 && rng.chance(25) {
                tags.extend(tag("独居老人"));
            } else if age_years >= 60 && rng.chance(20) {
                tags.extend(tag("空巢老人"));
            }
            if rng.chance(5) {
                tags.extend(tag("残疾人"));
            }
            if rng.chance(4) {
                tags.extend(tag("低保户"));
            }
            if male && age_years >= 25 && rng.chance(6) {
                tags.extend(tag("退役军人"));
            }
            if age_years >= 20 && rng.chance(12) {
                tags.extend(tag("党员"));
            }
            if age_years < 16 && rng.chance(5) {
                tags.extend(tag("困境儿童"));
            }
            let (compound_id, building_id) = *rng.pick(&buildings);
            let floor = 1 + rng.below(18);
            let input = ResidentInput {
                name: format!("{surname}{given}"),
                gender: Some(if male { Gender::Male } else { Gender::Female }),
                birth_date: if id_number.is_some() || rng.chance(70) { Some(birth.to_string()) } else { None },
                age: Some(age_years as u32),
                phone,
                id_number,
                grid_id: None,
                compound_id: Some(compound_id),
                building_id: Some(building_id),
                unit: (1 + rng.below(4)).to_string(),
                room: format!("{floor}{:02}", 1 + rng.below(4)),
                tag_ids: tags,
                note: rng.pick(NOTES).to_string(),
                consent_date: rng.chance(85).then(|| (today - Duration::days(rng.below(700) as i64)).to_string()),
                confirm_duplicate: true,
                // the demo's people agreed to their tags on the station's paper form
                sensitive_consent: true,
            };
            residents::save_resident(tx, None, &input)?;
        }
        tx.audit("demo", None, "load", &format!("演示数据：{} 位居民", scale.residents))?;
        Ok(scale.residents)
    })
}

/// Grids, compounds and buildings (reusing ones that exist). Returns (compound, building) ids.
fn places(tx: &Tx, scale: &DemoScale) -> Result<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    let mut compound_names = COMPOUNDS.iter().cycle();
    for g in 0..scale.grids {
        let grid_name = GRIDS.get(g).map(|s| s.to_string()).unwrap_or_else(|| format!("第{}网格", g + 1));
        tx.execute("INSERT OR IGNORE INTO grids (name) VALUES (?1)", [&grid_name])?;
        let grid_id: i64 = tx.query_row("SELECT id FROM grids WHERE name = ?1", [&grid_name], |r| r.get(0))?;
        for _ in 0..scale.compounds_per_grid {
            let name = compound_names.next().copied().unwrap_or("小区");
            tx.execute("INSERT OR IGNORE INTO compounds (grid_id, name) VALUES (?1, ?2)", params![grid_id, name])?;
            let compound_id: i64 = tx.query_row(
                "SELECT id FROM compounds WHERE grid_id = ?1 AND name = ?2",
                params![grid_id, name],
                |r| r.get(0),
            )?;
            for b in 1..=scale.buildings_per_compound {
                let bname = format!("{b}号楼");
                tx.execute(
                    "INSERT OR IGNORE INTO buildings (compound_id, name) VALUES (?1, ?2)",
                    params![compound_id, bname],
                )?;
                let building_id: i64 = tx.query_row(
                    "SELECT id FROM buildings WHERE compound_id = ?1 AND name = ?2",
                    params![compound_id, bname],
                    |r| r.get(0),
                )?;
                out.push((compound_id, building_id));
            }
        }
    }
    Ok(out)
}

/// Whether a birth date is plausible for the generator's output (used by tests).
pub fn is_plausible_birth(date: NaiveDate, today: NaiveDate) -> bool {
    date <= today && today.year() - date.year() <= 100
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::residents::ResidentQuery;
    use crate::testing::station_with_admin;
    use chrono::TimeZone;

    /// A demo station in a temporary folder (the wish photos live beside the database) on a
    /// clock stopped at `at`, with residents and every area loaded.
    fn full_demo(at: DateTime<Utc>, seed: u64) -> (tempfile::TempDir, Station, StaffActor) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(crate::db::DB_FILE_NAME);
        let mut st = Station::open_with(&path, crate::db::MIGRATIONS, Clock::Fixed(at)).unwrap();
        let (admin, _) = crate::testing::add_admin_and_clerk(&mut st);
        populate(&mut st, &admin, &DemoScale::station(), seed).unwrap();
        populate_areas(&mut st, &admin, seed).unwrap();
        (dir, st, admin)
    }

    fn count(st: &Station, sql: &str, day: &str) -> i64 {
        let n = sql.matches("?1").count();
        let mut stmt = st.conn().prepare(sql).unwrap();
        if n == 0 {
            stmt.query_row([], |r| r.get(0)).unwrap()
        } else {
            stmt.query_row([day], |r| r.get(0)).unwrap()
        }
    }

    /// What every screen needs, checked on the station as the demo leaves it.
    fn assert_every_area_alive(st: &mut Station, admin: &StaffActor) {
        let today = st.today();
        let day = today.to_string();
        let week_end = (today + Duration::days(7)).to_string();
        // 微心愿: every state, a photo on the wall, ratings
        let states: Vec<String> = st
            .conn()
            .prepare("SELECT DISTINCT state FROM wishes ORDER BY state")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for state in crate::wishes::WishState::ALL {
            assert!(states.iter().any(|s| s == state.as_str()), "{day}: no wish is {}", state.label());
        }
        assert!(count(st, "SELECT COUNT(*) FROM wishes WHERE stars IS NOT NULL", &day) >= 1, "{day}: a rated wish");
        let wall = st.wishes_kiosk_wall().unwrap();
        let pictured: Vec<i64> = wall.items.iter().filter(|w| w.has_photo).map(|w| w.id).collect();
        assert!(!pictured.is_empty(), "{day}: a photo on the wish wall");
        let url = st.wish_kiosk_photo(pictured[0]).unwrap().expect("the wall photo's file");
        assert!(url.starts_with("data:image/jpeg;base64,"));
        let overdue = st.wishes_overdue(admin).unwrap();
        assert!(!overdue.is_empty(), "{day}: an overdue wish for 督单");
        // 活动: today and later this week, booked; a room request
        assert!(
            count(st, "SELECT COUNT(*) FROM activities WHERE substr(starts_at, 1, 10) = ?1", &day) >= 1,
            "{day}: an activity today"
        );
        assert!(
            count(
                st,
                &format!("SELECT COUNT(*) FROM activities WHERE substr(starts_at, 1, 10) > ?1 AND substr(starts_at, 1, 10) <= '{week_end}'"),
                &day
            ) >= 1,
            "{day}: an activity later this week"
        );
        assert!(
            count(
                st,
                "SELECT COUNT(*) FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE substr(a.starts_at, 1, 10) = ?1",
                &day
            ) >= 1,
            "{day}: bookings for today"
        );
        assert!(count(st, "SELECT COUNT(*) FROM venue_requests", &day) >= 2, "{day}: room requests");
        assert!(!st.kiosk_activities().unwrap().is_empty(), "{day}: the kiosk lists activities");
        // 志愿者: duty today, hours from duty
        let range = crate::volunteers::shifts::DateRange { from: day.clone(), to: day.clone() };
        let roster = st.shifts_roster(admin, &range).unwrap();
        assert!(roster.iter().any(|s| !s.people.is_empty()), "{day}: volunteers on duty today");
        assert!(
            count(st, "SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger WHERE source = 'shift'", &day) > 0,
            "{day}: hours from duty shifts"
        );
        // 物资: overdue loans, stock below its minimum
        assert!(
            count(st, "SELECT COUNT(*) FROM inv_loans WHERE closed_at IS NULL AND due_date < ?1", &day) >= 1,
            "{day}: an overdue loan"
        );
        assert!(count(st, "SELECT COUNT(*) FROM inv_items WHERE on_hand < min_stock", &day) >= 1, "{day}: low stock");
        // 接诉即办: past and near the limit
        let home = st.cases_home(admin).unwrap();
        assert!(!home.overdue.is_empty(), "{day}: a case past its limit");
        assert!(!home.near.is_empty(), "{day}: a case near its limit");
        // 月度汇总: last month closed
        let last_month = crate::party::add_months(today.with_day(1).unwrap(), -1).format("%Y-%m").to_string();
        assert!(
            count(st, "SELECT COUNT(*) FROM report_closings WHERE month = ?1 AND reopened_at IS NULL", &last_month)
                == 1,
            "{day}: {last_month} closed"
        );
        // 党建: members, meetings, dues
        let page = st
            .party_members(admin, &crate::party::MemberQuery { page: 1, page_size: 100, ..Default::default() })
            .unwrap();
        assert!(page.total >= 20, "{day}: party members on the ledger");
        assert!(count(st, "SELECT COUNT(*) FROM party_meetings WHERE state = 'approved'", &day) >= 1);
        assert!(count(st, "SELECT COUNT(*) FROM party_dues_payments", &day) >= 1);
        assert_eq!(crate::invariants::broken(st.conn()), Vec::<String>::new(), "{day}: invariants");
    }

    /// 2026-12-01 09:30 (a Tuesday, a month's first morning) and 2026-12-31 20:00 (the year's
    /// last evening, every shift of the day over) in Shanghai.
    #[test]
    fn the_demo_fills_every_area_on_any_day() {
        for at in [
            Utc.with_ymd_and_hms(2026, 12, 1, 1, 30, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 12, 31, 12, 0, 0).unwrap(),
        ] {
            let (_dir, mut st, admin) = full_demo(at, 2026);
            assert_eq!(st.now(), at, "the demo gives the station its clock back");
            assert_every_area_alive(&mut st, &admin);
            // Loading it again adds nothing twice and still leaves every area as it was.
            let wishes = count(&st, "SELECT COUNT(*) FROM wishes", "");
            let line = populate_areas(&mut st, &admin, 2026).unwrap();
            assert!(line.contains("已有数据"), "{line}");
            assert_eq!(count(&st, "SELECT COUNT(*) FROM wishes", ""), wishes);
            assert_every_area_alive(&mut st, &admin);
        }
    }

    #[test]
    fn the_demo_of_every_area_is_the_same_for_the_same_seed() {
        let at = Utc.with_ymd_and_hms(2026, 11, 25, 1, 30, 0).unwrap();
        let (_a, a, _) = full_demo(at, 7);
        let (_b, b, _) = full_demo(at, 7);
        let rows = |st: &Station, sql: &str| -> Vec<String> {
            st.conn()
                .prepare(sql)
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        for sql in [
            "SELECT content || state || COALESCE(stars, '') || COALESCE(photo, '') FROM wishes ORDER BY id",
            "SELECT title || starts_at FROM activities ORDER BY id",
            "SELECT CAST(resident_id AS TEXT) || activity_id || status FROM bookings ORDER BY id",
            "SELECT name || phone FROM party_members ORDER BY id",
            "SELECT number || status FROM cases ORDER BY id",
            "SELECT CAST(volunteer_id AS TEXT) || shift_id FROM shift_assignments ORDER BY id",
        ] {
            assert_eq!(rows(&a, sql), rows(&b, sql), "{sql}");
        }
    }

    #[test]
    fn demo_data_can_be_loaded_twice_with_the_same_seed() {
        let (mut st, admin, _) = station_with_admin();
        populate(&mut st, &admin, &DemoScale::station(), 7).unwrap();
        populate(&mut st, &admin, &DemoScale::station(), 7).unwrap();
        let n: i64 = st.conn().query_row("SELECT COUNT(*) FROM residents", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 400);
    }

    #[test]
    fn demo_is_deterministic_and_valid() {
        let (mut a, admin_a, _) = station_with_admin();
        let (mut b, admin_b, _) = station_with_admin();
        assert_eq!(populate(&mut a, &admin_a, &DemoScale::station(), 7).unwrap(), 200);
        populate(&mut b, &admin_b, &DemoScale::station(), 7).unwrap();
        let names = |st: &Station| -> Vec<String> {
            st.conn()
                .prepare("SELECT name || phone FROM residents ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert_eq!(names(&a), names(&b));
        let page = a.residents_search(&admin_a, &ResidentQuery { page_size: 200, ..Default::default() }).unwrap();
        assert_eq!(page.total, 200);
        assert!(page.items.iter().all(|r| r.phone_masked.contains("****") && !r.address.is_empty()));
        let today = a.today();
        let births: Vec<String> = a
            .conn()
            .prepare("SELECT birth_date FROM residents WHERE birth_date IS NOT NULL")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(births.iter().all(|d| is_plausible_birth(NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap(), today)));
    }
}
