use super::*;
use crate::clock::Clock;
use crate::db::MIGRATIONS;
use crate::residents::Gender;
use crate::testing::add_admin_and_clerk;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

mod import;
mod property;

/// 2026-11-25 10:00 in Shanghai.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap()
}

pub(super) fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A valid GB 11643 ID number from its first 17 digits.
pub(super) fn id_with_check(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

pub(super) struct World {
    pub st: Station,
    pub admin: StaffActor,
    pub clerk: StaffActor,
    pub committee: i64,
    pub branch: i64,
    pub group: i64,
}

pub(super) fn org(parent: Option<i64>, kind: OrgKind, name: &str, founded: &str) -> OrgInput {
    OrgInput::plain(parent, kind, name, founded)
}

pub(super) fn profile(name: &str, birth: &str, joined: &str, confirmed: Option<&str>) -> MemberProfile {
    MemberProfile {
        name: name.into(),
        gender: Some(Gender::Male),
        birth_date: Some(birth.into()),
        joined_on: Some(joined.into()),
        confirmed_on: confirmed.map(Into::into),
        dues_kind: DuesKind::InService,
        dues_base_fen: 400_000,
        ..Default::default()
    }
}

impl World {
    pub fn new() -> World {
        let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(start())).unwrap();
        let (admin, clerk) = add_admin_and_clerk(&mut st);
        let committee =
            st.party_org_create(&admin, &org(None, OrgKind::Community, "凤台社区党委", "2010-07-01")).unwrap().org.id;
        let branch = st
            .party_org_create(&admin, &org(Some(committee), OrgKind::Compound, "阳光花园小区党支部", "2015-06-01"))
            .unwrap()
            .org
            .id;
        let group = st
            .party_org_create(&admin, &org(Some(branch), OrgKind::Group, "3号楼党小组", "2016-03-01"))
            .unwrap()
            .org
            .id;
        World { st, admin, clerk, committee, branch, group }
    }

    pub fn member_in(&mut self, name: &str, category: MemberCategory, joined: &str, on: &str) -> i64 {
        let confirmed =
            (category == MemberCategory::Full).then(|| crate::party::add_months(day(joined), 12).to_string());
        let input = MemberCreateInput {
            profile: profile(name, "1970-05-01", joined, confirmed.as_deref()),
            how: MemberEventKind::Registered,
            on_date: on.into(),
            category,
            org_id: self.branch,
            group_id: Some(self.group),
            letter_no: String::new(),
        };
        self.st.party_member_create(&self.admin, &input).unwrap().row.id
    }

    pub fn event(&mut self, member: i64, kind: MemberEventKind, on: &str) -> Result<MemberDetail> {
        let input = MemberEventInput {
            member_id: member,
            kind,
            on_date: on.into(),
            org_id: None,
            group_id: None,
            letter_no: String::new(),
            dues_paid_to: None,
            place: String::new(),
            note: String::new(),
        };
        self.st.party_member_event(&self.admin, &input)
    }

    pub fn table_count(&self, table: &str) -> i64 {
        self.st.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    pub fn ledger(&self, q: MemberQuery) -> MemberPage {
        self.st.party_members(&self.admin, &MemberQuery { page: 1, page_size: 200, ..q }).unwrap()
    }
}

// ---------------------------------------------------------------- dues formulas

#[test]
fn dues_formulas_at_the_bracket_edges() {
    use DuesKind::*;
    // 在职: a share of the whole base by its bracket
    assert_eq!(monthly_dues_fen(InService, 300_000), 1_500, "3,000.00 元 × 0.5 %");
    assert_eq!(monthly_dues_fen(InService, 300_001), 3_000, "3,000.01 元 × 1 %");
    assert_eq!(monthly_dues_fen(InService, 500_000), 5_000, "5,000.00 元 × 1 %");
    assert_eq!(monthly_dues_fen(InService, 500_001), 7_500, "5,000.01 元 × 1.5 % = 75.00015 → 75.00");
    assert_eq!(monthly_dues_fen(InService, 1_000_000), 15_000);
    assert_eq!(monthly_dues_fen(InService, 1_000_001), 20_000);
    // 离退休: 0.5 % up to 5,000, 1 % above
    assert_eq!(monthly_dues_fen(Retired, 500_000), 2_500, "5,000.00 元 × 0.5 %");
    assert_eq!(monthly_dues_fen(Retired, 500_001), 5_000, "5,000.01 元 × 1 % = 50.0001 → 50.00");
    assert_eq!(monthly_dues_fen(Retired, 0), 0);
    // rounding half up to the 分: 3,333.33 元 × 1 % = 33.3333 → 33.33; 1,234.50 × 0.5 % = 6.1725 → 6.17
    assert_eq!(monthly_dues_fen(InService, 333_333), 3_333);
    assert_eq!(monthly_dues_fen(InService, 123_450), 617);
    assert_eq!(monthly_dues_fen(InService, 123_500), 618, "6.175 rounds up");
    for k in [Student, LaidOff, Subsistence] {
        assert_eq!(monthly_dues_fen(k, 900_000), 20, "{k:?}: 0.2 元 whatever the base");
    }
    assert_eq!(yuan(7_500), "75.00");
    assert_eq!(yuan(5), "0.05");
}

#[test]
fn a_reduction_needs_its_approval() {
    let mut w = World::new();
    let m = w.member_in("张建国", MemberCategory::Full, "1995-07-01", "2026-01-05");
    let e = w
        .st
        .party_dues_reduce(&w.admin, &DuesReductionInput { member_id: m, amount_fen: Some(100), approval: " ".into() })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("approval"));
    let d =
        w.st.party_dues_reduce(
            &w.admin,
            &DuesReductionInput { member_id: m, amount_fen: Some(100), approval: "支委会 2026-11-03 决定".into() },
        )
        .unwrap();
    assert_eq!(d.dues_fen, 100);
    assert_eq!(d.dues_reduction_approval.as_deref(), Some("支委会 2026-11-03 决定"));
}

// ---------------------------------------------------------------- organisations

#[test]
fn the_chain_keeps_its_history_through_events() {
    let mut w = World::new();
    let secretary = |name: &str| CommitteeMemberInput {
        role: CommitteeRole::Secretary,
        name: name.into(),
        member_id: None,
        unit_id: None,
        unit_name: String::new(),
    };
    let part_time = CommitteeMemberInput {
        role: CommitteeRole::PartTime,
        name: "刘红".into(),
        member_id: None,
        unit_id: None,
        unit_name: String::new(),
    };
    let ev = |kind, committee| OrgEventInput {
        org_id: w.branch,
        kind,
        on_date: "2024-06-01".into(),
        merged_into: None,
        detail: String::new(),
        committee,
    };
    let e =
        w.st.party_org_event(&w.admin, &ev(OrgEventKind::Reelected, vec![secretary("王芳"), part_time.clone()]))
            .unwrap_err();
    assert!(e.message.contains("兼职委员") && e.message.contains("单位"), "{e}");
    let with_unit = CommitteeMemberInput { unit_name: "市供电公司".into(), ..part_time };
    let d = w.st.party_org_event(&w.admin, &ev(OrgEventKind::Reelected, vec![secretary("王芳"), with_unit])).unwrap();
    assert_eq!(d.org.secretary.as_deref(), Some("王芳"));
    let mut second = ev(OrgEventKind::Reelected, vec![secretary("赵刚")]);
    second.on_date = "2023-01-01".into();
    assert!(w.st.party_org_event(&w.admin, &second).unwrap_err().message.contains("早于"), "events in date order");
    second.on_date = "2026-06-01".into();
    let d = w.st.party_org_event(&w.admin, &second).unwrap();
    assert_eq!(d.org.secretary.as_deref(), Some("赵刚"));
    // the earlier term is kept, closed on the day of the 换届
    let wang = d.committee.iter().find(|c| c.name == "王芳").unwrap();
    assert_eq!(wang.until_on.as_deref(), Some("2026-06-01"));
    let kinds: Vec<OrgEventKind> = d.events.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [OrgEventKind::Founded, OrgEventKind::Reelected, OrgEventKind::Reelected]);
    assert!(w.st.conn().execute("DELETE FROM party_org_events", []).is_err(), "history cannot be deleted");
}

#[test]
fn levels_sit_where_the_chain_says() {
    let mut w = World::new();
    let e =
        w.st.party_org_create(&w.admin, &org(Some(w.committee), OrgKind::Group, "错层党小组", "2020-01-01"))
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("parentId"));
    let e = w.st.party_org_create(&w.admin, &org(None, OrgKind::Grid, "无上级支部", "2020-01-01")).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("parentId"));
    let e =
        w.st.party_org_create(&w.admin, &org(Some(w.committee), OrgKind::Grid, "阳光花园小区党支部", "2020-01-01"))
            .unwrap_err();
    assert!(e.message.contains("已有"), "{e}");
    // a 党员中心户 is a member's household
    let m = w.member_in("李秀英", MemberCategory::Full, "1995-07-01", "2026-01-05");
    let mut h = org(Some(w.group), OrgKind::Household, "李秀英中心户", "2026-02-01");
    assert_eq!(w.st.party_org_create(&w.admin, &h).unwrap_err().field.as_deref(), Some("memberId"));
    h.member_id = Some(m);
    h.households = Some(12);
    w.st.party_org_create(&w.admin, &h).unwrap();
    assert_eq!(w.st.party_member_get(&w.admin, m).unwrap().households.len(), 1);
}

#[test]
fn a_merge_moves_the_members_and_a_dissolution_needs_an_empty_branch() {
    let mut w = World::new();
    let other =
        w.st.party_org_create(&w.admin, &org(Some(w.committee), OrgKind::Grid, "第二网格党支部", "2018-01-01"))
            .unwrap()
            .org
            .id;
    let m = w.member_in("周明", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let dissolve = OrgEventInput {
        org_id: w.branch,
        kind: OrgEventKind::Dissolved,
        on_date: "2026-11-01".into(),
        merged_into: None,
        detail: String::new(),
        committee: vec![],
    };
    let e = w.st.party_org_event(&w.admin, &dissolve).unwrap_err();
    assert!(e.message.contains("在册党员"), "{e}");
    let merge = OrgEventInput { kind: OrgEventKind::Merged, merged_into: Some(other), ..dissolve };
    w.st.party_org_event(&w.admin, &merge).unwrap();
    let d = w.st.party_member_get(&w.admin, m).unwrap();
    assert_eq!(d.row.org_id, other);
    assert_eq!(d.events.last().unwrap().kind, MemberEventKind::Moved);
    let tree = w.st.party_org_tree(&w.admin).unwrap();
    let old = tree.orgs.iter().find(|o| o.id == w.branch).unwrap();
    assert_eq!(old.dissolved_on.as_deref(), Some("2026-11-01"));
    let group = tree.orgs.iter().find(|o| o.id == w.group).unwrap();
    assert_eq!(group.parent_id, Some(other), "its groups follow");
    // and the ledger as it stood before the merge still has the member in the old branch
    let before = w.ledger(MemberQuery { as_of: Some("2026-10-31".into()), ..Default::default() });
    assert_eq!(before.items[0].org_id, w.branch);
}

#[test]
fn grids_and_compounds_without_an_organisation_are_listed() {
    let mut w = World::new();
    use crate::places::{PlaceInput, PlaceKind};
    let places = w
        .st
        .place_save(&w.admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第一网格".into() })
        .unwrap();
    let g = places.grids[0].id;
    let places =
        w.st.place_save(
            &w.admin,
            &PlaceInput { kind: PlaceKind::Compound, id: None, parent_id: Some(g), name: "幸福里".into() },
        )
        .unwrap();
    let c = places.compounds[0].id;
    let tree = w.st.party_org_tree(&w.admin).unwrap();
    assert_eq!(tree.uncovered.len(), 2, "{:?}", tree.uncovered);
    let mut b = org(Some(w.committee), OrgKind::Compound, "幸福里小区党支部", "2020-01-01");
    b.compound_id = Some(c);
    w.st.party_org_create(&w.admin, &b).unwrap();
    assert!(w.st.party_org_tree(&w.admin).unwrap().uncovered.is_empty(), "the compound's branch covers its grid too");
}

// ---------------------------------------------------------------- members and checks

#[test]
fn entry_checks_refuse_with_the_field_and_write_nothing() {
    let mut w = World::new();
    let audit = w.table_count("audit_log");
    let base = |p: MemberProfile| MemberCreateInput {
        profile: p,
        how: MemberEventKind::Registered,
        on_date: "2026-11-01".into(),
        category: MemberCategory::Full,
        org_id: w.branch,
        group_id: None,
        letter_no: String::new(),
    };
    // 入党 before 18: born 1990-05-01, joined 2008-04-30 (a day short)
    let e =
        w.st.party_member_create(&w.admin, &base(profile("甲", "1990-05-01", "2008-04-30", Some("2009-05-01"))))
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("joinedOn"));
    assert!(e.message.contains("18"), "{e}");
    // on the birthday is fine; a month-only date is read generously (2008.05 may be the 1st or later)
    w.st.party_member_create(&w.admin, &base(profile("乙", "1990-05-01", "2008-05-01", Some("2009-05-01")))).unwrap();
    w.st.party_member_create(&w.admin, &base(profile("丙", "1990-05-20", "2008.05", Some("2009.05")))).unwrap();
    // 转正 before 入党
    let e =
        w.st.party_member_create(&w.admin, &base(profile("丁", "1970-01-01", "2000-07-01", Some("2000-06-30"))))
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("confirmedOn"));
    // duplicate ID numbers
    let id = id_with_check("14050219700101123");
    let mut p = profile("戊", "1970-01-01", "2000-07-01", Some("2001-07-01"));
    p.id_number = Some(id.clone());
    w.st.party_member_create(&w.admin, &base(p.clone())).unwrap();
    p.name = "己".into();
    let e = w.st.party_member_create(&w.admin, &base(p.clone())).unwrap_err();
    assert!(e.message.contains("重复") && e.message.contains("戊"), "{e}");
    // a wrong check digit
    p.id_number = Some(format!("{}0", &id[..17]).replace(&id, "x"));
    let bad = if id.ends_with('0') { format!("{}1", &id[..17]) } else { format!("{}0", &id[..17]) };
    p.id_number = Some(bad);
    let e = w.st.party_member_create(&w.admin, &base(p)).unwrap_err();
    assert!(e.message.contains("校验位"), "{e}");
    assert_eq!(w.table_count("party_members"), 3);
    assert_eq!(w.table_count("audit_log"), audit + 3, "only the three accepted entries are audited");
}

#[test]
fn probation_is_flagged_before_and_after_its_year() {
    let mut w = World::new();
    // joined 2025-12-10: the year ends 2026-12-10, 15 days after today (2026-11-25)
    let due = w.member_in("预备甲", MemberCategory::Probationary, "2025-12-10", "2025-12-10");
    // joined 2025-11-20: the year ended 2026-11-20
    let over = w.member_in("预备乙", MemberCategory::Probationary, "2025-11-20", "2025-11-20");
    // joined 2026-03-01: far from due
    let fresh = w.member_in("预备丙", MemberCategory::Probationary, "2026-03-01", "2026-03-01");
    let flags = |w: &World, id| w.st.party_member_get(&w.admin, id).unwrap().row.flags;
    assert!(flags(&w, due).contains(&MemberFlag::ProbationDue));
    assert!(flags(&w, over).contains(&MemberFlag::ProbationOverdue));
    assert!(!flags(&w, fresh).iter().any(|f| matches!(f, MemberFlag::ProbationDue | MemberFlag::ProbationOverdue)));
    assert_eq!(probation_ends(day("2024-02-29")), day("2025-02-28"), "a leap day's year ends on the 28th");
    let page = w.ledger(MemberQuery { flag: Some(MemberFlag::ProbationOverdue), ..Default::default() });
    assert_eq!(page.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![over]);
    // 转正 clears it and is an event
    let d = w.event(over, MemberEventKind::Confirmed, "2026-11-24").unwrap();
    assert_eq!(d.row.category, MemberCategory::Full);
    assert_eq!(d.row.confirmed_on.as_deref(), Some("2026-11-24"));
    assert!(!d.row.flags.iter().any(|f| matches!(f, MemberFlag::ProbationDue | MemberFlag::ProbationOverdue)));
    assert!(w.event(over, MemberEventKind::Confirmed, "2026-11-25").unwrap_err().message.contains("已是正式党员"));
}

#[test]
fn lost_contact_after_six_months_without_meetings_or_dues() {
    assert!(!lost_contact(Some(day("2026-05-26")), day("2020-01-01"), day("2026-11-25")));
    assert!(lost_contact(Some(day("2026-05-25")), day("2020-01-01"), day("2026-11-25")), "six months to the day");
    assert!(lost_contact(None, day("2026-05-01"), day("2026-11-25")));
    assert!(!lost_contact(None, day("2026-06-01"), day("2026-11-25")), "counted from coming on the ledger");
    let mut w = World::new();
    let m = w.member_in("失联甲", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let seen = w.member_in("常来乙", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let clerk = w.clerk_with_access();
    w.st.party_dues_pay(
        &clerk,
        &DuesPayInput {
            member_id: seen,
            from_month: "2026-09".into(),
            months: 1,
            method: PayMethod::Cash,
            collector: "李文".into(),
            receipt_no: "R001".into(),
            paid_on: "2026-09-10".into(),
        },
    )
    .unwrap();
    let lost = w.ledger(MemberQuery { flag: Some(MemberFlag::LostContact), ..Default::default() });
    assert_eq!(lost.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![m]);
    assert!(lost.items[0].flags.contains(&MemberFlag::LostContact));
}

impl World {
    /// The clerk, once an admin granted "党务" access.
    pub fn clerk_with_access(&mut self) -> StaffActor {
        self.st.party_access_set(&self.admin, &PartyAccessInput { staff_id: self.clerk.id, granted: true }).unwrap();
        self.clerk.clone()
    }
}

#[test]
fn staff_need_the_party_grant() {
    let mut w = World::new();
    let e = w.st.party_members(&w.clerk, &MemberQuery { page: 1, page_size: 20, ..Default::default() }).unwrap_err();
    assert_eq!(e.code, crate::ErrorCode::Forbidden);
    assert!(w.st.party_org_tree(&w.clerk).is_err());
    assert!(w
        .st
        .party_access_set(&w.clerk.clone(), &PartyAccessInput { staff_id: w.clerk.id, granted: true })
        .is_err());
    let clerk = w.clerk_with_access();
    assert!(w.st.party_org_tree(&clerk).is_ok());
    assert!(w.st.party_can_access(&clerk).unwrap());
    w.st.party_access_set(&w.admin, &PartyAccessInput { staff_id: clerk.id, granted: false }).unwrap();
    assert!(w.st.party_org_tree(&clerk).is_err());
}

#[test]
fn transfers_out_need_the_letter_and_the_dues_month_and_the_past_ledger_remains() {
    let mut w = World::new();
    let m = w.member_in("转出甲", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let mut input = MemberEventInput {
        member_id: m,
        kind: MemberEventKind::TransferOut,
        on_date: "2026-10-08".into(),
        org_id: None,
        group_id: None,
        letter_no: String::new(),
        dues_paid_to: Some("2026-10".into()),
        place: "太原市小店区".into(),
        note: String::new(),
    };
    assert_eq!(w.st.party_member_event(&w.admin, &input).unwrap_err().field.as_deref(), Some("letterNo"));
    input.letter_no = "晋组转字〔2026〕第 118 号".into();
    let d = w.st.party_member_event(&w.admin, &input).unwrap();
    assert_eq!(d.row.status, MemberStatus::TransferredOut);
    assert_eq!(d.events.last().unwrap().dues_paid_to.as_deref(), Some("2026-10"));
    assert!(w.ledger(MemberQuery::default()).items.is_empty(), "not on today's ledger");
    let sept = w.ledger(MemberQuery { as_of: Some("2026-09-30".into()), ..Default::default() });
    assert_eq!(sept.items.len(), 1, "on the ledger as it stood in September");
    assert!(w.event(m, MemberEventKind::MobileOut, "2026-11-01").unwrap_err().message.contains("只能办理转入"));
    let feb = w.ledger(MemberQuery { as_of: Some("2025-12-31".into()), ..Default::default() });
    assert!(feb.items.is_empty(), "not yet registered then");
}

// ---------------------------------------------------------------- meetings

impl World {
    pub fn meeting(&mut self, kind: MeetingKind, held: &str, absences: Vec<AbsenceInput>) -> MeetingDetail {
        let org_id = if kind == MeetingKind::GroupMeeting { self.group } else { self.branch };
        let input = MeetingInput {
            id: None,
            org_id,
            kind,
            held_on: held.into(),
            starts_at: "14:30".into(),
            ends_at: String::new(),
            venue_id: None,
            place: "党群服务站会议室".into(),
            host: "王芳".into(),
            recorder: "李文".into(),
            topic: "学习贯彻党的二十届四中全会精神".into(),
            minutes: "传达学习，逐一发言。".into(),
            decisions: "发展对象一名。".into(),
            guests: "市供电公司 刘红".into(),
            due_member_ids: None,
            absences,
        };
        self.st.party_meeting_save(&self.admin, &input).unwrap()
    }

    pub fn step(&mut self, id: i64, step: MeetingStep) -> Result<MeetingDetail> {
        self.st.party_meeting_step(&self.admin, &MeetingStepInput { id, step })
    }
}

#[test]
fn minutes_move_draft_submitted_approved_and_then_are_read_only() {
    let mut w = World::new();
    let a = w.member_in("甲", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let b = w.member_in("乙", MemberCategory::Full, "1990-07-01", "2026-01-05");
    w.member_in("丙", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let m = w.meeting(
        MeetingKind::GeneralMeeting,
        "2026-11-20",
        vec![
            AbsenceInput { member_id: a, reason: "出差".into() },
            AbsenceInput { member_id: b, reason: "生病".into() },
        ],
    );
    assert_eq!((m.row.due, m.row.present), (3, 1));
    assert_eq!(m.row.state, MeetingState::Draft);
    assert!(w.step(m.row.id, MeetingStep::Approve).unwrap_err().message.contains("不能「审定」"));
    w.step(m.row.id, MeetingStep::Submit).unwrap();
    let d = w.step(m.row.id, MeetingStep::Approve).unwrap();
    assert_eq!(d.row.state, MeetingState::Approved);
    assert!(d.steps.is_empty());
    assert!(w.st.conn().execute("UPDATE party_meetings SET topic = 'x'", []).is_err(), "the database refuses an edit");
    assert!(w.st.conn().execute("DELETE FROM party_meeting_attendance", []).is_err());
    let d =
        w.st.party_meeting_note(&w.admin, &MeetingNoteInput { id: d.row.id, text: "更正：主持人为王芳同志".into() })
            .unwrap();
    assert_eq!(d.notes.len(), 1);
    // an absence needs its reason
    let e =
        w.st.party_meeting_save(
            &w.admin,
            &MeetingInput {
                id: None,
                org_id: w.branch,
                kind: MeetingKind::ThemeDay,
                held_on: "2026-11-21".into(),
                starts_at: String::new(),
                ends_at: String::new(),
                venue_id: None,
                place: String::new(),
                host: String::new(),
                recorder: String::new(),
                topic: "主题党日".into(),
                minutes: String::new(),
                decisions: String::new(),
                guests: String::new(),
                due_member_ids: None,
                absences: vec![AbsenceInput { member_id: a, reason: " ".into() }],
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("absences"));
}

#[test]
fn quarter_compliance_counts_approved_meetings_against_the_quotas() {
    let mut w = World::new();
    let a = w.member_in("甲", MemberCategory::Full, "1990-07-01", "2026-01-05");
    w.member_in("乙", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let row = |r: &ComplianceReport, org: i64, kind| {
        r.rows.iter().find(|x| x.org_id == org && x.kind == kind).cloned().unwrap()
    };
    let q4 = |w: &World| {
        w.st.party_compliance(&w.admin, &ComplianceInput { org_id: Some(w.branch), period: "2026-Q4".into() }).unwrap()
    };
    let before = q4(&w);
    let general = row(&before, w.branch, MeetingKind::GeneralMeeting);
    assert_eq!((general.required, general.held, general.met), (1, 0, false));
    assert_eq!(row(&before, w.branch, MeetingKind::CommitteeMeeting).required, 3, "monthly × 3 in a quarter");
    assert_eq!(row(&before, w.group, MeetingKind::GroupMeeting).required, 3, "the group's own quota");
    let m = w.meeting(
        MeetingKind::GeneralMeeting,
        "2026-10-15",
        vec![AbsenceInput { member_id: a, reason: "外出".into() }],
    );
    assert!(!row(&q4(&w), w.branch, MeetingKind::GeneralMeeting).met, "a draft does not count");
    w.step(m.row.id, MeetingStep::Submit).unwrap();
    w.step(m.row.id, MeetingStep::Approve).unwrap();
    let after = row(&q4(&w), w.branch, MeetingKind::GeneralMeeting);
    assert_eq!(
        (after.held, after.met, after.due_people, after.present, after.attendance_permille),
        (1, true, 2, 1, Some(500))
    );
    // a month view counts a quarterly quota over its quarter
    let nov =
        w.st.party_compliance(&w.admin, &ComplianceInput { org_id: Some(w.branch), period: "2026-11".into() }).unwrap();
    let g = row(&nov, w.branch, MeetingKind::GeneralMeeting);
    assert_eq!((g.from.as_str(), g.to.as_str(), g.met), ("2026-10-01", "2026-12-31", true));
    // the admin changes the quota: 支部党员大会 twice a quarter
    let mut quotas = w.st.party_quotas(&w.admin).unwrap();
    quotas.iter_mut().find(|q| q.kind == MeetingKind::GeneralMeeting).unwrap().times = 2;
    assert!(w.st.party_quotas_set(&w.clerk.clone(), &quotas).is_err(), "admin only");
    w.st.party_quotas_set(&w.admin, &quotas).unwrap();
    assert!(!row(&q4(&w), w.branch, MeetingKind::GeneralMeeting).met);
    // attending counts as being seen (失联)
    let seen: Option<String> =
        w.st.conn().query_row("SELECT last_seen_on FROM party_members WHERE name = '乙'", [], |r| r.get(0)).unwrap();
    assert_eq!(seen.as_deref(), Some("2026-10-15"));
    assert!(!w.st.party_due_now(&w.admin).unwrap().is_empty(), "the home page lists what is due");
    assert!(parse_period("period", "2026-Q5").is_err());
}

// ---------------------------------------------------------------- dues sheet

#[test]
fn a_month_sheet_with_an_arrear_advance_payments_and_a_chained_closing() {
    let mut w = World::new();
    let a = w.member_in("甲", MemberCategory::Full, "1990-07-01", "2026-08-03");
    let b = w.member_in("乙", MemberCategory::Full, "1990-07-01", "2026-08-03");
    let pay = |member, from: &str, months| DuesPayInput {
        member_id: member,
        from_month: from.into(),
        months,
        method: PayMethod::Transfer,
        collector: "李文".into(),
        receipt_no: "DF-2026-10".into(),
        paid_on: "2026-10-12".into(),
    };
    let v = w.st.party_dues_pay(&w.admin, &pay(a, "2026-10", 3)).unwrap();
    assert_eq!(v.sheet.month, "2026-10");
    let line = v.sheet.lines.iter().find(|l| l.member_id == a).unwrap();
    // a base of 4,000.00 元 in service: 1 %
    assert_eq!((line.due_fen, line.paid_fen, line.paid_ahead_to.as_deref()), (4_000, Some(4_000), Some("2026-12")));
    let arrear = v.sheet.lines.iter().find(|l| l.member_id == b).unwrap();
    assert_eq!((arrear.payment_id, arrear.arrears_months), (None, 3), "August to October unpaid");
    assert_eq!((v.sheet.due_fen, v.sheet.paid_fen, v.sheet.unpaid), (8_000, 4_000, 1));
    assert!(w.st.party_dues_pay(&w.admin, &pay(a, "2026-11", 1)).unwrap_err().message.contains("已缴"));
    // the city's month: every branch's totals
    let DuesSheetResult::All(all) =
        w.st.party_dues_sheet(&w.admin, &DuesSheetInput { month: "2026-10".into(), org_id: None }).unwrap()
    else {
        panic!("overview")
    };
    assert_eq!((all.members, all.due_fen, all.paid_fen, all.unpaid), (2, 8_000, 4_000, 1));
    // closing: November has not ended; October closes, then refuses payments
    let close = |month: &str| DuesCloseInput { org_id: w.branch, month: month.into() };
    assert!(w.st.party_dues_close(&w.admin, &close("2026-11")).unwrap_err().message.contains("尚未结束"));
    let closed = w.st.party_dues_close(&w.admin, &close("2026-10")).unwrap();
    let first_hash = closed.closing.clone().unwrap().hash;
    assert_eq!(closed.closing.as_ref().unwrap().prev_hash, "");
    let e = w.st.party_dues_pay(&w.admin, &pay(b, "2026-10", 1)).unwrap_err();
    assert!(e.message.contains("已关账"), "{e}");
    // September, closed after: chained to October's hash
    let sept = w.st.party_dues_close(&w.admin, &close("2026-09")).unwrap();
    assert_eq!(sept.closing.unwrap().prev_hash, first_hash);
    assert!(w.st.party_dues_closings(&w.admin).unwrap().iter().all(|c| c.intact));
    // the frozen snapshot is the sheet even if the ledger changes later
    w.event(b, MemberEventKind::Deceased, "2026-11-20").unwrap();
    let DuesSheetResult::Branch(frozen) =
        w.st.party_dues_sheet(&w.admin, &DuesSheetInput { month: "2026-10".into(), org_id: Some(w.branch) }).unwrap()
    else {
        panic!("branch")
    };
    assert_eq!(frozen.sheet.members, 2);
    assert!(w.st.conn().execute("UPDATE party_dues_closings SET snapshot = '{}'", []).is_err());
    assert!(w.st.conn().execute("DELETE FROM party_dues_closings", []).is_err());
    // reopening: admin only, with a reason
    let reopen = DuesReopenInput { org_id: w.branch, month: "2026-10".into(), reason: "补录一笔现金".into() };
    assert!(w.st.party_dues_reopen(&w.clerk.clone(), &reopen).is_err());
    w.st.party_dues_reopen(&w.admin, &reopen).unwrap();
    assert!(w.st.party_dues_pay(&w.admin, &pay(a, "2027-01", 1)).is_ok());
}

#[test]
fn chain_hash_breaks_when_anything_changes() {
    let h1 = chain_hash("", "{\"a\":1}");
    assert_eq!(h1.len(), 64);
    assert_ne!(h1, chain_hash("", "{\"a\":2}"));
    assert_ne!(chain_hash(&h1, "x"), chain_hash("0", "x"));
}

#[test]
fn a_voided_payment_is_kept_and_the_member_can_pay_again() {
    let mut w = World::new();
    let a = w.member_in("甲", MemberCategory::Full, "1990-07-01", "2026-08-03");
    let v =
        w.st.party_dues_pay(
            &w.admin,
            &DuesPayInput {
                member_id: a,
                from_month: "2026-11".into(),
                months: 1,
                method: PayMethod::Cash,
                collector: "李文".into(),
                receipt_no: String::new(),
                paid_on: "2026-11-20".into(),
            },
        )
        .unwrap();
    let pid = v.sheet.lines[0].payment_id.unwrap();
    assert_eq!(
        w.st.party_dues_void(&w.admin, &DuesVoidInput { payment_id: pid, reason: String::new() })
            .unwrap_err()
            .field
            .as_deref(),
        Some("reason")
    );
    w.st.party_dues_void(&w.admin, &DuesVoidInput { payment_id: pid, reason: "金额录错".into() }).unwrap();
    assert_eq!(w.table_count("party_dues_payments"), 1, "kept, marked void");
    let seen: Option<String> =
        w.st.conn().query_row("SELECT last_seen_on FROM party_members WHERE id = ?1", [a], |r| r.get(0)).unwrap();
    assert_eq!(seen, None, "the voided payment no longer counts as contact");
}

#[test]
fn dates_from_the_national_export() {
    let today = day("2026-11-25");
    let p = |s| parse_party_date("joinedOn", "入党日期", s, today).unwrap();
    assert_eq!(p("1965.03"), PartyDate { date: day("1965-03-01"), month_only: true });
    assert_eq!(p("1965年3月"), PartyDate { date: day("1965-03-01"), month_only: true });
    assert_eq!(p("196503"), PartyDate { date: day("1965-03-01"), month_only: true });
    assert_eq!(p("1965-03-08"), PartyDate { date: day("1965-03-08"), month_only: false });
    assert_eq!(p("1965年3月8日"), PartyDate { date: day("1965-03-08"), month_only: false });
    assert!(parse_party_date("joinedOn", "入党日期", "1965.13", today).is_err());
    assert!(parse_party_date("joinedOn", "入党日期", "2027.01", today).is_err(), "not in the future");
    assert!(parse_party_date("joinedOn", "入党日期", "去年", today).unwrap_err().message.contains("入党日期"));
    assert_eq!(mask_id_number("140502197001011234"), "1405**********1234");
}

// ---------------------------------------------------------------- the resident register's purge

#[test]
fn a_member_on_the_ledger_blocks_the_residents_purge_and_after_a_transfer_out_only_the_link_goes() {
    let mut w = World::new();
    let resident =
        w.st.resident_create(
            &w.admin,
            &crate::residents::ResidentInput {
                name: "钱党员".into(),
                phone: "13900009999".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let mut input = MemberCreateInput {
        profile: profile("钱党员", "1970-05-01", "2000-07-01", Some("2001-07-01")),
        how: MemberEventKind::Registered,
        on_date: "2026-01-05".into(),
        category: MemberCategory::Full,
        org_id: w.branch,
        group_id: None,
        letter_no: String::new(),
    };
    input.profile.resident_id = Some(resident);
    let member = w.st.party_member_create(&w.admin, &input).unwrap().row.id;
    let purge = crate::residents::PurgeInput { id: resident, reason: "本人申请删除".into() };

    let refused = w.st.resident_purge(&w.admin, &purge).unwrap_err();
    assert_eq!(refused.code, crate::error::ErrorCode::Conflict);
    assert!(refused.message.contains("党员台账"), "{}", refused.message);
    assert_eq!(w.table_count("residents"), 1, "a refusal changes nothing");

    let mut out = MemberEventInput {
        member_id: member,
        kind: MemberEventKind::TransferOut,
        on_date: "2026-11-20".into(),
        org_id: None,
        group_id: None,
        letter_no: "京组转字第 2026-118 号".into(),
        dues_paid_to: Some("2026-11".into()),
        place: "海淀区某街道党工委".into(),
        note: String::new(),
    };
    w.st.party_member_event(&w.admin, &out).unwrap();
    w.st.resident_purge(&w.admin, &purge).unwrap();
    assert_eq!(w.table_count("residents"), 0);
    let link: Option<i64> =
        w.st.conn().query_row("SELECT resident_id FROM party_members WHERE id = ?1", [member], |r| r.get(0)).unwrap();
    assert_eq!(link, None, "the branch keeps its record of the member, no longer tied to the register");
    out.kind = MemberEventKind::TransferIn;
    out.org_id = Some(w.branch);
    assert!(w.st.party_member_event(&w.admin, &out).is_ok(), "the record is still the branch's to use");
}

// ---------------------------------------------------------------- a meeting's room

#[test]
fn a_planned_meeting_books_its_room_through_the_activities_rooms_and_is_submitted_only_once_held() {
    use crate::activities::{ActivityCreateInput, ActivityInput, VenueInput};
    let mut w = World::new();
    w.member_in("甲", MemberCategory::Full, "1990-07-01", "2026-01-05");
    let venue =
        w.st.venue_save(
            &w.admin,
            &VenueInput {
                id: None,
                name: "多功能厅".into(),
                capacity: 40,
                equipment: String::new(),
                opens_at: "08:00".into(),
                closes_at: "21:00".into(),
                open_weekdays: vec![1, 2, 3, 4, 5, 6],
                archived: false,
            },
        )
        .unwrap()
        .id;
    // Saturday 2026-12-05, ten days after the station's today
    let mut plan = MeetingInput {
        id: None,
        org_id: w.branch,
        kind: MeetingKind::ThemeDay,
        held_on: "2026-12-05".into(),
        starts_at: "09:00".into(),
        ends_at: "11:00".into(),
        venue_id: Some(venue),
        place: String::new(),
        host: "王芳".into(),
        recorder: "李文".into(),
        topic: "主题党日：走访慰问困难党员".into(),
        minutes: String::new(),
        decisions: String::new(),
        guests: String::new(),
        due_member_ids: None,
        absences: Vec::new(),
    };
    let planned = w.st.party_meeting_save(&w.admin, &plan).unwrap();
    assert_eq!(planned.place, "多功能厅", "the room's name is the place");
    assert_eq!(planned.venue_id, Some(venue));

    let activity = |start: &str, end: &str| ActivityCreateInput {
        activity: ActivityInput {
            title: "书法课".into(),
            category_id: 3,
            venue_id: venue,
            date: "2026-12-05".into(),
            start_time: start.into(),
            end_time: end.into(),
            capacity: 20,
            publish: true,
            ..Default::default()
        },
        weeks: 1,
    };
    let clash = w.st.activity_create(&w.clerk, &activity("10:00", "12:00")).unwrap_err();
    assert_eq!(clash.code, crate::error::ErrorCode::Conflict);
    assert!(clash.message.contains("场地申请「阳光花园小区党支部」"), "{}", clash.message);

    // another meeting in the same room at the same time is refused, naming what holds it
    let mut second = plan.clone();
    second.kind = MeetingKind::Lecture;
    second.starts_at = "10:30".into();
    second.ends_at = "11:30".into();
    let refused = w.st.party_meeting_save(&w.admin, &second).unwrap_err();
    assert_eq!(refused.field.as_deref(), Some("venueId"));
    assert!(refused.message.contains("阳光花园小区党支部"), "{}", refused.message);
    assert_eq!(w.table_count("party_meetings"), 1, "a refusal writes nothing");

    // the draft moves to the afternoon: its booking moves with it and the morning is free
    plan.id = Some(planned.row.id);
    plan.starts_at = "14:00".into();
    plan.ends_at = "16:00".into();
    w.st.party_meeting_save(&w.admin, &plan).unwrap();
    w.st.activity_create(&w.clerk, &activity("10:00", "12:00")).unwrap();
    assert!(w.st.activity_create(&w.clerk, &activity("15:00", "17:00")).is_err(), "the afternoon is the meeting's");
    assert_eq!(w.table_count("venue_requests"), 1, "one booking, moved");

    // minutes of a meeting not yet held cannot be submitted
    let early = w.step(planned.row.id, MeetingStep::Submit).unwrap_err();
    assert!(early.message.contains("尚未召开"), "{}", early.message);

    // without the room the booking is withdrawn and the afternoon is free again
    plan.venue_id = None;
    plan.place = "党员活动室".into();
    let d = w.st.party_meeting_save(&w.admin, &plan).unwrap();
    assert_eq!((d.venue_id, d.place.as_str()), (None, "党员活动室"));
    w.st.activity_create(&w.clerk, &activity("15:00", "17:00")).unwrap();

    // a room needs both times; more than a year ahead is refused
    plan.venue_id = Some(venue);
    plan.ends_at = String::new();
    assert_eq!(w.st.party_meeting_save(&w.admin, &plan).unwrap_err().field.as_deref(), Some("endsAt"));
    plan.venue_id = None;
    plan.held_on = "2028-01-05".into();
    assert_eq!(w.st.party_meeting_save(&w.admin, &plan).unwrap_err().field.as_deref(), Some("heldOn"));
}
