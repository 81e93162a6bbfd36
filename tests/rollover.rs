//! CA rollover (`ca renew`): during the overlap a client trusting only the old CA and one
//! trusting only the new CA both reach a hub rendered mid-transition, in every TLS mode, through
//! cross-certificates checked by openssl and by a real nats-server with real clients.

mod common;

use common::hub::Hub;
use common::nats::{NatsServer, connect, round_trip};
use common::*;

const MODES: [&str; 3] = ["password", "verify-and-map", "pinned"];

fn count_certs(path: &std::path::Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .matches("-----BEGIN CERTIFICATE-----")
        .count()
}

fn rollover_mid_transition(mode: &str) {
    let hub = Hub::new(mode, &[]);
    hub.add_dev("alice", &[]);
    let env = &hub.env;
    // alice keeps trusting only what she was given before the rollover.
    std::fs::copy(env.path("devs/ca.crt"), env.path("old-ca.crt")).unwrap();
    // The hub runs through the rollover: the re-rendered directory applies on a reload.
    let conf = hub.conf();
    common::nats::check_config(&conf, &[]);
    let server = NatsServer::start(&conf, hub.port, &[]);
    let out = env.ok_unlocked(&["ca", "renew", "--root"]);
    assert!(
        out.contains("generation 2") && out.contains("re-rendered"),
        "{mode}: {out}"
    );
    assert_eq!(
        count_certs(&env.path("hubcfg/ca.crt")),
        3,
        "{mode}: the hub trusts both roots"
    );
    hub.add_dev("bob", &[]);
    // bob is given only the new root.
    std::fs::copy(env.store().join("ca/root.crt"), env.path("new-root.crt")).unwrap();
    env.ok(&["audit", "verify", "--ca", "old-ca.crt"]);

    common::nats::check_config(&conf, &[]);
    server.reload();
    assert!(
        !server.log_text().contains("Failed to reload"),
        "{mode}: {}",
        server.log_text()
    );
    for (who, trust) in [("alice", "old-ca.crt"), ("bob", "new-root.crt")] {
        let mut creds = hub.creds(who, mode == "password");
        creds.ca = Some(env.path(trust));
        let client = connect(&hub.url(), &creds)
            .unwrap_or_else(|e| panic!("{mode}: {who} trusting only {trust}: {e}"));
        round_trip(&client, "rollover.test").unwrap();
    }
    // A client trusting neither is refused (the check can fail).
    let other = Env::new();
    other.init_named("Unrelated CA", &[]);
    other.ok_unlocked(&["ca", "export", "--out", "unrelated.crt"]);
    let mut creds = hub.creds("bob", mode == "password");
    creds.ca = Some(other.path("unrelated.crt"));
    assert!(
        connect(&hub.url(), &creds).is_err(),
        "{mode}: trusted a CA it was not given"
    );
    // Members of either generation are revoked, renewed and removed like any other: alice's
    // old-generation certificate is out once revoked, her renewal (new generation) is in; bob
    // is out once removed.
    env.ok_unlocked(&["cert", "revoke", "alice", "--reason", "key-compromise"]);
    server.reload();
    let alice_old = hub.creds("alice", mode == "password");
    assert!(
        connect(&hub.url(), &alice_old).is_err(),
        "{mode}: alice's revoked old-generation certificate"
    );
    env.ok_unlocked(&["cert", "renew", "alice", "--out", "renewed"]);
    env.ok_unlocked(&["dev", "remove", "bob"]);
    server.reload();
    let mut renewed = alice_old.clone();
    renewed.cert = Some((env.path("renewed/alice.crt"), env.path("renewed/alice.key")));
    renewed.ca = Some(env.path("old-ca.crt"));
    connect(&hub.url(), &renewed)
        .unwrap_or_else(|e| panic!("{mode}: alice renewed under the new root: {e}"));
    assert!(
        connect(&hub.url(), &alice_old).is_err(),
        "{mode}: alice's revoked certificate after her renewal"
    );
    assert!(
        connect(&hub.url(), &hub.creds("bob", mode == "password")).is_err(),
        "{mode}: bob removed"
    );
}

#[test]
fn clients_of_either_root_reach_a_hub_mid_rollover_in_every_mode() {
    for mode in MODES {
        rollover_mid_transition(mode);
    }
}

#[test]
fn a_root_only_ca_rolls_over_and_each_generation_verifies_under_either_root() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["cert", "issue", "old", "--profile", "dev", "--out", "old"]);
    std::fs::copy(env.path("old/ca.crt"), env.path("old-root.crt")).unwrap();
    env.ok_unlocked(&["ca", "renew", "--root", "--new-key", "--days", "4000"]);
    env.ok_unlocked(&["cert", "issue", "new", "--profile", "dev", "--out", "new"]);
    std::fs::copy(env.store().join("ca/root.crt"), env.path("new-root.crt")).unwrap();
    let new_root = openssl(
        &[
            "x509",
            "-in",
            "new-root.crt",
            "-noout",
            "-subject",
            "-enddate",
        ],
        env.dir.path(),
    );
    assert!(new_root.contains("G2"), "{new_root}");
    // The new certificate, presented with its chain, verifies under either root alone.
    for root in ["old-root.crt", "new-root.crt"] {
        openssl(
            &[
                "verify",
                "-CAfile",
                root,
                "-untrusted",
                "new/new.crt",
                "new/new.crt",
            ],
            env.dir.path(),
        );
    }
    // ca.crt now names both roots: old certificates verify with it.
    openssl(
        &["verify", "-CAfile", "new/ca.crt", "old/old.crt"],
        env.dir.path(),
    );
    env.ok(&["audit", "verify", "--ca", "old-root.crt"]);
    let log = env.ok(&["audit", "log"]);
    assert!(log.contains("ca.rollover"), "{log}");
    // A device's request signed mid-rollover: its bundle ends in the new root, which it pins.
    let show: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "ca", "show"])).unwrap();
    let pin = show["root"]["fingerprint_sha256"]
        .as_str()
        .unwrap()
        .to_owned();
    std::fs::create_dir_all(env.path("device")).unwrap();
    env.ok(&[
        "request",
        "create",
        "dev9",
        "--profile",
        "dev",
        "--out",
        "device/dev9.csr",
    ]);
    env.ok_unlocked(&[
        "cert",
        "sign",
        "device/dev9.csr",
        "--profile",
        "dev",
        "--out",
        "device/dev9.bundle",
    ]);
    env.ok(&[
        "--ca-fingerprint",
        &pin,
        "bundle",
        "import",
        "device/dev9.bundle",
        "--out",
        "device/installed",
    ]);
    openssl(
        &[
            "verify",
            "-CAfile",
            "device/installed/ca.crt",
            "device/installed/dev9.crt",
        ],
        env.dir.path(),
    );
    // One current certificate of the previous CA left: status says so (no action yet).
    let status = env.ok(&["--json", "status"]);
    assert!(
        status.contains("1 current certificate(s) of the previous CA"),
        "{status}"
    );
}

#[test]
fn an_intermediate_rollover_keeps_old_and_new_certificates_working() {
    let hub = Hub::new("verify-and-map", &[]);
    hub.add_dev("alice", &[]);
    let env = &hub.env;
    let before = env.ok(&["--json", "ca", "show"]);
    env.ok_unlocked(&[
        "ca",
        "renew",
        "--intermediate",
        "--intermediate-days",
        "400",
    ]);
    let after = env.ok(&["--json", "ca", "show"]);
    let root = |t: &str| {
        serde_json::from_str::<serde_json::Value>(t).unwrap()["root"]["fingerprint_sha256"].clone()
    };
    let inter = |t: &str| {
        serde_json::from_str::<serde_json::Value>(t).unwrap()["intermediate"]["fingerprint_sha256"]
            .clone()
    };
    assert_eq!(root(&before), root(&after), "the root stays");
    assert_ne!(inter(&before), inter(&after), "a new intermediate");
    hub.add_dev("bob", &[]);
    std::fs::copy(env.store().join("ca/root.crt"), env.path("root-only.crt")).unwrap();
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    for who in ["alice", "bob"] {
        let mut creds = hub.creds(who, false);
        creds.ca = Some(env.path("root-only.crt"));
        let client = connect(&hub.url(), &creds).unwrap_or_else(|e| panic!("{who}: {e}"));
        round_trip(&client, "rollover.test").unwrap();
    }
}

#[test]
fn finishing_waits_for_the_old_certificates_and_a_second_rollover_waits_for_the_finish() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    env.ok_unlocked(&["cert", "issue", "old", "--profile", "dev", "--out", "old"]);
    env.ok_unlocked(&["ca", "renew", "--root"]);
    assert_refused_unchanged(
        &env,
        &[
            (&["ca", "renew", "--root"], 1, "a rollover is in progress"),
            (
                &["ca", "renew", "--finish"],
                1,
                "issued by the previous CA (old)",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
    env.ok_unlocked(&["cert", "renew", "old", "--out", "renewed"]);
    let status = env.run(&["status"]);
    assert_eq!(code(&status), 1, "ready to finish is an action");
    assert!(String::from_utf8_lossy(&status.stdout).contains("ca renew --finish"));
    let out = env.ok_unlocked(&["ca", "renew", "--finish"]);
    assert!(out.contains("rollover finished"), "{out}");
    for gone in [
        "ca/previous-root.crt",
        "ca/cross.crt",
        "ca/previous-chain.pem",
    ] {
        assert!(!env.store().join(gone).exists(), "{gone}");
    }
    env.ok_unlocked(&["ca", "export", "--out", "after.crt"]);
    assert_eq!(count_certs(&env.path("after.crt")), 2, "only generation 2");
    openssl(
        &["verify", "-CAfile", "after.crt", "renewed/old.crt"],
        env.dir.path(),
    );
    env.ok(&["audit", "verify"]);
    env.ok_unlocked(&["ca", "renew", "--root"]);
    let show: serde_json::Value = serde_json::from_str(&env.ok(&["--json", "ca", "show"])).unwrap();
    assert!(
        show["root"]["subject"].as_str().unwrap().contains("G3"),
        "{show}"
    );
}

/// The rollover is one commit with the hub directories: killed at any crash point, the store is
/// generation 1 or 2 and the hub's CA file matches it.
#[test]
fn a_rollover_killed_anywhere_leaves_store_and_hub_in_step() {
    let hub = Hub::new("password", &[]);
    let env = &hub.env;
    let saved = env.path("saved");
    copy_tree(&env.store(), &saved);
    copy_tree(&env.path("hubcfg"), &env.path("saved-hub"));
    let mut seen = [false, false];
    for n in 1.. {
        for (from, to) in [("saved", "ca-store"), ("saved-hub", "hubcfg")] {
            let _ = std::fs::remove_dir_all(env.path(to));
            copy_tree(&env.path(from), &env.path(to));
        }
        let out = env
            .cmd()
            .env("CREDCTL_CRASH_AT", n.to_string())
            .args(["ca", "renew", "--root", "--passphrase-file", "pass"])
            .output()
            .unwrap();
        assert!(
            out.status.success() || out.status.code().is_none(),
            "{n}: {}",
            stderr(&out)
        );
        env.ok(&["audit", "verify"]);
        let rolled = env.store().join("ca/cross.crt").exists();
        seen[usize::from(rolled)] = true;
        let expected = if rolled { 3 } else { 2 };
        assert_eq!(
            count_certs(&env.path("hubcfg/ca.crt")),
            expected,
            "{n}: hub out of step"
        );
        if out.status.success() {
            break;
        }
        assert!(n < 200);
    }
    assert_eq!(seen, [true, true]);
}
