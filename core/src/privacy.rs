//! Personal data as PIPL asks (issue 17): consent to a notice (and its withdrawal), separate
//! consent for sensitive tags and for photos on the public wall, retention periods with an
//! automatic purge, a purge that reaches every place a person's name and phone were copied
//! to, and an audit of every look at or export of personal data.
//!
//! Rule of thumb: the audit log says *who did what to which record* by id, never the person's
//! name or phone in clear (masked where a word helps: 王**, 138****1234); a purge leaves the
//! marker [`MARK`] where the person's name or phone stood.

use crate::validate;

pub mod access;
pub mod consent;
pub(crate) mod purge;
pub mod retention;

pub use consent::{ConsentRecord, ConsentScope, ConsentWithdrawInput, NOTICE_VERSION};
pub use retention::{RetentionPreview, RetentionReport, RetentionSettings};

/// What a purge leaves where a person's name or phone stood. The append-only tables'
/// triggers (migration 0012) accept exactly this change and no other.
pub const MARK: &str = "〔已删除〕";

/// A name as the audit log may keep it: 王芳芳 → 王**.
pub fn audit_name(name: &str) -> String {
    validate::mask_name(name.trim())
}

/// A phone as the audit log may keep it: 13812341234 → 138****1234.
pub fn audit_phone(phone: &str) -> String {
    validate::mask_phone(phone.trim())
}

/// A search text as the audit log may keep it: digits (a phone fragment) masked but for the
/// last four, anything else masked like a name; empty stays empty.
pub fn audit_search_text(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        let n = t.chars().count();
        let tail: String = t.chars().skip(n.saturating_sub(4)).collect();
        return format!("{}{tail}", "*".repeat(n.saturating_sub(4)));
    }
    validate::mask_name(t)
}

#[cfg(test)]
mod tests;
