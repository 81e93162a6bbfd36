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
use super::profile::{Profile, SubjectAttr, SubjectAttrs};
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
    /// The CA certificate's SHA-256 fingerprint: names the signer of the store state.
    pub fingerprint: String,
    /// How it signs the store state (see `x509::statement`).
    pub statement_algorithm: &'static str,
    /// Where verifiers find the CRL and the CA certificate: put in every certificate it signs.
    pub crl_urls: Vec<String>,
    pub ca_issuers_urls: Vec<String>,
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
        let key_id = super::inspect::subject_key_id(&cert).ok_or_else(|| {
            Error::Certificate("the CA certificate has no subject key identifier".into())
        })?;
        let issuer = Issuer::from_ca_cert_der(&cert_der.to_vec().into(), key)
            .map_err(|e| Error::Certificate(format!("cannot load the CA: {e}")))?;
        Ok(CaSigner {
            issuer,
            not_before: validity.not_before,
            not_after: validity.not_after,
            key_id,
            fingerprint: super::inspect::fingerprint_sha256(cert_der),
            statement_algorithm: super::statement::algorithm_of(&cert)?.0,
            crl_urls: Vec::new(),
            ca_issuers_urls: Vec::new(),
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
    /// Subject attributes set on the command line (`--subject`), within what the profile lets
    /// it set.
    pub subject: SubjectAttrs,
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
        self.check_subject(profile)?;
        if profile.require_san && self.dns.is_empty() && self.ips.is_empty() {
            return Err(Error::InvalidInput(format!(
                "profile {} needs at least one --dns or --ip name",
                profile.name
            )));
        }
        let sans = self.dns.len() + self.ips.len() + self.emails.len();
        if sans > MAX_SANS {
            return Err(Error::InvalidInput(format!(
                "{sans} subject alternative names (--dns, --ip, --email and a CSR's): a certificate carries at most {MAX_SANS}"
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

    /// Every `--subject` attribute is one the profile lets the command line set, given once.
    fn check_subject(&self, profile: &Profile) -> Result<()> {
        for (i, (attr, _)) in self.subject.iter().enumerate() {
            if self.subject[..i].iter().any(|(a, _)| a == attr) {
                return Err(Error::InvalidInput(format!(
                    "--subject {} is given twice",
                    attr.short()
                )));
            }
            if !profile.subject_settable.contains(attr) {
                let settable: Vec<&str> =
                    profile.subject_settable.iter().map(|a| a.short()).collect();
                return Err(Error::InvalidInput(format!(
                    "profile {} does not let the command line set {} (settable: {}); its subject_settable in profiles.toml says which",
                    profile.name,
                    attr.short(),
                    if settable.is_empty() {
                        "none".to_owned()
                    } else {
                        settable.join(", ")
                    }
                )));
            }
        }
        Ok(())
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
        let flag = if self.validity.is_some() {
            "--days/--hours"
        } else {
            "the profile's default_validity"
        };
        let mut not_after = crate::clock::end_for(flag, start, lifetime)?;
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

/// The most subject alternative names (DNS, IP and email together) one certificate carries.
/// RFC 5280 sets no bound; 100 is far above what a host or a person needs and keeps a
/// certificate (and every TLS handshake it is sent in) small.
pub const MAX_SANS: usize = 100;
/// RFC 5280 ub-common-name: the longest name (it becomes the certificate's CN).
pub const MAX_NAME: usize = 64;
/// RFC 1035: the longest DNS name, and the longest label in one.
pub const MAX_DNS: usize = 253;
pub const MAX_DNS_LABEL: usize = 63;
/// The longest email address (rfc822Name) credctl puts in a certificate.
pub const MAX_EMAIL: usize = 255;

/// `text` for an error message: long input cut to its first 40 characters.
pub fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{:?}...", &text[..cut]),
        None => format!("{text:?}"),
    }
}

/// Names become file names and appear in configs: keep them to a safe alphabet.
pub fn check_name(name: &str) -> Result<()> {
    if name.chars().count() > MAX_NAME {
        return Err(Error::InvalidInput(format!(
            "the name {} is {} characters long: at most {MAX_NAME} (it becomes the certificate's CN)",
            shown(name),
            name.chars().count()
        )));
    }
    let ok = !name.is_empty()
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
            "{} is not a valid name: use 1-{MAX_NAME} letters, digits, '.', '_', '-' or '@', starting with a letter or digit",
            shown(name)
        )))
    }
}

pub fn check_dns(name: &str) -> Result<()> {
    let refuse = |why: String| Error::InvalidInput(format!("{} {why}", shown(name)));
    let bad = || {
        refuse(
            "is not a valid DNS name: use letters, digits and '-' in labels separated by dots (a leading \"*.\" is allowed)"
                .into(),
        )
    };
    if name.len() > MAX_DNS {
        return Err(refuse(format!(
            "is {} characters long: a DNS name has at most {MAX_DNS}",
            name.len()
        )));
    }
    if name.parse::<IpAddr>().is_ok() {
        return Err(refuse(
            "is an IP address, not a DNS name: use --ip for addresses".into(),
        ));
    }
    let rest = name.strip_prefix("*.").unwrap_or(name);
    if rest.is_empty() {
        return Err(bad());
    }
    for label in rest.split('.') {
        if label.len() > MAX_DNS_LABEL {
            return Err(refuse(format!(
                "has a label of {} characters: a DNS label has at most {MAX_DNS_LABEL}",
                label.len()
            )));
        }
        let ok = !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            return Err(bad());
        }
    }
    // No top-level domain is all digits (RFC 3696 2): such a name is an address mistyped.
    if rest
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(refuse(
            "looks like an IP address, not a DNS name (its last label is all digits): use --ip for addresses"
                .into(),
        ));
    }
    Ok(())
}

pub fn check_email(email: &str) -> Result<()> {
    let bad = || {
        Error::InvalidInput(format!(
            "{} is not a valid email address: use local-part@domain",
            shown(email)
        ))
    };
    if email.len() > MAX_EMAIL {
        return Err(Error::InvalidInput(format!(
            "the email address {} is {} characters long: at most {MAX_EMAIL}",
            shown(email),
            email.len()
        )));
    }
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
fn subject(
    profile: &Profile,
    request: &Request,
    serial_hex: &str,
) -> Result<(DistinguishedName, String)> {
    let name = request.name.as_str();
    let mut attrs: Vec<&(SubjectAttr, String)> =
        profile.subject.iter().chain(&request.subject).collect();
    attrs.sort();
    let mut dn = DistinguishedName::new();
    // The profile's and the command line's attributes come first in the encoding (C, ST, L,
    // O), so last in the RFC 2253 form.
    for (attr, value) in attrs.iter().copied() {
        match attr {
            SubjectAttr::Country => {
                let printable = rcgen::string::PrintableString::try_from(value.as_str())
                    .map_err(|e| Error::Certificate(format!("country {value:?}: {e}")))?;
                dn.push(
                    DnType::CountryName,
                    rcgen::DnValue::PrintableString(printable),
                );
            }
            SubjectAttr::State => dn.push(DnType::StateOrProvinceName, value.as_str()),
            SubjectAttr::Locality => dn.push(DnType::LocalityName, value.as_str()),
            SubjectAttr::Organization => dn.push(DnType::OrganizationName, value.as_str()),
        }
    }
    let attrs_text: String = attrs
        .iter()
        .rev()
        .map(|(attr, value)| {
            format!(
                ",{}={}",
                attr.short(),
                super::inspect::escape_rdn_value(value)
            )
        })
        .collect();
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
    text.push_str(&attrs_text);
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
    let (dn, subject) = subject(profile, request, &serial_hex)?;
    params.distinguished_name = dn;
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    if key_type.starts_with("rsa") {
        params.key_usages.push(KeyUsagePurpose::KeyEncipherment);
    }
    params.extended_key_usages = profile.extended_key_usages();
    params.serial_number = Some(serial);
    params.use_authority_key_identifier_extension = true;
    // A profile's own URLs take the place of the store's.
    let crl_urls = profile.crl_urls.as_ref().unwrap_or(&signer.crl_urls);
    if !crl_urls.is_empty() {
        params.crl_distribution_points = vec![rcgen::CrlDistributionPoint {
            uris: crl_urls.clone(),
        }];
    }
    let ca_issuers_urls = profile
        .ca_issuers_urls
        .as_ref()
        .unwrap_or(&signer.ca_issuers_urls);
    if !ca_issuers_urls.is_empty() {
        params
            .custom_extensions
            .push(CustomExtension::from_oid_content(
                super::settings::AIA_OID,
                super::settings::authority_info_access(ca_issuers_urls),
            ));
    }
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
        assert!(check_dns("1st.example.com").is_ok());
        let label = "a".repeat(63);
        assert!(check_dns(&format!("{label}.{label}.{label}.{}", "b".repeat(61))).is_ok());
        let long_label = "a".repeat(64) + ".com";
        let too_long = format!("{label}.{label}.{label}.{}", "b".repeat(62));
        for bad in [
            "",
            "a..b",
            "-a.com",
            "a_b.com",
            "*.",
            "a.*.b",
            &long_label,
            &too_long,
            "1.2.3.4",
            "1.2.3.4.5",
            "::1",
            "host.123",
        ] {
            assert!(check_dns(bad).is_err(), "{bad}");
        }
        assert!(check_email("alice@example.com").is_ok());
        let long_email = format!("a@{}.com", "b.".repeat(126));
        for bad in [
            "alice",
            "@x.com",
            "a@",
            "a b@x.com",
            "a@b@c.com",
            &long_email,
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        let ip = check_dns("1.2.3.4.5").unwrap_err().to_string();
        assert!(
            ip.contains("looks like an IP address") && ip.contains("--ip"),
            "{ip}"
        );
        let long = check_name(&"x".repeat(10_000)).unwrap_err().to_string();
        assert!(
            long.contains("10000 characters") && long.len() < 200,
            "{long}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        #[test]
        fn any_name_is_accepted_within_its_limits_or_refused(text in "\\PC{0,80}|[a-z0-9.@_-]{0,300}") {
            let one_line = |e: Error| {
                let m = e.to_string();
                matches!(e, Error::InvalidInput(_)) && !m.contains('\n') && m.len() < 400
            };
            match check_name(&text) {
                Ok(()) => proptest::prop_assert!(!text.is_empty() && text.len() <= MAX_NAME),
                Err(e) => proptest::prop_assert!(one_line(e)),
            }
            match check_dns(&text) {
                Ok(()) => {
                    proptest::prop_assert!(text.len() <= MAX_DNS);
                    proptest::prop_assert!(text.parse::<IpAddr>().is_err());
                    let ia5: std::result::Result<rcgen::string::Ia5String, _> = text.as_str().try_into();
                    proptest::prop_assert!(ia5.is_ok());
                }
                Err(e) => proptest::prop_assert!(one_line(e)),
            }
            match check_email(&text) {
                Ok(()) => proptest::prop_assert!(text.len() <= MAX_EMAIL && text.contains('@')),
                Err(e) => proptest::prop_assert!(one_line(e)),
            }
        }

        #[test]
        fn dotted_numbers_are_never_dns_names(parts in proptest::collection::vec(0u32..1000, 1..8)) {
            let name = parts.iter().map(u32::to_string).collect::<Vec<_>>().join(".");
            proptest::prop_assert!(check_dns(&name).is_err());
        }
    }
}
