//! `credctl audit log|verify|sign`.

use super::args::{AuditCommand, GlobalArgs};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::audit as ops;

pub fn run(global: &GlobalArgs, cmd: &AuditCommand, out: Output) -> Result<()> {
    // These commands check the signed state themselves and say what differs.
    let write = matches!(cmd, AuditCommand::Sign);
    let mut session = super::unverified(global, out, write)?;
    match cmd {
        AuditCommand::Log => {
            let entries = ops::log(&session)?;
            out.report(&entries, &log_text(&entries));
        }
        AuditCommand::Verify(args) => {
            let report = ops::verify(
                &session,
                &ops::VerifyRequest {
                    ca: args.ca.clone(),
                },
            )?;
            let against = match report.ca_checked {
                true => "the CA given with --ca",
                false => "the store's pinned CA",
            };
            out.report(
                &report,
                &format!(
                    "audit log intact: {} entries, chain and head match\n\
                     store state signed at entry {} by CA {}, checked against {against}: \
                     all {} files match",
                    report.entries, report.signed_at, report.signer, report.files
                ),
            );
        }
        AuditCommand::Sign => {
            let report = ops::sign(&mut session)?;
            let human = match report.signed {
                true => format!(
                    "signed the store's state: {} files at audit entry {}",
                    report.files, report.signed_at
                ),
                false => format!(
                    "already signed (entry {}, {} files, all matching): nothing to do",
                    report.signed_at, report.files
                ),
            };
            out.report(&report, &human);
        }
    }
    Ok(())
}

fn log_text(entries: &[crate::audit::Entry]) -> String {
    let mut human = String::new();
    for e in entries {
        human.push_str(&format!(
            "{:>5}  {}  {}  {:<14} {}",
            e.seq, e.time, e.actor, e.action, e.subject
        ));
        if let Some(serial) = &e.serial {
            human.push_str(&format!("  serial={serial}"));
        }
        if let Some(detail) = &e.detail {
            human.push_str(&format!("  ({detail})"));
        }
        human.push('\n');
    }
    human
}

pub fn hint(err: &Error) -> Option<String> {
    match err {
        Error::AuditTampered(_) => Some(
            "the store was changed outside credctl: compare it with a backup before trusting it, \
             and check a copy with `audit verify --ca` and the ca.crt you keep apart"
                .into(),
        ),
        Error::StateMismatch { .. } => Some(
            "`audit sign` signs only a store that was never signed; this one was, and differs: \
             restore it from a backup"
                .into(),
        ),
        _ => None,
    }
}
