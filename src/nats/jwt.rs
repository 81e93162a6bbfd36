//! NATS JWT v2, built by hand: jsonwebtoken has no `ed25519-nkey` algorithm.
//!
//! A token is `base64url(header).base64url(claims).base64url(signature)`, unpadded, where the
//! header is `{"typ":"JWT","alg":"ed25519-nkey"}` and the signature is Ed25519 over the first two
//! parts by the issuer's nkey. `jti` is the base32 SHA-512/256 of the claims with an empty `jti`.

use std::collections::BTreeMap;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use nkeys::KeyPair;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha512_256};

use crate::error::{Error, Result};

const HEADER: &str = r#"{"typ":"JWT","alg":"ed25519-nkey"}"#;

/// The registered claims every NATS JWT has, around its `nats` section.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims<N> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exp: Option<i64>,
    pub jti: String,
    pub iat: i64,
    pub iss: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nbf: Option<i64>,
    pub sub: String,
    pub nats: N,
}

impl<N> Claims<N> {
    /// Claims about `sub` issued at `iat`; `iss` and `jti` are filled in by [`encode`].
    pub fn new(name: &str, sub: &str, iat: i64, nats: N) -> Self {
        Claims {
            exp: None,
            jti: String::new(),
            iat,
            iss: String::new(),
            name: name.to_owned(),
            nbf: None,
            sub: sub.to_owned(),
            nats,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OperatorNats {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<String>,
    pub system_account: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
}

/// Account limits; -1 is unlimited. nats-server reads an absent limit as 0 (nothing allowed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountLimits {
    pub subs: i64,
    pub data: i64,
    pub payload: i64,
    pub imports: i64,
    pub exports: i64,
    pub wildcards: bool,
    pub conn: i64,
    pub leaf: i64,
    /// JetStream: 0 disables it for the account.
    pub mem_storage: i64,
    pub disk_storage: i64,
    pub streams: i64,
    pub consumer: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deny: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    #[serde(rename = "pub")]
    pub publish: Permission,
    #[serde(rename = "sub")]
    pub subscribe: Permission,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountNats {
    pub limits: AccountLimits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub revocations: BTreeMap<String, i64>,
    pub default_permissions: Permissions,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserNats {
    #[serde(rename = "pub")]
    pub publish: Permission,
    #[serde(rename = "sub")]
    pub subscribe: Permission,
    pub subs: i64,
    pub data: i64,
    pub payload: i64,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bearer_token: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_connection_types: Vec<String>,
    /// Set when an account signing key (not the account itself) issued the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_account: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Fills in `jti`, signs with `issuer`, and returns the token.
pub fn encode<N: Serialize>(mut claims: Claims<N>, issuer: &KeyPair) -> Result<String> {
    claims.iss = issuer.public_key();
    claims.jti = String::new();
    let unsigned = serde_json::to_vec(&claims).expect("claims serialize");
    claims.jti = data_encoding::BASE32_NOPAD.encode(&Sha512_256::digest(&unsigned));
    let payload = serde_json::to_vec(&claims).expect("claims serialize");
    let signing_input = format!("{}.{}", b64(HEADER.as_bytes()), b64(&payload));
    let signature = issuer
        .sign(signing_input.as_bytes())
        .map_err(|e| Error::Crypto(format!("nkey signing failed: {e}")))?;
    Ok(format!("{signing_input}.{}", b64(&signature)))
}

/// Splits a token, checks its header and its signature by the `iss` nkey, and returns the claims.
pub fn decode(token: &str) -> Result<serde_json::Value> {
    let bad = |why: &str| Error::InvalidInput(format!("not a valid NATS JWT: {why}"));
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [header, payload, signature] = parts[..] else {
        return Err(bad("expected three dot-separated parts"));
    };
    let header_json: serde_json::Value = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| bad("header"))?;
    if header_json["alg"] != "ed25519-nkey" || header_json["typ"] != "JWT" {
        return Err(bad("header is not {typ: JWT, alg: ed25519-nkey}"));
    }
    let claims: serde_json::Value = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or_else(|| bad("claims"))?;
    let issuer = claims["iss"].as_str().ok_or_else(|| bad("no iss"))?;
    let key = KeyPair::from_public_key(issuer).map_err(|_| bad("iss is not an nkey"))?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| bad("signature encoding"))?;
    key.verify(format!("{header}.{payload}").as_bytes(), &signature)
        .map_err(|_| bad("the signature does not verify"))?;
    Ok(claims)
}

/// A user's `.creds` file, in the exact layout nats tooling reads.
pub fn creds(jwt: &str, seed: &str) -> zeroize::Zeroizing<String> {
    zeroize::Zeroizing::new(format!(
        "-----BEGIN NATS USER JWT-----\n{jwt}\n------END NATS USER JWT------\n\n\
         ************************* IMPORTANT *************************\n\
         NKEY Seed printed below can be used to sign and prove identity.\n\
         NKEYs are sensitive and should be treated as secrets.\n\n\
         -----BEGIN USER NKEY SEED-----\n{seed}\n------END USER NKEY SEED------\n\n\
         *************************************************************\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_round_trips_and_tampering_breaks_it() {
        let operator = KeyPair::new_operator();
        let claims = Claims::new(
            "op",
            &operator.public_key(),
            1_700_000_000,
            OperatorNats {
                signing_keys: vec![],
                system_account: "ASYS".into(),
                kind: "operator".into(),
                version: 2,
            },
        );
        let token = encode(claims, &operator).unwrap();
        assert!(!token.contains('='));
        let decoded = decode(&token).unwrap();
        assert_eq!(decoded["iss"], operator.public_key());
        assert_eq!(decoded["nats"]["type"], "operator");
        assert_eq!(decoded["jti"].as_str().unwrap().len(), 52);

        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let mut claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();
        claims["name"] = "mallory".into();
        parts[1] = b64(&serde_json::to_vec(&claims).unwrap());
        assert!(decode(&parts.join(".")).is_err());
    }
}
