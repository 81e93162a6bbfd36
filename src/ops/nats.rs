//! NATS workflows, offline: the operator, accounts and users as nkeys and JWTs (see
//! [`crate::nats`]), the resolver config and exported JWTs for the servers, and pushing account
//! JWTs to a running cluster.
//!
//! Every file a workflow hands out (.creds, sys.creds, the resolver config, exported JWTs) is an
//! output of the same [`Change`] as the store files it goes with: both appear, or neither.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nkeys::KeyPair;
use serde::Serialize;
use time::Duration;
use zeroize::Zeroizing;

use super::{Access, Existing, Session, refuse_duplicates};
use crate::audit::Event;
use crate::clock::{rfc3339_unix, unix_now};
use crate::error::{Error, Result};
pub use crate::nats::AccountJwt;
use crate::nats::jwt::{self, Permission, UserPermissionLimits};
use crate::nats::{self, AccountRecord, OperatorRecord, UserRecord, UserSpec};
use crate::store::{Change, Store, fsio};

/// Operator, account and user names follow the certificate name rules.
fn check_name(name: &str) -> Result<()> {
    crate::x509::issue::check_name(name)
}

/// One new user as reported.
#[derive(Debug, Serialize)]
pub struct UserReport {
    pub user: String,
    pub account: String,
    pub public: String,
    pub creds: PathBuf,
}

/// Adds the new users to `change`: their records and sealed seeds in the store (`index`: the
/// account's name index, loaded for their names), their .creds (0600, never replacing a file)
/// as hand-outs at `place(user name)` = (dir, file name).
fn hand_out_creds(
    store: &Store,
    change: &mut Change,
    index: nats::UserNames,
    (users, written): (&mut [nats::NewUser], bool),
    place: impl Fn(&str) -> (PathBuf, String),
) -> Result<Vec<UserReport>> {
    nats::record_new_users(store, change, index, users)?;
    let mut reports = Vec::with_capacity(users.len());
    for nats::NewUser { record, creds, .. } in users.iter_mut() {
        let (dir, file) = place(&record.name);
        let batch = change.output(&dir)?;
        let path = match written {
            // Staged already, by the thread that made it.
            true => batch.adopt(&file, fsio::PRIVATE_FILE)?,
            // The batch wipes the bytes once written.
            false => {
                let creds = std::mem::take(&mut **creds).into_bytes();
                batch.add_new(&file, creds, fsio::PRIVATE_FILE)?
            }
        };
        change.record(
            Event::new(
                "nats.user.create",
                format!("{}/{}", record.account, record.name),
            )
            .fingerprint(&record.public),
        );
        reports.push(UserReport {
            user: record.name.clone(),
            account: record.account.clone(),
            public: record.public.clone(),
            creds: path,
        });
    }
    Ok(reports)
}

/// The key that signs account JWTs: the operator's newest signing key, else its own (unlocks).
pub(super) fn account_signer(session: &Session, operator: &OperatorRecord) -> Result<KeyPair> {
    nats::open_account_signer(session.store(), session.key()?, operator)
}

/// A URL in the operator JWT: a scheme and a host, nothing blank.
fn check_url(url: &str) -> Result<()> {
    let ok = url
        .split_once("://")
        .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
        && !url.chars().any(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{url:?} is not a URL (expected e.g. nats://hub.example.com:4222)"
        )))
    }
}

// ---------------------------------------------------------------------------------------------
// nats init

pub struct InitRequest {
    /// Operator name.
    pub operator: String,
    /// Where the system user's credentials go (0600, never replaced).
    pub sys_creds: PathBuf,
    /// The operator JWT's `account_server_url`.
    pub account_server_url: Option<String>,
    /// The operator JWT's `operator_service_urls`.
    pub service_urls: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct InitReport {
    /// The operator's public key.
    pub operator: String,
    /// The system account's public key.
    pub system_account: String,
    pub sys_creds: PathBuf,
}

/// Creates the operator, the system account and its user; the user's credentials are handed
/// out with the same change. Needs no unlock: new seeds are sealed to the store's recipient.
pub fn init(session: &mut Session, req: &InitRequest) -> Result<InitReport> {
    check_name(&req.operator)?;
    for url in req.account_server_url.iter().chain(&req.service_urls) {
        check_url(url)?;
    }
    if nats::operator_exists(session.store()) {
        return Err(Error::Conflict(
            "this store already has a NATS operator".into(),
        ));
    }
    let (dir, file) = super::out_file("--sys-creds", &req.sys_creds, Existing::Refuse)?;

    let now = unix_now();
    let operator = KeyPair::new_operator();
    let system = KeyPair::new_account();
    let mut account = AccountRecord {
        name: nats::SYSTEM_ACCOUNT.into(),
        public: system.public_key(),
        limits: nats::unlimited(false),
        signing_key: None,
        revocations: Default::default(),
        exports: Vec::new(),
        imports: Vec::new(),
        roles: Vec::new(),
        revoked_at: None,
        jwt: String::new(),
    };
    account.jwt = nats::sign_account(&operator, &account, now)?;
    let mut record = OperatorRecord {
        name: req.operator.clone(),
        public: operator.public_key(),
        system_account: system.public_key(),
        signing_keys: Vec::new(),
        account_server_url: req.account_server_url.clone(),
        service_urls: req.service_urls.clone(),
        jwt: String::new(),
    };
    record.jwt = nats::sign_operator(&operator, &record, now)?;
    let spec = UserSpec::unrestricted(nats::SYSTEM_USER);
    let seeds = nats::new_seeds_file(&account.name);
    let mut users = [nats::new_user(&system, &account, &spec, now, &seeds)?];

    let store = session.store();
    let mut change = Change::default();
    nats::write_json(&mut change, nats::OPERATOR_FILE.into(), &record);
    change.write_private(nats::OPERATOR_SEED, nats::seal_seed(store, &operator)?);
    change.record(Event::new("nats.operator.create", &record.name).fingerprint(&record.public));
    write_account(store, &mut change, &account, &system, None)?;
    let index = nats::UserNames::load(store, &account.name, std::slice::from_ref(&spec.name))?;
    let mut reports = hand_out_creds(store, &mut change, index, (&mut users, false), |_| {
        (dir.clone(), file.clone())
    })?;
    session.commit(change)?;
    Ok(InitReport {
        operator: record.public,
        system_account: account.public,
        sys_creds: reports.remove(0).creds,
    })
}

/// Adds a new account to `change`: its record, its sealed seed(s) and the audit entry.
fn write_account(
    store: &Store,
    change: &mut Change,
    account: &AccountRecord,
    key: &KeyPair,
    signing_key: Option<&KeyPair>,
) -> Result<()> {
    nats::write_json(change, nats::account_file(&account.name), account);
    change.write_private(
        nats::account_seed(&account.name),
        nats::seal_seed(store, key)?,
    );
    if let Some(sk) = signing_key {
        change.write_private(
            nats::signing_key_seed(&account.name),
            nats::seal_seed(store, sk)?,
        );
    }
    change.record(Event::new("nats.account.create", &account.name).fingerprint(&account.public));
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// nats account add

/// A new account; limits are -1 (unlimited) or more.
#[derive(Debug, Clone)]
pub struct AccountAddRequest {
    pub name: String,
    pub max_conn: i64,
    pub max_leaf: i64,
    pub max_subs: i64,
    pub max_payload: i64,
    pub max_data: i64,
    /// JetStream with unlimited storage, streams and consumers.
    pub jetstream: bool,
    /// JetStream limits (-1 unlimited); any of them enables JetStream.
    pub js: JetStreamLimits,
    /// Give the account a signing key that issues its users.
    pub signing_key: bool,
}

#[derive(Debug, Serialize)]
pub struct AccountReport {
    pub account: String,
    pub public: String,
    pub signing_key: Option<String>,
}

/// An account's JetStream limits; `None` is unlimited when JetStream is on.
#[derive(Debug, Clone, Default)]
pub struct JetStreamLimits {
    pub mem_storage: Option<i64>,
    pub disk_storage: Option<i64>,
    pub streams: Option<i64>,
    pub consumers: Option<i64>,
}

impl JetStreamLimits {
    fn any(&self) -> bool {
        self.mem_storage.is_some()
            || self.disk_storage.is_some()
            || self.streams.is_some()
            || self.consumers.is_some()
    }
}

fn check_limits(req: &AccountAddRequest) -> Result<()> {
    let js = &req.js;
    for (flag, value) in [
        ("--max-conn", Some(req.max_conn)),
        ("--max-leaf", Some(req.max_leaf)),
        ("--max-subs", Some(req.max_subs)),
        ("--max-payload", Some(req.max_payload)),
        ("--max-data", Some(req.max_data)),
        ("--js-mem-storage", js.mem_storage),
        ("--js-disk-storage", js.disk_storage),
        ("--js-streams", js.streams),
        ("--js-consumers", js.consumers),
    ] {
        let Some(value) = value else { continue };
        if value < -1 {
            return Err(Error::InvalidInput(format!(
                "{flag} must be -1 (unlimited) or more"
            )));
        }
    }
    Ok(())
}

/// Creates an account signed by the operator.
pub fn account_add(session: &mut Session, req: &AccountAddRequest) -> Result<AccountReport> {
    check_name(&req.name)?;
    check_limits(req)?;
    let operator = nats::load_operator(session.store())?;
    if nats::try_load_account(session.store(), &req.name)?.is_some() {
        return Err(Error::Conflict(format!(
            "NATS account {} already exists",
            req.name
        )));
    }
    let operator = account_signer(session, &operator)?;
    let account_key = KeyPair::new_account();
    let signing = req.signing_key.then(KeyPair::new_account);
    let mut limits = nats::unlimited(req.jetstream || req.js.any());
    limits.conn = req.max_conn;
    limits.leaf = req.max_leaf;
    limits.subs = req.max_subs;
    limits.payload = req.max_payload;
    limits.data = req.max_data;
    if req.js.any() {
        limits.mem_storage = req.js.mem_storage.unwrap_or(-1);
        limits.disk_storage = req.js.disk_storage.unwrap_or(-1);
        limits.streams = req.js.streams.unwrap_or(-1);
        limits.consumer = req.js.consumers.unwrap_or(-1);
    }
    let mut record = AccountRecord {
        name: req.name.clone(),
        public: account_key.public_key(),
        limits,
        signing_key: signing.as_ref().map(KeyPair::public_key),
        revocations: Default::default(),
        exports: Vec::new(),
        imports: Vec::new(),
        roles: Vec::new(),
        revoked_at: None,
        jwt: String::new(),
    };
    record.jwt = nats::sign_account(&operator, &record, unix_now())?;
    let mut change = Change::default();
    write_account(
        session.store(),
        &mut change,
        &record,
        &account_key,
        signing.as_ref(),
    )?;
    session.commit(change)?;
    Ok(AccountReport {
        account: record.name,
        public: record.public,
        signing_key: record.signing_key,
    })
}

// ---------------------------------------------------------------------------------------------
// nats account rotate-signing-key

#[derive(Debug, Serialize)]
pub struct RotateReport {
    pub account: String,
    /// The new signing key.
    pub signing_key: String,
    /// The signing key it replaces (None: the account key signed the users until now).
    pub replaced: Option<String>,
    /// The users re-signed, each with a new DIR/NAME.creds.
    pub users: Vec<String>,
}

/// The account's users that still work: neither revoked nor expired.
pub(super) fn active_users(store: &Store, account: &str, now: i64) -> Result<Vec<UserRecord>> {
    Ok(nats::load_users(store, account)?
        .into_values()
        .filter(|u| u.revoked_at.is_none() && u.expires.is_none_or(|e| e > now))
        .collect())
}

/// Re-signs `users` with `signer` and hands out their new .creds in `dir` (seeds opened from
/// the store, each sealed seeds file once). With `renew`, each JWT gets its lifetime again
/// from `now` (the same span from issue to expiry as before).
pub(super) fn reissue<'k>(
    session: &Session,
    change: &mut Change,
    (users, signer, account): (Vec<UserRecord>, &Signers<'k>, &AccountRecord),
    dir: &Path,
    (now, renew): (i64, bool),
) -> Result<Vec<UserRecord>> {
    let store = session.store();
    let mut seeds: BTreeMap<String, BTreeMap<String, Zeroizing<String>>> = BTreeMap::new();
    let mut reissued = Vec::with_capacity(users.len());
    for mut user in users {
        if !seeds.contains_key(&user.seeds) {
            let opened = nats::open_seeds(store, session.key()?, &user.seeds)?;
            seeds.insert(user.seeds.clone(), opened);
        }
        let seed = seeds[&user.seeds].get(&user.public).ok_or_else(|| {
            Error::corrupt(
                store.path(&user.seeds),
                format!("no seed for {}", user.name),
            )
        })?;
        let exp = match (renew, user.expires) {
            (true, Some(exp)) => Some(now + (exp - user.issued_at).max(0)),
            _ => None,
        };
        let signer = signer(&user)?;
        user.jwt = nats::resign_user(&user.jwt, signer, &account.public, (now, exp))?;
        user.expires = exp.or(user.expires);
        user.issued_at = now;
        let creds = jwt::creds(&user.jwt, seed);
        change.output(dir)?.add_new(
            &format!("{}.creds", user.name),
            creds.as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?;
        reissued.push(user);
    }
    Ok(reissued)
}

/// Which key signs a user being re-issued.
pub(super) type Signers<'k> = dyn Fn(&UserRecord) -> Result<&'k KeyPair> + 'k;

/// Replaces the account's signing key and re-signs every active user with it (users of a role
/// keep their role's key); their new .creds go to `dir` with the same change.
pub fn rotate_signing_key(session: &mut Session, name: &str, dir: &Path) -> Result<RotateReport> {
    super::check_out_dir(dir)?;
    let operator = nats::load_operator(session.store())?;
    let mut account = nats::load_live_account(session.store(), name)?;
    let now = unix_now();
    let users: Vec<UserRecord> = active_users(session.store(), name, now)?
        .into_iter()
        .filter(|u| u.role.is_none())
        .collect();
    for user in &users {
        fsio::ensure_absent(&dir.join(format!("{}.creds", user.name)))?;
    }
    let operator = account_signer(session, &operator)?;
    let new_key = KeyPair::new_account();
    let replaced = account.signing_key.replace(new_key.public_key());
    account.jwt = nats::sign_account(&operator, &account, now)?;

    let mut change = Change::default();
    let reissued = reissue(
        session,
        &mut change,
        (users, &|_| Ok(&new_key), &account),
        dir,
        (now, false),
    )?;
    nats::write_json(&mut change, nats::account_file(&account.name), &account);
    change.write_private(
        nats::signing_key_seed(&account.name),
        nats::seal_seed(session.store(), &new_key)?,
    );
    nats::record_reissued_users(&mut change, &account.name, &reissued);
    change.record(
        Event::new("nats.account.rotate-signing-key", &account.name)
            .fingerprint(new_key.public_key())
            .detail(format!(
                "replaces {}; {} users re-signed",
                replaced.as_deref().unwrap_or("none"),
                reissued.len()
            )),
    );
    session.commit(change)?;
    Ok(RotateReport {
        account: account.name,
        signing_key: new_key.public_key(),
        replaced,
        users: reissued.into_iter().map(|u| u.name).collect(),
    })
}

/// A user whose JWT `rotate nats-users` re-issued (or would).
#[derive(Debug, Serialize)]
pub struct RenewedUser {
    pub account: String,
    pub name: String,
    /// When the new JWT expires (the old one's, on a dry run).
    pub expires: String,
    pub creds: Option<PathBuf>,
}

/// Re-issues every active user JWT that expires within `within`, with the same permissions and
/// lifetime, new .creds in `dir/ACCOUNT/` — one commit for all.
pub fn renew_expiring_users(
    session: &mut Session,
    within: Duration,
    dry_run: bool,
    dir: &Path,
) -> Result<Vec<RenewedUser>> {
    super::check_out_dir(dir)?;
    let now = unix_now();
    let horizon = now + within.whole_seconds();
    let mut due = Vec::new();
    // A revoked account's users went with it: nothing to renew there.
    for account in nats::accounts(session.store())?
        .into_iter()
        .filter(|a| a.revoked_at.is_none())
    {
        let users: Vec<UserRecord> = active_users(session.store(), &account.name, now)?
            .into_iter()
            .filter(|u| u.expires.is_some_and(|e| e <= horizon))
            .collect();
        for user in &users {
            fsio::ensure_absent(&dir.join(&account.name).join(format!("{}.creds", user.name)))?;
        }
        if !users.is_empty() {
            due.push((account, users));
        }
    }
    let report = |u: &UserRecord, creds: Option<PathBuf>| RenewedUser {
        account: u.account.clone(),
        name: u.name.clone(),
        expires: u
            .expires
            .map(crate::clock::rfc3339_unix)
            .unwrap_or_default(),
        creds,
    };
    if dry_run || due.is_empty() {
        return Ok(due
            .iter()
            .flat_map(|(_, us)| us.iter().map(|u| report(u, None)))
            .collect());
    }
    let mut change = Change::default();
    let mut renewed = Vec::new();
    for (account, users) in due {
        // Each user keeps the key that signed it: the account's user signer or its role's.
        let mut keys = BTreeMap::new();
        for user in &users {
            if !keys.contains_key(&user.role) {
                let key = nats::open_signer_of(session.store(), session.key()?, &account, user)?;
                keys.insert(user.role.clone(), key);
            }
        }
        let out = dir.join(&account.name);
        let reissued = reissue(
            session,
            &mut change,
            (users, &|u| Ok(&keys[&u.role]), &account),
            &out,
            (now, true),
        )?;
        nats::record_reissued_users(&mut change, &account.name, &reissued);
        for user in &reissued {
            change.record(
                Event::new("nats.user.renew", format!("{}/{}", user.account, user.name))
                    .fingerprint(&user.public),
            );
            renewed.push(report(user, Some(out.join(format!("{}.creds", user.name)))));
        }
    }
    session.commit(change)?;
    Ok(renewed)
}

// ---------------------------------------------------------------------------------------------
// nats user add

/// Where new users' .creds files go.
#[derive(Debug, Clone)]
pub enum CredsOut {
    /// One user: this file.
    File(PathBuf),
    /// Any number of users: DIR/NAME.creds.
    Dir(PathBuf),
}

impl CredsOut {
    /// Refuses, before any unlock, an output that cannot take these users' files.
    fn check(&self, names: &[String]) -> Result<()> {
        match self {
            CredsOut::File(file) => {
                if names.len() != 1 {
                    return Err(Error::InvalidInput(
                        "a .creds file holds one user: give a directory for several".into(),
                    ));
                }
                super::out_file("--out", file, Existing::Refuse).map(drop)
            }
            CredsOut::Dir(dir) => {
                super::check_out_dir(dir)?;
                if std::fs::symlink_metadata(dir).is_err() {
                    return Ok(()); // a new directory: nothing in the way
                }
                names
                    .iter()
                    .try_for_each(|name| fsio::ensure_absent(&dir.join(format!("{name}.creds"))))
            }
        }
    }

    /// The directory and file name of `user`'s .creds.
    fn place(&self, user: &str) -> (PathBuf, String) {
        match self {
            CredsOut::File(file) => super::out_file("--out", file, Existing::Replace)
                .expect("checked by CredsOut::check"),
            CredsOut::Dir(dir) => (dir.clone(), format!("{user}.creds")),
        }
    }
}

/// What a user may do, from flags: a user's own permissions and limits, or a role's template.
#[derive(Debug, Clone, Default)]
pub struct UserLimitsRequest {
    pub access: Access,
    /// Most subscriptions, bytes in flight, payload bytes (-1 unlimited, the default).
    pub max_subs: Option<i64>,
    pub max_data: Option<i64>,
    pub max_payload: Option<i64>,
    /// Source networks (CIDR) it may connect from.
    pub src: Vec<String>,
    /// Daily windows `HH:MM:SS-HH:MM:SS` it may connect in.
    pub times: Vec<String>,
    /// The time zone of the windows.
    pub locale: Option<String>,
    /// It may publish this many replies to a request it received, without a publish permission.
    pub allow_pub_response: Option<i64>,
    /// ... within this long of the request.
    pub response_ttl: Option<Duration>,
    /// The JWT alone authenticates (no nonce signature).
    pub bearer: bool,
}

impl UserLimitsRequest {
    /// Nothing asked for beyond the defaults.
    pub fn is_empty(&self) -> bool {
        let a = &self.access;
        a.allow_pub.is_empty()
            && a.allow_sub.is_empty()
            && a.deny_pub.is_empty()
            && a.deny_sub.is_empty()
            && a.connection_types.is_empty()
            && self.max_subs.is_none()
            && self.max_data.is_none()
            && self.max_payload.is_none()
            && self.src.is_empty()
            && self.times.is_empty()
            && self.locale.is_none()
            && self.allow_pub_response.is_none()
            && self.response_ttl.is_none()
            && !self.bearer
    }

    /// Checks every value and builds the JWT's permissions and limits.
    pub fn permissions(&self) -> Result<UserPermissionLimits> {
        let connection_types = self.access.validate()?;
        for (flag, value) in [
            ("--max-subs", self.max_subs),
            ("--max-data", self.max_data),
            ("--max-payload", self.max_payload),
        ] {
            if value.is_some_and(|v| v < -1) {
                return Err(Error::InvalidInput(format!(
                    "{flag} must be -1 (unlimited) or more"
                )));
            }
        }
        if self.locale.is_some() && self.times.is_empty() {
            return Err(Error::InvalidInput(
                "--locale sets the time zone of --time windows: give at least one --time".into(),
            ));
        }
        if self.response_ttl.is_some() && self.allow_pub_response.is_none() {
            return Err(Error::InvalidInput(
                "--response-ttl goes with --allow-pub-response N".into(),
            ));
        }
        let resp = match self.allow_pub_response {
            None => None,
            Some(max) if max < 1 => {
                return Err(Error::InvalidInput(
                    "--allow-pub-response takes the number of replies allowed per request (1 or more)"
                        .into(),
                ));
            }
            Some(max) => Some(jwt::ResponsePermission {
                max,
                ttl: self
                    .response_ttl
                    .map_or(0, |d| d.whole_nanoseconds().min(i64::MAX as i128) as i64),
            }),
        };
        Ok(UserPermissionLimits {
            publish: Permission {
                allow: self.access.allow_pub.clone(),
                deny: self.access.deny_pub.clone(),
            },
            subscribe: Permission {
                allow: self.access.allow_sub.clone(),
                deny: self.access.deny_sub.clone(),
            },
            resp,
            src: self
                .src
                .iter()
                .map(|c| nats::limits::check_cidr(c))
                .collect::<Result<_>>()?,
            times: self
                .times
                .iter()
                .map(|t| nats::limits::parse_time_range(t))
                .collect::<Result<_>>()?,
            times_location: self
                .locale
                .as_deref()
                .map(nats::limits::check_locale)
                .transpose()?,
            subs: Some(self.max_subs.unwrap_or(-1)),
            data: Some(self.max_data.unwrap_or(-1)),
            payload: Some(self.max_payload.unwrap_or(-1)),
            bearer_token: self.bearer,
            allowed_connection_types: connection_types,
        })
    }
}

pub struct UserAddRequest {
    pub names: Vec<String>,
    pub account: String,
    /// The users' own permissions and limits (none with a role).
    pub limits: UserLimitsRequest,
    /// Sign with this role's scoped key: the users get the role's permissions and limits.
    pub role: Option<String>,
    pub tags: Vec<String>,
    /// The JWTs expire this long after now.
    pub expires: Option<Duration>,
    pub out: CredsOut,
}

impl UserAddRequest {
    /// The JWT contents every user of the request shares (all but the name).
    fn template(&self, expires: Option<i64>) -> Result<UserSpec> {
        let permissions = match &self.role {
            Some(role) if !self.limits.is_empty() => {
                return Err(Error::InvalidInput(format!(
                    "role {role} fixes the users' permissions and limits: drop the permission and limit flags, or add the user without --role"
                )));
            }
            Some(_) => UserPermissionLimits::default(),
            None => self.limits.permissions()?,
        };
        Ok(UserSpec {
            name: String::new(),
            permissions,
            expires,
            tags: nats::limits::normalize_tags(&self.tags)?,
            role: self.role.clone(),
        })
    }
}

/// Creates users of one account and hands out their .creds (JWT and seed, 0600), keys made and
/// signed on every core; the reports keep the order of `names`.
pub fn user_add(session: &mut Session, req: &UserAddRequest) -> Result<Vec<UserReport>> {
    for name in &req.names {
        check_name(name)?;
    }
    refuse_duplicates(&req.names)?;
    let now = unix_now();
    let template = req.template(req.expires.map(|d| now + d.whole_seconds()))?;
    let store = session.store();
    nats::load_operator(store)?;
    let account = nats::load_live_account(store, &req.account)?;
    if let Some(role) = &req.role
        && account.role(role).is_none()
    {
        return Err(crate::error::Refusal::NoRole {
            account: account.name.clone(),
            role: role.clone(),
        }
        .into());
    }
    // The name index: the cost of this check follows the batch, not the account's size.
    let existing = nats::UserNames::load(store, &req.account, &req.names)?;
    if let Some(name) = req.names.iter().find(|n| existing.taken(n)) {
        return Err(Error::Conflict(format!(
            "user {}/{name} already exists",
            req.account
        )));
    }
    req.out.check(&req.names)?;

    let signer = match &req.role {
        Some(role) => nats::open_role_signer(store, session.key()?, &account, role)?,
        None => nats::open_user_signer(store, session.key()?, &account)?,
    };
    let seeds = nats::new_seeds_file(&account.name);
    let mut change = Change::default();
    // A directory's .creds are staged as they are made, while the other cores sign.
    let early = match &req.out {
        CredsOut::Dir(dir) => Some(store.stage_early(&mut change, dir)?),
        CredsOut::File(_) => None,
    };
    // Keys, JWTs, .creds and log lines made on every core.
    let mut users = crate::parallel::map(&req.names, |name| {
        let spec = UserSpec {
            name: name.clone(),
            ..template.clone()
        };
        let mut user = nats::new_user(&signer, &account, &spec, now, &seeds)?;
        if let Some(early) = &early {
            let file = format!("{name}.creds");
            early.write(&file, user.creds.as_bytes(), fsio::PRIVATE_FILE)?;
            zeroize::Zeroize::zeroize(&mut *user.creds);
        }
        Ok(user)
    })?;
    if let Some(early) = &early {
        early.start_flush();
    }
    let written = (&mut users[..], early.is_some());
    let reports = hand_out_creds(store, &mut change, existing, written, |name| {
        req.out.place(name)
    })?;
    session.commit(change)?;
    Ok(reports)
}

// ---------------------------------------------------------------------------------------------
// nats user revoke

#[derive(Debug, Serialize)]
pub struct RevokeReport {
    /// The revoked user's public key.
    pub revoked: String,
    pub account: String,
}

/// Revokes a user: the account gets a revocation and is re-signed by the operator.
pub fn user_revoke(session: &mut Session, account_name: &str, name: &str) -> Result<RevokeReport> {
    let store = session.store();
    let operator = nats::load_operator(store)?;
    let mut account = nats::load_account(store, account_name)?;
    let user = nats::find_user(store, account_name, name)?;
    if let Some(at) = user.revoked_at {
        return Err(Error::AlreadyRevoked(format!(
            "user {account_name}/{name} was revoked at {}",
            rfc3339_unix(at)
        )));
    }
    let operator = account_signer(session, &operator)?;
    // A revocation covers JWTs issued at or before its time: never earlier than the user's iat.
    let now = unix_now().max(user.issued_at);
    account.revocations.insert(user.public.clone(), now);
    account.jwt = nats::sign_account(&operator, &account, now)?;
    let mut change = Change::default();
    nats::write_json(&mut change, nats::account_file(&account.name), &account);
    nats::record_user_revoke(&mut change, &user.account, &user.public, now);
    change.record(
        Event::new("nats.user.revoke", format!("{account_name}/{name}")).fingerprint(&user.public),
    );
    session.commit(change)?;
    Ok(RevokeReport {
        revoked: user.public,
        account: account.name,
    })
}

// ---------------------------------------------------------------------------------------------
// nats resolver, export, describe: public data out of the store

#[derive(Debug, Serialize)]
pub struct ResolverReport {
    pub out: PathBuf,
    /// The operator's name.
    pub operator: String,
    pub accounts: usize,
}

/// Writes (replaces) the nats-server resolver config: operator, system account, every account
/// JWT preloaded; a MEMORY resolver, or a `full` one keeping JWTs in `full_dir` on the server.
pub fn resolver(
    session: &mut Session,
    out: &Path,
    full_dir: Option<&str>,
) -> Result<ResolverReport> {
    let (dir, name) = super::out_file("--out", out, Existing::Replace)?;
    let operator = nats::load_operator(session.store())?;
    let accounts = nats::accounts(session.store())?;
    let text = nats::resolver_config(&operator, &accounts, full_dir);
    let mut change = Change::default();
    let path = change
        .output(&dir)?
        .add_replace(&name, text.into_bytes(), fsio::PUBLIC_FILE);
    session.commit(change)?;
    Ok(ResolverReport {
        out: path,
        operator: operator.name,
        accounts: accounts.len(),
    })
}

#[derive(Debug, Serialize)]
pub struct ExportReport {
    pub out: PathBuf,
    /// The operator JWT, DIR/operator.jwt.
    pub operator: PathBuf,
    /// The accounts exported, as DIR/NAME.jwt.
    pub accounts: Vec<String>,
}

/// The operator JWT's file name in an export (account names are upper case by habit, but a
/// name `operator` would collide: accounts go as NAME.jwt and this one is reserved).
pub const OPERATOR_JWT: &str = "operator.jwt";

/// Writes (replaces) the operator JWT as DIR/operator.jwt and every account JWT as
/// DIR/NAME.jwt (public), for the servers and `push` on the online side.
pub fn export(session: &mut Session, dir: &Path) -> Result<ExportReport> {
    super::check_out_dir(dir)?;
    let operator = nats::load_operator(session.store())?;
    let accounts = nats::accounts(session.store())?;
    if accounts
        .iter()
        .any(|a| format!("{}.jwt", a.name) == OPERATOR_JWT)
    {
        return Err(Error::Conflict(
            "an account named `operator` would overwrite operator.jwt in the export".into(),
        ));
    }
    let mut change = Change::default();
    let batch = change.output(dir)?;
    let operator_path = batch.add_replace(
        OPERATOR_JWT,
        format!("{}\n", operator.jwt).into_bytes(),
        fsio::PUBLIC_FILE,
    );
    for account in &accounts {
        batch.add_replace(
            &format!("{}.jwt", account.name),
            format!("{}\n", account.jwt).into_bytes(),
            fsio::PUBLIC_FILE,
        );
    }
    session.commit(change)?;
    Ok(ExportReport {
        out: dir.to_path_buf(),
        operator: operator_path,
        accounts: accounts.into_iter().map(|a| a.name).collect(),
    })
}

/// The decoded claims of the operator (by its name), an account, or a user (`ACCOUNT/USER`).
pub fn describe(session: &Session, name: &str) -> Result<serde_json::Value> {
    let store = session.store();
    let operator = nats::load_operator(store)?;
    let token = if name == operator.name {
        operator.jwt
    } else if let Some((account, user)) = name.split_once('/') {
        nats::find_user(store, account, user)?.jwt
    } else {
        nats::load_account(store, name)?.jwt
    };
    jwt::decode(&token)
}

// ---------------------------------------------------------------------------------------------
// nats push

/// Every account JWT in the store.
pub fn store_jwts(session: &Session) -> Result<Vec<AccountJwt>> {
    Ok(nats::accounts(session.store())?
        .into_iter()
        .map(|a| AccountJwt {
            name: a.name,
            jwt: a.jwt,
        })
        .collect())
}

/// The `*.jwt` files of `dir` (as `export` writes them), sorted by file name. Each must be a
/// well-signed account JWT: anything else is refused before a byte is sent (bad input).
pub fn read_jwt_dir(dir: &Path) -> Result<Vec<AccountJwt>> {
    let unreadable =
        |e: std::io::Error| Error::InvalidInput(format!("cannot read {}: {e}", dir.display()));
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        // The operator JWT `export` writes beside them is not pushed: servers take it from
        // their configuration.
        if path.extension().is_some_and(|x| x == "jwt")
            && path.file_name().is_some_and(|n| n != OPERATOR_JWT)
        {
            files.push(path);
        }
    }
    files.sort();
    files.iter().map(|path| read_account_jwt(path)).collect()
}

fn read_account_jwt(path: &Path) -> Result<AccountJwt> {
    let text = super::read_input_text(path, "JWT file")?;
    let claims = jwt::decode(&text).map_err(|e| match e {
        Error::InvalidInput(why) => Error::InvalidInput(format!("{}: {why}", path.display())),
        other => other,
    })?;
    if claims["nats"]["type"] != "account" {
        return Err(Error::InvalidInput(format!(
            "{} is not an account JWT",
            path.display()
        )));
    }
    Ok(AccountJwt {
        name: claims["name"].as_str().unwrap_or_default().to_owned(),
        jwt: text.trim().to_owned(),
    })
}

/// What `push` says when there is nothing to send.
pub const NO_JWTS: &str = "no account JWTs to push";

pub struct PushRequest {
    /// Server URL (nats:// or tls://).
    pub server: String,
    /// The system user's .creds file.
    pub creds: PathBuf,
    /// A CA certificate to trust for a TLS server.
    pub ca: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct PushReport {
    pub server: String,
    /// One line per account: its name and the server's answer.
    pub pushed: Vec<String>,
}

/// Sends account JWTs to the cluster's resolver as the system user and checks every answer.
pub fn push(req: &PushRequest, jwts: &[AccountJwt]) -> Result<PushReport> {
    if jwts.is_empty() {
        return Err(Error::InvalidInput(NO_JWTS.into()));
    }
    let pushed = nats::push(&req.server, &req.creds, req.ca.as_deref(), jwts)?;
    Ok(PushReport {
        server: req.server.clone(),
        pushed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::init::{self, InitRequest as StoreInit};
    use crate::store::keyring::UnlockSource;
    use age::secrecy::SecretString;

    const PASS: &str = "correct horse battery staple";

    /// A new CA store in a temporary directory and a session that unlocks it on demand.
    fn store() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        init::init(
            &StoreInit {
                store: dir.path().join("store"),
                name: "Test CA".into(),
                key_type: crate::x509::KeyType::EcdsaP256,
                days: 30,
                intermediate_days: None,
                scrypt_log_n: crate::store::keyring::MIN_SCRYPT_LOG_N,
            },
            &SecretString::from(PASS.to_owned()),
        )
        .unwrap();
        let session = open(dir.path());
        (dir, session)
    }

    fn open(dir: &Path) -> Session {
        Session::open(
            &dir.join("store"),
            Box::new(|| {
                Ok(UnlockSource::Passphrase(SecretString::from(
                    PASS.to_owned(),
                )))
            }),
            crate::store::LockWait::quiet(),
        )
        .unwrap()
    }

    fn nats_init(session: &mut Session, dir: &Path) -> Result<InitReport> {
        init(
            session,
            &InitRequest {
                operator: "acme".into(),
                sys_creds: dir.join("sys.creds"),
                account_server_url: None,
                service_urls: Vec::new(),
            },
        )
    }

    fn mode(path: &Path) -> u32 {
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(path).unwrap().permissions())
            & 0o777
    }

    #[test]
    fn init_hands_out_the_system_creds_with_its_change() {
        let (dir, mut session) = store();
        let report = nats_init(&mut session, dir.path()).unwrap();
        assert_eq!(report.sys_creds, dir.path().join("sys.creds"));
        assert_eq!(mode(&report.sys_creds), 0o600);
        let creds = std::fs::read_to_string(&report.sys_creds).unwrap();
        let token = creds.lines().nth(1).unwrap();
        let claims = jwt::decode(token).unwrap();
        assert_eq!(claims["iss"], report.system_account);
        assert_eq!(claims["name"], nats::SYSTEM_USER);
        let sys = describe(&session, "SYS/sys").unwrap();
        assert_eq!(sys["sub"], claims["sub"]);

        // A second operator is refused and the first one's credentials stay as they were.
        let again = nats_init(&mut session, dir.path()).unwrap_err();
        assert!(matches!(again, Error::Conflict(_)), "{again}");
        assert_eq!(std::fs::read_to_string(&report.sys_creds).unwrap(), creds);
    }

    #[test]
    fn an_existing_sys_creds_is_refused_before_the_store_changes() {
        let (dir, mut session) = store();
        std::fs::write(dir.path().join("sys.creds"), "mine").unwrap();
        let err = nats_init(&mut session, dir.path()).unwrap_err();
        assert!(matches!(err, Error::OutputExists(_)), "{err}");
        assert!(!nats::operator_exists(session.store()));
        let err = describe(&session, "acme").unwrap_err();
        assert!(
            matches!(&err, Error::Refused(crate::error::Refusal::NoOperator)),
            "{err}"
        );
    }

    fn add_users(session: &mut Session, names: &[&str], out: CredsOut) -> Result<Vec<UserReport>> {
        user_add(
            session,
            &UserAddRequest {
                names: names.iter().map(|n| n.to_string()).collect(),
                account: "APP".into(),
                limits: UserLimitsRequest::default(),
                role: None,
                tags: Vec::new(),
                expires: None,
                out,
            },
        )
    }

    #[test]
    fn users_are_minted_signed_and_revoked_in_process() {
        let (dir, mut session) = store();
        nats_init(&mut session, dir.path()).unwrap();
        let account = account_add(
            &mut session,
            &AccountAddRequest {
                name: "APP".into(),
                max_conn: -1,
                max_leaf: -1,
                max_subs: -1,
                max_payload: -1,
                max_data: -1,
                jetstream: false,
                js: JetStreamLimits::default(),
                signing_key: true,
            },
        )
        .unwrap();
        let creds = dir.path().join("creds");
        let reports = add_users(&mut session, &["a", "b"], CredsOut::Dir(creds.clone())).unwrap();
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[1].creds, creds.join("b.creds"));
        let claims = describe(&session, "APP/a").unwrap();
        assert_eq!(claims["iss"], account.signing_key.unwrap());
        assert_eq!(claims["nats"]["issuer_account"], account.public);

        // An existing user in a batch mints nothing; a name given twice is bad input.
        let err = add_users(&mut session, &["c", "a"], CredsOut::Dir(creds.clone())).unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        assert!(!creds.join("c.creds").exists());
        let err = add_users(&mut session, &["d", "d"], CredsOut::Dir(creds.clone())).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");

        let revoked = user_revoke(&mut session, "APP", "a").unwrap();
        assert_eq!(revoked.revoked, reports[0].public);
        let app = describe(&session, "APP").unwrap();
        assert!(app["nats"]["revocations"][&reports[0].public].is_i64());
        let err = user_revoke(&mut session, "APP", "a").unwrap_err();
        assert!(matches!(err, Error::AlreadyRevoked(_)), "{err}");

        let rotated = rotate_signing_key(&mut session, "APP", &dir.path().join("rotated")).unwrap();
        assert_eq!(rotated.users, ["b"]);
        assert_eq!(
            describe(&session, "APP/b").unwrap()["iss"],
            rotated.signing_key
        );
    }

    #[test]
    fn resolver_and_export_hand_out_public_files_and_push_reads_them_back() {
        let (dir, mut session) = store();
        nats_init(&mut session, dir.path()).unwrap();
        let out = dir.path().join("resolver.conf");
        let report = resolver(&mut session, &out, None).unwrap();
        assert_eq!((report.accounts, report.operator.as_str()), (1, "acme"));
        assert_eq!(mode(&out), 0o644);
        let exported = dir.path().join("jwt");
        export(&mut session, &exported).unwrap();
        assert_eq!(mode(&exported.join("SYS.jwt")), 0o644);
        let jwts = read_jwt_dir(&exported).unwrap();
        assert_eq!(jwts.len(), 1);
        assert_eq!(jwts[0].name, "SYS");

        // A user JWT, or a file that is no JWT, is bad input.
        let creds = std::fs::read_to_string(dir.path().join("sys.creds")).unwrap();
        let user_jwt = exported.join("user.jwt");
        std::fs::write(&user_jwt, creds.lines().nth(1).unwrap()).unwrap();
        let err = read_jwt_dir(&exported).unwrap_err();
        assert!(
            matches!(&err, Error::InvalidInput(m) if m.contains("not an account JWT")),
            "{err}"
        );
        std::fs::remove_file(&user_jwt).unwrap();
        std::fs::write(exported.join("x.jwt"), "not.a.jwt").unwrap();
        let err = read_jwt_dir(&exported).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        let err = read_jwt_dir(&dir.path().join("nowhere")).unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
        let none = push(
            &PushRequest {
                server: "nats://127.0.0.1:1".into(),
                creds: dir.path().join("sys.creds"),
                ca: None,
            },
            &[],
        )
        .unwrap_err();
        assert!(
            matches!(&none, Error::InvalidInput(m) if m == NO_JWTS),
            "{none}"
        );
    }
}
