//! An easy-rsa 3 PKI directory, read: `index.txt` (OpenSSL's CA database), the certificates it
//! names, and the CRL number easy-rsa would use next.
//!
//! `index.txt` lines are tab-separated: status (V valid, R revoked, E expired), expiry
//! (`YYMMDDHHMMSSZ`), revocation time and reason (`YYMMDDHHMMSSZ[,reason]`, R only), serial
//! (hex), file name (always `unknown`) and the subject (`/CN=alice`).

use std::path::{Path, PathBuf};

use super::registry::Reason;
use crate::error::{Error, Result};

/// One line of `index.txt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    pub status: char,
    /// Unix seconds.
    pub expires: i64,
    /// Revocation time and reason (R).
    pub revoked: Option<(i64, Reason)>,
    /// Lower-case hex, as the store keeps serials.
    pub serial: String,
    /// As index.txt writes it (easy-rsa names its files so).
    pub serial_text: String,
    pub subject: String,
}

/// `YYMMDDHHMMSSZ` (years 1950-2049, as RFC 5280's UTCTime) or `YYYYMMDDHHMMSSZ`.
fn parse_time(text: &str) -> Option<i64> {
    let digits = text.strip_suffix('Z')?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (year, rest) = match digits.len() {
        12 => {
            let yy: i32 = digits[..2].parse().ok()?;
            (if yy < 50 { 2000 + yy } else { 1900 + yy }, &digits[2..])
        }
        14 => (digits[..4].parse().ok()?, &digits[4..]),
        _ => return None,
    };
    let field = |i: usize| rest[i..i + 2].parse::<u8>().ok();
    let date =
        time::Date::from_calendar_date(year, time::Month::try_from(field(0)?).ok()?, field(2)?)
            .ok()?;
    let clock = time::Time::from_hms(field(4)?, field(6)?, field(8)?).ok()?;
    Some(date.with_time(clock).assume_utc().unix_timestamp())
}

/// OpenSSL's revocation reason names (`openssl ca -crl_reason`), as `index.txt` records them.
fn parse_reason(name: &str) -> Option<Reason> {
    Some(match name {
        "unspecified" => Reason::Unspecified,
        "keyCompromise" => Reason::KeyCompromise,
        "CACompromise" => Reason::CaCompromise,
        "affiliationChanged" => Reason::AffiliationChanged,
        "superseded" => Reason::Superseded,
        "cessationOfOperation" => Reason::CessationOfOperation,
        "privilegeWithdrawn" => Reason::PrivilegeWithdrawn,
        // certificateHold and removeFromCRL have no place in a CRL credctl issues.
        "certificateHold" | "removeFromCRL" => return None,
        _ => return None,
    })
}

/// Parses `index.txt`; a line that cannot be read is an error naming it.
pub fn parse_index(text: &str, path: &Path) -> Result<Vec<IndexEntry>> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad =
            |why: &str| Error::InvalidInput(format!("{} line {}: {why}", path.display(), i + 1));
        let fields: Vec<&str> = line.split('\t').collect();
        let [status, expires, revoked, serial, _file, subject] = fields[..] else {
            return Err(bad("expected 6 tab-separated fields"));
        };
        let status = match status {
            "V" | "R" | "E" => status.chars().next().expect("one char"),
            _ => return Err(bad("status is not V, R or E")),
        };
        let expires = parse_time(expires).ok_or_else(|| bad("unreadable expiry time"))?;
        let revoked = match (status, revoked) {
            ('R', text) => {
                let (at, reason) = text.split_once(',').unwrap_or((text, "unspecified"));
                let at = parse_time(at).ok_or_else(|| bad("unreadable revocation time"))?;
                let reason = parse_reason(reason).ok_or_else(|| {
                    bad(&format!("revocation reason {reason:?} is not supported"))
                })?;
                Some((at, reason))
            }
            _ => None,
        };
        if serial.is_empty() || !serial.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad("the serial is not hex"));
        }
        entries.push(IndexEntry {
            status,
            expires,
            revoked,
            serial: canonical_serial(serial),
            serial_text: serial.to_owned(),
            subject: subject.to_owned(),
        });
    }
    Ok(entries)
}

/// The serial's DER content bytes in lower-case hex (as the store keeps serials): no redundant
/// leading zero byte, and one where the first byte has its high bit set (index.txt omits it).
pub fn canonical_serial(hex: &str) -> String {
    let mut s = hex.to_ascii_lowercase();
    if s.len() % 2 == 1 {
        s.insert(0, '0');
    }
    while s.len() > 2 && s.starts_with("00") && s.as_bytes()[2] < b'8' {
        s.drain(..2);
    }
    if s.as_bytes()[0] >= b'8' {
        s.insert_str(0, "00");
    }
    s
}

/// The CRL number easy-rsa would give its next CRL: its `crlnumber` file (hex) when it keeps
/// one, else one past the number of its `crl.pem` (easy-rsa 3.1 numbers none: then 1).
pub fn next_crl_number(pki: &Path) -> Result<u64> {
    let path = pki.join("crlnumber");
    let from_file = match std::fs::read_to_string(&path) {
        Ok(text) => u64::from_str_radix(text.trim(), 16).map_err(|_| {
            Error::InvalidInput(format!("{}: not a hex CRL number", path.display()))
        })?,
        Err(_) => 1,
    };
    let from_crl = std::fs::read(pki.join("crl.pem"))
        .ok()
        .and_then(|pem| super::crl::crl_number_of_pem(&pem))
        .map_or(1, |n| n.saturating_add(1));
    Ok(from_file.max(from_crl))
}

/// Where easy-rsa keeps the certificate of `serial` (as index.txt writes it): issued and
/// renewed ones in `certs_by_serial/`, revoked ones moved to `revoked/certs_by_serial/`.
pub fn certificate_file(pki: &Path, serial_upper: &str) -> Option<PathBuf> {
    [
        pki.join("certs_by_serial")
            .join(format!("{serial_upper}.pem")),
        pki.join("revoked/certs_by_serial")
            .join(format!("{serial_upper}.crt")),
        pki.join("revoked/certs_by_serial")
            .join(format!("{serial_upper}.pem")),
        pki.join("renewed/certs_by_serial")
            .join(format!("{serial_upper}.crt")),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_lines_are_read_as_openssl_writes_them() {
        let text = "V\t270101000000Z\t\t0A1B\tunknown\t/CN=alice\n\
                    R\t270101000000Z\t250102030405Z,keyCompromise\t00FF\tunknown\t/CN=bob\n\
                    E\t200101000000Z\t\t03\tunknown\t/CN=old\n";
        let entries = parse_index(text, Path::new("index.txt")).unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].serial, "0a1b");
        assert_eq!(entries[0].expires, 1_798_761_600);
        assert_eq!(entries[1].serial, "00ff");
        assert_eq!(canonical_serial("94789C"), "0094789c");
        assert_eq!(
            entries[1].revoked,
            Some((1_735_787_045, Reason::KeyCompromise))
        );
        assert_eq!(entries[2].status, 'E');
        for bad in [
            "X\t1\t\t1\tunknown\t/CN=a",
            "V\tsoon\t\t1\tunknown\t/CN=a",
            "V\t1",
        ] {
            let err = parse_index(bad, Path::new("index.txt")).unwrap_err();
            assert!(err.to_string().contains("index.txt line 1"), "{err}");
        }
        assert_eq!(canonical_serial("0000AB"), "00ab");
        assert_eq!(canonical_serial("00007F"), "7f");
        assert_eq!(canonical_serial("00FF"), "00ff");
        assert_eq!(canonical_serial("abc"), "0abc");
    }
}
