//! Micro-wishes (微心愿): the desk's board and steps (staff), and the kiosk's post, wall,
//! rating and volunteer claiming (no login; the resident's code or the volunteer's phone + PIN).

use crate::state::AppState;
use station_core::wishes::*;
use station_core::Result;
use tauri::{State, WebviewWindow};

#[tauri::command]
pub async fn wishes_board(window: WebviewWindow, state: State<'_, AppState>, input: WishQuery) -> Result<WishBoard> {
    state
        .as_staff(window.label(), move |st, me| {
            st.wishes_complete_unrated()?;
            st.wishes_board(me, &input)
        })
        .await
}

#[tauri::command]
pub async fn wishes_overdue(window: WebviewWindow, state: State<'_, AppState>) -> Result<Vec<WishRow>> {
    state
        .as_staff(window.label(), |st, me| {
            st.wishes_complete_unrated()?;
            st.wishes_overdue(me)
        })
        .await
}

#[tauri::command]
pub async fn wishes_get(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_get(me, id)).await
}

#[tauri::command]
pub async fn wishes_post(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishPostInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_post(me, &input)).await
}

#[tauri::command]
pub async fn wishes_publish(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishNoteInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_publish(me, &input)).await
}

#[tauri::command]
pub async fn wishes_assign(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishHelperInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_assign(me, &input)).await
}

#[tauri::command]
pub async fn wishes_claim(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishHelperInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_claim(me, &input)).await
}

#[tauri::command]
pub async fn wishes_reassign(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishHelperInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_reassign(me, &input)).await
}

#[tauri::command]
pub async fn wishes_merge(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishMergeInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_merge(me, &input)).await
}

#[tauri::command]
pub async fn wishes_decline(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishNoteInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_decline(me, &input)).await
}

#[tauri::command]
pub async fn wishes_cancel(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishNoteInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_cancel(me, &input)).await
}

#[tauri::command]
pub async fn wishes_remind(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishNoteInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_remind(me, &input)).await
}

#[tauri::command]
pub async fn wishes_note(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishNoteInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_note(me, &input)).await
}

#[tauri::command]
pub async fn wishes_fulfil(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishFulfilInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_fulfil(me, &input)).await
}

#[tauri::command]
pub async fn wishes_rate(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishRateInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_rate(me, &input)).await
}

#[tauri::command]
pub async fn wishes_close(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishNoteInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_close(me, &input)).await
}

#[tauri::command]
pub async fn wishes_set_credit(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: WishCreditInput,
) -> Result<WishDetail> {
    state.as_staff(window.label(), move |st, me| st.wish_set_credit(me, &input)).await
}

#[tauri::command]
pub async fn wishes_photo(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<Option<String>> {
    state.as_staff(window.label(), move |st, me| st.wish_photo(me, id)).await
}

#[tauri::command]
pub async fn wishes_receipt(window: WebviewWindow, state: State<'_, AppState>, id: i64) -> Result<WishReceipt> {
    state.as_staff(window.label(), move |st, me| st.wish_get_receipt(me, id)).await
}

#[tauri::command]
pub async fn wishes_month_list(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: String,
) -> Result<Vec<PublicWish>> {
    state.as_staff(window.label(), move |st, me| st.wishes_month_list(me, &input)).await
}

#[tauri::command]
pub async fn wishes_helper_options(
    window: WebviewWindow,
    state: State<'_, AppState>,
    input: String,
) -> Result<Vec<HelperOption>> {
    state.as_staff(window.label(), move |st, me| st.wish_helper_options(me, &input)).await
}

#[tauri::command]
pub async fn wishes_kiosk_post(state: State<'_, AppState>, input: KioskWishInput) -> Result<WishReceipt> {
    state.as_kiosk(move |st, _| st.wish_kiosk_post(&input)).await
}

#[tauri::command]
pub async fn wishes_kiosk_wall(state: State<'_, AppState>) -> Result<KioskWall> {
    state.as_kiosk(|st, _| st.wishes_kiosk_wall()).await
}

#[tauri::command]
pub async fn wishes_kiosk_photo(state: State<'_, AppState>, id: i64) -> Result<Option<String>> {
    state.as_kiosk(move |st, _| st.wish_kiosk_photo(id)).await
}

#[tauri::command]
pub async fn wishes_kiosk_lookup(state: State<'_, AppState>, input: KioskCodeInput) -> Result<KioskWishView> {
    state.as_kiosk(move |st, _| st.wish_kiosk_lookup(&input)).await
}

#[tauri::command]
pub async fn wishes_kiosk_rate(state: State<'_, AppState>, input: KioskRateInput) -> Result<KioskWishView> {
    state.as_kiosk(move |st, _| st.wish_kiosk_rate(&input)).await
}

#[tauri::command]
pub async fn wishes_kiosk_helper(state: State<'_, AppState>, input: KioskVolunteerInput) -> Result<KioskHelperView> {
    state.as_kiosk(move |st, _| st.wishes_kiosk_helper(&input)).await
}

#[tauri::command]
pub async fn wishes_kiosk_claim(state: State<'_, AppState>, input: KioskClaimInput) -> Result<KioskHelperView> {
    state.as_kiosk(move |st, _| st.wish_kiosk_claim(&input)).await
}

#[tauri::command]
pub async fn wishes_kiosk_fulfil(state: State<'_, AppState>, input: KioskFulfilInput) -> Result<KioskHelperView> {
    state.as_kiosk(move |st, _| st.wish_kiosk_fulfil(&input)).await
}
