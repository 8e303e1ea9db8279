// How a case's clock is shown: remaining time in days / hours / minutes, and its colour.
import type { CaseStatus, ClockState } from '../../api/bindings'

export interface DurationParts {
  days: number
  hours: number
  minutes: number
}

/** Splits a number of minutes (sign ignored) into whole days, hours and minutes. */
export function durationParts(totalMinutes: number): DurationParts {
  const m = Math.abs(Math.trunc(totalMinutes))
  return { days: Math.floor(m / 1440), hours: Math.floor((m % 1440) / 60), minutes: m % 60 }
}

/**
 * The two largest non-zero units ("2天3小时", "45分钟"); `unit` renders one unit with its
 * number through the i18n catalogue.
 */
export function formatDuration(totalMinutes: number, unit: (u: keyof DurationParts, n: number) => string): string {
  const p = durationParts(totalMinutes)
  const parts: string[] = []
  if (p.days) parts.push(unit('days', p.days))
  if (p.hours) parts.push(unit('hours', p.hours))
  if (!p.days && (p.minutes || parts.length === 0)) parts.push(unit('minutes', p.minutes))
  return parts.slice(0, 2).join('')
}

/** Element Plus tag type for a clock state (always shown with words, never colour alone). */
export function clockTagType(state: ClockState): 'danger' | 'warning' | 'success' | 'info' {
  switch (state) {
    case 'overdue':
      return 'danger'
    case 'near':
      return 'warning'
    case 'ok':
      return 'success'
    default:
      return 'info'
  }
}

const STEPS: CaseStatus[] = ['reported', 'filed', 'assigned', 'handling', 'answered', 'closed']

/** Position in the six steps (closed and archived are both the sixth). */
export function stepIndex(status: CaseStatus): number {
  if (status === 'archived') return STEPS.length
  return STEPS.indexOf(status)
}

export const SIX_STEPS = STEPS

/** 0.5 → "50.0%"; no denominator → "—" (not 0%: nothing to measure yet). */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}
