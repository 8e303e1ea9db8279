import type { RouteLocationRaw } from 'vue-router'
import type { AuditEntry } from '../api/bindings'

/** Where an audit entry is handled in the desk (null = nowhere to go). */
export function auditTarget(entry: AuditEntry): RouteLocationRaw | null {
  const e = entry.entity.toLowerCase()
  if (e.startsWith('resident') || e === '居民') {
    return entry.entityId !== null
      ? { name: 'residents', query: { open: String(entry.entityId) } }
      : { name: 'residents' }
  }
  if (e.startsWith('staff') || e === '工作人员') return { name: 'staff' }
  if (['settings', 'setting', 'place', 'places', 'tag', 'tags', '系统设置', '标签'].includes(e)) {
    return { name: 'settings' }
  }
  return null
}
