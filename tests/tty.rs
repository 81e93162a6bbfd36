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
