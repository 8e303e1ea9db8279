//! The monthly summary's rules, and THE test: a month of known activity in every area, made
//! through the areas' own APIs, checked figure by figure (JSON and .xlsx) against answers
//! worked out by hand below.

use super::activities::{CategoryRow, RoomRow};
use super::cases::{CaseKindRow, CountRow};
use super::volunteers::{HoursRow, TopVolunteer, UnitRow};
use super::wishes::WishKindRow;
use super::*;
use crate::activities::{
    ActivityCancelInput, ActivityCreateInput, ActivityInput, CheckInInput, DeskBookingInput, EditScope, VenueInput,
};
use crate::cases::{
    CaseAssignInput, CaseFeedbackInput, CaseFollowupInput, CaseInput, CaseKind, CaseResolveInput, CaseSource,
    CaseStepInput, FeedbackChannel, FollowupMethod, Resolution, Satisfaction,
};
use crate::clock::Clock;
use crate::db::MIGRATIONS;
use crate::error::ErrorCode;
use crate::inventory::{
    BorrowerKind, IssueInput, ItemInput, ItemKind, LendInput, ReceiveInput, ReceiveSource, ReturnCondition,
    ReturnInput, ReverseInput,
};
use crate::residents::ResidentInput;
use crate::testing::add_admin_and_clerk;
use crate::volunteers::ledger::{ClaimDecision, ClaimInput};
use crate::volunteers::roster::VolunteerInput;
use crate::volunteers::units::PartnerUnitInput;
use crate::wishes::{WishCreditLine, WishFulfilInput, WishHelperInput, WishKind, WishNoteInput, WishPostInput};
use crate::wishes::{WishRateInput, WishSatisfaction};
use chrono::{DateTime, Utc};

mod party;

/// A local (Asia/Shanghai) moment: "2026-10-01 00:01".
fn at(local: &str) -> DateTime<Utc> {
    DateTime::parse_from_str(&format!("{local} +0800"), "%Y-%m-%d %H:%M %z").unwrap().with_timezone(&Utc)
}

struct World {
    st: Station,
    admin: StaffActor,
    clerk: StaffActor,
    residents: Vec<i64>,
    vols: Vec<i64>,
}

impl World {
    fn set(&mut self, local: &str) {
        self.st.set_clock(Clock::Fixed(at(local)));
    }

    fn resident(&mut self, name: &str, phone: &str) -> i64 {
        let input = ResidentInput { name: name.into(), phone: phone.into(), ..Default::default() };
        self.st.resident_create(&self.clerk, &input).unwrap().id
    }

    fn r(&self, i: usize) -> i64 {
        self.residents[i]
    }

    fn report(&self, month: &str) -> MonthlyReport {
        self.st.report(&self.clerk, &ReportInput::month(month)).unwrap()
    }

    fn claim(&mut self, v: usize, day: &str, minutes: i64, kind: &str) {
        let input = ClaimInput {
            volunteer_id: self.vols[v],
            service_day: day.into(),
            minutes,
            service_kind: kind.into(),
            what: "服务".into(),
            for_whom: String::new(),
        };
        let claim = self.st.hour_claim_record(&self.clerk, &input).unwrap();
        let decision = ClaimDecision { id: claim.id, approve: true, note: String::new() };
        self.st.hour_claim_decide(&self.admin, &decision).unwrap();
    }

    fn volunteer(&mut self, name: &str, phone: &str, kind_id: i64, unit: Option<i64>, reported: Option<&str>) -> i64 {
        let input = VolunteerInput {
            resident_id: None,
            name: name.into(),
            phone: phone.into(),
            gender: None,
            birth_date: None,
            id_number: None,
            grid_id: None,
            compound_id: None,
            party_member: kind_id == 1,
            kind_id,
            unit_id: unit,
            reported_in: reported.is_some(),
            reported_in_on: reported.map(String::from),
            skills: Vec::new(),
            availability: Vec::new(),
            note: String::new(),
            national_number: None,
        };
        self.st.volunteer_create(&self.admin, &input).unwrap().id
    }
}

fn activity(venue: i64, category: i64, date: &str, start: &str, end: &str) -> ActivityCreateInput {
    ActivityCreateInput {
        activity: ActivityInput {
            title: "活动".into(),
            category_id: category,
            venue_id: venue,
            date: date.into(),
            start_time: start.into(),
            end_time: end.into(),
            capacity: 20,
            publish: true,
            ..Default::default()
        },
        weeks: 1,
    }
}

fn item(w: &mut World, name: &str, kind: ItemKind, min_stock: i64) -> i64 {
    let input = ItemInput {
        name: name.into(),
        category_id: None,
        unit: "件".into(),
        kind,
        place: "储物间".into(),
        min_stock,
        note: String::new(),
    };
    w.st.inventory_item_create(&w.clerk, &input).unwrap().item.id
}

fn receive(w: &mut World, item_id: i64, quantity: i64, expiry: Option<&str>) -> Vec<i64> {
    let input = ReceiveInput {
        item_id,
        quantity,
        source: ReceiveSource::Purchase,
        expiry_date: expiry.map(String::from),
        batch_label: String::new(),
        asset_codes: Vec::new(),
        note: String::new(),
    };
    w.st.inventory_receive(&w.clerk, &input).unwrap().assets.iter().map(|a| a.id).collect()
}

fn lend(w: &mut World, item_id: i64, asset: i64, resident: i64, due: &str) -> i64 {
    let input = LendInput {
        item_id,
        asset_id: Some(asset),
        quantity: 1,
        borrower_kind: BorrowerKind::Resident,
        borrower_id: resident,
        due_date: due.into(),
        condition: "完好".into(),
        purpose: String::new(),
    };
    w.st.inventory_lend(&w.clerk, &input).unwrap().id
}

fn case(w: &mut World, kind: CaseKind, source: CaseSource, resident: Option<i64>) -> i64 {
    let input = CaseInput {
        source,
        resident_id: resident,
        kind,
        title: "楼道灯不亮".into(),
        description: "居民反映".into(),
        contact_name: "张三".into(),
        contact_phone: "13812341234".into(),
        place_text: "3号楼".into(),
        confirm_duplicate: true,
        ..CaseInput::default()
    };
    w.st.case_report(&w.clerk, &input).unwrap().id
}

fn case_to_followup(w: &mut World, id: i64, resolution: Resolution, satisfaction: Satisfaction) {
    let (st, clerk) = (&mut w.st, &w.clerk);
    let step = CaseStepInput { id, note: String::new() };
    st.case_accept(clerk, &step).unwrap();
    st.case_assign(clerk, &CaseAssignInput { id, handler_staff_id: Some(clerk.id), ..Default::default() }).unwrap();
    st.case_investigate(clerk, &step).unwrap();
    st.case_resolve(clerk, &CaseResolveInput { id, result: "已处理".into() }).unwrap();
    let feedback =
        CaseFeedbackInput { id, content: "已处理".into(), told_at: None, channel: FeedbackChannel::Phone };
    st.case_feedback(clerk, &feedback).unwrap();
    let visit = CaseFollowupInput { id, method: FollowupMethod::Call, resolution, satisfaction, note: String::new() };
    st.case_followup(clerk, &visit).unwrap();
}

/// September and October 2026 of a small station, every area (see each block's comment);
/// the clock ends on 2026-11-05 10:00, after October.
fn october() -> World {
    let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(at("2026-09-20 10:00"))).unwrap();
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    let mut w = World { st, admin, clerk, residents: Vec::new(), vols: Vec::new() };

    // Residents: R0 one minute before October (Shanghai), R1–R5 one minute into it, R6 one
    // minute before it ends, R7 in November. October registers 6, September 1.
    w.set("2026-09-30 23:59");
    let r0 = w.resident("赵一", "13900000000");
    w.residents.push(r0);
    w.set("2026-10-01 00:01");
    for (i, name) in ["钱二", "孙三", "李四", "周五", "吴六"].iter().enumerate() {
        let id = w.resident(name, &format!("1390000000{}", i + 1));
        w.residents.push(id);
    }
    w.set("2026-10-31 23:59");
    let r6 = w.resident("郑七", "13900000006");
    w.residents.push(r6);
    w.set("2026-11-01 00:01");
    let r7 = w.resident("王八", "13900000007");
    w.residents.push(r7);
    let rs = w.residents.clone();

    // Volunteers (created in October; whom they are does not count, their hours do).
    w.set("2026-10-01 09:00");
    let unit = |w: &mut World, name: &str, expected: u32| {
        let input = PartnerUnitInput {
            name: name.into(),
            kind: "机关".into(),
            expected_members: expected,
            ..Default::default()
        };
        w.st.partner_unit_save(&w.admin, &input).unwrap().id
    };
    let tax = unit(&mut w, "市税务局", 4);
    unit(&mut w, "第一小学", 0);
    let v1 = w.volunteer("志愿者甲", "13700000001", 1, Some(tax), Some("2026-09-15"));
    let v2 = w.volunteer("志愿者乙", "13700000002", 8, None, None);
    w.vols = vec![v1, v2];

    // Activities in 多功能厅: A1 党课 10-10 14:00–16:00 (R1, R2 come, R3 does not), A2 健康讲座
    // 10-20 09:00–10:30 (R1 comes, R4 does not), A3 cancelled, A4 in November (R5 books).
    w.set("2026-10-02 09:00");
    let venue = VenueInput {
        id: None,
        name: "多功能厅".into(),
        capacity: 40,
        equipment: String::new(),
        opens_at: "08:00".into(),
        closes_at: "21:00".into(),
        open_weekdays: vec![1, 2, 3, 4, 5, 6, 7],
        archived: false,
    };
    let venue = w.st.venue_save(&w.clerk, &venue).unwrap().id;
    let a1 = w.st.activity_create(&w.clerk, &activity(venue, 1, "2026-10-10", "14:00", "16:00")).unwrap().id;
    let a2 = w.st.activity_create(&w.clerk, &activity(venue, 3, "2026-10-20", "09:00", "10:30")).unwrap().id;
    let a3 = w.st.activity_create(&w.clerk, &activity(venue, 3, "2026-10-25", "09:00", "10:00")).unwrap().id;
    let a4 = w.st.activity_create(&w.clerk, &activity(venue, 2, "2026-11-03", "09:00", "10:00")).unwrap().id;
    let book = |w: &mut World, activity_id: i64, r: usize| {
        let input = DeskBookingInput { activity_id, resident_id: w.r(r), join_waitlist: false };
        w.st.booking_create(&w.clerk, &input).unwrap().booking_id
    };
    let b11 = book(&mut w, a1, 1);
    let b12 = book(&mut w, a1, 2);
    book(&mut w, a1, 3);
    let b21 = book(&mut w, a2, 1);
    book(&mut w, a2, 4);
    book(&mut w, a4, 5);
    let cancel = ActivityCancelInput { id: a3, reason: "场地维修".into(), scope: EditScope::One };
    w.st.activity_cancel(&w.clerk, &cancel).unwrap();
    w.set("2026-10-10 14:05");
    for b in [b11, b12] {
        w.st.booking_check_in(&w.clerk, &CheckInInput { booking_id: b, attended: true }).unwrap();
    }
    w.set("2026-10-10 17:00");
    w.st.activities_settle().unwrap();
    w.set("2026-10-20 09:10");
    w.st.booking_check_in(&w.clerk, &CheckInInput { booking_id: b21, attended: true }).unwrap();
    w.set("2026-10-20 11:00");
    w.st.activities_settle().unwrap();

    // Inventory, 10-04: 口罩 (min 5) +20 expiring 11-20, 瓶装水 (min 10) +8, 轮椅 ×2; 6 口罩
    // issued; 10-06 a receipt of 5 口罩 reversed (counts for nothing); 轮椅 lent to R3 due
    // 10-15 (never back: overdue), 10-12 the other to R4, back 10-28.
    w.set("2026-10-04 10:00");
    let masks = item(&mut w, "医用口罩", ItemKind::Consumable, 5);
    let water = item(&mut w, "瓶装水", ItemKind::Emergency, 10);
    let chairs = item(&mut w, "轮椅", ItemKind::Asset, 0);
    receive(&mut w, masks, 20, Some("2026-11-20"));
    receive(&mut w, water, 8, Some("2027-06-01"));
    let units = receive(&mut w, chairs, 2, None);
    let issue = IssueInput {
        item_id: masks,
        batch_id: None,
        quantity: 6,
        recipient: "社区卫生站".into(),
        activity: String::new(),
        note: String::new(),
    };
    w.st.inventory_issue(&w.clerk, &issue).unwrap();
    lend(&mut w, chairs, units[0], rs[3], "2026-10-15");
    w.set("2026-10-06 10:00");
    receive(&mut w, masks, 5, None);
    let last: i64 = w.st.conn().query_row("SELECT MAX(id) FROM inv_movements", [], |r| r.get(0)).unwrap();
    w.st.inventory_reverse(&w.clerk, &ReverseInput { movement_id: last, reason: "录入错误".into() }).unwrap();
    w.set("2026-10-12 10:00");
    let loan = lend(&mut w, chairs, units[1], rs[4], "2026-10-30");
    w.set("2026-10-28 10:00");
    let back = ReturnInput { loan_id: loan, quantity: 1, condition: ReturnCondition::Good, note: String::new() };
    w.st.inventory_return(&w.clerk, &back).unwrap();

    // Wishes, 10-05 10:00: W1 服务 by R2, W2 物品 (kiosk phone only), W3 维修 by R1; all
    // published; V1 claims W1 promising 10-08, V2 claims W2 promising 10-06; both fulfilled
    // 10-07 15:00 (W1 on time, W2 late); rated 10-09: W1 满意, W2 基本满意.
    w.set("2026-10-05 10:00");
    let post = |w: &mut World, kind: WishKind, resident: Option<i64>| {
        let input = WishPostInput {
            kind,
            content: "需要帮助".into(),
            wanted_by: None,
            resident_id: resident,
            requester_name: "居民".into(),
            phone: "13811112222".into(),
            notice_version: crate::privacy::NOTICE_VERSION.into(),
            photo_consent: false,
        };
        w.st.wish_post(&w.clerk, &input).unwrap().row.id
    };
    let w1 = post(&mut w, WishKind::Service, Some(rs[2]));
    let w2 = post(&mut w, WishKind::Goods, None);
    let w3 = post(&mut w, WishKind::Repair, Some(rs[1]));
    for id in [w1, w2, w3] {
        w.st.wish_publish(&w.clerk, &WishNoteInput { id, note: String::new() }).unwrap();
    }
    for (id, v, promised) in [(w1, v1, "2026-10-08"), (w2, v2, "2026-10-06")] {
        let input = WishHelperInput { id, volunteer_id: v, promised_date: promised.into(), note: String::new() };
        w.st.wish_claim(&w.clerk, &input).unwrap();
    }
    w.set("2026-10-07 15:00");
    for (id, v) in [(w1, v1), (w2, v2)] {
        // no credit, so the volunteers' hours below are the claims alone
        let credits = vec![WishCreditLine { volunteer_id: v, minutes: 0, points: 0 }];
        let input = WishFulfilInput { id, note: "已完成".into(), photo: None, credits };
        w.st.wish_fulfil(&w.clerk, &input).unwrap();
    }
    w.set("2026-10-09 10:00");
    for (id, satisfaction) in [(w1, WishSatisfaction::Satisfied), (w2, WishSatisfaction::Partly)] {
        let input = WishRateInput { id, satisfaction, stars: 4, comment: String::new() };
        w.st.wish_rate(&w.clerk, &input).unwrap();
    }

    // Cases, Thursday 10-08 09:00: C1 服务 walk-in by R1, handled, solved and satisfied; C2
    // 纠纷 by phone from R5, never accepted (its 24 h passed); C3 服务 from a grid worker,
    // handled, partly solved, neutral.
    w.set("2026-10-08 09:00");
    let c1 = case(&mut w, CaseKind::Service, CaseSource::WalkIn, Some(rs[1]));
    case(&mut w, CaseKind::Dispute, CaseSource::Phone, Some(rs[5]));
    let c3 = case(&mut w, CaseKind::Service, CaseSource::GridWorker, None);
    case_to_followup(&mut w, c1, Resolution::Solved, Satisfaction::Satisfied);
    case_to_followup(&mut w, c3, Resolution::Partly, Satisfaction::Neutral);

    // Hours, approved on 11-05: V1 10-03 120 min 值班服务 and 10-31 60 min 助老服务, V2 10-15
    // 90 min 助老服务 and 09-30 30 min (September); V3 (市税务局, reported in 10-20) 11-01 45
    // min (November); V4 (市税务局) reported in on 11-02.
    w.set("2026-11-05 10:00");
    let v3 = w.volunteer("志愿者丙", "13700000003", 1, Some(tax), Some("2026-10-20"));
    w.volunteer("志愿者丁", "13700000004", 1, Some(tax), Some("2026-11-02"));
    w.vols.push(v3);
    w.claim(0, "2026-10-03", 120, "值班服务");
    w.claim(0, "2026-10-31", 60, "助老服务");
    w.claim(1, "2026-10-15", 90, "助老服务");
    w.claim(1, "2026-09-30", 30, "助老服务");
    w.claim(2, "2026-11-01", 45, "助老服务");
    w
}

/// October worked out by hand from the comments in `october()`.
fn expected_october() -> (ResidentFigures, ActivityFigures, WishFigures, VolunteerFigures, InventoryFigures, CaseSummary)
{
    // served: activities R1 R2 R3 R4 (A4 is November's), wishes R2 R1, loans R3 R4, cases R1 R5
    let residents = ResidentFigures {
        served: 5,
        served_by_activities: 4,
        served_by_wishes: 2,
        served_by_loans: 2,
        served_by_cases: 2,
        new_registrations: 6,
    };
    let activities = ActivityFigures {
        held: 2,
        cancelled: 1,
        participants: 3,
        no_shows: 2,
        unsettled: 0,
        unsettled_bookings: 0,
        attendance_rate: Some(0.6),
        by_category: vec![
            CategoryRow {
                label: "健康讲座".into(), held: 1, participants: 1, no_shows: 1, attendance_rate: Some(0.5)
            },
            CategoryRow {
                label: "党课".into(), held: 1, participants: 2, no_shows: 1, attendance_rate: Some(0.6667)
            },
        ],
        // 2 h + 1.5 h
        rooms: vec![RoomRow {
            label: "多功能厅".into(),
            activities: 2,
            activity_hours: 3.5,
            group_bookings: 0,
            group_hours: 0.0,
        }],
    };
    let kind = |key: &str, label: &str, received, fulfilled| WishKindRow {
        key: key.into(),
        label: label.into(),
        received,
        fulfilled,
    };
    let wishes = WishFigures {
        received: 3,
        published: 3,
        claimed: 2,
        fulfilled: 2,
        fulfilled_on_time: 1,
        on_time_rate: Some(0.5),
        // both 2 days 5 hours = 2.208 days
        avg_days_to_fulfil: Some(2.2),
        rated: 2,
        satisfied: 1,
        partly: 1,
        not_satisfied: 0,
        satisfaction_rate: Some(0.5),
        by_kind: vec![
            kind("goods", "物品", 1, 1),
            kind("service", "服务", 1, 1),
            kind("company", "陪伴", 0, 0),
            kind("repair", "维修", 1, 0),
            kind("other", "其他", 0, 0),
        ],
    };
    // points: 值班服务 10/h → 20; 助老服务 12/h → 12 and 18
    let volunteers = VolunteerFigures {
        active: 2,
        minutes: 270,
        hours: 4.5,
        points: 50,
        by_kind: vec![
            HoursRow { label: "在职党员".into(), people: 1, minutes: 180, hours: 3.0 },
            HoursRow { label: "普通志愿者".into(), people: 1, minutes: 90, hours: 1.5 },
        ],
        by_service_kind: vec![
            HoursRow { label: "助老服务".into(), people: 2, minutes: 150, hours: 2.5 },
            HoursRow { label: "值班服务".into(), people: 1, minutes: 120, hours: 2.0 },
        ],
        top_ten: vec![
            TopVolunteer { rank: 1, name: "志愿者甲".into(), minutes: 180, hours: 3.0, points: 32 },
            TopVolunteer { rank: 2, name: "志愿者乙".into(), minutes: 90, hours: 1.5, points: 18 },
        ],
        units: vec![
            UnitRow {
                name: "市税务局".into(),
                expected: 4,
                reported_in: 2,
                report_in_rate: Some(50),
                minutes: 180,
                hours: 3.0,
            },
            UnitRow {
                name: "第一小学".into(),
                expected: 0,
                reported_in: 0,
                report_in_rate: None,
                minutes: 0,
                hours: 0.0,
            },
        ],
        report_in_rate: Some(50),
    };
    // receipts are ledger lines: one per batch, one per asset unit (轮椅 ×2 is two)
    let inventory = InventoryFigures {
        receipts: 4,
        received_quantity: 30,
        issues: 1,
        issued_quantity: 6,
        loans: 2,
        lent_quantity: 2,
        returned_quantity: 1,
        disposed_quantity: 0,
        overdue_loans: 1,
        below_minimum: 1,
        expiring_batches: 1,
        expiring_quantity: 14,
    };
    let count = |key: &str, label: &str, count| CountRow { key: key.into(), label: label.into(), count };
    let cases = CaseSummary {
        received: 3,
        unreasonable: 0,
        response_rate: Some(0.6667),
        resolution_rate: Some(0.5),
        satisfaction_rate: Some(0.5),
        followed_up: 2,
        avg_handling_hours: Some(0.0),
        by_kind: vec![
            CaseKindRow {
                key: "dispute".into(),
                label: "矛盾纠纷".into(),
                total: 1,
                unreasonable: 0,
                response_rate: Some(0.0),
                resolution_rate: None,
                satisfaction_rate: None,
            },
            CaseKindRow {
                key: "service".into(),
                label: "服务诉求".into(),
                total: 2,
                unreasonable: 0,
                response_rate: Some(1.0),
                resolution_rate: Some(0.5),
                satisfaction_rate: Some(0.5),
            },
        ],
        by_source: vec![
            count("walk_in", "来访", 1),
            count("phone", "来电", 1),
            count("grid_worker", "网格员上报", 1),
            count("hotline", "12345 转办", 0),
            count("kiosk", "自助终端", 0),
        ],
    };
    (residents, activities, wishes, volunteers, inventory, cases)
}

fn cell_text(c: &calamine::Data) -> String {
    match c {
        calamine::Data::String(s) => s.clone(),
        calamine::Data::Float(f) => f.to_string(),
        calamine::Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// A sheet of the workbook as rows of text (numbers printed as numbers).
fn sheet(path: &std::path::Path, name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.iter().map(cell_text).collect()).collect()
}

fn row<'a>(rows: &'a [Vec<String>], first: &str) -> &'a [String] {
    rows.iter().find(|r| r.first().map(String::as_str) == Some(first)).unwrap_or_else(|| panic!("no row {first}"))
}

#[test]
fn a_month_of_known_activity_gives_the_hand_computed_figures_in_json_and_xlsx() {
    let w = october();
    let r = w.report("2026-10");
    let (residents, activities, wishes, volunteers, inventory, cases) = expected_october();
    assert_eq!(r.residents, residents);
    assert_eq!(r.activities, activities);
    assert_eq!(r.wishes, wishes);
    assert_eq!(r.volunteers, volunteers);
    assert_eq!(r.inventory, inventory);
    assert_eq!(r.cases, cases);
    assert_eq!(r.period.from, "2026-10-01");
    assert_eq!(r.period.to, "2026-10-31");
    assert_eq!(r.period.as_of, "2026-10-31");
    assert_eq!(r.header.station, "阳光花园党群服务站");
    assert_eq!(r.header.title_period, "2026年10月");
    assert_eq!(r.header.made_by, "李文");

    // The JSON's documented names (docs/REPORT.md) hold the same figures.
    let json = serde_json::to_value(&r).unwrap();
    let at = |path: &str| path.split('.').fold(&json, |v, k| &v[k]).clone();
    assert_eq!(at("schemaVersion"), 2);
    assert_eq!(at("residents.served"), 5);
    assert_eq!(at("residents.newRegistrations"), 6);
    assert_eq!(at("activities.attendanceRate"), 0.6);
    assert_eq!(at("wishes.avgDaysToFulfil"), 2.2);
    assert_eq!(at("volunteers.hours"), 4.5);
    assert_eq!(at("volunteers.topTen")[0]["name"], "志愿者甲");
    assert_eq!(at("inventory.overdueLoans"), 1);
    assert_eq!(at("cases.responseRate"), 0.6667);
    assert_eq!(at("period.month"), "2026-10");

    // .xlsx read back: every section's sheet.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总.xlsx");
    export::write_report(&r, export::ReportFormat::Xlsx, &path).unwrap();
    let res = sheet(&path, "服务居民");
    assert_eq!(res[0], ["项目", "数值", "单位"]);
    for (label, v) in [("服务居民人数", "5"), ("其中预约活动", "4"), ("其中借用物资", "2"), ("新登记居民", "6")]
    {
        assert_eq!(row(&res, label)[1], v, "{label}");
    }
    let act = sheet(&path, "活动");
    assert_eq!(row(&act, "党课")[1..5], ["1", "2", "1", "66.7"]);
    assert_eq!(row(&act, "健康讲座")[1..5], ["1", "1", "1", "50"]);
    // 合计 also carries the cancelled and the not-yet-settled (未核销)
    assert_eq!(row(&act, "合计")[1..], ["2", "3", "2", "60", "1", "0", "0"]);
    assert_eq!(row(&sheet(&path, "场地使用"), "多功能厅")[1..3], ["2", "3.5"]);
    let wi = sheet(&path, "微心愿");
    for (label, v) in [
        ("收到", "3"),
        ("发布", "3"),
        ("认领", "2"),
        ("实现", "2"),
        ("按期实现", "1"),
        ("按期率%", "50"),
        ("平均实现天数", "2.2"),
        ("满意", "1"),
        ("基本满意", "1"),
        ("不满意", "0"),
        ("维修类 收到", "1"),
        ("维修类 实现", "0"),
    ] {
        assert_eq!(row(&wi, label)[1], v, "{label}");
    }
    let vo = sheet(&path, "志愿服务");
    assert_eq!(row(&vo, "合计")[2..], ["2", "270", "4.5", "50"]);
    let top = sheet(&path, "志愿者前十");
    assert_eq!(top[1], ["1", "志愿者甲", "180", "3", "32"]);
    assert_eq!(top[2], ["2", "志愿者乙", "90", "1.5", "18"]);
    let units = sheet(&path, "共建单位");
    assert_eq!(row(&units, "市税务局")[1..], ["4", "2", "50", "180", "3"]);
    assert_eq!(row(&units, "合计")[3], "50");
    let inv = sheet(&path, "物资");
    for (label, v) in [
        ("入库笔数", "4"),
        ("入库数量", "30"),
        ("发放数量", "6"),
        ("借出笔数", "2"),
        ("归还数量", "1"),
        ("逾期未还", "1"),
        ("低于最低库存", "1"),
        ("临期批次", "1"),
        ("临期数量", "14"),
    ] {
        assert_eq!(row(&inv, label)[1], v, "{label}");
    }
    let ca = sheet(&path, "接诉即办");
    assert_eq!(row(&ca, "合计")[1..], ["3", "0", "66.7", "50", "50", "2", "0"]);
    assert_eq!(row(&ca, "来源：来电")[1], "1");
    // numbers are stored as numbers, not text
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let range = book.worksheet_range("物资").unwrap();
    assert!(matches!(range.get((1, 1)), Some(calamine::Data::Float(_))));

    // The CSV has one line per figure.
    let csv = dir.path().join("汇总.csv");
    export::write_report(&r, export::ReportFormat::Csv, &csv).unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
    assert!(text.contains("\r\n物资,逾期未还,1,inventory.overdueLoans\r\n"), "{text}");
    assert!(
        text.contains("\r\n活动,按类别 · 党课 · 到场率,0.6667,activities.byCategory[党课].attendanceRate\r\n"),
        "{text}"
    );
}

#[test]
fn month_on_month_compares_with_the_previous_month() {
    let w = october();
    let r = w.report("2026-10");
    let change = |key: &str| r.changes.iter().find(|c| c.key == key).unwrap().clone();
    let reg = change("residents.newRegistrations");
    assert_eq!((reg.current, reg.previous, reg.delta), (Some(6.0), Some(1.0), Some(5.0)));
    let hours = change("volunteers.hours");
    assert_eq!((hours.current, hours.previous, hours.delta), (Some(4.5), Some(0.5), Some(4.0)));
    let rate = change("activities.attendanceRate");
    assert_eq!((rate.current, rate.previous, rate.delta), (Some(60.0), None, None));
    assert_eq!(r.changes.len(), MAIN_FIGURES.len());
    // September alone: R0 at 23:59 on the 30th is September's, in Shanghai time.
    let sep = w.report("2026-09");
    assert_eq!(sep.residents.new_registrations, 1);
    assert_eq!(sep.volunteers.minutes, 30);
    // November: R7 at 00:01, V3's 45 minutes, A4 (11-03, ended, not settled) held with
    // R5's booking not yet settled (未核销), not a no-show.
    let nov = w.report("2026-11");
    assert_eq!(nov.residents.new_registrations, 1);
    assert_eq!(nov.volunteers.minutes, 45);
    assert_eq!(nov.period.as_of, "2026-11-05");
    let a = &nov.activities;
    assert_eq!((a.held, a.no_shows, a.unsettled, a.unsettled_bookings), (1, 0, 1, 1));
    assert_eq!(a.attendance_rate, None, "nothing settled: no rate, not 0 %");
    // V4 reported in on 11-02: November's report-in counts three of four
    assert_eq!(nov.volunteers.report_in_rate, Some(75));
}

#[test]
fn a_date_range_is_the_same_rules_over_its_days_and_compares_with_as_many_days_before() {
    let w = october();
    let r = w.st.report(&w.clerk, &ReportInput::range("2026-10-01", "2026-10-15")).unwrap();
    assert_eq!(r.period.kind, "range");
    assert_eq!(r.period.days, 15);
    assert_eq!(r.header.title_period, "2026年10月01日 至 2026年10月15日");
    // V1's 10-03 and V2's 10-15, not V1's 10-31
    assert_eq!(r.volunteers.minutes, 210);
    assert_eq!(r.activities.held, 1);
    // R6 registered on the 31st
    assert_eq!(r.residents.new_registrations, 5);
    // the 15 days before: 09-16 … 09-30 (R0, V2's 30 minutes)
    let reg = r.changes.iter().find(|c| c.key == "residents.newRegistrations").unwrap();
    assert_eq!(reg.previous, Some(1.0));
    let one_day = w.st.report(&w.clerk, &ReportInput::range("2026-10-31", "2026-10-31")).unwrap();
    assert_eq!(one_day.residents.new_registrations, 1);
    assert_eq!(one_day.volunteers.minutes, 60);
}

#[test]
fn closing_freezes_the_month_and_later_corrections_are_listed_not_silently_applied() {
    let mut w = october();
    let filed = w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap();
    let closing = filed.closing.clone().unwrap();
    assert_eq!(closing.hash.len(), 64);
    assert_eq!(closing.short_hash, closing.hash[..12]);
    assert_eq!(closing.closed_by, "李文");
    // the stored snapshot hashes to the stored hash, and reading twice gives the same report
    let (text, hash): (String, String) =
        w.st.conn()
            .query_row("SELECT snapshot, hash FROM report_closings WHERE month = '2026-10'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
    assert_eq!(closing::sha256_hex(&text), hash);
    assert_eq!(w.report("2026-10"), filed);
    assert!(filed.changed_since_closing.is_empty());
    // closing twice is refused; a month not over yet cannot be closed
    let again = w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    let early = w.st.report_close(&w.clerk, &CloseInput { month: "2026-11".into() }).unwrap_err();
    assert_eq!(early.field.as_deref(), Some("month"));
    assert!(early.message.contains("尚未结束"), "{}", early.message);

    // A correction to October after closing: 30 more minutes for V2 on 10-20.
    w.claim(1, "2026-10-20", 30, "助老服务");
    let oct = w.report("2026-10");
    assert_eq!(oct.volunteers.minutes, 270, "the filed report never changes");
    assert_eq!(oct.closing.as_ref().unwrap().hash, closing.hash);
    let changed = oct.changed_since_closing.iter().find(|c| c.key == "volunteers.minutes").unwrap();
    assert_eq!((changed.filed, changed.current), (Some(270.0), Some(300.0)));
    // November's report lists it as a correction after closing, with its label.
    let nov = w.report("2026-11");
    let c = nov.after_closing.iter().find(|c| c.key == "volunteers.minutes").unwrap();
    assert_eq!((c.month.as_str(), c.filed, c.current), ("2026-10", Some(270.0), Some(300.0)));
    assert_eq!(c.label, "志愿服务 · 服务分钟");
    assert!(nov.after_closing.iter().any(|c| c.key == "volunteers.byKind[普通志愿者].minutes"));
    // and compares with what was filed for October
    let hours = nov.changes.iter().find(|c| c.key == "volunteers.hours").unwrap();
    assert_eq!(hours.previous, Some(4.5));

    // The database itself refuses to change or delete a closing.
    assert!(w.st.conn().execute("UPDATE report_closings SET snapshot = '{}'", []).is_err());
    assert!(w.st.conn().execute("DELETE FROM report_closings", []).is_err());
}

#[test]
fn only_an_admin_reopens_a_month_and_only_with_a_reason() {
    let mut w = october();
    w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap();
    let audit =
        |w: &World| -> i64 { w.st.conn().query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0)).unwrap() };
    let before = audit(&w);
    let by_clerk = ReopenInput { month: "2026-10".into(), reason: "数据有误".into() };
    assert_eq!(w.st.report_reopen(&w.clerk, &by_clerk).unwrap_err().code, ErrorCode::Forbidden);
    let blank = ReopenInput { month: "2026-10".into(), reason: "  ".into() };
    let e = w.st.report_reopen(&w.admin, &blank).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reason"));
    assert!(e.message.contains("原因"));
    assert_eq!(audit(&w), before, "nothing written by a refused reopen");
    assert!(w.report("2026-10").closing.is_some());

    w.claim(1, "2026-10-20", 30, "助老服务");
    let reopened = w.st.report_reopen(&w.admin, &by_clerk).unwrap();
    assert!(reopened.closing.is_none());
    assert_eq!(reopened.volunteers.minutes, 300, "reopened: the figures are live again");
    let (action, detail): (String, String) = w
        .st
        .conn()
        .query_row("SELECT action, detail FROM audit_log WHERE entity = 'report' ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert_eq!(action, "reopen");
    assert!(detail.contains("数据有误"));
    // the old snapshot is kept, marked reopened; closing again makes a new one
    let records = w.st.report_closings(&w.clerk).unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].reopen_reason.as_deref(), Some("数据有误"));
    let again = w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap();
    assert_ne!(again.closing.unwrap().hash, records[0].hash);
    assert_eq!(w.st.report_closings(&w.clerk).unwrap().len(), 2);
    // reopening a month that is not closed is refused by name
    let open = ReopenInput { month: "2026-09".into(), reason: "x".into() };
    assert_eq!(w.st.report_reopen(&w.admin, &open).unwrap_err().field.as_deref(), Some("month"));
}

#[test]
fn bad_periods_are_refused_in_chinese_naming_the_field() {
    let w = october();
    let cases: [(ReportInput, &str); 7] = [
        (ReportInput::month("2026-13"), "month"),
        (ReportInput::month("十月"), "month"),
        (ReportInput::default(), "month"),
        (ReportInput::range("2026-10-01", "2026-09-30"), "to"),
        (ReportInput::range("2026/10/01", "2026-10-30"), "from"),
        (ReportInput::range("2025-01-01", "2026-10-30"), "to"),
        (ReportInput { month: Some("2026-10".into()), from: Some("2026-10-01".into()), to: None }, "month"),
    ];
    for (input, field) in cases {
        let e = w.st.report(&w.clerk, &input).unwrap_err();
        assert_eq!(e.code, ErrorCode::Validation, "{input:?}");
        assert_eq!(e.field.as_deref(), Some(field), "{input:?}");
        assert!(e.message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", e.message);
    }
}

#[test]
fn every_section_statement_runs_with_only_the_named_parameters_the_bounds_provide() {
    let w = october();
    let b = w.st.report_bounds(&ReportInput::month("2026-10")).unwrap();
    for (name, sql) in section_sql() {
        let mut stmt = w.st.conn().prepare(sql).unwrap_or_else(|e| panic!("{name}: {e}"));
        bind(&mut stmt, &b).unwrap_or_else(|e| panic!("{name}: {}", e.message));
        assert!(stmt.raw_query().next().is_ok(), "{name}");
    }
}

#[test]
fn an_ended_activity_not_yet_settled_is_held_with_its_bookings_unsettled_never_no_shows() {
    let mut w = october();
    let base = w.report("2026-11").activities;
    // A5 on 11-04 15:00–16:00: R1 checks in, R2 does not; nobody opened the desk since.
    w.set("2026-11-04 09:00");
    let venue: i64 = w.st.conn().query_row("SELECT id FROM venues", [], |r| r.get(0)).unwrap();
    let a5 = w.st.activity_create(&w.clerk, &activity(venue, 2, "2026-11-04", "15:00", "16:00")).unwrap().id;
    let mut bookings = Vec::new();
    for r in [1, 2] {
        let input = DeskBookingInput { activity_id: a5, resident_id: w.r(r), join_waitlist: false };
        bookings.push(w.st.booking_create(&w.clerk, &input).unwrap().booking_id);
    }
    w.set("2026-11-04 15:10");
    w.st.booking_check_in(&w.clerk, &CheckInInput { booking_id: bookings[0], attended: true }).unwrap();
    w.set("2026-11-04 15:30");
    assert_eq!(w.report("2026-11").activities.held, base.held, "still running");
    w.set("2026-11-05 10:00");
    let status: String =
        w.st.conn().query_row("SELECT status FROM activities WHERE id = ?1", [a5], |r| r.get(0)).unwrap();
    assert_eq!(status, "open", "not settled");
    let before = w.report("2026-11").activities;
    assert_eq!(
        (before.held, before.participants, before.no_shows, before.unsettled, before.unsettled_bookings),
        (base.held + 1, base.participants, base.no_shows, base.unsettled + 1, base.unsettled_bookings + 2)
    );
    // Settling moves its bookings from 未核销 to participants and no-shows.
    w.st.activities_settle().unwrap();
    let after = w.report("2026-11").activities;
    assert_eq!(
        (after.held, after.participants, after.no_shows, after.unsettled, after.unsettled_bookings),
        (base.held + 1, base.participants + 1, base.no_shows + 2, 0, 0),
        "A4's booking settles as a no-show too"
    );
}

/// Issue 24, bug 1: the top ten is "most minutes, then name by pinyin", not by id, and equal
/// minutes share a rank (并列); the ranking page follows the same rule.
#[test]
fn the_top_ten_is_by_minutes_then_pinyin_name_with_ties_sharing_a_rank() {
    let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(at("2026-10-01 09:00"))).unwrap();
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    let mut w = World { st, admin, clerk, residents: Vec::new(), vols: Vec::new() };
    // 赵明 (zhao) is created before 安宁 (an): by id 赵明 would win the tenth place.
    let names = ["赵明", "安宁", "钱一", "孙二", "李三", "周四", "吴五", "郑六", "王七", "冯八", "陈九"];
    for (i, name) in names.iter().enumerate() {
        let id = w.volunteer(name, &format!("137000001{i:02}"), 8, None, None);
        w.vols.push(id);
    }
    w.set("2026-11-02 10:00");
    let minutes = [100, 100, 300, 300, 290, 280, 270, 260, 250, 240, 230];
    for (v, m) in minutes.iter().enumerate() {
        w.claim(v, "2026-10-15", *m, "助老服务");
    }
    let top = w.report("2026-10").volunteers.top_ten;
    let got: Vec<(u32, &str, i64)> = top.iter().map(|t| (t.rank, t.name.as_str(), t.minutes)).collect();
    assert_eq!(
        got,
        [
            (1, "钱一", 300),
            (1, "孙二", 300),
            (3, "李三", 290),
            (4, "周四", 280),
            (5, "吴五", 270),
            (6, "郑六", 260),
            (7, "王七", 250),
            (8, "冯八", 240),
            (9, "陈九", 230),
            (10, "安宁", 100),
        ]
    );
    let page =
        w.st.volunteer_ranking(
            &w.clerk,
            &crate::volunteers::ledger::RankingQuery {
                year: 2026,
                month: Some(10),
                by: crate::volunteers::ledger::RankingBy::Person,
                limit: 10,
            },
        )
        .unwrap();
    let page: Vec<(u32, &str, i64)> = page.iter().map(|r| (r.rank, r.label.as_str(), r.minutes)).collect();
    assert_eq!(page, got, "the ranking page uses the same rule");
    // With room for everybody the tie at 100 is shared too, 安宁 before 赵明.
    let all = crate::volunteers::ledger::rank_people(
        w.st.conn(),
        "2026-10-01".parse().unwrap(),
        "2026-10-31".parse().unwrap(),
        20,
    )
    .unwrap();
    let tail: Vec<(u32, &str)> = all[9..].iter().map(|p| (p.rank, p.name.as_str())).collect();
    assert_eq!(tail, [(10, "安宁"), (10, "赵明")]);
}

/// Issue 24, bug 2: a reminder (督单) or a reassignment in the next month is not a claim.
#[test]
fn wishes_claimed_and_published_count_state_changes_not_reminders_or_reassignments() {
    let mut w = october();
    let w3: i64 = w.st.conn().query_row("SELECT id FROM wishes WHERE kind = 'repair'", [], |r| r.get(0)).unwrap();
    let (v1, v2) = (w.vols[0], w.vols[1]);
    w.set("2026-10-30 10:00");
    let claim = WishHelperInput { id: w3, volunteer_id: v1, promised_date: "2026-11-10".into(), note: String::new() };
    w.st.wish_claim(&w.clerk, &claim).unwrap();
    w.set("2026-11-03 10:00");
    w.st.wish_remind(&w.clerk, &WishNoteInput { id: w3, note: "请尽快上门".into() }).unwrap();
    let reassign =
        WishHelperInput { id: w3, volunteer_id: v2, promised_date: "2026-11-12".into(), note: String::new() };
    w.st.wish_reassign(&w.clerk, &reassign).unwrap();
    w.st.wish_note(&w.clerk, &WishNoteInput { id: w3, note: "已电话督办".into() }).unwrap();
    let oct = w.report("2026-10").wishes;
    assert_eq!((oct.published, oct.claimed), (3, 3));
    let nov = w.report("2026-11").wishes;
    assert_eq!((nov.published, nov.claimed), (0, 0), "no wish was claimed or published in November");
}

/// Issue 24, as of the period: the same past month run on two days with nothing else
/// changed gives the same JSON (but the day it was made). An activity never settled and a
/// case whose accept limit passes only after the month are judged at the month's end.
#[test]
fn a_past_month_gives_the_same_figures_whichever_day_it_runs() {
    let mut w = october();
    // 10-31 19:00–20:00, R1 and R2 booked, never settled; a case reported 10-31 22:00, its
    // 24 h accept limit passing on 11-01 22:00, never accepted.
    w.set("2026-10-30 09:00");
    let venue: i64 = w.st.conn().query_row("SELECT id FROM venues", [], |r| r.get(0)).unwrap();
    let a = w.st.activity_create(&w.clerk, &activity(venue, 2, "2026-10-31", "19:00", "20:00")).unwrap().id;
    for r in [1, 2] {
        let input = DeskBookingInput { activity_id: a, resident_id: w.r(r), join_waitlist: false };
        w.st.booking_create(&w.clerk, &input).unwrap();
    }
    w.set("2026-10-31 22:00");
    case(&mut w, CaseKind::Service, CaseSource::Phone, None);

    w.set("2026-11-01 09:00");
    let early = w.report("2026-10");
    w.set("2026-12-20 15:00");
    let late = w.report("2026-10");
    assert_eq!((early.header.made_on.as_str(), late.header.made_on.as_str()), ("2026-11-01", "2026-12-20"));
    let mut late_same_day = late.clone();
    late_same_day.header.made_on = early.header.made_on.clone();
    assert_eq!(
        serde_json::to_string(&early).unwrap(),
        serde_json::to_string(&late_same_day).unwrap(),
        "only madeOn differs"
    );
    // the unsettled activity is 未核销, not two no-shows; the case inside its limit at the
    // month's end is not counted either way (the hand-built month's 2 of 3 stays)
    assert_eq!((late.activities.unsettled, late.activities.unsettled_bookings, late.activities.no_shows), (1, 2, 2));
    assert_eq!(late.cases.received, 4);
    assert_eq!(late.cases.response_rate, Some(0.6667));
    assert_eq!(late.period.as_of, "2026-10-31");
}

/// Every figure of the sections, by its JSON path: the .xlsx (read back with calamine, at
/// the cell `placements` names; rates in percent) and the .csv show the same value.
fn assert_all_formats_agree(r: &MonthlyReport) {
    use calamine::Reader;
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("汇总.xlsx");
    let csv = dir.path().join("汇总.csv");
    export::write_report(r, export::ReportFormat::Xlsx, &xlsx).unwrap();
    export::write_report(r, export::ReportFormat::Csv, &csv).unwrap();
    let figures = flatten(r);
    assert!(figures.len() > 50, "{}", figures.len());

    let table = crate::tabular::read_table(&csv).unwrap();
    let csv_values: std::collections::HashMap<String, String> =
        table.rows.iter().map(|row| (row.cells[3].clone(), row.cells[2].clone())).collect();
    assert_eq!(table.rows.len(), figures.len(), "one CSV line per figure");

    let places = export::placements(r);
    let mut book = calamine::open_workbook_auto(&xlsx).unwrap();
    let mut ranges = std::collections::HashMap::new();
    for p in &places {
        if !ranges.contains_key(&p.sheet) {
            ranges.insert(p.sheet.clone(), book.worksheet_range(&p.sheet).unwrap());
        }
    }
    let paths: std::collections::HashSet<&str> = figures.iter().map(|(k, _, _)| k.as_str()).collect();
    for p in &places {
        assert!(paths.contains(p.path.as_str()), "the workbook shows {} which the JSON has not", p.path);
    }
    for (path, _, value) in &figures {
        let found: Vec<&export::Placement> = places.iter().filter(|p| &p.path == path).collect();
        assert_eq!(found.len(), 1, "{path} is in the .xlsx once");
        let p = found[0];
        let cell = ranges[&p.sheet].get((p.row, p.col));
        let shown = match cell {
            Some(calamine::Data::Float(f)) => Some(*f),
            Some(calamine::Data::Int(i)) => Some(*i as f64),
            None | Some(calamine::Data::Empty) => None,
            other => panic!("{path}: {other:?} in {} is not a number", p.sheet),
        };
        let expected = value.map(|v| if p.percent { round(v * 100.0, 1) } else { v });
        match (shown, expected) {
            (Some(a), Some(b)) => assert!((a - b).abs() < 1e-9, "{path}: xlsx {a} vs JSON {b}"),
            (a, b) => assert_eq!(a, b, "{path}: xlsx vs JSON"),
        }
        let in_csv = csv_values.get(path).unwrap_or_else(|| panic!("{path} not in the CSV"));
        match value {
            Some(v) => assert!((in_csv.parse::<f64>().unwrap() - v).abs() < 1e-9, "{path}: csv {in_csv} vs JSON {v}"),
            None => assert_eq!(in_csv, "", "{path}: null is an empty CSV cell"),
        }
    }
}

#[test]
fn every_figure_is_the_same_in_json_xlsx_and_csv() {
    let mut w = october();
    w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap();
    w.claim(1, "2026-10-20", 30, "助老服务");
    let nov = w.report("2026-11");
    assert!(!nov.after_closing.is_empty());
    for r in [w.report("2026-09"), w.report("2026-10"), nov] {
        assert_all_formats_agree(&r);
    }
}

/// Closings chain: each links the one before; the desk's check finds every link intact, and
/// an old closing rewritten (snapshot and its hash both) breaks it and every later link.
#[test]
fn closings_form_a_chain_that_a_rewritten_old_closing_breaks_from_there_on() {
    let mut w = october();
    // A closing from before the chain existed (migration 0010): no link yet.
    w.st.conn()
        .execute(
            "INSERT INTO report_closings (month, snapshot, hash, closed_by_name, closed_at)
             VALUES ('2026-07', '{}', ?1, '李文', '2026-08-05T02:00:00Z')",
            [closing::sha256_hex("{}")],
        )
        .unwrap();
    let check = w.st.report_verify_chain(&w.clerk).unwrap();
    assert!(check.intact);
    assert_eq!((check.checked, check.unsealed), (1, 1));
    w.st.report_close(&w.clerk, &CloseInput { month: "2026-09".into() }).unwrap();
    w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap();
    w.st.report_reopen(&w.admin, &ReopenInput { month: "2026-10".into(), reason: "补录服务时长".into() }).unwrap();
    w.st.report_close(&w.clerk, &CloseInput { month: "2026-10".into() }).unwrap();
    let check = w.st.report_verify_chain(&w.clerk).unwrap();
    assert_eq!((check.intact, check.checked, check.unsealed), (true, 4, 0), "{check:?}");
    let records = w.st.report_closings(&w.clerk).unwrap();
    assert!(records.iter().all(|r| r.chain_hash.is_some()), "the old closing was sealed by the next");
    // each link names the one before
    let links: Vec<(Option<String>, Option<String>)> =
        w.st.conn()
            .prepare("SELECT prev_chain_hash, chain_hash FROM report_closings ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
    assert_eq!(links[0].0.as_deref(), Some(closing::CHAIN_START));
    for pair in links.windows(2) {
        assert_eq!(pair[1].0, pair[0].1);
    }
    assert_eq!(check.head, links[3].1);
    // The database refuses to rewrite a link.
    assert!(w.st.conn().execute("UPDATE report_closings SET chain_hash = NULL", []).is_err());
    assert!(w
        .st
        .conn()
        .execute("UPDATE report_closings SET reopen_reason = 'x' WHERE reopened_at IS NOT NULL", [])
        .is_err());

    // Someone with the file and a SQLite shell rewrites September's closing, hash and all.
    w.st.conn().execute_batch("DROP TRIGGER report_closings_frozen").unwrap();
    let (id, text): (i64, String) =
        w.st.conn()
            .query_row("SELECT id, snapshot FROM report_closings WHERE month = '2026-09'", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
    let forged = text.replacen("\"served\":", "\"served\":9", 1);
    assert_ne!(forged, text);
    let forged_hash = closing::sha256_hex(&forged);
    w.st.conn()
        .execute(
            "UPDATE report_closings SET snapshot = ?1, hash = ?2 WHERE id = ?3",
            rusqlite::params![forged, forged_hash, id],
        )
        .unwrap();
    let check = w.st.report_verify_chain(&w.clerk).unwrap();
    assert!(!check.intact);
    let broken: Vec<&str> = check.broken.iter().map(|b| b.month.as_str()).collect();
    assert_eq!(broken, ["2026-09", "2026-10", "2026-10"], "September and every later link");
    assert!(check.broken[0].reason.contains("关账链校验码不符"), "{}", check.broken[0].reason);
    assert!(check.broken[1].reason.contains("接不上"), "{}", check.broken[1].reason);
    // …and recomputing September's link too only moves the break to the next one.
    let prev: String =
        w.st.conn().query_row("SELECT prev_chain_hash FROM report_closings WHERE id = ?1", [id], |r| r.get(0)).unwrap();
    let (month, at, by): (String, String, String) =
        w.st.conn()
            .query_row("SELECT month, closed_at, closed_by_name FROM report_closings WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
    let relinked = closing::chain_link(&prev, &month, &at, &by, &forged_hash);
    w.st.conn()
        .execute("UPDATE report_closings SET chain_hash = ?1 WHERE id = ?2", rusqlite::params![relinked, id])
        .unwrap();
    let check = w.st.report_verify_chain(&w.clerk).unwrap();
    let broken: Vec<&str> = check.broken.iter().map(|b| b.month.as_str()).collect();
    assert_eq!(broken, ["2026-10", "2026-10"]);
    // A snapshot changed without its hash is named as such.
    w.st.conn().execute(r#"UPDATE report_closings SET snapshot = '{"x":1}' WHERE month = '2026-07'"#, []).unwrap();
    let check = w.st.report_verify_chain(&w.clerk).unwrap();
    assert!(check.broken[0].reason.contains("快照内容与其校验码不符"), "{:?}", check.broken);
}

/// A CSV cell a spreadsheet would run as a formula is neutralised, even where a hostile name
/// reaches the report (a room called "=HYPERLINK(…)").
#[test]
fn the_report_csv_never_starts_a_cell_with_a_formula() {
    let w = october();
    w.st.conn().execute("UPDATE venues SET name = '=HYPERLINK(\"http://x\")'", []).unwrap();
    let r = w.report("2026-10");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("汇总.csv");
    export::write_report(&r, export::ReportFormat::Csv, &csv).unwrap();
    let table = crate::tabular::read_table(&csv).unwrap();
    for row in &table.rows {
        for cell in &row.cells {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell}");
            assert!(!cell.starts_with('-') || cell.parse::<f64>().is_ok(), "{cell}");
        }
    }
    assert!(table.rows.iter().any(|row| row.cells[1].contains("=HYPERLINK")));
}

// ---- the report over a generated station file (issue 24) ----

/// One number from plain SQL.
fn sql_f64(st: &Station, sql: &str) -> f64 {
    st.conn().query_row(sql, [], |r| r.get::<_, Option<f64>>(0)).unwrap().unwrap_or(0.0)
}

/// A generated small station (seed 7): every kind of record the issue lists is there, the
/// months were closed in sequence, one reopened with its reason; September 2026's figures
/// agree with plain SQL written here (not the report's statements), its closed snapshot
/// differs from them exactly where a correction after closing says so, and October's
/// correction shows in November's report as "after closing".
#[test]
fn a_generated_station_file_agrees_with_plain_sql_and_its_closings_hold() {
    use crate::demo::city::{city_now, generate_city, CityScale, CLOSED_MONTHS, REOPEN_REASON};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.sqlite3");
    generate_city(&path, 7, &CityScale::small(), false).unwrap();
    let mut st = Station::open(&path).unwrap();
    st.set_clock(Clock::Fixed(city_now()));
    let me = st.command_line_admin().unwrap();
    let n = |sql: &str| sql_f64(&st, sql) as i64;

    // Every kind of record.
    let kinds = [
        ("hour reversals", "SELECT COUNT(*) FROM volunteer_ledger WHERE reverses_id IS NOT NULL"),
        ("stock reversals", "SELECT COUNT(*) FROM inv_movements WHERE kind = 'reverse' AND reverses_id IS NOT NULL"),
        ("disposals", "SELECT COUNT(*) FROM inv_movements WHERE kind = 'dispose'"),
        ("volunteer borrowers", "SELECT COUNT(*) FROM inv_loans WHERE borrower_kind = 'volunteer'"),
        ("unreasonable cases", "SELECT COUNT(*) FROM cases WHERE unreasonable_confirmed = 1"),
        ("never accepted", "SELECT COUNT(*) FROM cases WHERE accepted_at IS NULL AND accept_due < '2026-11-01T00:00:00Z'"),
        ("group bookings", "SELECT COUNT(*) FROM venue_request_slots s JOIN venue_requests r ON r.id = s.request_id WHERE r.status = 'approved'"),
        ("declined group bookings", "SELECT COUNT(*) FROM venue_requests WHERE status = 'declined'"),
        ("reopened month", "SELECT COUNT(*) FROM report_closings WHERE reopened_at IS NOT NULL"),
        (
            "corrections after closing",
            "SELECT COUNT(*) FROM volunteer_ledger l JOIN report_closings c ON c.reopened_at IS NULL
              AND l.service_day LIKE c.month || '-%' AND l.created_at > c.closed_at",
        ),
    ];
    for (what, sql) in kinds {
        assert!(n(sql) > 0, "no {what} in the generated file");
    }
    // Closed in sequence: the twelve months before November 2026, each standing once.
    let months: Vec<String> = st
        .conn()
        .prepare("SELECT month FROM report_closings WHERE reopened_at IS NULL ORDER BY month")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(months.len(), CLOSED_MONTHS as usize);
    assert_eq!((months[0].as_str(), months[11].as_str()), ("2025-11", "2026-10"));
    let closings = st.report_closings(&me).unwrap();
    let reopened = closings.iter().find(|c| c.reopened_at.is_some()).unwrap();
    assert_eq!(reopened.reopen_reason.as_deref(), Some(REOPEN_REASON));
    assert!(closings.iter().any(|c| c.month == reopened.month && c.reopened_at.is_none()), "closed again");
    let chain = st.report_verify_chain(&me).unwrap();
    assert!(chain.intact && chain.checked == CLOSED_MONTHS + 1, "{chain:?}");

    // September 2026 by plain SQL (Shanghai: the month is 08-31 16:00Z … 09-30 16:00Z).
    let (s, e) = ("'2026-08-31T16:00:00Z'", "'2026-09-30T16:00:00Z'");
    let (d0, d1) = ("'2026-09-01'", "'2026-10-01'");
    let live = st.report(&me, &ReportInput::range("2026-09-01", "2026-09-30")).unwrap();
    let expect = |path: &str, sql: String| (path.to_string(), sql_f64(&st, &sql));
    let reversed = "EXISTS (SELECT 1 FROM inv_movements r WHERE r.reverses_id = m.id)";
    let people = format!(
        "SELECT volunteer_id, SUM(minutes) AS m, SUM(points) AS p FROM volunteer_ledger
          WHERE service_day >= {d0} AND service_day < {d1} GROUP BY volunteer_id HAVING SUM(minutes) > 0"
    );
    let counted = format!("FROM cases WHERE created_at >= {s} AND created_at < {e} AND unreasonable_confirmed = 0");
    let checks = vec![
        expect("residents.newRegistrations", format!("SELECT COUNT(*) FROM residents WHERE created_at >= {s} AND created_at < {e}")),
        expect(
            "residents.served",
            format!(
                "SELECT COUNT(*) FROM (
                   SELECT b.resident_id AS r FROM bookings b JOIN activities a ON a.id = b.activity_id
                    WHERE a.starts_at >= {d0} AND a.starts_at < {d1} AND a.status <> 'cancelled'
                      AND b.status NOT IN ('cancelled', 'station_cancelled')
                   UNION SELECT resident_id FROM wishes WHERE created_at >= {s} AND created_at < {e} AND resident_id IS NOT NULL
                   UNION SELECT borrower_id FROM inv_loans WHERE borrower_kind = 'resident' AND lent_at >= {s} AND lent_at < {e}
                   UNION SELECT v.resident_id FROM inv_loans l JOIN volunteers v ON v.id = l.borrower_id
                    WHERE l.borrower_kind = 'volunteer' AND v.resident_id IS NOT NULL AND l.lent_at >= {s} AND l.lent_at < {e}
                   UNION SELECT resident_id FROM cases WHERE created_at >= {s} AND created_at < {e} AND resident_id IS NOT NULL)"
            ),
        ),
        expect("activities.held", format!("SELECT COUNT(*) FROM activities WHERE starts_at >= {d0} AND starts_at < {d1} AND status = 'held'")),
        expect("activities.cancelled", format!("SELECT COUNT(*) FROM activities WHERE starts_at >= {d0} AND starts_at < {d1} AND status = 'cancelled'")),
        expect(
            "activities.participants",
            format!("SELECT COUNT(*) FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE a.starts_at >= {d0} AND a.starts_at < {d1} AND a.status = 'held' AND b.status = 'attended'"),
        ),
        expect(
            "activities.noShows",
            format!("SELECT COUNT(*) FROM bookings b JOIN activities a ON a.id = b.activity_id WHERE a.starts_at >= {d0} AND a.starts_at < {d1} AND a.status = 'held' AND b.status = 'no_show'"),
        ),
        expect("wishes.received", format!("SELECT COUNT(*) FROM wishes WHERE created_at >= {s} AND created_at < {e}")),
        expect("wishes.published", format!("SELECT COUNT(DISTINCT wish_id) FROM wish_transitions WHERE action = 'publish' AND at >= {s} AND at < {e}")),
        expect("wishes.claimed", format!("SELECT COUNT(DISTINCT wish_id) FROM wish_transitions WHERE action IN ('claim', 'assign') AND at >= {s} AND at < {e}")),
        expect("wishes.fulfilled", format!("SELECT COUNT(*) FROM wishes WHERE state IN ('fulfilled', 'completed') AND fulfilled_at >= {s} AND fulfilled_at < {e}")),
        expect("wishes.rated", format!("SELECT COUNT(*) FROM wishes WHERE rated_at >= {s} AND rated_at < {e}")),
        expect("volunteers.active", format!("SELECT COUNT(*) FROM ({people})")),
        expect("volunteers.minutes", format!("SELECT SUM(m) FROM ({people})")),
        expect("volunteers.points", format!("SELECT SUM(p) FROM ({people})")),
        expect(
            "inventory.receipts",
            format!("SELECT COUNT(*) FROM inv_movements m WHERE m.kind = 'receive' AND m.at >= {s} AND m.at < {e} AND NOT {reversed}"),
        ),
        expect(
            "inventory.issuedQuantity",
            format!("SELECT -SUM(quantity) FROM inv_movements m WHERE m.kind = 'issue' AND m.at >= {s} AND m.at < {e} AND NOT {reversed}"),
        ),
        expect(
            "inventory.disposedQuantity",
            format!("SELECT -SUM(quantity) FROM inv_movements m WHERE m.kind = 'dispose' AND m.at >= {s} AND m.at < {e} AND NOT {reversed}"),
        ),
        expect("inventory.loans", format!("SELECT COUNT(*) FROM inv_loans WHERE lent_at >= {s} AND lent_at < {e}")),
        expect("cases.received", format!("SELECT COUNT(*) FROM cases WHERE created_at >= {s} AND created_at < {e}")),
        expect("cases.unreasonable", format!("SELECT COUNT(*) FROM cases WHERE created_at >= {s} AND created_at < {e} AND unreasonable_confirmed = 1")),
        expect(
            "cases.responseRate",
            format!(
                "SELECT ROUND(1.0 * SUM(accepted_at <= accept_due) / SUM(accepted_at IS NOT NULL OR accept_due < {e}), 4) {counted}"
            ),
        ),
        expect("cases.followedUp", format!("SELECT COUNT(*) {counted} AND followup_satisfaction IS NOT NULL")),
    ];
    let json = serde_json::to_value(&live).unwrap();
    for (path, want) in &checks {
        let got = path.split('.').fold(&json, |v, k| &v[k]).as_f64().unwrap_or(0.0);
        assert!((got - want).abs() < 1e-9, "{path}: report {got}, SQL {want}");
    }
    assert!(live.volunteers.minutes > 0 && live.activities.held > 0 && live.cases.received > 0);
    let group = sql_f64(
        &st,
        &format!(
            "SELECT COUNT(*) FROM venue_request_slots s JOIN venue_requests r ON r.id = s.request_id
              WHERE r.status = 'approved' AND s.starts_at >= {d0} AND s.starts_at < {d1}"
        ),
    );
    assert_eq!(live.activities.rooms.iter().map(|r| f64::from(r.group_bookings)).sum::<f64>(), group);
    // The top ten: minutes, then pinyin name, ties sharing a rank — by SQL's own RANK().
    let top: Vec<(i64, String, i64)> = st
        .conn()
        .prepare(&format!(
            "SELECT RANK() OVER (ORDER BY t.m DESC), p.name, t.m FROM ({people}) t JOIN volunteer_people p ON p.id = t.volunteer_id
              ORDER BY t.m DESC, p.name_pinyin, t.volunteer_id LIMIT 10"
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let shown: Vec<(i64, String, i64)> =
        live.volunteers.top_ten.iter().map(|t| (i64::from(t.rank), t.name.clone(), t.minutes)).collect();
    assert_eq!(shown, top);

    // September's closed snapshot = these figures, except exactly what changed since closing.
    let sep = st.report(&me, &ReportInput::month("2026-09")).unwrap();
    assert!(sep.closing.is_some());
    let now_figures: std::collections::HashMap<String, Option<f64>> =
        flatten(&live).into_iter().map(|(k, _, v)| (k, v)).collect();
    for (key, _, filed) in flatten(&sep) {
        match sep.changed_since_closing.iter().find(|c| c.key == key) {
            Some(c) => assert_eq!((c.filed, c.current), (filed, now_figures.get(&key).copied().flatten()), "{key}"),
            None => assert_eq!(Some(&filed), now_figures.get(&key), "{key}"),
        }
    }
    // October's correction after closing, filed vs now, by SQL; November lists it.
    let closed_at: String = st
        .conn()
        .query_row("SELECT closed_at FROM report_closings WHERE month = '2026-10' AND reopened_at IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    let oct = "service_day >= '2026-10-01' AND service_day < '2026-11-01'";
    let filed =
        sql_f64(&st, &format!("SELECT SUM(minutes) FROM volunteer_ledger WHERE {oct} AND created_at <= '{closed_at}'"));
    let current = sql_f64(&st, &format!("SELECT SUM(minutes) FROM volunteer_ledger WHERE {oct}"));
    assert_eq!(filed - current, 30.0, "one entry corrected 30 minutes down");
    let nov = st.report(&me, &ReportInput::month("2026-11")).unwrap();
    let c = nov.after_closing.iter().find(|c| c.key == "volunteers.minutes").unwrap();
    assert_eq!((c.month.as_str(), c.filed, c.current), ("2026-10", Some(filed), Some(current)));
    // and each closed month's filed report lists the month before's correction
    let oct_report = st.report(&me, &ReportInput::month("2026-10")).unwrap();
    assert!(oct_report.after_closing.iter().any(|c| c.month == "2026-09" && c.key == "volunteers.minutes"));
    assert_all_formats_agree(&nov);
    assert_all_formats_agree(&live);
}
