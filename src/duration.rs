//! Durations as operators write them: `90d`, `8h`, `30m`, `2w`, `45s`.

use time::Duration;

use crate::error::{Error, Result};

pub fn parse(text: &str) -> Result<Duration> {
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
pub fn format(d: Duration) -> String {
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
    fn units_parse() {
        assert_eq!(parse("90d").unwrap(), Duration::days(90));
        assert_eq!(parse("8h").unwrap(), Duration::hours(8));
        assert_eq!(parse("30m").unwrap(), Duration::minutes(30));
        assert_eq!(parse("2w").unwrap(), Duration::days(14));
        assert_eq!(format(Duration::days(14)), "2w");
        assert_eq!(format(Duration::minutes(90)), "90m");
    }

    #[test]
    fn nonsense_is_refused() {
        for bad in ["", "d", "10", "10y", "-5d", "0d", "1.5h", "99999999999999d"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
