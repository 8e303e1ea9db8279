//! Activities and venues: the desk's scheduling, bookings and calendar (staff), and the
//! kiosk's browse / book / my bookings / check-in (residents, identified by phone + PIN).

use crate::dialogs::{self, Filter};
use crate::state::AppState;
use station_core::activities::*;
use station_core::Result;
use tauri::{State, WebviewWindow};

type Window = WebviewWindow;

const ICS: Filter = ("iCalendar 日历", &["ics"]);
type St<'a> = State<'a, AppState>;

// ---- venues and categories (staff) ----

#[tauri::command]
pub async fn activities_venues_list(window: Window, state: St<'_>) -> Result<Vec<Venue>> {
    state.as_staff(window.label(), |st, me| st.venues_list(me)).await
}

#[tauri::command]
pub async fn activities_venue_save(window: Window, state: St<'_>, input: VenueInput) -> Result<Venue> {
    state.as_staff(window.label(), move |st, me| st.venue_save(me, &input)).await
}

#[tauri::command]
pub async fn activities_venue_closure(window: Window, state: St<'_>, input: VenueClosureInput) -> Result<Venue> {
    state.as_staff(window.label(), move |st, me| st.venue_set_closure(me, &input)).await
}

#[tauri::command]
pub async fn activities_categories(window: Window, state: St<'_>) -> Result<Vec<ActivityCategory>> {
    state.as_staff(window.label(), |st, me| st.activity_categories(me)).await
}

#[tauri::command]
pub async fn activities_category_save(
    window: Window,
    state: St<'_>,
    input: ActivityCategoryInput,
) -> Result<Vec<ActivityCategory>> {
    state.as_staff(window.label(), move |st, me| st.activity_category_save(me, &input)).await
}

// ---- scheduling (staff) ----

#[tauri::command]
pub async fn activities_create(window: Window, state: St<'_>, input: ActivityCreateInput) -> Result<Activity> {
    state.as_staff(window.label(), move |st, me| st.activity_create(me, &input)).await
}

#[tauri::command]
pub async fn activities_update(window: Window, state: St<'_>, input: ActivityUpdateInput) -> Result<Activity> {
    state.as_staff(window.label(), move |st, me| st.activity_update(me, &input)).await
}

#[tauri::command]
pub async fn activities_cancel(window: Window, state: St<'_>, input: ActivityCancelInput) -> Result<Activity> {
    state.as_staff(window.label(), move |st, me| st.activity_cancel(me, &input)).await
}

#[tauri::command]
pub async fn activities_set_status(window: Window, state: St<'_>, input: ActivityStatusInput) -> Result<Activity> {
    state.as_staff(window.label(), move |st, me| st.activity_set_status(me, &input)).await
}

#[tauri::command]
pub async fn activities_get(window: Window, state: St<'_>, id: i64) -> Result<ActivityDetail> {
    state.as_staff(window.label(), move |st, me| st.activities_settle().and_then(|_| st.activity_get(me, id))).await
}

#[tauri::command]
pub async fn activities_list(window: Window, state: St<'_>, input: ActivityQuery) -> Result<Vec<Activity>> {
    state
        .as_staff(window.label(), move |st, me| st.activities_settle().and_then(|_| st.activities_list(me, &input)))
        .await
}

#[tauri::command]
pub async fn activities_calendar(window: Window, state: St<'_>, input: CalendarQuery) -> Result<CalendarView> {
    state
        .as_staff(window.label(), move |st, me| st.activities_settle().and_then(|_| st.activities_calendar(me, &input)))
        .await
}

#[tauri::command]
pub async fn activities_today(window: Window, state: St<'_>) -> Result<ActivitiesToday> {
    state.as_staff(window.label(), |st, me| st.activities_settle().and_then(|_| st.activities_today(me))).await
}

/// Asks where to save, then writes the programme of the range as an .ics file.
#[tauri::command]
pub async fn activities_export_ics(window: Window, state: St<'_>, input: CalendarQuery) -> Result<Option<IcsExport>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let name = format!("活动安排-{}.ics", input.from);
    let Some(path) = dialogs::save_path(&window, "导出活动日历", &name, &[ICS]).await? else { return Ok(None) };
    state.as_staff(window.label(), move |st, me| st.activities_export_ics(me, &input, &path)).await.map(Some)
}

// ---- bookings at the desk (staff) ----

#[tauri::command]
pub async fn activities_book(window: Window, state: St<'_>, input: DeskBookingInput) -> Result<BookingResult> {
    state.as_staff(window.label(), move |st, me| st.booking_create(me, &input)).await
}

#[tauri::command]
pub async fn activities_booking_cancel(window: Window, state: St<'_>, id: i64) -> Result<CancelOutcome> {
    state.as_staff(window.label(), move |st, me| st.booking_cancel(me, id)).await
}

#[tauri::command]
pub async fn activities_check_in(window: Window, state: St<'_>, input: CheckInInput) -> Result<BookingRow> {
    state.as_staff(window.label(), move |st, me| st.booking_check_in(me, &input)).await
}

#[tauri::command]
pub async fn activities_promotions(window: Window, state: St<'_>) -> Result<Vec<PromotedBooking>> {
    state.as_staff(window.label(), |st, me| st.promotions_pending(me)).await
}

#[tauri::command]
pub async fn activities_promotion_notified(window: Window, state: St<'_>, id: i64) -> Result<()> {
    state.as_staff(window.label(), move |st, me| st.promotion_mark_notified(me, id)).await
}

#[tauri::command]
pub async fn activities_attendance(window: Window, state: St<'_>, id: i64) -> Result<Attendance> {
    state.as_staff(window.label(), move |st, me| st.resident_attendance(me, id)).await
}

// ---- venue requests (staff) ----

#[tauri::command]
pub async fn activities_requests_list(
    window: Window,
    state: St<'_>,
    input: Option<VenueRequestStatus>,
) -> Result<Vec<VenueRequest>> {
    state.as_staff(window.label(), move |st, me| st.venue_requests_list(me, input)).await
}

#[tauri::command]
pub async fn activities_request_create(
    window: Window,
    state: St<'_>,
    input: VenueRequestInput,
) -> Result<VenueRequest> {
    state.as_staff(window.label(), move |st, me| st.venue_request_create(me, &input)).await
}

#[tauri::command]
pub async fn activities_request_decide(
    window: Window,
    state: St<'_>,
    input: VenueRequestDecision,
) -> Result<VenueRequest> {
    state.as_staff(window.label(), move |st, me| st.venue_request_decide(me, &input)).await
}

// ---- the kiosk (no login; the resident's phone and own PIN identify them) ----

#[tauri::command]
pub async fn activities_kiosk_identify(state: St<'_>, input: KioskPinInput) -> Result<KioskIdentity> {
    state.as_kiosk(move |st, _| st.kiosk_identify(&input)).await
}

#[tauri::command]
pub async fn activities_kiosk_buildings(state: St<'_>) -> Result<Vec<KioskBuilding>> {
    state.as_kiosk(|st, _| st.kiosk_buildings()).await
}

#[tauri::command]
pub async fn activities_kiosk_register(state: St<'_>, input: KioskWalkInInput) -> Result<KioskIdentity> {
    state.as_kiosk(move |st, _| st.kiosk_register(&input)).await
}

#[tauri::command]
pub async fn activities_kiosk_list(state: St<'_>) -> Result<Vec<KioskActivity>> {
    state.as_kiosk(|st, _| st.kiosk_activities()).await
}

#[tauri::command]
pub async fn activities_kiosk_book(state: St<'_>, input: KioskBookInput) -> Result<BookingResult> {
    state.as_kiosk(move |st, _| st.kiosk_book(&input)).await
}

#[tauri::command]
pub async fn activities_kiosk_bookings(state: St<'_>, input: KioskPinInput) -> Result<KioskBookings> {
    state.as_kiosk(move |st, _| st.kiosk_bookings(&input)).await
}

#[tauri::command]
pub async fn activities_kiosk_cancel(state: St<'_>, input: KioskBookingRef) -> Result<KioskBooking> {
    state.as_kiosk(move |st, _| st.kiosk_cancel(&input)).await
}

#[tauri::command]
pub async fn activities_kiosk_check_in(state: St<'_>, input: KioskBookingRef) -> Result<KioskBooking> {
    state.as_kiosk(move |st, _| st.kiosk_check_in(&input)).await
}
