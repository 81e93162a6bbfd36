//! Two advisory locks per store.
//!
//! - `store.lock`, exclusive, held by a command that may change the store for its whole life, so
//!   a CI job and an operator never interleave their changes. The holder writes who it is
//!   (pid, command, since when) into the file, for the others' messages.
//! - `apply.lock`, held exclusively only while a change is being applied (journal written,
//!   files moved into place, journal removed) or recovered, and shared by read-only commands for
//!   their whole life. So a reader never waits for a writer that is still unlocking, signing or
//!   staging, and never sees half a change.
//!
//! Both are opened without following symbolic links: a planted link cannot make credctl create
//! or lock a file elsewhere.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::fsio::PRIVATE_FILE;
use crate::error::{Error, Result};

pub const LOCK_FILE: &str = "store.lock";
pub const APPLY_LOCK_FILE: &str = "apply.lock";

/// How a command waits for a lock: it is told once (to say so to the user), and gives up after
/// `timeout` if one is set.
#[derive(Clone, Copy)]
pub struct LockWait<'a> {
    pub on_wait: &'a dyn Fn(&str),
    pub timeout: Option<Duration>,
    /// What this command is, for the holder line others see (no arguments: no paths, no names).
    pub command: &'a str,
}

impl LockWait<'_> {
    /// Waits forever, silently: for tests and internal locks.
    pub fn quiet() -> LockWait<'static> {
        LockWait {
            on_wait: &|_| {},
            timeout: None,
            command: "credctl",
        }
    }
}

/// Held for the life of a command (or of an apply); the OS drops it when the file closes or the
/// process dies.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Exclusive,
    Shared,
}

fn open_lock_file(path: &Path, create: bool) -> Result<File> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(create)
        .truncate(false)
        .mode(PRIVATE_FILE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => Error::corrupt(path, "is a symbolic link (remove it)"),
            _ => Error::io(path, e),
        })
}

fn try_lock(file: &File, kind: Kind) -> std::result::Result<bool, std::io::Error> {
    let got = match kind {
        Kind::Exclusive => file.try_lock(),
        Kind::Shared => file.try_lock_shared(),
    };
    match got {
        Ok(()) => Ok(true),
        Err(TryLockError::WouldBlock) => Ok(false),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Who holds the store lock, as its holder wrote it; "another credctl" if unreadable.
pub fn holder(store_root: &Path) -> String {
    let mut text = String::new();
    let read =
        File::open(store_root.join(LOCK_FILE)).and_then(|f| f.take(512).read_to_string(&mut text));
    match read {
        Ok(_) if !text.trim().is_empty() => text.trim().to_owned(),
        _ => "another credctl".to_owned(),
    }
}

fn acquire(path: PathBuf, kind: Kind, wait: LockWait<'_>, holder_of: &Path) -> Result<File> {
    let file = open_lock_file(&path, true)?;
    if try_lock(&file, kind).map_err(|e| Error::io(&path, e))? {
        return Ok(file);
    }
    let who = holder(holder_of);
    (wait.on_wait)(&who);
    let started = Instant::now();
    // Polling, not a blocking lock: a blocking flock cannot time out, and a stopped holder must
    // not hang a CI job forever.
    let mut pause = Duration::from_millis(5);
    loop {
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
        if try_lock(&file, kind).map_err(|e| Error::io(&path, e))? {
            return Ok(file);
        }
        if let Some(timeout) = wait.timeout
            && started.elapsed() >= timeout
        {
            return Err(Error::Locked {
                holder: holder(holder_of),
                waited: timeout,
            });
        }
    }
}

impl StoreLock {
    /// The store's writer lock; records this process as the holder.
    pub fn acquire(store_root: &Path, wait: LockWait<'_>) -> Result<Self> {
        let path = store_root.join(LOCK_FILE);
        let mut file = acquire(path.clone(), Kind::Exclusive, wait, store_root)?;
        let since = crate::clock::rfc3339_unix(crate::clock::unix_now());
        let line = format!(
            "pid {}, {}, since {since}\n",
            std::process::id(),
            wait.command
        );
        // Who holds it is for messages only: a failure to say so is not a failure to lock.
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(line.as_bytes()));
        Ok(StoreLock { _file: file })
    }

    /// Takes the writer lock if nobody holds it; None if someone does.
    pub fn try_acquire(store_root: &Path) -> Result<Option<Self>> {
        let path = store_root.join(LOCK_FILE);
        // Never created here: an init's staging directory without its lock file yet is not stale.
        let file = open_lock_file(&path, false)?;
        match try_lock(&file, Kind::Exclusive).map_err(|e| Error::io(&path, e))? {
            true => Ok(Some(StoreLock { _file: file })),
            false => Ok(None),
        }
    }

    /// The apply lock, exclusively: readers are finished and none starts until it drops.
    pub fn apply(store_root: &Path, wait: LockWait<'_>) -> Result<Self> {
        let path = store_root.join(APPLY_LOCK_FILE);
        let file = acquire(path, Kind::Exclusive, wait, store_root)?;
        Ok(StoreLock { _file: file })
    }

    /// The apply lock, shared: no change is being applied while it is held.
    pub fn read(store_root: &Path, wait: LockWait<'_>) -> Result<Self> {
        let path = store_root.join(APPLY_LOCK_FILE);
        let file = acquire(path, Kind::Shared, wait, store_root)?;
        Ok(StoreLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};

    #[test]
    fn second_holder_waits_until_first_releases() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::acquire(dir.path(), LockWait::quiet()).unwrap();

        let waited = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let root = dir.path().to_path_buf();
        let waited2 = waited.clone();
        let handle = std::thread::spawn(move || {
            let on_wait = |_: &str| waited2.store(true, Ordering::SeqCst);
            let wait = LockWait {
                on_wait: &on_wait,
                ..LockWait::quiet()
            };
            let lock = StoreLock::acquire(&root, wait).unwrap();
            tx.send(()).unwrap();
            drop(lock);
        });
        // While the first lock is held the second acquire must not complete.
        assert!(rx.recv_timeout(Duration::from_millis(200)).is_err());
        assert!(waited.load(Ordering::SeqCst));
        drop(first);
        rx.recv_timeout(Duration::from_secs(10))
            .expect("second acquire proceeds after release");
        handle.join().unwrap();
    }

    #[test]
    fn a_timeout_names_the_holder_and_readers_share() {
        let dir = tempfile::tempdir().unwrap();
        let wait = LockWait {
            command: "dev add",
            ..LockWait::quiet()
        };
        let _writer = StoreLock::acquire(dir.path(), wait).unwrap();
        let timeout = LockWait {
            timeout: Some(Duration::from_millis(50)),
            ..LockWait::quiet()
        };
        let err = StoreLock::acquire(dir.path(), timeout).unwrap_err();
        let Error::Locked { holder, .. } = &err else {
            panic!("{err}")
        };
        assert!(holder.starts_with(&format!("pid {}, dev add, since ", std::process::id())));
        // The writer lock does not stop readers; two readers share; an apply waits for them.
        let r1 = StoreLock::read(dir.path(), timeout).unwrap();
        let r2 = StoreLock::read(dir.path(), timeout).unwrap();
        assert!(StoreLock::apply(dir.path(), timeout).is_err());
        drop((r1, r2));
        let apply = StoreLock::apply(dir.path(), timeout).unwrap();
        assert!(StoreLock::read(dir.path(), timeout).is_err());
        drop(apply);
    }

    #[test]
    fn a_symlinked_lock_file_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
        let err = StoreLock::acquire(dir.path(), LockWait::quiet()).unwrap_err();
        assert!(matches!(err, Error::Corrupt { .. }), "{err}");
        assert!(!target.exists());
    }
}
