//! Reading cases: the lists with their clocks (the open list sorted by what is most urgent),
//! the desk home panel, the case page with its whole timeline, and photos.

use super::deadlines::{clock_for, ClockFacts, ClockState};
use super::workflow::{allowed_actions, CaseFacts};
use super::{
    parse_stored, CaseAction, CaseCall, CaseClock, CaseDetail, CaseFeedback, CaseFollowup, CaseKind, CasePage,
    CaseQuery, CaseRow, CaseSettings, CaseSource, CaseStatus, CaseTransition, CasesHome, DisputeStage, FeedbackChannel,
    FollowupMethod, Level, Resolution, Satisfaction, Unreasonable, Urgency,
};
use crate::actor::StaffActor;
use crate::db::Station;
use crate::error::{AppError, Result};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};

const ROW_SELECT: &str = "SELECT c.id, c.number, c.kind, c.title, c.status, c.level, c.urgency, c.handler_name,
        g.name, cp.name, b.name, c.place_text, c.created_at, c.accept_due, c.resolve_due,
        c.resolved_at IS NOT NULL, c.report_due, c.reported_at IS NOT NULL
    FROM cases c
    LEFT JOIN grids g ON g.id = c.grid_id
    LEFT JOIN compounds cp ON cp.id = c.compound_id
    LEFT JOIN buildings b ON b.id = c.building_id";

/// 第一网格 阳光花园 3号楼 · 北侧停车场
fn place_label(parts: [Option<String>; 3], text: &str) -> String {
    let mut label = parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        if !label.is_empty() {
            label.push_str(" · ");
        }
        label.push_str(text);
    }
    label
}

fn row_from(r: &Row, now: DateTime<Utc>, tz: Tz) -> rusqlite::Result<CaseRow> {
    let kind = parse_stored(&r.get::<_, String>(2)?, CaseKind::parse)?;
    let status = parse_stored(&r.get::<_, String>(4)?, CaseStatus::parse)?;
    let created_at: String = r.get(12)?;
    let accept_due: String = r.get(13)?;
    let resolve_due: String = r.get(14)?;
    let report_due: Option<String> = r.get(16)?;
    let clock = clock_for(
        &ClockFacts {
            status,
            created_at: &created_at,
            accept_due: &accept_due,
            resolve_due: &resolve_due,
            resolved: r.get(15)?,
            report_due: report_due.as_deref(),
            department_reported: r.get(17)?,
        },
        now,
        tz,
    );
    let text: String = r.get(11)?;
    Ok(CaseRow {
        id: r.get(0)?,
        number: r.get(1)?,
        kind,
        title: r.get(3)?,
        status,
        level: parse_stored(&r.get::<_, String>(5)?, Level::parse)?,
        urgency: parse_stored(&r.get::<_, String>(6)?, Urgency::parse)?,
        handler: r.get(7)?,
        place: place_label([r.get(8)?, r.get(9)?, r.get(10)?], &text),
        created_at,
        clock,
        red_flag: kind == CaseKind::Emergency && status.is_open(),
    })
}

/// Most urgent first: overdue (longest overdue first), near, running, then stopped clocks.
fn urgency_key(clock: &CaseClock, id: i64) -> (u8, i64, i64) {
    let rank = match clock.state {
        ClockState::Overdue => 0,
        ClockState::Near => 1,
        ClockState::Ok => 2,
        ClockState::Stopped => 3,
    };
    (rank, clock.remaining_minutes.unwrap_or(i64::MAX), -id)
}

fn opt_parse<T>(v: Option<String>, parse: fn(&str) -> Option<T>) -> Option<T> {
    v.as_deref().and_then(parse)
}

impl Station {
    /// The case lists. Applies due automatic escalations first, so what is shown is current.
    pub fn cases_list(&mut self, actor: &StaffActor, q: &CaseQuery) -> Result<CasePage> {
        // Any signed-in staff member may read every case.
        let _ = actor;
        self.cases_tick()?;
        let (now, tz) = (self.now(), self.tz());
        let mut filters: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        if q.open_only {
            // The open statuses by name, so the status index is sought rather than the table scanned.
            filters.push("c.status IN ('reported', 'filed', 'assigned', 'handling', 'answered')".into());
        }
        if let Some(s) = q.status {
            values.push(s.as_str().to_string().into());
            filters.push(format!("c.status = ?{}", values.len()));
        }
        if let Some(k) = q.kind {
            values.push(k.as_str().to_string().into());
            filters.push(format!("c.kind = ?{}", values.len()));
        }
        // SQLite refuses LIKE patterns over 50 000 bytes: a pasted essay is a bad search.
        let text = crate::validate::optional_text("text", "搜索内容", &q.text, 100)?;
        if !text.is_empty() {
            values.push(format!("%{}%", text.replace('%', "")).into());
            let n = values.len();
            filters.push(format!(
                "(c.number LIKE ?{n} OR c.title LIKE ?{n} OR c.place_text LIKE ?{n} OR c.handler_name LIKE ?{n}
                  OR c.contact_name LIKE ?{n} OR b.name LIKE ?{n} OR cp.name LIKE ?{n})"
            ));
        }
        let where_sql = if filters.is_empty() { String::new() } else { format!(" WHERE {}", filters.join(" AND ")) };
        let size = q.page_size.clamp(1, 200) as usize;
        let offset = (q.page.max(1) as usize - 1) * size;
        let conn = self.conn();
        // Place names are joined only when the text filter needs them (a bare count then
        // reads the small status index instead of the whole table).
        let joins = if text.is_empty() {
            ""
        } else {
            " LEFT JOIN compounds cp ON cp.id = c.compound_id LEFT JOIN buildings b ON b.id = c.building_id"
        };
        if q.open_only {
            // Every open case's clock decides the order; only the page's rows are read whole.
            let mut keyed: Vec<((u8, i64, i64), i64)> = conn
                .prepare(&format!(
                    "SELECT c.id, c.status, c.created_at, c.accept_due, c.resolve_due, c.resolved_at IS NOT NULL,
                            c.report_due, c.reported_at IS NOT NULL
                     FROM cases c{joins}{where_sql}"
                ))?
                .query_map(params_from_iter(values.iter()), |r| {
                    let id: i64 = r.get(0)?;
                    let (created_at, accept_due, resolve_due): (String, String, String) =
                        (r.get(2)?, r.get(3)?, r.get(4)?);
                    let report_due: Option<String> = r.get(6)?;
                    let facts = ClockFacts {
                        status: parse_stored(&r.get::<_, String>(1)?, CaseStatus::parse)?,
                        created_at: &created_at,
                        accept_due: &accept_due,
                        resolve_due: &resolve_due,
                        resolved: r.get(5)?,
                        report_due: report_due.as_deref(),
                        department_reported: r.get(7)?,
                    };
                    Ok((urgency_key(&clock_for(&facts, now, tz), id), id))
                })?
                .collect::<rusqlite::Result<_>>()?;
            keyed.sort_unstable();
            let ids: Vec<i64> = keyed.iter().skip(offset).take(size).map(|(_, id)| *id).collect();
            let mut items: Vec<CaseRow> = if ids.is_empty() {
                Vec::new()
            } else {
                let marks = vec!["?"; ids.len()].join(", ");
                conn.prepare(&format!("{ROW_SELECT} WHERE c.id IN ({marks})"))?
                    .query_map(params_from_iter(ids.iter()), |r| row_from(r, now, tz))?
                    .collect::<rusqlite::Result<_>>()?
            };
            items.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
            return Ok(CasePage { items, total: keyed.len() as u32 });
        }
        let total: u32 = conn.query_row(
            &format!("SELECT COUNT(*) FROM cases c{joins}{where_sql}"),
            params_from_iter(values.iter()),
            |r| r.get(0),
        )?;
        values.push((size as i64).into());
        values.push((offset as i64).into());
        let n = values.len();
        let items = conn
            .prepare(&format!("{ROW_SELECT}{where_sql} ORDER BY c.id DESC LIMIT ?{} OFFSET ?{n}", n - 1))?
            .query_map(params_from_iter(values.iter()), |r| row_from(r, now, tz))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(CasePage { items, total })
    }

    /// The desk home panel: open cases past (red) or near their limit.
    pub fn cases_home(&mut self, actor: &StaffActor) -> Result<CasesHome> {
        let page = self.cases_list(actor, &CaseQuery { page_size: 200, ..CaseQuery::default() })?;
        let pick = |state: ClockState| -> Vec<CaseRow> {
            page.items.iter().filter(|r| r.clock.state == state).take(10).cloned().collect()
        };
        Ok(CasesHome { open: page.total, overdue: pick(ClockState::Overdue), near: pick(ClockState::Near) })
    }

    pub fn case_get(&self, actor: &StaffActor, id: i64) -> Result<CaseDetail> {
        let (now, tz) = (self.now(), self.tz());
        let conn = self.conn();
        let row = conn
            .query_row(&format!("{ROW_SELECT} WHERE c.id = ?1"), [id], |r| row_from(r, now, tz))
            .optional()?
            .ok_or_else(|| AppError::not_found("案件"))?;
        let facts = CaseFacts::load(conn, id)?;
        let transitions = self.case_transitions(id)?;
        let calls = conn
            .prepare(
                "SELECT id, callee, called_at, note, by_name FROM case_calls WHERE case_id = ?1 ORDER BY called_at, id",
            )?
            .query_map([id], |r| {
                Ok(CaseCall { id: r.get(0)?, callee: r.get(1)?, called_at: r.get(2)?, note: r.get(3)?, by: r.get(4)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let feedback = conn
            .prepare("SELECT id, content, told_at, channel, by_name FROM case_feedback WHERE case_id = ?1 ORDER BY id")?
            .query_map([id], |r| {
                Ok(CaseFeedback {
                    id: r.get(0)?,
                    content: r.get(1)?,
                    told_at: r.get(2)?,
                    channel: parse_stored(&r.get::<_, String>(3)?, FeedbackChannel::parse)?,
                    by: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let followups = conn
            .prepare(
                "SELECT id, method, resolution, satisfaction, note, by_name, at FROM case_followups
                 WHERE case_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                Ok(CaseFollowup {
                    id: r.get(0)?,
                    method: parse_stored(&r.get::<_, String>(1)?, FollowupMethod::parse)?,
                    resolution: parse_stored(&r.get::<_, String>(2)?, Resolution::parse)?,
                    satisfaction: parse_stored(&r.get::<_, String>(3)?, Satisfaction::parse)?,
                    note: r.get(4)?,
                    by: r.get(5)?,
                    at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let allowed = allowed_actions(&facts, Some(actor.id));
        conn.query_row(
            "SELECT c.source, c.hotline_ticket, c.resident_id, r.name, c.contact_name, c.contact_phone, c.grid_id,
                    c.compound_id, c.building_id, c.description, c.handler_staff_id, c.dispute_stage, c.session_date,
                    c.department_id, d.name, c.report_due, c.reported_at, c.accept_due, c.resolve_due, c.accepted_at,
                    c.resolved_at, c.result, c.feedback_at, c.followup_resolution, c.followup_satisfaction,
                    c.no_followup_reason, c.closed_at, c.archived_at, c.reopens, c.unreasonable_reason,
                    pb.display_name, rv.display_name, c.unreasonable_confirmed, COALESCE(cb.display_name, '')
             FROM cases c
             LEFT JOIN residents r ON r.id = c.resident_id
             LEFT JOIN case_departments d ON d.id = c.department_id
             LEFT JOIN staff pb ON pb.id = c.unreasonable_by
             LEFT JOIN staff rv ON rv.id = c.unreasonable_reviewer
             LEFT JOIN staff cb ON cb.id = c.created_by
             WHERE c.id = ?1",
            [id],
            |r| {
                let reason: Option<String> = r.get(29)?;
                Ok(CaseDetail {
                    id,
                    number: row.number.clone(),
                    source: parse_stored(&r.get::<_, String>(0)?, CaseSource::parse)?,
                    hotline_ticket: r.get(1)?,
                    resident_id: r.get(2)?,
                    resident_name: r.get(3)?,
                    contact_name: r.get(4)?,
                    contact_phone: r.get(5)?,
                    grid_id: r.get(6)?,
                    compound_id: r.get(7)?,
                    building_id: r.get(8)?,
                    place: row.place.clone(),
                    kind: row.kind,
                    title: row.title.clone(),
                    description: r.get(9)?,
                    urgency: row.urgency,
                    level: row.level,
                    status: row.status,
                    handler_staff_id: r.get(10)?,
                    handler: row.handler.clone(),
                    dispute_stage: opt_parse(r.get(11)?, DisputeStage::parse),
                    session_date: r.get(12)?,
                    department_id: r.get(13)?,
                    department: r.get(14)?,
                    report_due: r.get(15)?,
                    reported_at: r.get(16)?,
                    accept_due: r.get(17)?,
                    resolve_due: r.get(18)?,
                    accepted_at: r.get(19)?,
                    resolved_at: r.get(20)?,
                    result: r.get(21)?,
                    feedback_at: r.get(22)?,
                    followup_resolution: opt_parse(r.get(23)?, Resolution::parse),
                    followup_satisfaction: opt_parse(r.get(24)?, Satisfaction::parse),
                    no_followup_reason: r.get(25)?,
                    closed_at: r.get(26)?,
                    archived_at: r.get(27)?,
                    reopens: r.get(28)?,
                    unreasonable: match reason {
                        Some(reason) => Some(Unreasonable {
                            reason,
                            proposed_by: r.get::<_, Option<String>>(30)?.unwrap_or_default(),
                            reviewer: r.get(31)?,
                            confirmed: r.get(32)?,
                        }),
                        None => None,
                    },
                    created_at: row.created_at.clone(),
                    created_by: r.get(33)?,
                    clock: row.clock.clone(),
                    red_flag: row.red_flag,
                    transitions,
                    calls,
                    feedback,
                    followups,
                    allowed,
                })
            },
        )
        .map_err(AppError::from)
    }

    /// The timeline, oldest first, each row with the ids of the photos added with it.
    pub fn case_transitions(&self, id: i64) -> Result<Vec<CaseTransition>> {
        let conn = self.conn();
        let mut photos: Vec<(i64, i64)> = conn
            .prepare("SELECT transition_id, id FROM case_photos WHERE case_id = ?1 AND transition_id IS NOT NULL")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        photos.sort_unstable();
        let rows = conn
            .prepare(
                "SELECT id, at, action, from_status, to_status, from_level, to_level, actor_name, actor_kind, note
                 FROM case_transitions WHERE case_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| {
                let tid: i64 = r.get(0)?;
                Ok(CaseTransition {
                    id: tid,
                    at: r.get(1)?,
                    action: parse_stored(&r.get::<_, String>(2)?, CaseAction::parse)?,
                    from_status: parse_stored(&r.get::<_, String>(3)?, CaseStatus::parse)?,
                    to_status: parse_stored(&r.get::<_, String>(4)?, CaseStatus::parse)?,
                    from_level: parse_stored(&r.get::<_, String>(5)?, Level::parse)?,
                    to_level: parse_stored(&r.get::<_, String>(6)?, Level::parse)?,
                    actor: r.get(7)?,
                    by_system: r.get::<_, String>(8)? == "system",
                    note: r.get(9)?,
                    photos: photos.iter().filter(|(t, _)| *t == tid).map(|(_, p)| *p).collect(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn cases_settings(&self) -> Result<CaseSettings> {
        Ok(CaseSettings {
            limits: self.cases_limits()?,
            calendar: self.cases_calendar()?,
            departments: self.case_departments()?,
        })
    }
}
