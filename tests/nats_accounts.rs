//! NATS accounts in depth, as nsc users know them: exports and imports (public, and private with
//! activation tokens), scoped signing keys (roles), user limits and restrictions, JetStream
//! account limits and the operator's signing key. Checked against a real nats-server in
//! operator mode (MEMORY resolver, and a full one fed by `nats push`) with the official Python
//! client, and every JWT by the official nats-io/jwt.js library.

mod common;

use std::time::Duration;

use common::nats::{
    NatsServer, assert_nats_io_jwt_accepts, check_config, connect_creds, nats_io_jwt, round_trip,
};
use common::*;
use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(2);

struct Operator {
    env: Env,
    port: u16,
}

impl Operator {
    /// A store with an operator and a server config on a free port; `extra` goes into the
    /// server config (e.g. JetStream).
    fn new(extra: &str) -> Operator {
        Operator::with(extra, &[])
    }

    /// `new`, with `init_args` for `nats init`.
    fn with(extra: &str, init_args: &[&str]) -> Operator {
        let env = Env::new();
        env.init(&[]);
        let mut args = words("nats init --operator acme");
        args.extend_from_slice(init_args);
        env.ok_unlocked(&args);
        let port = free_port();
        std::fs::write(
            env.path("server.conf"),
            format!("listen: \"127.0.0.1:{port}\"\n{extra}\ninclude \"resolver.conf\"\n"),
        )
        .unwrap();
        Operator { env, port }
    }

    fn ok(&self, args: &[&str]) -> String {
        self.env.ok_unlocked(args)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        self.env.run_unlocked(args)
    }

    fn resolver(&self) {
        self.env.ok(&words("nats resolver --out resolver.conf")[..]);
        check_config(&self.env.path("server.conf"), &[]);
    }

    fn start(&self) -> NatsServer {
        NatsServer::start(&self.env.path("server.conf"), self.port, &[])
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// User NAME of ACCOUNT with `extra` flags; its credentials in NAME.creds.
    fn user(&self, name: &str, account: &str, extra: &[&str]) {
        let creds = format!("{name}.creds");
        let mut args = vec![
            "nats",
            "user",
            "add",
            name,
            "--account",
            account,
            "--out",
            &creds,
        ];
        args.extend_from_slice(extra);
        self.ok(&args);
    }

    fn connect(&self, creds: &str) -> Result<common::nats::Client, String> {
        connect_creds(&self.url(), &self.env.path(creds))
    }

    fn describe(&self, name: &str) -> Value {
        serde_json::from_str(&self.env.ok(&["--json", "nats", "describe", name])).unwrap()
    }

    fn text(&self, rel: &str) -> String {
        std::fs::read_to_string(self.env.path(rel)).unwrap()
    }

    /// The operator and account JWTs as `nats export` writes them, for the JS checker.
    fn exported_jwts(&self) -> Vec<Value> {
        let dir = self.env.path("exported");
        let _ = std::fs::remove_dir_all(&dir);
        self.env.ok(&words("nats export --out exported")[..]);
        let mut items = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let jwt = std::fs::read_to_string(&path).unwrap().trim().to_owned();
            items.push(json!({"name": name, "jwt": jwt}));
        }
        items
    }

    fn creds(&self, names: &[&str]) -> Vec<Value> {
        names
            .iter()
            .map(
                |n| json!({"name": format!("user:{n}"), "creds": self.text(&format!("{n}.creds"))}),
            )
            .collect()
    }
}

/// A command line's words (none of them has a space).
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// A request answered by the account's service, within `WAIT`.
fn ask(client: &common::nats::Client, subject: &str) -> Result<String, String> {
    client.request(subject, "ping", WAIT)
}

#[test]
fn a_service_and_a_private_stream_cross_accounts_as_exported() {
    let op = Operator::new("");
    op.ok(&words("nats account add A --signing-key"));
    op.ok(&words("nats account add B"));
    op.ok(&words("nats account add C"));
    op.ok(&words("nats account export add --account A --subject svc.echo --service --response-type singleton"));
    op.ok(&words(
        "nats account export add --account A --subject feed.> --stream --private",
    ));
    op.ok(&words(
        "nats account import add --account B --from-account A --subject svc.echo --service",
    ));
    // A private export of an account of this store needs its token, an export that does not
    // exist is named, and every other bad request too: each refused with the store as it was.
    let a_public = op.describe("A")["sub"].as_str().unwrap().to_owned();
    let listed: Value = serde_json::from_str(
        &op.env
            .ok(&words("--json nats account export list --account A")),
    )
    .unwrap();
    assert_eq!(
        listed,
        json!([
            {"name": "svc.echo", "subject": "svc.echo", "type": "service", "response_type": "Singleton"},
            {"name": "feed.>", "subject": "feed.>", "type": "stream", "token_req": true}
        ])
    );
    assert_refused_unchanged(
        &op.env,
        &[
            (
                &words(
                    "nats account import add --account B --from-account A --subject feed.> --stream",
                )[..],
                2,
                "is private: it needs --token FILE",
            ),
            (
                &words(
                    "nats account import add --account B --from-account A --subject other.> --stream",
                )[..],
                2,
                "account A exports no stream other.>",
            ),
            (
                &words("nats account export add --account A --subject feed.x --stream")[..],
                1,
                "already exports stream feed.>",
            ),
            (
                &words(
                    "nats account export activate --account A --subject svc.echo --for B --out x.token",
                )[..],
                2,
                "is public: importers need no activation token",
            ),
            (
                &words(
                    "nats account export activate --account A --subject feed.> --for A --out x.token",
                )[..],
                2,
                "does not import its own export",
            ),
            (
                &words("nats account export rm --account A --subject nothing.here")[..],
                2,
                "account A exports no nothing.here",
            ),
            (
                &words("nats account import rm --account B --subject nothing.here")[..],
                2,
                "account B imports no nothing.here",
            ),
            (
                &words("nats account import add --account B --from-account B --subject x --stream")
                    [..],
                2,
                "does not import from itself",
            ),
            (
                &words(
                    "nats account import add --account B --from-account NOPE --subject x --stream",
                )[..],
                2,
                "no NATS account named NOPE",
            ),
            (
                &words(
                    "nats account import add --account B --from-account A --subject svc.echo --service",
                )[..],
                1,
                "already imports svc.echo",
            ),
            (
                &words("nats account signing-key rm --account A --role nobody")[..],
                2,
                "account A has no role nobody",
            ),
            (
                &words("nats account signing-key add --account A")[..],
                1,
                "already has a signing key",
            ),
            (
                &words("nats account signing-key add --account A --max-subs 3")[..],
                2,
                "add --role NAME",
            ),
            (
                &words("nats account export add --account A --subject bad..subject --stream")[..],
                2,
                "not a valid subject",
            ),
            (
                &words("nats account add D --js-streams -2")[..],
                2,
                "--js-streams must be -1",
            ),
            (
                &words("nats account add D --js-disk-storage 5Q")[..],
                2,
                "unknown unit",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
    // Named by its public key (an account of another operator) it is taken unchecked: the
    // server decides, and without a token it refuses the import.
    let out = op.ok(&[
        "nats",
        "account",
        "import",
        "add",
        "--account",
        "B",
        "--from-account",
        &a_public,
        "--subject",
        "feed.>",
        "--stream",
    ]);
    assert!(out.contains("was not checked"), "{out}");
    op.user("svc", "A", &[]);
    op.user("pub", "A", &[]);
    op.user("b", "B", &[]);
    op.user("c", "C", &[]);

    // A full resolver updated by `nats push`, as on a running cluster.
    let jwt_dir = op.env.path("jwt");
    op.env.ok(&[
        "nats",
        "resolver",
        "--out",
        "resolver.conf",
        "--full",
        jwt_dir.to_str().unwrap(),
    ]);
    check_config(&op.env.path("server.conf"), &[]);
    let _server = op.start();
    let push = || {
        op.env.ok(&[
            "nats",
            "push",
            "--server",
            &op.url(),
            "--creds",
            "sys.creds",
        ]);
    };
    push();

    let svc = op.connect("svc.creds").expect("A's service user connects");
    svc.serve("svc.echo").unwrap();
    svc.flush().unwrap();
    let b = op.connect("b.creds").expect("B's user connects");
    assert_eq!(
        ask(&b, "svc.echo").expect("B reaches A's service"),
        "echo:ping"
    );
    let c = op.connect("c.creds").expect("C's user connects");
    assert!(
        ask(&c, "svc.echo").is_err(),
        "C imported nothing and got an answer"
    );

    let publisher = op.connect("pub.creds").unwrap();
    let feed_gets_through = |client: &common::nats::Client| {
        let sub = client.subscribe("feed.x").unwrap();
        client.flush().unwrap();
        publisher.publish("feed.x", "news").unwrap();
        publisher.flush().unwrap();
        client.next_msg(&sub, WAIT).unwrap().is_some()
    };
    assert!(
        !feed_gets_through(&b),
        "a private stream flowed without its token"
    );

    // A token for C does not fit B; B's own token does.
    op.ok(&words(
        "nats account export activate --account A --subject feed.> --for C --out c.token",
    ));
    op.ok(&words(
        "nats account import rm --account B --subject feed.>",
    ));
    let wrong = op.run(&words("nats account import add --account B --from-account A --subject feed.> --stream --token c.token"));
    assert_eq!(code(&wrong), 2, "{}", stderr(&wrong));
    assert!(
        stderr(&wrong).contains("made for account"),
        "{}",
        stderr(&wrong)
    );
    op.ok(&words(
        "nats account export activate --account A --subject feed.> --for B --out b.token",
    ));
    op.ok(&words("nats account import add --account B --from-account A --subject feed.> --stream --token b.token"));
    push();
    let b = op.connect("b.creds").unwrap();
    assert!(
        feed_gets_through(&b),
        "the stream did not flow with its activation token"
    );

    // Revoking B's activation stops the stream once pushed; a token issued after it works.
    let out = op.ok(&words(
        "nats account export revoke-activation --account A --subject feed.> --for B",
    ));
    assert!(out.contains("issued until"), "{out}");
    push();
    let b = op.connect("b.creds").unwrap();
    assert!(
        !feed_gets_through(&b),
        "the stream flowed with a revoked activation token"
    );
    op.ok(&words(
        "nats account export activate --account A --subject feed.> --for B --out b2.token",
    ));
    op.ok(&words(
        "nats account import rm --account B --subject feed.>",
    ));
    op.ok(&words("nats account import add --account B --from-account A --subject feed.> --stream --token b2.token"));
    push();
    let b = op.connect("b.creds").unwrap();
    assert!(
        feed_gets_through(&b),
        "a token issued after the revocation did not work"
    );
    let listed = op.ok(&words("nats account export list --account A"));
    assert!(listed.contains("(1 activation revocations)"), "{listed}");

    // Dropping the export stops the service for B once pushed.
    let out = op.ok(&words(
        "nats account export rm --account A --subject svc.echo",
    ));
    assert!(
        out.contains("still import it") && out.contains('B'),
        "{out}"
    );
    push();
    let b = op.connect("b.creds").unwrap();
    assert!(
        ask(&b, "svc.echo").is_err(),
        "the service answered after its export was removed"
    );

    let listed = op
        .env
        .ok(&words("nats account import list --account B")[..]);
    assert!(
        listed.contains("stream feed.> from") && listed.contains("(token)"),
        "{listed}"
    );

    // Every JWT: operator, accounts (with exports, imports and a token inside), the activation
    // tokens and the users, by the official library.
    let mut items = op.exported_jwts();
    items.push(json!({"name": "token:b", "jwt": op.text("b.token").trim()}));
    items.push(json!({"name": "token:c", "jwt": op.text("c.token").trim()}));
    items.push(json!({"name": "token:b2", "jwt": op.text("b2.token").trim()}));
    items.extend(op.creds(&["svc", "b"]));
    assert_nats_io_jwt_accepts(&Value::Array(items.clone()));
    let b_jwt = op.describe("B");
    assert_eq!(
        b_jwt["nats"]["imports"][1]["token"].as_str().unwrap(),
        op.text("b2.token").trim()
    );
    let a_jwt = op.describe("A");
    assert_eq!(a_jwt["nats"]["exports"][0]["token_req"], true);
    let b_public = op.describe("B")["sub"].clone();
    let revoked = &a_jwt["nats"]["exports"][0]["revocations"];
    assert!(
        revoked[b_public.as_str().unwrap()].is_i64(),
        "B's revocation, in Unix seconds: {a_jwt}"
    );

    // The checker can fail: a token whose signature is broken by one character is refused.
    let token = op.text("b.token");
    let (head, sig) = token.trim().rsplit_once('.').unwrap();
    let flipped = if sig.starts_with('A') { 'B' } else { 'A' };
    let broken = format!("{head}.{flipped}{}", &sig[1..]);
    let (code, said) = nats_io_jwt(&json!([{"name": "broken", "jwt": broken}]));
    assert_eq!(code, 1, "{said}");
    let log = op.env.ok(&words("audit log"));
    for event in [
        "nats.export.add",
        "nats.export.activate",
        "nats.export.revoke-activation",
        "nats.import.add",
        "nats.export.rm",
    ] {
        assert!(log.contains(event), "{event} not audited:\n{log}");
    }
}

#[test]
fn a_role_fixes_what_its_users_may_do_and_user_restrictions_hold() {
    let op = Operator::new("");
    op.ok(&words("nats account add APP"));
    op.ok(&[
        "nats",
        "account",
        "signing-key",
        "add",
        "--account",
        "APP",
        "--role",
        "reader",
        "--allow-pub",
        "app.status",
        "--allow-sub",
        "app.>",
        "--allow-sub",
        "_INBOX.>",
        "--description",
        "reads the app",
    ]);
    op.user("r1", "APP", &words("--role reader --tag Team:Ops")[..]);
    let jwt = op.describe("APP/r1");
    let scope_key = op.describe("APP")["nats"]["signing_keys"][0]["key"].clone();
    assert_eq!(jwt["iss"], scope_key);
    assert!(jwt["nats"]["pub"].as_object().unwrap().is_empty(), "{jwt}");
    assert!(
        jwt["nats"].get("subs").is_none(),
        "a scoped user carries limits: {jwt}"
    );
    assert_eq!(jwt["nats"]["tags"], json!(["team:ops"]));
    assert_refused_unchanged(
        &op.env,
        &[
            (
                &words("nats user add r2 --account APP --role reader --allow-pub x --out r2.creds")
                    [..],
                2,
                "role reader fixes the users' permissions",
            ),
            (
                &words("nats user add r2 --account APP --role writer --out r2.creds")[..],
                2,
                "account APP has no role writer",
            ),
            (
                &words("nats user add r2 --account APP --src 10.0.0.0/33 --out r2.creds")[..],
                2,
                "is not a network in CIDR form",
            ),
            (
                &words("nats user add r2 --account APP --time 8-18 --out r2.creds")[..],
                2,
                "HH:MM:SS-HH:MM:SS",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
    op.user("far", "APP", &["--src", "10.0.0.0/8"]);
    op.user(
        "near",
        "APP",
        &words("--src 127.0.0.0/8 --src fd00::/8")[..],
    );
    op.user("one", "APP", &["--max-subs", "1"]);
    op.user(
        "day",
        "APP",
        &words("--time 00:00:00-23:59:59 --locale UTC")[..],
    );
    let (later, after) = window_hours_from_now(6);
    op.user(
        "night",
        "APP",
        &["--time", &format!("{later}-{after}"), "--locale", "UTC"],
    );
    op.user(
        "svc",
        "APP",
        &words("--allow-sub svc.> --allow-pub-response 1 --response-ttl 5s")[..],
    );
    op.user(
        "mute",
        "APP",
        &words("--allow-sub svc.> --allow-pub none")[..],
    );
    op.user("asker", "APP", &[]);
    op.resolver();
    let server = op.start();

    let r1 = op.connect("r1.creds").expect("the role's user connects");
    round_trip(&r1, "app.status").expect("the role allows app.status");
    r1.publish("app.other", "x").unwrap();
    r1.flush().unwrap();
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        r1.async_errors()
            .iter()
            .any(|e| e.to_lowercase().contains("permissions violation")),
        "a publish outside the role went unremarked: {:?}",
        r1.async_errors()
    );
    assert!(
        op.connect("far.creds").is_err(),
        "--src 10.0.0.0/8 was admitted from 127.0.0.1"
    );
    op.connect("near.creds")
        .expect("--src 127.0.0.0/8 is admitted");
    op.connect("day.creds").expect("a whole-day window admits");
    assert!(
        op.connect("night.creds").is_err(),
        "a window hours away admitted"
    );

    let one = op.connect("one.creds").unwrap();
    one.subscribe("a").unwrap();
    one.flush().unwrap();
    assert!(one.async_errors().is_empty(), "{:?}", one.async_errors());
    let before = server
        .log_text()
        .to_lowercase()
        .matches("maximum subscriptions")
        .count();
    assert_eq!(before, 0);
    // The server answers -ERR (and logs it); the Python client then closes the connection.
    let _ = one.subscribe("b");
    let _ = one.flush();
    wait_for(|| {
        server
            .log_text()
            .to_lowercase()
            .contains("maximum subscriptions exceeded")
    })
    .unwrap_or_else(|| panic!("a second subscription passed:\n{}", server.log_text()));

    // Replies without a publish permission: only with --allow-pub-response.
    let asker = op.connect("asker.creds").unwrap();
    let svc = op.connect("svc.creds").unwrap();
    svc.serve("svc.a").unwrap();
    svc.flush().unwrap();
    assert_eq!(
        ask(&asker, "svc.a").expect("the response is allowed"),
        "echo:ping"
    );
    let mute = op.connect("mute.creds").unwrap();
    mute.serve("svc.b").unwrap();
    mute.flush().unwrap();
    assert!(
        ask(&asker, "svc.b").is_err(),
        "a reply went out without permission"
    );
    drop((r1, one, svc, mute, asker));

    // Every user JWT and the account's, by the official library.
    let mut items = op.exported_jwts();
    items.extend(op.creds(&words("r1 near one day svc")[..]));
    assert_nats_io_jwt_accepts(&Value::Array(items));
    let near = op.describe("APP/near");
    assert_eq!(near["nats"]["src"], json!(["127.0.0.0/8", "fd00::/8"]));
    let resp = op.describe("APP/svc")["nats"]["resp"].clone();
    assert_eq!(
        resp,
        json!({"max": 1, "ttl": 5_000_000_000i64}),
        "nanoseconds, as Go's Duration"
    );
    assert_eq!(op.describe("APP/day")["nats"]["times_location"], "UTC");

    // Rotating the role re-signs its users: the old .creds stop working, the new ones work.
    std::fs::rename(op.env.path("r1.creds"), op.env.path("r1.old.creds")).unwrap();
    let out = op.ok(&words(
        "nats account signing-key rotate --account APP --role reader --out .",
    ));
    assert!(out.contains("1 users re-signed"), "{out}");
    op.resolver();
    server.reload();
    assert!(
        op.connect("r1.old.creds").is_err(),
        "the old role key still signs"
    );
    let r1 = op.connect("r1.creds").expect("re-signed r1 connects");
    round_trip(&r1, "app.status").expect("with the role's permissions");
    drop(r1);
    let role_key = op.describe("APP")["nats"]["signing_keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["role"] == "reader")
        .unwrap()["key"]
        .clone();

    // The account's own signing key rotates its users, not the role's; `rotate nats-users`
    // renews a user of the role with the role's key and still no permissions of its own.
    op.user("r3", "APP", &words("--role reader --expires 1d")[..]);
    op.ok(&words("nats account signing-key add --account APP"));
    let out = op.ok(&words(
        "--json nats account rotate-signing-key APP --out plain",
    ));
    let rotated: Value = serde_json::from_str(&out).unwrap();
    let users = rotated["users"].as_array().unwrap();
    assert!(!users.iter().any(|u| u == "r1" || u == "r3"), "{rotated}");
    assert!(users.iter().any(|u| u == "near"), "{rotated}");
    assert_eq!(op.describe("APP/r1")["iss"], role_key);
    op.ok(&words(
        "rotate nats-users --expiring-within 2d --out renewed",
    ));
    let r3 = op.describe("APP/r3");
    assert_eq!(r3["iss"], role_key);
    assert!(r3["nats"]["pub"].as_object().unwrap().is_empty(), "{r3}");
    op.resolver();
    server.reload();
    let r3 = connect_creds(&op.url(), &op.env.path("renewed/APP/r3.creds")).expect("renewed r3");
    round_trip(&r3, "app.status").expect("with the role's permissions");
    drop(r3);

    // Editing the role's template reaches its users with the .creds they have.
    assert_refused_unchanged(
        &op.env,
        &[(
            &words("nats account signing-key edit --account APP --role nope --allow-pub x")[..],
            2,
            "account APP has no role nope",
        )],
        &["--passphrase-file", "pass"],
    );
    op.ok(&words(
        "nats account signing-key edit --account APP --role reader --allow-pub app.control --allow-sub app.> --allow-sub _INBOX.>",
    ));
    op.resolver();
    server.reload();
    let r1 = op.connect("r1.creds").expect("r1 after the edit");
    round_trip(&r1, "app.control").expect("the edited role allows app.control");
    r1.publish("app.status", "x").unwrap();
    r1.flush().unwrap();
    wait_for(|| {
        r1.async_errors()
            .iter()
            .any(|e| e.to_lowercase().contains("permissions violation"))
    })
    .unwrap_or_else(|| panic!("app.status is still allowed: {:?}", r1.async_errors()));
    let reader = op.describe("APP")["nats"]["signing_keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["role"] == "reader")
        .unwrap()
        .clone();
    assert_eq!(reader["description"], "reads the app", "{reader}");
    drop(r1);

    // Removing the role revokes its users.
    let out = op.ok(&words(
        "nats account signing-key rm --account APP --role reader",
    ));
    assert!(out.contains("2 users revoked"), "{out}");
    op.resolver();
    server.reload();
    assert!(
        op.connect("r1.creds").is_err(),
        "a user of a removed role connected"
    );
    connect_creds(&op.url(), &op.env.path("plain/near.creds")).expect("other users are untouched");
    let log = op.env.ok(&words("audit log"));
    for event in [
        "nats.signing-key.add",
        "nats.signing-key.edit",
        "nats.signing-key.rotate",
        "nats.signing-key.rm",
    ] {
        assert!(log.contains(event), "{event} not audited:\n{log}");
    }
}

/// Polls `done` for up to `WAIT`.
fn wait_for(done: impl Fn() -> bool) -> Option<()> {
    let deadline = std::time::Instant::now() + WAIT;
    while !done() {
        if std::time::Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Some(())
}

/// A one-minute window `hours` from now, HH:MM:SS each (UTC).
fn window_hours_from_now(hours: u64) -> (String, String) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let at = |t: u64| {
        let s = t % 86_400;
        format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    };
    let start = now + hours * 3600;
    (at(start), at(start + 60))
}

#[test]
fn jetstream_limits_hold_and_an_operator_signing_key_signs_the_accounts() {
    let store_dir = tempfile::tempdir().unwrap();
    let op = Operator::new(&format!(
        "jetstream {{ store_dir: {:?} }}",
        store_dir.path().to_str().unwrap()
    ));
    op.ok(&words(
        "nats account add JS --js-streams 1 --js-disk-storage 16M --js-mem-storage -1",
    ));
    let limits = op.describe("JS")["nats"]["limits"].clone();
    assert_eq!(
        (
            limits["streams"].clone(),
            limits["disk_storage"].clone(),
            limits["consumer"].clone()
        ),
        (json!(1), json!(16 << 20), json!(-1))
    );
    // Accounts signed by the operator's signing key from now on: every one re-signed.
    let out = op.ok(&words("nats operator signing-key --jwt-out operator.jwt"));
    assert!(out.contains("accounts re-signed"), "{out}");
    let operator = op.describe("acme");
    let signing_key = operator["nats"]["signing_keys"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(op.describe("JS")["iss"], signing_key);
    assert_eq!(op.describe("SYS")["iss"], signing_key);
    assert_eq!(op.text("operator.jwt").trim(), op.describe_raw_operator());
    op.ok(&words("nats account add LATER"));
    assert_eq!(op.describe("LATER")["iss"], signing_key);
    op.user("js", "JS", &[]);
    op.resolver();
    let _server = op.start();

    let js = op
        .connect("js.creds")
        .expect("a user of an account signed by the signing key");
    js.js_add_stream("first", &["first.>"], 1)
        .expect("the first stream");
    let second = js.js_add_stream("second", &["second.>"], 1).unwrap_err();
    assert!(
        second.to_lowercase().contains("maximum number of streams"),
        "a second stream: {second}"
    );
    connect_creds(&op.url(), &op.env.path("sys.creds")).expect("the system user connects");

    // The exported operator.jwt lists the key that signed every account.
    let items = op.exported_jwts();
    assert!(items.iter().any(|i| i["name"] == "operator"));
    let mut all = items;
    all.extend(op.creds(&["js"]));
    assert_nats_io_jwt_accepts(&Value::Array(all));

    // A second rotation replaces the key: nothing is signed by the first any more.
    op.ok(&words("nats operator signing-key"));
    let keys = op.describe("acme")["nats"]["signing_keys"].clone();
    assert_eq!(keys.as_array().unwrap().len(), 1);
    assert_ne!(keys[0], signing_key);
    assert_eq!(op.describe("LATER")["iss"], keys[0]);
}

impl Operator {
    /// The operator JWT as the store holds it (`nats export` writes it as operator.jwt).
    fn describe_raw_operator(&self) -> String {
        self.exported_jwts()
            .into_iter()
            .find(|i| i["name"] == "operator")
            .unwrap()["jwt"]
            .as_str()
            .unwrap()
            .to_owned()
    }
}

#[test]
fn a_revoked_account_admits_no_one_and_issues_nothing() {
    let op = Operator::with(
        "",
        &words(
            "--service-url nats://hub.example.com:4222 --account-server-url https://hub.example.com/jwt/v1",
        ),
    );
    let operator = op.describe("acme");
    assert_eq!(
        operator["nats"]["operator_service_urls"],
        json!(["nats://hub.example.com:4222"])
    );
    assert_eq!(
        operator["nats"]["account_server_url"],
        "https://hub.example.com/jwt/v1"
    );
    op.ok(&words("nats account add APP"));
    op.ok(&words("nats account add OTHER"));
    op.user("a", "APP", &[]);
    op.user("o", "OTHER", &[]);
    op.resolver();
    let server = op.start();
    let held = op.connect("a.creds").expect("APP's user connects before");

    let out = op.ok(&words("--json nats account revoke APP"));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["users"], 1);
    let app = op.describe("APP");
    assert_eq!(app["nats"]["limits"]["conn"], 0);
    assert!(app["nats"]["revocations"]["*"].is_i64(), "{app}");
    op.resolver();
    server.reload();
    assert!(
        op.connect("a.creds").is_err(),
        "a user of a revoked account connected"
    );
    wait_for(|| held.flush().is_err()).expect("the server kept a revoked account's connection");
    op.connect("o.creds")
        .expect("another account's user still connects");
    assert_refused_unchanged(
        &op.env,
        &[
            (
                &words("nats user add b --account APP --out b.creds")[..],
                1,
                "NATS account APP was revoked at",
            ),
            (
                &words("nats account export add --account APP --subject x --stream")[..],
                1,
                "was revoked at",
            ),
            (&words("nats account revoke APP")[..], 1, "was revoked at"),
            (
                &words("nats account revoke SYS")[..],
                2,
                "the system account cannot be revoked",
            ),
            (
                &words("nats init --operator x")[..],
                1,
                "already has a NATS operator",
            ),
        ],
        &["--passphrase-file", "pass"],
    );
    let mut items = op.exported_jwts();
    items.extend(op.creds(&["o"]));
    assert_nats_io_jwt_accepts(&Value::Array(items));
    let fresh = Env::new();
    fresh.init(&[]);
    let bad = fresh.run_unlocked(&words("nats init --operator x --service-url hub:4222"));
    assert_eq!(code(&bad), 2, "{}", stderr(&bad));
    assert!(stderr(&bad).contains("is not a URL"), "{}", stderr(&bad));
    assert!(op.env.ok(&["audit", "log"]).contains("nats.account.revoke"));
}

#[test]
fn an_nsc_operator_is_adopted_and_its_users_and_credctls_connect_side_by_side() {
    let env = Env::new();
    env.init(&[]);
    let nsc = common::nats::make_nsc(env.dir.path());
    let keystore_before = tree(&env.path("nsc/keys"));

    let before = tree(&env.store());
    let dry = env.ok(&words(
        "import nsc nsc/stores/acme --keys nsc/keys --dry-run",
    ));
    assert!(dry.contains("would import account APP"), "{dry}");
    assert_eq!(tree(&env.store()), before, "a dry run changed the store");
    let out = env.ok_unlocked(&words("import nsc nsc/stores/acme --keys nsc/keys"));
    assert!(out.contains("shred it"), "{out}");
    assert_eq!(
        tree(&env.path("nsc/keys")),
        keystore_before,
        "the keystore was touched"
    );
    let again = env.run_unlocked(&words("import nsc nsc/stores/acme --keys nsc/keys"));
    assert_eq!(code(&again), 1, "{}", stderr(&again));

    let describe = |name: &str| -> Value {
        serde_json::from_str(&env.ok(&["--json", "nats", "describe", name])).unwrap()
    };
    assert_eq!(describe("acme")["sub"], nsc["operator"]);
    assert_eq!(describe("APP")["nats"]["limits"]["conn"], 100);
    assert_eq!(describe("APP/nscuser")["sub"], nsc["users"]["nscuser"]);
    // credctl signs new users with the imported keys: the plain signing key and the role's.
    env.ok_unlocked(&words("nats user add newu --account APP --out newu.creds"));
    env.ok_unlocked(&words(
        "nats user add r2 --account APP --role reader --out r2.creds",
    ));
    let app = describe("APP");
    let keys: Vec<String> = app["nats"]["signing_keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            k.as_str()
                .map_or_else(|| k["key"].as_str().unwrap().to_owned(), str::to_owned)
        })
        .collect();
    assert!(keys.contains(&describe("APP/newu")["iss"].as_str().unwrap().to_owned()));
    assert!(keys.contains(&describe("APP/r2")["iss"].as_str().unwrap().to_owned()));

    let port = free_port();
    std::fs::write(
        env.path("server.conf"),
        format!("listen: \"127.0.0.1:{port}\"\ninclude \"resolver.conf\"\n"),
    )
    .unwrap();
    env.ok(&words("nats resolver --out resolver.conf"));
    check_config(&env.path("server.conf"), &[]);
    let server = NatsServer::start(&env.path("server.conf"), port, &[]);
    let url = format!("nats://127.0.0.1:{port}");
    let nsc_creds = env.path("nsc/keys/creds/acme/APP/nscuser.creds");
    let nscuser = connect_creds(&url, &nsc_creds).expect("the user nsc made");
    round_trip(&nscuser, "app.x").expect("with nsc's permissions");
    let reader1 = connect_creds(&url, &env.path("nsc/keys/creds/acme/APP/reader1.creds"))
        .expect("nsc's scoped user");
    round_trip(&reader1, "app.status").expect("with the role's permissions");
    let newu = connect_creds(&url, &env.path("newu.creds")).expect("credctl's user beside them");
    round_trip(&newu, "anything").expect("credctl's user round-trips");
    let r2 = connect_creds(&url, &env.path("r2.creds")).expect("credctl's user of nsc's role");
    round_trip(&r2, "app.status").expect("the role's permissions");
    drop((nscuser, reader1, newu, r2));

    // credctl re-signs the imported account (with the operator's signing key): nsc's user is
    // revoked, the others stay.
    env.ok_unlocked(&words("nats user revoke nscuser --account APP"));
    env.ok(&words("nats resolver --out resolver.conf"));
    server.reload();
    assert!(
        connect_creds(&url, &nsc_creds).is_err(),
        "revoked nsc user connected"
    );
    connect_creds(&url, &env.path("r2.creds")).expect("r2 still connects");
    connect_creds(&url, &env.path("nsc/keys/creds/acme/SYS/sys.creds")).expect("nsc's system user");

    let dir = env.path("exported");
    env.ok(&["nats", "export", "--out", dir.to_str().unwrap()]);
    let mut items: Vec<Value> = ["operator", "APP", "SYS"]
        .iter()
        .map(|n| {
            let jwt = std::fs::read_to_string(dir.join(format!("{n}.jwt"))).unwrap();
            json!({"name": n, "jwt": jwt.trim()})
        })
        .collect();
    for name in ["newu", "r2"] {
        let creds = std::fs::read_to_string(env.path(&format!("{name}.creds"))).unwrap();
        items.push(json!({"name": format!("user:{name}"), "creds": creds}));
    }
    assert_nats_io_jwt_accepts(&Value::Array(items));
    assert!(env.ok(&words("audit log")).contains("nats.operator.import"));
}
