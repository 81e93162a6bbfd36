//! Checks for what a user JWT restricts, in the forms nats-server 2.9 parses: CIDR source
//! networks, `HH:MM:SS` daily windows, an IANA time zone, tags.

use std::net::IpAddr;

use crate::error::{Error, Result};
use crate::nats::jwt::TimeRange;

/// A source network as nats-server reads it (Go's `net.ParseCIDR`): `ADDRESS/PREFIX`.
pub fn check_cidr(cidr: &str) -> Result<String> {
    let bad = || {
        Error::InvalidInput(format!(
            "--src {cidr:?} is not a network in CIDR form (e.g. 10.0.0.0/8 or fd00::/8)"
        ))
    };
    let (addr, prefix) = cidr.split_once('/').ok_or_else(bad)?;
    let addr: IpAddr = addr.parse().map_err(|_| bad())?;
    let bits = if addr.is_ipv4() { 32 } else { 128 };
    match prefix.parse::<u8>() {
        Ok(p) if p <= bits && !prefix.starts_with('+') => Ok(cidr.to_owned()),
        _ => Err(bad()),
    }
}

/// A daily window `HH:MM:SS-HH:MM:SS` (a window may pass midnight: 22:00:00-06:00:00).
pub fn parse_time_range(text: &str) -> Result<TimeRange> {
    let bad = |why: &str| {
        Error::InvalidInput(format!(
            "--time {text:?}: {why} (expected HH:MM:SS-HH:MM:SS, e.g. 08:00:00-18:00:00)"
        ))
    };
    let (start, end) = text.split_once('-').ok_or_else(|| bad("no '-'"))?;
    for (part, what) in [(start, "start"), (end, "end")] {
        if !is_clock(part) {
            return Err(bad(&format!("the {what} is not a time of day")));
        }
    }
    if start == end {
        return Err(bad("the window is empty"));
    }
    Ok(TimeRange {
        start: start.to_owned(),
        end: end.to_owned(),
    })
}

/// `HH:MM:SS` with two digits each, 00:00:00 to 23:59:59.
fn is_clock(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    let [h, m, s] = parts[..] else { return false };
    let field = |p: &str, max: u8| {
        p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u8>().unwrap() <= max
    };
    field(h, 23) && field(m, 59) && field(s, 59)
}

/// An IANA time zone name, which nats-server loads from its zoneinfo. Where this machine has a
/// zoneinfo database the name must be in it; elsewhere only its form is checked.
pub fn check_locale(name: &str) -> Result<String> {
    let bad = |why: &str| {
        Error::InvalidInput(format!(
            "--locale {name:?}: {why} (an IANA time zone, e.g. Europe/Berlin or UTC)"
        ))
    };
    let well_formed = !name.is_empty()
        && !name.starts_with('/')
        && !name
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c));
    if !well_formed {
        return Err(bad("not a time zone name"));
    }
    let zoneinfo = std::path::Path::new("/usr/share/zoneinfo");
    if name != "UTC" && zoneinfo.is_dir() && !zoneinfo.join(name).is_file() {
        return Err(bad("no such time zone"));
    }
    Ok(name.to_owned())
}

/// Tags as nats-io/jwt keeps them: trimmed, lower case, each once.
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = tag.trim().to_lowercase();
        if tag.is_empty() || tag.chars().any(char::is_control) {
            return Err(Error::InvalidInput(
                "--tag takes a non-empty word (e.g. --tag team:payments)".into(),
            ));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_windows_zones_and_tags_are_checked() {
        assert!(check_cidr("10.0.0.0/8").is_ok());
        assert!(check_cidr("fd00::/8").is_ok());
        for bad in [
            "10.0.0.0",
            "10.0.0.0/33",
            "10.0.0/8",
            "x/8",
            "::/129",
            "1.2.3.4/+8",
        ] {
            assert!(check_cidr(bad).is_err(), "{bad}");
        }
        let window = parse_time_range("22:00:00-06:00:00").unwrap();
        assert_eq!(
            (window.start.as_str(), window.end.as_str()),
            ("22:00:00", "06:00:00")
        );
        for bad in [
            "8:00:00-18:00:00",
            "08:00-18:00",
            "24:00:00-01:00:00",
            "01:00:00-01:00:00",
        ] {
            assert!(parse_time_range(bad).is_err(), "{bad}");
        }
        assert!(check_locale("UTC").is_ok());
        for bad in ["", "/etc/passwd", "../x", "Europe/../../etc", "a b"] {
            assert!(check_locale(bad).is_err(), "{bad}");
        }
        let tags = normalize_tags(&["Team:A".into(), "team:a".into(), "b".into()]).unwrap();
        assert_eq!(tags, ["team:a", "b"]);
        assert!(normalize_tags(&[" ".into()]).is_err());
    }
}
