//! The one place that asks what time it is, and how times and durations are written.
//!
//! Durations read as operators write them: `90d`, `8h`, `30m`, `2w`, `45s`.

use time::{Duration, OffsetDateTime};

use crate::error::{Error, Result};

/// Now, rounded down to the second, as certificate and JWT times are.
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// Now as Unix seconds.
pub fn unix_now() -> i64 {
    now().unix_timestamp()
}

/// Now as RFC 3339 (audit entries, store creation time).
pub fn timestamp() -> String {
    rfc3339_time(now())
}

pub fn rfc3339_time(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

pub fn rfc3339_unix(seconds: i64) -> String {
    OffsetDateTime::from_unix_timestamp(seconds)
        .map(rfc3339_time)
        .unwrap_or_else(|_| seconds.to_string())
}

/// The last moment a certificate, CRL or token may name: X.509 writes years with four digits
/// (GeneralizedTime), so nothing runs past the end of 9999.
pub const LATEST: OffsetDateTime = time::macros::datetime!(9999-12-31 23:59:59 UTC);

/// The longest duration credctl accepts anywhere (validities, CRL and token lifetimes, filters):
/// 1000 years, in days.
pub const MAX_DAYS: u32 = 365_000;

/// `start + d`, or None when that overflows or passes [`LATEST`].
pub fn checked_after(start: OffsetDateTime, d: Duration) -> Option<OffsetDateTime> {
    start.checked_add(d).filter(|t| *t <= LATEST)
}

/// `start + d` for the value of `flag`; past [`LATEST`] is bad input.
pub fn end_for(flag: &str, start: OffsetDateTime, d: Duration) -> Result<OffsetDateTime> {
    checked_after(start, d).ok_or_else(|| {
        Error::InvalidInput(format!(
            "{flag} {} would end after 9999-12-31, the last date X.509 can carry: ask for less",
            format_duration(d)
        ))
    })
}

/// A count of `unit`s given to `flag` (like `--days 30`), refused outside 1 to `max`.
pub fn count_flag(flag: &str, n: u32, max: u32, unit_seconds: i64) -> Result<Duration> {
    if n == 0 || n > max {
        return Err(Error::InvalidInput(format!(
            "{flag} {n} is out of range: use 1 to {max} (at most 1000 years)"
        )));
    }
    Ok(Duration::seconds(i64::from(n) * unit_seconds))
}

/// `--days N` as a duration: 1 to [`MAX_DAYS`].
pub fn days_flag(flag: &str, days: u32) -> Result<Duration> {
    count_flag(flag, days, MAX_DAYS, 86_400)
}

/// `--hours N` as a duration: 1 to 1000 years in hours.
pub fn hours_flag(flag: &str, hours: u32) -> Result<Duration> {
    count_flag(flag, hours, MAX_DAYS * 24, 3600)
}

/// A duration given to `flag`; errors name the flag.
pub fn parse_duration_flag(flag: &str, text: &str) -> Result<Duration> {
    parse_duration(text).map_err(|e| match e {
        Error::InvalidInput(m) => Error::InvalidInput(format!("{flag} {m}")),
        other => other,
    })
}

/// `90d`, `8h`, `30m`, `2w` or `45s`: 1 second to 1000 years.
pub fn parse_duration(text: &str) -> Result<Duration> {
    let text = text.trim();
    let bad = || {
        Error::InvalidInput(format!(
            "{text:?} is not a duration: write a number and a unit, like 90d, 8h, 30m, 2w or 45s"
        ))
    };
    let out_of_range = || {
        Error::InvalidInput(format!(
            "{text:?} is out of range: durations run from 1s to {MAX_DAYS}d (1000 years)"
        ))
    };
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    let seconds_per_unit: i64 = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(bad()),
    };
    if number.is_empty() {
        return Err(bad());
    }
    // All digits: a number that does not parse is too large.
    let n: i64 = number.parse().map_err(|_| out_of_range())?;
    n.checked_mul(seconds_per_unit)
        .filter(|s| *s > 0 && *s <= i64::from(MAX_DAYS) * 86_400)
        .map(Duration::seconds)
        .ok_or_else(out_of_range)
}

/// The shortest exact rendering: 86400s -> "1d", 5400s -> "90m".
pub fn format_duration(d: Duration) -> String {
    let s = d.whole_seconds();
    for (unit, size) in [("w", 7 * 86_400), ("d", 86_400), ("h", 3600), ("m", 60)] {
        if s % size == 0 && s >= size {
            return format!("{}{unit}", s / size);
        }
    }
    format!("{s}s")
}

/// A span of time in words, rounded down to its largest unit: "3 days", "5 hours", "40 seconds".
pub fn human_span(seconds: u64) -> String {
    for (unit, size) in [("day", 86_400), ("hour", 3600), ("minute", 60)] {
        if seconds >= size {
            let n = seconds / size;
            return format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
        }
    }
    format!("{seconds} second{}", if seconds == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_in_their_largest_unit() {
        assert_eq!(human_span(0), "0 seconds");
        assert_eq!(human_span(1), "1 second");
        assert_eq!(human_span(3600), "1 hour");
        assert_eq!(human_span(3 * 86_400 + 5), "3 days");
    }

    #[test]
    fn units_parse_duration() {
        assert_eq!(parse_duration("90d").unwrap(), Duration::days(90));
        assert_eq!(parse_duration("8h").unwrap(), Duration::hours(8));
        assert_eq!(parse_duration("30m").unwrap(), Duration::minutes(30));
        assert_eq!(parse_duration("2w").unwrap(), Duration::days(14));
        assert_eq!(format_duration(Duration::days(14)), "2w");
        assert_eq!(format_duration(Duration::minutes(90)), "90m");
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "d", "10", "10y", "-5d", "0d", "1.5h", "99999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        for huge in ["365001d", "99999999999999999999999d", "0s"] {
            let err = parse_duration(huge).unwrap_err().to_string();
            assert!(err.contains("out of range"), "{huge}: {err}");
        }
        assert_eq!(parse_duration("365000d").unwrap(), Duration::days(365_000));
    }

    #[test]
    fn ends_past_9999_are_refused_not_panics() {
        let start = now();
        assert!(end_for("--days", start, Duration::days(365)).is_ok());
        assert!(end_for("--days", start, Duration::days(3_000_000)).is_err());
        assert!(end_for("--days", LATEST, Duration::seconds(1)).is_err());
        assert!(checked_after(start, Duration::MAX).is_none());
        assert!(days_flag("--days", 0).is_err());
        assert!(days_flag("--days", MAX_DAYS + 1).is_err());
        assert!(hours_flag("--hours", u32::MAX).is_err());
        assert_eq!(days_flag("--days", 7).unwrap(), Duration::days(7));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_parses_in_range_or_is_refused(text in ".{0,24}") {
            match parse_duration(&text) {
                Ok(d) => {
                    proptest::prop_assert!(d >= Duration::SECOND);
                    proptest::prop_assert!(d <= Duration::days(i64::from(MAX_DAYS)));
                    proptest::prop_assert!(end_for("--x", now(), d).is_ok());
                }
                Err(e) => proptest::prop_assert!(matches!(e, Error::InvalidInput(_))),
            }
        }

        #[test]
        fn any_number_and_unit_is_in_range_or_refused(n in proptest::num::u64::ANY, unit in "[smhdwy]") {
            let text = format!("{n}{unit}");
            if let Err(e) = parse_duration(&text) {
                proptest::prop_assert!(matches!(e, Error::InvalidInput(_)));
            }
        }

        #[test]
        fn any_offset_ends_before_10000_or_is_refused(seconds in proptest::num::i64::ANY) {
            let d = Duration::seconds(seconds);
            match end_for("--days", now(), d) {
                Ok(end) => proptest::prop_assert!(end <= LATEST),
                Err(e) => proptest::prop_assert!(matches!(e, Error::InvalidInput(_))),
            }
        }

        #[test]
        fn any_day_count_is_in_range_or_refused(n in proptest::num::u32::ANY) {
            match days_flag("--days", n) {
                Ok(d) => proptest::prop_assert!(clock_ok(d)),
                Err(e) => proptest::prop_assert!(e.to_string().contains("--days")),
            }
            if let Err(e) = hours_flag("--hours", n) {
                proptest::prop_assert!(e.to_string().contains("--hours"));
            }
        }
    }

    fn clock_ok(d: Duration) -> bool {
        checked_after(now(), d).is_some()
    }
}
