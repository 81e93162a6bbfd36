//! A hub made by the real binary, for tests that run a nats-server on its rendered config.

use std::path::PathBuf;

use super::nats::{Creds, bundle};
use super::{Env, free_port};

/// A store with a hub rendered into `hubcfg/` (on free ports, 127.0.0.1) in a given TLS mode.
pub struct Hub {
    pub env: Env,
    pub port: u16,
    pub leaf_port: u16,
}

impl Hub {
    pub fn new(mode: &str, extra: &[&str]) -> Hub {
        let env = Env::new();
        env.init(&["--intermediate"]);
        let (port, leaf_port) = (free_port(), free_port());
        let (p, l) = (port.to_string(), leaf_port.to_string());
        let mut args = vec![
            "hub",
            "init",
            "--name",
            "hub",
            "--dns",
            "localhost",
            "--ip",
            "127.0.0.1",
            "--listen",
            "127.0.0.1",
            "--port",
            &p,
            "--leaf-port",
            &l,
            "--tls-mode",
            mode,
            "--out",
            "hubcfg",
            "--passphrase-file",
            "pass",
        ];
        args.extend_from_slice(extra);
        env.ok(&args);
        Hub {
            env,
            port,
            leaf_port,
        }
    }

    pub fn add_dev(&self, name: &str, extra: &[&str]) {
        let mut args = vec![
            "dev",
            "add",
            name,
            "--out",
            "devs",
            "--passphrase-file",
            "pass",
        ];
        args.extend_from_slice(extra);
        self.env.ok(&args);
    }

    /// `edge add NAME` against this hub's leafnode port, bundle in `edge/`; returns the output.
    pub fn add_edge(&self, name: &str, extra: &[&str]) -> String {
        let url = format!("tls://127.0.0.1:{}", self.leaf_port);
        let mut args = vec!["edge", "add", name, "--hub-url", &url, "--out", "edge"];
        args.extend_from_slice(extra);
        args.extend(["--passphrase-file", "pass"]);
        self.env.ok(&args)
    }

    pub fn conf(&self) -> PathBuf {
        self.env.path("hubcfg/hub.conf")
    }

    pub fn url(&self) -> String {
        format!("tls://127.0.0.1:{}", self.port)
    }

    pub fn creds(&self, name: &str, with_password: bool) -> Creds {
        let dir = self.env.path("devs");
        bundle(
            &dir,
            name,
            with_password.then_some(&dir),
            &self.env.path("hubcfg/ca.crt"),
        )
    }
}
