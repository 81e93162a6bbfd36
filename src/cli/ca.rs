//! `credctl ca ...`: show and export the CA, enrol automation identities, change the passphrase.

use super::args::{CaCommand, GlobalArgs};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::ca as ops;
use crate::ops::custody::{self, NewIdentity, SplitRequest};

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
            human.push_str(&settings_text(&report.settings));
            match &report.crl {
                Some(crl) => human.push_str(&format!(
                    "\nlatest CRL:    {}, next update {}{}",
                    crl.number,
                    crl.next_update,
                    if crl.overdue {
                        " (OVERDUE: run `credctl crl --out FILE` and publish it)"
                    } else {
                        ""
                    }
                )),
                None => human.push_str("\nlatest CRL:    none issued yet"),
            }
            out.report(&report, &human);
        }
        CaCommand::Profiles { set } => {
            let names = ops::set_profiles(&mut super::session(global, out)?, set)?;
            out.report(
                &serde_json::json!({ "profiles": names }),
                &format!("installed {}: profiles {}", set.display(), names.join(", ")),
            );
        }
        CaCommand::Settings {
            crl_days,
            crl_urls,
            no_crl_url,
            ca_issuers_urls,
            no_ca_issuers_url,
        } => {
            let urls = |given: &Vec<String>, none: bool| match (given.is_empty(), none) {
                (_, true) => Some(Vec::new()),
                (false, _) => Some(given.clone()),
                (true, false) => None,
            };
            let req = ops::SettingsRequest {
                crl_days: *crl_days,
                crl_urls: urls(crl_urls, *no_crl_url),
                ca_issuers_urls: urls(ca_issuers_urls, *no_ca_issuers_url),
            };
            let settings = ops::settings(&mut super::session(global, out)?, &req)?;
            out.report(&settings, settings_text(&settings).trim_start());
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
            let report = custody::add_identity(&mut super::session(global, out)?, &req)?;
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
        CaCommand::Renew(args) => {
            use crate::ops::rollover::{self, Renew, RenewRequest};
            let what = match (args.root, args.intermediate) {
                (true, _) => Renew::Root,
                (_, true) => Renew::Intermediate,
                _ => Renew::Finish,
            };
            let req = RenewRequest {
                what,
                days: args.days,
                intermediate_days: args.intermediate_days,
                force: args.force,
            };
            let report = rollover::renew(&mut super::session(global, out)?, &req)?;
            let mut human = match &report.transition_until {
                Some(until) => format!(
                    "CA generation {}: root {} (SHA-256 {}){}\noverlap until {until}: the previous CA stays trusted and presented; renew the certificates it issued (`credctl rotate certs`), then `credctl ca renew --finish`\nupdate every pin of the root (--ca-fingerprint, kept ca.crt files) to the new one",
                    report.generation,
                    report.root.subject,
                    report.root.fingerprint_sha256,
                    report
                        .intermediate
                        .as_ref()
                        .map(|i| format!(", intermediate {}", i.subject))
                        .unwrap_or_default()
                ),
                None => format!(
                    "rollover finished: only CA generation {} is trusted",
                    report.generation
                ),
            };
            for dir in &report.rendered {
                human.push_str(&format!("\nre-rendered {} (reload the hub)", dir.display()));
            }
            out.report(&report, &human);
        }
        CaCommand::Custodians => {
            let list = custody::custodians(&super::reader(global, out)?)?;
            let mut human = String::new();
            for c in &list {
                human.push_str(&format!(
                    "{:<11} {}\n            {}, added {}\n",
                    c.kind,
                    c.id,
                    c.detail,
                    c.added
                        .as_deref()
                        .unwrap_or("(before custodians were recorded)")
                ));
            }
            out.report(&list, human.trim_end());
        }
        CaCommand::RemoveCustodian { id } => {
            let report = custody::remove(&mut super::session(global, out)?, id)?;
            out.report(
                &report,
                &format!(
                    "removed {}; the store key was rotated ({}), so a copy of its old wrap no longer opens the store",
                    report.removed,
                    custody::secrets_sealed(report.resealed)
                ),
            );
        }
        CaCommand::Split(args) => {
            let req = SplitRequest {
                total: args.shares,
                threshold: args.threshold,
                to: args.to.clone(),
                out: args.out.clone(),
            };
            let report = custody::split(&mut super::session(global, out)?, &req)?;
            let mut human = format!(
                "split {}: any {} of {} shares unlock the store; earlier shares no longer do\n",
                crate::store::shares::group(&report.split),
                report.threshold,
                report.total
            );
            for file in &report.files {
                human.push_str(&format!("  {}\n", file.display()));
            }
            human.push_str("give each custodian one share, then delete the files here");
            out.report(&report, &human);
        }
        CaCommand::Passwd {
            new_passphrase_file,
            scrypt_log_n,
        } => {
            let file = new_passphrase_file.clone();
            let report = custody::passwd(&mut super::session(global, out)?, *scrypt_log_n, || {
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
        (CaCommand::RemoveCustodian { .. }, Error::NotFound(_)) => {
            "`credctl ca custodians` lists the ids: passphrase, shares, or an identity's age1... recipient"
        }
        (CaCommand::RemoveCustodian { .. }, Error::Conflict(_)) => {
            "add another custodian first (`ca add-identity`, `ca split`, `ca passwd`), then remove this one"
        }
        (CaCommand::Split(_), Error::InvalidInput(_)) => {
            "e.g. `credctl ca split --shares 5 --threshold 3 --out shares/` (with --to, one age1... recipient per share)"
        }
        _ => return None,
    };
    Some(text.into())
}

fn settings_text(s: &crate::x509::settings::CaSettings) -> String {
    let list = |urls: &[String]| match urls.is_empty() {
        true => "none".to_owned(),
        false => urls.join(" "),
    };
    format!(
        "\nCRL lifetime:  {} days\nCRL URLs:      {}\nCA issuers:    {}",
        s.crl_lifetime_days(),
        list(&s.crl_urls),
        list(&s.ca_issuers_urls)
    )
}
