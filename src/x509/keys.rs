//! Key types credctl generates and signs with.

use rcgen::{KeyPair, SignatureAlgorithm};
use rustls_pki_types::PrivatePkcs8KeyDer;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum KeyType {
    EcdsaP256,
    EcdsaP384,
    Ed25519,
    /// RSA 3072 with SHA-256, for peers that cannot do ECDSA or Ed25519 (slow to generate)
    #[value(name = "rsa-3072")]
    #[serde(rename = "rsa-3072")]
    Rsa3072,
}

impl KeyType {
    pub fn name(self) -> &'static str {
        match self {
            KeyType::EcdsaP256 => "ecdsa-p256",
            KeyType::EcdsaP384 => "ecdsa-p384",
            KeyType::Ed25519 => "ed25519",
            KeyType::Rsa3072 => "rsa-3072",
        }
    }

    pub fn algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            KeyType::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyType::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
            KeyType::Ed25519 => &rcgen::PKCS_ED25519,
            KeyType::Rsa3072 => &rcgen::PKCS_RSA_SHA256,
        }
    }

    pub fn generate(self) -> Result<KeyPair> {
        match self {
            KeyType::Rsa3072 => {
                KeyPair::generate_rsa_for(self.algorithm(), rcgen::RsaKeySize::_3072)
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

impl std::fmt::Display for KeyType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The PKCS#8 DER of a key, wiped from memory when dropped.
pub fn pkcs8_der(key: &KeyPair) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(key.serialize_der())
}
