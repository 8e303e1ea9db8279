//! 评单: the resident's rating (kiosk with the receipt code, or at the desk), and completion —
//! which posts the helpers' credit. "Not satisfied" reopens the wish for staff instead; a
//! wish nobody rates completes by itself 7 days after it was fulfilled.

use super::crediting::post_credits;
use super::workflow::{check_step, transition, StepBy};
use super::{current_state, KioskWishView, WishDetail, WishNoteInput, WishState, WishStep};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::guard::{self, Scope, Verdict};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Days after 晒单 without a rating before the wish completes by itself.
pub const AUTO_COMPLETE_DAYS: i64 = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WishSatisfaction {
    Satisfied,
    Partly,
    NotSatisfied,
}

impl WishSatisfaction {
    pub fn as_str(self) -> &'static str {
        match self {
            WishSatisfaction::Satisfied => "satisfied",
            WishSatisfaction::Partly => "partly",
            WishSatisfaction::NotSatisfied => "not_satisfied",
        }
    }

    pub fn parse(s: &str) -> Option<WishSatisfaction> {
        [WishSatisfaction::Satisfied, WishSatisfaction::Partly, WishSatisfaction::NotSatisfied]
            .into_iter()
            .find(|x| x.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            WishSatisfaction::Satisfied => "满意",
            WishSatisfaction::Partly => "基本满意",
            WishSatisfaction::NotSatisfied => "不满意",
        }
    }
}

/// Staff record the resident's rating at the desk.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishRateInput {
    pub id: i64,
    pub satisfaction: WishSatisfaction,
    /// 1–5
    pub stars: i64,
    pub comment: String,
}

/// The resident rates at the kiosk with the 6-digit code from the receipt.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskRateInput {
    pub code: String,
    pub satisfaction: WishSatisfaction,
    pub stars: i64,
    pub comment: String,
}

/// Moves a wish to Completed and posts the credit: the one way a wish completes.
fn complete(tx: &Tx, id: i64, step: WishStep, from: WishState, note: &str) -> Result<()> {
    tx.execute("UPDATE wishes SET completed_at = ?1 WHERE id = ?2", params![tx.now_str(), id])?;
    post_credits(tx, id)?;
    transition(tx, id, step, Some(from), WishState::Completed, &StepBy { volunteer_id: None }, note)
}

fn rate_in(tx: &Tx, id: i64, satisfaction: WishSatisfaction, stars: i64, comment: &str) -> Result<WishState> {
    let from = current_state(tx, id)?;
    check_step(id, from, WishStep::Rate)?;
    if !(1..=5).contains(&stars) {
        return Err(AppError::validation("stars", "请选择 1 到 5 颗星"));
    }
    let comment = validate::optional_text("comment", "评价内容", comment, 200)?;
    tx.execute(
        "UPDATE wishes SET satisfaction = ?1, stars = ?2, rating_comment = ?3, rated_at = ?4 WHERE id = ?5",
        params![satisfaction.as_str(), stars, comment, tx.now_str(), id],
    )?;
    let note = if comment.is_empty() {
        format!("{}，{stars} 星", satisfaction.label())
    } else {
        format!("{}，{stars} 星：{comment}", satisfaction.label())
    };
    if satisfaction == WishSatisfaction::NotSatisfied {
        transition(tx, id, WishStep::Rate, Some(from), WishState::Reopened, &StepBy { volunteer_id: None }, &note)?;
        return Ok(WishState::Reopened);
    }
    complete(tx, id, WishStep::Rate, from, &note)?;
    Ok(WishState::Completed)
}

/// The kiosk's code, as typed on the keypad (full-width digits and spaces tolerated).
pub(crate) fn normalize_code(code: &str) -> Result<String> {
    let code: String = validate::half_width(code).chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::validation("code", "评价码是回执上的 6 位数字"));
    }
    Ok(code)
}

/// The one answer for a code that never existed and one that has expired.
fn wrong_code() -> AppError {
    AppError::validation("code", "评价码不正确或已失效，请核对回执上的 6 位数字，或到服务台办理")
}

/// A code opens its wish only while the wish is still the resident's to follow or rate: once
/// rated, completed, cancelled or merged the code has expired.
fn live_code(conn: &rusqlite::Connection, code: &str) -> Result<Verdict<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM wishes WHERE code = ?1 AND rated_at IS NULL
               AND state NOT IN ('completed', 'cancelled', 'merged')",
            [code],
            |r| r.get(0),
        )
        .optional()?
        .map_or(Verdict::Wrong, Verdict::Right))
}

impl Station {
    /// The wish a kiosk code opens. Every wrong or expired code is counted for the whole kiosk
    /// (codes carry no phone) with growing delays.
    pub(crate) fn kiosk_wish_by_code(&mut self, code: &str) -> Result<i64> {
        let code = normalize_code(code)?;
        let scopes = [Scope { kind: guard::WISH_CODE, key: guard::WHOLE, policy: guard::RATING_CODE }];
        self.guarded(&Actor::Kiosk, &scopes, None, wrong_code(), |tx| live_code(tx, &code))
    }
}

impl Station {
    pub fn wish_rate(&mut self, actor: &StaffActor, input: &WishRateInput) -> Result<WishDetail> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            rate_in(tx, input.id, input.satisfaction, input.stars, &input.comment)
        })?;
        self.wish_get(actor, input.id)
    }

    pub fn wish_kiosk_rate(&mut self, input: &KioskRateInput) -> Result<KioskWishView> {
        let id = self.kiosk_wish_by_code(&input.code)?;
        self.write(&Actor::Kiosk, |tx| rate_in(tx, id, input.satisfaction, input.stars, &input.comment))?;
        self.wish_kiosk_view(id)
    }

    /// After a "not satisfied", staff close the wish (credit posted as planned; set it to 0
    /// first with 调整时长积分 if the work does not deserve it).
    pub fn wish_close(&mut self, actor: &StaffActor, input: &WishNoteInput) -> Result<WishDetail> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let from = current_state(tx, input.id)?;
            check_step(input.id, from, WishStep::Close)?;
            let note = validate::required_text("note", "处理结果", &input.note, super::NOTE_MAX)?;
            complete(tx, input.id, WishStep::Close, from, &note)
        })?;
        self.wish_get(actor, input.id)
    }

    /// Completes (and credits) every wish fulfilled 7 days ago or more without a rating.
    /// Run by the desk when it shows the board or home page; returns how many completed.
    pub fn wishes_complete_unrated(&mut self) -> Result<usize> {
        let cutoff = crate::clock::timestamp(self.now() - chrono::Duration::days(AUTO_COMPLETE_DAYS));
        let due = |conn: &rusqlite::Connection| -> Result<Vec<i64>> {
            let ids = conn
                .prepare("SELECT id FROM wishes WHERE state = 'fulfilled' AND fulfilled_at <= ?1")?
                .query_map([&cutoff], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ids)
        };
        // Checked outside first so that showing the board takes no write lock in the usual case.
        if due(self.conn())?.is_empty() {
            return Ok(0);
        }
        self.write(&Actor::System, |tx| {
            let ids = due(tx)?;
            let note = format!("晒单后 {AUTO_COMPLETE_DAYS} 天未评价");
            for id in &ids {
                complete(tx, *id, WishStep::AutoComplete, WishState::Fulfilled, &note)?;
            }
            Ok(ids.len())
        })
    }
}
