//! `credctl audit log|verify|sign|export|verify-export`.

use super::args::{AuditCommand, GlobalArgs, TranscriptFormat};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::audit as ops;

pub fn run(global: &GlobalArgs, cmd: &AuditCommand, out: Output) -> Result<()> {
    match cmd {
        AuditCommand::VerifyExport(args) => return verify_export(args, out),
        AuditCommand::Export(args) => return export(global, args, out),
        _ => {}
    }
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
        AuditCommand::Export(_) | AuditCommand::VerifyExport(_) => unreachable!("handled above"),
    }
    Ok(())
}

/// The transcript of a store whose state verifies (a reader: nothing is unlocked).
fn export(global: &GlobalArgs, args: &super::args::AuditExportArgs, out: Output) -> Result<()> {
    let transcript = ops::export(&super::reader(global, out)?, args.since)?;
    match (args.format, out.json) {
        (TranscriptFormat::Json, _) | (_, true) => Output { json: true }.report(&transcript, ""),
        (TranscriptFormat::Text, false) => print!("{}", transcript_text(&transcript)),
    }
    Ok(())
}

fn verify_export(args: &super::args::VerifyExportArgs, out: Output) -> Result<()> {
    let report = ops::verify_export(&args.file, args.ca.as_deref())?;
    let against = match report.ca_checked {
        true => "the CA given with --ca",
        false => "the CA chain it carries (pass --ca to check it is yours)",
    };
    out.report(
        &report,
        &format!(
            "transcript intact: entries {} to {}, the last signed by CA {}, checked against {against}",
            report.first, report.last, report.signer
        ),
    );
    Ok(())
}

/// The printable transcript: one block per entry, the signed head, and lines to sign.
fn transcript_text(t: &ops::Transcript) -> String {
    let (first, last) = match (t.entries.first(), t.entries.last()) {
        (Some(f), Some(l)) => (f.seq, l.seq),
        _ => (0, 0),
    };
    let mut text = format!(
        "credctl ceremony transcript\n\n  CA:            {}\n  root SHA-256:  {}\n  exported:      {}\n  entries:       {first} to {last}\n\n",
        t.ca, t.root_sha256, t.exported
    );
    for e in &t.entries {
        text.push_str(&format!(
            "#{:<4} {}  by {}\n      {}  {}\n",
            e.seq, e.time, e.actor, e.action, e.subject
        ));
        if let Some(serial) = &e.serial {
            text.push_str(&format!("      serial       {serial}\n"));
        }
        if let Some(fingerprint) = &e.fingerprint {
            text.push_str(&format!("      fingerprint  {fingerprint}\n"));
        }
        if let Some(detail) = &e.detail {
            text.push_str(&format!("      detail       {detail}\n"));
        }
        text.push_str(&format!("      entry hash   {}\n\n", e.hash));
    }
    text.push_str(&format!(
        "signed head: entry {} ({})\nsigned by CA SHA-256 {}\nwith {}:\n",
        t.statement.audit.seq, t.statement.audit.hash, t.statement.signer, t.statement.algorithm
    ));
    for chunk in t.statement.signature.as_bytes().chunks(64) {
        text.push_str(&format!("  {}\n", String::from_utf8_lossy(chunk)));
    }
    text.push_str("\nWitnessed (name, signature, date):\n\n  1. ________________________________\n\n  2. ________________________________\n\n  3. ________________________________\n");
    text
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
