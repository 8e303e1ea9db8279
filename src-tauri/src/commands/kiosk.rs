//! The kiosk window: opening it from the desk, what it may read, and leaving it.

use crate::state::{AppState, LaunchMode};
use crate::windows;
use station_core::app::KioskExitInput;
use station_core::settings::KioskInfo;
use station_core::{AppError, Result};
use tauri::{AppHandle, Manager, State, WebviewWindow};

#[tauri::command]
pub async fn desk_open_kiosk(app: AppHandle, window: WebviewWindow, state: State<'_, AppState>) -> Result<()> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    windows::open_kiosk(&app).map_err(AppError::internal)
}

#[tauri::command]
pub async fn kiosk_info(state: State<'_, AppState>) -> Result<KioskInfo> {
    state.with_station(|st, _| st.kiosk_info()).await
}

/// Leaving kiosk mode needs an admin's password.
#[tauri::command]
pub async fn kiosk_exit(app: AppHandle, state: State<'_, AppState>, input: KioskExitInput) -> Result<()> {
    state.with_station(move |st, _| st.may_leave_kiosk(&input.password)).await?;
    let audit = state
        .with_station(|st, _| {
            st.write(&station_core::Actor::Kiosk, |tx| tx.audit("kiosk", None, "exit", "管理员退出自助终端"))
        })
        .await;
    if let Err(e) = audit {
        eprintln!("could not audit kiosk exit: {e}");
    }
    match state.mode {
        LaunchMode::KioskOnly => app.exit(0),
        LaunchMode::Desk => {
            if let Some(kiosk) = app.get_webview_window(windows::KIOSK) {
                kiosk.destroy().map_err(AppError::internal)?;
            }
        }
    }
    Ok(())
}
