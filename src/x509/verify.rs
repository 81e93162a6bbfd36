//! `cert verify`: does this certificate chain to the store's CA, is it inside its validity window,
//! and does the store still stand behind it (known, not revoked)?

use serde::Serialize;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::crl::RevokedElsewhere;
use super::inspect;
use super::registry::{Registry, Status};
use crate::error::{Error, Result};

#[derive(Debug, Serialize)]
pub struct Verdict {
    pub ok: bool,
    pub subject: String,
    pub serial: String,
    pub not_after: String,
    /// The store's view: active, superseded, revoked...; None when the store never issued it.
    pub status: Option<Status>,
    pub problems: Vec<String>,
}

fn parse(der: &[u8]) -> Result<X509Certificate<'_>> {
    X509Certificate::from_der(der)
        .map(|(_, c)| c)
        .map_err(|e| Error::InvalidInput(format!("not a certificate: {e}")))
}

/// `chain` is the store's CA chain, issuing CA first, root last; `elsewhere`, what an adopted CA
/// revoked before the store held those certificates.
pub fn verify(
    leaf_der: &[u8],
    chain: &[Vec<u8>],
    (registry, elsewhere): (&Registry, &[RevokedElsewhere]),
    now: i64,
) -> Result<Verdict> {
    let leaf = parse(leaf_der)?;
    let serial = leaf.raw_serial_as_string().replace(':', "");
    let cas: Vec<X509Certificate<'_>> = chain.iter().map(|d| parse(d)).collect::<Result<_>>()?;
    let mut problems = Vec::new();
    let anchored = check_chain(&leaf, &cas, now, &mut problems);
    let entry = registry.by_serial(&serial);
    check_record(entry, leaf_der, anchored, &mut problems);
    let normalized = super::registry::normalize_serial(&serial);
    if let Some(r) = elsewhere.iter().find(|r| r.serial == normalized) {
        problems.push(format!(
            "revoked at {} ({}) by the CA before this store adopted it",
            inspect::rfc3339_unix(r.revoked_at),
            r.reason.name()
        ));
    }
    Ok(Verdict {
        ok: anchored && problems.is_empty(),
        subject: leaf.subject().to_string(),
        serial,
        not_after: inspect::rfc3339(leaf.validity().not_after),
        status: entry.map(|e| e.status(now)),
        problems,
    })
}

/// Walks from the leaf to a self-signed CA of the chain, checking signatures, then validity.
/// Returns whether the chain reached the root.
fn check_chain(
    leaf: &X509Certificate<'_>,
    cas: &[X509Certificate<'_>],
    now: i64,
    problems: &mut Vec<String>,
) -> bool {
    let mut current = leaf;
    let mut anchored = false;
    for (depth, _) in cas.iter().enumerate().take(cas.len() + 1) {
        let Some(issuer) = cas.iter().find(|ca| ca.subject() == current.issuer()) else {
            problems.push(format!(
                "{} was not issued by this store's CA (issuer {})",
                if depth == 0 {
                    "the certificate"
                } else {
                    "a CA in the chain"
                },
                current.issuer()
            ));
            break;
        };
        if current.verify_signature(Some(issuer.public_key())).is_err() {
            problems.push(format!(
                "the signature on {} does not verify with {}: not issued by this store's CA",
                current.subject(),
                issuer.subject()
            ));
            break;
        }
        if !issuer.is_ca() {
            problems.push(format!("{} is not a CA", issuer.subject()));
            break;
        }
        if issuer.subject() == issuer.issuer() {
            anchored = true;
            break;
        }
        current = issuer;
    }
    if anchored {
        for cert in std::iter::once(leaf).chain(cas.iter()) {
            let validity = cert.validity();
            if now < validity.not_before.timestamp() {
                problems.push(format!("{} is not valid yet", cert.subject()));
            } else if now >= validity.not_after.timestamp() {
                problems.push(format!(
                    "{} expired at {}",
                    cert.subject(),
                    inspect::rfc3339(validity.not_after)
                ));
            }
        }
    }

    anchored
}

/// What the store's registry says about the certificate.
fn check_record(
    entry: Option<&super::registry::Entry>,
    leaf_der: &[u8],
    anchored: bool,
    problems: &mut Vec<String>,
) {
    match entry {
        None if anchored => problems.push("this store has no record of issuing it".into()),
        None => {}
        Some(e) => {
            if e.issued.fingerprint != inspect::fingerprint_sha256(leaf_der) {
                problems
                    .push("the store issued this serial, but as a different certificate".into());
            }
            if let Some(r) = &e.revoked {
                problems.push(format!(
                    "revoked at {} ({})",
                    inspect::rfc3339_unix(r.revoked_at),
                    r.reason.name()
                ));
            }
        }
    }
}
