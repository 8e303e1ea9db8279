//! 党务 at city scale: 50,000 party members in 1,199 branches (two 党小组 each), two years of
//! 三会一课 (支委会 and 主题党日 monthly, 支部党员大会 and 党课 quarterly, with attendance) and
//! two years of monthly dues. `cargo bench -p station-core --bench party` prints the figures
//! against the targets: the ledger page with filters p95 ≤ 20 ms, a branch's quarter
//! compliance ≤ 20 ms, the city month's dues sheet ≤ 100 ms.
//! The world is written with plain SQL in one transaction (the API would take minutes);
//! what is measured is the app's own commands.

mod common;

use chrono::{Datelike, NaiveDate};
use common::{measure, report};
use rusqlite::params;
use station_core::clock::Clock;
use station_core::db::MIGRATIONS;
use station_core::party::{ComplianceInput, DuesSheetInput, MemberCategory, MemberFlag, MemberQuery};
use station_core::{testing, Station};
use std::time::Instant;

const BRANCHES: i64 = 1_199;
const MEMBERS: i64 = 50_000;
const MONTHS: i64 = 24;

fn month_start(months_back: i64) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(2026, 11, 1).expect("date");
    let total = first.year() as i64 * 12 + first.month0() as i64 - months_back;
    NaiveDate::from_ymd_opt((total / 12) as i32, (total % 12) as u32 + 1, 1).expect("month")
}

fn populate(st: &Station) -> rusqlite::Result<()> {
    let c = st.conn();
    c.execute_batch("PRAGMA synchronous = OFF; BEGIN")?;
    let now = "2026-11-25T02:00:00Z";
    c.execute(
        "INSERT INTO party_orgs (parent_id, level, kind, name, founded_on, created_at) VALUES (NULL, 'committee', 'community', '金城区党委', '2000-07-01', ?1)",
        [now],
    )?;
    let committee = c.last_insert_rowid();
    let mut org = c.prepare(
        "INSERT INTO party_orgs (parent_id, level, kind, name, founded_on, created_at) VALUES (?1, ?2, ?3, ?4, '2010-07-01', ?5)",
    )?;
    let mut branches = Vec::new();
    for b in 0..BRANCHES {
        org.execute(params![committee, "branch", "grid", format!("第{b:04}网格党支部"), now])?;
        let branch = c.last_insert_rowid();
        let mut groups = Vec::new();
        for g in 1..=2 {
            org.execute(params![branch, "group", "group", format!("第{b:04}网格第{g}党小组"), now])?;
            groups.push(c.last_insert_rowid());
        }
        branches.push((branch, groups));
    }
    let mut member = c.prepare(
        "INSERT INTO party_members (name, gender, birth_date, phone, joined_on, confirmed_on, retired, dues_kind, dues_base_fen,
                                    category, status, mobile, org_id, group_id, registered_on, last_seen_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'active', ?11, ?12, ?13, '2024-11-01', '2026-11-10', ?14, ?14)",
    )?;
    let mut event = c.prepare(
        "INSERT INTO party_member_events (member_id, kind, on_date, org_id, group_id, category, recorded_at, recorded_by)
         VALUES (?1, 'registered', '2024-11-01', ?2, ?3, ?4, ?5, '基准')",
    )?;
    let surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
    let mut by_branch: Vec<Vec<i64>> = vec![Vec::new(); branches.len()];
    for m in 0..MEMBERS {
        let b = (m % BRANCHES) as usize;
        let (branch, groups) = &branches[b];
        let group = groups[(m / BRANCHES % 2) as usize];
        let probationary = m % 40 == 0;
        let retired = m % 3 == 0;
        let category = if probationary { "probationary" } else { "full" };
        let birth = 1940 + m % 60;
        member.execute(params![
            format!("{}党员{m}", surnames[(m % 10) as usize]),
            if m % 2 == 0 { "male" } else { "female" },
            format!("{birth}-03-15"),
            format!("139{m:08}"),
            if probationary { "2026-03-01".to_string() } else { format!("{}-07-01", birth + 25) },
            if probationary { None } else { Some(format!("{}-07-01", birth + 26)) },
            retired,
            if retired { "retired" } else { "in_service" },
            200_000 + (m % 80) * 10_000,
            category,
            if m % 97 == 0 { "out" } else { "none" },
            branch,
            group,
            now
        ])?;
        let id = c.last_insert_rowid();
        event.execute(params![id, branch, group, category, now])?;
        by_branch[b].push(id);
    }
    let mut meeting = c.prepare(
        "INSERT INTO party_meetings (org_id, kind, held_on, starts_at, place, host, recorder, topic, state, submitted_at, approved_at, approved_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, '09:00', '党群服务站会议室', '书记', '组织委员', '学习', 'approved', ?4, ?4, '基准', ?4, ?4)",
    )?;
    let mut attend = c.prepare(
        "INSERT INTO party_meeting_attendance (meeting_id, member_id, present, reason) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut pay = c.prepare(
        "INSERT INTO party_dues_payments (member_id, month, amount_fen, method, collector, receipt_no, paid_on, recorded_at)
         VALUES (?1, ?2, ?3, 'cash', '组织委员', '', ?4, ?5)",
    )?;
    for back in 0..MONTHS {
        let first = month_start(back);
        let month = first.format("%Y-%m").to_string();
        let held = first.with_day(10).expect("day").to_string();
        for (b, (branch, _)) in branches.iter().enumerate() {
            let people = &by_branch[b];
            let mut kinds = vec!["committee_meeting", "theme_day"];
            if first.month() % 3 == 1 {
                kinds.extend(["general_meeting", "lecture"]);
            }
            for kind in kinds {
                meeting.execute(params![branch, kind, held, now])?;
                let id = c.last_insert_rowid();
                let due: &[i64] = if kind == "committee_meeting" { &people[..people.len().min(5)] } else { people };
                for (i, p) in due.iter().enumerate() {
                    let present = (i as i64 + back) % 7 != 0;
                    attend.execute(params![id, p, present, if present { "" } else { "请假" }])?;
                }
            }
            for (i, p) in people.iter().enumerate() {
                // one member in 25 is behind on the newest months
                if back < 3 && i % 25 == 0 {
                    continue;
                }
                pay.execute(params![p, month, 2_000 + (i % 50) as i64 * 100, held, now])?;
            }
        }
    }
    drop((org, member, event, meeting, attend, pay));
    c.execute_batch("COMMIT; PRAGMA synchronous = FULL; ANALYZE")?;
    Ok(())
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let clock = Clock::Fixed("2026-11-25T02:00:00Z".parse().expect("now"));
    let mut st = Station::open_with(&dir.path().join("bench.sqlite3"), MIGRATIONS, clock).expect("open");
    let (admin, _) = testing::add_admin_and_clerk(&mut st);
    let t = Instant::now();
    populate(&st).expect("populate");
    let count = |sql: &str| -> i64 { st.conn().query_row(sql, [], |r| r.get(0)).expect("count") };
    println!(
        "generated {} members in {} branches, {} meetings ({} attendance lines), {} dues payments in {:.1} s",
        count("SELECT COUNT(*) FROM party_members"),
        count("SELECT COUNT(*) FROM party_orgs WHERE level = 'branch'"),
        count("SELECT COUNT(*) FROM party_meetings"),
        count("SELECT COUNT(*) FROM party_meeting_attendance"),
        count("SELECT COUNT(*) FROM party_dues_payments"),
        t.elapsed().as_secs_f64()
    );

    let base = MemberQuery { page: 1, page_size: 50, ..Default::default() };
    let queries: Vec<(&str, MemberQuery)> = vec![
        ("ledger: everyone, page 1", base.clone()),
        ("ledger: everyone, page 500", MemberQuery { page: 500, ..base.clone() }),
        ("ledger: one branch", MemberQuery { org_id: Some(600), ..base.clone() }),
        ("ledger: 预备党员", MemberQuery { category: Some(MemberCategory::Probationary), ..base.clone() }),
        ("ledger: 离退休 in one branch", MemberQuery { org_id: Some(900), retired: Some(true), ..base.clone() }),
        ("ledger: name search 王党员12", MemberQuery { text: "王党员12".into(), ..base.clone() }),
        ("ledger: 失联", MemberQuery { flag: Some(MemberFlag::LostContact), ..base.clone() }),
        ("ledger: as of 2025-06-30", MemberQuery { as_of: Some("2025-06-30".into()), ..base.clone() }),
    ];
    for (what, q) in &queries {
        let times = measure(30, || {
            st.party_members(&admin, q).expect("ledger");
        });
        report(what, &times, 20.0);
    }
    let branch: i64 = st
        .conn()
        .query_row("SELECT id FROM party_orgs WHERE level = 'branch' LIMIT 1 OFFSET 600", [], |r| r.get(0))
        .expect("branch");
    let quarter = ComplianceInput { org_id: Some(branch), period: "2026-Q3".into() };
    report(
        "compliance: a branch's quarter",
        &measure(30, || drop(st.party_compliance(&admin, &quarter).expect("compliance"))),
        20.0,
    );
    let city_month = DuesSheetInput { month: "2026-10".into(), org_id: None };
    report(
        "dues: the city month, every branch",
        &measure(15, || drop(st.party_dues_sheet(&admin, &city_month).expect("dues"))),
        100.0,
    );
    let one = DuesSheetInput { month: "2026-10".into(), org_id: Some(branch) };
    report(
        "dues: one branch's month sheet",
        &measure(30, || drop(st.party_dues_sheet(&admin, &one).expect("dues"))),
        20.0,
    );
}
