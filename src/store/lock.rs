//! One exclusive advisory lock per command, on `store.lock`. A second credctl waits for it rather
//! than failing, so a CI job and an operator never interleave their writes.

use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use super::fsio::PRIVATE_FILE;
use crate::error::{Error, Result};

pub const LOCK_FILE: &str = "store.lock";

/// Held for the life of a command; the OS drops the lock when the file closes or the process dies.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

impl StoreLock {
    /// Blocks until the lock is ours; `on_wait` runs once if another process holds it.
    pub fn acquire(store_root: &Path, on_wait: impl FnOnce()) -> Result<Self> {
        let path = store_root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(PRIVATE_FILE)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                on_wait();
                file.lock().map_err(|e| Error::io(&path, e))?;
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
        Ok(StoreLock { _file: file })
    }

    /// Takes the lock if nobody holds it; None if someone does.
    pub fn try_acquire(store_root: &Path) -> Result<Option<Self>> {
        let path = store_root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(StoreLock { _file: file })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    #[test]
    fn second_holder_waits_until_first_releases() {
        let dir = tempfile::tempdir().unwrap();
        let first = StoreLock::acquire(dir.path(), || panic!("nobody holds it yet")).unwrap();

        let waited = Arc::new(AtomicBool::new(false));
        let (tx, rx) = mpsc::channel();
        let root = dir.path().to_path_buf();
        let waited2 = waited.clone();
        let handle = std::thread::spawn(move || {
            let lock = StoreLock::acquire(&root, || waited2.store(true, Ordering::SeqCst)).unwrap();
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
}
