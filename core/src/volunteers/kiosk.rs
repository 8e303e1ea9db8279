//! The volunteer at the kiosk: identification by phone + a 4-digit PIN that staff set (a
//! number elderly volunteers already know, typed on a big keypad; no cards to lose, no
//! smartphone needed). Every wrong PIN is counted per phone and for the whole kiosk with
//! growing delays (`crate::guard`), and every refusal says the same words: whether the number
//! is on the roster, has a PIN, or the PIN was wrong is not told to whoever stands there.

use crate::error::{AppError, Result};
use crate::guard::{self, Scope, Verdict};
use crate::validate;
use chrono::Datelike;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// Who the kiosk is talking to: only a masked name ever goes back to the screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerIdentity {
    pub volunteer_id: i64,
    /// 王** — the kiosk greets with this.
    pub masked_name: String,
}

/// The one answer for an unknown number, a volunteer without a PIN, one who left, and a
/// wrong PIN.
fn wrong_pin() -> AppError {
    AppError::validation("pin", "手机号或签到密码不正确。还没有密码或忘记了，请到服务台请工作人员设置")
}

/// The current volunteer whose phone and PIN these are. Household members sharing a number
/// each have their own PIN; a member without a PIN is simply not a candidate (so the others
/// are not let off the throttle). A number with no candidate still costs one hash check.
pub fn volunteer_with_pin(conn: &Connection, phone: &str, pin: &str) -> Result<Verdict<VolunteerIdentity>> {
    let found = conn
        .prepare(
            "SELECT p.id, p.name, v.pin_hash FROM volunteer_people p JOIN volunteers v ON v.id = p.id
             WHERE p.phone = ?1 AND p.status <> 'left' AND v.pin_hash IS NOT NULL ORDER BY p.id",
        )?
        .query_map([phone], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if found.is_empty() {
        crate::staff::verify_password(pin, crate::activities::kiosk::dummy_hash());
        return Ok(Verdict::Wrong);
    }
    Ok(match found.into_iter().find(|(_, _, h)| crate::staff::verify_password(pin, h)) {
        Some((id, name, _)) => {
            Verdict::Right(VolunteerIdentity { volunteer_id: id, masked_name: validate::mask_name(&name) })
        }
        None => Verdict::Wrong,
    })
}

impl crate::Station {
    /// Identification in a transaction of its own, so a wrong PIN is counted (and a lock
    /// recorded) even though the caller then stops with the error.
    pub fn volunteer_kiosk_identify(&mut self, phone: &str, pin: &str) -> Result<VolunteerIdentity> {
        let phone = validate::phone("phone", phone)?;
        let pin = crate::activities::kiosk::pin_digits(pin)?;
        let scopes = [
            Scope { kind: guard::VOLUNTEER_PIN, key: &phone, policy: guard::PER_PHONE },
            Scope { kind: guard::KIOSK_PIN, key: guard::WHOLE, policy: guard::PER_KIOSK },
        ];
        self.guarded(&crate::Actor::Kiosk, &scopes, Some(&scopes[0]), wrong_pin(), |tx| {
            volunteer_with_pin(tx, &phone, &pin)
        })
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
