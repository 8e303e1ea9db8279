//! The residents register (居民): validation, search-as-you-type, archive and purge.

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::names;
use crate::places::Tag;
use crate::validate;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    fn as_str(self) -> &'static str {
        match self {
            Gender::Male => "male",
            Gender::Female => "female",
        }
    }

    fn parse(s: &str) -> Option<Gender> {
        match s {
            "male" => Some(Gender::Male),
            "female" => Some(Gender::Female),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentInput {
    pub name: String,
    pub gender: Option<Gender>,
    /// YYYY-MM-DD
    pub birth_date: Option<String>,
    /// When the birth date is unknown.
    pub age: Option<u32>,
    pub phone: String,
    pub id_number: Option<String>,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit: String,
    pub room: String,
    pub tag_ids: Vec<i64>,
    pub note: String,
    /// YYYY-MM-DD the resident agreed to their data being kept; None = not recorded.
    pub consent_date: Option<String>,
    /// Save even though a resident with the same name and phone exists.
    pub confirm_duplicate: bool,
    /// The resident agreed, separately, to their sensitive tags (低保户, 残疾人 …) being kept
    /// (the form's tick; recorded as a consent). Needed once when such a tag is first given.
    #[serde(default)]
    pub sensitive_consent: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentUpdate {
    pub id: i64,
    pub resident: ResidentInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Resident {
    pub id: i64,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<String>,
    pub age: Option<u32>,
    /// The whole number: only for the staff's detail page.
    pub phone: String,
    pub phone_masked: String,
    pub id_number: Option<String>,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub building_id: Option<i64>,
    pub unit: String,
    pub room: String,
    pub address: String,
    pub tags: Vec<Tag>,
    pub note: String,
    pub consent_date: Option<String>,
    pub consent_by: Option<String>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// A line of the list: the phone is masked, since the desk screen may face a resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentRow {
    pub id: i64,
    pub name: String,
    pub gender: Option<Gender>,
    pub age: Option<u32>,
    pub phone_masked: String,
    pub address: String,
    pub tags: Vec<String>,
    pub archived: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentQuery {
    /// Name, full pinyin, pinyin initials or a phone fragment.
    pub text: String,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub tag_id: Option<i64>,
    pub include_archived: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for ResidentQuery {
    fn default() -> Self {
        ResidentQuery {
            text: String::new(),
            grid_id: None,
            compound_id: None,
            tag_id: None,
            include_archived: false,
            page: 1,
            page_size: 20,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ResidentPage {
    pub items: Vec<ResidentRow>,
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurgeInput {
    pub id: i64,
    pub reason: String,
}

/// A resident input that passed every rule, in the form it is stored.
struct Checked {
    name: String,
    pinyin: String,
    initials: String,
    gender: Option<Gender>,
    birth_date: Option<NaiveDate>,
    birth_year: Option<i32>,
    phone: String,
    id_number: Option<String>,
    grid_id: Option<i64>,
    compound_id: Option<i64>,
    building_id: Option<i64>,
    unit: String,
    room: String,
    tag_ids: Vec<i64>,
    note: String,
    consent_date: Option<NaiveDate>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Every rule of a resident record that needs no database.
fn check_fields(input: &ResidentInput, today: NaiveDate) -> Result<Checked> {
    let (checked, problems) = check_fields_all(input, today);
    problems.into_result()?;
    checked.ok_or_else(|| AppError::internal("checked resident without problems"))
}

/// The field rules, each checked whatever the others gave: the checked input when all hold,
/// and every problem found (the importer lists them all for a row; the form shows the first).
fn check_fields_all(input: &ResidentInput, today: NaiveDate) -> (Option<Checked>, validate::Problems) {
    let mut p = validate::Problems::default();
    let name = p.take(validate::required_text("name", "姓名", &input.name, 30).and_then(|name| {
        if name.chars().any(|c| c.is_ascii_digit()) {
            return Err(AppError::validation("name", "姓名不能包含数字"));
        }
        Ok(name)
    }));
    let phone = p.take(validate::phone("phone", &input.phone));
    let id = p.take(non_empty(&input.id_number).map(|v| validate::id_number("idNumber", v, today)).transpose());
    let mut birth_date = p
        .take(non_empty(&input.birth_date).map(|v| validate::past_date("birthDate", "出生日期", v, today)).transpose());
    let mut gender = input.gender;
    if let Some(Some(id)) = &id {
        match birth_date {
            Some(Some(d)) if d != id.birth_date => {
                p.push(AppError::validation("birthDate", "出生日期与身份证号中的出生日期不一致"));
            }
            _ => birth_date = Some(Some(id.birth_date)),
        }
        let id_gender = if id.male { Gender::Male } else { Gender::Female };
        match gender {
            Some(g) if g != id_gender => p.push(AppError::validation("gender", "性别与身份证号不一致")),
            _ => gender = Some(id_gender),
        }
    }
    let birth_date = birth_date.flatten();
    let birth_year = match (birth_date, input.age) {
        (Some(_), _) => None,
        (None, Some(age)) if age > 130 => {
            p.push(AppError::validation("age", "年龄应在 0 到 130 岁之间"));
            None
        }
        (None, Some(age)) => Some(today.year() - age as i32),
        (None, None) => None,
    };
    let consent_date = p.take(
        non_empty(&input.consent_date).map(|v| validate::past_date("consentDate", "同意日期", v, today)).transpose(),
    );
    let unit = p.take(validate::optional_text("unit", "单元", &input.unit, 20));
    let room = p.take(validate::optional_text("room", "室", &input.room, 20));
    let note = p.take(validate::optional_text("note", "备注", &input.note, 500));
    let (Some(name), Some(phone), Some(id), Some(consent_date), Some(unit), Some(room), Some(note)) =
        (name, phone, id, consent_date, unit, room, note)
    else {
        return (None, p);
    };
    if !p.is_empty() {
        return (None, p);
    }
    let mut tag_ids = input.tag_ids.clone();
    tag_ids.sort_unstable();
    tag_ids.dedup();
    let (pinyin, initials) = names::search_keys(&name);
    let checked = Checked {
        name,
        pinyin,
        initials,
        gender,
        birth_date,
        birth_year,
        phone,
        id_number: id.map(|i| i.normalized),
        grid_id: input.grid_id,
        compound_id: input.compound_id,
        building_id: input.building_id,
        unit,
        room,
        tag_ids,
        note,
        consent_date,
    };
    (Some(checked), p)
}

/// The rules that need the database: places fit together, tags exist, the ID number is
/// not someone else's, and a same-name-same-phone record is confirmed as not a duplicate.
fn check_against_register(tx: &Tx, c: &mut Checked, editing: Option<i64>, confirm_duplicate: bool) -> Result<()> {
    if let Some(b) = c.building_id {
        let compound: Option<i64> =
            tx.query_row("SELECT compound_id FROM buildings WHERE id = ?1", [b], |r| r.get(0)).optional()?;
        let compound = compound.ok_or_else(|| AppError::validation("buildingId", "所选楼栋不存在"))?;
        match c.compound_id {
            Some(x) if x != compound => {
                return Err(AppError::validation("buildingId", "所选楼栋不属于所选小区"));
            }
            _ => c.compound_id = Some(compound),
        }
    }
    if let Some(cp) = c.compound_id {
        let grid: Option<i64> =
            tx.query_row("SELECT grid_id FROM compounds WHERE id = ?1", [cp], |r| r.get(0)).optional()?;
        let grid = grid.ok_or_else(|| AppError::validation("compoundId", "所选小区不存在"))?;
        match c.grid_id {
            Some(g) if g != grid => return Err(AppError::validation("compoundId", "所选小区不属于所选网格")),
            _ => c.grid_id = Some(grid),
        }
    }
    if let Some(g) = c.grid_id {
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM grids WHERE id = ?1)", [g], |r| r.get(0))?;
        if !exists {
            return Err(AppError::validation("gridId", "所选网格不存在"));
        }
    }
    for t in &c.tag_ids {
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM tags WHERE id = ?1)", [t], |r| r.get(0))?;
        if !exists {
            return Err(AppError::validation("tagIds", "所选标签不存在"));
        }
    }
    if let Some(idn) = &c.id_number {
        let holder: Option<String> = tx
            .query_row("SELECT name FROM residents WHERE id_number = ?1 AND id IS NOT ?2", params![idn, editing], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(holder) = holder {
            return Err(AppError::validation("idNumber", format!("该身份证号已登记在居民「{holder}」名下")));
        }
    }
    if !confirm_duplicate {
        let twin: Option<(String, Option<String>)> = tx
            .query_row(
                "SELECT name, archived_at FROM residents WHERE name = ?1 AND phone = ?2 AND id IS NOT ?3 LIMIT 1",
                params![c.name, c.phone, editing],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((name, archived)) = twin {
            let state = if archived.is_some() { "（已归档）" } else { "" };
            return Err(AppError {
                code: ErrorCode::DuplicateWarning,
                message: format!(
                    "可能重复：已有同名同电话的居民「{name}」{state}，电话 {}。确认不是同一人吗？",
                    validate::mask_phone(&c.phone)
                ),
                field: Some("name".into()),
            });
        }
    }
    Ok(())
}

/// The stored columns of a resident, in the order `Checked::values` gives them.
const STORED_COLUMNS: [&str; 17] = [
    "name",
    "name_pinyin",
    "name_initials",
    "gender",
    "birth_date",
    "birth_year",
    "phone",
    "id_number",
    "grid_id",
    "compound_id",
    "building_id",
    "unit",
    "room",
    "note",
    "consent_date",
    "consent_by",
    "updated_at",
];

impl Checked {
    fn values(&self, consent_by: Option<i64>, now: String) -> Vec<Value> {
        vec![
            self.name.clone().into(),
            self.pinyin.clone().into(),
            self.initials.clone().into(),
            self.gender.map(|g| g.as_str().to_string()).into(),
            self.birth_date.map(|d| d.to_string()).into(),
            self.birth_year.into(),
            self.phone.clone().into(),
            self.id_number.clone().into(),
            self.grid_id.into(),
            self.compound_id.into(),
            self.building_id.into(),
            self.unit.clone().into(),
            self.room.clone().into(),
            self.note.clone().into(),
            self.consent_date.map(|d| d.to_string()).into(),
            consent_by.into(),
            now.into(),
        ]
    }
}

/// Checks and saves one resident inside the caller's transaction: a new one when
/// `existing` is None. The desk's form and the demo loader share it, so demo data obeys
/// every rule.
pub(crate) fn save_resident(tx: &Tx, existing: Option<i64>, input: &ResidentInput) -> Result<i64> {
    // The form shows the ID number masked (see `resident_get`): sent back unchanged, it keeps
    // the stored one.
    let unmasked;
    let input = match (existing, input.id_number.as_deref()) {
        (Some(id), Some(shown)) if shown.contains('*') => {
            let stored: Option<String> =
                tx.query_row("SELECT id_number FROM residents WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten();
            match stored {
                Some(full) if crate::privacy::access::mask_id_number(&full) == shown => {
                    unmasked = ResidentInput { id_number: Some(full), ..input.clone() };
                    &unmasked
                }
                _ => input,
            }
        }
        _ => input,
    };
    let mut c = check_fields(input, tx.today())?;
    let old_consent = match existing {
        None => None,
        Some(id) => Some(
            tx.query_row("SELECT consent_date, consent_by FROM residents WHERE id = ?1", [id], |r| {
                Ok((r.get::<_, Option<String>>(0)?, r.get::<_, Option<i64>>(1)?))
            })
            .optional()?
            .ok_or_else(|| AppError::not_found("居民"))?,
        ),
    };
    check_against_register(tx, &mut c, existing, input.confirm_duplicate)?;
    crate::privacy::consent::require_sensitive(tx, existing, &c.tag_ids, input.sensitive_consent)?;
    // Who recorded the consent stays as it was unless the consent date changes.
    let new_consent = c.consent_date.map(|d| d.to_string());
    let consent_given = new_consent.is_some() && old_consent.as_ref().map(|(d, _)| d) != Some(&new_consent);
    let consent_by = match old_consent {
        Some((old_date, old_by)) if old_date == new_consent => old_by,
        _ => new_consent.as_ref().and(tx.actor.staff_id()),
    };
    let mut values = c.values(consent_by, tx.now_str());
    let id = match existing {
        None => {
            let placeholders: Vec<String> = (1..=STORED_COLUMNS.len()).map(|i| format!("?{i}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO residents ({}, created_at) VALUES ({}, ?{})",
                    STORED_COLUMNS.join(", "),
                    placeholders.join(", "),
                    STORED_COLUMNS.len()
                ),
                params_from_iter(values.iter()),
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let assignments: Vec<String> =
                STORED_COLUMNS.iter().enumerate().map(|(i, col)| format!("{col} = ?{}", i + 1)).collect();
            values.push(id.into());
            tx.execute(
                &format!("UPDATE residents SET {} WHERE id = ?{}", assignments.join(", "), values.len()),
                params_from_iter(values.iter()),
            )?;
            id
        }
    };
    write_tags(tx, id, &c.tag_ids)?;
    crate::privacy::consent::record_sensitive_if_given(tx, id, &c.tag_ids, input.sensitive_consent)?;
    if consent_given {
        crate::privacy::consent::record(tx, Some(id), None, crate::privacy::ConsentScope::Register, true)?;
    }
    if existing.is_some() && tx.actor.staff_id().is_some() {
        // Staff saving the record is what "completing" a kiosk walk-in means.
        tx.execute("UPDATE residents SET needs_completion = 0 WHERE id = ?1 AND needs_completion = 1", [id])?;
    }
    tx.audit(
        "resident",
        Some(id),
        if existing.is_some() { "update" } else { "create" },
        &crate::privacy::audit_name(&c.name),
    )?;
    Ok(id)
}

/// A resident registered at the kiosk with only a name, phone and building: kept, marked
/// for staff to complete (and counted on the desk's home page).
pub(crate) fn register_walk_in(tx: &Tx, name: &str, phone: &str, building_id: i64) -> Result<i64> {
    let input = ResidentInput {
        name: name.to_string(),
        phone: phone.to_string(),
        building_id: Some(building_id),
        note: "自助终端登记，待工作人员补全资料".to_string(),
        // A kiosk walk-in is never told "someone with this name and phone exists": that would
        // tell a stranger who is registered. Staff see the twin on the desk and merge.
        confirm_duplicate: true,
        ..Default::default()
    };
    let exists: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM buildings WHERE id = ?1)", [building_id], |r| r.get(0))?;
    if !exists {
        return Err(AppError::validation("buildingId", "请选择您住的楼栋"));
    }
    let id = save_resident(tx, None, &input)?;
    tx.execute("UPDATE residents SET needs_completion = 1 WHERE id = ?1", [id])?;
    Ok(id)
}

/// How many kiosk walk-ins still wait for staff to complete their record.
pub(crate) fn walk_ins_to_complete(conn: &rusqlite::Connection) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM residents WHERE needs_completion = 1 AND archived_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

fn write_tags(tx: &Tx, resident_id: i64, tag_ids: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM resident_tags WHERE resident_id = ?1", [resident_id])?;
    for t in tag_ids {
        tx.execute("INSERT INTO resident_tags (resident_id, tag_id) VALUES (?1, ?2)", params![resident_id, t])?;
    }
    Ok(())
}

pub(crate) fn age_on(today: NaiveDate, birth_date: Option<&str>, birth_year: Option<i32>) -> Option<u32> {
    if let Some(d) = birth_date.and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()) {
        let mut age = today.year() - d.year();
        if (today.month(), today.day()) < (d.month(), d.day()) {
            age -= 1;
        }
        return u32::try_from(age).ok();
    }
    birth_year.and_then(|y| u32::try_from(today.year() - y).ok())
}

fn with_suffix(value: &str, suffix: &str) -> String {
    if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric()) {
        format!("{value}{suffix}")
    } else {
        value.to_string()
    }
}

/// 第一网格 阳光花园 3号楼 2单元 501室
fn address_line(parts: [Option<String>; 3], unit: &str, room: &str) -> String {
    let mut words: Vec<String> = parts.into_iter().flatten().filter(|s| !s.is_empty()).collect();
    words.push(with_suffix(unit, "单元"));
    words.push(with_suffix(room, "室"));
    words.retain(|w| !w.is_empty());
    words.join(" ")
}

const ROW_SELECT: &str = "SELECT r.id, r.name, r.gender, r.birth_date, r.birth_year, r.phone, r.unit, r.room,
        r.archived_at, g.name, c.name, b.name,
        (SELECT group_concat(t.name, '|') FROM resident_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.resident_id = r.id)
    FROM residents r
    LEFT JOIN grids g ON g.id = r.grid_id
    LEFT JOIN compounds c ON c.id = r.compound_id
    LEFT JOIN buildings b ON b.id = r.building_id";

fn row_from(row: &Row, today: NaiveDate) -> rusqlite::Result<ResidentRow> {
    let birth: Option<String> = row.get(3)?;
    let phone: String = row.get(5)?;
    let unit: String = row.get(6)?;
    let room: String = row.get(7)?;
    let archived: Option<String> = row.get(8)?;
    let tags: Option<String> = row.get(12)?;
    Ok(ResidentRow {
        id: row.get(0)?,
        name: row.get(1)?,
        gender: row.get::<_, Option<String>>(2)?.as_deref().and_then(Gender::parse),
        age: age_on(today, birth.as_deref(), row.get(4)?),
        phone_masked: validate::mask_phone(&phone),
        address: address_line([row.get(9)?, row.get(10)?, row.get(11)?], &unit, &room),
        tags: tags.map(|t| t.split('|').map(String::from).collect()).unwrap_or_default(),
        archived: archived.is_some(),
    })
}

impl Station {
    pub fn residents_search(&self, _actor: &StaffActor, q: &ResidentQuery) -> Result<ResidentPage> {
        let (ids, total) = self.search_index.borrow_mut().search(self.conn(), q)?;
        if ids.is_empty() {
            return Ok(ResidentPage { items: Vec::new(), total });
        }
        let placeholders = vec!["?"; ids.len()].join(", ");
        let today = self.today();
        let mut rows: Vec<ResidentRow> = self
            .conn()
            .prepare(&format!("{ROW_SELECT} WHERE r.id IN ({placeholders})"))?
            .query_map(params_from_iter(ids.iter()), |r| row_from(r, today))?
            .collect::<rusqlite::Result<_>>()?;
        // Back into the index's display order.
        rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
        Ok(ResidentPage { items: rows, total })
    }

    /// One resident for the desk: the ID number masked (the whole one is
    /// `resident_reveal_id`, audited).
    pub fn resident_get(&self, _actor: &StaffActor, id: i64) -> Result<Resident> {
        let mut r = load_resident(self.conn(), id, self.today())?;
        r.id_number = r.id_number.as_deref().map(crate::privacy::access::mask_id_number);
        Ok(r)
    }

    pub fn resident_create(&mut self, actor: &StaffActor, input: &ResidentInput) -> Result<Resident> {
        let id = self.write_resident(actor, |tx| save_resident(tx, None, input))?;
        self.resident_get(actor, id)
    }

    pub fn resident_update(&mut self, actor: &StaffActor, update: &ResidentUpdate) -> Result<Resident> {
        self.write_resident(actor, |tx| save_resident(tx, Some(update.id), &update.resident))?;
        self.resident_get(actor, update.id)
    }

    /// Archiving takes a resident out of the lists but keeps every record about them.
    pub fn resident_set_archived(&mut self, actor: &StaffActor, id: i64, archived: bool) -> Result<Resident> {
        self.write_resident(actor, |tx| {
            let name: Option<String> =
                tx.query_row("SELECT name FROM residents WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            let name = name.ok_or_else(|| AppError::not_found("居民"))?;
            let stamp = archived.then(|| tx.now_str());
            tx.execute(
                "UPDATE residents SET archived_at = ?1, updated_at = ?2 WHERE id = ?3",
                params![stamp, tx.now_str(), id],
            )?;
            tx.audit(
                "resident",
                Some(id),
                if archived { "archive" } else { "restore" },
                &crate::privacy::audit_name(&name),
            )?;
            Ok(id)
        })?;
        self.resident_get(actor, id)
    }

    /// Removes a resident's personal data for good (e.g. at their request), everywhere it was
    /// copied to (`privacy::purge`). Admin only, with a reason; the audit log keeps that it
    /// happened and what it touched (counts, the id), not the personal data.
    pub fn resident_purge(&mut self, actor: &StaffActor, input: &PurgeInput) -> Result<()> {
        actor.require_admin()?;
        let reason = validate::required_text("reason", "删除原因", &input.reason, 200)?;
        let purged = self.write_resident(actor, |tx| {
            let (name, phone): (String, String) = tx
                .query_row("SELECT name, phone FROM residents WHERE id = ?1", [input.id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or_else(|| AppError::not_found("居民"))?;
            let purged = crate::privacy::purge::purge_resident_in(tx, input.id)?;
            let reason = crate::privacy::purge::scrub_text(&reason, &name, &phone);
            tx.audit(
                "resident",
                Some(input.id),
                "purge",
                &format!("彻底删除居民 #{}：{reason}；{}", input.id, purged.words()),
            )?;
            Ok((input.id, purged))
        })?;
        crate::privacy::purge::remove_photo_files(self.photo_dir().as_deref(), &purged.1.photo_files);
        Ok(())
    }

    /// A write that changes one resident, after which the search index is patched for that
    /// resident instead of being reloaded whole (at city scale a reload takes ~0.3 s).
    fn write_resident<T: WrittenResident>(
        &mut self,
        actor: &StaffActor,
        f: impl FnOnce(&Tx) -> Result<T>,
    ) -> Result<T> {
        let (value, before, after) = self.write(&Actor::Staff(actor.clone()), |tx| {
            let before = search::change_counter(tx)?;
            let value = f(tx)?;
            Ok((value, before, search::change_counter(tx)?))
        })?;
        self.search_index.borrow_mut().apply_own_write(self.conn(), value.resident_id(), before, after)?;
        Ok(value)
    }
}

/// What a resident write returns: the resident's id, with or without more.
trait WrittenResident {
    fn resident_id(&self) -> i64;
}

impl WrittenResident for i64 {
    fn resident_id(&self) -> i64 {
        *self
    }
}

impl<T> WrittenResident for (i64, T) {
    fn resident_id(&self) -> i64 {
        self.0
    }
}

/// A resident who is also on the volunteers' roster, or still holds something borrowed from
/// the station, cannot vanish: the roster and the loan would point at no one. Such a purge is
/// refused with what to do first (archiving stays possible).
pub(crate) fn refuse_purge_while_in_use(tx: &Tx, id: i64) -> Result<()> {
    let volunteer: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM volunteers WHERE resident_id = ?1)", [id], |r| r.get(0))?;
    if volunteer {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "该居民同时在志愿者名册中（其服务记录须保留），不能彻底删除，可以改为归档",
        ));
    }
    // The party ledger is the branch's record of a member (the national system stays the
    // authority): a member on it leaves it by a transfer first; after that the purge only
    // unlinks their party record from the register (privacy::purge).
    let party_member: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM party_members WHERE resident_id = ?1 AND status = 'active')",
        [id],
        |r| r.get(0),
    )?;
    if party_member {
        return Err(AppError::new(
            ErrorCode::Conflict,
            "该居民在党员台账上（党员档案须保留），不能彻底删除；请先在党务中办理组织关系转出，或改为归档",
        ));
    }
    let open_loans: i64 = tx.query_row(
        "SELECT COUNT(*) FROM inv_loans WHERE borrower_kind = 'resident' AND borrower_id = ?1 AND closed_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if open_loans > 0 {
        return Err(AppError::new(
            ErrorCode::Conflict,
            format!("该居民还有 {open_loans} 笔物资借用未归还，不能彻底删除；请先办理归还，或改为归档"),
        ));
    }
    Ok(())
}

/// One resident, whole (staff's detail page, the importer's comparison).
pub(crate) fn load_resident(conn: &rusqlite::Connection, id: i64, today: NaiveDate) -> Result<Resident> {
    let row = conn
        .query_row(&format!("{ROW_SELECT} WHERE r.id = ?1"), [id], |r| row_from(r, today))
        .optional()?
        .ok_or_else(|| AppError::not_found("居民"))?;
    let tags = conn
        .prepare("SELECT t.id, t.name, t.sensitive FROM resident_tags rt JOIN tags t ON t.id = rt.tag_id WHERE rt.resident_id = ?1 ORDER BY t.id")?
        .query_map([id], |r| Ok(Tag { id: r.get(0)?, name: r.get(1)?, sensitive: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    conn.query_row(
        "SELECT r.birth_date, r.phone, r.id_number, r.grid_id, r.compound_id, r.building_id, r.unit, r.room,
                r.note, r.consent_date, s.display_name, r.created_at, r.updated_at
         FROM residents r LEFT JOIN staff s ON s.id = r.consent_by WHERE r.id = ?1",
        [id],
        |r| {
            let phone: String = r.get(1)?;
            Ok(Resident {
                id,
                name: row.name.clone(),
                gender: row.gender,
                birth_date: r.get(0)?,
                age: row.age,
                phone_masked: validate::mask_phone(&phone),
                phone,
                id_number: r.get(2)?,
                grid_id: r.get(3)?,
                compound_id: r.get(4)?,
                building_id: r.get(5)?,
                unit: r.get(6)?,
                room: r.get(7)?,
                address: row.address.clone(),
                tags,
                note: r.get(8)?,
                consent_date: r.get(9)?,
                consent_by: r.get(10)?,
                archived: row.archived,
                created_at: r.get(11)?,
                updated_at: r.get(12)?,
            })
        },
    )
    .map_err(AppError::from)
}

mod export;
pub(crate) mod import;
pub(crate) mod search;

#[cfg(test)]
mod tests;
