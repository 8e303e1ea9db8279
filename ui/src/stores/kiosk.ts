import { reactive } from 'vue'
import type { KioskInfo } from '../api/bindings'

/**
 * Kiosk state. `personal` holds whatever a resident entered on the current visit (phone,
 * chosen activity, …) — later screens put it here so the idle reset can wipe it in one place.
 */
export const kioskState = reactive({
  info: null as KioskInfo | null,
  personal: {} as Record<string, unknown>,
})

export function clearPersonalState(): void {
  for (const k of Object.keys(kioskState.personal)) delete kioskState.personal[k]
}
