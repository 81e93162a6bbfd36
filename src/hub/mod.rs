//! The hub-and-edge deployment credctl manages: the hub's settings, its members (developers and
//! edges), their passwords (bcrypt hashes only) and the nats-server configuration rendered from
//! them.
//!
//! Store files: `hub/hub.json` (the first hub's settings), `hub/hubs/<NAME>.json` (every other
//! hub of the store's cluster) and `hub/members.json` (devs and edges, shared by every hub).
//! Plaintext secrets are generated and handed out once (0600 files), never kept; the route
//! password every hub's `cluster.conf` carries is the one exception, sealed in the store.

pub mod conf;
pub mod render;

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Refusal, Result};
use crate::store::{Change, Store};

pub const HUB_FILE: &str = "hub/hub.json";
pub const MEMBERS_FILE: &str = "hub/members.json";
pub const JETSTREAM_KEY_FILE: &str = "hub/jetstream.key.age";
/// The hubs after the first, one file each.
pub const HUBS_DIR: &str = "hub/hubs";
/// The cluster's route password, sealed: rendering a clustered hub needs it in plaintext.
pub const ROUTE_PASSWORD_FILE: &str = "hub/route.password.age";
/// The user every route authenticates as.
pub const ROUTE_USER: &str = "route";
pub const DEFAULT_ACCOUNT: &str = "APP";
/// Where an edge's own server listens for local clients unless `edge add --listen` says.
pub const DEFAULT_EDGE_LISTEN: &str = "127.0.0.1:4222";
/// The certificate name and profile of the system account's user (`hub init` issues it).
pub const SYSTEM_USER: &str = "system";
pub const SYSTEM_PROFILE: &str = "system";
pub const SYSTEM_ACCOUNT: &str = "SYS";
/// bcrypt cost for every password credctl hashes.
pub const BCRYPT_COST: u32 = 11;
const PASSWORD_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TlsMode {
    /// mTLS: the certificate selects the user, whose bcrypt password is then checked
    Password,
    /// mTLS; the certificate's subject DN is the user
    VerifyAndMap,
    /// verify-and-map plus an allow-list of the SPKI of every active certificate
    Pinned,
}

impl TlsMode {
    pub fn name(self) -> &'static str {
        match self {
            TlsMode::Password => "password",
            TlsMode::VerifyAndMap => "verify-and-map",
            TlsMode::Pinned => "pinned",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub max_connections: u32,
    pub max_payload: u32,
    pub max_control_line: u32,
    pub max_pending: u64,
    pub ping_interval: String,
    pub ping_max: u32,
    pub write_deadline: String,
    pub tls_timeout: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_connections: 10_000,
            max_payload: 1024 * 1024,
            max_control_line: 4096,
            max_pending: 64 * 1024 * 1024,
            ping_interval: "2m".into(),
            ping_max: 2,
            write_deadline: "10s".into(),
            tls_timeout: 2,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    pub name: String,
    pub dns: Vec<String>,
    pub ips: Vec<IpAddr>,
    pub tls_mode: TlsMode,
    pub listen_host: String,
    pub port: u16,
    pub leaf_port: u16,
    pub cluster_port: Option<u16>,
    /// Legacy: route URLs given on the command line by an older credctl (rendered as they are
    /// while the store has no sealed route password).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cluster_routes: Vec<String>,
    pub jetstream: bool,
    /// Serial of the hub's server certificate.
    pub cert_serial: String,
    /// Where `hub init` rendered the configuration (absolute); `dev add/remove`, `edge
    /// add/remove` and `hub account-limits` re-render there.
    pub render_dir: Option<PathBuf>,
    /// The store's canonical root when `render_dir` was recorded. A store moved or copied
    /// elsewhere refuses to re-render into a directory that belongs to the original; None (a
    /// directory an older credctl recorded) is refused until `hub render --record` confirms it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub render_owner: Option<PathBuf>,
    /// Where the files will live on the hub host (paths inside the config); default render_dir.
    pub deploy_dir: Option<String>,
    /// The system user's bcrypt hash: one system user per store, the same in every hub.
    pub system_password_hash: String,
    /// When that password was set (None: before credctl recorded it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_password_set_at: Option<i64>,
    /// The route user's bcrypt hash, the same in every hub of the cluster.
    pub route_password_hash: Option<String>,
    /// When that password was set (None: before credctl recorded it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route_password_set_at: Option<i64>,
    pub limits: Limits,
    /// Per-account limits (nats-server enforces these; per-user limits do not exist in config).
    #[serde(default)]
    pub account_limits: BTreeMap<String, AccountLimits>,
    /// The monitoring endpoint, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitor: Option<Monitor>,
}

/// nats-server's monitoring endpoint: plain HTTP on loopback, HTTPS (the hub's TLS) elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monitor {
    pub host: String,
    pub port: u16,
}

impl Monitor {
    pub fn is_loopback(&self) -> bool {
        self.host == "localhost"
            || self
                .host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

/// `accounts { NAME { limits { ... } } }`; None leaves the server's default (unlimited).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountLimits {
    pub max_connections: Option<u32>,
    pub max_subscriptions: Option<u32>,
    pub max_payload: Option<u32>,
    pub max_leafnodes: Option<u32>,
}

impl AccountLimits {
    pub fn is_empty(&self) -> bool {
        self == &AccountLimits::default()
    }
}

/// Subject permissions of one user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Permissions {
    #[serde(default)]
    pub publish_allow: Vec<String>,
    #[serde(default)]
    pub publish_deny: Vec<String>,
    #[serde(default)]
    pub subscribe_allow: Vec<String>,
    #[serde(default)]
    pub subscribe_deny: Vec<String>,
}

impl Permissions {
    pub fn is_empty(&self) -> bool {
        self == &Permissions::default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dev {
    pub name: String,
    pub email: Option<String>,
    pub account: String,
    pub password_hash: String,
    pub password_set_at: i64,
    pub cert_serial: String,
    pub spki_sha256: String,
    /// RFC 2253 subject at `dev add`; the hub maps users by the current certificate's subject.
    pub dn: String,
    pub permissions: Permissions,
    pub connection_types: Vec<String>,
    /// The developer's age recipient (`age1...`): new passwords are also handed out encrypted
    /// to it, in a file only the developer can open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// A service user (an application's, like seed 001's app, admin and monitor): its password
    /// is handed out as an env file for its deployment (`dev add --service`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub service: bool,
    /// Taken over with its bcrypt hash from a hand-written config (`hub import`): credctl never
    /// knew the password, so the next `rotate passwords` replaces it whatever its age.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub password_imported: bool,
}

/// A service user's env file, seed 001's `NATS_USER=… NATS_PASSWORD=…` style (0600): the
/// password line only where the hub checks one (password mode).
pub fn service_env(name: &str, password: Option<&str>) -> zeroize::Zeroizing<String> {
    let mut env = format!(
        "# NATS credentials of service {name}, written by credctl: keep it 0600, never commit it\n\
         NATS_USER={name}\n"
    );
    if let Some(password) = password {
        env.push_str(&format!("NATS_PASSWORD={password}\n"));
    }
    zeroize::Zeroizing::new(env)
}

/// Checks an age X25519 recipient (`age1...`) given for a member.
pub fn check_recipient(text: &str) -> Result<age::x25519::Recipient> {
    text.parse().map_err(|e| {
        Error::InvalidInput(format!(
            "--recipient {text:?} is not an age X25519 recipient (age1...): {e}"
        ))
    })
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub name: String,
    pub account: String,
    pub password_hash: String,
    pub password_set_at: i64,
    pub cert_serial: String,
    pub spki_sha256: String,
    pub hub_url: String,
    /// Where the edge's own server listens (`edge add --listen`); None: a record by an older
    /// credctl, whose edge config listens on [`DEFAULT_EDGE_LISTEN`] unless edited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listen: Option<String>,
    /// Where the edge config reads its certificate, key and CA chain on the edge host (`edge add
    /// --deploy-dir`, else the absolute `--out`); None: a record by an older credctl.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deploy_dir: Option<String>,
}

/// The system account's user as the hub admits it: by its certificate (and its password).
#[derive(Debug, Clone)]
pub struct SystemUser {
    pub dn: String,
    pub spki_sha256: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Members {
    pub devs: BTreeMap<String, Dev>,
    pub edges: BTreeMap<String, Edge>,
}

impl Hub {
    /// The directory member changes re-render (None: none recorded). Refuses, before anything
    /// changes, when the store is no longer where it was when the directory was recorded: a
    /// copy of the store would otherwise rewrite the original hub's configuration.
    pub fn render_target(&self, store: &Store) -> Result<Option<PathBuf>> {
        let Some(dir) = &self.render_dir else {
            return Ok(None);
        };
        // A directory recorded by an older credctl says nothing of which store owns it: a copy
        // of that store must not rewrite it, so it is confirmed once with `--record`.
        let Some(owner) = &self.render_owner else {
            return Err(Refusal::HubDirUnconfirmed { dir: dir.clone() }.into());
        };
        let now = store_owner(store)?;
        if *owner != now {
            return Err(Refusal::StoreMoved {
                owner: owner.clone(),
                dir: dir.clone(),
                now,
            }
            .into());
        }
        Ok(Some(dir.clone()))
    }

    /// Makes `dir` the directory member changes re-render, owned by the store where it is now.
    pub fn record_render_dir(&mut self, dir: &Path, store: &Store) -> Result<()> {
        self.render_dir = Some(std::path::absolute(dir).map_err(|e| Error::io(dir, e))?);
        self.render_owner = Some(store_owner(store)?);
        Ok(())
    }
}

/// The store's root as `render_owner` records it: canonical, so another spelling of the same
/// directory is the same store.
pub fn store_owner(store: &Store) -> Result<PathBuf> {
    std::fs::canonicalize(store.root()).map_err(|e| Error::io(store.root(), e))
}

/// The store's first hub (the one `hub/hub.json` holds).
pub fn load_hub(store: &Store) -> Result<Hub> {
    store
        .read_json(HUB_FILE)?
        .ok_or_else(|| Refusal::NoHub.into())
}

pub fn hub_exists(store: &Store) -> bool {
    store.exists(HUB_FILE)
}

/// Every hub of the store, the first first, then the others by name (none: refused).
pub fn load_hubs(store: &Store) -> Result<Vec<Hub>> {
    let mut hubs = vec![load_hub(store)?];
    for file in store.list(HUBS_DIR)? {
        if file.ends_with(".json") {
            let rel = format!("{HUBS_DIR}/{file}");
            let hub: Hub = store
                .read_json(&rel)?
                .ok_or_else(|| Error::corrupt(store.path(&rel), "vanished while read"))?;
            hubs.push(hub);
        }
    }
    Ok(hubs)
}

/// Where a hub's settings live: `hub/hub.json` for the first, `hub/hubs/NAME.json` otherwise.
pub fn hub_file(first: bool, name: &str) -> String {
    match first {
        true => HUB_FILE.to_owned(),
        false => format!("{HUBS_DIR}/{name}.json"),
    }
}

/// Where a hub's sealed JetStream key lives (the first hub keeps the original location).
pub fn jetstream_key_file(first: bool, name: &str) -> String {
    match first {
        true => JETSTREAM_KEY_FILE.to_owned(),
        false => format!("{HUBS_DIR}/{name}.jetstream.key.age"),
    }
}

/// The routes `hub`'s `cluster.conf` lists: with the store's route password, one to every
/// clustered hub, itself included (nats-server ignores the route to itself), at its first DNS
/// name; without one (a cluster made by an older credctl), the routes it recorded.
pub fn route_urls(hubs: &[Hub], hub: &Hub, password: Option<&str>) -> Vec<String> {
    let Some(password) = password else {
        return hub.cluster_routes.clone();
    };
    hubs.iter()
        .filter_map(|h| {
            let port = h.cluster_port?;
            let host = h.dns.first()?;
            Some(format!("tls://{ROUTE_USER}:{password}@{host}:{port}"))
        })
        .collect()
}

pub fn load_members(store: &Store) -> Result<Members> {
    Ok(store.read_json(MEMBERS_FILE)?.unwrap_or_default())
}

/// Writes the members (shared by every hub).
pub fn save_members(change: &mut Change, members: &Members) {
    change.write_private(
        MEMBERS_FILE,
        serde_json::to_vec(members).expect("members serialize"),
    );
}

/// Writes one hub's settings (`first`: the store's first hub, in `hub/hub.json`).
pub fn save_hub(change: &mut Change, hub: &Hub, first: bool) {
    let mut hub_bytes = serde_json::to_vec_pretty(hub).expect("hub serializes");
    hub_bytes.push(b'\n');
    change.write_private(hub_file(first, &hub.name), hub_bytes);
}

/// A random password of letters and digits (about 238 bits), safe inside URLs and configs.
pub fn generate_password() -> zeroize::Zeroizing<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut out = zeroize::Zeroizing::new(String::with_capacity(PASSWORD_CHARS));
    let mut bytes = zeroize::Zeroizing::new([0u8; 64]);
    while out.len() < PASSWORD_CHARS {
        rand::fill(&mut bytes[..]);
        for b in bytes.iter() {
            // 248 = 4 * 62: rejecting larger bytes keeps every character equally likely.
            if *b < 248 && out.len() < PASSWORD_CHARS {
                out.push(ALPHABET[(*b % 62) as usize] as char);
            }
        }
    }
    out
}

pub fn hash_password(password: &str) -> Result<String> {
    bcrypt::hash(password, BCRYPT_COST).map_err(|e| Error::Crypto(format!("bcrypt: {e}")))
}

/// Hashes many passwords on every core.
pub fn hash_passwords(passwords: &[zeroize::Zeroizing<String>]) -> Result<Vec<String>> {
    crate::parallel::map(passwords, |p| hash_password(p))
}

/// A NATS subject for a permission: dot-separated tokens, `*` and a final `>` as wildcards.
pub fn check_subject(subject: &str) -> Result<()> {
    let bad = |why: &str| Error::InvalidInput(format!("{subject:?} is not a valid subject: {why}"));
    if subject.is_empty() {
        return Err(bad("empty"));
    }
    let tokens: Vec<&str> = subject.split('.').collect();
    for (i, token) in tokens.iter().enumerate() {
        if token.is_empty() {
            return Err(bad("empty token"));
        }
        if token
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"')
        {
            return Err(bad("whitespace or quotes"));
        }
        if token.contains('>') && (*token != ">" || i != tokens.len() - 1) {
            return Err(bad("'>' must be the whole last token"));
        }
        if token.contains('*') && *token != "*" {
            return Err(bad("'*' must be a whole token"));
        }
    }
    Ok(())
}

/// A host name or IP address for a config value (`--listen`, URLs): letters, digits and
/// `.-_:` (IPv6 in brackets), nothing nats-server would have to unescape.
pub fn check_host(flag: &str, host: &str) -> Result<()> {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    let ok = !bare.is_empty()
        && bare.len() <= 253
        && bare
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{flag} {host:?} is not a host name or IP address"
        )))
    }
}

/// `HOST:PORT`, the port 1-65535.
pub fn check_host_port(flag: &str, value: &str) -> Result<()> {
    let bad = || {
        Error::InvalidInput(format!(
            "{flag} {value:?} is not HOST:PORT (e.g. 127.0.0.1:4222)"
        ))
    };
    let (host, port) = value.rsplit_once(':').ok_or_else(bad)?;
    check_host(flag, host).map_err(|_| bad())?;
    match port.parse::<u16>() {
        Ok(p) if p > 0 => Ok(()),
        _ => Err(bad()),
    }
}

/// An absolute path on the hub or edge host, rendered into the config as is.
pub fn check_deploy_dir(flag: &str, path: &str) -> Result<()> {
    let ok = path.starts_with('/')
        && !path
            .chars()
            .any(|c| c.is_control() || matches!(c, '"' | '\\' | '$'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{flag} {path:?} must be an absolute path without control characters, quotes, '\\' or '$'"
        )))
    }
}

/// Account names appear in the config as keys: keep them plain.
pub fn check_account(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !ok || name == SYSTEM_ACCOUNT {
        return Err(Error::InvalidInput(format!(
            "{name:?} is not a usable account name (letters, digits, '_' or '-'; not {SYSTEM_ACCOUNT})"
        )));
    }
    Ok(())
}

pub const CONNECTION_TYPES: &[&str] = &["STANDARD", "WEBSOCKET", "LEAFNODE", "MQTT"];

pub fn check_connection_type(t: &str) -> Result<String> {
    let upper = t.to_ascii_uppercase();
    if CONNECTION_TYPES.contains(&upper.as_str()) {
        Ok(upper)
    } else {
        Err(Error::InvalidInput(format!(
            "{t:?} is not a connection type ({})",
            CONNECTION_TYPES.join(", ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_random_and_verify_against_their_hash() {
        let a = generate_password();
        let b = generate_password();
        assert_eq!(a.len(), PASSWORD_CHARS);
        assert_ne!(*a, *b);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        let hash = hash_password(&a).unwrap();
        assert!(hash.starts_with("$2b$11$"), "{hash}");
        assert!(bcrypt::verify(a.as_str(), &hash).unwrap());
        assert!(!bcrypt::verify(b.as_str(), &hash).unwrap());
    }

    #[test]
    fn hosts_ports_and_paths_are_checked() {
        for ok in ["0.0.0.0", "hub.example.com", "[::1]", "fe80::1"] {
            assert!(check_host("--listen", ok).is_ok(), "{ok}");
        }
        for bad in ["", "a b", "a\nb", "a\"b", "a$b", "x/y"] {
            assert!(check_host("--listen", bad).is_err(), "{bad:?}");
        }
        assert!(check_host_port("--listen", "127.0.0.1:4222").is_ok());
        for bad in [
            ":4222",
            "127.0.0.1",
            "127.0.0.1:0",
            "127.0.0.1:99999",
            "h\t:1",
        ] {
            assert!(check_host_port("--listen", bad).is_err(), "{bad:?}");
        }
        assert!(check_deploy_dir("--deploy-dir", "/etc/nats").is_ok());
        for bad in ["etc/nats", "/etc/\u{1b}[31m", "/a\"b", "/a$X"] {
            assert!(check_deploy_dir("--deploy-dir", bad).is_err(), "{bad:?}");
        }
    }

    fn hub(name: &str, cluster_port: Option<u16>) -> Hub {
        Hub {
            name: name.into(),
            dns: vec![format!("{name}.example.com")],
            ips: Vec::new(),
            tls_mode: TlsMode::Password,
            listen_host: "0.0.0.0".into(),
            port: 4222,
            leaf_port: 7422,
            cluster_port,
            cluster_routes: vec!["tls://route:old@peer:6222".into()],
            jetstream: false,
            cert_serial: "01".into(),
            render_dir: None,
            render_owner: None,
            deploy_dir: None,
            system_password_hash: String::new(),
            system_password_set_at: None,
            route_password_hash: None,
            route_password_set_at: None,
            limits: Limits::default(),
            account_limits: BTreeMap::new(),
            monitor: None,
        }
    }

    #[test]
    fn every_clustered_hub_routes_to_every_one_and_legacy_routes_stay() {
        let hubs = [hub("a", Some(6222)), hub("b", None), hub("c", Some(7000))];
        assert_eq!(
            route_urls(&hubs, &hubs[2], Some("pw")),
            [
                "tls://route:pw@a.example.com:6222",
                "tls://route:pw@c.example.com:7000"
            ]
        );
        assert_eq!(route_urls(&hubs, &hubs[0], None), hubs[0].cluster_routes);
        // A hub.json without the legacy field still reads.
        let mut json = serde_json::to_value(hub("a", None)).unwrap();
        json.as_object_mut().unwrap().remove("cluster_routes");
        assert!(
            serde_json::from_value::<Hub>(json)
                .unwrap()
                .cluster_routes
                .is_empty()
        );
    }

    #[test]
    fn an_edge_recorded_by_an_older_credctl_still_reads_and_writes_back_the_same() {
        let json = r#"{"name":"e1","account":"APP","password_hash":"$2b$11$x","password_set_at":1,"cert_serial":"01","spki_sha256":"aa","hub_url":"tls://hub:7422"}"#;
        let edge: Edge = serde_json::from_str(json).unwrap();
        assert_eq!((&edge.listen, &edge.deploy_dir), (&None, &None));
        assert_eq!(serde_json::to_string(&edge).unwrap(), json);
    }

    #[test]
    fn subjects_are_checked() {
        for ok in [
            "a",
            "a.b",
            "a.*",
            "a.>",
            ">",
            "_INBOX.>",
            "orders.*.created",
        ] {
            assert!(check_subject(ok).is_ok(), "{ok}");
        }
        for bad in ["", "a..b", "a.>.b", "a b", "a*", "a.b>", "\"x\""] {
            assert!(check_subject(bad).is_err(), "{bad}");
        }
    }
}
