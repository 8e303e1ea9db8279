import { call } from '../../api/invoke'
import type {
  ComplianceInput,
  ComplianceReport,
  ComplianceRow,
  DuesCloseInput,
  DuesClosingRecord,
  DuesPayInput,
  DuesReductionInput,
  DuesReopenInput,
  DuesSheetInput,
  DuesSheetResult,
  DuesSheetView,
  DuesVoidInput,
  MeetingDetail,
  MeetingInput,
  MeetingNoteInput,
  MeetingQuery,
  MeetingRow,
  MeetingStepInput,
  MemberCreateInput,
  MemberDetail,
  MemberEventInput,
  MemberPage,
  MemberQuery,
  MemberUpdateInput,
  OrgDetail,
  OrgEventInput,
  OrgInput,
  OrgTree,
  PartyAccessInput,
  PartyAccessRow,
  Quota,
} from '../../api/bindings'

// One typed function per party command (docs/API.md, "党务"). Every one is desk-only and
// needs an admin or 「党务」 access in the core.

export const partyCanAccess = () => call<boolean>('party_can_access')
export const partyAccessList = () => call<PartyAccessRow[]>('party_access_list')
export const partyAccessSet = (input: PartyAccessInput) => call<PartyAccessRow[]>('party_access_set', { input })

export const partyOrgTree = () => call<OrgTree>('party_org_tree')
export const partyOrgGet = (id: number) => call<OrgDetail>('party_org_get', { id })
export const partyOrgCreate = (input: OrgInput) => call<OrgDetail>('party_org_create', { input })
export const partyOrgEvent = (input: OrgEventInput) => call<OrgDetail>('party_org_event', { input })

export const partyMembers = (input: MemberQuery) => call<MemberPage>('party_members', { input })
export const partyMemberGet = (id: number) => call<MemberDetail>('party_member_get', { id })
export const partyMemberCreate = (input: MemberCreateInput) => call<MemberDetail>('party_member_create', { input })
export const partyMemberUpdate = (input: MemberUpdateInput) => call<MemberDetail>('party_member_update', { input })
export const partyMemberEvent = (input: MemberEventInput) => call<MemberDetail>('party_member_event', { input })

export const partyMeetings = (input: MeetingQuery) => call<MeetingRow[]>('party_meetings', { input })
export const partyMeetingGet = (id: number) => call<MeetingDetail>('party_meeting_get', { id })
export const partyMeetingSave = (input: MeetingInput) => call<MeetingDetail>('party_meeting_save', { input })
export const partyMeetingStep = (input: MeetingStepInput) => call<MeetingDetail>('party_meeting_step', { input })
export const partyMeetingNote = (input: MeetingNoteInput) => call<MeetingDetail>('party_meeting_note', { input })

export const partyQuotas = () => call<Quota[]>('party_quotas')
export const partyQuotasSet = (input: Quota[]) => call<Quota[]>('party_quotas_set', { input })
export const partyCompliance = (input: ComplianceInput) => call<ComplianceReport>('party_compliance', { input })
export const partyDueNow = () => call<ComplianceRow[]>('party_due_now')

export const partyDuesSheet = (input: DuesSheetInput) => call<DuesSheetResult>('party_dues_sheet', { input })
export const partyDuesPay = (input: DuesPayInput) => call<DuesSheetView>('party_dues_pay', { input })
export const partyDuesVoid = (input: DuesVoidInput) => call<null>('party_dues_void', { input })
export const partyDuesReduce = (input: DuesReductionInput) => call<MemberDetail>('party_dues_reduce', { input })
export const partyDuesClose = (input: DuesCloseInput) => call<DuesSheetView>('party_dues_close', { input })
export const partyDuesReopen = (input: DuesReopenInput) => call<null>('party_dues_reopen', { input })
export const partyDuesClosings = () => call<DuesClosingRecord[]>('party_dues_closings')
