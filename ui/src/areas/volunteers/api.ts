// One typed function per volunteers command (src-tauri/src/commands/volunteers.rs).
import { call } from '../../api/invoke'
import type {
  AssignInput,
  AssignResult,
  AttendanceInput,
  CertificateQuery,
  ClaimDecision,
  ClaimInput,
  DateRange,
  DutyPosition,
  ExportOutcome,
  HourClaim,
  KioskReceipt,
  KioskReportInput,
  KioskTakeSlotInput,
  KioskVolunteerAuth,
  KioskVolunteerView,
  LedgerCorrection,
  LedgerEntry,
  NationalBatch,
  NationalExportOutcome,
  NationalExportPreview,
  NationalExportQuery,
  NationalFormat,
  PartnerUnit,
  PartnerUnitInput,
  RankingQuery,
  RankingRow,
  ReviewInput,
  ReviewItem,
  ServiceCertificate,
  ServiceKindRule,
  ShiftCreateInput,
  ShiftTemplate,
  ShiftView,
  UnassignInput,
  Volunteer,
  VolunteerInput,
  VolunteerKind,
  VolunteerKindInput,
  VolunteerPage,
  VolunteerPinInput,
  VolunteerQuery,
  VolunteerStatusInput,
  VolunteerUpdate,
} from '../../api/bindings'

export const volunteersSearch = (input: VolunteerQuery) => call<VolunteerPage>('volunteers_search', { input })
export const volunteersGet = (id: number) => call<Volunteer>('volunteers_get', { id })
export const volunteersCreate = (input: VolunteerInput) => call<Volunteer>('volunteers_create', { input })
export const volunteersUpdate = (input: VolunteerUpdate) => call<Volunteer>('volunteers_update', { input })
export const volunteersSetStatus = (input: VolunteerStatusInput) => call<Volunteer>('volunteers_set_status', { input })
export const volunteersSetPin = (input: VolunteerPinInput) => call<null>('volunteers_set_pin', { input })
export const volunteersToday = () => call<string>('volunteers_today')
export const volunteersKinds = () => call<VolunteerKind[]>('volunteers_kinds')
export const volunteersKindSave = (input: VolunteerKindInput) => call<VolunteerKind[]>('volunteers_kind_save', { input })
export const volunteersHistory = (id: number) => call<LedgerEntry[]>('volunteers_history', { id })
export const volunteersLedgerCorrect = (input: LedgerCorrection) =>
  call<LedgerEntry[]>('volunteers_ledger_correct', { input })
export const volunteersServiceKinds = () => call<ServiceKindRule[]>('volunteers_service_kinds')
export const volunteersServiceKindSave = (input: ServiceKindRule) =>
  call<ServiceKindRule[]>('volunteers_service_kind_save', { input })
export const volunteersRanking = (input: RankingQuery) => call<RankingRow[]>('volunteers_ranking', { input })
export const volunteersCertificate = (input: CertificateQuery) =>
  call<ServiceCertificate>('volunteers_certificate', { input })
export const volunteersClaimRecord = (input: ClaimInput) => call<HourClaim>('volunteers_claim_record', { input })
export const volunteersClaimsPending = () => call<HourClaim[]>('volunteers_claims_pending')
export const volunteersClaimDecide = (input: ClaimDecision) => call<HourClaim>('volunteers_claim_decide', { input })
export const volunteersUnits = (includeArchived = false) => call<PartnerUnit[]>('volunteers_units', { includeArchived })
export const volunteersUnitSave = (input: PartnerUnitInput) => call<PartnerUnit>('volunteers_unit_save', { input })
export const volunteersPositions = () => call<DutyPosition[]>('volunteers_positions')
export const volunteersPositionSave = (input: DutyPosition) => call<DutyPosition[]>('volunteers_position_save', { input })
export const volunteersTemplates = () => call<ShiftTemplate[]>('volunteers_templates')
export const volunteersTemplateSave = (input: ShiftTemplate) => call<ShiftTemplate[]>('volunteers_template_save', { input })
export const volunteersShiftsGenerate = (input: DateRange) => call<number>('volunteers_shifts_generate', { input })
export const volunteersShiftCreate = (input: ShiftCreateInput) => call<ShiftView>('volunteers_shift_create', { input })
export const volunteersRoster = (input: DateRange) => call<ShiftView[]>('volunteers_roster', { input })
export const volunteersAssign = (input: AssignInput) => call<AssignResult>('volunteers_assign', { input })
export const volunteersUnassign = (input: UnassignInput) => call<ShiftView>('volunteers_unassign', { input })
export const volunteersSignIn = (input: AttendanceInput) => call<number>('volunteers_sign_in', { input })
export const volunteersSignOut = (input: AttendanceInput) => call<number>('volunteers_sign_out', { input })
export const volunteersReviews = () => call<ReviewItem[]>('volunteers_reviews')
export const volunteersReview = (input: ReviewInput) => call<null>('volunteers_review', { input })

export const volunteersExportRoster = (input: VolunteerQuery) =>
  call<ExportOutcome | null>('volunteers_export_roster', { input })
export const volunteersExportHours = (input: RankingQuery) =>
  call<ExportOutcome | null>('volunteers_export_hours', { input })
export const volunteersNationalPreview = (input: NationalExportQuery) =>
  call<NationalExportPreview>('volunteers_national_preview', { input })
export const volunteersNationalExport = (input: NationalExportQuery, format: NationalFormat) =>
  call<NationalExportOutcome | null>('volunteers_national_export', { input, format })
export const volunteersNationalBatches = () => call<NationalBatch[]>('volunteers_national_batches')

// kiosk: the volunteer's phone + PIN travel with every call
export const kioskVolunteerView = (input: KioskVolunteerAuth) =>
  call<KioskVolunteerView>('volunteers_kiosk_view', { input })
export const kioskTakeSlot = (input: KioskTakeSlotInput) => call<KioskReceipt>('volunteers_kiosk_take_slot', { input })
export const kioskSignIn = (input: KioskVolunteerAuth) => call<KioskReceipt>('volunteers_kiosk_sign_in', { input })
export const kioskSignOut = (input: KioskVolunteerAuth) => call<KioskReceipt>('volunteers_kiosk_sign_out', { input })
export const kioskReport = (input: KioskReportInput) => call<KioskReceipt>('volunteers_kiosk_report', { input })
