import { computed, reactive } from 'vue'
import type { AppStatus, SessionInfo } from '../api/bindings'
import { appStatus, authCurrent, settingsGet } from '../api/commands'
import { setDisplayTimeZone } from '../utils/date'

interface SessionState {
  /** null until app_status has answered */
  status: AppStatus | null
  /** undefined = not asked yet; null = not logged in */
  session: SessionInfo | null | undefined
  stationName: string
  /** a message to show on the login page (e.g. auto logout) */
  loginMessage: string
  bootError: string
}

export const sessionState = reactive<SessionState>({
  status: null,
  session: undefined,
  stationName: '',
  loginMessage: '',
  bootError: '',
})

export const isAdmin = computed(() => sessionState.session?.staff.role === 'admin')

export async function loadStatus(force = false): Promise<AppStatus> {
  if (!sessionState.status || force) {
    const s = await appStatus()
    sessionState.status = s
    if (s.stationName) sessionState.stationName = s.stationName
  }
  return sessionState.status!
}

export async function loadSession(force = false): Promise<SessionInfo | null> {
  if (sessionState.session === undefined || force) {
    sessionState.session = await authCurrent()
    if (sessionState.session) void refreshSettings()
  }
  return sessionState.session ?? null
}

export function setSession(info: SessionInfo | null): void {
  sessionState.session = info
  if (info) {
    sessionState.loginMessage = ''
    void refreshSettings()
  }
}

/** Station name and time zone for the top bar; failures are not fatal. */
export async function refreshSettings(): Promise<void> {
  try {
    const s = await settingsGet()
    sessionState.stationName = s.stationName
    setDisplayTimeZone(s.timezone)
  } catch {
    /* keep what app_status said */
  }
}
