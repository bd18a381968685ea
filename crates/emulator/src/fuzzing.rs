//! Entry points for the fuzz targets in `fuzz/` (not part of the API; hidden from the docs).

use axum::Router;

use crate::config::EmulatorConfig;
use crate::faults::FaultEngine;
use crate::seed::initial_state;
use crate::server::ServerState;
use crate::server::api_versions::Served;
use crate::server::router;

/// The emulator's whole request handling (gate, routes, control routes) with the demo data,
/// without a socket, and the token it accepts.
pub fn router_and_token() -> (Router, String) {
    let config = EmulatorConfig::default();
    let token = "ghp_fuzz".to_owned();
    let state = initial_state(&config, &token);
    let Ok(faults) = FaultEngine::new(config.faults.clone()) else {
        unreachable!("the default faults are valid")
    };
    let server = ServerState::new(
        "http://127.0.0.1:1".to_owned(),
        config.user_login.clone(),
        state,
        faults,
        Served::default(),
    );
    (router(server), token)
}
