//! The desk's Ctrl+K: one text, the first few matches of every kind a station worker looks
//! for — residents and volunteers (name, pinyin, phone), items (name or an asset's label code),
//! wishes (their 6-digit number or words), cases (number, 12345 ticket or title) and
//! activities (title) — grouped by kind, each with what its page needs to open.

use crate::actor::StaffActor;
use crate::db::Station;
use crate::error::Result;
use crate::residents::ResidentQuery;
use crate::validate;
use crate::volunteers::roster::VolunteerQuery;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

/// How many of each kind the search shows (the page of that kind has the rest).
pub const PER_KIND: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FoundKind {
    Resident,
    Volunteer,
    Item,
    Wish,
    Case,
    Activity,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Found {
    pub id: i64,
    pub title: String,
    /// a second line: masked phone and address, a case's number, an activity's day …
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FoundGroup {
    pub kind: FoundKind,
    pub items: Vec<Found>,
    /// all matches of the kind (more than `items` when the page has more)
    pub total: u32,
}

/// `%text%` for LIKE, its wildcards escaped (the statement says `ESCAPE '\'`).
fn containing(text: &str) -> String {
    format!("%{}%", validate::like_escape(text))
}

impl Station {
    /// Every kind's first matches for `text` (trimmed, half-width; at most 100 characters);
    /// kinds with none are left out.
    pub fn find_anything(&self, actor: &StaffActor, text: &str) -> Result<Vec<FoundGroup>> {
        let typed = validate::optional_text("text", "搜索内容", text, 100)?.trim().to_string();
        // numbers and codes typed with a full-width IME match; titles are matched as written
        // (they keep their own full-width brackets)
        let text = validate::half_width(&typed);
        if text.is_empty() {
            return Ok(Vec::new());
        }
        let mut groups = Vec::new();
        let residents = self.residents_search(
            actor,
            &ResidentQuery { text: text.clone(), page: 1, page_size: PER_KIND, ..Default::default() },
        )?;
        groups.push(FoundGroup {
            kind: FoundKind::Resident,
            total: residents.total,
            items: residents
                .items
                .into_iter()
                .map(|r| Found { id: r.id, title: r.name, detail: join(&[&r.phone_masked, &r.address]) })
                .collect(),
        });
        let volunteers = self.volunteers_search(
            actor,
            &VolunteerQuery { text: text.clone(), page: 1, page_size: PER_KIND, ..Default::default() },
        )?;
        groups.push(FoundGroup {
            kind: FoundKind::Volunteer,
            total: volunteers.total,
            items: volunteers
                .items
                .into_iter()
                .map(|v| Found {
                    id: v.id,
                    title: v.name,
                    detail: join(&[&v.kind, v.unit.as_deref().unwrap_or(""), &v.phone_masked]),
                })
                .collect(),
        });
        let like = containing(&typed);
        let upper = text.to_uppercase();
        groups.push(self.found_by_sql(
            FoundKind::Item,
            "FROM inv_items i WHERE i.archived_at IS NULL AND (i.name LIKE ?1 ESCAPE '\\'
                OR EXISTS (SELECT 1 FROM inv_assets a WHERE a.item_id = i.id AND upper(a.code) = ?2))",
            "SELECT i.id, i.name, '库存 ' || i.on_hand || ' ' || i.unit ||
                CASE WHEN i.place = '' THEN '' ELSE ' · ' || i.place END",
            "ORDER BY (SELECT count(*) FROM inv_assets a WHERE a.item_id = i.id AND upper(a.code) = ?2) DESC, i.name",
            params![like, upper],
        )?);
        // a wish by its number as the receipt prints it (No.000123, 123) or by its words
        let number = text.trim_start_matches("No.").trim_start_matches("NO.").trim_start_matches("no.");
        let wish_id: i64 = number.parse().unwrap_or(-1);
        groups.push(self.found_by_sql(
            FoundKind::Wish,
            "FROM wishes w WHERE w.id = ?2 OR w.content LIKE ?1 ESCAPE '\\'",
            "SELECT w.id, substr(w.content, 1, 40), printf('No.%06d', w.id)",
            "ORDER BY w.id = ?2 DESC, w.id DESC",
            params![like, wish_id],
        )?);
        groups.push(self.found_by_sql(
            FoundKind::Case,
            "FROM cases c WHERE (c.number LIKE ?1 ESCAPE '\\' OR c.hotline_ticket LIKE ?1 ESCAPE '\\'
                OR c.title LIKE ?1 ESCAPE '\\') AND ?2 IS NOT NULL",
            "SELECT c.id, c.title, c.number || CASE WHEN c.hotline_ticket IS NULL OR c.hotline_ticket = ''
                THEN '' ELSE ' · 12345 工单 ' || c.hotline_ticket END",
            "ORDER BY (c.number = ?2 OR c.hotline_ticket = ?2) DESC, c.id DESC",
            params![like, text],
        )?);
        groups.push(self.found_by_sql(
            FoundKind::Activity,
            "FROM activities a WHERE a.title LIKE ?1 ESCAPE '\\' AND ?2 IS NOT NULL",
            "SELECT a.id, a.title, substr(a.starts_at, 1, 4) || '年' || CAST(substr(a.starts_at, 6, 2) AS INTEGER) || '月'
                || CAST(substr(a.starts_at, 9, 2) AS INTEGER) || '日 ' || substr(a.starts_at, 12, 5)",
            "ORDER BY a.starts_at DESC",
            params![like, text],
        )?);
        groups.retain(|g| g.total > 0);
        Ok(groups)
    }

    /// One kind's matches: `from` is its FROM … WHERE, using both parameters (?1 the LIKE
    /// pattern, ?2 the text or number) as the count statement gets them too; `select` gives id,
    /// title, detail.
    fn found_by_sql(
        &self,
        kind: FoundKind,
        from: &str,
        select: &str,
        order: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<FoundGroup> {
        let total: u32 = self.conn().query_row(&format!("SELECT count(*) {from}"), args, |r| r.get(0))?;
        let items = self
            .conn()
            .prepare(&format!("{select} {from} {order} LIMIT {PER_KIND}"))?
            .query_map(args, |r| Ok(Found { id: r.get(0)?, title: r.get(1)?, detail: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(FoundGroup { kind, items, total })
    }
}

fn join(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" · ")
}

#[cfg(test)]
mod tests;
