//! `credctl init`: create the CA and its encrypted store.

use std::path::Path;

use age::secrecy::SecretString;

use super::args::{GlobalArgs, ImportCommand, ImportKeyPassphraseArgs, InitArgs};
use super::output::Output;
use super::unlock::{import_key_passphrase, new_passphrase};
use crate::error::{Error, Result};
use crate::ops::adopt;
use crate::ops::init as ops;

pub fn run(global: &GlobalArgs, args: &InitArgs, out: Output) -> Result<()> {
    if let (Some(cert), Some(key)) = (&args.import_ca, &args.import_key) {
        return import_ca(global, args, (cert, key), out);
    }
    let req = ops::InitRequest {
        store: global.store.clone(),
        name: args.name.clone().unwrap_or_default(),
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

/// The passphrase of the key being imported, when it is encrypted.
fn key_passphrase(args: &ImportKeyPassphraseArgs, key: &Path) -> Result<Option<SecretString>> {
    if !adopt::key_needs_passphrase(key)? {
        return Ok(None);
    }
    import_key_passphrase(args.import_key_passphrase_file.as_deref(), key).map(Some)
}

fn import_ca(
    global: &GlobalArgs,
    args: &InitArgs,
    (cert, key): (&std::path::PathBuf, &std::path::PathBuf),
    out: Output,
) -> Result<()> {
    let req = adopt::ImportCaRequest {
        store: global.store.clone(),
        source: adopt::CaSource {
            cert: cert.clone(),
            key: key.clone(),
        },
        scrypt_log_n: args.scrypt_log_n,
    };
    adopt::check(&req)?;
    let key_pass = key_passphrase(&args.key_passphrase, key)?;
    if args.dry_run {
        let report = adopt::import_ca_dry_run(&req, key_pass.as_ref())?;
        let human = format!(
            "dry run: {} ({}){} would become store {}; nothing was created",
            report.root.subject,
            report.root.fingerprint_sha256,
            report
                .intermediate
                .as_ref()
                .map(|i| format!(", issuing through {}", i.subject))
                .unwrap_or_default(),
            report.store
        );
        out.report(&report, &human);
        return Ok(());
    }
    let passphrase = new_passphrase(global)?;
    let report = adopt::import_ca(&req, key_pass.as_ref(), &passphrase)?;
    out.report(&report, &adopted_text(&report));
    Ok(())
}

fn adopted_text(report: &adopt::ImportCaReport) -> String {
    let root = &report.root;
    let mut human = format!(
        "created CA store {} around the existing CA\nroot:         {}\n  sha256:     {}\n  valid until {}",
        report.store, root.subject, root.fingerprint_sha256, root.not_after
    );
    if let Some(i) = &report.intermediate {
        human.push_str(&format!(
            "\nintermediate: {}\n  sha256:     {}\n  valid until {}",
            i.subject, i.fingerprint_sha256, i.not_after
        ));
    }
    if report.root_key_absent {
        human.push_str("\nthe root's key stays where it is: the intermediate issues");
    }
    if let Some(e) = &report.easy_rsa {
        human.push_str(&format!(
            "\n{} certificates imported ({} revoked); keys stay with their holders; next CRL number {}",
            e.imported.len(),
            e.revoked,
            e.next_crl_number
        ));
        for left in &e.left_out {
            human.push_str(&format!(
                "\nleft out: {} (serial {}): {}",
                left.name,
                left.serial,
                left.why.as_deref().unwrap_or("")
            ));
        }
    }
    human.push_str(&format!(
        "\nthe key is sealed in the store; {} is still on disk: destroy it once the store is backed up (e.g. `shred -u {}`)",
        report.key_file.display(),
        report.key_file.display()
    ));
    human
}

/// `credctl import easy-rsa PKI_DIR`.
pub fn import(global: &GlobalArgs, cmd: &ImportCommand, out: Output) -> Result<()> {
    let (pki, dry_run, pass_args, scrypt_log_n) = match cmd {
        ImportCommand::EasyRsa {
            pki,
            dry_run,
            key_passphrase,
            scrypt_log_n,
        } => (pki, dry_run, key_passphrase, scrypt_log_n),
        ImportCommand::Nsc { dir, keys, dry_run } => {
            return import_nsc(global, dir, keys, *dry_run, out);
        }
    };
    let req = adopt::EasyRsaRequest {
        store: global.store.clone(),
        pki: pki.clone(),
        scrypt_log_n: *scrypt_log_n,
    };
    let key_pass = key_passphrase(pass_args, &req.key_file())?;
    if *dry_run {
        let report = adopt::easy_rsa_dry_run(&req, key_pass.as_ref())?;
        let e = report.easy_rsa.as_ref().expect("an easy-rsa report");
        let mut human = format!(
            "dry run: {} would become store {}; nothing was created",
            report.root.subject, report.store
        );
        for c in &e.imported {
            human.push_str(&format!(
                "\nwould import: {} (serial {}, {})",
                c.name, c.serial, c.status
            ));
        }
        for c in &e.left_out {
            human.push_str(&format!(
                "\nwould leave out: {} (serial {}): {}",
                c.name,
                c.serial,
                c.why.as_deref().unwrap_or("")
            ));
        }
        human.push_str(&format!("\nnext CRL number: {}", e.next_crl_number));
        out.report(&report, &human);
        return Ok(());
    }
    let passphrase = new_passphrase(global)?;
    let report = adopt::import_easy_rsa(&req, key_pass.as_ref(), &passphrase)?;
    out.report(&report, &adopted_text(&report));
    Ok(())
}

fn import_nsc(
    global: &GlobalArgs,
    dir: &Path,
    keys: &Option<std::path::PathBuf>,
    dry_run: bool,
    out: Output,
) -> Result<()> {
    let keys = keys
        .clone()
        .or_else(crate::ops::nsc_import::default_keystore)
        .ok_or_else(|| Error::InvalidInput("give nsc's keystore with --keys DIR".into()))?;
    let req = crate::ops::nsc_import::NscImportRequest {
        dir: dir.to_path_buf(),
        keys,
        dry_run,
    };
    let report = crate::ops::nsc_import::import_nsc(&mut super::session(global, out)?, &req)?;
    let verb = if dry_run { "would import" } else { "imported" };
    let mut lines = vec![format!("{verb} operator {}", report.operator)];
    for a in &report.accounts {
        lines.push(format!(
            "{verb} account {} ({}): {} users, {} keys sealed",
            a.name,
            a.public,
            a.users.len(),
            a.keys_sealed
        ));
    }
    lines.extend(report.notes.iter().map(|n| format!("note: {n}")));
    if !dry_run {
        lines.push(format!(
            "the JWTs are kept as they are; the seeds are sealed in the store. nsc's keystore {} still holds them in plaintext: shred it once the store is backed up",
            report.keystore.display()
        ));
    }
    out.report(&report, &lines.join("\n"));
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
