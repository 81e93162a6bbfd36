//! `--shares-from`: share files read from a directory (`store::shares::read_dir`), or typed at
//! the terminal one after another, each line checked as it is typed.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::store::keyring::{ShareSupply, UnlockSource};
use crate::store::shares::{self, SplitInfo};

pub fn source(dir: &Path, identities: &[PathBuf]) -> Result<UnlockSource> {
    if dir == Path::new("-") {
        if !std::io::stdin().is_terminal() {
            return Err(Error::InvalidInput(
                "--shares-from - types the shares in at a terminal; without one, give a directory of share files".into(),
            ));
        }
        return Ok(UnlockSource::Shares(ShareSupply::Prompt(Box::new(prompt))));
    }
    Ok(UnlockSource::Shares(ShareSupply::Texts(shares::read_dir(
        dir, identities,
    )?)))
}

/// Asks for shares until the threshold is met: the share number, then each line (not echoed),
/// checked at once so a typo is retyped on the spot.
fn prompt(info: &SplitInfo) -> Result<Vec<(String, Zeroizing<String>)>> {
    let lines = 4; // 32 bytes in base32 = 52 characters: four lines of up to sixteen.
    let mut texts = Vec::new();
    eprintln!(
        "split {}: type {} of its {} shares",
        info.id, info.threshold, info.total
    );
    while texts.len() < usize::from(info.threshold) {
        let number: u8 = dialoguer::Input::new()
            .with_prompt(format!("share number (1-{})", info.total))
            .interact_text()
            .map_err(|e| Error::InvalidInput(format!("cannot read the share: {e}")))?;
        let mut text = Zeroizing::new(format!("split: {}\nshare: {number}\n", info.id));
        for line in 1..=lines {
            loop {
                let typed = Zeroizing::new(
                    dialoguer::Password::new()
                        .with_prompt(format!("share {number}, line {line}"))
                        .interact()
                        .map_err(|e| Error::InvalidInput(format!("cannot read the share: {e}")))?,
                );
                let entry = format!("{line}: {}", typed.as_str());
                match shares::parse_line(&info.id, number, &entry) {
                    Ok(Some(_)) => {
                        text.push_str(&entry);
                        text.push('\n');
                        break;
                    }
                    _ => {
                        eprintln!("line {line} does not match its check characters: type it again")
                    }
                }
            }
        }
        let check: String = dialoguer::Input::new()
            .with_prompt(format!("share {number}, check"))
            .interact_text()
            .map_err(|e| Error::InvalidInput(format!("cannot read the share: {e}")))?;
        text.push_str(&format!("check: {check}\n"));
        texts.push((format!("typed share {number}"), text));
    }
    Ok(texts)
}
