//! 组织生活: 三会一课 (支部党员大会, 支委会, 党小组会, 党课), 主题党日, 组织生活会 and 民主评议党员.
//! A meeting's record moves draft → submitted → approved (`MeetingStep::target`, one match);
//! approved minutes are read-only (the database refuses an edit) and corrections are appended.
//! Quotas (editable by the admin) say how many of each kind an organisation holds per month,
//! quarter or year; compliance compares them with the approved meetings and their attendance.

use super::orgs::{live_org, load_org, OrgLevel};
use super::{require_party, text_enum, LONG_TEXT};
use crate::actor::StaffActor;
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum!(
    MeetingKind {
        GeneralMeeting = "general_meeting" / "支部党员大会",
        CommitteeMeeting = "committee_meeting" / "支委会",
        GroupMeeting = "group_meeting" / "党小组会",
        Lecture = "lecture" / "党课",
        ThemeDay = "theme_day" / "主题党日",
        LifeMeeting = "life_meeting" / "组织生活会",
        Appraisal = "appraisal" / "民主评议党员",
    }
);

impl MeetingKind {
    /// Which organisations hold it: 党小组会 the groups, the rest the branches (党课 also the committee).
    pub fn levels(self) -> &'static [OrgLevel] {
        match self {
            MeetingKind::GroupMeeting => &[OrgLevel::Group],
            MeetingKind::Lecture => &[OrgLevel::Branch, OrgLevel::Committee],
            _ => &[OrgLevel::Branch],
        }
    }
}

text_enum!(MeetingState { Draft = "draft" / "草稿", Submitted = "submitted" / "已提交", Approved = "approved" / "已审定" });

text_enum!(MeetingStep { Submit = "submit" / "提交", Approve = "approve" / "审定", Return = "return" / "退回修改" });

impl MeetingStep {
    /// Every allowed move of a record, in one place.
    pub fn target(self, from: MeetingState) -> Option<MeetingState> {
        use MeetingState as S;
        match (self, from) {
            (MeetingStep::Submit, S::Draft) => Some(S::Submitted),
            (MeetingStep::Approve, S::Submitted) => Some(S::Approved),
            (MeetingStep::Return, S::Submitted) => Some(S::Draft),
            _ => None,
        }
    }
}

text_enum!(QuotaPeriod { Month = "month" / "每月", Quarter = "quarter" / "每季度", Year = "year" / "每年" });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AbsenceInput {
    pub member_id: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingInput {
    /// a draft being edited; None: a new record
    pub id: Option<i64>,
    pub org_id: i64,
    pub kind: MeetingKind,
    /// a draft may be planned ahead (up to a year); it is submitted once held
    pub held_on: String,
    pub starts_at: String,
    /// HH:MM; needed with a room
    #[serde(default)]
    pub ends_at: String,
    /// a station room: booked through the activities' rooms (never clashing with an activity or
    /// an approved venue request); `place` then is the room's name
    #[serde(default)]
    pub venue_id: Option<i64>,
    pub place: String,
    pub host: String,
    pub recorder: String,
    pub topic: String,
    pub minutes: String,
    pub decisions: String,
    /// 列席: guests, one a line (name and unit)
    pub guests: String,
    /// who should attend; None: the organisation's members on the ledger (支委会: its committee)
    pub due_member_ids: Option<Vec<i64>>,
    /// the absent, each with a reason; everyone else due was present
    pub absences: Vec<AbsenceInput>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingStepInput {
    pub id: i64,
    pub step: MeetingStep,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingNoteInput {
    pub id: i64,
    pub text: String,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingQuery {
    pub org_id: Option<i64>,
    pub kind: Option<MeetingKind>,
    pub state: Option<MeetingState>,
    /// YYYY-MM-DD, inclusive
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingRow {
    pub id: i64,
    pub org_id: i64,
    pub org_name: String,
    pub kind: MeetingKind,
    pub held_on: String,
    pub topic: String,
    pub state: MeetingState,
    pub due: u32,
    pub present: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendanceLine {
    pub member_id: i64,
    pub name: String,
    pub present: bool,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingNote {
    pub text: String,
    pub at: String,
    pub by_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MeetingDetail {
    pub row: MeetingRow,
    pub starts_at: String,
    pub ends_at: String,
    pub venue_id: Option<i64>,
    pub place: String,
    pub host: String,
    pub recorder: String,
    pub minutes: String,
    pub decisions: String,
    pub guests: String,
    pub attendance: Vec<AttendanceLine>,
    pub notes: Vec<MeetingNote>,
    pub approved_at: Option<String>,
    pub approved_by: Option<String>,
    /// what may be done now
    pub steps: Vec<MeetingStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Quota {
    pub kind: MeetingKind,
    pub period: QuotaPeriod,
    pub times: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceInput {
    /// a branch (with its groups) or a group; None: every live branch and group
    pub org_id: Option<i64>,
    /// 2026-11 (a month) or 2026-Q4 (a quarter)
    pub period: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceRow {
    pub org_id: i64,
    pub org_name: String,
    pub kind: MeetingKind,
    /// the span counted: the period, or the quarter / year a longer quota needs
    pub from: String,
    pub to: String,
    pub required: u32,
    pub held: u32,
    pub met: bool,
    pub due_people: u32,
    pub present: u32,
    /// present / due, in per mille (None when nobody was due)
    pub attendance_permille: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceReport {
    pub period: String,
    pub from: String,
    pub to: String,
    pub rows: Vec<ComplianceRow>,
    pub required: u32,
    pub held: u32,
}

/// A period: "2026-11" (a month) or "2026-Q4" (a quarter) → its first and last days.
pub fn parse_period(field: &str, text: &str) -> Result<(NaiveDate, NaiveDate)> {
    let t = text.trim();
    let bad = || AppError::validation(field, "期间格式不正确，应为 年-月（2026-11）或 年-Q季度（2026-Q4）");
    if let Some((y, q)) = t.split_once("-Q") {
        let y: i32 = y.parse().map_err(|_| bad())?;
        let q: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) || !(1900..=2200).contains(&y) {
            return Err(bad());
        }
        let first = NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1).ok_or_else(bad)?;
        return Ok((first, super::month_end(super::add_months(first, 2))));
    }
    let first = super::parse_month(field, t).map_err(|_| bad())?;
    Ok((first, super::month_end(first)))
}

/// The span a quota of `period` is counted over for a report on [from, to], and how many
/// times the quota is owed in it (the monthly summary's 党建 section uses the same spans).
pub(crate) fn quota_window(period: QuotaPeriod, from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate, u32) {
    let months = (to.year() * 12 + to.month0() as i32) - (from.year() * 12 + from.month0() as i32) + 1;
    match period {
        QuotaPeriod::Month => (from, to, months as u32),
        QuotaPeriod::Quarter if months >= 3 => (from, to, months as u32 / 3),
        QuotaPeriod::Quarter => {
            let q0 = NaiveDate::from_ymd_opt(from.year(), from.month0() / 3 * 3 + 1, 1).unwrap_or(from);
            (q0, super::month_end(super::add_months(q0, 2)), 1)
        }
        QuotaPeriod::Year => {
            let y0 = NaiveDate::from_ymd_opt(from.year(), 1, 1).unwrap_or(from);
            (y0, NaiveDate::from_ymd_opt(from.year(), 12, 31).unwrap_or(to), 1)
        }
    }
}

fn current_state(conn: &Connection, id: i64) -> Result<MeetingState> {
    conn.query_row("SELECT state FROM party_meetings WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| AppError::not_found("会议记录"))
}

/// Who is due at a meeting of this organisation by default.
fn default_due(conn: &Connection, org_id: i64, level: OrgLevel, kind: MeetingKind) -> Result<Vec<i64>> {
    let sql = match (level, kind) {
        (_, MeetingKind::CommitteeMeeting) => {
            "SELECT DISTINCT c.member_id FROM party_committee_members c JOIN party_members p ON p.id = c.member_id
              WHERE c.org_id = ?1 AND c.until_on IS NULL AND p.status = 'active'"
        }
        (OrgLevel::Group, _) => "SELECT id FROM party_members WHERE group_id = ?1 AND status = 'active'",
        (OrgLevel::Branch, _) => "SELECT id FROM party_members WHERE org_id = ?1 AND status = 'active'",
        _ => {
            "SELECT p.id FROM party_members p JOIN party_orgs o ON o.id = p.org_id WHERE o.parent_id = ?1 AND p.status = 'active'"
        }
    };
    let ids = conn.prepare_cached(sql)?.query_map([org_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

fn save_meeting(tx: &Tx, input: &MeetingInput) -> Result<i64> {
    let org = live_org(tx, "orgId", input.org_id, input.kind.levels())?;
    let held = validate::date("heldOn", "会议日期", &input.held_on)?;
    if held > tx.today() + chrono::Duration::days(366) {
        return Err(AppError::validation("heldOn", "会议日期最多提前一年安排"));
    }
    if held.to_string() < org.founded_on {
        return Err(AppError::validation("heldOn", "会议日期早于该组织成立日期"));
    }
    let starts_at = validate::optional_text("startsAt", "开始时间", &input.starts_at, 5)?;
    if !starts_at.is_empty() && chrono::NaiveTime::parse_from_str(&starts_at, "%H:%M").is_err() {
        return Err(AppError::validation("startsAt", "开始时间格式应为 时:分，如 14:30"));
    }
    let ends_at = validate::optional_text("endsAt", "结束时间", &input.ends_at, 5)?;
    if !ends_at.is_empty() && chrono::NaiveTime::parse_from_str(&ends_at, "%H:%M").is_err() {
        return Err(AppError::validation("endsAt", "结束时间格式应为 时:分，如 16:00"));
    }
    if !ends_at.is_empty() && ends_at <= starts_at {
        return Err(AppError::validation("endsAt", "结束时间应晚于开始时间"));
    }
    let topic = validate::required_text("topic", "会议主题", &input.topic, 100)?;
    let mut place = validate::optional_text("place", "地点", &input.place, 60)?;
    if let Some(venue) = input.venue_id {
        if starts_at.is_empty() || ends_at.is_empty() {
            let field = if starts_at.is_empty() { "startsAt" } else { "endsAt" };
            return Err(AppError::validation(field, "预订活动室请填写开始和结束时间"));
        }
        place = tx
            .query_row("SELECT name FROM venues WHERE id = ?1", [venue], |r| r.get(0))
            .optional()?
            .ok_or_else(|| AppError::validation("venueId", "所选活动室不存在"))?;
    }
    let host = validate::optional_text("host", "主持人", &input.host, 30)?;
    let recorder = validate::optional_text("recorder", "记录人", &input.recorder, 30)?;
    let minutes = validate::optional_text("minutes", "会议内容", &input.minutes, LONG_TEXT)?;
    let decisions = validate::optional_text("decisions", "决定事项", &input.decisions, LONG_TEXT)?;
    let guests = validate::optional_text("guests", "列席人员", &input.guests, 1_000)?;
    let due = match &input.due_member_ids {
        Some(ids) => {
            if ids.len() > 2_000 {
                return Err(AppError::validation("dueMemberIds", "应到人数不能超过 2000"));
            }
            for id in ids {
                let ok: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM party_members WHERE id = ?1 AND status = 'active')",
                    [id],
                    |r| r.get(0),
                )?;
                if !ok {
                    return Err(AppError::validation("dueMemberIds", "应到人员中有不在册的党员"));
                }
            }
            let mut ids = ids.clone();
            ids.sort_unstable();
            ids.dedup();
            ids
        }
        None => default_due(tx, org.id, org.level, input.kind)?,
    };
    let mut absent = Vec::new();
    for a in &input.absences {
        if !due.contains(&a.member_id) {
            return Err(AppError::validation("absences", "缺席人员应在应到人员之中"));
        }
        let reason = validate::required_text("absences", "缺席原因", &a.reason, 100)?;
        absent.push((a.member_id, reason));
    }
    let id = match input.id {
        Some(id) => {
            let state = current_state(tx, id)?;
            if state != MeetingState::Draft {
                return Err(AppError::new(ErrorCode::Conflict, format!("会议记录{}，不能修改", state.label())));
            }
            tx.execute(
                "UPDATE party_meetings SET org_id = ?1, kind = ?2, held_on = ?3, starts_at = ?4, place = ?5, host = ?6,
                        recorder = ?7, topic = ?8, minutes = ?9, decisions = ?10, guests = ?11, updated_at = ?12,
                        ends_at = ?13 WHERE id = ?14",
                params![
                    org.id,
                    input.kind,
                    held.to_string(),
                    starts_at,
                    place,
                    host,
                    recorder,
                    topic,
                    minutes,
                    decisions,
                    guests,
                    tx.now_str(),
                    ends_at,
                    id
                ],
            )?;
            tx.execute("DELETE FROM party_meeting_attendance WHERE meeting_id = ?1", [id])?;
            id
        }
        None => {
            tx.execute(
                "INSERT INTO party_meetings (org_id, kind, held_on, starts_at, place, host, recorder, topic, minutes,
                                             decisions, guests, created_at, updated_at, ends_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13)",
                params![
                    org.id,
                    input.kind,
                    held.to_string(),
                    starts_at,
                    place,
                    host,
                    recorder,
                    topic,
                    minutes,
                    decisions,
                    guests,
                    tx.now_str(),
                    ends_at
                ],
            )?;
            tx.last_insert_rowid()
        }
    };
    let booking = match (
        input.venue_id,
        chrono::NaiveTime::parse_from_str(&starts_at, "%H:%M"),
        chrono::NaiveTime::parse_from_str(&ends_at, "%H:%M"),
    ) {
        (Some(venue), Ok(from), Ok(to)) => Some((venue, held.and_time(from), held.and_time(to))),
        _ => None,
    };
    book_room(tx, id, &org.name, input.kind, booking)?;
    for m in &due {
        let reason = absent.iter().find(|(a, _)| a == m).map(|(_, r)| r.as_str());
        tx.execute(
            "INSERT INTO party_meeting_attendance (meeting_id, member_id, present, reason) VALUES (?1, ?2, ?3, ?4)",
            params![id, m, reason.is_none(), reason.unwrap_or("")],
        )?;
    }
    tx.audit(
        "party_meeting",
        Some(id),
        if input.id.is_some() { "update" } else { "create" },
        &format!("「{}」{}：{topic}（{held}）", org.name, input.kind.label()),
    )?;
    Ok(id)
}

/// The meeting's room, held as an approved venue request of the organisation so the rooms'
/// one clash check (activities, venue requests, and so meetings) covers it: a clash is refused
/// with what holds the room; a new time moves the booking; no room withdraws it.
fn book_room(
    tx: &Tx,
    meeting: i64,
    org_name: &str,
    kind: MeetingKind,
    booking: Option<(i64, chrono::NaiveDateTime, chrono::NaiveDateTime)>,
) -> Result<()> {
    let held: Option<i64> = tx
        .query_row("SELECT venue_request_id FROM party_meetings WHERE id = ?1", [meeting], |r| r.get(0))
        .optional()?
        .flatten();
    let Some((venue, start, end)) = booking else {
        if let Some(request) = held {
            tx.execute("UPDATE venue_requests SET status = 'withdrawn' WHERE id = ?1", [request])?;
            tx.execute("UPDATE party_meetings SET venue_id = NULL, venue_request_id = NULL WHERE id = ?1", [meeting])?;
        }
        return Ok(());
    };
    let problems = crate::activities::venues::room_problems(tx, venue, start, end, &[], held)?;
    if !problems.is_empty() {
        return Err(AppError {
            code: ErrorCode::Conflict,
            message: format!("无法预订活动室：{}", problems.join("；")),
            field: Some("venueId".into()),
        });
    }
    let (from, to) = (crate::activities::minute_str(start), crate::activities::minute_str(end));
    let purpose = format!("三会一课：{}", kind.label());
    let request = match held {
        Some(request) => {
            tx.execute(
                "UPDATE venue_requests SET venue_id = ?1, group_name = ?2, purpose = ?3, status = 'approved' WHERE id = ?4",
                params![venue, org_name, purpose, request],
            )?;
            tx.execute(
                "UPDATE venue_request_slots SET venue_id = ?1, starts_at = ?2, ends_at = ?3 WHERE request_id = ?4",
                params![venue, from, to, request],
            )?;
            request
        }
        None => {
            tx.execute(
                "INSERT INTO venue_requests (group_name, purpose, venue_id, status, decided_by, decided_at, decision_note, created_at)
                 VALUES (?1, ?2, ?3, 'approved', ?4, ?5, '党务会议预订', ?5)",
                params![org_name, purpose, venue, tx.actor.staff_id(), tx.now_str()],
            )?;
            let request = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO venue_request_slots (request_id, venue_id, starts_at, ends_at) VALUES (?1, ?2, ?3, ?4)",
                params![request, venue, from, to],
            )?;
            request
        }
    };
    tx.execute(
        "UPDATE party_meetings SET venue_id = ?1, venue_request_id = ?2 WHERE id = ?3",
        params![venue, request, meeting],
    )?;
    Ok(())
}

fn meeting_detail(conn: &Connection, id: i64) -> Result<MeetingDetail> {
    let d = conn
        .prepare_cached(
            "SELECT m.id, m.org_id, o.name, m.kind, m.held_on, m.topic, m.state,
                    (SELECT COUNT(*) FROM party_meeting_attendance a WHERE a.meeting_id = m.id),
                    (SELECT COUNT(*) FROM party_meeting_attendance a WHERE a.meeting_id = m.id AND a.present = 1),
                    m.starts_at, m.place, m.host, m.recorder, m.minutes, m.decisions, m.guests, m.approved_at, m.approved_by,
                    m.ends_at, m.venue_id
               FROM party_meetings m JOIN party_orgs o ON o.id = m.org_id WHERE m.id = ?1",
        )?
        .query_row([id], |r| {
            let row = meeting_row(r)?;
            let state = row.state;
            Ok(MeetingDetail {
                row,
                starts_at: r.get(9)?,
                ends_at: r.get(18)?,
                venue_id: r.get(19)?,
                place: r.get(10)?,
                host: r.get(11)?,
                recorder: r.get(12)?,
                minutes: r.get(13)?,
                decisions: r.get(14)?,
                guests: r.get(15)?,
                attendance: Vec::new(),
                notes: Vec::new(),
                approved_at: r.get(16)?,
                approved_by: r.get(17)?,
                steps: MeetingStep::ALL.iter().copied().filter(|s| s.target(state).is_some()).collect(),
            })
        })
        .optional()?;
    let mut d = d.ok_or_else(|| AppError::not_found("会议记录"))?;
    d.attendance = conn
        .prepare_cached(
            "SELECT a.member_id, p.name, a.present, a.reason FROM party_meeting_attendance a
               JOIN party_members p ON p.id = a.member_id WHERE a.meeting_id = ?1 ORDER BY a.present, p.name",
        )?
        .query_map([id], |r| {
            Ok(AttendanceLine { member_id: r.get(0)?, name: r.get(1)?, present: r.get(2)?, reason: r.get(3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    d.notes = conn
        .prepare_cached("SELECT text, at, by_name FROM party_meeting_notes WHERE meeting_id = ?1 ORDER BY id")?
        .query_map([id], |r| Ok(MeetingNote { text: r.get(0)?, at: r.get(1)?, by_name: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(d)
}

fn meeting_row(r: &rusqlite::Row) -> rusqlite::Result<MeetingRow> {
    Ok(MeetingRow {
        id: r.get(0)?,
        org_id: r.get(1)?,
        org_name: r.get(2)?,
        kind: r.get(3)?,
        held_on: r.get(4)?,
        topic: r.get(5)?,
        state: r.get(6)?,
        due: r.get(7)?,
        present: r.get(8)?,
    })
}

pub(crate) fn quotas(conn: &Connection) -> Result<Vec<Quota>> {
    let q = conn
        .prepare_cached("SELECT kind, period, times FROM party_quotas ORDER BY rowid")?
        .query_map([], |r| Ok(Quota { kind: r.get(0)?, period: r.get(1)?, times: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(q)
}

/// Compliance of these organisations over [from, to]: one row per organisation and quota.
pub(crate) fn compliance_rows(
    conn: &Connection,
    orgs: &[(i64, String, OrgLevel)],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ComplianceRow>> {
    let quotas = quotas(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT COUNT(*), COALESCE(SUM((SELECT COUNT(*) FROM party_meeting_attendance a WHERE a.meeting_id = m.id)), 0),
                COALESCE(SUM((SELECT COUNT(*) FROM party_meeting_attendance a WHERE a.meeting_id = m.id AND a.present = 1)), 0)
           FROM party_meetings m
          WHERE m.org_id = ?1 AND m.kind = ?2 AND m.state = 'approved' AND m.held_on BETWEEN ?3 AND ?4",
    )?;
    let mut rows = Vec::new();
    for (org_id, name, level) in orgs {
        for q in quotas.iter().filter(|q| q.times > 0 && q.kind.levels().first() == Some(level)) {
            let (wf, wt, n) = quota_window(q.period, from, to);
            let (held, due, present): (u32, u32, u32) = stmt
                .query_row(params![org_id, q.kind, wf.to_string(), wt.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            let required = q.times * n;
            rows.push(ComplianceRow {
                org_id: *org_id,
                org_name: name.clone(),
                kind: q.kind,
                from: wf.to_string(),
                to: wt.to_string(),
                required,
                held,
                met: held >= required,
                due_people: due,
                present,
                attendance_permille: (due > 0).then(|| present * 1000 / due),
            });
        }
    }
    Ok(rows)
}

impl Station {
    pub fn party_meetings(&self, actor: &StaffActor, q: &MeetingQuery) -> Result<Vec<MeetingRow>> {
        require_party(self.conn(), actor)?;
        let day = |field: &str, v: &Option<String>, default: &str| -> Result<String> {
            match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(s) => Ok(validate::date(field, "日期", s)?.to_string()),
                None => Ok(default.to_string()),
            }
        };
        let from = day("from", &q.from, "0000-01-01")?;
        let to = day("to", &q.to, "9999-12-31")?;
        let rows = self
            .conn()
            .prepare_cached(
                "SELECT m.id, m.org_id, o.name, m.kind, m.held_on, m.topic, m.state,
                        (SELECT COUNT(*) FROM party_meeting_attendance a WHERE a.meeting_id = m.id),
                        (SELECT COUNT(*) FROM party_meeting_attendance a WHERE a.meeting_id = m.id AND a.present = 1)
                   FROM party_meetings m JOIN party_orgs o ON o.id = m.org_id
                  WHERE m.held_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.org_id = ?3 OR o.parent_id = ?3)
                    AND (?4 IS NULL OR m.kind = ?4) AND (?5 IS NULL OR m.state = ?5)
                  ORDER BY m.held_on DESC, m.id DESC LIMIT 500",
            )?
            .query_map(params![from, to, q.org_id, q.kind, q.state], meeting_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn party_meeting_get(&self, actor: &StaffActor, id: i64) -> Result<MeetingDetail> {
        require_party(self.conn(), actor)?;
        meeting_detail(self.conn(), id)
    }

    /// Records a meeting (a new draft) or edits a draft.
    pub fn party_meeting_save(&mut self, actor: &StaffActor, input: &MeetingInput) -> Result<MeetingDetail> {
        let id = self.party_write(actor, |tx| save_meeting(tx, input))?;
        self.party_meeting_get(actor, id)
    }

    /// Submit, approve or return a record. Approval freezes it and counts the attendance.
    pub fn party_meeting_step(&mut self, actor: &StaffActor, input: &MeetingStepInput) -> Result<MeetingDetail> {
        self.party_write(actor, |tx| {
            let from = current_state(tx, input.id)?;
            let to = input.step.target(from).ok_or_else(|| {
                AppError::new(ErrorCode::Conflict, format!("会议记录当前为「{}」，不能「{}」", from.label(), input.step.label()))
            })?;
            match input.step {
                MeetingStep::Submit => {
                    let held: String =
                        tx.query_row("SELECT held_on FROM party_meetings WHERE id = ?1", [input.id], |r| r.get(0))?;
                    if held > tx.today().to_string() {
                        return Err(AppError::new(ErrorCode::Conflict, "会议尚未召开，召开之后再提交会议记录"));
                    }
                    tx.execute(
                    "UPDATE party_meetings SET state = ?1, submitted_at = ?2, updated_at = ?2 WHERE id = ?3",
                    params![to, tx.now_str(), input.id],
                )?
                }
                MeetingStep::Approve => {
                    let held: String =
                        tx.query_row("SELECT held_on FROM party_meetings WHERE id = ?1", [input.id], |r| r.get(0))?;
                    let present: Vec<i64> = tx
                        .prepare("SELECT member_id FROM party_meeting_attendance WHERE meeting_id = ?1 AND present = 1")?
                        .query_map([input.id], |r| r.get(0))?
                        .collect::<rusqlite::Result<_>>()?;
                    for m in present {
                        super::members::touch_seen(tx, m, &held)?;
                    }
                    tx.execute(
                        "UPDATE party_meetings SET state = ?1, approved_at = ?2, approved_by = ?3, updated_at = ?2 WHERE id = ?4",
                        params![to, tx.now_str(), actor.display_name, input.id],
                    )?
                }
                MeetingStep::Return => tx.execute(
                    "UPDATE party_meetings SET state = ?1, submitted_at = NULL, updated_at = ?2 WHERE id = ?3",
                    params![to, tx.now_str(), input.id],
                )?,
            };
            tx.audit("party_meeting", Some(input.id), input.step.as_str(), &format!("会议记录{}", input.step.label()))
        })?;
        self.party_meeting_get(actor, input.id)
    }

    /// Appends a correction or remark (approved minutes themselves stay as they were).
    pub fn party_meeting_note(&mut self, actor: &StaffActor, input: &MeetingNoteInput) -> Result<MeetingDetail> {
        self.party_write(actor, |tx| {
            current_state(tx, input.id)?;
            let text = validate::required_text("text", "更正说明", &input.text, 2_000)?;
            tx.execute(
                "INSERT INTO party_meeting_notes (meeting_id, text, at, by_name) VALUES (?1, ?2, ?3, ?4)",
                params![input.id, text, tx.now_str(), actor.display_name],
            )?;
            tx.audit("party_meeting", Some(input.id), "note", "追加更正说明")
        })?;
        self.party_meeting_get(actor, input.id)
    }

    pub fn party_quotas(&self, actor: &StaffActor) -> Result<Vec<Quota>> {
        require_party(self.conn(), actor)?;
        quotas(self.conn())
    }

    /// Sets the quotas (admin): local rules differ from the defaults.
    pub fn party_quotas_set(&mut self, actor: &StaffActor, input: &[Quota]) -> Result<Vec<Quota>> {
        actor.require_admin()?;
        self.party_write(actor, |tx| {
            let mut seen = Vec::new();
            for q in input {
                if seen.contains(&q.kind) {
                    return Err(AppError::validation("kind", format!("「{}」出现了两次", q.kind.label())));
                }
                seen.push(q.kind);
                if q.times > 31 {
                    return Err(AppError::validation("times", "次数应在 0 到 31 之间"));
                }
                tx.execute(
                    "INSERT INTO party_quotas (kind, period, times) VALUES (?1, ?2, ?3)
                     ON CONFLICT (kind) DO UPDATE SET period = excluded.period, times = excluded.times",
                    params![q.kind, q.period, q.times],
                )?;
            }
            let summary: Vec<String> =
                input.iter().map(|q| format!("{}{}{}次", q.kind.label(), q.period.label(), q.times)).collect();
            tx.audit("party_quota", None, "set", &summary.join("，"))
        })?;
        quotas(self.conn())
    }

    /// Due vs held and attendance per organisation for a month or a quarter.
    pub fn party_compliance(&self, actor: &StaffActor, input: &ComplianceInput) -> Result<ComplianceReport> {
        require_party(self.conn(), actor)?;
        let (from, to) = parse_period("period", &input.period)?;
        let orgs: Vec<(i64, String, OrgLevel)> = match input.org_id {
            Some(id) => {
                let o = load_org(self.conn(), id)?;
                let mut v = vec![(o.id, o.name.clone(), o.level)];
                if o.level == OrgLevel::Branch {
                    v.extend(
                        self.conn()
                            .prepare_cached(
                                "SELECT id, name, level FROM party_orgs WHERE parent_id = ?1 AND level = 'group'
                                    AND dissolved_on IS NULL ORDER BY name",
                            )?
                            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                            .collect::<rusqlite::Result<Vec<_>>>()?,
                    );
                }
                v
            }
            None => self
                .conn()
                .prepare_cached(
                    "SELECT id, name, level FROM party_orgs WHERE level IN ('branch', 'group') AND dissolved_on IS NULL
                      ORDER BY level, name",
                )?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?,
        };
        let rows = compliance_rows(self.conn(), &orgs, from, to)?;
        Ok(ComplianceReport {
            period: input.period.trim().to_string(),
            from: from.to_string(),
            to: to.to_string(),
            required: rows.iter().map(|r| r.required).sum(),
            held: rows.iter().map(|r| r.held).sum(),
            rows,
        })
    }

    /// The desk home: what is still due this month (and this quarter / year for longer quotas).
    pub fn party_due_now(&self, actor: &StaffActor) -> Result<Vec<ComplianceRow>> {
        if require_party(self.conn(), actor).is_err() {
            return Ok(Vec::new());
        }
        let first = NaiveDate::from_ymd_opt(self.today().year(), self.today().month(), 1).unwrap_or(self.today());
        let report =
            self.party_compliance(actor, &ComplianceInput { org_id: None, period: super::month_str(first) })?;
        Ok(report.rows.into_iter().filter(|r| !r.met).collect())
    }
}
