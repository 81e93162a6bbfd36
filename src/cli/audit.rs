//! `credctl audit log|verify`.

use super::args::{AuditCommand, GlobalArgs};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::audit as ops;

pub fn run(global: &GlobalArgs, cmd: &AuditCommand, out: Output) -> Result<()> {
    let session = super::reader(global, out)?;
    match cmd {
        AuditCommand::Log => {
            let entries = ops::log(&session)?;
            let mut human = String::new();
            for e in &entries {
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
            out.report(&entries, &human);
        }
        AuditCommand::Verify => {
            let report = ops::verify(&session)?;
            out.report(
                &report,
                &format!(
                    "audit log intact: {} entries, chain and head match",
                    report.entries
                ),
            );
        }
    }
    Ok(())
}

pub fn hint(err: &Error) -> Option<String> {
    match err {
        Error::AuditTampered(_) => Some(
            "the log or its head in store.json was changed outside credctl: compare the store with a backup before trusting it"
                .into(),
        ),
        _ => None,
    }
}
