//! The activities at the kiosk, in a public room: a phone number is not an identity. Anything
//! personal — "my bookings", cancel, check-in, book in someone's name — needs the phone **and**
//! the resident's own 4-digit kiosk PIN (set at the desk, or picked by a walk-in when
//! registering). Until both are right the answer is the same for a known and an unknown number,
//! and every wrong PIN is throttled per phone and for the whole kiosk (`crate::guard`).
//! Walk-ins registered here are limited per hour and listed on the desk for staff.
//!
//! Why a PIN rather than the booking's receipt code (README, "Security"): elderly residents
//! already use a 4-digit PIN daily (bank cards, the volunteers' sign-in here), it is one thing to
//! remember for every booking and screen, and a paper slip is easily lost or left behind.

use super::bookings::{
    book, cancel, check_in, receipt_of, waitlist_position, window_refusal, BookingResult, BookingStatus,
    CHECK_IN_EARLY_MINUTES, KIOSK_DAYS_AHEAD,
};
use super::schedule::ActivityStatus;
use super::{minute_str, parse_minute, split_span};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::guard::{self, Scope, Verdict};
use crate::residents;
use crate::validate;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

/// New residents a kiosk may register in one hour; more are sent to the desk.
pub const WALK_INS_PER_HOUR: i64 = 5;

/// Phone and PIN: what every personal kiosk request carries (the kiosk keeps no session).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskPinInput {
    pub phone: String,
    /// 4 digits
    pub pin: String,
}

/// Who the kiosk is talking to, once phone and PIN were right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskIdentity {
    /// 王**
    pub masked_name: String,
    pub phone_masked: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskWalkInInput {
    pub phone: String,
    pub name: String,
    pub building_id: i64,
    /// The PIN the walk-in picks (4 digits), for their later visits.
    pub pin: String,
    /// The version of the personal-information notice the walk-in read and agreed to on
    /// screen (`privacy::NOTICE_VERSION`); stored with their consent.
    #[serde(default)]
    pub notice_version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskBuilding {
    pub id: i64,
    /// 阳光花园 3号楼
    pub label: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskBookInput {
    pub phone: String,
    pub pin: String,
    pub activity_id: i64,
    pub join_waitlist: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskBookingRef {
    pub phone: String,
    pub pin: String,
    pub booking_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskActivity {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub venue_name: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub starts_at: String,
    pub capacity: u32,
    pub places_left: u32,
    pub waitlisted: u32,
    pub full: bool,
    /// Booking (or the waitlist) is open right now.
    pub bookable: bool,
    /// Why not, in words (报名已截止 …).
    pub not_bookable_reason: Option<String>,
    pub description: String,
    pub min_age: Option<u32>,
    pub this_week: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskBooking {
    pub booking_id: i64,
    pub receipt: String,
    pub activity_id: i64,
    pub title: String,
    pub venue_name: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    pub status: BookingStatus,
    pub waitlist_position: Option<u32>,
    pub can_cancel: bool,
    pub can_check_in: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskBookings {
    pub masked_name: String,
    pub items: Vec<KioskBooking>,
}

/// The desk sets (or clears, with an empty PIN) a resident's kiosk PIN.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentPinInput {
    pub resident_id: i64,
    /// 4 digits, or empty to remove the PIN
    pub pin: String,
}

/// A walk-in registered at the kiosk, for staff to check (the desk sees names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskWalkIn {
    pub resident_id: i64,
    pub name: String,
    pub phone_masked: String,
    pub at: String,
    /// The number was already registered to another resident: check it is not a stranger.
    pub phone_known: bool,
}

/// The one answer for a wrong PIN and an unknown number alike.
fn wrong_pin() -> AppError {
    AppError::validation("pin", "手机号或密码不正确。还没有密码或忘记了，请到服务台请工作人员设置")
}

/// A 4-digit PIN as typed on the keypad (full-width digits tolerated). Its shape is checked
/// before anything is looked up, so a bad shape says nothing about the number.
pub(crate) fn pin_digits(pin: &str) -> Result<String> {
    let pin: String = validate::half_width(pin).chars().filter(|c| !c.is_whitespace()).collect();
    if pin.len() != 4 || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::validation("pin", "请输入 4 位数字密码"));
    }
    Ok(pin)
}

/// A new PIN: 4 digits, and not one a neighbour would guess first (1111, 1234, 4321 …).
pub(crate) fn new_pin(pin: &str) -> Result<String> {
    let pin = pin_digits(pin)?;
    let d: Vec<i32> = pin.bytes().map(|b| i32::from(b - b'0')).collect();
    let step = d[1] - d[0];
    if step.abs() <= 1 && d.windows(2).all(|w| w[1] - w[0] == step) {
        return Err(AppError::validation("pin", "密码太容易被猜到（如 1111、1234），请换 4 个不连续的数字"));
    }
    Ok(pin)
}

/// A PIN hash (public for the benchmarks, which give residents a PIN). Argon2 with light parameters: a 4-digit PIN has 10,000 values, so no hash
/// makes an offline guess slow — the online throttle is the defence — while the default
/// parameters would add ≈ 20 ms to every kiosk booking.
pub fn hash_pin(pin: &str) -> Result<String> {
    use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
    let params = argon2::Params::new(1024, 1, 1, None).map_err(AppError::internal)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let salt = SaltString::generate(&mut OsRng);
    argon.hash_password(pin.as_bytes(), &salt).map(|h| h.to_string()).map_err(AppError::internal)
}

/// A hash checked when a number has no PIN at all, so that case takes as long as a wrong PIN.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_pin("0000").unwrap_or_default())
}

pub(crate) fn pin_scopes(phone: &str) -> [Scope<'_>; 2] {
    [
        Scope { kind: guard::RESIDENT_PIN, key: phone, policy: guard::PER_PHONE },
        Scope { kind: guard::KIOSK_PIN, key: guard::WHOLE, policy: guard::PER_KIOSK },
    ]
}

/// The resident whose phone and PIN these are (household members sharing a number each have
/// their own PIN).
fn resident_with_pin(conn: &Connection, phone: &str, pin: &str) -> Result<Verdict<(i64, String)>> {
    let candidates: Vec<(i64, String, String)> = conn
        .prepare(
            "SELECT id, name, kiosk_pin_hash FROM residents
             WHERE phone = ?1 AND archived_at IS NULL AND kiosk_pin_hash IS NOT NULL ORDER BY id",
        )?
        .query_map([phone], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if candidates.is_empty() {
        crate::staff::verify_password(pin, dummy_hash());
        return Ok(Verdict::Wrong);
    }
    Ok(match candidates.into_iter().find(|(_, _, h)| crate::staff::verify_password(pin, h)) {
        Some((id, name, _)) => Verdict::Right((id, name)),
        None => Verdict::Wrong,
    })
}

/// Walk-ins of the last 7 days, newest first (the desk home).
pub(crate) fn recent_walk_ins(conn: &Connection, now: DateTime<Utc>) -> Result<Vec<KioskWalkIn>> {
    let since = crate::clock::timestamp(now - Duration::days(7));
    Ok(conn
        .prepare(
            "SELECT w.resident_id, r.name, r.phone, w.at, w.phone_known FROM kiosk_walk_ins w
             JOIN residents r ON r.id = w.resident_id WHERE w.at >= ?1 ORDER BY w.at DESC, w.id DESC LIMIT 30",
        )?
        .query_map([since], |r| {
            let phone: String = r.get(2)?;
            Ok(KioskWalkIn {
                resident_id: r.get(0)?,
                name: r.get(1)?,
                phone_masked: validate::mask_phone(&phone),
                at: r.get(3)?,
                phone_known: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// One of a resident's bookings as the kiosk lists it, before the flags are worked out.
struct OwnBooking {
    id: i64,
    activity_id: i64,
    title: String,
    venue_name: String,
    starts_at: String,
    ends_at: String,
    status: String,
    activity_status: String,
}

fn kiosk_booking_rows(conn: &Connection, resident_id: i64, now: &str, only: Option<i64>) -> Result<Vec<KioskBooking>> {
    let today = now.get(..10).unwrap_or_default().to_string();
    let rows: Vec<OwnBooking> = conn
        .prepare(
            "SELECT b.id, a.id, a.title, v.name, a.starts_at, a.ends_at, b.status, a.status
             FROM bookings b JOIN activities a ON a.id = b.activity_id JOIN venues v ON v.id = a.venue_id
             WHERE b.resident_id = ?1 AND (?3 IS NOT NULL AND b.id = ?3
                   OR ?3 IS NULL AND a.ends_at >= ?2 AND b.status IN ('booked', 'waitlisted', 'attended'))
             ORDER BY a.starts_at LIMIT 50",
        )?
        .query_map(params![resident_id, today, only], |r| {
            Ok(OwnBooking {
                id: r.get(0)?,
                activity_id: r.get(1)?,
                title: r.get(2)?,
                venue_name: r.get(3)?,
                starts_at: r.get(4)?,
                ends_at: r.get(5)?,
                status: r.get(6)?,
                activity_status: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for OwnBooking { id, activity_id, title, venue_name, starts_at, ends_at, status, activity_status } in rows {
        let (date, start_time, end_time) = split_span(&starts_at, &ends_at);
        let status = BookingStatus::parse(&status);
        let live = activity_status != "cancelled";
        let check_in_from = parse_minute(&starts_at).map(|s| minute_str(s - Duration::minutes(CHECK_IN_EARLY_MINUTES)));
        out.push(KioskBooking {
            booking_id: id,
            receipt: receipt_of(id),
            activity_id,
            title,
            venue_name,
            date,
            start_time,
            end_time,
            waitlist_position: if status == BookingStatus::Waitlisted {
                Some(waitlist_position(conn, activity_id, id)?)
            } else {
                None
            },
            can_cancel: live
                && matches!(status, BookingStatus::Booked | BookingStatus::Waitlisted)
                && starts_at.as_str() > now,
            can_check_in: live
                && status == BookingStatus::Booked
                && check_in_from.is_some_and(|f| f.as_str() <= now)
                && ends_at.as_str() > now,
            status,
        });
    }
    Ok(out)
}

impl Station {
    /// Phone + PIN → the resident, counted and throttled (a transaction of its own, so a
    /// wrong PIN is counted whatever the command then says).
    fn kiosk_resident(&mut self, phone: &str, pin: &str) -> Result<(i64, String)> {
        let phone = validate::phone("phone", phone)?;
        let pin = pin_digits(pin)?;
        let scopes = pin_scopes(&phone);
        // Retried like the booking itself: at rush hour the check must not fail because
        // someone else was writing at the same instant.
        let mut attempt = 0u32;
        loop {
            let r = self.guarded(&Actor::Kiosk, &scopes, Some(&scopes[0]), wrong_pin(), |tx| {
                resident_with_pin(tx, &phone, &pin)
            });
            match r {
                Err(e) if e.code == ErrorCode::Busy && attempt < 50 => {
                    attempt += 1;
                    std::thread::sleep(std::time::Duration::from_millis(5 + u64::from(attempt) * 10));
                }
                other => return other,
            }
        }
    }

    /// The kiosk's "who are you": the masked name once phone and PIN are right; otherwise the
    /// same refusal for a known and an unknown number.
    pub fn kiosk_identify(&mut self, input: &KioskPinInput) -> Result<KioskIdentity> {
        let (_, name) = self.kiosk_resident(&input.phone, &input.pin)?;
        let phone = validate::phone("phone", &input.phone)?;
        Ok(KioskIdentity { masked_name: validate::mask_name(&name), phone_masked: validate::mask_phone(&phone) })
    }

    /// Buildings for the walk-in registration (places only, no one's data).
    pub fn kiosk_buildings(&self) -> Result<Vec<KioskBuilding>> {
        Ok(self
            .conn()
            .prepare(
                "SELECT b.id, c.name || ' ' || b.name FROM buildings b JOIN compounds c ON c.id = b.compound_id
                 ORDER BY c.name, length(b.name), b.name",
            )?
            .query_map([], |r| Ok(KioskBuilding { id: r.get(0)?, label: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// A walk-in registers (name, building, a PIN of their choosing); staff complete the record
    /// later. A number already registered gets a new record of its own all the same — nothing
    /// says the number was known, and the new record is not the neighbour's — and the desk sees
    /// it flagged. At most [`WALK_INS_PER_HOUR`] an hour.
    pub fn kiosk_register(&mut self, input: &KioskWalkInInput) -> Result<KioskIdentity> {
        crate::privacy::consent::check_notice("noticeVersion", &input.notice_version)?;
        let phone = validate::phone("phone", &input.phone)?;
        let pin = new_pin(&input.pin)?;
        let hash = hash_pin(&pin)?;
        let name = self.write(&Actor::Kiosk, |tx| {
            let hour_ago = crate::clock::timestamp(tx.now - Duration::hours(1));
            let recent: i64 =
                tx.query_row("SELECT COUNT(*) FROM kiosk_walk_ins WHERE at > ?1", [&hour_ago], |r| r.get(0))?;
            if recent >= WALK_INS_PER_HOUR {
                return Err(AppError::new(
                    ErrorCode::TooManyAttempts,
                    "本终端登记新居民的次数已达上限，请到服务台找工作人员登记",
                ));
            }
            let known: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM residents WHERE phone = ?1 AND archived_at IS NULL)",
                [&phone],
                |r| r.get(0),
            )?;
            let id = residents::register_walk_in(tx, &input.name, &phone, input.building_id)?;
            tx.execute("UPDATE residents SET kiosk_pin_hash = ?1 WHERE id = ?2", params![hash, id])?;
            tx.execute(
                "INSERT INTO kiosk_walk_ins (resident_id, at, phone_known) VALUES (?1, ?2, ?3)",
                params![id, tx.now_str(), known],
            )?;
            tx.execute("UPDATE residents SET consent_date = ?1 WHERE id = ?2", params![tx.today().to_string(), id])?;
            crate::privacy::consent::record(tx, Some(id), None, crate::privacy::ConsentScope::Register, true)?;
            let flag = if known { "（该号码已有登记，请核实）" } else { "" };
            tx.audit("resident", Some(id), "kiosk_walk_in", &format!("自助终端登记新居民{flag}"))?;
            Ok(tx.query_row("SELECT name FROM residents WHERE id = ?1", [id], |r| r.get::<_, String>(0))?)
        })?;
        Ok(KioskIdentity { masked_name: validate::mask_name(&name), phone_masked: validate::mask_phone(&phone) })
    }

    /// Upcoming activities open to residents, soonest (this week) first.
    pub fn kiosk_activities(&self) -> Result<Vec<KioskActivity>> {
        let now_dt = self.local_now();
        let now = minute_str(now_dt);
        let until = minute_str(now_dt + Duration::days(KIOSK_DAYS_AHEAD));
        let week_end = super::bookings::week_start(now_dt.date()) + Duration::days(7);
        let activities: Vec<super::Activity> = self
            .conn()
            .prepare(&format!(
                "{} WHERE a.starts_at > ?1 AND a.starts_at < ?2 AND a.status IN ('open', 'closed')
                 ORDER BY a.starts_at LIMIT 100",
                super::schedule::ACTIVITY_SELECT
            ))?
            .query_map(params![now, until], super::schedule::activity_from)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(activities
            .into_iter()
            .map(|a| {
                let refusal = match a.status {
                    ActivityStatus::Closed => Some("报名已截止".to_string()),
                    _ => window_refusal(&a.booking_opens_at, &a.booking_closes_at, &a.starts_at, &now),
                };
                KioskActivity {
                    this_week: NaiveDate::parse_from_str(&a.date, "%Y-%m-%d").is_ok_and(|d| d < week_end),
                    id: a.id,
                    places_left: a.capacity.saturating_sub(a.booked),
                    full: a.booked >= a.capacity,
                    bookable: refusal.is_none(),
                    not_bookable_reason: refusal,
                    title: a.title,
                    category: a.category,
                    venue_name: a.venue_name,
                    date: a.date,
                    start_time: a.start_time,
                    end_time: a.end_time,
                    starts_at: a.starts_at,
                    capacity: a.capacity,
                    waitlisted: a.waitlisted,
                    description: a.description,
                    min_age: a.min_age,
                }
            })
            .collect())
    }

    /// Books (or waitlists) the resident whose phone and PIN these are. The concurrency-safe
    /// path: one IMMEDIATE transaction, retried when the database is busy.
    pub fn kiosk_book(&mut self, input: &KioskBookInput) -> Result<BookingResult> {
        let (resident_id, _) = self.kiosk_resident(&input.phone, &input.pin)?;
        self.write_retrying(&Actor::Kiosk, |tx| book(tx, input.activity_id, resident_id, input.join_waitlist, "kiosk"))
    }

    /// "My bookings": the person's own upcoming bookings only.
    pub fn kiosk_bookings(&mut self, input: &KioskPinInput) -> Result<KioskBookings> {
        let (resident_id, name) = self.kiosk_resident(&input.phone, &input.pin)?;
        let now = minute_str(self.local_now());
        Ok(KioskBookings {
            masked_name: validate::mask_name(&name),
            items: kiosk_booking_rows(self.conn(), resident_id, &now, None)?,
        })
    }

    fn kiosk_own(&mut self, input: &KioskBookingRef, f: impl Fn(&Tx, i64) -> Result<()>) -> Result<KioskBooking> {
        let (resident_id, _) = self.kiosk_resident(&input.phone, &input.pin)?;
        self.write_retrying(&Actor::Kiosk, |tx| f(tx, resident_id))?;
        let now = minute_str(self.local_now());
        kiosk_booking_rows(self.conn(), resident_id, &now, Some(input.booking_id))?
            .pop()
            .ok_or_else(|| AppError::not_found("预约"))
    }

    pub fn kiosk_cancel(&mut self, input: &KioskBookingRef) -> Result<KioskBooking> {
        self.kiosk_own(input, |tx, me| cancel(tx, input.booking_id, Some(me)).map(|_| ()))
    }

    pub fn kiosk_check_in(&mut self, input: &KioskBookingRef) -> Result<KioskBooking> {
        self.kiosk_own(input, |tx, me| check_in(tx, input.booking_id, true, Some(me)))
    }

    /// The desk sets a resident's kiosk PIN (told to them, or typed by them at the desk), or
    /// removes it. Audited without the PIN; the resident's own lock (if any) is lifted.
    pub fn resident_set_kiosk_pin(&mut self, actor: &StaffActor, input: &ResidentPinInput) -> Result<()> {
        let hash = if input.pin.trim().is_empty() { None } else { Some(hash_pin(&new_pin(&input.pin)?)?) };
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let phone: Option<String> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT phone FROM residents WHERE id = ?1",
                [input.resident_id],
                |r| r.get(0),
            ))?;
            let phone = phone.ok_or_else(|| AppError::not_found("居民"))?;
            tx.execute("UPDATE residents SET kiosk_pin_hash = ?1 WHERE id = ?2", params![hash, input.resident_id])?;
            guard::record_success(tx, &pin_scopes(&phone)[0])?;
            let what = if hash.is_some() { "设置自助终端密码" } else { "取消自助终端密码" };
            tx.audit("resident", Some(input.resident_id), "kiosk_pin", what)
        })
    }
}
