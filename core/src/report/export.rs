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

/// Two-column "figure / value" sheet.
fn figure_sheet(name: &str, rows: Vec<(&str, Cell, &str)>) -> Sheet {
    Sheet {
        name: name.into(),
        columns: cols(&[("项目", 26.0), ("数值", 12.0), ("单位", 8.0)]),
        rows: rows.into_iter().map(|(l, v, u)| vec![Cell::from(l), v, Cell::from(u)]).collect(),
    }
}

pub fn sheets(r: &MonthlyReport) -> Vec<Sheet> {
    let h = &r.header;
    let mut overview = vec![
        vec![Cell::from("服务站"), Cell::from(h.station.clone()), Cell::Empty, Cell::Empty, Cell::Empty],
        vec![Cell::from("社区"), Cell::from(h.community.clone()), Cell::Empty, Cell::Empty, Cell::Empty],
        vec![Cell::from("统计期间"), Cell::from(h.title_period.clone()), Cell::Empty, Cell::Empty, Cell::Empty],
        vec![Cell::from("制表人"), Cell::from(h.made_by.clone()), Cell::Empty, Cell::Empty, Cell::Empty],
        vec![Cell::from("制表日期"), Cell::from(h.made_on.clone()), Cell::Empty, Cell::Empty, Cell::Empty],
    ];
    if let Some(c) = &r.closing {
        overview.push(vec![
            Cell::from("关账校验码"),
            Cell::from(c.short_hash.clone()),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    for c in &r.changes {
        overview.push(vec![
            Cell::from(c.label.clone()),
            num(c.current),
            num(c.previous),
            num(c.delta),
            Cell::from(c.unit.clone()),
        ]);
    }
    let overview = Sheet {
        name: "概况".into(),
        columns: cols(&[("项目", 18.0), ("本期", 24.0), ("上期", 10.0), ("增减", 10.0), ("单位", 8.0)]),
        rows: overview,
    };
    let res = &r.residents;
    let residents = figure_sheet(
        "服务居民",
        vec![
            ("服务居民人数", int(res.served), "人"),
            ("其中预约活动", int(res.served_by_activities), "人"),
            ("其中提交心愿", int(res.served_by_wishes), "人"),
            ("其中借用物资", int(res.served_by_loans), "人"),
            ("其中反映诉求", int(res.served_by_cases), "人"),
            ("新登记居民", int(res.new_registrations), "人"),
        ],
    );
    let a = &r.activities;
    let mut act_rows: Vec<Vec<Cell>> = a
        .by_category
        .iter()
        .map(|c| {
            vec![Cell::from(c.label.clone()), int(c.held), int(c.participants), int(c.no_shows), pct(c.attendance_rate)]
        })
        .collect();
    act_rows.push(vec![Cell::from("合计"), int(a.held), int(a.participants), int(a.no_shows), pct(a.attendance_rate)]);
    let activities = Sheet {
        name: "活动".into(),
        columns: cols(&[("类别", 14.0), ("举办场次", 10.0), ("参与人次", 10.0), ("爽约人次", 10.0), ("到场率%", 10.0)]),
        rows: act_rows,
    };
    let rooms = Sheet {
        name: "场地使用".into(),
        columns: cols(&[
            ("场地", 16.0),
            ("活动场次", 10.0),
            ("活动小时", 10.0),
            ("团体借用", 10.0),
            ("团体小时", 10.0),
        ]),
        rows: a
            .rooms
            .iter()
            .map(|x| {
                vec![
                    Cell::from(x.label.clone()),
                    int(x.activities),
                    Cell::Number(x.activity_hours),
                    int(x.group_bookings),
                    Cell::Number(x.group_hours),
                ]
            })
            .collect(),
    };
    let w = &r.wishes;
    let mut wish_rows = vec![
        vec![Cell::from("收到"), int(w.received)],
        vec![Cell::from("发布"), int(w.published)],
        vec![Cell::from("认领"), int(w.claimed)],
        vec![Cell::from("实现"), int(w.fulfilled)],
        vec![Cell::from("按期实现"), int(w.fulfilled_on_time)],
        vec![Cell::from("按期率%"), pct(w.on_time_rate)],
        vec![Cell::from("平均实现天数"), num(w.avg_days_to_fulfil)],
        vec![Cell::from("评价数"), int(w.rated)],
        vec![Cell::from("满意"), int(w.satisfied)],
        vec![Cell::from("基本满意"), int(w.partly)],
        vec![Cell::from("不满意"), int(w.not_satisfied)],
        vec![Cell::from("满意率%"), pct(w.satisfaction_rate)],
    ];
    for k in &w.by_kind {
        wish_rows.push(vec![Cell::from(format!("{}类 收到", k.label)), int(k.received)]);
        wish_rows.push(vec![Cell::from(format!("{}类 实现", k.label)), int(k.fulfilled)]);
    }
    let wishes =
        Sheet { name: "微心愿".into(), columns: cols(&[("项目", 18.0), ("数值", 10.0)]), rows: wish_rows };
    let v = &r.volunteers;
    let mut vol_rows =
        vec![vec![Cell::from("合计"), Cell::from("参与服务"), int(v.active), int(v.minutes), Cell::Number(v.hours)]];
    for k in &v.by_kind {
        vol_rows.push(vec![
            Cell::from("志愿者类别"),
            Cell::from(k.label.clone()),
            int(k.people),
            int(k.minutes),
            Cell::Number(k.hours),
        ]);
    }
    for k in &v.by_service_kind {
        vol_rows.push(vec![
            Cell::from("服务类别"),
            Cell::from(k.label.clone()),
            int(k.people),
            int(k.minutes),
            Cell::Number(k.hours),
        ]);
    }
    let volunteers = Sheet {
        name: "志愿服务".into(),
        columns: cols(&[("分组", 12.0), ("名称", 14.0), ("人数", 8.0), ("分钟", 10.0), ("小时", 10.0)]),
        rows: vol_rows,
    };
    let top = Sheet {
        name: "志愿者前十".into(),
        columns: cols(&[("名次", 6.0), ("姓名", 12.0), ("小时", 10.0), ("积分", 10.0)]),
        rows: v
            .top_ten
            .iter()
            .map(|t| vec![int(t.rank), Cell::from(t.name.clone()), Cell::Number(t.hours), int(t.points)])
            .collect(),
    };
    let units = Sheet {
        name: "共建单位".into(),
        columns: cols(&[("单位", 24.0), ("应报到", 8.0), ("已报到", 8.0), ("报到率%", 10.0), ("服务小时", 10.0)]),
        rows: v
            .units
            .iter()
            .map(|u| {
                vec![
                    Cell::from(u.name.clone()),
                    int(u.expected),
                    int(u.reported_in),
                    u.report_in_rate.map_or(Cell::Empty, int),
                    Cell::Number(u.hours),
                ]
            })
            .collect(),
    };
    let i = &r.inventory;
    let inventory = figure_sheet(
        "物资",
        vec![
            ("入库笔数", int(i.receipts), "笔"),
            ("入库数量", int(i.received_quantity), "件"),
            ("发放笔数", int(i.issues), "笔"),
            ("发放数量", int(i.issued_quantity), "件"),
            ("借出笔数", int(i.loans), "笔"),
            ("借出数量", int(i.lent_quantity), "件"),
            ("归还数量", int(i.returned_quantity), "件"),
            ("报损数量", int(i.disposed_quantity), "件"),
            ("逾期未还", int(i.overdue_loans), "笔"),
            ("低于最低库存", int(i.below_minimum), "种"),
            ("临期批次", int(i.expiring_batches), "批"),
            ("临期数量", int(i.expiring_quantity), "件"),
        ],
    );
    let c = &r.cases;
    let mut case_rows = vec![vec![
        Cell::from("合计"),
        int(c.received),
        pct(c.response_rate),
        pct(c.resolution_rate),
        pct(c.satisfaction_rate),
    ]];
    for k in &c.by_kind {
        case_rows.push(vec![
            Cell::from(k.label.clone()),
            int(k.total),
            pct(k.response_rate),
            pct(k.resolution_rate),
            pct(k.satisfaction_rate),
        ]);
    }
    for s in &c.by_source {
        case_rows.push(vec![
            Cell::from(format!("来源：{}", s.label)),
            int(s.count),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ]);
    }
    let cases = Sheet {
        name: "接诉即办".into(),
        columns: cols(&[("分组", 16.0), ("件数", 8.0), ("响应率%", 10.0), ("解决率%", 10.0), ("满意率%", 10.0)]),
        rows: case_rows,
    };
    let corrections = Sheet {
        name: "关账后更正".into(),
        columns: cols(&[("月份", 10.0), ("项目", 40.0), ("报送值", 10.0), ("现值", 10.0)]),
        rows: r
            .after_closing
            .iter()
            .map(|c| vec![Cell::from(c.month.clone()), Cell::from(c.label.clone()), num(c.filed), num(c.current)])
            .collect(),
    };
    vec![overview, residents, activities, rooms, wishes, volunteers, top, units, inventory, cases, corrections]
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
