import { describe, expect, it } from 'vitest'
import type { MonthlyReport, PartyFigures } from '../src/api/bindings'
import { messages } from '../src/areas/report/messages'
import { partyTables, SECTIONS, sectionTables } from '../src/areas/report/tables'

/** The Chinese text of a key, with {named} values filled in (what vue-i18n's t does here). */
function t(key: string, named: Record<string, unknown> = {}): string {
  const found = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages['zh-CN'])
  if (typeof found !== 'string') throw new Error(`no message ${key}`)
  return found.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]))
}

const party: PartyFigures = {
  members: 7,
  full: 5,
  probationary: 2,
  mobileOut: 1,
  mobileIn: 0,
  lostContact: 1,
  joined: 1,
  registered: 1,
  transferredIn: 1,
  transferredOut: 1,
  confirmed: 1,
  byBranch: [
    { name: '离退休党支部', members: 1, full: 1, probationary: 0, lostContact: 0, dueFen: 1500, paidFen: 1500, unpaid: 0 },
    { name: '阳光花园小区党支部', members: 6, full: 4, probationary: 2, lostContact: 1, dueFen: 24000, paidFen: 20000, unpaid: 1 },
  ],
  meetingsHeld: 2,
  duePeople: 6,
  present: 4,
  attendanceRate: 0.6667,
  byMeetingKind: [
    {
      key: 'general_meeting',
      label: '支部党员大会',
      quotaPeriod: 'quarter',
      from: '2026-10-01',
      to: '2026-12-31',
      countedTo: '2026-10-31',
      organisations: 2,
      met: 0,
      required: 2,
      held: 0,
      duePeople: 0,
      present: 0,
      attendanceRate: null,
    },
    {
      key: 'life_meeting',
      label: '组织生活会',
      from: '2026-10-01',
      to: '2026-10-31',
      countedTo: '2026-10-31',
      organisations: 0,
      met: 0,
      required: 0,
      held: 1,
      duePeople: 3,
      present: 3,
      attendanceRate: 1,
    },
  ],
  dues: { months: ['2026-10'], memberMonths: 7, paid: 6, unpaid: 1, dueFen: 25500, paidFen: 21500, paidRate: 0.8571 },
}

describe('the 党建 section of the monthly summary', () => {
  it('shows the figures, the branches and 三会一课 in Chinese, dues in 元', () => {
    const [figures, branches, meetings] = partyTables(party, t)
    expect(figures.title).toBe('党建')
    const value = (label: string) => figures.rows.find((r) => r[0] === label)?.[1]
    expect(value('在册党员')).toBe(7)
    expect(value('失联（6个月无组织生活、未缴党费）')).toBe(1)
    expect(value('党费应缴（元）')).toBe('255.00')
    expect(value('党费缴纳率')).toBe('85.7%')
    expect(value('出席率（实到 / 应到）')).toBe('66.7%（4 / 6）')
    expect(branches.rows[1]).toEqual(['阳光花园小区党支部', 6, 4, 2, 1, '240.00', '200.00', 1])
    expect(meetings.rows[0]).toEqual(['支部党员大会', '每季度', '2026-10-01 至 2026-10-31', 2, 0, '0 / 2', '—'])
    expect(meetings.rows[1][1]).toBe('无定额')
  })

  it('says a month closed under version 1 had no party section, never zeros', () => {
    const tables = partyTables(null, t)
    expect(tables).toHaveLength(1)
    expect(tables[0].rows).toEqual([['该月关账时汇总尚无党建板块（汇总第 1 版）', '—']])
  })

  it('is one of the sections the page and the print show', () => {
    expect(SECTIONS).toContain('party')
    const report = {
      residents: { served: 0, servedByActivities: 0, servedByWishes: 0, servedByLoans: 0, servedByCases: 0, newRegistrations: 0 },
      activities: { byCategory: [], rooms: [] },
      wishes: { byKind: [] },
      volunteers: { byKind: [], byServiceKind: [], topTen: [], units: [], reportInRate: null },
      inventory: {},
      cases: { byKind: [], bySource: [] },
      party,
    } as unknown as MonthlyReport
    expect(sectionTables(report, t).party).toHaveLength(3)
  })

  it('has every Chinese key in English too', () => {
    const keys = (o: unknown, p = ''): string[] =>
      o && typeof o === 'object' && !Array.isArray(o) ? Object.entries(o).flatMap(([k, v]) => keys(v, `${p}${k}.`)) : [p]
    expect(keys(messages.en.report).sort()).toEqual(keys(messages['zh-CN'].report).sort())
  })
})
