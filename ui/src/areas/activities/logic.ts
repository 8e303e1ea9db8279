// Pure helpers of the activities area (date ranges, calendar layout, the phone keypad),
// kept out of the components so vitest covers them.

import type { ActivityStatus, BookingStatus, CalendarEntry } from '../../api/bindings'

const pad = (n: number) => String(n).padStart(2, '0')

/** YYYY-MM-DD of a local Date. */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A YYYY-MM-DD as a local Date at noon (no DST edge trouble). */
export function parseIso(s: string): Date {
  const [y, m, d] = s.split('-').map(Number)
  return new Date(y, (m ?? 1) - 1, d ?? 1, 12)
}

export function addDays(s: string, n: number): string {
  const d = parseIso(s)
  d.setDate(d.getDate() + n)
  return isoDate(d)
}

/** Monday of the week holding `s`. */
export function weekStart(s: string): string {
  const d = parseIso(s)
  const back = (d.getDay() + 6) % 7
  return addDays(s, -back)
}

/** The seven dates of the week holding `s`, Monday first. */
export function weekDays(s: string): string[] {
  const start = weekStart(s)
  return Array.from({ length: 7 }, (_, i) => addDays(start, i))
}

/** The weeks (Monday-first rows of 7 dates) that cover the month holding `s`. */
export function monthGrid(s: string): string[][] {
  const first = `${s.slice(0, 7)}-01`
  const d = parseIso(first)
  const lastDay = new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate()
  const last = `${s.slice(0, 7)}-${pad(lastDay)}`
  const rows: string[][] = []
  for (let day = weekStart(first); day <= last; day = addDays(day, 7)) rows.push(weekDays(day))
  return rows
}

export type CalendarMode = 'day' | 'week' | 'month'

/** The inclusive date range a calendar view reads. */
export function rangeOf(mode: CalendarMode, s: string): { from: string; to: string } {
  if (mode === 'day') return { from: s, to: s }
  if (mode === 'week') {
    const days = weekDays(s)
    return { from: days[0], to: days[6] }
  }
  const grid = monthGrid(s)
  return { from: grid[0][0], to: grid[grid.length - 1][6] }
}

/** Entries grouped by date (for week and month views). */
export function byDate(entries: CalendarEntry[]): Record<string, CalendarEntry[]> {
  const out: Record<string, CalendarEntry[]> = {}
  for (const e of entries) (out[e.date] ??= []).push(e)
  return out
}

/** Minutes since midnight of 'HH:MM'. */
export function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number)
  return (h || 0) * 60 + (m || 0)
}

/** Where a block sits in a day column from `dayStart` to `dayEnd` (percent of its height). */
export function blockStyle(e: { startTime: string; endTime: string }, dayStart = 7 * 60, dayEnd = 22 * 60) {
  const span = dayEnd - dayStart
  const top = Math.max(0, minutes(e.startTime) - dayStart) / span
  const bottom = Math.min(span, minutes(e.endTime) - dayStart) / span
  return { top: `${(top * 100).toFixed(2)}%`, height: `${(Math.max(bottom - top, 0.03) * 100).toFixed(2)}%` }
}

/** The key of an activity status's label and its tag type (a word always comes with the colour). */
export function statusTag(s: ActivityStatus | null): 'success' | 'warning' | 'info' | 'danger' | 'primary' {
  switch (s) {
    case 'open':
      return 'success'
    case 'full':
      return 'warning'
    case 'cancelled':
      return 'danger'
    case 'draft':
      return 'info'
    default:
      return 'primary'
  }
}

export function bookingLive(s: BookingStatus): boolean {
  return s === 'booked' || s === 'waitlisted' || s === 'attended' || s === 'noShow'
}

/** The phone keypad: digits only, at most 11 (a mobile) or 13 (a landline with area code). */
export function pressKey(current: string, key: string): string {
  if (key === 'back') return current.slice(0, -1)
  if (key === 'clear') return ''
  if (!/^\d$/.test(key)) return current
  const limit = current.startsWith('0') ? 12 : 11
  return current.length >= limit ? current : current + key
}

/** The kiosk PIN keypad: `length` digits at most (4 for residents, 6 for the exit PIN). */
export function pressPinKey(current: string, key: string, length = 4): string {
  if (key === 'back') return current.slice(0, -1)
  if (key === 'clear') return ''
  if (!/^\d$/.test(key)) return current
  return current.length >= length ? current : current + key
}

/** 138 1234 5678 — grouped for reading back on the kiosk. */
export function groupPhone(p: string): string {
  if (p.startsWith('0')) return p
  return [p.slice(0, 3), p.slice(3, 7), p.slice(7)].filter(Boolean).join(' ')
}

export function phoneComplete(p: string): boolean {
  return p.startsWith('0') ? p.length >= 10 : p.length === 11
}
