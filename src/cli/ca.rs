//! `credctl ca ...`: show and export the CA, enrol automation identities, change the passphrase.

use super::args::{CaCommand, GlobalArgs};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::ca::{self as ops, NewIdentity};

pub fn run(global: &GlobalArgs, cmd: &CaCommand, out: Output) -> Result<()> {
    match cmd {
        CaCommand::Show => {
            let report = ops::show(&super::reader(global, out)?)?;
            let mut human = String::new();
            let infos = std::iter::once(("root", &report.root))
                .chain(report.intermediate.iter().map(|i| ("intermediate", i)));
            for (label, info) in infos {
                human.push_str(&format!(
                    "{label}:\n  subject:     {}\n  issuer:      {}\n  serial:      {}\n  key type:    {}\n  not before:  {}\n  not after:   {}\n  sha256:      {}\n",
                    info.subject, info.issuer, info.serial, info.key_type, info.not_before, info.not_after, info.fingerprint_sha256
                ));
            }
            out.report(&report, &human);
        }
        CaCommand::Export { out: path } => {
            let written = ops::export(&mut super::session(global, out)?, path)?;
            out.report(
                &serde_json::json!({ "out": written }),
                &format!("wrote the CA chain to {}", path.display()),
            );
        }
        CaCommand::AddIdentity(args) => {
            let req = match (&args.out, &args.recipient) {
                (Some(path), _) => NewIdentity::Generate(path.clone()),
                (None, Some(text)) => NewIdentity::Recipient(text.clone()),
                (None, None) => unreachable!("clap requires --out or --recipient"),
            };
            let report = ops::add_identity(&mut super::session(global, out)?, &req)?;
            let human = match &report.identity_file {
                Some(path) => format!(
                    "enrolled {}\nidentity written to {} (0600): keep it as secret as the passphrase",
                    report.recipient,
                    path.display()
                ),
                None => format!("enrolled {}", report.recipient),
            };
            out.report(&report, &human);
        }
        CaCommand::Passwd {
            new_passphrase_file,
            scrypt_log_n,
        } => {
            let file = new_passphrase_file.clone();
            let report = ops::passwd(&mut super::session(global, out)?, *scrypt_log_n, || {
                super::unlock::replacement_passphrase(file.as_deref())
            })?;
            out.report(
                &report,
                "passphrase changed; enrolled identities still unlock the store",
            );
        }
    }
    Ok(())
}

pub fn hint(cmd: &CaCommand, err: &Error) -> Option<String> {
    let text = match (cmd, err) {
        (CaCommand::AddIdentity(_), Error::InvalidInput(_)) => {
            "pass --recipient with the age1... public key of an identity not enrolled yet, or --out FILE to generate a new one"
        }
        _ => return None,
    };
    Some(text.into())
}
