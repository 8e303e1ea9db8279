// Pure helpers of the wishes UI (unit-tested in ui/tests/wishes.test.ts).
import type { BoardColumn, WishKind, WishRow, WishStep } from '../../api/bindings'

export const KINDS: WishKind[] = ['goods', 'service', 'company', 'repair', 'other']
export const COLUMNS: BoardColumn[] = ['review', 'open', 'in_progress', 'overdue', 'awaiting_rating', 'done', 'closed']

/** Element Plus tag type per column: colour always comes with the column's word. */
export function columnTagType(column: BoardColumn): 'info' | 'warning' | 'danger' | 'success' | 'primary' {
  switch (column) {
    case 'overdue':
      return 'danger'
    case 'review':
    case 'awaiting_rating':
      return 'warning'
    case 'done':
      return 'success'
    case 'closed':
      return 'info'
    default:
      return 'primary'
  }
}

/** How a step's dialog asks: which inputs it needs. */
export type StepForm = 'note' | 'reason' | 'helper' | 'merge' | 'fulfil' | 'rate' | 'credit'

export function stepForm(step: WishStep): StepForm {
  switch (step) {
    case 'assign':
    case 'claim':
    case 'join':
    case 'reassign':
      return 'helper'
    case 'merge':
      return 'merge'
    case 'fulfil':
      return 'fulfil'
    case 'rate':
      return 'rate'
    case 'credit_edit':
      return 'credit'
    case 'decline':
    case 'cancel':
    case 'remind':
    case 'close':
      return 'reason'
    default:
      return 'note'
  }
}

/** The desk shows claim and join as one button: "认领" on a published wish, "加入帮帮团" after. */
export function deskSteps(allowed: WishStep[]): WishStep[] {
  return allowed.filter((s) => s !== 'claim' || !allowed.includes('join'))
}

/** Overdue rows sorted by a column of the home panel. */
export function sortOverdue(rows: WishRow[], by: 'days' | 'promised' | 'grid' | 'helper', desc = true): WishRow[] {
  const key = (r: WishRow): string | number => {
    switch (by) {
      case 'days':
        return r.overdueDays
      case 'promised':
        return r.promisedDate ?? ''
      case 'grid':
        return r.gridName ?? ''
      case 'helper':
        return r.leadName ?? ''
    }
  }
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka === kb) return a.id - b.id
    return (ka < kb ? -1 : 1) * (desc ? -1 : 1)
  })
  return sorted
}

/** A digit pressed on the kiosk keypad, with the field's length limit. */
export function pressKey(value: string, key: string, max: number): string {
  if (key === 'back') return value.slice(0, -1)
  if (key === 'clear') return ''
  if (!/^[0-9]$/.test(key) || value.length >= max) return value
  return value + key
}

/** 139 1234 5678: how a typed phone is shown while entering (the number is the resident's own). */
export function groupPhone(value: string): string {
  const d = value.replace(/\D/g, '')
  if (d.length <= 3) return d
  if (d.length <= 7) return `${d.slice(0, 3)} ${d.slice(3)}`
  return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`
}

/** YYYY-MM-DD of today + n days (local), for the kiosk's "by when" choices. */
export function isoPlusDays(today: string, days: number): string {
  const [y, m, d] = today.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d + days))
  return date.toISOString().slice(0, 10)
}

/** Reads a picked file as a data URL (the core resizes it). */
export function readAsDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error)
    reader.readAsDataURL(file)
  })
}
