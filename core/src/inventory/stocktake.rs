//! Stocktakes (盘点): a count sheet of every batch and asset unit in the station, the
//! counted numbers, and the differences turned into adjustment movements in one step.

use super::{insert_movement, Lot, MovementKind, NewMovement};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StocktakeStartInput {
    /// Only this category (None = everything).
    pub category_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StocktakeLine {
    pub id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub place: String,
    pub category: Option<String>,
    pub batch_label: Option<String>,
    pub expiry_date: Option<String>,
    pub asset_code: Option<String>,
    /// Stock on the sheet when it was made.
    pub expected: i64,
    pub counted: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stocktake {
    pub id: i64,
    pub note: String,
    /// open | finished | cancelled
    pub status: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub staff: Option<String>,
    pub lines: Vec<StocktakeLine>,
    /// Adjustment movements written when it was finished.
    pub adjustments: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StocktakeSummary {
    pub id: i64,
    pub note: String,
    pub status: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub lines: u32,
    pub adjustments: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StocktakeCount {
    pub line_id: i64,
    pub counted: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StocktakeFinishInput {
    pub id: i64,
    /// One count per line of the sheet.
    pub counts: Vec<StocktakeCount>,
    /// Why the numbers differ (recorded on each adjustment).
    pub reason: String,
}

pub(crate) fn start(tx: &Tx, input: &StocktakeStartInput) -> Result<i64> {
    let note = validate::optional_text("note", "备注", &input.note, 200)?;
    tx.execute(
        "INSERT INTO inv_stocktakes (note, started_at, staff_id) VALUES (?1, ?2, ?3)",
        params![note, tx.now_str(), tx.actor.staff_id()],
    )?;
    let id = tx.last_insert_rowid();
    // Every batch with stock and every unit not retired and not out on loan: what should be
    // on the shelves.
    let lines = tx.execute(
        "INSERT INTO inv_stocktake_lines (stocktake_id, item_id, batch_id, asset_id, expected)
         SELECT ?1, b.item_id, b.id, NULL, b.on_hand FROM inv_batches b JOIN inv_items i ON i.id = b.item_id
         WHERE b.on_hand > 0 AND i.archived_at IS NULL AND (?2 IS NULL OR i.category_id = ?2)
         UNION ALL
         SELECT ?1, a.item_id, NULL, a.id, a.on_hand FROM inv_assets a JOIN inv_items i ON i.id = a.item_id
         WHERE a.retired_at IS NULL AND a.on_hand = 1 AND i.archived_at IS NULL AND (?2 IS NULL OR i.category_id = ?2)",
        params![id, input.category_id],
    )?;
    if lines == 0 {
        return Err(AppError::validation("categoryId", "所选范围内没有在库物资，无需盘点"));
    }
    tx.audit("stocktake", Some(id), "start", &format!("{lines} 行"))?;
    Ok(id)
}

pub(crate) fn finish(tx: &Tx, input: &StocktakeFinishInput) -> Result<u32> {
    let status: Option<String> =
        tx.query_row("SELECT status FROM inv_stocktakes WHERE id = ?1", [input.id], |r| r.get(0)).optional()?;
    match status.as_deref() {
        None => return Err(AppError::not_found("盘点单")),
        Some("open") => {}
        Some(_) => return Err(AppError::new(ErrorCode::Conflict, "这张盘点单已经完成或作废")),
    }
    let reason = validate::optional_text("reason", "差异原因", &input.reason, 200)?;
    struct SheetLine {
        id: i64,
        item_id: i64,
        lot: Option<Lot>,
        name: String,
        unit: String,
    }
    let lines: Vec<SheetLine> = tx
        .prepare(
            "SELECT l.id, l.item_id, l.batch_id, l.asset_id, i.name, i.unit FROM inv_stocktake_lines l
             JOIN inv_items i ON i.id = l.item_id WHERE l.stocktake_id = ?1 ORDER BY l.id",
        )?
        .query_map([input.id], |r| {
            let lot = Lot::from_columns(r.get(2)?, r.get(3)?);
            Ok(SheetLine { id: r.get(0)?, item_id: r.get(1)?, lot, name: r.get(4)?, unit: r.get(5)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let counts: HashMap<i64, i64> = input.counts.iter().map(|c| (c.line_id, c.counted)).collect();
    let mut adjustments = 0;
    for SheetLine { id: line, item_id, lot, name, unit } in lines {
        let Some(lot) = lot else { continue };
        let counted = *counts
            .get(&line)
            .ok_or_else(|| AppError::validation("counts", format!("「{name}」还没有填写实盘数量")))?;
        if counted < 0 {
            return Err(AppError::validation("counts", format!("「{name}」的实盘数量不能小于 0")));
        }
        if matches!(lot, Lot::Asset(_)) && counted > 1 {
            return Err(AppError::validation("counts", format!("「{name}」按编号盘点，实盘数量只能是 0 或 1")));
        }
        tx.execute("UPDATE inv_stocktake_lines SET counted = ?1 WHERE id = ?2", params![counted, line])?;
        // The difference against the stock now (movements may have happened since printing).
        let diff = counted - super::lot_on_hand(tx, lot)?;
        if diff != 0 {
            if reason.is_empty() {
                return Err(AppError::validation("reason", "盘点有差异，请填写差异原因"));
            }
            let mut m = NewMovement::new(item_id, lot, MovementKind::Adjust, diff);
            m.reason = reason.clone();
            m.stocktake_id = Some(input.id);
            insert_movement(tx, &m, &unit)?;
            adjustments += 1;
        }
    }
    tx.execute(
        "UPDATE inv_stocktakes SET status = 'finished', finished_at = ?1 WHERE id = ?2",
        params![tx.now_str(), input.id],
    )?;
    tx.audit("stocktake", Some(input.id), "finish", &format!("{adjustments} 条调整"))?;
    Ok(adjustments)
}

impl Station {
    /// Makes the count sheet: every batch and unit in the station, with its expected stock.
    pub fn inventory_stocktake_start(&mut self, actor: &StaffActor, input: &StocktakeStartInput) -> Result<Stocktake> {
        let id = self.write(&Actor::Staff(actor.clone()), |tx| start(tx, input))?;
        self.inventory_stocktake_get(actor, id)
    }

    /// Records the counts and writes one adjustment per difference, all in one transaction.
    pub fn inventory_stocktake_finish(
        &mut self,
        actor: &StaffActor,
        input: &StocktakeFinishInput,
    ) -> Result<Stocktake> {
        self.write(&Actor::Staff(actor.clone()), |tx| finish(tx, input))?;
        self.inventory_stocktake_get(actor, input.id)
    }

    pub fn inventory_stocktake_cancel(&mut self, actor: &StaffActor, id: i64) -> Result<Stocktake> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let n =
                tx.execute("UPDATE inv_stocktakes SET status = 'cancelled' WHERE id = ?1 AND status = 'open'", [id])?;
            if n == 0 {
                return Err(AppError::new(ErrorCode::Conflict, "这张盘点单不存在或已经完成"));
            }
            tx.audit("stocktake", Some(id), "cancel", "")
        })?;
        self.inventory_stocktake_get(actor, id)
    }

    pub fn inventory_stocktakes(&self, _actor: &StaffActor) -> Result<Vec<StocktakeSummary>> {
        Ok(self
            .conn()
            .prepare(
                "SELECT s.id, s.note, s.status, s.started_at, s.finished_at,
                        (SELECT COUNT(*) FROM inv_stocktake_lines l WHERE l.stocktake_id = s.id),
                        (SELECT COUNT(*) FROM inv_movements m WHERE m.stocktake_id = s.id)
                 FROM inv_stocktakes s ORDER BY s.id DESC LIMIT 100",
            )?
            .query_map([], |r| {
                Ok(StocktakeSummary {
                    id: r.get(0)?,
                    note: r.get(1)?,
                    status: r.get(2)?,
                    started_at: r.get(3)?,
                    finished_at: r.get(4)?,
                    lines: r.get(5)?,
                    adjustments: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn inventory_stocktake_get(&self, _actor: &StaffActor, id: i64) -> Result<Stocktake> {
        let c = self.conn();
        let head = c
            .query_row(
                "SELECT s.note, s.status, s.started_at, s.finished_at, st.display_name,
                        (SELECT COUNT(*) FROM inv_movements m WHERE m.stocktake_id = s.id)
                 FROM inv_stocktakes s LEFT JOIN staff st ON st.id = s.staff_id WHERE s.id = ?1",
                [id],
                |r| {
                    Ok(Stocktake {
                        id,
                        note: r.get(0)?,
                        status: r.get(1)?,
                        started_at: r.get(2)?,
                        finished_at: r.get(3)?,
                        staff: r.get(4)?,
                        lines: Vec::new(),
                        adjustments: r.get(5)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| AppError::not_found("盘点单"))?;
        let lines = c
            .prepare(
                "SELECT l.id, l.item_id, i.name, i.unit, i.place, c.name, b.label, b.expiry_date, a.code, l.expected, l.counted
                 FROM inv_stocktake_lines l
                 JOIN inv_items i ON i.id = l.item_id
                 LEFT JOIN inv_categories c ON c.id = i.category_id
                 LEFT JOIN inv_batches b ON b.id = l.batch_id
                 LEFT JOIN inv_assets a ON a.id = l.asset_id
                 WHERE l.stocktake_id = ?1 ORDER BY i.place, i.name, b.expiry_date, a.code, l.id",
            )?
            .query_map([id], |r| {
                Ok(StocktakeLine {
                    id: r.get(0)?,
                    item_id: r.get(1)?,
                    item_name: r.get(2)?,
                    unit: r.get(3)?,
                    place: r.get(4)?,
                    category: r.get(5)?,
                    batch_label: r.get(6)?,
                    expiry_date: r.get(7)?,
                    asset_code: r.get(8)?,
                    expected: r.get(9)?,
                    counted: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stocktake { lines, ..head })
    }
}
