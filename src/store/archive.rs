//! The body of a backup: the store's files, length-prefixed, in one byte string (sealed whole
//! to the store key by the caller). Unpacking refuses any path that could leave the store.

use std::path::{Component, Path};

use crate::error::{Error, Result};

const MAGIC: &[u8] = b"credctl-archive 1\n";

pub fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size: usize = files.iter().map(|(p, b)| p.len() + b.len() + 12).sum();
    let mut out = Vec::with_capacity(MAGIC.len() + size);
    out.extend_from_slice(MAGIC);
    for (path, bytes) in files {
        out.extend_from_slice(&(path.len() as u32).to_be_bytes());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// The files of an archive; `what` names it in errors.
pub fn unpack(bytes: &[u8], what: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let bad = |detail: &str| Error::InvalidInput(format!("{}: {detail}", what.display()));
    let mut rest = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| bad("not a credctl archive"))?;
    let mut files = Vec::new();
    while !rest.is_empty() {
        let (len, tail) = take(rest, 4).ok_or_else(|| bad("truncated"))?;
        let len = u32::from_be_bytes(len.try_into().expect("4 bytes")) as usize;
        let (path, tail) = take(tail, len).ok_or_else(|| bad("truncated"))?;
        let path = std::str::from_utf8(path).map_err(|_| bad("a file name is not UTF-8"))?;
        if !safe_path(path) {
            return Err(bad(&format!("refusing the path {path:?}")));
        }
        let (len, tail) = take(tail, 8).ok_or_else(|| bad("truncated"))?;
        let len = usize::try_from(u64::from_be_bytes(len.try_into().expect("8 bytes")))
            .map_err(|_| bad("truncated"))?;
        let (content, tail) = take(tail, len).ok_or_else(|| bad("truncated"))?;
        files.push((path.to_owned(), content.to_vec()));
        rest = tail;
    }
    Ok(files)
}

fn take(bytes: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    (bytes.len() >= n).then(|| bytes.split_at(n))
}

/// A relative path of plain names: no root, no `..`, nothing but what a store holds.
fn safe_path(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_escapes() {
        let files = vec![
            ("store.json".to_owned(), b"{}".to_vec()),
            ("ca/root.crt".to_owned(), vec![0u8; 3]),
            ("empty".to_owned(), Vec::new()),
        ];
        let what = Path::new("backup");
        assert_eq!(unpack(&pack(&files), what).unwrap(), files);
        for evil in ["../x", "/etc/passwd", "a/../../b", ""] {
            let packed = pack(&[(evil.to_owned(), b"x".to_vec())]);
            assert!(unpack(&packed, what).is_err(), "{evil}");
        }
        let packed = pack(&files);
        assert!(unpack(&packed[..packed.len() - 1], what).is_err());
    }
}
