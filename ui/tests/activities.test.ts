import { describe, expect, it } from 'vitest'
import {
  addDays,
  blockStyle,
  groupPhone,
  monthGrid,
  phoneComplete,
  pressKey,
  rangeOf,
  weekDays,
  weekStart,
} from '../src/areas/activities/logic'

describe('activities calendar ranges', () => {
  it('weeks start on Monday', () => {
    expect(weekStart('2026-11-25')).toBe('2026-11-23')
    expect(weekStart('2026-11-29')).toBe('2026-11-23')
    expect(weekDays('2026-11-25')).toEqual([
      '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29',
    ])
  })

  it('a month grid covers the whole month in full weeks', () => {
    const grid = monthGrid('2026-11-25')
    expect(grid[0][0]).toBe('2026-10-26')
    expect(grid[grid.length - 1][6]).toBe('2026-12-06')
    expect(grid.flat()).toContain('2026-11-30')
    expect(rangeOf('month', '2026-11-01')).toEqual({ from: '2026-10-26', to: '2026-12-06' })
    expect(rangeOf('day', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' })
  })

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
  })

  it('places a block in the day column', () => {
    expect(blockStyle({ startTime: '07:00', endTime: '22:00' })).toEqual({ top: '0.00%', height: '100.00%' })
    expect(blockStyle({ startTime: '14:30', endTime: '16:00' }).top).toBe('50.00%')
  })
})

describe('the kiosk phone keypad', () => {
  it('takes digits up to a full mobile number', () => {
    let p = ''
    for (const k of '138123456789') p = pressKey(p, k)
    expect(p).toBe('13812345678')
    expect(phoneComplete(p)).toBe(true)
    expect(groupPhone(p)).toBe('138 1234 5678')
    expect(pressKey(p, 'back')).toBe('1381234567')
    expect(pressKey(p, 'clear')).toBe('')
    expect(pressKey('13', 'x')).toBe('13')
  })

  it('allows a landline with its area code', () => {
    let p = ''
    for (const k of '03561234567') p = pressKey(p, k)
    expect(p).toBe('03561234567')
    expect(phoneComplete(p)).toBe(true)
  })
})
