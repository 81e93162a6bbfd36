//! The interactive path: with a terminal on stdin, init prompts twice (util-linux `script`
//! provides the pseudo-terminal) and the typed passphrase is the one that unlocks.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::*;

#[test]
fn init_prompts_on_a_terminal_and_the_typed_passphrase_unlocks() {
    let env = Env::new();
    let credctl = env!("CARGO_BIN_EXE_credctl");
    let mut running = env
        .cmd_for("script")
        .args([
            "-qec",
            &format!("{credctl} init --name 'Typed Root' --scrypt-log-n {FAST_SCRYPT}"),
            "/dev/null",
        ])
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux is installed");
    let mut stdin = running.stdin.take().unwrap();
    for _ in 0..2 {
        std::thread::sleep(Duration::from_millis(700));
        stdin
            .write_all(b"a passphrase typed at the terminal\r")
            .unwrap();
        stdin.flush().unwrap();
    }
    let out = running.wait_with_output().unwrap();
    drop(stdin);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("Repeat the passphrase"), "{text}");
    assert!(text.contains("created CA store"), "{text}");
    assert!(
        !text.contains("a passphrase typed"),
        "echoed the passphrase: {text}"
    );

    write_secret(&env.path("typed"), "a passphrase typed at the terminal\n");
    let recipient = age::x25519::Identity::generate().to_public().to_string();
    env.ok(&[
        "ca",
        "add-identity",
        "--recipient",
        &recipient,
        "--passphrase-file",
        "typed",
    ]);
}

/// A long rotation shows a progress bar on a terminal, and nothing but its report without one.
#[test]
fn rotation_shows_a_progress_bar_on_a_terminal_only() {
    let hub = common::hub::Hub::new("password", &[]);
    for dev in ["ann", "ben", "cat"] {
        hub.add_dev(dev, &[]);
    }
    let env = &hub.env;
    let credctl = env!("CARGO_BIN_EXE_credctl");
    let rotate = "rotate passwords --kind dev --chunk-size 1 --passphrase-file pass --out";
    let out = env
        .cmd_for("script")
        .args(["-qec", &format!("{credctl} {rotate} rot1"), "/dev/null"])
        .env("TERM", "xterm")
        .output()
        .expect("script(1) from util-linux is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("credctl: rotated ["), "{text}");
    assert!(text.contains("3/3"), "{text}");

    let plain = env.run(&[
        "rotate",
        "passwords",
        "--kind",
        "dev",
        "--chunk-size",
        "1",
        "--passphrase-file",
        "pass",
        "--out",
        "rot2",
    ]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert!(!stderr(&plain).contains('['), "{}", stderr(&plain));
}
