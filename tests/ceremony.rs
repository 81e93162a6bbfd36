//! Request → sign → import across the air gap: a key made on the device (by `openssl req`, or by
//! `credctl request create`) never leaves it; the offline CA signs the request; the device checks
//! the bundle and installs it; the installed pair completes an mTLS handshake with a real
//! nats-server. Short key fingerprints match at every hop.

mod common;

use common::nats::{Creds, NatsServer, connect, round_trip};
use common::*;

/// The `key fingerprint: XXXX-XXXX-XXXX-XXXX` a command printed.
fn fingerprint(text: &str) -> String {
    let at = text.find("key fingerprint: ").expect("a key fingerprint") + 17;
    text[at..at + 19].to_owned()
}

fn root_fingerprint(env: &Env) -> String {
    let show: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "ca", "show"])).unwrap();
    show["root"]["fingerprint_sha256"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// nats-server requiring a client certificate from the CA in `ca` (TLS verify, no users).
fn mtls_server(env: &Env, ca: &str) -> (NatsServer, u16) {
    let port = free_port();
    let conf = env.path("mtls.conf");
    std::fs::write(
        &conf,
        format!(
            "listen: \"127.0.0.1:{port}\"\ntls {{\n  cert_file: {:?}\n  key_file: {:?}\n  ca_file: {:?}\n  verify: true\n}}\n",
            env.path("server/srv.crt"),
            env.path("server/srv.key"),
            env.path(ca)
        ),
    )
    .unwrap();
    (NatsServer::start(&conf, port, &[]), port)
}

fn pair(dir: &std::path::Path, name: &str) -> Creds {
    Creds {
        cert: Some((
            dir.join(format!("{name}.crt")),
            dir.join(format!("{name}.key")),
        )),
        user: None,
        ca: Some(dir.join("ca.crt")),
        tls: true,
    }
}

#[test]
fn an_openssl_request_is_signed_offline_imported_and_completes_mtls() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    let root = root_fingerprint(&env);
    std::fs::create_dir_all(env.path("device")).unwrap();
    openssl(
        &[
            "req",
            "-new",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-noenc",
            "-keyout",
            "device/device1.key",
            "-out",
            "device/device1.csr",
            "-subj",
            "/CN=device1",
        ],
        env.dir.path(),
    );
    // Carried to the offline CA.
    std::fs::create_dir_all(env.path("carried")).unwrap();
    std::fs::copy(
        env.path("device/device1.csr"),
        env.path("carried/device1.csr"),
    )
    .unwrap();
    let signed = env.ok_unlocked(&[
        "cert",
        "sign",
        "carried/device1.csr",
        "--profile",
        "edge",
        "--dns",
        "device1.example.net",
        "--out",
        "carried/device1.bundle",
    ]);
    let read_at_ca = fingerprint(&signed);
    // Carried back; the device checks and installs it against the root it pinned.
    let out = env.ok(&[
        "--ca-fingerprint",
        &root,
        "bundle",
        "import",
        "carried/device1.bundle",
        "--key",
        "device/device1.key",
        "--out",
        "device/installed",
    ]);
    assert_eq!(fingerprint(&out), read_at_ca, "{out}");
    let installed = env.path("device/installed");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(installed.join("device1.key"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        std::fs::read(installed.join("device1.key")).unwrap(),
        std::fs::read(env.path("device/device1.key")).unwrap(),
        "the device's own key"
    );
    openssl(
        &[
            "verify",
            "-x509_strict",
            "-CAfile",
            "device/installed/ca.crt",
            "device/installed/device1.crt",
        ],
        env.dir.path(),
    );

    // A real mTLS handshake with the installed pair; a pair from another CA is refused.
    env.ok_unlocked(&[
        "cert",
        "issue",
        "srv",
        "--profile",
        "hub",
        "--ip",
        "127.0.0.1",
        "--out",
        "server",
    ]);
    let (_server, port) = mtls_server(&env, "server/ca.crt");
    let url = format!("tls://127.0.0.1:{port}");
    let client = connect(&url, &pair(&installed, "device1")).expect("the installed pair connects");
    round_trip(&client, "ceremony.test").unwrap();
    let other = Env::new();
    other.init_named("Other CA", &[]);
    other.ok_unlocked(&[
        "cert",
        "issue",
        "device1",
        "--profile",
        "edge",
        "--dns",
        "x.example.net",
        "--out",
        "o",
    ]);
    let mut foreign = pair(&other.path("o"), "device1");
    foreign.ca = Some(installed.join("ca.crt"));
    assert!(
        connect(&url, &foreign).is_err(),
        "a certificate of another CA got in"
    );
}

#[test]
fn request_create_keeps_the_key_and_every_hop_shows_the_same_fingerprint() {
    let env = Env::new();
    env.init(&[]);
    std::fs::create_dir_all(env.path("device")).unwrap();
    let made = env.ok(&[
        "request",
        "create",
        "node4",
        "--profile",
        "node",
        "--out",
        "device/node4.csr",
    ]);
    let spoken = fingerprint(&made);
    let header = std::fs::read_to_string(env.path("device/node4.csr")).unwrap();
    assert!(
        header.contains(&spoken),
        "the request file carries it: {header}"
    );
    // openssl reads the request (the header is comment text) and it is for CN=node4.
    let subject = openssl(
        &[
            "req",
            "-in",
            "device/node4.csr",
            "-noout",
            "-subject",
            "-verify",
        ],
        env.dir.path(),
    );
    assert!(subject.contains("node4"), "{subject}");
    let signed = env.ok_unlocked(&[
        "cert",
        "sign",
        "device/node4.csr",
        "--profile",
        "node",
        "--out",
        "node4.bundle",
    ]);
    assert_eq!(fingerprint(&signed), spoken);
    let bundle = std::fs::read_to_string(env.path("node4.bundle")).unwrap();
    assert!(bundle.contains(&spoken), "{bundle}");
    std::fs::copy(env.path("node4.bundle"), env.path("device/node4.bundle")).unwrap();
    let out = env.ok(&[
        "bundle",
        "import",
        "device/node4.bundle",
        "--out",
        "device/node4",
    ]);
    assert_eq!(fingerprint(&out), spoken);
    assert!(env.path("device/node4/node4.key").exists());
}

#[test]
fn a_bundle_that_does_not_check_out_installs_nothing() {
    let env = Env::new();
    env.init(&[]);
    std::fs::create_dir_all(env.path("d")).unwrap();
    env.ok(&[
        "request",
        "create",
        "a1",
        "--profile",
        "edge",
        "--dns",
        "a1.example.net",
        "--out",
        "d/a1.csr",
    ]);
    env.ok(&[
        "request",
        "create",
        "b1",
        "--profile",
        "edge",
        "--dns",
        "b1.example.net",
        "--out",
        "d/b1.csr",
    ]);
    env.ok_unlocked(&[
        "cert",
        "sign",
        "d/a1.csr",
        "--profile",
        "edge",
        "--out",
        "d/a1.bundle",
    ]);
    let bundle = std::fs::read_to_string(env.path("d/a1.bundle")).unwrap();

    // Another waiting key; another CA's root pinned; a damaged certificate; an existing --out.
    let mut damaged = bundle.clone();
    let at = damaged.find("-----BEGIN CERTIFICATE-----").unwrap() + 200;
    let swapped = if &damaged[at..at + 1] == "A" {
        "B"
    } else {
        "A"
    };
    damaged.replace_range(at..at + 1, swapped);
    std::fs::write(env.path("d/damaged.bundle"), damaged).unwrap();
    std::fs::create_dir_all(env.path("taken")).unwrap();
    let wrong_root = "AA:".repeat(31) + "AA";
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec![
                "bundle",
                "import",
                "d/a1.bundle",
                "--key",
                "d/b1.key",
                "--out",
                "x",
            ],
            1,
            "not the waiting key",
        ),
        (
            vec![
                "--ca-fingerprint",
                &wrong_root,
                "bundle",
                "import",
                "d/a1.bundle",
                "--out",
                "x",
            ],
            1,
            "not from your CA",
        ),
        (
            vec![
                "bundle",
                "import",
                "d/damaged.bundle",
                "--key",
                "d/a1.key",
                "--out",
                "x",
            ],
            1,
            "d/damaged.bundle",
        ),
        (
            vec!["bundle", "import", "d/a1.bundle", "--out", "taken"],
            1,
            "already exists",
        ),
        (
            vec!["bundle", "import", "d/a1.csr", "--out", "x"],
            1,
            "no CERTIFICATE",
        ),
    ];
    for (args, want, message) in &cases {
        let out = env.run(args);
        assert_eq!(code(&out), *want, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert!(!env.path("x").exists(), "{args:?} installed something");
    }
    // The key is never overwritten by a second request of the same name.
    let before = std::fs::read(env.path("d/a1.key")).unwrap();
    let out = env.run(&[
        "request",
        "create",
        "a1",
        "--profile",
        "edge",
        "--out",
        "d/a1-again.csr",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(std::fs::read(env.path("d/a1.key")).unwrap(), before);
    assert!(!env.path("d/a1-again.csr").exists());
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
