//! A tampered copy of a real store: the CA certificate replaced, edited, or replaced together
//! with its pin. Each is damage (exit 3) naming the file, and nothing is handed out or changed.

mod common;

use common::*;

fn unlocked(env: &Env, args: &[&str]) -> std::process::Output {
    let mut all = args.to_vec();
    all.extend(["--passphrase-file", "pass"]);
    env.run(&all)
}

fn assert_damage(env: &Env, args: &[&str], file: &str, why: &str) {
    let before = tree(&env.store());
    let out = unlocked(env, args);
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
            assert_damage(&env, args, "root.crt", "replaced or edited");
        }
        assert!(
            !env.path("ca.crt").exists() && !env.path("bundles").exists(),
            "{how}: handed out"
        );
    }
    std::fs::write(&root, &genuine).unwrap();
    env.ok(&["ca", "show"]);
}

#[test]
fn a_certificate_swapped_with_its_pin_cannot_pass_for_the_sealed_key() {
    let env = Env::new();
    env.init(&[]);
    let foreign = Env::new();
    foreign.init_named("Attacker CA", &[]);
    let attacker = std::fs::read_to_string(foreign.store().join("ca/root.crt")).unwrap();
    std::fs::write(env.store().join("ca/root.crt"), &attacker).unwrap();
    // The attacker also rewrites the pin in store.json.
    let state_path = env.store().join("store.json");
    let mut state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state_path).unwrap()).unwrap();
    let digest = <sha2::Sha256 as sha2::Digest>::digest(pem_to_der(&attacker));
    let pin: Vec<String> = digest.iter().map(|b| format!("{b:02X}")).collect();
    let pin = pin.join(":");
    state["ca"]["pinned"]["ca/root.crt"] = pin.into();
    std::fs::write(&state_path, serde_json::to_vec_pretty(&state).unwrap()).unwrap();
    // Whatever signs unlocks the key, and the key is not the certificate's.
    for args in [
        &[
            "cert",
            "issue",
            "alice",
            "--profile",
            "dev",
            "--out",
            "bundles",
        ][..],
        &["crl", "--out", "crl.pem"],
    ] {
        assert_damage(&env, args, "root.crt", "sealed CA key");
    }
    assert!(!env.path("bundles").exists());
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
        assert_damage(&hub.env, args, "root.crt", "replaced or edited");
    }
    assert_eq!(
        tree(&hub.env.path("hubcfg")),
        hubcfg,
        "the hub directory changed"
    );
    assert!(!hub.env.path("elsewhere").exists() && !hub.env.path("bundles").exists());
}
