//! `hub reload`: signal the hub's running nats-server to reload its configuration and check
//! that it did — a change nats-server cannot reload (leafnode TLS pins, ports, cluster listen)
//! leaves the old configuration in force, and every later reload fails with it, silently.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::Session;
use super::hubsync::Cluster;
use crate::error::{Error, Refusal, Result};
use crate::hub::render;

#[derive(Debug, Serialize)]
pub struct ReloadReport {
    pub hub: String,
    pub pid: i32,
    /// The monitoring endpoint confirmed the new configuration (false: no loopback monitor to
    /// ask, the signal was sent unchecked).
    pub verified: bool,
}

/// Sends SIGHUP to the hub's nats-server (its `pid_file` in the deploy directory) and, when the
/// hub has a loopback monitoring endpoint, waits until its `config_load_time` changes.
pub fn reload(session: &Session, hub_name: Option<&str>) -> Result<ReloadReport> {
    let cluster = Cluster::load(session.store())?;
    let hub = &cluster.hubs[cluster.select(hub_name)?];
    let dir = hub.render_dir.clone().ok_or_else(|| {
        Error::InvalidInput(format!("hub {} has no recorded directory", hub.name))
    })?;
    let pid_file = PathBuf::from(render::deploy_base(hub, &dir)?).join(render::PID_FILE);
    let pid = read_pid(&pid_file)?;
    let monitor = hub.monitor.as_ref().filter(|m| m.is_loopback()).map(|m| {
        format!(
            "{}:{}",
            m.host.trim_matches(|c| c == '[' || c == ']'),
            m.port
        )
    });
    let before = monitor.as_deref().map(config_load_time).transpose()?;
    // SAFETY: kill(2) with a PID read from the server's own pid file; no memory is involved.
    if unsafe { libc::kill(pid, libc::SIGHUP) } != 0 {
        return Err(Error::InvalidInput(format!(
            "cannot signal process {pid} from {}: {}",
            pid_file.display(),
            std::io::Error::last_os_error()
        )));
    }
    if let (Some(addr), Some(before)) = (monitor.as_deref(), before) {
        wait_for_new_config(addr, &before)?;
    }
    Ok(ReloadReport {
        hub: hub.name.clone(),
        pid,
        verified: monitor.is_some(),
    })
}

fn read_pid(file: &std::path::Path) -> Result<i32> {
    let text = std::fs::read_to_string(file).map_err(|e| {
        Error::InvalidInput(format!(
            "cannot read {} ({e}): is the hub's nats-server running from its rendered config on this host?",
            file.display()
        ))
    })?;
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| Error::InvalidInput(format!("{} holds no PID", file.display())))
}

/// Polls the monitoring endpoint until `config_load_time` moves past `before`.
fn wait_for_new_config(addr: &str, before: &str) -> Result<()> {
    // A reload takes nats-server milliseconds; three seconds is ample on a busy host.
    let deadline = Instant::now() + Duration::from_secs(3);
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        if config_load_time(addr)? != before {
            return Ok(());
        }
    }
    Err(Refusal::RestartNeeded(
        "nats-server kept its old configuration: the change is one it cannot reload (leafnode TLS pins, ports, cluster listen); its log says which, and every later reload fails until it restarts".into(),
    )
    .into())
}

/// `config_load_time` from the monitoring endpoint's /varz.
fn config_load_time(addr: &str) -> Result<String> {
    let unreachable = |e: std::io::Error| {
        Error::Remote(format!("cannot ask the monitoring endpoint {addr}: {e}"))
    };
    let mut stream = std::net::TcpStream::connect(addr).map_err(unreachable)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .map_err(unreachable)?;
    stream
        .write_all(format!("GET /varz HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())
        .map_err(unreachable)?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).map_err(unreachable)?;
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let varz: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| Error::Remote(format!("{addr}/varz is not JSON: {e}")))?;
    Ok(varz["config_load_time"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}
