//! Where a manifest's values come from — an environment variable, a file, a key of a `.env`
//! file, or a command's stdout — and reading each exactly once per run. A failure names the
//! source (variable, path, program and exit status), never what it printed.

use std::collections::HashMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use codespaces_secrets_core::{MAX_VALUE_BYTES, SecretValue};
use zeroize::Zeroizing;

use crate::sync::env_file::read_env_file;

/// Where a secret's value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ValueSource {
    /// An environment variable of this process.
    Env(String),
    /// A file's bytes (relative paths from the manifest's directory).
    File(PathBuf),
    /// A key of a `.env` file, read with the SDK's `.env` parser.
    Dotenv {
        /// The file (relative paths from the manifest's directory).
        path: PathBuf,
        /// The key; the secret's name when the manifest gives none.
        key: String,
    },
    /// A program's stdout, run without a shell; stderr is discarded, never echoed.
    Command {
        /// The program and its arguments.
        argv: Vec<String>,
        /// How long it may run.
        timeout: Duration,
    },
}

impl ValueSource {
    /// A description for messages: the variable, the path, the program — never a value.
    pub fn describe(&self) -> String {
        match self {
            Self::Env(name) => format!("environment variable {name}"),
            Self::File(path) => format!("file {}", path.display()),
            Self::Dotenv { path, key } => format!("key {key} of {}", path.display()),
            Self::Command { argv, .. } => format!("command {}", argv.join(" ")),
        }
    }
}

/// A `.env` file's pairs, or why it could not be read.
type DotenvPairs = Result<Vec<(String, Zeroizing<String>)>, String>;

/// Values read so far in this run, so each source is read once however many targets use it.
#[derive(Default)]
pub(crate) struct SourceReader {
    base_dir: PathBuf,
    values: HashMap<ValueSource, Result<SecretValue, String>>,
    dotenv_files: HashMap<PathBuf, DotenvPairs>,
}

impl SourceReader {
    pub(crate) fn new(base_dir: PathBuf) -> Self {
        Self {
            base_dir,
            ..Self::default()
        }
    }

    /// The value of `source`, read now or earlier in this run; the error says what failed.
    pub(crate) fn read(&mut self, source: &ValueSource) -> Result<SecretValue, String> {
        if let Some(known) = self.values.get(source) {
            return known.clone();
        }
        let value = match source {
            ValueSource::Env(name) => read_env(name),
            ValueSource::File(path) => read_file(&self.base_dir.join(path)),
            ValueSource::Dotenv { path, key } => self.read_dotenv(path, key),
            ValueSource::Command { argv, timeout } => run_command(argv, *timeout),
        };
        self.values.insert(source.clone(), value.clone());
        value
    }

    fn read_dotenv(&mut self, path: &Path, key: &str) -> Result<SecretValue, String> {
        let full = self.base_dir.join(path);
        let pairs = self.dotenv_files.entry(full.clone()).or_insert_with(|| {
            read_env_file(&full)
                .map(|pairs| {
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k, Zeroizing::new(v)))
                        .collect()
                })
                .map_err(|e| e.to_string())
        });
        let pairs = pairs.as_ref().map_err(Clone::clone)?;
        let value = pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .ok_or_else(|| format!("{} has no key {key}", full.display()))?;
        to_value(value.1.as_bytes().to_vec())
    }
}

fn to_value(bytes: Vec<u8>) -> Result<SecretValue, String> {
    SecretValue::new(bytes).map_err(|e| e.to_string())
}

fn read_env(name: &str) -> Result<SecretValue, String> {
    match std::env::var_os(name) {
        Some(value) => to_value(value.into_encoded_bytes()),
        None => Err(format!("environment variable {name} is not set")),
    }
}

fn read_file(path: &Path) -> Result<SecretValue, String> {
    let file = std::fs::File::open(path)
        .map_err(|e| format!("cannot read file {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_VALUE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file {}: {e}", path.display()))?;
    to_value(bytes).map_err(|e| format!("file {}: {e}", path.display()))
}

/// Runs `argv` without a shell; its stdout is the value. A non-zero exit, a signal or the
/// timeout is an error naming the command and how it ended — never its output or stderr.
fn run_command(argv: &[String], timeout: Duration) -> Result<SecretValue, String> {
    let shown = argv.join(" ");
    let (program, args) = argv
        .split_first()
        .ok_or_else(|| "an empty command".to_owned())?;
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("command {shown} could not start: {e}"))?;
    // Read stdout on its own thread: a value larger than the pipe buffer must not stall the
    // child while we wait for it to exit.
    let stdout = child.stdout.take();
    let reader = std::thread::spawn(move || -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        if let Some(out) = stdout {
            out.take(MAX_VALUE_BYTES as u64 + 1)
                .read_to_end(&mut bytes)?;
        }
        Ok(bytes)
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(format!(
                    "command {shown} did not finish within {} s (timeout_secs)",
                    timeout.as_secs()
                ));
            }
            Err(e) => return Err(format!("command {shown}: cannot wait for it: {e}")),
        }
    };
    let bytes = reader
        .join()
        .map_err(|_| format!("command {shown}: reading its output failed"))?
        .map_err(|e| format!("command {shown}: reading its output failed: {e}"))?;
    if !status.success() {
        let how = match status.code() {
            Some(code) => format!("exit status {code}"),
            None => "a signal".to_owned(),
        };
        return Err(format!("command {shown} failed with {how}"));
    }
    to_value(bytes).map_err(|e| format!("command {shown}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failing_command_is_named_without_its_output() {
        let argv = vec![
            "sh".to_owned(),
            "-c".to_owned(),
            // Spelled apart so the command line itself does not hold the output.
            "printf s3cr''3t-out; printf s3cr''3t-err >&2; exit 3".to_owned(),
        ];
        let error = run_command(&argv, Duration::from_secs(5)).expect_err("exit 3");
        assert!(error.contains("exit status 3"), "{error}");
        assert!(!error.contains("s3cr3t-out") && !error.contains("s3cr3t-err"));
    }

    #[test]
    fn a_slow_command_times_out() {
        let argv = vec!["sleep".to_owned(), "5".to_owned()];
        let error = run_command(&argv, Duration::from_millis(200)).expect_err("timeout");
        assert!(error.contains("did not finish"), "{error}");
    }

    #[test]
    fn stdout_is_the_value_and_each_source_is_read_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let counter = dir.path().join("count");
        let script = format!("echo x >> {}; printf v-1", counter.display());
        let source = ValueSource::Command {
            argv: vec!["sh".to_owned(), "-c".to_owned(), script],
            timeout: Duration::from_secs(5),
        };
        let mut reader = SourceReader::new(dir.path().to_owned());
        for _ in 0..3 {
            let value = reader.read(&source).expect("value");
            assert_eq!(value.expose(), b"v-1");
        }
        let runs = std::fs::read_to_string(&counter).expect("count");
        assert_eq!(runs.lines().count(), 1);
    }
}
