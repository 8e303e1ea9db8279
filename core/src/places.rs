//! Where residents live: grids (网格) > compounds (小区) > buildings (楼栋), and the
//! editable tag list (独居老人, 低保户 …). Small tables, edited by admins.

use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Grid {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Compound {
    pub id: i64,
    pub grid_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Building {
    pub id: i64,
    pub compound_id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Places {
    pub grids: Vec<Grid>,
    pub compounds: Vec<Compound>,
    pub buildings: Vec<Building>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    Grid,
    Compound,
    Building,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlaceInput {
    pub kind: PlaceKind,
    /// None creates a new place; Some renames it.
    pub id: Option<i64>,
    /// The grid of a compound, the compound of a building.
    pub parent_id: Option<i64>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tag {
    pub id: i64,
    pub name: String,
    /// Sensitive personal information (低保户, 残疾人 …): kept only with the resident's
    /// separate consent (`privacy::consent`).
    pub sensitive: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagInput {
    pub id: Option<i64>,
    pub name: String,
    #[serde(default)]
    pub sensitive: bool,
}

struct PlaceTable {
    table: &'static str,
    entity: &'static str,
    label: &'static str,
    parent: Option<(&'static str, &'static str, &'static str)>, // column, parent table, parent label
}

fn table_of(kind: PlaceKind) -> PlaceTable {
    match kind {
        PlaceKind::Grid => PlaceTable { table: "grids", entity: "grid", label: "网格", parent: None },
        PlaceKind::Compound => PlaceTable {
            table: "compounds",
            entity: "compound",
            label: "小区",
            parent: Some(("grid_id", "grids", "所属网格")),
        },
        PlaceKind::Building => PlaceTable {
            table: "buildings",
            entity: "building",
            label: "楼栋",
            parent: Some(("compound_id", "compounds", "所属小区")),
        },
    }
}

/// A new grid, compound (under `parent`, its grid) or building (under its compound); the
/// caller has checked the name and the parent. Returns its id.
pub(crate) fn insert_place(tx: &crate::db::Tx, kind: PlaceKind, parent: Option<i64>, name: &str) -> Result<i64> {
    let t = table_of(kind);
    match t.parent {
        None => tx.execute(&format!("INSERT INTO {} (name) VALUES (?1)", t.table), [name])?,
        Some((col, _, _)) => {
            tx.execute(&format!("INSERT INTO {} ({col}, name) VALUES (?1, ?2)", t.table), params![parent, name])?
        }
    };
    Ok(tx.last_insert_rowid())
}

impl Station {
    pub fn places(&self) -> Result<Places> {
        let c = self.conn();
        let grids = c
            .prepare("SELECT id, name FROM grids ORDER BY id")?
            .query_map([], |r| Ok(Grid { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let compounds = c
            .prepare("SELECT id, grid_id, name FROM compounds ORDER BY grid_id, id")?
            .query_map([], |r| Ok(Compound { id: r.get(0)?, grid_id: r.get(1)?, name: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        let buildings = c
            .prepare("SELECT id, compound_id, name FROM buildings ORDER BY compound_id, id")?
            .query_map([], |r| Ok(Building { id: r.get(0)?, compound_id: r.get(1)?, name: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Places { grids, compounds, buildings })
    }

    pub fn place_save(&mut self, actor: &StaffActor, input: &PlaceInput) -> Result<Places> {
        actor.require_admin()?;
        let t = table_of(input.kind);
        let name = validate::required_text("name", &format!("{}名称", t.label), &input.name, 40)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let parent = match t.parent {
                None => None,
                Some((_, parent_table, parent_label)) => {
                    let pid = input
                        .parent_id
                        .ok_or_else(|| AppError::validation("parentId", format!("请选择{parent_label}")))?;
                    let exists: bool = tx.query_row(
                        &format!("SELECT EXISTS (SELECT 1 FROM {parent_table} WHERE id = ?1)"),
                        [pid],
                        |r| r.get(0),
                    )?;
                    if !exists {
                        return Err(AppError::validation("parentId", format!("{parent_label}不存在")));
                    }
                    Some(pid)
                }
            };
            let clash_sql = match t.parent {
                None => format!("SELECT id FROM {} WHERE name = ?1 AND ?2 IS NULL", t.table),
                Some((col, _, _)) => format!("SELECT id FROM {} WHERE name = ?1 AND {col} = ?2", t.table),
            };
            let clash: Option<i64> = tx.query_row(&clash_sql, params![name, parent], |r| r.get(0)).optional()?;
            if clash.is_some_and(|id| Some(id) != input.id) {
                return Err(AppError::validation("name", format!("已有同名{}「{name}」", t.label)));
            }
            match input.id {
                None => {
                    let id = insert_place(tx, input.kind, parent, &name)?;
                    tx.audit(t.entity, Some(id), "create", &name)
                }
                Some(id) => {
                    let changed =
                        tx.execute(&format!("UPDATE {} SET name = ?1 WHERE id = ?2", t.table), params![name, id])?;
                    if changed == 0 {
                        return Err(AppError::not_found(t.label));
                    }
                    tx.audit(t.entity, Some(id), "rename", &name)
                }
            }
        })?;
        self.places()
    }

    pub fn tags(&self) -> Result<Vec<Tag>> {
        let rows = self
            .conn()
            .prepare("SELECT id, name, sensitive FROM tags ORDER BY id")?
            .query_map([], |r| Ok(Tag { id: r.get(0)?, name: r.get(1)?, sensitive: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn tag_save(&mut self, actor: &StaffActor, input: &TagInput) -> Result<Vec<Tag>> {
        actor.require_admin()?;
        let name = validate::required_text("name", "标签名称", &input.name, 20)?;
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let clash: Option<i64> =
                tx.query_row("SELECT id FROM tags WHERE name = ?1", [&name], |r| r.get(0)).optional()?;
            if clash.is_some_and(|id| Some(id) != input.id) {
                return Err(AppError::validation("name", format!("已有标签「{name}」")));
            }
            match input.id {
                None => {
                    tx.execute("INSERT INTO tags (name, sensitive) VALUES (?1, ?2)", params![name, input.sensitive])?;
                    tx.audit("tag", Some(tx.last_insert_rowid()), "create", &sensitive_words(&name, input.sensitive))
                }
                Some(id) => {
                    if tx.execute(
                        "UPDATE tags SET name = ?1, sensitive = ?2 WHERE id = ?3",
                        params![name, input.sensitive, id],
                    )? == 0
                    {
                        return Err(AppError::not_found("标签"));
                    }
                    tx.audit("tag", Some(id), "rename", &sensitive_words(&name, input.sensitive))
                }
            }
        })?;
        self.tags()
    }
}

fn sensitive_words(name: &str, sensitive: bool) -> String {
    if sensitive {
        format!("{name}（敏感信息）")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use crate::testing::station_with_admin;

    fn add(st: &mut Station, admin: &StaffActor, kind: PlaceKind, parent: Option<i64>, name: &str) -> Result<Places> {
        st.place_save(admin, &PlaceInput { kind, id: None, parent_id: parent, name: name.into() })
    }

    #[test]
    fn places_form_a_tree() {
        let (mut st, admin, _) = station_with_admin();
        let p = add(&mut st, &admin, PlaceKind::Grid, None, "第一网格").unwrap();
        let grid = p.grids[0].id;
        let p = add(&mut st, &admin, PlaceKind::Compound, Some(grid), "阳光花园").unwrap();
        let compound = p.compounds[0].id;
        let p = add(&mut st, &admin, PlaceKind::Building, Some(compound), "1号楼").unwrap();
        assert_eq!(p.buildings[0].compound_id, compound);
        let err = add(&mut st, &admin, PlaceKind::Building, None, "2号楼").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("parentId"));
        let err = add(&mut st, &admin, PlaceKind::Building, Some(9999), "2号楼").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("parentId"));
    }

    #[test]
    fn names_are_unique_within_their_parent() {
        let (mut st, admin, _) = station_with_admin();
        let g1 = add(&mut st, &admin, PlaceKind::Grid, None, "第一网格").unwrap().grids[0].id;
        let g2 = add(&mut st, &admin, PlaceKind::Grid, None, "第二网格").unwrap().grids[1].id;
        assert!(add(&mut st, &admin, PlaceKind::Grid, None, "第一网格").is_err());
        add(&mut st, &admin, PlaceKind::Compound, Some(g1), "幸福里").unwrap();
        add(&mut st, &admin, PlaceKind::Compound, Some(g2), "幸福里").unwrap();
        assert!(add(&mut st, &admin, PlaceKind::Compound, Some(g1), "幸福里").is_err());
    }

    #[test]
    fn rename_and_tags() {
        let (mut st, admin, clerk) = station_with_admin();
        let g = add(&mut st, &admin, PlaceKind::Grid, None, "第一网格").unwrap().grids[0].id;
        let p = st
            .place_save(
                &admin,
                &PlaceInput { kind: PlaceKind::Grid, id: Some(g), parent_id: None, name: "一网格".into() },
            )
            .unwrap();
        assert_eq!(p.grids[0].name, "一网格");
        let before = st.tags().unwrap().len();
        let tags = st.tag_save(&admin, &TagInput { id: None, name: "失独家庭".into(), sensitive: true }).unwrap();
        assert_eq!(tags.len(), before + 1);
        assert!(
            st.tag_save(&admin, &TagInput { id: None, name: "党员".into(), sensitive: false }).is_err(),
            "exists already"
        );
        let err = st.tag_save(&clerk, &TagInput { id: None, name: "新标签".into(), sensitive: false }).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
    }
}
