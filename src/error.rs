//! Typed errors of the library. Each carries what went wrong; `hint()` says what to do about it
//! and `exit_code()` maps it onto the exit codes documented in CLI.md and the man page.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no credctl store at {0}")]
    StoreMissing(PathBuf),

    #[error("a store already exists at {0}")]
    StoreExists(PathBuf),

    #[error("{0} exists but is not a credctl store (no store.json)")]
    NotAStore(PathBuf),

    #[error("store file {path} is corrupt: {detail}")]
    Corrupt { path: PathBuf, detail: String },

    #[error(
        "store format version {found} is newer than this credctl understands (version {supported})"
    )]
    UnsupportedVersion { found: u32, supported: u32 },

    #[error(
        "no passphrase source: stdin is not a terminal and none of --identity, --passphrase-file, CREDCTL_PASSPHRASE_FILE, CREDCTL_PASSPHRASE is set"
    )]
    NoPassphraseSource,

    #[error("wrong passphrase for the store")]
    WrongPassphrase,

    #[error("the identity file {0} does not unlock this store")]
    IdentityNotEnrolled(PathBuf),

    #[error("cannot read identity file {path}: {detail}")]
    BadIdentityFile { path: PathBuf, detail: String },

    #[error("cannot read passphrase file {path}: {source}")]
    PassphraseFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{0}")]
    WeakPassphrase(String),

    #[error("the passphrases do not match")]
    PassphraseMismatch,

    #[error("invalid input: {0}")]
    InvalidInput(String),

    #[error("{0} already exists")]
    OutputExists(PathBuf),

    #[error("{0}")]
    Conflict(String),

    #[error("{0}")]
    AlreadyRevoked(String),

    #[error("{0}")]
    NotFound(String),

    #[error("verification failed: {0}")]
    VerificationFailed(String),

    #[error("{0}")]
    Remote(String),

    #[error("audit log check failed: {0}")]
    AuditTampered(String),

    #[error("certificate error: {0}")]
    Certificate(String),

    #[error("encryption error: {0}")]
    Crypto(String),

    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn corrupt(path: impl Into<PathBuf>, detail: impl std::fmt::Display) -> Self {
        Error::Corrupt {
            path: path.into(),
            detail: detail.to_string(),
        }
    }

    /// What the user should do next; shown after the error line.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            Error::StoreMissing(_) => {
                "create one with `credctl init --name NAME`, or point --store / CREDCTL_STORE at an existing store".into()
            }
            Error::StoreExists(_) => {
                "choose another --store directory; credctl never overwrites a store".into()
            }
            Error::NotAStore(_) => {
                "point --store at a directory made by `credctl init`, or at a path that does not exist yet".into()
            }
            Error::Corrupt { .. } => {
                "restore the store from a backup; credctl changed nothing".into()
            }
            Error::UnsupportedVersion { .. } => "use a newer credctl for this store".into(),
            Error::NoPassphraseSource => {
                "pass --passphrase-file FILE or --identity FILE, or set CREDCTL_PASSPHRASE_FILE / CREDCTL_PASSPHRASE".into()
            }
            Error::WrongPassphrase => "check the passphrase source and try again".into(),
            Error::IdentityNotEnrolled(_) => {
                "enrol it with `credctl ca add-identity --recipient AGE1...`, or unlock with the passphrase".into()
            }
            Error::BadIdentityFile { .. } => {
                "pass an age X25519 identity file (a line starting AGE-SECRET-KEY-1)".into()
            }
            Error::PassphraseFile { .. } => "check the path and its permissions".into(),
            Error::WeakPassphrase(_) => "choose a longer passphrase".into(),
            Error::PassphraseMismatch => "type the same passphrase twice".into(),
            Error::OutputExists(_) => "remove it first or choose another path".into(),
            Error::Conflict(_) => {
                "renew it with `credctl cert renew`, revoke it first, or pass --force to replace it".into()
            }
            Error::NotFound(_) => "list what exists with `credctl cert list`".into(),
            Error::AlreadyRevoked(_) => {
                "nothing to do; `credctl cert list --revoked` shows it".into()
            }
            Error::AuditTampered(_) => {
                "compare the store with a backup; the log was changed outside credctl".into()
            }
            Error::Io { .. } => "check the path, free space and permissions".into(),
            Error::Remote(_) => {
                "check the server URL, that its resolver is `full`, and the system user's creds".into()
            }
            Error::InvalidInput(_)
            | Error::Certificate(_)
            | Error::Crypto(_)
            | Error::VerificationFailed(_) => return None,
        })
    }

    /// Exit codes: 1 refused or failed, 2 bad input or cannot unlock, 3 damaged store, 4 I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::StoreExists(_)
            | Error::OutputExists(_)
            | Error::Conflict(_)
            | Error::AlreadyRevoked(_)
            | Error::Remote(_)
            | Error::VerificationFailed(_)
            | Error::AuditTampered(_)
            | Error::Certificate(_)
            | Error::Crypto(_) => 1,
            Error::StoreMissing(_)
            | Error::NotAStore(_)
            | Error::NoPassphraseSource
            | Error::WrongPassphrase
            | Error::IdentityNotEnrolled(_)
            | Error::BadIdentityFile { .. }
            | Error::PassphraseFile { .. }
            | Error::WeakPassphrase(_)
            | Error::PassphraseMismatch
            | Error::NotFound(_)
            | Error::InvalidInput(_) => 2,
            Error::Corrupt { .. } | Error::UnsupportedVersion { .. } => 3,
            Error::Io { .. } => 4,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(Error::WrongPassphrase.exit_code(), 2);
        assert_eq!(Error::NoPassphraseSource.exit_code(), 2);
        assert_eq!(Error::AuditTampered("x".into()).exit_code(), 1);
        assert_eq!(Error::StoreExists("s".into()).exit_code(), 1);
        assert_eq!(Error::corrupt("store.json", "bad").exit_code(), 3);
        let io = Error::io("x", std::io::Error::other("disk"));
        assert_eq!(io.exit_code(), 4);
    }

    #[test]
    fn every_unlock_error_says_what_to_do() {
        for e in [Error::WrongPassphrase, Error::NoPassphraseSource] {
            assert!(e.hint().is_some(), "{e} has no hint");
        }
    }
}
