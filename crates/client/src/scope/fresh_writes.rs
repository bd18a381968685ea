//! GitHub's API is eventually consistent: a read that follows a write to the same secret within a
//! few seconds can answer 404 from a replica that has not seen the write yet (the Terraform
//! provider retries for the same reason). Reads of a secret this client wrote moments ago retry
//! such a 404 briefly; every other 404 is returned at once.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::error::Error;

/// How long after a write a 404 on the same secret is taken for replication lag.
const FRESH_WINDOW: Duration = Duration::from_secs(5);

/// Waits between tries of such a read: bounded, under two seconds in all.
const RETRY_DELAYS: [Duration; 4] = [
    Duration::from_millis(100),
    Duration::from_millis(250),
    Duration::from_millis(500),
    Duration::from_millis(1000),
];

/// When this client last wrote each secret (`scope/NAME`), for the last [`FRESH_WINDOW`].
#[derive(Debug, Default)]
pub(crate) struct FreshWrites(Mutex<HashMap<String, Instant>>);

impl FreshWrites {
    pub(crate) fn record(&self, secret: String) {
        let mut writes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        writes.retain(|_, at| at.elapsed() < FRESH_WINDOW);
        writes.insert(secret, Instant::now());
    }

    pub(crate) fn forget(&self, secret: &str) {
        let mut writes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        writes.remove(secret);
    }

    fn is_fresh(&self, secret: &str) -> bool {
        let writes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        writes
            .get(secret)
            .is_some_and(|at| at.elapsed() < FRESH_WINDOW)
    }

    /// Runs `read`, trying again after a short wait while it answers 404 for the secret
    /// `key` (`scope/NAME`) this client wrote within the last few seconds.
    pub(crate) async fn read_after_write<T, F, Fut>(&self, key: &str, read: F) -> Result<T, Error>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut delays = RETRY_DELAYS.iter();
        loop {
            match read().await {
                Err(Error::NotFound(api)) if self.is_fresh(key) => {
                    let Some(delay) = delays.next() else {
                        return Err(Error::NotFound(api));
                    };
                    tracing::debug!(secret = %key, ?delay, "404 right after our write; retrying");
                    tokio::time::sleep(*delay).await;
                }
                other => return other,
            }
        }
    }
}
