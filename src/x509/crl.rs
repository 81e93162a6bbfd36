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
