import type { RouteLocationRaw } from 'vue-router'
import type { AuditEntry } from '../api/bindings'
import { i18n } from '../i18n'

// The backend writes audit entries with English words (entity "resident", action "create").
// This is the one place that turns them into words for people: labels live in the i18n
// catalogue under audit.entity.* / audit.action.*, unknown words are shown as they are.

/** Entities the backend writes today (core/src, src-tauri/src). */
export const AUDIT_ENTITIES = [
  'staff',
  'resident',
  'grid',
  'compound',
  'building',
  'tag',
  'settings',
  'demo',
  'kiosk',
  'database',
  'case',
  'case_limit',
  'case_calendar',
  'case_department',
  // inventory
  'item',
  'item_category',
  'loan',
  'reservation',
  'stocktake',
  // volunteers
  'volunteer',
  'volunteer_kind',
  'volunteer_ledger',
  'service_kind',
  'hour_claim',
  'partner_unit',
  'duty_position',
  'shift_template',
  'shift',
  'shift_assignment',
  'attendance',
] as const

/** Actions the backend writes today. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'login',
  'disable',
  'enable',
  'reset_password',
  'change_password',
  'archive',
  'restore',
  'purge',
  'rename',
  'load',
  'exit',
  'migrate',
  'backup',
  'report',
  'accept',
  'assign',
  'investigate',
  'resolve',
  'feedback',
  'followup',
  'close',
  'reopen',
  'send_back',
  'escalate',
  'auto_escalate',
  'department_report',
  'direct_report',
  'note',
  'mark_unreasonable',
  'review_unreasonable',
  // inventory
  'receive',
  'issue',
  'dispose',
  'reverse',
  'lend',
  'return',
  'lost',
  'renew',
  'photo',
  'start',
  'finish',
  'cancel',
  'export',
  // volunteers
  'status',
  'set_pin',
  'pin_failed',
  'pin_locked',
  'save',
  'credit',
  'offsite',
  'self',
  'approve',
  'reject',
  'generate',
  'unassign',
  'sign_in',
  'sign_out',
  'review',
] as const

/** Actions that are about the actor themself: the entity is not named ("王站长 登录"). */
const SELF_ACTIONS = new Set(['login', 'change_password'])

/** The translate functions this module needs (a vue-i18n composer fits; defaults to the app's). */
export interface AuditTranslator {
  t: (key: string, named?: Record<string, unknown>) => string
  te: (key: string) => boolean
}

const appTranslator: AuditTranslator = {
  t: (key, named) => (named ? i18n.global.t(key, named) : i18n.global.t(key)),
  te: (key) => i18n.global.te(key) || i18n.global.te(key, 'zh-CN'),
}

function label(kind: 'entity' | 'action', word: string, tr: AuditTranslator): string | null {
  if (!word) return null
  const key = `audit.${kind}.${word}`
  return tr.te(key) ? tr.t(key) : null
}

/** 居民 for "resident"; the raw word when unknown. */
export function auditEntityLabel(entity: string, tr: AuditTranslator = appTranslator): string {
  return label('entity', entity, tr) ?? entity
}

/** 新增 for "create"; the raw word when unknown. */
export function auditActionLabel(action: string, tr: AuditTranslator = appTranslator): string {
  return label('action', action, tr) ?? action
}

/**
 * What was done, as a phrase: 新增居民, 重命名网格, 登录, 重置工作人员密码.
 * With the actor and detail around it an entry reads "王站长 新增居民 龚子涵".
 */
export function auditPhrase(
  entry: Pick<AuditEntry, 'entity' | 'action'>,
  tr: AuditTranslator = appTranslator,
): string {
  const action = label('action', entry.action, tr)
  const entity = label('entity', entry.entity, tr)
  if (action && SELF_ACTIONS.has(entry.action)) return action
  if (action && entity) {
    const special = `audit.phrase.${entry.action}`
    return tr.t(tr.te(special) ? special : 'audit.phrase.default', { action, entity })
  }
  return [action ?? entry.action, entity ?? entry.entity].filter(Boolean).join(' ')
}

export interface AuditTargetOptions {
  /** The signed-in staff member is an admin (the staff and settings pages are admin-only). */
  isAdmin?: boolean
  /** Residents known to be gone (purged): no link to their detail. */
  goneResidentIds?: ReadonlySet<number>
}

/**
 * Where an audit entry is handled in the desk, or null when there is nowhere meaningful to go
 * (logins, the kiosk, demo data, a purged resident, an admin page for a non-admin).
 */
export function auditTarget(entry: AuditEntry, opts: AuditTargetOptions = {}): RouteLocationRaw | null {
  const isAdmin = opts.isAdmin ?? true
  const entity = entry.entity.toLowerCase()
  const action = entry.action.toLowerCase()
  switch (entity) {
    case 'resident':
      if (action === 'purge' || entry.entityId === null) return null
      if (opts.goneResidentIds?.has(entry.entityId)) return null
      return { name: 'residents', query: { open: String(entry.entityId) } }
    case 'staff':
      if (SELF_ACTIONS.has(action) || !isAdmin) return null
      return { name: 'staff' }
    case 'settings':
      return isAdmin ? { name: 'settings' } : null
    case 'grid':
    case 'compound':
    case 'building':
      return isAdmin ? { name: 'settings', query: { tab: 'places' } } : null
    case 'tag':
      return isAdmin ? { name: 'settings', query: { tab: 'tags' } } : null
    case 'case':
      return entry.entityId === null ? null : { name: 'cases-detail', params: { id: String(entry.entityId) } }
    case 'case_limit':
    case 'case_calendar':
    case 'case_department':
      return { name: 'cases-settings' }
    default:
      return null
  }
}

/** Resident ids whose entries include a purge: the resident no longer exists. */
export function purgedResidentIds(entries: readonly AuditEntry[]): Set<number> {
  const ids = new Set<number>()
  for (const e of entries) {
    if (e.entity === 'resident' && e.action === 'purge' && e.entityId !== null) ids.add(e.entityId)
  }
  return ids
}
