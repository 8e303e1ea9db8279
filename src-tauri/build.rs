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
        // inventory
        "inventory_categories",
        "inventory_category_save",
        "inventory_items",
        "inventory_item_get",
        "inventory_item_create",
        "inventory_item_update",
        "inventory_item_archive",
        "inventory_item_restore",
        "inventory_item_set_photo",
        "inventory_item_photo",
        "inventory_asset_label",
        "inventory_receive",
        "inventory_issue",
        "inventory_dispose",
        "inventory_reverse",
        "inventory_movements",
        "inventory_lend",
        "inventory_return",
        "inventory_renew",
        "inventory_loans",
        "inventory_reserve",
        "inventory_reservation_cancel",
        "inventory_reservations",
        "inventory_stocktake_start",
        "inventory_stocktake_finish",
        "inventory_stocktake_cancel",
        "inventory_stocktake_get",
        "inventory_stocktakes",
        "inventory_emergency",
        "inventory_home",
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
