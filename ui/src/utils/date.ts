// Date display helpers: 2026年11月25日, 2026年11月25日 14:30, 2026年11月25日 星期三.
// Date-only strings (YYYY-MM-DD) are shown as written; timestamps (RFC3339) are shown in the
// station's time zone (Settings.timezone, default Asia/Shanghai). "Today" is the app clock's
// (utils/clock.ts), never the screen's.

import { computed, type ComputedRef } from 'vue'
import { clockMinute, clockTimeZone, now as appNow, onClockTimeZone } from './clock'

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

let displayTimeZone = clockTimeZone()

export function setDisplayTimeZone(tz: string | null | undefined): void {
  if (!tz) return
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    displayTimeZone = tz
  } catch {
    /* unknown zone: keep the previous one */
  }
}

onClockTimeZone(setDisplayTimeZone)

export function getDisplayTimeZone(): string {
  return displayTimeZone
}

interface Parts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/

function partsOf(date: Date, timeZone: string): Parts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
    weekday: 'short',
  })
  const get = (type: string) => fmt.formatToParts(date).find((p) => p.type === type)?.value ?? ''
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'))
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')) % 24,
    minute: Number(get('minute')),
    weekday: wd < 0 ? 0 : wd,
  }
}

function toParts(value: string | Date, timeZone: string): Parts | null {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value.trim())
    if (m) {
      const y = Number(m[1])
      const mo = Number(m[2])
      const d = Number(m[3])
      const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay()
      return { year: y, month: mo, day: d, hour: 0, minute: 0, weekday }
    }
  }
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) return null
  return partsOf(date, timeZone)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 2026年11月25日 */
export function formatDate(value: string | Date | null | undefined, timeZone = displayTimeZone): string {
  if (value === null || value === undefined || value === '') return ''
  const p = toParts(value, timeZone)
  if (!p) return String(value)
  return `${p.year}年${p.month}月${p.day}日`
}

/** 2026年11月25日 14:30 */
export function formatDateTime(value: string | Date | null | undefined, timeZone = displayTimeZone): string {
  if (value === null || value === undefined || value === '') return ''
  const p = toParts(value, timeZone)
  if (!p) return String(value)
  return `${p.year}年${p.month}月${p.day}日 ${pad(p.hour)}:${pad(p.minute)}`
}

/** 2026年11月25日 星期三 */
export function todayLabel(now: Date = appNow(), timeZone = displayTimeZone): string {
  const p = partsOf(now, timeZone)
  return `${p.year}年${p.month}月${p.day}日 ${WEEKDAYS[p.weekday]}`
}

/** `todayLabel()` that is redrawn when the app clock's minute (and so its day) turns. */
export function useTodayLabel(): ComputedRef<string> {
  return computed(() => {
    void clockMinute.value
    return todayLabel()
  })
}

/** Today as YYYY-MM-DD in the station's time zone (for consentDate etc.). */
export function todayIso(now: Date = appNow(), timeZone = displayTimeZone): string {
  const p = partsOf(now, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** True when a YYYY-MM-DD (or Date) lies after today — for disabling future birth dates. */
export function isAfterToday(date: Date, now: Date = appNow(), timeZone = displayTimeZone): boolean {
  const d = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return d > todayIso(now, timeZone)
}
