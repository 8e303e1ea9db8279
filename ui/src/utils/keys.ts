/**
 * A keydown.enter handler for forms: Enter submits, except in a textarea, while an IME is
 * composing (Chinese input), or when a control (select, date picker) already used the key.
 */
export function enterSubmits(submit: () => unknown) {
  return (e: KeyboardEvent) => {
    const target = e.target as HTMLElement | null
    if (e.isComposing || e.keyCode === 229 || e.defaultPrevented || target?.tagName === 'TEXTAREA') return
    e.preventDefault()
    void submit()
  }
}

/**
 * Ctrl+K (⌘K on a Mac keyboard) opens the desk's global search. Not while an IME is composing,
 * not with Shift/Alt (those combinations belong to other tools).
 */
export function isGlobalSearchShortcut(e: KeyboardEvent): boolean {
  if (e.isComposing || e.keyCode === 229) return false
  if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return false
  return e.key?.toLowerCase() === 'k' || e.code === 'KeyK'
}

/** A window keydown listener that runs `open` on the global-search shortcut and keeps the key from the page. */
export function globalSearchShortcut(open: () => void) {
  return (e: KeyboardEvent) => {
    if (!isGlobalSearchShortcut(e)) return
    e.preventDefault()
    e.stopPropagation()
    open()
  }
}
