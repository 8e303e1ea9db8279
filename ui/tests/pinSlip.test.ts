import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { makeI18n } from '../src/i18n'
import PinSlipPrint from '../src/areas/volunteers/PinSlipPrint.vue'

describe('the PIN slip', () => {
  it('carries the PIN, the masked name and phone, and how to sign in', () => {
    const w = mount(PinSlipPrint, {
      props: { maskedName: '刘**', phoneMasked: '139****8888', pin: '2468' },
      global: { plugins: [makeI18n()] },
    })
    const text = w.text()
    expect(w.get('[data-testid="volunteer-pin-slip-pin"]').text()).toBe('2468')
    expect(text).toContain('刘**')
    expect(text).toContain('139****8888')
    expect(text).toContain('志愿者签到')
    expect(text).toContain('申报服务时长')
  })
})
