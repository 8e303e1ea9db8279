//! Partner units (共建单位) and 双报到: each unit's expected number of reporting-in party
//! members, who has reported in, and the report-in rate.

use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const UNIT_KINDS: [&str; 6] = ["机关", "企业", "事业单位", "学校", "社会组织", "其他"];

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnerUnitInput {
    /// None: a new unit.
    pub id: Option<i64>,
    pub name: String,
    /// 机关 / 企业 / 事业单位 / 学校 / 社会组织 / 其他
    pub kind: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub paired_community: String,
    pub expected_members: u32,
    pub note: String,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnerUnit {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub paired_community: String,
    pub expected_members: u32,
    /// Current volunteers of this unit who reported in (双报到).
    pub reported_in: u32,
    /// All current volunteers naming this unit.
    pub members: u32,
    /// reported_in / expected_members as a whole percent; None when nothing is expected.
    pub report_in_percent: Option<u32>,
    pub note: String,
    pub archived: bool,
}

/// Rounded to the nearest whole percent, like the street office's tables.
pub fn report_in_percent(reported_in: u32, expected: u32) -> Option<u32> {
    (expected > 0).then(|| (reported_in * 100 + expected / 2) / expected)
}

const UNIT_SELECT: &str = "SELECT u.id, u.name, u.kind, u.contact_name, u.contact_phone, u.paired_community,
        u.expected_members,
        (SELECT COUNT(*) FROM volunteers v WHERE v.unit_id = u.id AND v.status <> 'left' AND v.reported_in_on IS NOT NULL),
        (SELECT COUNT(*) FROM volunteers v WHERE v.unit_id = u.id AND v.status <> 'left'),
        u.note, u.archived_at IS NOT NULL
    FROM partner_units u";

fn unit_from(r: &rusqlite::Row) -> rusqlite::Result<PartnerUnit> {
    let expected: u32 = r.get(6)?;
    let reported_in: u32 = r.get(7)?;
    Ok(PartnerUnit {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        contact_name: r.get(3)?,
        contact_phone: r.get(4)?,
        paired_community: r.get(5)?,
        expected_members: expected,
        reported_in,
        members: r.get(8)?,
        report_in_percent: report_in_percent(reported_in, expected),
        note: r.get(9)?,
        archived: r.get(10)?,
    })
}

impl Station {
    pub fn partner_units(&self, _actor: &StaffActor, include_archived: bool) -> Result<Vec<PartnerUnit>> {
        let filter = if include_archived { "" } else { "WHERE u.archived_at IS NULL" };
        self.conn()
            .prepare(&format!("{UNIT_SELECT} {filter} ORDER BY u.archived_at IS NOT NULL, u.name"))?
            .query_map([], unit_from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    pub fn partner_unit_get(&self, _actor: &StaffActor, id: i64) -> Result<PartnerUnit> {
        self.conn()
            .query_row(&format!("{UNIT_SELECT} WHERE u.id = ?1"), [id], unit_from)
            .optional()?
            .ok_or_else(|| AppError::not_found("共建单位"))
    }

    pub fn partner_unit_save(&mut self, actor: &StaffActor, input: &PartnerUnitInput) -> Result<PartnerUnit> {
        let name = validate::required_text("name", "单位名称", &input.name, 60)?;
        if !UNIT_KINDS.contains(&input.kind.as_str()) {
            return Err(AppError::validation("kind", "请选择单位类型：机关、企业、事业单位、学校、社会组织或其他"));
        }
        let contact_name = validate::optional_text("contactName", "联系人", &input.contact_name, 30)?;
        let contact_phone = match input.contact_phone.trim() {
            "" => String::new(),
            p => validate::phone("contactPhone", p)?,
        };
        let paired = validate::optional_text("pairedCommunity", "结对社区", &input.paired_community, 60)?;
        if input.expected_members > 100_000 {
            return Err(AppError::validation("expectedMembers", "应报到人数不合理"));
        }
        let note = validate::optional_text("note", "备注", &input.note, 500)?;
        let id = self.write(&Actor::Staff(actor.clone()), |tx| {
            let clash: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM partner_units WHERE name = ?1 AND id IS NOT ?2)",
                params![name, input.id],
                |r| r.get(0),
            )?;
            if clash {
                return Err(AppError::validation("name", "已有同名的共建单位"));
            }
            let now = tx.now_str();
            let archived_at = input.archived.then(|| now.clone());
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO partner_units (name, kind, contact_name, contact_phone, paired_community,
                             expected_members, note, archived_at, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                        params![
                            name,
                            input.kind,
                            contact_name,
                            contact_phone,
                            paired,
                            input.expected_members,
                            note,
                            archived_at,
                            now
                        ],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE partner_units SET name = ?1, kind = ?2, contact_name = ?3, contact_phone = ?4,
                             paired_community = ?5, expected_members = ?6, note = ?7,
                             archived_at = CASE WHEN ?8 IS NULL THEN NULL ELSE COALESCE(archived_at, ?8) END,
                             updated_at = ?9
                         WHERE id = ?10",
                        params![
                            name,
                            input.kind,
                            contact_name,
                            contact_phone,
                            paired,
                            input.expected_members,
                            note,
                            archived_at,
                            now,
                            id
                        ],
                    )?;
                    if n == 0 {
                        return Err(AppError::not_found("共建单位"));
                    }
                    id
                }
            };
            tx.audit("partner_unit", Some(id), if input.id.is_some() { "update" } else { "create" }, &name)?;
            Ok(id)
        })?;
        self.partner_unit_get(actor, id)
    }
}
