use super::*;
use crate::clock::Clock;
use crate::places::{PlaceInput, PlaceKind};
use crate::residents::ResidentInput;
use crate::testing::{add_admin_and_clerk, station_with_admin};
use crate::{ErrorCode, StaffActor};
use chrono::{NaiveDateTime, TimeZone};

/// A fixed clock at a local Shanghai moment ('YYYY-MM-DD HH:MM').
fn at(local: &str) -> Clock {
    let naive = NaiveDateTime::parse_from_str(local, MINUTE_FORMAT).unwrap();
    Clock::Fixed(chrono_tz::Asia::Shanghai.from_local_datetime(&naive).unwrap().with_timezone(&chrono::Utc))
}

fn venue_input(name: &str) -> VenueInput {
    VenueInput {
        id: None,
        name: name.into(),
        capacity: 40,
        equipment: "投影仪、音响".into(),
        opens_at: "08:00".into(),
        closes_at: "21:00".into(),
        open_weekdays: vec![1, 2, 3, 4, 5, 6],
        archived: false,
    }
}

/// Station at Wednesday 2026-11-25 09:00 with a room (多功能厅) open Mon–Sat 08–21.
fn setup() -> (Station, StaffActor, StaffActor, i64) {
    let (mut st, admin, clerk) = station_with_admin();
    st.set_clock(at("2026-11-25 09:00"));
    let venue = st.venue_save(&clerk, &venue_input("多功能厅")).unwrap().id;
    (st, admin, clerk, venue)
}

fn activity_input(venue: i64, date: &str, start: &str, end: &str, capacity: u32) -> ActivityInput {
    ActivityInput {
        title: "健康讲座".into(),
        category_id: 3,
        venue_id: venue,
        date: date.into(),
        start_time: start.into(),
        end_time: end.into(),
        capacity,
        publish: true,
        ..Default::default()
    }
}

fn schedule(st: &mut Station, actor: &StaffActor, input: ActivityInput, weeks: u32) -> Result<Activity> {
    st.activity_create(actor, &ActivityCreateInput { activity: input, weeks })
}

const SURNAMES: [char; 10] = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈'];

/// Every test resident's kiosk PIN.
const PIN: &str = "2580";

fn phone_of(i: usize) -> String {
    format!("1380000{i:04}")
}

fn add_residents(st: &mut Station, actor: &StaffActor, n: usize) -> Vec<i64> {
    add_residents_from(st, actor, 0, n)
}

fn add_residents_from(st: &mut Station, actor: &StaffActor, from: usize, n: usize) -> Vec<i64> {
    (from..from + n)
        .map(|i| {
            let name = format!("{}{}英", SURNAMES[i / 10 % 10], SURNAMES[i % 10]);
            let input = ResidentInput { name, phone: phone_of(i), ..Default::default() };
            let id = st.resident_create(actor, &input).unwrap().id;
            st.resident_set_kiosk_pin(actor, &ResidentPinInput { resident_id: id, pin: PIN.into() }).unwrap();
            id
        })
        .collect()
}

fn count(st: &Station, sql: &str) -> i64 {
    st.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn book_by_phone(st: &mut Station, i: usize, activity: i64) -> Result<BookingResult> {
    st.kiosk_book(&KioskBookInput { phone: phone_of(i), pin: PIN.into(), activity_id: activity, join_waitlist: true })
}

// ---- venues ----

#[test]
fn bad_venue_input_names_its_field_and_writes_nothing() {
    let (mut st, _, clerk, _) = setup();
    let before = count(&st, "SELECT COUNT(*) FROM venues");
    type Spoil = Box<dyn Fn(&mut VenueInput)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("name", Box::new(|v| v.name = " ".into())),
        ("name", Box::new(|v| v.name = "多功能厅".into())),
        ("capacity", Box::new(|v| v.capacity = 0)),
        ("opensAt", Box::new(|v| v.opens_at = "8点".into())),
        ("closesAt", Box::new(|v| v.closes_at = "07:00".into())),
        ("openWeekdays", Box::new(|v| v.open_weekdays = vec![])),
        ("openWeekdays", Box::new(|v| v.open_weekdays = vec![8])),
    ];
    for (field, spoil) in cases {
        let mut input = venue_input("书画室");
        spoil(&mut input);
        let err = st.venue_save(&clerk, &input).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
    }
    assert_eq!(count(&st, "SELECT COUNT(*) FROM venues"), before);
}

#[test]
fn nothing_is_scheduled_outside_hours_on_a_closed_weekday_or_date() {
    let (mut st, _, clerk, venue) = setup();
    let early = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "07:00", "09:00", 10), 1).unwrap_err();
    assert_eq!(early.code, ErrorCode::Conflict);
    assert!(early.message.contains("开放时间为 08:00–21:00"), "{}", early.message);
    // 2026-11-29 is a Sunday; the room opens Mon–Sat.
    let sunday = schedule(&mut st, &clerk, activity_input(venue, "2026-11-29", "09:00", "10:00", 10), 1).unwrap_err();
    assert!(sunday.message.contains("星期日不开放"), "{}", sunday.message);
    st.venue_set_closure(
        &clerk,
        &VenueClosureInput { venue_id: venue, date: "2026-12-02".into(), reason: "设备检修".into(), closed: true },
    )
    .unwrap();
    let closed = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "09:00", "10:00", 10), 1).unwrap_err();
    assert!(closed.message.contains("闭馆（设备检修）"), "{}", closed.message);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activities"), 0);
    let listed = st.venues_list(&clerk).unwrap();
    assert_eq!(listed[0].closures, vec![VenueClosure { date: "2026-12-02".into(), reason: "设备检修".into() }]);
}

#[test]
fn a_room_conflict_names_the_other_item_and_only_an_admin_overrides_with_a_reason() {
    let (mut st, admin, clerk, venue) = setup();
    let mut first = activity_input(venue, "2026-12-02", "15:00", "16:30", 20);
    first.title = "书法课".into();
    schedule(&mut st, &clerk, first, 1).unwrap();
    let clash = activity_input(venue, "2026-12-02", "16:00", "17:00", 20);
    let err = schedule(&mut st, &clerk, clash.clone(), 1).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert_eq!(err.field.as_deref(), Some("venueId"));
    assert!(err.message.contains("活动「书法课」（2026年12月02日 15:00–16:30）"), "{}", err.message);
    let mut forced = clash.clone();
    forced.override_reason = Some("书法课提前结束".into());
    assert_eq!(schedule(&mut st, &clerk, forced.clone(), 1).unwrap_err().code, ErrorCode::Forbidden);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activities"), 1);
    let a = schedule(&mut st, &admin, forced, 1).unwrap();
    assert_eq!(a.override_reason.as_deref(), Some("书法课提前结束"));
    // Back to back is no conflict.
    schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "17:00", "18:00", 20), 1).unwrap();
}

#[test]
fn activity_capacity_cannot_exceed_the_room_and_bad_fields_are_named() {
    let (mut st, _, clerk, venue) = setup();
    type Spoil = Box<dyn Fn(&mut ActivityInput)>;
    let cases: Vec<(&str, Spoil)> = vec![
        ("title", Box::new(|a| a.title = "".into())),
        ("categoryId", Box::new(|a| a.category_id = 99)),
        ("venueId", Box::new(|a| a.venue_id = 99)),
        ("capacity", Box::new(|a| a.capacity = 41)),
        ("capacity", Box::new(|a| a.capacity = 0)),
        ("endTime", Box::new(|a| a.end_time = "14:00".into())),
        ("date", Box::new(|a| a.date = "2026-11-24".into())),
        ("date", Box::new(|a| a.date = "2026/12/01".into())),
        ("bookingClosesAt", Box::new(|a| a.booking_closes_at = Some("2026-12-02 16:00".into()))),
        ("minAge", Box::new(|a| a.min_age = Some(200))),
        ("compoundIds", Box::new(|a| a.compound_ids = vec![77])),
        ("poster", Box::new(|a| a.poster = Some("data:text/html,<b>".into()))),
    ];
    for (field, spoil) in cases {
        let mut input = activity_input(venue, "2026-12-02", "15:00", "16:00", 10);
        spoil(&mut input);
        let err = schedule(&mut st, &clerk, input, 1).unwrap_err();
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
    }
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activities"), 0);
    assert_eq!(
        schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 10), 0).unwrap_err().field,
        Some("weeks".into())
    );
}

// ---- series ----

#[test]
fn a_weekly_series_is_edited_one_occurrence_or_the_rest() {
    let (mut st, _, clerk, venue) = setup();
    let first = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 10), 8).unwrap();
    let series = first.series_id.unwrap();
    let dates: Vec<String> = st
        .conn()
        .prepare("SELECT starts_at FROM activities WHERE series_id = ?1 ORDER BY starts_at")
        .unwrap()
        .query_map([series], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(dates.len(), 8);
    assert_eq!(dates[1], "2026-12-09 15:00");
    assert_eq!(dates[7], "2027-01-20 15:00");
    let ids: Vec<i64> = st
        .conn()
        .prepare("SELECT id FROM activities WHERE series_id = ?1 ORDER BY starts_at")
        .unwrap()
        .query_map([series], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    // One occurrence: the third moves to Thursday, the rest stay.
    let mut one = activity_input(venue, "2026-12-17", "15:00", "16:00", 10);
    one.title = "健康讲座（改期）".into();
    st.activity_update(&clerk, &ActivityUpdateInput { id: ids[2], scope: EditScope::One, activity: one }).unwrap();
    let detail = st.activity_get(&clerk, ids[3]).unwrap();
    assert_eq!(detail.activity.starts_at, "2026-12-23 15:00");
    assert_eq!(detail.series_remaining, 5);
    // From the fifth on: an hour later, new title; earlier ones untouched.
    let mut rest = activity_input(venue, "2026-12-30", "16:00", "17:30", 12);
    rest.title = "健康讲座·冬季".into();
    st.activity_update(&clerk, &ActivityUpdateInput { id: ids[4], scope: EditScope::Following, activity: rest })
        .unwrap();
    let later = st.activity_get(&clerk, ids[7]).unwrap().activity;
    assert_eq!((later.starts_at.as_str(), later.end_time.as_str()), ("2027-01-20 16:00", "17:30"));
    assert_eq!(later.title, "健康讲座·冬季");
    assert_eq!(later.capacity, 12);
    assert_eq!(st.activity_get(&clerk, ids[3]).unwrap().activity.title, "健康讲座");
    // Cancelling the rest keeps the first four.
    st.activity_cancel(
        &clerk,
        &ActivityCancelInput { id: ids[6], scope: EditScope::Following, reason: "放寒假".into() },
    )
    .unwrap();
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activities WHERE status = 'cancelled'"), 2);
}

#[test]
fn a_series_occurrence_that_hits_a_busy_room_refuses_the_whole_series() {
    let (mut st, _, clerk, venue) = setup();
    let mut other = activity_input(venue, "2026-12-16", "15:30", "16:30", 10);
    other.title = "合唱排练".into();
    schedule(&mut st, &clerk, other, 1).unwrap();
    let err = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 10), 8).unwrap_err();
    assert!(err.message.contains("合唱排练"), "{}", err.message);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activities"), 1);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activity_series"), 0);
}

// ---- venue requests ----

#[test]
fn an_approved_venue_request_holds_the_room_and_a_decline_needs_a_reason() {
    let (mut st, _, clerk, venue) = setup();
    let req = st
        .venue_request_create(
            &clerk,
            &VenueRequestInput {
                group_name: "舞蹈队".into(),
                contact_name: "刘阿姨".into(),
                contact_phone: "13912345678".into(),
                purpose: "排练".into(),
                venue_id: venue,
                date: "2026-12-03".into(),
                start_time: "09:00".into(),
                end_time: "11:00".into(),
                weeks: 4,
            },
        )
        .unwrap();
    assert_eq!(req.status, VenueRequestStatus::Pending);
    assert_eq!(req.weeks, 4);
    // Pending requests do not hold the room yet.
    schedule(&mut st, &clerk, activity_input(venue, "2026-12-10", "10:00", "10:30", 5), 1).unwrap();
    let pending = st.venue_requests_list(&clerk, Some(VenueRequestStatus::Pending)).unwrap();
    assert!(pending[0].problems[0].contains("健康讲座"), "{:?}", pending[0].problems);
    let refused = st
        .venue_request_decide(
            &clerk,
            &VenueRequestDecision { id: req.id, approve: true, note: String::new(), override_reason: None },
        )
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Conflict);
    let no_reason = st
        .venue_request_decide(
            &clerk,
            &VenueRequestDecision { id: req.id, approve: false, note: " ".into(), override_reason: None },
        )
        .unwrap_err();
    assert_eq!(no_reason.field.as_deref(), Some("note"));
    // Cancel the clash, approve, and the room is held on those mornings.
    let clash: i64 = count(&st, "SELECT id FROM activities");
    st.activity_cancel(&clerk, &ActivityCancelInput { id: clash, scope: EditScope::One, reason: "改到下午".into() })
        .unwrap();
    let ok = st
        .venue_request_decide(
            &clerk,
            &VenueRequestDecision { id: req.id, approve: true, note: "同意".into(), override_reason: None },
        )
        .unwrap();
    assert_eq!(ok.status, VenueRequestStatus::Approved);
    assert_eq!(ok.decided_by.as_deref(), Some("李文"));
    let err = schedule(&mut st, &clerk, activity_input(venue, "2026-12-17", "10:00", "12:00", 5), 1).unwrap_err();
    assert!(err.message.contains("场地申请「舞蹈队」"), "{}", err.message);
    let cal = st
        .activities_calendar(
            &clerk,
            &CalendarQuery { from: "2026-12-01".into(), to: "2026-12-31".into(), venue_id: None },
        )
        .unwrap();
    assert_eq!(cal.entries.iter().filter(|e| e.kind == CalendarKind::Request).count(), 4);
    assert_eq!(
        st.venue_request_decide(
            &clerk,
            &VenueRequestDecision { id: req.id, approve: false, note: "x".into(), override_reason: None }
        )
        .unwrap_err()
        .code,
        ErrorCode::Conflict
    );
}

// ---- bookings ----

#[test]
fn capacity_waitlist_and_promotion_in_arrival_order() {
    let (mut st, _, clerk, venue) = setup();
    add_residents(&mut st, &clerk, 5);
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 2), 1).unwrap();
    let results: Vec<BookingResult> = (0..5).map(|i| book_by_phone(&mut st, i, a.id).unwrap()).collect();
    let statuses: Vec<BookingStatus> = results.iter().map(|r| r.status).collect();
    use BookingStatus::{Booked, Waitlisted};
    assert_eq!(statuses, vec![Booked, Booked, Waitlisted, Waitlisted, Waitlisted]);
    assert_eq!(results[4].waitlist_position, Some(3));
    assert_eq!(results[0].masked_name, "赵**");
    assert_eq!(st.activity_get(&clerk, a.id).unwrap().activity.status, ActivityStatus::Full);
    // Without the waitlist, a full activity says so with its own code.
    add_residents_from(&mut st, &clerk, 5, 1);
    let full = st
        .kiosk_book(&KioskBookInput { phone: phone_of(5), pin: PIN.into(), activity_id: a.id, join_waitlist: false })
        .unwrap_err();
    assert_eq!(full.code, ErrorCode::ActivityFull);
    // The desk cancels a booked one: the first waiting person moves up, and the desk is told whom to phone.
    let outcome = st.booking_cancel(&clerk, results[1].booking_id).unwrap();
    assert_eq!(outcome.promoted.len(), 1);
    assert_eq!(outcome.promoted[0].booking_id, results[2].booking_id);
    assert_eq!(outcome.promoted[0].phone, phone_of(2));
    assert_eq!(st.promotions_pending(&clerk).unwrap().len(), 1);
    st.promotion_mark_notified(&clerk, results[2].booking_id).unwrap();
    assert!(st.promotions_pending(&clerk).unwrap().is_empty());
    // A waiting person cancelling promotes nobody; the next freed place goes to the next in line.
    st.kiosk_cancel(&KioskBookingRef { phone: phone_of(3), pin: PIN.into(), booking_id: results[3].booking_id })
        .unwrap();
    let after = st
        .kiosk_cancel(&KioskBookingRef { phone: phone_of(0), pin: PIN.into(), booking_id: results[0].booking_id })
        .unwrap();
    assert_eq!(after.status, BookingStatus::Cancelled);
    let rows = st.activity_get(&clerk, a.id).unwrap().bookings;
    let live: Vec<(i64, BookingStatus)> =
        rows.iter().filter(|b| matches!(b.status, Booked | Waitlisted)).map(|b| (b.id, b.status)).collect();
    assert_eq!(live, vec![(results[2].booking_id, Booked), (results[4].booking_id, Booked)]);
}

#[test]
fn a_capacity_raise_promotes_and_a_cut_below_the_booked_is_refused() {
    let (mut st, _, clerk, venue) = setup();
    add_residents(&mut st, &clerk, 4);
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 2), 1).unwrap();
    for i in 0..4 {
        book_by_phone(&mut st, i, a.id).unwrap();
    }
    let cut = activity_input(venue, "2026-12-02", "15:00", "16:00", 1);
    let err = st
        .activity_update(&clerk, &ActivityUpdateInput { id: a.id, scope: EditScope::One, activity: cut })
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("capacity"));
    let raise = activity_input(venue, "2026-12-02", "15:00", "16:00", 3);
    let a2 =
        st.activity_update(&clerk, &ActivityUpdateInput { id: a.id, scope: EditScope::One, activity: raise }).unwrap();
    assert_eq!((a2.booked, a2.waitlisted), (3, 1));
}

#[test]
fn one_booking_per_person_and_an_overlap_is_warned() {
    let (mut st, _, clerk, venue) = setup();
    let people = add_residents(&mut st, &clerk, 1);
    let other_room = st.venue_save(&clerk, &venue_input("书画室")).unwrap().id;
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 5), 1).unwrap();
    let b = schedule(&mut st, &clerk, activity_input(other_room, "2026-12-02", "15:30", "17:00", 5), 1).unwrap();
    let first = book_by_phone(&mut st, 0, a.id).unwrap();
    assert!(first.warning.is_none());
    let twice = st
        .booking_create(&clerk, &DeskBookingInput { activity_id: a.id, resident_id: people[0], join_waitlist: true })
        .unwrap_err();
    assert_eq!(twice.code, ErrorCode::Conflict);
    assert!(twice.message.contains(&first.receipt), "{}", twice.message);
    let second = st
        .booking_create(&clerk, &DeskBookingInput { activity_id: b.id, resident_id: people[0], join_waitlist: false })
        .unwrap();
    assert!(second.warning.as_deref().unwrap_or("").contains("健康讲座"), "{:?}", second.warning);
    // After cancelling, the same person may book again (a new record, the old one kept).
    st.booking_cancel(&clerk, first.booking_id).unwrap();
    book_by_phone(&mut st, 0, a.id).unwrap();
    assert_eq!(count(&st, "SELECT COUNT(*) FROM bookings"), 3);
}

#[test]
fn who_may_book_age_compound_window_and_status() {
    let (mut st, admin, clerk, venue) = setup();
    let grid = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第一网格".into() })
        .unwrap();
    let grid_id = grid.grids[0].id;
    st.place_save(
        &admin,
        &PlaceInput { kind: PlaceKind::Compound, id: None, parent_id: Some(grid_id), name: "阳光花园".into() },
    )
    .unwrap();
    let places = st
        .place_save(
            &admin,
            &PlaceInput { kind: PlaceKind::Compound, id: None, parent_id: Some(grid_id), name: "幸福里".into() },
        )
        .unwrap();
    let sunny = places.compounds.iter().find(|c| c.name == "阳光花园").unwrap().id;
    let happy = places.compounds.iter().find(|c| c.name == "幸福里").unwrap().id;
    let young = ResidentInput {
        name: "张小明".into(),
        phone: phone_of(1),
        age: Some(30),
        compound_id: Some(happy),
        ..Default::default()
    };
    let old = ResidentInput {
        name: "张大爷".into(),
        phone: phone_of(2),
        age: Some(70),
        compound_id: Some(sunny),
        ..Default::default()
    };
    let unknown_age = ResidentInput { name: "李四".into(), phone: phone_of(3), ..Default::default() };
    for r in [young, old, unknown_age] {
        let id = st.resident_create(&clerk, &r).unwrap().id;
        st.resident_set_kiosk_pin(&clerk, &ResidentPinInput { resident_id: id, pin: PIN.into() }).unwrap();
    }
    let mut seniors = activity_input(venue, "2026-12-02", "15:00", "16:00", 5);
    seniors.min_age = Some(60);
    let seniors = schedule(&mut st, &clerk, seniors, 1).unwrap();
    assert!(book_by_phone(&mut st, 1, seniors.id).unwrap_err().message.contains("60 岁及以上"));
    assert!(book_by_phone(&mut st, 3, seniors.id).unwrap_err().message.contains("年龄未登记"));
    book_by_phone(&mut st, 2, seniors.id).unwrap();
    let mut local = activity_input(venue, "2026-12-03", "15:00", "16:00", 5);
    local.compound_ids = vec![sunny];
    let local = schedule(&mut st, &clerk, local, 1).unwrap();
    assert!(book_by_phone(&mut st, 1, local.id).unwrap_err().message.contains("仅限阳光花园居民"));
    book_by_phone(&mut st, 2, local.id).unwrap();
    let mut later = activity_input(venue, "2026-12-04", "15:00", "16:00", 5);
    later.booking_opens_at = Some("2026-11-30 08:00".into());
    let later = schedule(&mut st, &clerk, later, 1).unwrap();
    assert!(book_by_phone(&mut st, 1, later.id).unwrap_err().message.contains("11月30日 08:00 开始报名"));
    let mut draft = activity_input(venue, "2026-12-05", "15:00", "16:00", 5);
    draft.publish = false;
    let draft = schedule(&mut st, &clerk, draft, 1).unwrap();
    assert!(book_by_phone(&mut st, 1, draft.id).unwrap_err().message.contains("尚未发布"));
    st.activity_set_status(&clerk, &ActivityStatusInput { id: local.id, status: ActivityStatus::Closed }).unwrap();
    assert!(book_by_phone(&mut st, 1, local.id).unwrap_err().message.contains("截止"));
    assert_eq!(
        st.activity_set_status(&clerk, &ActivityStatusInput { id: local.id, status: ActivityStatus::Draft })
            .unwrap_err()
            .field,
        Some("status".into())
    );
}

#[test]
fn check_in_then_no_shows_and_attendance_figures() {
    let (mut st, _, clerk, venue) = setup();
    let people = add_residents(&mut st, &clerk, 3);
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-11-25", "15:00", "16:00", 5), 1).unwrap();
    let bookings: Vec<BookingResult> = (0..3).map(|i| book_by_phone(&mut st, i, a.id).unwrap()).collect();
    let me = |i: usize| KioskBookingRef { phone: phone_of(i), pin: PIN.into(), booking_id: bookings[i].booking_id };
    // Too early at 09:00.
    assert!(st.kiosk_check_in(&me(0)).unwrap_err().message.contains("还没到签到时间"));
    st.set_clock(at("2026-11-25 14:30"));
    let mine = st.kiosk_bookings(&KioskPinInput { phone: phone_of(0), pin: PIN.into() }).unwrap();
    assert!(mine.items[0].can_check_in);
    let done = st.kiosk_check_in(&me(0)).unwrap();
    assert_eq!(done.status, BookingStatus::Attended);
    assert!(st.kiosk_check_in(&me(0)).unwrap_err().message.contains("已经签到"));
    // Ticked at the desk, then untick a wrong tick.
    st.booking_check_in(&clerk, &CheckInInput { booking_id: bookings[1].booking_id, attended: true }).unwrap();
    st.booking_check_in(&clerk, &CheckInInput { booking_id: bookings[2].booking_id, attended: true }).unwrap();
    let row =
        st.booking_check_in(&clerk, &CheckInInput { booking_id: bookings[2].booking_id, attended: false }).unwrap();
    assert_eq!(row.status, BookingStatus::Booked);
    // After the end, settling makes the unticked one a no-show.
    st.set_clock(at("2026-11-25 16:05"));
    assert_eq!(st.activities_settle().unwrap(), 1);
    let detail = st.activity_get(&clerk, a.id).unwrap().activity;
    assert_eq!(detail.status, ActivityStatus::Held);
    assert_eq!((detail.booked, detail.attended, detail.no_show), (3, 2, 1));
    let attendance = st.resident_attendance(&clerk, people[2]).unwrap();
    assert_eq!((attendance.booked, attendance.attended, attendance.no_show), (1, 0, 1));
    // A late correction by staff turns the no-show into attended.
    st.booking_check_in(&clerk, &CheckInInput { booking_id: bookings[2].booking_id, attended: true }).unwrap();
    assert_eq!(st.resident_attendance(&clerk, people[2]).unwrap().attended, 1);
    assert_eq!(st.activities_settle().unwrap(), 0);
}

#[test]
fn cancelling_an_activity_keeps_its_bookings_marked_by_the_station() {
    let (mut st, _, clerk, venue) = setup();
    add_residents(&mut st, &clerk, 3);
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 2), 1).unwrap();
    for i in 0..3 {
        book_by_phone(&mut st, i, a.id).unwrap();
    }
    let err = st
        .activity_cancel(&clerk, &ActivityCancelInput { id: a.id, scope: EditScope::One, reason: " ".into() })
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("reason"));
    let cancelled = st
        .activity_cancel(&clerk, &ActivityCancelInput { id: a.id, scope: EditScope::One, reason: "讲师生病".into() })
        .unwrap();
    assert_eq!(cancelled.status, ActivityStatus::Cancelled);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM bookings WHERE status = 'station_cancelled'"), 3);
    // The room is free again.
    schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 2), 1).unwrap();
    assert!(st
        .activity_update(
            &clerk,
            &ActivityUpdateInput {
                id: a.id,
                scope: EditScope::One,
                activity: activity_input(venue, "2026-12-09", "15:00", "16:00", 2)
            }
        )
        .is_err());
}

// ---- kiosk ----

#[test]
fn the_kiosk_sees_only_the_callers_own_bookings_masked() {
    let (mut st, _, clerk, venue) = setup();
    add_residents(&mut st, &clerk, 2);
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 5), 1).unwrap();
    let mine = book_by_phone(&mut st, 0, a.id).unwrap();
    let theirs = book_by_phone(&mut st, 1, a.id).unwrap();
    let list = st.kiosk_bookings(&KioskPinInput { phone: phone_of(0), pin: PIN.into() }).unwrap();
    assert_eq!(list.masked_name, "赵**");
    assert_eq!(list.items.iter().map(|b| b.booking_id).collect::<Vec<_>>(), vec![mine.booking_id]);
    // Someone else's booking cannot be cancelled or checked in from my phone, and the
    // refusal says nothing about it.
    let other = KioskBookingRef { phone: phone_of(0), pin: PIN.into(), booking_id: theirs.booking_id };
    assert_eq!(st.kiosk_cancel(&other).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(st.kiosk_check_in(&other).unwrap_err().code, ErrorCode::NotFound);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM bookings WHERE status = 'booked'"), 2);
    // The public list carries counts, never names.
    let public = serde_json::to_string(&st.kiosk_activities().unwrap()).unwrap();
    assert!(!public.contains("赵") && !public.contains("1380000"), "{public}");
    assert!(public.contains("\"placesLeft\":3"), "{public}");
    // A malformed phone or PIN is told so (before anything is looked up).
    let pin = |phone: &str, pin: &str| KioskPinInput { phone: phone.into(), pin: pin.into() };
    assert_eq!(st.kiosk_identify(&pin("12", PIN)).unwrap_err().field.as_deref(), Some("phone"));
    assert_eq!(st.kiosk_identify(&pin(&phone_of(0), "12")).unwrap_err().field.as_deref(), Some("pin"));
}

/// The bar of issue 16: with only a neighbour's phone number nothing of theirs is shown,
/// cancelled or booked, and a known and an unknown number get the same answers.
#[test]
fn with_only_a_neighbours_phone_nothing_of_theirs_is_shown_cancelled_or_booked() {
    let (mut st, _, clerk, venue) = setup();
    add_residents(&mut st, &clerk, 1);
    let a = schedule(&mut st, &clerk, activity_input(venue, "2026-12-02", "15:00", "16:00", 5), 1).unwrap();
    let b = schedule(&mut st, &clerk, activity_input(venue, "2026-12-03", "15:00", "16:00", 5), 1).unwrap();
    let theirs = book_by_phone(&mut st, 0, a.id).unwrap();
    let before = count(&st, "SELECT COUNT(*) FROM bookings");
    let neighbour = phone_of(0);
    let stranger = "13900000000".to_string();
    // What each kiosk call answers for a phone with a guessed PIN (no lock yet: 1 try each).
    let answers = |st: &mut Station, phone: &str| -> Vec<String> {
        let guess = "7913".to_string();
        let who = KioskPinInput { phone: phone.into(), pin: guess.clone() };
        let reference = KioskBookingRef { phone: phone.into(), pin: guess.clone(), booking_id: theirs.booking_id };
        let booking = KioskBookInput { phone: phone.into(), pin: guess, activity_id: b.id, join_waitlist: true };
        vec![
            serde_json::to_string(&st.kiosk_identify(&who).unwrap_err()).unwrap(),
            serde_json::to_string(&st.kiosk_bookings(&who).unwrap_err()).unwrap(),
            serde_json::to_string(&st.kiosk_cancel(&reference).unwrap_err()).unwrap(),
            serde_json::to_string(&st.kiosk_check_in(&reference).unwrap_err()).unwrap(),
            serde_json::to_string(&st.kiosk_book(&booking).unwrap_err()).unwrap(),
        ]
    };
    let known = answers(&mut st, &neighbour);
    let unknown = answers(&mut st, &stranger);
    assert_eq!(known, unknown, "a known and an unknown number are answered alike");
    // Three free tries, the fourth starts a lock, the fifth is refused unchecked.
    assert!(known[..4].iter().all(|a| a.contains("手机号或密码不正确")), "{known:?}");
    assert!(known[3].contains("30 秒后再试") && known[4].contains("TOO_MANY_ATTEMPTS"), "{known:?}");
    assert!(known.iter().all(|a| !a.contains("赵") && !a.contains(&theirs.receipt)), "{known:?}");
    // Past the free tries both numbers lock alike, and even the right PIN then waits.
    let again = |st: &mut Station, phone: &str| {
        st.kiosk_identify(&KioskPinInput { phone: phone.into(), pin: "8024".into() }).unwrap_err()
    };
    let (k, u) = (again(&mut st, &neighbour), again(&mut st, &stranger));
    assert_eq!((k.code, &k.message), (u.code, &u.message));
    let right = st.kiosk_bookings(&KioskPinInput { phone: neighbour.clone(), pin: PIN.into() }).unwrap_err();
    assert_eq!(right.code, ErrorCode::TooManyAttempts);
    // Nothing was cancelled or booked.
    assert_eq!(count(&st, "SELECT COUNT(*) FROM bookings"), before);
    assert_eq!(
        count(&st, &format!("SELECT COUNT(*) FROM bookings WHERE id = {} AND status = 'booked'", theirs.booking_id)),
        1
    );
    // Once the lock has passed, the resident's own PIN works.
    st.set_clock(at("2026-11-25 09:05"));
    let mine = st.kiosk_bookings(&KioskPinInput { phone: neighbour, pin: PIN.into() }).unwrap();
    assert_eq!(mine.items.len(), 1);
}

/// 20 wrong PINs in a row on one phone, and 50 across many phones, are slowed (each lock
/// refuses even the right PIN until it passes) and reach the desk and the audit log.
#[test]
fn twenty_wrong_pins_on_one_phone_and_fifty_across_many_are_slowed_and_shown_on_the_desk() {
    let (mut st, admin, clerk, _) = setup();
    add_residents(&mut st, &clerk, 1);
    let start = st.now();
    let mut waited = chrono::Duration::zero();
    let mut locked_answers = 0;
    let mut tries = 0;
    while tries < 20 {
        let r = st.kiosk_identify(&KioskPinInput { phone: phone_of(0), pin: format!("{:04}", 3000 + tries) });
        let e = r.unwrap_err();
        if e.code == ErrorCode::TooManyAttempts {
            // Locked: the guess was not even checked. Wait out the lock and go on.
            locked_answers += 1;
            let secs = super::super::guard::locked_for(st.conn(), st.now(), &super::kiosk::pin_scopes(&phone_of(0)))
                .unwrap()
                .expect("a lock");
            waited += chrono::Duration::seconds(secs);
            st.set_clock(Clock::Fixed(start + waited));
            continue;
        }
        tries += 1;
    }
    assert!(locked_answers >= 16, "{locked_answers}");
    assert!(waited >= chrono::Duration::hours(4), "20 guesses on one phone took {waited}");
    let alerts = st.guard_alerts(&clerk).unwrap();
    assert!(alerts.items.iter().any(|a| a.who == "138****0000" && a.locked_until.is_some()), "{alerts:?}");
    // 50 across many phones (one each, new numbers): the whole kiosk is slowed too.
    st.guard_clear(&admin).unwrap();
    let t1 = st.now() + chrono::Duration::days(2);
    st.set_clock(Clock::Fixed(t1));
    let (mut waited, mut locked, mut tried) = (chrono::Duration::zero(), 0, 0);
    while tried < 50 {
        let phone = format!("1360000{tried:04}");
        let e = st.kiosk_identify(&KioskPinInput { phone, pin: "1357".into() }).unwrap_err();
        if e.code == ErrorCode::TooManyAttempts {
            locked += 1;
            let secs = super::super::guard::locked_for(st.conn(), st.now(), &super::kiosk::pin_scopes("x"))
                .unwrap()
                .expect("the kiosk is locked");
            waited += chrono::Duration::seconds(secs);
            st.set_clock(Clock::Fixed(t1 + waited));
            continue;
        }
        tried += 1;
    }
    assert!(locked >= 39, "{locked}");
    assert!(waited >= chrono::Duration::hours(2), "50 guesses across phones took {waited}");
    let alerts = st.guard_alerts(&clerk).unwrap();
    assert!(alerts.items.iter().any(|a| a.whole && a.what.contains("全部号码")), "{alerts:?}");
    let audited = count(&st, "SELECT COUNT(*) FROM audit_log WHERE action = 'guess_locked'");
    assert!(audited >= 17 + 40, "{audited}");
}

/// Issue 16: walk-ins at the kiosk are limited per hour, and each one (flagged when the
/// number was already registered) is listed on the desk home.
#[test]
fn walk_ins_are_limited_per_hour_and_flagged_for_staff() {
    let (mut st, admin, clerk, _) = setup();
    add_residents(&mut st, &clerk, 1);
    let grid = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第一网格".into() })
        .unwrap();
    let compound = st
        .place_save(
            &admin,
            &PlaceInput {
                kind: PlaceKind::Compound,
                id: None,
                parent_id: Some(grid.grids[0].id),
                name: "阳光花园".into(),
            },
        )
        .unwrap();
    let places = st
        .place_save(
            &admin,
            &PlaceInput {
                kind: PlaceKind::Building,
                id: None,
                parent_id: Some(compound.compounds[0].id),
                name: "3号楼".into(),
            },
        )
        .unwrap();
    let building = places.buildings[0].id;
    let walk_in = |phone: String| KioskWalkInInput {
        phone,
        name: "孙丽".into(),
        building_id: building,
        pin: "4702".into(),
        notice_version: crate::privacy::NOTICE_VERSION.into(),
    };
    // The first uses a registered number: it gets a record of its own, flagged.
    st.kiosk_register(&walk_in(phone_of(0))).unwrap();
    for i in 1..5 {
        st.kiosk_register(&walk_in(format!("1370000{i:04}"))).unwrap();
    }
    let sixth = st.kiosk_register(&walk_in("13700009999".into())).unwrap_err();
    assert_eq!(sixth.code, ErrorCode::TooManyAttempts);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM residents WHERE phone = '13700009999'"), 0);
    let alerts = st.guard_alerts(&clerk).unwrap();
    assert_eq!(alerts.walk_ins.len(), 5);
    assert_eq!(alerts.walk_ins.iter().filter(|w| w.phone_known).count(), 1);
    // The neighbour's own record and PIN are untouched.
    assert_eq!(st.kiosk_identify(&KioskPinInput { phone: phone_of(0), pin: PIN.into() }).unwrap().masked_name, "赵**");
    // An hour later the kiosk registers again.
    st.set_clock(at("2026-11-25 10:01"));
    st.kiosk_register(&walk_in("13700009999".into())).unwrap();
}

#[test]
fn an_unknown_number_registers_as_a_walk_in_that_staff_complete() {
    let (mut st, admin, clerk, _) = setup();
    let grid = st
        .place_save(&admin, &PlaceInput { kind: PlaceKind::Grid, id: None, parent_id: None, name: "第一网格".into() })
        .unwrap();
    let places = st
        .place_save(
            &admin,
            &PlaceInput {
                kind: PlaceKind::Compound,
                id: None,
                parent_id: Some(grid.grids[0].id),
                name: "阳光花园".into(),
            },
        )
        .unwrap();
    let places = st
        .place_save(
            &admin,
            &PlaceInput {
                kind: PlaceKind::Building,
                id: None,
                parent_id: Some(places.compounds[0].id),
                name: "3号楼".into(),
            },
        )
        .unwrap();
    let building = places.buildings[0].id;
    assert_eq!(st.kiosk_buildings().unwrap()[0].label, "阳光花园 3号楼");
    let phone = "13700001111".to_string();
    let walk_in = |name: &str, building_id: i64, pin: &str| KioskWalkInInput {
        phone: phone.clone(),
        name: name.into(),
        building_id,
        pin: pin.into(),
        notice_version: crate::privacy::NOTICE_VERSION.into(),
    };
    let bad = st.kiosk_register(&walk_in("", building, "2580")).unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("name"));
    let bad = st.kiosk_register(&walk_in("王芳", 999, "2580")).unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("buildingId"));
    for weak in ["1234", "0000", "9876", "12"] {
        assert_eq!(st.kiosk_register(&walk_in("王芳", building, weak)).unwrap_err().field.as_deref(), Some("pin"));
    }
    let who = st.kiosk_register(&walk_in("王芳", building, "2580")).unwrap();
    assert_eq!((who.masked_name.as_str(), who.phone_masked.as_str()), ("王*", "137****1111"));
    // The walk-in's own PIN identifies them from now on.
    assert_eq!(st.kiosk_identify(&KioskPinInput { phone: phone.clone(), pin: "2580".into() }).unwrap(), who);
    assert_eq!(crate::residents::walk_ins_to_complete(st.conn()).unwrap(), 1);
    let today = st.activities_today(&clerk).unwrap();
    assert_eq!(today.walk_ins_to_complete, 1);
    assert_eq!((today.walk_ins[0].name.as_str(), today.walk_ins[0].phone_masked.as_str()), ("王芳", "137****1111"));
    let id = count(&st, "SELECT id FROM residents WHERE phone = '13700001111'");
    let r = st.resident_get(&clerk, id).unwrap();
    assert_eq!(r.compound_id, Some(places.compounds[0].id));
    let mut input =
        ResidentInput { name: r.name, phone: r.phone, building_id: r.building_id, age: Some(66), ..Default::default() };
    input.note = "已补全".into();
    st.resident_update(&clerk, &crate::residents::ResidentUpdate { id, resident: input }).unwrap();
    assert_eq!(crate::residents::walk_ins_to_complete(st.conn()).unwrap(), 0);
}

// ---- views ----

#[test]
fn today_calendar_and_ics() {
    let (mut st, _, clerk, venue) = setup();
    let mut a = activity_input(venue, "2026-11-25", "15:00", "16:00", 5);
    a.title = "四点半课堂, 作业辅导".into();
    a.category_id = 4;
    schedule(&mut st, &clerk, a, 1).unwrap();
    schedule(&mut st, &clerk, activity_input(venue, "2026-11-26", "15:00", "16:00", 5), 1).unwrap();
    let today = st.activities_today(&clerk).unwrap();
    assert_eq!(today.activities.len(), 1);
    assert_eq!(today.date, "2026-11-25");
    let week = st
        .activities_calendar(
            &clerk,
            &CalendarQuery { from: "2026-11-23".into(), to: "2026-11-29".into(), venue_id: None },
        )
        .unwrap();
    assert_eq!(week.entries.len(), 2);
    assert_eq!(week.venues.len(), 1);
    let too_long = st.activities_calendar(
        &clerk,
        &CalendarQuery { from: "2026-01-01".into(), to: "2026-12-31".into(), venue_id: None },
    );
    assert_eq!(too_long.unwrap_err().field.as_deref(), Some("to"));
    let ics = st
        .activities_ics(&clerk, &CalendarQuery { from: "2026-11-23".into(), to: "2026-11-29".into(), venue_id: None })
        .unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
    // 15:00 in Shanghai is 07:00 UTC.
    assert!(ics.contains("DTSTART:20261125T070000Z\r\n"), "{ics}");
    assert!(ics.contains("SUMMARY:四点半课堂\\, 作业辅导\r\n"), "{ics}");
    assert!(ics.contains("LOCATION:阳光花园党群服务站 多功能厅"), "{ics}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("活动安排.ics");
    let q = CalendarQuery { from: "2026-11-23".into(), to: "2026-11-29".into(), venue_id: None };
    let done = st.activities_export_ics(&clerk, &q, &path).unwrap();
    assert_eq!(done.events, 2);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), ics);
}

#[test]
fn categories_are_an_editable_list() {
    let (mut st, _, clerk, _) = setup();
    let list = st
        .activity_category_save(&clerk, &ActivityCategoryInput { id: None, name: "手工课".into(), archived: false })
        .unwrap();
    assert_eq!(list.len(), 6);
    let dup =
        st.activity_category_save(&clerk, &ActivityCategoryInput { id: None, name: "党课".into(), archived: false });
    assert_eq!(dup.unwrap_err().field.as_deref(), Some("name"));
    let id = list.iter().find(|c| c.name == "手工课").unwrap().id;
    st.activity_category_save(&clerk, &ActivityCategoryInput { id: Some(id), name: "手工课".into(), archived: true })
        .unwrap();
    let venue = st.venues_list(&clerk).unwrap()[0].id;
    let mut input = activity_input(venue, "2026-12-02", "15:00", "16:00", 5);
    input.category_id = id;
    assert_eq!(schedule(&mut st, &clerk, input, 1).unwrap_err().field.as_deref(), Some("categoryId"));
}

// ---- the bar: concurrency and properties ----

#[test]
fn fifty_kiosks_at_once_book_exactly_the_capacity_and_waitlist_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("station.sqlite3");
    let mut st = Station::open(&path).unwrap();
    let (_, clerk) = add_admin_and_clerk(&mut st);
    let venue = st.venue_save(&clerk, &venue_input("多功能厅")).unwrap().id;
    add_residents(&mut st, &clerk, 50);
    let next_week = st.today() + chrono::Duration::days(7);
    let mut input = activity_input(venue, &next_week.to_string(), "15:00", "16:00", 10);
    input.open_weekdays_all(&mut st, &clerk, venue);
    let a = schedule(&mut st, &clerk, input, 1).unwrap();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(50));
    let handles: Vec<_> = (0..50)
        .map(|i| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut own = Station::open(&path).expect("each thread opens its own connection");
                barrier.wait();
                own.kiosk_book(&KioskBookInput {
                    phone: phone_of(i),
                    pin: PIN.into(),
                    activity_id: a.id,
                    join_waitlist: true,
                })
            })
        })
        .collect();
    let results: Vec<BookingResult> =
        handles.into_iter().map(|h| h.join().expect("no panic").expect("no error reaches the caller")).collect();
    let booked = results.iter().filter(|r| r.status == BookingStatus::Booked).count();
    let waiting = results.iter().filter(|r| r.status == BookingStatus::Waitlisted).count();
    assert_eq!((booked, waiting), (10, 40));
    let mut positions: Vec<u32> = results.iter().filter_map(|r| r.waitlist_position).collect();
    positions.sort_unstable();
    assert_eq!(positions, (1..=40).collect::<Vec<u32>>());
    // Cancellations promote in arrival order.
    let waiting_ids: Vec<i64> = {
        let mut w: Vec<&BookingResult> = results.iter().filter(|r| r.status == BookingStatus::Waitlisted).collect();
        w.sort_by_key(|r| r.waitlist_position);
        w.iter().map(|r| r.booking_id).collect()
    };
    let booked_ids: Vec<i64> =
        results.iter().filter(|r| r.status == BookingStatus::Booked).map(|r| r.booking_id).collect();
    for (k, id) in booked_ids.iter().take(3).enumerate() {
        let outcome = st.booking_cancel(&clerk, *id).unwrap();
        assert_eq!(outcome.promoted.iter().map(|p| p.booking_id).collect::<Vec<_>>(), vec![waiting_ids[k]]);
    }
    let detail = st.activity_get(&clerk, a.id).unwrap().activity;
    assert_eq!((detail.booked, detail.waitlisted), (10, 37));
}

impl ActivityInput {
    /// The concurrency test runs on the real date: make sure the room is open that weekday.
    fn open_weekdays_all(&mut self, st: &mut Station, actor: &StaffActor, venue: i64) {
        let mut all = venue_input("多功能厅");
        all.id = Some(venue);
        all.open_weekdays = (1..=7).collect();
        st.venue_save(actor, &all).unwrap();
    }
}

#[derive(Debug, Clone)]
enum Action {
    Book(usize, bool),
    Cancel(usize),
    CheckIn(usize),
    Close,
    Reopen,
}

fn action() -> impl proptest::strategy::Strategy<Value = Action> {
    use proptest::prelude::*;
    prop_oneof![
        4 => (0..6usize, any::<bool>()).prop_map(|(p, w)| Action::Book(p, w)),
        2 => (0..6usize).prop_map(Action::Cancel),
        1 => (0..6usize).prop_map(Action::CheckIn),
        1 => Just(Action::Close),
        1 => Just(Action::Reopen),
    ]
}

#[test]
fn any_sequence_keeps_capacity_waitlist_order_and_one_entry_per_person() {
    use proptest::test_runner::{Config, TestRunner};
    let (mut st, _, clerk, _) = setup();
    // Half an hour before the start: booking, cancelling and checking in are all allowed.
    st.set_clock(at("2026-11-25 14:30"));
    add_residents(&mut st, &clerk, 6);
    let st = std::cell::RefCell::new(st);
    let venue_no = std::cell::Cell::new(0);
    let mut runner = TestRunner::new(Config { cases: 64, ..Config::default() });
    let strategy = (1..4u32, proptest::collection::vec(action(), 1..40));
    runner
        .run(&strategy, |(capacity, actions)| {
            let mut st = st.borrow_mut();
            venue_no.set(venue_no.get() + 1);
            // A fresh room per case keeps the cases independent.
            let room = st.venue_save(&clerk, &venue_input(&format!("活动室{}", venue_no.get()))).unwrap().id;
            let a =
                schedule(&mut st, &clerk, activity_input(room, "2026-11-25", "15:00", "16:00", capacity), 1).unwrap();
            // The model: who is booked (set) and the waitlist (queue), closed or not.
            let mut booked: Vec<usize> = Vec::new();
            let mut queue: std::collections::VecDeque<usize> = Default::default();
            let mut attended: Vec<usize> = Vec::new();
            let mut closed = false;
            let mut booking_of: std::collections::HashMap<usize, i64> = Default::default();
            for act in actions {
                match act {
                    Action::Book(p, wait) => {
                        let r = st.kiosk_book(&KioskBookInput {
                            phone: phone_of(p),
                            pin: PIN.into(),
                            activity_id: a.id,
                            join_waitlist: wait,
                        });
                        let holds = booked.contains(&p) || queue.contains(&p) || attended.contains(&p);
                        match r {
                            Ok(res) => {
                                assert!(!closed && !holds);
                                booking_of.insert(p, res.booking_id);
                                if res.status == BookingStatus::Booked {
                                    assert!(((booked.len() + attended.len()) as u32) < capacity);
                                    booked.push(p);
                                } else {
                                    assert!(wait);
                                    queue.push_back(p);
                                }
                            }
                            Err(e) => assert!(closed || holds || (!wait && e.code == ErrorCode::ActivityFull), "{e}"),
                        }
                    }
                    Action::Cancel(p) => {
                        let Some(id) = booking_of.get(&p) else { continue };
                        let r =
                            st.kiosk_cancel(&KioskBookingRef { phone: phone_of(p), pin: PIN.into(), booking_id: *id });
                        if booked.contains(&p) {
                            r.unwrap();
                            booked.retain(|x| *x != p);
                            if let Some(next) = queue.pop_front() {
                                booked.push(next);
                            }
                        } else if queue.contains(&p) {
                            r.unwrap();
                            queue.retain(|x| *x != p);
                        } else {
                            assert!(r.is_err());
                        }
                    }
                    Action::CheckIn(p) => {
                        let Some(id) = booking_of.get(&p) else { continue };
                        let r = st.kiosk_check_in(&KioskBookingRef {
                            phone: phone_of(p),
                            pin: PIN.into(),
                            booking_id: *id,
                        });
                        if booked.contains(&p) {
                            r.unwrap();
                            booked.retain(|x| *x != p);
                            attended.push(p);
                        } else {
                            assert!(r.is_err());
                        }
                    }
                    Action::Close | Action::Reopen => {
                        let status =
                            if matches!(act, Action::Close) { ActivityStatus::Closed } else { ActivityStatus::Open };
                        st.activity_set_status(&clerk, &ActivityStatusInput { id: a.id, status }).unwrap();
                        closed = matches!(act, Action::Close);
                    }
                }
                // The invariants, read from the database.
                let rows = st.activity_get(&clerk, a.id).unwrap().bookings;
                let holding = |s: &[BookingStatus]| rows.iter().filter(|b| s.contains(&b.status)).count();
                assert!(holding(&[BookingStatus::Booked, BookingStatus::Attended]) as u32 <= capacity);
                let mut live: Vec<i64> = rows
                    .iter()
                    .filter(|b| {
                        matches!(b.status, BookingStatus::Booked | BookingStatus::Waitlisted | BookingStatus::Attended)
                    })
                    .map(|b| b.resident_id)
                    .collect();
                let n = live.len();
                live.sort_unstable();
                live.dedup();
                assert_eq!(live.len(), n, "a person appears twice");
                let waiting: Vec<i64> =
                    rows.iter().filter(|b| b.status == BookingStatus::Waitlisted).map(|b| b.id).collect();
                let expected: Vec<i64> = queue.iter().map(|p| booking_of[p]).collect();
                assert_eq!(waiting, expected, "waitlist order");
                assert_eq!(holding(&[BookingStatus::Booked]), booked.len());
                assert_eq!(holding(&[BookingStatus::Attended]), attended.len());
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_demo_programme_obeys_the_rules() {
    let (mut st, admin, clerk) = station_with_admin();
    st.set_clock(at("2026-11-25 09:00"));
    crate::demo::populate(&mut st, &admin, &crate::demo::DemoScale::residents(60), 3).unwrap();
    let n = populate_activities(&mut st, &clerk, &mut crate::demo::Rng::new(5)).unwrap();
    // 28 in the weekly series, 3 today
    assert_eq!(n, 31);
    assert_eq!(count(&st, "SELECT COUNT(*) FROM activities"), 31);
    assert!(count(&st, "SELECT COUNT(*) FROM bookings WHERE status = 'booked'") > 10);
    let over: i64 = count(
        &st,
        "SELECT COUNT(*) FROM activities a WHERE a.capacity <
           (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status = 'booked')",
    );
    assert_eq!(over, 0);
}
