//! The desk's view of wishes: the board by column (待审核 / 待认领 / 进行中 / 已逾期 / 待评价 /
//! 已完成), filters (grid, kind, helper, month, text), the overdue list for the home page and
//! a wish's page with its whole timeline.

use super::crediting::volunteer_names;
use super::rating::WishSatisfaction;
use super::workflow::allowed_steps;
use super::{photos, wish_number, WishKind, WishState, WishStep};
use crate::actor::StaffActor;
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::validate;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BoardColumn {
    /// 待审核 (new, and reopened after "not satisfied")
    Review,
    /// 待认领
    Open,
    /// 进行中
    InProgress,
    /// 已逾期: claimed, past the promised date
    Overdue,
    /// 待评价
    AwaitingRating,
    /// 已完成
    Done,
    /// declined, merged, cancelled
    Closed,
}

impl BoardColumn {
    pub const ALL: [BoardColumn; 7] = [
        BoardColumn::Review,
        BoardColumn::Open,
        BoardColumn::InProgress,
        BoardColumn::Overdue,
        BoardColumn::AwaitingRating,
        BoardColumn::Done,
        BoardColumn::Closed,
    ];

    pub fn of(state: WishState, promised: Option<&str>, today: &str) -> BoardColumn {
        BoardColumn::of_late(state, promised.is_some_and(|p| p < today))
    }

    /// `late`: past the promised date (only matters while claimed).
    fn of_late(state: WishState, late: bool) -> BoardColumn {
        match state {
            WishState::Submitted | WishState::Reopened => BoardColumn::Review,
            WishState::Published => BoardColumn::Open,
            WishState::Claimed if late => BoardColumn::Overdue,
            WishState::Claimed => BoardColumn::InProgress,
            WishState::Fulfilled => BoardColumn::AwaitingRating,
            WishState::Completed => BoardColumn::Done,
            WishState::Declined | WishState::Merged | WishState::Cancelled => BoardColumn::Closed,
        }
    }

    /// The SQL condition (over `w`, with today as ?1) and the order the column lists in.
    fn sql(self) -> (&'static str, &'static str) {
        match self {
            BoardColumn::Review => ("w.state IN ('submitted', 'reopened')", "w.created_at, w.id"),
            BoardColumn::Open => ("w.state = 'published'", "w.created_at, w.id"),
            BoardColumn::InProgress => ("w.state = 'claimed' AND w.promised_date >= ?1", "w.promised_date, w.id"),
            BoardColumn::Overdue => ("w.state = 'claimed' AND w.promised_date < ?1", "w.promised_date, w.id"),
            BoardColumn::AwaitingRating => ("w.state = 'fulfilled'", "w.fulfilled_at, w.id"),
            BoardColumn::Done => ("w.state = 'completed'", "w.completed_at DESC, w.id DESC"),
            BoardColumn::Closed => ("w.state IN ('declined', 'merged', 'cancelled')", "w.updated_at DESC, w.id DESC"),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishQuery {
    /// None = every column.
    pub column: Option<BoardColumn>,
    pub grid_id: Option<i64>,
    pub kind: Option<WishKind>,
    /// Wishes this volunteer helps (or helped) with.
    pub volunteer_id: Option<i64>,
    /// YYYY-MM: posted in that month (station time).
    pub month: Option<String>,
    /// Content, requester name, phone fragment or wish number.
    pub text: String,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for WishQuery {
    fn default() -> Self {
        WishQuery {
            column: None,
            grid_id: None,
            kind: None,
            volunteer_id: None,
            month: None,
            text: String::new(),
            page: 1,
            page_size: 20,
        }
    }
}

/// A line of the board (desk only: the requester's name is shown, the phone masked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishRow {
    pub id: i64,
    pub number: String,
    pub kind: WishKind,
    pub content: String,
    pub state: WishState,
    pub column: BoardColumn,
    pub requester_name: String,
    pub phone_masked: String,
    pub grid_name: Option<String>,
    pub wanted_by: Option<String>,
    pub promised_date: Option<String>,
    /// Days past the promised date (0 unless overdue).
    pub overdue_days: i64,
    pub lead_id: Option<i64>,
    pub lead_name: Option<String>,
    pub helper_count: i64,
    pub channel: String,
    pub created_at: String,
    pub fulfilled_at: Option<String>,
    pub completed_at: Option<String>,
    pub stars: Option<i64>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ColumnCount {
    pub column: BoardColumn,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishBoard {
    /// Every column's count under the filters (the column choice aside).
    pub counts: Vec<ColumnCount>,
    pub items: Vec<WishRow>,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishHelper {
    pub volunteer_id: i64,
    pub name: String,
    pub is_lead: bool,
    pub active: bool,
    pub joined_at: String,
    pub planned_minutes: i64,
    pub planned_points: i64,
    pub credited_minutes: i64,
    pub credited_points: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishTransition {
    pub id: i64,
    pub step: WishStep,
    pub from_state: Option<WishState>,
    pub to_state: WishState,
    pub at: String,
    /// desk / kiosk / system
    pub window: String,
    pub actor_name: String,
    pub volunteer_name: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishDetail {
    pub row: WishRow,
    pub code: String,
    /// Whole number: the staff may need to call back.
    pub phone: String,
    pub resident_id: Option<i64>,
    pub decline_reason: String,
    pub fulfil_note: String,
    pub has_photo: bool,
    pub satisfaction: Option<WishSatisfaction>,
    pub rating_comment: String,
    pub merged_into: Option<i64>,
    pub helpers: Vec<WishHelper>,
    pub timeline: Vec<WishTransition>,
    /// What may be done now (the desk's buttons).
    pub allowed_steps: Vec<WishStep>,
    pub default_minutes: i64,
    pub default_points: i64,
}

const ROW_SELECT: &str = "SELECT w.id, w.kind, w.content, w.state, w.requester_name, w.phone, g.name, w.wanted_by,
        w.promised_date, w.channel, w.created_at, w.fulfilled_at, w.completed_at, w.stars,
        (SELECT h.volunteer_id FROM wish_helpers h WHERE h.wish_id = w.id AND h.is_lead = 1),
        (SELECT COUNT(*) FROM wish_helpers h WHERE h.wish_id = w.id AND h.active = 1)
    FROM wishes w LEFT JOIN grids g ON g.id = w.grid_id";

fn bad_value(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what} {value}"), rusqlite::types::Type::Text)
}

fn row_from(r: &Row, today: NaiveDate) -> rusqlite::Result<WishRow> {
    let id: i64 = r.get(0)?;
    let kind: String = r.get(1)?;
    let state: String = r.get(3)?;
    let phone: String = r.get(5)?;
    let promised: Option<String> = r.get(8)?;
    let state = WishState::parse(&state).ok_or_else(|| bad_value("state", &state))?;
    let today_str = today.to_string();
    let column = BoardColumn::of(state, promised.as_deref(), &today_str);
    let overdue_days = match (&column, promised.as_deref().and_then(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").ok()))
    {
        (BoardColumn::Overdue, Some(p)) => (today - p).num_days(),
        _ => 0,
    };
    Ok(WishRow {
        id,
        number: wish_number(id),
        kind: WishKind::parse(&kind).ok_or_else(|| bad_value("kind", &kind))?,
        content: r.get(2)?,
        state,
        column,
        requester_name: r.get(4)?,
        phone_masked: validate::mask_phone(&phone),
        grid_name: r.get(6)?,
        wanted_by: r.get(7)?,
        promised_date: promised,
        overdue_days,
        channel: r.get(9)?,
        created_at: r.get(10)?,
        fulfilled_at: r.get(11)?,
        completed_at: r.get(12)?,
        stars: r.get(13)?,
        lead_id: r.get(14)?,
        lead_name: None,
        helper_count: r.get(15)?,
    })
}

/// UTC bounds of a local month, as stored timestamps compare.
pub(crate) fn month_bounds(month: &str, tz: chrono_tz::Tz) -> Result<(String, String)> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", month.trim()), "%Y-%m-%d")
        .map_err(|_| AppError::validation("month", "月份格式应为 年-月，如 2026-11"))?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let at = |d: Option<NaiveDate>| {
        d.and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|d| d.and_local_timezone(tz).earliest())
            .map(|d| crate::clock::timestamp(d.with_timezone(&chrono::Utc)))
            .ok_or_else(|| AppError::validation("month", "月份超出范围"))
    };
    Ok((at(Some(first))?, at(next)?))
}

impl Station {
    /// Fills in the lead helpers' names (one query for the whole page).
    pub(crate) fn name_leads(&self, rows: &mut [WishRow]) -> Result<()> {
        let ids: Vec<i64> = rows.iter().filter_map(|r| r.lead_id).collect();
        if ids.is_empty() {
            return Ok(());
        }
        let names = volunteer_names(self.conn(), &ids)?;
        for row in rows {
            row.lead_name = row.lead_id.and_then(|id| names.get(&id).cloned());
        }
        Ok(())
    }

    /// The filters as SQL (today is always ?1) and their values.
    fn board_filters(&self, q: &WishQuery) -> Result<(Vec<String>, Vec<Value>)> {
        let mut conds = Vec::new();
        let mut values: Vec<Value> = vec![self.today().to_string().into()];
        let bind = |cond: &str, v: Value, values: &mut Vec<Value>| {
            values.push(v);
            cond.replace('?', &format!("?{}", values.len()))
        };
        if let Some(g) = q.grid_id {
            conds.push(bind("w.grid_id = ?", g.into(), &mut values));
        }
        if let Some(k) = q.kind {
            conds.push(bind("w.kind = ?", k.as_str().to_string().into(), &mut values));
        }
        if let Some(v) = q.volunteer_id {
            conds.push(bind(
                // From the helper's index to their few wishes, not a probe per wish.
                "w.id IN (SELECT h.wish_id FROM wish_helpers h WHERE h.volunteer_id = ?)",
                v.into(),
                &mut values,
            ));
        }
        if let Some(m) = q.month.as_deref().filter(|m| !m.trim().is_empty()) {
            let (from, to) = month_bounds(m, self.tz())?;
            conds.push(bind("w.created_at >= ?", from.into(), &mut values));
            conds.push(bind("w.created_at < ?", to.into(), &mut values));
        }
        // SQLite refuses LIKE patterns over 50 000 bytes: a pasted essay is a bad search.
        let text = validate::half_width(&validate::optional_text("text", "搜索内容", &q.text, 100)?);
        if !text.is_empty() {
            let like = format!("%{}%", text.replace(['%', '_'], ""));
            let digits = text.trim_start_matches("No.");
            // Digits are a phone fragment or a wish number; anything else is text or a name.
            if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                let number = digits.trim_start_matches('0').parse::<i64>().unwrap_or(0);
                values.push(like.into());
                let n = values.len();
                conds.push(format!("(w.phone LIKE ?{n}{})", bind(" OR w.id = ?", number.into(), &mut values)));
            } else {
                values.push(like.into());
                let n = values.len();
                conds.push(format!("(w.content LIKE ?{n} OR w.requester_name LIKE ?{n})"));
            }
        }
        Ok((conds, values))
    }

    pub fn wishes_board(&self, _actor: &StaffActor, q: &WishQuery) -> Result<WishBoard> {
        let today = self.today();
        let (conds, values) = self.board_filters(q)?;
        // Today (?1) is bound even when only the overdue split needs it.
        let base = std::iter::once("?1 IS NOT NULL".to_string()).chain(conds).collect::<Vec<_>>().join(" AND ");
        // A text search reads every row anyway: one scan, counted and sorted here. Otherwise
        // the indexes count and page without touching the rows.
        let (counts, ids) = if q.text.trim().is_empty() {
            self.board_indexed(&base, &values, q)?
        } else {
            self.board_scanned(&base, &values, q, today)?
        };
        let total = match q.column {
            Some(c) => counts.get(&c).copied().unwrap_or(0),
            None => counts.values().sum(),
        };
        let mut items: Vec<WishRow> = Vec::with_capacity(ids.len());
        if !ids.is_empty() {
            let placeholders = vec!["?"; ids.len()].join(", ");
            items = self
                .conn()
                .prepare(&format!("{ROW_SELECT} WHERE w.id IN ({placeholders})"))?
                .query_map(params_from_iter(ids.iter()), |r| row_from(r, today))?
                .collect::<rusqlite::Result<_>>()?;
            items.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
        }
        self.name_leads(&mut items)?;
        Ok(WishBoard {
            counts: BoardColumn::ALL
                .iter()
                .map(|c| ColumnCount { column: *c, count: counts.get(c).copied().unwrap_or(0) })
                .collect(),
            items,
            total,
        })
    }

    /// Column counts and the page's ids through the indexes (no text search).
    fn board_indexed(
        &self,
        base: &str,
        values: &[Value],
        q: &WishQuery,
    ) -> Result<(HashMap<BoardColumn, u32>, Vec<i64>)> {
        // Counted per state in index order (a streaming count, no temporary b-tree), and the
        // late ones among the claimed by an index range: measured 17 ms → ~1 ms at 15,000.
        let mut counts: HashMap<BoardColumn, u32> = HashMap::new();
        {
            let mut stmt = self
                .conn()
                .prepare_cached(&format!("SELECT w.state, COUNT(*) FROM wishes w WHERE {base} GROUP BY w.state"))?;
            let mut rows = stmt.query(params_from_iter(values.iter()))?;
            while let Some(r) = rows.next()? {
                let state: String = r.get(0)?;
                if let Some(state) = WishState::parse(&state) {
                    *counts.entry(BoardColumn::of_late(state, false)).or_default() += r.get::<_, u32>(1)?;
                }
            }
        }
        let late: u32 = self
            .conn()
            .prepare_cached(&format!(
                "SELECT COUNT(*) FROM wishes w WHERE {base} AND {}",
                BoardColumn::Overdue.sql().0
            ))?
            .query_row(params_from_iter(values.iter()), |r| r.get(0))?;
        if late > 0 {
            *counts.entry(BoardColumn::InProgress).or_default() -= late;
            counts.insert(BoardColumn::Overdue, late);
        }
        let (cond, order) = match q.column {
            Some(c) => (format!("{base} AND {}", c.sql().0), c.sql().1),
            None => (base.to_string(), "w.created_at DESC, w.id DESC"),
        };
        let page_size = q.page_size.clamp(1, 200);
        let offset = (q.page.max(1) - 1) * page_size;
        // The page's ids first: the row's subqueries (lead, team size) then run for 20 rows,
        // not for every row the sort has to look at.
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached(&format!(
                "SELECT w.id FROM wishes w WHERE {cond} ORDER BY {order} LIMIT {page_size} OFFSET {offset}"
            ))?
            .query_map(params_from_iter(values.iter()), |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((counts, ids))
    }

    /// Column counts and the page's ids from one scan of the matching rows (text search).
    fn board_scanned(
        &self,
        base: &str,
        values: &[Value],
        q: &WishQuery,
        today: NaiveDate,
    ) -> Result<(HashMap<BoardColumn, u32>, Vec<i64>)> {
        let today = today.to_string();
        let mut counts: HashMap<BoardColumn, u32> = HashMap::new();
        let mut hits: Vec<(Option<String>, i64)> = Vec::new();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT w.id, w.state, w.promised_date, w.created_at, w.fulfilled_at, w.completed_at, w.updated_at
             FROM wishes w WHERE {base}"
        ))?;
        let mut rows = stmt.query(params_from_iter(values.iter()))?;
        while let Some(r) = rows.next()? {
            let state: String = r.get(1)?;
            let Some(state) = WishState::parse(&state) else { continue };
            let promised: Option<String> = r.get(2)?;
            let column = BoardColumn::of(state, promised.as_deref(), &today);
            *counts.entry(column).or_default() += 1;
            if q.column.is_some_and(|c| c != column) {
                continue;
            }
            // The same order as BoardColumn::sql.
            let key: Option<String> = match q.column {
                None | Some(BoardColumn::Review | BoardColumn::Open) => r.get(3)?,
                Some(BoardColumn::InProgress | BoardColumn::Overdue) => promised,
                Some(BoardColumn::AwaitingRating) => r.get(4)?,
                Some(BoardColumn::Done) => r.get(5)?,
                Some(BoardColumn::Closed) => r.get(6)?,
            };
            hits.push((key, r.get(0)?));
        }
        hits.sort();
        if matches!(q.column, None | Some(BoardColumn::Done | BoardColumn::Closed)) {
            hits.reverse();
        }
        let page_size = q.page_size.clamp(1, 200) as usize;
        let offset = (q.page.max(1) as usize - 1) * page_size;
        Ok((counts, hits.into_iter().skip(offset).take(page_size).map(|(_, id)| id).collect()))
    }

    /// 督单 on the home page: every overdue wish, longest overdue first (the table sorts too).
    pub fn wishes_overdue(&self, actor: &StaffActor) -> Result<Vec<WishRow>> {
        let q = WishQuery { column: Some(BoardColumn::Overdue), page_size: 200, ..Default::default() };
        Ok(self.wishes_board(actor, &q)?.items)
    }

    pub fn wish_get(&self, _actor: &StaffActor, id: i64) -> Result<WishDetail> {
        let today = self.today();
        let conn = self.conn();
        let mut row = conn
            .query_row(&format!("{ROW_SELECT} WHERE w.id = ?1"), [id], |r| row_from(r, today))
            .optional()?
            .ok_or_else(|| AppError::not_found("心愿"))?;
        self.name_leads(std::slice::from_mut(&mut row))?;
        let mut helpers: Vec<WishHelper> = conn
            .prepare_cached(
                "SELECT volunteer_id, is_lead, active, joined_at, planned_minutes, planned_points, credited_minutes,
                        credited_points
                 FROM wish_helpers WHERE wish_id = ?1 ORDER BY is_lead DESC, active DESC, joined_at",
            )?
            .query_map([id], |r| {
                Ok(WishHelper {
                    volunteer_id: r.get(0)?,
                    name: String::new(),
                    is_lead: r.get(1)?,
                    active: r.get(2)?,
                    joined_at: r.get(3)?,
                    planned_minutes: r.get(4)?,
                    planned_points: r.get(5)?,
                    credited_minutes: r.get(6)?,
                    credited_points: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let timeline = self.wish_timeline(id)?;
        let mut ids: Vec<i64> = helpers.iter().map(|h| h.volunteer_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let names = volunteer_names(conn, &ids)?;
        for h in &mut helpers {
            h.name = names.get(&h.volunteer_id).cloned().unwrap_or_default();
        }
        let kind = row.kind;
        let default_points = super::crediting::default_points(conn, kind.default_minutes())?;
        conn.query_row(
            "SELECT code, phone, resident_id, decline_reason, fulfil_note, photo, satisfaction, rating_comment, merged_into
             FROM wishes WHERE id = ?1",
            [id],
            |r| {
                let satisfaction: Option<String> = r.get(6)?;
                let state = row.state;
                Ok(WishDetail {
                    code: r.get(0)?,
                    phone: r.get(1)?,
                    resident_id: r.get(2)?,
                    decline_reason: r.get(3)?,
                    fulfil_note: r.get(4)?,
                    has_photo: r.get::<_, Option<String>>(5)?.is_some(),
                    satisfaction: satisfaction.as_deref().and_then(WishSatisfaction::parse),
                    rating_comment: r.get(7)?,
                    merged_into: r.get(8)?,
                    helpers,
                    timeline,
                    allowed_steps: allowed_steps(state),
                    default_minutes: kind.default_minutes(),
                    default_points,
                    row,
                })
            },
        )
        .map_err(AppError::from)
    }

    /// Every recorded step of a wish, oldest first.
    pub fn wish_timeline(&self, id: i64) -> Result<Vec<WishTransition>> {
        let conn = self.conn();
        let mut items: Vec<(WishTransition, Option<i64>)> = conn
            .prepare_cached(
                "SELECT id, action, from_state, to_state, at, window, actor_name, volunteer_id, note
                 FROM wish_transitions WHERE wish_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                let step: String = r.get(1)?;
                let from: Option<String> = r.get(2)?;
                let to: String = r.get(3)?;
                Ok((
                    WishTransition {
                        id: r.get(0)?,
                        step: WishStep::parse(&step).ok_or_else(|| bad_value("step", &step))?,
                        from_state: from.as_deref().and_then(WishState::parse),
                        to_state: WishState::parse(&to).ok_or_else(|| bad_value("state", &to))?,
                        at: r.get(4)?,
                        window: r.get(5)?,
                        actor_name: r.get(6)?,
                        volunteer_name: None,
                        note: r.get(8)?,
                    },
                    r.get(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut ids: Vec<i64> = items.iter().filter_map(|(_, v)| *v).collect();
        ids.sort_unstable();
        ids.dedup();
        if !ids.is_empty() {
            let names = volunteer_names(conn, &ids)?;
            for (t, v) in &mut items {
                t.volunteer_name = v.and_then(|v| names.get(&v).cloned());
            }
        }
        Ok(items.into_iter().map(|(t, _)| t).collect())
    }

    /// The 晒单 photo as a data URL, for the desk.
    pub fn wish_photo(&self, _actor: &StaffActor, id: i64) -> Result<Option<String>> {
        self.stored_photo(id)
    }

    pub(crate) fn stored_photo(&self, id: i64) -> Result<Option<String>> {
        let name: Option<Option<String>> =
            self.conn().query_row("SELECT photo FROM wishes WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match name.ok_or_else(|| AppError::not_found("心愿"))? {
            Some(name) => photos::load(self.photo_dir().as_deref(), &name),
            None => Ok(None),
        }
    }
}
