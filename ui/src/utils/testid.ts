import type { Directive } from 'vue'

/**
 * Puts data-testid on the first native <input> inside the element — for components that do
 * not pass attributes down to their input (el-date-picker). Use on a wrapper element.
 */
export const vInputTestid: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    el.querySelector('input')?.setAttribute('data-testid', binding.value)
  },
  updated(el, binding) {
    const input = el.querySelector('input')
    if (input && input.getAttribute('data-testid') !== binding.value) input.setAttribute('data-testid', binding.value)
  },
}
