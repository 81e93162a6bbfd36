//! Certificate profiles: the defaults in `templates/profiles.toml`, overridable per store by a
//! `profiles.toml` in the store root.

use std::collections::BTreeMap;
use std::path::Path;

use rcgen::ExtendedKeyUsagePurpose;
use serde::Deserialize;
use time::Duration;

use crate::error::{Error, Result};

const DEFAULT_PROFILES: &str = include_str!("../../templates/profiles.toml");
pub const STORE_PROFILES_FILE: &str = "profiles.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Usage {
    ClientAuth,
    ServerAuth,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[serde(default)]
    description: String,
    ou: String,
    extended_key_usage: Vec<Usage>,
    default_validity: String,
    max_validity: String,
    #[serde(default)]
    dns: bool,
    #[serde(default)]
    ip: bool,
    #[serde(default)]
    email: bool,
    #[serde(default)]
    require_san: bool,
    #[serde(default)]
    mac_binding: bool,
    #[serde(default)]
    subject_serial: bool,
    /// The key type of keys made for this profile unless --key-type says (default ecdsa-p256).
    #[serde(default)]
    key_type: Option<String>,
    /// Fixed subject attributes besides CN and OU: C, ST, L, O.
    #[serde(default)]
    subject: BTreeMap<String, String>,
    /// The subject attributes `--subject ATTR=VALUE` may set (none of them fixed above).
    #[serde(default)]
    subject_settable: Vec<String>,
    /// CRL Distribution Points and CA issuers URLs for this profile's certificates, instead of
    /// the store's (`ca settings`); an empty list puts none in.
    #[serde(default)]
    crl_urls: Option<Vec<String>>,
    #[serde(default)]
    ca_issuers_urls: Option<Vec<String>>,
}

/// A subject attribute a profile may fix, in the order a subject encodes them (most general
/// first), with its RFC 5280 upper bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SubjectAttr {
    Country,
    State,
    Locality,
    Organization,
}

impl SubjectAttr {
    pub fn parse(key: &str) -> Option<SubjectAttr> {
        Some(match key {
            "C" => SubjectAttr::Country,
            "ST" => SubjectAttr::State,
            "L" => SubjectAttr::Locality,
            "O" => SubjectAttr::Organization,
            _ => return None,
        })
    }

    /// The short name in an RFC 2253 subject.
    pub fn short(self) -> &'static str {
        match self {
            SubjectAttr::Country => "C",
            SubjectAttr::State => "ST",
            SubjectAttr::Locality => "L",
            SubjectAttr::Organization => "O",
        }
    }

    /// ub-state-name / ub-locality-name 128, ub-organization-name 64; a country is two letters.
    pub fn check(self, value: &str) -> std::result::Result<(), String> {
        let chars = value.chars().count();
        match self {
            SubjectAttr::Country if chars == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) => {
                Ok(())
            }
            SubjectAttr::Country => {
                Err("C must be a two-letter ISO 3166 code in upper case (e.g. DE)".into())
            }
            _ => {
                let max = if self == SubjectAttr::Organization {
                    64
                } else {
                    128
                };
                if chars == 0 || chars > max || value.chars().any(char::is_control) {
                    Err(format!(
                        "{} must be 1 to {max} printable characters (RFC 5280 upper bound)",
                        self.short()
                    ))
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// Subject attributes with their values, in the order given or encoded.
pub type SubjectAttrs = Vec<(SubjectAttr, String)>;

/// One `--subject ATTR=VALUE`: an attribute of C, ST, L, O and a value within its bound.
pub fn parse_subject_flag(text: &str) -> Result<(SubjectAttr, String)> {
    let bad = |why: String| Error::InvalidInput(format!("--subject {text:?}: {why}"));
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| bad("expected ATTR=VALUE, e.g. O=Example Ltd".into()))?;
    let attr = SubjectAttr::parse(key.trim())
        .ok_or_else(|| bad(format!("{key} is not one of C, ST, L, O")))?;
    attr.check(value).map_err(bad)?;
    Ok((attr, value.to_owned()))
}

#[derive(Debug, Clone)]
pub struct Profile {
    pub name: String,
    pub description: String,
    pub ou: String,
    pub usages: Vec<Usage>,
    pub default_validity: Duration,
    pub max_validity: Duration,
    pub dns: bool,
    pub ip: bool,
    pub email: bool,
    pub require_san: bool,
    pub mac_binding: bool,
    /// The subject carries `serialNumber=<certificate serial>`: every certificate has its own
    /// subject, so a hub mapping users from it admits only the certificate it names.
    pub subject_serial: bool,
    /// The key type of keys made for this profile unless a command's --key-type says.
    pub key_type: super::KeyType,
    /// Fixed subject attributes besides CN and OU, in encoding order (C, ST, L, O).
    pub subject: SubjectAttrs,
    /// The attributes the command line may set (`--subject`), never one of the fixed ones.
    pub subject_settable: Vec<SubjectAttr>,
    /// This profile's own publication URLs; None: the store's.
    pub crl_urls: Option<Vec<String>>,
    pub ca_issuers_urls: Option<Vec<String>>,
}

impl Profile {
    pub fn extended_key_usages(&self) -> Vec<ExtendedKeyUsagePurpose> {
        self.usages
            .iter()
            .map(|u| match u {
                Usage::ClientAuth => ExtendedKeyUsagePurpose::ClientAuth,
                Usage::ServerAuth => ExtendedKeyUsagePurpose::ServerAuth,
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Profiles {
    by_name: BTreeMap<String, Profile>,
}

impl Profiles {
    /// The built-in profiles with the store's overrides applied.
    pub fn load(store_root: &Path) -> Result<Profiles> {
        let mut by_name = parse(DEFAULT_PROFILES, Path::new("templates/profiles.toml"))?;
        let override_path = store_root.join(STORE_PROFILES_FILE);
        match std::fs::read_to_string(&override_path) {
            Ok(text) => by_name.extend(parse(&text, &override_path)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&override_path, e)),
        }
        Ok(Profiles { by_name })
    }

    /// Checks a store profiles file (`ca profiles --set`) without installing it.
    pub fn check_override(text: &str, origin: &Path) -> Result<Vec<String>> {
        Ok(parse(text, origin)?.into_keys().collect())
    }

    pub fn get(&self, name: &str) -> Result<&Profile> {
        self.by_name.get(name).ok_or_else(|| {
            Error::InvalidInput(format!(
                "unknown profile {name:?}; known profiles: {}",
                self.names().join(", ")
            ))
        })
    }

    pub fn names(&self) -> Vec<&str> {
        self.by_name.keys().map(String::as_str).collect()
    }
}

/// A profile's fixed subject attributes (sorted) and the ones the command line may set.
fn subject_template(
    f: &ProfileFile,
) -> std::result::Result<(SubjectAttrs, Vec<SubjectAttr>), String> {
    let attr = |field: String, key: &str| {
        SubjectAttr::parse(key).ok_or_else(|| {
            format!("{field} is not one of C, ST, L, O (CN is the name, OU is `ou`)")
        })
    };
    let mut subject = Vec::new();
    for (key, value) in &f.subject {
        let a = attr(format!("subject.{key}"), key)?;
        a.check(value).map_err(|why| format!("subject: {why}"))?;
        subject.push((a, value.clone()));
    }
    subject.sort();
    let mut settable = Vec::new();
    for key in &f.subject_settable {
        let a = attr(format!("subject_settable entry {key:?}"), key)?;
        if f.subject.contains_key(key) || settable.contains(&a) {
            return Err(format!(
                "subject_settable {key:?} is fixed in subject or listed twice: an attribute is either fixed or settable"
            ));
        }
        settable.push(a);
    }
    settable.sort();
    Ok((subject, settable))
}

fn parse(text: &str, origin: &Path) -> Result<BTreeMap<String, Profile>> {
    let bad = |detail: String| Error::InvalidInput(format!("{}: {detail}", origin.display()));
    let files: BTreeMap<String, ProfileFile> =
        toml::from_str(text).map_err(|e| bad(e.message().to_owned()))?;
    files
        .into_iter()
        .map(|(name, f)| {
            let in_profile = |e: Error| bad(format!("profile {name}: {e}"));
            let default_validity =
                crate::clock::parse_duration(&f.default_validity).map_err(in_profile)?;
            let max_validity = crate::clock::parse_duration(&f.max_validity).map_err(in_profile)?;
            if default_validity > max_validity {
                return Err(bad(format!(
                    "profile {name}: default_validity exceeds max_validity"
                )));
            }
            let ou_chars = f.ou.chars().count();
            if ou_chars == 0 || ou_chars > 64 || f.ou.chars().any(char::is_control) {
                return Err(bad(format!(
                    "profile {name}: ou is {ou_chars} characters: use 1 to 64 printable characters (RFC 5280 ub-organizational-unit-name)"
                )));
            }
            if f.extended_key_usage.is_empty() {
                return Err(bad(format!("profile {name}: extended_key_usage is empty")));
            }
            let (subject, subject_settable) = subject_template(&f)
                .map_err(|why| bad(format!("profile {name}: {why}")))?;
            for url in f.crl_urls.iter().chain(&f.ca_issuers_urls).flatten() {
                super::settings::check_url("a URL", url).map_err(in_profile)?;
            }
            let key_type = match &f.key_type {
                None => super::KeyType::EcdsaP256,
                Some(t) => super::KeyType::from_name(t).ok_or_else(|| {
                    bad(format!(
                        "profile {name}: key_type {t:?} is not one of ecdsa-p256, ecdsa-p384, ed25519, rsa-2048, rsa-3072, rsa-4096"
                    ))
                })?,
            };
            let profile = Profile {
                name: name.clone(),
                description: f.description,
                ou: f.ou,
                usages: f.extended_key_usage,
                default_validity,
                max_validity,
                dns: f.dns,
                ip: f.ip,
                email: f.email,
                require_san: f.require_san,
                mac_binding: f.mac_binding,
                subject_serial: f.subject_serial,
                key_type,
                subject,
                subject_settable,
                crl_urls: f.crl_urls,
                ca_issuers_urls: f.ca_issuers_urls,
            };
            Ok((name, profile))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_profiles_parse_and_match_the_contract() {
        let dir = tempfile::tempdir().unwrap();
        let profiles = Profiles::load(dir.path()).unwrap();
        assert_eq!(profiles.names(), ["dev", "edge", "hub", "node", "system"]);
        assert_eq!(profiles.get("dev").unwrap().usages, [Usage::ClientAuth]);
        assert_eq!(
            profiles.get("node").unwrap().default_validity,
            Duration::hours(8)
        );
        assert!(profiles.get("node").unwrap().mac_binding);
        assert!(profiles.get("hub").unwrap().require_san);
        assert!(profiles.get("nope").is_err());
    }

    #[test]
    fn a_store_can_override_a_profile() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(STORE_PROFILES_FILE),
            "[dev]\nou = \"developers\"\nextended_key_usage = [\"client-auth\"]\n\
             default_validity = \"30d\"\nmax_validity = \"90d\"\n",
        )
        .unwrap();
        let profiles = Profiles::load(dir.path()).unwrap();
        assert_eq!(profiles.get("dev").unwrap().ou, "developers");
        assert_eq!(
            profiles.get("dev").unwrap().default_validity,
            Duration::days(30)
        );
        assert_eq!(profiles.get("edge").unwrap().ou, "edge");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// A store's profiles.toml is outside input: any text loads or is refused.
        #[test]
        fn any_profiles_file_parses_or_is_refused(
            ou in "\\PC{0,80}",
            default in "[0-9]{0,12}[smhdwy]?",
            max in "[0-9]{0,12}[smhdwy]?",
            junk in "\\PC{0,40}",
        ) {
            let text = format!(
                "[dev]\nou = {ou:?}\nextended_key_usage = [\"client-auth\"]\ndefault_validity = {default:?}\nmax_validity = {max:?}\n"
            );
            for t in [text.as_str(), junk.as_str()] {
                match parse(t, Path::new("profiles.toml")) {
                    Ok(profiles) => {
                        for p in profiles.values() {
                            proptest::prop_assert!(!p.ou.is_empty() && p.ou.chars().count() <= 64);
                            proptest::prop_assert!(p.default_validity <= p.max_validity);
                        }
                    }
                    Err(e) => proptest::prop_assert!(matches!(e, Error::InvalidInput(_))),
                }
            }
        }
    }
}
