//! Adopting a CA that already exists: an OpenSSL or easy-rsa CA becomes the store's CA (its key
//! sealed like a generated one), and easy-rsa's issued and revoked certificates its registry, so
//! the first CRL credctl publishes carries on from easy-rsa's.
//!
//! The new store is built beside its target and renamed into place: the import appears whole or
//! not at all, and its audit log starts with it.

use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::Serialize;
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::audit::Event;
use crate::clock::unix_now;
use crate::error::{Error, Result};
use crate::store::{self, NewStore, keyring};
use crate::x509::ca::{CaCert, CreatedCa};
use crate::x509::crl::{REVOKED_ELSEWHERE_FILE, RevokedElsewhere};
use crate::x509::easyrsa::{self, IndexEntry};
use crate::x509::import::{self, ImportedKey};
use crate::x509::issue::CaSigner;
use crate::x509::registry::{Issued, RegistryUpdate};
use crate::x509::{KeyType, authority, inspect};

/// The CA to adopt: its certificate(s) and its key, read and checked.
pub struct CaSource {
    /// The certificate file: the CA whose key is given, and its root when that is an
    /// intermediate.
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Whether the key file is encrypted (the caller asks for its passphrase only then).
pub fn key_needs_passphrase(key: &Path) -> Result<bool> {
    let text = super::read_input_text(key, "CA key")?;
    Ok(import::key_is_encrypted(&text))
}

/// The adopted CA: root, and the intermediate that issues when the key is an intermediate's.
struct Adopted {
    created: CreatedCa,
    key_type: KeyType,
    /// The root's key is not in the store (an intermediate was imported).
    root_key_absent: bool,
    name: String,
}

impl Adopted {
    /// The CA that issues: the intermediate when there is one, else the root.
    fn issuing(&self) -> &CaCert {
        self.created
            .intermediate
            .as_ref()
            .unwrap_or(&self.created.root)
    }
}

fn parse(der: &[u8]) -> Result<X509Certificate<'_>> {
    X509Certificate::from_der(der)
        .map(|(_, c)| c)
        .map_err(|e| Error::InvalidInput(format!("not a certificate: {e}")))
}

/// Reads the CA certificate(s) and key and checks that they belong together, that the CA can
/// sign certificates and CRLs, and (for an intermediate) that the root given signed it.
fn adopt(source: &CaSource, passphrase: Option<&SecretString>) -> Result<Adopted> {
    use age::secrecy::ExposeSecret;
    let what = source.key.display().to_string();
    let key_text = zeroize::Zeroizing::new(super::read_input_text(&source.key, "CA key")?);
    let key: ImportedKey = import::parse_private_key(
        &key_text,
        passphrase.map(|p| p.expose_secret().as_bytes()),
        &what,
    )?;
    let pem = super::read_input_text(&source.cert, "CA certificate")?;
    let ders = inspect::pem_certificates(pem.as_bytes())
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", source.cert.display())))?;
    let pair = key.key_pair()?;
    let mut issuing = None;
    for der in &ders {
        if import::key_matches(&pair, der)? {
            issuing = Some(der.clone());
        }
    }
    let issuing = issuing.ok_or_else(|| {
        Error::InvalidInput(format!(
            "{} is not the key of any certificate in {}",
            what,
            source.cert.display()
        ))
    })?;
    let cert = parse(&issuing)?;
    check_ca(&cert, &source.cert)?;
    let self_signed = cert.subject() == cert.issuer() && cert.verify_signature(None).is_ok();
    let ca_cert = |der: &[u8], key| -> Result<CaCert> {
        Ok(CaCert {
            pem: crate::x509::keys::pem_encode("CERTIFICATE", der),
            der: der.to_vec(),
            key,
        })
    };
    if self_signed {
        let name = common_name(&cert);
        return Ok(Adopted {
            created: CreatedCa {
                root: ca_cert(&issuing, pair)?,
                intermediate: None,
            },
            key_type: key.key_type,
            root_key_absent: false,
            name,
        });
    }
    // An intermediate: its root must be in the file and must have signed it.
    let root_der = ders
        .iter()
        .find(|d| {
            parse(d).is_ok_and(|r| {
                r.subject() == cert.issuer()
                    && r.subject() == r.issuer()
                    && cert.verify_signature(Some(r.public_key())).is_ok()
            })
        })
        .ok_or_else(|| {
            Error::InvalidInput(format!(
                "{} is an intermediate CA: put the root that signed it ({}) in the same file",
                cert.subject(),
                cert.issuer()
            ))
        })?
        .clone();
    let root = parse(&root_der)?;
    check_ca(&root, &source.cert)?;
    root.verify_signature(None).map_err(|_| {
        Error::InvalidInput(format!(
            "the root {} does not verify itself",
            root.subject()
        ))
    })?;
    // The store's root slot keeps a placeholder key it never uses: the root's key stays with
    // whoever holds it, and commands that need it say so.
    let placeholder = KeyType::EcdsaP256.generate()?;
    Ok(Adopted {
        name: common_name(&root),
        created: CreatedCa {
            root: ca_cert(&root_der, placeholder)?,
            intermediate: Some(ca_cert(&issuing, pair)?),
        },
        key_type: key.key_type,
        root_key_absent: true,
    })
}

fn common_name(cert: &X509Certificate<'_>) -> String {
    cert.subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_owned)
        .unwrap_or_else(|| cert.subject().to_string())
}

/// A CA certificate credctl can issue with: CA:TRUE, allowed to sign certificates and CRLs,
/// valid now, with a subject key identifier (the authority key identifier of what it issues).
fn check_ca(cert: &X509Certificate<'_>, file: &Path) -> Result<()> {
    let bad = |why: String| Error::InvalidInput(format!("{}: {why}", file.display()));
    if !cert.is_ca() {
        return Err(bad(format!(
            "{} is not a CA (basicConstraints CA:FALSE)",
            cert.subject()
        )));
    }
    if let Ok(Some(usage)) = cert.key_usage()
        && !(usage.value.key_cert_sign() && usage.value.crl_sign())
    {
        return Err(bad(format!(
            "{} may not sign certificates and CRLs (keyUsage lacks keyCertSign or cRLSign)",
            cert.subject()
        )));
    }
    let now = unix_now();
    let validity = cert.validity();
    if now < validity.not_before.timestamp() || now >= validity.not_after.timestamp() {
        return Err(bad(format!(
            "{} is not valid now (until {})",
            cert.subject(),
            inspect::rfc3339(validity.not_after)
        )));
    }
    if inspect::subject_key_id(cert).is_none() {
        return Err(bad(format!(
            "{} has no subject key identifier, which the certificates it issues must name",
            cert.subject()
        )));
    }
    Ok(())
}

pub struct ImportCaRequest {
    pub store: PathBuf,
    pub source: CaSource,
    pub scrypt_log_n: u8,
}

#[derive(Debug, Serialize)]
pub struct ImportCaReport {
    pub store: String,
    pub root: inspect::CertInfo,
    pub intermediate: Option<inspect::CertInfo>,
    /// The root's key stays where it is (an intermediate was imported).
    pub root_key_absent: bool,
    /// The plaintext (or separately encrypted) key file, still on disk.
    pub key_file: PathBuf,
    /// What an easy-rsa import brought in and left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub easy_rsa: Option<EasyRsaReport>,
}

/// Everything checked before the store passphrase is asked for.
pub fn check(req: &ImportCaRequest) -> Result<()> {
    keyring::check_scrypt_log_n(req.scrypt_log_n)?;
    store::check_can_create(&req.store)
}

/// What an import reports about the CA it adopted (or, in a dry run, checked).
fn report(
    req: &ImportCaRequest,
    adopted: &Adopted,
    easy_rsa: Option<EasyRsaReport>,
) -> Result<ImportCaReport> {
    Ok(ImportCaReport {
        store: req.store.display().to_string(),
        root: inspect::info(&adopted.created.root.der)?,
        intermediate: adopted
            .created
            .intermediate
            .as_ref()
            .map(|i| inspect::info(&i.der))
            .transpose()?,
        root_key_absent: adopted.root_key_absent,
        key_file: req.source.key.clone(),
        easy_rsa,
    })
}

/// What `init --import-ca --dry-run` reports: the CA checked, nothing created.
pub fn import_ca_dry_run(
    req: &ImportCaRequest,
    key_passphrase: Option<&SecretString>,
) -> Result<ImportCaReport> {
    check(req)?;
    let adopted = adopt(&req.source, key_passphrase)?;
    report(req, &adopted, None)
}

/// Creates a store around an existing CA.
pub fn import_ca(
    req: &ImportCaRequest,
    key_passphrase: Option<&SecretString>,
    passphrase: &SecretString,
) -> Result<ImportCaReport> {
    check(req)?;
    let adopted = adopt(&req.source, key_passphrase)?;
    create(req, &adopted, passphrase, None)
}

/// The store files, the first audit entries and the state of an adopted CA, then the store.
fn create(
    req: &ImportCaRequest,
    adopted: &Adopted,
    passphrase: &SecretString,
    easy_rsa: Option<(EasyRsaPlan, EasyRsaReport)>,
) -> Result<ImportCaReport> {
    keyring::check_passphrase_strength(passphrase)?;
    let store_key = keyring::StoreKey::generate();
    let mut files = keyring::new_keyring_files(&store_key, passphrase, req.scrypt_log_n)?;
    let (mut summary, mut ca_files) = authority::new_store_files(
        &adopted.name,
        adopted.key_type,
        &adopted.created,
        &store_key.recipient(),
    )?;
    if adopted.root_key_absent {
        summary.root_key_absent = true;
        ca_files.retain(|(rel, _)| rel != Path::new(authority::ROOT_KEY));
    }
    files.extend(ca_files);
    let mut result = report(req, adopted, None)?;
    let (root, intermediate) = (&result.root, &result.intermediate);
    let mut events = vec![
        Event::new("store.init", req.store.display().to_string())
            .detail(format!("format v{}", store::FORMAT_VERSION)),
        Event::new("ca.import", &root.subject)
            .serial(&root.serial)
            .fingerprint(&root.fingerprint_sha256)
            .detail(match adopted.root_key_absent {
                true => "root, without its key".to_owned(),
                false => format!(
                    "root, {} key from {}",
                    adopted.key_type,
                    req.source.key.display()
                ),
            }),
    ];
    if let Some(i) = &intermediate {
        events.push(
            Event::new("ca.import", &i.subject)
                .serial(&i.serial)
                .fingerprint(&i.fingerprint_sha256)
                .detail(format!(
                    "intermediate, {} key from {}",
                    adopted.key_type,
                    req.source.key.display()
                )),
        );
    }
    let issuing = adopted.issuing();
    let key = adopted
        .key_type
        .load_pkcs8_der(&crate::x509::keys::pkcs8_der(&issuing.key))?;
    let signer = CaSigner::new(&issuing.der, key)?;
    let mut crl_number = 0;
    if let Some((plan, report)) = easy_rsa {
        files.extend(plan.files);
        crl_number = plan.crl_number;
        events.push(
            Event::new("import.easy-rsa", req.source.cert.display().to_string()).detail(format!(
                "{} certificates ({} revoked), {} left out; next CRL number {}",
                report.imported.len(),
                report.revoked,
                report.left_out.len(),
                crl_number + 1
            )),
        );
        result.easy_rsa = Some(report);
    }
    store::create(
        &req.store,
        NewStore {
            ca: summary,
            files,
            events,
            signer: &signer,
            crl_number,
        },
    )?;
    Ok(result)
}

// ---------------------------------------------------------------------------------------------
// easy-rsa

/// A certificate an import brings in, or leaves out and why.
#[derive(Debug, Serialize)]
pub struct ImportedCert {
    pub name: String,
    pub serial: String,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EasyRsaReport {
    pub imported: Vec<ImportedCert>,
    pub revoked: usize,
    pub left_out: Vec<ImportedCert>,
    /// The number credctl's next CRL gets.
    pub next_crl_number: u64,
}

struct EasyRsaPlan {
    /// The registry, and the revocations whose certificates are gone.
    files: Vec<(PathBuf, Vec<u8>)>,
    /// The store's `crl_number`: its next CRL is this plus one.
    crl_number: u64,
}

/// The profile an easy-rsa certificate is recorded under: server certificates (serverAuth) as
/// `edge`'s shape would fit them badly, so client-only ones are `dev`, the rest `hub`.
fn profile_for(cert: &X509Certificate<'_>) -> &'static str {
    let server = cert
        .extended_key_usage()
        .ok()
        .flatten()
        .is_some_and(|eku| eku.value.server_auth);
    if server { "hub" } else { "dev" }
}

/// Reads what easy-rsa issued: every certificate of `index.txt` that is still valid or revoked
/// and unexpired, checked against the CA, as registry records.
fn plan_easy_rsa(pki: &Path, issuing_der: &[u8]) -> Result<(EasyRsaPlan, EasyRsaReport)> {
    let index_path = pki.join("index.txt");
    let text = super::read_input_text(&index_path, "easy-rsa index")?;
    let entries = easyrsa::parse_index(&text, &index_path)?;
    let ca = parse(issuing_der)?;
    let now = unix_now();
    let mut registry = RegistryUpdate::fresh();
    let mut imported = Vec::new();
    let mut left_out = Vec::new();
    let mut revoked = 0;
    let mut revocations = Vec::new();
    let mut elsewhere = Vec::new();
    for entry in &entries {
        let name = entry
            .subject
            .split('/')
            .find_map(|p| p.strip_prefix("CN="))
            .unwrap_or(&entry.serial)
            .to_owned();
        let record = |why: Option<String>| ImportedCert {
            name: name.clone(),
            serial: entry.serial.clone(),
            status: status_name(entry).into(),
            why,
        };
        if entry.expires <= now {
            left_out.push(record(Some("expired".into())));
            continue;
        }
        let Some((issued, pem)) = read_issued(pki, entry, &name, &ca)? else {
            // A revoked certificate stays revoked without its file: its serial goes on every
            // CRL until it expires.
            let why = match entry.revoked {
                Some((revoked_at, reason)) => {
                    elsewhere.push(RevokedElsewhere {
                        serial: entry.serial.clone(),
                        name: name.clone(),
                        reason,
                        revoked_at,
                        not_after: entry.expires,
                    });
                    "no certificate file for this serial; revoked: its serial stays on credctl's CRL until it expires"
                }
                None => "no certificate file for this serial",
            };
            left_out.push(record(Some(why.into())));
            continue;
        };
        let mut issued = issued;
        registry.issue(&mut issued, &pem)?;
        if let Some((at, reason)) = entry.revoked {
            revocations.push((issued.serial.clone(), name.clone(), reason, at));
            revoked += 1;
        }
        imported.push(record(None));
    }
    for (serial, name, reason, at) in revocations {
        registry.revoke(&serial, &name, reason, at)?;
    }
    let crl_number = easyrsa::next_crl_number(pki)?.saturating_sub(1);
    let mut files = registry.into_files();
    if !elsewhere.is_empty() {
        let mut bytes = serde_json::to_vec_pretty(&elsewhere).expect("revocations serialize");
        bytes.push(b'\n');
        files.push((REVOKED_ELSEWHERE_FILE.into(), bytes));
    }
    Ok((
        EasyRsaPlan { files, crl_number },
        EasyRsaReport {
            imported,
            revoked,
            left_out,
            next_crl_number: crl_number + 1,
        },
    ))
}

fn status_name(entry: &IndexEntry) -> &'static str {
    match entry.status {
        'R' => "revoked",
        'E' => "expired",
        _ => "valid",
    }
}

/// The certificate `entry` names, checked (issued by `ca`, the serial matching), as a record.
fn read_issued(
    pki: &Path,
    entry: &IndexEntry,
    name: &str,
    ca: &X509Certificate<'_>,
) -> Result<Option<(Issued, String)>> {
    let Some(path) = easyrsa::certificate_file(pki, &entry.serial_text) else {
        return Ok(None);
    };
    let text = super::read_input_text(&path, "certificate")?;
    let ders = inspect::pem_certificates(text.as_bytes())
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", path.display())))?;
    let der = &ders[0];
    let cert = parse(der)?;
    if hex::encode(cert.raw_serial()) != entry.serial
        || cert.issuer() != ca.subject()
        || cert.verify_signature(Some(ca.public_key())).is_err()
    {
        return Err(Error::InvalidInput(format!(
            "{}: not the certificate index.txt names for serial {} under this CA",
            path.display(),
            entry.serial
        )));
    }
    let validity = cert.validity();
    let sans = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .map(|n| n.to_string())
                .collect()
        })
        .unwrap_or_default();
    let issued = Issued {
        serial: entry.serial.clone(),
        name: name.to_owned(),
        profile: profile_for(&cert).into(),
        subject: inspect::rfc2253(cert.subject()),
        sans,
        key_type: inspect::key_type_of_spki(cert.public_key()),
        not_before: validity.not_before.timestamp(),
        not_after: validity.not_after.timestamp(),
        fingerprint: inspect::fingerprint_sha256(der),
        spki_sha256: inspect::spki_sha256(cert.public_key().raw),
        issued_at: validity.not_before.timestamp(),
        pem_at: 0,
        replaces: None,
        // The store never held its key: it belongs to its holder.
        from_csr: true,
    };
    Ok(Some((
        issued,
        crate::x509::keys::pem_encode("CERTIFICATE", der),
    )))
}

pub struct EasyRsaRequest {
    pub store: PathBuf,
    pub pki: PathBuf,
    pub scrypt_log_n: u8,
}

impl EasyRsaRequest {
    fn ca(&self) -> ImportCaRequest {
        ImportCaRequest {
            store: self.store.clone(),
            source: CaSource {
                cert: self.pki.join("ca.crt"),
                key: self.pki.join("private/ca.key"),
            },
            scrypt_log_n: self.scrypt_log_n,
        }
    }

    pub fn key_file(&self) -> PathBuf {
        self.pki.join("private/ca.key")
    }
}

/// The easy-rsa PKI's CA, adopted, and what its database brings in.
fn adopt_easy_rsa(
    req: &EasyRsaRequest,
    key_passphrase: Option<&SecretString>,
) -> Result<(ImportCaRequest, Adopted, (EasyRsaPlan, EasyRsaReport))> {
    let ca = req.ca();
    check(&ca)?;
    let adopted = adopt(&ca.source, key_passphrase)?;
    let plan = plan_easy_rsa(&req.pki, &adopted.issuing().der)?;
    Ok((ca, adopted, plan))
}

/// What `import easy-rsa --dry-run` reports: the CA and what would come in and stay out.
pub fn easy_rsa_dry_run(
    req: &EasyRsaRequest,
    key_passphrase: Option<&SecretString>,
) -> Result<ImportCaReport> {
    let (ca, adopted, (_, found)) = adopt_easy_rsa(req, key_passphrase)?;
    report(&ca, &adopted, Some(found))
}

/// Creates a store from an easy-rsa PKI: its CA, every unexpired certificate it issued (keys
/// stay with their holders), its revocations, and its CRL numbering.
pub fn import_easy_rsa(
    req: &EasyRsaRequest,
    key_passphrase: Option<&SecretString>,
    passphrase: &SecretString,
) -> Result<ImportCaReport> {
    let (ca, adopted, plan) = adopt_easy_rsa(req, key_passphrase)?;
    create(&ca, &adopted, passphrase, Some(plan))
}
