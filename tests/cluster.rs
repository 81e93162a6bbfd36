//! Several hubs of one store forming a real nats-server cluster: TLS routes with the route
//! password credctl generates and seals, members admitted and removed on every hub, and an R3
//! encrypted JetStream stream surviving the restart of one node.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::nats::{Client, Creds, NatsServer, check_config, connect, round_trip};
use common::*;

/// One hub of the cluster as the test runs it.
struct Node {
    name: String,
    dir: PathBuf,
    port: u16,
    key: String,
}

impl Node {
    fn conf(&self) -> PathBuf {
        self.dir.join("hub.conf")
    }

    fn url(&self) -> String {
        format!("tls://127.0.0.1:{}", self.port)
    }

    fn start(&self) -> NatsServer {
        NatsServer::start(
            &self.conf(),
            self.port,
            &[("NATS_JETSTREAM_KEY", &self.key)],
        )
    }
}

/// `hub init` for `name` on free ports (hub1 starts the cluster, the others join it).
fn init_hub(env: &Env, name: &str, cluster_of: Option<&str>) -> Node {
    let (port, leaf, cluster) = (free_port(), free_port(), free_port());
    let (p, l, c) = (port.to_string(), leaf.to_string(), cluster.to_string());
    let mut args = vec![
        "hub",
        "init",
        "--name",
        name,
        "--dns",
        "localhost",
        "--ip",
        "127.0.0.1",
        "--listen",
        "127.0.0.1",
        "--port",
        &p,
        "--leaf-port",
        &l,
        "--cluster-port",
        &c,
        "--out",
        name,
        "--passphrase-file",
        "pass",
    ];
    match cluster_of {
        Some(of) => args.extend(["--cluster-of", of]),
        None => args.push("--jetstream"),
    }
    env.ok(&args);
    let dir = env.path(name);
    let line = std::fs::read_to_string(dir.join("jetstream.env")).unwrap();
    let key = line.trim().strip_prefix("NATS_JETSTREAM_KEY=").unwrap();
    Node {
        name: name.to_owned(),
        dir,
        port,
        key: key.to_owned(),
    }
}

fn creds(env: &Env, name: &str) -> Creds {
    let dir = env.path("devs");
    let pw = std::fs::read_to_string(dir.join(format!("{name}.password"))).unwrap();
    Creds {
        cert: Some((
            dir.join(format!("{name}.crt")),
            dir.join(format!("{name}.key")),
        )),
        user: Some((name.to_owned(), pw.trim().to_owned())),
        ca: Some(env.path("hub1/ca.crt")),
        tls: true,
    }
}

/// The route password, read back from a rendered cluster.conf.
fn route_password(node: &Node) -> String {
    let conf = std::fs::read_to_string(node.dir.join("cluster.conf")).unwrap();
    let at = conf.find("tls://route:").expect("routes carry credentials") + 12;
    conf[at..].split('@').next().unwrap().to_owned()
}

/// Publishes on `from` until a subscriber on `to` receives it (routes come up asynchronously).
fn crosses(from: &Client, to: &Client, subject: &str) -> bool {
    crosses_within(from, to, subject, Duration::from_secs(10))
}

fn crosses_within(from: &Client, to: &Client, subject: &str, wait: Duration) -> bool {
    let sub = to.subscribe(subject).unwrap();
    to.flush().unwrap();
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        from.publish(subject, "across").unwrap();
        from.flush().unwrap();
        if let Some(msg) = to.next_msg(&sub, Duration::from_millis(300)).unwrap() {
            return msg.payload == "across";
        }
    }
    false
}

fn setup() -> (Env, Vec<Node>) {
    let env = Env::new();
    env.init(&["--intermediate"]);
    let hub1 = init_hub(&env, "hub1", None);
    let hub2 = init_hub(&env, "hub2", Some("hub1"));
    let hub3 = init_hub(&env, "hub3", Some("hub1"));
    for dev in ["alice", "bob"] {
        env.ok(&[
            "dev",
            "add",
            dev,
            "--out",
            "devs",
            "--passphrase-file",
            "pass",
        ]);
    }
    (env, vec![hub1, hub2, hub3])
}

/// Checks what the store and the rendered directories hold: every hub routes to every hub, the
/// route password is nowhere in the store in plaintext and never handed out as a file.
fn check_rendered(env: &Env, nodes: &[Node]) {
    let password = route_password(&nodes[0]);
    assert!(password.len() >= 40, "{password}");
    for node in nodes {
        check_config(&node.conf(), &[("NATS_JETSTREAM_KEY", &node.key)]);
        let cluster = std::fs::read_to_string(node.dir.join("cluster.conf")).unwrap();
        assert!(cluster.contains("name: \"hub1-cluster\""), "{cluster}");
        // In clear: nats-server dials the routes it learns from peers with this password.
        assert_eq!(route_password(node), password, "{}", node.name);
        assert!(
            cluster.contains(&format!("password: \"{password}\"")),
            "{cluster}"
        );
        assert_eq!(cluster.matches("tls://route:").count(), 3, "{cluster}");
        assert!(!node.dir.join("route.password").exists());
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(node.dir.join("cluster.conf"))
                .unwrap()
                .permissions(),
        );
        assert_eq!(mode & 0o777, 0o600);
    }
    // Only hub1 made the system user: the others hand out no system secrets.
    assert!(env.path("hub1/system.password").exists());
    assert!(!env.path("hub2/system.password").exists());
    assert!(!env.path("hub3/system.crt").exists());
    for (path, _) in tree(&env.store()) {
        let file = env.store().join(&path);
        if file.is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).into_owned();
            assert!(!text.contains(&password), "{}", path.display());
        }
    }
    assert!(env.store().join("hub/route.password.age").is_file());
    assert!(env.store().join("hub/hubs/hub2.json").is_file());
    // Each hub's own JetStream key comes back out; with several hubs, --hub says whose.
    env.ok(&[
        "hub",
        "jetstream-key",
        "--hub",
        "hub2",
        "--out",
        "backup/hub2.env",
        "--passphrase-file",
        "pass",
    ]);
    let handed = std::fs::read_to_string(env.path("backup/hub2.env")).unwrap();
    assert_eq!(
        handed.trim(),
        format!("NATS_JETSTREAM_KEY={}", nodes[1].key)
    );
    assert_ne!(nodes[0].key, nodes[1].key);
    let unnamed = env.run(&["hub", "render", "--out", "x", "--passphrase-file", "pass"]);
    assert_eq!(code(&unnamed), 2, "{}", stderr(&unnamed));
    assert!(
        stderr(&unnamed).contains("hub1, hub2, hub3"),
        "{}",
        stderr(&unnamed)
    );
}

/// Creates an R3 stream (retrying while the cluster elects its meta leader) and stores `n`
/// messages, each acknowledged.
fn fill_r3_stream(client: &Client, n: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match client.js_add_stream("ORDERS", &["orders.>"], 3) {
            Ok(()) => break,
            Err(e) => assert!(Instant::now() < deadline, "no R3 stream: {e}"),
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let info = client
        .js_stream_info("ORDERS", Duration::from_secs(5))
        .unwrap();
    assert_eq!((info.num_replicas, info.replicas), (3, 2), "{info:?}");
    for i in 1..=n {
        loop {
            let ack = client.js_publish(
                &format!("orders.{i}"),
                &format!("order {i}"),
                Duration::from_secs(5),
            );
            match ack {
                Ok(sequence) if sequence == i => break,
                other => assert!(Instant::now() < deadline, "no ack for {i}: {other:?}"),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// Every one of the `n` messages, read through `client` (polling while the stream's leader or
/// the restarted replica catches up).
fn read_all(client: &Client, n: u64) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut last = String::new();
    while Instant::now() < deadline {
        // One pass over the stream, all of it within 5 s.
        let until = Instant::now() + Duration::from_secs(5);
        let left = || until.saturating_duration_since(Instant::now());
        let read = || {
            client.js_stream_info("ORDERS", left())?;
            for i in 1..=n {
                let payload = client
                    .js_get_msg("ORDERS", i, left())
                    .map_err(|e| format!("message {i}: {e}"))?;
                if payload != format!("order {i}") {
                    return Err(format!("message {i} is {payload:?}"));
                }
            }
            Ok::<(), String>(())
        };
        match read() {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    Err(last)
}

#[test]
fn three_hubs_of_one_store_form_a_cluster_that_admits_and_removes_members_everywhere() {
    let (env, nodes) = setup();
    check_rendered(&env, &nodes);
    let mut servers: Vec<NatsServer> = nodes.iter().map(Node::start).collect();
    {
        let mut alice = Vec::new();
        for node in &nodes {
            let client = connect(&node.url(), &creds(&env, "alice"))
                .unwrap_or_else(|e| panic!("alice on {}: {e}", node.name));
            alice.push(client);
        }
        assert!(
            crosses(&alice[0], &alice[2], "app.cross"),
            "no message crossed from hub1 to hub3"
        );
        assert!(crosses(&alice[2], &alice[1], "app.back"));

        // An R3 encrypted stream survives the restart of one node.
        fill_r3_stream(&alice[0], 5);
    }
    drop(servers.remove(1));
    {
        let alice = connect(&nodes[0].url(), &creds(&env, "alice")).unwrap();
        read_all(&alice, 5).expect("readable with hub2 down");
    }
    servers.insert(1, nodes[1].start());
    for node in &nodes {
        let client = connect(&node.url(), &creds(&env, "bob")).unwrap();
        read_all(&client, 5)
            .unwrap_or_else(|e| panic!("after the restart, through {}: {e}", node.name));
    }

    env.ok(&["dev", "remove", "alice", "--passphrase-file", "pass"]);
    for (node, server) in nodes.iter().zip(&servers) {
        check_config(&node.conf(), &[("NATS_JETSTREAM_KEY", &node.key)]);
        server.reload();
    }
    for node in &nodes {
        assert!(
            connect(&node.url(), &creds(&env, "alice")).is_err(),
            "alice still admitted on {}",
            node.name
        );
        let bob = connect(&node.url(), &creds(&env, "bob"))
            .unwrap_or_else(|e| panic!("bob on {}: {e}", node.name));
        round_trip(&bob, "app.bob").unwrap();
    }
}

#[test]
fn joining_a_missing_or_unclustered_hub_is_refused_and_changes_nothing() {
    let env = Env::new();
    env.init(&[]);
    env.ok(&[
        "hub",
        "init",
        "--name",
        "solo",
        "--dns",
        "localhost",
        "--out",
        "solo",
        "--passphrase-file",
        "pass",
    ]);
    let join = |of: &'static str| -> Vec<&'static str> {
        vec![
            "hub",
            "init",
            "--name",
            "hub2",
            "--dns",
            "localhost",
            "--cluster-port",
            "6222",
            "--cluster-of",
            of,
            "--out",
            "hub2",
        ]
    };
    let (nosuch, solo) = (join("nosuch"), join("solo"));
    let cases: &[(&[&str], i32, &str)] = &[
        (&nosuch, 2, "no hub named nosuch (this store's hubs: solo)"),
        (&solo, 1, "hub solo was made without --cluster-port"),
        (
            &["hub", "init", "--name", "hub2", "--dns", "x", "--out", "d"],
            1,
            "already has a hub",
        ),
    ];
    assert_refused_unchanged(&env, cases, &["--passphrase-file", "pass"]);
    assert!(!env.path("hub2").exists());
    let hint = stderr(&env.run(&["hub", "init", "--name", "h", "--dns", "x", "--out", "d"]));
    assert!(hint.contains("--cluster-of"), "{hint}");
}

/// `rotate passwords --kind route`, run with no terminal: every clustered hub's cluster.conf
/// carries the new route password (sealed in the store, never handed out). Once two hubs
/// restart, the third, still on the old password, is refused by both; restarted on the new
/// one, it rejoins. (A reload is not enough: nats-server 2.9 keeps dialling the route URLs it
/// had, old password and all, and the duplicate routes that makes can keep a hub out.)
#[test]
fn a_rotated_route_password_refuses_the_old_one_and_the_cluster_reforms_after_a_rolling_restart() {
    let (env, nodes) = setup();
    let mut servers: Vec<NatsServer> = nodes.iter().map(Node::start).collect();
    let clients = || -> Vec<Client> {
        let alice = creds(&env, "alice");
        nodes
            .iter()
            .map(|n| connect(&n.url(), &alice).unwrap())
            .collect()
    };
    let before = clients();
    assert!(crosses(&before[0], &before[2], "app.before"));
    drop(before);
    let old = route_password(&nodes[0]);

    let out = env.ok(&[
        "rotate",
        "passwords",
        "--kind",
        "route",
        "--out",
        "rot",
        "--passphrase-file",
        "pass",
    ]);
    assert!(out.contains("rotated route route"), "{out}");
    assert!(
        out.contains("restart each hub of the cluster in turn (hub1, hub2, hub3)"),
        "{out}"
    );
    check_rendered(&env, &nodes);
    assert_ne!(route_password(&nodes[0]), old);
    let handed_out = std::fs::read_dir(env.path("rot")).map_or(0, |d| d.count());
    assert_eq!(handed_out, 0, "a route password is never handed out");
    let status = env.run(&["status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    let route = status["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["subject"] == "route user" && f["check"] == "password")
        .unwrap_or_else(|| panic!("no route password finding: {status}"));
    assert_eq!(route["level"], "ok", "{route}");
    assert!(route["detail"].as_str().unwrap().contains("ago"), "{route}");

    // A rolling restart, as the output says. hub1 and hub2 come back on the new password;
    // hub3, still running on the old one, can route to neither.
    for at in [0, 1] {
        drop(servers.remove(at));
        servers.insert(at, nodes[at].start());
    }
    let after = clients();
    let logs = |servers: &[NatsServer]| {
        let tail = |s: &NatsServer| {
            let text = s.log_text();
            let lines: Vec<&str> = text.lines().collect();
            lines[lines.len().saturating_sub(30)..].join("\n")
        };
        servers
            .iter()
            .map(tail)
            .collect::<Vec<_>>()
            .join("\n----\n")
    };
    assert!(
        crosses(&after[0], &after[1], "app.pair"),
        "hub1 and hub2 did not re-form with the new route password\n{}",
        logs(&servers)
    );
    assert!(
        !crosses_within(&after[0], &after[2], "app.cut", Duration::from_secs(3)),
        "hub3 routes with the old route password"
    );
    assert!(!crosses_within(
        &after[2],
        &after[1],
        "app.cut2",
        Duration::from_secs(3)
    ));
    drop(after);
    drop(servers.pop());
    servers.push(nodes[2].start());
    let after = clients();
    assert!(
        crosses(&after[0], &after[2], "app.reformed"),
        "the cluster did not re-form once hub3 took the new route password\n{}",
        logs(&servers)
    );
    assert!(
        crosses(&after[2], &after[1], "app.back"),
        "{}",
        logs(&servers)
    );
}
