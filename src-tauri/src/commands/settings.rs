//! Station settings, places, tags, the audit log and demo data.

use crate::state::AppState;
use station_core::demo::{self, DemoScale};
use station_core::home::{AuditPage, PageInput};
use station_core::places::{PlaceInput, Places, Tag, TagInput};
use station_core::settings::Settings;
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn settings_get(window: WebviewWindow, state: State<'_, AppState>) -> Result<Settings> {
    state.as_staff(window.label(), |st, _| st.settings()).await
}

#[tauri::command]
pub async fn settings_update(window: WebviewWindow, state: State<'_, AppState>, input: Settings) -> Result<Settings> {
    state.as_staff(window.label(), move |st, me| st.settings_update(me, &input)).await
}

#[tauri::command]
pub async fn places_list(window: WebviewWindow, state: State<'_, AppState>) -> Result<Places> {
    state.as_staff(window.label(), |st, _| st.places()).await
}

#[tauri::command]
pub async fn places_save(window: WebviewWindow, state: State<'_, AppState>, input: PlaceInput) -> Result<Places> {
    state.as_staff(window.label(), move |st, me| st.place_save(me, &input)).await
}

#[tauri::command]
pub async fn tags_list(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<Tag>> {
    state.as_staff(window.label(), |st, _| st.tags()).await
}

#[tauri::command]
pub async fn tags_save(window: WebviewWindow, state: State<'_, AppState>, input: TagInput) -> Result<Vec<Tag>> {
    state.as_staff(window.label(), move |st, me| st.tag_save(me, &input)).await
}

#[tauri::command]
pub async fn audit_list(window: WebviewWindow, state: State<'_, AppState>, input: PageInput) -> Result<AuditPage> {
    state.as_staff(window.label(), move |st, me| st.audit_list(me, &input)).await
}

#[tauri::command]
pub async fn demo_load(window: WebviewWindow, state: State<'_, AppState>) -> Result<usize> {
    state
        .as_staff(window.label(), |st, me| {
            me.require_admin()?;
            let seed = st.now().timestamp().unsigned_abs();
            let added = demo::populate(st, me, &DemoScale::station(), seed)?;
            // every area too; an area that already holds data is left as it is
            demo::populate_areas(st, me, seed)?;
            Ok(added)
        })
        .await
}
