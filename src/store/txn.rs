//! All-or-nothing changes across several store files, surviving a crash at any point.
//!
//! A commit stages every new file under `txn/`, fsyncs them, then writes `txn/journal.json`
//! atomically: that rename is the commit point. Applying the journal renames each staged file
//! over its target and appends the staged audit lines at a recorded offset. Every step can be
//! repeated, so a store opened after a crash replays a journal it finds (roll forward) or, with no
//! journal, throws the staged files away (roll back).

use std::fs::{self, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fsio::{self, PRIVATE_FILE};
use crate::error::{Error, Result};

pub const TXN_DIR: &str = "txn";
const JOURNAL: &str = "txn/journal.json";

/// A file to place in the store, relative to its root.
pub struct StagedWrite {
    pub target: PathBuf,
    pub bytes: Vec<u8>,
    pub mode: u32,
}

#[derive(Serialize, Deserialize)]
struct Journal {
    /// (staged, target), both relative to the store root, applied in order.
    renames: Vec<(PathBuf, PathBuf)>,
    appends: Vec<Append>,
    /// Files to delete, relative to the store root.
    removes: Vec<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct Append {
    staged: PathBuf,
    target: PathBuf,
    /// Length of the target before the append: replaying truncates back to it first.
    at: u64,
}

/// Writes `writes`, appends each `(target, bytes)` of `appends` and deletes `removes`, as one
/// atomic change.
pub fn commit(
    root: &Path,
    writes: Vec<StagedWrite>,
    appends: Vec<(PathBuf, Vec<u8>)>,
    removes: Vec<PathBuf>,
) -> Result<()> {
    let txn_dir = root.join(TXN_DIR);
    if !txn_dir.is_dir() {
        fsio::create_private_dir(&txn_dir)?;
    }
    discard_staged(root)?;

    let mut staged_files = fsio::SyncSet::default();
    let mut renames = Vec::with_capacity(writes.len());
    for (i, write) in writes.iter().enumerate() {
        let staged = PathBuf::from(format!("{TXN_DIR}/{i:06}"));
        let file = fsio::write_new(&root.join(&staged), &write.bytes, write.mode, false)?;
        staged_files.add(root.join(&staged), file);
        renames.push((staged, write.target.clone()));
    }
    let mut journal_appends = Vec::with_capacity(appends.len());
    for (i, (target, bytes)) in appends.iter().enumerate() {
        if bytes.is_empty() {
            continue;
        }
        let staged = PathBuf::from(format!("{TXN_DIR}/append-{i:03}"));
        let file = fsio::write_new(&root.join(&staged), bytes, PRIVATE_FILE, false)?;
        staged_files.add(root.join(&staged), file);
        let at = match fs::metadata(root.join(target)) {
            Ok(m) => m.len(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
            Err(e) => return Err(Error::io(root.join(target), e)),
        };
        journal_appends.push(Append {
            staged,
            target: target.clone(),
            at,
        });
    }
    // Write everything first, then sync it all: one pass of waiting instead of one per file.
    staged_files.sync()?;
    crash_point("staged");

    let journal = Journal {
        renames,
        appends: journal_appends,
        removes,
    };
    let bytes = serde_json::to_vec(&journal).expect("journal serializes");
    fsio::write_atomic(&root.join(JOURNAL), &bytes, PRIVATE_FILE)?;
    crash_point("journal");
    apply(root, &journal)
}

/// Test builds only: `CREDCTL_CRASH_AT=<point>` aborts the process there, as a power cut would.
#[cfg(debug_assertions)]
fn crash_point(point: &str) {
    if std::env::var("CREDCTL_CRASH_AT").is_ok_and(|p| p == point) {
        std::process::abort();
    }
}

#[cfg(not(debug_assertions))]
fn crash_point(_point: &str) {}

/// Finishes or discards whatever an interrupted command left under `txn/`.
pub fn recover(root: &Path) -> Result<()> {
    let journal_path = root.join(JOURNAL);
    match fs::read(&journal_path) {
        Ok(bytes) => {
            let journal: Journal =
                serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(&journal_path, e))?;
            apply(root, &journal)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => discard_staged(root),
        Err(e) => Err(Error::io(&journal_path, e)),
    }
}

fn apply(root: &Path, journal: &Journal) -> Result<()> {
    let mut dirs_to_sync: Vec<PathBuf> = vec![root.to_path_buf()];
    for (staged, target) in &journal.renames {
        let staged = root.join(staged);
        let target = root.join(target);
        let parent = target.parent().unwrap_or(root).to_path_buf();
        if !parent.is_dir() {
            fsio::create_private_dir_all(&parent)?;
        }
        // A staged file that is gone was moved by an earlier, interrupted apply.
        if staged.exists() {
            fs::rename(&staged, &target).map_err(|e| Error::io(&target, e))?;
            crash_point("first-rename");
        }
        if !dirs_to_sync.contains(&parent) {
            dirs_to_sync.push(parent);
        }
    }
    for append in &journal.appends {
        let staged = root.join(&append.staged);
        let target = root.join(&append.target);
        let parent = target.parent().unwrap_or(root).to_path_buf();
        if !parent.is_dir() {
            fsio::create_private_dir_all(&parent)?;
        }
        if !dirs_to_sync.contains(&parent) {
            dirs_to_sync.push(parent);
        }
        let bytes = fsio::read(&staged)?;
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(PRIVATE_FILE)
            .open(&target)
            .map_err(|e| Error::io(&target, e))?;
        let io = |e| Error::io(&target, e);
        file.set_len(append.at).map_err(io)?;
        file.seek(SeekFrom::End(0)).map_err(io)?;
        file.write_all(&bytes).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    for rel in &journal.removes {
        let path = root.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        let parent = path.parent().unwrap_or(root).to_path_buf();
        if !dirs_to_sync.contains(&parent) {
            dirs_to_sync.push(parent);
        }
    }
    for dir in &dirs_to_sync {
        fsio::fsync_dir(dir)?;
    }
    let journal_path = root.join(JOURNAL);
    fs::remove_file(&journal_path).map_err(|e| Error::io(&journal_path, e))?;
    fsio::fsync_dir(&root.join(TXN_DIR))?;
    discard_staged(root)
}

fn discard_staged(root: &Path) -> Result<()> {
    let dir = root.join(TXN_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(target: &str, bytes: &[u8]) -> StagedWrite {
        StagedWrite {
            target: target.into(),
            bytes: bytes.to_vec(),
            mode: PRIVATE_FILE,
        }
    }

    #[test]
    fn commit_places_every_file_and_appends() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("log"), b"one\n").unwrap();
        fs::write(root.join("gone"), b"x").unwrap();
        commit(
            root,
            vec![write("a", b"A"), write("sub/b", b"B")],
            vec![("log".into(), b"two\n".to_vec())],
            vec!["gone".into()],
        )
        .unwrap();
        assert!(!root.join("gone").exists());
        assert_eq!(fs::read(root.join("a")).unwrap(), b"A");
        assert_eq!(fs::read(root.join("sub/b")).unwrap(), b"B");
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\ntwo\n");
        assert_eq!(fs::read_dir(root.join(TXN_DIR)).unwrap().count(), 0);
    }

    /// A crash after the journal was written but before it was applied: recovery rolls forward,
    /// and replaying twice (a crash during recovery) gives the same result.
    #[test]
    fn journal_left_behind_is_rolled_forward_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("log"), b"one\n").unwrap();
        fs::write(root.join("a"), b"old").unwrap();
        fs::create_dir(root.join(TXN_DIR)).unwrap();
        fs::write(root.join("txn/000000"), b"new").unwrap();
        fs::write(root.join("txn/append"), b"two\n").unwrap();
        // Half-applied already: the append happened once before the crash.
        fs::write(root.join("log"), b"one\ntwo\n").unwrap();
        let journal = Journal {
            renames: vec![("txn/000000".into(), "a".into())],
            appends: vec![Append {
                staged: "txn/append".into(),
                target: "log".into(),
                at: 4,
            }],
            removes: vec![],
        };
        fs::write(root.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();

        recover(root).unwrap();
        assert_eq!(fs::read(root.join("a")).unwrap(), b"new");
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\ntwo\n");
        assert!(!root.join(JOURNAL).exists());
        recover(root).unwrap();
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\ntwo\n");
    }

    /// A crash before the commit point: the staged files are discarded, the store is as before.
    #[test]
    fn staged_files_without_journal_are_rolled_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a"), b"old").unwrap();
        fs::create_dir(root.join(TXN_DIR)).unwrap();
        fs::write(root.join("txn/000000"), b"new").unwrap();
        recover(root).unwrap();
        assert_eq!(fs::read(root.join("a")).unwrap(), b"old");
        assert_eq!(fs::read_dir(root.join(TXN_DIR)).unwrap().count(), 0);
    }
}
