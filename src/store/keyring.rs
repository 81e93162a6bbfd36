//! The store's keyring. One random age X25519 "store identity" encrypts every private key and seed
//! in the store. It is itself kept only wrapped: with the passphrase (scrypt, pinned work factor)
//! and, optionally, for enrolled X25519 recipients so automation can unlock without scrypt.
//!
//! New secrets are encrypted to the store's public recipient, so writing one needs no unlock;
//! reading one (signing with the CA) needs the store identity.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::custody::{
    CUSTODY_FILE, Custody, PASSPHRASE_KEY_WRAP, PassphraseCustodian, SHARES_WRAP,
};
use super::fsio;
use super::shares::{self, SplitInfo};
use crate::error::{Error, Result};

pub const KEYRING_DIR: &str = "keyring";
pub const STORE_RECIPIENT_FILE: &str = "keyring/store.pub";
pub const PASSPHRASE_WRAP_FILE: &str = "keyring/passphrase.age";

/// scrypt log2(N) used unless `init --scrypt-log-n` says otherwise: about a second on this
/// machine, a few on a slow air-gapped laptop, 256 MiB of memory.
pub const DEFAULT_SCRYPT_LOG_N: u8 = 18;
/// The weakest work factor `init` accepts.
pub const MIN_SCRYPT_LOG_N: u8 = 14;
/// The strongest work factor we agree to compute when unlocking (bounds a hostile file).
pub const MAX_SCRYPT_LOG_N: u8 = 22;
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// A store file to write: its store path and contents.
pub type StoreFile = (PathBuf, Vec<u8>);

/// How the user proves they may unlock the store.
pub enum UnlockSource {
    Passphrase(SecretString),
    IdentityFile(PathBuf),
    /// Printed shares of the store's current split, each with a name for errors (its file).
    Shares(ShareSupply),
}

/// Where the shares come from: read already, or asked for once the split is known (typed at a
/// terminal: the prompt checks each line against the split as it is typed).
pub enum ShareSupply {
    Texts(Vec<(String, Zeroizing<String>)>),
    Prompt(SharePrompt),
}

pub type SharePrompt = Box<dyn FnOnce(&SplitInfo) -> Result<Vec<(String, Zeroizing<String>)>>>;

/// The unlocked store identity. age zeroizes the X25519 secret when it drops.
pub struct StoreKey {
    identity: x25519::Identity,
}

impl StoreKey {
    pub fn generate() -> Self {
        StoreKey {
            identity: x25519::Identity::generate(),
        }
    }

    pub fn recipient(&self) -> x25519::Recipient {
        self.identity.to_public()
    }

    /// Decrypts a secret that was sealed to this store.
    pub fn open(&self, sealed: &[u8], what: &Path) -> Result<Zeroizing<Vec<u8>>> {
        age::decrypt(&self.identity, sealed)
            .map(Zeroizing::new)
            .map_err(|e| Error::corrupt(what, format!("cannot decrypt: {e}")))
    }

    /// The store identity sealed for `recipient` (a custodian's wrap).
    pub fn wrap_for(&self, recipient: &x25519::Recipient) -> Result<Vec<u8>> {
        seal(recipient, self.secret_text().as_bytes())
    }

    fn secret_text(&self) -> Zeroizing<String> {
        Zeroizing::new(self.identity.to_string().expose_secret().to_owned())
    }
}

/// Encrypts `plaintext` (a key, a seed) to the store recipient, ASCII-armored.
pub fn seal(recipient: &x25519::Recipient, plaintext: &[u8]) -> Result<Vec<u8>> {
    age::encrypt_and_armor(recipient, plaintext)
        .map(String::into_bytes)
        .map_err(|e| Error::Crypto(e.to_string()))
}

pub fn check_passphrase_strength(passphrase: &SecretString) -> Result<()> {
    if passphrase.expose_secret().chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(Error::WeakPassphrase(format!(
            "the passphrase is shorter than {MIN_PASSPHRASE_CHARS} characters"
        )));
    }
    Ok(())
}

pub fn check_scrypt_log_n(log_n: u8) -> Result<()> {
    if !(MIN_SCRYPT_LOG_N..=MAX_SCRYPT_LOG_N).contains(&log_n) {
        return Err(Error::InvalidInput(format!(
            "--scrypt-log-n must be between {MIN_SCRYPT_LOG_N} and {MAX_SCRYPT_LOG_N}, got {log_n}"
        )));
    }
    Ok(())
}

/// The files of a new keyring, relative to the store root: store.pub, the passphrase's wraps and
/// the custodians' record.
pub fn new_keyring_files(
    key: &StoreKey,
    passphrase: &SecretString,
    scrypt_log_n: u8,
) -> Result<Vec<(PathBuf, Vec<u8>)>> {
    let (mut files, custodian) = passphrase_files(key, passphrase, scrypt_log_n)?;
    let custody = Custody {
        passphrase: Some(custodian),
        ..Custody::default()
    };
    files.push((
        STORE_RECIPIENT_FILE.into(),
        format!("{}\n", key.recipient()).into_bytes(),
    ));
    files.push((CUSTODY_FILE.into(), custody.to_json()));
    Ok(files)
}

/// A new passphrase custodian: a fresh identity, scrypt-wrapped with `passphrase`
/// (`passphrase.age`), and the store identity sealed to it (`passphrase.wrap.age`). A fresh
/// identity each time, so an old passphrase with a copy of its old wrap opens nothing current.
pub fn passphrase_files(
    key: &StoreKey,
    passphrase: &SecretString,
    scrypt_log_n: u8,
) -> Result<(Vec<StoreFile>, PassphraseCustodian)> {
    check_scrypt_log_n(scrypt_log_n)?;
    let holder = x25519::Identity::generate();
    let mut recipient = age::scrypt::Recipient::new(passphrase.clone());
    recipient.set_work_factor(scrypt_log_n);
    let secret = Zeroizing::new(holder.to_string().expose_secret().to_owned());
    let wrapped = age::encrypt_and_armor(&recipient, secret.as_bytes())
        .map(String::into_bytes)
        .map_err(|e| Error::Crypto(e.to_string()))?;
    let files = vec![
        (PASSPHRASE_WRAP_FILE.into(), wrapped),
        (
            PASSPHRASE_KEY_WRAP.into(),
            key.wrap_for(&holder.to_public())?,
        ),
    ];
    let custodian = PassphraseCustodian {
        recipient: holder.to_public().to_string(),
        added: crate::clock::timestamp(),
    };
    Ok((files, custodian))
}

/// Where the wrap for `recipient` lives, named by a short hash of the recipient.
pub fn recipient_wrap_path(recipient: &x25519::Recipient) -> PathBuf {
    let digest = Sha256::digest(recipient.to_string().as_bytes());
    PathBuf::from(format!(
        "{KEYRING_DIR}/x25519-{}.age",
        hex::encode(&digest[..6])
    ))
}

/// The store identity wrapped for an additional X25519 recipient (an automation identity).
pub fn wrap_for_recipient(
    key: &StoreKey,
    recipient: &x25519::Recipient,
) -> Result<(PathBuf, Vec<u8>)> {
    Ok((recipient_wrap_path(recipient), key.wrap_for(recipient)?))
}

pub fn parse_recipient(text: &str) -> Result<x25519::Recipient> {
    x25519::Recipient::from_str(text.trim()).map_err(|e| {
        Error::InvalidInput(format!(
            "{:?} is not an age X25519 recipient (age1...): {e}",
            text.trim()
        ))
    })
}

pub fn read_store_recipient(store_root: &Path) -> Result<x25519::Recipient> {
    let path = store_root.join(STORE_RECIPIENT_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::corrupt(&path, e))?;
    x25519::Recipient::from_str(text.trim()).map_err(|e| Error::corrupt(&path, e))
}

/// Reads a file holding a secret (a passphrase, an identity) and refuses, as ssh does for its
/// keys, a regular file that its group or others may read or write, or that another user owns:
/// the secret may be known, or swapped, by someone else. The check is on the opened file (no
/// window between check and read); pipes and other non-regular files (`/dev/stdin`,
/// `<(command)`) are not checked.
fn read_secret_file(
    path: &Path,
    unreadable: impl Fn(std::io::Error) -> Error,
) -> Result<Zeroizing<String>> {
    use std::io::Read;
    use std::os::unix::fs::MetadataExt;
    let mut file = std::fs::File::open(path).map_err(&unreadable)?;
    let meta = file.metadata().map_err(&unreadable)?;
    if meta.is_file() {
        let mode = meta.mode() & 0o7777;
        if fsio::owned_by_another_user(meta.uid()) {
            return Err(Error::InvalidInput(format!(
                "{}: owned by another user (uid {}): use a copy of your own with mode 0600",
                path.display(),
                meta.uid()
            )));
        }
        if mode & 0o077 != 0 {
            return Err(Error::InvalidInput(format!(
                "{}: {} (mode {mode:04o}): chmod 600 {}",
                path.display(),
                fsio::exposure(mode, 0o077),
                path.display()
            )));
        }
    }
    // Sized up front so the secret is not left behind in a smaller, freed buffer.
    let mut text = Zeroizing::new(String::with_capacity(
        usize::try_from(meta.len()).unwrap_or(0).saturating_add(1),
    ));
    file.read_to_string(&mut text).map_err(unreadable)?;
    Ok(text)
}

/// The text of an age identity file, refused if others may read or write it.
pub fn read_identity_file(path: &Path) -> Result<Zeroizing<String>> {
    read_secret_file(path, |e| Error::BadIdentityFile {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

/// The first line of the file, without its line ending. Refuses a file others may read or
/// write ([`read_secret_file`]).
pub fn read_passphrase_file(path: &Path) -> Result<SecretString> {
    let text = read_secret_file(path, |source| Error::PassphraseFile {
        path: path.to_path_buf(),
        source,
    })?;
    let first = text.lines().next().unwrap_or("");
    if first.is_empty() {
        return Err(Error::InvalidInput(format!(
            "passphrase file {} is empty",
            path.display()
        )));
    }
    Ok(SecretString::from(first.to_owned()))
}

/// Unwraps the store identity. With a passphrase this is the one slow (scrypt) step of a command.
pub fn unlock(store_root: &Path, source: UnlockSource) -> Result<StoreKey> {
    let secret = match source {
        UnlockSource::Passphrase(passphrase) => unwrap_with_passphrase(store_root, &passphrase)?,
        UnlockSource::IdentityFile(path) => unwrap_with_identity_file(store_root, &path)?,
        UnlockSource::Shares(supply) => unwrap_with_shares(store_root, supply)?,
    };
    let identity = x25519::Identity::from_str(std::str::from_utf8(&secret).unwrap_or("").trim())
        .map_err(|e| {
            Error::corrupt(
                store_root.join(KEYRING_DIR),
                format!("unwrapped key is invalid: {e}"),
            )
        })?;
    let key = StoreKey { identity };
    // A wrap that opens but does not match store.pub means the keyring was swapped.
    let expected = read_store_recipient(store_root)?;
    if key.recipient().to_string() != expected.to_string() {
        return Err(Error::corrupt(
            store_root.join(STORE_RECIPIENT_FILE),
            "does not match the unlocked store key",
        ));
    }
    Ok(key)
}

fn unwrap_with_passphrase(
    store_root: &Path,
    passphrase: &SecretString,
) -> Result<Zeroizing<Vec<u8>>> {
    let path = store_root.join(PASSPHRASE_WRAP_FILE);
    let wrapped = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::NoPassphrase),
        Err(e) => return Err(Error::io(&path, e)),
    };
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_SCRYPT_LOG_N);
    let secret = match age::decrypt(&identity, &wrapped) {
        Ok(secret) => Zeroizing::new(secret),
        Err(age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys) => {
            return Err(Error::WrongPassphrase);
        }
        Err(e) => return Err(Error::corrupt(&path, e)),
    };
    // The older layout wraps the store identity itself; the current one, the passphrase's own
    // identity, which opens its wrap of the store identity.
    let holder = parse_identity(&secret, &path)?;
    if holder.to_public().to_string() == read_store_recipient(store_root)?.to_string() {
        return Ok(secret);
    }
    open_wrap(store_root, PASSPHRASE_KEY_WRAP, &holder)
}

fn parse_identity(secret: &[u8], path: &Path) -> Result<x25519::Identity> {
    x25519::Identity::from_str(std::str::from_utf8(secret).unwrap_or("").trim())
        .map_err(|e| Error::corrupt(path, format!("unwrapped key is invalid: {e}")))
}

/// The store identity from the wrap at `rel`, sealed to `holder`.
fn open_wrap(
    store_root: &Path,
    rel: &str,
    holder: &x25519::Identity,
) -> Result<Zeroizing<Vec<u8>>> {
    let path = store_root.join(rel);
    let wrapped = std::fs::read(&path).map_err(|e| Error::corrupt(&path, e))?;
    age::decrypt(holder, &wrapped)
        .map(Zeroizing::new)
        .map_err(|e| Error::corrupt(&path, e))
}

/// Rebuilds the share set's identity from enough shares of the current split, then opens its
/// wrap. A share that fails its checks is named; so is one of another split.
fn unwrap_with_shares(store_root: &Path, supply: ShareSupply) -> Result<Zeroizing<Vec<u8>>> {
    let custody = Custody::load(store_root)?;
    let Some(set) = &custody.shares else {
        return Err(Error::NoShareSet);
    };
    let info = set.info();
    let texts = match supply {
        ShareSupply::Texts(texts) => texts,
        ShareSupply::Prompt(prompt) => prompt(&info)?,
    };
    let mut parsed = Vec::new();
    for (name, text) in &texts {
        let share = shares::parse(text, &info).map_err(|e| Error::BadShare {
            name: name.clone(),
            detail: e
                .to_string()
                .trim_start_matches("invalid input: ")
                .to_owned(),
        })?;
        parsed.push(share);
    }
    let holder = shares::combine(&info, &parsed).map_err(|e| Error::BadShare {
        name: "the shares given".into(),
        detail: e
            .to_string()
            .trim_start_matches("invalid input: ")
            .to_owned(),
    })?;
    if holder.to_public().to_string() != set.recipient {
        return Err(Error::BadShare {
            name: "the shares given".into(),
            detail: "they do not combine to this store's share key".into(),
        });
    }
    open_wrap(store_root, SHARES_WRAP, &holder)
}

fn unwrap_with_identity_file(store_root: &Path, path: &Path) -> Result<Zeroizing<Vec<u8>>> {
    let bad = |detail: String| Error::BadIdentityFile {
        path: path.to_path_buf(),
        detail,
    };
    let text = read_secret_file(path, |e| bad(e.to_string()))?;
    let identities: Vec<x25519::Identity> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| x25519::Identity::from_str(l).map_err(|e| bad(e.to_string())))
        .collect::<Result<_>>()?;
    if identities.is_empty() {
        return Err(bad("it holds no identity".into()));
    }
    for identity in &identities {
        let wrap = store_root.join(recipient_wrap_path(&identity.to_public()));
        if let Ok(wrapped) = std::fs::read(&wrap) {
            return age::decrypt(identity, &wrapped)
                .map(Zeroizing::new)
                .map_err(|e| Error::corrupt(&wrap, e));
        }
    }
    Err(Error::IdentityNotEnrolled(path.to_path_buf()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A secret input file as a careful user makes one: 0600 from the start.
    fn write_secret(path: &Path, text: &str) {
        fsio::write_new(path, text.as_bytes(), fsio::PRIVATE_FILE, false).unwrap();
    }

    fn write_files(root: &Path, files: &[(PathBuf, Vec<u8>)]) {
        std::fs::create_dir_all(root.join(KEYRING_DIR)).unwrap();
        for (rel, bytes) in files {
            std::fs::write(root.join(rel), bytes).unwrap();
        }
    }

    #[test]
    fn passphrase_and_identity_unlock_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = StoreKey::generate();
        let pass = SecretString::from("correct horse battery".to_owned());
        write_files(
            dir.path(),
            &new_keyring_files(&key, &pass, MIN_SCRYPT_LOG_N).unwrap(),
        );

        let sealed = seal(&key.recipient(), b"ca private key").unwrap();
        let unlocked = unlock(dir.path(), UnlockSource::Passphrase(pass)).unwrap();
        assert_eq!(
            &**unlocked.open(&sealed, Path::new("x")).unwrap(),
            b"ca private key"
        );

        let automation = x25519::Identity::generate();
        let wrap = wrap_for_recipient(&unlocked, &automation.to_public()).unwrap();
        write_files(dir.path(), &[wrap]);
        let id_file = dir.path().join("ci.key");
        write_secret(&id_file, automation.to_string().expose_secret());
        let via_identity = unlock(dir.path(), UnlockSource::IdentityFile(id_file)).unwrap();
        assert_eq!(
            via_identity.recipient().to_string(),
            key.recipient().to_string()
        );
    }

    #[test]
    fn wrong_passphrase_is_reported_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let key = StoreKey::generate();
        let pass = SecretString::from("correct horse battery".to_owned());
        write_files(
            dir.path(),
            &new_keyring_files(&key, &pass, MIN_SCRYPT_LOG_N).unwrap(),
        );
        let wrong = SecretString::from("incorrect horse battery".to_owned());
        let err = unlock(dir.path(), UnlockSource::Passphrase(wrong))
            .err()
            .unwrap();
        assert!(matches!(err, Error::WrongPassphrase), "{err}");
    }

    #[test]
    fn unknown_identity_is_not_enrolled() {
        let dir = tempfile::tempdir().unwrap();
        let key = StoreKey::generate();
        let pass = SecretString::from("correct horse battery".to_owned());
        write_files(
            dir.path(),
            &new_keyring_files(&key, &pass, MIN_SCRYPT_LOG_N).unwrap(),
        );
        let stranger = dir.path().join("stranger.key");
        write_secret(
            &stranger,
            x25519::Identity::generate().to_string().expose_secret(),
        );
        let err = unlock(dir.path(), UnlockSource::IdentityFile(stranger))
            .err()
            .unwrap();
        assert!(matches!(err, Error::IdentityNotEnrolled(_)), "{err}");
    }

    #[test]
    fn secret_files_others_can_open_are_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let pass = dir.path().join("pass");
        write_secret(&pass, "correct horse battery\n");
        assert_eq!(
            read_passphrase_file(&pass).unwrap().expose_secret(),
            "correct horse battery"
        );
        for (mode, message) in [
            (0o644, "readable by others (mode 0644): chmod 600"),
            (0o640, "readable by its group (mode 0640): chmod 600"),
            (
                0o666,
                "readable and writable by others (mode 0666): chmod 600",
            ),
            (0o602, "writable by others (mode 0602): chmod 600"),
        ] {
            std::fs::set_permissions(&pass, std::fs::Permissions::from_mode(mode)).unwrap();
            let err = read_passphrase_file(&pass).err().unwrap();
            assert!(matches!(err, Error::InvalidInput(_)), "{err}");
            assert!(err.to_string().contains(message), "{mode:o}: {err}");
            let err = unwrap_with_identity_file(dir.path(), &pass).err().unwrap();
            assert!(err.to_string().contains(message), "{mode:o}: {err}");
        }
    }
}
