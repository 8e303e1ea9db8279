import { onMounted, onUnmounted } from 'vue'

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const

/**
 * Calls `onIdle` once when there has been no mouse/keyboard activity for `minutes()` minutes.
 * The Rust core enforces the same limit (SESSION_EXPIRED); this makes it visible. Quiet time
 * is measured on the monotonic clock: a change of the system clock neither logs out nor extends.
 */
export function useDeskIdle(minutes: () => number, onIdle: () => void) {
  let last = performance.now()
  let timer: ReturnType<typeof setInterval> | null = null
  let fired = false
  const onActivity = () => {
    last = performance.now()
  }

  function check(): void {
    const m = minutes()
    if (fired || !(m > 0)) return
    if (performance.now() - last >= m * 60_000) {
      fired = true
      onIdle()
    }
  }

  onMounted(() => {
    last = performance.now()
    fired = false
    for (const ev of EVENTS) window.addEventListener(ev, onActivity, { capture: true, passive: true })
    timer = setInterval(check, 5_000)
  })
  onUnmounted(() => {
    for (const ev of EVENTS) window.removeEventListener(ev, onActivity, { capture: true })
    if (timer !== null) clearInterval(timer)
  })
  return { check, touch: onActivity }
}
