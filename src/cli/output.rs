//! The only place credctl prints. Reports go to stdout (text, or one JSON document with --json);
//! notices and errors go to stderr.

use std::io::Write;

use serde::Serialize;

use crate::error::Error;

/// "1 developer", "2 developers".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    /// Prints a command's report: `value` as JSON with --json, else `human`.
    pub fn report<T: Serialize>(&self, value: &T, human: &str) {
        let mut out = std::io::stdout().lock();
        let _ = if self.json {
            serde_json::to_writer_pretty(&mut out, value)
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        } else if human.is_empty() {
            Ok(())
        } else if human.ends_with('\n') {
            write!(out, "{human}")
        } else {
            writeln!(out, "{human}")
        };
    }

    /// A progress or status line for the person at the terminal; never part of the report.
    pub fn notice(&self, message: &str) {
        let _ = writeln!(std::io::stderr(), "credctl: {message}");
    }

    /// One line saying what is wrong, one saying what to do; with --json also a JSON document.
    pub fn error(&self, err: &Error, hint: Option<String>) {
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "error: {err}");
        if let Some(hint) = &hint {
            let _ = writeln!(stderr, "  hint: {hint}");
        }
        // A failed verification already reported its verdict as the JSON document.
        if self.json && !matches!(err, Error::VerificationFailed(_) | Error::ActionNeeded(_)) {
            let doc = serde_json::json!({
                "error": err.to_string(),
                "hint": hint,
                "exit_code": super::errors::exit_code(err),
            });
            let _ = writeln!(std::io::stdout(), "{doc}");
        }
    }
}
