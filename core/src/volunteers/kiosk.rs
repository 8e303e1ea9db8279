//! The volunteer at the kiosk: identification by phone + a 4-digit PIN that staff set (a
//! number elderly volunteers already know, typed on a big keypad; no cards to lose, no
//! smartphone needed), with a lock after repeated wrong PINs.

use crate::error::{AppError, Result};
use crate::validate;
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
