//! The baseline for scripts/bench.sh: a window showing one page, which calls `first_paint`
//! two animation frames after it loaded; the command prints the wall-clock moment.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

#[tauri::command]
fn first_paint(detail: Option<String>) {
    let ms = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
    println!("FIRST_PAINT_MS {ms} {}", detail.unwrap_or_default());
    let _ = std::io::stdout().flush();
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![first_paint])
        .run(tauri::generate_context!())
        .expect("the hello window");
}
