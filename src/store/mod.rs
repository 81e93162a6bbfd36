//! The offline CA store: one directory, one type.
//!
//! Layout (format version 1), every path relative to the store root:
//!
//! ```text
//! store.json            format, version, CA summary, audit head        (public)
//! store.lock            advisory lock, held for the life of a command
//! keyring/store.pub     age recipient every secret in the store is sealed to
//! keyring/passphrase.age  store identity, wrapped with the passphrase (scrypt)
//! keyring/x25519-*.age  store identity, wrapped for an enrolled automation identity
//! ca/root.crt           root certificate (PEM)
//! ca/root.key.age       root private key, PKCS#8 DER sealed to the store recipient
//! ca/intermediate.crt   issuing intermediate, with --intermediate
//! ca/intermediate.key.age
//! audit.log             hash-chained log of every change
//! txn/                  staging area of the change in progress (empty at rest)
//! ```
//!
//! Directories are 0700 and files 0600. Opening takes the lock and finishes or undoes any change
//! an interrupted command left behind; nothing is written until [`Store::commit`].

pub mod fsio;
pub mod keyring;
pub mod lock;
pub mod txn;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::{self, Event};
use crate::error::{Error, Result};
use crate::x509::KeyType;
use crate::x509::ca::CreatedCa;
use crate::x509::issue::{CaSigner, CaValidity};
use crate::x509::keys::pkcs8_der;
use keyring::{StoreKey, UnlockSource};
use lock::StoreLock;
use txn::StagedWrite;

pub const STORE_FILE: &str = "store.json";
pub const FORMAT_NAME: &str = "credctl-store";
pub const FORMAT_VERSION: u32 = 1;
pub const ROOT_CERT: &str = "ca/root.crt";
pub const ROOT_KEY: &str = "ca/root.key.age";
pub const INTERMEDIATE_CERT: &str = "ca/intermediate.crt";
pub const INTERMEDIATE_KEY: &str = "ca/intermediate.key.age";
/// The latest CRL `credctl crl` issued.
pub const CRL_FILE: &str = "ca/crl.pem";

/// The contents of store.json.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreState {
    pub format: String,
    pub version: u32,
    pub created: String,
    pub ca: CaSummary,
    pub audit: audit::Head,
    /// Number of the last CRL issued (0: none yet).
    #[serde(default)]
    pub crl_number: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaSummary {
    pub name: String,
    pub key_type: KeyType,
    pub intermediate: bool,
}

/// Files, appends, deletions and audit events that make up one change to the store.
#[derive(Default)]
pub struct Change {
    writes: Vec<StagedWrite>,
    appends: Vec<(PathBuf, Vec<u8>)>,
    removes: Vec<PathBuf>,
    events: Vec<Event>,
}

impl Change {
    /// Appends `bytes` to the store file `rel` (appends to one file are concatenated).
    pub fn append(&mut self, rel: impl Into<PathBuf>, bytes: &[u8]) {
        let rel = rel.into();
        match self.appends.iter_mut().find(|(target, _)| *target == rel) {
            Some((_, existing)) => existing.extend_from_slice(bytes),
            None => self.appends.push((rel, bytes.to_vec())),
        }
    }
    pub fn remove(&mut self, rel: impl Into<PathBuf>) {
        self.removes.push(rel.into());
    }
    pub fn write_private(&mut self, rel: impl Into<PathBuf>, bytes: Vec<u8>) {
        self.writes.push(StagedWrite {
            target: rel.into(),
            bytes,
            mode: fsio::PRIVATE_FILE,
        });
    }
    pub fn record(&mut self, event: Event) {
        self.events.push(event);
    }
}

/// An open store: the lock is held until this value drops.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    state: StoreState,
    _lock: StoreLock,
}

/// Report a wait for the lock (the CLI prints it; the library does not print).
pub type OnLockWait<'a> = &'a dyn Fn();

impl Store {
    /// Opens an existing store, waiting for its lock.
    pub fn open(root: &Path, on_wait: OnLockWait<'_>) -> Result<Store> {
        match fs::metadata(root) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::StoreMissing(root.to_path_buf()));
            }
            Err(e) => return Err(Error::io(root, e)),
            Ok(m) if !m.is_dir() => return Err(Error::NotAStore(root.to_path_buf())),
            Ok(_) => {}
        }
        if !root.join(STORE_FILE).exists() {
            return Err(Error::NotAStore(root.to_path_buf()));
        }
        let lock = StoreLock::acquire(root, on_wait)?;
        txn::recover(root)?;
        let state = load_state(root)?;
        Ok(Store {
            root: root.to_path_buf(),
            state,
            _lock: lock,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn state(&self) -> &StoreState {
        &self.state
    }

    /// Reads a store file that must exist; a missing one means the store is damaged.
    pub fn read(&self, rel: &str) -> Result<Vec<u8>> {
        let path = self.root.join(rel);
        fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::corrupt(&path, "missing"),
            _ => Error::io(&path, e),
        })
    }

    /// The CA chain, issuing CA first, as PEM.
    pub fn chain_pem(&self) -> Result<String> {
        let mut chain = String::new();
        if self.state.ca.intermediate {
            chain.push_str(&self.read_text(INTERMEDIATE_CERT)?);
        }
        chain.push_str(&self.read_text(ROOT_CERT)?);
        Ok(chain)
    }

    /// Reads and parses an optional JSON store file: None when it does not exist.
    pub fn read_json<T: serde::de::DeserializeOwned>(&self, rel: &str) -> Result<Option<T>> {
        let path = self.root.join(rel);
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| Error::corrupt(&path, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    pub fn read_text(&self, rel: &str) -> Result<String> {
        String::from_utf8(self.read(rel)?)
            .map_err(|_| Error::corrupt(self.root.join(rel), "not UTF-8 text"))
    }

    /// Unwraps the store key: the one slow step of a signing command, done once.
    pub fn unlock(&self, source: &UnlockSource) -> Result<StoreKey> {
        keyring::unlock(&self.root, source)
    }

    /// The CA chain as DER, issuing CA first, root last.
    pub fn chain_ders(&self) -> Result<Vec<Vec<u8>>> {
        let mut files = vec![ROOT_CERT];
        if self.state.ca.intermediate {
            files.insert(0, INTERMEDIATE_CERT);
        }
        files
            .into_iter()
            .map(|rel| {
                let ders = crate::x509::inspect::pem_certificates(&self.read(rel)?)
                    .map_err(|e| Error::corrupt(self.root.join(rel), e))?;
                Ok(ders
                    .into_iter()
                    .next()
                    .expect("pem_certificates is never empty"))
            })
            .collect()
    }

    /// The issuing CA's validity, without unlocking.
    pub fn issuing_validity(&self) -> Result<CaValidity> {
        let chain = self.chain_ders()?;
        CaValidity::of(&chain[0])
    }

    /// The issuing CA (intermediate if there is one, else the root), ready to sign.
    pub fn signer(&self, key: &StoreKey) -> Result<CaSigner> {
        let key_rel = if self.state.ca.intermediate {
            INTERMEDIATE_KEY
        } else {
            ROOT_KEY
        };
        let der = key.open(&self.read(key_rel)?, &self.root.join(key_rel))?;
        let key_pair = self.state.ca.key_type.load_pkcs8_der(&der)?;
        CaSigner::new(&self.chain_ders()?[0], key_pair)
    }

    pub fn audit_log(&self) -> Result<Vec<u8>> {
        match fs::read(self.root.join(audit::AUDIT_LOG_FILE)) {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(Error::io(self.root.join(audit::AUDIT_LOG_FILE), e)),
        }
    }

    /// Applies `change` atomically, with its audit entries and the new audit head.
    pub fn commit(&mut self, change: Change) -> Result<()> {
        self.commit_with(change, |_| {})
    }

    /// Like [`Store::commit`], also updating the store state (counters) in the same change.
    pub fn commit_with(
        &mut self,
        mut change: Change,
        update: impl FnOnce(&mut StoreState),
    ) -> Result<()> {
        let (lines, head) = audit::chain(
            &self.state.audit,
            &change.events,
            &audit::current_actor(),
            &timestamp(),
        );
        let mut state = self.state.clone();
        update(&mut state);
        state.audit = head;
        change.write_private(STORE_FILE, state_bytes(&state));
        change.append(audit::AUDIT_LOG_FILE, &lines);
        txn::commit(&self.root, change.writes, change.appends, change.removes)?;
        self.state = state;
        Ok(())
    }
}

pub fn timestamp() -> String {
    crate::x509::ca::now()
        .format(&time::format_description::well_known::Rfc3339)
        .expect("UTC time formats")
}

fn state_bytes(state: &StoreState) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(state).expect("state serializes");
    bytes.push(b'\n');
    bytes
}

fn load_state(root: &Path) -> Result<StoreState> {
    let path = root.join(STORE_FILE);
    let bytes = fs::read(&path).map_err(|e| Error::io(&path, e))?;
    // Check the format marker and version before the full schema, so a newer store says so.
    let header: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(&path, e))?;
    if header.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
        return Err(Error::corrupt(&path, "not a credctl store file"));
    }
    let version = header.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(FORMAT_VERSION) {
        return Err(Error::UnsupportedVersion {
            found: version as u32,
            supported: FORMAT_VERSION,
        });
    }
    serde_json::from_value(header).map_err(|e| Error::corrupt(&path, e))
}

/// Everything `init` needs to lay out a new store.
pub struct NewStore<'a> {
    pub name: &'a str,
    pub key_type: KeyType,
    pub ca: &'a CreatedCa,
    pub keyring_files: Vec<(PathBuf, Vec<u8>)>,
    pub recipient: &'a age::x25519::Recipient,
    pub events: Vec<Event>,
}

/// Creates a store at `root`. It is built complete in a hidden sibling directory and renamed into
/// place, so a crash leaves no half store, and of two racing inits exactly one wins.
pub fn create(root: &Path, new: NewStore<'_>) -> Result<()> {
    check_can_create(root)?;
    let parent = match root.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        fsio::create_private_dir_all(&parent)?;
    }
    let staging = fsio::temp_sibling(root);
    let result = build_store(&staging, &new).and_then(|()| {
        fs::rename(&staging, root).map_err(|e| match e.kind() {
            // The target appeared meanwhile and is not empty: another init won.
            std::io::ErrorKind::DirectoryNotEmpty | std::io::ErrorKind::AlreadyExists => {
                Error::StoreExists(root.to_path_buf())
            }
            _ => Error::io(root, e),
        })
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
        return result;
    }
    fsio::fsync_dir(&parent)
}

/// Refuses before any work (and before any passphrase prompt) when `root` is taken.
pub fn check_can_create(root: &Path) -> Result<()> {
    match fs::metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(root, e)),
        Ok(m) if m.is_dir() => {
            if root.join(STORE_FILE).exists() {
                return Err(Error::StoreExists(root.to_path_buf()));
            }
            let empty = fs::read_dir(root)
                .map_err(|e| Error::io(root, e))?
                .next()
                .is_none();
            if empty {
                Ok(())
            } else {
                Err(Error::NotAStore(root.to_path_buf()))
            }
        }
        Ok(_) => Err(Error::NotAStore(root.to_path_buf())),
    }
}

fn build_store(dir: &Path, new: &NewStore<'_>) -> Result<()> {
    for sub in ["", keyring::KEYRING_DIR, "ca", txn::TXN_DIR] {
        fsio::create_private_dir(&dir.join(sub))?;
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = new.keyring_files.clone();
    files.push((ROOT_CERT.into(), new.ca.root.pem.clone().into_bytes()));
    files.push((
        ROOT_KEY.into(),
        keyring::seal(new.recipient, &pkcs8_der(&new.ca.root.key))?,
    ));
    if let Some(intermediate) = &new.ca.intermediate {
        files.push((
            INTERMEDIATE_CERT.into(),
            intermediate.pem.clone().into_bytes(),
        ));
        files.push((
            INTERMEDIATE_KEY.into(),
            keyring::seal(new.recipient, &pkcs8_der(&intermediate.key))?,
        ));
    }
    let (log, head) = audit::chain(
        &audit::Head::default(),
        &new.events,
        &audit::current_actor(),
        &timestamp(),
    );
    files.push((audit::AUDIT_LOG_FILE.into(), log));
    let state = StoreState {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        created: timestamp(),
        ca: CaSummary {
            name: new.name.to_owned(),
            key_type: new.key_type,
            intermediate: new.ca.intermediate.is_some(),
        },
        audit: head,
        crl_number: 0,
    };
    files.push((STORE_FILE.into(), state_bytes(&state)));
    files.push((lock::LOCK_FILE.into(), Vec::new()));

    let mut handles = Vec::with_capacity(files.len());
    for (rel, bytes) in &files {
        handles.push(fsio::write_new(
            &dir.join(rel),
            bytes,
            fsio::PRIVATE_FILE,
            false,
        )?);
    }
    for (handle, (rel, _)) in handles.iter().zip(&files) {
        handle.sync_all().map_err(|e| Error::io(dir.join(rel), e))?;
    }
    for sub in [keyring::KEYRING_DIR, "ca", txn::TXN_DIR, ""] {
        fsio::fsync_dir(&dir.join(sub))?;
    }
    Ok(())
}
