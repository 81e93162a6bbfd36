//! `credctl hub ...`, `credctl dev ...`, `credctl edge ...`: requests from flags, reports to text.

use super::args::{
    AccountLimitsArgs, DevAddArgs, DevCommand, EdgeAddArgs, EdgeCommand, GlobalArgs, HubCommand,
    HubInitArgs, Reason,
};
use super::output::Output;
use crate::error::{Error, Refusal, Result};
use crate::hub::AccountLimits;
use crate::ops::hub::{self as ops, MemberKind, RemoveReport};

/// What to do after a hub config changes: a reload applies users, accounts and edge users;
/// `restart` names what nats-server would not reload.
pub fn rerendered(dirs: &[std::path::PathBuf], restart: Option<&str>) -> String {
    let (one, many, why) = match restart {
        None => ("reload the hub", "reload the hubs", "`credctl hub reload`"),
        Some(why) => ("restart the hub", "restart the hubs", why),
    };
    match dirs {
        [] => String::new(),
        [_] => format!("\nhub config re-rendered: {one} ({why})"),
        _ => {
            let list: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
            format!(
                "\nhub configs re-rendered: {many} ({why}): {}",
                list.join(", ")
            )
        }
    }
}

pub fn run_hub(global: &GlobalArgs, cmd: &HubCommand, out: Output) -> Result<()> {
    match cmd {
        HubCommand::Init(args) => hub_init(global, args, out),
        HubCommand::JetstreamKey { hub, out: file } => {
            let report =
                ops::jetstream_key(&mut super::session(global, out)?, hub.as_deref(), file)?;
            let human = format!(
                "hub {}'s JetStream key written to {} (0600): keep it with the backup of the hub's store_dir; a server started with any other key cannot read those streams",
                report.hub,
                report.out.display()
            );
            out.report(&report, &human);
            Ok(())
        }
        HubCommand::Render {
            out: dir,
            hub,
            templates,
            record,
        } => {
            let req = ops::RenderRequest {
                out: dir.clone(),
                hub: hub.clone(),
                templates: templates.clone(),
                record: *record,
            };
            let report = ops::hub_render(&mut super::session(global, out)?, &req)?;
            if let Some(key) = &report.missing_key {
                out.notice(&format!(
                    "{} is not in {}: copy the hub's key there (it was written once by `hub init`)",
                    key.file_name().unwrap_or_default().to_string_lossy(),
                    report.out.display()
                ));
            }
            let mut human = format!(
                "rendered hub {} to {} ({} devs, {} edges)",
                report.hub,
                report.config.display(),
                report.devs,
                report.edges
            );
            if report.recorded {
                human.push_str(&format!(
                    "\n{} is now hub {}'s directory that dev and edge changes re-render",
                    report.out.display(),
                    report.hub
                ));
            }
            out.report(&report, &human);
            Ok(())
        }
        HubCommand::AccountLimits(args) => account_limits(global, args, out),
        HubCommand::Import {
            from,
            account,
            dry_run,
        } => {
            let req = crate::ops::hub_import::HubImportRequest {
                from: from.clone(),
                account: account.clone(),
                dry_run: *dry_run,
            };
            let report =
                crate::ops::hub_import::hub_import(&mut super::session(global, out)?, &req)?;
            let verb = if report.dry_run {
                "would import"
            } else {
                "imported"
            };
            let mut lines: Vec<String> = report
                .imported
                .iter()
                .map(|u| {
                    format!(
                        "{verb}: {} as {} (account {}, certificate {})",
                        u.user, u.name, u.account, u.serial
                    )
                })
                .collect();
            for left in &report.left_out {
                let who = if left.user.is_empty() {
                    "(file)"
                } else {
                    &left.user
                };
                lines.push(format!("left out: {who}: {}", left.why));
            }
            if !report.dry_run && !report.imported.is_empty() {
                lines.push(format!(
                    "their passwords are kept as bcrypt hashes credctl cannot read: `credctl rotate passwords --kind dev --out DIR` replaces them{}",
                    match report.rendered.is_empty() {
                        true => String::new(),
                        false => "; hub re-rendered: reload it".into(),
                    }
                ));
            }
            out.report(&report, &lines.join("\n"));
            Ok(())
        }
        HubCommand::Reload { hub } => {
            let report = crate::ops::reload::reload(&super::reader(global, out)?, hub.as_deref())?;
            let human = if report.verified {
                format!(
                    "hub {} (pid {}) reloaded its configuration",
                    report.hub, report.pid
                )
            } else {
                format!(
                    "sent hub {} (pid {}) the reload signal; not verified: with `hub init --monitor-port` credctl checks that it applied",
                    report.hub, report.pid
                )
            };
            out.report(&report, &human);
            Ok(())
        }
    }
}

pub fn run_dev(global: &GlobalArgs, cmd: &DevCommand, out: Output) -> Result<()> {
    match cmd {
        DevCommand::Add(args) => dev_add(global, args, out),
        DevCommand::Remove { name, reason } => remove(global, MemberKind::Dev, name, *reason, out),
        DevCommand::List => dev_list(global, out),
    }
}

pub fn run_edge(global: &GlobalArgs, cmd: &EdgeCommand, out: Output) -> Result<()> {
    match cmd {
        EdgeCommand::Add(args) => edge_add(global, args, out),
        EdgeCommand::Remove { name, reason } => {
            remove(global, MemberKind::Edge, name, *reason, out)
        }
    }
}

/// A store moved or copied since its hub directory was recorded.
const RECORD_HINT: &str = "the hub directory belongs to the store where it was recorded: render this store's hub with `credctl hub render --out DIR --record` (DIR becomes the directory dev and edge changes re-render), then run the command again";
const INIT_HINT: &str = "run `credctl hub init --name NAME --dns HOST` first";
const NAME_TAKEN_HINT: &str = "another certificate has this name: choose another name, or revoke that certificate first with `credctl cert revoke NAME`";

/// Advice for a refused `hub` command.
pub fn hub_hint(cmd: &HubCommand, err: &Error) -> Option<String> {
    if let Some(hint) = unconfirmed_hint(err) {
        return Some(hint);
    }
    let text = match (cmd, refusal(err)?) {
        (HubCommand::Init(_), Refusal::HubExists) => {
            "add a hub to the store's cluster with `credctl hub init --name NAME --cluster-of HUB --cluster-port PORT --dns HOST --out DIR`; change the hubs with `credctl hub render` / `credctl hub account-limits`"
        }
        (HubCommand::Init(_), Refusal::NoSuchHub { .. }) => {
            "--cluster-of names a hub of this store: one of those listed (`credctl cert list --profile hub` shows them)"
        }
        (HubCommand::Init(_), Refusal::NotClustered(_)) => {
            "a hub made without --cluster-port cannot be given peers: --cluster-of must name a hub made with --cluster-port"
        }
        (
            HubCommand::Render { .. } | HubCommand::JetstreamKey { .. },
            Refusal::NoSuchHub { .. },
        ) => "--hub names one of the hubs listed",
        (HubCommand::Init(_), Refusal::NameTaken(_)) => {
            "another certificate has this name: choose another --name, or revoke that certificate first with `credctl cert revoke NAME`"
        }
        (
            HubCommand::Render { .. }
            | HubCommand::AccountLimits(_)
            | HubCommand::JetstreamKey { .. },
            Refusal::NoHub,
        ) => INIT_HINT,
        (HubCommand::AccountLimits(_), Refusal::StoreMoved { .. }) => RECORD_HINT,
        (HubCommand::Reload { .. }, Refusal::RestartNeeded(_)) => {
            "restart the hub's nats-server (e.g. systemctl restart nats-server); after that, reloads apply again"
        }
        _ => return None,
    };
    Some(text.into())
}

fn refusal(err: &Error) -> Option<&Refusal> {
    match err {
        Error::Refused(Refusal::HubDirUnconfirmed { .. }) => None,
        Error::Refused(r) => Some(r),
        _ => None,
    }
}

/// Any command that re-renders the hub directory may meet one an older credctl recorded.
fn unconfirmed_hint(err: &Error) -> Option<String> {
    match err {
        Error::Refused(Refusal::HubDirUnconfirmed { dir }) => Some(format!(
            "if {0} is this store's hub directory, confirm it with `credctl hub render --out {0} --record`; otherwise render elsewhere with --record",
            dir.display()
        )),
        _ => None,
    }
}

/// Advice for a refused `dev` command.
pub fn dev_hint(cmd: &DevCommand, err: &Error) -> Option<String> {
    if let (DevCommand::Add(_), Error::OutputExists(_)) = (cmd, err) {
        return Some(
            "a bundle of that name is already there (a developer removed earlier?): pass --replace-bundle to overwrite it, or choose another --out"
                .into(),
        );
    }
    if let Some(hint) = unconfirmed_hint(err) {
        return Some(hint);
    }
    let text = match (cmd, refusal(err)?) {
        (_, Refusal::NoHub) => INIT_HINT,
        (DevCommand::Add(_), Refusal::AlreadyMember { .. }) => {
            "remove the developer first with `credctl dev remove NAME`, or renew the certificate with `credctl cert renew NAME --reuse-key --out DIR` (same key: the hub's pin stays valid)"
        }
        (DevCommand::Add(_), Refusal::NameTaken(_)) => NAME_TAKEN_HINT,
        (DevCommand::Remove { .. }, Refusal::NoSuchMember { .. }) => {
            "`credctl dev list` shows the developers"
        }
        (DevCommand::Add(_) | DevCommand::Remove { .. }, Refusal::StoreMoved { .. }) => RECORD_HINT,
        _ => return None,
    };
    Some(text.into())
}

/// Advice for a refused `edge` command.
pub fn edge_hint(cmd: &EdgeCommand, err: &Error) -> Option<String> {
    if let Some(hint) = unconfirmed_hint(err) {
        return Some(hint);
    }
    let text = match (cmd, refusal(err)?) {
        (_, Refusal::NoHub) => INIT_HINT,
        (EdgeCommand::Add(_), Refusal::AlreadyMember { .. }) => {
            "remove the edge first with `credctl edge remove NAME`, then add it again"
        }
        (EdgeCommand::Add(_), Refusal::NameTaken(_)) => NAME_TAKEN_HINT,
        (EdgeCommand::Remove { .. }, Refusal::NoSuchMember { .. }) => {
            "no edge list command exists yet: `credctl cert list --profile edge` shows the edges' certificates"
        }
        (_, Refusal::StoreMoved { .. }) => RECORD_HINT,
        _ => return None,
    };
    Some(text.into())
}

fn hub_init(global: &GlobalArgs, args: &HubInitArgs, out: Output) -> Result<()> {
    let req = ops::HubInitRequest {
        key_type: args.key_type.map(Into::into),
        name: args.name.clone(),
        dns: args.dns.clone(),
        ips: args.ips.clone(),
        subject: args.subject.parse()?,
        tls_mode: args.tls_mode.into(),
        listen: args.listen.clone(),
        port: args.port,
        leaf_port: args.leaf_port,
        cluster_port: args.cluster_port,
        cluster_of: args.cluster_of.clone(),
        jetstream: args.jetstream,
        deploy_dir: args.deploy_dir.clone(),
        monitor: args
            .monitor_port
            .map(|port| (args.monitor_host.clone(), port)),
        out: args.out.clone(),
    };
    let report = ops::hub_init(&mut super::session(global, out)?, &req)?;
    let config = report.config.display();
    let mut human = format!(
        "hub {:?} ({} mode) rendered to {config}\n  run: nats-server -c {config}",
        report.hub,
        report.tls_mode.name(),
    );
    if let Some(of) = &report.cluster_of {
        human.push_str(&format!(
            "\n  joined the cluster of {of} (the system user and route password are the cluster's)"
        ));
    }
    let mut secrets: Vec<String> = report
        .system_password
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    if let Some(env) = &report.jetstream_env {
        secrets.push(format!(
            "{} (NATS_JETSTREAM_KEY for the hub's environment)",
            env.display()
        ));
    }
    if !secrets.is_empty() {
        human.push_str(&format!(
            "\n  one-time secrets (move them off the hub, they are not kept): {}",
            secrets.join(", ")
        ));
    }
    if let (Some(cert), Some(key)) = (&report.system_cert, &report.system_key) {
        human.push_str(&format!(
            "\n  system user: {} + {} with the system password (the certificate selects the user)",
            cert.display(),
            key.display()
        ));
    }
    human.push_str(&rerendered(&report.rendered, None));
    out.report(&report, &human);
    Ok(())
}

fn account_limits(global: &GlobalArgs, args: &AccountLimitsArgs, out: Output) -> Result<()> {
    let req = ops::AccountLimitsRequest {
        account: args.account.clone(),
        limits: AccountLimits {
            max_connections: args.max_connections,
            max_subscriptions: args.max_subscriptions,
            max_payload: args.max_payload,
            max_leafnodes: args.max_leafnodes,
        },
    };
    let report = ops::account_limits(&mut super::session(global, out)?, &req)?;
    let mut human = format!(
        "account {} limits {}",
        report.account,
        if report.limits.is_empty() {
            "removed"
        } else {
            "set"
        }
    );
    human.push_str(&rerendered(&report.rendered, None));
    out.report(&report, &human);
    Ok(())
}

fn dev_add(global: &GlobalArgs, args: &DevAddArgs, out: Output) -> Result<()> {
    let devs = match (&args.from, &args.name) {
        (Some(file), _) => ops::read_roster(file)?,
        (None, Some(name)) => vec![ops::DevEntry {
            name: name.clone(),
            email: args.email.clone(),
            account: None,
            recipient: args.recipient.clone(),
        }],
        (None, None) => unreachable!("clap requires NAME or --from"),
    };
    let req = ops::DevAddRequest {
        key_type: args.key_type.map(Into::into),
        devs,
        account: args.permissions.account.clone(),
        access: args.permissions.access.to_access(),
        validity: crate::ops::cert::validity(args.validity.days, args.validity.hours)?,
        subject: args.subject.parse()?,
        existing: match args.replace_bundle {
            true => crate::ops::Existing::Replace,
            false => crate::ops::Existing::Refuse,
        },
        service: args.service,
        out: args.out.clone(),
    };
    let p12 = super::unlock::p12_passphrase(&args.p12)?;
    let report = ops::dev_add(&mut super::session(global, out)?.with_p12(p12), &req)?;
    let added = &report.added;
    let mut human = if added.len() > 20 {
        format!(
            "added {} developers; bundles in {}",
            added.len(),
            args.out.display()
        )
    } else {
        added
            .iter()
            .map(|r| {
                let mut text = format!(
                    "added {} (account {}), serial {}\n  {}\n  {}",
                    r.name,
                    r.account,
                    r.serial,
                    r.cert.display(),
                    r.key.display(),
                );
                if let Some(file) = &r.password_file {
                    text.push_str(&format!(
                        "\n  {} (the only copy: hand it over, then delete it)",
                        file.display()
                    ));
                }
                text
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    human.push_str(&format!(
        "\n  {} (the CA chain: trust it to reach the hub)",
        report.ca.display()
    ));
    human.push_str(&rerendered(&report.rendered, None));
    // The JSON document stays the list of developers added.
    out.report(added, &human);
    Ok(())
}

fn remove(
    global: &GlobalArgs,
    kind: MemberKind,
    name: &str,
    reason: Reason,
    out: Output,
) -> Result<()> {
    let req = ops::RemoveRequest {
        name: name.to_owned(),
        reason: reason.into(),
    };
    let mut session = super::session(global, out)?;
    let report = match kind {
        MemberKind::Dev => ops::dev_remove(&mut session, &req)?,
        MemberKind::Edge => ops::edge_remove(&mut session, &req)?,
    };
    out.report(&report, &human_removed(&report));
    Ok(())
}

fn human_removed(r: &RemoveReport) -> String {
    let kind = r.kind.name();
    let advice = r.restart.as_deref();
    match (r.already_removed, r.rendered.is_empty()) {
        (true, false) => format!(
            "{kind} {} was already removed{}",
            r.removed,
            rerendered(&r.rendered, advice).replacen('\n', "; ", 1)
        ),
        (true, true) => format!(
            "{kind} {} was already removed (certificate {} revoked); nothing to do",
            r.removed, r.serial
        ),
        (false, _) => {
            let mut human = format!(
                "removed {kind} {}: certificate {} revoked, CRL {} issued",
                r.removed,
                r.serial,
                r.crl_number.unwrap_or_default()
            );
            human.push_str(&rerendered(&r.rendered, advice));
            if r.kind == MemberKind::Dev {
                human.push_str(&format!(
                    "\n  {}'s bundle no longer gets in anywhere: delete it (`dev add {} --replace-bundle` overwrites it)",
                    r.removed, r.removed
                ));
            }
            if r.kind == MemberKind::Edge && !r.rendered.is_empty() {
                // Authorization is checked when a leaf connects, not while it stays connected.
                human.push_str("\n  its open leaf connection lasts until it reconnects: restart the hub to cut it now");
            }
            human
        }
    }
}

fn dev_list(global: &GlobalArgs, out: Output) -> Result<()> {
    let rows = ops::dev_list(&super::reader(global, out)?)?;
    let mut human = String::with_capacity(rows.len() * 100);
    if !out.json {
        human.push_str(&format!(
            "{:<20}  {:<12}  {:<9}  {:<32}  {}\n",
            "NAME", "ACCOUNT", "STATUS", "CERT SERIAL", "PASSWORD SET"
        ));
        for r in &rows {
            let name = match r.service {
                true => format!("{} (service)", r.name),
                false => r.name.clone(),
            };
            human.push_str(&format!(
                "{:<20}  {:<12}  {:<9}  {:<32}  {}\n",
                name,
                r.account,
                r.status,
                r.cert_serial.as_deref().unwrap_or("-"),
                r.password_set_at
            ));
        }
        human.push_str(&format!(
            "{}\n",
            super::output::count(rows.len(), "developer", "developers")
        ));
    }
    out.report(&rows, &human);
    Ok(())
}

fn edge_add(global: &GlobalArgs, args: &EdgeAddArgs, out: Output) -> Result<()> {
    let req = ops::EdgeAddRequest {
        key_type: args.key_type.map(Into::into),
        name: args.name.clone(),
        hub_url: args.hub_url.clone(),
        account: args.account.clone(),
        dns: args.dns.clone(),
        subject: args.subject.parse()?,
        listen: args.listen.clone(),
        deploy_dir: args.deploy_dir.clone(),
        force: args.force,
        out: args.out.clone(),
    };
    let p12 = super::unlock::p12_passphrase(&args.p12)?;
    let report = ops::edge_add(&mut super::session(global, out)?.with_p12(p12), &req)?;
    let config = report.config.display();
    let mut human = format!(
        "added edge {} (account {}), serial {}\n  {config} (0600: holds the leafnode password) - run: nats-server -c {config}",
        report.edge, report.account, report.serial,
    );
    human.push_str(&rerendered(&report.rendered, report.restart.as_deref()));
    out.report(&report, &human);
    Ok(())
}
