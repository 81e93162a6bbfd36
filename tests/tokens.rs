//! Service tokens and API keys, checked by independent implementations: PyJWT (with the exported
//! JWK Set for RS256 and EdDSA, the handed-out secret for HS256), argon2-cffi for API key hashes,
//! a real nats-server for a bcrypt hash from `passwd hash`.

mod common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::*;

const PASS: &[&str] = &["--passphrase-file", "pass"];

fn with_stdin(env: &Env, args: &[&str], input: &str) -> Output {
    let mut child = env
        .cmd()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn mint(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["token", "mint"];
    all.extend_from_slice(args);
    all.extend_from_slice(PASS);
    env.ok(&all).trim().to_owned()
}

fn python(env: &Env, script: &str, args: &[&str]) -> Output {
    std::fs::write(env.path("check.py"), script).unwrap();
    env.cmd_for("python3")
        .arg("check.py")
        .args(args)
        .output()
        .unwrap()
}

const PYJWT_CHECK: &str = r##"
import json, sys, base64, jwt
jwks, token, alg = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3]
kid = jwt.get_unverified_header(token)["kid"]
if alg == "HS256":
    line = [l for l in open(sys.argv[4]) if not l.startswith("#")][0].strip()
    key = base64.urlsafe_b64decode(line + "=" * (-len(line) % 4))
else:
    key = jwt.PyJWKSet.from_dict(jwks)[kid].key
claims = jwt.decode(token, key, algorithms=[alg], audience="tunnel",
                    options={"require": ["exp", "nbf", "iat", "sub", "jti"]})
assert claims["kind"] == "ephemeral" and claims["sub"] == "agent-7", claims
print("ok", claims["jti"])
"##;

#[test]
fn minted_tokens_verify_with_pyjwt_and_the_jwk_set() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["token", "key", "add", "rs", "--alg", "RS256"]);
    env.ok_unlocked(&[
        "token", "key", "add", "ed", "--alg", "EdDSA", "--tenant", "acme",
    ]);
    env.ok_unlocked(&[
        "token",
        "key",
        "add",
        "hs",
        "--alg",
        "HS256",
        "--out",
        "hs.secret",
    ]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("hs.secret"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        mode & 0o777,
        0o600,
        "the HS256 secret is handed out private"
    );
    env.ok(&["token", "jwks", "--out", "jwks.json"]);
    let jwks: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.path("jwks.json")).unwrap()).unwrap();
    let kinds: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kty"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.len(),
        2,
        "RS256 and EdDSA, never the HS256 secret: {jwks}"
    );
    assert!(
        !std::fs::read_to_string(env.path("jwks.json"))
            .unwrap()
            .contains("\"oct\"")
    );
    for (key, alg) in [("rs", "RS256"), ("ed", "EdDSA"), ("hs", "HS256")] {
        let token = mint(
            &env,
            &["--key", key, "--kind", "ephemeral", "--sub", "agent-7"],
        );
        let out = python(&env, PYJWT_CHECK, &["jwks.json", &token, alg, "hs.secret"]);
        assert!(out.status.success(), "{alg}: {}", stderr(&out));
        // And credctl's own verify agrees, the token read from stdin.
        let out = with_stdin(
            &env,
            &[
                "token",
                "verify",
                "--aud",
                "tunnel",
                "--kind",
                "ephemeral",
                "--passphrase-file",
                "pass",
            ],
            &token,
        );
        assert!(out.status.success(), "{alg}: {}", stderr(&out));
    }
    // No secret in the audit log, and every key change is in it.
    let secret = std::fs::read_to_string(env.path("hs.secret")).unwrap();
    let secret = secret.lines().last().unwrap();
    let log = std::fs::read_to_string(env.store().join("audit.log")).unwrap();
    assert!(!log.contains(secret));
    for action in ["token.key.add", "token.mint"] {
        assert!(log.contains(action), "{action}");
    }
}

const FORGE: &str = r##"
import base64, hashlib, hmac, json, sys, time, jwt
mode, kid = sys.argv[1], sys.argv[2]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
now = int(time.time())
claims = {"iss": "x", "sub": "agent-7", "aud": "tunnel", "iat": now, "nbf": now, "exp": now + 60,
          "jti": "j", "kind": "ephemeral"}
if mode == "future":
    line = [l for l in open("hs.secret") if not l.startswith("#")][0].strip()
    key = base64.urlsafe_b64decode(line + "=" * (-len(line) % 4))
    claims["nbf"] = now + 3600
    print(jwt.encode(claims, key, algorithm="HS256", headers={"kid": kid}))
elif mode == "none":
    head = b64(json.dumps({"alg": "none", "typ": "JWT", "kid": kid}).encode())
    print(head + "." + b64(json.dumps(claims).encode()) + ".")
elif mode == "confused":
    # HS256 with the RSA public key (as a verifier would publish it) as the HMAC secret.
    jwks = json.load(open("jwks.json"))
    pem = jwt.PyJWKSet.from_dict(jwks)[kid].key.public_bytes(
        __import__("cryptography.hazmat.primitives.serialization", fromlist=["x"]).Encoding.PEM,
        __import__("cryptography.hazmat.primitives.serialization", fromlist=["x"]).PublicFormat.SubjectPublicKeyInfo)
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
    body = b64(json.dumps(claims).encode())
    sig = hmac.new(pem, (head + "." + body).encode(), hashlib.sha256).digest()
    print(head + "." + body + "." + b64(sig))
"##;

#[test]
fn verify_refuses_what_it_must_and_names_why() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["token", "key", "add", "rs", "--alg", "RS256"]);
    env.ok_unlocked(&[
        "token",
        "key",
        "add",
        "hs",
        "--alg",
        "HS256",
        "--out",
        "hs.secret",
    ]);
    env.ok(&["token", "jwks", "--out", "jwks.json"]);
    let kid_of = |name: &str| {
        let list: serde_json::Value =
            serde_json::from_str(&env.ok(&["--json", "token", "key", "list"])).unwrap();
        list.as_array()
            .unwrap()
            .iter()
            .find(|k| k["name"] == name)
            .unwrap()["versions"][0]["kid"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let forge = |mode: &str, kid: &str| {
        let out = python(&env, FORGE, &[mode, kid]);
        assert!(out.status.success(), "{mode}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    };
    let short = mint(
        &env,
        &[
            "--key",
            "rs",
            "--kind",
            "ephemeral",
            "--sub",
            "a",
            "--ttl",
            "1s",
        ],
    );
    let management = mint(
        &env,
        &["--key", "rs", "--kind", "management", "--sub", "ops"],
    );
    let good = mint(&env, &["--key", "rs", "--kind", "ephemeral", "--sub", "a"]);
    let mut tampered = good.clone();
    let dot = tampered.find('.').unwrap() + 5;
    let c = tampered.as_bytes()[dot] as char;
    tampered.replace_range(dot..dot + 1, if c == 'A' { "B" } else { "A" });
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (short, vec!["--skew", "1s"], "expired"),
        (forge("future", &kid_of("hs")), vec![], "not valid yet"),
        (
            good.clone(),
            vec!["--aud", "somebody-else"],
            "another audience",
        ),
        (good.clone(), vec!["--kind", "management"], "not management"),
        (management, vec!["--aud", "tunnel"], "another audience"),
        (tampered, vec![], "signature does not verify"),
        (forge("none", &kid_of("rs")), vec![], "not a JWT"),
        (forge("confused", &kid_of("rs")), vec![], "key rs is RS256"),
    ];
    let before = tree(&env.store());
    for (token, extra, reason) in &cases {
        let mut args = vec!["token", "verify"];
        args.extend(extra.iter().copied());
        args.extend_from_slice(PASS);
        let out = with_stdin(&env, &args, token);
        assert_eq!(code(&out), 1, "{reason}: {}", stderr(&out));
        assert!(stderr(&out).contains(reason), "{reason}: {}", stderr(&out));
    }
    assert_eq!(tree(&env.store()), before, "verify changes nothing");

    // Minting outside a kind's rules is refused before anything is signed.
    assert_refused_unchanged(
        &env,
        &[
            (
                &[
                    "token",
                    "mint",
                    "--key",
                    "rs",
                    "--kind",
                    "ephemeral",
                    "--sub",
                    "a",
                    "--ttl",
                    "1h",
                ],
                2,
                "lives at most 15 minutes",
            ),
            (
                &[
                    "token", "mint", "--key", "rs", "--kind", "recreate", "--sub", "a",
                ],
                2,
                "pass --tunnel ID",
            ),
            (
                &[
                    "token",
                    "mint",
                    "--key",
                    "rs",
                    "--kind",
                    "management",
                    "--sub",
                    "a",
                    "--aud",
                    "tunnel",
                ],
                2,
                "never carries the tunnel audience",
            ),
            (
                &["token", "key", "add", "hs2", "--alg", "HS256"],
                2,
                "pass --out FILE",
            ),
            (
                &["token", "key", "add", "rs", "--alg", "RS256"],
                1,
                "exists",
            ),
        ],
        PASS,
    );
    let recreate = mint(
        &env,
        &[
            "--key", "rs", "--kind", "recreate", "--sub", "a", "--tunnel", "t-42",
        ],
    );
    let out = with_stdin(&env, &["token", "verify", "--kind", "recreate"], &recreate);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("recreate"));
}

#[test]
fn a_rotated_key_keeps_verifying_until_retired() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["token", "key", "add", "ed", "--alg", "EdDSA"]);
    let old = mint(&env, &["--key", "ed", "--kind", "ephemeral", "--sub", "a"]);
    env.ok_unlocked(&["token", "key", "rotate", "ed"]);
    let new = mint(&env, &["--key", "ed", "--kind", "ephemeral", "--sub", "a"]);
    let jwks: serde_json::Value = serde_json::from_str(&env.ok(&["token", "jwks"])).unwrap();
    assert_eq!(
        jwks["keys"].as_array().unwrap().len(),
        2,
        "both versions published"
    );
    for token in [&old, &new] {
        assert!(
            with_stdin(&env, &["token", "verify"], token)
                .status
                .success()
        );
    }
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "token", "key", "list"])).unwrap();
    let versions = list[0]["versions"].as_array().unwrap();
    let (old_kid, new_kid) = (
        versions[0]["kid"].as_str().unwrap(),
        versions[1]["kid"].as_str().unwrap(),
    );
    let out = env.run_unlocked(&["token", "key", "retire", &format!("ed/{new_kid}")]);
    assert_eq!(
        code(&out),
        1,
        "the current version cannot be retired: {}",
        stderr(&out)
    );
    env.ok_unlocked(&["token", "key", "retire", &format!("ed/{old_kid}")]);
    let out = with_stdin(&env, &["token", "verify"], &old);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("retired"), "{}", stderr(&out));
    assert!(
        with_stdin(&env, &["token", "verify"], &new)
            .status
            .success()
    );
    let jwks = env.ok(&["token", "jwks"]);
    assert!(!jwks.contains(old_kid) && jwks.contains(new_kid), "{jwks}");
    // Ten thousand in one command.
    env.ok_unlocked(&[
        "token",
        "mint",
        "--key",
        "ed",
        "--kind",
        "ephemeral",
        "--sub",
        "bulk",
        "--count",
        "10000",
        "--out",
        "bulk.txt",
    ]);
    let bulk = std::fs::read_to_string(env.path("bulk.txt")).unwrap();
    assert_eq!(bulk.lines().count(), 10000);
    let distinct: std::collections::HashSet<&str> = bulk.lines().collect();
    assert_eq!(distinct.len(), 10000, "every token has its own jti");
}

const ARGON2_CHECK: &str = r##"
import json, sys
from argon2 import PasswordHasher
record = json.load(open(sys.argv[1]))
phc = record["phc"]
assert phc.startswith("$argon2id$v=19$m=19456,t=2,p=1$"), phc
PasswordHasher().verify(phc, sys.argv[2])
try:
    PasswordHasher().verify(phc, sys.argv[2] + "x")
    raise SystemExit("a wrong key verified")
except Exception as e:
    if isinstance(e, SystemExit): raise
print("ok")
"##;

#[test]
fn api_keys_are_shown_once_hashed_with_argon2id_and_revocable() {
    let env = Env::new();
    env.init(&[]);
    let key = env.ok_unlocked(&[
        "apikey", "create", "billing", "--scope", "read", "--scope", "write",
    ]);
    let key = key.trim().to_owned();
    assert!(key.starts_with("credctl_ak_") && key.len() > 60, "{key}");
    let store_text: String =
        std::fs::read_to_string(env.store().join("tokens/apikeys/billing.json")).unwrap();
    assert!(
        !store_text.contains(&key["credctl_ak_".len()..]),
        "the key itself is not stored"
    );
    let out = python(
        &env,
        ARGON2_CHECK,
        &[
            env.store()
                .join("tokens/apikeys/billing.json")
                .to_str()
                .unwrap(),
            &key,
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    assert!(
        with_stdin(&env, &["apikey", "verify", "billing"], &key)
            .status
            .success()
    );
    let out = with_stdin(&env, &["apikey", "verify", "billing"], &format!("{key}x"));
    assert_eq!(code(&out), 1);
    let list = env.ok(&["apikey", "list"]);
    assert!(
        list.contains("billing") && list.contains("read write") && !list.contains(&key),
        "{list}"
    );
    env.ok_unlocked(&["apikey", "revoke", "billing"]);
    let out = with_stdin(&env, &["apikey", "verify", "billing"], &key);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("revoked"), "{}", stderr(&out));
    let log = std::fs::read_to_string(env.store().join("audit.log")).unwrap();
    assert!(log.contains("apikey.create") && log.contains("apikey.revoke") && !log.contains(&key));
}

#[test]
fn passwd_hash_makes_hashes_other_systems_accept() {
    let env = Env::new();
    let out = with_stdin(
        &env,
        &["passwd", "hash", "--algo", "argon2id"],
        "a password for postgres\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let phc = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    let check = "import sys\nfrom argon2 import PasswordHasher\nPasswordHasher().verify(sys.argv[1], sys.argv[2])\n";
    let out = python(&env, check, &[&phc, "a password for postgres"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // A bcrypt hash a real nats-server accepts for that password, and only that one.
    let out = with_stdin(
        &env,
        &["passwd", "hash", "--algo", "bcrypt"],
        "nats user password\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let hash = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    assert!(hash.starts_with("$2b$12$"), "{hash}");
    let port = free_port();
    let conf = env.path("bcrypt.conf");
    std::fs::write(
        &conf,
        format!("listen: \"127.0.0.1:{port}\"\nauthorization {{ users = [ {{ user: app, password: \"{hash}\" }} ] }}\n"),
    )
    .unwrap();
    let _server = common::nats::NatsServer::start(&conf, port, &[]);
    let url = format!("nats://127.0.0.1:{port}");
    let creds = |password: &str| common::nats::Creds {
        user: Some(("app".into(), password.into())),
        ..Default::default()
    };
    let client =
        common::nats::connect(&url, &creds("nats user password")).expect("the password logs in");
    common::nats::round_trip(&client, "passwd.test").unwrap();
    assert!(common::nats::connect(&url, &creds("another password")).is_err());
    let out = with_stdin(&env, &["passwd", "hash", "--algo", "bcrypt"], "");
    assert_eq!(code(&out), 2);
}

#[test]
fn a_registration_token_is_redeemed_once_for_its_tenant_and_device() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&[
        "token", "key", "add", "acme-reg", "--alg", "EdDSA", "--tenant", "acme",
    ]);
    env.ok_unlocked(&[
        "token", "key", "add", "zeta-reg", "--alg", "EdDSA", "--tenant", "zeta",
    ]);
    let register = |node: &str, tenant: &str, extra: &[&str]| {
        let mut args = vec!["token", "register", "--node", node, "--tenant", tenant];
        args.extend_from_slice(extra);
        args.extend_from_slice(PASS);
        env.ok(&args).trim().to_owned()
    };
    let redeem = |token: &str, extra: &[&str]| {
        let mut args = vec!["token", "redeem"];
        args.extend_from_slice(extra);
        args.extend_from_slice(PASS);
        with_stdin(&env, &args, token)
    };
    let token = register("node-1", "acme", &[]);
    // PyJWT, with the tenant's public key from the JWK Set: 32-byte nonce, the claims.
    env.ok(&["token", "jwks", "--out", "jwks.json"]);
    let check = r##"
import base64, json, sys, jwt
jwks, token = json.load(open("jwks.json")), sys.argv[1]
key = jwt.PyJWKSet.from_dict(jwks)[jwt.get_unverified_header(token)["kid"]].key
c = jwt.decode(token, key, algorithms=["EdDSA"], audience="registration")
assert c["tenant"] == "acme" and c["sub"] == "node-1", c
assert len(base64.urlsafe_b64decode(c["nonce"] + "==")) == 32
print("ok")
"##;
    let out = python(&env, check, &[&token]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = redeem(&token, &["--tenant", "zeta"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("for tenant acme, not zeta"),
        "{}",
        stderr(&out)
    );
    let out = redeem(&token, &["--tenant", "acme"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = redeem(&token, &["--tenant", "acme"]);
    assert_eq!(code(&out), 1, "redeemed twice");
    assert!(
        stderr(&out).contains("redeemed already"),
        "{}",
        stderr(&out)
    );

    // Bound to a device: the MAC must match (the same binding as the certificate extension).
    let bound = register("node-2", "acme", &["--mac", "00:1a:2b:3c:4d:5e"]);
    for (mac, ok) in [
        (None, false),
        (Some("00:1a:2b:3c:4d:5f"), false),
        (Some("00-1A-2B-3C-4D-5E"), true),
    ] {
        let extra: Vec<&str> = mac.map(|m| vec!["--mac", m]).unwrap_or_default();
        let out = redeem(&bound, &extra);
        assert_eq!(out.status.success(), ok, "{mac:?}: {}", stderr(&out));
    }
    // Expired: a 1-second token, after its second and the skew.
    let short = register("node-3", "acme", &["--ttl", "1s"]);
    std::thread::sleep(std::time::Duration::from_millis(3100));
    let out = redeem(&short, &["--skew", "1s"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("expired"), "{}", stderr(&out));
    let out = env.run_unlocked(&["token", "register", "--node", "n", "--tenant", "nobody"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("has no Ed25519 key"),
        "{}",
        stderr(&out)
    );
    let log = env.ok(&["audit", "log"]);
    assert!(
        log.contains("token.register") && log.contains("token.redeem"),
        "{log}"
    );
}
