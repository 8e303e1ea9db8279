// Pure helpers of the volunteers area (unit-tested in ui/tests/volunteers.test.ts).

/** 150 → "2小时30分钟"; the English UI gets "2 h 30 min". */
export function formatMinutes(minutes: number, locale: string = 'zh-CN'): string {
  const sign = minutes < 0 ? '-' : ''
  const m = Math.abs(Math.trunc(minutes))
  const h = Math.floor(m / 60)
  const r = m % 60
  if (locale.startsWith('zh')) {
    if (h === 0) return `${sign}${r}分钟`
    return r === 0 ? `${sign}${h}小时` : `${sign}${h}小时${r}分钟`
  }
  if (h === 0) return `${sign}${r} min`
  return r === 0 ? `${sign}${h} h` : `${sign}${h} h ${r} min`
}

/** Hours with one decimal for tables and rankings: 150 → "2.5". */
export function hours(minutes: number): string {
  return (Math.round((minutes / 60) * 10) / 10).toFixed(1)
}

const pad = (n: number) => String(n).padStart(2, '0')

export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

function parseIso(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(y, (m ?? 1) - 1, d ?? 1)
}

export function addDays(iso: string, days: number): string {
  const d = parseIso(iso)
  d.setDate(d.getDate() + days)
  return isoDate(d)
}

/** Monday … Sunday of the week holding `iso`. */
export function weekOf(iso: string): { from: string; to: string } {
  const d = parseIso(iso)
  const back = (d.getDay() + 6) % 7
  d.setDate(d.getDate() - back)
  const from = isoDate(d)
  return { from, to: addDays(from, 6) }
}

/** First and last day of the month holding `iso`. */
export function monthOf(iso: string): { from: string; to: string } {
  const d = parseIso(iso)
  const first = new Date(d.getFullYear(), d.getMonth(), 1)
  const last = new Date(d.getFullYear(), d.getMonth() + 1, 0)
  return { from: isoDate(first), to: isoDate(last) }
}

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to && out.length < 62; d = addDays(d, 1)) out.push(d)
  return out
}

/** 33 → "33%"; null (nothing expected) → "—". */
export function percentText(p: number | null): string {
  return p === null ? '—' : `${p}%`
}

/** Digits typed on the kiosk keypad: at most `max`, digits only. */
export function pressKey(value: string, key: string, max: number): string {
  if (key === 'back') return value.slice(0, -1)
  if (key === 'clear') return ''
  if (!/^\d$/.test(key) || value.length >= max) return value
  return value + key
}

/** A mainland mobile as the kiosk accepts it. */
export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value)
}

/** 13812341234 → 138 1234 1234, easier to check on the big screen. */
export function groupPhone(value: string): string {
  return [value.slice(0, 3), value.slice(3, 7), value.slice(7)].filter((s) => s !== '').join(' ')
}

/** 1 → 周一 … 7 → 周日 */
export const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日']
