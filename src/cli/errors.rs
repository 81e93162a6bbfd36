//! The one place that turns a library error into an exit code and says what to do about it.
//! Problems of the store, the unlock or the file system read the same in every command; refusals
//! (a conflict, something missing, already revoked) get the advice of the command that hit them,
//! from that command's module.

use super::args::Command;
use crate::error::{Error, Refusal};

/// Exit codes: 1 refused or failed, 2 bad input or cannot unlock, 3 damaged store, 4 I/O.
pub fn exit_code(err: &Error) -> u8 {
    match err {
        Error::StoreExists(_)
        | Error::OutputExists(_)
        | Error::Conflict(_)
        | Error::AlreadyRevoked(_)
        | Error::Remote(_)
        | Error::VerificationFailed(_)
        | Error::ActionNeeded(_)
        | Error::AuditTampered(_)
        | Error::Certificate(_)
        | Error::Crypto(_)
        | Error::Locked { .. } => 1,
        Error::StoreMissing(_)
        | Error::NotAStore(_)
        | Error::NoPassphraseSource
        | Error::WrongPassphrase
        | Error::IdentityNotEnrolled(_)
        | Error::BadShare { .. }
        | Error::NoShareSet
        | Error::NoPassphrase
        | Error::BadIdentityFile { .. }
        | Error::PassphraseFile { .. }
        | Error::WeakPassphrase(_)
        | Error::PassphraseMismatch
        | Error::NotFound(_)
        | Error::InvalidInput(_) => 2,
        Error::Refused(
            Refusal::NoHub
            | Refusal::NoSuchHub { .. }
            | Refusal::NoSuchMember { .. }
            | Refusal::NoOperator
            | Refusal::NoAccount(_)
            | Refusal::NoUser { .. }
            | Refusal::NoRole { .. }
            | Refusal::NoExport { .. }
            | Refusal::NoImport { .. },
        ) => 2,
        Error::Refused(_) => 1,
        Error::Corrupt { .. }
        | Error::StateMismatch { .. }
        | Error::Unsigned(_)
        | Error::UnsupportedVersion { .. } => 3,
        Error::Io { .. } => 4,
    }
}

/// What the user should do next, for this command; shown after the error line.
pub fn hint(command: &Command, err: &Error) -> Option<String> {
    let specific = match command {
        Command::Init(_) | Command::Import(_) => super::init::hint(err),
        Command::Ca(cmd) => super::ca::hint(cmd, err),
        Command::Audit(_) => super::audit::hint(err),
        Command::Cert(cmd) => super::cert::hint(cmd, err),
        Command::Crl(_) => None,
        Command::Hub(cmd) => super::hub::hub_hint(cmd, err),
        Command::Dev(cmd) => super::hub::dev_hint(cmd, err),
        Command::Edge(cmd) => super::hub::edge_hint(cmd, err),
        Command::Nats(cmd) => super::nats::hint(cmd, err),
        Command::Status(_) => None,
        Command::Rotate(_) => None,
        Command::Backup(_) | Command::Restore(_) => super::backup::hint(err),
        Command::Request(_) | Command::Bundle(_) => super::device::hint(err),
        Command::Token(_) | Command::Apikey(_) | Command::Passwd(_) => super::tokens::hint(err),
        Command::Export(_) | Command::VerifyOnline(_) => super::device::handoff_hint(err),
    };
    specific.or_else(|| common_hint(err))
}

/// Advice that holds whatever the command.
fn common_hint(err: &Error) -> Option<String> {
    Some(match err {
        Error::StoreMissing(_) => {
            "create one with `credctl init --name NAME`, or point --store / CREDCTL_STORE at an existing store".into()
        }
        Error::StoreExists(_) => {
            "choose another --store directory; credctl never overwrites a store".into()
        }
        Error::NotAStore(_) => {
            "point --store at a directory made by `credctl init`, or at a path that does not exist yet".into()
        }
        Error::Corrupt { .. } => "restore the store from a backup; credctl changed nothing".into(),
        Error::StateMismatch { .. } => {
            "the store was changed outside credctl: nothing was done; compare it with a backup \
             (`credctl audit verify --ca ca.crt` on a copy checks it against your CA) and restore"
                .into()
        }
        Error::Unsigned(_) => {
            "check it (`credctl audit verify`, a backup), then sign it once with `credctl audit sign`"
                .into()
        }
        Error::UnsupportedVersion { .. } => "use a newer credctl for this store".into(),
        Error::NoPassphraseSource => {
            "pass --passphrase-file FILE or --identity FILE, or set CREDCTL_PASSPHRASE_FILE / CREDCTL_PASSPHRASE".into()
        }
        Error::WrongPassphrase => "check the passphrase source and try again".into(),
        Error::IdentityNotEnrolled(_) => {
            "enrol it with `credctl ca add-identity --recipient AGE1...`, or unlock with the passphrase".into()
        }
        Error::BadIdentityFile { .. } => {
            "pass an age X25519 identity file (a line starting AGE-SECRET-KEY-1)".into()
        }
        Error::PassphraseFile { .. } => "check the path and its permissions".into(),
        Error::BadShare { .. } => {
            "correct or replace the share named (each line's last two characters check it), or bring another custodian's share".into()
        }
        Error::NoShareSet => "unlock with the passphrase or an enrolled identity".into(),
        Error::NoPassphrase => {
            "unlock with --shares-from or --identity (`credctl ca custodians` lists what unlocks it); `ca passwd` sets a passphrase again".into()
        }
        Error::WeakPassphrase(_) => "choose a longer passphrase".into(),
        Error::PassphraseMismatch => "type the same passphrase twice".into(),
        Error::OutputExists(_) => {
            "credctl never overwrites a hand-out: move it away or choose another --out".into()
        }
        Error::AuditTampered(_) => {
            "compare the store with a backup; the log was changed outside credctl".into()
        }
        Error::Io { .. } => "check the path, free space and permissions".into(),
        Error::Locked { .. } => {
            "nothing was changed; try again when it is done, or stop that process if it hangs".into()
        }
        Error::InvalidInput(_)
        | Error::Conflict(_)
        | Error::Refused(_)
        | Error::NotFound(_)
        | Error::AlreadyRevoked(_)
        | Error::Remote(_)
        | Error::Certificate(_)
        | Error::Crypto(_)
        | Error::VerificationFailed(_)
        | Error::ActionNeeded(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_contract() {
        assert_eq!(exit_code(&Error::WrongPassphrase), 2);
        assert_eq!(exit_code(&Error::NoPassphraseSource), 2);
        assert_eq!(exit_code(&Error::InvalidInput("x".into())), 2);
        assert_eq!(exit_code(&Error::AuditTampered("x".into())), 1);
        assert_eq!(exit_code(&Error::StoreExists("s".into())), 1);
        assert_eq!(exit_code(&Error::corrupt("store.json", "bad")), 3);
        let io = Error::io("x", std::io::Error::other("disk"));
        assert_eq!(exit_code(&io), 4);
    }

    #[test]
    fn every_unlock_error_says_what_to_do() {
        for e in [Error::WrongPassphrase, Error::NoPassphraseSource] {
            assert!(common_hint(&e).is_some(), "{e} has no hint");
        }
    }
}
