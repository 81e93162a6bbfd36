//! Service tokens (seed 003): signing keys sealed in the store like every other secret, JWTs of
//! three kinds minted and verified strictly, the public keys as an RFC 7517 JWK Set. NATS JWTs
//! are not these: they stay hand-built with nkeys (`nats`).
//!
//! Store layout: `tokens/keys/NAME.json` (algorithm, tenant, every key version by `kid`, the
//! public part of RS256/EdDSA keys) and `tokens/keys/NAME/KID.age` (the sealed secret: an HS256
//! secret, an RSA PKCS#1 private key, an Ed25519 PKCS#8 key).

pub mod apikey;
pub mod register;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

pub const KEYS_DIR: &str = "tokens/keys";

/// The algorithms a token key may have; each key verifies only its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Alg {
    HS256,
    RS256,
    EdDSA,
}

impl Alg {
    pub fn jwt(self) -> Algorithm {
        match self {
            Alg::HS256 => Algorithm::HS256,
            Alg::RS256 => Algorithm::RS256,
            Alg::EdDSA => Algorithm::EdDSA,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Alg::HS256 => "HS256",
            Alg::RS256 => "RS256",
            Alg::EdDSA => "EdDSA",
        }
    }
}

/// A named signing key and its versions, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyRecord {
    pub name: String,
    pub alg: Alg,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant: Option<String>,
    pub versions: Vec<KeyVersion>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyVersion {
    pub kid: String,
    pub created: String,
    /// Retired keys are out of the JWK Set and verify nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<String>,
    /// RS256: the PKCS#1 public key; EdDSA: the 32-byte key (base64url); HS256: none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public: Option<String>,
}

impl KeyRecord {
    pub fn file(name: &str) -> String {
        format!("{KEYS_DIR}/{name}.json")
    }

    pub fn secret_file(name: &str, kid: &str) -> String {
        format!("{KEYS_DIR}/{name}/{kid}.age")
    }

    /// The version new tokens are signed with: the newest not retired.
    pub fn current(&self) -> Option<&KeyVersion> {
        self.versions.iter().rev().find(|v| v.retired.is_none())
    }

    pub fn version(&self, kid: &str) -> Option<&KeyVersion> {
        self.versions.iter().find(|v| v.kid == kid)
    }
}

pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.');
    if !ok {
        return Err(Error::InvalidInput(format!(
            "{name:?} is not a key name: use letters, digits, '-', '_' and '.' (up to 64)"
        )));
    }
    Ok(())
}

/// A new key's secret (what is sealed) and public part (what the record and JWK Set carry).
pub struct NewSecret {
    pub secret: Zeroizing<Vec<u8>>,
    pub public: Option<String>,
    pub kid: String,
}

/// Generates a key of `alg`. The kid is derived from the public key (RS256, EdDSA) so two
/// stores never share one by chance, and random for HS256 (it must reveal nothing).
pub fn generate(alg: Alg) -> Result<NewSecret> {
    let failed =
        |e: &dyn std::fmt::Display| Error::Crypto(format!("cannot make a {} key: {e}", alg.name()));
    let (secret, public) = match alg {
        Alg::HS256 => {
            let mut secret = Zeroizing::new(vec![0u8; 32]);
            rand::fill(&mut secret[..]);
            (secret, None)
        }
        Alg::RS256 => {
            use rsa::pkcs1::{EncodeRsaPrivateKey, EncodeRsaPublicKey};
            let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 3072)
                .map_err(|e| failed(&e))?;
            let der = key.to_pkcs1_der().map_err(|e| failed(&e))?;
            let public = key.to_public_key().to_pkcs1_der().map_err(|e| failed(&e))?;
            (
                Zeroizing::new(der.as_bytes().to_vec()),
                Some(URL_SAFE_NO_PAD.encode(public.as_bytes())),
            )
        }
        Alg::EdDSA => {
            use ring::signature::KeyPair as _;
            let rng = ring::rand::SystemRandom::new();
            let pkcs8 =
                ring::signature::Ed25519KeyPair::generate_pkcs8(&rng).map_err(|e| failed(&e))?;
            let pair = ring::signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref())
                .map_err(|e| failed(&e))?;
            let public = URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
            (Zeroizing::new(pkcs8.as_ref().to_vec()), Some(public))
        }
    };
    let kid = match &public {
        Some(p) => {
            use sha2::Digest;
            URL_SAFE_NO_PAD.encode(&sha2::Sha256::digest(p.as_bytes())[..12])
        }
        None => {
            let mut id = [0u8; 12];
            rand::fill(&mut id);
            URL_SAFE_NO_PAD.encode(id)
        }
    };
    Ok(NewSecret {
        secret,
        public,
        kid,
    })
}

/// What signs a batch of tokens, parsed once. RS256 and EdDSA sign with ring: jsonwebtoken's
/// RustCrypto backend parses the key again for every signature (RS256: 4x the floor at 1,000
/// tokens). HS256 goes through jsonwebtoken.
pub enum Signer {
    Jwt(Alg, EncodingKey),
    Rsa(ring::signature::RsaKeyPair),
    Ed(ring::signature::Ed25519KeyPair),
}

impl Signer {
    pub fn new(alg: Alg, secret: &[u8]) -> Result<Signer> {
        Ok(match alg {
            Alg::RS256 => Signer::Rsa(
                ring::signature::RsaKeyPair::from_der(secret)
                    .map_err(|e| Error::Crypto(format!("cannot load the RSA key: {e}")))?,
            ),
            Alg::EdDSA => Signer::Ed(
                ring::signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(secret)
                    .map_err(|e| Error::Crypto(format!("cannot load the Ed25519 key: {e}")))?,
            ),
            Alg::HS256 => Signer::Jwt(alg, encoding_key(alg, secret)),
        })
    }

    /// A compact JWT of `claims` with `kid` in its header.
    pub fn sign<T: Serialize>(&self, claims: &T, kid: &str) -> Result<String> {
        let alg = match self {
            Signer::Jwt(alg, key) => {
                let mut header = Header::new(alg.jwt());
                header.kid = Some(kid.to_owned());
                return jsonwebtoken::encode(&header, claims, key)
                    .map_err(|e| Error::Crypto(format!("cannot sign: {e}")));
            }
            Signer::Rsa(_) => "RS256",
            Signer::Ed(_) => "EdDSA",
        };
        let header = serde_json::json!({ "typ": "JWT", "alg": alg, "kid": kid });
        let mut text = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&header).expect("serializes"));
        text.push('.');
        text.push_str(&URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("serializes")));
        let signature = match self {
            Signer::Rsa(key) => {
                let mut signature = vec![0u8; key.public().modulus_len()];
                key.sign(
                    &ring::signature::RSA_PKCS1_SHA256,
                    &ring::rand::SystemRandom::new(),
                    text.as_bytes(),
                    &mut signature,
                )
                .map_err(|e| Error::Crypto(format!("cannot sign: {e}")))?;
                signature
            }
            Signer::Ed(key) => key.sign(text.as_bytes()).as_ref().to_vec(),
            Signer::Jwt(..) => unreachable!("signed above"),
        };
        text.push('.');
        text.push_str(&URL_SAFE_NO_PAD.encode(signature));
        Ok(text)
    }
}

/// The key a token is signed with.
pub fn encoding_key(alg: Alg, secret: &[u8]) -> EncodingKey {
    match alg {
        Alg::HS256 => EncodingKey::from_secret(secret),
        Alg::RS256 => EncodingKey::from_rsa_der(secret),
        Alg::EdDSA => EncodingKey::from_ed_der(secret),
    }
}

/// The key a token is checked with: the public part, or for HS256 the secret.
pub fn decoding_key(alg: Alg, version: &KeyVersion, secret: Option<&[u8]>) -> Result<DecodingKey> {
    let public = || {
        version
            .public
            .as_deref()
            .and_then(|p| URL_SAFE_NO_PAD.decode(p).ok())
            .ok_or_else(|| Error::Crypto(format!("key {} has no public part", version.kid)))
    };
    Ok(match alg {
        Alg::HS256 => DecodingKey::from_secret(
            secret.ok_or_else(|| Error::Crypto("an HS256 key needs its secret".into()))?,
        ),
        Alg::RS256 => DecodingKey::from_rsa_der(&public()?),
        Alg::EdDSA => {
            let bytes = public()?;
            if bytes.len() != 32 {
                return Err(Error::Crypto(format!(
                    "key {} is not an Ed25519 key",
                    version.kid
                )));
            }
            DecodingKey::from_ed_der(&bytes)
        }
    })
}

/// One JWK (RFC 7517) of a public key version: RSA (`n`, `e`) or OKP Ed25519 (`x`).
pub fn jwk(record: &KeyRecord, version: &KeyVersion) -> Result<Option<serde_json::Value>> {
    let Some(public) = &version.public else {
        return Ok(None);
    };
    Ok(Some(match record.alg {
        Alg::HS256 => return Ok(None),
        Alg::RS256 => {
            use rsa::pkcs1::DecodeRsaPublicKey;
            use rsa::traits::PublicKeyParts;
            let der = URL_SAFE_NO_PAD
                .decode(public)
                .map_err(|e| Error::Crypto(e.to_string()))?;
            let key = rsa::RsaPublicKey::from_pkcs1_der(&der)
                .map_err(|e| Error::Crypto(e.to_string()))?;
            serde_json::json!({
                "kty": "RSA", "use": "sig", "alg": "RS256", "kid": version.kid,
                "n": URL_SAFE_NO_PAD.encode(key.n().to_bytes_be()),
                "e": URL_SAFE_NO_PAD.encode(key.e().to_bytes_be()),
            })
        }
        Alg::EdDSA => serde_json::json!({
            "kty": "OKP", "crv": "Ed25519", "use": "sig", "alg": "EdDSA", "kid": version.kid,
            "x": public,
        }),
    }))
}

/// The three kinds of seed 003, each with its default and longest lifetime and its audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Opens a tunnel once: minutes.
    Ephemeral,
    /// Re-establishes one tunnel (bound by its id): short.
    Recreate,
    /// Control-plane calls: longer, never accepted by a tunnel endpoint.
    Management,
}

/// The audience tunnel endpoints accept; management tokens never carry it.
pub const TUNNEL_AUDIENCE: &str = "tunnel";
pub const MANAGEMENT_AUDIENCE: &str = "management";

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Ephemeral => "ephemeral",
            Kind::Recreate => "recreate",
            Kind::Management => "management",
        }
    }

    /// (default, longest) lifetime in seconds.
    pub fn ttl(self) -> (i64, i64) {
        match self {
            Kind::Ephemeral => (5 * 60, 15 * 60),
            Kind::Recreate => (10 * 60, 60 * 60),
            Kind::Management => (24 * 3600, 30 * 24 * 3600),
        }
    }

    pub fn default_audience(self) -> &'static str {
        match self {
            Kind::Ephemeral | Kind::Recreate => TUNNEL_AUDIENCE,
            Kind::Management => MANAGEMENT_AUDIENCE,
        }
    }
}

/// The registered claims every token here carries (RFC 7519 4.1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Registered {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    pub jti: String,
}

impl Registered {
    /// Claims from `now` for `ttl` seconds, with a fresh `jti`.
    pub fn new(iss: &str, sub: &str, aud: &str, now: i64, ttl: i64) -> Registered {
        Registered {
            iss: iss.to_owned(),
            sub: sub.to_owned(),
            aud: aud.to_owned(),
            iat: now,
            nbf: now,
            exp: now + ttl,
            jti: new_jti(),
        }
    }
}

/// The claims of a service token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    #[serde(flatten)]
    pub std: Registered,
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tunnel: Option<String>,
}

/// A random token id: 16 bytes, base64url.
pub fn new_jti() -> String {
    let mut id = [0u8; 16];
    rand::fill(&mut id);
    URL_SAFE_NO_PAD.encode(id)
}

/// Signs `claims` with `key`, naming `kid` in the header.
pub fn sign(claims: &Claims, alg: Alg, kid: &str, key: &EncodingKey) -> Result<String> {
    let mut header = Header::new(alg.jwt());
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, key)
        .map_err(|e| Error::Crypto(format!("cannot sign: {e}")))
}

/// The header's `kid` and `alg`, unverified (to find the key).
pub fn peek(token: &str) -> Result<(String, Algorithm)> {
    let header = jsonwebtoken::decode_header(token)
        .map_err(|e| Error::VerificationFailed(format!("not a JWT: {e}")))?;
    let kid = header
        .kid
        .ok_or_else(|| Error::VerificationFailed("the token names no key (no kid)".into()))?;
    Ok((kid, header.alg))
}

/// Checks a token strictly: the key's own algorithm only, the signature, `exp`, `nbf` and `iat`
/// (required, numbers, with `skew` seconds), the audience when `aud` is given. The kind is the
/// caller's to check.
pub fn verify(
    token: &str,
    alg: Alg,
    key: &DecodingKey,
    aud: Option<&str>,
    skew: u64,
    now: i64,
) -> Result<Claims> {
    let mut validation = Validation::new(alg.jwt());
    validation.leeway = skew;
    validation.validate_nbf = true;
    validation.set_required_spec_claims(&["exp", "nbf", "iat", "aud", "sub", "iss"]);
    match aud {
        Some(a) => validation.set_audience(&[a]),
        None => validation.validate_aud = false,
    }
    let data = jsonwebtoken::decode::<Claims>(token, key, &validation).map_err(|e| {
        use jsonwebtoken::errors::ErrorKind as K;
        Error::VerificationFailed(match e.kind() {
            K::ExpiredSignature => "the token has expired".into(),
            K::ImmatureSignature => "the token is not valid yet (nbf)".into(),
            K::InvalidAudience => format!(
                "the token is for another audience (not {})",
                aud.unwrap_or("")
            ),
            K::InvalidSignature => {
                "the signature does not verify: tampered, or signed by another key".into()
            }
            K::InvalidAlgorithm => {
                format!("the token's algorithm is not its key's ({})", alg.name())
            }
            K::MissingRequiredClaim(c) => format!("the token has no {c} claim"),
            other => format!("the token is malformed: {other:?}"),
        })
    })?;
    let claims = data.claims;
    if claims.std.iat > now + skew as i64 {
        return Err(Error::VerificationFailed(
            "the token was issued in the future (iat)".into(),
        ));
    }
    Ok(claims)
}
