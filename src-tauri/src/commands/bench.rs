//! `bench_first_paint`: the desk calls it once its first screen is on screen (two animation
//! frames after the router's first route). With `STATION_DESK_BENCH_PAINT=1` (set only by
//! scripts/bench.sh) it prints the wall-clock moment, so the script can measure cold start to
//! first paint; otherwise it does nothing. It reads and returns no data.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

/// `detail`: the page's own phase marks (navigation start, DOM ready, mount, first route).
#[tauri::command]
pub fn bench_first_paint(detail: Option<String>) {
    if std::env::var_os("STATION_DESK_BENCH_PAINT").is_some_and(|v| v == "1") {
        let ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        // Only digits, letters, = and spaces pass: the line is for a script.
        let detail: String = detail
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '=' || *c == ' ')
            .take(200)
            .collect();
        println!("FIRST_PAINT_MS {ms} {detail}");
        let _ = std::io::stdout().flush();
    }
}
