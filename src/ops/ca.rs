//! `ca show|export`: the CA's public facts (the ways to unlock the store are in `custody`).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Session;
use crate::error::{Error, Result};
use crate::store::{Change, fsio};
use crate::x509::authority::{INTERMEDIATE_CERT, ROOT_CERT};
use crate::x509::inspect::{self, CertInfo};
use crate::x509::settings::CaSettings;

#[derive(Debug, Serialize)]
pub struct CaReport {
    pub name: String,
    pub key_type: String,
    pub root: CertInfo,
    pub intermediate: Option<CertInfo>,
    /// CRL lifetime and the URLs certificates carry (`ca settings`).
    pub settings: CaSettings,
    /// The latest CRL credctl issued, if any.
    pub crl: Option<CrlStatus>,
}

/// The latest CRL: its number and when the next one is due.
#[derive(Debug, Serialize)]
pub struct CrlStatus {
    pub number: u64,
    pub next_update: String,
    /// Its nextUpdate has passed: verifiers that check CRLs refuse every certificate.
    pub overdue: bool,
}

/// The latest CRL's status, read from the store's copy.
pub fn crl_status(session: &Session) -> Result<Option<CrlStatus>> {
    let Some(published) = crate::x509::authority::latest_published_crl(session.store())? else {
        return Ok(None);
    };
    Ok(Some(CrlStatus {
        number: session.state().crl_number,
        next_update: crate::clock::rfc3339_unix(published.next_update),
        overdue: published.next_update <= crate::clock::unix_now(),
    }))
}

pub struct SettingsRequest {
    pub crl_days: Option<u32>,
    /// Some: replace the URLs (empty: remove them).
    pub crl_urls: Option<Vec<String>>,
    pub ca_issuers_urls: Option<Vec<String>>,
}

/// Installs `file` as the store's `profiles.toml` (profiles there replace or add to the built-in
/// ones): checked whole first, then one audited commit — the store refuses files it did not
/// sign, so this is the way to change profiles. Returns the profiles it defines.
pub fn set_profiles(session: &mut Session, file: &Path) -> Result<Vec<String>> {
    let text = super::read_input_text(file, "profiles file")?;
    let names = crate::x509::profile::Profiles::check_override(&text, file)?;
    let mut change = Change::default();
    change.write_private(crate::x509::profile::STORE_PROFILES_FILE, text.into_bytes());
    change.record(
        crate::audit::Event::new("ca.profiles", file.display().to_string())
            .detail(format!("profiles {}", names.join(", "))),
    );
    session.commit(change)?;
    Ok(names)
}

/// Shows the CA's publication settings, or changes them (one audited commit).
pub fn settings(session: &mut Session, req: &SettingsRequest) -> Result<CaSettings> {
    if let Some(days) = req.crl_days {
        crate::x509::settings::check_crl_days(days)?;
    }
    for url in req.crl_urls.iter().flatten() {
        crate::x509::settings::check_url("--crl-url", url)?;
    }
    for url in req.ca_issuers_urls.iter().flatten() {
        crate::x509::settings::check_url("--ca-issuers-url", url)?;
    }
    let mut settings = CaSettings::load(session.store())?;
    let before = settings.clone();
    if let Some(days) = req.crl_days {
        settings.crl_days = Some(days);
    }
    if let Some(urls) = &req.crl_urls {
        settings.crl_urls = urls.clone();
    }
    if let Some(urls) = &req.ca_issuers_urls {
        settings.ca_issuers_urls = urls.clone();
    }
    if settings == before {
        return Ok(settings);
    }
    let mut change = Change::default();
    let mut bytes = serde_json::to_vec_pretty(&settings).expect("settings serialize");
    bytes.push(b'\n');
    change.write_private(crate::x509::settings::SETTINGS_FILE, bytes);
    change.record(
        crate::audit::Event::new("ca.settings", &session.state().ca.name).detail(format!(
            "CRL {} days; CRL URLs [{}]; CA issuers URLs [{}]",
            settings.crl_lifetime_days(),
            settings.crl_urls.join(" "),
            settings.ca_issuers_urls.join(" ")
        )),
    );
    session.commit(change)?;
    Ok(settings)
}

fn cert_info(session: &Session, rel: &str) -> Result<CertInfo> {
    let store = session.store();
    let pem = store.read(rel)?;
    let ders = inspect::pem_certificates(&pem).map_err(|e| Error::corrupt(store.path(rel), e))?;
    inspect::info(&ders[0]).map_err(|e| Error::corrupt(store.path(rel), e))
}

/// Subject, fingerprint, validity and key type of the CA; no unlock.
pub fn show(session: &Session) -> Result<CaReport> {
    session.authority()?; // checks the certificates against their pins
    let ca = &session.state().ca;
    Ok(CaReport {
        name: ca.name.clone(),
        key_type: ca.key_type.clone(),
        root: cert_info(session, ROOT_CERT)?,
        intermediate: ca
            .intermediate
            .then(|| cert_info(session, INTERMEDIATE_CERT))
            .transpose()?,
        settings: CaSettings::load(session.store())?,
        crl: crl_status(session)?,
    })
}

/// Writes the public chain (issuing CA first) to `out`, replacing it.
pub fn export(session: &mut Session, out: &Path) -> Result<PathBuf> {
    let (dir, name) = super::out_file("--out", out, super::Existing::Replace)?;
    let chain = session.authority()?.chain_pem().as_bytes().to_vec();
    let mut change = Change::default();
    let path = change
        .output(&dir)?
        .add_replace(&name, chain, fsio::PUBLIC_FILE);
    session.commit(change)?;
    Ok(path)
}
