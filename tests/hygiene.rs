//! Permission hygiene, as ssh has it: a passphrase or identity file that others may read or
//! write, or that another user owns, is refused; so is an output directory others may write to.
//! Each refusal exits 2 and changes nothing. Pipes (`/dev/stdin`, FIFOs) are not checked.

mod common;

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use common::*;

fn chmod(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn recipient() -> String {
    age::x25519::Identity::generate().to_public().to_string()
}

fn running_as_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Runs `args` and insists it is refused (exit 2, `message` on stderr) with the store unchanged.
fn refused(env: &Env, args: &[&str], envs: &[(&str, &str)], message: &str) {
    let before = tree(&env.store());
    let out = env
        .cmd()
        .args(args)
        .envs(envs.iter().copied())
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
    assert_eq!(tree(&env.store()), before, "{args:?} changed the store");
}

#[test]
fn a_passphrase_file_others_may_open_is_refused() {
    let env = Env::new();
    env.init(&[]);
    let r = recipient();
    let enrol = ["ca", "add-identity", "--recipient", &r];
    for (mode, message) in [
        (
            0o644,
            "pass: readable by others (mode 0644): chmod 600 pass",
        ),
        (
            0o640,
            "pass: readable by its group (mode 0640): chmod 600 pass",
        ),
        (
            0o666,
            "pass: readable and writable by others (mode 0666): chmod 600 pass",
        ),
    ] {
        chmod(&env.path("pass"), mode);
        let mut args = enrol.to_vec();
        args.extend(["--passphrase-file", "pass"]);
        refused(&env, &args, &[], message);
        refused(
            &env,
            &enrol,
            &[("CREDCTL_PASSPHRASE_FILE", "pass")],
            message,
        );
    }
    chmod(&env.path("pass"), 0o600);
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        &r,
        "--passphrase-file",
        "pass",
    ]);
}

#[test]
fn new_passphrase_files_are_checked_too() {
    // init: no store appears.
    let env = Env::new();
    chmod(&env.path("pass"), 0o644);
    let out = env.run(&["init", "--name", "X", "--passphrase-file", "pass"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("chmod 600 pass"), "{}", stderr(&out));
    assert!(!env.store().exists());

    // ca passwd: the new passphrase file, with a good current one.
    chmod(&env.path("pass"), 0o600);
    env.init(&[]);
    write_secret(&env.path("new-pass"), "a brand new throwaway passphrase\n");
    chmod(&env.path("new-pass"), 0o640);
    refused(
        &env,
        &[
            "ca",
            "passwd",
            "--new-passphrase-file",
            "new-pass",
            "--passphrase-file",
            "pass",
        ],
        &[],
        "new-pass: readable by its group (mode 0640): chmod 600 new-pass",
    );
}

#[test]
fn an_identity_file_others_may_open_is_refused() {
    let env = Env::new();
    env.init(&[]);
    env.ok(&[
        "ca",
        "add-identity",
        "--out",
        "ci.identity",
        "--passphrase-file",
        "pass",
    ]);
    let r = recipient();
    let enrol = ["ca", "add-identity", "--recipient", &r];
    for mode in [0o644, 0o640, 0o666] {
        chmod(&env.path("ci.identity"), mode);
        let message = format!(
            "ci.identity: {}",
            if mode == 0o640 {
                "readable by its group"
            } else {
                "readable"
            }
        );
        let mut args = enrol.to_vec();
        args.extend(["--identity", "ci.identity"]);
        refused(&env, &args, &[], &message);
        refused(
            &env,
            &enrol,
            &[("CREDCTL_IDENTITY", "ci.identity")],
            "chmod 600 ci.identity",
        );
    }
    chmod(&env.path("ci.identity"), 0o600);
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        &r,
        "--identity",
        "ci.identity",
    ]);
}

#[test]
fn a_secret_file_another_user_owns_is_refused() {
    if !running_as_root() {
        eprintln!("skipped: giving a file to another user needs root");
        return;
    }
    let env = Env::new();
    env.init(&[]);
    env.ok(&[
        "ca",
        "add-identity",
        "--out",
        "ci.identity",
        "--passphrase-file",
        "pass",
    ]);
    let r = recipient();
    for (flag, file) in [("--passphrase-file", "pass"), ("--identity", "ci.identity")] {
        std::os::unix::fs::chown(env.path(file), Some(4242), Some(4242)).unwrap();
        refused(
            &env,
            &["ca", "add-identity", "--recipient", &r, flag, file],
            &[],
            &format!("{file}: owned by another user (uid 4242)"),
        );
        // root's own files are trusted, as ssh trusts them.
        std::os::unix::fs::chown(env.path(file), Some(0), Some(0)).unwrap();
    }
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        &r,
        "--passphrase-file",
        "pass",
    ]);
}

#[test]
fn a_passphrase_through_a_pipe_is_not_checked() {
    let env = Env::new();
    env.init(&[]);

    // --passphrase-file /dev/stdin, stdin a pipe.
    let r = recipient();
    let mut child = env
        .cmd()
        .args(["ca", "add-identity", "--recipient", &r])
        .args(["--passphrase-file", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{PASSPHRASE}\n").as_bytes())
        .unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));

    // A FIFO others may open (mode 0666): it is no file at rest, so no mode to hold against it.
    let fifo = env.path("fifo");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o666) }, 0);
    chmod(&fifo, 0o666);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            f.write_all(format!("{PASSPHRASE}\n").as_bytes()).unwrap();
        })
    };
    let r = recipient();
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        &r,
        "--passphrase-file",
        "fifo",
    ]);
    writer.join().unwrap();
}

/// Issues `name` into `dir` (relative to the env) and returns the output.
fn issue_into(env: &Env, name: &str, dir: &str) -> std::process::Output {
    env.run(&[
        "cert",
        "issue",
        name,
        "--profile",
        "dev",
        "--out",
        dir,
        "--passphrase-file",
        "pass",
    ])
}

#[test]
fn an_output_directory_others_may_write_to_is_refused() {
    let env = Env::new();
    env.init(&[]);
    for (mode, message) in [
        (0o777, "is writable by others (mode 0777): chmod go-w"),
        (0o775, "is writable by its group (mode 0775): chmod go-w"),
        (
            0o1777,
            "is writable by others (mode 1777): choose a directory only you",
        ),
    ] {
        let dir = format!("out-{mode:o}");
        std::fs::create_dir(env.path(&dir)).unwrap();
        chmod(&env.path(&dir), mode);
        let before = tree(&env.store());
        let out = issue_into(&env, "alice", &dir);
        assert_eq!(code(&out), 2, "{mode:o}: {}", stderr(&out));
        let want = format!("output directory {}", env.path(&dir).display());
        assert!(stderr(&out).contains(&want), "{}", stderr(&out));
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
        assert_eq!(tree(&env.store()), before, "{mode:o} changed the store");
        assert_eq!(std::fs::read_dir(env.path(&dir)).unwrap().count(), 0);
    }
    for mode in [0o755, 0o700] {
        let dir = format!("out-{mode:o}");
        std::fs::create_dir(env.path(&dir)).unwrap();
        chmod(&env.path(&dir), mode);
        let name = format!("dev{mode:o}");
        let out = issue_into(&env, &name, &dir);
        assert!(out.status.success(), "{mode:o}: {}", stderr(&out));
        assert!(env.path(&dir).join(format!("{name}.key")).exists());
    }
    // A directory credctl makes itself is private.
    let out = issue_into(&env, "bob", "fresh/sub");
    assert!(out.status.success(), "{}", stderr(&out));
    for dir in ["fresh", "fresh/sub"] {
        let mode = std::fs::metadata(env.path(dir))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700, "{dir}");
    }
}

#[test]
fn a_single_output_file_is_checked_by_its_directory() {
    let tmp = std::path::Path::new("/tmp");
    let tmp_mode = std::fs::metadata(tmp).unwrap().permissions().mode();
    if tmp_mode & 0o002 == 0 {
        eprintln!("skipped: /tmp is not writable by others here");
        return;
    }
    let env = Env::new();
    env.init(&[]);
    let mut suffix = [0u8; 6];
    rand::fill(&mut suffix);
    let name = format!("/tmp/credctl-hygiene-{}", hex::encode(suffix));
    for args in [
        vec![
            "ca",
            "add-identity",
            "--out",
            &name,
            "--passphrase-file",
            "pass",
        ],
        vec!["ca", "export", "--out", &name],
    ] {
        refused(
            &env,
            &args,
            &[],
            "output directory /tmp is writable by others",
        );
        assert!(
            !std::path::Path::new(&name).exists(),
            "{args:?} wrote {name}"
        );
    }
    let log = env.ok(&["audit", "log"]);
    assert!(!log.contains("keyring.add"), "{log}");
}
