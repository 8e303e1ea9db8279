// Declares every app command so tauri-build generates an `allow-<command>` permission for
// each; the capability files in src-tauri/capabilities/ then grant the desk window the staff
// commands and the kiosk window only the kiosk ones.
fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        // app and session
        "app_status",
        "recovery_restore",
        "setup_initialize",
        "auth_login",
        "auth_logout",
        "auth_current",
        "auth_change_password",
        // staff and settings (admin)
        "staff_list",
        "staff_create",
        "staff_reset_password",
        "staff_set_disabled",
        "settings_get",
        "settings_update",
        "places_list",
        "places_save",
        "tags_list",
        "tags_save",
        "audit_list",
        "demo_load",
        // residents
        "residents_search",
        "residents_get",
        "residents_create",
        "residents_update",
        "residents_archive",
        "residents_restore",
        "residents_purge",
        "home_summary",
        // windows
        "desk_open_kiosk",
        "kiosk_info",
        "kiosk_exit",
        // micro-wishes
        "wishes_board",
        "wishes_overdue",
        "wishes_get",
        "wishes_post",
        "wishes_publish",
        "wishes_assign",
        "wishes_claim",
        "wishes_reassign",
        "wishes_merge",
        "wishes_decline",
        "wishes_cancel",
        "wishes_remind",
        "wishes_note",
        "wishes_fulfil",
        "wishes_rate",
        "wishes_close",
        "wishes_set_credit",
        "wishes_photo",
        "wishes_receipt",
        "wishes_month_list",
        "wishes_helper_options",
        "wishes_kiosk_post",
        "wishes_kiosk_wall",
        "wishes_kiosk_photo",
        "wishes_kiosk_lookup",
        "wishes_kiosk_rate",
        "wishes_kiosk_helper",
        "wishes_kiosk_claim",
        "wishes_kiosk_fulfil",
        // import (residents, volunteers, items)
        "import_pick_file",
        "import_preview",
        "import_commit",
        // printing
        "print_pdf",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}
