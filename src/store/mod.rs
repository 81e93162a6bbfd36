//! The offline CA store: one directory, one type.
//!
//! Layout (format version 2: version 1 had no statement), every path relative to the store root:
//!
//! ```text
//! store.json            format, version, CA summary, audit head        (public)
//! store.lock            writer lock, held for the life of a changing command; says who holds it
//! apply.lock            held while a change is applied (shared by readers); see `lock`
//! keyring/store.pub     age recipient every secret in the store is sealed to
//! keyring/passphrase.age  the passphrase's identity, wrapped with the passphrase (scrypt); in a
//!                       store from before custodians, the store identity itself
//! keyring/passphrase.wrap.age  store identity, sealed to the passphrase's identity
//! keyring/x25519-*.age  store identity, wrapped for an enrolled automation identity
//! keyring/shares.age    store identity, sealed to the share set's (split) identity
//! keyring/custodians.json  who can unlock: recipients, split id and M-of-N (see `custody`)
//! audit.log             hash-chained log of every change
//! statement.json        the audit head and every other file's SHA-256, signed by the CA
//! txn/                  staging area of the change in progress (empty at rest)
//! ca/ certs/ names/     the CA and its registry (see `x509::authority`, `x509::registry`)
//! hub/                  the hub config model (see `hub`)
//! nats/                 operator, accounts, user logs, sealed seeds (see `nats`)
//! ```
//!
//! This module is a generic transactional directory: it knows files, seals and the audit log,
//! not what they mean. Directories are 0700 and files 0600. Opening to change takes the writer
//! lock and finishes or undoes any change an interrupted command left behind; nothing is written
//! until [`Store::commit_with`]. Opening to read waits only while a change is being applied.

pub mod archive;
pub mod custody;
pub mod fsio;
pub mod keyring;
pub mod lock;
pub mod shares;
pub mod statement;
pub mod txn;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::{self, Event};
use crate::clock::timestamp;
use crate::error::{Error, Result};
use keyring::{StoreKey, UnlockSource};
use lock::StoreLock;
use statement::{STATEMENT_FILE, StateSigner, Statement, TreeHashes};
use txn::StagedWrite;

pub const STORE_FILE: &str = "store.json";
pub const FORMAT_NAME: &str = "credctl-store";
pub const FORMAT_VERSION: u32 = 2;
/// The first version with a signed statement: a store of this version or later without one
/// lost it.
pub const SIGNED_SINCE_VERSION: u32 = 2;

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
    /// Number of the last CRL the root issued over its intermediate (0: none yet).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub root_crl_number: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaSummary {
    pub name: String,
    /// Key type name (`ecdsa-p256`, ...); `x509::authority` parses it.
    pub key_type: String,
    pub intermediate: bool,
    /// SHA-256 fingerprint of each CA certificate by store path (as `ca show` and
    /// `openssl x509 -fingerprint -sha256` print it), written at init: a replaced or
    /// edited CA certificate is damage. Stores made before it have none (nothing to check).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub pinned: std::collections::BTreeMap<String, String>,
    /// The CA's generation: 1 until the first rollover (`ca renew`).
    #[serde(
        default = "first_generation",
        skip_serializing_if = "is_first_generation"
    )]
    pub generation: u32,
    /// A rollover in progress: the previous CA is still trusted and presented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transition: Option<Transition>,
    /// An adopted intermediate: the root's key was never in the store.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub root_key_absent: bool,
}

fn first_generation() -> u32 {
    1
}

fn is_first_generation(n: &u32) -> bool {
    *n == 1
}

/// What a rollover keeps until `ca renew --finish`: the previous root (a root rollover) is
/// trusted beside the new one; certificates of the previous issuing CA are presented with its
/// chain (`ca/previous-chain.pem`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// SHA-256 of the previous root, for a root rollover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_root: Option<String>,
    /// SHA-256 of the previous issuing CA.
    pub previous_issuing: String,
    /// When the previous issuing CA expires: the overlap cannot outlast it.
    pub until: String,
    pub started: String,
}

/// One change: store files written, appended and deleted, audit events, and the files handed
/// out with it (which appear if and only if the change commits).
#[derive(Default)]
pub struct Change {
    /// The transaction id, made when first needed (staging early needs it before the commit).
    id: Option<String>,
    writes: Vec<StagedWrite>,
    appends: Vec<(PathBuf, Vec<u8>)>,
    removes: Vec<PathBuf>,
    events: Vec<Event>,
    outputs: Vec<fsio::OutputBatch>,
    /// Each directory as a caller named it, and its batch in `outputs`.
    output_paths: Vec<(PathBuf, usize)>,
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
    /// Writes (or replaces) the store file `rel`; a later write of the same file wins.
    pub fn write_private(&mut self, rel: impl Into<PathBuf>, bytes: Vec<u8>) {
        let target = rel.into();
        self.writes.retain(|w| w.target != target);
        self.writes.push(StagedWrite {
            target,
            bytes,
            mode: fsio::PRIVATE_FILE,
        });
    }
    pub fn record(&mut self, event: Event) {
        self.events.push(event);
    }
    /// The hand-outs going to `dir` (absolute, or relative to the working directory).
    pub fn output(&mut self, dir: &Path) -> Result<&mut fsio::OutputBatch> {
        // The path as asked first: a batch of 10,000 files asks 10,000 times.
        if let Some(&(_, at)) = self.output_paths.iter().find(|(asked, _)| asked == dir) {
            return Ok(&mut self.outputs[at]);
        }
        let absolute = std::path::absolute(dir).map_err(|e| Error::io(dir, e))?;
        let at = match self.outputs.iter().position(|b| b.dir() == absolute) {
            Some(at) => at,
            None => {
                self.outputs.push(fsio::OutputBatch::new(&absolute)?);
                self.outputs.len() - 1
            }
        };
        self.output_paths.push((dir.to_path_buf(), at));
        Ok(&mut self.outputs[at])
    }
    fn id(&mut self) -> String {
        self.id.get_or_insert_with(txn::new_id).clone()
    }

    /// Whether committing changes the store (and so needs a new signed statement), not only
    /// hand-outs.
    pub fn touches_store(&self) -> bool {
        !(self.writes.is_empty()
            && self.appends.is_empty()
            && self.removes.is_empty()
            && self.events.is_empty())
    }
}

/// An open store: the lock is held until this value drops.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    state: StoreState,
    /// The last signed statement (None: a store made before statements).
    statement: Option<Statement>,
    /// The SHA-256 of every signed file as found on disk at open (kept current by commits).
    hashes: TreeHashes,
    _lock: StoreLock,
    /// A reader holds the apply lock shared and must not commit.
    read_only: bool,
    /// How long a commit waits for readers before applying.
    timeout: Option<std::time::Duration>,
}

pub use lock::LockWait;

impl Store {
    /// Opens an existing store to change it: waits for the writer lock, then finishes or undoes
    /// an interrupted change.
    pub fn open(root: &Path, wait: LockWait<'_>) -> Result<Store> {
        check_is_store(root)?;
        let lock = StoreLock::acquire(root, wait)?;
        recover(root, wait)?;
        remove_stale_staging(root);
        Store::at_rest(root, lock, false, wait)
    }

    /// Opens an existing store to read it: waits only while a change is being applied, never for
    /// a writer still preparing one. A change a killed command left half applied is finished
    /// first, as a writer would (that waits for the writer lock).
    pub fn open_read(root: &Path, wait: LockWait<'_>) -> Result<Store> {
        check_is_store(root)?;
        // What a killed command left is cleaned up as a writer would, if no writer is at work.
        if txn::leftovers(root)
            && let Ok(Some(writer)) = StoreLock::try_acquire(root)
        {
            recover(root, wait)?;
            drop(writer);
        }
        let lock = StoreLock::read(root, wait)?;
        if txn::pending(root) {
            drop(lock);
            let mut store = Store::open(root, wait)?;
            store.read_only = true;
            return Ok(store);
        }
        Store::at_rest(root, lock, true, wait)
    }

    /// The store as its last commit left it, read under `lock`.
    fn at_rest(root: &Path, lock: StoreLock, read_only: bool, wait: LockWait<'_>) -> Result<Store> {
        Ok(Store {
            root: root.to_path_buf(),
            state: load_state(root)?,
            statement: Statement::load(root)?,
            hashes: TreeHashes::of_tree(root)?,
            _lock: lock,
            read_only,
            timeout: wait.timeout,
        })
    }

    /// The last signed statement, if the store has one (the signature is the CA's to check).
    pub fn statement(&self) -> Option<&Statement> {
        self.statement.as_ref()
    }

    /// Checks every file against the last statement: the first that differs (changed, deleted,
    /// or not credctl's) is an error naming it. A store of a version that has statements must
    /// have one; an older store passes (the caller decides what unsigned means).
    pub fn check_files(&self) -> Result<()> {
        match &self.statement {
            Some(statement) => statement.check(&self.root, &self.hashes.digests()),
            None if self.state.version >= SIGNED_SINCE_VERSION => Err(Error::StateMismatch {
                path: self.root.join(STATEMENT_FILE),
                detail: "is missing (deleted since the store last signed its state)".into(),
            }),
            None => Ok(()),
        }
    }

    /// The apply lock for this store's commits.
    fn apply_lock(&self) -> Result<StoreLock> {
        StoreLock::apply(
            &self.root,
            LockWait {
                timeout: self.timeout,
                ..LockWait::quiet()
            },
        )
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every signed file, by store path, as of the last commit.
    pub fn signed_files(&self) -> Vec<String> {
        self.hashes.files()
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

    /// Reads and parses an optional JSON store file: None when it does not exist.
    pub fn read_json<T: serde::de::DeserializeOwned>(&self, rel: &str) -> Result<Option<T>> {
        self.read_optional(rel)?
            .map(|bytes| {
                serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(self.path(rel), e))
            })
            .transpose()
    }

    /// Reads an optional store file: None when it does not exist.
    pub fn read_optional(&self, rel: &str) -> Result<Option<Vec<u8>>> {
        let path = self.root.join(rel);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// The length of store file `rel`; 0 when it does not exist yet.
    pub fn file_len(&self, rel: &str) -> Result<u64> {
        let path = self.root.join(rel);
        match fs::metadata(&path) {
            Ok(m) => Ok(m.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Opens store file `rel` for reading at offsets (append logs).
    pub fn open_file(&self, rel: &str) -> Result<fs::File> {
        let path = self.root.join(rel);
        fs::File::open(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::corrupt(&path, "missing"),
            _ => Error::io(&path, e),
        })
    }

    /// The names of the files in store directory `rel` (empty when it does not exist).
    pub fn list(&self, rel: &str) -> Result<Vec<String>> {
        let dir = self.root.join(rel);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&dir, e)),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    /// A path in the store, for error messages.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Whether the store file `rel` exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.root.join(rel).symlink_metadata().is_ok()
    }

    pub fn read_text(&self, rel: &str) -> Result<String> {
        String::from_utf8(self.read(rel)?)
            .map_err(|_| Error::corrupt(self.root.join(rel), "not UTF-8 text"))
    }

    /// Unwraps the store key: the one slow step of a signing command, done once.
    pub fn unlock(&self, source: UnlockSource) -> Result<StoreKey> {
        keyring::unlock(&self.root, source)
    }

    pub fn audit_log(&self) -> Result<Vec<u8>> {
        Ok(self
            .read_optional(audit::AUDIT_LOG_FILE)?
            .unwrap_or_default())
    }

    /// Opens the staging of hand-outs to `dir` before the change is complete, for files written
    /// as they are made (see [`fsio::OutputBatch::stage_early`]). The intent names the
    /// directory first, so a kill from here on leaves nothing behind.
    pub fn stage_early(&self, change: &mut Change, dir: &Path) -> Result<fsio::EarlyWriter> {
        if self.read_only {
            return Err(Error::InvalidInput(
                "internal: a read-only command tried to stage hand-outs".into(),
            ));
        }
        let id = change.id();
        change.output(dir)?;
        let dirs = change
            .outputs
            .iter()
            .map(|b| b.dir().to_path_buf())
            .collect();
        txn::write_intent(&self.root, &id, dirs)?;
        change.output(dir)?.stage_early(&id)
    }

    /// Records the output directories in the intent, then stages every batch's files: what the
    /// journal will publish.
    fn stage_outputs(
        &self,
        id: &str,
        outputs: &mut [fsio::OutputBatch],
        dirs: &[PathBuf],
        sync: &mut fsio::SyncSet,
    ) -> Result<Vec<txn::Publish>> {
        if outputs.is_empty() {
            return Ok(Vec::new());
        }
        txn::write_intent(&self.root, id, dirs.to_vec())?;
        let mut publish = Vec::with_capacity(outputs.len());
        for batch in outputs {
            // A directory staged whole must not hold another batch's directory.
            let whole_dir = !dirs
                .iter()
                .any(|d| d != batch.dir() && d.starts_with(batch.dir()));
            let staged = batch.stage(id, whole_dir, sync)?;
            publish.push(txn::Publish {
                dir: staged.dir,
                files: staged.files,
            });
        }
        txn::crash_point("outputs-staged");
        Ok(publish)
    }

    /// The one transaction seam: stages the hand-outs and the store files, writes the journal
    /// (the commit point), applies it and moves the hand-outs into place; `update` changes the
    /// store state (counters) in the same commit. A change to the store ends with a new
    /// statement signed by `signer` (required then). See `txn` for what a crash leaves.
    pub fn commit_with(
        &mut self,
        mut change: Change,
        update: impl FnOnce(&mut StoreState),
        signer: Option<&dyn StateSigner>,
    ) -> Result<()> {
        if self.read_only {
            return Err(Error::InvalidInput(
                "internal: a read-only command tried to change the store".into(),
            ));
        }
        let id = change.id();
        let mut outputs = std::mem::take(&mut change.outputs);
        outputs.retain(|b| !b.is_empty());
        // Hand-outs and store files are synced together, once, before the commit point.
        let mut sync = fsio::SyncSet::default();
        let dirs: Vec<PathBuf> = outputs.iter().map(|b| b.dir().to_path_buf()).collect();
        let publish = self.stage_outputs(&id, &mut outputs, &dirs, &mut sync)?;
        let mut state = self.state.clone();
        let mut signed = None;
        if change.touches_store() {
            let (lines, head) = audit::chain(
                &self.state.audit,
                &change.events,
                &audit::current_actor(),
                &timestamp(),
            );
            update(&mut state);
            state.audit = head;
            state.version = FORMAT_VERSION;
            change.write_private(STORE_FILE, state_bytes(&state));
            change.append(audit::AUDIT_LOG_FILE, &lines);
            let signer = signer.ok_or_else(|| {
                Error::InvalidInput("internal: a change to the store without a signer".into())
            })?;
            let hashes = self.hashes_after(&change)?;
            let statement = Statement::sign(&state.audit, hashes.digests(), signer)?;
            change.write_private(STATEMENT_FILE, statement.to_bytes());
            signed = Some((statement, hashes));
        }
        txn::commit(
            &self.root,
            txn::Commit {
                id,
                dirs,
                writes: change.writes,
                appends: change.appends,
                removes: change.removes,
                publish,
            },
            sync,
            || self.apply_lock(),
        )?;
        // Published: the staged names are gone, nothing for the batches to clean up.
        outputs.into_iter().for_each(fsio::OutputBatch::forget);
        self.state = state;
        if let Some((statement, hashes)) = signed {
            self.statement = Some(statement);
            self.hashes = hashes;
        }
        Ok(())
    }

    /// The hashes the store will have once `change` is applied (in the journal's order:
    /// writes, appends, removes).
    fn hashes_after(&self, change: &Change) -> Result<TreeHashes> {
        let mut hashes = self.hashes.clone();
        for write in &change.writes {
            hashes.set(rel_key(&write.target), &write.bytes);
        }
        for (rel, bytes) in &change.appends {
            hashes.append(&self.root, rel_key(rel), bytes)?;
        }
        for rel in &change.removes {
            hashes.remove(&rel_key(rel));
        }
        Ok(hashes)
    }
}

/// A store path as statements name it.
fn rel_key(rel: &Path) -> String {
    rel.to_string_lossy().into_owned()
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

/// Store files as (path relative to the root, contents).
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// Everything `init` needs to lay out a new store: what the CA and keyring put in it.
pub struct NewStore<'a> {
    pub ca: CaSummary,
    pub files: Files,
    pub events: Vec<Event>,
    /// Signs the new store's first statement.
    pub signer: &'a dyn StateSigner,
    /// The last CRL number used (an adopted CA carries on from its own).
    pub crl_number: u64,
}

/// The prefix of a hidden sibling where `init` builds a store before renaming it into place.
fn staging_prefix(root: &Path) -> String {
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!(".{name}.tmp-")
}

fn parent_dir(root: &Path) -> PathBuf {
    match root.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates a store at `root`. It is built complete in a hidden sibling directory and renamed into
/// place, so a crash leaves no half store, and of two racing inits exactly one wins. The staging
/// directory's lock is held throughout, so a later command can tell it from a killed init's.
pub fn create(root: &Path, new: NewStore<'_>) -> Result<()> {
    place_new(root, |staging| build_store(staging, &new))
}

/// Makes a new store at `root` with `build`, which fills (and syncs) a staging directory that is
/// then renamed into place: all of it appears, or none. `root` must not be a store.
pub fn place_new(root: &Path, build: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    check_can_create(root)?;
    let parent = parent_dir(root);
    if !parent.is_dir() {
        fsio::create_private_dir_all(&parent)?;
    }
    remove_stale_staging(root);
    let (staging, lock) = locked_staging_dir(root)?;
    let result = build(&staging).and_then(|()| {
        txn::crash_point("init-staged");
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
    }
    drop(lock);
    result?;
    fsio::fsync_dir(&parent)
}

impl Store {
    /// Every signed file of the store and its statement, by store path: what a backup holds.
    pub fn snapshot(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut files = Vec::new();
        for rel in self.signed_files() {
            let bytes = self.read(&rel)?;
            files.push((rel, bytes));
        }
        if let Some(bytes) = self.read_optional(STATEMENT_FILE)? {
            files.push((STATEMENT_FILE.to_owned(), bytes));
        }
        Ok(files)
    }
}

/// Writes `files` (store paths) into the new store directory `dir`, with the empty staging area,
/// and syncs them all once.
pub fn write_tree(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    fsio::create_private_dir_all(&dir.join(txn::TXN_DIR))?;
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fsio::create_private_dir_all(parent)?;
        }
        fsio::write_new(&path, bytes, fsio::PRIVATE_FILE, false)?;
    }
    fsio::syncfs_of(dir)
}

/// A new staging directory for `create`, its lock held. It is made under another name and
/// renamed once locked: `remove_stale_staging` must never see one whose lock is not yet taken.
fn locked_staging_dir(root: &Path) -> Result<(PathBuf, StoreLock)> {
    let staging = fsio::temp_sibling(root);
    let name = staging.file_name().unwrap_or_default().to_string_lossy();
    let nascent = staging.with_file_name(name.replacen(".tmp-", ".new-", 1));
    fsio::create_private_dir(&nascent)?;
    let lock = StoreLock::acquire(&nascent, LockWait::quiet());
    let renamed = lock.and_then(|lock| {
        fs::rename(&nascent, &staging).map_err(|e| Error::io(&staging, e))?;
        Ok(lock)
    });
    match renamed {
        Ok(lock) => Ok((staging, lock)),
        Err(e) => {
            let _ = fs::remove_dir_all(&nascent);
            Err(e)
        }
    }
}

fn check_is_store(root: &Path) -> Result<()> {
    match fs::metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::StoreMissing(root.to_path_buf()));
        }
        Err(e) => return Err(Error::io(root, e)),
        Ok(m) if !m.is_dir() => return Err(Error::NotAStore(root.to_path_buf())),
        Ok(_) => {}
    }
    if !root.join(STORE_FILE).exists() {
        if looks_like_a_store(root) {
            return Err(Error::corrupt(root.join(STORE_FILE), "missing"));
        }
        return Err(Error::NotAStore(root.to_path_buf()));
    }
    Ok(())
}

/// Finishes or undoes an interrupted change, with readers kept out while files move.
fn recover(root: &Path, wait: LockWait<'_>) -> Result<()> {
    // Only a journal means store files may move; undoing a staged change touches none.
    let _apply = match txn::pending(root) {
        true => Some(StoreLock::apply(root, wait)?),
        false => None,
    };
    txn::recover(root)
}

/// Removes what a killed `init` left beside `root`: staging directories whose lock nobody holds
/// (they may hold a sealed CA key). Best effort: a failure leaves them for the next try.
pub fn remove_stale_staging(root: &Path) {
    let prefix = staging_prefix(root);
    let Ok(entries) = fs::read_dir(parent_dir(root)) else {
        return;
    };
    for entry in entries.flatten() {
        let is_staging = entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_staging {
            continue;
        }
        let dir = entry.path();
        if let Ok(Some(lock)) = StoreLock::try_acquire(&dir) {
            let _ = fs::remove_dir_all(&dir);
            drop(lock);
        }
    }
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
            if looks_like_a_store(root) {
                return Err(Error::corrupt(root.join(STORE_FILE), "missing"));
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

/// A directory with a keyring or an audit log was a store: without store.json it is damaged,
/// not "something else".
fn looks_like_a_store(root: &Path) -> bool {
    [keyring::KEYRING_DIR, audit::AUDIT_LOG_FILE, txn::TXN_DIR]
        .iter()
        .any(|p| root.join(p).symlink_metadata().is_ok())
}

fn build_store(dir: &Path, new: &NewStore<'_>) -> Result<()> {
    for sub in [keyring::KEYRING_DIR, "ca", txn::TXN_DIR] {
        fsio::create_private_dir(&dir.join(sub))?;
    }
    let mut files: Vec<(PathBuf, Vec<u8>)> = new.files.clone();
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
        ca: new.ca.clone(),
        audit: head,
        crl_number: new.crl_number,
        root_crl_number: 0,
    };
    files.push((STORE_FILE.into(), state_bytes(&state)));
    let digests = files
        .iter()
        .map(|(rel, bytes)| (rel_key(rel), statement::digest_bytes(bytes)))
        .collect();
    let statement = Statement::sign(&state.audit, digests, new.signer)?;
    files.push((STATEMENT_FILE.into(), statement.to_bytes()));

    let mut handles = Vec::with_capacity(files.len());
    for (rel, bytes) in &files {
        if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            fsio::create_private_dir_all(&dir.join(parent))?;
        }
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
