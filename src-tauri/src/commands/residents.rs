//! The residents register and the desk's home page.

use crate::dialogs;
use crate::state::AppState;
use station_core::app::ExportOutcome;
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

/// The current filter's residents to an .xlsx file chosen in the save dialog.
#[tauri::command]
pub async fn residents_export(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ResidentQuery,
) -> Result<Option<ExportOutcome>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let Some(path) = dialogs::save_path(&window, "导出居民名单", "居民名单.xlsx", &[dialogs::XLSX]).await?
    else {
        return Ok(None);
    };
    let file = path.clone();
    let rows = state.as_staff(window.label(), move |st, me| st.residents_export_xlsx(me, &input, &file)).await?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: rows as u32 }))
}
