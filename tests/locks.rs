//! Locks: a stopped writer blocks neither readers nor, with --lock-timeout, other writers
//! forever; a change being applied keeps readers out; lock files are never followed as links.

mod common;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn signal(child: &Child, sig: libc::c_int) {
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, sig) }, 0);
}

/// Runs `args`, failing the test if it takes longer than `limit`.
fn run_within(env: &Env, args: &[&str], limit: Duration) -> std::process::Output {
    let child = env
        .cmd()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut child = ChildGuard(child);
    while child.0.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < limit,
            "{args:?} still waiting after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let ChildGuard(inner) = &mut child;
    let mut out = std::process::Output {
        status: inner.wait().unwrap(),
        stdout: Vec::new(),
        stderr: Vec::new(),
    };
    use std::io::Read;
    inner
        .stdout
        .take()
        .unwrap()
        .read_to_end(&mut out.stdout)
        .unwrap();
    inner
        .stderr
        .take()
        .unwrap()
        .read_to_end(&mut out.stderr)
        .unwrap();
    out
}

#[test]
fn a_stopped_writer_blocks_neither_readers_nor_writers_that_set_a_timeout() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&[
        "cert",
        "issue",
        "alice",
        "--profile",
        "dev",
        "--out",
        "bundles",
    ]);
    // A writer that takes the lock, then blocks reading its passphrase from a FIFO nobody
    // writes; then it is stopped outright.
    let fifo = env.path("never");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let writer = env
        .cmd()
        .args([
            "cert",
            "issue",
            "bob",
            "--profile",
            "dev",
            "--out",
            "bundles",
        ])
        .arg("--passphrase-file")
        .arg(&fifo)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let writer = ChildGuard(writer);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !std::fs::read_to_string(env.store().join("store.lock"))
        .unwrap_or_default()
        .contains(&format!("pid {}", writer.0.id()))
    {
        assert!(Instant::now() < deadline, "the writer never took the lock");
        std::thread::sleep(Duration::from_millis(20));
    }
    signal(&writer.0, libc::SIGSTOP);
    let before = tree(&env.store());

    for args in [
        &["cert", "list"][..],
        &["audit", "verify"],
        &["ca", "show"],
        &["cert", "show", "alice"],
    ] {
        let out = run_within(&env, args, Duration::from_secs(10));
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
    }
    let listed = run_within(&env, &["cert", "list"], Duration::from_secs(10));
    assert!(String::from_utf8_lossy(&listed.stdout).contains("alice"));

    let out = run_within(
        &env,
        &[
            "--lock-timeout",
            "1s",
            "cert",
            "revoke",
            "alice",
            "--passphrase-file",
            "pass",
        ],
        Duration::from_secs(10),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains(&format!(
            "locked by pid {}, credctl cert issue, since ",
            writer.0.id()
        )),
        "{said}"
    );
    assert!(said.contains("waiting for the store lock"), "{said}");
    assert_eq!(
        tree(&env.store()),
        before,
        "a writer that gave up changed the store"
    );

    // Once the holder is gone, the next writer goes ahead.
    drop(writer);
    env.ok_unlocked(&["cert", "revoke", "alice"]);
}

#[test]
fn readers_wait_while_a_change_is_applied() {
    let env = Env::new();
    env.init(&[]);
    let apply = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(env.store().join("apply.lock"))
        .unwrap();
    apply.lock().unwrap();
    let out = run_within(
        &env,
        &["--lock-timeout", "1s", "cert", "list"],
        Duration::from_secs(10),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("applied"), "{}", stderr(&out));

    let reader = env
        .cmd()
        .args(["cert", "list"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut reader = ChildGuard(reader);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        reader.0.try_wait().unwrap().is_none(),
        "read while a change was applied"
    );
    apply.unlock().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while reader.0.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the reader never went on");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(reader.0.wait().unwrap().success());
}

#[test]
fn lock_files_are_not_followed_as_links() {
    let env = Env::new();
    env.init(&[]);
    for (lock, args) in [
        ("store.lock", &["ca", "add-identity", "--out", "id"][..]),
        ("apply.lock", &["cert", "list"]),
    ] {
        let path = env.store().join(lock);
        let _ = std::fs::remove_file(&path);
        let before = tree(&env.store());
        let target = env.path(&format!("planted-{lock}"));
        std::os::unix::fs::symlink(&target, &path).unwrap();
        let mut all = args.to_vec();
        all.extend(["--passphrase-file", "pass"]);
        let out = env.run(&all);
        assert_eq!(code(&out), 3, "{}", stderr(&out));
        assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
        assert!(!target.exists(), "{lock}: the link was followed");
        std::fs::remove_file(&path).unwrap();
        assert_eq!(tree(&env.store()), before);
    }
}
