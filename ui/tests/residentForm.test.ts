import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { AppError } from '../src/api/invoke'
import { makeI18n } from '../src/i18n'
import type { Places, Resident, ResidentInput, Tag } from '../src/api/bindings'

const createMock = vi.fn()
const updateMock = vi.fn()
vi.mock('../src/api/commands', () => ({
  residentsCreate: (input: ResidentInput) => createMock(input),
  residentsUpdate: (id: number, input: ResidentInput) => updateMock(id, input),
}))

import ResidentForm from '../src/components/residents/ResidentForm.vue'
import { emptyResidentForm, toResidentInput } from '../src/components/residents/residentForm'

const places: Places = {
  grids: [{ id: 1, name: '第一网格' }],
  compounds: [{ id: 10, gridId: 1, name: '幸福里' }],
  buildings: [{ id: 100, compoundId: 10, name: '3号楼' }],
}
const tags: Tag[] = [{ id: 5, name: '独居老人', sensitive: false }]

function mountForm(resident: Resident | null = null) {
  return mount(ResidentForm, {
    props: { modelValue: true, resident, places, tags },
    global: { plugins: [ElementPlus, makeI18n()] },
    attachTo: document.body,
  })
}

afterEach(() => {
  createMock.mockReset()
  updateMock.mockReset()
  vi.restoreAllMocks()
  document.body.innerHTML = ''
})

const savedResident: Resident = {
  id: 1,
  name: '张三',
  gender: 'male',
  birthDate: null,
  age: 70,
  phone: '13800138000',
  phoneMasked: '138****8000',
  idNumber: null,
  gridId: null,
  compoundId: null,
  buildingId: null,
  unit: '',
  room: '',
  address: '',
  tags: [],
  note: '',
  consentDate: null,
  consentBy: null,
  archived: false,
  createdAt: '2026-11-25T06:30:00Z',
  updatedAt: '2026-11-25T06:30:00Z',
}

describe('ResidentForm', () => {
  it('puts the test ids on the native controls', async () => {
    const w = mountForm()
    await flushPromises()
    const tagOf = (id: string) => document.querySelector(`[data-testid="${id}"]`)?.tagName
    for (const id of ['resident-name', 'resident-age', 'resident-phone', 'resident-id-number', 'resident-unit', 'resident-room']) {
      expect(tagOf(id), id).toBe('INPUT')
    }
    expect(tagOf('resident-birth-date')).toBe('INPUT')
    expect(tagOf('resident-note')).toBe('TEXTAREA')
    expect(tagOf('resident-submit')).toBe('BUTTON')
    expect(tagOf('resident-cancel')).toBe('BUTTON')
    expect(document.querySelector('[data-testid=resident-gender-male]')).not.toBeNull()
    expect(document.querySelector('[data-testid=resident-consent]')).not.toBeNull()
    for (const f of ['name', 'phone', 'idNumber', 'birthDate', 'age', 'unit', 'room', 'note']) {
      expect(document.querySelector(`[data-testid="field-${f}"]`)?.classList.contains('el-form-item'), f).toBe(true)
    }
    w.unmount()
  })

  it('shows a server field error under that field', async () => {
    createMock.mockRejectedValue(new AppError('VALIDATION', '手机号码应为11位数字', 'phone'))
    const w = mountForm()
    await flushPromises()
    await w.find('[data-testid=resident-name]').setValue('张三')
    await w.find('[data-testid=resident-phone]').setValue('12345')
    await w.find('[data-testid=resident-submit]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    await flushPromises()
    expect(createMock).toHaveBeenCalledTimes(1)
    const sent = createMock.mock.calls[0][0] as ResidentInput
    expect(sent.name).toBe('张三')
    expect(sent.phone).toBe('12345')
    expect(sent.confirmDuplicate).toBe(false)
    // the error text appears after Element Plus' debounced validate state (~100 ms)
    await new Promise((r) => setTimeout(r, 250))
    const err = w.find('[data-testid=field-phone] .el-form-item__error')
    expect(err.exists()).toBe(true)
    expect(err.text()).toBe('手机号码应为11位数字')
    expect(w.find('[data-testid=field-name] .el-form-item__error').exists()).toBe(false)
    w.unmount()
  })

  it('asks on DUPLICATE_WARNING and resubmits with confirmDuplicate', async () => {
    createMock
      .mockRejectedValueOnce(new AppError('DUPLICATE_WARNING', '可能重复：张三 138****8000，仍然保存？', null))
      .mockResolvedValueOnce(savedResident)
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    const w = mountForm()
    await flushPromises()
    await w.find('[data-testid=resident-name]').setValue('张三')
    await w.find('[data-testid=resident-phone]').setValue('13800138000')
    await w.find('[data-testid=resident-submit]').trigger('click')
    for (let i = 0; i < 5; i++) {
      await flushPromises()
      await new Promise((r) => setTimeout(r, 0))
    }
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0][0])).toContain('可能重复')
    expect(createMock).toHaveBeenCalledTimes(2)
    expect((createMock.mock.calls[1][0] as ResidentInput).confirmDuplicate).toBe(true)
    expect(w.emitted('saved')?.[0]).toEqual([savedResident])
    w.unmount()
  })

  it('does not call the server when required fields are empty', async () => {
    const w = mountForm()
    await flushPromises()
    await w.find('[data-testid=resident-submit]').trigger('click')
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
    expect(createMock).not.toHaveBeenCalled()
    w.unmount()
  })
})

describe('toResidentInput', () => {
  it('records consent as today and drops age when a birth date is given', () => {
    const f = { ...emptyResidentForm(), name: ' 李四 ', phone: '13900000000', birthDate: '1950-03-02', age: '70', consent: true }
    const input = toResidentInput(f, '2026-11-25')
    expect(input.name).toBe('李四')
    expect(input.age).toBeNull()
    expect(input.birthDate).toBe('1950-03-02')
    expect(input.consentDate).toBe('2026-11-25')
    expect(input.idNumber).toBeNull()
  })

  it('keeps an existing consent date, sends age when birth date unknown, clears consent when unchecked', () => {
    const f = { ...emptyResidentForm(), name: '王五', phone: '1', age: '82', consent: true, consentDate: '2025-01-02' }
    expect(toResidentInput(f, '2026-11-25').consentDate).toBe('2025-01-02')
    expect(toResidentInput(f, '2026-11-25').age).toBe(82)
    expect(toResidentInput({ ...f, consent: false }, '2026-11-25').consentDate).toBeNull()
  })
})
