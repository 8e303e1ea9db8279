import { Present, Star } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { messages } from './messages'

const area: AreaModule = {
  key: 'wishes',
  order: 30,
  deskRoutes: [
    { path: 'wishes', name: 'wishes', component: () => import('./WishesBoard.vue'), meta: { titleKey: 'wishes.menu' } },
    {
      path: 'wishes/:id',
      name: 'wishes-detail',
      component: () => import('./WishPage.vue'),
      meta: { titleKey: 'wishes.menu' },
    },
  ],
  deskMenu: [{ name: 'wishes', titleKey: 'wishes.menu', icon: Present, testid: 'nav-wishes' }],
  kioskRoutes: [
    { path: '/wish', name: 'kiosk-wish', component: () => import('./KioskWish.vue') },
    { path: '/wish/helper', name: 'kiosk-wish-helper', component: () => import('./KioskWishHelper.vue') },
    { path: '/rate', name: 'kiosk-rate', component: () => import('./KioskRate.vue') },
  ],
  kioskCards: [
    {
      key: 'wish',
      testid: 'kiosk-btn-wish',
      icon: Present,
      routeName: 'kiosk-wish',
      titleKey: 'wishes.kiosk.card',
      descKey: 'wishes.kiosk.cardDesc',
    },
    {
      key: 'rate',
      testid: 'kiosk-btn-rate',
      icon: Star,
      routeName: 'kiosk-rate',
      titleKey: 'wishes.kiosk.rateCard',
      descKey: 'wishes.kiosk.rateCardDesc',
    },
  ],
  homePanels: [() => import('./OverduePanel.vue')],
  messages,
}

export default area
