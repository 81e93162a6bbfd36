//! `ca show|export|add-identity|passwd`: the CA's public facts and the ways to unlock the store.

use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use serde::Serialize;

use super::Session;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::store::{Change, fsio, keyring};
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

pub enum NewIdentity {
    /// Generate an identity and hand it out in this file (0600, never overwritten).
    Generate(PathBuf),
    /// Enrol an existing identity by its recipient (age1...).
    Recipient(String),
}

#[derive(Debug, Serialize)]
pub struct IdentityReport {
    pub recipient: String,
    pub identity_file: Option<PathBuf>,
}

/// Lets an age X25519 identity unlock the store (automation skips scrypt).
pub fn add_identity(session: &mut Session, req: &NewIdentity) -> Result<IdentityReport> {
    let generated = match req {
        NewIdentity::Generate(path) => {
            let place = super::out_file("--out", path, super::Existing::Refuse)?;
            Some((path, place, age::x25519::Identity::generate()))
        }
        NewIdentity::Recipient(_) => None,
    };
    let recipient = match (req, &generated) {
        (NewIdentity::Recipient(text), _) => keyring::parse_recipient(text)?,
        (_, Some((_, _, identity))) => identity.to_public(),
        (_, None) => unreachable!("a generated identity exists"),
    };
    let wrap_path = keyring::recipient_wrap_path(&recipient);
    if session.store().exists(&wrap_path.to_string_lossy()) {
        return Err(Error::InvalidInput(format!(
            "{recipient} is already enrolled"
        )));
    }
    let (wrap_path, wrapped) = keyring::wrap_for_recipient(session.key()?, &recipient)?;
    let mut change = Change::default();
    change.write_private(wrap_path, wrapped);
    change.record(Event::new("keyring.add", recipient.to_string()));
    if let Some((_, (dir, name), identity)) = &generated {
        let text = zeroize::Zeroizing::new(format!(
            "# credctl automation identity for {}\n# public key: {recipient}\n{}\n",
            session.store().root().display(),
            identity.to_string().expose_secret()
        ));
        change
            .output(dir)?
            .add_new(name, text.as_bytes().to_vec(), fsio::PRIVATE_FILE)?;
    }
    session.commit(change)?;
    Ok(IdentityReport {
        recipient: recipient.to_string(),
        identity_file: generated.map(|(p, _, _)| p.clone()),
    })
}

#[derive(Debug, Serialize)]
pub struct PasswdReport {
    pub changed: bool,
    pub scrypt_log_n: u8,
}

/// Changes the passphrase: the current unlock first (so a wrong one fails before anything is
/// asked), then `new_passphrase` is called for the replacement.
pub fn passwd(
    session: &mut Session,
    scrypt_log_n: u8,
    new_passphrase: impl FnOnce() -> Result<SecretString>,
) -> Result<PasswdReport> {
    keyring::check_scrypt_log_n(scrypt_log_n)?;
    let key = session.key()?;
    let passphrase = new_passphrase()?;
    keyring::check_passphrase_strength(&passphrase)?;
    let (path, wrapped) = keyring::passphrase_wrap(key, &passphrase, scrypt_log_n)?;
    let mut change = Change::default();
    change.write_private(path, wrapped);
    change.record(
        Event::new("keyring.passwd", "passphrase").detail(format!("scrypt 2^{scrypt_log_n}")),
    );
    session.commit(change)?;
    Ok(PasswdReport {
        changed: true,
        scrypt_log_n,
    })
}
