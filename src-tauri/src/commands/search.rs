//! The desk's Ctrl+K: every kind of record by one text.

use crate::state::AppState;
use station_core::search::FoundGroup;
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn find_anything(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: String,
) -> Result<Vec<FoundGroup>> {
    state.as_staff(window.label(), move |st, me| st.find_anything(me, &input)).await
}
