//! `credctl rotate passwords`.

use std::io::IsTerminal;

use super::args::{GlobalArgs, RotateCommand, RotateKind};
use super::output::{Output, count};
use crate::clock::parse_duration_flag;
use crate::error::Result;
use crate::ops::rotate::{self as ops, Kind};

pub fn run(global: &GlobalArgs, cmd: &RotateCommand, out: Output) -> Result<()> {
    let RotateCommand::Passwords(args) = cmd;
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
            })
            .collect(),
        dry_run: args.dry_run,
        out: args.out.clone(),
        chunk: args.chunk_size,
    };
    // A progress line on a terminal only: CI logs get the summary.
    let terminal = std::io::stderr().is_terminal() && !out.json;
    let mut progress = |done: usize, total: usize| {
        if terminal {
            eprint!("\rcredctl: rotated {done}/{total}");
            if done == total {
                eprintln!();
            }
        }
    };
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
    out.report(&report, &human);
    Ok(())
}
