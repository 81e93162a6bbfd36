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
    /// Keys that may sign accounts besides the operator's own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_server_url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operator_service_urls: Vec<String>,
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

impl Permission {
    pub fn is_empty(&self) -> bool {
        self.allow.is_empty() && self.deny.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    #[serde(rename = "pub")]
    pub publish: Permission,
    #[serde(rename = "sub")]
    pub subscribe: Permission,
}

/// A user may publish `max` replies to a request it received, within `ttl` nanoseconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsePermission {
    pub max: i64,
    pub ttl: i64,
}

/// A daily window, `HH:MM:SS` to `HH:MM:SS`, in which the user may connect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    pub start: String,
    pub end: String,
}

/// What a user may do (nats-io/jwt's `UserPermissionLimits`): a user's own, or the template a
/// scoped signing key applies to every user it signs. The three limits are absent (0) in the JWT
/// of a scoped user, which must carry no permissions or limits at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPermissionLimits {
    #[serde(rename = "pub", default)]
    pub publish: Permission,
    #[serde(rename = "sub", default)]
    pub subscribe: Permission,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resp: Option<ResponsePermission>,
    /// Source networks (CIDR) the user may connect from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub src: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times: Vec<TimeRange>,
    /// The IANA time zone of `times` (the server's local time when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times_location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subs: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bearer_token: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_connection_types: Vec<String>,
}

impl UserPermissionLimits {
    /// Nothing set: what a user signed by a scoped key carries.
    pub fn is_empty(&self) -> bool {
        *self == UserPermissionLimits::default()
    }
}

/// A signing key the account lists: plain (it signs users with their own permissions) or scoped
/// (nats-io/jwt's `UserScope`: the server gives its users the template's permissions and limits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SigningKey {
    Plain(String),
    Scoped(Box<UserScope>),
}

impl SigningKey {
    pub fn key(&self) -> &str {
        match self {
            SigningKey::Plain(key) => key,
            SigningKey::Scoped(scope) => &scope.key,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserScope {
    /// Always `user_scope`.
    pub kind: String,
    pub key: String,
    pub role: String,
    pub template: UserPermissionLimits,
    #[serde(default)]
    pub description: String,
}

/// A subject an account offers other accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub subject: String,
    /// `stream` or `service`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Private: an importer needs an activation token signed by this account.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub token_req: bool,
    /// Activations revoked: importing account -> tokens issued at or before this time.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub revocations: BTreeMap<String, i64>,
    /// For a service: `Singleton`, `Stream` or `Chunked`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_type: Option<String>,
    /// For a service: how long (ns) the responder has for a multi-part response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_threshold: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub advertise: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A subject an account takes from another account's export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Import {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub subject: String,
    /// The exporting account's public key.
    pub account: String,
    /// The activation token of a private export.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub token: String,
    /// Where the subject appears in the importing account, when elsewhere.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub local_subject: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountNats {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<Import>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exports: Vec<Export>,
    pub limits: AccountLimits,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<SigningKey>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub revocations: BTreeMap<String, i64>,
    pub default_permissions: Permissions,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserNats {
    #[serde(flatten)]
    pub permissions: UserPermissionLimits,
    /// Set when an account signing key (not the account itself) issued the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_account: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub version: u8,
}

/// An activation token: the exporting account lets the account in `sub` import `subject`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivationNats {
    pub subject: String,
    /// `stream` or `service`.
    pub kind: String,
    /// Set when a signing key of the exporting account signed the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer_account: Option<String>,
    #[serde(rename = "type")]
    pub typ: String,
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
                account_server_url: None,
                operator_service_urls: vec![],
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
