//! Importing residents, volunteers and items from spreadsheets (the core's `import`).

use crate::dialogs;
use crate::state::AppState;
use station_core::import::{ImportReport, ImportRequest};
use station_core::Result;
use tauri::{State, WebviewWindow};

/// Opens the file dialog; the chosen file's path, or None when cancelled.
#[tauri::command]
pub async fn import_pick_file(window: WebviewWindow, state: State<'_, AppState>) -> Result<Option<String>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let path = dialogs::open_path(&window, "选择要导入的表格", &[dialogs::SPREADSHEETS]).await?;
    Ok(path.map(|p| p.display().to_string()))
}

#[tauri::command]
pub async fn import_preview(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ImportRequest,
) -> Result<ImportReport> {
    state.as_staff(window.label(), move |st, me| st.import_preview(me, &input)).await
}

#[tauri::command]
pub async fn import_commit(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ImportRequest,
) -> Result<ImportReport> {
    state.as_staff(window.label(), move |st, me| st.import_commit(me, &input)).await
}
