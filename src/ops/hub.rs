//! Hub-and-edge workflows: `hub init`, `hub render`, `hub account-limits`, `dev add/remove/list`
//! and `edge add/remove`.
//!
//! A member change and the re-render of every hub's directory (a store's hubs form one cluster)
//! are one [`Change`]: the store never says a developer is gone while a hub's `auth.conf` still
//! admits them, and a crash in between is finished or undone by the next command. A store that
//! was moved or copied refuses to re-render into the directory its original recorded (see
//! [`Hub::render_target`]).

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::Duration;
use zeroize::Zeroizing;

use super::Existing;
use super::cert::{cert_event, hand_out_pair, lowercase, stage_crl};
use super::hubsync::{
    Cluster, Lookup, Rendering, hand_out_hub, replace_noting, rerender, templates,
};
use super::{Access, Session, check_out_dir, hand_out_ca, read_input_text, refuse_duplicates};
use crate::audit::Event;
use crate::clock::{rfc3339_unix, unix_now};
use crate::error::{Error, Refusal, Result};
use crate::hub::render;
use crate::hub::{self, AccountLimits, Dev, Edge, Hub, Limits, Members, Permissions, TlsMode};
use crate::store::{Change, fsio, keyring};
use crate::x509::KeyType;
use crate::x509::issue::{self, Request, Signed, Window};
use crate::x509::profile::{Profile, Profiles, SubjectAttrs};
use crate::x509::registry::{self, Entry, Reason, Registry, RegistryUpdate, Revoked};

/// The two kinds of hub member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MemberKind {
    Dev,
    Edge,
}

impl MemberKind {
    /// The command name, which is also the certificate profile and the audit action prefix.
    pub fn name(self) -> &'static str {
        match self {
            MemberKind::Dev => "dev",
            MemberKind::Edge => "edge",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            MemberKind::Dev => "developer",
            MemberKind::Edge => "edge",
        }
    }

    fn with_article(self) -> &'static str {
        match self {
            MemberKind::Dev => "a developer",
            MemberKind::Edge => "an edge",
        }
    }
}

fn not_member(kind: MemberKind, name: &str) -> Error {
    Refusal::NoSuchMember {
        what: kind.noun(),
        name: name.to_owned(),
    }
    .into()
}

fn already_member(kind: MemberKind, name: &str) -> Error {
    Refusal::AlreadyMember {
        name: name.to_owned(),
        what: kind.with_article(),
    }
    .into()
}

/// Signs a hub-side certificate (hub, system user, member) with a new P-256 key and records
/// it in the registry update.
fn issue_recorded(
    session: &Session,
    reg: &mut RegistryUpdate<'_>,
    (profile, request, window): (&Profile, &Request, Window),
    key_type: Option<KeyType>,
) -> Result<(Signed, rcgen::KeyPair)> {
    // --key-type, else the profile's (ecdsa-p256 unless profiles.toml says).
    let key_type = key_type.unwrap_or(profile.key_type);
    let (mut signed, key) =
        issue::issue_with_new_key(session.signer()?, profile, request, window, key_type)?;
    reg.issue(&mut signed.issued, &signed.pem)?;
    Ok((signed, key))
}

/// Members are certificates too: their name must not stand for another certificate already.
fn ensure_cert_name_free(reg: &mut RegistryUpdate<'_>, name: &str) -> Result<()> {
    if reg.pointer(name)?.is_some() {
        return Err(Refusal::NameTaken(name.to_owned()).into());
    }
    Ok(())
}

/// A secret handed out once, as one line (no intermediate copy left unwiped).
fn secret_line(secret: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(secret.len() + 1);
    bytes.extend_from_slice(secret.as_bytes());
    bytes.push(b'\n');
    bytes
}

/// The members as this change leaves them, saved in the store and re-rendered into every hub
/// directory in `targets` in the same change (so both commit or neither does).
pub(super) fn stage_members(
    session: &Session,
    change: &mut Change,
    (cluster, members): (&Cluster, &Members),
    lookup: &mut Lookup<'_>,
    (targets, crl_pem): (&[(usize, PathBuf)], Option<&str>),
) -> Result<Vec<PathBuf>> {
    hub::save_members(change, members);
    rerender(
        session,
        change,
        (cluster, members),
        lookup,
        (targets, crl_pem),
    )
}

pub struct HubInitRequest {
    pub name: String,
    /// The hub certificate's key type (default: the hub profile's).
    pub key_type: Option<KeyType>,
    pub dns: Vec<String>,
    pub ips: Vec<IpAddr>,
    /// `--subject`: attributes the hub profile lets the command line set.
    pub subject: SubjectAttrs,
    pub tls_mode: TlsMode,
    pub listen: String,
    pub port: u16,
    pub leaf_port: u16,
    pub cluster_port: Option<u16>,
    /// Join the cluster of this hub of the store (its TLS mode and JetStream are inherited).
    pub cluster_of: Option<String>,
    pub jetstream: bool,
    /// Where the files will live on the hub host (default: the absolute `out`).
    pub deploy_dir: Option<String>,
    /// The monitoring endpoint (host, port): HTTP on loopback, else HTTPS only.
    pub monitor: Option<(String, u16)>,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct HubInitReport {
    pub hub: String,
    pub tls_mode: TlsMode,
    pub config: PathBuf,
    pub cert_serial: String,
    pub cert: PathBuf,
    pub key: PathBuf,
    /// The cluster this hub joined (`--cluster-of`).
    pub cluster_of: Option<String>,
    /// The system user's certificate and key (None: the store already had them).
    pub system_cert: Option<PathBuf>,
    pub system_key: Option<PathBuf>,
    /// One-time secrets, written once and never kept (a joining hub gets no system password:
    /// the store has one system user).
    pub system_password: Option<PathBuf>,
    pub jetstream_env: Option<PathBuf>,
    /// The other hubs' directories re-rendered (their routes now reach this hub).
    pub rendered: Vec<PathBuf>,
}

/// The hub a new hub joins (`--cluster-of`): it must exist and be clustered, and its cluster
/// must keep its route password sealed (one made by an older credctl does not).
fn cluster_seed<'c>(
    store: &crate::store::Store,
    cluster: Option<&'c Cluster>,
    req: &HubInitRequest,
) -> Result<Option<&'c Hub>> {
    let Some(of) = &req.cluster_of else {
        if cluster.is_some() {
            return Err(Refusal::HubExists.into());
        }
        return Ok(None);
    };
    let Some(cluster) = cluster else {
        return Err(Refusal::NoSuchHub {
            name: of.clone(),
            hubs: "none".into(),
        }
        .into());
    };
    let Some(seed) = cluster.hubs.iter().find(|h| &h.name == of) else {
        return Err(Refusal::NoSuchHub {
            name: of.clone(),
            hubs: cluster.names(),
        }
        .into());
    };
    if seed.cluster_port.is_none() {
        return Err(Refusal::NotClustered(of.clone()).into());
    }
    if !store.exists(hub::ROUTE_PASSWORD_FILE) {
        return Err(Error::InvalidInput(format!(
            "hub {of}'s cluster was made by an older credctl, which kept no route password: hubs cannot be added to it"
        )));
    }
    Ok(Some(cluster.first()))
}

/// Everything `hub init` checks before the unlock; returns the hub certificate's request and
/// the hub whose cluster it joins.
fn check_hub_init(
    session: &Session,
    req: &HubInitRequest,
    cluster: Option<&Cluster>,
) -> Result<(Request, Option<Hub>)> {
    issue::check_name(&req.name)?;
    hub::check_host("--listen", &req.listen)?;
    if let Some((host, _)) = &req.monitor {
        hub::check_host("--monitor-host", host)?;
    }
    if let Some(dir) = &req.deploy_dir {
        hub::check_deploy_dir("--deploy-dir", dir)?;
    }
    let dns = lowercase(&req.dns);
    for d in &dns {
        issue::check_dns(d)?;
    }
    check_out_dir(&req.out)?;
    let seed = cluster_seed(session.store(), cluster, req)?.cloned();
    let mut files = vec![format!("{}.crt", req.name), format!("{}.key", req.name)];
    if seed.is_none() {
        files.extend([
            format!("{}.crt", hub::SYSTEM_USER),
            format!("{}.key", hub::SYSTEM_USER),
            "system.password".to_owned(),
        ]);
    }
    let jetstream = seed.as_ref().map_or(req.jetstream, |s| s.jetstream);
    files.extend(jetstream.then(|| "jetstream.env".to_owned()));
    for f in &files {
        fsio::ensure_absent(&req.out.join(f))?;
    }
    let request = Request {
        name: req.name.clone(),
        dns,
        ips: req.ips.clone(),
        emails: Vec::new(),
        validity: None,
        bind_mac: None,
        subject: req.subject.clone(),
    };
    Ok((request, seed))
}

/// A new hub's secrets: the hashes it keeps, where the plaintexts went, and the route password
/// a new cluster seals (its hubs' configs need it in plaintext).
struct HubSecrets {
    system_hash: String,
    route_hash: Option<String>,
    route_password: Option<Zeroizing<String>>,
    system_password: Option<PathBuf>,
    jetstream_env: Option<PathBuf>,
}

/// A new JetStream key, sealed into the store at `rel`. nats-server parses
/// `$NATS_JETSTREAM_KEY` as a config value: a key starting with a digit is read as a number and
/// the server refuses to start. Letters first, then ~238 random bits of letters and digits.
fn new_jetstream_key(
    session: &Session,
    change: &mut Change,
    rel: &str,
) -> Result<Zeroizing<String>> {
    let key = Zeroizing::new(format!("js{}", hub::generate_password().as_str()));
    let sealed = keyring::seal(&session.key()?.recipient(), key.as_bytes())?;
    change.write_private(rel, sealed);
    Ok(key)
}

/// Generates the hub's secrets: a new store's system password (handed out once), a new
/// cluster's route password (sealed, never handed out), the JetStream key (sealed and handed
/// out). A hub joining `seed`'s cluster shares its system user and route password.
fn hand_out_secrets(
    session: &Session,
    change: &mut Change,
    req: &HubInitRequest,
    (seed, jetstream): (Option<&Hub>, bool),
) -> Result<HubSecrets> {
    let system = seed.is_none().then(hub::generate_password);
    let route = (seed.is_none() && req.cluster_port.is_some()).then(hub::generate_password);
    let to_hash: Vec<Zeroizing<String>> = system.iter().chain(&route).cloned().collect();
    let mut hashes = hub::hash_passwords(&to_hash)?.into_iter();
    let system_hash = match seed {
        Some(s) => s.system_password_hash.clone(),
        None => hashes.next().expect("one hash per password"),
    };
    let route_hash = match seed {
        Some(s) => s.route_password_hash.clone(),
        None => hashes.next(),
    };
    if let Some(route) = &route {
        let sealed = keyring::seal(&session.key()?.recipient(), route.as_bytes())?;
        change.write_private(hub::ROUTE_PASSWORD_FILE, sealed);
    }
    let jetstream_key = jetstream
        .then(|| {
            new_jetstream_key(
                session,
                change,
                &hub::jetstream_key_file(seed.is_none(), &req.name),
            )
        })
        .transpose()?;
    let batch = change.output(&req.out)?;
    let private = fsio::PRIVATE_FILE;
    let system_password = system
        .map(|p| batch.add_new("system.password", secret_line(&p), private))
        .transpose()?;
    let jetstream_env = jetstream_key
        .map(|k| {
            let line = Zeroizing::new(format!("NATS_JETSTREAM_KEY={}", k.as_str()));
            batch.add_new("jetstream.env", secret_line(&line), private)
        })
        .transpose()?;
    Ok(HubSecrets {
        system_hash,
        route_hash,
        route_password: route,
        system_password,
        jetstream_env,
    })
}

/// The new hub's settings; one joining `seed`'s cluster takes its TLS mode, JetStream and
/// account limits (members are admitted the same way on every hub).
fn new_hub(
    req: &HubInitRequest,
    (request, serial): (&Request, &str),
    secrets: &HubSecrets,
    seed: Option<&Hub>,
) -> Hub {
    Hub {
        name: req.name.clone(),
        dns: request.dns.clone(),
        ips: req.ips.clone(),
        tls_mode: seed.map_or(req.tls_mode, |s| s.tls_mode),
        listen_host: req.listen.clone(),
        port: req.port,
        leaf_port: req.leaf_port,
        cluster_port: req.cluster_port,
        cluster_routes: Vec::new(),
        jetstream: seed.map_or(req.jetstream, |s| s.jetstream),
        cert_serial: serial.to_owned(),
        render_dir: None,
        render_owner: None,
        deploy_dir: req.deploy_dir.clone(),
        system_password_hash: secrets.system_hash.clone(),
        system_password_set_at: match seed {
            Some(s) => s.system_password_set_at,
            None => Some(unix_now()),
        },
        route_password_hash: secrets.route_hash.clone(),
        route_password_set_at: match seed {
            Some(s) => s.route_password_set_at,
            None => secrets.route_hash.as_ref().map(|_| unix_now()),
        },
        limits: Limits::default(),
        account_limits: seed.map(|s| s.account_limits.clone()).unwrap_or_default(),
        monitor: req
            .monitor
            .clone()
            .map(|(host, port)| hub::Monitor { host, port }),
    }
}

/// The store's hubs, or None when it has none yet.
fn existing_cluster(store: &crate::store::Store) -> Result<Option<Cluster>> {
    match hub::hub_exists(store) {
        true => Cluster::load(store).map(Some),
        false => Ok(None),
    }
}

/// Issues the hub's certificate (and, for a store's first hub, the system user's), generates
/// its secrets and renders its configuration into `out`, which becomes the directory member
/// changes re-render. A hub joining a cluster (`cluster_of`) re-renders every other hub's
/// directory too, in the same change: their routes now reach it.
pub fn hub_init(session: &mut Session, req: &HubInitRequest) -> Result<HubInitReport> {
    let store = session.store();
    let existing = existing_cluster(store)?;
    let (request, seed) = check_hub_init(session, req, existing.as_ref())?;
    let mut targets = match &existing {
        Some(c) => c.targets(store)?,
        None => Vec::new(),
    };
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get("hub")?;
    let window = request.validate(profile, session.authority()?.issuing_validity())?;
    let mut reg = RegistryUpdate::new(store)?;
    ensure_cert_name_free(&mut reg, &req.name)?;
    let system = system_request(session, &profiles, &mut reg)?;

    let (signed, key) =
        issue_recorded(session, &mut reg, (profile, &request, window), req.key_type)?;
    let mut change = Change::default();
    let system_files = hand_out_system(session, &mut change, &mut reg, system, &req.out)?;
    let jetstream = seed.as_ref().map_or(req.jetstream, |s| s.jetstream);
    let secrets = hand_out_secrets(session, &mut change, req, (seed.as_ref(), jetstream))?;
    let mut hub = new_hub(
        req,
        (&request, &signed.issued.serial),
        &secrets,
        seed.as_ref(),
    );
    hub.record_render_dir(&req.out, store)?;
    let (cert, key) = hand_out_pair(
        session,
        &mut change,
        (&req.out, &req.name, Existing::Refuse),
        &signed,
        Some(&key),
    )?;
    let mut cluster = existing.unwrap_or_else(|| Cluster::new(Vec::new()));
    cluster.hubs.push(hub);
    if let Some(route) = secrets.route_password {
        cluster = cluster.with_route_password(route);
    }
    let at = cluster.hubs.len() - 1;
    let others: Vec<PathBuf> = targets.iter().map(|(_, d)| d.clone()).collect();
    targets.push((at, req.out.clone()));
    let members = hub::load_members(store)?;
    let mut lookup = |n: &str| reg.pointer(n);
    rerender(
        session,
        &mut change,
        (&cluster, &members),
        &mut lookup,
        (&targets, None),
    )?;
    reg.finish(&mut change);
    cluster.save_hub(&mut change, at);
    let hub = &cluster.hubs[at];
    change.record(cert_event("cert.issue", &signed, "profile hub".into()));
    change.record(Event::new("hub.init", &hub.name).detail(init_detail(hub, req)));
    let config = change.output(&req.out)?.dir().join("hub.conf");
    session.commit(change)?;
    Ok(HubInitReport {
        hub: hub.name.clone(),
        tls_mode: hub.tls_mode,
        config,
        cert_serial: hub.cert_serial.clone(),
        cert,
        key: key.expect("a new key was handed out"),
        cluster_of: req.cluster_of.clone(),
        system_cert: system_files.as_ref().map(|(c, _)| c.clone()),
        system_key: system_files.and_then(|(_, k)| k),
        system_password: secrets.system_password,
        jetstream_env: secrets.jetstream_env,
        rendered: others,
    })
}

fn init_detail(hub: &Hub, req: &HubInitRequest) -> String {
    let mut detail = format!(
        "tls mode {}, client port {}, leaf port {}",
        hub.tls_mode.name(),
        hub.port,
        hub.leaf_port
    );
    if let Some(port) = hub.cluster_port {
        detail.push_str(&format!(", cluster port {port}"));
    }
    if let Some(of) = &req.cluster_of {
        detail.push_str(&format!(", joins the cluster of {of}"));
    }
    detail
}

/// Issues the system user's certificate when the store has none yet, handing it out to `out`.
fn hand_out_system(
    session: &Session,
    change: &mut Change,
    reg: &mut RegistryUpdate<'_>,
    system: Option<(&Profile, Request, Window)>,
    out: &Path,
) -> Result<Option<(PathBuf, Option<PathBuf>)>> {
    let Some((profile, request, window)) = system else {
        return Ok(None);
    };
    let (signed, key) = issue_recorded(session, reg, (profile, &request, window), None)?;
    change.record(cert_event("cert.issue", &signed, "profile system".into()));
    hand_out_pair(
        session,
        change,
        (out, hub::SYSTEM_USER, Existing::Refuse),
        &signed,
        Some(&key),
    )
    .map(Some)
}

/// The system user's certificate request, unless the store already has one (it serves every
/// hub of the store).
fn system_request<'p>(
    session: &Session,
    profiles: &'p Profiles,
    reg: &mut RegistryUpdate<'_>,
) -> Result<Option<(&'p Profile, Request, Window)>> {
    if reg.pointer(hub::SYSTEM_USER)?.is_some() {
        return Ok(None);
    }
    let profile = profiles.get(hub::SYSTEM_PROFILE)?;
    let request = Request {
        name: hub::SYSTEM_USER.into(),
        dns: Vec::new(),
        ips: Vec::new(),
        emails: Vec::new(),
        validity: None,
        bind_mac: None,
        subject: Vec::new(),
    };
    let window = request.validate(profile, session.authority()?.issuing_validity())?;
    Ok(Some((profile, request, window)))
}

#[derive(Debug, Serialize)]
pub struct JetstreamKeyReport {
    pub hub: String,
    pub out: PathBuf,
}

/// Hands the hub's sealed JetStream key back out, as the `NATS_JETSTREAM_KEY=...` line the hub
/// reads (0600, never overwritten): for a backup, or a new host. Only this key reads the hub's
/// streams; credctl never replaces it (`hub init` made it once). Each hub has its own key:
/// with several, `hub_name` says whose.
pub fn jetstream_key(
    session: &mut Session,
    hub_name: Option<&str>,
    out: &Path,
) -> Result<JetstreamKeyReport> {
    let (dir, file) = super::out_file("--out", out, Existing::Refuse)?;
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let at = cluster.select(hub_name)?;
    let hub = cluster.hubs[at].clone();
    let rel = hub::jetstream_key_file(at == 0, &hub.name);
    if !hub.jetstream || !store.exists(&rel) {
        return Err(Error::InvalidInput(format!(
            "hub {} has no JetStream key (it was made without --jetstream)",
            hub.name
        )));
    }
    let sealed = store.read(&rel)?;
    let key = session.key()?.open(&sealed, &store.path(&rel))?;
    let mut line = Zeroizing::new(b"NATS_JETSTREAM_KEY=".to_vec());
    line.extend_from_slice(&key);
    line.push(b'\n');
    let mut change = Change::default();
    let path =
        change
            .output(&dir)?
            .add_new(&file, std::mem::take(&mut *line), fsio::PRIVATE_FILE)?;
    change.record(Event::new("hub.jetstream-key.export", &hub.name));
    session.commit(change)?;
    Ok(JetstreamKeyReport {
        hub: hub.name,
        out: path,
    })
}

pub struct RenderRequest {
    pub out: PathBuf,
    /// The hub to render (required when the store has several).
    pub hub: Option<String>,
    /// Template overrides, over the store's own `templates/nats/`.
    pub templates: Option<PathBuf>,
    /// Make `out` the directory member changes re-render (the way out for a moved store).
    pub record: bool,
}

#[derive(Debug, Serialize)]
pub struct RenderReport {
    pub hub: String,
    pub out: PathBuf,
    pub config: PathBuf,
    /// The files whose content changed (an unchanged file is not rewritten).
    pub files: Vec<PathBuf>,
    pub devs: usize,
    pub edges: usize,
    /// `out` is now the hub directory (`--record`).
    pub recorded: bool,
    /// The hub's key is not in `out`: only `hub init` ever wrote it.
    pub missing_key: Option<PathBuf>,
}

/// Renders a hub's configuration, the CA chain, the CRL and the hub's certificate into `out`
/// from the store alone (no password is re-hashed; a clustered hub's routes need the unlock).
pub fn hub_render(session: &mut Session, req: &RenderRequest) -> Result<RenderReport> {
    check_out_dir(&req.out)?;
    let store = session.store();
    let mut cluster = Cluster::load(store)?;
    let at = cluster.select(req.hub.as_deref())?;
    let members = hub::load_members(store)?;
    let templates = templates(session, req.templates.as_deref())?;
    let mut change = Change::default();
    let mut lookup = |n: &str| registry::name_pointer(store, n);
    let rendering = Rendering::new(session, &members, &mut lookup, (templates, None))?;
    let mut files = hand_out_hub(session, &mut change, &req.out, (&cluster, at), &rendering)?;
    // The hub's certificate is public; its key lives only where `hub init` wrote it.
    let name = cluster.hubs[at].name.clone();
    let batch = change.output(&req.out)?;
    if let Some(pem) = super::hubsync::hub_cert_pem(session, &name)? {
        let file = render::hub_cert_file(&cluster.hubs[at]);
        let bytes = pem.into_bytes();
        replace_noting(batch, &file, bytes, fsio::PUBLIC_FILE, &mut files);
    }
    let dir = batch.dir().to_path_buf();
    if req.record {
        record_render_dir(session, &mut change, (&mut cluster, at), &dir)?;
    }
    session.commit(change)?;
    let key = dir.join(render::hub_key_file(&cluster.hubs[at]));
    Ok(RenderReport {
        hub: name,
        config: dir.join("hub.conf"),
        out: dir,
        files,
        devs: members.devs.len(),
        edges: members.edges.len(),
        recorded: req.record,
        missing_key: (!key.exists()).then_some(key),
    })
}

/// Makes `dir` hub `at`'s directory, owned by the store where it is now (audited; nothing is
/// written when it already is).
fn record_render_dir(
    session: &Session,
    change: &mut Change,
    (cluster, at): (&mut Cluster, usize),
    dir: &Path,
) -> Result<()> {
    let hub = &mut cluster.hubs[at];
    let before = (hub.render_dir.clone(), hub.render_owner.clone());
    hub.record_render_dir(dir, session.store())?;
    if (&hub.render_dir, &hub.render_owner) == (&before.0, &before.1) {
        return Ok(());
    }
    let owner = hub
        .render_owner
        .clone()
        .unwrap_or_else(|| session.store().root().to_path_buf());
    change.record(Event::new("hub.render-dir", &hub.name).detail(format!(
        "{} (store at {})",
        dir.display(),
        owner.display()
    )));
    cluster.save_hub(change, at);
    Ok(())
}

pub struct AccountLimitsRequest {
    pub account: String,
    /// All None: remove the account's limits.
    pub limits: AccountLimits,
}

#[derive(Debug, Serialize)]
pub struct AccountLimitsReport {
    pub account: String,
    pub limits: AccountLimits,
    /// The hub directories re-rendered.
    pub rendered: Vec<PathBuf>,
}

/// Sets (or with no limit, removes) an account's limits on every hub and re-renders them.
pub fn account_limits(
    session: &mut Session,
    req: &AccountLimitsRequest,
) -> Result<AccountLimitsReport> {
    hub::check_account(&req.account)?;
    let store = session.store();
    let mut cluster = Cluster::load(store)?;
    let members = hub::load_members(store)?;
    let targets = cluster.targets(store)?;
    for hub in &mut cluster.hubs {
        if req.limits.is_empty() {
            hub.account_limits.remove(&req.account);
        } else {
            hub.account_limits
                .insert(req.account.clone(), req.limits.clone());
        }
    }
    let mut change = Change::default();
    let mut lookup = |n: &str| registry::name_pointer(store, n);
    let view = (&cluster, &members);
    let rendered = rerender(session, &mut change, view, &mut lookup, (&targets, None))?;
    for at in 0..cluster.hubs.len() {
        cluster.save_hub(&mut change, at);
    }
    change
        .record(Event::new("hub.account-limits", &req.account).detail(format!("{:?}", req.limits)));
    session.commit(change)?;
    Ok(AccountLimitsReport {
        account: req.account.clone(),
        limits: req.limits.clone(),
        rendered,
    })
}

/// One developer to add: a roster line, or NAME and --email.
#[derive(Debug, Clone)]
pub struct DevEntry {
    pub name: String,
    pub email: Option<String>,
    /// None: the request's account.
    pub account: Option<String>,
    /// The developer's age recipient, if given (see `hub::Dev::recipient`).
    pub recipient: Option<String>,
}

/// Reads a roster: `name[,email[,account[,recipient]]]` a line, an optional `name,...` header,
/// blank lines and `#` comments skipped.
pub fn read_roster(path: &Path) -> Result<Vec<DevEntry>> {
    parse_roster(&read_input_text(path, "roster")?, path)
}

/// The developers in a roster's `text` (`path` names it in errors); each name, email and
/// account is checked here, by line, since names become certificate subjects.
pub fn parse_roster(text: &str, path: &Path) -> Result<Vec<DevEntry>> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if i == 0 && fields[0].eq_ignore_ascii_case("name") {
            continue; // a header line
        }
        if fields.len() > 4 {
            return Err(Error::InvalidInput(format!(
                "{} line {}: expected name[,email[,account[,recipient]]]",
                path.display(),
                i + 1
            )));
        }
        let field = |n: usize| {
            fields
                .get(n)
                .filter(|f| !f.is_empty())
                .map(|f| f.to_string())
        };
        let entry = DevEntry {
            name: fields[0].to_owned(),
            email: field(1),
            account: field(2),
            recipient: field(3),
        };
        let checked = issue::check_name(&entry.name)
            .and_then(|()| entry.email.as_deref().map_or(Ok(()), issue::check_email))
            .and_then(|()| entry.account.as_deref().map_or(Ok(()), hub::check_account))
            .and_then(|()| {
                let recipient = entry.recipient.as_deref();
                recipient.map_or(Ok(()), |r| hub::check_recipient(r).map(drop))
            });
        checked.map_err(|e| super::at_line(path, i, e))?;
        entries.push(entry);
    }
    if entries.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{} lists no developers",
            path.display()
        )));
    }
    Ok(entries)
}

pub struct DevAddRequest {
    pub devs: Vec<DevEntry>,
    /// The key type of every new key (default: the dev profile's).
    pub key_type: Option<KeyType>,
    /// The account of every entry that names none.
    pub account: String,
    pub access: Access,
    pub validity: Option<Duration>,
    /// `--subject`: attributes the dev profile lets the command line set, for every entry.
    pub subject: SubjectAttrs,
    /// Whether the bundle may replace an old one of the same name in `out`.
    pub existing: Existing,
    /// Service users: the password goes out as NAME.env (see `hub::service_env`).
    pub service: bool,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct DevAddedReport {
    pub name: String,
    pub account: String,
    pub serial: String,
    pub cert: PathBuf,
    pub key: PathBuf,
    /// Only in password mode: certificate-only modes check no password. A service's is its
    /// env file (always written: NATS_USER, and NATS_PASSWORD where one is checked).
    pub password_file: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct DevAddReport {
    pub added: Vec<DevAddedReport>,
    /// The CA chain beside the bundles.
    pub ca: PathBuf,
    /// The hub directories re-rendered (every hub with one recorded).
    pub rendered: Vec<PathBuf>,
}

/// One developer, checked and ready to sign.
struct PlannedDev {
    request: Request,
    window: Window,
    account: String,
    recipient: Option<age::x25519::Recipient>,
}

/// Everything `dev add` checks per developer before the unlock.
fn plan_devs(
    session: &Session,
    req: &DevAddRequest,
    members: &Members,
    profile: &Profile,
    reg: &mut RegistryUpdate<'_>,
) -> Result<Vec<PlannedDev>> {
    let ca = session.authority()?.issuing_validity();
    let mut plan = Vec::with_capacity(req.devs.len());
    for entry in &req.devs {
        if members.devs.contains_key(&entry.name) {
            return Err(already_member(MemberKind::Dev, &entry.name));
        }
        let account = entry.account.clone().unwrap_or_else(|| req.account.clone());
        hub::check_account(&account)?;
        let recipient = entry
            .recipient
            .as_deref()
            .map(hub::check_recipient)
            .transpose()?;
        ensure_cert_name_free(reg, &entry.name)?;
        let request = Request {
            name: entry.name.clone(),
            dns: Vec::new(),
            ips: Vec::new(),
            emails: entry.email.iter().cloned().collect(),
            validity: req.validity,
            bind_mac: None,
            subject: req.subject.clone(),
        };
        let window = request.validate(profile, ca)?;
        if req.existing == Existing::Refuse {
            for ext in ["crt", "key", "password", "password.age"] {
                fsio::ensure_absent(&req.out.join(format!("{}.{ext}", entry.name)))?;
            }
        }
        plan.push(PlannedDev {
            request,
            window,
            account,
            recipient,
        });
    }
    Ok(plan)
}

fn permissions(a: &Access) -> Permissions {
    Permissions {
        publish_allow: a.allow_pub.clone(),
        publish_deny: a.deny_pub.clone(),
        subscribe_allow: a.allow_sub.clone(),
        subscribe_deny: a.deny_sub.clone(),
    }
}

/// Signs every planned developer, adds them to `members` and their bundles to `change`.
fn add_devs(
    session: &Session,
    req: &DevAddRequest,
    (plan, profile, with_password): (&[PlannedDev], &Profile, bool),
    reg: &mut RegistryUpdate<'_>,
    members: &mut Members,
    change: &mut Change,
    connection_types: &[String],
) -> Result<Vec<DevAddedReport>> {
    // Unlock first: a wrong passphrase fails before any password is hashed.
    session.signer()?;
    // Certificate-only modes check no password: none is made, hashed or handed out.
    let passwords: Vec<Zeroizing<String>> = plan
        .iter()
        .map(|_| match with_password {
            true => hub::generate_password(),
            false => Zeroizing::new(String::new()),
        })
        .collect();
    let hashes = match with_password {
        true => hub::hash_passwords(&passwords)?,
        false => vec![String::new(); passwords.len()],
    };
    let now = unix_now();
    let mut added = Vec::with_capacity(plan.len());
    for ((dev, password), hash) in plan.iter().zip(&passwords).zip(hashes) {
        let name = &dev.request.name;
        let (signed, key) = issue_recorded(
            session,
            reg,
            (profile, &dev.request, dev.window),
            req.key_type,
        )?;
        let i = &signed.issued;
        members.devs.insert(
            name.clone(),
            Dev {
                name: name.clone(),
                email: dev.request.emails.first().cloned(),
                account: dev.account.clone(),
                password_hash: hash,
                password_set_at: now,
                cert_serial: i.serial.clone(),
                spki_sha256: i.spki_sha256.clone(),
                dn: i.subject.clone(),
                permissions: permissions(&req.access),
                connection_types: connection_types.to_vec(),
                recipient: dev.recipient.as_ref().map(|r| r.to_string()),
                service: req.service,
                password_imported: false,
            },
        );
        change.record(cert_event(
            if req.service {
                "service.add"
            } else {
                "dev.add"
            },
            &signed,
            format!("account {}", dev.account),
        ));
        let (cert, key) = hand_out_pair(
            session,
            change,
            (&req.out, name, req.existing),
            &signed,
            Some(&key),
        )?;
        let password_file = (with_password || req.service)
            .then(|| {
                let batch = change.output(&req.out)?;
                let (file, secret) = match req.service {
                    true => {
                        let password = with_password.then_some(password.as_str());
                        let env = hub::service_env(name, password);
                        (format!("{name}.env"), env.as_bytes().to_vec())
                    }
                    false => (format!("{name}.password"), secret_line(password)),
                };
                let mut files = vec![(file.clone(), secret)];
                if let Some(recipient) = &dev.recipient {
                    let sealed = keyring::seal(recipient, &files[0].1)?;
                    files.push((format!("{file}.age"), sealed));
                }
                let mut first = None;
                for (file, bytes) in files {
                    let path = match req.existing {
                        Existing::Refuse => batch.add_new(&file, bytes, fsio::PRIVATE_FILE)?,
                        Existing::Replace => batch.add_replace(&file, bytes, fsio::PRIVATE_FILE),
                    };
                    first.get_or_insert(path);
                }
                Ok::<_, Error>(first.expect("one file at least"))
            })
            .transpose()?;
        added.push(DevAddedReport {
            name: name.clone(),
            account: dev.account.clone(),
            serial: signed.issued.serial.clone(),
            cert,
            key: key.expect("a new key was handed out"),
            password_file,
        });
    }
    Ok(added)
}

/// Adds developers (one, or a roster with one unlock): certificate, key and password bundle in
/// `out`, users on the hub, the hub re-rendered in the same change.
pub fn dev_add(session: &mut Session, req: &DevAddRequest) -> Result<DevAddReport> {
    refuse_duplicates(req.devs.iter().map(|d| &d.name))?;
    hub::check_account(&req.account)?;
    let connection_types = req.access.validate()?;
    check_out_dir(&req.out)?;
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let mut members = hub::load_members(store)?;
    let targets = cluster.targets(store)?;
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get(MemberKind::Dev.name())?;
    let mut reg = RegistryUpdate::new(store)?;
    let plan = plan_devs(session, req, &members, profile, &mut reg)?;

    let mut change = Change::default();
    let added = add_devs(
        session,
        req,
        (
            &plan,
            profile,
            cluster.first().tls_mode == TlsMode::Password,
        ),
        &mut reg,
        &mut members,
        &mut change,
        &connection_types,
    )?;
    let ca = hand_out_ca(session, &mut change, &req.out)?;
    let mut lookup = |n: &str| reg.pointer(n);
    let view = (&cluster, &members);
    let rendered = stage_members(session, &mut change, view, &mut lookup, (&targets, None))?;
    reg.finish(&mut change);
    session.commit(change)?;
    Ok(DevAddReport {
        added,
        ca,
        rendered,
    })
}

pub struct RemoveRequest {
    pub name: String,
    pub reason: Reason,
}

#[derive(Debug, Serialize)]
pub struct RemoveReport {
    pub kind: MemberKind,
    pub removed: String,
    pub serial: String,
    /// An earlier removal already happened: only the hub was re-rendered.
    pub already_removed: bool,
    /// The CRL this removal issued (None when it was already removed).
    pub crl_number: Option<u64>,
    /// The hub directories re-rendered (every hub with one recorded).
    pub rendered: Vec<PathBuf>,
    /// Why the hubs need a restart rather than a reload, if they do.
    pub restart: Option<String>,
}

/// Revokes a developer's certificate, drops the user, issues a CRL and re-renders the hub.
pub fn dev_remove(session: &mut Session, req: &RemoveRequest) -> Result<RemoveReport> {
    remove_member(session, MemberKind::Dev, req)
}

/// Revokes an edge's certificate, drops its leafnode user, issues a CRL and re-renders the hub.
pub fn edge_remove(session: &mut Session, req: &RemoveRequest) -> Result<RemoveReport> {
    remove_member(session, MemberKind::Edge, req)
}

/// Every revoked entry, plus `serial`'s revocation (committed with the CRL).
/// Every revoked certificate, plus `serials` revoked now: what the removal's CRL lists.
fn revoked_including(
    registry: &Registry,
    serials: &[String],
    reason: Reason,
    now: i64,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = registry.revoked().cloned().collect();
    for serial in serials {
        if let Some(entry) = registry.by_serial(serial)
            && entry.revoked.is_none()
        {
            let mut entry = entry.clone();
            entry.revoked = Some(Revoked {
                serial: serial.clone(),
                reason,
                revoked_at: now,
            });
            entries.push(entry);
        }
    }
    entries
}

/// The member's certificates a removal revokes: every unexpired, unrevoked one of its name and
/// profile (the current one and any it renewed), the one it was added with first.
fn member_certificates(
    registry: &Registry,
    kind: MemberKind,
    name: &str,
    added_with: &str,
    now: i64,
) -> Vec<String> {
    let mut serials: Vec<String> = registry
        .by_serial(added_with)
        .filter(|e| e.revoked.is_none())
        .map(|e| e.issued.serial.clone())
        .into_iter()
        .collect();
    for e in registry.entries() {
        let live = e.revoked.is_none() && now < e.issued.not_after;
        let theirs = e.issued.name == name && e.issued.profile == kind.name();
        if live && theirs && !serials.contains(&e.issued.serial) {
            serials.push(e.issued.serial.clone());
        }
    }
    serials
}

/// A member change needs a hub restart only for an edge whose pin changed (pinned mode).
fn member_restart(cluster: &Cluster, kind: MemberKind) -> Option<String> {
    match kind {
        MemberKind::Dev => None,
        MemberKind::Edge => cluster.edge_restart(),
    }
}

fn remove_member(
    session: &mut Session,
    kind: MemberKind,
    req: &RemoveRequest,
) -> Result<RemoveReport> {
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let mut members = hub::load_members(store)?;
    let serial = match kind {
        MemberKind::Dev => members.devs.remove(&req.name).map(|d| d.cert_serial),
        MemberKind::Edge => members.edges.remove(&req.name).map(|e| e.cert_serial),
    };
    let Some(serial) = serial else {
        return already_removed(session, kind, &req.name, (&cluster, &members));
    };
    let targets = cluster.targets(store)?;
    let now = unix_now();
    // One read of the whole registry serves the certificates to revoke and the CRL.
    let registry = Registry::load(store)?;
    let serials = member_certificates(&registry, kind, &req.name, &serial, now);
    let mut reg = RegistryUpdate::new(store)?;
    for s in &serials {
        reg.revoke(s, &req.name, req.reason, now)?;
    }
    let mut change = Change::default();
    change.record(
        Event::new(
            &format!("{}.remove", kind.name()),
            format!("CN={}", req.name),
        )
        .serial(&serial)
        .detail(req.reason.name()),
    );
    let entries = revoked_including(&registry, &serials, req.reason, now);
    let validity = crate::x509::settings::CaSettings::load(session.store())?.crl_validity();
    let (number, crl) = stage_crl(session, entries.iter(), validity, &mut change)?;
    let mut lookup = |n: &str| reg.pointer(n);
    let rendered = stage_members(
        session,
        &mut change,
        (&cluster, &members),
        &mut lookup,
        (&targets, Some(&crl.pem)),
    )?;
    reg.finish(&mut change);
    session.commit_with(change, |state| state.crl_number = number)?;
    Ok(RemoveReport {
        kind,
        removed: req.name.clone(),
        serial,
        already_removed: false,
        crl_number: Some(number),
        rendered,
        restart: member_restart(&cluster, kind),
    })
}

/// `name` is no member: if the registry shows it was one and its certificate is revoked, the
/// removal already happened, and re-rendering the hub is all that may be missing.
fn already_removed(
    session: &mut Session,
    kind: MemberKind,
    name: &str,
    (cluster, members): (&Cluster, &Members),
) -> Result<RemoveReport> {
    let registry = Registry::load(session.store())?;
    let serial = registry
        .latest_for_name(name)
        .filter(|e| e.issued.profile == kind.name() && e.revoked.is_some())
        .map(|e| e.issued.serial.clone())
        .ok_or_else(|| not_member(kind, name))?;
    let targets = cluster.targets(session.store())?;
    let mut change = Change::default();
    let store = session.store();
    let mut lookup = |n: &str| registry::name_pointer(store, n);
    let view = (cluster, members);
    let rendered = rerender(session, &mut change, view, &mut lookup, (&targets, None))?;
    if !rendered.is_empty() {
        session.commit(change)?;
    }
    Ok(RemoveReport {
        kind,
        removed: name.to_owned(),
        serial,
        already_removed: true,
        crl_number: None,
        rendered,
        restart: None,
    })
}

#[derive(Debug, Serialize)]
pub struct DevRow {
    pub name: String,
    pub email: Option<String>,
    pub account: String,
    /// The developer's current certificate (None: revoked or re-issued under another profile).
    pub cert_serial: Option<String>,
    /// `active` (the hub admits them), `suspended` (no current certificate) or `expired`.
    pub status: &'static str,
    pub password_set_at: String,
    /// A service user (`dev add --service`).
    pub service: bool,
}

/// The hub's developers, by name, with the certificate the hub admits them by.
pub fn dev_list(session: &Session) -> Result<Vec<DevRow>> {
    let store = session.store();
    hub::load_hub(store)?;
    let members = hub::load_members(store)?;
    let now = unix_now();
    members
        .devs
        .into_values()
        .map(|d| {
            let current = registry::name_pointer(store, &d.name)?
                .filter(|p| p.profile == MemberKind::Dev.name());
            let status = match &current {
                Some(p) if now < p.not_after => "active",
                Some(_) => "expired",
                None => "suspended",
            };
            Ok(DevRow {
                name: d.name,
                email: d.email,
                account: d.account,
                cert_serial: current.map(|p| p.serial),
                status,
                password_set_at: rfc3339_unix(d.password_set_at),
                service: d.service,
            })
        })
        .collect()
}

/// tls://host:port -> tls://user:password@host:port
fn leaf_url_with_credentials(url: &str, user: &str, password: &str) -> Result<String> {
    let rest = url.strip_prefix("tls://").ok_or_else(|| {
        Error::InvalidInput(format!(
            "--hub-url {url:?} must start with tls:// (leafnodes use TLS)"
        ))
    })?;
    let (host, port) = rest.rsplit_once(':').ok_or_else(|| {
        Error::InvalidInput(format!(
            "--hub-url {url:?} needs a port, e.g. tls://hub.example.com:7422"
        ))
    })?;
    let plain = hub::check_host("--hub-url", host).is_ok();
    if !plain || port.parse::<u16>().is_err() {
        return Err(Error::InvalidInput(format!(
            "--hub-url {url:?} is not tls://HOST:PORT"
        )));
    }
    Ok(format!("tls://{user}:{password}@{host}:{port}"))
}

pub struct EdgeAddRequest {
    pub name: String,
    /// The edge key's type (default: the edge profile's).
    pub key_type: Option<KeyType>,
    /// The hub's leafnode URL, tls://HOST:PORT.
    pub hub_url: String,
    pub account: String,
    pub dns: Vec<String>,
    /// `--subject`: attributes the edge profile lets the command line set.
    pub subject: SubjectAttrs,
    /// Where the edge's own server listens for local clients.
    pub listen: String,
    /// Where the files will live on the edge host (default: the absolute `out`).
    pub deploy_dir: Option<String>,
    /// Write the config even though no hub certificate names the `hub_url` host.
    pub force: bool,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct EdgeAddReport {
    pub edge: String,
    pub account: String,
    pub serial: String,
    /// The edge's nats-server configuration (0600: it holds the leafnode password).
    pub config: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
    /// The hub directories re-rendered (every hub with one recorded).
    pub rendered: Vec<PathBuf>,
    /// Why the hubs need a restart rather than a reload, if they do.
    pub restart: Option<String>,
}

/// Everything `edge add` checks before the unlock; returns the edge certificate's request.
fn check_edge_add(req: &EdgeAddRequest, members: &Members) -> Result<Request> {
    if members.edges.contains_key(&req.name) {
        return Err(already_member(MemberKind::Edge, &req.name));
    }
    for ext in ["crt", "key", "conf"] {
        fsio::ensure_absent(&req.out.join(format!("{}.{ext}", req.name)))?;
    }
    Ok(Request {
        name: req.name.clone(),
        dns: lowercase(&req.dns),
        ips: Vec::new(),
        emails: Vec::new(),
        validity: None,
        bind_mac: None,
        subject: req.subject.clone(),
    })
}

/// The edge verifies the hub's certificate against the `--hub-url` host: refuse a host that no
/// hub's certificate names, rather than hand out an edge that can never connect.
fn check_hub_url_host(cluster: &Cluster, url: &str) -> Result<()> {
    let host = url
        .strip_prefix("tls://")
        .and_then(|rest| rest.rsplit_once(':'))
        .map(|(host, _)| host.trim_start_matches('[').trim_end_matches(']'))
        .unwrap_or_default();
    let named = |h: &Hub| {
        h.dns.iter().any(|d| d.eq_ignore_ascii_case(host))
            || h.ips.iter().any(|ip| ip.to_string() == host)
    };
    if cluster.hubs.iter().any(named) {
        return Ok(());
    }
    let names: Vec<String> = cluster
        .hubs
        .iter()
        .flat_map(|h| {
            h.dns
                .iter()
                .cloned()
                .chain(h.ips.iter().map(|ip| ip.to_string()))
        })
        .collect();
    Err(Error::InvalidInput(format!(
        "--hub-url host {host:?} is not a name on the hub certificate ({}): the edge could not verify the hub",
        names.join(", ")
    )))
}

/// Renders an edge's own configuration, with its leafnode credentials, into `out` (a new file):
/// from its record, as `edge add` made it and `cert renew` uses it again with a new password.
/// What a record by an older credctl lacks is filled in as `edge add` defaults it (its listen
/// address; `out`, absolute, as the deploy dir), so the record says what the config uses.
pub(super) fn hand_out_edge_conf(
    session: &Session,
    change: &mut Change,
    (edge, password): (&mut Edge, &str),
    (out, existing): (&Path, Existing),
) -> Result<PathBuf> {
    let remote = Zeroizing::new(leaf_url_with_credentials(
        &edge.hub_url,
        &edge.name,
        password,
    )?);
    let templates = templates(session, None)?;
    let batch = change.output(out)?;
    let listen = edge
        .listen
        .get_or_insert_with(|| hub::DEFAULT_EDGE_LISTEN.to_owned());
    let base = edge
        .deploy_dir
        .get_or_insert_with(|| batch.dir().display().to_string());
    let conf = Zeroizing::new(render::render_edge(
        &templates, &edge.name, listen, &remote, base,
    )?);
    let (file, bytes) = (format!("{}.conf", edge.name), conf.as_bytes().to_vec());
    match existing {
        Existing::Refuse => batch.add_new(&file, bytes, fsio::PRIVATE_FILE),
        Existing::Replace => Ok(batch.add_replace(&file, bytes, fsio::PRIVATE_FILE)),
    }
}

/// The edge config `cert renew` of a hub edge hands out beside the new certificate and key.
#[derive(Debug, Serialize)]
pub struct EdgeConfig {
    /// The edge's new nats-server configuration (0600: it holds the new leafnode password).
    pub config: PathBuf,
    /// Where that config reads the edge's certificate, key and CA chain on the edge host.
    pub deploy_dir: String,
}

/// The store's members when `name` is a hub edge (its renewal rotates its leafnode password,
/// see [`rotate_edge_password`]); checked before anything changes.
pub(super) fn renewing_edge(store: &crate::store::Store, name: &str) -> Result<Option<Members>> {
    if !hub::hub_exists(store) {
        return Ok(None);
    }
    let members = hub::load_members(store)?;
    Ok(members.edges.contains_key(name).then_some(members))
}

/// `cert renew` of the hub edge `name` (certificate `serial`): a new leafnode password, its hash
/// in the edge's record (saved in `change`, so the hubs re-rendered in the same change admit
/// only it) and a new edge config holding it in `out`. Outside pinned mode the leafnode port
/// checks a certificate against the CA alone: with the old password, the edge's superseded
/// certificate would still log in with its old config.
pub(super) fn rotate_edge_password(
    session: &Session,
    change: &mut Change,
    members: &mut Members,
    (name, serial): (&str, &str),
    out: &Path,
) -> Result<EdgeConfig> {
    let edge = members
        .edges
        .get_mut(name)
        .ok_or_else(|| not_member(MemberKind::Edge, name))?;
    let password = hub::generate_password();
    edge.password_hash = hub::hash_password(&password)?;
    edge.password_set_at = unix_now();
    let config = hand_out_edge_conf(session, change, (edge, &password), (out, Existing::Refuse))?;
    let deploy_dir = edge.deploy_dir.clone().unwrap_or_default();
    hub::save_members(change, members);
    change.record(
        Event::new("edge.password", format!("CN={name}"))
            .serial(serial)
            .detail("leafnode password rotated by cert renew; new edge config handed out"),
    );
    Ok(EdgeConfig { config, deploy_dir })
}

/// Adds an edge: certificate, key and its own nats-server config in `out`, its leafnode user on
/// the hub, the hub re-rendered in the same change.
pub fn edge_add(session: &mut Session, req: &EdgeAddRequest) -> Result<EdgeAddReport> {
    issue::check_name(&req.name)?;
    hub::check_account(&req.account)?;
    hub::check_host_port("--listen", &req.listen)?;
    if let Some(dir) = &req.deploy_dir {
        hub::check_deploy_dir("--deploy-dir", dir)?;
    }
    leaf_url_with_credentials(&req.hub_url, &req.name, "x")?;
    check_out_dir(&req.out)?;
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let mut members = hub::load_members(store)?;
    if !req.force {
        check_hub_url_host(&cluster, &req.hub_url)?;
    }
    let request = check_edge_add(req, &members)?;
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get(MemberKind::Edge.name())?;
    let mut reg = RegistryUpdate::new(store)?;
    ensure_cert_name_free(&mut reg, &req.name)?;
    let window = request.validate(profile, session.authority()?.issuing_validity())?;
    let targets = cluster.targets(store)?;

    let (signed, key) =
        issue_recorded(session, &mut reg, (profile, &request, window), req.key_type)?;
    let password = hub::generate_password();
    let mut edge = Edge {
        name: req.name.clone(),
        account: req.account.clone(),
        password_hash: hub::hash_password(&password)?,
        password_set_at: unix_now(),
        cert_serial: signed.issued.serial.clone(),
        spki_sha256: signed.issued.spki_sha256.clone(),
        hub_url: req.hub_url.clone(),
        listen: Some(req.listen.clone()),
        deploy_dir: req.deploy_dir.clone(),
    };
    let mut change = Change::default();
    let (cert, key) = hand_out_pair(
        session,
        &mut change,
        (&req.out, &req.name, Existing::Refuse),
        &signed,
        Some(&key),
    )?;
    let config = hand_out_edge_conf(
        session,
        &mut change,
        (&mut edge, &password),
        (&req.out, Existing::Refuse),
    )?;
    members.edges.insert(req.name.clone(), edge);
    hand_out_ca(session, &mut change, &req.out)?;
    let mut lookup = |n: &str| reg.pointer(n);
    let view = (&cluster, &members);
    let rendered = stage_members(session, &mut change, view, &mut lookup, (&targets, None))?;
    reg.finish(&mut change);
    let detail = format!("account {}, hub {}", req.account, req.hub_url);
    change.record(cert_event("edge.add", &signed, detail));
    session.commit(change)?;
    Ok(EdgeAddReport {
        edge: req.name.clone(),
        account: req.account.clone(),
        serial: signed.issued.serial,
        config,
        cert,
        key: key.expect("a new key was handed out"),
        rendered,
        restart: cluster.edge_restart(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaf_urls_get_credentials_and_bad_ones_are_refused() {
        assert_eq!(
            leaf_url_with_credentials("tls://hub.example.com:7422", "e1", "pw").unwrap(),
            "tls://e1:pw@hub.example.com:7422"
        );
        for bad in [
            "nats://x:1",
            "tls://x",
            "tls://:1",
            "tls://a@b:1",
            "tls://x:port",
        ] {
            assert!(leaf_url_with_credentials(bad, "e1", "pw").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_roster_reads_names_emails_and_accounts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roster.csv");
        std::fs::write(&path, "name,email,account\n# c\nann,a@x.org\n\nben,,TEAM\n").unwrap();
        let roster = read_roster(&path).unwrap();
        assert_eq!(roster.len(), 2);
        assert_eq!(roster[0].email.as_deref(), Some("a@x.org"));
        assert_eq!(roster[1].account.as_deref(), Some("TEAM"));
        std::fs::write(&path, "a,b,c,d\n").unwrap();
        assert!(matches!(read_roster(&path), Err(Error::InvalidInput(_))));
        std::fs::write(&path, [0xff, 0xfe, b'\n']).unwrap();
        assert!(matches!(read_roster(&path), Err(Error::InvalidInput(_))));
        let missing = dir.path().join("missing.csv");
        assert!(matches!(read_roster(&missing), Err(Error::InvalidInput(_))));
    }
}
