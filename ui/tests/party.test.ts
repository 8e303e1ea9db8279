import { describe, expect, it } from 'vitest'
import type { OrgRow } from '../src/api/bindings'
import { buildTree, monthChoices, parseCommittee, periodLabel, permille, quarterChoices, quarterOf, toFen, yuan } from '../src/areas/party/logic'

describe('party money', () => {
  it('shows 分 as yuan with two decimals', () => {
    expect(yuan(2500)).toBe('25.00')
    expect(yuan(5)).toBe('0.05')
    expect(yuan(500001)).toBe('5000.01')
    expect(yuan(-120)).toBe('-1.20')
    expect(yuan(null)).toBe('')
  })
  it('reads typed amounts into 分 and refuses what is not an amount', () => {
    expect(toFen('25')).toBe(2500)
    expect(toFen('25.5')).toBe(2550)
    expect(toFen(' 5000.01 ')).toBe(500001)
    expect(toFen('5000.001')).toBeNull()
    expect(toFen('-3')).toBeNull()
    expect(toFen('')).toBeNull()
  })
})

describe('party periods', () => {
  it('finds the quarter of a day and names periods in Chinese', () => {
    expect(quarterOf('2026-11-25')).toBe('2026-Q4')
    expect(quarterOf('2026-03-31')).toBe('2026-Q1')
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度')
    expect(periodLabel('2026-03')).toBe('2026年3月')
  })
  it('lists months and quarters newest first across a year boundary', () => {
    expect(monthChoices('2026-02-10', 3)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11'])
    expect(monthChoices('2026-12-01', 0, 1)).toEqual(['2027-01', '2026-12'])
    expect(quarterChoices('2026-02-10', 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3'])
  })
  it('shows attendance per mille as a percentage, and a dash when nobody was due', () => {
    expect(permille(875)).toBe('87.5%')
    expect(permille(null)).toBe('—')
  })
})

describe('party organisations', () => {
  const row = (id: number, parentId: number | null, name: string) =>
    ({ id, parentId, name, level: parentId === null ? 'committee' : 'branch' }) as unknown as OrgRow
  it('builds the tree from the flat list; an orphan becomes a root', () => {
    const tree = buildTree([row(1, null, '社区党委'), row(2, 1, '一支部'), row(3, 2, '3号楼党小组'), row(4, 99, '孤儿')])
    expect(tree.map((n) => n.label)).toEqual(['社区党委', '孤儿'])
    expect(tree[0].children[0].children[0].label).toBe('3号楼党小组')
  })
  it('reads committee lines with their roles and a part-time member’s unit', () => {
    expect(parseCommittee('书记 张三\n副书记 李四\n兼职委员 王五 市供电公司\n赵六\n')).toEqual([
      { role: 'secretary', name: '张三', memberId: null, unitId: null, unitName: '' },
      { role: 'deputy', name: '李四', memberId: null, unitId: null, unitName: '' },
      { role: 'part_time', name: '王五', memberId: null, unitId: null, unitName: '市供电公司' },
      { role: 'member', name: '赵六', memberId: null, unitId: null, unitName: '' },
    ])
  })
})
