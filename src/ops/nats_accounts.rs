//! What accounts share and delegate: exports and imports (with activation tokens for private
//! exports), scoped signing keys (roles), and the operator's signing key.
//!
//! Every change here re-signs the account JWT it touches (with the operator's signing key when
//! it has one) in the same commit as the record, so the store never holds a record its JWT does
//! not say. Servers learn of it when the JWTs are published (`nats resolver` or `nats push`).

use std::path::{Path, PathBuf};

use nkeys::KeyPair;
use serde::Serialize;
use time::Duration;

use super::nats::{UserLimitsRequest, account_signer, active_users, reissue};
use super::{Existing, Session};
use crate::audit::Event;
use crate::clock::unix_now;
use crate::error::{Error, Refusal, Result};
use crate::nats::jwt::{self, Export, Import, UserScope};
use crate::nats::{self, AccountRecord, UserRecord};
use crate::store::{Change, Store, fsio};

/// `stream` or `service`, as the JWTs spell them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Stream,
    Service,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Stream => "stream",
            Kind::Service => "service",
        }
    }
}

/// Re-signs `account` with the operator's account signer and writes its record.
fn write_resigned(
    session: &Session,
    change: &mut Change,
    account: &mut AccountRecord,
) -> Result<()> {
    let operator = nats::load_operator(session.store())?;
    let signer = account_signer(session, &operator)?;
    account.jwt = nats::sign_account(&signer, account, unix_now())?;
    nats::write_json(change, nats::account_file(&account.name), account);
    Ok(())
}

/// A live account of the store (not revoked), with the operator checked first.
fn load(store: &Store, name: &str) -> Result<AccountRecord> {
    nats::load_operator(store)?;
    nats::load_live_account(store, name)
}

/// Whether every subject `inner` matches is matched by `outer` (NATS wildcards).
pub fn subject_within(inner: &str, outer: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (inner.split('.').collect(), outer.split('.').collect());
    for (i, o) in b.iter().enumerate() {
        match *o {
            ">" => return a.len() > i,
            "*" if a.get(i).is_some_and(|t| *t != ">") => {}
            token if a.get(i) == Some(&token) => {}
            _ => return false,
        }
    }
    a.len() == b.len()
}

// ---------------------------------------------------------------------------------------------
// exports

pub struct ExportAddRequest {
    pub account: String,
    pub subject: String,
    pub kind: Kind,
    pub private: bool,
    pub name: Option<String>,
    /// Singleton, Stream or Chunked (services).
    pub response_type: Option<String>,
    pub response_threshold: Option<Duration>,
    pub advertise: bool,
    pub description: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportReport {
    pub account: String,
    pub export: Export,
}

pub fn export_add(session: &mut Session, req: &ExportAddRequest) -> Result<ExportReport> {
    crate::hub::check_subject(&req.subject)?;
    if req.response_type.is_some() && req.kind != Kind::Service {
        return Err(Error::InvalidInput(
            "--response-type is for a service export".into(),
        ));
    }
    let mut account = load(session.store(), &req.account)?;
    if let Some(other) = account.exports.iter().find(|e| {
        e.kind == req.kind.as_str()
            && (subject_within(&req.subject, &e.subject)
                || subject_within(&e.subject, &req.subject))
    }) {
        return Err(Error::Conflict(format!(
            "account {} already exports {} {} (overlapping {})",
            account.name, other.kind, other.subject, req.subject
        )));
    }
    let export = Export {
        name: req.name.clone().unwrap_or_else(|| req.subject.clone()),
        subject: req.subject.clone(),
        kind: req.kind.as_str().into(),
        token_req: req.private,
        revocations: Default::default(),
        response_type: req.response_type.clone(),
        response_threshold: req
            .response_threshold
            .map(|d| d.whole_nanoseconds().min(i64::MAX as i128) as i64),
        advertise: req.advertise,
        description: req.description.clone().unwrap_or_default(),
    };
    account.exports.push(export.clone());
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut account)?;
    change.record(
        Event::new(
            "nats.export.add",
            format!("{}/{}", account.name, export.subject),
        )
        .detail(format!(
            "{} {}",
            if export.token_req {
                "private"
            } else {
                "public"
            },
            export.kind
        )),
    );
    session.commit(change)?;
    Ok(ExportReport {
        account: account.name,
        export,
    })
}

#[derive(Debug, Serialize)]
pub struct ExportRmReport {
    pub account: String,
    pub subject: String,
    /// Accounts of this store whose imports of it stop working.
    pub importers: Vec<String>,
}

pub fn export_rm(session: &mut Session, account: &str, subject: &str) -> Result<ExportRmReport> {
    let mut record = load(session.store(), account)?;
    let before = record.exports.len();
    record.exports.retain(|e| e.subject != subject);
    if record.exports.len() == before {
        return Err(Refusal::NoExport {
            account: account.to_owned(),
            subject: subject.to_owned(),
        }
        .into());
    }
    let importers = nats::accounts(session.store())?
        .into_iter()
        .filter(|a| {
            a.imports
                .iter()
                .any(|i| i.account == record.public && subject_within(&i.subject, subject))
        })
        .map(|a| a.name)
        .collect();
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut record)?;
    change.record(Event::new("nats.export.rm", format!("{account}/{subject}")));
    session.commit(change)?;
    Ok(ExportRmReport {
        account: record.name,
        subject: subject.to_owned(),
        importers,
    })
}

pub fn exports(session: &Session, account: &str) -> Result<Vec<Export>> {
    nats::load_operator(session.store())?;
    Ok(nats::load_account(session.store(), account)?.exports)
}

// ---------------------------------------------------------------------------------------------
// activation tokens

pub struct ActivateRequest {
    pub account: String,
    pub subject: String,
    /// An account name of this store, or a public account key.
    pub importer: String,
    pub expires: Option<Duration>,
    pub out: PathBuf,
}

#[derive(Debug, Serialize)]
pub struct ActivateReport {
    pub account: String,
    pub subject: String,
    /// The importing account's public key.
    pub importer: String,
    pub out: PathBuf,
    pub expires: Option<String>,
}

/// An account named in this store, or a public account key from elsewhere.
fn resolve_account(store: &Store, name_or_key: &str) -> Result<(String, Option<AccountRecord>)> {
    if let Some(record) = nats::try_load_account(store, name_or_key)? {
        return Ok((record.public.clone(), Some(record)));
    }
    if name_or_key.starts_with('A') && KeyPair::from_public_key(name_or_key).is_ok() {
        return Ok((name_or_key.to_owned(), None));
    }
    Err(Refusal::NoAccount(name_or_key.to_owned()).into())
}

/// Signs an activation token with the exporting account's own key, which never rotates (a
/// token signed by a signing key would stop working when that key is rotated).
pub fn activate(session: &mut Session, req: &ActivateRequest) -> Result<ActivateReport> {
    crate::hub::check_subject(&req.subject)?;
    let (dir, file) = super::out_file("--out", &req.out, Existing::Refuse)?;
    let store = session.store();
    let account = load(store, &req.account)?;
    let export = account
        .exports
        .iter()
        .find(|e| subject_within(&req.subject, &e.subject))
        .ok_or_else(|| Refusal::NoExport {
            account: account.name.clone(),
            subject: req.subject.clone(),
        })?;
    if !export.token_req {
        return Err(Error::InvalidInput(format!(
            "{}'s export {} is public: importers need no activation token",
            account.name, export.subject
        )));
    }
    let (importer, _) = resolve_account(store, &req.importer)?;
    if importer == account.public {
        return Err(Error::InvalidInput(
            "an account does not import its own export".into(),
        ));
    }
    let signer = nats::open_seed(store, session.key()?, &nats::account_seed(&account.name))?;
    // A revocation covers tokens issued at or before its second: a token made in that same
    // second would be born revoked, so wait for the next one.
    if export
        .revocations
        .get(&importer)
        .is_some_and(|&at| at >= unix_now())
    {
        std::thread::sleep(std::time::Duration::from_millis(1000));
    }
    let now = unix_now();
    let exp = req.expires.map(|d| now + d.whole_seconds());
    let scoped = Export {
        subject: req.subject.clone(),
        ..export.clone()
    };
    let token = nats::sign_activation(&signer, &account.public, &scoped, &importer, (now, exp))?;
    let mut change = Change::default();
    let path = change.output(&dir)?.add_new(
        &file,
        format!("{token}\n").into_bytes(),
        fsio::PUBLIC_FILE,
    )?;
    change.record(
        Event::new(
            "nats.export.activate",
            format!("{}/{}", account.name, req.subject),
        )
        .fingerprint(&importer),
    );
    session.commit(change)?;
    Ok(ActivateReport {
        account: account.name,
        subject: req.subject.clone(),
        importer,
        out: path,
        expires: exp.map(crate::clock::rfc3339_unix),
    })
}

#[derive(Debug, Serialize)]
pub struct DeactivateReport {
    pub account: String,
    /// The export whose revocation list now names the importer.
    pub export: String,
    pub importer: String,
    /// Tokens for the importer issued at or before this are revoked.
    pub revoked_at: String,
}

/// Revokes every activation token `importer` holds for the export of `account` that covers
/// `subject`: the export lists the importer with the time now (tokens issued then or before
/// stop working once the account JWT is published); a new token issued later works again.
pub fn revoke_activation(
    session: &mut Session,
    account: &str,
    subject: &str,
    importer: &str,
) -> Result<DeactivateReport> {
    crate::hub::check_subject(subject)?;
    let store = session.store();
    let mut record = load(store, account)?;
    let (importer, _) = resolve_account(store, importer)?;
    let now = unix_now();
    let export = record
        .exports
        .iter_mut()
        .find(|e| subject_within(subject, &e.subject))
        .ok_or_else(|| Refusal::NoExport {
            account: account.to_owned(),
            subject: subject.to_owned(),
        })?;
    if !export.token_req {
        return Err(Error::InvalidInput(format!(
            "{account}'s export {} is public: it has no activation tokens to revoke (make it private, or remove it)",
            export.subject
        )));
    }
    export.revocations.insert(importer.clone(), now);
    let export = export.subject.clone();
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut record)?;
    change.record(
        Event::new(
            "nats.export.revoke-activation",
            format!("{account}/{export}"),
        )
        .fingerprint(&importer),
    );
    session.commit(change)?;
    Ok(DeactivateReport {
        account: record.name,
        export,
        importer,
        revoked_at: crate::clock::rfc3339_unix(now),
    })
}

// ---------------------------------------------------------------------------------------------
// imports

pub struct ImportAddRequest {
    pub account: String,
    /// The exporting account: a name of this store or a public account key.
    pub from: String,
    pub subject: String,
    pub kind: Kind,
    pub token: Option<PathBuf>,
    pub local_subject: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ImportReport {
    pub account: String,
    pub import: Import,
    /// Whether the exporting account is in this store (its export was checked).
    pub checked: bool,
}

/// Checks an activation token against the import it is for.
fn check_token(token: &str, import: &Import, importer: &str) -> Result<()> {
    let bad = |why: String| Error::InvalidInput(format!("--token: {why}"));
    let claims = jwt::decode(token).map_err(|e| bad(e.to_string()))?;
    let nats_claims = &claims["nats"];
    if nats_claims["type"] != "activation" {
        return Err(bad("not an activation token".into()));
    }
    if claims["sub"] != importer {
        return Err(bad(format!(
            "made for account {}, not this one ({importer})",
            claims["sub"].as_str().unwrap_or("?")
        )));
    }
    let issuer = nats_claims["issuer_account"]
        .as_str()
        .or(claims["iss"].as_str());
    if issuer != Some(import.account.as_str()) {
        return Err(bad("not signed by the exporting account".into()));
    }
    if nats_claims["kind"] != import.kind.as_str() {
        return Err(bad(format!(
            "activates a {}, not a {}",
            nats_claims["kind"].as_str().unwrap_or("?"),
            import.kind
        )));
    }
    let granted = nats_claims["subject"].as_str().unwrap_or_default();
    if !subject_within(&import.subject, granted) {
        return Err(bad(format!("grants {granted}, not {}", import.subject)));
    }
    if claims["exp"].as_i64().is_some_and(|exp| exp <= unix_now()) {
        return Err(bad("expired".into()));
    }
    Ok(())
}

pub fn import_add(session: &mut Session, req: &ImportAddRequest) -> Result<ImportReport> {
    crate::hub::check_subject(&req.subject)?;
    if let Some(local) = &req.local_subject {
        crate::hub::check_subject(local)?;
    }
    let store = session.store();
    let mut account = load(store, &req.account)?;
    let (exporter, exporter_record) = resolve_account(store, &req.from)?;
    if exporter == account.public {
        return Err(Error::InvalidInput(
            "an account does not import from itself".into(),
        ));
    }
    if account
        .imports
        .iter()
        .any(|i| i.subject == req.subject && i.account == exporter)
    {
        return Err(Error::Conflict(format!(
            "account {} already imports {} from {}",
            account.name, req.subject, req.from
        )));
    }
    let token = match &req.token {
        Some(path) => super::read_input_text(path, "activation token")?
            .trim()
            .to_owned(),
        None => String::new(),
    };
    let import = Import {
        name: req.name.clone().unwrap_or_else(|| req.subject.clone()),
        subject: req.subject.clone(),
        account: exporter.clone(),
        token,
        local_subject: req.local_subject.clone().unwrap_or_default(),
        kind: req.kind.as_str().into(),
    };
    if let Some(from) = &exporter_record {
        check_export(from, &import)?;
    }
    if !import.token.is_empty() {
        check_token(&import.token, &import, &account.public)?;
    }
    account.imports.push(import.clone());
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut account)?;
    change.record(
        Event::new(
            "nats.import.add",
            format!("{}/{}", account.name, import.subject),
        )
        .fingerprint(&exporter),
    );
    session.commit(change)?;
    Ok(ImportReport {
        account: account.name,
        import,
        checked: exporter_record.is_some(),
    })
}

/// The exporting account (of this store) offers what `import` takes, and a private export
/// comes with a token.
fn check_export(from: &AccountRecord, import: &Import) -> Result<()> {
    let export = from
        .exports
        .iter()
        .find(|e| e.kind == import.kind && subject_within(&import.subject, &e.subject))
        .ok_or_else(|| Refusal::NoExport {
            account: from.name.clone(),
            subject: format!("{} {}", import.kind, import.subject),
        })?;
    if export.token_req && import.token.is_empty() {
        return Err(Error::InvalidInput(format!(
            "{}'s export {} is private: it needs --token FILE from `credctl nats account export activate --account {} --subject {} --for IMPORTER --out FILE`",
            from.name, export.subject, from.name, import.subject
        )));
    }
    Ok(())
}

pub fn import_rm(session: &mut Session, account: &str, subject: &str) -> Result<Import> {
    let mut record = load(session.store(), account)?;
    let position = record
        .imports
        .iter()
        .position(|i| i.subject == subject)
        .ok_or_else(|| Refusal::NoImport {
            account: account.to_owned(),
            subject: subject.to_owned(),
        })?;
    let removed = record.imports.remove(position);
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut record)?;
    change.record(
        Event::new("nats.import.rm", format!("{account}/{subject}")).fingerprint(&removed.account),
    );
    session.commit(change)?;
    Ok(removed)
}

pub fn imports(session: &Session, account: &str) -> Result<Vec<Import>> {
    nats::load_operator(session.store())?;
    Ok(nats::load_account(session.store(), account)?.imports)
}

// ---------------------------------------------------------------------------------------------
// signing keys: roles

pub struct RoleAddRequest {
    pub account: String,
    /// None: the account's (unscoped) signing key for users with their own permissions.
    pub role: Option<String>,
    pub description: Option<String>,
    pub limits: UserLimitsRequest,
}

#[derive(Debug, Serialize)]
pub struct RoleReport {
    pub account: String,
    pub role: Option<String>,
    pub key: String,
}

pub fn role_add(session: &mut Session, req: &RoleAddRequest) -> Result<RoleReport> {
    let mut account = load(session.store(), &req.account)?;
    let key = KeyPair::new_account();
    let mut change = Change::default();
    match &req.role {
        None => {
            if !req.limits.is_empty() {
                return Err(Error::InvalidInput(
                    "permissions and limits make a role's template: add --role NAME".into(),
                ));
            }
            if account.signing_key.is_some() {
                return Err(Error::Conflict(format!(
                    "account {} already has a signing key",
                    account.name
                )));
            }
            account.signing_key = Some(key.public_key());
            change.write_private(
                nats::signing_key_seed(&account.name),
                nats::seal_seed(session.store(), &key)?,
            );
        }
        Some(role) => {
            crate::x509::issue::check_name(role)?;
            let template = req.limits.permissions()?;
            if account.role(role).is_some() {
                return Err(Error::Conflict(format!(
                    "account {} already has role {role}",
                    account.name
                )));
            }
            account.roles.push(UserScope {
                kind: "user_scope".into(),
                key: key.public_key(),
                role: role.clone(),
                template,
                description: req.description.clone().unwrap_or_default(),
            });
            change.write_private(
                nats::scoped_key_seed(&account.name, &key.public_key()),
                nats::seal_seed(session.store(), &key)?,
            );
        }
    }
    write_resigned(session, &mut change, &mut account)?;
    let subject = format!(
        "{}/{}",
        account.name,
        req.role.as_deref().unwrap_or("(users)")
    );
    change.record(Event::new("nats.signing-key.add", subject).fingerprint(key.public_key()));
    session.commit(change)?;
    Ok(RoleReport {
        account: account.name,
        role: req.role.clone(),
        key: key.public_key(),
    })
}

/// Replaces a role's template (and its description, if given): the account JWT carries it, so
/// the role's users get it once the JWT is published, with the .creds they have.
pub fn role_edit(session: &mut Session, req: &RoleAddRequest) -> Result<RoleReport> {
    let role = req
        .role
        .as_deref()
        .ok_or_else(|| Error::InvalidInput("name the role to edit with --role".into()))?;
    let template = req.limits.permissions()?;
    let mut account = load(session.store(), &req.account)?;
    let account_name = account.name.clone();
    let scope = account
        .roles
        .iter_mut()
        .find(|r| r.role == role)
        .ok_or_else(|| Refusal::NoRole {
            account: account_name,
            role: role.to_owned(),
        })?;
    scope.template = template;
    if let Some(description) = &req.description {
        scope.description = description.clone();
    }
    let key = scope.key.clone();
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut account)?;
    change.record(
        Event::new("nats.signing-key.edit", format!("{}/{role}", account.name)).fingerprint(&key),
    );
    session.commit(change)?;
    Ok(RoleReport {
        account: account.name,
        role: req.role.clone(),
        key,
    })
}

#[derive(Debug, Serialize)]
pub struct RoleRmReport {
    pub account: String,
    pub role: String,
    pub key: String,
    /// The role's users, now revoked.
    pub revoked: Vec<String>,
}

/// Removes a role's key from the account; its users are revoked in the same commit (they
/// would stop working anyway: the server no longer knows their signer).
pub fn role_rm(session: &mut Session, account_name: &str, role: &str) -> Result<RoleRmReport> {
    let store = session.store();
    let mut account = load(store, account_name)?;
    let scope = account.role(role).cloned().ok_or_else(|| Refusal::NoRole {
        account: account_name.to_owned(),
        role: role.to_owned(),
    })?;
    let now = unix_now();
    let users: Vec<UserRecord> = active_users(store, account_name, now)?
        .into_iter()
        .filter(|u| u.role.as_deref() == Some(role))
        .collect();
    account.roles.retain(|r| r.role != role);
    let mut change = Change::default();
    for user in &users {
        let at = now.max(user.issued_at);
        account.revocations.insert(user.public.clone(), at);
        nats::record_user_revoke(&mut change, account_name, &user.public, at);
        change.record(
            Event::new("nats.user.revoke", format!("{account_name}/{}", user.name))
                .fingerprint(&user.public)
                .detail(format!("role {role} removed")),
        );
    }
    change.remove(nats::scoped_key_seed(account_name, &scope.key));
    write_resigned(session, &mut change, &mut account)?;
    change.record(
        Event::new("nats.signing-key.rm", format!("{account_name}/{role}")).fingerprint(&scope.key),
    );
    session.commit(change)?;
    Ok(RoleRmReport {
        account: account.name,
        role: role.to_owned(),
        key: scope.key,
        revoked: users.into_iter().map(|u| u.name).collect(),
    })
}

#[derive(Debug, Serialize)]
pub struct RoleRotateReport {
    pub account: String,
    pub role: String,
    pub key: String,
    pub replaced: String,
    /// The users re-signed, each with a new DIR/NAME.creds.
    pub users: Vec<String>,
}

/// Gives a role a new key (same template) and re-signs its active users with it.
pub fn role_rotate(
    session: &mut Session,
    account_name: &str,
    role: &str,
    dir: &Path,
) -> Result<RoleRotateReport> {
    super::check_out_dir(dir)?;
    let store = session.store();
    let mut account = load(store, account_name)?;
    let position = account
        .roles
        .iter()
        .position(|r| r.role == role)
        .ok_or_else(|| Refusal::NoRole {
            account: account_name.to_owned(),
            role: role.to_owned(),
        })?;
    let now = unix_now();
    let users: Vec<UserRecord> = active_users(store, account_name, now)?
        .into_iter()
        .filter(|u| u.role.as_deref() == Some(role))
        .collect();
    for user in &users {
        fsio::ensure_absent(&dir.join(format!("{}.creds", user.name)))?;
    }
    let key = KeyPair::new_account();
    let replaced = std::mem::replace(&mut account.roles[position].key, key.public_key());
    let mut change = Change::default();
    let reissued = reissue(
        session,
        &mut change,
        (users, &|_| Ok(&key), &account),
        dir,
        (now, false),
    )?;
    nats::record_reissued_users(&mut change, account_name, &reissued);
    change.remove(nats::scoped_key_seed(account_name, &replaced));
    change.write_private(
        nats::scoped_key_seed(account_name, &key.public_key()),
        nats::seal_seed(session.store(), &key)?,
    );
    write_resigned(session, &mut change, &mut account)?;
    change.record(
        Event::new("nats.signing-key.rotate", format!("{account_name}/{role}"))
            .fingerprint(key.public_key())
            .detail(format!(
                "replaces {replaced}; {} users re-signed",
                reissued.len()
            )),
    );
    session.commit(change)?;
    Ok(RoleRotateReport {
        account: account.name,
        role: role.to_owned(),
        key: key.public_key(),
        replaced,
        users: reissued.into_iter().map(|u| u.name).collect(),
    })
}

#[derive(Debug, Serialize)]
pub struct SigningKeys {
    pub account: String,
    /// The unscoped key users with their own permissions are signed with.
    pub signing_key: Option<String>,
    pub roles: Vec<UserScope>,
}

pub fn signing_keys(session: &Session, account: &str) -> Result<SigningKeys> {
    nats::load_operator(session.store())?;
    let record = nats::load_account(session.store(), account)?;
    Ok(SigningKeys {
        account: record.name,
        signing_key: record.signing_key,
        roles: record.roles,
    })
}

// ---------------------------------------------------------------------------------------------
// revoking a whole account

#[derive(Debug, Serialize)]
pub struct AccountRevokeReport {
    pub account: String,
    pub public: String,
    pub revoked_at: String,
    /// Its users that were still active, now revoked with it.
    pub users: usize,
}

/// Revokes a whole account, for good: its JWT is re-signed with no connections allowed
/// (`conn` and `leaf` 0) and every user issued until now revoked (`revocations["*"]`), and the
/// store issues nothing more in it. A server that gets the JWT closes its connections.
pub fn account_revoke(session: &mut Session, name: &str) -> Result<AccountRevokeReport> {
    let store = session.store();
    let operator = nats::load_operator(store)?;
    let mut account = nats::load_account(store, name)?;
    if account.public == operator.system_account {
        return Err(Error::InvalidInput(
            "the system account cannot be revoked: the servers need it".into(),
        ));
    }
    if let Some(at) = account.revoked_at {
        return Err(Error::AlreadyRevoked(format!(
            "NATS account {name} was revoked at {}",
            crate::clock::rfc3339_unix(at)
        )));
    }
    let now = unix_now();
    let users = active_users(store, name, now)?.len();
    account.limits.conn = 0;
    account.limits.leaf = 0;
    account.revocations.insert("*".into(), now);
    account.revoked_at = Some(now);
    let mut change = Change::default();
    write_resigned(session, &mut change, &mut account)?;
    change.record(
        Event::new("nats.account.revoke", name)
            .fingerprint(&account.public)
            .detail(format!("{users} active users revoked with it")),
    );
    session.commit(change)?;
    Ok(AccountRevokeReport {
        account: account.name,
        public: account.public,
        revoked_at: crate::clock::rfc3339_unix(now),
        users,
    })
}

// ---------------------------------------------------------------------------------------------
// the operator's signing key

#[derive(Debug, Serialize)]
pub struct OperatorKeyReport {
    pub key: String,
    /// The signing key it replaces, if there was one.
    pub replaced: Option<String>,
    /// Every account, re-signed with the new key.
    pub accounts: Vec<String>,
    pub jwt_out: Option<PathBuf>,
}

/// Gives the operator a new signing key (replacing the previous one) and re-signs every
/// account with it; the operator JWT, which lists it, is signed by the operator's own key.
pub fn operator_rotate_key(
    session: &mut Session,
    jwt_out: Option<&Path>,
) -> Result<OperatorKeyReport> {
    let out = jwt_out
        .map(|f| super::out_file("--jwt-out", f, Existing::Replace))
        .transpose()?;
    let store = session.store();
    let mut operator = nats::load_operator(store)?;
    let identity = nats::open_operator(store, session.key()?, &operator)?;
    let key = KeyPair::new_operator();
    let replaced = operator.signing_keys.pop();
    operator.signing_keys.push(key.public_key());
    let now = unix_now();
    operator.jwt = nats::sign_operator(&identity, &operator, now)?;
    let mut change = Change::default();
    let mut names = Vec::new();
    for mut account in nats::accounts(store)? {
        account.jwt = nats::sign_account(&key, &account, now)?;
        nats::write_json(&mut change, nats::account_file(&account.name), &account);
        names.push(account.name);
    }
    nats::write_json(&mut change, nats::OPERATOR_FILE.into(), &operator);
    if let Some(old) = &replaced {
        change.remove(nats::operator_signing_seed(old));
    }
    change.write_private(
        nats::operator_signing_seed(&key.public_key()),
        nats::seal_seed(store, &key)?,
    );
    let path = match out {
        Some((dir, file)) => Some(change.output(&dir)?.add_replace(
            &file,
            format!("{}\n", operator.jwt).into_bytes(),
            fsio::PUBLIC_FILE,
        )),
        None => None,
    };
    change.record(
        Event::new("nats.operator.signing-key", &operator.name)
            .fingerprint(key.public_key())
            .detail(format!(
                "replaces {}; {} accounts re-signed",
                replaced.as_deref().unwrap_or("none"),
                names.len()
            )),
    );
    session.commit(change)?;
    Ok(OperatorKeyReport {
        key: key.public_key(),
        replaced,
        accounts: names,
        jwt_out: path,
    })
}

#[cfg(test)]
mod tests {
    use super::subject_within;

    #[test]
    fn subjects_nest_by_nats_wildcard_rules() {
        for (inner, outer) in [
            ("a.b", "a.b"),
            ("a.b", "a.*"),
            ("a.b.c", "a.>"),
            ("a.*", "a.>"),
            ("a.>", "a.>"),
            ("a.*.c", "a.*.c"),
        ] {
            assert!(subject_within(inner, outer), "{inner} in {outer}");
        }
        for (inner, outer) in [
            ("a", "a.>"),
            ("a.b", "a.c"),
            ("a.>", "a.*"),
            ("a.b.c", "a.*"),
            ("a.*", "a.b"),
            ("b.c", "a.>"),
        ] {
            assert!(!subject_within(inner, outer), "{inner} not in {outer}");
        }
    }
}
