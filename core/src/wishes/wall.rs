//! What residents see at the kiosk: the receipt after posting, the wish wall (晒单), a wish
//! looked up with its rating code, and — for a volunteer identified by phone + PIN — the
//! wishes open for claiming, their own, and their reminders. Names are masked (张*) and
//! phones never leave here whole.

use super::board::month_bounds;
use super::crediting::volunteer_names;
use super::rating::WishSatisfaction;
use super::workflow::StepBy;
use super::{active_helpers, claim_in, fulfil_in, wish_number, WishFulfilInput, WishKind, WishState};
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Shown on screen (and printable) after a resident posts at the kiosk.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishReceipt {
    pub id: i64,
    pub number: String,
    /// 6 digits: rate the wish at the kiosk with it.
    pub code: String,
    pub kind: WishKind,
    pub content: String,
    pub wanted_by: Option<String>,
    pub requester_masked: String,
    pub phone_masked: String,
    pub created_at: String,
}

/// A wish as anyone may see it: the wall, the kiosk's claim list, the notice-board list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PublicWish {
    pub id: i64,
    pub number: String,
    pub kind: WishKind,
    pub content: String,
    pub state: WishState,
    /// 张*
    pub requester_masked: String,
    pub grid_name: Option<String>,
    pub wanted_by: Option<String>,
    pub promised_date: Option<String>,
    /// Masked names, the lead first.
    pub helpers: Vec<String>,
    pub created_at: String,
    pub fulfilled_at: Option<String>,
    pub fulfil_note: String,
    pub has_photo: bool,
    pub stars: Option<i64>,
}

/// A wish looked up at the kiosk with its code (the resident's own).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskWishView {
    pub wish: PublicWish,
    pub can_rate: bool,
    pub satisfaction: Option<WishSatisfaction>,
    /// Told to the resident when the wish was declined.
    pub decline_reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskCodeInput {
    pub code: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskVolunteerInput {
    pub phone: String,
    pub pin: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskClaimInput {
    pub phone: String,
    pub pin: String,
    pub wish_id: i64,
    /// YYYY-MM-DD; ignored when joining a wish someone already leads.
    pub promised_date: String,
}

/// 晒单 by the helper at the kiosk (the photo is added at the desk).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskFulfilInput {
    pub phone: String,
    pub pin: String,
    pub wish_id: i64,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskReminder {
    pub wish_number: String,
    pub content: String,
    pub note: String,
    pub at: String,
}

/// The wish wall, with the station's today (the kiosk offers "by when" choices from it).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskWall {
    /// YYYY-MM-DD in the station's time zone.
    pub today: String,
    pub items: Vec<PublicWish>,
}

/// A volunteer at the kiosk after phone + PIN.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskHelperView {
    pub masked_name: String,
    /// YYYY-MM-DD in the station's time zone: promised dates start here.
    pub today: String,
    /// 督单 reminders not shown before (now marked seen).
    pub reminders: Vec<KioskReminder>,
    /// Published wishes, and claimed ones whose 帮帮团 has room.
    pub open: Vec<PublicWish>,
    /// Wishes this volunteer is helping with now.
    pub mine: Vec<PublicWish>,
}

const PUBLIC_SELECT: &str = "SELECT w.id, w.kind, w.content, w.state, w.requester_name, g.name, w.wanted_by,
        w.promised_date, w.created_at, w.fulfilled_at, w.fulfil_note, w.photo IS NOT NULL AND {}, w.stars
    FROM wishes w LEFT JOIN grids g ON g.id = w.grid_id";

/// How much of a requester a resident at the kiosk may see.
fn masked_requester(name: &str) -> String {
    if name.trim().is_empty() {
        "居民".to_string()
    } else {
        validate::mask_name(name)
    }
}

const WALL_SIZE: usize = 30;

impl Station {
    fn public_wishes(&self, cond: &str, values: &[&dyn rusqlite::ToSql], order: &str) -> Result<Vec<PublicWish>> {
        let conn = self.conn();
        let mut items: Vec<PublicWish> = conn
            .prepare_cached(&format!(
                "{} WHERE {cond} ORDER BY {order}",
                PUBLIC_SELECT.replacen("{}", crate::privacy::consent::PHOTO_ALLOWED, 1)
            ))?
            .query_map(values, |r| {
                let id: i64 = r.get(0)?;
                let kind: String = r.get(1)?;
                let state: String = r.get(3)?;
                let requester: String = r.get(4)?;
                Ok(PublicWish {
                    id,
                    number: wish_number(id),
                    kind: WishKind::parse(&kind).unwrap_or(WishKind::Other),
                    content: r.get(2)?,
                    state: WishState::parse(&state).unwrap_or(WishState::Submitted),
                    requester_masked: masked_requester(&requester),
                    grid_name: r.get(5)?,
                    wanted_by: r.get(6)?,
                    promised_date: r.get(7)?,
                    helpers: Vec::new(),
                    created_at: r.get(8)?,
                    fulfilled_at: r.get(9)?,
                    fulfil_note: r.get(10)?,
                    has_photo: r.get(11)?,
                    stars: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = conn.prepare_cached(
            "SELECT volunteer_id FROM wish_helpers WHERE wish_id = ?1 AND active = 1 ORDER BY is_lead DESC, joined_at",
        )?;
        for item in &mut items {
            let ids: Vec<i64> = stmt.query_map([item.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            let names = volunteer_names(conn, &ids)?;
            item.helpers = ids.iter().filter_map(|id| names.get(id)).map(|n| validate::mask_name(n)).collect();
        }
        Ok(items)
    }

    pub(crate) fn wish_receipt(&self, id: i64) -> Result<WishReceipt> {
        self.conn()
            .query_row(
                "SELECT code, kind, content, wanted_by, requester_name, phone, created_at FROM wishes WHERE id = ?1",
                [id],
                |r| {
                    let kind: String = r.get(1)?;
                    let requester: String = r.get(4)?;
                    let phone: String = r.get(5)?;
                    Ok(WishReceipt {
                        id,
                        number: wish_number(id),
                        code: r.get(0)?,
                        kind: WishKind::parse(&kind).unwrap_or(WishKind::Other),
                        content: r.get(2)?,
                        wanted_by: r.get(3)?,
                        requester_masked: masked_requester(&requester),
                        phone_masked: validate::mask_phone(&phone),
                        created_at: r.get(6)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| AppError::not_found("心愿"))
    }

    /// The receipt again (the desk reprints it for a resident).
    pub fn wish_get_receipt(&self, _actor: &StaffActor, id: i64) -> Result<WishReceipt> {
        self.wish_receipt(id)
    }

    /// 晒单 wall: the latest fulfilled wishes.
    pub fn wishes_kiosk_wall(&self) -> Result<KioskWall> {
        let items = self.public_wishes(
            &format!("w.state IN ('fulfilled', 'completed') AND w.id IN (SELECT id FROM wishes WHERE state IN ('fulfilled', 'completed') ORDER BY fulfilled_at DESC, id DESC LIMIT {WALL_SIZE})"),
            &[],
            "w.fulfilled_at DESC, w.id DESC",
        )?;
        Ok(KioskWall { today: self.today().to_string(), items })
    }

    /// A wall wish's photo; nothing for a wish not on the wall right now (the kiosk asks by id,
    /// so any other id — an older fulfilled wish, a sequential guess — is "not found").
    pub fn wish_kiosk_photo(&self, id: i64) -> Result<Option<String>> {
        let on_wall: bool = self.conn().query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM (SELECT id FROM wishes WHERE state IN ('fulfilled', 'completed')
                   ORDER BY fulfilled_at DESC, id DESC LIMIT {WALL_SIZE}) WHERE id = ?1)"
            ),
            [id],
            |r| r.get(0),
        )?;
        if !on_wall {
            return Err(AppError::not_found("心愿"));
        }
        // a photo of a person goes on the public wall only with their consent
        let allowed: bool = self.conn().query_row(
            &format!("SELECT {} FROM wishes w WHERE w.id = ?1", crate::privacy::consent::PHOTO_ALLOWED),
            [id],
            |r| r.get(0),
        )?;
        if !allowed {
            return Ok(None);
        }
        self.stored_photo(id)
    }

    pub(crate) fn wish_kiosk_view(&self, id: i64) -> Result<KioskWishView> {
        let wish = self.public_wishes("w.id = ?1", &[&id], "w.id")?.pop().ok_or_else(|| AppError::not_found("心愿"))?;
        let (satisfaction, decline_reason): (Option<String>, String) =
            self.conn().query_row("SELECT satisfaction, decline_reason FROM wishes WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(KioskWishView {
            can_rate: wish.state == WishState::Fulfilled,
            satisfaction: satisfaction.as_deref().and_then(WishSatisfaction::parse),
            decline_reason,
            wish,
        })
    }

    /// The resident's own wish, found with the receipt code.
    pub fn wish_kiosk_lookup(&mut self, input: &KioskCodeInput) -> Result<KioskWishView> {
        let id = self.kiosk_wish_by_code(&input.code)?;
        self.wish_kiosk_view(id)
    }

    /// A volunteer identifies (phone + PIN): their reminders (then marked seen), their wishes
    /// and the ones they may claim.
    pub fn wishes_kiosk_helper(&mut self, input: &KioskVolunteerInput) -> Result<KioskHelperView> {
        let who = self.volunteer_kiosk_identify(&input.phone, &input.pin)?;
        let (volunteer_id, masked_name) = (who.volunteer_id, who.masked_name);
        let reminders = self.write(&Actor::Kiosk, |tx| {
            let items: Vec<(i64, KioskReminder)> = tx
                .prepare(
                    "SELECT r.id, r.wish_id, w.content, r.note, r.created_at FROM wish_reminders r
                     JOIN wishes w ON w.id = r.wish_id WHERE r.volunteer_id = ?1 AND r.seen_at IS NULL ORDER BY r.id",
                )?
                .query_map([volunteer_id], |r| {
                    Ok((
                        r.get(0)?,
                        KioskReminder {
                            wish_number: wish_number(r.get(1)?),
                            content: r.get(2)?,
                            note: r.get(3)?,
                            at: r.get(4)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (id, _) in &items {
                tx.execute("UPDATE wish_reminders SET seen_at = ?1 WHERE id = ?2", params![tx.now_str(), id])?;
            }
            if !items.is_empty() {
                tx.audit(
                    "wish_reminder",
                    None,
                    "seen",
                    &format!("志愿者 {masked_name} 查看了 {} 条督办提醒", items.len()),
                )?;
            }
            Ok(items.into_iter().map(|(_, r)| r).collect())
        })?;
        self.helper_view(volunteer_id, masked_name, reminders)
    }

    fn helper_view(
        &self,
        volunteer_id: i64,
        masked_name: String,
        reminders: Vec<KioskReminder>,
    ) -> Result<KioskHelperView> {
        let team_max = super::TEAM_MAX;
        let open = self.public_wishes(
            &format!(
                "(w.state = 'published' OR (w.state = 'claimed' AND w.promised_date >= ?2
                   AND (SELECT COUNT(*) FROM wish_helpers h WHERE h.wish_id = w.id AND h.active = 1) < {team_max}))
                 AND NOT EXISTS (SELECT 1 FROM wish_helpers h WHERE h.wish_id = w.id AND h.active = 1 AND h.volunteer_id = ?1)"
            ),
            &[&volunteer_id, &self.today().to_string()],
            "w.state DESC, w.created_at",
        )?;
        let mine = self.public_wishes(
            "w.state = 'claimed' AND EXISTS (SELECT 1 FROM wish_helpers h WHERE h.wish_id = w.id AND h.active = 1
                                             AND h.volunteer_id = ?1)",
            &[&volunteer_id],
            "w.promised_date",
        )?;
        Ok(KioskHelperView { masked_name, today: self.today().to_string(), reminders, open, mine })
    }

    /// 接单 at the kiosk: claim (or join) as the identified volunteer.
    pub fn wish_kiosk_claim(&mut self, input: &KioskClaimInput) -> Result<KioskHelperView> {
        let who = self.volunteer_kiosk_identify(&input.phone, &input.pin)?;
        let (volunteer_id, masked_name) = (who.volunteer_id, who.masked_name);
        self.write(&Actor::Kiosk, |tx| claim_in(tx, input.wish_id, volunteer_id, &input.promised_date, ""))?;
        self.helper_view(volunteer_id, masked_name, Vec::new())
    }

    /// 晒单 at the kiosk by one of the wish's own helpers; credits stay as planned.
    pub fn wish_kiosk_fulfil(&mut self, input: &KioskFulfilInput) -> Result<KioskHelperView> {
        let who = self.volunteer_kiosk_identify(&input.phone, &input.pin)?;
        let (volunteer_id, masked_name) = (who.volunteer_id, who.masked_name);
        self.write(&Actor::Kiosk, |tx| {
            if !active_helpers(tx, input.wish_id)?.contains(&volunteer_id) {
                return Err(AppError::validation("wishId", "只有帮助这个心愿的志愿者才能标记完成"));
            }
            let fulfil =
                WishFulfilInput { id: input.wish_id, note: input.note.clone(), photo: None, credits: Vec::new() };
            fulfil_in(tx, &fulfil, StepBy { volunteer_id: Some(volunteer_id) }, None)
        })?;
        self.helper_view(volunteer_id, masked_name, Vec::new())
    }

    /// The monthly list for the notice board: wishes posted that month, names masked.
    pub fn wishes_month_list(&self, _actor: &StaffActor, month: &str) -> Result<Vec<PublicWish>> {
        let (from, to) = month_bounds(month, self.tz())?;
        self.public_wishes(
            "w.created_at >= ?1 AND w.created_at < ?2 AND w.state NOT IN ('merged', 'cancelled')",
            &[&from, &to],
            "w.created_at, w.id",
        )
    }
}
