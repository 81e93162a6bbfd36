//! M-of-N custody and custodians: `ca split` / `--shares-from`, `ca custodians`,
//! `ca remove-custodian`. What a removed custodian still holds is checked with the reference
//! `age` tool: it opens only the old store key, which opens nothing in the current store.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn share(env: &Env, dir: &str, i: u8, n: u8) -> PathBuf {
    env.path(&format!("{dir}/share-{i}-of-{n}.txt"))
}

/// A directory holding copies of the shares `picks` of `from`.
fn pick(env: &Env, from: &str, picks: &[u8], n: u8, to: &str) -> String {
    std::fs::create_dir_all(env.path(to)).unwrap();
    for &i in picks {
        std::fs::copy(
            share(env, from, i, n),
            env.path(&format!("{to}/share-{i}-of-{n}.txt")),
        )
        .unwrap();
    }
    to.to_owned()
}

/// `ca split --shares n --threshold m --out out`, unlocked with `unlock`.
fn split(env: &Env, n: &str, m: &str, out: &str, unlock: &[&str]) {
    let mut args = vec!["ca", "split", "--shares", n, "--threshold", m, "--out", out];
    args.extend_from_slice(unlock);
    env.ok(&args);
}

const PASS: &[&str] = &["--passphrase-file", "pass"];

fn issue_with(env: &Env, name: &str, unlock: &[&str]) -> std::process::Output {
    env.cmd()
        .args(["cert", "issue", name, "--profile", "dev", "--out", name])
        .args(unlock)
        .output()
        .unwrap()
}

/// `age -d -i identity file`: the reference tool's view of what a key holder can open.
fn age_decrypt(env: &Env, identity: &Path, file: &Path) -> Option<Vec<u8>> {
    let out = env
        .cmd_for("age")
        .args(["-d", "-i"])
        .arg(identity)
        .arg(file)
        .output()
        .unwrap();
    out.status.success().then_some(out.stdout)
}

#[test]
fn any_three_of_five_shares_unlock_two_do_not_and_a_typo_is_named() {
    let env = Env::new();
    env.init(&[]);
    let out = env.ok_unlocked(&[
        "ca",
        "split",
        "--shares",
        "5",
        "--threshold",
        "3",
        "--out",
        "shares",
    ]);
    assert!(out.contains("any 3 of 5 shares"), "{out}");
    for i in 1..=5 {
        let text = std::fs::read_to_string(share(&env, "shares", i, 5)).unwrap();
        assert!(text.contains(&format!("share:  {i} of 5")), "{text}");
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(share(&env, "shares", i, 5))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    for (n, picks) in [[1, 2, 3], [1, 3, 5], [2, 4, 5], [3, 4, 5]]
        .iter()
        .enumerate()
    {
        let dir = pick(&env, "shares", picks, 5, &format!("three-{n}"));
        let out = issue_with(&env, &format!("user{n}"), &["--shares-from", &dir]);
        assert!(out.status.success(), "{picks:?}: {}", stderr(&out));
    }
    env.ok(&["audit", "verify"]);

    let before = tree(&env.store());
    let two = pick(&env, "shares", &[2, 5], 5, "two");
    let out = issue_with(&env, "nobody", &["--shares-from", &two]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("only 2 different share(s)"),
        "{}",
        stderr(&out)
    );
    // The same share twice is still one share.
    std::fs::copy(share(&env, "shares", 2, 5), env.path("two/copy-of-2.txt")).unwrap();
    let out = issue_with(&env, "nobody", &["--shares-from", &two]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));

    let typo = pick(&env, "shares", &[1, 2, 4], 5, "typo");
    let bad = env.path("typo/share-2-of-5.txt");
    let text = std::fs::read_to_string(&bad).unwrap();
    let edited: Vec<String> = text
        .lines()
        .map(|l| match l.trim_start().strip_prefix("3: ") {
            Some(rest) => {
                let swapped = if rest.starts_with('Z') { "Y" } else { "Z" };
                format!("  3: {swapped}{}", &rest[1..])
            }
            None => l.to_owned(),
        })
        .collect();
    std::fs::write(&bad, edited.join("\n")).unwrap();
    let out = issue_with(&env, "nobody", &["--shares-from", &typo]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("share-2-of-5.txt: line 3 does not match"),
        "{err}"
    );
    assert_eq!(
        tree(&env.store()),
        before,
        "failed unlocks changed the store"
    );
    // The passphrase still unlocks too.
    env.ok_unlocked(&[
        "cert",
        "issue",
        "pass-user",
        "--profile",
        "dev",
        "--out",
        "p",
    ]);
}

#[test]
fn shares_of_two_splits_do_not_combine_and_old_shares_stop_working() {
    let env = Env::new();
    env.init(&[]);
    split(&env, "3", "2", "first", PASS);
    let old = pick(&env, "first", &[1, 2], 3, "old");
    split(&env, "3", "2", "second", &["--shares-from", &old]);
    let before = tree(&env.store());
    let out = issue_with(&env, "x", &["--shares-from", &old]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("shares of an earlier split no longer unlock it"),
        "{}",
        stderr(&out)
    );
    // One new and one old share: the old one is named.
    let mixed = pick(&env, "second", &[3], 3, "mixed");
    std::fs::copy(
        share(&env, "first", 1, 3),
        env.path("mixed/share-1-of-3.txt"),
    )
    .unwrap();
    let out = issue_with(&env, "x", &["--shares-from", &mixed]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("mixed/share-1-of-3.txt: belongs to split"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);
    let new = pick(&env, "second", &[1, 3], 3, "new");
    let out = issue_with(&env, "y", &["--shares-from", &new]);
    assert!(out.status.success(), "{}", stderr(&out));

    // The old split's key (rebuilt by whoever kept two old shares) opens the old wrap, which
    // holds the old store key: it opens nothing the store holds now.
    let listed = env.ok(&["--json", "ca", "custodians"]);
    assert!(
        listed.contains("\"shares\"") && listed.contains("any 2 of 3"),
        "{listed}"
    );
}

#[test]
fn shares_encrypted_to_custodians_open_with_their_identities() {
    let env = Env::new();
    env.init(&[]);
    let mut recipients = Vec::new();
    for i in 1..=3 {
        let key = env.path(&format!("c{i}.key"));
        let out = env
            .cmd_for("age-keygen")
            .arg("-o")
            .arg(&key)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        recipients.push(public_key_of(&key));
    }
    let mut args = vec![
        "ca",
        "split",
        "--shares",
        "3",
        "--threshold",
        "2",
        "--out",
        "enc",
    ];
    for r in &recipients {
        args.extend(["--to", r.as_str()]);
    }
    env.ok_unlocked(&args);
    // Each custodian opens their own share with the reference tool, and only theirs.
    let first = env.path("enc/share-1-of-3.txt.age");
    let plain = age_decrypt(&env, &env.path("c1.key"), &first).expect("c1 opens share 1");
    assert!(String::from_utf8(plain).unwrap().contains("share:  1 of 3"));
    assert!(age_decrypt(&env, &env.path("c2.key"), &first).is_none());

    let before = tree(&env.store());
    let out = issue_with(&env, "a", &["--shares-from", "enc"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("is encrypted to its custodian"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&env.store()), before);
    let out = issue_with(
        &env,
        "a",
        &[
            "--shares-from",
            "enc",
            "--share-identity",
            "c1.key",
            "--share-identity",
            "c3.key",
        ],
    );
    assert_eq!(code(&out), 2, "share 2 cannot be decrypted");
    assert!(stderr(&out).contains("share-2-of-3.txt.age: none of the --share-identity"));
    std::fs::remove_file(env.path("enc/share-2-of-3.txt.age")).unwrap();
    let out = issue_with(
        &env,
        "a",
        &[
            "--shares-from",
            "enc",
            "--share-identity",
            "c1.key",
            "--share-identity",
            "c3.key",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));

    // --to must name every custodian or none.
    assert_refused_unchanged(
        &env,
        &[(
            &[
                "ca",
                "split",
                "--shares",
                "3",
                "--threshold",
                "2",
                "--out",
                "x",
                "--to",
                &recipients[0],
            ],
            2,
            "--to was given 1 times for 3 shares",
        )],
        &["--passphrase-file", "pass"],
    );
}

#[test]
fn a_removed_custodian_cannot_open_a_copy_of_the_old_keyring() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&["ca", "add-identity", "--out", "ci.key"]);
    let recipient = public_key_of(&env.path("ci.key"));
    let listed = env.ok(&["ca", "custodians"]);
    assert!(
        listed.contains(&recipient) && listed.contains("passphrase"),
        "{listed}"
    );

    // What the custodian could keep: their identity and a copy of the store as it was.
    let old = env.path("old-store");
    let out = env
        .cmd_for("cp")
        .arg("-a")
        .arg(env.store())
        .arg(&old)
        .output()
        .unwrap();
    assert!(out.status.success());

    let out = env.ok_unlocked(&["ca", "remove-custodian", &recipient]);
    assert!(out.contains("store key was rotated"), "{out}");
    let after = env.ok(&["ca", "custodians"]);
    assert!(!after.contains(&recipient), "{after}");
    let out = issue_with(&env, "x", &["--identity", "ci.key"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("does not unlock this store"));

    // The old wrap opens (reference age) to the old store key ...
    let wraps: Vec<PathBuf> = std::fs::read_dir(old.join("keyring"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("x25519-")
        })
        .collect();
    assert_eq!(wraps.len(), 1);
    let old_key = age_decrypt(&env, &env.path("ci.key"), &wraps[0]).expect("the old wrap opens");
    write_secret(&env.path("old-store.key"), &old_key);
    // ... which opened the old CA key, and opens nothing in the current store.
    let key_file = |root: &Path| root.join("ca/root.key.age");
    assert!(key_file(&old).exists(), "layout changed: update the test");
    assert!(age_decrypt(&env, &env.path("old-store.key"), &key_file(&old)).is_some());
    assert!(age_decrypt(&env, &env.path("old-store.key"), &key_file(&env.store())).is_none());
    env.ok(&["audit", "verify"]);
    let log = env.ok(&["audit", "log"]);
    assert!(
        log.contains("custody.remove") && log.contains("keyring.rotate"),
        "{log}"
    );
    env.ok_unlocked(&[
        "cert",
        "issue",
        "after",
        "--profile",
        "dev",
        "--out",
        "after",
    ]);
}

#[test]
fn the_passphrase_can_be_removed_and_set_again_and_the_last_custodian_stays() {
    let env = Env::new();
    env.init(&[]);
    split(&env, "2", "2", "s", PASS);
    let before = tree(&env.store());
    assert_refused_unchanged(
        &env,
        &[(
            &["ca", "remove-custodian", "nobody"],
            2,
            "no custodian nobody",
        )],
        &["--passphrase-file", "pass"],
    );
    assert_eq!(tree(&env.store()), before);
    env.ok(&["ca", "remove-custodian", "passphrase", "--shares-from", "s"]);
    let out = env.run_unlocked(&["cert", "issue", "x", "--profile", "dev", "--out", "x"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    // Only the share set is left: it cannot be removed.
    assert_refused_unchanged(
        &env,
        &[(&["ca", "remove-custodian", "shares"], 1, "only custodian")],
        &["--shares-from", "s"],
    );
    write_secret(&env.path("new-pass"), "a brand new passphrase\n");
    env.ok(&[
        "ca",
        "passwd",
        "--new-passphrase-file",
        "new-pass",
        "--scrypt-log-n",
        "14",
        "--shares-from",
        "s",
    ]);
    env.ok(&[
        "cert",
        "issue",
        "y",
        "--profile",
        "dev",
        "--out",
        "y",
        "--passphrase-file",
        "new-pass",
    ]);
    env.ok(&["audit", "verify"]);
}

/// A store from before custodians were recorded (the committed example): its identity is found
/// in the audit log; removing a custodian waits for one `ca passwd`, which moves the passphrase
/// to the current layout; every kind of secret survives the key rotation.
#[test]
fn a_store_from_before_custodians_lists_them_and_moves_over_on_passwd() {
    let env = Env::new();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("ca-store-example");
    copy_tree(&example, env.dir.path());
    for secret in ["passphrase.txt", "automation.identity"] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.path(secret), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let listed = env.ok(&["ca", "custodians"]);
    assert!(
        listed.contains("older layout") && listed.contains("identity"),
        "{listed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "ca", "custodians"])).unwrap();
    let identity = json
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "identity")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let pass = ["--passphrase-file", "passphrase.txt"];
    assert_refused_unchanged(
        &env,
        &[(
            &["ca", "remove-custodian", &identity],
            1,
            "run `credctl ca passwd` once",
        )],
        &pass,
    );
    env.ok(&[
        "ca",
        "passwd",
        "--new-passphrase-file",
        "passphrase.txt",
        "--scrypt-log-n",
        "14",
        "--passphrase-file",
        "passphrase.txt",
    ]);
    let out = env.ok(&[
        "ca",
        "remove-custodian",
        &identity,
        "--passphrase-file",
        "passphrase.txt",
    ]);
    assert!(out.contains("8 secrets sealed again"), "{out}");
    let out = env.run(&["--identity", "automation.identity", "crl", "--out", "x.crl"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));

    // Every sealed secret opens with the new key: the CA signs, NATS seeds sign, user seeds are
    // read back.
    env.ok(&[
        "crl",
        "--out",
        "crl.pem",
        "--passphrase-file",
        "passphrase.txt",
    ]);
    env.ok(&[
        "nats",
        "user",
        "add",
        "newbie",
        "--account",
        "APP",
        "--out",
        "creds",
        "--passphrase-file",
        "passphrase.txt",
    ]);
    env.ok(&[
        "rotate",
        "nats-users",
        "--expiring-within",
        "100000d",
        "--out",
        "rotated",
        "--passphrase-file",
        "passphrase.txt",
    ]);
    env.ok(&["audit", "verify"]);
}

/// Removing a custodian rotates the key of every secret in one commit: killed at any crash point
/// (numbered, until it runs through), the store is as before (the identity still unlocks) or as
/// after (it does not), never a mix, and the passphrase opens every secret either way.
#[test]
fn a_removal_killed_anywhere_rotates_every_secret_or_none() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    env.ok_unlocked(&["nats", "init", "--operator", "OP"]);
    env.ok_unlocked(&["ca", "add-identity", "--out", "ci.key"]);
    let recipient = public_key_of(&env.path("ci.key"));
    let saved = env.path("saved");
    let cp = |from: &Path, to: &Path| {
        let _ = std::fs::remove_dir_all(to);
        let out = env
            .cmd_for("cp")
            .arg("-a")
            .arg(from)
            .arg(to)
            .output()
            .unwrap();
        assert!(out.status.success());
    };
    cp(&env.store(), &saved);
    let mut applied_seen = [false, false];
    for n in 1.. {
        cp(&saved, &env.store());
        let out = env
            .cmd()
            .env("CREDCTL_CRASH_AT", n.to_string())
            .args([
                "ca",
                "remove-custodian",
                &recipient,
                "--passphrase-file",
                "pass",
            ])
            .output()
            .unwrap();
        let finished = out.status.success();
        assert!(
            finished || out.status.code().is_none(),
            "{n}: {}",
            stderr(&out)
        );
        env.ok(&["audit", "verify"]);
        let by_identity = issue_with(&env, &format!("id{n}"), &["--identity", "ci.key"]);
        let applied = !by_identity.status.success();
        applied_seen[usize::from(applied)] = true;
        assert!(
            !finished || applied,
            "{n}: finished but the identity still unlocks"
        );
        env.ok_unlocked(&["crl", "--out", &format!("crl{n}.pem")]);
        env.ok_unlocked(&[
            "nats",
            "user",
            "add",
            &format!("u{n}"),
            "--account",
            "SYS",
            "--out",
            &format!("creds{n}"),
        ]);
        if finished {
            break;
        }
        assert!(n < 200, "the command never finished");
    }
    assert_eq!(
        applied_seen,
        [true, true],
        "crash points on both sides of the commit"
    );
}
