// The kiosk's "who are you" step shared by booking and my-bookings: the phone lives in the
// kiosk's personal state, so the idle reset (and 返回首页) wipe it in one place.

import { computed } from 'vue'
import { kioskState } from '../../stores/kiosk'

export const kioskPhone = computed<string>({
  get: () => (typeof kioskState.personal.phone === 'string' ? kioskState.personal.phone : ''),
  set: (v: string) => {
    kioskState.personal.phone = v
  },
})
