import { Flag } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { messages } from './messages'

// 党务: the organisation chain, the member ledger, 三会一课, compliance and dues. Desk only
// (nothing of it reaches the kiosk); the core refuses anyone without 「党务」 access.
const area: AreaModule = {
  key: 'party',
  order: 25,
  deskRoutes: [
    { path: 'party', name: 'party', component: () => import('./PartyView.vue'), meta: { titleKey: 'party.menu' } },
  ],
  deskMenu: [{ name: 'party', titleKey: 'party.menu', icon: Flag, testid: 'nav-party' }],
  homePanels: [() => import('./PartyHomePanel.vue')],
  messages,
}

export default area
