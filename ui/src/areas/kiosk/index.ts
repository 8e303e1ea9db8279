import { Lock } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { messages } from './messages'

// The desk's side of kiosk security (issue 16): lock-outs and bursts of wrong guesses on the
// home page, the kiosk exit PIN, residents' kiosk PINs.
const kiosk: AreaModule = {
  key: 'kiosk',
  order: 95,
  deskRoutes: [{ path: 'kiosk-security', name: 'kiosk-security', component: () => import('./KioskSecurityView.vue') }],
  deskMenu: [{ name: 'kiosk-security', titleKey: 'kioskSecurity.nav', icon: Lock, testid: 'nav-kiosk-security' }],
  homePanels: [() => import('./GuardHomePanel.vue')],
  messages,
}

export default kiosk
