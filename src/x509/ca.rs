//! Creating the CA: a self-signed root and, optionally, an intermediate that issues.

use crate::clock::{self, now};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, SerialNumber,
};

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

pub(super) fn ca_params(
    common_name: &str,
    path_len: Option<u8>,
    (flag, days): (&str, u32),
) -> Result<CertificateParams> {
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
    params.not_after = clock::end_for(flag, start, clock::days_flag(flag, days)?)?;
    Ok(params)
}

/// The longest CA name: a common name holds at most 64 characters (RFC 5280 ub-common-name),
/// and an intermediate's is the name followed by [`INTERMEDIATE_SUFFIX`].
pub const MAX_CA_NAME: usize = 64;
pub const INTERMEDIATE_SUFFIX: &str = " Intermediate CA";

/// Checks `--name` (trimmed), `--days` and `--intermediate-days` without generating anything.
pub fn check(spec: &NewCa) -> Result<()> {
    let name = spec.name.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("--name must not be empty".into()));
    }
    let (max, why) = match spec.intermediate_days {
        Some(_) => (
            MAX_CA_NAME - INTERMEDIATE_SUFFIX.len(),
            " with --intermediate, whose name adds \"Intermediate CA\"",
        ),
        None => (MAX_CA_NAME, ""),
    };
    let chars = name.chars().count();
    if chars > max {
        return Err(Error::InvalidInput(format!(
            "--name is {chars} characters long: a CA name has at most {max}{why}"
        )));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::InvalidInput(
            "--name contains a control character: use printable text".into(),
        ));
    }
    let start = now();
    clock::end_for("--days", start, clock::days_flag("--days", spec.days)?)?;
    if let Some(days) = spec.intermediate_days {
        let flag = "--intermediate-days";
        clock::end_for(flag, start, clock::days_flag(flag, days)?)?;
    }
    Ok(())
}

pub fn create(spec: &NewCa) -> Result<CreatedCa> {
    check(spec)?;
    let sign_err = |e: rcgen::Error| Error::Certificate(format!("cannot sign the CA: {e}"));

    let root_key = spec.key_type.generate()?;
    // The root leaves the path length open so a later intermediate can be added under it.
    let root_params = ca_params(&spec.name, None, ("--days", spec.days))?;
    let root_cert = root_params.self_signed(&root_key).map_err(sign_err)?;

    let intermediate = match spec.intermediate_days {
        None => None,
        Some(days) => {
            let key = spec.key_type.generate()?;
            let mut params = ca_params(
                &format!("{}{INTERMEDIATE_SUFFIX}", spec.name),
                Some(0),
                ("--intermediate-days", days),
            )?;
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
