//! The hours/points ledger: approved entries only, append-only (the database refuses updates
//! and deletes). A correction is a reversing entry with a reason; a corrected amount is a
//! reversal plus a new entry. Hour claims (off-site service, self-reports) wait for approval
//! and only then reach the ledger. Rankings, a person's history and the service certificate
//! read from here.

use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An approved credit to append (the duty roster, micro-wishes, off-site service …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerCredit {
    pub volunteer_id: i64,
    /// Service time in whole minutes (0 allowed when only points are credited).
    pub minutes: i64,
    /// Points as given. To apply the admin's points rules, pass
    /// `points_for(tx, &service_kind, minutes)?`.
    pub points: i64,
    /// 值班服务, 微心愿, 助老服务 … (free text; the rules table prices known kinds)
    pub service_kind: String,
    /// "shift", "wish", "offsite", "self" or "activity".
    pub source: String,
    pub source_id: Option<i64>,
    pub note: String,
}

pub const SOURCES: [&str; 5] = ["shift", "wish", "offsite", "self", "activity"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LedgerEntry {
    pub id: i64,
    pub volunteer_id: i64,
    pub service_day: String,
    pub minutes: i64,
    pub points: i64,
    pub service_kind: String,
    pub source: String,
    pub source_id: Option<i64>,
    pub note: String,
    /// This entry reverses that one (a correction).
    pub reverses_id: Option<i64>,
    /// A later entry reverses this one.
    pub reversed: bool,
    pub created_at: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LedgerCorrection {
    pub entry_id: i64,
    pub reason: String,
    /// None: reverse only. Some(m): reverse and append the right amount of minutes.
    pub minutes: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RankingBy {
    Person,
    VolunteerKind,
    ServiceKind,
    Unit,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankingQuery {
    pub year: i32,
    /// None: the whole year.
    pub month: Option<u32>,
    pub by: RankingBy,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RankingRow {
    pub rank: u32,
    pub key_id: Option<i64>,
    pub label: String,
    pub minutes: i64,
    pub points: i64,
    /// People counted in the row (1 for a person).
    pub people: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceKindRule {
    pub id: Option<i64>,
    pub name: String,
    pub points_per_hour: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimInput {
    pub volunteer_id: i64,
    /// YYYY-MM-DD
    pub service_day: String,
    pub minutes: i64,
    pub service_kind: String,
    pub what: String,
    pub for_whom: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    Pending,
    Approved,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HourClaim {
    pub id: i64,
    pub volunteer_id: i64,
    pub volunteer_name: String,
    /// "offsite" (staff recorded) or "self" (reported at the kiosk)
    pub origin: String,
    pub service_day: String,
    pub minutes: i64,
    pub service_kind: String,
    pub what: String,
    pub for_whom: String,
    pub status: ClaimStatus,
    pub submitted_at: String,
    pub decision_note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClaimDecision {
    pub id: i64,
    pub approve: bool,
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateQuery {
    pub volunteer_id: i64,
    /// YYYY-MM-DD, inclusive
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateLine {
    pub service_day: String,
    pub service_kind: String,
    pub note: String,
    pub minutes: i64,
}

/// 志愿服务记录证明: what the 2020 rule on volunteer service records asks a certificate to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCertificate {
    pub station_name: String,
    pub community: String,
    pub name: String,
    pub gender: Option<String>,
    /// 140502********1234; None when no ID number is on record.
    pub id_number_masked: Option<String>,
    pub kind: String,
    pub unit: Option<String>,
    pub from: String,
    pub to: String,
    pub total_minutes: i64,
    pub total_points: i64,
    pub lines: Vec<CertificateLine>,
    pub issued_on: String,
}

/// The admin's rate for this kind of service (unknown kinds use 其他服务's), rounded to the
/// nearest point.
pub fn points_for(conn: &Connection, service_kind: &str, minutes: i64) -> Result<i64> {
    let rate: Option<i64> = conn
        .query_row(
            "SELECT points_per_hour FROM service_kinds WHERE name = ?1
             UNION ALL SELECT points_per_hour FROM service_kinds WHERE name = '其他服务' LIMIT 1",
            [service_kind],
            |r| r.get(0),
        )
        .optional()?;
    // Saturating: a caller's amount is checked against 24 hours after this, and a huge one
    // must reach that check as a refusal, not overflow here.
    Ok(minutes.max(0).saturating_mul(rate.unwrap_or(10)).saturating_add(30) / 60)
}

/// Appends an approved entry to the ledger and returns its id. Refuses a volunteer that does
/// not exist, negative or empty amounts, more than 24 hours in one entry, an unknown source.
/// The service day is today (station time). Audited as the transaction's actor.
pub fn ledger_credit(tx: &Tx, credit: &LedgerCredit) -> Result<i64> {
    append(tx, credit, tx.today())
}

pub(crate) fn append(tx: &Tx, c: &LedgerCredit, day: NaiveDate) -> Result<i64> {
    let name = super::volunteer_name(tx, c.volunteer_id)?;
    if !SOURCES.contains(&c.source.as_str()) {
        return Err(AppError::validation("source", format!("未知的时长来源「{}」", c.source)));
    }
    if c.minutes < 0 || c.points < 0 || (c.minutes == 0 && c.points == 0) {
        return Err(AppError::validation("minutes", "服务时长和积分不能为负，也不能都为 0"));
    }
    if c.minutes > 24 * 60 {
        return Err(AppError::validation("minutes", "一条记录的服务时长不能超过 24 小时"));
    }
    let kind = validate::required_text("serviceKind", "服务类别", &c.service_kind, 20)?;
    let note = validate::optional_text("note", "说明", &c.note, 200)?;
    tx.execute(
        "INSERT INTO volunteer_ledger (volunteer_id, service_day, minutes, points, service_kind, source, source_id,
                                       note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            c.volunteer_id,
            day.to_string(),
            c.minutes,
            c.points,
            kind,
            c.source,
            c.source_id,
            note,
            tx.now_str(),
            tx.actor.staff_id()
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit(
        "volunteer_ledger",
        Some(id),
        "credit",
        &format!(
            "{} {kind} {} {} 分（{}）",
            crate::privacy::audit_name(&name),
            super::format_minutes(c.minutes),
            c.points,
            c.source
        ),
    )?;
    Ok(id)
}

/// Appends the entry that cancels `entry_id`. Returns the reversal's id.
pub(crate) fn reverse(tx: &Tx, entry_id: i64, reason: &str) -> Result<i64> {
    let reason = validate::required_text("reason", "更正原因", reason, 200)?;
    let entry: Option<(i64, String, i64, i64, String, Option<i64>)> = tx
        .query_row(
            "SELECT volunteer_id, service_day, minutes, points, service_kind, reverses_id FROM volunteer_ledger WHERE id = ?1",
            [entry_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let (volunteer_id, day, minutes, points, kind, reverses) = entry.ok_or_else(|| AppError::not_found("时长记录"))?;
    if reverses.is_some() {
        return Err(AppError::new(ErrorCode::Conflict, "这是一条更正记录，不能再更正"));
    }
    let already: bool =
        tx.query_row("SELECT EXISTS (SELECT 1 FROM volunteer_ledger WHERE reverses_id = ?1)", [entry_id], |r| {
            r.get(0)
        })?;
    if already {
        return Err(AppError::new(ErrorCode::Conflict, "这条记录已经更正过了"));
    }
    tx.execute(
        "INSERT INTO volunteer_ledger (volunteer_id, service_day, minutes, points, service_kind, source, source_id,
                                       note, reverses_id, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, 'correction', NULL, ?6, ?7, ?8, ?9)",
        params![volunteer_id, day, -minutes, -points, kind, reason, entry_id, tx.now_str(), tx.actor.staff_id()],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit("volunteer_ledger", Some(id), "reverse", &format!("冲销第 {entry_id} 条：{reason}"))?;
    Ok(id)
}

const ENTRY_SELECT: &str = "SELECT l.id, l.volunteer_id, l.service_day, l.minutes, l.points, l.service_kind, l.source,
        l.source_id, l.note, l.reverses_id, EXISTS (SELECT 1 FROM volunteer_ledger x WHERE x.reverses_id = l.id),
        l.created_at
    FROM volunteer_ledger l";

fn entry_from(r: &rusqlite::Row) -> rusqlite::Result<LedgerEntry> {
    Ok(LedgerEntry {
        id: r.get(0)?,
        volunteer_id: r.get(1)?,
        service_day: r.get(2)?,
        minutes: r.get(3)?,
        points: r.get(4)?,
        service_kind: r.get(5)?,
        source: r.get(6)?,
        source_id: r.get(7)?,
        note: r.get(8)?,
        reverses_id: r.get(9)?,
        reversed: r.get(10)?,
        created_at: r.get(11)?,
    })
}

/// A person's total approved minutes (what every total and ranking is built from).
pub fn total_minutes(conn: &Connection, volunteer_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(minutes), 0) FROM volunteer_ledger WHERE volunteer_id = ?1",
        [volunteer_id],
        |r| r.get(0),
    )?)
}

/// One person in the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedPerson {
    /// 1-based; people with equal minutes share a rank (并列): 1, 2, 2, 4.
    pub rank: u32,
    pub volunteer_id: i64,
    pub name: String,
    pub minutes: i64,
    pub points: i64,
}

/// THE person ranking, for the ranking page and the monthly summary's top ten alike: net
/// minutes of the service days `from`..=`to` (corrections included), people above zero only;
/// most minutes first, then name by pinyin, then id (namesakes); equal minutes share a rank
/// (并列). The first `limit` in that order: at a tie across the cut, pinyin decides who is in.
/// Names are read only for the people at or above the cut's minutes (the view reads the
/// residents register), never for the whole month.
pub fn rank_people(conn: &Connection, from: NaiveDate, to: NaiveDate, limit: u32) -> Result<Vec<RankedPerson>> {
    const SQL: &str = "
        WITH t AS (SELECT volunteer_id AS vid, SUM(minutes) AS m, SUM(points) AS pts FROM volunteer_ledger
                    WHERE service_day BETWEEN ?1 AND ?2 GROUP BY volunteer_id HAVING SUM(minutes) > 0),
             cut AS (SELECT m FROM t ORDER BY m DESC LIMIT 1 OFFSET ?3 - 1)
        SELECT t.vid, p.name, t.m, t.pts FROM t JOIN volunteer_people p ON p.id = t.vid
         WHERE t.m >= COALESCE((SELECT m FROM cut), 0)
         ORDER BY t.m DESC, p.name_pinyin, t.vid LIMIT ?3";
    let limit = limit.max(1);
    let rows: Vec<(i64, String, i64, i64)> = conn
        .prepare_cached(SQL)?
        .query_map(params![from.to_string(), to.to_string(), limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Every row with more minutes than the cut is listed, so ranks within the list are the
    // ranks among everybody.
    let ranks = shared_ranks(rows.iter().map(|r| r.2));
    Ok(rows
        .into_iter()
        .zip(ranks)
        .map(|((volunteer_id, name, minutes, points), rank)| RankedPerson { rank, volunteer_id, name, minutes, points })
        .collect())
}

/// Competition ranks of values sorted most first: equal values share a rank (1, 2, 2, 4).
pub fn shared_ranks(sorted: impl Iterator<Item = i64>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    let mut prev: Option<i64> = None;
    for (i, v) in sorted.enumerate() {
        let rank = match (prev, out.last()) {
            (Some(p), Some(r)) if p == v => *r,
            _ => i as u32 + 1,
        };
        out.push(rank);
        prev = Some(v);
    }
    out
}

fn month_range(year: i32, month: Option<u32>) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || AppError::validation("month", "年份或月份不正确");
    match month {
        Some(m) => {
            let from = NaiveDate::from_ymd_opt(year, m, 1).ok_or_else(bad)?;
            let next =
                if m == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, m + 1, 1) };
            Ok((from, next.ok_or_else(bad)?.pred_opt().ok_or_else(bad)?))
        }
        None => Ok((
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(bad)?,
            NaiveDate::from_ymd_opt(year, 12, 31).ok_or_else(bad)?,
        )),
    }
}

/// 140502199001011234 → 140502********1234
fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

fn staff(actor: &StaffActor) -> Actor {
    Actor::Staff(actor.clone())
}

impl Station {
    /// A person's ledger, newest first.
    pub fn volunteer_history(&self, _actor: &StaffActor, volunteer_id: i64) -> Result<Vec<LedgerEntry>> {
        super::volunteer_name(self.conn(), volunteer_id)?;
        self.conn()
            .prepare(&format!("{ENTRY_SELECT} WHERE l.volunteer_id = ?1 ORDER BY l.service_day DESC, l.id DESC"))?
            .query_map([volunteer_id], entry_from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    /// Reverses an entry (with a reason), and when a corrected amount is given appends it.
    pub fn ledger_correct(&mut self, actor: &StaffActor, input: &LedgerCorrection) -> Result<Vec<LedgerEntry>> {
        let volunteer_id = self.write(&staff(actor), |tx| {
            reverse(tx, input.entry_id, &input.reason)?;
            let (volunteer_id, day, kind, source, source_id, note): (i64, String, String, String, Option<i64>, String) =
                tx.query_row(
                    "SELECT volunteer_id, service_day, service_kind, source, source_id, note FROM volunteer_ledger WHERE id = ?1",
                    [input.entry_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                )?;
            if let Some(minutes) = input.minutes {
                if minutes <= 0 {
                    return Err(AppError::validation("minutes", "更正后的时长应大于 0；要清零请只冲销"));
                }
                if minutes > 24 * 60 {
                    return Err(AppError::validation("minutes", "一条记录的服务时长不能超过 24 小时"));
                }
                let day = NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(AppError::internal)?;
                let credit = LedgerCredit {
                    volunteer_id,
                    minutes,
                    points: points_for(tx, &kind, minutes)?,
                    service_kind: kind,
                    source,
                    source_id,
                    note: format!("{note}（更正：{}）", input.reason.trim()),
                };
                let corrected = append(tx, &credit, day)?;
                // a wish's credited hours live on its helper row too: it now points at the
                // corrected entry, so the wish and the ledger keep saying the same
                if credit.source == "wish" {
                    tx.execute(
                        "UPDATE wish_helpers SET credited_minutes = ?1, credited_points = ?2, ledger_entry_id = ?3
                         WHERE ledger_entry_id = ?4",
                        params![minutes, credit.points, corrected, input.entry_id],
                    )?;
                }
            }
            Ok(volunteer_id)
        })?;
        self.volunteer_history(actor, volunteer_id)
    }

    pub fn service_kind_rules(&self) -> Result<Vec<ServiceKindRule>> {
        self.conn()
            .prepare("SELECT id, name, points_per_hour FROM service_kinds ORDER BY id")?
            .query_map([], |r| Ok(ServiceKindRule { id: r.get(0)?, name: r.get(1)?, points_per_hour: r.get(2)? }))?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    /// Admin sets points per hour for a kind of service (new kinds may be added). Entries
    /// already in the ledger keep the points they were credited with.
    pub fn service_kind_rule_save(
        &mut self,
        actor: &StaffActor,
        input: &ServiceKindRule,
    ) -> Result<Vec<ServiceKindRule>> {
        actor.require_admin()?;
        let name = validate::required_text("name", "服务类别", &input.name, 20)?;
        if !(0..=1000).contains(&input.points_per_hour) {
            return Err(AppError::validation("pointsPerHour", "每小时积分应在 0 到 1000 之间"));
        }
        self.write(&staff(actor), |tx| {
            let clash: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM service_kinds WHERE name = ?1 AND id IS NOT ?2)",
                params![name, input.id],
                |r| r.get(0),
            )?;
            if clash {
                return Err(AppError::validation("name", "已有同名的服务类别"));
            }
            let id = match input.id {
                None => {
                    tx.execute(
                        "INSERT INTO service_kinds (name, points_per_hour) VALUES (?1, ?2)",
                        params![name, input.points_per_hour],
                    )?;
                    tx.last_insert_rowid()
                }
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE service_kinds SET name = ?1, points_per_hour = ?2 WHERE id = ?3",
                        params![name, input.points_per_hour, id],
                    )?;
                    if n == 0 {
                        return Err(AppError::not_found("服务类别"));
                    }
                    id
                }
            };
            tx.audit("service_kind", Some(id), "save", &format!("{name} 每小时 {} 分", input.points_per_hour))
        })?;
        self.service_kind_rules()
    }

    /// Rankings by month or year, by person, volunteer kind, service kind or partner unit.
    /// Persons follow `rank_people` (minutes, then pinyin name, ties 并列); groups are by
    /// minutes, then name, equal minutes sharing a rank the same way.
    pub fn volunteer_ranking(&self, _actor: &StaffActor, q: &RankingQuery) -> Result<Vec<RankingRow>> {
        let (from, to) = month_range(q.year, q.month)?;
        let limit = q.limit.clamp(1, 200_000);
        if q.by == RankingBy::Person {
            return Ok(rank_people(self.conn(), from, to, limit)?
                .into_iter()
                .map(|p| RankingRow {
                    rank: p.rank,
                    key_id: Some(p.volunteer_id),
                    label: p.name,
                    minutes: p.minutes,
                    points: p.points,
                    people: 1,
                })
                .collect());
        }
        // The month's entries are summed per person straight from the covering index
        // (service_day, volunteer_id, minutes, points, service_kind); names, kinds and units
        // are joined to those sums only.
        const PER_PERSON: &str = "SELECT volunteer_id AS vid, SUM(minutes) AS m, SUM(points) AS pts
             FROM volunteer_ledger WHERE service_day BETWEEN ?1 AND ?2 GROUP BY volunteer_id";
        let sql = match q.by {
            RankingBy::Person | RankingBy::VolunteerKind => format!(
                "SELECT v.kind_id, k.name, SUM(t.m) AS total, SUM(t.pts), COUNT(*) FROM ({PER_PERSON}) t
                 JOIN volunteers v ON v.id = t.vid JOIN volunteer_kinds k ON k.id = v.kind_id
                 GROUP BY v.kind_id HAVING total > 0 ORDER BY total DESC, k.name LIMIT {limit}"
            ),
            RankingBy::Unit => format!(
                "SELECT v.unit_id, u.name, SUM(t.m) AS total, SUM(t.pts), COUNT(*) FROM ({PER_PERSON}) t
                 JOIN volunteers v ON v.id = t.vid JOIN partner_units u ON u.id = v.unit_id
                 GROUP BY v.unit_id HAVING total > 0 ORDER BY total DESC, u.name LIMIT {limit}"
            ),
            RankingBy::ServiceKind => format!(
                "SELECT NULL, service_kind, SUM(minutes) AS total, SUM(points), COUNT(DISTINCT volunteer_id)
                 FROM volunteer_ledger WHERE service_day BETWEEN ?1 AND ?2
                 GROUP BY service_kind HAVING total > 0 ORDER BY total DESC, service_kind LIMIT {limit}"
            ),
        };
        let rows: Vec<(Option<i64>, String, i64, i64, u32)> = self
            .conn()
            .prepare(&sql)?
            .query_map(params![from.to_string(), to.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let ranks = shared_ranks(rows.iter().map(|r| r.2));
        Ok(rows
            .into_iter()
            .zip(ranks)
            .map(|((key_id, label, minutes, points, people), rank)| RankingRow {
                rank,
                key_id,
                label,
                minutes,
                points,
                people,
            })
            .collect())
    }

    /// 志愿服务记录证明 for a period: reversed entries and their reversals leave the list.
    pub fn volunteer_certificate(&self, actor: &StaffActor, q: &CertificateQuery) -> Result<ServiceCertificate> {
        let from = validate::date("from", "开始日期", &q.from)?;
        let to = validate::date("to", "结束日期", &q.to)?;
        if to < from {
            return Err(AppError::validation("to", "结束日期不能早于开始日期"));
        }
        let v = self.volunteer_get(actor, q.volunteer_id)?;
        let settings = self.settings()?;
        let lines: Vec<(CertificateLine, i64)> = self
            .conn()
            .prepare(
                "SELECT l.service_day, l.service_kind, l.note, l.minutes, l.points FROM volunteer_ledger l
                 WHERE l.volunteer_id = ?1 AND l.service_day BETWEEN ?2 AND ?3 AND l.reverses_id IS NULL
                   AND NOT EXISTS (SELECT 1 FROM volunteer_ledger x WHERE x.reverses_id = l.id)
                 ORDER BY l.service_day, l.id",
            )?
            .query_map(params![q.volunteer_id, from.to_string(), to.to_string()], |r| {
                Ok((
                    CertificateLine {
                        service_day: r.get(0)?,
                        service_kind: r.get(1)?,
                        note: r.get(2)?,
                        minutes: r.get(3)?,
                    },
                    r.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ServiceCertificate {
            station_name: settings.station_name,
            community: settings.community,
            name: v.name,
            gender: v.gender.map(|g| if g == crate::residents::Gender::Male { "男" } else { "女" }.to_string()),
            id_number_masked: v.id_number.as_deref().map(mask_id_number),
            kind: v.kind,
            unit: v.unit,
            from: from.to_string(),
            to: to.to_string(),
            total_minutes: lines.iter().map(|(l, _)| l.minutes).sum(),
            total_points: lines.iter().map(|(_, p)| p).sum(),
            lines: lines.into_iter().map(|(l, _)| l).collect(),
            issued_on: self.today().to_string(),
        })
    }
}

/// Checks a claim's fields; shared by the desk (off-site) and the kiosk (self-report).
pub(crate) fn check_claim(tx: &Tx, c: &ClaimInput) -> Result<(NaiveDate, String, String, String)> {
    super::volunteer_name(tx, c.volunteer_id)?;
    let day = validate::past_date("serviceDay", "服务日期", &c.service_day, tx.today())?;
    if (tx.today() - day).num_days() > 366 {
        return Err(AppError::validation("serviceDay", "只能登记一年以内的服务"));
    }
    if !(1..=24 * 60).contains(&c.minutes) {
        return Err(AppError::validation("minutes", "服务时长应在 1 分钟到 24 小时之间"));
    }
    let kind = validate::required_text("serviceKind", "服务类别", &c.service_kind, 20)?;
    let what = validate::required_text("what", "服务内容", &c.what, 200)?;
    let for_whom = validate::optional_text("forWhom", "服务对象", &c.for_whom, 100)?;
    Ok((day, kind, what, for_whom))
}

pub(crate) fn insert_claim(tx: &Tx, origin: &str, c: &ClaimInput) -> Result<i64> {
    let (day, kind, what, for_whom) = check_claim(tx, c)?;
    tx.execute(
        "INSERT INTO hour_claims (volunteer_id, origin, service_day, minutes, service_kind, what, for_whom, submitted_at, submitted_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![c.volunteer_id, origin, day.to_string(), c.minutes, kind, what, for_whom, tx.now_str(), tx.actor.staff_id()],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit("hour_claim", Some(id), origin, &format!("{what} {}", super::format_minutes(c.minutes)))?;
    Ok(id)
}

fn claim_from(r: &rusqlite::Row) -> rusqlite::Result<HourClaim> {
    let status: String = r.get(9)?;
    Ok(HourClaim {
        id: r.get(0)?,
        volunteer_id: r.get(1)?,
        volunteer_name: r.get(2)?,
        origin: r.get(3)?,
        service_day: r.get(4)?,
        minutes: r.get(5)?,
        service_kind: r.get(6)?,
        what: r.get(7)?,
        for_whom: r.get(8)?,
        status: match status.as_str() {
            "approved" => ClaimStatus::Approved,
            "rejected" => ClaimStatus::Rejected,
            _ => ClaimStatus::Pending,
        },
        submitted_at: r.get(10)?,
        decision_note: r.get(11)?,
    })
}

const CLAIM_SELECT: &str = "SELECT c.id, c.volunteer_id, p.name, c.origin, c.service_day, c.minutes, c.service_kind,
        c.what, c.for_whom, c.status, c.submitted_at, c.decision_note
    FROM hour_claims c JOIN volunteer_people p ON p.id = c.volunteer_id";

impl Station {
    /// Off-site service recorded by staff: it counts once approved.
    pub fn hour_claim_record(&mut self, actor: &StaffActor, input: &ClaimInput) -> Result<HourClaim> {
        let id = self.write(&staff(actor), |tx| insert_claim(tx, "offsite", input))?;
        self.hour_claim_get(id)
    }

    pub(crate) fn hour_claim_get(&self, id: i64) -> Result<HourClaim> {
        self.conn()
            .query_row(&format!("{CLAIM_SELECT} WHERE c.id = ?1"), [id], claim_from)
            .optional()?
            .ok_or_else(|| AppError::not_found("时长申报"))
    }

    /// Claims waiting for approval, oldest first.
    pub fn hour_claims_pending(&self, _actor: &StaffActor) -> Result<Vec<HourClaim>> {
        self.conn()
            .prepare(&format!("{CLAIM_SELECT} WHERE c.status = 'pending' ORDER BY c.submitted_at, c.id"))?
            .query_map([], claim_from)?
            .collect::<rusqlite::Result<_>>()
            .map_err(AppError::from)
    }

    /// Approving appends the ledger entry (points by the admin's rules); rejecting needs a reason.
    pub fn hour_claim_decide(&mut self, actor: &StaffActor, input: &ClaimDecision) -> Result<HourClaim> {
        let note = validate::optional_text("note", "审核意见", &input.note, 200)?;
        if !input.approve && note.is_empty() {
            return Err(AppError::validation("note", "不通过时请写明原因"));
        }
        self.write(&staff(actor), |tx| {
            let claim = tx
                .query_row(&format!("{CLAIM_SELECT} WHERE c.id = ?1"), [input.id], claim_from)
                .optional()?
                .ok_or_else(|| AppError::not_found("时长申报"))?;
            if claim.status != ClaimStatus::Pending {
                return Err(AppError::new(ErrorCode::Conflict, "这条申报已经审核过了"));
            }
            let entry = if input.approve {
                let day = NaiveDate::parse_from_str(&claim.service_day, "%Y-%m-%d").map_err(AppError::internal)?;
                let credit = LedgerCredit {
                    volunteer_id: claim.volunteer_id,
                    minutes: claim.minutes,
                    points: points_for(tx, &claim.service_kind, claim.minutes)?,
                    service_kind: claim.service_kind.clone(),
                    source: claim.origin.clone(),
                    source_id: Some(claim.id),
                    note: if claim.for_whom.is_empty() {
                        claim.what.clone()
                    } else {
                        format!("{}（{}）", claim.what, claim.for_whom)
                    },
                };
                Some(append(tx, &credit, day)?)
            } else {
                None
            };
            tx.execute(
                "UPDATE hour_claims SET status = ?1, decided_at = ?2, decided_by = ?3, decision_note = ?4, ledger_entry_id = ?5
                 WHERE id = ?6",
                params![
                    if input.approve { "approved" } else { "rejected" },
                    tx.now_str(),
                    tx.actor.staff_id(),
                    note,
                    entry,
                    input.id
                ],
            )?;
            tx.audit("hour_claim", Some(input.id), if input.approve { "approve" } else { "reject" }, &note)
        })?;
        self.hour_claim_get(input.id)
    }
}

/// Today's year and month, for the ranking page's default.
pub fn current_month(today: NaiveDate) -> (i32, u32) {
    (today.year(), today.month())
}
