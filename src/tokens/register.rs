//! Registration tokens (seed 004): one-time, signed with the tenant's Ed25519 key, carrying a
//! fresh 32-byte nonce and, for a node bound to a device, SHA-256(mac || nonce) as the node
//! certificate's MAC binding extension does. A registrar redeems each nonce once: the spent ones
//! are kept in the store (`tokens/nonces/TENANT`, one a line).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub const AUDIENCE: &str = "registration";
pub const NONCES_DIR: &str = "tokens/nonces";
/// (default, longest) lifetime in seconds.
pub const TTL: (i64, i64) = (24 * 3600, 30 * 24 * 3600);

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegistrationClaims {
    #[serde(flatten)]
    pub std: super::Registered,
    pub tenant: String,
    /// 32 random bytes, base64url.
    pub nonce: String,
    /// SHA-256(mac || nonce), hex, when the node is bound to a device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mac_binding: Option<String>,
}

pub fn nonces_file(tenant: &str) -> String {
    format!("{NONCES_DIR}/{tenant}")
}

/// The claims of a new registration token for `node` of `tenant`.
pub fn claims(
    iss: &str,
    node: &str,
    tenant: &str,
    ttl: i64,
    mac: Option<&[u8; 6]>,
    now: i64,
) -> RegistrationClaims {
    let mut nonce = [0u8; 32];
    rand::fill(&mut nonce);
    RegistrationClaims {
        std: super::Registered::new(iss, node, AUDIENCE, now, ttl),
        tenant: tenant.to_owned(),
        nonce: URL_SAFE_NO_PAD.encode(nonce),
        mac_binding: mac.map(|m| binding(m, &nonce)),
    }
}

fn binding(mac: &[u8; 6], nonce: &[u8]) -> String {
    hex::encode(
        Sha256::new()
            .chain_update(mac)
            .chain_update(nonce)
            .finalize(),
    )
}

/// Checks signature (EdDSA only), exp/nbf/iat and the registration audience.
pub fn verify(token: &str, key: &DecodingKey, skew: u64) -> Result<RegistrationClaims> {
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.leeway = skew;
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "nbf", "iat", "aud", "sub"]);
    validation.set_audience(&[AUDIENCE]);
    jsonwebtoken::decode::<RegistrationClaims>(token, key, &validation)
        .map(|d| d.claims)
        .map_err(|e| {
            use jsonwebtoken::errors::ErrorKind as K;
            Error::VerificationFailed(match e.kind() {
                K::ExpiredSignature => "the registration token has expired".into(),
                K::ImmatureSignature => "the registration token is not valid yet".into(),
                K::InvalidAudience => "not a registration token".into(),
                K::InvalidSignature => {
                    "the signature does not verify: tampered, or another tenant's key".into()
                }
                other => format!("the registration token is malformed: {other:?}"),
            })
        })
}

/// Whether the token's MAC binding is `mac`'s.
pub fn mac_matches(claims: &RegistrationClaims, mac: &[u8; 6]) -> bool {
    let Ok(nonce) = URL_SAFE_NO_PAD.decode(&claims.nonce) else {
        return false;
    };
    claims.mac_binding.as_deref() == Some(binding(mac, &nonce).as_str())
}
