//! The kiosk stands in a public room: every command the app registers that the kiosk's
//! capability does not grant is refused when called from the kiosk window, with no personal
//! data in the refusal. The lists are read from the sources (src-tauri/build.rs declares every
//! command; capabilities/kiosk.json grants the kiosk's), so a new command is covered the day
//! it is added.

use super::harness::{demo_data, App, Mode};
use serde_json::json;
use std::path::Path;

fn manifest_commands() -> Vec<String> {
    let build = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/build.rs"))
        .expect("src-tauri/build.rs");
    let start = build.find(".commands(&[").expect("the AppManifest commands list");
    let end = start + build[start..].find("]);").expect("end of the commands list");
    build[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.split('"').next()))
        .map(String::from)
        .collect()
}

fn kiosk_granted() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/capabilities/kiosk.json");
    let caps: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("kiosk.json")).expect("json");
    caps["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_command_the_kiosk_is_not_granted_is_refused_from_the_kiosk_window() {
    let commands = manifest_commands();
    let granted = kiosk_granted();
    assert!(commands.len() > 30, "read the command list: {commands:?}");
    assert!(granted.iter().all(|g| commands.contains(g)), "kiosk grants only declared commands: {granted:?}");
    let temp = tempfile::tempdir().expect("tempdir");
    demo_data(temp.path(), 12);
    let app = App::start_in(temp.path(), Mode::Kiosk, None).await;
    app.until("the kiosk home", || async { !app.text("kiosk-station-name").await.is_empty() }).await;
    let mut checked = 0;
    for command in commands.iter().filter(|c| !granted.contains(c)) {
        // plausible arguments, so a refusal cannot be a mere argument error
        let args = json!({ "id": 1, "input": { "id": 1, "page": 1, "pageSize": 50, "text": "" } });
        let refused = app.invoke(command, args).await.expect_err(command);
        let text = refused.to_string();
        assert!(
            text.contains("not allowed") || text.contains("KIOSK_FORBIDDEN") || text.contains("FORBIDDEN"),
            "{command} refused by the permission system, not by chance: {text}"
        );
        assert!(!text.contains("138") && !text.contains("139"), "{command} leaks no personal data: {text}");
        checked += 1;
    }
    assert!(checked >= 25, "{checked} staff commands checked");
    app.stop().await;
}
