//! Keeps the hub's rendered directory in step with the store: one rule decides who the rendered
//! config admits — a member (or the system user) whose name stands for an active, unrevoked,
//! unexpired certificate of its profile in the registry, with that certificate's subject and
//! key pin. Member changes and certificate changes (renew, force re-issue, revoke) re-render
//! through here, in the same change as the store update.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Session;
use crate::clock::unix_now;
use crate::error::Result;
use crate::hub::render::{self, Templates};
use crate::hub::{self, Hub, Members, SystemUser};
use crate::store::{Change, fsio};
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
    let target = batch.dir().join(name);
    let same = std::fs::read(&target).is_ok_and(|old| old == bytes);
    batch.add_replace(name, bytes, mode);
    if !same {
        changed.push(target);
    }
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

/// Adds the hub's rendered configuration (for whom [`admitted`] admits), the CA chain and the
/// CRL (`crl_pem`, or the store's latest) to the hand-outs in `dir`; returns the files whose
/// content changes.
pub fn hand_out_hub(
    session: &Session,
    change: &mut Change,
    dir: &Path,
    (hub, members): (&Hub, &Members),
    lookup: &mut Lookup<'_>,
    (templates, crl_pem): (&Templates, Option<&str>),
) -> Result<Vec<PathBuf>> {
    let (admitted, system) = admitted(session, members, lookup)?;
    let chain = session.authority()?.chain_pem().as_bytes().to_vec();
    let crl = match crl_pem {
        Some(pem) => Some(pem.as_bytes().to_vec()),
        None => authority::latest_crl(session.store())?,
    };
    let batch = change.output(dir)?;
    let base = render::deploy_base(hub, batch.dir())?;
    let mut changed = Vec::new();
    let files = render::render_hub(templates, hub, (&admitted, system.as_ref()), &base)?;
    for (name, text) in files {
        let bytes = text.into_bytes();
        replace_noting(batch, &name, bytes, fsio::PRIVATE_FILE, &mut changed);
    }
    replace_noting(batch, "ca.crt", chain, fsio::PUBLIC_FILE, &mut changed);
    if let Some(crl) = crl {
        replace_noting(batch, "crl.pem", crl, fsio::PUBLIC_FILE, &mut changed);
    }
    Ok(changed)
}

/// Re-renders the hub's own directory, when one is recorded, in the same change as the store
/// update; returns that directory. `dir` comes from [`Hub::render_target`], checked before
/// anything changed.
pub fn rerender(
    session: &Session,
    change: &mut Change,
    (hub, members): (&Hub, &Members),
    lookup: &mut Lookup<'_>,
    (dir, crl_pem): (Option<&Path>, Option<&str>),
) -> Result<Option<PathBuf>> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    let templates = templates(session, None)?;
    let view = (hub, members);
    hand_out_hub(session, change, dir, view, lookup, (&templates, crl_pem))?;
    Ok(Some(dir.to_path_buf()))
}

/// What a certificate change did to the hub's members.
#[derive(Debug, Default, Serialize)]
pub struct Followed {
    /// The hub directory re-rendered (None: the hub has none recorded).
    pub rendered: Option<PathBuf>,
    /// Members (`dev alice`, `edge e1`) the hub no longer admits: no current certificate.
    pub suspended: Vec<String>,
    /// Members the hub admits with their new current certificate.
    pub admitted: Vec<String>,
    /// An edge's admission changed: leafnode authorization needs a hub restart.
    pub restart: bool,
}

/// After certificate changes to `names` (in `reg`, not yet finished): when any of them is a
/// hub member or the system user, re-renders the hub in the same change so it admits exactly
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
    let hub = hub::load_hub(store)?;
    let members = hub::load_members(store)?;
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
    let dir = hub.render_target(store)?;
    let now = unix_now();
    let mut followed = Followed::default();
    for (kind, name) in &touched {
        let label = format!("{kind} {name}");
        match reg.pointer(name)?.filter(|p| admits(p, kind, now)) {
            Some(_) => followed.admitted.push(label),
            None => followed.suspended.push(label),
        }
        followed.restart |= *kind == "edge";
    }
    let mut lookup = |n: &str| reg.pointer(n);
    followed.rendered = rerender(
        session,
        change,
        (&hub, &members),
        &mut lookup,
        (dir.as_deref(), None),
    )?;
    Ok(Some(followed))
}
