//! Who can unlock the store: the custodians. Each holds an age X25519 identity whose recipient
//! the store identity is wrapped for: the passphrase (its identity kept scrypt-wrapped), enrolled
//! identities, and one share set (its identity split M-of-N, never stored whole).
//!
//! Removing a custodian rotates the store identity ([`rewrap`] plus re-sealing every secret):
//! a copy of an old wrap, or shares of an old split, open only the old key, which no longer opens
//! anything in the store.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::keyring::{self, KEYRING_DIR, PASSPHRASE_WRAP_FILE, StoreKey};
use super::shares::SplitInfo;
use crate::error::{Error, Result};

/// The custodians' public record.
pub const CUSTODY_FILE: &str = "keyring/custodians.json";
/// The store identity sealed to the passphrase's identity (which `passphrase.age` wraps).
pub const PASSPHRASE_KEY_WRAP: &str = "keyring/passphrase.wrap.age";
/// The store identity sealed to the share set's identity.
pub const SHARES_WRAP: &str = "keyring/shares.age";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Custody {
    /// None with a `passphrase.age`: a store from before custodians, whose passphrase wraps the
    /// store identity itself (changing the passphrase once moves it to this layout).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passphrase: Option<PassphraseCustodian>,
    #[serde(default)]
    pub identities: Vec<IdentityCustodian>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares: Option<ShareCustodian>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassphraseCustodian {
    pub recipient: String,
    pub added: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityCustodian {
    pub recipient: String,
    pub added: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareCustodian {
    pub split: String,
    pub total: u8,
    pub threshold: u8,
    pub recipient: String,
    pub added: String,
    /// The age recipients the shares were encrypted to, in share order (empty: printed plain).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<String>,
}

impl ShareCustodian {
    pub fn info(&self) -> SplitInfo {
        SplitInfo {
            id: self.split.clone(),
            total: self.total,
            threshold: self.threshold,
        }
    }
}

/// One custodian as `ca custodians` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Custodian {
    /// What `ca remove-custodian` takes: `passphrase`, the identity's age1 recipient, or
    /// `shares`.
    pub id: String,
    pub kind: &'static str,
    pub detail: String,
    /// Unknown for the passphrase of a store made before custodians were recorded.
    pub added: Option<String>,
}

impl Custody {
    /// The record of the store at `root`; for a store from before custodians, rebuilt from its
    /// keyring and the recipients its audit log names.
    pub fn load(root: &std::path::Path) -> Result<Custody> {
        let path = root.join(CUSTODY_FILE);
        let mut custody: Custody = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(&path, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Custody::default(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        custody.adopt_unrecorded(root)?;
        Ok(custody)
    }

    /// Identity wraps without a record (enrolled before custodians were recorded): their
    /// recipients are in the audit log's `keyring.add` entries.
    fn adopt_unrecorded(&mut self, root: &std::path::Path) -> Result<()> {
        let recorded: Vec<PathBuf> = self
            .identities
            .iter()
            .filter_map(|i| keyring::parse_recipient(&i.recipient).ok())
            .map(|r| keyring::recipient_wrap_path(&r))
            .collect();
        let keyring_dir = root.join(KEYRING_DIR);
        let entries = std::fs::read_dir(&keyring_dir).map_err(|e| Error::io(&keyring_dir, e))?;
        let mut unrecorded = Vec::new();
        for entry in entries {
            let name = entry.map_err(|e| Error::io(&keyring_dir, e))?.file_name();
            let rel = PathBuf::from(KEYRING_DIR).join(&name);
            if name.to_string_lossy().starts_with("x25519-") && !recorded.contains(&rel) {
                unrecorded.push(rel);
            }
        }
        if unrecorded.is_empty() {
            return Ok(());
        }
        let log_path = root.join(crate::audit::AUDIT_LOG_FILE);
        let log = std::fs::read(&log_path).map_err(|e| Error::io(&log_path, e))?;
        for entry in crate::audit::parse(&log)? {
            let Ok(recipient) = keyring::parse_recipient(&entry.subject) else {
                continue;
            };
            let rel = keyring::recipient_wrap_path(&recipient);
            if entry.action == "keyring.add" && unrecorded.contains(&rel) {
                unrecorded.retain(|r| *r != rel);
                self.identities.push(IdentityCustodian {
                    recipient: recipient.to_string(),
                    added: entry.time,
                });
            }
        }
        match unrecorded.first() {
            Some(rel) => Err(Error::corrupt(
                root.join(rel),
                "an identity wrap whose recipient neither custodians.json nor the audit log names",
            )),
            None => Ok(()),
        }
    }

    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("custody serializes");
        bytes.push(b'\n');
        bytes
    }

    /// Every way to unlock, for listing; `legacy_passphrase`: the store has a passphrase wrap
    /// from before custodians were recorded.
    pub fn list(&self, legacy_passphrase: bool) -> Vec<Custodian> {
        let mut all = Vec::new();
        if let Some(p) = &self.passphrase {
            all.push(Custodian {
                id: "passphrase".into(),
                kind: "passphrase",
                detail: "scrypt-wrapped".into(),
                added: Some(p.added.clone()),
            });
        } else if legacy_passphrase {
            all.push(Custodian {
                id: "passphrase".into(),
                kind: "passphrase",
                detail:
                    "scrypt-wrapped (older layout: `ca passwd` once before removing a custodian)"
                        .into(),
                added: None,
            });
        }
        for i in &self.identities {
            all.push(Custodian {
                id: i.recipient.clone(),
                kind: "identity",
                detail: "age X25519 identity".into(),
                added: Some(i.added.clone()),
            });
        }
        if let Some(s) = &self.shares {
            let to = match s.to.is_empty() {
                true => "printed plain".to_owned(),
                false => format!("encrypted to {} recipients", s.to.len()),
            };
            all.push(Custodian {
                id: "shares".into(),
                kind: "shares",
                detail: format!(
                    "any {} of {} shares, split {} ({to})",
                    s.threshold,
                    s.total,
                    super::shares::group(&s.split)
                ),
                added: Some(s.added.clone()),
            });
        }
        all
    }

    /// The store identity `key` wrapped for every custodian but the passphrase of the older
    /// layout (which needs the passphrase itself), each file with its store path.
    pub fn rewrap(&self, key: &StoreKey) -> Result<Vec<(PathBuf, Vec<u8>)>> {
        let mut files = Vec::new();
        if let Some(p) = &self.passphrase {
            let recipient = keyring::parse_recipient(&p.recipient)?;
            files.push((PASSPHRASE_KEY_WRAP.into(), key.wrap_for(&recipient)?));
        }
        for i in &self.identities {
            files.push(keyring::wrap_for_recipient(
                key,
                &keyring::parse_recipient(&i.recipient)?,
            )?);
        }
        if let Some(s) = &self.shares {
            let recipient = keyring::parse_recipient(&s.recipient)?;
            files.push((SHARES_WRAP.into(), key.wrap_for(&recipient)?));
        }
        Ok(files)
    }

    /// The store paths of a custodian's wraps (what removing it deletes).
    pub fn wrap_paths(&self, id: &str) -> Vec<PathBuf> {
        match id {
            "passphrase" => vec![PASSPHRASE_WRAP_FILE.into(), PASSPHRASE_KEY_WRAP.into()],
            "shares" => vec![SHARES_WRAP.into()],
            recipient => keyring::parse_recipient(recipient)
                .map(|r| vec![keyring::recipient_wrap_path(&r)])
                .unwrap_or_default(),
        }
    }
}
