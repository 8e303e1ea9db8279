//! The TypeScript side of the command boundary, generated from these Rust types.
//! `ui/src/api/bindings.ts` is this module's output, committed; the test below fails when
//! a Rust type changed and the file was not regenerated (UPDATE_BINDINGS=1 rewrites it).

use ts_rs::TS;

macro_rules! declarations {
    ($($t:ty),* $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl())),*]
    };
}

pub fn typescript() -> String {
    use crate::*;
    let decls = declarations![
        error::ErrorCode,
        error::AppError,
        actor::Role,
        staff::StaffAccount,
        staff::SetupInput,
        staff::LoginInput,
        staff::StaffCreateInput,
        staff::PasswordResetInput,
        staff::PasswordChangeInput,
        staff::StaffDisableInput,
        settings::Settings,
        settings::KioskInfo,
        places::Grid,
        places::Compound,
        places::Building,
        places::Places,
        places::PlaceKind,
        places::PlaceInput,
        places::Tag,
        places::TagInput,
        residents::Gender,
        residents::ResidentInput,
        residents::ResidentUpdate,
        residents::Resident,
        residents::ResidentRow,
        residents::ResidentQuery,
        residents::ResidentPage,
        residents::PurgeInput,
        volunteers::roster::VolunteerStatus,
        volunteers::roster::AvailabilitySlot,
        volunteers::roster::VolunteerInput,
        volunteers::roster::VolunteerUpdate,
        volunteers::roster::Volunteer,
        volunteers::roster::VolunteerRow,
        volunteers::roster::VolunteerQuery,
        volunteers::roster::VolunteerPage,
        volunteers::roster::VolunteerStatusInput,
        volunteers::roster::VolunteerPinInput,
        volunteers::roster::VolunteerKind,
        volunteers::roster::VolunteerKindInput,
        volunteers::kiosk::VolunteerIdentity,
        volunteers::kiosk::KioskVolunteerAuth,
        volunteers::kiosk::KioskTakeSlotInput,
        volunteers::kiosk::KioskReportInput,
        volunteers::kiosk::KioskShift,
        volunteers::kiosk::KioskVolunteerView,
        volunteers::kiosk::KioskReceipt,
        volunteers::units::PartnerUnitInput,
        volunteers::units::PartnerUnit,
        volunteers::shifts::DutyPosition,
        volunteers::shifts::ShiftTemplate,
        volunteers::shifts::DateRange,
        volunteers::shifts::AssignedPerson,
        volunteers::shifts::ShiftView,
        volunteers::shifts::AssignInput,
        volunteers::shifts::AssignResult,
        volunteers::shifts::UnassignInput,
        volunteers::shifts::ShiftCreateInput,
        volunteers::attendance::AttendanceInput,
        volunteers::attendance::ReviewItem,
        volunteers::attendance::ReviewInput,
        volunteers::ledger::LedgerEntry,
        volunteers::ledger::LedgerCorrection,
        volunteers::ledger::RankingBy,
        volunteers::ledger::RankingQuery,
        volunteers::ledger::RankingRow,
        volunteers::ledger::ServiceKindRule,
        volunteers::ledger::ClaimInput,
        volunteers::ledger::ClaimStatus,
        volunteers::ledger::HourClaim,
        volunteers::ledger::ClaimDecision,
        volunteers::ledger::CertificateQuery,
        volunteers::ledger::CertificateLine,
        volunteers::ledger::ServiceCertificate,
        home::TagCount,
        home::AuditEntry,
        home::AuditPage,
        home::PageInput,
        home::HomeSummary,
        app::WindowKind,
        app::SessionInfo,
        app::AppStatus,
        app::RecoveryInfo,
        app::KioskExitInput,
        wishes::WishKind,
        wishes::WishState,
        wishes::WishStep,
        wishes::BoardColumn,
        wishes::WishPostInput,
        wishes::KioskWishInput,
        wishes::WishNoteInput,
        wishes::WishHelperInput,
        wishes::WishMergeInput,
        wishes::WishFulfilInput,
        wishes::WishCreditLine,
        wishes::WishCreditInput,
        wishes::HelperOption,
        wishes::Satisfaction,
        wishes::WishRateInput,
        wishes::KioskRateInput,
        wishes::WishQuery,
        wishes::WishRow,
        wishes::ColumnCount,
        wishes::WishBoard,
        wishes::WishHelper,
        wishes::WishTransition,
        wishes::WishDetail,
        wishes::WishReceipt,
        wishes::PublicWish,
        wishes::KioskWall,
        wishes::KioskWishView,
        wishes::KioskCodeInput,
        wishes::KioskVolunteerInput,
        wishes::KioskClaimInput,
        wishes::KioskFulfilInput,
        wishes::KioskReminder,
        wishes::KioskHelperView,
        app::Paper,
        app::PrintPdfInput,
        import::ImportTarget,
        import::ImportRequest,
        import::ImportField,
        import::ImportColumn,
        import::RowError,
        import::ImportSampleRow,
        import::ImportReport,
    ];
    let mut out = String::from(
        "// Generated from the Rust types in core/ by `UPDATE_BINDINGS=1 cargo test -p station-core bindings`.\n\
         // Do not edit by hand.\n\n",
    );
    for d in decls {
        // Row ids and counts are JSON numbers (serde writes i64 as a number, and SQLite ids
        // stay far below 2^53), not the `bigint` ts-rs assumes for 64-bit integers.
        out.push_str(&d.replace("bigint", "number"));
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_file_is_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/api/bindings.ts is out of date: run UPDATE_BINDINGS=1 cargo test -p station-core bindings"
        );
    }
}
