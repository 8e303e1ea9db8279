//! Importing the national party-member system's roster export (全国党员管理信息系统 → 党员名册)
//! through the shared importer: a title row above the header, date cells or text dates
//! (1965.03, 1965年3月), numeric phone cells, ID numbers as text.
//!
//! A row is the same member as one on the ledger when the ID number matches (and the name
//! too: the same ID under another name is a duplicate, refused), or else the name and phone.
//! Branches are matched by name and created on the way under the community committee (itself
//! created when the station has none). Only the cells the file fills change a member, so a
//! re-import of the same file writes nothing.

use super::members::{check_profile, create_member, record_event, write_profile, MemberCreateInput, MemberEventInput};
use super::members::{MemberCategory, MemberEventKind, MemberProfile};
use super::orgs::{create_org, OrgInput, OrgKind};
use crate::db::Tx;
use crate::error::{AppError, Result};
use crate::import::{FieldSpec, ImportKind, RowContext, RowValues, WriteOutcome};
use crate::residents::Gender;
use crate::validate;
use rusqlite::{params, OptionalExtension};

pub struct PartyMemberImport;

const FIELDS: &[FieldSpec] = &[
    FieldSpec { key: "name", label: "姓名", aliases: &["党员姓名"], required: true },
    FieldSpec { key: "gender", label: "性别", aliases: &[], required: false },
    FieldSpec { key: "ethnicity", label: "民族", aliases: &[], required: false },
    FieldSpec {
        key: "birthDate", label: "出生日期", aliases: &["出生年月", "出生年月日"], required: false
    },
    FieldSpec { key: "education", label: "学历", aliases: &["文化程度", "最高学历"], required: false },
    FieldSpec { key: "category", label: "人员类别", aliases: &["党员类别", "类别"], required: true },
    FieldSpec {
        key: "joinedOn", label: "入党日期", aliases: &["入党时间", "加入党组织日期"], required: false
    },
    FieldSpec { key: "confirmedOn", label: "转正日期", aliases: &["转正时间"], required: false },
    FieldSpec {
        key: "branch", label: "所在党支部", aliases: &["所在支部", "党支部", "所在党组织"], required: true
    },
    FieldSpec { key: "group", label: "所在党小组", aliases: &["党小组"], required: false },
    FieldSpec { key: "post", label: "工作岗位", aliases: &["岗位", "职务"], required: false },
    FieldSpec {
        key: "phone", label: "联系电话", aliases: &["手机号", "手机号码", "电话"], required: false
    },
    FieldSpec {
        key: "idNumber", label: "身份证号码", aliases: &["身份证号", "公民身份号码"], required: false
    },
    FieldSpec { key: "address", label: "现居住地", aliases: &["家庭住址", "居住地址"], required: false },
];

impl ImportKind for PartyMemberImport {
    fn fields() -> &'static [FieldSpec] {
        FIELDS
    }

    fn import_row(tx: &Tx, row: &RowValues, ctx: &mut RowContext) -> Result<WriteOutcome> {
        let text = |key: &str| Some(row.get(key).trim()).filter(|v| !v.is_empty());
        let category = parse_category(row.get("category"))?;
        let name = validate::required_text("name", "姓名", row.get("name"), 30)?;
        let existing = find_existing(tx, &name, row)?;
        let mut profile = match existing {
            Some(id) => profile_of(tx, id)?,
            None => MemberProfile::default(),
        };
        let before = profile.clone();
        profile.name = name.clone();
        if let Some(g) = text("gender") {
            profile.gender = Some(match g {
                "男" | "男性" => Gender::Male,
                "女" | "女性" => Gender::Female,
                _ => return Err(AppError::validation("gender", format!("性别「{g}」应为 男 或 女"))),
            });
        }
        let set = |target: &mut String, key: &str| {
            if let Some(v) = text(key) {
                *target = v.to_string();
            }
        };
        set(&mut profile.ethnicity, "ethnicity");
        set(&mut profile.education, "education");
        set(&mut profile.post, "post");
        set(&mut profile.address, "address");
        if let Some(v) = text("phone") {
            profile.phone = v.to_string();
        }
        for (key, slot) in [
            ("birthDate", &mut profile.birth_date),
            ("joinedOn", &mut profile.joined_on),
            ("confirmedOn", &mut profile.confirmed_on),
        ] {
            if let Some(v) = text(key) {
                // keep the same text a stored date reads back as, so a re-import is unchanged
                *slot = Some(canonical_date(key, v, tx.today())?);
            }
        }
        if let Some(v) = text("idNumber") {
            profile.id_number = Some(validate::half_width(v).trim().to_uppercase());
            // the ID number's birth date is the authority (the export may give only a month)
            if let Ok(id) = validate::id_number("idNumber", v, tx.today()) {
                profile.birth_date = Some(id.birth_date.to_string());
            }
        }
        // checks first (row errors name the field), then the branch (created on the way)
        check_profile(tx, &profile, existing)?;
        let org_id = branch_for(tx, row.get("branch"), ctx)?;
        let group_id = match text("group") {
            Some(g) => Some(group_for(tx, org_id, g, ctx)?),
            None => None,
        };
        match existing {
            None => {
                let on = tx.today().to_string();
                create_member(
                    tx,
                    &MemberCreateInput {
                        profile,
                        how: MemberEventKind::Registered,
                        on_date: on,
                        category,
                        org_id,
                        group_id,
                        letter_no: String::new(),
                    },
                )?;
                Ok(WriteOutcome::Created)
            }
            Some(id) => {
                let standing = super::members::standing_of(tx, id)?.ok_or_else(|| AppError::not_found("党员"))?;
                let mut changed = profile != before;
                if changed {
                    let p = check_profile(tx, &profile, Some(id))?;
                    write_profile(tx, Some(id), &p)?;
                }
                let today = tx.today().to_string();
                let event = |kind, org: Option<i64>, group: Option<i64>| MemberEventInput {
                    member_id: id,
                    kind,
                    on_date: today.clone(),
                    org_id: org,
                    group_id: group,
                    letter_no: String::new(),
                    dues_paid_to: None,
                    place: String::new(),
                    note: "据全国党员管理信息系统名册核对".into(),
                };
                if standing.status == super::MemberStatus::Active
                    && (standing.org_id != org_id || (group_id.is_some() && standing.group_id != group_id))
                {
                    record_event(tx, &event(MemberEventKind::Moved, Some(org_id), group_id.or(None)))?;
                    changed = true;
                }
                if standing.category == MemberCategory::Probationary && category == MemberCategory::Full {
                    record_event(tx, &event(MemberEventKind::Confirmed, None, None))?;
                    changed = true;
                }
                if changed {
                    tx.audit(
                        "party_member",
                        Some(id),
                        "import",
                        &format!("据名册更新：{}", validate::mask_name(&name)),
                    )?;
                    Ok(WriteOutcome::Updated)
                } else {
                    Ok(WriteOutcome::Unchanged)
                }
            }
        }
    }
}

fn parse_category(v: &str) -> Result<MemberCategory> {
    match v.trim() {
        "正式党员" | "正式" => Ok(MemberCategory::Full),
        "预备党员" | "预备" => Ok(MemberCategory::Probationary),
        "" => Err(AppError::validation("category", "请填写人员类别")),
        other => Err(AppError::validation("category", format!("人员类别「{other}」应为 正式党员 或 预备党员"))),
    }
}

/// A date as the profile stores and reads it back: 1965-03-08, or 1965-03 for a month only.
fn canonical_date(key: &str, v: &str, today: chrono::NaiveDate) -> Result<String> {
    let label = match key {
        "birthDate" => "出生日期",
        "joinedOn" => "入党日期",
        _ => "转正日期",
    };
    let d = super::members::parse_party_date(key, label, v, today)?;
    // only the 入党 date keeps its month-only precision (the 18-year check needs it)
    Ok(if d.month_only && key == "joinedOn" { super::month_str(d.date) } else { d.date.to_string() })
}

fn find_existing(tx: &Tx, name: &str, row: &RowValues) -> Result<Option<i64>> {
    let id_number = validate::half_width(row.get("idNumber")).trim().to_uppercase();
    if !id_number.is_empty() {
        let found: Option<(i64, String)> = tx
            .query_row("SELECT id, name FROM party_members WHERE id_number = ?1", [&id_number], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        if let Some((id, other)) = found {
            if other != name {
                return Err(AppError::validation("idNumber", format!("身份证号与台账中的党员「{other}」重复")));
            }
            return Ok(Some(id));
        }
    }
    let phone = match row.get("phone").trim() {
        "" => return Ok(None),
        p => validate::phone("phone", p)?,
    };
    Ok(tx
        .query_row(
            "SELECT id FROM party_members WHERE name = ?1 AND phone = ?2 AND id_number IS NULL ORDER BY id LIMIT 1",
            params![name, phone],
            |r| r.get(0),
        )
        .optional()?)
}

/// The stored profile, in the form the importer compares (month-only dates as 1965-03).
fn profile_of(tx: &Tx, id: i64) -> Result<MemberProfile> {
    tx.query_row(
        "SELECT name, gender, ethnicity, birth_date, id_number, phone, education, post, address, resident_id, volunteer_id,
                unit_id, joined_on, joined_month_only, confirmed_on, in_service, retired, hardship, veteran, dues_kind,
                dues_base_fen FROM party_members WHERE id = ?1",
        [id],
        |r| {
            let gender: Option<String> = r.get(1)?;
            let joined: Option<String> = r.get(12)?;
            let month_only: bool = r.get(13)?;
            Ok(MemberProfile {
                name: r.get(0)?,
                gender: match gender.as_deref() {
                    Some("male") => Some(Gender::Male),
                    Some("female") => Some(Gender::Female),
                    _ => None,
                },
                ethnicity: r.get(2)?,
                birth_date: r.get(3)?,
                id_number: r.get(4)?,
                phone: r.get(5)?,
                education: r.get(6)?,
                post: r.get(7)?,
                address: r.get(8)?,
                resident_id: r.get(9)?,
                volunteer_id: r.get(10)?,
                unit_id: r.get(11)?,
                joined_on: joined.map(|j| if month_only { j[..7].to_string() } else { j }),
                confirmed_on: r.get(14)?,
                in_service: r.get(15)?,
                retired: r.get(16)?,
                hardship: r.get(17)?,
                veteran: r.get(18)?,
                dues_kind: r.get(19)?,
                dues_base_fen: r.get(20)?,
            })
        },
    )
    .map_err(AppError::from)
}

/// The live branch of this name, created (under the community committee) when missing.
fn branch_for(tx: &Tx, name: &str, ctx: &mut RowContext) -> Result<i64> {
    let name = validate::required_text("branch", "所在党支部", name, 60)?;
    let found: Option<(i64, String)> = tx
        .query_row("SELECT id, level FROM party_orgs WHERE name = ?1 AND dissolved_on IS NULL", [&name], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    if let Some((id, level)) = found {
        if level != "branch" {
            return Err(AppError::validation("branch", format!("「{name}」不是党支部")));
        }
        ctx.found("党支部", id);
        return Ok(id);
    }
    let (parent, parent_name) = top_committee(tx, ctx)?;
    let path = format!("{parent_name} › {name}");
    ctx.may_create("branch", "党支部", &path, &format!("党支部「{name}」不存在"))?;
    let kind = if name.contains("离退休") {
        OrgKind::Retired
    } else if name.contains("网格") {
        OrgKind::Grid
    } else if name.contains("小区") {
        OrgKind::Compound
    } else {
        OrgKind::OtherBranch
    };
    let id = create_org(tx, &branch_input(Some(parent), kind, &name, tx.today().to_string()))?;
    ctx.record_created("党支部", &path, Some(&parent_name), id);
    Ok(id)
}

fn group_for(tx: &Tx, branch: i64, name: &str, ctx: &mut RowContext) -> Result<i64> {
    let name = validate::required_text("group", "所在党小组", name, 60)?;
    let found: Option<(i64, Option<i64>)> = tx
        .query_row("SELECT id, parent_id FROM party_orgs WHERE name = ?1 AND dissolved_on IS NULL", [&name], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    match found {
        Some((id, Some(p))) if p == branch => {
            ctx.found("党小组", id);
            Ok(id)
        }
        Some(_) => Err(AppError::validation("group", format!("「{name}」不是所在党支部的党小组"))),
        None => {
            let branch_path = org_path(tx, branch)?;
            let path = format!("{branch_path} › {name}");
            ctx.may_create("group", "党小组", &path, &format!("党小组「{name}」不存在"))?;
            let id = create_org(tx, &branch_input(Some(branch), OrgKind::Group, &name, tx.today().to_string()))?;
            ctx.record_created("党小组", &path, Some(&branch_path), id);
            Ok(id)
        }
    }
}

fn branch_input(parent: Option<i64>, kind: OrgKind, name: &str, on: String) -> OrgInput {
    OrgInput::plain(parent, kind, name, &on)
}

/// The station's community committee: the first live top organisation, or a new 社区党委.
/// The station's top committee (id, name), created (and listed) on a station without one.
fn top_committee(tx: &Tx, ctx: &mut RowContext) -> Result<(i64, String)> {
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, name FROM party_orgs WHERE parent_id IS NULL AND level = 'committee' AND dissolved_on IS NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((id, name)) = found {
        ctx.found("党组织", id);
        return Ok((id, name));
    }
    let community: Option<String> =
        tx.query_row("SELECT value FROM settings WHERE key = 'community'", [], |r| r.get(0)).optional()?;
    let name = format!("{}党委", community.filter(|c| !c.trim().is_empty()).unwrap_or_else(|| "社区".into()));
    ctx.may_create("branch", "党组织", &name, &format!("还没有社区党组织「{name}」"))?;
    let id = create_org(tx, &branch_input(None, OrgKind::Community, &name, tx.today().to_string()))?;
    ctx.record_created("党组织", &name, None, id);
    Ok((id, name))
}

/// "凤台社区党委 › 第一党支部": an organisation's name under its parents, as the preview lists it.
fn org_path(tx: &Tx, id: i64) -> Result<String> {
    let mut names = Vec::new();
    let mut at = Some(id);
    // the chain is a few levels deep; the bound stops a damaged file's loop
    while let (Some(id), true) = (at, names.len() < 8) {
        let (name, parent): (String, Option<i64>) =
            tx.query_row("SELECT name, parent_id FROM party_orgs WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        names.push(name);
        at = parent;
    }
    names.reverse();
    Ok(names.join(" › "))
}
