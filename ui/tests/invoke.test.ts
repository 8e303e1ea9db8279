import { afterEach, describe, expect, it, vi } from 'vitest'

const invokeMock = vi.fn()
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invokeMock(...args) }))

import { AppError, call, setAuthLostHandler, toAppError } from '../src/api/invoke'
import { residentsSearch, residentsUpdate, residentsGet, kioskExit } from '../src/api/commands'

afterEach(() => {
  invokeMock.mockReset()
  setAuthLostHandler(null)
})

describe('call()', () => {
  it('passes command name and args through and returns the result', async () => {
    invokeMock.mockResolvedValue({ items: [], total: 0 })
    const res = await call('residents_search', { input: { text: 'zs' } })
    expect(res).toEqual({ items: [], total: 0 })
    expect(invokeMock).toHaveBeenCalledWith('residents_search', { input: { text: 'zs' } })
  })

  it('maps an object rejection to AppError with code, message and field', async () => {
    invokeMock.mockRejectedValue({ code: 'VALIDATION', message: '手机号码格式不对', field: 'phone' })
    const err = (await call('residents_create', { input: {} }).catch((e) => e)) as AppError
    expect(err).toBeInstanceOf(AppError)
    expect(err).toBeInstanceOf(Error)
    expect(err.code).toBe('VALIDATION')
    expect(err.message).toBe('手机号码格式不对')
    expect(err.field).toBe('phone')
  })

  it('keeps field null when the server sends null', async () => {
    invokeMock.mockRejectedValue({ code: 'CONFLICT', message: '用户名已存在', field: null })
    const err = (await call('staff_create').catch((e) => e)) as AppError
    expect(err.code).toBe('CONFLICT')
    expect(err.field).toBeNull()
  })

  it('maps a string rejection to INTERNAL with the generic Chinese message', async () => {
    invokeMock.mockRejectedValue('command residents_foo not found')
    const err = (await call('residents_foo').catch((e) => e)) as AppError
    expect(err).toBeInstanceOf(AppError)
    expect(err.code).toBe('INTERNAL')
    expect(err.field).toBeNull()
    expect(err.message).toBe('发生内部错误：command residents_foo not found')
  })

  it('maps other rejections (Error, number, odd objects) to INTERNAL', async () => {
    invokeMock.mockRejectedValueOnce(new Error('boom'))
    expect(((await call('x').catch((e) => e)) as AppError).code).toBe('INTERNAL')
    invokeMock.mockRejectedValueOnce(42)
    expect(((await call('x').catch((e) => e)) as AppError).message).toContain('发生内部错误')
    invokeMock.mockRejectedValueOnce({ foo: 1 })
    expect(((await call('x').catch((e) => e)) as AppError).code).toBe('INTERNAL')
  })

  it('calls the auth-lost handler on UNAUTHENTICATED and SESSION_EXPIRED, and still rejects', async () => {
    const handler = vi.fn()
    setAuthLostHandler(handler)
    invokeMock.mockRejectedValueOnce({ code: 'UNAUTHENTICATED', message: '请先登录', field: null })
    await expect(call('home_summary')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    expect(handler).toHaveBeenCalledTimes(1)
    expect(handler.mock.calls[0][0].message).toBe('请先登录')

    invokeMock.mockRejectedValueOnce({ code: 'SESSION_EXPIRED', message: '登录已过期', field: null })
    await expect(call('home_summary')).rejects.toBeInstanceOf(AppError)
    expect(handler).toHaveBeenCalledTimes(2)
  })

  it('does not call the handler for other errors', async () => {
    const handler = vi.fn()
    setAuthLostHandler(handler)
    invokeMock.mockRejectedValueOnce({ code: 'FORBIDDEN', message: '没有权限', field: null })
    await expect(call('staff_list')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(handler).not.toHaveBeenCalled()
  })

  it('toAppError leaves an AppError unchanged', () => {
    const e = new AppError('NOT_FOUND', '没有找到', null)
    expect(toAppError(e)).toBe(e)
  })
})

describe('commands', () => {
  it('wrap arguments as the contract says', async () => {
    invokeMock.mockResolvedValue(null)
    const q = { text: '', gridId: null, compoundId: null, tagId: null, includeArchived: false, page: 1, pageSize: 20 }
    await residentsSearch(q)
    expect(invokeMock).toHaveBeenLastCalledWith('residents_search', { input: q })
    await residentsGet(7)
    expect(invokeMock).toHaveBeenLastCalledWith('residents_get', { id: 7 })
    const r = { name: 'x' } as never
    await residentsUpdate(7, r)
    expect(invokeMock).toHaveBeenLastCalledWith('residents_update', { input: { id: 7, resident: r } })
    await kioskExit('246813')
    expect(invokeMock).toHaveBeenLastCalledWith('kiosk_exit', { input: { pin: '246813' } })
  })
})
