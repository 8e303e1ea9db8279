import type { Gender, Resident, ResidentInput } from '../../api/bindings'

export interface ResidentFormModel {
  name: string
  gender: Gender | null
  birthDate: string | null
  age: string
  phone: string
  idNumber: string
  gridId: number | null
  compoundId: number | null
  buildingId: number | null
  unit: string
  room: string
  tagIds: number[]
  note: string
  consent: boolean
  /** the consent date already on record (kept when editing) */
  consentDate: string | null
  /** the resident's separate consent to sensitive tags, given now */
  sensitiveConsent: boolean
}

export const RESIDENT_FIELDS = [
  'name',
  'gender',
  'birthDate',
  'age',
  'phone',
  'idNumber',
  'gridId',
  'compoundId',
  'buildingId',
  'unit',
  'room',
  'tagIds',
  'note',
  'consentDate',
  'sensitiveConsent',
] as const

export function emptyResidentForm(): ResidentFormModel {
  return {
    name: '',
    gender: null,
    birthDate: null,
    age: '',
    phone: '',
    idNumber: '',
    gridId: null,
    compoundId: null,
    buildingId: null,
    unit: '',
    room: '',
    tagIds: [],
    note: '',
    consent: false,
    consentDate: null,
    sensitiveConsent: false,
  }
}

export function formFromResident(r: Resident): ResidentFormModel {
  return {
    name: r.name,
    gender: r.gender,
    birthDate: r.birthDate,
    age: r.birthDate || r.age === null ? '' : String(r.age),
    phone: r.phone,
    idNumber: r.idNumber ?? '',
    gridId: r.gridId,
    compoundId: r.compoundId,
    buildingId: r.buildingId,
    unit: r.unit,
    room: r.room,
    tagIds: r.tags.map((t) => t.id),
    note: r.note,
    consent: r.consentDate !== null,
    consentDate: r.consentDate,
    sensitiveConsent: false,
  }
}

/** The command input for a form; `today` is YYYY-MM-DD for a newly given consent. */
export function toResidentInput(f: ResidentFormModel, today: string, confirmDuplicate = false): ResidentInput {
  const ageText = f.age.trim()
  const age = !f.birthDate && ageText !== '' && Number.isFinite(Number(ageText)) ? Math.trunc(Number(ageText)) : null
  const idNumber = f.idNumber.trim()
  return {
    name: f.name.trim(),
    gender: f.gender,
    birthDate: f.birthDate || null,
    age,
    phone: f.phone.trim(),
    idNumber: idNumber === '' ? null : idNumber.toUpperCase(),
    gridId: f.gridId,
    compoundId: f.compoundId,
    buildingId: f.buildingId,
    unit: f.unit.trim(),
    room: f.room.trim(),
    tagIds: [...f.tagIds],
    note: f.note.trim(),
    consentDate: f.consent ? (f.consentDate ?? today) : null,
    confirmDuplicate,
    sensitiveConsent: f.sensitiveConsent,
  }
}
