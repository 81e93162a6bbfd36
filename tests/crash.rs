//! Kill a command at every crash point of its transaction (debug builds stop at the n-th point
//! with `CREDCTL_CRASH_AT=n`), run any other command, and check that the store and every file
//! it hands out or renders are both before or both after — against a real nats-server where it
//! decides who gets in.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::hub::Hub;
use common::nats::{Creds, NatsServer, bundle, connect};
use common::*;

/// A store with a hub (in a TLS mode) and two developers, saved so every trial starts from it.
struct Fixture {
    env: Env,
    port: u16,
    mode: &'static str,
    /// Each developer's original certificate serial.
    serials: std::collections::BTreeMap<String, String>,
}

impl Fixture {
    fn new() -> Fixture {
        Fixture::in_mode("password")
    }

    fn in_mode(mode: &'static str) -> Fixture {
        // The shared hub fixture: on free ports of 127.0.0.1, in `hubcfg/`.
        let Hub { env, port, .. } = Hub::new(mode, &[]);
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
        let serials = ["alice", "bob"]
            .iter()
            .map(|dev| {
                let show = env.ok(&["--json", "cert", "show", dev]);
                let show: serde_json::Value = serde_json::from_str(&show).unwrap();
                (dev.to_string(), show["serial"].as_str().unwrap().to_owned())
            })
            .collect();
        let fixture = Fixture {
            env,
            port,
            mode,
            serials,
        };
        fixture.save();
        fixture
    }

    fn dirs() -> [&'static str; 5] {
        ["ca-store", "hubcfg", "devs", "edges", "renewed"]
    }

    fn save(&self) {
        for dir in Self::dirs() {
            let (from, to) = (self.env.path(dir), self.env.path(&format!("saved-{dir}")));
            if to.exists() {
                std::fs::remove_dir_all(&to).unwrap();
            }
            if from.exists() {
                copy_tree(&from, &to);
            }
        }
    }

    /// Puts every directory back as saved, at the same path (the store records its hub dir).
    /// A running nats-server's log files in the hub dir are kept.
    fn restore(&self) {
        for dir in Self::dirs() {
            let live = self.env.path(dir);
            if let Ok(entries) = std::fs::read_dir(&live) {
                for entry in entries {
                    let path = entry.unwrap().path();
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    if name.ends_with(".log") || name.ends_with(".stderr") {
                        continue;
                    }
                    if path.is_dir() {
                        std::fs::remove_dir_all(&path).unwrap();
                    } else {
                        std::fs::remove_file(&path).unwrap();
                    }
                }
            }
            let saved = self.env.path(&format!("saved-{dir}"));
            if saved.exists() {
                std::fs::create_dir_all(&live).unwrap();
                let status = Command::new("cp")
                    .args([
                        "-a",
                        &format!("{}/.", saved.display()),
                        live.to_str().unwrap(),
                    ])
                    .status()
                    .unwrap();
                assert!(status.success());
            } else if live.exists() {
                std::fs::remove_dir_all(&live).unwrap();
            }
        }
    }

    /// Runs `args` killed at crash point `n`; false once `n` is past the last point (the
    /// command then ran to completion).
    fn crash_at(&self, n: usize, args: &[&str]) -> bool {
        let out = self
            .env
            .cmd()
            .env("CREDCTL_CRASH_AT", n.to_string())
            .args(args)
            .args(["--passphrase-file", "pass"])
            .output()
            .unwrap();
        match out.status.code() {
            None => true,
            Some(0) => false,
            Some(code) => panic!("{args:?} at {n}: exit {code}: {}", stderr(&out)),
        }
    }

    fn dev_listed(&self, name: &str) -> bool {
        let list: serde_json::Value =
            serde_json::from_str(&self.env.ok(&["dev", "list", "--json"])).unwrap();
        list.as_array().unwrap().iter().any(|d| d["name"] == name)
    }

    /// `name`'s original bundle (its password only where the mode uses one).
    fn creds(&self, name: &str) -> Creds {
        let dir = self.env.path("saved-devs");
        let password_dir = (self.mode == "password").then_some(dir.as_path());
        bundle(
            &dir,
            name,
            password_dir,
            &self.env.path("saved-hubcfg/ca.crt"),
        )
    }

    /// Whether the store holds `name`'s original certificate as its active, current one.
    fn original_active(&self, name: &str) -> bool {
        let list: serde_json::Value =
            serde_json::from_str(&self.env.ok(&["dev", "list", "--json"])).unwrap();
        list.as_array().unwrap().iter().any(|d| {
            d["name"] == name && d["status"] == "active" && d["cert_serial"] == self.serials[name]
        })
    }

    fn admitted(&self, name: &str) -> bool {
        let url = format!("tls://127.0.0.1:{}", self.port);
        connect(&url, &self.creds(name)).is_ok()
    }

    /// Kills `command` at every crash point against the running `server`. After each kill any
    /// command finishes or undoes it, and after a reload the hub admits `who` exactly when
    /// `in_store()` says the store holds them, and bob throughout; then everything is put back.
    /// Insists that both outcomes were seen.
    fn crash_everywhere(
        &self,
        server: &NatsServer,
        command: &[&str],
        who: &str,
        in_store: impl Fn() -> bool,
    ) {
        let mut seen = (false, false);
        let mut n = 1;
        while self.crash_at(n, command) {
            self.env.ok(&["audit", "verify"]);
            assert_clean(&self.env, &["hubcfg"]);
            server.reload();
            let at = format!("{}, {command:?} killed at {n}", self.mode);
            let held = in_store();
            assert_eq!(self.admitted(who), held, "{at}: hub and store disagree");
            assert!(self.admitted("bob"), "{at}: bob lost access");
            if held {
                seen.0 = true
            } else {
                seen.1 = true
            }
            self.restore();
            server.reload();
            n += 1;
        }
        assert!(seen.0 && seen.1, "{} {command:?}: {seen:?}", self.mode);
    }
}

fn copy_tree(from: &Path, to: &Path) {
    let status = Command::new("cp")
        .args(["-a", from.to_str().unwrap(), to.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// No staged store file, no journal, no staged hand-out left anywhere (nor a new directory
/// staged whole beside the test's directories).
fn assert_clean(env: &Env, dirs: &[&str]) {
    let txn: Vec<_> = std::fs::read_dir(env.store().join("txn"))
        .unwrap()
        .collect();
    assert!(txn.is_empty(), "txn/ not empty: {txn:?}");
    for entry in std::fs::read_dir(env.path(".")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            !(name.starts_with('.') && name.contains(".credctl-")),
            "{name} left behind by a killed command"
        );
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(env.path(dir)) else {
            continue;
        };
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                !name.starts_with('.'),
                "{dir}/{name} left behind by a killed command"
            );
        }
    }
}

#[test]
fn a_dev_remove_killed_anywhere_never_leaves_the_hub_admitting_a_removed_developer() {
    let f = Fixture::new();
    let _server = NatsServer::start(&f.env.path("hubcfg/hub.conf"), f.port, &[]);
    assert!(f.admitted("alice"));
    let mut outcomes = (0, 0);
    let mut n = 1;
    while f.crash_at(n, &["dev", "remove", "alice"]) {
        // Any command finishes or undoes the change.
        f.env.ok(&["ca", "show"]);
        assert_clean(&f.env, &["hubcfg"]);
        let listed = f.dev_listed("alice");
        let auth = std::fs::read_to_string(f.env.path("hubcfg/auth.conf")).unwrap();
        assert_eq!(
            auth.contains("alice"),
            listed,
            "crash {n}: store and auth.conf disagree"
        );
        _server.reload();
        assert_eq!(
            f.admitted("alice"),
            listed,
            "crash {n}: hub and store disagree"
        );
        assert!(f.admitted("bob"), "crash {n}: bob lost access");
        if listed {
            outcomes.0 += 1;
        } else {
            outcomes.1 += 1;
            // The removal happened: running it again re-renders and says so.
            let again = f
                .env
                .ok(&["dev", "remove", "alice", "--passphrase-file", "pass"]);
            assert!(again.contains("already removed"), "{again}");
        }
        f.restore();
        _server.reload();
        n += 1;
    }
    assert!(
        outcomes.0 > 0 && outcomes.1 > 0,
        "{outcomes:?} over {n} points"
    );
}

/// Renew, revoke and remove of a member, each killed at every step, in every TLS mode: after
/// any command and a reload, the live hub admits alice's original bundle if and only if the
/// store still holds that certificate as her active one, and bob throughout.
#[test]
fn trust_changes_killed_anywhere_leave_the_hub_admitting_exactly_the_current_certificate() {
    let commands: [&[&str]; 3] = [
        &["cert", "renew", "alice", "--out", "renewed"],
        &["cert", "revoke", "alice", "--reason", "key-compromise"],
        &["dev", "remove", "alice"],
    ];
    for mode in ["password", "verify-and-map", "pinned"] {
        let f = Fixture::in_mode(mode);
        let server = NatsServer::start(&f.env.path("hubcfg/hub.conf"), f.port, &[]);
        for command in commands {
            f.crash_everywhere(&server, command, "alice", || f.original_active("alice"));
        }
    }
}

#[test]
fn a_dev_add_killed_anywhere_hands_out_the_whole_bundle_or_nothing() {
    let f = Fixture::new();
    let _server = NatsServer::start(&f.env.path("hubcfg/hub.conf"), f.port, &[]);
    let mut n = 1;
    let mut added = 0;
    while f.crash_at(n, &["dev", "add", "carol", "--out", "devs"]) {
        f.env.ok(&["audit", "verify"]);
        assert_clean(&f.env, &["hubcfg", "devs"]);
        let listed = f.dev_listed("carol");
        let files: Vec<bool> = ["crt", "key", "password"]
            .iter()
            .map(|ext| f.env.path(&format!("devs/carol.{ext}")).exists())
            .collect();
        assert!(
            files.iter().all(|e| *e == listed),
            "crash {n}: {files:?} listed {listed}"
        );
        let auth = std::fs::read_to_string(f.env.path("hubcfg/auth.conf")).unwrap();
        assert_eq!(auth.contains("carol"), listed, "crash {n}");
        if listed {
            added += 1;
            // The bundle handed out is the one the hub admits.
            _server.reload();
            let dir = f.env.path("devs");
            let pw = std::fs::read_to_string(dir.join("carol.password")).unwrap();
            let creds = Creds {
                cert: Some((dir.join("carol.crt"), dir.join("carol.key"))),
                user: Some(("carol".into(), pw.trim().to_owned())),
                ca: Some(f.env.path("hubcfg/ca.crt")),
                tls: true,
            };
            let url = format!("tls://127.0.0.1:{}", f.port);
            connect(&url, &creds).unwrap();
        }
        f.restore();
        n += 1;
    }
    assert!(added > 0 && added < n - 1, "{added} of {n}");
}

#[test]
fn an_edge_remove_killed_anywhere_keeps_store_and_leafnode_users_in_step() {
    let f = Fixture::new();
    f.env.ok(&[
        "edge",
        "add",
        "edge1",
        "--hub-url",
        "tls://127.0.0.1:7422",
        "--out",
        "edges",
        "--passphrase-file",
        "pass",
    ]);
    f.save();
    let mut n = 1;
    let mut seen = (false, false);
    while f.crash_at(n, &["edge", "remove", "edge1"]) {
        f.env.ok(&["cert", "list"]);
        assert_clean(&f.env, &["hubcfg"]);
        let in_store = f.env.ok(&["cert", "list", "--json", "--profile", "edge"]);
        let rows: serde_json::Value = serde_json::from_str(&in_store).unwrap();
        let active = rows
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["status"] == "active");
        let rendered: String = std::fs::read_dir(f.env.path("hubcfg"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
            .collect();
        assert_eq!(rendered.contains("\"edge1\""), active, "crash {n}");
        if active {
            seen.0 = true
        } else {
            seen.1 = true
        }
        f.restore();
        n += 1;
    }
    assert!(seen.0 && seen.1, "{seen:?}");
}

/// Runs `args` in `env` killed at crash point 1, 2, ... until it completes. After each kill,
/// `check(n)` inspects what the next command left; then the store saved before the first run
/// is put back and `reset()` removes what the command handed out. Returns the points tried.
fn at_every_crash_point(
    env: &Env,
    args: &[&str],
    mut check: impl FnMut(usize),
    mut reset: impl FnMut(),
) -> usize {
    let saved = env.path("saved-store");
    copy_tree(&env.store(), &saved);
    let mut n = 1;
    loop {
        let out = env
            .cmd()
            .env("CREDCTL_CRASH_AT", n.to_string())
            .args(args)
            .args(["--passphrase-file", "pass"])
            .output()
            .unwrap();
        if out.status.success() {
            return n - 1;
        }
        assert!(out.status.code().is_none(), "{}", stderr(&out));
        check(n);
        std::fs::remove_dir_all(env.store()).unwrap();
        copy_tree(&saved, &env.store());
        reset();
        n += 1;
    }
}

#[test]
fn nats_init_killed_anywhere_has_sys_creds_iff_the_operator_exists() {
    let env = Env::new();
    env.init(&[]);
    let args = [
        "nats",
        "init",
        "--operator",
        "OP",
        "--sys-creds",
        "sys.creds",
    ];
    let check = |n| {
        env.ok(&["ca", "show"]);
        let exists = env.run(&["nats", "describe", "OP"]).status.success();
        assert_eq!(env.path("sys.creds").exists(), exists, "crash {n}");
        assert_clean(&env, &["."]);
    };
    let reset = || {
        let _ = std::fs::remove_file(env.path("sys.creds"));
    };
    let points = at_every_crash_point(&env, &args, check, reset);
    assert!(points > 3, "only {points} crash points");
}

#[test]
fn cert_issue_from_a_list_killed_anywhere_issues_all_or_none() {
    let env = Env::new();
    env.init(&[]);
    std::fs::write(env.path("names.txt"), "n1\nn2\nn3\n").unwrap();
    let args = [
        "cert",
        "issue",
        "--from",
        "names.txt",
        "--profile",
        "node",
        "--out",
        "out",
    ];
    let check = |n| {
        let list = env.ok(&["cert", "list"]);
        let issued = list.contains("n1");
        for name in ["n1", "n2", "n3"] {
            assert_eq!(list.contains(name), issued, "crash {n}: {list}");
            for ext in ["crt", "key"] {
                let file = env.path(&format!("out/{name}.{ext}"));
                assert_eq!(file.exists(), issued, "crash {n}: {}", file.display());
            }
        }
        assert_eq!(env.path("out/ca.crt").exists(), issued, "crash {n}");
        assert_clean(&env, &["out"]);
    };
    let reset = || {
        let _ = std::fs::remove_dir_all(env.path("out"));
    };
    let points = at_every_crash_point(&env, &args, check, reset);
    assert!(points > 3, "only {points} crash points");
}

/// A NATS batch into a directory that does not exist yet is staged whole beside it and moved in
/// with one rename: killed anywhere, either every user is in the store and every .creds in the
/// directory, or neither (and nothing staged is left behind).
#[test]
fn a_nats_batch_killed_anywhere_hands_out_every_creds_or_none() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    env.ok_unlocked(&["nats", "account", "add", "APP"]);
    // More than a handful of files: the batch syncs with syncfs rather than an fsync each.
    let names: Vec<String> = (0..20).map(|i| format!("u{i:02}")).collect();
    std::fs::write(env.path("users.txt"), names.join("\n")).unwrap();
    let args = [
        "nats",
        "user",
        "add",
        "--from",
        "users.txt",
        "--account",
        "APP",
        "--out",
        "creds",
    ];
    let check = |n| {
        let created = env.run(&["nats", "describe", "APP/u00"]).status.success();
        for name in &names {
            let file = env.path(&format!("creds/{name}.creds"));
            assert_eq!(file.exists(), created, "crash {n}: {}", file.display());
        }
        if created {
            let last = env.ok(&["nats", "describe", "APP/u19"]);
            assert!(last.contains("u19"), "crash {n}: {last}");
        }
        assert_clean(&env, &["creds"]);
    };
    let reset = || {
        let _ = std::fs::remove_dir_all(env.path("creds"));
    };
    let points = at_every_crash_point(&env, &args, check, reset);
    assert!(points > 3, "only {points} crash points");
}

/// A journal planted by someone who can write the store (a stolen backup, a shared volume) is
/// refused as damage before anything outside the store is touched — even by `ca show`.
#[test]
fn a_planted_journal_pointing_outside_the_store_touches_nothing() {
    let env = Env::new();
    env.init(&[]);
    std::fs::write(env.path("canary"), "alive").unwrap();
    std::fs::create_dir(env.path("outside")).unwrap();
    std::fs::write(env.path("outside/canary"), "alive").unwrap();
    std::fs::write(env.path("outside/.canary.credctl-0011223344556677"), "evil").unwrap();
    std::fs::write(env.store().join("txn/000000"), "evil").unwrap();
    let outside = env.path("outside").display().to_string();
    let journals = [
        serde_json::json!({"id": "0011223344556677", "renames": [["txn/000000", "../canary"]],
            "appends": [], "removes": [], "publish": []}),
        serde_json::json!({"id": "0011223344556677", "renames": [], "appends": [],
            "removes": ["../../canary"], "publish": []}),
        serde_json::json!({"id": "0011223344556677", "renames": [["txn/000000",
            env.path("canary").display().to_string()]], "appends": [], "removes": [], "publish": []}),
        serde_json::json!({"id": "0011223344556677", "renames": [], "appends": [], "removes": [],
            "publish": [{"dir": format!("{outside}/../outside"), "files": [{"name": "canary", "replace": true}]}]}),
        serde_json::json!({"id": "0011223344556677", "renames": [], "appends": [], "removes": [],
            "publish": [{"dir": outside, "files": [{"name": "../canary", "replace": true}]}]}),
    ];
    for journal in journals {
        std::fs::write(env.store().join("txn/journal.json"), journal.to_string()).unwrap();
        let out = env.run(&["ca", "show"]);
        assert_eq!(code(&out), 3, "{journal}: {}", stderr(&out));
        assert!(stderr(&out).contains("journal.json"), "{}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(env.path("canary")).unwrap(),
            "alive"
        );
        assert_eq!(
            std::fs::read_to_string(env.path("outside/canary")).unwrap(),
            "alive"
        );
    }
}

/// Files a killed `init` left (a staging directory with a sealed CA key) are removed by the
/// next command that takes the lock on that path.
#[test]
fn a_killed_init_leaves_nothing_the_next_init_does_not_clean() {
    let env = Env::new();
    let out = env
        .cmd()
        .env("CREDCTL_CRASH_AT", "init-staged")
        .args([
            "init",
            "--name",
            "CA",
            "--passphrase-file",
            "pass",
            "--scrypt-log-n",
            FAST_SCRYPT,
        ])
        .output()
        .unwrap();
    assert!(out.status.code().is_none(), "killed");
    let staging = |env: &Env| -> Vec<PathBuf> {
        std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(".ca-store.tmp-")
            })
            .collect()
    };
    assert_eq!(
        staging(&env).len(),
        1,
        "the killed init left its staging dir"
    );
    assert!(!env.store().exists());
    env.init(&[]);
    assert!(staging(&env).is_empty(), "{:?}", staging(&env));
}

/// A copied store records the original's hub directory: it refuses to re-render there until
/// told where its own hub lives.
#[test]
fn a_copied_store_never_writes_into_the_original_hub_directory() {
    let f = Fixture::new();
    copy_tree(&f.env.store(), &f.env.path("copy"));
    let hub_before = tree(&f.env.path("hubcfg"));
    let out = f
        .env
        .cmd()
        .args(["--store", "copy", "dev", "add", "mallory", "--out", "devs2"])
        .args(["--passphrase-file", "pass"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("moved or copied"), "{}", stderr(&out));
    assert!(stderr(&out).contains("--record"), "{}", stderr(&out));
    assert_eq!(tree(&f.env.path("hubcfg")), hub_before);
    assert!(!f.env.path("devs2/mallory.key").exists());

    f.env.ok(&[
        "--store",
        "copy",
        "hub",
        "render",
        "--out",
        "hub2",
        "--record",
        "--passphrase-file",
        "pass",
    ]);
    f.env.ok(&[
        "--store",
        "copy",
        "dev",
        "add",
        "mallory",
        "--out",
        "devs2",
        "--passphrase-file",
        "pass",
    ]);
    let copy_auth = std::fs::read_to_string(f.env.path("hub2/auth.conf")).unwrap();
    assert!(copy_auth.contains("mallory"));
    assert_eq!(tree(&f.env.path("hubcfg")), hub_before);
}

/// A hub directory recorded by an older credctl (no store location) is confirmed once with
/// `--record` before any member change re-renders it.
#[test]
fn a_hub_directory_recorded_by_an_older_credctl_is_confirmed_once() {
    let f = Fixture::new();
    let hub_json = f.env.store().join("hub/hub.json");
    let mut hub: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&hub_json).unwrap()).unwrap();
    hub.as_object_mut().unwrap().remove("render_owner");
    std::fs::write(&hub_json, serde_json::to_vec_pretty(&hub).unwrap()).unwrap();
    sign_as_upgraded(&f.env);
    let before = tree(&f.env.store());
    let out = f
        .env
        .cmd()
        .args([
            "dev",
            "add",
            "carol",
            "--out",
            "devs",
            "--passphrase-file",
            "pass",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("older credctl"), "{}", stderr(&out));
    assert!(stderr(&out).contains("hubcfg --record"), "{}", stderr(&out));
    assert_eq!(tree(&f.env.store()), before);

    f.env.ok(&[
        "hub",
        "render",
        "--out",
        "hubcfg",
        "--record",
        "--passphrase-file",
        "pass",
    ]);
    f.env.ok(&[
        "dev",
        "add",
        "carol",
        "--out",
        "devs",
        "--passphrase-file",
        "pass",
    ]);
    let auth = std::fs::read_to_string(f.env.path("hubcfg/auth.conf")).unwrap();
    assert!(auth.contains("carol"));
}

/// A role's key rotation re-signs its users and hands out their new .creds: killed anywhere,
/// either the account lists the new key, every user of the role is signed by it and has its
/// new .creds, or nothing changed and nothing was handed out.
#[test]
fn a_role_rotation_killed_anywhere_re_signs_and_hands_out_all_or_nothing() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    env.ok_unlocked(&["nats", "account", "add", "APP"]);
    env.ok_unlocked(&[
        "nats",
        "account",
        "signing-key",
        "add",
        "--account",
        "APP",
        "--role",
        "reader",
        "--allow-sub",
        "app.>",
    ]);
    for name in ["r1", "r2"] {
        let out = format!("{name}.creds");
        env.ok_unlocked(&[
            "nats",
            "user",
            "add",
            name,
            "--account",
            "APP",
            "--role",
            "reader",
            "--out",
            &out,
        ]);
    }
    let describe = |name: &str| -> serde_json::Value {
        serde_json::from_str(&env.ok(&["--json", "nats", "describe", name])).unwrap()
    };
    let old_key = describe("APP")["nats"]["signing_keys"][0]["key"].clone();
    let args = [
        "nats",
        "account",
        "signing-key",
        "rotate",
        "--account",
        "APP",
        "--role",
        "reader",
        "--out",
        "creds",
    ];
    let check = |n| {
        let key = describe("APP")["nats"]["signing_keys"][0]["key"].clone();
        let rotated = key != old_key;
        for name in ["r1", "r2"] {
            assert_eq!(
                describe(&format!("APP/{name}"))["iss"],
                key,
                "crash {n}: {name}"
            );
            let file = env.path(&format!("creds/{name}.creds"));
            assert_eq!(file.exists(), rotated, "crash {n}: {}", file.display());
        }
        assert_clean(&env, &["creds"]);
    };
    let reset = || {
        let _ = std::fs::remove_dir_all(env.path("creds"));
    };
    let points = at_every_crash_point(&env, &args, check, reset);
    assert!(points > 3, "only {points} crash points");
}

/// The operator's signing key re-signs every account: killed anywhere, every account is signed
/// by the key the operator JWT lists (the new one, or the operator itself before it).
#[test]
fn an_operator_signing_key_killed_anywhere_leaves_every_account_signed_by_a_listed_key() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    for name in ["A", "B", "C"] {
        env.ok_unlocked(&["nats", "account", "add", name]);
    }
    let describe = |name: &str| -> serde_json::Value {
        serde_json::from_str(&env.ok(&["--json", "nats", "describe", name])).unwrap()
    };
    let args = [
        "nats",
        "operator",
        "signing-key",
        "--jwt-out",
        "operator.jwt",
    ];
    let check = |n| {
        let operator = describe("OP");
        let signer = match operator["nats"]["signing_keys"].as_array() {
            Some(keys) => keys[0].clone(),
            None => operator["sub"].clone(),
        };
        for name in ["SYS", "A", "B", "C"] {
            assert_eq!(describe(name)["iss"], signer, "crash {n}: {name}");
        }
        let handed_out = env.path("operator.jwt").exists();
        assert_eq!(handed_out, signer != operator["sub"], "crash {n}");
        assert_clean(&env, &["."]);
    };
    let reset = || {
        let _ = std::fs::remove_file(env.path("operator.jwt"));
    };
    let points = at_every_crash_point(&env, &args, check, reset);
    assert!(points > 3, "only {points} crash points");
}

/// `import nsc` is one change: killed anywhere, the store has the whole operator (every account
/// and user) or none of it.
#[test]
fn an_nsc_import_killed_anywhere_brings_in_everything_or_nothing() {
    let env = Env::new();
    env.init(&[]);
    common::nats::make_nsc(env.dir.path());
    let args = ["import", "nsc", "nsc/stores/acme", "--keys", "nsc/keys"];
    let check = |n| {
        env.ok(&["audit", "verify"]);
        let imported = env.run(&["nats", "describe", "acme"]).status.success();
        for name in ["APP", "SYS", "APP/nscuser", "APP/reader1", "SYS/sys"] {
            let found = env.run(&["nats", "describe", name]).status.success();
            assert_eq!(found, imported, "crash {n}: {name}");
        }
        assert_clean(&env, &["."]);
    };
    let points = at_every_crash_point(&env, &args, check, || {});
    assert!(points > 3, "only {points} crash points");
}

/// `hub import` admits the users of an old auth.conf in one commit with the re-render: killed
/// anywhere, in every TLS mode, carol (a certificate of the store, her old bcrypt password) is
/// a member the live hub admits, or neither; bob keeps his access throughout.
#[test]
fn a_hub_import_killed_anywhere_admits_the_imported_user_iff_the_store_lists_her() {
    for mode in ["password", "verify-and-map", "pinned"] {
        let f = Fixture::in_mode(mode);
        f.env.ok(&[
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
        write_secret(&f.env.path("devs/carol.password"), "carol-old-password\n");
        let auth = format!(
            "authorization {{\n  users = [\n    {{user: carol, password: \"{}\"}}\n  ]\n}}\n",
            bcrypt_hash("carol-old-password")
        );
        std::fs::write(f.env.path("auth.conf"), auth).unwrap();
        f.save();
        let server = NatsServer::start(&f.env.path("hubcfg/hub.conf"), f.port, &[]);
        assert!(!f.admitted("carol"), "{mode}: carol before the import");
        let import = ["hub", "import", "--from", "auth.conf"];
        f.crash_everywhere(&server, &import, "carol", || f.dev_listed("carol"));
        server.reload();
        assert!(
            f.admitted("carol"),
            "{mode}: carol after the import ran through"
        );
    }
}
