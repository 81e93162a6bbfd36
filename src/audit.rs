//! The append-only, hash-chained audit log (`audit.log`, one JSON object a line).
//!
//! Each entry holds the hash of the one before it and its own hash over its canonical JSON, so
//! editing, removing or reordering a line breaks the chain. The store state (`store.json`) keeps
//! the head (last sequence number and hash), written in the same transaction as the log, so cutting
//! entries off the end is caught too. Entries never hold secrets: names, serials, fingerprints.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

pub const AUDIT_LOG_FILE: &str = "audit.log";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Something that changed, as a command reports it.
#[derive(Debug, Clone, Default)]
pub struct Event {
    pub action: String,
    pub subject: String,
    pub serial: Option<String>,
    pub fingerprint: Option<String>,
    pub detail: Option<String>,
}

impl Event {
    pub fn new(action: &str, subject: impl Into<String>) -> Self {
        Event {
            action: action.to_owned(),
            subject: subject.into(),
            ..Default::default()
        }
    }
    pub fn serial(mut self, serial: impl Into<String>) -> Self {
        self.serial = Some(serial.into());
        self
    }
    pub fn fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.fingerprint = Some(fingerprint.into());
        self
    }
    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// One line of the log. Field order is the canonical order the hash is computed over.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub seq: u64,
    pub time: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub prev: String,
    pub hash: String,
}

impl Entry {
    fn compute_hash(&self) -> String {
        let mut unhashed = self.clone();
        unhashed.hash = String::new();
        let json = serde_json::to_vec(&unhashed).expect("entry serializes");
        hex::encode(Sha256::digest(&json))
    }
}

/// The last entry's sequence number and hash, as recorded in store.json.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub hash: String,
}

impl Default for Head {
    fn default() -> Self {
        Head {
            seq: 0,
            hash: GENESIS.to_owned(),
        }
    }
}

/// Who ran the command: `CREDCTL_ACTOR`, else `user@host`.
pub fn current_actor() -> String {
    if let Ok(actor) = std::env::var("CREDCTL_ACTOR")
        && !actor.trim().is_empty()
    {
        return actor.trim().to_owned();
    }
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("LOGNAME"))
        .unwrap_or_else(|_| "unknown".into());
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_owned())
        .unwrap_or_else(|_| "localhost".into());
    format!("{user}@{host}")
}

/// Chains `events` onto `head`; returns the bytes to append and the new head.
pub fn chain(head: &Head, events: &[Event], actor: &str, time: &str) -> (Vec<u8>, Head) {
    let mut out = Vec::new();
    let mut head = head.clone();
    for event in events {
        let mut entry = Entry {
            seq: head.seq + 1,
            time: time.to_owned(),
            actor: actor.to_owned(),
            action: event.action.clone(),
            subject: event.subject.clone(),
            serial: event.serial.clone(),
            fingerprint: event.fingerprint.clone(),
            detail: event.detail.clone(),
            prev: head.hash.clone(),
            hash: String::new(),
        };
        entry.hash = entry.compute_hash();
        serde_json::to_writer(&mut out, &entry).expect("entry serializes");
        out.push(b'\n');
        head = Head {
            seq: entry.seq,
            hash: entry.hash,
        };
    }
    (out, head)
}

/// Checks a run of consecutive entries (a transcript: the log from some entry on): each entry's
/// hash, and that each follows the one before. Whatever vouches for the last entry (the signed
/// head) then vouches for all of them.
pub fn check_run(entries: &[Entry]) -> Result<()> {
    for (i, entry) in entries.iter().enumerate() {
        if entry.hash != entry.compute_hash() {
            return Err(Error::AuditTampered(format!(
                "entry {} does not match its hash (edited)",
                entry.seq
            )));
        }
        if let Some(next) = entries.get(i + 1)
            && (next.seq != entry.seq + 1 || next.prev != entry.hash)
        {
            return Err(Error::AuditTampered(format!(
                "entry {} does not follow entry {} (removed, added or reordered)",
                next.seq, entry.seq
            )));
        }
    }
    Ok(())
}

/// Parses the log without checking it (for `audit log`).
pub fn parse(log: &[u8]) -> Result<Vec<Entry>> {
    split_lines(log)
        .enumerate()
        .map(|(i, line)| {
            serde_json::from_slice(line).map_err(|e| {
                Error::AuditTampered(format!("line {} is not a valid entry: {e}", i + 1))
            })
        })
        .collect()
}

fn split_lines(log: &[u8]) -> impl Iterator<Item = &[u8]> {
    log.split(|b| *b == b'\n').filter(|l| !l.is_empty())
}

/// Checks every link of the chain and that it ends at `head`. Returns the number of entries.
pub fn verify(log: &[u8], head: &Head) -> Result<u64> {
    if !log.is_empty() && !log.ends_with(b"\n") {
        return Err(Error::AuditTampered(
            "the last line is incomplete (log truncated mid-entry)".into(),
        ));
    }
    let mut expected = Head::default();
    for (i, line) in split_lines(log).enumerate() {
        let lineno = i + 1;
        let entry: Entry = serde_json::from_slice(line).map_err(|e| {
            Error::AuditTampered(format!("line {lineno} is not a valid entry: {e}"))
        })?;
        if entry.seq != expected.seq + 1 {
            return Err(Error::AuditTampered(format!(
                "line {lineno} has sequence {} where {} was expected (entry removed or reordered)",
                entry.seq,
                expected.seq + 1
            )));
        }
        if entry.prev != expected.hash {
            return Err(Error::AuditTampered(format!(
                "entry {} does not follow the entry before it (entry removed or reordered)",
                entry.seq
            )));
        }
        if entry.hash != entry.compute_hash()
            || serde_json::to_vec(&entry).expect("entry serializes") != line
        {
            return Err(Error::AuditTampered(format!(
                "entry {} was edited after it was written",
                entry.seq
            )));
        }
        expected = Head {
            seq: entry.seq,
            hash: entry.hash,
        };
    }
    if &expected != head {
        return Err(Error::AuditTampered(format!(
            "the log ends at entry {} but the store recorded entry {} as the last (log truncated or replaced)",
            expected.seq, head.seq
        )));
    }
    Ok(expected.seq)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Vec<u8>, Head) {
        let events = [
            Event::new("init", "CN=Test Root").serial("01"),
            Event::new("cert.issue", "CN=alice,OU=dev").serial("02"),
            Event::new("cert.revoke", "CN=alice,OU=dev").serial("02"),
        ];
        chain(
            &Head::default(),
            &events,
            "tester@host",
            "2026-01-01T00:00:00Z",
        )
    }

    fn lines(log: &[u8]) -> Vec<String> {
        String::from_utf8(log.to_vec())
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    fn join(lines: &[String]) -> Vec<u8> {
        lines
            .iter()
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            .into_bytes()
    }

    #[test]
    fn a_fresh_chain_verifies() {
        let (log, head) = sample();
        assert_eq!(verify(&log, &head).unwrap(), 3);
        assert_eq!(verify(b"", &Head::default()).unwrap(), 0);
    }

    #[test]
    fn appending_continues_the_chain() {
        let (mut log, head) = sample();
        let (more, head2) = chain(&head, &[Event::new("crl", "CN=Test Root")], "t", "now");
        log.extend(more);
        assert_eq!(verify(&log, &head2).unwrap(), 4);
    }

    #[test]
    fn edits_removals_reorders_and_truncation_are_caught() {
        let (log, head) = sample();
        let original = lines(&log);

        let mut edited = original.clone();
        edited[1] = edited[1].replace("alice", "mallory");
        assert!(verify(&join(&edited), &head).is_err());

        let mut removed = original.clone();
        removed.remove(1);
        assert!(verify(&join(&removed), &head).is_err());

        let mut reordered = original.clone();
        reordered.swap(1, 2);
        assert!(verify(&join(&reordered), &head).is_err());

        let truncated = join(&original[..2]);
        assert!(verify(&truncated, &head).is_err());

        let mut spaced = original.clone();
        spaced[0] = spaced[0].replace(",\"", ", \"");
        assert!(verify(&join(&spaced), &head).is_err());
    }
}
