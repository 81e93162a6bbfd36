//! `credctl init`: create the CA and its encrypted store.

use serde::Serialize;

use super::args::{GlobalArgs, InitArgs};
use super::output::Output;
use super::unlock::new_passphrase;
use crate::audit::Event;
use crate::error::Result;
use crate::store::{self, NewStore, keyring};
use crate::x509::ca::{self, NewCa};
use crate::x509::inspect;

#[derive(Serialize)]
struct InitReport {
    store: String,
    root: inspect::CertInfo,
    intermediate: Option<inspect::CertInfo>,
}

pub fn run(global: &GlobalArgs, args: &InitArgs, out: Output) -> Result<()> {
    // Validate everything before asking for a passphrase or generating a key.
    let name = args.name.trim();
    if name.is_empty() {
        return Err(crate::Error::InvalidInput(
            "--name must not be empty".into(),
        ));
    }
    keyring::check_scrypt_log_n(args.scrypt_log_n)?;
    store::check_can_create(&global.store)?;
    let passphrase = new_passphrase(global)?;

    let created = ca::create(&NewCa {
        name: name.to_owned(),
        key_type: args.key_type,
        days: args.days,
        intermediate_days: args.intermediate.then_some(args.intermediate_days),
    })?;
    let store_key = keyring::StoreKey::generate();
    let keyring_files = keyring::new_keyring_files(&store_key, &passphrase, args.scrypt_log_n)?;

    let root = inspect::info(&created.root.der)?;
    let intermediate = created
        .intermediate
        .as_ref()
        .map(|i| inspect::info(&i.der))
        .transpose()?;
    let mut events = vec![
        Event::new("store.init", global.store.display().to_string())
            .detail(format!("format v{}", store::FORMAT_VERSION)),
        Event::new("ca.create", &root.subject)
            .serial(&root.serial)
            .fingerprint(&root.fingerprint_sha256)
            .detail(format!("root, {}", args.key_type)),
    ];
    if let Some(i) = &intermediate {
        events.push(
            Event::new("ca.create", &i.subject)
                .serial(&i.serial)
                .fingerprint(&i.fingerprint_sha256)
                .detail(format!("intermediate, {}", args.key_type)),
        );
    }
    store::create(
        &global.store,
        NewStore {
            name,
            key_type: args.key_type,
            ca: &created,
            keyring_files,
            recipient: &store_key.recipient(),
            events,
        },
    )?;

    let mut human = format!(
        "created CA store {}\nroot:         {}\n  sha256:     {}\n  valid until {}",
        global.store.display(),
        root.subject,
        root.fingerprint_sha256,
        root.not_after
    );
    if let Some(i) = &intermediate {
        human.push_str(&format!(
            "\nintermediate: {}\n  sha256:     {}\n  valid until {}",
            i.subject, i.fingerprint_sha256, i.not_after
        ));
    }
    out.report(
        &InitReport {
            store: global.store.display().to_string(),
            root,
            intermediate,
        },
        &human,
    );
    Ok(())
}
