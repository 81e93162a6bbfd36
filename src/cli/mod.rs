//! Command-line layer: parse, validate, then call into the library; print through `output`.

pub mod args;
mod audit;
mod ca;
mod cert;
mod hub;
mod init;
mod nats;
pub mod output;
mod unlock;

use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
use args::Command;
use output::Output;

use crate::error::Result;
use crate::store::Store;

/// Parses the command line, runs it, and turns the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output {
        json: cli.global.json,
    };
    match run(&cli, out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            out.error(&err);
            ExitCode::from(err.exit_code())
        }
    }
}

pub fn run(cli: &Cli, out: Output) -> Result<()> {
    match &cli.command {
        Command::Init(args) => init::run(&cli.global, args, out),
        Command::Ca(cmd) => ca::run(&cli.global, cmd, out),
        Command::Audit(cmd) => audit::run(&cli.global, cmd, out),
        Command::Cert(cmd) => cert::run(&cli.global, cmd, out),
        Command::Crl(args) => cert::crl_cmd(&cli.global, args, out),
        Command::Hub(cmd) => hub::run_hub(&cli.global, cmd, out),
        Command::Dev(cmd) => hub::run_dev(&cli.global, cmd, out),
        Command::Edge(cmd) => hub::run_edge(&cli.global, cmd, out),
        Command::Nats(cmd) => nats::run(&cli.global, cmd, out),
    }
}

/// The names in a list file: one a line, blank lines and `#` comments skipped.
fn read_name_list(path: &std::path::Path, what: &str) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| crate::Error::io(path, e))?;
    let names: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    if names.is_empty() {
        return Err(crate::Error::InvalidInput(format!(
            "{} lists no {what}",
            path.display()
        )));
    }
    Ok(names)
}

/// Opens the store named by --store, telling the user if another credctl holds the lock.
fn open_store(global: &args::GlobalArgs, out: Output) -> Result<Store> {
    Store::open(&global.store, &|| {
        out.notice("waiting for the store lock held by another credctl...")
    })
}
