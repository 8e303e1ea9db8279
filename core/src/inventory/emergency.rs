//! Emergency readiness (应急物资: the "五有" 应急动员预案 needs them) and the desk home
//! panels: overdue loans, low stock, what expires soon.

use super::items::{expiry_window, IN_REPAIR_OF_ITEM};
use super::{ItemKind, LoanRow};
use crate::actor::StaffActor;
use crate::db::Station;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmergencyLine {
    pub item_id: i64,
    pub name: String,
    pub unit: String,
    pub place: String,
    pub min_stock: i64,
    pub on_hand: i64,
    /// On hand and not expired.
    pub usable: i64,
    /// Usable, but expiring within 30 days.
    pub expiring_soon: i64,
    pub expired: i64,
    pub next_expiry: Option<String>,
    /// min(usable / minimum, 1) as a percentage; 100 when no minimum is set.
    pub ready_percent: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EmergencyView {
    pub lines: Vec<EmergencyLine>,
    /// The average of the lines' ready percentages: 0–100.
    pub readiness_percent: u32,
    /// Lines at or above their minimum with usable stock.
    pub items_ready: u32,
    pub items_total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockAlert {
    pub item_id: i64,
    pub name: String,
    pub unit: String,
    pub kind: ItemKind,
    pub on_hand: i64,
    pub min_stock: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpiryAlert {
    pub item_id: i64,
    pub name: String,
    pub unit: String,
    pub batch_id: i64,
    pub batch_label: String,
    pub expiry_date: String,
    pub on_hand: i64,
    /// Negative: expired that many days ago.
    pub days_left: i64,
}

/// What the inventory asks of the desk today.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InventoryHome {
    pub overdue: Vec<LoanRow>,
    pub low_stock: Vec<StockAlert>,
    pub expiring: Vec<ExpiryAlert>,
}

fn ready_percent(usable: i64, min_stock: i64) -> u32 {
    if min_stock <= 0 {
        return 100;
    }
    ((usable.min(min_stock) * 100) / min_stock) as u32
}

impl Station {
    pub fn inventory_emergency(&self, _actor: &StaffActor) -> Result<EmergencyView> {
        let (today, horizon) = expiry_window(self.today());
        let lines: Vec<EmergencyLine> = self
            .conn()
            .prepare(
                "SELECT i.id, i.name, i.unit, i.place, i.min_stock, i.on_hand,
                        COALESCE(SUM(CASE WHEN b.expiry_date IS NULL OR b.expiry_date >= ?1 THEN b.on_hand END), 0),
                        COALESCE(SUM(CASE WHEN b.expiry_date >= ?1 AND b.expiry_date <= ?2 THEN b.on_hand END), 0),
                        COALESCE(SUM(CASE WHEN b.expiry_date < ?1 THEN b.on_hand END), 0),
                        MIN(CASE WHEN b.expiry_date >= ?1 THEN b.expiry_date END)
                 FROM inv_items i LEFT JOIN inv_batches b ON b.item_id = i.id AND b.on_hand > 0
                 WHERE i.kind = 'emergency' AND i.archived_at IS NULL
                 GROUP BY i.id ORDER BY i.name",
            )?
            .query_map(params![today, horizon], |r| {
                let min_stock: i64 = r.get(4)?;
                let usable: i64 = r.get(6)?;
                Ok(EmergencyLine {
                    item_id: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    place: r.get(3)?,
                    min_stock,
                    on_hand: r.get(5)?,
                    usable,
                    expiring_soon: r.get(7)?,
                    expired: r.get(8)?,
                    next_expiry: r.get(9)?,
                    ready_percent: ready_percent(usable, min_stock),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let items_total = lines.len() as u32;
        let items_ready = lines.iter().filter(|l| l.ready_percent >= 100 && l.usable > 0).count() as u32;
        let readiness_percent = if lines.is_empty() {
            0
        } else {
            (lines.iter().map(|l| u64::from(l.ready_percent)).sum::<u64>() / lines.len() as u64) as u32
        };
        Ok(EmergencyView { lines, readiness_percent, items_ready, items_total })
    }

    pub fn inventory_home(&self, _actor: &StaffActor) -> Result<InventoryHome> {
        let today = self.today();
        let today_s = today.to_string();
        let overdue = self.inventory_loan_rows("l.closed_at IS NULL AND l.due_date < ?1", &[&today_s], 50)?;
        let mut overdue = overdue;
        overdue.sort_by_key(|l| std::cmp::Reverse(l.overdue_days));
        // Stock the desk can hand out: units waiting for repair do not count.
        let low_stock = self
            .conn()
            .prepare(&format!(
                "SELECT id, name, unit, kind, lendable, min_stock FROM (
                     SELECT i.id, i.name, i.unit, i.kind, i.min_stock, i.on_hand - {IN_REPAIR_OF_ITEM} AS lendable
                     FROM inv_items i WHERE i.archived_at IS NULL AND i.min_stock > 0)
                 WHERE lendable < min_stock ORDER BY lendable * 1.0 / min_stock, name LIMIT 50"
            ))?
            .query_map([], |r| {
                Ok(StockAlert {
                    item_id: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    kind: ItemKind::parse(&r.get::<_, String>(3)?).unwrap_or(ItemKind::Consumable),
                    on_hand: r.get(4)?,
                    min_stock: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (_, horizon) = expiry_window(today);
        let expiring = self
            .conn()
            .prepare(
                "SELECT i.id, i.name, i.unit, b.id, b.label, b.expiry_date, b.on_hand
                 FROM inv_batches b JOIN inv_items i ON i.id = b.item_id
                 WHERE b.on_hand > 0 AND b.expiry_date <= ?1 AND i.archived_at IS NULL
                 ORDER BY b.expiry_date, i.name LIMIT 50",
            )?
            .query_map([horizon], |r| {
                let expiry: String = r.get(5)?;
                let days_left =
                    NaiveDate::parse_from_str(&expiry, "%Y-%m-%d").map(|d| (d - today).num_days()).unwrap_or(0);
                Ok(ExpiryAlert {
                    item_id: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    batch_id: r.get(3)?,
                    batch_label: r.get(4)?,
                    expiry_date: expiry,
                    on_hand: r.get(6)?,
                    days_left,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(InventoryHome { overdue, low_stock, expiring })
    }
}
