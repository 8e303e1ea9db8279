//! StationDesk's core: the domain and all SQL, free of Tauri so its tests are fast.
//! One module per domain area; `Station` is the handle every operation hangs off.

pub mod activities;
pub mod actor;
pub mod app;
pub mod backups;
pub mod bindings;
pub mod cases;
pub mod clock;
pub mod db;
pub mod demo;
pub mod error;
pub mod guard;
pub mod home;
pub mod import;
pub mod invariants;
pub mod inventory;
pub mod names;
pub mod party;
pub mod photos;
pub mod places;
pub mod privacy;
pub mod report;
pub mod residents;
pub mod search;
pub mod session;
pub mod settings;
pub mod staff;
pub mod tabular;
pub mod testing;
pub mod validate;
pub mod volunteers;
pub mod wishes;

pub use actor::{Actor, Role, StaffActor};
pub use db::Station;
pub use error::{AppError, ErrorCode, Result};
