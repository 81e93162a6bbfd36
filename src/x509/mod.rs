//! X.509: the CA, key types, and reading certificates back.

pub mod ca;
pub mod inspect;
pub mod keys;

pub use keys::KeyType;
