//! Where the passphrase comes from: identity file, passphrase file, environment, or a prompt
//! (only when stdin is a terminal). Without any of them a command fails before touching anything.

use std::io::IsTerminal;
use std::path::Path;

use age::secrecy::SecretString;

use super::args::GlobalArgs;
use crate::error::{Error, Result};
use crate::store::keyring::{UnlockSource, check_passphrase_strength, read_passphrase_file};

const PASSPHRASE_ENV: &str = "CREDCTL_PASSPHRASE";

/// The source to unlock an existing store with, without prompting yet if it is a file.
pub fn unlock_source(global: &GlobalArgs) -> Result<UnlockSource> {
    if let Some(path) = &global.identity {
        return Ok(UnlockSource::IdentityFile(path.clone()));
    }
    if let Some(dir) = &global.shares_from {
        return super::shares::source(dir, &global.share_identity);
    }
    if let Some(passphrase) = non_interactive_passphrase(global)? {
        return Ok(UnlockSource::Passphrase(passphrase));
    }
    if std::io::stdin().is_terminal() {
        let typed = dialoguer::Password::new()
            .with_prompt("CA store passphrase")
            .interact()
            .map_err(|e| Error::InvalidInput(format!("cannot read the passphrase: {e}")))?;
        return Ok(UnlockSource::Passphrase(SecretString::from(typed)));
    }
    Err(Error::NoPassphraseSource)
}

/// The passphrase for a new store, typed twice when prompted.
pub fn new_passphrase(global: &GlobalArgs) -> Result<SecretString> {
    prompt_new(non_interactive_passphrase(global)?)
}

/// A replacement passphrase: from `file`, else typed twice at a terminal.
pub fn replacement_passphrase(file: Option<&Path>) -> Result<SecretString> {
    prompt_new(file.map(read_passphrase_file).transpose()?)
}

fn prompt_new(given: Option<SecretString>) -> Result<SecretString> {
    let passphrase = match given {
        Some(p) => p,
        None if std::io::stdin().is_terminal() => {
            let typed = dialoguer::Password::new()
                .with_prompt("New CA store passphrase")
                .with_confirmation("Repeat the passphrase", "the passphrases do not match")
                .interact()
                .map_err(|e| Error::InvalidInput(format!("cannot read the passphrase: {e}")))?;
            SecretString::from(typed)
        }
        None => return Err(Error::NoPassphraseSource),
    };
    check_passphrase_strength(&passphrase)?;
    Ok(passphrase)
}

/// The passphrase of `--p12` hand-outs: its file, `$CREDCTL_P12_PASSPHRASE`, or typed twice at a
/// terminal; None without `--p12`. Asked for before anything is unlocked or generated.
pub fn p12_passphrase(args: &super::args::P12Args) -> Result<Option<SecretString>> {
    if !args.p12 {
        return Ok(None);
    }
    if let Some(path) = &args.p12_passphrase_file {
        return read_passphrase_file(path).map(Some);
    }
    match std::env::var("CREDCTL_P12_PASSPHRASE") {
        Ok(value) if !value.is_empty() => return Ok(Some(SecretString::from(value))),
        _ => {}
    }
    if std::io::stdin().is_terminal() {
        let typed = dialoguer::Password::new()
            .with_prompt("PKCS#12 passphrase")
            .with_confirmation("Repeat it", "the passphrases do not match")
            .interact()
            .map_err(|e| Error::InvalidInput(format!("cannot read the passphrase: {e}")))?;
        return Ok(Some(SecretString::from(typed)));
    }
    Err(Error::InvalidInput(
        "--p12 needs a passphrase: --p12-passphrase-file FILE, CREDCTL_P12_PASSPHRASE, or a terminal"
            .into(),
    ))
}

/// The passphrase of an encrypted key being imported: from `file`, else typed at a terminal.
pub fn import_key_passphrase(file: Option<&Path>, key: &Path) -> Result<SecretString> {
    if let Some(path) = file {
        return read_passphrase_file(path);
    }
    if std::io::stdin().is_terminal() {
        let typed = dialoguer::Password::new()
            .with_prompt(format!("Passphrase of {}", key.display()))
            .interact()
            .map_err(|e| Error::InvalidInput(format!("cannot read the passphrase: {e}")))?;
        return Ok(SecretString::from(typed));
    }
    Err(Error::InvalidInput(format!(
        "{} is encrypted: give --import-key-passphrase-file FILE, or run at a terminal",
        key.display()
    )))
}

fn non_interactive_passphrase(global: &GlobalArgs) -> Result<Option<SecretString>> {
    if let Some(path) = &global.passphrase_file {
        return read_passphrase_file(path).map(Some);
    }
    match std::env::var(PASSPHRASE_ENV) {
        Ok(value) if !value.is_empty() => Ok(Some(SecretString::from(value))),
        _ => Ok(None),
    }
}
