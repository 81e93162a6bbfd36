//! Certificate lifecycle, every artifact checked with openssl.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn store_with_ca(extra: &[&str]) -> Env {
    let env = Env::new();
    env.init(extra);
    env
}

fn unlock() -> [&'static str; 2] {
    ["--passphrase-file", "pass"]
}

fn issue(env: &Env, name: &str, profile: &str, extra: &[&str]) -> String {
    let mut args = vec!["cert", "issue", name, "--profile", profile, "--out", "out"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&unlock());
    env.ok(&args)
}

fn text(env: &Env, file: &str) -> String {
    openssl(&["x509", "-in", file, "-noout", "-text"], &env.path("out"))
}

fn verify(env: &Env, args: &[&str]) -> (bool, String) {
    let mut all = vec!["verify", "-x509_strict", "-CAfile", "ca.crt"];
    all.extend_from_slice(args);
    openssl_try(&all, &env.path("out"))
}

#[test]
fn each_profile_gets_the_purposes_openssl_expects() {
    for intermediate in [false, true] {
        let env = store_with_ca(if intermediate {
            &["--intermediate"]
        } else {
            &[]
        });
        issue(&env, "alice", "dev", &["--email", "alice@example.com"]);
        issue(&env, "edge1", "edge", &["--dns", "edge1.example.com"]);
        issue(&env, "node1", "node", &[]);
        issue(
            &env,
            "hub",
            "hub",
            &["--dns", "hub.example.com", "--ip", "127.0.0.1"],
        );

        for (file, client, server) in [
            ("alice.crt", true, false),
            ("edge1.crt", true, true),
            ("node1.crt", true, false),
            ("hub.crt", true, true),
        ] {
            let (ok, out) = verify(&env, &["-purpose", "sslclient", file]);
            assert_eq!(ok, client, "{file} as client: {out}");
            let (ok, out) = verify(&env, &["-purpose", "sslserver", file]);
            assert_eq!(ok, server, "{file} as server: {out}");
        }

        let alice = text(&env, "alice.crt");
        // Each dev certificate has its own subject: its serial is in it (profile subject_serial).
        let serial = alice
            .split("Serial Number:")
            .nth(1)
            .and_then(|rest| rest.lines().nth(1))
            .unwrap()
            .trim()
            .replace(':', "");
        assert!(
            alice.contains(&format!(
                "Subject: serialNumber = {serial}, OU = dev, CN = alice"
            )),
            "{alice}"
        );
        assert!(alice.contains("email:alice@example.com"), "{alice}");
        assert!(
            alice.contains("X509v3 Basic Constraints: critical\n                CA:FALSE"),
            "{alice}"
        );
        assert!(
            alice.contains("X509v3 Key Usage: critical\n                Digital Signature"),
            "{alice}"
        );
        assert!(alice.contains("X509v3 Authority Key Identifier"), "{alice}");
        assert!(alice.contains("X509v3 Subject Key Identifier"), "{alice}");
        let hub = text(&env, "hub.crt");
        assert!(
            hub.contains("DNS:hub.example.com, IP Address:127.0.0.1"),
            "{hub}"
        );

        // The node profile defaults to 8 hours.
        let show: serde_json::Value =
            serde_json::from_str(&env.ok(&["--json", "cert", "show", "node1"])).unwrap();
        let span = time::OffsetDateTime::parse(
            show["not_after"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap()
            - time::OffsetDateTime::parse(
                show["not_before"].as_str().unwrap(),
                &time::format_description::well_known::Rfc3339,
            )
            .unwrap();
        assert!(
            span <= time::Duration::hours(8) + time::Duration::minutes(5),
            "{span}"
        );
        assert!(span >= time::Duration::hours(8), "{span}");
    }
}

#[test]
fn keys_are_private_pkcs8_and_match_their_certificates() {
    let env = store_with_ca(&[]);
    for key_type in ["ecdsa-p256", "ecdsa-p384", "ed25519", "rsa-3072"] {
        let name = format!("k-{key_type}");
        issue(&env, &name, "dev", &["--key-type", key_type]);
        let key = env.path(&format!("out/{name}.key"));
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(&key).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
        let pem = std::fs::read_to_string(&key).unwrap();
        assert!(
            pem.starts_with("-----BEGIN PRIVATE KEY-----"),
            "PKCS#8: {pem}"
        );
        let from_key = openssl(
            &["pkey", "-in", &format!("{name}.key"), "-pubout"],
            &env.path("out"),
        );
        let from_cert = openssl(
            &["x509", "-in", &format!("{name}.crt"), "-noout", "-pubkey"],
            &env.path("out"),
        );
        assert_eq!(from_key, from_cert, "{key_type}");
    }
}

#[test]
fn revoked_certificates_fail_crl_checks_and_others_pass() {
    let env = store_with_ca(&["--intermediate"]);
    for name in ["alice", "bob", "carol"] {
        issue(&env, name, "dev", &[]);
    }
    let out = env.ok(&[
        "cert",
        "revoke",
        "bob",
        "--reason",
        "key-compromise",
        "--passphrase-file",
        "pass",
    ]);
    assert!(out.contains("revoked bob"), "{out}");
    env.ok(&["crl", "--out", "out/crl.pem", "--passphrase-file", "pass"]);

    let crl = openssl(
        &["crl", "-in", "crl.pem", "-noout", "-text"],
        &env.path("out"),
    );
    assert!(
        crl.contains("X509v3 CRL Number: \n                1"),
        "{crl}"
    );
    assert!(crl.contains("Key Compromise"), "{crl}");
    assert!(crl.contains("X509v3 Authority Key Identifier"), "{crl}");
    assert!(crl.contains("Next Update"), "{crl}");
    openssl(
        &["crl", "-in", "crl.pem", "-noout", "-CAfile", "ca.crt"],
        &env.path("out"),
    );

    for (name, good) in [("alice", true), ("bob", false), ("carol", true)] {
        let (ok, out) = verify(
            &env,
            &["-crl_check", "-CRLfile", "crl.pem", &format!("{name}.crt")],
        );
        assert_eq!(ok, good, "{name}: {out}");
        if !good {
            assert!(out.contains("certificate revoked"), "{out}");
        }
    }

    // The next CRL has the next number and keeps the entry.
    env.ok(&["cert", "revoke", "carol", "--passphrase-file", "pass"]);
    env.ok(&["crl", "--out", "out/crl2.pem", "--passphrase-file", "pass"]);
    let crl = openssl(
        &["crl", "-in", "crl2.pem", "-noout", "-text"],
        &env.path("out"),
    );
    assert!(
        crl.contains("X509v3 CRL Number: \n                2"),
        "{crl}"
    );
    assert_eq!(crl.matches("Serial Number:").count(), 2, "{crl}");
    // RFC 5280 5.3.1: reason "unspecified" is left out rather than written.
    assert_eq!(crl.matches("CRL Reason Code").count(), 1, "{crl}");
    let (ok, _) = verify(&env, &["-crl_check", "-CRLfile", "crl2.pem", "carol.crt"]);
    assert!(!ok);

    let log = env.ok(&["audit", "log"]);
    assert_eq!(log.matches("cert.issue").count(), 3, "{log}");
    assert_eq!(log.matches("cert.revoke").count(), 2, "{log}");
    assert_eq!(log.matches("crl.issue").count(), 2, "{log}");
    env.ok(&["audit", "verify"]);
}

fn make_csr(env: &Env, name: &str, extra: &[&str]) {
    let keyout = format!("{name}.key");
    let csrout = format!("{name}.csr");
    let subj = format!("/CN={name}");
    let mut args = vec![
        "req",
        "-new",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        &keyout,
        "-out",
        &csrout,
        "-subj",
        &subj,
    ];
    args.extend_from_slice(extra);
    std::fs::create_dir_all(env.path("device")).unwrap();
    openssl(&args, &env.path("device"));
}

#[test]
fn a_csr_is_signed_with_only_what_the_profile_allows() {
    let env = store_with_ca(&[]);
    make_csr(
        &env,
        "edge7",
        &[
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "subjectAltName=DNS:edge7.example.com,email:evil@example.com",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    );
    let out = env
        .cmd()
        .args([
            "cert",
            "sign",
            "device/edge7.csr",
            "--profile",
            "edge",
            "--out",
            "device/edge7.crt",
        ])
        .args(unlock())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("basicConstraints CA:TRUE"),
        "the operator is told: {}",
        stderr(&out)
    );

    let dir = env.path("device");
    let cert = openssl(&["x509", "-in", "edge7.crt", "-noout", "-text"], &dir);
    assert!(cert.contains("CA:FALSE"), "{cert}");
    assert!(!cert.contains("Certificate Sign"), "{cert}");
    assert!(cert.contains("DNS:edge7.example.com"), "{cert}");
    assert!(
        !cert.contains("evil@example.com"),
        "edge does not take emails: {cert}"
    );
    // The certificate carries the device's own key.
    let from_key = openssl(&["pkey", "-in", "edge7.key", "-pubout"], &dir);
    let from_cert = openssl(&["x509", "-in", "edge7.crt", "-noout", "-pubkey"], &dir);
    assert_eq!(from_key, from_cert);
    env.ok(&["ca", "export", "--out", "device/ca.crt"]);
    openssl(
        &[
            "verify",
            "-x509_strict",
            "-purpose",
            "sslserver",
            "-CAfile",
            "ca.crt",
            "edge7.crt",
        ],
        &dir,
    );

    // The store never saw the key, and knows the certificate came from a CSR.
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "show", "edge7"])).unwrap();
    assert_eq!(show["status"], "active");
    let renew = env.run(&[
        "cert",
        "renew",
        "edge7",
        "--out",
        "renewed",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&renew), 2, "{}", stderr(&renew));
    assert!(stderr(&renew).contains("--reuse-key"), "{}", stderr(&renew));
    env.ok(&[
        "cert",
        "renew",
        "edge7",
        "--reuse-key",
        "--out",
        "renewed",
        "--passphrase-file",
        "pass",
    ]);
    assert!(!env.path("renewed/edge7.key").exists());
    let renewed_key = openssl(
        &["x509", "-in", "../renewed/edge7.crt", "-noout", "-pubkey"],
        &dir,
    );
    assert_eq!(renewed_key, from_key);
}

#[test]
fn bad_csrs_are_refused_and_the_store_is_unchanged() {
    let env = store_with_ca(&[]);
    make_csr(&env, "dev1", &[]);
    let csr = std::fs::read_to_string(env.path("device/dev1.csr")).unwrap();

    // Flip one character inside the base64 body near the end (the signature).
    let mut lines: Vec<String> = csr.lines().map(str::to_owned).collect();
    let n = lines.len() - 2;
    let mut chars: Vec<char> = lines[n].chars().collect();
    let i = chars.len() / 2;
    chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
    lines[n] = chars.into_iter().collect();
    std::fs::write(env.path("device/tampered.csr"), lines.join("\n") + "\n").unwrap();
    std::fs::write(
        env.path("device/garbage.csr"),
        "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    )
    .unwrap();
    std::fs::write(env.path("device/notpem.csr"), "hello").unwrap();

    let before = tree(&env.store());
    for (file, expect) in [
        ("device/tampered.csr", "does not verify"),
        ("device/garbage.csr", "malformed CSR"),
        ("device/notpem.csr", "malformed CSR"),
    ] {
        let out = env
            .cmd()
            .args([
                "cert",
                "sign",
                file,
                "--profile",
                "dev",
                "--out",
                "device/x.crt",
            ])
            .args(unlock())
            .output()
            .unwrap();
        assert_eq!(code(&out), 2, "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains(expect), "{file}: {}", stderr(&out));
        assert!(!env.path("device/x.crt").exists());
    }
    assert_eq!(tree(&env.store()), before);
}

#[test]
fn bad_requests_are_refused_before_anything_changes() {
    let env = store_with_ca(&["--days", "30"]);
    issue(&env, "alice", "dev", &[]);
    let before = tree(&env.store());
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["cert", "issue", "x", "--profile", "nope", "--out", "o"],
            2,
            "unknown profile",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "hub",
                "--dns",
                "bad_name!",
                "--out",
                "o",
            ],
            2,
            "not a valid DNS name",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "hub",
                "--ip",
                "300.1.1.1",
                "--out",
                "o",
            ],
            2,
            "invalid",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "node",
                "--bind-mac",
                "00:11:22",
                "--out",
                "o",
            ],
            2,
            "not a MAC address",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "dev",
                "--bind-mac",
                "00:11:22:33:44:55",
                "--out",
                "o",
            ],
            2,
            "does not allow a MAC binding",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "dev",
                "--dns",
                "x.example.com",
                "--out",
                "o",
            ],
            2,
            "does not allow DNS",
        ),
        (
            &["cert", "issue", "x", "--profile", "hub", "--out", "o"],
            2,
            "needs at least one",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "dev",
                "--days",
                "100",
                "--out",
                "o",
            ],
            2,
            "outlive the issuing CA",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "node",
                "--days",
                "20",
                "--out",
                "o",
            ],
            2,
            "longer than profile node allows",
        ),
        (
            &["cert", "issue", "../x", "--profile", "dev", "--out", "o"],
            2,
            "not a valid name",
        ),
        (
            &[
                "cert",
                "issue",
                "x",
                "--profile",
                "dev",
                "--email",
                "nope",
                "--out",
                "o",
            ],
            2,
            "not a valid email",
        ),
        (
            &["cert", "issue", "alice", "--profile", "dev", "--out", "o"],
            1,
            "already has an active certificate",
        ),
        (
            &["cert", "revoke", "0123456789abcdef0123"],
            2,
            "no certificate",
        ),
        (&["cert", "revoke", "nobody"], 2, "no certificate"),
        (&["cert", "show", "nobody"], 2, "no certificate"),
        (
            &["cert", "renew", "nobody", "--out", "o"],
            2,
            "no current certificate",
        ),
        (
            &["cert", "list", "--expiring-within", "soon"],
            2,
            "not a duration",
        ),
    ];
    assert_refused_unchanged(&env, cases, &unlock());
    assert!(!env.path("o").exists(), "a refused command wrote output");
    // A wrong passphrase issues nothing either.
    let out = env.run(&[
        "cert",
        "issue",
        "y",
        "--profile",
        "dev",
        "--out",
        "o",
        "--passphrase-file",
        "wrong-pass",
    ]);
    assert_eq!(code(&out), 2);
    assert_eq!(tree(&env.store()), before);

    // Revoking twice: the second is refused and changes nothing.
    env.ok(&["cert", "revoke", "alice", "--passphrase-file", "pass"]);
    let after_first = tree(&env.store());
    let out = env.run(&["cert", "revoke", "alice"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already revoked"), "{}", stderr(&out));
    assert_eq!(tree(&env.store()), after_first);
    // An existing output file is never overwritten.
    std::fs::create_dir_all(env.path("o")).unwrap();
    std::fs::write(env.path("o/bob.key"), "mine").unwrap();
    let out = env.run(&[
        "cert",
        "issue",
        "bob",
        "--profile",
        "dev",
        "--out",
        "o",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(env.path("o/bob.key")).unwrap(),
        "mine"
    );
    assert_eq!(tree(&env.store()), after_first);
}

#[test]
fn renew_supersedes_and_force_replaces() {
    let env = store_with_ca(&[]);
    issue(&env, "alice", "dev", &["--email", "alice@example.com"]);
    let first: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "show", "alice"])).unwrap();
    let renewed: serde_json::Value = serde_json::from_str(&env.ok(&[
        "--json",
        "cert",
        "renew",
        "alice",
        "--days",
        "30",
        "--out",
        "renewed",
        "--passphrase-file",
        "pass",
    ]))
    .unwrap();
    assert_eq!(renewed["replaces"], first["serial"]);
    assert_ne!(renewed["serial"], first["serial"]);
    // Same names, new key.
    let cert = openssl(
        &["x509", "-in", "alice.crt", "-noout", "-text"],
        &env.path("renewed"),
    );
    assert!(cert.contains("email:alice@example.com"), "{cert}");
    let old_key = openssl(
        &["x509", "-in", "out/alice.crt", "-noout", "-pubkey"],
        env.dir.path(),
    );
    let new_key = openssl(
        &["x509", "-in", "renewed/alice.crt", "-noout", "-pubkey"],
        env.dir.path(),
    );
    assert_ne!(old_key, new_key);

    let rows: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "list"])).unwrap();
    let statuses: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["superseded", "active"]);
    let verdict = env.run(&["cert", "verify", "out/alice.crt"]);
    assert!(
        verdict.status.success(),
        "a superseded certificate stays valid until it expires"
    );

    // --force replaces an active certificate; renew --revoke-old puts the old one on the CRL.
    let forced: serde_json::Value = serde_json::from_str(&env.ok(&[
        "--json",
        "cert",
        "issue",
        "alice",
        "--profile",
        "dev",
        "--force",
        "--out",
        "forced",
        "--passphrase-file",
        "pass",
    ]))
    .unwrap();
    assert_eq!(forced[0]["replaces"], renewed["serial"]);
    env.ok(&[
        "cert",
        "renew",
        "alice",
        "--revoke-old",
        "--out",
        "again",
        "--passphrase-file",
        "pass",
    ]);
    env.ok(&["crl", "--out", "crl.pem", "--passphrase-file", "pass"]);
    let (ok, out) = openssl_try(
        &[
            "verify",
            "-crl_check",
            "-CRLfile",
            "crl.pem",
            "-CAfile",
            "again/ca.crt",
            "forced/alice.crt",
        ],
        env.dir.path(),
    );
    assert!(!ok && out.contains("certificate revoked"), "{out}");
    openssl(
        &[
            "verify",
            "-crl_check",
            "-CRLfile",
            "crl.pem",
            "-CAfile",
            "again/ca.crt",
            "again/alice.crt",
        ],
        env.dir.path(),
    );
}

#[test]
fn list_filters_and_verify_report_what_the_store_knows() {
    let env = store_with_ca(&[]);
    issue(&env, "alice", "dev", &[]);
    issue(&env, "bob", "dev", &["--days", "10"]);
    issue(&env, "node1", "node", &["--hours", "2"]);
    issue(&env, "edge1", "edge", &[]);
    env.ok(&[
        "cert",
        "revoke",
        "edge1",
        "--reason",
        "cessation-of-operation",
        "--passphrase-file",
        "pass",
    ]);

    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["--json", "cert", "list"];
        all.extend_from_slice(args);
        let rows: serde_json::Value = serde_json::from_str(&env.ok(&all)).unwrap();
        rows.as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&[]), ["alice", "bob", "node1", "edge1"]);
    assert_eq!(names(&["--expiring-within", "1d"]), ["node1"]);
    assert_eq!(names(&["--expiring-within", "30d"]), ["bob", "node1"]);
    assert_eq!(names(&["--revoked"]), ["edge1"]);
    assert_eq!(names(&["--profile", "dev"]), ["alice", "bob"]);
    let human = env.ok(&["cert", "list"]);
    assert!(
        human.contains("revoked") && human.contains("4 certificates"),
        "{human}"
    );

    let ok = env.run(&["cert", "verify", "out/alice.crt"]);
    assert_eq!(code(&ok), 0, "{}", stderr(&ok));
    let revoked = env.run(&["--json", "cert", "verify", "out/edge1.crt"]);
    assert_eq!(code(&revoked), 1);
    let verdict: serde_json::Value = serde_json::from_slice(&revoked.stdout).unwrap();
    assert_eq!(verdict["ok"], false);
    assert_eq!(verdict["status"], "revoked");

    // A certificate from another CA fails verification.
    let other = store_with_ca(&[]);
    issue(&other, "mallory", "dev", &[]);
    std::fs::copy(other.path("out/mallory.crt"), env.path("mallory.crt")).unwrap();
    let foreign = env.run(&["cert", "verify", "mallory.crt"]);
    assert_eq!(code(&foreign), 1);
    let report = String::from_utf8_lossy(&foreign.stdout);
    assert!(report.contains("not issued by this store"), "{report}");
}

#[test]
fn a_node_certificate_can_be_bound_to_a_mac() {
    let env = store_with_ca(&[]);
    issue(
        &env,
        "sensor7",
        "node",
        &["--bind-mac", "00:1A:2B:3C:4D:5E"],
    );
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "cert", "show", "sensor7"])).unwrap();
    let binding = show["mac_binding"]["binding"].as_str().unwrap();
    let nonce = hex::decode(show["mac_binding"]["nonce"].as_str().unwrap()).unwrap();
    // Independently: SHA-256 over the 6 MAC bytes then the nonce.
    let mut input = vec![0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e];
    input.extend_from_slice(&nonce);
    use sha2::Digest;
    assert_eq!(hex::encode(sha2::Sha256::digest(&input)), binding);
    let cert = text(&env, "sensor7.crt");
    assert!(cert.contains("1.3.6.1.3.1842.1"), "{cert}");
    assert!(!cert.contains("1.3.6.1.3.1842.1: critical"), "{cert}");
}

#[test]
fn batch_issue_unlocks_once_and_writes_every_bundle() {
    let env = store_with_ca(&[]);
    let names: Vec<String> = (0..40).map(|i| format!("dev{i:03}")).collect();
    std::fs::write(
        env.path("names.txt"),
        format!("# team\n{}\n\n", names.join("\n")),
    )
    .unwrap();
    let out = env.ok(&[
        "--json",
        "cert",
        "issue",
        "--from",
        "names.txt",
        "--profile",
        "dev",
        "--out",
        "bundle",
        "--passphrase-file",
        "pass",
    ]);
    let reports: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 40);
    for name in [&names[0], &names[39]] {
        openssl(
            &[
                "verify",
                "-x509_strict",
                "-purpose",
                "sslclient",
                "-CAfile",
                "ca.crt",
                &format!("{name}.crt"),
            ],
            &env.path("bundle"),
        );
    }
    assert_eq!(std::fs::read_dir(env.path("bundle")).unwrap().count(), 81);
    env.ok(&["audit", "verify"]);

    // A list naming someone twice, or an existing name, issues nothing.
    std::fs::write(env.path("dup.txt"), "x1\nx2\nx1\n").unwrap();
    let before = tree(&env.store());
    let out = env.run(&[
        "cert",
        "issue",
        "--from",
        "dup.txt",
        "--profile",
        "dev",
        "--out",
        "b2",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    std::fs::write(env.path("clash.txt"), "y1\ndev005\n").unwrap();
    let out = env.run(&[
        "cert",
        "issue",
        "--from",
        "clash.txt",
        "--profile",
        "dev",
        "--out",
        "b2",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(tree(&env.store()), before);
    assert!(!env.path("b2").exists());
}

/// A real TLS handshake: openssl s_server with the hub certificate requiring a client
/// certificate, openssl s_client with a dev certificate making an HTTP request through it.
#[test]
fn the_hub_and_dev_certificates_complete_a_mutual_tls_handshake() {
    let env = store_with_ca(&["--intermediate"]);
    issue(
        &env,
        "hub",
        "hub",
        &["--dns", "hub.example.com", "--ip", "127.0.0.1"],
    );
    issue(&env, "alice", "dev", &[]);
    let other = Env::new();
    other.init_named("Other CA", &[]);
    issue(&other, "mallory", "dev", &[]);
    let dir = env.path("out");
    std::fs::copy(other.path("out/mallory.crt"), dir.join("mallory.crt")).unwrap();
    std::fs::copy(other.path("out/mallory.key"), dir.join("mallory.key")).unwrap();

    let port = free_port().to_string();
    let _server = ChildGuard(
        Command::new("openssl")
            .args([
                "s_server",
                "-accept",
                &format!("127.0.0.1:{port}"),
                "-cert",
                "hub.crt",
                "-key",
                "hub.key",
                "-CAfile",
                "ca.crt",
                "-Verify",
                "2",
                "-verify_return_error",
                "-www",
            ])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_err() {
        assert!(Instant::now() < deadline, "s_server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let request = |cert: &str, key: &str| -> String {
        let mut child = Command::new("openssl")
            .args([
                "s_client",
                "-connect",
                &format!("127.0.0.1:{port}"),
                "-cert",
                cert,
                "-key",
                key,
                "-CAfile",
                "ca.crt",
                "-verify_return_error",
                "-verify_hostname",
                "hub.example.com",
                "-ign_eof",
            ])
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"GET / HTTP/1.0\r\n\r\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    };
    let good = request("alice.crt", "alice.key");
    assert!(
        good.contains("Verify return code: 0 (ok)"),
        "the client trusts the hub: {good}"
    );
    assert!(
        good.contains("HTTP/1.0 200 ok"),
        "the hub accepted alice: {good}"
    );

    let bad = request("mallory.crt", "mallory.key");
    assert!(
        !bad.contains("HTTP/1.0 200 ok"),
        "a foreign client certificate was accepted: {bad}"
    );
    assert!(bad.contains("alert"), "{bad}");
}

/// Under an intermediate, a leaf file carries the intermediate after itself, and with the root's
/// CRL over the intermediate beside the issuing CA's, `openssl verify -crl_check_all` trusting
/// only the root passes for a good leaf and refuses a revoked one.
#[test]
fn under_an_intermediate_leaves_carry_their_chain_and_crl_check_all_passes() {
    let env = store_with_ca(&["--intermediate"]);
    issue(&env, "alice", "dev", &[]);
    issue(&env, "bob", "dev", &[]);
    issue(&env, "hub", "hub", &["--dns", "hub.example.com"]);
    env.ok(&["cert", "revoke", "bob", "--passphrase-file", "pass"]);
    let mut args = vec![
        "crl",
        "--out",
        "out/crl.pem",
        "--root-out",
        "out/root-crl.pem",
    ];
    args.extend_from_slice(&unlock());
    let report = env.ok(&args);
    assert!(report.contains("root's CRL 1"), "{report}");
    let root = env.store().join("ca/root.crt");
    let root = root.to_str().unwrap();
    let check = |file: &str, crls: &[&str]| {
        let mut all = vec!["verify", "-x509_strict", "-crl_check_all", "-CAfile", root];
        all.extend(["-untrusted", file]);
        for crl in crls {
            all.extend(["-CRLfile", crl]);
        }
        all.push(file);
        openssl_try(&all, &env.path("out"))
    };
    for file in ["alice.crt", "hub.crt"] {
        let pem = std::fs::read_to_string(env.path(&format!("out/{file}"))).unwrap();
        assert_eq!(
            pem.matches("BEGIN CERTIFICATE").count(),
            2,
            "{file}: leaf + intermediate"
        );
        let (ok, out) = check(file, &["crl.pem", "root-crl.pem"]);
        assert!(ok, "{file}: {out}");
        // Without the root's CRL, the intermediate has none to be checked against.
        let (ok, out) = check(file, &["crl.pem"]);
        assert!(
            !ok && out.contains("unable to get certificate CRL"),
            "{file}: {out}"
        );
    }
    let (ok, out) = check("bob.crt", &["crl.pem", "root-crl.pem"]);
    assert!(!ok && out.contains("revoked"), "{out}");

    // Without an intermediate there is no root CRL to write.
    let flat = store_with_ca(&[]);
    let mut args = vec!["crl", "--out", "crl.pem", "--root-out", "root-crl.pem"];
    args.extend_from_slice(&unlock());
    let out = flat.run(&args);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}
