import { describe, expect, it } from 'vitest'
import type { Resident } from '../src/api/bindings'
import { contactOf, fillContact, type ContactFields } from '../src/components/residents/residentContact'

function resident(over: Partial<Resident>): Resident {
  return {
    id: 1, name: '张秀英', gender: 'female', birthDate: null, age: 78, phone: '13812341234', phoneMasked: '138****1234',
    idNumber: null, gridId: 1, compoundId: 2, buildingId: 3, unit: '2', room: '501', address: '第一网格 阳光花园 3号楼 2单元 501室',
    tags: [], note: '', consentDate: null, consentBy: null, archived: false, createdAt: '', updatedAt: '', ...over,
  }
}
const empty = (): ContactFields => ({ contactName: '', contactPhone: '', gridId: null, compoundId: null, buildingId: null, placeText: '' })

describe('filling a form from a chosen resident', () => {
  it('takes name, whole phone, places and unit/room', () => {
    const form = empty()
    fillContact(form, contactOf(resident({})), null)
    expect(form).toEqual({ contactName: '张秀英', contactPhone: '13812341234', gridId: 1, compoundId: 2, buildingId: 3, placeText: '2单元 501室' })
  })

  it('uses the whole address when the resident has no building, and keeps suffixes single', () => {
    expect(contactOf(resident({ buildingId: null, address: '白水村 东头' })).placeText).toBe('白水村 东头')
    expect(contactOf(resident({ unit: '2单元', room: '501室' })).placeText).toBe('2单元 501室')
  })

  it('keeps what the worker typed and replaces what the previous choice filled', () => {
    const form = empty()
    form.contactPhone = '010-62345678' // a relative calling on the resident's behalf
    const first = fillContact(form, contactOf(resident({})), null)
    expect(form.contactPhone).toBe('010-62345678')
    expect(form.contactName).toBe('张秀英')
    fillContact(form, contactOf(resident({ id: 2, name: '李建国', phone: '13900001111', buildingId: 9, room: '102', unit: '' })), first)
    expect(form.contactName).toBe('李建国')
    expect(form.contactPhone).toBe('010-62345678')
    expect([form.buildingId, form.placeText]).toEqual([9, '102室'])
  })
})
