//! Where the SDK keeps its files by default, per platform conventions.

use std::path::PathBuf;

use crate::environment::var_os;

const APP_DIR: &str = "codespaces-secrets";

fn env_dir(variable: &str) -> Option<PathBuf> {
    var_os(variable)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

fn home() -> Option<PathBuf> {
    env_dir("HOME").or_else(|| env_dir("USERPROFILE"))
}

/// The user's configuration directory for this SDK: `$XDG_CONFIG_HOME/codespaces-secrets`,
/// else `~/.config/codespaces-secrets` (`%APPDATA%\codespaces-secrets` on Windows,
/// `~/Library/Application Support/codespaces-secrets` on macOS). Holds the sync state's key.
pub fn config_dir() -> Option<PathBuf> {
    app_dir("XDG_CONFIG_HOME", "APPDATA", &[".config"])
}

/// The user's state directory for this SDK: `$XDG_STATE_HOME/codespaces-secrets`, else
/// `~/.local/state/codespaces-secrets` (`%LOCALAPPDATA%\codespaces-secrets` on Windows,
/// `~/Library/Application Support/codespaces-secrets` on macOS).
pub fn state_dir() -> Option<PathBuf> {
    app_dir("XDG_STATE_HOME", "LOCALAPPDATA", &[".local", "state"])
}

/// `$xdg/codespaces-secrets` when set; else the platform's folder: `%windows%` on Windows,
/// `~/Library/Application Support` on macOS, `~/<unix>` elsewhere.
fn app_dir(xdg: &str, windows: &str, unix: &[&str]) -> Option<PathBuf> {
    let base = env_dir(xdg).or_else(|| {
        if cfg!(windows) {
            env_dir(windows)
        } else if cfg!(target_os = "macos") {
            home().map(|h| h.join("Library").join("Application Support"))
        } else {
            home().map(|h| unix.iter().fold(h, |path, part| path.join(part)))
        }
    })?;
    Some(base.join(APP_DIR))
}

/// The sync state file the CLI uses unless told otherwise: `state.json` in [`state_dir`].
pub fn default_state_path() -> Option<PathBuf> {
    state_dir().map(|d| d.join("state.json"))
}

/// The key file that protects sync states when `CODESPACES_SECRETS_STATE_KEY` is not set:
/// `state.key` in [`config_dir`], created (mode 0600) on first use.
pub fn default_state_key_path() -> Option<PathBuf> {
    config_dir().map(|d| d.join("state.key"))
}
