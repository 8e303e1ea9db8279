//! Purging a resident: every copy of their name and phone goes, not only the register row.
//! Where they were copied to (each checked by `core/tests/purge_everywhere.rs`, which scans
//! every text column of every table afterwards):
//! - wishes they asked for (requester name and phone, the link, the photo, their name in the
//!   texts and in the wish's timeline notes);
//! - cases they reported (contact name and phone, the link, their name in the texts, the
//!   timeline, calls, feedback and follow-ups);
//! - bookings (activity sign-ups) and kiosk walk-in marks: deleted;
//! - the inventory ledger's party of their loans and issues, loan notes, reservations;
//! - venue requests they were the contact of, activities they organised (the name);
//! - the kiosk throttle keyed by their phone (unless someone else still uses that number);
//! - every audit entry's detail that still names them (entries written before issue 17).
//!
//! A phone shared with a household member who stays is kept in that member's records, and in
//! the throttle; a name is only replaced in free text when it is at least two characters long.

use super::MARK;
use crate::db::Tx;
use crate::error::{AppError, Result};
use rusqlite::{params, OptionalExtension};

/// A search key that matches no stored text (in place of a name or phone not to replace).
const NEVER: &str = "\u{FFFF}〔无〕\u{FFFF}";

/// What one purge changed, for the audit line (counts only).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Purged {
    pub bookings: i64,
    pub wishes: i64,
    pub cases: i64,
    pub audit_entries: i64,
    /// Photo files (wishes) to remove once the transaction has committed.
    pub photo_files: Vec<String>,
}

impl Purged {
    pub fn words(&self) -> String {
        format!(
            "预约 {} 条已删除，心愿 {} 条、案件 {} 件去除联系人信息，审计日志 {} 条隐去姓名电话",
            self.bookings, self.wishes, self.cases, self.audit_entries
        )
    }
}

/// `replace(replace(col, name, MARK), phone, MARK)` for a SQL column, with ?1 the name (or a
/// value that cannot occur when the name is too short to replace safely) and ?2 the phone.
fn scrub(col: &str) -> String {
    format!("replace(replace({col}, ?1, '{MARK}'), ?2, '{MARK}')")
}

fn touches(col: &str) -> String {
    format!("(instr({col}, ?1) > 0 OR instr({col}, ?2) > 0)")
}

/// Removes the resident and every copy of their personal data, inside the caller's
/// transaction. Refused (changing nothing) while they are a volunteer or hold a loan.
pub(crate) fn purge_resident_in(tx: &Tx, id: i64) -> Result<Purged> {
    let person: Option<(String, String)> = tx
        .query_row("SELECT name, phone FROM residents WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (name, phone) = person.ok_or_else(|| AppError::not_found("居民"))?;
    crate::residents::refuse_purge_while_in_use(tx, id)?;
    let mut out = Purged::default();
    // A one-character name would wreck every text it occurs in; NEVER occurs nowhere.
    let name_key = if name.chars().count() >= 2 { name.clone() } else { NEVER.to_string() };
    let phone_shared: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM residents WHERE phone = ?1 AND id <> ?2)
             OR EXISTS (SELECT 1 FROM volunteers WHERE phone = ?1)",
        params![phone, id],
        |r| r.get(0),
    )?;
    let phone_key = if phone_shared || phone.is_empty() { NEVER.to_string() } else { phone.clone() };
    let keys = params![name_key, phone_key];

    // Wishes: theirs by link, or by the same name and phone.
    let wish_ids: Vec<i64> = tx
        .prepare("SELECT id FROM wishes WHERE resident_id = ?1 OR (phone = ?2 AND requester_name = ?3)")?
        .query_map(params![id, phone, name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for w in &wish_ids {
        let photo: Option<String> = tx.query_row("SELECT photo FROM wishes WHERE id = ?1", [w], |r| r.get(0))?;
        out.photo_files.extend(photo);
        tx.execute(
            &format!(
                "UPDATE wishes SET requester_name = '', phone = '', resident_id = NULL, photo = NULL,
                     content = {}, fulfil_note = {}, rating_comment = {} WHERE id = ?3",
                scrub("content"),
                scrub("fulfil_note"),
                scrub("rating_comment")
            ),
            params![name_key, phone_key, w],
        )?;
        tx.execute(
            &format!("UPDATE wish_transitions SET note = {} WHERE wish_id = ?3 AND {}", scrub("note"), touches("note")),
            params![name_key, phone_key, w],
        )?;
    }
    out.wishes = wish_ids.len() as i64;

    // Cases: theirs by link, or by the same contact name and phone.
    let case_ids: Vec<i64> = tx
        .prepare("SELECT id FROM cases WHERE resident_id = ?1 OR (contact_phone = ?2 AND contact_name = ?3)")?
        .query_map(params![id, phone, name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for c in &case_ids {
        tx.execute(
            &format!(
                "UPDATE cases SET contact_name = '', contact_phone = '', resident_id = NULL,
                     title = {}, description = {}, place_text = {}, result = {} WHERE id = ?3",
                scrub("title"),
                scrub("description"),
                scrub("place_text"),
                scrub("result")
            ),
            params![name_key, phone_key, c],
        )?;
        for (table, col) in [
            ("case_transitions", "note"),
            ("case_calls", "note"),
            ("case_feedback", "content"),
            ("case_followups", "note"),
        ] {
            tx.execute(
                &format!("UPDATE {table} SET {col} = {} WHERE case_id = ?3 AND {}", scrub(col), touches(col)),
                params![name_key, phone_key, c],
            )?;
        }
    }
    out.cases = case_ids.len() as i64;

    // Bookings: the sign-ups go; a place they held goes to the waitlist.
    let held: Vec<i64> = tx
        .prepare("SELECT DISTINCT activity_id FROM bookings WHERE resident_id = ?1 AND status = 'booked'")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    out.bookings = tx.execute("DELETE FROM bookings WHERE resident_id = ?1", [id])? as i64;
    for a in held {
        crate::activities::bookings::promote_waitlist(tx, a)?;
    }
    tx.execute("DELETE FROM kiosk_walk_ins WHERE resident_id = ?1", [id])?;
    // off the party ledger (refused above while active): their party record stays, unlinked
    tx.execute("UPDATE party_members SET resident_id = NULL WHERE resident_id = ?1", [id])?;

    // Inventory: the ledger's party of their loans and of issues to them by name.
    tx.execute(
        &format!(
            "UPDATE inv_movements SET party = '{MARK}'
             WHERE party <> '{MARK}' AND (party = ?3 OR loan_id IN
                   (SELECT id FROM inv_loans WHERE borrower_kind = 'resident' AND borrower_id = ?4))"
        ),
        params![name_key, phone_key, name, id],
    )?;
    // the loan's purpose and condition are copied into its movements
    for col in ["activity", "reason"] {
        tx.execute(
            &format!(
                "UPDATE inv_movements SET {col} = {} WHERE {} AND loan_id IN
                     (SELECT id FROM inv_loans WHERE borrower_kind = 'resident' AND borrower_id = ?3)",
                scrub(col),
                touches(col)
            ),
            params![name_key, phone_key, id],
        )?;
    }
    tx.execute(
        &format!(
            "UPDATE inv_loans SET purpose = {}, condition_out = {} WHERE borrower_kind = 'resident' AND borrower_id = ?3",
            scrub("purpose"),
            scrub("condition_out")
        ),
        params![name_key, phone_key, id],
    )?;
    tx.execute(
        &format!(
            "UPDATE inv_loan_events SET note = {} WHERE {} AND loan_id IN
                 (SELECT id FROM inv_loans WHERE borrower_kind = 'resident' AND borrower_id = ?3)",
            scrub("note"),
            touches("note")
        ),
        params![name_key, phone_key, id],
    )?;
    tx.execute(
        &format!(
            "UPDATE inv_reservations SET note = {}, status = CASE status WHEN 'active' THEN 'cancelled' ELSE status END
             WHERE borrower_kind = 'resident' AND borrower_id = ?3",
            scrub("note")
        ),
        params![name_key, phone_key, id],
    )?;

    // Activities: venue requests they were the contact of; activities they organised.
    tx.execute(
        "UPDATE venue_requests SET contact_name = '', contact_phone = '' WHERE contact_name = ?1 AND contact_phone = ?2",
        params![name, phone],
    )?;
    tx.execute(
        &format!(
            "UPDATE activities SET organiser_name = {} WHERE {}",
            scrub("organiser_name"),
            touches("organiser_name")
        ),
        keys,
    )?;

    // The kiosk throttle is keyed by phone.
    if !phone_shared {
        tx.execute("DELETE FROM guess_throttle WHERE key = ?1", [&phone])?;
    }

    // The audit log: entries written before issue 17 may still name them.
    out.audit_entries = tx
        .execute(&format!("UPDATE audit_log SET detail = {} WHERE {}", scrub("detail"), touches("detail")), keys)?
        as i64;

    tx.execute("DELETE FROM residents WHERE id = ?1", [id])?;
    Ok(out)
}

/// Free text about to be written next to a purge (its reason): the person's name and phone
/// replaced by the marker.
pub(crate) fn scrub_text(text: &str, name: &str, phone: &str) -> String {
    let mut t = text.to_string();
    if name.chars().count() >= 2 {
        t = t.replace(name, MARK);
    }
    if !phone.is_empty() {
        t = t.replace(phone, MARK);
    }
    t
}

/// Removes the photo files a purge let go (after the commit: a failed purge keeps them).
pub(crate) fn remove_photo_files(dir: Option<&std::path::Path>, files: &[String]) {
    let Some(dir) = dir else { return };
    for f in files {
        // only plain file names, never a path out of the folder
        if f.is_empty() || f.contains(['/', '\\']) || f.contains("..") {
            continue;
        }
        if let Err(e) = std::fs::remove_file(dir.join(f)) {
            if e.kind() != std::io::ErrorKind::NotFound {
                eprintln!("could not remove purged photo {f}: {e}");
            }
        }
    }
}
