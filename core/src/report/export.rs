//! The summary as files: .xlsx with one sheet per section (header row styled, widths set,
//! numbers as numbers) and .csv (every figure on one line: section, figure, value), and the
//! JSON the command line writes. All written beside the target and renamed into place.

use super::{flatten, MonthlyReport, ReportInput};
use crate::actor::{Actor, StaffActor};
use crate::db::Station;
use crate::error::{AppError, ErrorCode, Result};
use crate::tabular::{finish_partial, partial_path, write_csv, write_xlsx, Cell, Column, Sheet, TextEncoding};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Xlsx,
    Csv,
    Json,
}

impl ReportFormat {
    pub fn parse(s: &str) -> Option<ReportFormat> {
        match s {
            "xlsx" => Some(ReportFormat::Xlsx),
            "csv" => Some(ReportFormat::Csv),
            "json" => Some(ReportFormat::Json),
            _ => None,
        }
    }
}

fn cols(spec: &[(&str, f64)]) -> Vec<Column> {
    spec.iter().map(|(t, w)| Column::new(t, *w)).collect()
}

fn int(n: impl Into<i64>) -> Cell {
    Cell::Int(n.into())
}

/// A rate as a percentage with one decimal (a number, so Excel can chart it).
fn pct(r: Option<f64>) -> Cell {
    r.map_or(Cell::Empty, |x| Cell::Number(super::round(x * 100.0, 1)))
}

fn num(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Number)
}

/// Where a figure of the JSON sits in the workbook: sheet, row (0 = the header row) and
/// column, and whether the cell shows a 0–1 rate in percent. Every numeric figure of the
/// sections has one (the all-formats test reads each back).
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub sheet: String,
    pub row: usize,
    pub col: usize,
    /// The JSON path, as `flatten` names it.
    pub path: String,
    pub percent: bool,
}

/// A cell and the figure it shows, if any.
struct Slot {
    cell: Cell,
    figure: Option<(String, bool)>,
}

fn text(s: impl Into<String>) -> Slot {
    Slot { cell: Cell::Text(s.into()), figure: None }
}

fn empty() -> Slot {
    Slot { cell: Cell::Empty, figure: None }
}

/// A count or amount shown as it is in the JSON.
fn fig(cell: Cell, path: impl Into<String>) -> Slot {
    Slot { cell, figure: Some((path.into(), false)) }
}

/// A 0–1 rate shown in percent.
fn rate(r: Option<f64>, path: impl Into<String>) -> Slot {
    Slot { cell: pct(r), figure: Some((path.into(), true)) }
}

#[derive(Default)]
struct Book {
    sheets: Vec<Sheet>,
    places: Vec<Placement>,
}

impl Book {
    fn sheet(&mut self, name: &str, columns: &[(&str, f64)], rows: Vec<Vec<Slot>>) {
        let mut cells = Vec::with_capacity(rows.len());
        for (r, row) in rows.into_iter().enumerate() {
            let mut line = Vec::with_capacity(row.len());
            for (c, slot) in row.into_iter().enumerate() {
                if let Some((path, percent)) = slot.figure {
                    self.places.push(Placement { sheet: name.into(), row: r + 1, col: c, path, percent });
                }
                line.push(slot.cell);
            }
            cells.push(line);
        }
        self.sheets.push(Sheet { name: name.into(), columns: cols(columns), rows: cells });
    }
}

/// Two-column "figure / value" sheet.
fn figure_rows(rows: Vec<(&str, Slot, &str)>) -> Vec<Vec<Slot>> {
    rows.into_iter().map(|(l, v, u)| vec![text(l), v, text(u)]).collect()
}

const FIGURE_COLUMNS: [(&str, f64); 3] = [("项目", 26.0), ("数值", 12.0), ("单位", 8.0)];

pub fn sheets(r: &MonthlyReport) -> Vec<Sheet> {
    book(r).sheets
}

/// Where each figure of the sections sits in the .xlsx.
pub fn placements(r: &MonthlyReport) -> Vec<Placement> {
    book(r).places
}

fn book(r: &MonthlyReport) -> Book {
    let mut b = Book::default();
    let h = &r.header;
    let mut overview = vec![
        vec![text("服务站"), text(h.station.clone())],
        vec![text("社区"), text(h.community.clone())],
        vec![text("统计期间"), text(h.title_period.clone())],
        vec![text("截至"), text(r.period.as_of.clone())],
        vec![text("制表人"), text(h.made_by.clone())],
        vec![text("制表日期"), text(h.made_on.clone())],
    ];
    if let Some(c) = &r.closing {
        overview.push(vec![text("关账校验码"), text(c.short_hash.clone())]);
    }
    for c in &r.changes {
        overview.push(vec![
            text(c.label.clone()),
            Slot { cell: num(c.current), figure: None },
            Slot { cell: num(c.previous), figure: None },
            Slot { cell: num(c.delta), figure: None },
            text(c.unit.clone()),
        ]);
    }
    b.sheet("概况", &[("项目", 18.0), ("本期", 24.0), ("上期", 10.0), ("增减", 10.0), ("单位", 8.0)], overview);

    let res = &r.residents;
    b.sheet(
        "服务居民",
        &FIGURE_COLUMNS,
        figure_rows(vec![
            ("服务居民人数", fig(int(res.served), "residents.served"), "人"),
            ("其中预约活动", fig(int(res.served_by_activities), "residents.servedByActivities"), "人"),
            ("其中提交心愿", fig(int(res.served_by_wishes), "residents.servedByWishes"), "人"),
            ("其中借用物资", fig(int(res.served_by_loans), "residents.servedByLoans"), "人"),
            ("其中反映诉求", fig(int(res.served_by_cases), "residents.servedByCases"), "人"),
            ("新登记居民", fig(int(res.new_registrations), "residents.newRegistrations"), "人"),
        ]),
    );

    let a = &r.activities;
    let mut act_rows: Vec<Vec<Slot>> = a
        .by_category
        .iter()
        .map(|c| {
            let p = format!("activities.byCategory[{}]", c.label);
            vec![
                text(c.label.clone()),
                fig(int(c.held), format!("{p}.held")),
                fig(int(c.participants), format!("{p}.participants")),
                fig(int(c.no_shows), format!("{p}.noShows")),
                rate(c.attendance_rate, format!("{p}.attendanceRate")),
            ]
        })
        .collect();
    act_rows.push(vec![
        text("合计"),
        fig(int(a.held), "activities.held"),
        fig(int(a.participants), "activities.participants"),
        fig(int(a.no_shows), "activities.noShows"),
        rate(a.attendance_rate, "activities.attendanceRate"),
        fig(int(a.cancelled), "activities.cancelled"),
        fig(int(a.unsettled), "activities.unsettled"),
        fig(int(a.unsettled_bookings), "activities.unsettledBookings"),
    ]);
    b.sheet(
        "活动",
        &[
            ("类别", 14.0),
            ("举办场次", 10.0),
            ("参与人次", 10.0),
            ("爽约人次", 10.0),
            ("到场率%", 10.0),
            ("取消场次", 10.0),
            ("未核销场次", 10.0),
            ("未核销人次", 10.0),
        ],
        act_rows,
    );
    let rooms = a
        .rooms
        .iter()
        .map(|x| {
            let p = format!("activities.rooms[{}]", x.label);
            vec![
                text(x.label.clone()),
                fig(int(x.activities), format!("{p}.activities")),
                fig(Cell::Number(x.activity_hours), format!("{p}.activityHours")),
                fig(int(x.group_bookings), format!("{p}.groupBookings")),
                fig(Cell::Number(x.group_hours), format!("{p}.groupHours")),
            ]
        })
        .collect();
    b.sheet(
        "场地使用",
        &[("场地", 16.0), ("活动场次", 10.0), ("活动小时", 10.0), ("团体借用", 10.0), ("团体小时", 10.0)],
        rooms,
    );

    let w = &r.wishes;
    let mut wish_rows = vec![
        vec![text("收到"), fig(int(w.received), "wishes.received")],
        vec![text("发布"), fig(int(w.published), "wishes.published")],
        vec![text("认领"), fig(int(w.claimed), "wishes.claimed")],
        vec![text("实现"), fig(int(w.fulfilled), "wishes.fulfilled")],
        vec![text("按期实现"), fig(int(w.fulfilled_on_time), "wishes.fulfilledOnTime")],
        vec![text("按期率%"), rate(w.on_time_rate, "wishes.onTimeRate")],
        vec![text("平均实现天数"), fig(num(w.avg_days_to_fulfil), "wishes.avgDaysToFulfil")],
        vec![text("评价数"), fig(int(w.rated), "wishes.rated")],
        vec![text("满意"), fig(int(w.satisfied), "wishes.satisfied")],
        vec![text("基本满意"), fig(int(w.partly), "wishes.partly")],
        vec![text("不满意"), fig(int(w.not_satisfied), "wishes.notSatisfied")],
        vec![text("满意率%"), rate(w.satisfaction_rate, "wishes.satisfactionRate")],
    ];
    for k in &w.by_kind {
        let p = format!("wishes.byKind[{}]", k.key);
        wish_rows.push(vec![text(format!("{}类 收到", k.label)), fig(int(k.received), format!("{p}.received"))]);
        wish_rows.push(vec![text(format!("{}类 实现", k.label)), fig(int(k.fulfilled), format!("{p}.fulfilled"))]);
    }
    b.sheet("微心愿", &[("项目", 18.0), ("数值", 10.0)], wish_rows);

    let v = &r.volunteers;
    let mut vol_rows = vec![vec![
        text("合计"),
        text("参与服务"),
        fig(int(v.active), "volunteers.active"),
        fig(int(v.minutes), "volunteers.minutes"),
        fig(Cell::Number(v.hours), "volunteers.hours"),
        fig(int(v.points), "volunteers.points"),
    ]];
    for (group, list, key) in
        [("志愿者类别", &v.by_kind, "volunteers.byKind"), ("服务类别", &v.by_service_kind, "volunteers.byServiceKind")]
    {
        for k in list {
            let p = format!("{key}[{}]", k.label);
            vol_rows.push(vec![
                text(group),
                text(k.label.clone()),
                fig(int(k.people), format!("{p}.people")),
                fig(int(k.minutes), format!("{p}.minutes")),
                fig(Cell::Number(k.hours), format!("{p}.hours")),
                empty(),
            ]);
        }
    }
    b.sheet(
        "志愿服务",
        &[("分组", 12.0), ("名称", 14.0), ("人数", 8.0), ("分钟", 10.0), ("小时", 10.0), ("积分", 10.0)],
        vol_rows,
    );
    let top = v
        .top_ten
        .iter()
        .map(|t| {
            let p = format!("volunteers.topTen[{}]", t.name);
            vec![
                fig(int(t.rank), format!("{p}.rank")),
                text(t.name.clone()),
                fig(int(t.minutes), format!("{p}.minutes")),
                fig(Cell::Number(t.hours), format!("{p}.hours")),
                fig(int(t.points), format!("{p}.points")),
            ]
        })
        .collect();
    b.sheet("志愿者前十", &[("名次", 6.0), ("姓名", 12.0), ("分钟", 10.0), ("小时", 10.0), ("积分", 10.0)], top);
    let mut units: Vec<Vec<Slot>> = v
        .units
        .iter()
        .map(|u| {
            let p = format!("volunteers.units[{}]", u.name);
            vec![
                text(u.name.clone()),
                fig(int(u.expected), format!("{p}.expected")),
                fig(int(u.reported_in), format!("{p}.reportedIn")),
                fig(u.report_in_rate.map_or(Cell::Empty, int), format!("{p}.reportInRate")),
                fig(int(u.minutes), format!("{p}.minutes")),
                fig(Cell::Number(u.hours), format!("{p}.hours")),
            ]
        })
        .collect();
    units.push(vec![
        text("合计"),
        empty(),
        empty(),
        fig(v.report_in_rate.map_or(Cell::Empty, int), "volunteers.reportInRate"),
        empty(),
        empty(),
    ]);
    b.sheet(
        "共建单位",
        &[("单位", 24.0), ("应报到", 8.0), ("已报到", 8.0), ("报到率%", 10.0), ("服务分钟", 10.0), ("服务小时", 10.0)],
        units,
    );

    let i = &r.inventory;
    b.sheet(
        "物资",
        &FIGURE_COLUMNS,
        figure_rows(vec![
            ("入库笔数", fig(int(i.receipts), "inventory.receipts"), "笔"),
            ("入库数量", fig(int(i.received_quantity), "inventory.receivedQuantity"), "件"),
            ("发放笔数", fig(int(i.issues), "inventory.issues"), "笔"),
            ("发放数量", fig(int(i.issued_quantity), "inventory.issuedQuantity"), "件"),
            ("借出笔数", fig(int(i.loans), "inventory.loans"), "笔"),
            ("借出数量", fig(int(i.lent_quantity), "inventory.lentQuantity"), "件"),
            ("归还数量", fig(int(i.returned_quantity), "inventory.returnedQuantity"), "件"),
            ("报损数量", fig(int(i.disposed_quantity), "inventory.disposedQuantity"), "件"),
            ("逾期未还", fig(int(i.overdue_loans), "inventory.overdueLoans"), "笔"),
            ("低于最低库存", fig(int(i.below_minimum), "inventory.belowMinimum"), "种"),
            ("临期批次", fig(int(i.expiring_batches), "inventory.expiringBatches"), "批"),
            ("临期数量", fig(int(i.expiring_quantity), "inventory.expiringQuantity"), "件"),
        ]),
    );

    let c = &r.cases;
    let mut case_rows = vec![vec![
        text("合计"),
        fig(int(c.received), "cases.received"),
        fig(int(c.unreasonable), "cases.unreasonable"),
        rate(c.response_rate, "cases.responseRate"),
        rate(c.resolution_rate, "cases.resolutionRate"),
        rate(c.satisfaction_rate, "cases.satisfactionRate"),
        fig(int(c.followed_up), "cases.followedUp"),
        fig(num(c.avg_handling_hours), "cases.avgHandlingHours"),
    ]];
    for k in &c.by_kind {
        let p = format!("cases.byKind[{}]", k.key);
        case_rows.push(vec![
            text(k.label.clone()),
            fig(int(k.total), format!("{p}.total")),
            fig(int(k.unreasonable), format!("{p}.unreasonable")),
            rate(k.response_rate, format!("{p}.responseRate")),
            rate(k.resolution_rate, format!("{p}.resolutionRate")),
            rate(k.satisfaction_rate, format!("{p}.satisfactionRate")),
            empty(),
            empty(),
        ]);
    }
    for s in &c.by_source {
        case_rows.push(vec![
            text(format!("来源：{}", s.label)),
            fig(int(s.count), format!("cases.bySource[{}].count", s.key)),
        ]);
    }
    b.sheet(
        "接诉即办",
        &[
            ("分组", 16.0),
            ("件数", 8.0),
            ("不合理诉求", 10.0),
            ("响应率%", 10.0),
            ("解决率%", 10.0),
            ("满意率%", 10.0),
            ("回访数", 8.0),
            ("平均办理小时", 12.0),
        ],
        case_rows,
    );
    party_sheets(&mut b, r.party.as_ref());
    let corrections = r
        .after_closing
        .iter()
        .map(|c| {
            vec![
                text(c.month.clone()),
                text(c.label.clone()),
                Slot { cell: num(c.filed), figure: None },
                Slot { cell: num(c.current), figure: None },
                text(c.key.clone()),
            ]
        })
        .collect();
    b.sheet(
        "关账后更正",
        &[("月份", 10.0), ("项目", 40.0), ("报送值", 10.0), ("现值", 10.0), ("字段", 40.0)],
        corrections,
    );
    b
}

/// 党建: the figures, per branch, and 三会一课 per meeting kind (amounts in 分, as in the JSON).
/// A month closed under schema version 1 has no party figures: the sheet says so.
fn party_sheets(b: &mut Book, party: Option<&super::PartyFigures>) {
    let Some(p) = party else {
        b.sheet(
            "党建",
            &FIGURE_COLUMNS,
            vec![vec![text("该月关账时汇总尚无党建板块（汇总第 1 版）"), empty(), empty()]],
        );
        return;
    };
    let d = &p.dues;
    b.sheet(
        "党建",
        &FIGURE_COLUMNS,
        figure_rows(vec![
            ("在册党员", fig(int(p.members), "party.members"), "人"),
            ("其中正式党员", fig(int(p.full), "party.full"), "人"),
            ("其中预备党员", fig(int(p.probationary), "party.probationary"), "人"),
            ("流动外出", fig(int(p.mobile_out), "party.mobileOut"), "人"),
            ("流入", fig(int(p.mobile_in), "party.mobileIn"), "人"),
            ("失联", fig(int(p.lost_contact), "party.lostContact"), "人"),
            ("入党", fig(int(p.joined), "party.joined"), "人"),
            ("登记入册", fig(int(p.registered), "party.registered"), "人"),
            ("转入", fig(int(p.transferred_in), "party.transferredIn"), "人"),
            ("转出", fig(int(p.transferred_out), "party.transferredOut"), "人"),
            ("转正", fig(int(p.confirmed), "party.confirmed"), "人"),
            ("组织生活次数", fig(int(p.meetings_held), "party.meetingsHeld"), "次"),
            ("应到人次", fig(int(p.due_people), "party.duePeople"), "人次"),
            ("实到人次", fig(int(p.present), "party.present"), "人次"),
            ("出席率%", rate(p.attendance_rate, "party.attendanceRate"), "%"),
            ("党费应缴人次", fig(int(d.member_months), "party.dues.memberMonths"), "人次"),
            ("党费已缴人次", fig(int(d.paid), "party.dues.paid"), "人次"),
            ("党费未缴人次", fig(int(d.unpaid), "party.dues.unpaid"), "人次"),
            ("党费应缴", fig(int(d.due_fen), "party.dues.dueFen"), "分"),
            ("党费实缴", fig(int(d.paid_fen), "party.dues.paidFen"), "分"),
            ("党费缴纳率%", rate(d.paid_rate, "party.dues.paidRate"), "%"),
        ]),
    );
    let branches = p
        .by_branch
        .iter()
        .map(|x| {
            let path = format!("party.byBranch[{}]", x.name);
            vec![
                text(x.name.clone()),
                fig(int(x.members), format!("{path}.members")),
                fig(int(x.full), format!("{path}.full")),
                fig(int(x.probationary), format!("{path}.probationary")),
                fig(int(x.lost_contact), format!("{path}.lostContact")),
                fig(int(x.due_fen), format!("{path}.dueFen")),
                fig(int(x.paid_fen), format!("{path}.paidFen")),
                fig(int(x.unpaid), format!("{path}.unpaid")),
            ]
        })
        .collect();
    b.sheet(
        "党支部",
        &[
            ("党支部", 24.0),
            ("在册党员", 10.0),
            ("正式党员", 10.0),
            ("预备党员", 10.0),
            ("失联", 8.0),
            ("党费应缴（分）", 14.0),
            ("党费实缴（分）", 14.0),
            ("党费未缴人次", 12.0),
        ],
        branches,
    );
    let kinds = p
        .by_meeting_kind
        .iter()
        .map(|k| {
            let path = format!("party.byMeetingKind[{}]", k.key.as_str());
            vec![
                text(k.label.clone()),
                text(k.quota_period.map_or("无定额", |q| q.label())),
                text(format!("{} 至 {}", k.from, k.counted_to)),
                fig(int(k.organisations), format!("{path}.organisations")),
                fig(int(k.met), format!("{path}.met")),
                fig(int(k.required), format!("{path}.required")),
                fig(int(k.held), format!("{path}.held")),
                fig(int(k.due_people), format!("{path}.duePeople")),
                fig(int(k.present), format!("{path}.present")),
                rate(k.attendance_rate, format!("{path}.attendanceRate")),
            ]
        })
        .collect();
    b.sheet(
        "三会一课",
        &[
            ("会议类别", 14.0),
            ("定额", 8.0),
            ("统计期间", 24.0),
            ("应开组织数", 10.0),
            ("达标组织数", 10.0),
            ("应开次数", 10.0),
            ("已开次数", 10.0),
            ("应到人次", 10.0),
            ("实到人次", 10.0),
            ("出席率%", 10.0),
        ],
        kinds,
    );
}

/// Every figure on one line (section, figure, value): what the CSV holds.
pub fn figures_sheet(r: &MonthlyReport) -> Sheet {
    let rows = flatten(r)
        .into_iter()
        .map(|(key, label, value)| {
            let (section, rest) = label.split_once(" · ").unwrap_or((&label, ""));
            vec![Cell::from(section.to_string()), Cell::from(rest.to_string()), num(value), Cell::from(key)]
        })
        .collect();
    Sheet {
        name: "全部数据".into(),
        columns: cols(&[("板块", 10.0), ("项目", 36.0), ("数值", 12.0), ("字段", 40.0)]),
        rows,
    }
}

/// Writes the report in a format: .xlsx, .csv (UTF-8 with BOM) or JSON (pretty).
pub fn write_report(r: &MonthlyReport, format: ReportFormat, path: &Path) -> Result<()> {
    match format {
        ReportFormat::Xlsx => write_xlsx(path, &sheets(r)),
        ReportFormat::Csv => write_csv(path, &figures_sheet(r), TextEncoding::Utf8Bom),
        ReportFormat::Json => {
            let text = serde_json::to_string_pretty(r).map_err(AppError::internal)?;
            let part = partial_path(path);
            std::fs::write(&part, text + "\n")
                .map_err(|e| AppError::new(ErrorCode::Io, format!("无法写出文件「{}」：{e}", path.display())))?;
            finish_partial(&part, path)
        }
    }
}

impl Station {
    /// Writes the period's report to a file (audited). Returns the report written.
    pub fn report_export(
        &mut self,
        actor: &StaffActor,
        input: &ReportInput,
        format: ReportFormat,
        path: &Path,
    ) -> Result<MonthlyReport> {
        let report = self.report(actor, input)?;
        write_report(&report, format, path)?;
        let what = format!("导出月度汇总 {}（{:?}）", report.header.title_period, format);
        self.write(&Actor::Staff(actor.clone()), |tx| tx.audit("report", None, "export", &what))?;
        Ok(report)
    }
}
