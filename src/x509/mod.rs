//! X.509: the CA, key types, profiles, issuance, CSRs, revocation lists, verification.

pub mod authority;
pub mod ca;
pub mod crl;
pub mod csr;
pub mod easyrsa;
pub mod import;
pub mod inspect;
pub mod issue;
pub mod keys;
pub mod mac_binding;
pub mod pkcs12;
pub mod profile;
pub mod registry;
pub mod rollover;
pub mod settings;
pub mod statement;
pub mod verify;

pub use keys::KeyType;
