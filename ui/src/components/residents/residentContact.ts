import type { Resident } from '../../api/bindings'

/** The contact fields a form takes from a chosen resident: all editable after filling. */
export interface ContactFields {
  contactName: string
  contactPhone: string
  gridId: number | null
  compoundId: number | null
  buildingId: number | null
  placeText: string
}

function withSuffix(word: string, suffix: string): string {
  const w = word.trim()
  return w === '' || w.endsWith(suffix) ? w : `${w}${suffix}`
}

/**
 * 2单元 501室: the part of a resident's address the place pickers do not hold (the same
 * words as the core's address line); the whole address when no building is known.
 */
function placeTextOf(r: Pick<Resident, 'buildingId' | 'unit' | 'room' | 'address'>): string {
  if (r.buildingId === null) return r.address
  return [withSuffix(r.unit, '单元'), withSuffix(r.room, '室')].filter(Boolean).join(' ')
}

export function contactOf(r: Resident): ContactFields {
  return {
    contactName: r.name,
    contactPhone: r.phone,
    gridId: r.gridId,
    compoundId: r.compoundId,
    buildingId: r.buildingId,
    placeText: placeTextOf(r),
  }
}

/**
 * Fills the form from a newly chosen resident. A field is taken when it is empty or still
 * holds what the previous choice filled in; what the worker typed (a relative's phone, a
 * different place) is kept. Returns what was filled, to pass as `previous` next time.
 */
export function fillContact(form: ContactFields, chosen: ContactFields, previous: ContactFields | null): ContactFields {
  const keys = Object.keys(chosen) as (keyof ContactFields)[]
  for (const key of keys) {
    const current = form[key]
    const untouched = current === '' || current === null || (previous !== null && current === previous[key])
    if (untouched) (form as unknown as Record<string, unknown>)[key] = chosen[key]
  }
  return chosen
}
