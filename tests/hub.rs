//! Hub and edge workflows against a real nats-server and a real NATS client (nats-py).

mod common;

use common::hub::Hub;
use common::nats::{Creds, NatsServer, check_config, connect, round_trip};
use common::*;

fn foreign_creds() -> (Env, Creds) {
    let other = Env::new();
    other.init_named("Other CA", &[]);
    other.ok(&[
        "cert",
        "issue",
        "alice",
        "--profile",
        "dev",
        "--out",
        "out",
        "--passphrase-file",
        "pass",
    ]);
    let dir = other.path("out");
    let creds = Creds {
        cert: Some((dir.join("alice.crt"), dir.join("alice.key"))),
        user: None,
        ca: None,
        tls: true,
    };
    (other, creds)
}

#[test]
fn password_mode_needs_both_the_certificate_and_the_password() {
    let hub = Hub::new("password", &[]);
    hub.add_dev(
        "alice",
        &[
            "--allow-pub",
            "app.>",
            "--deny-pub",
            "app.secret",
            "--allow-sub",
            ">",
        ],
    );
    hub.add_dev("bob", &[]);
    check_config(&hub.conf(), &[]);
    let server = NatsServer::start(&hub.conf(), hub.port, &[]);
    {
        let alice = connect(&hub.url(), &hub.creds("alice", true)).expect("alice connects");
        round_trip(&alice, "app.hello").expect("alice round-trips");
        // Permissions: a denied subject never reaches even a subscriber of everything.
        assert!(
            round_trip(&alice, "app.secret").is_err(),
            "publish to app.secret was allowed"
        );
        assert!(
            round_trip(&alice, "other.x").is_err(),
            "publish outside app.> was allowed"
        );

        let mut wrong = hub.creds("alice", true);
        wrong.user = Some(("alice".into(), "not-the-password".into()));
        assert!(
            connect(&hub.url(), &wrong).is_err(),
            "wrong password accepted"
        );

        let mut no_cert = hub.creds("alice", true);
        no_cert.cert = None;
        assert!(
            connect(&hub.url(), &no_cert).is_err(),
            "connection without a certificate accepted"
        );

        let (_other, mut foreign) = foreign_creds();
        foreign.ca = Some(hub.env.path("hubcfg/ca.crt"));
        foreign.user = hub.creds("alice", true).user;
        assert!(
            connect(&hub.url(), &foreign).is_err(),
            "certificate from another CA accepted"
        );

        let plain = Creds {
            user: hub.creds("alice", true).user,
            ..Creds::default()
        };
        assert!(
            connect(&format!("nats://127.0.0.1:{}", hub.port), &plain).is_err(),
            "plaintext accepted"
        );

        let bob = hub.creds("bob", true);
        connect(&hub.url(), &bob).expect("bob connects before removal");
    }

    hub.env
        .ok(&["dev", "remove", "bob", "--passphrase-file", "pass"]);
    check_config(&hub.conf(), &[]);
    server.reload();
    {
        assert!(
            connect(&hub.url(), &hub.creds("bob", true)).is_err(),
            "bob still accepted after removal"
        );
        let alice = connect(&hub.url(), &hub.creds("alice", true)).expect("alice still connects");
        round_trip(&alice, "app.after").expect("alice still round-trips");
    }
    // The removal revoked bob's certificate in a new CRL published beside the config.
    let (ok, out) = openssl_try(
        &[
            "verify",
            "-crl_check",
            "-CRLfile",
            "hubcfg/crl.pem",
            "-CAfile",
            "hubcfg/ca.crt",
            "devs/bob.crt",
        ],
        hub.env.dir.path(),
    );
    assert!(!ok && out.contains("certificate revoked"), "{out}");
    let log = hub.env.ok(&["audit", "log"]);
    assert!(
        log.contains("dev.add") && log.contains("dev.remove") && log.contains("crl.issue"),
        "{log}"
    );
}

#[test]
fn verify_and_map_takes_the_user_from_the_certificate() {
    let hub = Hub::new("verify-and-map", &[]);
    hub.add_dev("alice", &["--email", "alice@example.com"]);
    check_config(&hub.conf(), &[]);
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    assert!(
        auth.contains("user: \"CN=alice,OU=dev,serialNumber="),
        "{auth}"
    );
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    let alice =
        connect(&hub.url(), &hub.creds("alice", false)).expect("alice connects by certificate");
    round_trip(&alice, "app.hello").expect("alice round-trips");
    // A valid certificate of this CA whose subject is not a user is refused.
    hub.env.ok(&[
        "cert",
        "issue",
        "carol",
        "--profile",
        "dev",
        "--out",
        "devs",
        "--passphrase-file",
        "pass",
    ]);
    assert!(
        connect(&hub.url(), &hub.creds("carol", false)).is_err(),
        "unmapped subject accepted"
    );
    let (_other, mut foreign) = foreign_creds();
    foreign.ca = Some(hub.env.path("hubcfg/ca.crt"));
    assert!(
        connect(&hub.url(), &foreign).is_err(),
        "certificate from another CA accepted"
    );
}

#[test]
fn pinned_mode_refuses_a_certificate_that_is_not_on_the_list() {
    let hub = Hub::new("pinned", &[]);
    hub.add_dev("alice", &[]);
    check_config(&hub.conf(), &[]);
    let conf = std::fs::read_to_string(hub.env.path("hubcfg/hub.conf")).unwrap();
    let show: serde_json::Value =
        serde_json::from_str(&hub.env.ok(&["--json", "cert", "show", "alice"])).unwrap();
    assert!(
        conf.contains(show["spki_sha256"].as_str().unwrap()),
        "{conf}"
    );
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    // A second certificate with alice's subject (same user name) but another key.
    hub.env.ok(&[
        "cert",
        "issue",
        "alice",
        "--profile",
        "dev",
        "--force",
        "--out",
        "second",
        "--passphrase-file",
        "pass",
    ]);
    let alice = connect(&hub.url(), &hub.creds("alice", false)).expect("pinned alice connects");
    round_trip(&alice, "app.hello").expect("alice round-trips");
    let dir = hub.env.path("second");
    let unpinned = Creds {
        cert: Some((dir.join("alice.crt"), dir.join("alice.key"))),
        ca: Some(hub.env.path("hubcfg/ca.crt")),
        tls: true,
        user: None,
    };
    assert!(
        connect(&hub.url(), &unpinned).is_err(),
        "an unpinned certificate was accepted"
    );
}

#[test]
fn an_edge_joins_the_hub_as_a_leaf_and_messages_cross() {
    let hub = Hub::new("password", &[]);
    hub.add_dev("alice", &[]);
    let edge_port = free_port();
    let listen = format!("127.0.0.1:{edge_port}");
    hub.add_edge("edge1", &["--listen", &listen]);
    let edge_conf = hub.env.path("edge/edge1.conf");
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(&edge_conf).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    check_config(&hub.conf(), &[]);
    check_config(&edge_conf, &[]);
    // The edge is a user of its account, allowed only a leafnode connection: adding or removing
    // it changes auth.conf, which nats-server reloads (a leafnode authorization block it cannot).
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    let edge_user = auth
        .split("user: \"edge1\"")
        .nth(1)
        .expect("edge1 is a user");
    assert!(
        edge_user.trim_start().starts_with("password: \"$2"),
        "{auth}"
    );
    assert!(
        edge_user.contains("allowed_connection_types: [\"LEAFNODE\"]"),
        "{auth}"
    );
    let leafs = std::fs::read_to_string(hub.env.path("hubcfg/leafnodes.conf")).unwrap();
    assert!(!leafs.contains("authorization"), "{leafs}");

    let _hub_server = NatsServer::start(&hub.conf(), hub.port, &[]);
    let _edge_server = NatsServer::start(&edge_conf, edge_port, &[]);
    let local = connect(&format!("nats://127.0.0.1:{edge_port}"), &Creds::default())
        .expect("a local client connects to the edge");
    let sub = local.subscribe("app.from-hub").unwrap();
    local.flush().unwrap();
    let alice = connect(&hub.url(), &hub.creds("alice", true)).expect("alice connects to the hub");
    // The leaf connection and its interest propagate asynchronously: publish until it arrives.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        alice.publish("app.from-hub", "across").unwrap();
        alice.flush().unwrap();
        match local.next_msg(&sub, std::time::Duration::from_millis(300)) {
            Ok(Some(msg)) => {
                assert_eq!(msg.payload, "across");
                break;
            }
            _ => assert!(
                std::time::Instant::now() < deadline,
                "no message crossed from hub to edge"
            ),
        }
    }
}

#[test]
fn rendering_is_deterministic_and_never_rehashes() {
    let hub = Hub::new("password", &["--jetstream"]);
    hub.add_dev("alice", &[]);
    check_config(&hub.conf(), &[("NATS_JETSTREAM_KEY", "0123456789abcdef")]);
    let env_file = std::fs::read_to_string(hub.env.path("hubcfg/jetstream.env")).unwrap();
    assert!(env_file.starts_with("NATS_JETSTREAM_KEY="), "{env_file}");
    let js = std::fs::read_to_string(hub.env.path("hubcfg/jetstream.conf")).unwrap();
    assert!(
        js.contains("key: $NATS_JETSTREAM_KEY")
            && !js.contains(env_file.trim().split('=').nth(1).unwrap())
    );

    // The hub starts with JetStream encrypting at rest, the key from its environment.
    let key = env_file.trim().split('=').nth(1).unwrap().to_owned();
    // nats-server reads the variable as a config value: one starting with a digit is a number
    // and the server would refuse to start.
    assert!(key.starts_with(|c: char| c.is_ascii_alphabetic()), "{key}");
    assert!(
        key.len() >= 40 && key.chars().all(|c| c.is_ascii_alphanumeric()),
        "{key}"
    );
    let server = NatsServer::start(&hub.conf(), hub.port, &[("NATS_JETSTREAM_KEY", &key)]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !server.log_text().contains("Server is ready") {
        assert!(
            std::time::Instant::now() < deadline,
            "{}",
            server.log_text()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let log = server.log_text();
    assert!(log.contains("Starting JetStream"), "{log}");
    assert!(log.contains("Encryption:") && log.contains("AES"), "{log}");
    drop(server);

    let auth_before = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    // Re-rendering the hub's own directory reproduces what hub init and dev add wrote, and an
    // unchanged file is not even rewritten.
    let files = ["hub.conf", "auth.conf", "leafnodes.conf", "jetstream.conf"];
    let snapshot = |dir: &str| -> Vec<(String, std::time::SystemTime)> {
        files
            .iter()
            .map(|f| {
                let path = hub.env.path(&format!("{dir}/{f}"));
                (
                    std::fs::read_to_string(&path).unwrap(),
                    std::fs::metadata(&path).unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let rendered = snapshot("hubcfg");
    std::thread::sleep(std::time::Duration::from_millis(20));
    hub.env.ok(&["hub", "render", "--out", "hubcfg"]);
    assert!(
        rendered == snapshot("hubcfg"),
        "re-rendering changed the hub's files"
    );
    // Adding bob leaves alice's hash exactly as it was.
    hub.add_dev("bob", &[]);
    let auth_after = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    let alice_hash = |auth: &str| {
        auth.lines()
            .skip_while(|l| !l.contains("\"CN=alice,OU=dev,serialNumber="))
            .nth(1)
            .unwrap()
            .to_owned()
    };
    assert_eq!(alice_hash(&auth_before), alice_hash(&auth_after));
    // Passwords are stored as hashes only.
    let store_text = std::fs::read_to_string(hub.env.store().join("hub/members.json")).unwrap();
    let alice_pw = std::fs::read_to_string(hub.env.path("devs/alice.password")).unwrap();
    assert!(!store_text.contains(alice_pw.trim()));
    assert!(store_text.contains("$2b$11$"));
}

#[test]
fn bad_hub_and_dev_input_changes_nothing() {
    let hub = Hub::new("password", &[]);
    hub.add_dev("alice", &[]);
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["dev", "add", "alice", "--out", "devs2"],
            1,
            "already a developer",
        ),
        (
            &["dev", "add", "x", "--allow-pub", "a..b", "--out", "d"],
            2,
            "not a valid subject",
        ),
        (
            &["dev", "add", "x", "--account", "SYS", "--out", "d"],
            2,
            "not a usable account",
        ),
        (
            &[
                "dev",
                "add",
                "x",
                "--connection-type",
                "CARRIER_PIGEON",
                "--out",
                "d",
            ],
            2,
            "not a connection type",
        ),
        (&["dev", "remove", "nobody"], 2, "no developer named"),
        (
            &["edge", "add", "e1", "--hub-url", "nats://x:1", "--out", "d"],
            2,
            "must start with tls://",
        ),
        (
            &["hub", "init", "--name", "hub2", "--dns", "x", "--out", "d"],
            1,
            "already has a hub",
        ),
    ];
    assert_refused_unchanged(&hub.env, cases, &["--passphrase-file", "pass"]);
}

#[test]
fn account_limits_are_enforced_by_the_server() {
    let hub = Hub::new("verify-and-map", &[]);
    hub.add_dev("alice", &[]);
    hub.env.ok(&[
        "hub",
        "account-limits",
        "APP",
        "--max-connections",
        "1",
        "--max-payload",
        "512",
        "--passphrase-file",
        "pass",
    ]);
    check_config(&hub.conf(), &[]);
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    assert!(
        auth.contains("max_connections: 1") && auth.contains("max_payload: 512"),
        "{auth}"
    );
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    {
        let first =
            connect(&hub.url(), &hub.creds("alice", false)).expect("the first connection fits");
        round_trip(&first, "app.one").expect("round trip");
        assert!(
            connect(&hub.url(), &hub.creds("alice", false)).is_err(),
            "a second connection exceeded max_connections 1"
        );
    }
}

#[test]
fn a_roster_adds_many_developers_in_one_command() {
    let hub = Hub::new("password", &[]);
    std::fs::write(
        hub.env.path("roster.csv"),
        "name,email,account\nann,ann@example.com\nben,,TEAM_B\ncat,cat@example.com,TEAM_B\n",
    )
    .unwrap();
    let out = hub.env.ok(&[
        "--json",
        "dev",
        "add",
        "--from",
        "roster.csv",
        "--out",
        "devs",
        "--passphrase-file",
        "pass",
    ]);
    let added: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(added.as_array().unwrap().len(), 3);
    check_config(&hub.conf(), &[]);
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    assert!(auth.contains("\"TEAM_B\""), "{auth}");
    let list = hub.env.ok(&["dev", "list"]);
    assert!(
        list.contains("ann") && list.contains("TEAM_B") && list.contains("3 developers"),
        "{list}"
    );
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    for name in ["ann", "ben", "cat"] {
        let client =
            connect(&hub.url(), &hub.creds(name, true)).unwrap_or_else(|e| panic!("{name}: {e}"));
        round_trip(&client, "x.y").unwrap();
    }
}

#[test]
fn removing_an_edge_drops_its_leaf_user_and_revokes_it() {
    let hub = Hub::new("pinned", &[]);
    hub.add_edge("edge1", &[]);
    let pin: serde_json::Value =
        serde_json::from_str(&hub.env.ok(&["--json", "cert", "show", "edge1"])).unwrap();
    let leafs = std::fs::read_to_string(hub.env.path("hubcfg/leafnodes.conf")).unwrap();
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    assert!(auth.contains("\"edge1\""), "{auth}");
    assert!(
        leafs.contains(pin["spki_sha256"].as_str().unwrap()),
        "{leafs}"
    );
    hub.env
        .ok(&["edge", "remove", "edge1", "--passphrase-file", "pass"]);
    check_config(&hub.conf(), &[]);
    let leafs = std::fs::read_to_string(hub.env.path("hubcfg/leafnodes.conf")).unwrap();
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    assert!(!auth.contains("edge1"), "{auth}");
    assert!(
        !leafs.contains(pin["spki_sha256"].as_str().unwrap()),
        "{leafs}"
    );
    let show: serde_json::Value =
        serde_json::from_str(&hub.env.ok(&["--json", "cert", "show", "edge1"])).unwrap();
    assert_eq!(show["status"], "revoked");
}

#[test]
fn a_cluster_gets_tls_routes_with_a_sealed_password_the_route_user_checks() {
    let cluster_port = free_port().to_string();
    let hub = Hub::new(
        "password",
        &["--cluster-port", &cluster_port, "--jetstream"],
    );
    let key = std::fs::read_to_string(hub.env.path("hubcfg/jetstream.env")).unwrap();
    let key = key.trim().strip_prefix("NATS_JETSTREAM_KEY=").unwrap();
    check_config(&hub.conf(), &[("NATS_JETSTREAM_KEY", key)]);
    let cluster = std::fs::read_to_string(hub.env.path("hubcfg/cluster.conf")).unwrap();
    // The route user's password in clear, as the routes carry it: nats-server dials the routes
    // its peers tell it of with this password, and a hash there would be refused.
    let at = cluster.find("tls://route:").unwrap() + "tls://route:".len();
    let password = cluster[at..].split('@').next().unwrap();
    assert!(
        cluster.contains("verify: true")
            && cluster.contains(&format!("password: \"{password}\""))
            && !cluster.contains("$2b$"),
        "{cluster}"
    );
    // The hub routes to itself (nats-server ignores that route) with the sealed password,
    // which is never handed out as a file.
    let route = format!("@localhost:{cluster_port}\"");
    assert!(
        cluster.contains("\"tls://route:") && cluster.contains(&route),
        "{cluster}"
    );
    assert!(!hub.env.path("hubcfg/route.password").exists());
    assert!(hub.env.store().join("hub/route.password.age").is_file());
    // Routes are credctl's to make: there is no --route any more.
    let out = hub.env.run(&[
        "hub",
        "init",
        "--name",
        "hub2",
        "--dns",
        "localhost",
        "--cluster-port",
        "6222",
        "--route",
        "tls://route:secret@127.0.0.1:6223",
        "--out",
        "h",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn the_monitoring_endpoint_serves_on_loopback_and_only_over_tls_elsewhere() {
    let monitor = free_port();
    let m = monitor.to_string();
    let hub = Hub::new("password", &["--monitor-port", &m]);
    let conf = std::fs::read_to_string(hub.conf()).unwrap();
    assert!(conf.contains(&format!("http: \"127.0.0.1:{m}\"")), "{conf}");
    check_config(&hub.conf(), &[]);
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", monitor)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .unwrap();
    stream
        .write_all(b"GET /varz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(
        answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"),
        "{answer}"
    );
    assert!(answer.contains("\"server_name\": \"hub\""), "{answer}");

    let other = Hub::new(
        "password",
        &["--monitor-port", &m, "--monitor-host", "0.0.0.0"],
    );
    let conf = std::fs::read_to_string(other.conf()).unwrap();
    assert!(conf.contains(&format!("https: \"0.0.0.0:{m}\"")), "{conf}");
    assert!(!conf.contains("http: "), "{conf}");
    check_config(&other.conf(), &[]);
}

#[test]
fn the_jetstream_key_comes_back_out_only_sealed_and_once_per_file() {
    let hub = Hub::new("password", &["--jetstream"]);
    hub.env.ok(&[
        "hub",
        "jetstream-key",
        "--out",
        "backup/js.env",
        "--passphrase-file",
        "pass",
    ]);
    let handed = std::fs::read_to_string(hub.env.path("backup/js.env")).unwrap();
    let original = std::fs::read_to_string(hub.env.path("hubcfg/jetstream.env")).unwrap();
    assert_eq!(handed, original);
    let mode = std::fs::metadata(hub.env.path("backup/js.env")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(mode.permissions().mode() & 0o777, 0o600);
    // The key is nowhere in the store in plaintext.
    let key = original.trim().split('=').nth(1).unwrap();
    for (path, _) in tree(&hub.env.store()) {
        let file = hub.env.store().join(&path);
        if file.is_file() {
            let bytes = std::fs::read(&file).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(key),
                "{}",
                path.display()
            );
        }
    }
    let again = hub.env.run(&[
        "hub",
        "jetstream-key",
        "--out",
        "backup/js.env",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    let plain = Hub::new("password", &[]);
    let none = plain.env.run(&[
        "hub",
        "jetstream-key",
        "--out",
        "js.env",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&none), 2, "{}", stderr(&none));
    assert!(
        stderr(&none).contains("without --jetstream"),
        "{}",
        stderr(&none)
    );
}

/// The hub's certificate file carries the intermediate: a client trusting only the root
/// completes the handshake.
#[test]
fn a_client_trusting_only_the_root_reaches_a_hub_under_an_intermediate() {
    let hub = Hub::new("verify-and-map", &[]);
    hub.add_dev("alice", &[]);
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    let mut alice = hub.creds("alice", false);
    alice.ca = Some(hub.env.store().join("ca/root.crt"));
    connect(&hub.url(), &alice).expect("root-only trust reaches the hub");
}

/// The README's order — dev add, edge add, dev remove — then a reload: every change applies
/// (an edge's user lives where nats-server reloads it), and the removed developer is refused.
#[test]
fn member_changes_in_the_readme_order_all_apply_on_reload() {
    for mode in ["password", "verify-and-map", "pinned"] {
        let hub = Hub::new(mode, &[]);
        hub.add_dev("alice", &[]);
        hub.add_dev("bob", &[]);
        let mut server = NatsServer::start(&hub.conf(), hub.port, &[]);
        let out = hub.add_edge("edge1", &[]);
        if mode == "pinned" {
            // The edge's key is pinned on the leafnode port, which nats-server does not reload.
            assert!(
                out.contains("restart the hub (the leafnode pins changed"),
                "{out}"
            );
            drop(server);
            server = NatsServer::start(&hub.conf(), hub.port, &[]);
        } else {
            assert!(out.contains("reload the hub"), "{mode}: {out}");
            server.reload();
        }
        let out = hub
            .env
            .ok(&["dev", "remove", "alice", "--passphrase-file", "pass"]);
        assert!(out.contains("reload the hub"), "{mode}: {out}");
        server.reload();
        let with_password = mode == "password";
        assert!(
            connect(&hub.url(), &hub.creds("alice", with_password)).is_err(),
            "{mode}: removed alice still connects after the reload"
        );
        connect(&hub.url(), &hub.creds("bob", with_password))
            .unwrap_or_else(|e| panic!("{mode}: bob: {e}"));
        assert!(
            !server.log_text().contains("Failed to reload"),
            "{}",
            server.log_text()
        );
    }
}

/// `hub reload` finds the server by its pid_file, signals it, and through the monitoring
/// endpoint tells a reload that applied from one nats-server refused.
#[test]
fn hub_reload_verifies_the_reload_and_says_when_a_restart_is_needed() {
    let monitor = free_port().to_string();
    let hub = Hub::new("pinned", &["--monitor-port", &monitor]);
    hub.add_dev("alice", &[]);
    let server = NatsServer::start(&hub.conf(), hub.port, &[]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !hub.env.path("hubcfg/nats-server.pid").exists() {
        assert!(std::time::Instant::now() < deadline, "no pid file");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    hub.add_dev("bob", &[]);
    let out = hub.env.ok(&["hub", "reload"]);
    assert!(out.contains("reloaded its configuration"), "{out}");
    connect(&hub.url(), &hub.creds("bob", false)).expect("bob is in after the verified reload");

    // Pinned mode pins edges on the leafnode port, which nats-server does not reload.
    hub.add_edge("edge1", &[]);
    let out = hub.env.run(&["hub", "reload"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("restart needed"), "{}", stderr(&out));
    assert!(server.log_text().contains("Failed to reload"));

    // Without a monitoring endpoint the signal goes out unverified, and says so.
    let plain = Hub::new("password", &[]);
    let _plain_server = NatsServer::start(&plain.conf(), plain.port, &[]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !plain.env.path("hubcfg/nats-server.pid").exists() {
        assert!(std::time::Instant::now() < deadline, "no pid file");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = plain.env.ok(&["hub", "reload"]);
    assert!(out.contains("not verified"), "{out}");
}

/// A developer removed and added again: the old bundle is named and kept unless asked to be
/// replaced, and the new one is the one the hub admits.
#[test]
fn re_adding_a_removed_developer_replaces_the_bundle_only_when_asked() {
    let hub = Hub::new("password", &[]);
    hub.add_dev("bob", &[]);
    let old = std::fs::read(hub.env.path("devs/bob.key")).unwrap();
    let out = hub
        .env
        .ok(&["dev", "remove", "bob", "--passphrase-file", "pass"]);
    assert!(out.contains("--replace-bundle"), "{out}");
    let again = hub.env.run(&[
        "dev",
        "add",
        "bob",
        "--out",
        "devs",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    assert!(
        stderr(&again).contains("devs/bob.crt"),
        "{}",
        stderr(&again)
    );
    assert!(
        stderr(&again).contains("--replace-bundle"),
        "{}",
        stderr(&again)
    );
    hub.add_dev("bob", &["--replace-bundle"]);
    assert_ne!(std::fs::read(hub.env.path("devs/bob.key")).unwrap(), old);
    let _server = NatsServer::start(&hub.conf(), hub.port, &[]);
    connect(&hub.url(), &hub.creds("bob", true)).expect("the replaced bundle gets in");
}

/// The leafnode password in an edge config's remote URL (`tls://NAME:PASSWORD@HOST:PORT`).
fn leaf_password(conf: &str) -> String {
    let url = conf
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("url: \"tls://"))
        .expect("the edge config has a remote URL");
    let (credentials, _) = url.split_once('@').expect("the URL has credentials");
    let (_, password) = credentials.split_once(':').expect("user:password");
    password.to_owned()
}

/// edge1's bcrypt hash in the hub's `auth.conf`.
fn edge_hash(hub: &Hub) -> String {
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    let user = auth
        .split("user: \"edge1\"")
        .nth(1)
        .expect("edge1 is a user");
    let line = user.lines().find(|l| l.contains("password:")).unwrap();
    line.trim().to_owned()
}

/// Whether any file of the store holds `secret`.
fn store_holds(env: &Env, secret: &str) -> bool {
    tree(&env.store()).into_iter().any(|(rel, (_, kind))| {
        kind != "dir"
            && std::fs::read(env.store().join(rel))
                .unwrap()
                .windows(secret.len())
                .any(|w| w == secret.as_bytes())
    })
}

#[test]
fn renewing_an_edge_rotates_its_leafnode_password_in_a_new_config() {
    let hub = Hub::new("verify-and-map", &[]);
    hub.add_edge("edge1", &["--listen", "127.0.0.1:5222"]);
    let old_conf = std::fs::read_to_string(hub.env.path("edge/edge1.conf")).unwrap();
    let old_hash = edge_hash(&hub);
    let out = hub.env.ok(&[
        "--json",
        "cert",
        "renew",
        "edge1",
        "--out",
        "edge-renewed",
        "--passphrase-file",
        "pass",
    ]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let config = hub.env.path("edge-renewed/edge1.conf");
    assert_eq!(
        report["edge"]["config"],
        config.display().to_string(),
        "{out}"
    );
    // The config reads its files where `edge add` put them: the new one replaces the old.
    let edge_dir = hub.env.path("edge").display().to_string();
    assert_eq!(report["edge"]["deploy_dir"], edge_dir.as_str(), "{out}");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&config).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    check_config(&config, &[]);

    // The same config (listen address, file paths, hub URL) with a new password, whose hash
    // alone the re-rendered hub holds; neither the store nor the audit log has the password.
    let new_conf = std::fs::read_to_string(&config).unwrap();
    let (old_password, new_password) = (leaf_password(&old_conf), leaf_password(&new_conf));
    assert_ne!(old_password, new_password);
    assert!(new_password.len() >= 40, "{new_password}");
    assert_eq!(new_conf.replace(&new_password, &old_password), old_conf);
    assert_ne!(edge_hash(&hub), old_hash, "the hub still has the old hash");
    assert!(!store_holds(&hub.env, &new_password));
    let log = hub.env.ok(&["audit", "log"]);
    assert!(
        log.contains("edge.password") && log.contains("leafnode password rotated"),
        "{log}"
    );
    assert!(!log.contains(&new_password), "{log}");

    // The human output names the config and what the edge needs.
    let out = hub.env.ok(&[
        "cert",
        "renew",
        "edge1",
        "--out",
        "edge-renewed-2",
        "--passphrase-file",
        "pass",
    ]);
    let second = hub.env.path("edge-renewed-2/edge1.conf");
    assert!(out.contains(&second.display().to_string()), "{out}");
    assert!(
        out.contains("Install edge1.conf, edge1.crt and edge1.key on the edge"),
        "{out}"
    );
    assert!(!out.contains("still connects"), "{out}");
    let third = std::fs::read_to_string(&second).unwrap();
    assert_ne!(leaf_password(&third), new_password);
}

#[test]
fn renewing_an_edge_refuses_an_out_dir_that_has_its_config_and_changes_nothing() {
    let hub = Hub::new("password", &[]);
    hub.add_edge("edge1", &[]);
    let taken = hub.env.path("taken");
    std::fs::create_dir(&taken).unwrap();
    std::fs::set_permissions(&taken, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    write_secret(&taken.join("edge1.conf"), "the edge's own config\n");
    let hubcfg = tree(&hub.env.path("hubcfg"));
    // Refused as an existing certificate is (`credctl never overwrites a hand-out`).
    let cases: &[(&[&str], i32, &str)] = &[(
        &["cert", "renew", "edge1", "--out", "taken"],
        1,
        "taken/edge1.conf already exists",
    )];
    assert_refused_unchanged(&hub.env, cases, &["--passphrase-file", "pass"]);
    let left: Vec<_> = std::fs::read_dir(&taken)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, ["edge1.conf"]);
    assert_eq!(
        tree(&hub.env.path("hubcfg")),
        hubcfg,
        "the hub was re-rendered"
    );
    // A developer has no edge config: the same directory takes its renewal.
    hub.add_dev("alice", &[]);
    hub.env.ok(&[
        "cert",
        "renew",
        "alice",
        "--out",
        "taken",
        "--passphrase-file",
        "pass",
    ]);
    assert!(!hub.env.path("taken/alice.conf").exists());
}

#[test]
fn renewing_an_edge_recorded_by_an_older_credctl_uses_edge_add_defaults() {
    let hub = Hub::new("password", &[]);
    hub.add_edge("edge1", &[]);
    // members.json as an older credctl wrote it: no listen address, no deploy dir.
    let members = hub.env.store().join("hub/members.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&members).unwrap()).unwrap();
    let edge = json["edges"]["edge1"].as_object_mut().unwrap();
    assert!(edge.remove("listen").is_some() && edge.remove("deploy_dir").is_some());
    std::fs::write(&members, serde_json::to_vec(&json).unwrap()).unwrap();
    sign_as_upgraded(&hub.env);

    hub.env.ok(&[
        "cert",
        "renew",
        "edge1",
        "--out",
        "edge-renewed",
        "--passphrase-file",
        "pass",
    ]);
    let conf = std::fs::read_to_string(hub.env.path("edge-renewed/edge1.conf")).unwrap();
    assert!(conf.contains("listen: \"127.0.0.1:4222\""), "{conf}");
    let renewed = hub.env.path("edge-renewed").display().to_string();
    assert!(conf.contains(&format!("\"{renewed}/edge1.crt\"")), "{conf}");
    check_config(&hub.env.path("edge-renewed/edge1.conf"), &[]);
    // The record now says what the handed-out config uses.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&members).unwrap()).unwrap();
    assert_eq!(json["edges"]["edge1"]["listen"], "127.0.0.1:4222");
    assert_eq!(json["edges"]["edge1"]["deploy_dir"], renewed.as_str());
}
