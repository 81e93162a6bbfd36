//! The hub admits exactly who the store says: a member whose name stands for an active,
//! unrevoked, unexpired certificate — that certificate, not an older one — in every TLS mode,
//! through renew, revoke and re-admission, checked against a real nats-server after a reload.

mod common;

use std::time::Duration;

use common::hub::Hub;
use common::nats::{Creds, NatsServer, bundle, connect};

const MODES: [&str; 3] = ["password", "verify-and-map", "pinned"];

/// `name`'s bundle in `dir` (certificate and key), with its password where the mode uses one.
fn creds_in(hub: &Hub, mode: &str, dir: &str, name: &str) -> Creds {
    let devs = hub.env.path("devs");
    let password_dir = (mode == "password").then_some(devs.as_path());
    bundle(
        &hub.env.path(dir),
        name,
        password_dir,
        &hub.env.path("hubcfg/ca.crt"),
    )
}

fn admitted(hub: &Hub, creds: &Creds) -> bool {
    connect(&hub.url(), creds).is_ok()
}

fn dev_status(hub: &Hub, name: &str) -> (String, Option<String>) {
    let list: serde_json::Value =
        serde_json::from_str(&hub.env.ok(&["dev", "list", "--json"])).unwrap();
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap()
        .clone();
    (
        row["status"].as_str().unwrap().to_owned(),
        row["cert_serial"].as_str().map(str::to_owned),
    )
}

#[test]
fn after_a_renew_and_a_reload_the_new_certificate_is_in_and_the_old_one_out() {
    for mode in MODES {
        let hub = Hub::new(mode, &[]);
        hub.add_dev("alice", &[]);
        let server = NatsServer::start(&hub.conf(), hub.port, &[]);
        let old = creds_in(&hub, mode, "devs", "alice");
        assert!(admitted(&hub, &old), "{mode}: alice before the renew");

        let out = hub
            .env
            .ok_unlocked(&["cert", "renew", "alice", "--out", "renewed"]);
        assert!(out.contains("admitted with its new certificate"), "{out}");
        assert!(out.contains("reload the hub"), "{out}");
        server.reload();
        let new = creds_in(&hub, mode, "renewed", "alice");
        assert!(
            admitted(&hub, &new),
            "{mode}: the renewed certificate is refused"
        );
        assert!(
            !admitted(&hub, &old),
            "{mode}: the superseded certificate still gets in"
        );

        let show: serde_json::Value =
            serde_json::from_str(&hub.env.ok(&["--json", "cert", "show", "alice"])).unwrap();
        let (status, serial) = dev_status(&hub, "alice");
        assert_eq!(status, "active");
        assert_eq!(
            serial.as_deref(),
            show["serial"].as_str(),
            "dev list follows the renew"
        );
    }
}

#[test]
fn a_revoked_member_certificate_suspends_the_member_until_renewed() {
    for mode in MODES {
        let hub = Hub::new(mode, &[]);
        hub.add_dev("alice", &[]);
        hub.add_dev("bob", &[]);
        let server = NatsServer::start(&hub.conf(), hub.port, &[]);
        let revoked = creds_in(&hub, mode, "devs", "alice");

        let out = hub
            .env
            .ok_unlocked(&["cert", "revoke", "alice", "--reason", "key-compromise"]);
        assert!(out.contains("dev alice is suspended"), "{out}");
        server.reload();
        assert!(
            !admitted(&hub, &revoked),
            "{mode}: a revoked certificate gets in"
        );
        assert!(
            admitted(&hub, &creds_in(&hub, mode, "devs", "bob")),
            "{mode}: bob"
        );
        assert_eq!(dev_status(&hub, "alice"), ("suspended".into(), None));

        // Renewing re-keys her: the new certificate gets in, the revoked one never again.
        hub.env
            .ok_unlocked(&["cert", "renew", "alice", "--out", "rekeyed"]);
        server.reload();
        assert!(
            admitted(&hub, &creds_in(&hub, mode, "rekeyed", "alice")),
            "{mode}"
        );
        assert!(
            !admitted(&hub, &revoked),
            "{mode}: the revoked certificate is back"
        );
        assert_eq!(dev_status(&hub, "alice").0, "active");
    }
}

/// With the certificate selecting the user, a password only opens the account it belongs to.
#[test]
fn a_certificate_with_another_members_password_is_refused() {
    let hub = Hub::new("password", &[]);
    hub.add_dev("alice", &[]);
    hub.add_dev("bob", &[]);
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    let mut bob = creds_in(&hub, "password", "devs", "bob");
    assert!(admitted(&hub, &bob));
    let alice_pw = creds_in(&hub, "password", "devs", "alice").user.unwrap();
    bob.user = Some(alice_pw.clone());
    assert!(
        !admitted(&hub, &bob),
        "bob's certificate with alice's password"
    );
    bob.user = Some(("bob".into(), alice_pw.1));
    assert!(!admitted(&hub, &bob), "bob's name, alice's password");
    bob.user = None;
    assert!(!admitted(&hub, &bob), "no password in password mode");
}

#[test]
fn the_system_user_answers_server_ping_in_every_mode() {
    for mode in MODES {
        let hub = Hub::new(mode, &[]);
        let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
        let dir = hub.env.path("hubcfg");
        let password = std::fs::read_to_string(dir.join("system.password")).unwrap();
        let creds = Creds {
            cert: Some((dir.join("system.crt"), dir.join("system.key"))),
            user: Some(("system".into(), password.trim().to_owned())),
            ca: Some(dir.join("ca.crt")),
            tls: true,
        };
        let answer = connect(&hub.url(), &creds)
            .and_then(|client| client.request("$SYS.REQ.SERVER.PING", "", Duration::from_secs(5)));
        let answer = answer.unwrap_or_else(|e| panic!("{mode}: {e}"));
        assert!(answer.contains("\"server\""), "{mode}: {answer}");
        // The password is part of it in every mode.
        let mut wrong = creds.clone();
        wrong.user = Some(("system".into(), "not the password".into()));
        assert!(
            !admitted(&hub, &wrong),
            "{mode}: system without its password"
        );
    }
}

fn subject_of(hub: &Hub, file: &str) -> String {
    common::subject_rfc2253(hub.env.dir.path(), file)
}

/// Developers with a templated subject (non-ASCII and escaped values set on the command line)
/// and Ed25519 or RSA keys, through renew, revoke, remove and re-add, in every TLS mode.
#[test]
fn templated_subjects_and_other_key_types_are_admitted_exactly_through_their_lifecycle() {
    for mode in MODES {
        let hub = Hub::new(mode, &[]);
        std::fs::write(hub.env.path("profiles.toml"), common::DEV_TEMPLATE).unwrap();
        hub.env
            .ok_unlocked(&["ca", "profiles", "--set", "profiles.toml"]);
        hub.add_dev(
            "alice",
            &["--key-type", "ed25519", "--subject", "L=München"],
        );
        hub.add_dev(
            "carol",
            &["--key-type", "rsa-3072", "--subject", "ST=Nord, Süd"],
        );
        let server = NatsServer::start(&hub.conf(), hub.port, &[]);
        let alice = creds_in(&hub, mode, "devs", "alice");
        let carol = creds_in(&hub, mode, "devs", "carol");
        assert!(admitted(&hub, &alice), "{mode}: alice (L=München, Ed25519)");
        assert!(
            admitted(&hub, &carol),
            "{mode}: carol (ST=Nord\\, Süd, RSA)"
        );

        // Renew keeps the key type and what the command line set; only the new one gets in.
        hub.env
            .ok_unlocked(&["cert", "renew", "alice", "--out", "renewed"]);
        let subject = subject_of(&hub, "renewed/alice.crt");
        assert!(
            subject.contains(",O=Acme\\, Inc.,L=München,C=DE"),
            "{subject}"
        );
        server.reload();
        let renewed = creds_in(&hub, mode, "renewed", "alice");
        assert!(admitted(&hub, &renewed), "{mode}: alice renewed");
        assert!(
            !admitted(&hub, &alice),
            "{mode}: alice's superseded certificate"
        );

        // Revoke suspends carol; a renewal re-keys her with the same subject and key type.
        hub.env
            .ok_unlocked(&["cert", "revoke", "carol", "--reason", "key-compromise"]);
        server.reload();
        assert!(!admitted(&hub, &carol), "{mode}: carol revoked");
        hub.env
            .ok_unlocked(&["cert", "renew", "carol", "--out", "rekeyed"]);
        let text = common::openssl(
            &["x509", "-in", "rekeyed/carol.crt", "-noout", "-text"],
            hub.env.dir.path(),
        );
        assert!(text.contains("(3072 bit)"), "{text}");
        assert!(subject_of(&hub, "rekeyed/carol.crt").contains(",ST=Nord\\, Süd,C=DE"));
        server.reload();
        assert!(
            admitted(&hub, &creds_in(&hub, mode, "rekeyed", "carol")),
            "{mode}"
        );
        assert!(
            !admitted(&hub, &carol),
            "{mode}: carol's revoked certificate"
        );

        // Removed, then added again with another locality: only the new bundle gets in.
        hub.env.ok_unlocked(&["dev", "remove", "alice"]);
        server.reload();
        assert!(!admitted(&hub, &renewed), "{mode}: alice removed");
        hub.env.ok_unlocked(&[
            "dev",
            "add",
            "alice",
            "--key-type",
            "ed25519",
            "--subject",
            "L=Köln",
            "--out",
            "readded",
        ]);
        server.reload();
        let dir = hub.env.path("readded");
        let password_dir = (mode == "password").then_some(dir.as_path());
        let readded = bundle(&dir, "alice", password_dir, &hub.env.path("hubcfg/ca.crt"));
        assert!(admitted(&hub, &readded), "{mode}: alice added again");
        assert!(
            !admitted(&hub, &renewed),
            "{mode}: alice's bundle from before the removal"
        );
    }
}
