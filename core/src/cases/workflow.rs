//! The case state machine. `allowed_actions` is the one table of what may happen in which
//! state; every operation asks it first (`begin`), and `record` writes the transition, the
//! new state and the audit row together. Archived cases allow nothing (and the database
//! refuses any update to them as a second lock).

use super::deadlines;
use super::{CaseAction, CaseDetail, CaseKind, CaseStatus, DisputeStage, Level, Resolution};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use ts_rs::TS;

/// What the rules need to know about a case.
#[derive(Debug, Clone)]
pub(crate) struct CaseFacts {
    pub id: i64,
    pub number: String,
    pub kind: CaseKind,
    pub status: CaseStatus,
    pub level: Level,
    pub resolved: bool,
    pub followup_resolution: Option<Resolution>,
    pub department_pending: bool,
    pub unreasonable_by: Option<i64>,
    pub unreasonable_proposed: bool,
    pub unreasonable_confirmed: bool,
}

impl CaseFacts {
    pub fn load(conn: &rusqlite::Connection, id: i64) -> Result<CaseFacts> {
        conn.query_row(
            "SELECT number, kind, status, level, resolved_at IS NOT NULL, followup_resolution,
                    department_id IS NOT NULL AND reported_at IS NULL, unreasonable_by,
                    unreasonable_reason IS NOT NULL, unreasonable_confirmed
             FROM cases WHERE id = ?1",
            [id],
            |r| {
                Ok(CaseFacts {
                    id,
                    number: r.get(0)?,
                    kind: super::parse_stored(&r.get::<_, String>(1)?, CaseKind::parse)?,
                    status: super::parse_stored(&r.get::<_, String>(2)?, CaseStatus::parse)?,
                    level: super::parse_stored(&r.get::<_, String>(3)?, Level::parse)?,
                    resolved: r.get(4)?,
                    followup_resolution: r.get::<_, Option<String>>(5)?.as_deref().and_then(Resolution::parse),
                    department_pending: r.get(6)?,
                    unreasonable_by: r.get(7)?,
                    unreasonable_proposed: r.get(8)?,
                    unreasonable_confirmed: r.get(9)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| AppError::not_found("案件"))
    }
}

/// What `actor` (a staff id; None for the system) may do with this case now.
pub(crate) fn allowed_actions(f: &CaseFacts, actor: Option<i64>) -> Vec<CaseAction> {
    use CaseAction as A;
    use CaseStatus as S;
    let mut out = Vec::new();
    let can_escalate = f.level.next().is_some();
    match f.status {
        S::Archived => return out,
        S::Reported => out.push(A::Accept),
        S::Filed => out.push(A::Assign),
        S::Assigned => out.extend([A::Investigate, A::SendBack]),
        S::Handling => {
            out.push(if f.resolved { A::Feedback } else { A::Resolve });
            out.push(A::SendBack);
        }
        S::Answered => out.extend([A::Followup, A::Close, A::SendBack]),
        S::Closed => out.extend([A::Followup, A::Archive]),
    }
    if matches!(f.status, S::Reported | S::Filed | S::Assigned | S::Handling) && !f.resolved && can_escalate {
        out.push(A::Escalate);
    }
    if matches!(f.status, S::Answered | S::Closed)
        && matches!(f.followup_resolution, Some(Resolution::Partly | Resolution::Unsolved))
    {
        out.push(A::Reopen);
    }
    if f.department_pending && matches!(f.status, S::Assigned | S::Handling) {
        out.push(A::DepartmentReport);
    }
    if f.kind == CaseKind::Emergency && f.status.is_open() {
        out.push(A::DirectReport);
    }
    if !f.unreasonable_proposed {
        out.push(A::MarkUnreasonable);
    } else if !f.unreasonable_confirmed && actor.is_some() && actor != f.unreasonable_by {
        out.push(A::ReviewUnreasonable);
    }
    out.push(A::Note);
    out
}

/// Loads the case and refuses, in words, an action its state does not allow.
pub(crate) fn begin(tx: &Tx, id: i64, action: CaseAction) -> Result<CaseFacts> {
    let f = CaseFacts::load(tx, id)?;
    if !allowed_actions(&f, tx.actor.staff_id()).contains(&action) {
        let why = match (action, f.status) {
            (_, CaseStatus::Archived) => "案件已归档，只能查看".to_string(),
            (CaseAction::ReviewUnreasonable, _) if f.unreasonable_proposed && !f.unreasonable_confirmed => {
                "不合理诉求须由另一名工作人员复核".to_string()
            }
            (CaseAction::Reopen, _) => "只有回访为「部分解决」或「未解决」的案件才能重新办理".to_string(),
            (CaseAction::Escalate, _) if f.level.next().is_none() => "案件已在最高层级（区县）".to_string(),
            _ => format!("案件 {} 当前为「{}」，不能「{}」", f.number, f.status.label(), action.label()),
        };
        return Err(super::conflict(why));
    }
    Ok(f)
}

/// Writes one transition: the timeline row, the case's new state and level, the audit row.
pub(crate) fn record(
    tx: &Tx,
    f: &CaseFacts,
    action: CaseAction,
    to_status: CaseStatus,
    to_level: Level,
    note: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO case_transitions (case_id, at, action, from_status, to_status, from_level, to_level,
                                       actor_kind, actor_staff_id, actor_name, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            f.id,
            tx.now_str(),
            action.as_str(),
            f.status.as_str(),
            to_status.as_str(),
            f.level.as_str(),
            to_level.as_str(),
            tx.actor.kind(),
            tx.actor.staff_id(),
            tx.actor.display_name(),
            note
        ],
    )?;
    let transition = tx.last_insert_rowid();
    if to_status != f.status || to_level != f.level {
        tx.execute(
            "UPDATE cases SET status = ?1, level = ?2, updated_at = ?3 WHERE id = ?4",
            params![to_status.as_str(), to_level.as_str(), tx.now_str(), f.id],
        )?;
    }
    // The note stays in the case's timeline (free text may name people: the audit entry
    // refers to the case and its transition instead, issue 17).
    tx.audit("case", Some(f.id), action.as_str(), &format!("{}（时间线 #{transition}）", f.number))?;
    Ok(transition)
}

/// Accept, investigate, department report, archive, a note: an id and an optional note.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseStepInput {
    pub id: i64,
    pub note: String,
}

/// Send back, reopen, mark unreasonable: a reason is required.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseReasonInput {
    pub id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseAssignInput {
    pub id: i64,
    /// A staff account as handler …
    pub handler_staff_id: Option<i64>,
    /// … or a named person (grid worker, mediator of the committee).
    pub handler_name: String,
    /// 行政职责: the department summoned (吹哨) and the date it must report by (报到).
    pub department_id: Option<i64>,
    /// YYYY-MM-DD
    pub report_due: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseResolveInput {
    pub id: i64,
    /// What was done (办理结果).
    pub result: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseEscalateInput {
    pub id: i64,
    pub reason: String,
    /// A dispute going from mediation to the township's 三长会商: the session's date.
    pub session_date: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseCloseInput {
    pub id: i64,
    /// Required when the case has no follow-up (回访) in this round.
    pub no_followup_reason: Option<String>,
    pub note: String,
}

fn note_text(note: &str) -> Result<String> {
    validate::optional_text("note", "备注", note, 500)
}

fn reason_text(reason: &str) -> Result<String> {
    validate::required_text("reason", "原因", reason, 500)
}

pub(crate) fn accept(tx: &Tx, input: &CaseStepInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Accept)?;
    let note = note_text(&input.note)?;
    tx.execute("UPDATE cases SET accepted_at = ?1 WHERE id = ?2", params![tx.now_str(), f.id])?;
    record(tx, &f, CaseAction::Accept, CaseStatus::Filed, f.level, &note)?;
    Ok(())
}

/// The handler is a staff account or a typed name; a roster link (volunteers) would be one
/// more optional id checked here and stored beside `handler_staff_id`.
pub(crate) fn assign(tx: &Tx, input: &CaseAssignInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Assign)?;
    let note = note_text(&input.note)?;
    let mut handler = validate::optional_text("handlerName", "承办人", &input.handler_name, 30)?;
    if let Some(staff) = input.handler_staff_id {
        let found: Option<(String, bool)> = tx
            .query_row("SELECT display_name, disabled FROM staff WHERE id = ?1", [staff], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        match found {
            Some((name, false)) => handler = name,
            Some((_, true)) => return Err(AppError::validation("handlerStaffId", "该工作人员账号已停用")),
            None => return Err(AppError::validation("handlerStaffId", "所选工作人员不存在")),
        }
    } else if handler.is_empty() {
        let who = if f.kind == CaseKind::Dispute { "调解员" } else { "承办人" };
        return Err(AppError::validation("handlerName", format!("请选择或填写{who}")));
    }
    let mut department: Option<(i64, String)> = None;
    if f.kind == CaseKind::Administrative || input.department_id.is_some() {
        let id =
            input.department_id.ok_or_else(|| AppError::validation("departmentId", "行政职责案件须选择吹哨的部门"))?;
        let name: Option<String> = tx
            .query_row("SELECT name FROM case_departments WHERE id = ?1 AND archived_at IS NULL", [id], |r| r.get(0))
            .optional()?;
        department = Some((id, name.ok_or_else(|| AppError::validation("departmentId", "所选部门不存在"))?));
    }
    let report_due = match (&department, input.report_due.as_deref().map(str::trim).filter(|s| !s.is_empty())) {
        (Some(_), None) => return Err(AppError::validation("reportDue", "请填写部门报到的截止日期")),
        (Some(_), Some(d)) => {
            let day = validate::date("reportDue", "报到截止日期", d)?;
            if day < tx.today() {
                return Err(AppError::validation("reportDue", "报到截止日期不能早于今天"));
            }
            Some(day.to_string())
        }
        (None, _) => None,
    };
    tx.execute(
        "UPDATE cases SET handler_staff_id = ?1, handler_name = ?2, department_id = ?3, report_due = ?4,
                          reported_at = NULL WHERE id = ?5",
        params![input.handler_staff_id, handler, department.as_ref().map(|d| d.0), report_due, f.id],
    )?;
    let mut text = format!("承办人：{handler}");
    if let (Some((_, name)), Some(due)) = (&department, &report_due) {
        text.push_str(&format!("；吹哨部门：{name}，{due} 前报到"));
    }
    if !note.is_empty() {
        text.push_str(&format!("；{note}"));
    }
    record(tx, &f, CaseAction::Assign, CaseStatus::Assigned, f.level, &text)?;
    Ok(())
}

pub(crate) fn investigate(tx: &Tx, input: &CaseStepInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Investigate)?;
    record(tx, &f, CaseAction::Investigate, CaseStatus::Handling, f.level, &note_text(&input.note)?)?;
    Ok(())
}

pub(crate) fn resolve(tx: &Tx, input: &CaseResolveInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Resolve)?;
    let result = validate::required_text("result", "办理结果", &input.result, 1000)?;
    tx.execute("UPDATE cases SET resolved_at = ?1, result = ?2 WHERE id = ?3", params![tx.now_str(), result, f.id])?;
    record(tx, &f, CaseAction::Resolve, f.status, f.level, &result)?;
    Ok(())
}

pub(crate) fn department_report(tx: &Tx, input: &CaseStepInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::DepartmentReport)?;
    tx.execute("UPDATE cases SET reported_at = ?1 WHERE id = ?2", params![tx.now_str(), f.id])?;
    record(tx, &f, CaseAction::DepartmentReport, f.status, f.level, &note_text(&input.note)?)?;
    Ok(())
}

/// Escalation only ever moves one level up, with a reason; a dispute leaving the community's
/// mediation goes to the township's 三长会商 and needs the session's date.
pub(crate) fn escalate(tx: &Tx, input: &CaseEscalateInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Escalate)?;
    let reason = reason_text(&input.reason)?;
    let to = f.level.next().ok_or_else(|| super::conflict("案件已在最高层级（区县）"))?;
    let mut note = format!("{} → {}：{reason}", f.level.label(), to.label());
    if f.kind == CaseKind::Dispute && f.level == Level::Community {
        let raw = input.session_date.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let day = validate::date(
            "sessionDate",
            "三长会商日期",
            raw.ok_or_else(|| AppError::validation("sessionDate", "提交三长会商须填写会商日期"))?,
        )?;
        tx.execute(
            "UPDATE cases SET dispute_stage = ?1, session_date = ?2 WHERE id = ?3",
            params![DisputeStage::Sanzhang.as_str(), day.to_string(), f.id],
        )?;
        note.push_str(&format!("；三长会商（派出所、法庭、司法所）定于 {day}"));
    }
    tx.execute("UPDATE cases SET escalations = escalations + 1 WHERE id = ?1", [f.id])?;
    record(tx, &f, CaseAction::Escalate, f.status, to, &note)?;
    Ok(())
}

/// 退回重办: a handler returns a case to be reassigned, or a result is sent back to be
/// handled again before the case is closed.
pub(crate) fn send_back(tx: &Tx, input: &CaseReasonInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::SendBack)?;
    let reason = reason_text(&input.reason)?;
    let to = match f.status {
        CaseStatus::Answered => {
            clear_round(tx, f.id)?;
            CaseStatus::Handling
        }
        _ => {
            tx.execute("UPDATE cases SET resolved_at = NULL, result = '' WHERE id = ?1", [f.id])?;
            CaseStatus::Filed
        }
    };
    record(tx, &f, CaseAction::SendBack, to, f.level, &reason)?;
    Ok(())
}

/// Forgets the result, feedback and follow-up of the current round (their rows stay in
/// the timeline, feedback and follow-up tables).
fn clear_round(tx: &Tx, id: i64) -> Result<()> {
    tx.execute(
        "UPDATE cases SET resolved_at = NULL, result = '', feedback_at = NULL, followup_resolution = NULL,
                          followup_satisfaction = NULL, no_followup_reason = NULL, closed_at = NULL
         WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// A follow-up found the problem not (fully) solved: the case is handled again, with a new
/// resolve limit counted from now.
pub(crate) fn reopen(tx: &Tx, input: &CaseReasonInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Reopen)?;
    let reason = reason_text(&input.reason)?;
    clear_round(tx, f.id)?;
    let (_, resolve_due) = deadlines::deadlines(tx, f.kind, tx.now)?;
    tx.execute(
        "UPDATE cases SET resolve_due = ?1, resolve_escalated = 0, reopens = reopens + 1 WHERE id = ?2",
        params![resolve_due, f.id],
    )?;
    record(tx, &f, CaseAction::Reopen, CaseStatus::Handling, f.level, &reason)?;
    Ok(())
}

/// Closing needs the feedback (guaranteed by the 反馈结果 step) and a follow-up of this
/// round or a recorded reason why there is none.
pub(crate) fn close(tx: &Tx, input: &CaseCloseInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Close)?;
    let note = note_text(&input.note)?;
    let reason = input.no_followup_reason.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let mut text = note;
    if f.followup_resolution.is_none() {
        let reason = reason
            .ok_or_else(|| AppError::validation("noFollowupReason", "尚未回访：请先回访，或填写未能回访的原因"))?;
        let reason = validate::optional_text("noFollowupReason", "未回访原因", reason, 200)?;
        tx.execute("UPDATE cases SET no_followup_reason = ?1 WHERE id = ?2", params![reason, f.id])?;
        text = if text.is_empty() { format!("未回访：{reason}") } else { format!("{text}；未回访：{reason}") };
    }
    tx.execute("UPDATE cases SET closed_at = ?1 WHERE id = ?2", params![tx.now_str(), f.id])?;
    record(tx, &f, CaseAction::Close, CaseStatus::Closed, f.level, &text)?;
    Ok(())
}

pub(crate) fn archive(tx: &Tx, input: &CaseStepInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Archive)?;
    let note = note_text(&input.note)?;
    // Stamp before the status change: once archived, the row can no longer be updated.
    tx.execute("UPDATE cases SET archived_at = ?1 WHERE id = ?2", params![tx.now_str(), f.id])?;
    record(tx, &f, CaseAction::Archive, CaseStatus::Archived, f.level, &note)?;
    Ok(())
}

pub(crate) fn note(tx: &Tx, input: &CaseStepInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Note)?;
    let note = validate::required_text("note", "办理记录", &input.note, 500)?;
    record(tx, &f, CaseAction::Note, f.status, f.level, &note)?;
    Ok(())
}

/// A staff account that can be named as handler (active accounts only).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandlerOption {
    pub id: i64,
    pub name: String,
}

impl Station {
    /// Every signed-in staff member may choose a handler, not only admins (who see staff_list).
    pub fn case_handlers(&self, _actor: &StaffActor) -> Result<Vec<HandlerOption>> {
        let mut stmt = self.conn().prepare("SELECT id, display_name FROM staff WHERE disabled = 0 ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok(HandlerOption { id: r.get(0)?, name: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One case operation: its own transaction, then the case page as it now stands.
    pub(crate) fn case_write(
        &mut self,
        actor: &StaffActor,
        id: i64,
        f: impl FnOnce(&Tx) -> Result<()>,
    ) -> Result<CaseDetail> {
        self.write(&Actor::Staff(actor.clone()), f)?;
        self.case_get(actor, id)
    }

    pub fn case_accept(&mut self, actor: &StaffActor, input: &CaseStepInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| accept(tx, input))
    }

    pub fn case_assign(&mut self, actor: &StaffActor, input: &CaseAssignInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| assign(tx, input))
    }

    pub fn case_investigate(&mut self, actor: &StaffActor, input: &CaseStepInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| investigate(tx, input))
    }

    pub fn case_resolve(&mut self, actor: &StaffActor, input: &CaseResolveInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| resolve(tx, input))
    }

    pub fn case_department_report(&mut self, actor: &StaffActor, input: &CaseStepInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| department_report(tx, input))
    }

    pub fn case_escalate(&mut self, actor: &StaffActor, input: &CaseEscalateInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| escalate(tx, input))
    }

    pub fn case_send_back(&mut self, actor: &StaffActor, input: &CaseReasonInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| send_back(tx, input))
    }

    pub fn case_reopen(&mut self, actor: &StaffActor, input: &CaseReasonInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| reopen(tx, input))
    }

    pub fn case_close(&mut self, actor: &StaffActor, input: &CaseCloseInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| close(tx, input))
    }

    pub fn case_archive(&mut self, actor: &StaffActor, input: &CaseStepInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| archive(tx, input))
    }

    pub fn case_note(&mut self, actor: &StaffActor, input: &CaseStepInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| note(tx, input))
    }
}
