// The app's one clock: "today" everywhere in the UI is the core's, and nothing in src/ reads
// the screen clock except utils/clock.ts.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import dayjs from 'dayjs'
import { applyClockReading, clockMinute, now, setClockForTests } from '../src/utils/clock'
import { formatDate, getDisplayTimeZone, todayIso, todayLabel, useTodayLabel } from '../src/utils/date'

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src')
const CLOCK_MODULE = 'utils/clock.ts'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** `new Date()` with nothing between the brackets, and `Date.now()`: the screen clock. */
const SCREEN_CLOCK = /\bnew\s+Date\s*\(\s*\)|\bDate\s*\.\s*now\s*\(/g

function screenClockReads(text: string): string[] {
  // comments may mention them; code may not
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
  return [...code.matchAll(SCREEN_CLOCK)].map((m) => m[0])
}

afterEach(() => vi.useRealTimers())

describe('the screen clock is read in one place', () => {
  it('finds the reads it is meant to find', () => {
    expect(screenClockReads('const a = new Date()\nconst b = Date.now()')).toHaveLength(2)
    expect(screenClockReads('const a = new Date(2026, 0, 1)\nnew Date(s)')).toHaveLength(0)
    expect(screenClockReads('// new Date() in a comment\n/* Date.now() */')).toHaveLength(0)
  })

  it('no module in src/ but utils/clock.ts reads the screen clock', () => {
    const offenders = sources(SRC)
      .filter((path) => relative(SRC, path) !== CLOCK_MODULE)
      .flatMap((path) => screenClockReads(readFileSync(path, 'utf8')).map((read) => `${relative(SRC, path)}: ${read}`))
    expect(offenders).toEqual([])
  })
})

describe('the app clock', () => {
  it('ticks on from the core reading, whatever the screen clock says', () => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-12-03T01:00:00Z'))
    // the core says 2027-03-15 10:00 in Shanghai; the call took 10 ms
    applyClockReading({ now: '2027-03-15T02:00:00.000Z', today: '2027-03-15', timezone: 'Asia/Shanghai' }, Date.now() - 10, Date.now())
    expect(now().toISOString()).toBe('2027-03-15T02:00:00.005Z')
    expect(todayIso()).toBe('2027-03-15')
    expect(todayLabel()).toBe('2027年3月15日 星期一')
    vi.advanceTimersByTime(15 * 3_600_000)
    expect(todayIso()).toBe('2027-03-16')
  })

  it('takes the station time zone from the core', () => {
    setClockForTests('2027-03-14T17:30:00Z', 'Asia/Urumqi')
    expect(getDisplayTimeZone()).toBe('Asia/Urumqi')
    expect(todayIso()).toBe('2027-03-14')
    setClockForTests('2027-03-14T17:30:00Z', 'Asia/Shanghai')
    expect(todayIso()).toBe('2027-03-15')
    expect(formatDate('2027-03-14T17:30:00Z')).toBe('2027年3月15日')
  })

  it('redraws the header label when the minute turns', () => {
    setClockForTests('2027-03-15T15:59:00Z')
    const label = useTodayLabel()
    expect(label.value).toBe('2027年3月15日 星期一')
    setClockForTests('2027-03-15T16:00:30Z')
    expect(clockMinute.value).toBe(Math.floor(Date.parse('2027-03-15T16:00:30Z') / 60_000))
    expect(label.value).toBe('2027年3月16日 星期二')
  })

  it("gives Element Plus' dayjs the app clock's now, and leaves explicit dates alone", () => {
    setClockForTests('2027-03-15T02:00:00Z')
    expect(dayjs().format('YYYY-MM-DD')).toBe('2027-03-15')
    expect(dayjs(undefined).year()).toBe(2027)
    expect(dayjs('2026-01-05').format('YYYY-MM-DD')).toBe('2026-01-05')
    expect(dayjs.isDayjs(dayjs())).toBe(true)
  })
})
