//! Creating the CA: a self-signed root and, optionally, an intermediate that issues.

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber,
};
use time::Duration;

use crate::clock::now;

use super::keys::KeyType;
use crate::error::{Error, Result};

pub struct NewCa {
    pub name: String,
    pub key_type: KeyType,
    pub days: u32,
    /// Some(days): the root signs an intermediate that does the issuing.
    pub intermediate_days: Option<u32>,
}

/// A CA certificate with its private key, fresh from generation.
pub struct CaCert {
    pub pem: String,
    pub der: Vec<u8>,
    pub key: KeyPair,
}

pub struct CreatedCa {
    pub root: CaCert,
    pub intermediate: Option<CaCert>,
}

/// A random, positive, 16-byte serial (RFC 5280 allows up to 20 bytes).
pub fn random_serial() -> SerialNumber {
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    bytes[0] = (bytes[0] & 0x7f) | 0x01;
    SerialNumber::from_slice(&bytes)
}

fn ca_params(common_name: &str, path_len: Option<u8>, days: u32) -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, common_name);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(match path_len {
        Some(n) => BasicConstraints::Constrained(n),
        None => BasicConstraints::Unconstrained,
    });
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.serial_number = Some(random_serial());
    params.use_authority_key_identifier_extension = true;
    let start = now();
    params.not_before = start;
    params.not_after = start + Duration::days(i64::from(days));
    params
}

pub fn create(spec: &NewCa) -> Result<CreatedCa> {
    if spec.days == 0 {
        return Err(Error::InvalidInput("--days must be at least 1".into()));
    }
    let sign_err = |e: rcgen::Error| Error::Certificate(format!("cannot sign the CA: {e}"));

    let root_key = spec.key_type.generate()?;
    // The root leaves the path length open so a later intermediate can be added under it.
    let root_params = ca_params(&spec.name, None, spec.days);
    let root_cert = root_params.self_signed(&root_key).map_err(sign_err)?;

    let intermediate = match spec.intermediate_days {
        None => None,
        Some(days) => {
            if days == 0 {
                return Err(Error::InvalidInput(
                    "--intermediate-days must be at least 1".into(),
                ));
            }
            let key = spec.key_type.generate()?;
            let mut params = ca_params(&format!("{} Intermediate CA", spec.name), Some(0), days);
            // Never outlive the root.
            params.not_after = params.not_after.min(root_params.not_after);
            let issuer = Issuer::from_params(&root_params, &root_key);
            let cert = params.signed_by(&key, &issuer).map_err(sign_err)?;
            Some(CaCert {
                pem: cert.pem(),
                der: cert.der().to_vec(),
                key,
            })
        }
    };

    Ok(CreatedCa {
        root: CaCert {
            pem: root_cert.pem(),
            der: root_cert.der().to_vec(),
            key: root_key,
        },
        intermediate,
    })
}
