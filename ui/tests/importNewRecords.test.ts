import { describe, expect, it } from 'vitest'
import type { NewRecord } from '../src/api/bindings'
import { countsByKind, newRecordTree, toggledSkip } from '../src/components/import/newRecords'

const rec = (kind: string, path: string, parent: string | null, rows = 1, skipped = false): NewRecord => ({
  kind,
  path,
  parent,
  rows,
  skipped,
})

describe('the records an import creates', () => {
  const records = [
    rec('网格', '白水网格', null),
    rec('小区', '白水网格 › 白水小区', '白水网格'),
    rec('楼栋', '白水网格 › 白水小区 › 9号楼', '白水网格 › 白水小区', 3),
    rec('楼栋', '第一网格 › 阳光花园 › 5号楼', null),
    rec('小区', '凤台网格 › 凤台小区', null, 10, true),
  ]

  it('nests each under its new parent and shows whole paths at the top', () => {
    const tree = newRecordTree(records)
    expect(tree.map((n) => n.name)).toEqual(['白水网格', '第一网格 › 阳光花园 › 5号楼', '凤台网格 › 凤台小区'])
    expect(tree[0].children[0].name).toBe('白水小区')
    expect(tree[0].children[0].children[0].name).toBe('9号楼')
    expect(tree[0].children[0].children[0].record.rows).toBe(3)
  })

  it('counts by kind, the unticked apart', () => {
    expect(countsByKind(records, false)).toEqual([
      ['网格', 1],
      ['小区', 1],
      ['楼栋', 2],
    ])
    expect(countsByKind(records, true)).toEqual([['小区', 1]])
  })

  it('unticking adds to the skip list once and ticking removes it', () => {
    const skip = toggledSkip([], '凤台网格 › 凤台小区', false)
    expect(toggledSkip(skip, '凤台网格 › 凤台小区', false)).toEqual(['凤台网格 › 凤台小区'])
    expect(toggledSkip(skip, '凤台网格 › 凤台小区', true)).toEqual([])
  })
})
