//! Consent (知情同意): a walk-in registering at the kiosk and a resident posting a wish agree
//! to a short notice shown on screen (its text in the UI, `ui/src/i18n`, under
//! [`NOTICE_VERSION`]; the version is stored with the consent). Sensitive tags (低保户, 残疾人 …,
//! `tags.sensitive`) and photos on the kiosk's public wall each need their own consent.
//! Every grant and every withdrawal is a new row of `consents`; the latest row per scope is
//! what holds. Withdrawing at the desk is audited and takes effect at once: sensitive tags are
//! removed, wall photos hidden, a withdrawn registration archives the resident (the retention
//! purge then removes them).

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The notice the screens show now. A consent to an older text is refused: the person must
/// see the current one. Change it together with the texts in `ui/src/i18n/privacy.ts`.
pub const NOTICE_VERSION: &str = "2026-11";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentScope {
    /// Keeping the resident's record at all (register, kiosk walk-in).
    Register,
    /// A wish's name and phone, for handling it.
    Wish,
    /// Sensitive tags (特定身份: 低保户, 残疾人 …).
    SensitiveTags,
    /// Photos of them on the kiosk's public wish wall.
    PublicPhoto,
}

impl ConsentScope {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsentScope::Register => "register",
            ConsentScope::Wish => "wish",
            ConsentScope::SensitiveTags => "sensitive_tags",
            ConsentScope::PublicPhoto => "public_photo",
        }
    }

    fn parse(s: &str) -> Option<ConsentScope> {
        [ConsentScope::Register, ConsentScope::Wish, ConsentScope::SensitiveTags, ConsentScope::PublicPhoto]
            .into_iter()
            .find(|c| c.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ConsentScope::Register => "登记个人信息",
            ConsentScope::Wish => "微心愿个人信息",
            ConsentScope::SensitiveTags => "敏感个人信息（特定身份标签）",
            ConsentScope::PublicPhoto => "照片在心愿墙公开展示",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentRecord {
    pub id: i64,
    pub scope: ConsentScope,
    pub granted: bool,
    pub notice_version: String,
    /// kiosk, desk or system
    pub channel: String,
    pub at: String,
    pub staff_name: Option<String>,
}

/// The desk records a resident's consent (told in person) or its withdrawal.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConsentWithdrawInput {
    pub resident_id: i64,
    pub scope: ConsentScope,
    /// Withdrawal: why / how the resident asked (optional); a grant ignores it.
    #[serde(default)]
    pub note: String,
}

/// Refuses a consent to anything but the notice on screen now.
pub(crate) fn check_notice(field: &str, version: &str) -> Result<()> {
    match version.trim() {
        "" => Err(AppError::validation(field, "请先阅读《个人信息告知》并点「同意」")),
        v if v == NOTICE_VERSION => Ok(()),
        _ => Err(AppError::validation(field, "《个人信息告知》已更新，请重新阅读并同意")),
    }
}

pub(crate) fn record(
    tx: &Tx,
    resident_id: Option<i64>,
    wish_id: Option<i64>,
    scope: ConsentScope,
    granted: bool,
) -> Result<()> {
    let channel = match tx.actor {
        Actor::Staff(_) => "desk",
        Actor::Kiosk => "kiosk",
        Actor::System => "system",
    };
    tx.execute(
        "INSERT INTO consents (resident_id, wish_id, scope, granted, notice_version, channel, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            resident_id,
            wish_id,
            scope.as_str(),
            granted,
            NOTICE_VERSION,
            channel,
            tx.now_str(),
            tx.actor.staff_id()
        ],
    )?;
    Ok(())
}

/// The latest word of a resident on a scope: Some(true) granted, Some(false) withdrawn.
pub(crate) fn current(conn: &rusqlite::Connection, resident_id: i64, scope: ConsentScope) -> Result<Option<bool>> {
    Ok(conn
        .query_row(
            "SELECT granted FROM consents WHERE resident_id = ?1 AND scope = ?2 ORDER BY id DESC LIMIT 1",
            params![resident_id, scope.as_str()],
            |r| r.get(0),
        )
        .optional()?)
}

/// SQL over a wish aliased `w`: may its photo be shown on the public wall? The resident's own
/// latest word wins (a withdrawal hides every photo of theirs), else the wish's own consent.
pub(crate) const PHOTO_ALLOWED: &str = "COALESCE(
    (SELECT c.granted FROM consents c WHERE c.resident_id = w.resident_id AND c.scope = 'public_photo' ORDER BY c.id DESC LIMIT 1),
    (SELECT c.granted FROM consents c WHERE c.wish_id = w.id AND c.scope = 'public_photo' ORDER BY c.id DESC LIMIT 1),
    0) = 1";

/// The names of the sensitive tags among `tag_ids`.
pub(crate) fn sensitive_tag_names(conn: &rusqlite::Connection, tag_ids: &[i64]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for t in tag_ids {
        let name: Option<String> =
            conn.query_row("SELECT name FROM tags WHERE id = ?1 AND sensitive = 1", [t], |r| r.get(0)).optional()?;
        out.extend(name);
    }
    Ok(out)
}

/// Saving a resident with sensitive tags: the separate consent given now (`given_now`, the
/// form's tick) or already on record; otherwise refused naming the tags.
pub(crate) fn require_sensitive(tx: &Tx, resident_id: Option<i64>, tag_ids: &[i64], given_now: bool) -> Result<()> {
    let names = sensitive_tag_names(tx, tag_ids)?;
    if names.is_empty() {
        return Ok(());
    }
    let on_record = match resident_id {
        Some(id) => current(tx, id, ConsentScope::SensitiveTags)? == Some(true),
        None => false,
    };
    if on_record || given_now {
        return Ok(());
    }
    Err(AppError::validation(
        "sensitiveConsent",
        format!(
            "「{}」属于敏感个人信息，须取得居民的单独同意后才能登记（请勾选「居民已单独同意登记敏感信息」）",
            names.join("、")
        ),
    ))
}

/// After a resident's save: the tick on the form becomes a consent record (once).
pub(crate) fn record_sensitive_if_given(tx: &Tx, resident_id: i64, tag_ids: &[i64], given_now: bool) -> Result<()> {
    if given_now
        && !sensitive_tag_names(tx, tag_ids)?.is_empty()
        && current(tx, resident_id, ConsentScope::SensitiveTags)? != Some(true)
    {
        record(tx, Some(resident_id), None, ConsentScope::SensitiveTags, true)?;
    }
    Ok(())
}

fn resident_exists(tx: &Tx, id: i64) -> Result<()> {
    let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM residents WHERE id = ?1)", [id], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(AppError::not_found("居民"))
    }
}

impl Station {
    /// A resident's consents, newest first (the detail page).
    pub fn consents_of(&self, _actor: &StaffActor, resident_id: i64) -> Result<Vec<ConsentRecord>> {
        let rows = self
            .conn()
            .prepare(
                "SELECT c.id, c.scope, c.granted, c.notice_version, c.channel, c.at, s.display_name
                 FROM consents c LEFT JOIN staff s ON s.id = c.staff_id
                 WHERE c.resident_id = ?1
                    OR c.wish_id IN (SELECT id FROM wishes WHERE resident_id = ?1)
                 ORDER BY c.id DESC",
            )?
            .query_map([resident_id], |r| {
                let scope: String = r.get(1)?;
                Ok(ConsentRecord {
                    id: r.get(0)?,
                    scope: ConsentScope::parse(&scope).unwrap_or(ConsentScope::Register),
                    granted: r.get(2)?,
                    notice_version: r.get(3)?,
                    channel: r.get(4)?,
                    at: r.get(5)?,
                    staff_name: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The desk records a consent the resident gave in person (after reading the notice).
    pub fn consent_grant(&mut self, actor: &StaffActor, input: &ConsentWithdrawInput) -> Result<Vec<ConsentRecord>> {
        if input.scope == ConsentScope::Wish {
            return Err(AppError::validation("scope", "微心愿的同意在登记心愿时记录"));
        }
        self.write(&Actor::Staff(actor.clone()), |tx| {
            resident_exists(tx, input.resident_id)?;
            record(tx, Some(input.resident_id), None, input.scope, true)?;
            if input.scope == ConsentScope::Register {
                tx.execute(
                    "UPDATE residents SET consent_date = ?1, consent_by = ?2, updated_at = ?3 WHERE id = ?4",
                    params![tx.today().to_string(), tx.actor.staff_id(), tx.now_str(), input.resident_id],
                )?;
            }
            tx.audit(
                "consent",
                Some(input.resident_id),
                "grant",
                &format!("居民 #{} 同意{}（告知版本 {NOTICE_VERSION}）", input.resident_id, input.scope.label()),
            )
        })?;
        self.consents_of(actor, input.resident_id)
    }

    /// The resident withdraws a consent: a new record, audited, in effect at once.
    pub fn consent_withdraw(&mut self, actor: &StaffActor, input: &ConsentWithdrawInput) -> Result<Vec<ConsentRecord>> {
        if input.scope == ConsentScope::Wish {
            return Err(AppError::validation("scope", "微心愿的同意随心愿撤销：请在微心愿中取消该心愿"));
        }
        let note = validate::optional_text("note", "说明", &input.note, 200)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            resident_exists(tx, input.resident_id)?;
            record(tx, Some(input.resident_id), None, input.scope, false)?;
            let effect = match input.scope {
                ConsentScope::SensitiveTags => {
                    let n = tx.execute(
                        "DELETE FROM resident_tags WHERE resident_id = ?1
                           AND tag_id IN (SELECT id FROM tags WHERE sensitive = 1)",
                        [input.resident_id],
                    )?;
                    format!("移除敏感标签 {n} 个")
                }
                ConsentScope::PublicPhoto => "心愿墙不再展示其照片".to_string(),
                ConsentScope::Register => {
                    tx.execute(
                        "UPDATE residents SET consent_date = NULL, consent_by = NULL,
                             archived_at = COALESCE(archived_at, ?1), updated_at = ?1 WHERE id = ?2",
                        params![tx.now_str(), input.resident_id],
                    )?;
                    "已归档，保存期限到期后删除".to_string()
                }
                ConsentScope::Wish => String::new(),
            };
            let note = if note.is_empty() { String::new() } else { format!("；说明：{note}") };
            tx.audit(
                "consent",
                Some(input.resident_id),
                "withdraw",
                &format!("居民 #{} 撤回同意：{}，{effect}{note}", input.resident_id, input.scope.label()),
            )
        })?;
        self.consents_of(actor, input.resident_id)
    }
}
