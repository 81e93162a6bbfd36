//! Durable, private file primitives. Everything the store or a user receives is written to a temp
//! file created with its final mode (never chmod-ed afterwards), fsynced, then renamed into place.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub const PRIVATE_FILE: u32 = 0o600;
pub const PUBLIC_FILE: u32 = 0o644;
pub const PRIVATE_DIR: u32 = 0o700;

pub fn create_private_dir(path: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .mode(PRIVATE_DIR)
        .create(path)
        .map_err(|e| Error::io(path, e))
}

/// Creates every missing directory of `path` with mode 0700.
pub fn create_private_dir_all(path: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .mode(PRIVATE_DIR)
        .recursive(true)
        .create(path)
        .map_err(|e| Error::io(path, e))
}

pub fn fsync_dir(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(path, e))
}

/// A name beside `target` that no other process will pick.
pub fn temp_sibling(target: &Path) -> PathBuf {
    let mut suffix = [0u8; 6];
    rand::fill(&mut suffix);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.tmp-{}", hex::encode(suffix)))
}

/// Creates a new file with `mode` from the start, writes `bytes`; optionally fsyncs.
pub fn write_new(path: &Path, bytes: &[u8], mode: u32, sync: bool) -> Result<File> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    if sync {
        file.sync_all().map_err(|e| Error::io(path, e))?;
    }
    Ok(file)
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Replaces `target` atomically: temp file (with `mode`), fsync, rename, fsync of the directory.
pub fn write_atomic(target: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let tmp = temp_sibling(target);
    write_new(&tmp, bytes, mode, true)?;
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(target, e));
    }
    fsync_dir(parent_of(target))
}

/// Creates `target` atomically and refuses to replace an existing file: the content appears
/// complete or not at all, with `mode` from its first byte.
pub fn write_atomic_new(target: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    if target.symlink_metadata().is_ok() {
        return Err(Error::OutputExists(target.to_path_buf()));
    }
    let tmp = temp_sibling(target);
    write_new(&tmp, bytes, mode, true)?;
    // link(2) fails when the target exists, unlike rename(2), so a racing writer never loses.
    let linked = fs::hard_link(&tmp, target);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => fsync_dir(parent_of(target)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::OutputExists(target.to_path_buf()))
        }
        Err(e) => Err(Error::io(target, e)),
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("f");
        write_atomic(&target, b"one", PRIVATE_FILE).unwrap();
        write_atomic(&target, b"two", PRIVATE_FILE).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        assert_eq!(mode(&target), 0o600);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn atomic_new_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("key");
        write_atomic_new(&target, b"secret", PRIVATE_FILE).unwrap();
        assert_eq!(mode(&target), 0o600);
        let err = write_atomic_new(&target, b"other", PRIVATE_FILE).unwrap_err();
        assert!(matches!(err, Error::OutputExists(_)));
        assert_eq!(fs::read(&target).unwrap(), b"secret");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn private_dirs_are_0700() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_private_dir_all(&sub).unwrap();
        assert_eq!(mode(&sub), 0o700);
    }
}
