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

pub fn parse_duration(text: &str) -> Result<Duration> {
    let text = text.trim();
    let bad = || {
        Error::InvalidInput(format!(
            "{text:?} is not a duration: write a number and a unit, like 90d, 8h, 30m, 2w or 45s"
        ))
    };
    let split = text.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
    let (number, unit) = text.split_at(split);
    let n: i64 = number.parse().map_err(|_| bad())?;
    let seconds_per_unit = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(bad()),
    };
    n.checked_mul(seconds_per_unit)
        .filter(|s| *s > 0 && *s < 1000 * 365 * 86_400)
        .map(Duration::seconds)
        .ok_or_else(bad)
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

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
