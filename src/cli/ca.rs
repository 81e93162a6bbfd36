//! `credctl ca ...`: show and export the CA, enrol automation identities.

use serde::Serialize;

use super::args::{AddIdentityArgs, CaCommand, GlobalArgs};
use super::output::Output;
use super::unlock::unlock_source;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::store::{self, Change, Store, fsio, keyring};
use crate::x509::inspect::{self, CertInfo};

pub fn run(global: &GlobalArgs, cmd: &CaCommand, out: Output) -> Result<()> {
    match cmd {
        CaCommand::Show => show(global, out),
        CaCommand::Export { out: path } => {
            let store = super::open_store(global, out)?;
            let chain = store.chain_pem()?;
            fsio::write_atomic(path, chain.as_bytes(), fsio::PUBLIC_FILE)?;
            out.report(
                &serde_json::json!({ "out": path }),
                &format!("wrote the CA chain to {}", path.display()),
            );
            Ok(())
        }
        CaCommand::AddIdentity(args) => add_identity(global, args, out),
        CaCommand::Passwd {
            new_passphrase_file,
            scrypt_log_n,
        } => passwd(global, new_passphrase_file.as_deref(), *scrypt_log_n, out),
    }
}

#[derive(Serialize)]
struct CaReport {
    name: String,
    key_type: String,
    root: CertInfo,
    intermediate: Option<CertInfo>,
}

fn cert_info(store: &Store, rel: &str) -> Result<CertInfo> {
    let pem = store.read(rel)?;
    let ders =
        inspect::pem_certificates(&pem).map_err(|e| Error::corrupt(store.root().join(rel), e))?;
    inspect::info(&ders[0]).map_err(|e| Error::corrupt(store.root().join(rel), e))
}

fn show(global: &GlobalArgs, out: Output) -> Result<()> {
    let store = super::open_store(global, out)?;
    let root = cert_info(&store, store::ROOT_CERT)?;
    let intermediate = store
        .state()
        .ca
        .intermediate
        .then(|| cert_info(&store, store::INTERMEDIATE_CERT))
        .transpose()?;
    let mut human = String::new();
    for (label, info) in
        std::iter::once(("root", &root)).chain(intermediate.iter().map(|i| ("intermediate", i)))
    {
        human.push_str(&format!(
            "{label}:\n  subject:     {}\n  issuer:      {}\n  serial:      {}\n  key type:    {}\n  not before:  {}\n  not after:   {}\n  sha256:      {}\n",
            info.subject, info.issuer, info.serial, info.key_type, info.not_before, info.not_after, info.fingerprint_sha256
        ));
    }
    out.report(
        &CaReport {
            name: store.state().ca.name.clone(),
            key_type: store.state().ca.key_type.to_string(),
            root,
            intermediate,
        },
        &human,
    );
    Ok(())
}

fn add_identity(global: &GlobalArgs, args: &AddIdentityArgs, out: Output) -> Result<()> {
    // Parse and check the output path before the slow unlock.
    let generated = args.out.as_ref().map(|_| age::x25519::Identity::generate());
    let recipient = match (&args.recipient, &generated) {
        (Some(text), _) => keyring::parse_recipient(text)?,
        (None, Some(identity)) => identity.to_public(),
        (None, None) => unreachable!("clap requires --out or --recipient"),
    };
    if let Some(path) = &args.out
        && path.symlink_metadata().is_ok()
    {
        return Err(Error::OutputExists(path.clone()));
    }
    let mut store = super::open_store(global, out)?;
    let wrap_path = keyring::recipient_wrap_path(&recipient);
    if store.root().join(&wrap_path).exists() {
        return Err(Error::InvalidInput(format!(
            "{recipient} is already enrolled"
        )));
    }
    let key = store.unlock(&unlock_source(global)?)?;
    let (wrap_path, wrapped) = keyring::wrap_for_recipient(&key, &recipient)?;

    if let (Some(path), Some(identity)) = (&args.out, &generated) {
        use age::secrecy::ExposeSecret;
        let text = zeroize::Zeroizing::new(format!(
            "# credctl automation identity for {}\n# public key: {recipient}\n{}\n",
            store.root().display(),
            identity.to_string().expose_secret()
        ));
        fsio::write_atomic_new(path, text.as_bytes(), fsio::PRIVATE_FILE)?;
    }
    let mut change = Change::default();
    change.write_private(wrap_path, wrapped);
    change.record(Event::new("keyring.add", recipient.to_string()));
    store.commit(change)?;

    let human = match &args.out {
        Some(path) => format!(
            "enrolled {recipient}\nidentity written to {} (0600): keep it as secret as the passphrase",
            path.display()
        ),
        None => format!("enrolled {recipient}"),
    };
    out.report(
        &serde_json::json!({ "recipient": recipient.to_string(), "identity_file": args.out }),
        &human,
    );
    Ok(())
}

fn passwd(
    global: &GlobalArgs,
    new_file: Option<&std::path::Path>,
    scrypt_log_n: u8,
    out: Output,
) -> Result<()> {
    keyring::check_scrypt_log_n(scrypt_log_n)?;
    let mut store = super::open_store(global, out)?;
    // The current secret first, so a wrong one fails before anything is asked or written.
    let key = store.unlock(&unlock_source(global)?)?;
    let passphrase = super::unlock::replacement_passphrase(new_file)?;
    let (path, wrapped) = keyring::passphrase_wrap(&key, &passphrase, scrypt_log_n)?;
    let mut change = Change::default();
    change.write_private(path, wrapped);
    change.record(
        Event::new("keyring.passwd", "passphrase").detail(format!("scrypt 2^{scrypt_log_n}")),
    );
    store.commit(change)?;
    out.report(
        &serde_json::json!({ "changed": true, "scrypt_log_n": scrypt_log_n }),
        "passphrase changed; enrolled identities still unlock the store",
    );
    Ok(())
}
