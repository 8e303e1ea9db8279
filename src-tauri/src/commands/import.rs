//! Importing residents, volunteers and items from spreadsheets (the core's `import`).

use crate::dialogs;
use crate::state::AppState;
use station_core::import::{self, ImportReport, ImportRequest};
use station_core::{AppError, Result};
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
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let file = read_file(input).await?;
    // Only the snapshot's source is taken from the station; the dry run runs on a copy.
    let (source, me) = state.as_staff(window.label(), |st, me| Ok((st.snapshot_source(), me.clone()))).await?;
    let Some((db_path, clock)) = source else {
        return state.as_staff(window.label(), move |st, me| st.import_preview_prepared(me, &file)).await;
    };
    let run = tauri::async_runtime::spawn_blocking(move || import::preview_on_snapshot(&db_path, clock, &me, &file));
    let report = run.await.unwrap_or_else(|join_error| Err(AppError::internal(join_error)));
    if let Err(e) = &report {
        crate::applog::command_error(e);
    }
    report
}

#[tauri::command]
pub async fn import_commit(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ImportRequest,
) -> Result<ImportReport> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let file = read_file(input).await?;
    state.as_staff(window.label(), move |st, me| st.import_commit_prepared(me, &file)).await
}

/// The file is read on a worker of its own, without the station: the kiosk keeps booking
/// while a large spreadsheet is parsed.
async fn read_file(input: ImportRequest) -> Result<import::Prepared> {
    let read = tauri::async_runtime::spawn_blocking(move || import::prepare(&input)).await;
    let read = read.unwrap_or_else(|join_error| Err(AppError::internal(join_error)));
    if let Err(e) = &read {
        crate::applog::command_error(e);
    }
    read
}
