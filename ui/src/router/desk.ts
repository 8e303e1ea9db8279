import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { setAuthLostHandler } from '../api/invoke'
import { isAdmin, loadSession, loadStatus, sessionState } from '../stores/session'
import { areaDeskRoutes } from '../areas'
import { startClock } from '../utils/clock'

declare module 'vue-router' {
  interface RouteMeta {
    /** page reachable without a session (setup, login, recovery) */
    public?: boolean
    admin?: boolean
    titleKey?: string
  }
}

export const deskRoutes: RouteRecordRaw[] = [
  { path: '/recovery', name: 'recovery', component: () => import('../views/desk/RecoveryView.vue'), meta: { public: true } },
  { path: '/setup', name: 'setup', component: () => import('../views/desk/SetupView.vue'), meta: { public: true } },
  { path: '/login', name: 'login', component: () => import('../views/desk/LoginView.vue'), meta: { public: true } },
  {
    path: '/',
    component: () => import('../layouts/DeskLayout.vue'),
    children: [
      { path: '', redirect: { name: 'home' } },
      { path: 'home', name: 'home', component: () => import('../views/desk/HomeView.vue'), meta: { titleKey: 'nav.home' } },
      {
        path: 'residents',
        name: 'residents',
        component: () => import('../views/desk/ResidentsView.vue'),
        meta: { titleKey: 'nav.residents' },
      },
      ...areaDeskRoutes,
      {
        path: 'staff',
        name: 'staff',
        component: () => import('../views/desk/StaffView.vue'),
        meta: { titleKey: 'nav.staff', admin: true },
      },
      {
        path: 'settings',
        name: 'settings',
        component: () => import('../views/desk/SettingsView.vue'),
        meta: { titleKey: 'nav.settings', admin: true },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: { name: 'home' } },
]

export function createDeskRouter(): Router {
  const router = createRouter({ history: createWebHashHistory(), routes: deskRoutes })

  router.beforeEach(async (to) => {
    let status
    try {
      // the core's clock with the status, so no page is drawn on the screen clock's day
      ;[status] = await Promise.all([loadStatus(), startClock()])
    } catch (e) {
      sessionState.bootError = e instanceof Error ? e.message : String(e)
      return to.name === 'login' ? true : { name: 'login' }
    }
    sessionState.bootError = ''
    if (status.recovery) return to.name === 'recovery' ? true : { name: 'recovery' }
    if (to.name === 'recovery') return { name: 'home' }
    if (!status.initialized) return to.name === 'setup' ? true : { name: 'setup' }
    if (to.name === 'setup') return { name: 'home' }

    let session
    try {
      session = await loadSession()
    } catch {
      session = null
      sessionState.session = null
    }
    if (!session) return to.name === 'login' ? true : { name: 'login' }
    if (to.name === 'login') return { name: 'home' }
    if (to.meta.admin && !isAdmin.value) return { name: 'home' }
    return true
  })

  // UNAUTHENTICATED / SESSION_EXPIRED from any command: back to the login page with the message.
  setAuthLostHandler((err) => {
    sessionState.session = null
    sessionState.loginMessage = err.message
    if (router.currentRoute.value.name !== 'login') void router.push({ name: 'login' })
  })

  return router
}
