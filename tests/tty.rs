//! The interactive path: with a terminal on stdin, init prompts twice (util-linux `script`
//! provides the pseudo-terminal) and the typed passphrase is the one that unlocks.

mod common;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use common::*;

/// Runs `credctl ARGS` on a pseudo-terminal (util-linux `script`), typing each of `inputs` (with
/// Enter) after `pause`.
fn type_into(
    env: &Env,
    args: &str,
    inputs: &[impl AsRef<str>],
    pause: Duration,
) -> std::process::Output {
    let credctl = env!("CARGO_BIN_EXE_credctl");
    let mut running = env
        .cmd_for("script")
        .args(["-qec", &format!("{credctl} {args}"), "/dev/null"])
        .env("TERM", "dumb")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux is installed");
    let mut stdin = running.stdin.take().unwrap();
    for input in inputs {
        std::thread::sleep(pause);
        stdin
            .write_all(format!("{}\r", input.as_ref()).as_bytes())
            .unwrap();
        stdin.flush().unwrap();
    }
    let out = running.wait_with_output().unwrap();
    drop(stdin);
    out
}

#[test]
fn init_prompts_on_a_terminal_and_the_typed_passphrase_unlocks() {
    let env = Env::new();
    let typed = ["a passphrase typed at the terminal"; 2];
    let out = type_into(
        &env,
        &format!("init --name 'Typed Root' --scrypt-log-n {FAST_SCRYPT}"),
        &typed,
        Duration::from_millis(700),
    );
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

/// Custodians type their shares in at a terminal, one after another: each line is checked as it
/// is typed (a typo is asked again at once) and nothing typed is echoed.
#[test]
fn shares_are_typed_in_at_a_terminal_without_echo() {
    let env = Env::new();
    env.init(&[]);
    env.ok_unlocked(&[
        "ca",
        "split",
        "--shares",
        "3",
        "--threshold",
        "2",
        "--out",
        "s",
    ]);
    let mut typed: Vec<String> = Vec::new();
    for i in [3, 1] {
        let text = std::fs::read_to_string(env.path(&format!("s/share-{i}-of-3.txt"))).unwrap();
        typed.push(i.to_string());
        for line in text.lines().map(str::trim) {
            if let Some((n, rest)) = line.split_once(": ")
                && n.parse::<u8>().is_ok()
            {
                if n == "2" && i == 3 {
                    typed.push(format!("0000 {rest}")); // a typo first: asked again
                }
                typed.push(rest.to_owned());
            }
        }
        let check = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("check:"))
            .unwrap();
        typed.push(check.trim().to_owned());
    }
    let out = type_into(
        &env,
        "crl --out typed.crl --shares-from -",
        &typed,
        Duration::from_millis(300),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(
        text.contains("line 2 does not match its check characters: type it again"),
        "{text}"
    );
    let data_line = &typed[1];
    assert!(
        !text.contains(data_line.as_str()),
        "echoed a share line: {text}"
    );
    assert!(env.path("typed.crl").exists());
}
