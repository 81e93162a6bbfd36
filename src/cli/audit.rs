//! `credctl audit log|verify`.

use super::args::{AuditCommand, GlobalArgs};
use super::output::Output;
use crate::audit;
use crate::error::Result;

pub fn run(global: &GlobalArgs, cmd: &AuditCommand, out: Output) -> Result<()> {
    let store = super::open_store(global, out)?;
    let log = store.audit_log()?;
    match cmd {
        AuditCommand::Log => {
            let entries = audit::parse(&log)?;
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
            let count = audit::verify(&log, &store.state().audit)?;
            out.report(
                &serde_json::json!({ "ok": true, "entries": count }),
                &format!("audit log intact: {count} entries, chain and head match"),
            );
        }
    }
    Ok(())
}
