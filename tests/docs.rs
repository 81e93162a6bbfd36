//! man/ holds man pages and shell completions generated from the clap definitions. This test
//! regenerates them and fails when the committed copies drift.
//! Refresh with: CREDCTL_UPDATE_DOCS=1 cargo test --test docs

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

fn man_pages(cmd: &clap::Command, prefix: &str, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let name = if prefix.is_empty() {
        cmd.get_name().to_owned()
    } else {
        format!("{prefix}-{}", cmd.get_name())
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone().name(&*name.clone().leak()))
        .render(&mut page)
        .unwrap();
    out.insert(PathBuf::from(format!("{name}.1")), page);
    // `credctl help` gets a page (the top page names it); its own sub-pages would only repeat.
    for sub in cmd.get_subcommands() {
        match sub.get_name() {
            "help" if prefix.is_empty() => {
                let help = clap::Command::new("credctl-help")
                    .bin_name("credctl help")
                    .about("Print the help of credctl or of one of its commands (the same text as its man page)")
                    .arg(clap::Arg::new("COMMAND").num_args(0..).help("e.g. `cert issue`"));
                let mut page = Vec::new();
                clap_mangen::Man::new(help).render(&mut page).unwrap();
                out.insert(PathBuf::from("credctl-help.1"), page);
            }
            "help" => {}
            _ => man_pages(sub, &name, out),
        }
    }
}

fn generated() -> BTreeMap<PathBuf, Vec<u8>> {
    let mut cmd = credctl::cli::Cli::command();
    cmd.build();
    let mut files = BTreeMap::new();
    man_pages(&cmd, "", &mut files);
    for (shell, file) in [
        (Shell::Bash, "credctl.bash"),
        (Shell::Zsh, "_credctl"),
        (Shell::Fish, "credctl.fish"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "credctl", &mut buf);
        files.insert(Path::new("completions").join(file), buf);
    }
    files
}

fn committed(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for sub in ["", "completions"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                let rel = path.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn man_pages_and_completions_match_the_cli() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let fresh = generated();
    if std::env::var_os("CREDCTL_UPDATE_DOCS").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("completions")).unwrap();
        for (rel, bytes) in &fresh {
            std::fs::write(dir.join(rel), bytes).unwrap();
        }
    }
    let on_disk = committed(&dir);
    let stale: Vec<_> = fresh
        .iter()
        .filter(|(rel, bytes)| on_disk.get(*rel) != Some(*bytes))
        .map(|(rel, _)| rel.display().to_string())
        .chain(
            on_disk
                .keys()
                .filter(|rel| !fresh.contains_key(*rel))
                .map(|rel| format!("{} (no longer generated)", rel.display())),
        )
        .collect();
    assert!(
        stale.is_empty(),
        "man/ is out of date: {stale:?}\nrun: CREDCTL_UPDATE_DOCS=1 cargo test --test docs"
    );
}

#[test]
fn every_command_documents_its_exit_codes() {
    let page = &generated()[Path::new("credctl.1")];
    let text = String::from_utf8_lossy(page);
    assert!(text.contains("EXIT CODES"), "{text}");
}
