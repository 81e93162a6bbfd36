//! Typed errors of the library. Each carries what went wrong; what to do about it, and the exit
//! code, are the command line's business (`cli::errors`).

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

    /// The store's files are not what its last signed statement says, or the statement does not
    /// verify: changed outside credctl.
    #[error("store file {path} {detail}")]
    StateMismatch { path: PathBuf, detail: String },

    /// The store was made by a credctl that did not sign its state: nothing proves its files.
    #[error("the store at {0} has no signed state (made by a credctl before format 2)")]
    Unsigned(PathBuf),

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

    /// A share (a file, or the ones typed) that cannot unlock: `name` says which.
    #[error("{name}: {detail}")]
    BadShare { name: String, detail: String },

    #[error("this store has no passphrase (it was removed as a custodian)")]
    NoPassphrase,

    #[error("this store has no share set (`ca split` makes one)")]
    NoShareSet,

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

    #[error(transparent)]
    Refused(#[from] Refusal),

    #[error("{0}")]
    AlreadyRevoked(String),

    #[error("{0}")]
    NotFound(String),

    #[error("verification failed: {0}")]
    VerificationFailed(String),

    /// `status` found something to do (already reported).
    #[error("{0}")]
    ActionNeeded(String),

    #[error("{0}")]
    Remote(String),

    #[error("audit log check failed: {0}")]
    AuditTampered(String),

    #[error("certificate error: {0}")]
    Certificate(String),

    #[error("encryption error: {0}")]
    Crypto(String),

    /// `holder` is what the lock's holder wrote: pid, command, since when.
    #[error("the store is locked by {holder}; gave up after {waited:?}")]
    Locked {
        holder: String,
        waited: std::time::Duration,
    },

    #[error("I/O error on {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Refusals a caller acts on by kind (the command line picks its advice from them), not by
/// reading the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("this store has no hub yet")]
    NoHub,
    #[error("this store already has a hub")]
    HubExists,
    /// `hubs` lists the store's hubs ("none" when it has none).
    #[error("no hub named {name} (this store's hubs: {hubs})")]
    NoSuchHub { name: String, hubs: String },
    /// `--cluster-of` names a hub made without `--cluster-port`.
    #[error("hub {0} was made without --cluster-port: it has no cluster to join")]
    NotClustered(String),
    /// The hub directory was recorded by this store at another place (moved or copied).
    #[error(
        "this store was at {owner} when its hub directory {dir} was recorded; it is now at {now} (moved or copied)"
    )]
    StoreMoved {
        owner: PathBuf,
        dir: PathBuf,
        now: PathBuf,
    },
    /// The hub directory was recorded by an older credctl, without the store's location.
    #[error(
        "the hub directory {dir} was recorded without this store's location (by an older credctl)"
    )]
    HubDirUnconfirmed { dir: PathBuf },
    /// `what` is "a developer" or "an edge".
    #[error("{name} is already {what}")]
    AlreadyMember { name: String, what: &'static str },
    /// The name stands for a certificate that is not a member.
    #[error("a certificate named {0} already exists")]
    NameTaken(String),
    /// `what` is "developer" or "edge".
    #[error("no {what} named {name}")]
    NoSuchMember { what: &'static str, name: String },
    #[error("this store has no NATS operator yet")]
    NoOperator,
    /// A running hub did not apply its new configuration.
    #[error("restart needed: {0}")]
    RestartNeeded(String),
    #[error("no NATS account named {0}")]
    NoAccount(String),
    #[error("no user {account}/{name}")]
    NoUser { account: String, name: String },
    #[error("account {account} has no role {role}")]
    NoRole { account: String, role: String },
    #[error("account {account} exports no {subject}")]
    NoExport { account: String, subject: String },
    #[error("account {account} imports no {subject}")]
    NoImport { account: String, subject: String },
    #[error("the root CA's key is not in this store (its intermediate was imported without it)")]
    RootKeyAbsent,
    #[error("NATS account {account} was revoked at {at}")]
    AccountRevoked { account: String, at: String },
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
}
