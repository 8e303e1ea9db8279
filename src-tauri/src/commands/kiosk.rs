//! The kiosk window: opening it from the desk, what it may read, and leaving it (the kiosk
//! exit PIN); and the desk's side of kiosk security: lock-outs and bursts of wrong guesses,
//! the exit PIN, residents' kiosk PINs.

use crate::state::{AppState, LaunchMode};
use crate::windows;
use station_core::activities::ResidentPinInput;
use station_core::app::KioskExitInput;
use station_core::guard::GuardAlerts;
use station_core::settings::KioskInfo;
use station_core::staff::KioskExitPinInput;
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

/// Leaving kiosk mode needs the kiosk exit PIN (throttled; failures and the exit audited).
#[tauri::command]
pub async fn kiosk_exit(app: AppHandle, state: State<'_, AppState>, input: KioskExitInput) -> Result<()> {
    state.with_station(move |st, _| st.may_leave_kiosk(&input.pin)).await?;
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

/// Lock-outs, bursts of wrong guesses and recent walk-ins, for the desk home.
#[tauri::command]
pub async fn kiosk_alerts(window: WebviewWindow, state: State<'_, AppState>) -> Result<GuardAlerts> {
    state.as_staff(window.label(), |st, me| st.guard_alerts(me)).await
}

/// An admin lifts every current lock (the person is at the desk).
#[tauri::command]
pub async fn kiosk_unlock(window: WebviewWindow, state: State<'_, AppState>) -> Result<u32> {
    state.as_staff(window.label(), |st, me| st.guard_clear(me)).await
}

#[tauri::command]
pub async fn kiosk_exit_pin_status(window: WebviewWindow, state: State<'_, AppState>) -> Result<bool> {
    state.as_staff(window.label(), |st, me| st.kiosk_exit_pin_is_set(me)).await
}

#[tauri::command]
pub async fn kiosk_exit_pin_set(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: KioskExitPinInput,
) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.kiosk_exit_pin_set(me, &input)).await
}

/// The desk sets (or removes) a resident's kiosk PIN.
#[tauri::command]
pub async fn kiosk_resident_pin_set(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ResidentPinInput,
) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.resident_set_kiosk_pin(me, &input)).await
}
