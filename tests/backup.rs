//! `backup` and `restore`: one encrypted file that whatever unlocks the store opens; a restore
//! recreates the store byte for byte, refuses to overwrite, and leaves nothing on failure.

mod common;

use common::*;

fn leftovers(env: &Env) -> Vec<String> {
    std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect()
}

#[test]
fn a_backup_restores_byte_for_byte_and_the_restored_store_signs() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    env.ok_unlocked(&[
        "cert",
        "issue",
        "alice",
        "--profile",
        "dev",
        "--out",
        "alice",
    ]);
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    env.ok_unlocked(&["ca", "add-identity", "--out", "ci.key"]);
    env.ok_unlocked(&[
        "ca",
        "split",
        "--shares",
        "3",
        "--threshold",
        "2",
        "--out",
        "shares",
    ]);
    std::fs::remove_file(env.path("shares/share-2-of-3.txt")).unwrap();

    // No unlock is needed to write one (automation without a secret).
    let out = env.ok(&["backup", "--out", "store.backup"]);
    assert!(out.contains("backed up"), "{out}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(env.path("store.backup"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let bytes = std::fs::read(env.path("store.backup")).unwrap();
    let audit = std::fs::read(env.store().join("audit.log")).unwrap();
    let needle = &audit[..40];
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "the store's contents are readable in the backup"
    );
    let original = tree(&env.store());

    for (dir, unlock) in [
        ("by-pass", vec!["--passphrase-file", "pass"]),
        ("by-identity", vec!["--identity", "ci.key"]),
        ("by-shares", vec!["--shares-from", "shares"]),
    ] {
        let out = env
            .cmd()
            .args(["restore", "store.backup", "--store", dir])
            .args(&unlock)
            .output()
            .unwrap();
        assert!(out.status.success(), "{dir}: {}", stderr(&out));
        assert_eq!(tree(&env.path(dir)), original, "{dir}: not the same store");
    }
    env.ok(&["--store", "by-pass", "audit", "verify"]);
    env.ok(&[
        "--store",
        "by-shares",
        "cert",
        "issue",
        "bob",
        "--profile",
        "dev",
        "--out",
        "bob",
        "--shares-from",
        "shares",
    ]);
    env.ok(&["--store", "by-shares", "audit", "verify"]);
    openssl(
        &[
            "verify",
            "-CAfile",
            "by-shares/ca/root.crt",
            "-untrusted",
            "by-shares/ca/intermediate.crt",
            "bob/bob.crt",
        ],
        env.dir.path(),
    );
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));
}

#[test]
fn a_restore_that_cannot_open_or_check_the_backup_leaves_nothing() {
    let env = Env::new();
    env.init(&[]);
    env.ok(&["backup", "--out", "b"]);
    // Never overwrites: the store, or an earlier backup.
    let out = env.run_unlocked(&["restore", "b"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    let out = env.run(&["backup", "--out", "b"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));

    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["--passphrase-file", "wrong-pass"],
            2,
            "wrong passphrase",
        ),
        (vec![], 2, "no passphrase source"),
    ];
    for (unlock, want, message) in &cases {
        let out = env
            .cmd()
            .args(["restore", "b", "--store", "r"])
            .args(unlock)
            .output()
            .unwrap();
        assert_eq!(code(&out), *want, "{}", stderr(&out));
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
        assert!(!env.path("r").exists());
    }
    // A flipped byte in the sealed body, or a header that lies about the audit head.
    let bytes = std::fs::read(env.path("b")).unwrap();
    let mut flipped = bytes.clone();
    let at = flipped.len() - 10;
    flipped[at] ^= 1;
    std::fs::write(env.path("flipped"), &flipped).unwrap();
    let out = env.run_unlocked(&["restore", "flipped", "--store", "r"]);
    assert_ne!(code(&out), 0, "a damaged backup was restored");
    assert!(!env.path("r").exists());
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let seq = text.find("\"seq\":").unwrap();
    let mut lying = bytes.clone();
    lying[seq + 6] = b'9';
    std::fs::write(env.path("lying"), &lying).unwrap();
    let out = env.run_unlocked(&["restore", "lying", "--store", "r"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("disagree on the audit head"),
        "{}",
        stderr(&out)
    );
    assert!(!env.path("r").exists());
    std::fs::write(env.path("junk"), b"not a backup").unwrap();
    let out = env.run_unlocked(&["restore", "junk", "--store", "r"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is not a credctl backup"),
        "{}",
        stderr(&out)
    );
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));
}
