//! All-or-nothing changes across several store files and the files handed out with them,
//! surviving a crash at any point.
//!
//! Order of a commit:
//! 1. `txn/intent.json` names the output directories of this transaction (its id), so a crash
//!    while staging can be cleaned up;
//! 2. hand-out files are staged beside their targets as `.NAME.credctl-ID` (by the caller) or,
//!    for a directory that does not exist yet, all in `.DIR.credctl-ID/` beside it; new store
//!    files under `txn/`; everything synced;
//! 3. `txn/journal.json` is written atomically: **the commit point**;
//! 4. applying the journal renames each staged store file over its target, appends the staged
//!    lines at a recorded offset, deletes, then moves every staged hand-out (or directory)
//!    into place;
//! 5. the journal and intent are removed.
//!
//! Every step can be repeated, so a store opened after a crash replays a journal it finds (roll
//! forward) or, with no journal, throws the staged files away (roll back): the store and the
//! hand-outs are both before or both after.
//!
//! Store paths in the journal must be relative and stay inside the store (no `..`, no symlinks
//! on the way); hand-out entries may only move a file this transaction staged (its id in the
//! name) to a plain file name in the same directory, and never replace a new file's target.
//! Anything else is refused as damage before a single file is touched.

use std::fs::{self, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fsio::{self, PRIVATE_FILE, StagedOutput};
use crate::error::{Error, Result};

pub const TXN_DIR: &str = "txn";
/// Up to this many store files a commit fsyncs each; past it, one syncfs.
const SYNC_EACH_UP_TO: usize = 16;
const JOURNAL: &str = "txn/journal.json";
const INTENT: &str = "txn/intent.json";

/// A file to place in the store, relative to its root.
pub struct StagedWrite {
    pub target: PathBuf,
    pub bytes: Vec<u8>,
    pub mode: u32,
}

/// Hand-outs staged in one directory outside the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    pub dir: PathBuf,
    pub files: Vec<StagedOutput>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Journal {
    id: String,
    /// (staged, target), both relative to the store root, applied in order.
    renames: Vec<(PathBuf, PathBuf)>,
    appends: Vec<Append>,
    /// Files to delete, relative to the store root.
    removes: Vec<PathBuf>,
    publish: Vec<Publish>,
}

/// Bytes appended to a store file. Written in place past the file's committed end before the
/// commit point (`len` of them, synced with the rest; `staged` None), or, by older credctl
/// versions, staged in `txn/` and appended when the journal is applied.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Append {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    staged: Option<PathBuf>,
    target: PathBuf,
    /// Length of the target before the append: replaying truncates back to it first.
    at: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    len: Option<u64>,
}

/// Store files about to be appended to in place, with their committed length (None: new).
type Committed = Vec<(PathBuf, Option<u64>)>;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Intent {
    id: String,
    dirs: Vec<PathBuf>,
    /// Store files about to be appended to in place, with their committed length (None: the
    /// file is new): rolling back truncates them to it (removes a new one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    appends: Committed,
}

/// A fresh transaction id: names the staged hand-outs.
pub fn new_id() -> String {
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// Records where transaction `id` will stage hand-outs, before it stages any.
pub fn write_intent(root: &Path, id: &str, dirs: Vec<PathBuf>) -> Result<()> {
    write_intent_with(root, id, dirs, Vec::new())
}

fn write_intent_with(root: &Path, id: &str, dirs: Vec<PathBuf>, appends: Committed) -> Result<()> {
    ensure_txn_dir(root)?;
    let intent = Intent {
        id: id.to_owned(),
        dirs,
        appends,
    };
    let bytes = serde_json::to_vec(&intent).expect("intent serializes");
    fsio::write_atomic(&root.join(INTENT), &bytes, PRIVATE_FILE)
}

fn ensure_txn_dir(root: &Path) -> Result<()> {
    let txn_dir = root.join(TXN_DIR);
    if !txn_dir.is_dir() {
        fsio::create_private_dir(&txn_dir)?;
    }
    Ok(())
}

/// The store part and the hand-outs of one change.
pub struct Commit {
    pub id: String,
    /// The output directories the intent names (see [`write_intent`]).
    pub dirs: Vec<PathBuf>,
    pub writes: Vec<StagedWrite>,
    pub appends: Vec<(PathBuf, Vec<u8>)>,
    pub removes: Vec<PathBuf>,
    pub publish: Vec<Publish>,
}

/// Stages the store part, writes the journal (the commit point) and applies it, hand-outs
/// included. The hand-outs must already be staged, their files in `staged_files`: everything
/// is synced together, once.
/// `apply_lock` keeps readers out from the journal's writing until the change is applied.
pub fn commit<G>(
    root: &Path,
    commit: Commit,
    mut staged_files: fsio::SyncSet,
    apply_lock: impl FnOnce() -> Result<G>,
) -> Result<()> {
    ensure_txn_dir(root)?;
    discard_staged(root, &[INTENT])?;
    staged_files.covers(&root.join(TXN_DIR))?;
    let renames = stage_writes(root, &commit.writes, &mut staged_files)?;
    let appends: Vec<(&PathBuf, &Vec<u8>)> = commit
        .appends
        .iter()
        .filter(|(_, bytes)| !bytes.is_empty())
        .map(|(target, bytes)| (target, bytes))
        .collect();
    let (journal_appends, committed) = plan_appends(root, &appends)?;
    let journal = Journal {
        id: commit.id,
        renames,
        appends: journal_appends,
        removes: commit.removes,
        publish: commit.publish,
    };
    // Our own journal passes the same checks a found one must.
    validate(root, &root.join(JOURNAL), &journal)?;
    // Readers stay out from the first byte appended in place until the change is applied.
    let _apply = apply_lock()?;
    if !appends.is_empty() {
        write_intent_with(root, &journal.id, commit.dirs, committed)?;
        crash_point("intent");
    }
    for ((target, bytes), append) in appends.iter().zip(&journal.appends) {
        let file = append_in_place(&root.join(target), append.at, bytes)?;
        staged_files.add(root.join(target), file);
        if let Some(parent) = root.join(target).parent() {
            staged_files.covers(parent)?;
        }
    }
    // Write everything first, then sync it all: one pass of waiting instead of one per file.
    staged_files.sync()?;
    crash_point("staged");

    let bytes = serde_json::to_vec(&journal).expect("journal serializes");
    fsio::write_atomic(&root.join(JOURNAL), &bytes, PRIVATE_FILE)?;
    crash_point("journal");
    apply(root, &journal)
}

/// Writes each new store file under `txn/`: the renames the journal will make.
fn stage_writes(
    root: &Path,
    writes: &[StagedWrite],
    sync: &mut fsio::SyncSet,
) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut renames = Vec::with_capacity(writes.len());
    for (i, write) in writes.iter().enumerate() {
        let staged = PathBuf::from(format!("{TXN_DIR}/{i:06}"));
        let file = fsio::write_new(&root.join(&staged), &write.bytes, write.mode, false)?;
        sync.add(root.join(&staged), file);
        renames.push((staged, write.target.clone()));
    }
    Ok(renames)
}

/// The journal's in-place appends, and each file's committed length for the intent (None: the
/// file does not exist yet).
fn plan_appends(root: &Path, appends: &[(&PathBuf, &Vec<u8>)]) -> Result<(Vec<Append>, Committed)> {
    let mut journal = Vec::with_capacity(appends.len());
    let mut committed = Vec::with_capacity(appends.len());
    for (target, bytes) in appends {
        let at = match fs::symlink_metadata(root.join(target)) {
            Ok(m) => Some(m.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(root.join(target), e)),
        };
        committed.push(((*target).clone(), at));
        journal.push(Append {
            staged: None,
            target: (*target).clone(),
            at: at.unwrap_or(0),
            len: Some(bytes.len() as u64),
        });
    }
    Ok((journal, committed))
}

/// Writes `bytes` at `at`, the committed end of the store file `target` (created if missing).
fn append_in_place(target: &Path, at: u64, bytes: &[u8]) -> Result<fs::File> {
    use std::os::unix::fs::FileExt;
    let parent = target.parent().unwrap_or(Path::new("."));
    if !parent.is_dir() {
        fsio::create_private_dir_all(parent)?;
    }
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(PRIVATE_FILE)
        .custom_flags(libc::O_NOFOLLOW)
        .open(target)
        .map_err(|e| Error::io(target, e))?;
    let io = |e| Error::io(target, e);
    file.set_len(at).map_err(io)?;
    file.write_all_at(bytes, at).map_err(io)?;
    Ok(file)
}

/// `CREDCTL_CRASH_AT=<point>` aborts the process at that named point, and `CREDCTL_CRASH_AT=<n>`
/// at the n-th crash point reached (1-based), as a power cut would. It is in every build so the
/// crash tests run against the binary users install; all it can do is what `kill -9` does.
pub fn crash_point(point: &str) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static REACHED: AtomicUsize = AtomicUsize::new(0);
    let Ok(at) = std::env::var("CREDCTL_CRASH_AT") else {
        return;
    };
    let n = REACHED.fetch_add(1, Ordering::SeqCst) + 1;
    if at == point || at.parse::<usize>() == Ok(n) {
        std::process::abort();
    }
}

/// Whether a committed change waits to be applied (a command was killed while applying it).
pub fn pending(root: &Path) -> bool {
    fs::symlink_metadata(root.join(JOURNAL)).is_ok()
}

/// Whether anything of an unfinished change is under `txn/` (staged files, intent, journal).
pub fn leftovers(root: &Path) -> bool {
    fs::read_dir(root.join(TXN_DIR)).is_ok_and(|mut entries| entries.next().is_some())
}

/// Finishes or discards whatever an interrupted command left under `txn/` and in the output
/// directories it named.
pub fn recover(root: &Path) -> Result<()> {
    let journal_path = root.join(JOURNAL);
    match fs::read(&journal_path) {
        Ok(bytes) => {
            let journal: Journal =
                serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(&journal_path, e))?;
            validate(root, &journal_path, &journal)?;
            apply(root, &journal)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => roll_back(root),
        Err(e) => Err(Error::io(&journal_path, e)),
    }
}

/// No commit point: remove what the transaction staged, in the store and beside hand-outs.
fn roll_back(root: &Path) -> Result<()> {
    let intent_path = root.join(INTENT);
    match fs::read(&intent_path) {
        Ok(bytes) => {
            let intent: Intent =
                serde_json::from_slice(&bytes).map_err(|e| Error::corrupt(&intent_path, e))?;
            check_id(&intent_path, &intent.id)?;
            for dir in &intent.dirs {
                check_output_dir(&intent_path, dir)?;
            }
            for (target, _) in &intent.appends {
                check_store_path(root, &intent_path, target)?;
            }
            for dir in &intent.dirs {
                remove_staged_outputs(dir, &intent.id);
                remove_staged_dir(dir, &intent.id);
            }
            truncate_appends(root, &intent.appends)?;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&intent_path, e)),
    }
    discard_staged(root, &[])
}

/// Cuts store files appended to in place back to their committed length, and removes those
/// the change was creating.
fn truncate_appends(root: &Path, appends: &[(PathBuf, Option<u64>)]) -> Result<()> {
    for (rel, at) in appends {
        let path = root.join(rel);
        let Some(at) = at else {
            match fs::remove_file(&path) {
                Ok(()) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io(&path, e)),
            }
        };
        let file = match OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&path, e)),
        };
        let io = |e| Error::io(&path, e);
        if file.metadata().map_err(io)?.len() > *at {
            file.set_len(*at).map_err(io)?;
            file.sync_all().map_err(io)?;
        }
    }
    Ok(())
}

/// Removes `.NAME.credctl-ID` files of transaction `id` from `dir`; best effort.
fn remove_staged_outputs(dir: &Path, id: &str) {
    let suffix = format!(".credctl-{id}");
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.ends_with(&suffix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Removes `dir` staged whole by transaction `id` (`.DIR.credctl-ID/` beside it); best effort.
fn remove_staged_dir(dir: &Path, id: &str) {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else {
        return;
    };
    let staged = parent.join(fsio::staged_name(&name.to_string_lossy(), id));
    if fs::symlink_metadata(&staged).is_ok_and(|m| m.is_dir()) {
        let _ = fs::remove_dir_all(staged);
    }
}

fn check_id(file: &Path, id: &str) -> Result<()> {
    if id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(Error::corrupt(file, "bad transaction id"))
    }
}

/// A store path: relative, only plain components, and no symlink on the way inside the store.
fn check_store_path(root: &Path, file: &Path, rel: &Path) -> Result<()> {
    let plain =
        !rel.as_os_str().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(Error::corrupt(
            file,
            format!("names {} outside the store", rel.display()),
        ));
    }
    let mut at = root.to_path_buf();
    for component in rel.components() {
        at.push(component);
        match fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(Error::corrupt(
                    file,
                    format!("{} is a symbolic link", rel.display()),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn check_output_dir(file: &Path, dir: &Path) -> Result<()> {
    if dir.is_absolute() && dir.components().all(|c| !matches!(c, Component::ParentDir)) {
        Ok(())
    } else {
        Err(Error::corrupt(
            file,
            format!("output directory {} is not absolute", dir.display()),
        ))
    }
}

fn check_file_name(file: &Path, name: &str) -> Result<()> {
    let mut components = Path::new(name).components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(_)), None) if !name.contains('/') => Ok(()),
        _ => Err(Error::corrupt(
            file,
            format!("{name:?} is not a plain file name"),
        )),
    }
}

fn validate(root: &Path, file: &Path, journal: &Journal) -> Result<()> {
    check_id(file, &journal.id)?;
    for (staged, target) in &journal.renames {
        check_store_path(root, file, staged)?;
        check_store_path(root, file, target)?;
    }
    for append in &journal.appends {
        if let Some(staged) = &append.staged {
            check_store_path(root, file, staged)?;
        }
        check_store_path(root, file, &append.target)?;
    }
    for rel in &journal.removes {
        check_store_path(root, file, rel)?;
    }
    for publish in &journal.publish {
        check_output_dir(file, &publish.dir)?;
        for f in &publish.files {
            check_file_name(file, &f.name)?;
        }
    }
    Ok(())
}

fn apply(root: &Path, journal: &Journal) -> Result<()> {
    // Past a handful of files one syncfs at the end beats an fsync per file and directory.
    let one_syncfs = journal.renames.len() + journal.appends.len() > SYNC_EACH_UP_TO;
    let mut dirs_to_sync: Vec<PathBuf> = vec![root.to_path_buf()];
    let mut note_dir = |dir: PathBuf| {
        if !dirs_to_sync.contains(&dir) {
            dirs_to_sync.push(dir);
        }
    };
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
            crash_point("store-rename");
        }
        note_dir(parent);
    }
    for append in &journal.appends {
        let target = root.join(&append.target);
        let parent = target.parent().unwrap_or(root).to_path_buf();
        if !parent.is_dir() {
            fsio::create_private_dir_all(&parent)?;
        }
        note_dir(parent);
        match (&append.staged, append.len) {
            (Some(staged), _) => append_at(&root.join(staged), &target, append.at, !one_syncfs)?,
            (None, Some(len)) => check_appended(&target, append.at + len)?,
            (None, None) => return Err(Error::corrupt(&target, "an append without its bytes")),
        }
        crash_point("store-append");
    }
    for rel in &journal.removes {
        let path = root.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
        crash_point("store-remove");
        note_dir(path.parent().unwrap_or(root).to_path_buf());
    }
    if one_syncfs {
        fsio::syncfs_of(root)?;
    } else {
        for dir in &dirs_to_sync {
            fsio::fsync_dir(dir)?;
        }
    }
    publish(journal)?;
    // The intent goes first, durably: an intent without its journal means "roll back", which
    // would cut the appends this journal committed.
    let intent_path = root.join(INTENT);
    match fs::remove_file(&intent_path) {
        Ok(()) => fsio::fsync_dir(&root.join(TXN_DIR))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(&intent_path, e)),
    }
    crash_point("intent-removed");
    let journal_path = root.join(JOURNAL);
    fs::remove_file(&journal_path).map_err(|e| Error::io(&journal_path, e))?;
    crash_point("journal-removed");
    discard_staged(root, &[])?;
    fsio::fsync_dir(&root.join(TXN_DIR))
}

/// An append made in place before the commit point is there, synced: only a longer file (never
/// expected) is cut to the committed length.
fn check_appended(target: &Path, end: u64) -> Result<()> {
    let file = OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(target)
        .map_err(|e| Error::io(target, e))?;
    let io = |e| Error::io(target, e);
    let len = file.metadata().map_err(io)?.len();
    if len < end {
        return Err(Error::corrupt(
            target,
            format!("{len} bytes where a committed append ends at {end}"),
        ));
    }
    if len > end {
        file.set_len(end).map_err(io)?;
        file.sync_all().map_err(io)?;
    }
    Ok(())
}

fn append_at(staged: &Path, target: &Path, at: u64, sync: bool) -> Result<()> {
    let bytes = fsio::read(staged)?;
    let mut file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(PRIVATE_FILE)
        .open(target)
        .map_err(|e| Error::io(target, e))?;
    let io = |e| Error::io(target, e);
    file.set_len(at).map_err(io)?;
    file.seek(SeekFrom::End(0)).map_err(io)?;
    file.write_all(&bytes).map_err(io)?;
    if sync {
        file.sync_all().map_err(io)?;
    }
    Ok(())
}

/// Moves every staged hand-out into place. A staged file that is gone was moved already.
fn publish(journal: &Journal) -> Result<()> {
    for batch in &journal.publish {
        for f in &batch.files {
            let staged = fsio::staged_name(&f.name, &journal.id);
            match fs::symlink_metadata(batch.dir.join(&staged)) {
                Ok(m) if f.dir && m.file_type().is_dir() => {
                    fsio::move_dir_into_place(&batch.dir, &staged, &f.name)?;
                    crash_point("publish");
                }
                Ok(m) if !f.dir && m.file_type().is_file() => {
                    fsio::move_into_place(&batch.dir, &staged, &f.name, f.replace)?;
                    crash_point("publish");
                }
                _ => {}
            }
        }
        if batch.dir.is_dir() {
            fsio::fsync_dir(&batch.dir)?;
        }
    }
    Ok(())
}

/// Empties `txn/` but for `keep`.
fn discard_staged(root: &Path, keep: &[&str]) -> Result<()> {
    let dir = root.join(TXN_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    for entry in entries {
        let path = entry.map_err(|e| Error::io(&dir, e))?.path();
        if keep.iter().any(|k| root.join(k) == path) {
            continue;
        }
        let removed = if path.is_dir() && !path.is_symlink() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| Error::io(&path, e))?;
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

    fn store_only(writes: Vec<StagedWrite>, appends: Vec<(PathBuf, Vec<u8>)>) -> Commit {
        Commit {
            id: new_id(),
            dirs: vec![],
            writes,
            appends,
            removes: vec![],
            publish: vec![],
        }
    }

    #[test]
    fn commit_places_every_file_and_appends() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("log"), b"one\n").unwrap();
        fs::write(root.join("gone"), b"x").unwrap();
        let mut change = store_only(
            vec![write("a", b"A"), write("sub/b", b"B")],
            vec![("log".into(), b"two\n".to_vec())],
        );
        change.removes.push("gone".into());
        commit(root, change, fsio::SyncSet::default(), || Ok(())).unwrap();
        // Appended in place: the log holds exactly the committed bytes, nothing staged is left.
        assert!(!root.join("gone").exists());
        assert_eq!(fs::read(root.join("a")).unwrap(), b"A");
        assert_eq!(fs::read(root.join("sub/b")).unwrap(), b"B");
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\ntwo\n");
        assert_eq!(fs::read_dir(root.join(TXN_DIR)).unwrap().count(), 0);
    }

    /// A crash after the journal was written but before it was applied: recovery rolls forward,
    /// hand-outs included, and replaying twice (a crash during recovery) gives the same result.
    #[test]
    fn journal_left_behind_is_rolled_forward_exactly_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        let out = dir.path().join("out");
        fs::create_dir_all(root.join(TXN_DIR)).unwrap();
        fs::create_dir(&out).unwrap();
        let id = "00112233aabbccdd";
        fs::write(root.join("log"), b"one\n").unwrap();
        fs::write(root.join("a"), b"old").unwrap();
        fs::write(root.join("txn/000000"), b"new").unwrap();
        fs::write(root.join("txn/append"), b"two\n").unwrap();
        fs::write(out.join(fsio::staged_name("bob.key", id)), b"key").unwrap();
        let staged_dir = dir.path().join(fsio::staged_name("creds", id));
        fs::create_dir(&staged_dir).unwrap();
        fs::write(staged_dir.join("u.creds"), b"creds").unwrap();
        // Half-applied already: the append happened once before the crash.
        fs::write(root.join("log"), b"one\ntwo\n").unwrap();
        let journal = Journal {
            id: id.into(),
            renames: vec![("txn/000000".into(), "a".into())],
            appends: vec![Append {
                staged: Some("txn/append".into()),
                target: "log".into(),
                at: 4,
                len: None,
            }],
            removes: vec![],
            publish: vec![
                Publish {
                    dir: out.clone(),
                    files: vec![StagedOutput {
                        name: "bob.key".into(),
                        replace: false,
                        dir: false,
                    }],
                },
                Publish {
                    dir: dir.path().to_path_buf(),
                    files: vec![StagedOutput {
                        name: "creds".into(),
                        replace: false,
                        dir: true,
                    }],
                },
            ],
        };
        fs::write(root.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();

        recover(&root).unwrap();
        assert_eq!(fs::read(root.join("a")).unwrap(), b"new");
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\ntwo\n");
        assert_eq!(fs::read(out.join("bob.key")).unwrap(), b"key");
        assert_eq!(
            fs::read(dir.path().join("creds/u.creds")).unwrap(),
            b"creds"
        );
        assert!(!staged_dir.exists());
        assert!(!root.join(JOURNAL).exists());
        recover(&root).unwrap();
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\ntwo\n");
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
    }

    /// A crash before the commit point: staged store files and staged hand-outs are discarded.
    #[test]
    fn staged_files_without_journal_are_rolled_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        let out = dir.path().join("out");
        fs::create_dir_all(root.join(TXN_DIR)).unwrap();
        fs::create_dir(&out).unwrap();
        fs::write(root.join("a"), b"old").unwrap();
        fs::write(root.join("txn/000000"), b"new").unwrap();
        let id = new_id();
        let new_dir = dir.path().join("new");
        write_intent(&root, &id, vec![out.clone(), new_dir.clone()]).unwrap();
        fs::write(out.join(fsio::staged_name("x.key", &id)), b"k").unwrap();
        fs::write(out.join("keep"), b"k").unwrap();
        // A directory being staged whole for `new`.
        let staged_dir = dir.path().join(fsio::staged_name("new", &id));
        fs::create_dir(&staged_dir).unwrap();
        fs::write(staged_dir.join("y.creds"), b"k").unwrap();
        recover(&root).unwrap();
        assert_eq!(fs::read(root.join("a")).unwrap(), b"old");
        assert_eq!(fs::read_dir(root.join(TXN_DIR)).unwrap().count(), 0);
        assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
        assert!(!staged_dir.exists() && !new_dir.exists());
    }

    /// Killed after appending in place but before the commit point: the intent names the
    /// appended files and their committed lengths, and recovery cuts them back.
    #[test]
    fn appends_made_in_place_are_cut_back_without_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        fs::create_dir_all(root.join(TXN_DIR)).unwrap();
        fs::write(root.join("log"), b"one\ntwo-uncommitted\n").unwrap();
        fs::write(root.join("new.log"), b"uncommitted\n").unwrap();
        let id = new_id();
        let appends = vec![("log".into(), Some(4)), ("new.log".into(), None)];
        write_intent_with(&root, &id, vec![], appends).unwrap();
        recover(&root).unwrap();
        assert_eq!(fs::read(root.join("log")).unwrap(), b"one\n");
        assert!(!root.join("new.log").exists());
        assert_eq!(fs::read_dir(root.join(TXN_DIR)).unwrap().count(), 0);
    }

    #[test]
    fn journals_naming_paths_outside_the_store_are_damage() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("store");
        fs::create_dir_all(root.join(TXN_DIR)).unwrap();
        fs::write(dir.path().join("canary"), b"alive").unwrap();
        fs::write(root.join("txn/000000"), b"evil").unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("link")).unwrap();
        for (staged, target) in [
            ("txn/000000", "../canary"),
            ("txn/000000", "/tmp/x"),
            ("txn/000000", "link/canary"),
            ("../canary", "a"),
        ] {
            let journal = Journal {
                id: new_id(),
                renames: vec![(staged.into(), target.into())],
                appends: vec![],
                removes: vec!["../canary".into()],
                publish: vec![],
            };
            fs::write(root.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();
            let err = recover(&root).unwrap_err();
            assert!(matches!(err, Error::Corrupt { .. }), "{err}");
            assert_eq!(fs::read(dir.path().join("canary")).unwrap(), b"alive");
        }
    }
}
