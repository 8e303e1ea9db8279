import { afterEach, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../src/api/bindings'
import { i18n } from '../src/i18n'
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  auditActionLabel,
  auditEntityLabel,
  auditPhrase,
  auditTarget,
  purgedResidentIds,
} from '../src/utils/audit'

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-11-26T06:17:00+08:00',
  actor: '王站长',
  entity: 'resident',
  entityId: 7,
  action: 'create',
  detail: '龚子涵',
  ...over,
})

afterEach(() => {
  i18n.global.locale.value = 'zh-CN'
})

describe('audit labels', () => {
  it('has a Chinese word for every entity and action the backend writes', () => {
    for (const e of AUDIT_ENTITIES) expect(auditEntityLabel(e)).toMatch(/[\u4e00-\u9fff]/)
    for (const a of AUDIT_ACTIONS) expect(auditActionLabel(a)).toMatch(/[\u4e00-\u9fff]/)
  })

  it('translates the known words', () => {
    expect(auditActionLabel('login')).toBe('登录')
    expect(auditActionLabel('create')).toBe('新增')
    expect(auditActionLabel('purge')).toBe('彻底删除')
    expect(auditActionLabel('migrate')).toBe('升级')
    expect(auditEntityLabel('staff')).toBe('工作人员')
    expect(auditEntityLabel('settings')).toBe('系统设置')
    expect(auditEntityLabel('demo')).toBe('演示数据')
  })

  it('falls back to the raw word for unknown ones', () => {
    expect(auditActionLabel('teleport')).toBe('teleport')
    expect(auditEntityLabel('spaceship')).toBe('spaceship')
    expect(auditPhrase({ entity: 'spaceship', action: 'create' })).toBe('新增 spaceship')
    expect(auditPhrase({ entity: 'resident', action: 'teleport' })).toBe('teleport 居民')
  })

  it('builds phrases that read as a sentence', () => {
    expect(auditPhrase(entry({}))).toBe('新增居民')
    expect(auditPhrase(entry({ entity: 'grid', action: 'rename' }))).toBe('重命名网格')
    expect(auditPhrase(entry({ entity: 'demo', action: 'load' }))).toBe('载入演示数据')
    expect(auditPhrase(entry({ entity: 'kiosk', action: 'exit' }))).toBe('退出自助终端')
    expect(auditPhrase(entry({ entity: 'staff', action: 'login' }))).toBe('登录')
    expect(auditPhrase(entry({ entity: 'staff', action: 'change_password' }))).toBe('修改密码')
    expect(auditPhrase(entry({ entity: 'staff', action: 'reset_password' }))).toBe('重置工作人员密码')
  })

  it('follows the locale, with Chinese as the fallback', () => {
    i18n.global.locale.value = 'en'
    expect(auditPhrase(entry({}))).toBe('created resident')
    expect(auditEntityLabel('database')).toBe('database')
  })
})

describe('auditTarget', () => {
  it('opens an existing resident', () => {
    expect(auditTarget(entry({}))).toEqual({ name: 'residents', query: { open: '7' } })
  })

  it('has nowhere to go for a purged resident or one without id', () => {
    expect(auditTarget(entry({ action: 'purge' }))).toBeNull()
    expect(auditTarget(entry({ entityId: null }))).toBeNull()
    expect(auditTarget(entry({}), { goneResidentIds: new Set([7]) })).toBeNull()
  })

  it('has nowhere to go for logins, the kiosk, demo data, unknown entities', () => {
    expect(auditTarget(entry({ entity: 'staff', action: 'login', entityId: 1 }))).toBeNull()
    expect(auditTarget(entry({ entity: 'staff', action: 'change_password', entityId: 1 }))).toBeNull()
    expect(auditTarget(entry({ entity: 'kiosk', action: 'exit', entityId: null }))).toBeNull()
    expect(auditTarget(entry({ entity: 'demo', action: 'load', entityId: null }))).toBeNull()
    expect(auditTarget(entry({ entity: 'database', action: 'migrate', entityId: null }))).toBeNull()
    expect(auditTarget(entry({ entity: 'spaceship' }))).toBeNull()
  })

  it('sends staff, settings, places and tags to their pages (admins only)', () => {
    expect(auditTarget(entry({ entity: 'staff', action: 'disable' }))).toEqual({ name: 'staff' })
    expect(auditTarget(entry({ entity: 'settings', action: 'update', entityId: null }))).toEqual({ name: 'settings' })
    for (const e of ['grid', 'compound', 'building']) {
      expect(auditTarget(entry({ entity: e, action: 'rename' }))).toEqual({ name: 'settings', query: { tab: 'places' } })
    }
    expect(auditTarget(entry({ entity: 'tag', action: 'create' }))).toEqual({ name: 'settings', query: { tab: 'tags' } })
    expect(auditTarget(entry({ entity: 'staff', action: 'disable' }), { isAdmin: false })).toBeNull()
    expect(auditTarget(entry({ entity: 'tag', action: 'create' }), { isAdmin: false })).toBeNull()
    expect(auditTarget(entry({}), { isAdmin: false })).toEqual({ name: 'residents', query: { open: '7' } })
  })

  it('collects purged resident ids', () => {
    const ids = purgedResidentIds([
      entry({ id: 1, entityId: 3, action: 'purge' }),
      entry({ id: 2, entityId: 4 }),
      entry({ id: 3, entity: 'staff', entityId: 5, action: 'purge' }),
    ])
    expect([...ids]).toEqual([3])
  })
})
