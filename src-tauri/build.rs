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
        // volunteers
        "volunteers_search",
        "volunteers_get",
        "volunteers_create",
        "volunteers_update",
        "volunteers_set_status",
        "volunteers_set_pin",
        "volunteers_today",
        "volunteers_kinds",
        "volunteers_kind_save",
        "volunteers_history",
        "volunteers_ledger_correct",
        "volunteers_service_kinds",
        "volunteers_service_kind_save",
        "volunteers_ranking",
        "volunteers_certificate",
        "volunteers_claim_record",
        "volunteers_claims_pending",
        "volunteers_claim_decide",
        "volunteers_units",
        "volunteers_unit_save",
        "volunteers_positions",
        "volunteers_position_save",
        "volunteers_templates",
        "volunteers_template_save",
        "volunteers_shifts_generate",
        "volunteers_shift_create",
        "volunteers_roster",
        "volunteers_assign",
        "volunteers_unassign",
        "volunteers_sign_in",
        "volunteers_sign_out",
        "volunteers_reviews",
        "volunteers_review",
        "volunteers_kiosk_view",
        "volunteers_kiosk_take_slot",
        "volunteers_kiosk_sign_in",
        "volunteers_kiosk_sign_out",
        "volunteers_kiosk_report",
        // windows
        "desk_open_kiosk",
        "kiosk_info",
        "kiosk_exit",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}
