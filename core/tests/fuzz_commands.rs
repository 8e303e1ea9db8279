//! Every app command, fuzzed through the core function its Tauri adapter calls
//! (src-tauri/src/commands/<area>.rs), with the same kind of actor. Each case starts from a
//! valid input and replaces random parts of it with hostile values (empty, huge, control
//! characters, emoji, SQL and HTML fragments, impossible and far dates, negative and huge
//! numbers, wrong types). A value that does not deserialize into the input type is refused at
//! the Tauri boundary (counted, no core call). For every core call: no panic; an error carries
//! its code and a Chinese message; a refused call leaves every table (audit_log included)
//! exactly as it was.
//!
//! The command list is read from src-tauri/build.rs: a command with neither a fuzz entry nor a
//! reason in NOT_FUZZED fails the test. Valid inputs are built from the TypeScript bindings
//! (ui/src/api/bindings.ts, generated from the Rust input types) with realistic values chosen
//! by field name, on a station seeded with the demo data so ids exist. PROPTEST_CASES sets the
//! cases per command (default 12).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use station_core::clock::Clock;
use station_core::db::MIGRATIONS;
use station_core::demo::{self, DemoScale};
use station_core::report::ReportFormat;
use station_core::{invariants, testing, AppError, StaffActor, Station};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

const BUILD_RS: &str = include_str!("../../src-tauri/build.rs");
const BINDINGS_TS: &str = include_str!("../../ui/src/api/bindings.ts");

/// Commands that do not reach the core with input, and why.
const NOT_FUZZED: &[(&str, &str)] = &[
    ("desk_open_kiosk", "opens the kiosk window; no input, no core call"),
    ("import_pick_file", "opens the native file dialog only"),
    ("print_pdf", "prints the webview to PDF (src-tauri/printing.rs); no core call"),
    ("recovery_restore", "only with a database that failed to open (no station to fuzz); the admin check is core/src/backups.rs verify_backup_admin tests"),
    ("auth_logout", "clears the desk session (src-tauri); no core call"),
    ("auth_current", "reads the desk session (src-tauri); no input"),
    ("demo_load", "no input; loads a whole demo station (the demo's own tests cover it)"),
    ("report_print", "opens the system print dialog for the page; no input"),
    ("backups_list", "no input; lists the backups folder (core/src/backups.rs tests)"),
    ("backups_create", "no input; VACUUM INTO the backups folder (core/src/backups.rs tests)"),
    ("backups_save_as", "no input; the native save dialog names the file"),
    ("backups_inspect_file", "no input; the native open dialog names the file"),
    ("backups_inspect", "a file name matched against the backups folder's listing in the adapter; no core input"),
    ("backups_restore", "restores a listed or dialog-picked file (core/src/backups.rs and e2e backups tests)"),
    ("app_about", "no input; versions and folders"),
    ("app_open_folder", "a closed enum (data/logs/backups) that serde refuses otherwise; opens the file manager"),
    ("bench_first_paint", "no input, no data: prints a timing marker for scripts/bench.sh"),
];

/// Where the generic seed (id 1, "测试内容" …) cannot succeed, the parts of a command's valid
/// input that make it one, read from the station before each case (so a case that accepted a
/// case moves on to the next one still waiting): a query whose columns are named after the
/// fields they fill (`a.b` for a nested field, `_` for an input that is a bare value), or a
/// JSON literal. `{data_dir}` in a literal is the fuzz station's folder.
const SEEDS: &[(&str, &str)] = &[
    ("cases_accept", "SELECT id FROM cases WHERE status = 'reported' ORDER BY id LIMIT 1"),
    ("cases_assign", "SELECT c.id, (SELECT MIN(id) FROM case_departments) AS departmentId FROM cases c WHERE status = 'filed' ORDER BY id LIMIT 1"),
    ("cases_investigate", "SELECT id FROM cases WHERE status = 'assigned' ORDER BY id LIMIT 1"),
    ("cases_send_back", "SELECT id FROM cases WHERE status = 'assigned' ORDER BY id DESC LIMIT 1"),
    ("cases_resolve", "SELECT id FROM cases WHERE status = 'handling' AND resolved_at IS NULL ORDER BY id LIMIT 1"),
    ("cases_feedback", "SELECT id FROM cases WHERE status = 'handling' AND resolved_at IS NOT NULL ORDER BY id LIMIT 1"),
    ("cases_close", "SELECT id FROM cases WHERE status = 'answered' ORDER BY id LIMIT 1"),
    ("cases_followup", "SELECT id FROM cases WHERE status IN ('answered', 'closed') ORDER BY id DESC LIMIT 1"),
    ("cases_archive", "SELECT id FROM cases WHERE status = 'closed' ORDER BY id LIMIT 1"),
    ("cases_escalate", "SELECT id FROM cases WHERE status IN ('reported', 'filed', 'assigned', 'handling')
        AND resolved_at IS NULL AND level <> 'county' ORDER BY id DESC LIMIT 1"),
    ("cases_note", "SELECT id FROM cases WHERE status <> 'archived' ORDER BY id LIMIT 1"),
    ("cases_mark_unreasonable", "SELECT id FROM cases WHERE status <> 'archived' AND unreasonable_reason IS NULL ORDER BY id LIMIT 1"),
    ("cases_direct_report", "SELECT id FROM cases WHERE kind = 'emergency' AND status NOT IN ('closed', 'archived') ORDER BY id LIMIT 1"),
    ("cases_department_report", "SELECT id FROM cases WHERE department_id IS NOT NULL AND reported_at IS NULL
        AND status IN ('assigned', 'handling') ORDER BY id LIMIT 1"),
    ("cases_reopen", "SELECT id FROM cases WHERE followup_resolution IN ('partly', 'unsolved') AND status IN ('answered', 'closed') ORDER BY id LIMIT 1"),
    ("cases_photo_add", "SELECT (SELECT MIN(id) FROM cases WHERE status <> 'archived') AS caseId"),
    ("cases_photo_add", PNG_BYTES),
    ("inventory_issue", "SELECT item_id AS itemId, id AS batchId FROM inv_batches WHERE on_hand > 0 ORDER BY id LIMIT 1"),
    ("inventory_adjust", "SELECT item_id AS itemId, id AS batchId FROM inv_batches WHERE on_hand > 0 ORDER BY id LIMIT 1"),
    ("inventory_dispose", "SELECT item_id AS itemId, id AS batchId, NULL AS assetId FROM inv_batches WHERE on_hand > 0 ORDER BY id DESC LIMIT 1"),
    ("inventory_return", "SELECT id AS loanId FROM inv_loans WHERE closed_at IS NULL ORDER BY id LIMIT 1"),
    ("inventory_asset_repaired", "SELECT id AS assetId FROM inv_assets WHERE condition = 'damaged' AND retired_at IS NULL ORDER BY id LIMIT 1"),
    ("inventory_renew", "SELECT id AS loanId, date(due_date, '+7 days') AS dueDate FROM inv_loans WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1"),
    ("inventory_reservation_cancel", "SELECT id AS _ FROM inv_reservations WHERE status = 'active' ORDER BY id LIMIT 1"),
    ("inventory_item_archive", "SELECT id AS _ FROM inv_items i WHERE on_hand = 0 AND archived_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM inv_loans l WHERE l.item_id = i.id AND l.closed_at IS NULL) ORDER BY id LIMIT 1"),
    ("inventory_item_update", "SELECT id, name AS \"item.name\", category_id AS \"item.categoryId\", kind AS \"item.kind\" FROM inv_items ORDER BY id LIMIT 1"),
    ("inventory_item_set_photo", PNG_BASE64),
    ("inventory_stocktake_start", "SELECT category_id AS categoryId FROM inv_items WHERE on_hand > 0 ORDER BY id LIMIT 1"),
    ("volunteers_create", "SELECT id AS residentId, phone FROM residents r WHERE archived_at IS NULL AND phone <> ''
        AND NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.phone = r.phone OR v.resident_id = r.id)
        AND phone NOT IN (SELECT phone FROM residents GROUP BY phone HAVING COUNT(*) > 1)
        ORDER BY id LIMIT 1"),
    ("volunteers_update", "SELECT v.id, v.resident_id AS \"volunteer.residentId\", v.phone AS \"volunteer.phone\", v.name AS \"volunteer.name\"
        FROM volunteers v ORDER BY id LIMIT 1"),
    ("volunteers_ledger_correct", "SELECT id AS entryId FROM volunteer_ledger l WHERE reverses_id IS NULL
        AND NOT EXISTS (SELECT 1 FROM volunteer_ledger r WHERE r.reverses_id = l.id) ORDER BY id DESC LIMIT 1"),
    ("cases_escalate", r#"{"sessionDate": "2026-11-20"}"#),
    ("kiosk_exit_pin_set", r#"{"pin": "246810"}"#),
    ("activities_update", "SELECT id FROM activities WHERE status IN ('draft', 'open') AND starts_at > station_now() ORDER BY id DESC LIMIT 1"),
    ("activities_set_status", "SELECT id FROM activities WHERE status IN ('draft', 'open') AND starts_at > station_now() ORDER BY id LIMIT 1"),
    ("activities_set_status", r#"{"status": "open"}"#),
    ("residents_purge", "SELECT id FROM residents r WHERE NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.resident_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM inv_loans l WHERE l.borrower_kind = 'resident' AND l.borrower_id = r.id AND l.closed_at IS NULL)
        ORDER BY id DESC LIMIT 1"),
    ("residents_create", r#"{"confirmDuplicate": true}"#),
    ("residents_update", r#"{"resident.confirmDuplicate": true}"#),
    ("report_get", r#"{"from": null, "to": null}"#),
    ("report_export", r#"{"from": null, "to": null}"#),
    // the demo closed last month: the month before it is still open
    ("report_close", "SELECT strftime('%Y-%m', station_now(), 'start of month', '-2 months') AS month"),
    ("activities_book", "SELECT a.id AS activityId, r.id AS residentId FROM activities a JOIN residents r ON r.archived_at IS NULL
        WHERE a.status = 'open' AND a.starts_at > station_now()
          AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.activity_id = a.id AND b.resident_id = r.id)
        ORDER BY (SELECT count(*) FROM bookings b WHERE b.activity_id = a.id), a.id, r.id LIMIT 1"),
    ("activities_request_decide", "SELECT id FROM venue_requests WHERE status = 'pending' ORDER BY id LIMIT 1"),
    ("inventory_lend", "SELECT a.id AS assetId, a.item_id AS itemId FROM inv_assets a
        WHERE a.on_hand = 1 AND a.retired_at IS NULL AND a.condition = 'good' ORDER BY a.id LIMIT 1"),
    ("wishes_publish", "SELECT id FROM wishes WHERE state = 'submitted' ORDER BY id LIMIT 1"),
    ("party_org_get", "SELECT MIN(id) AS _ FROM party_orgs"),
    ("party_org_create", "SELECT id AS parentId FROM party_orgs WHERE level = 'committee' ORDER BY id LIMIT 1"),
    ("party_org_create", r#"{"kind": "retired", "foundedOn": "2020-03-01", "gridId": null, "compoundId": null,
        "buildingId": null, "memberId": null, "households": null, "committee": []}"#),
    ("party_org_event", "SELECT id AS orgId FROM party_orgs WHERE level = 'branch' AND dissolved_on IS NULL ORDER BY id LIMIT 1"),
    ("party_org_event", r#"{"kind": "reelected", "onDate": "2026-11-01", "mergedInto": null,
        "committee": [{"memberId": null, "name": "王书记", "role": "secretary", "unitId": null, "unitName": ""}]}"#),
    ("party_members", r#"{"page": 1, "pageSize": 50}"#),
    ("party_member_get", "SELECT MIN(id) AS _ FROM party_members"),
    ("party_member_create", "SELECT id AS orgId, (SELECT MIN(id) FROM party_orgs WHERE level = 'group' AND parent_id = o.id) AS groupId
        FROM party_orgs o WHERE level = 'branch' AND dissolved_on IS NULL ORDER BY id LIMIT 1"),
    ("party_member_create", r#"{"how": "registered", "onDate": "2026-11-01", "profile.residentId": null,
        "profile.volunteerId": null, "profile.unitId": null, "profile.birthDate": "1980-01-01", "profile.joinedOn": "2005-07-01",
        "profile.confirmedOn": "2006-07-01", "profile.idNumber": null}"#),
    ("party_member_update", "SELECT MIN(id) AS id FROM party_members WHERE status = 'active'"),
    ("party_member_update", r#"{"profile.residentId": null, "profile.volunteerId": null, "profile.unitId": null}"#),
    ("party_member_event", "SELECT MAX(id) AS memberId FROM party_members WHERE status = 'active' AND mobile = 'none'"),
    ("party_member_event", r#"{"kind": "mobile_out", "onDate": "2026-11-01", "orgId": null, "groupId": null, "duesPaidTo": null}"#),
    ("party_meeting_get", "SELECT MIN(id) AS _ FROM party_meetings"),
    ("party_meeting_save", "SELECT id AS orgId FROM party_orgs WHERE level = 'branch' AND dissolved_on IS NULL ORDER BY id LIMIT 1"),
    ("party_meeting_save", r#"{"id": null, "kind": "theme_day", "heldOn": "2026-11-20", "startsAt": "14:00", "endsAt": "16:00",
        "dueMemberIds": null, "absences": []}"#),
    ("party_meeting_step", "SELECT MIN(id) AS id FROM party_meetings WHERE state = 'draft'"),
    ("party_meeting_step", r#"{"step": "submit"}"#),
    ("party_meeting_note", "SELECT MIN(id) AS id FROM party_meetings"),
    ("party_compliance", "SELECT id AS orgId FROM party_orgs WHERE level = 'branch' ORDER BY id LIMIT 1"),
    ("party_compliance", r#"{"period": "2026-Q4"}"#),
    ("party_dues_sheet", "SELECT id AS orgId FROM party_orgs WHERE level = 'branch' ORDER BY id LIMIT 1"),
    ("party_dues_pay", "SELECT MAX(id) AS memberId FROM party_members WHERE status = 'active'"),
    ("party_dues_pay", r#"{"fromMonth": "2026-11", "months": 2, "paidOn": "2026-11-20"}"#),
    ("party_dues_void", "SELECT MIN(id) AS paymentId FROM party_dues_payments WHERE voided_at IS NULL"),
    ("party_dues_reduce", "SELECT MIN(id) AS memberId FROM party_members WHERE status = 'active'"),
    ("party_dues_reduce", r#"{"amountFen": 20}"#),
    ("party_dues_close", "SELECT id AS orgId FROM party_orgs WHERE level = 'branch' ORDER BY id LIMIT 1"),
    ("party_dues_close", r#"{"month": "2026-10"}"#),
    ("party_dues_reopen", "SELECT id AS orgId FROM party_orgs WHERE level = 'branch' ORDER BY id LIMIT 1"),
    ("party_dues_reopen", r#"{"month": "2026-10"}"#),
    ("import_preview", r#"{"path": "{data_dir}/居民.csv"}"#),
    ("import_commit", r#"{"path": "{data_dir}/居民.csv"}"#),
];

/// A 1×1 PNG, as the bytes and the base64 the photo commands take.
const PNG_BASE64: &str = r#"{"dataBase64": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="}"#;
const PNG_BYTES: &str = r#"{"data": [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6,
    0, 0, 0, 31, 21, 196, 137, 0, 0, 0, 13, 73, 68, 65, 84, 120, 218, 99, 100, 248, 207, 80, 15, 0, 3, 134, 1, 128, 90, 52,
    125, 107, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]}"#;

/// `valid` with the command's SEEDS applied (see there).
fn seeded(name: &str, valid: &Value, st: &Station, data_dir: &std::path::Path) -> Value {
    let mut v = valid.clone();
    let set = |v: &mut Value, field: &str, value: Value| {
        if field == "_" {
            *v = value;
            return;
        }
        let path: Vec<String> = field.split('.').map(String::from).collect();
        replace(v, &path, value);
    };
    for (_, seed) in SEEDS.iter().filter(|(n, _)| *n == name) {
        if seed.starts_with("SELECT") {
            let mut stmt = st.conn().prepare(seed).unwrap_or_else(|e| panic!("{name}: seed query: {e}"));
            let columns: Vec<String> = stmt.column_names().map(String::from).collect();
            let row: Option<Vec<Value>> = stmt
                .query_row([], |r| {
                    (0..columns.len())
                        .map(|i| {
                            Ok(match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Integer(n) => json!(n),
                                rusqlite::types::ValueRef::Real(x) => json!(x),
                                rusqlite::types::ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                                _ => Value::Null,
                            })
                        })
                        .collect()
                })
                .ok();
            for (column, value) in columns.iter().zip(row.into_iter().flatten()) {
                set(&mut v, column, value);
            }
        } else {
            let literal: Value =
                serde_json::from_str(&seed.replace("{data_dir}", &data_dir.display().to_string())).unwrap();
            for (field, value) in literal.as_object().unwrap() {
                set(&mut v, field, value.clone());
            }
        }
    }
    v
}

/// Commands that refuse their seed input on the fuzz station by design, and why (the test
/// fails when another command refuses every case, or when one listed here accepts one).
const REFUSES_EVERY_SEED: &[(&str, &str)] = &[
    ("setup_initialize", "the station is set up already (setup has its own tests in core/src/staff.rs)"),
    ("auth_login", "the seed's login name is no account (login tests in core/src/staff.rs)"),
    ("kiosk_exit", "runs before kiosk_exit_pin_set (alphabetical): no exit PIN yet"),
    ("report_reopen", "the month is not closed (core/src/report tests close and reopen)"),
    (
        "volunteers_national_export",
        "the fuzz station has no service records: an export with nothing to write is refused (tests in core/src/volunteers/tests/national.rs)",
    ),
    ("wishes_kiosk_lookup", "a rating code is a random 6-digit number the seed cannot know"),
    ("wishes_kiosk_rate", "a rating code is a random 6-digit number the seed cannot know"),
    ("activities_check_in", NO_ROW),
    ("activities_kiosk_book", NO_ROW),
    ("activities_kiosk_cancel", NO_ROW),
    ("activities_kiosk_check_in", NO_ROW),
    ("activities_promotion_notified", NO_ROW),
    ("cases_assign", NO_ROW),
    ("cases_close", NO_ROW),
    ("cases_direct_report", NO_ROW),
    ("cases_feedback", NO_ROW),
    ("cases_investigate", NO_ROW),
    ("cases_review_unreasonable", NO_ROW),
    ("cases_send_back", NO_ROW),
    ("inventory_asset_repaired", NO_ROW),
    ("inventory_reservation_cancel", NO_ROW),
    ("inventory_stocktake_cancel", NO_ROW),
    ("inventory_stocktake_finish", NO_ROW),
    ("inventory_stocktake_get", NO_ROW),
    ("volunteers_assign", NO_ROW),
    ("volunteers_claim_decide", NO_ROW),
    ("volunteers_kiosk_sign_in", NO_ROW),
    ("volunteers_kiosk_sign_out", NO_ROW),
    ("volunteers_kiosk_take_slot", NO_ROW),
    ("volunteers_sign_in", NO_ROW),
    ("volunteers_sign_out", NO_ROW),
    ("volunteers_unassign", NO_ROW),
    ("wishes_claim", NO_ROW),
    ("wishes_close", NO_ROW),
    ("wishes_decline", NO_ROW),
    ("wishes_fulfil", NO_ROW),
    ("wishes_kiosk_claim", NO_ROW),
    ("wishes_kiosk_fulfil", NO_ROW),
    ("wishes_kiosk_photo", NO_ROW),
    ("wishes_merge", NO_ROW),
    ("wishes_rate", NO_ROW),
    ("wishes_reassign", NO_ROW),
    ("wishes_remind", NO_ROW),
    ("wishes_set_credit", NO_ROW),
];
/// To do: the demo station (core/src/demo.rs populate_areas) has wishes, shifts and cases in
/// many states, but after the commands before them in the list have run (or for stocktakes,
/// reservations and kiosk bookings, which it lacks) no row is in the state these need, or the
/// generic seed's other fields do not fit the row found. The area's own state-machine tests
/// reach them.
const NO_ROW: &str = "the demo station has no row in the state it needs (see NO_ROW)";

/// Refused calls that write on purpose, and why. For these the checksum leaves out exactly
/// what they may write: the volunteers' PIN failure counter and lock, and their audit lines.
const COUNTS_PIN_FAILURES: &[(&str, &str)] = &[
    ("volunteers_kiosk_view", PIN_REASON),
    ("volunteers_kiosk_take_slot", PIN_REASON),
    ("volunteers_kiosk_sign_in", PIN_REASON),
    ("volunteers_kiosk_sign_out", PIN_REASON),
    ("volunteers_kiosk_report", PIN_REASON),
    ("wishes_kiosk_helper", PIN_REASON),
    ("wishes_kiosk_claim", PIN_REASON),
    ("wishes_kiosk_fulfil", PIN_REASON),
    ("activities_kiosk_identify", PIN_REASON),
    ("activities_kiosk_book", PIN_REASON),
    ("activities_kiosk_bookings", PIN_REASON),
    ("activities_kiosk_cancel", PIN_REASON),
    ("activities_kiosk_check_in", PIN_REASON),
    ("wishes_kiosk_lookup", PIN_REASON),
    ("wishes_kiosk_rate", PIN_REASON),
    ("kiosk_exit", PIN_REASON),
    ("auth_login", PIN_REASON),
];
const PIN_REASON: &str = "a guess commits on its own (core/src/guard.rs): a wrong PIN, code or password is \
    counted and may start a lock (audited as guess_*), a right one resets the count, whatever the command \
    then says";

// ---- the commands ----

enum Outcome {
    /// serde refused the value: the Tauri boundary answers before the core is called.
    NotDeserialized,
    Ok,
    Err(AppError),
}

struct Actors {
    admin: StaffActor,
    clerk: StaffActor,
}

type Call = Box<dyn Fn(&mut Station, &StaffActor, Value) -> Outcome>;

struct Entry {
    /// The Rust input type, to build a valid input from the bindings.
    input_type: &'static str,
    /// A write the adapter does before the command itself (settling finished activities …).
    prepare: Option<fn(&mut Station) -> station_core::Result<usize>>,
    call: Call,
    /// Whether a value deserializes into the input type (the valid inputs must).
    accepts: fn(Value) -> Result<(), String>,
}

fn accepts<I: DeserializeOwned>(v: Value) -> Result<(), String> {
    serde_json::from_value::<I>(v).map(drop).map_err(|e| e.to_string())
}

fn outcome<O>(r: station_core::Result<O>) -> Outcome {
    match r {
        Ok(_) => Outcome::Ok,
        Err(e) => Outcome::Err(e),
    }
}

fn decode<I: DeserializeOwned>(v: Value) -> Option<I> {
    serde_json::from_value(v).ok()
}

/// A staff command: `as_staff` in the adapter (the case picks an admin or a clerk).
fn staff<I: DeserializeOwned + 'static, O>(
    f: impl Fn(&mut Station, &StaffActor, I) -> station_core::Result<O> + 'static,
) -> Entry {
    Entry {
        input_type: std::any::type_name::<I>(),
        prepare: None,
        accepts: accepts::<I>,
        call: Box::new(move |st, me, v| match decode::<I>(v) {
            Some(i) => outcome(f(st, me, i)),
            None => Outcome::NotDeserialized,
        }),
    }
}

/// A kiosk (or session-less) command: no staff identity.
fn kiosk<I: DeserializeOwned + 'static, O>(f: impl Fn(&mut Station, I) -> station_core::Result<O> + 'static) -> Entry {
    Entry {
        input_type: std::any::type_name::<I>(),
        prepare: None,
        accepts: accepts::<I>,
        call: Box::new(move |st, _, v| match decode::<I>(v) {
            Some(i) => outcome(f(st, i)),
            None => Outcome::NotDeserialized,
        }),
    }
}

impl Entry {
    fn after(mut self, prepare: fn(&mut Station) -> station_core::Result<usize>) -> Entry {
        self.prepare = Some(prepare);
        self
    }
}

fn export_path(ext: &str) -> PathBuf {
    std::env::temp_dir().join(format!("station-fuzz-{}.{ext}", std::process::id()))
}

fn settle(st: &mut Station) -> station_core::Result<usize> {
    st.activities_settle()
}

fn complete_unrated(st: &mut Station) -> station_core::Result<usize> {
    st.wishes_complete_unrated()
}

/// No input: the adapter takes none.
type NoInput = ();

fn table() -> BTreeMap<&'static str, Entry> {
    let e: Vec<(&'static str, Entry)> = vec![
        // app and session
        ("app_status", kiosk(|st, _: NoInput| st.is_initialized())),
        ("app_clock", kiosk(|st, _: NoInput| Ok(st.clock_reading()))),
        ("setup_initialize", kiosk(|st, i| st.initialize(&i))),
        ("auth_login", kiosk(|st, i| st.login(&i))),
        ("auth_change_password", staff(|st, me, i| st.change_own_password(me, &i))),
        // staff and settings
        ("staff_list", staff(|st, me, _: NoInput| st.staff_list(me))),
        ("staff_create", staff(|st, me, i| st.staff_create(me, &i))),
        ("staff_reset_password", staff(|st, me, i| st.staff_reset_password(me, &i))),
        ("staff_set_disabled", staff(|st, me, i| st.staff_set_disabled(me, &i))),
        ("settings_get", staff(|st, _, _: NoInput| st.settings())),
        ("settings_update", staff(|st, me, i| st.settings_update(me, &i))),
        ("places_list", staff(|st, _, _: NoInput| st.places())),
        ("places_save", staff(|st, me, i| st.place_save(me, &i))),
        ("tags_list", staff(|st, _, _: NoInput| st.tags())),
        ("tags_save", staff(|st, me, i| st.tag_save(me, &i))),
        ("audit_list", staff(|st, me, i| st.audit_list(me, &i))),
        // residents
        ("residents_search", staff(|st, me, i| st.residents_search(me, &i))),
        ("find_anything", staff(|st, me, q: String| st.find_anything(me, &q))),
        ("residents_get", staff(|st, me, id| st.resident_get(me, id))),
        ("residents_create", staff(|st, me, i| st.resident_create(me, &i))),
        ("residents_update", staff(|st, me, i| st.resident_update(me, &i))),
        ("residents_archive", staff(|st, me, id| st.resident_set_archived(me, id, true))),
        ("residents_restore", staff(|st, me, id| st.resident_set_archived(me, id, false))),
        ("residents_purge", staff(|st, me, i| st.resident_purge(me, &i))),
        ("residents_export", staff(|st, me, i| st.residents_export_xlsx(me, &i, &export_path("xlsx")))),
        ("home_summary", staff(|st, me, _: NoInput| st.home_summary(me))),
        // personal data (issue 17)
        ("residents_reveal_id", staff(|st, me, id| st.resident_reveal_id(me, id))),
        ("privacy_consents", staff(|st, me, id| st.consents_of(me, id))),
        ("privacy_consent_grant", staff(|st, me, i| st.consent_grant(me, &i))),
        ("privacy_consent_withdraw", staff(|st, me, i| st.consent_withdraw(me, &i))),
        ("privacy_retention_get", staff(|st, me, _: NoInput| st.retention_settings(me))),
        ("privacy_retention_update", staff(|st, me, i| st.retention_settings_update(me, &i))),
        ("privacy_retention_preview", staff(|st, me, _: NoInput| st.retention_preview(me))),
        ("privacy_retention_run", staff(|st, me, _: NoInput| st.retention_run(me))),
        ("print_audit", staff(|st, me, i| st.print_audit(me, &i))),
        // party (issue 19)
        ("party_can_access", staff(|st, me, _: NoInput| st.party_can_access(me))),
        ("party_access_list", staff(|st, me, _: NoInput| st.party_access_list(me))),
        ("party_access_set", staff(|st, me, i| st.party_access_set(me, &i))),
        ("party_org_tree", staff(|st, me, _: NoInput| st.party_org_tree(me))),
        ("party_org_get", staff(|st, me, id| st.party_org_get(me, id))),
        ("party_org_create", staff(|st, me, i| st.party_org_create(me, &i))),
        ("party_org_event", staff(|st, me, i| st.party_org_event(me, &i))),
        ("party_members", staff(|st, me, i| st.party_members(me, &i))),
        ("party_member_get", staff(|st, me, id| st.party_member_get(me, id))),
        ("party_member_create", staff(|st, me, i| st.party_member_create(me, &i))),
        ("party_member_update", staff(|st, me, i| st.party_member_update(me, &i))),
        ("party_member_event", staff(|st, me, i| st.party_member_event(me, &i))),
        ("party_meetings", staff(|st, me, i| st.party_meetings(me, &i))),
        ("party_meeting_get", staff(|st, me, id| st.party_meeting_get(me, id))),
        ("party_meeting_save", staff(|st, me, i| st.party_meeting_save(me, &i))),
        ("party_meeting_step", staff(|st, me, i| st.party_meeting_step(me, &i))),
        ("party_meeting_note", staff(|st, me, i| st.party_meeting_note(me, &i))),
        ("party_quotas", staff(|st, me, _: NoInput| st.party_quotas(me))),
        ("party_quotas_set", staff(|st, me, i: Vec<_>| st.party_quotas_set(me, &i))),
        ("party_compliance", staff(|st, me, i| st.party_compliance(me, &i))),
        ("party_due_now", staff(|st, me, _: NoInput| st.party_due_now(me))),
        ("party_dues_sheet", staff(|st, me, i| st.party_dues_sheet(me, &i))),
        ("party_dues_pay", staff(|st, me, i| st.party_dues_pay(me, &i))),
        ("party_dues_void", staff(|st, me, i| st.party_dues_void(me, &i))),
        ("party_dues_reduce", staff(|st, me, i| st.party_dues_reduce(me, &i))),
        ("party_dues_close", staff(|st, me, i| st.party_dues_close(me, &i))),
        ("party_dues_reopen", staff(|st, me, i| st.party_dues_reopen(me, &i))),
        ("party_dues_closings", staff(|st, me, _: NoInput| st.party_dues_closings(me))),
        // volunteers
        ("volunteers_search", staff(|st, me, i| st.volunteers_search(me, &i))),
        ("volunteers_get", staff(|st, me, id| st.volunteer_get(me, id))),
        ("volunteers_create", staff(|st, me, i| st.volunteer_create(me, &i))),
        ("volunteers_update", staff(|st, me, i| st.volunteer_update(me, &i))),
        ("volunteers_set_status", staff(|st, me, i| st.volunteer_set_status(me, &i))),
        ("volunteers_set_pin", staff(|st, me, i| st.volunteer_set_pin(me, &i))),
        ("volunteers_today", staff(|st, me, _: NoInput| Ok(st.volunteers_today(me)))),
        ("volunteers_kinds", staff(|st, _, _: NoInput| st.volunteer_kinds())),
        ("volunteers_kind_save", staff(|st, me, i| st.volunteer_kind_save(me, &i))),
        ("volunteers_history", staff(|st, me, id| st.volunteer_history(me, id))),
        ("volunteers_ledger_correct", staff(|st, me, i| st.ledger_correct(me, &i))),
        ("volunteers_service_kinds", staff(|st, _, _: NoInput| st.service_kind_rules())),
        ("volunteers_service_kind_save", staff(|st, me, i| st.service_kind_rule_save(me, &i))),
        ("volunteers_ranking", staff(|st, me, i| st.volunteer_ranking(me, &i))),
        ("volunteers_certificate", staff(|st, me, i| st.volunteer_certificate(me, &i))),
        ("volunteers_claim_record", staff(|st, me, i| st.hour_claim_record(me, &i))),
        ("volunteers_claims_pending", staff(|st, me, _: NoInput| st.hour_claims_pending(me))),
        ("volunteers_claim_decide", staff(|st, me, i| st.hour_claim_decide(me, &i))),
        ("volunteers_units", staff(|st, me, archived| st.partner_units(me, archived))),
        ("volunteers_unit_save", staff(|st, me, i| st.partner_unit_save(me, &i))),
        ("volunteers_positions", staff(|st, _, _: NoInput| st.duty_positions())),
        ("volunteers_position_save", staff(|st, me, i| st.duty_position_save(me, &i))),
        ("volunteers_templates", staff(|st, _, _: NoInput| st.shift_templates())),
        ("volunteers_template_save", staff(|st, me, i| st.shift_template_save(me, &i))),
        ("volunteers_shifts_generate", staff(|st, me, i| st.shifts_generate(me, &i))),
        ("volunteers_shift_create", staff(|st, me, i| st.shift_create(me, &i))),
        ("volunteers_roster", staff(|st, me, i| st.shifts_roster(me, &i))),
        ("volunteers_assign", staff(|st, me, i| st.shift_assign(me, &i))),
        ("volunteers_unassign", staff(|st, me, i| st.shift_unassign(me, &i))),
        ("volunteers_sign_in", staff(|st, me, i| st.attendance_sign_in(me, &i))),
        ("volunteers_sign_out", staff(|st, me, i| st.attendance_sign_out(me, &i))),
        ("volunteers_reviews", staff(|st, me, _: NoInput| st.attendance_reviews(me))),
        ("volunteers_review", staff(|st, me, i| st.attendance_review(me, &i))),
        ("volunteers_kiosk_view", kiosk(|st, i| st.volunteer_kiosk_view(&i))),
        ("volunteers_kiosk_take_slot", kiosk(|st, i| st.volunteer_kiosk_take_slot(&i))),
        ("volunteers_kiosk_sign_in", kiosk(|st, i| st.volunteer_kiosk_sign_in(&i))),
        ("volunteers_kiosk_sign_out", kiosk(|st, i| st.volunteer_kiosk_sign_out(&i))),
        ("volunteers_kiosk_report", kiosk(|st, i| st.volunteer_kiosk_report(&i))),
        ("volunteers_export_roster", staff(|st, me, i| st.volunteers_export_roster_xlsx(me, &i, &export_path("xlsx")))),
        ("volunteers_export_hours", staff(|st, me, i| st.volunteers_export_hours_xlsx(me, &i, &export_path("xlsx")))),
        ("volunteers_national_preview", staff(|st, me, i| st.volunteers_national_preview(me, &i))),
        (
            "volunteers_national_export",
            staff(|st, me, i| {
                st.volunteers_national_export(
                    me,
                    &i,
                    station_core::volunteers::national::NationalFormat::Xlsx,
                    &export_path("xlsx"),
                )
            }),
        ),
        ("volunteers_national_batches", staff(|st, me, _: NoInput| st.volunteers_national_batches(me))),
        // cases
        ("cases_list", staff(|st, me, i| st.cases_list(me, &i))),
        ("cases_get", staff(|st, me, id| st.case_get(me, id))),
        ("cases_home", staff(|st, me, _: NoInput| st.cases_home(me))),
        ("cases_tick", staff(|st, _, _: NoInput| st.cases_tick())),
        ("cases_report", staff(|st, me, i| st.case_report(me, &i))),
        ("cases_accept", staff(|st, me, i| st.case_accept(me, &i))),
        ("cases_assign", staff(|st, me, i| st.case_assign(me, &i))),
        ("cases_investigate", staff(|st, me, i| st.case_investigate(me, &i))),
        ("cases_resolve", staff(|st, me, i| st.case_resolve(me, &i))),
        ("cases_department_report", staff(|st, me, i| st.case_department_report(me, &i))),
        ("cases_escalate", staff(|st, me, i| st.case_escalate(me, &i))),
        ("cases_send_back", staff(|st, me, i| st.case_send_back(me, &i))),
        ("cases_reopen", staff(|st, me, i| st.case_reopen(me, &i))),
        ("cases_close", staff(|st, me, i| st.case_close(me, &i))),
        ("cases_archive", staff(|st, me, i| st.case_archive(me, &i))),
        ("cases_note", staff(|st, me, i| st.case_note(me, &i))),
        ("cases_direct_report", staff(|st, me, i| st.case_direct_report(me, &i))),
        ("cases_feedback", staff(|st, me, i| st.case_feedback(me, &i))),
        ("cases_followup", staff(|st, me, i| st.case_followup(me, &i))),
        ("cases_mark_unreasonable", staff(|st, me, i| st.case_mark_unreasonable(me, &i))),
        ("cases_review_unreasonable", staff(|st, me, i| st.case_review_unreasonable(me, &i))),
        ("cases_photo_add", staff(|st, me, i| st.case_photo_add(me, &i))),
        ("cases_photos", staff(|st, me, id| st.case_photos(me, id))),
        ("cases_figures", staff(|st, me, i| st.cases_figures(me, &i))),
        ("cases_figures_export", staff(|st, me, i| st.cases_figures_export_xlsx(me, &i, &export_path("xlsx")))),
        ("cases_handlers", staff(|st, me, _: NoInput| st.case_handlers(me))),
        ("cases_settings", staff(|st, _, _: NoInput| st.cases_settings())),
        ("cases_limits_save", staff(|st, me, i: Vec<_>| st.cases_limits_save(me, &i))),
        ("cases_calendar_save", staff(|st, me, i| st.cases_calendar_save(me, &i))),
        ("cases_department_save", staff(|st, me, i| st.case_department_save(me, &i))),
        // activities
        ("activities_venues_list", staff(|st, me, _: NoInput| st.venues_list(me))),
        ("activities_venue_save", staff(|st, me, i| st.venue_save(me, &i))),
        ("activities_venue_closure", staff(|st, me, i| st.venue_set_closure(me, &i))),
        ("activities_categories", staff(|st, me, _: NoInput| st.activity_categories(me))),
        ("activities_category_save", staff(|st, me, i| st.activity_category_save(me, &i))),
        ("activities_create", staff(|st, me, i| st.activity_create(me, &i))),
        ("activities_update", staff(|st, me, i| st.activity_update(me, &i))),
        ("activities_cancel", staff(|st, me, i| st.activity_cancel(me, &i))),
        ("activities_set_status", staff(|st, me, i| st.activity_set_status(me, &i))),
        ("activities_get", staff(|st, me, id| st.activity_get(me, id)).after(settle)),
        ("activities_list", staff(|st, me, i| st.activities_list(me, &i)).after(settle)),
        ("activities_calendar", staff(|st, me, i| st.activities_calendar(me, &i)).after(settle)),
        ("activities_today", staff(|st, me, _: NoInput| st.activities_today(me)).after(settle)),
        ("activities_export_ics", staff(|st, me, i| st.activities_export_ics(me, &i, &export_path("ics")))),
        ("activities_book", staff(|st, me, i| st.booking_create(me, &i))),
        ("activities_booking_cancel", staff(|st, me, id| st.booking_cancel(me, id))),
        ("activities_check_in", staff(|st, me, i| st.booking_check_in(me, &i))),
        ("activities_promotions", staff(|st, me, _: NoInput| st.promotions_pending(me))),
        ("activities_promotion_notified", staff(|st, me, id| st.promotion_mark_notified(me, id))),
        ("activities_attendance", staff(|st, me, id| st.resident_attendance(me, id))),
        ("activities_requests_list", staff(|st, me, status| st.venue_requests_list(me, status))),
        ("activities_request_create", staff(|st, me, i| st.venue_request_create(me, &i))),
        ("activities_request_decide", staff(|st, me, i| st.venue_request_decide(me, &i))),
        ("activities_kiosk_identify", kiosk(|st, i| st.kiosk_identify(&i))),
        ("activities_kiosk_buildings", kiosk(|st, _: NoInput| st.kiosk_buildings())),
        ("activities_kiosk_register", kiosk(|st, i| st.kiosk_register(&i))),
        ("activities_kiosk_list", kiosk(|st, _: NoInput| st.kiosk_activities())),
        ("activities_kiosk_book", kiosk(|st, i| st.kiosk_book(&i))),
        ("activities_kiosk_bookings", kiosk(|st, i| st.kiosk_bookings(&i))),
        ("activities_kiosk_cancel", kiosk(|st, i| st.kiosk_cancel(&i))),
        ("activities_kiosk_check_in", kiosk(|st, i| st.kiosk_check_in(&i))),
        // inventory
        ("inventory_categories", staff(|st, me, _: NoInput| st.inventory_categories(me))),
        ("inventory_category_save", staff(|st, me, i| st.inventory_category_save(me, &i))),
        ("inventory_items", staff(|st, me, i| st.inventory_items(me, &i))),
        ("inventory_item_get", staff(|st, me, id| st.inventory_item_get(me, id))),
        ("inventory_item_create", staff(|st, me, i| st.inventory_item_create(me, &i))),
        ("inventory_item_update", staff(|st, me, i| st.inventory_item_update(me, &i))),
        ("inventory_item_archive", staff(|st, me, id| st.inventory_item_set_archived(me, id, true))),
        ("inventory_item_restore", staff(|st, me, id| st.inventory_item_set_archived(me, id, false))),
        ("inventory_item_set_photo", staff(|st, me, i| st.inventory_item_set_photo(me, &i))),
        ("inventory_item_photo", staff(|st, me, id| st.inventory_item_photo(me, id))),
        ("inventory_asset_label", staff(|st, me, id| st.inventory_asset_label(me, id))),
        ("inventory_receive", staff(|st, me, i| st.inventory_receive(me, &i))),
        ("inventory_issue", staff(|st, me, i| st.inventory_issue(me, &i))),
        ("inventory_adjust", staff(|st, me, i| st.inventory_adjust(me, &i))),
        ("inventory_dispose", staff(|st, me, i| st.inventory_dispose(me, &i))),
        ("inventory_reverse", staff(|st, me, i| st.inventory_reverse(me, &i))),
        ("inventory_movements", staff(|st, me, i| st.inventory_movements(me, &i))),
        ("inventory_lend", staff(|st, me, i| st.inventory_lend(me, &i))),
        ("inventory_return", staff(|st, me, i| st.inventory_return(me, &i))),
        ("inventory_asset_repaired", staff(|st, me, i| st.inventory_asset_repaired(me, &i))),
        ("inventory_renew", staff(|st, me, i| st.inventory_renew(me, &i))),
        ("inventory_loans", staff(|st, me, i| st.inventory_loans(me, &i))),
        ("inventory_reserve", staff(|st, me, i| st.inventory_reserve(me, &i))),
        ("inventory_reservation_cancel", staff(|st, me, id| st.inventory_reservation_cancel(me, id))),
        ("inventory_reservations", staff(|st, me, _: NoInput| st.inventory_reservations(me))),
        ("inventory_stocktake_start", staff(|st, me, i| st.inventory_stocktake_start(me, &i))),
        ("inventory_stocktake_finish", staff(|st, me, i| st.inventory_stocktake_finish(me, &i))),
        ("inventory_stocktake_cancel", staff(|st, me, id| st.inventory_stocktake_cancel(me, id))),
        ("inventory_stocktake_get", staff(|st, me, id| st.inventory_stocktake_get(me, id))),
        ("inventory_stocktakes", staff(|st, me, _: NoInput| st.inventory_stocktakes(me))),
        ("inventory_emergency", staff(|st, me, _: NoInput| st.inventory_emergency(me))),
        ("inventory_home", staff(|st, me, _: NoInput| st.inventory_home(me))),
        ("inventory_export_ledger", staff(|st, me, i| st.inventory_export_ledger(me, &i, &export_path("xlsx")))),
        ("inventory_export_stock", staff(|st, me, _: NoInput| st.inventory_export_stock(me, &export_path("xlsx")))),
        // windows
        ("kiosk_info", kiosk(|st, _: NoInput| st.kiosk_info())),
        ("kiosk_alerts", staff(|st, me, _: NoInput| st.guard_alerts(me))),
        ("kiosk_unlock", staff(|st, me, _: NoInput| st.guard_clear(me))),
        ("kiosk_exit_pin_status", staff(|st, me, _: NoInput| st.kiosk_exit_pin_is_set(me))),
        ("kiosk_exit_pin_set", staff(|st, me, i| st.kiosk_exit_pin_set(me, &i))),
        ("kiosk_resident_pin_set", staff(|st, me, i| st.resident_set_kiosk_pin(me, &i))),
        ("kiosk_exit", kiosk(|st, i: station_core::app::KioskExitInput| st.may_leave_kiosk(&i.pin))),
        // micro-wishes
        ("wishes_board", staff(|st, me, i| st.wishes_board(me, &i)).after(complete_unrated)),
        ("wishes_overdue", staff(|st, me, _: NoInput| st.wishes_overdue(me)).after(complete_unrated)),
        ("wishes_get", staff(|st, me, id| st.wish_get(me, id))),
        ("wishes_post", staff(|st, me, i| st.wish_post(me, &i))),
        ("wishes_publish", staff(|st, me, i| st.wish_publish(me, &i))),
        ("wishes_assign", staff(|st, me, i| st.wish_assign(me, &i))),
        ("wishes_claim", staff(|st, me, i| st.wish_claim(me, &i))),
        ("wishes_reassign", staff(|st, me, i| st.wish_reassign(me, &i))),
        ("wishes_merge", staff(|st, me, i| st.wish_merge(me, &i))),
        ("wishes_decline", staff(|st, me, i| st.wish_decline(me, &i))),
        ("wishes_cancel", staff(|st, me, i| st.wish_cancel(me, &i))),
        ("wishes_remind", staff(|st, me, i| st.wish_remind(me, &i))),
        ("wishes_note", staff(|st, me, i| st.wish_note(me, &i))),
        ("wishes_fulfil", staff(|st, me, i| st.wish_fulfil(me, &i))),
        ("wishes_rate", staff(|st, me, i| st.wish_rate(me, &i))),
        ("wishes_close", staff(|st, me, i| st.wish_close(me, &i))),
        ("wishes_set_credit", staff(|st, me, i| st.wish_set_credit(me, &i))),
        ("wishes_photo", staff(|st, me, id| st.wish_photo(me, id))),
        ("wishes_receipt", staff(|st, me, id| st.wish_get_receipt(me, id))),
        ("wishes_month_list", staff(|st, me, month: String| st.wishes_month_list(me, &month))),
        ("wishes_helper_options", staff(|st, me, q: String| st.wish_helper_options(me, &q))),
        ("wishes_kiosk_post", kiosk(|st, i| st.wish_kiosk_post(&i))),
        ("wishes_kiosk_wall", kiosk(|st, _: NoInput| st.wishes_kiosk_wall())),
        ("wishes_kiosk_photo", kiosk(|st, id| st.wish_kiosk_photo(id))),
        ("wishes_kiosk_lookup", kiosk(|st, i| st.wish_kiosk_lookup(&i))),
        ("wishes_kiosk_rate", kiosk(|st, i| st.wish_kiosk_rate(&i))),
        ("wishes_kiosk_helper", kiosk(|st, i| st.wishes_kiosk_helper(&i))),
        ("wishes_kiosk_claim", kiosk(|st, i| st.wish_kiosk_claim(&i))),
        ("wishes_kiosk_fulfil", kiosk(|st, i| st.wish_kiosk_fulfil(&i))),
        // import
        ("import_preview", staff(|st, me, i| st.import_preview(me, &i))),
        ("import_commit", staff(|st, me, i| st.import_commit(me, &i))),
        // monthly summary
        ("report_get", staff(|st, me, i| st.report(me, &i))),
        ("report_close", staff(|st, me, i| st.report_close(me, &i))),
        ("report_reopen", staff(|st, me, i| st.report_reopen(me, &i))),
        ("report_closings", staff(|st, me, _: NoInput| st.report_closings(me))),
        ("report_verify_chain", staff(|st, me, _: NoInput| st.report_verify_chain(me))),
        ("report_export", staff(|st, me, i| st.report_export(me, &i, ReportFormat::Xlsx, &export_path("xlsx")))),
    ];
    let mut t = BTreeMap::new();
    for (name, entry) in e {
        assert!(t.insert(name, entry).is_none(), "{name} twice in the fuzz table");
    }
    t
}

// ---- valid inputs, from the TypeScript bindings ----

#[derive(Debug, Clone)]
enum Ty {
    Str,
    Num,
    Bool,
    Null,
    Lit(String),
    Arr(Box<Ty>),
    Obj(Vec<(String, Ty)>),
    Union(Vec<Ty>),
    Ref(String),
}

fn strip_comments(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

fn tokens(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            let j = (i + 1..cs.len()).find(|&j| cs[j] == '"').unwrap();
            out.push(cs[i..=j].iter().collect());
            i = j + 1;
        } else if c.is_alphanumeric() || c == '_' {
            let j = (i..cs.len()).find(|&j| !(cs[j].is_alphanumeric() || cs[j] == '_')).unwrap_or(cs.len());
            out.push(cs[i..j].iter().collect());
            i = j;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

struct Parser {
    t: Vec<String>,
    i: usize,
}

impl Parser {
    fn peek(&self) -> &str {
        self.t.get(self.i).map_or("", String::as_str)
    }

    fn take(&mut self) -> String {
        self.i += 1;
        self.t[self.i - 1].clone()
    }

    fn union(&mut self) -> Ty {
        let mut alts = vec![self.single()];
        while self.peek() == "|" {
            self.take();
            alts.push(self.single());
        }
        if alts.len() == 1 {
            alts.pop().unwrap()
        } else {
            Ty::Union(alts)
        }
    }

    fn single(&mut self) -> Ty {
        let t = self.take();
        match t.as_str() {
            "{" => {
                let mut fields = Vec::new();
                while self.peek() != "}" {
                    let name = self.take();
                    if self.peek() == "?" {
                        self.take();
                    }
                    assert_eq!(self.take(), ":");
                    fields.push((name, self.union()));
                    if self.peek() == "," || self.peek() == ";" {
                        self.take();
                    }
                }
                self.take();
                Ty::Obj(fields)
            }
            "string" => Ty::Str,
            "number" | "bigint" => Ty::Num,
            "boolean" => Ty::Bool,
            "null" => Ty::Null,
            "Array" => {
                assert_eq!(self.take(), "<");
                let inner = self.union();
                assert_eq!(self.take(), ">");
                Ty::Arr(Box::new(inner))
            }
            lit if lit.starts_with('"') => Ty::Lit(lit.trim_matches('"').to_string()),
            name => Ty::Ref(name.to_string()),
        }
    }
}

fn bindings() -> BTreeMap<String, Ty> {
    let text = strip_comments(BINDINGS_TS);
    text.split("export type ")
        .skip(1)
        .map(|def| {
            let (name, body) = def.split_once('=').unwrap();
            let body = body.trim().trim_end_matches(';');
            let mut p = Parser { t: tokens(body), i: 0 };
            (name.trim().to_string(), p.union())
        })
        .collect()
}

/// Realistic values by field name on the demo station of 25 November 2026.
fn leaf(field: &str, ty: &Ty) -> Value {
    let f = field.to_ascii_lowercase();
    match ty {
        Ty::Num => {
            if f.ends_with("id") || f == "id" || f.ends_with("ids") {
                json!(1)
            } else if f.contains("year") {
                json!(2026)
            } else if f.contains("month") {
                json!(11)
            } else if f.contains("minutes") {
                json!(60)
            } else if f.contains("capacity") || f.contains("limit") || f.contains("size") || f.contains("slots") {
                json!(10)
            } else if f.contains("weekday") {
                json!(3)
            } else {
                json!(1)
            }
        }
        Ty::Str => {
            let s = if f.contains("phone") {
                KNOWN_PHONE.get().map_or("13800138000", String::as_str)
            } else if f == "pin" || f.ends_with("pin") {
                "2580"
            } else if f == "noticeversion" {
                station_core::privacy::NOTICE_VERSION
            } else if f.contains("timezone") {
                "Asia/Shanghai"
            } else if f.contains("username") {
                "fuzz.user"
            } else if f == "kind" {
                "企业"
            } else if f == "servicekind" {
                "助老服务"
            } else if f == "code" {
                "123456"
            } else if f == "end" || f.contains("endtime") || f.contains("closes") || f.ends_with("end") {
                "11:00"
            } else if f == "day" || f == "serviceday" {
                "2026-11-20"
            } else if f.contains("password") {
                testing::ADMIN_PASSWORD
            } else if f.contains("month") {
                "2026-11"
            } else if f.contains("birth") {
                "1950-03-08"
            } else if f.contains("date")
                || field.ends_with("On")
                || f == "day"
                || f == "from"
                || f == "to"
                || f.ends_with("day")
            {
                "2026-11-28"
            } else if f.contains("time") || f == "start" || f == "end" || f == "at" || f.ends_with("at") {
                "10:00"
            } else if f.contains("code") {
                "XY0001"
            } else if f.contains("path") {
                "/nonexistent/居民.xlsx"
            } else if f.contains("photo") || f.contains("poster") || f.contains("image") {
                // a 1×1 PNG
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
            } else {
                "测试内容"
            };
            json!(s)
        }
        _ => Value::Null,
    }
}

fn seed(ty: &Ty, field: &str, defs: &BTreeMap<String, Ty>, depth: u32) -> Value {
    if depth > 12 {
        return Value::Null;
    }
    match ty {
        Ty::Str | Ty::Num => leaf(field, ty),
        Ty::Bool => json!(false),
        Ty::Null => Value::Null,
        Ty::Lit(s) => json!(s),
        Ty::Arr(inner) => json!([seed(inner, field, defs, depth + 1)]),
        Ty::Obj(fields) => {
            Value::Object(fields.iter().map(|(k, t)| (k.clone(), seed(t, k, defs, depth + 1))).collect::<Map<_, _>>())
        }
        // An optional field is left out (null) unless it is a reference to a record: most
        // forms leave most optional fields empty, and null is always a valid value.
        Ty::Union(alts)
            if alts.iter().any(|t| matches!(t, Ty::Null)) && !field.ends_with("Id") && !field.is_empty() =>
        {
            Value::Null
        }
        Ty::Union(alts) => {
            alts.iter().find(|t| !matches!(t, Ty::Null)).map_or(Value::Null, |t| seed(t, field, defs, depth))
        }
        Ty::Ref(name) => defs.get(name).map_or(Value::Null, |t| seed(t, field, defs, depth + 1)),
    }
}

/// A valid input for a Rust input type (by its `type_name`).
fn valid_input(type_name: &str, defs: &BTreeMap<String, Ty>) -> Value {
    let short = |s: &str| s.rsplit("::").next().unwrap().trim_end_matches('>').to_string();
    match type_name {
        "()" => Value::Null,
        "i64" | "u32" => json!(1),
        "bool" => json!(false),
        "alloc::string::String" => json!("2026-11"),
        t if t.starts_with("core::option::Option<") => seed(&Ty::Ref(short(t)), "", defs, 0),
        t if t.starts_with("alloc::vec::Vec<") => json!([seed(&Ty::Ref(short(t)), "", defs, 0)]),
        t => {
            let name = short(t);
            assert!(defs.contains_key(&name), "input type {name} is not in the TypeScript bindings");
            seed(&Ty::Ref(name), "", defs, 0)
        }
    }
}

// ---- hostile values ----

fn hostile(n: usize) -> Value {
    match n {
        0 => json!(""),
        1 => json!("   \t\n"),
        2 => json!("长".repeat(100_000)),
        3 => json!("\0\u{1}\u{7f}"),
        4 => json!("\u{202e}王五\u{200b}"),
        5 => json!("😀👨‍👩‍👧‍👦🀄"),
        6 => json!("'; DROP TABLE residents;--"),
        7 => json!("<img src=x onerror=alert(1)>王<b>五</b>"),
        8 => json!("0001-01-01"),
        9 => json!("9999-12-31"),
        10 => json!("2026-02-30"),
        11 => json!("24:61"),
        12 => json!(-1),
        13 => json!(0),
        14 => json!(i64::MAX),
        15 => json!(i64::MIN),
        16 => json!(u64::MAX),
        17 => json!(1e308),
        18 => json!(4_294_967_296u64),
        19 => Value::Null,
        20 => json!(true),
        21 => json!([]),
        22 => json!({}),
        23 => json!(["<script>", -1]),
        24 => json!("1 OR 1=1"),
        // other records than the seed's (an id 1 may be archived, closed, already done)
        26 => json!(2),
        27 => json!(7),
        28 => json!(20),
        25 => json!("-0.5"),
        _ => json!(55),
    }
}

/// hostile(0..HOSTILE_KINDS); the value HOSTILE_KINDS itself leaves the field out.
const HOSTILE_KINDS: usize = 30;

/// The phone of a demo volunteer who is also a registered resident: kiosk calls identify by it.
static KNOWN_PHONE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Every node's path in the value (the root is the empty path).
fn paths(v: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => m.iter().for_each(|(k, c)| paths(c, [here.clone(), vec![k.clone()]].concat(), out)),
        Value::Array(a) => {
            a.iter().enumerate().for_each(|(i, c)| paths(c, [here.clone(), vec![i.to_string()]].concat(), out))
        }
        _ => {}
    }
}

fn replace(v: &mut Value, path: &[String], with: Value) {
    match path {
        [] => *v = with,
        [k, rest @ ..] => match v {
            Value::Object(m) => {
                if rest.is_empty() && with == json!("__missing__") {
                    m.remove(k);
                } else if let Some(c) = m.get_mut(k) {
                    replace(c, rest, with);
                }
            }
            Value::Array(a) => {
                if let Some(c) = k.parse::<usize>().ok().and_then(|i| a.get_mut(i)) {
                    replace(c, rest, with);
                }
            }
            _ => {}
        },
    }
}

const STRINGS: [usize; 13] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 24];
const NUMBERS: [usize; 11] = [12, 13, 14, 15, 16, 17, 18, 26, 27, 28, 29];

fn node<'a>(v: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(v, |v, k| match v {
        Value::Object(m) => m.get(k),
        Value::Array(a) => k.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn mutate(valid: &Value, edits: &[(u64, usize)]) -> Value {
    let mut v = valid.clone();
    for &(pick, kind) in edits {
        let mut all = Vec::new();
        paths(&v, Vec::new(), &mut all);
        // Leaves are where the hostile text goes; the root and inner nodes are hit less often.
        let path = &all[(pick % all.len() as u64) as usize];
        // Three times in four a string gets a hostile string and a number a hostile number
        // (so most cases reach the core); otherwise any value, wrong types included.
        let same_type = (pick >> 32) % 4 != 0;
        let kind = match node(&v, path) {
            Some(Value::String(_)) if same_type => STRINGS[kind % STRINGS.len()],
            Some(Value::Number(_)) if same_type => NUMBERS[kind % NUMBERS.len()],
            _ => kind,
        };
        let value = if kind == HOSTILE_KINDS { json!("__missing__") } else { hostile(kind) };
        replace(&mut v, path, value);
    }
    v
}

// ---- the database checksum ----

/// Every row of every table (audit_log included), ordered, hashed. `pin_counting` leaves out
/// the PIN failure bookkeeping (see COUNTS_PIN_FAILURES).
fn checksum(st: &Station, pin_counting: bool) -> u64 {
    let c = st.conn();
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for t in tables {
        let sql = match (pin_counting, t.as_str()) {
            (true, "volunteers") => {
                let columns: Vec<String> = c
                    .prepare("SELECT name FROM pragma_table_info('volunteers')")
                    .unwrap()
                    .query_map([], |r| r.get(0))
                    .unwrap()
                    .map(|r| r.unwrap())
                    .filter(|n: &String| n != "pin_failures" && n != "pin_locked_until")
                    .collect();
                format!("SELECT {} FROM volunteers", columns.join(", "))
            }
            (true, "audit_log") => "SELECT * FROM audit_log
                 WHERE NOT (actor_kind = 'kiosk' AND action LIKE 'pin%') AND action NOT LIKE 'guess%'"
                .to_string(),
            (true, "guess_throttle") => continue,
            _ => format!("SELECT * FROM \"{t}\""),
        };
        let mut stmt = c.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("\u{1f}"))
            })
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows.sort();
        t.hash(&mut h);
        rows.hash(&mut h);
    }
    h.finish()
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

// ---- the test ----

/// A station in a file (not in memory) so it has a data folder: photo commands then reach
/// the image decoders and the photo files, as at a real station.
fn station(dir: &std::path::Path) -> (Station, Actors) {
    let clock = Clock::Fixed(chrono::DateTime::parse_from_rfc3339("2026-11-25T10:30:00+08:00").unwrap().to_utc());
    let mut st = Station::open_with(&dir.join(station_core::db::DB_FILE_NAME), MIGRATIONS, clock).unwrap();
    let (admin, clerk) = testing::add_admin_and_clerk(&mut st);
    demo::populate(&mut st, &admin, &DemoScale::residents(60), 7).unwrap();
    demo::populate_areas(&mut st, &admin, 7).unwrap();
    // A resident who volunteers, with a PIN: the kiosk's resident and volunteer calls both
    // identify by this phone (and PIN 2580), so they get past identification.
    let (resident, phone): (i64, String) = st
        .conn()
        .query_row(
            "SELECT id, phone FROM residents WHERE archived_at IS NULL
                   AND id NOT IN (SELECT resident_id FROM volunteers WHERE resident_id IS NOT NULL) ORDER BY id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let kind: i64 =
        st.conn().query_row("SELECT id FROM volunteer_kinds WHERE name = '普通志愿者'", [], |r| r.get(0)).unwrap();
    let volunteer = st
        .volunteer_create(
            &admin,
            &serde_json::from_value(json!({"residentId": resident, "name": "", "phone": "", "partyMember": false,
                "kindId": kind, "reportedIn": false, "skills": [], "availability": [], "note": ""}))
            .unwrap(),
        )
        .unwrap();
    st.volunteer_set_pin(&admin, &serde_json::from_value(json!({"volunteerId": volunteer.id, "pin": "2580"})).unwrap())
        .unwrap();
    st.resident_set_kiosk_pin(&admin, &serde_json::from_value(json!({"residentId": resident, "pin": "2580"})).unwrap())
        .unwrap();
    party_world(&mut st, &admin);
    let _ = KNOWN_PHONE.set(phone);
    // The file the import commands' seed names: two residents the import can take.
    std::fs::write(dir.join("居民.csv"), "姓名,手机号码,性别\n张小明,13912345601,男\n李小红,13912345602,女\n").unwrap();
    (st, Actors { admin, clerk })
}

/// A small party chain for the party commands' seeds: 社区党委 → 党支部 → 党小组, two members,
/// a draft meeting and a month's dues paid by one of them.
fn party_world(st: &mut Station, admin: &StaffActor) {
    let org = |parent: Option<i64>, kind: &str, name: &str| {
        serde_json::from_value(json!({"parentId": parent, "kind": kind, "name": name, "entity": true,
            "gridId": null, "compoundId": null, "buildingId": null, "memberId": null, "households": null,
            "foundedOn": "2015-06-01", "committee": []}))
        .unwrap()
    };
    // the demo's party organisation may stand already: its committee then heads this world's branch
    let existing: Option<i64> = st
        .conn()
        .query_row("SELECT id FROM party_orgs WHERE parent_id IS NULL AND dissolved_on IS NULL LIMIT 1", [], |r| {
            r.get(0)
        })
        .ok();
    let committee = match existing {
        Some(id) => id,
        None => st.party_org_create(admin, &org(None, "community", "凤台社区党委")).unwrap().org.id,
    };
    let branch =
        st.party_org_create(admin, &org(Some(committee), "compound", "阳光花园小区第二党支部（测试）")).unwrap().org.id;
    let group = st.party_org_create(admin, &org(Some(branch), "group", "3号楼党小组（测试）")).unwrap().org.id;
    let mut members = Vec::new();
    let people =
        [("党员甲", "1960-03-01", "1985-07-01", "1986-07-01"), ("党员乙", "1975-09-12", "2001-06-30", "2002-07-01")];
    for (name, birth, joined, confirmed) in people {
        let input = serde_json::from_value(json!({"category": "full", "how": "registered", "onDate": "2026-01-05",
            "orgId": branch, "groupId": group, "letterNo": "",
            "profile": {"name": name, "gender": "male", "ethnicity": "汉族", "birthDate": birth, "idNumber": null,
                "phone": "", "education": "", "post": "", "address": "", "residentId": null, "volunteerId": null,
                "unitId": null, "joinedOn": joined, "confirmedOn": confirmed, "inService": false, "retired": true,
                "hardship": false, "veteran": false, "duesKind": "retired", "duesBaseFen": 450000}}))
        .unwrap();
        members.push(st.party_member_create(admin, &input).unwrap().row.id);
    }
    let meeting = serde_json::from_value(json!({"id": null, "orgId": branch, "kind": "general_meeting",
        "heldOn": "2026-11-10", "startsAt": "09:30", "place": "党群服务站活动室", "host": "党员甲", "recorder": "党员乙",
        "topic": "学习党的二十届四中全会精神", "minutes": "传达学习，交流发言。", "decisions": "", "guests": "",
        "dueMemberIds": null, "absences": []}))
    .unwrap();
    st.party_meeting_save(admin, &meeting).unwrap();
    let pay = serde_json::from_value(json!({"memberId": members[0], "fromMonth": "2026-10", "months": 1,
        "method": "cash", "collector": "党员乙", "receiptNo": "DF-001", "paidOn": "2026-10-15"}))
    .unwrap();
    st.party_dues_pay(admin, &pay).unwrap();
}

fn commands_in_build_rs() -> Vec<&'static str> {
    let list = &BUILD_RS[BUILD_RS.find(".commands(&[").expect("the command list in build.rs")..];
    let list = &list[..list.find("])").unwrap()];
    list.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('"'))
        .map(|l| l.trim_end_matches(',').trim_matches('"'))
        .collect()
}

#[test]
fn the_checksum_sees_any_row_change_and_only_the_pin_bookkeeping_is_left_out() {
    let (st, _, _) = testing::station_with_admin();
    let plain = checksum(&st, false);
    assert_eq!(checksum(&st, false), plain, "stable");
    st.conn()
        .execute("UPDATE settings SET value = value || ' ' WHERE rowid = (SELECT MIN(rowid) FROM settings)", [])
        .unwrap();
    assert_ne!(checksum(&st, false), plain, "a changed value");
    let (plain, pins) = (checksum(&st, false), checksum(&st, true));
    st.conn()
        .execute(
            "INSERT INTO audit_log (at, actor_kind, actor_name, entity, action, detail)
             VALUES ('2026-11-25T02:00:00Z', 'kiosk', '自助终端', 'volunteer', 'pin_failed', '')",
            [],
        )
        .unwrap();
    assert_ne!(checksum(&st, false), plain, "an audit line");
    assert_eq!(checksum(&st, true), pins, "a kiosk PIN audit line is the bookkeeping left out");
    st.conn()
        .execute(
            "INSERT INTO audit_log (at, actor_kind, actor_name, entity, action, detail)
             VALUES ('2026-11-25T02:00:00Z', 'kiosk', '自助终端', 'wish', 'post', '')",
            [],
        )
        .unwrap();
    assert_ne!(checksum(&st, true), pins, "any other audit line is not");
}

#[test]
fn every_command_has_a_fuzz_entry_or_a_reason() {
    let table = table();
    let not_fuzzed: BTreeSet<&str> = NOT_FUZZED.iter().map(|(n, _)| *n).collect();
    let commands = commands_in_build_rs();
    assert!(commands.len() > 150, "parsed {} commands from build.rs", commands.len());
    let missing: Vec<_> = commands.iter().filter(|c| !table.contains_key(*c) && !not_fuzzed.contains(*c)).collect();
    assert!(missing.is_empty(), "commands with no fuzz entry (add one, or a reason to NOT_FUZZED): {missing:?}");
    let unknown: Vec<_> = table
        .keys()
        .chain(not_fuzzed.iter())
        .chain(COUNTS_PIN_FAILURES.iter().map(|(n, _)| n))
        .filter(|c| !commands.contains(c))
        .collect();
    assert!(unknown.is_empty(), "fuzz entries for commands build.rs does not declare: {unknown:?}");
    // Every input type has a valid input built from the bindings.
    let defs = bindings();
    let bad: Vec<String> = table
        .iter()
        .filter_map(|(name, entry)| {
            let v = valid_input(entry.input_type, &defs);
            (entry.accepts)(v.clone()).err().map(|e| format!("{name}: {v} → {e}"))
        })
        .collect();
    assert!(bad.is_empty(), "valid inputs the input types refuse:\n{}", bad.join("\n"));
}

#[test]
fn hostile_input_never_panics_and_a_refusal_is_coded_chinese_and_writes_nothing() {
    let cases: u32 = std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let defs = bindings();
    let table = table();
    let data_dir = tempfile::tempdir().unwrap();
    let (st, actors) = station(data_dir.path());
    let broken = invariants::broken(st.conn());
    assert!(broken.is_empty(), "the demo station breaks the data's rules before any call: {broken:?}");
    // The rules broken so far (none, unless a call broke one: that call is reported).
    let known: std::cell::RefCell<BTreeMap<String, i64>> = Default::default();
    let st = std::cell::RefCell::new(st);
    let counts_pins: BTreeSet<&str> = COUNTS_PIN_FAILURES.iter().map(|(n, _)| *n).collect();
    let mut problems: Vec<String> = Vec::new();
    let (mut calls, mut boundary, mut refused) = (0usize, 0usize, 0usize);
    let started = std::time::Instant::now();
    let last_hash = std::cell::Cell::new((None, 0u64));
    // Commands whose seed was refused: fuzzed at the surface only.
    let mut never_ok: Vec<&str> = Vec::new();
    // FUZZ_VERBOSE=1 prints why a command refused its valid input (to improve the seeds).
    let verbose = std::env::var_os("FUZZ_VERBOSE").is_some();
    // First every seed, unmutated, by the admin, before any case is fuzzed (so what each
    // finds on the station does not depend on how many cases ran before it): it must be
    // accepted (else the command is only fuzzed at its door), and what it wrote must keep
    // the data's rules.
    for (name, entry) in &table {
        let valid = valid_input(entry.input_type, &defs);
        {
            let mut st = st.borrow_mut();
            if let Some(prepare) = entry.prepare {
                prepare(&mut st).unwrap_or_else(|e| panic!("{name}: the adapter's first step failed: {e}"));
            }
            let input = seeded(name, &valid, &st, data_dir.path());
            let out = catch_unwind(AssertUnwindSafe(|| (entry.call)(&mut st, &actors.admin, input.clone())));
            match out {
                Err(_) => problems.push(format!("{name} panicked on its seed {input}")),
                Ok(Outcome::Ok) => {
                    let broken = invariants::broken(st.conn());
                    if !broken.is_empty() {
                        problems.push(format!("{name} accepted its seed {input} and broke {broken:?}"));
                    }
                }
                Ok(Outcome::Err(e)) => {
                    if verbose {
                        println!("{name}: the seed {input} was refused: {e}");
                    }
                    never_ok.push(*name);
                }
                Ok(Outcome::NotDeserialized) => problems.push(format!("{name}: its seed {input} does not deserialize")),
            }
        }
    }
    for (name, entry) in &table {
        let valid = valid_input(entry.input_type, &defs);
        let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
        let edits = proptest::collection::vec((any::<u64>(), 0..=HOSTILE_KINDS), 0..4);
        let counts = std::cell::Cell::new((0usize, 0usize, 0usize));
        let result = runner.run(&(any::<bool>(), edits), |(as_admin, edits)| {
            let me = if as_admin { &actors.admin } else { &actors.clerk };
            let mut st = st.borrow_mut();
            let input = mutate(&seeded(name, &valid, &st, data_dir.path()), &edits);
            if let Some(prepare) = entry.prepare {
                prepare(&mut st)
                    .map_err(|e| TestCaseError::fail(format!("{name}: the adapter's first step failed: {e}")))?;
            }
            // Hashing every table costs milliseconds; `total_changes` (rows written by this
            // connection, rolled back or not) says when the last hash is still current.
            let changes = st.conn().total_changes();
            let (hashed_at, hash) = last_hash.get();
            let pin_counting = counts_pins.contains(name);
            if pin_counting {
                // Five wrong PINs lock the kiosk sign-in for 15 minutes and this clock stands
                // still: unlock, so the later cases get past identification.
                st.conn().execute("UPDATE volunteers SET pin_failures = 0, pin_locked_until = NULL", []).unwrap();
                st.conn().execute("DELETE FROM guess_throttle", []).unwrap();
            }
            let before = match (pin_counting, hashed_at == Some(changes)) {
                (true, _) => checksum(&st, true),
                (false, true) => hash,
                (false, false) => {
                    let h = checksum(&st, false);
                    last_hash.set((Some(changes), h));
                    h
                }
            };
            let shown = input.to_string().chars().take(300).collect::<String>();
            let out = catch_unwind(AssertUnwindSafe(|| (entry.call)(&mut st, me, input.clone())))
                .map_err(|_| TestCaseError::fail(format!("{name} panicked on {shown}")))?;
            let (c, b, r) = counts.get();
            match out {
                Outcome::NotDeserialized => counts.set((c, b + 1, r)),
                Outcome::Ok => {
                    counts.set((c + 1, b, r));
                    // What got through must leave the ledgers whole (a write that did not
                    // write, or wrote half, shows here).
                    if st.conn().total_changes() != changes {
                        // Compared with the rules as they stood before this call, so one
                        // break is blamed on the call that made it, not on every later one.
                        let now: BTreeMap<String, i64> = invariants::violations(st.conn()).into_iter().collect();
                        let worse: Vec<String> = now
                            .iter()
                            .filter(|(rule, n)| **n > known.borrow().get(*rule).copied().unwrap_or(0))
                            .map(|(rule, n)| format!("{rule} ({n} rows)"))
                            .collect();
                        *known.borrow_mut() = now;
                        if !worse.is_empty() {
                            return Err(TestCaseError::fail(format!("{name} accepted {shown} and broke {worse:?}")));
                        }
                    }
                }
                Outcome::Err(e) => {
                    counts.set((c + 1, b, r + 1));
                    if !has_cjk(&e.message) {
                        return Err(TestCaseError::fail(format!(
                            "{name}: error without a Chinese message {e} on {shown}"
                        )));
                    }
                    if matches!(e.code, station_core::ErrorCode::Internal | station_core::ErrorCode::Database) {
                        return Err(TestCaseError::fail(format!(
                            "{name}: unchecked input reached SQLite or a bug: {e} on {shown}"
                        )));
                    }
                    if st.conn().total_changes() != changes && checksum(&st, pin_counting) != before {
                        return Err(TestCaseError::fail(format!(
                            "{name}: refused ({e}) but the database changed, on {shown}"
                        )));
                    }
                }
            }
            Ok(())
        });
        let (c, b, r) = counts.get();
        calls += c;
        boundary += b;
        refused += r;
        if let Err(e) = result {
            problems.push(format!("{name}: {e}"));
        }
    }
    println!(
        "fuzzed {} commands: {calls} core calls ({refused} refused), {boundary} inputs refused at the boundary, {:.1} s",
        table.len(),
        started.elapsed().as_secs_f64()
    );
    println!("{} commands refused their seed input: {never_ok:?}", never_ok.len());
    let _ = std::fs::remove_file(export_path("xlsx"));
    let _ = std::fs::remove_file(export_path("ics"));
    assert!(problems.is_empty(), "{} commands failed:\n{}", problems.len(), problems.join("\n"));
    // A command whose every case was refused was only fuzzed at its door: its seed must be
    // made acceptable (FUZZ_VERBOSE=1 says why it was refused), or the command listed with
    // the reason it cannot succeed on this station.
    let expected: BTreeSet<&str> = REFUSES_EVERY_SEED.iter().map(|(n, _)| *n).collect();
    let unexpected: Vec<_> = never_ok.iter().filter(|n| !expected.contains(*n)).collect();
    assert!(unexpected.is_empty(), "commands that refused their seed (FUZZ_VERBOSE=1 says why): {unexpected:?}");
    let stale: Vec<_> = expected.iter().filter(|n| !never_ok.contains(n)).collect();
    assert!(stale.is_empty(), "listed in REFUSES_EVERY_SEED but their seed was accepted: {stale:?}");
}
