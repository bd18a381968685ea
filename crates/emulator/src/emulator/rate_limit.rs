//! [`Emulator`]'s view of the primary rate limit: how many requests were counted against it,
//! in all and per token, so a test can assert what a run cost (a 304 costs nothing).

use crate::emulator::Emulator;

impl Emulator {
    /// Requests counted against the primary rate limit since the emulator started, by every
    /// token and without one. A conditional request answered 304 is not counted, nor is one
    /// refused by a configured primary limit; control routes and the device flow never are.
    /// New faults start new windows but keep this count.
    ///
    /// ```
    /// use codespaces_secrets_emulator::{Emulator, EmulatorConfig};
    ///
    /// let emulator = Emulator::start(EmulatorConfig::default())?;
    /// assert_eq!(emulator.primary_requests_counted(), 0);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn primary_requests_counted(&self) -> u64 {
        self.server.primary().counted()
    }

    /// [`Emulator::primary_requests_counted`] for one token's caller (0 for an unknown token).
    pub fn primary_requests_counted_by(&self, token: &str) -> u64 {
        let Some(key) = self.caller_of(token) else {
            return 0;
        };
        self.server.primary().counted_by(&key)
    }

    /// What `x-ratelimit-used` says for `token` now: requests counted in its current window
    /// (0 for an unknown token or one that made none).
    pub fn rate_limit_used(&self, token: &str) -> u32 {
        let Some(key) = self.caller_of(token) else {
            return 0;
        };
        self.server
            .primary()
            .window_of(&key)
            .map_or(0, |quota| quota.used)
    }

    /// The rate-limit key of the caller `token` authenticates.
    fn caller_of(&self, token: &str) -> Option<String> {
        self.server.state().identify(token).map(|who| who.key)
    }
}
