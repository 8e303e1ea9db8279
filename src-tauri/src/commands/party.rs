//! 党务 (the organisation system): the party chain, the member ledger, 三会一课 and dues. Desk
//! window only, and in the core every call needs an admin or a staff member an admin granted
//! "党务" access (`station_core::party::require_party`); the kiosk's capability grants none of
//! these, and `as_staff` refuses any window but the desk.

use crate::state::AppState;
use station_core::party::*;
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn party_can_access(window: WebviewWindow, state: State<'_, AppState>) -> Result<bool> {
    state.as_staff(window.label(), |st, me| st.party_can_access(me)).await
}

#[tauri::command]
pub async fn party_access_list(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<PartyAccessRow>> {
    state.as_staff(window.label(), |st, me| st.party_access_list(me)).await
}

#[tauri::command]
pub async fn party_access_set(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: PartyAccessInput,
) -> Result<Vec<PartyAccessRow>> {
    state.as_staff(window.label(), move |st, me| st.party_access_set(me, &input)).await
}

#[tauri::command]
pub async fn party_org_tree(window: WebviewWindow, state: State<'_, AppState>) -> Result<OrgTree> {
    state.as_staff(window.label(), |st, me| st.party_org_tree(me)).await
}

#[tauri::command]
pub async fn party_org_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<OrgDetail> {
    state.as_staff(window.label(), move |st, me| st.party_org_get(me, id)).await
}

#[tauri::command]
pub async fn party_org_create(window: WebviewWindow, state: State<'_, AppState>, input: OrgInput) -> Result<OrgDetail> {
    state.as_staff(window.label(), move |st, me| st.party_org_create(me, &input)).await
}

#[tauri::command]
pub async fn party_org_event(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: OrgEventInput,
) -> Result<OrgDetail> {
    state.as_staff(window.label(), move |st, me| st.party_org_event(me, &input)).await
}

#[tauri::command]
pub async fn party_members(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MemberQuery,
) -> Result<MemberPage> {
    state.as_staff(window.label(), move |st, me| st.party_members(me, &input)).await
}

#[tauri::command]
pub async fn party_member_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<MemberDetail> {
    state.as_staff(window.label(), move |st, me| st.party_member_get(me, id)).await
}

#[tauri::command]
pub async fn party_member_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MemberCreateInput,
) -> Result<MemberDetail> {
    state.as_staff(window.label(), move |st, me| st.party_member_create(me, &input)).await
}

#[tauri::command]
pub async fn party_member_update(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MemberUpdateInput,
) -> Result<MemberDetail> {
    state.as_staff(window.label(), move |st, me| st.party_member_update(me, &input)).await
}

#[tauri::command]
pub async fn party_member_event(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MemberEventInput,
) -> Result<MemberDetail> {
    state.as_staff(window.label(), move |st, me| st.party_member_event(me, &input)).await
}

#[tauri::command]
pub async fn party_meetings(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MeetingQuery,
) -> Result<Vec<MeetingRow>> {
    state.as_staff(window.label(), move |st, me| st.party_meetings(me, &input)).await
}

#[tauri::command]
pub async fn party_meeting_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<MeetingDetail> {
    state.as_staff(window.label(), move |st, me| st.party_meeting_get(me, id)).await
}

#[tauri::command]
pub async fn party_meeting_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MeetingInput,
) -> Result<MeetingDetail> {
    state.as_staff(window.label(), move |st, me| st.party_meeting_save(me, &input)).await
}

#[tauri::command]
pub async fn party_meeting_step(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MeetingStepInput,
) -> Result<MeetingDetail> {
    state.as_staff(window.label(), move |st, me| st.party_meeting_step(me, &input)).await
}

#[tauri::command]
pub async fn party_meeting_note(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MeetingNoteInput,
) -> Result<MeetingDetail> {
    state.as_staff(window.label(), move |st, me| st.party_meeting_note(me, &input)).await
}

#[tauri::command]
pub async fn party_quotas(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<Quota>> {
    state.as_staff(window.label(), |st, me| st.party_quotas(me)).await
}

#[tauri::command]
pub async fn party_quotas_set(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: Vec<Quota>,
) -> Result<Vec<Quota>> {
    state.as_staff(window.label(), move |st, me| st.party_quotas_set(me, &input)).await
}

#[tauri::command]
pub async fn party_compliance(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ComplianceInput,
) -> Result<ComplianceReport> {
    state.as_staff(window.label(), move |st, me| st.party_compliance(me, &input)).await
}

#[tauri::command]
pub async fn party_due_now(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<ComplianceRow>> {
    state.as_staff(window.label(), |st, me| st.party_due_now(me)).await
}

#[tauri::command]
pub async fn party_dues_reduce(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DuesReductionInput,
) -> Result<MemberDetail> {
    state.as_staff(window.label(), move |st, me| st.party_dues_reduce(me, &input)).await
}

#[tauri::command]
pub async fn party_dues_pay(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DuesPayInput,
) -> Result<DuesSheetView> {
    state.as_staff(window.label(), move |st, me| st.party_dues_pay(me, &input)).await
}

#[tauri::command]
pub async fn party_dues_void(window: WebviewWindow, state: State<'_, AppState>, input: DuesVoidInput) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.party_dues_void(me, &input)).await
}

#[tauri::command]
pub async fn party_dues_sheet(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DuesSheetInput,
) -> Result<DuesSheetResult> {
    state.as_staff(window.label(), move |st, me| st.party_dues_sheet(me, &input)).await
}

#[tauri::command]
pub async fn party_dues_close(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DuesCloseInput,
) -> Result<DuesSheetView> {
    state.as_staff(window.label(), move |st, me| st.party_dues_close(me, &input)).await
}

#[tauri::command]
pub async fn party_dues_reopen(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DuesReopenInput,
) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.party_dues_reopen(me, &input)).await
}

#[tauri::command]
pub async fn party_dues_closings(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<DuesClosingRecord>> {
    state.as_staff(window.label(), |st, me| st.party_dues_closings(me)).await
}
