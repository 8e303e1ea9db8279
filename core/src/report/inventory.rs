//! Inventory: what moved in the period and the state at its end.
//!
//! Movements count by kind (as ledger lines: a receipt of asset units writes one per unit) (receive, issue, lend, return, dispose) in the period; a movement
//! that was later reversed counts for nothing (the reversal itself is not a movement of its
//! kind). Loans made = loans opened in the period. State figures are taken at the end of the
//! as-of day (see mod.rs): overdue loans = open then and due before that day (as the
//! inventory home's overdue list: due date < today); below minimum = items whose stock then
//! (stock now minus what moved since) is under their minimum stock; expiring = batches with
//! stock then that expire within the inventory's warning window (30 days) from that day.

use super::{rows, Bounds};
use crate::db::Station;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InventoryFigures {
    pub receipts: u32,
    pub received_quantity: i64,
    pub issues: u32,
    pub issued_quantity: i64,
    pub loans: u32,
    pub lent_quantity: i64,
    pub returned_quantity: i64,
    pub disposed_quantity: i64,
    pub overdue_loans: u32,
    pub below_minimum: u32,
    pub expiring_batches: u32,
    pub expiring_quantity: i64,
}

pub const SQL: [(&str, &str); 3] = [("stock movements", MOVEMENTS), ("loans", LOANS), ("stock state", STATE)];

const MOVEMENTS: &str = "
SELECT m.kind, COUNT(*), SUM(m.quantity) FROM inv_movements m
 WHERE m.at >= :start AND m.at < :end AND m.kind IN ('receive', 'issue', 'lend', 'return', 'dispose')
   AND NOT EXISTS (SELECT 1 FROM inv_movements r WHERE r.reverses_id = m.id)
 GROUP BY m.kind";

const LOANS: &str =
    "SELECT COUNT(*), COALESCE(SUM(quantity), 0) FROM inv_loans WHERE lent_at >= :start AND lent_at < :end";

const STATE: &str = "
SELECT
 (SELECT COUNT(*) FROM inv_loans
   WHERE lent_at < :asof_end AND (closed_at IS NULL OR closed_at >= :asof_end) AND due_date < :asof),
 (SELECT COUNT(*) FROM inv_items i
   WHERE i.archived_at IS NULL AND i.min_stock > 0
     AND i.on_hand - COALESCE((SELECT SUM(m.quantity) FROM inv_movements m
                                WHERE m.item_id = i.id AND m.at >= :asof_end), 0) < i.min_stock),
 e.batches, e.quantity
FROM (SELECT COUNT(*) AS batches, COALESCE(SUM(stock), 0) AS quantity FROM
       (SELECT b.on_hand - COALESCE((SELECT SUM(m.quantity) FROM inv_movements m
                                      WHERE m.batch_id = b.id AND m.at >= :asof_end), 0) AS stock
          FROM inv_batches b JOIN inv_items i ON i.id = b.item_id
         WHERE i.archived_at IS NULL AND b.expiry_date >= :asof AND b.expiry_date <= :horizon)
      WHERE stock > 0) e";

pub(super) fn figures(st: &Station, b: &Bounds) -> Result<InventoryFigures> {
    let mut f = InventoryFigures::default();
    for (kind, n, qty) in
        rows(st, MOVEMENTS, b, |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?, r.get::<_, i64>(2)?)))?
    {
        match kind.as_str() {
            "receive" => (f.receipts, f.received_quantity) = (n, qty),
            "issue" => (f.issues, f.issued_quantity) = (n, -qty),
            "return" => f.returned_quantity = qty,
            "dispose" => f.disposed_quantity = -qty,
            _ => {} // lend: the loans below count them with their quantities
        }
    }
    for (n, qty) in rows(st, LOANS, b, |r| Ok((r.get::<_, u32>(0)?, r.get::<_, i64>(1)?)))? {
        (f.loans, f.lent_quantity) = (n, qty);
    }
    for (overdue, low, batches, qty) in rows(st, STATE, b, |r| {
        Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?, r.get::<_, u32>(2)?, r.get::<_, i64>(3)?))
    })? {
        (f.overdue_loans, f.below_minimum, f.expiring_batches, f.expiring_quantity) = (overdue, low, batches, qty);
    }
    Ok(f)
}
