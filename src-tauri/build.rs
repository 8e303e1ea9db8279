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
        "volunteers_export_roster",
        "volunteers_export_hours",
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
        "inventory_export_ledger",
        "inventory_export_stock",
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
        // monthly summary
        "report_get",
        "report_close",
        "report_reopen",
        "report_closings",
        "report_export",
        "report_print",
        // backups and the about page (admin / staff, desk only)
        "backups_list",
        "backups_create",
        "backups_save_as",
        "backups_inspect_file",
        "backups_inspect",
        "backups_restore",
        "app_about",
        "app_open_folder",
        // scripts/bench.sh: cold start to first paint (a no-op unless STATION_DESK_BENCH_PAINT=1)
        "bench_first_paint",
    ]);
    build_id();
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}

/// STATION_DESK_BUILD: the git commit the app is built from, for the 关于 page. Skipped (the
/// page shows none) outside a git checkout or without git.
fn build_id() {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    if let Some(hash) = git(&["rev-parse", "--short", "HEAD"]) {
        println!("cargo:rustc-env=STATION_DESK_BUILD={hash}");
        // Rebuild the id when HEAD moves (a commit updates the branch's ref file).
        let branch = git(&["rev-parse", "--symbolic-full-name", "HEAD"]).filter(|b| b.starts_with("refs/"));
        for name in ["HEAD".to_string()].into_iter().chain(branch) {
            if let Some(path) = git(&["rev-parse", "--git-path", &name]) {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}
