//! `export --for-online` and `verify-online`: everything the online side needs after a
//! ceremony (the CA chain, the CRLs, every hub's rendered directory, the public NATS JWTs) in one
//! new directory, with a manifest of every file's SHA-256 signed by the issuing CA. The online
//! side checks the manifest, the signature and the CA before using any of it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Session;
use super::hubsync::{self, Cluster, Rendering};
use crate::audit::{Event, Head};
use crate::error::{Error, Result};
use crate::store::statement::StateSigner;
use crate::store::{Change, fsio};
use crate::x509::authority::{CRL_FILE, ROOT_CRL_FILE};
use crate::x509::statement::{Mismatch, Signed, verify_signed};
use crate::x509::{inspect, registry};

pub const MANIFEST: &str = "MANIFEST.json";
const FORMAT: &str = "credctl-online-handoff";
/// Prefixed to the manifest before signing, so the signature means this and nothing else.
const DOMAIN: &[u8] = b"credctl online hand-off v1\n";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub made: String,
    pub ca: String,
    pub root_sha256: String,
    /// The store's audit head when the hand-off was made.
    pub audit: Head,
    /// Path (`/`-separated, relative to the directory) -> SHA-256, hex.
    pub files: BTreeMap<String, String>,
    pub signer: String,
    pub algorithm: String,
    #[serde(default)]
    pub signature: String,
}

impl Manifest {
    fn message(&self) -> Vec<u8> {
        let unsigned = Manifest {
            signature: String::new(),
            ..self.clone()
        };
        let mut message = DOMAIN.to_vec();
        message.extend(serde_json::to_vec(&unsigned).expect("manifest serializes"));
        message
    }
}

#[derive(Debug, Serialize)]
pub struct HandoffReport {
    pub out: PathBuf,
    pub files: usize,
    pub hubs: Vec<String>,
    pub accounts: usize,
    /// The manifest's SHA-256, short, to read aloud and compare on the online side.
    pub manifest_code: String,
}

/// Writes the hand-off into `out`, a new directory (all of it appears, or none).
pub fn export(session: &mut Session, out: &Path) -> Result<HandoffReport> {
    super::check_out_dir(out)?;
    fsio::ensure_absent(out)?;
    let mut change = Change::default();
    let mut files: BTreeMap<String, (Vec<u8>, u32)> = BTreeMap::new();
    let authority = session.authority()?;
    files.insert(
        "ca.crt".into(),
        (authority.chain_pem().as_bytes().to_vec(), fsio::PUBLIC_FILE),
    );
    let store = session.store();
    for (rel, name) in [(CRL_FILE, "crl.pem"), (ROOT_CRL_FILE, "root-crl.pem")] {
        if let Some(bytes) = store.read_optional(rel)? {
            files.insert(name.into(), (bytes, fsio::PUBLIC_FILE));
        }
    }
    let accounts = nats_files(session, &mut files)?;
    let mut listed: BTreeMap<String, String> = files
        .iter()
        .map(|(name, (bytes, _))| (name.clone(), hex::encode(Sha256::digest(bytes))))
        .collect();
    let hubs = hub_dirs(session, &mut change, out, &mut listed)?;
    let manifest = sign_manifest(session, listed)?;
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("manifest serializes");
    let manifest_code = crate::store::shares::short_code(&manifest_bytes);
    let count = manifest.files.len();
    let batch = change.output(out)?;
    for (name, (bytes, mode)) in files {
        batch.add_new(&name, bytes, mode)?;
    }
    batch.add_new(MANIFEST, manifest_bytes, fsio::PUBLIC_FILE)?;
    change.record(
        Event::new("handoff.export", out.display().to_string())
            .detail(format!("{count} files, manifest {manifest_code}")),
    );
    session.commit(change)?;
    Ok(HandoffReport {
        out: out.to_path_buf(),
        files: count,
        hubs,
        accounts,
        manifest_code,
    })
}

/// `nats/operator.jwt` and `nats/ACCOUNT.jwt` (public), when the store has an operator.
fn nats_files(session: &Session, files: &mut BTreeMap<String, (Vec<u8>, u32)>) -> Result<usize> {
    let store = session.store();
    if !crate::nats::operator_exists(store) {
        return Ok(0);
    }
    let operator = crate::nats::load_operator(store)?;
    files.insert(
        "nats-operator.jwt".into(),
        (
            format!("{}\n", operator.jwt).into_bytes(),
            fsio::PUBLIC_FILE,
        ),
    );
    let accounts = crate::nats::accounts(store)?;
    for account in &accounts {
        files.insert(
            format!("nats-{}.jwt", account.name),
            (format!("{}\n", account.jwt).into_bytes(), fsio::PUBLIC_FILE),
        );
    }
    Ok(accounts.len())
}

/// Every hub rendered into `out/hub-NAME/` (its config, CA chain, CRL, certificate), listed.
fn hub_dirs(
    session: &Session,
    change: &mut Change,
    out: &Path,
    listed: &mut BTreeMap<String, String>,
) -> Result<Vec<String>> {
    let store = session.store();
    let cluster = match Cluster::load(store) {
        Ok(cluster) if !cluster.hubs.is_empty() => cluster,
        Ok(_) | Err(Error::Refused(crate::error::Refusal::NoHub)) => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let members = crate::hub::load_members(store)?;
    let templates = hubsync::templates(session, None)?;
    let mut lookup = |n: &str| registry::name_pointer(store, n);
    let rendering = Rendering::new(session, &members, &mut lookup, (templates, None))?;
    let mut names = Vec::new();
    for at in 0..cluster.hubs.len() {
        let hub = &cluster.hubs[at];
        let dir_name = format!("hub-{}", hub.name);
        let dir = out.join(&dir_name);
        hubsync::hand_out_hub(session, change, &dir, (&cluster, at), &rendering)?;
        let batch = change.output(&dir)?;
        if let Some(pem) = hubsync::hub_cert_pem(session, &hub.name)? {
            batch.add_replace(
                &crate::hub::render::hub_cert_file(hub),
                pem.into_bytes(),
                fsio::PUBLIC_FILE,
            );
        }
        for (name, bytes) in batch.pending() {
            listed.insert(
                format!("{dir_name}/{name}"),
                hex::encode(Sha256::digest(bytes)),
            );
        }
        names.push(hub.name.clone());
    }
    Ok(names)
}

fn sign_manifest(session: &Session, files: BTreeMap<String, String>) -> Result<Manifest> {
    let signer = session.signer()?;
    let mut manifest = Manifest {
        format: FORMAT.into(),
        version: 1,
        made: crate::clock::timestamp(),
        ca: session.state().ca.name.clone(),
        root_sha256: session.authority()?.root_fingerprint(),
        audit: session.state().audit.clone(),
        files,
        signer: signer.fingerprint().to_owned(),
        algorithm: signer.algorithm().to_owned(),
        signature: String::new(),
    };
    manifest.signature = STANDARD.encode(signer.sign(&manifest.message())?);
    Ok(manifest)
}

/// The SHA-256 of the root (last certificate) of a CA chain file, as `ca show` prints it.
pub fn root_of(file: &Path) -> Result<String> {
    let pem = super::read_input(file, "CA certificate file")?;
    let chain = inspect::pem_certificates(&pem)
        .map_err(|e| Error::InvalidInput(format!("--ca {}: {e}", file.display())))?;
    Ok(inspect::fingerprint_sha256(
        chain.last().expect("at least one"),
    ))
}

#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub files: usize,
    pub root_sha256: String,
    pub audit_seq: u64,
    pub manifest_code: String,
    pub ca_checked: bool,
}

/// Checks a hand-off directory on the online side, without a store: the manifest's signature by
/// the issuing CA of the chain in `ca.crt`, that chain up to its root (the one pinned, when
/// `pinned` names one), and that the directory holds exactly the files listed, each with its
/// digest. Any difference is `VerificationFailed`.
pub fn verify(dir: &Path, pinned: Option<&str>) -> Result<VerifyReport> {
    let failed = |detail: String| Error::VerificationFailed(format!("{}: {detail}", dir.display()));
    let manifest_bytes = super::read_input(&dir.join(MANIFEST), "manifest")?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| failed(format!("{MANIFEST} does not parse: {e}")))?;
    if manifest.format != FORMAT {
        return Err(failed(format!(
            "{MANIFEST} is not a credctl hand-off manifest"
        )));
    }
    let chain_pem = super::read_input(&dir.join("ca.crt"), "CA chain")?;
    let chain =
        inspect::pem_certificates(&chain_pem).map_err(|e| failed(format!("ca.crt: {e}")))?;
    let root = chain.last().expect("at least one certificate");
    let root_sha256 = inspect::fingerprint_sha256(root);
    super::audit::check_chain_links(&chain).map_err(|e| failed(format!("ca.crt: {e}")))?;
    if let Some(pin) = pinned
        && pin != root_sha256
    {
        return Err(failed(format!(
            "its CA root has SHA-256 {root_sha256}, not {pin}: not from your CA"
        )));
    }
    let signature = STANDARD
        .decode(&manifest.signature)
        .map_err(|_| failed("the manifest's signature is not base64".into()))?;
    let signed = Signed {
        signer: &manifest.signer,
        algorithm: &manifest.algorithm,
        message: &manifest.message(),
        signature: &signature,
    };
    verify_signed(&chain[0], &signed).map_err(|e| {
        failed(match e {
            Mismatch::Signer(_) => "the manifest is signed by another CA than its ca.crt".into(),
            Mismatch::Algorithm(_) | Mismatch::Signature => {
                "the manifest's signature does not verify: it was changed".into()
            }
            Mismatch::Other(text) => text,
        })
    })?;
    check_files(dir, &manifest).map_err(failed)?;
    Ok(VerifyReport {
        files: manifest.files.len(),
        root_sha256,
        audit_seq: manifest.audit.seq,
        manifest_code: crate::store::shares::short_code(&manifest_bytes),
        ca_checked: pinned.is_some(),
    })
}

/// Exactly the listed files, each with its digest.
fn check_files(dir: &Path, manifest: &Manifest) -> std::result::Result<(), String> {
    let mut found = Vec::new();
    list_files(dir, "", &mut found).map_err(|e| e.to_string())?;
    for rel in &found {
        if rel != MANIFEST && !manifest.files.contains_key(rel) {
            return Err(format!(
                "{rel} is not in the manifest (added after it was signed)"
            ));
        }
    }
    for (rel, digest) in &manifest.files {
        let bytes = std::fs::read(dir.join(rel)).map_err(|_| format!("{rel} is missing"))?;
        if hex::encode(Sha256::digest(&bytes)) != *digest {
            return Err(format!(
                "{rel} is not what the manifest lists (changed after it was signed)"
            ));
        }
    }
    Ok(())
}

fn list_files(dir: &Path, prefix: &str, found: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), &format!("{prefix}{name}/"), found)?;
        } else {
            found.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}
