//! Incremental sync of a scope with a desired state (a `.env` file or pairs in code): the
//! options and report, the run itself, and the `.env` parser. The state file and its key stay
//! beside this folder (`sync_state.rs`, `state_key.rs`) while the fleet work that shares them
//! lands.

pub(crate) mod env_file;
pub(crate) mod report;
pub(crate) mod run;
