//! `import nsc DIR`: an nsc operator (its store: operator, accounts and users as JWTs; its
//! keystore: plaintext seeds) adopted into the credctl store. The JWTs are kept as they are
//! (servers need nothing new); the seeds found are sealed; limits, permissions, exports,
//! imports and scoped keys become the records `nats describe` and later changes work from.
//!
//! nsc's layout: `DIR/<OPERATOR>.jwt`, `DIR/accounts/<A>/<A>.jwt`,
//! `DIR/accounts/<A>/users/<U>.jwt`; the keystore `KEYS/keys/<kind>/<2 chars>/<PUBLIC>.nk`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nkeys::KeyPair;
use serde::Serialize;
use zeroize::Zeroizing;

use super::Session;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::nats::jwt::{self, AccountLimits, Export, Import, SigningKey};
use crate::nats::{self, AccountRecord, OperatorRecord, UserRecord};
use crate::store::Change;

pub struct NscImportRequest {
    /// The operator's directory in nsc's store (holding `<OPERATOR>.jwt`).
    pub dir: PathBuf,
    /// nsc's keystore (holding `keys/`).
    pub keys: PathBuf,
    pub dry_run: bool,
}

#[derive(Debug, Serialize)]
pub struct NscAccountReport {
    pub name: String,
    pub public: String,
    pub users: Vec<String>,
    /// Seeds found in the keystore and sealed: the account's and its signing keys'.
    pub keys_sealed: usize,
}

#[derive(Debug, Serialize)]
pub struct NscImportReport {
    pub operator: String,
    pub accounts: Vec<NscAccountReport>,
    /// What was left out or is missing, and why.
    pub notes: Vec<String>,
    pub dry_run: bool,
    pub keystore: PathBuf,
}

fn bad(path: &Path, why: impl std::fmt::Display) -> Error {
    Error::InvalidInput(format!("{}: {why}", path.display()))
}

/// A JWT file, its signature checked, as its token and claims.
fn read_jwt(path: &Path) -> Result<(String, serde_json::Value)> {
    let token = super::read_input_text(path, "JWT")?.trim().to_owned();
    let claims = jwt::decode(&token).map_err(|e| bad(path, e))?;
    Ok((token, claims))
}

/// The seed of `public` from nsc's keystore, if it is there and is that key.
fn find_seed(keys: &Path, public: &str) -> Result<Option<KeyPair>> {
    if public.len() < 3 {
        return Ok(None);
    }
    let path = keys
        .join("keys")
        .join(&public[..1])
        .join(&public[1..3])
        .join(format!("{public}.nk"));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    let text = Zeroizing::new(text);
    let pair = KeyPair::from_seed(text.trim()).map_err(|e| bad(&path, e))?;
    if pair.public_key() != public {
        return Err(bad(&path, "the seed is not this file's key"));
    }
    Ok(Some(pair))
}

fn limits_of(value: &serde_json::Value) -> AccountLimits {
    let n = |k: &str| value[k].as_i64().unwrap_or(0);
    AccountLimits {
        subs: n("subs"),
        data: n("data"),
        payload: n("payload"),
        imports: n("imports"),
        exports: n("exports"),
        wildcards: value["wildcards"].as_bool().unwrap_or(false),
        conn: n("conn"),
        leaf: n("leaf"),
        mem_storage: n("mem_storage"),
        disk_storage: n("disk_storage"),
        streams: n("streams"),
        consumer: n("consumer"),
    }
}

fn list_of<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    path: &Path,
) -> Result<Vec<T>> {
    match value {
        serde_json::Value::Null => Ok(Vec::new()),
        v => serde_json::from_value(v.clone()).map_err(|e| bad(path, e)),
    }
}

/// One account as it will be stored, with the keys found for it.
struct Planned {
    record: AccountRecord,
    keys: Vec<(String, KeyPair)>,
    users: Vec<UserRecord>,
    seeds: BTreeMap<String, Zeroizing<String>>,
    seeds_rel: String,
}

fn plan_account(
    dir: &Path,
    keys: &Path,
    (operator_keys, now): (&[String], i64),
    notes: &mut Vec<String>,
) -> Result<Planned> {
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let path = dir.join(format!("{name}.jwt"));
    let (token, claims) = read_jwt(&path)?;
    if claims["nats"]["type"] != "account" || !operator_keys.iter().any(|k| claims["iss"] == *k) {
        return Err(bad(&path, "not an account JWT signed by this operator"));
    }
    crate::x509::issue::check_name(&name)?;
    let public = claims["sub"].as_str().unwrap_or_default().to_owned();
    let nats_claims = &claims["nats"];
    let mut plain = Vec::new();
    let mut roles = Vec::new();
    for key in list_of::<SigningKey>(&nats_claims["signing_keys"], &path)? {
        match key {
            SigningKey::Plain(k) => plain.push(k),
            SigningKey::Scoped(scope) => roles.push(*scope),
        }
    }
    if plain.len() > 1 {
        notes.push(format!(
            "account {name} lists {} plain signing keys; credctl keeps {} (users signed by the others need re-issuing once credctl re-signs the account)",
            plain.len(),
            plain[0]
        ));
    }
    let mut found = Vec::new();
    for k in std::iter::once(&public)
        .chain(plain.first())
        .chain(roles.iter().map(|r| &r.key))
    {
        match find_seed(keys, k)? {
            Some(pair) => found.push((k.clone(), pair)),
            None => notes.push(format!("account {name}: no seed for {k} in the keystore")),
        }
    }
    let record = AccountRecord {
        name: name.clone(),
        public: public.clone(),
        limits: limits_of(&nats_claims["limits"]),
        signing_key: plain.first().cloned(),
        revocations: serde_json::from_value(nats_claims["revocations"].clone()).unwrap_or_default(),
        exports: list_of::<Export>(&nats_claims["exports"], &path)?,
        imports: list_of::<Import>(&nats_claims["imports"], &path)?,
        roles,
        revoked_at: None,
        jwt: token,
    };
    let seeds_rel = nats::new_seeds_file(&name);
    let (users, seeds) = plan_users(dir, keys, &record, (&seeds_rel, now), notes)?;
    Ok(Planned {
        record,
        keys: found,
        users,
        seeds,
        seeds_rel,
    })
}

type PlannedUsers = (Vec<UserRecord>, BTreeMap<String, Zeroizing<String>>);

fn plan_users(
    dir: &Path,
    keys: &Path,
    account: &AccountRecord,
    (seeds_rel, now): (&str, i64),
    notes: &mut Vec<String>,
) -> Result<PlannedUsers> {
    let mut users = Vec::new();
    let mut seeds = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(dir.join("users")) else {
        return Ok((users, seeds));
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jwt"))
        .collect();
    files.sort();
    let signers: Vec<&str> = std::iter::once(account.public.as_str())
        .chain(account.signing_key.as_deref())
        .chain(account.roles.iter().map(|r| r.key.as_str()))
        .collect();
    for path in files {
        let (token, claims) = read_jwt(&path)?;
        let name = claims["name"].as_str().unwrap_or_default().to_owned();
        let iss = claims["iss"].as_str().unwrap_or_default();
        if claims["nats"]["type"] != "user" || !signers.contains(&iss) {
            notes.push(format!(
                "{}: not a user JWT of account {}",
                path.display(),
                account.name
            ));
            continue;
        }
        if let Err(e) = crate::x509::issue::check_name(&name) {
            notes.push(format!("user {}/{name} left out: {e}", account.name));
            continue;
        }
        let public = claims["sub"].as_str().unwrap_or_default().to_owned();
        let issued_at = claims["iat"].as_i64().unwrap_or(0);
        let revoked_at = [public.as_str(), "*"]
            .iter()
            .filter_map(|k| account.revocations.get(*k))
            .find(|at| **at >= issued_at)
            .map(|_| now.max(issued_at));
        match find_seed(keys, &public)? {
            Some(pair) => {
                let seed = pair
                    .seed()
                    .map_err(|e| Error::Crypto(format!("nkey seed: {e}")))?;
                seeds.insert(public.clone(), Zeroizing::new(seed));
            }
            None => notes.push(format!(
                "user {}/{name}: no seed in the keystore (its .creds cannot be re-issued)",
                account.name
            )),
        }
        users.push(UserRecord {
            name,
            account: account.name.clone(),
            public,
            issued_at,
            expires: claims["exp"].as_i64(),
            revoked_at,
            seeds: seeds_rel.to_owned(),
            role: account
                .roles
                .iter()
                .find(|r| r.key == iss)
                .map(|r| r.role.clone()),
            jwt: token,
        });
    }
    Ok((users, seeds))
}

/// The operator's JWT in `dir`, checked; its record and the seeds found for it.
fn plan_operator(
    dir: &Path,
    keys: &Path,
) -> Result<(OperatorRecord, Option<KeyPair>, Vec<KeyPair>)> {
    let mut jwts: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| bad(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jwt"))
        .collect();
    jwts.sort();
    let path = jwts.pop().ok_or_else(|| {
        bad(
            dir,
            "no operator JWT (OPERATOR.jwt): give nsc's store directory of one operator",
        )
    })?;
    let (token, claims) = read_jwt(&path)?;
    if claims["nats"]["type"] != "operator" || claims["iss"] != claims["sub"] {
        return Err(bad(&path, "not a self-signed operator JWT"));
    }
    let nats_claims = &claims["nats"];
    let public = claims["sub"].as_str().unwrap_or_default().to_owned();
    let signing: Vec<String> = list_of(&nats_claims["signing_keys"], &path)?;
    let identity = find_seed(keys, &public)?;
    let mut signers = Vec::new();
    for key in &signing {
        if let Some(pair) = find_seed(keys, key)? {
            signers.push(pair);
        }
    }
    let record = OperatorRecord {
        name: claims["name"].as_str().unwrap_or_default().to_owned(),
        public,
        system_account: nats_claims["system_account"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        // The key that signs accounts from now on: the last one whose seed was found.
        signing_keys: signers
            .last()
            .map(KeyPair::public_key)
            .into_iter()
            .collect(),
        account_server_url: nats_claims["account_server_url"]
            .as_str()
            .map(str::to_owned),
        service_urls: list_of(&nats_claims["operator_service_urls"], &path)?,
        jwt: token,
    };
    Ok((record, identity, signers))
}

pub fn import_nsc(session: &mut Session, req: &NscImportRequest) -> Result<NscImportReport> {
    if nats::operator_exists(session.store()) {
        return Err(Error::Conflict(
            "this store already has a NATS operator".into(),
        ));
    }
    let (operator, identity, signers) = plan_operator(&req.dir, &req.keys)?;
    crate::x509::issue::check_name(&operator.name)?;
    let Some(identity) = identity else {
        return Err(bad(
            &req.keys,
            format!(
                "no seed for operator {} ({}) in the keystore",
                operator.name, operator.public
            ),
        ));
    };
    let mut notes = Vec::new();
    let mut operator_keys = vec![operator.public.clone()];
    let listed: Vec<String> = jwt::decode(&operator.jwt)
        .ok()
        .and_then(|c| serde_json::from_value(c["nats"]["signing_keys"].clone()).ok())
        .unwrap_or_default();
    operator_keys.extend(listed);
    let now = crate::clock::unix_now();
    let mut planned = Vec::new();
    let accounts_dir = req.dir.join("accounts");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&accounts_dir)
        .map_err(|e| bad(&accounts_dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in &dirs {
        planned.push(plan_account(
            dir,
            &req.keys,
            (&operator_keys, now),
            &mut notes,
        )?);
    }
    if !planned
        .iter()
        .any(|p| p.record.public == operator.system_account)
    {
        return Err(bad(
            &req.dir,
            "the operator's system account is not among its accounts",
        ));
    }
    let report = NscImportReport {
        operator: operator.name.clone(),
        accounts: planned
            .iter()
            .map(|p| NscAccountReport {
                name: p.record.name.clone(),
                public: p.record.public.clone(),
                users: p.users.iter().map(|u| u.name.clone()).collect(),
                keys_sealed: p.keys.len(),
            })
            .collect(),
        notes,
        dry_run: req.dry_run,
        keystore: req.keys.clone(),
    };
    if req.dry_run {
        return Ok(report);
    }
    session.signer()?;
    let store = session.store();
    let mut change = Change::default();
    nats::write_json(&mut change, nats::OPERATOR_FILE.into(), &operator);
    change.write_private(nats::OPERATOR_SEED, nats::seal_seed(store, &identity)?);
    for pair in &signers {
        change.write_private(
            nats::operator_signing_seed(&pair.public_key()),
            nats::seal_seed(store, pair)?,
        );
    }
    change.record(
        Event::new("nats.operator.import", &operator.name)
            .fingerprint(&operator.public)
            .detail(format!("from nsc store {}", req.dir.display())),
    );
    for p in &planned {
        write_planned(store, &mut change, p)?;
    }
    session.commit(change)?;
    Ok(report)
}

fn write_planned(store: &crate::store::Store, change: &mut Change, p: &Planned) -> Result<()> {
    let account = &p.record;
    nats::write_json(change, nats::account_file(&account.name), account);
    for (public, pair) in &p.keys {
        let rel = if *public == account.public {
            nats::account_seed(&account.name)
        } else if account.signing_key.as_deref() == Some(public.as_str()) {
            nats::signing_key_seed(&account.name)
        } else {
            nats::scoped_key_seed(&account.name, public)
        };
        change.write_private(rel, nats::seal_seed(store, pair)?);
    }
    if !p.users.is_empty() {
        nats::record_imported_users(
            store,
            change,
            &account.name,
            (&p.users, &p.seeds_rel),
            &p.seeds,
        )?;
    }
    change.record(
        Event::new("nats.account.import", &account.name)
            .fingerprint(&account.public)
            .detail(format!(
                "{} users, {} keys sealed",
                p.users.len(),
                p.keys.len()
            )),
    );
    Ok(())
}

/// nsc's default keystore: `$NKEYS_PATH`, else `~/.local/share/nats/nsc/keys`.
pub fn default_keystore() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("NKEYS_PATH").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/nats/nsc/keys"))
}
