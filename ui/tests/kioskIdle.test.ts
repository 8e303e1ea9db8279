import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { createKioskIdle, useKioskIdle } from '../src/composables/useKioskIdle'

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('createKioskIdle', () => {
  it('shows a 15 s countdown after 75 s without activity, and resets at 0', () => {
    const onReset = vi.fn()
    const idle = createKioskIdle({ onReset })
    idle.setActive(true)

    vi.advanceTimersByTime(74_999)
    expect(idle.countdown.value).toBeNull()
    vi.advanceTimersByTime(1)
    expect(idle.countdown.value).toBe(15)

    vi.advanceTimersByTime(1000)
    expect(idle.countdown.value).toBe(14)
    vi.advanceTimersByTime(13_000)
    expect(idle.countdown.value).toBe(1)
    expect(onReset).not.toHaveBeenCalled()

    vi.advanceTimersByTime(1000)
    expect(onReset).toHaveBeenCalledTimes(1)
    expect(idle.countdown.value).toBeNull()

    // no second reset without a new period of use
    vi.advanceTimersByTime(200_000)
    expect(onReset).toHaveBeenCalledTimes(1)
    idle.dispose()
  })

  it('a touch during the countdown cancels it and restarts the 75 s', () => {
    const onReset = vi.fn()
    const idle = createKioskIdle({ onReset })
    idle.setActive(true)
    vi.advanceTimersByTime(80_000)
    expect(idle.countdown.value).toBe(10)

    idle.poke()
    expect(idle.countdown.value).toBeNull()
    vi.advanceTimersByTime(60_000)
    expect(idle.countdown.value).toBeNull()
    expect(onReset).not.toHaveBeenCalled()
    vi.advanceTimersByTime(15_000)
    expect(idle.countdown.value).toBe(15)
    idle.dispose()
  })

  it('activity before 75 s postpones the countdown', () => {
    const idle = createKioskIdle({ onReset: vi.fn() })
    idle.setActive(true)
    vi.advanceTimersByTime(70_000)
    idle.poke()
    vi.advanceTimersByTime(70_000)
    expect(idle.countdown.value).toBeNull()
    vi.advanceTimersByTime(5_000)
    expect(idle.countdown.value).toBe(15)
    idle.dispose()
  })

  it('does nothing on the home screen (inactive)', () => {
    const onReset = vi.fn()
    const idle = createKioskIdle({ onReset })
    idle.setActive(false)
    idle.poke()
    vi.advanceTimersByTime(500_000)
    expect(idle.countdown.value).toBeNull()
    expect(onReset).not.toHaveBeenCalled()
  })
})

describe('useKioskIdle in a component', () => {
  it('listens to document touches and follows the active flag', async () => {
    const onReset = vi.fn()
    const active = ref(true)
    let api: ReturnType<typeof useKioskIdle> | null = null
    const Comp = defineComponent({
      setup() {
        api = useKioskIdle(active, { onReset })
        return () =>
          h('div', api!.countdown.value === null ? '' : h('p', { 'data-testid': 'kiosk-idle-countdown' }, String(api!.countdown.value)))
      },
    })
    const w = mount(Comp, { attachTo: document.body })

    vi.advanceTimersByTime(75_000)
    await nextTick()
    expect(w.find('[data-testid=kiosk-idle-countdown]').text()).toBe('15')

    document.dispatchEvent(new Event('touchstart'))
    await nextTick()
    expect(w.find('[data-testid=kiosk-idle-countdown]').exists()).toBe(false)

    vi.advanceTimersByTime(75_000 + 15_000)
    expect(onReset).toHaveBeenCalledTimes(1)

    // going home switches it off
    active.value = false
    await nextTick()
    vi.advanceTimersByTime(500_000)
    expect(onReset).toHaveBeenCalledTimes(1)

    w.unmount()
  })
})
