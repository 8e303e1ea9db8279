//! Crash safety: a writer process books, cancels, receives, issues, lends, returns, signs
//! volunteers in and out and approves hours as fast as it can through the real core API, and
//! is killed with SIGKILL at a random moment. After every kill the database must pass
//! `PRAGMA integrity_check`, hold every write the core acknowledged (returned `Ok` for), and
//! keep the areas' invariants (stock = Σ movements ≥ 0, booked ≤ capacity, hours = ledger).
//!
//! The writer is this same test binary run again with `--exact crash_writer_child --ignored`
//! and `CRASH_CHILD` set, so no extra binary is needed. `CRASH_ROUNDS` sets the rounds
//! (default 10 for CI; the benchmark runs 100 in release), `CRASH_SEED` replays a run.

use rusqlite::Connection;
use serde_json::{json, Value};
use station_core::activities::{BookingStatus, DeskBookingInput};
use station_core::clock::Clock;
use station_core::inventory::ledger::{IssueInput, ReceiveInput};
use station_core::inventory::loans::{LendInput, ReturnInput};
use station_core::volunteers::attendance::AttendanceInput;
use station_core::volunteers::ledger::{ClaimDecision, ClaimInput};
use station_core::volunteers::shifts::{AssignInput, ShiftCreateInput};
use station_core::{testing, Role, StaffActor, Station};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "CRASH_CHILD";
const WRITER_TEST: &str = "crash_writer_child";
/// A new database file every this many rounds: the rounds in between reopen a file the
/// previous writer was killed on (recovery of a crashed WAL), and a fresh file now and then
/// keeps the data small enough that later rounds run as fast as the first.
const ROUNDS_PER_FILE: u32 = 10;
const RESIDENTS: usize = 8;
const NAMES: [&str; RESIDENTS] = ["张桂兰", "李建国", "王秀英", "赵德明", "陈淑芬", "刘志强", "杨丽华", "周国庆"];
const ACTIVITIES: usize = 3;
/// Two places per activity: with eight residents most bookings hit a full activity and
/// join the waitlist, and every cancel of a booked place promotes someone.
const CAPACITY: u32 = 2;
const TITLES: [&str; ACTIVITIES] = ["太极拳", "书法课", "健康讲座"];
const VOLUNTEERS: usize = 6;

/// Half past ten in the morning, 25 November 2026, in the station's time zone. A fixed clock
/// keeps the activities in the future and the shifts in the past for every round.
fn clock() -> Clock {
    Clock::Fixed(chrono::DateTime::parse_from_rfc3339("2026-11-25T10:30:00+08:00").unwrap().to_utc())
}

/// splitmix64: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

fn from_json<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).expect("test input")
}

fn ids(c: &Connection, sql: &str) -> Vec<i64> {
    c.prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

// ---- set-up (in the parent, before the first writer of a file: never interrupted) ----

fn set_up(path: &Path) {
    let mut st = Station::open(path).unwrap();
    st.set_clock(clock());
    let (admin, clerk) = testing::add_admin_and_clerk(&mut st);
    let residents: Vec<i64> = (0..RESIDENTS)
        .map(|i| {
            st.resident_create(
                &clerk,
                &from_json(json!({"name": NAMES[i], "phone": format!("1380000{i:04}"),
                    "unit": "", "room": "", "tagIds": [], "note": "", "confirmDuplicate": false})),
            )
            .unwrap()
            .id
        })
        .collect();
    let venue = st
        .venue_save(
            &clerk,
            &from_json(json!({"name": "多功能厅", "capacity": 40, "equipment": "", "opensAt": "08:00",
                "closesAt": "21:00", "openWeekdays": [1, 2, 3, 4, 5, 6, 7], "archived": false})),
        )
        .unwrap()
        .id;
    let category = ids(st.conn(), "SELECT id FROM activity_categories ORDER BY id")[0];
    for (i, title) in TITLES.iter().enumerate() {
        st.activity_create(
            &admin,
            &from_json(json!({"weeks": 1, "activity": {"title": title, "categoryId": category,
                "organiserName": "", "venueId": venue, "date": "2026-11-28", "startTime": format!("{:02}:00", 9 + 2 * i),
                "endTime": format!("{:02}:00", 10 + 2 * i), "capacity": CAPACITY, "compoundIds": [], "description": "",
                "publish": true}})),
        )
        .unwrap();
    }
    let category = ids(st.conn(), "SELECT id FROM inv_categories ORDER BY id")[0];
    for (name, kind) in [("口罩", "consumable"), ("矿泉水", "consumable"), ("轮椅", "asset"), ("折叠椅", "asset")]
    {
        let item = st
            .inventory_item_create(
                &clerk,
                &from_json(json!({"name": name, "categoryId": category, "unit": "个", "kind": kind,
                    "place": "储物间", "minStock": 0, "note": ""})),
            )
            .unwrap()
            .item
            .id;
        let (quantity, expiry) = if kind == "asset" { (3, Value::Null) } else { (20, json!("2027-06-30")) };
        st.inventory_receive(
            &clerk,
            &from_json(json!({"itemId": item, "quantity": quantity, "source": "purchase", "expiryDate": expiry,
                "batchLabel": "", "assetCodes": [], "note": ""})),
        )
        .unwrap();
    }
    let kind = ids(st.conn(), "SELECT id FROM volunteer_kinds WHERE name = '普通志愿者'")[0];
    for resident in residents.iter().take(VOLUNTEERS) {
        st.volunteer_create(
            &clerk,
            &from_json(json!({"residentId": resident, "name": "", "phone": "", "partyMember": false, "kindId": kind,
                "reportedIn": false, "skills": [], "availability": [], "note": ""})),
        )
        .unwrap();
    }
    let service_kind: String =
        st.conn().query_row("SELECT name FROM service_kinds ORDER BY id", [], |r| r.get(0)).unwrap();
    st.duty_position_save(
        &clerk,
        &from_json(json!({"name": "前台值班", "serviceKind": service_kind, "retired": false})),
    )
    .unwrap();
}

// ---- the writer (the child process) ----

/// The side file: one line per acknowledged write, written with a single write(2) on an
/// unbuffered `File` right after the core returned `Ok`. SIGKILL kills the process, not the
/// kernel: a completed write(2) is in the page cache and is read back by the parent, so no
/// fsync is needed (this test is about the process dying, not the machine).
struct Log(std::fs::File);

impl Log {
    fn line(&mut self, line: String) {
        self.0.write_all(format!("{line}\n").as_bytes()).unwrap();
    }
}

struct Writer {
    st: Station,
    clerk: StaffActor,
    log: Log,
    rng: Rng,
    residents: Vec<i64>,
    activities: Vec<i64>,
    consumables: Vec<i64>,
    assets: Vec<i64>,
    volunteers: Vec<i64>,
    position: i64,
}

impl Writer {
    fn conn(&self) -> &Connection {
        self.st.conn()
    }

    fn step(&mut self) {
        match self.rng.below(10) {
            0..=3 => self.booking(),
            4..=5 => self.stock(),
            6..=7 => self.loan(),
            8 => self.shift(),
            _ => self.claim(),
        }
    }

    /// Book (waitlist when full) or cancel a live booking of a random person.
    fn booking(&mut self) {
        let activity = self.activities[self.rng.below(self.activities.len())];
        let resident = self.residents[self.rng.below(self.residents.len())];
        let live: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM bookings WHERE activity_id = ?1 AND resident_id = ?2 AND status IN ('booked', 'waitlisted')",
                [activity, resident],
                |r| r.get(0),
            )
            .ok();
        match live {
            Some(id) => {
                // The only write whose unacknowledged completion changes an acknowledged
                // state (booked → cancelled): the checker allows it for this one id.
                self.log.line(format!("try-cancel {id}"));
                match self.st.booking_cancel(&self.clerk, id) {
                    Ok(out) => {
                        let promoted: Vec<String> = out.promoted.iter().map(|p| p.booking_id.to_string()).collect();
                        self.log.line(format!("cancel {id} {}", promoted.join(",")));
                    }
                    Err(_) => self.log.line(format!("refused-cancel {id}")),
                }
            }
            None => {
                let input = DeskBookingInput { activity_id: activity, resident_id: resident, join_waitlist: true };
                if let Ok(r) = self.st.booking_create(&self.clerk, &input) {
                    let status = if r.status == BookingStatus::Booked { "booked" } else { "waitlisted" };
                    self.log.line(format!("book {} {activity} {resident} {status}", r.booking_id));
                }
            }
        }
    }

    /// Receive or issue a consumable.
    fn stock(&mut self) {
        let item = self.consumables[self.rng.below(self.consumables.len())];
        let last = count(self.conn(), "SELECT COALESCE(MAX(id), 0) FROM inv_movements");
        let result = if self.rng.below(2) == 0 {
            let input = ReceiveInput {
                quantity: self.rng.between(1, 10),
                ..from_json(json!({"itemId": item, "quantity": 0, "source": "donation", "expiryDate": "2027-06-30",
                    "batchLabel": "", "assetCodes": [], "note": ""}))
            };
            self.st.inventory_receive(&self.clerk, &input).map(|d| (d, input.quantity))
        } else {
            let input = IssueInput {
                item_id: item,
                batch_id: None,
                quantity: self.rng.between(1, 6),
                recipient: "社区活动".into(),
                activity: String::new(),
                note: String::new(),
            };
            self.st.inventory_issue(&self.clerk, &input).map(|d| (d, -input.quantity))
        };
        // An issue takes the earliest expiry first and may span batches: one movement each.
        if let Ok((detail, quantity)) = result {
            let mut new: Vec<_> = detail.movements.iter().filter(|m| m.id > last).collect();
            new.sort_by_key(|m| m.id);
            assert_eq!(new.iter().map(|m| m.quantity).sum::<i64>(), quantity, "the item shows the new movements");
            let moves: Vec<String> = new.iter().map(|m| format!("{}:{}", m.id, m.quantity)).collect();
            self.log.line(format!("move {item} {}", moves.join(",")));
        }
    }

    /// Lend a unit or some of a consumable to a resident, or take back part of an open loan.
    fn loan(&mut self) {
        let open = ids(self.conn(), "SELECT id FROM inv_loans WHERE closed_at IS NULL ORDER BY id");
        if !open.is_empty() && self.rng.below(2) == 0 {
            let id = open[self.rng.below(open.len())];
            let input = ReturnInput {
                quantity: 1,
                ..from_json(json!({"loanId": id, "quantity": 1, "condition": "good", "note": ""}))
            };
            if let Ok(loan) = self.st.inventory_return(&self.clerk, &input) {
                self.log.line(format!("return {id} {}", loan.returned));
            }
            return;
        }
        let (item, asset, quantity) = if self.rng.below(2) == 0 {
            let item = self.assets[self.rng.below(self.assets.len())];
            let free = ids(self.conn(), &format!("SELECT id FROM inv_assets WHERE item_id = {item} AND on_hand = 1"));
            let Some(&unit) = free.first() else { return };
            (item, Some(unit), 1)
        } else {
            (self.consumables[self.rng.below(self.consumables.len())], None, self.rng.between(1, 3))
        };
        let input = LendInput {
            item_id: item,
            asset_id: asset,
            quantity,
            borrower_id: self.residents[self.rng.below(self.residents.len())],
            ..from_json(json!({"itemId": 0, "quantity": 0, "borrowerKind": "resident", "borrowerId": 0,
                "dueDate": "2026-12-10", "condition": "完好", "purpose": "居家使用"}))
        };
        if let Ok(loan) = self.st.inventory_lend(&self.clerk, &input) {
            self.log.line(format!("lend {} {item} {quantity}", loan.id));
        }
    }

    /// The duty roster as four acknowledged writes: a one-person shift on a past day, the
    /// volunteer assigned, signed in at 08:00 and out at a random minute (credits the ledger).
    /// Each volunteer has at most one shift a day, so assignments never overlap.
    fn shift(&mut self) {
        // A sign-in left open by the previous (killed) writer is signed out first.
        let open = ids(self.conn(), "SELECT assignment_id FROM attendance WHERE signed_out_at IS NULL");
        if let Some(&assignment) = open.first() {
            self.sign_out(assignment);
            return;
        }
        let shifts = count(self.conn(), "SELECT COUNT(*) FROM shifts");
        let volunteer = self.volunteers[shifts as usize % self.volunteers.len()];
        let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
            + chrono::Duration::days(shifts / self.volunteers.len() as i64);
        let input = ShiftCreateInput {
            position_id: self.position,
            day: day.to_string(),
            start: "08:00".into(),
            end: "12:00".into(),
            slots: 1,
        };
        let Ok(shift) = self.st.shift_create(&self.clerk, &input) else { return };
        self.log.line(format!("shift {}", shift.id));
        let input = AssignInput { shift_id: shift.id, volunteer_id: volunteer, override_reason: None };
        let Ok(assigned) = self.st.shift_assign(&self.clerk, &input) else { return };
        let assignment = assigned.shift.people[0].assignment_id;
        self.log.line(format!("assign {assignment} {}", shift.id));
        let input = AttendanceInput { assignment_id: assignment, at: Some("08:00".into()) };
        let Ok(attendance) = self.st.attendance_sign_in(&self.clerk, &input) else { return };
        self.log.line(format!("sign-in {attendance} {assignment}"));
        self.sign_out(assignment);
    }

    fn sign_out(&mut self, assignment: i64) {
        let at = format!("{:02}:{:02}", self.rng.between(8, 11), self.rng.between(1, 59));
        let input = AttendanceInput { assignment_id: assignment, at: Some(at) };
        if let Ok(minutes) = self.st.attendance_sign_out(&self.clerk, &input) {
            self.log.line(format!("sign-out {assignment} {minutes}"));
        }
    }

    /// Off-site hours recorded, then approved (the ledger entry) in a later step.
    fn claim(&mut self) {
        let pending = ids(self.conn(), "SELECT id FROM hour_claims WHERE status = 'pending' ORDER BY id");
        if let Some(&id) = pending.first() {
            let decision = ClaimDecision { id, approve: true, note: String::new() };
            if let Ok(claim) = self.st.hour_claim_decide(&self.clerk, &decision) {
                self.log.line(format!("approve {id} {}", claim.minutes));
            }
            return;
        }
        let input = ClaimInput {
            volunteer_id: self.volunteers[self.rng.below(self.volunteers.len())],
            service_day: "2026-11-20".into(),
            minutes: self.rng.between(10, 240),
            service_kind: "助老服务".into(),
            what: "陪同就医".into(),
            for_whom: String::new(),
        };
        if let Ok(claim) = self.st.hour_claim_record(&self.clerk, &input) {
            self.log.line(format!("claim {} {}", claim.id, claim.minutes));
        }
    }
}

/// Not a test on its own: the crash test runs it as its child process.
#[test]
#[ignore = "the writer child of acknowledged_writes_survive_sigkill; does nothing unless CRASH_CHILD is set"]
fn crash_writer_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else { return };
    let mut parts = spec.split('|');
    let (db, side, seed) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    let mut st = Station::open(Path::new(db)).expect("the writer reopens the crashed file");
    st.set_clock(clock());
    let clerk: StaffActor = st
        .conn()
        .query_row("SELECT id, display_name FROM staff WHERE username = 'clerk'", [], |r| {
            Ok(StaffActor { id: r.get(0)?, display_name: r.get(1)?, role: Role::Staff })
        })
        .unwrap();
    let c = st.conn();
    let residents = ids(c, "SELECT id FROM residents ORDER BY id");
    let activities = ids(c, "SELECT id FROM activities ORDER BY id");
    let consumables = ids(c, "SELECT id FROM inv_items WHERE kind = 'consumable' ORDER BY id");
    let assets = ids(c, "SELECT id FROM inv_items WHERE kind = 'asset' ORDER BY id");
    let volunteers = ids(c, "SELECT id FROM volunteers ORDER BY id");
    let position = ids(c, "SELECT id FROM duty_positions ORDER BY id")[0];
    let file = std::fs::OpenOptions::new().append(true).create(true).open(side).unwrap();
    let mut w = Writer {
        st,
        clerk,
        log: Log(file),
        rng: Rng(seed.parse().unwrap()),
        residents,
        activities,
        consumables,
        assets,
        volunteers,
        position,
    };
    w.log.line(format!("start {seed}"));
    loop {
        w.step();
    }
}

// ---- the checks (in the parent, after each kill) ----

/// What the acknowledged lines promise, replayed in order.
#[derive(Default)]
struct Acks {
    writes: usize,
    /// acknowledged writes by kind (book, cancel, move …), for the summary
    kinds: BTreeMap<String, usize>,
    /// booking id → (activity, resident, last acknowledged status)
    bookings: BTreeMap<i64, (i64, i64, &'static str)>,
    /// movement id → (item, quantity)
    movements: BTreeMap<i64, (i64, i64)>,
    /// loan id → (item, quantity lent, returned at least)
    loans: BTreeMap<i64, (i64, i64, i64)>,
    shifts: Vec<i64>,
    /// assignment id → shift
    assignments: BTreeMap<i64, i64>,
    /// attendance id → assignment
    sign_ins: BTreeMap<i64, i64>,
    /// assignment → credited minutes
    sign_outs: BTreeMap<i64, i64>,
    /// claim id → (minutes, approved)
    claims: BTreeMap<i64, (i64, bool)>,
    /// Bookings a killed writer may have cancelled without saying so (one per kill).
    in_flight_cancels: BTreeSet<i64>,
}

fn parse_acks(text: &str) -> Acks {
    let mut a = Acks::default();
    // A line is complete only with its newline (a write cut short cannot acknowledge).
    let complete = text.rfind('\n').map_or("", |end| &text[..end]);
    for line in complete.lines() {
        let f: Vec<&str> = line.split(' ').collect();
        let n = |i: usize| f[i].parse::<i64>().unwrap();
        match f[0] {
            "start" => continue,
            "try-cancel" => {
                a.in_flight_cancels.insert(n(1));
                continue;
            }
            "refused-cancel" => {
                a.in_flight_cancels.remove(&n(1));
                continue;
            }
            "book" => {
                let status = if f[4] == "booked" { "booked" } else { "waitlisted" };
                a.bookings.insert(n(1), (n(2), n(3), status));
            }
            "cancel" => {
                a.in_flight_cancels.remove(&n(1));
                // The booking itself, or one promoted, may be one whose creation committed
                // just before a kill and was never acknowledged: then there is nothing to update.
                if let Some(b) = a.bookings.get_mut(&n(1)) {
                    b.2 = "cancelled";
                }
                for p in f.get(2).map_or("", |s| s).split(',').filter(|s| !s.is_empty()) {
                    if let Some(b) = a.bookings.get_mut(&p.parse().unwrap()) {
                        b.2 = "booked";
                    }
                }
            }
            "move" => {
                for m in f[2].split(',') {
                    let (id, quantity) = m.split_once(':').unwrap();
                    a.movements.insert(id.parse().unwrap(), (n(1), quantity.parse().unwrap()));
                }
            }
            "lend" => {
                a.loans.insert(n(1), (n(2), n(3), 0));
            }
            "return" => {
                if let Some(l) = a.loans.get_mut(&n(1)) {
                    l.2 = l.2.max(n(2));
                }
            }
            "shift" => a.shifts.push(n(1)),
            "assign" => {
                a.assignments.insert(n(1), n(2));
            }
            "sign-in" => {
                a.sign_ins.insert(n(1), n(2));
            }
            "sign-out" => {
                a.sign_outs.insert(n(1), n(2));
            }
            "claim" => {
                a.claims.insert(n(1), (n(2), false));
            }
            "approve" => {
                a.claims.insert(n(1), (n(2), true));
            }
            other => panic!("unknown side-file line {other}"),
        }
        a.writes += 1;
        let kind = if f[0] == "book" { format!("book-{}", f[4]) } else { f[0].to_string() };
        *a.kinds.entry(kind).or_default() += 1;
    }
    a
}

/// Every acknowledged write is in the database. Returns the number checked.
fn check_acknowledged(c: &Connection, a: &Acks) -> usize {
    let mut lost = Vec::new();
    for (&id, &(activity, resident, status)) in &a.bookings {
        let row: Option<(i64, i64, String)> = c
            .query_row("SELECT activity_id, resident_id, status FROM bookings WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .ok();
        let Some((db_activity, db_resident, db_status)) = row else {
            lost.push(format!("booking {id}"));
            continue;
        };
        assert_eq!((db_activity, db_resident), (activity, resident), "booking {id}");
        let allowed: &[&str] = match status {
            // A waitlisted booking moves up whenever someone ahead cancels.
            "waitlisted" => &["waitlisted", "booked", "cancelled"],
            "booked" => &["booked", "cancelled"],
            _ => &["cancelled"],
        };
        // Only a cancel in flight at a kill may have left no acknowledgement; a
        // waitlisted booking is cancelled only by an acknowledged cancel of itself too.
        let unacked_cancel = db_status == "cancelled" && status != "cancelled" && !a.in_flight_cancels.contains(&id);
        if !allowed.contains(&db_status.as_str()) || unacked_cancel {
            lost.push(format!("booking {id}: acknowledged {status}, database {db_status}"));
        }
    }
    for (&id, &(item, quantity)) in &a.movements {
        let row: Option<(i64, i64)> = c
            .query_row("SELECT item_id, quantity FROM inv_movements WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .ok();
        if row != Some((item, quantity)) {
            lost.push(format!("movement {id}: acknowledged {item} {quantity:+}, database {row:?}"));
        }
    }
    for (&id, &(item, quantity, returned)) in &a.loans {
        let row: Option<(i64, i64, i64)> = c
            .query_row("SELECT item_id, quantity, returned + lost FROM inv_loans WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .ok();
        if !matches!(row, Some((i, q, back)) if i == item && q == quantity && back >= returned) {
            lost.push(format!("loan {id}: acknowledged {item} ×{quantity}, {returned} back; database {row:?}"));
        }
    }
    for &id in &a.shifts {
        if count(c, &format!("SELECT COUNT(*) FROM shifts WHERE id = {id}")) != 1 {
            lost.push(format!("shift {id}"));
        }
    }
    for (&id, &shift) in &a.assignments {
        if count(c, &format!("SELECT COUNT(*) FROM shift_assignments WHERE id = {id} AND shift_id = {shift}")) != 1 {
            lost.push(format!("assignment {id}"));
        }
    }
    for (&id, &assignment) in &a.sign_ins {
        if count(c, &format!("SELECT COUNT(*) FROM attendance WHERE id = {id} AND assignment_id = {assignment}")) != 1 {
            lost.push(format!("sign-in {id}"));
        }
    }
    for (&assignment, &minutes) in &a.sign_outs {
        let credited = count(
            c,
            &format!(
                "SELECT COALESCE((SELECT l.minutes FROM attendance t LEFT JOIN volunteer_ledger l ON l.id = t.ledger_entry_id
                 WHERE t.assignment_id = {assignment} AND t.signed_out_at IS NOT NULL), -1)"
            ),
        );
        // A sign-out with 0 minutes credited writes no ledger entry (-1 here).
        let closed = count(
            c,
            &format!(
                "SELECT COUNT(*) FROM attendance WHERE assignment_id = {assignment} AND signed_out_at IS NOT NULL"
            ),
        );
        if closed != 1 || (minutes > 0 && credited != minutes) {
            lost.push(format!("sign-out {assignment}: acknowledged {minutes} min, ledger {credited}"));
        }
    }
    for (&id, &(minutes, approved)) in &a.claims {
        let row: Option<(i64, String, Option<i64>)> = c
            .query_row(
                "SELECT c.minutes, c.status, l.minutes FROM hour_claims c
                 LEFT JOIN volunteer_ledger l ON l.id = c.ledger_entry_id WHERE c.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .ok();
        let ok = match &row {
            Some((m, status, ledger)) if *m == minutes => {
                !approved || (status == "approved" && *ledger == Some(minutes))
            }
            _ => false,
        };
        if !ok {
            lost.push(format!("claim {id}: acknowledged {minutes} min approved={approved}, database {row:?}"));
        }
    }
    assert!(lost.is_empty(), "acknowledged writes lost after SIGKILL:\n{}", lost.join("\n"));
    a.writes
}

fn check_invariants(c: &Connection) {
    let broken = station_core::invariants::broken(c);
    assert!(broken.is_empty(), "invariants broken: {broken:?}");
}

fn check(db: &Path, side: &Path) -> Acks {
    let c = Connection::open(db).unwrap();
    let findings: Vec<String> =
        c.prepare("PRAGMA integrity_check").unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
    assert_eq!(findings, ["ok"], "integrity_check after SIGKILL");
    check_invariants(&c);
    let acks = parse_acks(&std::fs::read_to_string(side).unwrap());
    check_acknowledged(&c, &acks);
    acks
}

/// Volunteer totals as the core reports them equal the ledger's sums.
fn check_totals(db: &Path) {
    let mut st = Station::open(db).unwrap();
    st.set_clock(clock());
    let clerk: StaffActor = st
        .conn()
        .query_row("SELECT id, display_name FROM staff WHERE username = 'clerk'", [], |r| {
            Ok(StaffActor { id: r.get(0)?, display_name: r.get(1)?, role: Role::Staff })
        })
        .unwrap();
    let sums: HashMap<i64, i64> = st
        .conn()
        .prepare("SELECT volunteer_id, SUM(minutes) FROM volunteer_ledger GROUP BY volunteer_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    for id in ids(st.conn(), "SELECT id FROM volunteers") {
        let v = st.volunteer_get(&clerk, id).unwrap();
        assert_eq!(v.total_minutes, sums.get(&id).copied().unwrap_or(0), "volunteer {id}'s total = Σ ledger");
    }
}

#[test]
fn acknowledged_writes_survive_sigkill() {
    let rounds: u32 = std::env::var("CRASH_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    let seed: u64 = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64
    });
    println!("crash harness: {rounds} rounds, seed {seed} (CRASH_SEED={seed} replays the kill times)");
    let started = Instant::now();
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let me = std::env::current_exe().unwrap();
    let (mut db, mut side) = (PathBuf::new(), PathBuf::new());
    let mut checked = 0;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for round in 0..rounds {
        if round % ROUNDS_PER_FILE == 0 {
            db = dir.path().join(format!("station-{round}.sqlite3"));
            side = dir.path().join(format!("acks-{round}.txt"));
            set_up(&db);
        }
        let before = std::fs::read_to_string(&side).map(|s| s.len()).unwrap_or(0);
        let stderr = std::fs::File::create(dir.path().join("writer.stderr")).unwrap();
        let mut child = Command::new(&me)
            .args(["--exact", WRITER_TEST, "--ignored", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, format!("{}|{}|{}", db.display(), side.display(), rng.next()))
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .unwrap();
        // The random moment counts from when the writer has opened the file and begun.
        let wait_from = Instant::now();
        while std::fs::read_to_string(&side).map(|s| s.len()).unwrap_or(0) == before {
            if let Some(status) = child.try_wait().unwrap() {
                panic!(
                    "writer exited early ({status}): {}",
                    std::fs::read_to_string(dir.path().join("writer.stderr")).unwrap()
                );
            }
            assert!(wait_from.elapsed() < Duration::from_secs(60), "the writer never started");
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(rng.between(50, 800) as u64));
        if let Some(status) = child.try_wait().unwrap() {
            panic!(
                "writer stopped by itself ({status}): {}",
                std::fs::read_to_string(dir.path().join("writer.stderr")).unwrap()
            );
        }
        // Child::kill is SIGKILL on Unix: no destructors, no rollback, no flush.
        child.kill().unwrap();
        child.wait().unwrap();
        let acks = check(&db, &side);
        let acked = acks.writes;
        let new = acked - parse_acks(&std::fs::read_to_string(&side).unwrap()[..before]).writes;
        println!("round {round}: {new} acknowledged writes this round, {acked} on this file, all present");
        checked += new;
        if round % ROUNDS_PER_FILE == ROUNDS_PER_FILE - 1 || round == rounds - 1 {
            check_totals(&db);
            for (kind, n) in acks.kinds {
                *kinds.entry(kind).or_default() += n;
            }
        }
    }
    println!(
        "crash harness: {rounds} rounds, {checked} acknowledged writes checked, lost = 0, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!("acknowledged by kind: {kinds:?}");
    assert!(checked > rounds as usize, "the writers acknowledged almost nothing: the harness tested nothing");
    if checked >= 300 {
        // Enough writes that every path (full activities, promotions, loans, hours) ran.
        for kind in ["book-booked", "book-waitlisted", "cancel", "move", "lend", "return", "sign-out", "approve"] {
            assert!(kinds.get(kind).is_some_and(|n| *n > 0), "no acknowledged {kind}: {kinds:?}");
        }
    }
}
