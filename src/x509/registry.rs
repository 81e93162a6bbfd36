//! The registry of every certificate the store issued, and what became of it.
//!
//! - `certs/index.jsonl`, append-only: one `issue` or `revoke` record a line, folded in order.
//!   Scans (list, CRL, verify) read it.
//! - `certs/issued.pem`, append-only: every certificate issued; a record holds its offset.
//! - `names/<xx>.json`, 256 buckets by hash of the name: the certificate each name currently
//!   stands for, so issuing, renewing or revoking by name reads and rewrites one small file
//!   whether the store holds ten certificates or 100,000.
//!
//! Appending instead of one file per certificate keeps a batch of thousands to a few writes.

use std::collections::{BTreeMap, HashMap};
use std::io::{Read, Seek, SeekFrom};

use sha2::{Digest, Sha256};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::store::{Change, Store};

pub const INDEX_FILE: &str = "certs/index.jsonl";
pub const PEM_FILE: &str = "certs/issued.pem";

/// The bucket file holding `name`'s pointer.
fn bucket_file(name: &str) -> String {
    format!("names/{:02x}.json", Sha256::digest(name.as_bytes())[0])
}

/// Why a certificate was revoked (RFC 5280 CRLReason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Byte offset of the certificate's PEM in certs/issued.pem.
    pub pem_at: u64,
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
    pub pem_at: u64,
    /// Signed from a CSR: renewal can only reuse its public key.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_csr: bool,
    /// The certificate's subject and SPKI pin, so the hub can admit by the current certificate
    /// without reading the registry (absent in pointers written before they were recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spki_sha256: Option<String>,
}

impl NamePointer {
    fn of(issued: &Issued) -> NamePointer {
        NamePointer {
            serial: issued.serial.clone(),
            profile: issued.profile.clone(),
            not_after: issued.not_after,
            pem_at: issued.pem_at,
            from_csr: issued.from_csr,
            subject: Some(issued.subject.clone()),
            spki_sha256: Some(issued.spki_sha256.clone()),
        }
    }
}

/// The folded index.
pub struct Registry {
    entries: Vec<Entry>,
    by_serial: HashMap<String, usize>,
}

impl Registry {
    pub fn load(store: &Store) -> Result<Registry> {
        let bytes = store.read_optional(INDEX_FILE)?.unwrap_or_default();
        Registry::parse(&bytes, &store.path(INDEX_FILE))
    }

    /// Folds the index file's `bytes` (`path` names it in errors): a line that is not a record
    /// makes the store corrupt.
    pub fn parse(bytes: &[u8], path: &std::path::Path) -> Result<Registry> {
        let mut registry = Registry {
            entries: Vec::new(),
            by_serial: HashMap::new(),
        };
        for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
            if line.is_empty() {
                continue;
            }
            let record: Record = serde_json::from_slice(line)
                .map_err(|e| Error::corrupt(path, format!("line {}: {e}", i + 1)))?;
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
    /// Every certificate a name stands for now: valid, not yet valid, or expired with nothing
    /// renewed or issued over it (what is due is among these).
    pub fn current(&self, now: i64) -> impl Iterator<Item = &Entry> {
        self.entries().iter().filter(move |e| match e.status(now) {
            Status::Active | Status::NotYetValid => true,
            Status::Expired => self
                .latest_for_name(&e.issued.name)
                .is_some_and(|l| l.issued.serial == e.issued.serial),
            Status::Superseded | Status::Revoked => false,
        })
    }

    pub fn latest_for_name(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.issued.name == name)
    }

    /// A pointer to `entry` as if it were its name's current certificate (renewing a revoked
    /// one starts from it).
    pub fn pointer_to(entry: &Entry) -> NamePointer {
        NamePointer::of(&entry.issued)
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

type Bucket = BTreeMap<String, NamePointer>;

fn read_bucket(store: &Store, rel: &str) -> Result<Bucket> {
    Ok(store.read_json(rel)?.unwrap_or_default())
}

/// The current certificate of `name`, if it has one (reads one small bucket file).
pub fn name_pointer(store: &Store, name: &str) -> Result<Option<NamePointer>> {
    Ok(read_bucket(store, &bucket_file(name))?.remove(name))
}

/// The PEM of the certificate recorded at `pem_at`.
pub fn read_pem(store: &Store, pem_at: u64) -> Result<String> {
    const END: &str = "-----END CERTIFICATE-----\n";
    let path = store.path(PEM_FILE);
    let io = |e| Error::io(&path, e);
    let mut file = store.open_file(PEM_FILE)?;
    file.seek(SeekFrom::Start(pem_at)).map_err(io)?;
    let mut text = String::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = file.read(&mut chunk).map_err(io)?;
        if n == 0 {
            return Err(Error::corrupt(
                &path,
                format!("no certificate at offset {pem_at}"),
            ));
        }
        text.push_str(&String::from_utf8_lossy(&chunk[..n]));
        if let Some(end) = text.find(END) {
            text.truncate(end + END.len());
            if !text.starts_with("-----BEGIN CERTIFICATE-----") {
                return Err(Error::corrupt(
                    &path,
                    format!("no certificate at offset {pem_at}"),
                ));
            }
            return Ok(text);
        }
    }
}

/// The registry side of one store change: index lines, certificates and name pointers, with
/// lookups that see the change's own earlier updates (a batch never issues a name twice).
pub struct RegistryUpdate<'s> {
    /// None: the registry of a store being created (empty so far).
    store: Option<&'s Store>,
    buckets: BTreeMap<String, Bucket>,
    pem_end: u64,
    pems: Vec<u8>,
    index: Vec<u8>,
}

impl<'s> RegistryUpdate<'s> {
    pub fn new(store: &'s Store) -> Result<Self> {
        let pem_end = store.file_len(PEM_FILE)?;
        Ok(RegistryUpdate {
            store: Some(store),
            buckets: BTreeMap::new(),
            pem_end,
            pems: Vec::new(),
            index: Vec::new(),
        })
    }

    fn bucket(&mut self, name: &str) -> Result<&mut Bucket> {
        let rel = bucket_file(name);
        if !self.buckets.contains_key(&rel) {
            let bucket = match self.store {
                Some(store) => read_bucket(store, &rel)?,
                None => Bucket::new(),
            };
            self.buckets.insert(rel.clone(), bucket);
        }
        Ok(self.buckets.get_mut(&rel).expect("inserted above"))
    }

    pub fn pointer(&mut self, name: &str) -> Result<Option<NamePointer>> {
        Ok(self.bucket(name)?.get(name).cloned())
    }

    /// Records an issuance; sets `issued.pem_at`.
    pub fn issue(&mut self, issued: &mut Issued, pem: &str) -> Result<()> {
        issued.pem_at = self.pem_end + self.pems.len() as u64;
        self.pems.extend_from_slice(pem.as_bytes());
        self.index
            .extend(index_line(&Record::Issue(Box::new(issued.clone()))));
        let pointer = NamePointer::of(issued);
        self.bucket(&issued.name)?
            .insert(issued.name.clone(), pointer);
        Ok(())
    }

    /// Records a revocation; frees the name when this was its current certificate.
    pub fn revoke(&mut self, serial: &str, name: &str, reason: Reason, now: i64) -> Result<()> {
        let revoked = Revoked {
            serial: serial.to_owned(),
            reason,
            revoked_at: now,
        };
        self.index.extend(index_line(&Record::Revoke(revoked)));
        let bucket = self.bucket(name)?;
        if bucket.get(name).is_some_and(|p| p.serial == serial) {
            bucket.remove(name);
        }
        Ok(())
    }

    /// The registry of a store being created.
    pub fn fresh() -> RegistryUpdate<'static> {
        RegistryUpdate {
            store: None,
            buckets: BTreeMap::new(),
            pem_end: 0,
            pems: Vec::new(),
            index: Vec::new(),
        }
    }

    /// A new store's registry files.
    pub fn into_files(self) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut files = vec![
            (PEM_FILE.into(), self.pems),
            (INDEX_FILE.into(), self.index),
        ];
        for (rel, bucket) in self.buckets {
            files.push((
                rel.into(),
                serde_json::to_vec(&bucket).expect("bucket serializes"),
            ));
        }
        files
    }

    /// Moves everything into `change`.
    pub fn finish(self, change: &mut Change) {
        change.append(PEM_FILE, &self.pems);
        change.append(INDEX_FILE, &self.index);
        for (rel, bucket) in self.buckets {
            change.write_private(rel, serde_json::to_vec(&bucket).expect("bucket serializes"));
        }
    }
}

fn index_line(record: &Record) -> Vec<u8> {
    let mut line = serde_json::to_vec(record).expect("record serializes");
    line.push(b'\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ISSUE: &str = r#"{"op":"issue","serial":"0a","name":"alice","profile":"dev","subject":"CN=alice","sans":[],"key_type":"ed25519","not_before":0,"not_after":10,"fingerprint":"F","spki_sha256":"s","issued_at":0,"pem_at":0}"#;

    fn parse(bytes: &[u8]) -> Result<Registry> {
        Registry::parse(bytes, std::path::Path::new("certs/index.jsonl"))
    }

    #[test]
    fn an_index_folds_issues_renewals_and_revocations() {
        let renewal = ISSUE
            .replace(r#""serial":"0a""#, r#""serial":"0b""#)
            .replace(r#""pem_at":0"#, r#""pem_at":0,"replaces":"0a""#);
        let revoke = r#"{"op":"revoke","serial":"0b","reason":"superseded","revoked_at":5}"#;
        let text = format!("{ISSUE}\n{renewal}\n\n{revoke}\n");
        let registry = parse(text.as_bytes()).unwrap();
        assert_eq!(registry.entries().len(), 2);
        assert_eq!(
            registry.by_serial("0a").unwrap().superseded_by.as_deref(),
            Some("0b")
        );
        assert!(registry.by_serial("0b").unwrap().revoked.is_some());
        assert!(matches!(
            parse(b"{\"op\":\"nope\"}\n"),
            Err(Error::Corrupt { .. })
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_index_bytes_fold_or_are_corrupt(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Err(e) = parse(&bytes) {
                prop_assert!(matches!(e, Error::Corrupt { .. }), "{}", e);
            }
        }

        /// Well-formed records with any serials, references and times: folding never panics,
        /// whatever order, duplicates or dangling references they come in.
        #[test]
        fn any_sequence_of_records_folds(
            records in proptest::collection::vec(
                (any::<bool>(), "[0-9a-f]{0,3}", proptest::option::of("[0-9a-f]{0,3}"), any::<i64>()),
                0..24,
            ),
        ) {
            let mut text = String::new();
            for (issue, serial, replaces, time) in records {
                let line = if issue {
                    let replaces = replaces.map(|r| format!(r#","replaces":"{r}""#)).unwrap_or_default();
                    ISSUE
                        .replace(r#""serial":"0a""#, &format!(r#""serial":"{serial}""#))
                        .replace(r#""not_after":10"#, &format!(r#""not_after":{time}"#))
                        .replace(r#""pem_at":0"#, &format!(r#""pem_at":0{replaces}"#))
                } else {
                    format!(r#"{{"op":"revoke","serial":"{serial}","reason":"key-compromise","revoked_at":{time}}}"#)
                };
                text.push_str(&line);
                text.push('\n');
            }
            let registry = parse(text.as_bytes()).unwrap();
            for e in registry.entries() {
                let _ = e.status(0);
            }
        }

        #[test]
        fn any_bucket_text_is_read_or_refused(text in "\\PC{0,200}") {
            let _ = serde_json::from_str::<Bucket>(&text);
            let _ = looks_like_serial(&text);
        }
    }
}
