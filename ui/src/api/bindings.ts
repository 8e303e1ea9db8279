// Generated from the Rust types in core/ by `UPDATE_BINDINGS=1 cargo test -p station-core bindings`.
// Do not edit by hand.

export type ErrorCode = "VALIDATION" | "DUPLICATE_WARNING" | "NOT_FOUND" | "CONFLICT" | "NOT_INITIALIZED" | "ALREADY_INITIALIZED" | "UNAUTHENTICATED" | "SESSION_EXPIRED" | "FORBIDDEN" | "KIOSK_FORBIDDEN" | "BAD_CREDENTIALS" | "ACCOUNT_DISABLED" | "DATABASE_NEWER" | "MIGRATION_FAILED" | "INTEGRITY_FAILED" | "DATABASE" | "IO" | "UNSUPPORTED" | "INTERNAL";

export type AppError = { code: ErrorCode, message: string, 
/**
 * camelCase name of the input field the error concerns (validation errors).
 */
field: string | null, };

export type Role = "admin" | "staff";

export type StaffAccount = { id: number, username: string, displayName: string, role: Role, disabled: boolean, createdAt: string, lastLoginAt: string | null, };

export type SetupInput = { stationName: string, community: string, address: string, adminUsername: string, adminDisplayName: string, adminPassword: string, loadDemo: boolean, };

export type LoginInput = { username: string, password: string, };

export type StaffCreateInput = { username: string, displayName: string, password: string, role: Role, };

export type PasswordResetInput = { staffId: number, newPassword: string, };

export type PasswordChangeInput = { oldPassword: string, newPassword: string, };

export type StaffDisableInput = { staffId: number, disabled: boolean, };

export type Settings = { stationName: string, community: string, address: string, 
/**
 * A desk session ends after this many minutes without a command.
 */
idleMinutes: number, timezone: string, };

export type KioskInfo = { stationName: string, community: string, };

export type Grid = { id: number, name: string, };

export type Compound = { id: number, gridId: number, name: string, };

export type Building = { id: number, compoundId: number, name: string, };

export type Places = { grids: Array<Grid>, compounds: Array<Compound>, buildings: Array<Building>, };

export type PlaceKind = "grid" | "compound" | "building";

export type PlaceInput = { kind: PlaceKind, 
/**
 * None creates a new place; Some renames it.
 */
id: number | null, 
/**
 * The grid of a compound, the compound of a building.
 */
parentId: number | null, name: string, };

export type Tag = { id: number, name: string, };

export type TagInput = { id: number | null, name: string, };

export type Gender = "male" | "female";

export type ResidentInput = { name: string, gender: Gender | null, 
/**
 * YYYY-MM-DD
 */
birthDate: string | null, 
/**
 * When the birth date is unknown.
 */
age: number | null, phone: string, idNumber: string | null, gridId: number | null, compoundId: number | null, buildingId: number | null, unit: string, room: string, tagIds: Array<number>, note: string, 
/**
 * YYYY-MM-DD the resident agreed to their data being kept; None = not recorded.
 */
consentDate: string | null, 
/**
 * Save even though a resident with the same name and phone exists.
 */
confirmDuplicate: boolean, };

export type ResidentUpdate = { id: number, resident: ResidentInput, };

export type Resident = { id: number, name: string, gender: Gender | null, birthDate: string | null, age: number | null, 
/**
 * The whole number: only for the staff's detail page.
 */
phone: string, phoneMasked: string, idNumber: string | null, gridId: number | null, compoundId: number | null, buildingId: number | null, unit: string, room: string, address: string, tags: Array<Tag>, note: string, consentDate: string | null, consentBy: string | null, archived: boolean, createdAt: string, updatedAt: string, };

export type ResidentRow = { id: number, name: string, gender: Gender | null, age: number | null, phoneMasked: string, address: string, tags: Array<string>, archived: boolean, };

export type ResidentQuery = { 
/**
 * Name, full pinyin, pinyin initials or a phone fragment.
 */
text: string, gridId: number | null, compoundId: number | null, tagId: number | null, includeArchived: boolean, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type ResidentPage = { items: Array<ResidentRow>, total: number, };

export type PurgeInput = { id: number, reason: string, };

export type VolunteerStatus = "active" | "paused" | "left";

export type AvailabilitySlot = { weekday: number, start: string, end: string, };

export type VolunteerInput = { 
/**
 * A resident who volunteers: their person data stays in the residents register and
 * the fields name … compoundId below are ignored.
 */
residentId: number | null, name: string, phone: string, gender: Gender | null, 
/**
 * YYYY-MM-DD
 */
birthDate: string | null, idNumber: string | null, gridId: number | null, compoundId: number | null, partyMember: boolean, kindId: number, unitId: number | null, 
/**
 * Has reported in (双报到); with no date given, the day is today (station time).
 */
reportedIn: boolean, 
/**
 * YYYY-MM-DD an in-service party member reported in, when known.
 */
reportedInOn: string | null, skills: Array<string>, availability: Array<AvailabilitySlot>, note: string, };

export type VolunteerUpdate = { id: number, volunteer: VolunteerInput, };

export type Volunteer = { id: number, residentId: number | null, name: string, phone: string, phoneMasked: string, gender: Gender | null, birthDate: string | null, idNumber: string | null, gridId: number | null, compoundId: number | null, home: string, partyMember: boolean, kindId: number, kind: string, unitId: number | null, unit: string | null, reportedInOn: string | null, skills: Array<string>, availability: Array<AvailabilitySlot>, status: VolunteerStatus, note: string, hasPin: boolean, totalMinutes: number, totalPoints: number, createdAt: string, };

export type VolunteerRow = { id: number, name: string, phoneMasked: string, kind: string, unit: string | null, partyMember: boolean, isResident: boolean, skills: Array<string>, status: VolunteerStatus, totalMinutes: number, };

export type VolunteerQuery = { 
/**
 * Name, full pinyin, pinyin initials or a phone fragment.
 */
text: string, kindId: number | null, unitId: number | null, skill: string | null, 
/**
 * None: active and paused (not those who left).
 */
status: VolunteerStatus | null, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type VolunteerPage = { items: Array<VolunteerRow>, total: number, };

export type VolunteerStatusInput = { id: number, status: VolunteerStatus, reason: string, };

export type VolunteerPinInput = { volunteerId: number, 
/**
 * Exactly 4 digits.
 */
pin: string, };

export type VolunteerKind = { id: number, name: string, retired: boolean, };

export type VolunteerKindInput = { 
/**
 * None: a new kind.
 */
id: number | null, name: string, retired: boolean, };

export type VolunteerIdentity = { volunteerId: number, 
/**
 * 王** — the kiosk greets with this.
 */
maskedName: string, };

export type KioskVolunteerAuth = { phone: string, pin: string, };

export type KioskTakeSlotInput = { auth: KioskVolunteerAuth, shiftId: number, };

export type KioskReportInput = { auth: KioskVolunteerAuth, 
/**
 * YYYY-MM-DD
 */
serviceDay: string, minutes: number, what: string, };

export type KioskShift = { shiftId: number, position: string, day: string, start: string, end: string, openSlots: number, };

export type KioskVolunteerView = { maskedName: string, 
/**
 * The station's today (YYYY-MM-DD): the kiosk's "today / yesterday" choices use it.
 */
today: string, totalMinutes: number, monthMinutes: number, pendingClaims: number, 
/**
 * Signed in now, not yet out.
 */
onDuty: KioskShift | null, 
/**
 * A shift of theirs that may be signed in to now.
 */
canSignIn: KioskShift | null, myShifts: Array<KioskShift>, openSlots: Array<KioskShift>, };

export type KioskReceipt = { 
/**
 * QD-000012 (sign-in), QT- (sign-out), BM- (slot taken), SB- (hours reported)
 */
receiptNo: string, 
/**
 * One sentence saying what happened.
 */
message: string, };

export type PartnerUnitInput = { 
/**
 * None: a new unit.
 */
id: number | null, name: string, 
/**
 * 机关 / 企业 / 事业单位 / 学校 / 社会组织 / 其他
 */
kind: string, contactName: string, contactPhone: string, pairedCommunity: string, expectedMembers: number, note: string, archived: boolean, };

export type PartnerUnit = { id: number, name: string, kind: string, contactName: string, contactPhone: string, pairedCommunity: string, expectedMembers: number, 
/**
 * Current volunteers of this unit who reported in (双报到).
 */
reportedIn: number, 
/**
 * All current volunteers naming this unit.
 */
members: number, 
/**
 * reported_in / expected_members as a whole percent; None when nothing is expected.
 */
reportInPercent: number | null, note: string, archived: boolean, };

export type DutyPosition = { 
/**
 * None when saving a new one.
 */
id: number | null, name: string, 
/**
 * The kind of service its hours are credited as (prices points).
 */
serviceKind: string, retired: boolean, };

export type ShiftTemplate = { id: number | null, positionId: number, 
/**
 * Read back only.
 */
position: string, 
/**
 * 1 = Monday … 7 = Sunday
 */
weekdays: Array<number>, 
/**
 * "09:00"
 */
start: string, end: string, slots: number, retired: boolean, };

export type DateRange = { 
/**
 * YYYY-MM-DD, inclusive
 */
from: string, to: string, };

export type AssignedPerson = { assignmentId: number, volunteerId: number, name: string, byKiosk: boolean, overrideReason: string | null, 
/**
 * Local "HH:MM"
 */
signedIn: string | null, signedOut: string | null, needsReview: boolean, };

export type ShiftView = { id: number, positionId: number, position: string, 
/**
 * YYYY-MM-DD (local)
 */
day: string, weekday: number, start: string, end: string, slots: number, openSlots: number, people: Array<AssignedPerson>, };

export type AssignInput = { shiftId: number, volunteerId: number, 
/**
 * Admin only: lets an overlapping assignment through, and is kept with it.
 */
overrideReason: string | null, };

export type AssignResult = { shift: ShiftView, 
/**
 * Said, not refused: the volunteer is paused, or not available at that time.
 */
warnings: Array<string>, };

export type UnassignInput = { assignmentId: number, reason: string, };

export type ShiftCreateInput = { positionId: number, day: string, start: string, end: string, slots: number, };

export type AttendanceInput = { assignmentId: number, 
/**
 * Local "HH:MM" on the shift's day; None = now.
 */
at: string | null, };

export type ReviewItem = { attendanceId: number, volunteerId: number, name: string, position: string, day: string, start: string, end: string, signedIn: string, signedOut: string, minutes: number, };

export type ReviewInput = { attendanceId: number, 
/**
 * None: the automatic close is right. Some(m): correct to m minutes (reason required).
 */
minutes: number | null, reason: string, };

export type LedgerEntry = { id: number, volunteerId: number, serviceDay: string, minutes: number, points: number, serviceKind: string, source: string, sourceId: number | null, note: string, 
/**
 * This entry reverses that one (a correction).
 */
reversesId: number | null, 
/**
 * A later entry reverses this one.
 */
reversed: boolean, createdAt: string, };

export type LedgerCorrection = { entryId: number, reason: string, 
/**
 * None: reverse only. Some(m): reverse and append the right amount of minutes.
 */
minutes: number | null, };

export type RankingBy = "person" | "volunteerKind" | "serviceKind" | "unit";

export type RankingQuery = { year: number, 
/**
 * None: the whole year.
 */
month: number | null, by: RankingBy, limit: number, };

export type RankingRow = { rank: number, keyId: number | null, label: string, minutes: number, points: number, 
/**
 * People counted in the row (1 for a person).
 */
people: number, };

export type ServiceKindRule = { id: number | null, name: string, pointsPerHour: number, };

export type ClaimInput = { volunteerId: number, 
/**
 * YYYY-MM-DD
 */
serviceDay: string, minutes: number, serviceKind: string, what: string, forWhom: string, };

export type ClaimStatus = "pending" | "approved" | "rejected";

export type HourClaim = { id: number, volunteerId: number, volunteerName: string, 
/**
 * "offsite" (staff recorded) or "self" (reported at the kiosk)
 */
origin: string, serviceDay: string, minutes: number, serviceKind: string, what: string, forWhom: string, status: ClaimStatus, submittedAt: string, decisionNote: string, };

export type ClaimDecision = { id: number, approve: boolean, note: string, };

export type CertificateQuery = { volunteerId: number, 
/**
 * YYYY-MM-DD, inclusive
 */
from: string, to: string, };

export type CertificateLine = { serviceDay: string, serviceKind: string, note: string, minutes: number, };

export type ServiceCertificate = { stationName: string, community: string, name: string, gender: string | null, 
/**
 * 140502********1234; None when no ID number is on record.
 */
idNumberMasked: string | null, kind: string, unit: string | null, from: string, to: string, totalMinutes: number, totalPoints: number, lines: Array<CertificateLine>, issuedOn: string, };

export type TagCount = { tagId: number, tag: string, count: number, };

export type AuditEntry = { id: number, at: string, actor: string, entity: string, entityId: number | null, action: string, detail: string, };

export type AuditPage = { items: Array<AuditEntry>, total: number, };

export type PageInput = { page: number, pageSize: number, };

export type HomeSummary = { 
/**
 * 2026年11月25日 星期三, in the station's time zone.
 */
today: string, residentsActive: number, residentsNewThisMonth: number, residentsArchived: number, residentsWithoutConsent: number, tagCounts: Array<TagCount>, recentAudit: Array<AuditEntry>, };

export type WindowKind = "desk" | "kiosk";

export type SessionInfo = { staff: StaffAccount, idleMinutes: number, };

export type AppStatus = { initialized: boolean, stationName: string | null, dataDir: string, recovery: RecoveryInfo | null, };

export type RecoveryInfo = { message: string, newestBackup: string | null, };

export type KioskExitInput = { password: string, };

export type WishKind = "goods" | "service" | "company" | "repair" | "other";

export type WishState = "submitted" | "published" | "claimed" | "fulfilled" | "reopened" | "completed" | "declined" | "merged" | "cancelled";

export type WishStep = "post" | "publish" | "assign" | "merge" | "decline" | "cancel" | "claim" | "join" | "reassign" | "remind" | "note" | "fulfil" | "rate" | "auto_complete" | "close" | "credit_edit";

export type BoardColumn = "review" | "open" | "in_progress" | "overdue" | "awaiting_rating" | "done" | "closed";

export type WishPostInput = { kind: WishKind, content: string, 
/**
 * YYYY-MM-DD the resident hopes for; None = no date.
 */
wantedBy: string | null, 
/**
 * A registered resident: their name, phone and grid are taken from the register.
 */
residentId: number | null, requesterName: string, phone: string, };

export type KioskWishInput = { kind: WishKind, content: string, wantedBy: string | null, phone: string, };

export type WishNoteInput = { id: number, note: string, };

export type WishHelperInput = { id: number, volunteerId: number, 
/**
 * YYYY-MM-DD, today or later.
 */
promisedDate: string, note: string, };

export type WishMergeInput = { id: number, 
/**
 * The wish this one duplicates.
 */
intoId: number, note: string, };

export type WishFulfilInput = { id: number, note: string, 
/**
 * A photo as base64 or a data URL (JPEG/PNG); resized and kept in the data folder.
 */
photo: string | null, 
/**
 * Minutes/points per helper, confirmed now; posted to the ledger after the rating.
 */
credits: Array<WishCreditLine>, };

export type WishCreditLine = { volunteerId: number, minutes: number, points: number, };

export type WishCreditInput = { id: number, volunteerId: number, minutes: number, points: number, };

export type HelperOption = { id: number, name: string, phoneMasked: string, };

export type Satisfaction = "satisfied" | "partly" | "not_satisfied";

export type WishRateInput = { id: number, satisfaction: Satisfaction, 
/**
 * 1–5
 */
stars: number, comment: string, };

export type KioskRateInput = { code: string, satisfaction: Satisfaction, stars: number, comment: string, };

export type WishQuery = { 
/**
 * None = every column.
 */
column: BoardColumn | null, gridId: number | null, kind: WishKind | null, 
/**
 * Wishes this volunteer helps (or helped) with.
 */
volunteerId: number | null, 
/**
 * YYYY-MM: posted in that month (station time).
 */
month: string | null, 
/**
 * Content, requester name, phone fragment or wish number.
 */
text: string, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type WishRow = { id: number, number: string, kind: WishKind, content: string, state: WishState, column: BoardColumn, requesterName: string, phoneMasked: string, gridName: string | null, wantedBy: string | null, promisedDate: string | null, 
/**
 * Days past the promised date (0 unless overdue).
 */
overdueDays: number, leadId: number | null, leadName: string | null, helperCount: number, channel: string, createdAt: string, fulfilledAt: string | null, completedAt: string | null, stars: number | null, };

export type ColumnCount = { column: BoardColumn, count: number, };

export type WishBoard = { 
/**
 * Every column's count under the filters (the column choice aside).
 */
counts: Array<ColumnCount>, items: Array<WishRow>, total: number, };

export type WishHelper = { volunteerId: number, name: string, isLead: boolean, active: boolean, joinedAt: string, plannedMinutes: number, plannedPoints: number, creditedMinutes: number, creditedPoints: number, };

export type WishTransition = { id: number, step: WishStep, fromState: WishState | null, toState: WishState, at: string, 
/**
 * desk / kiosk / system
 */
window: string, actorName: string, volunteerName: string | null, note: string, };

export type WishDetail = { row: WishRow, code: string, 
/**
 * Whole number: the staff may need to call back.
 */
phone: string, residentId: number | null, declineReason: string, fulfilNote: string, hasPhoto: boolean, satisfaction: Satisfaction | null, ratingComment: string, mergedInto: number | null, helpers: Array<WishHelper>, timeline: Array<WishTransition>, 
/**
 * What may be done now (the desk's buttons).
 */
allowedSteps: Array<WishStep>, defaultMinutes: number, defaultPoints: number, };

export type WishReceipt = { id: number, number: string, 
/**
 * 6 digits: rate the wish at the kiosk with it.
 */
code: string, kind: WishKind, content: string, wantedBy: string | null, requesterMasked: string, phoneMasked: string, createdAt: string, };

export type PublicWish = { id: number, number: string, kind: WishKind, content: string, state: WishState, 
/**
 * 张*
 */
requesterMasked: string, gridName: string | null, wantedBy: string | null, promisedDate: string | null, 
/**
 * Masked names, the lead first.
 */
helpers: Array<string>, createdAt: string, fulfilledAt: string | null, fulfilNote: string, hasPhoto: boolean, stars: number | null, };

export type KioskWall = { 
/**
 * YYYY-MM-DD in the station's time zone.
 */
today: string, items: Array<PublicWish>, };

export type KioskWishView = { wish: PublicWish, canRate: boolean, satisfaction: Satisfaction | null, 
/**
 * Told to the resident when the wish was declined.
 */
declineReason: string, };

export type KioskCodeInput = { code: string, };

export type KioskVolunteerInput = { phone: string, pin: string, };

export type KioskClaimInput = { phone: string, pin: string, wishId: number, 
/**
 * YYYY-MM-DD; ignored when joining a wish someone already leads.
 */
promisedDate: string, };

export type KioskFulfilInput = { phone: string, pin: string, wishId: number, note: string, };

export type KioskReminder = { wishNumber: string, content: string, note: string, at: string, };

export type KioskHelperView = { maskedName: string, 
/**
 * YYYY-MM-DD in the station's time zone: promised dates start here.
 */
today: string, 
/**
 * 督单 reminders not shown before (now marked seen).
 */
reminders: Array<KioskReminder>, 
/**
 * Published wishes, and claimed ones whose 帮帮团 has room.
 */
open: Array<PublicWish>, 
/**
 * Wishes this volunteer is helping with now.
 */
mine: Array<PublicWish>, };

export type Paper = "a4" | "a5";

export type PrintPdfInput = { 
/**
 * the file name the save dialog suggests, e.g. 志愿服务记录证明-张三.pdf
 */
defaultName: string, landscape: boolean, paper: Paper, };

export type ImportTarget = "residents" | "volunteers";

export type ImportRequest = { target: ImportTarget, 
/**
 * the file (chosen in the desk's open dialog, or given on the command line)
 */
path: string, 
/**
 * per file column, the field key it fills (None: ignored); None = map by headers
 */
mapping: Array<string | null> | null, };

export type ImportField = { key: string, label: string, required: boolean, };

export type ImportColumn = { header: string, field: string | null, };

export type RowError = { line: number, field: string | null, 
/**
 * "第 12 行：手机号格式不正确"
 */
message: string, };

export type ImportSampleRow = { line: number, cells: Array<string>, };

export type ImportReport = { target: ImportTarget, fileName: string, headerLine: number, fields: Array<ImportField>, columns: Array<ImportColumn>, 
/**
 * labels of required fields no column is mapped to (nothing can be imported then)
 */
missingRequired: Array<string>, 
/**
 * the first rows as they are in the file, for the preview table
 */
sample: Array<ImportSampleRow>, totalRows: number, created: number, updated: number, unchanged: number, errors: Array<RowError>, 
/**
 * true once written (commit); false for a preview / dry run
 */
written: boolean, };
