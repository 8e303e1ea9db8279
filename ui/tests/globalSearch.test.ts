import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { makeI18n } from '../src/i18n'
import type { ResidentQuery, ResidentRow } from '../src/api/bindings'

const searchMock = vi.fn()
vi.mock('../src/api/commands', () => ({
  residentsSearch: (input: ResidentQuery) => searchMock(input),
}))
const pushMock = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push: pushMock }) }))

import GlobalSearch from '../src/components/GlobalSearch.vue'

const row = (id: number, name: string): ResidentRow => ({
  id,
  name,
  gender: null,
  age: null,
  phoneMasked: '138****0000',
  address: '第一网格 / 幸福里 / 3号楼',
  tags: [],
  archived: false,
})

afterEach(() => {
  searchMock.mockReset()
  pushMock.mockReset()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('GlobalSearch', () => {
  it('searches as you type and Enter opens the resident', async () => {
    vi.useFakeTimers()
    searchMock.mockResolvedValue({ items: [row(3, '王建国'), row(4, '王静')], total: 2 })
    const wrapper = mount(GlobalSearch, {
      props: { modelValue: true, 'onUpdate:modelValue': (v: boolean) => wrapper.setProps({ modelValue: v }) },
      global: { plugins: [ElementPlus, makeI18n()] },
      attachTo: document.body,
    })
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('[data-testid="global-search"]')!
    expect(input).not.toBeNull()
    input.value = 'wj'
    input.dispatchEvent(new Event('input'))
    vi.advanceTimersByTime(300)
    await flushPromises()

    expect(searchMock).toHaveBeenCalledWith(expect.objectContaining({ text: 'wj', page: 1, pageSize: 8 }))
    const items = document.querySelectorAll('[data-testid="global-search-item"]')
    expect(items).toHaveLength(2)
    expect(items[0].textContent).toContain('王建国')
    expect(items[0].textContent).toContain('138****0000')

    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
    await flushPromises()
    expect(pushMock).toHaveBeenCalledWith({ name: 'residents', query: { open: '4' } })
    expect(wrapper.props('modelValue')).toBe(false)
    wrapper.unmount()
  })
})
