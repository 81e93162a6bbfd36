//! A real nats-server started for a test, and real NATS clients (async-nats) talking to it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

pub async fn connect(url: &str, creds: &Creds) -> Result<async_nats::Client, String> {
    let mut options = async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(3))
        .max_reconnects(Some(1));
    if creds.tls {
        options = options.require_tls(true);
    }
    if let Some(ca) = &creds.ca {
        options = options.add_root_certificates(ca.clone());
    }
    if let Some((cert, key)) = &creds.cert {
        options = options.add_client_certificate(cert.clone(), key.clone());
    }
    if let Some((user, password)) = &creds.user {
        options = options.user_and_password(user.clone(), password.clone());
    }
    let client = options.connect(url).await.map_err(|e| e.to_string())?;
    // The server may accept the TLS session and then refuse the user: a round trip to the server
    // is what proves the connection is authorised.
    tokio::time::timeout(Duration::from_secs(3), client.flush())
        .await
        .map_err(|_| "no answer from the server".to_string())?
        .map_err(|e| e.to_string())?;
    Ok(client)
}

/// Subscribes, publishes, and waits for the message to come back.
pub async fn round_trip(client: &async_nats::Client, subject: &str) -> Result<(), String> {
    use futures_util::StreamExt;
    let mut sub = client
        .subscribe(subject.to_owned())
        .await
        .map_err(|e| e.to_string())?;
    client.flush().await.map_err(|e| e.to_string())?;
    client
        .publish(subject.to_owned(), "ping".into())
        .await
        .map_err(|e| e.to_string())?;
    client.flush().await.map_err(|e| e.to_string())?;
    match tokio::time::timeout(Duration::from_secs(3), sub.next()).await {
        Ok(Some(msg)) if &msg.payload[..] == b"ping" => Ok(()),
        Ok(other) => Err(format!("unexpected {other:?}")),
        Err(_) => Err("the message did not come back".into()),
    }
}

/// Connects with a `.creds` file (operator mode) over plain TCP on 127.0.0.1.
pub async fn connect_creds(url: &str, creds: &Path) -> Result<async_nats::Client, String> {
    let options = async_nats::ConnectOptions::with_credentials_file(creds.to_path_buf())
        .await
        .map_err(|e| format!("the creds file does not parse: {e}"))?
        .connection_timeout(Duration::from_secs(3))
        .max_reconnects(Some(1));
    let client = options.connect(url).await.map_err(|e| e.to_string())?;
    tokio::time::timeout(Duration::from_secs(3), client.flush())
        .await
        .map_err(|_| "no answer from the server".to_string())?
        .map_err(|e| e.to_string())?;
    Ok(client)
}
