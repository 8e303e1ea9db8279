//! The register to a spreadsheet, for the office: the current filter, every match, whole
//! phone numbers (staff call people) but no ID numbers; each export is audited with its size,
//! filter, columns and file (`privacy::access`).

use super::{ResidentQuery, ROW_SELECT};
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::Result;
use crate::tabular::{write_xlsx, Cell, Column, Sheet};
use rusqlite::params_from_iter;
use std::path::Path;

impl Station {
    /// The matching residents as a sheet, in the list's order.
    pub fn residents_sheet(&self, _actor: &StaffActor, q: &ResidentQuery) -> Result<Sheet> {
        let ids = self.search_index.borrow_mut().all_matching(self.conn(), q)?;
        let today = self.today();
        let mut rows = Vec::with_capacity(ids.len());
        // in chunks: SQLite caps the number of parameters of one statement
        for chunk in ids.chunks(500) {
            let placeholders = vec!["?"; chunk.len()].join(", ");
            let mut stmt = self.conn().prepare(&format!(
                "SELECT r.id, r.phone, r.birth_date, r.note, r.created_at FROM residents r WHERE r.id IN ({placeholders})"
            ))?;
            let extra: std::collections::HashMap<i64, (String, Option<String>, String, String)> = stmt
                .query_map(params_from_iter(chunk.iter()), |r| {
                    Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = self.conn().prepare(&format!("{ROW_SELECT} WHERE r.id IN ({placeholders})"))?;
            let mut list: Vec<super::ResidentRow> = stmt
                .query_map(params_from_iter(chunk.iter()), |r| super::row_from(r, today))?
                .collect::<rusqlite::Result<_>>()?;
            list.sort_by_key(|row| chunk.iter().position(|id| *id == row.id));
            for row in list {
                let (phone, birth, note, created) = extra.get(&row.id).cloned().unwrap_or_default();
                rows.push(vec![
                    Cell::from(row.name),
                    Cell::from(row.gender.map(|g| if g == super::Gender::Male { "男" } else { "女" })),
                    Cell::from(birth),
                    Cell::from(row.age.map(i64::from)),
                    Cell::from(phone),
                    Cell::from(row.address),
                    Cell::from(row.tags.join("、")),
                    Cell::from(note),
                    Cell::from(if row.archived { "已归档" } else { "" }),
                    Cell::from(created.get(..10).unwrap_or("").to_string()),
                ]);
            }
        }
        let columns = [
            ("姓名", 10.0),
            ("性别", 6.0),
            ("出生日期", 12.0),
            ("年龄", 6.0),
            ("手机号", 14.0),
            ("住址", 28.0),
            ("标签", 18.0),
            ("备注", 24.0),
            ("状态", 8.0),
            ("登记日期", 12.0),
        ];
        Ok(Sheet { name: "居民".into(), columns: columns.iter().map(|(t, w)| Column::new(t, *w)).collect(), rows })
    }

    /// Writes the matching residents to an .xlsx file; returns how many.
    pub fn residents_export_xlsx(&mut self, actor: &StaffActor, q: &ResidentQuery, path: &Path) -> Result<usize> {
        let sheet = self.residents_sheet(actor, q)?;
        write_xlsx(path, std::slice::from_ref(&sheet))?;
        let n = sheet.rows.len();
        let filter = crate::privacy::access::resident_filter_words(self.conn(), q)?;
        let columns: Vec<&str> = sheet.columns.iter().map(|c| c.title.as_str()).collect();
        let words = crate::privacy::access::access_words(
            &format!("导出居民名单 {n} 人"),
            &filter,
            &columns,
            &path.display().to_string(),
        );
        self.write(&Actor::Staff(actor.clone()), |tx| tx.audit("resident", None, "export", &words))?;
        Ok(n)
    }
}
