//! Certificate revocation lists signed by the issuing CA.

use rcgen::{CertificateRevocationListParams, KeyIdMethod, RevokedCertParams, SerialNumber};
use time::{Duration, OffsetDateTime};

use super::issue::CaSigner;
use super::registry::Entry;
use crate::error::{Error, Result};

pub struct Crl {
    pub pem: String,
    pub this_update: OffsetDateTime,
    pub next_update: OffsetDateTime,
    pub entries: usize,
}

/// A CRL numbered `number`, listing every revoked entry, valid for `validity`.
pub fn build<'a>(
    signer: &CaSigner,
    revoked: impl Iterator<Item = &'a Entry>,
    number: u64,
    validity: Duration,
) -> Result<Crl> {
    let this_update = crate::clock::now();
    // Never beyond the CA's own end (which is never beyond 9999).
    let next_update = crate::clock::checked_after(this_update, validity)
        .map_or(signer.not_after, |t| t.min(signer.not_after));
    let mut revoked_certs = Vec::new();
    for entry in revoked {
        let Some(revocation) = &entry.revoked else {
            continue;
        };
        let serial = hex::decode(&entry.issued.serial).map_err(|_| {
            Error::Certificate(format!("bad serial {} in the index", entry.issued.serial))
        })?;
        revoked_certs.push(RevokedCertParams {
            serial_number: SerialNumber::from_slice(&serial),
            revocation_time: OffsetDateTime::from_unix_timestamp(revocation.revoked_at)
                .map_err(|e| Error::Certificate(e.to_string()))?,
            reason_code: Some(revocation.reason.to_rcgen()),
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
