//! `credctl nats account export|import|signing-key ...`: what accounts share and delegate.

use std::path::Path;

use super::args::{
    GlobalArgs, NatsAccountCommand, NatsExportCommand, NatsImportCommand, NatsResponseType,
    NatsSigningKeyCommand, NatsSubjectArgs,
};
use super::output::Output;
use crate::error::{Error, Refusal, Result};
use crate::ops::nats_accounts::{self as ops, Kind};

const PUBLISH: &str = "publish the account JWT: `credctl nats resolver --out FILE` and reload, or `credctl nats push`";

pub fn run(global: &GlobalArgs, cmd: &NatsAccountCommand, out: Output) -> Result<()> {
    match cmd {
        NatsAccountCommand::Export(cmd) => export(global, cmd, out),
        NatsAccountCommand::Import(cmd) => import(global, cmd, out),
        NatsAccountCommand::SigningKey(cmd) => signing_key(global, cmd, out),
        NatsAccountCommand::Add(_)
        | NatsAccountCommand::RotateSigningKey { .. }
        | NatsAccountCommand::Revoke { .. } => unreachable!("handled by cli::nats"),
    }
}

fn kind(target: &NatsSubjectArgs) -> Kind {
    if target.service {
        Kind::Service
    } else {
        Kind::Stream
    }
}

pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn export(global: &GlobalArgs, cmd: &NatsExportCommand, out: Output) -> Result<()> {
    match cmd {
        NatsExportCommand::Add(args) => {
            let req = ops::ExportAddRequest {
                account: args.target.account.clone(),
                subject: args.target.subject.clone(),
                kind: kind(&args.target),
                private: args.private,
                name: args.name.clone(),
                response_type: args.response_type.map(|t| {
                    match t {
                        NatsResponseType::Singleton => "Singleton",
                        NatsResponseType::Stream => "Stream",
                        NatsResponseType::Chunked => "Chunked",
                    }
                    .to_owned()
                }),
                response_threshold: args
                    .response_threshold
                    .as_deref()
                    .map(|d| crate::clock::parse_duration_flag("--response-threshold", d))
                    .transpose()?,
                advertise: args.advertise,
                description: args.description.clone(),
            };
            let report = ops::export_add(&mut super::session(global, out)?, &req)?;
            let e = &report.export;
            let private = if e.token_req {
                format!(
                    "\nimporters need an activation token: `credctl nats account export activate --account {} --subject {} --for ACCOUNT --out FILE`",
                    report.account, e.subject
                )
            } else {
                String::new()
            };
            let human = format!(
                "account {} exports {} {} ({}){private}\n{PUBLISH}",
                report.account,
                e.kind,
                e.subject,
                if e.token_req { "private" } else { "public" }
            );
            out.report(&report, &human);
        }
        NatsExportCommand::Rm { account, subject } => {
            let report = ops::export_rm(&mut super::session(global, out)?, account, subject)?;
            let importers = match report.importers.is_empty() {
                true => String::new(),
                false => format!(
                    "\nthese accounts still import it (drop with `nats account import rm`): {}",
                    report.importers.join(", ")
                ),
            };
            let human =
                format!("account {account} no longer exports {subject}{importers}\n{PUBLISH}");
            out.report(&report, &human);
        }
        NatsExportCommand::List { account } => {
            let exports = ops::exports(&super::reader(global, out)?, account)?;
            let human = exports
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {}{}{}",
                        e.kind,
                        e.subject,
                        if e.token_req { "private" } else { "public" },
                        e.response_type
                            .as_ref()
                            .map(|t| format!(" response {t}"))
                            .unwrap_or_default(),
                        match e.revocations.len() {
                            0 => String::new(),
                            n => format!(" ({n} activation revocations)"),
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.report(&exports, &human);
        }
        NatsExportCommand::RevokeActivation {
            account,
            subject,
            importer,
        } => {
            let report = ops::revoke_activation(
                &mut super::session(global, out)?,
                account,
                subject,
                importer,
            )?;
            let human = format!(
                "account {}: activation tokens for {} to import {} issued until {} are revoked\n{PUBLISH}",
                report.account, report.importer, report.export, report.revoked_at
            );
            out.report(&report, &human);
        }
        NatsExportCommand::Activate(args) => {
            let req = ops::ActivateRequest {
                account: args.account.clone(),
                subject: args.subject.clone(),
                importer: args.importer.clone(),
                expires: args
                    .expires
                    .as_deref()
                    .map(|d| crate::clock::parse_duration_flag("--expires", d))
                    .transpose()?,
                out: args.out.clone(),
            };
            let report = ops::activate(&mut super::session(global, out)?, &req)?;
            let human = format!(
                "activation token for {} to import {}/{}: {}{}\nthe importing account adds it with `credctl nats account import add ... --token {}`",
                args.importer,
                report.account,
                report.subject,
                report.out.display(),
                report
                    .expires
                    .as_ref()
                    .map(|e| format!(" (expires {e})"))
                    .unwrap_or_default(),
                report.out.display()
            );
            out.report(&report, &human);
        }
    }
    Ok(())
}

fn import(global: &GlobalArgs, cmd: &NatsImportCommand, out: Output) -> Result<()> {
    match cmd {
        NatsImportCommand::Add(args) => {
            let req = ops::ImportAddRequest {
                account: args.target.account.clone(),
                from: args.from_account.clone(),
                subject: args.target.subject.clone(),
                kind: kind(&args.target),
                token: args.token.clone(),
                local_subject: args.local_subject.clone(),
                name: args.name.clone(),
            };
            let report = ops::import_add(&mut super::session(global, out)?, &req)?;
            let unchecked = match report.checked {
                true => "",
                false => {
                    "\nthe exporting account is not in this store: its export was not checked (the server decides)"
                }
            };
            let human = format!(
                "account {} imports {} {} from {}{unchecked}\n{PUBLISH}",
                report.account, report.import.kind, report.import.subject, args.from_account
            );
            out.report(&report, &human);
        }
        NatsImportCommand::Rm { account, subject } => {
            let removed = ops::import_rm(&mut super::session(global, out)?, account, subject)?;
            let human = format!("account {account} no longer imports {subject}\n{PUBLISH}");
            out.report(&removed, &human);
        }
        NatsImportCommand::List { account } => {
            let imports = ops::imports(&super::reader(global, out)?, account)?;
            let human = imports
                .iter()
                .map(|i| {
                    format!(
                        "{} {} from {}{}",
                        i.kind,
                        i.subject,
                        i.account,
                        if i.token.is_empty() { "" } else { " (token)" }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.report(&imports, &human);
        }
    }
    Ok(())
}

fn signing_key(global: &GlobalArgs, cmd: &NatsSigningKeyCommand, out: Output) -> Result<()> {
    match cmd {
        NatsSigningKeyCommand::Add(args) => {
            let req = ops::RoleAddRequest {
                account: args.account.clone(),
                role: args.role.clone(),
                description: args.description.clone(),
                limits: super::nats::user_limits(&args.limits)?,
            };
            let report = ops::role_add(&mut super::session(global, out)?, &req)?;
            let what = match &report.role {
                Some(role) => format!(
                    "role {role}: `credctl nats user add NAME --account {} --role {role}` signs users with it",
                    report.account
                ),
                None => "users are signed with it from now on".into(),
            };
            let human = format!(
                "account {}: signing key {}; {what}\n{PUBLISH}",
                report.account, report.key
            );
            out.report(&report, &human);
        }
        NatsSigningKeyCommand::Edit(args) => {
            let req = ops::RoleAddRequest {
                account: args.account.clone(),
                role: args.role.clone(),
                description: args.description.clone(),
                limits: super::nats::user_limits(&args.limits)?,
            };
            let report = ops::role_edit(&mut super::session(global, out)?, &req)?;
            let human = format!(
                "account {}: role {} has its new template; its users keep their .creds\n{PUBLISH}",
                report.account,
                req.role.as_deref().unwrap_or_default()
            );
            out.report(&report, &human);
        }
        NatsSigningKeyCommand::Rm { account, role } => {
            let report = ops::role_rm(&mut super::session(global, out)?, account, role)?;
            let human = format!(
                "account {account}: role {role} ({}) removed; {} users revoked\n{PUBLISH}",
                report.key,
                report.revoked.len()
            );
            out.report(&report, &human);
        }
        NatsSigningKeyCommand::Rotate {
            account,
            role,
            out: dir,
        } => {
            let report = ops::role_rotate(&mut super::session(global, out)?, account, role, dir)?;
            let human = format!(
                "account {account}: role {role} has key {} (replaces {}); {} users re-signed, new credentials in {}\n{PUBLISH}; the old .creds stop working",
                report.key,
                report.replaced,
                report.users.len(),
                dir.display()
            );
            out.report(&report, &human);
        }
        NatsSigningKeyCommand::List { account } => {
            let keys = ops::signing_keys(&super::reader(global, out)?, account)?;
            let mut lines = vec![format!(
                "users: {}",
                keys.signing_key.as_deref().unwrap_or("the account key")
            )];
            for role in &keys.roles {
                let template = serde_json::to_string(&role.template).expect("template serializes");
                lines.push(format!("role {}: {} {template}", role.role, role.key));
            }
            out.report(&keys, &lines.join("\n"));
        }
    }
    Ok(())
}

/// Advice for a refused `nats account export|import|signing-key` command.
pub fn hint(cmd: &NatsAccountCommand, err: &Error) -> Option<String> {
    let account = match cmd {
        NatsAccountCommand::Export(NatsExportCommand::Add(a)) => &a.target.account,
        NatsAccountCommand::Export(
            NatsExportCommand::Rm { account, .. } | NatsExportCommand::List { account },
        ) => account,
        NatsAccountCommand::Export(NatsExportCommand::Activate(a)) => &a.account,
        NatsAccountCommand::Export(NatsExportCommand::RevokeActivation { account, .. }) => account,
        NatsAccountCommand::Import(NatsImportCommand::Add(a)) => &a.target.account,
        NatsAccountCommand::Import(
            NatsImportCommand::Rm { account, .. } | NatsImportCommand::List { account },
        ) => account,
        NatsAccountCommand::SigningKey(
            NatsSigningKeyCommand::Add(a) | NatsSigningKeyCommand::Edit(a),
        ) => &a.account,
        NatsAccountCommand::SigningKey(
            NatsSigningKeyCommand::Rm { account, .. }
            | NatsSigningKeyCommand::Rotate { account, .. }
            | NatsSigningKeyCommand::List { account },
        ) => account,
        NatsAccountCommand::Add(_)
        | NatsAccountCommand::RotateSigningKey { .. }
        | NatsAccountCommand::Revoke { .. } => return None,
    };
    Some(match err {
        Error::Refused(Refusal::NoExport { account, .. }) => {
            format!("`credctl nats account export list --account {account}` shows what it exports")
        }
        Error::Refused(Refusal::NoImport { .. }) => {
            format!("`credctl nats account import list --account {account}` shows what it imports")
        }
        Error::Refused(Refusal::NoRole { .. }) => {
            format!("`credctl nats account signing-key list --account {account}` shows its roles")
        }
        Error::Refused(Refusal::NoAccount(name)) => format!(
            "no account {name} in this store: name one (`credctl audit log` shows every account created) or give its public key (A...)"
        ),
        Error::Conflict(_) => match cmd {
            NatsAccountCommand::SigningKey(NatsSigningKeyCommand::Add(a)) if a.role.is_none() => {
                format!(
                    "replace it with `credctl nats account rotate-signing-key {account} --out DIR`"
                )
            }
            NatsAccountCommand::SigningKey(_) => format!(
                "roles are unique: `credctl nats account signing-key rotate --account {account} --role NAME --out DIR` replaces a role's key"
            ),
            _ => format!(
                "remove the existing one first (`rm`), or choose another subject; `list --account {account}` shows them"
            ),
        },
        Error::OutputExists(_) => {
            "credctl never overwrites a file it hands out: move it away or choose another --out"
                .into()
        }
        _ => return None,
    })
}
