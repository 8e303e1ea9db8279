import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { makeI18n } from '../src/i18n'
import type { FoundGroup } from '../src/api/bindings'

const searchMock = vi.fn()
vi.mock('../src/api/commands', () => ({
  findAnything: (text: string) => searchMock(text),
}))
const pushMock = vi.fn()
vi.mock('vue-router', () => ({ useRouter: () => ({ push: pushMock }) }))

import GlobalSearch from '../src/components/GlobalSearch.vue'

const found = (id: number, title: string, detail = '138****0000 · 第一网格 幸福里 3号楼') => ({ id, title, detail })
const groups: FoundGroup[] = [
  { kind: 'resident', items: [found(3, '王建国'), found(4, '王静')], total: 7 },
  { kind: 'case', items: [found(12, '王家楼道灯不亮', '2026-11-0042 · 12345 工单 J2611250001')], total: 1 },
]

afterEach(() => {
  searchMock.mockReset()
  pushMock.mockReset()
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('GlobalSearch', () => {
  it('searches every kind as you type; the arrows walk across groups and Enter opens the record', async () => {
    vi.useFakeTimers()
    searchMock.mockResolvedValue(groups)
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

    expect(searchMock).toHaveBeenCalledWith('wj')
    const items = document.querySelectorAll('[data-testid="global-search-item"]')
    expect(items).toHaveLength(3)
    expect(items[0].textContent).toContain('王建国')
    expect(items[0].textContent).toContain('138****0000')
    const residents = document.querySelector('[data-testid="global-search-group-resident"]')!
    expect(residents.textContent).toContain('居民')
    expect(residents.textContent).toContain('共 7 条，显示前 2 条')
    expect(document.querySelector('[data-testid="global-search-group-case"]')!.textContent).toContain('接诉即办')

    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
    await flushPromises()
    expect(pushMock).toHaveBeenCalledWith({ name: 'cases-detail', params: { id: '12' } })
    expect(wrapper.props('modelValue')).toBe(false)
    wrapper.unmount()
  })
})
