//! Command-line layer: parse arguments into requests, run the workflow in `ops`, print the
//! report through `output`, and turn errors into hints and exit codes (`errors`). No file
//! system work and no commits here.

pub mod args;
mod audit;
mod backup;
mod ca;
mod cert;
mod device;
pub mod errors;
mod hub;
mod init;
mod nats;
mod nats_accounts;
pub mod output;
mod rotate;
mod shares;
mod status;
mod tokens;
mod unlock;

use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::{Command, GlobalArgs};
use output::Output;

use crate::error::Result;
use crate::ops::Session;

/// Parses the command line, runs it, and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output {
        json: cli.global.json,
    };
    match run(&cli, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err, errors::hint(&cli.command, &err));
            ExitCode::from(errors::exit_code(&err))
        }
    }
}

pub fn run(cli: &Cli, out: Output) -> Result<()> {
    let g = &cli.global;
    match &cli.command {
        Command::Init(args) => init::run(g, args, out),
        Command::Import(cmd) => init::import(g, cmd, out),
        Command::Ca(cmd) => ca::run(g, cmd, out),
        Command::Audit(cmd) => audit::run(g, cmd, out),
        Command::Cert(cmd) => cert::run(g, cmd, out),
        Command::Crl(args) => cert::crl(g, args, out),
        Command::Hub(cmd) => hub::run_hub(g, cmd, out),
        Command::Dev(cmd) => hub::run_dev(g, cmd, out),
        Command::Edge(cmd) => hub::run_edge(g, cmd, out),
        Command::Nats(cmd) => nats::run(g, cmd, out),
        Command::Status(args) => status::run(g, args, out),
        Command::Rotate(cmd) => rotate::run(g, cmd, out),
        Command::Token(cmd) => tokens::token(g, cmd, out),
        Command::Apikey(cmd) => tokens::apikey(g, cmd, out),
        Command::Passwd(cmd) => tokens::passwd(cmd, out),
        Command::Request(cmd) => device::request(cmd, out),
        Command::Bundle(cmd) => device::bundle(g, cmd, out),
        Command::Export(args) => device::export(g, args, out),
        Command::VerifyOnline(args) => device::verify_online(g, args, out),
        Command::Backup(args) => backup::backup(g, args, out),
        Command::Restore(args) => backup::restore(g, args, out),
    }
}

/// Opens the store named by --store to change it, telling the user if another credctl holds
/// the lock. The passphrase (or identity) is asked for only if the command needs the key.
fn session(global: &GlobalArgs, out: Output) -> Result<Session> {
    let unlock_args = global.clone();
    let on_wait = |holder: &str| out.notice(&format!("waiting for the store lock ({holder})..."));
    let session = Session::open(
        &global.store,
        Box::new(move || unlock::unlock_source(&unlock_args)),
        lock_wait(global, &on_wait, &command_name()),
    )?;
    pinned(global, session)
}

/// The session, if its root CA is the one `--ca-fingerprint` names (when given).
fn pinned(global: &GlobalArgs, session: Session) -> Result<Session> {
    if let Some(fingerprint) = &global.ca_fingerprint {
        session.check_root(fingerprint)?;
    }
    Ok(session)
}

/// Opens the store to read it: waits only while another command applies its change.
fn reader(global: &GlobalArgs, out: Output) -> Result<Session> {
    let unlock_args = global.clone();
    let on_wait = |holder: &str| {
        out.notice(&format!(
            "waiting for a change to the store to be applied ({holder})..."
        ))
    };
    let session = Session::open_read(
        &global.store,
        Box::new(move || unlock::unlock_source(&unlock_args)),
        lock_wait(global, &on_wait, &command_name()),
    )?;
    if session.unsigned() {
        out.notice(
            "warning: this store's state is not signed (made by an older credctl), so changes \
             made outside credctl cannot be detected: check it, then run `credctl audit sign`",
        );
    }
    pinned(global, session)
}

/// Opens the store for the audit commands, which check its signed state themselves.
fn unverified(global: &GlobalArgs, out: Output, write: bool) -> Result<Session> {
    let unlock_args = global.clone();
    let on_wait = |holder: &str| out.notice(&format!("waiting for the store lock ({holder})..."));
    let session = Session::open_unverified(
        &global.store,
        Box::new(move || unlock::unlock_source(&unlock_args)),
        lock_wait(global, &on_wait, &command_name()),
        write,
    )?;
    pinned(global, session)
}

fn lock_wait<'a>(
    global: &GlobalArgs,
    on_wait: &'a dyn Fn(&str),
    command: &'a str,
) -> crate::store::LockWait<'a> {
    crate::store::LockWait {
        on_wait,
        timeout: global.lock_timeout.map(std::time::Duration::from),
        command,
    }
}

/// "credctl dev add": the subcommand words only, so the lock file names no paths or members.
fn command_name() -> String {
    let words: Vec<String> = std::env::args()
        .skip(1)
        .take_while(|a| !a.starts_with('-'))
        .take(2)
        .collect();
    format!("credctl {}", words.join(" "))
}
