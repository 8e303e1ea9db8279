import { describe, expect, it } from 'vitest'
import type { WishRow } from '../src/api/bindings'
import { columnTagType, deskSteps, groupPhone, isoPlusDays, pressKey, sortOverdue, stepForm } from '../src/areas/wishes/labels'
import { messages } from '../src/areas/wishes/messages'

const row = (id: number, overdueDays: number, promisedDate: string, gridName: string, leadName: string): WishRow => ({
  id,
  number: `No.${id}`,
  kind: 'service',
  content: '',
  state: 'claimed',
  column: 'overdue',
  requesterName: '',
  phoneMasked: '',
  gridName,
  wantedBy: null,
  promisedDate,
  overdueDays,
  leadId: null,
  leadName,
  helperCount: 1,
  channel: 'kiosk',
  createdAt: '',
  fulfilledAt: null,
  completedAt: null,
  stars: null,
})

describe('wishes labels', () => {
  it('keypad presses respect the length and the words', () => {
    expect(pressKey('139', '1', 11)).toBe('1391')
    expect(pressKey('12345678901', '2', 11)).toBe('12345678901')
    expect(pressKey('139', 'back', 11)).toBe('13')
    expect(pressKey('139', 'clear', 11)).toBe('')
    expect(pressKey('139', 'x', 11)).toBe('139')
  })

  it('groups a typed phone for reading', () => {
    expect(groupPhone('139')).toBe('139')
    expect(groupPhone('1391234')).toBe('139 1234')
    expect(groupPhone('13912345678')).toBe('139 1234 5678')
  })

  it('adds days across month ends', () => {
    expect(isoPlusDays('2026-11-28', 7)).toBe('2026-12-05')
    expect(isoPlusDays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('shows claim and join as one button', () => {
    expect(deskSteps(['claim', 'join', 'note'])).toEqual(['join', 'note'])
    expect(deskSteps(['publish', 'claim'])).toEqual(['publish', 'claim'])
  })

  it('asks each step what it needs', () => {
    expect(stepForm('assign')).toBe('helper')
    expect(stepForm('decline')).toBe('reason')
    expect(stepForm('fulfil')).toBe('fulfil')
    expect(stepForm('publish')).toBe('note')
    expect(columnTagType('overdue')).toBe('danger')
  })

  it('sorts the overdue list by any column', () => {
    const rows = [row(1, 2, '2026-11-20', '第二网格', '赵'), row(2, 5, '2026-11-17', '第一网格', '钱'), row(3, 1, '2026-11-21', '第三网格', '孙')]
    expect(sortOverdue(rows, 'days').map((r) => r.id)).toEqual([2, 1, 3])
    expect(sortOverdue(rows, 'promised', false).map((r) => r.id)).toEqual([2, 1, 3])
    expect(sortOverdue(rows, 'grid', false).map((r) => r.gridName)).toEqual(['第一网格', '第三网格', '第二网格'].sort())
  })

  it('has every Chinese key in English too', () => {
    const keys = (o: unknown, p = ''): string[] =>
      o && typeof o === 'object' && !Array.isArray(o)
        ? Object.entries(o).flatMap(([k, v]) => keys(v, `${p}${k}.`))
        : [p]
    expect(keys(messages.en.wishes).sort()).toEqual(keys(messages['zh-CN'].wishes).sort())
  })
})
