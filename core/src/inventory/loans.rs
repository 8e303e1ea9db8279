//! Loans (借用) of an asset unit or a quantity to a resident or volunteer, returns with
//! their condition, renewals, overdue loans; reservations that hold an asset for dates.

use super::{
    allocate_fefo, asset_of, borrower, borrowers_cte, date_from_today, insert_movement, item_facts, positive_quantity,
    BorrowerKind, ItemDetail, ItemKind, Lot, MovementKind, NewMovement,
};
use crate::actor::{Actor, StaffActor};
use crate::db::{Station, Tx};
use crate::error::{AppError, ErrorCode, Result};
use crate::validate;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LendInput {
    pub item_id: i64,
    /// Lendable assets: the unit lent.
    pub asset_id: Option<i64>,
    /// Consumables / emergency supplies lent by quantity (assets: 1).
    pub quantity: i64,
    pub borrower_kind: BorrowerKind,
    pub borrower_id: i64,
    /// YYYY-MM-DD, today or later.
    pub due_date: String,
    /// 借出时状况
    pub condition: String,
    pub purpose: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReturnCondition {
    Good,
    Damaged,
    /// Not coming back: closes the loan for what is still out.
    Lost,
}

impl ReturnCondition {
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnCondition::Good => "good",
            ReturnCondition::Damaged => "damaged",
            ReturnCondition::Lost => "lost",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReturnCondition::Good => "完好",
            ReturnCondition::Damaged => "损坏",
            ReturnCondition::Lost => "遗失",
        }
    }
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReturnInput {
    pub loan_id: i64,
    /// How many come back (ignored for `lost`: all that is still out).
    pub quantity: i64,
    pub condition: ReturnCondition,
    pub note: String,
}

/// 维修完成: a damaged unit repaired and lendable again.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssetRepairInput {
    pub asset_id: i64,
    /// What was done (required: the next borrower's condition comes from it).
    pub note: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenewInput {
    pub loan_id: i64,
    pub due_date: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LoanStatus {
    Open,
    Overdue,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanEvent {
    pub at: String,
    /// return | lost | renew
    pub kind: String,
    pub quantity: i64,
    pub condition: Option<String>,
    pub note: String,
    pub old_due: Option<String>,
    pub new_due: Option<String>,
    pub staff: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanRow {
    pub id: i64,
    pub item_id: i64,
    pub item_name: String,
    pub unit: String,
    pub asset_id: Option<i64>,
    pub asset_code: Option<String>,
    pub quantity: i64,
    pub returned: i64,
    pub lost: i64,
    /// Still with the borrower.
    pub outstanding: i64,
    pub borrower_kind: BorrowerKind,
    pub borrower_id: i64,
    pub borrower_name: String,
    /// The whole number: the desk calls overdue borrowers.
    pub borrower_phone: String,
    pub lent_at: String,
    pub due_date: String,
    pub status: LoanStatus,
    /// Days past the due date (0 when not overdue).
    pub overdue_days: i64,
    pub condition_out: String,
    pub purpose: String,
    pub closed_at: Option<String>,
    pub events: Vec<LoanEvent>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum LoanFilter {
    Open,
    Overdue,
    Closed,
    All,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LoanQuery {
    pub filter: LoanFilter,
    pub item_id: Option<i64>,
    pub borrower_kind: Option<BorrowerKind>,
    pub borrower_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReservationInput {
    pub asset_id: i64,
    pub borrower_kind: BorrowerKind,
    pub borrower_id: i64,
    /// YYYY-MM-DD, today or later.
    pub start_date: String,
    pub end_date: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reservation {
    pub id: i64,
    pub asset_id: i64,
    pub asset_code: String,
    pub item_id: i64,
    pub item_name: String,
    pub borrower_kind: BorrowerKind,
    pub borrower_id: i64,
    pub borrower_name: String,
    pub borrower_phone: String,
    pub start_date: String,
    pub end_date: String,
    pub note: String,
    /// active | cancelled | fulfilled
    pub status: String,
}

fn loan_select() -> String {
    format!(
        "{} SELECT l.id, l.item_id, i.name, i.unit, l.asset_id, a.code, l.quantity, l.returned, l.lost,
                l.borrower_kind, l.borrower_id, COALESCE(b.name, '（已删除）'), COALESCE(b.phone, ''),
                l.lent_at, l.due_date, l.condition_out, l.purpose, l.closed_at
         FROM inv_loans l
         JOIN inv_items i ON i.id = l.item_id
         LEFT JOIN inv_assets a ON a.id = l.asset_id
         LEFT JOIN borrowers b ON b.kind = l.borrower_kind AND b.id = l.borrower_id",
        borrowers_cte()
    )
}

fn loan_row(r: &rusqlite::Row, today: NaiveDate) -> rusqlite::Result<LoanRow> {
    let quantity: i64 = r.get(6)?;
    let returned: i64 = r.get(7)?;
    let lost: i64 = r.get(8)?;
    let due: String = r.get(14)?;
    let closed: Option<String> = r.get(17)?;
    let overdue_days = match (&closed, NaiveDate::parse_from_str(&due, "%Y-%m-%d")) {
        (None, Ok(d)) if d < today => (today - d).num_days(),
        _ => 0,
    };
    Ok(LoanRow {
        id: r.get(0)?,
        item_id: r.get(1)?,
        item_name: r.get(2)?,
        unit: r.get(3)?,
        asset_id: r.get(4)?,
        asset_code: r.get(5)?,
        quantity,
        returned,
        lost,
        outstanding: quantity - returned - lost,
        borrower_kind: BorrowerKind::parse(&r.get::<_, String>(9)?).unwrap_or(BorrowerKind::Resident),
        borrower_id: r.get(10)?,
        borrower_name: r.get(11)?,
        borrower_phone: r.get(12)?,
        lent_at: r.get(13)?,
        due_date: due,
        status: match (&closed, overdue_days) {
            (Some(_), _) => LoanStatus::Closed,
            (None, 0) => LoanStatus::Open,
            _ => LoanStatus::Overdue,
        },
        overdue_days,
        condition_out: r.get(15)?,
        purpose: r.get(16)?,
        closed_at: closed,
        events: Vec::new(),
    })
}

/// An active reservation of this asset by someone else overlapping [from, to], if any.
fn clashing_reservation(
    conn: &rusqlite::Connection,
    asset_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    except_borrower: Option<(BorrowerKind, i64)>,
) -> Result<Option<(i64, String, String)>> {
    let (kind, id) = except_borrower.map_or((None, None), |(k, i)| (Some(k.as_str()), Some(i)));
    Ok(conn
        .query_row(
            "SELECT id, start_date, end_date FROM inv_reservations
             WHERE asset_id = ?1 AND status = 'active' AND start_date <= ?3 AND end_date >= ?2
               AND NOT (borrower_kind IS ?4 AND borrower_id IS ?5)
             ORDER BY start_date LIMIT 1",
            params![asset_id, from.to_string(), to.to_string(), kind, id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

pub(crate) fn lend(tx: &Tx, input: &LendInput) -> Result<i64> {
    let item = item_facts(tx, input.item_id)?;
    if item.archived {
        return Err(AppError::validation("itemId", format!("「{}」已归档，不能借出", item.name)));
    }
    let quantity = positive_quantity(input.quantity)?;
    let today = tx.today();
    let due = date_from_today("dueDate", "应还日期", &input.due_date, today)?;
    let (name, _) = borrower(tx, input.borrower_kind, input.borrower_id)?;
    let condition = validate::optional_text("condition", "借出状况", &input.condition, 200)?;
    let purpose = validate::optional_text("purpose", "用途", &input.purpose, 60)?;
    let asset = match item.kind {
        ItemKind::Asset => {
            let a = input.asset_id.ok_or_else(|| AppError::validation("assetId", "请选择要借出的资产编号"))?;
            let a = asset_of(tx, item.id, a)?;
            if quantity != 1 {
                return Err(AppError::validation("quantity", "按编号借出的资产数量为 1"));
            }
            let on_loan: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM inv_loans WHERE asset_id = ?1 AND closed_at IS NULL)",
                [a],
                |r| r.get(0),
            )?;
            if on_loan || super::lot_on_hand(tx, Lot::Asset(a))? == 0 {
                return Err(AppError::validation("assetId", "该资产已借出，未归还前不能再借"));
            }
            let (code, condition, why): (String, String, String) =
                tx.query_row("SELECT code, condition, condition_note FROM inv_assets WHERE id = ?1", [a], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            if condition == "damaged" {
                return Err(AppError::validation(
                    "assetId",
                    format!("资产 {code} 待维修（归还时损坏：{why}），修好后先登记「维修完成」再借出"),
                ));
            }
            let mine = Some((input.borrower_kind, input.borrower_id));
            if let Some((_, from, to)) = clashing_reservation(tx, a, today, due, mine)? {
                return Err(AppError::new(
                    ErrorCode::Conflict,
                    format!("该资产已被他人预约（{from} 至 {to}），借期不能与预约重叠；可缩短借期"),
                ));
            }
            // The borrower's own reservation is fulfilled by this loan.
            tx.execute(
                "UPDATE inv_reservations SET status = 'fulfilled' WHERE asset_id = ?1 AND status = 'active'
                   AND borrower_kind = ?2 AND borrower_id = ?3 AND start_date <= ?4",
                params![a, input.borrower_kind.as_str(), input.borrower_id, due.to_string()],
            )?;
            Some(a)
        }
        _ => None,
    };
    tx.execute(
        "INSERT INTO inv_loans (item_id, asset_id, quantity, borrower_kind, borrower_id, lent_at, due_date,
                                condition_out, purpose, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            item.id,
            asset,
            quantity,
            input.borrower_kind.as_str(),
            input.borrower_id,
            tx.now_str(),
            due.to_string(),
            condition,
            purpose,
            tx.actor.staff_id()
        ],
    )?;
    let loan = tx.last_insert_rowid();
    let parts = match asset {
        Some(a) => vec![(Lot::Asset(a), 1)],
        None => allocate_fefo(tx, &item, quantity)?.into_iter().map(|(b, n)| (Lot::Batch(b), n)).collect(),
    };
    for (lot, n) in parts {
        let mut m = NewMovement::new(item.id, lot, MovementKind::Lend, -n);
        m.party = name.clone();
        m.activity = purpose.clone();
        m.reason = condition.clone();
        m.loan_id = Some(loan);
        insert_movement(tx, &m, &item.unit)?;
    }
    tx.audit(
        "loan",
        Some(loan),
        "lend",
        &format!("{} {quantity}{} → {}，{due} 前归还", item.name, item.unit, crate::privacy::audit_name(&name)),
    )?;
    Ok(loan)
}

struct OpenLoan {
    item_id: i64,
    asset_id: Option<i64>,
    outstanding: i64,
    borrower_name: String,
    due_date: String,
}

fn open_loan(tx: &Tx, loan_id: i64) -> Result<OpenLoan> {
    let cte = borrowers_cte();
    let found: Option<(OpenLoan, bool)> = tx
        .query_row(
            &format!(
                "{cte} SELECT l.item_id, l.asset_id, l.quantity - l.returned - l.lost, l.closed_at IS NOT NULL, b.name, l.due_date
                 FROM inv_loans l LEFT JOIN borrowers b ON b.kind = l.borrower_kind AND b.id = l.borrower_id
                 WHERE l.id = ?1"
            ),
            [loan_id],
            |r| {
                let loan = OpenLoan {
                    item_id: r.get(0)?,
                    asset_id: r.get(1)?,
                    outstanding: r.get(2)?,
                    borrower_name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    due_date: r.get(5)?,
                };
                Ok((loan, r.get(3)?))
            },
        )
        .optional()?;
    let (loan, closed) = found.ok_or_else(|| AppError::validation("loanId", "借用记录不存在，没有可归还的物资"))?;
    if closed || loan.outstanding <= 0 {
        return Err(AppError::validation("loanId", "这笔借用已全部归还，没有未还的物资"));
    }
    Ok(loan)
}

pub(crate) fn give_back(tx: &Tx, input: &ReturnInput) -> Result<()> {
    let loan = open_loan(tx, input.loan_id)?;
    let item = item_facts(tx, loan.item_id)?;
    let note = validate::optional_text("note", "归还说明", &input.note, 200)?;
    if input.condition == ReturnCondition::Damaged && note.is_empty() {
        return Err(AppError::validation("note", "归还时损坏，请在归还说明中写明损坏情况"));
    }
    let quantity = match input.condition {
        ReturnCondition::Lost => loan.outstanding,
        _ => positive_quantity(input.quantity)?,
    };
    if quantity > loan.outstanding {
        return Err(AppError::validation(
            "quantity",
            format!("归还数量 {quantity} 超过未还数量 {}（{}）", loan.outstanding, item.unit),
        ));
    }
    let now = tx.now_str();
    if input.condition == ReturnCondition::Lost {
        tx.execute("UPDATE inv_loans SET lost = lost + ?1 WHERE id = ?2", params![quantity, input.loan_id])?;
        if let Some(a) = loan.asset_id {
            tx.execute(
                "UPDATE inv_assets SET retired_at = ?1, condition_note = ?2 WHERE id = ?3",
                params![now, format!("借用遗失：{note}"), a],
            )?;
        }
    } else {
        // Back into the batches (or unit) it left from, in the order it left.
        let mut left = quantity;
        let out: Vec<(Option<i64>, Option<i64>, i64)> = tx
            .prepare(
                "SELECT batch_id, asset_id, -SUM(quantity) FROM inv_movements WHERE loan_id = ?1
                 GROUP BY batch_id, asset_id HAVING SUM(quantity) < 0 ORDER BY MIN(id)",
            )?
            .query_map([input.loan_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (batch, asset, n) in out {
            if left == 0 {
                break;
            }
            let Some(lot) = Lot::from_columns(batch, asset) else { continue };
            let take = n.min(left);
            let mut m = NewMovement::new(item.id, lot, MovementKind::Return, take);
            m.party = loan.borrower_name.clone();
            m.source = input.condition.label().to_string();
            m.reason = note.clone();
            m.loan_id = Some(input.loan_id);
            insert_movement(tx, &m, &item.unit)?;
            left -= take;
        }
        tx.execute("UPDATE inv_loans SET returned = returned + ?1 WHERE id = ?2", params![quantity, input.loan_id])?;
        if let Some(a) = loan.asset_id {
            tx.execute(
                "UPDATE inv_assets SET condition = ?1, condition_note = ?2 WHERE id = ?3",
                params![if input.condition == ReturnCondition::Damaged { "damaged" } else { "good" }, note, a],
            )?;
        }
    }
    tx.execute(
        "UPDATE inv_loans SET closed_at = ?1 WHERE id = ?2 AND returned + lost >= quantity",
        params![now, input.loan_id],
    )?;
    let kind = if input.condition == ReturnCondition::Lost { "lost" } else { "return" };
    tx.execute(
        "INSERT INTO inv_loan_events (loan_id, kind, quantity, condition, note, at, staff_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![input.loan_id, kind, quantity, input.condition.as_str(), note, now, tx.actor.staff_id()],
    )?;
    tx.audit(
        "loan",
        Some(input.loan_id),
        kind,
        &format!(
            "{} {quantity}{}（{}）← {}",
            item.name,
            item.unit,
            input.condition.label(),
            crate::privacy::audit_name(&loan.borrower_name)
        ),
    )?;
    Ok(())
}

pub(crate) fn repaired(tx: &Tx, input: &AssetRepairInput) -> Result<i64> {
    let note = validate::required_text("note", "维修情况", &input.note, 200)?;
    let found: Option<(i64, String, String, Option<String>)> = tx
        .query_row("SELECT item_id, code, condition, retired_at FROM inv_assets WHERE id = ?1", [input.asset_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (item_id, code, condition, retired) =
        found.ok_or_else(|| AppError::validation("assetId", "所选资产编号不存在"))?;
    if retired.is_some() {
        return Err(AppError::validation("assetId", format!("资产 {code} 已报废或遗失")));
    }
    if condition != "damaged" {
        return Err(AppError::new(ErrorCode::Conflict, format!("资产 {code} 不是待维修状态")));
    }
    tx.execute(
        "UPDATE inv_assets SET condition = 'good', condition_note = ?1 WHERE id = ?2",
        params![format!("维修完成：{note}"), input.asset_id],
    )?;
    tx.audit("asset", Some(input.asset_id), "repaired", &format!("{code}：{note}"))?;
    Ok(item_id)
}

pub(crate) fn renew(tx: &Tx, input: &RenewInput) -> Result<()> {
    let loan = open_loan(tx, input.loan_id)?;
    let due = date_from_today("dueDate", "新的应还日期", &input.due_date, tx.today())?;
    if due.to_string() <= loan.due_date {
        return Err(AppError::validation("dueDate", format!("新的应还日期应晚于原应还日期 {}", loan.due_date)));
    }
    if let Some(a) = loan.asset_id {
        let (kind, id): (String, i64) =
            tx.query_row("SELECT borrower_kind, borrower_id FROM inv_loans WHERE id = ?1", [input.loan_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let mine = BorrowerKind::parse(&kind).map(|k| (k, id));
        if let Some((_, from, to)) = clashing_reservation(tx, a, tx.today(), due, mine)? {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("该资产已被他人预约（{from} 至 {to}），不能续借到 {due}"),
            ));
        }
    }
    tx.execute("UPDATE inv_loans SET due_date = ?1 WHERE id = ?2", params![due.to_string(), input.loan_id])?;
    tx.execute(
        "INSERT INTO inv_loan_events (loan_id, kind, old_due, new_due, at, staff_id) VALUES (?1, 'renew', ?2, ?3, ?4, ?5)",
        params![input.loan_id, loan.due_date, due.to_string(), tx.now_str(), tx.actor.staff_id()],
    )?;
    tx.audit("loan", Some(input.loan_id), "renew", &format!("{} → {due}", loan.due_date))
}

pub(crate) fn reserve(tx: &Tx, input: &ReservationInput) -> Result<i64> {
    let item_id: i64 = tx
        .query_row("SELECT item_id FROM inv_assets WHERE id = ?1", [input.asset_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| AppError::validation("assetId", "所选资产不存在"))?;
    asset_of(tx, item_id, input.asset_id)?;
    let today = tx.today();
    let start = date_from_today("startDate", "预约开始日期", &input.start_date, today)?;
    let end = date_from_today("endDate", "预约结束日期", &input.end_date, today)?;
    if end < start {
        return Err(AppError::validation("endDate", "预约结束日期不能早于开始日期"));
    }
    let (name, _) = borrower(tx, input.borrower_kind, input.borrower_id)?;
    let note = validate::optional_text("note", "备注", &input.note, 200)?;
    if let Some((_, from, to)) = clashing_reservation(tx, input.asset_id, start, end, None)? {
        return Err(AppError::new(ErrorCode::Conflict, format!("该资产在 {from} 至 {to} 已有预约，日期不能重叠")));
    }
    let lent_until: Option<String> = tx
        .query_row("SELECT due_date FROM inv_loans WHERE asset_id = ?1 AND closed_at IS NULL", [input.asset_id], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(due) = lent_until.filter(|d| d.as_str() >= start.to_string().as_str()) {
        return Err(AppError::new(ErrorCode::Conflict, format!("该资产借出中，应于 {due} 归还，预约请从之后开始")));
    }
    tx.execute(
        "INSERT INTO inv_reservations (asset_id, borrower_kind, borrower_id, start_date, end_date, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            input.asset_id,
            input.borrower_kind.as_str(),
            input.borrower_id,
            start.to_string(),
            end.to_string(),
            note,
            tx.now_str()
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit("reservation", Some(id), "create", &format!("{} {start} 至 {end}", crate::privacy::audit_name(&name)))?;
    Ok(id)
}

impl Station {
    /// Loans matching `where_sql` (over `l`), newest first, with their events.
    pub(crate) fn inventory_loan_rows(&self, where_sql: &str, args: &[&dyn ToSql], limit: u32) -> Result<Vec<LoanRow>> {
        let today = self.today();
        let mut rows: Vec<LoanRow> = self
            .conn()
            .prepare(&format!("{} WHERE {where_sql} ORDER BY l.id DESC LIMIT {limit}", loan_select()))?
            .query_map(args, |r| loan_row(r, today))?
            .collect::<rusqlite::Result<_>>()?;
        let mut events = self.conn().prepare(
            "SELECT e.at, e.kind, e.quantity, e.condition, e.note, e.old_due, e.new_due, s.display_name
             FROM inv_loan_events e LEFT JOIN staff s ON s.id = e.staff_id WHERE e.loan_id = ?1 ORDER BY e.id",
        )?;
        for row in &mut rows {
            row.events = events
                .query_map([row.id], |r| {
                    Ok(LoanEvent {
                        at: r.get(0)?,
                        kind: r.get(1)?,
                        quantity: r.get(2)?,
                        condition: r.get(3)?,
                        note: r.get(4)?,
                        old_due: r.get(5)?,
                        new_due: r.get(6)?,
                        staff: r.get(7)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(rows)
    }

    pub fn inventory_lend(&mut self, actor: &StaffActor, input: &LendInput) -> Result<LoanRow> {
        let id = self.write(&Actor::Staff(actor.clone()), |tx| lend(tx, input))?;
        self.inventory_loan_get(actor, id)
    }

    pub fn inventory_return(&mut self, actor: &StaffActor, input: &ReturnInput) -> Result<LoanRow> {
        self.write(&Actor::Staff(actor.clone()), |tx| give_back(tx, input))?;
        self.inventory_loan_get(actor, input.loan_id)
    }

    /// 维修完成: the damaged unit is lendable again; its note says what was done.
    pub fn inventory_asset_repaired(&mut self, actor: &StaffActor, input: &AssetRepairInput) -> Result<ItemDetail> {
        let item_id = self.write(&Actor::Staff(actor.clone()), |tx| repaired(tx, input))?;
        self.inventory_item_get(actor, item_id)
    }

    pub fn inventory_renew(&mut self, actor: &StaffActor, input: &RenewInput) -> Result<LoanRow> {
        self.write(&Actor::Staff(actor.clone()), |tx| renew(tx, input))?;
        self.inventory_loan_get(actor, input.loan_id)
    }

    pub fn inventory_loan_get(&self, _actor: &StaffActor, id: i64) -> Result<LoanRow> {
        self.inventory_loan_rows("l.id = ?1", &[&id], 1)?.pop().ok_or_else(|| AppError::not_found("借用记录"))
    }

    /// Loans by status, item or borrower (borrowing history per item and per person).
    pub fn inventory_loans(&self, _actor: &StaffActor, q: &LoanQuery) -> Result<Vec<LoanRow>> {
        let today = self.today().to_string();
        let status = match q.filter {
            LoanFilter::Open => "l.closed_at IS NULL",
            LoanFilter::Overdue => "l.closed_at IS NULL AND l.due_date < ?1",
            LoanFilter::Closed => "l.closed_at IS NOT NULL",
            LoanFilter::All => "1 = 1",
        };
        let where_sql = format!(
            "{status} AND ?1 IS NOT NULL AND (?2 IS NULL OR l.item_id = ?2)
             AND (?3 IS NULL OR l.borrower_kind = ?3) AND (?4 IS NULL OR l.borrower_id = ?4)"
        );
        let kind = q.borrower_kind.map(|k| k.as_str());
        self.inventory_loan_rows(&where_sql, &[&today, &q.item_id, &kind, &q.borrower_id], 1000)
    }

    pub fn inventory_reserve(&mut self, actor: &StaffActor, input: &ReservationInput) -> Result<Reservation> {
        let id = self.write(&Actor::Staff(actor.clone()), |tx| reserve(tx, input))?;
        self.inventory_reservation_rows("r.id = ?1", &[&id])?.pop().ok_or_else(|| AppError::not_found("预约"))
    }

    pub fn inventory_reservation_cancel(&mut self, actor: &StaffActor, id: i64) -> Result<Reservation> {
        self.write(&Actor::Staff(actor.clone()), |tx| {
            let n = tx.execute(
                "UPDATE inv_reservations SET status = 'cancelled' WHERE id = ?1 AND status = 'active'",
                [id],
            )?;
            if n == 0 {
                return Err(AppError::new(ErrorCode::Conflict, "该预约不存在或已不是有效预约"));
            }
            tx.audit("reservation", Some(id), "cancel", "")
        })?;
        self.inventory_reservation_rows("r.id = ?1", &[&id])?.pop().ok_or_else(|| AppError::not_found("预约"))
    }

    /// Active reservations from today on, soonest first.
    pub fn inventory_reservations(&self, _actor: &StaffActor) -> Result<Vec<Reservation>> {
        let today = self.today().to_string();
        self.inventory_reservation_rows("r.status = 'active' AND r.end_date >= ?1", &[&today])
    }

    pub(crate) fn inventory_reservation_rows(&self, where_sql: &str, args: &[&dyn ToSql]) -> Result<Vec<Reservation>> {
        Ok(self
            .conn()
            .prepare(&format!(
                "{} SELECT r.id, r.asset_id, a.code, a.item_id, i.name, r.borrower_kind, r.borrower_id,
                        COALESCE(b.name, '（已删除）'), COALESCE(b.phone, ''), r.start_date, r.end_date, r.note, r.status
                 FROM inv_reservations r
                 JOIN inv_assets a ON a.id = r.asset_id
                 JOIN inv_items i ON i.id = a.item_id
                 LEFT JOIN borrowers b ON b.kind = r.borrower_kind AND b.id = r.borrower_id
                 WHERE {where_sql} ORDER BY r.start_date, r.id",
                borrowers_cte()
            ))?
            .query_map(args, |r| {
                Ok(Reservation {
                    id: r.get(0)?,
                    asset_id: r.get(1)?,
                    asset_code: r.get(2)?,
                    item_id: r.get(3)?,
                    item_name: r.get(4)?,
                    borrower_kind: BorrowerKind::parse(&r.get::<_, String>(5)?).unwrap_or(BorrowerKind::Resident),
                    borrower_id: r.get(6)?,
                    borrower_name: r.get(7)?,
                    borrower_phone: r.get(8)?,
                    start_date: r.get(9)?,
                    end_date: r.get(10)?,
                    note: r.get(11)?,
                    status: r.get(12)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
