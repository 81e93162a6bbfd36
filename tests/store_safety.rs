//! Bad input, missing unlock sources, races and locks: a clear error, the right exit code, and a
//! store byte-for-byte as before.

mod common;

use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;

fn enrol_args() -> Vec<String> {
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    vec![
        "ca".into(),
        "add-identity".into(),
        "--recipient".into(),
        recipient,
    ]
}

#[test]
fn wrong_passphrase_exits_2_and_changes_nothing() {
    let env = Env::new();
    env.init(&[]);
    let before = tree(&env.store());
    let out = env
        .cmd()
        .args(enrol_args())
        .args(["--passphrase-file", "wrong-pass"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("wrong passphrase"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    assert!(
        !err.contains("not the passphrase at all"),
        "the passphrase leaked: {err}"
    );
    assert_eq!(tree(&env.store()), before);
}

#[test]
fn no_terminal_and_no_passphrase_source_exits_2() {
    let env = Env::new();
    // init: nothing is created.
    let out = env.run(&["init", "--name", "X"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no passphrase source"),
        "{}",
        stderr(&out)
    );
    assert!(!env.store().exists());

    // unlock: the store is untouched.
    env.init(&[]);
    let before = tree(&env.store());
    let out = env.cmd().args(enrol_args()).output().unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no passphrase source"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);
}

#[test]
fn a_short_passphrase_is_refused_at_init() {
    let env = Env::new();
    write_secret(&env.path("short"), "hunter2\n");
    let out = env.run(&["init", "--name", "X", "--passphrase-file", "short"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("shorter than"), "{}", stderr(&out));
    assert!(!env.store().exists());
}

#[test]
fn init_refuses_an_existing_store_or_a_foreign_directory() {
    let env = Env::new();
    env.init(&[]);
    let before = tree(&env.store());
    let out = env.run(&["init", "--name", "Again", "--passphrase-file", "pass"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(tree(&env.store()), before);

    std::fs::create_dir(env.path("photos")).unwrap();
    std::fs::write(env.path("photos/cat.jpg"), b"meow").unwrap();
    let out = env.run(&[
        "--store",
        "photos",
        "init",
        "--name",
        "X",
        "--passphrase-file",
        "pass",
    ]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a credctl store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(env.path("photos")).unwrap().count(), 1);
}

#[test]
fn missing_foreign_and_corrupt_stores_are_named_clearly() {
    let env = Env::new();
    let out = env.run(&["ca", "show"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("no credctl store at"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("credctl init"), "{}", stderr(&out));

    std::fs::create_dir(env.path("elsewhere")).unwrap();
    let out = env.run(&["--store", "elsewhere", "ca", "show"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not a credctl store"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(env.path("elsewhere")).unwrap().count(), 0);

    env.init(&[]);
    std::fs::write(env.store().join("store.json"), b"{ not json").unwrap();
    let before = tree(&env.store());
    let out = env.run(&["ca", "show"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("store.json is corrupt"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);
}

#[test]
fn a_corrupt_sealed_key_or_certificate_is_reported_and_nothing_changes() {
    let env = Env::new();
    env.init(&[]);
    std::fs::write(env.store().join("ca/root.crt"), b"garbage").unwrap();
    let before = tree(&env.store());
    let out = env.run(&["ca", "show"]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("root.crt changed since the store last signed its state"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);

    let env = Env::new();
    env.init(&[]);
    std::fs::write(env.store().join("keyring/passphrase.age"), b"garbage").unwrap();
    let before = tree(&env.store());
    let out = env
        .cmd()
        .args(enrol_args())
        .args(["--passphrase-file", "pass"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("passphrase.age changed since the store last signed its state"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);
}

#[test]
fn a_newer_store_format_is_refused() {
    let env = Env::new();
    env.init(&[]);
    let path = env.store().join("store.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"version\": 2", "\"version\": 99");
    std::fs::write(&path, text).unwrap();
    let out = env.run(&["ca", "show"]);
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("newer than this credctl"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn of_two_concurrent_inits_on_one_path_exactly_one_wins() {
    for round in 0..4 {
        let env = Env::new();
        let spawn = |name: &str| {
            env.cmd()
                .args([
                    "init",
                    "--name",
                    name,
                    "--passphrase-file",
                    "pass",
                    "--scrypt-log-n",
                    FAST_SCRYPT,
                ])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let a = spawn("Root A");
        let b = spawn("Root B");
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let codes = [code(&a), code(&b)];
        assert_eq!(
            codes.iter().filter(|c| **c == 0).count(),
            1,
            "round {round}: {codes:?}\n{}\n{}",
            stderr(&a),
            stderr(&b)
        );
        assert!(
            codes.contains(&1),
            "the loser reports the existing store: {codes:?}\n{}\n{}",
            stderr(&a),
            stderr(&b)
        );
        let loser = if code(&a) == 0 { &b } else { &a };
        assert!(
            stderr(loser).contains("already exists"),
            "{}",
            stderr(loser)
        );
        // The winner's store is whole and the loser left no staging directory behind.
        env.ok(&["audit", "verify"]);
        let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn a_second_credctl_waits_for_the_lock_then_proceeds() {
    let env = Env::new();
    env.init(&[]);
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(env.store().join("store.lock"))
        .unwrap();
    lock.lock().unwrap();

    // A writer: readers do not wait for the writer lock (tests/locks.rs).
    let mut child = env
        .cmd()
        .args(enrol_args())
        .args(["--passphrase-file", "pass"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_millis(500);
    while Instant::now() < deadline {
        assert!(
            child.try_wait().unwrap().is_none(),
            "ran while the lock was held"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    lock.unlock().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("waiting for the store lock"),
        "{}",
        stderr(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("age1"));
}

#[test]
fn json_errors_carry_the_exit_code() {
    let env = Env::new();
    let out = env.run(&["--json", "ca", "show"]);
    assert_eq!(code(&out), 2);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["exit_code"], 2);
    assert!(doc["error"].as_str().unwrap().contains("no credctl store"));
}

/// A command killed at any point of a commit leaves the store as before or fully after, and the
/// next command repairs it. (The crash points exist only in debug builds.)
#[test]
fn a_crash_mid_commit_leaves_the_store_before_or_after() {
    for (point, applied) in [("staged", false), ("journal", true), ("store-rename", true)] {
        let env = Env::new();
        env.init(&[]);
        let before = tree(&env.store());
        let args = enrol_args();
        let out = env
            .cmd()
            .env("CREDCTL_CRASH_AT", point)
            .args(&args)
            .args(["--passphrase-file", "pass"])
            .output()
            .unwrap();
        assert!(
            out.status.code().is_none(),
            "{point}: the process was killed"
        );

        // The next command (even a read-only one) finishes or undoes the change.
        env.ok(&["audit", "verify"]);
        let log = env.ok(&["audit", "log"]);
        assert_eq!(log.contains("keyring.add"), applied, "{point}: {log}");
        let enrolled = std::fs::read_dir(env.store().join("keyring"))
            .unwrap()
            .any(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("x25519-")
            });
        assert_eq!(enrolled, applied, "{point}");
        if !applied {
            assert_eq!(tree(&env.store()), before, "{point}: rolled back exactly");
        }
        // And the store still takes changes.
        let next = env
            .cmd()
            .args(enrol_args())
            .args(["--passphrase-file", "pass"])
            .output()
            .unwrap();
        assert!(next.status.success(), "{point}: {}", stderr(&next));
        env.ok(&["audit", "verify"]);
    }
}
