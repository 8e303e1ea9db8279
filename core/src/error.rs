//! The one error type that crosses every boundary: a stable machine code (never match on
//! the message), a Chinese message ready to show, and the input field it concerns.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    Validation,
    DuplicateWarning,
    NotFound,
    Conflict,
    /// An activity has no place left (the caller may offer the waitlist).
    ActivityFull,
    NotInitialized,
    AlreadyInitialized,
    Unauthenticated,
    SessionExpired,
    Forbidden,
    KioskForbidden,
    BadCredentials,
    /// Too many wrong guesses (PINs, codes, passwords): wait, the message says how long.
    TooManyAttempts,
    AccountDisabled,
    DatabaseNewer,
    MigrationFailed,
    IntegrityFailed,
    Database,
    /// Another writer held the database longer than the busy timeout; retrying may succeed.
    Busy,
    Io,
    /// not available on this operating system
    Unsupported,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// camelCase name of the input field the error concerns (validation errors).
    pub field: Option<String>,
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError { code, message: message.into(), field: None }
    }

    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        AppError { code: ErrorCode::Validation, message: message.into(), field: Some(field.to_string()) }
    }

    pub fn not_found(what: &str) -> Self {
        AppError::new(ErrorCode::NotFound, format!("{what}不存在或已被删除"))
    }

    pub fn forbidden() -> Self {
        AppError::new(ErrorCode::Forbidden, "此操作需要管理员权限")
    }

    pub fn internal(detail: impl std::fmt::Display) -> Self {
        AppError::new(ErrorCode::Internal, format!("发生内部错误：{detail}"))
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "[{:?}] {} ({field})", self.code, self.message),
            None => write!(f, "[{:?}] {}", self.code, self.message),
        }
    }
}

impl std::error::Error for AppError {}

impl From<rusqlite::Error> for AppError {
    fn from(err: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(e, _) = &err {
            if e.code == rusqlite::ErrorCode::DatabaseBusy || e.code == rusqlite::ErrorCode::DatabaseLocked {
                return AppError::new(ErrorCode::Busy, "数据库正忙，请稍后重试");
            }
        }
        AppError::new(ErrorCode::Database, format!("数据库错误：{err}"))
    }
}

impl From<std::io::Error> for AppError {
    fn from(err: std::io::Error) -> Self {
        AppError::new(ErrorCode::Io, format!("文件读写失败：{err}"))
    }
}
