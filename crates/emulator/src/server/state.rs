//! The state every request handler and every library call shares.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::faults::{FaultEngine, Faults, FaultsError};
use crate::server::api_versions::Served;
use crate::server::log::RequestLog;
use crate::server::rate_limit::{PrimaryLimiter, WriteLimiter};
use crate::state::State;

/// A cheap handle on the shared parts; cloned into every request. (Named for the server, so
/// that "app" in this crate means a GitHub App.)
#[derive(Clone)]
pub(crate) struct ServerState(Arc<Shared>);

pub(crate) struct Shared {
    base_url: String,
    user_login: String,
    state: Mutex<State>,
    faults: Mutex<FaultEngine>,
    primary: Mutex<PrimaryLimiter>,
    writes: Mutex<WriteLimiter>,
    api_versions: Mutex<Served>,
    log: Mutex<RequestLog>,
    requests: AtomicU64,
    /// Distinguishes request ids of different emulator runs.
    instance: u64,
}

/// Locks a mutex, recovering it if a panicking thread poisoned it: the data is plain and every
/// critical section leaves it consistent, so one failed test must not take the server down.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl ServerState {
    pub(crate) fn new(
        base_url: String,
        user_login: String,
        state: State,
        faults: FaultEngine,
        api_versions: Served,
    ) -> Self {
        let instance = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or_default();
        Self(Arc::new(Shared {
            base_url,
            user_login,
            state: Mutex::new(state),
            faults: Mutex::new(faults),
            primary: Mutex::new(PrimaryLimiter::default()),
            writes: Mutex::new(WriteLimiter::default()),
            api_versions: Mutex::new(api_versions),
            log: Mutex::new(RequestLog::default()),
            requests: AtomicU64::new(0),
            instance,
        }))
    }

    pub(crate) fn base_url(&self) -> &str {
        &self.0.base_url
    }

    pub(crate) fn user_login(&self) -> &str {
        &self.0.user_login
    }

    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.0.state)
    }

    pub(crate) fn faults(&self) -> MutexGuard<'_, FaultEngine> {
        lock(&self.0.faults)
    }

    pub(crate) fn primary(&self) -> MutexGuard<'_, PrimaryLimiter> {
        lock(&self.0.primary)
    }

    pub(crate) fn writes(&self) -> MutexGuard<'_, WriteLimiter> {
        lock(&self.0.writes)
    }

    /// The REST API versions served.
    pub(crate) fn api_versions(&self) -> MutexGuard<'_, Served> {
        lock(&self.0.api_versions)
    }

    pub(crate) fn log(&self) -> MutexGuard<'_, RequestLog> {
        lock(&self.0.log)
    }

    /// Replaces the faults, or refuses them untouched ([`Faults::validate`]); the generator
    /// restarts from the new seed and rate-limit windows start over, so a test sees exactly the
    /// faults it configured.
    pub(crate) fn set_faults(&self, faults: Faults) -> Result<(), FaultsError> {
        *self.faults() = FaultEngine::new(faults)?;
        self.primary().clear();
        self.writes().clear_history();
        Ok(())
    }

    /// A fresh `x-github-request-id` in GitHub's shape (five hex fields).
    pub(crate) fn next_request_id(&self) -> String {
        let n = self.0.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let instance = self.0.instance;
        format!(
            "{:04X}:{:04X}:{:X}:{:X}:{:08X}",
            (instance >> 48) & 0xFFFF,
            (instance >> 32) & 0xFFFF,
            0x10_0000 + n,
            0x20_0000 + n,
            instance & 0xFFFF_FFFF
        )
    }
}
