//! The per-operation deadline: one clock for a call's retries, rate-limit waits, write pacing
//! and pages, and an error that says how far the call got when it ran out.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use crate::error::HttpError;

/// When an operation must be finished by.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    until: Instant,
    length: Duration,
}

impl Deadline {
    /// `length` from now (saturating: a huge setting means "practically never").
    pub(crate) fn after(length: Duration) -> Self {
        let now = Instant::now();
        let until = now
            .checked_add(length)
            .unwrap_or(now + Duration::from_secs(86_400 * 365));
        Self { until, length }
    }

    pub(crate) fn until(&self) -> Instant {
        self.until
    }

    /// The error for an operation that ran out of time after `attempts` tries of its current
    /// request and `pages` complete pages.
    pub(crate) fn exceeded(
        &self,
        operation: &'static str,
        attempts: &AtomicU32,
        pages: usize,
    ) -> HttpError {
        let attempts = attempts.load(Ordering::Relaxed);
        let mut message = format!(
            "gave up at the {:.1} s deadline for the whole operation, after {attempts} attempt(s)",
            self.length.as_secs_f64()
        );
        if pages > 0 {
            message.push_str(&format!(" and {pages} complete page(s)"));
        }
        message.push_str("; raise the deadline setting if the server is just slow");
        HttpError::Network {
            operation,
            message,
            source: None,
        }
    }
}
