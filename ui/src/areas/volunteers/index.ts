import { Flag, UserFilled } from '@element-plus/icons-vue'
import type { AreaModule } from '../types'
import { en, zhCN } from './messages'

const area: AreaModule = {
  key: 'volunteers',
  order: 20,
  deskRoutes: [
    {
      path: 'volunteers',
      name: 'volunteers',
      component: () => import('./VolunteersView.vue'),
      meta: { titleKey: 'volunteers.menu' },
    },
    {
      path: 'volunteers/shifts',
      name: 'volunteers-shifts',
      component: () => import('./ShiftsView.vue'),
      meta: { titleKey: 'volunteers.tabs.shifts' },
    },
    {
      path: 'volunteers/units',
      name: 'volunteers-units',
      component: () => import('./UnitsView.vue'),
      meta: { titleKey: 'volunteers.tabs.units' },
    },
    {
      path: 'volunteers/hours',
      name: 'volunteers-hours',
      component: () => import('./HoursView.vue'),
      meta: { titleKey: 'volunteers.tabs.hours' },
    },
    {
      path: 'volunteers/:id(\\d+)',
      name: 'volunteers-detail',
      component: () => import('./VolunteerDetail.vue'),
      meta: { titleKey: 'volunteers.menu' },
    },
    {
      path: 'volunteers/:id(\\d+)/certificate',
      name: 'volunteers-certificate',
      component: () => import('./CertificateView.vue'),
      meta: { titleKey: 'volunteers.cert.title' },
    },
  ],
  deskMenu: [{ name: 'volunteers', titleKey: 'volunteers.menu', icon: UserFilled, testid: 'nav-volunteers' }],
  kioskRoutes: [{ path: '/volunteer', name: 'kiosk-volunteer', component: () => import('./KioskVolunteer.vue') }],
  kioskCards: [
    {
      key: 'volunteer',
      testid: 'kiosk-btn-volunteer',
      icon: Flag,
      routeName: 'kiosk-volunteer',
      titleKey: 'volunteers.kiosk.card',
      descKey: 'volunteers.kiosk.cardDesc',
    },
  ],
  homePanels: [() => import('./HomePanel.vue')],
  messages: { 'zh-CN': zhCN, en },
}

export default area
