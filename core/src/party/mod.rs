//! The organisation system (组织体系), part 1: the four-level party chain (社区党委 / 党总支 →
//! 党支部 → 党小组 → 党员中心户), the party-member ledger (党员信息台账), 三会一课 with quotas and
//! compliance, and dues (党费) in 分 with closed, hash-chained months.
//!
//! Rule of thumb: history is events. An organisation's 成立 / 换届 / 撤销 / 合并 and a member's
//! 转入 / 转出 / 流动 / 转正 / 停止党籍 / 去世 are dated rows that are never edited; the current
//! standing stored on the row is their fold (`members::fold`), so the ledger as of any date can
//! be rebuilt. The national system (全国党员管理信息系统) stays the authority: its roster export
//! is imported (`import`), checked (`members::checks`) and reconciled.
//!
//! Party data is sensitive (PIPL Art. 28): every function here needs an admin or a staff member
//! an admin granted "党务" access; the kiosk reaches none of it.
//!
//! `orgs` the tree and its events, `members` the ledger, `meetings` 三会一课 and compliance,
//! `dues` the formulas, payments, the month sheet and its closing, `import` the roster export.

use crate::actor::StaffActor;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod demo;
pub mod dues;
pub mod import;
pub mod meetings;
pub mod members;
pub mod orgs;

pub use dues::*;
pub use meetings::*;
pub use members::*;
pub use orgs::*;

/// A closed list stored as text: `as_str` / `parse` / `label` from one table.
macro_rules! text_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($code => Some($name::$variant),)* _ => None }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// By its Chinese label (imports, the command line).
            pub fn from_label(s: &str) -> Option<$name> {
                let s = s.trim();
                $name::ALL.iter().copied().find(|v| v.label() == s)
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                $name::parse(s).ok_or_else(|| rusqlite::types::FromSqlError::Other(format!("{s}").into()))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
    };
}
pub(crate) use text_enum;

/// Longest free text in a party record (minutes, decisions).
pub(crate) const LONG_TEXT: usize = 20_000;

/// Whether this staff member may see and change party work: admins, and those an admin granted.
pub fn require_party(conn: &Connection, actor: &StaffActor) -> Result<()> {
    if actor.role == crate::Role::Admin {
        return Ok(());
    }
    let granted: bool =
        conn.query_row("SELECT EXISTS (SELECT 1 FROM party_access WHERE staff_id = ?1)", [actor.id], |r| r.get(0))?;
    if granted {
        Ok(())
    } else {
        Err(AppError::new(ErrorCode::Forbidden, "党务信息需要管理员授予「党务」权限后才能查看"))
    }
}

/// YYYY-MM-DD, not in the future, not before 1900.
pub(crate) fn past_day(field: &str, label: &str, value: &str, today: NaiveDate) -> Result<NaiveDate> {
    crate::validate::past_date(field, label, value, today)
}

/// YYYY-MM → its first day.
pub fn parse_month(field: &str, value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()) && v.len() == 7)
        .ok_or_else(|| AppError::validation(field, "月份格式不正确，应为 年-月，如 2026-11"))
}

pub(crate) fn month_str(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

pub(crate) fn next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d)
}

pub(crate) fn month_end(first: NaiveDate) -> NaiveDate {
    next_month(first).pred_opt().unwrap_or(first)
}

/// Months added to a date, clamped to the month's last day (2025-02-28 + 12 = 2026-02-28).
pub(crate) fn add_months(d: NaiveDate, months: i32) -> NaiveDate {
    let total = d.year() * 12 + d.month0() as i32 + months;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d);
    let last = month_end(first).day();
    NaiveDate::from_ymd_opt(y, m, d.day().min(last)).unwrap_or(first)
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartyAccessRow {
    pub staff_id: i64,
    pub display_name: String,
    pub username: String,
    pub role: crate::Role,
    pub granted: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartyAccessInput {
    pub staff_id: i64,
    pub granted: bool,
}

impl Station {
    /// Whether the signed-in staff member may open the party pages (the menu asks).
    pub fn party_can_access(&self, actor: &StaffActor) -> Result<bool> {
        Ok(require_party(self.conn(), actor).is_ok())
    }

    /// Every staff account and whether it has "党务" access (admin).
    pub fn party_access_list(&self, actor: &StaffActor) -> Result<Vec<PartyAccessRow>> {
        actor.require_admin()?;
        let mut stmt = self.conn().prepare(
            "SELECT s.id, s.display_name, s.username, s.role, a.staff_id IS NOT NULL
               FROM staff s LEFT JOIN party_access a ON a.staff_id = s.id
              WHERE s.disabled = 0 ORDER BY s.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let role: String = r.get(3)?;
            let role = crate::Role::parse(&role).unwrap_or(crate::Role::Staff);
            Ok(PartyAccessRow {
                staff_id: r.get(0)?,
                display_name: r.get(1)?,
                username: r.get(2)?,
                role,
                granted: role == crate::Role::Admin || r.get::<_, bool>(4)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>().map_err(AppError::from)
    }

    /// Grants or withdraws "党务" access (admin; audited).
    pub fn party_access_set(&mut self, actor: &StaffActor, input: &PartyAccessInput) -> Result<Vec<PartyAccessRow>> {
        actor.require_admin()?;
        self.write(&crate::Actor::Staff(actor.clone()), |tx| {
            let name: Option<String> = tx
                .query_row("SELECT display_name FROM staff WHERE id = ?1", [input.staff_id], |r| r.get(0))
                .optional()?;
            let name = name.ok_or_else(|| AppError::not_found("工作人员"))?;
            if input.granted {
                tx.execute(
                    "INSERT OR IGNORE INTO party_access (staff_id, granted_by, granted_at) VALUES (?1, ?2, ?3)",
                    params![input.staff_id, actor.id, tx.now_str()],
                )?;
            } else {
                tx.execute("DELETE FROM party_access WHERE staff_id = ?1", [input.staff_id])?;
            }
            let what = if input.granted { "授予" } else { "收回" };
            tx.audit(
                "party_access",
                Some(input.staff_id),
                if input.granted { "grant" } else { "revoke" },
                &format!("{what}{name}「党务」权限"),
            )
        })?;
        self.party_access_list(actor)
    }

    /// A party write: the access check inside the write transaction.
    pub(crate) fn party_write<T>(&mut self, actor: &StaffActor, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        self.write(&crate::Actor::Staff(actor.clone()), |tx| {
            require_party(tx, actor)?;
            f(tx)
        })
    }
}

#[cfg(test)]
mod tests;
