import { call } from '../../api/invoke'
import type {
  AdjustInput,
  AssetLabel,
  Category,
  CategoryInput,
  DisposeInput,
  EmergencyView,
  ExportOutcome,
  InventoryHome,
  IssueInput,
  ItemDetail,
  ItemInput,
  ItemPage,
  ItemPhotoInput,
  ItemQuery,
  LedgerExportInput,
  LendInput,
  LoanQuery,
  LoanRow,
  MovementPage,
  MovementQuery,
  ReceiveInput,
  RenewInput,
  AssetRepairInput,
  Reservation,
  ReservationInput,
  ReturnInput,
  ReverseInput,
  Stocktake,
  StocktakeFinishInput,
  StocktakeStartInput,
  StocktakeSummary,
} from '../../api/bindings'

// One typed function per inventory command (docs/API.md, "Inventory").

export const inventoryCategories = () => call<Category[]>('inventory_categories')
export const inventoryCategorySave = (input: CategoryInput) => call<Category[]>('inventory_category_save', { input })

export const inventoryItems = (input: ItemQuery) => call<ItemPage>('inventory_items', { input })
export const inventoryItemGet = (id: number) => call<ItemDetail>('inventory_item_get', { id })
export const inventoryItemCreate = (input: ItemInput) => call<ItemDetail>('inventory_item_create', { input })
export const inventoryItemUpdate = (id: number, item: ItemInput) =>
  call<ItemDetail>('inventory_item_update', { input: { id, item } })
export const inventoryItemArchive = (id: number) => call<ItemDetail>('inventory_item_archive', { id })
export const inventoryItemRestore = (id: number) => call<ItemDetail>('inventory_item_restore', { id })
export const inventoryItemSetPhoto = (input: ItemPhotoInput) => call<ItemDetail>('inventory_item_set_photo', { input })
export const inventoryItemPhoto = (id: number) => call<string | null>('inventory_item_photo', { id })
export const inventoryAssetLabel = (id: number) => call<AssetLabel>('inventory_asset_label', { id })

export const inventoryReceive = (input: ReceiveInput) => call<ItemDetail>('inventory_receive', { input })
export const inventoryIssue = (input: IssueInput) => call<ItemDetail>('inventory_issue', { input })
export const inventoryAdjust = (input: AdjustInput) => call<ItemDetail>('inventory_adjust', { input })
export const inventoryDispose = (input: DisposeInput) => call<ItemDetail>('inventory_dispose', { input })
export const inventoryReverse = (input: ReverseInput) => call<ItemDetail>('inventory_reverse', { input })
export const inventoryMovements = (input: MovementQuery) => call<MovementPage>('inventory_movements', { input })

export const inventoryLend = (input: LendInput) => call<LoanRow>('inventory_lend', { input })
export const inventoryReturn = (input: ReturnInput) => call<LoanRow>('inventory_return', { input })
export const inventoryAssetRepaired = (input: AssetRepairInput) =>
  call<ItemDetail>('inventory_asset_repaired', { input })
export const inventoryRenew = (input: RenewInput) => call<LoanRow>('inventory_renew', { input })
export const inventoryLoans = (input: LoanQuery) => call<LoanRow[]>('inventory_loans', { input })

export const inventoryReserve = (input: ReservationInput) => call<Reservation>('inventory_reserve', { input })
export const inventoryReservationCancel = (id: number) => call<Reservation>('inventory_reservation_cancel', { id })
export const inventoryReservations = () => call<Reservation[]>('inventory_reservations')

export const inventoryStocktakeStart = (input: StocktakeStartInput) =>
  call<Stocktake>('inventory_stocktake_start', { input })
export const inventoryStocktakeFinish = (input: StocktakeFinishInput) =>
  call<Stocktake>('inventory_stocktake_finish', { input })
export const inventoryStocktakeCancel = (id: number) => call<Stocktake>('inventory_stocktake_cancel', { id })
export const inventoryStocktakeGet = (id: number) => call<Stocktake>('inventory_stocktake_get', { id })
export const inventoryStocktakes = () => call<StocktakeSummary[]>('inventory_stocktakes')

export const inventoryEmergency = () => call<EmergencyView>('inventory_emergency')
export const inventoryHome = () => call<InventoryHome>('inventory_home')

export const inventoryExportLedger = (input: LedgerExportInput) =>
  call<ExportOutcome | null>('inventory_export_ledger', { input })
export const inventoryExportStock = () => call<ExportOutcome | null>('inventory_export_stock')
