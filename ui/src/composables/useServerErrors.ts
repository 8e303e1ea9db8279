import { reactive, watch, type WatchStopHandle } from 'vue'
import { ElMessage } from 'element-plus'
import { AppError, toAppError } from '../api/invoke'

export interface ServerErrorsOptions {
  /** how a non-field error is shown; defaults to ElMessage.error */
  notify?: (message: string) => void
}

/**
 * Maps an AppError that names a `field` onto that form item's error text
 * (`<el-form-item :error="serverErrors.phone">`); any other error is shown as a message.
 */
export function useServerErrors(options: ServerErrorsOptions = {}) {
  const notify = options.notify ?? ((message: string) => void ElMessage.error(message))
  const serverErrors = reactive<Record<string, string | undefined>>({})

  function clear(field?: string): void {
    if (field) {
      delete serverErrors[field]
      return
    }
    for (const k of Object.keys(serverErrors)) delete serverErrors[k]
  }

  /** Shows the error; returns the AppError. `fields` limits which fields the form can show. */
  function handle(e: unknown, fields?: readonly string[]): AppError {
    const err = toAppError(e)
    clear()
    let field = err.field
    // tolerate nested names such as "resident.phone"
    if (field && field.includes('.')) field = field.slice(field.lastIndexOf('.') + 1)
    if (field && (!fields || fields.includes(field))) {
      serverErrors[field] = err.message
    } else {
      notify(err.message)
    }
    return err
  }

  /** Clears a field's server error as soon as the user changes that field. */
  function clearOnChange(model: Record<string, unknown>): WatchStopHandle {
    return watch(
      () => ({ ...model }),
      (now, before) => {
        for (const k of Object.keys(now)) {
          if (now[k] !== before[k]) delete serverErrors[k]
        }
      },
    )
  }

  return { serverErrors, clear, handle, clearOnChange }
}
