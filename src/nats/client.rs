//! Just enough of the NATS client protocol to push account JWTs: connect (plain or TLS, signing
//! the server's nonce with a `.creds` file's seed), subscribe to one inbox, publish requests and
//! read their replies. Blocking I/O with a timeout on every read and write; no runtime, so the
//! one online command does not cost an async stack in every build.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use data_encoding::BASE64URL_NOPAD;
use nkeys::KeyPair;
use rustls::pki_types::{CertificateDer, ServerName, pem::PemObject};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

const TIMEOUT: Duration = Duration::from_secs(5);
/// The longest protocol line or payload accepted from a server (its max_payload is 1 MiB by default).
const MAX_LINE: usize = 8 * 1024 * 1024;

fn remote(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Remote(format!("{what}: {e}"))
}

/// A server address from `nats://host:port`, `tls://host:port` or `host[:port]`.
#[derive(Debug, PartialEq)]
pub struct ServerUrl {
    pub host: String,
    pub port: u16,
    pub tls: bool,
}

impl ServerUrl {
    pub fn parse(url: &str) -> Result<ServerUrl> {
        let bad = |why: &str| Error::InvalidInput(format!("server URL {url:?}: {why}"));
        let (tls, rest) = match url.split_once("://") {
            Some(("nats", rest)) => (false, rest),
            Some(("tls", rest)) => (true, rest),
            Some((scheme, _)) => {
                return Err(bad(&format!("unknown scheme {scheme:?} (nats or tls)")));
            }
            None => (false, url),
        };
        let rest = rest.trim_end_matches('/');
        if rest.contains(['/', '@', ',']) {
            return Err(bad("give one server as scheme://host:port"));
        }
        let (host, port) = match rest.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (
                host,
                port.parse().map_err(|_| bad("the port is not a number"))?,
            ),
            _ => (rest, 4222),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(bad("no host"));
        }
        Ok(ServerUrl {
            host: host.to_owned(),
            port,
            tls,
        })
    }
}

/// The user JWT and seed of a `.creds` file.
pub struct Creds {
    pub jwt: String,
    seed: Zeroizing<String>,
}

impl Creds {
    pub fn read(path: &Path) -> Result<Creds> {
        let text =
            Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
                Error::InvalidInput(format!("cannot read {}: {e}", path.display()))
            })?);
        let block = |begin: &str| {
            let mut lines = text.lines().skip_while(|l| !l.contains(begin));
            lines.next()?;
            lines
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_owned)
        };
        let bad = || Error::InvalidInput(format!("{} is not a NATS .creds file", path.display()));
        let jwt = block("BEGIN NATS USER JWT").ok_or_else(bad)?;
        let seed = Zeroizing::new(block("BEGIN USER NKEY SEED").ok_or_else(bad)?);
        KeyPair::from_seed(&seed).map_err(|_| bad())?;
        Ok(Creds { jwt, seed })
    }

    fn sign(&self, nonce: &str) -> Result<String> {
        let key = KeyPair::from_seed(&self.seed).map_err(|e| remote("the seed", e))?;
        let sig = key
            .sign(nonce.as_bytes())
            .map_err(|e| remote("signing the nonce", e))?;
        Ok(BASE64URL_NOPAD.encode(&sig))
    }
}

trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// One connection to one server.
pub struct Client {
    conn: BufReader<Box<dyn Stream>>,
    inbox: String,
    next: u64,
}

impl Client {
    /// Connects, upgrades to TLS when the URL or the server asks for it (trusting `ca`, or the
    /// system's roots are not consulted: an offline CA's hub needs its CA), and authenticates.
    pub fn connect(url: &str, creds: &Creds, ca: Option<&Path>) -> Result<Client> {
        let server = ServerUrl::parse(url)?;
        let cannot = |e: &dyn std::fmt::Display| remote(&format!("cannot connect to {url}"), e);
        let addrs = (server.host.as_str(), server.port)
            .to_socket_addrs()
            .map_err(|e| cannot(&e))?;
        let mut last = None;
        let tcp = addrs
            .into_iter()
            .find_map(|a| {
                TcpStream::connect_timeout(&a, TIMEOUT)
                    .map_err(|e| last = Some(e))
                    .ok()
            })
            .ok_or_else(|| cannot(&last.map_or("no address".to_string(), |e| e.to_string())))?;
        tcp.set_read_timeout(Some(TIMEOUT))
            .map_err(|e| cannot(&e))?;
        tcp.set_write_timeout(Some(TIMEOUT))
            .map_err(|e| cannot(&e))?;
        let mut plain = BufReader::new(tcp);
        let info = read_info(&mut plain).map_err(|e| cannot(&e))?;
        let tls = server.tls || info["tls_required"].as_bool() == Some(true);
        let stream: Box<dyn Stream> = if tls {
            Box::new(tls_stream(&server, plain.into_inner(), ca)?)
        } else {
            Box::new(plain.into_inner())
        };
        let mut client = Client {
            conn: BufReader::new(stream),
            inbox: format!("_INBOX.{}", hex::encode(rand::random::<[u8; 12]>())),
            next: 0,
        };
        client.handshake(&info, creds, tls, url)?;
        Ok(client)
    }

    fn handshake(
        &mut self,
        info: &serde_json::Value,
        creds: &Creds,
        tls: bool,
        url: &str,
    ) -> Result<()> {
        let mut connect = serde_json::json!({
            "verbose": false, "pedantic": false, "tls_required": tls, "echo": false,
            "name": "credctl", "lang": "rust", "version": env!("CARGO_PKG_VERSION"),
            "protocol": 1, "jwt": creds.jwt,
        });
        if let Some(nonce) = info["nonce"].as_str() {
            connect["sig"] = creds.sign(nonce)?.into();
        }
        let line = format!("CONNECT {connect}\r\nPING\r\nSUB {}.* 1\r\n", self.inbox);
        self.send(line.as_bytes())?;
        loop {
            match self.read_line()?.as_str() {
                "PONG" => return Ok(()),
                "PING" => self.send(b"PONG\r\n")?,
                "+OK" => {}
                l if l.starts_with("INFO ") => {}
                l => {
                    return Err(Error::Remote(format!(
                        "{url} refused the connection: {}",
                        server_error(l)
                    )));
                }
            }
        }
    }

    /// Publishes `payload` to `subject` and returns the first reply.
    pub fn request(&mut self, subject: &str, payload: &[u8]) -> Result<Vec<u8>> {
        self.next += 1;
        let reply = format!("{}.{}", self.inbox, self.next);
        let mut msg = format!("PUB {subject} {reply} {}\r\n", payload.len()).into_bytes();
        msg.extend_from_slice(payload);
        msg.extend_from_slice(b"\r\n");
        self.send(&msg)?;
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            let line = self.read_line()?;
            let mut words = line.split_ascii_whitespace();
            match words.next() {
                Some("MSG") => {
                    let words: Vec<&str> = words.collect();
                    let (&[to, ..], Some(len)) = (words.as_slice(), words.last()) else {
                        return Err(Error::Remote(format!("unexpected line: {line}")));
                    };
                    let len: usize =
                        len.parse().ok().filter(|&n| n <= MAX_LINE).ok_or_else(|| {
                            Error::Remote(format!("unexpected message size in: {line}"))
                        })?;
                    let mut body = vec![0; len + 2];
                    self.conn
                        .read_exact(&mut body)
                        .map_err(|e| remote("reading a reply", e))?;
                    body.truncate(len);
                    if to == reply {
                        return Ok(body);
                    }
                }
                Some("PING") => self.send(b"PONG\r\n")?,
                Some("-ERR") => return Err(Error::Remote(server_error(&line))),
                _ => {}
            }
        }
        Err(Error::Remote("timed out".into()))
    }

    fn send(&mut self, bytes: &[u8]) -> Result<()> {
        let conn = self.conn.get_mut();
        conn.write_all(bytes)
            .and_then(|()| conn.flush())
            .map_err(|e| remote("sending to the server", e))
    }

    fn read_line(&mut self) -> Result<String> {
        read_line(&mut self.conn).map_err(|e| remote("reading from the server", e))
    }
}

/// A protocol line without its CRLF; EOF and over-long lines are errors.
fn read_line(conn: &mut impl BufRead) -> std::io::Result<String> {
    let mut line = Vec::new();
    conn.take(MAX_LINE as u64).read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the server closed the connection",
        ));
    }
    let line = String::from_utf8_lossy(&line);
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

fn read_info(conn: &mut impl BufRead) -> std::io::Result<serde_json::Value> {
    let line = read_line(conn)?;
    let json = line
        .strip_prefix("INFO ")
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "not a NATS server"))?;
    serde_json::from_str(json).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// `-ERR 'Authorization Violation'` -> `Authorization Violation`.
fn server_error(line: &str) -> String {
    line.trim_start_matches("-ERR")
        .trim()
        .trim_matches('\'')
        .to_owned()
}

fn tls_stream(
    server: &ServerUrl,
    tcp: TcpStream,
    ca: Option<&Path>,
) -> Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>> {
    let ca = ca.ok_or_else(|| {
        Error::InvalidInput(format!(
            "{}:{} wants TLS: give the CA that certified it with --ca (a PEM file)",
            server.host, server.port
        ))
    })?;
    let mut roots = rustls::RootCertStore::empty();
    let certs: Vec<CertificateDer> = CertificateDer::pem_file_iter(ca)
        .and_then(|certs| certs.collect())
        .map_err(|e| {
            Error::InvalidInput(format!(
                "cannot read CA certificates from {}: {e}",
                ca.display()
            ))
        })?;
    let (added, _) = roots.add_parsable_certificates(certs);
    if added == 0 {
        return Err(Error::InvalidInput(format!(
            "{} holds no CA certificate",
            ca.display()
        )));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| remote("TLS", e))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = ServerName::try_from(server.host.clone())
        .map_err(|e| Error::InvalidInput(format!("{}: {e}", server.host)))?;
    let conn =
        rustls::ClientConnection::new(Arc::new(config), name).map_err(|e| remote("TLS", e))?;
    let mut stream = rustls::StreamOwned::new(conn, tcp);
    while stream.conn.is_handshaking() {
        stream
            .conn
            .complete_io(&mut stream.sock)
            .map_err(|e| remote(&format!("TLS handshake with {}", server.host), e))?;
    }
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_urls() {
        let url = |host: &str, port, tls| ServerUrl {
            host: host.into(),
            port,
            tls,
        };
        assert_eq!(
            ServerUrl::parse("nats://127.0.0.1:4222").unwrap(),
            url("127.0.0.1", 4222, false)
        );
        assert_eq!(
            ServerUrl::parse("tls://hub.example.com:7000").unwrap(),
            url("hub.example.com", 7000, true)
        );
        assert_eq!(ServerUrl::parse("hub").unwrap(), url("hub", 4222, false));
        assert_eq!(
            ServerUrl::parse("tls://[::1]:4223").unwrap(),
            url("::1", 4223, true)
        );
        for bad in [
            "http://x:1",
            "nats://x:port",
            "nats://",
            "nats://a:1,nats://b:2",
            "nats://u:p@x:1",
        ] {
            assert!(
                matches!(ServerUrl::parse(bad), Err(Error::InvalidInput(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn creds_files() {
        let dir = tempfile::tempdir().unwrap();
        let user = KeyPair::new_user();
        let path = dir.path().join("u.creds");
        std::fs::write(
            &path,
            &*super::super::jwt::creds("a.b.c", &user.seed().unwrap()),
        )
        .unwrap();
        let creds = Creds::read(&path).unwrap();
        assert_eq!(creds.jwt, "a.b.c");
        let sig = BASE64URL_NOPAD
            .decode(creds.sign("nonce").unwrap().as_bytes())
            .unwrap();
        user.verify(b"nonce", &sig).unwrap();
        std::fs::write(&path, "not creds").unwrap();
        assert!(matches!(Creds::read(&path), Err(Error::InvalidInput(_))));
    }

    #[test]
    fn server_errors_lose_their_quotes() {
        assert_eq!(
            server_error("-ERR 'Authorization Violation'"),
            "Authorization Violation"
        );
    }
}
