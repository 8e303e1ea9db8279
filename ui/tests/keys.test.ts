import { describe, expect, it, vi } from 'vitest'
import { globalSearchShortcut, isGlobalSearchShortcut } from '../src/utils/keys'

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { cancelable: true, bubbles: true, ...init })

describe('global search shortcut', () => {
  it('is Ctrl+K (and ⌘K), whatever the case or layout', () => {
    expect(isGlobalSearchShortcut(key({ key: 'k', code: 'KeyK', ctrlKey: true }))).toBe(true)
    expect(isGlobalSearchShortcut(key({ key: 'K', code: 'KeyK', ctrlKey: true }))).toBe(true)
    expect(isGlobalSearchShortcut(key({ key: 'k', code: 'KeyK', metaKey: true }))).toBe(true)
    expect(isGlobalSearchShortcut(key({ key: 'л', code: 'KeyK', ctrlKey: true }))).toBe(true)
  })

  it('is not K alone, other Ctrl keys, or with Shift/Alt', () => {
    expect(isGlobalSearchShortcut(key({ key: 'k', code: 'KeyK' }))).toBe(false)
    expect(isGlobalSearchShortcut(key({ key: 'j', code: 'KeyJ', ctrlKey: true }))).toBe(false)
    expect(isGlobalSearchShortcut(key({ key: 'K', code: 'KeyK', ctrlKey: true, shiftKey: true }))).toBe(false)
    expect(isGlobalSearchShortcut(key({ key: 'k', code: 'KeyK', ctrlKey: true, altKey: true }))).toBe(false)
  })

  it('is ignored while an IME is composing', () => {
    expect(isGlobalSearchShortcut(key({ key: 'k', code: 'KeyK', ctrlKey: true, isComposing: true }))).toBe(false)
  })

  it('the listener opens the search and keeps the key from the page', () => {
    const open = vi.fn()
    const onKey = globalSearchShortcut(open)
    window.addEventListener('keydown', onKey)
    try {
      const other = key({ key: 'a', ctrlKey: true })
      window.dispatchEvent(other)
      expect(open).not.toHaveBeenCalled()
      expect(other.defaultPrevented).toBe(false)

      const ctrlK = key({ key: 'k', code: 'KeyK', ctrlKey: true })
      window.dispatchEvent(ctrlK)
      expect(open).toHaveBeenCalledTimes(1)
      expect(ctrlK.defaultPrevented).toBe(true)
    } finally {
      window.removeEventListener('keydown', onKey)
    }
  })
})
