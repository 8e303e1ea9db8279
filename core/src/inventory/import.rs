//! Importing items from a spreadsheet (the shared importer in `crate::import`).
//!
//! A row is the same item as one already registered when the name matches; then only the
//! columns the file fills are updated. Categories are matched by name and created when new
//! (a station's own list of categories is short and staff expect the file's to appear).
//! A row may carry an opening stock (期初数量): it is received (source 其他, batch 期初) only
//! when the item is new, so a re-import never receives it twice.

use super::items::{check_item, save_item, ItemInput};
use super::ledger::{receive, ReceiveInput, ReceiveSource};
use super::ItemKind;
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::import::{FieldSpec, ImportKind, RowContext, RowValues, WriteOutcome};
use crate::tabular::normalize_date;
use rusqlite::OptionalExtension;

pub struct ItemImport;

const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        key: "name", label: "物资名称", aliases: &["名称", "物品名称", "物资", "品名"], required: true
    },
    FieldSpec {
        key: "categoryId", label: "分类", aliases: &["类别", "物资类别", "物资分类"], required: false
    },
    FieldSpec { key: "unit", label: "单位", aliases: &["计量单位"], required: true },
    FieldSpec { key: "kind", label: "类型", aliases: &["物资类型", "性质"], required: false },
    FieldSpec { key: "place", label: "存放位置", aliases: &["位置", "存放地点", "库位"], required: false },
    FieldSpec {
        key: "minStock", label: "最低库存", aliases: &["库存下限", "最低数量", "安全库存"], required: false
    },
    FieldSpec {
        key: "quantity", label: "期初数量", aliases: &["数量", "库存", "现有数量"], required: false
    },
    FieldSpec {
        key: "expiryDate", label: "有效期", aliases: &["有效期至", "保质期至", "过期日期"], required: false
    },
    FieldSpec { key: "note", label: "备注", aliases: &["说明"], required: false },
];

fn kind_of(text: &str) -> Result<Option<ItemKind>> {
    let t = text.trim();
    Ok(match t {
        "" => None,
        "消耗品" | "耗材" | "易耗品" | "consumable" => Some(ItemKind::Consumable),
        "资产" | "可借用资产" | "借用" | "可借用" | "固定资产" | "asset" => Some(ItemKind::Asset),
        "应急物资" | "应急" | "emergency" => Some(ItemKind::Emergency),
        other => {
            return Err(AppError::validation(
                "kind",
                format!("类型「{other}」无法识别，应为 消耗品 / 可借用资产 / 应急物资"),
            ))
        }
    })
}

fn whole_number(field: &str, label: &str, text: &str) -> Result<Option<i64>> {
    let t = crate::validate::half_width(text).trim().to_string();
    if t.is_empty() {
        return Ok(None);
    }
    // Spreadsheets hand numbers over as 12 or 12.0.
    let n: f64 = t.parse().map_err(|_| AppError::validation(field, format!("{label}应为整数")))?;
    if n.fract() != 0.0 || n < 0.0 {
        return Err(AppError::validation(field, format!("{label}应为不小于 0 的整数")));
    }
    Ok(Some(n as i64))
}

fn category_id(tx: &Tx, name: &str, ctx: &mut RowContext) -> Result<Option<i64>> {
    let name = crate::validate::optional_text("categoryId", "分类", name, 20)?;
    if name.is_empty() {
        return Ok(None);
    }
    let found: Option<i64> =
        tx.query_row("SELECT id FROM inv_categories WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    match found {
        Some(id) => {
            ctx.found("物资分类", id);
            Ok(Some(id))
        }
        None => {
            ctx.may_create("categoryId", "物资分类", &name, &format!("物资分类「{name}」不存在"))?;
            tx.execute("INSERT INTO inv_categories (name) VALUES (?1)", [&name])?;
            let id = tx.last_insert_rowid();
            ctx.record_created("物资分类", &name, None, id);
            Ok(Some(id))
        }
    }
}

impl ImportKind for ItemImport {
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }

    fn import_row(tx: &Tx, row: &RowValues, ctx: &mut RowContext) -> Result<WriteOutcome> {
        let name = row.get("name").trim();
        let existing: Option<(i64, ItemInput)> = tx
            .query_row(
                "SELECT id, category_id, unit, kind, place, min_stock, note FROM inv_items WHERE name = ?1",
                [name],
                |r| {
                    Ok((
                        r.get(0)?,
                        ItemInput {
                            name: name.to_string(),
                            category_id: r.get(1)?,
                            unit: r.get(2)?,
                            kind: ItemKind::parse(&r.get::<_, String>(3)?).unwrap_or(ItemKind::Consumable),
                            place: r.get(4)?,
                            min_stock: r.get(5)?,
                            note: r.get(6)?,
                        },
                    ))
                },
            )
            .optional()?;
        let mut input = match &existing {
            Some((_, found)) => found.clone(),
            None => ItemInput {
                name: name.to_string(),
                category_id: None,
                unit: String::new(),
                kind: ItemKind::Consumable,
                place: String::new(),
                min_stock: 0,
                note: String::new(),
            },
        };
        let before = (
            input.category_id,
            input.unit.clone(),
            input.kind,
            input.place.clone(),
            input.min_stock,
            input.note.clone(),
        );
        let set = |v: &str, target: &mut String| {
            if !v.trim().is_empty() {
                *target = v.trim().to_string();
            }
        };
        set(row.get("unit"), &mut input.unit);
        set(row.get("place"), &mut input.place);
        set(row.get("note"), &mut input.note);
        if let Some(k) = kind_of(row.get("kind"))? {
            input.kind = k;
        }
        if let Some(n) = whole_number("minStock", "最低库存", row.get("minStock"))? {
            input.min_stock = n;
        }
        if let Some(c) = category_id(tx, row.get("categoryId"), ctx)? {
            input.category_id = Some(c);
        }
        let opening = whole_number("quantity", "期初数量", row.get("quantity"))?.unwrap_or(0);
        let expiry = normalize_date(row.get("expiryDate"));
        let checked = check_item(tx, &input)?;
        match existing {
            Some((id, ..)) => {
                let after = (
                    input.category_id,
                    input.unit.clone(),
                    input.kind,
                    input.place.clone(),
                    input.min_stock,
                    input.note.clone(),
                );
                if after == before {
                    return Ok(WriteOutcome::Unchanged);
                }
                save_item(tx, Some(id), &checked)?;
                Ok(WriteOutcome::Updated)
            }
            None => {
                let id = save_item(tx, None, &checked)?;
                if opening > 0 {
                    let receipt = ReceiveInput {
                        item_id: id,
                        quantity: opening,
                        source: ReceiveSource::Other,
                        expiry_date: (!expiry.is_empty()).then_some(expiry),
                        batch_label: "期初".into(),
                        asset_codes: Vec::new(),
                        note: "导入期初库存".into(),
                    };
                    receive(tx, &receipt)?;
                }
                Ok(WriteOutcome::Created)
            }
        }
    }
}
