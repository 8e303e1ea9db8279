//! Station inventory (物资台账): items and their batches or asset units, an append-only
//! stock ledger, loans and reservations, stocktakes, emergency readiness.
//!
//! Stock is the sum of movements and never goes below zero, per item, per batch and per
//! asset unit. Every movement of a consumable or emergency supply names its batch (a receipt
//! creates one, with its expiry date); every movement of a lendable asset names its unit.
//! The schema keeps the sums in `on_hand` columns by trigger and forbids editing the ledger.

pub mod demo;
pub mod emergency;
pub mod export;
pub mod import;
pub mod items;
pub mod ledger;
pub mod loans;
pub mod stocktake;

use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::validate;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use emergency::*;
pub use export::*;
pub use items::*;
pub use ledger::*;
pub use loans::*;
pub use stocktake::*;

/// What an item is, which decides how its stock is held: consumables and emergency
/// supplies in batches (with expiry), lendable assets as numbered units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Consumable,
    Asset,
    Emergency,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Consumable => "consumable",
            ItemKind::Asset => "asset",
            ItemKind::Emergency => "emergency",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        match s {
            "consumable" => Some(ItemKind::Consumable),
            "asset" => Some(ItemKind::Asset),
            "emergency" => Some(ItemKind::Emergency),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Consumable => "消耗品",
            ItemKind::Asset => "可借用资产",
            ItemKind::Emergency => "应急物资",
        }
    }
}

/// Who borrows: a resident or a volunteer (see BORROWER_TABLES).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum BorrowerKind {
    Resident,
    Volunteer,
}

impl BorrowerKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BorrowerKind::Resident => "resident",
            BorrowerKind::Volunteer => "volunteer",
        }
    }

    pub fn parse(s: &str) -> Option<BorrowerKind> {
        match s {
            "resident" => Some(BorrowerKind::Resident),
            "volunteer" => Some(BorrowerKind::Volunteer),
            _ => None,
        }
    }
}

/// The registers a borrower may come from: a table, or a parenthesised subquery, with the
/// columns `id`, `name` and `phone` (text, not NULL).
pub(crate) const BORROWER_TABLES: &[(BorrowerKind, &str)] =
    &[(BorrowerKind::Resident, "residents"), (BorrowerKind::Volunteer, VOLUNTEER_SOURCE)];

/// Volunteers as borrowers: a volunteer who is also a resident keeps name and phone on the
/// resident row.
pub(crate) const VOLUNTEER_SOURCE: &str = "(SELECT v.id AS id, COALESCE(v.name, r.name, '') AS name,
        COALESCE(v.phone, r.phone, '') AS phone FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id)";

/// `borrowers(kind, id, name, phone)` over every register in BORROWER_TABLES, for joins.
pub(crate) fn borrowers_cte() -> String {
    borrowers_cte_of(BORROWER_TABLES)
}

fn borrowers_cte_of(sources: &[(BorrowerKind, &str)]) -> String {
    let parts: Vec<String> = sources
        .iter()
        .map(|(kind, source)| format!("SELECT '{}' AS kind, id, name, phone FROM {source}", kind.as_str()))
        .collect();
    format!("WITH borrowers(kind, id, name, phone) AS ({})", parts.join(" UNION ALL "))
}

/// A borrower's name and phone, or a refusal naming the field.
pub(crate) fn borrower(conn: &rusqlite::Connection, kind: BorrowerKind, id: i64) -> Result<(String, String)> {
    borrower_in(BORROWER_TABLES, conn, kind, id)
}

fn borrower_in(
    sources: &[(BorrowerKind, &str)],
    conn: &rusqlite::Connection,
    kind: BorrowerKind,
    id: i64,
) -> Result<(String, String)> {
    let Some((_, source)) = sources.iter().find(|(k, _)| *k == kind) else {
        return Err(AppError::validation("borrowerKind", "志愿者登记尚未启用，暂不能借给志愿者"));
    };
    conn.query_row(&format!("SELECT name, phone FROM {source} WHERE id = ?1"), [id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| AppError::validation("borrowerId", "借用人不存在，请从名册中选择"))
}

/// A quantity typed by staff: a whole number above zero.
pub(crate) fn positive_quantity(value: i64) -> Result<i64> {
    if value <= 0 {
        return Err(AppError::validation("quantity", "数量必须是大于 0 的整数"));
    }
    if value > 1_000_000 {
        return Err(AppError::validation("quantity", "数量过大，请核对（最多 1000000）"));
    }
    Ok(value)
}

/// An optional date field: None or empty means not given.
pub(crate) fn optional_date(field: &str, label: &str, value: &Option<String>) -> Result<Option<NaiveDate>> {
    match value.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) => validate::date(field, label, v).map(Some),
    }
}

/// A date that must be today or later (due dates, reservations).
pub(crate) fn date_from_today(field: &str, label: &str, value: &str, today: NaiveDate) -> Result<NaiveDate> {
    if value.trim().is_empty() {
        return Err(AppError::validation(field, format!("请选择{label}")));
    }
    let d = validate::date(field, label, value)?;
    if d < today {
        return Err(AppError::validation(field, format!("{label}不能早于今天")));
    }
    Ok(d)
}

/// The basic facts about an item every operation checks first.
#[derive(Debug, Clone)]
pub(crate) struct ItemFacts {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub kind: ItemKind,
    pub archived: bool,
}

pub(crate) fn item_facts(conn: &rusqlite::Connection, id: i64) -> Result<ItemFacts> {
    conn.query_row("SELECT id, name, unit, kind, archived_at FROM inv_items WHERE id = ?1", [id], |r| {
        Ok(ItemFacts {
            id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            kind: ItemKind::parse(&r.get::<_, String>(3)?).unwrap_or(ItemKind::Consumable),
            archived: r.get::<_, Option<String>>(4)?.is_some(),
        })
    })
    .optional()?
    .ok_or_else(|| AppError::validation("itemId", "物资不存在，请重新选择物资"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum MovementKind {
    Receive,
    Issue,
    Lend,
    Return,
    Adjust,
    Dispose,
    Reverse,
}

impl MovementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MovementKind::Receive => "receive",
            MovementKind::Issue => "issue",
            MovementKind::Lend => "lend",
            MovementKind::Return => "return",
            MovementKind::Adjust => "adjust",
            MovementKind::Dispose => "dispose",
            MovementKind::Reverse => "reverse",
        }
    }

    pub fn parse(s: &str) -> Option<MovementKind> {
        [
            MovementKind::Receive,
            MovementKind::Issue,
            MovementKind::Lend,
            MovementKind::Return,
            MovementKind::Adjust,
            MovementKind::Dispose,
            MovementKind::Reverse,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            MovementKind::Receive => "入库",
            MovementKind::Issue => "领用",
            MovementKind::Lend => "借出",
            MovementKind::Return => "归还",
            MovementKind::Adjust => "盘点调整",
            MovementKind::Dispose => "报废",
            MovementKind::Reverse => "冲正",
        }
    }
}

/// Where a movement's stock sits: a batch of a consumable/emergency item or an asset unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lot {
    Batch(i64),
    Asset(i64),
}

impl Lot {
    /// From a row's batch_id and asset_id columns (exactly one is set).
    pub fn from_columns(batch: Option<i64>, asset: Option<i64>) -> Option<Lot> {
        match (batch, asset) {
            (Some(b), _) => Some(Lot::Batch(b)),
            (_, Some(a)) => Some(Lot::Asset(a)),
            _ => None,
        }
    }
}

/// One ledger line about to be written.
#[derive(Debug, Clone)]
pub(crate) struct NewMovement {
    pub item_id: i64,
    pub lot: Lot,
    pub kind: MovementKind,
    /// Signed change of stock on hand.
    pub quantity: i64,
    pub source: String,
    pub party: String,
    pub activity: String,
    pub reason: String,
    pub loan_id: Option<i64>,
    pub stocktake_id: Option<i64>,
    pub reverses_id: Option<i64>,
}

impl NewMovement {
    pub fn new(item_id: i64, lot: Lot, kind: MovementKind, quantity: i64) -> NewMovement {
        NewMovement {
            item_id,
            lot,
            kind,
            quantity,
            source: String::new(),
            party: String::new(),
            activity: String::new(),
            reason: String::new(),
            loan_id: None,
            stocktake_id: None,
            reverses_id: None,
        }
    }
}

/// Stock on hand of a batch or asset unit.
pub(crate) fn lot_on_hand(conn: &rusqlite::Connection, lot: Lot) -> Result<i64> {
    let (sql, id) = match lot {
        Lot::Batch(id) => ("SELECT on_hand FROM inv_batches WHERE id = ?1", id),
        Lot::Asset(id) => ("SELECT on_hand FROM inv_assets WHERE id = ?1", id),
    };
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

/// Writes one movement after checking that stock stays at or above zero (and an asset unit
/// at most one). The trigger then moves the on_hand sums.
pub(crate) fn insert_movement(tx: &Tx, m: &NewMovement, unit: &str) -> Result<i64> {
    let on_hand = lot_on_hand(tx, m.lot)?;
    let after = on_hand + m.quantity;
    if after < 0 {
        return Err(AppError::validation(
            "quantity",
            format!("库存不足：现有 {on_hand} {unit}，不能减少 {} {unit}（库存不能小于 0）", -m.quantity),
        ));
    }
    if matches!(m.lot, Lot::Asset(_)) && after > 1 {
        return Err(AppError::validation("quantity", "该编号的资产已在库，不能重复入库或归还"));
    }
    let (batch_id, asset_id) = match m.lot {
        Lot::Batch(b) => (Some(b), None),
        Lot::Asset(a) => (None, Some(a)),
    };
    tx.execute(
        "INSERT INTO inv_movements (item_id, batch_id, asset_id, kind, quantity, source, party, activity, reason,
                                    loan_id, stocktake_id, reverses_id, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            m.item_id,
            batch_id,
            asset_id,
            m.kind.as_str(),
            m.quantity,
            m.source,
            m.party,
            m.activity,
            m.reason,
            m.loan_id,
            m.stocktake_id,
            m.reverses_id,
            tx.now_str(),
            tx.actor.staff_id()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Takes `quantity` out of an item's batches, earliest expiry first (expired batches are
/// not handed out), and returns how much comes from each batch.
pub(crate) fn allocate_fefo(tx: &Tx, item: &ItemFacts, quantity: i64) -> Result<Vec<(i64, i64)>> {
    let today = tx.today().to_string();
    let batches: Vec<(i64, i64)> = tx
        .prepare(
            "SELECT id, on_hand FROM inv_batches
             WHERE item_id = ?1 AND on_hand > 0 AND (expiry_date IS NULL OR expiry_date >= ?2)
             ORDER BY expiry_date IS NULL, expiry_date, id",
        )?
        .query_map(params![item.id, today], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let usable: i64 = batches.iter().map(|(_, n)| n).sum();
    if usable < quantity {
        return Err(AppError::validation(
            "quantity",
            format!(
                "库存不足：「{}」可用 {usable} {}（不含过期批次），不能出库 {quantity} {}",
                item.name, item.unit, item.unit
            ),
        ));
    }
    let mut left = quantity;
    let mut out = Vec::new();
    for (id, n) in batches {
        if left == 0 {
            break;
        }
        let take = n.min(left);
        out.push((id, take));
        left -= take;
    }
    Ok(out)
}

/// Checks that a batch belongs to the item.
pub(crate) fn batch_of(conn: &rusqlite::Connection, item_id: i64, batch_id: i64) -> Result<i64> {
    let ok: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM inv_batches WHERE id = ?1 AND item_id = ?2)",
        params![batch_id, item_id],
        |r| r.get(0),
    )?;
    if !ok {
        return Err(AppError::validation("batchId", "所选批次不属于该物资"));
    }
    Ok(batch_id)
}

/// Checks that an asset unit belongs to the item and is not retired.
pub(crate) fn asset_of(conn: &rusqlite::Connection, item_id: i64, asset_id: i64) -> Result<i64> {
    let retired: Option<Option<String>> = conn
        .query_row(
            "SELECT retired_at FROM inv_assets WHERE id = ?1 AND item_id = ?2",
            params![asset_id, item_id],
            |r| r.get(0),
        )
        .optional()?;
    match retired {
        None => Err(AppError::validation("assetId", "所选资产编号不属于该物资")),
        Some(Some(_)) => Err(AppError::validation("assetId", "该资产已报废或遗失")),
        Some(None) => Ok(asset_id),
    }
}

/// Standard base64 (for photos crossing the boundary as data URLs).
pub(crate) mod base64 {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            for i in 0..4 {
                if i <= chunk.len() {
                    out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3);
        let mut acc: u32 = 0;
        let mut bits = 0;
        for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
            if c == b'=' {
                break;
            }
            let v = ALPHABET.iter().position(|a| *a == c)? as u32;
            acc = (acc << 6) | v;
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests;
