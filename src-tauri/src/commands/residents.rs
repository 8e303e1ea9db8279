//! The residents register and the desk's home page.

use crate::state::AppState;
use station_core::home::HomeSummary;
use station_core::residents::{PurgeInput, Resident, ResidentInput, ResidentPage, ResidentQuery, ResidentUpdate};
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn residents_search(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ResidentQuery,
) -> Result<ResidentPage> {
    state.as_staff(window.label(), move |st, me| st.residents_search(me, &input)).await
}

#[tauri::command]
pub async fn residents_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Resident> {
    state.as_staff(window.label(), move |st, me| st.resident_get(me, id)).await
}

#[tauri::command]
pub async fn residents_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ResidentInput,
) -> Result<Resident> {
    state.as_staff(window.label(), move |st, me| st.resident_create(me, &input)).await
}

#[tauri::command]
pub async fn residents_update(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ResidentUpdate,
) -> Result<Resident> {
    state.as_staff(window.label(), move |st, me| st.resident_update(me, &input)).await
}

#[tauri::command]
pub async fn residents_archive(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Resident> {
    state.as_staff(window.label(), move |st, me| st.resident_set_archived(me, id, true)).await
}

#[tauri::command]
pub async fn residents_restore(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Resident> {
    state.as_staff(window.label(), move |st, me| st.resident_set_archived(me, id, false)).await
}

#[tauri::command]
pub async fn residents_purge(window: WebviewWindow, state: State<'_, AppState>, input: PurgeInput) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.resident_purge(me, &input)).await
}

#[tauri::command]
pub async fn home_summary(window: WebviewWindow, state: State<'_, AppState>) -> Result<HomeSummary> {
    state.as_staff(window.label(), |st, me| st.home_summary(me)).await
}
