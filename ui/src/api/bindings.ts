// Generated from the Rust types in core/ by `UPDATE_BINDINGS=1 cargo test -p station-core bindings`.
// Do not edit by hand.

export type ErrorCode = "VALIDATION" | "DUPLICATE_WARNING" | "NOT_FOUND" | "CONFLICT" | "ACTIVITY_FULL" | "NOT_INITIALIZED" | "ALREADY_INITIALIZED" | "UNAUTHENTICATED" | "SESSION_EXPIRED" | "FORBIDDEN" | "KIOSK_FORBIDDEN" | "BAD_CREDENTIALS" | "TOO_MANY_ATTEMPTS" | "ACCOUNT_DISABLED" | "DATABASE_NEWER" | "MIGRATION_FAILED" | "INTEGRITY_FAILED" | "DATABASE" | "BUSY" | "IO" | "UNSUPPORTED" | "INTERNAL";

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

export type Tag = { id: number, name: string, 
/**
 * Sensitive personal information (低保户, 残疾人 …): kept only with the resident's
 * separate consent (`privacy::consent`).
 */
sensitive: boolean, };

export type TagInput = { id: number | null, name: string, sensitive: boolean, };

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
confirmDuplicate: boolean, 
/**
 * The resident agreed, separately, to their sensitive tags (低保户, 残疾人 …) being kept
 * (the form's tick; recorded as a consent). Needed once when such a tag is first given.
 */
sensitiveConsent: boolean, };

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

export type ConsentScope = "register" | "wish" | "sensitive_tags" | "public_photo";

export type ConsentRecord = { id: number, scope: ConsentScope, granted: boolean, noticeVersion: string, 
/**
 * kiosk, desk or system
 */
channel: string, at: string, staffName: string | null, };

export type ConsentWithdrawInput = { residentId: number, scope: ConsentScope, 
/**
 * Withdrawal: why / how the resident asked (optional); a grant ignores it.
 */
note: string, };

export type RetentionSettings = { 
/**
 * Months after a resident was archived (moved away, left) before they are purged.
 */
archivedResidentsMonths: number, 
/**
 * Months after a wish ended (completed, declined, cancelled, merged) before its
 * requester's name and phone go.
 */
endedWishesMonths: number, 
/**
 * Months after a case was closed before its contact's name and phone go.
 */
closedCasesMonths: number, 
/**
 * Months after an activity ended before its bookings (who signed up) go.
 */
pastBookingsMonths: number, };

export type RetentionPerson = { id: number, maskedName: string, archivedAt: string, 
/**
 * Why this one cannot be purged yet (a volunteer, an open loan); None = it will be.
 */
blocked: string | null, };

export type RetentionPreview = { settings: RetentionSettings, residents: Array<RetentionPerson>, wishes: number, cases: number, bookings: number, };

export type RetentionReport = { residents: number, 
/**
 * Residents past the period that could not be purged (see the preview's reasons).
 */
skipped: number, wishes: number, cases: number, bookings: number, };

export type PrintAuditInput = { 
/**
 * What is printed, e.g. 居民名单, 志愿服务记录证明
 */
what: string, 
/**
 * The filter in words (the UI's chips), e.g. 第一网格、独居老人
 */
filter: string, 
/**
 * The columns on the page.
 */
columns: Array<string>, 
/**
 * The file for a PDF; empty = the system print dialog.
 */
destination: string, };

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
reportedInOn: string | null, skills: Array<string>, availability: Array<AvailabilitySlot>, note: string, 
/**
 * 志愿者统一编号 from the national volunteer system; None or empty: not registered there.
 */
nationalNumber: string | null, };

export type VolunteerUpdate = { id: number, volunteer: VolunteerInput, };

export type Volunteer = { id: number, residentId: number | null, name: string, phone: string, phoneMasked: string, gender: Gender | null, birthDate: string | null, idNumber: string | null, gridId: number | null, compoundId: number | null, home: string, partyMember: boolean, kindId: number, kind: string, unitId: number | null, unit: string | null, reportedInOn: string | null, skills: Array<string>, availability: Array<AvailabilitySlot>, status: VolunteerStatus, note: string, 
/**
 * 志愿者统一编号 (national volunteer system), when known.
 */
nationalNumber: string | null, hasPin: boolean, totalMinutes: number, totalPoints: number, createdAt: string, };

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

export type NationalFormat = "xlsx" | "csv";

export type NationalExportQuery = { 
/**
 * YYYY-MM-DD
 */
from: string, 
/**
 * YYYY-MM-DD
 */
to: string, 
/**
 * false (the default in the dialog): only records no earlier export held.
 * true: the whole period again ("re-export on demand").
 */
includeExported: boolean, };

export type NationalWarning = { volunteerId: number, name: string, 
/**
 * Records of this volunteer in the export.
 */
records: number, message: string, };

export type NationalExportPreview = { from: string, to: string, 
/**
 * Records the export would hold.
 */
records: number, 
/**
 * Records of the period already in an earlier batch (left out unless includeExported).
 */
alreadyExported: number, people: number, totalMinutes: number, 
/**
 * The total to one decimal, as the file's rows are.
 */
totalHours: number, 
/**
 * Records exported earlier and reversed since: the national system keeps the old hours
 * until someone corrects them there.
 */
reversedAfterExport: number, warnings: Array<NationalWarning>, };

export type NationalExportOutcome = { batchId: number, path: string, records: number, totalHours: number, warnings: Array<NationalWarning>, };

export type NationalBatch = { id: number, periodFrom: string, periodTo: string, reexport: boolean, format: NationalFormat, records: number, minutes: number, fileName: string, exportedAt: string, exportedBy: string, };

export type CaseKind = "emergency" | "dispute" | "administrative" | "service";

export type CaseSource = "walk_in" | "phone" | "grid_worker" | "hotline" | "kiosk";

export type Urgency = "normal" | "urgent";

export type Level = "community" | "street" | "county";

export type CaseStatus = "reported" | "filed" | "assigned" | "handling" | "answered" | "closed" | "archived";

export type CaseAction = "report" | "accept" | "assign" | "investigate" | "resolve" | "feedback" | "followup" | "close" | "archive" | "reopen" | "send_back" | "escalate" | "auto_escalate" | "department_report" | "direct_report" | "note" | "mark_unreasonable" | "review_unreasonable";

export type DisputeStage = "mediation" | "sanzhang";

export type Resolution = "solved" | "partly" | "unsolved";

export type Satisfaction = "satisfied" | "neutral" | "dissatisfied";

export type FeedbackChannel = "in_person" | "phone" | "message";

export type FollowupMethod = "visit" | "call";

export type DayKind = "holiday" | "workday";

export type DueKind = "accept" | "resolve" | "department_report";

export type ClockState = "ok" | "near" | "overdue" | "stopped";

export type CaseClock = { state: ClockState, dueKind: DueKind | null, dueAt: string | null, 
/**
 * Negative once overdue.
 */
remainingMinutes: number | null, };

export type CaseRow = { id: number, number: string, kind: CaseKind, title: string, status: CaseStatus, level: Level, urgency: Urgency, handler: string, place: string, createdAt: string, clock: CaseClock, 
/**
 * 重大突发: shown red whatever the clock says.
 */
redFlag: boolean, };

export type CaseQuery = { 
/**
 * Number, title, place or handler fragment.
 */
text: string, status: CaseStatus | null, kind: CaseKind | null, 
/**
 * Only cases not yet closed (the working list, sorted by the clock).
 */
openOnly: boolean, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type CasePage = { items: Array<CaseRow>, total: number, };

export type CaseTransition = { id: number, at: string, action: CaseAction, fromStatus: CaseStatus, toStatus: CaseStatus, fromLevel: Level, toLevel: Level, actor: string, 
/**
 * The system (automatic escalation) rather than a person.
 */
bySystem: boolean, note: string, photos: Array<number>, };

export type CaseCall = { id: number, callee: string, calledAt: string, note: string, by: string, };

export type CaseFeedback = { id: number, content: string, toldAt: string, channel: FeedbackChannel, by: string, };

export type CaseFollowup = { id: number, method: FollowupMethod, resolution: Resolution, satisfaction: Satisfaction, note: string, by: string, at: string, };

export type Unreasonable = { reason: string, proposedBy: string, reviewer: string | null, confirmed: boolean, };

export type CaseDetail = { id: number, number: string, source: CaseSource, hotlineTicket: string | null, residentId: number | null, residentName: string | null, contactName: string, contactPhone: string, gridId: number | null, compoundId: number | null, buildingId: number | null, place: string, kind: CaseKind, title: string, description: string, urgency: Urgency, level: Level, status: CaseStatus, handlerStaffId: number | null, handler: string, disputeStage: DisputeStage | null, sessionDate: string | null, departmentId: number | null, department: string | null, reportDue: string | null, reportedAt: string | null, acceptDue: string, resolveDue: string, acceptedAt: string | null, resolvedAt: string | null, result: string, feedbackAt: string | null, followupResolution: Resolution | null, followupSatisfaction: Satisfaction | null, noFollowupReason: string | null, closedAt: string | null, archivedAt: string | null, reopens: number, unreasonable: Unreasonable | null, createdAt: string, createdBy: string, clock: CaseClock, redFlag: boolean, transitions: Array<CaseTransition>, calls: Array<CaseCall>, feedback: Array<CaseFeedback>, followups: Array<CaseFollowup>, 
/**
 * What the signed-in staff member may do now (the buttons the case page shows).
 */
allowed: Array<CaseAction>, };

export type CasesHome = { open: number, overdue: Array<CaseRow>, near: Array<CaseRow>, };

export type CaseLimit = { kind: CaseKind, acceptHours: number, resolveDays: number, };

export type CalendarDay = { 
/**
 * YYYY-MM-DD
 */
day: string, kind: DayKind, note: string, };

export type CalendarDayInput = { 
/**
 * YYYY-MM-DD
 */
day: string, 
/**
 * None removes the exception (the day is ordinary again).
 */
kind: DayKind | null, note: string, };

export type Department = { id: number, name: string, contact: string, phone: string, archived: boolean, };

export type DepartmentInput = { 
/**
 * None adds a department.
 */
id: number | null, name: string, contact: string, phone: string, 
/**
 * Taken off the list for new cases (cases that named it keep the name).
 */
archived: boolean, };

export type CaseSettings = { limits: Array<CaseLimit>, calendar: Array<CalendarDay>, departments: Array<Department>, };

export type CaseInput = { source: CaseSource, 
/**
 * 12345 transfers: the hotline's ticket number.
 */
hotlineTicket: string | null, 
/**
 * None: anonymous or not registered (then the contact fields may say who it was).
 */
residentId: number | null, contactName: string, contactPhone: string, gridId: number | null, compoundId: number | null, buildingId: number | null, 
/**
 * Where, in words, when the place is not (only) a building: 3号楼北侧停车场.
 */
placeText: string, kind: CaseKind, title: string, description: string, urgency: Urgency, 
/**
 * Save even though a case of the same kind at the same place was reported recently.
 */
confirmDuplicate: boolean, };

export type CaseStepInput = { id: number, note: string, };

export type CaseReasonInput = { id: number, reason: string, };

export type CaseAssignInput = { id: number, 
/**
 * A staff account as handler …
 */
handlerStaffId: number | null, 
/**
 * … or a named person (grid worker, mediator of the committee).
 */
handlerName: string, 
/**
 * 行政职责: the department summoned (吹哨) and the date it must report by (报到).
 */
departmentId: number | null, 
/**
 * YYYY-MM-DD
 */
reportDue: string | null, note: string, };

export type CaseResolveInput = { id: number, 
/**
 * What was done (办理结果).
 */
result: string, };

export type CaseEscalateInput = { id: number, reason: string, 
/**
 * A dispute going from mediation to the township's 三长会商: the session's date.
 */
sessionDate: string | null, };

export type CaseCloseInput = { id: number, 
/**
 * Required when the case has no follow-up (回访) in this round.
 */
noFollowupReason: string | null, note: string, };

export type CaseFeedbackInput = { id: number, 
/**
 * What was done, as told to the resident.
 */
content: string, 
/**
 * "YYYY-MM-DD HH:MM" station time; None = now.
 */
toldAt: string | null, channel: FeedbackChannel, };

export type CaseFollowupInput = { id: number, method: FollowupMethod, resolution: Resolution, satisfaction: Satisfaction, note: string, };

export type CaseReviewInput = { id: number, 
/**
 * true confirms the complaint as unreasonable; false rejects the proposal.
 */
confirm: boolean, note: string, };

export type CaseCallInput = { id: number, 
/**
 * Who was called: 街道应急办 王主任.
 */
callee: string, 
/**
 * "YYYY-MM-DD HH:MM" station time; None = now.
 */
calledAt: string | null, note: string, };

export type HandlerOption = { id: number, name: string, };

export type CasePhotoInput = { caseId: number, name: string, 
/**
 * The file's bytes (JPEG or PNG).
 */
data: Array<number>, };

export type CasePhoto = { id: number, name: string, 
/**
 * data: URL, ready for an <img>.
 */
dataUrl: string, };

export type FiguresInput = { 
/**
 * YYYY-MM, first month included.
 */
fromMonth: string, 
/**
 * YYYY-MM, last month included.
 */
toMonth: string, };

export type FigureRow = { key: string, label: string, total: number, 
/**
 * Confirmed unreasonable complaints (left out of everything below).
 */
unreasonable: number, acceptedInTime: number, 
/**
 * Denominator of the response rate.
 */
responseCounted: number, responseRate: number | null, resolved: number, avgHandlingHours: number | null, followedUp: number, solved: number, partlySolved: number, unsolved: number, resolutionRate: number | null, satisfied: number, neutral: number, dissatisfied: number, satisfactionRate: number | null, escalated: number, closed: number, 
/**
 * Still open and past the resolve limit now.
 */
overdueOpen: number, };

export type CaseFigures = { fromMonth: string, toMonth: string, overall: FigureRow, byKind: Array<FigureRow>, byGrid: Array<FigureRow>, byHandler: Array<FigureRow>, byMonth: Array<FigureRow>, };

export type TagCount = { tagId: number, tag: string, count: number, };

export type AuditEntry = { id: number, at: string, actor: string, entity: string, entityId: number | null, action: string, detail: string, };

export type AuditPage = { items: Array<AuditEntry>, total: number, };

export type PageInput = { page: number, pageSize: number, };

export type HomeSummary = { 
/**
 * 2026年11月25日 星期三, in the station's time zone.
 */
today: string, residentsActive: number, residentsNewThisMonth: number, residentsArchived: number, residentsWithoutConsent: number, tagCounts: Array<TagCount>, recentAudit: Array<AuditEntry>, 
/**
 * The last backup attempt failed and none has succeeded since: shown on every desk
 * home until a backup works again (a silent failure would be found on the day it is needed).
 */
backupFailure: BackupFailure | null, };

export type ItemKind = "consumable" | "asset" | "emergency";

export type BorrowerKind = "resident" | "volunteer";

export type MovementKind = "receive" | "issue" | "lend" | "return" | "adjust" | "dispose" | "reverse";

export type Category = { id: number, name: string, };

export type CategoryInput = { 
/**
 * None = a new category.
 */
id: number | null, name: string, };

export type ItemInput = { name: string, categoryId: number | null, 
/**
 * 个 / 把 / 箱 …
 */
unit: string, kind: ItemKind, 
/**
 * Where it is kept (储物间 2 号柜).
 */
place: string, minStock: number, note: string, };

export type ItemUpdate = { id: number, item: ItemInput, };

export type ItemRow = { id: number, name: string, categoryId: number | null, category: string | null, unit: string, kind: ItemKind, place: string, minStock: number, 
/**
 * In the station now (Σ movements).
 */
onHand: number, 
/**
 * Out with borrowers.
 */
onLoan: number, 
/**
 * Asset units on the shelf waiting for repair (待维修): counted in `on_hand`, never lent.
 */
inRepair: number, 
/**
 * On hand in batches that expire within 30 days (not yet expired).
 */
expiringSoon: number, 
/**
 * On hand in batches past their expiry date.
 */
expired: number, low: boolean, hasPhoto: boolean, note: string, archived: boolean, };

export type ItemQuery = { text: string, kind: ItemKind | null, categoryId: number | null, 
/**
 * Only items below their minimum stock.
 */
lowOnly: boolean, includeArchived: boolean, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type ItemPage = { items: Array<ItemRow>, total: number, };

export type Batch = { id: number, label: string, expiryDate: string | null, receivedAt: string, onHand: number, expired: boolean, expiringSoon: boolean, };

export type AssetStatus = "inStock" | "onLoan" | "repair" | "retired";

export type Asset = { id: number, code: string, status: AssetStatus, 
/**
 * good | damaged
 */
condition: string, conditionNote: string, borrowerName: string | null, dueDate: string | null, 
/**
 * Active reservations, e.g. "2026-12-01 至 2026-12-01 张三".
 */
reserved: Array<string>, };

export type ItemDetail = { item: ItemRow, batches: Array<Batch>, assets: Array<Asset>, 
/**
 * Borrowing history, newest first.
 */
loans: Array<LoanRow>, 
/**
 * The newest ledger lines of this item.
 */
movements: Array<MovementRow>, 
/**
 * The station's today (YYYY-MM-DD), for the forms' date defaults: the app's clock, not
 * the browser's.
 */
today: string, };

export type AssetLabel = { assetId: number, code: string, itemName: string, stationName: string, 
/**
 * The QR code (it encodes the asset code) as an SVG document.
 */
svg: string, };

export type ItemPhotoInput = { itemId: number, 
/**
 * The picture file's bytes, base64 (a data URL is accepted too).
 */
dataBase64: string, };

export type ReceiveSource = "purchase" | "donation" | "street" | "other";

export type ReceiveInput = { itemId: number, quantity: number, source: ReceiveSource, 
/**
 * YYYY-MM-DD; for consumables and emergency supplies.
 */
expiryDate: string | null, 
/**
 * 批号, optional.
 */
batchLabel: string, 
/**
 * Lendable assets: one code per unit; empty = numbered automatically (ZC-000001 …).
 */
assetCodes: Array<string>, note: string, };

export type IssueInput = { itemId: number, 
/**
 * None = earliest expiry first.
 */
batchId: number | null, quantity: number, 
/**
 * 领用人 / 领用单位
 */
recipient: string, 
/**
 * 用于哪项活动
 */
activity: string, note: string, };

export type DisposeReason = "expired" | "broken" | "lost";

export type AdjustInput = { itemId: number, 
/**
 * None: a gain goes to the newest batch, a loss comes from expired batches first, then
 * the earliest expiry.
 */
batchId: number | null, 
/**
 * Signed: +2 found, −1 missing. Never 0.
 */
quantity: number, 
/**
 * 调整原因 (required: an adjustment without a reason cannot be checked later).
 */
reason: string, };

export type DisposeInput = { itemId: number, 
/**
 * Consumables / emergency supplies: the batch (None = earliest expiry first).
 */
batchId: number | null, 
/**
 * Lendable assets: the unit.
 */
assetId: number | null, quantity: number, reason: DisposeReason, note: string, };

export type ReverseInput = { movementId: number, reason: string, };

export type MovementRow = { id: number, at: string, itemId: number, itemName: string, unit: string, kind: MovementKind, 
/**
 * Signed change of stock on hand.
 */
quantity: number, batchLabel: string | null, expiryDate: string | null, assetCode: string | null, source: string, party: string, activity: string, reason: string, loanId: number | null, stocktakeId: number | null, reversesId: number | null, 
/**
 * The movement that reversed this one, if any.
 */
reversedBy: number | null, staff: string | null, };

export type MovementQuery = { itemId: number | null, kind: MovementKind | null, 
/**
 * YYYY-MM-DD, local dates, inclusive.
 */
from: string | null, to: string | null, 
/**
 * 1-based.
 */
page: number, pageSize: number, };

export type MovementPage = { items: Array<MovementRow>, total: number, };

export type LendInput = { itemId: number, 
/**
 * Lendable assets: the unit lent.
 */
assetId: number | null, 
/**
 * Consumables / emergency supplies lent by quantity (assets: 1).
 */
quantity: number, borrowerKind: BorrowerKind, borrowerId: number, 
/**
 * YYYY-MM-DD, today or later.
 */
dueDate: string, 
/**
 * 借出时状况
 */
condition: string, purpose: string, };

export type ReturnCondition = "good" | "damaged" | "lost";

export type ReturnInput = { loanId: number, 
/**
 * How many come back (ignored for `lost`: all that is still out).
 */
quantity: number, condition: ReturnCondition, note: string, };

export type RenewInput = { loanId: number, dueDate: string, };

export type AssetRepairInput = { assetId: number, 
/**
 * What was done (required: the next borrower's condition comes from it).
 */
note: string, };

export type LoanStatus = "open" | "overdue" | "closed";

export type LoanEvent = { at: string, 
/**
 * return | lost | renew
 */
kind: string, quantity: number, condition: string | null, note: string, oldDue: string | null, newDue: string | null, staff: string | null, };

export type LoanRow = { id: number, itemId: number, itemName: string, unit: string, assetId: number | null, assetCode: string | null, quantity: number, returned: number, lost: number, 
/**
 * Still with the borrower.
 */
outstanding: number, borrowerKind: BorrowerKind, borrowerId: number, borrowerName: string, 
/**
 * The whole number: the desk calls overdue borrowers.
 */
borrowerPhone: string, lentAt: string, dueDate: string, status: LoanStatus, 
/**
 * Days past the due date (0 when not overdue).
 */
overdueDays: number, conditionOut: string, purpose: string, closedAt: string | null, events: Array<LoanEvent>, };

export type LoanFilter = "open" | "overdue" | "closed" | "all";

export type LoanQuery = { filter: LoanFilter, itemId: number | null, borrowerKind: BorrowerKind | null, borrowerId: number | null, };

export type ReservationInput = { assetId: number, borrowerKind: BorrowerKind, borrowerId: number, 
/**
 * YYYY-MM-DD, today or later.
 */
startDate: string, endDate: string, note: string, };

export type Reservation = { id: number, assetId: number, assetCode: string, itemId: number, itemName: string, borrowerKind: BorrowerKind, borrowerId: number, borrowerName: string, borrowerPhone: string, startDate: string, endDate: string, note: string, 
/**
 * active | cancelled | fulfilled
 */
status: string, };

export type StocktakeStartInput = { 
/**
 * Only this category (None = everything).
 */
categoryId: number | null, note: string, };

export type StocktakeLine = { id: number, itemId: number, itemName: string, unit: string, place: string, category: string | null, batchLabel: string | null, expiryDate: string | null, assetCode: string | null, 
/**
 * Stock on the sheet when it was made.
 */
expected: number, counted: number | null, };

export type Stocktake = { id: number, note: string, 
/**
 * open | finished | cancelled
 */
status: string, startedAt: string, finishedAt: string | null, staff: string | null, lines: Array<StocktakeLine>, 
/**
 * Adjustment movements written when it was finished.
 */
adjustments: number, };

export type StocktakeSummary = { id: number, note: string, status: string, startedAt: string, finishedAt: string | null, lines: number, adjustments: number, };

export type StocktakeCount = { lineId: number, counted: number, };

export type StocktakeFinishInput = { id: number, 
/**
 * One count per line of the sheet.
 */
counts: Array<StocktakeCount>, 
/**
 * Why the numbers differ (recorded on each adjustment).
 */
reason: string, };

export type EmergencyLine = { itemId: number, name: string, unit: string, place: string, minStock: number, onHand: number, 
/**
 * On hand and not expired.
 */
usable: number, 
/**
 * Usable, but expiring within 30 days.
 */
expiringSoon: number, expired: number, nextExpiry: string | null, 
/**
 * min(usable / minimum, 1) as a percentage; 100 when no minimum is set.
 */
readyPercent: number, };

export type EmergencyView = { lines: Array<EmergencyLine>, 
/**
 * The average of the lines' ready percentages: 0–100.
 */
readinessPercent: number, 
/**
 * Lines at or above their minimum with usable stock.
 */
itemsReady: number, itemsTotal: number, };

export type StockAlert = { itemId: number, name: string, unit: string, kind: ItemKind, onHand: number, minStock: number, };

export type ExpiryAlert = { itemId: number, name: string, unit: string, batchId: number, batchLabel: string, expiryDate: string, onHand: number, 
/**
 * Negative: expired that many days ago.
 */
daysLeft: number, };

export type InventoryHome = { overdue: Array<LoanRow>, lowStock: Array<StockAlert>, expiring: Array<ExpiryAlert>, };

export type LedgerExportInput = { 
/**
 * YYYY-MM-DD, inclusive; None = from the first movement / up to today.
 */
from: string | null, to: string | null, };

export type WindowKind = "desk" | "kiosk";

export type SessionInfo = { staff: StaffAccount, idleMinutes: number, };

export type AppStatus = { initialized: boolean, stationName: string | null, dataDir: string, recovery: RecoveryInfo | null, };

export type ClockReading = { 
/**
 * RFC 3339, UTC, to the millisecond
 */
now: string, 
/**
 * YYYY-MM-DD in the station's time zone
 */
today: string, 
/**
 * the station's time zone (IANA name), Asia/Shanghai unless set
 */
timezone: string, };

export type RecoveryInfo = { message: string, 
/**
 * the file's content failed its check (not a database, corrupt): only then is a backup
 * offered in its place; a permission or disk error is to be fixed, not restored over
 */
damaged: boolean, 
/**
 * path of the newest backup that passes the integrity check
 */
newestBackup: string | null, 
/**
 * what that backup holds (date, counts) for the confirmation before restoring it
 */
backup: BackupInfo | null, };

export type RecoveryInput = { username: string, password: string, };

export type KioskExitInput = { 
/**
 * the kiosk exit PIN an admin set (never a desk password)
 */
pin: string, };

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
residentId: number | null, requesterName: string, phone: string, 
/**
 * The personal-information notice read to the resident (`privacy::NOTICE_VERSION`).
 */
noticeVersion: string, 
/**
 * The resident agreed that a photo of the fulfilled wish may be shown on the wall.
 */
photoConsent: boolean, };

export type KioskWishInput = { kind: WishKind, content: string, wantedBy: string | null, phone: string, 
/**
 * The notice the resident agreed to on screen (`privacy::NOTICE_VERSION`).
 */
noticeVersion: string, 
/**
 * They also agreed that a photo of the fulfilled wish may be shown on the wall.
 */
photoConsent: boolean, };

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

export type WishSatisfaction = "satisfied" | "partly" | "not_satisfied";

export type WishRateInput = { id: number, satisfaction: WishSatisfaction, 
/**
 * 1–5
 */
stars: number, comment: string, };

export type KioskRateInput = { code: string, satisfaction: WishSatisfaction, stars: number, comment: string, };

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
phone: string, residentId: number | null, declineReason: string, fulfilNote: string, hasPhoto: boolean, satisfaction: WishSatisfaction | null, ratingComment: string, mergedInto: number | null, helpers: Array<WishHelper>, timeline: Array<WishTransition>, 
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

export type KioskWishView = { wish: PublicWish, canRate: boolean, satisfaction: WishSatisfaction | null, 
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

export type ExportOutcome = { path: string, rows: number, };

export type ImportTarget = "residents" | "volunteers" | "items" | "partyMembers";

export type ImportRequest = { target: ImportTarget, 
/**
 * the file (chosen in the desk's open dialog, or given on the command line)
 */
path: string, 
/**
 * per file column, the field key it fills (None: ignored); None = map by headers
 */
mapping: Array<string | null> | null, 
/**
 * what the import may create on the way (default: everything the rows need)
 */
newRecords?: NewRecordPolicy, };

export type NewRecordPolicy = { 
/**
 * false: a row naming a place the station lacks is refused (`--no-new-places`)
 */
create: boolean, 
/**
 * paths (as in `NewRecord::path`) the person unticked
 */
skip: Array<string>, };

export type NewRecord = { 
/**
 * 网格 / 小区 / 楼栋 / 党支部 …
 */
kind: string, 
/**
 * where it goes, as the person reads it: "第一网格 › 白水小区 › 9号楼" (unique per import)
 */
path: string, 
/**
 * the path of the new record it sits under, when that is new too (the preview's tree)
 */
parent: string | null, 
/**
 * how many rows need it
 */
rows: number, 
/**
 * unticked by the person: not created, and its rows are refused
 */
skipped: boolean, };

export type FoundKind = "resident" | "volunteer" | "item" | "wish" | "case" | "activity";

export type Found = { id: number, title: string, 
/**
 * a second line: masked phone and address, a case's number, an activity's day …
 */
detail: string, };

export type FoundGroup = { kind: FoundKind, items: Array<Found>, 
/**
 * all matches of the kind (more than `items` when the page has more)
 */
total: number, };

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
 * places and other records the rows need that the station lacks: created with the rows
 * (preview: would be), in the order first needed
 */
newRecords: Array<NewRecord>, 
/**
 * true once written (commit); false for a preview / dry run
 */
written: boolean, };

export type Venue = { id: number, name: string, capacity: number, equipment: string, 
/**
 * HH:MM
 */
opensAt: string, closesAt: string, 
/**
 * 1 = Monday … 7 = Sunday.
 */
openWeekdays: Array<number>, 
/**
 * Closed dates from today on.
 */
closures: Array<VenueClosure>, archived: boolean, };

export type VenueClosure = { 
/**
 * YYYY-MM-DD
 */
date: string, reason: string, };

export type VenueInput = { 
/**
 * None creates a venue.
 */
id: number | null, name: string, capacity: number, equipment: string, opensAt: string, closesAt: string, openWeekdays: Array<number>, archived: boolean, };

export type VenueClosureInput = { venueId: number, date: string, reason: string, 
/**
 * false reopens the date.
 */
closed: boolean, };

export type ActivityStatus = "draft" | "open" | "full" | "closed" | "held" | "cancelled";

export type ActivityInput = { title: string, categoryId: number, 
/**
 * A staff organiser; when neither this nor `organiserName` is given, the one saving it.
 */
organiserStaffId: number | null, 
/**
 * A volunteer or partner unit, as free text for now.
 */
organiserName: string, venueId: number, 
/**
 * YYYY-MM-DD
 */
date: string, 
/**
 * HH:MM
 */
startTime: string, endTime: string, capacity: number, 
/**
 * 'YYYY-MM-DD HH:MM'; None = open as soon as published.
 */
bookingOpensAt: string | null, 
/**
 * None = until the activity starts.
 */
bookingClosesAt: string | null, minAge: number | null, 
/**
 * Empty = residents of any compound.
 */
compoundIds: Array<number>, description: string, 
/**
 * data:image/png or image/jpeg;base64,…
 */
poster: string | null, 
/**
 * true opens it for booking; false keeps it a draft.
 */
publish: boolean, 
/**
 * An admin's reason to schedule despite a room problem.
 */
overrideReason: string | null, };

export type ActivityCreateInput = { activity: ActivityInput, 
/**
 * 1 = once; 8 = the same weekday and time for 8 weeks.
 */
weeks: number, };

export type EditScope = "one" | "following";

export type ActivityUpdateInput = { id: number, scope: EditScope, activity: ActivityInput, };

export type ActivityCancelInput = { id: number, scope: EditScope, reason: string, };

export type ActivityStatusInput = { id: number, status: ActivityStatus, };

export type Activity = { id: number, seriesId: number | null, title: string, categoryId: number, category: string, organiserStaffId: number | null, 
/**
 * The staff member's name, else the free-text organiser.
 */
organiser: string, organiserName: string, venueId: number, venueName: string, date: string, startTime: string, endTime: string, 
/**
 * 'YYYY-MM-DD HH:MM' local
 */
startsAt: string, endsAt: string, capacity: number, bookingOpensAt: string | null, bookingClosesAt: string | null, minAge: number | null, compoundIds: Array<number>, description: string, hasPoster: boolean, status: ActivityStatus, booked: number, waitlisted: number, attended: number, noShow: number, overrideReason: string | null, cancelReason: string | null, };

export type ActivityDetail = { activity: Activity, poster: string | null, 
/**
 * Every booking, in arrival order (the waitlist's order).
 */
bookings: Array<BookingRow>, 
/**
 * How many occurrences of its series are still to come (this one included).
 */
seriesRemaining: number, };

export type ActivityCategory = { id: number, name: string, archived: boolean, };

export type ActivityCategoryInput = { id: number | null, name: string, archived: boolean, };

export type BookingStatus = "booked" | "waitlisted" | "attended" | "noShow" | "cancelled" | "stationCancelled";

export type BookingResult = { bookingId: number, receipt: string, status: BookingStatus, 
/**
 * 1 = next to be promoted.
 */
waitlistPosition: number | null, activityId: number, activityTitle: string, venueName: string, startsAt: string, endsAt: string, maskedName: string, 
/**
 * Set when the person holds another booking at an overlapping time.
 */
warning: string | null, };

export type BookingRow = { id: number, receipt: string, residentId: number, name: string, phoneMasked: string, 
/**
 * Compound and building, e.g. 阳光花园 3号楼.
 */
building: string, status: BookingStatus, channel: string, bookedAt: string, promotedAt: string | null, promotionNotified: boolean, checkedInAt: string | null, waitlistPosition: number | null, };

export type PromotedBooking = { bookingId: number, receipt: string, activityId: number, activityTitle: string, startsAt: string, residentId: number, name: string, 
/**
 * The whole number: staff phone them.
 */
phone: string, promotedAt: string, };

export type CancelOutcome = { bookingId: number, promoted: Array<PromotedBooking>, };

export type DeskBookingInput = { activityId: number, residentId: number, 
/**
 * When the activity is full, join the waitlist instead of being refused.
 */
joinWaitlist: boolean, };

export type CheckInInput = { bookingId: number, 
/**
 * false takes a check-in back (a wrong tick).
 */
attended: boolean, };

export type AttendanceItem = { bookingId: number, activityId: number, activityTitle: string, startsAt: string, status: BookingStatus, };

export type Attendance = { booked: number, attended: number, noShow: number, cancelled: number, items: Array<AttendanceItem>, };

export type KioskPinInput = { phone: string, 
/**
 * 4 digits
 */
pin: string, };

export type ResidentPinInput = { residentId: number, 
/**
 * 4 digits, or empty to remove the PIN
 */
pin: string, };

export type KioskWalkIn = { residentId: number, name: string, phoneMasked: string, at: string, 
/**
 * The number was already registered to another resident: check it is not a stranger.
 */
phoneKnown: boolean, };

export type GuardAlert = { 
/**
 * 居民预约密码, 心愿评价码 …
 */
what: string, 
/**
 * The phone masked (138****1234), the user name, or 全部.
 */
who: string, failures: number, lastFailureAt: string, 
/**
 * Set while locked.
 */
lockedUntil: string | null, 
/**
 * The counter of the whole kiosk or desk (many phones or names together): a burst.
 */
whole: boolean, };

export type GuardAlerts = { items: Array<GuardAlert>, 
/**
 * Walk-ins registered at the kiosk in the last 7 days, for staff to check.
 */
walkIns: Array<KioskWalkIn>, };

export type KioskExitPinInput = { 
/**
 * 6 digits
 */
pin: string, };

export type KioskIdentity = { 
/**
 * 王**
 */
maskedName: string, phoneMasked: string, };

export type KioskWalkInInput = { phone: string, name: string, buildingId: number, 
/**
 * The PIN the walk-in picks (4 digits), for their later visits.
 */
pin: string, 
/**
 * The version of the personal-information notice the walk-in read and agreed to on
 * screen (`privacy::NOTICE_VERSION`); stored with their consent.
 */
noticeVersion: string, };

export type KioskBuilding = { id: number, 
/**
 * 阳光花园 3号楼
 */
label: string, };

export type KioskBookInput = { phone: string, pin: string, activityId: number, joinWaitlist: boolean, };

export type KioskBookingRef = { phone: string, pin: string, bookingId: number, };

export type KioskActivity = { id: number, title: string, category: string, venueName: string, date: string, startTime: string, endTime: string, startsAt: string, capacity: number, placesLeft: number, waitlisted: number, full: boolean, 
/**
 * Booking (or the waitlist) is open right now.
 */
bookable: boolean, 
/**
 * Why not, in words (报名已截止 …).
 */
notBookableReason: string | null, description: string, minAge: number | null, thisWeek: boolean, };

export type KioskBooking = { bookingId: number, receipt: string, activityId: number, title: string, venueName: string, date: string, startTime: string, endTime: string, status: BookingStatus, waitlistPosition: number | null, canCancel: boolean, canCheckIn: boolean, };

export type KioskBookings = { maskedName: string, items: Array<KioskBooking>, };

export type VenueRequestStatus = "pending" | "approved" | "declined" | "withdrawn";

export type VenueRequestInput = { groupName: string, contactName: string, contactPhone: string, purpose: string, venueId: number, 
/**
 * The first date, YYYY-MM-DD.
 */
date: string, startTime: string, endTime: string, 
/**
 * 1 = once; n = weekly for n weeks.
 */
weeks: number, };

export type VenueRequestDecision = { id: number, approve: boolean, note: string, 
/**
 * An admin's reason to approve despite a room problem.
 */
overrideReason: string | null, };

export type VenueRequest = { id: number, groupName: string, contactName: string, contactPhone: string, purpose: string, venueId: number, venueName: string, status: VenueRequestStatus, 
/**
 * First occurrence.
 */
date: string, startTime: string, endTime: string, weeks: number, decidedBy: string | null, decisionNote: string, overrideReason: string | null, 
/**
 * For a pending request: what would stand in the way of approving it now.
 */
problems: Array<string>, createdAt: string, };

export type CalendarQuery = { 
/**
 * YYYY-MM-DD, inclusive.
 */
from: string, 
/**
 * YYYY-MM-DD, inclusive.
 */
to: string, venueId: number | null, };

export type CalendarKind = "activity" | "request";

export type CalendarEntry = { kind: CalendarKind, id: number, title: string, category: string, venueId: number, venueName: string, date: string, startTime: string, endTime: string, startsAt: string, endsAt: string, 
/**
 * None for a venue request.
 */
status: ActivityStatus | null, booked: number, capacity: number, waitlisted: number, };

export type VenueBrief = { id: number, name: string, };

export type CalendarView = { 
/**
 * The columns of a day view.
 */
venues: Array<VenueBrief>, entries: Array<CalendarEntry>, };

export type ActivityQuery = { from: string, to: string, 
/**
 * Part of the title.
 */
text: string, categoryId: number | null, venueId: number | null, status: ActivityStatus | null, };

export type ActivitiesToday = { date: string, activities: Array<Activity>, promotions: Array<PromotedBooking>, requestsPending: number, walkInsToComplete: number, 
/**
 * The first of them, so staff can open each record and complete it.
 */
walkIns: Array<WalkIn>, };

export type WalkIn = { residentId: number, name: string, phoneMasked: string, registeredAt: string, };

export type IcsExport = { path: string, events: number, };

export type ReportInput = { month?: string, from?: string, to?: string, };

export type ReportPeriod = { 
/**
 * "month" or "range".
 */
kind: string, 
/**
 * YYYY-MM for a month, else null.
 */
month: string | null, 
/**
 * First day, YYYY-MM-DD.
 */
from: string, 
/**
 * Last day (included), YYYY-MM-DD.
 */
to: string, 
/**
 * The day state figures are taken at: `to`, or today while the period runs.
 */
asOf: string, 
/**
 * How many days the period has.
 */
days: number, };

export type ReportHeader = { station: string, community: string, 
/**
 * 2026年11月 or 2026年11月01日 至 2026年11月15日
 */
titlePeriod: string, 
/**
 * Who produced (or, for a closed month, closed) the report.
 */
madeBy: string, 
/**
 * YYYY-MM-DD
 */
madeOn: string, };

export type FigureChange = { 
/**
 * The figure's path in this JSON, e.g. "wishes.fulfilled".
 */
key: string, label: string, 
/**
 * "人", "场", "%", "小时" …
 */
unit: string, current: number | null, previous: number | null, 
/**
 * current − previous (percentage points for rates).
 */
delta: number | null, };

export type Correction = { 
/**
 * YYYY-MM of the closed month.
 */
month: string, 
/**
 * The figure's path, e.g. "volunteers.minutes" or "activities.byCategory[党课].participants".
 */
key: string, label: string, 
/**
 * As filed (null when the row did not exist then).
 */
filed: number | null, 
/**
 * As the data says now (null when the row no longer exists).
 */
current: number | null, };

export type ResidentFigures = { 
/**
 * Distinct residents served by any of the four ways (a person counts once).
 */
served: number, servedByActivities: number, servedByWishes: number, servedByLoans: number, servedByCases: number, 
/**
 * Residents registered in the period.
 */
newRegistrations: number, };

export type CategoryRow = { label: string, held: number, participants: number, noShows: number, attendanceRate: number | null, };

export type RoomRow = { label: string, 
/**
 * Held activities in this room.
 */
activities: number, activityHours: number, 
/**
 * Approved group bookings (venue requests) in this room.
 */
groupBookings: number, groupHours: number, };

export type ActivityFigures = { 
/**
 * Ended by the cutoff, settled or not.
 */
held: number, cancelled: number, 
/**
 * Attended bookings of settled activities (person-times).
 */
participants: number, 
/**
 * Bookings settled as no-shows.
 */
noShows: number, 
/**
 * Held activities the desk has not settled yet (未核销).
 */
unsettled: number, 
/**
 * Their live bookings (checked in or not): counted in neither figure above until settled.
 */
unsettledBookings: number, 
/**
 * attended ÷ (attended + no-shows), 0–1.
 */
attendanceRate: number | null, byCategory: Array<CategoryRow>, rooms: Array<RoomRow>, };

export type WishKindRow = { key: string, label: string, received: number, fulfilled: number, };

export type WishFigures = { received: number, published: number, claimed: number, fulfilled: number, fulfilledOnTime: number, 
/**
 * fulfilled on time ÷ fulfilled, 0–1.
 */
onTimeRate: number | null, 
/**
 * Days, one decimal.
 */
avgDaysToFulfil: number | null, rated: number, satisfied: number, partly: number, notSatisfied: number, 
/**
 * satisfied ÷ rated, 0–1.
 */
satisfactionRate: number | null, 
/**
 * Every kind, in the wishes module's order.
 */
byKind: Array<WishKindRow>, };

export type HoursRow = { label: string, people: number, minutes: number, hours: number, };

export type TopVolunteer = { rank: number, name: string, minutes: number, hours: number, points: number, };

export type UnitRow = { name: string, expected: number, reportedIn: number, 
/**
 * Whole percent, null when nothing is expected.
 */
reportInRate: number | null, minutes: number, hours: number, };

export type VolunteerFigures = { active: number, minutes: number, hours: number, points: number, byKind: Array<HoursRow>, byServiceKind: Array<HoursRow>, topTen: Array<TopVolunteer>, units: Array<UnitRow>, 
/**
 * All units: reported in ÷ expected, whole percent.
 */
reportInRate: number | null, };

export type InventoryFigures = { receipts: number, receivedQuantity: number, issues: number, issuedQuantity: number, loans: number, lentQuantity: number, returnedQuantity: number, disposedQuantity: number, overdueLoans: number, belowMinimum: number, expiringBatches: number, expiringQuantity: number, };

export type CaseKindRow = { key: string, label: string, 
/**
 * Cases of the kind reported in the period, confirmed unreasonable ones included.
 */
total: number, 
/**
 * Of them, confirmed unreasonable (left out of the rates).
 */
unreasonable: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, };

export type CountRow = { key: string, label: string, count: number, };

export type CaseSummary = { received: number, 
/**
 * Confirmed unreasonable complaints (counted in `received`, left out of the rates).
 */
unreasonable: number, 
/**
 * 0–1 each; null when nothing was counted.
 */
responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, followedUp: number, avgHandlingHours: number | null, byKind: Array<CaseKindRow>, 
/**
 * Every source, in the cases module's order.
 */
bySource: Array<CountRow>, };

export type PartyBranchRow = { name: string, members: number, full: number, probationary: number, lostContact: number, 
/**
 * 党费 owed and paid for the period's months, in 分; member-months unpaid.
 */
dueFen: number, paidFen: number, unpaid: number, };

export type MeetingKindRow = { key: MeetingKind, label: string, 
/**
 * The quota's period; absent when the kind has no quota (its meetings are counted over
 * the period). Absent rather than null: null in this report means a figure not computed.
 */
quotaPeriod?: QuotaPeriod, 
/**
 * The span counted: the quota's (the period, or its quarter / year), YYYY-MM-DD …
 */
from: string, to: string, 
/**
 * … but only up to this day (the as-of day, or `to` if earlier).
 */
countedTo: string, 
/**
 * Organisations that owe it, and how many of them held what they owe.
 */
organisations: number, met: number, 
/**
 * Meetings owed (Σ quota × times in the span) and approved meetings held (any organisation).
 */
required: number, held: number, duePeople: number, present: number, attendanceRate: number | null, };

export type PartyDuesFigures = { 
/**
 * The months counted (YYYY-MM), first to last.
 */
months: Array<string>, 
/**
 * Member-months owed (for a month: the members on the ledger at its end), paid, unpaid.
 */
memberMonths: number, paid: number, unpaid: number, 
/**
 * In 分.
 */
dueFen: number, paidFen: number, 
/**
 * paid ÷ member-months.
 */
paidRate: number | null, };

export type PartyFigures = { 
/**
 * On the ledger (在册) at the end of the as-of day.
 */
members: number, 
/**
 * Of them 正式党员 and 预备党员.
 */
full: number, probationary: number, 
/**
 * Of them 流动外出 (away, still on this ledger) and 流入 (from elsewhere).
 */
mobileOut: number, mobileIn: number, 
/**
 * Of them 失联: no 组织生活 attended and no dues paid for six months.
 */
lostContact: number, 
/**
 * 入党 in the period (入党日期), on the ledger by the as-of day.
 */
joined: number, 
/**
 * Events dated in the period: 登记入册, 转入, 转出, 转正.
 */
registered: number, transferredIn: number, transferredOut: number, confirmed: number, 
/**
 * Every branch standing on the as-of day, and any other with members then; by name.
 */
byBranch: Array<PartyBranchRow>, 
/**
 * Approved 组织生活 records (any kind, any organisation) held in the period.
 */
meetingsHeld: number, 
/**
 * Their attendance: people due, present, present ÷ due.
 */
duePeople: number, present: number, attendanceRate: number | null, 
/**
 * 三会一课 against the quotas, per meeting kind.
 */
byMeetingKind: Array<MeetingKindRow>, dues: PartyDuesFigures, };

export type ClosingInfo = { 
/**
 * SHA-256 (hex) of the stored snapshot text.
 */
hash: string, 
/**
 * The first 12 hex digits, as printed.
 */
shortHash: string, closedAt: string, closedBy: string, };

export type ClosingRecord = { id: number, month: string, hash: string, shortHash: string, closedAt: string, closedBy: string, reopenedAt: string | null, reopenedBy: string | null, reopenReason: string | null, 
/**
 * This closing's link in the chain (null: closed before the chain existed and not yet
 * sealed by a later closing).
 */
chainHash: string | null, };

export type ChainBreak = { id: number, month: string, closedAt: string, 
/**
 * Why, in Chinese.
 */
reason: string, };

export type ChainCheck = { 
/**
 * Every closing's snapshot matches its hash and every link matches: 关账链完整.
 */
intact: boolean, 
/**
 * Closings checked.
 */
checked: number, 
/**
 * Closings made before the chain existed, not sealed yet (their snapshots are checked).
 */
unsealed: number, 
/**
 * The links that do not hold, oldest first (one broken closing breaks every later one).
 */
broken: Array<ChainBreak>, 
/**
 * The newest link's chain hash (what a printed copy of the chain would carry).
 */
head: string | null, };

export type CloseInput = { 
/**
 * YYYY-MM
 */
month: string, };

export type ReopenInput = { month: string, reason: string, };

export type ReportFormat = "xlsx" | "csv" | "json";

export type MonthlyReport = { schemaVersion: number, period: ReportPeriod, header: ReportHeader, residents: ResidentFigures, activities: ActivityFigures, wishes: WishFigures, volunteers: VolunteerFigures, inventory: InventoryFigures, cases: CaseSummary, 
/**
 * 党建. Always set by this version (zeros and empty lists when the station has no party
 * organisation); null only in a month closed under schema version 1, which had no such
 * section — not filed is not the same as none.
 */
party: PartyFigures | null, 
/**
 * Month-on-month (or range-on-range) change of the main figures.
 */
changes: Array<FigureChange>, 
/**
 * The previous month was closed and some of its figures changed since: listed here.
 */
afterClosing: Array<Correction>, 
/**
 * Set when this month is closed: the report is then the frozen snapshot.
 */
closing: ClosingInfo | null, 
/**
 * For a closed month: figures whose data changed since closing (the report still shows
 * the filed value).
 */
changedSinceClosing: Array<Correction>, };

export type OrgLevel = "committee" | "branch" | "group" | "household";

export type OrgKind = "community" | "general" | "grid" | "compound" | "retired" | "other_branch" | "group" | "household";

export type OrgEventKind = "founded" | "reelected" | "dissolved" | "merged" | "converted";

export type CommitteeRole = "secretary" | "deputy" | "member" | "part_time";

export type CommitteeMemberInput = { role: CommitteeRole, name: string, 
/**
 * when the person is on the ledger
 */
memberId: number | null, 
/**
 * 兼职委员: the partner unit they come from
 */
unitId: number | null, unitName: string, };

export type OrgInput = { parentId: number | null, kind: OrgKind, name: string, 
/**
 * 实体型 (true) or 功能型 (false); branches only
 */
entity: boolean, gridId: number | null, compoundId: number | null, buildingId: number | null, 
/**
 * 党员中心户: the member whose household it is
 */
memberId: number | null, households: number | null, foundedOn: string, committee: Array<CommitteeMemberInput>, };

export type OrgEventInput = { orgId: number, 
/**
 * 换届 / 撤销 / 合并 / 功能型转实体型 (成立 is `party_org_create`)
 */
kind: OrgEventKind, onDate: string, 
/**
 * 合并: the organisation it is merged into
 */
mergedInto: number | null, detail: string, 
/**
 * 换届: the new term's committee
 */
committee: Array<CommitteeMemberInput>, };

export type OrgRow = { id: number, parentId: number | null, level: OrgLevel, kind: OrgKind, name: string, entity: boolean, grid: string | null, compound: string | null, building: string | null, foundedOn: string, dissolvedOn: string | null, secretary: string | null, 
/**
 * party members on the ledger now (在册) whose branch or group this is
 */
members: number, };

export type CommitteeMember = { id: number, role: CommitteeRole, name: string, memberId: number | null, unitName: string, fromOn: string, untilOn: string | null, };

export type OrgEvent = { id: number, kind: OrgEventKind, onDate: string, mergedInto: string | null, detail: string, recordedBy: string, };

export type OrgDetail = { org: OrgRow, 
/**
 * the standing committee, then earlier terms
 */
committee: Array<CommitteeMember>, events: Array<OrgEvent>, };

export type UncoveredPlace = { 
/**
 * "grid" or "compound"
 */
kind: string, id: number, name: string, };

export type OrgTree = { 
/**
 * every organisation, parents before children, dissolved ones included (marked)
 */
orgs: Array<OrgRow>, 
/**
 * grids and compounds no live organisation covers
 */
uncovered: Array<UncoveredPlace>, };

export type MemberCategory = "full" | "probationary";

export type MemberStatus = "active" | "transferred_out" | "stopped" | "deceased";

export type Mobility = "none" | "out" | "in";

export type MemberEventKind = "registered" | "transfer_in" | "transfer_out" | "mobile_out" | "mobile_in" | "mobile_back" | "confirmed" | "moved" | "stopped" | "deceased";

export type MemberFlag = "probation_due" | "probation_overdue" | "joined_under18" | "confirmed_before_joined" | "lost_contact";

export type MemberProfile = { name: string, gender: Gender | null, ethnicity: string, birthDate: string | null, idNumber: string | null, phone: string, education: string, post: string, address: string, residentId: number | null, 
/**
 * 双报到: the same person on the volunteers' roster
 */
volunteerId: number | null, 
/**
 * 在职党员: the partner unit they report in from
 */
unitId: number | null, joinedOn: string | null, confirmedOn: string | null, inService: boolean, retired: boolean, hardship: boolean, veteran: boolean, duesKind: DuesKind, 
/**
 * the monthly base in 分
 */
duesBaseFen: number, };

export type MemberCreateInput = { profile: MemberProfile, 
/**
 * 登记入册 / 转入 / 流入
 */
how: MemberEventKind, onDate: string, category: MemberCategory, orgId: number, groupId: number | null, letterNo: string, };

export type MemberUpdateInput = { id: number, profile: MemberProfile, };

export type MemberEventInput = { memberId: number, kind: MemberEventKind, onDate: string, 
/**
 * 转入 / 调整支部: the branch and 党小组
 */
orgId: number | null, groupId: number | null, 
/**
 * 转出 / 转入: 介绍信编号
 */
letterNo: string, 
/**
 * 转出: 党费交至 (YYYY-MM)
 */
duesPaidTo: string | null, 
/**
 * 转出 / 流动: where to or from
 */
place: string, note: string, };

export type MemberQuery = { 
/**
 * name, phone or ID number fragment
 */
text: string, 
/**
 * a branch or 党小组 (a committee: everything under it)
 */
orgId: number | null, category: MemberCategory | null, 
/**
 * None: 在册 only
 */
status: MemberStatus | null, mobile: Mobility | null, flag: MemberFlag | null, retired: boolean | null, hardship: boolean | null, veteran: boolean | null, inService: boolean | null, 
/**
 * the ledger as it stood on this day (YYYY-MM-DD); None: today
 */
asOf: string | null, page: number, pageSize: number, };

export type MemberRow = { id: number, name: string, gender: Gender | null, birthDate: string | null, 
/**
 * masked (1405**********1234) in lists
 */
idNumberMasked: string | null, phone: string, education: string, category: MemberCategory, status: MemberStatus, mobile: Mobility, orgId: number, orgName: string, groupId: number | null, groupName: string | null, joinedOn: string | null, confirmedOn: string | null, inService: boolean, retired: boolean, hardship: boolean, veteran: boolean, flags: Array<MemberFlag>, };

export type MemberPage = { items: Array<MemberRow>, total: number, 
/**
 * the day the ledger is shown for
 */
asOf: string, };

export type MemberEventRow = { id: number, kind: MemberEventKind, onDate: string, orgName: string | null, groupName: string | null, letterNo: string, duesPaidTo: string | null, place: string, note: string, recordedBy: string, };

export type MemberDetail = { row: MemberRow, idNumber: string | null, ethnicity: string, post: string, address: string, residentId: number | null, volunteerId: number | null, unitId: number | null, unitName: string | null, registeredOn: string, lastSeenOn: string | null, duesKind: DuesKind, duesBaseFen: number, duesReducedFen: number | null, duesReductionApproval: string | null, 
/**
 * the monthly dues under the rules (or the approved reduction)
 */
duesFen: number, events: Array<MemberEventRow>, 
/**
 * the 党员中心户 organisations that are this member's household
 */
households: Array<OrgRow>, };

export type MeetingKind = "general_meeting" | "committee_meeting" | "group_meeting" | "lecture" | "theme_day" | "life_meeting" | "appraisal";

export type MeetingState = "draft" | "submitted" | "approved";

export type MeetingStep = "submit" | "approve" | "return";

export type QuotaPeriod = "month" | "quarter" | "year";

export type AbsenceInput = { memberId: number, reason: string, };

export type MeetingInput = { 
/**
 * a draft being edited; None: a new record
 */
id: number | null, orgId: number, kind: MeetingKind, 
/**
 * a draft may be planned ahead (up to a year); it is submitted once held
 */
heldOn: string, startsAt: string, 
/**
 * HH:MM; needed with a room
 */
endsAt: string, 
/**
 * a station room: booked through the activities' rooms (never clashing with an activity or
 * an approved venue request); `place` then is the room's name
 */
venueId: number | null, place: string, host: string, recorder: string, topic: string, minutes: string, decisions: string, 
/**
 * 列席: guests, one a line (name and unit)
 */
guests: string, 
/**
 * who should attend; None: the organisation's members on the ledger (支委会: its committee)
 */
dueMemberIds: Array<number> | null, 
/**
 * the absent, each with a reason; everyone else due was present
 */
absences: Array<AbsenceInput>, };

export type MeetingStepInput = { id: number, step: MeetingStep, };

export type MeetingNoteInput = { id: number, text: string, };

export type MeetingQuery = { orgId: number | null, kind: MeetingKind | null, state: MeetingState | null, 
/**
 * YYYY-MM-DD, inclusive
 */
from: string | null, to: string | null, };

export type MeetingRow = { id: number, orgId: number, orgName: string, kind: MeetingKind, heldOn: string, topic: string, state: MeetingState, due: number, present: number, };

export type AttendanceLine = { memberId: number, name: string, present: boolean, reason: string, };

export type MeetingNote = { text: string, at: string, byName: string, };

export type MeetingDetail = { row: MeetingRow, startsAt: string, endsAt: string, venueId: number | null, place: string, host: string, recorder: string, minutes: string, decisions: string, guests: string, attendance: Array<AttendanceLine>, notes: Array<MeetingNote>, approvedAt: string | null, approvedBy: string | null, 
/**
 * what may be done now
 */
steps: Array<MeetingStep>, };

export type Quota = { kind: MeetingKind, period: QuotaPeriod, times: number, };

export type ComplianceInput = { 
/**
 * a branch (with its groups) or a group; None: every live branch and group
 */
orgId: number | null, 
/**
 * 2026-11 (a month) or 2026-Q4 (a quarter)
 */
period: string, };

export type ComplianceRow = { orgId: number, orgName: string, kind: MeetingKind, 
/**
 * the span counted: the period, or the quarter / year a longer quota needs
 */
from: string, to: string, required: number, held: number, met: boolean, duePeople: number, present: number, 
/**
 * present / due, in per mille (None when nobody was due)
 */
attendancePermille: number | null, };

export type ComplianceReport = { period: string, from: string, to: string, rows: Array<ComplianceRow>, required: number, held: number, };

export type DuesKind = "in_service" | "retired" | "student" | "laid_off" | "subsistence";

export type PayMethod = "cash" | "transfer";

export type DuesReductionInput = { memberId: number, 
/**
 * the reduced monthly amount in 分; None withdraws the reduction
 */
amountFen: number | null, 
/**
 * who approved it, and when (e.g. "支委会 2026-11-03 决定")
 */
approval: string, };

export type DuesPayInput = { memberId: number, 
/**
 * the first month paid for (YYYY-MM)
 */
fromMonth: string, 
/**
 * how many months (1–12): more than one pays in advance
 */
months: number, method: PayMethod, collector: string, receiptNo: string, paidOn: string, };

export type DuesVoidInput = { paymentId: number, reason: string, };

export type DuesSheetInput = { month: string, 
/**
 * a branch; None: every branch's totals
 */
orgId: number | null, };

export type DuesCloseInput = { orgId: number, month: string, };

export type DuesReopenInput = { orgId: number, month: string, reason: string, };

export type DuesLine = { memberId: number, name: string, category: MemberCategory, duesKind: DuesKind, baseFen: number, dueFen: number, reduced: boolean, paymentId: number | null, paidFen: number | null, method: PayMethod | null, collector: string | null, receiptNo: string | null, paidOn: string | null, 
/**
 * the last month paid beyond this one (paid in advance)
 */
paidAheadTo: string | null, 
/**
 * months unpaid among this and the eleven before (since the member came on the ledger)
 */
arrearsMonths: number, };

export type DuesSheet = { month: string, orgId: number, orgName: string, lines: Array<DuesLine>, members: number, dueFen: number, paidFen: number, 
/**
 * members who have not paid this month
 */
unpaid: number, };

export type DuesClosingInfo = { hash: string, shortHash: string, prevHash: string, closedAt: string, closedBy: string, };

export type DuesSheetView = { sheet: DuesSheet, 
/**
 * set when the month is closed: the sheet is the frozen snapshot
 */
closing: DuesClosingInfo | null, };

export type DuesBranchTotal = { orgId: number, orgName: string, members: number, dueFen: number, paidFen: number, unpaid: number, closed: boolean, };

export type DuesOverview = { month: string, branches: Array<DuesBranchTotal>, members: number, dueFen: number, paidFen: number, unpaid: number, };

export type DuesClosingRecord = { id: number, orgName: string, month: string, shortHash: string, closedAt: string, closedBy: string, reopenedAt: string | null, reopenReason: string | null, 
/**
 * the stored snapshot still matches its hash, and the hash its predecessor's
 */
intact: boolean, };

export type DuesSheetResult = { "kind": "branch", "value": DuesSheetView } | { "kind": "all", "value": DuesOverview };

export type PartyAccessRow = { staffId: number, displayName: string, username: string, role: Role, granted: boolean, };

export type PartyAccessInput = { staffId: number, granted: boolean, };

export type BackupKind = "daily" | "manual" | "beforeMigration" | "beforeRestore" | "other";

export type BackupListItem = { fileName: string, path: string, 
/**
 * RFC 3339 (UTC)
 */
madeAt: string, kind: BackupKind, size: number, };

export type BackupCounts = { residents: number | null, volunteers: number | null, activities: number | null, bookings: number | null, wishes: number | null, items: number | null, cases: number | null, 
/**
 * approved volunteer service, in hours (one decimal)
 */
serviceHours: number | null, };

export type BackupInfo = { path: string, fileName: string, 
/**
 * when the backup was made (from the app's file name, else the file's modification
 * time), RFC 3339 UTC
 */
madeAt: string, kind: BackupKind, size: number, schemaVersion: number, stationName: string | null, counts: BackupCounts, };

export type RestoreReport = { restored: BackupInfo, 
/**
 * the database as it was just before, saved as a `before-restore` backup
 */
savedCurrent: string | null, 
/**
 * a damaged database moved aside (start-up recovery), never deleted
 */
keptDamaged: string | null, };

export type BackupFailure = { 
/**
 * RFC 3339 (UTC)
 */
at: string, kind: string, message: string, };

export type AboutInfo = { name: string, version: string, 
/**
 * git short hash of the build, empty when built outside a git checkout
 */
build: string, dataDir: string, logDir: string, backupDir: string, 
/**
 * the schema this program writes
 */
schemaVersion: number, 
/**
 * the schema of the open database (None when it could not be opened)
 */
databaseVersion: number | null, license: string, };
