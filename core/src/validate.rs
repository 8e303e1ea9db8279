//! Input rules shared by every module. Each failure names the field and says, in Chinese,
//! what is wrong and what is expected.

use crate::error::{AppError, Result};
use chrono::{Datelike, NaiveDate};

/// Trims and checks a required text: not empty, at most `max` characters.
pub fn required_text(field: &str, label: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(AppError::validation(field, format!("请填写{label}")));
    }
    optional_text(field, label, v, max)
}

pub fn optional_text(field: &str, label: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    let n = v.chars().count();
    if n > max {
        return Err(AppError::validation(field, format!("{label}不能超过 {max} 个字（现在 {n} 个）")));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(AppError::validation(field, format!("{label}含有无法显示的控制字符")));
    }
    Ok(v.to_string())
}

/// Full-width digits, letters and dashes (what a Chinese input method types, and what
/// office spreadsheets often hold) become their ASCII forms.
pub fn half_width(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '—' => '-',
            other => other,
        })
        .collect()
}

/// A phone number as the station records it: a mainland mobile (11 digits starting 1[3-9]),
/// or a landline with its area code (010-12345678, 0356-1234567, extension allowed).
/// Spaces and dashes that people type are tolerated; the stored form is canonical.
pub fn phone(field: &str, value: &str) -> Result<String> {
    let raw: String = half_width(value).chars().filter(|c| !c.is_whitespace()).collect();
    let raw = raw.strip_prefix("+86").or_else(|| raw.strip_prefix("0086")).unwrap_or(&raw).to_string();
    if raw.is_empty() {
        return Err(AppError::validation(field, "请填写联系电话"));
    }
    let digits: String = raw.chars().filter(|c| *c != '-').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::validation(field, "联系电话只能包含数字和连字符"));
    }
    if digits.starts_with('1') {
        let second = digits.as_bytes().get(1).copied().unwrap_or(b'0');
        if digits.len() == 11 && (b'3'..=b'9').contains(&second) {
            return Ok(digits);
        }
        return Err(AppError::validation(field, "手机号码应为 11 位数字，以 13–19 开头"));
    }
    if digits.starts_with('0') {
        return landline(field, &raw, &digits);
    }
    Err(AppError::validation(field, "联系电话格式不正确：手机号码 11 位；固定电话请带区号，如 0356-1234567"))
}

fn landline(field: &str, raw: &str, digits: &str) -> Result<String> {
    let bad = || AppError::validation(field, "固定电话格式不正确，请带区号，如 0356-1234567 或 010-12345678");
    let parts: Vec<&str> = raw.split('-').filter(|p| !p.is_empty()).collect();
    let (area, local, ext) = match parts.as_slice() {
        [area, local] => (*area, *local, None),
        [area, local, ext] => (*area, *local, Some(*ext)),
        // Typed without a dash: 3-digit area codes are 01x/02x, the rest have 4 digits.
        [whole] => {
            let area_len = if whole.starts_with("01") || whole.starts_with("02") { 3 } else { 4 };
            if whole.len() <= area_len {
                return Err(bad());
            }
            (&whole[..area_len], &whole[area_len..], None)
        }
        _ => return Err(bad()),
    };
    let area_ok = (area.len() == 3 || area.len() == 4) && area.starts_with('0');
    let local_ok = (7..=8).contains(&local.len()) && !local.starts_with('0');
    let ext_ok = ext.is_none_or(|e| (1..=6).contains(&e.len()));
    if !(area_ok && local_ok && ext_ok) || digits.len() > 18 {
        return Err(bad());
    }
    Ok(match ext {
        Some(e) => format!("{area}-{local}-{e}"),
        None => format!("{area}-{local}"),
    })
}

/// 138****1234 for mobiles; landlines keep the area code and last four digits.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 && !phone.contains('-') {
        let head: String = chars[..3].iter().collect();
        let tail: String = chars[7..].iter().collect();
        return format!("{head}****{tail}");
    }
    if let Some((area, rest)) = phone.split_once('-') {
        let local: String = rest.split('-').next().unwrap_or("").to_string();
        let tail: String = local.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
        return format!("{area}-****{tail}");
    }
    "****".to_string()
}

/// 张三 → 张*, 欧阳娜娜 → 欧***: what a resident may see of someone else's name.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => format!("{first}{}", "*".repeat(chars.count().max(1))),
        None => String::new(),
    }
}

pub fn date(field: &str, label: &str, value: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation(field, format!("{label}格式不正确，应为 年-月-日，如 1950-03-08")))
}

pub fn past_date(field: &str, label: &str, value: &str, today: NaiveDate) -> Result<NaiveDate> {
    let d = date(field, label, value)?;
    if d > today {
        return Err(AppError::validation(field, format!("{label}不能晚于今天")));
    }
    if d.year() < 1900 {
        return Err(AppError::validation(field, format!("{label}不能早于 1900 年")));
    }
    Ok(d)
}

/// What a valid mainland resident ID number (GB 11643-1999) tells us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdNumber {
    pub normalized: String,
    pub birth_date: NaiveDate,
    pub male: bool,
}

/// Checks an 18-character ID number: digits, a real birth date not in the future, and the
/// ISO 7064 MOD 11-2 check character of GB 11643.
pub fn id_number(field: &str, value: &str, today: NaiveDate) -> Result<IdNumber> {
    let v: String = half_width(value).to_uppercase().chars().filter(|c| !c.is_whitespace()).collect();
    if v.chars().count() != 18 {
        return Err(AppError::validation(field, "身份证号应为 18 位"));
    }
    let bytes = v.as_bytes();
    if !bytes[..17].iter().all(u8::is_ascii_digit) || !(bytes[17].is_ascii_digit() || bytes[17] == b'X') {
        return Err(AppError::validation(field, "身份证号前 17 位应为数字，最后一位为数字或 X"));
    }
    let birth = NaiveDate::parse_from_str(&v[6..14], "%Y%m%d")
        .map_err(|_| AppError::validation(field, "身份证号中的出生日期不存在"))?;
    if birth > today || birth.year() < 1900 {
        return Err(AppError::validation(field, "身份证号中的出生日期不合理"));
    }
    if id_check_char(&bytes[..17]) != bytes[17] {
        return Err(AppError::validation(field, "身份证号校验位不正确，请核对是否输错"));
    }
    let male = (bytes[16] - b'0') % 2 == 1;
    Ok(IdNumber { normalized: v, birth_date: birth, male })
}

fn id_check_char(first17: &[u8]) -> u8 {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK[(sum % 11) as usize]
}

/// `s` for a LIKE pattern with `ESCAPE '\'`: its own `%`, `_` and `\` match themselves.
pub fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Every problem of one input, not only the first (an imported row lists all of its own:
/// "手机号应为 11 位；出生日期晚于今天"). `take` keeps a check's value and notes its error;
/// `into_error` gives one error: the first problem's field and every message.
#[derive(Debug, Default)]
pub struct Problems(Vec<AppError>);

impl Problems {
    pub fn take<T>(&mut self, checked: Result<T>) -> Option<T> {
        match checked {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, e: AppError) {
        self.0.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_errors(self) -> Vec<AppError> {
        self.0
    }

    /// The problems as one error (None when there are none): the first one's code and field,
    /// the messages joined with "；".
    pub fn into_error(self) -> Option<AppError> {
        let mut all = self.0.into_iter();
        let mut first = all.next()?;
        for e in all {
            if !first.message.contains(&e.message) {
                first.message = format!("{}；{}", first.message, e.message);
            }
        }
        Some(first)
    }

    pub fn into_result(self) -> Result<()> {
        self.into_error().map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    /// Builds a valid ID number from its first 17 characters.
    pub(crate) fn with_check(first17: &str) -> String {
        format!("{first17}{}", id_check_char(first17.as_bytes()) as char)
    }

    #[test]
    fn mobiles_are_canonical() {
        assert_eq!(phone("phone", "138 0013 8000").unwrap(), "13800138000");
        assert_eq!(phone("phone", "+86 13800138000").unwrap(), "13800138000");
        assert_eq!(phone("phone", "138-0013-8000").unwrap(), "13800138000");
        for bad in ["1380013800", "12800138000", "138001380001", "1380013800a", ""] {
            let e = phone("phone", bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("phone"), "{bad}");
        }
    }

    #[test]
    fn full_width_input_is_accepted() {
        assert_eq!(phone("phone", "１３８００１３８０００").unwrap(), "13800138000");
        assert_eq!(phone("phone", "０３５６－２０２１２３４").unwrap(), "0356-2021234");
        assert!(id_number("idNumber", "１１０１０５１９４９１２３１００２Ｘ", today()).is_ok());
    }

    #[test]
    fn landlines_need_an_area_code() {
        assert_eq!(phone("phone", "0356-2021234").unwrap(), "0356-2021234");
        assert_eq!(phone("phone", "010-12345678").unwrap(), "010-12345678");
        assert_eq!(phone("phone", "03562021234").unwrap(), "0356-2021234");
        assert_eq!(phone("phone", "01012345678").unwrap(), "010-12345678");
        assert_eq!(phone("phone", "0356-2021234-801").unwrap(), "0356-2021234-801");
        assert!(phone("phone", "2021234").is_err(), "no area code");
        assert!(phone("phone", "0356-123").is_err(), "local part too short");
        assert!(phone("phone", "0356-0123456").is_err(), "local part cannot start with 0");
    }

    #[test]
    fn phones_are_masked() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("0356-2021234"), "0356-****1234");
        assert_eq!(mask_phone("0356-2021234-801"), "0356-****1234");
    }

    #[test]
    fn names_are_masked() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("王小明"), "王**");
        assert_eq!(mask_name("李"), "李*");
    }

    #[test]
    fn id_number_check_digit() {
        // The worked example of GB 11643-1999.
        let ok = id_number("idNumber", "11010519491231002X", today()).unwrap();
        assert_eq!(ok.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert!(!ok.male);
        assert!(id_number("idNumber", "11010519491231002x", today()).is_ok(), "lower-case x");
        let wrong = id_number("idNumber", "110105194912310021", today()).unwrap_err();
        assert!(wrong.message.contains("校验位"));
        let valid = with_check("14050219550308123");
        let parsed = id_number("idNumber", &valid, today()).unwrap();
        assert!(parsed.male);
    }

    #[test]
    fn id_number_shape_and_dates() {
        assert!(id_number("idNumber", "1101051949123100", today()).unwrap_err().message.contains("18 位"));
        assert!(id_number("idNumber", "1101051949123100AX", today()).is_err());
        let feb30 = with_check("11010519490230002");
        assert!(id_number("idNumber", &feb30, today()).unwrap_err().message.contains("出生日期"));
        let future = with_check("11010520300101002");
        assert!(id_number("idNumber", &future, today()).unwrap_err().message.contains("出生日期"));
    }

    #[test]
    fn dates_cannot_be_in_the_future() {
        assert!(past_date("birthDate", "出生日期", "2026-11-25", today()).is_ok());
        let e = past_date("birthDate", "出生日期", "2026-11-26", today()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("birthDate"));
        assert!(past_date("birthDate", "出生日期", "1899-12-31", today()).is_err());
        assert!(past_date("birthDate", "出生日期", "1950/03/08", today()).is_err());
    }

    #[test]
    fn text_limits() {
        assert_eq!(required_text("name", "姓名", "  张三 ", 30).unwrap(), "张三");
        assert!(required_text("name", "姓名", "   ", 30).unwrap_err().message.contains("请填写姓名"));
        let long = "长".repeat(31);
        assert!(required_text("name", "姓名", &long, 30).unwrap_err().message.contains("30"));
        assert!(optional_text("note", "备注", "a\u{0007}b", 30).is_err());
    }
}
