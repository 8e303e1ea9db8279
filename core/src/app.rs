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
    /// path of the newest backup that passes the integrity check
    pub newest_backup: Option<String>,
    /// what that backup holds (date, counts) for the confirmation before restoring it
    pub backup: Option<crate::backups::BackupInfo>,
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
