//! Access audit (查阅与导出留痕): looking at a full ID number, exporting personal data to a file,
//! printing or saving a PDF of a personal list: each is an audit entry with who (the actor),
//! what (the list and its filter, the filter's search text masked), which columns, and where
//! to (the file path, or the printer).

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::OptionalExtension;
use serde::Deserialize;
use ts_rs::TS;

/// A print (or PDF) of a page showing personal data, as the front end describes it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintAuditInput {
    /// What is printed, e.g. 居民名单, 志愿服务记录证明
    pub what: String,
    /// The filter in words (the UI's chips), e.g. 第一网格、独居老人
    #[serde(default)]
    pub filter: String,
    /// The columns on the page.
    #[serde(default)]
    pub columns: Vec<String>,
    /// The file for a PDF; empty = the system print dialog.
    #[serde(default)]
    pub destination: String,
}

/// One access line: 导出居民名单 12 人；条件：…；列：…；到：…
pub(crate) fn access_words(what: &str, filter: &str, columns: &[&str], destination: &str) -> String {
    let filter = if filter.trim().is_empty() { "全部".to_string() } else { filter.trim().to_string() };
    let dest = if destination.is_empty() { "打印机（系统打印对话框）" } else { destination };
    format!("{what}；条件：{filter}；列：{}；到：{dest}", columns.join("、"))
}

pub(crate) fn audit_access(tx: &Tx, entity: &str, action: &str, words: &str) -> Result<()> {
    tx.audit(entity, None, action, words)
}

/// The residents list's filter in words, names looked up, search text masked.
pub(crate) fn resident_filter_words(
    conn: &rusqlite::Connection,
    q: &crate::residents::ResidentQuery,
) -> Result<String> {
    let mut parts = Vec::new();
    let text = super::audit_search_text(&q.text);
    if !text.is_empty() {
        parts.push(format!("搜索「{text}」"));
    }
    for (id, table, label) in
        [(q.grid_id, "grids", "网格"), (q.compound_id, "compounds", "小区"), (q.tag_id, "tags", "标签")]
    {
        if let Some(id) = id {
            let name: Option<String> =
                conn.query_row(&format!("SELECT name FROM {table} WHERE id = ?1"), [id], |r| r.get(0)).optional()?;
            parts.push(format!("{label} {}", name.unwrap_or_else(|| format!("#{id}"))));
        }
    }
    if q.include_archived {
        parts.push("含已归档".to_string());
    }
    Ok(parts.join("、"))
}

/// An ID number as screens show it until someone asks for the whole: 140502********123X.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

impl Station {
    /// The whole ID number of a resident, for staff who need it (audited each time).
    pub fn resident_reveal_id(&mut self, actor: &StaffActor, id: i64) -> Result<Option<String>> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let number: Option<Option<String>> =
                tx.query_row("SELECT id_number FROM residents WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            let number = number.ok_or_else(|| AppError::not_found("居民"))?;
            tx.audit("resident", Some(id), "reveal_id", &format!("查看居民 #{id} 的完整身份证号"))?;
            Ok(number)
        })
    }

    /// A print or PDF of a personal list (the front end tells what, the filter, the columns).
    pub fn print_audit(&mut self, actor: &StaffActor, input: &PrintAuditInput) -> Result<()> {
        let what = validate::required_text("what", "打印内容", &input.what, 60)?;
        let filter = validate::optional_text("filter", "条件", &input.filter, 200)?;
        if input.columns.len() > 40 || input.columns.iter().any(|c| c.chars().count() > 30) {
            return Err(AppError::validation("columns", "列名过多或过长"));
        }
        let destination = validate::optional_text("destination", "保存位置", &input.destination, 500)?;
        let columns: Vec<&str> = input.columns.iter().map(|c| c.as_str()).collect();
        let action = if destination.is_empty() { "print" } else { "pdf" };
        let verb = if destination.is_empty() { "打印" } else { "导出 PDF" };
        let words = access_words(&format!("{verb}：{what}"), &filter, &columns, &destination);
        self.write(&Actor::Staff(actor.clone()), |tx| audit_access(tx, "print", action, &words))
    }
}
