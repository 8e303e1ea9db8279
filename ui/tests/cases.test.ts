import { describe, expect, it } from 'vitest'
import { clockTagType, durationParts, formatDuration, stepIndex } from '../src/areas/cases/clock'

const zh = (u: 'days' | 'hours' | 'minutes', n: number) => `${n}${{ days: '天', hours: '小时', minutes: '分钟' }[u]}`

describe('case clock', () => {
  it('splits minutes into days, hours and minutes, ignoring the sign', () => {
    expect(durationParts(3 * 1440 + 5 * 60 + 7)).toEqual({ days: 3, hours: 5, minutes: 7 })
    expect(durationParts(-90)).toEqual({ days: 0, hours: 1, minutes: 30 })
  })

  it('shows the two largest units', () => {
    expect(formatDuration(2 * 1440 + 3 * 60 + 20, zh)).toBe('2天3小时')
    expect(formatDuration(2 * 1440 + 20, zh)).toBe('2天')
    expect(formatDuration(75, zh)).toBe('1小时15分钟')
    expect(formatDuration(45, zh)).toBe('45分钟')
    expect(formatDuration(0, zh)).toBe('0分钟')
    expect(formatDuration(-300, zh)).toBe('5小时')
  })

  it('colours overdue red and near amber', () => {
    expect(clockTagType('overdue')).toBe('danger')
    expect(clockTagType('near')).toBe('warning')
    expect(clockTagType('ok')).toBe('success')
    expect(clockTagType('stopped')).toBe('info')
  })

  it('puts closed and archived on the sixth step', () => {
    expect(stepIndex('reported')).toBe(0)
    expect(stepIndex('answered')).toBe(4)
    expect(stepIndex('closed')).toBe(5)
    expect(stepIndex('archived')).toBe(6)
  })
})

describe('figures', () => {
  it('shows rates as percentages and no rate as a dash', async () => {
    const { percent } = await import('../src/areas/cases/clock')
    expect(percent(0.5)).toBe('50.0%')
    expect(percent(1 / 3)).toBe('33.3%')
    expect(percent(null)).toBe('—')
  })
})

describe('audit entries of cases', () => {
  it('read as words and lead to the case page', async () => {
    const { auditPhrase, auditTarget } = await import('../src/utils/audit')
    const entry = { id: 1, at: '', actor: '王站长', entity: 'case', entityId: 7, action: 'escalate', detail: '2026-11-0001' }
    expect(auditPhrase(entry)).toBe('升级案件')
    expect(auditTarget(entry)).toEqual({ name: 'cases-detail', params: { id: '7' } })
  })
})
