import { Calendar, Tickets } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { en, zh } from './messages'

const area: AreaModule = {
  key: 'activities',
  order: 20,
  deskRoutes: [
    { path: 'activities', name: 'activities', component: () => import('./ActivitiesView.vue') },
    { path: 'activities/:id', name: 'activities-detail', component: () => import('./ActivityDetailView.vue'), props: true },
  ],
  deskMenu: [{ name: 'activities', titleKey: 'activities.menu', icon: Calendar, testid: 'nav-activities' }],
  kioskRoutes: [
    { path: '/activities', name: 'kiosk-activities', component: () => import('./KioskActivities.vue') },
    { path: '/bookings', name: 'kiosk-bookings', component: () => import('./KioskBookings.vue') },
  ],
  kioskCards: [
    {
      key: 'activities',
      testid: 'kiosk-btn-activities',
      icon: Calendar,
      routeName: 'kiosk-activities',
      titleKey: 'activities.kiosk.cardActivities',
      descKey: 'activities.kiosk.cardActivitiesDesc',
    },
    {
      key: 'bookings',
      testid: 'kiosk-btn-bookings',
      icon: Tickets,
      routeName: 'kiosk-bookings',
      titleKey: 'activities.kiosk.cardBookings',
      descKey: 'activities.kiosk.cardBookingsDesc',
    },
  ],
  homePanels: [() => import('./TodayPanel.vue')],
  messages: { 'zh-CN': { activities: zh }, en: { activities: en } },
}

export default area

