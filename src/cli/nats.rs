//! `credctl nats ...`: requests from flags, reports to text, and what to do when refused.

use super::args::{
    GlobalArgs, NatsAccountAddArgs, NatsAccountCommand, NatsCommand, NatsOperatorCommand,
    NatsPushArgs, NatsUserAddArgs, NatsUserCommand, NatsUserLimitArgs,
};
use super::output::Output;
use crate::error::{Error, Refusal, Result};
use crate::ops::nats::{self as ops, CredsOut};

pub fn run(global: &GlobalArgs, cmd: &NatsCommand, out: Output) -> Result<()> {
    match cmd {
        NatsCommand::Init {
            operator,
            sys_creds,
            account_server_url,
            service_urls,
        } => {
            let req = ops::InitRequest {
                operator: operator.clone(),
                sys_creds: sys_creds.clone(),
                account_server_url: account_server_url.clone(),
                service_urls: service_urls.clone(),
            };
            let report = ops::init(&mut super::session(global, out)?, &req)?;
            let human = format!(
                "operator {operator} ({})\nsystem account SYS ({})\nsystem user credentials: {} (0600)",
                report.operator,
                report.system_account,
                report.sys_creds.display()
            );
            out.report(&report, &human);
        }
        NatsCommand::Operator(NatsOperatorCommand::SigningKey { jwt_out }) => {
            let report = crate::ops::nats_accounts::operator_rotate_key(
                &mut super::session(global, out)?,
                jwt_out.as_deref(),
            )?;
            let human = format!(
                "operator signing key {}{}; {} accounts re-signed with it\npublish the operator JWT (the servers' `operator:`) and the account JWTs together: `credctl nats resolver --out FILE` and reload",
                report.key,
                report
                    .replaced
                    .as_ref()
                    .map(|k| format!(" (replaces {k})"))
                    .unwrap_or_default(),
                report.accounts.len()
            );
            out.report(&report, &human);
        }
        NatsCommand::Account(NatsAccountCommand::Add(args)) => account_add(global, args, out)?,
        NatsCommand::Account(NatsAccountCommand::Revoke { name }) => {
            let report =
                crate::ops::nats_accounts::account_revoke(&mut super::session(global, out)?, name)?;
            let human = format!(
                "account {name} ({}) revoked at {}, with its {} active users; nothing more is issued in it\npublish its JWT: `credctl nats resolver --out FILE` and reload, or `credctl nats push` (a server then closes its connections)",
                report.public, report.revoked_at, report.users
            );
            out.report(&report, &human);
        }
        NatsCommand::Account(
            cmd @ (NatsAccountCommand::Export(_)
            | NatsAccountCommand::Import(_)
            | NatsAccountCommand::SigningKey(_)),
        ) => super::nats_accounts::run(global, cmd, out)?,
        NatsCommand::Account(NatsAccountCommand::RotateSigningKey { name, out: dir }) => {
            let report = ops::rotate_signing_key(&mut super::session(global, out)?, name, dir)?;
            let human = format!(
                "account {}: new signing key {}; {} users re-signed, new credentials in {}\npublish the account JWT (resolver or push) and hand out the new .creds: the old ones stop working",
                report.account,
                report.signing_key,
                report.users.len(),
                dir.display()
            );
            out.report(&report, &human);
        }
        NatsCommand::User(NatsUserCommand::Add(args)) => user_add(global, args, out)?,
        NatsCommand::User(NatsUserCommand::Revoke { name, account }) => {
            let report = ops::user_revoke(&mut super::session(global, out)?, account, name)?;
            let human = format!(
                "revoked {account}/{name} ({}); account JWT re-signed\npublish it: `credctl nats resolver --out FILE` and reload, or `nats push`",
                report.revoked
            );
            out.report(&report, &human);
        }
        NatsCommand::Resolver { out: file, full } => {
            let report = ops::resolver(&mut super::session(global, out)?, file, full.as_deref())?;
            let human = format!(
                "wrote {} (operator {}, {} accounts): include it in the server config",
                file.display(),
                report.operator,
                report.accounts
            );
            out.report(&report, &human);
        }
        NatsCommand::Export { out: dir } => {
            let report = ops::export(&mut super::session(global, out)?, dir)?;
            let human = format!(
                "exported the operator JWT ({}) and {} account JWTs to {}",
                super::nats_accounts::file_name(&report.operator),
                report.accounts.len(),
                dir.display()
            );
            out.report(&report, &human);
        }
        NatsCommand::Push(args) => push(global, args, out)?,
        NatsCommand::Describe { name } => {
            let claims = ops::describe(&super::reader(global, out)?, name)?;
            let pretty = serde_json::to_string_pretty(&claims).expect("claims serialize");
            out.report(&claims, &pretty);
        }
    }
    Ok(())
}

fn account_add(global: &GlobalArgs, args: &NatsAccountAddArgs, out: Output) -> Result<()> {
    let req = ops::AccountAddRequest {
        name: args.name.clone(),
        max_conn: args.max_conn,
        max_leaf: args.max_leaf,
        max_subs: args.max_subs,
        max_payload: args.max_payload,
        max_data: args.max_data,
        jetstream: args.jetstream,
        js: ops::JetStreamLimits {
            mem_storage: args.js_mem_storage,
            disk_storage: args.js_disk_storage,
            streams: args.js_streams,
            consumers: args.js_consumers,
        },
        signing_key: args.signing_key,
    };
    let report = ops::account_add(&mut super::session(global, out)?, &req)?;
    let human = format!(
        "account {} ({}){}\nrun `credctl nats resolver --out FILE` and reload the servers to publish it",
        report.account,
        report.public,
        report
            .signing_key
            .as_ref()
            .map(|k| format!(", signing key {k}"))
            .unwrap_or_default()
    );
    out.report(&report, &human);
    Ok(())
}

fn user_add(global: &GlobalArgs, args: &NatsUserAddArgs, out: Output) -> Result<()> {
    // One user: --out is the .creds file. A batch: --out is a directory of NAME.creds.
    let (names, creds_out) = match (&args.from, &args.name) {
        (Some(file), _) => (
            crate::ops::read_name_list(file, "users")?,
            CredsOut::Dir(args.out.clone()),
        ),
        (None, Some(name)) => (vec![name.clone()], CredsOut::File(args.out.clone())),
        (None, None) => unreachable!("clap requires NAME or --from"),
    };
    let req = ops::UserAddRequest {
        names,
        account: args.account.clone(),
        limits: user_limits(&args.limits)?,
        role: args.role.clone(),
        tags: args.tags.clone(),
        expires: args
            .expires
            .as_deref()
            .map(|d| crate::clock::parse_duration_flag("--expires", d))
            .transpose()?,
        out: creds_out,
    };
    let reports = ops::user_add(&mut super::session(global, out)?, &req)?;
    match &req.out {
        CredsOut::File(_) => {
            let r = &reports[0];
            let human = format!(
                "user {}/{} ({})\ncredentials: {} (0600)",
                r.account,
                r.user,
                r.public,
                r.creds.display()
            );
            out.report(r, &human);
        }
        CredsOut::Dir(dir) => {
            let human = format!(
                "{} users in account {}; credentials in {}",
                reports.len(),
                args.account,
                dir.display()
            );
            out.report(&reports, &human);
        }
    }
    Ok(())
}

/// A user's (or a role's) permissions and limits from their flags.
pub fn user_limits(args: &NatsUserLimitArgs) -> Result<ops::UserLimitsRequest> {
    Ok(ops::UserLimitsRequest {
        access: args.access.to_access(),
        max_subs: args.max_subs,
        max_data: args.max_data,
        max_payload: args.max_payload,
        src: args.src.clone(),
        times: args.times.clone(),
        locale: args.locale.clone(),
        allow_pub_response: args.allow_pub_response,
        response_ttl: args
            .response_ttl
            .as_deref()
            .map(|d| crate::clock::parse_duration_flag("--response-ttl", d))
            .transpose()?,
        bearer: args.bearer,
    })
}

fn push(global: &GlobalArgs, args: &NatsPushArgs, out: Output) -> Result<()> {
    // With --from the online side needs no store; without it the store is closed before the
    // network round trips.
    let jwts = match &args.from {
        Some(dir) => ops::read_jwt_dir(dir)?,
        None => ops::store_jwts(&super::reader(global, out)?)?,
    };
    let req = ops::PushRequest {
        server: args.server.clone(),
        creds: args.creds.clone(),
        ca: args.ca.clone(),
    };
    let report = ops::push(&req, &jwts)?;
    out.report(&report, &report.pushed.join("\n"));
    Ok(())
}

/// Advice for a refused `nats` command.
pub fn hint(cmd: &NatsCommand, err: &Error) -> Option<String> {
    if matches!(err, Error::Refused(Refusal::NoOperator)) {
        return Some("run `credctl nats init --operator NAME` first".into());
    }
    match cmd {
        NatsCommand::Init { .. } => init_hint(err),
        NatsCommand::Account(NatsAccountCommand::Add(args)) => match err {
            Error::Conflict(_) => Some(format!(
                "account names are unique: choose another name (`credctl nats describe {0}` shows the existing one)",
                args.name
            )),
            _ => None,
        },
        NatsCommand::Account(
            NatsAccountCommand::RotateSigningKey { name, .. } | NatsAccountCommand::Revoke { name },
        ) => match err {
            Error::AlreadyRevoked(_) => Some(
                "nothing to do; if a server still admits its users, publish the account JWT".into(),
            ),
            _ => unknown_account_hint(err, name),
        },
        NatsCommand::Account(
            cmd @ (NatsAccountCommand::Export(_)
            | NatsAccountCommand::Import(_)
            | NatsAccountCommand::SigningKey(_)),
        ) => super::nats_accounts::hint(cmd, err),
        NatsCommand::Operator(_) => None,
        NatsCommand::User(NatsUserCommand::Add(args)) => user_add_hint(args, err),
        NatsCommand::User(NatsUserCommand::Revoke { account, .. }) => match err {
            Error::Refused(Refusal::NoUser { .. }) => Some(format!(
                "`credctl nats describe {account}` lists nothing about users; check the account and user name (`credctl audit log` shows every user created)"
            )),
            Error::AlreadyRevoked(_) => Some(
                "nothing to do; if a server still lets the user in, publish the account JWT: `credctl nats resolver --out FILE` and reload, or `credctl nats push`"
                    .into(),
            ),
            _ => unknown_account_hint(err, account),
        },
        NatsCommand::Resolver { .. } | NatsCommand::Export { .. } => None,
        NatsCommand::Push(args) => push_hint(args, err),
        NatsCommand::Describe { .. } => match err {
            Error::NotFound(_) | Error::Refused(Refusal::NoAccount(_) | Refusal::NoUser { .. }) => Some(
                "name the operator, an account, or ACCOUNT/USER; `credctl audit log` shows every account and user created"
                    .into(),
            ),
            _ => None,
        },
    }
}

fn init_hint(err: &Error) -> Option<String> {
    Some(match err {
        Error::Conflict(_) => {
            "a store has one operator: `credctl nats describe OPERATOR` shows it".into()
        }
        Error::OutputExists(_) => {
            "credctl never overwrites credentials: move the file away or choose another --sys-creds FILE"
                .into()
        }
        _ => return None,
    })
}

/// For a command naming an account that may not exist.
pub fn unknown_account_hint(err: &Error, account: &str) -> Option<String> {
    match err {
        Error::Refused(Refusal::NoAccount(_)) => Some(format!(
            "check the account name (`credctl audit log` shows every account created), or create it with `credctl nats account add {account}`"
        )),
        _ => None,
    }
}

fn user_add_hint(args: &NatsUserAddArgs, err: &Error) -> Option<String> {
    match err {
        Error::Conflict(_) => Some(format!(
            "user names are unique within an account: choose another name (`credctl nats describe {}/{}` shows the existing one)",
            args.account,
            args.name.as_deref().unwrap_or("NAME")
        )),
        Error::OutputExists(_) if args.from.is_some() => Some(
            "credctl never overwrites credentials: move DIR/NAME.creds away or choose another --out DIR"
                .into(),
        ),
        Error::Refused(Refusal::NoRole { account, .. }) => Some(format!(
            "`credctl nats account signing-key list --account {account}` shows its roles; add one with `credctl nats account signing-key add --account {account} --role NAME ...`"
        )),
        _ => unknown_account_hint(err, &args.account),
    }
}

fn push_hint(args: &NatsPushArgs, err: &Error) -> Option<String> {
    match err {
        Error::Remote(_) => Some(
            "check the server URL, that its resolver is `full`, and the system user's creds".into(),
        ),
        Error::InvalidInput(m) if m == ops::NO_JWTS => Some(match &args.from {
            Some(_) => "--from takes the directory `credctl nats export --out DIR` wrote".into(),
            None => "create an account first: `credctl nats account add NAME`".into(),
        }),
        Error::InvalidInput(_) if args.from.is_some() => Some(
            "--from takes the account JWTs `credctl nats export --out DIR` wrote, unchanged".into(),
        ),
        _ => None,
    }
}
