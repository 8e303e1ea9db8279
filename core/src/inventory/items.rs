//! Items (物资), their categories, batches and asset units; asset labels with a QR code and
//! item photos kept in the data folder.

use super::{item_facts, ItemKind, LoanRow, MovementRow};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{Duration, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::PathBuf;
use ts_rs::TS;

/// Supplies expiring within this many days are flagged (desk home, emergency view).
pub const EXPIRY_WARNING_DAYS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryInput {
    /// None = a new category.
    pub id: Option<i64>,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemInput {
    pub name: String,
    pub category_id: Option<i64>,
    /// 个 / 把 / 箱 …
    pub unit: String,
    pub kind: ItemKind,
    /// Where it is kept (储物间 2 号柜).
    pub place: String,
    pub min_stock: i64,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemUpdate {
    pub id: i64,
    pub item: ItemInput,
}

/// A line of the items list, with its stock figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemRow {
    pub id: i64,
    pub name: String,
    pub category_id: Option<i64>,
    pub category: Option<String>,
    pub unit: String,
    pub kind: ItemKind,
    pub place: String,
    pub min_stock: i64,
    /// In the station now (Σ movements).
    pub on_hand: i64,
    /// Out with borrowers.
    pub on_loan: i64,
    /// Asset units on the shelf waiting for repair (待维修): counted in `on_hand`, never lent.
    pub in_repair: i64,
    /// On hand in batches that expire within 30 days (not yet expired).
    pub expiring_soon: i64,
    /// On hand in batches past their expiry date.
    pub expired: i64,
    pub low: bool,
    pub has_photo: bool,
    pub note: String,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemQuery {
    pub text: String,
    pub kind: Option<ItemKind>,
    pub category_id: Option<i64>,
    /// Only items below their minimum stock.
    pub low_only: bool,
    pub include_archived: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for ItemQuery {
    fn default() -> Self {
        ItemQuery {
            text: String::new(),
            kind: None,
            category_id: None,
            low_only: false,
            include_archived: false,
            page: 1,
            page_size: 20,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemPage {
    pub items: Vec<ItemRow>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Batch {
    pub id: i64,
    pub label: String,
    pub expiry_date: Option<String>,
    pub received_at: String,
    pub on_hand: i64,
    pub expired: bool,
    pub expiring_soon: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AssetStatus {
    /// 在库
    InStock,
    /// 借出
    OnLoan,
    /// 待维修: back from a loan damaged. On the shelf but not lendable until repaired
    /// (维修完成) or written off (报废).
    Repair,
    /// 报废 / 遗失
    Retired,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Asset {
    pub id: i64,
    pub code: String,
    pub status: AssetStatus,
    /// good | damaged
    pub condition: String,
    pub condition_note: String,
    pub borrower_name: Option<String>,
    pub due_date: Option<String>,
    /// Active reservations, e.g. "2026-12-01 至 2026-12-01 张三".
    pub reserved: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemDetail {
    pub item: ItemRow,
    pub batches: Vec<Batch>,
    pub assets: Vec<Asset>,
    /// Borrowing history, newest first.
    pub loans: Vec<LoanRow>,
    /// The newest ledger lines of this item.
    pub movements: Vec<MovementRow>,
    /// The station's today (YYYY-MM-DD), for the forms' date defaults: the app's clock, not
    /// the browser's.
    pub today: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetLabel {
    pub asset_id: i64,
    pub code: String,
    pub item_name: String,
    pub station_name: String,
    /// The QR code (it encodes the asset code) as an SVG document.
    pub svg: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ItemPhotoInput {
    pub item_id: i64,
    /// The picture file's bytes, base64 (a data URL is accepted too).
    pub data_base64: String,
}

/// A checked item input, as stored.
pub(crate) struct CheckedItem {
    pub name: String,
    pub category_id: Option<i64>,
    pub unit: String,
    pub kind: ItemKind,
    pub place: String,
    pub min_stock: i64,
    pub note: String,
}

pub(crate) fn check_item(conn: &rusqlite::Connection, input: &ItemInput) -> Result<CheckedItem> {
    let name = validate::required_text("name", "物资名称", &input.name, 40)?;
    let unit = validate::required_text("unit", "单位", &input.unit, 6)?;
    if input.min_stock < 0 {
        return Err(AppError::validation("minStock", "最低库存不能小于 0"));
    }
    if let Some(c) = input.category_id {
        let exists: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM inv_categories WHERE id = ?1)", [c], |r| r.get(0))?;
        if !exists {
            return Err(AppError::validation("categoryId", "所选分类不存在"));
        }
    }
    Ok(CheckedItem {
        name,
        category_id: input.category_id,
        unit,
        kind: input.kind,
        place: validate::optional_text("place", "存放位置", &input.place, 40)?,
        min_stock: input.min_stock,
        note: validate::optional_text("note", "备注", &input.note, 500)?,
    })
}

/// Saves an item inside the caller's transaction (the desk form and the importer share it):
/// a new one when `existing` is None. Returns the id.
pub(crate) fn save_item(tx: &Tx, existing: Option<i64>, c: &CheckedItem) -> Result<i64> {
    let twin: Option<i64> = tx
        .query_row("SELECT id FROM inv_items WHERE name = ?1 AND id IS NOT ?2", params![c.name, existing], |r| r.get(0))
        .optional()?;
    if twin.is_some() {
        return Err(AppError::validation("name", format!("物资名称「{}」已存在", c.name)));
    }
    let id = match existing {
        None => {
            tx.execute(
                "INSERT INTO inv_items (name, category_id, unit, kind, place, min_stock, note, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![c.name, c.category_id, c.unit, c.kind.as_str(), c.place, c.min_stock, c.note, tx.now_str()],
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let old = item_facts(tx, id).map_err(|_| AppError::not_found("物资"))?;
            if old.kind != c.kind {
                let moved: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM inv_movements WHERE item_id = ?1)", [id], |r| r.get(0))?;
                if moved {
                    return Err(AppError::validation("kind", "已有出入库记录的物资不能更改类型"));
                }
            }
            tx.execute(
                "UPDATE inv_items SET name = ?1, category_id = ?2, unit = ?3, kind = ?4, place = ?5, min_stock = ?6,
                        note = ?7, updated_at = ?8 WHERE id = ?9",
                params![c.name, c.category_id, c.unit, c.kind.as_str(), c.place, c.min_stock, c.note, tx.now_str(), id],
            )?;
            id
        }
    };
    tx.audit("item", Some(id), if existing.is_some() { "update" } else { "create" }, &c.name)?;
    Ok(id)
}

/// An item with its stock figures; the four figure expressions (over `i`, with ?1 = today
/// and ?2 = the end of the expiry warning window) are on loan, expiring soon, expired and
/// waiting for repair.
fn row_select(on_loan: &str, expiring: &str, expired: &str, in_repair: &str) -> String {
    format!(
        "SELECT i.id, i.name, i.category_id, c.name, i.unit, i.kind, i.place, i.min_stock, i.on_hand,
                {on_loan}, {expiring}, {expired}, i.photo IS NOT NULL, i.note, i.archived_at IS NOT NULL,
                {in_repair}
         FROM inv_items i LEFT JOIN inv_categories c ON c.id = i.category_id"
    )
}

/// Units of item `i` on the shelf but damaged (待维修): not lendable stock.
pub(super) const IN_REPAIR_OF_ITEM: &str = "(SELECT COUNT(*) FROM inv_assets a WHERE a.item_id = i.id AND a.on_hand > 0
                   AND a.retired_at IS NULL AND a.condition = 'damaged')";

/// The figures computed per item, for a page or a single item.
fn row_select_each() -> String {
    row_select(
        "COALESCE((SELECT SUM(l.quantity - l.returned - l.lost) FROM inv_loans l
                   WHERE l.item_id = i.id AND l.closed_at IS NULL), 0)",
        "COALESCE((SELECT SUM(b.on_hand) FROM inv_batches b WHERE b.item_id = i.id AND b.on_hand > 0
                   AND b.expiry_date >= ?1 AND b.expiry_date <= ?2), 0)",
        "COALESCE((SELECT SUM(b.on_hand) FROM inv_batches b WHERE b.item_id = i.id AND b.on_hand > 0
                   AND b.expiry_date < ?1), 0)",
        IN_REPAIR_OF_ITEM,
    )
}

fn item_row(r: &rusqlite::Row) -> rusqlite::Result<ItemRow> {
    let on_hand: i64 = r.get(8)?;
    let min_stock: i64 = r.get(7)?;
    let in_repair: i64 = r.get(15)?;
    Ok(ItemRow {
        id: r.get(0)?,
        name: r.get(1)?,
        category_id: r.get(2)?,
        category: r.get(3)?,
        unit: r.get(4)?,
        kind: ItemKind::parse(&r.get::<_, String>(5)?).unwrap_or(ItemKind::Consumable),
        place: r.get(6)?,
        min_stock,
        on_hand,
        on_loan: r.get(9)?,
        in_repair,
        expiring_soon: r.get(10)?,
        expired: r.get(11)?,
        // A unit waiting for repair cannot be lent: it does not keep the stock above its minimum.
        low: on_hand - in_repair < min_stock,
        has_photo: r.get(12)?,
        note: r.get(13)?,
        archived: r.get(14)?,
    })
}

/// The two dates the row queries take: today and the end of the expiry warning window.
pub(crate) fn expiry_window(today: NaiveDate) -> (String, String) {
    (today.to_string(), (today + Duration::days(EXPIRY_WARNING_DAYS)).to_string())
}

fn asset_code_prefix() -> &'static str {
    "ZC"
}

/// The next free automatic asset code: ZC-000001, ZC-000002 …
pub(crate) fn next_asset_code(tx: &Tx) -> Result<String> {
    let mut n: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM inv_assets", [], |r| r.get(0))?;
    loop {
        let code = format!("{}-{n:06}", asset_code_prefix());
        let taken: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM inv_assets WHERE code = ?1)", [&code], |r| r.get(0))?;
        if !taken {
            return Ok(code);
        }
        n += 1;
    }
}

fn photo_dir(st: &Station) -> Result<PathBuf> {
    let db = st.path().ok_or_else(|| AppError::new(ErrorCode::Io, "内存数据库没有照片文件夹"))?;
    Ok(db.parent().unwrap_or(std::path::Path::new(".")).join("photos").join("items"))
}

/// Longest side of a stored item photo, in pixels: enough for the desk, small on disk.
const PHOTO_MAX_SIDE: u32 = 1024;

impl Station {
    pub fn inventory_categories(&self, _actor: &StaffActor) -> Result<Vec<Category>> {
        Ok(self
            .conn()
            .prepare("SELECT id, name FROM inv_categories ORDER BY id")?
            .query_map([], |r| Ok(Category { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn inventory_category_save(&mut self, actor: &StaffActor, input: &CategoryInput) -> Result<Vec<Category>> {
        let name = validate::required_text("name", "分类名称", &input.name, 20)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let twin: Option<i64> = tx
                .query_row(
                    "SELECT id FROM inv_categories WHERE name = ?1 AND id IS NOT ?2",
                    params![name, input.id],
                    |r| r.get(0),
                )
                .optional()?;
            if twin.is_some() {
                return Err(AppError::validation("name", format!("分类「{name}」已存在")));
            }
            let id = match input.id {
                None => {
                    tx.execute("INSERT INTO inv_categories (name) VALUES (?1)", [&name])?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    if tx.execute("UPDATE inv_categories SET name = ?1 WHERE id = ?2", params![name, id])? == 0 {
                        return Err(AppError::not_found("分类"));
                    }
                    id
                }
            };
            tx.audit("item_category", Some(id), if input.id.is_some() { "update" } else { "create" }, &name)
        })?;
        self.inventory_categories(actor)
    }

    pub fn inventory_item_create(&mut self, actor: &StaffActor, input: &ItemInput) -> Result<ItemDetail> {
        let checked = check_item(self.conn(), input)?;
        let id = self.write(&Actor::Staff(actor.clone()), |tx| save_item(tx, None, &checked))?;
        self.inventory_item_get(actor, id)
    }

    pub fn inventory_item_update(&mut self, actor: &StaffActor, update: &ItemUpdate) -> Result<ItemDetail> {
        let checked = check_item(self.conn(), &update.item)?;
        self.write(&Actor::Staff(actor.clone()), |tx| save_item(tx, Some(update.id), &checked))?;
        self.inventory_item_get(actor, update.id)
    }

    /// Archiving hides an item from lists; its ledger stays. Refused while stock remains.
    pub fn inventory_item_set_archived(&mut self, actor: &StaffActor, id: i64, archived: bool) -> Result<ItemDetail> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let item = item_facts(tx, id).map_err(|_| AppError::not_found("物资"))?;
            let on_hand: i64 = tx.query_row("SELECT on_hand FROM inv_items WHERE id = ?1", [id], |r| r.get(0))?;
            let open_loans: i64 =
                tx.query_row("SELECT COUNT(*) FROM inv_loans WHERE item_id = ?1 AND closed_at IS NULL", [id], |r| {
                    r.get(0)
                })?;
            if archived && (on_hand > 0 || open_loans > 0) {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    format!("「{}」还有库存或未还的借用，请先报废或收回后再归档", item.name),
                ));
            }
            let stamp = archived.then(|| tx.now_str());
            tx.execute(
                "UPDATE inv_items SET archived_at = ?1, updated_at = ?2 WHERE id = ?3",
                params![stamp, tx.now_str(), id],
            )?;
            tx.audit("item", Some(id), if archived { "archive" } else { "restore" }, &item.name)
        })?;
        self.inventory_item_get(actor, id)
    }

    pub fn inventory_items(&self, _actor: &StaffActor, q: &ItemQuery) -> Result<ItemPage> {
        let (today, horizon) = expiry_window(self.today());
        let mut filters = vec!["1 = 1".to_string()];
        let mut values: Vec<Value> = vec![today.into(), horizon.into()];
        if !q.include_archived {
            filters.push("i.archived_at IS NULL".into());
        }
        // SQLite refuses LIKE patterns over 50 000 bytes: a pasted essay is a bad search.
        let text = crate::validate::optional_text("text", "搜索内容", &q.text, 100)?;
        if !text.is_empty() {
            values.push(format!("%{text}%").into());
            let n = values.len();
            filters.push(format!(
                "(i.name LIKE ?{n} OR i.place LIKE ?{n} OR c.name LIKE ?{n}
                  OR EXISTS (SELECT 1 FROM inv_assets a WHERE a.item_id = i.id AND a.code LIKE ?{n}))"
            ));
        }
        if let Some(k) = q.kind {
            values.push(k.as_str().to_string().into());
            filters.push(format!("i.kind = ?{}", values.len()));
        }
        if let Some(c) = q.category_id {
            values.push(c.into());
            filters.push(format!("i.category_id = ?{}", values.len()));
        }
        if q.low_only {
            filters.push(format!("i.on_hand - {IN_REPAIR_OF_ITEM} < i.min_stock"));
        }
        let where_sql = filters.join(" AND ");
        let total: u32 = self.conn().query_row(
            // The same parameters as the page query (?1 and ?2 are its expiry window).
            &format!(
                "SELECT COUNT(*) FROM inv_items i LEFT JOIN inv_categories c ON c.id = i.category_id
                 WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL AND {where_sql}"
            ),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        let size = q.page_size.clamp(1, 500);
        let offset = (q.page.max(1) - 1).saturating_mul(size);
        values.push(size.into());
        values.push(offset.into());
        let n = values.len();
        let items = self
            .conn()
            .prepare(&format!("{} WHERE {where_sql} ORDER BY i.name LIMIT ?{} OFFSET ?{n}", row_select_each(), n - 1))?
            .query_map(params_from_iter(values.iter()), item_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ItemPage { items, total })
    }

    /// The current stock of every item in use, with its figures (the stock export's rows).
    /// One pass over items, open loans and stocked batches each, merged here: per-item
    /// subqueries cost 2,000 index seeks three times over.
    pub fn inventory_current_stock(&self, _actor: &StaffActor) -> Result<Vec<ItemRow>> {
        let (today, horizon) = expiry_window(self.today());
        let c = self.conn();
        let on_loan: HashMap<i64, i64> = c
            .prepare_cached(
                "SELECT item_id, SUM(quantity - returned - lost) FROM inv_loans WHERE closed_at IS NULL GROUP BY item_id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let dated: HashMap<i64, (i64, i64)> = c
            .prepare_cached(
                "SELECT item_id, COALESCE(SUM(CASE WHEN expiry_date <= ?2 THEN on_hand END), 0),
                        COALESCE(SUM(CASE WHEN expiry_date < ?1 THEN on_hand END), 0)
                 FROM inv_batches WHERE on_hand > 0 AND expiry_date <= ?2 GROUP BY item_id",
            )?
            .query_map(params![today, horizon], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let in_repair: HashMap<i64, i64> = c
            .prepare_cached(
                "SELECT item_id, COUNT(*) FROM inv_assets
                 WHERE on_hand > 0 AND retired_at IS NULL AND condition = 'damaged' GROUP BY item_id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows: Vec<ItemRow> = c
            .prepare_cached(&format!(
                "{} WHERE i.archived_at IS NULL AND ?1 IS NOT NULL AND ?2 IS NOT NULL ORDER BY i.name",
                row_select("0", "0", "0", "0")
            ))?
            .query_map(params![today, horizon], item_row)?
            .collect::<rusqlite::Result<_>>()?;
        for row in &mut rows {
            row.on_loan = on_loan.get(&row.id).copied().unwrap_or(0);
            row.in_repair = in_repair.get(&row.id).copied().unwrap_or(0);
            row.low = row.on_hand - row.in_repair < row.min_stock;
            let (due_soon, expired) = dated.get(&row.id).copied().unwrap_or((0, 0));
            row.expiring_soon = due_soon - expired;
            row.expired = expired;
        }
        Ok(rows)
    }

    /// Every item's row (no paging): for the stock export and the home panels.
    pub(crate) fn inventory_item_rows(&self, where_sql: &str) -> Result<Vec<ItemRow>> {
        let (today, horizon) = expiry_window(self.today());
        Ok(self
            .conn()
            .prepare(&format!("{} WHERE {where_sql} ORDER BY i.name", row_select_each()))?
            .query_map(params![today, horizon], item_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    pub fn inventory_item_get(&self, actor: &StaffActor, id: i64) -> Result<ItemDetail> {
        let item =
            self.inventory_item_rows(&format!("i.id = {id}"))?.pop().ok_or_else(|| AppError::not_found("物资"))?;
        let today = self.today();
        let (today_s, horizon) = expiry_window(today);
        let batches = self
            .conn()
            .prepare(
                "SELECT id, label, expiry_date, received_at, on_hand FROM inv_batches
                 WHERE item_id = ?1 ORDER BY on_hand = 0, expiry_date IS NULL, expiry_date, id",
            )?
            .query_map([id], |r| {
                let expiry: Option<String> = r.get(2)?;
                Ok(Batch {
                    id: r.get(0)?,
                    label: r.get(1)?,
                    expired: expiry.as_deref().is_some_and(|e| e < today_s.as_str()),
                    expiring_soon: expiry.as_deref().is_some_and(|e| e >= today_s.as_str() && e <= horizon.as_str()),
                    expiry_date: expiry,
                    received_at: r.get(3)?,
                    on_hand: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let assets = self.assets_of(id)?;
        let loans = self.inventory_loan_rows("l.item_id = ?1", &[&id], 200)?;
        let movements = self
            .inventory_movements(
                actor,
                &super::MovementQuery { item_id: Some(id), page: 1, page_size: 50, ..Default::default() },
            )?
            .items;
        Ok(ItemDetail { item, batches, assets, loans, movements, today: today.to_string() })
    }

    fn assets_of(&self, item_id: i64) -> Result<Vec<Asset>> {
        let cte = super::borrowers_cte();
        let mut assets: Vec<Asset> = self
            .conn()
            .prepare(&format!(
                "{cte} SELECT a.id, a.code, a.on_hand, a.retired_at IS NOT NULL, a.condition, a.condition_note,
                        b.name, l.due_date
                 FROM inv_assets a
                 LEFT JOIN inv_loans l ON l.asset_id = a.id AND l.closed_at IS NULL
                 LEFT JOIN borrowers b ON b.kind = l.borrower_kind AND b.id = l.borrower_id
                 WHERE a.item_id = ?1 ORDER BY a.retired_at IS NOT NULL, a.code"
            ))?
            .query_map([item_id], |r| {
                let retired: bool = r.get(3)?;
                let due: Option<String> = r.get(7)?;
                Ok(Asset {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    status: if retired {
                        AssetStatus::Retired
                    } else if due.is_some() {
                        AssetStatus::OnLoan
                    } else if r.get::<_, String>(4)? == "damaged" {
                        AssetStatus::Repair
                    } else {
                        AssetStatus::InStock
                    },
                    condition: r.get(4)?,
                    condition_note: r.get(5)?,
                    borrower_name: r.get(6)?,
                    due_date: due,
                    reserved: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for a in &mut assets {
            a.reserved = self
                .inventory_reservation_rows("r.asset_id = ?1 AND r.status = 'active'", &[&a.id])?
                .into_iter()
                .map(|r| format!("{} 至 {} {}", r.start_date, r.end_date, r.borrower_name))
                .collect();
        }
        Ok(assets)
    }

    /// The printable label of an asset unit: its code and a QR code that encodes it.
    pub fn inventory_asset_label(&self, _actor: &StaffActor, asset_id: i64) -> Result<AssetLabel> {
        let (code, item_name): (String, String) = self
            .conn()
            .query_row(
                "SELECT a.code, i.name FROM inv_assets a JOIN inv_items i ON i.id = a.item_id WHERE a.id = ?1",
                [asset_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or_else(|| AppError::not_found("资产"))?;
        let qr = qrcode::QrCode::new(code.as_bytes()).map_err(AppError::internal)?;
        let svg = qr.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build();
        Ok(AssetLabel { asset_id, code, item_name, station_name: self.settings()?.station_name, svg })
    }

    /// Stores a photo of an item in the data folder (resized, as JPEG); the old one is kept
    /// on disk but no longer referenced.
    pub fn inventory_item_set_photo(&mut self, actor: &StaffActor, input: &ItemPhotoInput) -> Result<ItemDetail> {
        let item = item_facts(self.conn(), input.item_id)?;
        let raw = input.data_base64.split_once("base64,").map_or(input.data_base64.as_str(), |(_, b)| b);
        let bytes = super::base64::decode(raw).ok_or_else(|| AppError::validation("photo", "照片文件无法读取"))?;
        let jpeg = crate::photos::clean_jpeg(&bytes, "photo", PHOTO_MAX_SIDE)?;
        let dir = photo_dir(self)?;
        std::fs::create_dir_all(&dir)?;
        let file = format!("item-{}-{}.jpg", item.id, self.now().format("%Y%m%d%H%M%S"));
        std::fs::write(dir.join(&file), jpeg)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            tx.execute(
                "UPDATE inv_items SET photo = ?1, updated_at = ?2 WHERE id = ?3",
                params![file, tx.now_str(), item.id],
            )?;
            tx.audit("item", Some(item.id), "photo", &item.name)
        })?;
        self.inventory_item_get(actor, item.id)
    }

    /// The item's photo as a data URL, None if it has none.
    pub fn inventory_item_photo(&self, _actor: &StaffActor, item_id: i64) -> Result<Option<String>> {
        let file: Option<String> = self
            .conn()
            .query_row("SELECT photo FROM inv_items WHERE id = ?1", [item_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| AppError::not_found("物资"))?;
        let Some(file) = file else { return Ok(None) };
        // the name comes from a table, which may be a restored backup's: never leave the folder
        let Some(path) = crate::photos::path_in(&photo_dir(self)?, &file) else { return Ok(None) };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(Some(format!("data:image/jpeg;base64,{}", super::base64::encode(&bytes))))
    }
}
