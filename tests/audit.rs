//! The audit log records every change and `audit verify` catches any edit.

mod common;

use common::*;

fn log_lines(env: &Env) -> Vec<String> {
    std::fs::read_to_string(env.store().join("audit.log"))
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn write_lines(env: &Env, lines: &[String]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(env.store().join("audit.log"), text).unwrap();
}

/// A store with a few entries: init (2 entries with a root) and two enrolments.
fn store_with_history() -> Env {
    let env = Env::new();
    env.init(&[]);
    for _ in 0..2 {
        let recipient = age::x25519::Identity::generate().to_public().to_string();
        env.ok(&[
            "ca",
            "add-identity",
            "--recipient",
            &recipient,
            "--passphrase-file",
            "pass",
        ]);
    }
    env
}

#[test]
fn every_change_is_logged_without_secrets() {
    let env = store_with_history();
    let log = env.ok(&["audit", "log"]);
    for action in ["store.init", "ca.create", "keyring.add"] {
        assert!(log.contains(action), "{log}");
    }
    assert!(log.contains("test-suite"), "actor recorded: {log}");
    let raw = std::fs::read_to_string(env.store().join("audit.log")).unwrap();
    assert!(!raw.contains(PASSPHRASE));
    assert!(!raw.contains("AGE-SECRET-KEY"));

    let entries: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "audit", "log"])).unwrap();
    let entries = entries.as_array().unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[1]["action"], "ca.create");
    assert_eq!(entries[1]["serial"].as_str().unwrap().len(), 32);

    let verified = env.ok(&["audit", "verify"]);
    assert!(verified.contains("4 entries"), "{verified}");
}

#[test]
fn an_edited_line_fails_verification() {
    let env = store_with_history();
    let mut lines = log_lines(&env);
    lines[1] = lines[1].replace("test-suite", "someone-else");
    write_lines(&env, &lines);
    let out = env.run(&["audit", "verify"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("entry 2 was edited"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn removed_reordered_or_cut_off_lines_fail_verification() {
    let env = store_with_history();
    let original = log_lines(&env);

    let mut removed = original.clone();
    removed.remove(2);
    write_lines(&env, &removed);
    assert_eq!(code(&env.run(&["audit", "verify"])), 1);

    let mut reordered = original.clone();
    reordered.swap(2, 3);
    write_lines(&env, &reordered);
    assert_eq!(code(&env.run(&["audit", "verify"])), 1);

    write_lines(&env, &original[..3]);
    let out = env.run(&["audit", "verify"]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));

    write_lines(&env, &original);
    env.ok(&["audit", "verify"]);
}
