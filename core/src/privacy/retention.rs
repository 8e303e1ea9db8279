//! Retention (保存期限): an admin sets, per kind of record, how many months personal data is
//! kept once the record is over; past that it goes. Run automatically once a day (at start-up
//! and then daily) and from the desk's 个人信息保护 page after a preview. Each run that removed
//! anything is one audit entry with counts and record ids, never a name or phone.
//!
//! "Past the period" is strict: a record whose end lies exactly `months` ago is still kept.

use super::purge;
use crate::actor::{Actor, StaffActor};
use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use chrono::{DateTime, Months, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionSettings {
    /// Months after a resident was archived (moved away, left) before they are purged.
    pub archived_residents_months: u32,
    /// Months after a wish ended (completed, declined, cancelled, merged) before its
    /// requester's name and phone go.
    pub ended_wishes_months: u32,
    /// Months after a case was closed before its contact's name and phone go.
    pub closed_cases_months: u32,
    /// Months after an activity ended before its bookings (who signed up) go.
    pub past_bookings_months: u32,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings {
            archived_residents_months: 36,
            ended_wishes_months: 36,
            closed_cases_months: 60,
            past_bookings_months: 24,
        }
    }
}

/// The shortest and longest period an admin may set.
pub const MIN_MONTHS: u32 = 1;
pub const MAX_MONTHS: u32 = 240;

const KEYS: [(&str, &str, &str); 4] = [
    ("retention_archived_residents_months", "archivedResidentsMonths", "已归档居民"),
    ("retention_ended_wishes_months", "endedWishesMonths", "已结束的微心愿"),
    ("retention_closed_cases_months", "closedCasesMonths", "已结案的案件"),
    ("retention_past_bookings_months", "pastBookingsMonths", "已结束活动的预约"),
];

const LAST_RUN_KEY: &str = "retention_last_run";

impl RetentionSettings {
    fn values(&self) -> [u32; 4] {
        [self.archived_residents_months, self.ended_wishes_months, self.closed_cases_months, self.past_bookings_months]
    }

    fn from_values(v: [u32; 4]) -> RetentionSettings {
        RetentionSettings {
            archived_residents_months: v[0],
            ended_wishes_months: v[1],
            closed_cases_months: v[2],
            past_bookings_months: v[3],
        }
    }

    fn validate(&self) -> Result<()> {
        for ((_, field, label), months) in KEYS.iter().zip(self.values()) {
            if !(MIN_MONTHS..=MAX_MONTHS).contains(&months) {
                return Err(AppError::validation(
                    field,
                    format!("{label}的保存期限应在 {MIN_MONTHS} 到 {MAX_MONTHS} 个月之间"),
                ));
            }
        }
        Ok(())
    }
}

/// One resident the next run would purge (the desk's preview; the name masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionPerson {
    pub id: i64,
    pub masked_name: String,
    pub archived_at: String,
    /// Why this one cannot be purged yet (a volunteer, an open loan); None = it will be.
    pub blocked: Option<String>,
}

/// What a run would remove, without removing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionPreview {
    pub settings: RetentionSettings,
    pub residents: Vec<RetentionPerson>,
    pub wishes: u32,
    pub cases: u32,
    pub bookings: u32,
}

/// What a run removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RetentionReport {
    pub residents: u32,
    /// Residents past the period that could not be purged (see the preview's reasons).
    pub skipped: u32,
    pub wishes: u32,
    pub cases: u32,
    pub bookings: u32,
}

impl RetentionReport {
    fn is_empty(&self) -> bool {
        self.residents + self.wishes + self.cases + self.bookings == 0
    }
}

pub(crate) fn load(conn: &rusqlite::Connection) -> Result<RetentionSettings> {
    let mut v = RetentionSettings::default().values();
    for (i, (key, _, _)) in KEYS.iter().enumerate() {
        let stored: Option<String> =
            conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        if let Some(n) = stored.and_then(|s| s.parse::<u32>().ok()).filter(|n| (MIN_MONTHS..=MAX_MONTHS).contains(n)) {
            v[i] = n;
        }
    }
    Ok(RetentionSettings::from_values(v))
}

/// The instant `months` before `now` (a record that ended before it is past retention).
pub fn cutoff(now: DateTime<Utc>, months: u32) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(months)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

struct Cutoffs {
    residents: String,
    wishes: String,
    cases: String,
    /// local date: activities keep local minute strings
    bookings: String,
}

fn cutoffs(tx_now: DateTime<Utc>, tz: chrono_tz::Tz, s: &RetentionSettings) -> Cutoffs {
    Cutoffs {
        residents: clock::timestamp(cutoff(tx_now, s.archived_residents_months)),
        wishes: clock::timestamp(cutoff(tx_now, s.ended_wishes_months)),
        cases: clock::timestamp(cutoff(tx_now, s.closed_cases_months)),
        bookings: clock::local_date(cutoff(tx_now, s.past_bookings_months), tz).to_string(),
    }
}

const DUE_RESIDENTS: &str =
    "SELECT id, name, archived_at FROM residents WHERE archived_at IS NOT NULL AND archived_at < ?1 ORDER BY id";
const DUE_WISHES: &str = "FROM wishes WHERE state IN ('completed', 'declined', 'cancelled', 'merged')
       AND updated_at < ?1 AND (requester_name <> '' OR phone <> '' OR resident_id IS NOT NULL OR photo IS NOT NULL)";
const DUE_CASES: &str = "FROM cases WHERE status IN ('closed', 'archived') AND closed_at IS NOT NULL
       AND closed_at < ?1 AND (contact_name <> '' OR contact_phone <> '' OR resident_id IS NOT NULL)";
const DUE_BOOKINGS: &str = "FROM bookings WHERE activity_id IN (SELECT id FROM activities WHERE ends_at < ?1)";

fn count(conn: &rusqlite::Connection, from: &str, cutoff: &str) -> Result<u32> {
    Ok(conn.query_row(&format!("SELECT COUNT(*) {from}"), [cutoff], |r| r.get(0))?)
}

fn due_residents(conn: &rusqlite::Connection, cutoff: &str) -> Result<Vec<(i64, String, String)>> {
    Ok(conn
        .prepare(DUE_RESIDENTS)?
        .query_map([cutoff], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The run itself, inside the caller's transaction.
fn run_in(tx: &Tx, s: &RetentionSettings, photo_files: &mut Vec<String>) -> Result<RetentionReport> {
    let c = cutoffs(tx.now, tx.tz, s);
    let mut report = RetentionReport::default();
    let mut purged_ids = Vec::new();
    let mut skipped_ids = Vec::new();
    for (id, _, _) in due_residents(tx, &c.residents)? {
        match purge::purge_resident_in(tx, id) {
            Ok(p) => {
                photo_files.extend(p.photo_files);
                purged_ids.push(id);
            }
            // refused before it changed anything: a volunteer, an open loan
            Err(e) if e.code == ErrorCode::Conflict => skipped_ids.push(id),
            Err(e) => return Err(e),
        }
    }
    report.residents = purged_ids.len() as u32;
    report.skipped = skipped_ids.len() as u32;
    let wish_photos: Vec<String> = tx
        .prepare(&format!("SELECT photo {DUE_WISHES} AND photo IS NOT NULL"))?
        .query_map([&c.wishes], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    photo_files.extend(wish_photos);
    report.wishes = tx.execute(
        &format!(
            "UPDATE wishes SET requester_name = '', phone = '', resident_id = NULL, photo = NULL
             WHERE id IN (SELECT id {DUE_WISHES})"
        ),
        [&c.wishes],
    )? as u32;
    report.cases = tx.execute(
        &format!(
            "UPDATE cases SET contact_name = '', contact_phone = '', resident_id = NULL WHERE id IN (SELECT id {DUE_CASES})"
        ),
        [&c.cases],
    )? as u32;
    report.bookings = tx.execute(&format!("DELETE {DUE_BOOKINGS}"), [&c.bookings])? as u32;
    if !report.is_empty() || report.skipped > 0 {
        tx.audit("privacy", None, "retention", &report_words(&report, &purged_ids, &skipped_ids, s))?;
    }
    Ok(report)
}

fn ids_words(ids: &[i64]) -> String {
    const SHOWN: usize = 50;
    let mut w: Vec<String> = ids.iter().take(SHOWN).map(|i| format!("#{i}")).collect();
    if ids.len() > SHOWN {
        w.push(format!("等 {} 人", ids.len()));
    }
    w.join("、")
}

fn report_words(r: &RetentionReport, purged: &[i64], skipped: &[i64], s: &RetentionSettings) -> String {
    let mut words = format!(
        "保存期限到期清理（居民 {} 个月、心愿 {} 个月、案件 {} 个月、预约 {} 个月）：删除居民 {} 人",
        s.archived_residents_months, s.ended_wishes_months, s.closed_cases_months, s.past_bookings_months, r.residents
    );
    if !purged.is_empty() {
        words.push_str(&format!("（{}）", ids_words(purged)));
    }
    if !skipped.is_empty() {
        words.push_str(&format!("，暂不能删除 {} 人（{}，志愿者或有未还物资）", r.skipped, ids_words(skipped)));
    }
    words.push_str(&format!("；心愿 {} 条、案件 {} 件去除联系人信息；预约 {} 条删除", r.wishes, r.cases, r.bookings));
    words
}

impl Station {
    pub fn retention_settings(&self, _actor: &StaffActor) -> Result<RetentionSettings> {
        load(self.conn())
    }

    /// Admin only; bad periods name the field and change nothing.
    pub fn retention_settings_update(
        &mut self,
        actor: &StaffActor,
        input: &RetentionSettings,
    ) -> Result<RetentionSettings> {
        actor.require_admin()?;
        input.validate()?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            for ((key, _, _), months) in KEYS.iter().zip(input.values()) {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![key, months.to_string()],
                )?;
            }
            tx.audit(
                "settings",
                None,
                "retention",
                &format!(
                    "保存期限：已归档居民 {} 个月，微心愿 {} 个月，案件 {} 个月，预约 {} 个月",
                    input.archived_residents_months,
                    input.ended_wishes_months,
                    input.closed_cases_months,
                    input.past_bookings_months
                ),
            )
        })?;
        load(self.conn())
    }

    /// What a run now would remove (nothing is written).
    pub fn retention_preview(&self, _actor: &StaffActor) -> Result<RetentionPreview> {
        let s = load(self.conn())?;
        let c = cutoffs(self.now(), self.tz(), &s);
        let mut residents = Vec::new();
        for (id, name, archived_at) in due_residents(self.conn(), &c.residents)? {
            let blocked = match self.conn().query_row(
                "SELECT EXISTS (SELECT 1 FROM volunteers WHERE resident_id = ?1),
                        EXISTS (SELECT 1 FROM inv_loans WHERE borrower_kind = 'resident' AND borrower_id = ?1 AND closed_at IS NULL)",
                [id],
                |r| Ok((r.get::<_, bool>(0)?, r.get::<_, bool>(1)?)),
            )? {
                (true, _) => Some("在志愿者名册中".to_string()),
                (_, true) => Some("有未归还的物资".to_string()),
                _ => None,
            };
            residents.push(RetentionPerson { id, masked_name: super::audit_name(&name), archived_at, blocked });
        }
        Ok(RetentionPreview {
            settings: s,
            residents,
            wishes: count(self.conn(), DUE_WISHES, &c.wishes)?,
            cases: count(self.conn(), DUE_CASES, &c.cases)?,
            bookings: count(self.conn(), DUE_BOOKINGS, &c.bookings)?,
        })
    }

    /// The desk's 立即清理 after the preview: admin only.
    pub fn retention_run(&mut self, actor: &StaffActor) -> Result<RetentionReport> {
        actor.require_admin()?;
        self.retention_run_as(&Actor::Staff(actor.clone()))
    }

    /// The automatic run: at most once per local day (start-up, then the daily tick).
    /// None when it already ran today.
    pub fn retention_auto_if_due(&mut self) -> Result<Option<RetentionReport>> {
        let today = self.today().to_string();
        let last: Option<String> = self
            .conn()
            .query_row("SELECT value FROM settings WHERE key = ?1", [LAST_RUN_KEY], |r| r.get(0))
            .optional()?;
        if last.as_deref() == Some(today.as_str()) {
            return Ok(None);
        }
        // a station not set up yet has nothing to keep or remove
        let set_up: bool = self.conn().query_row("SELECT EXISTS (SELECT 1 FROM staff)", [], |r| r.get(0))?;
        if !set_up {
            return Ok(None);
        }
        self.retention_run_as(&Actor::System).map(Some)
    }

    fn retention_run_as(&mut self, actor: &Actor) -> Result<RetentionReport> {
        let s = load(self.conn())?;
        let mut photos = Vec::new();
        let report = self.write(actor, |tx| {
            let report = run_in(tx, &s, &mut photos)?;
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![LAST_RUN_KEY, tx.today().to_string()],
            )?;
            Ok(report)
        })?;
        purge::remove_photo_files(self.photo_dir().as_deref(), &photos);
        Ok(report)
    }
}
