//! Station inventory (物资台账): items, ledger, loans, reservations, stocktakes, emergency supplies.
//! Every command is a staff command (desk window, logged in).

use crate::dialogs;
use crate::state::AppState;
use station_core::app::ExportOutcome;
use station_core::inventory::{
    AdjustInput, AssetLabel, AssetRepairInput, Category, CategoryInput, DisposeInput, EmergencyView, InventoryHome,
    IssueInput, ItemDetail, ItemInput, ItemPage, ItemPhotoInput, ItemQuery, ItemUpdate, LedgerExportInput, LendInput,
    LoanQuery, LoanRow, MovementPage, MovementQuery, ReceiveInput, RenewInput, Reservation, ReservationInput,
    ReturnInput, ReverseInput, Stocktake, StocktakeFinishInput, StocktakeStartInput, StocktakeSummary,
};
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn inventory_categories(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<Category>> {
    state.as_staff(window.label(), |st, me| st.inventory_categories(me)).await
}

#[tauri::command]
pub async fn inventory_category_save(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: CategoryInput,
) -> Result<Vec<Category>> {
    state.as_staff(window.label(), move |st, me| st.inventory_category_save(me, &input)).await
}

#[tauri::command]
pub async fn inventory_items(window: WebviewWindow, state: State<'_, AppState>, input: ItemQuery) -> Result<ItemPage> {
    state.as_staff(window.label(), move |st, me| st.inventory_items(me, &input)).await
}

#[tauri::command]
pub async fn inventory_item_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_get(me, id)).await
}

#[tauri::command]
pub async fn inventory_item_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ItemInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_create(me, &input)).await
}

#[tauri::command]
pub async fn inventory_item_update(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ItemUpdate,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_update(me, &input)).await
}

#[tauri::command]
pub async fn inventory_item_archive(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_set_archived(me, id, true)).await
}

#[tauri::command]
pub async fn inventory_item_restore(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_set_archived(me, id, false)).await
}

#[tauri::command]
pub async fn inventory_item_set_photo(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ItemPhotoInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_set_photo(me, &input)).await
}

#[tauri::command]
pub async fn inventory_item_photo(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<String>> {
    state.as_staff(window.label(), move |st, me| st.inventory_item_photo(me, id)).await
}

#[tauri::command]
pub async fn inventory_asset_label(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<AssetLabel> {
    state.as_staff(window.label(), move |st, me| st.inventory_asset_label(me, id)).await
}

#[tauri::command]
pub async fn inventory_receive(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReceiveInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_receive(me, &input)).await
}

#[tauri::command]
pub async fn inventory_issue(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: IssueInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_issue(me, &input)).await
}

#[tauri::command]
pub async fn inventory_adjust(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: AdjustInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_adjust(me, &input)).await
}

#[tauri::command]
pub async fn inventory_dispose(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: DisposeInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_dispose(me, &input)).await
}

#[tauri::command]
pub async fn inventory_reverse(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReverseInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_reverse(me, &input)).await
}

#[tauri::command]
pub async fn inventory_movements(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: MovementQuery,
) -> Result<MovementPage> {
    state.as_staff(window.label(), move |st, me| st.inventory_movements(me, &input)).await
}

#[tauri::command]
pub async fn inventory_lend(window: WebviewWindow, state: State<'_, AppState>, input: LendInput) -> Result<LoanRow> {
    state.as_staff(window.label(), move |st, me| st.inventory_lend(me, &input)).await
}

#[tauri::command]
pub async fn inventory_return(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReturnInput,
) -> Result<LoanRow> {
    state.as_staff(window.label(), move |st, me| st.inventory_return(me, &input)).await
}

#[tauri::command]
pub async fn inventory_asset_repaired(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: AssetRepairInput,
) -> Result<ItemDetail> {
    state.as_staff(window.label(), move |st, me| st.inventory_asset_repaired(me, &input)).await
}

#[tauri::command]
pub async fn inventory_renew(window: WebviewWindow, state: State<'_, AppState>, input: RenewInput) -> Result<LoanRow> {
    state.as_staff(window.label(), move |st, me| st.inventory_renew(me, &input)).await
}

#[tauri::command]
pub async fn inventory_loans(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: LoanQuery,
) -> Result<Vec<LoanRow>> {
    state.as_staff(window.label(), move |st, me| st.inventory_loans(me, &input)).await
}

#[tauri::command]
pub async fn inventory_reserve(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: ReservationInput,
) -> Result<Reservation> {
    state.as_staff(window.label(), move |st, me| st.inventory_reserve(me, &input)).await
}

#[tauri::command]
pub async fn inventory_reservation_cancel(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Reservation> {
    state.as_staff(window.label(), move |st, me| st.inventory_reservation_cancel(me, id)).await
}

#[tauri::command]
pub async fn inventory_reservations(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<Reservation>> {
    state.as_staff(window.label(), |st, me| st.inventory_reservations(me)).await
}

#[tauri::command]
pub async fn inventory_stocktake_start(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: StocktakeStartInput,
) -> Result<Stocktake> {
    state.as_staff(window.label(), move |st, me| st.inventory_stocktake_start(me, &input)).await
}

#[tauri::command]
pub async fn inventory_stocktake_finish(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: StocktakeFinishInput,
) -> Result<Stocktake> {
    state.as_staff(window.label(), move |st, me| st.inventory_stocktake_finish(me, &input)).await
}

#[tauri::command]
pub async fn inventory_stocktake_cancel(
    window: WebviewWindow,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Stocktake> {
    state.as_staff(window.label(), move |st, me| st.inventory_stocktake_cancel(me, id)).await
}

#[tauri::command]
pub async fn inventory_stocktake_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Stocktake> {
    state.as_staff(window.label(), move |st, me| st.inventory_stocktake_get(me, id)).await
}

#[tauri::command]
pub async fn inventory_stocktakes(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<StocktakeSummary>> {
    state.as_staff(window.label(), |st, me| st.inventory_stocktakes(me)).await
}

#[tauri::command]
pub async fn inventory_emergency(window: WebviewWindow, state: State<'_, AppState>) -> Result<EmergencyView> {
    state.as_staff(window.label(), |st, me| st.inventory_emergency(me)).await
}

#[tauri::command]
pub async fn inventory_home(window: WebviewWindow, state: State<'_, AppState>) -> Result<InventoryHome> {
    state.as_staff(window.label(), |st, me| st.inventory_home(me)).await
}

/// The ledger (a period, or all of it) to an .xlsx file chosen in the save dialog.
#[tauri::command]
pub async fn inventory_export_ledger(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: LedgerExportInput,
) -> Result<Option<ExportOutcome>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let Some(path) = dialogs::save_path(&window, "导出物资台账", "物资台账.xlsx", &[dialogs::XLSX]).await?
    else {
        return Ok(None);
    };
    let file = path.clone();
    let rows = state.as_staff(window.label(), move |st, me| st.inventory_export_ledger(me, &input, &file)).await?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: rows as u32 }))
}

/// Current stock (and batches with expiry) to an .xlsx file chosen in the save dialog.
#[tauri::command]
pub async fn inventory_export_stock(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<Option<ExportOutcome>> {
    state.as_staff(window.label(), |_, _| Ok(())).await?;
    let Some(path) = dialogs::save_path(&window, "导出当前库存", "当前库存.xlsx", &[dialogs::XLSX]).await?
    else {
        return Ok(None);
    };
    let file = path.clone();
    let rows = state.as_staff(window.label(), move |st, me| st.inventory_export_stock(me, &file)).await?;
    Ok(Some(ExportOutcome { path: path.display().to_string(), rows: rows as u32 }))
}
