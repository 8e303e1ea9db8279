//! First-run setup, login, logout and the signed-in account.

use crate::state::{ensure_desk, AppState};
use station_core::app::SessionInfo;
use station_core::demo::{self, DemoScale};
use station_core::staff::{LoginInput, PasswordChangeInput, SetupInput, StaffAccount};
use station_core::{Result, Station};
use tauri::{State, WebviewWindow};

fn session_info(station: &Station, staff: StaffAccount) -> Result<SessionInfo> {
    Ok(SessionInfo { staff, idle_minutes: station.settings()?.idle_minutes })
}

#[tauri::command]
pub async fn setup_initialize(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: SetupInput,
) -> Result<SessionInfo> {
    ensure_desk(window.label())?;
    state
        .with_station(move |station, session| {
            let admin = station.initialize(&input)?;
            if input.load_demo {
                // residents and every area, so each screen of the new station has something to show
                demo::populate(station, &admin.actor(), &DemoScale::station(), 2026)?;
                demo::populate_areas(station, &admin.actor(), 2026)?;
            }
            session.sign_in(admin.id, station.now());
            session_info(station, admin)
        })
        .await
}

#[tauri::command]
pub async fn auth_login(window: WebviewWindow, state: State<'_, AppState>, input: LoginInput) -> Result<SessionInfo> {
    ensure_desk(window.label())?;
    state
        .with_station(move |station, session| {
            let staff = station.login(&input)?;
            session.sign_in(staff.id, station.now());
            session_info(station, staff)
        })
        .await
}

#[tauri::command]
pub async fn auth_logout(window: WebviewWindow, state: State<'_, AppState>) -> Result<()> {
    ensure_desk(window.label())?;
    state
        .with_station(|_, session| {
            session.sign_out();
            Ok(())
        })
        .await
}

/// The signed-in account, or null (no session, or it timed out).
#[tauri::command]
pub async fn auth_current(window: WebviewWindow, state: State<'_, AppState>) -> Result<Option<SessionInfo>> {
    ensure_desk(window.label())?;
    state
        .with_station(|station, session| {
            let idle = station.settings()?.idle_minutes;
            match station_core::session::current_staff(session, station, idle) {
                Ok(actor) => Ok(Some(session_info(station, station.staff_by_id(actor.id)?)?)),
                Err(_) => Ok(None),
            }
        })
        .await
}

#[tauri::command]
pub async fn auth_change_password(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: PasswordChangeInput,
) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.change_own_password(me, &input)).await
}
