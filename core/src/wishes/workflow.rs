//! The six-step state machine ("六单"): which action is allowed from which state, what it
//! leads to, and the one function that records a transition. Every state change of a wish
//! goes through `transition`, so the timeline is the whole history.

use super::{WishState, WishStep};
use crate::db::Tx;
use crate::error::{AppError, ErrorCode, Result};
use rusqlite::params;

impl WishStep {
    /// The state this step leads to from `from`, or None when it is not allowed there.
    /// Rating leads to Completed or Reopened; `target` gives Completed for the table and
    /// `rating.rs` picks Reopened for "not satisfied".
    pub fn target(self, from: WishState) -> Option<WishState> {
        use WishState::*;
        use WishStep::*;
        match (self, from) {
            (Publish, Submitted | Reopened) => Some(Published),
            (Assign, Submitted | Published | Reopened) => Some(Claimed),
            (Merge, Submitted | Published) => Some(Merged),
            (Decline, Submitted | Published) => Some(Declined),
            (Cancel, Submitted | Published | Claimed) => Some(Cancelled),
            (Claim, Published) => Some(Claimed),
            (Join | Reassign | Remind, Claimed) => Some(Claimed),
            (Fulfil, Claimed) => Some(Fulfilled),
            (Rate | AutoComplete, Fulfilled) => Some(Completed),
            (Close, Reopened) => Some(Completed),
            (CreditEdit, Claimed | Fulfilled | Reopened) => Some(from),
            // A supervisor's note is welcome at any time, even on a closed wish.
            (Note, s) => Some(s),
            _ => None,
        }
    }

    /// The states a step may lead to (Rate has two outcomes).
    pub fn outcomes(self, from: WishState) -> Vec<WishState> {
        match (self, self.target(from)) {
            (WishStep::Rate, Some(to)) => vec![to, WishState::Reopened],
            (_, Some(to)) => vec![to],
            (_, None) => Vec::new(),
        }
    }

    /// Steps a person does on purpose (not the system's own), in the order a menu shows them.
    pub const MANUAL: [WishStep; 14] = [
        WishStep::Publish,
        WishStep::Assign,
        WishStep::Claim,
        WishStep::Join,
        WishStep::Reassign,
        WishStep::Remind,
        WishStep::Fulfil,
        WishStep::Rate,
        WishStep::Close,
        WishStep::CreditEdit,
        WishStep::Merge,
        WishStep::Decline,
        WishStep::Cancel,
        WishStep::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            WishStep::Post => "点单",
            WishStep::Publish => "发布待认领",
            WishStep::Assign => "直接指派",
            WishStep::Merge => "合并重复",
            WishStep::Decline => "不予受理",
            WishStep::Cancel => "取消",
            WishStep::Claim => "认领",
            WishStep::Join => "加入帮帮团",
            WishStep::Reassign => "改派",
            WishStep::Remind => "督办提醒",
            WishStep::Note => "督办备注",
            WishStep::Fulfil => "晒单（已完成）",
            WishStep::Rate => "评价",
            WishStep::AutoComplete => "逾期未评价自动完成",
            WishStep::Close => "处理后办结",
            WishStep::CreditEdit => "调整时长积分",
        }
    }
}

/// What may be done now, for the refusal message and the desk's buttons.
pub fn allowed_steps(state: WishState) -> Vec<WishStep> {
    WishStep::MANUAL.into_iter().filter(|s| s.target(state).is_some()).collect()
}

/// Refuses a step out of order, saying in Chinese what is allowed now.
pub fn check_step(wish_id: i64, state: WishState, step: WishStep) -> Result<WishState> {
    step.target(state).ok_or_else(|| {
        let allowed: Vec<&str> =
            allowed_steps(state).into_iter().filter(|s| *s != WishStep::Note).map(WishStep::label).collect();
        let now = if allowed.is_empty() {
            "该心愿已结束，只能添加督办备注".to_string()
        } else {
            format!("现在可以：{}", allowed.join("、"))
        };
        AppError::new(
            ErrorCode::Conflict,
            format!(
                "心愿 {} 当前为「{}」，不能「{}」。{now}。",
                super::wish_number(wish_id),
                state.label(),
                step.label()
            ),
        )
    })
}

/// Who did a step, beyond the transaction's actor: a volunteer identified at the kiosk.
pub struct StepBy {
    pub volunteer_id: Option<i64>,
}

/// Records one step and moves the wish to `to`. The caller has checked the step with
/// `check_step`; this writes the state, the transition row and the audit line together.
pub fn transition(
    tx: &Tx,
    wish_id: i64,
    step: WishStep,
    from: Option<WishState>,
    to: WishState,
    by: &StepBy,
    note: &str,
) -> Result<()> {
    let window = match tx.actor {
        crate::Actor::Staff(_) => "desk",
        crate::Actor::Kiosk => "kiosk",
        crate::Actor::System => "system",
    };
    if from.is_some() {
        tx.execute(
            "UPDATE wishes SET state = ?1, updated_at = ?2 WHERE id = ?3",
            params![to.as_str(), tx.now_str(), wish_id],
        )?;
    }
    tx.execute(
        "INSERT INTO wish_transitions (wish_id, action, from_state, to_state, at, window, actor_staff_id, actor_name,
                                       volunteer_id, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            wish_id,
            step.as_str(),
            from.map(WishState::as_str),
            to.as_str(),
            tx.now_str(),
            window,
            tx.actor.staff_id(),
            tx.actor.display_name(),
            by.volunteer_id,
            note
        ],
    )?;
    // The note stays in the wish's timeline (free text may name people: the audit entry
    // refers to the wish and its transition instead, issue 17).
    let transition = tx.last_insert_rowid();
    tx.audit("wish", Some(wish_id), step.as_str(), &format!("{}（时间线 #{transition}）", step.label()))
}
