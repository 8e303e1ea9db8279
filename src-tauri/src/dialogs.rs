//! Native open/save dialogs, run from Rust so the front end never hands the app a path it
//! made up: a command asks here, the person picks, the command reads or writes that file.
//!
//! Tests cannot click a native dialog: `STATION_DESK_TEST_OPEN_PATH` answers every open
//! dialog with that file, `STATION_DESK_TEST_SAVE_PATH` every save dialog with that path, and
//! `STATION_DESK_TEST_SAVE_DIR` with the suggested file name in that folder — in debug builds
//! only (`test_hooks`).

use station_core::{AppError, Result};
use std::path::PathBuf;
use tauri::WebviewWindow;
use tauri_plugin_dialog::DialogExt;

/// A file-type choice in the dialog: a label and extensions without the dot.
pub type Filter<'a> = (&'a str, &'a [&'a str]);

pub const SPREADSHEETS: Filter = ("Excel / CSV 表格", &["xlsx", "xls", "csv"]);
pub const XLSX: Filter = ("Excel 工作簿", &["xlsx"]);
pub const PDF: Filter = ("PDF 文件", &["pdf"]);

fn env_path(name: &str) -> Option<PathBuf> {
    crate::test_hooks::var(name).map(PathBuf::from)
}

/// Asks for a file to read; None when the person cancels.
pub async fn open_path(window: &WebviewWindow, title: &str, filters: &[Filter<'_>]) -> Result<Option<PathBuf>> {
    if let Some(path) = env_path("STATION_DESK_TEST_OPEN_PATH") {
        return Ok(Some(path));
    }
    let mut dialog = window.dialog().file().set_parent(window).set_title(title);
    for (name, extensions) in filters {
        dialog = dialog.add_filter(*name, extensions);
    }
    let picked =
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file()).await.map_err(AppError::internal)?;
    picked.map(|p| p.into_path().map_err(AppError::internal)).transpose()
}

/// Asks where to save, suggesting `default_name`; None when the person cancels.
pub async fn save_path(
    window: &WebviewWindow,
    title: &str,
    default_name: &str,
    filters: &[Filter<'_>],
) -> Result<Option<PathBuf>> {
    if let Some(path) = env_path("STATION_DESK_TEST_SAVE_PATH") {
        return Ok(Some(path));
    }
    if let Some(dir) = env_path("STATION_DESK_TEST_SAVE_DIR") {
        return Ok(Some(dir.join(default_name)));
    }
    let mut dialog = window.dialog().file().set_parent(window).set_title(title).set_file_name(default_name);
    for (name, extensions) in filters {
        dialog = dialog.add_filter(*name, extensions);
    }
    let picked =
        tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.map_err(AppError::internal)?;
    picked.map(|p| p.into_path().map_err(AppError::internal)).transpose()
}
