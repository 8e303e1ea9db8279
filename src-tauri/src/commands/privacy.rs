//! Personal data (issue 17): consents, retention, the audited look at a full ID number and
//! the audited print of a personal list.

use crate::state::AppState;
use station_core::privacy::access::PrintAuditInput;
use station_core::privacy::{
    ConsentRecord, ConsentWithdrawInput, RetentionPreview, RetentionReport, RetentionSettings,
};
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn residents_reveal_id(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Option<String>> {
    state.as_staff(window.label(), move |st, me| st.resident_reveal_id(me, id)).await
}

#[tauri::command]
pub async fn privacy_consents(
    window: WebviewWindow,
    state: State<'_, AppState>,
    resident_id: i64,
) -> Result<Vec<ConsentRecord>> {
    state.as_staff(window.label(), move |st, me| st.consents_of(me, resident_id)).await
}

#[tauri::command]
pub async fn privacy_consent_grant(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ConsentWithdrawInput,
) -> Result<Vec<ConsentRecord>> {
    state.as_staff(window.label(), move |st, me| st.consent_grant(me, &input)).await
}

#[tauri::command]
pub async fn privacy_consent_withdraw(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ConsentWithdrawInput,
) -> Result<Vec<ConsentRecord>> {
    state.as_staff(window.label(), move |st, me| st.consent_withdraw(me, &input)).await
}

#[tauri::command]
pub async fn privacy_retention_get(window: WebviewWindow, state: State<'_, AppState>) -> Result<RetentionSettings> {
    state.as_staff(window.label(), |st, me| st.retention_settings(me)).await
}

#[tauri::command]
pub async fn privacy_retention_update(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: RetentionSettings,
) -> Result<RetentionSettings> {
    state.as_staff(window.label(), move |st, me| st.retention_settings_update(me, &input)).await
}

#[tauri::command]
pub async fn privacy_retention_preview(window: WebviewWindow, state: State<'_, AppState>) -> Result<RetentionPreview> {
    state.as_staff(window.label(), |st, me| st.retention_preview(me)).await
}

#[tauri::command]
pub async fn privacy_retention_run(window: WebviewWindow, state: State<'_, AppState>) -> Result<RetentionReport> {
    state.as_staff(window.label(), |st, me| st.retention_run(me)).await
}

/// Called by the desk before it opens the system print dialog on a personal list.
#[tauri::command]
pub async fn print_audit(window: WebviewWindow, state: State<'_, AppState>, input: PrintAuditInput) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.print_audit(me, &input)).await
}
