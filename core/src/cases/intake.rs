//! The one entry (问题上报): every source, a unique number per month, the possible-duplicate
//! warning, the time limits and the routing that happens at intake (an emergency goes
//! straight to the street level; a dispute starts with community mediation).

use super::workflow::{self, CaseFacts};
use super::{deadlines, CaseAction, CaseDetail, CaseKind, CaseSource, CaseStatus, DisputeStage, Level, Urgency};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::Duration;
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// Same place and kind within this many days: shown as a possible duplicate before saving.
pub const DUPLICATE_DAYS: i64 = 7;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseInput {
    pub source: CaseSource,
    /// 12345 transfers: the hotline's ticket number.
    pub hotline_ticket: Option<String>,
    /// None: anonymous or not registered (then the contact fields may say who it was).
    pub resident_id: Option<i64>,
    pub contact_name: String,
    pub contact_phone: String,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub building_id: Option<i64>,
    /// Where, in words, when the place is not (only) a building: 3号楼北侧停车场.
    pub place_text: String,
    pub kind: CaseKind,
    pub title: String,
    pub description: String,
    pub urgency: Urgency,
    /// Save even though a case of the same kind at the same place was reported recently.
    pub confirm_duplicate: bool,
}

impl Default for CaseInput {
    fn default() -> Self {
        CaseInput {
            source: CaseSource::WalkIn,
            hotline_ticket: None,
            resident_id: None,
            contact_name: String::new(),
            contact_phone: String::new(),
            grid_id: None,
            compound_id: None,
            building_id: None,
            place_text: String::new(),
            kind: CaseKind::Service,
            title: String::new(),
            description: String::new(),
            urgency: Urgency::Normal,
            confirm_duplicate: false,
        }
    }
}

struct Place {
    grid: Option<i64>,
    compound: Option<i64>,
    building: Option<i64>,
    text: String,
}

/// The building decides its compound, the compound its grid; a contradiction is refused.
fn check_place(tx: &Tx, input: &CaseInput) -> Result<Place> {
    let text = validate::optional_text("placeText", "地点", &input.place_text, 100)?;
    let mut p = Place { grid: input.grid_id, compound: input.compound_id, building: input.building_id, text };
    let parent = |sql: &str, id: i64, field: &str, missing: &str| -> Result<i64> {
        let found: Option<i64> = tx.query_row(sql, [id], |r| r.get(0)).optional()?;
        found.ok_or_else(|| AppError::validation(field, missing))
    };
    if let Some(b) = p.building {
        let c = parent("SELECT compound_id FROM buildings WHERE id = ?1", b, "buildingId", "所选楼栋不存在")?;
        if p.compound.is_some_and(|x| x != c) {
            return Err(AppError::validation("buildingId", "所选楼栋不属于所选小区"));
        }
        p.compound = Some(c);
    }
    if let Some(c) = p.compound {
        let g = parent("SELECT grid_id FROM compounds WHERE id = ?1", c, "compoundId", "所选小区不存在")?;
        if p.grid.is_some_and(|x| x != g) {
            return Err(AppError::validation("compoundId", "所选小区不属于所选网格"));
        }
        p.grid = Some(g);
    }
    if let Some(g) = p.grid {
        parent("SELECT id FROM grids WHERE id = ?1", g, "gridId", "所选网格不存在")?;
    }
    if p.grid.is_none() && p.text.is_empty() {
        return Err(AppError::validation("placeText", "请选择网格、小区或楼栋，或填写地点"));
    }
    Ok(p)
}

/// 2026-11-0042: the month of intake and the next free number in it.
fn next_number(tx: &Tx) -> Result<String> {
    let prefix = tx.today().format("%Y-%m").to_string();
    let last: Option<String> = tx
        .query_row(
            "SELECT number FROM cases WHERE number LIKE ?1 || '-%' ORDER BY number DESC LIMIT 1",
            [&prefix],
            |r| r.get(0),
        )
        .optional()?;
    let n = last.and_then(|l| l.rsplit('-').next().and_then(|s| s.parse::<u32>().ok())).unwrap_or(0) + 1;
    Ok(format!("{prefix}-{n:04}"))
}

fn check_duplicate(tx: &Tx, input: &CaseInput, p: &Place) -> Result<()> {
    if input.confirm_duplicate {
        return Ok(());
    }
    let since = crate::clock::timestamp(tx.now - Duration::days(DUPLICATE_DAYS));
    // The most precise place given decides what "the same place" means.
    let (column, value): (&str, rusqlite::types::Value) = match (p.building, p.compound, p.grid) {
        (Some(b), _, _) if p.text.is_empty() => ("building_id", b.into()),
        (None, Some(c), _) if p.text.is_empty() => ("compound_id", c.into()),
        (None, None, Some(g)) if p.text.is_empty() => ("grid_id", g.into()),
        _ => ("place_text", p.text.clone().into()),
    };
    let twin: Option<(String, String)> = tx
        .query_row(
            &format!(
                "SELECT number, title FROM cases WHERE kind = ?1 AND created_at >= ?2 AND {column} = ?3
                 ORDER BY id DESC LIMIT 1"
            ),
            params![input.kind.as_str(), since, value],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match twin {
        None => Ok(()),
        Some((number, title)) => Err(AppError {
            code: ErrorCode::DuplicateWarning,
            message: format!(
                "可能重复：{DUPLICATE_DAYS} 天内同一地点已有{}案件 {number}「{title}」。确认这是另一件事吗？",
                input.kind.label()
            ),
            field: Some("title".into()),
        }),
    }
}

/// Checks and saves one new case inside the caller's transaction; returns its id.
pub(crate) fn report(tx: &Tx, input: &CaseInput) -> Result<i64> {
    let title = validate::required_text("title", "诉求标题", &input.title, 60)?;
    let description = validate::optional_text("description", "诉求描述", &input.description, 2000)?;
    let ticket = match input.source {
        CaseSource::Hotline => Some(validate::required_text(
            "hotlineTicket",
            "12345 工单号",
            input.hotline_ticket.as_deref().unwrap_or(""),
            40,
        )?),
        _ => None,
    };
    let contact_name = validate::optional_text("contactName", "联系人", &input.contact_name, 30)?;
    let contact_phone = match input.contact_phone.trim() {
        "" => String::new(),
        v => validate::phone("contactPhone", v)?,
    };
    if let Some(r) = input.resident_id {
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM residents WHERE id = ?1)", [r], |x| x.get(0))?;
        if !exists {
            return Err(AppError::validation("residentId", "所选居民不存在"));
        }
    }
    let place = check_place(tx, input)?;
    check_duplicate(tx, input, &place)?;
    let number = next_number(tx)?;
    let (accept_due, resolve_due) = deadlines::deadlines(tx, input.kind, tx.now)?;
    let dispute_stage = (input.kind == CaseKind::Dispute).then_some(DisputeStage::Mediation.as_str());
    tx.execute(
        "INSERT INTO cases (number, source, hotline_ticket, resident_id, contact_name, contact_phone, grid_id,
                            compound_id, building_id, place_text, kind, title, description, urgency, level, status,
                            dispute_stage, accept_due, resolve_due, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 'community', 'reported',
                 ?15, ?16, ?17, ?18, ?19, ?19)",
        params![
            number,
            input.source.as_str(),
            ticket,
            input.resident_id,
            contact_name,
            contact_phone,
            place.grid,
            place.compound,
            place.building,
            place.text,
            input.kind.as_str(),
            title,
            description,
            input.urgency.as_str(),
            dispute_stage,
            accept_due,
            resolve_due,
            tx.actor.staff_id(),
            tx.now_str(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let facts = CaseFacts::load(tx, id)?;
    let note = match &ticket {
        Some(t) => format!("{}，工单号 {t}：{title}", input.source.label()),
        None => format!("{}：{title}", input.source.label()),
    };
    workflow::record(tx, &facts, CaseAction::Report, CaseStatus::Reported, Level::Community, &note)?;
    if input.kind == CaseKind::Emergency {
        // 重大突发: reported to the street level at once, whoever is at the desk.
        tx.execute("UPDATE cases SET escalations = 1 WHERE id = ?1", [id])?;
        workflow::record(
            tx,
            &facts,
            CaseAction::Escalate,
            CaseStatus::Reported,
            Level::Street,
            "重大突发，立即直报街道",
        )?;
    }
    Ok(id)
}

impl Station {
    pub fn case_report(&mut self, actor: &StaffActor, input: &CaseInput) -> Result<CaseDetail> {
        let id = self.write(&Actor::Staff(actor.clone()), |tx| report(tx, input))?;
        self.case_get(actor, id)
    }
}
