//! Guesses at secrets, throttled: the one home for counting wrong kiosk PINs, rating codes,
//! the kiosk exit PIN and staff passwords. Rule of thumb: a key (a phone number, a user name,
//! or the whole kiosk / desk, `*`) gets a few free failures; every further failure locks that
//! key for a growing time (doubling, capped), on the station's clock. While a key is locked
//! nothing is checked at all — not even the right secret — so the lock costs the guesser time
//! whatever they type. A quiet spell forgets old failures; a success forgets the key's own
//! failures but never the kiosk-wide count (else a guesser would interleave their own PIN).
//!
//! The answer never depends on whether the phone or user exists: an unknown number is
//! counted, locked and refused exactly like a known one.

use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// The key that stands for the whole kiosk (or the whole desk PC).
pub const WHOLE: &str = "*";

/// How one kind of key is throttled.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures allowed before the first lock.
    pub free: i64,
    /// The first lock; each further failure doubles it.
    pub base_secs: i64,
    pub max_secs: i64,
    /// Failures older than this are forgotten.
    pub quiet_minutes: i64,
}

/// One counter a guess is charged to.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub kind: &'static str,
    pub key: &'a str,
    pub policy: Policy,
}

/// Per phone number: about 20 wrong PINs take a day (3 free, then 30 s doubling to 1 h).
pub const PER_PHONE: Policy = Policy { free: 3, base_secs: 30, max_secs: 3600, quiet_minutes: 24 * 60 };
/// The whole kiosk, all phones together: spraying many numbers is slowed too, while a
/// resident who meets a lock left by a guesser waits minutes, not hours.
pub const PER_KIOSK: Policy = Policy { free: 10, base_secs: 10, max_secs: 300, quiet_minutes: 30 };
/// Rating codes (6 digits, no phone): kiosk-wide.
pub const RATING_CODE: Policy = Policy { free: 5, base_secs: 30, max_secs: 1800, quiet_minutes: 60 };
/// The kiosk exit PIN: staff know it, so few free tries.
pub const KIOSK_EXIT: Policy = Policy { free: 3, base_secs: 30, max_secs: 1800, quiet_minutes: 24 * 60 };
/// A staff user name at the login screen.
pub const LOGIN_USER: Policy = Policy { free: 5, base_secs: 30, max_secs: 900, quiet_minutes: 24 * 60 };
/// The desk PC, all user names together.
pub const LOGIN_MACHINE: Policy = Policy { free: 20, base_secs: 10, max_secs: 300, quiet_minutes: 60 };

/// Kinds, and how the desk names them.
pub const RESIDENT_PIN: &str = "resident_pin";
pub const VOLUNTEER_PIN: &str = "volunteer_pin";
/// Every kiosk PIN (residents and volunteers) counted together for the whole kiosk.
pub const KIOSK_PIN: &str = "kiosk_pin";
pub const WISH_CODE: &str = "wish_code";
pub const EXIT_PIN: &str = "kiosk_exit";
pub const STAFF_LOGIN: &str = "login_user";
pub const DESK_LOGIN: &str = "login_machine";

fn kind_label(kind: &str) -> &'static str {
    match kind {
        RESIDENT_PIN => "居民预约密码",
        VOLUNTEER_PIN => "志愿者签到密码",
        KIOSK_PIN => "自助终端密码（全部号码）",
        WISH_CODE => "心愿评价码",
        EXIT_PIN => "自助终端退出密码",
        STAFF_LOGIN => "工作人员登录",
        DESK_LOGIN => "工作台登录（全部账号）",
        _ => "其他",
    }
}

/// How a key is shown on the desk: phones masked, user names as typed.
fn key_label(kind: &str, key: &str) -> String {
    if key == WHOLE {
        "全部".to_string()
    } else if kind == RESIDENT_PIN || kind == VOLUNTEER_PIN {
        validate::mask_phone(key)
    } else {
        key.to_string()
    }
}

fn wait_words(secs: i64) -> String {
    if secs < 60 {
        format!("{} 秒", secs.max(1))
    } else {
        format!("{} 分钟", (secs + 59) / 60)
    }
}

/// The refusal while a key is locked: the same words whoever the key stands for.
pub fn locked_error(secs: i64) -> AppError {
    AppError::new(ErrorCode::TooManyAttempts, format!("尝试次数过多，请 {}后再试，或请工作人员帮助", wait_words(secs)))
}

fn parse(ts: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(ts).ok().map(|t| t.to_utc())
}

/// Seconds left on the longest lock among `scopes`, if any is locked at `now`.
pub fn locked_for(conn: &rusqlite::Connection, now: DateTime<Utc>, scopes: &[Scope]) -> Result<Option<i64>> {
    let mut longest: Option<i64> = None;
    for s in scopes {
        let until: Option<Option<String>> = conn
            .query_row(
                "SELECT locked_until FROM guess_throttle WHERE kind = ?1 AND key = ?2",
                params![s.kind, s.key],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(until) = until.flatten().as_deref().and_then(parse) {
            let left = (until - now).num_seconds();
            if left > 0 {
                longest = Some(longest.map_or(left, |l| l.max(left)));
            }
        }
    }
    Ok(longest)
}

/// Charges one failure to every scope; returns the longest lock it started (seconds), if any.
/// A lock is written to the audit log (so lock-outs and bursts reach the desk).
pub fn record_failure(tx: &Tx, scopes: &[Scope]) -> Result<Option<i64>> {
    let now = tx.now;
    let mut longest: Option<i64> = None;
    for s in scopes {
        let row: Option<(i64, Option<String>)> = tx
            .query_row(
                "SELECT failures, last_failure_at FROM guess_throttle WHERE kind = ?1 AND key = ?2",
                params![s.kind, s.key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let quiet = Duration::minutes(s.policy.quiet_minutes);
        let failures = match row {
            Some((n, Some(last))) if parse(&last).is_some_and(|l| now - l <= quiet) => n + 1,
            _ => 1,
        };
        let over = failures - s.policy.free;
        let lock = (over > 0).then(|| {
            let doubled = s.policy.base_secs.saturating_mul(1i64 << (over - 1).min(30));
            doubled.min(s.policy.max_secs)
        });
        let until = lock.map(|secs| clock::timestamp(now + Duration::seconds(secs)));
        tx.execute(
            "INSERT INTO guess_throttle (kind, key, failures, last_failure_at, locked_until) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (kind, key) DO UPDATE SET failures = ?3, last_failure_at = ?4, locked_until = ?5",
            params![s.kind, s.key, failures, tx.now_str(), until],
        )?;
        if let Some(secs) = lock {
            tx.audit(
                "guard",
                None,
                "guess_locked",
                &format!(
                    "{}：{} 连续 {failures} 次错误，暂停 {}",
                    kind_label(s.kind),
                    key_label(s.kind, s.key),
                    wait_words(secs)
                ),
            )?;
            longest = Some(longest.map_or(secs, |l| l.max(secs)));
        }
    }
    Ok(longest)
}

/// A right answer forgets the key's own failures (never the kiosk-wide count).
pub fn record_success(tx: &Tx, scope: &Scope) -> Result<()> {
    tx.execute("DELETE FROM guess_throttle WHERE kind = ?1 AND key = ?2", params![scope.kind, scope.key])?;
    Ok(())
}

/// What a guarded check found.
pub enum Verdict<T> {
    Right(T),
    Wrong,
}

impl Station {
    /// Runs one guarded check in a transaction of its own, so a failure is counted (and a lock
    /// recorded) even though the caller then stops with the error. While any scope is locked
    /// `check` is not even called. On a wrong answer the caller gets `wrong` (the same words
    /// for a known and an unknown key), or the lock message once the failure started a lock.
    /// `own` is the scope a success resets (the phone or user name), if any.
    pub fn guarded<T>(
        &mut self,
        actor: &crate::Actor,
        scopes: &[Scope],
        own: Option<&Scope>,
        wrong: AppError,
        check: impl FnOnce(&Tx) -> Result<Verdict<T>>,
    ) -> Result<T> {
        self.write(actor, |tx| {
            if let Some(secs) = locked_for(tx, tx.now, scopes)? {
                return Ok(Err(locked_error(secs)));
            }
            match check(tx)? {
                Verdict::Right(value) => {
                    if let Some(own) = own {
                        record_success(tx, own)?;
                    }
                    Ok(Ok(value))
                }
                Verdict::Wrong => Ok(Err(match record_failure(tx, scopes)? {
                    Some(secs) => {
                        AppError { message: format!("{}。{}", wrong.message, locked_error(secs).message), ..wrong }
                    }
                    None => wrong,
                })),
            }
        })?
    }

    /// What the desk home shows: keys locked now, and keys (phones, the whole kiosk) that
    /// failed more than their free tries within their quiet spell — a burst.
    pub fn guard_alerts(&self, _actor: &crate::StaffActor) -> Result<GuardAlerts> {
        let now = self.now();
        let rows: Vec<ThrottleRow> = self
            .conn()
            .prepare(
                "SELECT kind, key, failures, last_failure_at, locked_until FROM guess_throttle
                 ORDER BY last_failure_at DESC LIMIT 200",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = Vec::new();
        for (kind, key, failures, last, until) in rows {
            let policy = policy_of(&kind);
            let recent =
                last.as_deref().and_then(parse).is_some_and(|l| now - l <= Duration::minutes(policy.quiet_minutes));
            let locked_secs = until.as_deref().and_then(parse).map(|u| (u - now).num_seconds()).filter(|s| *s > 0);
            if !(recent && failures > policy.free) && locked_secs.is_none() {
                continue;
            }
            items.push(GuardAlert {
                what: kind_label(&kind).to_string(),
                who: key_label(&kind, &key),
                failures: failures as u32,
                last_failure_at: last.unwrap_or_default(),
                locked_until: locked_secs.and(until),
                whole: key == WHOLE,
            });
            if items.len() >= 30 {
                break;
            }
        }
        let walk_ins = crate::activities::kiosk::recent_walk_ins(self.conn(), now)?;
        Ok(GuardAlerts { items, walk_ins })
    }

    /// An admin lifts a lock (a resident who locked themselves out is at the desk).
    pub fn guard_clear(&mut self, actor: &crate::StaffActor) -> Result<u32> {
        actor.require_admin()?;
        self.write(&crate::Actor::Staff(actor.clone()), |tx| {
            let now = tx.now_str();
            let n = tx.execute("DELETE FROM guess_throttle WHERE locked_until > ?1", [&now])?;
            tx.audit("guard", None, "clear", &format!("解除 {n} 个锁定"))?;
            Ok(n as u32)
        })
    }
}

/// kind, key, failures, last failure, locked until
type ThrottleRow = (String, String, i64, Option<String>, Option<String>);

fn policy_of(kind: &str) -> Policy {
    match kind {
        RESIDENT_PIN | VOLUNTEER_PIN => PER_PHONE,
        KIOSK_PIN => PER_KIOSK,
        WISH_CODE => RATING_CODE,
        EXIT_PIN => KIOSK_EXIT,
        STAFF_LOGIN => LOGIN_USER,
        _ => LOGIN_MACHINE,
    }
}

/// A lock or a burst of failures, for the desk home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuardAlert {
    /// 居民预约密码, 心愿评价码 …
    pub what: String,
    /// The phone masked (138****1234), the user name, or 全部.
    pub who: String,
    pub failures: u32,
    pub last_failure_at: String,
    /// Set while locked.
    pub locked_until: Option<String>,
    /// The counter of the whole kiosk or desk (many phones or names together): a burst.
    pub whole: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuardAlerts {
    pub items: Vec<GuardAlert>,
    /// Walk-ins registered at the kiosk in the last 7 days, for staff to check.
    pub walk_ins: Vec<crate::activities::kiosk::KioskWalkIn>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::station_with_admin;
    use chrono::TimeZone;

    const PHONE: Policy = PER_PHONE;

    fn try_once(st: &mut Station, key: &str, right: bool) -> Result<()> {
        let scopes = [Scope { kind: RESIDENT_PIN, key, policy: PHONE }];
        st.guarded(
            &crate::Actor::Kiosk,
            &scopes,
            Some(&scopes[0]),
            AppError::validation("pin", "手机号或密码不正确"),
            |_| Ok(if right { Verdict::Right(()) } else { Verdict::Wrong }),
        )
    }

    #[test]
    fn delays_grow_after_the_free_tries_and_a_lock_refuses_even_the_right_answer() {
        let (mut st, _, _) = station_with_admin();
        let t0 = Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap();
        st.set_clock(crate::clock::Clock::Fixed(t0));
        for _ in 0..3 {
            assert_eq!(try_once(&mut st, "13800000001", false).unwrap_err().code, ErrorCode::Validation);
        }
        let fourth = try_once(&mut st, "13800000001", false).unwrap_err();
        assert!(fourth.message.contains("30 秒"), "{}", fourth.message);
        assert_eq!(try_once(&mut st, "13800000001", true).unwrap_err().code, ErrorCode::TooManyAttempts);
        st.set_clock(crate::clock::Clock::Fixed(t0 + Duration::seconds(31)));
        let fifth = try_once(&mut st, "13800000001", false).unwrap_err();
        assert!(fifth.message.contains("1 分钟"), "{}", fifth.message);
        st.set_clock(crate::clock::Clock::Fixed(t0 + Duration::seconds(92)));
        try_once(&mut st, "13800000001", true).unwrap();
        // A success forgets the phone's failures.
        assert_eq!(try_once(&mut st, "13800000001", false).unwrap_err().code, ErrorCode::Validation);
        let locks: i64 = st
            .conn()
            .query_row("SELECT COUNT(*) FROM audit_log WHERE action = 'guess_locked'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(locks, 2);
    }
}
