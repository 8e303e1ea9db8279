//! Importing volunteers from a spreadsheet (the shared importer in `crate::import`).
//!
//! A row is the same volunteer as one on the roster when its ID number matches, or else its
//! phone (phones are unique among current volunteers, for the kiosk). A row describing
//! someone already in the residents register (same name and phone) becomes a volunteer linked
//! to that resident: one person, two roles. Only the columns the file fills are written (an
//! empty cell never erases what staff recorded). Kinds and partner units are matched by name
//! and must exist already — a typo must not create a new unit.

use super::roster::{save_volunteer, VolunteerInput};
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::import::{FieldSpec, ImportKind, RowContext, RowValues, WriteOutcome};
use crate::residents::Gender;
use crate::tabular::normalize_date;
use crate::validate;
use rusqlite::{params, OptionalExtension};

pub struct VolunteerImport;

const FIELDS: &[FieldSpec] = &[
    FieldSpec { key: "name", label: "姓名", aliases: &["志愿者姓名", "名字"], required: true },
    FieldSpec {
        key: "phone",
        label: "手机号",
        aliases: &["手机", "手机号码", "电话", "联系电话", "电话号码", "联系方式"],
        required: true,
    },
    FieldSpec { key: "gender", label: "性别", aliases: &[], required: false },
    FieldSpec { key: "birthDate", label: "出生日期", aliases: &["出生年月", "生日"], required: false },
    FieldSpec {
        key: "idNumber",
        label: "身份证号",
        aliases: &["身份证", "身份证号码", "公民身份号码", "证件号码"],
        required: false,
    },
    FieldSpec {
        key: "kindId",
        label: "志愿者类别",
        aliases: &["类别", "人员类别", "身份", "队伍类别"],
        required: false,
    },
    FieldSpec { key: "partyMember", label: "党员", aliases: &["是否党员", "政治面貌"], required: false },
    FieldSpec {
        key: "unitId",
        label: "所在单位",
        aliases: &["共建单位", "工作单位", "单位", "报到单位"],
        required: false,
    },
    FieldSpec {
        key: "reportedInOn",
        label: "报到日期",
        aliases: &["双报到日期", "报到时间", "是否报到", "已报到"],
        required: false,
    },
    FieldSpec { key: "skills", label: "技能", aliases: &["特长", "专长", "技能特长"], required: false },
    FieldSpec { key: "note", label: "备注", aliases: &["说明"], required: false },
    FieldSpec {
        key: "nationalNumber",
        label: "志愿者统一编号",
        aliases: &["志愿者编号", "统一编号", "全国志愿者编号", "志愿者注册编号"],
        required: false,
    },
];

impl ImportKind for VolunteerImport {
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }

    fn import_row(tx: &Tx, row: &RowValues, ctx: &mut RowContext) -> Result<WriteOutcome> {
        let existing = find_existing(tx, row)?;
        let mut input = match existing {
            Some(id) => input_of(tx, id)?,
            None => VolunteerInput { kind_id: default_kind(tx)?, ..Default::default() },
        };
        let before = input.clone();
        apply_row(tx, row, &mut input, existing.is_some(), ctx)?;
        match existing {
            Some(_) if input == before => Ok(WriteOutcome::Unchanged),
            Some(id) => {
                save_volunteer(tx, Some(id), &input)?;
                Ok(WriteOutcome::Updated)
            }
            None => {
                save_volunteer(tx, None, &input)?;
                Ok(WriteOutcome::Created)
            }
        }
    }
}

fn default_kind(tx: &Tx) -> Result<i64> {
    Ok(tx.query_row("SELECT id FROM volunteer_kinds WHERE name = '普通志愿者' OR retired = 0 ORDER BY name <> '普通志愿者', id LIMIT 1", [], |r| r.get(0))?)
}

fn find_existing(tx: &Tx, row: &RowValues) -> Result<Option<i64>> {
    let id_number = validate::half_width(row.get("idNumber")).trim().to_uppercase();
    if !id_number.is_empty() {
        let id: Option<i64> = tx
            .query_row("SELECT id FROM volunteer_people WHERE id_number = ?1", [&id_number], |r| r.get(0))
            .optional()?;
        if id.is_some() {
            return Ok(id);
        }
    }
    let Ok(phone) = validate::phone("phone", row.get("phone")) else { return Ok(None) };
    Ok(tx
        .query_row(
            "SELECT id FROM volunteer_people WHERE phone = ?1 AND name = ?2 ORDER BY status = 'left', id LIMIT 1",
            params![phone, row.get("name").trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// The roster record as the form would send it back unchanged.
fn input_of(tx: &Tx, id: i64) -> Result<VolunteerInput> {
    let mut input = tx.query_row(
        "SELECT resident_id, name, phone, gender, birth_date, id_number, grid_id, compound_id, party_member, kind_id,
                unit_id, reported_in_on, note, national_number
         FROM volunteers WHERE id = ?1",
        [id],
        |r| {
            Ok(VolunteerInput {
                resident_id: r.get(0)?,
                name: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                phone: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                gender: r.get::<_, Option<String>>(3)?.map(|g| if g == "male" { Gender::Male } else { Gender::Female }),
                birth_date: r.get(4)?,
                id_number: r.get(5)?,
                grid_id: r.get(6)?,
                compound_id: r.get(7)?,
                party_member: r.get(8)?,
                kind_id: r.get(9)?,
                unit_id: r.get(10)?,
                reported_in: false,
                reported_in_on: r.get(11)?,
                skills: Vec::new(),
                availability: Vec::new(),
                note: r.get(12)?,
                national_number: r.get(13)?,
            })
        },
    )?;
    input.skills = tx
        .prepare("SELECT skill FROM volunteer_skills WHERE volunteer_id = ?1 ORDER BY skill")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    input.availability = tx
        .prepare("SELECT weekday, start_minute, end_minute FROM volunteer_availability WHERE volunteer_id = ?1 ORDER BY weekday, start_minute")?
        .query_map([id], |r| {
            Ok(super::roster::AvailabilitySlot {
                weekday: r.get(0)?,
                start: super::clock_time(r.get(1)?),
                end: super::clock_time(r.get(2)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(input)
}

fn yes(v: &str) -> Option<bool> {
    match v.trim() {
        "是" | "Y" | "y" | "yes" | "1" | "√" | "中共党员" | "党员" | "预备党员" | "已报到" => {
            Some(true)
        }
        "否" | "N" | "n" | "no" | "0" | "群众" | "共青团员" | "团员" | "未报到" => Some(false),
        _ => None,
    }
}

/// Overwrites `input` with the row's non-empty cells.
/// The partner unit of this name; created (listed in the preview, untickable) when the station
/// has none, of the type its name suggests (staff correct it on the unit's page).
fn partner_unit_for(tx: &Tx, typed: &str, ctx: &mut RowContext) -> Result<i64> {
    let name = validate::required_text("unitId", "所在单位", &validate::half_width(typed), 60)?;
    let found: Option<i64> =
        tx.query_row("SELECT id FROM partner_units WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
    if let Some(id) = found {
        ctx.found("共建单位", id);
        return Ok(id);
    }
    ctx.may_create("unitId", "共建单位", &name, &format!("共建单位「{name}」还没有登记"))?;
    let now = tx.now_str();
    tx.execute(
        "INSERT INTO partner_units (name, kind, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
        params![name, unit_kind_of(&name), now],
    )?;
    let id = tx.last_insert_rowid();
    ctx.record_created("共建单位", &name, None, id);
    Ok(id)
}

/// 机关 / 企业 / 事业单位 / 学校 / 社会组织 / 其他, guessed from how units are named.
fn unit_kind_of(name: &str) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|w| name.contains(w));
    if has(&["学校", "小学", "中学", "大学", "学院", "幼儿园"]) {
        "学校"
    } else if has(&["协会", "商会", "社工", "基金会", "志愿者联合会", "服务社"]) {
        "社会组织"
    } else if has(&["公司", "银行", "集团", "厂", "酒店", "超市", "商场"]) {
        "企业"
    } else if has(&["医院", "卫生院", "中心", "研究所", "馆", "台"]) {
        "事业单位"
    } else if has(&["局", "委员会", "办公室", "政府", "街道", "法院", "检察院", "人大", "政协", "委"])
    {
        "机关"
    } else {
        "其他"
    }
}

fn apply_row(tx: &Tx, row: &RowValues, input: &mut VolunteerInput, existing: bool, ctx: &mut RowContext) -> Result<()> {
    let text = |key: &str| Some(row.get(key).trim()).filter(|v| !v.is_empty());
    let name = text("name").unwrap_or_default().to_string();
    let phone = text("phone").map(|v| validate::phone("phone", v).unwrap_or_else(|_| v.to_string()));
    if input.resident_id.is_none() {
        // A resident of the register is linked, never copied.
        let resident: Option<i64> = match &phone {
            Some(p) if !existing => tx
                .query_row(
                    "SELECT id FROM residents WHERE name = ?1 AND phone = ?2 AND archived_at IS NULL LIMIT 1",
                    params![name, p],
                    |r| r.get(0),
                )
                .optional()?,
            _ => None,
        };
        if let Some(rid) = resident {
            input.resident_id = Some(rid);
        } else {
            input.name = name;
            if let Some(p) = phone {
                input.phone = p;
            }
            if let Some(v) = text("gender") {
                input.gender = Some(match v {
                    "男" | "male" | "M" => Gender::Male,
                    "女" | "female" | "F" => Gender::Female,
                    _ => return Err(AppError::validation("gender", format!("性别应为 男 或 女（现在是「{v}」）"))),
                });
            }
            if let Some(v) = text("birthDate") {
                input.birth_date = Some(normalize_date(v));
            }
            if let Some(v) = text("idNumber") {
                input.id_number = Some(validate::half_width(v).trim().to_uppercase());
            }
        }
    }
    if let Some(v) = text("kindId") {
        input.kind_id = tx
            .query_row("SELECT id FROM volunteer_kinds WHERE name = ?1", [v], |r| r.get(0))
            .optional()?
            .ok_or_else(|| AppError::validation("kindId", format!("没有「{v}」这个志愿者类别")))?;
    }
    if let Some(v) = text("partyMember") {
        input.party_member = yes(v)
            .ok_or_else(|| AppError::validation("partyMember", format!("党员一栏应填 是 或 否（现在是「{v}」）")))?;
    }
    if let Some(v) = text("unitId") {
        input.unit_id = Some(partner_unit_for(tx, v, ctx)?);
    }
    if let Some(v) = text("reportedInOn") {
        match yes(v) {
            Some(true) => input.reported_in = input.reported_in_on.is_none(),
            Some(false) => input.reported_in_on = None,
            None => input.reported_in_on = Some(normalize_date(v)),
        }
    }
    if let Some(v) = text("skills") {
        let mut skills: Vec<String> = v
            .split(['、', ',', '，', '/', ';', '；', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        // the roster keeps skills in name order: compare like with like (re-import = unchanged)
        skills.sort();
        skills.dedup();
        input.skills = skills;
    }
    if let Some(v) = text("note") {
        input.note = v.to_string();
    }
    if let Some(v) = text("nationalNumber") {
        // normalised like the form's, so a re-import of the same file is "unchanged"
        input.national_number = Some(super::national::normalize_national_number(v));
    }
    Ok(())
}
