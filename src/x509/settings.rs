//! The CA's publication settings (`ca/settings.json`, a signed store file): how long a CRL is
//! valid, and where verifiers elsewhere find the CRL (CRL Distribution Points) and the issuing
//! CA's certificate (Authority Information Access, caIssuers). Every certificate issued after a
//! URL is set carries it.

use serde::{Deserialize, Serialize};
use time::Duration;

use crate::error::{Error, Result};
use crate::store::Store;

pub const SETTINGS_FILE: &str = "ca/settings.json";
/// A CRL's lifetime when the store sets none.
pub const DEFAULT_CRL_DAYS: u32 = 7;
/// The longest CRL lifetime a store may set (easy-rsa's default is 180).
pub const MAX_CRL_DAYS: u32 = 366;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crl_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crl_urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ca_issuers_urls: Vec<String>,
}

impl CaSettings {
    pub fn load(store: &Store) -> Result<CaSettings> {
        Ok(store.read_json(SETTINGS_FILE)?.unwrap_or_default())
    }

    /// How many days a CRL issued now is valid: the store's setting, else the default.
    pub fn crl_lifetime_days(&self) -> u32 {
        self.crl_days.unwrap_or(DEFAULT_CRL_DAYS)
    }

    /// The lifetime of a CRL issued now.
    pub fn crl_validity(&self) -> Duration {
        Duration::days(i64::from(self.crl_lifetime_days()))
    }
}

/// `--crl-days`: 1 to [`MAX_CRL_DAYS`].
pub fn check_crl_days(days: u32) -> Result<()> {
    if (1..=MAX_CRL_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "--crl-days must be 1 to {MAX_CRL_DAYS}, got {days}"
        )))
    }
}

/// A URL a certificate may point verifiers to: http (RFC 5280 recommends it for CRLs and CA
/// certificates: https would need a certificate to check the certificate) or ldap, ASCII, no
/// spaces.
pub fn check_url(flag: &str, url: &str) -> Result<()> {
    let ok = (url.starts_with("http://") || url.starts_with("ldap://"))
        && url.len() > "http://".len()
        && url.is_ascii()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{flag} {url:?}: expected an http:// (or ldap://) URL, e.g. http://pki.example.com/ca.crl"
        )))
    }
}

/// The DER of an Authority Information Access extension value with `urls` as caIssuers
/// (RFC 5280 4.2.2.1): SEQUENCE OF SEQUENCE { id-ad-caIssuers, [6] IA5String }.
pub fn authority_info_access(urls: &[String]) -> Vec<u8> {
    // id-ad-caIssuers: 1.3.6.1.5.5.7.48.2
    const CA_ISSUERS: [u8; 10] = [0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x02];
    let mut descriptions = Vec::new();
    for url in urls {
        let mut body = CA_ISSUERS.to_vec();
        body.extend(super::pkcs12::tlv(0x86, url.as_bytes()));
        descriptions.extend(super::pkcs12::tlv(0x30, &body));
    }
    super::pkcs12::tlv(0x30, &descriptions)
}

/// The OID of the Authority Information Access extension.
pub const AIA_OID: &[u64] = &[1, 3, 6, 1, 5, 5, 7, 1, 1];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aia_is_the_der_openssl_reads_and_urls_and_days_are_checked() {
        let der = authority_info_access(&["http://pki.example.com/ca.crt".into()]);
        assert_eq!(der[0], 0x30);
        assert_eq!(usize::from(der[1]), der.len() - 2);
        assert!(
            der.windows(29)
                .any(|w| w == b"http://pki.example.com/ca.crt")
        );
        let long = "http://".to_owned() + &"a".repeat(200);
        let der = authority_info_access(&[long]);
        assert_eq!(der[1], 0x81, "a long form length");
        assert!(check_url("--crl-url", "http://pki.example.com/ca.crl").is_ok());
        for bad in ["https://x/ca.crl", "ftp://x", "http://", "http://a b"] {
            assert!(check_url("--crl-url", bad).is_err(), "{bad}");
        }
        assert!(check_crl_days(180).is_ok());
        assert!(check_crl_days(0).is_err() && check_crl_days(367).is_err());
    }
}
