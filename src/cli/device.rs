//! `credctl request create` and `credctl bundle import`: the device's side, no store; and the
//! online hand-off, `credctl export --for-online` and `credctl verify-online`.

use super::args::{BundleCommand, ExportArgs, GlobalArgs, RequestCommand, VerifyOnlineArgs};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::device::{self as ops, BundleImport, RequestCreate};

pub fn request(cmd: &RequestCommand, out: Output) -> Result<()> {
    let RequestCommand::Create(args) = cmd;
    let report = ops::request_create(&RequestCreate {
        name: args.name.clone(),
        profile: args.profile.clone(),
        key_type: args.key_type.into(),
        names: super::cert::names_of(&args.names),
        out: args.out.clone(),
        key: args.key.clone(),
    })?;
    out.report(
        &report,
        &format!(
            "request {} for {} (profile {})\nkey {} (0600): it stays on this device\nkey fingerprint: {}  <- read it aloud to the CA operator",
            report.request.display(),
            args.name,
            args.profile,
            report.key.display(),
            report.key_fingerprint
        ),
    );
    Ok(())
}

pub fn bundle(global: &GlobalArgs, cmd: &BundleCommand, out: Output) -> Result<()> {
    let BundleCommand::Import(args) = cmd;
    let report = ops::bundle_import(&BundleImport {
        bundle: args.bundle.clone(),
        key: args.key.clone(),
        out: args.out.clone(),
        ca_fingerprint: global.ca_fingerprint.clone(),
    })?;
    let pinned = match &global.ca_fingerprint {
        Some(_) => "the root you pinned with --ca-fingerprint",
        None => {
            "its own root: compare the CA root SHA-256 with your CA's (or pass --ca-fingerprint)"
        }
    };
    out.report(
        &report,
        &format!(
            "installed {name}.crt, {name}.key (0600) and ca.crt in {}\nkey fingerprint: {} (the request's)\ncertificate SHA-256: {}\nCA root SHA-256: {}\nchecked against {pinned}; valid until {}",
            report.out.display(),
            report.key_fingerprint,
            report.certificate_sha256,
            report.root_sha256,
            report.not_after,
            name = report.name,
        ),
    );
    Ok(())
}

pub fn hint(err: &Error) -> Option<String> {
    match err {
        Error::VerificationFailed(_) => Some(
            "nothing was installed: ask the CA operator for the bundle made from this device's request".into(),
        ),
        Error::OutputExists(_) => Some(
            "credctl never overwrites a key or an installed certificate: choose another --out (or --key)".into(),
        ),
        _ => None,
    }
}

pub fn export(global: &GlobalArgs, args: &ExportArgs, out: Output) -> Result<()> {
    let report = crate::ops::handoff::export(&mut super::session(global, out)?, &args.out)?;
    out.report(
        &report,
        &format!(
            "wrote the online hand-off to {}: {} files ({} hub directories, {} account JWTs) and MANIFEST.json signed by the CA\nmanifest code: {}  <- compare it on the online side (`credctl verify-online`)",
            report.out.display(),
            report.files,
            report.hubs.len(),
            report.accounts,
            report.manifest_code
        ),
    );
    Ok(())
}

pub fn verify_online(global: &GlobalArgs, args: &VerifyOnlineArgs, out: Output) -> Result<()> {
    let pin = match &args.ca {
        Some(file) => Some(crate::ops::handoff::root_of(file)?),
        None => global.ca_fingerprint.clone(),
    };
    let report = crate::ops::handoff::verify(&args.dir, pin.as_deref())?;
    let against = match report.ca_checked {
        true => "your CA",
        false => "its own ca.crt only: pass --ca with the ca.crt you keep",
    };
    out.report(
        &report,
        &format!(
            "hand-off intact: {} files as the manifest lists, signed by the CA (root SHA-256 {}), checked against {against}\nmanifest code: {} (audit entry {})",
            report.files, report.root_sha256, report.manifest_code, report.audit_seq
        ),
    );
    Ok(())
}

pub fn handoff_hint(err: &Error) -> Option<String> {
    match err {
        Error::VerificationFailed(_) => {
            Some("do not deploy any of it: get the hand-off again from the offline side".into())
        }
        Error::OutputExists(_) => Some("choose a new --out directory".into()),
        _ => None,
    }
}
