//! `status`: the audit checklist as data — what expires, what is stale, what is weak. Reads
//! only; every finding says what to do, and one that needs action makes the command exit 1.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Duration;

use super::Session;
use super::hubsync::{Cluster, Rendering, hand_out_hub, templates};
use crate::audit;
use crate::clock::rfc3339_unix;
use crate::error::{Error, Result};
use crate::hub::{self, Members};
use crate::nats;
use crate::store::Change;
use crate::x509::authority;
use crate::x509::issue::CaValidity;
use crate::x509::registry::{self, Registry};
use crate::x509::{crl, inspect};

/// The bcrypt cost below which a hash is weak (seed 001 §8.2).
pub const MIN_BCRYPT_COST: u32 = 11;
/// The RSA size below which a key is weak.
pub const MIN_RSA_BITS: u32 = 3072;

pub struct StatusRequest {
    /// Certificates and NATS users expiring within this are flagged.
    pub within: Duration,
    /// CA certificates expiring within this are flagged (a rollover needs lead time).
    pub ca_within: Duration,
    /// Passwords older than this are flagged.
    pub password_max_age: Duration,
    pub now: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Ok,
    Action,
}

/// One checked item.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// certificate, ca, crl, password, nats-user, bcrypt-cost, rsa-key, tls-mode, monitor,
    /// hub-dir, audit.
    pub check: &'static str,
    pub subject: String,
    pub level: Level,
    pub detail: String,
    /// Seconds left before expiry (negative: past), or a password's age.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds: Option<i64>,
    /// What identifies the item (name, profile, account, kind...), for metrics.
    pub labels: BTreeMap<&'static str, String>,
}

#[derive(Debug, Serialize)]
pub struct StatusReport {
    /// No finding needs action.
    pub ok: bool,
    pub checked_at: String,
    pub findings: Vec<Finding>,
}

impl StatusReport {
    pub fn actions(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.level == Level::Action)
    }
}

fn finding(check: &'static str, subject: impl Into<String>, action: bool) -> Finding {
    Finding {
        check,
        subject: subject.into(),
        level: if action { Level::Action } else { Level::Ok },
        detail: String::new(),
        seconds: None,
        labels: BTreeMap::new(),
    }
}

impl Finding {
    fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
    fn seconds(mut self, seconds: i64) -> Self {
        self.seconds = Some(seconds);
        self
    }
    fn label(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.labels.insert(key, value.into());
        self
    }
}

/// Runs every check of the checklist.
pub fn status(session: &Session, req: &StatusRequest) -> Result<StatusReport> {
    let mut findings = Vec::new();
    let registry = Registry::load(session.store())?;
    certificates(&registry, req, &mut findings);
    ca(session, req, &mut findings)?;
    rollover(session, &registry, req, &mut findings)?;
    revocation_list(session, &registry, req.now, &mut findings)?;
    if hub::hub_exists(session.store()) {
        hub_checks(session, req, &mut findings)?;
    }
    nats_users(session, req, &mut findings)?;
    let entries = audit::verify(&session.store().audit_log()?, &session.state().audit)?;
    findings.push(
        finding("audit", "audit log", false)
            .detail(format!("{entries} entries, chain and signed state match")),
    );
    Ok(StatusReport {
        ok: findings.iter().all(|f| f.level == Level::Ok),
        checked_at: rfc3339_unix(req.now),
        findings,
    })
}

/// "expires in 3 days" / "expired 2 hours ago".
fn expiry_words(left: i64) -> String {
    let span = crate::clock::human_span(left.unsigned_abs());
    match left >= 0 {
        true => format!("expires in {span}"),
        false => format!("expired {span} ago"),
    }
}

/// Every certificate a name stands for: expired or expiring ones, and weak RSA keys.
fn certificates(registry: &Registry, req: &StatusRequest, out: &mut Vec<Finding>) {
    for entry in registry.current(req.now) {
        let issued = &entry.issued;
        let left = issued.not_after - req.now;
        let action = left < req.within.whole_seconds();
        let subject = format!("{} ({})", issued.name, issued.profile);
        out.push(
            finding("certificate", &subject, action)
                .detail(match action {
                    true => format!(
                        "{}: renew it (credctl cert renew {})",
                        expiry_words(left),
                        issued.name
                    ),
                    false => expiry_words(left),
                })
                .seconds(left)
                .label("name", &issued.name)
                .label("profile", &issued.profile)
                .label("serial", &issued.serial),
        );
        if let Some(bits) = rsa_bits(&issued.key_type).filter(|b| *b < MIN_RSA_BITS) {
            out.push(
                finding("rsa-key", &subject, true)
                    .detail(format!(
                        "RSA {bits} is below {MIN_RSA_BITS} bits: renew it with --key-type"
                    ))
                    .label("name", &issued.name),
            );
        }
    }
}

fn rsa_bits(key_type: &str) -> Option<u32> {
    key_type.strip_prefix("rsa-")?.parse().ok()
}

/// The CA certificates' own expiry.
fn ca(session: &Session, req: &StatusRequest, out: &mut Vec<Finding>) -> Result<()> {
    let authority = session.authority()?;
    let names = match authority.has_intermediate() {
        true => ["intermediate", "root"].as_slice(),
        false => ["root"].as_slice(),
    };
    for (der, name) in authority.chain_ders().iter().zip(names) {
        let validity = CaValidity::of(der)?;
        let left = validity.not_after.unix_timestamp() - req.now;
        let action = left < req.ca_within.whole_seconds();
        let info = inspect::info(der)?;
        out.push(
            finding("ca", format!("{name} CA"), action)
                .detail(match action {
                    true => format!("{}: plan the CA's rollover", expiry_words(left)),
                    false => expiry_words(left),
                })
                .seconds(left)
                .label("name", *name)
                .label("subject", info.subject),
        );
    }
    Ok(())
}

/// A rollover in progress: how many current certificates the previous CA issued, and when the
/// overlap ends. Action once nothing is left to renew (finish it) or the overlap nears its end.
fn rollover(
    session: &Session,
    registry: &Registry,
    req: &StatusRequest,
    out: &mut Vec<Finding>,
) -> Result<()> {
    let Some(transition) = &session.state().ca.transition else {
        return Ok(());
    };
    let older = super::rollover::older_certificates(session, registry, req.now)?.len();
    let until = time::OffsetDateTime::parse(
        &transition.until,
        &time::format_description::well_known::Rfc3339,
    )
    .map(|t| t.unix_timestamp())
    .unwrap_or(req.now);
    let left = until - req.now;
    let action = older == 0 || left < req.ca_within.whole_seconds();
    let detail = match older {
        0 => "every current certificate is of the new CA: `credctl ca renew --finish`".to_owned(),
        n => format!(
            "{n} current certificate(s) of the previous CA to renew (`credctl rotate certs`); the overlap {}",
            expiry_words(left).replace("expires", "ends")
        ),
    };
    out.push(
        finding("ca", "CA rollover", action)
            .detail(detail)
            .seconds(left)
            .label("name", "rollover"),
    );
    Ok(())
}

/// The latest CRL: past or near its next update, or missing revocations made since.
fn revocation_list(
    session: &Session,
    registry: &Registry,
    now: i64,
    out: &mut Vec<Finding>,
) -> Result<()> {
    // Revoked serials: the registry's, and an adopted CA's unexpired ones whose files were gone.
    let elsewhere = crl::revoked_elsewhere(session.store())?;
    let revoked: Vec<String> = registry
        .entries()
        .iter()
        .filter_map(|e| e.revoked.as_ref().map(|r| r.serial.to_lowercase()))
        .chain(
            elsewhere
                .into_iter()
                .filter(|r| r.not_after > now)
                .map(|r| r.serial),
        )
        .collect();
    let Some(published) = authority::latest_published_crl(session.store())? else {
        if !revoked.is_empty() {
            out.push(
                finding("crl", "CRL", true)
                    .detail("certificates are revoked but no CRL was issued: run credctl crl"),
            );
        }
        return Ok(());
    };
    let left = published.next_update - now;
    // Flag it once three quarters of its life are over: time to publish the next.
    let near = (published.next_update - published.this_update) / 4;
    let unlisted = revoked
        .iter()
        .filter(|serial| !published.serials.contains(*serial))
        .count();
    let action = left < near || unlisted > 0;
    let detail = match (left < near, unlisted) {
        (_, n) if n > 0 => format!("{n} revocations since it was issued: run credctl crl"),
        (true, _) => format!("next update {}: run credctl crl", expiry_words(left)),
        (false, _) => format!("next update in {}", crate::clock::human_span(left as u64)),
    };
    out.push(finding("crl", "CRL", action).detail(detail).seconds(left));
    Ok(())
}

/// Passwords, bcrypt costs, the TLS mode, monitoring and the rendered hub directories.
fn hub_checks(session: &Session, req: &StatusRequest, out: &mut Vec<Finding>) -> Result<()> {
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let members = hub::load_members(store)?;
    let max_age = req.password_max_age.whole_seconds();
    let passwords = members
        .devs
        .values()
        .map(|d| {
            let kind = if d.service { "service" } else { "dev" };
            (kind, &d.name, d.password_set_at, &d.password_hash)
        })
        .chain(
            members
                .edges
                .values()
                .map(|e| ("edge", &e.name, e.password_set_at, &e.password_hash)),
        );
    for (kind, name, set_at, hash) in passwords {
        let subject = format!("{kind} {name}");
        out.push(password_age(
            &subject,
            (kind, name),
            req.now - set_at,
            max_age,
        ));
        check_cost(&subject, hash, out);
    }
    let first = cluster.first();
    let route = cluster
        .hubs
        .iter()
        .find(|h| h.route_password_hash.is_some());
    let shared = [
        ("system", hub::SYSTEM_USER, first.system_password_set_at),
        (
            "route",
            hub::ROUTE_USER,
            route.and_then(|h| h.route_password_set_at),
        ),
    ];
    for (kind, name, set_at) in shared {
        let Some(set_at) = set_at else { continue };
        let subject = format!("{kind} user");
        out.push(password_age(
            &subject,
            (kind, name),
            req.now - set_at,
            max_age,
        ));
    }
    check_cost("system user", &first.system_password_hash, out);
    if let Some(hash) = route.and_then(|h| h.route_password_hash.as_ref()) {
        check_cost("route user", hash, out);
    }
    for hub in &cluster.hubs {
        out.push(
            finding("tls-mode", format!("hub {}", hub.name), false).detail(format!(
                "{}: every client presents a certificate (mTLS)",
                hub.tls_mode.name()
            )),
        );
        if let Some(monitor) = hub.monitor.as_ref().filter(|m| !m.is_loopback()) {
            out.push(
                finding("monitor", format!("hub {}", hub.name), true).detail(format!(
                    "monitoring listens on {}:{} beyond loopback: bind it to 127.0.0.1",
                    monitor.host, monitor.port
                )),
            );
        }
    }
    hub_dirs(session, &cluster, &members, out)
}

/// How old a password is: action needed at `max_age` seconds or more.
fn password_age(subject: &str, (kind, name): (&str, &str), age: i64, max_age: i64) -> Finding {
    finding("password", subject, age >= max_age)
        .detail(format!(
            "set {} ago",
            crate::clock::human_span(age.max(0) as u64)
        ))
        .seconds(age)
        .label("kind", kind)
        .label("name", name)
}

/// A bcrypt hash below the minimum cost.
fn check_cost(subject: &str, hash: &str, out: &mut Vec<Finding>) {
    let cost: Option<u32> = hash.split('$').nth(2).and_then(|c| c.parse().ok());
    if let Some(cost) = cost.filter(|c| *c < MIN_BCRYPT_COST) {
        out.push(finding("bcrypt-cost", subject, true).detail(format!(
            "bcrypt cost {cost} is below {MIN_BCRYPT_COST}: rotate the password"
        )));
    }
}

/// Each recorded hub directory against what the store renders now: a file that would change
/// means the hub runs on an older state.
fn hub_dirs(
    session: &Session,
    cluster: &Cluster,
    members: &Members,
    out: &mut Vec<Finding>,
) -> Result<()> {
    let targets = cluster.targets(session.store())?;
    if targets.is_empty() {
        return Ok(());
    }
    let templates = templates(session, None)?;
    let mut lookup = |n: &str| registry::name_pointer(session.store(), n);
    let rendering = Rendering::new(session, members, &mut lookup, (templates, None))?;
    for (i, dir) in targets {
        let name = cluster.hubs[i].name.clone();
        // Nothing is staged or committed: the change only tells which files would differ.
        let mut change = Change::default();
        let stale =
            match hand_out_hub(session, &mut change, &dir, (cluster, i), &rendering) {
                Ok(files) => files,
                // A cluster's routes need the unlock; without a key source the check is skipped.
                Err(Error::NoPassphraseSource) => {
                    out.push(finding("hub-dir", format!("hub {name}"), false).detail(
                        "not compared: its cluster routes need the unlock (give --identity)",
                    ));
                    continue;
                }
                Err(e) => return Err(e),
            };
        let names: Vec<String> = stale
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        let action = !names.is_empty();
        out.push(
            finding("hub-dir", format!("hub {name}"), action)
                .detail(match action {
                    true => format!(
                        "{} differ from the store: run credctl hub render --out {}",
                        names.join(", "),
                        dir.display()
                    ),
                    false => format!("{} matches the store", dir.display()),
                })
                .label("hub", name),
        );
    }
    Ok(())
}

/// NATS user JWTs that expire within the window (or did within it), not revoked.
fn nats_users(session: &Session, req: &StatusRequest, out: &mut Vec<Finding>) -> Result<()> {
    let store = session.store();
    if !nats::operator_exists(store) {
        return Ok(());
    }
    let within = req.within.whole_seconds();
    for account in nats::accounts(store)?
        .into_iter()
        .filter(|a| a.revoked_at.is_none())
    {
        for user in nats::load_users(store, &account.name)?.into_values() {
            let Some(expires) = user.expires.filter(|_| user.revoked_at.is_none()) else {
                continue;
            };
            let left = expires - req.now;
            // Long expired is deliberate history, not news.
            if left < -within {
                continue;
            }
            let action = left < within;
            out.push(
                finding(
                    "nats-user",
                    format!("{}/{}", user.account, user.name),
                    action,
                )
                .detail(match action {
                    true => format!("{}: re-issue its JWT", expiry_words(left)),
                    false => expiry_words(left),
                })
                .seconds(left)
                .label("account", &user.account)
                .label("name", &user.name),
            );
        }
    }
    Ok(())
}
