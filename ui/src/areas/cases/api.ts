// One typed function per cases command (src-tauri/src/commands/cases.rs, docs/API.md).
import { call } from '../../api/invoke'
import type {
  CalendarDay,
  CalendarDayInput,
  CaseAssignInput,
  CaseCallInput,
  CaseCloseInput,
  CaseDetail,
  CaseEscalateInput,
  CaseFeedbackInput,
  CaseFigures,
  CaseFollowupInput,
  CaseInput,
  CaseLimit,
  CasePage,
  CasePhoto,
  CasePhotoInput,
  CaseQuery,
  CaseReasonInput,
  CaseResolveInput,
  CaseReviewInput,
  CasesHome,
  CaseSettings,
  CaseStepInput,
  Department,
  ExportOutcome,
  DepartmentInput,
  FiguresInput,
  HandlerOption,
} from '../../api/bindings'

export const casesList = (input: CaseQuery) => call<CasePage>('cases_list', { input })
export const casesGet = (id: number) => call<CaseDetail>('cases_get', { id })
export const casesHome = () => call<CasesHome>('cases_home')
export const casesTick = () => call<number>('cases_tick')
export const casesReport = (input: CaseInput) => call<CaseDetail>('cases_report', { input })
export const casesAccept = (input: CaseStepInput) => call<CaseDetail>('cases_accept', { input })
export const casesAssign = (input: CaseAssignInput) => call<CaseDetail>('cases_assign', { input })
export const casesInvestigate = (input: CaseStepInput) => call<CaseDetail>('cases_investigate', { input })
export const casesResolve = (input: CaseResolveInput) => call<CaseDetail>('cases_resolve', { input })
export const casesDepartmentReport = (input: CaseStepInput) => call<CaseDetail>('cases_department_report', { input })
export const casesEscalate = (input: CaseEscalateInput) => call<CaseDetail>('cases_escalate', { input })
export const casesSendBack = (input: CaseReasonInput) => call<CaseDetail>('cases_send_back', { input })
export const casesReopen = (input: CaseReasonInput) => call<CaseDetail>('cases_reopen', { input })
export const casesClose = (input: CaseCloseInput) => call<CaseDetail>('cases_close', { input })
export const casesArchive = (input: CaseStepInput) => call<CaseDetail>('cases_archive', { input })
export const casesNote = (input: CaseStepInput) => call<CaseDetail>('cases_note', { input })
export const casesDirectReport = (input: CaseCallInput) => call<CaseDetail>('cases_direct_report', { input })
export const casesFeedback = (input: CaseFeedbackInput) => call<CaseDetail>('cases_feedback', { input })
export const casesFollowup = (input: CaseFollowupInput) => call<CaseDetail>('cases_followup', { input })
export const casesMarkUnreasonable = (input: CaseReasonInput) => call<CaseDetail>('cases_mark_unreasonable', { input })
export const casesReviewUnreasonable = (input: CaseReviewInput) =>
  call<CaseDetail>('cases_review_unreasonable', { input })
export const casesPhotoAdd = (input: CasePhotoInput) => call<CaseDetail>('cases_photo_add', { input })
export const casesPhotos = (id: number) => call<CasePhoto[]>('cases_photos', { id })
export const casesFigures = (input: FiguresInput) => call<CaseFigures>('cases_figures', { input })
export const casesFiguresExport = (input: FiguresInput) =>
  call<ExportOutcome | null>('cases_figures_export', { input })
export const casesHandlers = () => call<HandlerOption[]>('cases_handlers')
export const casesSettings = () => call<CaseSettings>('cases_settings')
export const casesLimitsSave = (input: CaseLimit[]) => call<CaseLimit[]>('cases_limits_save', { input })
export const casesCalendarSave = (input: CalendarDayInput) => call<CalendarDay[]>('cases_calendar_save', { input })
export const casesDepartmentSave = (input: DepartmentInput) => call<Department[]>('cases_department_save', { input })
