//! Station settings: name, community, address, the desk's idle time-out and time zone.

use crate::actor::{Actor, StaffActor};
use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub station_name: String,
    pub community: String,
    pub address: String,
    /// A desk session ends after this many minutes without a command.
    pub idle_minutes: u32,
    pub timezone: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            station_name: String::new(),
            community: String::new(),
            address: String::new(),
            idle_minutes: 30,
            timezone: clock::DEFAULT_TIMEZONE.to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskInfo {
    pub station_name: String,
    pub community: String,
}

pub(crate) fn store(tx: &Tx, s: &Settings) -> Result<()> {
    let pairs = [
        ("station_name", s.station_name.clone()),
        ("community", s.community.clone()),
        ("address", s.address.clone()),
        ("idle_minutes", s.idle_minutes.to_string()),
        ("timezone", s.timezone.clone()),
    ];
    for (key, value) in pairs {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
    }
    tx.audit("settings", None, "update", &s.station_name)
}

fn validated(input: &Settings) -> Result<Settings> {
    let station_name = validate::required_text("stationName", "服务站名称", &input.station_name, 60)?;
    let community = validate::required_text("community", "所属社区", &input.community, 60)?;
    let address = validate::optional_text("address", "地址", &input.address, 120)?;
    if !(1..=480).contains(&input.idle_minutes) {
        return Err(AppError::validation("idleMinutes", "自动退出时间应在 1 到 480 分钟之间"));
    }
    if clock::parse_timezone(&input.timezone).is_none() {
        return Err(AppError::validation("timezone", format!("无法识别的时区「{}」", input.timezone)));
    }
    Ok(Settings {
        station_name,
        community,
        address,
        idle_minutes: input.idle_minutes,
        timezone: input.timezone.clone(),
    })
}

impl Station {
    pub fn settings(&self) -> Result<Settings> {
        let mut s = Settings::default();
        let mut stmt = self.conn().prepare("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (key, value) = row?;
            match key.as_str() {
                "station_name" => s.station_name = value,
                "community" => s.community = value,
                "address" => s.address = value,
                "idle_minutes" => s.idle_minutes = value.parse().unwrap_or(s.idle_minutes),
                "timezone" => s.timezone = value,
                _ => {}
            }
        }
        Ok(s)
    }

    pub fn settings_update(&mut self, actor: &StaffActor, input: &Settings) -> Result<Settings> {
        actor.require_admin()?;
        let settings = validated(input)?;
        self.write(&Actor::Staff(actor.clone()), |tx| store(tx, &settings))?;
        self.reload_timezone()?;
        self.settings()
    }

    /// The only station facts the kiosk may read.
    pub fn kiosk_info(&self) -> Result<KioskInfo> {
        let s = self.settings()?;
        Ok(KioskInfo { station_name: s.station_name, community: s.community })
    }
}

#[cfg(test)]
mod tests {
    use crate::error::ErrorCode;
    use crate::testing::station_with_admin;

    #[test]
    fn admin_updates_settings_and_timezone_takes_effect() {
        let (mut st, admin, _) = station_with_admin();
        let mut s = st.settings().unwrap();
        s.idle_minutes = 10;
        s.timezone = "Asia/Urumqi".into();
        let saved = st.settings_update(&admin, &s).unwrap();
        assert_eq!(saved.idle_minutes, 10);
        assert_eq!(st.tz().name(), "Asia/Urumqi");
    }

    #[test]
    fn bad_settings_name_the_field_and_change_nothing() {
        let (mut st, admin, _) = station_with_admin();
        let before = st.settings().unwrap();
        let mut s = before.clone();
        s.idle_minutes = 0;
        assert_eq!(st.settings_update(&admin, &s).unwrap_err().field.as_deref(), Some("idleMinutes"));
        let mut s = before.clone();
        s.timezone = "Mars/Olympus".into();
        assert_eq!(st.settings_update(&admin, &s).unwrap_err().field.as_deref(), Some("timezone"));
        let mut s = before.clone();
        s.station_name = "  ".into();
        assert_eq!(st.settings_update(&admin, &s).unwrap_err().field.as_deref(), Some("stationName"));
        assert_eq!(st.settings().unwrap(), before);
    }

    #[test]
    fn staff_cannot_change_settings() {
        let (mut st, _, clerk) = station_with_admin();
        let s = st.settings().unwrap();
        assert_eq!(st.settings_update(&clerk, &s).unwrap_err().code, ErrorCode::Forbidden);
    }
}
