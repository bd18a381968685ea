//! One installation token and when to stop using it.

use std::time::{Duration, Instant};

use crate::token::Token;

/// GitHub's advice: replace an installation token five minutes before it expires.
const REFRESH_MARGIN: Duration = Duration::from_secs(300);

/// The token an attempt carried, so a 401 can retire exactly that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Issued {
    pub(crate) installation_id: u64,
    pub(crate) generation: u64,
}

/// A minted installation token. Its expiry is kept on this machine's monotonic clock — GitHub's
/// `expires_at` minus GitHub's `Date`, added to when the answer arrived — so a machine whose
/// wall clock is off still refreshes in time.
#[derive(Debug, Clone)]
pub(crate) struct InstallationToken {
    pub(crate) token: Token,
    pub(crate) generation: u64,
    received: Instant,
    lifetime: Duration,
}

impl InstallationToken {
    pub(crate) fn new(
        token: Token,
        generation: u64,
        received: Instant,
        lifetime: Duration,
    ) -> Self {
        Self {
            token,
            generation,
            received,
            lifetime,
        }
    }

    /// Whether to keep using it at `now`: until five minutes before it expires, or, for a
    /// token that lives less than ten minutes (a test server's), until half its life is over.
    pub(crate) fn is_fresh(&self, now: Instant) -> bool {
        let margin = REFRESH_MARGIN.min(self.lifetime / 2);
        now.saturating_duration_since(self.received) + margin < self.lifetime
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(lifetime: Duration, start: Instant) -> InstallationToken {
        InstallationToken::new(Token::new("ghs_x").expect("token"), 1, start, lifetime)
    }

    #[test]
    fn an_hour_token_is_replaced_five_minutes_early() {
        let start = Instant::now();
        let t = token(Duration::from_secs(3600), start);
        assert!(t.is_fresh(start + Duration::from_secs(3294)));
        assert!(!t.is_fresh(start + Duration::from_secs(3300)));
    }

    #[test]
    fn a_short_token_is_replaced_at_half_life() {
        let start = Instant::now();
        let t = token(Duration::from_secs(2), start);
        assert!(t.is_fresh(start + Duration::from_millis(900)));
        assert!(!t.is_fresh(start + Duration::from_secs(1)));
        let expired = token(Duration::ZERO, start);
        assert!(!expired.is_fresh(start));
    }
}
