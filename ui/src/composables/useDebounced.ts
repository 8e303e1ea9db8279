import { onUnmounted } from 'vue'

/** Debounces `fn` by `ms`; pending calls are dropped when the component unmounts. */
export function useDebounced<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let t: ReturnType<typeof setTimeout> | null = null
  const run = (...args: A) => {
    if (t !== null) clearTimeout(t)
    t = setTimeout(() => {
      t = null
      fn(...args)
    }, ms)
  }
  onUnmounted(() => {
    if (t !== null) clearTimeout(t)
  })
  return run
}
