//! Property tests of the parsers that read outside input through the public API: name lists,
//! rosters, the audit log, the members file, certificate files, the signed state statement. Whatever the bytes, each parser
//! returns a value or a clean error, never a panic; what it accepts keeps to the limits.

use std::path::Path;

use credctl::Error;
use credctl::ops::{hub, parse_name_list};
use credctl::store::statement::{STATEMENT_FILE, Statement};
use credctl::x509::issue::{MAX_EMAIL, MAX_NAME, check_name};
use credctl::x509::{inspect, mac_binding};
use proptest::prelude::*;

/// A line of a list file: mostly plausible names, some near or over the limits, some anything.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9][a-z0-9._@-]{0,70}",
        "\\PC{0,40}",
        "#.{0,10}",
        Just(String::new()),
        Just("x".repeat(10_000)),
    ]
}

fn lines(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(line(), 0..max).prop_map(|l| l.join("\n"))
}

fn is_one_line_input_error(e: &Error) -> bool {
    let text = e.to_string();
    matches!(e, Error::InvalidInput(_)) && !text.contains('\n') && text.len() < 500
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_name_list_yields_valid_names_or_a_one_line_error(text in lines(12)) {
        match parse_name_list(&text, Path::new("names.txt"), "names") {
            Ok(names) => {
                prop_assert!(!names.is_empty());
                for n in &names {
                    prop_assert!(check_name(n).is_ok() && n.len() <= MAX_NAME);
                }
            }
            Err(e) => prop_assert!(is_one_line_input_error(&e), "{e}"),
        }
    }

    #[test]
    fn a_roster_yields_valid_developers_or_a_one_line_error(
        rows in proptest::collection::vec(
            (line(), proptest::option::of("[a-z]{1,8}@[a-z]{1,8}\\.org|\\PC{0,20}|[a-z]{300}@x\\.org"),
             proptest::option::of("[A-Z_]{1,8}|\\PC{0,10}")),
            0..10,
        ),
        header in any::<bool>(),
    ) {
        let mut text = if header { "name,email,account\n".to_owned() } else { String::new() };
        for (name, email, account) in rows {
            text.push_str(&name);
            if let Some(e) = email {
                text.push(',');
                text.push_str(&e);
            }
            if let Some(a) = account {
                text.push(',');
                text.push_str(&a);
            }
            text.push('\n');
        }
        match hub::parse_roster(&text, Path::new("roster.csv")) {
            Ok(devs) => {
                for d in &devs {
                    prop_assert!(check_name(&d.name).is_ok());
                    prop_assert!(d.email.as_ref().is_none_or(|e| e.len() <= MAX_EMAIL));
                }
            }
            Err(e) => prop_assert!(is_one_line_input_error(&e), "{e}"),
        }
    }

    #[test]
    fn any_audit_log_parses_or_is_refused(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        seq in any::<u64>(),
    ) {
        if let Err(e) = credctl::audit::parse(&bytes) {
            prop_assert!(matches!(e, Error::AuditTampered(_)));
        }
        let head = credctl::audit::Head { seq, hash: String::new() };
        if let Err(e) = credctl::audit::verify(&bytes, &head) {
            prop_assert!(matches!(e, Error::AuditTampered(_)));
        }
    }

    #[test]
    fn audit_lines_with_any_field_values_are_checked_without_panics(
        seq in any::<u64>(), prev in "\\PC{0,70}", hash in "[0-9a-f]{0,64}",
    ) {
        let line = format!(
            r#"{{"seq":{seq},"at":"2026-01-01T00:00:00Z","actor":"x","action":"a","subject":"s","prev":{prev:?},"hash":{hash:?}}}"#
        ) + "\n";
        let _ = credctl::audit::parse(line.as_bytes());
        let head = credctl::audit::Head { seq, hash };
        let _ = credctl::audit::verify(line.as_bytes(), &head);
    }

    #[test]
    fn any_members_file_reads_or_is_refused(text in "\\PC{0,200}") {
        let _ = serde_json::from_str::<credctl::hub::Members>(&text);
        let _ = serde_json::from_str::<credctl::hub::Members>(&format!(r#"{{"devs":{{"a":{text}}},"edges":{{}}}}"#));
    }

    #[test]
    fn any_certificate_file_is_read_or_refused(
        body in proptest::collection::vec(any::<u8>(), 0..700),
        raw in any::<bool>(),
    ) {
        use base64::Engine;
        let bytes = if raw {
            body.clone()
        } else {
            let b64 = base64::engine::general_purpose::STANDARD.encode(&body);
            format!("-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n").into_bytes()
        };
        if let Ok(ders) = inspect::pem_certificates(&bytes) {
            prop_assert!(!ders.is_empty());
            let _ = inspect::info(&ders[0]);
        }
        let _ = inspect::details(&bytes);
        let _ = mac_binding::decode(&body);
    }

    #[test]
    fn any_statement_file_loads_or_is_refused_and_no_signature_verifies_by_chance(
        text in "\\PC{0,300}",
        signature in proptest::collection::vec(any::<u8>(), 0..80),
        seq in any::<u64>(),
    ) {
        use base64::Engine;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(STATEMENT_FILE);
        std::fs::write(&file, &text).unwrap();
        let _ = Statement::load(dir.path());
        // Well formed and claiming the CA, with a signature the CA never made.
        let root = test_ca();
        let forged = serde_json::json!({
            "format": "credctl-state-statement", "version": 1,
            "audit": {"seq": seq, "hash": "00"},
            "signer": inspect::fingerprint_sha256(&root), "algorithm": "ecdsa-p256-sha256",
            "files": {"store.json": "00"},
            "signature": base64::engine::general_purpose::STANDARD.encode(&signature),
        });
        std::fs::write(&file, forged.to_string()).unwrap();
        let statement = Statement::load(dir.path()).unwrap().unwrap();
        prop_assert!(credctl::x509::statement::verify(&root, &statement).is_err());
        prop_assert!(credctl::x509::statement::verify(signature.as_slice(), &statement).is_err());
    }
}

/// A root CA certificate (DER), made once for the whole run.
fn test_ca() -> Vec<u8> {
    static ROOT: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let ca = credctl::x509::ca::create(&credctl::x509::ca::NewCa {
            name: "Prop CA".into(),
            key_type: credctl::x509::KeyType::EcdsaP256,
            days: 30,
            intermediate_days: None,
        })
        .unwrap();
        ca.root.der
    })
    .clone()
}
