//! The workflows: one function per command, from a typed request to a typed report, testable
//! in-process. They open the store through a [`Session`] (the lock, a lazy unlock done at most
//! once) and change it through one transaction seam, [`Store::commit_with`]: stage the store
//! files and every hand-out, write the journal (the commit point), apply, publish.
//!
//! Nothing here prints, prompts or knows about clap: `cli` builds requests, prints reports and
//! says what to do about an error.

pub mod adopt;
pub mod audit;
pub mod backup;
pub mod ca;
pub mod cert;
pub mod custody;
pub mod device;
pub mod handoff;
pub mod hub;
pub mod hub_import;
pub mod hubsync;
pub mod init;
pub mod nats;
pub mod nats_accounts;
pub mod nsc_import;
pub mod reload;
pub mod rollover;
pub mod rotate;
pub mod status;
pub mod tokens;

use std::cell::{OnceCell, RefCell};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::store::keyring::{StoreKey, UnlockSource};
use crate::store::statement::{STATEMENT_FILE, StateSigner};
use crate::store::{Change, LockWait, Store, StoreState, fsio};
use crate::x509::authority::Authority;
use crate::x509::issue::CaSigner;

/// Says how to unlock the store, asked only when a workflow first needs the key.
pub type Unlocker = Box<dyn FnOnce() -> Result<UnlockSource>>;

/// An open store for one command: the lock, the CA's public facts, and the key on demand.
pub struct Session {
    store: Store,
    unlocker: RefCell<Option<Unlocker>>,
    key: OnceCell<StoreKey>,
    authority: OnceCell<Authority>,
    signer: OnceCell<CaSigner>,
    /// Set: every key handed out is also handed out as NAME.p12 under this passphrase.
    p12: Option<age::secrecy::SecretString>,
}

impl Session {
    /// Opens the store at `root` to change it (waiting for its lock, finishing or undoing an
    /// interrupted change); `unlocker` runs at most once, the first time a workflow needs the key.
    /// A store whose files are not what the CA last signed is refused, and so is one never
    /// signed (`audit sign` signs it once).
    pub fn open(root: &Path, unlocker: Unlocker, wait: LockWait<'_>) -> Result<Session> {
        let session = Session::with(Store::open(root, wait)?, unlocker);
        session.verify_state()?;
        if session.unsigned() {
            return Err(Error::Unsigned(root.to_path_buf()));
        }
        Ok(session)
    }

    /// Opens the store at `root` to read it: a writer still preparing its change does not make
    /// this wait; committing from this session is refused. The state is checked as for a
    /// writer, except that a store never signed is read (see [`Session::unsigned`]).
    pub fn open_read(root: &Path, unlocker: Unlocker, wait: LockWait<'_>) -> Result<Session> {
        let session = Session::with(Store::open_read(root, wait)?, unlocker);
        session.verify_state()?;
        Ok(session)
    }

    /// Opens the store without checking its signed state, for the audit commands that check and
    /// report it themselves (`write`: to sign a store never signed).
    pub fn open_unverified(
        root: &Path,
        unlocker: Unlocker,
        wait: LockWait<'_>,
        write: bool,
    ) -> Result<Session> {
        let store = match write {
            true => Store::open(root, wait)?,
            false => Store::open_read(root, wait)?,
        };
        Ok(Session::with(store, unlocker))
    }

    /// Checks the store's files against its last statement, and the statement's signature with
    /// the (pinned) issuing CA certificate. A store without a statement passes only if its
    /// version predates statements.
    pub fn verify_state(&self) -> Result<()> {
        self.store.check_files()?;
        let Some(statement) = self.store.statement() else {
            return Ok(());
        };
        self.authority()?.verify_statement(&self.store, statement)?;
        if statement.audit != self.state().audit {
            return Err(Error::StateMismatch {
                path: self.store.path(STATEMENT_FILE),
                detail: format!(
                    "was signed at audit entry {} but store.json records entry {}",
                    statement.audit.seq,
                    self.state().audit.seq
                ),
            });
        }
        Ok(())
    }

    /// Refuses a store whose root CA is not the one `fingerprint` (SHA-256, as `ca show` prints
    /// it) names: a pin held outside the store catches a store replaced wholesale.
    pub fn check_root(&self, fingerprint: &str) -> Result<()> {
        let actual = self.authority()?.root_fingerprint();
        if actual == fingerprint {
            return Ok(());
        }
        Err(Error::StateMismatch {
            path: self.store.path(crate::x509::authority::ROOT_CERT),
            detail: format!(
                "has SHA-256 {actual}, not {fingerprint} as --ca-fingerprint says: not your CA's store"
            ),
        })
    }

    /// Whether the store's state was never signed (made by a credctl before statements).
    pub fn unsigned(&self) -> bool {
        self.store.statement().is_none()
    }

    fn with(store: Store, unlocker: Unlocker) -> Session {
        Session {
            store,
            unlocker: RefCell::new(Some(unlocker)),
            key: OnceCell::new(),
            authority: OnceCell::new(),
            signer: OnceCell::new(),
            p12: None,
        }
    }

    /// Hands out every new key also as a PKCS#12 file protected by `passphrase` (`--p12`).
    pub fn with_p12(mut self, passphrase: Option<age::secrecy::SecretString>) -> Session {
        self.p12 = passphrase;
        self
    }

    /// The passphrase of the PKCS#12 hand-outs, when asked for.
    pub fn p12(&self) -> Option<&age::secrecy::SecretString> {
        self.p12.as_ref()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn state(&self) -> &StoreState {
        self.store.state()
    }

    /// The store key, unlocking on first use (the one slow step with a passphrase).
    pub fn key(&self) -> Result<&StoreKey> {
        if let Some(key) = self.key.get() {
            return Ok(key);
        }
        let unlocker = self
            .unlocker
            .borrow_mut()
            .take()
            .ok_or(Error::NoPassphraseSource)?;
        let key = self.store.unlock(unlocker()?)?;
        Ok(self.key.get_or_init(|| key))
    }

    pub fn authority(&self) -> Result<&Authority> {
        if let Some(a) = self.authority.get() {
            return Ok(a);
        }
        let authority = Authority::load(&self.store)?;
        Ok(self.authority.get_or_init(|| authority))
    }

    /// The issuing CA ready to sign (unlocks if needed).
    pub fn signer(&self) -> Result<&CaSigner> {
        if let Some(s) = self.signer.get() {
            return Ok(s);
        }
        let signer = self.authority()?.signer(&self.store, self.key()?)?;
        Ok(self.signer.get_or_init(|| signer))
    }

    /// Commits `change` with its hand-outs (see [`Store::commit_with`]).
    pub fn commit(&mut self, change: Change) -> Result<()> {
        self.commit_with(change, |_| {})
    }

    /// Commits `change`, `update` changing the store state in the same commit. A change to the
    /// store is signed by the issuing CA, so it unlocks if nothing did yet.
    pub fn commit_with(
        &mut self,
        change: Change,
        update: impl FnOnce(&mut StoreState),
    ) -> Result<()> {
        if change.touches_store() {
            self.signer()?;
        }
        let signer = self.signer.get().map(|s| s as &dyn StateSigner);
        self.store.commit_with(change, update, signer)
    }
}

impl Session {
    /// Commits `change` with the state signed by `signer`: a CA rollover signs with the new CA,
    /// whose certificate the store names from this commit on.
    pub fn commit_signed_by(
        &mut self,
        change: Change,
        update: impl FnOnce(&mut StoreState),
        signer: &dyn StateSigner,
    ) -> Result<()> {
        self.store.commit_with(change, update, Some(signer))
    }
}

/// Adds the public CA chain as `ca.crt` to the hand-outs in `dir`.
pub fn hand_out_ca(session: &Session, change: &mut Change, dir: &Path) -> Result<PathBuf> {
    let chain = session.authority()?.chain_pem().as_bytes().to_vec();
    Ok(change
        .output(dir)?
        .add_replace("ca.crt", chain, fsio::PUBLIC_FILE))
}

/// Refuses names given twice in one batch.
pub fn refuse_duplicates<'a>(names: impl IntoIterator<Item = &'a String>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(Error::InvalidInput(format!("{name} is listed twice")));
        }
    }
    Ok(())
}

/// Reads an input file named on the command line: a missing or unreadable file, or one that is
/// not UTF-8 text, is bad input (exit 2), not an I/O failure of credctl's own files.
pub fn read_input_text(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::InvalidInput(format!("cannot read {what} {}: {e}", path.display())))?;
    String::from_utf8(bytes)
        .map_err(|_| Error::InvalidInput(format!("{what} {} is not UTF-8 text", path.display())))
}

/// Reads an input file as bytes, with the same errors as [`read_input_text`].
pub fn read_input(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| Error::InvalidInput(format!("cannot read {what} {}: {e}", path.display())))
}

/// The names in a list file: one a line, blank lines and `#` comments skipped. Every name
/// becomes a certificate's CN or a user's name, so each is checked here, by line.
pub fn read_name_list(path: &Path, what: &str) -> Result<Vec<String>> {
    let text = read_input_text(path, "list file")?;
    parse_name_list(&text, path, what)
}

/// The names in a list file's `text` (`path` names it in errors).
pub fn parse_name_list(text: &str, path: &Path, what: &str) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        crate::x509::issue::check_name(line).map_err(|e| at_line(path, i, e))?;
        names.push(line.to_owned());
    }
    if names.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{} lists no {what}",
            path.display()
        )));
    }
    Ok(names)
}

/// `err` about line `index` (from 0) of the input file `path`.
pub fn at_line(path: &Path, index: usize, err: Error) -> Error {
    match err {
        Error::InvalidInput(m) => {
            Error::InvalidInput(format!("{} line {}: {m}", path.display(), index + 1))
        }
        other => other,
    }
}

/// Refuses an output directory that exists but is not a directory (bad input, exit 2).
pub fn check_out_dir(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(Error::InvalidInput(format!(
            "--out {} is a file, not a directory",
            dir.display()
        ))),
        _ => Ok(()),
    }
}

/// Whether a hand-out may replace a file of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse (the default: credctl never overwrites a hand-out by surprise).
    Refuse,
    /// Replace it (public files, re-rendered config, or when asked: an old bundle).
    Replace,
}

/// The output file `flag` names: refuses a directory (bad input) and, for `Existing::Refuse`, a
/// file that exists; returns its directory and its file name.
pub fn out_file(flag: &str, file: &Path, existing: Existing) -> Result<(PathBuf, String)> {
    if file.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{flag} {} is a directory, not a file",
            file.display()
        )));
    }
    if existing == Existing::Refuse {
        fsio::ensure_absent(file)?;
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::InvalidInput(format!("{flag} {} names no file", file.display())))?;
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((dir, name))
}

/// Subject permissions and connection types of a NATS user (hub config user or JWT user).
#[derive(Debug, Clone, Default)]
pub struct Access {
    pub allow_pub: Vec<String>,
    pub allow_sub: Vec<String>,
    pub deny_pub: Vec<String>,
    pub deny_sub: Vec<String>,
    pub connection_types: Vec<String>,
}

impl Access {
    /// Checks every subject; returns the connection types in canonical (upper) case.
    pub fn validate(&self) -> Result<Vec<String>> {
        for subject in self
            .allow_pub
            .iter()
            .chain(&self.allow_sub)
            .chain(&self.deny_pub)
            .chain(&self.deny_sub)
        {
            crate::hub::check_subject(subject)?;
        }
        self.connection_types
            .iter()
            .map(|t| crate::hub::check_connection_type(t))
            .collect()
    }
}
