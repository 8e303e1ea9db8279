//! Helpers for tests and benchmarks: a fresh in-memory station with an admin and a clerk.

use crate::actor::{Role, StaffActor};
use crate::staff::{SetupInput, StaffCreateInput};
use crate::Station;

pub const ADMIN_PASSWORD: &str = "station-2026";

pub fn setup_input() -> SetupInput {
    SetupInput {
        station_name: "阳光花园党群服务站".into(),
        community: "凤台社区".into(),
        address: "凤台街道1号".into(),
        admin_username: "admin".into(),
        admin_display_name: "王站长".into(),
        admin_password: ADMIN_PASSWORD.into(),
        load_demo: false,
    }
}

/// Panics on failure: for tests and benchmarks only.
pub fn station_with_admin() -> (Station, StaffActor, StaffActor) {
    let mut st = Station::open_in_memory().expect("in-memory station");
    let (admin, clerk) = add_admin_and_clerk(&mut st);
    (st, admin, clerk)
}

pub fn add_admin_and_clerk(st: &mut Station) -> (StaffActor, StaffActor) {
    let admin = st.initialize(&setup_input()).expect("setup").actor();
    let clerk = st
        .staff_create(
            &admin,
            &StaffCreateInput {
                username: "clerk".into(),
                display_name: "李文".into(),
                password: "desk-pass-1".into(),
                role: Role::Staff,
            },
        )
        .expect("clerk")
        .actor();
    (admin, clerk)
}
