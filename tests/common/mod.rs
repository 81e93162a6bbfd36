//! Shared fixtures: run the real binary in a temp dir with a clean environment, build stores,
//! and fingerprint a directory tree to prove a failed command changed nothing.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

pub mod hub;
pub mod nats;

pub const PASSPHRASE: &str = "throwaway test passphrase";
/// The lowest work factor init accepts keeps each unlock in the milliseconds.
pub const FAST_SCRYPT: &str = "14";

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        write_secret(&env.path("pass"), format!("{PASSPHRASE}\n"));
        write_secret(&env.path("wrong-pass"), "not the passphrase at all\n");
        env
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn store(&self) -> PathBuf {
        self.path("ca-store")
    }

    /// The binary with no inherited CREDCTL_* settings, stdin closed (no terminal).
    pub fn cmd(&self) -> Command {
        self.cmd_for(env!("CARGO_BIN_EXE_credctl"))
    }

    /// `program` run in this env's directory with the same clean environment as `cmd()`.
    pub fn cmd_for(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        for (key, _) in std::env::vars() {
            if key.starts_with("CREDCTL_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("CREDCTL_ACTOR", "test-suite")
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs and insists on success, returning stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "credctl {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs `args` unlocked with the test passphrase file.
    pub fn run_unlocked(&self, args: &[&str]) -> Output {
        self.cmd()
            .args(args)
            .args(["--passphrase-file", "pass"])
            .output()
            .unwrap()
    }

    /// Runs `args` unlocked and insists on success, returning stdout.
    pub fn ok_unlocked(&self, args: &[&str]) -> String {
        let mut all = args.to_vec();
        all.extend(["--passphrase-file", "pass"]);
        self.ok(&all)
    }

    pub fn init(&self, extra: &[&str]) -> String {
        self.init_named("Test Root CA", extra)
    }

    /// A store whose CA has `name` (a second, foreign CA in tests that need one).
    pub fn init_named(&self, name: &str, extra: &[&str]) -> String {
        let mut args = vec![
            "init",
            "--name",
            name,
            "--passphrase-file",
            "pass",
            "--scrypt-log-n",
            FAST_SCRYPT,
        ];
        args.extend_from_slice(extra);
        self.ok(&args)
    }
}

/// Writes a passphrase or identity file as credctl insists on: 0600 from the start, whatever
/// the umask (it refuses secret files that its group or others may open).
pub fn write_secret(path: &Path, text: impl AsRef<[u8]>) {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_ref()))
        .unwrap();
}

/// Copies the directory `from` to `to` (which must not exist), files and modes.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    std::fs::set_permissions(to, std::fs::metadata(from).unwrap().permissions()).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The `# public key: age1...` line of an age identity file, as `age-keygen` and
/// `ca add-identity --out` write it.
pub fn public_key_of(identity: &Path) -> String {
    std::fs::read_to_string(identity)
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("# public key: ").map(str::to_owned))
        .expect("an identity file with its public key")
}

/// Runs every `(args, exit code, message)` case with `extra` appended and insists that each is
/// refused with that code and message and leaves the store byte-for-byte as it was.
pub fn assert_refused_unchanged(env: &Env, cases: &[(&[&str], i32, &str)], extra: &[&str]) {
    let before = tree(&env.store());
    for (args, want, message) in cases {
        let out = env.cmd().args(*args).args(extra).output().unwrap();
        assert_eq!(code(&out), *want, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert_eq!(tree(&env.store()), before, "{args:?} changed the store");
    }
}

pub fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file and directory under `root` with its mode and content hash; the lock files are
/// not store content (they say who holds them, and readers create `apply.lock`).
pub fn tree(root: &Path) -> BTreeMap<PathBuf, (u32, String)> {
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, (u32, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let rel = path.strip_prefix(root).unwrap().to_path_buf();
        if rel == Path::new("store.lock") || rel == Path::new("apply.lock") {
            continue;
        }
        let mode = meta.permissions().mode() & 0o7777;
        if meta.is_dir() {
            out.insert(rel, (mode, "dir".into()));
            walk(root, &path, out);
        } else {
            let digest = hex::encode(Sha256::digest(std::fs::read(&path).unwrap()));
            out.insert(rel, (mode, digest));
        }
    }
}

/// Runs a real openssl; panics with its output when it fails.
pub fn openssl(args: &[&str], cwd: &Path) -> String {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("openssl is installed (apt-get install openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
}

/// Kills a process the test started when it goes out of scope, even if the test panics.
pub struct ChildGuard(pub std::process::Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A TCP port on 127.0.0.1 that was free a moment ago and that no other test of this process
/// has been given (tests run in parallel threads and the kernel may hand a port out twice).
pub fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap();
    loop {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// Runs openssl and returns (success, stdout+stderr) without asserting.
pub fn openssl_try(args: &[&str], cwd: &Path) -> (bool, String) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .expect("openssl is installed (apt-get install openssl)");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Leaves the store as an older credctl would have (format 1, no signed state), for tests of
/// what such a store held, then signs it as its operator does on upgrading (`audit sign`).
pub fn sign_as_upgraded(env: &Env) {
    let store = env.store();
    std::fs::remove_file(store.join("statement.json")).unwrap();
    let path = store.join("store.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"version\": 2", "\"version\": 1");
    std::fs::write(&path, text).unwrap();
    env.ok(&["audit", "sign", "--passphrase-file", "pass"]);
}

/// A bcrypt hash made by Python's `bcrypt` package, as an old script would have made it.
pub fn bcrypt_hash(password: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import bcrypt, sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(10)).decode())",
            password,
        ])
        .output()
        .expect("python3 is installed");
    assert!(
        out.status.success(),
        "pip install bcrypt: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The dev profile with a subject template and attributes the command line may set.
pub const DEV_TEMPLATE: &str = r#"
[dev]
ou = "dev"
extended_key_usage = ["client-auth"]
default_validity = "365d"
max_validity = "825d"
email = true
subject_serial = true
subject = { C = "DE", O = "Acme, Inc." }
subject_settable = ["L", "ST"]
"#;

/// The subject of the certificate in `file` as openssl prints it in RFC 2253 form, UTF-8 as it
/// is (not escaped byte by byte), without openssl's `subject=` prefix.
pub fn subject_rfc2253(dir: &Path, file: &str) -> String {
    let args = [
        "x509",
        "-in",
        file,
        "-noout",
        "-subject",
        "-nameopt",
        "RFC2253,-esc_msb",
    ];
    let subject = openssl(&args, dir);
    subject.trim().trim_start_matches("subject=").to_owned()
}
