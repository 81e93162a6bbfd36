//! `ca renew --root | --intermediate | --finish`: CA rollover with new keys. A root rollover
//! cross-certifies the two roots both ways, so during the overlap clients trusting either root
//! accept certificates of either generation; hubs trust both roots and present each certificate
//! with the chain its holder's clients can follow. `--finish` ends the overlap once nothing
//! current was issued by the previous CA.

use std::path::PathBuf;

use serde::Serialize;

use super::Session;
use super::hubsync::{self, Cluster, Rendering};
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::store::{Change, Transition, keyring};
use crate::x509::authority::{
    CROSS_CERT, INTERMEDIATE_CERT, INTERMEDIATE_KEY, PREVIOUS_CHAIN, PREVIOUS_ROOT_CERT, ROOT_CERT,
    ROOT_KEY,
};
use crate::x509::ca::CaCert;
use crate::x509::issue::CaSigner;
use crate::x509::keys::pkcs8_der;
use crate::x509::registry::{self, Registry};
use crate::x509::rollover::{self, RootRollover};
use crate::x509::{KeyType, inspect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renew {
    Root,
    Intermediate,
    Finish,
}

pub struct RenewRequest {
    pub what: Renew,
    pub days: u32,
    pub intermediate_days: u32,
    /// `--finish` although current certificates were issued by the previous CA.
    pub force: bool,
}

#[derive(Debug, Serialize)]
pub struct RenewReport {
    pub generation: u32,
    pub root: inspect::CertInfo,
    pub intermediate: Option<inspect::CertInfo>,
    /// The overlap: the previous CA's end, while a rollover is in progress.
    pub transition_until: Option<String>,
    pub rendered: Vec<PathBuf>,
}

pub fn renew(session: &mut Session, req: &RenewRequest) -> Result<RenewReport> {
    let ca = session.state().ca.clone();
    if req.what != Renew::Finish
        && let Some(t) = &ca.transition
    {
        return Err(Error::Conflict(format!(
            "a rollover is in progress (since {}, overlap until {}): finish it first with `credctl ca renew --finish`",
            t.started, t.until
        )));
    }
    match req.what {
        Renew::Root => renew_root(session, req),
        Renew::Intermediate if !ca.intermediate => Err(Error::InvalidInput(
            "this CA has no intermediate: renew the root (`ca renew --root`)".into(),
        )),
        Renew::Intermediate => renew_intermediate(session, req),
        Renew::Finish => finish(session, req),
    }
}

/// The new CA's files, pins and transition, applied in one commit signed by the new issuing CA.
struct Rolled {
    files: Vec<(&'static str, Vec<u8>)>,
    removed: Vec<&'static str>,
    issuing: CaSigner,
    transition: Option<Transition>,
    /// The hubs' CA file from this commit on.
    chain: String,
    /// What each hub's certificate is presented with from this commit on.
    hub_cert_chain: String,
    events: Vec<Event>,
}

fn unseal_key(session: &Session, rel: &str, key_type: KeyType) -> Result<rcgen::KeyPair> {
    let store = session.store();
    if rel == ROOT_KEY && store.state().ca.root_key_absent {
        return Err(crate::error::Refusal::RootKeyAbsent.into());
    }
    let der = session.key()?.open(&store.read(rel)?, &store.path(rel))?;
    key_type.load_pkcs8_der(&der)
}

fn sealed(session: &Session, cert: &CaCert) -> Result<Vec<u8>> {
    keyring::seal(&session.key()?.recipient(), &pkcs8_der(&cert.key))
}

/// The CA as it is before a rollover: its summary, key type, and chain (issuing first).
fn current(session: &Session) -> Result<(crate::store::CaSummary, KeyType, Vec<Vec<u8>>)> {
    let authority = session.authority()?;
    Ok((
        session.state().ca.clone(),
        authority.key_type,
        authority.chain_ders().to_vec(),
    ))
}

fn renew_root(session: &mut Session, req: &RenewRequest) -> Result<RenewReport> {
    let (ca, key_type, old_chain) = current(session)?;
    let old_root_der = old_chain.last().expect("a root").clone();
    let store = session.store();
    let old_root_pem = store.read_text(ROOT_CERT)?;
    let old_intermediate_pem = match ca.intermediate {
        true => store.read_text(INTERMEDIATE_CERT)?,
        false => String::new(),
    };
    let rolled = rollover::roll_root(RootRollover {
        name: &ca.name,
        key_type,
        generation: ca.generation + 1,
        days: req.days,
        intermediate_days: ca.intermediate.then_some(req.intermediate_days),
        old_root_der: &old_root_der,
        old_root_key: unseal_key(session, ROOT_KEY, key_type)?,
    })?;
    let mut files = vec![
        (ROOT_CERT, rolled.root.pem.clone().into_bytes()),
        (ROOT_KEY, sealed(session, &rolled.root)?),
        (PREVIOUS_ROOT_CERT, old_root_pem.clone().into_bytes()),
        (CROSS_CERT, rolled.cross_new.clone().into_bytes()),
        (
            PREVIOUS_CHAIN,
            (old_intermediate_pem + &rolled.cross_old).into_bytes(),
        ),
    ];
    let issuing = match &rolled.intermediate {
        Some(i) => {
            files.push((INTERMEDIATE_CERT, i.pem.clone().into_bytes()));
            files.push((INTERMEDIATE_KEY, sealed(session, i)?));
            i
        }
        None => &rolled.root,
    };
    let chain = match &rolled.intermediate {
        Some(i) => i.pem.clone(),
        None => String::new(),
    } + &rolled.root.pem
        + &old_root_pem;
    let transition = Transition {
        previous_root: Some(inspect::fingerprint_sha256(&old_root_der)),
        previous_issuing: inspect::fingerprint_sha256(&old_chain[0]),
        until: inspect::info(&old_chain[0])?.not_after,
        started: crate::clock::timestamp(),
    };
    let root_info = inspect::info(&rolled.root.der)?;
    let event = Event::new("ca.rollover", &root_info.subject)
        .serial(&root_info.serial)
        .fingerprint(&root_info.fingerprint_sha256)
        .detail(format!(
            "root, generation {}, new key; cross-certified both ways with root {}; overlap until {}",
            ca.generation + 1,
            transition.previous_root.as_deref().unwrap_or(""),
            transition.until
        ));
    let issuing_signer = CaSigner::new(&issuing.der, clone_key(issuing, key_type)?)?;
    let mut events = vec![event];
    if let Some(i) = &rolled.intermediate {
        events.push(intermediate_event(i, ca.generation + 1)?);
    }
    let hub_cert_chain = String::from_utf8_lossy(&previous_chain_of(&files)).into_owned();
    apply(
        session,
        Rolled {
            files,
            hub_cert_chain,
            removed: Vec::new(),
            issuing: issuing_signer,
            transition: Some(transition),
            chain,
            events,
        },
    )
}

fn renew_intermediate(session: &mut Session, req: &RenewRequest) -> Result<RenewReport> {
    let (ca, key_type, old_chain) = current(session)?;
    let root_der = old_chain.last().expect("a root").clone();
    let store = session.store();
    let old_intermediate_pem = store.read_text(INTERMEDIATE_CERT)?;
    let root_pem = store.read_text(ROOT_CERT)?;
    let intermediate = rollover::roll_intermediate(
        &ca.name,
        ca.generation + 1,
        req.intermediate_days,
        &root_der,
        unseal_key(session, ROOT_KEY, key_type)?,
        key_type,
    )?;
    let files = vec![
        (INTERMEDIATE_CERT, intermediate.pem.clone().into_bytes()),
        (INTERMEDIATE_KEY, sealed(session, &intermediate)?),
        (PREVIOUS_CHAIN, old_intermediate_pem.into_bytes()),
    ];
    let transition = Transition {
        previous_root: None,
        previous_issuing: inspect::fingerprint_sha256(&old_chain[0]),
        until: inspect::info(&old_chain[0])?.not_after,
        started: crate::clock::timestamp(),
    };
    let chain = intermediate.pem.clone() + &root_pem;
    let events = vec![intermediate_event(&intermediate, ca.generation + 1)?];
    let signer = CaSigner::new(&intermediate.der, clone_key(&intermediate, key_type)?)?;
    let hub_cert_chain = String::from_utf8_lossy(&previous_chain_of(&files)).into_owned();
    apply(
        session,
        Rolled {
            files,
            hub_cert_chain,
            removed: Vec::new(),
            issuing: signer,
            transition: Some(transition),
            chain,
            events,
        },
    )
}

/// The names of current certificates not issued by the issuing CA (by a previous generation).
pub fn older_certificates(session: &Session, registry: &Registry, now: i64) -> Result<Vec<String>> {
    let store = session.store();
    let authority = session.authority()?;
    let mut older = Vec::new();
    for entry in registry.current(now) {
        if !authority.issued(&registry::read_pem(store, entry.issued.pem_at)?) {
            older.push(entry.issued.name.clone());
        }
    }
    Ok(older)
}

fn previous_chain_of(files: &[(&'static str, Vec<u8>)]) -> Vec<u8> {
    files
        .iter()
        .find(|(rel, _)| *rel == PREVIOUS_CHAIN)
        .map(|(_, bytes)| bytes.clone())
        .unwrap_or_default()
}

fn intermediate_event(i: &CaCert, generation: u32) -> Result<Event> {
    let info = inspect::info(&i.der)?;
    Ok(Event::new("ca.rollover", &info.subject)
        .serial(&info.serial)
        .fingerprint(&info.fingerprint_sha256)
        .detail(format!("intermediate, generation {generation}, new key")))
}

/// The CA key again (a signer takes ownership; the cert's key is sealed from the original).
fn clone_key(cert: &CaCert, key_type: KeyType) -> Result<rcgen::KeyPair> {
    key_type.load_pkcs8_der(&pkcs8_der(&cert.key))
}

/// Ends the overlap: the previous root is no longer trusted nor presented. Refused while a
/// current certificate was issued before the rollover (its holders would be locked out).
fn finish(session: &mut Session, req: &RenewRequest) -> Result<RenewReport> {
    let ca = session.state().ca.clone();
    let Some(transition) = &ca.transition else {
        return Err(Error::InvalidInput(
            "no rollover is in progress: nothing to finish".into(),
        ));
    };
    let store = session.store();
    let authority = session.authority()?;
    let older = older_certificates(session, &Registry::load(store)?, crate::clock::unix_now())?;
    if !older.is_empty() && !req.force {
        return Err(Error::Conflict(format!(
            "{} current certificate(s) were issued by the previous CA ({}): renew them first (`credctl rotate certs`, `cert renew`), or pass --force to lock their holders out",
            older.len(),
            older.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
        )));
    }
    // The hubs' CA file from now on: the current chain, without the previous root.
    let chain = authority.current_chain_pem();
    let removed: Vec<&'static str> = match transition.previous_root {
        Some(_) => vec![PREVIOUS_ROOT_CERT, CROSS_CERT, PREVIOUS_CHAIN],
        None => vec![PREVIOUS_CHAIN],
    };
    // Hub certificates are of the new CA by now: presented with the intermediate alone.
    let hub_cert_chain = match ca.intermediate {
        true => store.read_text(INTERMEDIATE_CERT)?,
        false => String::new(),
    };
    let signer = authority.signer(session.store(), session.key()?)?;
    let event = Event::new("ca.rollover-finish", &ca.name).detail(format!(
        "previous CA {} no longer trusted{}",
        transition.previous_issuing,
        if older.is_empty() {
            String::new()
        } else {
            format!("; {} older certificates locked out (--force)", older.len())
        }
    ));
    apply(
        session,
        Rolled {
            files: Vec::new(),
            removed,
            issuing: signer,
            transition: None,
            chain,
            hub_cert_chain,
            events: vec![event],
        },
    )
}

/// Writes the new CA files and pins, re-renders every hub with the new CA file (and each hub's
/// certificate with the chain it must present), in one commit signed by the new issuing CA.
fn apply(session: &mut Session, rolled: Rolled) -> Result<RenewReport> {
    let mut change = Change::default();
    for (rel, bytes) in &rolled.files {
        change.write_private(*rel, bytes.clone());
    }
    for rel in &rolled.removed {
        change.remove(*rel);
    }
    let rendered = rerender_hubs(session, &mut change, &rolled)?;
    for event in rolled.events {
        change.record(event);
    }
    let mut pins = Vec::new();
    for (rel, bytes) in &rolled.files {
        if rel.ends_with(".crt") || rel.ends_with(".pem") {
            let ders = inspect::pem_certificates(bytes).map_err(Error::Certificate)?;
            pins.push((rel.to_string(), inspect::fingerprint_sha256(&ders[0])));
        }
    }
    let transition = rolled.transition.clone();
    let removed = rolled.removed.clone();
    let rolls = !rolled.files.is_empty();
    session.commit_signed_by(
        change,
        |state| {
            for (rel, pin) in pins {
                state.ca.pinned.insert(rel, pin);
            }
            for rel in removed {
                state.ca.pinned.remove(rel);
            }
            if rolls {
                state.ca.generation += 1;
            }
            state.ca.transition = transition;
        },
        &rolled.issuing,
    )?;
    report(session, rendered)
}

fn report(session: &Session, rendered: Vec<PathBuf>) -> Result<RenewReport> {
    let store = session.store();
    let ca = &session.state().ca;
    let first = |rel: &str| -> Result<inspect::CertInfo> {
        let ders = inspect::pem_certificates(&store.read(rel)?).map_err(Error::Certificate)?;
        inspect::info(&ders[0])
    };
    Ok(RenewReport {
        generation: ca.generation,
        root: first(ROOT_CERT)?,
        intermediate: ca
            .intermediate
            .then(|| first(INTERMEDIATE_CERT))
            .transpose()?,
        transition_until: ca.transition.as_ref().map(|t| t.until.clone()),
        rendered,
    })
}

/// Every recorded hub directory: the new CA file, and the hub's certificate followed by the
/// chain its clients can follow to either root (it was issued by the previous CA).
fn rerender_hubs(session: &Session, change: &mut Change, rolled: &Rolled) -> Result<Vec<PathBuf>> {
    let store = session.store();
    if !crate::hub::hub_exists(store) {
        return Ok(Vec::new());
    }
    let cluster = Cluster::load(store)?;
    let targets = cluster.targets(store)?;
    let members = crate::hub::load_members(store)?;
    let templates = hubsync::templates(session, None)?;
    let mut lookup = |n: &str| registry::name_pointer(store, n);
    let rendering = Rendering::new(session, &members, &mut lookup, (templates, None))?
        .with_chain(rolled.chain.clone().into_bytes());
    for (i, dir) in &targets {
        hubsync::hand_out_hub(session, change, dir, (&cluster, *i), &rendering)?;
        let hub = &cluster.hubs[*i];
        if let Some(pointer) = registry::name_pointer(store, &hub.name)? {
            let pem = registry::read_pem(store, pointer.pem_at)? + &rolled.hub_cert_chain;
            change.output(dir)?.add_replace(
                &crate::hub::render::hub_cert_file(hub),
                pem.into_bytes(),
                crate::store::fsio::PUBLIC_FILE,
            );
        }
    }
    Ok(targets.into_iter().map(|(_, dir)| dir).collect())
}
