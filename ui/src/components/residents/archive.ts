import { ElMessage, ElMessageBox } from 'element-plus'
import type { Resident } from '../../api/bindings'
import { residentsArchive, residentsRestore } from '../../api/commands'
import { toAppError } from '../../api/invoke'
import { i18n } from '../../i18n'

/**
 * Archives a resident (or restores an archived one) after the staff member confirms it by
 * name. Returns the updated resident, or null when cancelled or refused (the reason is shown).
 * The list row and the detail drawer both use it.
 */
export async function confirmToggleArchived(person: {
  id: number
  name: string
  archived: boolean
}): Promise<Resident | null> {
  const t = i18n.global.t
  const name = person.name
  try {
    await ElMessageBox.confirm(
      person.archived ? t('residents.restoreConfirm', { name }) : t('residents.archiveConfirm', { name }),
      t('common.dangerTitle'),
      {
        type: 'warning',
        confirmButtonText: person.archived ? t('residents.restore') : t('residents.archive'),
        cancelButtonText: t('common.cancel'),
        confirmButtonClass: 'confirm-ok',
      },
    )
  } catch {
    return null
  }
  try {
    const updated = person.archived ? await residentsRestore(person.id) : await residentsArchive(person.id)
    ElMessage.success(person.archived ? t('residents.restored', { name }) : t('residents.archived', { name }))
    return updated
  } catch (e) {
    ElMessage.error(toAppError(e).message)
    return null
  }
}
