//! 接诉即办 (cases): intake, the six steps, follow-up, figures and the case settings. All
//! staff commands (desk window, signed in); the limits and the calendar are admin-only in
//! the core.

use crate::dialogs;
use crate::state::AppState;
use station_core::app::ExportOutcome;
use station_core::cases::*;
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn cases_list(window: WebviewWindow, state: State<'_, AppState>, input: CaseQuery) -> Result<CasePage> {
    state.as_staff(window.label(), move |st, me| st.cases_list(me, &input)).await
}

#[tauri::command]
pub async fn cases_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_get(me, id)).await
}

#[tauri::command]
pub async fn cases_home(window: WebviewWindow, state: State<'_, AppState>) -> Result<CasesHome> {
    state.as_staff(window.label(), |st, me| st.cases_home(me)).await
}

#[tauri::command]
pub async fn cases_tick(window: WebviewWindow, state: State<'_, AppState>) -> Result<u32> {
    state.as_staff(window.label(), |st, _| st.cases_tick()).await
}

#[tauri::command]
pub async fn cases_report(window: WebviewWindow, state: State<'_, AppState>, input: CaseInput) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_report(me, &input)).await
}

#[tauri::command]
pub async fn cases_accept(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseStepInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_accept(me, &input)).await
}

#[tauri::command]
pub async fn cases_assign(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseAssignInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_assign(me, &input)).await
}

#[tauri::command]
pub async fn cases_investigate(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseStepInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_investigate(me, &input)).await
}

#[tauri::command]
pub async fn cases_resolve(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseResolveInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_resolve(me, &input)).await
}

#[tauri::command]
pub async fn cases_department_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseStepInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_department_report(me, &input)).await
}

#[tauri::command]
pub async fn cases_escalate(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseEscalateInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_escalate(me, &input)).await
}

#[tauri::command]
pub async fn cases_send_back(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseReasonInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_send_back(me, &input)).await
}

#[tauri::command]
pub async fn cases_reopen(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseReasonInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_reopen(me, &input)).await
}

#[tauri::command]
pub async fn cases_close(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseCloseInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_close(me, &input)).await
}

#[tauri::command]
pub async fn cases_archive(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseStepInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_archive(me, &input)).await
}

#[tauri::command]
pub async fn cases_note(window: WebviewWindow, state: State<'_, AppState>, input: CaseStepInput) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_note(me, &input)).await
}

#[tauri::command]
pub async fn cases_direct_report(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseCallInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_direct_report(me, &input)).await
}

#[tauri::command]
pub async fn cases_feedback(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseFeedbackInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_feedback(me, &input)).await
}

#[tauri::command]
pub async fn cases_followup(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseFollowupInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_followup(me, &input)).await
}

#[tauri::command]
pub async fn cases_mark_unreasonable(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseReasonInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_mark_unreasonable(me, &input)).await
}

#[tauri::command]
pub async fn cases_review_unreasonable(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CaseReviewInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_review_unreasonable(me, &input)).await
}

#[tauri::command]
pub async fn cases_photo_add(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CasePhotoInput,
) -> Result<CaseDetail> {
    state.as_staff(window.label(), move |st, me| st.case_photo_add(me, &input)).await
}

#[tauri::command]
pub async fn cases_photos(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Vec<CasePhoto>> {
    state.as_staff(window.label(), move |st, me| st.case_photos(me, id)).await
}

#[tauri::command]
pub async fn cases_figures(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: FiguresInput,
) -> Result<CaseFigures> {
    state.as_staff(window.label(), move |st, me| st.cases_figures(me, &input)).await
}

#[tauri::command]
pub async fn cases_handlers(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<HandlerOption>> {
    state.as_staff(window.label(), |st, me| st.case_handlers(me)).await
}

#[tauri::command]
pub async fn cases_settings(window: WebviewWindow, state: State<'_, AppState>) -> Result<CaseSettings> {
    state.as_staff(window.label(), |st, _| st.cases_settings()).await
}

#[tauri::command]
pub async fn cases_limits_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: Vec<CaseLimit>,
) -> Result<Vec<CaseLimit>> {
    state.as_staff(window.label(), move |st, me| st.cases_limits_save(me, &input)).await
}

#[tauri::command]
pub async fn cases_calendar_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CalendarDayInput,
) -> Result<Vec<CalendarDay>> {
    state.as_staff(window.label(), move |st, me| st.cases_calendar_save(me, &input)).await
}

#[tauri::command]
pub async fn cases_department_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DepartmentInput,
) -> Result<Vec<Department>> {
    state.as_staff(window.label(), move |st, me| st.case_department_save(me, &input)).await
}

/// The figures to an .xlsx file chosen in the save dialog (None when the dialog is cancelled).
#[tauri::command]
pub async fn cases_figures_export(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: FiguresInput,
) -> Result<Option<ExportOutcome>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let default_name = format!("接诉即办统计_{}.xlsx", input.to_month);
    let Some(path) = dialogs::save_path(&window, "导出接诉即办统计", &default_name, &[dialogs::XLSX]).await?
    else {
        return Ok(None);
    };
    let file = path.clone();
    let rows = state.as_staff(window.label(), move |st, me| st.cases_figures_export_xlsx(me, &input, &file)).await?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: rows as u32 }))
}
