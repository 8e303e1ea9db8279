//! The roster: who serves, their kind, unit, skills and availability, their status (never
//! deleted), the kinds list (admin), and the kiosk PIN staff set.

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::names;
use crate::residents::Gender;
use crate::validate;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum VolunteerStatus {
    Active,
    Paused,
    Left,
}

impl VolunteerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VolunteerStatus::Active => "active",
            VolunteerStatus::Paused => "paused",
            VolunteerStatus::Left => "left",
        }
    }

    pub fn parse(s: &str) -> VolunteerStatus {
        match s {
            "paused" => VolunteerStatus::Paused,
            "left" => VolunteerStatus::Left,
            _ => VolunteerStatus::Active,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VolunteerStatus::Active => "在岗",
            VolunteerStatus::Paused => "暂停",
            VolunteerStatus::Left => "已退出",
        }
    }
}

/// When a volunteer can serve: weekday 1 (Monday) … 7, local times "09:00".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilitySlot {
    pub weekday: u8,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerInput {
    /// A resident who volunteers: their person data stays in the residents register and
    /// the fields name … compoundId below are ignored.
    pub resident_id: Option<i64>,
    pub name: String,
    pub phone: String,
    pub gender: Option<Gender>,
    /// YYYY-MM-DD
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub party_member: bool,
    pub kind_id: i64,
    pub unit_id: Option<i64>,
    /// Has reported in (双报到); with no date given, the day is today (station time).
    pub reported_in: bool,
    /// YYYY-MM-DD an in-service party member reported in, when known.
    pub reported_in_on: Option<String>,
    pub skills: Vec<String>,
    pub availability: Vec<AvailabilitySlot>,
    pub note: String,
    /// 志愿者统一编号 from the national volunteer system; None or empty: not registered there.
    #[serde(default)]
    pub national_number: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerUpdate {
    pub id: i64,
    pub volunteer: VolunteerInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Volunteer {
    pub id: i64,
    pub resident_id: Option<i64>,
    pub name: String,
    pub phone: String,
    pub phone_masked: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub home: String,
    pub party_member: bool,
    pub kind_id: i64,
    pub kind: String,
    pub unit_id: Option<i64>,
    pub unit: Option<String>,
    pub reported_in_on: Option<String>,
    pub skills: Vec<String>,
    pub availability: Vec<AvailabilitySlot>,
    pub status: VolunteerStatus,
    pub note: String,
    /// 志愿者统一编号 (national volunteer system), when known.
    pub national_number: Option<String>,
    pub has_pin: bool,
    pub total_minutes: i64,
    pub total_points: i64,
    pub created_at: String,
}

/// A line of the list (phone masked: the desk screen may face a resident).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerRow {
    pub id: i64,
    pub name: String,
    pub phone_masked: String,
    pub kind: String,
    pub unit: Option<String>,
    pub party_member: bool,
    pub is_resident: bool,
    pub skills: Vec<String>,
    pub status: VolunteerStatus,
    pub total_minutes: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerQuery {
    /// Name, full pinyin, pinyin initials or a phone fragment.
    pub text: String,
    pub kind_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub skill: Option<String>,
    /// None: active and paused (not those who left).
    pub status: Option<VolunteerStatus>,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for VolunteerQuery {
    fn default() -> Self {
        VolunteerQuery {
            text: String::new(),
            kind_id: None,
            unit_id: None,
            skill: None,
            status: None,
            page: 1,
            page_size: 20,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerPage {
    pub items: Vec<VolunteerRow>,
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerStatusInput {
    pub id: i64,
    pub status: VolunteerStatus,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerPinInput {
    pub volunteer_id: i64,
    /// Exactly 4 digits.
    pub pin: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerKind {
    pub id: i64,
    pub name: String,
    pub retired: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VolunteerKindInput {
    /// None: a new kind.
    pub id: Option<i64>,
    pub name: String,
    pub retired: bool,
}

/// The kind whose members must name their partner unit and are party members.
pub const IN_SERVICE_PARTY_MEMBER: &str = "在职党员";
const MAX_SKILLS: usize = 20;

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The person part of a volunteer who is not a resident.
struct OwnPerson {
    name: String,
    pinyin: String,
    initials: String,
    phone: String,
    gender: Option<Gender>,
    birth_date: Option<NaiveDate>,
    id_number: Option<String>,
    grid_id: Option<i64>,
    compound_id: Option<i64>,
}

fn check_own_person(tx: &Tx, input: &VolunteerInput) -> Result<OwnPerson> {
    let today = tx.today();
    let name = validate::required_text("name", "姓名", &input.name, 30)?;
    if name.chars().any(|c| c.is_ascii_digit()) {
        return Err(AppError::validation("name", "姓名不能包含数字"));
    }
    let phone = validate::phone("phone", &input.phone)?;
    let id = non_empty(&input.id_number).map(|v| validate::id_number("idNumber", v, today)).transpose()?;
    let mut birth_date =
        non_empty(&input.birth_date).map(|v| validate::past_date("birthDate", "出生日期", v, today)).transpose()?;
    let mut gender = input.gender;
    if let Some(id) = &id {
        if birth_date.is_some_and(|d| d != id.birth_date) {
            return Err(AppError::validation("birthDate", "出生日期与身份证号中的出生日期不一致"));
        }
        birth_date = Some(id.birth_date);
        let id_gender = if id.male { Gender::Male } else { Gender::Female };
        if gender.is_some_and(|g| g != id_gender) {
            return Err(AppError::validation("gender", "性别与身份证号不一致"));
        }
        gender = Some(id_gender);
    }
    // One person, one record: someone already in the residents register is linked instead.
    let resident: Option<i64> = tx
        .query_row("SELECT id FROM residents WHERE name = ?1 AND phone = ?2 LIMIT 1", params![name, phone], |r| {
            r.get(0)
        })
        .optional()?;
    if resident.is_some() {
        return Err(AppError::validation(
            "residentId",
            format!("居民名册中已有「{name}」（{}），请选择「关联居民」，不要重复登记", validate::mask_phone(&phone)),
        ));
    }
    if let Some(cp) = input.compound_id {
        let grid: Option<i64> =
            tx.query_row("SELECT grid_id FROM compounds WHERE id = ?1", [cp], |r| r.get(0)).optional()?;
        let grid = grid.ok_or_else(|| AppError::validation("compoundId", "所选小区不存在"))?;
        if input.grid_id.is_some_and(|g| g != grid) {
            return Err(AppError::validation("compoundId", "所选小区不属于所选网格"));
        }
    }
    if let Some(g) = input.grid_id {
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM grids WHERE id = ?1)", [g], |r| r.get(0))?;
        if !exists {
            return Err(AppError::validation("gridId", "所选网格不存在"));
        }
    }
    let (pinyin, initials) = names::search_keys(&name);
    let grid_id = match input.compound_id {
        Some(cp) => Some(tx.query_row("SELECT grid_id FROM compounds WHERE id = ?1", [cp], |r| r.get(0))?),
        None => input.grid_id,
    };
    Ok(OwnPerson {
        name,
        pinyin,
        initials,
        phone,
        gender,
        birth_date,
        id_number: id.map(|i| i.normalized),
        grid_id,
        compound_id: input.compound_id,
    })
}

fn check_skills(skills: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for s in skills {
        let s = validate::optional_text("skills", "技能", s, 20)?;
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    if out.len() > MAX_SKILLS {
        return Err(AppError::validation("skills", format!("技能最多 {MAX_SKILLS} 项")));
    }
    Ok(out)
}

fn check_availability(slots: &[AvailabilitySlot]) -> Result<Vec<(u8, u32, u32)>> {
    let mut out = Vec::new();
    for s in slots {
        if !(1..=7).contains(&s.weekday) {
            return Err(AppError::validation("availability", "星期应为 1（周一）到 7（周日）"));
        }
        let start = super::parse_clock_time("availability", &s.start)?;
        let end = super::parse_clock_time("availability", &s.end)?;
        if end <= start {
            return Err(AppError::validation("availability", "可服务时间的结束应晚于开始"));
        }
        out.push((s.weekday, start, end));
    }
    out.sort_unstable();
    out.dedup_by_key(|(d, s, _)| (*d, *s));
    Ok(out)
}

/// Checks and saves one volunteer in the caller's transaction (the form, the importer and the
/// demo loader share it). Returns the id.
pub(crate) fn save_volunteer(tx: &Tx, existing: Option<i64>, input: &VolunteerInput) -> Result<i64> {
    let own = match input.resident_id {
        Some(rid) => {
            let archived: Option<Option<String>> =
                tx.query_row("SELECT archived_at FROM residents WHERE id = ?1", [rid], |r| r.get(0)).optional()?;
            match archived {
                None => return Err(AppError::validation("residentId", "所选居民不存在")),
                Some(Some(_)) => return Err(AppError::validation("residentId", "所选居民已归档，请先恢复")),
                Some(None) => {}
            }
            let twin: Option<i64> = tx
                .query_row(
                    "SELECT id FROM volunteers WHERE resident_id = ?1 AND id IS NOT ?2",
                    params![rid, existing],
                    |r| r.get(0),
                )
                .optional()?;
            if twin.is_some() {
                return Err(AppError::validation("residentId", "该居民已登记为志愿者"));
            }
            None
        }
        None => Some(check_own_person(tx, input)?),
    };
    let kind: Option<(String, bool)> = tx
        .query_row("SELECT name, retired FROM volunteer_kinds WHERE id = ?1", [input.kind_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let (kind_name, retired) = kind.ok_or_else(|| AppError::validation("kindId", "请选择志愿者类别"))?;
    if retired && existing.is_none() {
        return Err(AppError::validation("kindId", "该类别已停用，请选择其他类别"));
    }
    if let Some(u) = input.unit_id {
        let exists: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM partner_units WHERE id = ?1)", [u], |r| r.get(0))?;
        if !exists {
            return Err(AppError::validation("unitId", "所选共建单位不存在"));
        }
    }
    let in_service = kind_name == IN_SERVICE_PARTY_MEMBER;
    if in_service && input.unit_id.is_none() {
        return Err(AppError::validation("unitId", "在职党员请选择所在的共建单位"));
    }
    let reported_in_on = match non_empty(&input.reported_in_on) {
        Some(v) => Some(validate::past_date("reportedInOn", "报到日期", v, tx.today())?),
        None => input.reported_in.then(|| tx.today()),
    };
    if reported_in_on.is_some() && input.unit_id.is_none() {
        return Err(AppError::validation("reportedInOn", "登记报到日期前请先选择共建单位"));
    }
    let skills = check_skills(&input.skills)?;
    let availability = check_availability(&input.availability)?;
    let note = validate::optional_text("note", "备注", &input.note, 500)?;
    let national_number = super::national::check_national_number(tx, input.national_number.as_deref(), existing)?;
    let party_member = input.party_member || in_service;

    // The kiosk finds a volunteer by phone: two current volunteers may not share one.
    let phone = match (&own, input.resident_id) {
        (Some(p), _) => p.phone.clone(),
        (None, Some(rid)) => tx.query_row("SELECT phone FROM residents WHERE id = ?1", [rid], |r| r.get(0))?,
        (None, None) => String::new(),
    };
    let holder: Option<String> = tx
        .query_row(
            "SELECT name FROM volunteer_people WHERE phone = ?1 AND status <> 'left' AND id IS NOT ?2 LIMIT 1",
            params![phone, existing],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(holder) = holder {
        return Err(AppError::validation(
            if input.resident_id.is_some() { "residentId" } else { "phone" },
            format!("该手机号已登记为志愿者「{holder}」的号码，自助签到需要每人一个号码"),
        ));
    }
    if let Some(idn) = own.as_ref().and_then(|p| p.id_number.as_ref()) {
        let twin: Option<String> = tx
            .query_row(
                "SELECT name FROM volunteer_people WHERE id_number = ?1 AND id IS NOT ?2",
                params![idn, existing],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(twin) = twin {
            return Err(AppError::validation("idNumber", format!("该身份证号已登记在「{twin}」名下")));
        }
    }

    let own_values: [Value; 9] = match &own {
        Some(p) => [
            p.name.clone().into(),
            p.pinyin.clone().into(),
            p.initials.clone().into(),
            p.phone.clone().into(),
            p.gender.map(|g| if g == Gender::Male { "male" } else { "female" }.to_string()).into(),
            p.birth_date.map(|d| d.to_string()).into(),
            p.id_number.clone().into(),
            p.grid_id.into(),
            p.compound_id.into(),
        ],
        None => std::array::from_fn(|_| Value::Null),
    };
    let mut values: Vec<Value> = vec![input.resident_id.into()];
    values.extend(own_values);
    values.extend([
        Value::from(party_member),
        input.kind_id.into(),
        input.unit_id.into(),
        reported_in_on.map(|d| d.to_string()).into(),
        note.into(),
        national_number.into(),
        tx.now_str().into(),
    ]);
    const COLUMNS: [&str; 17] = [
        "resident_id",
        "name",
        "name_pinyin",
        "name_initials",
        "phone",
        "gender",
        "birth_date",
        "id_number",
        "grid_id",
        "compound_id",
        "party_member",
        "kind_id",
        "unit_id",
        "reported_in_on",
        "note",
        "national_number",
        "updated_at",
    ];
    let id = match existing {
        None => {
            let marks: Vec<String> = (1..=COLUMNS.len()).map(|i| format!("?{i}")).collect();
            tx.execute(
                &format!(
                    "INSERT INTO volunteers ({}, created_at) VALUES ({}, ?{})",
                    COLUMNS.join(", "),
                    marks.join(", "),
                    COLUMNS.len()
                ),
                params_from_iter(values.iter()),
            )?;
            tx.last_insert_rowid()
        }
        Some(id) => {
            let exists: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM volunteers WHERE id = ?1)", [id], |r| r.get(0))?;
            if !exists {
                return Err(AppError::not_found("志愿者"));
            }
            let sets: Vec<String> = COLUMNS.iter().enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
            values.push(id.into());
            tx.execute(
                &format!("UPDATE volunteers SET {} WHERE id = ?{}", sets.join(", "), values.len()),
                params_from_iter(values.iter()),
            )?;
            id
        }
    };
    tx.execute("DELETE FROM volunteer_skills WHERE volunteer_id = ?1", [id])?;
    for s in &skills {
        tx.execute("INSERT INTO volunteer_skills (volunteer_id, skill) VALUES (?1, ?2)", params![id, s])?;
    }
    tx.execute("DELETE FROM volunteer_availability WHERE volunteer_id = ?1", [id])?;
    for (d, s, e) in &availability {
        tx.execute(
            "INSERT INTO volunteer_availability (volunteer_id, weekday, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4)",
            params![id, d, s, e],
        )?;
    }
    let name = super::volunteer_name(tx, id)?;
    tx.audit(
        "volunteer",
        Some(id),
        if existing.is_some() { "update" } else { "create" },
        &crate::privacy::audit_name(&name),
    )?;
    Ok(id)
}

fn staff(actor: &StaffActor) -> Actor {
    Actor::Staff(actor.clone())
}

const ROW_SELECT: &str = "SELECT p.id, p.name, p.phone, k.name, u.name, p.party_member, p.resident_id IS NOT NULL,
        (SELECT group_concat(skill, '|') FROM volunteer_skills s WHERE s.volunteer_id = p.id), p.status,
        (SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger l WHERE l.volunteer_id = p.id)
    FROM volunteer_people p
    JOIN volunteer_kinds k ON k.id = p.kind_id
    LEFT JOIN partner_units u ON u.id = p.unit_id";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<VolunteerRow> {
    let phone: String = r.get(2)?;
    let skills: Option<String> = r.get(7)?;
    Ok(VolunteerRow {
        id: r.get(0)?,
        name: r.get(1)?,
        phone_masked: validate::mask_phone(&phone),
        kind: r.get(3)?,
        unit: r.get(4)?,
        party_member: r.get(5)?,
        is_resident: r.get(6)?,
        skills: skills.map(|s| s.split('|').map(String::from).collect()).unwrap_or_default(),
        status: VolunteerStatus::parse(&r.get::<_, String>(8)?),
        total_minutes: r.get(9)?,
    })
}

/// LIKE patterns treat % and _ as wildcards; a search text is taken literally.
use crate::validate::like_escape;

impl Station {
    pub fn volunteers_search(&self, _actor: &StaffActor, q: &VolunteerQuery) -> Result<VolunteerPage> {
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        // SQLite refuses LIKE patterns over 50 000 bytes: a pasted essay is a bad search.
        let text = validate::half_width(&validate::optional_text("text", "搜索内容", &q.text, 100)?).to_lowercase();
        if !text.is_empty() {
            let digits: String = text.chars().filter(|c| c.is_ascii_digit()).collect();
            let esc = like_escape(&text);
            args.push(format!("%{esc}%").into());
            let n = args.len();
            args.push(format!("{esc}%").into());
            let mut alt = format!(
                "p.name LIKE ?{n} ESCAPE '\\' OR p.name_pinyin LIKE ?{m} ESCAPE '\\' OR p.name_initials LIKE ?{m} ESCAPE '\\'",
                m = n + 1
            );
            if !digits.is_empty() && digits.len() == text.len() {
                args.push(format!("%{digits}%").into());
                alt.push_str(&format!(" OR p.phone LIKE ?{}", args.len()));
            }
            clauses.push(format!("({alt})"));
        }
        if let Some(k) = q.kind_id {
            args.push(k.into());
            clauses.push(format!("p.kind_id = ?{}", args.len()));
        }
        if let Some(u) = q.unit_id {
            args.push(u.into());
            clauses.push(format!("p.unit_id = ?{}", args.len()));
        }
        if let Some(s) = q.skill.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            args.push(s.to_string().into());
            clauses.push(format!(
                "EXISTS (SELECT 1 FROM volunteer_skills s WHERE s.volunteer_id = p.id AND s.skill = ?{})",
                args.len()
            ));
        }
        match q.status {
            Some(s) => {
                args.push(s.as_str().to_string().into());
                clauses.push(format!("p.status = ?{}", args.len()));
            }
            None => clauses.push("p.status <> 'left'".into()),
        }
        let filter = format!("WHERE {}", clauses.join(" AND "));
        let total: u32 = self.conn().query_row(
            &format!("SELECT COUNT(*) FROM volunteer_people p {filter}"),
            params_from_iter(args.iter()),
            |r| r.get(0),
        )?;
        let size = q.page_size.clamp(1, 200);
        let offset = (q.page.max(1) - 1) * size;
        let items = self
            .conn()
            .prepare(&format!("{ROW_SELECT} {filter} ORDER BY p.name_pinyin, p.id LIMIT {size} OFFSET {offset}"))?
            .query_map(params_from_iter(args.iter()), row_from)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(VolunteerPage { items, total })
    }

    pub fn volunteer_get(&self, _actor: &StaffActor, id: i64) -> Result<Volunteer> {
        let conn = self.conn();
        let row = conn
            .query_row(&format!("{ROW_SELECT} WHERE p.id = ?1"), [id], row_from)
            .optional()?
            .ok_or_else(|| AppError::not_found("志愿者"))?;
        let availability = conn
            .prepare(
                "SELECT weekday, start_minute, end_minute FROM volunteer_availability WHERE volunteer_id = ?1
                 ORDER BY weekday, start_minute",
            )?
            .query_map([id], |r| {
                Ok(AvailabilitySlot {
                    weekday: r.get(0)?,
                    start: super::clock_time(r.get(1)?),
                    end: super::clock_time(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let total_points: i64 = conn.query_row(
            "SELECT COALESCE(SUM(points), 0) FROM volunteer_ledger WHERE volunteer_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        conn.query_row(
            "SELECT p.resident_id, p.phone, p.gender, p.birth_date, p.id_number, p.grid_id, p.compound_id,
                    g.name, c.name, p.kind_id, p.unit_id, p.reported_in_on, p.note, p.has_pin, p.created_at,
                    (SELECT national_number FROM volunteers WHERE id = p.id)
             FROM volunteer_people p LEFT JOIN grids g ON g.id = p.grid_id LEFT JOIN compounds c ON c.id = p.compound_id
             WHERE p.id = ?1",
            [id],
            |r| {
                let home: Vec<String> = [r.get::<_, Option<String>>(7)?, r.get(8)?].into_iter().flatten().collect();
                Ok(Volunteer {
                    id,
                    resident_id: r.get(0)?,
                    name: row.name.clone(),
                    phone: r.get(1)?,
                    phone_masked: row.phone_masked.clone(),
                    gender: r
                        .get::<_, Option<String>>(2)?
                        .map(|g| if g == "male" { Gender::Male } else { Gender::Female }),
                    birth_date: r.get(3)?,
                    id_number: r.get(4)?,
                    grid_id: r.get(5)?,
                    compound_id: r.get(6)?,
                    home: home.join(" "),
                    party_member: row.party_member,
                    kind_id: r.get(9)?,
                    kind: row.kind.clone(),
                    unit_id: r.get(10)?,
                    unit: row.unit.clone(),
                    reported_in_on: r.get(11)?,
                    skills: row.skills.clone(),
                    availability,
                    status: row.status,
                    note: r.get(12)?,
                    national_number: r.get(15)?,
                    has_pin: r.get(13)?,
                    total_minutes: row.total_minutes,
                    total_points,
                    created_at: r.get(14)?,
                })
            },
        )
        .map_err(AppError::from)
    }

    pub fn volunteer_create(&mut self, actor: &StaffActor, input: &VolunteerInput) -> Result<Volunteer> {
        let id = self.write(&staff(actor), |tx| save_volunteer(tx, None, input))?;
        self.volunteer_get(actor, id)
    }

    pub fn volunteer_update(&mut self, actor: &StaffActor, update: &VolunteerUpdate) -> Result<Volunteer> {
        self.write(&staff(actor), |tx| save_volunteer(tx, Some(update.id), &update.volunteer))?;
        self.volunteer_get(actor, update.id)
    }

    /// Active, paused, or left: a volunteer is never deleted (their hours stay on record).
    pub fn volunteer_set_status(&mut self, actor: &StaffActor, input: &VolunteerStatusInput) -> Result<Volunteer> {
        let reason = validate::optional_text("reason", "原因", &input.reason, 200)?;
        self.write(&staff(actor), |tx| {
            let name = super::volunteer_name(tx, input.id)?;
            if input.status == VolunteerStatus::Active {
                // Coming back must not give two current volunteers one phone.
                let phone: String =
                    tx.query_row("SELECT phone FROM volunteer_people WHERE id = ?1", [input.id], |r| r.get(0))?;
                let clash: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM volunteer_people WHERE phone = ?1 AND status <> 'left' AND id <> ?2)",
                    params![phone, input.id],
                    |r| r.get(0),
                )?;
                if clash {
                    return Err(AppError::validation("status", "已有其他志愿者使用该手机号，无法恢复在岗"));
                }
            }
            tx.execute(
                "UPDATE volunteers SET status = ?1, updated_at = ?2 WHERE id = ?3",
                params![input.status.as_str(), tx.now_str(), input.id],
            )?;
            tx.audit(
                "volunteer",
                Some(input.id),
                "status",
                &format!("{} → {}：{reason}", crate::privacy::audit_name(&name), input.status.label()),
            )
        })?;
        self.volunteer_get(actor, input.id)
    }

    /// Sets (or replaces) a volunteer's 4-digit kiosk PIN and lifts any lock.
    pub fn volunteer_set_pin(&mut self, actor: &StaffActor, input: &VolunteerPinInput) -> Result<()> {
        let pin = validate::half_width(input.pin.trim());
        if pin.len() != 4 || !pin.chars().all(|c| c.is_ascii_digit()) {
            return Err(AppError::validation("pin", "签到密码应为 4 位数字"));
        }
        let hash = crate::staff::hash_password(&pin)?;
        self.write(&staff(actor), |tx| {
            let name = super::volunteer_name(tx, input.volunteer_id)?;
            tx.execute(
                "UPDATE volunteers SET pin_hash = ?1, pin_failures = 0, pin_locked_until = NULL, updated_at = ?2 WHERE id = ?3",
                params![hash, tx.now_str(), input.volunteer_id],
            )?;
            tx.audit("volunteer", Some(input.volunteer_id), "set_pin", &crate::privacy::audit_name(&name))
        })
    }

    /// The station's today (YYYY-MM-DD, injectable clock): the desk pages' default week,
    /// month and certificate period.
    pub fn volunteers_today(&self, _actor: &StaffActor) -> String {
        self.today().to_string()
    }

    pub fn volunteer_kinds(&self) -> Result<Vec<VolunteerKind>> {
        self.conn()
            .prepare("SELECT id, name, retired FROM volunteer_kinds ORDER BY sort_order, id")?
            .query_map([], |r| Ok(VolunteerKind { id: r.get(0)?, name: r.get(1)?, retired: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    /// Admin edits the kinds list: add, rename, retire (a kind in use is never deleted).
    pub fn volunteer_kind_save(
        &mut self,
        actor: &StaffActor,
        input: &VolunteerKindInput,
    ) -> Result<Vec<VolunteerKind>> {
        actor.require_admin()?;
        let name = validate::required_text("name", "类别名称", &input.name, 20)?;
        self.write(&staff(actor), |tx| {
            let clash: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM volunteer_kinds WHERE name = ?1 AND id IS NOT ?2)",
                params![name, input.id],
                |r| r.get(0),
            )?;
            if clash {
                return Err(AppError::validation("name", "已有同名的类别"));
            }
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO volunteer_kinds (name, sort_order, retired)
                         VALUES (?1, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM volunteer_kinds), ?2)",
                        params![name, input.retired],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let old: Option<String> = tx
                        .query_row("SELECT name FROM volunteer_kinds WHERE id = ?1", [id], |r| r.get(0))
                        .optional()?;
                    let old = old.ok_or_else(|| AppError::not_found("志愿者类别"))?;
                    if old == IN_SERVICE_PARTY_MEMBER && name != old {
                        return Err(AppError::new(ErrorCode::Conflict, "「在职党员」是双报到统计所用的类别，不能改名"));
                    }
                    tx.execute(
                        "UPDATE volunteer_kinds SET name = ?1, retired = ?2 WHERE id = ?3",
                        params![name, input.retired, id],
                    )?;
                    id
                }
            };
            tx.audit("volunteer_kind", Some(id), "save", &name)
        })?;
        self.volunteer_kinds()
    }
}
