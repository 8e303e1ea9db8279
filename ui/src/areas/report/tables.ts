// The summary's sections as plain tables (title, head, rows): the page and the printed
// document show the same figures the same way.
import type { MonthlyReport, PartyFigures } from '../../api/bindings'
import { yuan } from '../party/logic'

type T = (key: string, named?: Record<string, unknown>) => string
export type CellValue = string | number
export interface ReportTable {
  key: string
  title: string
  head: string[]
  rows: CellValue[][]
}

export const pct = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`)
const num = (x: number | null | undefined): CellValue => (x === null || x === undefined ? '—' : x)

/** Two columns: figure, value. */
function pairs(key: string, title: string, t: T, items: Array<[string, CellValue]>): ReportTable {
  return { key, title, head: [t('report.item'), t('report.value')], rows: items }
}

/** 党建: figures, per branch, 三会一课 per kind. Null only for a month closed under version 1. */
export function partyTables(p: PartyFigures | null, t: T): ReportTable[] {
  const f = (k: string) => t(`report.party.${k}`)
  if (!p) return [pairs('party', t('report.sections.party'), t, [[f('notFiled'), '—']])]
  const d = p.dues
  return [
    pairs('party', t('report.sections.party'), t, [
      [f('members'), p.members],
      [f('full'), p.full],
      [f('probationary'), p.probationary],
      [f('mobileOut'), p.mobileOut],
      [f('mobileIn'), p.mobileIn],
      [f('lostContact'), p.lostContact],
      [f('joined'), p.joined],
      [f('registered'), p.registered],
      [f('transferredIn'), p.transferredIn],
      [f('transferredOut'), p.transferredOut],
      [f('confirmed'), p.confirmed],
      [f('meetingsHeld'), p.meetingsHeld],
      [f('attendance'), `${pct(p.attendanceRate)}（${p.present} / ${p.duePeople}）`],
      [f('duesDue'), yuan(d.dueFen)],
      [f('duesPaid'), yuan(d.paidFen)],
      [f('duesUnpaid'), d.unpaid],
      [f('duesPaidRate'), pct(d.paidRate)],
    ]),
    {
      key: 'party-branch',
      title: f('byBranch'),
      head: [f('branch'), f('members'), f('full'), f('probationary'), f('lostShort'), f('duesDue'), f('duesPaid'), f('duesUnpaid')],
      rows: p.byBranch.map((x) => [x.name, x.members, x.full, x.probationary, x.lostContact, yuan(x.dueFen), yuan(x.paidFen), x.unpaid]),
    },
    {
      key: 'party-meetings',
      title: f('byMeetingKind'),
      head: [f('meetingKind'), f('quota'), f('span'), f('required'), f('held'), f('met'), f('attendance')],
      rows: p.byMeetingKind.map((x) => [
        x.label,
        f(`quotaPeriod.${x.quotaPeriod ?? 'none'}`),
        t('report.party.spanValue', { from: x.from, to: x.countedTo }),
        x.required,
        x.held,
        t('report.party.metValue', { met: x.met, of: x.organisations }),
        pct(x.attendanceRate),
      ]),
    },
  ]
}

export function sectionTables(r: MonthlyReport, t: T): Record<string, ReportTable[]> {
  const f = (k: string) => t(`report.f.${k}`)
  const s = (k: string) => t(`report.sections.${k}`)
  const res = r.residents
  const a = r.activities
  const w = r.wishes
  const v = r.volunteers
  const i = r.inventory
  const c = r.cases
  return {
    residents: [
      pairs('residents', s('residents'), t, [
        [f('served'), res.served],
        [f('servedByActivities'), res.servedByActivities],
        [f('servedByWishes'), res.servedByWishes],
        [f('servedByLoans'), res.servedByLoans],
        [f('servedByCases'), res.servedByCases],
        [f('newRegistrations'), res.newRegistrations],
      ]),
    ],
    activities: [
      pairs('activities', s('activities'), t, [
        [f('held'), a.held],
        [f('cancelled'), a.cancelled],
        [f('participants'), a.participants],
        [f('noShows'), a.noShows],
        [f('attendanceRate'), pct(a.attendanceRate)],
        [f('unsettled'), a.unsettled],
        [f('unsettledBookings'), a.unsettledBookings],
      ]),
      {
        key: 'activities-cat',
        title: '',
        head: [f('category'), f('held'), f('participants'), f('noShows'), f('attendanceRate')],
        rows: a.byCategory.map((x) => [x.label, x.held, x.participants, x.noShows, pct(x.attendanceRate)]),
      },
      {
        key: 'activities-rooms',
        title: '',
        head: [f('room'), f('roomActivities'), f('activityHours'), f('groupBookings'), f('groupHours')],
        rows: a.rooms.map((x) => [x.label, x.activities, x.activityHours, x.groupBookings, x.groupHours]),
      },
    ],
    wishes: [
      pairs('wishes', s('wishes'), t, [
        [f('received'), w.received],
        [f('published'), w.published],
        [f('claimed'), w.claimed],
        [f('fulfilled'), w.fulfilled],
        [f('fulfilledOnTime'), w.fulfilledOnTime],
        [f('onTimeRate'), pct(w.onTimeRate)],
        [f('avgDaysToFulfil'), num(w.avgDaysToFulfil)],
        [`${f('rated')}（${f('satisfied')} / ${f('partly')} / ${f('notSatisfied')}）`, `${w.rated}（${w.satisfied} / ${w.partly} / ${w.notSatisfied}）`],
        [f('satisfactionRate'), pct(w.satisfactionRate)],
      ]),
      {
        key: 'wishes-kind',
        title: '',
        head: [f('kind'), f('received'), f('fulfilled')],
        rows: w.byKind.map((x) => [x.label, x.received, x.fulfilled]),
      },
    ],
    volunteers: [
      pairs('volunteers', s('volunteers'), t, [
        [f('active'), v.active],
        [f('hours'), v.hours],
        [f('points'), v.points],
        [f('reportInRate'), v.reportInRate === null ? '—' : `${v.reportInRate}%`],
      ]),
      {
        key: 'volunteers-kind',
        title: f('byKind'),
        head: [f('kind'), f('people'), f('hours')],
        rows: [...v.byKind.map((x) => [x.label, x.people, x.hours]), ...v.byServiceKind.map((x) => [`${f('byServiceKind')} · ${x.label}`, x.people, x.hours])],
      },
      {
        key: 'volunteers-top',
        title: f('topTen'),
        head: [f('rank'), f('name'), f('hours'), f('points')],
        // equal minutes share a rank: shown as 并列
        rows: v.topTen.map((x) => [
          v.topTen.filter((y) => y.rank === x.rank).length > 1 ? t('report.f.tied', { rank: x.rank }) : x.rank,
          x.name,
          x.hours,
          x.points,
        ]),
      },
      {
        key: 'volunteers-units',
        title: f('unit'),
        head: [f('unit'), f('expected'), f('reportedIn'), f('reportInRate'), f('hours')],
        rows: v.units.map((x) => [x.name, x.expected, x.reportedIn, x.reportInRate === null ? '—' : `${x.reportInRate}%`, x.hours]),
      },
    ],
    inventory: [
      pairs('inventory', s('inventory'), t, [
        [f('receipts'), i.receipts],
        [f('receivedQuantity'), i.receivedQuantity],
        [f('issues'), i.issues],
        [f('issuedQuantity'), i.issuedQuantity],
        [f('loans'), i.loans],
        [f('returnedQuantity'), i.returnedQuantity],
        [f('disposedQuantity'), i.disposedQuantity],
        [f('overdueLoans'), i.overdueLoans],
        [f('belowMinimum'), i.belowMinimum],
        [f('expiringBatches'), i.expiringBatches],
      ]),
    ],
    cases: [
      pairs('cases', s('cases'), t, [
        [f('total'), c.received],
        [f('unreasonable'), c.unreasonable],
        [f('responseRate'), pct(c.responseRate)],
        [f('resolutionRate'), pct(c.resolutionRate)],
        [f('satisfactionRate'), pct(c.satisfactionRate)],
        [f('followedUp'), c.followedUp],
        [f('avgHandlingHours'), num(c.avgHandlingHours)],
      ]),
      {
        key: 'cases-kind',
        title: '',
        head: [f('kind'), f('total'), f('responseRate'), f('resolutionRate'), f('satisfactionRate')],
        rows: [
          ...c.byKind.map((x) => [x.label, x.total, pct(x.responseRate), pct(x.resolutionRate), pct(x.satisfactionRate)]),
          ...c.bySource.map((x) => [`${f('source')} · ${x.label}`, x.count, '', '', '']),
        ],
      },
    ],
    party: partyTables(r.party, t),
  }
}

export const SECTIONS = ['residents', 'activities', 'wishes', 'volunteers', 'inventory', 'cases', 'party'] as const

/** A change as shown: "+5", "−0.5", "—". */
export function signed(x: number | null): string {
  if (x === null) return '—'
  if (x > 0) return `+${x}`
  if (x < 0) return `−${Math.abs(x)}`
  return '0'
}
