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
        cases::CaseKind,
        cases::CaseSource,
        cases::Urgency,
        cases::Level,
        cases::CaseStatus,
        cases::CaseAction,
        cases::DisputeStage,
        cases::Resolution,
        cases::Satisfaction,
        cases::FeedbackChannel,
        cases::FollowupMethod,
        cases::DayKind,
        cases::DueKind,
        cases::ClockState,
        cases::CaseClock,
        cases::CaseRow,
        cases::CaseQuery,
        cases::CasePage,
        cases::CaseTransition,
        cases::CaseCall,
        cases::CaseFeedback,
        cases::CaseFollowup,
        cases::Unreasonable,
        cases::CaseDetail,
        cases::CasesHome,
        cases::CaseLimit,
        cases::CalendarDay,
        cases::CalendarDayInput,
        cases::Department,
        cases::DepartmentInput,
        cases::CaseSettings,
        cases::CaseInput,
        cases::CaseStepInput,
        cases::CaseReasonInput,
        cases::CaseAssignInput,
        cases::CaseResolveInput,
        cases::CaseEscalateInput,
        cases::CaseCloseInput,
        cases::CaseFeedbackInput,
        cases::CaseFollowupInput,
        cases::CaseReviewInput,
        cases::CaseCallInput,
        cases::HandlerOption,
        cases::CasePhotoInput,
        cases::CasePhoto,
        cases::FiguresInput,
        cases::FigureRow,
        cases::CaseFigures,
        home::TagCount,
        home::AuditEntry,
        home::AuditPage,
        home::PageInput,
        home::HomeSummary,
        inventory::ItemKind,
        inventory::BorrowerKind,
        inventory::MovementKind,
        inventory::Category,
        inventory::CategoryInput,
        inventory::ItemInput,
        inventory::ItemUpdate,
        inventory::ItemRow,
        inventory::ItemQuery,
        inventory::ItemPage,
        inventory::Batch,
        inventory::AssetStatus,
        inventory::Asset,
        inventory::ItemDetail,
        inventory::AssetLabel,
        inventory::ItemPhotoInput,
        inventory::ReceiveSource,
        inventory::ReceiveInput,
        inventory::IssueInput,
        inventory::DisposeReason,
        inventory::DisposeInput,
        inventory::ReverseInput,
        inventory::MovementRow,
        inventory::MovementQuery,
        inventory::MovementPage,
        inventory::LendInput,
        inventory::ReturnCondition,
        inventory::ReturnInput,
        inventory::RenewInput,
        inventory::LoanStatus,
        inventory::LoanEvent,
        inventory::LoanRow,
        inventory::LoanFilter,
        inventory::LoanQuery,
        inventory::ReservationInput,
        inventory::Reservation,
        inventory::StocktakeStartInput,
        inventory::StocktakeLine,
        inventory::Stocktake,
        inventory::StocktakeSummary,
        inventory::StocktakeCount,
        inventory::StocktakeFinishInput,
        inventory::EmergencyLine,
        inventory::EmergencyView,
        inventory::StockAlert,
        inventory::ExpiryAlert,
        inventory::InventoryHome,
        inventory::LedgerExportInput,
        app::WindowKind,
        app::SessionInfo,
        app::AppStatus,
        app::RecoveryInfo,
        app::KioskExitInput,
        app::Paper,
        app::PrintPdfInput,
        app::ExportOutcome,
        import::ImportTarget,
        import::ImportRequest,
        import::ImportField,
        import::ImportColumn,
        import::RowError,
        import::ImportSampleRow,
        import::ImportReport,
        activities::Venue,
        activities::VenueClosure,
        activities::VenueInput,
        activities::VenueClosureInput,
        activities::ActivityStatus,
        activities::ActivityInput,
        activities::ActivityCreateInput,
        activities::EditScope,
        activities::ActivityUpdateInput,
        activities::ActivityCancelInput,
        activities::ActivityStatusInput,
        activities::Activity,
        activities::ActivityDetail,
        activities::ActivityCategory,
        activities::ActivityCategoryInput,
        activities::BookingStatus,
        activities::BookingResult,
        activities::BookingRow,
        activities::PromotedBooking,
        activities::CancelOutcome,
        activities::DeskBookingInput,
        activities::CheckInInput,
        activities::AttendanceItem,
        activities::Attendance,
        activities::KioskPhoneInput,
        activities::KioskIdentity,
        activities::KioskWalkInInput,
        activities::KioskBuilding,
        activities::KioskBookInput,
        activities::KioskBookingRef,
        activities::KioskActivity,
        activities::KioskBooking,
        activities::KioskBookings,
        activities::VenueRequestStatus,
        activities::VenueRequestInput,
        activities::VenueRequestDecision,
        activities::VenueRequest,
        activities::CalendarQuery,
        activities::CalendarKind,
        activities::CalendarEntry,
        activities::VenueBrief,
        activities::CalendarView,
        activities::ActivityQuery,
        activities::ActivitiesToday,
        activities::WalkIn,
        activities::IcsExport,
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
    fn every_type_has_its_own_typescript_name() {
        let mut names: Vec<String> = super::typescript()
            .lines()
            .filter_map(|l| l.strip_prefix("export type ").and_then(|l| l.split([' ', '<']).next()).map(String::from))
            .collect();
        let all = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all, "two Rust types export the same TypeScript name");
    }

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
