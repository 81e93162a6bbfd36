//! Keeps the hubs' rendered directories in step with the store: one rule decides who the
//! rendered config admits — a member (or the system user) whose name stands for an active,
//! unrevoked, unexpired certificate of its profile in the registry, with that certificate's
//! subject and key pin. Member changes and certificate changes (renew, force re-issue, revoke)
//! re-render every hub of the store through here, in the same change as the store update.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use super::Session;
use crate::clock::unix_now;
use crate::error::Result;
use crate::hub::render::{self, Templates};
use crate::hub::{self, Hub, Members, SystemUser};
use crate::store::{Change, Store, fsio};
use crate::x509::authority;
use crate::x509::registry::{self, NamePointer, RegistryUpdate};

/// The current certificate a name stands for, as the change being built sees it.
pub type Lookup<'a> = dyn FnMut(&str) -> Result<Option<NamePointer>> + 'a;

pub fn templates(session: &Session, explicit: Option<&Path>) -> Result<Templates> {
    Templates::for_store(session.store().root(), explicit)
}

/// Adds a file replacing any existing one, noting it in `changed` unless it already holds
/// exactly these bytes (then it is left alone).
pub fn replace_noting(
    batch: &mut fsio::OutputBatch,
    name: &str,
    bytes: Vec<u8>,
    mode: u32,
    changed: &mut Vec<PathBuf>,
) {
    let target = batch.add_replace(name, bytes, mode);
    if batch.will_write(name) {
        changed.push(target);
    }
}

/// The store's hubs (the first first) and, opened only when a clustered hub is rendered, the
/// route password their `cluster.conf` files carry.
pub struct Cluster {
    pub hubs: Vec<Hub>,
    route_password: OnceCell<Option<Zeroizing<String>>>,
}

impl Cluster {
    pub fn new(hubs: Vec<Hub>) -> Cluster {
        Cluster {
            hubs,
            route_password: OnceCell::new(),
        }
    }

    /// Every hub of the store (none: refused with [`crate::error::Refusal::NoHub`]).
    pub fn load(store: &Store) -> Result<Cluster> {
        Ok(Cluster::new(hub::load_hubs(store)?))
    }

    /// Why an edge change needs a hub restart, if it does: leafnode pins (pinned mode) are not
    /// reloaded by nats-server 2.9; edge users (in auth.conf) are.
    pub fn edge_restart(&self) -> Option<String> {
        self.hubs
            .iter()
            .any(|h| h.tls_mode == hub::TlsMode::Pinned)
            .then(|| "the leafnode pins changed, which nats-server does not reload".to_owned())
    }

    /// Whether a hub admits edges by leafnode password over any certificate of the CA
    /// (nats-server 2.9 maps no certificate to a leafnode user): every mode but pinned. There an
    /// edge's superseded certificate still connects with the edge's password until `cert renew`
    /// rotates it.
    pub fn unpinned_edges(&self) -> bool {
        self.hubs.iter().any(|h| h.tls_mode != hub::TlsMode::Pinned)
    }

    /// A route password not in the store yet (the change that seals it is being built).
    pub fn with_route_password(self, password: Zeroizing<String>) -> Cluster {
        let _ = self.route_password.set(Some(password));
        self
    }

    /// A new route password (being rotated): every clustered hub renders with it.
    pub fn set_route_password(&mut self, password: Zeroizing<String>) {
        self.route_password = OnceCell::from(Some(password));
    }

    pub fn first(&self) -> &Hub {
        &self.hubs[0]
    }

    pub fn names(&self) -> String {
        let names: Vec<&str> = self.hubs.iter().map(|h| h.name.as_str()).collect();
        names.join(", ")
    }

    /// The hub `name`, or the only one when no name is given.
    pub fn select(&self, name: Option<&str>) -> Result<usize> {
        match name {
            Some(n) => self.hubs.iter().position(|h| h.name == n).ok_or_else(|| {
                crate::Error::NotFound(format!(
                    "no hub named {n} (this store's hubs: {})",
                    self.names()
                ))
            }),
            None if self.hubs.len() == 1 => Ok(0),
            None => Err(crate::Error::InvalidInput(format!(
                "this store has several hubs: name one with --hub ({})",
                self.names()
            ))),
        }
    }

    /// Saves hub `i` where it belongs.
    pub fn save_hub(&self, change: &mut Change, i: usize) {
        hub::save_hub(change, &self.hubs[i], i == 0);
    }

    /// Every hub with a recorded directory, as (index, directory): each checked by
    /// [`Hub::render_target`], so call this before anything changes.
    pub fn targets(&self, store: &Store) -> Result<Vec<(usize, PathBuf)>> {
        let mut targets = Vec::new();
        for (i, h) in self.hubs.iter().enumerate() {
            if let Some(dir) = h.render_target(store)? {
                targets.push((i, dir));
            }
        }
        Ok(targets)
    }

    /// The route URLs hub `i` renders, with the route password (unlocks on first use).
    fn routes(&self, session: &Session, i: usize) -> Result<Zeroizing<Vec<String>>> {
        let hub = &self.hubs[i];
        if hub.cluster_port.is_none() {
            return Ok(Zeroizing::new(Vec::new()));
        }
        let password = self.route_password(session)?;
        Ok(Zeroizing::new(hub::route_urls(&self.hubs, hub, password)))
    }

    /// The store's route password in clear (opened on first use), if it has one.
    fn route_password(&self, session: &Session) -> Result<Option<&str>> {
        if self.route_password.get().is_none() {
            let password = open_route_password(session)?;
            let _ = self.route_password.set(password);
        }
        Ok(self
            .route_password
            .get()
            .and_then(|p| p.as_deref())
            .map(String::as_str))
    }
}

/// The sealed route password, if the store has one (a cluster by an older credctl has none).
fn open_route_password(session: &Session) -> Result<Option<Zeroizing<String>>> {
    let store = session.store();
    let Some(sealed) = store.read_optional(hub::ROUTE_PASSWORD_FILE)? else {
        return Ok(None);
    };
    let path = store.path(hub::ROUTE_PASSWORD_FILE);
    let plain = session.key()?.open(&sealed, &path)?;
    let text =
        std::str::from_utf8(&plain).map_err(|_| crate::Error::corrupt(&path, "not UTF-8 text"))?;
    Ok(Some(Zeroizing::new(text.to_owned())))
}

/// `pointer` admits its holder as a `profile` member now.
fn admits(pointer: &NamePointer, profile: &str, now: i64) -> bool {
    pointer.profile == profile && now < pointer.not_after
}

/// The SPKI pin of the current certificate: recorded in the pointer, or (older pointers) the
/// member's own when it is still the same certificate, or read back from the registry.
fn pin_of(session: &Session, p: &NamePointer, serial: &str, recorded: &str) -> Result<String> {
    if let Some(pin) = &p.spki_sha256 {
        return Ok(pin.clone());
    }
    if p.serial == serial {
        return Ok(recorded.to_owned());
    }
    let pem = registry::read_pem(session.store(), p.pem_at)?;
    let details = crate::x509::inspect::details(pem.as_bytes())
        .map_err(|e| crate::Error::corrupt(session.store().path(registry::PEM_FILE), e))?;
    Ok(crate::x509::inspect::spki_sha256(&details.spki_der))
}

/// Who the rendered config admits: the members whose certificate is current, each with that
/// certificate's serial, subject and pin; and the system user, when it has a certificate.
pub fn admitted(
    session: &Session,
    members: &Members,
    lookup: &mut Lookup<'_>,
) -> Result<(Members, Option<SystemUser>)> {
    let now = unix_now();
    let mut out = Members::default();
    for dev in members.devs.values() {
        let Some(p) = lookup(&dev.name)?.filter(|p| admits(p, "dev", now)) else {
            continue;
        };
        let mut dev = dev.clone();
        dev.spki_sha256 = pin_of(session, &p, &dev.cert_serial, &dev.spki_sha256)?;
        dev.dn = p.subject.clone().unwrap_or(dev.dn);
        dev.cert_serial = p.serial;
        out.devs.insert(dev.name.clone(), dev);
    }
    for edge in members.edges.values() {
        let Some(p) = lookup(&edge.name)?.filter(|p| admits(p, "edge", now)) else {
            continue;
        };
        let mut edge = edge.clone();
        edge.spki_sha256 = pin_of(session, &p, &edge.cert_serial, &edge.spki_sha256)?;
        edge.cert_serial = p.serial;
        out.edges.insert(edge.name.clone(), edge);
    }
    // The system user's certificate is recent enough that its pointer always has both.
    let system = lookup(hub::SYSTEM_USER)?
        .filter(|p| admits(p, hub::SYSTEM_PROFILE, now))
        .and_then(|p| {
            Some(SystemUser {
                dn: p.subject?,
                spki_sha256: p.spki_sha256?,
            })
        });
    Ok((out, system))
}

/// What every hub of the store renders alike: who is admitted (decided once per change, not
/// once per hub), the templates, the CA chain and the CRL.
pub struct Rendering {
    admitted: Members,
    system: Option<SystemUser>,
    templates: Templates,
    chain: Vec<u8>,
    crl: Option<Vec<u8>>,
}

impl Rendering {
    /// The same rendering with `chain` as the hubs' CA file (a rollover changes it in the same
    /// commit, before the session's CA is reloaded).
    pub fn with_chain(mut self, chain: Vec<u8>) -> Rendering {
        self.chain = chain;
        self
    }

    /// `crl_pem`: the CRL this change issues, else the store's latest.
    pub fn new(
        session: &Session,
        members: &Members,
        lookup: &mut Lookup<'_>,
        (templates, crl_pem): (Templates, Option<&str>),
    ) -> Result<Rendering> {
        let (admitted, system) = admitted(session, members, lookup)?;
        let crl = match crl_pem {
            Some(pem) => Some(pem.as_bytes().to_vec()),
            None => authority::latest_crl(session.store())?,
        };
        Ok(Rendering {
            admitted,
            system,
            templates,
            chain: session.authority()?.chain_pem().as_bytes().to_vec(),
            crl,
        })
    }
}

/// Adds hub `i`'s rendered configuration, the CA chain and the CRL to the hand-outs in `dir`;
/// returns the files whose content changes.
pub fn hand_out_hub(
    session: &Session,
    change: &mut Change,
    dir: &Path,
    (cluster, i): (&Cluster, usize),
    r: &Rendering,
) -> Result<Vec<PathBuf>> {
    let hub = &cluster.hubs[i];
    let routes = cluster.routes(session, i)?;
    let batch = change.output(dir)?;
    let base = render::deploy_base(hub, batch.dir())?;
    let mut changed = Vec::new();
    let view = (&r.admitted, r.system.as_ref());
    let cluster_name = format!("{}-cluster", cluster.first().name);
    let route_password = match hub.cluster_port {
        Some(_) => cluster.route_password(session)?,
        None => None,
    };
    let cluster_view = (cluster_name.as_str(), routes.as_slice(), route_password);
    let files = render::render_hub(&r.templates, hub, view, &base, cluster_view)?;
    for (name, text) in files {
        // cluster.conf holds the route password: the String is wiped once staged.
        let text = Zeroizing::new(text);
        let bytes = text.as_bytes().to_vec();
        replace_noting(batch, &name, bytes, fsio::PRIVATE_FILE, &mut changed);
    }
    replace_noting(
        batch,
        "ca.crt",
        r.chain.clone(),
        fsio::PUBLIC_FILE,
        &mut changed,
    );
    if let Some(crl) = &r.crl {
        replace_noting(
            batch,
            "crl.pem",
            crl.clone(),
            fsio::PUBLIC_FILE,
            &mut changed,
        );
    }
    Ok(changed)
}

/// A hub's current certificate followed by the chain it presents (its own issuer's, during a
/// rollover), for its directory; None when it has no current certificate.
pub fn hub_cert_pem(session: &Session, name: &str) -> Result<Option<String>> {
    let store = session.store();
    let Some(pointer) = registry::name_pointer(store, name)? else {
        return Ok(None);
    };
    let leaf = registry::read_pem(store, pointer.pem_at)?;
    let chain = session.authority()?.leaf_chain_for(&leaf).to_owned();
    Ok(Some(leaf + &chain))
}

/// Re-renders every hub in `targets` (from [`Cluster::targets`], checked before anything
/// changed) in the same change as the store update; returns their directories.
pub fn rerender(
    session: &Session,
    change: &mut Change,
    (cluster, members): (&Cluster, &Members),
    lookup: &mut Lookup<'_>,
    (targets, crl_pem): (&[(usize, PathBuf)], Option<&str>),
) -> Result<Vec<PathBuf>> {
    if targets.is_empty() {
        return Ok(Vec::new());
    }
    let templates = templates(session, None)?;
    let rendering = Rendering::new(session, members, lookup, (templates, crl_pem))?;
    for (i, dir) in targets {
        hand_out_hub(session, change, dir, (cluster, *i), &rendering)?;
    }
    Ok(targets.iter().map(|(_, dir)| dir.clone()).collect())
}

/// What a certificate change did to the hub's members.
#[derive(Debug, Default, Serialize)]
pub struct Followed {
    /// The hub directories re-rendered (empty: no hub has one recorded).
    pub rendered: Vec<PathBuf>,
    /// Members (`dev alice`, `edge e1`) the hub no longer admits: no current certificate.
    pub suspended: Vec<String>,
    /// Members the hub admits with their new current certificate.
    pub admitted: Vec<String>,
    /// Why a hub restart is needed (an edge's pin changed), if it is: else a reload applies.
    pub restart: Option<String>,
    /// Edges whose superseded certificate a hub still admits, their leafnode password unchanged
    /// (see [`Cluster::unpinned_edges`]): `cert issue --force`, `cert sign --force` (`cert renew`
    /// rotates the password).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub old_certificate_still_admitted: Vec<String>,
}

/// After certificate changes to `names` (in `reg`, not yet finished): when any of them is a
/// hub member or the system user, re-renders every hub in the same change so they admit exactly
/// the current certificates. None when the store has no hub or no name is a member.
pub fn follow_certificates(
    session: &Session,
    change: &mut Change,
    reg: &mut RegistryUpdate<'_>,
    names: &[String],
) -> Result<Option<Followed>> {
    let store = session.store();
    if !hub::hub_exists(store) {
        return Ok(None);
    }
    let members = hub::load_members(store)?;
    follow_members(session, change, reg, names, (&members, None))
}

/// As [`follow_certificates`] (the store has a hub), with the members as this change leaves
/// them; `rotated`: the edge whose leafnode password this change replaced, so its superseded
/// certificates no longer log in with its old config.
pub fn follow_members(
    session: &Session,
    change: &mut Change,
    reg: &mut RegistryUpdate<'_>,
    names: &[String],
    (members, rotated): (&Members, Option<&str>),
) -> Result<Option<Followed>> {
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let touched: Vec<(&str, &str)> = names
        .iter()
        .filter_map(|n| {
            let kind = if members.devs.contains_key(n) {
                "dev"
            } else if members.edges.contains_key(n) {
                "edge"
            } else if n == hub::SYSTEM_USER {
                hub::SYSTEM_PROFILE
            } else {
                return None;
            };
            Some((kind, n.as_str()))
        })
        .collect();
    if touched.is_empty() {
        return Ok(None);
    }
    let targets = cluster.targets(store)?;
    let now = unix_now();
    let mut followed = Followed::default();
    for (kind, name) in &touched {
        let label = format!("{kind} {name}");
        match reg.pointer(name)?.filter(|p| admits(p, kind, now)) {
            Some(_) => {
                if *kind == "edge" && cluster.unpinned_edges() && rotated != Some(*name) {
                    followed
                        .old_certificate_still_admitted
                        .push(name.to_string());
                }
                followed.admitted.push(label)
            }
            None => followed.suspended.push(label),
        }
        if *kind == "edge" {
            followed.restart = cluster.edge_restart();
        }
    }
    let mut lookup = |n: &str| reg.pointer(n);
    followed.rendered = rerender(
        session,
        change,
        (&cluster, members),
        &mut lookup,
        (&targets, None),
    )?;
    Ok(Some(followed))
}
