//! M-of-N custody: the key that opens the store's share wrap, split with Shamir's scheme over
//! GF(256) (the `blahaj` crate), and the printable share format custodians carry and type back.
//!
//! The shared secret is an age X25519 identity (32 bytes); each share is its x coordinate and 32
//! bytes. A share is printed as Crockford base32 in short lines, each ending in a two-character
//! check of that line, the split it belongs to, the share number and the line number: a typo is
//! found at the line it is on, and a line from another split or share does not pass.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use age::x25519;
use data_encoding::{Encoding, Specification};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Most shares a split may have (GF(256) has 255 non-zero x coordinates).
pub const MAX_SHARES: u8 = 255;
/// Characters of share data per printed line (four groups of four).
const LINE_CHARS: usize = 16;
const SECRET_KEY_HRP: &str = "AGE-SECRET-KEY-";

/// Crockford's base32: no I, L, O, U; read back case-insensitively with I/L as 1 and O as 0.
fn crockford() -> Encoding {
    let mut spec = Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.translate.from.push_str("abcdefghjkmnpqrstvwxyzOoIiLl");
    spec.translate.to.push_str("ABCDEFGHJKMNPQRSTVWXYZ001111");
    spec.encoding().expect("a valid base32 specification")
}

/// What identifies a split and what it needs: recorded in the store, printed on every share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitInfo {
    /// Eight base32 characters, random per split.
    pub id: String,
    pub total: u8,
    pub threshold: u8,
}

/// One share as carried: its number (x) and 32 bytes.
pub struct Share {
    pub number: u8,
    data: Zeroizing<Vec<u8>>,
}

/// A new split id.
pub fn new_split_id() -> String {
    let bytes: [u8; 5] = rand::random();
    crockford().encode(&bytes)
}

/// Splits a fresh identity `total` ways; any `threshold` shares rebuild it.
pub fn split(info: &SplitInfo) -> Result<(x25519::Identity, Vec<Share>)> {
    check_counts(info.total, info.threshold)?;
    let identity = x25519::Identity::generate();
    let secret = identity_bytes(&identity)?;
    let shares = blahaj::Sharks(info.threshold)
        .dealer(&secret)
        .take(usize::from(info.total))
        .map(|s| {
            let bytes: Vec<u8> = (&s).into();
            Share {
                number: bytes[0],
                data: Zeroizing::new(bytes[1..].to_vec()),
            }
        })
        .collect();
    Ok((identity, shares))
}

pub fn check_counts(total: u8, threshold: u8) -> Result<()> {
    if threshold < 2 || threshold > total {
        return Err(Error::InvalidInput(format!(
            "--threshold must be at least 2 and at most --shares ({total}), got {threshold}"
        )));
    }
    Ok(())
}

/// Rebuilds the identity from shares already checked to belong to `info`'s split.
pub fn combine(info: &SplitInfo, shares: &[Share]) -> Result<x25519::Identity> {
    let mut numbers: Vec<u8> = shares.iter().map(|s| s.number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() < usize::from(info.threshold) {
        return Err(Error::InvalidInput(format!(
            "only {} different share(s) of split {}; {} are needed",
            numbers.len(),
            group(&info.id),
            info.threshold
        )));
    }
    let parts: Vec<blahaj::Share> = shares
        .iter()
        .map(|s| {
            let mut bytes = Zeroizing::new(vec![s.number]);
            bytes.extend_from_slice(&s.data);
            blahaj::Share::try_from(bytes.as_slice()).expect("a share has 33 bytes")
        })
        .collect();
    let secret = Zeroizing::new(
        blahaj::Sharks(info.threshold)
            .recover(&parts)
            .map_err(|e| Error::InvalidInput(e.to_owned()))?,
    );
    identity_from_bytes(&secret)
}

fn identity_bytes(identity: &x25519::Identity) -> Result<Zeroizing<Vec<u8>>> {
    let text = identity.to_string();
    let (_, bytes) = bech32::decode(text.expose_secret())
        .map_err(|e| Error::Crypto(format!("cannot encode the share key: {e}")))?;
    Ok(Zeroizing::new(bytes))
}

fn identity_from_bytes(bytes: &[u8]) -> Result<x25519::Identity> {
    let hrp = bech32::Hrp::parse(SECRET_KEY_HRP).expect("a valid HRP");
    let text = Zeroizing::new(
        bech32::encode_upper::<bech32::Bech32>(hrp, bytes)
            .map_err(|e| Error::Crypto(e.to_string()))?,
    );
    x25519::Identity::from_str(&text).map_err(|e| Error::Crypto(e.to_owned()))
}

/// The two check characters of data line `line` (from 1) of share `number` of split `split`.
pub fn line_check(split: &str, number: u8, line: usize, data: &str) -> String {
    let digest = Sha256::new()
        .chain_update(b"credctl share line\0")
        .chain_update(split.as_bytes())
        .chain_update([number])
        .chain_update((line as u32).to_be_bytes())
        .chain_update(data.as_bytes())
        .finalize();
    crockford().encode(&digest[..2])[..2].to_owned()
}

/// The check of a whole share, printed last: eight characters in two groups.
fn share_check(split: &str, share: &Share) -> String {
    let digest = Sha256::new()
        .chain_update(b"credctl share\0")
        .chain_update(split.as_bytes())
        .chain_update([share.number])
        .chain_update(&*share.data)
        .finalize();
    let text = crockford().encode(&digest[..5]);
    format!("{}-{}", &text[..4], &text[4..])
}

/// The printed form of `share`; `about` names the store (CA name and root fingerprint).
pub fn render(info: &SplitInfo, share: &Share, about: &str, made: &str) -> Zeroizing<String> {
    let encoded = Zeroizing::new(crockford().encode(&share.data));
    let mut text = Zeroizing::new(format!(
        "credctl store key share\n\
         \x20 store:  {about}\n\
         \x20 split:  {}, made {made}\n\
         \x20 share:  {} of {} (any {} of them unlock the store)\n\n",
        group(&info.id),
        share.number,
        info.total,
        info.threshold
    ));
    for (i, chunk) in encoded.as_bytes().chunks(LINE_CHARS).enumerate() {
        let data = std::str::from_utf8(chunk).expect("base32 is ASCII");
        let check = line_check(&info.id, share.number, i + 1, data);
        text.push_str(&format!("  {}: {:<19}  {check}\n", i + 1, group(data)));
    }
    text.push_str(&format!(
        "\n  check:  {}\n\nEach line's last two characters check that line. Keep this share \
         apart from the others: any {} shares unlock the store.\n",
        share_check(&info.id, share),
        info.threshold
    ));
    text
}

/// `text` in groups of four, separated by spaces (or a dash for an id).
pub fn group(text: &str) -> String {
    let groups: Vec<&str> = text
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).expect("ASCII"))
        .collect();
    if text.len() == 8 {
        groups.join("-")
    } else {
        groups.join(" ")
    }
}

/// A short code for reading aloud: the SHA-256 of `bytes`, its first 80 bits in Crockford base32,
/// in four groups of four (`K7M2-Q9XR-4TZA-8BWE`).
pub fn short_code(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let text = crockford().encode(&digest[..10]);
    let groups: Vec<&str> = (0..4).map(|i| &text[i * 4..i * 4 + 4]).collect();
    groups.join("-")
}

/// Normalises typed base32: no spaces or dashes, upper case, Crockford's look-alikes mapped.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Parses one printed data line (`N: DATA CC`), checking it; returns its line number and data.
pub fn parse_line(split: &str, number: u8, text: &str) -> Result<Option<(usize, String)>> {
    let Some((label, rest)) = text.trim().split_once(':') else {
        return Ok(None);
    };
    let Ok(line) = label.trim().parse::<usize>() else {
        return Ok(None);
    };
    let mut words: Vec<&str> = rest.split_whitespace().collect();
    let Some(check) = words.pop() else {
        return Err(Error::InvalidInput(format!("line {line} is empty")));
    };
    let data = normalise(&words.concat());
    if normalise(check) != line_check(split, number, line, &data) {
        return Err(Error::InvalidInput(format!(
            "line {line} does not match its check characters: a typo on that line, or a line of another share"
        )));
    }
    Ok(Some((line, data)))
}

/// Parses a printed share, checking every line and the whole; `split` is the store's current
/// split. Errors say what is wrong without naming the source (the caller does).
pub fn parse(text: &str, split: &SplitInfo) -> Result<Share> {
    let field = |name: &str| {
        text.lines().find_map(|l| {
            l.trim()
                .strip_prefix(name)
                .and_then(|v| v.trim().split([',', ' ']).next().map(normalise))
        })
    };
    let id = field("split:")
        .ok_or_else(|| Error::InvalidInput("not a credctl share (no split: line)".into()))?;
    if id != split.id {
        return Err(Error::InvalidInput(format!(
            "belongs to split {}, not the store's current split {}: shares of an earlier split no longer unlock it",
            group(&id),
            group(&split.id)
        )));
    }
    let number = field("share:")
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=split.total).contains(n))
        .ok_or_else(|| Error::InvalidInput("has no valid share: line".into()))?;
    let mut encoded = String::new();
    let mut expected = 1;
    for line in text.lines() {
        if let Some((n, data)) = parse_line(&split.id, number, line)? {
            if n != expected {
                return Err(Error::InvalidInput(format!("line {expected} is missing")));
            }
            encoded.push_str(&data);
            expected += 1;
        }
    }
    let encoded = Zeroizing::new(encoded);
    let data = crockford()
        .decode(encoded.as_bytes())
        .ok()
        .filter(|d| d.len() == 32)
        .ok_or_else(|| Error::InvalidInput("its lines are incomplete".into()))?;
    let share = Share {
        number,
        data: Zeroizing::new(data),
    };
    let check = field("check:").unwrap_or_default();
    if check != normalise(&share_check(&split.id, &share)) {
        return Err(Error::InvalidInput(
            "its check: line does not match its data (a typo, or lines of another share)".into(),
        ));
    }
    Ok(share)
}

const AGE_ARMOR: &str = "-----BEGIN AGE ENCRYPTED FILE-----";

/// The share files in `dir` (`*.txt`, `*.age`), by name.
pub fn read_dir(dir: &Path, identities: &[PathBuf]) -> Result<Vec<(String, Zeroizing<String>)>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::InvalidInput(format!("cannot read --shares-from {}: {e}", dir.display()))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".txt") || name.ends_with(".age")
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::InvalidInput(format!(
            "--shares-from {} holds no share files (*.txt, *.txt.age)",
            dir.display()
        )));
    }
    let keys = load_identities(identities)?;
    paths
        .iter()
        .map(|path| Ok((path.display().to_string(), read_share(path, &keys)?)))
        .collect()
}

fn read_share(path: &Path, keys: &[age::x25519::Identity]) -> Result<Zeroizing<String>> {
    let bad = |detail: String| Error::BadShare {
        name: path.display().to_string(),
        detail,
    };
    let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| bad(e.to_string()))?);
    let plain = match bytes.starts_with(AGE_ARMOR.as_bytes()) {
        false => bytes,
        true if keys.is_empty() => {
            return Err(bad(
                "is encrypted to its custodian: pass --share-identity with their age identity file, or have them decrypt it".into(),
            ));
        }
        true => Zeroizing::new(
            keys.iter()
                .find_map(|key| age::decrypt(key, &bytes).ok())
                .ok_or_else(|| bad("none of the --share-identity files decrypts it".into()))?,
        ),
    };
    String::from_utf8(plain.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| bad("is not text".into()))
}

fn load_identities(files: &[PathBuf]) -> Result<Vec<age::x25519::Identity>> {
    let mut keys = Vec::new();
    for file in files {
        let text = super::keyring::read_identity_file(file)?;
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            keys.push(age::x25519::Identity::from_str(line).map_err(|e| {
                Error::BadIdentityFile {
                    path: file.clone(),
                    detail: e.to_string(),
                }
            })?);
        }
    }
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> SplitInfo {
        SplitInfo {
            id: new_split_id(),
            total: 5,
            threshold: 3,
        }
    }

    fn printed(info: &SplitInfo) -> (x25519::Identity, Vec<String>) {
        let (identity, shares) = split(info).unwrap();
        let texts = shares
            .iter()
            .map(|s| render(info, s, "test", "now").to_string())
            .collect();
        (identity, texts)
    }

    #[test]
    fn any_threshold_shares_rebuild_the_identity_and_fewer_do_not() {
        let info = info();
        let (identity, texts) = printed(&info);
        let shares: Vec<Share> = texts.iter().map(|t| parse(t, &info).unwrap()).collect();
        for pick in [[0, 1, 2], [0, 2, 4], [1, 3, 4], [4, 3, 2]] {
            let chosen: Vec<Share> = pick
                .iter()
                .map(|&i| parse(&texts[i], &info).unwrap())
                .collect();
            let back = combine(&info, &chosen).unwrap();
            assert_eq!(
                back.to_public().to_string(),
                identity.to_public().to_string()
            );
        }
        let two = &shares[..2];
        assert!(combine(&info, two).is_err());
        // The same share twice is one share.
        let twice = [0, 0, 1].map(|i| parse(&texts[i], &info).unwrap());
        assert!(combine(&info, &twice).is_err());
    }

    #[test]
    fn a_typo_is_found_on_its_line() {
        let info = info();
        let (_, texts) = printed(&info);
        let lines: Vec<&str> = texts[0].lines().collect();
        let (i, line) = lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with("2:"))
            .unwrap();
        let pos = line.find(':').unwrap() + 3;
        let mut typo = line.to_string();
        let c = typo.as_bytes()[pos] as char;
        typo.replace_range(pos..pos + 1, if c == 'A' { "B" } else { "A" });
        let mut edited: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        edited[i] = typo;
        let err = parse(&edited.join("\n"), &info).err().unwrap();
        assert!(err.to_string().contains("line 2 does not match"), "{err}");
    }

    #[test]
    fn shares_of_another_split_are_refused() {
        let first = info();
        let second = info();
        let (_, texts) = printed(&first);
        let err = parse(&texts[0], &second).err().unwrap();
        assert!(
            err.to_string().contains("not the store's current split"),
            "{err}"
        );
    }

    #[test]
    fn lowercase_and_look_alikes_are_read_back() {
        let info = info();
        let (_, texts) = printed(&info);
        // Data and checks typed in lower case, with O for 0: still the same share.
        let lower: Vec<String> = texts[1]
            .lines()
            .map(|l| match l.split_once(": ") {
                Some((n, rest)) if n.trim().parse::<u8>().is_ok() => {
                    format!("{n}: {}", rest.to_lowercase().replace('0', "o"))
                }
                _ => l.to_owned(),
            })
            .collect();
        assert_eq!(parse(&lower.join("\n"), &info).unwrap().number, 2);
    }

    #[test]
    fn counts_are_checked() {
        assert!(check_counts(5, 1).is_err());
        assert!(check_counts(2, 3).is_err());
        assert!(check_counts(3, 3).is_ok());
    }
}
