import { call } from '../../api/invoke'
import type {
  ActivitiesToday,
  Activity,
  ActivityCancelInput,
  ActivityCategory,
  ActivityCategoryInput,
  ActivityCreateInput,
  ActivityDetail,
  ActivityQuery,
  ActivityStatusInput,
  ActivityUpdateInput,
  Attendance,
  BookingResult,
  BookingRow,
  CalendarQuery,
  CalendarView,
  CancelOutcome,
  CheckInInput,
  DeskBookingInput,
  IcsExport,
  KioskActivity,
  KioskBookInput,
  KioskBooking,
  KioskBookingRef,
  KioskBookings,
  KioskBuilding,
  KioskIdentity,
  KioskPinInput,
  KioskWalkInInput,
  PromotedBooking,
  Venue,
  VenueClosureInput,
  VenueInput,
  VenueRequest,
  VenueRequestDecision,
  VenueRequestInput,
  VenueRequestStatus,
} from '../../api/bindings'

// One typed function per activities command (docs/API.md, "Activities and venues").

export const venuesList = () => call<Venue[]>('activities_venues_list')
export const venueSave = (input: VenueInput) => call<Venue>('activities_venue_save', { input })
export const venueClosure = (input: VenueClosureInput) => call<Venue>('activities_venue_closure', { input })
export const categoriesList = () => call<ActivityCategory[]>('activities_categories')
export const categorySave = (input: ActivityCategoryInput) =>
  call<ActivityCategory[]>('activities_category_save', { input })
export const activityCreate = (input: ActivityCreateInput) => call<Activity>('activities_create', { input })
export const activityUpdate = (input: ActivityUpdateInput) => call<Activity>('activities_update', { input })
export const activityCancel = (input: ActivityCancelInput) => call<Activity>('activities_cancel', { input })
export const activitySetStatus = (input: ActivityStatusInput) => call<Activity>('activities_set_status', { input })
export const activityGet = (id: number) => call<ActivityDetail>('activities_get', { id })
export const activitiesList = (input: ActivityQuery) => call<Activity[]>('activities_list', { input })
export const activitiesCalendar = (input: CalendarQuery) => call<CalendarView>('activities_calendar', { input })
export const activitiesToday = () => call<ActivitiesToday>('activities_today')
export const activitiesExportIcs = (input: CalendarQuery) => call<IcsExport | null>('activities_export_ics', { input })
export const bookForResident = (input: DeskBookingInput) => call<BookingResult>('activities_book', { input })
export const bookingCancel = (id: number) => call<CancelOutcome>('activities_booking_cancel', { id })
export const bookingCheckIn = (input: CheckInInput) => call<BookingRow>('activities_check_in', { input })
export const promotionsPending = () => call<PromotedBooking[]>('activities_promotions')
export const promotionNotified = (id: number) => call<null>('activities_promotion_notified', { id })
export const attendanceOf = (id: number) => call<Attendance>('activities_attendance', { id })
export const requestsList = (input: VenueRequestStatus | null) =>
  call<VenueRequest[]>('activities_requests_list', { input })
export const requestCreate = (input: VenueRequestInput) => call<VenueRequest>('activities_request_create', { input })
export const requestDecide = (input: VenueRequestDecision) =>
  call<VenueRequest>('activities_request_decide', { input })

export const kioskIdentify = (input: KioskPinInput) => call<KioskIdentity>('activities_kiosk_identify', { input })
export const kioskBuildings = () => call<KioskBuilding[]>('activities_kiosk_buildings')
export const kioskRegister = (input: KioskWalkInInput) => call<KioskIdentity>('activities_kiosk_register', { input })
export const kioskActivities = () => call<KioskActivity[]>('activities_kiosk_list')
export const kioskBook = (input: KioskBookInput) => call<BookingResult>('activities_kiosk_book', { input })
export const kioskBookings = (input: KioskPinInput) => call<KioskBookings>('activities_kiosk_bookings', { input })
export const kioskCancel = (input: KioskBookingRef) => call<KioskBooking>('activities_kiosk_cancel', { input })
export const kioskCheckIn = (input: KioskBookingRef) => call<KioskBooking>('activities_kiosk_check_in', { input })
