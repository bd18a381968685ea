//! GitHub's rule for writes: one at a time, at least an interval apart.

use std::time::Duration;

use tokio::sync::{Mutex, MutexGuard};
use tokio::time::Instant;

/// Serialises mutating requests of one client and spaces them.
///
/// The interval runs from the *end* of one write to the start of the next. Measured that way,
/// any delay on our side (a busy executor between taking the permit and the bytes leaving)
/// only widens the gap the server sees; measuring start to start could shrink it.
#[derive(Debug, Default)]
pub(crate) struct WritePacer {
    last_end: Mutex<Option<Instant>>,
}

/// Held while a write (and its retries) is in flight; the next write waits for it to drop.
pub(crate) struct WritePermit<'a>(MutexGuard<'a, Option<Instant>>);

impl WritePacer {
    /// Waits for the previous write to finish, then for `interval` after it ended.
    pub(crate) async fn acquire(&self, interval: Duration) -> WritePermit<'_> {
        let last = self.last_end.lock().await;
        if let Some(previous) = *last {
            tokio::time::sleep_until(previous + interval).await;
        }
        WritePermit(last)
    }
}

impl WritePermit<'_> {
    /// Records that an attempt just ended.
    pub(crate) fn attempt_ended(&mut self) {
        *self.0 = Some(Instant::now());
    }

    /// Before retrying: a retry is a write too, so it keeps the same spacing.
    pub(crate) async fn space_retry(&mut self, interval: Duration) {
        if let Some(previous) = *self.0 {
            tokio::time::sleep_until(previous + interval).await;
        }
    }
}

impl Drop for WritePermit<'_> {
    /// Also covers a write abandoned mid-flight (its future dropped): it may have reached the
    /// server, so the next write still keeps its distance.
    fn drop(&mut self) {
        self.attempt_ended();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn writes_are_serial_and_spaced_from_the_previous_end() {
        let pacer = WritePacer::default();
        let interval = Duration::from_secs(1);
        let start = Instant::now();
        {
            let _first = pacer.acquire(interval).await;
            assert_eq!(start.elapsed(), Duration::ZERO);
            tokio::time::sleep(Duration::from_millis(300)).await; // the write takes 300 ms
        }
        let _second = pacer.acquire(interval).await;
        assert_eq!(start.elapsed(), Duration::from_millis(1300));
    }
}
