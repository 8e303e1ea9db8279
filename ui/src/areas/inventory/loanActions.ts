import { ElMessage, ElMessageBox } from 'element-plus'
import type { Asset, ItemDetail, LoanRow } from '../../api/bindings'
import { toAppError } from '../../api/invoke'
import { i18n } from '../../i18n'
import { formatDate } from '../../utils/date'
import { inventoryAssetRepaired, inventoryRenew, inventoryReverse } from './api'
import { addDays } from './logic'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

/** Asks for a new due date (a week after the current one by default) and renews. */
export async function renewLoan(loan: LoanRow): Promise<LoanRow | null> {
  let value: string
  try {
    const answer = await ElMessageBox.prompt(
      t('inventory.renew.prompt', { due: formatDate(loan.dueDate) }),
      t('inventory.renew.title'),
      {
        inputValue: addDays(loan.dueDate, 7),
        confirmButtonText: t('common.confirm'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'confirm-ok',
      },
    )
    value = answer.value ?? ''
  } catch {
    return null
  }
  try {
    const renewed = await inventoryRenew({ loanId: loan.id, dueDate: value.trim() })
    ElMessage.success(t('inventory.renew.done', { due: formatDate(renewed.dueDate) }))
    return renewed
  } catch (e) {
    ElMessage.error(toAppError(e).message)
    return null
  }
}

/** 维修完成: asks what was done and puts the unit back among the lendable ones. */
export async function markRepaired(asset: Asset): Promise<ItemDetail | null> {
  let note: string
  try {
    const answer = await ElMessageBox.prompt(
      t('inventory.repair.prompt', { code: asset.code, damage: asset.conditionNote }),
      t('inventory.repair.title'),
      {
        confirmButtonText: t('common.confirm'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'confirm-ok',
        inputPattern: /\S/,
        inputErrorMessage: t('common.required', { label: t('inventory.repair.what') }),
      },
    )
    note = answer.value ?? ''
  } catch {
    return null
  }
  try {
    const detail = await inventoryAssetRepaired({ assetId: asset.id, note })
    ElMessage.success(t('inventory.repair.done', { code: asset.code }))
    return detail
  } catch (e) {
    ElMessage.error(toAppError(e).message)
    return null
  }
}

/** Asks for a reason and writes the reversing movement. True when done. */
export async function reverseMovement(movementId: number): Promise<boolean> {
  let reason: string
  try {
    const answer = await ElMessageBox.prompt(t('inventory.ledger.reversePrompt'), t('inventory.ledger.reverse'), {
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'confirm-ok',
      inputPattern: /\S/,
      inputErrorMessage: t('common.required', { label: t('inventory.ledger.reverse') }),
    })
    reason = answer.value ?? ''
  } catch {
    return false
  }
  try {
    await inventoryReverse({ movementId, reason })
    ElMessage.success(t('inventory.ledger.reverseDone'))
    return true
  } catch (e) {
    ElMessage.error(toAppError(e).message)
    return false
  }
}
