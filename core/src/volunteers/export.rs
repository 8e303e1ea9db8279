//! The roster and the hours to spreadsheets, for the street office: every volunteer the
//! list's filter matches (whole phones and the unified number, no ID numbers), and a period's hours (the ranking by
//! person and every approved entry). Each export is audited with its size.

use super::ledger::{RankingBy, RankingQuery};
use super::roster::VolunteerQuery;
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::Result;
use crate::tabular::{write_xlsx, Cell, Column, Sheet};
use rusqlite::params;
use std::path::Path;

fn columns(list: &[(&str, f64)]) -> Vec<Column> {
    list.iter().map(|(t, w)| Column::new(t, *w)).collect()
}

fn hours(minutes: i64) -> Cell {
    Cell::Number((minutes as f64 / 60.0 * 100.0).round() / 100.0)
}

impl Station {
    pub fn volunteers_roster_sheet(&self, actor: &StaffActor, q: &VolunteerQuery) -> Result<Sheet> {
        let mut rows = Vec::new();
        let mut page = 1;
        loop {
            let found = self.volunteers_search(actor, &VolunteerQuery { page, page_size: 200, ..q.clone() })?;
            for row in &found.items {
                let v = self.volunteer_get(actor, row.id)?;
                rows.push(vec![
                    Cell::from(v.name),
                    Cell::from(v.phone),
                    Cell::from(v.kind),
                    Cell::from(v.unit),
                    Cell::from(if v.party_member { "是" } else { "否" }),
                    Cell::from(v.reported_in_on),
                    Cell::from(v.skills.join("、")),
                    Cell::from(v.status.label()),
                    hours(v.total_minutes),
                    Cell::Int(v.total_points),
                    Cell::from(v.national_number),
                ]);
            }
            if found.items.is_empty() || rows.len() >= found.total as usize {
                break;
            }
            page += 1;
        }
        Ok(Sheet {
            name: "志愿者名册".into(),
            columns: columns(&[
                ("姓名", 10.0),
                ("手机号", 14.0),
                ("类别", 12.0),
                ("共建单位", 18.0),
                ("党员", 6.0),
                ("报到日期", 12.0),
                ("技能", 20.0),
                ("状态", 8.0),
                ("累计时长（小时）", 14.0),
                ("积分", 8.0),
                ("志愿者统一编号", 20.0),
            ]),
            rows,
        })
    }

    /// Two sheets: the ranking by person for the period, and each approved entry in it.
    pub fn volunteers_hours_sheets(&self, actor: &StaffActor, q: &RankingQuery) -> Result<Vec<Sheet>> {
        let ranking =
            self.volunteer_ranking(actor, &RankingQuery { by: RankingBy::Person, limit: u32::MAX, ..q.clone() })?;
        let summary = Sheet {
            name: "服务时长排行".into(),
            columns: columns(&[("名次", 6.0), ("姓名", 10.0), ("服务时长（小时）", 14.0), ("积分", 8.0)]),
            rows: ranking
                .iter()
                .map(|r| {
                    vec![
                        Cell::Int(i64::from(r.rank)),
                        Cell::from(r.label.clone()),
                        hours(r.minutes),
                        Cell::Int(r.points),
                    ]
                })
                .collect(),
        };
        let (from, to) = match q.month {
            Some(m) => (format!("{}-{m:02}-01", q.year), format!("{}-{m:02}-31", q.year)),
            None => (format!("{}-01-01", q.year), format!("{}-12-31", q.year)),
        };
        let entries = self
            .conn()
            .prepare(
                "SELECT l.service_day, p.name, l.service_kind, l.source, l.minutes, l.points, l.note
                 FROM volunteer_ledger l JOIN volunteer_people p ON p.id = l.volunteer_id
                 WHERE l.service_day BETWEEN ?1 AND ?2 ORDER BY l.service_day, l.id",
            )?
            .query_map(params![from, to], |r| {
                let day: String = r.get(0)?;
                Ok(vec![
                    Cell::from(chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()),
                    Cell::from(r.get::<_, String>(1)?),
                    Cell::from(r.get::<_, String>(2)?),
                    Cell::from(source_label(&r.get::<_, String>(3)?)),
                    Cell::Int(r.get(4)?),
                    Cell::Int(r.get(5)?),
                    Cell::from(r.get::<_, String>(6)?),
                ])
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let detail = Sheet {
            name: "服务记录".into(),
            columns: columns(&[
                ("日期", 12.0),
                ("姓名", 10.0),
                ("服务类别", 12.0),
                ("来源", 10.0),
                ("时长（分钟）", 12.0),
                ("积分", 8.0),
                ("说明", 30.0),
            ]),
            rows: entries,
        };
        Ok(vec![summary, detail])
    }

    pub fn volunteers_export_roster_xlsx(
        &mut self,
        actor: &StaffActor,
        q: &VolunteerQuery,
        path: &Path,
    ) -> Result<usize> {
        let sheet = self.volunteers_roster_sheet(actor, q)?;
        write_xlsx(path, std::slice::from_ref(&sheet))?;
        let n = sheet.rows.len();
        let mut filter = Vec::new();
        let text = crate::privacy::audit_search_text(&q.text);
        if !text.is_empty() {
            filter.push(format!("搜索「{text}」"));
        }
        if let Some(k) = q.kind_id {
            filter.push(format!("类别 #{k}"));
        }
        if let Some(u) = q.unit_id {
            filter.push(format!("单位 #{u}"));
        }
        if let Some(s) = &q.skill {
            filter.push(format!("技能 {s}"));
        }
        if let Some(s) = q.status {
            filter.push(s.label().to_string());
        }
        let columns: Vec<&str> = sheet.columns.iter().map(|c| c.title.as_str()).collect();
        let words = crate::privacy::access::access_words(
            &format!("导出志愿者名册 {n} 人"),
            &filter.join("、"),
            &columns,
            &path.display().to_string(),
        );
        self.write(&Actor::Staff(actor.clone()), |tx| tx.audit("volunteer", None, "export", &words))?;
        Ok(n)
    }

    pub fn volunteers_export_hours_xlsx(&mut self, actor: &StaffActor, q: &RankingQuery, path: &Path) -> Result<usize> {
        let sheets = self.volunteers_hours_sheets(actor, q)?;
        write_xlsx(path, &sheets)?;
        let n = sheets.get(1).map_or(0, |s| s.rows.len());
        let period = match q.month {
            Some(m) => format!("{} 年 {m} 月", q.year),
            None => format!("{} 年", q.year),
        };
        let columns: Vec<&str> = sheets.iter().flat_map(|s| s.columns.iter().map(|c| c.title.as_str())).collect();
        let words = crate::privacy::access::access_words(
            &format!("导出服务时长 {n} 条"),
            &period,
            &columns,
            &path.display().to_string(),
        );
        self.write(&Actor::Staff(actor.clone()), |tx| tx.audit("volunteer_ledger", None, "export", &words))?;
        Ok(n)
    }
}

fn source_label(source: &str) -> &'static str {
    match source {
        "shift" => "值班",
        "wish" => "微心愿",
        "offsite" => "场外服务",
        "self" => "自行申报",
        "activity" => "活动",
        _ => "更正",
    }
}
