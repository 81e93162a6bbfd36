//! `ca custodians|add-identity|remove-custodian|split|passwd`: who can unlock the store.
//!
//! Adding a custodian wraps the store identity once more. Removing one, or re-splitting, rotates
//! the store identity: every sealed secret is sealed again to a new one, wrapped for the
//! custodians that remain, in one commit. A copied old wrap, or shares of an old split, then open
//! only a key that opens nothing in the store.

use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use zeroize::Zeroizing;

use super::Session;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::store::custody::{CUSTODY_FILE, Custodian, Custody, IdentityCustodian, ShareCustodian};
use crate::store::keyring::{self, PASSPHRASE_WRAP_FILE, STORE_RECIPIENT_FILE, StoreKey};
use crate::store::shares::{self, SplitInfo};
use crate::store::{Change, Store, fsio};

/// The ways to unlock the store; no unlock.
pub fn custodians(session: &Session) -> Result<Vec<Custodian>> {
    let store = session.store();
    let custody = Custody::load(store.root())?;
    Ok(custody.list(store.exists(PASSPHRASE_WRAP_FILE)))
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
    let mut custody = Custody::load(session.store().root())?;
    custody.identities.push(IdentityCustodian {
        recipient: recipient.to_string(),
        added: crate::clock::timestamp(),
    });
    let (wrap_path, wrapped) = keyring::wrap_for_recipient(session.key()?, &recipient)?;
    let mut change = Change::default();
    change.write_private(wrap_path, wrapped);
    change.write_private(CUSTODY_FILE, custody.to_json());
    change.record(Event::new("keyring.add", recipient.to_string()));
    if let Some((_, (dir, name), identity)) = &generated {
        let text = Zeroizing::new(format!(
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

/// Changes (or, after it was removed, sets again) the passphrase: the current unlock first (so a
/// wrong one fails before anything is asked), then `new_passphrase` is called for the
/// replacement. The passphrase gets a fresh identity, so the old passphrase with a copy of the
/// old wrap opens nothing current.
pub fn passwd(
    session: &mut Session,
    scrypt_log_n: u8,
    new_passphrase: impl FnOnce() -> Result<SecretString>,
) -> Result<PasswdReport> {
    keyring::check_scrypt_log_n(scrypt_log_n)?;
    let key = session.key()?;
    let passphrase = new_passphrase()?;
    keyring::check_passphrase_strength(&passphrase)?;
    let mut custody = Custody::load(session.store().root())?;
    let (files, custodian) = keyring::passphrase_files(key, &passphrase, scrypt_log_n)?;
    custody.passphrase = Some(custodian);
    let mut change = Change::default();
    for (path, bytes) in files {
        change.write_private(path, bytes);
    }
    change.write_private(CUSTODY_FILE, custody.to_json());
    change.record(
        Event::new("keyring.passwd", "passphrase").detail(format!("scrypt 2^{scrypt_log_n}")),
    );
    session.commit(change)?;
    Ok(PasswdReport {
        changed: true,
        scrypt_log_n,
    })
}

pub struct SplitRequest {
    pub total: u8,
    pub threshold: u8,
    /// One age recipient per share, in share order; empty: the shares are printed plain.
    pub to: Vec<String>,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct SplitReport {
    pub split: String,
    pub total: u8,
    pub threshold: u8,
    pub files: Vec<PathBuf>,
    /// Secrets sealed again to the new store identity.
    pub resealed: usize,
}

/// Splits a new share key M-of-N, wraps the store identity for it and hands out one file per
/// share. It replaces any earlier split, and the store identity is rotated, so earlier shares
/// (and copies of earlier wraps) open nothing current.
pub fn split(session: &mut Session, req: &SplitRequest) -> Result<SplitReport> {
    shares::check_counts(req.total, req.threshold)?;
    let recipients = share_recipients(req)?;
    super::check_out_dir(&req.out)?;
    let names = share_file_names(req);
    for name in &names {
        fsio::ensure_absent(&req.out.join(name))?;
    }
    let info = SplitInfo {
        id: shares::new_split_id(),
        total: req.total,
        threshold: req.threshold,
    };
    let (holder, parts) = shares::split(&info)?;
    let mut custody = Custody::load(session.store().root())?;
    custody.shares = Some(ShareCustodian {
        split: info.id.clone(),
        total: info.total,
        threshold: info.threshold,
        recipient: holder.to_public().to_string(),
        added: crate::clock::timestamp(),
        to: req.to.clone(),
    });
    let mut change = Change::default();
    let resealed = rekey(session, &mut change, &custody)?;
    let about = store_label(session)?;
    let made = crate::clock::timestamp();
    let batch = change.output(&req.out)?;
    let mut files = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let text = shares::render(&info, part, &about, &made);
        let bytes = match recipients.get(i) {
            Some(r) => keyring::seal(r, text.as_bytes())?,
            None => text.as_bytes().to_vec(),
        };
        files.push(batch.add_new(&names[i], bytes, fsio::PRIVATE_FILE)?);
    }
    change.record(
        Event::new("custody.split", shares::group(&info.id)).detail(format!(
            "any {} of {} shares{}",
            info.threshold,
            info.total,
            if req.to.is_empty() {
                String::new()
            } else {
                format!(", to {}", req.to.join(" "))
            }
        )),
    );
    session.commit(change)?;
    Ok(SplitReport {
        split: info.id,
        total: info.total,
        threshold: info.threshold,
        files,
        resealed,
    })
}

fn share_recipients(req: &SplitRequest) -> Result<Vec<age::x25519::Recipient>> {
    if !req.to.is_empty() && req.to.len() != usize::from(req.total) {
        return Err(Error::InvalidInput(format!(
            "--to was given {} times for {} shares: give one recipient per share, or none",
            req.to.len(),
            req.total
        )));
    }
    req.to.iter().map(|r| keyring::parse_recipient(r)).collect()
}

fn share_file_names(req: &SplitRequest) -> Vec<String> {
    let ext = if req.to.is_empty() { "txt" } else { "txt.age" };
    (1..=req.total)
        .map(|i| format!("share-{i}-of-{}.{ext}", req.total))
        .collect()
}

/// "NAME (root SHA-256 AB:CD:EF:01)": printed on every share so a custodian knows its store.
fn store_label(session: &Session) -> Result<String> {
    let fingerprint = session.authority()?.root_fingerprint();
    Ok(format!(
        "{} (root SHA-256 {}...)",
        session.state().ca.name,
        &fingerprint[..11]
    ))
}

#[derive(Debug, Serialize)]
pub struct RemoveReport {
    pub removed: String,
    pub resealed: usize,
    pub remaining: Vec<Custodian>,
}

/// Removes a custodian and rotates the store identity, so a copy of its old wrap no longer
/// opens the store. The last custodian cannot be removed.
pub fn remove(session: &mut Session, id: &str) -> Result<RemoveReport> {
    let store = session.store();
    let mut custody = Custody::load(store.root())?;
    let legacy = store.exists(PASSPHRASE_WRAP_FILE) && custody.passphrase.is_none();
    let listed = custody.list(legacy);
    let Some(target) = listed.iter().find(|c| c.id == id.trim()) else {
        let ids: Vec<&str> = listed.iter().map(|c| c.id.as_str()).collect();
        return Err(Error::NotFound(format!(
            "no custodian {id} (this store's: {})",
            ids.join(", ")
        )));
    };
    if listed.len() == 1 {
        return Err(Error::Conflict(format!(
            "{id} is the store's only custodian: removing it would lock the store for good"
        )));
    }
    let removed = target.id.clone();
    match target.kind {
        "passphrase" => custody.passphrase = None,
        "shares" => custody.shares = None,
        _ => custody.identities.retain(|i| i.recipient != removed),
    }
    if legacy && removed != "passphrase" {
        return Err(Error::Conflict(
            "this store's passphrase wrap is from an older credctl and cannot be carried over to a new store key: run `credctl ca passwd` once, then remove the custodian".into(),
        ));
    }
    let mut change = Change::default();
    let paths = custody.wrap_paths(&removed);
    let resealed = rekey(session, &mut change, &custody)?;
    for path in paths {
        if session.store().exists(&path.to_string_lossy()) {
            change.remove(path);
        }
    }
    change.record(Event::new("custody.remove", &removed).detail("store key rotated"));
    session.commit(change)?;
    let remaining = custody.list(false);
    Ok(RemoveReport {
        removed,
        resealed,
        remaining,
    })
}

/// Seals every secret of the store again to a new store identity and wraps it for every
/// custodian of `custody` (written too), all in `change`. Returns how many secrets.
fn rekey(session: &Session, change: &mut Change, custody: &Custody) -> Result<usize> {
    let old = session.key()?;
    let new = StoreKey::generate();
    let store = session.store();
    let sealed = sealed_files(store)?;
    let resealed = crate::parallel::map(&sealed, |rel| {
        let plain = old.open(&store.read(rel)?, &store.path(rel))?;
        keyring::seal(&new.recipient(), &plain)
    })?;
    for (rel, bytes) in sealed.iter().zip(resealed) {
        change.write_private(rel.as_str(), bytes);
    }
    change.write_private(
        STORE_RECIPIENT_FILE,
        format!("{}\n", new.recipient()).into_bytes(),
    );
    for (path, bytes) in custody.rewrap(&new)? {
        change.write_private(path, bytes);
    }
    change.write_private(CUSTODY_FILE, custody.to_json());
    change.record(
        Event::new("keyring.rotate", new.recipient().to_string())
            .detail(secrets_sealed(sealed.len())),
    );
    Ok(sealed.len())
}

pub fn secrets_sealed(n: usize) -> String {
    format!("{n} secret{} sealed again", if n == 1 { "" } else { "s" })
}

/// The store files sealed to the store identity (outside the keyring): every age file.
fn sealed_files(store: &Store) -> Result<Vec<String>> {
    let mut found = Vec::new();
    for rel in store.signed_files() {
        if rel.starts_with("keyring/") {
            continue;
        }
        let mut head = [0u8; 34];
        let n = read_head(&store.path(&rel), &mut head)?;
        if head[..n].starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----") {
            found.push(rel);
        }
    }
    Ok(found)
}

fn read_head(path: &Path, buf: &mut [u8]) -> Result<usize> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..]).map_err(|e| Error::io(path, e))? {
            0 => break,
            read => n += read,
        }
    }
    Ok(n)
}
