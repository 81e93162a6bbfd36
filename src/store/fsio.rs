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

/// In words, whom besides its owner the `bits` of `mode` (the part of 0o077 the caller cares
/// about) let in, and how: "readable by others" (some bit for others set), "writable by its
/// group" (group bits only), "readable and writable by others".
pub fn exposure(mode: u32, bits: u32) -> String {
    let open = mode & bits;
    let mut how = Vec::new();
    if open & 0o044 != 0 {
        how.push("readable");
    }
    if open & 0o022 != 0 {
        how.push("writable");
    }
    if how.is_empty() {
        how.push("usable");
    }
    let who = if open & 0o007 != 0 {
        "others"
    } else {
        "its group"
    };
    format!("{} by {who}", how.join(" and "))
}

/// Whether `uid` is someone else than the user running credctl; root's files are trusted (as ssh
/// trusts them), so only another ordinary user counts.
pub fn owned_by_another_user(uid: u32) -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    uid != 0 && uid != unsafe { libc::geteuid() }
}

/// Refuses a directory that hand-outs would be written into when anyone but its owner may write
/// to it (they could swap a key or a config before it is used), or when another user owns it,
/// as ssh refuses such a home directory. Checked on the existing directory; one that does not
/// exist yet is created 0700 and passes.
pub fn check_output_dir(dir: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let meta = match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => meta,
        // Missing: created 0700 when staged. Not a directory: staging reports it.
        Ok(_) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(dir, e)),
    };
    let mode = meta.mode() & 0o7777;
    if owned_by_another_user(meta.uid()) {
        return Err(Error::InvalidInput(format!(
            "output directory {} is owned by another user (uid {}): choose a directory of your own",
            dir.display(),
            meta.uid()
        )));
    }
    if mode & 0o022 != 0 {
        // Shared on purpose (sticky, like /tmp): the fix is another directory, not a chmod.
        let fix = if mode & 0o1000 != 0 {
            "choose a directory only you can write to".to_owned()
        } else {
            format!("chmod go-w {}", dir.display())
        };
        return Err(Error::InvalidInput(format!(
            "output directory {} is {} (mode {mode:04o}): {fix}",
            dir.display(),
            exposure(mode, 0o022)
        )));
    }
    Ok(())
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

/// Makes a set of newly written files durable, and the directories they were created in. Past
/// a handful of files one syncfs(2) per filesystem written to is far cheaper than an fsync
/// each (batches write thousands). The caller names each directory it writes into
/// ([`SyncSet::covers`]): every filesystem involved is synced, not only the first.
#[derive(Default)]
pub struct SyncSet {
    open: Vec<(PathBuf, File)>,
    count: usize,
    /// Each directory written into, open, with its filesystem (device).
    dirs: Vec<(u64, PathBuf, File)>,
    /// Some file is not held open: only syncfs reaches it.
    unheld: bool,
}

const SYNCFS_ABOVE: usize = 16;

impl SyncSet {
    /// Whether the set would keep another descriptor (it keeps a handful, then relies on syncfs).
    pub fn wants_file(&self) -> bool {
        self.open.len() <= SYNCFS_ABOVE
    }

    /// Counts a written file whose descriptor the set does not keep: syncfs covers it.
    pub fn add_unheld(&mut self) {
        self.count += 1;
        self.unheld = true;
    }

    pub fn add(&mut self, path: PathBuf, file: File) {
        self.count += 1;
        if self.open.len() <= SYNCFS_ABOVE {
            self.open.push((path, file));
        }
    }

    /// Files are created in `dir`: its entries and its filesystem are synced with the set.
    pub fn covers(&mut self, dir: &Path) -> Result<()> {
        use std::os::unix::fs::MetadataExt;
        if self.dirs.iter().any(|(_, d, _)| d == dir) {
            return Ok(());
        }
        let handle = File::open(dir).map_err(|e| Error::io(dir, e))?;
        let dev = handle.metadata().map_err(|e| Error::io(dir, e))?.dev();
        self.dirs.push((dev, dir.to_path_buf(), handle));
        Ok(())
    }

    pub fn sync(self) -> Result<()> {
        if self.count > SYNCFS_ABOVE || self.unheld {
            let mut synced = Vec::new();
            for (dev, path, dir) in &self.dirs {
                if !synced.contains(dev) {
                    syncfs(path, dir)?;
                    synced.push(*dev);
                }
            }
            if let (true, Some((path, file))) = (synced.is_empty(), self.open.first()) {
                syncfs(path, file)?;
            }
            return Ok(());
        }
        let dirs = self.dirs.iter().map(|(_, path, dir)| (path, dir));
        for (path, file) in self.open.iter().map(|(p, f)| (p, f)).chain(dirs) {
            file.sync_all().map_err(|e| Error::io(path, e))?;
        }
        Ok(())
    }
}

/// Syncs the whole filesystem `path` is on.
pub fn syncfs_of(path: &Path) -> Result<()> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    syncfs(path, &file)
}

fn syncfs(path: &Path, file: &File) -> Result<()> {
    use std::os::fd::AsRawFd;
    // SAFETY: syncfs only reads the descriptor, which `file` keeps open for the call.
    if unsafe { libc::syncfs(file.as_raw_fd()) } == 0 {
        Ok(())
    } else {
        Err(Error::io(path, std::io::Error::last_os_error()))
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

/// Where `stage` puts a hand-out file until the transaction `id` publishes it: a hidden name
/// beside its target, so the move is a rename within one directory.
pub fn staged_name(name: &str, id: &str) -> String {
    format!(".{name}.credctl-{id}")
}

/// Files handed to a user in one directory, written as a group. Each is staged under
/// [`staged_name`] with its final mode and synced before the store commits; the journal then
/// lists them and the commit (or the recovery of a killed one) moves them into place. New files
/// never replace existing ones; `replace` files (public, or re-rendered config) do.
pub struct OutputBatch {
    dir: PathBuf,
    pending: Vec<Pending>,
    names: std::collections::HashSet<String>,
    /// The directory did not exist when the batch began: no file in it can be in the way.
    absent: bool,
    /// Where the files were staged, once they were (see [`OutputBatch::stage`]).
    staged_in: Option<StagedIn>,
}

enum StagedIn {
    /// In the directory itself, under the transaction's staged names.
    Beside { id: String },
    /// A whole new directory beside the batch's own, ours alone.
    WholeDir(PathBuf),
}

struct Pending {
    name: String,
    bytes: Vec<u8>,
    mode: u32,
    replace: bool,
    /// Already written to the staging place by an [`EarlyWriter`].
    written: bool,
}

/// One file of a staged batch, as the journal records it; or (`dir`) a whole directory staged
/// beside its target, which must not exist yet.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct StagedOutput {
    pub name: String,
    pub replace: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dir: bool,
}

/// Where a batch was staged: the directory the journal's entries are in, and the entries.
pub struct Staged {
    pub dir: PathBuf,
    pub files: Vec<StagedOutput>,
}

impl OutputBatch {
    /// A batch for `dir`; refuses a directory others may write to ([`check_output_dir`]), before
    /// anything is written or unlocked for it.
    pub fn new(dir: &Path) -> Result<Self> {
        check_output_dir(dir)?;
        let absent =
            matches!(fs::symlink_metadata(dir), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
        Ok(OutputBatch {
            dir: dir.to_path_buf(),
            pending: Vec::new(),
            names: std::collections::HashSet::new(),
            absent,
            staged_in: None,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Every file the batch will write, by name, with its contents (to list them in a manifest).
    pub fn pending(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.pending
            .iter()
            .map(|p| (p.name.as_str(), p.bytes.as_slice()))
    }

    /// Whether `name` will be written (an unchanged `add_replace` is not).
    pub fn will_write(&self, name: &str) -> bool {
        self.pending.iter().any(|p| p.name == name)
    }

    /// Adds a file that must not exist yet; refuses at once if it does.
    pub fn add_new(&mut self, name: &str, bytes: Vec<u8>, mode: u32) -> Result<PathBuf> {
        self.push_new(name, bytes, mode, false)
    }

    /// A new file: refused if it exists (unless the directory did not) or was added already.
    fn push_new(
        &mut self,
        name: &str,
        bytes: Vec<u8>,
        mode: u32,
        written: bool,
    ) -> Result<PathBuf> {
        let target = self.dir.join(name);
        if !self.absent {
            ensure_absent(&target)?;
        }
        if !self.names.insert(name.to_owned()) {
            return Err(Error::OutputExists(target));
        }
        self.pending.push(Pending {
            name: name.to_owned(),
            bytes,
            mode,
            replace: false,
            written,
        });
        Ok(target)
    }

    /// Adds a file that replaces any existing one. A file whose content would not change is left
    /// alone, so re-rendering an unchanged store touches nothing.
    pub fn add_replace(&mut self, name: &str, bytes: Vec<u8>, mode: u32) -> PathBuf {
        let target = self.dir.join(name);
        if fs::read(&target).is_ok_and(|existing| existing == bytes) {
            return target;
        }
        self.pending.retain(|p| p.name != name);
        self.names.insert(name.to_owned());
        self.pending.push(Pending {
            name: name.to_owned(),
            bytes,
            mode,
            replace: true,
            written: false,
        });
        target
    }

    /// Writes every file under its staged name and adds it to `sync`: after this only renames
    /// remain. The in-memory copies (keys, passwords) are wiped as soon as they are written.
    ///
    /// A directory that still does not exist, in a parent that does, is staged whole beside it
    /// as `.DIR.credctl-ID/` holding the files under their own names, and published with one
    /// rename (`whole_dir`: no other batch of the change is inside it): ten thousand .creds
    /// cost ten thousand creates, not also ten thousand renames.
    pub fn stage(&mut self, id: &str, whole_dir: bool, sync: &mut SyncSet) -> Result<Staged> {
        self.open_staging(id, whole_dir)?;
        match self.staged_in.as_ref().expect("opened") {
            StagedIn::WholeDir(staged) => {
                let staged = staged.clone();
                // Chosen because the directory had a parent and a plain name.
                let parent = self.dir.parent().unwrap_or(Path::new("/")).to_path_buf();
                let name = self.dir.file_name().unwrap_or_default();
                let name = name.to_string_lossy().into_owned();
                // The new directory's entry in its parent must be durable too.
                sync.covers(&staged)?;
                sync.covers(&parent)?;
                self.write_pending(&staged, |name| name.to_owned(), sync)?;
                let files = vec![StagedOutput {
                    name,
                    replace: false,
                    dir: true,
                }];
                Ok(Staged { dir: parent, files })
            }
            StagedIn::Beside { .. } => {
                sync.covers(&self.dir)?;
                let dir = self.dir.clone();
                let files = self.write_pending(&dir, |name| staged_name(name, id), sync)?;
                Ok(Staged { dir, files })
            }
        }
    }

    /// Creates where the batch's files are staged (once): a whole new directory beside the
    /// batch's own, or the directory itself.
    fn open_staging(&mut self, id: &str, whole_dir: bool) -> Result<()> {
        if self.staged_in.is_some() {
            return Ok(());
        }
        if whole_dir && let Some((parent, name)) = self.new_dir_in_existing_parent() {
            let staged = parent.join(staged_name(&name, id));
            fs::DirBuilder::new()
                .mode(PRIVATE_DIR)
                .create(&staged)
                .map_err(|e| Error::io(&staged, e))?;
            self.staged_in = Some(StagedIn::WholeDir(staged));
            return Ok(());
        }
        if !self.dir.is_dir() {
            create_private_dir_all(&self.dir)?;
        }
        // Again, on what is there now: the directory may have appeared or changed since `new`.
        check_output_dir(&self.dir)?;
        remove_legacy_temps(&self.dir);
        self.staged_in = Some(StagedIn::Beside { id: id.to_owned() });
        Ok(())
    }

    /// Opens the batch's staging now, for files written while the change is still being made
    /// (a batch of thousands writes each file as soon as it exists, on the threads that make
    /// them); each must then be [`OutputBatch::adopt`]ed. The caller has recorded the intent.
    pub fn stage_early(&mut self, id: &str) -> Result<EarlyWriter> {
        self.open_staging(id, true)?;
        Ok(match self.staged_in.as_ref().expect("opened") {
            StagedIn::WholeDir(staged) => EarlyWriter {
                dir: staged.clone(),
                id: None,
            },
            StagedIn::Beside { id } => EarlyWriter {
                dir: self.dir.clone(),
                id: Some(id.clone()),
            },
        })
    }

    /// A new file an [`EarlyWriter`] of this batch wrote: published with the rest.
    pub fn adopt(&mut self, name: &str, mode: u32) -> Result<PathBuf> {
        self.push_new(name, Vec::new(), mode, true)
    }

    /// The parent and name of the batch's directory when it does not exist and its parent does.
    fn new_dir_in_existing_parent(&self) -> Option<(PathBuf, String)> {
        let name = self.dir.file_name()?.to_str()?.to_owned();
        let parent = self.dir.parent()?;
        let missing = matches!(fs::symlink_metadata(&self.dir), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
        (missing && parent.is_dir()).then(|| (parent.to_path_buf(), name))
    }

    /// Writes every pending file into `dir` under `staged(name)`, wiping each copy once written.
    fn write_pending(
        &mut self,
        dir: &Path,
        staged: impl Fn(&str) -> String,
        sync: &mut SyncSet,
    ) -> Result<Vec<StagedOutput>> {
        let mut files = Vec::with_capacity(self.pending.len());
        for p in &mut self.pending {
            if p.written {
                sync.add_unheld();
            } else {
                let path = dir.join(staged(&p.name));
                let file = write_new(&path, &p.bytes, p.mode, false)?;
                zeroize::Zeroize::zeroize(&mut p.bytes);
                if sync.wants_file() {
                    sync.add(path, file);
                } else {
                    sync.add_unheld();
                }
            }
            files.push(StagedOutput {
                name: p.name.clone(),
                replace: p.replace,
                dir: false,
            });
        }
        Ok(files)
    }

    /// The batch was published (or never staged): nothing left to clean up.
    pub fn forget(mut self) {
        self.staged_in = None;
    }
}

/// Writes files into a batch's staging place from any thread (see
/// [`OutputBatch::stage_early`]); they are synced with the rest of the change.
#[derive(Debug, Clone)]
pub struct EarlyWriter {
    dir: PathBuf,
    /// Files staged beside their targets carry the transaction id; in a whole staged
    /// directory they have their own names.
    id: Option<String>,
}

impl EarlyWriter {
    pub fn write(&self, name: &str, bytes: &[u8], mode: u32) -> Result<()> {
        let file = match &self.id {
            Some(id) => staged_name(name, id),
            None => name.to_owned(),
        };
        // No write-back hint per file (sync_file_range): measured, it made the batch slower
        // here; the one syncfs before the commit point flushes them together.
        write_new(&self.dir.join(file), bytes, mode, false).map(drop)
    }

    /// Starts flushing what was written, in the background, while the caller builds the rest of
    /// the change: the sync before the commit point (which alone guarantees durability) then
    /// finds less left to write.
    pub fn start_flush(&self) {
        let dir = self.dir.clone();
        std::thread::spawn(move || syncfs_of(&dir));
    }
}

/// Earlier credctl versions wrote hand-outs through `.NAME.tmp-<12 hex>` files that a killed
/// command left behind (`.auth.conf.tmp-*` with password hashes among them): remove them from a
/// directory credctl writes to. Regular files of exactly that shape only; best effort.
fn remove_legacy_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let legacy = name.starts_with('.')
            && name.rsplit_once(".tmp-").is_some_and(|(_, hex)| {
                hex.len() == 12 && hex.bytes().all(|b| b.is_ascii_hexdigit())
            });
        if legacy && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

impl Drop for OutputBatch {
    /// Abandoned before its commit: wipe the copies and remove what was staged.
    fn drop(&mut self) {
        for p in &mut self.pending {
            zeroize::Zeroize::zeroize(&mut p.bytes);
        }
        match &self.staged_in {
            Some(StagedIn::WholeDir(staged)) => {
                let _ = fs::remove_dir_all(staged);
            }
            Some(StagedIn::Beside { id }) => {
                for p in &self.pending {
                    let _ = fs::remove_file(self.dir.join(staged_name(&p.name, id)));
                }
            }
            None => {}
        }
    }
}

/// Moves a staged file to its name within `dir`: a rename for `replace`, otherwise a rename
/// that refuses to replace anything. Returns false when the target already existed (new files
/// only); the staged copy is then removed, never the target.
pub fn move_into_place(dir: &Path, staged: &str, name: &str, replace: bool) -> Result<bool> {
    let from = dir.join(staged);
    let to = dir.join(name);
    if replace {
        return fs::rename(&from, &to)
            .map(|()| true)
            .map_err(|e| Error::io(&to, e));
    }
    match rename_noreplace(&from, &to, false) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = fs::remove_file(&from);
            Ok(false)
        }
        Err(e) => Err(Error::io(&to, e)),
    }
}

/// Moves a directory staged whole beside its target into place, if the name is still free. If
/// something took it meanwhile: a directory of ours gets the staged files that do not collide
/// with its own; anything else is left alone, and so is what remains staged (nothing handed out
/// is lost or replaced).
pub fn move_dir_into_place(parent: &Path, staged: &str, name: &str) -> Result<()> {
    let from = parent.join(staged);
    let to = parent.join(name);
    match rename_noreplace(&from, &to, true) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(Error::io(&to, e)),
    }
    let is_dir = fs::symlink_metadata(&to).is_ok_and(|m| m.is_dir());
    if !is_dir || check_output_dir(&to).is_err() {
        return Ok(());
    }
    for entry in fs::read_dir(&from).map_err(|e| Error::io(&from, e))? {
        let file = entry.map_err(|e| Error::io(&from, e))?.file_name();
        match rename_noreplace(&from.join(&file), &to.join(&file), false) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(to.join(&file), e)),
        }
    }
    fsync_dir(&to)?;
    // Gone only when empty: a collision keeps its staged file.
    let _ = fs::remove_dir(&from);
    Ok(())
}

/// rename(2) that fails with AlreadyExists instead of replacing (renameat2 RENAME_NOREPLACE).
/// Where the filesystem lacks it: link + unlink for a file, a checked rename for a directory.
fn rename_noreplace(from: &Path, to: &Path, is_dir: bool) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c_from = CString::new(from.as_os_str().as_bytes())?;
    let c_to = CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            c_from.as_ptr(),
            libc::AT_FDCWD,
            c_to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if rc == 0 {
        return Ok(());
    }
    let err = std::io::Error::last_os_error();
    match err.raw_os_error() {
        Some(libc::EINVAL) | Some(libc::ENOSYS) if is_dir => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(std::io::ErrorKind::AlreadyExists.into());
            }
            fs::rename(from, to)
        }
        Some(libc::EINVAL) | Some(libc::ENOSYS) => {
            fs::hard_link(from, to)?;
            fs::remove_file(from)
        }
        _ => Err(err),
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
    fn staged_outputs_move_into_place_and_never_replace_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut batch = OutputBatch::new(&out).unwrap();
        batch.add_new("a.key", b"k".to_vec(), PRIVATE_FILE).unwrap();
        batch.add_replace("ca.crt", b"c".to_vec(), PUBLIC_FILE);
        assert!(
            batch
                .add_new("a.key", b"again".to_vec(), PRIVATE_FILE)
                .is_err()
        );
        fs::create_dir(&out).unwrap();
        let mut sync = SyncSet::default();
        let staged = batch.stage("0123456789abcdef", true, &mut sync).unwrap();
        sync.sync().unwrap();
        batch.forget();
        assert_eq!(staged.dir, out);
        for s in &staged.files {
            let name = staged_name(&s.name, "0123456789abcdef");
            assert!(move_into_place(&out, &name, &s.name, s.replace).unwrap());
        }
        assert_eq!(mode(&out.join("a.key")), 0o600);
        assert_eq!(mode(&out.join("ca.crt")), 0o644);
        assert_eq!(fs::read_dir(&out).unwrap().count(), 2);

        // A new file whose name appeared meanwhile is left alone; the staged copy goes.
        write_new(&out.join(".b.credctl-x"), b"mine", PRIVATE_FILE, false).unwrap();
        write_new(&out.join("b"), b"theirs", PRIVATE_FILE, false).unwrap();
        assert!(!move_into_place(&out, ".b.credctl-x", "b", false).unwrap());
        assert_eq!(fs::read(out.join("b")).unwrap(), b"theirs");
        assert!(!out.join(".b.credctl-x").exists());

        // A temp file an earlier credctl left is removed by the next batch in that directory.
        write_new(
            &out.join(".auth.conf.tmp-0123456789ab"),
            b"h",
            PRIVATE_FILE,
            false,
        )
        .unwrap();
        let mut batch = OutputBatch::new(&out).unwrap();
        batch.add_replace("ca.crt", b"c2".to_vec(), PUBLIC_FILE);
        batch
            .stage("00000000000000aa", true, &mut SyncSet::default())
            .unwrap();
        drop(batch);
        assert!(!out.join(".auth.conf.tmp-0123456789ab").exists());

        // Staged but abandoned: the staged files disappear.
        let mut batch = OutputBatch::new(&out).unwrap();
        batch.add_new("c.key", b"k".to_vec(), PRIVATE_FILE).unwrap();
        batch
            .stage("fedcba9876543210", true, &mut SyncSet::default())
            .unwrap();
        drop(batch);
        assert_eq!(fs::read_dir(&out).unwrap().count(), 3);
    }

    /// A directory that does not exist is staged whole beside its place and moved in with one
    /// rename; if the name was taken meanwhile, the files join that directory without replacing
    /// any of its own, and what collides stays staged.
    #[test]
    fn a_new_directory_is_staged_whole_and_published_with_one_rename() {
        let dir = tempfile::tempdir().unwrap();
        let id = "0123456789abcdef";
        let out = dir.path().join("creds");
        let stage = |out: &Path| {
            let mut batch = OutputBatch::new(out).unwrap();
            batch
                .add_new("a.creds", b"a".to_vec(), PRIVATE_FILE)
                .unwrap();
            batch
                .add_new("b.creds", b"b".to_vec(), PRIVATE_FILE)
                .unwrap();
            let mut sync = SyncSet::default();
            let staged = batch.stage(id, true, &mut sync).unwrap();
            sync.sync().unwrap();
            (batch, staged)
        };
        let (batch, staged) = stage(&out);
        assert_eq!(staged.dir, dir.path());
        assert!(staged.files.len() == 1 && staged.files[0].dir);
        assert!(!out.exists(), "nothing at the target before the publish");
        let staged_dir = staged_name("creds", id);
        assert_eq!(mode(&dir.path().join(&staged_dir)), 0o700);
        batch.forget();
        move_dir_into_place(dir.path(), &staged_dir, "creds").unwrap();
        assert_eq!(fs::read(out.join("a.creds")).unwrap(), b"a");
        assert_eq!(mode(&out.join("b.creds")), 0o600);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);

        // Taken meanwhile by a directory holding b.creds: a.creds joins it, b.creds stays staged.
        let other = dir.path().join("other");
        let (batch, _) = stage(&other);
        batch.forget();
        fs::create_dir(&other).unwrap();
        fs::write(other.join("b.creds"), b"theirs").unwrap();
        let staged_dir = staged_name("other", id);
        move_dir_into_place(dir.path(), &staged_dir, "other").unwrap();
        assert_eq!(fs::read(other.join("a.creds")).unwrap(), b"a");
        assert_eq!(fs::read(other.join("b.creds")).unwrap(), b"theirs");
        assert_eq!(
            fs::read(dir.path().join(&staged_dir).join("b.creds")).unwrap(),
            b"b"
        );

        // Abandoned before the commit: the staged directory goes with the batch.
        let third = dir.path().join("third");
        let (batch, _) = stage(&third);
        drop(batch);
        assert!(!dir.path().join(staged_name("third", id)).exists());
        assert!(!third.exists());
    }

    #[test]
    fn output_dirs_others_can_write_to_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        assert!(
            check_output_dir(&out).is_ok(),
            "missing: created 0700 later"
        );
        fs::create_dir(&out).unwrap();
        for (mode, refused) in [
            (0o700, None),
            (0o755, None),
            (0o775, Some("writable by its group (mode 0775): chmod go-w")),
            (0o777, Some("writable by others (mode 0777): chmod go-w")),
            (0o1777, Some("(mode 1777): choose a directory only you")),
        ] {
            fs::set_permissions(&out, fs::Permissions::from_mode(mode)).unwrap();
            match (OutputBatch::new(&out), refused) {
                (Ok(_), None) => {}
                (Err(e), Some(message)) => {
                    assert!(matches!(e, Error::InvalidInput(_)), "{e}");
                    assert!(e.to_string().contains(message), "{mode:o}: {e}");
                }
                (Ok(_), Some(_)) => panic!("{mode:o} accepted"),
                (Err(e), None) => panic!("{mode:o} refused: {e}"),
            }
        }
    }

    #[test]
    fn exposure_says_who_and_how() {
        assert_eq!(exposure(0o644, 0o077), "readable by others");
        assert_eq!(exposure(0o640, 0o077), "readable by its group");
        assert_eq!(exposure(0o666, 0o077), "readable and writable by others");
        assert_eq!(exposure(0o620, 0o077), "writable by its group");
        assert_eq!(exposure(0o610, 0o077), "usable by its group");
    }

    #[test]
    fn private_dirs_are_0700() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        create_private_dir_all(&sub).unwrap();
        assert_eq!(mode(&sub), 0o700);
    }
}
