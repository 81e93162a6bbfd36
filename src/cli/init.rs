//! `credctl init`: create the CA and its encrypted store.

use super::args::{GlobalArgs, InitArgs};
use super::output::Output;
use super::unlock::new_passphrase;
use crate::error::{Error, Result};
use crate::ops::init as ops;

pub fn run(global: &GlobalArgs, args: &InitArgs, out: Output) -> Result<()> {
    let req = ops::InitRequest {
        store: global.store.clone(),
        name: args.name.clone(),
        key_type: args.key_type.into(),
        days: args.days,
        intermediate_days: args.intermediate.then_some(args.intermediate_days),
        scrypt_log_n: args.scrypt_log_n,
    };
    // Validate everything before asking for a passphrase or generating a key.
    ops::check(&req)?;
    let passphrase = new_passphrase(global)?;
    let report = ops::init(&req, &passphrase)?;

    let root = &report.root;
    let mut human = format!(
        "created CA store {}\nroot:         {}\n  sha256:     {}\n  valid until {}",
        global.store.display(),
        root.subject,
        root.fingerprint_sha256,
        root.not_after
    );
    if let Some(i) = &report.intermediate {
        human.push_str(&format!(
            "\nintermediate: {}\n  sha256:     {}\n  valid until {}",
            i.subject, i.fingerprint_sha256, i.not_after
        ));
    }
    out.report(&report, &human);
    Ok(())
}

pub fn hint(err: &Error) -> Option<String> {
    match err {
        Error::StoreExists(_) => Some(
            "a store is never overwritten: pick another --store, or use the existing one".into(),
        ),
        Error::NotAStore(_) => {
            Some("--store must name a path that does not exist yet or an empty directory".into())
        }
        _ => None,
    }
}
