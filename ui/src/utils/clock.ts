// The app's one clock. "Now" is the core's (`app_clock`): a station may run on a clock set
// apart from the machine's (settings, a demo, STATION_DESK_NOW in tests), and the desk and the
// kiosk must show and pick data by the same "today" as the core judges deadlines by.
//
// The core is asked once at start and again after a pause (sleep/resume, the window coming
// back, every few minutes); between readings the offset from the screen clock ticks on. This
// is the only module that reads the screen clock (`Date.now()`, `new Date()` without
// arguments): tests/clock.test.ts fails on any other place in src/. Durations that only time
// a gesture (idle timers) use the monotonic `performance.now()` instead.

import { readonly, ref } from 'vue'
import type { ClockReading } from '../api/bindings'
import { appClock } from '../api/commands'

/** The core's "now" minus the screen clock's, in ms (0 until the first reading). */
let offsetMs = 0
let timeZone = 'Asia/Shanghai'
let synced = false

const listeners = new Set<(tz: string) => void>()

function screenNowMs(): number {
  return Date.now()
}

/** The app's "now" as epoch milliseconds. */
export function nowMs(): number {
  return screenNowMs() + offsetMs
}

// Element Plus' dayjs (utils/dayjs.ts) finds the app clock here.
const APP_NOW_KEY = '__stationDeskNowMs'
;(globalThis as Record<string, unknown>)[APP_NOW_KEY] = nowMs

/** The app's "now". */
export function now(): Date {
  return new Date(nowMs())
}

/** True once the core has answered at least once. */
export function clockSynced(): boolean {
  return synced
}

/** The station's time zone as the core last said it. */
export function clockTimeZone(): string {
  return timeZone
}

/** Called with the time zone after each reading (utils/date.ts formats in it). */
export function onClockTimeZone(listener: (tz: string) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Takes a reading. `sentAt`/`receivedAt` are the screen clock around the call; the core's
 * answer is placed half-way (the round trip is a few ms; an IPC stall must not shift "now").
 */
export function applyClockReading(reading: ClockReading, sentAt: number, receivedAt: number): void {
  const coreMs = Date.parse(reading.now)
  if (Number.isNaN(coreMs)) return
  offsetMs = coreMs - (sentAt + receivedAt) / 2
  synced = true
  if (reading.timezone && reading.timezone !== timeZone) timeZone = reading.timezone
  for (const l of listeners) l(timeZone)
  minute.value = currentMinute()
}

/** Asks the core for its clock. Failures keep the last reading (the screen clock at worst). */
export async function syncClock(read: () => Promise<ClockReading> = appClock): Promise<void> {
  const sentAt = screenNowMs()
  try {
    const reading = await read()
    applyClockReading(reading, sentAt, screenNowMs())
  } catch {
    /* no core (a unit test) or a transient failure: keep ticking on the last offset */
  }
}

function currentMinute(): number {
  return Math.floor(nowMs() / 60_000)
}

/**
 * The app's current minute, reactive: a label computed from `now()` that reads `minute.value`
 * is redrawn when the minute (and so possibly the day) turns.
 */
const minute = ref(currentMinute())
export const clockMinute = readonly(minute)

const RESYNC_MS = 5 * 60_000
let firstReading: Promise<void> | null = null

/**
 * Reads the core's clock and keeps it current: a tick every few seconds moves `clockMinute`;
 * a resync after the window comes back (sleep/resume, another virtual desktop) and every five
 * minutes; a tick that finds the screen clock jumped against the monotonic one (sleep, someone
 * moved the system clock) resyncs at once. Idempotent: the routers await it before the first
 * screen, so no page is ever drawn on the screen clock's day.
 */
export function startClock(): Promise<void> {
  if (firstReading) return firstReading
  let lastTickScreen = screenNowMs()
  let lastTickMono = performance.now()
  let lastSyncMono = performance.now()
  setInterval(() => {
    const screen = screenNowMs()
    const mono = performance.now()
    const jumped = Math.abs(screen - lastTickScreen - (mono - lastTickMono)) > 2_000
    lastTickScreen = screen
    lastTickMono = mono
    if (jumped || mono - lastSyncMono > RESYNC_MS) {
      lastSyncMono = mono
      void syncClock(appClock)
    }
    const m = currentMinute()
    if (m !== minute.value) minute.value = m
  }, 5_000)
  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') void syncClock(appClock)
    })
  }
  firstReading = syncClock(appClock)
  return firstReading
}

/** Test hook: puts the clock at a fixed offset from the screen clock. */
export function setClockForTests(at: Date | string, tz = 'Asia/Shanghai'): void {
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime()
  const s = screenNowMs()
  applyClockReading({ now: new Date(t).toISOString(), today: '', timezone: tz }, s, s)
}
