//! The kiosk stands in a public room: every command the app registers that the kiosk's
//! capability does not grant is refused when called from the kiosk window, with no personal
//! data in the refusal. The lists are read from the sources (src-tauri/build.rs declares every
//! command; capabilities/kiosk.json grants the kiosk's), so a new command is covered the day
//! it is added.

use super::harness::{demo_data, App, Mode};
use serde_json::json;
use std::path::Path;

fn manifest_commands() -> Vec<String> {
    let build = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/build.rs"))
        .expect("src-tauri/build.rs");
    let start = build.find(".commands(&[").expect("the AppManifest commands list");
    let end = start + build[start..].find("]);").expect("end of the commands list");
    build[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.split('"').next()))
        .map(String::from)
        .collect()
}

fn kiosk_granted() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities/kiosk.json");
    let caps: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("kiosk.json")).expect("json");
    caps["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_command_the_kiosk_is_not_granted_is_refused_from_the_kiosk_window() {
    let commands = manifest_commands();
    let granted = kiosk_granted();
    assert!(commands.len() > 30, "read the command list: {commands:?}");
    assert!(granted.iter().all(|g| commands.contains(g)), "kiosk grants only declared commands: {granted:?}");
    // 党务 is sensitive (PIPL Art. 28): the kiosk is granted no party command at all.
    let party: Vec<&String> = commands.iter().filter(|c| c.starts_with("party_")).collect();
    assert!(party.len() >= 28, "the party commands are declared: {party:?}");
    assert!(!granted.iter().any(|g| g.starts_with("party_")), "the kiosk is granted no party command: {granted:?}");
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 12);
    let (member_name, member_id_number) = party_member_on_file(temp.path());
    let app = App::start_in(temp.path(), Mode::Kiosk, None).await;
    app.until("the kiosk home", || async { !app.text("kiosk-station-name").await.is_empty() }).await;
    let mut checked = 0;
    let mut party_checked = 0;
    for command in commands.iter().filter(|c| !granted.contains(c)) {
        // plausible arguments, so a refusal cannot be a mere argument error
        let args = json!({ "id": 1, "input": { "id": 1, "page": 1, "pageSize": 50, "text": "" } });
        let refused = app.invoke(command, args).await.expect_err(command);
        let text = refused.to_string();
        assert!(
            text.contains("not allowed") || text.contains("KIOSK_FORBIDDEN") || text.contains("FORBIDDEN"),
            "{command} refused by the permission system, not by chance: {text}"
        );
        assert!(!text.contains("138") && !text.contains("139"), "{command} leaks no personal data: {text}");
        assert!(
            !text.contains(&member_name) && !text.contains(&member_id_number[..6]),
            "{command} leaks nothing of the party ledger: {text}"
        );
        if command.starts_with("party_") {
            // the real argument shapes too, so the refusal is the window's and not the input's
            let real = json!({ "input": { "month": "2026-11", "orgId": null, "period": "2026-Q4", "text": "" } });
            let again = app.invoke(command, real).await.expect_err(command).to_string();
            assert!(again.contains("not allowed") || again.contains("FORBIDDEN"), "{command}: {again}");
            assert!(!again.contains(&member_name), "{command}: {again}");
            party_checked += 1;
        }
        checked += 1;
    }
    assert!(checked >= 25, "{checked} staff commands checked");
    assert_eq!(party_checked, party.len(), "every party command was called from the kiosk and refused");
    app.stop().await;
}

/// A branch and one party member with an ID number, on the demo station's file (through the
/// core), so a kiosk call that reached the ledger would have something to leak.
fn party_member_on_file(dir: &Path) -> (String, String) {
    use station_core::party::{
        DuesKind, MemberCategory, MemberCreateInput, MemberEventKind, MemberProfile, OrgInput, OrgKind,
    };
    let mut st = super::harness::suite_station(&dir.join(station_core::db::DB_FILE_NAME));
    let admin = st.command_line_admin().expect("admin");
    let org = |parent: Option<i64>, kind: OrgKind, name: &str| OrgInput {
        parent_id: parent,
        kind,
        name: name.into(),
        entity: true,
        grid_id: None,
        compound_id: None,
        building_id: None,
        member_id: None,
        households: None,
        founded_on: "2015-06-01".into(),
        committee: Vec::new(),
    };
    let committee =
        st.party_org_create(&admin, &org(None, OrgKind::Community, "测试社区党委")).expect("committee").org.id;
    let branch =
        st.party_org_create(&admin, &org(Some(committee), OrgKind::Compound, "测试小区党支部")).expect("branch").org.id;
    let id_number = super::harness::id_with_check("14050219700501123");
    let name = "欧阳秘密".to_string();
    let profile = MemberProfile {
        name: name.clone(),
        birth_date: Some("1970-05-01".into()),
        id_number: Some(id_number.clone()),
        joined_on: Some("1995-07-01".into()),
        confirmed_on: Some("1996-07-01".into()),
        dues_kind: DuesKind::InService,
        dues_base_fen: 400_000,
        ..Default::default()
    };
    let input = MemberCreateInput {
        profile,
        how: MemberEventKind::Registered,
        on_date: "2020-01-01".into(),
        category: MemberCategory::Full,
        org_id: branch,
        group_id: None,
        letter_no: String::new(),
    };
    st.party_member_create(&admin, &input).expect("a party member");
    (name, id_number)
}

/// A neighbour with a kiosk PIN and an upcoming booking, prepared through the core on the
/// demo station's file. Returns (their phone, their name, their booking id, the activity id,
/// two numbers nobody registered).
fn neighbour_with_a_booking(dir: &Path) -> (String, String, i64, i64, Vec<String>) {
    use station_core::activities::{
        ActivityCreateInput, ActivityInput, DeskBookingInput, ResidentPinInput, VenueInput,
    };
    let mut st = super::harness::suite_station(&dir.join(station_core::db::DB_FILE_NAME));
    let admin = st.command_line_admin().expect("admin");
    let (resident_id, phone, name): (i64, String, String) = st
        .conn()
        .query_row("SELECT id, phone, name FROM residents WHERE archived_at IS NULL ORDER BY id LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("a demo resident");
    st.resident_set_kiosk_pin(&admin, &ResidentPinInput { resident_id, pin: "2580".into() }).expect("their PIN");
    let venue = st
        .venue_save(
            &admin,
            &VenueInput {
                id: None,
                name: "多功能厅".into(),
                capacity: 40,
                equipment: String::new(),
                opens_at: "08:00".into(),
                closes_at: "21:00".into(),
                open_weekdays: (1..=7).collect(),
                archived: false,
            },
        )
        .expect("room")
        .id;
    let day = (st.today() + chrono::Duration::days(3)).to_string();
    let activity = st
        .activity_create(
            &admin,
            &ActivityCreateInput {
                activity: ActivityInput {
                    title: "健康讲座".into(),
                    category_id: 3,
                    venue_id: venue,
                    date: day,
                    start_time: "15:00".into(),
                    end_time: "16:00".into(),
                    capacity: 10,
                    publish: true,
                    ..Default::default()
                },
                weeks: 1,
            },
        )
        .expect("activity");
    let booking = st
        .booking_create(&admin, &DeskBookingInput { activity_id: activity.id, resident_id, join_waitlist: false })
        .expect("their booking");
    let strangers: Vec<String> = (0..100)
        .map(|i| format!("139000000{i:02}"))
        .filter(|p| {
            !st.conn()
                .query_row("SELECT EXISTS (SELECT 1 FROM residents WHERE phone = ?1)", [p], |r| r.get::<_, bool>(0))
                .unwrap_or(true)
        })
        .take(2)
        .collect();
    assert_eq!(strangers.len(), 2, "two unregistered numbers");
    (phone, name, booking.booking_id, activity.id, strangers)
}

/// The granted commands, called with only a neighbour's phone number (and a guessed PIN or
/// code): nothing of theirs is shown, cancelled or booked, and a known and an unknown number
/// get the same answers (issue 16).
#[tokio::test(flavor = "multi_thread")]
async fn granted_commands_with_a_neighbours_phone_give_nothing_of_theirs() {
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 12);
    let (phone, name, booking_id, activity_id, strangers) = neighbour_with_a_booking(temp.path());
    let (stranger, newcomer) = (strangers[0].clone(), strangers[1].clone());
    let app = App::start_in(temp.path(), Mode::Kiosk, None).await;
    app.until("the kiosk home", || async { !app.text("kiosk-station-name").await.is_empty() }).await;
    let masked_phone = format!("{}****{}", &phone[..3], &phone[7..]);
    let leaks = |text: &str| text.contains(&name) || text.contains(&phone) || text.contains(&masked_phone);
    let receipt = format!("YY{booking_id:06}");
    // A walk-in registering with the neighbour's number gets a record of its own: the same
    // answer as for a new number, and "my bookings" with the walk-in's PIN lists none of theirs.
    let buildings = app.invoke("activities_kiosk_buildings", json!({})).await.expect("buildings");
    let building = buildings[0]["id"].clone();
    let register = |p: &str| json!({ "input": { "phone": p, "name": "孙丽", "buildingId": building, "pin": "4702", "noticeVersion": station_core::privacy::NOTICE_VERSION } });
    let walk_in = app.invoke("activities_kiosk_register", register(&phone)).await.expect("walk-in");
    let fresh = app.invoke("activities_kiosk_register", register(&newcomer)).await.expect("walk-in");
    assert_eq!(walk_in["maskedName"], fresh["maskedName"]);
    // (its masked phone is the number the person typed themselves)
    assert!(!walk_in.to_string().contains(&name), "{walk_in}");
    let theirs = app
        .invoke("activities_kiosk_bookings", json!({ "input": { "phone": phone, "pin": "4702" } }))
        .await
        .expect("the walk-in's own list");
    assert_eq!(theirs["items"], json!([]), "the walk-in sees none of the neighbour's bookings: {theirs}");
    assert!(!leaks(&theirs.to_string()), "{theirs}");
    // Each personal command, for the neighbour's number and for an unknown one, in turn (so
    // both numbers meet the throttle at the same step).
    let personal = |p: &str| {
        let who = json!({ "phone": p, "pin": "7913" });
        vec![
            ("activities_kiosk_identify", json!({ "input": who })),
            ("activities_kiosk_bookings", json!({ "input": who })),
            ("activities_kiosk_cancel", json!({ "input": { "phone": p, "pin": "7913", "bookingId": booking_id } })),
            ("activities_kiosk_check_in", json!({ "input": { "phone": p, "pin": "7913", "bookingId": booking_id } })),
            (
                "activities_kiosk_book",
                json!({ "input": { "phone": p, "pin": "7913", "activityId": activity_id, "joinWaitlist": true } }),
            ),
            ("volunteers_kiosk_view", json!({ "input": who })),
        ]
    };
    for ((command, known), (_, unknown)) in personal(&phone).into_iter().zip(personal(&stranger)) {
        let a = app.invoke(command, known).await.expect_err(command);
        let b = app.invoke(command, unknown).await.expect_err(command);
        if a["code"] == "TOO_MANY_ATTEMPTS" {
            // Both locked; the seconds left may differ by one between the two calls.
            assert_eq!((&a["code"], &a["field"]), (&b["code"], &b["field"]), "{command}: {a} / {b}");
        } else {
            assert_eq!(a, b, "{command}: the same answer for a known and an unknown number");
        }
        let text = a.to_string();
        assert!(!leaks(&text) && !text.contains(&receipt), "{command} shows nothing of theirs: {text}");
        assert!(text.contains("VALIDATION") || text.contains("TOO_MANY_ATTEMPTS"), "{command}: {text}");
    }
    // A guessed rating code and sequential photo ids give nothing.
    let code = app.invoke("wishes_kiosk_lookup", json!({ "input": { "code": "135790" } })).await.expect_err("code");
    assert_eq!(code["field"], "code", "{code}");
    for id in 1..=5 {
        let photo = app.invoke("wishes_kiosk_photo", json!({ "id": id })).await.expect_err("not on the wall");
        assert_eq!(photo["code"], "NOT_FOUND", "{photo}");
    }
    app.stop().await;
    // The desk home shows the locks and the walk-ins (the one on a known number flagged).
    let desk = App::start_in(temp.path(), Mode::Desk, None).await;
    desk.wait_focus("login-username").await;
    super::flows::login(&desk, "admin", "admin1234").await;
    desk.until("locks and walk-ins on the desk home", || async {
        let panel = desk.text("home-kiosk-alerts").await;
        panel.contains("居民预约密码") && panel.contains("孙丽") && panel.contains("号码已有登记")
    })
    .await;
    let panel = desk.text("home-kiosk-alerts").await;
    assert!(!panel.contains(&phone), "the desk masks the guessed numbers too: {panel}");
    let _ = desk
        .client
        .execute("document.querySelector(\"[data-testid='home-kiosk-alerts']\").scrollIntoView()", vec![])
        .await;
    desk.screenshot(&temp.path().join("desk-home.png")).await;
    if let Some(out) = std::env::var_os("KIOSK_DESK_SHOT") {
        let _ = std::fs::copy(temp.path().join("desk-home.png"), out);
    }
    desk.stop().await;
    // Nothing was cancelled or booked in their name.
    let st = super::harness::suite_station(&temp.path().join(station_core::db::DB_FILE_NAME));
    let (status, bookings): (String, i64) = st
        .conn()
        .query_row(
            "SELECT (SELECT status FROM bookings WHERE id = ?1),
                    (SELECT COUNT(*) FROM bookings b JOIN residents r ON r.id = b.resident_id WHERE r.phone = ?2)",
            (booking_id, phone.as_str()),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("their bookings");
    assert_eq!((status.as_str(), bookings), ("booked", 1));
    let locked: i64 = st
        .conn()
        .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'guess_locked'", [], |r| r.get(0))
        .expect("audit");
    assert!(locked >= 2, "the two numbers' locks are audited ({locked})");
}
