//! The ledger and the current stock as .xlsx workbooks for the street office.

use super::MovementQuery;
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::Result;
use crate::tabular::{write_xlsx, Cell, Column, Sheet};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LedgerExportInput {
    /// YYYY-MM-DD, inclusive; None = from the first movement / up to today.
    pub from: Option<String>,
    pub to: Option<String>,
}

fn date_of(timestamp: &str, st: &Station) -> Cell {
    chrono::DateTime::parse_from_rfc3339(timestamp)
        .map(|t| Cell::Text(t.with_timezone(&st.tz()).format("%Y-%m-%d %H:%M").to_string()))
        .unwrap_or(Cell::Text(timestamp.to_string()))
}

impl Station {
    /// Current stock of every item (one row per item), and the batches with their expiry.
    pub fn inventory_stock_sheets(&self, actor: &StaffActor) -> Result<Vec<Sheet>> {
        let items = self.inventory_current_stock(actor)?;
        let rows = items
            .iter()
            .map(|i| {
                vec![
                    Cell::from(i.name.as_str()),
                    Cell::from(i.category.clone()),
                    Cell::from(i.kind.label()),
                    Cell::from(i.unit.as_str()),
                    Cell::from(i.on_hand),
                    Cell::from(i.on_loan),
                    Cell::from(i.min_stock),
                    Cell::from(if i.low { "低于最低库存" } else { "" }),
                    Cell::from(i.expiring_soon),
                    Cell::from(i.expired),
                    Cell::from(i.place.as_str()),
                ]
            })
            .collect();
        let stock = Sheet {
            name: "当前库存".into(),
            columns: vec![
                Column::new("物资名称", 20.0),
                Column::new("分类", 12.0),
                Column::new("类型", 12.0),
                Column::new("单位", 6.0),
                Column::new("在库数量", 10.0),
                Column::new("借出未还", 10.0),
                Column::new("最低库存", 10.0),
                Column::new("库存提示", 14.0),
                Column::new("30天内到期", 12.0),
                Column::new("已过期", 8.0),
                Column::new("存放位置", 16.0),
            ],
            rows,
        };
        let batch_rows = self
            .conn()
            .prepare(
                "SELECT i.name, i.unit, b.label, b.expiry_date, b.on_hand FROM inv_batches b
                 JOIN inv_items i ON i.id = b.item_id
                 WHERE b.on_hand > 0 AND i.archived_at IS NULL ORDER BY i.name, b.expiry_date IS NULL, b.expiry_date",
            )?
            .query_map([], |r| {
                let expiry: Option<String> = r.get(3)?;
                Ok(vec![
                    Cell::Text(r.get(0)?),
                    Cell::Text(r.get(1)?),
                    Cell::Text(r.get(2)?),
                    Cell::from(expiry.and_then(|e| chrono::NaiveDate::parse_from_str(&e, "%Y-%m-%d").ok())),
                    Cell::Int(r.get(4)?),
                ])
            })?
            .collect::<rusqlite::Result<_>>()?;
        let batches = Sheet {
            name: "批次与有效期".into(),
            columns: vec![
                Column::new("物资名称", 20.0),
                Column::new("单位", 6.0),
                Column::new("批号", 12.0),
                Column::new("有效期至", 12.0),
                Column::new("在库数量", 10.0),
            ],
            rows: batch_rows,
        };
        Ok(vec![stock, batches])
    }

    /// Every movement in the period, oldest first, as the ledger book reads.
    pub fn inventory_ledger_sheet(&self, actor: &StaffActor, input: &LedgerExportInput) -> Result<Sheet> {
        let q = MovementQuery {
            from: input.from.clone(),
            to: input.to.clone(),
            page: 1,
            page_size: 100_000,
            ..Default::default()
        };
        let mut movements = self.inventory_movements(actor, &q)?.items;
        movements.reverse();
        let rows = movements
            .iter()
            .map(|m| {
                let lot = m.asset_code.clone().or_else(|| m.batch_label.clone().filter(|l| !l.is_empty()));
                vec![
                    Cell::Int(m.id),
                    date_of(&m.at, self),
                    Cell::from(m.kind_label()),
                    Cell::from(m.item_name.as_str()),
                    Cell::from(lot),
                    Cell::from(m.expiry_date.clone()),
                    Cell::Int(m.quantity),
                    Cell::from(m.unit.as_str()),
                    Cell::from(m.source.as_str()),
                    Cell::from(m.party.as_str()),
                    Cell::from(m.activity.as_str()),
                    Cell::from(m.reason.as_str()),
                    Cell::from(m.reverses_id.map(|id| format!("冲正 #{id}"))),
                    Cell::from(m.staff.clone()),
                ]
            })
            .collect();
        Ok(Sheet {
            name: "物资台账".into(),
            columns: vec![
                Column::new("序号", 8.0),
                Column::new("时间", 17.0),
                Column::new("类别", 10.0),
                Column::new("物资名称", 20.0),
                Column::new("批号/编号", 14.0),
                Column::new("有效期至", 12.0),
                Column::new("数量变化", 10.0),
                Column::new("单位", 6.0),
                Column::new("来源/报废原因", 14.0),
                Column::new("领用人/借用人", 14.0),
                Column::new("用途", 16.0),
                Column::new("说明", 24.0),
                Column::new("冲正", 10.0),
                Column::new("经办人", 10.0),
            ],
            rows,
        })
    }

    /// Writes the stock workbook; the number of items in it. Audited (it leaves the station).
    pub fn inventory_export_stock(&mut self, actor: &StaffActor, path: &Path) -> Result<usize> {
        let sheets = self.inventory_stock_sheets(actor)?;
        write_xlsx(path, &sheets)?;
        let rows = sheets.first().map_or(0, |s| s.rows.len());
        self.write(&Actor::Staff(actor.clone()), |tx| {
            tx.audit("item", None, "export", &format!("当前库存 {rows} 种"))
        })?;
        Ok(rows)
    }

    /// Writes the ledger workbook; the number of movements in it. Audited.
    pub fn inventory_export_ledger(
        &mut self,
        actor: &StaffActor,
        input: &LedgerExportInput,
        path: &Path,
    ) -> Result<usize> {
        let sheet = self.inventory_ledger_sheet(actor, input)?;
        write_xlsx(path, std::slice::from_ref(&sheet))?;
        let rows = sheet.rows.len();
        let period =
            format!("{} 至 {}", input.from.as_deref().unwrap_or("最早"), input.to.as_deref().unwrap_or("今天"));
        let columns: Vec<&str> = sheet.columns.iter().map(|c| c.title.as_str()).collect();
        let words = crate::privacy::access::access_words(
            &format!("物资台账 {rows} 条"),
            &period,
            &columns,
            &path.display().to_string(),
        );
        self.write(&Actor::Staff(actor.clone()), |tx| tx.audit("item", None, "export", &words))?;
        Ok(rows)
    }
}
