//! `init` and `ca show|export|add-identity`, checked with openssl.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::*;

#[test]
fn every_key_type_makes_a_root_openssl_accepts_as_a_ca() {
    for key_type in ["ecdsa-p256", "ecdsa-p384", "ed25519", "rsa-3072"] {
        let env = Env::new();
        env.init(&["--key-type", key_type, "--days", "400"]);
        let dir = env.store().join("ca");
        let text = openssl(&["x509", "-in", "root.crt", "-noout", "-text"], &dir);
        assert!(
            text.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"),
            "{key_type}: {text}"
        );
        assert!(
            text.contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign"),
            "{key_type}: {text}"
        );
        assert!(text.contains("X509v3 Subject Key Identifier"), "{text}");
        assert!(text.contains("Subject: CN = Test Root CA"), "{text}");
        let verified = openssl(
            &["verify", "-x509_strict", "-CAfile", "root.crt", "root.crt"],
            &dir,
        );
        assert!(verified.contains("root.crt: OK"), "{verified}");

        // A 16-byte serial (openssl prints it colon-separated on its own line).
        let serial = openssl(&["x509", "-in", "root.crt", "-noout", "-serial"], &dir);
        let hex = serial.trim().trim_start_matches("serial=");
        assert_eq!(hex.len(), 32, "{serial}");

        // Validity is exactly what was asked for.
        let dates = openssl(
            &[
                "x509",
                "-in",
                "root.crt",
                "-noout",
                "-startdate",
                "-enddate",
            ],
            &dir,
        );
        assert!(
            dates.contains("notBefore=") && dates.contains("notAfter="),
            "{dates}"
        );
        let show: serde_json::Value =
            serde_json::from_str(&env.ok(&["--json", "ca", "show"])).unwrap();
        assert_eq!(show["root"]["key_type"], key_type);
        let start = time::OffsetDateTime::parse(
            show["root"]["not_before"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        let end = time::OffsetDateTime::parse(
            show["root"]["not_after"].as_str().unwrap(),
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap();
        assert_eq!((end - start).whole_days(), 400);
    }
}

#[test]
fn intermediate_is_signed_by_the_root_and_cannot_sign_further_cas() {
    let env = Env::new();
    env.init(&["--intermediate", "--intermediate-days", "100"]);
    let dir = env.store().join("ca");
    let verified = openssl(
        &[
            "verify",
            "-x509_strict",
            "-CAfile",
            "root.crt",
            "intermediate.crt",
        ],
        &dir,
    );
    assert!(verified.contains("intermediate.crt: OK"), "{verified}");
    let text = openssl(
        &["x509", "-in", "intermediate.crt", "-noout", "-text"],
        &dir,
    );
    assert!(text.contains("CA:TRUE, pathlen:0"), "{text}");
    assert!(text.contains("X509v3 Authority Key Identifier"), "{text}");
    assert!(text.contains("Issuer: CN = Test Root CA"), "{text}");

    // The exported chain lists the issuing intermediate first, then the root.
    env.ok(&["ca", "export", "--out", "chain.pem"]);
    let chain = std::fs::read_to_string(env.path("chain.pem")).unwrap();
    assert_eq!(chain.matches("BEGIN CERTIFICATE").count(), 2);
    let intermediate = std::fs::read_to_string(dir.join("intermediate.crt")).unwrap();
    assert!(chain.starts_with(&intermediate));
}

#[test]
fn ca_show_reports_the_fingerprint_openssl_computes() {
    let env = Env::new();
    env.init(&[]);
    let show: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "ca", "show"])).unwrap();
    let fingerprint = openssl(
        &[
            "x509",
            "-in",
            "root.crt",
            "-noout",
            "-fingerprint",
            "-sha256",
        ],
        &env.store().join("ca"),
    );
    let expected = fingerprint.trim().rsplit('=').next().unwrap();
    assert_eq!(show["root"]["fingerprint_sha256"], expected);
    assert_eq!(show["root"]["subject"], "CN=Test Root CA");
    assert_eq!(show["key_type"], "ecdsa-p256");
    // Human output names the same things.
    let human = env.ok(&["ca", "show"]);
    assert!(
        human.contains(expected) && human.contains("not after"),
        "{human}"
    );
}

#[test]
fn no_private_key_is_stored_in_plaintext_and_modes_are_private() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    env.ok(&[
        "ca",
        "add-identity",
        "--out",
        "ci.identity",
        "--passphrase-file",
        "pass",
    ]);
    for (path, (mode, _)) in tree(&env.store()) {
        let full = env.store().join(&path);
        if full.is_dir() {
            assert_eq!(mode, 0o700, "{}", path.display());
        } else {
            assert_eq!(mode, 0o600, "{}", path.display());
            let bytes = std::fs::read(&full).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("PRIVATE KEY"),
                "{} holds a plaintext key",
                path.display()
            );
            assert!(
                !text.contains("AGE-SECRET-KEY"),
                "{} holds a plaintext identity",
                path.display()
            );
        }
    }
    // The sealed keys are age files.
    let sealed = std::fs::read_to_string(env.store().join("ca/root.key.age")).unwrap();
    assert!(sealed.starts_with("-----BEGIN AGE ENCRYPTED FILE-----"));
}

#[test]
fn an_enrolled_identity_unlocks_without_the_passphrase() {
    let env = Env::new();
    env.init(&[]);
    env.ok(&[
        "ca",
        "add-identity",
        "--out",
        "ci.identity",
        "--passphrase-file",
        "pass",
    ]);
    let mode = std::fs::metadata(env.path("ci.identity"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600);

    // The identity now unlocks the store (here to enrol a second recipient).
    let second = age::x25519::Identity::generate().to_public().to_string();
    let second = second.as_str();
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        second,
        "--identity",
        "ci.identity",
    ]);
    // Enrolling it twice is refused.
    let again = env.run(&[
        "ca",
        "add-identity",
        "--recipient",
        second,
        "--identity",
        "ci.identity",
    ]);
    assert_eq!(code(&again), 2, "{}", stderr(&again));

    // An identity that was never enrolled cannot unlock.
    let stranger = age::x25519::Identity::generate();
    write_secret(
        &env.path("stranger.identity"),
        age::secrecy::ExposeSecret::expose_secret(&stranger.to_string()),
    );
    let before = tree(&env.store());
    let third = age::x25519::Identity::generate().to_public().to_string();
    let third = third.as_str();
    let out = env.run(&[
        "ca",
        "add-identity",
        "--recipient",
        third,
        "--identity",
        "stranger.identity",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("does not unlock this store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);

    let log = env.ok(&["audit", "log"]);
    assert_eq!(log.matches("keyring.add").count(), 2, "{log}");
}

#[test]
fn passphrase_from_the_environment_unlocks() {
    let env = Env::new();
    env.init(&[]);
    let out = env
        .cmd()
        .env("CREDCTL_PASSPHRASE", PASSPHRASE)
        .args(["ca", "add-identity", "--out", "id"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = env
        .cmd()
        .env("CREDCTL_PASSPHRASE_FILE", "pass")
        .args(["ca", "add-identity", "--out", "id2"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn the_passphrase_can_be_changed_and_the_old_one_stops_working() {
    let env = Env::new();
    env.init(&[]);
    write_secret(&env.path("new-pass"), "a brand new throwaway passphrase\n");
    // A wrong current passphrase changes nothing.
    let before = tree(&env.store());
    let out = env.run(&[
        "ca",
        "passwd",
        "--new-passphrase-file",
        "new-pass",
        "--scrypt-log-n",
        FAST_SCRYPT,
        "--passphrase-file",
        "wrong-pass",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(tree(&env.store()), before);
    // A too short new one is refused, also without change.
    write_secret(&env.path("short"), "short\n");
    let out = env.run(&[
        "ca",
        "passwd",
        "--new-passphrase-file",
        "short",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(tree(&env.store()), before);

    env.ok(&[
        "ca",
        "passwd",
        "--new-passphrase-file",
        "new-pass",
        "--scrypt-log-n",
        FAST_SCRYPT,
        "--passphrase-file",
        "pass",
    ]);
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    let old = env.run(&[
        "ca",
        "add-identity",
        "--recipient",
        &recipient,
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(
        code(&old),
        2,
        "the old passphrase still unlocks: {}",
        stderr(&old)
    );
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        &recipient,
        "--passphrase-file",
        "new-pass",
    ]);
    assert!(env.ok(&["audit", "log"]).contains("keyring.passwd"));
}
