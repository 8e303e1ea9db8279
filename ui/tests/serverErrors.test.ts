import { describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import { AppError } from '../src/api/invoke'
import { useServerErrors } from '../src/composables/useServerErrors'

describe('useServerErrors', () => {
  it('puts a field error under that field and does not pop a message', () => {
    const notify = vi.fn()
    const { serverErrors, handle } = useServerErrors({ notify })
    const err = handle(new AppError('VALIDATION', '手机号码应为11位', 'phone'), ['name', 'phone'])
    expect(err.code).toBe('VALIDATION')
    expect(serverErrors.phone).toBe('手机号码应为11位')
    expect(notify).not.toHaveBeenCalled()
  })

  it('accepts the raw rejection object and nested field names', () => {
    const notify = vi.fn()
    const { serverErrors, handle } = useServerErrors({ notify })
    handle({ code: 'VALIDATION', message: '身份证号校验位不对', field: 'resident.idNumber' }, ['idNumber'])
    expect(serverErrors.idNumber).toBe('身份证号校验位不对')
  })

  it('shows errors without a field (or with a field the form lacks) as a message', () => {
    const notify = vi.fn()
    const { serverErrors, handle } = useServerErrors({ notify })
    handle(new AppError('FORBIDDEN', '没有权限', null), ['phone'])
    expect(notify).toHaveBeenCalledWith('没有权限')
    handle(new AppError('VALIDATION', '网格不存在', 'gridId'), ['phone'])
    expect(notify).toHaveBeenLastCalledWith('网格不存在')
    expect(Object.keys(serverErrors)).toEqual([])
  })

  it('replaces old errors on the next failure and clears a field when it changes', async () => {
    const notify = vi.fn()
    const { serverErrors, handle, clearOnChange } = useServerErrors({ notify })
    const model = reactive({ name: '', phone: '123' })
    clearOnChange(model)
    handle(new AppError('VALIDATION', '姓名不能为空', 'name'))
    handle(new AppError('VALIDATION', '电话不对', 'phone'))
    expect(serverErrors.name).toBeUndefined()
    expect(serverErrors.phone).toBe('电话不对')
    model.phone = '13800000000'
    await nextTick()
    expect(serverErrors.phone).toBeUndefined()
  })
})
