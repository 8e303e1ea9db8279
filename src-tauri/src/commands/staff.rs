//! Staff accounts (admin only; the core checks the role).

use crate::state::AppState;
use station_core::staff::{PasswordResetInput, StaffAccount, StaffCreateInput, StaffDisableInput};
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn staff_list(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<StaffAccount>> {
    state.as_staff(window.label(), |st, me| st.staff_list(me)).await
}

#[tauri::command]
pub async fn staff_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: StaffCreateInput,
) -> Result<StaffAccount> {
    state.as_staff(window.label(), move |st, me| st.staff_create(me, &input)).await
}

#[tauri::command]
pub async fn staff_reset_password(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: PasswordResetInput,
) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.staff_reset_password(me, &input)).await
}

#[tauri::command]
pub async fn staff_set_disabled(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: StaffDisableInput,
) -> Result<StaffAccount> {
    state.as_staff(window.label(), move |st, me| st.staff_set_disabled(me, &input)).await
}
