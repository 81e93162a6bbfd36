//! The command-line surface (clap definitions only; the work is in the sibling modules).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::store::keyring::DEFAULT_SCRYPT_LOG_N;
use crate::x509::KeyType;

const EXIT_CODES: &str = "\
EXIT CODES:
    0  success
    1  operation refused or failed (store exists, verification failed, tampering found)
    2  usage error, bad input, or the store cannot be unlocked
    3  the store is damaged or from a newer credctl
    4  I/O error (disk, permissions)

ENVIRONMENT:
    CREDCTL_STORE            store directory (default ./ca-store)
    CREDCTL_PASSPHRASE_FILE  file holding the passphrase
    CREDCTL_PASSPHRASE       the passphrase itself (prefer the file)
    CREDCTL_IDENTITY         age X25519 identity file enrolled with `ca add-identity`
    CREDCTL_ACTOR            name recorded in the audit log (default user@host)";

#[derive(Debug, Parser)]
#[command(
    name = "credctl",
    version,
    about = "Offline, encrypted CA and credential lifecycle for NATS hub-and-edge deployments",
    after_help = EXIT_CODES,
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The CA store directory
    #[arg(
        long,
        global = true,
        env = "CREDCTL_STORE",
        default_value = "ca-store",
        value_name = "DIR"
    )]
    pub store: PathBuf,

    /// Print one JSON document on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,

    /// Read the passphrase from FILE (first line) instead of prompting
    #[arg(
        long,
        global = true,
        env = "CREDCTL_PASSPHRASE_FILE",
        value_name = "FILE"
    )]
    pub passphrase_file: Option<PathBuf>,

    /// Unlock with an enrolled age X25519 identity file instead of the passphrase
    #[arg(long, global = true, env = "CREDCTL_IDENTITY", value_name = "FILE")]
    pub identity: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new CA store: a self-signed root (and optional intermediate), key sealed with age
    Init(InitArgs),
    /// Inspect and export the CA, enrol automation identities
    #[command(subcommand)]
    Ca(CaCommand),
    /// Read and check the tamper-evident audit log
    #[command(subcommand)]
    Audit(AuditCommand),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Common name of the root CA
    #[arg(long)]
    pub name: String,

    /// Key type of the CA keys
    #[arg(long, value_enum, default_value_t = KeyType::EcdsaP256)]
    pub key_type: KeyType,

    /// Validity of the root in days
    #[arg(long, default_value_t = 3650, value_name = "N")]
    pub days: u32,

    /// Keep the root offline: it signs an intermediate, and the intermediate issues
    #[arg(long)]
    pub intermediate: bool,

    /// Validity of the intermediate in days (never beyond the root)
    #[arg(
        long,
        default_value_t = 1825,
        value_name = "N",
        requires = "intermediate"
    )]
    pub intermediate_days: u32,

    /// scrypt work factor (log2 N) protecting the passphrase wrap; pinned so a slow laptop can unlock
    #[arg(long, default_value_t = DEFAULT_SCRYPT_LOG_N, value_name = "LOG_N")]
    pub scrypt_log_n: u8,
}

#[derive(Debug, Subcommand)]
pub enum CaCommand {
    /// Subject, SHA-256 fingerprint, validity and key type of the CA (no unlock)
    Show,
    /// Write the public CA chain (issuing CA first) as PEM
    Export {
        /// Output file
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Let an age X25519 identity unlock the store (for automation; skips scrypt)
    AddIdentity(AddIdentityArgs),
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct AddIdentityArgs {
    /// Generate a new identity and write it to FILE (0600, never overwritten)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Enrol an existing identity by its public recipient (age1...)
    #[arg(long, value_name = "AGE1")]
    pub recipient: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print every entry: time, actor, action, subject
    Log,
    /// Check the hash chain; exit 1 if an entry was edited, removed, reordered or cut off
    Verify,
}
