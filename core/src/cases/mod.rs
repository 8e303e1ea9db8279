//! 接诉即办 (cases): one entry for every request or complaint, routing by kind, the six-step
//! closed loop with time limits and automatic escalation, feedback, follow-up and figures.
//!
//! - `intake`: the one entry (numbers, duplicate warning, routing at intake);
//! - `routing`: departments (吹哨/报到), the emergency direct-report checklist;
//! - `workflow`: the state machine (which action is allowed in which state), escalation,
//!   send back (退回重办), reopen, close, archive;
//! - `deadlines`: working days (weekends and the 调休 calendar), time limits, clocks and the
//!   automatic escalation applied on read (`cases_tick`);
//! - `followup`: feedback to the resident, follow-up (回访), the "unreasonable complaint"
//!   marking with a second reviewer;
//! - `figures`: response / resolution / satisfaction rates and handling time.
//!
//! Handlers and mediators are staff accounts or a typed name (`handler_name`). When the
//! volunteers roster lands, a `handler_volunteer_id` column (new migration) and one more
//! optional field in `CaseAssignInput` link them to a roster person (see `workflow::assign`).

use crate::error::AppError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub mod deadlines;
pub mod figures;
pub mod followup;
pub mod intake;
pub mod routing;
pub mod workflow;

pub use deadlines::{CalendarDay, CalendarDayInput, CaseClock, CaseLimit, ClockState, DayKind, DueKind};
pub use figures::{CaseFigures, FigureRow, FiguresInput};
pub use followup::{CaseFeedbackInput, CaseFollowupInput, CaseReviewInput, FeedbackChannel, FollowupMethod};
pub use intake::CaseInput;
pub use routing::{CaseCallInput, Department, DepartmentInput};
pub use workflow::{
    CaseAssignInput, CaseCloseInput, CaseEscalateInput, CaseReasonInput, CaseResolveInput, CaseStepInput, HandlerOption,
};

/// A closed set of words stored as TEXT: `as_str` for SQL, `parse` for reading back, and the
/// serde names are the same snake_case words.
macro_rules! stored_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal / $label:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }

            /// The word the desk shows.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
        }
    };
}
pub(crate) use stored_enum;

stored_enum!(
    /// Routing depends on the kind.
    CaseKind {
        Emergency => "emergency" / "重大突发",
        Dispute => "dispute" / "矛盾纠纷",
        Administrative => "administrative" / "行政职责",
        Service => "service" / "服务诉求",
    }
);

stored_enum!(CaseSource {
    WalkIn => "walk_in" / "来访",
    Phone => "phone" / "来电",
    GridWorker => "grid_worker" / "网格员上报",
    Hotline => "hotline" / "12345 转办",
    Kiosk => "kiosk" / "自助终端",
});

stored_enum!(Urgency { Normal => "normal" / "一般", Urgent => "urgent" / "紧急" });

stored_enum!(
    /// Response levels, lowest first: escalation only ever moves up this order.
    Level {
        Community => "community" / "社区",
        Street => "street" / "街道（乡镇）",
        County => "county" / "区县",
    }
);

stored_enum!(
    /// The six steps (问题上报 → 案卷建立 → 任务指派 → 调查落实 → 反馈结果 → 结案归档); the
    /// sixth is two states: closed (a follow-up may still reopen it) and archived (read-only).
    CaseStatus {
        Reported => "reported" / "问题上报",
        Filed => "filed" / "案卷建立",
        Assigned => "assigned" / "任务指派",
        Handling => "handling" / "调查落实",
        Answered => "answered" / "反馈结果",
        Closed => "closed" / "已结案",
        Archived => "archived" / "已归档",
    }
);

stored_enum!(
    /// Everything that can happen to a case; each is one row of its timeline.
    CaseAction {
        Report => "report" / "问题上报",
        Accept => "accept" / "受理建档",
        Assign => "assign" / "任务指派",
        Investigate => "investigate" / "开始调查落实",
        Resolve => "resolve" / "办理完毕",
        Feedback => "feedback" / "反馈结果",
        Followup => "followup" / "回访",
        Close => "close" / "结案",
        Archive => "archive" / "归档",
        Reopen => "reopen" / "重新办理",
        SendBack => "send_back" / "退回重办",
        Escalate => "escalate" / "上报升级",
        AutoEscalate => "auto_escalate" / "逾期自动升级",
        DepartmentReport => "department_report" / "部门报到",
        DirectReport => "direct_report" / "直报记录",
        Note => "note" / "办理记录",
        MarkUnreasonable => "mark_unreasonable" / "申请认定为不合理诉求",
        ReviewUnreasonable => "review_unreasonable" / "复核不合理诉求",
    }
);

stored_enum!(DisputeStage { Mediation => "mediation" / "社区调解", Sanzhang => "sanzhang" / "三长会商" });

stored_enum!(Resolution { Solved => "solved" / "已解决", Partly => "partly" / "部分解决", Unsolved => "unsolved" / "未解决" });

stored_enum!(Satisfaction {
    Satisfied => "satisfied" / "满意",
    Neutral => "neutral" / "一般",
    Dissatisfied => "dissatisfied" / "不满意",
});

impl CaseStatus {
    /// Not yet closed: the clock runs, escalation applies.
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStatus::Closed | CaseStatus::Archived)
    }
}

impl Level {
    pub fn next(self) -> Option<Level> {
        match self {
            Level::Community => Some(Level::Street),
            Level::Street => Some(Level::County),
            Level::County => None,
        }
    }
}

/// A line of the case lists: what the clock says, who handles it, where.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseRow {
    pub id: i64,
    pub number: String,
    pub kind: CaseKind,
    pub title: String,
    pub status: CaseStatus,
    pub level: Level,
    pub urgency: Urgency,
    pub handler: String,
    pub place: String,
    pub created_at: String,
    pub clock: CaseClock,
    /// 重大突发: shown red whatever the clock says.
    pub red_flag: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseQuery {
    /// Number, title, place or handler fragment.
    pub text: String,
    pub status: Option<CaseStatus>,
    pub kind: Option<CaseKind>,
    /// Only cases not yet closed (the working list, sorted by the clock).
    pub open_only: bool,
    /// 1-based.
    pub page: u32,
    pub page_size: u32,
}

impl Default for CaseQuery {
    fn default() -> Self {
        CaseQuery { text: String::new(), status: None, kind: None, open_only: true, page: 1, page_size: 20 }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CasePage {
    pub items: Vec<CaseRow>,
    pub total: u32,
}

/// One row of a case's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseTransition {
    pub id: i64,
    pub at: String,
    pub action: CaseAction,
    pub from_status: CaseStatus,
    pub to_status: CaseStatus,
    pub from_level: Level,
    pub to_level: Level,
    pub actor: String,
    /// The system (automatic escalation) rather than a person.
    pub by_system: bool,
    pub note: String,
    pub photos: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseCall {
    pub id: i64,
    pub callee: String,
    pub called_at: String,
    pub note: String,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseFeedback {
    pub id: i64,
    pub content: String,
    pub told_at: String,
    pub channel: FeedbackChannel,
    pub by: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseFollowup {
    pub id: i64,
    pub method: FollowupMethod,
    pub resolution: Resolution,
    pub satisfaction: Satisfaction,
    pub note: String,
    pub by: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Unreasonable {
    pub reason: String,
    pub proposed_by: String,
    pub reviewer: Option<String>,
    pub confirmed: bool,
}

/// The case page: every fact, the whole timeline and what may be done next.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseDetail {
    pub id: i64,
    pub number: String,
    pub source: CaseSource,
    pub hotline_ticket: Option<String>,
    pub resident_id: Option<i64>,
    pub resident_name: Option<String>,
    pub contact_name: String,
    pub contact_phone: String,
    pub grid_id: Option<i64>,
    pub compound_id: Option<i64>,
    pub building_id: Option<i64>,
    pub place: String,
    pub kind: CaseKind,
    pub title: String,
    pub description: String,
    pub urgency: Urgency,
    pub level: Level,
    pub status: CaseStatus,
    pub handler_staff_id: Option<i64>,
    pub handler: String,
    pub dispute_stage: Option<DisputeStage>,
    pub session_date: Option<String>,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub report_due: Option<String>,
    pub reported_at: Option<String>,
    pub accept_due: String,
    pub resolve_due: String,
    pub accepted_at: Option<String>,
    pub resolved_at: Option<String>,
    pub result: String,
    pub feedback_at: Option<String>,
    pub followup_resolution: Option<Resolution>,
    pub followup_satisfaction: Option<Satisfaction>,
    pub no_followup_reason: Option<String>,
    pub closed_at: Option<String>,
    pub archived_at: Option<String>,
    pub reopens: u32,
    pub unreasonable: Option<Unreasonable>,
    pub created_at: String,
    pub created_by: String,
    pub clock: CaseClock,
    pub red_flag: bool,
    pub transitions: Vec<CaseTransition>,
    pub calls: Vec<CaseCall>,
    pub feedback: Vec<CaseFeedback>,
    pub followups: Vec<CaseFollowup>,
    /// What the signed-in staff member may do now (the buttons the case page shows).
    pub allowed: Vec<CaseAction>,
}

/// The desk home panel: cases past or near their limit.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CasesHome {
    pub open: u32,
    pub overdue: Vec<CaseRow>,
    pub near: Vec<CaseRow>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CaseSettings {
    pub limits: Vec<CaseLimit>,
    pub calendar: Vec<CalendarDay>,
    pub departments: Vec<Department>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CasePhotoInput {
    pub case_id: i64,
    pub name: String,
    /// The file's bytes (JPEG or PNG).
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CasePhoto {
    pub id: i64,
    pub name: String,
    /// data: URL, ready for an <img>.
    pub data_url: String,
}

/// A required choice that arrived empty or a text that does not name a known word.
pub(crate) fn parse_stored<T>(value: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(value).ok_or_else(|| rusqlite::Error::InvalidColumnType(0, value.to_string(), rusqlite::types::Type::Text))
}

pub(crate) fn conflict(message: impl Into<String>) -> AppError {
    AppError::new(crate::error::ErrorCode::Conflict, message)
}

mod demo;
mod photos;
mod read;
pub use demo::{populate_cases, populate_deadlines, Populated};

#[cfg(test)]
mod tests;
