//! Rendering nats-server configuration from `templates/nats/*.j2` (minijinja). Output depends on
//! the store's state alone: users sorted, no timestamps, so an unchanged store renders the same
//! bytes and nothing is ever re-hashed.

use std::path::{Path, PathBuf};

use minijinja::{Environment, Value, context};
use serde::Serialize;

use super::{Edge, Hub, Members, SYSTEM_ACCOUNT, SystemUser};
use crate::error::{Error, Result};

const BUILTIN: &[(&str, &str)] = &[
    (
        "hub.conf.j2",
        include_str!("../../templates/nats/hub.conf.j2"),
    ),
    (
        "auth.conf.j2",
        include_str!("../../templates/nats/auth.conf.j2"),
    ),
    (
        "leafnodes.conf.j2",
        include_str!("../../templates/nats/leafnodes.conf.j2"),
    ),
    (
        "cluster.conf.j2",
        include_str!("../../templates/nats/cluster.conf.j2"),
    ),
    (
        "jetstream.conf.j2",
        include_str!("../../templates/nats/jetstream.conf.j2"),
    ),
    (
        "edge.conf.j2",
        include_str!("../../templates/nats/edge.conf.j2"),
    ),
];

/// TLS 1.2 suites the hub offers: forward-secret AEAD only (TLS 1.3 suites are not configurable).
const CIPHER_SUITES: &[&str] = &[
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
];

/// The templates: the built-in ones, each replaceable by a file of the same name in `overrides`.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    pub fn load(overrides: &[PathBuf]) -> Result<Templates> {
        let mut env = Environment::new();
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .keep_trailing_newline(true)
                .build()
                .map_err(|e| Error::InvalidInput(format!("template syntax: {e}")))?,
        );
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.add_filter("q", quote);
        for (name, builtin) in BUILTIN {
            let mut source = builtin.to_string();
            for dir in overrides {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    // An override is written by hand: unreadable or not UTF-8 is bad input.
                    source = std::fs::read_to_string(&candidate).map_err(|e| {
                        Error::InvalidInput(format!(
                            "cannot read template {}: {e}",
                            candidate.display()
                        ))
                    })?;
                }
            }
            env.add_template_owned(name.to_string(), source)
                .map_err(|e| Error::InvalidInput(format!("template {name}: {e}")))?;
        }
        Ok(Templates { env })
    }

    /// The templates a store renders with: the built-in ones, overridden by the store's
    /// `templates/nats/`, overridden in turn by `explicit` (`hub render --templates DIR`).
    pub fn for_store(store_root: &Path, explicit: Option<&Path>) -> Result<Templates> {
        let mut dirs = vec![store_root.join("templates").join("nats")];
        if let Some(dir) = explicit {
            if !dir.is_dir() {
                return Err(Error::InvalidInput(format!(
                    "--templates {} is not a directory",
                    dir.display()
                )));
            }
            dirs.push(dir.to_path_buf());
        }
        Templates::load(&dirs)
    }

    fn render(&self, name: &str, ctx: &Value) -> Result<String> {
        self.env
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| Error::InvalidInput(format!("template {name}: {e:#}")))
    }
}

/// A string as a double-quoted nats-server config string (JSON escaping is a subset it reads).
fn quote(value: Value) -> String {
    match value.as_str() {
        Some(s) => serde_json::to_string(s).expect("strings serialize"),
        None => serde_json::to_string(&value.to_string()).expect("strings serialize"),
    }
}

#[derive(Serialize)]
struct UserCtx {
    user: String,
    password: Option<String>,
    permissions: Option<PermCtx>,
    connection_types: Vec<String>,
}

#[derive(Serialize)]
struct PermCtx {
    publish: DirCtx,
    subscribe: DirCtx,
}

#[derive(Serialize)]
struct DirCtx {
    allow: Vec<String>,
    deny: Vec<String>,
}

#[derive(Serialize)]
struct AccountCtx {
    name: String,
    users: Vec<UserCtx>,
    jetstream: bool,
    limits: Option<super::AccountLimits>,
}

#[derive(Serialize)]
struct EdgeCtx<'a> {
    name: &'a str,
    password: &'a str,
    account: &'a str,
}

/// Paths as nats-server will see them on the hub host.
fn file_paths(base: &str, cert: &str, key: &str) -> Value {
    let join = |f: &str| format!("{}/{f}", base.trim_end_matches('/'));
    context! {
        cert => join(cert),
        key => join(key),
        ca => join("ca.crt"),
        pid => join(PID_FILE),
    }
}

/// Where the hub's nats-server writes its PID (in the deploy directory): `hub reload` reads it.
pub const PID_FILE: &str = "nats-server.pid";

/// The directory the rendered files will live in on the hub (absolute).
pub fn deploy_base(hub: &Hub, render_dir: &Path) -> Result<String> {
    if let Some(d) = &hub.deploy_dir {
        return Ok(d.clone());
    }
    let abs = std::path::absolute(render_dir).map_err(|e| Error::io(render_dir, e))?;
    Ok(abs.display().to_string())
}

pub fn hub_cert_file(hub: &Hub) -> String {
    format!("{}.crt", hub.name)
}

pub fn hub_key_file(hub: &Hub) -> String {
    format!("{}.key", hub.name)
}

/// Renders the hub's configuration: (file name, contents) for every file, main file first.
/// `admitted` is who the config lets in (members with a current certificate, and the system
/// user when it has one); deciding that is the caller's job. `cluster` is the cluster's name
/// (every hub's must match), its route URLs with their credentials (see
/// [`super::route_urls`]) and the route password they carry, if the store has it.
pub fn render_hub(
    templates: &Templates,
    hub: &Hub,
    admitted: (&Members, Option<&SystemUser>),
    base: &str,
    cluster: (&str, &[String], Option<&str>),
) -> Result<Vec<(String, String)>> {
    let ctx = hub_context(hub, admitted, base, cluster);
    let mut names = vec!["hub.conf", "auth.conf", "leafnodes.conf"];
    if hub.cluster_port.is_some() {
        names.push("cluster.conf");
    }
    if hub.jetstream {
        names.push("jetstream.conf");
    }
    names
        .into_iter()
        .map(|name| {
            Ok((
                name.to_owned(),
                templates.render(&format!("{name}.j2"), &ctx)?,
            ))
        })
        .collect()
}

/// Every account that has members or limits, plus the default one, sorted by name; then SYS.
fn accounts(hub: &Hub, members: &Members, system: Option<&SystemUser>) -> Vec<AccountCtx> {
    let mut accounts: std::collections::BTreeMap<String, AccountCtx> = Default::default();
    let names = std::iter::once(super::DEFAULT_ACCOUNT)
        .chain(members.edges.values().map(|e| e.account.as_str()))
        .chain(members.devs.values().map(|d| d.account.as_str()))
        .chain(hub.account_limits.keys().map(String::as_str));
    for name in names {
        accounts
            .entry(name.to_owned())
            .or_insert_with(|| AccountCtx {
                name: name.to_owned(),
                users: Vec::new(),
                jetstream: hub.jetstream,
                limits: hub
                    .account_limits
                    .get(name)
                    .filter(|l| !l.is_empty())
                    .cloned(),
            });
    }
    for dev in members.devs.values() {
        accounts
            .get_mut(&dev.account)
            .expect("every dev account added above")
            .users
            .push(dev_user(hub, dev));
    }
    // Edges authenticate on the leafnode port as users of their account, allowed nothing but a
    // leafnode connection. Kept here rather than in `leafnodes { authorization }`, which
    // nats-server 2.9 cannot reload: adding or removing an edge then applies on a reload.
    for edge in members.edges.values() {
        accounts
            .get_mut(&edge.account)
            .expect("every edge account added above")
            .users
            .push(UserCtx {
                user: edge.name.clone(),
                password: Some(edge.password_hash.clone()),
                permissions: None,
                connection_types: vec!["LEAFNODE".into()],
            });
    }
    let mut accounts: Vec<AccountCtx> = accounts.into_values().collect();
    accounts.push(AccountCtx {
        name: SYSTEM_ACCOUNT.into(),
        users: vec![UserCtx {
            // By certificate and password in every mode; a hub from before the system user had
            // a certificate keeps its password-only user.
            user: system.map_or_else(|| "system".to_owned(), |s| s.dn.clone()),
            password: Some(hub.system_password_hash.clone()),
            permissions: None,
            connection_types: Vec::new(),
        }],
        jetstream: false,
        limits: None,
    });
    accounts
}

/// A developer as a config user: the certificate's subject (verify_and_map), and in password
/// mode its bcrypt hash, which nats-server then checks for the user the certificate selected.
fn dev_user(hub: &Hub, dev: &super::Dev) -> UserCtx {
    let p = &dev.permissions;
    let password_mode = hub.tls_mode == super::TlsMode::Password;
    UserCtx {
        user: dev.dn.clone(),
        password: password_mode.then(|| dev.password_hash.clone()),
        permissions: (!p.is_empty()).then(|| PermCtx {
            publish: DirCtx {
                allow: p.publish_allow.clone(),
                deny: p.publish_deny.clone(),
            },
            subscribe: DirCtx {
                allow: p.subscribe_allow.clone(),
                deny: p.subscribe_deny.clone(),
            },
        }),
        connection_types: dev.connection_types.clone(),
    }
}

/// What the templates see.
fn hub_context(
    hub: &Hub,
    (members, system): (&Members, Option<&SystemUser>),
    base: &str,
    (cluster_name, routes, route_password): (&str, &[String], Option<&str>),
) -> Value {
    let edges: Vec<EdgeCtx<'_>> = members
        .edges
        .values()
        .map(|e: &Edge| EdgeCtx {
            name: &e.name,
            password: &e.password_hash,
            account: &e.account,
        })
        .collect();
    let client_pins: Vec<&str> = members
        .devs
        .values()
        .map(|d| d.spki_sha256.as_str())
        .chain(system.map(|s| s.spki_sha256.as_str()))
        .collect();
    let edge_pins: Vec<&str> = members
        .edges
        .values()
        .map(|e| e.spki_sha256.as_str())
        .collect();
    // The password in clear, not its hash: nats-server dials the routes it learns from its
    // peers (implicit routes) with its own cluster authorization password, so a hash there is
    // refused and the cluster churns. The route URLs in the same file carry it in clear anyway.
    let cluster = match (hub.cluster_port, &hub.route_password_hash) {
        (Some(port), Some(hash)) => Some(context! {
            name => cluster_name,
            listen => format!("{}:{port}", hub.listen_host),
            password => route_password.unwrap_or(hash),
            routes => ser(routes),
        }),
        _ => None,
    };
    context! {
        hub => context! {
            name => hub.name.clone(),
            listen => format!("{}:{}", hub.listen_host, hub.port),
            leaf_listen => format!("{}:{}", hub.listen_host, hub.leaf_port),
            tls_mode => hub.tls_mode.name(),
        },
        limits => ser(&hub.limits),
        files => file_paths(base, &hub_cert_file(hub), &hub_key_file(hub)),
        cipher_suites => ser(CIPHER_SUITES),
        client_pins => ser(&client_pins),
        edge_pins => ser(&edge_pins),
        accounts => ser(accounts(hub, members, system)),
        system_account => SYSTEM_ACCOUNT,
        edges => ser(&edges),
        cluster,
        monitor => hub.monitor.as_ref().map(|m| context! {
            option => if m.is_loopback() { "http" } else { "https" },
            listen => format!("{}:{}", m.host, m.port),
        }),
        jetstream => hub.jetstream.then(|| context! {
            store_dir => format!("{}/jetstream", base.trim_end_matches('/')),
        }),
    }
}

/// Renders an edge's own nats-server configuration (it holds the edge's plaintext password).
pub fn render_edge(
    templates: &Templates,
    name: &str,
    listen: &str,
    remote_url: &str,
    base: &str,
) -> Result<String> {
    let ctx = context! {
        edge => context! { name, listen, remote_url },
        files => file_paths(base, &format!("{name}.crt"), &format!("{name}.key")),
    };
    templates.render("edge.conf.j2", &ctx)
}

fn ser<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
