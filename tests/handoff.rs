//! `export --for-online` / `verify-online`: the hand-off after a ceremony is checked on the online
//! side (manifest signature, CA, every file) and its hub directory runs a real nats-server that
//! admits the store's developers; any change to it is caught.

mod common;

use common::hub::Hub;
use common::nats::{NatsServer, connect, round_trip};
use common::*;

#[test]
fn the_online_side_checks_the_hand_off_and_its_hub_admits_the_developers() {
    let hub = Hub::new("password", &[]);
    hub.add_dev("alice", &[]);
    let env = &hub.env;
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    env.ok_unlocked(&["crl", "--out", "crl.pem"]);
    env.ok_unlocked(&["ca", "export", "--out", "kept-ca.crt"]);
    let out = env.ok_unlocked(&["export", "--for-online", "--out", "online"]);
    assert!(out.contains("manifest code"), "{out}");
    let log = env.ok(&["audit", "log"]);
    assert!(log.contains("handoff.export"), "{log}");

    let checked = env.ok(&["verify-online", "online", "--ca", "kept-ca.crt"]);
    assert!(
        checked.contains("hand-off intact") && checked.contains("your CA"),
        "{checked}"
    );
    for file in [
        "ca.crt",
        "crl.pem",
        "nats-operator.jwt",
        "nats-SYS.jwt",
        "hub-hub/hub.conf",
    ] {
        assert!(env.path(&format!("online/{file}")).exists(), "{file}");
    }
    // The manifest's signature, checked by openssl with the issuing CA's key.
    // (Python keeps the manifest's field order, which the signed bytes follow.)
    let script = r#"
import base64, json, sys
m = json.load(open("online/MANIFEST.json"))
open("sig.der", "wb").write(base64.b64decode(m["signature"]))
m["signature"] = ""
body = json.dumps(m, separators=(",", ":"), ensure_ascii=False).encode()
open("message.bin", "wb").write(b"credctl online hand-off v1\n" + body)
"#;
    let out = env
        .cmd_for("python3")
        .args(["-c", script])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    openssl(
        &[
            "x509",
            "-in",
            "online/ca.crt",
            "-pubkey",
            "-noout",
            "-out",
            "issuing.pub",
        ],
        env.dir.path(),
    );
    let verified = openssl(
        &[
            "dgst",
            "-sha256",
            "-verify",
            "issuing.pub",
            "-signature",
            "sig.der",
            "message.bin",
        ],
        env.dir.path(),
    );
    assert!(verified.contains("Verified OK"), "{verified}");

    // Deployed as it is (with the hub's key, which never leaves the hub), it admits alice.
    std::fs::copy(
        env.path("hubcfg/hub.key"),
        env.path("online/hub-hub/hub.key"),
    )
    .unwrap();
    common::nats::check_config(&env.path("online/hub-hub/hub.conf"), &[]);
    let _server = NatsServer::start(&env.path("online/hub-hub/hub.conf"), hub.port, &[]);
    let client = connect(&hub.url(), &hub.creds("alice", true)).expect("alice is admitted");
    round_trip(&client, "handoff.test").unwrap();
    std::fs::remove_file(env.path("online/hub-hub/hub.key")).unwrap();
}

#[test]
fn a_hand_off_changed_in_any_way_is_refused() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    env.ok_unlocked(&["ca", "export", "--out", "kept-ca.crt"]);
    env.ok_unlocked(&["export", "--for-online", "--out", "online"]);
    env.ok(&["verify-online", "online", "--ca", "kept-ca.crt"]);

    let other = Env::new();
    other.init_named("Other CA", &[]);
    other.ok_unlocked(&["ca", "export", "--out", "theirs.crt"]);
    std::fs::copy(other.path("theirs.crt"), env.path("theirs.crt")).unwrap();
    let out = env.run(&["verify-online", "online", "--ca", "theirs.crt"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("not from your CA"),
        "{}",
        stderr(&out)
    );

    type Edit = Box<dyn Fn(&std::path::Path)>;
    let cases: Vec<(&str, Edit, &str)> = vec![
        (
            "a JWT edited",
            Box::new(|d| append(&d.join("nats-SYS.jwt"))),
            "nats-SYS.jwt is not what the manifest lists",
        ),
        (
            "a file added",
            Box::new(|d| std::fs::write(d.join("extra.conf"), "x").unwrap()),
            "extra.conf is not in the manifest",
        ),
        (
            "a file removed",
            Box::new(|d| std::fs::remove_file(d.join("nats-operator.jwt")).unwrap()),
            "nats-operator.jwt is missing",
        ),
        (
            "the manifest edited",
            Box::new(|d| {
                let path = d.join("MANIFEST.json");
                let text = std::fs::read_to_string(&path).unwrap().replacen(
                    "\"version\": 1",
                    "\"version\": 1 ",
                    1,
                );
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                v["made"] = "2020-01-01T00:00:00Z".into();
                std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
            }),
            "signature does not verify",
        ),
    ];
    for (what, change, message) in cases {
        let copy = env.path("copy");
        let _ = std::fs::remove_dir_all(&copy);
        copy_tree(&env.path("online"), &copy);
        change(&copy);
        let out = env.run(&["verify-online", "copy", "--ca", "kept-ca.crt"]);
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{what}: {}", stderr(&out));
    }
    // Never into an existing directory.
    let out = env.run_unlocked(&["export", "--for-online", "--out", "online"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
}

fn append(path: &std::path::Path) {
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push(' ');
    std::fs::write(path, text).unwrap();
}
