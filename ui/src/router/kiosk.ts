import { createRouter, createWebHashHistory, type RouteRecordRaw, type Router } from 'vue-router'

export const kioskRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'kiosk-home', component: () => import('../views/kiosk/KioskHome.vue') },
  { path: '/about', name: 'kiosk-about', component: () => import('../views/kiosk/KioskAbout.vue') },
  // later releases: activities, bookings, wish, rate, volunteer
  { path: '/:pathMatch(.*)*', redirect: { name: 'kiosk-home' } },
]

export function createKioskRouter(): Router {
  return createRouter({ history: createWebHashHistory(), routes: kioskRoutes })
}
