//! Routing by kind: the editable list of departments the station summons (街乡吹哨、部门报到)
//! and the direct-report checklist of emergencies (who was called, when).

use super::deadlines::parse_local_minute;
use super::workflow::{self, begin};
use super::{CaseAction, CaseDetail};
use crate::actor::{Actor, StaffActor};
use crate::clock;
use crate::db::{Station, Tx};
use crate::error::{AppError, Result};
use crate::validate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub archived: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DepartmentInput {
    /// None adds a department.
    pub id: Option<i64>,
    pub name: String,
    pub contact: String,
    pub phone: String,
    /// Taken off the list for new cases (cases that named it keep the name).
    pub archived: bool,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseCallInput {
    pub id: i64,
    /// Who was called: 街道应急办 王主任.
    pub callee: String,
    /// "YYYY-MM-DD HH:MM" station time; None = now.
    pub called_at: Option<String>,
    pub note: String,
}

pub(crate) fn direct_report(tx: &Tx, input: &CaseCallInput) -> Result<()> {
    let f = begin(tx, input.id, CaseAction::DirectReport)?;
    let callee = validate::required_text("callee", "联系对象", &input.callee, 40)?;
    let note = validate::optional_text("note", "备注", &input.note, 200)?;
    let at = match input.called_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(v) => {
            let at = parse_local_minute("calledAt", "联系时间", v, tx.tz)?;
            if at > tx.now {
                return Err(AppError::validation("calledAt", "联系时间不能晚于现在"));
            }
            at
        }
        None => tx.now,
    };
    tx.execute(
        "INSERT INTO case_calls (case_id, callee, called_at, note, by_name) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![f.id, callee, clock::timestamp(at), note, tx.actor.display_name()],
    )?;
    let local = at.with_timezone(&tx.tz).format("%m月%d日 %H:%M");
    let text =
        if note.is_empty() { format!("{local} 已报 {callee}") } else { format!("{local} 已报 {callee}：{note}") };
    workflow::record(tx, &f, CaseAction::DirectReport, f.status, f.level, &text)?;
    Ok(())
}

impl Station {
    pub fn case_departments(&self) -> Result<Vec<Department>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, name, contact, phone, archived_at IS NOT NULL FROM case_departments ORDER BY archived_at IS NOT NULL, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Department { id: r.get(0)?, name: r.get(1)?, contact: r.get(2)?, phone: r.get(3)?, archived: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn case_department_save(&mut self, actor: &StaffActor, input: &DepartmentInput) -> Result<Vec<Department>> {
        let name = validate::required_text("name", "部门名称", &input.name, 40)?;
        let contact = validate::optional_text("contact", "联系人", &input.contact, 30)?;
        let phone = match input.phone.trim() {
            "" => String::new(),
            v => validate::phone("phone", v)?,
        };
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let holder: Option<i64> = tx
                .query_row("SELECT id FROM case_departments WHERE name = ?1", [&name], |r| r.get(0))
                .optional()?;
            if holder.is_some_and(|h| Some(h) != input.id) {
                return Err(AppError::validation("name", format!("已有名为「{name}」的部门")));
            }
            let archived_at = input.archived.then(|| tx.now_str());
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO case_departments (name, contact, phone, archived_at) VALUES (?1, ?2, ?3, ?4)",
                        params![name, contact, phone, archived_at],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE case_departments SET name = ?1, contact = ?2, phone = ?3, archived_at = ?4 WHERE id = ?5",
                        params![name, contact, phone, archived_at, id],
                    )?;
                    if n == 0 {
                        return Err(AppError::not_found("部门"));
                    }
                    id
                }
            };
            tx.audit("case_department", Some(id), if input.id.is_some() { "update" } else { "create" }, &name)
        })?;
        self.case_departments()
    }

    pub fn case_direct_report(&mut self, actor: &StaffActor, input: &CaseCallInput) -> Result<CaseDetail> {
        self.case_write(actor, input.id, |tx| direct_report(tx, input))
    }
}
