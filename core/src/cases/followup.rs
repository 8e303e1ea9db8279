//! Closing the loop: feedback to the resident (what was done, when told, by whom), the
//! follow-up visit or call (回访) with its two judgements, and the "unreasonable complaint"
//! marking, which needs a second staff member to confirm before the figures leave it out.

use super::deadlines::parse_local_minute;
use super::workflow::{self, begin};
use super::{stored_enum, CaseAction, CaseDetail, CaseReasonInput, CaseStatus, Resolution, Satisfaction};
use crate::actor::StaffActor;
use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

stored_enum!(FeedbackChannel { InPerson => "in_person" / "当面告知", Phone => "phone" / "电话告知", Message => "message" / "短信/微信告知" });

stored_enum!(FollowupMethod { Visit => "visit" / "上门回访", Call => "call" / "电话回访" });

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseFeedbackInput {
    pub id: i64,
    /// What was done, as told to the resident.
    pub content: String,
    /// "YYYY-MM-DD HH:MM" station time; None = now.
    pub told_at: Option<String>,
    pub channel: FeedbackChannel,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseFollowupInput {
    pub id: i64,
    pub method: FollowupMethod,
    pub resolution: Resolution,
    pub satisfaction: Satisfaction,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseReviewInput {
    pub id: i64,
    /// true confirms the complaint as unreasonable; false rejects the proposal.
    pub confirm: bool,
    pub note: String,
}

pub(crate) fn feedback(tx: &Tx, input: &CaseFeedbackInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Feedback)?;
    let content = validate::required_text("content", "反馈内容", &input.content, 1000)?;
    let told_at = match input.told_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => {
            let at = parse_local_minute("toldAt", "告知时间", v, tx.tz)?;
            if at > tx.now {
                return Err(AppError::validation("toldAt", "告知时间不能晚于现在"));
            }
            at
        }
        None => tx.now,
    };
    tx.execute(
        "INSERT INTO case_feedback (case_id, content, told_at, channel, by_name, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            f.id,
            content,
            clock::timestamp(told_at),
            input.channel.as_str(),
            tx.actor.display_name(),
            tx.now_str()
        ],
    )?;
    tx.execute("UPDATE cases SET feedback_at = ?1 WHERE id = ?2", params![clock::timestamp(told_at), f.id])?;
    let text = format!("{}：{content}", input.channel.label());
    workflow::record(tx, &f, CaseAction::Feedback, CaseStatus::Answered, f.level, &text)?;
    Ok(())
}

pub(crate) fn followup(tx: &Tx, input: &CaseFollowupInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::Followup)?;
    let note = validate::optional_text("note", "回访记录", &input.note, 500)?;
    tx.execute(
        "INSERT INTO case_followups (case_id, method, resolution, satisfaction, note, by_name, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            f.id,
            input.method.as_str(),
            input.resolution.as_str(),
            input.satisfaction.as_str(),
            note,
            tx.actor.display_name(),
            tx.now_str()
        ],
    )?;
    tx.execute(
        "UPDATE cases SET followup_resolution = ?1, followup_satisfaction = ?2 WHERE id = ?3",
        params![input.resolution.as_str(), input.satisfaction.as_str(), f.id],
    )?;
    let mut text = format!("{}：{}，{}", input.method.label(), input.resolution.label(), input.satisfaction.label());
    if !note.is_empty() {
        text.push_str(&format!("；{note}"));
    }
    workflow::record(tx, &f, CaseAction::Followup, f.status, f.level, &text)?;
    Ok(())
}

pub(crate) fn mark_unreasonable(tx: &Tx, input: &CaseReasonInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::MarkUnreasonable)?;
    let reason = validate::required_text("reason", "认定理由", &input.reason, 500)?;
    tx.execute(
        "UPDATE cases SET unreasonable_reason = ?1, unreasonable_by = ?2, unreasonable_reviewer = NULL,
                          unreasonable_confirmed = 0 WHERE id = ?3",
        params![reason, tx.actor.staff_id(), f.id],
    )?;
    workflow::record(
        tx,
        &f,
        CaseAction::MarkUnreasonable,
        f.status,
        f.level,
        &format!("{reason}（待另一名工作人员复核）"),
    )?;
    Ok(())
}

/// A second staff member (never the proposer: `begin` refuses them) confirms or rejects.
pub(crate) fn review_unreasonable(tx: &Tx, input: &CaseReviewInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::ReviewUnreasonable)?;
    let note = validate::optional_text("note", "复核意见", &input.note, 500)?;
    if input.confirm {
        tx.execute(
            "UPDATE cases SET unreasonable_reviewer = ?1, unreasonable_confirmed = 1 WHERE id = ?2",
            params![tx.actor.staff_id(), f.id],
        )?;
    } else {
        tx.execute(
            "UPDATE cases SET unreasonable_reason = NULL, unreasonable_by = NULL, unreasonable_reviewer = NULL
             WHERE id = ?1",
            [f.id],
        )?;
    }
    let verdict = if input.confirm {
        "复核确认为不合理诉求，不计入承办人考核"
    } else {
        "复核未通过，按正常诉求统计"
    };
    let text = if note.is_empty() { verdict.to_string() } else { format!("{verdict}：{note}") };
    workflow::record(tx, &f, CaseAction::ReviewUnreasonable, f.status, f.level, &text)?;
    Ok(())
}

impl Station {
    pub fn case_feedback(&mut self, actor: &StaffActor, input: &CaseFeedbackInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| feedback(tx, input))
    }

    pub fn case_followup(&mut self, actor: &StaffActor, input: &CaseFollowupInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| followup(tx, input))
    }

    pub fn case_mark_unreasonable(&mut self, actor: &StaffActor, input: &CaseReasonInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| mark_unreasonable(tx, input))
    }

    pub fn case_review_unreasonable(&mut self, actor: &StaffActor, input: &CaseReviewInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| review_unreasonable(tx, input))
    }
}
