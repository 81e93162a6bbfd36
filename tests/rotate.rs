//! `rotate passwords`: with no terminal, in chunks, resumable, hand-outs a CI job can publish
//! (age-encrypted to each developer) apart from those it must not.

mod common;

use common::hub::Hub;
use common::nats::check_config;
use common::*;

/// The rotation events in the audit log, as "kind name".
fn rotations(env: &Env) -> Vec<String> {
    let log: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "audit", "log"])).unwrap();
    log.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "password.rotate")
        .map(|e| e["subject"].as_str().unwrap().to_owned())
        .collect()
}

/// A password-mode hub with developers (carol with an age recipient) and an edge.
fn fixture() -> (Hub, String) {
    let hub = Hub::new("password", &[]);
    let keygen = std::process::Command::new("age-keygen")
        .args(["-o", hub.env.path("carol.agekey").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(keygen.status.success());
    let key = std::fs::read_to_string(hub.env.path("carol.agekey")).unwrap();
    let recipient = key
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap()
        .to_owned();
    hub.add_dev("alice", &[]);
    hub.add_dev("bob", &[]);
    hub.add_dev("carol", &["--recipient", &recipient]);
    hub.add_edge("edge1", &[]);
    (hub, recipient)
}

#[test]
fn a_rotation_hands_out_sealed_files_only_their_member_opens_and_plain_ones_apart() {
    let (hub, recipient) = fixture();
    let env = &hub.env;
    // dev add also sealed carol's first password to her.
    assert!(env.path("devs/carol.password.age").exists());
    // A service user, run by carol: its password goes out as an env file, sealed to her too.
    let args = [
        "dev",
        "add",
        "app",
        "--service",
        "--recipient",
        &recipient,
        "--out",
        "svc",
    ];
    env.ok_unlocked(&args);
    let first = std::fs::read_to_string(env.path("svc/app.env")).unwrap();
    assert!(first.contains("NATS_USER=app\nNATS_PASSWORD="), "{first}");
    assert!(env.path("svc/app.env.age").exists());
    assert!(!env.path("svc/app.password").exists());
    let planned = |kind: &str| {
        let args = [
            "--json",
            "rotate",
            "passwords",
            "--dry-run",
            "--kind",
            kind,
            "--out",
            "rot",
        ];
        let plan: serde_json::Value = serde_json::from_str(&env.ok_unlocked(&args)).unwrap();
        let rotated = plan["rotated"].as_array().unwrap().iter();
        rotated
            .map(|r| r["name"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(planned("service"), ["app"]);
    assert_eq!(planned("dev"), ["alice", "bob", "carol"]);
    let plan = env.ok_unlocked(&["--json", "rotate", "passwords", "--dry-run", "--out", "rot"]);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    assert_eq!(plan["rotated"].as_array().unwrap().len(), 6, "{plan:#}");
    assert!(!env.path("rot").exists(), "a dry run wrote files");
    assert!(rotations(env).is_empty());

    let auth_before = std::fs::read_to_string(env.path("hubcfg/auth.conf")).unwrap();
    env.ok_unlocked(&["rotate", "passwords", "--out", "rot"]);
    let mut done = rotations(env);
    done.sort();
    assert_eq!(
        done,
        [
            "dev alice",
            "dev bob",
            "dev carol",
            "edge edge1",
            "service app",
            "system system"
        ]
    );
    let env_file = std::fs::read_to_string(env.path("rot/secret/app.env")).unwrap();
    assert!(
        env_file.contains("NATS_USER=app\nNATS_PASSWORD="),
        "{env_file}"
    );
    assert_ne!(env_file, first, "the service's password changed");
    assert_ne!(
        std::fs::read_to_string(env.path("hubcfg/auth.conf")).unwrap(),
        auth_before
    );
    for (file, mode) in [
        ("rot/secret/alice.password", 0o600),
        ("rot/secret/carol.password", 0o600),
        ("rot/secret/edge1.conf", 0o600),
        ("rot/secret/system.password", 0o600),
        ("rot/sealed/carol.password.age", 0o644),
        ("rot/secret/app.env", 0o600),
        ("rot/sealed/app.env.age", 0o644),
    ] {
        use std::os::unix::fs::PermissionsExt;
        let m = std::fs::metadata(env.path(file))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(m, mode, "{file}");
    }
    let sealed: Vec<_> = std::fs::read_dir(env.path("rot/sealed")).unwrap().collect();
    assert_eq!(
        sealed.len(),
        2,
        "only carol (and her service) have a recipient"
    );
    // The reference age opens it with carol's identity, and not with another.
    let open = |identity: &str| {
        std::process::Command::new("age")
            .args(["-d", "-i", identity, "rot/sealed/carol.password.age"])
            .current_dir(env.dir.path())
            .output()
            .unwrap()
    };
    let opened = open("carol.agekey");
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stderr)
    );
    assert_eq!(
        opened.stdout,
        std::fs::read(env.path("rot/secret/carol.password")).unwrap()
    );
    std::process::Command::new("age-keygen")
        .args(["-o", env.path("other.agekey").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        !open("other.agekey").status.success(),
        "another identity opened it"
    );
    // The edge's new config carries the new password; the old one does not match it.
    let conf = std::fs::read_to_string(env.path("rot/secret/edge1.conf")).unwrap();
    let old = std::fs::read_to_string(env.path("edge/edge1.conf")).unwrap();
    assert_ne!(conf, old);
    check_config(&env.path("rot/secret/edge1.conf"), &[]);
    check_config(&env.path("hubcfg/hub.conf"), &[]);

    // Nothing is older than a day now: a scheduled re-run rotates nobody.
    let again = env.ok_unlocked(&["rotate", "passwords", "--older-than", "1d", "--out", "rot"]);
    assert!(again.contains("0 passwords"), "{again}");
    assert_eq!(rotations(env).len(), 6);
}

#[test]
fn a_rotation_killed_between_chunks_is_finished_by_running_it_again() {
    let (hub, _) = fixture();
    let env = &hub.env;
    // Chunks of one: the second commit is killed at its commit point's doorstep.
    let rotate = [
        "rotate",
        "passwords",
        "--kind",
        "dev",
        "--chunk-size",
        "1",
        "--out",
        "rot",
    ];
    let out = env
        .cmd()
        .args(rotate)
        .args(["--passphrase-file", "pass"])
        .env("CREDCTL_CRASH_AT", "journal")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let first = rotations(env);
    assert_eq!(first.len(), 1, "{first:?}");
    // Another kind while it is unfinished is refused.
    let other = env.run_unlocked(&["rotate", "passwords", "--kind", "edge", "--out", "rot"]);
    assert_eq!(code(&other), 1, "{}", stderr(&other));
    assert!(stderr(&other).contains("unfinished"), "{}", stderr(&other));

    let resumed = env.ok_unlocked(&rotate);
    assert!(resumed.contains("interrupted run"), "{resumed}");
    let mut done = rotations(env);
    done.sort();
    assert_eq!(
        done,
        ["dev alice", "dev bob", "dev carol"],
        "each exactly once"
    );
    assert!(!env.store().join("hub/rotation.json").exists());
    env.ok(&["audit", "verify"]);
}

#[test]
fn bad_input_changes_nothing() {
    let (hub, _) = fixture();
    let env = &hub.env;
    let before = tree(&env.store());
    for (args, want) in [
        (
            &[
                "rotate",
                "passwords",
                "--older-than",
                "soon",
                "--out",
                "rot",
            ][..],
            2,
        ),
        (
            &["rotate", "passwords", "--kind", "operator", "--out", "rot"],
            2,
        ),
        (
            &[
                "dev",
                "add",
                "dave",
                "--recipient",
                "age1nope",
                "--out",
                "devs",
            ],
            2,
        ),
    ] {
        let out = env.run_unlocked(args);
        assert_eq!(code(&out), want, "{args:?}: {}", stderr(&out));
        assert_eq!(tree(&env.store()), before, "{args:?}");
    }
    assert!(!env.path("rot").exists());
}

/// The public key of a certificate or private key file, as openssl prints it.
fn public_key(env: &Env, args: &[&str]) -> String {
    openssl(args, env.dir.path())
}

#[test]
fn rotate_certs_renews_what_is_due_and_a_hub_keeps_its_key_in_a_re_rendered_directory() {
    let hub = Hub::new("verify-and-map", &[]);
    let env = &hub.env;
    hub.add_dev("alice", &[]);
    env.ok_unlocked(&[
        "cert",
        "issue",
        "shorty",
        "--profile",
        "dev",
        "--hours",
        "1",
        "--out",
        "s",
    ]);
    let plan = env.ok_unlocked(&[
        "--json",
        "rotate",
        "certs",
        "--expiring-within",
        "2h",
        "--dry-run",
        "--out",
        "r",
    ]);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    let names: Vec<&str> = plan["certs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["shorty"], "{plan:#}");
    assert!(!env.path("r").exists());

    env.ok_unlocked(&["rotate", "certs", "--expiring-within", "2h", "--out", "r"]);
    openssl(
        &["verify", "-CAfile", "devs/ca.crt", "r/shorty.crt"],
        env.dir.path(),
    );
    let again = env.ok_unlocked(&["rotate", "certs", "--expiring-within", "2h", "--out", "r2"]);
    assert!(again.contains("0 certificates due"), "{again}");

    // The hub's own certificate, due within 400 days: renewed for the key in hubcfg/.
    let hub_crt = env.path("hubcfg/hub.crt");
    let before = std::fs::read(&hub_crt).unwrap();
    let report = env.ok_unlocked(&[
        "--json",
        "rotate",
        "certs",
        "--expiring-within",
        "400d",
        "--profile",
        "hub",
        "--out",
        "r3",
    ]);
    let report: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(report["certs"].as_array().unwrap().len(), 1, "{report:#}");
    assert!(
        report["certs"][0]["rendered"]
            .as_str()
            .unwrap()
            .ends_with("hubcfg"),
        "{report:#}"
    );
    assert_ne!(
        std::fs::read(&hub_crt).unwrap(),
        before,
        "hub.crt was not re-rendered"
    );
    assert!(
        !env.path("r3/hub.key").exists(),
        "a hub's key never leaves its directory"
    );
    assert_eq!(
        public_key(env, &["x509", "-in", "hubcfg/hub.crt", "-noout", "-pubkey"]),
        public_key(env, &["pkey", "-in", "hubcfg/hub.key", "-pubout"]),
        "the renewed hub certificate is not for the hub's key"
    );
    check_config(&env.path("hubcfg/hub.conf"), &[]);
    let status = env
        .cmd()
        .args(["status", "--within", "300d"])
        .output()
        .unwrap();
    assert_eq!(
        code(&status),
        0,
        "{}",
        String::from_utf8_lossy(&status.stdout)
    );
}

#[test]
fn rotate_nats_users_reissues_only_expiring_jwts_with_their_lifetime_and_key() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["nats", "init", "--operator", "acme"]);
    env.ok_unlocked(&["nats", "account", "add", "APP", "--signing-key"]);
    for (name, expires) in [("brief", "1h"), ("long", "90d")] {
        let creds = format!("{name}.creds");
        env.ok_unlocked(&[
            "nats",
            "user",
            "add",
            name,
            "--account",
            "APP",
            "--expires",
            expires,
            "--out",
            &creds,
        ]);
    }
    let plan = env.ok_unlocked(&[
        "--json",
        "rotate",
        "nats-users",
        "--expiring-within",
        "2h",
        "--dry-run",
        "--out",
        "r",
    ]);
    assert!(plan.contains("brief") && !plan.contains("long"), "{plan}");
    assert!(!env.path("r").exists());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    env.ok_unlocked(&[
        "rotate",
        "nats-users",
        "--expiring-within",
        "2h",
        "--out",
        "r",
    ]);
    assert!(!env.path("r/APP/long.creds").exists());
    // PyNaCl checks the new JWT's signature; the key (sub, seed) is the user's own, the
    // lifetime is an hour again from now, issued later than the first.
    let script = r#"
import base64, json, re, sys, time
import nkeys, nacl.signing
def b64(s): return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
def parts(path):
    text = open(path).read()
    jwt = re.search(r"-----BEGIN NATS USER JWT-----\n(.+)\n", text).group(1)
    seed = re.search(r"-----BEGIN USER NKEY SEED-----\n(.+)\n", text).group(1)
    return jwt, seed
def claims(jwt):
    head, payload, sig = jwt.split(".")
    c = json.loads(b64(payload))
    raw = base64.b32decode(c["iss"] + "=" * (-len(c["iss"]) % 8))[1:-2]
    nacl.signing.VerifyKey(raw).verify((head + "." + payload).encode(), b64(sig))
    return c
old_jwt, old_seed = parts(sys.argv[1])
new_jwt, new_seed = parts(sys.argv[2])
old, new = claims(old_jwt), claims(new_jwt)
assert new_seed == old_seed and new["sub"] == old["sub"], "not the same user key"
assert nkeys.from_seed(new_seed.encode()).public_key.decode() == new["sub"]
assert new["iat"] > old["iat"], (old["iat"], new["iat"])
assert new["exp"] - new["iat"] == 3600, new["exp"] - new["iat"]
assert new["nats"]["pub"] == old["nats"]["pub"] and new["nats"].get("issuer_account") == old["nats"].get("issuer_account")
print("ok")
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, "brief.creds", "r/APP/brief.creds"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // An hour left again: not due within 30 minutes.
    let again = env.ok_unlocked(&[
        "rotate",
        "nats-users",
        "--expiring-within",
        "30m",
        "--out",
        "r2",
    ]);
    assert!(again.contains("0 users due"), "{again}");
}
