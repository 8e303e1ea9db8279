//! The command adapters: one file per domain area, each command a line or three over the
//! core. Errors cross as `{code, message, field}`.

pub mod activities;
pub mod app;
pub mod auth;
pub mod backups;
pub mod bench;
pub mod cases;
pub mod import;
pub mod inventory;
pub mod kiosk;
pub mod party;
pub mod print;
pub mod privacy;
pub mod report;
pub mod residents;
pub mod search;
pub mod settings;
pub mod staff;
pub mod volunteers;
pub mod wishes;
