import { reactive } from 'vue'

/** The desk's global search dialog (Ctrl+K), opened from the layout or a page button. */
export const globalSearchState = reactive({ open: false })

export function openGlobalSearch() {
  globalSearchState.open = true
}
