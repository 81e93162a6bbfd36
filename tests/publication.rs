//! What verifiers elsewhere need to find by themselves: CRL Distribution Points and Authority
//! Information Access in every certificate issued once they are set, and CRLs valid for the
//! store's lifetime. Checked with openssl and pkilint (`lint_pkix_cert`, `lint_crl`; `pip
//! install pkilint`): no ERROR or WARNING.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// pkilint on `file` at WARNING and above: its findings (empty when clean).
fn pkilint(dir: &Path, tool: &str, args: &[&str], file: &str) -> String {
    let out = Command::new(tool)
        .arg("lint")
        .args(args)
        .args(["-s", "WARNING", file])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is installed (pip install pkilint): {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{tool} failed to run: {said}"
    );
    said.trim().to_owned()
}

#[test]
fn urls_and_the_crl_lifetime_reach_every_certificate_and_crl_and_lint_clean() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    let dir = env.dir.path();
    // Before: no URLs in what is issued.
    env.ok(&words(
        "cert issue before --profile node --out before --passphrase-file pass",
    ));
    let text = openssl(&words("x509 -in before/before.crt -noout -text"), dir);
    assert!(!text.contains("CRL Distribution Points"), "{text}");

    assert_refused_unchanged(
        &env,
        &[
            (
                &words("ca settings --crl-days 0")[..],
                2,
                "--crl-days must be 1 to 366",
            ),
            (
                &words("ca settings --crl-days 400")[..],
                2,
                "--crl-days must be 1 to 366",
            ),
            (
                &words("ca settings --crl-url https://pki.example.com/ca.crl")[..],
                2,
                "expected an http://",
            ),
            (
                &words("ca settings --ca-issuers-url pki.example.com")[..],
                2,
                "expected an http://",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
    env.ok(&words(
        "ca settings --crl-days 30 --crl-url http://pki.example.com/ca.crl --ca-issuers-url http://pki.example.com/intermediate.crt --passphrase-file pass",
    ));
    assert!(env.ok(&words("audit log")).contains("ca.settings"));
    let issued = [
        (
            "alice",
            "cert issue alice --profile dev --email alice@example.com --out o",
        ),
        (
            "edge1",
            "cert issue edge1 --profile edge --dns edge1.example.com --out o",
        ),
        ("n1", "cert issue n1 --profile node --out o"),
        (
            "hub1",
            "cert issue hub1 --profile hub --dns hub.example.com --ip 192.0.2.10 --out o",
        ),
        ("sys", "cert issue sys --profile system --out o"),
        (
            "rsa",
            "cert issue rsa --profile node --key-type rsa-3072 --out o",
        ),
        (
            "ed",
            "cert issue ed --profile node --key-type ed25519 --out o",
        ),
    ];
    for (name, line) in issued {
        let mut args = words(line);
        args.extend(["--passphrase-file", "pass"]);
        env.ok(&args);
        let cert = format!("o/{name}.crt");
        let text = openssl(&["x509", "-in", &cert, "-noout", "-text"], dir);
        assert!(
            text.contains("URI:http://pki.example.com/ca.crl"),
            "{name}: no CRL distribution point:\n{text}"
        );
        assert!(
            text.contains("CA Issuers - URI:http://pki.example.com/intermediate.crt"),
            "{name}: no AIA:\n{text}"
        );
        // NAME.crt holds the chain after the certificate: pkilint reads one PEM block.
        let leaf = format!("o/{name}.leaf.pem");
        openssl(&["x509", "-in", &cert, "-out", &leaf], dir);
        let findings = pkilint(dir, "lint_pkix_cert", &[], &leaf);
        assert!(findings.is_empty(), "{name}: pkilint:\n{findings}");
    }

    // The CRL lives as long as the store says, unless --days says otherwise.
    env.ok(&words(
        "cert revoke n1 --reason key-compromise --passphrase-file pass",
    ));
    let out = env.ok(&words(
        "crl --out crl.pem --root-out root-crl.pem --passphrase-file pass",
    ));
    assert!(out.contains("next update"), "{out}");
    let next = openssl(&words("crl -in crl.pem -noout -nextupdate"), dir);
    let last = openssl(&words("crl -in crl.pem -noout -lastupdate"), dir);
    let parse = |line: &str| {
        let date = line.split_once('=').unwrap().1.trim().to_owned();
        let out = Command::new("date")
            .args(["-u", "-d", &date, "+%s"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .trim()
            .parse::<i64>()
            .unwrap()
    };
    assert_eq!(parse(&next) - parse(&last), 30 * 86_400, "{last} {next}");
    for file in ["crl.pem", "root-crl.pem"] {
        let findings = pkilint(dir, "lint_crl", &["-t", "CRL", "-p", "PKIX"], file);
        assert!(findings.is_empty(), "{file}: pkilint:\n{findings}");
    }
    env.ok(&words(
        "crl --out short.pem --days 2 --passphrase-file pass",
    ));
    let next = openssl(&words("crl -in short.pem -noout -nextupdate"), dir);
    let last = openssl(&words("crl -in short.pem -noout -lastupdate"), dir);
    assert_eq!(parse(&next) - parse(&last), 2 * 86_400);

    // `ca show` says when the next CRL is due; the settings can be cleared.
    let show: serde_json::Value = serde_json::from_str(&env.ok(&words("--json ca show"))).unwrap();
    assert_eq!(show["settings"]["crl_days"], 30);
    assert_eq!(show["crl"]["overdue"], false);
    assert!(
        show["crl"]["next_update"].as_str().unwrap().ends_with('Z'),
        "{show}"
    );
    env.ok(&words(
        "ca settings --no-crl-url --no-ca-issuers-url --passphrase-file pass",
    ));
    env.ok(&words(
        "cert issue after --profile node --out after --passphrase-file pass",
    ));
    let text = openssl(&words("x509 -in after/after.crt -noout -text"), dir);
    assert!(
        !text.contains("CRL Distribution Points") && !text.contains("CA Issuers"),
        "{text}"
    );
    env.ok(&words("audit verify"));
}

#[test]
fn ed25519_and_rsa_developer_bundles_log_in_and_their_pkcs12_copies_open() {
    use common::hub::Hub;
    use common::nats::{NatsServer, connect, round_trip};
    let hub = Hub::new("password", &[]);
    let env = &hub.env;
    let dir = env.dir.path();
    write_secret(&env.path("p12pass"), "bundle passphrase\n");
    let p12 = ["--p12", "--p12-passphrase-file", "p12pass"];
    hub.add_dev("ed", &[&["--key-type", "ed25519"][..], &p12[..]].concat());
    hub.add_dev("rsa", &[&["--key-type", "rsa-3072"][..], &p12[..]].concat());
    let text = openssl(&words("x509 -in devs/ed.crt -noout -text"), dir);
    assert!(text.contains("ED25519"), "{text}");
    let text = openssl(&words("x509 -in devs/rsa.crt -noout -text"), dir);
    assert!(text.contains("(3072 bit)"), "{text}");

    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    for name in ["ed", "rsa"] {
        let client = connect(&hub.url(), &hub.creds(name, true))
            .unwrap_or_else(|e| panic!("{name}'s bundle: {e}"));
        round_trip(&client, "app.hello").unwrap_or_else(|e| panic!("{name}: {e}"));
    }

    // A renewal hands out a PKCS#12 copy of the new key as well.
    env.ok(&[
        &words("cert renew ed --out renewed --passphrase-file pass")[..],
        &p12[..],
    ]
    .concat());
    for (name, class, file) in [
        ("ed", "Ed25519PrivateKey", "devs/ed.p12"),
        ("rsa", "RSAPrivateKey", "devs/rsa.p12"),
        ("ed", "Ed25519PrivateKey", "renewed/ed.p12"),
    ] {
        let file = file.to_owned();
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(env.path(&file)).unwrap().permissions(),
        );
        assert_eq!(mode & 0o777, 0o600, "{file}");
        let info = openssl(
            &[
                "pkcs12",
                "-info",
                "-noout",
                "-in",
                &file,
                "-passin",
                "pass:bundle passphrase",
            ],
            dir,
        );
        assert!(
            info.contains("PBES2, PBKDF2, AES-256-CBC") && info.contains("MAC: sha256"),
            "{info}"
        );
        let (ok, said) = openssl_try(
            &["pkcs12", "-noout", "-in", &file, "-passin", "pass:wrong"],
            dir,
        );
        assert!(!ok, "a wrong passphrase opened {file}: {said}");
        let script = "import sys\n\
            from cryptography.hazmat.primitives.serialization import pkcs12\n\
            data = open(sys.argv[1], 'rb').read()\n\
            key, cert, chain = pkcs12.load_key_and_certificates(data, sys.argv[2].encode())\n\
            print(type(key).__name__, cert.subject.rfc4514_string(), len(chain))\n\
            try:\n    pkcs12.load_key_and_certificates(data, b'wrong')\n    print('OPENED')\n\
            except ValueError:\n    print('refused')\n";
        let out = Command::new("python3")
            .args(["-c", script, &file, "bundle passphrase"])
            .current_dir(dir)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            said.contains(class) && said.contains(&format!("CN={name}")),
            "{said}"
        );
        assert!(
            said.contains(" 2\n"),
            "the chain (intermediate and root): {said}"
        );
        assert!(said.contains("refused"), "{said}");
    }
    // The renewal's copy holds the renewed certificate.
    openssl(
        &[
            "pkcs12",
            "-in",
            "renewed/ed.p12",
            "-nokeys",
            "-clcerts",
            "-passin",
            "pass:bundle passphrase",
            "-out",
            "renewed-leaf.pem",
        ],
        dir,
    );
    let fingerprint = |file: &str| {
        openssl(
            &["x509", "-in", file, "-noout", "-fingerprint", "-sha256"],
            dir,
        )
    };
    assert_eq!(
        fingerprint("renewed-leaf.pem"),
        fingerprint("renewed/ed.crt"),
        "the renewal's PKCS#12 holds another certificate"
    );
    // An edge's bundle too.
    hub.add_edge("e1", &p12);
    let info = openssl(
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "edge/e1.p12",
            "-passin",
            "pass:bundle passphrase",
        ],
        dir,
    );
    assert!(
        info.contains("AES-256-CBC") && info.contains("Shrouded Keybag"),
        "{info}"
    );
    // `cert export` makes the same from a holder's key file; a key of another certificate,
    // or an existing output, is refused.
    env.ok(&words(
        "cert export rsa --format p12 --key devs/rsa.key --p12-passphrase-file p12pass --out rsa-export.p12 --passphrase-file pass",
    ));
    let info = openssl(
        &[
            "pkcs12",
            "-info",
            "-noout",
            "-in",
            "rsa-export.p12",
            "-passin",
            "pass:bundle passphrase",
        ],
        dir,
    );
    assert!(info.contains("AES-256-CBC"), "{info}");
    assert_refused_unchanged(
        env,
        &[
            (
                &words(
                    "cert export rsa --format p12 --key devs/ed.key --p12-passphrase-file p12pass --out other.p12",
                )[..],
                2,
                "is not the key of rsa's current certificate",
            ),
            (
                &words(
                    "cert export rsa --format p12 --key devs/rsa.key --p12-passphrase-file p12pass --out rsa-export.p12",
                )[..],
                1,
                "rsa-export.p12",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
    assert!(!env.path("other.p12").exists());
    // No passphrase source and no terminal: refused before anything is issued.
    assert_refused_unchanged(
        env,
        &[(
            &words("cert issue x --profile node --out x --p12")[..],
            2,
            "--p12 needs a passphrase",
        )],
        &["--passphrase-file", "pass"],
    );
}

/// The dev profile with a subject template, as a store's profiles.toml overrides it.
const DEV_WITH_SUBJECT: &str = r#"
[dev]
description = "developer client certificate, with the organisation's subject"
ou = "dev"
extended_key_usage = ["client-auth"]
default_validity = "365d"
max_validity = "825d"
email = true
subject_serial = true
subject = { O = "Acme, Inc.", L = "Berlin", C = "DE" }
"#;

#[test]
fn a_subject_template_reaches_the_certificate_lints_clean_and_the_hub_still_maps_its_users() {
    use common::hub::Hub;
    use common::nats::{NatsServer, connect, round_trip};
    for mode in ["password", "verify-and-map"] {
        let hub = Hub::new(mode, &[]);
        let env = &hub.env;
        let dir = env.dir.path();
        std::fs::write(env.path("profiles.toml"), DEV_WITH_SUBJECT).unwrap();
        env.ok(&words(
            "ca profiles --set profiles.toml --passphrase-file pass",
        ));
        hub.add_dev("alice", &["--email", "alice@example.com"]);
        let subject = openssl(
            &words("x509 -in devs/alice.crt -noout -subject -nameopt RFC2253"),
            dir,
        );
        assert!(
            subject.contains("CN=alice,OU=dev,serialNumber=")
                && subject.contains(",O=Acme\\, Inc.,L=Berlin,C=DE"),
            "{mode}: {subject}"
        );
        openssl(&words("x509 -in devs/alice.crt -out alice-leaf.pem"), dir);
        let findings = pkilint(dir, "lint_pkix_cert", &[], "alice-leaf.pem");
        assert!(findings.is_empty(), "{mode}: pkilint:\n{findings}");
        // nats-server maps the user from the whole subject, escaped comma and all.
        let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
        let alice = connect(&hub.url(), &hub.creds("alice", mode == "password"))
            .unwrap_or_else(|e| panic!("{mode}: {e}"));
        round_trip(&alice, "app.hello").unwrap_or_else(|e| panic!("{mode}: {e}"));
    }
    // A template outside RFC 5280's bounds is refused with the profile named, nothing changed.
    let env = Env::new();
    env.init(&[]);
    let template = "subject = { O = \"Acme, Inc.\", L = \"Berlin\", C = \"DE\" }";
    assert!(DEV_WITH_SUBJECT.contains(template));
    for (i, bad) in ["C = \"Germany\"", "CN = \"x\"", "O = \"\""]
        .iter()
        .enumerate()
    {
        let text = DEV_WITH_SUBJECT.replace(template, &format!("subject = {{ {bad} }}"));
        std::fs::write(env.path(&format!("bad{i}.toml")), text).unwrap();
    }
    assert_refused_unchanged(
        &env,
        &[
            (
                &words("ca profiles --set bad0.toml")[..],
                2,
                "profile dev: subject: C must be a two-letter",
            ),
            (
                &words("ca profiles --set bad1.toml")[..],
                2,
                "is not one of C, ST, L, O",
            ),
            (
                &words("ca profiles --set bad2.toml")[..],
                2,
                "O must be 1 to 64",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
}

/// Every built-in profile but dev (`DEV_TEMPLATE`) with a subject template, attributes the
/// command line may set, and publication URLs of its own or the store's.
const OTHER_PROFILES: &str = r#"
[edge]
ou = "edge"
extended_key_usage = ["client-auth", "server-auth"]
default_validity = "365d"
max_validity = "825d"
dns = true
ip = true
subject = { C = "DE", ST = "Bayern" }
subject_settable = ["O", "L"]
key_type = "ecdsa-p384"

[node]
ou = "node"
extended_key_usage = ["client-auth"]
default_validity = "8h"
max_validity = "7d"
mac_binding = true
subject = { O = "Acme Devices" }
subject_settable = ["L"]
crl_urls = ["http://pki.example.com/node.crl"]
ca_issuers_urls = []

[hub]
ou = "hub"
extended_key_usage = ["server-auth", "client-auth"]
default_validity = "365d"
max_validity = "825d"
dns = true
ip = true
require_san = true
subject = { C = "DE", ST = "Berlin", L = "Berlin", O = "Acme, Inc." }

[system]
ou = "system"
extended_key_usage = ["client-auth"]
default_validity = "365d"
max_validity = "825d"
subject_serial = true
subject = { O = "Acme, Inc." }
ca_issuers_urls = ["http://pki.example.com/system-ca.crt"]
"#;

/// The RFC 2253 subject and the text of `file`'s certificate, as openssl prints them.
fn subject_and_text(dir: &Path, file: &str) -> (String, String) {
    let text = openssl(&["x509", "-in", file, "-noout", "-text"], dir);
    (subject_rfc2253(dir, file), text)
}

#[test]
fn every_profile_with_a_subject_template_set_attributes_and_urls_lints_clean() {
    let every_profile = format!("{DEV_TEMPLATE}{OTHER_PROFILES}");
    let env = Env::new();
    env.init(&["--intermediate"]);
    let dir = env.dir.path();
    std::fs::write(env.path("profiles.toml"), &every_profile).unwrap();
    env.ok(&words(
        "ca profiles --set profiles.toml --passphrase-file pass",
    ));
    env.ok(&words(
        "ca settings --crl-url http://pki.example.com/ca.crl --ca-issuers-url http://pki.example.com/ca.crt --passphrase-file pass",
    ));
    let pass = ["--passphrase-file", "pass"];
    let issued: [(&str, &[&str], &str, &str, &str); 5] = [
        (
            "alice",
            &[
                "--profile",
                "dev",
                "--subject",
                "L=München",
                "--subject",
                "ST=Bayern",
            ],
            ",O=Acme\\, Inc.,L=München,ST=Bayern,C=DE",
            "http://pki.example.com/ca.crl",
            "http://pki.example.com/ca.crt",
        ),
        (
            "edge1",
            &[
                "--profile",
                "edge",
                "--dns",
                "edge1.example.com",
                "--subject",
                "O=Edge Ops",
            ],
            "CN=edge1,OU=edge,O=Edge Ops,ST=Bayern,C=DE",
            "http://pki.example.com/ca.crl",
            "http://pki.example.com/ca.crt",
        ),
        (
            "n1",
            &[
                "--profile",
                "node",
                "--subject",
                "L=Hamburg",
                "--key-type",
                "ed25519",
            ],
            "CN=n1,OU=node,O=Acme Devices,L=Hamburg",
            "http://pki.example.com/node.crl",
            "",
        ),
        (
            "hub1",
            &[
                "--profile",
                "hub",
                "--dns",
                "hub.example.com",
                "--key-type",
                "rsa-3072",
            ],
            "CN=hub1,OU=hub,O=Acme\\, Inc.,L=Berlin,ST=Berlin,C=DE",
            "http://pki.example.com/ca.crl",
            "http://pki.example.com/ca.crt",
        ),
        (
            "sys",
            &["--profile", "system"],
            ",O=Acme\\, Inc.",
            "http://pki.example.com/ca.crl",
            "http://pki.example.com/system-ca.crt",
        ),
    ];
    for (name, args, subject_has, crl, ca_issuers) in issued {
        let mut line = vec!["cert", "issue", name, "--out", "o"];
        line.extend_from_slice(args);
        line.extend(pass);
        env.ok(&line);
        let (subject, text) = subject_and_text(dir, &format!("o/{name}.crt"));
        assert!(subject.contains(subject_has), "{name}: {subject}");
        assert!(text.contains(&format!("URI:{crl}")), "{name}:\n{text}");
        if ca_issuers.is_empty() {
            assert!(!text.contains("CA Issuers"), "{name}:\n{text}");
        } else {
            assert!(
                text.contains(&format!("CA Issuers - URI:{ca_issuers}")),
                "{name}:\n{text}"
            );
        }
        let leaf = format!("o/{name}.leaf.pem");
        openssl(
            &["x509", "-in", &format!("o/{name}.crt"), "-out", &leaf],
            dir,
        );
        let findings = pkilint(dir, "lint_pkix_cert", &[], &leaf);
        assert!(findings.is_empty(), "{name}: pkilint:\n{findings}");
    }
    // The edge profile's key type is the default; --key-type overrides it.
    let (_, text) = subject_and_text(dir, "o/edge1.crt");
    assert!(text.contains("NIST CURVE: P-384"), "{text}");

    // A renewal keeps what the command line set and takes the fixed attributes from the
    // profile as it is now.
    let renamed = every_profile.replacen(
        "subject = { C = \"DE\", O = \"Acme, Inc.\" }",
        "subject = { C = \"AT\", O = \"Acme GmbH\" }",
        1,
    );
    assert_ne!(renamed, every_profile);
    std::fs::write(env.path("profiles2.toml"), renamed).unwrap();
    env.ok(&words(
        "ca profiles --set profiles2.toml --passphrase-file pass",
    ));
    let out = env.ok(&words("cert renew alice --out r --passphrase-file pass"));
    assert!(
        out.contains("its subject changed with the profile")
            && out.contains(
                ",O=Acme GmbH,L=München,ST=Bayern,C=AT, was CN=alice,OU=dev,serialNumber="
            ),
        "{out}"
    );
    // Under a profile that did not change, a renewal says nothing of it and keeps --subject.
    let out = env.ok(&words("cert renew edge1 --out r --passphrase-file pass"));
    assert!(!out.contains("subject changed"), "{out}");
    let (subject, _) = subject_and_text(dir, "r/edge1.crt");
    assert_eq!(subject, "CN=edge1,OU=edge,O=Edge Ops,ST=Bayern,C=DE");
    let (subject, _) = subject_and_text(dir, "r/alice.crt");
    assert!(
        subject.starts_with("CN=alice,OU=dev,serialNumber=")
            && subject.ends_with(",O=Acme GmbH,L=München,ST=Bayern,C=AT"),
        "{subject}"
    );
    let show: serde_json::Value =
        serde_json::from_str(&env.ok(&words("--json cert show alice"))).unwrap();
    assert!(
        show["subject"]
            .as_str()
            .unwrap()
            .ends_with(",O=Acme GmbH,L=München,ST=Bayern,C=AT"),
        "{show}"
    );

    // What the profile does not let the command line set is refused, the store unchanged.
    let bad = every_profile.replacen(
        "subject_settable = [\"L\", \"ST\"]",
        "subject_settable = [\"O\"]",
        1,
    );
    std::fs::write(env.path("overlap.toml"), bad).unwrap();
    let bad = every_profile.replacen(
        "ca_issuers_urls = []",
        "ca_issuers_urls = [\"https://x/ca.crt\"]",
        1,
    );
    std::fs::write(env.path("badurl.toml"), bad).unwrap();
    assert_refused_unchanged(
        &env,
        &[
            (
                &words("cert issue bob --profile dev --subject O=Other --out o")[..],
                2,
                "profile dev does not let the command line set O (settable: ST, L)",
            ),
            (
                &words("cert issue bob --profile hub --dns h.example.com --subject L=X --out o")[..],
                2,
                "profile hub does not let the command line set L (settable: none)",
            ),
            (
                &words("hub init --name h1 --dns h1.example.com --subject L=X --out h1")[..],
                2,
                "profile hub does not let the command line set L (settable: none)",
            ),
            (
                &words("cert issue bob --profile dev --subject L=A --subject L=B --out o")[..],
                2,
                "--subject L is given twice",
            ),
            (
                &words("cert issue bob --profile dev --subject Berlin --out o")[..],
                2,
                "expected ATTR=VALUE",
            ),
            (
                &words("cert issue bob --profile dev --subject CN=bob --out o")[..],
                2,
                "CN is not one of C, ST, L, O",
            ),
            (
                &words("cert issue bob --profile edge --subject C=Germany --out o")[..],
                2,
                "C must be a two-letter",
            ),
            (
                &words("ca profiles --set overlap.toml")[..],
                2,
                "an attribute is either fixed or settable",
            ),
            (
                &words("ca profiles --set badurl.toml")[..],
                2,
                "expected an http://",
            ),
        ],
        &pass,
    );
    env.ok(&words("audit verify"));
}
