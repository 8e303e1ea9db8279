//! Demo and benchmark data for the inventory: items of every kind and a realistic history of
//! movements and loans, written through the same rules as the desk (so it obeys them all).

use super::items::{check_item, save_item, ItemInput};
use super::ledger::{issue, receive, IssueInput, ReceiveInput, ReceiveSource};
use super::loans::{give_back, lend, LendInput, ReturnCondition, ReturnInput};
use super::{BorrowerKind, ItemKind};
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::demo::Rng;
use crate::error::Result;
use chrono::Duration;

const NAMES: &[(&str, &str, ItemKind)] = &[
    ("医用口罩", "盒", ItemKind::Consumable),
    ("一次性手套", "盒", ItemKind::Consumable),
    ("A4 打印纸", "包", ItemKind::Consumable),
    ("签字笔", "支", ItemKind::Consumable),
    ("党员徽章", "枚", ItemKind::Consumable),
    ("轮椅", "台", ItemKind::Asset),
    ("电子血压计", "台", ItemKind::Asset),
    ("雨伞", "把", ItemKind::Asset),
    ("折叠椅", "把", ItemKind::Asset),
    ("电钻", "把", ItemKind::Asset),
    ("瓶装水", "箱", ItemKind::Emergency),
    ("方便面", "箱", ItemKind::Emergency),
    ("手电筒", "个", ItemKind::Emergency),
    ("应急毛毯", "条", ItemKind::Emergency),
    ("急救包", "个", ItemKind::Emergency),
];

/// Adds `items` items and about `movements` ledger lines (receipts, issues, loans and
/// returns) in one transaction. Returns the number of movements written.
pub fn populate_inventory(
    station: &mut Station,
    actor: &StaffActor,
    rng: &mut Rng,
    items: usize,
    movements: usize,
) -> Result<usize> {
    let today = station.today();
    station.write(&Actor::Staff(actor.clone()), |tx| {
        let residents: Vec<i64> =
            tx.prepare("SELECT id FROM residents LIMIT 500")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut made: Vec<(i64, ItemKind)> = Vec::with_capacity(items);
        for n in 0..items {
            let (name, unit, kind) = *rng.pick(NAMES);
            let input = ItemInput {
                name: format!("{name} {:04}", n + 1),
                category_id: None,
                unit: unit.into(),
                kind,
                place: format!("{}号柜", 1 + rng.below(12)),
                min_stock: rng.below(20) as i64,
                note: String::new(),
            };
            made.push((save_item(tx, None, &check_item(tx, &input)?)?, kind));
        }
        let count = |tx: &crate::db::Tx| -> Result<usize> {
            Ok(tx.query_row("SELECT COUNT(*) FROM inv_movements", [], |r| r.get::<_, i64>(0))? as usize)
        };
        let mut open_loans: Vec<i64> = Vec::new();
        let mut written = count(tx)?;
        while written < movements {
            let (item, kind) = made[rng.below(made.len())];
            let step = rng.below(100);
            let done = match kind {
                ItemKind::Asset if step < 20 || residents.is_empty() => receive(
                    tx,
                    &ReceiveInput {
                        item_id: item,
                        quantity: 1 + rng.below(3) as i64,
                        source: ReceiveSource::Donation,
                        expiry_date: None,
                        batch_label: String::new(),
                        asset_codes: Vec::new(),
                        note: String::new(),
                    },
                )
                .map(|v| v.len()),
                ItemKind::Asset if step < 60 => {
                    let unit: Option<i64> = tx
                        .query_row(
                            "SELECT id FROM inv_assets WHERE item_id = ?1 AND on_hand = 1 AND retired_at IS NULL LIMIT 1",
                            [item],
                            |r| r.get(0),
                        )
                        .ok();
                    match unit {
                        Some(asset) => lend(
                            tx,
                            &LendInput {
                                item_id: item,
                                asset_id: Some(asset),
                                quantity: 1,
                                borrower_kind: BorrowerKind::Resident,
                                borrower_id: *rng.pick(&residents),
                                due_date: (today + Duration::days(1 + rng.below(21) as i64)).to_string(),
                                condition: "完好".into(),
                                purpose: String::new(),
                            },
                        )
                        .map(|loan| {
                            open_loans.push(loan);
                            1
                        }),
                        None => Ok(0),
                    }
                }
                ItemKind::Asset => match open_loans.pop() {
                    Some(loan) => give_back(
                        tx,
                        &ReturnInput { loan_id: loan, quantity: 1, condition: ReturnCondition::Good, note: String::new() },
                    )
                    .map(|_| 1),
                    None => Ok(0),
                },
                _ if step < 35 => receive(
                    tx,
                    &ReceiveInput {
                        item_id: item,
                        quantity: 5 + rng.below(40) as i64,
                        source: ReceiveSource::Purchase,
                        expiry_date: Some((today + Duration::days(rng.below(400) as i64 - 20)).to_string()),
                        batch_label: String::new(),
                        asset_codes: Vec::new(),
                        note: String::new(),
                    },
                )
                .map(|v| v.len()),
                _ => issue(
                    tx,
                    &IssueInput {
                        item_id: item,
                        batch_id: None,
                        quantity: 1 + rng.below(4) as i64,
                        recipient: "社区活动".into(),
                        activity: String::new(),
                        note: String::new(),
                    },
                )
                .map(|v| v.len())
                // Not enough usable stock: that step simply does not happen.
                .or(Ok(0)),
            }?;
            written += done;
        }
        Ok(written)
    })
}

/// What every inventory screen should show on a demo: shared wheelchairs and a blood-pressure
/// monitor lent weeks ago and not back (two loans overdue, one due tomorrow), and emergency
/// stock below its minimum. Made at the moments they happened, before the rest of the
/// inventory, so each item's history reads in order. Returns the number of loans made.
pub fn populate_overdue(station: &mut Station, actor: &StaffActor, rng: &mut Rng) -> Result<usize> {
    use crate::demo::at_time;
    let now = station.now();
    let residents: Vec<i64> = station
        .conn()
        .prepare("SELECT id FROM residents WHERE archived_at IS NULL ORDER BY id LIMIT 200")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if residents.is_empty() {
        return Ok(0);
    }
    let who = Actor::Staff(actor.clone());
    let item = |name: &str, unit: &str, kind: ItemKind, min_stock: i64| ItemInput {
        name: name.into(),
        category_id: None,
        unit: unit.into(),
        kind,
        place: "1号柜".into(),
        min_stock,
        note: String::new(),
    };
    let receipt = |item_id: i64, quantity: i64, source: ReceiveSource, expiry: Option<String>| ReceiveInput {
        item_id,
        quantity,
        source,
        expiry_date: expiry,
        batch_label: String::new(),
        asset_codes: Vec::new(),
        note: String::new(),
    };
    // Bought a month ago: the shared aids and the emergency stock (short of its minimum).
    let month_ago = now - Duration::days(30);
    let (wheelchairs, monitor) = at_time(station, month_ago, |st| {
        st.write(&who, |tx| {
            let today = tx.today();
            let wheelchairs = save_item(tx, None, &check_item(tx, &item("轮椅（共享）", "台", ItemKind::Asset, 1))?)?;
            receive(tx, &receipt(wheelchairs, 2, ReceiveSource::Donation, None))?;
            let monitor = save_item(tx, None, &check_item(tx, &item("电子血压计（共享）", "台", ItemKind::Asset, 0))?)?;
            receive(tx, &receipt(monitor, 1, ReceiveSource::Purchase, None))?;
            let masks =
                save_item(tx, None, &check_item(tx, &item("医用口罩（应急储备）", "盒", ItemKind::Emergency, 50))?)?;
            let expiry = Some((today + Duration::days(400)).to_string());
            receive(tx, &receipt(masks, 12, ReceiveSource::Purchase, expiry.clone()))?;
            let water =
                save_item(tx, None, &check_item(tx, &item("瓶装水（应急储备）", "箱", ItemKind::Emergency, 20))?)?;
            receive(tx, &receipt(water, 8, ReceiveSource::Purchase, expiry))?;
            Ok((wheelchairs, monitor))
        })
    })?;
    // (item, lent how many days ago, for how many days)
    let loans = [(wheelchairs, 20, 7), (wheelchairs, 16, 10), (monitor, 3, 4)];
    for (item_id, days_ago, days) in loans {
        at_time(station, now - Duration::days(days_ago), |st| {
            st.write(&who, |tx| {
                let asset: i64 = tx.query_row(
                    "SELECT id FROM inv_assets WHERE item_id = ?1 AND on_hand = 1 AND retired_at IS NULL ORDER BY id LIMIT 1",
                    [item_id],
                    |r| r.get(0),
                )?;
                lend(
                    tx,
                    &LendInput {
                        item_id,
                        asset_id: Some(asset),
                        quantity: 1,
                        borrower_kind: BorrowerKind::Resident,
                        borrower_id: *rng.pick(&residents),
                        due_date: (tx.today() + Duration::days(days)).to_string(),
                        condition: "完好".into(),
                        purpose: "居民家中临时使用".into(),
                    },
                )
            })
        })?;
    }
    Ok(loans.len())
}
