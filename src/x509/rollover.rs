//! CA rollover: a new root (and intermediate) with new keys, and cross-certificates so that
//! during the overlap a client trusting either root accepts certificates of either generation:
//! a new certificate is presented with the new root's key certified by the old root; an old one
//! with the old root's key certified by the new root.

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyIdMethod,
    KeyPair, KeyUsagePurpose,
};
use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::ca::{CaCert, INTERMEDIATE_SUFFIX, MAX_CA_NAME, ca_params, random_serial};
use super::keys::KeyType;
use crate::clock::now;
use crate::error::{Error, Result};

pub struct RootRollover<'a> {
    pub name: &'a str,
    pub key_type: KeyType,
    /// The new generation's number (2 for the first rollover): in the new CAs' names.
    pub generation: u32,
    pub days: u32,
    /// Some: the new root gets a new intermediate of this many days.
    pub intermediate_days: Option<u32>,
    pub old_root_der: &'a [u8],
    pub old_root_key: KeyPair,
}

pub struct RolledRoot {
    pub root: CaCert,
    pub intermediate: Option<CaCert>,
    /// The new root's key certified by the old root (PEM): presented after new certificates.
    pub cross_new: String,
    /// The old root's key certified by the new root (PEM): presented after old certificates.
    pub cross_old: String,
}

fn sign_err(e: rcgen::Error) -> Error {
    Error::Certificate(format!("cannot sign the new CA: {e}"))
}

/// The name of a CA of `generation` (2 and up get " G2", ...), checked against RFC 5280's bound.
pub fn generation_name(base: &str, generation: u32) -> Result<String> {
    let name = match generation {
        0 | 1 => base.to_owned(),
        n => format!("{base} G{n}"),
    };
    if name.chars().count() > MAX_CA_NAME {
        return Err(Error::InvalidInput(format!(
            "the new CA's name {name:?} is longer than {MAX_CA_NAME} characters"
        )));
    }
    Ok(name)
}

/// A new root (new key), cross-certified both ways with the old one, and optionally a new
/// intermediate under it.
pub fn roll_root(spec: RootRollover<'_>) -> Result<RolledRoot> {
    let root_name = generation_name(spec.name, spec.generation)?;
    let key = spec.key_type.generate()?;
    let params = ca_params(&root_name, None, ("--days", spec.days))?;
    let cert = params.self_signed(&key).map_err(sign_err)?;
    let new_issuer = Issuer::from_params(&params, &key);
    let old_root = parse(spec.old_root_der)?;
    let overlap_end = params
        .not_after
        .min(old_root.validity().not_after.to_datetime());

    // The old root's key, certified by the new root: its name and key identifier unchanged, so
    // what the old root issued chains through it.
    let cross_old = old_root_params(&old_root, overlap_end)?
        .signed_by(&spec.old_root_key, &new_issuer)
        .map_err(sign_err)?;
    let intermediate = match spec.intermediate_days {
        None => None,
        Some(days) => Some(new_intermediate(
            spec.name,
            spec.generation,
            days,
            &params,
            &new_issuer,
            spec.key_type,
        )?),
    };
    let old_issuer =
        Issuer::from_ca_cert_der(&spec.old_root_der.to_vec().into(), spec.old_root_key)
            .map_err(|e| Error::Certificate(format!("cannot load the old root: {e}")))?;
    let mut cross_params = params.clone();
    cross_params.serial_number = Some(random_serial());
    cross_params.not_after = overlap_end;
    let cross_new = cross_params
        .signed_by(&key, &old_issuer)
        .map_err(sign_err)?;
    Ok(RolledRoot {
        root: CaCert {
            pem: cert.pem(),
            der: cert.der().to_vec(),
            key,
        },
        intermediate,
        cross_new: cross_new.pem(),
        cross_old: cross_old.pem(),
    })
}

/// A new intermediate (new key) of `generation` under the root `issuer` (whose params bound it).
pub fn new_intermediate(
    name: &str,
    generation: u32,
    days: u32,
    root: &CertificateParams,
    issuer: &Issuer<'_, &KeyPair>,
    key_type: KeyType,
) -> Result<CaCert> {
    let cn = generation_name(&format!("{name}{INTERMEDIATE_SUFFIX}"), generation)?;
    let key = key_type.generate()?;
    let mut params = ca_params(&cn, Some(0), ("--intermediate-days", days))?;
    params.not_after = params.not_after.min(root.not_after);
    let cert = params.signed_by(&key, issuer).map_err(sign_err)?;
    Ok(CaCert {
        pem: cert.pem(),
        der: cert.der().to_vec(),
        key,
    })
}

/// A new intermediate under the current root, given as its certificate and key.
pub fn roll_intermediate(
    name: &str,
    generation: u32,
    days: u32,
    root_der: &[u8],
    root_key: KeyPair,
    key_type: KeyType,
) -> Result<CaCert> {
    let root = parse(root_der)?;
    let cn = generation_name(&format!("{name}{INTERMEDIATE_SUFFIX}"), generation)?;
    let key = key_type.generate()?;
    let mut params = ca_params(&cn, Some(0), ("--intermediate-days", days))?;
    params.not_after = params
        .not_after
        .min(root.validity().not_after.to_datetime());
    let issuer = Issuer::from_ca_cert_der(&root_der.to_vec().into(), root_key)
        .map_err(|e| Error::Certificate(format!("cannot load the root: {e}")))?;
    let cert = params.signed_by(&key, &issuer).map_err(sign_err)?;
    Ok(CaCert {
        pem: cert.pem(),
        der: cert.der().to_vec(),
        key,
    })
}

fn parse(der: &[u8]) -> Result<X509Certificate<'_>> {
    X509Certificate::from_der(der)
        .map(|(_, c)| c)
        .map_err(|e| Error::Certificate(format!("cannot parse the CA certificate: {e}")))
}

/// Params that reproduce the old root's name and key identifier, for a cross-certificate.
fn old_root_params(
    old: &X509Certificate<'_>,
    not_after: OffsetDateTime,
) -> Result<CertificateParams> {
    let cn = old
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .ok_or_else(|| Error::Certificate("the old root has no common name".into()))?;
    let ski = super::inspect::subject_key_id(old)
        .ok_or_else(|| Error::Certificate("the old root has no subject key identifier".into()))?;
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, cn);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.serial_number = Some(random_serial());
    params.use_authority_key_identifier_extension = true;
    params.key_identifier_method = KeyIdMethod::PreSpecified(ski);
    params.not_before = now();
    params.not_after = not_after;
    Ok(params)
}
