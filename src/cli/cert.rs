//! `credctl cert ...` and `credctl crl`.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;
use time::Duration;

use super::args::{
    CertCommand, CrlArgs, GlobalArgs, IssueArgs, ListArgs, NameArgs, RenewArgs, RevokeArgs,
    SignArgs, ValidityArgs,
};
use super::output::Output;
use super::unlock::unlock_source;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::store::{Change, Store, fsio};
use crate::x509::ca::now;
use crate::x509::issue::{self, CaSigner, Request, Signed, Window};
use crate::x509::profile::{Profile, Profiles};
use crate::x509::registry::{self, Entry, NamePointer, Reason, Registry, RegistryUpdate, Status};
use crate::x509::{KeyType, crl, csr, inspect, verify};

pub fn run(global: &GlobalArgs, cmd: &CertCommand, out: Output) -> Result<()> {
    match cmd {
        CertCommand::Issue(args) => issue_cmd(global, args, out),
        CertCommand::Sign(args) => sign_cmd(global, args, out),
        CertCommand::Renew(args) => renew_cmd(global, args, out),
        CertCommand::Revoke(args) => revoke_cmd(global, args, out),
        CertCommand::List(args) => list_cmd(global, args, out),
        CertCommand::Show { target } => show_cmd(global, target, out),
        CertCommand::Verify { file } => verify_cmd(global, file, out),
    }
}

fn unix_now() -> i64 {
    now().unix_timestamp()
}

pub(super) fn requested_validity(v: &ValidityArgs) -> Result<Option<Duration>> {
    match (v.days, v.hours) {
        (Some(0), _) | (_, Some(0)) => Err(Error::InvalidInput(
            "validity must be at least 1 day or 1 hour".into(),
        )),
        (Some(d), _) => Ok(Some(Duration::days(i64::from(d)))),
        (_, Some(h)) => Ok(Some(Duration::hours(i64::from(h)))),
        _ => Ok(None),
    }
}

/// One name's certificate as reported to the user.
#[derive(Serialize)]
struct IssuedReport {
    name: String,
    serial: String,
    profile: String,
    subject: String,
    not_after: String,
    fingerprint_sha256: String,
    cert: Option<String>,
    key: Option<String>,
    replaces: Option<String>,
}

impl IssuedReport {
    fn new(signed: &Signed, cert: Option<&Path>, key: Option<&Path>) -> Self {
        let i = &signed.issued;
        IssuedReport {
            name: i.name.clone(),
            serial: i.serial.clone(),
            profile: i.profile.clone(),
            subject: i.subject.clone(),
            not_after: inspect::rfc3339_unix(i.not_after),
            fingerprint_sha256: i.fingerprint.clone(),
            cert: cert.map(|p| p.display().to_string()),
            key: key.map(|p| p.display().to_string()),
            replaces: i.replaces.clone(),
        }
    }
}

fn human_issued(reports: &[IssuedReport]) -> String {
    if reports.len() > 20 {
        return format!(
            "issued {} certificates (profile {})",
            reports.len(),
            reports[0].profile
        );
    }
    reports
        .iter()
        .map(|r| {
            let mut line = format!(
                "issued {} ({}), serial {}, valid until {}",
                r.subject, r.profile, r.serial, r.not_after
            );
            for path in [&r.cert, &r.key].into_iter().flatten() {
                line.push_str(&format!("\n  {path}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
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
                    inspect::rfc3339_unix(p.not_after)
                )))
            }
        }
        Some(p) => Ok(Some(p.serial)),
        None => Ok(None),
    }
}

fn issue_event(signed: &Signed, action: &str) -> Event {
    let i = &signed.issued;
    Event::new(action, &i.subject)
        .serial(&i.serial)
        .fingerprint(&i.fingerprint)
        .detail(format!("profile {}", i.profile))
}

fn refuse_duplicates<'a>(names: impl Iterator<Item = &'a String>) -> Result<()> {
    let mut seen = HashSet::new();
    for name in names {
        if !seen.insert(name) {
            return Err(Error::InvalidInput(format!("{name} is listed twice")));
        }
    }
    Ok(())
}

fn unlock_signer(global: &GlobalArgs, store: &Store) -> Result<CaSigner> {
    let key = store.unlock(&unlock_source(global)?)?;
    store.signer(&key)
}

fn issue_cmd(global: &GlobalArgs, args: &IssueArgs, out: Output) -> Result<()> {
    let names = match (&args.from, &args.name) {
        (Some(file), _) => super::read_name_list(file, "names")?,
        (None, Some(name)) => vec![name.clone()],
        (None, None) => unreachable!("clap requires NAME or --from"),
    };
    refuse_duplicates(names.iter())?;
    let bind_mac = args.bind_mac.as_deref().map(issue::parse_mac).transpose()?;
    let validity = requested_validity(&args.validity)?;

    let mut store = super::open_store(global, out)?;
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get(&args.profile)?;
    let ca = store.issuing_validity()?;
    let now = unix_now();

    // Everything is checked before the unlock: names, profile rules, conflicts, output files.
    let mut reg = RegistryUpdate::new(&store)?;
    let mut plan: Vec<(Request, Window, Option<String>)> = Vec::with_capacity(names.len());
    for name in &names {
        let request = Request {
            name: name.clone(),
            dns: args
                .names
                .dns
                .iter()
                .map(|d| d.to_ascii_lowercase())
                .collect(),
            ips: args.names.ips.clone(),
            emails: args.names.emails.clone(),
            validity,
            bind_mac,
        };
        let window = request.validate(profile, ca)?;
        let replaces = check_name_free(reg.pointer(name)?, name, args.force, now)?;
        plan.push((request, window, replaces));
    }
    for name in &names {
        fsio::ensure_absent(&args.out.join(format!("{name}.crt")))?;
        fsio::ensure_absent(&args.out.join(format!("{name}.key")))?;
    }
    let mut batch = fsio::OutputBatch::new(&args.out);

    let signer = unlock_signer(global, &store)?;
    let mut change = Change::default();
    let mut reports = Vec::with_capacity(plan.len());
    for (request, window, replaces) in &plan {
        let (mut signed, key) =
            issue::issue_with_new_key(&signer, profile, request, *window, args.key_type)?;
        signed.issued.replaces = replaces.clone();
        reg.issue(&mut signed.issued, &signed.pem)?;
        change.record(issue_event(&signed, "cert.issue"));
        let key_pem = crate::x509::keys::private_key_pem(&key);
        let cert_path = batch.add_new(
            &format!("{}.crt", request.name),
            signed.pem.clone().into_bytes(),
            fsio::PUBLIC_FILE,
        )?;
        let key_path = batch.add_new(
            &format!("{}.key", request.name),
            key_pem.as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?;
        reports.push(IssuedReport::new(
            &signed,
            Some(&cert_path),
            Some(&key_path),
        ));
    }
    batch.add_replace("ca.crt", store.chain_pem()?.into_bytes(), fsio::PUBLIC_FILE);
    reg.finish(&mut change);

    // Files first written and synced, then the store commit, then the files appear: a failure
    // at any point leaves neither an unrecorded certificate nor a record without its key.
    batch.stage()?;
    store.commit(change)?;
    batch.publish()?;
    let human = human_issued(&reports);
    out.report(&reports, &human);
    Ok(())
}

/// Keeps the CSR's names the profile allows and notes the rest as ignored.
fn csr_names(csr: &mut csr::CsrContents, profile: &Profile, flags: &NameArgs) -> NameArgs {
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

fn sign_cmd(global: &GlobalArgs, args: &SignArgs, out: Output) -> Result<()> {
    let csr_bytes = std::fs::read(&args.csr).map_err(|e| Error::io(&args.csr, e))?;
    let mut request_csr = csr::read(&csr_bytes)?;
    let public_key = rcgen::SubjectPublicKeyInfo::from_der(&request_csr.spki_der).map_err(|_| {
        Error::InvalidInput(format!(
            "the CSR's key type ({}) is not one credctl signs: use ECDSA P-256/P-384, Ed25519 or RSA",
            request_csr.key_type
        ))
    })?;
    if let Some(bits) = request_csr.key_type.strip_prefix("rsa-")
        && bits.parse::<usize>().unwrap_or(0) < 2048
    {
        return Err(Error::InvalidInput(format!(
            "the CSR's RSA key is too small ({bits} bits; at least 2048)"
        )));
    }
    let name = match (&args.name, &request_csr.common_name) {
        (Some(name), _) => name.clone(),
        (None, Some(cn)) => cn.clone(),
        (None, None) => {
            return Err(Error::InvalidInput(
                "the CSR has no common name: pass --name".into(),
            ));
        }
    };
    let validity = requested_validity(&args.validity)?;
    fsio::ensure_absent(&args.out)?;

    let mut store = super::open_store(global, out)?;
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get(&args.profile)?;
    let names = csr_names(&mut request_csr, profile, &args.names);
    let request = Request {
        name: name.clone(),
        dns: names.dns.iter().map(|d| d.to_ascii_lowercase()).collect(),
        ips: names.ips,
        emails: names.emails,
        validity,
        bind_mac: None,
    };
    let window = request.validate(profile, store.issuing_validity()?)?;
    let replaces = check_name_free(
        registry::name_pointer(&store, &name)?,
        &name,
        args.force,
        unix_now(),
    )?;
    for ignored in &request_csr.ignored {
        out.notice(&format!("ignoring what the CSR asks for: {ignored}"));
    }

    let signer = unlock_signer(global, &store)?;
    let mut signed = issue::sign(
        &signer,
        profile,
        &request,
        window,
        &public_key,
        &request_csr.key_type,
    )?;
    signed.issued.replaces = replaces;
    signed.issued.from_csr = true;
    let mut change = Change::default();
    let mut reg = RegistryUpdate::new(&store)?;
    reg.issue(&mut signed.issued, &signed.pem)?;
    reg.finish(&mut change);
    change.record(issue_event(&signed, "cert.sign"));
    store.commit(change)?;
    fsio::write_atomic_new(&args.out, signed.pem.as_bytes(), fsio::PUBLIC_FILE)?;

    let mut report = IssuedReport::new(&signed, Some(&args.out), None);
    report.key = None;
    let human = format!(
        "{}\n  (signed from {}; ignored: {})",
        human_issued(std::slice::from_ref(&report)),
        args.csr.display(),
        if request_csr.ignored.is_empty() {
            "nothing".to_owned()
        } else {
            request_csr.ignored.join(", ")
        }
    );
    out.report(&report, &human);
    Ok(())
}

/// The old certificate of a name, parsed back from the store.
struct Current {
    pointer: NamePointer,
    request: Request,
    key_type: String,
    spki_der: Vec<u8>,
    bound_to_mac: bool,
    from_csr: bool,
}

fn current(store: &Store, name: &str) -> Result<Current> {
    let pointer = registry::name_pointer(store, name)?
        .ok_or_else(|| Error::NotFound(format!("no current certificate named {name}")))?;
    let pem = registry::read_pem(store, pointer.pem_at)?;
    let details = inspect::details(pem.as_bytes())
        .map_err(|e| Error::corrupt(store.root().join(registry::PEM_FILE), e))?;
    Ok(Current {
        request: Request {
            name: name.to_owned(),
            dns: details.dns,
            ips: details.ips,
            emails: details.emails,
            validity: None,
            bind_mac: None,
        },
        key_type: details.info.key_type,
        spki_der: details.spki_der,
        bound_to_mac: details.mac_binding.is_some(),
        from_csr: pointer.from_csr,
        pointer,
    })
}

fn renew_cmd(global: &GlobalArgs, args: &RenewArgs, out: Output) -> Result<()> {
    let validity = requested_validity(&args.validity)?;
    let mut store = super::open_store(global, out)?;
    let old = current(&store, &args.name)?;
    if old.bound_to_mac {
        return Err(Error::InvalidInput(format!(
            "{} is bound to a MAC address; issue a new one with `cert issue --force --bind-mac`",
            args.name
        )));
    }
    if old.from_csr && !args.reuse_key {
        return Err(Error::InvalidInput(format!(
            "{} was signed from a CSR and the store has no key for it: pass --reuse-key, or sign a new CSR",
            args.name
        )));
    }
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get(&old.pointer.profile)?;
    let mut request = old.request.clone();
    request.validity = validity;
    let window = request.validate(profile, store.issuing_validity()?)?;
    fsio::ensure_absent(&args.out.join(format!("{}.crt", args.name)))?;
    if !args.reuse_key {
        fsio::ensure_absent(&args.out.join(format!("{}.key", args.name)))?;
    }
    let mut batch = fsio::OutputBatch::new(&args.out);

    let signer = unlock_signer(global, &store)?;
    let (mut signed, key) = if args.reuse_key {
        let public_key = rcgen::SubjectPublicKeyInfo::from_der(&old.spki_der)
            .map_err(|e| Error::Certificate(format!("cannot reuse the old key: {e}")))?;
        let signed = issue::sign(
            &signer,
            profile,
            &request,
            window,
            &public_key,
            &old.key_type,
        )?;
        (signed, None)
    } else {
        let key_type = args
            .key_type
            .or_else(|| key_type_named(&old.key_type))
            .unwrap_or(KeyType::EcdsaP256);
        let (signed, key) =
            issue::issue_with_new_key(&signer, profile, &request, window, key_type)?;
        (signed, Some(key))
    };
    signed.issued.replaces = Some(old.pointer.serial.clone());
    signed.issued.from_csr = old.from_csr;

    let mut change = Change::default();
    let mut reg = RegistryUpdate::new(&store)?;
    reg.issue(&mut signed.issued, &signed.pem)?;
    change.record(issue_event(&signed, "cert.renew").detail(format!(
        "profile {}, replaces {}",
        profile.name, old.pointer.serial
    )));
    if args.revoke_old {
        let now = unix_now();
        // The name already points at the new certificate, so this leaves the pointer alone.
        reg.revoke(&old.pointer.serial, &args.name, Reason::Superseded, now)?;
        change.record(
            Event::new("cert.revoke", format!("CN={}", args.name))
                .serial(&old.pointer.serial)
                .detail("superseded (renewed)"),
        );
    }
    reg.finish(&mut change);
    let cert_path = batch.add_new(
        &format!("{}.crt", args.name),
        signed.pem.clone().into_bytes(),
        fsio::PUBLIC_FILE,
    )?;
    let key_path = match &key {
        Some(key) => Some(batch.add_new(
            &format!("{}.key", args.name),
            crate::x509::keys::private_key_pem(key).as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?),
        None => None,
    };
    batch.add_replace("ca.crt", store.chain_pem()?.into_bytes(), fsio::PUBLIC_FILE);
    batch.stage()?;
    store.commit(change)?;
    batch.publish()?;
    let report = IssuedReport::new(&signed, Some(&cert_path), key_path.as_deref());
    let human = format!(
        "{}\n  replaces serial {}{}",
        human_issued(std::slice::from_ref(&report)),
        old.pointer.serial,
        if args.revoke_old {
            " (revoked)"
        } else {
            " (valid until it expires)"
        }
    );
    out.report(&report, &human);
    Ok(())
}

fn key_type_named(name: &str) -> Option<KeyType> {
    [
        KeyType::EcdsaP256,
        KeyType::EcdsaP384,
        KeyType::Ed25519,
        KeyType::Rsa3072,
    ]
    .into_iter()
    .find(|k| k.name() == name)
}

#[derive(Serialize)]
struct RevokedReport {
    name: String,
    serial: String,
    reason: Reason,
}

fn revoke_cmd(global: &GlobalArgs, args: &RevokeArgs, out: Output) -> Result<()> {
    let mut store = super::open_store(global, out)?;
    let now = unix_now();
    let mut registry: Option<Registry> = None;
    let mut reg = RegistryUpdate::new(&store)?;
    let mut change = Change::default();
    let mut reports: Vec<RevokedReport> = Vec::new();
    let mut seen = HashSet::new();
    for target in &args.targets {
        let (serial, name) = match reg.pointer(target)? {
            Some(p) => (p.serial, target.clone()),
            None => {
                // Not a current name: a serial, or a name whose certificate is gone.
                let all = match &mut registry {
                    Some(r) => r,
                    None => registry.insert(Registry::load(&store)?),
                };
                let entry = if registry::looks_like_serial(target) {
                    all.by_serial(target)
                } else {
                    all.latest_for_name(target)
                };
                let entry = entry.ok_or_else(|| {
                    Error::NotFound(format!("no certificate with name or serial {target}"))
                })?;
                if let Some(r) = &entry.revoked {
                    return Err(Error::AlreadyRevoked(format!(
                        "{target} (serial {}) is already revoked ({}, {})",
                        entry.issued.serial,
                        r.reason.name(),
                        inspect::rfc3339_unix(r.revoked_at)
                    )));
                }
                (entry.issued.serial.clone(), entry.issued.name.clone())
            }
        };
        if !seen.insert(serial.clone()) {
            continue;
        }
        reg.revoke(&serial, &name, args.reason, now)?;
        change.record(
            Event::new("cert.revoke", format!("CN={name}"))
                .serial(&serial)
                .detail(args.reason.name()),
        );
        reports.push(RevokedReport {
            name,
            serial,
            reason: args.reason,
        });
    }
    reg.finish(&mut change);
    store.commit(change)?;
    let human = if reports.len() > 20 {
        format!(
            "revoked {} certificates ({})",
            reports.len(),
            args.reason.name()
        )
    } else {
        reports
            .iter()
            .map(|r| {
                format!(
                    "revoked {} serial {} ({})",
                    r.name,
                    r.serial,
                    r.reason.name()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    out.report(
        &reports,
        &format!("{human}\nrun `credctl crl --out FILE` to publish the revocation"),
    );
    Ok(())
}

#[derive(Serialize)]
struct ListRow<'a> {
    serial: &'a str,
    name: &'a str,
    profile: &'a str,
    status: Status,
    subject: &'a str,
    sans: &'a [String],
    not_before: String,
    not_after: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    revoked_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<Reason>,
    fingerprint_sha256: &'a str,
    spki_sha256: &'a str,
}

fn row(e: &Entry, now: i64) -> ListRow<'_> {
    let i = &e.issued;
    ListRow {
        serial: &i.serial,
        name: &i.name,
        profile: &i.profile,
        status: e.status(now),
        subject: &i.subject,
        sans: &i.sans,
        not_before: inspect::rfc3339_unix(i.not_before),
        not_after: inspect::rfc3339_unix(i.not_after),
        revoked_at: e
            .revoked
            .as_ref()
            .map(|r| inspect::rfc3339_unix(r.revoked_at)),
        reason: e.revoked.as_ref().map(|r| r.reason),
        fingerprint_sha256: &i.fingerprint,
        spki_sha256: &i.spki_sha256,
    }
}

fn list_cmd(global: &GlobalArgs, args: &ListArgs, out: Output) -> Result<()> {
    let within = args
        .expiring_within
        .as_deref()
        .map(crate::duration::parse)
        .transpose()?;
    let store = super::open_store(global, out)?;
    if let Some(profile) = &args.profile {
        Profiles::load(store.root())?.get(profile)?;
    }
    let registry = Registry::load(&store)?;
    let now = unix_now();
    let horizon = within.map(|d| now + d.whole_seconds());
    let rows: Vec<ListRow<'_>> = registry
        .entries()
        .iter()
        .filter(|e| args.profile.as_ref().is_none_or(|p| e.issued.profile == *p))
        .filter(|e| !args.revoked || e.revoked.is_some())
        .filter(|e| {
            horizon.is_none_or(|h| e.status(now) == Status::Active && e.issued.not_after <= h)
        })
        .map(|e| row(e, now))
        .collect();
    let mut human = String::with_capacity(rows.len() * 100);
    if !out.json {
        human.push_str(&format!(
            "{:<32}  {:<20}  {:<6}  {:<13}  {}\n",
            "SERIAL", "NAME", "PROF", "STATUS", "NOT AFTER"
        ));
        for r in &rows {
            human.push_str(&format!(
                "{:<32}  {:<20}  {:<6}  {:<13}  {}\n",
                r.serial,
                r.name,
                r.profile,
                r.status.name(),
                r.not_after
            ));
        }
        human.push_str(&format!("{} certificates\n", rows.len()));
    }
    out.report(&rows, &human);
    Ok(())
}

fn show_cmd(global: &GlobalArgs, target: &str, out: Output) -> Result<()> {
    let store = super::open_store(global, out)?;
    let registry = Registry::load(&store)?;
    let entry = match registry::name_pointer(&store, target)? {
        Some(p) => registry.by_serial(&p.serial),
        None => registry
            .by_serial(target)
            .or_else(|| registry.latest_for_name(target)),
    }
    .ok_or_else(|| Error::NotFound(format!("no certificate with name or serial {target}")))?;
    let pem = registry::read_pem(&store, entry.issued.pem_at)?;
    let details = inspect::details(pem.as_bytes())
        .map_err(|e| Error::corrupt(store.root().join(registry::PEM_FILE), e))?;
    let now = unix_now();
    #[derive(Serialize)]
    struct ShowReport<'a> {
        #[serde(flatten)]
        row: ListRow<'a>,
        issuer: String,
        key_type: String,
        extended_key_usage: Vec<String>,
        mac_binding: Option<inspect::MacBinding>,
        replaces: Option<&'a str>,
        superseded_by: Option<&'a str>,
        pem: String,
    }
    let report = ShowReport {
        row: row(entry, now),
        issuer: details.info.issuer.clone(),
        key_type: details.info.key_type.clone(),
        extended_key_usage: details.extended_key_usage.clone(),
        mac_binding: details.mac_binding.clone(),
        replaces: entry.issued.replaces.as_deref(),
        superseded_by: entry.superseded_by.as_deref(),
        pem,
    };
    let r = &report.row;
    let mut human = format!(
        "name:        {}\nsubject:     {}\nissuer:      {}\nserial:      {}\nprofile:     {}\nstatus:      {}\nkey type:    {}\nnot before:  {}\nnot after:   {}\nnames:       {}\nusage:       {}\nsha256:      {}\nspki sha256: {}\n",
        r.name,
        r.subject,
        report.issuer,
        r.serial,
        r.profile,
        r.status.name(),
        report.key_type,
        r.not_before,
        r.not_after,
        if r.sans.is_empty() {
            "-".to_owned()
        } else {
            r.sans.join(", ")
        },
        report.extended_key_usage.join(", "),
        r.fingerprint_sha256,
        r.spki_sha256,
    );
    if let (Some(at), Some(reason)) = (&r.revoked_at, r.reason) {
        human.push_str(&format!("revoked:     {at} ({})\n", reason.name()));
    }
    if let Some(m) = &report.mac_binding {
        human.push_str(&format!(
            "mac binding: sha256 {} nonce {}\n",
            m.binding, m.nonce
        ));
    }
    if let Some(s) = report.replaces {
        human.push_str(&format!("replaces:    {s}\n"));
    }
    if let Some(s) = report.superseded_by {
        human.push_str(&format!("superseded:  by {s}\n"));
    }
    out.report(&report, &human);
    Ok(())
}

fn verify_cmd(global: &GlobalArgs, file: &Path, out: Output) -> Result<()> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let ders = inspect::pem_certificates(&bytes).map_err(|e| {
        Error::InvalidInput(format!("{} holds no certificate: {e}", file.display()))
    })?;
    let store = super::open_store(global, out)?;
    let registry = Registry::load(&store)?;
    let verdict = verify::verify(&ders[0], &store.chain_ders()?, &registry, unix_now())?;
    let human = if verdict.ok {
        format!(
            "{}: OK ({}, serial {}, valid until {})",
            file.display(),
            verdict.subject,
            verdict.serial,
            verdict.not_after
        )
    } else {
        format!(
            "{}: FAILED ({}, serial {})\n{}",
            file.display(),
            verdict.subject,
            verdict.serial,
            verdict
                .problems
                .iter()
                .map(|p| format!("  - {p}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    out.report(&verdict, &human);
    if verdict.ok {
        Ok(())
    } else {
        Err(Error::VerificationFailed(verdict.problems.join("; ")))
    }
}

/// Signs the next CRL over `revoked` and adds it to `change` (the store's copy and the audit
/// entry); the caller commits with `state.crl_number = number`.
pub(super) fn stage_crl<'a>(
    store: &Store,
    signer: &CaSigner,
    revoked: impl Iterator<Item = &'a Entry>,
    validity: Duration,
    change: &mut Change,
) -> Result<(u64, crl::Crl)> {
    let number = store.state().crl_number + 1;
    let crl = crl::build(signer, revoked, number, validity)?;
    change.write_private(crate::store::CRL_FILE, crl.pem.clone().into_bytes());
    change.record(
        Event::new("crl.issue", format!("CRL {number}")).detail(format!(
            "{} revoked, next update {}",
            crl.entries,
            inspect::rfc3339_time(crl.next_update)
        )),
    );
    Ok((number, crl))
}

pub fn crl_cmd(global: &GlobalArgs, args: &CrlArgs, out: Output) -> Result<()> {
    if args.days == 0 {
        return Err(Error::InvalidInput("--days must be at least 1".into()));
    }
    let mut store = super::open_store(global, out)?;
    let registry = Registry::load(&store)?;
    let signer = unlock_signer(global, &store)?;
    let mut change = Change::default();
    let (number, crl) = stage_crl(
        &store,
        &signer,
        registry.revoked(),
        Duration::days(i64::from(args.days)),
        &mut change,
    )?;
    store.commit_with(change, |state| state.crl_number = number)?;
    fsio::write_atomic(&args.out, crl.pem.as_bytes(), fsio::PUBLIC_FILE)?;
    out.report(
        &serde_json::json!({
            "out": args.out,
            "crl_number": number,
            "revoked": crl.entries,
            "this_update": inspect::rfc3339_time(crl.this_update),
            "next_update": inspect::rfc3339_time(crl.next_update),
        }),
        &format!(
            "wrote CRL {number} ({} revoked) to {}, next update {}",
            crl.entries,
            args.out.display(),
            inspect::rfc3339_time(crl.next_update)
        ),
    );
    Ok(())
}
