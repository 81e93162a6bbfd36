//! Reading certificates back: the facts `ca show` and `cert show` report.

use serde::Serialize;
use sha2::{Digest, Sha256};
use x509_parser::prelude::*;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub serial: String,
    pub not_before: String,
    pub not_after: String,
    pub key_type: String,
    pub fingerprint_sha256: String,
    pub is_ca: bool,
}

/// SHA-256 of a DER SubjectPublicKeyInfo, lower-case hex: what nats-server `pinned_certs` holds.
pub fn spki_sha256(spki_der: &[u8]) -> String {
    hex::encode(Sha256::digest(spki_der))
}

/// Upper-case, colon-separated SHA-256 of the DER, as `openssl x509 -fingerprint -sha256` prints.
pub fn fingerprint_sha256(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A certificate's subject key identifier, if it has one.
pub fn subject_key_id(cert: &X509Certificate<'_>) -> Option<Vec<u8>> {
    cert.extensions()
        .iter()
        .find_map(|ext| match ext.parsed_extension() {
            ParsedExtension::SubjectKeyIdentifier(id) => Some(id.0.to_vec()),
            _ => None,
        })
}

/// The DER of every CERTIFICATE block in `pem`, in order.
pub fn pem_certificates(pem_text: &[u8]) -> std::result::Result<Vec<Vec<u8>>, String> {
    let mut out = Vec::new();
    for block in Pem::iter_from_buffer(pem_text) {
        let block = block.map_err(|e| e.to_string())?;
        if block.label == "CERTIFICATE" {
            out.push(block.contents);
        }
    }
    if out.is_empty() {
        return Err("no CERTIFICATE block".into());
    }
    Ok(out)
}

fn key_type_of(cert: &X509Certificate<'_>) -> String {
    key_type_of_spki(cert.public_key())
}

/// `ecdsa-p256`, `ecdsa-p384`, `ed25519`, `rsa-<bits>`, or the algorithm OID.
pub fn key_type_of_spki(spki: &SubjectPublicKeyInfo<'_>) -> String {
    let alg = spki.algorithm.algorithm.to_id_string();
    match alg.as_str() {
        "1.3.101.112" => "ed25519".into(),
        "1.2.840.113549.1.1.1" => format!("rsa-{}", rsa_bits(spki).unwrap_or(0)),
        "1.2.840.10045.2.1" => {
            let curve = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| o.to_id_string());
            match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "ecdsa-p256".into(),
                Some("1.3.132.0.34") => "ecdsa-p384".into(),
                Some(other) => format!("ecdsa-{other}"),
                None => "ecdsa".into(),
            }
        }
        other => other.to_owned(),
    }
}

fn rsa_bits(spki: &SubjectPublicKeyInfo<'_>) -> Option<usize> {
    match spki.parsed().ok()? {
        x509_parser::public_key::PublicKey::RSA(rsa) => Some(rsa.key_size()),
        _ => None,
    }
}

pub use crate::clock::{rfc3339_time, rfc3339_unix};

pub fn rfc3339(t: ASN1Time) -> String {
    rfc3339_time(t.to_datetime())
}

pub fn info(der: &[u8]) -> Result<CertInfo> {
    let (_, cert) = X509Certificate::from_der(der)
        .map_err(|e| Error::Certificate(format!("cannot parse certificate: {e}")))?;
    Ok(CertInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        serial: cert.raw_serial_as_string().replace(':', ""),
        not_before: rfc3339(cert.validity().not_before),
        not_after: rfc3339(cert.validity().not_after),
        key_type: key_type_of(&cert),
        fingerprint_sha256: fingerprint_sha256(der),
        is_ca: cert.is_ca(),
    })
}

/// A node certificate's MAC binding, hex.
#[derive(Debug, Clone, Serialize)]
pub struct MacBinding {
    pub binding: String,
    pub nonce: String,
}

/// Everything renew and show read back from a certificate.
pub struct Details {
    pub info: CertInfo,
    pub dns: Vec<String>,
    pub ips: Vec<std::net::IpAddr>,
    pub emails: Vec<String>,
    pub extended_key_usage: Vec<String>,
    pub spki_der: Vec<u8>,
    pub mac_binding: Option<MacBinding>,
    /// The subject's C, ST, L and O attributes (a renewal keeps the ones the command line set).
    pub subject_attrs: super::profile::SubjectAttrs,
}

/// The C, ST, L and O attributes of a subject, in encoding order.
fn subject_attrs(cert: &X509Certificate<'_>) -> super::profile::SubjectAttrs {
    use super::profile::SubjectAttr;
    let mut out = Vec::new();
    for attr in cert.subject().iter_attributes() {
        let kind = match attr.attr_type().to_id_string().as_str() {
            "2.5.4.6" => SubjectAttr::Country,
            "2.5.4.8" => SubjectAttr::State,
            "2.5.4.7" => SubjectAttr::Locality,
            "2.5.4.10" => SubjectAttr::Organization,
            _ => continue,
        };
        if let Ok(value) = attr.as_str() {
            out.push((kind, value.to_owned()));
        }
    }
    out
}

pub fn details(pem_text: &[u8]) -> std::result::Result<Details, String> {
    use x509_parser::extensions::{GeneralName, ParsedExtension};
    let ders = pem_certificates(pem_text)?;
    let der = &ders[0];
    let info = info(der).map_err(|e| e.to_string())?;
    let (_, cert) = X509Certificate::from_der(der).map_err(|e| e.to_string())?;
    let mut out = Details {
        info,
        dns: Vec::new(),
        ips: Vec::new(),
        emails: Vec::new(),
        extended_key_usage: Vec::new(),
        spki_der: cert.public_key().raw.to_vec(),
        mac_binding: None,
        subject_attrs: subject_attrs(&cert),
    };
    let binding_oid = super::mac_binding::OID
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".");
    for ext in cert.extensions() {
        if ext.oid.to_id_string() == binding_oid {
            if let Some((binding, nonce)) = super::mac_binding::decode(ext.value) {
                out.mac_binding = Some(MacBinding {
                    binding: hex::encode(binding),
                    nonce: hex::encode(nonce),
                });
            }
            continue;
        }
        match ext.parsed_extension() {
            ParsedExtension::SubjectAlternativeName(san) => {
                for name in &san.general_names {
                    match name {
                        GeneralName::DNSName(d) => out.dns.push((*d).to_owned()),
                        GeneralName::RFC822Name(e) => out.emails.push((*e).to_owned()),
                        GeneralName::IPAddress(b) if b.len() == 4 => {
                            let octets: [u8; 4] = (*b).try_into().expect("length checked");
                            out.ips.push(octets.into());
                        }
                        GeneralName::IPAddress(b) if b.len() == 16 => {
                            let octets: [u8; 16] = (*b).try_into().expect("length checked");
                            out.ips.push(octets.into());
                        }
                        _ => {}
                    }
                }
            }
            ParsedExtension::ExtendedKeyUsage(eku) => {
                if eku.client_auth {
                    out.extended_key_usage.push("client-auth".into());
                }
                if eku.server_auth {
                    out.extended_key_usage.push("server-auth".into());
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// A name in RFC 2253 form (last RDN first, `,` between RDNs, `+` within one), as nats-server's
/// verify_and_map compares it: credctl's own subjects are built in this form; an adopted CA's
/// certificates get it from here. Unknown attribute types are written as dotted OIDs.
pub fn rfc2253(name: &x509_parser::x509::X509Name<'_>) -> String {
    let short = |oid: &str| -> Option<&'static str> {
        Some(match oid {
            "2.5.4.3" => "CN",
            "2.5.4.11" => "OU",
            "2.5.4.10" => "O",
            "2.5.4.6" => "C",
            "2.5.4.7" => "L",
            "2.5.4.8" => "ST",
            "2.5.4.9" => "STREET",
            "2.5.4.5" => "serialNumber",
            "2.5.4.17" => "postalCode",
            "0.9.2342.19200300.100.1.25" => "DC",
            "0.9.2342.19200300.100.1.1" => "UID",
            _ => return None,
        })
    };
    let escape = escape_rdn_value;
    let rdns: Vec<String> =
        name.iter()
            .map(|rdn| {
                rdn.iter()
                    .map(|attr| {
                        let oid = attr.attr_type().to_id_string();
                        let value = attr.as_str().map(escape).unwrap_or_else(|_| {
                            format!("#{}", hex::encode(attr.attr_value().data))
                        });
                        format!("{}={value}", short(&oid).map_or(oid.clone(), str::to_owned))
                    })
                    .collect::<Vec<_>>()
                    .join("+")
            })
            .collect();
    rdns.into_iter().rev().collect::<Vec<_>>().join(",")
}

/// An attribute value escaped for an RFC 2253 string.
pub fn escape_rdn_value(value: &str) -> String {
    let count = value.chars().count();
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let edge = (i == 0 && (c == '#' || c == ' ')) || (i + 1 == count && c == ' ');
        if edge || matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
