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
        // activities
        "activities_venues_list",
        "activities_venue_save",
        "activities_venue_closure",
        "activities_categories",
        "activities_category_save",
        "activities_create",
        "activities_update",
        "activities_cancel",
        "activities_set_status",
        "activities_get",
        "activities_list",
        "activities_calendar",
        "activities_today",
        "activities_export_ics",
        "activities_book",
        "activities_booking_cancel",
        "activities_check_in",
        "activities_promotions",
        "activities_promotion_notified",
        "activities_attendance",
        "activities_requests_list",
        "activities_request_create",
        "activities_request_decide",
        "activities_kiosk_identify",
        "activities_kiosk_buildings",
        "activities_kiosk_register",
        "activities_kiosk_list",
        "activities_kiosk_book",
        "activities_kiosk_bookings",
        "activities_kiosk_cancel",
        "activities_kiosk_check_in",
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
