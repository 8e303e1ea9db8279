import { invoke } from '@tauri-apps/api/core'
import type { ErrorCode } from './bindings'

/** The error every command call rejects with (see docs/API.md "Errors"). */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly field: string | null

  constructor(code: ErrorCode, message: string, field: string | null = null) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }
}

export type AuthLostHandler = (err: AppError) => void

let authLostHandler: AuthLostHandler | null = null

/** Registers what happens on UNAUTHENTICATED / SESSION_EXPIRED (the desk router goes to login). */
export function setAuthLostHandler(handler: AuthLostHandler | null): void {
  authLostHandler = handler
}

function describe(raw: unknown): string {
  if (raw instanceof Error) return raw.message
  if (typeof raw === 'string') return raw
  try {
    return JSON.stringify(raw) ?? String(raw)
  } catch {
    return String(raw)
  }
}

/** Turns whatever `invoke` rejected with into an AppError. */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof AppError) return raw
  if (raw !== null && typeof raw === 'object' && !(raw instanceof Error)) {
    const o = raw as Record<string, unknown>
    if (typeof o.code === 'string' && typeof o.message === 'string') {
      const field = typeof o.field === 'string' && o.field !== '' ? o.field : null
      return new AppError(o.code as ErrorCode, o.message, field)
    }
  }
  return new AppError('INTERNAL', `发生内部错误：${describe(raw)}`, null)
}

/** The one choke point for talking to the Rust core. */
export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args)
  } catch (raw) {
    const err = toAppError(raw)
    if ((err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED') && authLostHandler) {
      try {
        authLostHandler(err)
      } catch {
        /* a broken handler must not hide the original error */
      }
    }
    throw err
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
