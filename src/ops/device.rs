//! The device's side of an offline signing: `request create` makes the key where it will be used
//! (it never leaves the device) and a CSR to carry to the offline CA; `bundle import` checks what
//! comes back (the chain, that the certificate is for the waiting key) and installs both. Neither
//! needs a store. Every file carries a short key fingerprint a person reads aloud at each hop.

use std::path::{Path, PathBuf};

use rcgen::{CertificateParams, DistinguishedName, DnType, KeyPair, SanType};
use serde::Serialize;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::cert::Names;
use crate::error::{Error, Result};
use crate::store::fsio;
use crate::x509::{KeyType, inspect, keys};

pub struct RequestCreate {
    pub name: String,
    pub profile: String,
    pub key_type: KeyType,
    pub names: Names,
    /// The request (CSR, PEM); the key goes beside it as NAME.key unless `key` says where.
    pub out: PathBuf,
    pub key: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct RequestReport {
    pub request: PathBuf,
    pub key: PathBuf,
    /// Read aloud to the CA operator, who sees the same at `cert sign`.
    pub key_fingerprint: String,
}

/// Makes the key (0600, never overwritten) and the CSR naming `name`, with a header saying
/// what it is and its key fingerprint.
pub fn request_create(req: &RequestCreate) -> Result<RequestReport> {
    crate::x509::issue::check_name(&req.name)?;
    let (dir, _) = super::out_file("--out", &req.out, super::Existing::Refuse)?;
    let key_path = req
        .key
        .clone()
        .unwrap_or_else(|| dir.join(format!("{}.key", req.name)));
    super::out_file("--key", &key_path, super::Existing::Refuse)?;
    let key = req.key_type.generate()?;
    let csr = csr_for(req, &key)?;
    let fingerprint = key_fingerprint(key.public_key_raw());
    let header = format!(
        "credctl certificate request for {} (profile {})\n  key fingerprint: {fingerprint}\n  read it aloud to the CA operator; keep {} on this device\n",
        req.name,
        req.profile,
        key_path.display()
    );
    fsio::write_new(
        &key_path,
        keys::private_key_pem(&key).as_bytes(),
        fsio::PRIVATE_FILE,
        true,
    )?;
    let written = fsio::write_new(
        &req.out,
        (header + &csr).as_bytes(),
        fsio::PUBLIC_FILE,
        true,
    );
    if let Err(e) = written {
        let _ = std::fs::remove_file(&key_path);
        return Err(e);
    }
    fsio::fsync_dir(&dir)?;
    Ok(RequestReport {
        request: req.out.clone(),
        key: key_path,
        key_fingerprint: fingerprint,
    })
}

fn csr_for(req: &RequestCreate, key: &KeyPair) -> Result<String> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, req.name.as_str());
    params.distinguished_name = dn;
    let bad = |e: rcgen::Error| Error::InvalidInput(format!("cannot put that name in a CSR: {e}"));
    for dns in &req.names.dns {
        params
            .subject_alt_names
            .push(SanType::DnsName(dns.clone().try_into().map_err(bad)?));
    }
    for ip in &req.names.ips {
        params.subject_alt_names.push(SanType::IpAddress(*ip));
    }
    for email in &req.names.emails {
        params
            .subject_alt_names
            .push(SanType::Rfc822Name(email.clone().try_into().map_err(bad)?));
    }
    let csr = params
        .serialize_request(key)
        .map_err(|e| Error::Crypto(format!("cannot make the CSR: {e}")))?;
    csr.pem().map_err(|e| Error::Crypto(e.to_string()))
}

/// A public key's fingerprint for reading aloud: SHA-256 of the key's bits, first 80 bits in
/// Crockford base32, four groups of four.
pub fn key_fingerprint(public_key: &[u8]) -> String {
    crate::store::shares::short_code(public_key)
}

pub struct BundleImport {
    pub bundle: PathBuf,
    /// The waiting key (default: NAME.key beside the bundle, NAME from the certificate).
    pub key: Option<PathBuf>,
    /// A new directory: NAME.crt (with intermediates), NAME.key (0600), ca.crt.
    pub out: PathBuf,
    /// The root the chain must end in (SHA-256, as `ca show` prints it).
    pub ca_fingerprint: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ImportReport {
    pub name: String,
    pub out: PathBuf,
    pub key_fingerprint: String,
    pub certificate_sha256: String,
    pub root_sha256: String,
    pub not_after: String,
}

/// Checks the bundle (a chain ending in a self-signed root, each link's signature, validity
/// now, the root pinned when asked) and that its certificate is for the waiting key, then
/// installs certificate, key and CA chain in a new directory, all at once.
pub fn bundle_import(req: &BundleImport) -> Result<ImportReport> {
    let pem = super::read_input(&req.bundle, "bundle")?;
    let bad =
        |detail: String| Error::VerificationFailed(format!("{}: {detail}", req.bundle.display()));
    let ders = inspect::pem_certificates(&pem).map_err(&bad)?;
    let certs: Vec<X509Certificate<'_>> = ders
        .iter()
        .map(|d| {
            X509Certificate::from_der(d)
                .map(|(_, c)| c)
                .map_err(|e| bad(e.to_string()))
        })
        .collect::<Result<_>>()?;
    check_chain(&certs).map_err(bad)?;
    let root = ders.last().expect("a chain checked to have a root");
    let root_sha256 = inspect::fingerprint_sha256(root);
    if let Some(pin) = &req.ca_fingerprint
        && *pin != root_sha256
    {
        return Err(bad(format!(
            "its CA root has SHA-256 {root_sha256}, not {pin}: not from your CA"
        )));
    }
    let leaf = &certs[0];
    let name = leaf
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| bad("its certificate has no common name".into()))?;
    crate::x509::issue::check_name(&name)?;
    let key_path = req.key.clone().unwrap_or_else(|| {
        req.bundle
            .parent()
            .unwrap_or(Path::new("."))
            .join(format!("{name}.key"))
    });
    let key_pem = crate::store::keyring::read_identity_file(&key_path).map_err(|_| {
        Error::InvalidInput(format!(
            "cannot read the waiting key {} (pass --key FILE; it must be 0600)",
            key_path.display()
        ))
    })?;
    let key = KeyPair::from_pem(&key_pem).map_err(|e| {
        Error::InvalidInput(format!(
            "{}: not an unencrypted PKCS#8 private key ({e})",
            key_path.display()
        ))
    })?;
    let cert_key = leaf.public_key().subject_public_key.data.as_ref();
    if key.public_key_raw() != cert_key {
        return Err(bad(format!(
            "its certificate is for the key {}, not the waiting key {} ({})",
            key_fingerprint(cert_key),
            key_fingerprint(key.public_key_raw()),
            key_path.display()
        )));
    }
    install(req, &name, &ders, &key_pem)?;
    Ok(ImportReport {
        out: req.out.clone(),
        key_fingerprint: key_fingerprint(cert_key),
        certificate_sha256: inspect::fingerprint_sha256(&ders[0]),
        root_sha256,
        not_after: inspect::rfc3339(leaf.validity().not_after),
        name,
    })
}

/// Each certificate signed by the next, the last self-signed, a CA above the leaf, all valid now.
fn check_chain(certs: &[X509Certificate<'_>]) -> std::result::Result<(), String> {
    if certs.len() < 2 {
        return Err(
            "it holds no CA certificate after the certificate (not a bundle from `cert sign`)"
                .into(),
        );
    }
    for (i, pair) in certs.windows(2).enumerate() {
        let (cert, issuer) = (&pair[0], &pair[1]);
        if !issuer.is_ca() || cert.issuer() != issuer.subject() {
            return Err(format!(
                "certificate {} is not issued by the CA after it",
                i + 1
            ));
        }
        cert.verify_signature(Some(issuer.public_key()))
            .map_err(|_| format!("certificate {}'s signature does not verify", i + 1))?;
    }
    let root = certs.last().expect("two or more");
    root.verify_signature(None)
        .map_err(|_| "its last certificate is not a self-signed root".to_owned())?;
    let now = x509_parser::time::ASN1Time::now();
    if let Some((i, _)) = certs
        .iter()
        .enumerate()
        .find(|(_, c)| !c.validity().is_valid_at(now))
    {
        return Err(format!("certificate {} is not valid now", i + 1));
    }
    Ok(())
}

/// NAME.crt (leaf and intermediates), NAME.key, ca.crt (the CA chain), in a new directory that
/// appears whole: staged beside it, synced, renamed.
fn install(req: &BundleImport, name: &str, ders: &[Vec<u8>], key_pem: &str) -> Result<()> {
    fsio::ensure_absent(&req.out)?;
    let to_pem = |ds: &[Vec<u8>]| {
        ds.iter()
            .map(|d| keys::pem_encode("CERTIFICATE", d))
            .collect::<String>()
    };
    let chain_end = ders.len() - 1;
    let files = [
        (
            format!("{name}.crt"),
            to_pem(&ders[..chain_end]),
            fsio::PUBLIC_FILE,
        ),
        (
            format!("{name}.key"),
            key_pem.to_owned(),
            fsio::PRIVATE_FILE,
        ),
        ("ca.crt".to_owned(), to_pem(&ders[1..]), fsio::PUBLIC_FILE),
    ];
    let staged = fsio::temp_sibling(&req.out);
    fsio::create_private_dir_all(&staged)?;
    let written = files.iter().try_for_each(|(file, text, mode)| {
        fsio::write_new(&staged.join(file), text.as_bytes(), *mode, true).map(drop)
    });
    let placed = written
        .and_then(|()| fsio::fsync_dir(&staged))
        .and_then(|()| std::fs::rename(&staged, &req.out).map_err(|e| Error::io(&req.out, e)));
    if let Err(e) = placed {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(e);
    }
    fsio::fsync_dir(
        req.out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )
}
