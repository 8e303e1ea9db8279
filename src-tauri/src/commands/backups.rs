//! 备份与恢复 (admin, desk window only) and the 关于 page.
//!
//! A restore only ever takes a file the app itself chose or listed: the last file the open
//! dialog returned (and `backups_inspect_file` verified), or a file in the backups folder.

use crate::state::{open_backend, AppState, Backend};
use crate::{applog, dialogs};
use station_core::app::AboutInfo;
use station_core::backups::{self, BackupInfo, BackupKind, BackupListItem, RestoreReport};
use station_core::{db, Actor, AppError, ErrorCode, Result};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{State, WebviewWindow};

const BACKUP_FILES: dialogs::Filter = ("工作台数据备份", &["sqlite3", "db", "sqlite"]);

/// The file the open dialog last returned, verified: what 从备份恢复… may restore.
#[derive(Default)]
pub struct PickedBackup(Mutex<Option<PathBuf>>);

fn picked(state: &PickedBackup) -> std::sync::MutexGuard<'_, Option<PathBuf>> {
    state.0.lock().unwrap_or_else(|p| p.into_inner())
}

#[tauri::command]
pub async fn backups_list(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<BackupListItem>> {
    state
        .as_staff(window.label(), |st, actor| {
            actor.require_admin()?;
            let path = st.path().map(Path::to_path_buf).unwrap_or_default();
            Ok(backups::list_backups(&path).iter().map(|b| b.list_item()).collect())
        })
        .await
}

#[tauri::command]
pub async fn backups_create(window: WebviewWindow, state: State<'_, AppState>) -> Result<BackupListItem> {
    state
        .as_staff(window.label(), |st, actor| {
            actor.require_admin()?;
            let made = st
                .backup(BackupKind::Manual)?
                .ok_or_else(|| AppError::new(ErrorCode::Unsupported, "内存数据库不能备份"))?;
            st.write(&Actor::Staff(actor.clone()), |tx| {
                tx.audit("database", None, "backup", &format!("立即备份：{}", file_name(&made)))
            })?;
            applog::info(format!("manual backup: {}", made.display()));
            let path = st.path().map(Path::to_path_buf).unwrap_or_default();
            backups::list_backups(&path)
                .into_iter()
                .find(|b| b.path == made)
                .map(|b| b.list_item())
                .ok_or_else(|| AppError::new(ErrorCode::Io, "备份文件写入后找不到了"))
        })
        .await
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

/// 备份到…: the save dialog, then a consistent copy into the chosen file. None: cancelled.
#[tauri::command]
pub async fn backups_save_as(window: WebviewWindow, state: State<'_, AppState>) -> Result<Option<String>> {
    let (station_name, now) = state
        .as_staff(window.label(), |st, actor| {
            actor.require_admin()?;
            let local = st.now().with_timezone(&st.tz());
            Ok((st.settings()?.station_name, local.format("%Y%m%d-%H%M").to_string()))
        })
        .await?;
    let suggested = format!("{station_name}数据备份-{now}.sqlite3");
    let Some(target) = dialogs::save_path(&window, "备份到…", &suggested, &[BACKUP_FILES]).await? else {
        return Ok(None);
    };
    let target = if target.extension().is_none() { target.with_extension("sqlite3") } else { target };
    state
        .as_staff(window.label(), move |st, actor| {
            actor.require_admin()?;
            st.save_backup_as(&target)?;
            st.write(&Actor::Staff(actor.clone()), |tx| {
                tx.audit("database", None, "backup", &format!("备份到 {}", file_name(&target)))
            })?;
            applog::info(format!("backup saved as {}", target.display()));
            Ok(Some(target.display().to_string()))
        })
        .await
}

/// 从备份恢复…: the open dialog, then what the chosen file holds (or why it cannot be used).
/// None: cancelled.
#[tauri::command]
pub async fn backups_inspect_file(
    window: WebviewWindow,
    state: State<'_, AppState>,
    picked_backup: State<'_, PickedBackup>,
) -> Result<Option<BackupInfo>> {
    state.as_staff(window.label(), |_, actor| actor.require_admin()).await?;
    let Some(path) = dialogs::open_path(&window, "从备份恢复…", &[BACKUP_FILES]).await? else {
        return Ok(None);
    };
    let info = inspect(path.clone()).await?;
    *picked(&picked_backup) = Some(path);
    Ok(Some(info))
}

/// What a backup listed in the backups folder holds (the 恢复 button on a row).
#[tauri::command]
pub async fn backups_inspect(
    window: WebviewWindow,
    state: State<'_, AppState>,
    file_name: String,
) -> Result<BackupInfo> {
    let path = listed_backup(&window, &state, file_name).await?;
    inspect(path).await
}

async fn inspect(path: PathBuf) -> Result<BackupInfo> {
    tauri::async_runtime::spawn_blocking(move || backups::inspect_backup(&path))
        .await
        .unwrap_or_else(|e| Err(AppError::internal(e)))
}

/// A backup in the backups folder, by file name (nothing outside the folder can be named).
async fn listed_backup(window: &WebviewWindow, state: &AppState, file_name: String) -> Result<PathBuf> {
    state
        .as_staff(window.label(), move |st, actor| {
            actor.require_admin()?;
            let path = st.path().map(Path::to_path_buf).unwrap_or_default();
            backups::list_backups(&path)
                .into_iter()
                .find(|b| b.path.file_name().is_some_and(|n| n.to_string_lossy() == file_name))
                .map(|b| b.path)
                .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("备份文件「{file_name}」不存在")))
        })
        .await
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreInput {
    /// a file in the backups folder; None: the file 从备份恢复… picked
    pub file_name: Option<String>,
}

/// Restores, after the confirmation: saves the current data as a before-restore backup,
/// swaps the backup in, reopens the station (everyone signs in again, against the restored
/// staff list) and records the restore in the restored database's audit log.
#[tauri::command]
pub async fn backups_restore(
    window: WebviewWindow,
    state: State<'_, AppState>,
    picked_backup: State<'_, PickedBackup>,
    input: RestoreInput,
) -> Result<RestoreReport> {
    let source = match input.file_name {
        Some(name) => listed_backup(&window, &state, name).await?,
        None => {
            state.as_staff(window.label(), |_, actor| actor.require_admin()).await?;
            picked(&picked_backup)
                .clone()
                .ok_or_else(|| AppError::new(ErrorCode::Validation, "请先选择要恢复的备份文件"))?
        }
    };
    let clock = state.clock.clone();
    let data_dir = state.data_dir.clone();
    let label = window.label().to_string();
    let report = state
        .with_backend(move |backend| {
            let Backend::Ready { station, session } = backend else {
                return Err(AppError::new(ErrorCode::Conflict, "数据文件不可用，请在恢复页面操作"));
            };
            crate::state::ensure_desk(&label)?;
            let idle = station.settings()?.idle_minutes;
            let actor = station_core::session::current_staff(session, station, idle)?;
            actor.require_admin()?;
            let db_path = data_dir.join(db::DB_FILE_NAME);
            // Take the station out so its connection can be closed before the swap.
            let placeholder = Backend::Unavailable {
                error: AppError::new(ErrorCode::Busy, "正在恢复备份"),
                db_path: db_path.clone(),
                offer: None,
            };
            let Backend::Ready { station, .. } = std::mem::replace(backend, placeholder) else {
                return Err(AppError::new(ErrorCode::Internal, "数据库状态在恢复途中改变了"));
            };
            match backups::restore(Some(station), &db_path, &source, &Actor::Staff(actor), clock.clone()) {
                Ok((station, report)) => {
                    applog::info(format!(
                        "restored backup {} made {}; previous data saved as {}",
                        report.restored.file_name,
                        report.restored.made_at,
                        report.saved_current.as_deref().unwrap_or("-")
                    ));
                    *backend = Backend::Ready { station, session: Default::default() };
                    Ok(report)
                }
                Err(e) => {
                    applog::error(format!("restore failed: {:?}: {}", e.code, e.message));
                    *backend = open_backend(&db_path, &clock);
                    Err(e)
                }
            }
        })
        .await?;
    *picked(&picked_backup) = None;
    Ok(report)
}

/// The 关于 page (any signed-in staff member at the desk).
#[tauri::command]
pub async fn app_about(window: WebviewWindow, state: State<'_, AppState>) -> Result<AboutInfo> {
    let database_version = state.as_staff(window.label(), |st, _| st.user_version()).await?;
    let db_path = state.db_path();
    Ok(AboutInfo {
        name: "党群服务站工作台 StationDesk".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        build: option_env!("STATION_DESK_BUILD").unwrap_or_default().into(),
        data_dir: state.data_dir.display().to_string(),
        log_dir: state.log_dir.display().to_string(),
        backup_dir: backups::backup_dir(&db_path).display().to_string(),
        schema_version: db::schema_version(),
        database_version: Some(database_version),
        license: env!("CARGO_PKG_LICENSE").into(),
    })
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Folder {
    Data,
    Logs,
    Backups,
}

/// Opens one of the app's folders in the system file manager.
#[tauri::command]
pub async fn app_open_folder(window: WebviewWindow, state: State<'_, AppState>, folder: Folder) -> Result<()> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let path = match folder {
        Folder::Data => state.data_dir.clone(),
        Folder::Logs => state.log_dir.clone(),
        Folder::Backups => backups::backup_dir(&state.db_path()),
    };
    std::fs::create_dir_all(&path)?;
    open_in_file_manager(&path)
}

fn open_in_file_manager(path: &Path) -> Result<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    // Not waited for: the file manager outlives the call (explorer even exits non-zero).
    let mut child = std::process::Command::new(program).arg(path).spawn().map_err(|e| {
        AppError::new(ErrorCode::Unsupported, format!("无法打开文件夹 {}（{program}）：{e}", path.display()))
    })?;
    std::thread::spawn(move || child.wait());
    Ok(())
}
