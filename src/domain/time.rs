//! Time as the regulation counts it: Beijing time (Asia/Shanghai, UTC+8 all year; China has kept
//! no daylight saving time since 1991), whatever the server's or the database's time zone.

use crate::t;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Asia/Shanghai as an offset.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

/// The Beijing calendar date of an instant.
pub fn beijing_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&beijing()).date_naive()
}

/// The instant a Beijing calendar day starts.
pub fn beijing_midnight(day: NaiveDate) -> DateTime<Utc> {
    let start = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    beijing().from_local_datetime(&start).single().expect("a fixed offset has no gaps").with_timezone(&Utc)
}

/// Parses an RFC 3339 time; a time without an offset is Beijing time (docs/import.md).
/// A bare date is midnight Beijing time.
pub fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    let t = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(beijing()
                .from_local_datetime(&local)
                .single()
                .expect("a fixed offset has no gaps")
                .with_timezone(&Utc));
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(beijing_midnight(day));
    }
    Err(t!("rules-not-a-time", text = format!("{text:?}")))
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| t!("rules-not-a-date", text = format!("{text:?}")))
}

/// Formats an instant as RFC 3339 in Beijing time, or in UTC when `utc` is set.
pub fn format_time(at: DateTime<Utc>, utc: bool) -> String {
    if utc {
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    } else {
        at.with_timezone(&beijing()).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
    }
}

/// An instant as a person reads it in a table: Beijing time to the minute, `12-04 09:30` in the
/// year of `now` and `2025-12-04 09:30` in another. Scripts read RFC 3339 (`format_time`).
pub fn for_people(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let local = at.with_timezone(&beijing());
    let this_year = local.format("%Y").to_string() == now.with_timezone(&beijing()).format("%Y").to_string();
    local.format(if this_year { "%m-%d %H:%M" } else { "%Y-%m-%d %H:%M" }).to_string()
}

/// A text that is an RFC 3339 time with its offset (`2026-12-04T09:30:00+08:00`), as a person
/// reads it (`for_people`); any other text, `None`.
pub fn text_for_people(text: &str, now: DateTime<Utc>) -> Option<String> {
    if text.len() < 20 || text.as_bytes().get(10) != Some(&b'T') {
        return None;
    }
    DateTime::parse_from_rfc3339(text).ok().map(|at| for_people(at.with_timezone(&Utc), now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_for_people_is_beijing_time_to_the_minute_with_the_year_only_when_another() {
        let now = parse_time("2026-12-05T10:00:00+08:00").unwrap();
        assert_eq!(text_for_people("2026-12-04T09:30:00+08:00", now).unwrap(), "12-04 09:30");
        assert_eq!(text_for_people("2026-12-04T01:30:00Z", now).unwrap(), "12-04 09:30");
        assert_eq!(text_for_people("2025-12-31T16:30:00Z", now).unwrap(), "01-01 00:30");
        assert_eq!(text_for_people("2025-06-01T08:00:00+08:00", now).unwrap(), "2025-06-01 08:00");
        for not_a_time in ["2026-12-04", "民政局", "2026-12-04T09:30:00", "12345678901234567890x"] {
            assert_eq!(text_for_people(not_a_time, now), None, "{not_a_time}");
        }
    }

    #[test]
    fn late_evening_in_beijing_is_still_that_day() {
        let at = parse_time("2024-03-31T23:30:00+08:00").unwrap();
        assert_eq!(beijing_date(at), NaiveDate::from_ymd_opt(2024, 3, 31).unwrap());
        assert_eq!(at, parse_time("2024-03-31T15:30:00Z").unwrap());
    }

    #[test]
    fn a_time_without_offset_is_beijing_time() {
        assert_eq!(parse_time("2024-03-31T23:30:00").unwrap(), parse_time("2024-03-31T15:30:00Z").unwrap());
        assert_eq!(parse_time("2024-04-01").unwrap(), parse_time("2024-03-31T16:00:00Z").unwrap());
    }

    #[test]
    fn formats_in_beijing_or_utc() {
        let at = parse_time("2024-05-17T01:30:00Z").unwrap();
        assert_eq!(format_time(at, false), "2024-05-17T09:30:00+08:00");
        assert_eq!(format_time(at, true), "2024-05-17T01:30:00Z");
    }

    #[test]
    fn bad_times_are_named() {
        assert!(parse_time("yesterday").unwrap_err().contains("\"yesterday\""));
        assert!(parse_date("2024-02-30").is_err());
    }
}
