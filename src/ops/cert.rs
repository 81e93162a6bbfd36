//! Certificate workflows: issue (single and batch), sign a CSR, renew, revoke, list, show,
//! verify, and publish a CRL.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use serde::Serialize;
use time::Duration;

use super::hub::{EdgeConfig, renewing_edge, rotate_edge_password};
use super::hubsync::{self, Followed};
use super::{Existing, Session, hand_out_ca, out_file, refuse_duplicates};
use crate::audit::Event;
use crate::clock::{self, rfc3339_time, rfc3339_unix, unix_now};
use crate::error::{Error, Result};
use crate::store::{Change, fsio};
use crate::x509::authority::{self, CRL_FILE};
use crate::x509::issue::{self, Request, Signed, Window};
use crate::x509::profile::{Profile, Profiles, SubjectAttrs};
use crate::x509::registry::{self, Entry, NamePointer, Reason, Registry, RegistryUpdate, Status};
use crate::x509::{KeyType, crl, csr, inspect, mac_binding, verify};

/// Subject alternative names asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub dns: Vec<String>,
    pub ips: Vec<IpAddr>,
    pub emails: Vec<String>,
}

/// `--days` / `--hours`: None keeps the profile's default; each runs from 1 to 1000 years.
pub fn validity(days: Option<u32>, hours: Option<u32>) -> Result<Option<Duration>> {
    match (days, hours) {
        (Some(d), _) => clock::days_flag("--days", d).map(Some),
        (_, Some(h)) => clock::hours_flag("--hours", h).map(Some),
        _ => Ok(None),
    }
}

/// One name's certificate as reported.
#[derive(Debug, Serialize)]
pub struct IssuedReport {
    pub name: String,
    pub serial: String,
    pub profile: String,
    pub subject: String,
    pub not_after: String,
    pub fingerprint_sha256: String,
    pub cert: Option<PathBuf>,
    pub key: Option<PathBuf>,
    pub replaces: Option<String>,
}

impl IssuedReport {
    fn new(signed: &Signed, cert: Option<PathBuf>, key: Option<PathBuf>) -> Self {
        let i = &signed.issued;
        IssuedReport {
            name: i.name.clone(),
            serial: i.serial.clone(),
            profile: i.profile.clone(),
            subject: i.subject.clone(),
            not_after: rfc3339_unix(i.not_after),
            fingerprint_sha256: i.fingerprint.clone(),
            cert,
            key,
            replaces: i.replaces.clone(),
        }
    }
}

/// Refuses a name that already stands for a valid certificate, unless replacing is intended.
/// Returns the serial being replaced.
fn check_name_free(
    pointer: Option<NamePointer>,
    name: &str,
    replace: bool,
    now: i64,
) -> Result<Option<String>> {
    match pointer {
        Some(p) if p.not_after > now => {
            if replace {
                Ok(Some(p.serial))
            } else {
                Err(Error::Conflict(format!(
                    "{name} already has an active certificate (serial {}, valid until {})",
                    p.serial,
                    rfc3339_unix(p.not_after)
                )))
            }
        }
        Some(p) => Ok(Some(p.serial)),
        None => Ok(None),
    }
}

/// The audit entry of a certificate just signed.
pub(super) fn cert_event(action: &str, signed: &Signed, detail: String) -> Event {
    let i = &signed.issued;
    Event::new(action, &i.subject)
        .serial(&i.serial)
        .fingerprint(&i.fingerprint)
        .detail(detail)
}

fn issue_event(signed: &Signed, action: &str) -> Event {
    cert_event(action, signed, format!("profile {}", signed.issued.profile))
}

/// Adds a certificate (public; followed by the intermediate, when the CA has one) and, when
/// there is one, its key (0600) to the hand-outs in `dir`.
pub fn hand_out_pair(
    session: &Session,
    change: &mut Change,
    (dir, name, existing): (&Path, &str, Existing),
    signed: &Signed,
    key: Option<&rcgen::KeyPair>,
) -> Result<(PathBuf, Option<PathBuf>)> {
    let with_chain = signed.pem.clone() + session.authority()?.leaf_chain_pem();
    let batch = change.output(dir)?;
    let mut add = |file: String, bytes: Vec<u8>, mode: u32| match existing {
        Existing::Refuse => batch.add_new(&file, bytes, mode),
        Existing::Replace => Ok(batch.add_replace(&file, bytes, mode)),
    };
    let cert = add(
        format!("{name}.crt"),
        with_chain.into_bytes(),
        fsio::PUBLIC_FILE,
    )?;
    if let (Some(key), Some(passphrase)) = (key, session.p12()) {
        use age::secrecy::ExposeSecret;
        let mut certs = crate::x509::inspect::pem_certificates(signed.pem.as_bytes())
            .map_err(Error::Certificate)?;
        certs.extend(session.authority()?.chain_ders().iter().cloned());
        let der = crate::x509::keys::pkcs8_der(key);
        let p12 = crate::x509::pkcs12::build(name, &der, &certs, passphrase.expose_secret())?;
        add(format!("{name}.p12"), p12, fsio::PRIVATE_FILE)?;
    }
    let key = key
        .map(|key| {
            add(
                format!("{name}.key"),
                crate::x509::keys::private_key_pem(key).as_bytes().to_vec(),
                fsio::PRIVATE_FILE,
            )
        })
        .transpose()?;
    Ok((cert, key))
}

#[derive(Debug, Serialize)]
pub struct IssueReport {
    pub issued: Vec<IssuedReport>,
    /// What the new certificates changed on the hub (a re-issued member's name).
    pub hub: Option<Followed>,
}

pub struct IssueRequest {
    pub names: Vec<String>,
    pub profile: String,
    pub alt_names: Names,
    pub validity: Option<Duration>,
    /// None: the profile's key type.
    pub key_type: Option<KeyType>,
    pub bind_mac: Option<String>,
    /// `--subject`: attributes the profile lets the command line set.
    pub subject: SubjectAttrs,
    pub force: bool,
    pub out: PathBuf,
}

/// Issues a certificate with a new key for every name: DIR/NAME.crt, DIR/NAME.key, DIR/ca.crt.
pub fn issue(session: &mut Session, req: &IssueRequest) -> Result<IssueReport> {
    refuse_duplicates(&req.names)?;
    super::check_out_dir(&req.out)?;
    let bind_mac = req
        .bind_mac
        .as_deref()
        .map(mac_binding::parse_mac)
        .transpose()?;
    let profiles = Profiles::load(session.store().root())?;
    let profile = profiles.get(&req.profile)?;
    let ca = session.authority()?.issuing_validity();
    let now = unix_now();

    // Everything is checked before the unlock: names, profile rules, conflicts, output files.
    let store = session.store();
    let mut reg = RegistryUpdate::new(store)?;
    let mut plan: Vec<(Request, Window, Option<String>)> = Vec::with_capacity(req.names.len());
    for name in &req.names {
        let request = Request {
            name: name.clone(),
            dns: lowercase(&req.alt_names.dns),
            ips: req.alt_names.ips.clone(),
            emails: req.alt_names.emails.clone(),
            validity: req.validity,
            bind_mac,
            subject: req.subject.clone(),
        };
        let window = request.validate(profile, ca)?;
        let replaces = check_name_free(reg.pointer(name)?, name, req.force, now)?;
        plan.push((request, window, replaces));
    }
    for name in &req.names {
        fsio::ensure_absent(&req.out.join(format!("{name}.crt")))?;
        fsio::ensure_absent(&req.out.join(format!("{name}.key")))?;
    }

    let key_type = req.key_type.unwrap_or(profile.key_type);
    let signer = session.signer()?;
    let mut change = Change::default();
    let mut reports = Vec::with_capacity(plan.len());
    for (request, window, replaces) in &plan {
        let (mut signed, key) =
            issue::issue_with_new_key(signer, profile, request, *window, key_type)?;
        signed.issued.replaces = replaces.clone();
        reg.issue(&mut signed.issued, &signed.pem)?;
        change.record(issue_event(&signed, "cert.issue"));
        let (cert, key) = hand_out_pair(
            session,
            &mut change,
            (&req.out, &request.name, Existing::Refuse),
            &signed,
            Some(&key),
        )?;
        reports.push(IssuedReport::new(&signed, Some(cert), key));
    }
    let hub = hubsync::follow_certificates(session, &mut change, &mut reg, &req.names)?;
    reg.finish(&mut change);
    hand_out_ca(session, &mut change, &req.out)?;
    session.commit(change)?;
    Ok(IssueReport {
        issued: reports,
        hub,
    })
}

pub(super) fn lowercase(names: &[String]) -> Vec<String> {
    names.iter().map(|d| d.to_ascii_lowercase()).collect()
}

pub struct SignRequest {
    pub csr: PathBuf,
    pub profile: String,
    pub name: Option<String>,
    pub alt_names: Names,
    pub validity: Option<Duration>,
    pub subject: SubjectAttrs,
    pub force: bool,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct SignReport {
    #[serde(flatten)]
    pub issued: IssuedReport,
    /// What the CSR asked for that the profile does not allow (never granted).
    pub ignored: Vec<String>,
    /// The request's key, for reading aloud (the device's `request create` printed the same).
    pub key_fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hub: Option<Followed>,
}

/// Keeps the CSR's names the profile allows and notes the rest as ignored.
fn csr_names(csr: &mut csr::CsrContents, profile: &Profile, flags: &Names) -> Names {
    let mut names = flags.clone();
    let mut take = |allowed: bool, kind: &str, values: Vec<String>, into: &mut Vec<String>| {
        if allowed {
            into.extend(values);
        } else if !values.is_empty() {
            csr.ignored.push(format!(
                "{kind} names (not allowed by profile {})",
                profile.name
            ));
        }
    };
    let (dns, emails) = (
        std::mem::take(&mut csr.dns),
        std::mem::take(&mut csr.emails),
    );
    take(profile.dns, "DNS", dns, &mut names.dns);
    take(profile.email, "email", emails, &mut names.emails);
    if profile.ip {
        names.ips.append(&mut csr.ips);
    } else if !csr.ips.is_empty() {
        csr.ignored.push(format!(
            "IP names (not allowed by profile {})",
            profile.name
        ));
    }
    names.dns.sort();
    names.dns.dedup();
    names.emails.sort();
    names.emails.dedup();
    names.ips.sort();
    names.ips.dedup();
    names
}

/// The CSR file, read no further than one byte past [`csr::MAX_CSR_BYTES`] (so `csr::read`
/// refuses it as too large without credctl reading a huge file or a device to its end).
fn read_csr_file(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let cannot = |e: std::io::Error| {
        Error::InvalidInput(format!("cannot read CSR file {}: {e}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    let mut bytes = Vec::new();
    file.take(csr::MAX_CSR_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}

/// The CSR's public key, if it is one credctl signs.
fn csr_public_key(request: &csr::CsrContents) -> Result<rcgen::SubjectPublicKeyInfo> {
    let public_key = rcgen::SubjectPublicKeyInfo::from_der(&request.spki_der).map_err(|_| {
        Error::InvalidInput(format!(
            "the CSR's key type ({}) is not one credctl signs (supported: {})",
            request.key_type,
            crate::x509::keys::CSR_KEYS
        ))
    })?;
    Ok(public_key)
}

/// Signs a CSR made elsewhere: only its key and the names the profile allows are used.
pub fn sign(session: &mut Session, req: &SignRequest) -> Result<SignReport> {
    let mut request_csr = csr::read(&read_csr_file(&req.csr)?)?;
    let public_key = csr_public_key(&request_csr)?;
    let name = match (&req.name, &request_csr.common_name) {
        (Some(name), _) => name.clone(),
        (None, Some(cn)) => cn.clone(),
        (None, None) => {
            return Err(Error::InvalidInput(
                "the CSR has no common name: pass --name".into(),
            ));
        }
    };
    let (out_dir, out_name) = out_file("--out", &req.out, Existing::Refuse)?;

    let profiles = Profiles::load(session.store().root())?;
    let profile = profiles.get(&req.profile)?;
    let names = csr_names(&mut request_csr, profile, &req.alt_names);
    let request = Request {
        name: name.clone(),
        dns: lowercase(&names.dns),
        ips: names.ips,
        emails: names.emails,
        validity: req.validity,
        bind_mac: None,
        subject: req.subject.clone(),
    };
    let window = request.validate(profile, session.authority()?.issuing_validity())?;
    let store = session.store();
    let replaces = check_name_free(
        registry::name_pointer(store, &name)?,
        &name,
        req.force,
        unix_now(),
    )?;

    let mut signed = issue::sign(
        session.signer()?,
        profile,
        &request,
        window,
        &public_key,
        &request_csr.key_type,
    )?;
    signed.issued.replaces = replaces;
    signed.issued.from_csr = true;
    let mut change = Change::default();
    let mut reg = RegistryUpdate::new(store)?;
    reg.issue(&mut signed.issued, &signed.pem)?;
    let hub =
        hubsync::follow_certificates(session, &mut change, &mut reg, std::slice::from_ref(&name))?;
    reg.finish(&mut change);
    change.record(issue_event(&signed, "cert.sign"));
    let key_fingerprint = super::device::key_fingerprint(&public_key_bits(&request_csr.spki_der)?);
    let authority = session.authority()?;
    // A bundle: a header to read aloud, the certificate, the current intermediate and root (so
    // the device checks the whole chain and pins the root it knows; never the cross
    // certificate or previous root of a rollover's overlap).
    let bundle = format!(
        "credctl bundle for {name}\n  key fingerprint: {key_fingerprint} (the request's)\n  CA root SHA-256: {}\n",
        authority.root_fingerprint()
    ) + &signed.pem
        + &authority.current_chain_pem();
    let cert =
        change
            .output(&out_dir)?
            .add_new(&out_name, bundle.into_bytes(), fsio::PUBLIC_FILE)?;
    session.commit(change)?;
    Ok(SignReport {
        issued: IssuedReport::new(&signed, Some(cert), None),
        ignored: request_csr.ignored,
        key_fingerprint,
        hub,
    })
}

/// The public key bits of a DER SubjectPublicKeyInfo (what a key fingerprint is over).
fn public_key_bits(spki_der: &[u8]) -> Result<Vec<u8>> {
    use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo};
    SubjectPublicKeyInfo::from_der(spki_der)
        .map(|(_, spki)| spki.subject_public_key.data.to_vec())
        .map_err(|e| Error::InvalidInput(format!("the CSR's public key does not parse: {e}")))
}

/// The old certificate of a name, parsed back from the store.
struct Current {
    pointer: NamePointer,
    request: Request,
    key_type: String,
    spki_der: Vec<u8>,
    bound_to_mac: bool,
    from_csr: bool,
    /// Revoked already: renewing re-keys, and there is nothing left to revoke.
    revoked: bool,
}

fn current(session: &Session, name: &str) -> Result<Current> {
    let store = session.store();
    let (pointer, revoked) = match registry::name_pointer(store, name)? {
        Some(p) => (p, false),
        // A revoked certificate frees its name; renewing it re-keys the holder (a suspended
        // hub member comes back this way).
        None => Registry::load(store)?
            .latest_for_name(name)
            .filter(|e| e.revoked.is_some())
            .map(|e| (Registry::pointer_to(e), true))
            .ok_or_else(|| Error::NotFound(format!("no current certificate named {name}")))?,
    };
    let pem = registry::read_pem(store, pointer.pem_at)?;
    let details = inspect::details(pem.as_bytes())
        .map_err(|e| Error::corrupt(store.path(registry::PEM_FILE), e))?;
    Ok(Current {
        request: Request {
            name: name.to_owned(),
            dns: details.dns,
            ips: details.ips,
            emails: details.emails,
            validity: None,
            bind_mac: None,
            subject: details.subject_attrs,
        },
        key_type: details.info.key_type,
        spki_der: details.spki_der,
        bound_to_mac: details.mac_binding.is_some(),
        from_csr: pointer.from_csr,
        pointer,
        revoked,
    })
}

pub struct RenewRequest {
    pub name: String,
    pub validity: Option<Duration>,
    pub reuse_key: bool,
    pub revoke_old: bool,
    pub key_type: Option<KeyType>,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct RenewReport {
    #[serde(flatten)]
    pub issued: IssuedReport,
    pub old_revoked: bool,
    /// A hub edge's new config, with its new leafnode password (the old config no longer logs in).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge: Option<EdgeConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hub: Option<Followed>,
    /// The old certificate's subject, when the renewal's C/ST/L/O differ from it (the profile
    /// changed since it was issued).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_was: Option<String>,
}

/// The subject attributes a renewal sets (what the command line set before, where the profile
/// still lets it), and the old subject when the renewal's C/ST/L/O will differ from it.
fn renewal_subject(old: &Current, profile: &Profile) -> (SubjectAttrs, Option<String>) {
    let mut set = old.request.subject.clone();
    set.retain(|(attr, _)| profile.subject_settable.contains(attr));
    let mut after: SubjectAttrs = profile.subject.iter().chain(&set).cloned().collect();
    let mut before = old.request.subject.clone();
    after.sort();
    before.sort();
    let was = (after != before).then(|| old.pointer.subject.clone().unwrap_or_default());
    (set, was)
}

/// Signs the renewal: for the old public key (`--reuse-key`) or a new key of the old type.
fn sign_renewal(
    session: &Session,
    profile: &Profile,
    request: &Request,
    window: Window,
    old: &Current,
    req: &RenewRequest,
) -> Result<(Signed, Option<rcgen::KeyPair>)> {
    let signer = session.signer()?;
    if req.reuse_key {
        let public_key = rcgen::SubjectPublicKeyInfo::from_der(&old.spki_der)
            .map_err(|e| Error::Certificate(format!("cannot reuse the old key: {e}")))?;
        let signed = issue::sign(signer, profile, request, window, &public_key, &old.key_type)?;
        return Ok((signed, None));
    }
    let key_type = req
        .key_type
        .or_else(|| KeyType::from_name(&old.key_type))
        .unwrap_or(KeyType::EcdsaP256);
    let (signed, key) = issue::issue_with_new_key(signer, profile, request, window, key_type)?;
    Ok((signed, Some(key)))
}

/// A fresh certificate for a name, with the same profile and names; the old one is superseded.
pub fn renew(session: &mut Session, req: &RenewRequest) -> Result<RenewReport> {
    super::check_out_dir(&req.out)?;
    let old = current(session, &req.name)?;
    if old.bound_to_mac {
        return Err(Error::InvalidInput(format!(
            "{} is bound to a MAC address; issue a new one with `cert issue --force --bind-mac`",
            req.name
        )));
    }
    if old.from_csr && !req.reuse_key {
        return Err(Error::InvalidInput(format!(
            "{} was signed from a CSR and the store has no key for it: pass --reuse-key, or sign a new CSR",
            req.name
        )));
    }
    let profiles = Profiles::load(session.store().root())?;
    let profile = profiles.get(&old.pointer.profile)?;
    let mut request = old.request.clone();
    request.validity = req.validity;
    // The renewal keeps what the command line set; the fixed attributes come from the profile
    // as it is now.
    let subject_was;
    (request.subject, subject_was) = renewal_subject(&old, profile);
    let window = request.validate(profile, session.authority()?.issuing_validity())?;
    fsio::ensure_absent(&req.out.join(format!("{}.crt", req.name)))?;
    if !req.reuse_key {
        fsio::ensure_absent(&req.out.join(format!("{}.key", req.name)))?;
    }
    // A hub edge gets a new leafnode password, and the edge config that holds it.
    let edge_members = renewing_edge(session.store(), &req.name)?;
    if edge_members.is_some() {
        fsio::ensure_absent(&req.out.join(format!("{}.conf", req.name)))?;
    }

    let (mut signed, key) = sign_renewal(session, profile, &request, window, &old, req)?;
    signed.issued.replaces = Some(old.pointer.serial.clone());
    signed.issued.from_csr = old.from_csr;

    let mut change = Change::default();
    let mut reg = RegistryUpdate::new(session.store())?;
    reg.issue(&mut signed.issued, &signed.pem)?;
    change.record(issue_event(&signed, "cert.renew").detail(format!(
        "profile {}, replaces {}",
        profile.name, old.pointer.serial
    )));
    if req.revoke_old && !old.revoked {
        // The name already points at the new certificate, so this leaves the pointer alone.
        reg.revoke(
            &old.pointer.serial,
            &req.name,
            Reason::Superseded,
            unix_now(),
        )?;
        change.record(
            Event::new("cert.revoke", format!("CN={}", req.name))
                .serial(&old.pointer.serial)
                .detail("superseded (renewed)"),
        );
    }
    let names = std::slice::from_ref(&req.name);
    let (hub, edge) = match edge_members {
        Some(mut members) => {
            let renewed = (req.name.as_str(), signed.issued.serial.as_str());
            let edge = rotate_edge_password(session, &mut change, &mut members, renewed, &req.out)?;
            let view = (&members, Some(req.name.as_str()));
            let hub = hubsync::follow_members(session, &mut change, &mut reg, names, view)?;
            (hub, Some(edge))
        }
        None => {
            let hub = hubsync::follow_certificates(session, &mut change, &mut reg, names)?;
            (hub, None)
        }
    };
    reg.finish(&mut change);
    let (cert, key) = hand_out_pair(
        session,
        &mut change,
        (&req.out, &req.name, Existing::Refuse),
        &signed,
        key.as_ref(),
    )?;
    hand_out_ca(session, &mut change, &req.out)?;
    session.commit(change)?;
    Ok(RenewReport {
        issued: IssuedReport::new(&signed, Some(cert), key),
        old_revoked: req.revoke_old || old.revoked,
        edge,
        hub,
        subject_was,
    })
}

#[derive(Debug, Serialize)]
pub struct RevokedReport {
    pub name: String,
    pub serial: String,
    pub reason: Reason,
}

/// The serial and name `target` (a current name, a serial, or a name whose certificate is gone)
/// stands for; refuses what is already revoked.
fn revoke_target(
    session: &Session,
    reg: &mut RegistryUpdate<'_>,
    registry: &mut Option<Registry>,
    target: &str,
) -> Result<(String, String)> {
    if let Some(p) = reg.pointer(target)? {
        return Ok((p.serial, target.to_owned()));
    }
    let all = match registry {
        Some(r) => r,
        None => registry.insert(Registry::load(session.store())?),
    };
    let entry = if registry::looks_like_serial(target) {
        all.by_serial(target)
    } else {
        all.latest_for_name(target)
    };
    let entry = entry
        .ok_or_else(|| Error::NotFound(format!("no certificate with name or serial {target}")))?;
    if let Some(r) = &entry.revoked {
        return Err(Error::AlreadyRevoked(format!(
            "{target} (serial {}) is already revoked ({}, {})",
            entry.issued.serial,
            r.reason.name(),
            rfc3339_unix(r.revoked_at)
        )));
    }
    Ok((entry.issued.serial.clone(), entry.issued.name.clone()))
}

/// Revokes certificates by name or serial (the CRL is published by [`crl`]).
pub fn revoke(session: &mut Session, targets: &[String], reason: Reason) -> Result<RevokeReport> {
    let now = unix_now();
    let mut registry: Option<Registry> = None;
    let mut change = Change::default();
    let mut reports: Vec<RevokedReport> = Vec::new();
    let mut reg = RegistryUpdate::new(session.store())?;
    let mut seen = std::collections::HashSet::new();
    for target in targets {
        let (serial, name) = revoke_target(session, &mut reg, &mut registry, target)?;
        if !seen.insert(serial.clone()) {
            continue;
        }
        reg.revoke(&serial, &name, reason, now)?;
        change.record(
            Event::new("cert.revoke", format!("CN={name}"))
                .serial(&serial)
                .detail(reason.name()),
        );
        reports.push(RevokedReport {
            name,
            serial,
            reason,
        });
    }
    let names: Vec<String> = reports.iter().map(|r| r.name.clone()).collect();
    let hub = hubsync::follow_certificates(session, &mut change, &mut reg, &names)?;
    reg.finish(&mut change);
    session.commit(change)?;
    Ok(RevokeReport {
        revoked: reports,
        hub,
    })
}

#[derive(Debug, Serialize)]
pub struct RevokeReport {
    pub revoked: Vec<RevokedReport>,
    /// Members suspended by the revocation, and the hub re-rendered.
    pub hub: Option<Followed>,
}

#[derive(Debug, Serialize)]
pub struct ListRow {
    pub serial: String,
    pub name: String,
    pub profile: String,
    pub status: Status,
    pub subject: String,
    pub sans: Vec<String>,
    pub not_before: String,
    pub not_after: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    pub fingerprint_sha256: String,
    pub spki_sha256: String,
}

fn row(e: &Entry, now: i64) -> ListRow {
    let i = &e.issued;
    ListRow {
        serial: i.serial.clone(),
        name: i.name.clone(),
        profile: i.profile.clone(),
        status: e.status(now),
        subject: i.subject.clone(),
        sans: i.sans.clone(),
        not_before: rfc3339_unix(i.not_before),
        not_after: rfc3339_unix(i.not_after),
        revoked_at: e.revoked.as_ref().map(|r| rfc3339_unix(r.revoked_at)),
        reason: e.revoked.as_ref().map(|r| r.reason),
        fingerprint_sha256: i.fingerprint.clone(),
        spki_sha256: i.spki_sha256.clone(),
    }
}

#[derive(Debug, Default)]
pub struct ListRequest {
    pub expiring_within: Option<Duration>,
    pub revoked: bool,
    pub profile: Option<String>,
}

/// Issued certificates, filtered.
pub fn list(session: &Session, req: &ListRequest) -> Result<Vec<ListRow>> {
    if let Some(profile) = &req.profile {
        Profiles::load(session.store().root())?.get(profile)?;
    }
    let registry = Registry::load(session.store())?;
    let now = unix_now();
    let horizon = req.expiring_within.map(|d| now + d.whole_seconds());
    Ok(registry
        .entries()
        .iter()
        .filter(|e| req.profile.as_ref().is_none_or(|p| e.issued.profile == *p))
        .filter(|e| !req.revoked || e.revoked.is_some())
        .filter(|e| {
            horizon.is_none_or(|h| e.status(now) == Status::Active && e.issued.not_after <= h)
        })
        .map(|e| row(e, now))
        .collect())
}

#[derive(Debug, Serialize)]
pub struct ShowReport {
    #[serde(flatten)]
    pub row: ListRow,
    pub issuer: String,
    pub key_type: String,
    pub extended_key_usage: Vec<String>,
    pub mac_binding: Option<inspect::MacBinding>,
    pub replaces: Option<String>,
    pub superseded_by: Option<String>,
    pub pem: String,
}

/// One certificate by name or serial.
pub fn show(session: &Session, target: &str) -> Result<ShowReport> {
    let store = session.store();
    let registry = Registry::load(store)?;
    let entry = match registry::name_pointer(store, target)? {
        Some(p) => registry.by_serial(&p.serial),
        None => registry
            .by_serial(target)
            .or_else(|| registry.latest_for_name(target)),
    }
    .ok_or_else(|| Error::NotFound(format!("no certificate with name or serial {target}")))?;
    let pem = registry::read_pem(store, entry.issued.pem_at)?;
    let details = inspect::details(pem.as_bytes())
        .map_err(|e| Error::corrupt(store.path(registry::PEM_FILE), e))?;
    Ok(ShowReport {
        row: row(entry, unix_now()),
        issuer: details.info.issuer,
        key_type: details.info.key_type,
        extended_key_usage: details.extended_key_usage,
        mac_binding: details.mac_binding,
        replaces: entry.issued.replaces.clone(),
        superseded_by: entry.superseded_by.clone(),
        pem,
    })
}

/// Checks a certificate file against this CA: chain, validity window, revocation.
pub fn verify(session: &Session, file: &Path) -> Result<verify::Verdict> {
    let bytes = super::read_input(file, "certificate file")?;
    let ders = inspect::pem_certificates(&bytes).map_err(|e| {
        Error::InvalidInput(format!("{} holds no certificate: {e}", file.display()))
    })?;
    let registry = Registry::load(session.store())?;
    let elsewhere = crl::revoked_elsewhere(session.store())?;
    verify::verify(
        &ders[0],
        session.authority()?.chain_ders(),
        (&registry, &elsewhere),
        unix_now(),
    )
}

/// Signs the next CRL over `revoked` and adds it to `change` (the store's copy and the audit
/// entry); the caller commits with `state.crl_number = number`.
pub fn stage_crl<'a>(
    session: &Session,
    revoked: impl Iterator<Item = &'a Entry>,
    validity: Duration,
    change: &mut Change,
) -> Result<(u64, crl::Crl)> {
    let number = authority::next_crl_number(session.state());
    let elsewhere = crl::revoked_elsewhere(session.store())?;
    let crl = crl::build(session.signer()?, revoked, &elsewhere, number, validity)?;
    change.write_private(CRL_FILE, crl.pem.clone().into_bytes());
    change.record(
        Event::new("crl.issue", format!("CRL {number}")).detail(format!(
            "{} revoked, next update {}",
            crl.entries,
            rfc3339_time(crl.next_update)
        )),
    );
    Ok((number, crl))
}

#[derive(Debug, Serialize)]
pub struct CrlReport {
    pub out: PathBuf,
    pub crl_number: u64,
    pub revoked: usize,
    pub this_update: String,
    pub next_update: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub root: Option<RootCrlReport>,
}

/// Publishes a CRL over every revocation to `out` (replaced if it exists).
pub fn crl(
    session: &mut Session,
    days: Option<u32>,
    out: &Path,
    root_out: Option<&Path>,
) -> Result<CrlReport> {
    // The store's CRL lifetime (`ca settings --crl-days`) unless --days says otherwise.
    let settings = crate::x509::settings::CaSettings::load(session.store())?;
    let days = days.unwrap_or(settings.crl_lifetime_days());
    let validity = clock::days_flag("--days", days)?;
    clock::end_for("--days", clock::now(), validity)?;
    let (dir, name) = out_file("--out", out, Existing::Replace)?;
    let root_place = root_out
        .map(|f| out_file("--root-out", f, Existing::Replace))
        .transpose()?;
    if root_place.is_some() && !session.authority()?.has_intermediate() {
        return Err(Error::InvalidInput(
            "this CA has no intermediate: the CRL --out writes is the root's".into(),
        ));
    }
    let registry = Registry::load(session.store())?;
    let mut change = Change::default();
    let (number, crl) = stage_crl(session, registry.revoked(), validity, &mut change)?;
    let pem = crl.pem.clone().into_bytes();
    let path = change
        .output(&dir)?
        .add_replace(&name, pem, fsio::PUBLIC_FILE);
    let root = root_place
        .map(|place| stage_root_crl(session, validity, place, &mut change))
        .transpose()?;
    let root_number = root.as_ref().map(|r| r.crl_number);
    session.commit_with(change, |state| {
        state.crl_number = number;
        if let Some(n) = root_number {
            state.root_crl_number = n;
        }
    })?;
    Ok(CrlReport {
        out: path,
        crl_number: number,
        revoked: crl.entries,
        this_update: rfc3339_time(crl.this_update),
        next_update: rfc3339_time(crl.next_update),
        root,
    })
}

#[derive(Debug, Serialize)]
pub struct RootCrlReport {
    pub out: PathBuf,
    pub crl_number: u64,
    pub next_update: String,
}

/// The root's CRL over its intermediate (credctl never revokes an intermediate, so it lists
/// none): signed with the root key, kept in the store and handed out to (`dir`, `name`).
fn stage_root_crl(
    session: &Session,
    validity: Duration,
    (dir, name): (PathBuf, String),
    change: &mut Change,
) -> Result<RootCrlReport> {
    let authority = session.authority()?;
    let signer = authority.root_signer(session.store(), session.key()?)?;
    let number = session.state().root_crl_number + 1;
    let crl = crl::build(&signer, std::iter::empty(), &[], number, validity)?;
    change.write_private(authority::ROOT_CRL_FILE, crl.pem.clone().into_bytes());
    change.record(
        Event::new("crl.issue", format!("root CRL {number}")).detail(format!(
            "over the intermediate, next update {}",
            rfc3339_time(crl.next_update)
        )),
    );
    let out = change
        .output(&dir)?
        .add_replace(&name, crl.pem.into_bytes(), fsio::PUBLIC_FILE);
    Ok(RootCrlReport {
        out,
        crl_number: number,
        next_update: rfc3339_time(crl.next_update),
    })
}

/// `cert export NAME --format p12`: the current certificate of `name` with its chain and the
/// holder's key (the store never holds leaf keys) as a PKCS#12 file, 0600, never replacing one.
pub fn export_p12(
    session: &mut Session,
    name: &str,
    key_file: &Path,
    (out, passphrase): (&Path, &age::secrecy::SecretString),
) -> Result<PathBuf> {
    use age::secrecy::ExposeSecret;
    let (dir, file) = out_file("--out", out, Existing::Refuse)?;
    let store = session.store();
    let pointer = registry::name_pointer(store, name)?
        .ok_or_else(|| Error::NotFound(format!("no current certificate named {name}")))?;
    let pem = registry::read_pem(store, pointer.pem_at)?;
    let key_text = zeroize::Zeroizing::new(super::read_input_text(key_file, "private key")?);
    if crate::x509::import::key_is_encrypted(&key_text) {
        return Err(Error::InvalidInput(format!(
            "{} is encrypted: give the key in the clear (it goes into the passphrase-protected PKCS#12)",
            key_file.display()
        )));
    }
    let key =
        crate::x509::import::parse_private_key(&key_text, None, &key_file.display().to_string())?;
    let mut certs = inspect::pem_certificates(pem.as_bytes())
        .map_err(|e| Error::corrupt(store.path(registry::PEM_FILE), e))?;
    if !crate::x509::import::key_matches(&key.key_pair()?, &certs[0])? {
        return Err(Error::InvalidInput(format!(
            "{} is not the key of {name}'s current certificate (serial {})",
            key_file.display(),
            pointer.serial
        )));
    }
    let chain = session.authority()?.leaf_chain_for(&pem).to_owned();
    certs.extend(inspect::pem_certificates(chain.as_bytes()).map_err(Error::Certificate)?);
    let p12 = crate::x509::pkcs12::build(name, &key.pkcs8, &certs, passphrase.expose_secret())?;
    let mut change = Change::default();
    let path = change
        .output(&dir)?
        .add_new(&file, p12, fsio::PRIVATE_FILE)?;
    session.commit(change)?;
    Ok(path)
}
