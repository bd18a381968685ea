//! [`Emulator`]'s REST API versions: which of [`crate::API_VERSIONS`] it serves, changed while
//! it runs to test a client against a server that lacks one.

use crate::emulator::Emulator;
use crate::server::api_versions::{ApiVersionsError, Served};

impl Emulator {
    /// Serves only `versions` (each one of [`crate::API_VERSIONS`], at least one) from the next
    /// request on: another `X-GitHub-Api-Version` is refused with 400 `API version X is not
    /// supported.`, and a request without the header gets the oldest served. A refused list
    /// leaves the versions in force.
    ///
    /// ```
    /// use codespaces_secrets_emulator::{Emulator, EmulatorConfig};
    ///
    /// let emulator = Emulator::start(EmulatorConfig::default())?;
    /// emulator.set_api_versions(&["2026-03-10"]).expect("a known version");
    /// assert_eq!(emulator.api_versions(), ["2026-03-10"]);
    /// assert!(emulator.set_api_versions(&["2020-01-01"]).is_err());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn set_api_versions<S: AsRef<str>>(&self, versions: &[S]) -> Result<(), ApiVersionsError> {
        *self.server.api_versions() = Served::new(versions)?;
        Ok(())
    }

    /// The REST API versions served, oldest first.
    pub fn api_versions(&self) -> Vec<String> {
        self.server.api_versions().list()
    }
}
