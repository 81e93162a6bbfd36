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

/// Makes a set of newly written files durable. Past a handful of files one syncfs(2) of their
/// filesystem is far cheaper than an fsync each (batches write thousands), and only one
/// descriptor has to stay open for it. All files must be on one filesystem (one directory tree).
#[derive(Default)]
pub struct SyncSet {
    open: Vec<(PathBuf, File)>,
    count: usize,
}

const SYNCFS_ABOVE: usize = 16;

impl SyncSet {
    /// Whether the set would keep another descriptor (it keeps a handful, then relies on syncfs).
    pub fn wants_file(&self) -> bool {
        self.open.len() <= SYNCFS_ABOVE
    }

    /// Counts a written file whose descriptor the set does not need.
    pub fn add_unheld(&mut self) {
        self.count += 1;
    }

    pub fn add(&mut self, path: PathBuf, file: File) {
        self.count += 1;
        if self.open.len() <= SYNCFS_ABOVE {
            self.open.push((path, file));
        }
    }

    pub fn sync(self) -> Result<()> {
        if self.count > SYNCFS_ABOVE {
            use std::os::fd::AsRawFd;
            let (path, file) = &self.open[0];
            // SAFETY: syncfs only reads the descriptor, which `file` keeps open for the call.
            if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 {
                return Ok(());
            }
            return Err(Error::io(path, std::io::Error::last_os_error()));
        }
        for (path, file) in &self.open {
            file.sync_all().map_err(|e| Error::io(path, e))?;
        }
        Ok(())
    }
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

/// Refuses early (before any unlock) when a file credctl must create already exists.
pub fn ensure_absent(path: &Path) -> Result<()> {
    if path.symlink_metadata().is_ok() {
        return Err(Error::OutputExists(path.to_path_buf()));
    }
    Ok(())
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
    ensure_absent(target)?;
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

/// Files handed to a user, written as a group: every file is staged under a temp name (with its
/// final mode) and synced before any appears, then each is linked into place. New files never
/// replace existing ones; `replace` files (public, like ca.crt) do.
pub struct OutputBatch {
    dir: PathBuf,
    pending: Vec<Pending>,
    targets: std::collections::HashSet<PathBuf>,
}

struct Pending {
    target: PathBuf,
    bytes: Vec<u8>,
    mode: u32,
    replace: bool,
    staged: Option<Staged>,
}

/// Where a staged file waits for `publish`.
enum Staged {
    /// A hidden temp name beside the target.
    Named(PathBuf),
    /// An unnamed O_TMPFILE inode: nothing appears in the directory until it is linked, and a
    /// crash leaves nothing behind. Costs one open descriptor per file until publish.
    Anonymous(File),
}

/// How many unnamed files a batch may hold open: half the descriptor limit, the rest named.
fn anonymous_budget() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct we pass and reads nothing else.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return 0;
    }
    (limit.rlim_cur as usize / 2).saturating_sub(64)
}

fn open_anonymous(dir: &Path, mode: u32) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .mode(mode)
        .custom_flags(libc::O_TMPFILE)
        .open(dir)
}

/// Gives an O_TMPFILE inode its name; fails if the name exists.
fn link_anonymous(file: &File, target: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    let source = CString::new(format!("/proc/self/fd/{}", file.as_raw_fd()))?;
    let target = CString::new(target.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::linkat(
            libc::AT_FDCWD,
            source.as_ptr(),
            libc::AT_FDCWD,
            target.as_ptr(),
            libc::AT_SYMLINK_FOLLOW,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

impl OutputBatch {
    pub fn new(dir: &Path) -> Self {
        OutputBatch {
            dir: dir.to_path_buf(),
            pending: Vec::new(),
            targets: std::collections::HashSet::new(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds a file that must not exist yet; refuses at once if it does.
    pub fn add_new(&mut self, name: &str, bytes: Vec<u8>, mode: u32) -> Result<PathBuf> {
        let target = self.dir.join(name);
        ensure_absent(&target)?;
        if self.targets.contains(&target) {
            return Err(Error::OutputExists(target));
        }
        self.push(target.clone(), bytes, mode, false);
        Ok(target)
    }

    /// Adds a file that replaces any existing one. A file whose content would not change is left
    /// alone, so re-rendering an unchanged store touches nothing.
    pub fn add_replace(&mut self, name: &str, bytes: Vec<u8>, mode: u32) -> PathBuf {
        let target = self.dir.join(name);
        if fs::read(&target).is_ok_and(|existing| existing == bytes) {
            return target;
        }
        self.push(target.clone(), bytes, mode, true);
        target
    }

    fn push(&mut self, target: PathBuf, bytes: Vec<u8>, mode: u32, replace: bool) {
        self.targets.insert(target.clone());
        self.pending.push(Pending {
            target,
            bytes,
            mode,
            replace,
            staged: None,
        });
    }

    /// Writes every file under a temp name and syncs them all: after this only renames remain.
    pub fn stage(&mut self) -> Result<()> {
        if !self.dir.is_dir() {
            create_private_dir_all(&self.dir)?;
        }
        let mut written = SyncSet::default();
        let mut anonymous_left = anonymous_budget();
        for p in &mut self.pending {
            let anonymous = if !p.replace && anonymous_left > 0 {
                open_anonymous(&self.dir, p.mode).ok()
            } else {
                None
            };
            match anonymous {
                Some(mut file) => {
                    anonymous_left -= 1;
                    file.write_all(&p.bytes)
                        .map_err(|e| Error::io(&p.target, e))?;
                    if written.wants_file() {
                        let copy = file.try_clone().map_err(|e| Error::io(&p.target, e))?;
                        written.add(p.target.clone(), copy);
                    } else {
                        written.add_unheld();
                    }
                    p.staged = Some(Staged::Anonymous(file));
                }
                None => {
                    let temp = temp_sibling(&p.target);
                    let file = write_new(&temp, &p.bytes, p.mode, false)?;
                    p.staged = Some(Staged::Named(temp.clone()));
                    written.add(temp, file);
                }
            }
            // The content is in the page cache now; wipe the copy (it may be a key or password).
            zeroize::Zeroize::zeroize(&mut p.bytes);
        }
        written.sync()
    }

    /// Moves the staged files into place.
    pub fn publish(mut self) -> Result<Vec<PathBuf>> {
        let mut placed = Vec::with_capacity(self.pending.len());
        for p in &mut self.pending {
            let Some(staged) = p.staged.take() else {
                continue;
            };
            let result = match &staged {
                Staged::Anonymous(file) => link_anonymous(file, &p.target),
                Staged::Named(temp) if p.replace => fs::rename(temp, &p.target),
                Staged::Named(temp) => {
                    fs::hard_link(temp, &p.target).and_then(|()| fs::remove_file(temp))
                }
            };
            if let Err(e) = result {
                if let Staged::Named(temp) = &staged {
                    let _ = fs::remove_file(temp);
                }
                return Err(match e.kind() {
                    std::io::ErrorKind::AlreadyExists => Error::OutputExists(p.target.clone()),
                    _ => Error::io(&p.target, e),
                });
            }
            placed.push(p.target.clone());
        }
        fsync_dir(&self.dir)?;
        Ok(placed)
    }
}

impl Drop for OutputBatch {
    fn drop(&mut self) {
        for p in &mut self.pending {
            zeroize::Zeroize::zeroize(&mut p.bytes);
            // Unnamed files vanish with their descriptor; named temps are removed.
            if let Some(Staged::Named(temp)) = &p.staged {
                let _ = fs::remove_file(temp);
            }
        }
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
    fn output_batch_places_all_files_or_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut batch = OutputBatch::new(&out);
        batch.add_new("a.key", b"k".to_vec(), PRIVATE_FILE).unwrap();
        batch.add_replace("ca.crt", b"c".to_vec(), PUBLIC_FILE);
        assert!(
            batch
                .add_new("a.key", b"again".to_vec(), PRIVATE_FILE)
                .is_err()
        );
        batch.stage().unwrap();
        batch.publish().unwrap();
        assert_eq!(mode(&out.join("a.key")), 0o600);
        assert_eq!(mode(&out.join("ca.crt")), 0o644);
        assert_eq!(fs::read_dir(&out).unwrap().count(), 2);

        // Staged but never published: the temps disappear.
        let mut batch = OutputBatch::new(&out);
        batch.add_new("b.key", b"k".to_vec(), PRIVATE_FILE).unwrap();
        batch.stage().unwrap();
        drop(batch);
        assert_eq!(fs::read_dir(&out).unwrap().count(), 2);
    }

    #[test]
    fn private_dirs_are_0700() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_private_dir_all(&sub).unwrap();
        assert_eq!(mode(&sub), 0o700);
    }
}
