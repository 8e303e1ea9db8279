//! Importing residents from a spreadsheet (the shared importer in `crate::import`).
//!
//! A row is the same resident as one already registered when its ID number matches, or else
//! its name and phone; then only the columns the file fills are updated (an empty cell never
//! erases what staff recorded). Grids, compounds and buildings are matched by name as people
//! type them (full-width digits, 3号楼 / 3栋 / 3幢 / 三号楼, trailing spaces); the ones the
//! station lacks are created with the rows, listed in the preview for the person to confirm
//! or untick (`import::RowContext`). Tags must exist. Every problem of a row is reported.

use super::{check_fields_all, load_resident, save_resident, Gender, Resident, ResidentInput};
use crate::db::Tx;
use crate::error::{AppError, ErrorCode, Result};
use crate::import::{FieldSpec, ImportKind, RowContext, RowValues, WriteOutcome};
use crate::places::{insert_place, PlaceKind};
use crate::tabular::normalize_date;
use crate::validate::{self, Problems};
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

    fn import_row(tx: &Tx, row: &RowValues, ctx: &mut RowContext) -> Result<WriteOutcome> {
        let existing = find_existing(tx, row)?;
        let mut input = existing.as_ref().map(input_of).unwrap_or_default();
        let before = input.clone();
        let mut problems = apply_row(tx, row, &mut input, ctx)?;
        // the field rules too, so the row's every problem is listed at once
        for e in check_fields_all(&input, tx.today()).1.into_errors() {
            problems.push(e);
        }
        problems.into_result()?;
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

/// Overwrites `input` with the row's non-empty cells. Returns the problems of the cells it
/// could not read (a database failure is the `Err`).
fn apply_row(tx: &Tx, row: &RowValues, input: &mut ResidentInput, ctx: &mut RowContext) -> Result<Problems> {
    let mut p = Problems::default();
    let text = |key: &str| Some(row.get(key).trim()).filter(|v| !v.is_empty());
    if let Some(v) = text("name") {
        input.name = v.to_string();
    }
    if let Some(v) = text("gender") {
        input.gender = p.take(parse_gender(v)).or(input.gender);
    }
    if let Some(v) = text("birthDate") {
        input.birth_date = Some(normalize_date(v));
        input.age = None;
    } else if let Some(v) = text("age") {
        match v.trim_end_matches('岁').parse::<u32>() {
            Ok(age) => {
                input.age = Some(age);
                input.birth_date = None;
            }
            Err(_) => p.push(AppError::validation("age", "年龄应为整数")),
        }
    }
    // canonical forms, so an unchanged row compares equal (a bad value is left for the field
    // rules to refuse with their message)
    if let Some(v) = text("phone") {
        input.phone = validate::phone("phone", v).unwrap_or_else(|_| v.to_string());
    }
    if let Some(v) = text("idNumber") {
        input.id_number = Some(validate::half_width(v).trim().to_uppercase());
    }
    if let Some(v) = text("unit") {
        input.unit = unit_key(v);
    }
    if let Some(v) = text("room") {
        input.room = validate::half_width(v).trim().trim_end_matches(['室', '号']).to_string();
    }
    if let Some(v) = text("note") {
        input.note = v.to_string();
    }
    if let Some(v) = text("sensitiveConsent") {
        match v {
            "是" | "已同意" | "同意" | "有" | "Y" | "y" | "yes" | "1" | "√" => input.sensitive_consent = true,
            "否" | "未同意" | "不同意" | "无" | "N" | "n" | "no" | "0" => input.sensitive_consent = false,
            _ => {
                p.push(AppError::validation("sensitiveConsent", format!("敏感信息同意「{v}」无法识别，应为 是 或 否")))
            }
        }
    }
    if let Err(e) = resolve_places(tx, row, input, ctx) {
        if matches!(e.code, ErrorCode::Database | ErrorCode::Io | ErrorCode::Internal) {
            return Err(e);
        }
        p.push(e);
    }
    if let Some(v) = text("tagIds") {
        for name in v.split(['、', ',', '，', ';', '；', '/', ' ']).map(str::trim).filter(|n| !n.is_empty()) {
            let id: Option<i64> =
                tx.query_row("SELECT id FROM tags WHERE name = ?1", [name], |r| r.get(0)).optional()?;
            match id {
                Some(id) if !input.tag_ids.contains(&id) => input.tag_ids.push(id),
                Some(_) => {}
                None => p.push(AppError::validation("tagIds", format!("标签「{name}」不存在，请先在「设置」中添加"))),
            }
        }
    }
    Ok(p)
}

fn parse_gender(v: &str) -> Result<Gender> {
    match v.to_lowercase().as_str() {
        "男" | "男性" | "m" | "male" => Ok(Gender::Male),
        "女" | "女性" | "f" | "female" => Ok(Gender::Female),
        _ => Err(AppError::validation("gender", format!("性别「{v}」无法识别，应为 男 或 女"))),
    }
}

/// A place's name as people type it: half-width, trimmed, inner spaces dropped.
fn place_key(name: &str) -> String {
    validate::half_width(name).chars().filter(|c| !c.is_whitespace()).collect()
}

/// 三 → 3, 十二 → 12, 二十一 → 21 (the numbers buildings and units are named with); None when
/// `s` is not such a number.
fn chinese_number(s: &str) -> Option<u32> {
    let digit =
        |c: char| "零一二三四五六七八九".chars().position(|d| d == c).map(|d| d as u32).or((c == '两').then_some(2));
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', d] => Some(digit(*t)? * 10 + digit(*d)?),
        _ => None,
    }
}

/// "3号楼", "3栋", "3幢", "三号楼", "３号" and "3" name the same building.
pub(crate) fn building_key(name: &str) -> String {
    let t = place_key(name);
    let t = t.strip_suffix("号楼").or_else(|| t.strip_suffix(['栋', '幢', '楼', '号', '座'])).unwrap_or(&t);
    chinese_number(t).map_or_else(|| t.to_string(), |n| n.to_string())
}

/// "一单元", "1单元", "１" → "1"
pub(crate) fn unit_key(value: &str) -> String {
    let t = place_key(value);
    let t = t.trim_end_matches("单元");
    chinese_number(t).map_or_else(|| t.to_string(), |n| n.to_string())
}

/// The name a building the import creates gets: "9号楼" for a number, else as typed.
fn building_name(typed: &str) -> String {
    let key = building_key(typed);
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_digit()) {
        format!("{key}号楼")
    } else {
        place_key(typed)
    }
}

/// The grid a new compound goes under when the row names none: the station's only grid, or
/// (on a station with none yet) a new 未划分网格.
const UNASSIGNED_GRID: &str = "未划分网格";

fn resolve_places(tx: &Tx, row: &RowValues, input: &mut ResidentInput, ctx: &mut RowContext) -> Result<()> {
    let grid_name = place_key(row.get("gridId"));
    let compound_name = place_key(row.get("compoundId"));
    let building_typed = row.get("buildingId").trim();
    let mut grid_path = String::new();
    if !grid_name.is_empty() {
        let (id, path) = find_or_create_grid(tx, &grid_name, ctx)?;
        input.grid_id = Some(id);
        input.compound_id = None;
        input.building_id = None;
        grid_path = path;
    }
    let mut compound_path = String::new();
    if !compound_name.is_empty() {
        let named_grid = input.grid_id.filter(|_| !grid_name.is_empty());
        let compounds: Vec<(i64, i64, String, String)> = tx
            .prepare("SELECT c.id, c.grid_id, c.name, g.name FROM compounds c JOIN grids g ON g.id = c.grid_id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let found: Vec<&(i64, i64, String, String)> = compounds
            .iter()
            .filter(|(_, g, name, _)| place_key(name) == compound_name && named_grid.is_none_or(|ng| ng == *g))
            .collect();
        let (id, grid, path) = match found.as_slice() {
            [one] => {
                ctx.found("小区", one.0);
                (one.0, one.1, format!("{} › {}", one.3, one.2))
            }
            [] => {
                let (grid, grid_label) = match named_grid {
                    Some(g) => (g, grid_path.clone()),
                    None => grid_for_new_compound(tx, &compound_name, ctx)?,
                };
                let path = format!("{grid_label} › {compound_name}");
                let missing = if named_grid.is_some() {
                    format!("网格「{grid_name}」中没有小区「{compound_name}」")
                } else {
                    format!("小区「{compound_name}」不存在")
                };
                ctx.may_create("compoundId", "小区", &path, &missing)?;
                let id = insert_place(tx, PlaceKind::Compound, Some(grid), &compound_name)?;
                ctx.record_created("小区", &path, Some(&grid_label), id);
                (id, grid, path)
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
        compound_path = path;
    }
    if !building_typed.is_empty() {
        let compound = input
            .compound_id
            .filter(|_| !compound_name.is_empty())
            .ok_or_else(|| AppError::validation("buildingId", "填写楼栋时请同时填写小区"))?;
        let key = building_key(building_typed);
        let buildings: Vec<(i64, String)> = tx
            .prepare("SELECT id, name FROM buildings WHERE compound_id = ?1")?
            .query_map([compound], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let id = match buildings.iter().find(|(_, name)| building_key(name) == key) {
            Some((id, _)) => {
                ctx.found("楼栋", *id);
                *id
            }
            None => {
                let name = building_name(building_typed);
                let path = format!("{compound_path} › {name}");
                let missing = format!("小区「{compound_name}」中没有楼栋「{building_typed}」");
                ctx.may_create("buildingId", "楼栋", &path, &missing)?;
                let id = insert_place(tx, PlaceKind::Building, Some(compound), &name)?;
                ctx.record_created("楼栋", &path, Some(&compound_path), id);
                id
            }
        };
        input.building_id = Some(id);
    }
    Ok(())
}

fn find_or_create_grid(tx: &Tx, name: &str, ctx: &mut RowContext) -> Result<(i64, String)> {
    let grids: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM grids")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if let Some((id, stored)) = grids.iter().find(|(_, n)| place_key(n) == name) {
        ctx.found("网格", *id);
        return Ok((*id, stored.clone()));
    }
    ctx.may_create("gridId", "网格", name, &format!("网格「{name}」不存在"))?;
    let id = insert_place(tx, PlaceKind::Grid, None, name)?;
    ctx.record_created("网格", name, None, id);
    Ok((id, name.to_string()))
}

fn grid_for_new_compound(tx: &Tx, compound: &str, ctx: &mut RowContext) -> Result<(i64, String)> {
    let grids: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM grids ORDER BY id LIMIT 2")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    match grids.as_slice() {
        [only] => Ok(only.clone()),
        [] => find_or_create_grid(tx, UNASSIGNED_GRID, ctx).map_err(|e| {
            if e.field.as_deref() == Some("gridId") {
                AppError::validation(
                    "compoundId",
                    format!("小区「{compound}」不存在，且工作站还没有网格：{}", e.message),
                )
            } else {
                e
            }
        }),
        _ => Err(AppError::validation(
            "gridId",
            format!("小区「{compound}」不存在；工作站有多个网格，新建小区请在文件中填写所属网格"),
        )),
    }
}
