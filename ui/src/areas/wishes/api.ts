import { call } from '../../api/invoke'
import type {
  HelperOption,
  KioskClaimInput,
  KioskFulfilInput,
  KioskHelperView,
  KioskRateInput,
  KioskVolunteerInput,
  KioskWishInput,
  KioskWall,
  KioskWishView,
  PublicWish,
  WishBoard,
  WishCreditInput,
  WishDetail,
  WishFulfilInput,
  WishHelperInput,
  WishMergeInput,
  WishNoteInput,
  WishPostInput,
  WishQuery,
  WishRateInput,
  WishReceipt,
  WishRow,
} from '../../api/bindings'

// One typed function per wishes command (docs/API.md, "Micro-wishes").

export const wishesBoard = (input: WishQuery) => call<WishBoard>('wishes_board', { input })
export const wishesOverdue = () => call<WishRow[]>('wishes_overdue')
export const wishesGet = (id: number) => call<WishDetail>('wishes_get', { id })
export const wishesPost = (input: WishPostInput) => call<WishDetail>('wishes_post', { input })
export const wishesPublish = (input: WishNoteInput) => call<WishDetail>('wishes_publish', { input })
export const wishesAssign = (input: WishHelperInput) => call<WishDetail>('wishes_assign', { input })
export const wishesClaim = (input: WishHelperInput) => call<WishDetail>('wishes_claim', { input })
export const wishesReassign = (input: WishHelperInput) => call<WishDetail>('wishes_reassign', { input })
export const wishesMerge = (input: WishMergeInput) => call<WishDetail>('wishes_merge', { input })
export const wishesDecline = (input: WishNoteInput) => call<WishDetail>('wishes_decline', { input })
export const wishesCancel = (input: WishNoteInput) => call<WishDetail>('wishes_cancel', { input })
export const wishesRemind = (input: WishNoteInput) => call<WishDetail>('wishes_remind', { input })
export const wishesNote = (input: WishNoteInput) => call<WishDetail>('wishes_note', { input })
export const wishesFulfil = (input: WishFulfilInput) => call<WishDetail>('wishes_fulfil', { input })
export const wishesRate = (input: WishRateInput) => call<WishDetail>('wishes_rate', { input })
export const wishesClose = (input: WishNoteInput) => call<WishDetail>('wishes_close', { input })
export const wishesSetCredit = (input: WishCreditInput) => call<WishDetail>('wishes_set_credit', { input })
export const wishesPhoto = (id: number) => call<string | null>('wishes_photo', { id })
export const wishesReceipt = (id: number) => call<WishReceipt>('wishes_receipt', { id })
export const wishesMonthList = (month: string) => call<PublicWish[]>('wishes_month_list', { input: month })
export const wishesHelperOptions = (text: string) => call<HelperOption[]>('wishes_helper_options', { input: text })

export const wishesKioskPost = (input: KioskWishInput) => call<WishReceipt>('wishes_kiosk_post', { input })
export const wishesKioskWall = () => call<KioskWall>('wishes_kiosk_wall')
export const wishesKioskPhoto = (id: number) => call<string | null>('wishes_kiosk_photo', { id })
export const wishesKioskLookup = (code: string) => call<KioskWishView>('wishes_kiosk_lookup', { input: { code } })
export const wishesKioskRate = (input: KioskRateInput) => call<KioskWishView>('wishes_kiosk_rate', { input })
export const wishesKioskHelper = (input: KioskVolunteerInput) =>
  call<KioskHelperView>('wishes_kiosk_helper', { input })
export const wishesKioskClaim = (input: KioskClaimInput) => call<KioskHelperView>('wishes_kiosk_claim', { input })
export const wishesKioskFulfil = (input: KioskFulfilInput) => call<KioskHelperView>('wishes_kiosk_fulfil', { input })
