//! Printing to a PDF file without a dialog, through the platform webview's own print
//! operation: on Linux WebKitGTK's `WebKitPrintOperation` with GtkPrintSettings' output-uri
//! (`window.print()` can only open the print dialog). The page prints what the front end put
//! in its print root (`ui/src/print/`), laid out by the print stylesheet.

use station_core::app::{Paper, PrintPdfInput};
use station_core::{AppError, ErrorCode, Result};
use std::path::Path;
use tauri::WebviewWindow;

/// The paper, orientation and margins of a printed page (also set on `settings`).
#[cfg(target_os = "linux")]
fn page_setup(settings: &gtk::PrintSettings, paper: &str, landscape: bool) -> gtk::PageSetup {
    let setup = gtk::PageSetup::new();
    setup.set_paper_size(&gtk::PaperSize::new(Some(paper)));
    let orientation = if landscape { gtk::PageOrientation::Landscape } else { gtk::PageOrientation::Portrait };
    setup.set_orientation(orientation);
    settings.set_orientation(orientation);
    // WebKitGTK ignores CSS @page margins: the page setup carries them (UI-GUIDE: ~25 mm).
    setup.set_top_margin(25.0, gtk::Unit::Mm);
    setup.set_bottom_margin(22.0, gtk::Unit::Mm);
    setup.set_left_margin(20.0, gtk::Unit::Mm);
    setup.set_right_margin(20.0, gtk::Unit::Mm);
    setup
}

/// Opens the GTK print dialog for the window's page with the same paper and margins as the
/// PDF export (`window.print()` uses the printer's default margins, so a document laid out
/// on fixed A4 sheets would not fit them); returns when the dialog is closed and, if the
/// person printed, the job is handed over. Ok(false) when cancelled.
#[cfg(target_os = "linux")]
pub async fn print_dialog(window: &WebviewWindow) -> Result<bool> {
    use webkit2gtk::PrintOperationExt;
    let (done_tx, done_rx) = std::sync::mpsc::channel::<std::result::Result<bool, String>>();
    window
        .with_webview(move |webview| {
            let op = webkit2gtk::PrintOperation::new(&webview.inner());
            let settings = gtk::PrintSettings::new();
            let setup = page_setup(&settings, gtk::PAPER_NAME_A4, false);
            op.set_print_settings(&settings);
            op.set_page_setup(&setup);
            let failed_tx = done_tx.clone();
            op.connect_failed(move |_, err| {
                let _ = failed_tx.send(Err(err.to_string()));
            });
            let finished_tx = done_tx.clone();
            op.connect_finished(move |_| {
                let _ = finished_tx.send(Ok(true));
            });
            // a nested main loop until the person closes the dialog
            if op.run_dialog(None::<&gtk::Window>) == webkit2gtk::PrintOperationResponse::Cancel {
                let _ = done_tx.send(Ok(false));
            }
        })
        .map_err(AppError::internal)?;
    let outcome =
        tauri::async_runtime::spawn_blocking(move || done_rx.recv_timeout(std::time::Duration::from_secs(3600)))
            .await
            .map_err(AppError::internal)?;
    match outcome {
        Ok(Ok(printed)) => Ok(printed),
        Ok(Err(e)) => Err(AppError::new(ErrorCode::Io, format!("打印失败：{e}"))),
        Err(_) => Ok(false),
    }
}

#[cfg(not(target_os = "linux"))]
pub async fn print_dialog(window: &WebviewWindow) -> Result<bool> {
    window.print().map_err(AppError::internal)?;
    Ok(true)
}

/// The `file://` URL GTK writes the PDF to. Built by the URL library, not by pasting the path:
/// a `#` or `%` in a folder or file name (常见于“2026#1栋.pdf”) would otherwise cut the path or
/// decode to another one, and the PDF would land somewhere else.
pub fn pdf_output_uri(path: &Path) -> Result<String> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    tauri::Url::from_file_path(&absolute)
        .map(String::from)
        .map_err(|()| AppError::validation("path", format!("无法使用这个保存位置：{}", path.display())))
}

/// Prints the window's page into a PDF file at `path`; returns when the file is written.
#[cfg(target_os = "linux")]
pub async fn print_to_pdf(window: &WebviewWindow, path: &Path, input: &PrintPdfInput) -> Result<()> {
    use webkit2gtk::PrintOperationExt;
    let uri = pdf_output_uri(path)?;
    let landscape = input.landscape;
    let paper = match input.paper {
        Paper::A4 => gtk::PAPER_NAME_A4.to_string(),
        Paper::A5 => gtk::PAPER_NAME_A5.to_string(),
    };
    let (done_tx, done_rx) = std::sync::mpsc::channel::<std::result::Result<(), String>>();
    window
        .with_webview(move |webview| {
            let op = webkit2gtk::PrintOperation::new(&webview.inner());
            let settings = gtk::PrintSettings::new();
            settings.set_printer("Print to File");
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
            settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(&uri));
            let setup = page_setup(&settings, &paper, landscape);
            op.set_print_settings(&settings);
            op.set_page_setup(&setup);
            let failed_tx = done_tx.clone();
            op.connect_failed(move |_, err| {
                let _ = failed_tx.send(Err(err.to_string()));
            });
            op.connect_finished(move |_| {
                let _ = done_tx.send(Ok(()));
            });
            op.print();
        })
        .map_err(AppError::internal)?;
    let outcome =
        tauri::async_runtime::spawn_blocking(move || done_rx.recv_timeout(std::time::Duration::from_secs(60)))
            .await
            .map_err(AppError::internal)?;
    match outcome {
        Ok(Ok(())) if path.exists() => Ok(()),
        Ok(Ok(())) => Err(AppError::new(ErrorCode::Io, "打印完成，但没有生成 PDF 文件")),
        Ok(Err(e)) => Err(AppError::new(ErrorCode::Io, format!("导出 PDF 失败：{e}"))),
        Err(_) => Err(AppError::new(ErrorCode::Io, "导出 PDF 超时，请改用「打印」并选择“打印到文件”")),
    }
}

#[cfg(not(target_os = "linux"))]
pub async fn print_to_pdf(_window: &WebviewWindow, _path: &Path, _input: &PrintPdfInput) -> Result<()> {
    Err(AppError::new(
        ErrorCode::Unsupported,
        "此系统上请用「打印」，在打印对话框中选择 PDF 打印机（如 Microsoft Print to PDF）",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_goes_where_it_was_asked_to_go_whatever_its_name() {
        let path = Path::new("/tmp/报表 2026#1栋 100%/11月?.pdf");
        let uri = pdf_output_uri(path).unwrap();
        assert!(uri.starts_with("file:///tmp/"), "{uri}");
        assert!(!uri.contains('#') && !uri.contains('?') && !uri.contains(' '), "{uri}");
        let back = tauri::Url::parse(&uri).unwrap().to_file_path().unwrap();
        assert_eq!(back, path, "the URL names exactly the file asked for");
    }
}
