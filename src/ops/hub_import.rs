//! `hub import --from auth.conf`: the users of a hand-written (or old script's) nats-server
//! configuration become members of the store, so the next render admits the same people.
//!
//! Every hub mode maps a user from its client certificate (verify_and_map), so a user comes in
//! only with a current developer certificate of the store that is theirs (adopt the old CA's
//! certificates first: `import easy-rsa`). Their bcrypt hashes are kept as they are: credctl
//! never learns those passwords, and the next `rotate passwords` replaces them.

use std::path::PathBuf;

use serde::Serialize;

use super::Session;
use super::hub::stage_members;
use super::hubsync::Cluster;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::hub::conf::{self, ConfUser, LeftOut};
use crate::hub::{self, Dev, Members, Permissions, TlsMode};
use crate::store::{Change, Store};
use crate::x509::registry::{self, NamePointer};

pub struct HubImportRequest {
    pub from: PathBuf,
    /// The account of `authorization { users }` (the server's global account has no name).
    pub account: String,
    pub dry_run: bool,
}

#[derive(Debug, Serialize)]
pub struct ImportedUser {
    pub name: String,
    /// The user as the configuration named it.
    pub user: String,
    pub account: String,
    /// The certificate that admits it.
    pub serial: String,
}

#[derive(Debug, Serialize)]
pub struct HubImportReport {
    pub imported: Vec<ImportedUser>,
    pub left_out: Vec<LeftOut>,
    pub dry_run: bool,
    /// The hub directories re-rendered.
    pub rendered: Vec<PathBuf>,
}

/// The common name a configuration's user stands for: the CN of a DN, or the name itself.
fn common_name(user: &str) -> &str {
    user.split(',')
        .find_map(|rdn| {
            let (key, value) = rdn.trim().split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case("CN")
                .then_some(value.trim())
        })
        .unwrap_or(user)
}

/// A DN's RDNs with their attribute types in upper case, for comparing two spellings of it.
fn dn_key(dn: &str) -> Vec<String> {
    dn.split(',')
        .map(|rdn| match rdn.trim().split_once('=') {
            Some((k, v)) => format!("{}={}", k.trim().to_ascii_uppercase(), v.trim()),
            None => rdn.trim().to_owned(),
        })
        .collect()
}

fn check_permissions(p: &Permissions) -> Result<()> {
    for subject in p
        .publish_allow
        .iter()
        .chain(&p.publish_deny)
        .chain(&p.subscribe_allow)
        .chain(&p.subscribe_deny)
    {
        hub::check_subject(subject)?;
    }
    Ok(())
}

/// Why no current certificate stands for `name`: revoked, or never in the store.
fn no_certificate(store: &Store, name: &str) -> String {
    let latest = registry::Registry::load(store).ok().and_then(|r| {
        r.latest_for_name(name)
            .map(|e| e.status(crate::clock::unix_now()))
    });
    match latest {
        Some(status) => format!("its certificate {name} is {}", status.name()),
        None => format!(
            "no certificate named {name} in the store (adopt the old CA's certificates first: `credctl import easy-rsa`)"
        ),
    }
}

/// The member a configuration user becomes, or why it is left out.
fn plan_user(
    store: &Store,
    members: &Members,
    user: &ConfUser,
    (account, password_mode): (&str, bool),
) -> std::result::Result<Dev, String> {
    let account = user.account.as_deref().unwrap_or(account);
    if account == hub::SYSTEM_ACCOUNT || user.user == hub::ROUTE_USER {
        return Err("the system and route users are credctl's own".into());
    }
    hub::check_account(account).map_err(|e| e.to_string())?;
    let name = common_name(&user.user);
    if members.devs.contains_key(name) || members.edges.contains_key(name) {
        return Err(format!("{name} is already a member of this store"));
    }
    let pointer: NamePointer =
        match registry::name_pointer(store, name).map_err(|e| e.to_string())? {
            Some(pointer) => pointer,
            None => return Err(no_certificate(store, name)),
        };
    if pointer.profile != "dev" {
        return Err(format!(
            "the certificate named {name} is a {} certificate, not a developer's",
            pointer.profile
        ));
    }
    if pointer.not_after <= crate::clock::unix_now() {
        return Err(format!("the certificate named {name} has expired"));
    }
    let subject = pointer.subject.clone().unwrap_or_default();
    if user.user.contains('=') && dn_key(&user.user) != dn_key(&subject) {
        return Err(format!(
            "{} is not the subject of {name}'s current certificate ({subject})",
            user.user
        ));
    }
    check_permissions(&user.permissions).map_err(|e| e.to_string())?;
    let connection_types = user
        .connection_types
        .iter()
        .map(|t| hub::check_connection_type(t))
        .collect::<Result<Vec<_>>>()
        .map_err(|e| e.to_string())?;
    let password_hash = match (password_mode, user.password.starts_with("$2")) {
        (false, _) => String::new(),
        (true, true) => user.password.clone(),
        (true, false) => {
            return Err(
                "its password is not a bcrypt hash: add the user with `credctl dev add` instead"
                    .into(),
            );
        }
    };
    Ok(Dev {
        name: name.to_owned(),
        email: None,
        account: account.to_owned(),
        password_hash,
        // Never set by credctl: the oldest there is, so every rotation takes it.
        password_set_at: 0,
        cert_serial: pointer.serial.clone(),
        spki_sha256: pointer.spki_sha256.clone().unwrap_or_default(),
        dn: subject,
        permissions: user.permissions.clone(),
        connection_types,
        recipient: None,
        service: false,
        password_imported: password_mode,
    })
}

/// Reads the configuration's users, makes members of those the store can admit, and
/// re-renders every hub in one change (nothing with `dry_run`).
pub fn hub_import(session: &mut Session, req: &HubImportRequest) -> Result<HubImportReport> {
    hub::check_account(&req.account)?;
    let text = super::read_input_text(&req.from, "nats-server configuration")?;
    let config = conf::parse(&text).map_err(|e| match e {
        Error::InvalidInput(why) => Error::InvalidInput(format!("{}: {why}", req.from.display())),
        other => other,
    })?;
    let (users, mut left_out) = conf::users(&config);
    let store = session.store();
    let cluster = Cluster::load(store)?;
    let targets = cluster.targets(store)?;
    let mut members = hub::load_members(store)?;
    let password_mode = cluster.first().tls_mode == TlsMode::Password;
    let mut imported = Vec::new();
    for user in &users {
        match plan_user(store, &members, user, (&req.account, password_mode)) {
            Ok(dev) => {
                imported.push(ImportedUser {
                    name: dev.name.clone(),
                    user: user.user.clone(),
                    account: dev.account.clone(),
                    serial: dev.cert_serial.clone(),
                });
                members.devs.insert(dev.name.clone(), dev);
            }
            Err(why) => left_out.push(LeftOut {
                user: user.user.clone(),
                why,
            }),
        }
    }
    if req.dry_run || imported.is_empty() {
        return Ok(HubImportReport {
            imported,
            left_out,
            dry_run: req.dry_run,
            rendered: Vec::new(),
        });
    }
    let mut change = Change::default();
    for user in &imported {
        change.record(
            Event::new("dev.import", &user.name)
                .serial(&user.serial)
                .detail(format!(
                    "account {}, from {}",
                    user.account,
                    req.from.display()
                )),
        );
    }
    change.record(
        Event::new("hub.import", req.from.display().to_string()).detail(format!(
            "{} users imported, {} left out",
            imported.len(),
            left_out.len()
        )),
    );
    let mut lookup = |n: &str| registry::name_pointer(session.store(), n);
    let rendered = stage_members(
        session,
        &mut change,
        (&cluster, &members),
        &mut lookup,
        (&targets, None),
    )?;
    session.commit(change)?;
    Ok(HubImportReport {
        imported,
        left_out,
        dry_run: false,
        rendered,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_names_its_certificate_by_common_name_or_dn() {
        assert_eq!(common_name("CN=alice,OU=dev"), "alice");
        assert_eq!(common_name("ou=dev, cn=bob"), "bob");
        assert_eq!(common_name("carol"), "carol");
        assert_eq!(dn_key("cn=alice, OU=dev"), dn_key("CN=alice,OU=dev"));
        assert_ne!(dn_key("CN=alice,OU=ops"), dn_key("CN=alice,OU=dev"));
    }
}
