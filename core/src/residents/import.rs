//! Importing residents from a spreadsheet (the shared importer in `crate::import`).
//!
//! A row is the same resident as one already registered when its ID number matches, or else
//! its name and phone; then only the columns the file fills are updated (an empty cell never
//! erases what staff recorded). Grids, compounds, buildings and tags are matched by name and
//! must exist already — a typo must not create a new compound.

use super::{load_resident, save_resident, Gender, Resident, ResidentInput};
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::import::{FieldSpec, ImportKind, RowValues, WriteOutcome};
use crate::tabular::normalize_date;
use crate::validate;
use rusqlite::{params, OptionalExtension};

pub struct ResidentImport;

const FIELDS: &[FieldSpec] = &[
    FieldSpec { key: "name", label: "姓名", aliases: &["居民姓名", "名字"], required: true },
    FieldSpec { key: "gender", label: "性别", aliases: &[], required: false },
    FieldSpec {
        key: "birthDate", label: "出生日期", aliases: &["出生年月", "生日", "出生年月日"], required: false
    },
    FieldSpec { key: "age", label: "年龄", aliases: &[], required: false },
    FieldSpec {
        key: "phone",
        label: "手机号",
        aliases: &["手机", "手机号码", "电话", "联系电话", "电话号码", "联系方式"],
        required: true,
    },
    FieldSpec {
        key: "idNumber",
        label: "身份证号",
        aliases: &["身份证", "身份证号码", "公民身份号码", "证件号码"],
        required: false,
    },
    FieldSpec { key: "gridId", label: "网格", aliases: &["所属网格", "网格名称"], required: false },
    FieldSpec {
        key: "compoundId", label: "小区", aliases: &["所属小区", "小区名称", "居住小区"], required: false
    },
    FieldSpec { key: "buildingId", label: "楼栋", aliases: &["楼号", "楼", "栋", "楼栋号"], required: false },
    FieldSpec { key: "unit", label: "单元", aliases: &["单元号"], required: false },
    FieldSpec { key: "room", label: "室", aliases: &["房号", "门牌号", "房间号", "室号"], required: false },
    FieldSpec { key: "tagIds", label: "标签", aliases: &["人员类别", "居民类别"], required: false },
    FieldSpec { key: "note", label: "备注", aliases: &["说明"], required: false },
    // 是 / 已同意: the resident agreed on paper to their sensitive tags being kept (PIPL)
    FieldSpec {
        key: "sensitiveConsent",
        label: "敏感信息同意",
        aliases: &["敏感信息单独同意", "敏感信息授权"],
        required: false,
    },
];

impl ImportKind for ResidentImport {
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }

    fn import_row(tx: &Tx, row: &RowValues) -> Result<WriteOutcome> {
        let existing = find_existing(tx, row)?;
        let mut input = existing.as_ref().map(input_of).unwrap_or_default();
        let before = input.clone();
        apply_row(tx, row, &mut input)?;
        match existing {
            Some(_) if input == before => Ok(WriteOutcome::Unchanged),
            Some(r) => {
                input.confirm_duplicate = true;
                save_resident(tx, Some(r.id), &input)?;
                Ok(WriteOutcome::Updated)
            }
            None => {
                save_resident(tx, None, &input)?;
                Ok(WriteOutcome::Created)
            }
        }
    }
}

/// The registered resident this row describes, if any.
fn find_existing(tx: &Tx, row: &RowValues) -> Result<Option<Resident>> {
    let id_number = validate::half_width(row.get("idNumber")).trim().to_uppercase();
    let mut id: Option<i64> = None;
    if !id_number.is_empty() {
        id = tx.query_row("SELECT id FROM residents WHERE id_number = ?1", [&id_number], |r| r.get(0)).optional()?;
    }
    if id.is_none() {
        if let Ok(phone) = validate::phone("phone", row.get("phone")) {
            id = tx
                .query_row(
                    "SELECT id FROM residents WHERE name = ?1 AND phone = ?2 ORDER BY archived_at IS NOT NULL, id LIMIT 1",
                    params![row.get("name").trim(), phone],
                    |r| r.get(0),
                )
                .optional()?;
        }
    }
    id.map(|id| load_resident(tx, id, tx.today())).transpose()
}

fn input_of(r: &Resident) -> ResidentInput {
    ResidentInput {
        name: r.name.clone(),
        gender: r.gender,
        // a birth date estimated from an age is stored as a date too; keep whichever we had
        birth_date: r.birth_date.clone(),
        age: if r.birth_date.is_none() { r.age } else { None },
        phone: r.phone.clone(),
        id_number: r.id_number.clone(),
        grid_id: r.grid_id,
        compound_id: r.compound_id,
        building_id: r.building_id,
        unit: r.unit.clone(),
        room: r.room.clone(),
        tag_ids: r.tags.iter().map(|t| t.id).collect(),
        note: r.note.clone(),
        consent_date: r.consent_date.clone(),
        confirm_duplicate: false,
        sensitive_consent: false,
    }
}

/// Overwrites `input` with the row's non-empty cells.
fn apply_row(tx: &Tx, row: &RowValues, input: &mut ResidentInput) -> Result<()> {
    let text = |key: &str| Some(row.get(key).trim()).filter(|v| !v.is_empty());
    if let Some(v) = text("name") {
        input.name = v.to_string();
    }
    if let Some(v) = text("gender") {
        input.gender = Some(parse_gender(v)?);
    }
    if let Some(v) = text("birthDate") {
        input.birth_date = Some(normalize_date(v));
        input.age = None;
    } else if let Some(v) = text("age") {
        let age = v.trim_end_matches('岁').parse::<u32>().map_err(|_| AppError::validation("age", "年龄应为整数"))?;
        input.age = Some(age);
        input.birth_date = None;
    }
    // canonical forms, so an unchanged row compares equal (a bad value is left for
    // save_resident to refuse with its message)
    if let Some(v) = text("phone") {
        input.phone = validate::phone("phone", v).unwrap_or_else(|_| v.to_string());
    }
    if let Some(v) = text("idNumber") {
        input.id_number = Some(validate::half_width(v).trim().to_uppercase());
    }
    if let Some(v) = text("unit") {
        input.unit = v.trim_end_matches("单元").to_string();
    }
    if let Some(v) = text("room") {
        input.room = v.trim_end_matches(['室', '号']).to_string();
    }
    if let Some(v) = text("note") {
        input.note = v.to_string();
    }
    if let Some(v) = text("sensitiveConsent") {
        input.sensitive_consent = match v {
            "是" | "已同意" | "同意" | "有" | "Y" | "y" | "yes" | "1" | "√" => true,
            "否" | "未同意" | "不同意" | "无" | "N" | "n" | "no" | "0" => false,
            _ => {
                return Err(AppError::validation(
                    "sensitiveConsent",
                    format!("敏感信息同意「{v}」无法识别，应为 是 或 否"),
                ))
            }
        };
    }
    resolve_places(tx, row, input)?;
    if let Some(v) = text("tagIds") {
        for name in v.split(['、', ',', '，', ';', '；', '/', ' ']).map(str::trim).filter(|n| !n.is_empty()) {
            let id: i64 = tx
                .query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0))
                .optional()?
                .ok_or_else(|| AppError::validation("tagIds", format!("标签「{name}」不存在，请先在「设置」中添加")))?;
            if !input.tag_ids.contains(&id) {
                input.tag_ids.push(id);
            }
        }
    }
    Ok(())
}

fn parse_gender(v: &str) -> Result<Gender> {
    match v.to_lowercase().as_str() {
        "男" | "男性" | "m" | "male" => Ok(Gender::Male),
        "女" | "女性" | "f" | "female" => Ok(Gender::Female),
        _ => Err(AppError::validation("gender", format!("性别「{v}」无法识别，应为 男 或 女"))),
    }
}

/// "3号楼", "3栋", "3幢", "3号" and "3" name the same building.
fn building_key(name: &str) -> String {
    let half = validate::half_width(name);
    let t = half.trim();
    let t = t.strip_suffix("号楼").or_else(|| t.strip_suffix(['栋', '幢', '楼', '号'])).unwrap_or(t);
    t.trim().to_string()
}

fn resolve_places(tx: &Tx, row: &RowValues, input: &mut ResidentInput) -> Result<()> {
    let grid_name = row.get("gridId").trim();
    let compound_name = row.get("compoundId").trim();
    let building_name = row.get("buildingId").trim();
    if !grid_name.is_empty() {
        let id: i64 =
            tx.query_row("SELECT id FROM grids WHERE name = ?1", [grid_name], |r| r.get(0)).optional()?.ok_or_else(
                || AppError::validation("gridId", format!("网格「{grid_name}」不存在，请先在「设置」中添加")),
            )?;
        input.grid_id = Some(id);
        input.compound_id = None;
        input.building_id = None;
    }
    if !compound_name.is_empty() {
        let mut stmt =
            tx.prepare("SELECT id, grid_id FROM compounds WHERE name = ?1 AND (?2 IS NULL OR grid_id = ?2)")?;
        let found: Vec<(i64, i64)> = stmt
            .query_map(params![compound_name, input.grid_id.filter(|_| !grid_name.is_empty())], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let (id, grid) = match found.as_slice() {
            [one] => *one,
            [] if !grid_name.is_empty() => {
                return Err(AppError::validation(
                    "compoundId",
                    format!("网格「{grid_name}」中没有小区「{compound_name}」"),
                ))
            }
            [] => {
                return Err(AppError::validation(
                    "compoundId",
                    format!("小区「{compound_name}」不存在，请先在「设置」中添加"),
                ))
            }
            _ => {
                return Err(AppError::validation(
                    "compoundId",
                    format!("多个网格都有小区「{compound_name}」，请同时填写网格"),
                ))
            }
        };
        input.grid_id = Some(grid);
        input.compound_id = Some(id);
        input.building_id = None;
    }
    if !building_name.is_empty() {
        let compound = input
            .compound_id
            .filter(|_| !compound_name.is_empty())
            .ok_or_else(|| AppError::validation("buildingId", "填写楼栋时请同时填写小区"))?;
        let key = building_key(building_name);
        let mut stmt = tx.prepare("SELECT id, name FROM buildings WHERE compound_id = ?1")?;
        let buildings: Vec<(i64, String)> =
            stmt.query_map([compound], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let id = buildings.iter().find(|(_, name)| building_key(name) == key).map(|(id, _)| *id).ok_or_else(|| {
            AppError::validation("buildingId", format!("小区「{compound_name}」中没有楼栋「{building_name}」"))
        })?;
        input.building_id = Some(id);
    }
    Ok(())
}
