//! The demo programme: three rooms, weekly series (党课, 太极拳, 四点半课堂 …) from the next
//! occurrence on, three activities today (planned before the day began, so they are booked
//! like real ones even when "now" is already past them), residents' bookings, and two groups'
//! room requests (场地申请), one approved and one waiting. All through the normal rules.

use super::{
    bookings, ActivityCreateInput, ActivityInput, DeskBookingInput, VenueInput, VenueRequestDecision, VenueRequestInput,
};
use crate::db::Station;
use crate::demo::{at_time, local_moment};
use crate::error::Result;
use chrono::Duration;

/// One line of the demo programme: a series in a room on a weekday (0 = Monday).
struct DemoSeries {
    title: &'static str,
    category: i64,
    room: usize,
    weekday: i64,
    hours: (&'static str, &'static str),
    capacity: u32,
    weeks: u32,
}

/// Demo programme for a station that already has residents (see the module's comment).
/// Returns the number of activities scheduled.
pub fn populate_activities(
    station: &mut Station,
    actor: &crate::StaffActor,
    rng: &mut crate::demo::Rng,
) -> Result<usize> {
    let rooms =
        [("多功能厅", 60, "投影仪、音响、话筒"), ("书画室", 20, "书画桌、毛笔"), ("会议室", 30, "会议桌、白板")];
    let mut venue_ids = Vec::new();
    for (name, capacity, equipment) in rooms {
        let input = VenueInput {
            id: None,
            name: name.into(),
            capacity,
            equipment: equipment.into(),
            opens_at: "08:00".into(),
            closes_at: "21:00".into(),
            open_weekdays: (1..=7).collect(),
            archived: false,
        };
        venue_ids.push(station.venue_save(actor, &input)?.id);
    }
    let today = station.today();
    let monday = bookings::week_start(today);
    let plan = [
        DemoSeries {
            title: "党课：学习二十届三中全会精神",
            category: 1,
            room: 0,
            weekday: 2,
            hours: ("09:30", "11:00"),
            capacity: 50,
            weeks: 4,
        },
        DemoSeries {
            title: "太极拳",
            category: 2,
            room: 0,
            weekday: 1,
            hours: ("15:00", "16:00"),
            capacity: 30,
            weeks: 8,
        },
        DemoSeries {
            title: "四点半课堂",
            category: 4,
            room: 2,
            weekday: 3,
            hours: ("16:30", "18:00"),
            capacity: 20,
            weeks: 8,
        },
        DemoSeries {
            title: "书法班",
            category: 2,
            room: 1,
            weekday: 4,
            hours: ("14:00", "16:00"),
            capacity: 15,
            weeks: 6,
        },
        DemoSeries {
            title: "健康讲座：冬季防流感",
            category: 3,
            room: 2,
            weekday: 5,
            hours: ("09:30", "11:00"),
            capacity: 30,
            weeks: 1,
        },
        DemoSeries {
            title: "志愿服务：义务理发",
            category: 5,
            room: 1,
            weekday: 6,
            hours: ("09:00", "11:30"),
            capacity: 12,
            weeks: 1,
        },
    ];
    let mut scheduled = 0;
    for DemoSeries { title, category, room, weekday, hours: (start, end), capacity, weeks } in plan {
        let mut date = monday + Duration::days(weekday);
        if date <= today {
            date += Duration::days(7);
        }
        let input = ActivityInput {
            title: title.into(),
            category_id: category,
            venue_id: venue_ids[room],
            date: date.to_string(),
            start_time: start.into(),
            end_time: end.into(),
            capacity,
            publish: true,
            ..Default::default()
        };
        station.activity_create(actor, &ActivityCreateInput { activity: input, weeks })?;
        scheduled += weeks as usize;
    }
    // Today's programme was planned earlier: scheduled and booked at the day's first minute
    // (or now, if that is earlier), so it is there whatever time of day the demo is loaded.
    let residents: Vec<i64> = station
        .conn()
        .prepare("SELECT id FROM residents WHERE archived_at IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let morning = local_moment(station.tz(), today, 0, 1);
    let todays = [
        ("健康讲座：冬季心脑血管保健", 3, 0, ("09:00", "10:30"), 40),
        ("老年人智能手机课堂", 5, 2, ("14:30", "16:00"), 20),
        ("亲子手工：剪纸迎新春", 2, 1, ("19:00", "20:30"), 16),
    ];
    for (title, category, room, (start, end), capacity) in todays {
        let input = ActivityInput {
            title: title.into(),
            category_id: category,
            venue_id: venue_ids[room],
            date: today.to_string(),
            start_time: start.into(),
            end_time: end.into(),
            capacity,
            publish: true,
            ..Default::default()
        };
        let wanted = capacity as usize / 2 + rng.below(capacity as usize / 2);
        at_time(station, morning, |st| {
            let activity = st.activity_create(actor, &ActivityCreateInput { activity: input, weeks: 1 })?;
            for _ in 0..wanted.min(residents.len()) {
                let booking = DeskBookingInput {
                    activity_id: activity.id,
                    resident_id: *rng.pick(&residents),
                    join_waitlist: true,
                };
                // A resident drawn twice is simply skipped.
                let _ = st.booking_create(actor, &booking);
            }
            Ok(())
        })?;
        scheduled += 1;
    }
    // Groups of residents ask for a room in the evenings (free of the series above).
    let requests = [
        ("凤台合唱团", "张丽华", "13803560001", "合唱排练", 0, 2, 4, true),
        ("书院街棋牌社", "李建国", "13803560002", "象棋友谊赛", 2, 3, 1, false),
    ];
    for (group, contact, phone, purpose, room, days, weeks, approve) in requests {
        let input = VenueRequestInput {
            group_name: group.into(),
            contact_name: contact.into(),
            contact_phone: phone.into(),
            purpose: purpose.into(),
            venue_id: venue_ids[room],
            date: (today + Duration::days(days)).to_string(),
            start_time: "19:00".into(),
            end_time: "20:30".into(),
            weeks,
        };
        let request = station.venue_request_create(actor, &input)?;
        if approve {
            let decision = VenueRequestDecision {
                id: request.id,
                approve: true,
                note: "已确认，用后请恢复桌椅".into(),
                override_reason: None,
            };
            station.venue_request_decide(actor, &decision)?;
        }
    }
    let activities: Vec<(i64, u32)> = station
        .conn()
        .prepare("SELECT id, capacity FROM activities WHERE status = 'open' ORDER BY starts_at LIMIT 12")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (activity_id, capacity) in activities {
        // Some full with a waitlist, most with places left.
        let wanted = if rng.chance(25) { capacity as usize + 3 } else { rng.below(capacity as usize) };
        for _ in 0..wanted.min(residents.len()) {
            let input = DeskBookingInput { activity_id, resident_id: *rng.pick(&residents), join_waitlist: true };
            // A resident drawn twice, or not eligible, is simply skipped.
            let _ = station.booking_create(actor, &input);
        }
    }
    Ok(scheduled)
}
