//! The registry of every certificate the store issued, and what became of it.
//!
//! `certs/index.jsonl` is append-only: one `issue` or `revoke` record a line, folded in order.
//! Scans (list, CRL, verify) read it; `names/<name>.json` points at the current certificate of a
//! name so issuing, renewing or revoking by name costs the same in a store of ten or 100,000.
//! `certs/<serial>.pem` keeps each certificate.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{Change, Store};

pub const INDEX_FILE: &str = "certs/index.jsonl";

pub fn cert_file(serial: &str) -> String {
    format!("certs/{serial}.pem")
}

pub fn name_file(name: &str) -> String {
    format!("names/{name}.json")
}

/// Why a certificate was revoked (RFC 5280 CRLReason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Unspecified,
    KeyCompromise,
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    PrivilegeWithdrawn,
}

impl Reason {
    pub fn to_rcgen(self) -> rcgen::RevocationReason {
        use rcgen::RevocationReason as R;
        match self {
            Reason::Unspecified => R::Unspecified,
            Reason::KeyCompromise => R::KeyCompromise,
            Reason::CaCompromise => R::CaCompromise,
            Reason::AffiliationChanged => R::AffiliationChanged,
            Reason::Superseded => R::Superseded,
            Reason::CessationOfOperation => R::CessationOfOperation,
            Reason::PrivilegeWithdrawn => R::PrivilegeWithdrawn,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Reason::Unspecified => "unspecified",
            Reason::KeyCompromise => "key-compromise",
            Reason::CaCompromise => "ca-compromise",
            Reason::AffiliationChanged => "affiliation-changed",
            Reason::Superseded => "superseded",
            Reason::CessationOfOperation => "cessation-of-operation",
            Reason::PrivilegeWithdrawn => "privilege-withdrawn",
        }
    }
}

/// One issued certificate, as recorded at issuance. Times are Unix seconds.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issued {
    pub serial: String,
    pub name: String,
    pub profile: String,
    pub subject: String,
    pub sans: Vec<String>,
    pub key_type: String,
    pub not_before: i64,
    pub not_after: i64,
    /// SHA-256 of the certificate DER, upper-case colon hex (as openssl prints it).
    pub fingerprint: String,
    /// SHA-256 of the DER SubjectPublicKeyInfo, lower-case hex (nats-server `pinned_certs`).
    pub spki_sha256: String,
    pub issued_at: i64,
    /// The serial this certificate renewed or replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    /// Signed from a CSR: the store never held the private key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_csr: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revoked {
    pub serial: String,
    pub reason: Reason,
    pub revoked_at: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
enum Record {
    Issue(Box<Issued>),
    Revoke(Revoked),
}

/// What the store says about a certificate right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Active,
    NotYetValid,
    Expired,
    Superseded,
    Revoked,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::NotYetValid => "not-yet-valid",
            Status::Expired => "expired",
            Status::Superseded => "superseded",
            Status::Revoked => "revoked",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub issued: Issued,
    pub revoked: Option<Revoked>,
    pub superseded_by: Option<String>,
}

impl Entry {
    pub fn status(&self, now: i64) -> Status {
        if self.revoked.is_some() {
            Status::Revoked
        } else if self.superseded_by.is_some() {
            Status::Superseded
        } else if now >= self.issued.not_after {
            Status::Expired
        } else if now < self.issued.not_before {
            Status::NotYetValid
        } else {
            Status::Active
        }
    }
}

/// `names/<name>.json`: the certificate a name currently stands for.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamePointer {
    pub serial: String,
    pub profile: String,
    pub not_after: i64,
    /// Signed from a CSR: renewal can only reuse its public key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_csr: bool,
}

/// The folded index.
pub struct Registry {
    entries: Vec<Entry>,
    by_serial: HashMap<String, usize>,
}

impl Registry {
    pub fn load(store: &Store) -> Result<Registry> {
        let path = store.root().join(INDEX_FILE);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let mut registry = Registry {
            entries: Vec::new(),
            by_serial: HashMap::new(),
        };
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let record: Record = serde_json::from_slice(line)
                .map_err(|e| Error::corrupt(&path, format!("line {}: {e}", i + 1)))?;
            registry.fold(record);
        }
        Ok(registry)
    }

    fn fold(&mut self, record: Record) {
        match record {
            Record::Issue(issued) => {
                let issued = *issued;
                if let Some(old) = issued.replaces.as_ref().and_then(|s| self.by_serial.get(s)) {
                    self.entries[*old].superseded_by = Some(issued.serial.clone());
                }
                self.by_serial
                    .insert(issued.serial.clone(), self.entries.len());
                self.entries.push(Entry {
                    issued,
                    revoked: None,
                    superseded_by: None,
                });
            }
            Record::Revoke(revoked) => {
                if let Some(i) = self.by_serial.get(&revoked.serial) {
                    self.entries[*i].revoked = Some(revoked);
                }
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn by_serial(&self, serial: &str) -> Option<&Entry> {
        let serial = normalize_serial(serial);
        self.by_serial.get(&serial).map(|i| &self.entries[*i])
    }

    /// The newest certificate ever issued under `name`.
    pub fn latest_for_name(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.issued.name == name)
    }

    pub fn revoked(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.revoked.is_some())
    }
}

/// Serials are stored as lower-case hex without separators.
pub fn normalize_serial(serial: &str) -> String {
    serial.replace([':', ' '], "").to_ascii_lowercase()
}

pub fn looks_like_serial(text: &str) -> bool {
    let s = normalize_serial(text);
    s.len() >= 16 && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// The current certificate of `name`, if it has one (O(1): one small file).
pub fn name_pointer(store: &Store, name: &str) -> Result<Option<NamePointer>> {
    let path = store.root().join(name_file(name));
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::corrupt(&path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(&path, e)),
    }
}

/// Adds an issuance to `change`: the certificate file, the index line and the name pointer.
pub fn record_issue(change: &mut Change, issued: &Issued, cert_pem: &str) {
    change.write_private(cert_file(&issued.serial), cert_pem.as_bytes().to_vec());
    change.append(
        INDEX_FILE,
        &index_line(&Record::Issue(Box::new(issued.clone()))),
    );
    let pointer = NamePointer {
        serial: issued.serial.clone(),
        profile: issued.profile.clone(),
        not_after: issued.not_after,
        from_csr: issued.from_csr,
    };
    change.write_private(
        name_file(&issued.name),
        serde_json::to_vec(&pointer).expect("pointer serializes"),
    );
}

/// Adds a revocation to `change`; `frees_name` when this was the name's current certificate.
pub fn record_revoke(
    change: &mut Change,
    serial: &str,
    name: &str,
    frees_name: bool,
    reason: Reason,
    now: i64,
) {
    let revoked = Revoked {
        serial: serial.to_owned(),
        reason,
        revoked_at: now,
    };
    change.append(INDEX_FILE, &index_line(&Record::Revoke(revoked)));
    if frees_name {
        change.remove(name_file(name));
    }
}

fn index_line(record: &Record) -> Vec<u8> {
    let mut line = serde_json::to_vec(record).expect("record serializes");
    line.push(b'\n');
    line
}
