//! Issuing leaf certificates from a profile: names checked, validity bounded, extensions chosen
//! by the profile alone (never by a CSR).

use std::net::IpAddr;

use rcgen::{
    CertificateParams, CustomExtension, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, PublicKeyData, SanType,
};
use time::{Duration, OffsetDateTime};
use x509_parser::prelude::{FromDer, X509Certificate};

use super::ca::random_serial;
use super::inspect::fingerprint_sha256;
use super::keys::KeyType;
use super::profile::Profile;
use super::registry::Issued;
use crate::clock::now;
use crate::error::{Error, Result};

/// Certificates start a little in the past so a peer whose clock lags still accepts them.
const BACKDATE: Duration = Duration::minutes(5);

/// The CA that signs leaves, unlocked.
pub struct CaSigner {
    pub issuer: Issuer<'static, KeyPair>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    /// The CA's subject key identifier, which CRLs name as their authority key identifier.
    pub key_id: Vec<u8>,
}

/// The public facts of the issuing CA, readable without unlocking.
#[derive(Debug, Clone, Copy)]
pub struct CaValidity {
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

impl CaValidity {
    pub fn of(cert_der: &[u8]) -> Result<CaValidity> {
        let (_, cert) = X509Certificate::from_der(cert_der)
            .map_err(|e| Error::Certificate(format!("cannot parse the CA certificate: {e}")))?;
        Ok(CaValidity {
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
        })
    }
}

impl CaSigner {
    pub fn new(cert_der: &[u8], key: KeyPair) -> Result<CaSigner> {
        let validity = CaValidity::of(cert_der)?;
        let (_, cert) = X509Certificate::from_der(cert_der)
            .map_err(|e| Error::Certificate(format!("cannot parse the CA certificate: {e}")))?;
        let key_id = cert
            .extensions()
            .iter()
            .find_map(|ext| match ext.parsed_extension() {
                x509_parser::extensions::ParsedExtension::SubjectKeyIdentifier(id) => {
                    Some(id.0.to_vec())
                }
                _ => None,
            })
            .ok_or_else(|| {
                Error::Certificate("the CA certificate has no subject key identifier".into())
            })?;
        let issuer = Issuer::from_ca_cert_der(&cert_der.to_vec().into(), key)
            .map_err(|e| Error::Certificate(format!("cannot load the CA: {e}")))?;
        Ok(CaSigner {
            issuer,
            not_before: validity.not_before,
            not_after: validity.not_after,
            key_id,
        })
    }
}

/// What to issue, already validated by [`Request::validate`].
#[derive(Debug, Clone)]
pub struct Request {
    pub name: String,
    pub dns: Vec<String>,
    pub ips: Vec<IpAddr>,
    pub emails: Vec<String>,
    /// None: the profile's default validity.
    pub validity: Option<Duration>,
    pub bind_mac: Option<[u8; 6]>,
}

/// The validity window a request gets.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
}

impl Request {
    /// Checks the request against the profile and the CA's lifetime; no key is touched.
    pub fn validate(&self, profile: &Profile, ca: CaValidity) -> Result<Window> {
        check_name(&self.name)?;
        let refuse = |what: &str| {
            Error::InvalidInput(format!("profile {} does not allow {what}", profile.name))
        };
        if !self.dns.is_empty() && !profile.dns {
            return Err(refuse("DNS names (--dns)"));
        }
        if !self.ips.is_empty() && !profile.ip {
            return Err(refuse("IP addresses (--ip)"));
        }
        if !self.emails.is_empty() && !profile.email {
            return Err(refuse("email addresses (--email)"));
        }
        if self.bind_mac.is_some() && !profile.mac_binding {
            return Err(refuse("a MAC binding (--bind-mac)"));
        }
        if profile.require_san && self.dns.is_empty() && self.ips.is_empty() {
            return Err(Error::InvalidInput(format!(
                "profile {} needs at least one --dns or --ip name",
                profile.name
            )));
        }
        for dns in &self.dns {
            check_dns(dns)?;
        }
        for email in &self.emails {
            check_email(email)?;
        }
        self.window(profile, ca)
    }

    fn window(&self, profile: &Profile, ca: CaValidity) -> Result<Window> {
        let start = now();
        if start >= ca.not_after {
            return Err(Error::Certificate(
                "the issuing CA has expired; it cannot issue".into(),
            ));
        }
        let not_before = (start - BACKDATE).max(ca.not_before);
        let lifetime = self.validity.unwrap_or(profile.default_validity);
        if self.validity.is_some() && lifetime > profile.max_validity {
            return Err(Error::InvalidInput(format!(
                "validity {} is longer than profile {} allows ({})",
                crate::clock::format_duration(lifetime),
                profile.name,
                crate::clock::format_duration(profile.max_validity)
            )));
        }
        let mut not_after = start + lifetime;
        if not_after > ca.not_after {
            if self.validity.is_some() {
                return Err(Error::InvalidInput(format!(
                    "the certificate would outlive the issuing CA (valid until {}); ask for fewer days",
                    super::inspect::rfc3339_time(ca.not_after)
                )));
            }
            not_after = ca.not_after;
        }
        Ok(Window {
            not_before,
            not_after,
        })
    }
}

/// Names become file names and appear in configs: keep them to a safe alphabet.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{name:?} is not a valid name: use 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit"
        )))
    }
}

pub fn check_dns(name: &str) -> Result<()> {
    let bad = || Error::InvalidInput(format!("{name:?} is not a valid DNS name"));
    let rest = name.strip_prefix("*.").unwrap_or(name);
    if rest.is_empty() || name.len() > 253 {
        return Err(bad());
    }
    for label in rest.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(bad());
        }
    }
    Ok(())
}

pub fn check_email(email: &str) -> Result<()> {
    let bad = || Error::InvalidInput(format!("{email:?} is not a valid email address"));
    let (local, domain) = email.split_once('@').ok_or_else(bad)?;
    if local.is_empty()
        || local.len() > 64
        || !local
            .chars()
            .all(|c| c.is_ascii_graphic() && !"<>()[]\\,;:\"@".contains(c))
    {
        return Err(bad());
    }
    check_dns(domain).map_err(|_| bad())
}

/// A freshly signed certificate.
pub struct Signed {
    pub pem: String,
    pub issued: Issued,
}

/// The subject and its RFC 2253 form: `CN=<name>,OU=<ou>`, and `,serialNumber=<serial>` when
/// the profile gives every certificate its own subject. Encoded in reverse, so the RFC 2253 form
/// (last RDN first) reads in that order.
fn subject(profile: &Profile, name: &str, serial_hex: &str) -> Result<(DistinguishedName, String)> {
    let mut dn = DistinguishedName::new();
    let mut text = format!("CN={name},OU={}", profile.ou);
    if profile.subject_serial {
        let printable = rcgen::string::PrintableString::try_from(serial_hex)
            .map_err(|e| Error::Certificate(format!("serial as a subject attribute: {e}")))?;
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 5]),
            rcgen::DnValue::PrintableString(printable),
        );
        text.push_str(&format!(",serialNumber={serial_hex}"));
    }
    dn.push(DnType::OrganizationalUnitName, profile.ou.as_str());
    dn.push(DnType::CommonName, name);
    Ok((dn, text))
}

/// Puts the request's DNS, IP and email names into `params`; returns them as `TYPE:value`.
fn add_alt_names(params: &mut CertificateParams, request: &Request) -> Result<Vec<String>> {
    let mut sans = Vec::new();
    for dns in &request.dns {
        let ia5 = dns
            .as_str()
            .try_into()
            .map_err(|_| Error::InvalidInput(format!("{dns:?} is not a valid DNS name")))?;
        params.subject_alt_names.push(SanType::DnsName(ia5));
        sans.push(format!("DNS:{dns}"));
    }
    for ip in &request.ips {
        params.subject_alt_names.push(SanType::IpAddress(*ip));
        sans.push(format!("IP:{ip}"));
    }
    for email in &request.emails {
        let ia5 = email
            .as_str()
            .try_into()
            .map_err(|_| Error::InvalidInput(format!("{email:?} is not a valid email address")))?;
        params.subject_alt_names.push(SanType::Rfc822Name(ia5));
        sans.push(format!("email:{email}"));
    }
    Ok(sans)
}

/// Signs `request` for `public_key` under `profile`.
pub fn sign(
    signer: &CaSigner,
    profile: &Profile,
    request: &Request,
    window: Window,
    public_key: &impl PublicKeyData,
    key_type: &str,
) -> Result<Signed> {
    let mut params = CertificateParams::default();
    let serial = random_serial();
    let serial_hex = hex::encode(serial.to_bytes());
    let (dn, subject) = subject(profile, &request.name, &serial_hex)?;
    params.distinguished_name = dn;
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    if key_type.starts_with("rsa") {
        params.key_usages.push(KeyUsagePurpose::KeyEncipherment);
    }
    params.extended_key_usages = profile.extended_key_usages();
    params.serial_number = Some(serial);
    params.use_authority_key_identifier_extension = true;
    params.not_before = window.not_before;
    params.not_after = window.not_after;

    let sans = add_alt_names(&mut params, request)?;
    if let Some(mac) = &request.bind_mac {
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                super::mac_binding::OID,
                super::mac_binding::encode(mac),
            ));
    }

    let cert = params
        .signed_by(public_key, &signer.issuer)
        .map_err(|e| Error::Certificate(format!("cannot sign: {e}")))?;
    let der = cert.der().to_vec();
    let issued = Issued {
        serial: serial_hex,
        name: request.name.clone(),
        profile: profile.name.clone(),
        subject,
        sans,
        key_type: key_type.to_owned(),
        not_before: window.not_before.unix_timestamp(),
        not_after: window.not_after.unix_timestamp(),
        fingerprint: fingerprint_sha256(&der),
        spki_sha256: super::inspect::spki_sha256(&public_key.subject_public_key_info()),
        issued_at: now().unix_timestamp(),
        pem_at: 0,
        replaces: None,
        from_csr: false,
    };
    Ok(Signed {
        pem: cert.pem(),
        issued,
    })
}

/// Generates a key of `key_type` and signs a certificate for it.
pub fn issue_with_new_key(
    signer: &CaSigner,
    profile: &Profile,
    request: &Request,
    window: Window,
    key_type: KeyType,
) -> Result<(Signed, KeyPair)> {
    let key = key_type.generate()?;
    let signed = sign(signer, profile, request, window, &key, key_type.name())?;
    Ok((signed, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_dns_and_emails_are_checked() {
        assert!(check_name("alice").is_ok());
        assert!(check_name("edge-01.site_a").is_ok());
        for bad in ["", "../x", "a/b", "-x", "a b", &"x".repeat(65)] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
        assert!(check_dns("hub.example.com").is_ok());
        assert!(check_dns("*.example.com").is_ok());
        for bad in ["", "a..b", "-a.com", "a_b.com", "*.", "a.*.b"] {
            assert!(check_dns(bad).is_err(), "{bad}");
        }
        assert!(check_email("alice@example.com").is_ok());
        for bad in ["alice", "@x.com", "a@", "a b@x.com", "a@b@c.com"] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
    }
}
