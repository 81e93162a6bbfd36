//! `credctl status`: the checklist as data. Each check is driven into "action needed" by a
//! real change and back to "ok" by the command the finding names; the Prometheus output is read
//! by the official Python client's parser.

mod common;

use common::hub::Hub;
use common::*;

fn status(env: &Env, extra: &[&str]) -> (i32, serde_json::Value) {
    let out = env
        .cmd()
        .args(["status", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let report =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    (code(&out), report)
}

/// The findings of `check` that need action, as "subject: detail".
fn actions(report: &serde_json::Value, check: &str) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == check && f["level"] == "action")
        .map(|f| format!("{}: {}", f["subject"], f["detail"]))
        .collect()
}

#[test]
fn each_check_flags_what_needs_action_and_clears_when_it_is_done() {
    let hub = Hub::new("verify-and-map", &[]);
    let env = &hub.env;
    hub.add_dev("alice", &[]);
    hub.add_edge("edge1", &[]);
    let (code, report) = status(env, &[]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["ok"], true);
    for check in [
        "certificate",
        "ca",
        "password",
        "tls-mode",
        "hub-dir",
        "audit",
    ] {
        assert!(
            report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["check"] == check),
            "{check} not checked: {report:#}"
        );
    }

    // A certificate that expires within the window.
    env.ok_unlocked(&[
        "cert",
        "issue",
        "shorty",
        "--profile",
        "dev",
        "--hours",
        "1",
        "--out",
        "s",
    ]);
    let (code, report) = status(env, &[]);
    assert_eq!(code, 1);
    assert_eq!(report["ok"], false);
    let flagged = actions(&report, "certificate");
    assert!(
        flagged.len() == 1 && flagged[0].contains("shorty"),
        "{flagged:?}"
    );
    let (code, _) = status(env, &["--within", "30m"]);
    assert_eq!(code, 0, "an hour left is outside a 30-minute window");
    env.ok_unlocked(&["cert", "revoke", "shorty"]);

    // A revocation the CRL does not list yet; issuing the CRL clears it.
    let (_, report) = status(env, &["--within", "30m"]);
    assert!(!actions(&report, "crl").is_empty(), "{report:#}");
    env.ok_unlocked(&["crl", "--out", "crl.pem"]);
    let (_, report) = status(env, &["--within", "30m"]);
    assert!(actions(&report, "crl").is_empty(), "{report:#}");

    // `crl` does not re-render: the hub directory's crl.pem is now older than the store.
    let stale = actions(&report, "hub-dir");
    assert!(
        stale.len() == 1 && stale[0].contains("crl.pem"),
        "{stale:?}"
    );
    env.ok(&["hub", "render", "--out", "hubcfg"]);
    let (code, report) = status(env, &["--within", "30m"]);
    assert_eq!(code, 0, "{report:#}");

    // The hub directory edited behind the store's back; re-rendering clears it.
    let auth = hub.env.path("hubcfg/auth.conf");
    let original = std::fs::read_to_string(&auth).unwrap();
    std::fs::write(&auth, format!("{original}\n# edited by hand\n")).unwrap();
    let (code, report) = status(env, &["--within", "30m"]);
    let stale = actions(&report, "hub-dir");
    assert!(
        stale.len() == 1 && stale[0].contains("auth.conf"),
        "{stale:?}"
    );
    assert_eq!(code, 1);
    env.ok(&["hub", "render", "--out", "hubcfg"]);
    let (code, report) = status(env, &["--within", "30m"]);
    assert_eq!(code, 0, "{report:#}");

    // Passwords past the policy.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (code, report) = status(env, &["--within", "30m", "--password-max-age", "1s"]);
    assert_eq!(code, 1);
    let old = actions(&report, "password");
    assert!(old.iter().any(|a| a.contains("dev alice")), "{old:?}");
    assert!(old.iter().any(|a| a.contains("edge edge1")), "{old:?}");
}

#[test]
fn nats_users_and_weak_settings_are_flagged() {
    let hub = Hub::new(
        "password",
        &["--monitor-port", "0", "--monitor-host", "0.0.0.0"],
    );
    let env = &hub.env;
    env.ok_unlocked(&["nats", "init", "--operator", "acme"]);
    env.ok_unlocked(&["nats", "account", "add", "APP"]);
    env.ok_unlocked(&[
        "nats",
        "user",
        "add",
        "brief",
        "--account",
        "APP",
        "--expires",
        "1h",
        "--out",
        "b.creds",
    ]);
    env.ok_unlocked(&[
        "nats",
        "user",
        "add",
        "long",
        "--account",
        "APP",
        "--expires",
        "90d",
        "--out",
        "l.creds",
    ]);
    let (code, report) = status(env, &[]);
    assert_eq!(code, 1);
    let users = actions(&report, "nats-user");
    assert!(
        users.len() == 1 && users[0].contains("APP/brief"),
        "{users:?}"
    );
    let monitor = actions(&report, "monitor");
    assert!(
        monitor.len() == 1 && monitor[0].contains("0.0.0.0"),
        "{monitor:?}"
    );
}

#[test]
fn the_prometheus_output_parses_with_the_official_client() {
    let env = Env::new();
    env.init(&["--intermediate"]);
    env.ok_unlocked(&["cert", "issue", "web.1", "--profile", "dev", "--out", "w"]);
    env.ok_unlocked(&[
        "cert",
        "issue",
        "shorty",
        "--profile",
        "dev",
        "--hours",
        "1",
        "--out",
        "s",
    ]);
    let out = env
        .cmd()
        .args(["status", "--format", "prometheus"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    std::fs::write(env.path("metrics.prom"), &out.stdout).unwrap();
    let script = r#"
import sys
from prometheus_client.parser import text_string_to_metric_families
samples = {}
for family in text_string_to_metric_families(open(sys.argv[1]).read()):
    assert family.type == "gauge", family
    for s in family.samples:
        samples.setdefault(s.name, []).append((s.labels, s.value))
certs = {l["name"]: v for l, v in samples["credctl_cert_expiry_seconds"]}
assert 0 < certs["shorty"] <= 3600, certs
assert certs["web.1"] > 300 * 86400, certs
cas = {l["name"] for l, _ in samples["credctl_ca_expiry_seconds"]}
assert cas == {"root", "intermediate"}, cas
assert samples["credctl_action_needed"] == [({}, 1.0)], samples["credctl_action_needed"]
print("parsed", sum(len(v) for v in samples.values()))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, env.path("metrics.prom").to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&std::fs::read(env.path("metrics.prom")).unwrap())
    );
}

#[test]
fn bad_flags_are_refused() {
    let env = Env::new();
    env.init(&[]);
    for args in [
        &["status", "--within", "soon"][..],
        &["status", "--password-max-age", "3 days"],
    ] {
        let out = env.run(args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(args[1]), "{}", stderr(&out));
        assert!(stderr(&out).lines().count() <= 2, "{}", stderr(&out));
    }
}
