//! Demo party organisation: the community's 社区党委 with three branches (a compound's, a
//! grid's and the retirees'), a 党小组 in each, about two dozen members on the ledger (two
//! of them probationary), last month's and this month's 三会一课 records, and dues paid for
//! last month and this (a few members still owing). Everything through the desk's calls and
//! their rules, dated relative to the station's today.

use super::*;
use crate::actor::StaffActor;
use crate::db::Station;
use crate::demo::Rng;
use crate::error::Result;
use crate::residents::Gender;
use chrono::{Datelike, Duration, NaiveDate};

const SURNAMES: [&str; 12] = ["王", "李", "张", "刘", "陈", "杨", "赵", "郭", "牛", "申", "常", "贾"];
// male and female given names in turn (even: male)
const GIVEN: [&str; 16] = [
    "卫东", "秀梅", "建华", "淑芬", "志刚", "玉莲", "国平", "桂香", "红军", "爱萍", "保全", "翠英", "晋生", "丽萍",
    "永胜", "春燕",
];

fn org(parent_id: Option<i64>, kind: OrgKind, name: &str, founded_on: &str) -> OrgInput {
    OrgInput::plain(parent_id, kind, name, founded_on)
}

/// Builds the demo organisation. Returns how many members were registered.
pub fn populate_party(st: &mut Station, actor: &StaffActor, rng: &mut Rng) -> Result<usize> {
    let today = st.today();
    let committee = st.party_org_create(actor, &org(None, OrgKind::Community, "凤台社区党委", "2010-07-01"))?.org.id;
    let branches = [
        (OrgKind::Compound, "阳光花园小区党支部", "3号楼党小组", DuesKind::InService),
        (OrgKind::Grid, "第一网格党支部", "第一网格党小组", DuesKind::InService),
        (OrgKind::Retired, "离退休党支部", "老干部党小组", DuesKind::Retired),
    ];
    // Registered here two years ago (or when they came, for the probationary ones).
    let registered = today - Duration::days(730);
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    let last_month = add_months(this_month, -1);
    let mut members = 0;
    for (b, (kind, name, group_name, dues_kind)) in branches.into_iter().enumerate() {
        let branch = st.party_org_create(actor, &org(Some(committee), kind, name, "2015-06-01"))?.org.id;
        let group = st.party_org_create(actor, &org(Some(branch), OrgKind::Group, group_name, "2016-03-01"))?.org.id;
        let mut ids = Vec::new();
        for m in 0..8 {
            let probationary = b < 2 && m == 7;
            // joined at 20–35 (the retirees long ago); a probationary member within the year
            let joined = if probationary {
                today - Duration::days(200 + rng.below(100) as i64)
            } else {
                today - Duration::days(365 * (3 + rng.below(if b == 2 { 40 } else { 20 }) as i64))
            };
            let age_at_joining = 20 + rng.below(15) as i64;
            let birth = joined - Duration::days(365 * age_at_joining + rng.below(300) as i64);
            let male = rng.chance(55);
            let profile = MemberProfile {
                name: format!("{}{}", rng.pick(&SURNAMES), GIVEN[2 * rng.below(8) + usize::from(!male)]),
                gender: Some(if male { Gender::Male } else { Gender::Female }),
                ethnicity: "汉族".into(),
                birth_date: Some(birth.to_string()),
                phone: format!("139035{:05}", 100 * b + m),
                education: rng.pick(&["大学本科", "大专", "高中", "研究生"]).to_string(),
                joined_on: Some(joined.to_string()),
                confirmed_on: (!probationary).then(|| add_months(joined, 12).to_string()),
                in_service: b < 2,
                retired: b == 2,
                dues_kind,
                dues_base_fen: if b == 2 {
                    300_000 + 10_000 * rng.below(30) as i64
                } else {
                    400_000 + 20_000 * rng.below(40) as i64
                },
                ..Default::default()
            };
            let input = MemberCreateInput {
                on_date: registered.max(joined).to_string(),
                profile,
                how: MemberEventKind::Registered,
                category: if probationary { MemberCategory::Probationary } else { MemberCategory::Full },
                org_id: branch,
                group_id: Some(group),
                letter_no: String::new(),
            };
            ids.push(st.party_member_create(actor, &input)?.row.id);
        }
        members += ids.len();
        // The branch committee (支委), elected two months ago from its first three members.
        let roles = [CommitteeRole::Secretary, CommitteeRole::Deputy, CommitteeRole::Member];
        let mut committee = Vec::new();
        for (role, &member_id) in roles.into_iter().zip(&ids) {
            let name: String =
                st.conn().query_row("SELECT name FROM party_members WHERE id = ?1", [member_id], |r| r.get(0))?;
            committee.push(CommitteeMemberInput {
                role,
                name,
                member_id: Some(member_id),
                unit_id: None,
                unit_name: String::new(),
            });
        }
        let election = OrgEventInput {
            org_id: branch,
            kind: OrgEventKind::Reelected,
            on_date: (today - Duration::days(60)).to_string(),
            merged_into: None,
            detail: "支部党员大会选举产生新一届支部委员会".into(),
            committee,
        };
        st.party_org_event(actor, &election)?;
        // 三会一课: last month's records approved, this month's first one still a draft.
        let meetings = [
            (MeetingKind::GeneralMeeting, last_month + Duration::days(9), "学习贯彻党的二十届四中全会精神", true),
            (MeetingKind::ThemeDay, last_month + Duration::days(19), "主题党日：走访慰问困难党员", true),
            (MeetingKind::CommitteeMeeting, this_month, "研究本月志愿服务和微心愿认领安排", false),
        ];
        for (kind, held, topic, approve) in meetings {
            let input = MeetingInput {
                id: None,
                org_id: branch,
                kind,
                held_on: held.to_string(),
                starts_at: "14:30".into(),
                ends_at: "16:00".into(),
                venue_id: None,
                place: "党群服务站会议室".into(),
                host: "支部书记".into(),
                recorder: "组织委员".into(),
                topic: topic.into(),
                minutes: "传达学习有关精神，党员逐一发言，结合社区工作谈体会。".into(),
                decisions: "党员每月至少认领一件微心愿。".into(),
                guests: String::new(),
                due_member_ids: None,
                // one away; a 支委会 is due from the three committee members only
                absences: vec![AbsenceInput {
                    member_id: ids[rng.below(if kind == MeetingKind::CommitteeMeeting { 3 } else { ids.len() })],
                    reason: "外出务工".into(),
                }],
            };
            let id = st.party_meeting_save(actor, &input)?.row.id;
            if approve {
                st.party_meeting_step(actor, &MeetingStepInput { id, step: MeetingStep::Submit })?;
                st.party_meeting_step(actor, &MeetingStepInput { id, step: MeetingStep::Approve })?;
            }
        }
        // Dues: last month's and this month's paid together, except by two who still owe.
        for (n, &member_id) in ids.iter().enumerate() {
            if n % 4 == 3 {
                continue;
            }
            let input = DuesPayInput {
                member_id,
                from_month: month_str(last_month),
                months: 2,
                method: if n % 2 == 0 { PayMethod::Cash } else { PayMethod::Transfer },
                collector: "组织委员".into(),
                receipt_no: format!("DF{}{:02}{:02}", month_str(this_month).replace('-', ""), b + 1, n + 1),
                paid_on: today.to_string(),
            };
            st.party_dues_pay(actor, &input)?;
        }
    }
    Ok(members)
}
