//! Start-up status and recovery from a damaged database.

use crate::applog;
use crate::state::{open_backend, AppState, Backend};
use station_core::app::{AppStatus, ClockReading, RecoveryInput};
use station_core::{backups, db, Actor, AppError, ErrorCode, Result};
use tauri::State;

#[tauri::command]
pub async fn app_status(window: tauri::WebviewWindow, state: State<'_, AppState>) -> Result<AppStatus> {
    // Where the data lives is the staff's business, not something to show in a public room.
    let data_dir = match crate::state::ensure_desk(window.label()) {
        Ok(()) => state.data_dir.display().to_string(),
        Err(_) => String::new(),
    };
    state
        .with_backend(move |backend| {
            let recovery = AppState::recovery_info(backend);
            let (initialized, station_name) = match backend {
                Backend::Ready { station, .. } => {
                    let initialized = station.is_initialized()?;
                    (initialized, initialized.then(|| station.settings()).transpose()?.map(|s| s.station_name))
                }
                Backend::Unavailable { .. } => (false, None),
            };
            Ok(AppStatus { initialized, station_name, data_dir, recovery })
        })
        .await
}

/// The core's "now" and the station's day and time zone: the one clock both windows show
/// and pick data by (nothing personal, so the kiosk may ask too).
#[tauri::command]
pub async fn app_clock(state: State<'_, AppState>) -> Result<ClockReading> {
    let clock = state.clock.clone();
    state
        .with_backend(move |backend| match backend {
            Backend::Ready { station, .. } => Ok(station.clock_reading()),
            Backend::Unavailable { .. } => Ok(ClockReading::read(&clock, db::default_tz())),
        })
        .await
}

/// Puts the newest good backup in place of a damaged database (the damaged file is kept
/// aside), for an admin of that backup; the restore is recorded in the restored database's
/// audit log under their name.
#[tauri::command]
pub async fn recovery_restore(
    window: tauri::WebviewWindow,
    state: State<'_, AppState>,
    input: RecoveryInput,
) -> Result<AppStatus> {
    crate::state::ensure_desk(window.label())?;
    let clock = state.clock.clone();
    state
        .with_backend(move |backend| {
            let Backend::Unavailable { error, db_path, offer } = backend else {
                return Err(AppError::new(ErrorCode::Conflict, "数据文件正常，无需恢复"));
            };
            if error.code != ErrorCode::IntegrityFailed {
                return Err(AppError::new(ErrorCode::Conflict, error.message.clone()));
            }
            let backup = offer.clone().ok_or_else(|| AppError::new(ErrorCode::NotFound, "没有找到可用的备份文件"))?;
            let db_path = db_path.clone();
            let source = std::path::PathBuf::from(&backup.path);
            let admin = backups::verify_backup_admin(&source, &input.username, &input.password).inspect_err(|e| {
                applog::warn(format!("recovery refused for login {:?}: {:?}", input.username.trim(), e.code))
            })?;
            match backups::restore(None, &db_path, &source, &Actor::Staff(admin), clock.clone()) {
                Ok((station, report)) => {
                    applog::info(format!(
                        "recovered from backup {} made {}; damaged file kept as {}",
                        report.restored.file_name,
                        report.restored.made_at,
                        report.kept_damaged.as_deref().unwrap_or("-")
                    ));
                    *backend = Backend::Ready { station, session: Default::default() };
                    Ok(())
                }
                Err(e) => {
                    applog::error(format!("recovery failed: {:?}: {}", e.code, e.message));
                    *backend = open_backend(&db_path, &clock);
                    Err(e)
                }
            }
        })
        .await?;
    app_status(window, state).await
}
