//! The 党建 section: a month of known party work made through the party module's own API,
//! checked figure by figure against answers worked out by hand below; a past month that later
//! events leave alone; a station without any party organisation; a month closed under schema
//! version 1 (no `party`) that still loads.

use super::{assert_all_formats_agree, at};
use crate::actor::StaffActor;
use crate::clock::Clock;
use crate::db::{Station, MIGRATIONS};
use crate::party::{
    AbsenceInput, ComplianceInput, DuesKind, DuesPayInput, DuesSheetInput, DuesSheetResult, MeetingInput, MeetingKind,
    MeetingStep, MeetingStepInput, MemberCategory, MemberCreateInput, MemberEventInput, MemberEventKind, MemberFlag,
    MemberProfile, MemberQuery, OrgInput, OrgKind, PayMethod, QuotaPeriod,
};
use crate::report::{
    closing, export, CloseInput, MeetingKindRow, MonthlyReport, PartyBranchRow, PartyDuesFigures, PartyFigures,
    ReportInput, SCHEMA_VERSION,
};
use crate::residents::Gender;
use crate::testing::add_admin_and_clerk;

struct Party {
    st: Station,
    admin: StaffActor,
    /// Staff without 党务 access: the summary is theirs too (aggregates only).
    clerk: StaffActor,
    branch_a: i64,
    branch_b: i64,
}

/// A valid GB 11643 ID number from its first 17 digits.
fn id_with_check(first17: &str) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{first17}{}", CHECK[(sum % 11) as usize] as char)
}

fn org(parent: Option<i64>, kind: OrgKind, name: &str, founded: &str) -> OrgInput {
    OrgInput::plain(parent, kind, name, founded)
}

/// How a member comes on the ledger in these tests.
struct Entry<'a> {
    name: &'a str,
    how: MemberEventKind,
    on: &'a str,
    category: MemberCategory,
    joined: &'a str,
    /// 正式党员: 转正 a year after 入党.
    confirmed: Option<&'a str>,
    branch: i64,
    dues_kind: DuesKind,
    dues_base_fen: i64,
}

impl Party {
    fn new() -> Party {
        let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(at("2026-11-05 10:00"))).unwrap();
        let (admin, clerk) = add_admin_and_clerk(&mut st);
        let committee =
            st.party_org_create(&admin, &org(None, OrgKind::Community, "凤台社区党委", "2010-07-01")).unwrap().org.id;
        let branch_a = st
            .party_org_create(&admin, &org(Some(committee), OrgKind::Compound, "阳光花园小区党支部", "2015-06-01"))
            .unwrap()
            .org
            .id;
        let branch_b = st
            .party_org_create(&admin, &org(Some(committee), OrgKind::Retired, "离退休党支部", "2018-01-01"))
            .unwrap()
            .org
            .id;
        // the group owes its monthly 党小组会
        st.party_org_create(&admin, &org(Some(branch_a), OrgKind::Group, "3号楼党小组", "2016-03-01")).unwrap();
        Party { st, admin, clerk, branch_a, branch_b }
    }

    fn set(&mut self, local: &str) {
        self.st.set_clock(Clock::Fixed(at(local)));
    }

    fn enter(&mut self, e: Entry, id_number: Option<String>) -> i64 {
        let input = MemberCreateInput {
            profile: MemberProfile {
                name: e.name.into(),
                gender: Some(Gender::Female),
                birth_date: Some("1970-05-01".into()),
                id_number,
                joined_on: Some(e.joined.into()),
                confirmed_on: e.confirmed.map(Into::into),
                dues_kind: e.dues_kind,
                dues_base_fen: e.dues_base_fen,
                ..Default::default()
            },
            how: e.how,
            on_date: e.on.into(),
            category: e.category,
            org_id: e.branch,
            group_id: None,
            letter_no: String::new(),
        };
        self.st.party_member_create(&self.admin, &input).unwrap().row.id
    }

    /// A 正式党员 of branch A registered on `on`, 4,000.00 元 in service (40.00 元 a month).
    fn full_member(&mut self, name: &str, on: &str) -> i64 {
        let branch = self.branch_a;
        self.enter(
            Entry {
                name,
                how: MemberEventKind::Registered,
                on,
                category: MemberCategory::Full,
                joined: "1995-07-01",
                confirmed: Some("1996-07-01"),
                branch,
                dues_kind: DuesKind::InService,
                dues_base_fen: 400_000,
            },
            None,
        )
    }

    fn event(&mut self, member: i64, kind: MemberEventKind, on: &str) {
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
        self.st.party_member_event(&self.admin, &input).unwrap();
    }

    fn transfer_out(&mut self, member: i64, on: &str) {
        let input = MemberEventInput {
            member_id: member,
            kind: MemberEventKind::TransferOut,
            on_date: on.into(),
            org_id: None,
            group_id: None,
            letter_no: "晋组转字〔2026〕第 118 号".into(),
            dues_paid_to: Some(on[..7].into()),
            place: "太原市小店区".into(),
            note: String::new(),
        };
        self.st.party_member_event(&self.admin, &input).unwrap();
    }

    fn pay(&mut self, member: i64, from_month: &str, months: u32, paid_on: &str) {
        let input = DuesPayInput {
            member_id: member,
            from_month: from_month.into(),
            months,
            method: PayMethod::Cash,
            collector: "李文".into(),
            receipt_no: String::new(),
            paid_on: paid_on.into(),
        };
        self.st.party_dues_pay(&self.admin, &input).unwrap();
    }

    /// An approved meeting of `org`: the people due, of whom `absent` were not there.
    fn meeting(&mut self, org_id: i64, kind: MeetingKind, held: &str, due: &[i64], absent: &[i64]) -> i64 {
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
            minutes: String::new(),
            decisions: String::new(),
            guests: String::new(),
            due_member_ids: Some(due.to_vec()),
            absences: absent.iter().map(|m| AbsenceInput { member_id: *m, reason: "外出".into() }).collect(),
        };
        let id = self.st.party_meeting_save(&self.admin, &input).unwrap().row.id;
        for step in [MeetingStep::Submit, MeetingStep::Approve] {
            self.st.party_meeting_step(&self.admin, &MeetingStepInput { id, step }).unwrap();
        }
        id
    }

    fn report(&self, month: &str) -> MonthlyReport {
        self.st.report(&self.clerk, &ReportInput::month(month)).unwrap()
    }
}

const JIA: &str = "党员甲";
const BING_ID_PREFIX: &str = "14050219700501123";

/// October 2026 of two branches (A: 阳光花园小区党支部 with its 3号楼党小组; B: 离退休党支部),
/// every party record made on 2026-11-05 with its own date:
///
/// - 甲, 乙, 丙, 丁 (A) and 庚 (A) registered 2026-01-05; 乙 is 预备 and 流动外出 since 08-01;
///   庚 transferred out on 09-15 (before the month);
/// - 戊 transferred in to B on 10-10 (离退休, 3,000.00 元: 15.00 元 a month);
/// - 己 registered 2026-01-05 in A, transferred out on 10-20;
/// - 辛 transferred in to A on 09-01 as 预备 (入党 2025-09-01), 转正 on 10-09;
/// - 壬 registered on 10-15 as 预备, 入党 that day (新发展);
/// - 主题党日 held and approved by both branches (A 10-18: 甲 乙 丙 丁 辛 due, 乙 and 丙
///   absent; B 10-25: 戊 due and there); no 支委会, no 党小组会, no 支部党员大会 or 党课 yet;
///   a 支委会 left a draft (never counted);
/// - dues for October: 甲 辛 (10-12), 乙 (10-10), 戊 (10-12), 壬 (10-15), 己 (10-08, then
///   left); 丙 paid April to October in advance on 04-15 and has not been seen since (失联
///   with nothing owed); 丁 has not paid (the arrear).
///
/// On the ledger at 10-31: A 甲 乙 丙 丁 辛 壬 (正式 甲 丙 丁 辛), B 戊 (正式).
fn october() -> (Party, [i64; 9]) {
    let mut p = Party::new();
    let jia = p.full_member(JIA, "2026-01-05");
    let yi = p.enter(
        Entry {
            name: "党员乙",
            how: MemberEventKind::Registered,
            on: "2026-01-05",
            category: MemberCategory::Probationary,
            joined: "2025-12-01",
            confirmed: None,
            branch: p.branch_a,
            dues_kind: DuesKind::InService,
            dues_base_fen: 400_000,
        },
        None,
    );
    let bing = p.enter(
        Entry {
            name: "党员丙",
            how: MemberEventKind::Registered,
            on: "2026-01-05",
            category: MemberCategory::Full,
            joined: "1995-07-01",
            confirmed: Some("1996-07-01"),
            branch: p.branch_a,
            dues_kind: DuesKind::InService,
            dues_base_fen: 400_000,
        },
        Some(id_with_check(BING_ID_PREFIX)),
    );
    let ding = p.full_member("党员丁", "2026-01-05");
    let geng = p.full_member("党员庚", "2026-01-05");
    let ji = p.full_member("党员己", "2026-01-05");
    let wu = p.enter(
        Entry {
            name: "党员戊",
            how: MemberEventKind::TransferIn,
            on: "2026-10-10",
            category: MemberCategory::Full,
            joined: "1992-07-01",
            confirmed: Some("1993-07-01"),
            branch: p.branch_b,
            dues_kind: DuesKind::Retired,
            dues_base_fen: 300_000,
        },
        None,
    );
    let xin = p.enter(
        Entry {
            name: "党员辛",
            how: MemberEventKind::TransferIn,
            on: "2026-09-01",
            category: MemberCategory::Probationary,
            joined: "2025-09-01",
            confirmed: None,
            branch: p.branch_a,
            dues_kind: DuesKind::InService,
            dues_base_fen: 400_000,
        },
        None,
    );
    let ren = p.enter(
        Entry {
            name: "党员壬",
            how: MemberEventKind::Registered,
            on: "2026-10-15",
            category: MemberCategory::Probationary,
            joined: "2026-10-15",
            confirmed: None,
            branch: p.branch_a,
            dues_kind: DuesKind::InService,
            dues_base_fen: 400_000,
        },
        None,
    );
    p.event(yi, MemberEventKind::MobileOut, "2026-08-01");
    p.event(xin, MemberEventKind::Confirmed, "2026-10-09");

    let (a, b) = (p.branch_a, p.branch_b);
    p.meeting(a, MeetingKind::ThemeDay, "2026-10-18", &[jia, yi, bing, ding, xin], &[yi, bing]);
    p.meeting(b, MeetingKind::ThemeDay, "2026-10-25", &[wu], &[]);
    let draft = MeetingInput {
        id: None,
        org_id: a,
        kind: MeetingKind::CommitteeMeeting,
        held_on: "2026-10-28".into(),
        starts_at: String::new(),
        ends_at: String::new(),
        venue_id: None,
        place: String::new(),
        host: String::new(),
        recorder: String::new(),
        topic: "支委会（草稿）".into(),
        minutes: String::new(),
        decisions: String::new(),
        guests: String::new(),
        due_member_ids: Some(vec![jia]),
        absences: Vec::new(),
    };
    p.st.party_meeting_save(&p.admin, &draft).unwrap();

    p.pay(bing, "2026-04", 7, "2026-04-15");
    p.pay(ji, "2026-10", 1, "2026-10-08");
    p.pay(yi, "2026-10", 1, "2026-10-10");
    for m in [jia, xin, wu] {
        p.pay(m, "2026-10", 1, "2026-10-12");
    }
    p.pay(ren, "2026-10", 1, "2026-10-15");

    p.transfer_out(geng, "2026-09-15");
    p.transfer_out(ji, "2026-10-20");
    (p, [jia, yi, bing, ding, wu, ji, xin, ren, geng])
}

fn expected_october() -> PartyFigures {
    let kind = |key: MeetingKind, period: QuotaPeriod, to: &str, orgs: u32, met: u32, required: u32| MeetingKindRow {
        key,
        label: key.label().into(),
        quota_period: Some(period),
        from: "2026-10-01".into(),
        to: to.into(),
        counted_to: "2026-10-31".into(),
        organisations: orgs,
        met,
        required,
        held: 0,
        due_people: 0,
        present: 0,
        attendance_rate: None,
    };
    PartyFigures {
        members: 7,
        full: 5,
        probationary: 2,
        mobile_out: 1,
        mobile_in: 0,
        lost_contact: 1,
        joined: 1,
        registered: 1,
        transferred_in: 1,
        transferred_out: 1,
        confirmed: 1,
        by_branch: vec![
            // by name, code-point order: 离 (U+79BB) before 阳 (U+9633)
            PartyBranchRow {
                name: "离退休党支部".into(),
                members: 1,
                full: 1,
                probationary: 0,
                lost_contact: 0,
                due_fen: 1_500,
                paid_fen: 1_500,
                unpaid: 0,
            },
            PartyBranchRow {
                name: "阳光花园小区党支部".into(),
                members: 6,
                full: 4,
                probationary: 2,
                lost_contact: 1,
                due_fen: 6 * 4_000,
                paid_fen: 5 * 4_000,
                unpaid: 1,
            },
        ],
        meetings_held: 2,
        due_people: 6,
        present: 4,
        attendance_rate: Some(0.6667),
        by_meeting_kind: vec![
            // a quarterly quota over its quarter, counted to the month's end
            kind(MeetingKind::GeneralMeeting, QuotaPeriod::Quarter, "2026-12-31", 2, 0, 2),
            kind(MeetingKind::CommitteeMeeting, QuotaPeriod::Month, "2026-10-31", 2, 0, 2),
            kind(MeetingKind::GroupMeeting, QuotaPeriod::Month, "2026-10-31", 1, 0, 1),
            kind(MeetingKind::Lecture, QuotaPeriod::Quarter, "2026-12-31", 2, 0, 2),
            MeetingKindRow {
                held: 2,
                due_people: 6,
                present: 4,
                attendance_rate: Some(0.6667),
                ..kind(MeetingKind::ThemeDay, QuotaPeriod::Month, "2026-10-31", 2, 2, 2)
            },
        ],
        dues: PartyDuesFigures {
            months: vec!["2026-10".into()],
            member_months: 7,
            paid: 6,
            unpaid: 1,
            due_fen: 6 * 4_000 + 1_500,
            paid_fen: 5 * 4_000 + 1_500,
            paid_rate: Some(0.8571),
        },
    }
}

#[test]
fn a_month_of_known_party_work_gives_the_hand_computed_figures() {
    let (p, _) = october();
    let r = p.report("2026-10");
    assert_eq!(r.schema_version, SCHEMA_VERSION);
    assert_eq!(r.party, Some(expected_october()));

    // The JSON's documented names (docs/REPORT.md).
    let json = serde_json::to_value(&r).unwrap();
    let field = |path: &str| path.split('.').fold(&json, |v, k| &v[k]).clone();
    assert_eq!(field("schemaVersion"), 2);
    assert_eq!(field("party.lostContact"), 1);
    assert_eq!(field("party.dues.dueFen"), 25_500);
    assert_eq!(field("party.byMeetingKind")[4]["key"], "theme_day");
    assert_eq!(field("party.byMeetingKind")[4]["quotaPeriod"], "month");
    // the main figures compared month on month
    let members = r.changes.iter().find(|c| c.key == "party.members").unwrap();
    assert_eq!(members.current, Some(7.0));
    // September: 甲 乙 丙 丁 己 辛 (庚 left on 09-15, 戊 and 壬 came in October)
    assert_eq!(members.previous, Some(6.0));

    // The party pages say the same, by their own code, while nothing changed since October:
    // the dues overview of every branch for October, the compliance of October, and the
    // ledger's 失联 filter today against this month's report (as of today).
    let DuesSheetResult::All(dues) =
        p.st.party_dues_sheet(&p.admin, &DuesSheetInput { month: "2026-10".into(), org_id: None }).unwrap()
    else {
        panic!("overview")
    };
    let party = r.party.as_ref().unwrap();
    assert_eq!((dues.members, dues.due_fen, dues.paid_fen, dues.unpaid), (7, 25_500, 21_500, 1));
    let compliance =
        p.st.party_compliance(&p.admin, &ComplianceInput { org_id: None, period: "2026-10".into() }).unwrap();
    for k in &party.by_meeting_kind {
        let rows: Vec<_> = compliance.rows.iter().filter(|c| c.kind == k.key).collect();
        assert_eq!(rows.iter().map(|c| c.required).sum::<u32>(), k.required, "{:?}", k.key);
        assert_eq!(rows.iter().filter(|c| c.met).count() as u32, k.met, "{:?}", k.key);
        assert_eq!(rows.len() as u32, k.organisations, "{:?}", k.key);
    }
    let lost =
        p.st.party_members(
            &p.admin,
            &MemberQuery { flag: Some(MemberFlag::LostContact), page: 1, page_size: 50, ..Default::default() },
        )
        .unwrap();
    let this_month = p.report("2026-11");
    assert_eq!(this_month.period.as_of, "2026-11-05");
    assert_eq!(this_month.party.unwrap().lost_contact, lost.total);

    // Aggregates only: no member's name or ID number anywhere in the report.
    let text = serde_json::to_string(&r).unwrap();
    for name in [JIA, "党员丙", "党员丁"] {
        assert!(!text.contains(name), "{name} in the report");
    }
    assert!(!text.contains(BING_ID_PREFIX));

    // .xlsx read back, and every figure the same in JSON, .xlsx and .csv.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总.xlsx");
    export::write_report(&r, export::ReportFormat::Xlsx, &path).unwrap();
    let sheet = super::sheet(&path, "党建");
    for (label, v) in
        [("在册党员", "7"), ("失联", "1"), ("转入", "1"), ("转出", "1"), ("党费应缴", "25500"), ("党费缴纳率%", "85.7")]
    {
        assert_eq!(super::row(&sheet, label)[1], v, "{label}");
    }
    let branches = super::sheet(&path, "党支部");
    assert_eq!(super::row(&branches, "阳光花园小区党支部")[1..], ["6", "4", "2", "1", "24000", "20000", "1"]);
    let kinds = super::sheet(&path, "三会一课");
    assert_eq!(
        super::row(&kinds, "主题党日")[1..],
        ["每月", "2026-10-01 至 2026-10-31", "2", "2", "2", "2", "6", "4", "66.7"]
    );
    assert_eq!(super::row(&kinds, "支部党员大会")[2], "2026-10-01 至 2026-10-31");
    assert_all_formats_agree(&r);
    let csv = dir.path().join("汇总.csv");
    export::write_report(&r, export::ReportFormat::Csv, &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("\r\n党建,失联,1,party.lostContact\r\n"), "{text}");
    assert!(text.contains("\r\n党建,党费 · 实缴党费（分）,21500,party.dues.paidFen\r\n"), "{text}");
    assert!(
        text.contains("\r\n党建,三会一课 · 支委会 · 应开次数,2,party.byMeetingKind[committee_meeting].required\r\n"),
        "{text}"
    );
}

/// Later events, payments and meetings — a transfer out, a late payment for October, a
/// 支部党员大会 in November attended by the member 失联 in October, a new member — leave
/// October's figures as they were; November counts them.
#[test]
fn a_past_month_gives_the_same_party_figures_after_later_events() {
    let (mut p, [jia, _yi, bing, ding, ..]) = october();
    let before = p.report("2026-10");

    p.set("2026-12-20 15:00");
    p.pay(ding, "2026-10", 2, "2026-12-01");
    p.transfer_out(jia, "2026-11-10");
    let a = p.branch_a;
    p.meeting(a, MeetingKind::GeneralMeeting, "2026-11-20", &[bing, ding], &[]);
    p.full_member("党员癸", "2026-11-25");

    let after = p.report("2026-10");
    let mut same_day = after.clone();
    same_day.header.made_on = before.header.made_on.clone();
    assert_eq!(serde_json::to_string(&same_day.party).unwrap(), serde_json::to_string(&before.party).unwrap());
    assert_eq!(after.party, Some(expected_october()));

    // November: 甲 gone, 癸 in (registered 11-25, recorded in December); 丙 seen again;
    // the quarter's 支部党员大会 held by A (counted from 10-01 to 11-30), not by B.
    let nov = p.report("2026-11").party.unwrap();
    assert_eq!((nov.members, nov.lost_contact, nov.transferred_out), (7, 0, 1));
    let general = nov.by_meeting_kind.iter().find(|k| k.key == MeetingKind::GeneralMeeting).unwrap();
    assert_eq!(
        (general.from.as_str(), general.counted_to.as_str(), general.held, general.met, general.required),
        ("2026-10-01", "2026-11-30", 1, 1, 2)
    );
    // nobody paid November by its end (丁 paid October and November on 12-01)
    assert_eq!((nov.dues.member_months, nov.dues.paid, nov.dues.unpaid), (7, 0, 7));
}

#[test]
fn a_station_without_a_party_organisation_has_the_section_with_zeros() {
    let w = super::october();
    let r = w.report("2026-10");
    let empty = PartyFigures {
        dues: PartyDuesFigures { months: vec!["2026-10".into()], ..Default::default() },
        ..Default::default()
    };
    assert_eq!(r.party, Some(empty));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["party"]["byBranch"], serde_json::json!([]));
    assert_eq!(json["party"]["dues"]["paidRate"], serde_json::Value::Null);
}

/// A month closed before the 党建 section existed: its snapshot (schemaVersion 1, no `party`)
/// loads, shows no party figures (null, not zeros), and lists none as changed since closing;
/// the next month's corrections after closing leave party figures out too.
#[test]
fn a_month_closed_under_schema_version_1_still_loads() {
    let (mut p, _) = october();
    // What version 1 stored: the report without `party` and without the party main figures.
    let now = p.report("2026-10");
    let mut v1 = serde_json::to_value(&now).unwrap();
    let fields = v1.as_object_mut().unwrap();
    fields.remove("party");
    fields.insert("schemaVersion".into(), 1.into());
    let changes = fields["changes"].as_array_mut().unwrap();
    changes.retain(|c| !c["key"].as_str().unwrap().starts_with("party."));
    let text = serde_json::to_string(&v1).unwrap();
    let hash = closing::sha256_hex(&text);
    let closed_at = "2026-11-02T01:00:00Z";
    let link = closing::chain_link(closing::CHAIN_START, "2026-10", closed_at, "李文", &hash);
    p.st.conn()
        .execute(
            "INSERT INTO report_closings (month, snapshot, hash, closed_by, closed_by_name, closed_at, prev_chain_hash, chain_hash)
             VALUES ('2026-10', ?1, ?2, ?3, '李文', ?4, ?5, ?6)",
            rusqlite::params![text, hash, p.clerk.id, closed_at, closing::CHAIN_START, link],
        )
        .unwrap();

    let oct = p.report("2026-10");
    assert_eq!(oct.schema_version, 1);
    assert_eq!(oct.party, None);
    assert_eq!(oct.closing.as_ref().unwrap().hash, hash);
    assert_eq!(oct.residents, now.residents);
    assert!(oct.changed_since_closing.is_empty(), "{:?}", oct.changed_since_closing);
    assert!(crate::report::flatten(&oct).iter().all(|(k, _, _)| !k.starts_with("party")));
    assert_all_formats_agree(&oct);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总.xlsx");
    export::write_report(&oct, export::ReportFormat::Xlsx, &path).unwrap();
    assert!(super::sheet(&path, "党建")[1][0].contains("第 1 版"));

    // November compares with what was filed: no party figure then, so no change to show.
    let nov = p.report("2026-11");
    assert!(nov.after_closing.iter().all(|c| !c.key.starts_with("party")), "{:?}", nov.after_closing);
    let members = nov.changes.iter().find(|c| c.key == "party.members").unwrap();
    assert_eq!((members.previous, members.delta), (None, None));
    assert!(nov.party.is_some());

    // Closing November stores version 2, chained after the version-1 closing.
    p.set("2026-12-02 09:00");
    let filed = p.st.report_close(&p.clerk, &CloseInput { month: "2026-11".into() }).unwrap();
    assert_eq!(filed.schema_version, 2);
    assert!(filed.party.is_some());
    assert!(p.st.report_verify_chain(&p.clerk).unwrap().intact);
}
