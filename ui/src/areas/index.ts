import type { AreaModule, DeskMenuItem, KioskCard } from './types'

// Every `areas/<name>/index.ts`, eagerly (they only hold routes with lazy views and messages).
const found = import.meta.glob<{ default: AreaModule }>('./*/index.ts', { eager: true })

export const areas: AreaModule[] = Object.values(found)
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order || a.key.localeCompare(b.key))

export const areaDeskRoutes = areas.flatMap((a) => a.deskRoutes ?? [])
export const areaKioskRoutes = areas.flatMap((a) => a.kioskRoutes ?? [])
export const areaDeskMenu: DeskMenuItem[] = areas.flatMap((a) => a.deskMenu ?? [])
export const areaKioskCards: KioskCard[] = areas.flatMap((a) => a.kioskCards ?? [])
export const areaHomePanels = areas.flatMap((a) => a.homePanels ?? [])

export function areaMessages(locale: 'zh-CN' | 'en'): Record<string, unknown> {
  return Object.assign({}, ...areas.map((a) => a.messages[locale]))
}
