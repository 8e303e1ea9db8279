use super::*;
use crate::clock::Clock;
use crate::error::ErrorCode;
use crate::residents::ResidentInput;
use crate::testing::station_with_admin;
use crate::{StaffActor, Station};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

/// 2026-11-25 10:00 in Shanghai.
fn day(n: i64) -> Clock {
    Clock::Fixed(Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap() + chrono::Duration::days(n))
}

fn date(n: i64) -> String {
    (chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap() + chrono::Duration::days(n)).to_string()
}

struct Fixture {
    st: Station,
    clerk: StaffActor,
    resident: i64,
    other_resident: i64,
    masks: i64,
    water: i64,
    wheelchair: i64,
}

fn add_resident(st: &mut Station, clerk: &StaffActor, name: &str, phone: &str) -> i64 {
    let input = ResidentInput { name: name.into(), phone: phone.into(), ..Default::default() };
    st.resident_create(clerk, &input).unwrap().id
}

fn item(st: &mut Station, clerk: &StaffActor, name: &str, unit: &str, kind: ItemKind, min_stock: i64) -> i64 {
    let input = ItemInput {
        name: name.into(),
        category_id: None,
        unit: unit.into(),
        kind,
        place: "储物间".into(),
        min_stock,
        note: String::new(),
    };
    st.inventory_item_create(clerk, &input).unwrap().item.id
}

fn fixture() -> Fixture {
    let (mut st, _, clerk) = station_with_admin();
    st.set_clock(day(0));
    let resident = add_resident(&mut st, &clerk, "张桂兰", "13812341234");
    let other_resident = add_resident(&mut st, &clerk, "李建国", "13900001111");
    let masks = item(&mut st, &clerk, "医用口罩", "盒", ItemKind::Consumable, 5);
    let water = item(&mut st, &clerk, "瓶装水", "箱", ItemKind::Emergency, 10);
    let wheelchair = item(&mut st, &clerk, "轮椅", "台", ItemKind::Asset, 1);
    Fixture { st, clerk, resident, other_resident, masks, water, wheelchair }
}

fn receive_input(item_id: i64, quantity: i64, expiry: Option<String>) -> ReceiveInput {
    ReceiveInput {
        item_id,
        quantity,
        source: ReceiveSource::Purchase,
        expiry_date: expiry,
        batch_label: String::new(),
        asset_codes: Vec::new(),
        note: String::new(),
    }
}

fn issue_input(item_id: i64, quantity: i64) -> IssueInput {
    IssueInput {
        item_id,
        batch_id: None,
        quantity,
        recipient: "社区卫生站".into(),
        activity: "健康讲座".into(),
        note: String::new(),
    }
}

fn lend_input(f: &Fixture, item_id: i64, asset_id: Option<i64>, quantity: i64, due: String) -> LendInput {
    LendInput {
        item_id,
        asset_id,
        quantity,
        borrower_kind: BorrowerKind::Resident,
        borrower_id: f.resident,
        due_date: due,
        condition: "完好".into(),
        purpose: String::new(),
    }
}

fn count(st: &Station, table: &str) -> i64 {
    st.conn().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// Rows in every table an inventory write touches, and the audit log.
fn snapshot(st: &Station) -> Vec<i64> {
    ["inv_movements", "inv_loans", "inv_loan_events", "inv_batches", "inv_assets", "inv_reservations", "audit_log"]
        .iter()
        .map(|t| count(st, t))
        .collect()
}

fn on_hand(st: &Station, item_id: i64) -> i64 {
    st.conn().query_row("SELECT on_hand FROM inv_items WHERE id = ?1", [item_id], |r| r.get(0)).unwrap()
}

fn first_asset(f: &mut Fixture) -> i64 {
    f.st.inventory_receive(&f.clerk, &receive_input(f.wheelchair, 2, None)).unwrap().assets[0].id
}

#[test]
fn receipts_make_batches_and_issues_take_the_earliest_expiry_first() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 6, Some(date(200)))).unwrap();
    let d = f.st.inventory_receive(&f.clerk, &receive_input(f.water, 4, Some(date(20)))).unwrap();
    assert_eq!(d.item.on_hand, 10);
    assert_eq!(d.item.expiring_soon, 4, "the batch expiring in 20 days is flagged");
    let d = f.st.inventory_issue(&f.clerk, &issue_input(f.water, 5)).unwrap();
    assert_eq!(d.item.on_hand, 5);
    let stocks: Vec<(String, i64)> =
        d.batches.iter().map(|b| (b.expiry_date.clone().unwrap_or_default(), b.on_hand)).collect();
    assert_eq!(stocks, vec![(date(200), 5), (date(20), 0)], "the 20-day batch went first");
    let issued: Vec<i64> = d.movements.iter().filter(|m| m.kind == MovementKind::Issue).map(|m| m.quantity).collect();
    assert_eq!(issued.iter().sum::<i64>(), -5);
    assert!(d.movements.iter().all(|m| m.kind != MovementKind::Issue || m.party == "社区卫生站"));
}

#[test]
fn stock_never_goes_below_zero() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 3, None)).unwrap();
    let before = snapshot(&f.st);
    let err = f.st.inventory_issue(&f.clerk, &issue_input(f.masks, 4)).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("quantity"), "{err}");
    assert!(err.message.contains("库存不足"), "{err}");
    assert_eq!(snapshot(&f.st), before);
    assert_eq!(on_hand(&f.st, f.masks), 3);
}

#[test]
fn expired_batches_are_not_handed_out_but_can_be_disposed() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 3, Some(date(2)))).unwrap();
    f.st.set_clock(day(5));
    let err = f.st.inventory_issue(&f.clerk, &issue_input(f.water, 1)).unwrap_err();
    assert!(err.message.contains("过期"), "{err}");
    let dispose = DisposeInput {
        item_id: f.water,
        batch_id: None,
        asset_id: None,
        quantity: 3,
        reason: DisposeReason::Expired,
        note: String::new(),
    };
    let d = f.st.inventory_dispose(&f.clerk, &dispose).unwrap();
    assert_eq!(d.item.on_hand, 0);
    assert_eq!(d.movements[0].source, "过期");
}

#[test]
fn an_adjustment_outside_a_stocktake_needs_a_reason_and_moves_stock_either_way() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 3, Some(date(2)))).unwrap();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 4, Some(date(40)))).unwrap();
    let adjust =
        |quantity: i64, reason: &str| AdjustInput { item_id: f.water, batch_id: None, quantity, reason: reason.into() };
    let before = snapshot(&f.st);
    let err = f.st.inventory_adjust(&f.clerk, &adjust(2, "  ")).unwrap_err();
    assert_eq!((err.field.as_deref(), err.message.contains("调整原因")), (Some("reason"), true), "{err}");
    let err = f.st.inventory_adjust(&f.clerk, &adjust(0, "清点")).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("quantity"), "{err}");
    let err = f.st.inventory_adjust(&f.clerk, &adjust(-8, "短少")).unwrap_err();
    assert!(err.message.contains("库存不足") && err.message.contains("不能减少 8"), "{err}");
    let asset = AdjustInput { item_id: f.wheelchair, ..adjust(1, "找到") };
    let err = f.st.inventory_adjust(&f.clerk, &asset).unwrap_err();
    assert!(err.message.contains("报废"), "assets go through receive and dispose: {err}");
    assert_eq!(snapshot(&f.st), before, "refused adjustments change nothing");

    // Found two boxes: they go to the newest batch (the one expiring on day 40).
    let d = f.st.inventory_adjust(&f.clerk, &adjust(2, "整理储物间时多找到2箱")).unwrap();
    assert_eq!(d.item.on_hand, 9);
    let newest = d.batches.iter().find(|b| b.expiry_date.as_deref() == Some(date(40).as_str())).unwrap();
    assert_eq!(newest.on_hand, 6);
    // After the first batch expired, a missing box comes out of it before the good one.
    f.st.set_clock(day(5));
    let d = f.st.inventory_adjust(&f.clerk, &adjust(-1, "少了1箱")).unwrap();
    let expired = d.batches.iter().find(|b| b.expiry_date.as_deref() == Some(date(2).as_str())).unwrap();
    assert_eq!((expired.on_hand, d.item.on_hand), (2, 8));
    let line = &d.movements[0];
    assert_eq!((line.kind, line.quantity, line.reason.as_str()), (MovementKind::Adjust, -1, "少了1箱"));
    assert_eq!(line.kind_label(), "库存调整", "not a stocktake's 盘点调整");
    // It can be reversed like any other ledger line.
    let undone =
        f.st.inventory_reverse(&f.clerk, &ReverseInput { movement_id: line.id, reason: "数错了".into() }).unwrap();
    assert_eq!(undone.item.on_hand, 9);
}

#[test]
fn each_kind_of_bad_input_names_its_field_in_chinese_and_writes_nothing() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 10, None)).unwrap();
    let before = snapshot(&f.st);
    let check = |err: AppError, field: &str, label: &str| {
        assert_eq!(err.code, ErrorCode::Validation, "{err}");
        assert_eq!(err.field.as_deref(), Some(field), "{err}");
        assert!(err.message.contains(label), "the message names {label}: {err}");
    };
    // Negative quantities.
    check(f.st.inventory_receive(&f.clerk, &receive_input(f.masks, -5, None)).unwrap_err(), "quantity", "数量");
    check(f.st.inventory_issue(&f.clerk, &issue_input(f.masks, -1)).unwrap_err(), "quantity", "数量");
    check(f.st.inventory_issue(&f.clerk, &issue_input(f.masks, 0)).unwrap_err(), "quantity", "数量");
    let lend = lend_input(&f, f.masks, None, -2, date(7));
    check(f.st.inventory_lend(&f.clerk, &lend).unwrap_err(), "quantity", "数量");
    // A due date in the past, or not a date.
    let lend = lend_input(&f, f.wheelchair, Some(asset), 1, date(-1));
    check(f.st.inventory_lend(&f.clerk, &lend).unwrap_err(), "dueDate", "应还日期");
    let lend = lend_input(&f, f.wheelchair, Some(asset), 1, "2026-13-01".into());
    check(f.st.inventory_lend(&f.clerk, &lend).unwrap_err(), "dueDate", "应还日期");
    // An unknown borrower.
    let mut lend = lend_input(&f, f.wheelchair, Some(asset), 1, date(7));
    lend.borrower_id = 9999;
    check(f.st.inventory_lend(&f.clerk, &lend).unwrap_err(), "borrowerId", "借用人");
    // An unknown volunteer.
    let mut lend = lend_input(&f, f.wheelchair, Some(asset), 1, date(7));
    lend.borrower_kind = BorrowerKind::Volunteer;
    lend.borrower_id = 9999;
    check(f.st.inventory_lend(&f.clerk, &lend).unwrap_err(), "borrowerId", "借用人");
    // A return of something never lent.
    let ret = ReturnInput { loan_id: 4242, quantity: 1, condition: ReturnCondition::Good, note: String::new() };
    check(f.st.inventory_return(&f.clerk, &ret).unwrap_err(), "loanId", "借用");
    // Other fields.
    let mut bad_expiry = receive_input(f.masks, 1, Some("明年".into()));
    bad_expiry.batch_label = "A1".into();
    check(f.st.inventory_receive(&f.clerk, &bad_expiry).unwrap_err(), "expiryDate", "有效期");
    check(f.st.inventory_receive(&f.clerk, &receive_input(f.water, 1, None)).unwrap_err(), "expiryDate", "有效期");
    check(f.st.inventory_receive(&f.clerk, &receive_input(77, 1, None)).unwrap_err(), "itemId", "物资");
    let mut no_recipient = issue_input(f.masks, 1);
    no_recipient.recipient = " ".into();
    check(f.st.inventory_issue(&f.clerk, &no_recipient).unwrap_err(), "recipient", "领用人");
    let mut codes = receive_input(f.wheelchair, 2, None);
    codes.asset_codes = vec!["LY-1".into()];
    check(f.st.inventory_receive(&f.clerk, &codes).unwrap_err(), "assetCodes", "资产编号");
    assert_eq!(snapshot(&f.st), before, "nothing was written by any refused input");
}

#[test]
fn returns_cannot_exceed_what_was_lent_and_a_closed_loan_takes_no_return() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 10, None)).unwrap();
    let loan = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.masks, None, 3, date(3))).unwrap();
    assert_eq!(on_hand(&f.st, f.masks), 7);
    let before = snapshot(&f.st);
    let too_many = ReturnInput { loan_id: loan.id, quantity: 4, condition: ReturnCondition::Good, note: String::new() };
    let err = f.st.inventory_return(&f.clerk, &too_many).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("quantity"));
    assert!(err.message.contains("未还数量"), "{err}");
    assert_eq!(snapshot(&f.st), before);
    let part = ReturnInput { quantity: 2, ..too_many.clone() };
    let l = f.st.inventory_return(&f.clerk, &part).unwrap();
    assert_eq!((l.returned, l.outstanding, l.status), (2, 1, LoanStatus::Open));
    let rest = ReturnInput { quantity: 1, ..too_many.clone() };
    let l = f.st.inventory_return(&f.clerk, &rest).unwrap();
    assert_eq!(l.status, LoanStatus::Closed);
    assert_eq!(on_hand(&f.st, f.masks), 10);
    let err = f.st.inventory_return(&f.clerk, &rest).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("loanId"));
    assert!(err.message.contains("已全部归还"), "{err}");
}

#[test]
fn an_asset_is_with_one_borrower_at_a_time_then_overdue_then_returned_damaged() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    let loan = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(7))).unwrap();
    assert_eq!(loan.asset_id, Some(asset));
    let mut second = lend_input(&f, f.wheelchair, Some(asset), 1, date(7));
    second.borrower_id = f.other_resident;
    let err = f.st.inventory_lend(&f.clerk, &second).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("assetId"));
    assert!(err.message.contains("已借出"), "{err}");

    // Ten days later it is overdue, on the home panel with the borrower's whole phone.
    f.st.set_clock(day(10));
    let home = f.st.inventory_home(&f.clerk).unwrap();
    assert_eq!(home.overdue.len(), 1);
    assert_eq!(home.overdue[0].borrower_phone, "13812341234");
    assert_eq!(home.overdue[0].overdue_days, 3);
    assert_eq!(home.overdue[0].status, LoanStatus::Overdue);

    let ret =
        ReturnInput { loan_id: loan.id, quantity: 1, condition: ReturnCondition::Damaged, note: "扶手松动".into() };
    let l = f.st.inventory_return(&f.clerk, &ret).unwrap();
    assert_eq!(l.status, LoanStatus::Closed);
    assert_eq!(l.events[0].condition.as_deref(), Some("damaged"));
    let d = f.st.inventory_item_get(&f.clerk, f.wheelchair).unwrap();
    let unit = d.assets.iter().find(|a| a.id == asset).unwrap();
    assert_eq!((unit.status, unit.condition.as_str()), (AssetStatus::Repair, "damaged"), "待维修, not 在库");
    // On the shelf, counted on hand, but not stock the desk can lend.
    assert_eq!((d.item.on_hand, d.item.in_repair), (2, 1));
    let home = f.st.inventory_home(&f.clerk).unwrap();
    assert!(home.overdue.is_empty());
    // Nobody may borrow it until it is repaired.
    second.due_date = date(12);
    let before = snapshot(&f.st);
    let err = f.st.inventory_lend(&f.clerk, &second).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("assetId"));
    assert!(err.message.contains("待维修") && err.message.contains("扶手松动"), "{err}");
    assert_eq!(snapshot(&f.st), before);
    // 维修完成 needs a word on what was done, then the unit is lendable and says so.
    let repair = |note: &str| AssetRepairInput { asset_id: asset, note: note.into() };
    let err = f.st.inventory_asset_repaired(&f.clerk, &repair(" ")).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("note"), "{err}");
    let d = f.st.inventory_asset_repaired(&f.clerk, &repair("更换扶手螺丝")).unwrap();
    let unit = d.assets.iter().find(|a| a.id == asset).unwrap();
    assert_eq!((unit.status, unit.condition.as_str()), (AssetStatus::InStock, "good"));
    assert_eq!(unit.condition_note, "维修完成：更换扶手螺丝");
    assert_eq!((d.item.in_repair, d.item.low), (0, false));
    let err = f.st.inventory_asset_repaired(&f.clerk, &repair("再修")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Conflict, "only a unit waiting for repair: {err}");
    // The other resident may now borrow it.
    f.st.inventory_lend(&f.clerk, &second).unwrap();
}

#[test]
fn a_unit_waiting_for_repair_does_not_keep_the_stock_above_its_minimum() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    let loan = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(7))).unwrap();
    let ret =
        ReturnInput { loan_id: loan.id, quantity: 1, condition: ReturnCondition::Damaged, note: "刹车失灵".into() };
    f.st.inventory_return(&f.clerk, &ret).unwrap();
    // Two wheelchairs on hand, one lendable: still at the minimum of one.
    let low = |f: &Fixture| f.st.inventory_home(&f.clerk).unwrap().low_stock.iter().any(|s| s.item_id == f.wheelchair);
    assert!(!low(&f));
    // The lendable one goes out: nothing left to lend, though one is on the shelf.
    let d = f.st.inventory_item_get(&f.clerk, f.wheelchair).unwrap();
    let good = d.assets.iter().find(|a| a.status == AssetStatus::InStock).unwrap().id;
    let mut other = lend_input(&f, f.wheelchair, Some(good), 1, date(7));
    other.borrower_id = f.other_resident;
    f.st.inventory_lend(&f.clerk, &other).unwrap();
    let row = f.st.inventory_item_get(&f.clerk, f.wheelchair).unwrap().item;
    assert_eq!((row.on_hand, row.in_repair, row.low), (1, 1, true));
    assert!(low(&f), "the home's low-stock list counts lendable units");
    let page = f.st.inventory_items(&f.clerk, &ItemQuery { low_only: true, ..Default::default() }).unwrap();
    assert!(page.items.iter().any(|i| i.id == f.wheelchair));
    let stock = f.st.inventory_current_stock(&f.clerk).unwrap();
    let exported = stock.iter().find(|i| i.id == f.wheelchair).unwrap();
    assert_eq!((exported.in_repair, exported.low), (1, true), "the stock export agrees with the list");
}

#[test]
fn a_unit_waiting_for_repair_can_be_written_off_instead() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    let loan = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(7))).unwrap();
    let ret =
        ReturnInput { loan_id: loan.id, quantity: 1, condition: ReturnCondition::Damaged, note: "车架断裂".into() };
    f.st.inventory_return(&f.clerk, &ret).unwrap();
    let dispose = DisposeInput {
        item_id: f.wheelchair,
        batch_id: None,
        asset_id: Some(asset),
        quantity: 1,
        reason: DisposeReason::Broken,
        note: "无法修复".into(),
    };
    let d = f.st.inventory_dispose(&f.clerk, &dispose).unwrap();
    let unit = d.assets.iter().find(|a| a.id == asset).unwrap();
    assert_eq!(unit.status, AssetStatus::Retired);
    assert_eq!(d.item.on_hand, 1, "the other of the two units remains");
    let err = f.st.inventory_asset_repaired(&f.clerk, &AssetRepairInput { asset_id: asset, note: "修好".into() });
    assert!(err.unwrap_err().message.contains("已报废"));
}

#[test]
fn damaged_returns_need_a_note_and_lost_closes_the_loan_and_retires_the_unit() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    let loan = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(7))).unwrap();
    let no_note =
        ReturnInput { loan_id: loan.id, quantity: 1, condition: ReturnCondition::Damaged, note: String::new() };
    assert_eq!(f.st.inventory_return(&f.clerk, &no_note).unwrap_err().field.as_deref(), Some("note"));
    let lost = ReturnInput { condition: ReturnCondition::Lost, note: "借用人搬家".into(), ..no_note };
    let l = f.st.inventory_return(&f.clerk, &lost).unwrap();
    assert_eq!((l.lost, l.status), (1, LoanStatus::Closed));
    let d = f.st.inventory_item_get(&f.clerk, f.wheelchair).unwrap();
    assert_eq!(d.assets.iter().find(|a| a.id == asset).unwrap().status, AssetStatus::Retired);
    assert_eq!(d.item.on_hand, 1, "the other unit is still here");
}

#[test]
fn renewing_moves_the_due_date_forward_only() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    let loan = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(7))).unwrap();
    let back = RenewInput { loan_id: loan.id, due_date: date(5) };
    assert_eq!(f.st.inventory_renew(&f.clerk, &back).unwrap_err().field.as_deref(), Some("dueDate"));
    let l = f.st.inventory_renew(&f.clerk, &RenewInput { loan_id: loan.id, due_date: date(14) }).unwrap();
    assert_eq!(l.due_date, date(14));
    assert_eq!(l.events[0].kind, "renew");
}

#[test]
fn a_reservation_blocks_a_clashing_loan_but_not_the_reserver() {
    let mut f = fixture();
    let asset = first_asset(&mut f);
    let reserve = ReservationInput {
        asset_id: asset,
        borrower_kind: BorrowerKind::Resident,
        borrower_id: f.other_resident,
        start_date: date(6),
        end_date: date(6),
        note: "下周二去医院".into(),
    };
    f.st.inventory_reserve(&f.clerk, &reserve).unwrap();
    let overlapping =
        ReservationInput { borrower_id: f.resident, start_date: date(5), end_date: date(8), ..reserve.clone() };
    assert_eq!(f.st.inventory_reserve(&f.clerk, &overlapping).unwrap_err().code, ErrorCode::Conflict);
    let before = snapshot(&f.st);
    let clash = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(7))).unwrap_err();
    assert_eq!(clash.code, ErrorCode::Conflict);
    assert!(clash.message.contains("预约"), "{clash}");
    assert_eq!(snapshot(&f.st), before);
    // A short loan that ends before the reservation is fine.
    let short = f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(3))).unwrap();
    let back = ReturnInput { loan_id: short.id, quantity: 1, condition: ReturnCondition::Good, note: String::new() };
    f.st.inventory_return(&f.clerk, &back).unwrap();
    // The reserver borrows it: the reservation is fulfilled.
    let mut theirs = lend_input(&f, f.wheelchair, Some(asset), 1, date(7));
    theirs.borrower_id = f.other_resident;
    f.st.inventory_lend(&f.clerk, &theirs).unwrap();
    assert!(f.st.inventory_reservations(&f.clerk).unwrap().is_empty());
}

#[test]
fn a_stocktake_turns_differences_into_adjustments_in_one_step() {
    let mut f = fixture();
    first_asset(&mut f);
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 10, None)).unwrap();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 12, Some(date(300)))).unwrap();
    let take =
        f.st.inventory_stocktake_start(&f.clerk, &StocktakeStartInput { category_id: None, note: "月末盘点".into() })
            .unwrap();
    assert_eq!(take.lines.len(), 4, "two wheelchair units, one batch of masks, one of water");
    let mut counts: Vec<StocktakeCount> =
        take.lines.iter().map(|l| StocktakeCount { line_id: l.id, counted: l.expected }).collect();
    let masks_line = take.lines.iter().position(|l| l.item_id == f.masks).unwrap();
    counts[masks_line].counted = 8;
    let before = snapshot(&f.st);
    // A difference without a reason, and a missing count, are refused whole.
    let no_reason = StocktakeFinishInput { id: take.id, counts: counts.clone(), reason: String::new() };
    assert_eq!(f.st.inventory_stocktake_finish(&f.clerk, &no_reason).unwrap_err().field.as_deref(), Some("reason"));
    let missing = StocktakeFinishInput { id: take.id, counts: counts[1..].to_vec(), reason: "破损".into() };
    assert_eq!(f.st.inventory_stocktake_finish(&f.clerk, &missing).unwrap_err().field.as_deref(), Some("counts"));
    assert_eq!(snapshot(&f.st), before);
    let done = f
        .st
        .inventory_stocktake_finish(&f.clerk, &StocktakeFinishInput { id: take.id, counts, reason: "破损2盒".into() })
        .unwrap();
    assert_eq!((done.status.as_str(), done.adjustments), ("finished", 1));
    assert_eq!(on_hand(&f.st, f.masks), 8);
    let ledger =
        f.st.inventory_movements(
            &f.clerk,
            &MovementQuery { item_id: Some(f.masks), page: 1, page_size: 10, ..Default::default() },
        )
        .unwrap();
    assert_eq!((ledger.items[0].kind, ledger.items[0].quantity), (MovementKind::Adjust, -2));
    assert_eq!(ledger.items[0].stocktake_id, Some(take.id));
}

#[test]
fn a_mistake_is_corrected_by_a_reversing_movement_and_the_ledger_cannot_be_edited() {
    let mut f = fixture();
    let d = f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 10, None)).unwrap();
    let wrong = d.movements[0].id;
    let d = f.st.inventory_reverse(&f.clerk, &ReverseInput { movement_id: wrong, reason: "数量录错".into() }).unwrap();
    assert_eq!(d.item.on_hand, 0);
    assert_eq!(d.movements.len(), 2, "the original stays; the reversal is a new line");
    assert_eq!(d.movements.iter().find(|m| m.id == wrong).unwrap().reversed_by, Some(d.movements[0].id));
    let again = f.st.inventory_reverse(&f.clerk, &ReverseInput { movement_id: wrong, reason: "再来".into() });
    assert_eq!(again.unwrap_err().code, ErrorCode::Conflict);
    assert!(f.st.conn().execute("UPDATE inv_movements SET quantity = 99", []).is_err());
    assert!(f.st.conn().execute("DELETE FROM inv_movements", []).is_err());
    // A reversal that would leave negative stock is refused like any movement.
    let d = f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 5, None)).unwrap();
    f.st.inventory_issue(&f.clerk, &issue_input(f.masks, 4)).unwrap();
    let err = f.st.inventory_reverse(&f.clerk, &ReverseInput { movement_id: d.movements[0].id, reason: "错".into() });
    assert!(err.unwrap_err().message.contains("库存不足"));
}

#[test]
fn emergency_view_shows_minimums_expiry_and_readiness() {
    let mut f = fixture();
    let torch = item(&mut f.st, &f.clerk, "手电筒", "个", ItemKind::Emergency, 4);
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 6, Some(date(10)))).unwrap();
    f.st.inventory_receive(&f.clerk, &receive_input(torch, 4, Some(date(1000)))).unwrap();
    let v = f.st.inventory_emergency(&f.clerk).unwrap();
    let water = v.lines.iter().find(|l| l.item_id == f.water).unwrap();
    assert_eq!((water.usable, water.expiring_soon, water.ready_percent), (6, 6, 60));
    assert_eq!(v.readiness_percent, 80, "(60 + 100) / 2");
    assert_eq!((v.items_ready, v.items_total), (1, 2));
    // Expired water no longer counts as ready.
    f.st.set_clock(day(11));
    let v = f.st.inventory_emergency(&f.clerk).unwrap();
    let water = v.lines.iter().find(|l| l.item_id == f.water).unwrap();
    assert_eq!((water.usable, water.expired, water.ready_percent), (0, 6, 0));
    let home = f.st.inventory_home(&f.clerk).unwrap();
    assert!(home.expiring.iter().any(|e| e.item_id == f.water && e.days_left == -1));
    assert!(home.low_stock.iter().any(|s| s.item_id == f.masks), "masks: 0 of minimum 5");
}

#[test]
fn items_refuse_bad_fields_and_kind_changes_once_stock_moved() {
    let mut f = fixture();
    let bad = ItemInput {
        name: "".into(),
        category_id: None,
        unit: "个".into(),
        kind: ItemKind::Consumable,
        place: String::new(),
        min_stock: 0,
        note: String::new(),
    };
    assert_eq!(f.st.inventory_item_create(&f.clerk, &bad).unwrap_err().field.as_deref(), Some("name"));
    let neg = ItemInput { name: "雨伞".into(), min_stock: -1, ..bad.clone() };
    assert_eq!(f.st.inventory_item_create(&f.clerk, &neg).unwrap_err().field.as_deref(), Some("minStock"));
    let dup = ItemInput { name: "轮椅".into(), ..bad.clone() };
    assert!(f.st.inventory_item_create(&f.clerk, &dup).unwrap_err().message.contains("已存在"));
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 1, None)).unwrap();
    let change =
        ItemUpdate { id: f.masks, item: ItemInput { name: "医用口罩".into(), kind: ItemKind::Asset, ..bad } };
    assert_eq!(f.st.inventory_item_update(&f.clerk, &change).unwrap_err().field.as_deref(), Some("kind"));
    let page = f.st.inventory_items(&f.clerk, &ItemQuery { text: "口罩".into(), ..Default::default() }).unwrap();
    assert_eq!(page.total, 1);
    let low = f.st.inventory_items(&f.clerk, &ItemQuery { low_only: true, ..Default::default() }).unwrap();
    assert_eq!(low.total, 3);
}

#[test]
fn asset_codes_are_unique_and_labels_carry_a_qr_code() {
    let mut f = fixture();
    let mut typed = receive_input(f.wheelchair, 2, None);
    typed.asset_codes = vec!["lyj-01".into(), "LYJ-02".into()];
    let d = f.st.inventory_receive(&f.clerk, &typed).unwrap();
    let codes: Vec<&str> = d.assets.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, vec!["LYJ-01", "LYJ-02"]);
    let err = f.st.inventory_receive(&f.clerk, &typed).unwrap_err();
    assert!(err.message.contains("已被使用"), "{err}");
    let auto = f.st.inventory_receive(&f.clerk, &receive_input(f.wheelchair, 2, None)).unwrap();
    assert!(auto.assets.iter().any(|a| a.code.starts_with("ZC-")));
    let label = f.st.inventory_asset_label(&f.clerk, d.assets[0].id).unwrap();
    assert!(label.svg.contains("<svg") && label.svg.contains("<path"), "{}", &label.svg[..80]);
    assert_eq!(label.station_name, "阳光花园党群服务站");
}

#[test]
fn photos_are_resized_into_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Station::open(&dir.path().join("station.sqlite3")).unwrap();
    let (_, clerk) = crate::testing::add_admin_and_clerk(&mut st);
    let id = item(&mut st, &clerk, "轮椅", "台", ItemKind::Asset, 0);
    let mut png = Vec::new();
    image::RgbImage::from_pixel(2000, 1000, image::Rgb([200, 20, 20]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let input = ItemPhotoInput { item_id: id, data_base64: format!("data:image/png;base64,{}", base64::encode(&png)) };
    assert!(st.inventory_item_set_photo(&clerk, &input).unwrap().item.has_photo);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("photos/items")).unwrap().collect();
    assert_eq!(files.len(), 1);
    let url = st.inventory_item_photo(&clerk, id).unwrap().unwrap();
    let bytes = base64::decode(url.trim_start_matches("data:image/jpeg;base64,")).unwrap();
    let back = image::load_from_memory(&bytes).unwrap();
    assert_eq!((back.width(), back.height()), (1024, 512));
    let junk = ItemPhotoInput { item_id: id, data_base64: "bm90IGFuIGltYWdl".into() };
    assert_eq!(st.inventory_item_set_photo(&clerk, &junk).unwrap_err().field.as_deref(), Some("photo"));
}

#[test]
fn base64_round_trips() {
    for s in ["", "a", "ab", "abc", "abcd", "党群服务站"] {
        assert_eq!(base64::decode(&base64::encode(s.as_bytes())).unwrap(), s.as_bytes());
    }
    assert_eq!(base64::encode(b"Man"), "TWFu");
    assert_eq!(base64::encode(b"Ma"), "TWE=");
}

#[test]
fn borrowing_history_per_item_and_per_person() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 10, None)).unwrap();
    f.st.inventory_lend(&f.clerk, &lend_input(&f, f.masks, None, 1, date(3))).unwrap();
    let asset = first_asset(&mut f);
    f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(3))).unwrap();
    let mine = LoanQuery {
        filter: LoanFilter::All,
        item_id: None,
        borrower_kind: Some(BorrowerKind::Resident),
        borrower_id: Some(f.resident),
    };
    assert_eq!(f.st.inventory_loans(&f.clerk, &mine).unwrap().len(), 2);
    let theirs = LoanQuery { borrower_id: Some(f.other_resident), ..mine.clone() };
    assert!(f.st.inventory_loans(&f.clerk, &theirs).unwrap().is_empty());
    let per_item =
        LoanQuery { filter: LoanFilter::Open, item_id: Some(f.masks), borrower_kind: None, borrower_id: None };
    let rows = f.st.inventory_loans(&f.clerk, &per_item).unwrap();
    assert_eq!((rows.len(), rows[0].borrower_name.as_str()), (1, "张桂兰"));
}

// ---- property: any sequence of movements and loans keeps the ledger's invariants ----

#[derive(Debug, Clone)]
enum Op {
    Receive { item: usize, qty: i64, expiry_days: i64 },
    Issue { item: usize, qty: i64 },
    Dispose { item: usize, qty: i64 },
    Lend { item: usize, unit: usize, qty: i64, borrower: usize, due_days: i64 },
    Return { loan: usize, qty: i64, condition: usize },
    Reverse { movement: usize },
    Stocktake { delta: i64 },
    Adjust { item: usize, qty: i64 },
    Repair { unit: usize },
    Wait { days: i64 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, -2..15i64, -5..60i64).prop_map(|(item, qty, expiry_days)| Op::Receive { item, qty, expiry_days }),
        (0..3usize, -2..12i64).prop_map(|(item, qty)| Op::Issue { item, qty }),
        (0..3usize, -1..5i64).prop_map(|(item, qty)| Op::Dispose { item, qty }),
        (0..3usize, 0..4usize, -1..6i64, 0..3usize, -2..15i64)
            .prop_map(|(item, unit, qty, borrower, due_days)| Op::Lend { item, unit, qty, borrower, due_days }),
        (0..8usize, -1..6i64, 0..3usize).prop_map(|(loan, qty, condition)| Op::Return { loan, qty, condition }),
        (0..30usize).prop_map(|movement| Op::Reverse { movement }),
        (-3..3i64).prop_map(|delta| Op::Stocktake { delta }),
        (0..3usize, -8..8i64).prop_map(|(item, qty)| Op::Adjust { item, qty }),
        (0..4usize).prop_map(|unit| Op::Repair { unit }),
        (0..10i64).prop_map(|days| Op::Wait { days }),
    ]
}

fn ids(st: &Station, sql: &str) -> Vec<i64> {
    st.conn().prepare(sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
}

fn check_invariants(st: &Station) {
    let c = st.conn();
    let bad: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM inv_items i WHERE i.on_hand < 0
               OR i.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.item_id = i.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "item stock = Σ movements ≥ 0");
    let bad: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM inv_batches b WHERE b.on_hand < 0
               OR b.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.batch_id = b.id)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "batch stock = Σ movements ≥ 0");
    let bad: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM inv_assets a WHERE a.on_hand NOT IN (0, 1)
               OR a.on_hand <> (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.asset_id = a.id)
               OR (SELECT COUNT(*) FROM inv_loans l WHERE l.asset_id = a.id AND l.closed_at IS NULL) + a.on_hand > 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "an asset is in the station or with at most one borrower");
    let bad: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM inv_loans l WHERE l.returned + l.lost > l.quantity
               OR -(SELECT SUM(quantity) FROM inv_movements m WHERE m.loan_id = l.id AND m.kind = 'lend') <> l.quantity
               OR (SELECT COALESCE(SUM(quantity), 0) FROM inv_movements m WHERE m.loan_id = l.id AND m.kind = 'return') <> l.returned
               OR ((l.closed_at IS NULL) = (l.returned + l.lost = l.quantity))",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "returned ≤ lent, and the ledger agrees with every loan");
    let total_items: i64 = c.query_row("SELECT COALESCE(SUM(on_hand), 0) FROM inv_items", [], |r| r.get(0)).unwrap();
    let total_lots: i64 = c
        .query_row("SELECT (SELECT COALESCE(SUM(on_hand), 0) FROM inv_batches) + (SELECT COALESCE(SUM(on_hand), 0) FROM inv_assets)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(total_items, total_lots, "items' stock is the sum of their batches and units");
}

fn apply(f: &mut Fixture, items: &[i64; 3], op: &Op, clock: &mut i64) -> Result<()> {
    let borrowers = [f.resident, f.other_resident, 9999];
    match op.clone() {
        Op::Receive { item, qty, expiry_days } => {
            let expiry = (items[item] != f.wheelchair).then(|| date(*clock + expiry_days));
            f.st.inventory_receive(&f.clerk, &receive_input(items[item], qty, expiry)).map(drop)
        }
        Op::Issue { item, qty } => f.st.inventory_issue(&f.clerk, &issue_input(items[item], qty)).map(drop),
        Op::Dispose { item, qty } => {
            let units = ids(&f.st, &format!("SELECT id FROM inv_assets WHERE item_id = {} ORDER BY id", items[item]));
            let input = DisposeInput {
                item_id: items[item],
                batch_id: None,
                asset_id: units.first().copied(),
                quantity: qty,
                reason: DisposeReason::Broken,
                note: String::new(),
            };
            f.st.inventory_dispose(&f.clerk, &input).map(drop)
        }
        Op::Lend { item, unit, qty, borrower, due_days } => {
            let units = ids(&f.st, &format!("SELECT id FROM inv_assets WHERE item_id = {} ORDER BY id", items[item]));
            let mut input = lend_input(f, items[item], units.get(unit).copied(), qty, date(*clock + due_days));
            input.borrower_id = borrowers[borrower];
            f.st.inventory_lend(&f.clerk, &input).map(drop)
        }
        Op::Return { loan, qty, condition } => {
            let loans = ids(&f.st, "SELECT id FROM inv_loans ORDER BY id");
            let condition = [ReturnCondition::Good, ReturnCondition::Damaged, ReturnCondition::Lost][condition];
            let input = ReturnInput {
                loan_id: loans.get(loan).copied().unwrap_or(777),
                quantity: qty,
                condition,
                note: "说明".into(),
            };
            f.st.inventory_return(&f.clerk, &input).map(drop)
        }
        Op::Reverse { movement } => {
            let all = ids(&f.st, "SELECT id FROM inv_movements ORDER BY id");
            let input =
                ReverseInput { movement_id: all.get(movement).copied().unwrap_or(9999), reason: "更正".into() };
            f.st.inventory_reverse(&f.clerk, &input).map(drop)
        }
        Op::Repair { unit } => {
            let units = ids(&f.st, "SELECT id FROM inv_assets ORDER BY id");
            let input = AssetRepairInput { asset_id: units.get(unit).copied().unwrap_or(888), note: "修好".into() };
            f.st.inventory_asset_repaired(&f.clerk, &input).map(drop)
        }
        Op::Adjust { item, qty } => {
            let input = AdjustInput { item_id: items[item], batch_id: None, quantity: qty, reason: "清点".into() };
            f.st.inventory_adjust(&f.clerk, &input).map(drop)
        }
        Op::Stocktake { delta } => {
            let take = f
                .st
                .inventory_stocktake_start(&f.clerk, &StocktakeStartInput { category_id: None, note: String::new() })?;
            let counts = take
                .lines
                .iter()
                .enumerate()
                .map(|(i, l)| StocktakeCount {
                    line_id: l.id,
                    counted: if i == 0 { l.expected + delta } else { l.expected },
                })
                .collect();
            f.st.inventory_stocktake_finish(
                &f.clerk,
                &StocktakeFinishInput { id: take.id, counts, reason: "盘点".into() },
            )
            .map(drop)
        }
        Op::Wait { days } => {
            *clock += days;
            f.st.set_clock(day(*clock));
            Ok(())
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_keeps_stock_non_negative_assets_single_and_returns_within_loans(ops in prop::collection::vec(op(), 1..40)) {
        let mut f = fixture();
        let items = [f.masks, f.water, f.wheelchair];
        let mut clock = 0;
        for op in &ops {
            let before = snapshot(&f.st);
            let outcome = apply(&mut f, &items, op, &mut clock);
            if outcome.is_err() && !matches!(op, Op::Stocktake { .. }) {
                prop_assert_eq!(snapshot(&f.st), before, "a refused {:?} wrote nothing", op);
            }
            check_invariants(&f.st);
        }
    }
}

// ---- import and export ----

fn on_disk() -> (Station, StaffActor, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut st = Station::open(&dir.path().join("station.sqlite3")).unwrap();
    st.set_clock(day(0));
    let (_, clerk) = crate::testing::add_admin_and_clerk(&mut st);
    (st, clerk, dir)
}

#[test]
fn items_import_from_a_csv_once_with_opening_stock_and_row_errors() {
    use crate::import::{ImportRequest, ImportTarget};
    let (mut st, clerk, dir) = on_disk();
    let path = dir.path().join("物资.csv");
    let csv = "阳光花园物资清单\n名称,类别,单位,类型,存放位置,最低库存,期初数量,有效期至\n\
               矿泉水,应急物资,箱,应急物资,储物间,10,12,2027-06-30\n\
               轮椅,康复辅具,台,可借用资产,一楼,1,2,\n\
               折叠椅,文体器材,把,资产,活动室,,30,\n\
               雨伞,,把,消耗品,门口,-3,,\n\
               ,办公用品,个,,,,,\n";
    std::fs::write(&path, csv).unwrap();
    let req = ImportRequest {
        target: ImportTarget::Items,
        path: path.display().to_string(),
        mapping: None,
        new_records: None,
    };
    let preview = st.import_preview(&clerk, &req).unwrap();
    assert_eq!(count(&st, "inv_movements"), 0, "a preview writes nothing");
    let report = st.import_commit(&clerk, &req).unwrap();
    let summary = format!("{preview:?} {report:?}");
    assert_eq!((report.created, count(&st, "inv_items")), (3, 3), "{summary}");
    assert!(summary.contains("最低库存"), "the bad minimum is reported: {summary}");
    let water = st.inventory_items(&clerk, &ItemQuery { text: "矿泉水".into(), ..Default::default() }).unwrap();
    assert_eq!((water.items[0].on_hand, water.items[0].kind), (12, ItemKind::Emergency));
    let chairs = st.inventory_items(&clerk, &ItemQuery { text: "轮椅".into(), ..Default::default() }).unwrap();
    assert_eq!(chairs.items[0].on_hand, 2, "two numbered units");
    let movements = count(&st, "inv_movements");
    st.import_commit(&clerk, &req).unwrap();
    assert_eq!((count(&st, "inv_items"), count(&st, "inv_movements")), (3, movements), "re-import adds nothing");
}

#[test]
fn ledger_and_stock_export_as_xlsx() {
    let (mut st, clerk, dir) = on_disk();
    let masks = item(&mut st, &clerk, "医用口罩", "盒", ItemKind::Consumable, 5);
    st.inventory_receive(&clerk, &receive_input(masks, 10, Some(date(20)))).unwrap();
    st.inventory_issue(&clerk, &issue_input(masks, 3)).unwrap();
    let ledger = st.inventory_ledger_sheet(&clerk, &LedgerExportInput { from: None, to: None }).unwrap();
    assert_eq!(ledger.rows.len(), 2);
    assert_eq!(ledger.rows[0][2], crate::tabular::Cell::from("入库"), "oldest first");
    assert_eq!(ledger.rows[1][6], crate::tabular::Cell::Int(-3));
    let sheets = st.inventory_stock_sheets(&clerk).unwrap();
    assert_eq!(sheets[0].rows[0][4], crate::tabular::Cell::Int(7));
    let path = dir.path().join("台账.xlsx");
    st.inventory_export_ledger(&clerk, &LedgerExportInput { from: Some(date(0)), to: Some(date(0)) }, &path).unwrap();
    let back = crate::tabular::read_table(&path).unwrap();
    assert_eq!(back.rows.len(), 2);
    assert!(back.headers.contains(&"物资名称".to_string()));
    st.inventory_export_stock(&clerk, &dir.path().join("库存.xlsx")).unwrap();
}

#[test]
fn the_bulk_stock_figures_agree_with_the_per_item_ones() {
    let mut f = fixture();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 6, Some(date(10)))).unwrap();
    f.st.inventory_receive(&f.clerk, &receive_input(f.water, 2, Some(date(-3)))).unwrap();
    f.st.inventory_receive(&f.clerk, &receive_input(f.masks, 9, Some(date(100)))).unwrap();
    f.st.inventory_lend(&f.clerk, &lend_input(&f, f.masks, None, 4, date(3))).unwrap();
    f.st.set_clock(day(12));
    let asset = first_asset(&mut f);
    f.st.inventory_lend(&f.clerk, &lend_input(&f, f.wheelchair, Some(asset), 1, date(20))).unwrap();
    let bulk = f.st.inventory_current_stock(&f.clerk).unwrap();
    let each = f.st.inventory_items(&f.clerk, &ItemQuery { page_size: 100, ..Default::default() }).unwrap().items;
    assert_eq!(bulk, each);
    let water = bulk.iter().find(|r| r.id == f.water).unwrap();
    assert_eq!((water.expired, water.expiring_soon), (8, 0), "both batches past their date on day 12");
    let masks = bulk.iter().find(|r| r.id == f.masks).unwrap();
    assert_eq!((masks.on_hand, masks.on_loan), (5, 4));
}

#[test]
fn a_volunteer_borrows_under_their_own_or_their_resident_name_and_phone() {
    // The volunteers table's shape (shadowed by a temporary table here): a volunteer may be a
    // resident, whose name and phone are on the resident row.
    let f = fixture();
    f.st.conn()
        .execute_batch(
            "CREATE TEMP TABLE volunteers (id INTEGER PRIMARY KEY, resident_id INTEGER, name TEXT, phone TEXT);
             INSERT INTO volunteers VALUES (1, NULL, '赵志愿', '13700001111'), (2, 1, NULL, NULL);",
        )
        .unwrap();
    let sources = [(BorrowerKind::Resident, "residents"), (BorrowerKind::Volunteer, VOLUNTEER_SOURCE)];
    let conn = f.st.conn();
    assert_eq!(borrower_in(&sources, conn, BorrowerKind::Volunteer, 1).unwrap().0, "赵志愿");
    assert_eq!(
        borrower_in(&sources, conn, BorrowerKind::Volunteer, 2).unwrap(),
        ("张桂兰".to_string(), "13812341234".to_string())
    );
    assert_eq!(
        borrower_in(&sources, conn, BorrowerKind::Volunteer, 9).unwrap_err().field.as_deref(),
        Some("borrowerId")
    );
    let names: Vec<String> = conn
        .prepare(&format!("{} SELECT kind || ':' || name FROM borrowers ORDER BY kind, id", borrowers_cte_of(&sources)))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(names, vec!["resident:张桂兰", "resident:李建国", "volunteer:赵志愿", "volunteer:张桂兰"]);
}

#[test]
fn a_volunteer_from_the_roster_borrows_and_is_shown_with_their_name_and_phone() {
    let mut f = fixture();
    let kind_id: i64 =
        f.st.conn().query_row("SELECT id FROM volunteer_kinds WHERE name = '普通志愿者'", [], |r| r.get(0)).unwrap();
    let volunteer =
        f.st.volunteer_create(
            &f.clerk,
            &crate::volunteers::roster::VolunteerInput {
                resident_id: None,
                name: "赵志愿".into(),
                phone: "13700001111".into(),
                gender: None,
                birth_date: None,
                id_number: None,
                grid_id: None,
                compound_id: None,
                party_member: false,
                kind_id,
                unit_id: None,
                reported_in: false,
                reported_in_on: None,
                skills: vec![],
                availability: vec![],
                note: String::new(),
                national_number: None,
            },
        )
        .unwrap();
    let asset = first_asset(&mut f);
    let mut lend = lend_input(&f, f.wheelchair, Some(asset), 1, date(7));
    lend.borrower_kind = BorrowerKind::Volunteer;
    lend.borrower_id = volunteer.id;
    let loan = f.st.inventory_lend(&f.clerk, &lend).unwrap();
    assert_eq!((loan.borrower_name.as_str(), loan.borrower_phone.as_str()), ("赵志愿", "13700001111"));
}
