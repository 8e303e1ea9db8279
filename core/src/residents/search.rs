//! Search-as-you-type over the register. The desk types one key at a time, so every query
//! must answer in a few milliseconds even with 100,000 residents; a table scan with LIKE or
//! a sort of thousands of matches does not. The register's search keys are therefore kept
//! in memory, already in display order (active first, then by pinyin), and each keystroke is
//! one pass over compact entries. The index reloads itself whenever the `residents` change
//! counter (bumped by triggers, whoever writes) has moved since it was built.

use super::ResidentQuery;
use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};

#[derive(Debug)]
struct Entry {
    id: i64,
    name: String,
    pinyin: String,
    initials: String,
    /// Digits only, so 0356-2021234 is found by typing 03562021.
    phone_digits: String,
    archived: bool,
    grid_id: Option<i64>,
    compound_id: Option<i64>,
    tag_ids: Vec<i64>,
}

#[derive(Debug, Default)]
pub(crate) struct SearchIndex {
    /// The change counter the entries reflect; None = never loaded.
    loaded_at: Option<i64>,
    entries: Vec<Entry>,
}

/// What the search box text is, decided once per query.
enum Needle {
    Everything,
    /// 1–2 digits: the start of a phone number.
    PhonePrefix(String),
    /// 3 or more digits: anywhere in the phone number.
    PhoneFragment(String),
    /// Latin letters: the start of the full pinyin or of the initials (zs, zhangs).
    Pinyin(String),
    /// Anything else (Chinese): anywhere in the name.
    Name(String),
}

impl Needle {
    fn parse(text: &str) -> Needle {
        let t: String = text.trim().to_lowercase().chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
        if t.is_empty() {
            Needle::Everything
        } else if t.chars().all(|c| c.is_ascii_digit()) {
            if t.len() < 3 {
                Needle::PhonePrefix(t)
            } else {
                Needle::PhoneFragment(t)
            }
        } else if t.chars().all(|c| c.is_ascii_lowercase()) {
            Needle::Pinyin(t)
        } else {
            Needle::Name(t)
        }
    }

    fn matches(&self, e: &Entry) -> bool {
        match self {
            Needle::Everything => true,
            Needle::PhonePrefix(p) => e.phone_digits.starts_with(p.as_str()),
            Needle::PhoneFragment(p) => e.phone_digits.contains(p.as_str()),
            Needle::Pinyin(p) => e.initials.starts_with(p.as_str()) || e.pinyin.starts_with(p.as_str()),
            Needle::Name(n) => e.name.contains(n.as_str()),
        }
    }
}

pub(crate) const ENTRY_SELECT: &str =
    "SELECT id, name, name_pinyin, name_initials, phone, archived_at IS NOT NULL, grid_id, compound_id FROM residents";

fn entry_from_row(r: &rusqlite::Row, tags: &mut std::collections::HashMap<i64, Vec<i64>>) -> rusqlite::Result<Entry> {
    let id: i64 = r.get(0)?;
    let phone: String = r.get(4)?;
    Ok(Entry {
        id,
        name: r.get(1)?,
        pinyin: r.get(2)?,
        initials: r.get(3)?,
        phone_digits: phone.chars().filter(char::is_ascii_digit).collect(),
        archived: r.get(5)?,
        grid_id: r.get(6)?,
        compound_id: r.get(7)?,
        tag_ids: tags.remove(&id).unwrap_or_default(),
    })
}

impl Entry {
    /// The display order; the same as the SQL `ORDER BY archived_at IS NOT NULL, name_pinyin, id`
    /// (SQLite compares text byte by byte, as Rust does).
    fn sort_key(&self) -> (bool, &str, i64) {
        (self.archived, self.pinyin.as_str(), self.id)
    }
}

pub(crate) fn change_counter(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT value FROM change_counters WHERE name = 'residents'", [], |r| r.get(0))?)
}

impl SearchIndex {
    #[cfg(test)]
    pub(crate) fn loaded_at(&self) -> Option<i64> {
        self.loaded_at
    }

    fn refresh(&mut self, conn: &Connection) -> Result<()> {
        let counter = change_counter(conn)?;
        if self.loaded_at == Some(counter) {
            return Ok(());
        }
        let mut tags: std::collections::HashMap<i64, Vec<i64>> = std::collections::HashMap::new();
        let mut stmt = conn.prepare("SELECT resident_id, tag_id FROM resident_tags")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (resident, tag) = row?;
            tags.entry(resident).or_default().push(tag);
        }
        let mut stmt = conn.prepare(&format!("{ENTRY_SELECT} ORDER BY archived_at IS NOT NULL, name_pinyin, id"))?;
        let entries = stmt.query_map([], |r| entry_from_row(r, &mut tags))?.collect::<rusqlite::Result<Vec<_>>>()?;
        self.entries = entries;
        self.loaded_at = Some(counter);
        Ok(())
    }

    /// After this app changed one resident (`before` → `after` being the change counter
    /// inside that write's transaction): patch that entry and stay current. If the index was
    /// already behind, do nothing; the next search reloads it whole.
    pub(crate) fn apply_own_write(&mut self, conn: &Connection, id: i64, before: i64, after: i64) -> Result<()> {
        if self.loaded_at != Some(before) {
            return Ok(());
        }
        self.entries.retain(|e| e.id != id);
        let mut tags = std::collections::HashMap::new();
        let tag_ids: Vec<i64> = conn
            .prepare("SELECT tag_id FROM resident_tags WHERE resident_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tags.insert(id, tag_ids);
        let entry = conn
            .query_row(&format!("{ENTRY_SELECT} WHERE id = ?1"), [id], |r| entry_from_row(r, &mut tags))
            .optional()?;
        if let Some(entry) = entry {
            let at = self.entries.partition_point(|e| e.sort_key() < entry.sort_key());
            self.entries.insert(at, entry);
        }
        self.loaded_at = Some(after);
        Ok(())
    }

    /// The ids on the requested page, in display order, and how many match in all.
    pub(crate) fn search(&mut self, conn: &Connection, q: &ResidentQuery) -> Result<(Vec<i64>, u32)> {
        self.refresh(conn)?;
        let needle = Needle::parse(&q.text);
        let page_size = q.page_size.clamp(1, 200) as usize;
        let skip = (q.page.max(1) as usize - 1).saturating_mul(page_size);
        let mut total = 0usize;
        let mut page = Vec::with_capacity(page_size);
        for e in self.entries.iter().filter(|e| fits(e, q, &needle)) {
            if total >= skip && page.len() < page_size {
                page.push(e.id);
            }
            total += 1;
        }
        Ok((page, u32::try_from(total).unwrap_or(u32::MAX)))
    }

    /// Every matching id in display order (exports), ignoring the page.
    pub(crate) fn all_matching(&mut self, conn: &Connection, q: &ResidentQuery) -> Result<Vec<i64>> {
        self.refresh(conn)?;
        let needle = Needle::parse(&q.text);
        Ok(self.entries.iter().filter(|e| fits(e, q, &needle)).map(|e| e.id).collect())
    }
}

/// Whether an entry passes the query's filters and text.
fn fits(e: &Entry, q: &ResidentQuery, needle: &Needle) -> bool {
    !((e.archived && !q.include_archived)
        || q.grid_id.is_some_and(|g| e.grid_id != Some(g))
        || q.compound_id.is_some_and(|c| e.compound_id != Some(c))
        || q.tag_id.is_some_and(|t| !e.tag_ids.contains(&t))
        || !needle.matches(e))
}
