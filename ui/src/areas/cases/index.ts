import { ChatLineSquare } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { messages } from './messages'

const cases: AreaModule = {
  key: 'cases',
  order: 60,
  deskRoutes: [
    { path: 'cases', name: 'cases', component: () => import('./CasesView.vue') },
    { path: 'cases/figures', name: 'cases-figures', component: () => import('./CaseFiguresView.vue') },
    { path: 'cases/settings', name: 'cases-settings', component: () => import('./CaseSettingsView.vue') },
    { path: 'cases/:id(\\d+)', name: 'cases-detail', component: () => import('./CaseDetailView.vue'), props: true },
  ],
  deskMenu: [{ name: 'cases', titleKey: 'cases.nav', icon: ChatLineSquare, testid: 'nav-cases' }],
  homePanels: [() => import('./CasesHomePanel.vue')],
  messages,
}

export default cases
