//! `backup` and `restore`: the whole store as one file, its contents sealed to the store key, so
//! whatever unlocks the store (passphrase, identity, shares) opens the backup, and nothing else
//! does. Writing a backup needs no unlock: automation can take one without a secret.
//!
//! Layout: a first line naming the format, one line of JSON (what the backup is of, and the
//! store's keyring, whose wraps are encrypted already), then the age ciphertext of the archive.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use super::Session;
use crate::audit::Head;
use crate::error::{Error, Result};
use crate::store::keyring::{self, KEYRING_DIR, UnlockSource};
use crate::store::{self, Change, LockWait, archive, fsio};

const FIRST_LINE: &str = "credctl backup 1\n";

/// The backup's cleartext header: enough to tell which store and which moment it is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BackupHeader {
    pub made: String,
    pub ca: String,
    pub root_sha256: String,
    pub audit: Head,
    pub files: usize,
    /// The keyring files, base64: every wrap is encrypted already.
    keyring: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub struct BackupReport {
    pub out: PathBuf,
    #[serde(flatten)]
    pub header: BackupHeader,
}

/// Writes the whole store to `out` (0600, never overwriting).
pub fn backup(session: &mut Session, out: &Path) -> Result<BackupReport> {
    let (dir, name) = super::out_file("--out", out, super::Existing::Refuse)?;
    let store = session.store();
    let files = store.snapshot()?;
    let keyring_files = files
        .iter()
        .filter(|(rel, _)| rel.starts_with(&format!("{KEYRING_DIR}/")))
        .map(|(rel, bytes)| (rel.clone(), STANDARD.encode(bytes)))
        .collect();
    let header = BackupHeader {
        made: crate::clock::timestamp(),
        ca: session.state().ca.name.clone(),
        root_sha256: session.authority()?.root_fingerprint(),
        audit: session.state().audit.clone(),
        files: files.len(),
        keyring: keyring_files,
    };
    let recipient = keyring::read_store_recipient(store.root())?;
    let body = age::encrypt(&recipient, &archive::pack(&files))
        .map_err(|e| Error::Crypto(e.to_string()))?;
    let mut bytes = FIRST_LINE.as_bytes().to_vec();
    bytes.extend(serde_json::to_vec(&header).expect("header serializes"));
    bytes.push(b'\n');
    bytes.extend(body);
    let mut change = Change::default();
    let path = change
        .output(&dir)?
        .add_new(&name, bytes, fsio::PRIVATE_FILE)?;
    session.commit(change)?;
    Ok(BackupReport { out: path, header })
}

/// Reads a backup's header without opening it.
pub fn read_header(file: &Path) -> Result<(BackupHeader, Vec<u8>)> {
    let bytes = super::read_input(file, "backup")?;
    let bad = || {
        Error::InvalidInput(format!(
            "{} is not a credctl backup (or is damaged)",
            file.display()
        ))
    };
    let rest = bytes.strip_prefix(FIRST_LINE.as_bytes()).ok_or_else(bad)?;
    let end = rest.iter().position(|b| *b == b'\n').ok_or_else(bad)?;
    let header: BackupHeader = serde_json::from_slice(&rest[..end]).map_err(|_| bad())?;
    Ok((header, rest[end + 1..].to_vec()))
}

#[derive(Debug, Serialize)]
pub struct RestoreReport {
    pub store: PathBuf,
    #[serde(flatten)]
    pub header: BackupHeader,
}

/// Recreates the store backed up in `file` at `root`, which must not be a store. It is unlocked
/// with `unlock` (as the store was), checked against its CA-signed state before it appears, and
/// appears whole or not at all.
pub fn restore(file: &Path, root: &Path, unlock: UnlockSource) -> Result<RestoreReport> {
    store::check_can_create(root)?;
    let (header, body) = read_header(file)?;
    store::place_new(root, |staging| {
        let files = open_body(&header, &body, staging, unlock, file)?;
        store::write_tree(staging, &files)?;
        let session = Session::open_read(
            staging,
            Box::new(|| Err(Error::NoPassphraseSource)),
            LockWait::quiet(),
        )?;
        if session.unsigned() {
            return Err(Error::Unsigned(root.to_path_buf()));
        }
        if session.state().audit != header.audit {
            return Err(Error::InvalidInput(format!(
                "{}: its header and its contents disagree on the audit head",
                file.display()
            )));
        }
        Ok(())
    })?;
    Ok(RestoreReport {
        store: root.to_path_buf(),
        header,
    })
}

/// Unlocks the backup's keyring (laid out apart in the staging area) and opens the archive.
fn open_body(
    header: &BackupHeader,
    body: &[u8],
    staging: &Path,
    unlock: UnlockSource,
    file: &Path,
) -> Result<Vec<(String, Vec<u8>)>> {
    let keyring_root = staging.join("txn").join("restore-keyring");
    let mut keyring_files = Vec::new();
    for (rel, text) in &header.keyring {
        let bytes = STANDARD.decode(text).map_err(|_| {
            Error::InvalidInput(format!("{}: its keyring is damaged", file.display()))
        })?;
        keyring_files.push((rel.clone(), bytes));
    }
    if keyring_files
        .iter()
        .any(|(rel, _)| !rel.starts_with(&format!("{KEYRING_DIR}/")))
    {
        return Err(Error::InvalidInput(format!(
            "{}: its keyring names files outside the keyring",
            file.display()
        )));
    }
    store::write_tree(&keyring_root, &keyring_files)?;
    let key = keyring::unlock(&keyring_root, unlock);
    std::fs::remove_dir_all(&keyring_root).map_err(|e| Error::io(&keyring_root, e))?;
    let plain = key?.open(body, file)?;
    archive::unpack(&plain, file)
}
