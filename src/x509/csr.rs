//! Reading a CSR made elsewhere: its signature must verify; only its public key and the names
//! the profile allows are used. Anything else it asks for (CA:TRUE, key usages, extensions) is
//! ignored, because the profile alone decides what a certificate says.

use std::net::IpAddr;

use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::{FromDer, Pem, SubjectPublicKeyInfo, X509Name};

use super::issue::MAX_SANS;
use super::keys::{CSR_KEYS, RSA_MAX_BITS, RSA_MIN_BITS};
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

/// The largest CSR file credctl reads: a request is a few KiB (an RSA 8192 key with 100
/// names stays under 8 KiB); anything near this is not a certificate request.
pub const MAX_CSR_BYTES: usize = 64 * 1024;

pub fn read(pem_bytes: &[u8]) -> Result<CsrContents> {
    let bad = |detail: String| Error::InvalidInput(format!("malformed CSR: {detail}"));
    if pem_bytes.len() > MAX_CSR_BYTES {
        return Err(Error::InvalidInput(format!(
            "the CSR file is larger than {} KiB: a certificate request is a few KiB; pass the CSR itself",
            MAX_CSR_BYTES / 1024
        )));
    }
    let (_, pem) =
        x509_parser::pem::parse_x509_pem(pem_bytes).map_err(|e| bad(format!("not PEM ({e})")))?;
    check_label(&pem)?;
    let (rest, csr) =
        X509CertificationRequest::from_der(&pem.contents).map_err(|e| bad(e.to_string()))?;
    if !rest.is_empty() {
        return Err(bad("trailing bytes after the request".into()));
    }
    // Named before the signature is checked: the signature of a key credctl does not take
    // would fail to verify, and say nothing about why.
    let key_type = check_key(&csr.certification_request_info.subject_pki)?;
    csr.verify_signature().map_err(|_| {
        Error::InvalidInput(
            "the CSR's signature does not verify: it was altered or not signed by its key".into(),
        )
    })?;

    let info = &csr.certification_request_info;
    check_subject(&info.subject)?;
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
        key_type,
        ignored: Vec::new(),
    };
    let sans: usize = csr
        .requested_extensions()
        .into_iter()
        .flatten()
        .map(|ext| match ext {
            ParsedExtension::SubjectAlternativeName(san) => san.general_names.len(),
            _ => 0,
        })
        .sum();
    if sans > MAX_SANS {
        return Err(Error::InvalidInput(format!(
            "the CSR asks for {sans} subject alternative names: a certificate carries at most {MAX_SANS}"
        )));
    }
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

/// The key type of a CSR's public key (as `inspect` names it), if credctl signs for it.
fn check_key(spki: &SubjectPublicKeyInfo<'_>) -> Result<String> {
    let key_type = super::inspect::key_type_of_spki(spki);
    let refuse = |what: String| {
        Error::InvalidInput(format!(
            "the CSR's key is {what}, which credctl does not sign for (supported: {CSR_KEYS})"
        ))
    };
    match key_type.as_str() {
        "ecdsa-p256" | "ecdsa-p384" | "ed25519" => return Ok(key_type),
        _ => {}
    }
    if let Some(bits) = key_type.strip_prefix("rsa-") {
        let bits: usize = bits.parse().unwrap_or(0);
        if bits < RSA_MIN_BITS {
            return Err(Error::InvalidInput(format!(
                "the CSR's key is RSA {bits}, below the {RSA_MIN_BITS}-bit minimum: make a new key (supported: {CSR_KEYS})"
            )));
        }
        if bits > RSA_MAX_BITS {
            return Err(Error::InvalidInput(format!(
                "the CSR's key is RSA {bits}, above the {RSA_MAX_BITS}-bit maximum: make a new key (supported: {CSR_KEYS})"
            )));
        }
        return Ok(key_type);
    }
    if let Some(curve) = key_type.strip_prefix("ecdsa") {
        let curve = match curve.trim_start_matches('-') {
            "1.3.132.0.35" => "P-521",
            "1.3.132.0.33" => "P-224",
            "1.2.840.10045.3.1.1" => "P-192",
            "1.3.132.0.10" => "secp256k1",
            "" => "without a named curve",
            other => other,
        };
        return Err(refuse(format!("ECDSA {curve}")));
    }
    let name = match key_type.as_str() {
        "1.3.101.113" => "Ed448",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.2.840.113549.1.1.10" => "RSA-PSS",
        "1.2.840.10040.4.1" => "DSA",
        "1.2.840.10046.2.1" => "Diffie-Hellman",
        other => other,
    };
    Err(refuse(name.to_owned()))
}

/// RFC 5280 upper bounds of the subject attributes a CSR may carry (credctl takes at most its
/// CN, but refuses a subject no certificate could hold).
fn check_subject(subject: &X509Name<'_>) -> Result<()> {
    for attr in subject.iter_attributes() {
        let oid = attr.attr_type().to_id_string();
        let (name, max) = match oid.as_str() {
            "2.5.4.3" => ("CN", 64),
            "2.5.4.10" => ("O", 64),
            "2.5.4.11" => ("OU", 64),
            "2.5.4.5" => ("serialNumber", 64),
            "2.5.4.6" => ("C", 2),
            "2.5.4.7" => ("L", 128),
            "2.5.4.8" => ("ST", 128),
            "1.2.840.113549.1.9.1" => ("emailAddress", 255),
            "0.9.2342.19200300.100.1.25" => ("DC", 63),
            "0.9.2342.19200300.100.1.1" => ("UID", 255),
            _ => (oid.as_str(), 255),
        };
        let len = attr
            .as_str()
            .map(|s| s.chars().count())
            .unwrap_or(attr.attr_value().data.len());
        if len > max {
            return Err(Error::InvalidInput(format!(
                "the CSR's subject {name} is {len} characters long: at most {max} (RFC 5280)"
            )));
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn arbitrary_bytes_are_refused(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            proptest::prop_assert!(matches!(read(&bytes), Err(Error::InvalidInput(_))));
        }

        #[test]
        fn pem_wrapped_garbage_is_refused(
            body in proptest::collection::vec(proptest::num::u8::ANY, 0..1024),
            label in proptest::sample::select(vec!["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST", "CERTIFICATE", "X"]),
        ) {
            let pem = wrap(label, &body);
            proptest::prop_assert!(matches!(read(pem.as_bytes()), Err(Error::InvalidInput(_))));
        }

        #[test]
        fn a_real_csr_with_bytes_flipped_is_refused_or_read(
            flips in proptest::collection::vec((proptest::num::usize::ANY, 1u8..=255), 1..4),
        ) {
            let mut der = sample_csr_der();
            for (at, xor) in flips {
                let i = at % der.len();
                der[i] ^= xor;
            }
            if let Err(e) = read(wrap("CERTIFICATE REQUEST", &der).as_bytes()) {
                proptest::prop_assert!(matches!(e, Error::InvalidInput(_)));
            }
        }
    }

    fn wrap(label: &str, der: &[u8]) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        format!("-----BEGIN {label}-----\n{b64}\n-----END {label}-----\n")
    }

    fn sample_csr_der() -> Vec<u8> {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["a.example.com".to_owned()]).unwrap();
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "alice");
        params.serialize_request(&key).unwrap().der().to_vec()
    }

    #[test]
    fn a_csr_made_here_reads_back() {
        let csr = read(wrap("CERTIFICATE REQUEST", &sample_csr_der()).as_bytes()).unwrap();
        assert_eq!(csr.common_name.as_deref(), Some("alice"));
        assert_eq!(csr.dns, ["a.example.com"]);
        assert_eq!(csr.key_type, "ecdsa-p256");
    }

    #[test]
    fn subjects_beyond_rfc5280_bounds_are_refused() {
        let key = rcgen::KeyPair::generate_for(&rcgen::PKCS_ECDSA_P256_SHA256).unwrap();
        for (dn, value, want) in [
            (
                rcgen::DnType::CommonName,
                "c".repeat(10_000),
                "CN is 10000 characters long: at most 64",
            ),
            (
                rcgen::DnType::OrganizationName,
                "o".repeat(65),
                "O is 65 characters long: at most 64",
            ),
            (
                rcgen::DnType::OrganizationalUnitName,
                "u".repeat(65),
                "OU is 65",
            ),
        ] {
            let mut params = rcgen::CertificateParams::default();
            params.distinguished_name.push(dn, value);
            let der = params.serialize_request(&key).unwrap().der().to_vec();
            let err = read(wrap("CERTIFICATE REQUEST", &der).as_bytes())
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{err}");
        }
    }

    #[test]
    fn an_oversized_file_is_refused_before_parsing() {
        let big = vec![b'A'; MAX_CSR_BYTES + 1];
        let err = read(&big).unwrap_err().to_string();
        assert!(err.contains("larger than 64 KiB"), "{err}");
    }
}
