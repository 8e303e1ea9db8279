import { getCurrentWindow } from '@tauri-apps/api/window'
import type { WindowKind } from '../api/bindings'

/** True when running inside a Tauri webview. */
export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window
}

/**
 * 'desk' or 'kiosk' from the Tauri window label. Outside Tauri (plain browser, tests) it is
 * 'desk', unless the page was opened with ?window=kiosk (handy for `npm run dev`).
 */
export function detectWindowKind(): WindowKind {
  if (inTauri()) {
    try {
      return getCurrentWindow().label === 'kiosk' ? 'kiosk' : 'desk'
    } catch {
      return 'desk'
    }
  }
  try {
    const q = new URLSearchParams(window.location.search)
    if (q.get('window') === 'kiosk') return 'kiosk'
  } catch {
    /* ignore */
  }
  return 'desk'
}
