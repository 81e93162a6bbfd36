//! Reading a CSR made elsewhere: its signature must verify; only its public key and the names
//! the profile allows are used. Anything else it asks for (CA:TRUE, key usages, extensions) is
//! ignored, because the profile alone decides what a certificate says.

use std::net::IpAddr;

use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, Pem};

use crate::error::{Error, Result};

/// What credctl takes from a CSR.
#[derive(Debug)]
pub struct CsrContents {
    pub common_name: Option<String>,
    pub dns: Vec<String>,
    pub ips: Vec<IpAddr>,
    pub emails: Vec<String>,
    pub spki_der: Vec<u8>,
    pub key_type: String,
    /// Requests in the CSR credctl will not honour (reported to the operator).
    pub ignored: Vec<String>,
}

pub fn read(pem_bytes: &[u8]) -> Result<CsrContents> {
    let bad = |detail: String| Error::InvalidInput(format!("malformed CSR: {detail}"));
    let (_, pem) =
        x509_parser::pem::parse_x509_pem(pem_bytes).map_err(|e| bad(format!("not PEM ({e})")))?;
    check_label(&pem)?;
    let (rest, csr) =
        X509CertificationRequest::from_der(&pem.contents).map_err(|e| bad(e.to_string()))?;
    if !rest.is_empty() {
        return Err(bad("trailing bytes after the request".into()));
    }
    csr.verify_signature().map_err(|_| {
        Error::InvalidInput(
            "the CSR's signature does not verify: it was altered or not signed by its key".into(),
        )
    })?;

    let info = &csr.certification_request_info;
    let common_name = info
        .subject
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_owned);
    let mut contents = CsrContents {
        common_name,
        dns: Vec::new(),
        ips: Vec::new(),
        emails: Vec::new(),
        spki_der: info.subject_pki.raw.to_vec(),
        key_type: super::inspect::key_type_of_spki(&info.subject_pki),
        ignored: Vec::new(),
    };
    for ext in csr.requested_extensions().into_iter().flatten() {
        match ext {
            ParsedExtension::SubjectAlternativeName(san) => {
                for name in &san.general_names {
                    match name {
                        GeneralName::DNSName(d) => contents.dns.push(d.to_ascii_lowercase()),
                        GeneralName::RFC822Name(e) => contents.emails.push((*e).to_owned()),
                        GeneralName::IPAddress(bytes) => match ip_from_bytes(bytes) {
                            Some(ip) => contents.ips.push(ip),
                            None => return Err(bad("an IP address SAN has a bad length".into())),
                        },
                        other => contents.ignored.push(format!("subjectAltName {other}")),
                    }
                }
            }
            ParsedExtension::BasicConstraints(bc) if bc.ca => {
                contents.ignored.push("basicConstraints CA:TRUE".into())
            }
            ParsedExtension::BasicConstraints(_) => {}
            ParsedExtension::KeyUsage(_) => contents.ignored.push("keyUsage".into()),
            ParsedExtension::ExtendedKeyUsage(_) => {
                contents.ignored.push("extendedKeyUsage".into())
            }
            _ => contents.ignored.push("an extension".into()),
        }
    }
    Ok(contents)
}

fn check_label(pem: &Pem) -> Result<()> {
    match pem.label.as_str() {
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Ok(()),
        other => Err(Error::InvalidInput(format!(
            "malformed CSR: expected a CERTIFICATE REQUEST PEM block, found {other:?}"
        ))),
    }
}

fn ip_from_bytes(bytes: &[u8]) -> Option<IpAddr> {
    match bytes.len() {
        4 => Some(IpAddr::from(<[u8; 4]>::try_from(bytes).ok()?)),
        16 => Some(IpAddr::from(<[u8; 16]>::try_from(bytes).ok()?)),
        _ => None,
    }
}
