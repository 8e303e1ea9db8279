import type { BackupCounts, BackupInfo, BackupKind } from '../api/bindings'
import { i18n } from '../i18n'
import { formatDateTime } from './date'

// The words for a backup in lists and in the confirmation before restoring it
// ("2026年11月20日 09:30 的备份：居民 1,203 人、志愿者 85 人…").

const COUNT_KEYS: (keyof BackupCounts)[] = [
  'residents',
  'volunteers',
  'activities',
  'bookings',
  'wishes',
  'items',
  'cases',
  'serviceHours',
]

const KIND_KEYS: Record<BackupKind, string> = {
  daily: 'daily',
  manual: 'manual',
  beforeMigration: 'beforeMigration',
  beforeRestore: 'beforeRestore',
  other: 'other',
}

const number = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 1 })

/** 居民 1,203 人、志愿者 85 人… (what the backup's schema has; areas it predates are left out) */
export function describeCounts(counts: BackupCounts): string {
  const t = i18n.global.t
  const sep = i18n.global.locale.value === 'en' ? ', ' : '、'
  return COUNT_KEYS.filter((k) => counts[k] !== null)
    .map((k) => t(`backups.counts.${k}`, { n: number(counts[k] as number) }))
    .join(sep)
}

export function backupKindLabel(kind: BackupKind): string {
  return i18n.global.t(`backups.kinds.${KIND_KEYS[kind]}`)
}

/** What the confirmation names: the date and time the backup was made and what it holds. */
export function backupSummary(info: BackupInfo): { date: string; counts: string } {
  return { date: formatDateTime(info.madeAt), counts: describeCounts(info.counts) }
}

/** 12.3 MB */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
