//! Helpers' credit for a wish, and the one link to the volunteers area: who a volunteer is
//! (kiosk phone + PIN, names for the desk), and the hours ledger the credit goes to.
//!
//! Each helper gets the kind's default minutes/points when they join; staff may change them
//! until the wish completes (at 晒单 or later). On completion — rated, 7 days unrated, or
//! closed after a complaint — every active helper's planned credit is posted once.

use super::workflow::{check_step, transition, StepBy};
use super::{current_state, wish_number, WishDetail, WishStep};
use crate::actor::StaffActor;
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One helper's credit, confirmed by staff.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishCreditLine {
    pub volunteer_id: i64,
    pub minutes: i64,
    pub points: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishCreditInput {
    pub id: i64,
    pub volunteer_id: i64,
    pub minutes: i64,
    pub points: i64,
}

/// A volunteer the desk can pick as helper.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HelperOption {
    pub id: i64,
    pub name: String,
    pub phone_masked: String,
}

pub(crate) const MINUTES_MAX: i64 = 1440;
/// The service kind wish credits are booked under in the volunteers' ledger.
pub(crate) const SERVICE_KIND: &str = "微心愿";
pub(crate) const POINTS_MAX: i64 = 1000;

/// Sets what a helper will be credited; only for an active helper of this wish.
pub(crate) fn plan_credit(tx: &Tx, wish_id: i64, line: &WishCreditLine) -> Result<()> {
    if !(0..=MINUTES_MAX).contains(&line.minutes) {
        return Err(AppError::validation("minutes", format!("服务时长应在 0 到 {MINUTES_MAX} 分钟之间")));
    }
    if !(0..=POINTS_MAX).contains(&line.points) {
        return Err(AppError::validation("points", format!("积分应在 0 到 {POINTS_MAX} 之间")));
    }
    let changed = tx.execute(
        "UPDATE wish_helpers SET planned_minutes = ?1, planned_points = ?2
         WHERE wish_id = ?3 AND volunteer_id = ?4 AND active = 1",
        params![line.minutes, line.points, wish_id, line.volunteer_id],
    )?;
    if changed == 0 {
        return Err(AppError::validation("volunteerId", "这位志愿者不是该心愿的帮助人"));
    }
    Ok(())
}

/// Posts every active helper's planned credit to the ledger, once (on completion).
pub(crate) fn post_credits(tx: &Tx, wish_id: i64) -> Result<()> {
    let mut stmt = tx.prepare(
        "SELECT volunteer_id, planned_minutes, planned_points FROM wish_helpers
         WHERE wish_id = ?1 AND active = 1 AND ledger_entry_id IS NULL AND credited_minutes = 0 AND credited_points = 0",
    )?;
    let due: Vec<(i64, i64, i64)> =
        stmt.query_map([wish_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    let content: String = tx.query_row("SELECT content FROM wishes WHERE id = ?1", [wish_id], |r| r.get(0))?;
    for (volunteer_id, minutes, points) in due {
        if minutes == 0 && points == 0 {
            continue;
        }
        // The ledger's note holds 200 characters.
        let short: String = content.chars().take(150).collect();
        let note = format!("微心愿 {}：{short}", wish_number(wish_id));
        let entry = link::ledger_credit(tx, volunteer_id, minutes, points, wish_id, &note)?;
        tx.execute(
            "UPDATE wish_helpers SET credited_minutes = ?1, credited_points = ?2, ledger_entry_id = ?3
             WHERE wish_id = ?4 AND volunteer_id = ?5",
            params![minutes, points, entry, wish_id, volunteer_id],
        )?;
    }
    Ok(())
}

pub(crate) fn ensure_volunteer(conn: &Connection, volunteer_id: i64) -> Result<()> {
    link::ensure_volunteer(conn, volunteer_id)
}

/// Full names for the desk (staff may see them).
pub(crate) fn volunteer_names(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, String>> {
    link::names(conn, ids)
}

/// A helper's default points for `minutes`, by the volunteers area's rule for 微心愿.
pub(crate) fn default_points(conn: &Connection, minutes: i64) -> Result<i64> {
    link::default_points(conn, minutes)
}

impl Station {
    /// Changes a helper's minutes/points before they are posted.
    pub fn wish_set_credit(&mut self, actor: &StaffActor, input: &WishCreditInput) -> Result<WishDetail> {
        self.write(&crate::Actor::Staff(actor.clone()), |tx| {
            let from = current_state(tx, input.id)?;
            let to = check_step(input.id, from, WishStep::CreditEdit)?;
            plan_credit(
                tx,
                input.id,
                &WishCreditLine { volunteer_id: input.volunteer_id, minutes: input.minutes, points: input.points },
            )?;
            let name = volunteer_names(tx, &[input.volunteer_id])?.remove(&input.volunteer_id).unwrap_or_default();
            let note = format!("{name}：{} 分钟，{} 积分", input.minutes, input.points);
            transition(
                tx,
                input.id,
                WishStep::CreditEdit,
                Some(from),
                to,
                &StepBy { volunteer_id: Some(input.volunteer_id) },
                &note,
            )
        })?;
        self.wish_get(actor, input.id)
    }

    /// Volunteers matching a name or phone fragment, for the desk's helper picker.
    pub fn wish_helper_options(&self, _actor: &StaffActor, text: &str) -> Result<Vec<HelperOption>> {
        link::search(self.conn(), text.trim())
    }
}

/// Everything this area knows about the volunteers area is here.
mod link {
    use super::*;
    use crate::volunteers::{ledger_credit as append_to_ledger, LedgerCredit};

    pub fn ensure_volunteer(conn: &Connection, volunteer_id: i64) -> Result<()> {
        let status: Option<String> = conn
            .query_row("SELECT status FROM volunteer_people WHERE id = ?1", [volunteer_id], |r| r.get(0))
            .optional()?;
        match status.as_deref() {
            None => Err(AppError::validation("volunteerId", "所选志愿者不存在")),
            Some("active") => Ok(()),
            Some(_) => Err(AppError::validation("volunteerId", "这位志愿者已暂停或退出服务，不能接单")),
        }
    }

    pub fn names(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, String>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let placeholders = vec!["?"; ids.len()].join(", ");
        let names = conn
            .prepare(&format!("SELECT id, name FROM volunteer_people WHERE id IN ({placeholders})"))?
            .query_map(rusqlite::params_from_iter(ids.iter()), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    pub fn default_points(conn: &Connection, minutes: i64) -> Result<i64> {
        crate::volunteers::points_for(conn, SERVICE_KIND, minutes)
    }

    pub fn ledger_credit(
        tx: &Tx,
        volunteer_id: i64,
        minutes: i64,
        points: i64,
        wish_id: i64,
        note: &str,
    ) -> Result<Option<i64>> {
        let credit = LedgerCredit {
            volunteer_id,
            minutes,
            points,
            service_kind: SERVICE_KIND.to_string(),
            source: "wish".to_string(),
            source_id: Some(wish_id),
            note: note.to_string(),
        };
        append_to_ledger(tx, &credit).map(Some)
    }

    pub fn search(conn: &Connection, text: &str) -> Result<Vec<HelperOption>> {
        // SQLite refuses LIKE patterns over 50 000 bytes: a pasted essay is a bad search.
        let text = crate::validate::optional_text("text", "搜索内容", text, 100)?;
        let like = format!("%{}%", text.replace(['%', '_'], ""));
        let rows = conn
            .prepare_cached(
                "SELECT id, name, phone FROM volunteer_people
                 WHERE status = 'active' AND (?1 = '%%' OR name LIKE ?1 OR name_pinyin LIKE ?1 OR name_initials LIKE ?1
                                              OR phone LIKE ?1)
                 ORDER BY name_pinyin, id LIMIT 30",
            )?
            .query_map([&like], |r| {
                let phone: String = r.get(2)?;
                Ok(HelperOption { id: r.get(0)?, name: r.get(1)?, phone_masked: crate::validate::mask_phone(&phone) })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
