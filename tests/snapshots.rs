//! Snapshots of what users read: every command's help, and the error line + hint + exit code of
//! refused commands, so a wrong or misleading hint fails a test.
//!
//! - `tests/snapshots/help/*.txt`: `credctl ... --help` for every command.
//! - `tests/snapshots/errors.txt`: blocks of `$ ARGS`, `? EXIT CODE`, then the expected stderr;
//!   `[..]` in an expected line matches any text (paths, serials). Every case must also leave the
//!   store byte-for-byte unchanged.
//!
//! Refresh both with: CREDCTL_BLESS=1 cargo test --test snapshots

mod common;

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use common::*;

fn snapshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

fn bless() -> bool {
    std::env::var_os("CREDCTL_BLESS").is_some()
}

fn helps(cmd: &clap::Command, path: &str, out: &mut Vec<(String, String)>) {
    let name = if path.is_empty() {
        cmd.get_name().to_owned()
    } else {
        format!("{path}-{}", cmd.get_name())
    };
    let mut cmd = cmd.clone().term_width(100);
    out.push((name.clone(), cmd.render_long_help().to_string()));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        helps(sub, &name, out);
    }
}

#[test]
fn every_command_help_matches_its_snapshot() {
    let mut cmd = credctl::cli::Cli::command();
    cmd.build();
    let mut all = Vec::new();
    helps(&cmd, "", &mut all);
    let dir = snapshots().join("help");
    if bless() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in &all {
            std::fs::write(dir.join(format!("{name}.txt")), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &all {
        let file = dir.join(format!("{name}.txt"));
        if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let on_disk = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    assert!(
        stale.is_empty() && on_disk == all.len(),
        "help snapshots out of date: {stale:?} ({on_disk} files for {} commands)\nrun: CREDCTL_BLESS=1 cargo test --test snapshots",
        all.len()
    );
}

struct Case {
    args: String,
    code: i32,
    stderr: String,
}

fn parse_cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines() {
        if let Some(args) = line.strip_prefix("$ ") {
            cases.push(Case {
                args: args.to_owned(),
                code: -1,
                stderr: String::new(),
            });
        } else if let Some(code) = line.strip_prefix("? ") {
            cases.last_mut().expect("? after $").code = code.trim().parse().unwrap();
        } else if line.starts_with('#') && cases.last().is_none_or(|c| c.code >= 0) {
            continue;
        } else if let Some(case) = cases.last_mut() {
            case.stderr.push_str(line);
            case.stderr.push('\n');
        }
    }
    for case in &mut cases {
        case.stderr = case.stderr.trim_end().to_owned() + "\n";
    }
    cases
}

/// `[..]` in `want` matches any run of characters within the line.
fn line_matches(want: &str, got: &str) -> bool {
    let mut parts = want.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = got.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i == parts.len() - 1 {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

fn stderr_matches(want: &str, got: &str) -> bool {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    w.len() == g.len() && w.iter().zip(&g).all(|(w, g)| line_matches(w, g))
}

/// A store with a CA, a hub with one developer, an edge and a NATS operator with one account.
fn fixture() -> Env {
    let env = Env::new();
    env.init(&[]);
    for args in [
        &[
            "hub",
            "init",
            "--name",
            "hub",
            "--dns",
            "hub.example.com",
            "--out",
            "hubcfg",
        ][..],
        &["dev", "add", "alice", "--out", "devs"],
        &[
            "edge",
            "add",
            "edge1",
            "--hub-url",
            "tls://hub.example.com:7422",
            "--out",
            "edges",
        ],
        &["nats", "init", "--operator", "OP"],
        &["nats", "account", "add", "APP"],
        &[
            "nats",
            "user",
            "add",
            "u1",
            "--account",
            "APP",
            "--out",
            "u1.creds",
        ],
    ] {
        let mut all = args.to_vec();
        all.extend(["--passphrase-file", "pass"]);
        env.ok(&all);
    }
    std::fs::write(env.path("latin1.txt"), b"caf\xe9\n").unwrap();
    std::fs::write(env.path("a-file"), "x").unwrap();
    std::fs::write(env.path("dups.txt"), "x\ny\nx\n").unwrap();
    // A store whose store.json is gone: damage, not "not a store".
    std::fs::create_dir_all(env.path("broken-store/keyring")).unwrap();
    env
}

/// RFC 3339 UTC times (`2027-11-25T23:10:14Z`) as `[..]`.
fn without_timestamps(text: &str) -> String {
    let shape = |w: &[u8]| {
        w.len() == 20
            && w.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                10 => *b == b'T',
                13 | 16 => *b == b':',
                19 => *b == b'Z',
                _ => b.is_ascii_digit(),
            })
    };
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if i + 20 <= bytes.len() && shape(&bytes[i..i + 20]) {
            out.push_str("[..]");
            i += 20;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// What varies from run to run (the temp dir, serials, fingerprints, times) as `[..]`.
fn generalize(text: &str, dir: &str) -> String {
    let text = without_timestamps(&text.replace(dir, "[..]"));
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 16 && run.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            out.push_str("[..]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_hexdigit() || c == ':' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[test]
fn refused_commands_print_their_snapshot_error_and_change_nothing() {
    let file = snapshots().join("errors.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    let cases = parse_cases(&text);
    assert!(cases.len() > 20, "only {} cases", cases.len());
    let env = fixture();
    let before = tree(&env.store());
    let mut blessed = String::new();
    let mut failures = Vec::new();
    for case in &cases {
        let args: Vec<&str> = case.args.split_whitespace().collect();
        let out = env.run(&args);
        let got_code = code(&out);
        let got = stderr(&out);
        if bless() {
            let general = generalize(&got, &env.dir.path().display().to_string());
            blessed.push_str(&format!("$ {}\n? {got_code}\n{general}\n", case.args));
        } else if got_code != case.code || !stderr_matches(&case.stderr, &got) {
            failures.push(format!(
                "$ {}\nwant ? {}\n{}got ? {got_code}\n{got}",
                case.args, case.code, case.stderr
            ));
        }
        assert_eq!(
            tree(&env.store()),
            before,
            "{} changed the store",
            case.args
        );
    }
    if bless() {
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&file, header + "\n" + &blessed).unwrap();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
