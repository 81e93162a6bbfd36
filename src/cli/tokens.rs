//! `credctl token ...`, `credctl apikey ...`, `credctl passwd hash`.

use std::io::{IsTerminal, Read};

use zeroize::Zeroizing;

use super::args::{
    ApikeyCommand, GlobalArgs, MintArgs, PasswdAlgo, PasswdCommand, TokenAlg, TokenCommand,
    TokenKeyCommand, TokenKind, TokenVerifyArgs,
};
use super::output::Output;
use crate::error::{Error, Result};
use crate::ops::tokens::{self as ops, HashAlgo, MintRequest, VerifyRequest};
use crate::tokens::{Alg, Kind};

fn alg(a: TokenAlg) -> Alg {
    match a {
        TokenAlg::Hs256 => Alg::HS256,
        TokenAlg::Rs256 => Alg::RS256,
        TokenAlg::EdDsa => Alg::EdDSA,
    }
}

fn kind(k: TokenKind) -> Kind {
    match k {
        TokenKind::Ephemeral => Kind::Ephemeral,
        TokenKind::Recreate => Kind::Recreate,
        TokenKind::Management => Kind::Management,
    }
}

pub fn token(global: &GlobalArgs, cmd: &TokenCommand, out: Output) -> Result<()> {
    match cmd {
        TokenCommand::Key(cmd) => key(global, cmd, out),
        TokenCommand::Mint(args) => mint(global, args, out),
        TokenCommand::Verify(args) => verify(global, args, out),
        TokenCommand::Register {
            node,
            tenant,
            ttl,
            mac,
        } => {
            let req = ops::RegisterRequest {
                node: node.clone(),
                tenant: tenant.clone(),
                ttl: seconds("--ttl", ttl.as_deref())?,
                mac: mac.clone(),
            };
            let report = ops::register(&mut super::session(global, out)?, &req)?;
            out.notice(&format!(
                "registration token for {} (tenant {}{}), one use, valid until {}",
                report.node,
                report.tenant,
                if report.mac_bound {
                    ", bound to its MAC"
                } else {
                    ""
                },
                report.expires
            ));
            if out.json {
                let doc = serde_json::json!({ "report": report, "token": report.token.as_str() });
                out.report(&doc, "");
            } else {
                out.report(&report, &report.token);
            }
            Ok(())
        }
        TokenCommand::Redeem {
            token,
            tenant,
            mac,
            skew,
        } => {
            let req = ops::RedeemRequest {
                token: secret_arg(token.as_deref(), "token")?,
                tenant: tenant.clone(),
                mac: mac.clone(),
                skew: seconds("--skew", Some(skew))?.map_or(0, |s| u64::try_from(s).unwrap_or(0)),
            };
            let report = ops::redeem(&mut super::session(global, out)?, &req)?;
            out.report(
                &report,
                &format!(
                    "redeemed: node {} of tenant {}{}; the token cannot be used again",
                    report.node,
                    report.tenant,
                    if report.mac_checked {
                        ", MAC checked"
                    } else {
                        ""
                    }
                ),
            );
            Ok(())
        }
        TokenCommand::Jwks { out: None } => {
            let set = ops::jwks(&super::reader(global, out)?)?;
            Output { json: true }.report(&set, "");
            Ok(())
        }
        TokenCommand::Jwks { out: Some(file) } => {
            let path = ops::jwks_to(&mut super::session(global, out)?, file)?;
            out.report(
                &serde_json::json!({ "out": path }),
                &format!("wrote the JWK Set to {}", path.display()),
            );
            Ok(())
        }
    }
}

fn key(global: &GlobalArgs, cmd: &TokenKeyCommand, out: Output) -> Result<()> {
    let report = match cmd {
        TokenKeyCommand::List => {
            let keys = ops::key_list(&super::reader(global, out)?)?;
            let mut human = String::new();
            for k in &keys {
                human.push_str(&format!(
                    "{} ({}{})\n",
                    k.name,
                    k.alg.name(),
                    k.tenant
                        .as_deref()
                        .map(|t| format!(", tenant {t}"))
                        .unwrap_or_default()
                ));
                let current = k.current().map(|c| c.kid.clone());
                for v in &k.versions {
                    let state = match (&v.retired, current.as_deref() == Some(v.kid.as_str())) {
                        (Some(at), _) => format!("retired {at}"),
                        (None, true) => "current".into(),
                        (None, false) => "verifies, in the JWK Set".into(),
                    };
                    human.push_str(&format!("  {}  {}  {state}\n", v.kid, v.created));
                }
            }
            out.report(&keys, human.trim_end());
            return Ok(());
        }
        TokenKeyCommand::Add {
            name,
            alg: a,
            tenant,
            out: file,
        } => ops::key_add(
            &mut super::session(global, out)?,
            name,
            alg(*a),
            tenant.clone(),
            file.as_deref(),
        )?,
        TokenKeyCommand::Rotate { name, out: file } => {
            ops::key_rotate(&mut super::session(global, out)?, name, file.as_deref())?
        }
        TokenKeyCommand::Retire { target } => {
            ops::key_retire(&mut super::session(global, out)?, target)?
        }
    };
    let mut human = format!(
        "{}: {} key, kid {}",
        report.name,
        report.alg.name(),
        report.kid
    );
    if let Some(file) = &report.secret_file {
        human.push_str(&format!(
            "\nsecret handed out once in {} (0600): give it to the verifier, then delete it here",
            file.display()
        ));
    }
    out.report(&report, &human);
    Ok(())
}

/// A duration flag in whole seconds.
fn seconds(flag: &str, text: Option<&str>) -> Result<Option<i64>> {
    text.map(|t| crate::clock::parse_duration_flag(flag, t).map(|d| d.whole_seconds()))
        .transpose()
}

fn mint(global: &GlobalArgs, args: &MintArgs, out: Output) -> Result<()> {
    let subjects = match (&args.from, &args.sub) {
        (Some(file), _) => crate::ops::read_name_list(file, "subjects")?,
        (None, Some(sub)) => vec![sub.clone(); args.count.max(1)],
        (None, None) => unreachable!("clap requires --sub or --from"),
    };
    let ttl = seconds("--ttl", args.ttl.as_deref())?;
    let req = MintRequest {
        key: args.key.clone(),
        kind: kind(args.kind),
        subjects,
        aud: args.aud.clone(),
        ttl,
        tunnel: args.tunnel.clone(),
        out: args.out.clone(),
    };
    let report = ops::mint(&mut super::session(global, out)?, &req)?;
    if out.json {
        out.report(&report, "");
        return Ok(());
    }
    match &report.out {
        Some(file) => out.notice(&format!(
            "wrote {} {} token(s) to {} (0600), kid {}, valid until {}",
            report.count,
            report.kind.name(),
            file.display(),
            report.kid,
            report.expires
        )),
        None => {
            let mut text = Zeroizing::new(String::new());
            for t in &report.tokens {
                text.push_str(t);
                text.push('\n');
            }
            out.report(&report, text.trim_end());
        }
    }
    Ok(())
}

/// A secret argument, or stdin when it is absent or `-` (keeps it off the command line).
fn secret_arg(given: Option<&str>, what: &str) -> Result<Zeroizing<String>> {
    match given {
        Some(text) if text != "-" => Ok(Zeroizing::new(text.to_owned())),
        _ => {
            let mut text = Zeroizing::new(String::new());
            std::io::stdin().read_to_string(&mut text).map_err(|e| {
                Error::InvalidInput(format!("cannot read the {what} from stdin: {e}"))
            })?;
            let first = Zeroizing::new(text.lines().next().unwrap_or("").trim().to_owned());
            if first.is_empty() {
                return Err(Error::InvalidInput(format!("no {what} on stdin")));
            }
            Ok(first)
        }
    }
}

fn verify(global: &GlobalArgs, args: &TokenVerifyArgs, out: Output) -> Result<()> {
    let skew = seconds("--skew", Some(&args.skew))?.unwrap_or(0);
    let req = VerifyRequest {
        token: secret_arg(args.token.as_deref(), "token")?,
        aud: args.aud.clone(),
        kind: args.kind.map(kind),
        skew: u64::try_from(skew).unwrap_or(0),
    };
    let report = ops::verify(&super::reader(global, out)?, &req)?;
    let c = &report.claims;
    out.report(
        &report,
        &format!(
            "valid {} token for {} (audience {}), key {}/{}, expires {}",
            c.kind.name(),
            c.std.sub,
            c.std.aud,
            report.key,
            report.kid,
            crate::clock::rfc3339_unix(c.std.exp)
        ),
    );
    Ok(())
}

pub fn apikey(global: &GlobalArgs, cmd: &ApikeyCommand, out: Output) -> Result<()> {
    match cmd {
        ApikeyCommand::Create { name, scopes } => {
            let report = ops::apikey_create(&mut super::session(global, out)?, name, scopes)?;
            let key = report.key.as_ref().expect("a new key");
            if out.json {
                let doc = serde_json::json!({
                    "name": report.name, "scopes": report.scopes, "hint": report.hint,
                    "key": key.as_str(),
                });
                out.report(&doc, "");
            } else {
                out.notice(&format!(
                    "API key {} created: it is printed once, on stdout; only its Argon2id hash is kept",
                    report.name
                ));
                out.report(&report, key);
            }
        }
        ApikeyCommand::Verify { name, key } => {
            let key = secret_arg(key.as_deref(), "API key")?;
            ops::apikey_verify(&super::reader(global, out)?, name, &key)?;
            out.report(
                &serde_json::json!({ "name": name, "ok": true }),
                &format!("API key {name}: match"),
            );
        }
        ApikeyCommand::Revoke { name } => {
            let report = ops::apikey_revoke(&mut super::session(global, out)?, name)?;
            out.report(&report, &format!("API key {} revoked", report.name));
        }
        ApikeyCommand::List => {
            let keys = ops::apikey_list(&super::reader(global, out)?)?;
            let mut human = String::new();
            for k in &keys {
                human.push_str(&format!(
                    "{}  credctl_ak_{}...  [{}]  created {}{}\n",
                    k.name,
                    k.hint,
                    k.scopes.join(" "),
                    k.created,
                    k.revoked
                        .as_deref()
                        .map(|r| format!(", revoked {r}"))
                        .unwrap_or_default()
                ));
            }
            out.report(&keys, human.trim_end());
        }
    }
    Ok(())
}

pub fn passwd(cmd: &PasswdCommand, out: Output) -> Result<()> {
    let PasswdCommand::Hash { algo } = cmd;
    let password = if std::io::stdin().is_terminal() {
        Zeroizing::new(
            dialoguer::Password::new()
                .with_prompt("Password to hash")
                .with_confirmation("Repeat it", "the passwords do not match")
                .interact()
                .map_err(|e| Error::InvalidInput(format!("cannot read the password: {e}")))?,
        )
    } else {
        // The first line as it is: spaces belong to a password.
        let mut text = Zeroizing::new(String::new());
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            Error::InvalidInput(format!("cannot read the password from stdin: {e}"))
        })?;
        Zeroizing::new(text.lines().next().unwrap_or("").to_owned())
    };
    let algo = match algo {
        PasswdAlgo::Bcrypt => HashAlgo::Bcrypt,
        PasswdAlgo::Argon2id => HashAlgo::Argon2id,
    };
    let hash = ops::hash_password(algo, password.as_bytes())?;
    out.report(&serde_json::json!({ "hash": hash }), &hash);
    Ok(())
}

pub fn hint(err: &Error) -> Option<String> {
    match err {
        Error::VerificationFailed(_) => Some("refused: nothing was changed".into()),
        Error::NotFound(_) => {
            Some("`credctl token key list` and `credctl apikey list` show what exists".into())
        }
        _ => None,
    }
}
