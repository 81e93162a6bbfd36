//! Key types credctl generates and signs with.

use rcgen::{KeyPair, SignatureAlgorithm};
use rustls_pki_types::PrivatePkcs8KeyDer;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The public keys credctl signs certificates for when a CSR brings its own key (what its
/// signing library, ring, verifies), as errors name them.
pub const CSR_KEYS: &str = "ECDSA P-256, ECDSA P-384, Ed25519, RSA 2048 to 8192 bits";
pub const RSA_MIN_BITS: usize = 2048;
pub const RSA_MAX_BITS: usize = 8192;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyType {
    EcdsaP256,
    EcdsaP384,
    Ed25519,
    /// RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)
    #[serde(rename = "rsa-3072")]
    Rsa3072,
    /// RSA 2048 and 4096: what an imported CA (easy-rsa's default is 2048) may have.
    #[serde(rename = "rsa-2048")]
    Rsa2048,
    #[serde(rename = "rsa-4096")]
    Rsa4096,
}

impl KeyType {
    pub const ALL: [KeyType; 6] = [
        KeyType::EcdsaP256,
        KeyType::EcdsaP384,
        KeyType::Ed25519,
        KeyType::Rsa3072,
        KeyType::Rsa2048,
        KeyType::Rsa4096,
    ];

    pub fn from_name(name: &str) -> Option<KeyType> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "ecdsa-p256",
            KeyType::EcdsaP384 => "ecdsa-p384",
            KeyType::Ed25519 => "ed25519",
            KeyType::Rsa3072 => "rsa-3072",
            KeyType::Rsa2048 => "rsa-2048",
            KeyType::Rsa4096 => "rsa-4096",
        }
    }

    pub fn algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            KeyType::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyType::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyType::Ed25519 => &rcgen::PKCS_ED25519,
            KeyType::Rsa3072 | KeyType::Rsa2048 | KeyType::Rsa4096 => &rcgen::PKCS_RSA_SHA256,
        }
    }

    pub fn generate(self) -> Result<KeyPair> {
        match self {
            // ring signs RSA but cannot make RSA keys: a pure-Rust generator makes the key, ring
            // signs with it. (RUSTSEC-2023-0071 concerns timing of RSA decryption and signing
            // in the `rsa` crate; credctl uses it only to generate keys.)
            KeyType::Rsa3072 => {
                return generate_rsa(3072).and_then(|der| self.load_pkcs8_der(&der));
            }
            KeyType::Rsa2048 => {
                return generate_rsa(2048).and_then(|der| self.load_pkcs8_der(&der));
            }
            KeyType::Rsa4096 => {
                return generate_rsa(4096).and_then(|der| self.load_pkcs8_der(&der));
            }
            _ => KeyPair::generate_for(self.algorithm()),
        }
        .map_err(|e| Error::Crypto(format!("cannot generate a {} key: {e}", self.name())))
    }

    /// Loads a PKCS#8 DER private key that was generated as this type.
    pub fn load_pkcs8_der(self, der: &[u8]) -> Result<KeyPair> {
        KeyPair::from_pkcs8_der_and_sign_algo(&PrivatePkcs8KeyDer::from(der), self.algorithm())
            .map_err(|e| Error::Crypto(format!("cannot load the {} key: {e}", self.name())))
    }
}

/// A new RSA key of `bits`, PKCS#8 DER.
fn generate_rsa(bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    use rsa::pkcs8::EncodePrivateKey;
    let failed = |e: &dyn std::fmt::Display| Error::Crypto(format!("RSA key generation: {e}"));
    let key = rsa::RsaPrivateKey::new(&mut rsa::rand_core::OsRng, bits).map_err(|e| failed(&e))?;
    let der = key.to_pkcs8_der().map_err(|e| failed(&e))?;
    Ok(Zeroizing::new(der.as_bytes().to_vec()))
}

impl std::fmt::Display for KeyType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The PKCS#8 DER of a key, wiped from memory when dropped.
pub fn pkcs8_der(key: &KeyPair) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(key.serialize_der())
}

/// DER prefix of a version-1 PKCS#8 Ed25519 key (RFC 8410), before the 32-byte seed.
const ED25519_PKCS8_V1_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];

/// The private key as a PEM PKCS#8 file for the user. Ed25519 keys are written as version 1
/// (without the embedded public key), the form every tool reads: OpenSSL 3.0 refuses version 2.
pub fn private_key_pem(key: &KeyPair) -> Zeroizing<String> {
    let der = pkcs8_der(key);
    if key.algorithm() == &rcgen::PKCS_ED25519
        && der.len() > 48
        && der[12..16] == ED25519_PKCS8_V1_PREFIX[12..]
    {
        let mut v1 = Zeroizing::new(Vec::with_capacity(48));
        v1.extend_from_slice(&ED25519_PKCS8_V1_PREFIX);
        v1.extend_from_slice(&der[16..48]);
        return Zeroizing::new(pem_encode("PRIVATE KEY", &v1));
    }
    Zeroizing::new(key.serialize_pem())
}

/// `der` as a PEM block labelled `label` (64-column base64).
pub fn pem_encode(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let b64 = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(der));
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
