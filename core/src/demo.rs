//! A realistic demo station, the same every time for the same seed: grids, compounds,
//! buildings and residents with real-looking names, phones, ID numbers and tags.
//! Used by the first-run screen, `station-desk demo`, and the benchmarks.

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::Result;
use crate::residents::{self, Gender, ResidentInput};
use chrono::{Datelike, Duration, NaiveDate};
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

/// Fills places and residents in one transaction. Returns the number of residents added.
/// Every area of a station at work, after `populate`'s residents: volunteers with hours and
/// partner units, rooms and activities with bookings, the inventory with loans, and cases
/// over the last 60 days (the demo and the screenshots). Returns a summary line.
pub fn populate_areas(st: &mut Station, actor: &StaffActor, seed: u64) -> Result<String> {
    let mut rng = Rng::new(seed ^ 0x5EED_A12E);
    let volunteers = crate::volunteers::populate_volunteers(st, actor, &mut rng, 60, 400)?;
    let activities = crate::activities::populate_activities(st, actor, &mut rng)?;
    let movements = crate::inventory::demo::populate_inventory(st, actor, &mut rng, 40, 300)?;
    // the cases generator walks the clock through the 60 days; the station's own comes back
    let clock = st.clock();
    let from = st.now() - Duration::days(60);
    let cases = crate::cases::populate_cases(st, actor, &mut rng, 40, from, 60);
    st.set_clock(clock);
    let cases = cases?;
    Ok(format!("志愿者 {volunteers} 位，活动 {activities} 场，物资流水 {movements} 条，案件 {} 件", cases.cases))
}

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
