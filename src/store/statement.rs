//! The signed state statement (`statement.json`): after every change, the audit head and the
//! SHA-256 of every store file, signed with a CA key. A store whose files differ from its last
//! statement was changed outside credctl; a statement that does not verify was rewritten.
//!
//! This module knows files and digests only; the signature is made and checked by whoever
//! holds the CA (`x509::statement`), through [`StateSigner`].

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::lock;
use super::txn::TXN_DIR;
use crate::audit::Head;
use crate::error::{Error, Result};

pub const STATEMENT_FILE: &str = "statement.json";
const FORMAT: &str = "credctl-state-statement";
const VERSION: u32 = 1;
/// Prefixed to the statement before signing, so the signature means this and nothing else.
const DOMAIN: &[u8] = b"credctl signed store state v1\n";

/// Store file (relative path, `/`-separated) -> SHA-256, hex.
pub type Digests = BTreeMap<String, String>;

/// Signs statements: the CA's key, behind whatever holds it.
pub trait StateSigner {
    /// The SHA-256 fingerprint of the signing CA certificate.
    fn fingerprint(&self) -> &str;
    /// The signature algorithm's name (`ecdsa-p256-sha256`, `ed25519`, ...).
    fn algorithm(&self) -> &'static str;
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>>;
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub format: String,
    pub version: u32,
    pub audit: Head,
    /// Fingerprint of the CA certificate whose key signed.
    pub signer: String,
    pub algorithm: String,
    pub files: Digests,
    /// Base64 (standard, padded) over [`Statement::message`].
    #[serde(default)]
    pub signature: String,
}

impl Statement {
    /// A statement of `files` at audit `head`, signed by `signer`.
    pub fn sign(head: &Head, files: Digests, signer: &dyn StateSigner) -> Result<Statement> {
        let mut statement = Statement {
            format: FORMAT.into(),
            version: VERSION,
            audit: head.clone(),
            signer: signer.fingerprint().to_owned(),
            algorithm: signer.algorithm().to_owned(),
            files,
            signature: String::new(),
        };
        let signature = signer.sign(&statement.message())?;
        statement.signature = base64_engine().encode(signature);
        Ok(statement)
    }

    /// The bytes the signature covers: a domain prefix and the statement without its signature.
    pub fn message(&self) -> Vec<u8> {
        let unsigned = Statement {
            signature: String::new(),
            ..self.clone()
        };
        let mut message = DOMAIN.to_vec();
        message.extend(serde_json::to_vec(&unsigned).expect("statement serializes"));
        message
    }

    pub fn signature_bytes(&self) -> Option<Vec<u8>> {
        base64_engine().decode(&self.signature).ok()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("statement serializes");
        bytes.push(b'\n');
        bytes
    }

    /// Reads the statement of the store at `root`; None when there is none.
    pub fn load(root: &Path) -> Result<Option<Statement>> {
        let path = root.join(STATEMENT_FILE);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let statement: Statement =
            serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(&path, e))?;
        if statement.format != FORMAT || statement.version != VERSION {
            return Err(Error::corrupt(&path, "not a credctl state statement v1"));
        }
        Ok(Some(statement))
    }

    /// The first difference between this statement's files and `actual`, naming the file.
    pub fn check(&self, root: &Path, actual: &Digests) -> Result<()> {
        match first_difference(&self.files, actual) {
            None => Ok(()),
            Some((rel, what)) => Err(Error::StateMismatch {
                path: root.join(rel),
                detail: what.into(),
            }),
        }
    }
}

fn base64_engine() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// The first file (in path order) that differs, and how.
pub fn first_difference<'a>(
    signed: &'a Digests,
    actual: &'a Digests,
) -> Option<(&'a str, &'static str)> {
    let mut names: Vec<&String> = signed.keys().chain(actual.keys()).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .find_map(|name| match (signed.get(name), actual.get(name)) {
            (Some(a), Some(b)) if a == b => None,
            (Some(_), Some(_)) => Some((
                name.as_str(),
                "changed since the store last signed its state",
            )),
            (Some(_), None) => Some((
                name.as_str(),
                "deleted since the store last signed its state",
            )),
            (None, _) => Some((
                name.as_str(),
                "appeared since the store last signed its state (credctl did not write it)",
            )),
        })
}

/// Whether the root-level entry `name` is outside the signed state: the locks, the staging area
/// of a change in progress, and the statement itself.
fn unsigned_entry(name: &str) -> bool {
    name == lock::LOCK_FILE
        || name == lock::APPLY_LOCK_FILE
        || name == TXN_DIR
        || name == STATEMENT_FILE
}

/// The SHA-256 of every signed file of a store, each kept as a running hash: a file appended to
/// (the audit log, the user logs) is hashed again only for what is appended, so a commit's cost
/// does not grow with the store.
#[derive(Clone, Default)]
pub struct TreeHashes {
    running: BTreeMap<String, Sha256>,
}

impl std::fmt::Debug for TreeHashes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.running.keys()).finish()
    }
}

impl TreeHashes {
    /// Hashes every signed file in the store at `root`. A symlink or anything but a plain file
    /// or directory is damage: credctl never makes one.
    pub fn of_tree(root: &Path) -> Result<TreeHashes> {
        let mut hashes = TreeHashes::default();
        walk(root, "", &mut hashes.running)?;
        Ok(hashes)
    }

    /// Each file's digest, hex.
    pub fn digests(&self) -> Digests {
        self.running
            .iter()
            .map(|(rel, hasher)| (rel.clone(), hex::encode(hasher.clone().finalize())))
            .collect()
    }

    /// `rel` now holds exactly `bytes`.
    pub fn set(&mut self, rel: String, bytes: &[u8]) {
        let mut hasher = Sha256::new();
        hasher.update(bytes);
        self.running.insert(rel, hasher);
    }

    /// `bytes` were appended to `rel` (a file not hashed yet is read from `root` first).
    pub fn append(&mut self, root: &Path, rel: String, bytes: &[u8]) -> Result<()> {
        if !self.running.contains_key(&rel) {
            let hasher = hash_file(&root.join(&rel), true)?;
            self.running.insert(rel.clone(), hasher);
        }
        if let Some(hasher) = self.running.get_mut(&rel) {
            hasher.update(bytes);
        }
        Ok(())
    }

    pub fn remove(&mut self, rel: &str) {
        self.running.remove(rel);
    }

    pub fn files(&self) -> Vec<String> {
        self.running.keys().cloned().collect()
    }
}

fn walk(dir: &Path, prefix: &str, running: &mut BTreeMap<String, Sha256>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            return Err(Error::corrupt(
                &path,
                "a file name that is not UTF-8 (not credctl's)",
            ));
        };
        if prefix.is_empty() && unsigned_entry(&name) {
            continue;
        }
        let rel = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if kind.is_dir() {
            walk(&path, &format!("{rel}/"), running)?;
        } else if kind.is_file() {
            running.insert(rel, hash_file(&path, false)?);
        } else {
            return Err(Error::StateMismatch {
                path,
                detail: "is a symlink or special file; credctl writes only plain files".into(),
            });
        }
    }
    Ok(())
}

/// The running SHA-256 of the file at `path`; with `missing_ok`, of nothing when there is none.
fn hash_file(path: &Path, missing_ok: bool) -> Result<Sha256> {
    let mut hasher = Sha256::new();
    match fs::File::open(path) {
        Ok(mut file) => {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && missing_ok => {}
        Err(e) => return Err(Error::io(path, e)),
    }
    Ok(hasher)
}

/// The SHA-256 of the file at `path`, hex.
pub fn digest_file(path: &Path) -> Result<String> {
    Ok(hex::encode(hash_file(path, false)?.finalize()))
}

pub fn digest_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digests(pairs: &[(&str, &str)]) -> Digests {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_first_difference_names_the_file_and_how() {
        let signed = digests(&[("a", "1"), ("b", "2"), ("c", "3")]);
        assert_eq!(first_difference(&signed, &signed.clone()), None);
        let changed = digests(&[("a", "1"), ("b", "X"), ("c", "3")]);
        assert_eq!(first_difference(&signed, &changed).unwrap().0, "b");
        let deleted = digests(&[("a", "1"), ("c", "3")]);
        assert!(
            first_difference(&signed, &deleted)
                .unwrap()
                .1
                .contains("deleted")
        );
        let added = digests(&[("a", "1"), ("aa", "9"), ("b", "2"), ("c", "3")]);
        assert_eq!(first_difference(&signed, &added).unwrap().0, "aa");
    }

    #[test]
    fn the_tree_skips_locks_staging_and_the_statement_and_refuses_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["store.json", "store.lock", "apply.lock", "statement.json"] {
            fs::write(root.join(f), f).unwrap();
        }
        fs::create_dir_all(root.join("txn")).unwrap();
        fs::write(root.join("txn/journal.json"), "x").unwrap();
        fs::create_dir_all(root.join("ca")).unwrap();
        fs::write(root.join("ca/root.crt"), "cert").unwrap();
        let mut hashes = TreeHashes::of_tree(root).unwrap();
        let tree = hashes.digests();
        let names: Vec<&str> = tree.keys().map(String::as_str).collect();
        assert_eq!(names, ["ca/root.crt", "store.json"]);
        assert_eq!(tree["ca/root.crt"], digest_bytes(b"cert"));
        // Appends are hashed on from the running state, as a whole-file hash would give.
        hashes.append(root, "ca/root.crt".into(), b"more").unwrap();
        hashes.append(root, "new.log".into(), b"first").unwrap();
        hashes.set("store.json".into(), b"rewritten");
        hashes.remove("gone");
        let after = hashes.digests();
        assert_eq!(after["ca/root.crt"], digest_bytes(b"certmore"));
        assert_eq!(after["new.log"], digest_bytes(b"first"));
        assert_eq!(after["store.json"], digest_bytes(b"rewritten"));
        std::os::unix::fs::symlink("/etc/passwd", root.join("ca/evil")).unwrap();
        assert!(matches!(
            TreeHashes::of_tree(root),
            Err(Error::StateMismatch { .. })
        ));
    }
}
