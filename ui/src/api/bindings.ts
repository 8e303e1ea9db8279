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

export type Paper = "a4" | "a5";

export type PrintPdfInput = { 
/**
 * the file name the save dialog suggests, e.g. 志愿服务记录证明-张三.pdf
 */
defaultName: string, landscape: boolean, paper: Paper, };

export type ExportOutcome = { path: string, rows: number, };

export type ImportTarget = "residents";

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
