//! The volunteer at the kiosk: identification by phone + a 4-digit PIN that staff set (a
//! number elderly volunteers already know, typed on a big keypad; no cards to lose, no
//! smartphone needed), with a lock after repeated wrong PINs.

use crate::error::{AppError, Result};
use crate::validate;
use chrono::Datelike;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// Wrong PINs in a row before the kiosk sign-in of that volunteer locks.
pub const MAX_PIN_FAILURES: i64 = 5;
/// How long the lock lasts.
pub const PIN_LOCK_MINUTES: i64 = 15;

/// Who the kiosk is talking to: only a masked name ever goes back to the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerIdentity {
    pub volunteer_id: i64,
    /// 王** — the kiosk greets with this.
    pub masked_name: String,
}

/// Identifies a volunteer at the kiosk by phone and PIN.
///
/// A wrong PIN is refused (field `pin`, Chinese message saying how many tries remain) and
/// counted on the volunteer's row; after [`MAX_PIN_FAILURES`] in a row their kiosk sign-in is
/// locked for [`PIN_LOCK_MINUTES`] minutes (even the right PIN is refused meanwhile); each
/// failure and each lock is written to the audit log. A volunteer who left cannot sign in.
///
/// The failure count is written through `conn`: if you call this inside your own write
/// transaction and then return its error, the count rolls back with it. Kiosk operations
/// should therefore identify first in a transaction of its own, as
/// `Station::volunteer_kiosk_identify` (or `Station::as_identified_volunteer`) does.
/// Time comes from the station's injectable clock (`station_now()` in SQL).
pub fn identify_volunteer(conn: &Connection, phone: &str, pin: &str) -> Result<VolunteerIdentity> {
    let phone = validate::phone("phone", phone)?;
    let pin = validate::half_width(pin.trim());
    let found = conn
        .prepare(
            "SELECT p.id, p.name, v.pin_hash, v.pin_failures, v.pin_locked_until
             FROM volunteer_people p JOIN volunteers v ON v.id = p.id
             WHERE p.phone = ?1 AND p.status <> 'left' ORDER BY p.id",
        )?
        .query_map([&phone], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // The roster keeps phones unique among current volunteers; a resident's phone changed in
    // the register could still collide, and then the PIN tells them apart.
    let Some(first) = found.first() else {
        return Err(AppError::validation("phone", "没有找到用这个手机号登记的志愿者，请到服务台登记"));
    };
    let now: String = conn.query_row("SELECT station_now()", [], |r| r.get(0))?;
    let candidates: Vec<_> = found.iter().filter(|c| c.2.is_some()).collect();
    if candidates.is_empty() {
        return Err(AppError::validation("pin", "您还没有设置签到密码，请到服务台请工作人员设置"));
    }
    if let Some(until) = candidates.iter().filter_map(|c| c.4.as_ref()).find(|until| until.as_str() > now.as_str()) {
        let minutes = minutes_between(&now, until).max(1);
        return Err(AppError::validation(
            "pin",
            format!("密码连续输错次数过多，自助签到已暂时锁定，请 {minutes} 分钟后再试，或请工作人员帮助"),
        ));
    }
    let matched = candidates
        .iter()
        .find(|c| pin.len() == 4 && c.2.as_deref().is_some_and(|h| crate::staff::verify_password(&pin, h)));
    if let Some((id, name, _, failures, locked)) = matched {
        if *failures > 0 || locked.is_some() {
            conn.execute("UPDATE volunteers SET pin_failures = 0, pin_locked_until = NULL WHERE id = ?1", [id])?;
        }
        return Ok(VolunteerIdentity { volunteer_id: *id, masked_name: validate::mask_name(name) });
    }
    let (id, failures) = (first.0, first.3 + 1);
    if failures >= MAX_PIN_FAILURES {
        let until = chrono::DateTime::parse_from_rfc3339(&now)
            .map(|t| crate::clock::timestamp((t + chrono::Duration::minutes(PIN_LOCK_MINUTES)).to_utc()))
            .map_err(AppError::internal)?;
        conn.execute(
            "UPDATE volunteers SET pin_failures = 0, pin_locked_until = ?1 WHERE id = ?2",
            params![until, id],
        )?;
        kiosk_audit(
            conn,
            &now,
            id,
            "pin_locked",
            &format!("连续 {failures} 次密码错误，锁定 {PIN_LOCK_MINUTES} 分钟"),
        )?;
        return Err(AppError::validation(
            "pin",
            format!("密码连续输错 {failures} 次，自助签到已锁定 {PIN_LOCK_MINUTES} 分钟，请稍后再试或请工作人员帮助"),
        ));
    }
    conn.execute("UPDATE volunteers SET pin_failures = ?1 WHERE id = ?2", params![failures, id])?;
    kiosk_audit(conn, &now, id, "pin_failed", &format!("第 {failures} 次密码错误"))?;
    Err(AppError::validation("pin", format!("密码不正确，还可以再试 {} 次", MAX_PIN_FAILURES - failures)))
}

fn minutes_between(from: &str, to: &str) -> i64 {
    match (chrono::DateTime::parse_from_rfc3339(from), chrono::DateTime::parse_from_rfc3339(to)) {
        (Ok(a), Ok(b)) => (b - a).num_seconds().div_euclid(60) + 1,
        _ => PIN_LOCK_MINUTES,
    }
}

/// `Tx::audit` needs a `Tx`; identification only holds a connection, and always acts as the kiosk.
fn kiosk_audit(conn: &Connection, at: &str, volunteer_id: i64, action: &str, detail: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor_kind, actor_name, entity, entity_id, action, detail)
         VALUES (?1, 'kiosk', '自助终端', 'volunteer', ?2, ?3, ?4)",
        params![at, volunteer_id, action, detail],
    )?;
    Ok(())
}

impl crate::Station {
    /// Identification in a transaction of its own, so a wrong PIN is counted (and a lock
    /// recorded) even though the caller then stops with the error.
    pub fn volunteer_kiosk_identify(&mut self, phone: &str, pin: &str) -> Result<VolunteerIdentity> {
        self.write(&crate::Actor::Kiosk, |tx| Ok(identify_volunteer(tx, phone, pin)))?
    }

    /// Identifies the volunteer (counted as above), then runs `f` for them in a second
    /// transaction as the kiosk.
    pub fn as_identified_volunteer<T>(
        &mut self,
        phone: &str,
        pin: &str,
        f: impl FnOnce(&crate::db::Tx, &VolunteerIdentity) -> Result<T>,
    ) -> Result<T> {
        let who = self.volunteer_kiosk_identify(phone, pin)?;
        self.write(&crate::Actor::Kiosk, |tx| f(tx, &who))
    }
}

/// The volunteer's own identification, sent with every kiosk request (the kiosk keeps no session).
#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskVolunteerAuth {
    pub phone: String,
    pub pin: String,
}

#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskTakeSlotInput {
    pub auth: KioskVolunteerAuth,
    pub shift_id: i64,
}

#[derive(Debug, Clone, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskReportInput {
    pub auth: KioskVolunteerAuth,
    /// YYYY-MM-DD
    pub service_day: String,
    pub minutes: i64,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskShift {
    pub shift_id: i64,
    pub position: String,
    pub day: String,
    pub start: String,
    pub end: String,
    pub open_slots: u32,
}

/// What a volunteer sees of themselves at the kiosk: their masked name, their own hours and
/// shifts, and the open slots. Nobody else's name or phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskVolunteerView {
    pub masked_name: String,
    /// The station's today (YYYY-MM-DD): the kiosk's "today / yesterday" choices use it.
    pub today: String,
    pub total_minutes: i64,
    pub month_minutes: i64,
    pub pending_claims: u32,
    /// Signed in now, not yet out.
    pub on_duty: Option<KioskShift>,
    /// A shift of theirs that may be signed in to now.
    pub can_sign_in: Option<KioskShift>,
    pub my_shifts: Vec<KioskShift>,
    pub open_slots: Vec<KioskShift>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskReceipt {
    /// QD-000012 (sign-in), QT- (sign-out), BM- (slot taken), SB- (hours reported)
    pub receipt_no: String,
    /// One sentence saying what happened.
    pub message: String,
}

/// Open slots are offered this many days ahead.
pub const KIOSK_DAYS_AHEAD: i64 = 14;

fn kiosk_shift(v: &super::shifts::ShiftView) -> KioskShift {
    KioskShift {
        shift_id: v.id,
        position: v.position.clone(),
        day: v.day.clone(),
        start: v.start.clone(),
        end: v.end.clone(),
        open_slots: v.open_slots,
    }
}

fn receipt(prefix: &str, id: i64, message: String) -> KioskReceipt {
    KioskReceipt { receipt_no: format!("{prefix}-{id:06}"), message }
}

/// The volunteer's assignment that may be signed in to at `now`, if any.
fn assignment_to_sign_in(
    tx: &rusqlite::Connection,
    volunteer_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<(i64, i64)>> {
    use rusqlite::OptionalExtension;
    let early = crate::clock::timestamp(now + chrono::Duration::minutes(super::attendance::EARLY_SIGN_IN_MINUTES));
    Ok(tx
        .query_row(
            "SELECT a.id, a.shift_id FROM shift_assignments a JOIN shifts s ON s.id = a.shift_id
             WHERE a.volunteer_id = ?1 AND a.removed_at IS NULL AND s.cancelled_at IS NULL
               AND s.starts_at <= ?2 AND s.ends_at > ?3
               AND NOT EXISTS (SELECT 1 FROM attendance t WHERE t.assignment_id = a.id)
             ORDER BY s.starts_at LIMIT 1",
            params![volunteer_id, early, crate::clock::timestamp(now)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

fn open_attendance(tx: &rusqlite::Connection, volunteer_id: i64) -> Result<Option<(i64, i64)>> {
    use rusqlite::OptionalExtension;
    Ok(tx
        .query_row(
            "SELECT a.id, a.shift_id FROM attendance t JOIN shift_assignments a ON a.id = t.assignment_id
             WHERE a.volunteer_id = ?1 AND t.signed_out_at IS NULL LIMIT 1",
            [volunteer_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

impl crate::Station {
    /// The kiosk's volunteer page after phone + PIN.
    pub fn volunteer_kiosk_view(&mut self, auth: &KioskVolunteerAuth) -> Result<KioskVolunteerView> {
        let who = self.as_identified_volunteer(&auth.phone, &auth.pin, |tx, who| {
            super::attendance::close_overdue(tx)?;
            Ok(who.clone())
        })?;
        let id = who.volunteer_id;
        let today = self.today();
        let now = self.now();
        let conn = self.conn();
        let total_minutes = super::ledger::total_minutes(conn, id)?;
        let month_start = today.with_day(1).unwrap_or(today).to_string();
        let month_minutes: i64 = conn.query_row(
            "SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger WHERE volunteer_id = ?1 AND service_day >= ?2",
            params![id, month_start],
            |r| r.get(0),
        )?;
        let pending_claims: u32 = conn.query_row(
            "SELECT COUNT(*) FROM hour_claims WHERE volunteer_id = ?1 AND status = 'pending'",
            [id],
            |r| r.get(0),
        )?;
        let on_duty = open_attendance(conn, id)?.map(|(_, s)| s);
        let can_sign_in = assignment_to_sign_in(conn, id, now)?.map(|(_, s)| s);
        let until = (today + chrono::Duration::days(KIOSK_DAYS_AHEAD)).to_string();
        let upcoming = self.shift_views(
            "s.day BETWEEN ?1 AND ?2 AND s.ends_at > ?3",
            params![today.to_string(), until, crate::clock::timestamp(now)],
        )?;
        let not_started = self.shift_views(
            "s.day BETWEEN ?1 AND ?2 AND s.starts_at > ?3",
            params![
                today.to_string(),
                (today + chrono::Duration::days(KIOSK_DAYS_AHEAD)).to_string(),
                crate::clock::timestamp(now)
            ],
        )?;
        let find = |sid: Option<i64>| sid.and_then(|sid| upcoming.iter().find(|v| v.id == sid)).map(kiosk_shift);
        let mine = |v: &&super::shifts::ShiftView| v.people.iter().any(|p| p.volunteer_id == id);
        Ok(KioskVolunteerView {
            masked_name: who.masked_name,
            today: today.to_string(),
            total_minutes,
            month_minutes,
            pending_claims,
            on_duty: match on_duty {
                Some(sid) => Some(find(Some(sid)).map_or_else(|| self.shift_view(sid).map(|v| kiosk_shift(&v)), Ok)?),
                None => None,
            },
            can_sign_in: find(can_sign_in),
            my_shifts: upcoming.iter().filter(mine).map(kiosk_shift).collect(),
            open_slots: not_started.iter().filter(|v| v.open_slots > 0 && !mine(v)).map(kiosk_shift).collect(),
        })
    }

    /// A volunteer takes an open slot themselves (no overrides at the kiosk; paused volunteers
    /// are sent to the desk).
    pub fn volunteer_kiosk_take_slot(&mut self, input: &KioskTakeSlotInput) -> Result<KioskReceipt> {
        let (id, shift_id) = self.as_identified_volunteer(&input.auth.phone, &input.auth.pin, |tx, who| {
            let status: String =
                tx.query_row("SELECT status FROM volunteers WHERE id = ?1", [who.volunteer_id], |r| r.get(0))?;
            if status == "paused" {
                return Err(AppError::new(
                    crate::error::ErrorCode::Conflict,
                    "您的志愿服务目前是暂停状态，请到服务台找工作人员",
                ));
            }
            let starts: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT starts_at FROM shifts WHERE id = ?1",
                [input.shift_id],
                |r| r.get(0),
            ))?;
            if starts.is_none_or(|s| s <= tx.now_str()) {
                return Err(AppError::new(
                    crate::error::ErrorCode::Conflict,
                    "这个班次已经开始或不存在，请选择其他班次",
                ));
            }
            let (id, _) = super::shifts::assign(
                tx,
                &super::shifts::AssignInput {
                    shift_id: input.shift_id,
                    volunteer_id: who.volunteer_id,
                    override_reason: None,
                },
                false,
            )?;
            Ok((id, input.shift_id))
        })?;
        let v = self.shift_view(shift_id)?;
        Ok(receipt(
            "BM",
            id,
            format!(
                "报名成功：{} {}–{}「{}」。",
                crate::clock::format_date_zh(parse_day(&v.day)?),
                v.start,
                v.end,
                v.position
            ),
        ))
    }

    pub fn volunteer_kiosk_sign_in(&mut self, auth: &KioskVolunteerAuth) -> Result<KioskReceipt> {
        let (attendance_id, shift_id) = self.as_identified_volunteer(&auth.phone, &auth.pin, |tx, who| {
            super::attendance::close_overdue(tx)?;
            if open_attendance(tx, who.volunteer_id)?.is_some() {
                return Err(AppError::new(crate::error::ErrorCode::Conflict, "您已经签到了，服务结束时请签退"));
            }
            let (assignment, shift) = assignment_to_sign_in(tx, who.volunteer_id, tx.now)?.ok_or_else(|| {
                AppError::new(crate::error::ErrorCode::Conflict, "您现在没有可以签到的班次（开始前 30 分钟内才能签到）")
            })?;
            Ok((super::attendance::sign_in(tx, assignment, tx.now)?, shift))
        })?;
        let v = self.shift_view(shift_id)?;
        let hm = self.now().with_timezone(&self.tz()).format("%H:%M").to_string();
        Ok(receipt(
            "QD",
            attendance_id,
            format!("签到成功：{hm} 开始「{}」值班（{}–{}）。", v.position, v.start, v.end),
        ))
    }

    pub fn volunteer_kiosk_sign_out(&mut self, auth: &KioskVolunteerAuth) -> Result<KioskReceipt> {
        let (attendance_id, minutes) = self.as_identified_volunteer(&auth.phone, &auth.pin, |tx, who| {
            let (assignment, _) = open_attendance(tx, who.volunteer_id)?
                .ok_or_else(|| AppError::new(crate::error::ErrorCode::Conflict, "您现在没有签到中的班次"))?;
            super::attendance::sign_out(tx, assignment, tx.now, "volunteer")
        })?;
        Ok(receipt("QT", attendance_id, format!("签退成功：本次记服务时长 {}。", super::format_minutes(minutes))))
    }

    /// Hours the volunteer reports themselves: they wait for staff approval.
    pub fn volunteer_kiosk_report(&mut self, input: &KioskReportInput) -> Result<KioskReceipt> {
        let (id, minutes) = self.as_identified_volunteer(&input.auth.phone, &input.auth.pin, |tx, who| {
            let claim = super::ledger::ClaimInput {
                volunteer_id: who.volunteer_id,
                service_day: input.service_day.clone(),
                minutes: input.minutes,
                service_kind: "其他服务".into(),
                what: input.what.clone(),
                for_whom: String::new(),
            };
            Ok((super::ledger::insert_claim(tx, "self", &claim)?, input.minutes))
        })?;
        Ok(receipt("SB", id, format!("已提交 {} 的服务时长，工作人员审核后计入。", super::format_minutes(minutes))))
    }
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(AppError::internal)
}
