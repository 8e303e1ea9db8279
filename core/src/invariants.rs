//! The rules every station's data obeys whatever was done to it, as SQL: each query counts
//! the rows that break its rule (0 = holds). One list for everyone who checks: the city
//! generator's tests, the crash test after a SIGKILL (core/tests/crash.rs) and the command
//! fuzzer after every call it got through (core/tests/fuzz_commands.rs).

pub const INVARIANTS: &[(&str, &str)] = &[
    (
        "stock = sum of movements (items)",
        "SELECT COUNT(*) FROM inv_items i WHERE i.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.item_id = i.id)",
    ),
    (
        "stock = sum of movements (batches)",
        "SELECT COUNT(*) FROM inv_batches b WHERE b.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.batch_id = b.id)",
    ),
    (
        "stock = sum of movements (asset units)",
        "SELECT COUNT(*) FROM inv_assets a WHERE a.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.asset_id = a.id)",
    ),
    ("stock never negative", "SELECT (SELECT COUNT(*) FROM inv_items WHERE on_hand < 0) + (SELECT COUNT(*) FROM inv_batches WHERE on_hand < 0)"),
    (
        "a loan's movements = what is still out",
        "SELECT COUNT(*) FROM inv_loans l WHERE (SELECT -SUM(quantity) FROM inv_movements m WHERE m.loan_id = l.id)
           <> CASE WHEN l.closed_at IS NULL THEN l.quantity - l.returned - l.lost ELSE l.lost END",
    ),
    (
        "an asset on loan is not on hand",
        "SELECT COUNT(*) FROM inv_loans l JOIN inv_assets a ON a.id = l.asset_id WHERE l.closed_at IS NULL AND a.on_hand <> 0",
    ),
    (
        "bookings within capacity",
        "SELECT COUNT(*) FROM activities a WHERE (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id
           AND b.status IN ('booked', 'attended', 'no_show')) > a.capacity",
    ),
    (
        "a waitlist only on a full activity",
        "SELECT COUNT(*) FROM activities a WHERE EXISTS (SELECT 1 FROM bookings b WHERE b.activity_id = a.id AND b.status = 'waitlisted')
           AND (SELECT COUNT(*) FROM bookings b WHERE b.activity_id = a.id AND b.status IN ('booked', 'attended', 'no_show')) < a.capacity",
    ),
    (
        "past activities hold no open bookings",
        "SELECT COUNT(*) FROM bookings b JOIN activities a ON a.id = b.activity_id
           WHERE a.status = 'held' AND b.status IN ('booked', 'waitlisted')",
    ),
    (
        // (a booking its resident had cancelled, or attended, keeps what it was)
        "a cancelled activity holds no open bookings",
        "SELECT COUNT(*) FROM bookings b JOIN activities a ON a.id = b.activity_id
           WHERE a.status = 'cancelled' AND b.status IN ('booked', 'waitlisted')",
    ),
    (
        // (unless an admin forced the clash, with a reason)
        "no room double-booked",
        "SELECT COUNT(*) FROM activities a JOIN activities b ON a.venue_id = b.venue_id AND a.id < b.id
           AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at AND a.status <> 'cancelled' AND b.status <> 'cancelled'
           AND a.override_reason IS NULL AND b.override_reason IS NULL",
    ),
    (
        "every approved claim is in the ledger with its minutes",
        "SELECT COUNT(*) FROM hour_claims c LEFT JOIN volunteer_ledger l ON l.id = c.ledger_entry_id
           WHERE c.status = 'approved' AND (l.id IS NULL OR l.minutes <> c.minutes OR l.volunteer_id <> c.volunteer_id)",
    ),
    (
        "no unapproved claim in the ledger (a corrected amount re-enters an approved claim whose entry was reversed)",
        "SELECT COUNT(*) FROM volunteer_ledger l WHERE l.source IN ('offsite', 'self')
           AND NOT EXISTS (SELECT 1 FROM hour_claims c WHERE c.id = l.source_id AND c.status = 'approved'
                            AND (c.ledger_entry_id = l.id
                                 OR EXISTS (SELECT 1 FROM volunteer_ledger r WHERE r.reverses_id = c.ledger_entry_id)))",
    ),
    (
        "wish credits = the helpers' credited hours",
        // a reversed credit is history: the helper row points at the entry that replaced it
        "SELECT COUNT(*) FROM volunteer_ledger l WHERE l.source = 'wish'
           AND NOT EXISTS (SELECT 1 FROM volunteer_ledger r WHERE r.reverses_id = l.id) AND NOT EXISTS (SELECT 1 FROM wish_helpers h
           WHERE h.ledger_entry_id = l.id AND h.wish_id = l.source_id AND h.credited_minutes = l.minutes AND h.volunteer_id = l.volunteer_id)",
    ),
    (
        "credited only on completion",
        "SELECT COUNT(*) FROM wish_helpers h JOIN wishes w ON w.id = h.wish_id
           WHERE (w.state = 'completed') <> (h.ledger_entry_id IS NOT NULL)",
    ),
    (
        "a wish's state is its last transition's",
        "SELECT COUNT(*) FROM wishes w WHERE w.state <> (SELECT t.to_state FROM wish_transitions t WHERE t.wish_id = w.id ORDER BY t.id DESC LIMIT 1)",
    ),
    (
        "each wish transition starts where the previous ended",
        "SELECT COUNT(*) FROM wish_transitions t JOIN wish_transitions p ON p.wish_id = t.wish_id
           AND p.id = (SELECT MAX(id) FROM wish_transitions q WHERE q.wish_id = t.wish_id AND q.id < t.id)
           WHERE t.from_state IS NOT p.to_state OR t.at < p.at",
    ),
    (
        "a wish starts with its posting",
        "SELECT COUNT(*) FROM wishes w WHERE (SELECT action || ':' || to_state FROM wish_transitions t WHERE t.wish_id = w.id ORDER BY id LIMIT 1) <> 'post:submitted'",
    ),
    (
        "claimed wishes have one lead helper and a promised date",
        "SELECT COUNT(*) FROM wishes w WHERE w.state IN ('claimed', 'fulfilled', 'completed') AND w.merged_into IS NULL
           AND w.id IN (SELECT wish_id FROM wish_transitions WHERE action IN ('claim', 'assign'))
           AND ((SELECT COUNT(*) FROM wish_helpers h WHERE h.wish_id = w.id AND h.is_lead = 1) <> 1 OR w.promised_date IS NULL)",
    ),
    (
        "completed wishes have their dates",
        "SELECT COUNT(*) FROM wishes WHERE state = 'completed' AND (completed_at IS NULL OR fulfilled_at IS NULL)",
    ),
    (
        "a case's status is its last transition's",
        "SELECT COUNT(*) FROM cases c WHERE c.status <> COALESCE((SELECT t.to_status FROM case_transitions t WHERE t.case_id = c.id ORDER BY t.id DESC LIMIT 1), 'reported')",
    ),
    (
        "closed cases have their steps' times",
        "SELECT COUNT(*) FROM cases WHERE status IN ('closed', 'archived')
           AND (accepted_at IS NULL OR resolved_at IS NULL OR closed_at IS NULL OR closed_at < accepted_at)",
    ),
    (
        "a case's level is its last transition's",
        "SELECT COUNT(*) FROM cases c WHERE c.level <> (SELECT t.to_level FROM case_transitions t WHERE t.case_id = c.id ORDER BY t.id DESC LIMIT 1)",
    ),
    ("deadlines after intake", "SELECT COUNT(*) FROM cases WHERE accept_due <= created_at OR resolve_due <= created_at"),
    (
            "a unit is in the station or with at most one borrower",
            "SELECT COUNT(*) FROM inv_assets a WHERE a.on_hand NOT IN (0, 1)
               OR a.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.asset_id = a.id)
               OR (SELECT COUNT(*) FROM inv_loans l WHERE l.asset_id = a.id AND l.closed_at IS NULL) + a.on_hand > 1",
        ),
    (
            "returned ≤ lent, and the ledger agrees with every loan",
            "SELECT COUNT(*) FROM inv_loans l WHERE l.returned + l.lost > l.quantity
               OR -(SELECT SUM(quantity) FROM inv_movements m WHERE m.loan_id = l.id AND m.kind = 'lend') <> l.quantity
               OR (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.loan_id = l.id AND m.kind = 'return') <> l.returned
               OR ((l.closed_at IS NULL) = (l.returned + l.lost = l.quantity))",
        ),
    (
            "one live booking per person and activity",
            "SELECT COUNT(*) FROM (SELECT 1 FROM bookings WHERE status IN ('booked', 'waitlisted', 'attended')
               GROUP BY activity_id, resident_id HAVING COUNT(*) > 1)",
        ),
    (
            "a signed-out shift's ledger entry is its time within the shift",
            "SELECT COUNT(*) FROM attendance t JOIN shift_assignments a ON a.id = t.assignment_id
               JOIN shifts s ON s.id = a.shift_id LEFT JOIN volunteer_ledger l ON l.id = t.ledger_entry_id
             WHERE t.signed_out_at IS NOT NULL AND COALESCE(l.minutes, 0) <> MAX(0, CAST(ROUND(
               (julianday(MIN(t.signed_out_at, s.ends_at)) - julianday(MAX(t.signed_in_at, s.starts_at))) * 1440) AS INTEGER))",
        ),
    (
        "every shift entry in the ledger comes from one sign-out",
        "SELECT COUNT(*) FROM volunteer_ledger l WHERE l.source = 'shift'
           AND (SELECT COUNT(*) FROM attendance t WHERE t.ledger_entry_id = l.id) <> 1",
    ),
    // 党务 (issue 19)
    (
        "a member on the ledger sits in a live branch, and their 党小组 under it",
        "SELECT COUNT(*) FROM party_members m JOIN party_orgs b ON b.id = m.org_id
           LEFT JOIN party_orgs g ON g.id = m.group_id
          WHERE m.status = 'active' AND (b.level <> 'branch' OR b.dissolved_on IS NOT NULL
                OR (m.group_id IS NOT NULL AND (g.parent_id <> b.id OR g.level <> 'group')))",
    ),
    (
        "every member came onto the ledger by an event",
        "SELECT COUNT(*) FROM party_members m WHERE NOT EXISTS (SELECT 1 FROM party_member_events e WHERE e.member_id = m.id)",
    ),
    (
        "at most one live dues payment a member and month",
        "SELECT COUNT(*) FROM (SELECT member_id, month FROM party_dues_payments WHERE voided_at IS NULL
           GROUP BY member_id, month HAVING COUNT(*) > 1)",
    ),
    (
        "an approved meeting has its attendance and its approver",
        "SELECT COUNT(*) FROM party_meetings m WHERE m.state = 'approved' AND (m.approved_at IS NULL
           OR NOT EXISTS (SELECT 1 FROM party_meeting_attendance a WHERE a.meeting_id = m.id))",
    ),
    (
        "a meeting's room is held by its approved booking",
        "SELECT COUNT(*) FROM party_meetings m LEFT JOIN venue_requests r ON r.id = m.venue_request_id
          WHERE m.venue_id IS NOT NULL AND (r.id IS NULL OR r.status <> 'approved' OR r.venue_id <> m.venue_id)",
    ),
];

/// The rules `conn` breaks, each with the number of rows that break it (foreign keys left
/// dangling count as one rule); a rule that cannot be checked counts as broken.
pub fn violations(conn: &rusqlite::Connection) -> Vec<(String, i64)> {
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    let mut broken: Vec<(String, i64)> = INVARIANTS
        .iter()
        .filter_map(|(what, sql)| match count(sql) {
            Ok(0) => None,
            Ok(n) => Some((what.to_string(), n)),
            Err(e) => Some((format!("{what}: {e}"), i64::MAX)),
        })
        .collect();
    match count("SELECT COUNT(*) FROM pragma_foreign_key_check") {
        Ok(0) => {}
        Ok(n) => broken.push(("dangling foreign keys".to_string(), n)),
        Err(e) => broken.push((format!("foreign_key_check: {e}"), i64::MAX)),
    }
    broken
}

/// `violations` as text, for an assertion message (empty when every rule holds).
pub fn broken(conn: &rusqlite::Connection) -> Vec<String> {
    violations(conn).into_iter().map(|(what, n)| format!("{what} ({n} rows)")).collect()
}
