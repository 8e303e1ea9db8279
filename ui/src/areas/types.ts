import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'

/** A desk side-menu entry; `name` is the route name it opens (and the prefix of its sub-pages). */
export interface DeskMenuItem {
  name: string
  titleKey: string
  icon: Component
  testid: string
  admin?: boolean
}

/** A large button on the kiosk's home screen. */
export interface KioskCard {
  key: string
  testid: string
  icon: Component
  routeName: string
  titleKey: string
  descKey: string
}

type Messages = Record<string, unknown>

/**
 * One domain area of the UI (volunteers, activities, inventory, cases …), living in one
 * folder `ui/src/areas/<area>/` whose `index.ts` default-exports this. The desk router, the
 * side menu, the kiosk home, the home page panels and the i18n catalogues pick every area up
 * from here, so adding an area touches no shared file.
 */
export interface AreaModule {
  key: string
  /** position in the side menu and on the home page (lower first) */
  order: number
  /** children of the desk layout (paths relative, e.g. 'volunteers') */
  deskRoutes?: RouteRecordRaw[]
  deskMenu?: DeskMenuItem[]
  kioskRoutes?: RouteRecordRaw[]
  kioskCards?: KioskCard[]
  /** panels shown on the desk home page (lazy components) */
  homePanels?: Array<() => Promise<{ default: Component }>>
  /** messages under the area's own top-level key, e.g. { volunteers: { … } } */
  messages: { 'zh-CN': Messages; en: Messages }
}
