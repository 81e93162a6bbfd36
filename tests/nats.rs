//! NATS decentralized auth: a real nats-server in operator mode with the rendered resolver, real
//! clients (nats-py) with the .creds files, and the JWTs checked by an independent implementation
//! (the `nkeys` PyPI package with PyNaCl; `pip install nkeys nats-py`).

mod common;

use std::process::Command;

use common::nats::{NatsServer, check_config, connect_creds, connect_creds_tls, round_trip};
use common::*;

struct Operator {
    env: Env,
    port: u16,
}

impl Operator {
    fn new() -> Operator {
        let env = Env::new();
        env.init(&[]);
        env.ok(&[
            "nats",
            "init",
            "--operator",
            "acme",
            "--passphrase-file",
            "pass",
        ]);
        let port = free_port();
        std::fs::write(
            env.path("server.conf"),
            format!("listen: \"127.0.0.1:{port}\"\ninclude \"resolver.conf\"\n"),
        )
        .unwrap();
        Operator { env, port }
    }

    fn unlocked(&self, args: &[&str]) -> String {
        let mut all = args.to_vec();
        all.extend_from_slice(&["--passphrase-file", "pass"]);
        self.env.ok(&all)
    }

    fn resolver(&self) {
        self.env.ok(&["nats", "resolver", "--out", "resolver.conf"]);
        check_config(&self.env.path("server.conf"), &[]);
    }

    /// User NAME of account APP, its credentials in NAME.creds.
    fn user(&self, name: &str) {
        let creds = format!("{name}.creds");
        self.unlocked(&[
            "nats",
            "user",
            "add",
            name,
            "--account",
            "APP",
            "--out",
            &creds,
        ]);
    }

    /// A full resolver keeping the JWTs in ./jwt (what `nats push` updates).
    fn full_resolver(&self) {
        let jwt_dir = self.env.path("jwt");
        let full = jwt_dir.to_str().unwrap();
        self.env
            .ok(&["nats", "resolver", "--out", "resolver.conf", "--full", full]);
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }
}

#[test]
fn a_creds_file_connects_permissions_hold_and_revocation_locks_out() {
    let op = Operator::new();
    op.unlocked(&["nats", "account", "add", "APP", "--signing-key"]);
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "alice",
        "--account",
        "APP",
        "--allow-pub",
        "app.>",
        "--allow-sub",
        "app.>",
        "--allow-sub",
        "_INBOX.>",
        "--out",
        "alice.creds",
    ]);
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "bob",
        "--account",
        "APP",
        "--out",
        "bob.creds",
    ]);
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(op.env.path("alice.creds"))
            .unwrap()
            .permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    op.resolver();
    let server = NatsServer::start(&op.env.path("server.conf"), op.port, &[]);
    {
        let alice = connect_creds(&op.url(), &op.env.path("alice.creds")).expect("alice connects");
        round_trip(&alice, "app.hello").expect("alice round-trips");
        assert!(
            round_trip(&alice, "other.subject").is_err(),
            "alice published outside app.>"
        );
        let bob = connect_creds(&op.url(), &op.env.path("bob.creds")).expect("bob connects");
        round_trip(&bob, "anything.at.all").expect("bob has no restrictions");
        connect_creds(&op.url(), &op.env.path("sys.creds")).expect("the system user connects");
    }

    op.unlocked(&["nats", "user", "revoke", "alice", "--account", "APP"]);
    op.resolver();
    server.reload();
    {
        assert!(
            connect_creds(&op.url(), &op.env.path("alice.creds")).is_err(),
            "revoked alice connected"
        );
        let bob = connect_creds(&op.url(), &op.env.path("bob.creds")).expect("bob still connects");
        round_trip(&bob, "still.here").expect("bob still round-trips");
    }
    let log = op.env.ok(&["audit", "log"]);
    assert!(log.contains("nats.user.revoke"), "{log}");
}

#[test]
fn an_independent_implementation_accepts_every_jwt_and_seed() {
    let op = Operator::new();
    op.unlocked(&[
        "nats",
        "account",
        "add",
        "APP",
        "--signing-key",
        "--max-conn",
        "10",
        "--jetstream",
    ]);
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "alice",
        "--account",
        "APP",
        "--expires",
        "30d",
        "--out",
        "alice.creds",
    ]);
    let describe = |name: &str| -> serde_json::Value {
        serde_json::from_str(&op.env.ok(&["--json", "nats", "describe", name])).unwrap()
    };
    let operator = describe("acme");
    let account = describe("APP");
    assert_eq!(account["nats"]["limits"]["conn"], 10);
    assert_eq!(account["nats"]["limits"]["subs"], -1);
    assert_eq!(account["nats"]["limits"]["disk_storage"], -1);
    let user = describe("APP/alice");
    assert!(user["exp"].as_i64().unwrap() > user["iat"].as_i64().unwrap() + 29 * 86400);

    // Hand the raw tokens and the creds file to Python: nkeys decodes keys and seeds, PyNaCl checks
    // each Ed25519 signature, and the chain operator -> account (signing key) -> user must hold.
    let resolver_text = {
        op.env.ok(&["nats", "resolver", "--out", "resolver.conf"]);
        std::fs::read_to_string(op.env.path("resolver.conf")).unwrap()
    };
    let script = r#"
import base64, json, re, sys
import nkeys, nacl.signing

def b64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

def public_raw(key):
    raw = base64.b32decode(key + "=" * (-len(key) % 8))
    body, crc = raw[:-2], raw[-2:]
    assert nkeys.crc16_checksum(body) == crc, "bad checksum in " + key
    return body[1:]

def verify(token):
    head, payload, sig = token.split(".")
    assert json.loads(b64(head)) == {"typ": "JWT", "alg": "ed25519-nkey"}
    claims = json.loads(b64(payload))
    nacl.signing.VerifyKey(public_raw(claims["iss"])).verify((head + "." + payload).encode(), b64(sig))
    assert claims["nats"]["version"] == 2 and claims["jti"] and claims["iat"]
    return claims

resolver, creds = sys.stdin.read().split("\n=====\n")
operator = verify(re.search(r'^operator: "([^"]+)"', resolver, re.M).group(1))
assert operator["iss"] == operator["sub"] and operator["nats"]["type"] == "operator"
accounts = {}
for pub, token in re.findall(r'^  "(A[A-Z0-9]+)": "([^"]+)"', resolver, re.M):
    claims = verify(token)
    assert claims["iss"] == operator["sub"] and claims["sub"] == pub
    accounts[claims["name"]] = claims
assert operator["nats"]["system_account"] == accounts["SYS"]["sub"]
user_jwt = re.search(r"-----BEGIN NATS USER JWT-----\n(.+)\n", creds).group(1)
seed = re.search(r"-----BEGIN USER NKEY SEED-----\n(.+)\n", creds).group(1)
user = verify(user_jwt)
app = accounts["APP"]
assert user["iss"] in app["nats"]["signing_keys"], "user not signed by the account's signing key"
assert user["nats"]["issuer_account"] == app["sub"]
assert nkeys.from_seed(seed.encode()).public_key.decode() == user["sub"], "seed does not match the JWT"
print("ok", len(accounts))
"#;
    let creds = std::fs::read_to_string(op.env.path("alice.creds")).unwrap();
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python3 is installed");
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{resolver_text}\n=====\n{creds}").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success() && String::from_utf8_lossy(&out.stdout).starts_with("ok 2"),
        "independent check failed (pip install nkeys):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(operator["sub"], account["iss"]);
}

#[test]
fn seeds_are_sealed_and_bad_input_changes_nothing() {
    let op = Operator::new();
    op.unlocked(&["nats", "account", "add", "APP"]);
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "alice",
        "--account",
        "APP",
        "--out",
        "alice.creds",
    ]);
    for entry in walk_files(&op.env.store().join("nats")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        for prefix in ["SO", "SA", "SU"] {
            assert!(
                !text
                    .lines()
                    .any(|l| l.trim().starts_with(prefix) && l.trim().len() == 58),
                "{} holds a plaintext seed",
                entry.display()
            );
        }
    }
    let cases: &[(&[&str], i32, &str)] = &[
        (&["nats", "account", "add", "APP"], 1, "already exists"),
        (
            &[
                "nats",
                "user",
                "add",
                "x",
                "--account",
                "NOPE",
                "--out",
                "x.creds",
            ],
            2,
            "no NATS account",
        ),
        (
            &[
                "nats",
                "user",
                "add",
                "alice",
                "--account",
                "APP",
                "--out",
                "a2.creds",
            ],
            1,
            "already exists",
        ),
        (
            &[
                "nats",
                "user",
                "add",
                "y",
                "--account",
                "APP",
                "--allow-pub",
                "a..b",
                "--out",
                "y.creds",
            ],
            2,
            "not a valid subject",
        ),
        (
            &[
                "nats",
                "user",
                "add",
                "y",
                "--account",
                "APP",
                "--expires",
                "soon",
                "--out",
                "y.creds",
            ],
            2,
            "not a duration",
        ),
        (
            &[
                "nats",
                "init",
                "--operator",
                "again",
                "--sys-creds",
                "s2.creds",
            ],
            1,
            "already has a NATS operator",
        ),
        (
            &["nats", "account", "add", "Z", "--max-conn", "-5"],
            2,
            "must be -1",
        ),
    ];
    assert_refused_unchanged(&op.env, cases, &["--passphrase-file", "pass"]);
    op.unlocked(&["nats", "user", "revoke", "alice", "--account", "APP"]);
    let after = tree(&op.env.store());
    let out = op.env.run(&[
        "nats",
        "user",
        "revoke",
        "alice",
        "--account",
        "APP",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(tree(&op.env.store()), after);
}

fn walk_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk_files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn pushing_to_a_full_resolver_revokes_without_a_restart() {
    let op = Operator::new();
    op.unlocked(&["nats", "account", "add", "APP"]);
    op.user("alice");
    op.user("bob");
    op.full_resolver();
    check_config(&op.env.path("server.conf"), &[]);
    let _server = NatsServer::start(&op.env.path("server.conf"), op.port, &[]);
    connect_creds(&op.url(), &op.env.path("alice.creds")).expect("alice connects");

    // Offline: revoke and export the public JWTs. Online: push them as the system user.
    op.unlocked(&["nats", "user", "revoke", "alice", "--account", "APP"]);
    op.env.ok(&["nats", "export", "--out", "exported"]);
    let pushed = op.env.ok(&[
        "nats",
        "push",
        "--server",
        &op.url(),
        "--creds",
        "sys.creds",
        "--from",
        "exported",
    ]);
    assert!(pushed.contains("APP"), "{pushed}");
    {
        assert!(
            connect_creds(&op.url(), &op.env.path("alice.creds")).is_err(),
            "alice still connects after the push"
        );
        let bob = connect_creds(&op.url(), &op.env.path("bob.creds")).expect("bob connects");
        round_trip(&bob, "x.y").expect("bob round-trips");
    }

    // A tampered JWT is refused before anything is sent; a wrong server is a clear failure.
    let jwt = std::fs::read_to_string(op.env.path("exported/APP.jwt")).unwrap();
    std::fs::create_dir(op.env.path("bad")).unwrap();
    std::fs::write(op.env.path("bad/APP.jwt"), jwt.replacen('.', ".e", 1)).unwrap();
    let out = op.env.run(&[
        "nats",
        "push",
        "--server",
        &op.url(),
        "--creds",
        "sys.creds",
        "--from",
        "bad",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = op.env.run(&[
        "nats",
        "push",
        "--server",
        &format!("nats://127.0.0.1:{}", free_port()),
        "--creds",
        "sys.creds",
        "--from",
        "exported",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot connect"), "{}", stderr(&out));
}

#[test]
fn a_batch_of_users_is_minted_in_one_command() {
    let op = Operator::new();
    op.unlocked(&["nats", "account", "add", "APP", "--signing-key"]);
    let names: Vec<String> = (0..50).map(|i| format!("svc{i:03}")).collect();
    std::fs::write(op.env.path("users.txt"), names.join("\n") + "\n").unwrap();
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "--from",
        "users.txt",
        "--account",
        "APP",
        "--out",
        "creds",
    ]);
    assert_eq!(std::fs::read_dir(op.env.path("creds")).unwrap().count(), 50);
    // The batch shares one sealed seed file; describe still finds each user.
    let user: serde_json::Value =
        serde_json::from_str(&op.env.ok(&["--json", "nats", "describe", "APP/svc049"])).unwrap();
    assert_eq!(user["name"], "svc049");
    op.resolver();
    let _server = NatsServer::start(&op.env.path("server.conf"), op.port, &[]);
    for name in ["svc000", "svc049"] {
        let client = connect_creds(&op.url(), &op.env.path(&format!("creds/{name}.creds")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        round_trip(&client, "svc.ping").unwrap();
    }
    // Listing a name twice, or an existing user, mints nothing.
    std::fs::write(op.env.path("again.txt"), "new1\nsvc010\n").unwrap();
    let before = tree(&op.env.store());
    let out = op.env.run(&[
        "nats",
        "user",
        "add",
        "--from",
        "again.txt",
        "--account",
        "APP",
        "--out",
        "c2",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(tree(&op.env.store()), before);
}

#[test]
fn rotating_a_signing_key_reissues_users_and_retires_the_old_key() {
    let op = Operator::new();
    op.unlocked(&["nats", "account", "add", "APP", "--signing-key"]);
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "alice",
        "--account",
        "APP",
        "--allow-pub",
        "app.>",
        "--allow-sub",
        "app.>",
        "--out",
        "alice.creds",
    ]);
    op.unlocked(&[
        "nats",
        "user",
        "add",
        "mallory",
        "--account",
        "APP",
        "--out",
        "mallory.creds",
    ]);
    op.unlocked(&["nats", "user", "revoke", "mallory", "--account", "APP"]);
    let before: serde_json::Value =
        serde_json::from_str(&op.env.ok(&["--json", "nats", "describe", "APP"])).unwrap();
    let rotated: serde_json::Value = serde_json::from_str(&op.unlocked(&[
        "--json",
        "nats",
        "account",
        "rotate-signing-key",
        "APP",
        "--out",
        "rotated",
    ]))
    .unwrap();
    assert_eq!(
        rotated["users"],
        serde_json::json!(["alice"]),
        "revoked users are not re-issued"
    );
    let after: serde_json::Value =
        serde_json::from_str(&op.env.ok(&["--json", "nats", "describe", "APP"])).unwrap();
    assert_ne!(
        before["nats"]["signing_keys"],
        after["nats"]["signing_keys"]
    );
    let alice: serde_json::Value =
        serde_json::from_str(&op.env.ok(&["--json", "nats", "describe", "APP/alice"])).unwrap();
    assert_eq!(alice["iss"], after["nats"]["signing_keys"][0]);
    assert_eq!(
        alice["nats"]["pub"]["allow"],
        serde_json::json!(["app.>"]),
        "permissions kept"
    );

    op.resolver();
    let _server = NatsServer::start(&op.env.path("server.conf"), op.port, &[]);
    {
        assert!(
            connect_creds(&op.url(), &op.env.path("alice.creds")).is_err(),
            "creds signed by the retired key still work"
        );
        let client =
            connect_creds(&op.url(), &op.env.path("rotated/alice.creds")).expect("new creds work");
        round_trip(&client, "app.rotated").unwrap();
    }
}

/// User names live in an index by hash of the name, so adding users does not fold the account's
/// whole log; an account from before the index is indexed from its log on the next add, and a
/// name taken there (revoked or not) stays taken.
#[test]
fn user_names_are_indexed_and_accounts_from_before_the_index_keep_their_names() {
    let env = Env::new();
    env.init(&[]);
    let unlock = ["--passphrase-file", "pass"];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(unlock);
        env.run(&all)
    };
    assert!(run(&["nats", "init", "--operator", "OP"]).status.success());
    assert!(run(&["nats", "account", "add", "APP"]).status.success());
    assert!(
        run(&[
            "nats",
            "user",
            "add",
            "u1",
            "--account",
            "APP",
            "--out",
            "u1.creds"
        ])
        .status
        .success()
    );
    assert!(
        run(&["nats", "user", "revoke", "u1", "--account", "APP"])
            .status
            .success()
    );
    let index = env.store().join("nats/users/APP.names");
    assert!(index.join("v1").exists());
    // As a store from before the index: only the log knows u1.
    std::fs::remove_dir_all(&index).unwrap();
    sign_as_upgraded(&env);
    let before = tree(&env.store());
    let out = run(&[
        "nats",
        "user",
        "add",
        "u1",
        "--account",
        "APP",
        "--out",
        "again.creds",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        tree(&env.store()),
        before,
        "a refused add changed the store"
    );
    assert!(
        run(&[
            "nats",
            "user",
            "add",
            "u2",
            "--account",
            "APP",
            "--out",
            "u2.creds"
        ])
        .status
        .success()
    );
    assert!(
        index.join("v1").exists(),
        "the next add indexed the account"
    );
    let out = run(&[
        "nats",
        "user",
        "add",
        "u1",
        "--account",
        "APP",
        "--out",
        "again.creds",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

#[test]
fn pushing_over_tls_checks_the_servers_certificate() {
    let op = Operator::new();
    op.unlocked(&["nats", "account", "add", "APP"]);
    op.user("alice");
    op.full_resolver();
    op.unlocked(&[
        "cert",
        "issue",
        "nats1",
        "--profile",
        "hub",
        "--dns",
        "nats1.example.com",
        "--ip",
        "127.0.0.1",
        "--out",
        "tls",
    ]);
    let (crt, key) = (op.env.path("tls/nats1.crt"), op.env.path("tls/nats1.key"));
    std::fs::write(
        op.env.path("server.conf"),
        format!(
            "listen: \"127.0.0.1:{}\"\ntls {{ cert_file: {crt:?}, key_file: {key:?} }}\ninclude \"resolver.conf\"\n",
            op.port
        ),
    )
    .unwrap();
    check_config(&op.env.path("server.conf"), &[]);
    let _server = NatsServer::start(&op.env.path("server.conf"), op.port, &[]);
    let tls_url = format!("tls://127.0.0.1:{}", op.port);
    let ca = op.env.path("tls/ca.crt");
    let connects = |url: &str| {
        let client = connect_creds_tls(url, &op.env.path("alice.creds"), &ca)?;
        round_trip(&client, "x.y")
    };
    connects(&tls_url).expect("alice connects over TLS");

    op.unlocked(&["nats", "user", "revoke", "alice", "--account", "APP"]);
    op.env.ok(&["nats", "export", "--out", "exported"]);
    let push = |url: &str, ca: Option<&str>| {
        let mut args = vec![
            "nats",
            "push",
            "--server",
            url,
            "--creds",
            "sys.creds",
            "--from",
            "exported",
        ];
        if let Some(ca) = ca {
            args.extend_from_slice(&["--ca", ca]);
        }
        op.env.run(&args)
    };
    // No CA to check the server against, a foreign CA, a name the certificate does not hold:
    // refused before the JWT is sent.
    let out = push(&tls_url, None);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--ca"), "{}", stderr(&out));
    let foreign = op.env.path("foreign");
    let made = Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
        ])
        .args(["-subj", "/CN=foreign", "-days", "1", "-keyout"])
        .arg(foreign.with_extension("key"))
        .arg("-out")
        .arg(foreign.with_extension("crt"))
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let out = push(&tls_url, Some("foreign.crt"));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("TLS handshake"), "{}", stderr(&out));
    let out = push(&format!("tls://localhost:{}", op.port), Some("tls/ca.crt"));
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("TLS handshake"), "{}", stderr(&out));
    connects(&tls_url).expect("nothing was pushed yet: alice still connects");

    // The server asks for TLS even on a nats:// URL; with the right CA the push applies.
    let out = push(&op.url(), Some("tls/ca.crt"));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("APP"), "{said}");
    let refused = connects(&tls_url).expect_err("alice is revoked after the push");
    assert!(refused.to_lowercase().contains("authoriz"), "{refused}");
}
