// Pure helpers of the party area (unit-tested in ui/tests/party.test.ts): money in 分, the
// periods the app clock's today falls in, the organisation tree and committee lines.

import type { CommitteeMemberInput, CommitteeRole, OrgRow } from '../../api/bindings'

/** 2500 → "25.00" (amounts are kept in 分). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  const sign = fen < 0 ? '-' : ''
  const a = Math.abs(Math.round(fen))
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** "25" / "25.5" / "25.50" → 2550; null when it is not an amount. */
export function toFen(text: string): number | null {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** '2026-11-25' → '2026-11' */
export function monthOf(isoDay: string): string {
  return isoDay.slice(0, 7)
}

/** '2026-11-25' → '2026-Q4' */
export function quarterOf(isoDay: string): string {
  const month = Number(isoDay.slice(5, 7))
  return `${isoDay.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`
}

/** '2026-11' → '2026年11月'; '2026-Q4' → '2026年第四季度' */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period)
  if (q) return `${q[1]}年第${'一二三四'[Number(q[2]) - 1]}季度`
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  return m ? `${m[1]}年${Number(m[2])}月` : period
}

/** The months before and after (12 each way) of the month a day falls in, newest first. */
export function monthChoices(isoDay: string, back = 12, ahead = 0): string[] {
  const y = Number(isoDay.slice(0, 4))
  const m = Number(isoDay.slice(5, 7))
  const out: string[] = []
  for (let i = ahead; i >= -back; i--) {
    const total = y * 12 + (m - 1) + i
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`)
  }
  return out
}

/** The last eight quarters up to the one a day falls in, newest first. */
export function quarterChoices(isoDay: string, count = 8): string[] {
  const y = Number(isoDay.slice(0, 4))
  const q = Math.floor((Number(isoDay.slice(5, 7)) - 1) / 3)
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const total = y * 4 + q - i
    out.push(`${Math.floor(total / 4)}-Q${(total % 4) + 1}`)
  }
  return out
}

export interface OrgNode {
  id: number
  label: string
  row: OrgRow
  children: OrgNode[]
}

/** The flat list (parents first) as a tree for el-tree; an orphan becomes a root. */
export function buildTree(rows: OrgRow[]): OrgNode[] {
  const byId = new Map<number, OrgNode>()
  const roots: OrgNode[] = []
  for (const row of rows) byId.set(row.id, { id: row.id, label: row.name, row, children: [] })
  for (const row of rows) {
    const node = byId.get(row.id)!
    const parent = row.parentId === null ? undefined : byId.get(row.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

const ROLE_WORDS: Array<[string, CommitteeRole]> = [
  ['副书记', 'deputy'],
  ['兼职委员', 'part_time'],
  ['书记', 'secretary'],
  ['委员', 'member'],
]

/**
 * "书记 张三\n兼职委员 李四 市供电公司" → committee lines; a line without a known role word is
 * a 委员. The unit (兼职委员's partner unit) is whatever follows the name.
 */
export function parseCommittee(text: string): CommitteeMemberInput[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((line) => {
      const hit = ROLE_WORDS.find(([w]) => line.startsWith(w))
      const rest = (hit ? line.slice(hit[0].length) : line).trim().split(/\s+/)
      return {
        role: hit ? hit[1] : 'member',
        name: rest[0] ?? '',
        memberId: null,
        unitId: null,
        unitName: rest.slice(1).join(' '),
      }
    })
}

/** Attendance in per mille → "87.5%"; '' when nobody was due. */
export function permille(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  return `${(v / 10).toFixed(1)}%`
}
