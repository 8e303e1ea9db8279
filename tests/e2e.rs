//! End-to-end tests: the real app window (tauri-driver + WebKitWebDriver, under Xvfb),
//! driven through the flows a station worker and a resident use. One module per area.
//! Run: `cargo test --features custom-protocol --test e2e -- --test-threads=1`

mod e2e {
    pub mod flows;
    pub mod harness;

    mod activities;
    mod backups;
    mod cases;
    mod clock;
    mod demo;
    mod foundation;
    mod import_print;
    mod injection;
    mod inventory;
    mod kiosk_isolation;
    mod party;
    mod report;
    mod security;
    mod volunteers;
    mod wishes;
}
