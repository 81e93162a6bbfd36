//! `init`: a new CA and its encrypted store.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::Serialize;

use crate::audit::Event;
use crate::error::Result;
use crate::store::{self, NewStore, keyring};
use crate::x509::ca::{self, NewCa};
use crate::x509::issue::CaSigner;
use crate::x509::keys::pkcs8_der;
use crate::x509::{KeyType, authority, inspect};

pub struct InitRequest {
    pub store: PathBuf,
    pub name: String,
    pub key_type: KeyType,
    pub days: u32,
    /// Some(days): the root signs an intermediate that issues.
    pub intermediate_days: Option<u32>,
    pub scrypt_log_n: u8,
}

#[derive(Debug, Serialize)]
pub struct InitReport {
    pub store: String,
    pub root: inspect::CertInfo,
    pub intermediate: Option<inspect::CertInfo>,
}

/// Everything checked before a passphrase is asked for or a key generated.
pub fn check(req: &InitRequest) -> Result<()> {
    ca::check(&new_ca(req))?;
    keyring::check_scrypt_log_n(req.scrypt_log_n)?;
    store::check_can_create(&req.store)
}

/// Creates the CA (root, optional intermediate) and the store that seals it with `passphrase`.
pub fn init(req: &InitRequest, passphrase: &SecretString) -> Result<InitReport> {
    check(req)?;
    keyring::check_passphrase_strength(passphrase)?;
    let name = req.name.trim();
    let created = ca::create(&new_ca(req))?;
    let store_key = keyring::StoreKey::generate();
    let mut files = keyring::new_keyring_files(&store_key, passphrase, req.scrypt_log_n)?;
    let (summary, ca_files) =
        authority::new_store_files(name, req.key_type, &created, &store_key.recipient())?;
    files.extend(ca_files);

    let root = inspect::info(&created.root.der)?;
    let intermediate = created
        .intermediate
        .as_ref()
        .map(|i| inspect::info(&i.der))
        .transpose()?;
    let events = events(&req.store, req.key_type, &root, intermediate.as_ref());
    let issuing = created.intermediate.as_ref().unwrap_or(&created.root);
    let key = req.key_type.load_pkcs8_der(&pkcs8_der(&issuing.key))?;
    let signer = CaSigner::new(&issuing.der, key)?;
    store::create(
        &req.store,
        NewStore {
            ca: summary,
            files,
            events,
            signer: &signer,
            crl_number: 0,
        },
    )?;
    Ok(InitReport {
        store: req.store.display().to_string(),
        root,
        intermediate,
    })
}

fn new_ca(req: &InitRequest) -> NewCa {
    NewCa {
        name: req.name.trim().to_owned(),
        key_type: req.key_type,
        days: req.days,
        intermediate_days: req.intermediate_days,
    }
}

fn events(
    store: &Path,
    key_type: KeyType,
    root: &inspect::CertInfo,
    intermediate: Option<&inspect::CertInfo>,
) -> Vec<Event> {
    let mut events = vec![
        Event::new("store.init", store.display().to_string())
            .detail(format!("format v{}", store::FORMAT_VERSION)),
        Event::new("ca.create", &root.subject)
            .serial(&root.serial)
            .fingerprint(&root.fingerprint_sha256)
            .detail(format!("root, {key_type}")),
    ];
    if let Some(i) = intermediate {
        events.push(
            Event::new("ca.create", &i.subject)
                .serial(&i.serial)
                .fingerprint(&i.fingerprint_sha256)
                .detail(format!("intermediate, {key_type}")),
        );
    }
    events
}
