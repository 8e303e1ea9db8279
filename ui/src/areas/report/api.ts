// One typed function per monthly-summary command (src-tauri/src/commands/report.rs).
import { call } from '../../api/invoke'
import type {
  ChainCheck,
  CloseInput,
  ClosingRecord,
  ExportOutcome,
  MonthlyReport,
  ReopenInput,
  ReportFormat,
  ReportInput,
} from '../../api/bindings'

export const reportGet = (input: ReportInput) => call<MonthlyReport>('report_get', { input })
export const reportClose = (input: CloseInput) => call<MonthlyReport>('report_close', { input })
export const reportReopen = (input: ReopenInput) => call<MonthlyReport>('report_reopen', { input })
export const reportClosings = () => call<ClosingRecord[]>('report_closings')
/** Walks the chain of closings: intact, or which links broke. */
export const reportVerifyChain = () => call<ChainCheck>('report_verify_chain')
export const reportExport = (input: ReportInput, format: ReportFormat) =>
  call<ExportOutcome | null>('report_export', { input, format })
/** The GTK print dialog with A4 and the PDF export's margins; true when printed. */
export const reportPrint = () => call<boolean>('report_print')
