import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { areaKioskRoutes } from '../areas'
import { startClock } from '../utils/clock'

export const kioskRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'kiosk-home', component: () => import('../views/kiosk/KioskHome.vue') },
  { path: '/about', name: 'kiosk-about', component: () => import('../views/kiosk/KioskAbout.vue') },
  ...areaKioskRoutes,
  { path: '/:pathMatch(.*)*', redirect: { name: 'kiosk-home' } },
]

export function createKioskRouter(): Router {
  const router = createRouter({ history: createWebHashHistory(), routes: kioskRoutes })
  // the greeting's date and every "today" on the kiosk come from the core's clock
  router.beforeEach(() => startClock())
  return router
}
