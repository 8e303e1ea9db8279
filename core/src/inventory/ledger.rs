//! The stock ledger (台账): receive, issue, adjust, dispose and reversing entries, and the
//! ledger's listing. Lend and return movements are written by the loans module.

use super::{
    allocate_fefo, asset_of, batch_of, insert_movement, item_facts, items::next_asset_code, optional_date,
    positive_quantity, ItemDetail, ItemFacts, ItemKind, Lot, MovementKind, NewMovement,
};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReceiveSource {
    /// 采购
    Purchase,
    /// 捐赠
    Donation,
    /// 街道下发
    Street,
    /// 其他
    Other,
}

impl ReceiveSource {
    pub fn label(self) -> &'static str {
        match self {
            ReceiveSource::Purchase => "采购",
            ReceiveSource::Donation => "捐赠",
            ReceiveSource::Street => "街道下发",
            ReceiveSource::Other => "其他",
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReceiveInput {
    pub item_id: i64,
    pub quantity: i64,
    pub source: ReceiveSource,
    /// YYYY-MM-DD; for consumables and emergency supplies.
    pub expiry_date: Option<String>,
    /// 批号, optional.
    pub batch_label: String,
    /// Lendable assets: one code per unit; empty = numbered automatically (ZC-000001 …).
    pub asset_codes: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IssueInput {
    pub item_id: i64,
    /// None = earliest expiry first.
    pub batch_id: Option<i64>,
    pub quantity: i64,
    /// 领用人 / 领用单位
    pub recipient: String,
    /// 用于哪项活动
    pub activity: String,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum DisposeReason {
    Expired,
    Broken,
    Lost,
}

impl DisposeReason {
    pub fn label(self) -> &'static str {
        match self {
            DisposeReason::Expired => "过期",
            DisposeReason::Broken => "损坏",
            DisposeReason::Lost => "丢失",
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DisposeInput {
    pub item_id: i64,
    /// Consumables / emergency supplies: the batch (None = earliest expiry first).
    pub batch_id: Option<i64>,
    /// Lendable assets: the unit.
    pub asset_id: Option<i64>,
    pub quantity: i64,
    pub reason: DisposeReason,
    pub note: String,
}

/// A stock adjustment outside a stocktake: what was found (+) or found missing (−) when
/// somebody looked at the shelf, with why.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AdjustInput {
    pub item_id: i64,
    /// None: a gain goes to the newest batch, a loss comes from expired batches first, then
    /// the earliest expiry.
    pub batch_id: Option<i64>,
    /// Signed: +2 found, −1 missing. Never 0.
    pub quantity: i64,
    /// 调整原因 (required: an adjustment without a reason cannot be checked later).
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReverseInput {
    pub movement_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementRow {
    pub id: i64,
    pub at: String,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub kind: MovementKind,
    /// Signed change of stock on hand.
    pub quantity: i64,
    pub batch_label: Option<String>,
    pub expiry_date: Option<String>,
    pub asset_code: Option<String>,
    pub source: String,
    pub party: String,
    pub activity: String,
    pub reason: String,
    pub loan_id: Option<i64>,
    pub stocktake_id: Option<i64>,
    pub reverses_id: Option<i64>,
    /// The movement that reversed this one, if any.
    pub reversed_by: Option<i64>,
    pub staff: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementQuery {
    pub item_id: Option<i64>,
    pub kind: Option<MovementKind>,
    /// YYYY-MM-DD, local dates, inclusive.
    pub from: Option<String>,
    pub to: Option<String>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MovementPage {
    pub items: Vec<MovementRow>,
    pub total: u32,
}

const MOVEMENT_SELECT: &str =
    "SELECT m.id, m.at, m.item_id, i.name, i.unit, m.kind, m.quantity, b.label, b.expiry_date,
        a.code, m.source, m.party, m.activity, m.reason, m.loan_id, m.stocktake_id, m.reverses_id,
        (SELECT r.id FROM inv_movements r WHERE r.reverses_id = m.id), s.display_name
    FROM inv_movements m
    JOIN inv_items i ON i.id = m.item_id
    LEFT JOIN inv_batches b ON b.id = m.batch_id
    LEFT JOIN inv_assets a ON a.id = m.asset_id
    LEFT JOIN staff s ON s.id = m.staff_id";

impl MovementRow {
    /// The ledger's word for this line: an adjustment is 盘点调整 when a stocktake wrote it,
    /// 库存调整 when somebody corrected the shelf outside one.
    pub fn kind_label(&self) -> &'static str {
        match (self.kind, self.stocktake_id) {
            (MovementKind::Adjust, None) => "库存调整",
            (kind, _) => kind.label(),
        }
    }
}

fn movement_row(r: &rusqlite::Row) -> rusqlite::Result<MovementRow> {
    Ok(MovementRow {
        id: r.get(0)?,
        at: r.get(1)?,
        item_id: r.get(2)?,
        item_name: r.get(3)?,
        unit: r.get(4)?,
        kind: MovementKind::parse(&r.get::<_, String>(5)?).unwrap_or(MovementKind::Adjust),
        quantity: r.get(6)?,
        batch_label: r.get(7)?,
        expiry_date: r.get(8)?,
        asset_code: r.get(9)?,
        source: r.get(10)?,
        party: r.get(11)?,
        activity: r.get(12)?,
        reason: r.get(13)?,
        loan_id: r.get(14)?,
        stocktake_id: r.get(15)?,
        reverses_id: r.get(16)?,
        reversed_by: r.get(17)?,
        staff: r.get(18)?,
    })
}

fn usable_item(conn: &rusqlite::Connection, item_id: i64) -> Result<ItemFacts> {
    let item = item_facts(conn, item_id)?;
    if item.archived {
        return Err(AppError::validation("itemId", format!("「{}」已归档，请先恢复", item.name)));
    }
    Ok(item)
}

/// A new batch of a consumable / emergency supply.
fn new_batch(tx: &Tx, item_id: i64, label: &str, expiry: Option<chrono::NaiveDate>) -> Result<i64> {
    tx.execute(
        "INSERT INTO inv_batches (item_id, label, expiry_date, received_at) VALUES (?1, ?2, ?3, ?4)",
        params![item_id, label, expiry.map(|d| d.to_string()), tx.now_str()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Checks the asset codes typed for a receipt: one per unit, each new. None = number the
/// units automatically.
fn asset_codes(tx: &Tx, input: &ReceiveInput, quantity: i64) -> Result<Option<Vec<String>>> {
    let typed: Vec<String> = input
        .asset_codes
        .iter()
        .map(|c| validate::half_width(c).trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    if typed.is_empty() {
        return Ok(None);
    }
    if typed.len() as i64 != quantity {
        return Err(AppError::validation(
            "assetCodes",
            format!("资产编号应与数量一致：数量 {quantity}，编号 {} 个", typed.len()),
        ));
    }
    for (i, code) in typed.iter().enumerate() {
        if code.chars().count() > 30 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(AppError::validation("assetCodes", format!("资产编号「{code}」只能包含字母、数字和连字符")));
        }
        if typed[..i].contains(code) {
            return Err(AppError::validation("assetCodes", format!("资产编号「{code}」重复")));
        }
        let taken: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM inv_assets WHERE code = ?1)", [code], |r| r.get(0))?;
        if taken {
            return Err(AppError::validation("assetCodes", format!("资产编号「{code}」已被使用")));
        }
    }
    Ok(Some(typed))
}

pub(crate) fn receive(tx: &Tx, input: &ReceiveInput) -> Result<Vec<i64>> {
    let item = usable_item(tx, input.item_id)?;
    let quantity = positive_quantity(input.quantity)?;
    let note = validate::optional_text("note", "备注", &input.note, 200)?;
    let label = validate::optional_text("batchLabel", "批号", &input.batch_label, 30)?;
    let expiry = optional_date("expiryDate", "有效期", &input.expiry_date)?;
    let source = input.source.label().to_string();
    let mut ids = Vec::new();
    match item.kind {
        ItemKind::Asset => {
            if quantity > 500 {
                return Err(AppError::validation("quantity", "一次最多登记 500 件资产"));
            }
            let typed = asset_codes(tx, input, quantity)?;
            for i in 0..quantity as usize {
                // Automatic codes are drawn one at a time so each is free when inserted.
                let code = match &typed {
                    Some(codes) => codes[i].clone(),
                    None => next_asset_code(tx)?,
                };
                tx.execute(
                    "INSERT INTO inv_assets (item_id, code, created_at) VALUES (?1, ?2, ?3)",
                    params![item.id, code, tx.now_str()],
                )?;
                let asset = tx.last_insert_rowid();
                let mut m = NewMovement::new(item.id, Lot::Asset(asset), MovementKind::Receive, 1);
                m.source = source.clone();
                m.reason = note.clone();
                ids.push(insert_movement(tx, &m, &item.unit)?);
            }
        }
        ItemKind::Consumable | ItemKind::Emergency => {
            if item.kind == ItemKind::Emergency && expiry.is_none() {
                return Err(AppError::validation("expiryDate", "应急物资请填写有效期（无有效期的请填写较远日期）"));
            }
            let batch = new_batch(tx, item.id, &label, expiry)?;
            let mut m = NewMovement::new(item.id, Lot::Batch(batch), MovementKind::Receive, quantity);
            m.source = source.clone();
            m.reason = note.clone();
            ids.push(insert_movement(tx, &m, &item.unit)?);
        }
    }
    tx.audit("item", Some(item.id), "receive", &format!("{} {quantity}{}（{source}）", item.name, item.unit))?;
    Ok(ids)
}

pub(crate) fn issue(tx: &Tx, input: &IssueInput) -> Result<Vec<i64>> {
    let item = usable_item(tx, input.item_id)?;
    let quantity = positive_quantity(input.quantity)?;
    if item.kind == ItemKind::Asset {
        return Err(AppError::validation("itemId", "可借用资产请用「借出」登记，不能领用"));
    }
    let recipient = validate::required_text("recipient", "领用人", &input.recipient, 40)?;
    let activity = validate::optional_text("activity", "用途/活动", &input.activity, 60)?;
    let note = validate::optional_text("note", "备注", &input.note, 200)?;
    let parts = match input.batch_id {
        Some(b) => vec![(batch_of(tx, item.id, b)?, quantity)],
        None => allocate_fefo(tx, &item, quantity)?,
    };
    let mut ids = Vec::new();
    for (batch, n) in parts {
        let mut m = NewMovement::new(item.id, Lot::Batch(batch), MovementKind::Issue, -n);
        m.party = recipient.clone();
        m.activity = activity.clone();
        m.reason = note.clone();
        ids.push(insert_movement(tx, &m, &item.unit)?);
    }
    tx.audit(
        "item",
        Some(item.id),
        "issue",
        &format!("{} {quantity}{} → {}", item.name, item.unit, crate::privacy::audit_name(&recipient)),
    )?;
    Ok(ids)
}

pub(crate) fn dispose(tx: &Tx, input: &DisposeInput) -> Result<Vec<i64>> {
    let item = usable_item(tx, input.item_id)?;
    let quantity = positive_quantity(input.quantity)?;
    let note = validate::optional_text("note", "备注", &input.note, 200)?;
    let reason = input.reason.label().to_string();
    let parts: Vec<(Lot, i64)> = match item.kind {
        ItemKind::Asset => {
            let asset = input.asset_id.ok_or_else(|| AppError::validation("assetId", "请选择要报废的资产编号"))?;
            let asset = asset_of(tx, item.id, asset)?;
            if quantity != 1 {
                return Err(AppError::validation("quantity", "按编号报废的资产数量为 1"));
            }
            tx.execute("UPDATE inv_assets SET retired_at = ?1 WHERE id = ?2", params![tx.now_str(), asset])?;
            vec![(Lot::Asset(asset), 1)]
        }
        _ => match input.batch_id {
            Some(b) => vec![(Lot::Batch(batch_of(tx, item.id, b)?), quantity)],
            // Expired batches are what gets disposed most: take them first, then FEFO.
            None => expired_first(tx, &item, quantity)?,
        },
    };
    let mut ids = Vec::new();
    for (lot, n) in parts {
        let mut m = NewMovement::new(item.id, lot, MovementKind::Dispose, -n);
        m.source = reason.clone();
        m.reason = note.clone();
        ids.push(insert_movement(tx, &m, &item.unit)?);
    }
    tx.audit("item", Some(item.id), "dispose", &format!("{} {quantity}{}（{reason}）", item.name, item.unit))?;
    Ok(ids)
}

fn expired_first(tx: &Tx, item: &ItemFacts, quantity: i64) -> Result<Vec<(Lot, i64)>> {
    let batches: Vec<(i64, i64)> = tx
        .prepare(
            "SELECT id, on_hand FROM inv_batches WHERE item_id = ?1 AND on_hand > 0
             ORDER BY expiry_date IS NULL, expiry_date, id",
        )?
        .query_map([item.id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let total: i64 = batches.iter().map(|(_, n)| n).sum();
    if total < quantity {
        return Err(AppError::validation(
            "quantity",
            format!("库存不足：「{}」现有 {total} {}，不能减少 {quantity} {}", item.name, item.unit, item.unit),
        ));
    }
    let mut left = quantity;
    let mut out = Vec::new();
    for (id, n) in batches {
        if left == 0 {
            break;
        }
        let take = n.min(left);
        out.push((Lot::Batch(id), take));
        left -= take;
    }
    Ok(out)
}

pub(crate) fn adjust(tx: &Tx, input: &AdjustInput) -> Result<Vec<i64>> {
    let item = usable_item(tx, input.item_id)?;
    if item.kind == ItemKind::Asset {
        return Err(AppError::validation(
            "itemId",
            "可借用资产按编号管理：找到的请「入库」登记编号，缺失的请「报废」（原因：丢失）",
        ));
    }
    if input.quantity == 0 {
        return Err(AppError::validation("quantity", "调整数量不能为 0：多出填正数，短少填负数"));
    }
    let amount = positive_quantity(input.quantity.abs())?;
    let reason = validate::required_text("reason", "调整原因", &input.reason, 200)?;
    let parts: Vec<(Lot, i64)> = match (input.batch_id, input.quantity > 0) {
        (Some(b), _) => vec![(Lot::Batch(batch_of(tx, item.id, b)?), input.quantity)],
        (None, true) => {
            let newest: Option<i64> = tx
                .query_row(
                    "SELECT id FROM inv_batches WHERE item_id = ?1 ORDER BY received_at DESC, id DESC LIMIT 1",
                    [item.id],
                    |r| r.get(0),
                )
                .optional()?;
            let batch = newest.ok_or_else(|| {
                AppError::validation("quantity", format!("「{}」还没有入库过，请用「入库」登记", item.name))
            })?;
            vec![(Lot::Batch(batch), amount)]
        }
        (None, false) => expired_first(tx, &item, amount)?.into_iter().map(|(lot, n)| (lot, -n)).collect(),
    };
    let mut ids = Vec::new();
    for (lot, n) in parts {
        let mut m = NewMovement::new(item.id, lot, MovementKind::Adjust, n);
        m.reason = reason.clone();
        ids.push(insert_movement(tx, &m, &item.unit)?);
    }
    tx.audit("item", Some(item.id), "adjust", &format!("{} {:+}{}：{reason}", item.name, input.quantity, item.unit))?;
    Ok(ids)
}

/// A reversing entry for a receive, issue, adjustment or disposal: the same quantity the
/// other way, linked to it. Lend and return are corrected through the loan instead.
pub(crate) fn reverse(tx: &Tx, input: &ReverseInput) -> Result<i64> {
    let reason = validate::required_text("reason", "冲正原因", &input.reason, 200)?;
    // (item, its batch or unit, kind, quantity, the movement that already reversed it)
    type Original = (i64, Option<Lot>, String, i64, Option<i64>);
    let found: Option<Original> = tx
        .query_row(
            "SELECT item_id, batch_id, asset_id, kind, quantity, (SELECT id FROM inv_movements r WHERE r.reverses_id = m.id)
             FROM inv_movements m WHERE id = ?1",
            [input.movement_id],
            |r| {
                let lot = Lot::from_columns(r.get(1)?, r.get(2)?);
                Ok((r.get(0)?, lot, r.get(3)?, r.get(4)?, r.get(5)?))
            },
        )
        .optional()?;
    let (item_id, lot, kind, quantity, reversed_by) =
        found.ok_or_else(|| AppError::validation("movementId", "要冲正的台账记录不存在"))?;
    let kind = MovementKind::parse(&kind).unwrap_or(MovementKind::Adjust);
    if matches!(kind, MovementKind::Lend | MovementKind::Return | MovementKind::Reverse) {
        return Err(AppError::validation(
            "movementId",
            format!("「{}」记录不能冲正，请在借用记录中处理", kind.label()),
        ));
    }
    if reversed_by.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这条台账记录已经冲正过了"));
    }
    let item = item_facts(tx, item_id)?;
    let lot = lot.ok_or_else(|| AppError::internal("台账记录缺少批次"))?;
    if let Lot::Asset(a) = lot {
        // Undoing a receipt retires the unit (it never came); undoing a disposal brings it back.
        let open: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM inv_loans WHERE asset_id = ?1 AND closed_at IS NULL)",
            [a],
            |r| r.get(0),
        )?;
        if open {
            return Err(AppError::new(ErrorCode::Conflict, "该资产正在借出，请先办理归还"));
        }
        let retired = if quantity > 0 { Some(tx.now_str()) } else { None };
        tx.execute("UPDATE inv_assets SET retired_at = ?1 WHERE id = ?2", params![retired, a])?;
    }
    let mut m = NewMovement::new(item_id, lot, MovementKind::Reverse, -quantity);
    m.reason = reason.clone();
    m.reverses_id = Some(input.movement_id);
    let id = insert_movement(tx, &m, &item.unit)?;
    tx.audit("item", Some(item_id), "reverse", &format!("冲正 #{}：{reason}", input.movement_id))?;
    Ok(id)
}

impl Station {
    fn ledger_write(
        &mut self,
        actor: &StaffActor,
        item_id: i64,
        f: impl FnOnce(&Tx) -> Result<Vec<i64>>,
    ) -> Result<ItemDetail> {
        self.write(&Actor::Staff(actor.clone()), f)?;
        self.inventory_item_get(actor, item_id)
    }

    /// 入库: a new batch (consumables, emergency supplies) or new numbered units (assets).
    pub fn inventory_receive(&mut self, actor: &StaffActor, input: &ReceiveInput) -> Result<ItemDetail> {
        self.ledger_write(actor, input.item_id, |tx| receive(tx, input))
    }

    /// 领用: to whom, for which activity; earliest expiry first unless a batch is chosen.
    pub fn inventory_issue(&mut self, actor: &StaffActor, input: &IssueInput) -> Result<ItemDetail> {
        self.ledger_write(actor, input.item_id, |tx| issue(tx, input))
    }

    /// 报废: expired, broken or lost, with a reason.
    pub fn inventory_dispose(&mut self, actor: &StaffActor, input: &DisposeInput) -> Result<ItemDetail> {
        self.ledger_write(actor, input.item_id, |tx| dispose(tx, input))
    }

    /// 库存调整 outside a stocktake: found or missing stock, with a reason.
    pub fn inventory_adjust(&mut self, actor: &StaffActor, input: &AdjustInput) -> Result<ItemDetail> {
        self.ledger_write(actor, input.item_id, |tx| adjust(tx, input))
    }

    /// 冲正: corrects a mistaken movement by its opposite (the original stays in the ledger).
    pub fn inventory_reverse(&mut self, actor: &StaffActor, input: &ReverseInput) -> Result<ItemDetail> {
        let item_id: i64 = self
            .conn()
            .query_row("SELECT item_id FROM inv_movements WHERE id = ?1", [input.movement_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| AppError::validation("movementId", "要冲正的台账记录不存在"))?;
        self.ledger_write(actor, item_id, |tx| reverse(tx, input).map(|id| vec![id]))
    }

    pub fn inventory_movements(&self, _actor: &StaffActor, q: &MovementQuery) -> Result<MovementPage> {
        let mut filters = vec!["1 = 1".to_string()];
        let mut values: Vec<Value> = Vec::new();
        if let Some(item) = q.item_id {
            values.push(item.into());
            filters.push(format!("m.item_id = ?{}", values.len()));
        }
        if let Some(k) = q.kind {
            values.push(k.as_str().to_string().into());
            filters.push(format!("m.kind = ?{}", values.len()));
        }
        // Stored times are UTC; the filter's dates are local days.
        let tz = self.tz();
        let bound = |field: &str, label: &str, v: &Option<String>, days: i64| -> Result<Option<String>> {
            Ok(optional_date(field, label, v)?
                .and_then(|d| (d + chrono::Duration::days(days)).and_hms_opt(0, 0, 0))
                .and_then(|d| d.and_local_timezone(tz).single())
                .map(|d| crate::clock::timestamp(d.with_timezone(&chrono::Utc))))
        };
        if let Some(from) = bound("from", "开始日期", &q.from, 0)? {
            values.push(from.into());
            filters.push(format!("m.at >= ?{}", values.len()));
        }
        if let Some(to) = bound("to", "结束日期", &q.to, 1)? {
            values.push(to.into());
            filters.push(format!("m.at < ?{}", values.len()));
        }
        let where_sql = filters.join(" AND ");
        let total: u32 = self.conn().query_row(
            &format!("SELECT COUNT(*) FROM inv_movements m WHERE {where_sql}"),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let size = q.page_size.clamp(1, 100_000);
        let offset = (q.page.max(1) - 1).saturating_mul(size);
        values.push(size.into());
        values.push(offset.into());
        let n = values.len();
        let items = self
            .conn()
            .prepare(&format!("{MOVEMENT_SELECT} WHERE {where_sql} ORDER BY m.id DESC LIMIT ?{} OFFSET ?{n}", n - 1))?
            .query_map(params_from_iter(values.iter()), movement_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(MovementPage { items, total })
    }
}
