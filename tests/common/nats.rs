//! A real nats-server started for a test, and real NATS clients talking to it: the official
//! Python client (nats-py), one `tests/nats_client.py` process per connection, driven
//! synchronously over line-delimited JSON.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::ChildGuard;

/// A nats-server process; killed when dropped, even when the test fails.
pub struct NatsServer {
    guard: ChildGuard,
    pub log: PathBuf,
}

impl NatsServer {
    /// Starts `nats-server -c config` and waits until `port` accepts connections.
    pub fn start(config: &Path, port: u16, envs: &[(&str, &str)]) -> NatsServer {
        let log = config.with_extension(format!("{port}.log"));
        let stderr =
            std::fs::File::create(config.with_extension(format!("{port}.stderr"))).unwrap();
        let child = Command::new("nats-server")
            .args(["-c", config.to_str().unwrap(), "-l", log.to_str().unwrap()])
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(stderr)
            .spawn()
            .expect("nats-server is installed (apt-get install nats-server)");
        let mut server = NatsServer {
            guard: ChildGuard(child),
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.guard.0.try_wait() {
                panic!("nats-server exited with {status}:\n{}", server.log_text());
            }
            assert!(
                Instant::now() < deadline,
                "nats-server did not listen on {port}:\n{}",
                server.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        server
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
            + &std::fs::read_to_string(self.log.with_extension("stderr")).unwrap_or_default()
    }

    /// Asks the server to reload its configuration (SIGHUP) and waits until it has.
    pub fn reload(&self) {
        let before = self
            .log_text()
            .matches("Reloaded server configuration")
            .count();
        let status = Command::new("kill")
            .args(["-HUP", &self.guard.0.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while self
            .log_text()
            .matches("Reloaded server configuration")
            .count()
            == before
        {
            assert!(Instant::now() < deadline, "no reload:\n{}", self.log_text());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `nats-server -t`: the configuration parses and every file it names exists and matches.
pub fn check_config(config: &Path, envs: &[(&str, &str)]) {
    let out = Command::new("nats-server")
        .args(["-t", "-c", config.to_str().unwrap()])
        .envs(envs.iter().copied())
        .output()
        .expect("nats-server is installed");
    assert!(
        out.status.success(),
        "nats-server -t rejected {}:\n{}{}",
        config.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[derive(Default, Clone)]
pub struct Creds {
    pub cert: Option<(PathBuf, PathBuf)>,
    pub user: Option<(String, String)>,
    pub ca: Option<PathBuf>,
    pub tls: bool,
}

/// `name`'s bundle: certificate and key from `dir`, trusting `ca`; with `password_dir`, the
/// user `name` and its password from `NAME.password` there (password mode).
pub fn bundle(dir: &Path, name: &str, password_dir: Option<&Path>, ca: &Path) -> Creds {
    Creds {
        cert: Some((
            dir.join(format!("{name}.crt")),
            dir.join(format!("{name}.key")),
        )),
        user: password_dir.map(|pw_dir| {
            let pw = std::fs::read_to_string(pw_dir.join(format!("{name}.password"))).unwrap();
            (name.to_owned(), pw.trim().to_owned())
        }),
        ca: Some(ca.to_path_buf()),
        tls: true,
    }
}

/// The bound on a client operation that gives no other: connecting, a flush, a round trip.
pub const TIMEOUT: Duration = Duration::from_secs(3);

/// One NATS connection: a `tests/nats_client.py` process, killed when dropped (even when the
/// test fails). A NATS failure (refused, timed out, denied) is an `Err` with the client's
/// words; a helper that cannot run, crashes, dies or stops answering is a panic, so that a
/// broken client never passes for a refused connection.
pub struct Client {
    inner: Mutex<Helper>,
}

struct Helper {
    child: Child,
    stdin: ChildStdin,
    replies: mpsc::Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

/// A subscription of one `Client`.
pub struct Subscription(u64);

#[derive(Debug)]
pub struct Message {
    pub subject: String,
    pub payload: String,
}

/// What the stream-info answer says of a stream's replication.
#[derive(Debug)]
pub struct StreamInfo {
    pub num_replicas: u64,
    /// The peers besides the leader.
    pub replicas: u64,
    /// The whole answer, for messages.
    pub info: String,
}

/// Helpers started ahead of need. Starting Python with nats-py costs 0.3-0.6 s here, most of
/// what a connection costs, so the next helper starts while the current one is in use. A spare
/// still idle at the end exits with the test process: its stdin closes.
static SPARES: Mutex<Vec<Helper>> = Mutex::new(Vec::new());
const SPARE_COUNT: usize = 2;

impl Helper {
    /// A spare helper if one is ready (another is started in the background), else a new one.
    fn take() -> Helper {
        let spare = SPARES.lock().unwrap().pop();
        std::thread::spawn(|| {
            if SPARES.lock().unwrap().len() < SPARE_COUNT {
                let helper = Helper::spawn();
                SPARES.lock().unwrap().push(helper);
            }
        });
        spare.unwrap_or_else(Helper::spawn)
    }

    fn spawn() -> Helper {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nats_client.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("python3 runs tests/nats_client.py (pip install nats-py nkeys)");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut stderr_pipe = child.stderr.take().unwrap();
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Helper {
            child,
            stdin,
            replies,
            stderr,
        }
    }

    /// Sends one request and waits (bounded) for its one answer.
    fn call(&mut self, mut request: Value, timeout: Duration) -> Result<Value, String> {
        request["timeout"] = json!(timeout.as_secs_f64());
        let line = format!("{request}\n");
        if let Err(e) = self
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| self.stdin.flush())
        {
            self.die(&format!("does not take {request}: {e}"));
        }
        // The helper bounds every operation by `timeout` (a connect by twice that) plus 2 s.
        let reply = match self
            .replies
            .recv_timeout(timeout * 2 + Duration::from_secs(10))
        {
            Ok(reply) => reply,
            Err(mpsc::RecvTimeoutError::Timeout) => self.die(&format!("did not answer {request}")),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                self.die(&format!("exited before answering {request}"))
            }
        };
        let mut reply: Value = serde_json::from_str(&reply)
            .unwrap_or_else(|e| self.die(&format!("answered {request} with {reply:?}: {e}")));
        if let Some(error) = reply.get("error") {
            return Err(error
                .as_str()
                .map_or_else(|| error.to_string(), str::to_owned));
        }
        if let Some(crash) = reply.get("crash").and_then(Value::as_str) {
            self.die(&format!("crashed on {request}:\n{crash}"));
        }
        if reply["ok"] != json!(true) {
            self.die(&format!("answered {request} with {reply}"));
        }
        Ok(reply.take())
    }

    fn die(&mut self, what: &str) -> ! {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::thread::sleep(Duration::from_millis(100));
        panic!(
            "tests/nats_client.py {what}\n{}",
            self.stderr.lock().unwrap()
        );
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Client {
    /// Connects as `request` says and confirms with a round trip to the server that the
    /// connection is authorised (a server may accept the TLS session and then refuse the user).
    fn open(mut request: Value) -> Result<Client, String> {
        request["op"] = json!("connect");
        let mut helper = Helper::take();
        helper.call(request, TIMEOUT)?;
        Ok(Client {
            inner: Mutex::new(helper),
        })
    }

    fn call(&self, request: Value, timeout: Duration) -> Result<Value, String> {
        self.inner.lock().unwrap().call(request, timeout)
    }

    pub fn subscribe(&self, subject: &str) -> Result<Subscription, String> {
        let reply = self.call(json!({"op": "subscribe", "subject": subject}), TIMEOUT)?;
        Ok(Subscription(reply["sid"].as_u64().unwrap()))
    }

    /// Answers every request on `subject` with "echo:" and its payload, until dropped.
    pub fn serve(&self, subject: &str) -> Result<Subscription, String> {
        let reply = self.call(json!({"op": "serve", "subject": subject}), TIMEOUT)?;
        Ok(Subscription(reply["sid"].as_u64().unwrap()))
    }

    pub fn publish(&self, subject: &str, payload: &str) -> Result<(), String> {
        let request = json!({"op": "publish", "subject": subject, "payload": payload});
        self.call(request, TIMEOUT).map(drop)
    }

    /// A round trip to the server, bounded by `TIMEOUT`.
    pub fn flush(&self) -> Result<(), String> {
        self.call(json!({"op": "flush"}), TIMEOUT).map(drop)
    }

    /// The next message of `sub`, or `None` when none comes within `wait`.
    pub fn next_msg(&self, sub: &Subscription, wait: Duration) -> Result<Option<Message>, String> {
        let reply = self.call(json!({"op": "next_msg", "sid": sub.0}), wait)?;
        if reply["timed_out"] == json!(true) {
            return Ok(None);
        }
        Ok(Some(Message {
            subject: reply["subject"].as_str().unwrap().to_owned(),
            payload: reply["payload"].as_str().unwrap().to_owned(),
        }))
    }

    /// A request and its reply's payload, within `wait`.
    pub fn request(&self, subject: &str, payload: &str, wait: Duration) -> Result<String, String> {
        let request = json!({"op": "request", "subject": subject, "payload": payload});
        let reply = self.call(request, wait)?;
        Ok(reply["payload"].as_str().unwrap().to_owned())
    }

    /// What the server reported on this connection asynchronously (permissions violations).
    pub fn async_errors(&self) -> Vec<String> {
        let reply = self.call(json!({"op": "errors"}), TIMEOUT).unwrap();
        serde_json::from_value(reply["errors"].clone()).unwrap()
    }

    /// Creates a JetStream stream (an identical existing one is no error).
    pub fn js_add_stream(
        &self,
        name: &str,
        subjects: &[&str],
        replicas: u64,
    ) -> Result<(), String> {
        let request = json!({"op": "js_add_stream", "name": name, "subjects": subjects,
            "num_replicas": replicas});
        self.call(request, Duration::from_secs(5)).map(drop)
    }

    pub fn js_stream_info(&self, name: &str, wait: Duration) -> Result<StreamInfo, String> {
        let reply = self.call(json!({"op": "js_stream_info", "name": name}), wait)?;
        Ok(StreamInfo {
            num_replicas: reply["num_replicas"].as_u64().unwrap(),
            replicas: reply["replicas"].as_u64().unwrap(),
            info: reply["info"].as_str().unwrap().to_owned(),
        })
    }

    /// Publishes into JetStream and waits (within `wait`) for the acknowledgement: its sequence.
    pub fn js_publish(&self, subject: &str, payload: &str, wait: Duration) -> Result<u64, String> {
        let request = json!({"op": "js_publish", "subject": subject, "payload": payload});
        let reply = self.call(request, wait)?;
        Ok(reply["seq"].as_u64().unwrap())
    }

    /// The payload of message `seq` of `stream`, read from the stream itself.
    pub fn js_get_msg(&self, stream: &str, seq: u64, wait: Duration) -> Result<String, String> {
        let request = json!({"op": "js_get_msg", "stream": stream, "seq": seq});
        let reply = self.call(request, wait)?;
        Ok(reply["payload"].as_str().unwrap().to_owned())
    }
}

/// Connects with `creds`: TLS as it says, a client certificate, a user and password.
pub fn connect(url: &str, creds: &Creds) -> Result<Client, String> {
    let mut request = json!({"url": url, "require_tls": creds.tls});
    if let Some(ca) = &creds.ca {
        request["ca"] = json!(ca);
    }
    if let Some((cert, key)) = &creds.cert {
        request["cert"] = json!(cert);
        request["key"] = json!(key);
    }
    if let Some((user, password)) = &creds.user {
        request["user"] = json!(user);
        request["password"] = json!(password);
    }
    Client::open(request)
}

/// Subscribes, publishes, and waits for the message to come back.
pub fn round_trip(client: &Client, subject: &str) -> Result<(), String> {
    let sub = client.subscribe(subject)?;
    client.flush()?;
    client.publish(subject, "ping")?;
    client.flush()?;
    match client.next_msg(&sub, TIMEOUT)? {
        Some(msg) if msg.payload == "ping" => Ok(()),
        Some(other) => Err(format!("unexpected {other:?}")),
        None => Err(format!(
            "the message did not come back (the server said: {:?})",
            client.async_errors()
        )),
    }
}

/// Connects with a `.creds` file (operator mode) over plain TCP on 127.0.0.1.
pub fn connect_creds(url: &str, creds: &Path) -> Result<Client, String> {
    Client::open(json!({"url": url, "creds": creds}))
}

/// Connects with a `.creds` file over TLS, trusting `ca`.
pub fn connect_creds_tls(url: &str, creds: &Path, ca: &Path) -> Result<Client, String> {
    Client::open(json!({"url": url, "creds": creds, "ca": ca, "require_tls": true}))
}

/// Checks tokens with the official nats-io/jwt.js library (`@nats-io/jwt` from npm, installed
/// by `npm ci --prefix tests/js`): every signature by its issuer, the issuer chains among the
/// tokens given, each .creds seed against its JWT, and every claim's field names and types
/// against the library's (`--roundtrip`). `items`: `{"name", "jwt"}` or `{"name", "creds"}`.
/// Returns the checker's exit code and what it said.
pub fn nats_io_jwt(items: &Value) -> (i32, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    assert!(
        dir.join("node_modules/@nats-io/jwt").is_dir(),
        "@nats-io/jwt is not installed: run `npm ci --prefix tests/js`"
    );
    let mut child = Command::new("node")
        .args(["check_jwts.mjs", "--roundtrip", "--strict-jti"])
        .current_dir(&dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node is installed");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(items.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().expect("node exited"), said)
}

/// `nats_io_jwt`, insisting that every token passes.
pub fn assert_nats_io_jwt_accepts(items: &Value) {
    let (code, said) = nats_io_jwt(items);
    assert_eq!(code, 0, "@nats-io/jwt refused:\n{said}");
    assert!(said.contains("\"ok\":true"), "{said}");
}

/// An nsc store and keystore under `dir` (`nsc/stores/acme`, `nsc/keys`), laid out as nsc does,
/// made by the official nats-io/jwt.js (`tests/js/make_nsc.mjs`); its report of what it made.
pub fn make_nsc(dir: &Path) -> Value {
    let js = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let made = Command::new("node")
        .arg(js.join("make_nsc.mjs"))
        .args([dir.join("nsc/stores"), dir.join("nsc/keys")])
        .current_dir(&js)
        .output()
        .expect("node is installed");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    serde_json::from_slice(&made.stdout).unwrap()
}
