//! Types of the app shell's own commands (session, status, kiosk), kept here so they are
//! generated into the TypeScript bindings with everything else.

use crate::staff::StaffAccount;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum WindowKind {
    Desk,
    Kiosk,
}

impl WindowKind {
    pub const DESK_LABEL: &'static str = "desk";
    pub const KIOSK_LABEL: &'static str = "kiosk";

    /// Anything that is not the desk window is treated as the kiosk: refuse by default.
    pub fn from_label(label: &str) -> WindowKind {
        if label == Self::DESK_LABEL {
            WindowKind::Desk
        } else {
            WindowKind::Kiosk
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub staff: StaffAccount,
    pub idle_minutes: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryInfo {
    pub message: String,
    /// the file's content failed its check (not a database, corrupt): only then is a backup
    /// offered in its place; a permission or disk error is to be fixed, not restored over
    pub damaged: bool,
    /// path of the newest backup that passes the integrity check
    pub newest_backup: Option<String>,
    /// what that backup holds (date, counts) for the confirmation before restoring it
    pub backup: Option<crate::backups::BackupInfo>,
}

/// The admin who restores at the recovery screen (an admin of the backup being restored:
/// the damaged database cannot be asked).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecoveryInput {
    pub username: String,
    pub password: String,
}

/// The 关于 page: what is running and where its files are.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AboutInfo {
    pub name: String,
    pub version: String,
    /// git short hash of the build, empty when built outside a git checkout
    pub build: String,
    pub data_dir: String,
    pub log_dir: String,
    pub backup_dir: String,
    /// the schema this program writes
    pub schema_version: i64,
    /// the schema of the open database (None when it could not be opened)
    pub database_version: Option<i64>,
    pub license: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub initialized: bool,
    pub station_name: Option<String>,
    pub data_dir: String,
    pub recovery: Option<RecoveryInfo>,
}

/// "Now" as the core sees it: the one clock the desk and the kiosk show and pick data by.
/// The UI reads it at start (and after sleep or a long pause) and ticks on from the offset,
/// so a station whose clock is set apart from the machine's shows one "today" everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClockReading {
    /// RFC 3339, UTC, to the millisecond
    pub now: String,
    /// YYYY-MM-DD in the station's time zone
    pub today: String,
    /// the station's time zone (IANA name), Asia/Shanghai unless set
    pub timezone: String,
}

impl ClockReading {
    pub fn read(clock: &crate::clock::Clock, tz: chrono_tz::Tz) -> ClockReading {
        let now = clock.now();
        ClockReading {
            now: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            today: crate::clock::local_date(now, tz).format("%Y-%m-%d").to_string(),
            timezone: tz.name().to_string(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskExitInput {
    /// the kiosk exit PIN an admin set (never a desk password)
    pub pin: String,
}

/// Paper for a PDF export (the print stylesheet lays the page out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Paper {
    A4,
    A5,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintPdfInput {
    /// the file name the save dialog suggests, e.g. 志愿服务记录证明-张三.pdf
    pub default_name: String,
    pub landscape: bool,
    pub paper: Paper,
}

/// What an export to a file did: where it went and how many rows it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportOutcome {
    pub path: String,
    pub rows: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use chrono::TimeZone;

    #[test]
    fn the_clock_reading_gives_the_stations_day_not_utcs() {
        let at = chrono::Utc.with_ymd_and_hms(2027, 3, 14, 16, 30, 0).unwrap();
        let reading = ClockReading::read(&Clock::Fixed(at), chrono_tz::Asia::Shanghai);
        assert_eq!(reading.now, "2027-03-14T16:30:00.000Z");
        assert_eq!(reading.today, "2027-03-15");
        assert_eq!(reading.timezone, "Asia/Shanghai");
        let urumqi = ClockReading::read(&Clock::Fixed(at), chrono_tz::Asia::Urumqi);
        assert_eq!(urumqi.today, "2027-03-14", "UTC+6 is still on the 14th at 16:30 UTC");
    }

    #[test]
    fn the_station_reading_follows_its_clock_and_time_zone_setting() {
        let at = chrono::Utc.with_ymd_and_hms(2027, 3, 15, 2, 0, 0).unwrap();
        let station = crate::db::Station::open_in_memory_with(crate::db::MIGRATIONS, Clock::Fixed(at)).unwrap();
        let reading = station.clock_reading();
        assert_eq!(reading.today, "2027-03-15");
        assert_eq!(reading.timezone, crate::clock::DEFAULT_TIMEZONE);
    }
}
