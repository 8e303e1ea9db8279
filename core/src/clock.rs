//! Time as the station sees it. Injectable so tests (and the end-to-end harness, through
//! `STATION_DESK_NOW`) can put the app on any date without touching the machine's clock.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

#[derive(Debug, Clone)]
pub enum Clock {
    System,
    /// Always this instant (unit tests).
    Fixed(DateTime<Utc>),
    /// The system clock moved by a fixed amount (the app started with STATION_DESK_NOW).
    Shifted(Duration),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
            Clock::Shifted(by) => Utc::now() + *by,
        }
    }

    /// A clock whose "now" starts at `start` and then runs normally.
    pub fn starting_at(start: DateTime<Utc>) -> Clock {
        Clock::Shifted(start - Utc::now())
    }
}

pub const DEFAULT_TIMEZONE: &str = "Asia/Shanghai";

pub fn parse_timezone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

pub fn local_date(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// 2026年11月25日
pub fn format_date_zh(date: NaiveDate) -> String {
    date.format("%Y年%m月%d日").to_string()
}

/// 2026年11月25日 星期三
pub fn format_date_weekday_zh(date: NaiveDate) -> String {
    use chrono::Datelike;
    const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    format!("{} 星期{weekday}", format_date_zh(date))
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn late_evening_utc_is_already_tomorrow_in_shanghai() {
        let at = Utc.with_ymd_and_hms(2026, 11, 24, 17, 30, 0).unwrap();
        let tz = parse_timezone(DEFAULT_TIMEZONE).unwrap();
        assert_eq!(local_date(at, tz), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }

    #[test]
    fn chinese_dates_have_weekday() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(format_date_weekday_zh(d), "2026年11月25日 星期三");
    }

    #[test]
    fn shifted_clock_starts_where_asked() {
        let start = Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap();
        let clock = Clock::starting_at(start);
        let drift = (clock.now() - start).num_seconds().abs();
        assert!(drift < 5, "drift {drift}");
    }
}
