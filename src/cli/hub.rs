//! `credctl hub ...`, `credctl dev ...`, `credctl edge ...`: the hub-and-edge workflows.

use std::path::{Path, PathBuf};

use serde::Serialize;
use time::Duration;
use zeroize::Zeroizing;

use super::args::{
    DevAddArgs, DevCommand, DevPermissionArgs, EdgeAddArgs, EdgeCommand, GlobalArgs, HubCommand,
    HubInitArgs,
};
use super::cert::requested_validity;
use super::output::Output;
use super::unlock::unlock_source;
use crate::audit::Event;
use crate::broker::render::{self, Templates};
use crate::broker::{self, Dev, Edge, Hub, Limits, Members, Permissions};
use crate::error::{Error, Result};
use crate::store::{self, Change, Store, fsio, keyring};
use crate::x509::ca::now;
use crate::x509::issue::{self, CaSigner, Request, Signed};
use crate::x509::profile::Profiles;
use crate::x509::registry::{Entry, Reason, Registry, RegistryUpdate, Revoked};
use crate::x509::{KeyType, crl, inspect};

pub fn run_hub(global: &GlobalArgs, cmd: &HubCommand, out: Output) -> Result<()> {
    match cmd {
        HubCommand::Init(args) => hub_init(global, args, out),
        HubCommand::Render {
            out: dir,
            templates,
        } => hub_render(global, dir, templates, out),
        HubCommand::AccountLimits(args) => account_limits(global, args, out),
    }
}

pub fn run_dev(global: &GlobalArgs, cmd: &DevCommand, out: Output) -> Result<()> {
    match cmd {
        DevCommand::Add(args) => dev_add(global, args, out),
        DevCommand::Remove { name, reason } => remove_member(global, name, *reason, true, out),
        DevCommand::List => dev_list(global, out),
    }
}

pub fn run_edge(global: &GlobalArgs, cmd: &EdgeCommand, out: Output) -> Result<()> {
    match cmd {
        EdgeCommand::Add(args) => edge_add(global, args, out),
        EdgeCommand::Remove { name, reason } => remove_member(global, name, *reason, false, out),
    }
}

fn unix_now() -> i64 {
    now().unix_timestamp()
}

/// Template overrides: the store's `templates/nats/`, then an explicit directory.
fn templates(store: &Store, explicit: Option<&Path>) -> Result<Templates> {
    let mut dirs = vec![store.root().join("templates").join("nats")];
    dirs.extend(explicit.map(Path::to_path_buf));
    Templates::load(&dirs)
}

/// Adds the hub's rendered configuration (and the public CA files) to `batch`.
fn add_rendered_hub(
    batch: &mut fsio::OutputBatch,
    store: &Store,
    hub: &Hub,
    members: &Members,
    templates: &Templates,
    crl_pem: Option<&str>,
) -> Result<()> {
    let base = render::deploy_base(hub, batch.dir())?;
    for (name, text) in render::render_hub(templates, hub, members, &base)? {
        batch.add_replace(&name, text.into_bytes(), fsio::PRIVATE_FILE);
    }
    batch.add_replace("ca.crt", store.chain_pem()?.into_bytes(), fsio::PUBLIC_FILE);
    let crl = match crl_pem {
        Some(pem) => Some(pem.as_bytes().to_vec()),
        None => std::fs::read(store.root().join(store::CRL_FILE)).ok(),
    };
    if let Some(crl) = crl {
        batch.add_replace("crl.pem", crl, fsio::PUBLIC_FILE);
    }
    Ok(())
}

/// The batch that re-renders the hub's own directory, if `hub init` recorded one.
fn rerender_batch(
    store: &Store,
    hub: &Hub,
    members: &Members,
    crl_pem: Option<&str>,
) -> Result<Option<fsio::OutputBatch>> {
    let Some(dir) = &hub.render_dir else {
        return Ok(None);
    };
    let mut batch = fsio::OutputBatch::new(dir);
    add_rendered_hub(
        &mut batch,
        store,
        hub,
        members,
        &templates(store, None)?,
        crl_pem,
    )?;
    Ok(Some(batch))
}

fn issue_member(
    signer: &CaSigner,
    profiles: &Profiles,
    profile: &str,
    request: &Request,
    store: &Store,
) -> Result<(Signed, rcgen::KeyPair)> {
    let profile = profiles.get(profile)?;
    let window = request.validate(profile, store.issuing_validity()?)?;
    issue::issue_with_new_key(signer, profile, request, window, KeyType::EcdsaP256)
}

/// Members are certificates too: their name must not stand for another certificate already.
fn ensure_cert_name_free(reg: &mut RegistryUpdate<'_>, name: &str) -> Result<()> {
    if reg.pointer(name)?.is_some() {
        return Err(Error::Conflict(format!(
            "a certificate named {name} already exists"
        )));
    }
    Ok(())
}

fn unlock_signer(global: &GlobalArgs, store: &Store) -> Result<(keyring::StoreKey, CaSigner)> {
    let key = store.unlock(&unlock_source(global)?)?;
    let signer = store.signer(&key)?;
    Ok((key, signer))
}

fn hub_init(global: &GlobalArgs, args: &HubInitArgs, out: Output) -> Result<()> {
    issue::check_name(&args.name)?;
    if args.jetstream && args.cluster_port.is_some() && args.routes.is_empty() {
        // nats-server refuses to start clustered JetStream without a peer to talk to.
        return Err(Error::InvalidInput(
            "JetStream in a cluster needs at least one --route to a peer".into(),
        ));
    }
    let dns: Vec<String> = args.dns.iter().map(|d| d.to_ascii_lowercase()).collect();
    for d in &dns {
        issue::check_dns(d)?;
    }
    let mut store = super::open_store(global, out)?;
    if broker::hub_exists(&store) {
        return Err(Error::Conflict(
            "this store already has a hub; change it with `credctl hub render`".into(),
        ));
    }
    let profiles = Profiles::load(store.root())?;
    let mut reg = RegistryUpdate::new(&store)?;
    ensure_cert_name_free(&mut reg, &args.name)?;
    let request = Request {
        name: args.name.clone(),
        dns: dns.clone(),
        ips: args.ips.clone(),
        emails: Vec::new(),
        validity: None,
        bind_mac: None,
    };
    request.validate(profiles.get("hub")?, store.issuing_validity()?)?;
    let cert_file = format!("{}.crt", args.name);
    let key_file = format!("{}.key", args.name);
    for f in [&cert_file, &key_file, &"system.password".to_owned()] {
        fsio::ensure_absent(&args.out.join(f))?;
    }

    let (store_key, signer) = unlock_signer(global, &store)?;
    let (mut signed, key) = issue_member(&signer, &profiles, "hub", &request, &store)?;
    reg.issue(&mut signed.issued, &signed.pem)?;

    let system_password = broker::generate_password();
    let route_password = args.cluster_port.map(|_| broker::generate_password());
    let mut to_hash = vec![system_password.clone()];
    to_hash.extend(route_password.iter().cloned());
    let mut hashes = broker::hash_passwords(&to_hash)?.into_iter();
    let hub = Hub {
        name: args.name.clone(),
        dns,
        ips: args.ips.clone(),
        tls_mode: args.tls_mode,
        listen_host: args.listen.clone(),
        port: args.port,
        leaf_port: args.leaf_port,
        cluster_port: args.cluster_port,
        cluster_routes: args.routes.clone(),
        jetstream: args.jetstream,
        cert_serial: signed.issued.serial.clone(),
        render_dir: Some(std::path::absolute(&args.out).map_err(|e| Error::io(&args.out, e))?),
        deploy_dir: args.deploy_dir.clone(),
        system_password_hash: hashes.next().expect("system hash"),
        route_password_hash: hashes.next(),
        limits: Limits::default(),
        account_limits: Default::default(),
    };
    let members = Members::default();

    let mut batch = fsio::OutputBatch::new(&args.out);
    batch.add_new(
        &cert_file,
        signed.pem.clone().into_bytes(),
        fsio::PUBLIC_FILE,
    )?;
    batch.add_new(
        &key_file,
        crate::x509::keys::private_key_pem(&key).as_bytes().to_vec(),
        fsio::PRIVATE_FILE,
    )?;
    batch.add_new(
        "system.password",
        format!("{}\n", system_password.as_str()).into_bytes(),
        fsio::PRIVATE_FILE,
    )?;
    if let Some(route) = &route_password {
        batch.add_new(
            "route.password",
            format!("{}\n", route.as_str()).into_bytes(),
            fsio::PRIVATE_FILE,
        )?;
    }
    let mut change = Change::default();
    if args.jetstream {
        // nats-server parses `$NATS_JETSTREAM_KEY` as a config value: a key starting with a
        // digit is read as a number and the server refuses to start. Letters first, then ~238
        // random bits of letters and digits.
        let js_key = Zeroizing::new(format!("js{}", broker::generate_password().as_str()));
        change.write_private(
            broker::JETSTREAM_KEY_FILE,
            keyring::seal(&store_key.recipient(), js_key.as_bytes())?,
        );
        batch.add_new(
            "jetstream.env",
            format!("NATS_JETSTREAM_KEY={}\n", js_key.as_str()).into_bytes(),
            fsio::PRIVATE_FILE,
        )?;
    }
    add_rendered_hub(
        &mut batch,
        &store,
        &hub,
        &members,
        &templates(&store, None)?,
        None,
    )?;

    reg.finish(&mut change);
    broker::save(&mut change, &hub, &members);
    change.record(
        Event::new("cert.issue", &signed.issued.subject)
            .serial(&signed.issued.serial)
            .fingerprint(&signed.issued.fingerprint)
            .detail("profile hub"),
    );
    change.record(Event::new("hub.init", &hub.name).detail(format!(
        "tls mode {}, client port {}, leaf port {}",
        hub.tls_mode.name(),
        hub.port,
        hub.leaf_port
    )));
    batch.stage()?;
    store.commit(change)?;
    batch.publish()?;

    let file = |name: &str| args.out.join(name).display().to_string();
    let mut human = format!(
        "hub {} ({} mode) rendered to {}\n  run: nats-server -c {}\n  one-time secrets (move them off the hub, they are not kept): {}",
        hub.name,
        hub.tls_mode.name(),
        file("hub.conf"),
        file("hub.conf"),
        file("system.password")
    );
    if route_password.is_some() {
        human.push_str(&format!(", {}", file("route.password")));
    }
    if args.jetstream {
        human.push_str(&format!(
            ", {} (NATS_JETSTREAM_KEY for the hub's environment)",
            file("jetstream.env")
        ));
    }
    out.report(
        &serde_json::json!({
            "hub": hub.name,
            "tls_mode": hub.tls_mode.name(),
            "config": args.out.join("hub.conf"),
            "cert_serial": hub.cert_serial,
        }),
        &human,
    );
    Ok(())
}

fn hub_render(
    global: &GlobalArgs,
    dir: &Path,
    template_dir: &Option<PathBuf>,
    out: Output,
) -> Result<()> {
    let store = super::open_store(global, out)?;
    let hub = broker::load_hub(&store)?;
    let members = broker::load_members(&store)?;
    let templates = templates(&store, template_dir.as_deref())?;
    let mut batch = fsio::OutputBatch::new(dir);
    add_rendered_hub(&mut batch, &store, &hub, &members, &templates, None)?;
    // The hub's certificate is public; its key lives only where `hub init` wrote it.
    let cert = crate::x509::registry::name_pointer(&store, &hub.name)?
        .map(|p| crate::x509::registry::read_pem(&store, p.pem_at))
        .transpose()?;
    if let Some(cert) = cert {
        batch.add_replace(
            &render::hub_cert_file(&hub),
            cert.into_bytes(),
            fsio::PUBLIC_FILE,
        );
    }
    batch.stage()?;
    let written = batch.publish()?;
    if !dir.join(render::hub_key_file(&hub)).exists() {
        out.notice(&format!(
            "{} is not in {}: copy the hub's key there (it was written once by `hub init`)",
            render::hub_key_file(&hub),
            dir.display()
        ));
    }
    out.report(
        &serde_json::json!({ "out": dir, "files": written }),
        &format!(
            "rendered {} ({} devs, {} edges)",
            dir.join("hub.conf").display(),
            members.devs.len(),
            members.edges.len()
        ),
    );
    Ok(())
}

fn permissions(args: &DevPermissionArgs) -> Result<(Permissions, Vec<String>)> {
    broker::check_account(&args.account)?;
    let types = args.access.validate()?;
    let a = &args.access;
    Ok((
        Permissions {
            publish_allow: a.allow_pub.clone(),
            publish_deny: a.deny_pub.clone(),
            subscribe_allow: a.allow_sub.clone(),
            subscribe_deny: a.deny_sub.clone(),
        },
        types,
    ))
}

/// One roster line: name[,email[,account]].
struct RosterEntry {
    name: String,
    email: Option<String>,
    account: Option<String>,
}

fn read_roster(path: &Path) -> Result<Vec<RosterEntry>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        if fields.len() > 3 || (i == 0 && fields[0].eq_ignore_ascii_case("name")) {
            if i == 0 && fields[0].eq_ignore_ascii_case("name") {
                continue; // a header line
            }
            return Err(Error::InvalidInput(format!(
                "{} line {}: expected name[,email[,account]]",
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
        entries.push(RosterEntry {
            name: fields[0].to_owned(),
            email: field(1),
            account: field(2),
        });
    }
    if entries.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{} lists no developers",
            path.display()
        )));
    }
    Ok(entries)
}

#[derive(Serialize)]
struct DevAddReport {
    name: String,
    account: String,
    serial: String,
    cert: String,
    key: String,
    password_file: String,
}

fn dev_add(global: &GlobalArgs, args: &DevAddArgs, out: Output) -> Result<()> {
    let roster = match (&args.from, &args.name) {
        (Some(file), _) => read_roster(file)?,
        (None, Some(name)) => vec![RosterEntry {
            name: name.clone(),
            email: args.email.clone(),
            account: None,
        }],
        (None, None) => unreachable!("clap requires NAME or --from"),
    };
    let (perms, connection_types) = permissions(&args.permissions)?;
    let validity = requested_validity(&args.validity)?;

    let mut store = super::open_store(global, out)?;
    let hub = broker::load_hub(&store)?;
    let mut members = broker::load_members(&store)?;
    let profiles = Profiles::load(store.root())?;
    let profile = profiles.get("dev")?;
    let ca = store.issuing_validity()?;
    let mut reg = RegistryUpdate::new(&store)?;
    let mut requests = Vec::with_capacity(roster.len());
    let mut seen = std::collections::HashSet::new();
    for entry in &roster {
        if !seen.insert(entry.name.clone()) {
            return Err(Error::InvalidInput(format!(
                "{} is listed twice",
                entry.name
            )));
        }
        if members.devs.contains_key(&entry.name) {
            return Err(Error::Conflict(format!(
                "{} is already a developer",
                entry.name
            )));
        }
        if let Some(account) = &entry.account {
            broker::check_account(account)?;
        }
        ensure_cert_name_free(&mut reg, &entry.name)?;
        let request = Request {
            name: entry.name.clone(),
            dns: Vec::new(),
            ips: Vec::new(),
            emails: entry.email.iter().cloned().collect(),
            validity,
            bind_mac: None,
        };
        let window = request.validate(profile, ca)?;
        for ext in ["crt", "key", "password"] {
            fsio::ensure_absent(&args.out.join(format!("{}.{ext}", entry.name)))?;
        }
        requests.push((request, window, entry.account.clone()));
    }

    let (_, signer) = unlock_signer(global, &store)?;
    let passwords: Vec<Zeroizing<String>> = (0..requests.len())
        .map(|_| broker::generate_password())
        .collect();
    let hashes = broker::hash_passwords(&passwords)?;
    let now = unix_now();
    let mut batch = fsio::OutputBatch::new(&args.out);
    let mut change = Change::default();
    let mut reports = Vec::new();
    for (((request, window, account), password), hash) in
        requests.iter().zip(&passwords).zip(hashes)
    {
        let (mut signed, key) =
            issue::issue_with_new_key(&signer, profile, request, *window, KeyType::EcdsaP256)?;
        reg.issue(&mut signed.issued, &signed.pem)?;
        let account = account
            .clone()
            .unwrap_or_else(|| args.permissions.account.clone());
        let dev = Dev {
            name: request.name.clone(),
            email: request.emails.first().cloned(),
            account: account.clone(),
            password_hash: hash,
            password_set_at: now,
            cert_serial: signed.issued.serial.clone(),
            spki_sha256: signed.issued.spki_sha256.clone(),
            dn: signed.issued.subject.clone(),
            permissions: perms.clone(),
            connection_types: connection_types.clone(),
        };
        members.devs.insert(dev.name.clone(), dev);
        change.record(
            Event::new("dev.add", &signed.issued.subject)
                .serial(&signed.issued.serial)
                .fingerprint(&signed.issued.fingerprint)
                .detail(format!("account {account}")),
        );
        let cert = batch.add_new(
            &format!("{}.crt", request.name),
            signed.pem.clone().into_bytes(),
            fsio::PUBLIC_FILE,
        )?;
        let key = batch.add_new(
            &format!("{}.key", request.name),
            crate::x509::keys::private_key_pem(&key).as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?;
        let password_file = batch.add_new(
            &format!("{}.password", request.name),
            format!("{}\n", password.as_str()).into_bytes(),
            fsio::PRIVATE_FILE,
        )?;
        reports.push(DevAddReport {
            name: request.name.clone(),
            account,
            serial: signed.issued.serial.clone(),
            cert: cert.display().to_string(),
            key: key.display().to_string(),
            password_file: password_file.display().to_string(),
        });
    }
    batch.add_replace("ca.crt", store.chain_pem()?.into_bytes(), fsio::PUBLIC_FILE);
    let mut render = rerender_batch(&store, &hub, &members, None)?;
    reg.finish(&mut change);
    broker::save(&mut change, &hub, &members);

    batch.stage()?;
    if let Some(r) = &mut render {
        r.stage()?;
    }
    store.commit(change)?;
    batch.publish()?;
    let rendered = render.map(|r| r.publish()).transpose()?.is_some();

    let mut human = if reports.len() > 20 {
        format!(
            "added {} developers; bundles in {}",
            reports.len(),
            args.out.display()
        )
    } else {
        reports
            .iter()
            .map(|r| {
                format!(
                    "added {} (account {}), serial {}\n  {}\n  {}\n  {} (shown once: hand it over, then delete it)",
                    r.name, r.account, r.serial, r.cert, r.key, r.password_file
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if rendered {
        human.push_str("\nhub config re-rendered: reload the hub (nats-server --signal reload)");
    }
    out.report(&reports, &human);
    Ok(())
}

/// Stages the next CRL, already including `serial`'s revocation (committed with it).
fn stage_crl_including(
    store: &Store,
    registry: &Registry,
    signer: &CaSigner,
    serial: &str,
    reason: Reason,
    now: i64,
    change: &mut Change,
) -> Result<(u64, crl::Crl)> {
    let mut entries: Vec<Entry> = registry.revoked().cloned().collect();
    if let Some(entry) = registry.by_serial(serial)
        && entry.revoked.is_none()
    {
        let mut entry = entry.clone();
        entry.revoked = Some(Revoked {
            serial: serial.to_owned(),
            reason,
            revoked_at: now,
        });
        entries.push(entry);
    }
    super::cert::stage_crl(store, signer, entries.iter(), Duration::days(7), change)
}

fn remove_member(
    global: &GlobalArgs,
    name: &str,
    reason: Reason,
    is_dev: bool,
    out: Output,
) -> Result<()> {
    let mut store = super::open_store(global, out)?;
    let hub = broker::load_hub(&store)?;
    let mut members = broker::load_members(&store)?;
    let (serial, kind) = if is_dev {
        let dev = members
            .devs
            .remove(name)
            .ok_or_else(|| Error::NotFound(format!("no developer named {name}")))?;
        (dev.cert_serial, "dev")
    } else {
        let edge = members
            .edges
            .remove(name)
            .ok_or_else(|| Error::NotFound(format!("no edge named {name}")))?;
        (edge.cert_serial, "edge")
    };

    let (_, signer) = unlock_signer(global, &store)?;
    let now = unix_now();
    let mut reg = RegistryUpdate::new(&store)?;
    // One read of the whole registry serves both the check and the CRL.
    let registry = Registry::load(&store)?;
    let already_revoked = registry
        .by_serial(&serial)
        .is_some_and(|e| e.revoked.is_some());
    if !already_revoked {
        reg.revoke(&serial, name, reason, now)?;
    }
    let mut change = Change::default();
    reg.finish(&mut change);
    broker::save(&mut change, &hub, &members);
    change.record(
        Event::new(&format!("{kind}.remove"), format!("CN={name}"))
            .serial(&serial)
            .detail(reason.name()),
    );
    let (number, crl) = stage_crl_including(
        &store,
        &registry,
        &signer,
        &serial,
        reason,
        now,
        &mut change,
    )?;
    let mut render = rerender_batch(&store, &hub, &members, Some(&crl.pem))?;
    if let Some(r) = &mut render {
        r.stage()?;
    }
    store.commit_with(change, |state| state.crl_number = number)?;
    let rendered = render.map(|r| r.publish()).transpose()?.is_some();
    let mut human =
        format!("removed {kind} {name}: certificate {serial} revoked, CRL {number} issued");
    if rendered {
        human.push_str(if is_dev {
            "\nhub config re-rendered: reload the hub (nats-server --signal reload)"
        } else {
            "\nhub config re-rendered: restart the hub (leafnode authorization does not reload)"
        });
    }
    out.report(
        &serde_json::json!({ "removed": name, "serial": serial, "crl_number": number }),
        &human,
    );
    Ok(())
}

fn dev_list(global: &GlobalArgs, out: Output) -> Result<()> {
    let store = super::open_store(global, out)?;
    broker::load_hub(&store)?;
    let members = broker::load_members(&store)?;
    #[derive(Serialize)]
    struct Row<'a> {
        name: &'a str,
        email: Option<&'a str>,
        account: &'a str,
        cert_serial: &'a str,
        password_set_at: String,
    }
    let rows: Vec<Row<'_>> = members
        .devs
        .values()
        .map(|d| Row {
            name: &d.name,
            email: d.email.as_deref(),
            account: &d.account,
            cert_serial: &d.cert_serial,
            password_set_at: inspect::rfc3339_unix(d.password_set_at),
        })
        .collect();
    let mut human = format!(
        "{:<20}  {:<12}  {:<32}  {}\n",
        "NAME", "ACCOUNT", "CERT SERIAL", "PASSWORD SET"
    );
    for r in &rows {
        human.push_str(&format!(
            "{:<20}  {:<12}  {:<32}  {}\n",
            r.name, r.account, r.cert_serial, r.password_set_at
        ));
    }
    human.push_str(&format!("{} developers\n", rows.len()));
    out.report(&rows, &human);
    Ok(())
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
    if host.is_empty() || host.contains(['@', '/']) || port.parse::<u16>().is_err() {
        return Err(Error::InvalidInput(format!(
            "--hub-url {url:?} is not tls://HOST:PORT"
        )));
    }
    Ok(format!("tls://{user}:{password}@{host}:{port}"))
}

fn edge_add(global: &GlobalArgs, args: &EdgeAddArgs, out: Output) -> Result<()> {
    issue::check_name(&args.name)?;
    broker::check_account(&args.account)?;
    // Validate the URL shape before anything else.
    leaf_url_with_credentials(&args.hub_url, &args.name, "x")?;
    let mut store = super::open_store(global, out)?;
    let hub = broker::load_hub(&store)?;
    let mut members = broker::load_members(&store)?;
    if members.edges.contains_key(&args.name) {
        return Err(Error::Conflict(format!("{} is already an edge", args.name)));
    }
    let profiles = Profiles::load(store.root())?;
    let mut reg = RegistryUpdate::new(&store)?;
    ensure_cert_name_free(&mut reg, &args.name)?;
    let request = Request {
        name: args.name.clone(),
        dns: args.dns.iter().map(|d| d.to_ascii_lowercase()).collect(),
        ips: Vec::new(),
        emails: Vec::new(),
        validity: None,
        bind_mac: None,
    };
    request.validate(profiles.get("edge")?, store.issuing_validity()?)?;
    for ext in ["crt", "key", "conf"] {
        fsio::ensure_absent(&args.out.join(format!("{}.{ext}", args.name)))?;
    }

    let (_, signer) = unlock_signer(global, &store)?;
    let (mut signed, key) = issue_member(&signer, &profiles, "edge", &request, &store)?;
    reg.issue(&mut signed.issued, &signed.pem)?;
    let password = broker::generate_password();
    let hash = broker::hash_password(&password)?;
    members.edges.insert(
        args.name.clone(),
        Edge {
            name: args.name.clone(),
            account: args.account.clone(),
            password_hash: hash,
            password_set_at: unix_now(),
            cert_serial: signed.issued.serial.clone(),
            spki_sha256: signed.issued.spki_sha256.clone(),
            hub_url: args.hub_url.clone(),
        },
    );
    let remote = Zeroizing::new(leaf_url_with_credentials(
        &args.hub_url,
        &args.name,
        &password,
    )?);
    let base = match &args.deploy_dir {
        Some(d) => d.clone(),
        None => std::path::absolute(&args.out)
            .map_err(|e| Error::io(&args.out, e))?
            .display()
            .to_string(),
    };
    let conf = Zeroizing::new(render::render_edge(
        &templates(&store, None)?,
        &args.name,
        &args.listen,
        &remote,
        &base,
    )?);
    let mut batch = fsio::OutputBatch::new(&args.out);
    batch.add_new(
        &format!("{}.crt", args.name),
        signed.pem.clone().into_bytes(),
        fsio::PUBLIC_FILE,
    )?;
    batch.add_new(
        &format!("{}.key", args.name),
        crate::x509::keys::private_key_pem(&key).as_bytes().to_vec(),
        fsio::PRIVATE_FILE,
    )?;
    batch.add_new(
        &format!("{}.conf", args.name),
        conf.as_bytes().to_vec(),
        fsio::PRIVATE_FILE,
    )?;
    batch.add_replace("ca.crt", store.chain_pem()?.into_bytes(), fsio::PUBLIC_FILE);
    let mut render = rerender_batch(&store, &hub, &members, None)?;

    let mut change = Change::default();
    reg.finish(&mut change);
    broker::save(&mut change, &hub, &members);
    change.record(
        Event::new("edge.add", &signed.issued.subject)
            .serial(&signed.issued.serial)
            .fingerprint(&signed.issued.fingerprint)
            .detail(format!("account {}, hub {}", args.account, args.hub_url)),
    );
    batch.stage()?;
    if let Some(r) = &mut render {
        r.stage()?;
    }
    store.commit(change)?;
    batch.publish()?;
    let rendered = render.map(|r| r.publish()).transpose()?.is_some();
    let conf_path = args.out.join(format!("{}.conf", args.name));
    let mut human = format!(
        "added edge {} (account {}), serial {}\n  {} (0600: holds the leafnode password) - run: nats-server -c {}",
        args.name,
        args.account,
        signed.issued.serial,
        conf_path.display(),
        conf_path.display()
    );
    if rendered {
        human.push_str(
            "\nhub config re-rendered: restart the hub (leafnode authorization does not reload)",
        );
    }
    out.report(
        &serde_json::json!({
            "edge": args.name,
            "serial": signed.issued.serial,
            "config": args.out.join(format!("{}.conf", args.name)),
        }),
        &human,
    );
    Ok(())
}

fn account_limits(
    global: &GlobalArgs,
    args: &super::args::AccountLimitsArgs,
    out: Output,
) -> Result<()> {
    broker::check_account(&args.account)?;
    let mut store = super::open_store(global, out)?;
    let mut hub = broker::load_hub(&store)?;
    let members = broker::load_members(&store)?;
    let limits = broker::AccountLimits {
        max_connections: args.max_connections,
        max_subscriptions: args.max_subscriptions,
        max_payload: args.max_payload,
        max_leafnodes: args.max_leafnodes,
    };
    if limits.is_empty() {
        hub.account_limits.remove(&args.account);
    } else {
        hub.account_limits
            .insert(args.account.clone(), limits.clone());
    }
    let mut render = rerender_batch(&store, &hub, &members, None)?;
    let mut change = Change::default();
    broker::save(&mut change, &hub, &members);
    change.record(Event::new("hub.account-limits", &args.account).detail(format!("{limits:?}")));
    if let Some(r) = &mut render {
        r.stage()?;
    }
    store.commit(change)?;
    let rendered = render.map(|r| r.publish()).transpose()?.is_some();
    let mut human = format!("account {} limits set", args.account);
    if rendered {
        human.push_str("\nhub config re-rendered: reload the hub (nats-server --signal reload)");
    }
    out.report(
        &serde_json::json!({ "account": args.account, "limits": limits }),
        &human,
    );
    Ok(())
}
