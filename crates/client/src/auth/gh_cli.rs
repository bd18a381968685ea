//! The GitHub CLI's token (`gh auth token`), the last link of the credential chain: a user who
//! has run `gh auth login` needs nothing else.

use std::ffi::OsString;
use std::io::Read as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

/// `gh` answers from its own config file; a hung one must not hang the client's construction.
const GH_TIMEOUT: Duration = Duration::from_secs(10);

/// The token `program auth token --hostname host` prints, or `None` when gh is not installed,
/// not logged in to that host, or too slow.
pub(crate) fn gh_auth_token(program: &OsString, host: &str) -> Option<Zeroizing<String>> {
    let mut child = Command::new(program)
        .args(["auth", "token", "--hostname", host])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < GH_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                tracing::debug!("`gh auth token` did not answer in time; skipped");
                return None;
            }
        }
    };
    let mut output = Zeroizing::new(String::new());
    child.stdout.take()?.read_to_string(&mut output).ok()?;
    let token = output.trim();
    (status.success() && !token.is_empty()).then(|| Zeroizing::new(token.to_owned()))
}
