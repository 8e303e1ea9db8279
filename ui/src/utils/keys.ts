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
