//! `audit log|verify|sign|export|verify-export`: read and check the hash-chained log and the
//! signed store state, and export the ceremony transcript.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Session;
use crate::audit::{self, Entry, Event};
use crate::error::{Error, Result};
use crate::store::Change;
use crate::store::statement::Statement;
use crate::x509::{authority, inspect};

pub fn log(session: &Session) -> Result<Vec<Entry>> {
    audit::parse(&session.store().audit_log()?)
}

pub struct VerifyRequest {
    /// The CA chain the operator trusts (a `ca.crt` kept apart from the store): the store's CA
    /// certificates and its signed state are checked against it, not against themselves.
    pub ca: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    pub entries: u64,
    /// The audit entry the state was last signed at.
    pub signed_at: u64,
    /// SHA-256 fingerprint of the CA certificate that signed it.
    pub signer: String,
    /// The store files the statement covers, every one matching.
    pub files: usize,
    /// Whether the CA was checked against a chain given with `--ca`.
    pub ca_checked: bool,
}

/// Checks the chain and its head, every store file against the last signed statement, and
/// the statement's signature (with the CA given by `--ca`, else the store's pinned CA). Any
/// failure is `AuditTampered` naming what differs.
pub fn verify(session: &Session, req: &VerifyRequest) -> Result<VerifyReport> {
    let trusted = req.ca.as_deref().map(read_ca_chain).transpose()?;
    let entries = audit::verify(&session.store().audit_log()?, &session.state().audit)?;
    // Files, signature and head; a statement missing from a store that had one is tamper, not
    // an old store (the check passes only a store of a version from before statements).
    session.verify_state().map_err(as_tampered)?;
    let Some(statement) = session.store().statement() else {
        return Err(Error::Unsigned(session.store().root().to_path_buf()));
    };
    if let Some(trusted) = &trusted {
        check_ca_against(session, trusted)?;
    }
    Ok(VerifyReport {
        ok: true,
        entries,
        signed_at: statement.audit.seq,
        signer: statement.signer.clone(),
        files: statement.files.len(),
        ca_checked: trusted.is_some(),
    })
}

/// A store that does not match its statement, or whose CA files do not parse, is what
/// `audit verify` looks for: tamper found (exit 1), not a command stopped by damage.
fn as_tampered(err: Error) -> Error {
    match err {
        Error::StateMismatch { path, detail } | Error::Corrupt { path, detail } => {
            Error::AuditTampered(format!("{} {detail}", path.display()))
        }
        other => other,
    }
}

/// The certificates of the `--ca` file, DER.
fn read_ca_chain(path: &std::path::Path) -> Result<Vec<Vec<u8>>> {
    let pem = super::read_input(path, "CA certificate file")?;
    inspect::pem_certificates(&pem)
        .map_err(|e| Error::InvalidInput(format!("--ca {}: {e}", path.display())))
}

/// Each CA certificate of the store must be one of `trusted`, or an intermediate that one of
/// them signed: a store whose CA (and statement) were replaced together fails here.
fn check_ca_against(session: &Session, trusted: &[Vec<u8>]) -> Result<()> {
    let authority = session.authority().map_err(as_tampered)?;
    let known: Vec<String> = trusted
        .iter()
        .map(|d| inspect::fingerprint_sha256(d))
        .collect();
    let files = match authority.has_intermediate() {
        true => [authority::INTERMEDIATE_CERT, authority::ROOT_CERT].as_slice(),
        false => [authority::ROOT_CERT].as_slice(),
    };
    // From the root down: each certificate is vouched for by one already accepted (or, for a
    // new root during a rollover, by its cross-certificate from a trusted root).
    let cross = cross_certified(session)?;
    let mut accepted = trusted.to_vec();
    for (der, rel) in authority.chain_ders().iter().zip(files).rev() {
        let fingerprint = inspect::fingerprint_sha256(der);
        let vouched = cross
            .as_ref()
            .is_some_and(|c| same_key(c, der) && signed_by_any(c, trusted));
        if known.contains(&fingerprint) || signed_by_any(der, &accepted) || vouched {
            accepted.push(der.clone());
            continue;
        }
        return Err(Error::AuditTampered(format!(
            "{} (SHA-256 {fingerprint}) is not the CA given with --ca: the store's CA was replaced",
            session.store().path(rel).display()
        )));
    }
    Ok(())
}

/// During a root rollover, the new root's key certified by the previous root: a `--ca` holding
/// only the previous root still vouches for the new one through it.
fn cross_certified(session: &Session) -> Result<Option<Vec<u8>>> {
    let store = session.store();
    let Some(pem) = store.read_optional(authority::CROSS_CERT)? else {
        return Ok(None);
    };
    Ok(inspect::pem_certificates(&pem)
        .ok()
        .and_then(|d| d.into_iter().next()))
}

/// Whether two certificates carry the same public key.
fn same_key(a: &[u8], b: &[u8]) -> bool {
    use x509_parser::prelude::{FromDer, X509Certificate};
    match (X509Certificate::from_der(a), X509Certificate::from_der(b)) {
        (Ok((_, a)), Ok((_, b))) => a.public_key().raw == b.public_key().raw,
        _ => false,
    }
}

/// Each CA certificate of a chain (issuing first) signed by the next, the last self-signed.
pub fn check_chain_links(chain: &[Vec<u8>]) -> std::result::Result<(), String> {
    for pair in chain.windows(2) {
        if !signed_by_any(&pair[0], &pair[1..2]) {
            return Err("a certificate is not signed by the one after it".into());
        }
    }
    match chain.last() {
        Some(root) if signed_by_any(root, std::slice::from_ref(root)) => Ok(()),
        _ => Err("it does not end in a self-signed root".into()),
    }
}

/// Whether the certificate `der` was signed by one of `cas`.
fn signed_by_any(der: &[u8], cas: &[Vec<u8>]) -> bool {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let Ok((_, cert)) = X509Certificate::from_der(der) else {
        return false;
    };
    cas.iter().any(|ca| {
        X509Certificate::from_der(ca).is_ok_and(|(_, ca)| {
            ca.subject() == cert.issuer() && cert.verify_signature(Some(ca.public_key())).is_ok()
        })
    })
}

#[derive(Debug, Serialize)]
pub struct SignReport {
    /// False: the state was signed already (and matches); nothing changed.
    pub signed: bool,
    pub files: usize,
    pub signed_at: u64,
}

/// Signs the state of a store made before statements, once: its log must verify; the operator
/// vouches for the files as they are. A signed store is only checked.
pub fn sign(session: &mut Session) -> Result<SignReport> {
    if let Some(statement) = session.store().statement() {
        session.verify_state()?;
        return Ok(SignReport {
            signed: false,
            files: statement.files.len(),
            signed_at: statement.audit.seq,
        });
    }
    audit::verify(&session.store().audit_log()?, &session.state().audit)?;
    let mut change = Change::default();
    change.record(Event::new(
        "store.sign",
        session.store().root().display().to_string(),
    ));
    session.commit(change)?;
    let statement = session
        .store()
        .statement()
        .expect("a commit to the store signs it");
    Ok(SignReport {
        signed: true,
        files: statement.files.len(),
        signed_at: statement.audit.seq,
    })
}

const TRANSCRIPT_FORMAT: &str = "credctl-transcript";

/// The record of a ceremony: the audit entries from `since` to the head, the statement the CA
/// signed over that head, and the CA chain to check it with. The entries' hash chain ends at the
/// signed head, so the CA's signature vouches for every entry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    pub format: String,
    pub version: u32,
    pub ca: String,
    pub root_sha256: String,
    pub exported: String,
    pub entries: Vec<Entry>,
    pub statement: Statement,
    /// The CA chain, issuing CA first (PEM).
    pub chain_pem: String,
}

/// The transcript of entries `since` (from 1) to the head of a store whose state verified.
pub fn export(session: &Session, since: u64) -> Result<Transcript> {
    let all = audit::parse(&session.store().audit_log()?)?;
    let head = session.state().audit.seq;
    if since == 0 || since > head {
        return Err(Error::InvalidInput(format!(
            "--since {since}: the log has entries 1 to {head}"
        )));
    }
    let Some(statement) = session.store().statement() else {
        return Err(Error::Unsigned(session.store().root().to_path_buf()));
    };
    let authority = session.authority()?;
    Ok(Transcript {
        format: TRANSCRIPT_FORMAT.into(),
        version: 1,
        ca: session.state().ca.name.clone(),
        root_sha256: authority.root_fingerprint(),
        exported: crate::clock::timestamp(),
        entries: all.into_iter().filter(|e| e.seq >= since).collect(),
        statement: statement.clone(),
        chain_pem: authority.chain_pem().to_owned(),
    })
}

#[derive(Debug, Serialize)]
pub struct TranscriptReport {
    pub first: u64,
    pub last: u64,
    pub signer: String,
    pub root_sha256: String,
    pub ca_checked: bool,
}

/// Checks a JSON transcript on its own: every entry hash and link, that the run ends at the
/// head the statement names, the statement's signature by the issuing CA of the chain it
/// carries, that chain (the intermediate signed by the root), and with `ca` that its root is
/// the CA given. No store is needed.
pub fn verify_export(
    file: &std::path::Path,
    ca: Option<&std::path::Path>,
) -> Result<TranscriptReport> {
    let text = super::read_input_text(file, "transcript")?;
    let t: Transcript = serde_json::from_str(&text).map_err(|e| {
        Error::InvalidInput(format!("{} is not a JSON transcript: {e}", file.display()))
    })?;
    if t.format != TRANSCRIPT_FORMAT {
        return Err(Error::InvalidInput(format!(
            "{} is not a credctl transcript",
            file.display()
        )));
    }
    let (Some(first), Some(last)) = (t.entries.first(), t.entries.last()) else {
        return Err(Error::AuditTampered("the transcript has no entries".into()));
    };
    audit::check_run(&t.entries)?;
    if last.seq != t.statement.audit.seq || last.hash != t.statement.audit.hash {
        return Err(Error::AuditTampered(format!(
            "the entries end at {} but the signed head is entry {}",
            last.seq, t.statement.audit.seq
        )));
    }
    let chain = inspect::pem_certificates(t.chain_pem.as_bytes())
        .map_err(|e| Error::AuditTampered(format!("its CA chain does not parse: {e}")))?;
    let root = chain
        .last()
        .ok_or_else(|| Error::AuditTampered("it carries no CA".into()))?;
    for pair in chain.windows(2) {
        if !signed_by_any(&pair[0], &pair[1..2]) {
            return Err(Error::AuditTampered(
                "its intermediate is not signed by its root".into(),
            ));
        }
    }
    crate::x509::statement::verify(&chain[0], &t.statement)
        .map_err(|detail| Error::AuditTampered(format!("its signed head {detail}")))?;
    if let Some(ca) = ca {
        let trusted = read_ca_chain(ca)?;
        let known = trusted.iter().any(|d| d == root) || signed_by_any(root, &trusted);
        if !known {
            return Err(Error::AuditTampered(format!(
                "it was signed under the CA with root SHA-256 {}, not the CA given with --ca",
                inspect::fingerprint_sha256(root)
            )));
        }
    }
    Ok(TranscriptReport {
        first: first.seq,
        last: last.seq,
        signer: t.statement.signer.clone(),
        root_sha256: inspect::fingerprint_sha256(root),
        ca_checked: ca.is_some(),
    })
}
