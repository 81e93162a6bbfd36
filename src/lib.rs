//! credctl: the credential lifecycle of a NATS hub-and-edge deployment, run from an offline,
//! age-encrypted CA store.
//!
//! Layers, each importing only the ones below it:
//! `cli` -> `ops` -> (`hub`, `nats`) -> `x509` -> `store` -> (`audit`, `clock`, `parallel`,
//! `error`).

pub mod cli;
pub mod ops;

pub mod hub;
pub mod nats;
pub mod tokens;

pub mod x509;

pub mod store;

pub mod audit;
pub mod clock;
pub mod error;
pub mod parallel;

pub use error::{Error, Result};
