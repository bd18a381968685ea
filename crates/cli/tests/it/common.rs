//! Running the built `codespaces-secrets` binary against an in-process emulator.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Scope};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_codespaces-secrets");

/// A demo emulator: user `octocat` with `Hello-World` and `Spoon-Knife`, org `octo-org` with
/// `octo-repo` and `octo-service`.
pub fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default()).expect("the emulator starts")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit 0 and returns self.
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success: {self:#?}");
        self
    }

    /// Asserts the given failing exit code and exactly one line on stderr, then returns self.
    #[track_caller]
    pub fn fails_with(self, code: i32) -> Self {
        assert_eq!(self.code, code, "expected exit {code}: {self:#?}");
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "expected a one-line reason: {self:#?}"
        );
        assert!(self.stderr.starts_with("error: "), "{self:#?}");
        self
    }

    /// Asserts that neither stream contains `needle`.
    #[track_caller]
    pub fn never_shows(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle) && !self.stderr.contains(needle),
            "output reveals a secret: {self:#?}"
        );
        self
    }

    /// stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {self:#?}"))
    }
}

/// A command line with the emulator's URL and token in place and no write pacing.
pub struct Cli<'a> {
    command: Command,
    stdin: Option<&'a [u8]>,
}

impl<'a> Cli<'a> {
    /// `codespaces-secrets --api-url <emulator> <args...>` with `GITHUB_TOKEN` set.
    pub fn new(emulator: &Emulator, args: &[&str]) -> Self {
        let mut cli = Self::bare(args);
        cli.command
            .env("GITHUB_API_URL", emulator.base_url())
            .env("GITHUB_TOKEN", emulator.token());
        cli.home(&format!("port-{}", emulator.port()))
    }

    /// Points the sync state and its key (XDG state and config directories) at a private
    /// temporary folder named `name`, shared by the commands of one test, never the user's own.
    pub fn home(mut self, name: &str) -> Self {
        let home = home_dir(name);
        self.command
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env_remove("CODESPACES_SECRETS_STATE_KEY");
        self
    }

    /// The binary with `args` and none of the settings inherited from this process's
    /// environment; writes unpaced.
    pub fn bare(args: &[&str]) -> Self {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .env_remove("GITHUB_TOKEN")
            .env_remove("GH_TOKEN")
            .env_remove("GITHUB_API_URL")
            .env_remove("GITHUB_API_VERSION")
            .env_remove("GITHUB_APP_ID")
            .env_remove("GITHUB_APP_PRIVATE_KEY")
            .env_remove("GITHUB_APP_PRIVATE_KEY_PATH")
            .env_remove("GITHUB_APP_INSTALLATION_ID")
            // No `gh` of this machine's user: the credential chain's last link is tested with
            // a stand-in put on PATH by the test that wants one.
            .env("PATH", "/nonexistent")
            .env("CODESPACES_SECRETS_WRITE_INTERVAL_MS", "0");
        Self {
            command,
            stdin: None,
        }
        .home("bare")
    }

    /// Sets or removes an environment variable.
    pub fn env(mut self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.command.env(key, value),
            None => self.command.env_remove(key),
        };
        self
    }

    /// Feeds `bytes` on stdin (otherwise stdin is empty).
    pub fn stdin(mut self, bytes: &'a [u8]) -> Self {
        self.stdin = Some(bytes);
        self
    }

    /// Starts the binary with stdin empty and stdout and stderr piped, for a test that talks
    /// to it while it runs (the device flow).
    pub fn spawn(mut self) -> std::process::Child {
        self.command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs")
    }

    /// Runs to completion.
    pub fn run(mut self) -> Run {
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut stdin = child.stdin.take().expect("piped stdin");
        // A run that fails before reading stdin closes it; a broken pipe here is fine.
        let _ = stdin.write_all(self.stdin.unwrap_or_default());
        drop(stdin);
        let output = child.wait_with_output().expect("the binary finishes");
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

/// Runs `args` against the emulator with empty stdin.
pub fn run(emulator: &Emulator, args: &[&str]) -> Run {
    Cli::new(emulator, args).run()
}

/// The decrypted value the emulator holds, as text.
#[track_caller]
pub fn stored(emulator: &Emulator, scope: &Scope, name: &str) -> Option<String> {
    emulator
        .secret_value(scope, name)
        .map(|v| String::from_utf8(v.expose().to_vec()).expect("UTF-8 value"))
}

/// How many writes reached the emulator.
pub fn writes(emulator: &Emulator) -> usize {
    emulator.request_log().iter().filter(|r| r.write).count()
}

/// The scope flags and emulator scope for each of the three scopes.
pub fn scopes(emulator: &Emulator) -> Vec<(Vec<&'static str>, Scope)> {
    vec![
        (vec!["--user"], Scope::user(emulator.user_login())),
        (
            vec!["--repo", "octocat/Hello-World"],
            Scope::repo("octocat", "Hello-World"),
        ),
        (vec!["--org", "octo-org"], Scope::org("octo-org")),
    ]
}

/// `scope_flags` followed by `rest`.
pub fn args<'a>(scope_flags: &[&'a str], rest: &[&'a str]) -> Vec<&'a str> {
    scope_flags.iter().chain(rest).copied().collect()
}

/// The private home `Cli::home(name)` gives the binary. It lives in Cargo's temp folder in the
/// target dir (a test's commands share it, so nothing could remove it in /tmp) and is named
/// after this process, so a state from an earlier run is never read.
pub fn home_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-home-{}", std::process::id()))
        .join(name)
}

/// A folder of one test's files, removed when dropped (also when the test panics).
pub struct TempDir(tempfile::TempDir);

impl TempDir {
    pub fn new(label: &str) -> Self {
        let prefix = format!("codespaces-secrets-cli-{label}-");
        Self(
            tempfile::Builder::new()
                .prefix(&prefix)
                .tempdir()
                .expect("temp dir"),
        )
    }

    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// Writes `contents` to `name` in the folder; its path.
    pub fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, contents).expect("write temp file");
        path
    }
}
