// The desk's kiosk-security commands (src-tauri/src/commands/kiosk.rs).
import { call } from '../../api/invoke'
import type { GuardAlerts, KioskExitPinInput, ResidentPinInput } from '../../api/bindings'

export const kioskAlerts = () => call<GuardAlerts>('kiosk_alerts')
export const kioskUnlock = () => call<number>('kiosk_unlock')
export const kioskExitPinStatus = () => call<boolean>('kiosk_exit_pin_status')
export const kioskExitPinSet = (input: KioskExitPinInput) => call<null>('kiosk_exit_pin_set', { input })
export const kioskResidentPinSet = (input: ResidentPinInput) => call<null>('kiosk_resident_pin_set', { input })
