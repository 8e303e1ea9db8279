//! The desk's login session: who is signed in, ended by logout or by the idle time-out.

use crate::actor::StaffActor;
use crate::error::{AppError, ErrorCode, Result};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Default)]
pub struct DeskSession {
    current: Option<Signed>,
}

#[derive(Debug)]
struct Signed {
    staff_id: i64,
    last_seen: DateTime<Utc>,
}

impl DeskSession {
    pub fn sign_in(&mut self, staff_id: i64, now: DateTime<Utc>) {
        self.current = Some(Signed { staff_id, last_seen: now });
    }

    pub fn sign_out(&mut self) {
        self.current = None;
    }

    /// The signed-in staff id if the session is still alive; renews it. A session idle
    /// longer than `idle_minutes` is ended here, so every staff command enforces the limit.
    pub fn touch(&mut self, now: DateTime<Utc>, idle_minutes: u32) -> Result<i64> {
        let Some(signed) = &mut self.current else {
            return Err(AppError::new(ErrorCode::Unauthenticated, "请先登录"));
        };
        if now - signed.last_seen > Duration::minutes(i64::from(idle_minutes)) {
            self.current = None;
            return Err(AppError::new(ErrorCode::SessionExpired, "长时间未操作，已自动退出登录，请重新登录"));
        }
        signed.last_seen = now;
        Ok(signed.staff_id)
    }

    pub fn staff_id(&self) -> Option<i64> {
        self.current.as_ref().map(|s| s.staff_id)
    }
}

/// Re-reads the account on every command: a disabled account loses its session at once.
pub fn current_staff(session: &mut DeskSession, station: &crate::Station, idle_minutes: u32) -> Result<StaffActor> {
    let id = session.touch(station.now(), idle_minutes)?;
    match station.active_staff(id) {
        Ok(actor) => Ok(actor),
        Err(e) => {
            session.sign_out();
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn idle_session_expires_and_activity_renews_it() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap();
        let mut s = DeskSession::default();
        assert_eq!(s.touch(t0, 30).unwrap_err().code, ErrorCode::Unauthenticated);
        s.sign_in(7, t0);
        assert_eq!(s.touch(t0 + Duration::minutes(29), 30).unwrap(), 7);
        // Renewed at minute 29, so minute 58 is still fine.
        assert_eq!(s.touch(t0 + Duration::minutes(58), 30).unwrap(), 7);
        let err = s.touch(t0 + Duration::minutes(89), 30).unwrap_err();
        assert_eq!(err.code, ErrorCode::SessionExpired);
        assert_eq!(s.touch(t0 + Duration::minutes(90), 30).unwrap_err().code, ErrorCode::Unauthenticated);
    }

    #[test]
    fn logout_ends_the_session() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap();
        let mut s = DeskSession::default();
        s.sign_in(1, t0);
        s.sign_out();
        assert!(s.staff_id().is_none());
        assert_eq!(s.touch(t0, 30).unwrap_err().code, ErrorCode::Unauthenticated);
    }

    #[test]
    fn a_disabled_account_loses_its_session() {
        let (mut st, admin, clerk) = crate::testing::station_with_admin();
        let mut s = DeskSession::default();
        s.sign_in(clerk.id, st.now());
        assert_eq!(current_staff(&mut s, &st, 30).unwrap().id, clerk.id);
        st.staff_set_disabled(&admin, &crate::staff::StaffDisableInput { staff_id: clerk.id, disabled: true }).unwrap();
        assert_eq!(current_staff(&mut s, &st, 30).unwrap_err().code, ErrorCode::AccountDisabled);
        assert!(s.staff_id().is_none());
    }
}
