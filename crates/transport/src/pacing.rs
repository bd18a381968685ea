//! GitHub's rule for writes: one at a time, at least an interval apart.

use std::time::Duration;

use tokio::sync::{Mutex, MutexGuard};
use tokio::time::Instant;

/// Serialises mutating requests of one client and spaces their starts.
#[derive(Debug, Default)]
pub(crate) struct WritePacer {
    last_start: Mutex<Option<Instant>>,
}

/// Held while a write is in flight; the next write waits for it to drop.
pub(crate) struct WritePermit<'a>(MutexGuard<'a, Option<Instant>>);

impl WritePermit<'_> {
    /// Before retrying a write: a retry is a write too, so it keeps the same spacing.
    pub(crate) async fn space_retry(&mut self, interval: Duration) {
        if let Some(previous) = *self.0 {
            tokio::time::sleep_until(previous + interval).await;
        }
        *self.0 = Some(Instant::now());
    }
}

impl WritePacer {
    /// Waits for the previous write to finish and for `interval` since it started.
    pub(crate) async fn acquire(&self, interval: Duration) -> WritePermit<'_> {
        let mut last = self.last_start.lock().await;
        if let Some(previous) = *last {
            tokio::time::sleep_until(previous + interval).await;
        }
        *last = Some(Instant::now());
        WritePermit(last)
    }
}
