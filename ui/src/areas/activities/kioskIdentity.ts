// The kiosk's "who are you" step shared by booking and my-bookings: the phone and the PIN
// live in the kiosk's personal state, so the idle reset (and 返回首页) wipe them in one place.

import { computed } from 'vue'
import { kioskState } from '../../stores/kiosk'

function personal(key: 'phone' | 'pin') {
  return computed<string>({
    get: () => (typeof kioskState.personal[key] === 'string' ? (kioskState.personal[key] as string) : ''),
    set: (v: string) => {
      kioskState.personal[key] = v
    },
  })
}

export const kioskPhone = personal('phone')
/** The resident's own 4-digit kiosk PIN: with the phone, the proof that they are who they say. */
export const kioskPin = personal('pin')
