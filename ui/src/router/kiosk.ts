import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { areaKioskRoutes } from '../areas'

export const kioskRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'kiosk-home', component: () => import('../views/kiosk/KioskHome.vue') },
  { path: '/about', name: 'kiosk-about', component: () => import('../views/kiosk/KioskAbout.vue') },
  ...areaKioskRoutes,
  { path: '/:pathMatch(.*)*', redirect: { name: 'kiosk-home' } },
]

export function createKioskRouter(): Router {
  return createRouter({ history: createWebHashHistory(), routes: kioskRoutes })
}
