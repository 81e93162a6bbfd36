//! The committed ca-store-example must stay a working store that matches its README.

mod common;

use common::*;

#[test]
fn the_example_store_opens_verifies_and_unlocks_as_documented() {
    let env = Env::new();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ca-store-example");
    copy_tree(&example, env.dir.path());
    // git checks the documented secrets out readable by others, which credctl refuses: the
    // README's first step makes them 0600, as here.
    for secret in ["passphrase.txt", "automation.identity"] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(env.path(secret), std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    let show = env.ok(&["ca", "show"]);
    assert!(
        show.contains("CN=Example Root CA Intermediate CA"),
        "{show}"
    );
    env.ok(&["audit", "verify"]);
    assert!(env.ok(&["dev", "list"]).contains("carol"));
    let app: serde_json::Value =
        serde_json::from_str(&env.ok(&["--json", "nats", "describe", "APP"])).unwrap();
    assert_eq!(app["nats"]["type"], "account");
    let revoked = env.ok(&["cert", "list", "--revoked"]);
    assert!(
        revoked.contains("bob") && !revoked.contains("alice"),
        "{revoked}"
    );
    openssl(
        &[
            "crl",
            "-in",
            "ca-store/ca/crl.pem",
            "-noout",
            "-CAfile",
            "ca-store/ca/intermediate.crt",
        ],
        env.dir.path(),
    );
    openssl(
        &[
            "verify",
            "-CAfile",
            "ca-store/ca/root.crt",
            "ca-store/ca/intermediate.crt",
        ],
        env.dir.path(),
    );

    // Both documented secrets unlock it.
    env.ok(&[
        "--identity",
        "automation.identity",
        "ca",
        "add-identity",
        "--out",
        "a.id",
    ]);
    env.ok(&[
        "--passphrase-file",
        "passphrase.txt",
        "ca",
        "add-identity",
        "--out",
        "b.id",
    ]);
    env.ok(&["audit", "verify"]);

    let readme = std::fs::read_to_string(example.join("README.md")).unwrap();
    let passphrase = std::fs::read_to_string(example.join("passphrase.txt")).unwrap();
    assert!(
        readme.contains(passphrase.trim()),
        "README states the passphrase"
    );
}
