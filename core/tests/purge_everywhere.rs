//! Issue 17's bar: purging a person leaves no name or phone of theirs in any table, audit
//! payload or export made afterwards. A station full of demo data in every area; one
//! resident with a name and phone that occur nowhere else is copied into wishes (desk and
//! kiosk), a case, bookings, a loan, the kiosk throttle and an old-style audit entry; the scan
//! first proves it finds them, then, after the purge, finds nothing in any column of any
//! table (listed from sqlite_master) nor in the exports.

use chrono::{TimeZone, Utc};
use rusqlite::params;
use station_core::activities::{DeskBookingInput, KioskPinInput, ResidentPinInput};
use station_core::cases::CaseInput;
use station_core::clock::Clock;
use station_core::db::{Station, MIGRATIONS};
use station_core::demo::{self, DemoScale};
use station_core::inventory::{BorrowerKind, LendInput, ReturnCondition, ReturnInput};
use station_core::privacy::NOTICE_VERSION;
use station_core::report::{ReportFormat, ReportInput};
use station_core::residents::{PurgeInput, ResidentInput, ResidentQuery};
use station_core::testing::add_admin_and_clerk;
use station_core::wishes::{KioskWishInput, WishKind, WishPostInput};
use std::path::Path;

const NAME: &str = "司徒默然";
const PHONE: &str = "14700012345";

/// Every (table, column, row count) holding the name or the phone.
fn scan(st: &Station) -> Vec<(String, String, i64)> {
    let conn = st.conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tables.len() > 40, "every area's tables: {tables:?}");
    let mut found = Vec::new();
    for t in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for c in columns {
            let n: i64 = conn
                .query_row(
                    &format!(
                        "SELECT COUNT(*) FROM \"{t}\" WHERE instr(CAST(\"{c}\" AS TEXT), ?1) > 0
                           OR instr(CAST(\"{c}\" AS TEXT), ?2) > 0"
                    ),
                    params![NAME, PHONE],
                    |r| r.get(0),
                )
                .unwrap();
            if n > 0 {
                found.push((t.clone(), c, n));
            }
        }
    }
    found
}

fn file_text(path: &Path) -> String {
    match path.extension().and_then(|e| e.to_str()) {
        Some("xlsx") => station_core::tabular::read_rows(path)
            .unwrap()
            .into_iter()
            .map(|r| r.cells.join("\t"))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => std::fs::read_to_string(path).unwrap(),
    }
}

/// The exports a station makes of personal data, written now; their text.
fn exports(st: &mut Station, admin: &station_core::actor::StaffActor, dir: &Path, tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let residents = dir.join(format!("residents-{tag}.xlsx"));
    st.residents_export_xlsx(admin, &ResidentQuery { include_archived: true, ..Default::default() }, &residents)
        .unwrap();
    out.push(("居民名单".to_string(), file_text(&residents)));
    let ledger = dir.join(format!("ledger-{tag}.xlsx"));
    st.inventory_export_ledger(admin, &station_core::inventory::LedgerExportInput { from: None, to: None }, &ledger)
        .unwrap();
    out.push(("物资台账".to_string(), file_text(&ledger)));
    let report = dir.join(format!("report-{tag}.json"));
    st.report_export(
        admin,
        &ReportInput { month: Some("2026-11".into()), ..Default::default() },
        ReportFormat::Json,
        &report,
    )
    .unwrap();
    out.push(("月度汇总".to_string(), file_text(&report)));
    out
}

#[test]
fn a_purged_resident_leaves_no_name_or_phone_in_any_table_audit_entry_or_later_export() {
    let dir = tempfile::tempdir().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap();
    let mut st = Station::open_with(&dir.path().join("station.sqlite3"), MIGRATIONS, Clock::Fixed(now)).unwrap();
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    demo::populate(&mut st, &admin, &DemoScale::station(), 7).unwrap();
    demo::populate_areas(&mut st, &admin, 7).unwrap();
    assert!(scan(&st).is_empty(), "the name and phone are distinctive");

    // The person, registered at the desk with a sensitive tag (and its consent).
    let tags = st.tags().unwrap();
    let sensitive = tags.iter().find(|t| t.sensitive).unwrap().id;
    let building: i64 = st.conn().query_row("SELECT id FROM buildings ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    let me = st
        .resident_create(
            &clerk,
            &ResidentInput {
                name: NAME.into(),
                phone: PHONE.into(),
                building_id: Some(building),
                tag_ids: vec![sensitive],
                sensitive_consent: true,
                consent_date: Some("2026-11-01".into()),
                note: format!("{NAME}本人登记"),
                ..Default::default()
            },
        )
        .unwrap();
    st.resident_update(
        &clerk,
        &station_core::residents::ResidentUpdate {
            id: me.id,
            resident: ResidentInput {
                name: NAME.into(),
                phone: PHONE.into(),
                building_id: Some(building),
                tag_ids: vec![sensitive],
                consent_date: Some("2026-11-01".into()),
                note: "更新备注".into(),
                ..Default::default()
            },
        },
    )
    .unwrap();

    // Wishes: one posted at the desk for them, one at the kiosk by their phone.
    let desk_wish = st
        .wish_post(
            &clerk,
            &WishPostInput {
                kind: WishKind::Goods,
                content: format!("{NAME}想要一副老花镜，电话 {PHONE}"),
                wanted_by: None,
                resident_id: Some(me.id),
                requester_name: String::new(),
                phone: String::new(),
                notice_version: NOTICE_VERSION.into(),
                photo_consent: true,
            },
        )
        .unwrap();
    st.wish_kiosk_post(&KioskWishInput {
        kind: WishKind::Service,
        content: "帮忙换灯泡".into(),
        wanted_by: None,
        phone: PHONE.into(),
        notice_version: NOTICE_VERSION.into(),
        photo_consent: false,
    })
    .unwrap();

    // A case they reported, their name in its title and phone in its text.
    st.case_report(
        &clerk,
        &CaseInput {
            resident_id: Some(me.id),
            contact_name: NAME.into(),
            contact_phone: PHONE.into(),
            building_id: Some(building),
            title: format!("{NAME}反映楼道灯不亮"),
            description: format!("回电 {PHONE}"),
            ..Default::default()
        },
    )
    .unwrap();

    // Bookings: the first upcoming activities that take them.
    let upcoming: Vec<i64> = st
        .conn()
        .prepare("SELECT id FROM activities WHERE status = 'open' AND starts_at > '2026-11-26' ORDER BY starts_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let booked = upcoming
        .iter()
        .filter(|a| {
            st.booking_create(&clerk, &DeskBookingInput { activity_id: **a, resident_id: me.id, join_waitlist: true })
                .is_ok()
        })
        .count();
    assert!(booked > 0, "booked at least one of {} activities", upcoming.len());

    // A loan, lent and returned (the ledger names the borrower).
    let asset: Option<(i64, i64)> = st
        .conn()
        .query_row(
            "SELECT a.item_id, a.id FROM inv_assets a JOIN inv_items i ON i.id = a.item_id
             WHERE a.on_hand = 1 AND a.retired_at IS NULL AND i.archived_at IS NULL ORDER BY a.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    let (item, asset) = asset.expect("the demo has a lendable asset");
    let loan = st
        .inventory_lend(
            &clerk,
            &LendInput {
                item_id: item,
                asset_id: Some(asset),
                quantity: 1,
                borrower_kind: BorrowerKind::Resident,
                borrower_id: me.id,
                due_date: "2026-12-10".into(),
                condition: "完好".into(),
                purpose: format!("{NAME}康复用"),
            },
        )
        .unwrap();
    st.inventory_return(
        &clerk,
        &ReturnInput { loan_id: loan.id, quantity: 1, condition: ReturnCondition::Good, note: String::new() },
    )
    .unwrap();

    // The kiosk: a PIN, then wrong guesses (the throttle is keyed by the phone).
    st.resident_set_kiosk_pin(&clerk, &ResidentPinInput { resident_id: me.id, pin: "4702".into() }).unwrap();
    for _ in 0..4 {
        let _ = st.kiosk_identify(&KioskPinInput { phone: PHONE.into(), pin: "9183".into() });
    }

    // An audit entry as they were written before issue 17: name and phone in clear.
    st.conn()
        .execute(
            "INSERT INTO audit_log (at, actor_kind, actor_name, entity, entity_id, action, detail)
             VALUES ('2026-01-05T02:00:00Z', 'staff', '李文', 'resident', ?1, 'update', ?2)",
            params![me.id, format!("{NAME} {PHONE}")],
        )
        .unwrap();

    // The scan sees them everywhere they were copied to (so it can fail) …
    let before = scan(&st);
    let tables: std::collections::BTreeSet<&str> = before.iter().map(|(t, _, _)| t.as_str()).collect();
    for t in ["residents", "wishes", "cases", "inv_movements", "guess_throttle", "audit_log", "inv_loans"] {
        assert!(tables.contains(t), "{t} holds a copy before the purge: {before:?}");
    }
    let booking_rows: i64 =
        st.conn().query_row("SELECT COUNT(*) FROM bookings WHERE resident_id = ?1", [me.id], |r| r.get(0)).unwrap();
    assert!(booking_rows > 0);
    for (what, text) in exports(&mut st, &admin, dir.path(), "before") {
        if what == "居民名单" || what == "物资台账" {
            assert!(text.contains(NAME), "{what} names them before the purge");
        }
    }
    // … new audit lines do not name them, even before the purge
    let clear: i64 = st
        .conn()
        .query_row(
            "SELECT COUNT(*) FROM audit_log WHERE (instr(detail, ?1) > 0 OR instr(detail, ?2) > 0) AND at <> '2026-01-05T02:00:00Z'",
            params![NAME, PHONE],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(clear, 0, "audit entries store people by id or masked");

    st.resident_purge(&admin, &PurgeInput { id: me.id, reason: format!("{NAME}本人要求删除（{PHONE}）") }).unwrap();

    assert_eq!(scan(&st), Vec::<(String, String, i64)>::new(), "no table keeps the name or phone");
    for (what, text) in exports(&mut st, &admin, dir.path(), "after") {
        assert!(!text.contains(NAME) && !text.contains(PHONE), "{what} made after the purge names them");
    }
    assert_eq!(scan(&st), Vec::<(String, String, i64)>::new(), "nor do the exports' audit lines");
    // what remains: the records, without the person
    let wish = st.wish_get(&clerk, desk_wish.row.id).unwrap();
    assert_eq!(wish.row.id, desk_wish.row.id);
    let purge: String = st
        .conn()
        .query_row("SELECT detail FROM audit_log WHERE action = 'purge' AND entity_id = ?1", [me.id], |r| r.get(0))
        .unwrap();
    assert!(purge.contains(&format!("#{}", me.id)) && purge.contains(station_core::privacy::MARK), "{purge}");
}
