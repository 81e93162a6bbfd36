//! Limits: every out-of-range number and oversized name is bad input (exit 2) with a one-line
//! error naming the flag or field and what is allowed, never a panic, and the store is left
//! byte-for-byte as it was. CSRs are made by the real openssl.

mod common;

use std::path::Path;

use common::*;

fn unlock() -> [&'static str; 2] {
    ["--passphrase-file", "pass"]
}

/// Every case exits 2 with exactly one line on stderr, the store unchanged.
fn refused(env: &Env, cases: &[(&[&str], &str)]) {
    let with_code: Vec<(&[&str], i32, &str)> = cases.iter().map(|(a, m)| (*a, 2, *m)).collect();
    assert_refused_unchanged(env, &with_code, &unlock());
    for (args, _) in cases {
        let out = env.cmd().args(*args).args(unlock()).output().unwrap();
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: not one line:\n{err}");
        assert!(err.starts_with("error: invalid input: "), "{args:?}: {err}");
    }
}

fn store() -> Env {
    let env = Env::new();
    env.init(&[]);
    env
}

#[test]
fn init_refuses_out_of_range_validities_and_names_before_making_anything() {
    let env = Env::new();
    let long = "x".repeat(10_000);
    let forty_nine = "y".repeat(49);
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "CA",
            &["--days", "99999999"],
            "--days 99999999 is out of range: use 1 to 365000",
        ),
        (
            "CA",
            &["--days", "0"],
            "--days 0 is out of range: use 1 to 365000",
        ),
        (
            "CA",
            &["--intermediate", "--intermediate-days", "99999999"],
            "--intermediate-days 99999999 is out of range: use 1 to 365000",
        ),
        (
            &long,
            &[],
            "--name is 10000 characters long: a CA name has at most 64",
        ),
        (
            &forty_nine,
            &["--intermediate"],
            "at most 48 with --intermediate",
        ),
    ];
    for (name, extra, message) in cases {
        let mut args = vec!["init", "--name", name];
        args.extend_from_slice(extra);
        args.extend(["--passphrase-file", "pass", "--scrypt-log-n", FAST_SCRYPT]);
        let out = env.run(&args);
        let err = stderr(&out);
        assert_eq!(code(&out), 2, "{extra:?}: {err}");
        assert!(err.contains(message), "{extra:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{extra:?}: {err}");
        assert!(!env.store().exists(), "{extra:?} made a store");
    }
    // The largest validity is accepted: it ends long before 9999.
    env.init(&["--days", "365000"]);
}

#[test]
fn out_of_range_durations_are_bad_input() {
    let env = store();
    refused(
        &env,
        &[
            (
                &["crl", "--days", "99999999", "--out", "crl.pem"],
                "--days 99999999 is out of range",
            ),
            (
                &["crl", "--days", "0", "--out", "crl.pem"],
                "--days 0 is out of range",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "alice",
                    "--profile",
                    "dev",
                    "--days",
                    "99999999",
                    "--out",
                    "o",
                ],
                "--days 99999999 is out of range: use 1 to 365000",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "alice",
                    "--profile",
                    "dev",
                    "--hours",
                    "4294967295",
                    "--out",
                    "o",
                ],
                "--hours 4294967295 is out of range: use 1 to 8760000",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "alice",
                    "--profile",
                    "dev",
                    "--days",
                    "900",
                    "--out",
                    "o",
                ],
                "longer than profile dev allows",
            ),
            (
                &["cert", "list", "--expiring-within", "99999999d"],
                "--expiring-within \"99999999d\" is out of range: durations run from 1s to 365000d",
            ),
            (
                &[
                    "cert",
                    "list",
                    "--expiring-within",
                    "99999999999999999999999w",
                ],
                "is out of range",
            ),
            (
                &[
                    "nats",
                    "user",
                    "add",
                    "u",
                    "--account",
                    "A",
                    "--expires",
                    "99999999d",
                    "--out",
                    "u.creds",
                ],
                "\"99999999d\" is out of range",
            ),
            (
                &["dev", "add", "ann", "--days", "99999999", "--out", "d"],
                "--days 99999999 is out of range",
            ),
        ],
    );
    assert!(!env.path("crl.pem").exists());
    // A CRL may be asked to run past the CA: it stops where the CA does.
    let out = env.ok(&[
        "crl",
        "--days",
        "365000",
        "--out",
        "crl.pem",
        "--passphrase-file",
        "pass",
    ]);
    assert!(out.contains("next update"), "{out}");
}

#[test]
fn names_beyond_rfc5280_bounds_are_refused() {
    let env = store();
    let long = "x".repeat(10_000);
    let label = "a".repeat(64) + ".example.com";
    let dns_254 = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(62));
    let email = format!("{}@example.com", "a".repeat(250));
    let many: Vec<String> = (0..101).map(|i| format!("h{i}.example.com")).collect();
    let mut too_many = vec!["cert", "issue", "hub1", "--profile", "hub", "--out", "o"];
    for d in &many {
        too_many.extend(["--dns", d]);
    }
    refused(
        &env,
        &[
            (
                &["cert", "issue", &long, "--profile", "dev", "--out", "o"],
                "is 10000 characters long: at most 64",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "h",
                    "--profile",
                    "hub",
                    "--dns",
                    "1.2.3.4.5",
                    "--out",
                    "o",
                ],
                "\"1.2.3.4.5\" looks like an IP address, not a DNS name (its last label is all digits): use --ip",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "h",
                    "--profile",
                    "hub",
                    "--dns",
                    "10.0.0.1",
                    "--out",
                    "o",
                ],
                "is an IP address, not a DNS name: use --ip",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "h",
                    "--profile",
                    "hub",
                    "--dns",
                    &label,
                    "--out",
                    "o",
                ],
                "has a label of 64 characters: a DNS label has at most 63",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "h",
                    "--profile",
                    "hub",
                    "--dns",
                    &dns_254,
                    "--out",
                    "o",
                ],
                "is 254 characters long: a DNS name has at most 253",
            ),
            (
                &[
                    "cert",
                    "issue",
                    "d",
                    "--profile",
                    "dev",
                    "--email",
                    &email,
                    "--out",
                    "o",
                ],
                "is 262 characters long: at most 255",
            ),
            (&too_many, "101 subject alternative names"),
        ],
    );
    // The bounds themselves are accepted.
    let dns_253 = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(61));
    let at_max: Vec<String> = (0..100).map(|i| format!("h{i}.example.com")).collect();
    let mut args = vec![
        "cert",
        "issue",
        "h",
        "--profile",
        "hub",
        "--dns",
        &dns_253,
        "--out",
        "o",
    ];
    for d in &at_max[1..] {
        args.extend(["--dns", d]);
    }
    args.extend(unlock());
    env.ok(&args);
    let n64 = "n".repeat(64);
    env.ok(&[
        "cert",
        "issue",
        &n64,
        "--profile",
        "dev",
        "--out",
        "o",
        "--passphrase-file",
        "pass",
    ]);
}

#[test]
fn name_lists_and_rosters_are_checked_line_by_line() {
    let env = store();
    let long = "x".repeat(10_000);
    std::fs::write(env.path("names.txt"), format!("# devices\nok-1\n{long}\n")).unwrap();
    std::fs::write(env.path("users.txt"), "good\nbad name\n").unwrap();
    std::fs::write(
        env.path("roster.csv"),
        "name,email\nann,ann@example.com\nben,not-an-email\n",
    )
    .unwrap();
    std::fs::write(env.path("roster2.csv"), format!("ann\n{long},a@b.org\n")).unwrap();
    std::fs::write(env.path("roster3.csv"), "ann,ann@10.0.0.1\n").unwrap();
    refused(
        &env,
        &[
            (
                &[
                    "cert",
                    "issue",
                    "--from",
                    "names.txt",
                    "--profile",
                    "dev",
                    "--out",
                    "o",
                ],
                "names.txt line 3: the name \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"... is 10000 characters long: at most 64",
            ),
            (
                &[
                    "nats",
                    "user",
                    "add",
                    "--from",
                    "users.txt",
                    "--account",
                    "A",
                    "--out",
                    "u",
                ],
                "users.txt line 2: \"bad name\" is not a valid name",
            ),
            (
                &["dev", "add", "--from", "roster.csv", "--out", "d"],
                "roster.csv line 3: \"not-an-email\" is not a valid email address",
            ),
            (
                &["dev", "add", "--from", "roster2.csv", "--out", "d"],
                "roster2.csv line 2: the name",
            ),
            (
                &["dev", "add", "--from", "roster3.csv", "--out", "d"],
                "roster3.csv line 1: \"ann@10.0.0.1\" is not a valid email address",
            ),
        ],
    );
}

fn csr(dir: &Path, name: &str, newkey: &[&str], extra: &[&str]) -> String {
    let file = format!("{name}.csr");
    let key = format!("{name}.key");
    let mut args = vec!["req", "-new", "-nodes", "-keyout", &key, "-out", &file];
    args.extend_from_slice(newkey);
    args.extend_from_slice(extra);
    openssl(&args, dir);
    format!("device/{file}")
}

#[test]
fn csrs_are_refused_by_key_type_size_and_names_before_the_signature_check() {
    let env = store();
    let dir = env.path("device");
    std::fs::create_dir_all(&dir).unwrap();
    let ec = |curve: &str| {
        [
            "-newkey".to_owned(),
            "ec".into(),
            "-pkeyopt".into(),
            format!("ec_paramgen_curve:{curve}"),
        ]
    };
    let p256 = ec("P-256");
    let p256: Vec<&str> = p256.iter().map(String::as_str).collect();
    let p521 = ec("P-521");
    let p521: Vec<&str> = p521.iter().map(String::as_str).collect();

    let rsa1024 = csr(
        &dir,
        "rsa1024",
        &["-newkey", "rsa:1024"],
        &["-subj", "/CN=small"],
    );
    let p521 = csr(&dir, "p521", &p521, &["-subj", "/CN=big-curve"]);
    let sans: Vec<String> = (0..200).map(|i| format!("DNS:h{i}.example.com")).collect();
    let san_ext = format!("subjectAltName={}", sans.join(","));
    let many = csr(
        &dir,
        "many",
        &p256,
        &["-subj", "/CN=many", "-addext", &san_ext],
    );
    // A subject of 10,000 characters (in UID: openssl itself refuses a CN or O that long).
    let subj = format!("/CN=long/UID={}", "z".repeat(10_000));
    let long = csr(&dir, "long", &p256, &["-subj", &subj]);
    // A valid CSR padded past 64 KiB with text after the PEM block.
    let ok = csr(&dir, "ok", &p256, &["-subj", "/CN=ok"]);
    let mut padded = std::fs::read_to_string(env.path(&ok)).unwrap();
    padded.push_str(&"# padding\n".repeat(7000));
    std::fs::write(env.path("device/huge.csr"), padded).unwrap();

    let sign = |file: &str| -> Vec<String> {
        [
            "cert",
            "sign",
            file,
            "--profile",
            "edge",
            "--out",
            "device/x.crt",
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let cases = [
        (
            sign(&rsa1024),
            "the CSR's key is RSA 1024, below the 2048-bit minimum",
        ),
        (
            sign(&p521),
            "the CSR's key is ECDSA P-521, which credctl does not sign for (supported: ECDSA P-256, ECDSA P-384, Ed25519, RSA 2048 to 8192 bits)",
        ),
        (
            sign(&many),
            "the CSR asks for 200 subject alternative names: a certificate carries at most 100",
        ),
        (
            sign(&long),
            "the CSR's subject UID is 10000 characters long: at most 255",
        ),
        (
            sign("device/huge.csr"),
            "the CSR file is larger than 64 KiB",
        ),
    ];
    let cases: Vec<(Vec<&str>, &str)> = cases
        .iter()
        .map(|(a, m)| (a.iter().map(String::as_str).collect(), *m))
        .collect();
    let cases: Vec<(&[&str], &str)> = cases.iter().map(|(a, m)| (a.as_slice(), *m)).collect();
    refused(&env, &cases);
    assert!(!env.path("device/x.crt").exists());
    // The unpadded CSR is signed: the limits refuse only what they name.
    let mut args = sign(&ok);
    args.extend(unlock().map(str::to_owned));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok(&args);
}
