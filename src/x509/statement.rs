//! The CA's side of the signed state statement (`store::statement`): the issuing CA signs it
//! with its key; anyone with the CA certificate checks it.

use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::inspect;
use super::issue::CaSigner;
use crate::error::{Error, Result};
use crate::store::statement::{StateSigner, Statement};

/// The statement signature algorithm for a CA certificate's key, by name and for ring.
pub fn algorithm_of(
    cert: &X509Certificate<'_>,
) -> Result<(&'static str, &'static dyn VerificationAlgorithm)> {
    let key_type = inspect::key_type_of_spki(cert.public_key());
    Ok(match key_type.as_str() {
        "ecdsa-p256" => ("ecdsa-p256-sha256", &signature::ECDSA_P256_SHA256_ASN1),
        "ecdsa-p384" => ("ecdsa-p384-sha384", &signature::ECDSA_P384_SHA384_ASN1),
        "ed25519" => ("ed25519", &signature::ED25519),
        t if t.starts_with("rsa-") => ("rsa-pkcs1-sha256", &signature::RSA_PKCS1_2048_8192_SHA256),
        other => {
            return Err(Error::Certificate(format!(
                "a CA key of type {other} cannot sign the store state"
            )));
        }
    })
}

impl StateSigner for CaSigner {
    fn fingerprint(&self) -> &str {
        &self.fingerprint
    }
    fn algorithm(&self) -> &'static str {
        self.statement_algorithm
    }
    fn sign(&self, message: &[u8]) -> Result<Vec<u8>> {
        use rcgen::SigningKey;
        self.issuer
            .key()
            .sign(message)
            .map_err(|e| Error::Crypto(format!("cannot sign the store state: {e}")))
    }
}

/// Whether `statement` was signed by the key of the CA certificate `cert_der`; the error says
/// why not, in words for a `statement.json` message.
pub fn verify(cert_der: &[u8], statement: &Statement) -> std::result::Result<(), String> {
    let signature = statement
        .signature_bytes()
        .ok_or("has a signature that is not base64")?;
    let signed = Signed {
        signer: &statement.signer,
        algorithm: &statement.algorithm,
        message: &statement.message(),
        signature: &signature,
    };
    verify_signed(cert_der, &signed).map_err(|e| match e {
        Mismatch::Signer(fp) => format!(
            "is signed by a CA with SHA-256 {}, not this store's CA ({fp})",
            statement.signer
        ),
        Mismatch::Algorithm(name) => format!(
            "names the algorithm {:?}; this store's CA signs with {name}",
            statement.algorithm
        ),
        Mismatch::Other(text) => text,
        Mismatch::Signature => {
            "has a signature that does not verify with the CA's key: it was rewritten".into()
        }
    })
}

/// A message signed by a CA key, as a signed document records it.
pub struct Signed<'a> {
    /// The SHA-256 fingerprint of the signing CA certificate the document names.
    pub signer: &'a str,
    pub algorithm: &'a str,
    pub message: &'a [u8],
    pub signature: &'a [u8],
}

/// Why a signed document does not verify with a CA certificate.
pub enum Mismatch {
    /// It names another signer; the certificate's fingerprint.
    Signer(String),
    /// It names another algorithm; the one the certificate's key signs with.
    Algorithm(&'static str),
    Signature,
    Other(String),
}

/// Checks `signed` against the CA certificate `cert_der`: the signer it names, the algorithm,
/// the signature.
pub fn verify_signed(cert_der: &[u8], signed: &Signed<'_>) -> std::result::Result<(), Mismatch> {
    let fingerprint = inspect::fingerprint_sha256(cert_der);
    if signed.signer != fingerprint {
        return Err(Mismatch::Signer(fingerprint));
    }
    let (_, cert) =
        X509Certificate::from_der(cert_der).map_err(|e| Mismatch::Other(e.to_string()))?;
    let (name, algorithm) = algorithm_of(&cert).map_err(|e| Mismatch::Other(e.to_string()))?;
    if signed.algorithm != name {
        return Err(Mismatch::Algorithm(name));
    }
    let key = UnparsedPublicKey::new(
        algorithm,
        cert.public_key().subject_public_key.data.as_ref(),
    );
    key.verify(signed.message, signed.signature)
        .map_err(|_| Mismatch::Signature)
}
