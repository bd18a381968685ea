//! Where `sync` and the fleet commands keep their state: `--state PATH`, none with
//! `--no-state`, else the user's state directory (one file, so both know what the other wrote).

use std::path::{Path, PathBuf};

use crate::failure::Failure;

/// The state file to use, if any.
pub(crate) fn state_path(given: Option<&Path>, no_state: bool) -> Result<Option<PathBuf>, Failure> {
    if no_state {
        return Ok(None);
    }
    if let Some(path) = given {
        return Ok(Some(path.to_owned()));
    }
    codespaces_secrets::default_state_path()
        .map(Some)
        .ok_or_else(|| {
            Failure::usage(
                "no state directory (HOME and XDG_STATE_HOME are unset): pass --state PATH or --no-state",
            )
        })
}
