//! The register to a spreadsheet, for the office: the current filter, every match, whole
//! phone numbers (staff call people) but no ID numbers; each export is audited with its size,
//! filter, columns and file (`privacy::access`). The columns are the importer's (网格, 小区,
//! 楼栋, 单元, 室 apart, 敏感信息同意), so an exported file imports into another station as
//! the same people at the same places.

use super::{ResidentQuery, ROW_SELECT};
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::Result;
use crate::tabular::{write_xlsx, Cell, Column, Sheet};
use rusqlite::params_from_iter;
use std::path::Path;

#[derive(Clone, Default)]
struct ExportExtra {
    phone: String,
    birth: Option<String>,
    note: String,
    created: String,
    places: [Option<String>; 3],
    unit: String,
    room: String,
    sensitive: bool,
}

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
                "SELECT r.id, r.phone, r.birth_date, r.note, r.created_at, g.name, c.name, b.name, r.unit, r.room,
                        EXISTS (SELECT 1 FROM resident_tags rt JOIN tags t ON t.id = rt.tag_id
                                WHERE rt.resident_id = r.id AND t.sensitive)
                 FROM residents r
                 LEFT JOIN grids g ON g.id = r.grid_id
                 LEFT JOIN compounds c ON c.id = r.compound_id
                 LEFT JOIN buildings b ON b.id = r.building_id
                 WHERE r.id IN ({placeholders})"
            ))?;
            let extra: std::collections::HashMap<i64, ExportExtra> = stmt
                .query_map(params_from_iter(chunk.iter()), |r| {
                    Ok((
                        r.get(0)?,
                        ExportExtra {
                            phone: r.get(1)?,
                            birth: r.get(2)?,
                            note: r.get(3)?,
                            created: r.get(4)?,
                            places: [r.get(5)?, r.get(6)?, r.get(7)?],
                            unit: r.get(8)?,
                            room: r.get(9)?,
                            sensitive: r.get(10)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = self.conn().prepare(&format!("{ROW_SELECT} WHERE r.id IN ({placeholders})"))?;
            let mut list: Vec<super::ResidentRow> = stmt
                .query_map(params_from_iter(chunk.iter()), |r| super::row_from(r, today))?
                .collect::<rusqlite::Result<_>>()?;
            list.sort_by_key(|row| chunk.iter().position(|id| *id == row.id));
            for row in list {
                let x = extra.get(&row.id).cloned().unwrap_or_default();
                let [grid, compound, building] = x.places;
                rows.push(vec![
                    Cell::from(row.name),
                    Cell::from(row.gender.map(|g| if g == super::Gender::Male { "男" } else { "女" })),
                    Cell::from(x.birth),
                    Cell::from(row.age.map(i64::from)),
                    Cell::from(x.phone),
                    Cell::from(grid),
                    Cell::from(compound),
                    Cell::from(building),
                    Cell::from(x.unit),
                    Cell::from(x.room),
                    Cell::from(row.tags.join("、")),
                    // only people with a sensitive tag have given it; the tag cannot be kept without
                    Cell::from(if x.sensitive { "是" } else { "" }),
                    Cell::from(x.note),
                    Cell::from(if row.archived { "已归档" } else { "" }),
                    Cell::from(x.created.get(..10).unwrap_or("").to_string()),
                ]);
            }
        }
        let columns = [
            ("姓名", 10.0),
            ("性别", 6.0),
            ("出生日期", 12.0),
            ("年龄", 6.0),
            ("手机号", 14.0),
            ("网格", 12.0),
            ("小区", 14.0),
            ("楼栋", 8.0),
            ("单元", 6.0),
            ("室", 6.0),
            ("标签", 18.0),
            ("敏感信息同意", 8.0),
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
