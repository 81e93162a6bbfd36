//! `credctl rotate passwords`.

use std::io::IsTerminal;

use super::args::{
    GlobalArgs, RotateCertsArgs, RotateCommand, RotateKind, RotateNatsUsersArgs,
    RotatePasswordsArgs,
};
use super::output::{Output, count};
use crate::clock::parse_duration_flag;
use crate::error::Result;
use crate::ops::rotate::{self as ops, Kind};

pub fn run(global: &GlobalArgs, cmd: &RotateCommand, out: Output) -> Result<()> {
    match cmd {
        RotateCommand::Passwords(args) => passwords(global, args, out),
        RotateCommand::Certs(args) => certs(global, args, out),
        RotateCommand::NatsUsers(args) => nats_users(global, args, out),
    }
}

fn nats_users(global: &GlobalArgs, args: &RotateNatsUsersArgs, out: Output) -> Result<()> {
    let within = parse_duration_flag("--expiring-within", &args.expiring_within)?;
    let mut session = super::session(global, out)?;
    let users =
        crate::ops::nats::renew_expiring_users(&mut session, within, args.dry_run, &args.out)?;
    let mut human = String::new();
    for u in &users {
        let verb = if args.dry_run {
            "would re-issue"
        } else {
            "re-issued"
        };
        human.push_str(&format!(
            "{verb} {}/{}: expires {}\n",
            u.account, u.name, u.expires
        ));
    }
    human.push_str(&format!(
        "{}: {}",
        if args.dry_run { "dry run" } else { "done" },
        count(users.len(), "user due", "users due")
    ));
    out.report(&users, &human);
    Ok(())
}

/// A progress bar on a terminal only (indicatif, on stderr): CI logs get the summary.
fn progress_line(out: Output, what: &'static str) -> impl FnMut(usize, usize) {
    let terminal = std::io::stderr().is_terminal() && !out.json;
    let mut bar: Option<indicatif::ProgressBar> = None;
    move |done: usize, total: usize| {
        if !terminal {
            return;
        }
        let bar = bar.get_or_insert_with(|| {
            let style = indicatif::ProgressStyle::with_template(
                "credctl: {prefix} [{bar:30}] {pos}/{len}, {elapsed} (about {eta} left)",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            let bar = indicatif::ProgressBar::new(total as u64).with_style(style);
            bar.set_prefix(what);
            bar
        });
        bar.set_position(done as u64);
        if done >= total {
            bar.finish();
        }
    }
}

fn certs(global: &GlobalArgs, args: &RotateCertsArgs, out: Output) -> Result<()> {
    let req = ops::RotateCertsRequest {
        within: parse_duration_flag("--expiring-within", &args.expiring_within)?,
        profiles: args.profile.clone(),
        reuse_key: args.reuse_key,
        dry_run: args.dry_run,
        out: args.out.clone(),
    };
    let mut progress = progress_line(out, "renewed");
    let report = ops::certs(&mut super::session(global, out)?, &req, &mut progress)?;
    let mut human = String::new();
    for c in &report.certs {
        let line = match (&c.skipped, &c.serial) {
            (Some(why), _) => format!("skipped {} ({}): {why}", c.name, c.profile),
            (None, Some(serial)) => format!("renewed {} ({}): serial {serial}", c.name, c.profile),
            (None, None) => format!(
                "would renew {} ({}), expires {}",
                c.name, c.profile, c.expires
            ),
        };
        human.push_str(&line);
        if let Some(dir) = &c.rendered {
            human.push_str(&format!("; {} re-rendered: reload that hub", dir.display()));
        }
        human.push('\n');
    }
    human.push_str(&format!(
        "{}: {}",
        if report.dry_run { "dry run" } else { "done" },
        count(report.certs.len(), "certificate due", "certificates due")
    ));
    out.report(&report, &human);
    Ok(())
}

fn passwords(global: &GlobalArgs, args: &RotatePasswordsArgs, out: Output) -> Result<()> {
    let req = ops::RotatePasswordsRequest {
        older_than: args
            .older_than
            .as_deref()
            .map(|d| parse_duration_flag("--older-than", d))
            .transpose()?,
        kinds: args
            .kind
            .iter()
            .map(|k| match k {
                RotateKind::Dev => Kind::Dev,
                RotateKind::Edge => Kind::Edge,
                RotateKind::Route => Kind::Route,
                RotateKind::System => Kind::System,
                RotateKind::Service => Kind::Service,
            })
            .collect(),
        dry_run: args.dry_run,
        out: args.out.clone(),
        chunk: args.chunk_size,
    };
    let mut progress = progress_line(out, "rotated");
    let report = ops::passwords(&mut super::session(global, out)?, &req, &mut progress)?;
    let mut human = String::new();
    let verb = if report.dry_run {
        "would rotate"
    } else {
        "rotated"
    };
    for r in &report.rotated {
        human.push_str(&format!("{verb} {} {}", r.kind.name(), r.name));
        if let Some(sealed) = &r.sealed {
            human.push_str(&format!(" (sealed: {})", sealed.display()));
        }
        if r.kind == Kind::Route && !report.dry_run {
            human.push_str(" (sealed in the store; in every clustered hub's cluster.conf)");
        }
        human.push('\n');
    }
    human.push_str(&format!(
        "{}: {} set at or before {}{}",
        if report.dry_run { "dry run" } else { "done" },
        count(report.rotated.len(), "password", "passwords"),
        report.cutoff,
        if report.resumed {
            " (an interrupted run, finished)"
        } else {
            ""
        }
    ));
    if !report.dry_run && !report.rotated.is_empty() {
        human.push_str(&format!(
            "\nhand out {}/secret (never publish it); {}/sealed is safe to publish; reload the hubs \
             (credctl hub reload) and give each edge its new NAME.conf",
            args.out.display(),
            args.out.display()
        ));
    }
    if !report.restart.is_empty() {
        human.push_str(&format!(
            "\nnew route password: restart each hub of the cluster in turn ({}); a restart drops \
             every route the hub knew",
            report.restart.join(", ")
        ));
    }
    out.report(&report, &human);
    Ok(())
}
