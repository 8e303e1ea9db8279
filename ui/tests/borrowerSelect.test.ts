import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { makeI18n } from '../src/i18n'

const residentsMock = vi.fn()
const volunteersMock = vi.fn()
vi.mock('../src/api/commands', () => ({ residentsSearch: (q: unknown) => residentsMock(q) }))
vi.mock('../src/areas/volunteers/api', () => ({ volunteersSearch: (q: unknown) => volunteersMock(q) }))

import BorrowerSelect from '../src/areas/inventory/BorrowerSelect.vue'

const page = <T>(items: T[]) => ({ items, total: items.length })

afterEach(() => {
  residentsMock.mockReset()
  volunteersMock.mockReset()
  document.body.innerHTML = ''
})

function mountSelect() {
  const wrapper = mount(BorrowerSelect, {
    props: {
      modelValue: null,
      'onUpdate:modelValue': (v: number | null) => wrapper.setProps({ modelValue: v }),
      kind: 'resident' as const,
      'onUpdate:kind': (k: 'resident' | 'volunteer') => wrapper.setProps({ kind: k }),
    },
    global: { plugins: [ElementPlus, makeI18n()] },
    attachTo: document.body,
  })
  return wrapper
}

describe('BorrowerSelect', () => {
  it('lists residents and volunteers under their own headings; picking a volunteer sets the kind too', async () => {
    residentsMock.mockResolvedValue(page([{ id: 3, name: '张桂兰', phoneMasked: '138****1234', address: '幸福里 3号楼' }]))
    volunteersMock.mockResolvedValue(
      page([{ id: 3, name: '郭春梅', phoneMasked: '139****5678', unit: null, kind: '社区志愿者' }]),
    )
    const wrapper = mountSelect()
    await wrapper.find('.el-select__wrapper').trigger('click')
    await flushPromises()
    expect(residentsMock).toHaveBeenCalledWith(expect.objectContaining({ text: '', includeArchived: false }))
    expect(volunteersMock).toHaveBeenCalledWith(expect.objectContaining({ text: '', status: null }))
    const groups = Array.from(document.querySelectorAll('.el-select-group__title')).map((g) => g.textContent?.trim())
    expect(groups).toEqual(['居民', '志愿者'])
    // the same id in both lists stays two different people
    const volunteer = document.querySelector<HTMLElement>('[data-testid="inventory-borrower-option-volunteer"]')!
    expect(volunteer.textContent).toContain('郭春梅')
    volunteer.click()
    await flushPromises()
    expect(wrapper.props('modelValue')).toBe(3)
    expect(wrapper.props('kind')).toBe('volunteer')
    wrapper.unmount()
  })

  it('still offers volunteers when the residents list fails', async () => {
    residentsMock.mockRejectedValue({ code: 'internal', message: 'x' })
    volunteersMock.mockResolvedValue(page([{ id: 9, name: '郭春梅', phoneMasked: '139****5678', unit: '红星物业', kind: '' }]))
    const wrapper = mountSelect()
    await wrapper.find('.el-select__wrapper').trigger('click')
    await flushPromises()
    const options = document.querySelectorAll('[data-testid^="inventory-borrower-option-"]')
    expect(options).toHaveLength(1)
    expect(options[0].textContent).toContain('红星物业')
    wrapper.unmount()
  })
})
