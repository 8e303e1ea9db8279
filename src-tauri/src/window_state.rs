//! The desk window opens where it was left: size, position and whether it was maximized,
//! saved to `<data dir>/window-state.json` half a second after the last move or resize and
//! when the window closes. Restored bounds are clamped to a monitor that is still there (a
//! laptop taken off its second screen must not open the desk off-screen). The kiosk is always
//! fullscreen and has no state.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use tauri::{PhysicalPosition, PhysicalSize, WebviewWindow, WindowEvent};

pub const FILE_NAME: &str = "window-state.json";
const QUIET: Duration = Duration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowState {
    /// outer position and inner size of the normal (not maximized) window, physical pixels
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
    pub maximized: bool,
}

/// A monitor's area in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub x: i32,
    pub y: i32,
    pub width: u32,
    pub height: u32,
}

fn path(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE_NAME)
}

pub fn load(data_dir: &Path) -> Option<WindowState> {
    let text = std::fs::read_to_string(path(data_dir)).ok()?;
    serde_json::from_str(&text).ok()
}

fn save(data_dir: &Path, state: &WindowState) {
    let Ok(json) = serde_json::to_string_pretty(state) else { return };
    // Written aside and renamed: a crash mid-write leaves the old state, not half a file.
    let tmp = path(data_dir).with_extension("json.tmp");
    if std::fs::write(&tmp, json).and_then(|()| std::fs::rename(&tmp, path(data_dir))).is_err() {
        crate::applog::warn("could not save the window state");
    }
}

/// Fits saved bounds onto the monitors there are now: kept as they are when at least a
/// 200×100 corner-to-title strip is on some monitor, else centred on the first monitor;
/// never larger than the monitor it ends up on.
pub fn clamp(state: WindowState, monitors: &[Area]) -> WindowState {
    let Some(first) = monitors.first() else { return state };
    let visible = |m: &Area| {
        let left = state.x.max(m.x);
        let right = (state.x + state.width as i32).min(m.x + m.width as i32);
        let top = state.y.max(m.y);
        let bottom = (state.y + 100).min(m.y + m.height as i32);
        right - left >= 200 && bottom - top >= 50
    };
    let on = monitors.iter().find(|m| visible(m));
    let m = on.unwrap_or(first);
    let width = state.width.min(m.width);
    let height = state.height.min(m.height);
    let (x, y) = if on.is_some() {
        (state.x, state.y.max(m.y))
    } else {
        (m.x + (m.width - width) as i32 / 2, m.y + (m.height - height) as i32 / 2)
    };
    WindowState { x, y, width, height, maximized: state.maximized }
}

fn monitors(window: &WebviewWindow) -> Vec<Area> {
    window
        .available_monitors()
        .unwrap_or_default()
        .iter()
        .map(|m| Area { x: m.position().x, y: m.position().y, width: m.size().width, height: m.size().height })
        .collect()
}

/// Puts a freshly built (not yet maximized) desk window where it was.
pub fn restore(window: &WebviewWindow, saved: WindowState) {
    let state = clamp(saved, &monitors(window));
    let _ = window.set_size(PhysicalSize::new(state.width, state.height));
    let _ = window.set_position(PhysicalPosition::new(state.x, state.y));
    if state.maximized {
        let _ = window.maximize();
    }
}

fn current(window: &WebviewWindow, previous: Option<WindowState>) -> Option<WindowState> {
    if window.is_minimized().unwrap_or(false) {
        return previous;
    }
    let maximized = window.is_maximized().unwrap_or(false);
    if maximized {
        // The normal bounds are what un-maximizing returns to: keep the last ones seen.
        let normal = previous.unwrap_or(WindowState { x: 0, y: 0, width: 1366, height: 768, maximized });
        return Some(WindowState { maximized: true, ..normal });
    }
    let pos = window.outer_position().ok()?;
    let size = window.inner_size().ok()?;
    Some(WindowState { x: pos.x, y: pos.y, width: size.width, height: size.height, maximized: false })
}

/// Saves the window's state after moves and resizes settle, and at once when it closes.
pub fn track(window: &WebviewWindow, data_dir: PathBuf) {
    let (tx, rx) = mpsc::channel::<bool>();
    let watched = window.clone();
    std::thread::spawn(move || {
        let mut last = load(&data_dir);
        // Wait for a change, then for QUIET without one (or a close), then save.
        while let Ok(mut closing) = rx.recv() {
            while !closing {
                match rx.recv_timeout(QUIET) {
                    Ok(c) => closing = c,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return,
                }
            }
            if let Some(state) = current(&watched, last) {
                if Some(state) != last {
                    save(&data_dir, &state);
                    last = Some(state);
                }
            }
        }
    });
    window.on_window_event(move |event| {
        let _ = match event {
            WindowEvent::Moved(_) | WindowEvent::Resized(_) => tx.send(false),
            WindowEvent::CloseRequested { .. } => tx.send(true),
            _ => Ok(()),
        };
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL_HD: Area = Area { x: 0, y: 0, width: 1920, height: 1080 };
    const RIGHT: Area = Area { x: 1920, y: 0, width: 1366, height: 768 };

    fn at(x: i32, y: i32, width: u32, height: u32) -> WindowState {
        WindowState { x, y, width, height, maximized: false }
    }

    #[test]
    fn a_window_on_a_monitor_stays_where_it_was() {
        assert_eq!(clamp(at(100, 80, 1400, 900), &[FULL_HD]), at(100, 80, 1400, 900));
        assert_eq!(clamp(at(2000, 10, 1200, 700), &[FULL_HD, RIGHT]), at(2000, 10, 1200, 700));
    }

    #[test]
    fn a_window_left_on_a_monitor_that_is_gone_comes_back_centred_and_fits() {
        assert_eq!(clamp(at(2000, 10, 1300, 760), &[FULL_HD]), at(310, 160, 1300, 760));
        let small = Area { x: 0, y: 0, width: 1366, height: 768 };
        let back = clamp(WindowState { maximized: true, ..at(2500, 300, 1900, 1000) }, &[small]);
        assert_eq!(back, WindowState { maximized: true, ..at(0, 0, 1366, 768) });
    }

    #[test]
    fn a_title_bar_above_the_screen_is_pulled_down() {
        assert_eq!(clamp(at(100, -40, 1200, 700), &[FULL_HD]), at(100, 0, 1200, 700));
    }

    #[test]
    fn no_monitor_information_leaves_the_state_alone() {
        assert_eq!(clamp(at(5000, 5000, 800, 600), &[]), at(5000, 5000, 800, 600));
    }

    #[test]
    fn state_round_trips_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), None);
        let s = WindowState { maximized: true, ..at(10, 20, 1300, 700) };
        save(dir.path(), &s);
        assert_eq!(load(dir.path()), Some(s));
    }
}
