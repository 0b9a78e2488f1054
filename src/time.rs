//! Timestamps as the status pages write them, without a date library.
//!
//! Statuspage writes `2026-08-05T13:51:30.287Z`; incident.io writes `2026-07-09T19:25:56Z`; some payloads carry
//! an offset such as `+00:00` or `-04:00`. Everything here works in Unix milliseconds (`f64`, as JavaScript's
//! `Date.now()`), so the wasm boundary needs no conversion. Pulling in `chrono` or `time` would cost tens of
//! kilobytes of wasm for the one format we read.

use crate::phrase::Phrase;

/// Parses an RFC 3339 timestamp into Unix milliseconds.
///
/// Fractional seconds are optional and may have any number of digits; the zone is `Z`, `z` or `±HH:MM`.
/// Returns `None` for anything else rather than guessing.
///
/// ```
/// assert_eq!(reroute::time::parse_rfc3339("1970-01-01T00:00:01Z"), Some(1000.0));
/// assert_eq!(reroute::time::parse_rfc3339("2026-08-05T13:51:30.287Z"), Some(1_785_937_890_287.0));
/// assert_eq!(reroute::time::parse_rfc3339("yesterday"), None);
/// ```
pub fn parse_rfc3339(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20 {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let digits = bytes.get(range)?;
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(digits.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    let expect = |at: usize, allowed: &[u8]| bytes.get(at).is_some_and(|b| allowed.contains(b));
    if !(expect(4, b"-") && expect(7, b"-") && expect(10, b"Tt ") && expect(13, b":") && expect(16, b":")) {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // 60 allows a leap second; it is folded into the next minute like JavaScript's Date does.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }

    let mut at = 19;
    let mut millis = 0.0;
    if bytes.get(at) == Some(&b'.') {
        let start = at + 1;
        let end = start + bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        if end == start {
            return None;
        }
        // Only the first three digits matter at millisecond precision.
        let kept = number(start..end.min(start + 3))?;
        millis = (kept * 10i64.pow(3 - (end.min(start + 3) - start) as u32)) as f64;
        at = end;
    }

    let offset_minutes = match bytes.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let hours = number(at + 1..at + 3)?;
            let minutes = number(at + 4..at + 6)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let total = hours * 60 + minutes;
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };

    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds as f64 * 1000.0 + millis)
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Unix milliseconds as RFC 3339 in UTC, to the second: `2026-11-22T03:57:12Z`.
///
/// ```
/// assert_eq!(reroute::time::format_rfc3339(1_785_937_890_287.0), "2026-08-05T13:51:30Z");
/// assert_eq!(reroute::time::format_rfc3339(0.0), "1970-01-01T00:00:00Z");
/// ```
pub fn format_rfc3339(millis: f64) -> String {
    let seconds = (millis / 1000.0).floor() as i64;
    let (days, second_of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3_600,
        second_of_day % 3_600 / 60,
        second_of_day % 60
    )
}

/// Says how long ago `then` was, as a person would: "just now", "4 min ago", "3 h ago", "2 days ago".
///
/// A `then` in the future (clock skew between the status page and this machine) reads as "just now"
/// rather than as a negative age.
///
/// ```
/// use reroute::time::ago;
/// assert_eq!(ago(0.0, 30_000.0).english(), "just now");
/// assert_eq!(ago(0.0, 4.0 * 60_000.0).english(), "4 min ago");
/// assert_eq!(ago(0.0, 26.0 * 3_600_000.0).english(), "1 day ago");
/// ```
pub fn ago(then: f64, now: f64) -> Phrase {
    let minutes = whole_minutes(now - then);
    let (hours, days) = (minutes / 60, minutes / 1440);
    match (days, hours, minutes) {
        (0, 0, 0) => Phrase::plain("ago_just_now"),
        (0, 0, m) => Phrase::new("ago_minutes", [m]),
        (0, h, _) => Phrase::new("ago_hours", [h]),
        (1, _, _) => Phrase::plain("ago_day"),
        (d, _, _) => Phrase::new("ago_days", [d]),
    }
}

/// How long a span of `ms` is, in whole minutes, hours or days, rounded down (at least a minute): "20 min".
pub fn span(ms: f64) -> Phrase {
    let minutes = whole_minutes(ms).max(1);
    match minutes {
        0..=59 => Phrase::new("span_minutes", [minutes]),
        60..=1439 => Phrase::new("span_hours", [minutes / 60]),
        _ => Phrase::new("span_days", [minutes / 1440]),
    }
}

fn whole_minutes(ms: f64) -> u64 {
    (ms.max(0.0) / 60_000.0).floor() as u64
}

/// The inverse of `days_from_civil`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
    (year_of_era + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_shapes_status_pages_write() {
        let cases = [
            ("1970-01-01T00:00:00Z", Some(0.0)),
            ("1970-01-01T00:00:00.000Z", Some(0.0)),
            ("2026-08-05T13:51:30.287Z", Some(1_785_937_890_287.0)),
            ("2026-08-05T13:51:30Z", Some(1_785_937_890_000.0)),
            ("2026-08-05T13:51:30.2Z", Some(1_785_937_890_200.0)),
            ("2026-08-05T13:51:30.287654321Z", Some(1_785_937_890_287.0)),
            ("2026-08-05T15:51:30.287+02:00", Some(1_785_937_890_287.0)),
            ("2026-08-05T09:51:30.287-04:00", Some(1_785_937_890_287.0)),
            ("2024-02-29T00:00:00Z", Some(1_709_164_800_000.0)),
            ("2000-03-01T00:00:00Z", Some(951_868_800_000.0)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_rfc3339(text), expected, "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_timestamp() {
        for text in [
            "",
            "2026-08-05",
            "2026-08-05T13:51:30",
            "2026-08-05T13:51:30.Z",
            "2026-13-05T13:51:30Z",
            "2023-02-29T00:00:00Z",
            "2026-08-05T24:00:00Z",
            "2026-08-05T13:51:30+2:00",
            "2026-08-05T13:51:30.287Zjunk",
            "２０２６-08-05T13:51:30Z",
            "2026-08-05T13:51:30.287ZZ",
        ] {
            assert_eq!(parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn agrees_with_a_day_count_over_four_centuries() {
        // Walk day by day from 1900 to 2300: every date must land exactly one day after the previous.
        let mut previous = days_from_civil(1899, 12, 31);
        for year in 1900..2300 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let days = days_from_civil(year, month, day);
                    assert_eq!(days, previous + 1, "{year}-{month}-{day}");
                    previous = days;
                }
            }
        }
    }

    #[test]
    fn ages_read_naturally() {
        let minute = 60_000.0;
        assert_eq!(ago(0.0, 59_999.0).english(), "just now");
        assert_eq!(ago(10.0 * minute, 0.0).english(), "just now");
        assert_eq!(ago(0.0, minute).english(), "1 min ago");
        assert_eq!(ago(0.0, 59.0 * minute).english(), "59 min ago");
        assert_eq!(ago(0.0, 60.0 * minute).english(), "1 h ago");
        assert_eq!(ago(0.0, 47.0 * 60.0 * minute).english(), "1 day ago");
        assert_eq!(ago(0.0, 72.0 * 60.0 * minute).english(), "3 days ago");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,40}") {
            let _ = parse_rfc3339(&text);
        }

        #[test]
        fn round_trips_every_second_since_1970(seconds in 0i64..8_000_000_000i64, millis in 0u32..1000) {
            let days = seconds.div_euclid(86_400);
            let (year, month, day) = civil_from_days(days);
            let in_day = seconds.rem_euclid(86_400);
            let text = format!(
                "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
                in_day / 3600, in_day / 60 % 60, in_day % 60
            );
            proptest::prop_assert_eq!(parse_rfc3339(&text), Some(seconds as f64 * 1000.0 + f64::from(millis)));
            proptest::prop_assert_eq!(format_rfc3339(seconds as f64 * 1000.0 + f64::from(millis)), format!("{}Z", &text[..19]));
        }
    }
}
