//! [`Emulator`]: a running server on its own thread and tokio runtime.

mod auth;
mod rate_limit;
mod repos;
mod versions;

use std::io;
use std::net::{Ipv4Addr, TcpListener};
use std::thread::JoinHandle;
use std::time::Duration;

use codespaces_secrets_core::{PublicKey, SecretValue};
use tokio::sync::oneshot;

use crate::config::{EmulatorConfig, Scope};
use crate::faults::{FaultEngine, Faults, FaultsError};
use crate::seed::initial_state;
use crate::server::ServerState;
use crate::server::api_versions::Served;
use crate::server::log::LoggedRequest;
use crate::server::router;
use crate::server::serve;
use crate::state::{StoredSecret, generate_token};

/// A running emulator on 127.0.0.1. Dropping it (or [`Emulator::shutdown`]) stops the server.
///
/// It runs on its own thread with its own tokio runtime, so it can be started from synchronous
/// code, from async code on any runtime, and from language bindings alike.
///
/// ```
/// use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Scope};
///
/// let emulator = Emulator::start(EmulatorConfig::default())?;
/// assert!(emulator.base_url().starts_with("http://127.0.0.1:"));
/// let key = emulator.public_key(&Scope::user(emulator.user_login())).expect("the demo user");
/// assert!(!key.key_id().as_str().is_empty());
/// emulator.shutdown();
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct Emulator {
    server: ServerState,
    token: String,
    port: u16,
    running: Option<Running>,
}

struct Running {
    stop: oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("base_url", &self.server.base_url())
            .field("user_login", &self.server.user_login())
            .field("token", &"[redacted]")
            .finish()
    }
}

impl Emulator {
    /// Starts on its own thread with its own tokio runtime, so it works from sync code, async
    /// code (any runtime), and from language bindings alike. `config.port` 0 = ephemeral.
    ///
    /// The port is bound before this returns, so requests can be sent right away. Faults that
    /// [`Faults::validate`] refuses are an [`io::ErrorKind::InvalidInput`] error carrying the
    /// [`FaultsError`]; so are API versions that are none or unknown
    /// ([`crate::ApiVersionsError`]).
    pub fn start(config: EmulatorConfig) -> io::Result<Emulator> {
        let faults = FaultEngine::new(config.faults.clone())
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error))?;
        let api_versions = Served::new(&config.api_versions)
            .map_err(|error| io::Error::new(io::ErrorKind::InvalidInput, error))?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let base_url = format!("http://127.0.0.1:{port}");
        let token = config.token.clone().unwrap_or_else(generate_token);
        let state = initial_state(&config, &token);
        let server = ServerState::new(
            base_url,
            config.user_login.clone(),
            state,
            faults,
            api_versions,
        );
        let routes = router(server.clone());

        // Two workers: requests may sleep (latency faults) or open sealed boxes concurrently.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("codespaces-secrets-emulator-worker")
            .enable_all()
            .build()?;
        let listener = {
            let _context = runtime.enter();
            tokio::net::TcpListener::from_std(listener)?
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("codespaces-secrets-emulator".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::select! {
                        () = serve(listener, routes) => {}
                        _ = stopped => {}
                    }
                });
                // Open connections are abandoned, not drained: a test server stops now.
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(Emulator {
            server,
            token,
            port,
            running: Some(Running { stop, thread }),
        })
    }

    /// `"http://127.0.0.1:PORT"` (no trailing slash).
    pub fn base_url(&self) -> String {
        self.server.base_url().to_owned()
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The demo user's token.
    pub fn token(&self) -> String {
        self.token.clone()
    }

    /// The demo user's login.
    pub fn user_login(&self) -> String {
        self.server.user_login().to_owned()
    }

    /// Issues a new token for `login`, creating the user if needed (a user may hold several).
    pub fn add_user(&self, login: &str) -> String {
        self.server.add_user(login, None)
    }

    /// Creates repository `owner/name` (if absent) and returns its id. `owner` is a user login
    /// or an organization; an unknown owner becomes an organization without members.
    pub fn add_repo(&self, owner: &str, name: &str) -> i64 {
        self.server.add_repo(owner, name)
    }

    /// The id of repository `owner/name`, if it exists.
    pub fn repo_id(&self, owner: &str, name: &str) -> Option<i64> {
        self.server.state().repo_id(owner, name)
    }

    /// Creates organization `name` (if absent) and adds the members (users created if needed),
    /// who can then manage its secrets and its repositories' secrets.
    pub fn add_org(&self, name: &str, member_logins: &[&str]) {
        self.server.add_org(name, member_logins);
    }

    /// Replaces the faults. The generator restarts from `faults.seed`, and rate-limit windows
    /// and write history start over.
    ///
    /// Faults that [`Faults::validate`] refuses (a rate outside 0..=1, a secondary status other
    /// than 403 or 429, ...) are refused whole, with the reason; the faults in force stay. A
    /// mistake in a test's configuration is reported, never quietly bent into something else.
    ///
    /// ```
    /// use codespaces_secrets_emulator::{Emulator, EmulatorConfig, Faults, SecondaryRateLimit};
    ///
    /// let emulator = Emulator::start(EmulatorConfig::default())?;
    /// emulator
    ///     .set_faults(Faults {
    ///         secondary_rate_limit: Some(SecondaryRateLimit::default()),
    ///         ..Faults::default()
    ///     })
    ///     .expect("valid faults");
    /// let careless = Faults { drop_connection_rate: 7.0, ..Faults::default() };
    /// assert!(emulator.set_faults(careless).is_err());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn set_faults(&self, faults: Faults) -> Result<(), FaultsError> {
        self.server.set_faults(faults)
    }

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.server.faults().faults().clone()
    }

    /// Gives the scope a new key pair under a new `key_id`; values sealed to the old key are
    /// refused from now on (422), so clients must fetch the key again.
    pub fn rotate_key(&self, scope: &Scope) {
        self.server.rotate_key(scope);
    }

    /// The scope's current public key, if the scope exists.
    pub fn public_key(&self, scope: &Scope) -> Option<PublicKey> {
        self.server.public_key(scope)
    }

    /// The decrypted value of a secret (name in any case), if it exists.
    pub fn secret_value(&self, scope: &Scope, name: &str) -> Option<SecretValue> {
        self.server.secret_value(scope, name)
    }

    /// Changes a secret's value as someone else would (the GitHub web UI, another tool): the
    /// value is replaced and `updated_at` moves on by at least a second, so the change shows in
    /// GitHub's whole-second timestamps. False when the scope or secret does not exist.
    pub fn overwrite_secret(&self, scope: &Scope, name: &str, value: SecretValue) -> bool {
        self.server.overwrite_secret(scope, name, value)
    }

    /// The scope's secrets, decrypted, sorted by name (empty for an unknown scope).
    pub fn secrets(&self, scope: &Scope) -> Vec<StoredSecret> {
        self.server.stored_secrets(scope).unwrap_or_default()
    }

    /// Every API request so far (oldest first; control routes are not logged). Holds no token
    /// and no value.
    pub fn request_log(&self) -> Vec<LoggedRequest> {
        self.server.log().snapshot()
    }

    /// Empties the request log.
    pub fn clear_log(&self) {
        self.server.log().clear();
    }

    /// Stops the server and waits for its thread.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            // The receiver is gone only if the server already stopped.
            let _ = running.stop.send(());
            let _ = running.thread.join();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.stop();
    }
}
