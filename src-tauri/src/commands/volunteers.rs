//! Volunteers and service hours: roster, partner units, duty roster, sign-in/out, hours
//! ledger (staff commands), and the volunteer's own kiosk commands (phone + PIN each time).

use crate::dialogs;
use crate::state::AppState;
use station_core::app::ExportOutcome;
use station_core::volunteers::attendance::{AttendanceInput, ReviewInput, ReviewItem};
use station_core::volunteers::kiosk::{
    KioskReceipt, KioskReportInput, KioskTakeSlotInput, KioskVolunteerAuth, KioskVolunteerView,
};
use station_core::volunteers::ledger::{
    CertificateQuery, ClaimDecision, ClaimInput, HourClaim, LedgerCorrection, LedgerEntry, RankingQuery, RankingRow,
    ServiceCertificate, ServiceKindRule,
};
use station_core::volunteers::national::{
    suggested_file_name, NationalBatch, NationalExportOutcome, NationalExportPreview, NationalExportQuery,
    NationalFormat,
};
use station_core::volunteers::roster::{
    Volunteer, VolunteerInput, VolunteerKind, VolunteerKindInput, VolunteerPage, VolunteerPinInput, VolunteerQuery,
    VolunteerStatusInput, VolunteerUpdate,
};
use station_core::volunteers::shifts::{
    AssignInput, AssignResult, DateRange, DutyPosition, ShiftCreateInput, ShiftTemplate, ShiftView, UnassignInput,
};
use station_core::volunteers::units::{PartnerUnit, PartnerUnitInput};
use station_core::Result;
use tauri::{State, WebviewWindow};

const CSV: dialogs::Filter = ("CSV 文件", &["csv"]);

#[tauri::command]
pub async fn volunteers_search(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerQuery,
) -> Result<VolunteerPage> {
    state.as_staff(window.label(), move |st, me| st.volunteers_search(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Volunteer> {
    state.as_staff(window.label(), move |st, me| st.volunteer_get(me, id)).await
}

#[tauri::command]
pub async fn volunteers_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerInput,
) -> Result<Volunteer> {
    state.as_staff(window.label(), move |st, me| st.volunteer_create(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_update(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerUpdate,
) -> Result<Volunteer> {
    state.as_staff(window.label(), move |st, me| st.volunteer_update(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_set_status(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerStatusInput,
) -> Result<Volunteer> {
    state.as_staff(window.label(), move |st, me| st.volunteer_set_status(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_set_pin(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerPinInput,
) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.volunteer_set_pin(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_today(window: WebviewWindow, state: State<'_, AppState>) -> Result<String> {
    state.as_staff(window.label(), |st, me| Ok(st.volunteers_today(me))).await
}

#[tauri::command]
pub async fn volunteers_kinds(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<VolunteerKind>> {
    state.as_staff(window.label(), |st, _| st.volunteer_kinds()).await
}

#[tauri::command]
pub async fn volunteers_kind_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerKindInput,
) -> Result<Vec<VolunteerKind>> {
    state.as_staff(window.label(), move |st, me| st.volunteer_kind_save(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_history(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Vec<LedgerEntry>> {
    state.as_staff(window.label(), move |st, me| st.volunteer_history(me, id)).await
}

#[tauri::command]
pub async fn volunteers_ledger_correct(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: LedgerCorrection,
) -> Result<Vec<LedgerEntry>> {
    state.as_staff(window.label(), move |st, me| st.ledger_correct(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_service_kinds(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Vec<ServiceKindRule>> {
    state.as_staff(window.label(), |st, _| st.service_kind_rules()).await
}

#[tauri::command]
pub async fn volunteers_service_kind_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ServiceKindRule,
) -> Result<Vec<ServiceKindRule>> {
    state.as_staff(window.label(), move |st, me| st.service_kind_rule_save(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_ranking(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: RankingQuery,
) -> Result<Vec<RankingRow>> {
    state.as_staff(window.label(), move |st, me| st.volunteer_ranking(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_certificate(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CertificateQuery,
) -> Result<ServiceCertificate> {
    state.as_staff(window.label(), move |st, me| st.volunteer_certificate(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_claim_record(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ClaimInput,
) -> Result<HourClaim> {
    state.as_staff(window.label(), move |st, me| st.hour_claim_record(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_claims_pending(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<HourClaim>> {
    state.as_staff(window.label(), |st, me| st.hour_claims_pending(me)).await
}

#[tauri::command]
pub async fn volunteers_claim_decide(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ClaimDecision,
) -> Result<HourClaim> {
    state.as_staff(window.label(), move |st, me| st.hour_claim_decide(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_units(
    window: WebviewWindow,
    state: State<'_, AppState>,
    include_archived: bool,
) -> Result<Vec<PartnerUnit>> {
    state.as_staff(window.label(), move |st, me| st.partner_units(me, include_archived)).await
}

#[tauri::command]
pub async fn volunteers_unit_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: PartnerUnitInput,
) -> Result<PartnerUnit> {
    state.as_staff(window.label(), move |st, me| st.partner_unit_save(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_positions(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<DutyPosition>> {
    state.as_staff(window.label(), |st, _| st.duty_positions()).await
}

#[tauri::command]
pub async fn volunteers_position_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DutyPosition,
) -> Result<Vec<DutyPosition>> {
    state.as_staff(window.label(), move |st, me| st.duty_position_save(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_templates(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<ShiftTemplate>> {
    state.as_staff(window.label(), |st, _| st.shift_templates()).await
}

#[tauri::command]
pub async fn volunteers_template_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ShiftTemplate,
) -> Result<Vec<ShiftTemplate>> {
    state.as_staff(window.label(), move |st, me| st.shift_template_save(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_shifts_generate(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DateRange,
) -> Result<u32> {
    state.as_staff(window.label(), move |st, me| st.shifts_generate(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_shift_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ShiftCreateInput,
) -> Result<ShiftView> {
    state.as_staff(window.label(), move |st, me| st.shift_create(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_roster(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DateRange,
) -> Result<Vec<ShiftView>> {
    state.as_staff(window.label(), move |st, me| st.shifts_roster(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_assign(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: AssignInput,
) -> Result<AssignResult> {
    state.as_staff(window.label(), move |st, me| st.shift_assign(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_unassign(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: UnassignInput,
) -> Result<ShiftView> {
    state.as_staff(window.label(), move |st, me| st.shift_unassign(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_sign_in(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: AttendanceInput,
) -> Result<i64> {
    state.as_staff(window.label(), move |st, me| st.attendance_sign_in(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_sign_out(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: AttendanceInput,
) -> Result<i64> {
    state.as_staff(window.label(), move |st, me| st.attendance_sign_out(me, &input)).await
}

#[tauri::command]
pub async fn volunteers_reviews(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<ReviewItem>> {
    state.as_staff(window.label(), |st, me| st.attendance_reviews(me)).await
}

#[tauri::command]
pub async fn volunteers_review(window: WebviewWindow, state: State<'_, AppState>, input: ReviewInput) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.attendance_review(me, &input)).await
}

// ---- kiosk: the volunteer identifies with phone + PIN on every call ----

#[tauri::command]
pub async fn volunteers_kiosk_view(
    state: State<'_, AppState>,
    input: KioskVolunteerAuth,
) -> Result<KioskVolunteerView> {
    state.as_kiosk(move |st, _| st.volunteer_kiosk_view(&input)).await
}

#[tauri::command]
pub async fn volunteers_kiosk_take_slot(state: State<'_, AppState>, input: KioskTakeSlotInput) -> Result<KioskReceipt> {
    state.as_kiosk(move |st, _| st.volunteer_kiosk_take_slot(&input)).await
}

#[tauri::command]
pub async fn volunteers_kiosk_sign_in(state: State<'_, AppState>, input: KioskVolunteerAuth) -> Result<KioskReceipt> {
    state.as_kiosk(move |st, _| st.volunteer_kiosk_sign_in(&input)).await
}

#[tauri::command]
pub async fn volunteers_kiosk_sign_out(state: State<'_, AppState>, input: KioskVolunteerAuth) -> Result<KioskReceipt> {
    state.as_kiosk(move |st, _| st.volunteer_kiosk_sign_out(&input)).await
}

#[tauri::command]
pub async fn volunteers_kiosk_report(state: State<'_, AppState>, input: KioskReportInput) -> Result<KioskReceipt> {
    state.as_kiosk(move |st, _| st.volunteer_kiosk_report(&input)).await
}

// ---- exports to .xlsx (the save dialog first, then the core writes the file) ----

#[tauri::command]
pub async fn volunteers_export_roster(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: VolunteerQuery,
) -> Result<Option<ExportOutcome>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let Some(path) = dialogs::save_path(&window, "导出志愿者名册", "志愿者名册.xlsx", &[dialogs::XLSX]).await?
    else {
        return Ok(None);
    };
    let file = path.clone();
    let rows =
        state.as_staff(window.label(), move |st, me| st.volunteers_export_roster_xlsx(me, &input, &file)).await?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: rows as u32 }))
}

#[tauri::command]
pub async fn volunteers_export_hours(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: RankingQuery,
) -> Result<Option<ExportOutcome>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let Some(path) = dialogs::save_path(&window, "导出服务时长", "志愿服务时长.xlsx", &[dialogs::XLSX]).await?
    else {
        return Ok(None);
    };
    let file = path.clone();
    let rows = state.as_staff(window.label(), move |st, me| st.volunteers_export_hours_xlsx(me, &input, &file)).await?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: rows as u32 }))
}

// ---- records out to the national volunteer system (全国志愿服务信息系统) ----

#[tauri::command]
pub async fn volunteers_national_preview(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: NationalExportQuery,
) -> Result<NationalExportPreview> {
    state.as_staff(window.label(), move |st, me| st.volunteers_national_preview(me, &input)).await
}

/// The period's records to the file chosen in the save dialog; None when cancelled. The
/// preview runs first so a clerk (or a bad period) is refused before the dialog opens.
#[tauri::command]
pub async fn volunteers_national_export(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: NationalExportQuery,
    format: NationalFormat,
) -> Result<Option<NationalExportOutcome>> {
    let q = input.clone();
    state.as_staff(window.label(), move |st, me| st.volunteers_national_preview(me, &q)).await?;
    let filter = if format == NationalFormat::Csv { CSV } else { dialogs::XLSX };
    let name = suggested_file_name(&input, format);
    let Some(path) = dialogs::save_path(&window, "导出到全国志愿服务信息系统", &name, &[filter]).await?
    else {
        return Ok(None);
    };
    state
        .as_staff(window.label(), move |st, me| st.volunteers_national_export(me, &input, format, &path))
        .await
        .map(Some)
}

#[tauri::command]
pub async fn volunteers_national_batches(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Vec<NationalBatch>> {
    state.as_staff(window.label(), |st, me| st.volunteers_national_batches(me)).await
}
