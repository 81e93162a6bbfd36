//! `rotate passwords`: new passwords for hub members past an age, for a CI job with no one
//! watching. Members are rotated in chunks, each one commit (members, every hub re-rendered,
//! the hand-outs); a run killed between chunks is finished by running it again, which rotates
//! only who was not rotated yet (the store keeps who is left until the run completes).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use time::Duration;
use zeroize::Zeroizing;

use super::hub::{hand_out_edge_conf, stage_members};
use super::hubsync::Cluster;
use super::{Existing, Session};
use crate::audit::Event;
use crate::clock::{rfc3339_unix, unix_now};
use crate::error::{Error, Result};
use crate::hub::{self, Members};
use crate::store::{Change, fsio, keyring};
use crate::x509::registry;

/// Where an unfinished run keeps who is left, so a re-run continues it.
pub const RUN_FILE: &str = "hub/rotation.json";
/// Members per commit: a kill loses at most this many rotations, and re-running redoes them.
pub const DEFAULT_CHUNK: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Dev,
    Edge,
    /// The route user every clustered hub authenticates its peers with.
    Route,
    /// The system account's user, the same on every hub.
    System,
    /// Service users (`dev add --service`): their new password goes out as NAME.env.
    Service,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Dev => "dev",
            Kind::Edge => "edge",
            Kind::Route => "route",
            Kind::System => "system",
            Kind::Service => "service",
        }
    }
}

pub struct RotatePasswordsRequest {
    /// Only passwords set longer ago than this (None: every selected member's).
    pub older_than: Option<Duration>,
    /// Empty: every kind.
    pub kinds: Vec<Kind>,
    pub dry_run: bool,
    /// Plaintext hand-outs go to `out/secret/` (0700); age-encrypted ones, safe to publish, to
    /// `out/sealed/`.
    pub out: PathBuf,
    pub chunk: usize,
}

/// An unfinished run, as the store keeps it.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Run {
    started_at: i64,
    /// Passwords set at or before this were selected.
    cutoff: i64,
    kinds: Vec<Kind>,
    /// Who this run has yet to rotate, in order.
    left: Vec<(Kind, String)>,
}

#[derive(Debug, Serialize)]
pub struct Rotated {
    pub kind: Kind,
    pub name: String,
    /// The plaintext hand-out (dev: NAME.password; edge: its new NAME.conf), 0600.
    pub secret: Option<PathBuf>,
    /// The age-encrypted password for a developer with a recipient (safe to publish).
    pub sealed: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct RotateReport {
    pub dry_run: bool,
    /// Passwords set at or before this were selected.
    pub cutoff: String,
    /// This run continued one that was interrupted.
    pub resumed: bool,
    pub rotated: Vec<Rotated>,
    pub commits: usize,
    pub rendered: Vec<PathBuf>,
    /// Hubs to restart, one at a time, after a new route password: a restart drops every route
    /// the hub knew (a reload was not reliable in the tests while the route user's password
    /// was rendered as a hash, and has not been re-tested since).
    pub restart: Vec<String>,
}

/// Rotates the selected members' passwords, `progress` told after each commit (done, total).
pub fn passwords(
    session: &mut Session,
    req: &RotatePasswordsRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RotateReport> {
    let now = unix_now();
    let store = session.store();
    let mut cluster = Cluster::load(store)?;
    let mut members = hub::load_members(store)?;
    let mut kinds = match req.kinds.is_empty() {
        true => vec![
            Kind::Dev,
            Kind::Edge,
            Kind::Route,
            Kind::System,
            Kind::Service,
        ],
        false => req.kinds.clone(),
    };
    kinds.sort();
    kinds.dedup();
    let (mut run, resumed) = run_of(session, req, &kinds, now)?;
    let selected = match resumed {
        // Who is left and still a member.
        true => run
            .left
            .iter()
            .filter(|m| is_member(&members, m))
            .cloned()
            .collect(),
        false => {
            let sealed = store.exists(hub::ROUTE_PASSWORD_FILE);
            select((&cluster, &members), &run, sealed)
        }
    };
    let mut report = RotateReport {
        dry_run: req.dry_run,
        cutoff: rfc3339_unix(run.cutoff),
        resumed,
        rotated: Vec::new(),
        commits: 0,
        rendered: Vec::new(),
        restart: Vec::new(),
    };
    if req.dry_run {
        report.rotated = selected.iter().map(|(k, n)| planned(*k, n)).collect();
        return Ok(report);
    }
    let (secret_dir, sealed_dir) = (req.out.join("secret"), req.out.join("sealed"));
    super::check_out_dir(&req.out)?;
    // Unlock before the first hash: a wrong passphrase costs nothing.
    session.signer()?;
    let chunks: Vec<&[(Kind, String)]> = selected.chunks(req.chunk.max(1)).collect();
    let targets = cluster.targets(session.store())?;
    for (i, chunk) in chunks.iter().enumerate() {
        let mut change = Change::default();
        let passwords: Vec<Zeroizing<String>> =
            chunk.iter().map(|_| hub::generate_password()).collect();
        let hashes = hub::hash_passwords(&passwords)?;
        for ((kind, name), (password, hash)) in chunk.iter().zip(passwords.iter().zip(hashes)) {
            let dirs = (secret_dir.as_path(), sealed_dir.as_path());
            let rotated = rotate_one(
                session,
                &mut change,
                (&mut cluster, &mut members),
                (*kind, name),
                (password, hash),
                now,
                dirs,
            )?;
            report.rotated.push(rotated);
        }
        let last = i + 1 == chunks.len();
        run.left = chunks[i + 1..].concat();
        match last {
            true if resumed || chunks.len() > 1 => change.remove(RUN_FILE),
            true => {}
            false => {
                let bytes = serde_json::to_vec(&run).expect("run serializes");
                change.write_private(RUN_FILE, bytes)
            }
        }
        let mut lookup = |n: &str| registry::name_pointer(session.store(), n);
        let view = (&cluster, &members);
        report.rendered = stage_members(session, &mut change, view, &mut lookup, (&targets, None))?;
        session.commit(change)?;
        report.commits += 1;
        progress(report.rotated.len(), selected.len());
    }
    if report.rotated.iter().any(|r| r.kind == Kind::Route) {
        report.restart = cluster
            .hubs
            .iter()
            .filter(|h| h.route_password_hash.is_some())
            .map(|h| h.name.clone())
            .collect();
    }
    if selected.is_empty() && resumed {
        // Everyone was rotated before the interruption: only the run record is left.
        let mut change = Change::default();
        change.remove(RUN_FILE);
        change.record(Event::new("password.rotate-finished", "hub"));
        session.commit(change)?;
    }
    Ok(report)
}

/// The run this command is: an unfinished one of the same kinds, or a new one.
fn run_of(
    session: &Session,
    req: &RotatePasswordsRequest,
    kinds: &[Kind],
    now: i64,
) -> Result<(Run, bool)> {
    if let Some(run) = session.store().read_json::<Run>(RUN_FILE)? {
        if run.kinds != kinds {
            let named: Vec<&str> = run.kinds.iter().map(|k| k.name()).collect();
            return Err(Error::Conflict(format!(
                "a rotation of {} passwords started at {} is unfinished: run it again with the same --kind first",
                named.join(", "),
                rfc3339_unix(run.started_at)
            )));
        }
        return Ok((run, true));
    }
    let cutoff = match req.older_than {
        Some(age) => now - age.whole_seconds(),
        None => now,
    };
    let run = Run {
        started_at: now,
        cutoff,
        kinds: kinds.to_vec(),
        left: Vec::new(),
    };
    Ok((run, false))
}

/// The members whose password is due, in a stable order: developers that have one (password
/// mode), then edges.
fn select(
    (cluster, members): (&Cluster, &Members),
    run: &Run,
    routes_sealed: bool,
) -> Vec<(Kind, String)> {
    let due = |set_at: i64, hash: &str| set_at <= run.cutoff && !hash.is_empty();
    let mut selected = Vec::new();
    for (kind, service) in [(Kind::Dev, false), (Kind::Service, true)] {
        if run.kinds.contains(&kind) {
            let devs = members
                .devs
                .values()
                .filter(|d| d.service == service && due(d.password_set_at, &d.password_hash));
            selected.extend(devs.map(|d| (kind, d.name.clone())));
        }
    }
    if run.kinds.contains(&Kind::Edge) {
        let edges = members
            .edges
            .values()
            .filter(|e| due(e.password_set_at, &e.password_hash));
        selected.extend(edges.map(|e| (Kind::Edge, e.name.clone())));
    }
    // Only a cluster whose route password credctl seals (not routes an older credctl recorded).
    let route = cluster
        .hubs
        .iter()
        .find(|h| h.route_password_hash.is_some());
    if let Some(hub) = route.filter(|_| run.kinds.contains(&Kind::Route) && routes_sealed) {
        // Not recorded (a hub made before credctl kept it): as old as can be.
        if hub.route_password_set_at.unwrap_or(0) <= run.cutoff {
            selected.push((Kind::Route, hub::ROUTE_USER.to_owned()));
        }
    }
    let system_set_at = cluster.first().system_password_set_at.unwrap_or(0);
    if run.kinds.contains(&Kind::System) && system_set_at <= run.cutoff {
        selected.push((Kind::System, hub::SYSTEM_USER.to_owned()));
    }
    selected
}

fn is_member(members: &Members, (kind, name): &(Kind, String)) -> bool {
    match kind {
        Kind::Dev | Kind::Service => members.devs.contains_key(name),
        Kind::Edge => members.edges.contains_key(name),
        Kind::Route | Kind::System => true,
    }
}

fn planned(kind: Kind, name: &str) -> Rotated {
    Rotated {
        kind,
        name: name.to_owned(),
        secret: None,
        sealed: None,
    }
}

/// Sets one member's new password in `members` and adds its hand-outs to `change`.
fn rotate_one(
    session: &Session,
    change: &mut Change,
    (cluster, members): (&mut Cluster, &mut Members),
    (kind, name): (Kind, &str),
    (password, hash): (&str, String),
    now: i64,
    (secret_dir, sealed_dir): (&Path, &Path),
) -> Result<Rotated> {
    let line = Zeroizing::new(format!("{password}\n"));
    let mut rotated = planned(kind, name);
    match kind {
        Kind::Dev | Kind::Service => {
            let dev = members.devs.get_mut(name).expect("selected from members");
            dev.password_hash = hash;
            dev.password_set_at = now;
            dev.password_imported = false;
            let (file, secret) = match kind {
                Kind::Service => (
                    format!("{name}.env"),
                    hub::service_env(name, Some(password)),
                ),
                _ => (format!("{name}.password"), line),
            };
            let batch = change.output(secret_dir)?;
            let bytes = secret.as_bytes().to_vec();
            rotated.secret = Some(batch.add_replace(&file, bytes, fsio::PRIVATE_FILE));
            if let Some(recipient) = &dev.recipient {
                let sealed = keyring::seal(&hub::check_recipient(recipient)?, secret.as_bytes())?;
                let batch = change.output(sealed_dir)?;
                let file = format!("{file}.age");
                rotated.sealed = Some(batch.add_replace(&file, sealed, fsio::PUBLIC_FILE));
            }
        }
        Kind::Edge => {
            let edge = members.edges.get_mut(name).expect("selected from members");
            edge.password_hash = hash;
            edge.password_set_at = now;
            rotated.secret = Some(hand_out_edge_conf(
                session,
                change,
                (edge, password),
                (secret_dir, Existing::Replace),
            )?);
        }
        Kind::Route => {
            // Sealed for rendering, never handed out: only the hubs' cluster.conf carry it.
            let sealed = keyring::seal(&session.key()?.recipient(), password.as_bytes())?;
            change.write_private(hub::ROUTE_PASSWORD_FILE, sealed);
            for at in 0..cluster.hubs.len() {
                let hub = &mut cluster.hubs[at];
                if hub.route_password_hash.is_some() {
                    hub.route_password_hash = Some(hash.clone());
                    hub.route_password_set_at = Some(now);
                    cluster.save_hub(change, at);
                }
            }
            cluster.set_route_password(Zeroizing::new(password.to_owned()));
        }
        Kind::System => {
            for hub in &mut cluster.hubs {
                hub.system_password_hash = hash.clone();
                hub.system_password_set_at = Some(now);
            }
            for at in 0..cluster.hubs.len() {
                cluster.save_hub(change, at);
            }
            let batch = change.output(secret_dir)?;
            let file = format!("{}.password", hub::SYSTEM_USER);
            rotated.secret =
                Some(batch.add_replace(&file, line.as_bytes().to_vec(), fsio::PRIVATE_FILE));
        }
    }
    change.record(Event::new(
        "password.rotate",
        format!("{} {name}", kind.name()),
    ));
    Ok(rotated)
}

// ---------------------------------------------------------------------------------------------
// rotate certs

pub struct RotateCertsRequest {
    /// Renew every current certificate that expires within this.
    pub within: Duration,
    /// Only these profiles (empty: every profile).
    pub profiles: Vec<String>,
    /// Renew for the old keys (CSR-only devices); hub certificates always keep theirs.
    pub reuse_key: bool,
    pub dry_run: bool,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct RenewedCert {
    pub name: String,
    pub profile: String,
    /// The certificate it replaces, and when that one expires.
    pub replaces: String,
    pub expires: String,
    /// The new serial (None on a dry run or when skipped).
    pub serial: Option<String>,
    /// Why it was not renewed, if it was not.
    pub skipped: Option<String>,
    /// The hub directory re-rendered with it (a hub's own certificate).
    pub rendered: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct CertsReport {
    pub dry_run: bool,
    pub certs: Vec<RenewedCert>,
}

/// Renews every certificate expiring within the window, one commit each (a re-run after a kill
/// finds only those not renewed yet). A hub's certificate is renewed for its key, which lives
/// only in its directory, and that directory is re-rendered.
pub fn certs(
    session: &mut Session,
    req: &RotateCertsRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<CertsReport> {
    let now = unix_now();
    let registry = registry::Registry::load(session.store())?;
    let hubs = match hub::hub_exists(session.store()) {
        true => Cluster::load(session.store())?.hubs,
        false => Vec::new(),
    };
    let due: Vec<registry::Entry> = registry
        .current(now)
        .filter(|e| e.issued.not_after - now < req.within.whole_seconds())
        .filter(|e| req.profiles.is_empty() || req.profiles.contains(&e.issued.profile))
        .cloned()
        .collect();
    let mut report = CertsReport {
        dry_run: req.dry_run,
        certs: Vec::new(),
    };
    for (i, entry) in due.iter().enumerate() {
        let issued = &entry.issued;
        let hub = hubs.iter().find(|h| h.name == issued.name);
        let mut renewed = RenewedCert {
            name: issued.name.clone(),
            profile: issued.profile.clone(),
            replaces: issued.serial.clone(),
            expires: rfc3339_unix(issued.not_after),
            serial: None,
            skipped: (issued.from_csr && !req.reuse_key)
                .then(|| "signed from a CSR, the store has no key: pass --reuse-key".to_owned()),
            rendered: None,
        };
        if !req.dry_run && renewed.skipped.is_none() {
            let renew = super::cert::RenewRequest {
                name: issued.name.clone(),
                validity: None,
                reuse_key: req.reuse_key || hub.is_some(),
                revoke_old: false,
                key_type: None,
                out: req.out.clone(),
            };
            match super::cert::renew(session, &renew) {
                Ok(r) => renewed.serial = Some(r.issued.serial),
                // What `cert renew` refuses for this one (bound to a MAC...) skips it alone.
                Err(Error::InvalidInput(why)) => renewed.skipped = Some(why),
                Err(e) => return Err(e),
            }
            if let Some(dir) = renewed
                .serial
                .as_ref()
                .and(hub)
                .and_then(|h| h.render_dir.clone())
            {
                let render = super::hub::RenderRequest {
                    out: dir.clone(),
                    hub: Some(issued.name.clone()),
                    templates: None,
                    record: false,
                };
                super::hub::hub_render(session, &render)?;
                renewed.rendered = Some(dir);
            }
        }
        report.certs.push(renewed);
        progress(i + 1, due.len());
    }
    Ok(report)
}
