//! `credctl nats ...`: operator, accounts and users, offline.

use nkeys::KeyPair;

use super::args::{
    GlobalArgs, NatsAccountAddArgs, NatsAccountCommand, NatsCommand, NatsUserAddArgs,
    NatsUserCommand,
};
use super::output::Output;
use super::unlock::unlock_source;
use crate::audit::Event;
use crate::error::{Error, Result};
use crate::nats::jwt::Permission;
use crate::nats::{self, AccountRecord, OperatorRecord, UserRecord, UserSpec};
use crate::store::{Change, fsio};
use crate::x509::ca::now;

pub fn run(global: &GlobalArgs, cmd: &NatsCommand, out: Output) -> Result<()> {
    match cmd {
        NatsCommand::Init {
            operator,
            sys_creds,
        } => init(global, operator, sys_creds, out),
        NatsCommand::Account(NatsAccountCommand::Add(args)) => account_add(global, args, out),
        NatsCommand::Account(NatsAccountCommand::RotateSigningKey { name, out: dir }) => {
            rotate_signing_key(global, name, dir, out)
        }
        NatsCommand::User(NatsUserCommand::Add(args)) => user_add(global, args, out),
        NatsCommand::User(NatsUserCommand::Revoke { name, account }) => {
            user_revoke(global, name, account, out)
        }
        NatsCommand::Resolver { out: file, full } => resolver(global, file, full.as_deref(), out),
        NatsCommand::Export { out: dir } => export(global, dir, out),
        NatsCommand::Push(args) => push(global, args, out),
        NatsCommand::Describe { name } => describe(global, name, out),
    }
}

fn check_entity_name(name: &str) -> Result<()> {
    crate::x509::issue::check_name(name)
}

fn init(global: &GlobalArgs, name: &str, sys_creds: &std::path::Path, out: Output) -> Result<()> {
    check_entity_name(name)?;
    fsio::ensure_absent(sys_creds)?;
    let mut store = super::open_store(global, out)?;
    if nats::operator_exists(&store) {
        return Err(Error::Conflict(
            "this store already has a NATS operator".into(),
        ));
    }
    // Creating keys needs no unlock: their seeds are sealed to the store's public recipient.
    let now = now().unix_timestamp();
    let operator = KeyPair::new_operator();
    let system = KeyPair::new_account();
    let sys_user = KeyPair::new_user();
    let mut account = AccountRecord {
        name: nats::SYSTEM_ACCOUNT.into(),
        public: system.public_key(),
        limits: nats::unlimited(false),
        signing_key: None,
        revocations: Default::default(),
        jwt: String::new(),
    };
    account.jwt = nats::sign_account(&operator, &account, now)?;
    let op_record = OperatorRecord {
        name: name.to_owned(),
        public: operator.public_key(),
        system_account: system.public_key(),
        jwt: nats::sign_operator(&operator, name, &system.public_key(), now)?,
    };
    let spec = UserSpec {
        name: "sys".into(),
        publish: Permission::default(),
        subscribe: Permission::default(),
        expires: None,
        bearer: false,
        connection_types: Vec::new(),
    };
    let user = UserRecord {
        name: "sys".into(),
        account: nats::SYSTEM_ACCOUNT.into(),
        public: sys_user.public_key(),
        issued_at: now,
        expires: None,
        revoked_at: None,
        seeds: String::new(),
        jwt: nats::sign_user(
            &system,
            &system.public_key(),
            &sys_user.public_key(),
            &spec,
            now,
        )?,
    };

    let mut change = Change::default();
    nats::write_json(&mut change, nats::OPERATOR_FILE.into(), &op_record);
    change.write_private(nats::OPERATOR_SEED, nats::seal_seed(&store, &operator)?);
    nats::write_json(&mut change, nats::account_file(&account.name), &account);
    change.write_private(
        nats::account_seed(&account.name),
        nats::seal_seed(&store, &system)?,
    );
    let seed = zeroize::Zeroizing::new(sys_user.seed().map_err(|e| Error::Crypto(e.to_string()))?);
    let mut users = [(user, seed)];
    nats::record_new_users(&store, &mut change, nats::SYSTEM_ACCOUNT, &mut users)?;
    let [(user, seed)] = users;
    change.record(Event::new("nats.operator.create", name).fingerprint(&op_record.public));
    change.record(
        Event::new("nats.account.create", nats::SYSTEM_ACCOUNT).fingerprint(&account.public),
    );
    change.record(Event::new("nats.user.create", "SYS/sys").fingerprint(&user.public));
    let creds = nats::jwt::creds(&user.jwt, &seed);
    store.commit(change)?;
    fsio::write_atomic_new(sys_creds, creds.as_bytes(), fsio::PRIVATE_FILE)?;
    out.report(
        &serde_json::json!({
            "operator": op_record.public,
            "system_account": account.public,
            "sys_creds": sys_creds,
        }),
        &format!(
            "operator {name} ({})\nsystem account SYS ({})\nsystem user credentials: {} (0600)",
            op_record.public,
            account.public,
            sys_creds.display()
        ),
    );
    Ok(())
}

fn account_add(global: &GlobalArgs, args: &NatsAccountAddArgs, out: Output) -> Result<()> {
    check_entity_name(&args.name)?;
    for (flag, value) in [
        ("--max-conn", args.max_conn),
        ("--max-leaf", args.max_leaf),
        ("--max-subs", args.max_subs),
        ("--max-payload", args.max_payload),
        ("--max-data", args.max_data),
    ] {
        if value < -1 {
            return Err(Error::InvalidInput(format!(
                "{flag} must be -1 (unlimited) or more"
            )));
        }
    }
    let mut store = super::open_store(global, out)?;
    let operator_record = nats::load_operator(&store)?;
    if nats::try_load_account(&store, &args.name)?.is_some() {
        return Err(Error::Conflict(format!(
            "NATS account {} already exists",
            args.name
        )));
    }
    let key = store.unlock(&unlock_source(global)?)?;
    let operator = nats::open_seed(&store, &key, nats::OPERATOR_SEED)?;
    if operator.public_key() != operator_record.public {
        return Err(Error::corrupt(
            store.root().join(nats::OPERATOR_SEED),
            "does not match operator.json",
        ));
    }
    let account_key = KeyPair::new_account();
    let signing = args.signing_key.then(KeyPair::new_account);
    let mut limits = nats::unlimited(args.jetstream);
    limits.conn = args.max_conn;
    limits.leaf = args.max_leaf;
    limits.subs = args.max_subs;
    limits.payload = args.max_payload;
    limits.data = args.max_data;
    let mut record = AccountRecord {
        name: args.name.clone(),
        public: account_key.public_key(),
        limits,
        signing_key: signing.as_ref().map(KeyPair::public_key),
        revocations: Default::default(),
        jwt: String::new(),
    };
    record.jwt = nats::sign_account(&operator, &record, now().unix_timestamp())?;
    let mut change = Change::default();
    nats::write_json(&mut change, nats::account_file(&record.name), &record);
    change.write_private(
        nats::account_seed(&record.name),
        nats::seal_seed(&store, &account_key)?,
    );
    if let Some(sk) = &signing {
        change.write_private(
            nats::signing_key_seed(&record.name),
            nats::seal_seed(&store, sk)?,
        );
    }
    change.record(Event::new("nats.account.create", &record.name).fingerprint(&record.public));
    store.commit(change)?;
    out.report(
        &serde_json::json!({ "account": record.name, "public": record.public, "signing_key": record.signing_key }),
        &format!(
            "account {} ({}){}\nrun `credctl nats resolver --out FILE` and reload the servers to publish it",
            record.name,
            record.public,
            record
                .signing_key
                .as_ref()
                .map(|k| format!(", signing key {k}"))
                .unwrap_or_default()
        ),
    );
    Ok(())
}

fn user_add(global: &GlobalArgs, args: &NatsUserAddArgs, out: Output) -> Result<()> {
    let names = match (&args.from, &args.name) {
        (Some(file), _) => super::read_name_list(file, "users")?,
        (None, Some(name)) => vec![name.clone()],
        (None, None) => unreachable!("clap requires NAME or --from"),
    };
    for name in &names {
        check_entity_name(name)?;
    }
    let connection_types = args.access.validate()?;
    let now = now().unix_timestamp();
    let expires = args
        .expires
        .as_deref()
        .map(crate::duration::parse)
        .transpose()?
        .map(|d| now + d.whole_seconds());
    // One user: --out is the .creds file. A batch: --out is a directory of NAME.creds.
    let single = args.from.is_none();
    if single {
        fsio::ensure_absent(&args.out)?;
    }
    let mut store = super::open_store(global, out)?;
    let account = nats::load_account(&store, &args.account)?;
    let existing = nats::load_users(&store, &args.account)?;
    let mut seen = std::collections::HashSet::new();
    for name in &names {
        if existing.contains_key(name) || !seen.insert(name) {
            return Err(Error::Conflict(format!(
                "user {}/{name} already exists",
                args.account
            )));
        }
        if !single {
            fsio::ensure_absent(&args.out.join(format!("{name}.creds")))?;
        }
    }
    let key = store.unlock(&unlock_source(global)?)?;
    let signer = match &account.signing_key {
        Some(_) => nats::open_seed(&store, &key, &nats::signing_key_seed(&account.name))?,
        None => nats::open_seed(&store, &key, &nats::account_seed(&account.name))?,
    };
    let mint = |name: &String| -> Result<(UserRecord, zeroize::Zeroizing<String>)> {
        let user_key = KeyPair::new_user();
        let spec = UserSpec {
            name: name.clone(),
            publish: Permission {
                allow: args.access.allow_pub.clone(),
                deny: args.access.deny_pub.clone(),
            },
            subscribe: Permission {
                allow: args.access.allow_sub.clone(),
                deny: args.access.deny_sub.clone(),
            },
            expires,
            bearer: args.bearer,
            connection_types: connection_types.clone(),
        };
        let record = UserRecord {
            name: name.clone(),
            account: account.name.clone(),
            public: user_key.public_key(),
            issued_at: now,
            expires,
            revoked_at: None,
            seeds: String::new(),
            jwt: nats::sign_user(&signer, &account.public, &user_key.public_key(), &spec, now)?,
        };
        let seed =
            zeroize::Zeroizing::new(user_key.seed().map_err(|e| Error::Crypto(e.to_string()))?);
        Ok((record, seed))
    };
    // Key generation and signing on every core; the order of `names` is kept.
    let mut users = crate::parallel::map(&names, mint)?;
    let mut change = Change::default();
    nats::record_new_users(&store, &mut change, &account.name, &mut users)?;
    let mut batch = fsio::OutputBatch::new(if single {
        args.out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
    } else {
        &args.out
    });
    let mut reports = Vec::with_capacity(users.len());
    for (record, seed) in &users {
        let creds = nats::jwt::creds(&record.jwt, seed);
        let file = if single {
            args.out
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default()
        } else {
            format!("{}.creds", record.name)
        };
        let path = batch.add_new(&file, creds.as_bytes().to_vec(), fsio::PRIVATE_FILE)?;
        change.record(
            Event::new(
                "nats.user.create",
                format!("{}/{}", record.account, record.name),
            )
            .fingerprint(&record.public),
        );
        reports.push(serde_json::json!({
            "user": record.name, "account": record.account, "public": record.public, "creds": path,
        }));
    }
    batch.stage()?;
    store.commit(change)?;
    batch.publish()?;
    let human = if reports.len() == 1 {
        format!(
            "user {}/{} ({})\ncredentials: {} (0600)",
            users[0].0.account,
            users[0].0.name,
            users[0].0.public,
            reports[0]["creds"].as_str().unwrap_or_default()
        )
    } else {
        format!(
            "{} users in account {}; credentials in {}",
            reports.len(),
            account.name,
            args.out.display()
        )
    };
    if single {
        out.report(&reports[0], &human);
    } else {
        out.report(&reports, &human);
    }
    Ok(())
}

fn user_revoke(global: &GlobalArgs, name: &str, account_name: &str, out: Output) -> Result<()> {
    let mut store = super::open_store(global, out)?;
    let mut account = nats::load_account(&store, account_name)?;
    let user = nats::load_user(&store, account_name, name)?
        .ok_or_else(|| Error::NotFound(format!("no user {account_name}/{name}")))?;
    if let Some(at) = user.revoked_at {
        return Err(Error::AlreadyRevoked(format!(
            "user {account_name}/{name} was revoked at {}",
            crate::x509::inspect::rfc3339_unix(at)
        )));
    }
    let key = store.unlock(&unlock_source(global)?)?;
    let operator = nats::open_seed(&store, &key, nats::OPERATOR_SEED)?;
    // A revocation covers JWTs issued at or before its time: never earlier than the user's iat.
    let now = now().unix_timestamp().max(user.issued_at);
    account.revocations.insert(user.public.clone(), now);
    account.jwt = nats::sign_account(&operator, &account, now)?;
    let mut change = Change::default();
    nats::write_json(&mut change, nats::account_file(&account.name), &account);
    nats::record_user_revoke(&mut change, &user.account, &user.public, now);
    change.record(
        Event::new("nats.user.revoke", format!("{account_name}/{name}")).fingerprint(&user.public),
    );
    store.commit(change)?;
    out.report(
        &serde_json::json!({ "revoked": user.public, "account": account.name }),
        &format!(
            "revoked {account_name}/{name} ({}); account JWT re-signed\npublish it: `credctl nats resolver --out FILE` and reload, or `nats push`",
            user.public
        ),
    );
    Ok(())
}

fn resolver(
    global: &GlobalArgs,
    file: &std::path::Path,
    full: Option<&str>,
    out: Output,
) -> Result<()> {
    let store = super::open_store(global, out)?;
    let operator = nats::load_operator(&store)?;
    let accounts = nats::accounts(&store)?;
    let text = nats::resolver_config(&operator, &accounts, full);
    fsio::write_atomic(file, text.as_bytes(), fsio::PUBLIC_FILE)?;
    out.report(
        &serde_json::json!({ "out": file, "accounts": accounts.len() }),
        &format!(
            "wrote {} (operator {}, {} accounts): include it in the server config",
            file.display(),
            operator.name,
            accounts.len()
        ),
    );
    Ok(())
}

fn describe(global: &GlobalArgs, name: &str, out: Output) -> Result<()> {
    let store = super::open_store(global, out)?;
    let operator = nats::load_operator(&store)?;
    let jwt = if name == operator.name {
        operator.jwt
    } else if let Some((account, user)) = name.split_once('/') {
        nats::load_user(&store, account, user)?
            .ok_or_else(|| Error::NotFound(format!("no user {name}")))?
            .jwt
    } else {
        nats::load_account(&store, name)?.jwt
    };
    let claims = nats::jwt::decode(&jwt)?;
    let pretty = serde_json::to_string_pretty(&claims).expect("claims serialize");
    out.report(&claims, &pretty);
    Ok(())
}

fn export(global: &GlobalArgs, dir: &std::path::Path, out: Output) -> Result<()> {
    let store = super::open_store(global, out)?;
    let accounts = nats::accounts(&store)?;
    let mut batch = fsio::OutputBatch::new(dir);
    for account in &accounts {
        batch.add_replace(
            &format!("{}.jwt", account.name),
            format!("{}\n", account.jwt).into_bytes(),
            fsio::PUBLIC_FILE,
        );
    }
    batch.stage()?;
    batch.publish()?;
    out.report(
        &serde_json::json!({ "out": dir, "accounts": accounts.iter().map(|a| &a.name).collect::<Vec<_>>() }),
        &format!("exported {} account JWTs to {}", accounts.len(), dir.display()),
    );
    Ok(())
}

fn push(global: &GlobalArgs, args: &super::args::NatsPushArgs, out: Output) -> Result<()> {
    let jwts: Vec<(String, String)> = match &args.from {
        Some(dir) => {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map_err(|e| Error::io(dir, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "jwt"))
                .collect();
            files.sort();
            files
                .iter()
                .map(|p| {
                    let jwt = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
                    // Refuse anything that is not a well-signed account JWT before sending it.
                    let claims = nats::jwt::decode(&jwt)?;
                    if claims["nats"]["type"] != "account" {
                        return Err(Error::InvalidInput(format!(
                            "{} is not an account JWT",
                            p.display()
                        )));
                    }
                    let name = claims["name"].as_str().unwrap_or_default().to_owned();
                    Ok((name, jwt.trim().to_owned()))
                })
                .collect::<Result<_>>()?
        }
        None => {
            let store = super::open_store(global, out)?;
            nats::accounts(&store)?
                .into_iter()
                .map(|a| (a.name, a.jwt))
                .collect()
        }
    };
    if jwts.is_empty() {
        return Err(Error::InvalidInput("no account JWTs to push".into()));
    }
    let lines = nats::push(&args.server, &args.creds, args.ca.as_deref(), &jwts)?;
    out.report(
        &serde_json::json!({ "server": args.server, "pushed": lines }),
        &lines.join("\n"),
    );
    Ok(())
}

fn rotate_signing_key(
    global: &GlobalArgs,
    name: &str,
    dir: &std::path::Path,
    out: Output,
) -> Result<()> {
    let mut store = super::open_store(global, out)?;
    let mut account = nats::load_account(&store, name)?;
    let now = now().unix_timestamp();
    let users: Vec<UserRecord> = nats::load_users(&store, name)?
        .into_values()
        .filter(|u| u.revoked_at.is_none() && u.expires.is_none_or(|e| e > now))
        .collect();
    for user in &users {
        fsio::ensure_absent(&dir.join(format!("{}.creds", user.name)))?;
    }
    let key = store.unlock(&unlock_source(global)?)?;
    let operator = nats::open_seed(&store, &key, nats::OPERATOR_SEED)?;
    let new_key = KeyPair::new_account();
    let old = account.signing_key.replace(new_key.public_key());
    account.jwt = nats::sign_account(&operator, &account, now)?;

    let mut batch = fsio::OutputBatch::new(dir);
    // Seeds files opened so far (a batch shares one).
    let mut seeds: std::collections::BTreeMap<
        String,
        std::collections::BTreeMap<String, zeroize::Zeroizing<String>>,
    > = Default::default();
    let mut reissued = Vec::with_capacity(users.len());
    for user in users {
        if !seeds.contains_key(&user.seeds) {
            seeds.insert(
                user.seeds.clone(),
                nats::open_seeds(&store, &key, &user.seeds)?,
            );
        }
        let seed = seeds[&user.seeds].get(&user.public).ok_or_else(|| {
            Error::corrupt(
                store.root().join(&user.seeds),
                format!("no seed for {}", user.name),
            )
        })?;
        let mut user = user;
        user.jwt = nats::resign_user(&user.jwt, &new_key, &account.public, now)?;
        user.issued_at = now;
        let creds = nats::jwt::creds(&user.jwt, seed);
        batch.add_new(
            &format!("{}.creds", user.name),
            creds.as_bytes().to_vec(),
            fsio::PRIVATE_FILE,
        )?;
        reissued.push(user);
    }
    let mut change = Change::default();
    nats::write_json(&mut change, nats::account_file(&account.name), &account);
    change.write_private(
        nats::signing_key_seed(&account.name),
        nats::seal_seed(&store, &new_key)?,
    );
    nats::record_reissued_users(&mut change, &account.name, &reissued);
    change.record(
        Event::new("nats.account.rotate-signing-key", &account.name)
            .fingerprint(new_key.public_key())
            .detail(format!(
                "replaces {}; {} users re-signed",
                old.as_deref().unwrap_or("none"),
                reissued.len()
            )),
    );
    batch.stage()?;
    store.commit(change)?;
    batch.publish()?;
    out.report(
        &serde_json::json!({
            "account": account.name,
            "signing_key": new_key.public_key(),
            "replaced": old,
            "users": reissued.iter().map(|u| &u.name).collect::<Vec<_>>(),
        }),
        &format!(
            "account {}: new signing key {}; {} users re-signed, new credentials in {}\npublish the account JWT (resolver or push) and hand out the new .creds: the old ones stop working",
            account.name,
            new_key.public_key(),
            reissued.len(),
            dir.display()
        ),
    );
    Ok(())
}
