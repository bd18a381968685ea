//! Fleets: one manifest keeps a few secrets in step across many repositories, organizations
//! and the user's own secrets — planned (reads only), applied within GitHub's write limits,
//! checked on a schedule — owning only what it wrote and never storing a value.
//!
//! ```no_run
//! # async fn run() -> codespaces_secrets::Result<()> {
//! use codespaces_secrets::Client;
//! use codespaces_secrets::fleet::{ApplyOptions, Manifest, PlanOptions};
//!
//! let client = Client::from_env()?;
//! let manifest = Manifest::from_file("fleet.toml")?;
//! let state = Some("fleet-state.json".into());
//! let plan = client.plan(&manifest, &PlanOptions { state: state.clone(), ..Default::default() }).await?;
//! println!("{}", plan.summary);
//! if plan.summary.has_changes() {
//!     let report = client.apply(&plan, &ApplyOptions { state, ..Default::default() }, |_| {}).await?;
//!     println!("{} writes", report.writes);
//! }
//! # Ok(()) }
//! ```

#[cfg(feature = "fleet")]
mod apply;
#[cfg(feature = "fleet")]
mod budget;
pub(crate) mod github;
#[cfg(feature = "fleet")]
mod glob;
#[cfg(feature = "fleet")]
mod manifest;
#[cfg(feature = "fleet")]
mod plan;
#[cfg(feature = "fleet")]
mod planner;
pub(crate) mod read_cache;
#[cfg(feature = "fleet")]
mod saved;
#[cfg(feature = "fleet")]
mod source;
#[cfg(feature = "fleet")]
mod targets;
#[cfg(feature = "fleet")]
mod work;

#[cfg(feature = "fleet")]
pub use apply::{AppliedChange, ApplyOptions, ApplyProgress, ApplyReport};
#[cfg(feature = "fleet")]
pub use budget::WriteLimits;
#[cfg(feature = "fleet")]
pub use glob::Glob;
#[cfg(feature = "fleet")]
pub use manifest::{
    MANIFEST_VERSION, Manifest, Membership, OrgTarget, RepoSelector, SecretSpec, UserTarget,
};
#[cfg(feature = "fleet")]
pub use plan::{
    AccessChange, Change, ChangeAction, ChangeReason, Notice, PLAN_VERSION, PlanSummary, Totals,
    VisibilityChange, duration_text,
};
#[cfg(feature = "fleet")]
pub use planner::{Plan, PlanOptions};
#[cfg(feature = "fleet")]
pub use source::ValueSource;
