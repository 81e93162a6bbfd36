//! The hub admits exactly who the store says, against a live hub and live edges: an edge's
//! renewed certificate (with the new config and leafnode password the renew hands out) gets its
//! leaf connection back while the superseded one with the old config is refused, a revoked edge
//! stays out, and a developer removed and added again gets in with the new bundle only — in
//! every TLS mode, with a real nats-server for the hub and for each edge and a real client
//! (nats-py) on both sides.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::hub::Hub;
use common::nats::{Creds, NatsServer, bundle, check_config, connect};
use common::*;

/// How long a refused party gets to prove it is not refused after all: its leaf connection is
/// attempted at once, so a working one carries a message well within this.
const REFUSED_WAIT: Duration = Duration::from_secs(2);
/// How long an admitted edge gets to connect and carry a message.
const ADMITTED_WAIT: Duration = Duration::from_secs(15);

/// `name`'s bundle in `dir`, with its password (from the same dir) where the mode uses one.
fn dev_creds(hub: &Hub, mode: &str, dir: &str, name: &str) -> Creds {
    let dir = hub.env.path(dir);
    let password_dir = (mode == "password").then_some(dir.as_path());
    bundle(&dir, name, password_dir, &hub.env.path("hubcfg/ca.crt"))
}

/// A service user's credentials as its deployment reads them: NATS_USER and (where the hub
/// checks one) NATS_PASSWORD from `env_dir/NAME.env`, its certificate from `dir`.
fn service_creds(hub: &Hub, dir: &str, env_dir: &str, name: &str) -> Creds {
    let env = std::fs::read_to_string(hub.env.path(env_dir).join(format!("{name}.env"))).unwrap();
    let value = |key: &str| {
        env.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .map(str::to_owned)
    };
    let mut creds = bundle(
        &hub.env.path(dir),
        name,
        None,
        &hub.env.path("hubcfg/ca.crt"),
    );
    let user = value("NATS_USER").expect("NATS_USER in the env file");
    creds.user = value("NATS_PASSWORD").map(|pw| (user, pw));
    creds
}

fn admitted(hub: &Hub, creds: &Creds) -> bool {
    connect(&hub.url(), creds).is_ok()
}

/// Starts the hub's nats-server and waits until it has written its pid file and is ready.
fn start_hub(hub: &Hub) -> NatsServer {
    NatsServer::start(&hub.conf(), hub.port, &[])
}

/// Applies a member change to the running hub as the command's output says: a reload, or a
/// restart when it names one (leafnode pins in pinned mode). Returns the running server.
fn apply(hub: &Hub, server: NatsServer, out: &str) -> NatsServer {
    if out.contains("restart the hub") {
        drop(server);
        start_hub(hub)
    } else {
        assert!(out.contains("reload the hub"), "{out}");
        server.reload();
        assert!(
            !server.log_text().contains("Failed to reload"),
            "{}",
            server.log_text()
        );
        server
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
}

/// An edge's own nats-server: its config as `edge add` wrote it, with the file paths pointing
/// into `dir` (a copy of the bundle) and its own listen port.
struct Edge {
    conf: PathBuf,
    port: u16,
}

impl Edge {
    /// The edge `name` as `edge add --out edge` configured it, its certificate and key read
    /// from `dir` (`edge` itself, or a copy of an older bundle).
    fn new(hub: &Hub, name: &str, dir: &str) -> Edge {
        let port = free_port();
        let written = std::fs::read_to_string(hub.env.path(&format!("edge/{name}.conf"))).unwrap();
        let from = hub.env.path("edge").display().to_string();
        let to = hub.env.path(dir).display().to_string();
        let listen = written
            .lines()
            .find(|l| l.starts_with("listen:"))
            .expect("the edge config has a listen line")
            .to_owned();
        let text = written
            .replace(&format!("{from}/"), &format!("{to}/"))
            .replace(&listen, &format!("listen: \"127.0.0.1:{port}\""));
        let conf = hub.env.path(&format!("{dir}/{name}-{port}.conf"));
        write_secret(&conf, text);
        check_config(&conf, &[]);
        Edge { conf, port }
    }

    fn start(&self) -> NatsServer {
        NatsServer::start(&self.conf, self.port, &[])
    }
}

/// Publishes on the edge (a local client, no credentials) until a subscriber on the hub
/// (`watcher`, a developer) receives it, or `wait` passes. Every client call is bounded.
fn crosses(hub: &Hub, watcher: &Creds, edge: &Edge, subject: &str, wait: Duration) -> bool {
    let on_hub = connect(&hub.url(), watcher).expect("the watcher connects to the hub");
    let sub = on_hub.subscribe(subject).unwrap();
    on_hub.flush().expect("hub flush answered");
    let local = connect(
        &format!("nats://127.0.0.1:{}", edge.port),
        &Creds::default(),
    )
    .expect("a local client connects to the edge");
    let deadline = Instant::now() + wait;
    loop {
        local.publish(subject, "across").unwrap();
        local.flush().expect("edge flush answered");
        match on_hub.next_msg(&sub, Duration::from_millis(200)) {
            Ok(Some(msg)) => {
                assert_eq!(msg.payload, "across");
                return true;
            }
            Err(e) => panic!("the watcher's connection to the hub failed: {e}"),
            Ok(None) if Instant::now() >= deadline => return false,
            Ok(None) => {}
        }
    }
}

/// Waits (bounded) until `server`'s log has more than `before` lines containing any of `needles`.
fn wait_for_log(server: &NatsServer, needles: &[&str], before: usize, wait: Duration) -> bool {
    let deadline = Instant::now() + wait;
    loop {
        let count = count_lines(&server.log_text(), needles);
        if count > before {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn count_lines(log: &str, needles: &[&str]) -> usize {
    log.lines()
        .filter(|l| needles.iter().any(|n| l.contains(n)))
        .count()
}

/// Lines of the hub's log that say a leaf connection was refused: a TLS handshake the hub
/// failed (pinned mode: "certificate not pinned") or a login it refused (no such edge user).
const LEAF_REFUSALS: [&str; 3] = [
    "TLS leafnode handshake error",
    "authentication error",
    "Authorization Violation",
];

/// Starts `edge` against the running hub and insists it is refused: the hub logs a refusal of
/// the leaf connection and no message crosses from the edge to the hub. The edge is stopped
/// before returning, whatever the outcome.
fn assert_edge_refused(hub: &Hub, server: &NatsServer, watcher: &Creds, edge: &Edge, what: &str) {
    let before = count_lines(&server.log_text(), &LEAF_REFUSALS);
    let running = edge.start();
    assert!(
        !crosses(hub, watcher, edge, "app.refused", REFUSED_WAIT),
        "{what}: a message crossed from a refused edge\nhub:\n{}",
        server.log_text()
    );
    assert!(
        wait_for_log(server, &LEAF_REFUSALS, before, Duration::from_secs(10)),
        "{what}: the hub logged no refusal of the leaf connection\nhub:\n{}\nedge:\n{}",
        server.log_text(),
        running.log_text()
    );
}

fn assert_edge_admitted(hub: &Hub, watcher: &Creds, edge: &Edge, what: &str) -> NatsServer {
    let running = edge.start();
    assert!(
        crosses(hub, watcher, edge, "app.from-edge", ADMITTED_WAIT),
        "{what}: no message crossed from the edge to the hub\nedge:\n{}",
        running.log_text()
    );
    running
}

/// Hands the renewed edge bundle (`cert renew --out from`) to the edge: its config (with the
/// new leafnode password), certificate and key replace the ones `edge add` wrote into `to`.
fn hand_over(hub: &Hub, name: &str, from: &str, to: &str) {
    for file in [
        format!("{name}.conf"),
        format!("{name}.crt"),
        format!("{name}.key"),
    ] {
        std::fs::copy(
            hub.env.path(&format!("{from}/{file}")),
            hub.env.path(&format!("{to}/{file}")),
        )
        .unwrap();
    }
}

/// The whole life of an edge and of a re-added developer against one live hub in `mode`.
fn lifecycle(mode: &str) {
    let hub = Hub::new(mode, &[]);
    hub.add_dev("watcher", &[]);
    let watcher = dev_creds(&hub, mode, "devs", "watcher");
    hub.add_edge("edge1", &[]);
    copy_dir(&hub.env.path("edge"), &hub.env.path("edge-old"));
    let edge = Edge::new(&hub, "edge1", "edge");
    let old_edge = Edge::new(&hub, "edge1", "edge-old");

    // 1. The edge's messages reach the hub.
    let mut server = start_hub(&hub);
    let running = assert_edge_admitted(&hub, &watcher, &edge, &format!("{mode}: edge1"));

    // 2. Renew the edge: a new leafnode password, the hub re-rendered; after the reload (pinned:
    // restart) the edge, restarted with its renewed config, certificate and key, is back.
    let out = hub
        .env
        .ok_unlocked(&["cert", "renew", "edge1", "--out", "edge-renewed"]);
    assert!(
        out.contains("edge edge1 is admitted with its new certificate")
            && out.contains("edge edge1's leafnode password is rotated"),
        "{out}"
    );
    assert!(!out.contains("still connects"), "{mode}: {out}");
    server = apply(&hub, server, &out);
    drop(running);
    hand_over(&hub, "edge1", "edge-renewed", "edge");
    let edge = Edge::new(&hub, "edge1", "edge");
    let running = assert_edge_admitted(&hub, &watcher, &edge, &format!("{mode}: renewed edge1"));
    drop(running);

    // 3. An edge still presenting the superseded certificate and config, after a hub restart.
    drop(server);
    server = start_hub(&hub);
    assert_edge_refused(
        &hub,
        &server,
        &watcher,
        &old_edge,
        &format!("{mode}: edge1 with its superseded certificate"),
    );

    // 4. A developer removed and added again: the new bundle gets in, the old one never again.
    let out = hub
        .env
        .ok_unlocked(&["dev", "add", "alice", "--out", "devs"]);
    server = apply(&hub, server, &out);
    let first = dev_creds(&hub, mode, "devs", "alice");
    assert!(admitted(&hub, &first), "{mode}: alice");
    copy_dir(&hub.env.path("devs"), &hub.env.path("devs-old"));
    let first = dev_creds(&hub, mode, "devs-old", "alice");
    let out = hub.env.ok_unlocked(&["dev", "remove", "alice"]);
    server = apply(&hub, server, &out);
    assert!(
        !admitted(&hub, &first),
        "{mode}: removed alice still gets in"
    );
    let out = hub
        .env
        .ok_unlocked(&["dev", "add", "alice", "--replace-bundle", "--out", "devs"]);
    server = apply(&hub, server, &out);
    let second = dev_creds(&hub, mode, "devs", "alice");
    assert_ne!(
        std::fs::read(hub.env.path("devs/alice.key")).unwrap(),
        std::fs::read(hub.env.path("devs-old/alice.key")).unwrap(),
        "{mode}: the re-added alice has a new key"
    );
    assert!(admitted(&hub, &second), "{mode}: re-added alice is refused");
    assert!(
        !admitted(&hub, &first),
        "{mode}: the bundle of the removed alice gets in again after the re-add"
    );
    if mode == "password" {
        // The old certificate with the new password: the certificate selects the old user.
        let mut mixed = first.clone();
        mixed.user = second.user.clone();
        assert!(!admitted(&hub, &mixed), "old certificate, new password");
    }
    assert!(admitted(&hub, &watcher), "{mode}: the watcher");

    // 5. Revoke the edge's certificate: suspended; after a hub restart neither its current nor
    // its superseded certificate gets a leaf connection.
    let out = hub
        .env
        .ok_unlocked(&["cert", "revoke", "edge1", "--reason", "key-compromise"]);
    assert!(out.contains("edge edge1 is suspended"), "{out}");
    drop(apply(&hub, server, &out));
    let server = start_hub(&hub);
    let auth = std::fs::read_to_string(hub.env.path("hubcfg/auth.conf")).unwrap();
    assert!(!auth.contains("\"edge1\""), "{mode}: {auth}");
    assert_edge_refused(
        &hub,
        &server,
        &watcher,
        &edge,
        &format!("{mode}: edge1 with its revoked certificate"),
    );
    assert_edge_refused(
        &hub,
        &server,
        &watcher,
        &old_edge,
        &format!("{mode}: revoked edge1 with its superseded certificate"),
    );
}

#[test]
fn password_mode_admits_exactly_the_current_edges_and_developers() {
    lifecycle("password");
}

#[test]
fn verify_and_map_mode_admits_exactly_the_current_edges_and_developers() {
    lifecycle("verify-and-map");
}

#[test]
fn pinned_mode_admits_exactly_the_current_edges_and_developers() {
    lifecycle("pinned");
}

/// After `cert renew edge1 [extra]` and a hub restart, an edge presenting its previous
/// certificate with its previous config (and the leafnode password that holds) is refused, and
/// the edge with the renewed config, certificate and key is admitted.
fn old_edge_certificate_refused_after_renew(mode: &str, extra: &[&str]) {
    let hub = Hub::new(mode, &[]);
    hub.add_dev("watcher", &[]);
    let watcher = dev_creds(&hub, mode, "devs", "watcher");
    hub.add_edge("edge1", &[]);
    copy_dir(&hub.env.path("edge"), &hub.env.path("edge-old"));
    let old_edge = Edge::new(&hub, "edge1", "edge-old");
    let mut args = vec!["cert", "renew", "edge1", "--out", "edge-renewed"];
    args.extend_from_slice(extra);
    let out = hub.env.ok_unlocked(&args);
    assert!(
        out.contains("edge edge1 is admitted with its new certificate"),
        "{out}"
    );
    let server = start_hub(&hub);
    assert_edge_refused(
        &hub,
        &server,
        &watcher,
        &old_edge,
        &format!("{mode}: edge1 with its certificate from before `cert renew {extra:?}`"),
    );
    hand_over(&hub, "edge1", "edge-renewed", "edge");
    let renewed = Edge::new(&hub, "edge1", "edge");
    drop(assert_edge_admitted(
        &hub,
        &watcher,
        &renewed,
        &format!("{mode}: edge1 renewed by `cert renew {extra:?}`"),
    ));
}

const MODES: [&str; 3] = ["password", "verify-and-map", "pinned"];

/// README: "the hub admits the certificate the store holds as current and no other — not a
/// superseded one after `cert renew`". For edges outside pinned mode the leafnode port checks
/// the certificate against the CA alone (`verify: true`, no mapping, no pins): what keeps the
/// superseded certificate out there is the leafnode password `cert renew` rotates.
#[test]
fn a_superseded_edge_certificate_is_refused_in_every_mode() {
    for mode in MODES {
        old_edge_certificate_refused_after_renew(mode, &[]);
    }
}

/// As above with `--revoke-old`: the old certificate is revoked (it is in `crl.pem`), and
/// nats-server 2.9 reads no CRL: the rotated password (pinned mode: also the pins) keeps it out.
#[test]
fn an_edge_certificate_revoked_by_renew_is_refused_in_every_mode() {
    for mode in MODES {
        old_edge_certificate_refused_after_renew(mode, &["--revoke-old"]);
    }
}

/// `rotate passwords` with no terminal against a live hub, in every TLS mode: after the
/// reload the old passwords are refused and the new ones admitted — an edge's leafnode password
/// with the new config the rotation hands out, and (password mode: the only one where a
/// developer has a password) a developer's.
#[test]
fn a_password_rotation_applies_on_reload_for_developers_and_edges_in_every_mode() {
    for mode in ["password", "verify-and-map", "pinned"] {
        password_rotation_applies_on_reload(mode);
    }
}

fn password_rotation_applies_on_reload(mode: &str) {
    let hub = Hub::new(mode, &[]);
    hub.add_dev("alice", &[]);
    hub.add_edge("edge1", &[]);
    hub.env
        .ok_unlocked(&["dev", "add", "app", "--service", "--out", "svc"]);
    let server = start_hub(&hub);
    let old_app = service_creds(&hub, "svc", "svc", "app");
    assert_eq!(old_app.user.is_some(), mode == "password", "{mode}");
    assert!(admitted(&hub, &old_app), "{mode}: service app before");
    let old_alice = dev_creds(&hub, mode, "devs", "alice");
    assert!(
        admitted(&hub, &old_alice),
        "{mode}: alice before the rotation"
    );
    copy_dir(&hub.env.path("edge"), &hub.env.path("edge-old"));
    let old_edge = Edge::new(&hub, "edge1", "edge-old");
    let before = format!("{mode}: edge1 before the rotation");
    drop(assert_edge_admitted(&hub, &old_alice, &old_edge, &before));

    let out = hub
        .env
        .ok_unlocked(&["rotate", "passwords", "--out", "rot"]);
    assert!(out.contains("reload the hubs"), "{mode}: {out}");
    server.reload();
    assert!(
        !server.log_text().contains("Failed to reload"),
        "{mode}: {}",
        server.log_text()
    );

    let new_alice = match mode {
        "password" => {
            assert!(
                !admitted(&hub, &old_alice),
                "{mode}: alice's old password still admitted"
            );
            bundle(
                &hub.env.path("devs"),
                "alice",
                Some(&hub.env.path("rot/secret")),
                &hub.env.path("hubcfg/ca.crt"),
            )
        }
        // No developer password to rotate: alice's certificate alone still admits her.
        _ => old_alice,
    };
    assert!(
        admitted(&hub, &new_alice),
        "{mode}: alice after the rotation"
    );
    let new_app = match mode {
        "password" => {
            assert!(!admitted(&hub, &old_app), "{mode}: app's old password");
            service_creds(&hub, "svc", "rot/secret", "app")
        }
        _ => {
            assert!(!hub.env.path("rot/secret/app.env").exists(), "{mode}");
            old_app
        }
    };
    assert!(admitted(&hub, &new_app), "{mode}: service app after");

    let old = format!("{mode}: edge1 with its old password");
    assert_edge_refused(&hub, &server, &new_alice, &old_edge, &old);
    std::fs::copy(
        hub.env.path("rot/secret/edge1.conf"),
        hub.env.path("edge/edge1.conf"),
    )
    .unwrap();
    let new_edge = Edge::new(&hub, "edge1", "edge");
    let new = format!("{mode}: edge1 with the rotated config");
    drop(assert_edge_admitted(&hub, &new_alice, &new_edge, &new));
}

/// A CA rollover mid-life: an edge of the old CA that trusts only the old CA, and one added after
/// the rollover that trusts only the new root, both join the hub rendered mid-transition, in
/// every TLS mode (the hub presents its old certificate with the old root certified by the new).
#[test]
fn edges_of_either_ca_generation_join_a_hub_mid_rollover_in_every_mode() {
    for mode in MODES {
        let hub = Hub::new(mode, &[]);
        hub.add_dev("alice", &[]);
        hub.add_edge("edge1", &[]);
        copy_dir(&hub.env.path("edge"), &hub.env.path("edge-old"));
        hub.env.ok_unlocked(&["ca", "renew", "--root"]);
        hub.add_edge("edge2", &[]);
        std::fs::copy(
            hub.env.store().join("ca/root.crt"),
            hub.env.path("edge/ca.crt"),
        )
        .unwrap();
        let _server = start_hub(&hub);
        let watcher = dev_creds(&hub, mode, "devs", "alice");
        let old_edge = Edge::new(&hub, "edge1", "edge-old");
        let new_edge = Edge::new(&hub, "edge2", "edge");
        let first = assert_edge_admitted(&hub, &watcher, &old_edge, &format!("{mode}: old edge"));
        drop(first);
        drop(assert_edge_admitted(
            &hub,
            &watcher,
            &new_edge,
            &format!("{mode}: new edge"),
        ));
    }
}

/// A service user's whole life against a live hub, in every TLS mode: admitted when added, its
/// renewed certificate admitted and the old one refused, refused once removed, and admitted
/// again (with its new bundle only) when re-added.
#[test]
fn a_service_user_is_admitted_exactly_through_renew_remove_and_re_add_in_every_mode() {
    for mode in MODES {
        let hub = Hub::new(mode, &[]);
        let env = &hub.env;
        env.ok_unlocked(&["dev", "add", "app", "--service", "--out", "svc"]);
        let mut server = start_hub(&hub);
        let first = service_creds(&hub, "svc", "svc", "app");
        assert!(admitted(&hub, &first), "{mode}: app once added");

        let out = env.ok_unlocked(&["cert", "renew", "app", "--out", "svc2"]);
        server = apply(&hub, server, &out);
        let env_dir = if env.path("svc2/app.env").exists() {
            "svc2"
        } else {
            "svc"
        };
        let renewed = service_creds(&hub, "svc2", env_dir, "app");
        assert!(
            admitted(&hub, &renewed),
            "{mode}: app's renewed certificate"
        );
        assert!(
            !admitted(&hub, &first),
            "{mode}: app's superseded certificate"
        );

        let out = env.ok_unlocked(&["dev", "remove", "app"]);
        server = apply(&hub, server, &out);
        assert!(!admitted(&hub, &renewed), "{mode}: app after removal");

        let out = env.ok_unlocked(&["dev", "add", "app", "--service", "--out", "svc3"]);
        let server = apply(&hub, server, &out);
        let again = service_creds(&hub, "svc3", "svc3", "app");
        assert!(admitted(&hub, &again), "{mode}: app re-added");
        assert!(
            !admitted(&hub, &renewed),
            "{mode}: the old bundle after re-adding"
        );
        drop(server);
    }
}
