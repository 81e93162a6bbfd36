//! The module layering the README describes, checked on the source: each layer imports only the
//! layers below it, the library never depends on clap, and `cli` does no file system work and no
//! commits (both belong to `ops` and `store`).

use std::path::Path;

/// (layer, modules it may import from the crate). A layer may always import itself.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "cli",
        &[
            "ops", "hub", "nats", "tokens", "x509", "store", "audit", "clock", "error", "parallel",
        ],
    ),
    (
        "ops",
        &[
            "hub", "nats", "tokens", "x509", "store", "audit", "clock", "error", "parallel",
        ],
    ),
    (
        "hub",
        &["x509", "store", "audit", "clock", "error", "parallel"],
    ),
    (
        "nats",
        &["x509", "store", "audit", "clock", "error", "parallel"],
    ),
    (
        "tokens",
        &["x509", "store", "audit", "clock", "error", "parallel"],
    ),
    ("x509", &["store", "audit", "clock", "error", "parallel"]),
    ("store", &["audit", "clock", "error"]),
    ("audit", &["error"]),
    ("clock", &["error"]),
    ("parallel", &["error"]),
    ("error", &[]),
];

const ALL: &[&str] = &[
    "cli", "ops", "hub", "nats", "tokens", "x509", "store", "audit", "clock", "error", "parallel",
];

fn sources(layer: &str) -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let single = src.join(format!("{layer}.rs"));
    if single.exists() {
        files.push(single);
    }
    let mut stack = vec![src.join(layer)];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    assert!(!files.is_empty(), "layer {layer} has no source");
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.display().to_string(), text)
        })
        .collect()
}

/// Source without `#[cfg(test)] mod tests` blocks (unit tests may use anything).
fn without_tests(text: &str) -> &str {
    text.split("#[cfg(test)]\nmod tests").next().unwrap()
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let mut violations = Vec::new();
    for (layer, allowed) in LAYERS {
        for (file, text) in sources(layer) {
            for other in ALL {
                if other == layer || allowed.contains(other) {
                    continue;
                }
                let needle = format!("crate::{other}");
                if without_tests(&text).contains(&needle) {
                    violations.push(format!("{file} uses {needle}"));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_library_does_not_depend_on_clap_and_cli_does_no_file_work() {
    let mut violations = Vec::new();
    for (layer, _) in LAYERS.iter().filter(|(l, _)| *l != "cli") {
        for (file, text) in sources(layer) {
            if without_tests(&text).contains("clap::") {
                violations.push(format!("{file} mentions clap"));
            }
        }
    }
    for (file, text) in sources("cli") {
        for banned in ["std::fs", "fs::", ".commit(", "commit_with(", "OutputBatch"] {
            if without_tests(&text).contains(banned) {
                violations.push(format!("{file} uses {banned}"));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}
