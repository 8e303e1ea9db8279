//! Micro-wishes (微心愿), the "六单" loop: a resident posts a wish (点单), staff review it
//! (派单), volunteers claim it (接单), overdue ones are watched (督单), it is fulfilled with a
//! note and photo (晒单) and rated (评单); then the helpers' hours are credited.
//!
//! `workflow` is the state machine (every change is a recorded transition), `board` the
//! desk's queries, `wall` the kiosk's, `rating` the last step and the 7-day auto-completion,
//! `crediting` the one link to the volunteers area (identity, names, the hours ledger),
//! `photos` the pictures kept beside the database.

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod board;
pub mod crediting;
pub mod demo;
pub mod photos;
pub mod rating;
pub mod wall;
pub mod workflow;

pub use board::*;
pub use crediting::{HelperOption, WishCreditInput, WishCreditLine};
pub use rating::{KioskRateInput, WishRateInput, WishSatisfaction};
pub use wall::*;
use workflow::{check_step, transition, StepBy};

/// What a resident wishes for: 物品 / 服务 / 陪伴 / 维修 / 其他.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum WishKind {
    Goods,
    Service,
    Company,
    Repair,
    Other,
}

impl WishKind {
    pub const ALL: [WishKind; 5] =
        [WishKind::Goods, WishKind::Service, WishKind::Company, WishKind::Repair, WishKind::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            WishKind::Goods => "goods",
            WishKind::Service => "service",
            WishKind::Company => "company",
            WishKind::Repair => "repair",
            WishKind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<WishKind> {
        WishKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            WishKind::Goods => "物品",
            WishKind::Service => "服务",
            WishKind::Company => "陪伴",
            WishKind::Repair => "维修",
            WishKind::Other => "其他",
        }
    }

    /// Service minutes a helper is credited for this kind unless staff change it before
    /// the credit is posted: a delivered item takes less than an afternoon's company.
    pub fn default_minutes(self) -> i64 {
        match self {
            WishKind::Goods => 60,
            WishKind::Service => 120,
            WishKind::Company => 120,
            WishKind::Repair => 90,
            WishKind::Other => 60,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WishState {
    Submitted,
    Published,
    Claimed,
    Fulfilled,
    /// Rated "not satisfied": waits for staff (publish again, reassign or close).
    Reopened,
    Completed,
    Declined,
    Merged,
    Cancelled,
}

impl WishState {
    pub const ALL: [WishState; 9] = [
        WishState::Submitted,
        WishState::Published,
        WishState::Claimed,
        WishState::Fulfilled,
        WishState::Reopened,
        WishState::Completed,
        WishState::Declined,
        WishState::Merged,
        WishState::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WishState::Submitted => "submitted",
            WishState::Published => "published",
            WishState::Claimed => "claimed",
            WishState::Fulfilled => "fulfilled",
            WishState::Reopened => "reopened",
            WishState::Completed => "completed",
            WishState::Declined => "declined",
            WishState::Merged => "merged",
            WishState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<WishState> {
        WishState::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            WishState::Submitted => "待审核",
            WishState::Published => "待认领",
            WishState::Claimed => "进行中",
            WishState::Fulfilled => "待评价",
            WishState::Reopened => "不满意待处理",
            WishState::Completed => "已完成",
            WishState::Declined => "不予受理",
            WishState::Merged => "已合并",
            WishState::Cancelled => "已取消",
        }
    }

    /// States in which the wish has (had) helpers doing the work.
    pub fn has_helpers(self) -> bool {
        matches!(self, WishState::Claimed | WishState::Fulfilled | WishState::Reopened | WishState::Completed)
    }
}

/// The steps of the loop, as recorded in the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WishStep {
    Post,
    Publish,
    Assign,
    Merge,
    Decline,
    Cancel,
    Claim,
    Join,
    Reassign,
    Remind,
    Note,
    Fulfil,
    Rate,
    AutoComplete,
    Close,
    CreditEdit,
}

impl WishStep {
    pub const ALL: [WishStep; 16] = [
        WishStep::Post,
        WishStep::Publish,
        WishStep::Assign,
        WishStep::Merge,
        WishStep::Decline,
        WishStep::Cancel,
        WishStep::Claim,
        WishStep::Join,
        WishStep::Reassign,
        WishStep::Remind,
        WishStep::Note,
        WishStep::Fulfil,
        WishStep::Rate,
        WishStep::AutoComplete,
        WishStep::Close,
        WishStep::CreditEdit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WishStep::Post => "post",
            WishStep::Publish => "publish",
            WishStep::Assign => "assign",
            WishStep::Merge => "merge",
            WishStep::Decline => "decline",
            WishStep::Cancel => "cancel",
            WishStep::Claim => "claim",
            WishStep::Join => "join",
            WishStep::Reassign => "reassign",
            WishStep::Remind => "remind",
            WishStep::Note => "note",
            WishStep::Fulfil => "fulfil",
            WishStep::Rate => "rate",
            WishStep::AutoComplete => "auto_complete",
            WishStep::Close => "close",
            WishStep::CreditEdit => "credit_edit",
        }
    }

    pub fn parse(s: &str) -> Option<WishStep> {
        WishStep::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// 心愿 No.000123: how a wish is named on the receipt and in messages.
pub fn wish_number(id: i64) -> String {
    format!("No.{id:06}")
}

/// Staff post a wish for a resident at the desk.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishPostInput {
    pub kind: WishKind,
    pub content: String,
    /// YYYY-MM-DD the resident hopes for; None = no date.
    pub wanted_by: Option<String>,
    /// A registered resident: their name, phone and grid are taken from the register.
    pub resident_id: Option<i64>,
    pub requester_name: String,
    pub phone: String,
    /// The personal-information notice read to the resident (`privacy::NOTICE_VERSION`).
    #[serde(default)]
    pub notice_version: String,
    /// The resident agreed that a photo of the fulfilled wish may be shown on the wall.
    #[serde(default)]
    pub photo_consent: bool,
}

/// What a resident enters at the kiosk: kind, a short text, by when, their phone.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KioskWishInput {
    pub kind: WishKind,
    pub content: String,
    pub wanted_by: Option<String>,
    pub phone: String,
    /// The notice the resident agreed to on screen (`privacy::NOTICE_VERSION`).
    #[serde(default)]
    pub notice_version: String,
    /// They also agreed that a photo of the fulfilled wish may be shown on the wall.
    #[serde(default)]
    pub photo_consent: bool,
}

/// A step that needs only a note (publish, remind, note, close) or a reason (decline, cancel).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishNoteInput {
    pub id: i64,
    pub note: String,
}

/// Assign, claim (or join the 帮帮团) and reassign: who helps, and by when they promise.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishHelperInput {
    pub id: i64,
    pub volunteer_id: i64,
    /// YYYY-MM-DD, today or later.
    pub promised_date: String,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishMergeInput {
    pub id: i64,
    /// The wish this one duplicates.
    pub into_id: i64,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WishFulfilInput {
    pub id: i64,
    pub note: String,
    /// A photo as base64 or a data URL (JPEG/PNG); resized and kept in the data folder.
    pub photo: Option<String>,
    /// Minutes/points per helper, confirmed now; posted to the ledger after the rating.
    pub credits: Vec<WishCreditLine>,
}

pub(crate) const CONTENT_MAX: usize = 200;
pub(crate) const NOTE_MAX: usize = 300;
/// The most helpers one wish takes (帮帮团).
pub(crate) const TEAM_MAX: i64 = 10;

/// The wish's current state; NotFound when there is no such wish.
pub(crate) fn current_state(tx: &rusqlite::Connection, id: i64) -> Result<WishState> {
    let state: Option<String> =
        tx.query_row("SELECT state FROM wishes WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    let state = state.ok_or_else(|| AppError::not_found("心愿"))?;
    WishState::parse(&state).ok_or_else(|| AppError::internal(format!("未知的心愿状态 {state}")))
}

fn kind_of(tx: &rusqlite::Connection, id: i64) -> Result<WishKind> {
    let kind: String = tx.query_row("SELECT kind FROM wishes WHERE id = ?1", [id], |r| r.get(0))?;
    WishKind::parse(&kind).ok_or_else(|| AppError::internal(format!("未知的心愿类别 {kind}")))
}

fn promised_date(field: &str, value: &str, today: NaiveDate) -> Result<NaiveDate> {
    if value.trim().is_empty() {
        return Err(AppError::validation(field, "请选择承诺完成日期"));
    }
    let d = validate::date(field, "承诺完成日期", value)?;
    if d < today {
        return Err(AppError::validation(field, "承诺完成日期不能早于今天"));
    }
    Ok(d)
}

fn wanted_by(value: &Option<String>, today: NaiveDate) -> Result<Option<NaiveDate>> {
    let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let d = validate::date("wantedBy", "期望完成日期", v)?;
    if d < today {
        return Err(AppError::validation("wantedBy", "期望完成日期不能早于今天"));
    }
    Ok(Some(d))
}

/// A fresh 6-digit code no other wish has. Randomness from the standard library's per-process
/// hash keys: enough that a code cannot be guessed from the wish number.
fn new_code(tx: &Tx) -> Result<String> {
    use std::hash::{BuildHasher, Hasher};
    for attempt in 0..50u64 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(attempt);
        h.write(tx.now_str().as_bytes());
        let code = format!("{:06}", h.finish() % 1_000_000);
        let taken: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM wishes WHERE code = ?1)", [&code], |r| r.get(0))?;
        if !taken {
            return Ok(code);
        }
    }
    Err(AppError::internal("无法生成评价码"))
}

/// The requester as stored: from the register when the resident is known.
struct Requester {
    resident_id: Option<i64>,
    name: String,
    phone: String,
    grid_id: Option<i64>,
}

fn requester_from_register(tx: &Tx, resident_id: i64) -> Result<Requester> {
    tx.query_row(
        "SELECT name, phone, grid_id FROM residents WHERE id = ?1 AND archived_at IS NULL",
        [resident_id],
        |r| Ok(Requester { resident_id: Some(resident_id), name: r.get(0)?, phone: r.get(1)?, grid_id: r.get(2)? }),
    )
    .optional()?
    .ok_or_else(|| AppError::validation("residentId", "所选居民不存在或已归档"))
}

/// A kiosk phone that belongs to exactly one active resident links the wish to them.
fn requester_by_phone(tx: &Tx, phone: String) -> Result<Requester> {
    let mut stmt =
        tx.prepare("SELECT id, name, grid_id FROM residents WHERE phone = ?1 AND archived_at IS NULL LIMIT 2")?;
    let found: Vec<(i64, String, Option<i64>)> =
        stmt.query_map([&phone], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(match found.as_slice() {
        [(id, name, grid)] => Requester { resident_id: Some(*id), name: name.clone(), phone, grid_id: *grid },
        _ => Requester { resident_id: None, name: String::new(), phone, grid_id: None },
    })
}

fn insert_wish(
    tx: &Tx,
    kind: WishKind,
    content: &str,
    wanted: Option<NaiveDate>,
    who: &Requester,
    channel: &str,
) -> Result<i64> {
    let code = new_code(tx)?;
    tx.execute(
        "INSERT INTO wishes (code, kind, content, wanted_by, resident_id, requester_name, phone, grid_id, channel, state,
                             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'submitted', ?10, ?10)",
        params![
            code,
            kind.as_str(),
            content,
            wanted.map(|d| d.to_string()),
            who.resident_id,
            who.name,
            who.phone,
            who.grid_id,
            channel,
            tx.now_str()
        ],
    )?;
    let id = tx.last_insert_rowid();
    transition(tx, id, WishStep::Post, None, WishState::Submitted, &StepBy { volunteer_id: None }, "")?;
    Ok(id)
}

/// A wish's consents: to the notice (always: the post was refused without it) and, if given,
/// to a photo on the public wall.
fn record_wish_consents(tx: &Tx, id: i64, who: &Requester, photo: bool) -> Result<()> {
    use crate::privacy::{consent, ConsentScope};
    consent::record(tx, who.resident_id, Some(id), ConsentScope::Wish, true)?;
    if photo {
        consent::record(tx, None, Some(id), ConsentScope::PublicPhoto, true)?;
    }
    Ok(())
}

/// Adds a helper (or brings a former one back) with the kind's default credit.
fn add_helper(tx: &Tx, id: i64, volunteer_id: i64, lead: bool) -> Result<()> {
    let kind = kind_of(tx, id)?;
    if lead {
        tx.execute("UPDATE wish_helpers SET is_lead = 0 WHERE wish_id = ?1", [id])?;
    }
    tx.execute(
        "INSERT INTO wish_helpers (wish_id, volunteer_id, is_lead, active, joined_at, planned_minutes, planned_points)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)
         ON CONFLICT (wish_id, volunteer_id) DO UPDATE SET active = 1, is_lead = excluded.is_lead",
        params![
            id,
            volunteer_id,
            lead,
            tx.now_str(),
            kind.default_minutes(),
            crediting::default_points(tx, kind.default_minutes())?
        ],
    )?;
    Ok(())
}

pub(crate) fn active_helpers(tx: &rusqlite::Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = tx.prepare("SELECT volunteer_id FROM wish_helpers WHERE wish_id = ?1 AND active = 1")?;
    let ids = stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Claim a published wish, or join the 帮帮团 of a claimed one. The first claimer leads.
pub(crate) fn claim_in(tx: &Tx, id: i64, volunteer_id: i64, promised: &str, note: &str) -> Result<WishState> {
    let from = current_state(tx, id)?;
    let step = if from == WishState::Claimed { WishStep::Join } else { WishStep::Claim };
    let to = check_step(id, from, step)?;
    let note = validate::optional_text("note", "备注", note, NOTE_MAX)?;
    crediting::ensure_volunteer(tx, volunteer_id)?;
    let helpers = active_helpers(tx, id)?;
    if step == WishStep::Join {
        if helpers.contains(&volunteer_id) {
            return Err(AppError::validation("volunteerId", "这位志愿者已经在帮帮团里"));
        }
        if helpers.len() as i64 >= TEAM_MAX {
            return Err(AppError::validation("volunteerId", format!("帮帮团最多 {TEAM_MAX} 人，已满")));
        }
        // Joining keeps the lead's promised date.
        add_helper(tx, id, volunteer_id, false)?;
    } else {
        let date = promised_date("promisedDate", promised, tx.today())?;
        tx.execute("UPDATE wishes SET promised_date = ?1 WHERE id = ?2", params![date.to_string(), id])?;
        add_helper(tx, id, volunteer_id, true)?;
    }
    transition(tx, id, step, Some(from), to, &StepBy { volunteer_id: Some(volunteer_id) }, &note)?;
    Ok(to)
}

/// Assign or reassign: the chosen person becomes the only active helper and the lead.
fn direct_in(tx: &Tx, step: WishStep, input: &WishHelperInput) -> Result<()> {
    let from = current_state(tx, input.id)?;
    let to = check_step(input.id, from, step)?;
    let date = promised_date("promisedDate", &input.promised_date, tx.today())?;
    let note = validate::optional_text("note", "备注", &input.note, NOTE_MAX)?;
    crediting::ensure_volunteer(tx, input.volunteer_id)?;
    tx.execute("UPDATE wish_helpers SET active = 0, is_lead = 0 WHERE wish_id = ?1", [input.id])?;
    add_helper(tx, input.id, input.volunteer_id, true)?;
    tx.execute("UPDATE wishes SET promised_date = ?1 WHERE id = ?2", params![date.to_string(), input.id])?;
    transition(tx, input.id, step, Some(from), to, &StepBy { volunteer_id: Some(input.volunteer_id) }, &note)
}

/// A step that only needs a note; `reason` makes the note required (decline, cancel).
fn note_step(tx: &Tx, step: WishStep, input: &WishNoteInput, reason: Option<&str>) -> Result<WishState> {
    let from = current_state(tx, input.id)?;
    let to = check_step(input.id, from, step)?;
    let note = match reason {
        Some(label) => validate::required_text("note", label, &input.note, NOTE_MAX)?,
        None => validate::optional_text("note", "备注", &input.note, NOTE_MAX)?,
    };
    if step == WishStep::Note && note.is_empty() {
        return Err(AppError::validation("note", "请填写督办备注"));
    }
    transition(tx, input.id, step, Some(from), to, &StepBy { volunteer_id: None }, &note)?;
    Ok(to)
}

/// Marks the work done (晒单): from a staff member or a helper identified at the kiosk.
pub(crate) fn fulfil_in(tx: &Tx, input: &WishFulfilInput, by: StepBy, photo: Option<String>) -> Result<()> {
    let from = current_state(tx, input.id)?;
    let to = check_step(input.id, from, WishStep::Fulfil)?;
    let note = validate::required_text("note", "完成情况", &input.note, NOTE_MAX)?;
    for line in &input.credits {
        crediting::plan_credit(tx, input.id, line)?;
    }
    tx.execute(
        "UPDATE wishes SET fulfil_note = ?1, photo = COALESCE(?2, photo), fulfilled_at = ?3 WHERE id = ?4",
        params![note, photo, tx.now_str(), input.id],
    )?;
    transition(tx, input.id, WishStep::Fulfil, Some(from), to, &by, &note)
}

impl Station {
    fn staff_write<T>(&mut self, actor: &StaffActor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write(&Actor::Staff(actor.clone()), f)
    }

    /// 点单 at the desk, on a resident's behalf.
    pub fn wish_post(&mut self, actor: &StaffActor, input: &WishPostInput) -> Result<WishDetail> {
        crate::privacy::consent::check_notice("noticeVersion", &input.notice_version)?;
        let id = self.staff_write(actor, |tx| {
            let content = validate::required_text("content", "心愿内容", &input.content, CONTENT_MAX)?;
            let wanted = wanted_by(&input.wanted_by, tx.today())?;
            let who = match input.resident_id {
                Some(rid) => requester_from_register(tx, rid)?,
                None => {
                    let phone = validate::phone("phone", &input.phone)?;
                    let name = validate::optional_text("requesterName", "居民姓名", &input.requester_name, 30)?;
                    let mut who = requester_by_phone(tx, phone)?;
                    if !name.is_empty() {
                        who.name = name;
                    }
                    who
                }
            };
            let id = insert_wish(tx, input.kind, &content, wanted, &who, "desk")?;
            record_wish_consents(tx, id, &who, input.photo_consent)?;
            Ok(id)
        })?;
        self.wish_get(actor, id)
    }

    /// 点单 at the kiosk: the resident gets a receipt with the wish number and rating code.
    pub fn wish_kiosk_post(&mut self, input: &KioskWishInput) -> Result<WishReceipt> {
        crate::privacy::consent::check_notice("noticeVersion", &input.notice_version)?;
        let id = self.write(&Actor::Kiosk, |tx| {
            let content = validate::required_text("content", "心愿内容", &input.content, CONTENT_MAX)?;
            let wanted = wanted_by(&input.wanted_by, tx.today())?;
            let phone = validate::phone("phone", &input.phone)?;
            let who = requester_by_phone(tx, phone)?;
            let id = insert_wish(tx, input.kind, &content, wanted, &who, "kiosk")?;
            record_wish_consents(tx, id, &who, input.photo_consent)?;
            Ok(id)
        })?;
        self.wish_receipt(id)
    }

    /// 派单: publish for claiming.
    pub fn wish_publish(&mut self, actor: &StaffActor, input: &WishNoteInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| {
            let from = current_state(tx, input.id)?;
            if from == WishState::Reopened {
                // Published again: whoever helped before no longer holds it.
                tx.execute("UPDATE wish_helpers SET active = 0, is_lead = 0 WHERE wish_id = ?1", [input.id])?;
                tx.execute("UPDATE wishes SET promised_date = NULL WHERE id = ?1", [input.id])?;
            }
            note_step(tx, WishStep::Publish, input, None)
        })?;
        self.wish_get(actor, input.id)
    }

    /// 派单: assign directly to a person, with their promised date.
    pub fn wish_assign(&mut self, actor: &StaffActor, input: &WishHelperInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| direct_in(tx, WishStep::Assign, input))?;
        self.wish_get(actor, input.id)
    }

    /// 督单: a supervisor gives the wish to someone else.
    pub fn wish_reassign(&mut self, actor: &StaffActor, input: &WishHelperInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| direct_in(tx, WishStep::Reassign, input))?;
        self.wish_get(actor, input.id)
    }

    /// 接单 recorded at the desk for a volunteer (claim, or join the 帮帮团).
    pub fn wish_claim(&mut self, actor: &StaffActor, input: &WishHelperInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| claim_in(tx, input.id, input.volunteer_id, &input.promised_date, &input.note))?;
        self.wish_get(actor, input.id)
    }

    pub fn wish_merge(&mut self, actor: &StaffActor, input: &WishMergeInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| {
            let from = current_state(tx, input.id)?;
            let to = check_step(input.id, from, WishStep::Merge)?;
            if input.into_id == input.id {
                return Err(AppError::validation("intoId", "不能与自己合并"));
            }
            let target =
                current_state(tx, input.into_id).map_err(|_| AppError::validation("intoId", "要合并到的心愿不存在"))?;
            if !matches!(target, WishState::Submitted | WishState::Published | WishState::Claimed) {
                return Err(AppError::validation(
                    "intoId",
                    format!("要合并到的心愿为「{}」，只能合并到尚未完成的心愿", target.label()),
                ));
            }
            let note = validate::optional_text("note", "备注", &input.note, NOTE_MAX)?;
            tx.execute("UPDATE wishes SET merged_into = ?1 WHERE id = ?2", params![input.into_id, input.id])?;
            transition(tx, input.id, WishStep::Merge, Some(from), to, &StepBy { volunteer_id: None }, &note)?;
            let told = format!("合并了重复的心愿 {}", wish_number(input.id));
            transition(tx, input.into_id, WishStep::Note, Some(target), target, &StepBy { volunteer_id: None }, &told)
        })?;
        self.wish_get(actor, input.id)
    }

    /// Declined with a reason the resident can be told.
    pub fn wish_decline(&mut self, actor: &StaffActor, input: &WishNoteInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| {
            note_step(tx, WishStep::Decline, input, Some("不予受理的原因"))?;
            tx.execute("UPDATE wishes SET decline_reason = ?1 WHERE id = ?2", params![input.note.trim(), input.id])?;
            Ok(())
        })?;
        self.wish_get(actor, input.id)
    }

    pub fn wish_cancel(&mut self, actor: &StaffActor, input: &WishNoteInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| note_step(tx, WishStep::Cancel, input, Some("取消原因")))?;
        self.wish_get(actor, input.id)
    }

    /// 督单: a reminder to every active helper, shown when they next identify at the kiosk.
    pub fn wish_remind(&mut self, actor: &StaffActor, input: &WishNoteInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| {
            note_step(tx, WishStep::Remind, input, Some("提醒内容"))?;
            for v in active_helpers(tx, input.id)? {
                tx.execute(
                    "INSERT INTO wish_reminders (wish_id, volunteer_id, note, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![input.id, v, input.note.trim(), tx.now_str()],
                )?;
            }
            Ok(())
        })?;
        self.wish_get(actor, input.id)
    }

    /// A supervisor's note (督办备注): allowed in every state, changes nothing else.
    pub fn wish_note(&mut self, actor: &StaffActor, input: &WishNoteInput) -> Result<WishDetail> {
        self.staff_write(actor, |tx| note_step(tx, WishStep::Note, input, None))?;
        self.wish_get(actor, input.id)
    }

    /// 晒单 at the desk, with an optional photo and the credit each helper will get.
    pub fn wish_fulfil(&mut self, actor: &StaffActor, input: &WishFulfilInput) -> Result<WishDetail> {
        let dir = self.photo_dir();
        self.staff_write(actor, |tx| {
            let photo = input.photo.as_deref().filter(|p| !p.trim().is_empty());
            let name = photo.map(|_| photos::file_name(input.id, tx.now));
            fulfil_in(tx, input, StepBy { volunteer_id: None }, name.clone())?;
            // Written last: a refused step leaves no file behind.
            if let (Some(data), Some(name)) = (photo, name) {
                photos::save(dir.as_deref(), &name, data)?;
            }
            Ok(())
        })?;
        self.wish_get(actor, input.id)
    }
}

#[cfg(test)]
mod tests;
