//! A tampered copy of a real store, one file at a time: each is found by `audit verify --ca`
//! (exit 1) and refused by the next command, reading or changing (exit 3, naming the file),
//! with the store, the hub directory and the hand-outs unchanged.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

const SINCE_SIGNED: &str = "since the store last signed its state";

fn assert_damage(env: &Env, args: &[&str], file: &str, why: &str) {
    let before = tree(&env.store());
    let out = env.run_unlocked(args);
    assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains(file) && said.contains(why),
        "{args:?}: {said}"
    );
    assert_eq!(tree(&env.store()), before, "{args:?} changed the store");
}

fn pem_to_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    data_encoding::BASE64.decode(body.as_bytes()).unwrap()
}

fn der_to_pem(der: &[u8]) -> String {
    let b64 = data_encoding::BASE64.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

#[test]
fn a_replaced_or_edited_ca_certificate_is_damage() {
    let env = Env::new();
    env.init(&[]);
    let foreign = Env::new();
    foreign.init_named("Attacker CA", &[]);
    let root = env.store().join("ca/root.crt");
    let genuine = std::fs::read_to_string(&root).unwrap();
    let replacements = [
        (
            "replaced",
            std::fs::read_to_string(foreign.store().join("ca/root.crt")).unwrap(),
        ),
        ("edited", {
            // One byte of the signature flipped: it still parses as a certificate.
            let mut der = pem_to_der(&genuine);
            let last = der.len() - 1;
            der[last] ^= 0x01;
            der_to_pem(&der)
        }),
    ];
    for (how, pem) in replacements {
        std::fs::write(&root, &pem).unwrap();
        assert!(
            openssl_try(
                &["x509", "-noout", "-in", root.to_str().unwrap()],
                env.dir.path()
            )
            .0,
            "{how}: still parses"
        );
        for args in [
            &["ca", "show"][..],
            &["ca", "export", "--out", "ca.crt"],
            &[
                "cert",
                "issue",
                "alice",
                "--profile",
                "dev",
                "--out",
                "bundles",
            ],
            &["crl", "--out", "crl.pem"],
        ] {
            assert_damage(&env, args, "root.crt", SINCE_SIGNED);
        }
        assert!(
            !env.path("ca.crt").exists() && !env.path("bundles").exists(),
            "{how}: handed out"
        );
    }
    std::fs::write(&root, &genuine).unwrap();
    env.ok(&["ca", "show"]);
}

/// SHA-256 of every file a statement covers, named as credctl names them.
fn store_digests(root: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if ["store.lock", "apply.lock", "txn", "statement.json"].contains(&rel.as_str()) {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let digest = <sha2::Sha256 as sha2::Digest>::digest(std::fs::read(&path).unwrap());
                out.insert(rel, hex_lower(&digest));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn hex_lower(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn fingerprint(der: &[u8]) -> String {
    let digest = <sha2::Sha256 as sha2::Digest>::digest(der);
    let hex: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
    hex.join(":")
}

/// The statement's JSON as credctl signs it (fields in order, no signature), from `fields`;
/// written out here as an outside tool would.
fn unsigned_body(
    seq: &serde_json::Value,
    hash: &serde_json::Value,
    signer: &str,
    algorithm: &str,
    files: &str,
) -> String {
    format!(
        r#"{{"format":"credctl-state-statement","version":1,"audit":{{"seq":{seq},"hash":{hash}}},"signer":"{signer}","algorithm":"{algorithm}","files":{files},"signature":""}}"#
    )
}

/// What the signature covers: a domain line, then the unsigned body.
fn signed_message(body: &str) -> Vec<u8> {
    let mut message = b"credctl signed store state v1\n".to_vec();
    message.extend(body.as_bytes());
    message
}

/// Signs a statement of the store's files as they are now with `key` (an openssl P-256 key) as
/// if `cert_der` were the store's CA: what someone with write access and a CA of their own can
/// do.
fn forge_statement(env: &Env, key: &str, cert_der: &[u8]) {
    let store = env.store();
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("store.json")).unwrap()).unwrap();
    let files = serde_json::to_string(&store_digests(&store)).unwrap();
    let body = unsigned_body(
        &state["audit"]["seq"],
        &state["audit"]["hash"],
        &fingerprint(cert_der),
        "ecdsa-p256-sha256",
        &files,
    );
    std::fs::write(env.path("message"), signed_message(&body)).unwrap();
    openssl(
        &["dgst", "-sha256", "-sign", key, "-out", "sig", "message"],
        env.dir.path(),
    );
    let signature = data_encoding::BASE64.encode(&std::fs::read(env.path("sig")).unwrap());
    let signed = body.replace(
        r#""signature":"""#,
        &format!(r#""signature":"{signature}""#),
    );
    std::fs::write(store.join("statement.json"), signed).unwrap();
}

#[test]
fn the_signed_state_verifies_with_openssl_and_lists_every_file() {
    for (key_type, cert) in [("ecdsa-p384", "intermediate.crt"), ("ed25519", "root.crt")] {
        let env = Env::new();
        let extra = match cert {
            "intermediate.crt" => vec!["--key-type", key_type, "--intermediate"],
            _ => vec!["--key-type", key_type],
        };
        env.init(&extra);
        issue_alice(&env);
        let store = env.store();
        let statement: serde_json::Value =
            serde_json::from_slice(&std::fs::read(store.join("statement.json")).unwrap()).unwrap();
        let files: BTreeMap<String, String> =
            serde_json::from_value(statement["files"].clone()).unwrap();
        assert_eq!(files, store_digests(&store), "{key_type}");
        let body = unsigned_body(
            &statement["audit"]["seq"],
            &statement["audit"]["hash"],
            statement["signer"].as_str().unwrap(),
            statement["algorithm"].as_str().unwrap(),
            &serde_json::to_string(&files).unwrap(),
        );
        std::fs::write(env.path("message"), signed_message(&body)).unwrap();
        let signature = data_encoding::BASE64
            .decode(statement["signature"].as_str().unwrap().as_bytes())
            .unwrap();
        std::fs::write(env.path("sig"), signature).unwrap();
        let cert = format!("ca-store/ca/{cert}");
        let pubkey = openssl(&["x509", "-in", &cert, "-noout", "-pubkey"], env.dir.path());
        std::fs::write(env.path("pub.pem"), pubkey).unwrap();
        let fingerprint = openssl(
            &["x509", "-in", &cert, "-noout", "-fingerprint", "-sha256"],
            env.dir.path(),
        );
        assert!(
            fingerprint.contains(statement["signer"].as_str().unwrap()),
            "{fingerprint}"
        );
        let verified = match key_type {
            "ed25519" => openssl(
                &[
                    "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in",
                    "message", "-sigfile", "sig",
                ],
                env.dir.path(),
            ),
            _ => openssl(
                &[
                    "dgst",
                    "-sha384",
                    "-verify",
                    "pub.pem",
                    "-signature",
                    "sig",
                    "message",
                ],
                env.dir.path(),
            ),
        };
        assert!(
            verified.contains("Verified") || verified.contains("Success"),
            "{key_type}: {verified}"
        );
        // And a message with one digest changed does not.
        let tampered = body.replacen("\"store.json\":\"", "\"store.json\":\"0", 1);
        std::fs::write(env.path("message"), signed_message(&tampered)).unwrap();
        let args: Vec<&str> = match key_type {
            "ed25519" => vec![
                "pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "message",
                "-sigfile", "sig",
            ],
            _ => vec![
                "dgst",
                "-sha384",
                "-verify",
                "pub.pem",
                "-signature",
                "sig",
                "message",
            ],
        };
        assert!(
            !openssl_try(&args, env.dir.path()).0,
            "{key_type}: a changed digest verified"
        );
    }
}

/// An attacker's self-signed P-256 CA made with openssl: (key file, certificate DER).
fn attacker_ca(env: &Env) -> (String, Vec<u8>) {
    openssl(
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-keyout",
            "evil.key",
            "-out",
            "evil.crt",
            "-subj",
            "/CN=Test Root CA",
            "-days",
            "30",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
        ],
        env.dir.path(),
    );
    let pem = std::fs::read_to_string(env.path("evil.crt")).unwrap();
    ("evil.key".into(), pem_to_der(&pem))
}

#[test]
fn a_forged_statement_is_found_by_its_signature_and_a_forged_ca_by_the_key_and_by_audit_verify_ca()
{
    let env = Env::new();
    env.init(&[]);
    env.ok(&["ca", "export", "--out", "genuine-ca.crt"]);
    let genuine_fingerprint = fingerprint(&pem_to_der(
        &std::fs::read_to_string(env.store().join("ca/root.crt")).unwrap(),
    ));
    env.ok(&["cert", "list", "--ca-fingerprint", &genuine_fingerprint]);
    let out = env.run(&["cert", "list", "--ca-fingerprint", "12:34"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    issue_alice(&env);
    // A statement forged over an edited registry, signed by a key that is not the CA's.
    let index = env.store().join("certs/index.jsonl");
    let genuine_index = std::fs::read(&index).unwrap();
    std::fs::write(&index, b"").unwrap();
    let (key, evil) = attacker_ca(&env);
    forge_statement(&env, &key, &evil);
    for args in [
        &["cert", "list"][..],
        &["dev", "list"],
        &["crl", "--out", "crl.pem"],
    ] {
        assert_damage(&env, args, "statement.json", "not this store's CA");
    }
    let out = env.run(&["audit", "verify", "--ca", "genuine-ca.crt"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("statement.json"), "{}", stderr(&out));
    std::fs::write(&index, genuine_index).unwrap();

    // The attacker also swaps the CA certificate and its pin for theirs: the statement now
    // checks against the store's own files, so only the sealed key (when a command unlocks it)
    // and the CA kept apart (`audit verify --ca`) can tell.
    std::fs::write(env.store().join("ca/root.crt"), der_to_pem(&evil)).unwrap();
    let state_path = env.store().join("store.json");
    let mut state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state_path).unwrap()).unwrap();
    state["ca"]["pinned"]["ca/root.crt"] = fingerprint(&evil).into();
    std::fs::write(&state_path, serde_json::to_vec_pretty(&state).unwrap()).unwrap();
    forge_statement(&env, &key, &evil);
    for args in [
        &[
            "cert",
            "issue",
            "bob",
            "--profile",
            "dev",
            "--out",
            "bundles",
        ][..],
        &["crl", "--out", "crl.pem"],
    ] {
        assert_damage(&env, args, "root.crt", "sealed CA key");
    }
    assert!(!env.path("bundles").exists() && !env.path("crl.pem").exists());
    // A reading command cannot tell without an outside pin; with one it refuses too.
    let pin = genuine_fingerprint.replace(':', "").to_lowercase();
    assert_damage(
        &env,
        &["cert", "list", "--ca-fingerprint", &pin],
        "root.crt",
        "--ca-fingerprint",
    );
    let out = env.run(&["audit", "verify", "--ca", "genuine-ca.crt"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("root.crt") && stderr(&out).contains("not the CA given with --ca"),
        "{}",
        stderr(&out)
    );
}

fn issue_alice(env: &Env) {
    env.ok(&[
        "cert",
        "issue",
        "alice",
        "--profile",
        "dev",
        "--out",
        "bundles-first",
        "--passphrase-file",
        "pass",
    ]);
}

#[test]
fn a_swapped_ca_certificate_never_reaches_the_hub() {
    let hub = common::hub::Hub::new("verify-and-map", &[]);
    hub.add_dev("alice", &[]);
    let foreign = Env::new();
    foreign.init_named("Attacker CA", &[]);
    std::fs::copy(
        foreign.store().join("ca/root.crt"),
        hub.env.store().join("ca/root.crt"),
    )
    .unwrap();
    let hubcfg = tree(&hub.env.path("hubcfg"));
    for args in [
        &["dev", "add", "bob", "--out", "bundles"][..],
        &["dev", "remove", "alice"],
        &["hub", "render", "--out", "elsewhere"],
    ] {
        assert_damage(&hub.env, args, "root.crt", SINCE_SIGNED);
    }
    assert_eq!(
        tree(&hub.env.path("hubcfg")),
        hubcfg,
        "the hub directory changed"
    );
    assert!(!hub.env.path("elsewhere").exists() && !hub.env.path("bundles").exists());
}

fn edit_json(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    edit(&mut value);
    std::fs::write(path, serde_json::to_vec(&value).unwrap()).unwrap();
}

/// A real store with a hub, developers, a revoked certificate, a CRL and a NATS operator; a
/// foreign store to take parts from.
fn tamper_fixture() -> (common::hub::Hub, Env) {
    let hub = common::hub::Hub::new("verify-and-map", &[]);
    hub.add_dev("alice", &["--allow-pub", "app.>"]);
    hub.add_dev("bob", &[]);
    let env = &hub.env;
    for args in [
        &["cert", "issue", "old", "--profile", "dev", "--out", "old"][..],
        &["cert", "revoke", "old", "--reason", "key-compromise"],
        &["crl", "--out", "crl.pem"],
        &["nats", "init", "--operator", "acme"],
    ] {
        env.ok_unlocked(args);
    }
    env.ok(&["ca", "export", "--out", "genuine-ca.crt"]);
    let foreign = Env::new();
    foreign.init_named("Attacker CA", &[]);
    (hub, foreign)
}

#[test]
fn each_tampered_file_is_found_by_audit_verify_and_refused_by_the_next_command() {
    let (hub, foreign) = tamper_fixture();
    let env = &hub.env;
    let store = env.store();
    copy_tree(&store, &env.path("backup"));
    let foreign_root = foreign.store().join("ca/root.crt");
    let foreign_pub = foreign.store().join("keyring/store.pub");
    type Tamper<'a> = Box<dyn Fn(&Path) + 'a>;
    let cases: Vec<(&str, Tamper<'_>, &str)> = vec![
        (
            "CA certificate replaced",
            Box::new(|s| drop(std::fs::copy(&foreign_root, s.join("ca/intermediate.crt")))),
            "ca/intermediate.crt",
        ),
        (
            "registry revoke line deleted",
            Box::new(|s| {
                let index = std::fs::read_to_string(s.join("certs/index.jsonl")).unwrap();
                let kept: String = index
                    .lines()
                    .filter(|l| !l.contains("\"revoke\""))
                    .map(|l| format!("{l}\n"))
                    .collect();
                assert_ne!(kept, index, "the fixture has a revoke line");
                std::fs::write(s.join("certs/index.jsonl"), kept).unwrap();
            }),
            "certs/index.jsonl",
        ),
        (
            "members edited to grant >",
            Box::new(|s| {
                edit_json(&s.join("hub/members.json"), |m| {
                    m["devs"]["bob"]["permissions"]["publish_allow"] = serde_json::json!([">"]);
                })
            }),
            "hub/members.json",
        ),
        (
            "CRL number rolled back",
            Box::new(|s| edit_json(&s.join("store.json"), |st| st["crl_number"] = 0.into())),
            "store.json",
        ),
        (
            "whole log and its head rewritten",
            Box::new(|s| {
                let log = std::fs::read_to_string(s.join("audit.log")).unwrap();
                let kept: Vec<&str> = log.lines().take(3).collect();
                let last: serde_json::Value = serde_json::from_str(kept[2]).unwrap();
                let text: String = kept.iter().map(|l| format!("{l}\n")).collect();
                std::fs::write(s.join("audit.log"), text).unwrap();
                edit_json(&s.join("store.json"), |st| {
                    st["audit"]["seq"] = last["seq"].clone();
                    st["audit"]["hash"] = last["hash"].clone();
                });
            }),
            "audit.log",
        ),
        (
            "public key swapped",
            Box::new(|s| drop(std::fs::copy(&foreign_pub, s.join("keyring/store.pub")))),
            "keyring/store.pub",
        ),
        (
            "a file planted",
            Box::new(|s| std::fs::write(s.join("nats/accounts/EVIL.json"), "{}").unwrap()),
            "nats/accounts/EVIL.json",
        ),
        (
            "statement digests rewritten without the key",
            Box::new(|s| {
                edit_json(&s.join("hub/members.json"), |m| {
                    m["devs"]["bob"]["permissions"]["publish_allow"] = serde_json::json!([">"]);
                });
                let digest = <sha2::Sha256 as sha2::Digest>::digest(
                    std::fs::read(s.join("hub/members.json")).unwrap(),
                );
                edit_json(&s.join("statement.json"), |st| {
                    st["files"]["hub/members.json"] = hex_lower(&digest).into();
                });
            }),
            "statement.json",
        ),
        (
            "statement deleted",
            Box::new(|s| std::fs::remove_file(s.join("statement.json")).unwrap()),
            "statement.json",
        ),
    ];
    let hubcfg = tree(&env.path("hubcfg"));
    for (what, tamper, file) in &cases {
        std::fs::remove_dir_all(&store).unwrap();
        copy_tree(&env.path("backup"), &store);
        env.ok(&["audit", "verify", "--ca", "genuine-ca.crt"]);
        tamper(&store);
        let before = tree(&store);
        let out = env.run(&["audit", "verify", "--ca", "genuine-ca.crt"]);
        assert_eq!(code(&out), 1, "{what}: audit verify: {}", stderr(&out));
        assert!(stderr(&out).contains(file), "{what}: {}", stderr(&out));
        for args in [
            &["dev", "add", "carol", "--out", "devs2"][..],
            &["cert", "revoke", "alice"],
            &["cert", "list"],
            &["dev", "list"],
        ] {
            let out = env.run_unlocked(args);
            assert_eq!(code(&out), 3, "{what}: {args:?}: {}", stderr(&out));
            let said = stderr(&out);
            assert!(said.contains(file), "{what}: {args:?}: {said}");
            assert_eq!(
                said.lines().count(),
                2,
                "{what}: one line and a hint: {said}"
            );
            assert_eq!(tree(&store), before, "{what}: {args:?} changed the store");
        }
        assert!(!env.path("devs2").exists(), "{what}: handed out");
        assert_eq!(tree(&env.path("hubcfg")), hubcfg, "{what}: the hub changed");
    }
}

#[test]
fn a_store_made_before_signing_is_read_with_a_warning_and_signed_once() {
    let env = Env::new();
    env.init(&[]);
    issue_alice(&env);
    // What a credctl before format 2 left: no statement.
    std::fs::remove_file(env.store().join("statement.json")).unwrap();
    edit_json(&env.store().join("store.json"), |st| {
        st["version"] = 1.into()
    });
    let before = tree(&env.store());

    let out = env.run(&["cert", "list"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("audit sign"), "{}", stderr(&out));
    for args in [&["cert", "revoke", "alice"][..], &["audit", "verify"]] {
        let out = env.run_unlocked(args);
        assert_eq!(code(&out), 3, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("audit sign"), "{}", stderr(&out));
    }
    assert_eq!(tree(&env.store()), before);

    let signed = env.ok(&["audit", "sign", "--passphrase-file", "pass"]);
    assert!(signed.contains("signed the store's state"), "{signed}");
    env.ok(&["ca", "export", "--out", "ca.crt"]);
    env.ok(&["audit", "verify", "--ca", "ca.crt"]);
    let again = env.ok(&["audit", "sign"]);
    assert!(again.contains("already signed"), "{again}");
    env.ok(&["cert", "revoke", "alice", "--passphrase-file", "pass"]);
    let log = env.ok(&["audit", "log"]);
    assert!(log.contains("store.sign"), "{log}");
}
