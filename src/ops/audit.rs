//! `audit log|verify`: read and check the hash-chained log.

use serde::Serialize;

use super::Session;
use crate::audit::{self, Entry};
use crate::error::Result;

pub fn log(session: &Session) -> Result<Vec<Entry>> {
    audit::parse(&session.store().audit_log()?)
}

#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub ok: bool,
    pub entries: u64,
}

/// Checks the chain and the head recorded in store.json; `AuditTampered` when they disagree.
pub fn verify(session: &Session) -> Result<VerifyReport> {
    let entries = audit::verify(&session.store().audit_log()?, &session.state().audit)?;
    Ok(VerifyReport { ok: true, entries })
}
