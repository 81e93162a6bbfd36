//! Adopting an existing CA: a PKI made by easy-rsa itself (Debian's `easy-rsa`) and CAs made by
//! openssl with keys in every form it writes. Checked with openssl: old and new certificates
//! verify under the adopted CA, and credctl's CRL carries easy-rsa's revocations on.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

const EASYRSA: &str = "/usr/share/easy-rsa/easyrsa";
/// Where the easy-rsa test exports the adopted CA.
const EASY_RSA_CA: &str = "ca.crt";

/// Runs easy-rsa in `dir` on the PKI `dir/pki`, in batch mode; panics with its output on failure.
fn easyrsa(dir: &Path, args: &[&str], envs: &[(&str, &str)]) {
    let out = Command::new(EASYRSA)
        .args(args)
        .current_dir(dir)
        .env("EASYRSA_PKI", dir.join("pki"))
        .env("EASYRSA_BATCH", "1")
        .envs(envs.iter().copied())
        .output()
        .expect("easy-rsa is installed (apt-get install easy-rsa)");
    assert!(
        out.status.success(),
        "easyrsa {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The serial of index.txt's line for `cn`, as easy-rsa writes it.
fn serial_of(pki: &Path, cn: &str) -> String {
    let index = std::fs::read_to_string(pki.join("index.txt")).unwrap();
    let line = index
        .lines()
        .find(|l| l.ends_with(&format!("/CN={cn}")))
        .unwrap();
    line.split('\t').nth(3).unwrap().to_owned()
}

fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// `openssl verify` of `cert` under `ca` (with `crl`: CRL checking); its verdict and output.
/// `-x509_strict` for the CAs openssl made here; easy-rsa 3.1's CA does not mark
/// basicConstraints critical, which the strict mode refuses, so under it the default checks.
fn verify(dir: &Path, ca: &str, cert: &str, crl: Option<&str>) -> (bool, String) {
    let easy_rsa = ca == EASY_RSA_CA;
    let mut args = vec!["verify"];
    if !easy_rsa {
        args.push("-x509_strict");
    }
    args.extend(["-CAfile", ca]);
    if let Some(crl) = crl {
        args.extend(["-crl_check", "-CRLfile", crl]);
    }
    args.push(cert);
    openssl_try(&args, dir)
}

#[test]
fn an_easy_rsa_pki_is_adopted_with_its_certificates_revocations_and_crl_numbering() {
    let env = Env::new();
    let dir = env.dir.path();
    easyrsa(dir, &["init-pki"], &[]);
    // easy-rsa 3.1 takes EASYRSA_REQ_CN for the CA only.
    easyrsa(
        dir,
        &["build-ca", "nopass"],
        &[("EASYRSA_REQ_CN", "Legacy CA")],
    );
    for client in ["alice", "bob", "carol", "erin"] {
        easyrsa(dir, &["build-client-full", client, "nopass"], &[]);
    }
    easyrsa(dir, &["build-server-full", "srv1", "nopass"], &[]);
    easyrsa(dir, &["revoke", "bob", "keyCompromise"], &[]);
    easyrsa(dir, &["revoke", "carol", "superseded"], &[]);
    easyrsa(dir, &["revoke", "erin", "cessationOfOperation"], &[]);
    easyrsa(dir, &["gen-crl"], &[]);
    let pki = dir.join("pki");
    // erin's certificate file is gone (only her holder has a copy): she stays revoked.
    let erin = serial_of(&pki, "erin");
    let erin_file = pki.join(format!("revoked/certs_by_serial/{erin}.crt"));
    std::fs::rename(&erin_file, dir.join("erin.crt")).unwrap();
    // A certificate easy-rsa's database marks expired: history, left out.
    let mut index = std::fs::read_to_string(pki.join("index.txt")).unwrap();
    index.push_str("E\t200101000000Z\t\t0BADC0DE\tunknown\t/CN=gone\n");
    std::fs::write(pki.join("index.txt"), index).unwrap();
    let bob = serial_of(&pki, "bob");

    let dry = env.ok(&words("--json import easy-rsa pki --dry-run"));
    assert!(!env.store().exists(), "a dry run created the store");
    let report: serde_json::Value = serde_json::from_str(&dry).unwrap();
    let e = &report["easy_rsa"];
    assert_eq!(e["imported"].as_array().unwrap().len(), 4, "{report}");
    assert_eq!(e["revoked"], 2);
    let left: Vec<(&str, &str)> = e["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["name"].as_str().unwrap(), l["why"].as_str().unwrap()))
        .collect();
    assert_eq!(left.len(), 2, "{report}");
    assert!(left.contains(&("gone", "expired")), "{left:?}");
    assert!(
        left.iter()
            .any(|(n, w)| *n == "erin" && w.contains("its serial stays on credctl's CRL")),
        "{left:?}"
    );
    assert_eq!(
        e["next_crl_number"], 1,
        "easy-rsa 3.1 numbers no CRL: credctl starts at 1"
    );

    // A CA that kept a crlnumber: credctl carries on from it.
    std::fs::write(pki.join("crlnumber"), "1A\n").unwrap();
    let broken = pki.join("index.txt.broken");
    std::fs::copy(pki.join("index.txt"), &broken).unwrap();
    let out = env.ok(&[
        "import",
        "easy-rsa",
        "pki",
        "--passphrase-file",
        "pass",
        "--scrypt-log-n",
        FAST_SCRYPT,
    ]);
    assert!(out.contains("4 certificates imported (2 revoked)"), "{out}");
    assert!(out.contains("pki/private/ca.key is still on disk"), "{out}");
    assert!(
        pki.join("private/ca.key").exists(),
        "the key file was touched"
    );
    // The key is sealed: no line of its PEM body is anywhere in the store.
    let key_pem = std::fs::read_to_string(pki.join("private/ca.key")).unwrap();
    let body_line = key_pem.lines().nth(1).unwrap();
    for (path, _) in tree(&env.store()) {
        let file = env.store().join(&path);
        if file.is_file() {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(body_line),
                "{} holds the CA key in the clear",
                path.display()
            );
        }
    }

    let list = env.ok(&words("cert list"));
    for (name, status) in [
        ("alice", "active"),
        ("bob", "revoked"),
        ("carol", "revoked"),
        ("srv1", "active"),
    ] {
        let line = list
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{list}"));
        assert!(line.contains(status), "{name}: {line}");
    }
    env.ok(&words("ca export --out ca.crt"));
    env.ok(&words("crl --out crl.pem --passphrase-file pass"));
    let text = openssl(&words("crl -in crl.pem -noout -text"), dir);
    assert!(
        text.contains("X509v3 CRL Number: \n                26"),
        "{text}"
    );
    assert!(
        text.contains(&bob) && text.contains("Key Compromise"),
        "{text}"
    );
    assert!(text.contains("Superseded"), "{text}");

    // Old certificates verify under the adopted CA, a revoked one fails the CRL check.
    let (ok, said) = verify(dir, "ca.crt", "pki/issued/alice.crt", Some("crl.pem"));
    assert!(ok, "{said}");
    let (ok, said) = verify(dir, "ca.crt", "pki/issued/srv1.crt", Some("crl.pem"));
    assert!(ok, "{said}");
    let revoked = format!("pki/revoked/certs_by_serial/{bob}.crt");
    let (ok, said) = verify(dir, "ca.crt", &revoked, Some("crl.pem"));
    assert!(!ok && said.contains("certificate revoked"), "{said}");
    // erin's revocation came along without her certificate: on the CRL, and `cert verify`
    // says so.
    assert!(text.contains(&erin.to_uppercase()), "{text}");
    let (ok, said) = verify(dir, "ca.crt", "erin.crt", Some("crl.pem"));
    assert!(!ok && said.contains("certificate revoked"), "{said}");
    let checked = env.run(&words("cert verify erin.crt"));
    assert_eq!(code(&checked), 1, "{}", stderr(&checked));
    let said = String::from_utf8_lossy(&checked.stdout).into_owned() + &stderr(&checked);
    assert!(
        said.contains("by the CA before this store adopted it"),
        "{said}"
    );
    let (ok, said) = verify(dir, "ca.crt", &revoked, None);
    assert!(ok, "without the CRL it is a good certificate: {said}");
    // A new certificate from credctl stands beside them.
    env.ok(&words(
        "cert issue dave --profile dev --out dave --passphrase-file pass",
    ));
    let (ok, said) = verify(dir, "ca.crt", "dave/dave.crt", Some("crl.pem"));
    assert!(ok, "{said}");
    env.ok(&words("audit verify"));
    let log = env.ok(&words("audit log"));
    assert!(
        log.contains("ca.import") && log.contains("import.easy-rsa"),
        "{log}"
    );

    // Into an existing store, or from a damaged database: refused, nothing created.
    let again = env.run(&words("import easy-rsa pki --passphrase-file pass"));
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    std::fs::write(pki.join("index.txt"), "V\tsoon\t\t01\tunknown\t/CN=x\n").unwrap();
    let other = env.run(&words(
        "--store other import easy-rsa pki --passphrase-file pass",
    ));
    assert_eq!(code(&other), 2, "{}", stderr(&other));
    assert!(
        stderr(&other).contains("index.txt line 1"),
        "{}",
        stderr(&other)
    );
    assert!(!env.path("other").exists());
}

/// A self-signed CA made by openssl from `key` (any form openssl reads), in `cert`.
fn openssl_ca(dir: &Path, key: &str, cert: &str, cn: &str) {
    openssl(
        &[
            "req",
            "-x509",
            "-new",
            "-key",
            key,
            "-subj",
            &format!("/CN={cn}"),
            "-days",
            "365",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
            "-out",
            cert,
            "-passin",
            "pass:key secret",
        ],
        dir,
    );
}

#[test]
fn an_openssl_ca_is_adopted_from_every_key_form_and_an_intermediate_without_its_root_key() {
    let env = Env::new();
    let dir = env.dir.path();
    openssl(
        &words("ecparam -genkey -name prime256v1 -noout -out sec1.key"),
        dir,
    );
    openssl_ca(dir, "sec1.key", "ec-root.crt", "EC Root");
    openssl(&words("genrsa -traditional -out rsa.key 3072"), dir);
    openssl_ca(dir, "rsa.key", "rsa-root.crt", "RSA Root");
    openssl(
        &words("pkcs8 -topk8 -in sec1.key -out enc.key -v2 aes-256-cbc -passout pass:keysecret"),
        dir,
    );
    write_secret(&env.path("key-pass"), "keysecret\n");
    write_secret(&env.path("wrong-key-pass"), "not it\n");
    let adopt = |store: &str, cert: &str, key: &str, extra: &[&str]| {
        let mut args = vec![
            "--store",
            store,
            "init",
            "--import-ca",
            cert,
            "--import-key",
            key,
            "--passphrase-file",
            "pass",
            "--scrypt-log-n",
            FAST_SCRYPT,
        ];
        args.extend_from_slice(extra);
        env.run(&args)
    };
    for (store, cert, key, extra) in [
        ("s-sec1", "ec-root.crt", "sec1.key", &[][..]),
        ("s-pkcs1", "rsa-root.crt", "rsa.key", &[][..]),
        (
            "s-enc",
            "ec-root.crt",
            "enc.key",
            &["--import-key-passphrase-file", "key-pass"][..],
        ),
    ] {
        let out = adopt(store, cert, key, extra);
        assert_eq!(code(&out), 0, "{store}: {}", stderr(&out));
        let issue = format!(
            "--store {store} cert issue n1 --profile node --out {store}-n1 --passphrase-file pass"
        );
        env.ok(&words(&issue));
        let (ok, said) = verify(dir, cert, &format!("{store}-n1/n1.crt"), None);
        assert!(ok, "{store}: {said}");
    }
    // Wrong passphrase, no passphrase (no terminal), a key of another CA, a leaf: refused,
    // nothing created.
    let refused = [
        (
            adopt(
                "x1",
                "ec-root.crt",
                "enc.key",
                &["--import-key-passphrase-file", "wrong-key-pass"],
            ),
            "cannot decrypt",
        ),
        (
            adopt("x2", "ec-root.crt", "enc.key", &[]),
            "--import-key-passphrase-file",
        ),
        (
            adopt("x3", "rsa-root.crt", "sec1.key", &[]),
            "is not the key of any certificate",
        ),
        (
            adopt("x4", "s-sec1-n1/n1.crt", "sec1.key", &[]),
            "is not the key of any certificate",
        ),
    ];
    for (i, (out, message)) in refused.iter().enumerate() {
        assert_eq!(code(out), 2, "case {i}: {}", stderr(out));
        assert!(stderr(out).contains(message), "case {i}: {}", stderr(out));
        assert!(!env.path(&format!("x{}", i + 1)).exists());
    }

    // An intermediate signed by the EC root: imported with the root's certificate, not its key.
    std::fs::write(
        env.path("ca.ext"),
        "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n\
         subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
    )
    .unwrap();
    openssl(&words("genpkey -algorithm ed25519 -out int.key"), dir);
    openssl(
        &words("req -new -key int.key -subj /CN=Issuing -out int.csr"),
        dir,
    );
    openssl(
        &words(
            "x509 -req -in int.csr -CA ec-root.crt -CAkey sec1.key -CAcreateserial -days 200 -extfile ca.ext -out int.crt",
        ),
        dir,
    );
    let chain = format!(
        "{}{}",
        std::fs::read_to_string(env.path("int.crt")).unwrap(),
        std::fs::read_to_string(env.path("ec-root.crt")).unwrap()
    );
    std::fs::write(env.path("chain.pem"), chain).unwrap();
    let out = adopt("s-int", "int.crt", "int.key", &[]);
    assert_eq!(code(&out), 2, "an intermediate alone: {}", stderr(&out));
    assert!(
        stderr(&out).contains("put the root that signed it"),
        "{}",
        stderr(&out)
    );
    let dry = adopt("s-int", "chain.pem", "int.key", &["--dry-run"]);
    assert_eq!(code(&dry), 0, "{}", stderr(&dry));
    assert!(String::from_utf8_lossy(&dry.stdout).contains("issuing through CN=Issuing"));
    assert!(!env.path("s-int").exists(), "a dry run created the store");
    let out = adopt("s-int", "chain.pem", "int.key", &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the root's key stays where it is"));
    env.ok(&words(
        "--store s-int cert issue n2 --profile node --out n2 --passphrase-file pass",
    ));
    env.ok(&words("--store s-int ca export --out s-int-ca.crt"));
    let (ok, said) = openssl_try(
        &words("verify -x509_strict -CAfile ec-root.crt -untrusted int.crt n2/n2.crt"),
        dir,
    );
    assert!(ok, "{said}");
    let (ok, said) = verify(dir, "s-int-ca.crt", "n2/n2.crt", None);
    assert!(ok, "{said}");
    env.ok(&words(
        "--store s-int crl --out int-crl.pem --passphrase-file pass",
    ));
    let renew = env.run(&words(
        "--store s-int ca renew --root --passphrase-file pass",
    ));
    assert_eq!(code(&renew), 1, "{}", stderr(&renew));
    assert!(
        stderr(&renew).contains("root CA's key is not in this store"),
        "{}",
        stderr(&renew)
    );
    env.ok(&words("--store s-int audit verify"));
}

/// An easy-rsa PKI with `clients` (`revoked` revoked there; the certificate files of the first
/// `lost` of them gone) adopted into a new store with a hub in `mode` rendered into `hub/` on
/// 127.0.0.1, and the CA exported as `ca.crt`. Returns the hub's client port.
fn easy_rsa_hub(env: &Env, mode: &str, clients: &[&str], (revoked, lost): (&[&str], usize)) -> u16 {
    let dir = env.dir.path();
    easyrsa(dir, &["init-pki"], &[]);
    easyrsa(
        dir,
        &["build-ca", "nopass"],
        &[("EASYRSA_REQ_CN", "Old CA")],
    );
    for client in clients {
        easyrsa(dir, &["build-client-full", client, "nopass"], &[]);
    }
    for client in revoked {
        easyrsa(dir, &["revoke", client], &[]);
    }
    for client in &revoked[..lost] {
        let serial = serial_of(&dir.join("pki"), client);
        std::fs::remove_file(dir.join(format!("pki/revoked/certs_by_serial/{serial}.crt")))
            .unwrap();
    }
    env.ok(&[
        "import",
        "easy-rsa",
        "pki",
        "--passphrase-file",
        "pass",
        "--scrypt-log-n",
        FAST_SCRYPT,
    ]);
    let (port, leaf) = (free_port(), free_port());
    let (p, l) = (port.to_string(), leaf.to_string());
    env.ok(&[
        "hub",
        "init",
        "--name",
        "hub1",
        "--dns",
        "hub.example.com",
        "--ip",
        "127.0.0.1",
        "--listen",
        "127.0.0.1",
        "--port",
        &p,
        "--leaf-port",
        &l,
        "--tls-mode",
        mode,
        "--out",
        "hub",
        "--passphrase-file",
        "pass",
    ]);
    env.ok(&words("ca export --out ca.crt"));
    port
}

/// `name`'s easy-rsa certificate and key (the certificate from `cert_dir` when given), with a
/// password where the hub checks one.
fn old_creds(env: &Env, name: &str, password: Option<&str>) -> common::nats::Creds {
    common::nats::Creds {
        cert: Some((
            env.path(&format!("pki/issued/{name}.crt")),
            env.path(&format!("pki/private/{name}.key")),
        )),
        user: password.map(|p| (name.to_owned(), p.to_owned())),
        ca: Some(env.path("ca.crt")),
        tls: true,
    }
}

/// The whole way in from an easy-rsa deployment: its CA and client certificates adopted, the
/// users of its hand-written auth.conf imported, and the rendered hub admits the same people
/// with their old certificates and old passwords, until `rotate passwords` replaces them.
#[test]
fn a_hand_written_auth_conf_is_taken_over_and_its_users_keep_logging_in() {
    use common::nats::{NatsServer, check_config, connect, round_trip};
    let env = Env::new();
    let port = easy_rsa_hub(
        &env,
        "password",
        &["alice", "bob", "carol", "erin"],
        (&["carol"], 0),
    );
    let auth = format!(
        r#"# written by the old add_dev.sh
authorization {{
  users = [
    {{user: "CN=alice", password: "{alice}", permissions: {{publish: "app.>", subscribe: ["app.>", "_INBOX.>"]}}}}
    {{user: bob, password: "{bob}"}}
    {{user: carol, password: "{carol}"}}
    {{user: dave, password: "{dave}"}}
    {{user: svc, password: $SVC_PASSWORD}}
  ]
}}
"#,
        alice = bcrypt_hash("alice-old-password"),
        bob = bcrypt_hash("bob-old-password"),
        carol = bcrypt_hash("carol-old-password"),
        dave = bcrypt_hash("dave-old-password"),
    );
    std::fs::write(env.path("auth.conf"), auth).unwrap();

    let before = tree(&env.store());
    let hub_before = tree(&env.path("hub"));
    let dry = env.ok(&words(
        "hub import --from auth.conf --dry-run --passphrase-file pass",
    ));
    assert_eq!(tree(&env.store()), before, "a dry run changed the store");
    assert_eq!(
        tree(&env.path("hub")),
        hub_before,
        "a dry run re-rendered the hub"
    );
    assert!(dry.contains("would import: CN=alice as alice"), "{dry}");
    let out = env.ok(&words(
        "--json hub import --from auth.conf --passphrase-file pass",
    ));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = report["imported"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["alice", "bob"], "{report}");
    let left: Vec<String> = report["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}: {}", l["user"], l["why"]))
        .collect();
    assert_eq!(left.len(), 3, "{left:?}");
    for (who, why) in [
        ("carol", "its certificate carol is revoked"),
        ("dave", "no certificate named dave"),
        ("svc", "the variable $SVC_PASSWORD"),
    ] {
        assert!(
            left.iter().any(|l| l.contains(who) && l.contains(why)),
            "{who}: {left:?}"
        );
    }
    assert!(env.ok(&words("audit log")).contains("hub.import"));

    check_config(&env.path("hub/hub.conf"), &[]);
    let server = NatsServer::start(&env.path("hub/hub.conf"), port, &[]);
    let url = format!("tls://127.0.0.1:{port}");
    let old = |name: &str, password: &str| old_creds(&env, name, Some(password));
    let alice = connect(&url, &old("alice", "alice-old-password")).expect("alice, as before");
    round_trip(&alice, "app.hello").expect("alice's permissions came along");
    assert!(
        round_trip(&alice, "other.subject").is_err(),
        "alice published outside app.>"
    );
    let bob = connect(&url, &old("bob", "bob-old-password")).expect("bob, as before");
    round_trip(&bob, "anything").expect("bob had no restrictions");
    assert!(
        connect(&url, &old("bob", "not-bobs-password")).is_err(),
        "a wrong password"
    );
    assert!(
        connect(&url, &old("erin", "x")).is_err(),
        "erin was never a user"
    );
    drop((alice, bob));

    // The imported passwords are the first a rotation replaces; the old ones stop working.
    env.ok(&words(
        "rotate passwords --kind dev --out rotated --passphrase-file pass",
    ));
    server.reload();
    assert!(
        connect(&url, &old("alice", "alice-old-password")).is_err(),
        "the old password"
    );
    let new = std::fs::read_to_string(env.path("rotated/secret/alice.password")).unwrap();
    connect(&url, &old("alice", new.trim())).expect("alice with her new password");
}

/// Members imported from an old auth.conf live the same life as any other, in every TLS mode:
/// renewed with the key they hold (the store never had it), revoked, removed; after each and a
/// reload the hub admits exactly the certificate the store holds as current.
#[test]
fn an_imported_member_is_renewed_revoked_and_removed_like_any_other_in_every_mode() {
    use common::nats::{NatsServer, connect};
    for mode in ["password", "verify-and-map", "pinned"] {
        let env = Env::new();
        let port = easy_rsa_hub(&env, mode, &["alice", "bob", "frank"], (&["frank"], 1));
        // frank's revocation came without his certificate: status still wants a CRL.
        let status: serde_json::Value =
            serde_json::from_slice(&env.run(&words("status --json")).stdout).unwrap();
        let crl = status["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["check"] == "crl")
            .unwrap_or_else(|| panic!("{mode}: no CRL finding: {status}"));
        assert!(
            crl["detail"]
                .as_str()
                .unwrap()
                .contains("no CRL was issued"),
            "{mode}: {crl}"
        );
        let auth = format!(
            "authorization {{ users = [ {{user: alice, password: \"{}\"}}, {{user: bob, password: \"{}\"}} ] }}\n",
            bcrypt_hash("alice-old"),
            bcrypt_hash("bob-old")
        );
        std::fs::write(env.path("auth.conf"), auth).unwrap();
        env.ok(&words("hub import --from auth.conf --passphrase-file pass"));
        let server = NatsServer::start(&env.path("hub/hub.conf"), port, &[]);
        let url = format!("tls://127.0.0.1:{port}");
        let password = |p| (mode == "password").then_some(p);
        let alice = old_creds(&env, "alice", password("alice-old"));
        let bob = old_creds(&env, "bob", password("bob-old"));
        assert!(connect(&url, &alice).is_ok(), "{mode}: alice as imported");
        assert!(connect(&url, &bob).is_ok(), "{mode}: bob as imported");

        // Renewal: a certificate signed from a CSR is renewed for the key its holder has.
        assert_refused_unchanged(
            &env,
            &[(
                &words("cert renew alice --out renewed")[..],
                2,
                "pass --reuse-key",
            )],
            &["--passphrase-file", "pass"],
        );
        env.ok(&words(
            "cert renew alice --reuse-key --out renewed --passphrase-file pass",
        ));
        assert!(!env.path("renewed/alice.key").exists());
        server.reload();
        let mut renewed = alice.clone();
        renewed.cert = Some((
            env.path("renewed/alice.crt"),
            env.path("pki/private/alice.key"),
        ));
        assert!(connect(&url, &renewed).is_ok(), "{mode}: alice renewed");
        assert!(
            connect(&url, &alice).is_err(),
            "{mode}: alice's easy-rsa certificate"
        );

        env.ok(&words(
            "cert revoke bob --reason key-compromise --passphrase-file pass",
        ));
        server.reload();
        assert!(connect(&url, &bob).is_err(), "{mode}: bob revoked");
        assert!(
            connect(&url, &renewed).is_ok(),
            "{mode}: alice after bob's revocation"
        );

        env.ok(&words("dev remove alice --passphrase-file pass"));
        server.reload();
        assert!(connect(&url, &renewed).is_err(), "{mode}: alice removed");
        env.ok(&words("audit verify"));
    }
}
