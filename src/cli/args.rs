//! The command-line surface (clap definitions only; the work is in the sibling modules).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use clap::ValueEnum;

use crate::store::keyring::DEFAULT_SCRYPT_LOG_N;

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
    CREDCTL_SHARES_FROM      directory of share files made by `ca split`
    CREDCTL_ACTOR            name recorded in the audit log (default user@host)";

/// Key types (the library's `x509::KeyType`, named for the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyType {
    EcdsaP256,
    EcdsaP384,
    Ed25519,
    /// RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)
    #[value(name = "rsa-3072")]
    Rsa3072,
}

impl From<KeyType> for crate::x509::KeyType {
    fn from(k: KeyType) -> Self {
        match k {
            KeyType::EcdsaP256 => Self::EcdsaP256,
            KeyType::EcdsaP384 => Self::EcdsaP384,
            KeyType::Ed25519 => Self::Ed25519,
            KeyType::Rsa3072 => Self::Rsa3072,
        }
    }
}

/// Why a certificate is revoked (RFC 5280 CRLReason).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Reason {
    Unspecified,
    KeyCompromise,
    CaCompromise,
    AffiliationChanged,
    Superseded,
    CessationOfOperation,
    PrivilegeWithdrawn,
}

impl From<Reason> for crate::x509::registry::Reason {
    fn from(r: Reason) -> Self {
        match r {
            Reason::Unspecified => Self::Unspecified,
            Reason::KeyCompromise => Self::KeyCompromise,
            Reason::CaCompromise => Self::CaCompromise,
            Reason::AffiliationChanged => Self::AffiliationChanged,
            Reason::Superseded => Self::Superseded,
            Reason::CessationOfOperation => Self::CessationOfOperation,
            Reason::PrivilegeWithdrawn => Self::PrivilegeWithdrawn,
        }
    }
}

/// How hub clients authenticate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TlsMode {
    /// mTLS: the certificate selects the user, whose bcrypt password is then checked
    Password,
    /// mTLS; the certificate's subject DN is the user
    VerifyAndMap,
    /// verify-and-map plus an allow-list of the SPKI of every active certificate
    Pinned,
}

impl From<TlsMode> for crate::hub::TlsMode {
    fn from(m: TlsMode) -> Self {
        match m {
            TlsMode::Password => Self::Password,
            TlsMode::VerifyAndMap => Self::VerifyAndMap,
            TlsMode::Pinned => Self::Pinned,
        }
    }
}

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

/// Options every command takes: listed under their own heading in every help.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
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

    /// Unlock with shares of the store's split: the share files in DIR (`-`: type them in at
    /// the terminal, one after another)
    #[arg(long, global = true, env = "CREDCTL_SHARES_FROM", value_name = "DIR")]
    pub shares_from: Option<PathBuf>,

    /// An age identity file that decrypts share files made with `ca split --to` (repeatable)
    #[arg(long, global = true, value_name = "FILE")]
    pub share_identity: Vec<PathBuf>,

    /// Give up (exit 1, naming the holder) after waiting this long for another credctl's lock,
    /// e.g. 30s or 5m; the default is to wait
    #[arg(long, global = true, env = "CREDCTL_LOCK_TIMEOUT", value_name = "DURATION", value_parser = lock_timeout)]
    pub lock_timeout: Option<LockTimeout>,

    /// Refuse (exit 3) a store whose root CA certificate does not have this SHA-256
    /// fingerprint, as `ca show` prints it: a pin kept outside the store, for automation
    #[arg(long, global = true, env = "CREDCTL_CA_FINGERPRINT", value_name = "SHA256", value_parser = ca_fingerprint)]
    pub ca_fingerprint: Option<String>,
}

/// A SHA-256 fingerprint in any common spelling (colons or not, any case), as `ca show` prints it.
fn ca_fingerprint(text: &str) -> Result<String, String> {
    let hex: String = text.chars().filter(|c| *c != ':').collect();
    if hex.len() != 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err("expected a SHA-256 fingerprint: 64 hex digits, colons allowed".into());
    }
    let upper = hex.to_ascii_uppercase();
    let pairs: Vec<&str> = (0..32).map(|i| &upper[2 * i..2 * i + 2]).collect();
    Ok(pairs.join(":"))
}

/// A `--lock-timeout`, parsed like every other duration.
#[derive(Debug, Clone, Copy)]
pub struct LockTimeout(std::time::Duration);

impl From<LockTimeout> for std::time::Duration {
    fn from(t: LockTimeout) -> Self {
        t.0
    }
}

fn lock_timeout(text: &str) -> Result<LockTimeout, String> {
    let d = crate::clock::parse_duration(text).map_err(|e| e.to_string())?;
    Ok(LockTimeout(std::time::Duration::from_secs(
        d.whole_seconds().unsigned_abs(),
    )))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new CA store: a self-signed root (and optional intermediate), key sealed with age;
    /// or around an existing CA (--import-ca, --import-key)
    Init(InitArgs),
    /// Create a store from what already exists: an easy-rsa PKI
    #[command(subcommand)]
    Import(ImportCommand),
    /// Inspect and export the CA, enrol automation identities
    #[command(subcommand)]
    Ca(CaCommand),
    /// Read and check the tamper-evident audit log and the CA-signed store state
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Issue, sign, renew, revoke, list, show and verify certificates
    #[command(subcommand)]
    Cert(CertCommand),
    /// Write a CRL signed by the issuing CA (PEM), with the next CRL number
    Crl(CrlArgs),
    /// Set up the hub and render its nats-server configuration
    #[command(subcommand)]
    Hub(HubCommand),
    /// Developers: certificate + password bundle, user on the hub
    #[command(subcommand)]
    Dev(DevCommand),
    /// Edges (leaf nodes): certificate, leafnode credentials, edge config
    #[command(subcommand)]
    Edge(EdgeCommand),
    /// NATS decentralized auth: operator, accounts, users (nkeys + JWTs), resolver config
    #[command(subcommand)]
    Nats(NatsCommand),
    /// Scheduled rotation for CI: new passwords for hub members past an age
    #[command(subcommand)]
    Rotate(RotateCommand),
    /// The checklist: expiring certificates, CRL, old passwords, NATS JWTs, weak settings,
    /// stale hub directories, the audit chain; exit 1 when something needs action
    Status(StatusArgs),
    /// Service tokens (seed 003): signing keys, mint, verify, the JWK Set
    #[command(subcommand)]
    Token(TokenCommand),
    /// API keys (seed 004): printed once, only their Argon2id hash kept
    #[command(subcommand)]
    Apikey(ApikeyCommand),
    /// Hash a password for another system (read from a terminal or stdin; no store needed)
    #[command(subcommand)]
    Passwd(PasswdCommand),
    /// On the device: make a key that never leaves it and a CSR to carry to the offline CA
    #[command(subcommand)]
    Request(RequestCommand),
    /// On the device: check a bundle from `cert sign` and install it with the waiting key
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// After a ceremony: everything the online side needs (CA chain, CRLs, every hub's rendered
    /// directory, public NATS JWTs) in a new directory, with a manifest signed by the CA
    Export(ExportArgs),
    /// On the online side: check a hand-off directory (manifest signature, CA, every file)
    /// before using it; exit 1 if anything differs (no store needed)
    VerifyOnline(VerifyOnlineArgs),
    /// Write the whole store to one file, sealed to the store key: whatever unlocks the store
    /// opens it (no unlock needed to write it)
    Backup(BackupArgs),
    /// Recreate a store from a backup at --store (which must not exist), unlocked as the store
    /// was, checked against its CA-signed state before it appears
    Restore(RestoreArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenAlg {
    #[value(name = "HS256")]
    Hs256,
    #[value(name = "RS256")]
    Rs256,
    #[value(name = "EdDSA")]
    EdDsa,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenKind {
    /// Opens a tunnel once: 5 minutes by default, at most 15
    Ephemeral,
    /// Re-establishes one tunnel (--tunnel): 10 minutes by default, at most 1 hour
    Recreate,
    /// Control plane: 24 hours by default, at most 30 days; never the tunnel audience
    Management,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Signing keys: add, rotate, retire, list
    #[command(subcommand)]
    Key(TokenKeyCommand),
    /// Mint tokens of a kind with a key's current version (one per line on stdout, or --out)
    Mint(MintArgs),
    /// Check a token strictly (key by kid, its algorithm only, signature, exp/nbf/iat, audience,
    /// kind); exit 1 naming why it is refused
    Verify(TokenVerifyArgs),
    /// A one-time registration token for a node, signed with its tenant's Ed25519 key, with a
    /// fresh nonce (and with --mac, bound to the device); printed on stdout
    Register {
        #[arg(long)]
        node: String,
        #[arg(long)]
        tenant: String,
        /// Lifetime (default 24h, at most 30d)
        #[arg(long, value_name = "DURATION")]
        ttl: Option<String>,
        /// Bind it to this device: SHA-256(mac || nonce), as node certificates carry it
        #[arg(long, value_name = "MAC")]
        mac: Option<String>,
    },
    /// The registrar's check: signature by the tenant's key, not expired, this tenant, the MAC
    /// when bound, and a nonce never redeemed before (then spent); exit 1 naming why not
    Redeem {
        /// The token (default, or `-`: read from stdin)
        token: Option<String>,
        /// The registrar's tenant: a token of another is refused
        #[arg(long)]
        tenant: Option<String>,
        /// The device's MAC, for a token bound to one
        #[arg(long, value_name = "MAC")]
        mac: Option<String>,
        /// Clock skew allowed on exp, nbf and iat
        #[arg(long, default_value = "60s", value_name = "DURATION")]
        skew: String,
    },
    /// The public keys (RS256, EdDSA; retired ones left out) as an RFC 7517 JWK Set
    Jwks {
        /// Write it to FILE instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum TokenKeyCommand {
    /// A new signing key, sealed in the store (HS256: its secret handed out once with --out)
    Add {
        name: String,
        #[arg(long, value_enum)]
        alg: TokenAlg,
        /// The tenant the key signs for
        #[arg(long)]
        tenant: Option<String>,
        /// HS256 only: where the verifier's copy of the secret goes (0600, never overwritten)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// A new current version; the old one keeps verifying (and stays in the JWK Set) until retired
    Rotate {
        name: String,
        /// HS256 only: where the new secret goes (0600, never overwritten)
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Retire an old version (NAME/KID): out of the JWK Set, verifies nothing
    Retire {
        #[arg(value_name = "NAME/KID")]
        target: String,
    },
    /// Every key and its versions (never a secret)
    List,
}

#[derive(Debug, Args)]
pub struct MintArgs {
    /// The signing key
    #[arg(long)]
    pub key: String,
    #[arg(long, value_enum)]
    pub kind: TokenKind,
    /// The subject (with --count: that many tokens for it)
    #[arg(long, required_unless_present = "from", conflicts_with = "from")]
    pub sub: Option<String>,
    /// How many tokens for --sub
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub count: usize,
    /// One token per subject listed in FILE (one a line)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Audience (default: tunnel for ephemeral and recreate, management for management)
    #[arg(long)]
    pub aud: Option<String>,
    /// Lifetime, e.g. 5m, 1h, 7d (default and maximum per kind)
    #[arg(long, value_name = "DURATION")]
    pub ttl: Option<String>,
    /// The tunnel a recreate token is bound to
    #[arg(long, value_name = "ID")]
    pub tunnel: Option<String>,
    /// Write the tokens to FILE (0600, never overwritten) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TokenVerifyArgs {
    /// The token (default, or `-`: read from stdin, which keeps it off the command line)
    pub token: Option<String>,
    /// The audience the verifier is (refuses tokens for another)
    #[arg(long)]
    pub aud: Option<String>,
    /// The kind expected
    #[arg(long, value_enum)]
    pub kind: Option<TokenKind>,
    /// Clock skew allowed on exp, nbf and iat
    #[arg(long, default_value = "60s", value_name = "DURATION")]
    pub skew: String,
}

#[derive(Debug, Subcommand)]
pub enum ApikeyCommand {
    /// A new key, printed once (prefix credctl_ak_); only its Argon2id hash is kept
    Create {
        name: String,
        /// What the key may do (repeatable)
        #[arg(long = "scope", value_name = "S")]
        scopes: Vec<String>,
    },
    /// Exit 0 if KEY is NAME's and not revoked, 1 otherwise
    Verify {
        name: String,
        /// The key (default, or `-`: read from stdin, which keeps it off the command line)
        key: Option<String>,
    },
    /// Revoke a key: it verifies nothing from now on
    Revoke { name: String },
    /// Every key: name, scopes, a hint of its first characters, created, revoked (never the key)
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PasswdAlgo {
    /// bcrypt, cost 12 (nats-server, most web stacks)
    Bcrypt,
    /// Argon2id, m=19 MiB t=2 p=1 (OWASP's minimum)
    Argon2id,
}

#[derive(Debug, Subcommand)]
pub enum PasswdCommand {
    /// Print the hash of a password typed twice at a terminal, or the first line of stdin
    Hash {
        #[arg(long, value_enum)]
        algo: PasswdAlgo,
    },
}

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Make a key (NAME.key, 0600) and a CSR for it; prints the key fingerprint to read aloud
    /// (no store needed)
    Create(RequestCreateArgs),
}

#[derive(Debug, Args)]
pub struct RequestCreateArgs {
    /// The certificate name (the CSR's common name)
    pub name: String,
    /// The profile the CA will sign it with (dev, edge, node, hub, ...): recorded in the request
    #[arg(long)]
    pub profile: String,
    #[command(flatten)]
    pub names: NameArgs,
    /// Key type
    #[arg(long, value_enum, default_value_t = KeyType::EcdsaP256)]
    pub key_type: KeyType,
    /// The request file to carry to the CA (never overwritten)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Where the key waits for its certificate (default: NAME.key beside the request)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum BundleCommand {
    /// Check the chain (and with --ca-fingerprint, the root), that the certificate is for the
    /// waiting key, then install NAME.crt, NAME.key and ca.crt in a new directory (no store
    /// needed)
    Import(BundleImportArgs),
}

#[derive(Debug, Args)]
pub struct BundleImportArgs {
    /// The bundle written by `cert sign`
    #[arg(value_name = "BUNDLE")]
    pub bundle: PathBuf,
    /// The waiting key (default: NAME.key beside the bundle)
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// A new directory for NAME.crt, NAME.key (0600) and ca.crt
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export: the online hand-off (the only kind so far)
    #[arg(long, required = true)]
    pub for_online: bool,
    /// A new directory for the hand-off
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct VerifyOnlineArgs {
    /// The hand-off directory written by `export --for-online`
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The CA chain you keep (ca.crt): the hand-off's root must be its root (or pass the
    /// global --ca-fingerprint)
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file (0600; never overwritten)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `credctl backup`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum RotateCommand {
    /// New random passwords (bcrypt cost 11) for members whose password is older than
    /// --older-than, every hub re-rendered; re-running an interrupted run finishes it
    Passwords(RotatePasswordsArgs),
    /// Renew every certificate that expires within DURATION (new keys; hub certificates keep
    /// theirs and their directories are re-rendered)
    Certs(RotateCertsArgs),
    /// Re-issue NATS user JWTs that expire within DURATION: same permissions, same lifetime
    /// from now, new .creds in DIR/ACCOUNT/
    NatsUsers(RotateNatsUsersArgs),
}

#[derive(Debug, Args)]
pub struct RotateNatsUsersArgs {
    /// Re-issue user JWTs that expire within DURATION (e.g. 7d)
    #[arg(long, value_name = "DURATION")]
    pub expiring_within: String,
    /// Print what would be re-issued; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Output directory: ACCOUNT/NAME.creds (0600)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RotateCertsArgs {
    /// Renew certificates that expire within DURATION (e.g. 30d)
    #[arg(long, value_name = "DURATION")]
    pub expiring_within: String,
    /// Only certificates of this profile (repeatable)
    #[arg(long, value_name = "PROFILE")]
    pub profile: Vec<String>,
    /// Renew for the old keys (CSR-only devices, whose keys never leave them): no key goes out
    #[arg(long)]
    pub reuse_key: bool,
    /// Print what would be renewed; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Output directory for the renewed certificates and new keys (NAME.crt, NAME.key)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RotatePasswordsArgs {
    /// Only passwords set longer ago than DURATION (default: every selected member's)
    #[arg(long, value_name = "DURATION")]
    pub older_than: Option<String>,
    /// Which passwords (repeatable; default all): dev (password mode), edge (leafnode), route
    /// (cluster), system, service (`dev add --service`)
    #[arg(long, value_enum)]
    pub kind: Vec<RotateKind>,
    /// Print what would be rotated; change nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Members per commit (a kill loses at most one chunk; re-running redoes it)
    #[arg(long, default_value_t = crate::ops::rotate::DEFAULT_CHUNK, value_name = "N", hide = true)]
    pub chunk_size: usize,
    /// Output directory: secret/ gets NAME.password and edge NAME.conf (0600, never publish);
    /// sealed/ gets NAME.password.age for developers with a recipient (safe to publish)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RotateKind {
    Dev,
    Edge,
    /// The route user of a cluster (sealed in the store; every clustered hub re-rendered)
    Route,
    System,
    /// Service users (`dev add --service`): a new NAME.env each
    Service,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Flag certificates and NATS user JWTs that expire within DURATION
    #[arg(long, default_value = "30d", value_name = "DURATION")]
    pub within: String,
    /// Flag CA certificates that expire within DURATION (a rollover needs lead time)
    #[arg(long, default_value = "180d", value_name = "DURATION")]
    pub ca_within: String,
    /// Flag passwords older than DURATION
    #[arg(long, default_value = "90d", value_name = "DURATION")]
    pub password_max_age: String,
    /// Output format (--json is the same as --format json)
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Text,
    Json,
    /// node_exporter's textfile collector format
    Prometheus,
}

#[derive(Debug, Subcommand)]
pub enum NatsCommand {
    /// Create the operator, the system account and its user
    Init {
        /// Operator name
        #[arg(long)]
        operator: String,
        /// Where to write the system user's credentials (0600, never overwritten)
        #[arg(long, value_name = "FILE", default_value = "sys.creds")]
        sys_creds: PathBuf,
        /// The account server URL in the operator JWT (account_server_url)
        #[arg(long, value_name = "URL")]
        account_server_url: Option<String>,
        /// A NATS URL of the operator's servers in its JWT (operator_service_urls; repeatable)
        #[arg(long = "service-url", value_name = "URL")]
        service_urls: Vec<String>,
    },
    /// The operator: its signing keys
    #[command(subcommand)]
    Operator(NatsOperatorCommand),
    /// Account management
    #[command(subcommand)]
    Account(NatsAccountCommand),
    /// User management
    #[command(subcommand)]
    User(NatsUserCommand),
    /// Write a nats-server resolver config: operator, system_account, resolver, account preloads
    Resolver {
        /// Output file (public data only)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// A full resolver storing account JWTs in DIR on the server (updatable with `nats push`)
        /// instead of MEMORY
        #[arg(long, value_name = "DIR")]
        full: Option<String>,
    },
    /// Export the operator JWT (DIR/operator.jwt) and every account JWT (DIR/NAME.jwt), public,
    /// for the servers and `nats push` on the online side
    Export {
        /// Output directory
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Publish account JWTs to a running cluster's resolver through the system account
    Push(NatsPushArgs),
    /// Print the decoded claims of the operator, an account, or a user (ACCOUNT/USER)
    Describe {
        /// operator name, account name, or ACCOUNT/USER
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct NatsPushArgs {
    /// Server URL, e.g. nats://127.0.0.1:4222 or tls://hub.example.com:4222
    #[arg(long, value_name = "URL")]
    pub server: String,
    /// The system account user's .creds file
    #[arg(long, value_name = "FILE")]
    pub creds: PathBuf,
    /// Push the *.jwt files of DIR (from `nats export`) instead of reading the store
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,
    /// The CA certificate(s) that certified a TLS server (PEM); required for TLS: the system's
    /// roots are not consulted
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum NatsAccountCommand {
    /// Create an account signed by the operator
    Add(Box<NatsAccountAddArgs>),
    /// Replace the account's signing key and re-sign every active user with the new one
    RotateSigningKey {
        /// Account name
        name: String,
        /// Directory for the users' new .creds files (0600)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Revoke a whole account for good: its JWT admits no connection and revokes every user
    Revoke {
        /// Account name
        name: String,
    },
    /// What the account offers other accounts (streams and services)
    #[command(subcommand)]
    Export(NatsExportCommand),
    /// What the account takes from other accounts' exports
    #[command(subcommand)]
    Import(NatsImportCommand),
    /// Scoped signing keys: roles whose template fixes their users' permissions and limits
    #[command(subcommand)]
    SigningKey(NatsSigningKeyCommand),
}

#[derive(Debug, Subcommand)]
pub enum NatsOperatorCommand {
    /// Add an operator signing key: every account JWT is re-signed with it now and from now on,
    /// so the operator's own key is needed only to change the operator JWT
    SigningKey {
        /// Write the new operator JWT here too (public), for the servers' `operator:` setting
        #[arg(long, value_name = "FILE")]
        jwt_out: Option<PathBuf>,
    },
}

/// An export or import's subject, its account and its kind.
#[derive(Debug, Args, Clone)]
pub struct NatsSubjectArgs {
    /// The account
    #[arg(long)]
    pub account: String,
    /// The subject (wildcards allowed)
    #[arg(long)]
    pub subject: String,
    /// A service (request/reply)
    #[arg(long, conflicts_with = "stream", required_unless_present = "stream")]
    pub service: bool,
    /// A stream (messages flow to the importer)
    #[arg(long)]
    pub stream: bool,
}

#[derive(Debug, Subcommand)]
pub enum NatsExportCommand {
    /// Offer a subject to other accounts (public, or private: importers need an activation token)
    Add(Box<NatsExportAddArgs>),
    /// Stop offering a subject (imports of it stop working once the account JWT is published)
    Rm {
        /// The exporting account
        #[arg(long)]
        account: String,
        /// The exported subject
        #[arg(long)]
        subject: String,
    },
    /// The account's exports
    List {
        /// The account
        #[arg(long)]
        account: String,
    },
    /// Make an activation token that lets one account import a private export
    Activate(Box<NatsActivateArgs>),
    /// Revoke the activation tokens one account holds for a private export (issued until now)
    RevokeActivation {
        /// The exporting account
        #[arg(long)]
        account: String,
        /// The exported subject (or one inside it)
        #[arg(long)]
        subject: String,
        /// The importing account: a name of this store or a public account key (A...)
        #[arg(long = "for", value_name = "ACCOUNT")]
        importer: String,
    },
}

#[derive(Debug, Args)]
pub struct NatsExportAddArgs {
    #[command(flatten)]
    pub target: NatsSubjectArgs,
    /// Private: an importer needs an activation token (`export activate`)
    #[arg(long)]
    pub private: bool,
    /// A name for the export
    #[arg(long)]
    pub name: Option<String>,
    /// A service's response: singleton (one reply), stream or chunked
    #[arg(long, value_enum, requires = "service")]
    pub response_type: Option<NatsResponseType>,
    /// How long a stream or chunked service may take between parts (e.g. 5s)
    #[arg(long, value_name = "DURATION", requires = "response_type")]
    pub response_threshold: Option<String>,
    /// Advertise the export (for tooling that lists what accounts offer)
    #[arg(long)]
    pub advertise: bool,
    /// What the export is, for people
    #[arg(long)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NatsResponseType {
    Singleton,
    Stream,
    Chunked,
}

#[derive(Debug, Args)]
pub struct NatsActivateArgs {
    /// The exporting account
    #[arg(long)]
    pub account: String,
    /// The exported subject (or a narrower one within it)
    #[arg(long)]
    pub subject: String,
    /// The importing account: a name in this store, or a public account key (A...)
    #[arg(long = "for", value_name = "ACCOUNT")]
    pub importer: String,
    /// The token expires after DURATION (default: never)
    #[arg(long, value_name = "DURATION")]
    pub expires: Option<String>,
    /// Output file for the token (never overwritten)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum NatsImportCommand {
    /// Import another account's export
    Add(Box<NatsImportAddArgs>),
    /// Drop an import
    Rm {
        /// The importing account
        #[arg(long)]
        account: String,
        /// The imported subject
        #[arg(long)]
        subject: String,
    },
    /// The account's imports
    List {
        /// The account
        #[arg(long)]
        account: String,
    },
}

#[derive(Debug, Args)]
pub struct NatsImportAddArgs {
    #[command(flatten)]
    pub target: NatsSubjectArgs,
    /// The exporting account: a name in this store, or a public account key (A...)
    #[arg(long, value_name = "ACCOUNT")]
    pub from_account: String,
    /// The activation token file of a private export (`export activate --for THIS`)
    #[arg(long, value_name = "FILE")]
    pub token: Option<PathBuf>,
    /// Where the subject appears in the importing account, when elsewhere
    #[arg(long, value_name = "SUBJECT")]
    pub local_subject: Option<String>,
    /// A name for the import
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum NatsSigningKeyCommand {
    /// Add a signing key: with --role, a scoped key whose users get the template given here
    Add(Box<NatsSigningKeyAddArgs>),
    /// Replace a role's template (permissions and limits; given whole) and, if given, its
    /// description: its users get it with the .creds they have, once the JWT is published
    Edit(Box<NatsSigningKeyAddArgs>),
    /// Remove a role's key: every user it signed is revoked
    Rm {
        /// The account
        #[arg(long)]
        account: String,
        /// The role
        #[arg(long)]
        role: String,
    },
    /// Replace a role's key and re-sign its active users (new .creds in DIR)
    Rotate {
        /// The account
        #[arg(long)]
        account: String,
        /// The role
        #[arg(long)]
        role: String,
        /// Directory for the users' new .creds files (0600)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// The account's signing keys and roles
    List {
        /// The account
        #[arg(long)]
        account: String,
    },
}

#[derive(Debug, Args)]
pub struct NatsSigningKeyAddArgs {
    /// The account
    #[arg(long)]
    pub account: String,
    /// The role: a scoped key; its users carry no permissions of their own
    #[arg(long)]
    pub role: Option<String>,
    /// What the role is, for people
    #[arg(long, requires = "role")]
    pub description: Option<String>,
    #[command(flatten)]
    pub limits: NatsUserLimitArgs,
}

/// What a NATS user may do: its own, or a role's template.
#[derive(Debug, Args, Clone, Default)]
pub struct NatsUserLimitArgs {
    #[command(flatten)]
    pub access: AccessArgs,
    /// Most subscriptions (-1: unlimited)
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub max_subs: Option<i64>,
    /// Most data in flight (bytes; K, M, G suffixes; -1: unlimited)
    #[arg(long, value_name = "BYTES", allow_negative_numbers = true, value_parser = byte_size)]
    pub max_data: Option<i64>,
    /// Largest message payload (bytes; K, M, G suffixes; -1: unlimited)
    #[arg(long, value_name = "BYTES", allow_negative_numbers = true, value_parser = byte_size)]
    pub max_payload: Option<i64>,
    /// A network the user may connect from, in CIDR form (repeatable)
    #[arg(long = "src", value_name = "CIDR")]
    pub src: Vec<String>,
    /// A daily window the user may connect in, HH:MM:SS-HH:MM:SS (repeatable)
    #[arg(long = "time", value_name = "HH:MM:SS-HH:MM:SS")]
    pub times: Vec<String>,
    /// The IANA time zone of the --time windows (default: the server's)
    #[arg(long, value_name = "ZONE")]
    pub locale: Option<String>,
    /// May publish N replies to each request it receives, whatever its publish permissions
    #[arg(long, value_name = "N")]
    pub allow_pub_response: Option<i64>,
    /// ... within DURATION of the request (default: the server's, 2 min)
    #[arg(long, value_name = "DURATION", requires = "allow_pub_response")]
    pub response_ttl: Option<String>,
    /// Bearer token: the JWT alone authenticates (no nonce signature); off by default
    #[arg(long)]
    pub bearer: bool,
}

/// A byte count: digits with an optional K, M, G or T suffix (powers of 1024), or -1.
pub fn byte_size(text: &str) -> Result<i64, String> {
    let t = text.trim();
    if t == "-1" {
        return Ok(-1);
    }
    let upper = t.to_ascii_uppercase();
    let digits = upper.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = match &upper[digits.len()..] {
        "" | "B" => 1i64,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        "T" | "TB" | "TIB" => 1 << 40,
        _ => return Err(format!("{text:?}: unknown unit (use K, M, G or T)")),
    };
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .and_then(|n| n.checked_mul(unit))
        .ok_or_else(|| format!("{text:?} is not a byte count (e.g. 512M, 10G, or -1)"))
}

#[derive(Debug, Args)]
pub struct NatsAccountAddArgs {
    /// Account name
    pub name: String,
    /// Most connections (-1: unlimited)
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "N")]
    pub max_conn: i64,
    /// Most leaf node connections (-1: unlimited)
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "N")]
    pub max_leaf: i64,
    /// Most subscriptions (-1: unlimited)
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "N")]
    pub max_subs: i64,
    /// Largest payload in bytes (-1: unlimited)
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "BYTES")]
    pub max_payload: i64,
    /// Most data in flight in bytes (-1: unlimited)
    #[arg(long, default_value_t = -1, allow_negative_numbers = true, value_name = "BYTES")]
    pub max_data: i64,
    /// Enable JetStream for the account (unlimited storage, streams, consumers)
    #[arg(long)]
    pub jetstream: bool,
    /// JetStream memory storage (bytes; K, M, G suffixes; -1: unlimited); enables JetStream
    #[arg(long, value_name = "BYTES", allow_negative_numbers = true, value_parser = byte_size)]
    pub js_mem_storage: Option<i64>,
    /// JetStream disk storage (bytes; K, M, G suffixes; -1: unlimited); enables JetStream
    #[arg(long, value_name = "BYTES", allow_negative_numbers = true, value_parser = byte_size)]
    pub js_disk_storage: Option<i64>,
    /// Most JetStream streams (-1: unlimited); enables JetStream
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub js_streams: Option<i64>,
    /// Most JetStream consumers (-1: unlimited); enables JetStream
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    pub js_consumers: Option<i64>,
    /// Give the account a signing key: users are issued with it, the account key stays idle
    #[arg(long)]
    pub signing_key: bool,
}

#[derive(Debug, Subcommand)]
pub enum NatsUserCommand {
    /// Create a user and write its .creds file (JWT + seed, 0600)
    Add(Box<NatsUserAddArgs>),
    /// Revoke a user: the account JWT gets a revocation and is re-signed
    Revoke {
        /// User name
        name: String,
        /// Account of the user
        #[arg(long)]
        account: String,
    },
}

#[derive(Debug, Args)]
pub struct NatsUserAddArgs {
    /// User name
    #[arg(required_unless_present = "from", conflicts_with = "from")]
    pub name: Option<String>,
    /// Create one user per line of FILE; --out is then a directory of NAME.creds
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Account the user belongs to
    #[arg(long)]
    pub account: String,
    /// Sign with this role's scoped key: the user gets the role's permissions and limits
    #[arg(long)]
    pub role: Option<String>,
    #[command(flatten)]
    pub limits: NatsUserLimitArgs,
    /// A tag in the user JWT (repeatable; stored lower case)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The JWT expires after DURATION (e.g. 30d)
    #[arg(long, value_name = "DURATION")]
    pub expires: Option<String>,
    /// Output .creds file (0600, never overwritten); with --from, a directory
    #[arg(long, value_name = "FILE|DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Issue a hub's certificate, generate its secrets, render its config (--cluster-of: join a cluster)
    Init(HubInitArgs),
    /// Render DIR/hub.conf and its include files from the store (no password is re-hashed)
    Render {
        /// Output directory
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The hub to render (required when the store has several)
        #[arg(long, value_name = "NAME")]
        hub: Option<String>,
        /// Directory with template overrides (hub.conf.j2, auth.conf.j2, ...)
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Make DIR the hub directory that `dev add/remove` and `edge add/remove` re-render
        /// (after moving or copying the store, or to adopt a new location)
        #[arg(long)]
        record: bool,
    },
    /// Set an account's limits on every hub (no flag: remove them) and re-render
    AccountLimits(AccountLimitsArgs),
    /// Take over the users of a hand-written nats-server config (authorization or accounts
    /// blocks): each with its developer certificate, bcrypt hash and permissions; re-render
    Import {
        /// The configuration file holding the users
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// The account of `authorization { users }` (which nats-server puts in its global account)
        #[arg(long, default_value = crate::hub::DEFAULT_ACCOUNT)]
        account: String,
        /// List what would come in and what would be left out, and why; change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Signal the hub's running nats-server to reload (pid_file in the deploy directory) and,
    /// with a loopback --monitor-port, check that it did: exit 1 "restart needed" when not
    Reload {
        /// The hub (required when the store has several)
        #[arg(long, value_name = "NAME")]
        hub: Option<String>,
    },
    /// Hand the hub's sealed JetStream key back out (0600), e.g. for a backup
    JetstreamKey {
        /// The hub (required when the store has several)
        #[arg(long, value_name = "NAME")]
        hub: Option<String>,
        /// Output file, NATS_JETSTREAM_KEY=... (0600, never overwritten)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct AccountLimitsArgs {
    /// Account name
    pub account: String,
    /// Most client connections the account may have at once
    #[arg(long, value_name = "N")]
    pub max_connections: Option<u32>,
    /// Most subscriptions the account may hold
    #[arg(long, value_name = "N")]
    pub max_subscriptions: Option<u32>,
    /// Largest message payload in bytes
    #[arg(long, value_name = "BYTES")]
    pub max_payload: Option<u32>,
    /// Most leaf node connections
    #[arg(long, value_name = "N")]
    pub max_leafnodes: Option<u32>,
}

#[derive(Debug, Args)]
pub struct HubInitArgs {
    /// Key type of the new key (default: the profile's; ecdsa-p256 unless profiles.toml says)
    #[arg(long, value_enum)]
    pub key_type: Option<KeyType>,
    /// Hub server name (also the name of its certificate)
    #[arg(long)]
    pub name: String,
    /// DNS name of the hub (repeatable)
    #[arg(long = "dns", value_name = "NAME", required = true)]
    pub dns: Vec<String>,
    #[command(flatten)]
    pub subject: SubjectArgs,
    /// IP address of the hub (repeatable)
    #[arg(long = "ip", value_name = "IP")]
    pub ips: Vec<std::net::IpAddr>,
    /// How clients authenticate (a hub joining a cluster takes the cluster's)
    #[arg(long, value_enum, default_value_t = TlsMode::Password, conflicts_with = "cluster_of")]
    pub tls_mode: TlsMode,
    /// Address the hub listens on
    #[arg(long, default_value = "0.0.0.0", value_name = "HOST")]
    pub listen: String,
    /// Client port
    #[arg(long, default_value_t = 4222)]
    pub port: u16,
    /// Leafnode port for edges
    #[arg(long, default_value_t = 7422)]
    pub leaf_port: u16,
    /// Cluster port (enables clustering: TLS routes to every hub of the store's cluster, with a
    /// route password credctl generates and keeps sealed)
    #[arg(long)]
    pub cluster_port: Option<u16>,
    /// Add this hub to the cluster of an existing hub of the store (taking its TLS mode and
    /// JetStream setting)
    #[arg(long, value_name = "HUB", requires = "cluster_port")]
    pub cluster_of: Option<String>,
    /// Enable JetStream with encryption at rest (key generated once, written to DIR/jetstream.env;
    /// a hub joining a cluster takes the cluster's setting)
    #[arg(long, conflicts_with = "cluster_of")]
    pub jetstream: bool,
    /// Where the rendered files will live on the hub host (default: the absolute --out path)
    #[arg(long, value_name = "PATH")]
    pub deploy_dir: Option<String>,
    /// Serve nats-server's monitoring endpoint on this port (/varz, /connz, ...)
    #[arg(long, value_name = "PORT")]
    pub monitor_port: Option<u16>,
    /// Address of the monitoring endpoint: plain HTTP on loopback, HTTPS (the hub's TLS) elsewhere
    #[arg(
        long,
        value_name = "HOST",
        default_value = "127.0.0.1",
        requires = "monitor_port"
    )]
    pub monitor_host: String,
    /// Output directory: config, hub certificate and key, one-time secrets
    #[arg(long, value_name = "DIR", default_value = "hub")]
    pub out: PathBuf,
}

/// Subject permissions and connection types of a NATS user (config user or JWT user).
#[derive(Debug, Args, Clone, Default)]
pub struct AccessArgs {
    /// Subject the user may publish to (repeatable)
    #[arg(long = "allow-pub", value_name = "SUBJECT")]
    pub allow_pub: Vec<String>,
    /// Subject the user may subscribe to (repeatable)
    #[arg(long = "allow-sub", value_name = "SUBJECT")]
    pub allow_sub: Vec<String>,
    /// Subject the user may not publish to (repeatable)
    #[arg(long = "deny-pub", value_name = "SUBJECT")]
    pub deny_pub: Vec<String>,
    /// Subject the user may not subscribe to (repeatable)
    #[arg(long = "deny-sub", value_name = "SUBJECT")]
    pub deny_sub: Vec<String>,
    /// Connection types allowed (STANDARD, WEBSOCKET, LEAFNODE, MQTT; repeatable)
    #[arg(long = "connection-type", value_name = "TYPE")]
    pub connection_types: Vec<String>,
}

impl AccessArgs {
    pub fn to_access(&self) -> crate::ops::Access {
        crate::ops::Access {
            allow_pub: self.allow_pub.clone(),
            allow_sub: self.allow_sub.clone(),
            deny_pub: self.deny_pub.clone(),
            deny_sub: self.deny_sub.clone(),
            connection_types: self.connection_types.clone(),
        }
    }
}

/// Permissions and limits of a developer.
#[derive(Debug, Args, Clone, Default)]
pub struct DevPermissionArgs {
    /// Account the developer belongs to
    #[arg(long, default_value = crate::hub::DEFAULT_ACCOUNT)]
    pub account: String,
    #[command(flatten)]
    pub access: AccessArgs,
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Issue the dev's certificate and password, add the user, re-render the hub config
    Add(Box<DevAddArgs>),
    /// Revoke the dev's certificate, drop the user, issue a new CRL, re-render
    Remove {
        name: String,
        /// Reason recorded in the CRL
        #[arg(long, value_enum, default_value_t = Reason::PrivilegeWithdrawn)]
        reason: Reason,
    },
    /// List developers
    List,
}

#[derive(Debug, Args)]
pub struct DevAddArgs {
    /// Key type of the new key (default: the profile's; ecdsa-p256 unless profiles.toml says)
    #[arg(long, value_enum)]
    pub key_type: Option<KeyType>,
    /// Developer name (certificate CN, user name, file names)
    #[arg(required_unless_present = "from", conflicts_with = "from")]
    pub name: Option<String>,
    /// CSV roster: name[,email[,account]] a line; one unlock, passwords hashed on all cores
    #[arg(long, value_name = "CSV")]
    pub from: Option<PathBuf>,
    /// Email address (added to the certificate)
    #[arg(long)]
    pub email: Option<String>,
    #[command(flatten)]
    pub subject: SubjectArgs,
    #[command(flatten)]
    pub permissions: DevPermissionArgs,
    #[command(flatten)]
    pub validity: ValidityArgs,
    /// Replace an old bundle of the same name in DIR (e.g. of a developer removed earlier)
    #[arg(long)]
    pub replace_bundle: bool,
    /// The developer's age recipient (age1...): passwords handed out for them (now and by
    /// `rotate passwords`) are also age-encrypted to it (roster: a fourth column)
    #[arg(long, value_name = "AGE1...", conflicts_with = "from")]
    pub recipient: Option<String>,
    /// A service user (an application's): its password is handed out as NAME.env
    /// (NATS_USER=..., NATS_PASSWORD=...) for its deployment; `rotate passwords --kind service`
    #[arg(long)]
    pub service: bool,
    #[command(flatten)]
    pub p12: P12Args,
    /// Output directory for the bundle
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum EdgeCommand {
    /// Issue the edge's certificate and leafnode password; write its own nats-server config
    Add(Box<EdgeAddArgs>),
    /// Revoke the edge's certificate, drop its leafnode user, issue a new CRL, re-render
    Remove {
        name: String,
        /// Reason recorded in the CRL
        #[arg(long, value_enum, default_value_t = Reason::CessationOfOperation)]
        reason: Reason,
    },
}

#[derive(Debug, Args)]
pub struct EdgeAddArgs {
    /// Key type of the new key (default: the profile's; ecdsa-p256 unless profiles.toml says)
    #[arg(long, value_enum)]
    pub key_type: Option<KeyType>,
    /// Edge name
    pub name: String,
    /// The hub's leafnode URL, e.g. tls://hub.example.com:7422
    #[arg(long, value_name = "URL")]
    pub hub_url: String,
    /// Account the edge's traffic belongs to on the hub
    #[arg(long, default_value = crate::hub::DEFAULT_ACCOUNT)]
    pub account: String,
    /// DNS name of the edge (for its local server role; repeatable)
    #[arg(long = "dns", value_name = "NAME")]
    pub dns: Vec<String>,
    #[command(flatten)]
    pub subject: SubjectArgs,
    /// Address the edge's own server listens on for local clients
    #[arg(long, default_value = crate::hub::DEFAULT_EDGE_LISTEN, value_name = "HOST:PORT")]
    pub listen: String,
    /// Where the edge's files will live on the edge host (default: the absolute --out path)
    #[arg(long, value_name = "PATH")]
    pub deploy_dir: Option<String>,
    /// Write the config even though no hub certificate names the --hub-url host
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub p12: P12Args,
    /// Output directory: NAME.crt, NAME.key, ca.crt, NAME.conf (0600, holds the password)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// --days / --hours: how long a certificate is valid (default: the profile's).
#[derive(Debug, Args, Clone, Copy)]
#[group(multiple = false)]
pub struct ValidityArgs {
    /// Validity in days
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// Validity in hours
    #[arg(long, value_name = "N")]
    pub hours: Option<u32>,
}

/// Subject alternative names.
#[derive(Debug, Args, Clone)]
pub struct NameArgs {
    /// DNS name (repeatable; profiles edge and hub)
    #[arg(long = "dns", value_name = "NAME")]
    pub dns: Vec<String>,
    /// IP address (repeatable; profiles edge and hub)
    #[arg(long = "ip", value_name = "IP")]
    pub ips: Vec<std::net::IpAddr>,
    /// Email address (profile dev)
    #[arg(long = "email", value_name = "EMAIL")]
    pub emails: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum CertCommand {
    /// Generate a key and issue a certificate: DIR/NAME.crt, DIR/NAME.key (0600), DIR/ca.crt
    Issue(IssueArgs),
    /// Sign a CSR made elsewhere (the private key never leaves its device)
    Sign(SignArgs),
    /// Write NAME's current certificate, its chain and the holder's key as a PKCS#12 file
    /// (the store never holds leaf keys: --key gives it)
    Export {
        /// Certificate name
        name: String,
        /// Output format
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The certificate's private key (PEM, not encrypted)
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// File holding the PKCS#12 passphrase (first line; 0600); else
        /// $CREDCTL_P12_PASSPHRASE or a terminal
        #[arg(long, value_name = "FILE")]
        p12_passphrase_file: Option<PathBuf>,
        /// Output file (0600, never overwritten)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Issue a fresh certificate for NAME with the same profile and names; the old one is superseded
    Renew(RenewArgs),
    /// Revoke certificates by name or serial
    Revoke(RevokeArgs),
    /// List issued certificates
    List(ListArgs),
    /// Show one certificate by name or serial
    Show {
        /// Name or serial (hex)
        #[arg(value_name = "NAME|SERIAL")]
        target: String,
    },
    /// Check a certificate: chain to this CA, validity window, revocation; exit 1 when bad
    Verify {
        /// PEM certificate file
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Certificate name: the CN, and the file names in DIR
    #[arg(
        value_name = "NAME",
        required_unless_present = "from",
        conflicts_with = "from"
    )]
    pub name: Option<String>,
    /// Issue one certificate per line of FILE (blank lines and # comments skipped), one unlock
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Profile: dev, edge, node, hub, or one the store defines
    #[arg(long)]
    pub profile: String,
    #[command(flatten)]
    pub names: NameArgs,
    #[command(flatten)]
    pub validity: ValidityArgs,
    /// Key type of the new key (default: the profile's; ecdsa-p256 unless profiles.toml says)
    #[arg(long, value_enum)]
    pub key_type: Option<KeyType>,
    #[command(flatten)]
    pub subject: SubjectArgs,
    /// Bind a node certificate to a device MAC (profile node)
    #[arg(long, value_name = "MAC")]
    pub bind_mac: Option<String>,
    /// Replace an active certificate of the same name (the old one is superseded, not revoked)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub p12: P12Args,
    /// Output directory (created 0700 if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Subject attributes the command line sets, within what the profile allows.
#[derive(Debug, Args, Clone, Default)]
pub struct SubjectArgs {
    /// A subject attribute, C, ST, L or O (repeatable), e.g. --subject "O=Example Ltd"; only
    /// those the profile's subject_settable names (profiles.toml); a renewal keeps them
    #[arg(long = "subject", value_name = "ATTR=VALUE")]
    pub subject: Vec<String>,
}

impl SubjectArgs {
    pub fn parse(&self) -> crate::error::Result<crate::x509::profile::SubjectAttrs> {
        self.subject
            .iter()
            .map(|text| crate::x509::profile::parse_subject_flag(text))
            .collect()
    }
}

/// What `cert export` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// PKCS#12: AES-256 + PBKDF2-SHA256, HMAC-SHA256
    P12,
}

/// A PKCS#12 copy of each bundle, for browsers, Windows, Java and device provisioning tools.
#[derive(Debug, Args, Clone, Default)]
pub struct P12Args {
    /// Also write NAME.p12 (key, certificate and chain; AES-256 + PBKDF2-SHA256, HMAC-SHA256),
    /// its passphrase from --p12-passphrase-file, $CREDCTL_P12_PASSPHRASE or a terminal
    #[arg(long)]
    pub p12: bool,
    /// File holding the PKCS#12 passphrase (first line; 0600)
    #[arg(long, value_name = "FILE", requires = "p12")]
    pub p12_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    /// PEM certificate signing request
    #[arg(value_name = "CSR")]
    pub csr: PathBuf,
    /// Profile: dev, edge, node, hub, or one the store defines
    #[arg(long)]
    pub profile: String,
    /// Certificate name (default: the CSR's common name)
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub names: NameArgs,
    #[command(flatten)]
    pub validity: ValidityArgs,
    #[command(flatten)]
    pub subject: SubjectArgs,
    /// Replace an active certificate of the same name
    #[arg(long)]
    pub force: bool,
    /// Output certificate file (never overwritten)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RenewArgs {
    /// Name of the certificate to renew
    pub name: String,
    #[command(flatten)]
    pub validity: ValidityArgs,
    /// Keep the old public key (for certificates signed from a CSR: only NAME.crt is written)
    #[arg(long, conflicts_with = "p12")]
    pub reuse_key: bool,
    /// Also revoke the old certificate (reason superseded) instead of letting it run out
    #[arg(long)]
    pub revoke_old: bool,
    /// Key type of the new key (default: the old certificate's)
    #[arg(long, value_enum)]
    pub key_type: Option<KeyType>,
    #[command(flatten)]
    pub p12: P12Args,
    /// Output directory: NAME.crt, NAME.key, ca.crt; for a hub edge also NAME.conf (0600: its
    /// config with a new leafnode password)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Names or serials (hex) to revoke
    #[arg(value_name = "NAME|SERIAL", required = true)]
    pub targets: Vec<String>,
    /// Reason recorded in the CRL
    #[arg(long, value_enum, default_value_t = Reason::Unspecified)]
    pub reason: Reason,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only active certificates that expire within DURATION (e.g. 30d)
    #[arg(long, value_name = "DURATION")]
    pub expiring_within: Option<String>,
    /// Only revoked certificates
    #[arg(long)]
    pub revoked: bool,
    /// Only certificates of this profile
    #[arg(long)]
    pub profile: Option<String>,
}

#[derive(Debug, Args)]
pub struct CrlArgs {
    /// Days until the CRL's nextUpdate (default: the store's, `ca settings --crl-days`, else 7)
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// Output file (PEM; replaced if it exists)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// With an intermediate: also write the root's CRL over the intermediate to FILE, so
    /// verifiers that check every CA of the chain (openssl -crl_check_all) find one
    #[arg(long, value_name = "FILE")]
    pub root_out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Common name of the root CA
    #[arg(long, required_unless_present = "import_ca")]
    pub name: Option<String>,

    /// Adopt an existing CA: its certificate (PEM; an intermediate with its root after it)
    #[arg(
        long,
        value_name = "CERT",
        requires = "import_key",
        conflicts_with_all = ["name", "intermediate"]
    )]
    pub import_ca: Option<PathBuf>,

    /// The adopted CA's private key (PEM: PKCS#8, encrypted PKCS#8, SEC1 or PKCS#1); sealed in
    /// the store, the file is left for you to destroy
    #[arg(long, value_name = "KEY", requires = "import_ca")]
    pub import_key: Option<PathBuf>,

    #[command(flatten)]
    pub key_passphrase: ImportKeyPassphraseArgs,

    /// With --import-ca: check the CA and its key and say what the store would hold; create
    /// nothing
    #[arg(long, requires = "import_ca")]
    pub dry_run: bool,

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

/// Where the passphrase of an encrypted key being imported comes from (else a terminal prompt).
#[derive(Debug, Args, Clone, Default)]
pub struct ImportKeyPassphraseArgs {
    /// File holding the passphrase of an encrypted --import-key (first line; 0600)
    #[arg(long, value_name = "FILE")]
    pub import_key_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A new store from an easy-rsa 3 PKI: its CA, every unexpired certificate of index.txt
    /// (keys stay with their holders), its revocations and CRL numbering
    EasyRsa {
        /// The PKI directory (ca.crt, private/ca.key, index.txt, issued/, ...)
        pki: PathBuf,
        /// List what would come in and what would be left out, and why; create nothing
        #[arg(long)]
        dry_run: bool,
        #[command(flatten)]
        key_passphrase: ImportKeyPassphraseArgs,
        /// scrypt work factor (log2 N) protecting the passphrase wrap
        #[arg(long, default_value_t = DEFAULT_SCRYPT_LOG_N, value_name = "LOG_N")]
        scrypt_log_n: u8,
    },
    /// An nsc operator into this store: its JWTs as they are, the seeds of its keystore sealed
    Nsc {
        /// The operator's directory in nsc's store (holding OPERATOR.jwt and accounts/)
        dir: PathBuf,
        /// nsc's keystore (default: $NKEYS_PATH, else ~/.local/share/nats/nsc/keys)
        #[arg(long, value_name = "DIR")]
        keys: Option<PathBuf>,
        /// List what would come in and what is missing; change nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaCommand {
    /// Subject, SHA-256 fingerprint, validity and key type of the CA, its settings and when the
    /// next CRL is due (no unlock)
    Show,
    /// Install a profiles.toml (same shape as templates/profiles.toml): its profiles replace or
    /// add to the built-in ones for every certificate issued from now on
    Profiles {
        /// The profiles file
        #[arg(long, value_name = "FILE")]
        set: PathBuf,
    },
    /// The CRL lifetime and the URLs every certificate issued from now on carries (CRL
    /// Distribution Points, Authority Information Access); no flag: show them
    Settings {
        /// Days a CRL is valid (`crl`, and the CRLs `dev remove`/`edge remove` issue)
        #[arg(long, value_name = "N")]
        crl_days: Option<u32>,
        /// Where verifiers fetch the CRL (http://...; repeatable)
        #[arg(long = "crl-url", value_name = "URL")]
        crl_urls: Vec<String>,
        /// Remove the CRL URLs
        #[arg(long, conflicts_with = "crl_urls")]
        no_crl_url: bool,
        /// Where verifiers fetch the issuing CA's certificate (http://...; repeatable)
        #[arg(long = "ca-issuers-url", value_name = "URL")]
        ca_issuers_urls: Vec<String>,
        /// Remove the CA issuers URLs
        #[arg(long, conflicts_with = "ca_issuers_urls")]
        no_ca_issuers_url: bool,
    },
    /// Write the public CA chain (issuing CA first) as PEM
    Export {
        /// Output file
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Let an age X25519 identity unlock the store (for automation; skips scrypt)
    AddIdentity(AddIdentityArgs),
    /// Roll the CA over to new keys before it expires: a new root cross-certified both ways with
    /// the old one (clients trusting either keep working; hubs trust both), or a new
    /// intermediate; --finish ends the overlap
    Renew(CaRenewArgs),
    /// List the ways the store can be unlocked: passphrase, identities, share set (no unlock)
    Custodians,
    /// Stop a custodian unlocking the store: its wrap is deleted and the store key rotated, so a
    /// copy of the old wrap (or old shares) opens nothing current
    RemoveCustodian {
        /// `passphrase`, `shares`, or an identity's age1... recipient, as `ca custodians` lists
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Split what unlocks the store M-of-N: one printable share file per custodian; any M
    /// unlock it (`--shares-from`), fewer reveal nothing. Replaces any earlier split and
    /// rotates the store key
    Split(SplitArgs),
    /// Change the passphrase, or set one again after it was removed (unlock with the current
    /// one, an identity or shares)
    Passwd {
        /// Read the new passphrase from FILE instead of prompting
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
        /// scrypt work factor (log2 N) for the new wrap
        #[arg(long, default_value_t = DEFAULT_SCRYPT_LOG_N, value_name = "LOG_N")]
        scrypt_log_n: u8,
    },
}

#[derive(Debug, Args)]
#[group(skip)]
#[command(group(clap::ArgGroup::new("which").required(true).multiple(false)))]
pub struct CaRenewArgs {
    /// A new root (and, with one, a new intermediate), cross-certified with the current root
    #[arg(long, group = "which")]
    pub root: bool,
    /// A new intermediate under the current root
    #[arg(long, group = "which")]
    pub intermediate: bool,
    /// End the overlap: the previous CA is no longer trusted or presented (refused while current
    /// certificates were issued by it, unless --force)
    #[arg(long, group = "which")]
    pub finish: bool,
    /// New keys (always: a rollover never reuses a CA key; accepted for scripts that say so)
    #[arg(long)]
    pub new_key: bool,
    /// Validity of a new root in days
    #[arg(long, default_value_t = 3650, value_name = "N")]
    pub days: u32,
    /// Validity of a new intermediate in days
    #[arg(long, default_value_t = 1825, value_name = "N")]
    pub intermediate_days: u32,
    /// With --finish: end it although current certificates were issued by the previous CA
    #[arg(long, requires = "finish")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// How many shares (custodians), at most 255
    #[arg(long, value_name = "N")]
    pub shares: u8,
    /// How many shares unlock the store (2..=N)
    #[arg(long, value_name = "M")]
    pub threshold: u8,
    /// Encrypt share i to the i-th age recipient (give it N times, in custodian order)
    #[arg(long, value_name = "AGE1")]
    pub to: Vec<String>,
    /// Directory for the share files (share-I-of-N.txt, or .txt.age with --to); none may exist
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
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
    /// Check the hash chain, every store file against the CA-signed state, and its signature;
    /// exit 1 if anything was changed outside credctl
    Verify(AuditVerifyArgs),
    /// Sign the state of a store made by a credctl that did not sign it (once, after checking it)
    Sign,
    /// Print the ceremony transcript: every entry from --since with time, actor, what changed
    /// and fingerprints, ending at the head the CA signed (text for printing and signing by
    /// hand, JSON for `audit verify-export`)
    Export(AuditExportArgs),
    /// Check a JSON transcript on its own (no store): entry hashes and links, the CA's
    /// signature over its head, and with --ca that it is your CA's; exit 1 if anything differs
    VerifyExport(VerifyExportArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TranscriptFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct AuditExportArgs {
    /// The first entry to include (the log starts at 1)
    #[arg(long, default_value_t = 1, value_name = "SEQ")]
    pub since: u64,
    /// text: for printing and signing by hand; json: to check with `audit verify-export`
    #[arg(long, value_enum, default_value_t = TranscriptFormat::Text)]
    pub format: TranscriptFormat,
}

#[derive(Debug, Args)]
pub struct VerifyExportArgs {
    /// A transcript written by `audit export --format json`
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The CA chain you keep apart from the store (ca.crt): the transcript must be signed under it
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    /// Check the store's CA and its signed state against this CA chain (a ca.crt kept apart
    /// from the store) instead of the store's own CA certificate
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
}
