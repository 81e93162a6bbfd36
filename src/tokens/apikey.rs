//! API keys (seed 004): a high-entropy key printed once, with a prefix secret scanners can match
//! (`credctl_ak_`), and only its Argon2id hash (PHC string) kept. Parameters: the argon2 crate's
//! defaults, which are OWASP's current minimum for Argon2id: m = 19 MiB, t = 2, p = 1.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const DIR: &str = "tokens/apikeys";
/// What every key starts with: greppable, and distinct from anything else credctl prints.
pub const PREFIX: &str = "credctl_ak_";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApiKey {
    pub name: String,
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The key's first characters after the prefix: to tell keys apart, not to check them.
    pub hint: String,
    /// Argon2id PHC string.
    pub phc: String,
    pub created: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<String>,
}

impl ApiKey {
    pub fn file(name: &str) -> String {
        format!("{DIR}/{name}.json")
    }
}

/// A new key (32 random bytes, base32, lower case) and its record.
pub fn create(name: &str, scopes: &[String]) -> Result<(Zeroizing<String>, ApiKey)> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    rand::fill(&mut bytes[..]);
    let body = Zeroizing::new(
        data_encoding::BASE32_NOPAD
            .encode(&bytes[..])
            .to_lowercase(),
    );
    let key = Zeroizing::new(format!("{PREFIX}{}", body.as_str()));
    let record = ApiKey {
        name: name.to_owned(),
        scopes: scopes.to_vec(),
        hint: body[..6].to_owned(),
        phc: hash_argon2id(key.as_bytes())?,
        created: crate::clock::timestamp(),
        revoked: None,
    };
    Ok((key, record))
}

/// Argon2id with the crate's defaults (OWASP's minimum) and a random salt, as a PHC string.
pub fn hash_argon2id(secret: &[u8]) -> Result<String> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2::Argon2::default()
        .hash_password(secret, &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Crypto(format!("cannot hash: {e}")))
}

/// Whether `key` is the one `record` holds the hash of (a revoked key matches nothing).
pub fn matches(record: &ApiKey, key: &str) -> Result<bool> {
    if record.revoked.is_some() {
        return Ok(false);
    }
    let hash = PasswordHash::new(&record.phc)
        .map_err(|e| Error::corrupt(ApiKey::file(&record.name), e.to_string()))?;
    Ok(argon2::Argon2::default()
        .verify_password(key.trim().as_bytes(), &hash)
        .is_ok())
}
