//! Who is acting. Staff-only operations take a `&StaffActor`, so the kiosk (which has no
//! staff identity) cannot reach them by construction; admin-only ones check the role.

use crate::error::{AppError, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Staff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Staff => "staff",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "staff" => Some(Role::Staff),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffActor {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
}

impl StaffActor {
    pub fn require_admin(&self) -> Result<()> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Staff(StaffActor),
    /// The resident-facing kiosk window: no login, no staff identity.
    Kiosk,
    /// The app itself (migrations, demo data from the command line).
    System,
}

impl Actor {
    pub fn kind(&self) -> &'static str {
        match self {
            Actor::Staff(_) => "staff",
            Actor::Kiosk => "kiosk",
            Actor::System => "system",
        }
    }

    pub fn staff_id(&self) -> Option<i64> {
        match self {
            Actor::Staff(s) => Some(s.id),
            _ => None,
        }
    }

    pub fn display_name(&self) -> String {
        match self {
            Actor::Staff(s) => s.display_name.clone(),
            Actor::Kiosk => "自助终端".to_string(),
            Actor::System => "系统".to_string(),
        }
    }
}
