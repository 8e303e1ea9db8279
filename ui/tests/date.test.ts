import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, isAfterToday, todayIso, todayLabel } from '../src/utils/date'

describe('date formatting', () => {
  it('formats a date-only string as written', () => {
    expect(formatDate('2026-11-25')).toBe('2026年11月25日')
    expect(formatDate('2026-01-05')).toBe('2026年1月5日')
  })

  it('formats RFC3339 timestamps in the station time zone (Asia/Shanghai)', () => {
    expect(formatDateTime('2026-11-25T06:30:00Z')).toBe('2026年11月25日 14:30')
    expect(formatDateTime('2026-11-25T14:30:00+08:00')).toBe('2026年11月25日 14:30')
    // 20:05 UTC is already the next day in Beijing
    expect(formatDate('2026-11-25T20:05:00Z')).toBe('2026年11月26日')
    expect(formatDateTime('2026-11-25T16:05:00Z')).toBe('2026年11月26日 00:05')
  })

  it('honours an explicit time zone', () => {
    expect(formatDateTime('2026-11-25T06:30:00Z', 'UTC')).toBe('2026年11月25日 06:30')
  })

  it('returns empty text for empty values and the raw text for garbage', () => {
    expect(formatDate(null)).toBe('')
    expect(formatDateTime(undefined)).toBe('')
    expect(formatDate('not a date')).toBe('not a date')
  })

  it('labels today with the weekday', () => {
    expect(todayLabel(new Date('2026-11-25T04:00:00Z'))).toBe('2026年11月25日 星期三')
    expect(todayLabel(new Date('2026-11-29T04:00:00Z'))).toBe('2026年11月29日 星期日')
    expect(todayLabel(new Date('2026-11-24T17:00:00Z'))).toBe('2026年11月25日 星期三')
  })

  it('gives today as YYYY-MM-DD and detects future dates', () => {
    const now = new Date('2026-11-25T04:00:00Z')
    expect(todayIso(now)).toBe('2026-11-25')
    expect(isAfterToday(new Date(2026, 10, 26), now)).toBe(true)
    expect(isAfterToday(new Date(2026, 10, 25), now)).toBe(false)
    expect(isAfterToday(new Date(1950, 0, 1), now)).toBe(false)
  })
})
