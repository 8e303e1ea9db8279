import { describe, expect, it } from 'vitest'
import {
  addDays,
  daysBetween,
  formatMinutes,
  groupPhone,
  hours,
  isMobile,
  monthOf,
  percentText,
  pressKey,
  weekOf,
} from '../src/areas/volunteers/logic'
import { en, zhCN } from '../src/areas/volunteers/messages'

describe('volunteers logic', () => {
  it('says minutes as hours and minutes', () => {
    expect(formatMinutes(0)).toBe('0分钟')
    expect(formatMinutes(45)).toBe('45分钟')
    expect(formatMinutes(120)).toBe('2小时')
    expect(formatMinutes(140)).toBe('2小时20分钟')
    expect(formatMinutes(-90)).toBe('-1小时30分钟')
    expect(formatMinutes(140, 'en')).toBe('2 h 20 min')
    expect(hours(150)).toBe('2.5')
    expect(hours(140)).toBe('2.3')
  })

  it('finds the week and the month of a day', () => {
    expect(weekOf('2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(weekOf('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(weekOf('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(monthOf('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(daysBetween('2026-11-28', '2026-12-01')).toEqual(['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01'])
  })

  it('types on the keypad', () => {
    expect(pressKey('138', '0', 11)).toBe('1380')
    expect(pressKey('12345678901', '2', 11)).toBe('12345678901')
    expect(pressKey('123', 'back', 11)).toBe('12')
    expect(pressKey('123', 'clear', 11)).toBe('')
    expect(pressKey('123', 'x', 11)).toBe('123')
    expect(isMobile('13812341234')).toBe(true)
    expect(isMobile('12812341234')).toBe(false)
    expect(groupPhone('13812341234')).toBe('138 1234 1234')
    expect(groupPhone('138')).toBe('138')
  })

  it('shows the report-in rate', () => {
    expect(percentText(33)).toBe('33%')
    expect(percentText(null)).toBe('—')
  })

  it('has every message in both languages', () => {
    const keys = (o: unknown, p = ''): string[] =>
      typeof o === 'object' && o !== null
        ? Object.entries(o).flatMap(([k, v]) => keys(v, p ? `${p}.${k}` : k))
        : [p]
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
    const values = (o: unknown): string[] =>
      typeof o === 'object' && o !== null ? Object.values(o).flatMap(values) : [String(o)]
    for (const v of [...values(zhCN), ...values(en)]) expect(v).not.toMatch(/[@$|]/)
  })
})
