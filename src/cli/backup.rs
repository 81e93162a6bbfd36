//! `credctl backup` and `credctl restore`.

use super::args::{BackupArgs, GlobalArgs, RestoreArgs};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::backup as ops;

pub fn backup(global: &GlobalArgs, args: &BackupArgs, out: Output) -> Result<()> {
    let report = ops::backup(&mut super::session(global, out)?, &args.out)?;
    let h = &report.header;
    out.report(
        &report,
        &format!(
            "backed up {} files of {} at audit entry {} to {} (0600)\nroot CA SHA-256 {}\nit opens with what unlocks the store now; keep it apart from the store",
            h.files,
            h.ca,
            h.audit.seq,
            report.out.display(),
            h.root_sha256
        ),
    );
    Ok(())
}

pub fn restore(global: &GlobalArgs, args: &RestoreArgs, out: Output) -> Result<()> {
    let unlock = super::unlock::unlock_source(global)?;
    let report = ops::restore(&args.file, &global.store, unlock)?;
    let h = &report.header;
    out.report(
        &report,
        &format!(
            "restored {} ({} files, audit entry {}, backed up {}) at {}\nroot CA SHA-256 {}: compare it with the one you keep",
            h.ca,
            h.files,
            h.audit.seq,
            h.made,
            report.store.display(),
            h.root_sha256
        ),
    );
    Ok(())
}

pub fn hint(err: &Error) -> Option<String> {
    match err {
        Error::StoreExists(_) | Error::NotAStore(_) => Some(
            "restore never overwrites: pass --store with a directory that does not exist yet"
                .into(),
        ),
        Error::OutputExists(_) => {
            Some("credctl never overwrites a backup: choose another --out".into())
        }
        _ => None,
    }
}
