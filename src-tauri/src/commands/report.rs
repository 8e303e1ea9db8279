//! 月度汇总 (monthly summary): the report for a month or date range, closing and reopening
//! a month, and exports through the save dialog. Desk window only; reopening is admin-only
//! in the core.

use crate::dialogs;
use crate::printing;
use crate::state::AppState;
use station_core::app::ExportOutcome;
use station_core::report::*;
use station_core::Result;
use tauri::{State, WebviewWindow};

const CSV: dialogs::Filter = ("CSV 文件", &["csv"]);

#[tauri::command]
pub async fn report_get(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReportInput,
) -> Result<MonthlyReport> {
    state.as_staff(window.label(), move |st, me| st.report(me, &input)).await
}

#[tauri::command]
pub async fn report_close(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CloseInput,
) -> Result<MonthlyReport> {
    state.as_staff(window.label(), move |st, me| st.report_close(me, &input)).await
}

#[tauri::command]
pub async fn report_reopen(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReopenInput,
) -> Result<MonthlyReport> {
    state.as_staff(window.label(), move |st, me| st.report_reopen(me, &input)).await
}

#[tauri::command]
pub async fn report_closings(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<ClosingRecord>> {
    state.as_staff(window.label(), |st, me| st.report_closings(me)).await
}

/// Walks the chain of closings (each links the one before): intact, or which links broke.
#[tauri::command]
pub async fn report_verify_chain(window: WebviewWindow, state: State<'_, AppState>) -> Result<ChainCheck> {
    state.as_staff(window.label(), |st, me| st.report_verify_chain(me)).await
}

/// The report to an .xlsx or .csv file chosen in the save dialog.
#[tauri::command]
pub async fn report_export(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReportInput,
    format: ReportFormat,
) -> Result<Option<ExportOutcome>> {
    let bounds = state
        .as_staff(window.label(), {
            let i = input.clone();
            move |st, _| st.report_bounds(&i)
        })
        .await?;
    let (filter, ext) = if format == ReportFormat::Csv { (CSV, "csv") } else { (dialogs::XLSX, "xlsx") };
    let name =
        format!("月度工作汇总_{}.{ext}", bounds.month.unwrap_or_else(|| format!("{}_{}", bounds.from, bounds.to)));
    let Some(path) = dialogs::save_path(&window, "导出月度工作汇总", &name, &[filter]).await? else {
        return Ok(None);
    };
    let file = path.clone();
    let report = state.as_staff(window.label(), move |st, me| st.report_export(me, &input, format, &file)).await?;
    // rows: how many figures the file holds
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: flatten(&report).len() as u32 }))
}

/// The system print dialog for what the print root shows, on A4 with the PDF export's
/// margins (the summary is laid out on fixed A4 sheets). True when printed.
#[tauri::command]
pub async fn report_print(window: WebviewWindow, state: State<'_, AppState>) -> Result<bool> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    printing::print_dialog(&window).await
}
