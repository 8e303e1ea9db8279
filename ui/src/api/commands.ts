import { call } from './invoke'
import type {
  ConsentRecord,
  FoundGroup,
  ConsentWithdrawInput,
  PrintAuditInput,
  RetentionPreview,
  RetentionReport,
  RetentionSettings,
  AboutInfo,
  AppStatus,
  ClockReading,
  BackupInfo,
  BackupListItem,
  RestoreReport,
  AuditPage,
  ExportOutcome,
  HomeSummary,
  KioskInfo,
  LoginInput,
  PageInput,
  PasswordChangeInput,
  PasswordResetInput,
  PlaceInput,
  Places,
  PurgeInput,
  RecoveryInput,
  Resident,
  ResidentInput,
  ResidentPage,
  ResidentQuery,
  SessionInfo,
  Settings,
  SetupInput,
  StaffAccount,
  StaffCreateInput,
  StaffDisableInput,
  Tag,
  TagInput,
} from './bindings'

// One typed function per command in docs/API.md.

export const appStatus = () => call<AppStatus>('app_status')
export const appClock = () => call<ClockReading>('app_clock')
export const recoveryRestore = (input: RecoveryInput) => call<AppStatus>('recovery_restore', { input })
export const setupInitialize = (input: SetupInput) => call<SessionInfo>('setup_initialize', { input })

export const authLogin = (input: LoginInput) => call<SessionInfo>('auth_login', { input })
export const authLogout = () => call<null>('auth_logout')
export const authCurrent = () => call<SessionInfo | null>('auth_current')
export const authChangePassword = (input: PasswordChangeInput) =>
  call<null>('auth_change_password', { input })

export const staffList = () => call<StaffAccount[]>('staff_list')
export const staffCreate = (input: StaffCreateInput) => call<StaffAccount>('staff_create', { input })
export const staffResetPassword = (input: PasswordResetInput) =>
  call<null>('staff_reset_password', { input })
export const staffSetDisabled = (input: StaffDisableInput) =>
  call<StaffAccount>('staff_set_disabled', { input })

export const settingsGet = () => call<Settings>('settings_get')
export const settingsUpdate = (input: Settings) => call<Settings>('settings_update', { input })

export const placesList = () => call<Places>('places_list')
export const placesSave = (input: PlaceInput) => call<Places>('places_save', { input })

export const tagsList = () => call<Tag[]>('tags_list')
export const tagsSave = (input: TagInput) => call<Tag[]>('tags_save', { input })

export const residentsSearch = (input: ResidentQuery) => call<ResidentPage>('residents_search', { input })
export const findAnything = (text: string) => call<FoundGroup[]>('find_anything', { input: text })
export const residentsExport = (input: ResidentQuery) => call<ExportOutcome | null>('residents_export', { input })
export const residentsGet = (id: number) => call<Resident>('residents_get', { id })
export const residentsCreate = (input: ResidentInput) => call<Resident>('residents_create', { input })
export const residentsUpdate = (id: number, resident: ResidentInput) =>
  call<Resident>('residents_update', { input: { id, resident } })
export const residentsArchive = (id: number) => call<Resident>('residents_archive', { id })
export const residentsRestore = (id: number) => call<Resident>('residents_restore', { id })
export const residentsPurge = (input: PurgeInput) => call<null>('residents_purge', { input })
export const residentsRevealId = (id: number) => call<string | null>('residents_reveal_id', { id })

// personal data (issue 17)
export const privacyConsents = (residentId: number) => call<ConsentRecord[]>('privacy_consents', { residentId })
export const privacyConsentGrant = (input: ConsentWithdrawInput) =>
  call<ConsentRecord[]>('privacy_consent_grant', { input })
export const privacyConsentWithdraw = (input: ConsentWithdrawInput) =>
  call<ConsentRecord[]>('privacy_consent_withdraw', { input })
export const privacyRetentionGet = () => call<RetentionSettings>('privacy_retention_get')
export const privacyRetentionUpdate = (input: RetentionSettings) =>
  call<RetentionSettings>('privacy_retention_update', { input })
export const privacyRetentionPreview = () => call<RetentionPreview>('privacy_retention_preview')
export const privacyRetentionRun = () => call<RetentionReport>('privacy_retention_run')
export const printAudit = (input: PrintAuditInput) => call<null>('print_audit', { input })

export const homeSummary = () => call<HomeSummary>('home_summary')
export const auditList = (input: PageInput) => call<AuditPage>('audit_list', { input })
export const demoLoad = () => call<number>('demo_load')

export const deskOpenKiosk = () => call<null>('desk_open_kiosk')
export const kioskInfo = () => call<KioskInfo>('kiosk_info')
export const kioskExit = (pin: string) => call<null>('kiosk_exit', { input: { pin } })

// backups and the about page (commands/backups.rs)
export const backupsList = () => call<BackupListItem[]>('backups_list')
export const backupsCreate = () => call<BackupListItem>('backups_create')
export const backupsSaveAs = () => call<string | null>('backups_save_as')
export const backupsInspectFile = () => call<BackupInfo | null>('backups_inspect_file')
export const backupsInspect = (fileName: string) => call<BackupInfo>('backups_inspect', { fileName })
/** fileName: a backup in the backups folder; null: the file backupsInspectFile picked */
export const backupsRestore = (fileName: string | null) =>
  call<RestoreReport>('backups_restore', { input: { fileName } })
export const appAbout = () => call<AboutInfo>('app_about')
export const appOpenFolder = (folder: 'data' | 'logs' | 'backups') => call<null>('app_open_folder', { folder })
