//! The CA as the store holds it: its certificates, its sealed keys, its CRL numbering. Built from
//! an open store; the store itself knows nothing about certificates.

use super::KeyType;
use super::ca::CreatedCa;
use super::inspect;
use super::issue::{CaSigner, CaValidity};
use super::keys::pkcs8_der;
use crate::error::{Error, Result};
use crate::store::keyring::{self, StoreKey};
use crate::store::statement::{STATEMENT_FILE, Statement};
use crate::store::{CaSummary, Files, Store, StoreState};

pub const ROOT_CERT: &str = "ca/root.crt";
pub const ROOT_KEY: &str = "ca/root.key.age";
pub const INTERMEDIATE_CERT: &str = "ca/intermediate.crt";
pub const INTERMEDIATE_KEY: &str = "ca/intermediate.key.age";
/// The latest CRL credctl issued.
pub const CRL_FILE: &str = "ca/crl.pem";
/// The latest CRL the root issued over the intermediate.
pub const ROOT_CRL_FILE: &str = "ca/root-crl.pem";
/// During a root rollover: the previous root, trusted beside the new one.
pub const PREVIOUS_ROOT_CERT: &str = "ca/previous-root.crt";
/// During a root rollover: the new root's key certified by the previous root.
pub const CROSS_CERT: &str = "ca/cross.crt";
/// During a rollover: what a certificate of the previous issuing CA is presented with.
pub const PREVIOUS_CHAIN: &str = "ca/previous-chain.pem";

/// The store's CA: public facts read once per command, the signer on demand.
pub struct Authority {
    pub name: String,
    pub key_type: KeyType,
    /// Issuing CA first, root last.
    chain_ders: Vec<Vec<u8>>,
    chain_pem: String,
    /// What a new leaf presents after itself: the intermediate, when there is one, and during a
    /// root rollover the new root certified by the previous one.
    intermediate_pem: String,
    /// During a rollover: what a leaf of the previous issuing CA presents after itself.
    previous_chain_pem: Option<String>,
    issuing: CaValidity,
    key_file: &'static str,
}

impl Authority {
    pub fn load(store: &Store) -> Result<Authority> {
        let ca = &store.state().ca;
        let key_type = KeyType::from_name(&ca.key_type).ok_or_else(|| {
            Error::corrupt(
                store.root().join(crate::store::STORE_FILE),
                format!("unknown CA key type {:?}", ca.key_type),
            )
        })?;
        let mut files = vec![ROOT_CERT];
        if ca.intermediate {
            files.insert(0, INTERMEDIATE_CERT);
        }
        let mut chain_pem = String::new();
        let mut intermediate_pem = String::new();
        let mut chain_ders = Vec::with_capacity(files.len());
        for rel in files {
            let text = store.read_text(rel)?;
            if rel == INTERMEDIATE_CERT {
                intermediate_pem = text.clone();
            }
            let ders = inspect::pem_certificates(text.as_bytes())
                .map_err(|e| Error::corrupt(store.root().join(rel), e))?;
            let der = ders.into_iter().next().expect("never empty");
            check_pin(store, rel, &der)?;
            chain_ders.push(der);
            chain_pem.push_str(&text);
        }
        let issuing = CaValidity::of(&chain_ders[0])?;
        let mut previous_chain_pem = None;
        if let Some(transition) = &ca.transition {
            previous_chain_pem = Some(read_pinned(store, PREVIOUS_CHAIN)?);
            if transition.previous_root.is_some() {
                chain_pem.push_str(&read_pinned(store, PREVIOUS_ROOT_CERT)?);
                intermediate_pem.push_str(&read_pinned(store, CROSS_CERT)?);
            }
        }
        Ok(Authority {
            name: ca.name.clone(),
            key_type,
            chain_ders,
            chain_pem,
            intermediate_pem,
            previous_chain_pem,
            issuing,
            key_file: if ca.intermediate {
                INTERMEDIATE_KEY
            } else {
                ROOT_KEY
            },
        })
    }

    /// What the leaf `leaf_pem` presents after itself: the current chain for a certificate of the
    /// issuing CA, the previous one's during a rollover for an older certificate.
    pub fn leaf_chain_for(&self, leaf_pem: &str) -> &str {
        let Some(previous) = &self.previous_chain_pem else {
            return &self.intermediate_pem;
        };
        if self.issued(leaf_pem) {
            &self.intermediate_pem
        } else {
            previous
        }
    }

    /// Whether the issuing CA signed the certificate `leaf_pem` (not a previous generation).
    pub fn issued(&self, leaf_pem: &str) -> bool {
        inspect::pem_certificates(leaf_pem.as_bytes())
            .ok()
            .and_then(|ders| ders.into_iter().next())
            .is_some_and(|der| signed_by(&der, &self.chain_ders[0]))
    }

    /// The chain as PEM, issuing CA first: what `ca.crt` holds.
    pub fn chain_pem(&self) -> &str {
        &self.chain_pem
    }

    /// What a leaf certificate file carries after the leaf: the intermediate, when there is
    /// one, so a peer trusting only the root can build the chain.
    pub fn leaf_chain_pem(&self) -> &str {
        &self.intermediate_pem
    }

    /// The root, ready to sign what only it signs (the CRL over the intermediate).
    pub fn root_signer(&self, store: &Store, key: &StoreKey) -> Result<CaSigner> {
        if store.state().ca.root_key_absent {
            return Err(crate::error::Refusal::RootKeyAbsent.into());
        }
        let der = key.open(&store.read(ROOT_KEY)?, &store.path(ROOT_KEY))?;
        let key_pair = self.key_type.load_pkcs8_der(&der)?;
        let cert = self.chain_ders.last().expect("a chain has a root");
        check_key_matches(store, ROOT_CERT, cert, &key_pair)?;
        CaSigner::new(cert, key_pair)
    }

    /// The current chain alone (issuing CA first, root last), without the previous root a
    /// rollover's overlap adds to `ca.crt`.
    pub fn current_chain_pem(&self) -> String {
        self.chain_ders
            .iter()
            .map(|der| super::keys::pem_encode("CERTIFICATE", der))
            .collect()
    }

    /// The root's SHA-256 fingerprint, as `ca show` and `openssl x509 -fingerprint` print it.
    pub fn root_fingerprint(&self) -> String {
        inspect::fingerprint_sha256(self.chain_ders.last().expect("a chain has a root"))
    }

    pub fn has_intermediate(&self) -> bool {
        self.chain_ders.len() > 1
    }

    pub fn chain_ders(&self) -> &[Vec<u8>] {
        &self.chain_ders
    }

    /// Checks that `statement` was signed by the issuing CA's key (already pinned): a statement
    /// rewritten without the key is damage.
    pub fn verify_statement(&self, store: &Store, statement: &Statement) -> Result<()> {
        super::statement::verify(&self.chain_ders[0], statement).map_err(|detail| {
            Error::StateMismatch {
                path: store.path(STATEMENT_FILE),
                detail,
            }
        })
    }

    pub fn issuing_validity(&self) -> CaValidity {
        self.issuing
    }

    /// The issuing CA, ready to sign: opens its sealed key.
    pub fn signer(&self, store: &Store, key: &StoreKey) -> Result<CaSigner> {
        let der = key.open(
            &store.read(self.key_file)?,
            &store.root().join(self.key_file),
        )?;
        let key_pair = self.key_type.load_pkcs8_der(&der)?;
        let cert_file = match self.has_intermediate() {
            true => INTERMEDIATE_CERT,
            false => ROOT_CERT,
        };
        check_key_matches(store, cert_file, &self.chain_ders[0], &key_pair)?;
        let mut signer = CaSigner::new(&self.chain_ders[0], key_pair)?;
        let settings = super::settings::CaSettings::load(store)?;
        signer.crl_urls = settings.crl_urls;
        signer.ca_issuers_urls = settings.ca_issuers_urls;
        Ok(signer)
    }
}

/// A CA file (one or more certificates) whose first certificate must be the pinned one.
fn read_pinned(store: &Store, rel: &str) -> Result<String> {
    let text = store.read_text(rel)?;
    let ders = inspect::pem_certificates(text.as_bytes())
        .map_err(|e| Error::corrupt(store.root().join(rel), e))?;
    check_pin(store, rel, &ders[0])?;
    Ok(text)
}

/// Whether `cert_der` carries a signature by the key of `issuer_der`.
fn signed_by(cert_der: &[u8], issuer_der: &[u8]) -> bool {
    use x509_parser::prelude::{FromDer, X509Certificate};
    let (Ok((_, cert)), Ok((_, issuer))) = (
        X509Certificate::from_der(cert_der),
        X509Certificate::from_der(issuer_der),
    ) else {
        return false;
    };
    cert.verify_signature(Some(issuer.public_key())).is_ok()
}

/// A CA certificate must be the one pinned at init, byte for byte.
fn check_pin(store: &Store, rel: &str, der: &[u8]) -> Result<()> {
    match store.state().ca.pinned.get(rel) {
        Some(pin) if *pin != inspect::fingerprint_sha256(der) => Err(Error::corrupt(
            store.path(rel),
            format!(
                "not the CA certificate this store was made with (SHA-256 {pin} pinned in \
                 store.json): it was replaced or edited"
            ),
        )),
        _ => Ok(()),
    }
}

/// The unsealed CA key must be the key of the CA certificate: a certificate swapped together
/// with its pin still cannot pass for the sealed key's.
fn check_key_matches(
    store: &Store,
    rel: &str,
    cert_der: &[u8],
    key: &rcgen::KeyPair,
) -> Result<()> {
    let (_, cert) = x509_parser::parse_x509_certificate(cert_der)
        .map_err(|e| Error::corrupt(store.path(rel), e))?;
    let spki = cert.public_key();
    let matches = spki.subject_public_key.data.as_ref() == key.public_key_raw();
    if !matches {
        return Err(Error::corrupt(
            store.path(rel),
            "does not belong to the store's sealed CA key: it was replaced",
        ));
    }
    Ok(())
}

/// The number the next CRL gets; the commit sets `crl_number` to it.
pub fn next_crl_number(state: &StoreState) -> u64 {
    state.crl_number + 1
}

/// The CRL last published, if any.
pub fn latest_crl(store: &Store) -> Result<Option<Vec<u8>>> {
    store.read_optional(CRL_FILE)
}

/// What the latest CRL says (None before the first); a copy that does not parse is damage.
pub fn latest_published_crl(store: &Store) -> Result<Option<super::crl::Published>> {
    let Some(pem) = latest_crl(store)? else {
        return Ok(None);
    };
    super::crl::read(&pem)
        .map(Some)
        .map_err(|e| Error::corrupt(store.path(CRL_FILE), e))
}

/// The CA files of a new store (certificates, keys sealed to the store) and its summary.
pub fn new_store_files(
    name: &str,
    key_type: KeyType,
    ca: &CreatedCa,
    recipient: &age::x25519::Recipient,
) -> Result<(CaSummary, Files)> {
    let mut files: Files = vec![
        (ROOT_CERT.into(), ca.root.pem.clone().into_bytes()),
        (
            ROOT_KEY.into(),
            keyring::seal(recipient, &pkcs8_der(&ca.root.key))?,
        ),
    ];
    if let Some(intermediate) = &ca.intermediate {
        files.push((
            INTERMEDIATE_CERT.into(),
            intermediate.pem.clone().into_bytes(),
        ));
        files.push((
            INTERMEDIATE_KEY.into(),
            keyring::seal(recipient, &pkcs8_der(&intermediate.key))?,
        ));
    }
    let mut pinned = std::collections::BTreeMap::new();
    for (rel, pem) in &files {
        if rel.extension().is_some_and(|e| e == "crt") {
            let ders = inspect::pem_certificates(pem).map_err(Error::Certificate)?;
            pinned.insert(
                rel.to_string_lossy().into_owned(),
                inspect::fingerprint_sha256(&ders[0]),
            );
        }
    }
    let summary = CaSummary {
        name: name.to_owned(),
        key_type: key_type.name().to_owned(),
        intermediate: ca.intermediate.is_some(),
        pinned,
        generation: 1,
        transition: None,
        root_key_absent: false,
    };
    Ok((summary, files))
}
