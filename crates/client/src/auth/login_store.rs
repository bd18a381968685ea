//! The token `codespaces-secrets auth login` stored: one file per GitHub host in the user's
//! configuration directory, readable by the user only (0600 in a 0700 directory).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::private_file::{create_private_dir, replace_private};
use crate::{Error, paths};

/// Where logins are kept: `logins/` under [`config_dir`](crate::config_dir).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginStore {
    dir: PathBuf,
}

impl LoginStore {
    /// The user's store: `logins/` in the configuration directory
    /// (`$XDG_CONFIG_HOME/codespaces-secrets/logins` on Linux).
    pub fn default_location() -> Option<Self> {
        paths::config_dir().map(|d| Self::at(d.join("logins")))
    }

    /// A store in `dir` (tests, or a tool that keeps its own).
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The file holding the login for `host` (a web host such as `github.com`).
    pub fn path_for(&self, host: &str) -> PathBuf {
        // Only characters safe in a file name on every platform; ':' (a port) becomes '_'.
        let name: String = host
            .chars()
            .map(
                |c| match c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                    true => c,
                    false => '_',
                },
            )
            .collect();
        self.dir.join(format!("{name}.token"))
    }

    /// Stores `token` for `host`, replacing any earlier login, atomically and privately.
    pub fn save(&self, host: &str, token: &str) -> Result<PathBuf, Error> {
        let path = self.path_for(host);
        create_private_dir(&self.dir)
            .and_then(|()| replace_private(&path, token.as_bytes()))
            .map_err(|e| io_error(&path, "store the login in", &e))?;
        Ok(path)
    }

    /// The token stored for `host`, if any. A file others can read is refused (on Unix), as
    /// ssh refuses such a key: the token may have leaked.
    pub fn load(&self, host: &str) -> Result<Option<Zeroizing<String>>, Error> {
        let path = self.path_for(host);
        let text = match fs::read_to_string(&path) {
            Ok(text) => Zeroizing::new(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error(&path, "read the login from", &e)),
        };
        check_private(&path)?;
        let token = text.trim();
        Ok((!token.is_empty()).then(|| Zeroizing::new(token.to_owned())))
    }

    /// Removes the login for `host`. Returns whether there was one.
    pub fn remove(&self, host: &str) -> Result<bool, Error> {
        let path = self.path_for(host);
        match fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_error(&path, "remove the login at", &e)),
        }
    }
}

#[cfg(unix)]
fn check_private(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs::metadata(path)
        .map_err(|e| io_error(path, "inspect", &e))?
        .permissions()
        .mode();
    match mode & 0o077 {
        0 => Ok(()),
        _ => Err(Error::invalid_input(
            "token",
            format!(
                "{} can be read by other users (mode {:o}); run `chmod 600` on it, or `codespaces-secrets auth login` again",
                path.display(),
                mode & 0o777
            ),
        )),
    }
}

#[cfg(not(unix))]
fn check_private(_: &Path) -> Result<(), Error> {
    Ok(())
}

fn io_error(path: &Path, doing: &str, e: &io::Error) -> Error {
    Error::invalid_input("token", format!("cannot {doing} {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_load_remove_round_trip_privately() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = LoginStore::at(dir.path().join("logins"));
        assert_eq!(store.load("github.com").expect("load").as_deref(), None);
        let path = store.save("127.0.0.1:8080", "ghu_abc").expect("save");
        assert!(path.ends_with("127.0.0.1_8080.token"));
        assert_eq!(
            store
                .load("127.0.0.1:8080")
                .expect("load")
                .as_deref()
                .map(String::as_str),
            Some("ghu_abc")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(store.remove("127.0.0.1:8080").expect("remove"));
        assert!(!store.remove("127.0.0.1:8080").expect("remove again"));
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("temp dir");
        let store = LoginStore::at(dir.path().join("logins"));
        let path = store.save("github.com", "ghu_leaky").expect("save");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
        let error = store.load("github.com").expect_err("refused").to_string();
        assert!(error.contains("chmod 600"), "{error}");
        assert!(!error.contains("ghu_leaky"), "{error}");
    }
}
