//! `token key add|rotate|retire|list`, `token mint|verify|jwks` and `apikey
//! create|verify|revoke|list`, `passwd hash`: service credentials that are neither X.509 nor
//! NATS JWTs (see `tokens`).

use std::path::{Path, PathBuf};

use serde::Serialize;
use zeroize::Zeroizing;

use super::{Existing, Session, out_file};
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::store::{Change, fsio, keyring};
use crate::tokens::apikey::{self, ApiKey};
use crate::tokens::{self, Alg, Claims, KeyRecord, KeyVersion, Kind};

fn load_key(session: &Session, name: &str) -> Result<KeyRecord> {
    tokens::check_name(name)?;
    session
        .store()
        .read_json(&KeyRecord::file(name))?
        .ok_or_else(|| {
            Error::NotFound(format!(
                "no token key named {name} (`credctl token key list`)"
            ))
        })
}

fn all_keys(session: &Session) -> Result<Vec<KeyRecord>> {
    let store = session.store();
    let mut keys = Vec::new();
    for file in store.list(tokens::KEYS_DIR)? {
        if let Some(name) = file.strip_suffix(".json") {
            keys.push(load_key(session, name)?);
        }
    }
    Ok(keys)
}

/// The unsealed secret of `name`'s version `kid` (unlocks the store).
fn open_secret(session: &Session, name: &str, kid: &str) -> Result<Zeroizing<Vec<u8>>> {
    let store = session.store();
    let rel = KeyRecord::secret_file(name, kid);
    session.key()?.open(&store.read(&rel)?, &store.path(&rel))
}

/// The key version a token names by `kid`, among the keys `accept` takes (`unknown` says what
/// is wrong when none has it); a retired version is refused.
fn active_version<'a>(
    keys: &'a [KeyRecord],
    kid: &str,
    accept: impl Fn(&KeyRecord) -> bool,
    unknown: &str,
) -> Result<(&'a KeyRecord, &'a KeyVersion)> {
    let (record, version) = keys
        .iter()
        .filter(|r| accept(r))
        .find_map(|r| r.version(kid).map(|v| (r, v)))
        .ok_or_else(|| Error::VerificationFailed(format!("{unknown} (kid {kid})")))?;
    if version.retired.is_some() {
        return Err(Error::VerificationFailed(format!(
            "signed by key {}/{kid}, which was retired",
            record.name
        )));
    }
    Ok((record, version))
}

#[derive(Debug, Serialize)]
pub struct KeyReport {
    pub name: String,
    pub alg: Alg,
    pub kid: String,
    /// HS256: where the secret was handed out (once).
    pub secret_file: Option<PathBuf>,
}

/// Adds a version to `record` (a new key or a rotation), sealing its secret; an HS256 secret is
/// handed out once, 0600, in `out`.
fn add_version(
    session: &mut Session,
    mut record: KeyRecord,
    out: Option<&Path>,
    action: &str,
) -> Result<KeyReport> {
    let place = match (record.alg, out) {
        (Alg::HS256, Some(path)) => Some(out_file("--out", path, Existing::Refuse)?),
        (Alg::HS256, None) => {
            return Err(Error::InvalidInput(
                "an HS256 secret never goes in the JWK Set: pass --out FILE to hand it to its verifier (once, 0600)".into(),
            ));
        }
        (_, Some(_)) => {
            return Err(Error::InvalidInput(format!(
                "{} keys hand out nothing: verifiers take the public key from `credctl token jwks`",
                record.alg.name()
            )));
        }
        (_, None) => None,
    };
    let new = tokens::generate(record.alg)?;
    let sealed = keyring::seal(&session.key()?.recipient(), &new.secret)?;
    record.versions.push(KeyVersion {
        kid: new.kid.clone(),
        created: crate::clock::timestamp(),
        retired: None,
        public: new.public.clone(),
    });
    let mut change = Change::default();
    change.write_private(KeyRecord::secret_file(&record.name, &new.kid), sealed);
    change.write_private(KeyRecord::file(&record.name), to_json(&record));
    change.record(Event::new(action, &record.name).detail(format!(
        "{}, kid {}",
        record.alg.name(),
        new.kid
    )));
    let mut secret_file = None;
    if let Some((dir, name)) = place {
        use base64::Engine as _;
        let text = Zeroizing::new(format!(
            "# credctl HS256 secret of token key {}, kid {}: base64url, no padding\n{}\n",
            record.name,
            new.kid,
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&new.secret[..])
        ));
        secret_file = Some(change.output(&dir)?.add_new(
            &name,
            text.as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?);
    }
    session.commit(change)?;
    Ok(KeyReport {
        name: record.name,
        alg: record.alg,
        kid: new.kid,
        secret_file,
    })
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("serializes");
    bytes.push(b'\n');
    bytes
}

pub fn key_add(
    session: &mut Session,
    name: &str,
    alg: Alg,
    tenant: Option<String>,
    out: Option<&Path>,
) -> Result<KeyReport> {
    tokens::check_name(name)?;
    if let Some(t) = &tenant {
        tokens::check_name(t)?;
    }
    if session.store().exists(&KeyRecord::file(name)) {
        return Err(Error::Conflict(format!(
            "a token key named {name} exists: `token key rotate {name}` makes a new version"
        )));
    }
    let record = KeyRecord {
        name: name.to_owned(),
        alg,
        tenant,
        versions: Vec::new(),
    };
    add_version(session, record, out, "token.key.add")
}

pub fn key_rotate(session: &mut Session, name: &str, out: Option<&Path>) -> Result<KeyReport> {
    let record = load_key(session, name)?;
    add_version(session, record, out, "token.key.rotate")
}

/// Retires `NAME/KID`: out of the JWK Set, verifies nothing. The current version cannot be.
pub fn key_retire(session: &mut Session, target: &str) -> Result<KeyReport> {
    let (name, kid) = target.split_once('/').ok_or_else(|| {
        Error::InvalidInput(format!(
            "{target:?}: name the version as NAME/KID (`credctl token key list`)"
        ))
    })?;
    let mut record = load_key(session, name)?;
    if record.current().is_some_and(|c| c.kid == kid) {
        return Err(Error::Conflict(format!(
            "{kid} is {name}'s current key: rotate first (`token key rotate {name}`)"
        )));
    }
    let version = record
        .versions
        .iter_mut()
        .find(|v| v.kid == kid && v.retired.is_none())
        .ok_or_else(|| Error::NotFound(format!("{name} has no active version {kid}")))?;
    version.retired = Some(crate::clock::timestamp());
    let mut change = Change::default();
    change.write_private(KeyRecord::file(name), to_json(&record));
    change.record(Event::new("token.key.retire", name).detail(format!("kid {kid}")));
    session.commit(change)?;
    Ok(KeyReport {
        name: name.to_owned(),
        alg: record.alg,
        kid: kid.to_owned(),
        secret_file: None,
    })
}

pub fn key_list(session: &Session) -> Result<Vec<KeyRecord>> {
    all_keys(session)
}

pub struct MintRequest {
    pub key: String,
    pub kind: Kind,
    /// One token per subject.
    pub subjects: Vec<String>,
    pub aud: Option<String>,
    /// Seconds; None: the kind's default.
    pub ttl: Option<i64>,
    pub tunnel: Option<String>,
    /// Written here (0600) instead of being returned for printing.
    pub out: Option<PathBuf>,
}

#[derive(Debug, Serialize)]
pub struct MintReport {
    pub kind: Kind,
    pub kid: String,
    pub count: usize,
    pub expires: String,
    pub out: Option<PathBuf>,
    #[serde(skip)]
    pub tokens: Vec<Zeroizing<String>>,
}

/// Checks a mint against its kind's rules before anything is unlocked.
fn check_mint(req: &MintRequest) -> Result<(i64, String)> {
    let (default, longest) = req.kind.ttl();
    let ttl = req.ttl.unwrap_or(default);
    if ttl <= 0 || ttl > longest {
        return Err(Error::InvalidInput(format!(
            "--ttl: a {} token lives at most {} (asked: {})",
            req.kind.name(),
            crate::clock::human_span(longest as u64),
            crate::clock::human_span(ttl.unsigned_abs())
        )));
    }
    let aud = req
        .aud
        .clone()
        .unwrap_or_else(|| req.kind.default_audience().to_owned());
    if req.kind == Kind::Management && aud == tokens::TUNNEL_AUDIENCE {
        return Err(Error::InvalidInput(
            "a management token never carries the tunnel audience".into(),
        ));
    }
    match (req.kind, &req.tunnel) {
        (Kind::Recreate, None) => Err(Error::InvalidInput(
            "a recreate token is bound to one tunnel: pass --tunnel ID".into(),
        )),
        (Kind::Ephemeral | Kind::Management, Some(_)) => Err(Error::InvalidInput(
            "--tunnel binds recreate tokens only".into(),
        )),
        _ => Ok((ttl, aud)),
    }
}

/// Mints one token per subject with the key's current version, on every core.
pub fn mint(session: &mut Session, req: &MintRequest) -> Result<MintReport> {
    let (ttl, aud) = check_mint(req)?;
    let record = load_key(session, &req.key)?;
    let version = record
        .current()
        .cloned()
        .ok_or_else(|| Error::Conflict(format!("{} has no active version", req.key)))?;
    let place = req
        .out
        .as_deref()
        .map(|p| out_file("--out", p, Existing::Refuse))
        .transpose()?;
    let secret = open_secret(session, &record.name, &version.kid)?;
    let signer = tokens::Signer::new(record.alg, &secret)?;
    let now = crate::clock::unix_now();
    let iss = session.state().ca.name.clone();
    let tokens_made = crate::parallel::map(&req.subjects, |sub| {
        let claims = Claims {
            std: tokens::Registered::new(&iss, sub, &aud, now, ttl),
            kind: req.kind,
            tunnel: req.tunnel.clone(),
        };
        signer.sign(&claims, &version.kid).map(Zeroizing::new)
    })?;
    let mut change = Change::default();
    change.record(Event::new("token.mint", &record.name).detail(format!(
        "{} {} token(s), kid {}, audience {aud}, {}s{}",
        tokens_made.len(),
        req.kind.name(),
        version.kid,
        ttl,
        match req.subjects.as_slice() {
            [one] => format!(", sub {one}"),
            _ => String::new(),
        }
    )));
    let mut out = None;
    if let Some((dir, name)) = place {
        let mut text = Zeroizing::new(String::new());
        for t in &tokens_made {
            text.push_str(t);
            text.push('\n');
        }
        out = Some(change.output(&dir)?.add_new(
            &name,
            text.as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?);
    }
    session.commit(change)?;
    Ok(MintReport {
        kind: req.kind,
        kid: version.kid,
        count: tokens_made.len(),
        expires: crate::clock::rfc3339_unix(now + ttl),
        tokens: if out.is_some() {
            Vec::new()
        } else {
            tokens_made
        },
        out,
    })
}

pub struct VerifyRequest {
    pub token: Zeroizing<String>,
    pub aud: Option<String>,
    pub kind: Option<Kind>,
    pub skew: u64,
}

#[derive(Debug, Serialize)]
pub struct VerifyReport {
    pub key: String,
    pub kid: String,
    pub claims: Claims,
}

/// Verifies a token against the store's keys: found by `kid`, checked with that key's algorithm
/// only (an HS256 token is never checked with an RSA public key as its secret), not retired.
pub fn verify(session: &Session, req: &VerifyRequest) -> Result<VerifyReport> {
    let token = req.token.trim();
    let (kid, alg) = tokens::peek(token)?;
    let keys = all_keys(session)?;
    let (record, version) = active_version(&keys, &kid, |_| true, "signed by an unknown key")?;
    if alg != record.alg.jwt() {
        return Err(Error::VerificationFailed(format!(
            "the token says {alg:?} but key {} is {}: refused",
            record.name,
            record.alg.name()
        )));
    }
    let secret = match record.alg {
        Alg::HS256 => Some(open_secret(session, &record.name, &kid)?),
        _ => None,
    };
    let key = tokens::decoding_key(record.alg, version, secret.as_deref().map(|s| &s[..]))?;
    let claims = tokens::verify(
        token,
        record.alg,
        &key,
        req.aud.as_deref(),
        req.skew,
        crate::clock::unix_now(),
    )?;
    if let Some(kind) = req.kind
        && claims.kind != kind
    {
        return Err(Error::VerificationFailed(format!(
            "a {} token, not {}",
            claims.kind.name(),
            kind.name()
        )));
    }
    if req.aud.as_deref() == Some(tokens::TUNNEL_AUDIENCE) && claims.kind == Kind::Management {
        return Err(Error::VerificationFailed(
            "a management token is never accepted by a tunnel endpoint".into(),
        ));
    }
    if claims.kind == Kind::Recreate && claims.tunnel.is_none() {
        return Err(Error::VerificationFailed(
            "a recreate token without its tunnel id".into(),
        ));
    }
    Ok(VerifyReport {
        key: record.name.clone(),
        kid,
        claims,
    })
}

/// The RFC 7517 JWK Set of every public key version not retired (RS256, EdDSA).
pub fn jwks(session: &Session) -> Result<serde_json::Value> {
    let mut keys = Vec::new();
    for record in all_keys(session)? {
        for version in record.versions.iter().filter(|v| v.retired.is_none()) {
            if let Some(jwk) = tokens::jwk(&record, version)? {
                keys.push(jwk);
            }
        }
    }
    Ok(serde_json::json!({ "keys": keys }))
}

/// Writes the JWK Set to `out` (public, replaced).
pub fn jwks_to(session: &mut Session, out: &Path) -> Result<PathBuf> {
    let set = jwks(session)?;
    let (dir, name) = out_file("--out", out, Existing::Replace)?;
    let mut change = Change::default();
    let path = change
        .output(&dir)?
        .add_replace(&name, to_json(&set), fsio::PUBLIC_FILE);
    session.commit(change)?;
    Ok(path)
}

#[derive(Debug, Serialize)]
pub struct ApiKeyReport {
    pub name: String,
    pub scopes: Vec<String>,
    pub hint: String,
    /// Printed once, never stored.
    #[serde(skip)]
    pub key: Option<Zeroizing<String>>,
}

pub fn apikey_create(session: &mut Session, name: &str, scopes: &[String]) -> Result<ApiKeyReport> {
    tokens::check_name(name)?;
    for scope in scopes {
        tokens::check_name(scope).map_err(|_| {
            Error::InvalidInput(format!(
                "{scope:?} is not a scope: letters, digits, '-', '_', '.'"
            ))
        })?;
    }
    if session.store().exists(&ApiKey::file(name)) {
        return Err(Error::Conflict(format!(
            "an API key named {name} exists: revoke it, or choose another name"
        )));
    }
    // The change is signed by the CA: unlock before the (slow) hash, so a wrong passphrase fails first.
    session.signer()?;
    let (key, record) = apikey::create(name, scopes)?;
    let mut change = Change::default();
    change.write_private(ApiKey::file(name), to_json(&record));
    change.record(Event::new("apikey.create", name).detail(format!(
        "scopes [{}], hint {}",
        scopes.join(" "),
        record.hint
    )));
    session.commit(change)?;
    Ok(ApiKeyReport {
        name: name.to_owned(),
        scopes: scopes.to_vec(),
        hint: record.hint,
        key: Some(key),
    })
}

fn load_apikey(session: &Session, name: &str) -> Result<ApiKey> {
    tokens::check_name(name)?;
    session
        .store()
        .read_json(&ApiKey::file(name))?
        .ok_or_else(|| Error::NotFound(format!("no API key named {name} (`credctl apikey list`)")))
}

/// Exit 0 when `key` is NAME's (and not revoked), `VerificationFailed` otherwise.
pub fn apikey_verify(session: &Session, name: &str, key: &str) -> Result<()> {
    let record = load_apikey(session, name)?;
    if apikey::matches(&record, key)? {
        return Ok(());
    }
    Err(Error::VerificationFailed(match record.revoked {
        Some(_) => format!("API key {name} was revoked"),
        None => format!("that is not API key {name}"),
    }))
}

pub fn apikey_revoke(session: &mut Session, name: &str) -> Result<ApiKeyReport> {
    let mut record = load_apikey(session, name)?;
    if record.revoked.is_some() {
        return Err(Error::AlreadyRevoked(format!(
            "API key {name} is revoked already"
        )));
    }
    record.revoked = Some(crate::clock::timestamp());
    let mut change = Change::default();
    change.write_private(ApiKey::file(name), to_json(&record));
    change.record(Event::new("apikey.revoke", name));
    session.commit(change)?;
    Ok(ApiKeyReport {
        name: name.to_owned(),
        scopes: record.scopes,
        hint: record.hint,
        key: None,
    })
}

#[derive(Debug, Serialize)]
pub struct ApiKeyListed {
    pub name: String,
    pub scopes: Vec<String>,
    pub hint: String,
    pub created: String,
    pub revoked: Option<String>,
}

pub fn apikey_list(session: &Session) -> Result<Vec<ApiKeyListed>> {
    let mut listed = Vec::new();
    for file in session.store().list(apikey::DIR)? {
        if let Some(name) = file.strip_suffix(".json") {
            let r = load_apikey(session, name)?;
            listed.push(ApiKeyListed {
                name: r.name,
                scopes: r.scopes,
                hint: r.hint,
                created: r.created,
                revoked: r.revoked,
            });
        }
    }
    Ok(listed)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlgo {
    Bcrypt,
    Argon2id,
}

/// A password hash for another system (bcrypt cost 12, or Argon2id with OWASP's minimum).
pub fn hash_password(algo: HashAlgo, password: &[u8]) -> Result<String> {
    if password.is_empty() {
        return Err(Error::InvalidInput("the password is empty".into()));
    }
    match algo {
        HashAlgo::Bcrypt => bcrypt::hash(password, 12).map_err(|e| Error::Crypto(e.to_string())),
        HashAlgo::Argon2id => apikey::hash_argon2id(password),
    }
}

pub struct RegisterRequest {
    pub node: String,
    pub tenant: String,
    /// Seconds; None: a day.
    pub ttl: Option<i64>,
    pub mac: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RegisterReport {
    pub node: String,
    pub tenant: String,
    pub key: String,
    pub jti: String,
    pub expires: String,
    pub mac_bound: bool,
    #[serde(skip)]
    pub token: Zeroizing<String>,
}

/// The tenant's Ed25519 key and its current version.
fn tenant_key(session: &Session, tenant: &str) -> Result<(KeyRecord, KeyVersion)> {
    all_keys(session)?
        .into_iter()
        .filter(|r| r.alg == Alg::EdDSA && r.tenant.as_deref() == Some(tenant))
        .find_map(|r| r.current().cloned().map(|v| (r, v)))
        .ok_or_else(|| {
            Error::NotFound(format!(
                "tenant {tenant} has no Ed25519 key: `credctl token key add NAME --alg EdDSA --tenant {tenant}`"
            ))
        })
}

/// A one-time registration token for `node`, signed with its tenant's Ed25519 key.
pub fn register(session: &mut Session, req: &RegisterRequest) -> Result<RegisterReport> {
    use crate::tokens::register;
    crate::x509::issue::check_name(&req.node)?;
    tokens::check_name(&req.tenant)?;
    let ttl = req.ttl.unwrap_or(register::TTL.0);
    if ttl <= 0 || ttl > register::TTL.1 {
        return Err(Error::InvalidInput(format!(
            "--ttl: a registration token lives at most {}",
            crate::clock::human_span(register::TTL.1 as u64)
        )));
    }
    let mac = req
        .mac
        .as_deref()
        .map(crate::x509::mac_binding::parse_mac)
        .transpose()?;
    let (record, version) = tenant_key(session, &req.tenant)?;
    let secret = open_secret(session, &record.name, &version.kid)?;
    let now = crate::clock::unix_now();
    let claims = register::claims(
        &session.state().ca.name,
        &req.node,
        &req.tenant,
        ttl,
        mac.as_ref(),
        now,
    );
    let token =
        Zeroizing::new(tokens::Signer::new(Alg::EdDSA, &secret)?.sign(&claims, &version.kid)?);
    let mut change = Change::default();
    change.record(Event::new("token.register", &req.node).detail(format!(
        "tenant {}, key {}/{}, jti {}, {}s{}",
        req.tenant,
        record.name,
        version.kid,
        claims.std.jti,
        ttl,
        if mac.is_some() {
            ", bound to a MAC"
        } else {
            ""
        }
    )));
    session.commit(change)?;
    Ok(RegisterReport {
        node: req.node.clone(),
        tenant: req.tenant.clone(),
        key: record.name,
        jti: claims.std.jti,
        expires: crate::clock::rfc3339_unix(claims.std.exp),
        mac_bound: mac.is_some(),
        token,
    })
}

pub struct RedeemRequest {
    pub token: Zeroizing<String>,
    /// The registrar's tenant: a token of another is refused.
    pub tenant: Option<String>,
    /// The device's MAC, for a token bound to one.
    pub mac: Option<String>,
    pub skew: u64,
}

#[derive(Debug, Serialize)]
pub struct RedeemReport {
    pub node: String,
    pub tenant: String,
    pub jti: String,
    pub mac_checked: bool,
}

/// Redeems a registration token once: signature by its tenant's key, not expired, for this
/// tenant, the MAC when bound, and its nonce not spent; the nonce is then spent (audited).
pub fn redeem(session: &mut Session, req: &RedeemRequest) -> Result<RedeemReport> {
    use crate::tokens::register;
    let token = req.token.trim();
    let (kid, alg) = tokens::peek(token)?;
    if alg != jsonwebtoken::Algorithm::EdDSA {
        return Err(Error::VerificationFailed(format!(
            "a registration token is EdDSA, not {alg:?}"
        )));
    }
    let keys = all_keys(session)?;
    let tenant_key = |r: &KeyRecord| r.alg == Alg::EdDSA && r.tenant.is_some();
    let (record, version) =
        active_version(&keys, &kid, tenant_key, "not signed by a tenant's key")?;
    let key = tokens::decoding_key(Alg::EdDSA, version, None)?;
    let claims = register::verify(token, &key, req.skew)?;
    let key_tenant = record.tenant.as_deref().unwrap_or("");
    if claims.tenant != key_tenant {
        return Err(Error::VerificationFailed(format!(
            "the token names tenant {} but is signed by tenant {key_tenant}'s key",
            claims.tenant
        )));
    }
    if let Some(t) = &req.tenant
        && *t != claims.tenant
    {
        return Err(Error::VerificationFailed(format!(
            "a token for tenant {}, not {t}",
            claims.tenant
        )));
    }
    let mac_checked = match (&claims.mac_binding, &req.mac) {
        (None, _) => false,
        (Some(_), None) => {
            return Err(Error::VerificationFailed(
                "the token is bound to a device: pass --mac".into(),
            ));
        }
        (Some(_), Some(mac)) => {
            if !register::mac_matches(&claims, &crate::x509::mac_binding::parse_mac(mac)?) {
                return Err(Error::VerificationFailed(
                    "the token is bound to another device's MAC".into(),
                ));
            }
            true
        }
    };
    let nonces = register::nonces_file(&claims.tenant);
    let spent = session.store().read_optional(&nonces)?.unwrap_or_default();
    if String::from_utf8_lossy(&spent)
        .lines()
        .any(|l| l == claims.nonce)
    {
        return Err(Error::VerificationFailed(format!(
            "the registration token for {} was redeemed already (its nonce is spent)",
            claims.std.sub
        )));
    }
    let mut change = Change::default();
    change.append(nonces, format!("{}\n", claims.nonce).as_bytes());
    change.record(Event::new("token.redeem", &claims.std.sub).detail(format!(
        "tenant {}, jti {}{}",
        claims.tenant,
        claims.std.jti,
        if mac_checked { ", MAC checked" } else { "" }
    )));
    session.commit(change)?;
    Ok(RedeemReport {
        node: claims.std.sub,
        tenant: claims.tenant,
        jti: claims.std.jti,
        mac_checked,
    })
}
