//! Export what the desk's print root shows as a PDF file (the system print dialog is the
//! front end's `window.print()`).

use crate::dialogs;
use crate::printing;
use crate::state::AppState;
use station_core::app::PrintPdfInput;
use station_core::privacy::access::PrintAuditInput;
use station_core::Result;
use tauri::{State, WebviewWindow};

/// Asks where to save, prints the page there; the path, or None when cancelled.
#[tauri::command]
pub async fn print_pdf(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: PrintPdfInput,
) -> Result<Option<String>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let Some(path) = dialogs::save_path(&window, "导出 PDF", &input.default_name, &[dialogs::PDF]).await? else {
        return Ok(None);
    };
    printing::print_to_pdf(&window, &path, &input).await?;
    // a PDF leaves the station: audited with where it went (issue 17)
    let audit = PrintAuditInput {
        what: Some(input.default_name.trim_end_matches(".pdf").chars().take(60).collect::<String>())
            .filter(|w| !w.trim().is_empty())
            .unwrap_or_else(|| "PDF".to_string()),
        destination: path.display().to_string(),
        ..Default::default()
    };
    state.as_staff(window.label(), move |st, me| st.print_audit(me, &audit)).await?;
    Ok(Some(path.display().to_string()))
}
