//! The app's shared state and the one path every command takes into the core: SQLite work
//! runs on a blocking worker thread (never the UI thread), panics come back as errors, and
//! staff commands check the window, the session and (in the core) the role.

use crate::applog;
use station_core::app::{RecoveryInfo, WindowKind};
use station_core::backups::{self, BackupInfo};
use station_core::clock::Clock;
use station_core::session::{self, DeskSession};
use station_core::{db, Actor, AppError, ErrorCode, Result, StaffActor, Station};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchMode {
    /// The staff desk; the kiosk may be opened as a second window.
    Desk,
    /// `--kiosk`: the kiosk window alone.
    KioskOnly,
}

pub enum Backend {
    Ready {
        station: Station,
        session: DeskSession,
    },
    /// The database could not be opened; the desk shows why (and offers a backup).
    Unavailable {
        error: AppError,
        db_path: PathBuf,
        /// the newest backup that passes the integrity check, looked for once at start
        /// (checking every backup is too slow to repeat on each status call)
        offer: Option<BackupInfo>,
    },
}

pub struct AppState {
    backend: Arc<Mutex<Backend>>,
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
    pub mode: LaunchMode,
    pub clock: Clock,
}

pub fn open_backend(db_path: &Path, clock: &Clock) -> Backend {
    let version_before = backups::file_schema_version(db_path);
    match Station::open_with(db_path, db::MIGRATIONS, clock.clone()) {
        Ok(station) => {
            let version = station.user_version().unwrap_or_default();
            match version_before {
                Some(before) if before > 0 && before != version => {
                    applog::info(format!("database migrated: v{before} → v{version} (backed up first)"))
                }
                _ => applog::info(format!("database opened: {} (schema v{version})", db_path.display())),
            }
            Backend::Ready { station, session: DeskSession::default() }
        }
        Err(error) => {
            applog::error(format!("database unavailable: {:?}: {}", error.code, error.message));
            let offer =
                (error.code == ErrorCode::IntegrityFailed).then(|| backups::newest_good_backup(db_path)).flatten();
            match &offer {
                Some(b) => applog::info(format!("recovery offers backup {} made {}", b.file_name, b.made_at)),
                None if error.code == ErrorCode::IntegrityFailed => applog::warn("recovery: no good backup found"),
                None => {}
            }
            Backend::Unavailable { error, db_path: db_path.to_path_buf(), offer }
        }
    }
}

/// Refuses staff commands from any window but the desk (the capability files already keep
/// them from the kiosk; this is the second lock).
pub fn ensure_desk(label: &str) -> Result<()> {
    match WindowKind::from_label(label) {
        WindowKind::Desk => Ok(()),
        WindowKind::Kiosk => Err(AppError::new(ErrorCode::KioskForbidden, "自助终端不能使用工作人员功能")),
    }
}

fn lock(m: &Mutex<Backend>) -> MutexGuard<'_, Backend> {
    // A panic in an earlier command must not lock the station for good.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn new(data_dir: PathBuf, mode: LaunchMode, clock: Clock) -> AppState {
        let backend = open_backend(&data_dir.join(db::DB_FILE_NAME), &clock);
        let log_dir = data_dir.join("logs");
        AppState { backend: Arc::new(Mutex::new(backend)), data_dir, log_dir, mode, clock }
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(db::DB_FILE_NAME)
    }

    /// Runs `f` on the raw backend on a blocking thread.
    pub async fn with_backend<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Backend) -> Result<T> + Send + 'static,
    {
        let backend = Arc::clone(&self.backend);
        let result = tauri::async_runtime::spawn_blocking(move || f(&mut lock(&backend)))
            .await
            .unwrap_or_else(|join_error| Err(AppError::internal(join_error)));
        if let Err(e) = &result {
            applog::command_error(e);
        }
        result
    }

    /// Runs `f` with the open station and the desk session.
    pub async fn with_station<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Station, &mut DeskSession) -> Result<T> + Send + 'static,
    {
        self.with_backend(move |backend| match backend {
            Backend::Ready { station, session } => f(station, session),
            Backend::Unavailable { error, .. } => Err(error.clone()),
        })
        .await
    }

    /// A staff command: desk window only, a live session (idle time-out enforced here).
    pub async fn as_staff<T, F>(&self, window_label: &str, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Station, &StaffActor) -> Result<T> + Send + 'static,
    {
        ensure_desk(window_label)?;
        self.with_station(move |station, desk_session| {
            let idle = station.settings()?.idle_minutes;
            let actor = session::current_staff(desk_session, station, idle)?;
            f(station, &actor)
        })
        .await
    }

    /// A kiosk command: no login (the kiosk is public), acts as `Actor::Kiosk`. Such a command
    /// takes the resident's own identification (phone, phone + PIN, a wish code) and the core
    /// hands back only that person's data, masked; staff commands stay behind `as_staff`.
    pub async fn as_kiosk<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Station, &Actor) -> Result<T> + Send + 'static,
    {
        self.with_station(move |station, _| f(station, &Actor::Kiosk)).await
    }

    pub fn recovery_info(backend: &Backend) -> Option<RecoveryInfo> {
        match backend {
            Backend::Ready { .. } => None,
            Backend::Unavailable { error, offer, .. } => Some(RecoveryInfo {
                message: error.message.clone(),
                damaged: error.code == ErrorCode::IntegrityFailed,
                newest_backup: offer.as_ref().map(|b| b.path.clone()),
                backup: offer.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_desk_window_passes_the_staff_guard() {
        assert!(ensure_desk("desk").is_ok());
        assert_eq!(ensure_desk("kiosk").unwrap_err().code, ErrorCode::KioskForbidden);
        assert_eq!(ensure_desk("anything-else").unwrap_err().code, ErrorCode::KioskForbidden);
    }

    #[tokio::test]
    async fn staff_commands_need_a_session_and_the_desk() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().to_path_buf(), LaunchMode::Desk, Clock::System);
        let from_kiosk = state.as_staff("kiosk", |_, _| Ok(())).await.unwrap_err();
        assert_eq!(from_kiosk.code, ErrorCode::KioskForbidden);
        let no_login = state.as_staff("desk", |_, _| Ok(())).await.unwrap_err();
        assert_eq!(no_login.code, ErrorCode::Unauthenticated);
    }

    #[tokio::test]
    async fn a_panic_in_a_command_becomes_an_error_and_the_state_survives() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::new(dir.path().to_path_buf(), LaunchMode::Desk, Clock::System);
        let err = state.with_station(|_, _| -> Result<()> { panic!("boom") }).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::Internal);
        assert!(state.with_station(|st, _| st.is_initialized()).await.is_ok());
    }
}
