//! The programme as iCalendar (RFC 5545) text: times in UTC, text escaped, lines folded at
//! 75 octets without splitting a UTF-8 character (Chinese titles are 3 bytes a character).

use super::parse_minute;
use super::schedule::Activity;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits a content line into 75-octet pieces; continuation lines start with a space.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

fn utc_stamp(local: NaiveDateTime, tz: Tz) -> Option<String> {
    let at = tz.from_local_datetime(&local).earliest()?;
    Some(at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string())
}

pub fn programme(station: &str, tz: Tz, activities: &[Activity], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//StationDesk//Activities//ZH".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        format!("X-WR-CALNAME:{}", escape(&format!("{station}活动安排"))),
    ] {
        out.push_str(&fold(&line));
    }
    for a in activities {
        let (Some(start), Some(end)) = (parse_minute(&a.starts_at), parse_minute(&a.ends_at)) else { continue };
        let (Some(start), Some(end)) = (utc_stamp(start, tz), utc_stamp(end, tz)) else { continue };
        let description = format!("{}｜组织：{}｜名额 {} 人\n{}", a.category, a.organiser, a.capacity, a.description);
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:activity-{}@stationdesk", a.id),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{start}"),
            format!("DTEND:{end}"),
            format!("SUMMARY:{}", escape(&a.title)),
            format!("LOCATION:{}", escape(&format!("{station} {}", a.venue_name))),
            format!("DESCRIPTION:{}", escape(description.trim())),
            format!("CATEGORIES:{}", escape(&a.category)),
            "END:VEVENT".to_string(),
        ] {
            out.push_str(&fold(&line));
        }
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_chinese_lines_fold_between_characters() {
        let line = format!("SUMMARY:{}", "党课".repeat(40));
        let folded = fold(&line);
        for piece in folded.split("\r\n").filter(|p| !p.is_empty()) {
            assert!(piece.len() <= 75, "{} octets", piece.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), line);
    }

    #[test]
    fn special_characters_are_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
