use super::*;
use crate::clock::Clock;
use crate::db::MIGRATIONS;
use crate::error::ErrorCode;
use crate::residents::ResidentInput;
use crate::testing::add_admin_and_clerk;
use chrono::{DateTime, Duration, TimeZone, Utc};

mod property;

/// 2026-11-25 10:00 in Shanghai.
fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap()
}

pub(super) struct World {
    pub st: Station,
    pub admin: StaffActor,
    pub clerk: StaffActor,
    pub now: DateTime<Utc>,
    /// Three volunteers who can help.
    pub vols: Vec<i64>,
}

impl World {
    pub fn new() -> World {
        let mut st = Station::open_in_memory_with(MIGRATIONS, Clock::Fixed(start())).unwrap();
        let (admin, clerk) = add_admin_and_clerk(&mut st);
        let vols = volunteers(&mut st, &admin);
        World { st, admin, clerk, now: start(), vols }
    }

    pub fn advance(&mut self, days: i64) {
        self.now += Duration::days(days);
        self.st.set_clock(Clock::Fixed(self.now));
    }

    pub fn today_plus(&self, days: i64) -> String {
        (crate::clock::local_date(self.now, self.st.tz()) + Duration::days(days)).to_string()
    }

    pub fn post(&mut self, content: &str) -> i64 {
        let input = KioskWishInput {
            kind: WishKind::Service,
            content: content.into(),
            wanted_by: None,
            phone: "13912345678".into(),
            notice_version: crate::privacy::NOTICE_VERSION.into(),
            photo_consent: false,
        };
        self.st.wish_kiosk_post(&input).unwrap().id
    }

    pub fn helper(&self, id: i64, v: usize, days: i64) -> WishHelperInput {
        WishHelperInput { id, volunteer_id: self.vols[v], promised_date: self.today_plus(days), note: String::new() }
    }

    pub fn note(id: i64, note: &str) -> WishNoteInput {
        WishNoteInput { id, note: note.into() }
    }

    pub fn state(&self, id: i64) -> WishState {
        current_state(self.st.conn(), id).unwrap()
    }

    pub fn transitions(&self) -> i64 {
        self.st.conn().query_row("SELECT COUNT(*) FROM wish_transitions", [], |r| r.get(0)).unwrap()
    }

    pub fn credited_minutes(&self, v: usize) -> i64 {
        self.st
            .conn()
            .query_row(
                "SELECT COALESCE(SUM(credited_minutes), 0) FROM wish_helpers WHERE volunteer_id = ?1",
                [self.vols[v]],
                |r| r.get(0),
            )
            .unwrap()
    }
}

pub(super) const VOLUNTEERS: [(&str, &str); 3] =
    [("赵志强", "13600000001"), ("钱秀兰", "13600000002"), ("孙国庆", "13600000003")];
pub(super) const PIN: &str = "2468";

/// The volunteers the tests use as helpers, each with the kiosk PIN.
fn volunteers(st: &mut Station, admin: &StaffActor) -> Vec<i64> {
    VOLUNTEERS
        .iter()
        .map(|(name, phone)| {
            let input = crate::volunteers::roster::VolunteerInput {
                name: (*name).into(),
                phone: (*phone).into(),
                kind_id: 8, // 普通志愿者
                ..Default::default()
            };
            let id = st.volunteer_create(admin, &input).unwrap().id;
            let pin = crate::volunteers::roster::VolunteerPinInput { volunteer_id: id, pin: PIN.into() };
            st.volunteer_set_pin(admin, &pin).unwrap();
            id
        })
        .collect()
}

/// Minutes the volunteers' ledger holds for this volunteer from wishes.
fn ledger_minutes(w: &World, v: usize) -> i64 {
    w.st.conn()
        .query_row(
            "SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger WHERE volunteer_id = ?1 AND source = 'wish'",
            [w.vols[v]],
            |r| r.get(0),
        )
        .unwrap()
}

fn resident(w: &mut World, name: &str, phone: &str) -> i64 {
    let input = ResidentInput { name: name.into(), phone: phone.into(), ..Default::default() };
    w.st.resident_create(&w.admin, &input).unwrap().id
}

fn fulfil(id: i64, credits: Vec<WishCreditLine>) -> WishFulfilInput {
    WishFulfilInput { id, note: "已送到家中".into(), photo: None, credits }
}

#[test]
fn kiosk_post_gives_a_receipt_with_number_and_code_and_links_the_resident() {
    let mut w = World::new();
    resident(&mut w, "张秀英", "13912345678");
    let input = KioskWishInput {
        kind: WishKind::Goods,
        content: "想要一副老花镜".into(),
        wanted_by: Some(w.today_plus(10)),
        phone: "139 1234 5678".into(),
        notice_version: crate::privacy::NOTICE_VERSION.into(),
        photo_consent: false,
    };
    let receipt = w.st.wish_kiosk_post(&input).unwrap();
    assert_eq!(receipt.number, wish_number(receipt.id));
    assert_eq!(receipt.code.len(), 6);
    assert_eq!(receipt.requester_masked, "张**");
    assert_eq!(receipt.phone_masked, "139****5678");
    let detail = w.st.wish_get(&w.clerk, receipt.id).unwrap();
    assert_eq!(detail.row.requester_name, "张秀英");
    assert_eq!(detail.row.state, WishState::Submitted);
    assert_eq!(detail.timeline.len(), 1);
    assert_eq!(detail.timeline[0].window, "kiosk");
    assert_eq!(detail.timeline[0].step, WishStep::Post);
}

#[test]
fn bad_posts_name_their_field_and_write_nothing() {
    let mut w = World::new();
    let before = w.transitions();
    let good = || KioskWishInput {
        kind: WishKind::Other,
        content: "帮忙换灯泡".into(),
        wanted_by: None,
        phone: "13912345678".into(),
        notice_version: crate::privacy::NOTICE_VERSION.into(),
        photo_consent: false,
    };
    type Spoil = Box<dyn Fn(&mut KioskWishInput)>;
    let past = (crate::clock::local_date(w.now, w.st.tz()) - Duration::days(1)).to_string();
    let cases: Vec<(&str, &str, Spoil)> = vec![
        ("content", "心愿内容", Box::new(|i| i.content = "  ".into())),
        ("content", "心愿内容", Box::new(|i| i.content = "长".repeat(201))),
        ("phone", "电话", Box::new(|i| i.phone = "".into())),
        ("phone", "手机", Box::new(|i| i.phone = "1391234567".into())),
        ("wantedBy", "期望完成日期", Box::new(move |i| i.wanted_by = Some(past.clone()))),
        ("wantedBy", "期望完成日期", Box::new(|i| i.wanted_by = Some("2026-02-30".into()))),
    ];
    for (field, label, spoil) in cases {
        let mut input = good();
        spoil(&mut input);
        let err = w.st.wish_kiosk_post(&input).unwrap_err();
        assert_eq!(err.code, ErrorCode::Validation, "{err}");
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
        assert!(err.message.contains(label), "{err}");
    }
    assert_eq!(w.transitions(), before);
    let count: i64 = w.st.conn().query_row("SELECT COUNT(*) FROM wishes", [], |r| r.get(0)).unwrap();
    assert_eq!(count, 0);
}

#[test]
fn a_step_out_of_order_is_refused_saying_what_is_allowed_and_changes_nothing() {
    let mut w = World::new();
    let id = w.post("陪老人聊天");
    let before = w.transitions();
    let err = w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("待审核"), "{err}");
    assert!(err.message.contains("现在可以：发布待认领、直接指派"), "{err}");
    let err = w.st.wish_claim(&w.clerk, &w.helper(id, 0, 3)).unwrap_err();
    assert!(err.message.contains("不能「认领」"), "{err}");
    let rate = WishRateInput { id, satisfaction: WishSatisfaction::Satisfied, stars: 5, comment: String::new() };
    assert_eq!(w.st.wish_rate(&w.clerk, &rate).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(w.transitions(), before);
    assert_eq!(w.state(id), WishState::Submitted);
}

#[test]
fn the_whole_loop_credits_each_helper_what_staff_confirmed() {
    let mut w = World::new();
    let id = w.post("帮忙修理水龙头");
    w.st.wish_publish(&w.clerk, &World::note(id, "")).unwrap();
    let d = w.st.wish_claim(&w.clerk, &w.helper(id, 0, 3)).unwrap();
    assert_eq!(d.row.state, WishState::Claimed);
    assert_eq!(d.row.lead_id, Some(w.vols[0]));
    // A second helper joins the 帮帮团; the lead and promised date stay.
    let d = w.st.wish_claim(&w.clerk, &w.helper(id, 1, 9)).unwrap();
    assert_eq!(d.row.helper_count, 2);
    assert_eq!(d.row.lead_id, Some(w.vols[0]));
    assert_eq!(d.row.promised_date, Some(w.today_plus(3)));
    assert_eq!(d.helpers.iter().filter(|h| h.is_lead).count(), 1);
    assert!(d.helpers.iter().all(|h| h.planned_minutes == WishKind::Service.default_minutes()));
    let twice = w.st.wish_claim(&w.clerk, &w.helper(id, 1, 9)).unwrap_err();
    assert_eq!(twice.field.as_deref(), Some("volunteerId"));

    let credits = vec![
        WishCreditLine { volunteer_id: w.vols[0], minutes: 150, points: 5 },
        WishCreditLine { volunteer_id: w.vols[1], minutes: 90, points: 3 },
    ];
    w.st.wish_fulfil(&w.clerk, &fulfil(id, credits)).unwrap();
    assert_eq!(w.state(id), WishState::Fulfilled);
    assert_eq!(w.credited_minutes(0), 0, "nothing is credited before the rating");
    // Staff may still change a credit before it is posted.
    let edit = WishCreditInput { id, volunteer_id: w.vols[1], minutes: 100, points: 3 };
    w.st.wish_set_credit(&w.clerk, &edit).unwrap();

    let code = w.st.wish_get(&w.clerk, id).unwrap().code;
    let view = w.st.wish_kiosk_lookup(&KioskCodeInput { code: code.clone() }).unwrap();
    assert!(view.can_rate);
    let rate = KioskRateInput { code, satisfaction: WishSatisfaction::Satisfied, stars: 5, comment: "谢谢".into() };
    let view = w.st.wish_kiosk_rate(&rate).unwrap();
    assert_eq!(view.wish.state, WishState::Completed);
    assert_eq!(w.credited_minutes(0), 150);
    assert_eq!(w.credited_minutes(1), 100);
    assert_eq!((ledger_minutes(&w, 0), ledger_minutes(&w, 1)), (150, 100), "the hours reached the volunteers' ledger");
    let detail = w.st.wish_get(&w.clerk, id).unwrap();
    let steps: Vec<WishStep> = detail.timeline.iter().map(|t| t.step).collect();
    assert_eq!(
        steps,
        [
            WishStep::Post,
            WishStep::Publish,
            WishStep::Claim,
            WishStep::Join,
            WishStep::Fulfil,
            WishStep::CreditEdit,
            WishStep::Rate
        ]
    );
    assert_eq!(detail.timeline.last().unwrap().window, "kiosk");
    assert!(detail.allowed_steps == vec![WishStep::Note], "a completed wish only takes notes");
    // Rating twice is refused: the code expired with the rating, and says so in the words
    // of a code that never existed.
    let again = KioskRateInput {
        code: detail.code.clone(),
        satisfaction: WishSatisfaction::Partly,
        stars: 1,
        comment: String::new(),
    };
    let expired = w.st.wish_kiosk_rate(&again).unwrap_err();
    assert_eq!(expired.field.as_deref(), Some("code"));
    let lookup = w.st.wish_kiosk_lookup(&KioskCodeInput { code: detail.code }).unwrap_err();
    let never = w.st.wish_kiosk_lookup(&KioskCodeInput { code: "000000".into() }).unwrap_err();
    assert_eq!((lookup.code, &lookup.message), (never.code, &never.message));
    assert_eq!(expired.message, never.message);
}

/// Issue 16: rating codes are guessed kiosk-wide with growing delays (a code carries no
/// phone), and an expired code is refused like a wrong one.
#[test]
fn guessed_rating_codes_are_slowed_and_reach_the_desk() {
    let mut w = World::new();
    let id = w.post("修理轮椅");
    let code = w.st.wish_get(&w.clerk, id).unwrap().code;
    let wrong = if code == "111111" { "222222" } else { "111111" };
    for _ in 0..5 {
        let e = w.st.wish_kiosk_lookup(&KioskCodeInput { code: wrong.into() }).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("code"));
    }
    let sixth = w.st.wish_kiosk_lookup(&KioskCodeInput { code: wrong.into() }).unwrap_err();
    assert!(sixth.message.contains("30 秒后再试"), "{}", sixth.message);
    // While locked even the right code waits: guessing costs time whatever is typed.
    let right = w.st.wish_kiosk_lookup(&KioskCodeInput { code: code.clone() }).unwrap_err();
    assert_eq!(right.code, ErrorCode::TooManyAttempts);
    let alerts = w.st.guard_alerts(&w.clerk).unwrap();
    assert!(alerts.items.iter().any(|a| a.what == "心愿评价码" && a.locked_until.is_some()), "{alerts:?}");
    let t = w.now + chrono::Duration::seconds(31);
    w.st.set_clock(Clock::Fixed(t));
    assert!(w.st.wish_kiosk_lookup(&KioskCodeInput { code }).is_ok());
    let seventh = w.st.wish_kiosk_lookup(&KioskCodeInput { code: wrong.into() }).unwrap_err();
    assert!(seventh.message.contains("1 分钟后再试"), "the delay grows: {}", seventh.message);
}

/// Issue 16: the kiosk's photo command serves only the wishes on the wall now, not any
/// photo by sequential id.
#[test]
fn the_kiosk_photo_is_only_for_wishes_on_the_wall() {
    let mut w = World::new();
    let mut fulfilled = Vec::new();
    for i in 0..31 {
        let id = w.post(&format!("心愿 {i}"));
        w.st.wish_assign(&w.clerk, &w.helper(id, 0, 1)).unwrap();
        w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap();
        fulfilled.push(id);
    }
    let wall: Vec<i64> = w.st.wishes_kiosk_wall().unwrap().items.iter().map(|i| i.id).collect();
    assert_eq!(wall.len(), 30);
    let oldest = fulfilled[0];
    assert!(!wall.contains(&oldest));
    assert_eq!(w.st.wish_kiosk_photo(oldest).unwrap_err().code, ErrorCode::NotFound);
    assert!(w.st.wish_kiosk_photo(fulfilled[30]).is_ok());
}

#[test]
fn not_satisfied_reopens_and_nothing_is_credited_until_staff_close_it() {
    let mut w = World::new();
    let id = w.post("代买药品");
    w.st.wish_assign(&w.clerk, &w.helper(id, 2, 1)).unwrap();
    w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap();
    let rate =
        WishRateInput { id, satisfaction: WishSatisfaction::NotSatisfied, stars: 1, comment: "药买错了".into() };
    let d = w.st.wish_rate(&w.clerk, &rate).unwrap();
    assert_eq!(d.row.state, WishState::Reopened);
    assert_eq!(d.row.column, BoardColumn::Review, "back on the staff's desk");
    assert_eq!(w.credited_minutes(2), 0);
    let err = w.st.wish_close(&w.clerk, &World::note(id, " ")).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("note"));
    w.st.wish_set_credit(&w.clerk, &WishCreditInput { id, volunteer_id: w.vols[2], minutes: 30, points: 1 }).unwrap();
    w.st.wish_close(&w.clerk, &World::note(id, "已重新购买并送达")).unwrap();
    assert_eq!(w.state(id), WishState::Completed);
    assert_eq!(w.credited_minutes(2), 30);
}

#[test]
fn a_reopened_wish_can_go_to_someone_else() {
    let mut w = World::new();
    let id = w.post("修椅子");
    w.st.wish_assign(&w.clerk, &w.helper(id, 0, 1)).unwrap();
    w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap();
    let rate = WishRateInput { id, satisfaction: WishSatisfaction::NotSatisfied, stars: 2, comment: String::new() };
    w.st.wish_rate(&w.clerk, &rate).unwrap();
    let d = w.st.wish_assign(&w.clerk, &w.helper(id, 1, 2)).unwrap();
    assert_eq!(d.row.lead_id, Some(w.vols[1]));
    assert_eq!(d.helpers.iter().filter(|h| h.active).count(), 1);
    w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap();
    let rate = WishRateInput { id, satisfaction: WishSatisfaction::Partly, stars: 4, comment: String::new() };
    w.st.wish_rate(&w.clerk, &rate).unwrap();
    assert_eq!(w.credited_minutes(0), 0, "the first helper's work was not accepted");
    assert_eq!(w.credited_minutes(1), WishKind::Service.default_minutes());
}

#[test]
fn an_unrated_wish_completes_and_credits_after_seven_days() {
    let mut w = World::new();
    let id = w.post("陪同就医");
    w.st.wish_assign(&w.clerk, &w.helper(id, 0, 1)).unwrap();
    w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap();
    w.advance(6);
    assert_eq!(w.st.wishes_complete_unrated().unwrap(), 0);
    assert_eq!(w.state(id), WishState::Fulfilled);
    w.advance(1);
    assert_eq!(w.st.wishes_complete_unrated().unwrap(), 1);
    assert_eq!(w.state(id), WishState::Completed);
    assert_eq!(w.credited_minutes(0), WishKind::Service.default_minutes());
    let last = w.st.wish_timeline(id).unwrap().pop().unwrap();
    assert_eq!((last.step, last.window.as_str(), last.actor_name.as_str()), (WishStep::AutoComplete, "system", "系统"));
    assert_eq!(w.st.wishes_complete_unrated().unwrap(), 0, "credited once");
    assert_eq!(w.credited_minutes(0), WishKind::Service.default_minutes());
}

#[test]
fn declined_merged_and_cancelled_wishes_keep_their_history_and_are_never_credited() {
    let mut w = World::new();
    let a = w.post("想要轮椅");
    let b = w.post("想要一辆轮椅");
    let c = w.post("帮忙搬家");
    let err = w.st.wish_decline(&w.clerk, &World::note(a, "")).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("note"));
    assert!(err.message.contains("原因"));
    w.st.wish_decline(&w.clerk, &World::note(a, "已由民政部门配发")).unwrap();
    let err = w.st.wish_merge(&w.clerk, &WishMergeInput { id: b, into_id: a, note: String::new() }).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("intoId"));
    let err = w.st.wish_merge(&w.clerk, &WishMergeInput { id: b, into_id: b, note: String::new() }).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("intoId"));
    w.st.wish_merge(&w.clerk, &WishMergeInput { id: b, into_id: c, note: String::new() }).unwrap();
    assert!(w.st.wish_get(&w.clerk, c).unwrap().timeline.iter().any(|t| t.note.contains(&wish_number(b))));
    w.st.wish_assign(&w.clerk, &w.helper(c, 0, 2)).unwrap();
    w.st.wish_cancel(&w.clerk, &World::note(c, "居民已自行解决")).unwrap();
    for id in [a, b, c] {
        let d = w.st.wish_get(&w.clerk, id).unwrap();
        assert_eq!(d.row.column, BoardColumn::Closed);
        assert!(d.timeline.len() >= 2);
    }
    assert_eq!(w.st.wish_get(&w.clerk, a).unwrap().decline_reason, "已由民政部门配发");
    let code: String = w.st.conn().query_row("SELECT code FROM wishes WHERE id = ?1", [a], |r| r.get(0)).unwrap();
    assert_eq!(w.st.wish_kiosk_lookup(&KioskCodeInput { code }).unwrap().decline_reason, "已由民政部门配发");
    assert_eq!(w.credited_minutes(0), 0);
}

#[test]
fn the_board_counts_columns_and_filters_and_overdue_wishes_surface_after_the_promised_date() {
    let mut w = World::new();
    let review = w.post("买米");
    let open = w.post("修门锁");
    let late = w.post("陪聊");
    let soon = w.post("代缴电费");
    w.st.wish_publish(&w.clerk, &World::note(open, "")).unwrap();
    w.st.wish_assign(&w.clerk, &w.helper(late, 0, 1)).unwrap();
    w.st.wish_assign(&w.clerk, &w.helper(soon, 1, 10)).unwrap();
    let board = w.st.wishes_board(&w.clerk, &WishQuery::default()).unwrap();
    let count = |b: &WishBoard, c: BoardColumn| b.counts.iter().find(|x| x.column == c).unwrap().count;
    assert_eq!(board.total, 4);
    assert_eq!(count(&board, BoardColumn::Review), 1);
    assert_eq!(count(&board, BoardColumn::InProgress), 2);
    assert!(w.st.wishes_overdue(&w.clerk).unwrap().is_empty());

    w.advance(3);
    let overdue = w.st.wishes_overdue(&w.clerk).unwrap();
    assert_eq!(overdue.iter().map(|r| r.id).collect::<Vec<_>>(), vec![late]);
    assert_eq!(overdue[0].overdue_days, 2);
    assert_eq!(overdue[0].lead_name.as_deref(), Some(w.st.wish_get(&w.clerk, late).unwrap().helpers[0].name.as_str()));
    let board =
        w.st.wishes_board(&w.clerk, &WishQuery { column: Some(BoardColumn::Overdue), ..Default::default() }).unwrap();
    assert_eq!(count(&board, BoardColumn::Overdue), 1);
    assert_eq!(board.items.len(), 1);

    let by_helper = WishQuery { volunteer_id: Some(w.vols[1]), ..Default::default() };
    assert_eq!(
        w.st.wishes_board(&w.clerk, &by_helper).unwrap().items.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![soon]
    );
    let by_text = WishQuery { text: "门锁".into(), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &by_text).unwrap().items[0].id, open);
    let searched = WishQuery { text: "代缴".into(), column: Some(BoardColumn::InProgress), ..Default::default() };
    let searched = w.st.wishes_board(&w.clerk, &searched).unwrap();
    assert_eq!((searched.total, searched.items[0].id), (1, soon));
    assert_eq!(count(&searched, BoardColumn::Review), 0, "the search narrows every column's count");
    let late_search = WishQuery { text: "陪".into(), column: Some(BoardColumn::Overdue), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &late_search).unwrap().items[0].id, late);
    let by_phone = WishQuery { text: "5678".into(), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &by_phone).unwrap().total, 4);
    let by_number = WishQuery { text: wish_number(review), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &by_number).unwrap().items[0].id, review);
    let by_kind = WishQuery { kind: Some(WishKind::Goods), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &by_kind).unwrap().total, 0);
    let this_month = WishQuery { month: Some("2026-11".into()), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &this_month).unwrap().total, 4);
    let other_month = WishQuery { month: Some("2026-10".into()), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &other_month).unwrap().total, 0);
    let bad_month = WishQuery { month: Some("2026年".into()), ..Default::default() };
    assert_eq!(w.st.wishes_board(&w.clerk, &bad_month).unwrap_err().field.as_deref(), Some("month"));

    // A reminder goes to the helper; a reassignment replaces them.
    w.st.wish_remind(&w.clerk, &World::note(late, "请尽快联系居民")).unwrap();
    let reminders: i64 =
        w.st.conn().query_row("SELECT COUNT(*) FROM wish_reminders WHERE seen_at IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(reminders, 1);
    let d = w.st.wish_reassign(&w.clerk, &w.helper(late, 2, 2)).unwrap();
    assert_eq!(d.row.lead_id, Some(w.vols[2]));
    assert_eq!(d.row.column, BoardColumn::InProgress);
}

#[test]
fn promised_dates_and_credits_are_checked() {
    let mut w = World::new();
    let id = w.post("送餐");
    let mut past = w.helper(id, 0, -1);
    let err = w.st.wish_assign(&w.clerk, &past).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("promisedDate"));
    past.promised_date = String::new();
    assert!(w.st.wish_assign(&w.clerk, &past).unwrap_err().message.contains("承诺完成日期"));
    w.st.wish_assign(&w.clerk, &w.helper(id, 0, 0)).unwrap();
    let too_much = WishCreditInput { id, volunteer_id: w.vols[0], minutes: 2000, points: 0 };
    assert_eq!(w.st.wish_set_credit(&w.clerk, &too_much).unwrap_err().field.as_deref(), Some("minutes"));
    let stranger = WishCreditInput { id, volunteer_id: w.vols[1], minutes: 10, points: 0 };
    assert_eq!(w.st.wish_set_credit(&w.clerk, &stranger).unwrap_err().field.as_deref(), Some("volunteerId"));
    let before = w.transitions();
    let bad_fulfil = fulfil(id, vec![WishCreditLine { volunteer_id: w.vols[0], minutes: -5, points: 0 }]);
    assert_eq!(w.st.wish_fulfil(&w.clerk, &bad_fulfil).unwrap_err().field.as_deref(), Some("minutes"));
    assert_eq!(w.transitions(), before);
    assert_eq!(w.state(id), WishState::Claimed);
}

/// Every kiosk method, and what it returns, holds no resident's full name or phone.
#[test]
fn nothing_the_kiosk_returns_shows_a_full_name_or_phone() {
    let mut w = World::new();
    resident(&mut w, "欧阳娜娜", "13912345678");
    let receipt =
        w.st.wish_kiosk_post(&KioskWishInput {
            kind: WishKind::Company,
            content: "周末有人陪我下棋".into(),
            wanted_by: None,
            phone: "13912345678".into(),
            notice_version: crate::privacy::NOTICE_VERSION.into(),
            photo_consent: false,
        })
        .unwrap();
    let id = receipt.id;
    w.st.wish_assign(&w.clerk, &w.helper(id, 0, 2)).unwrap();
    w.st.wish_fulfil(&w.clerk, &fulfil(id, vec![])).unwrap();
    let helper_name = w.st.wish_get(&w.clerk, id).unwrap().helpers[0].name.clone();
    let mut outputs = vec![serde_json::to_string(&receipt).unwrap()];
    outputs.push(serde_json::to_string(&w.st.wishes_kiosk_wall().unwrap()).unwrap());
    let code = KioskCodeInput { code: receipt.code.clone() };
    outputs.push(serde_json::to_string(&w.st.wish_kiosk_lookup(&code).unwrap()).unwrap());
    outputs.push(serde_json::to_string(&w.st.wish_kiosk_photo(id).unwrap()).unwrap());
    let rate = KioskRateInput {
        code: receipt.code,
        satisfaction: WishSatisfaction::Satisfied,
        stars: 5,
        comment: String::new(),
    };
    outputs.push(serde_json::to_string(&w.st.wish_kiosk_rate(&rate).unwrap()).unwrap());
    outputs.push(serde_json::to_string(&w.st.wishes_month_list(&w.clerk, "2026-11").unwrap()).unwrap());
    for out in &outputs {
        assert!(!out.contains("欧阳娜娜") && !out.contains("13912345678"), "{out}");
        assert!(!out.contains(&helper_name) || helper_name.chars().count() < 2, "{out}");
    }
    assert!(outputs[1].contains("欧***"), "the wall shows the masked requester: {}", outputs[1]);
    // A wish not yet on the wall has no photo for the kiosk.
    let fresh = w.post("另一个心愿");
    assert_eq!(w.st.wish_kiosk_photo(fresh).unwrap_err().code, ErrorCode::NotFound);
    // A wrong code is refused in words.
    let err = w.st.wish_kiosk_lookup(&KioskCodeInput { code: "12".into() }).unwrap_err();
    assert!(err.message.contains("6 位数字"), "{err}");
}

#[test]
fn photos_are_resized_into_the_data_folder_and_served_as_data_urls() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Station::open_with(&dir.path().join("station.sqlite3"), MIGRATIONS, Clock::Fixed(start())).unwrap();
    let (_, clerk) = add_admin_and_clerk(&mut st);
    let mut w = World { vols: volunteers(&mut st, &clerk), st, admin: clerk.clone(), clerk, now: start() };
    let id = w.post("晒单照片");
    w.st.wish_assign(&w.clerk, &w.helper(id, 0, 1)).unwrap();
    let big = image::RgbImage::from_pixel(3000, 2000, image::Rgb([200, 30, 30]));
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(big).write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    let mut input = fulfil(id, vec![]);
    input.photo = Some("not base64 at all!".into());
    assert_eq!(w.st.wish_fulfil(&w.clerk, &input).unwrap_err().field.as_deref(), Some("photo"));
    assert_eq!(w.state(id), WishState::Claimed, "a bad photo refuses the whole step");
    input.photo = Some(format!("data:image/png;base64,{}", photos::base64_encode(&png)));
    let d = w.st.wish_fulfil(&w.clerk, &input).unwrap();
    assert!(d.has_photo);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("photos/wishes")).unwrap().collect();
    assert_eq!(files.len(), 1);
    let url = w.st.wish_photo(&w.clerk, id).unwrap().unwrap();
    let bytes = photos::base64_decode(url.strip_prefix("data:image/jpeg;base64,").unwrap()).unwrap();
    let back = image::load_from_memory(&bytes).unwrap();
    assert_eq!((back.width(), back.height()), (photos::MAX_SIDE, photos::MAX_SIDE * 2 / 3));
    // posted without the resident's consent to a photo on the public wall: desk only
    assert_eq!(w.st.wish_kiosk_photo(id).unwrap(), None);
    assert!(!w.st.wishes_kiosk_wall().unwrap().items.iter().any(|x| x.id == id && x.has_photo));
}

#[test]
fn base64_round_trips() {
    for n in 0..10 {
        let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + 5) as u8).collect();
        assert_eq!(photos::base64_decode(&photos::base64_encode(&bytes)).unwrap(), bytes);
    }
    assert_eq!(photos::base64_encode(b"Man"), "TWFu");
    assert_eq!(photos::base64_encode(b"Ma"), "TWE=");
}

#[test]
fn desk_post_takes_the_resident_from_the_register() {
    let mut w = World::new();
    let rid = resident(&mut w, "李桂兰", "13700001111");
    let input = WishPostInput {
        kind: WishKind::Repair,
        content: "厨房水管漏水".into(),
        wanted_by: None,
        resident_id: Some(rid),
        requester_name: String::new(),
        phone: String::new(),
        notice_version: crate::privacy::NOTICE_VERSION.into(),
        photo_consent: false,
    };
    let d = w.st.wish_post(&w.clerk, &input).unwrap();
    assert_eq!(
        (d.row.requester_name.as_str(), d.phone.as_str(), d.row.channel.as_str()),
        ("李桂兰", "13700001111", "desk")
    );
    assert_eq!(d.timeline[0].window, "desk");
    assert_eq!(d.timeline[0].actor_name, "李文");
    let missing = WishPostInput { resident_id: Some(9999), ..input };
    assert_eq!(w.st.wish_post(&w.clerk, &missing).unwrap_err().field.as_deref(), Some("residentId"));
}

#[test]
fn a_volunteer_claims_at_the_kiosk_with_phone_and_pin_and_sees_reminders_once() {
    let mut w = World::new();
    let a = w.post("帮忙取快递");
    let b = w.post("陪同散步");
    w.st.wish_publish(&w.clerk, &World::note(a, "")).unwrap();
    w.st.wish_assign(&w.clerk, &w.helper(b, 1, 3)).unwrap();
    let me = KioskVolunteerInput { phone: VOLUNTEERS[0].1.into(), pin: PIN.into() };
    let wrong = KioskVolunteerInput { phone: VOLUNTEERS[0].1.into(), pin: "0000".into() };
    assert_eq!(w.st.wishes_kiosk_helper(&wrong).unwrap_err().field.as_deref(), Some("pin"));
    let view = w.st.wishes_kiosk_helper(&me).unwrap();
    assert_eq!(view.masked_name, "赵**");
    assert_eq!(view.open.iter().map(|x| x.id).collect::<Vec<_>>(), vec![a, b], "published, then teams with room");
    assert!(view.mine.is_empty());
    let claim =
        KioskClaimInput { phone: me.phone.clone(), pin: PIN.into(), wish_id: a, promised_date: w.today_plus(2) };
    let view = w.st.wish_kiosk_claim(&claim).unwrap();
    assert_eq!(view.mine.iter().map(|x| x.id).collect::<Vec<_>>(), vec![a]);
    // Joining b's 帮帮团 keeps its lead.
    let join = KioskClaimInput { wish_id: b, ..claim.clone() };
    let view = w.st.wish_kiosk_claim(&join).unwrap();
    assert_eq!(view.mine.len(), 2);
    let d = w.st.wish_get(&w.clerk, b).unwrap();
    assert_eq!(d.row.lead_id, Some(w.vols[1]));
    assert_eq!(d.timeline.last().map(|t| (t.step, t.window.as_str())), Some((WishStep::Join, "kiosk")));
    assert_eq!(d.timeline.last().unwrap().volunteer_name.as_deref(), Some(VOLUNTEERS[0].0));
    // A wrong PIN claims nothing.
    let c = w.post("修自行车");
    w.st.wish_publish(&w.clerk, &World::note(c, "")).unwrap();
    let bad = KioskClaimInput { pin: "1111".into(), wish_id: c, ..claim };
    assert!(w.st.wish_kiosk_claim(&bad).is_err());
    assert_eq!(w.state(c), WishState::Published);
    // A reminder shows at the next sign-in, once.
    w.st.wish_remind(&w.clerk, &World::note(a, "居民在等，请今天联系")).unwrap();
    let view = w.st.wishes_kiosk_helper(&me).unwrap();
    assert_eq!(view.reminders.len(), 1);
    assert_eq!(view.reminders[0].note, "居民在等，请今天联系");
    assert!(w.st.wishes_kiosk_helper(&me).unwrap().reminders.is_empty());
    let text = serde_json::to_string(&w.st.wishes_kiosk_helper(&me).unwrap()).unwrap();
    assert!(!text.contains("13912345678") && !text.contains(VOLUNTEERS[1].0), "{text}");
}

#[test]
fn a_helper_marks_the_wish_fulfilled_at_the_kiosk_and_a_stranger_cannot() {
    let mut w = World::new();
    let id = w.post("帮忙贴春联");
    w.st.wish_assign(&w.clerk, &w.helper(id, 0, 2)).unwrap();
    let stranger =
        KioskFulfilInput { phone: VOLUNTEERS[1].1.into(), pin: PIN.into(), wish_id: id, note: "已完成".into() };
    assert_eq!(w.st.wish_kiosk_fulfil(&stranger).unwrap_err().field.as_deref(), Some("wishId"));
    let mine = KioskFulfilInput { phone: VOLUNTEERS[0].1.into(), ..stranger.clone() };
    let empty = KioskFulfilInput { note: " ".into(), ..mine.clone() };
    assert_eq!(w.st.wish_kiosk_fulfil(&empty).unwrap_err().field.as_deref(), Some("note"));
    assert_eq!(w.state(id), WishState::Claimed);
    let view = w.st.wish_kiosk_fulfil(&mine).unwrap();
    assert!(view.mine.is_empty());
    assert_eq!(w.state(id), WishState::Fulfilled);
    let last = w.st.wish_timeline(id).unwrap().pop().unwrap();
    assert_eq!((last.step, last.window.as_str()), (WishStep::Fulfil, "kiosk"));
    assert_eq!(last.volunteer_name.as_deref(), Some(VOLUNTEERS[0].0));
}

#[test]
fn a_volunteer_who_left_cannot_be_assigned() {
    let mut w = World::new();
    let id = w.post("换灯泡");
    let status = crate::volunteers::roster::VolunteerStatusInput {
        id: w.vols[2],
        status: crate::volunteers::roster::VolunteerStatus::Left,
        reason: "搬家".into(),
    };
    w.st.volunteer_set_status(&w.admin, &status).unwrap();
    let err = w.st.wish_assign(&w.clerk, &w.helper(id, 2, 1)).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("volunteerId"));
    let err = w.st.wish_assign(&w.clerk, &WishHelperInput { volunteer_id: 999, ..w.helper(id, 0, 1) }).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("volunteerId"));
    let options = w.st.wish_helper_options(&w.clerk, "钱").unwrap();
    assert_eq!(options.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(), vec!["钱秀兰"]);
    assert_eq!(options[0].phone_masked, "136****0002");
    assert_eq!(w.st.wish_helper_options(&w.clerk, "").unwrap().len(), 2, "who left is not offered");
}

#[test]
fn correcting_a_wish_credit_in_the_ledger_moves_the_wish_record_with_it() {
    let mut w = World::new();
    let id = w.post("帮忙修理水龙头");
    w.st.wish_publish(&w.clerk, &World::note(id, "")).unwrap();
    w.st.wish_claim(&w.clerk, &w.helper(id, 0, 3)).unwrap();
    let credits = vec![WishCreditLine { volunteer_id: w.vols[0], minutes: 150, points: 5 }];
    w.st.wish_fulfil(&w.clerk, &fulfil(id, credits)).unwrap();
    let code = w.st.wish_get(&w.clerk, id).unwrap().code;
    let rate = KioskRateInput { code, satisfaction: WishSatisfaction::Satisfied, stars: 5, comment: String::new() };
    w.st.wish_kiosk_rate(&rate).unwrap();
    let entry: i64 =
        w.st.conn()
            .query_row("SELECT ledger_entry_id FROM wish_helpers WHERE wish_id = ?1", [id], |r| r.get(0))
            .unwrap();
    let fix = crate::volunteers::ledger::LedgerCorrection {
        entry_id: entry,
        minutes: Some(120),
        reason: "实际两小时".into(),
    };
    w.st.ledger_correct(&w.clerk, &fix).unwrap();
    assert_eq!(w.credited_minutes(0), 120, "the wish says what the ledger says");
    let net: i64 =
        w.st.conn()
            .query_row("SELECT SUM(minutes) FROM volunteer_ledger WHERE volunteer_id = ?1", [w.vols[0]], |r| r.get(0))
            .unwrap();
    assert_eq!((ledger_minutes(&w, 0), net), (270, 120), "150 reversed, 120 credited from the wish");
    assert_eq!(crate::invariants::broken(w.st.conn()), Vec::<String>::new());
}
