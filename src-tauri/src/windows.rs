//! Creating the desk and kiosk windows. The kiosk goes fullscreen on a second monitor
//! when there is one (a PC with a customer-facing touch screen), else on the only one.

use crate::window_state;
use station_core::app::WindowKind;
use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindow, WebviewWindowBuilder, WindowEvent};

pub const DESK: &str = WindowKind::DESK_LABEL;
pub const KIOSK: &str = WindowKind::KIOSK_LABEL;

/// Opens the desk window where it was last left (maximized the first time), or brings the
/// open one to the front.
pub fn open_desk(app: &AppHandle) -> tauri::Result<WebviewWindow> {
    if let Some(existing) = app.get_webview_window(DESK) {
        bring_to_front(&existing)?;
        return Ok(existing);
    }
    let data_dir = app.state::<crate::state::AppState>().data_dir.clone();
    let saved = window_state::load(&data_dir);
    let desk = WebviewWindowBuilder::new(app, DESK, WebviewUrl::App("index.html".into()))
        .title("党群服务站工作台")
        .inner_size(1366.0, 768.0)
        .min_inner_size(1200.0, 680.0)
        .maximized(saved.is_none())
        .build()?;
    if let Some(saved) = saved {
        window_state::restore(&desk, saved);
    }
    window_state::track(&desk, data_dir);
    // Closing the desk closes the app, kiosk included.
    let handle = app.clone();
    desk.on_window_event(move |event| match event {
        WindowEvent::CloseRequested { .. } => {
            crate::single_instance::CLOSING.store(true, std::sync::atomic::Ordering::SeqCst);
        }
        WindowEvent::Destroyed => {
            crate::single_instance::CLOSING.store(true, std::sync::atomic::Ordering::SeqCst);
            handle.exit(0);
        }
        _ => {}
    });
    Ok(desk)
}

pub fn open_kiosk(app: &AppHandle) -> tauri::Result<()> {
    if let Some(existing) = app.get_webview_window(KIOSK) {
        return bring_to_front(&existing);
    }
    let kiosk = WebviewWindowBuilder::new(app, KIOSK, WebviewUrl::App("index.html".into()))
        .title("党群服务站 自助服务")
        .decorations(false)
        .resizable(false)
        .build()?;
    if let Some(monitor) = second_monitor(app) {
        kiosk.set_position(*monitor.position())?;
    }
    kiosk.set_fullscreen(true)?;
    // A resident cannot close it (Alt+F4): only kiosk_exit with the kiosk exit PIN does.
    let guard = kiosk.clone();
    kiosk.on_window_event(move |event| {
        if let WindowEvent::CloseRequested { api, .. } = event {
            api.prevent_close();
            let _ = guard.set_focus();
        }
    });
    Ok(())
}

/// What a second launch on the same data folder asks for: the window shown, un-minimized
/// and focused.
pub fn bring_to_front(window: &WebviewWindow) -> tauri::Result<()> {
    if window.is_minimized().unwrap_or(false) {
        window.unminimize()?;
    }
    window.show()?;
    window.set_focus()
}

fn second_monitor(app: &AppHandle) -> Option<tauri::Monitor> {
    let primary = app.primary_monitor().ok().flatten()?;
    app.available_monitors().ok()?.into_iter().find(|m| m.position() != primary.position())
}
