// Pure helpers of the inventory pages (unit-tested in ui/tests/inventory.test.ts).
import type { Asset, ItemRow, LoanRow, MovementKind, MovementRow } from '../../api/bindings'

/** YYYY-MM-DD plus n days (calendar arithmetic, no time zone involved). */
export function addDays(iso: string, n: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n))
  const pad = (x: number) => String(x).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/**
 * The 借出状况 a loan of this unit starts with: never one that contradicts its last return
 * (units waiting for repair are not offered at all).
 */
export function lendCondition(asset: Pick<Asset, 'condition' | 'conditionNote'> | null): string {
  if (!asset || asset.conditionNote.trim() === '') return '完好'
  if (asset.conditionNote.startsWith('维修完成')) return `完好（${asset.conditionNote}）`
  return `上次归还备注：${asset.conditionNote}`
}

/** The message key of a ledger line's kind: an adjustment outside a stocktake is 库存调整. */
export function movementLabelKey(row: Pick<MovementRow, 'kind' | 'stocktakeId'>): string {
  return row.kind === 'adjust' && row.stocktakeId === null ? 'adjustDirect' : row.kind
}

/** Asset codes typed one per line (or separated by commas / spaces), blanks dropped. */
export function parseAssetCodes(text: string): string[] {
  return text
    .split(/[\s,，、;；]+/)
    .map((c) => c.trim())
    .filter((c) => c !== '')
}

export type StockFlag = 'low' | 'expiring' | 'expired' | 'empty' | 'repair'

/** What the desk can hand out now: units waiting for repair (待维修) sit on the shelf but are not lent. */
export function lendable(row: Pick<ItemRow, 'onHand' | 'inRepair'>): number {
  return Math.max(0, row.onHand - row.inRepair)
}

/** What a row of the items list should warn about, most urgent first. */
export function stockFlags(
  row: Pick<ItemRow, 'onHand' | 'inRepair' | 'minStock' | 'expiringSoon' | 'expired'>,
): StockFlag[] {
  const flags: StockFlag[] = []
  if (row.expired > 0) flags.push('expired')
  if (lendable(row) === 0) flags.push('empty')
  else if (lendable(row) < row.minStock) flags.push('low')
  if (row.inRepair > 0) flags.push('repair')
  if (row.expiringSoon > 0) flags.push('expiring')
  return flags
}

/** +12 / −3: the signed change a ledger line made. */
export function signed(quantity: number): string {
  return quantity > 0 ? `+${quantity}` : `−${Math.abs(quantity)}`
}

/** Lines that can be corrected by a reversing movement (lend/return go through the loan). */
export function canReverse(m: { kind: MovementKind; reversedBy: number | null }): boolean {
  return m.reversedBy === null && ['receive', 'issue', 'adjust', 'dispose'].includes(m.kind)
}

/** Colour band of the readiness figure; the figure itself is always shown in words too. */
export function readinessLevel(percent: number): 'success' | 'warning' | 'danger' {
  if (percent >= 90) return 'success'
  if (percent >= 60) return 'warning'
  return 'danger'
}

/** A tel: link for the desk's phone (digits and dashes only). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d-]/g, '')}`
}

/** Overdue loans first (most days first), then by due date. */
export function sortLoans(loans: LoanRow[]): LoanRow[] {
  return [...loans].sort((a, b) => b.overdueDays - a.overdueDays || a.dueDate.localeCompare(b.dueDate) || b.id - a.id)
}
