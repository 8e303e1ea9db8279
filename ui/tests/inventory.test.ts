import { describe, expect, it } from 'vitest'
import type { LoanRow } from '../src/api/bindings'
import {
  addDays,
  canReverse,
  lendCondition,
  movementLabelKey,
  parseAssetCodes,
  readinessLevel,
  signed,
  sortLoans,
  stockFlags,
  lendable,
  telHref,
} from '../src/areas/inventory/logic'
import { en, zhCN } from '../src/areas/inventory/messages'

describe('inventory logic', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-11-25', 7)).toBe('2026-12-02')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('not a date', 3)).toBe('not a date')
  })

  it('splits typed asset codes on lines, commas and Chinese punctuation', () => {
    expect(parseAssetCodes('LY-01\nLY-02， LY-03、LY-04\n\n')).toEqual(['LY-01', 'LY-02', 'LY-03', 'LY-04'])
    expect(parseAssetCodes('   ')).toEqual([])
  })

  it('flags stock rows, most urgent first', () => {
    expect(stockFlags({ onHand: 0, inRepair: 0, minStock: 3, expiringSoon: 0, expired: 2 })).toEqual(['expired', 'empty'])
    expect(stockFlags({ onHand: 2, inRepair: 0, minStock: 3, expiringSoon: 2, expired: 0 })).toEqual(['low', 'expiring'])
    expect(stockFlags({ onHand: 5, inRepair: 0, minStock: 3, expiringSoon: 0, expired: 0 })).toEqual([])
    // A wheelchair back damaged is on the shelf but not lendable stock.
    expect(stockFlags({ onHand: 2, inRepair: 1, minStock: 2, expiringSoon: 0, expired: 0 })).toEqual(['low', 'repair'])
    expect(stockFlags({ onHand: 1, inRepair: 1, minStock: 1, expiringSoon: 0, expired: 0 })).toEqual(['empty', 'repair'])
    expect(lendable({ onHand: 3, inRepair: 1 })).toBe(2)
  })

  it('shows signed changes and which lines can be reversed', () => {
    expect(signed(12)).toBe('+12')
    expect(signed(-3)).toBe('−3')
    expect(canReverse({ kind: 'receive', reversedBy: null })).toBe(true)
    expect(canReverse({ kind: 'receive', reversedBy: 9 })).toBe(false)
    expect(canReverse({ kind: 'lend', reversedBy: null })).toBe(false)
    expect(canReverse({ kind: 'reverse', reversedBy: null })).toBe(false)
  })

  it('bands readiness and builds tel links', () => {
    expect(readinessLevel(100)).toBe('success')
    expect(readinessLevel(75)).toBe('warning')
    expect(readinessLevel(10)).toBe('danger')
    expect(telHref('0356-2021234')).toBe('tel:0356-2021234')
  })

  it('puts the most overdue loans first', () => {
    const loan = (id: number, overdueDays: number, dueDate: string) => ({ id, overdueDays, dueDate }) as LoanRow
    const order = sortLoans([loan(1, 0, '2026-12-01'), loan(2, 5, '2026-11-20'), loan(3, 0, '2026-11-28')])
    expect(order.map((l) => l.id)).toEqual([2, 3, 1])
  })

  it('has the same message keys in Chinese and English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]))
    expect(keys(en)).toEqual(keys(zhCN))
  })
})

describe('movementLabelKey', () => {
  it('names an adjustment by whether a stocktake wrote it', () => {
    expect(movementLabelKey({ kind: 'adjust', stocktakeId: 3 })).toBe('adjust')
    expect(movementLabelKey({ kind: 'adjust', stocktakeId: null })).toBe('adjustDirect')
    expect(movementLabelKey({ kind: 'issue', stocktakeId: null })).toBe('issue')
  })
})

describe('lendCondition', () => {
  it('starts a loan from what the last return or repair said, never a bare 完好 over a remark', () => {
    expect(lendCondition(null)).toBe('完好')
    expect(lendCondition({ condition: 'good', conditionNote: '' })).toBe('完好')
    expect(lendCondition({ condition: 'good', conditionNote: '维修完成：更换扶手螺丝' })).toBe('完好（维修完成：更换扶手螺丝）')
    expect(lendCondition({ condition: 'good', conditionNote: '少一个脚垫' })).toBe('上次归还备注：少一个脚垫')
  })
})
