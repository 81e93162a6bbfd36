//! credctl: the credential lifecycle of a NATS hub-and-edge deployment, run from an offline,
//! age-encrypted CA store.

pub mod audit;
pub mod broker;
pub mod cli;
pub mod duration;
pub mod error;
pub mod nats;
pub mod parallel;
pub mod store;
pub mod x509;

pub use error::{Error, Result};
