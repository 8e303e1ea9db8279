import { onMounted, onUnmounted, ref, watch, type Ref } from 'vue'

export interface KioskIdleOptions {
  /** quiet time before the countdown appears (default 75 s) */
  idleMs?: number
  /** length of the visible countdown in seconds (default 15) */
  countdownSeconds?: number
  /** called when the countdown reaches 0: go home, clear personal state */
  onReset: () => void
}

export interface KioskIdle {
  /** seconds left while the overlay shows, else null */
  countdown: Ref<number | null>
  /** any touch / click / key: cancel the countdown and start the quiet time again */
  poke: () => void
  /** only non-home screens are watched */
  setActive: (active: boolean) => void
  dispose: () => void
}

/** Timer logic of the kiosk idle reset, free of DOM listeners (unit-tested with fake timers). */
export function createKioskIdle(options: KioskIdleOptions): KioskIdle {
  const idleMs = options.idleMs ?? 75_000
  const seconds = options.countdownSeconds ?? 15
  const countdown = ref<number | null>(null)
  let active = false
  let idleTimer: ReturnType<typeof setTimeout> | null = null
  let tick: ReturnType<typeof setInterval> | null = null

  function stopTimers(): void {
    if (idleTimer !== null) clearTimeout(idleTimer)
    if (tick !== null) clearInterval(tick)
    idleTimer = null
    tick = null
    countdown.value = null
  }

  function startCountdown(): void {
    idleTimer = null
    countdown.value = seconds
    tick = setInterval(() => {
      const left = (countdown.value ?? 1) - 1
      if (left <= 0) {
        stopTimers()
        options.onReset()
      } else {
        countdown.value = left
      }
    }, 1000)
  }

  function arm(): void {
    stopTimers()
    if (active) idleTimer = setTimeout(startCountdown, idleMs)
  }

  return {
    countdown,
    poke: arm,
    setActive(value: boolean) {
      active = value
      arm()
    },
    dispose() {
      active = false
      stopTimers()
    },
  }
}

const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'mousedown', 'keydown', 'wheel'] as const

/** Component wrapper: listens for activity on the document while `active` is true. */
export function useKioskIdle(active: Ref<boolean>, options: KioskIdleOptions): KioskIdle {
  const idle = createKioskIdle(options)
  const onActivity = () => idle.poke()
  onMounted(() => {
    for (const ev of ACTIVITY_EVENTS) document.addEventListener(ev, onActivity, { capture: true, passive: true })
    idle.setActive(active.value)
  })
  watch(active, (v) => idle.setActive(v))
  onUnmounted(() => {
    for (const ev of ACTIVITY_EVENTS) document.removeEventListener(ev, onActivity, { capture: true })
    idle.dispose()
  })
  return idle
}
