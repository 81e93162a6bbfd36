//! Certificate revocation lists signed by the issuing CA.

use rcgen::{CertificateRevocationListParams, KeyIdMethod, RevokedCertParams, SerialNumber};
use time::{Duration, OffsetDateTime};

use serde::{Deserialize, Serialize};

use super::issue::CaSigner;
use super::registry::{Entry, Reason};
use crate::error::{Error, Result};
use crate::store::Store;

/// Certificates an adopted CA revoked whose certificate file was gone: the store never held
/// them, but every CRL lists their serials until they expire.
pub const REVOKED_ELSEWHERE_FILE: &str = "ca/revoked-elsewhere.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokedElsewhere {
    /// Lower-case hex, as the registry keeps serials.
    pub serial: String,
    pub name: String,
    pub reason: Reason,
    pub revoked_at: i64,
    /// When the certificate expires: after that no CRL needs to list it.
    pub not_after: i64,
}

/// The store's [`REVOKED_ELSEWHERE_FILE`] (none in most stores).
pub fn revoked_elsewhere(store: &Store) -> Result<Vec<RevokedElsewhere>> {
    Ok(store.read_json(REVOKED_ELSEWHERE_FILE)?.unwrap_or_default())
}

pub struct Crl {
    pub pem: String,
    pub this_update: OffsetDateTime,
    pub next_update: OffsetDateTime,
    pub entries: usize,
}

/// A CRL numbered `number`, listing every revoked entry and every unexpired revocation made
/// before the store (`elsewhere`), valid for `validity`.
pub fn build<'a>(
    signer: &CaSigner,
    revoked: impl Iterator<Item = &'a Entry>,
    elsewhere: &[RevokedElsewhere],
    number: u64,
    validity: Duration,
) -> Result<Crl> {
    let this_update = crate::clock::now();
    // Never beyond the CA's own end (which is never beyond 9999).
    let next_update = crate::clock::checked_after(this_update, validity)
        .map_or(signer.not_after, |t| t.min(signer.not_after));
    let mut revoked_certs = Vec::new();
    let listed = revoked.filter_map(|e| {
        let r = e.revoked.as_ref()?;
        Some((e.issued.serial.as_str(), r.reason, r.revoked_at))
    });
    let now = this_update.unix_timestamp();
    let earlier = elsewhere
        .iter()
        .filter(|r| r.not_after > now)
        .map(|r| (r.serial.as_str(), r.reason, r.revoked_at));
    for (serial_hex, reason, revoked_at) in listed.chain(earlier) {
        let serial = hex::decode(serial_hex)
            .map_err(|_| Error::Certificate(format!("bad serial {serial_hex} in the index")))?;
        revoked_certs.push(RevokedCertParams {
            serial_number: SerialNumber::from_slice(&serial),
            revocation_time: OffsetDateTime::from_unix_timestamp(revoked_at)
                .map_err(|e| Error::Certificate(e.to_string()))?,
            reason_code: Some(reason.to_rcgen()),
            invalidity_date: None,
        });
    }
    let entries = revoked_certs.len();
    let params = CertificateRevocationListParams {
        this_update,
        next_update,
        crl_number: SerialNumber::from(number),
        issuing_distribution_point: None,
        revoked_certs,
        key_identifier_method: KeyIdMethod::PreSpecified(signer.key_id.clone()),
    };
    let crl = params
        .signed_by(&signer.issuer)
        .map_err(|e| Error::Certificate(format!("cannot sign the CRL: {e}")))?;
    let pem = crl
        .pem()
        .map_err(|e| Error::Certificate(format!("cannot encode the CRL: {e}")))?;
    Ok(Crl {
        pem,
        this_update,
        next_update,
        entries,
    })
}

/// What a published CRL says: its thisUpdate and nextUpdate (Unix seconds) and the serials it
/// lists (lower-case hex, as the registry keeps them).
pub struct Published {
    pub this_update: i64,
    pub next_update: i64,
    pub serials: std::collections::HashSet<String>,
}

/// Reads a CRL's PEM; the error says why not.
pub fn read(pem: &[u8]) -> std::result::Result<Published, String> {
    let (_, block) = x509_parser::pem::parse_x509_pem(pem).map_err(|e| e.to_string())?;
    let (_, crl) = x509_parser::parse_x509_crl(&block.contents).map_err(|e| e.to_string())?;
    let next = crl.next_update().ok_or("the CRL has no nextUpdate")?;
    let serials = crl
        .iter_revoked_certificates()
        .map(|r| r.raw_serial_as_string().replace(':', ""))
        .collect();
    Ok(Published {
        this_update: crl.last_update().timestamp(),
        next_update: next.timestamp(),
        serials,
    })
}

/// The CRL number of a PEM CRL, if it has one that fits 64 bits.
pub fn crl_number_of_pem(pem: &[u8]) -> Option<u64> {
    let (_, block) = x509_parser::pem::parse_x509_pem(pem).ok()?;
    let (_, crl) = x509_parser::parse_x509_crl(&block.contents).ok()?;
    let number = crl.crl_number()?;
    u64::try_from(number).ok()
}
