//! NATS decentralized auth, offline: an operator, accounts and users as nkeys and JWTs.
//!
//! Store files (`nats/`):
//! - `operator.json`, `accounts/<NAME>.json`: the public key, the current JWT and what it was
//!   built from; the seeds beside them as `operator.nk.age`, `accounts/<NAME>.nk.age` and
//!   `accounts/<NAME>.signing.nk.age`;
//! - `users/<ACCOUNT>.jsonl`: the account's users as an append-only log of `create` and `revoke`
//!   records (the newest record of a name wins), so a batch of 10,000 users is one append;
//! - `users/<ACCOUNT>/<batch>.seeds.age`: the seeds of the users created together, one file.
//!
//! Every seed is sealed to the store key (nsc keeps them in plaintext). Creating a key needs no
//! unlock (sealing uses the public store recipient); signing with one does.

pub mod client;
pub mod jwt;
pub mod limits;

use std::collections::BTreeMap;

use nkeys::KeyPair;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Error, Refusal, Result};
use crate::store::keyring::{self, StoreKey};
use crate::store::{Change, Store};
use jwt::{
    AccountLimits, AccountNats, Claims, Export, Import, OperatorNats, Permissions, SigningKey,
    UserNats, UserPermissionLimits, UserScope,
};

pub const OPERATOR_FILE: &str = "nats/operator.json";
pub const OPERATOR_SEED: &str = "nats/operator.nk.age";
pub const SYSTEM_ACCOUNT: &str = "SYS";
/// The name of the system account's user, whose credentials `nats init` hands out.
pub const SYSTEM_USER: &str = "sys";

pub fn account_file(name: &str) -> String {
    format!("nats/accounts/{name}.json")
}
pub fn account_seed(name: &str) -> String {
    format!("nats/accounts/{name}.nk.age")
}
pub fn signing_key_seed(name: &str) -> String {
    format!("nats/accounts/{name}.signing.nk.age")
}
/// The seed of one of an account's scoped signing keys, by its public key.
pub fn scoped_key_seed(account: &str, public: &str) -> String {
    format!("nats/accounts/{account}.keys/{public}.nk.age")
}
/// The seed of one of the operator's signing keys, by its public key.
pub fn operator_signing_seed(public: &str) -> String {
    format!("nats/operator.keys/{public}.nk.age")
}
/// Append-only log of an account's users: `create` and `revoke` records, one a line.
pub fn users_log(account: &str) -> String {
    format!("nats/users/{account}.jsonl")
}
/// The seeds of the users created together, sealed in one file (a batch of 10,000 is one write).
pub fn seeds_file(account: &str, batch: &str) -> String {
    format!("nats/users/{account}/{batch}.seeds.age")
}
/// A fresh seeds file for a batch of new users of `account`.
pub fn new_seeds_file(account: &str) -> String {
    let mut batch = [0u8; 8];
    rand::fill(&mut batch);
    seeds_file(account, &hex::encode(batch))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperatorRecord {
    pub name: String,
    pub public: String,
    pub system_account: String,
    /// Keys that sign accounts in the operator's stead, oldest first; the last one signs every
    /// account JWT made from now on (the operator key is then needed only for operator.jwt).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signing_keys: Vec<String>,
    /// Where accounts are looked up (nats-io/jwt `account_server_url`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_server_url: Option<String>,
    /// The operator's NATS URLs (`operator_service_urls`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service_urls: Vec<String>,
    pub jwt: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountRecord {
    pub name: String,
    pub public: String,
    pub limits: AccountLimits,
    /// Public signing key users are issued with, when the account has one.
    pub signing_key: Option<String>,
    pub revocations: BTreeMap<String, i64>,
    /// What the account offers other accounts, as its JWT carries them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exports: Vec<Export>,
    /// What it takes from others (with activation tokens for private exports).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub imports: Vec<Import>,
    /// Scoped signing keys, one per role: the server gives each user one signs the role's
    /// template; the seeds are `scoped_key_seed(account, key)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<UserScope>,
    /// When the whole account was revoked: its JWT then admits no connection and revokes
    /// every user issued until then (`revocations["*"]`); nothing more is issued in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<i64>,
    pub jwt: String,
}

impl AccountRecord {
    pub fn role(&self, name: &str) -> Option<&UserScope> {
        self.roles.iter().find(|r| r.role == name)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRecord {
    pub name: String,
    pub account: String,
    pub public: String,
    pub issued_at: i64,
    pub expires: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The sealed file holding this user's seed.
    pub seeds: String,
    /// The role whose scoped key signed the user (its permissions are the role's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub jwt: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
enum UserEvent {
    Create(Box<UserRecord>),
    Revoke { public: String, revoked_at: i64 },
}

/// Limits with every field unlimited except JetStream (off unless asked for).
pub fn unlimited(jetstream: bool) -> AccountLimits {
    let js = if jetstream { -1 } else { 0 };
    AccountLimits {
        subs: -1,
        data: -1,
        payload: -1,
        imports: -1,
        exports: -1,
        wildcards: true,
        conn: -1,
        leaf: -1,
        mem_storage: js,
        disk_storage: js,
        streams: js,
        consumer: js,
    }
}

pub fn write_json<T: Serialize>(change: &mut Change, rel: String, value: &T) {
    let mut bytes = serde_json::to_vec_pretty(value).expect("record serializes");
    bytes.push(b'\n');
    change.write_private(rel, bytes);
}

pub fn load_operator(store: &Store) -> Result<OperatorRecord> {
    store
        .read_json(OPERATOR_FILE)?
        .ok_or_else(|| Refusal::NoOperator.into())
}

pub fn operator_exists(store: &Store) -> bool {
    store.exists(OPERATOR_FILE)
}

pub fn load_account(store: &Store, name: &str) -> Result<AccountRecord> {
    store
        .read_json(&account_file(name))?
        .ok_or_else(|| Refusal::NoAccount(name.to_owned()).into())
}

/// An account that must exist and not be revoked: for anything that changes or issues in it.
pub fn load_live_account(store: &Store, name: &str) -> Result<AccountRecord> {
    let account = load_account(store, name)?;
    match account.revoked_at {
        Some(at) => Err(Refusal::AccountRevoked {
            account: name.to_owned(),
            at: crate::clock::rfc3339_unix(at),
        }
        .into()),
        None => Ok(account),
    }
}

pub fn try_load_account(store: &Store, name: &str) -> Result<Option<AccountRecord>> {
    store.read_json(&account_file(name))
}

/// The account's users by name, folded from its log.
pub fn load_users(store: &Store, account: &str) -> Result<BTreeMap<String, UserRecord>> {
    let path = store.path(&users_log(account));
    let Some(bytes) = store.read_optional(&users_log(account))? else {
        return Ok(BTreeMap::new());
    };
    let mut users = BTreeMap::new();
    let mut by_public: BTreeMap<String, String> = BTreeMap::new();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let event: UserEvent = serde_json::from_slice(line)
            .map_err(|e| Error::corrupt(&path, format!("line {}: {e}", i + 1)))?;
        match event {
            UserEvent::Create(user) => {
                by_public.insert(user.public.clone(), user.name.clone());
                users.insert(user.name.clone(), *user);
            }
            UserEvent::Revoke { public, revoked_at } => {
                if let Some(user) = by_public.get(&public).and_then(|n| users.get_mut(n)) {
                    user.revoked_at = Some(revoked_at);
                }
            }
        }
    }
    Ok(users)
}

pub fn load_user(store: &Store, account: &str, name: &str) -> Result<Option<UserRecord>> {
    Ok(load_users(store, account)?.remove(name))
}

/// A user that must exist.
pub fn find_user(store: &Store, account: &str, name: &str) -> Result<UserRecord> {
    load_user(store, account, name)?.ok_or_else(|| {
        Refusal::NoUser {
            account: account.to_owned(),
            name: name.to_owned(),
        }
        .into()
    })
}

/// The names of an account's users (revoked ones included: a name is never reused), in 256
/// buckets by hash of the name, so adding users reads the buckets of the names added instead of
/// folding the account's whole log. `nats/users/<ACCOUNT>.names/`; its `v1` marker says the
/// index is complete (accounts from before it are indexed from their log on the next add).
pub struct UserNames {
    account: String,
    buckets: BTreeMap<String, BTreeMap<String, String>>,
    /// Write every bucket and the marker: the index is being built from the log.
    building: bool,
}

fn names_dir(account: &str) -> String {
    format!("nats/users/{account}.names")
}

fn names_bucket(account: &str, name: &str) -> String {
    use sha2::Digest;
    let first = sha2::Sha256::digest(name.as_bytes())[0];
    format!("{}/{first:02x}.json", names_dir(account))
}

impl UserNames {
    /// The buckets `names` fall in (or, for an account not indexed yet, all, from its log).
    pub fn load(store: &Store, account: &str, names: &[String]) -> Result<UserNames> {
        let mut index = UserNames {
            account: account.to_owned(),
            buckets: BTreeMap::new(),
            building: !store.exists(&format!("{}/v1", names_dir(account))),
        };
        if index.building {
            for user in load_users(store, account)?.into_values() {
                index.insert(&user.name, &user.public);
            }
            return Ok(index);
        }
        for name in names {
            let rel = names_bucket(account, name);
            if let std::collections::btree_map::Entry::Vacant(slot) = index.buckets.entry(rel) {
                let bucket = store.read_json(slot.key())?.unwrap_or_default();
                slot.insert(bucket);
            }
        }
        Ok(index)
    }

    pub fn taken(&self, name: &str) -> bool {
        self.buckets
            .get(&names_bucket(&self.account, name))
            .is_some_and(|b| b.contains_key(name))
    }

    fn insert(&mut self, name: &str, public: &str) {
        self.buckets
            .entry(names_bucket(&self.account, name))
            .or_default()
            .insert(name.to_owned(), public.to_owned());
    }

    fn finish(self, change: &mut Change) {
        for (rel, bucket) in &self.buckets {
            change.write_private(rel.clone(), serde_json::to_vec(bucket).expect("names"));
        }
        if self.building {
            change.write_private(format!("{}/v1", names_dir(&self.account)), Vec::new());
        }
    }
}

/// Adds new users to `change`: their log lines, their names in the account's name index
/// (`index`, loaded for their names), and one sealed file with all their seeds.
pub fn record_new_users(
    store: &Store,
    change: &mut Change,
    mut index: UserNames,
    users: &[NewUser],
) -> Result<()> {
    let Some(first) = users.first() else {
        return Ok(());
    };
    let account = &first.record.account;
    let seeds_rel = &first.record.seeds;
    let mut seeds = BTreeMap::new();
    let mut log = Vec::with_capacity(users.iter().map(|u| u.line.len()).sum());
    for user in users {
        if user.record.account != *account || user.record.seeds != *seeds_rel {
            return Err(Error::InvalidInput(
                "internal: new users of one batch share an account and a seeds file".into(),
            ));
        }
        index.insert(&user.record.name, &user.record.public);
        seeds.insert(user.record.public.as_str(), user.seed.as_str());
        log.extend_from_slice(&user.line);
    }
    index.finish(change);
    let plain = Zeroizing::new(serde_json::to_vec(&seeds).expect("seeds serialize"));
    let sealed = keyring::seal(&keyring::read_store_recipient(store.root())?, &plain)?;
    change.write_private(seeds_rel.clone(), sealed);
    change.append(users_log(account), &log);
    Ok(())
}

/// Records users brought in from elsewhere (`import nsc`) into a new account of the store:
/// their log lines as they are, their names, and the seeds found for them in one sealed file
/// (`seeds_rel`, which every record names).
pub fn record_imported_users(
    store: &Store,
    change: &mut Change,
    account: &str,
    (users, seeds_rel): (&[UserRecord], &str),
    seeds: &BTreeMap<String, Zeroizing<String>>,
) -> Result<()> {
    let names: Vec<String> = users.iter().map(|u| u.name.clone()).collect();
    let mut index = UserNames::load(store, account, &names)?;
    let mut log = Vec::new();
    for user in users {
        index.insert(&user.name, &user.public);
        serde_json::to_writer(&mut log, &UserEvent::Create(Box::new(user.clone())))
            .expect("user serializes");
        log.push(b'\n');
        if let Some(at) = user.revoked_at {
            serde_json::to_writer(
                &mut log,
                &UserEvent::Revoke {
                    public: user.public.clone(),
                    revoked_at: at,
                },
            )
            .expect("event serializes");
            log.push(b'\n');
        }
    }
    index.finish(change);
    let plain: BTreeMap<&str, &str> = seeds
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let plain = Zeroizing::new(serde_json::to_vec(&plain).expect("seeds serialize"));
    let sealed = keyring::seal(&keyring::read_store_recipient(store.root())?, &plain)?;
    change.write_private(seeds_rel.to_owned(), sealed);
    change.append(users_log(account), &log);
    Ok(())
}

/// Records re-signed JWTs of existing users (the newest record of a name wins when folding).
pub fn record_reissued_users(change: &mut Change, account: &str, users: &[UserRecord]) {
    let mut log = Vec::new();
    for user in users {
        serde_json::to_writer(&mut log, &UserEvent::Create(Box::new(user.clone())))
            .expect("user serializes");
        log.push(b'\n');
    }
    change.append(users_log(account), &log);
}

/// Opens a sealed seeds file: user public key -> seed.
pub fn open_seeds(
    store: &Store,
    key: &StoreKey,
    rel: &str,
) -> Result<BTreeMap<String, Zeroizing<String>>> {
    let plain = key.open(&store.read(rel)?, &store.path(rel))?;
    let seeds: BTreeMap<String, String> =
        serde_json::from_slice(&plain).map_err(|e| Error::corrupt(store.path(rel), e))?;
    // Each seed moves into its wiping wrapper; the plaintext buffer is wiped on drop.
    Ok(seeds
        .into_iter()
        .map(|(k, v)| (k, Zeroizing::new(v)))
        .collect())
}

/// Re-signs a user JWT with another signer of the same account, keeping every claim but the
/// issuer fields and the times.
/// Re-signs a user JWT with `signer` at `now`; `exp` replaces its expiry when given.
pub fn resign_user(
    jwt: &str,
    signer: &KeyPair,
    account_public: &str,
    (now, exp): (i64, Option<i64>),
) -> Result<String> {
    let claims = jwt::decode(jwt)?;
    let mut nats_section = claims["nats"].clone();
    if signer.public_key() == account_public {
        if let Some(map) = nats_section.as_object_mut() {
            map.remove("issuer_account");
        }
    } else {
        nats_section["issuer_account"] = account_public.into();
    }
    let mut resigned = Claims::new(
        claims["name"].as_str().unwrap_or_default(),
        claims["sub"].as_str().unwrap_or_default(),
        now,
        nats_section,
    );
    resigned.exp = exp.or(claims["exp"].as_i64());
    jwt::encode(resigned, signer)
}

pub fn record_user_revoke(change: &mut Change, account: &str, public: &str, revoked_at: i64) {
    let mut line = serde_json::to_vec(&UserEvent::Revoke {
        public: public.to_owned(),
        revoked_at,
    })
    .expect("event serializes");
    line.push(b'\n');
    change.append(users_log(account), &line);
}

/// Every account, sorted by name.
pub fn accounts(store: &Store) -> Result<Vec<AccountRecord>> {
    let names: Vec<String> = store
        .list("nats/accounts")?
        .iter()
        .filter_map(|n| n.strip_suffix(".json").map(str::to_owned))
        .collect();
    names.iter().map(|n| load_account(store, n)).collect()
}

/// Seals a new seed to the store's recipient (`keyring/store.pub`, which the signed state
/// covers: a swapped one stops the command when the store is opened).
pub fn seal_seed(store: &Store, key: &KeyPair) -> Result<Vec<u8>> {
    let seed = Zeroizing::new(
        key.seed()
            .map_err(|e| Error::Crypto(format!("nkey seed: {e}")))?,
    );
    keyring::seal(
        &keyring::read_store_recipient(store.root())?,
        seed.as_bytes(),
    )
}

/// Opens a sealed seed.
pub fn open_seed(store: &Store, key: &StoreKey, rel: &str) -> Result<KeyPair> {
    let sealed = store.read(rel)?;
    let seed = key.open(&sealed, &store.path(rel))?;
    let text = std::str::from_utf8(&seed)
        .map_err(|_| Error::corrupt(store.path(rel), "seed is not text"))?;
    KeyPair::from_seed(text.trim()).map_err(|e| Error::corrupt(store.path(rel), e))
}

/// Opens a sealed seed and checks it is the key the record `record_rel` names as `public`.
fn open_key(
    store: &Store,
    key: &StoreKey,
    rel: &str,
    public: &str,
    record_rel: &str,
) -> Result<KeyPair> {
    let pair = open_seed(store, key, rel)?;
    if pair.public_key() != public {
        return Err(Error::corrupt(
            store.path(rel),
            format!("does not match {record_rel}"),
        ));
    }
    Ok(pair)
}

/// The operator's key, checked against operator.json.
pub fn open_operator(store: &Store, key: &StoreKey, operator: &OperatorRecord) -> Result<KeyPair> {
    open_key(store, key, OPERATOR_SEED, &operator.public, OPERATOR_FILE)
}

/// The key users of `account` are signed with: its signing key when it has one, else the account
/// key itself; checked against the account record.
pub fn open_user_signer(store: &Store, key: &StoreKey, account: &AccountRecord) -> Result<KeyPair> {
    let record = account_file(&account.name);
    match &account.signing_key {
        Some(public) => open_key(
            store,
            key,
            &signing_key_seed(&account.name),
            public,
            &record,
        ),
        None => open_key(
            store,
            key,
            &account_seed(&account.name),
            &account.public,
            &record,
        ),
    }
}

/// The scoped signing key of `role`, checked against the account record.
pub fn open_role_signer(
    store: &Store,
    key: &StoreKey,
    account: &AccountRecord,
    role: &str,
) -> Result<KeyPair> {
    let scope = account.role(role).ok_or_else(|| Refusal::NoRole {
        account: account.name.clone(),
        role: role.to_owned(),
    })?;
    open_key(
        store,
        key,
        &scoped_key_seed(&account.name, &scope.key),
        &scope.key,
        &account_file(&account.name),
    )
}

/// The key that signs `user` now: its role's, or the account's user signer.
pub fn open_signer_of(
    store: &Store,
    key: &StoreKey,
    account: &AccountRecord,
    user: &UserRecord,
) -> Result<KeyPair> {
    match &user.role {
        Some(role) => open_role_signer(store, key, account, role),
        None => open_user_signer(store, key, account),
    }
}

/// The key account JWTs are signed with: the operator's newest signing key, else its own key.
pub fn open_account_signer(
    store: &Store,
    key: &StoreKey,
    operator: &OperatorRecord,
) -> Result<KeyPair> {
    match operator.signing_keys.last() {
        Some(public) => open_key(
            store,
            key,
            &operator_signing_seed(public),
            public,
            OPERATOR_FILE,
        ),
        None => open_operator(store, key, operator),
    }
}

/// A new user: its record, its seed, its .creds (JWT and seed) and its line for the account's
/// log, all made where the key is (a batch makes thousands, on every core).
pub struct NewUser {
    pub record: UserRecord,
    pub seed: Zeroizing<String>,
    pub creds: Zeroizing<String>,
    line: Vec<u8>,
}

/// A new user key and its JWT, signed by `signer` (the account key or its signing key); its
/// seed is to be sealed in `seeds_file` with the rest of its batch ([`record_new_users`]).
pub fn new_user(
    signer: &KeyPair,
    account: &AccountRecord,
    spec: &UserSpec,
    now: i64,
    seeds_file: &str,
) -> Result<NewUser> {
    let user_key = KeyPair::new_user();
    let public = user_key.public_key();
    let record = UserRecord {
        name: spec.name.clone(),
        account: account.name.clone(),
        jwt: sign_user(signer, &account.public, &public, spec, now)?,
        public,
        issued_at: now,
        expires: spec.expires,
        revoked_at: None,
        seeds: seeds_file.to_owned(),
        role: spec.role.clone(),
    };
    let seed = Zeroizing::new(
        user_key
            .seed()
            .map_err(|e| Error::Crypto(format!("nkey seed: {e}")))?,
    );
    let mut line =
        serde_json::to_vec(&UserEvent::Create(Box::new(record.clone()))).expect("user serializes");
    line.push(b'\n');
    Ok(NewUser {
        creds: jwt::creds(&record.jwt, &seed),
        record,
        seed,
        line,
    })
}

/// The operator JWT, self-signed, from its record.
pub fn sign_operator(operator: &KeyPair, record: &OperatorRecord, now: i64) -> Result<String> {
    let nats = OperatorNats {
        signing_keys: record.signing_keys.clone(),
        account_server_url: record.account_server_url.clone(),
        operator_service_urls: record.service_urls.clone(),
        system_account: record.system_account.clone(),
        kind: "operator".into(),
        version: 2,
    };
    jwt::encode(
        Claims::new(&record.name, &operator.public_key(), now, nats),
        operator,
    )
}

/// An account JWT from its record, signed by the operator or one of its signing keys.
pub fn sign_account(signer: &KeyPair, record: &AccountRecord, now: i64) -> Result<String> {
    let mut signing_keys: Vec<SigningKey> = record
        .signing_key
        .iter()
        .cloned()
        .map(SigningKey::Plain)
        .chain(
            record
                .roles
                .iter()
                .map(|r| SigningKey::Scoped(Box::new(r.clone()))),
        )
        .collect();
    // nats-io/jwt writes them sorted by key.
    signing_keys.sort_by(|a, b| a.key().cmp(b.key()));
    let nats = AccountNats {
        imports: record.imports.clone(),
        exports: record.exports.clone(),
        limits: record.limits.clone(),
        signing_keys,
        revocations: record.revocations.clone(),
        default_permissions: Permissions::default(),
        kind: "account".into(),
        version: 2,
    };
    jwt::encode(Claims::new(&record.name, &record.public, now, nats), signer)
}

/// An activation token for `importer` (an account public key) to import `export` of `account`,
/// signed by `signer` (the account key or its signing key).
pub fn sign_activation(
    signer: &KeyPair,
    account_public: &str,
    export: &Export,
    importer: &str,
    (now, exp): (i64, Option<i64>),
) -> Result<String> {
    let nats = jwt::ActivationNats {
        subject: export.subject.clone(),
        kind: export.kind.clone(),
        issuer_account: (signer.public_key() != account_public).then(|| account_public.to_owned()),
        typ: "activation".into(),
        version: 2,
    };
    let mut claims = Claims::new(&export.subject, importer, now, nats);
    claims.exp = exp;
    jwt::encode(claims, signer)
}

/// What a new user's JWT says.
#[derive(Debug, Clone, Default)]
pub struct UserSpec {
    pub name: String,
    /// Empty for a user of a role (the scope applies the role's).
    pub permissions: UserPermissionLimits,
    pub expires: Option<i64>,
    pub tags: Vec<String>,
    /// The role whose scoped key signs the user.
    pub role: Option<String>,
}

impl UserSpec {
    /// A user with no restriction: every limit unlimited.
    pub fn unrestricted(name: &str) -> UserSpec {
        UserSpec {
            name: name.to_owned(),
            permissions: UserPermissionLimits {
                subs: Some(-1),
                data: Some(-1),
                payload: Some(-1),
                ..UserPermissionLimits::default()
            },
            ..UserSpec::default()
        }
    }
}

/// Signs a user; `signer` is the account key or one of its signing keys.
pub fn sign_user(
    signer: &KeyPair,
    account_public: &str,
    user_public: &str,
    spec: &UserSpec,
    now: i64,
) -> Result<String> {
    let by_signing_key = signer.public_key() != account_public;
    let nats = UserNats {
        permissions: spec.permissions.clone(),
        issuer_account: by_signing_key.then(|| account_public.to_owned()),
        tags: spec.tags.clone(),
        kind: "user".into(),
        version: 2,
    };
    let mut claims = Claims::new(&spec.name, user_public, now, nats);
    claims.exp = spec.expires;
    jwt::encode(claims, signer)
}

/// The resolver section for nats-server: the operator, the system account, every account JWT
/// preloaded, and either a MEMORY resolver or a `full` one keeping JWTs in `full_dir` (which
/// `nats push` can update on a running server).
pub fn resolver_config(
    operator: &OperatorRecord,
    accounts: &[AccountRecord],
    full_dir: Option<&str>,
) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let resolver = match full_dir {
        None => "MEMORY".to_owned(),
        Some(dir) => format!(
            "{{ type: full, dir: {}, allow_delete: false, interval: \"2m\" }}",
            q(dir)
        ),
    };
    let mut out = format!(
        "# NATS operator mode, rendered by credctl from its offline store. Public data only.\n\
         operator: {}\nsystem_account: {}\nresolver: {resolver}\nresolver_preload: {{\n",
        q(&operator.jwt),
        q(&operator.system_account)
    );
    for account in accounts {
        out.push_str(&format!(
            "  # {}\n  {}: {}\n",
            account.name,
            q(&account.public),
            q(&account.jwt)
        ));
    }
    out.push_str("}\n");
    out
}

/// An account JWT on its way to a server, with the account's name (for messages).
#[derive(Debug, Clone)]
pub struct AccountJwt {
    pub name: String,
    pub jwt: String,
}

/// Sends account JWTs to `$SYS.REQ.CLAIMS.UPDATE` as the system user and checks each answer.
/// Returns one line per account.
pub fn push(
    server: &str,
    creds: &std::path::Path,
    ca: Option<&std::path::Path>,
    jwts: &[AccountJwt],
) -> Result<Vec<String>> {
    let creds = client::Creds::read(creds)?;
    let mut client = client::Client::connect(server, &creds, ca)?;
    let mut lines = Vec::with_capacity(jwts.len());
    for AccountJwt { name, jwt } in jwts {
        let reply = client
            .request("$SYS.REQ.CLAIMS.UPDATE", jwt.as_bytes())
            .map_err(|e| Error::Remote(format!("no answer for account {name}: {e}")))?;
        let answer: serde_json::Value = serde_json::from_slice(&reply)
            .map_err(|e| Error::Remote(format!("account {name}: unreadable answer: {e}")))?;
        if let Some(err) = answer.get("error") {
            return Err(Error::Remote(format!(
                "the server refused account {name}: {}",
                err["description"].as_str().unwrap_or("no description")
            )));
        }
        lines.push(format!(
            "{name}: {}",
            answer["data"]["message"].as_str().unwrap_or("updated")
        ));
    }
    Ok(lines)
}
