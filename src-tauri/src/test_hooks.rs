//! The environment variables tests steer the app with (`STATION_DESK_NOW` for the clock,
//! `STATION_DESK_TEST_*` for the native dialogs). They exist only in debug builds (what the
//! test suite runs): in the shipped release binary every one of them reads as unset, so
//! nobody can move a station's clock — and with it the month being closed, a booking's
//! deadline or a backup's date — or answer its file dialogs from the environment.
//! `scripts/deb-smoke.sh` checks it on the installed package.

use std::ffi::OsString;

/// Whether this build obeys test hooks at all.
pub const ENABLED: bool = cfg!(debug_assertions);

/// A test hook's value: None when unset, empty, or in a release build.
pub fn var(name: &str) -> Option<OsString> {
    debug_assert!(name.starts_with("STATION_DESK_"), "not a test hook: {name}");
    if !ENABLED {
        return None;
    }
    std::env::var_os(name).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_debug_build_reads_its_hooks_and_ignores_empty_ones() {
        // Unique names: tests run in parallel in one process.
        std::env::set_var("STATION_DESK_TEST_HOOK_PROBE", "/tmp/x");
        std::env::set_var("STATION_DESK_TEST_HOOK_EMPTY", "");
        assert_eq!(super::var("STATION_DESK_TEST_HOOK_PROBE").as_deref(), Some(std::ffi::OsStr::new("/tmp/x")));
        assert_eq!(super::var("STATION_DESK_TEST_HOOK_EMPTY"), None);
        const { assert!(super::ENABLED, "unit tests run on a debug build") };
    }
}
