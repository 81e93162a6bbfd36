//! A CA brought in from elsewhere (OpenSSL, easy-rsa): its private key in any PEM form OpenSSL
//! writes, turned into the PKCS#8 the store seals, and its certificates checked against it.

use rcgen::KeyPair;
use rustls_pki_types::PrivatePkcs8KeyDer;
use x509_parser::prelude::{FromDer, X509Certificate};
use zeroize::Zeroizing;

use super::KeyType;
use crate::error::{Error, Result};

/// A private key read from a PEM file, as PKCS#8, with the type credctl signs with.
pub struct ImportedKey {
    pub key_type: KeyType,
    pub pkcs8: Zeroizing<Vec<u8>>,
}

impl ImportedKey {
    pub fn key_pair(&self) -> Result<KeyPair> {
        self.key_type.load_pkcs8_der(&self.pkcs8)
    }
}

/// The PEM block of a private key file: its label and its DER (wiped when dropped).
struct Block {
    label: String,
    der: Zeroizing<Vec<u8>>,
    legacy_encrypted: bool,
}

fn private_block(text: &str, what: &str) -> Result<Block> {
    let bad = |why: &str| Error::InvalidInput(format!("{what}: {why}"));
    let begin = text
        .lines()
        .position(|l| l.starts_with("-----BEGIN ") && l.contains("PRIVATE KEY"))
        .ok_or_else(|| bad("no PEM private key (-----BEGIN ... PRIVATE KEY-----)"))?;
    let lines: Vec<&str> = text.lines().skip(begin).collect();
    let label = lines[0]
        .trim()
        .trim_start_matches("-----BEGIN ")
        .trim_end_matches("-----")
        .to_owned();
    let end = lines
        .iter()
        .position(|l| l.trim() == format!("-----END {label}-----"))
        .ok_or_else(|| bad("the PEM block has no END line"))?;
    let body = &lines[1..end];
    let legacy_encrypted = body.iter().any(|l| l.starts_with("Proc-Type:"));
    let b64: Zeroizing<String> = Zeroizing::new(
        body.iter()
            .filter(|l| !l.contains(':'))
            .map(|l| l.trim())
            .collect(),
    );
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64.as_bytes())
        .map_err(|_| bad("the PEM block is not base64"))?;
    Ok(Block {
        label,
        der: Zeroizing::new(der),
        legacy_encrypted,
    })
}

/// Whether the key file needs a passphrase (ask for one only then).
pub fn key_is_encrypted(pem: &str) -> bool {
    pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || pem.contains("Proc-Type: 4,ENCRYPTED")
}

/// Reads a private key: PKCS#8 (plain or PBES2-encrypted with `passphrase`), SEC1 (`EC PRIVATE
/// KEY`) or PKCS#1 (`RSA PRIVATE KEY`). `what` names the file in errors.
pub fn parse_private_key(pem: &str, passphrase: Option<&[u8]>, what: &str) -> Result<ImportedKey> {
    let bad = |why: String| Error::InvalidInput(format!("{what}: {why}"));
    let block = private_block(pem, what)?;
    if block.legacy_encrypted {
        return Err(bad(
            "encrypted in OpenSSL's legacy format: convert it with `openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY -out KEY.p8` (it stays encrypted) and import that"
                .into(),
        ));
    }
    let pkcs8: Zeroizing<Vec<u8>> = match block.label.as_str() {
        "PRIVATE KEY" => block.der.clone(),
        "ENCRYPTED PRIVATE KEY" => {
            let passphrase =
                passphrase.ok_or_else(|| bad("encrypted: a passphrase is needed".into()))?;
            let info = pkcs8::EncryptedPrivateKeyInfo::try_from(block.der.as_slice())
                .map_err(|e| bad(format!("not an encrypted PKCS#8 key: {e}")))?;
            let doc = info.decrypt(passphrase).map_err(|_| {
                bad("cannot decrypt: wrong passphrase, or an encryption other than PBES2 (AES-CBC with PBKDF2 or scrypt)".into())
            })?;
            Zeroizing::new(doc.as_bytes().to_vec())
        }
        "EC PRIVATE KEY" => sec1_to_pkcs8(&block.der).map_err(bad)?,
        "RSA PRIVATE KEY" => {
            use rsa::pkcs1::DecodeRsaPrivateKey;
            use rsa::pkcs8::EncodePrivateKey;
            let key = rsa::RsaPrivateKey::from_pkcs1_der(&block.der)
                .map_err(|e| bad(format!("not a PKCS#1 RSA key: {e}")))?;
            let doc = key
                .to_pkcs8_der()
                .map_err(|e| bad(format!("cannot convert the RSA key: {e}")))?;
            Zeroizing::new(doc.as_bytes().to_vec())
        }
        other => return Err(bad(format!("a {other} is not a key credctl can sign with"))),
    };
    let key_type = key_type_of(&pkcs8).ok_or_else(|| {
        bad(format!(
            "not a key credctl signs with ({}, RSA 2048/3072/4096)",
            "ECDSA P-256, ECDSA P-384, Ed25519"
        ))
    })?;
    Ok(ImportedKey { key_type, pkcs8 })
}

/// A SEC1 EC key as PKCS#8, for the curves credctl signs with.
fn sec1_to_pkcs8(der: &[u8]) -> std::result::Result<Zeroizing<Vec<u8>>, String> {
    use pkcs8::EncodePrivateKey;
    let convert = |doc: std::result::Result<pkcs8::SecretDocument, pkcs8::Error>| {
        doc.map(|d| Zeroizing::new(d.as_bytes().to_vec()))
            .map_err(|e| format!("cannot convert the EC key: {e}"))
    };
    if let Ok(key) = p256::SecretKey::from_sec1_der(der) {
        return convert(key.to_pkcs8_der());
    }
    if let Ok(key) = p384::SecretKey::from_sec1_der(der) {
        return convert(key.to_pkcs8_der());
    }
    Err("not a SEC1 key on P-256 or P-384".into())
}

/// The key type a PKCS#8 key loads as.
fn key_type_of(pkcs8: &[u8]) -> Option<KeyType> {
    let der = PrivatePkcs8KeyDer::from(pkcs8);
    for candidate in [KeyType::EcdsaP256, KeyType::EcdsaP384, KeyType::Ed25519] {
        if KeyPair::from_pkcs8_der_and_sign_algo(&der, candidate.algorithm()).is_ok() {
            return Some(candidate);
        }
    }
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::traits::PublicKeyParts;
    let rsa = rsa::RsaPrivateKey::from_pkcs8_der(pkcs8).ok()?;
    let key_type = match rsa.size() * 8 {
        2048 => KeyType::Rsa2048,
        3072 => KeyType::Rsa3072,
        4096 => KeyType::Rsa4096,
        _ => return None,
    };
    key_type.load_pkcs8_der(pkcs8).ok().map(|_| key_type)
}

/// Whether `key` is the key of the certificate `cert_der`.
pub fn key_matches(key: &KeyPair, cert_der: &[u8]) -> Result<bool> {
    use rcgen::PublicKeyData;
    let (_, cert) = X509Certificate::from_der(cert_der)
        .map_err(|e| Error::Certificate(format!("cannot parse the certificate: {e}")))?;
    Ok(cert.public_key().raw == key.subject_public_key_info().as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_every_openssl_form_come_out_as_the_same_pkcs8_key() {
        let key = KeyType::EcdsaP256.generate().unwrap();
        let pem = key.serialize_pem();
        let plain = parse_private_key(&pem, None, "KEY").unwrap();
        assert_eq!(plain.key_type, KeyType::EcdsaP256);
        assert_eq!(
            plain.key_pair().unwrap().public_key_raw(),
            key.public_key_raw()
        );
        // SEC1, as `openssl ec` writes it.
        let secret = {
            use pkcs8::DecodePrivateKey;
            p256::SecretKey::from_pkcs8_der(&key.serialize_der()).unwrap()
        };
        let sec1 = secret.to_sec1_pem(Default::default()).unwrap();
        let from_sec1 = parse_private_key(&sec1, None, "KEY").unwrap();
        assert_eq!(
            from_sec1.key_pair().unwrap().public_key_raw(),
            key.public_key_raw()
        );
        assert!(!key_is_encrypted(&pem));
        let legacy = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
        assert!(key_is_encrypted(legacy));
        let err = parse_private_key(legacy, Some(b"x"), "KEY")
            .err()
            .expect("refused");
        assert!(err.to_string().contains("openssl pkcs8 -topk8"), "{err}");
        assert!(parse_private_key("nothing", None, "KEY").is_err());
    }
}
