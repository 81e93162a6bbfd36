//! `ca show|export`: the CA's public facts (the ways to unlock the store are in `custody`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Session;
use crate::error::{Error, Result};
use crate::store::{Change, fsio};
use crate::x509::authority::{INTERMEDIATE_CERT, ROOT_CERT};
use crate::x509::inspect::{self, CertInfo};

#[derive(Debug, Serialize)]
pub struct CaReport {
    pub name: String,
    pub key_type: String,
    pub root: CertInfo,
    pub intermediate: Option<CertInfo>,
}

fn cert_info(session: &Session, rel: &str) -> Result<CertInfo> {
    let store = session.store();
    let pem = store.read(rel)?;
    let ders = inspect::pem_certificates(&pem).map_err(|e| Error::corrupt(store.path(rel), e))?;
    inspect::info(&ders[0]).map_err(|e| Error::corrupt(store.path(rel), e))
}

/// Subject, fingerprint, validity and key type of the CA; no unlock.
pub fn show(session: &Session) -> Result<CaReport> {
    session.authority()?; // checks the certificates against their pins
    let ca = &session.state().ca;
    Ok(CaReport {
        name: ca.name.clone(),
        key_type: ca.key_type.clone(),
        root: cert_info(session, ROOT_CERT)?,
        intermediate: ca
            .intermediate
            .then(|| cert_info(session, INTERMEDIATE_CERT))
            .transpose()?,
    })
}

/// Writes the public chain (issuing CA first) to `out`, replacing it.
pub fn export(session: &mut Session, out: &Path) -> Result<PathBuf> {
    let (dir, name) = super::out_file("--out", out, super::Existing::Replace)?;
    let chain = session.authority()?.chain_pem().as_bytes().to_vec();
    let mut change = Change::default();
    let path = change
        .output(&dir)?
        .add_replace(&name, chain, fsio::PUBLIC_FILE);
    session.commit(change)?;
    Ok(path)
}
