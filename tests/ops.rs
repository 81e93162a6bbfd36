//! The workflows called in-process, without the binary: a typed request in, a typed report out,
//! the store checked with openssl afterwards.

mod common;

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use age::secrecy::SecretString;
use common::{Env, openssl};
use credctl::ops::{self, Session, cert, init};
use credctl::store::keyring::UnlockSource;
use credctl::x509::KeyType;
use credctl::x509::registry::Reason;

fn passphrase() -> SecretString {
    SecretString::from(common::PASSPHRASE.to_owned())
}

fn new_store(env: &Env) {
    let req = init::InitRequest {
        store: env.store(),
        name: "In-process CA".into(),
        key_type: KeyType::EcdsaP256,
        days: 365,
        intermediate_days: None,
        scrypt_log_n: 14,
    };
    let report = init::init(&req, &passphrase()).unwrap();
    assert!(report.root.subject.contains("In-process CA"));
}

/// A session whose unlocker counts how often it is asked.
fn session(root: &Path, asked: Rc<Cell<u32>>) -> Session {
    Session::open(
        root,
        Box::new(move || {
            asked.set(asked.get() + 1);
            Ok(UnlockSource::Passphrase(passphrase()))
        }),
        credctl::store::LockWait::quiet(),
    )
    .unwrap()
}

fn issue_request(env: &Env, names: &[&str]) -> cert::IssueRequest {
    cert::IssueRequest {
        names: names.iter().map(|n| n.to_string()).collect(),
        profile: "dev".into(),
        alt_names: Default::default(),
        validity: None,
        key_type: Some(KeyType::EcdsaP256),
        bind_mac: None,
        subject: Vec::new(),
        force: false,
        out: env.path("out"),
    }
}

#[test]
fn issue_revoke_and_crl_in_process_unlock_once() {
    let env = Env::new();
    new_store(&env);
    let asked = Rc::new(Cell::new(0));
    let mut s = session(&env.store(), asked.clone());

    // Reading needs no unlock.
    assert!(cert::list(&s, &Default::default()).unwrap().is_empty());
    assert_eq!(asked.get(), 0);

    let issued = cert::issue(&mut s, &issue_request(&env, &["ann", "ben"]))
        .unwrap()
        .issued;
    assert_eq!(issued.len(), 2);
    let revoked = cert::revoke(&mut s, &["ann".to_string()], Reason::KeyCompromise)
        .unwrap()
        .revoked;
    assert_eq!(revoked[0].serial, issued[0].serial);
    let crl = cert::crl(&mut s, Some(7), &env.path("crl.pem"), None).unwrap();
    assert_eq!((crl.crl_number, crl.revoked), (1, 1));
    // Two signing workflows in one session: the passphrase was asked for once.
    assert_eq!(asked.get(), 1);

    let dir = env.dir.path();
    let out = openssl(
        &[
            "verify",
            "-CAfile",
            "out/ca.crt",
            "-CRLfile",
            "crl.pem",
            "-crl_check",
            "out/ben.crt",
        ],
        dir,
    );
    assert!(out.contains("OK"), "{out}");
    let ann = common::openssl_try(
        &[
            "verify",
            "-CAfile",
            "out/ca.crt",
            "-CRLfile",
            "crl.pem",
            "-crl_check",
            "out/ann.crt",
        ],
        dir,
    );
    assert!(!ann.0 && ann.1.contains("revoked"), "{}", ann.1);

    let rows = cert::list(
        &s,
        &cert::ListRequest {
            revoked: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(rows.len(), 1);
    let verdict = cert::verify(&s, &env.path("out/ben.crt")).unwrap();
    assert!(verdict.ok, "{:?}", verdict.problems);
}

#[test]
fn a_refused_request_changes_nothing_and_never_unlocks() {
    let env = Env::new();
    new_store(&env);
    let before = common::tree(&env.store());
    let asked = Rc::new(Cell::new(0));
    let mut s = session(&env.store(), asked.clone());
    let mut req = issue_request(&env, &["x", "x"]);
    assert!(matches!(
        cert::issue(&mut s, &req),
        Err(credctl::Error::InvalidInput(_))
    ));
    req.names = vec!["x".into()];
    req.profile = "no-such-profile".into();
    assert!(cert::issue(&mut s, &req).is_err());
    let err = ops::read_name_list(&env.path("missing.txt"), "names").unwrap_err();
    assert!(matches!(err, credctl::Error::InvalidInput(_)), "{err}");
    drop(s);
    assert_eq!(asked.get(), 0);
    assert_eq!(common::tree(&env.store()), before);
}
