//! Demo and benchmark data for the volunteers area: partner units, volunteers and their
//! service records, the same every time for the same generator. Bulk rows go in with plain
//! INSERTs in one transaction (one audit row says what was loaded): at Jincheng's scale
//! (50,000 volunteers, 140,000 records) the per-row path would take minutes.

use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::demo::Rng;
use crate::error::Result;
use crate::names;
use chrono::{Duration, NaiveDate};
use rusqlite::params;

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "牛", "申", "晋", "卫", "常", "贾", "程", "秦",
    "原",
];
const GIVEN: [&str; 24] = [
    "建国", "秀英", "志强", "丽娟", "文斌", "海燕", "国庆", "红梅", "晓东", "玉兰", "俊杰", "桂英", "明", "静", "伟",
    "芳", "军", "敏", "磊", "娜", "鹏", "霞", "涛", "洁",
];
const UNITS: [(&str, &str); 8] = [
    ("市税务局", "机关"),
    ("区人民法院", "机关"),
    ("晋城银行", "企业"),
    ("市第一人民医院", "事业单位"),
    ("晋城一中", "学校"),
    ("市供电公司", "企业"),
    ("区教育局", "机关"),
    ("市图书馆", "事业单位"),
];
const SERVICE_KINDS: [&str; 5] = ["值班服务", "活动协助", "助老服务", "微心愿", "场外服务"];

/// Adds `volunteers` volunteers (a fifth of them in-service party members of eight partner
/// units) and `records` approved ledger entries spread over the year before today.
/// Returns how many volunteers were added.
pub fn populate_volunteers(
    station: &mut Station,
    actor: &StaffActor,
    rng: &mut Rng,
    volunteers: usize,
    records: usize,
) -> Result<usize> {
    let today = station.today();
    station.write(&Actor::Staff(actor.clone()), |tx| {
        let mut unit_ids = Vec::new();
        for (name, kind) in UNITS {
            tx.execute(
                "INSERT INTO partner_units (name, kind, expected_members, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4) ON CONFLICT (name) DO NOTHING",
                params![name, kind, (volunteers / 40).max(1) as i64, tx.now_str()],
            )?;
            unit_ids
                .push(tx.query_row("SELECT id FROM partner_units WHERE name = ?1", [name], |r| r.get::<_, i64>(0))?);
        }
        let kinds: Vec<(i64, String)> = tx
            .prepare("SELECT id, name FROM volunteer_kinds ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let first_id: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM volunteers", [], |r| r.get(0))?;
        let mut insert = tx.prepare(
            "INSERT INTO volunteers (name, name_pinyin, name_initials, phone, gender, party_member, kind_id, unit_id,
                                     reported_in_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?;
        for i in 0..volunteers {
            let name = format!("{}{}", rng.pick(&SURNAMES), rng.pick(&GIVEN));
            let (pinyin, initials) = names::search_keys(&name);
            // One phone per volunteer: 15x + a running number keeps them unique.
            let phone = format!("15{}{:08}", 1 + (i / 100_000_000) % 9, (first_id as usize + i) % 100_000_000);
            let in_service = rng.chance(20);
            let (kind_id, _) = if in_service { &kinds[0] } else { &kinds[1 + rng.below(kinds.len() - 1)] };
            let unit = in_service.then(|| *rng.pick(&unit_ids));
            let reported =
                (in_service && rng.chance(70)).then(|| (today - Duration::days(rng.below(300) as i64)).to_string());
            insert.execute(params![
                name,
                pinyin,
                initials,
                phone,
                if rng.chance(50) { "male" } else { "female" },
                in_service || rng.chance(30),
                kind_id,
                unit,
                reported,
                tx.now_str()
            ])?;
        }
        // Hours enter the ledger the way the desk puts them there: an approved claim and its
        // entry, pointing at each other (the ledger's rules in `crate::invariants`).
        let mut claim = tx.prepare(
            "INSERT INTO hour_claims (volunteer_id, origin, service_day, minutes, service_kind, what, status,
                                      submitted_at, submitted_by, decided_at, decided_by)
             VALUES (?1, 'offsite', ?2, ?3, ?4, ?5, 'approved', ?6, ?7, ?6, ?7)",
        )?;
        let mut credit = tx.prepare(
            "INSERT INTO volunteer_ledger (volunteer_id, service_day, minutes, points, service_kind, source, source_id,
                                           note, created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, 'offsite', ?6, ?7, ?8, ?9)",
        )?;
        let mut link = tx.prepare("UPDATE hour_claims SET ledger_entry_id = ?1 WHERE id = ?2")?;
        let year_start =
            NaiveDate::from_ymd_opt(today.format("%Y").to_string().parse().unwrap_or(2026), 1, 1).unwrap_or(today);
        let span = (today - year_start).num_days().max(1) as usize;
        let staff = tx.actor.staff_id();
        for _ in 0..records {
            let volunteer = first_id + rng.below(volunteers.max(1)) as i64;
            let day = year_start + Duration::days(rng.below(span + 1) as i64);
            let minutes = 30 * (1 + rng.below(8)) as i64;
            let kind = *rng.pick(&SERVICE_KINDS);
            claim.execute(params![volunteer, day.to_string(), minutes, kind, kind, tx.now_str(), staff])?;
            let claim_id = tx.last_insert_rowid();
            credit.execute(params![
                volunteer,
                day.to_string(),
                minutes,
                minutes / 6,
                kind,
                claim_id,
                "演示数据",
                tx.now_str(),
                staff
            ])?;
            link.execute(params![tx.last_insert_rowid(), claim_id])?;
        }
        tx.audit("volunteer", None, "demo", &format!("演示数据：{volunteers} 名志愿者，{records} 条服务记录"))?;
        Ok(volunteers)
    })
}

/// (position, service kind, weekdays 1 = Monday, start, end, places) of a demo shift template.
type DemoTemplate = (&'static str, &'static str, Vec<u8>, &'static str, &'static str, u32);

/// The kiosk PIN the demo gives the volunteers on today's duty, so a newcomer can sign in
/// at the kiosk as one of them (printed by `station-desk demo`).
pub const DEMO_PIN: &str = "1357";

/// The duty roster (排班) around today: two positions, weekly templates, shifts from a week
/// ago to two weeks ahead with the roster's first volunteers on them (the later ones with
/// places still open), last week's shifts signed in and out (their hours in the ledger, one
/// forgotten sign-out waiting for review) and today's begun shifts signed in. Each step is
/// the desk's own call at the moment it happened. Returns how many shifts were made.
pub fn populate_duty(station: &mut Station, actor: &StaffActor) -> Result<usize> {
    use super::attendance::AttendanceInput;
    use super::shifts::{AssignInput, DateRange, DutyPosition, ShiftTemplate};
    use crate::demo::{at_time, local_moment};
    let volunteers: Vec<i64> = station
        .conn()
        .prepare("SELECT id FROM volunteers WHERE status = 'active' ORDER BY id LIMIT 12")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if volunteers.len() < 4 {
        return Ok(0);
    }
    let now = station.now();
    let today = station.today();
    let tz = station.tz();
    // The roster was drawn up a week and a day ago.
    let planned = now - Duration::days(8);
    let plan: [DemoTemplate; 3] = [
        ("前台值班", "值班服务", (1..=7).collect(), "09:00", "12:00", 2),
        ("前台值班", "值班服务", (1..=7).collect(), "14:00", "17:00", 2),
        ("助老服务", "助老服务", vec![2, 4, 6], "09:30", "11:30", 1),
    ];
    let shifts = at_time(station, planned, |st| {
        for (position, service_kind, weekdays, start, end, slots) in plan {
            let existing = st.duty_positions()?.into_iter().find(|p| p.name == position);
            let position_id = match existing {
                Some(p) => p.id,
                None => {
                    let input = DutyPosition {
                        id: None,
                        name: position.into(),
                        service_kind: service_kind.into(),
                        retired: false,
                    };
                    st.duty_position_save(actor, &input)?.into_iter().find(|p| p.name == position).and_then(|p| p.id)
                }
            };
            let Some(position_id) = position_id else { continue };
            let template = ShiftTemplate {
                id: None,
                position_id,
                position: String::new(),
                weekdays,
                start: start.into(),
                end: end.into(),
                slots,
                retired: false,
            };
            st.shift_template_save(actor, &template)?;
        }
        let range =
            DateRange { from: (today - Duration::days(7)).to_string(), to: (today + Duration::days(13)).to_string() };
        st.shifts_generate(actor, &range)?;
        let shifts = st.shifts_roster(actor, &range)?;
        // Rotating through the volunteers in time order: two shifts at the same time never
        // get the same person (at most three places at once, twelve people).
        let mut next = 0;
        for shift in &shifts {
            let day = NaiveDate::parse_from_str(&shift.day, "%Y-%m-%d").unwrap_or(today);
            let filled = if day > today + Duration::days(3) { 1 } else { shift.slots };
            for _ in 0..filled {
                let input = AssignInput {
                    shift_id: shift.id,
                    volunteer_id: volunteers[next % volunteers.len()],
                    override_reason: None,
                };
                next += 1;
                st.shift_assign(actor, &input)?;
            }
        }
        st.shifts_roster(actor, &range)
    })?;
    let mut forgot_once = false;
    for shift in &shifts {
        let day = NaiveDate::parse_from_str(&shift.day, "%Y-%m-%d").unwrap_or(today);
        if day > today {
            continue;
        }
        let hm = |s: &str| -> (u32, u32) {
            let (h, m) = s.split_once(':').unwrap_or(("0", "0"));
            (h.parse().unwrap_or(0), m.parse().unwrap_or(0))
        };
        let (sh, sm) = hm(&shift.start);
        let (eh, em) = hm(&shift.end);
        let starts = local_moment(tz, day, sh, sm);
        let ends = local_moment(tz, day, eh, em);
        if starts > now {
            continue;
        }
        for person in &shift.people {
            let sign_in = AttendanceInput { assignment_id: person.assignment_id, at: Some(shift.start.clone()) };
            let sign_out = AttendanceInput { assignment_id: person.assignment_id, at: Some(shift.end.clone()) };
            if ends > now {
                // on duty right now
                station.attendance_sign_in(actor, &sign_in)?;
                continue;
            }
            // A little after the shift the desk records both times; once, last week, the
            // sign-out was forgotten (closed automatically, waiting for review).
            at_time(station, ends + Duration::minutes(10), |st| {
                st.attendance_sign_in(actor, &sign_in)?;
                if day < today && !forgot_once {
                    forgot_once = true;
                    return Ok(());
                }
                st.attendance_sign_out(actor, &sign_out).map(|_| ())
            })?;
        }
    }
    // Today's people get the demo PIN, so the kiosk's 志愿者签到 can be tried as one of them.
    let on_today: std::collections::BTreeSet<i64> = shifts
        .iter()
        .filter(|s| s.day == today.to_string())
        .flat_map(|s| s.people.iter().map(|p| p.volunteer_id))
        .collect();
    for volunteer_id in on_today {
        let input = super::roster::VolunteerPinInput { volunteer_id, pin: DEMO_PIN.into() };
        station.volunteer_set_pin(actor, &input)?;
    }
    Ok(shifts.len())
}
