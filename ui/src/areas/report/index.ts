import { DataAnalysis } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { messages } from './messages'

const report: AreaModule = {
  key: 'report',
  order: 90,
  deskRoutes: [{ path: 'report', name: 'report', component: () => import('./ReportView.vue') }],
  deskMenu: [{ name: 'report', titleKey: 'report.nav', icon: DataAnalysis, testid: 'nav-report' }],
  messages,
}

export default report
