//! Everything the emulator knows: accounts, tokens, repositories, and per scope a key pair and
//! its secrets. Plain data behind one mutex; no I/O, no async.

mod app_records;
mod apps;
mod device;
mod device_codes;
mod model;
mod repos;
mod secret_records;
mod secrets;
mod store;

pub(crate) use app_records::{Installation, Place};
pub(crate) use device_codes::{Decision, DeviceError, Verdict};
#[cfg(test)]
pub(crate) use model::AccountKind;
pub(crate) use model::{
    ALPHANUMERIC, Account, Caller, Identity, Repo, ScopeKey, generate_token, random_string,
};
pub use secret_records::StoredSecret;
pub(crate) use secret_records::{PutOutcome, Secret, SecretChange};
pub(crate) use store::State;
