//! The party chain as a tree: 社区党委 / 党总支 → 党支部 → 党小组 → 党员中心户. Each organisation
//! is founded by an event and changed only by events (换届 with its new committee, 撤销, 合并
//! into another, 功能型 → 实体型): nothing that happened is lost. A grid or compound that no
//! live organisation covers is listed (the seed's goal: every grid has one).

use super::{past_day, require_party, text_enum};
use crate::actor::StaffActor;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum!(
    /// Where in the chain an organisation stands.
    OrgLevel {
        Committee = "committee" / "社区党委（党总支）",
        Branch = "branch" / "党支部",
        Group = "group" / "党小组",
        Household = "household" / "党员中心户",
    }
);

text_enum!(
    OrgKind {
        Community = "community" / "社区党委",
        General = "general" / "党总支",
        Grid = "grid" / "网格党支部",
        Compound = "compound" / "小区党支部",
        Retired = "retired" / "离退休党支部",
        OtherBranch = "other_branch" / "其他党支部",
        Group = "group" / "党小组",
        Household = "household" / "党员中心户",
    }
);

impl OrgKind {
    pub fn level(self) -> OrgLevel {
        match self {
            OrgKind::Community | OrgKind::General => OrgLevel::Committee,
            OrgKind::Grid | OrgKind::Compound | OrgKind::Retired | OrgKind::OtherBranch => OrgLevel::Branch,
            OrgKind::Group => OrgLevel::Group,
            OrgKind::Household => OrgLevel::Household,
        }
    }
}

impl OrgLevel {
    /// The levels an organisation of this level may sit under (None: the top).
    fn parents(self) -> &'static [OrgLevel] {
        match self {
            OrgLevel::Committee => &[OrgLevel::Committee],
            OrgLevel::Branch => &[OrgLevel::Committee],
            OrgLevel::Group => &[OrgLevel::Branch],
            OrgLevel::Household => &[OrgLevel::Group, OrgLevel::Branch],
        }
    }
}

text_enum!(
    OrgEventKind {
        Founded = "founded" / "成立",
        Reelected = "reelected" / "换届",
        Dissolved = "dissolved" / "撤销",
        Merged = "merged" / "合并",
        Converted = "converted" / "功能型转实体型",
    }
);

text_enum!(
    CommitteeRole {
        Secretary = "secretary" / "书记",
        Deputy = "deputy" / "副书记",
        Member = "member" / "委员",
        PartTime = "part_time" / "兼职委员",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeMemberInput {
    pub role: CommitteeRole,
    pub name: String,
    /// when the person is on the ledger
    pub member_id: Option<i64>,
    /// 兼职委员: the partner unit they come from
    pub unit_id: Option<i64>,
    pub unit_name: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgInput {
    pub parent_id: Option<i64>,
    pub kind: OrgKind,
    pub name: String,
    /// 实体型 (true) or 功能型 (false); branches only
    pub entity: bool,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub building_id: Option<i64>,
    /// 党员中心户: the member whose household it is
    pub member_id: Option<i64>,
    pub households: Option<u32>,
    pub founded_on: String,
    pub committee: Vec<CommitteeMemberInput>,
}

impl OrgInput {
    /// An 实体型 organisation of `kind` under `parent`, founded on `founded_on` (YYYY-MM-DD),
    /// tied to no place or household and with no committee yet: what an import, the demo and
    /// tests create.
    pub fn plain(parent_id: Option<i64>, kind: OrgKind, name: &str, founded_on: &str) -> OrgInput {
        OrgInput {
            parent_id,
            kind,
            name: name.to_string(),
            entity: true,
            grid_id: None,
            compound_id: None,
            building_id: None,
            member_id: None,
            households: None,
            founded_on: founded_on.to_string(),
            committee: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgEventInput {
    pub org_id: i64,
    /// 换届 / 撤销 / 合并 / 功能型转实体型 (成立 is `party_org_create`)
    pub kind: OrgEventKind,
    pub on_date: String,
    /// 合并: the organisation it is merged into
    pub merged_into: Option<i64>,
    pub detail: String,
    /// 换届: the new term's committee
    pub committee: Vec<CommitteeMemberInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub level: OrgLevel,
    pub kind: OrgKind,
    pub name: String,
    pub entity: bool,
    pub grid: Option<String>,
    pub compound: Option<String>,
    pub building: Option<String>,
    pub founded_on: String,
    pub dissolved_on: Option<String>,
    pub secretary: Option<String>,
    /// party members on the ledger now (在册) whose branch or group this is
    pub members: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommitteeMember {
    pub id: i64,
    pub role: CommitteeRole,
    pub name: String,
    pub member_id: Option<i64>,
    pub unit_name: String,
    pub from_on: String,
    pub until_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgEvent {
    pub id: i64,
    pub kind: OrgEventKind,
    pub on_date: String,
    pub merged_into: Option<String>,
    pub detail: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgDetail {
    pub org: OrgRow,
    /// the standing committee, then earlier terms
    pub committee: Vec<CommitteeMember>,
    pub events: Vec<OrgEvent>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UncoveredPlace {
    /// "grid" or "compound"
    pub kind: String,
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrgTree {
    /// every organisation, parents before children, dissolved ones included (marked)
    pub orgs: Vec<OrgRow>,
    /// grids and compounds no live organisation covers
    pub uncovered: Vec<UncoveredPlace>,
}

const ORG_SELECT: &str = "SELECT o.id, o.parent_id, o.level, o.kind, o.name, o.entity, g.name, c.name, b.name,
        o.founded_on, o.dissolved_on,
        (SELECT name FROM party_committee_members m WHERE m.org_id = o.id AND m.role = 'secretary'
            AND m.until_on IS NULL ORDER BY m.id DESC LIMIT 1),
        CASE o.level WHEN 'branch' THEN (SELECT COUNT(*) FROM party_members p WHERE p.org_id = o.id AND p.status = 'active')
                     WHEN 'group' THEN (SELECT COUNT(*) FROM party_members p WHERE p.group_id = o.id AND p.status = 'active')
                     ELSE 0 END
   FROM party_orgs o LEFT JOIN grids g ON g.id = o.grid_id LEFT JOIN compounds c ON c.id = o.compound_id
   LEFT JOIN buildings b ON b.id = o.building_id";

fn org_from(r: &rusqlite::Row) -> rusqlite::Result<OrgRow> {
    Ok(OrgRow {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        level: r.get(2)?,
        kind: r.get(3)?,
        name: r.get(4)?,
        entity: r.get(5)?,
        grid: r.get(6)?,
        compound: r.get(7)?,
        building: r.get(8)?,
        founded_on: r.get(9)?,
        dissolved_on: r.get(10)?,
        secretary: r.get(11)?,
        members: r.get(12)?,
    })
}

pub(crate) fn load_org(conn: &Connection, id: i64) -> Result<OrgRow> {
    conn.prepare_cached(&format!("{ORG_SELECT} WHERE o.id = ?1"))?
        .query_row([id], org_from)
        .optional()?
        .ok_or_else(|| AppError::not_found("党组织"))
}

/// A live organisation of one of these levels (for a member's branch, a meeting's host …).
pub(crate) fn live_org(conn: &Connection, field: &str, id: i64, levels: &[OrgLevel]) -> Result<OrgRow> {
    let org = load_org(conn, id).map_err(|_| AppError::validation(field, "所选党组织不存在"))?;
    if org.dissolved_on.is_some() {
        return Err(AppError::validation(field, format!("「{}」已撤销或合并", org.name)));
    }
    if !levels.contains(&org.level) {
        let want: Vec<&str> = levels.iter().map(|l| l.label()).collect();
        return Err(AppError::validation(field, format!("「{}」不是{}", org.name, want.join("或"))));
    }
    Ok(org)
}

fn check_committee(tx: &Tx, committee: &[CommitteeMemberInput]) -> Result<Vec<CommitteeMemberInput>> {
    if committee.len() > 30 {
        return Err(AppError::validation("committee", "委员不能超过 30 人"));
    }
    let mut out = Vec::new();
    for m in committee {
        let name = validate::required_text("committee", "委员姓名", &m.name, 30)?;
        let mut unit_name = validate::optional_text("committee", "委员所在单位", &m.unit_name, 60)?;
        if let Some(unit) = m.unit_id {
            let n: Option<String> =
                tx.query_row("SELECT name FROM partner_units WHERE id = ?1", [unit], |r| r.get(0)).optional()?;
            unit_name = n.ok_or_else(|| AppError::validation("committee", "委员所在共建单位不存在"))?;
        }
        if m.role == CommitteeRole::PartTime && unit_name.is_empty() {
            return Err(AppError::validation("committee", format!("兼职委员{name}请填写所在单位")));
        }
        if let Some(member) = m.member_id {
            let ok: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM party_members WHERE id = ?1)", [member], |r| r.get(0))?;
            if !ok {
                return Err(AppError::validation("committee", format!("{name}不在党员台账中")));
            }
        }
        out.push(CommitteeMemberInput { role: m.role, name, member_id: m.member_id, unit_id: m.unit_id, unit_name });
    }
    if out.iter().filter(|m| m.role == CommitteeRole::Secretary).count() > 1 {
        return Err(AppError::validation("committee", "书记只能有一位"));
    }
    Ok(out)
}

fn insert_committee(tx: &Tx, org_id: i64, event_id: i64, on: &str, committee: &[CommitteeMemberInput]) -> Result<()> {
    for m in committee {
        tx.execute(
            "INSERT INTO party_committee_members (org_id, event_id, role, name, member_id, unit_id, unit_name, from_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![org_id, event_id, m.role, m.name, m.member_id, m.unit_id, m.unit_name, on],
        )?;
    }
    Ok(())
}

fn insert_event(
    tx: &Tx,
    org_id: i64,
    kind: OrgEventKind,
    on: &str,
    merged_into: Option<i64>,
    detail: &str,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO party_org_events (org_id, kind, on_date, merged_into, detail, recorded_at, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![org_id, kind, on, merged_into, detail, tx.now_str(), tx.actor.display_name()],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Creates an organisation and its 成立 event, inside the caller's transaction (the importer
/// creates branches on the way).
pub(crate) fn create_org(tx: &Tx, input: &OrgInput) -> Result<i64> {
    let name = validate::required_text("name", "组织名称", &input.name, 60)?;
    let founded = past_day("foundedOn", "成立日期", &input.founded_on, tx.today())?;
    let level = input.kind.level();
    if let Some(parent) = input.parent_id {
        let p = live_org(tx, "parentId", parent, level.parents())?;
        if founded.to_string() < p.founded_on {
            return Err(AppError::validation("foundedOn", format!("成立日期早于上级组织「{}」的成立日期", p.name)));
        }
    } else if level != OrgLevel::Committee {
        return Err(AppError::validation("parentId", format!("{}需要选择上级组织", level.label())));
    }
    let taken: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM party_orgs WHERE name = ?1 AND dissolved_on IS NULL)",
        [&name],
        |r| r.get(0),
    )?;
    if taken {
        return Err(AppError::validation("name", format!("已有名为「{name}」的党组织")));
    }
    for (field, table, id) in [
        ("gridId", "grids", input.grid_id),
        ("compoundId", "compounds", input.compound_id),
        ("buildingId", "buildings", input.building_id),
    ] {
        if let Some(id) = id {
            let ok: bool =
                tx.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"), [id], |r| r.get(0))?;
            if !ok {
                return Err(AppError::validation(field, "所选网格、小区或楼栋不存在"));
            }
        }
    }
    if level == OrgLevel::Household {
        let Some(member) = input.member_id else {
            return Err(AppError::validation("memberId", "党员中心户请选择户主党员"));
        };
        let ok: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM party_members WHERE id = ?1 AND status = 'active')",
            [member],
            |r| r.get(0),
        )?;
        if !ok {
            return Err(AppError::validation("memberId", "所选党员不在册"));
        }
    }
    if let Some(h) = input.households {
        if !(1..=50).contains(&h) {
            return Err(AppError::validation("households", "联系户数应在 1 到 50 之间"));
        }
    }
    let committee = check_committee(tx, &input.committee)?;
    let entity = input.entity || level != OrgLevel::Branch;
    tx.execute(
        "INSERT INTO party_orgs (parent_id, level, kind, entity, name, grid_id, compound_id, building_id, member_id,
                                 households, founded_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            input.parent_id,
            level,
            input.kind,
            entity,
            name,
            input.grid_id,
            input.compound_id,
            input.building_id,
            if level == OrgLevel::Household { input.member_id } else { None },
            input.households,
            founded.to_string(),
            tx.now_str()
        ],
    )?;
    let id = tx.last_insert_rowid();
    let event = insert_event(tx, id, OrgEventKind::Founded, &founded.to_string(), None, "")?;
    insert_committee(tx, id, event, &founded.to_string(), &committee)?;
    tx.audit("party_org", Some(id), "create", &format!("成立{}「{name}」", input.kind.label()))?;
    Ok(id)
}

impl Station {
    pub fn party_org_tree(&self, actor: &StaffActor) -> Result<OrgTree> {
        require_party(self.conn(), actor)?;
        let all: Vec<OrgRow> = self
            .conn()
            .prepare_cached(&format!("{ORG_SELECT} ORDER BY o.id"))?
            .query_map([], org_from)?
            .collect::<rusqlite::Result<_>>()?;
        // parents before children, siblings by name: a depth-first walk from the tops
        let mut orgs = Vec::with_capacity(all.len());
        let mut stack: Vec<&OrgRow> = all.iter().filter(|o| o.parent_id.is_none()).collect();
        stack.sort_by(|a, b| b.name.cmp(&a.name));
        while let Some(o) = stack.pop() {
            orgs.push(o.clone());
            let mut kids: Vec<&OrgRow> = all.iter().filter(|c| c.parent_id == Some(o.id)).collect();
            kids.sort_by(|a, b| b.name.cmp(&a.name));
            stack.extend(kids);
        }
        let uncovered = self
            .conn()
            .prepare_cached(
                "SELECT 'grid', id, name FROM grids g WHERE NOT EXISTS (SELECT 1 FROM party_orgs o
                    WHERE o.dissolved_on IS NULL AND (o.grid_id = g.id OR o.compound_id IN (SELECT id FROM compounds WHERE grid_id = g.id)))
                 UNION ALL
                 SELECT 'compound', id, name FROM compounds c WHERE NOT EXISTS (SELECT 1 FROM party_orgs o
                    WHERE o.dissolved_on IS NULL AND o.compound_id = c.id)
                 ORDER BY 1 DESC, 3",
            )?
            .query_map([], |r| Ok(UncoveredPlace { kind: r.get(0)?, id: r.get(1)?, name: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(OrgTree { orgs, uncovered })
    }

    pub fn party_org_get(&self, actor: &StaffActor, id: i64) -> Result<OrgDetail> {
        require_party(self.conn(), actor)?;
        let org = load_org(self.conn(), id)?;
        let committee = self
            .conn()
            .prepare_cached(
                "SELECT id, role, name, member_id, unit_name, from_on, until_on FROM party_committee_members
                  WHERE org_id = ?1 ORDER BY until_on IS NOT NULL, until_on DESC, id",
            )?
            .query_map([id], |r| {
                Ok(CommitteeMember {
                    id: r.get(0)?,
                    role: r.get(1)?,
                    name: r.get(2)?,
                    member_id: r.get(3)?,
                    unit_name: r.get(4)?,
                    from_on: r.get(5)?,
                    until_on: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let events = self
            .conn()
            .prepare_cached(
                "SELECT e.id, e.kind, e.on_date, m.name, e.detail, e.recorded_by FROM party_org_events e
                   LEFT JOIN party_orgs m ON m.id = e.merged_into WHERE e.org_id = ?1 ORDER BY e.on_date, e.id",
            )?
            .query_map([id], |r| {
                Ok(OrgEvent {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    on_date: r.get(2)?,
                    merged_into: r.get(3)?,
                    detail: r.get(4)?,
                    recorded_by: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(OrgDetail { org, committee, events })
    }

    pub fn party_org_create(&mut self, actor: &StaffActor, input: &OrgInput) -> Result<OrgDetail> {
        let id = self.party_write(actor, |tx| create_org(tx, input))?;
        self.party_org_get(actor, id)
    }

    /// 换届, 撤销, 合并 or 功能型转实体型: one dated event, never an edit that loses history.
    pub fn party_org_event(&mut self, actor: &StaffActor, input: &OrgEventInput) -> Result<OrgDetail> {
        self.party_write(actor, |tx| {
            let org = live_org(
                tx,
                "orgId",
                input.org_id,
                &[OrgLevel::Committee, OrgLevel::Branch, OrgLevel::Group, OrgLevel::Household],
            )?;
            let on = past_day("onDate", "变动日期", &input.on_date, tx.today())?.to_string();
            let last: String = tx.query_row(
                "SELECT MAX(on_date) FROM party_org_events WHERE org_id = ?1",
                [org.id],
                |r| r.get(0),
            )?;
            if on < last {
                return Err(AppError::validation("onDate", format!("变动日期早于该组织最近一次变动（{last}）")));
            }
            let detail = validate::optional_text("detail", "说明", &input.detail, 500)?;
            match input.kind {
                OrgEventKind::Founded => {
                    return Err(AppError::validation("kind", "成立请使用「新建组织」"));
                }
                OrgEventKind::Reelected => {
                    let committee = check_committee(tx, &input.committee)?;
                    if committee.is_empty() {
                        return Err(AppError::validation("committee", "换届请填写新一届委员"));
                    }
                    let event = insert_event(tx, org.id, input.kind, &on, None, &detail)?;
                    tx.execute(
                        "UPDATE party_committee_members SET until_on = ?1 WHERE org_id = ?2 AND until_on IS NULL",
                        params![on, org.id],
                    )?;
                    insert_committee(tx, org.id, event, &on, &committee)?;
                }
                OrgEventKind::Converted => {
                    if org.level != OrgLevel::Branch || org.entity {
                        return Err(AppError::validation("kind", "只有功能型党支部可以转为实体型"));
                    }
                    insert_event(tx, org.id, input.kind, &on, None, &detail)?;
                    tx.execute("UPDATE party_orgs SET entity = 1 WHERE id = ?1", [org.id])?;
                }
                OrgEventKind::Dissolved => {
                    let (members, children): (i64, i64) = tx.query_row(
                        "SELECT (SELECT COUNT(*) FROM party_members WHERE (org_id = ?1 OR group_id = ?1) AND status = 'active'),
                                (SELECT COUNT(*) FROM party_orgs WHERE parent_id = ?1 AND dissolved_on IS NULL)",
                        [org.id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?;
                    if members > 0 || children > 0 {
                        return Err(AppError::new(
                            ErrorCode::Conflict,
                            format!("「{}」还有 {members} 名在册党员、{children} 个下级组织，请先转移或合并", org.name),
                        ));
                    }
                    insert_event(tx, org.id, input.kind, &on, None, &detail)?;
                    close_org(tx, org.id, &on, None)?;
                }
                OrgEventKind::Merged => {
                    let Some(target) = input.merged_into else {
                        return Err(AppError::validation("mergedInto", "请选择合并到的组织"));
                    };
                    if target == org.id {
                        return Err(AppError::validation("mergedInto", "不能合并到自身"));
                    }
                    let t = live_org(tx, "mergedInto", target, &[org.level])?;
                    insert_event(tx, org.id, input.kind, &on, Some(t.id), &detail)?;
                    super::members::move_all(tx, &org, &t, &on)?;
                    // its groups and households now hang under the target (recorded in the event)
                    tx.execute(
                        "UPDATE party_orgs SET parent_id = ?1 WHERE parent_id = ?2 AND dissolved_on IS NULL",
                        params![t.id, org.id],
                    )?;
                    close_org(tx, org.id, &on, Some(t.id))?;
                }
            }
            tx.audit("party_org", Some(org.id), input.kind.as_str(), &format!("「{}」{}（{on}）", org.name, input.kind.label()))
        })?;
        self.party_org_get(actor, input.org_id)
    }
}

fn close_org(tx: &Tx, id: i64, on: &str, merged_into: Option<i64>) -> Result<()> {
    tx.execute(
        "UPDATE party_orgs SET dissolved_on = ?1, merged_into = ?2 WHERE id = ?3",
        params![on, merged_into, id],
    )?;
    tx.execute(
        "UPDATE party_committee_members SET until_on = ?1 WHERE org_id = ?2 AND until_on IS NULL",
        params![on, id],
    )?;
    Ok(())
}
