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
        "residents_export",
        "home_summary",
        // cases (接诉即办)
        "cases_list",
        "cases_get",
        "cases_home",
        "cases_tick",
        "cases_report",
        "cases_accept",
        "cases_assign",
        "cases_investigate",
        "cases_resolve",
        "cases_department_report",
        "cases_escalate",
        "cases_send_back",
        "cases_reopen",
        "cases_close",
        "cases_archive",
        "cases_note",
        "cases_direct_report",
        "cases_feedback",
        "cases_followup",
        "cases_mark_unreasonable",
        "cases_review_unreasonable",
        "cases_photo_add",
        "cases_photos",
        "cases_figures",
        "cases_figures_export",
        "cases_handlers",
        "cases_settings",
        "cases_limits_save",
        "cases_calendar_save",
        "cases_department_save",
        // windows
        "desk_open_kiosk",
        "kiosk_info",
        "kiosk_exit",
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
