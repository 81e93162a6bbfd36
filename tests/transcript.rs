//! `audit export` / `audit verify-export`: the ceremony transcript, checked by credctl and,
//! independently, by Python's hashlib/json (the entry chain) and openssl (the CA's signature).

mod common;

use common::*;

fn ceremony(env: &Env) {
    env.init(&["--intermediate"]);
    env.ok_unlocked(&[
        "ca",
        "split",
        "--shares",
        "3",
        "--threshold",
        "2",
        "--out",
        "shares",
    ]);
    env.ok_unlocked(&[
        "cert",
        "issue",
        "hub1",
        "--profile",
        "hub",
        "--dns",
        "hub1.example.net",
        "--out",
        "hub1",
    ]);
    env.ok_unlocked(&["ca", "export", "--out", "ca.crt"]);
}

const INDEPENDENT_CHECK: &str = r#"
import base64, hashlib, json, subprocess, sys
t = json.load(open(sys.argv[1]))
compact = lambda o: json.dumps(o, separators=(",", ":"), ensure_ascii=False).encode()
prev = None
for e in t["entries"]:
    h = e["hash"]
    e2 = dict(e); e2["hash"] = ""
    assert hashlib.sha256(compact(e2)).hexdigest() == h, "entry %d hash" % e["seq"]
    assert prev is None or e["prev"] == prev, "entry %d link" % e["seq"]
    prev = h
s = t["statement"]
assert s["audit"]["hash"] == prev and s["audit"]["seq"] == t["entries"][-1]["seq"]
sig = base64.b64decode(s["signature"])
unsigned = dict(s); unsigned["signature"] = ""
open("message.bin", "wb").write(b"credctl signed store state v1\n" + compact(unsigned))
open("signature.der", "wb").write(sig)
open("chain.pem", "w").write(t["chain_pem"])
print(len(t["entries"]))
"#;

type Edit = Box<dyn Fn(&mut serde_json::Value)>;

#[test]
fn a_transcript_checks_independently_and_any_edit_is_caught() {
    let env = Env::new();
    ceremony(&env);
    let text = env.ok(&["audit", "export", "--since", "2"]);
    assert!(
        text.contains("custody.split") && text.contains("Witnessed"),
        "{text}"
    );
    assert!(!text.contains("#1 "), "--since 2 starts at entry 2: {text}");
    let json = env.ok(&["audit", "export", "--format", "json"]);
    std::fs::write(env.path("t.json"), &json).unwrap();
    let out = env.ok(&["audit", "verify-export", "t.json", "--ca", "ca.crt"]);
    assert!(out.contains("transcript intact"), "{out}");

    // Independently: the chain with Python, the signature with openssl and the issuing CA's key.
    std::fs::write(env.path("check.py"), INDEPENDENT_CHECK).unwrap();
    let out = env
        .cmd_for("python3")
        .args(["check.py", "t.json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    openssl(
        &[
            "x509",
            "-in",
            "chain.pem",
            "-pubkey",
            "-noout",
            "-out",
            "issuing.pub",
        ],
        env.dir.path(),
    );
    let verified = openssl(
        &[
            "dgst",
            "-sha256",
            "-verify",
            "issuing.pub",
            "-signature",
            "signature.der",
            "message.bin",
        ],
        env.dir.path(),
    );
    assert!(verified.contains("Verified OK"), "{verified}");
    // ... and the issuing CA is the store's, under the root we keep.
    openssl(
        &[
            "verify",
            "-CAfile",
            "ca-store/ca/root.crt",
            "ca-store/ca/intermediate.crt",
        ],
        env.dir.path(),
    );

    let original: serde_json::Value = serde_json::from_str(&json).unwrap();
    let edits: Vec<(&str, Edit, &str)> = vec![
        (
            "edited detail",
            Box::new(|t| t["entries"][1]["detail"] = "any 1 of 3 shares".into()),
            "does not match its hash",
        ),
        (
            "entry removed",
            Box::new(|t| {
                t["entries"].as_array_mut().unwrap().remove(1);
            }),
            "does not follow",
        ),
        (
            "last entry dropped",
            Box::new(|t| {
                t["entries"].as_array_mut().unwrap().pop();
            }),
            "signed head is entry",
        ),
        (
            "statement re-signed elsewhere",
            Box::new(|t| t["statement"]["signature"] = "AAAA".into()),
            "signed head",
        ),
    ];
    for (what, edit, message) in edits {
        let mut t = original.clone();
        edit(&mut t);
        std::fs::write(env.path("bad.json"), serde_json::to_vec(&t).unwrap()).unwrap();
        let out = env.run(&["audit", "verify-export", "bad.json"]);
        assert_eq!(code(&out), 1, "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{what}: {}", stderr(&out));
    }

    // Signed under another CA: refused against ours.
    let other = Env::new();
    ceremony(&other);
    let theirs = other.ok(&["audit", "export", "--format", "json"]);
    std::fs::write(env.path("theirs.json"), theirs).unwrap();
    env.ok(&["audit", "verify-export", "theirs.json"]);
    let out = env.run(&["audit", "verify-export", "theirs.json", "--ca", "ca.crt"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not the CA given with --ca"),
        "{}",
        stderr(&out)
    );

    let out = env.run(&["audit", "export", "--since", "99"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the log has entries 1 to"),
        "{}",
        stderr(&out)
    );
}
