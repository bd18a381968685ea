//! Setting many secrets at once, with a report that accounts for every item.

use std::collections::HashSet;
use std::fmt;

use codespaces_secrets_core::{SecretName, SecretValue};

use crate::Error;
use crate::input::{IntoSecretName, IntoSecretValue};
use crate::scope::kind::ScopeKind;
use crate::scope::options::{SetOptions, SetOutcome};
use crate::scope::secrets::Secrets;
use crate::visible_text::visible_text;

/// What happened to each item of a bulk operation. Every item given appears exactly once.
#[derive(Debug, Default, Clone)]
pub struct BulkReport {
    /// Secrets that did not exist before.
    pub created: Vec<String>,
    /// Secrets whose value was replaced.
    pub updated: Vec<String>,
    /// Secrets removed (sync with `prune`).
    pub deleted: Vec<String>,
    /// Items that failed, with the reason.
    pub failed: Vec<BulkFailure>,
}

/// One failed item of a bulk operation.
#[derive(Debug, Clone)]
pub struct BulkFailure {
    /// The secret's name.
    pub name: String,
    /// Why it failed.
    pub error: Error,
}

impl BulkReport {
    /// Whether every item succeeded.
    pub fn is_success(&self) -> bool {
        self.failed.is_empty()
    }

    /// How many items succeeded.
    pub fn succeeded(&self) -> usize {
        self.created.len() + self.updated.len() + self.deleted.len()
    }

    pub(crate) fn record(&mut self, name: String, result: Result<SetOutcome, Error>) {
        match result {
            Ok(SetOutcome::Created) => self.created.push(name),
            Ok(SetOutcome::Updated) => self.updated.push(name),
            Err(error) => self.failed.push(BulkFailure { name, error }),
        }
    }
}

impl fmt::Display for BulkReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} created, {} updated, {} deleted, {} failed",
            self.created.len(),
            self.updated.len(),
            self.deleted.len(),
            self.failed.len()
        )?;
        self.write_failures(f)
    }
}

impl BulkReport {
    /// One indented line per failure, name and reason, the server's text escaped.
    pub(crate) fn write_failures(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for failure in &self.failed {
            let error = failure.error.to_string();
            let (name, error) = (visible_text(&failure.name), visible_text(&error));
            write!(f, "\n  {name}: {error}")?;
        }
        Ok(())
    }
}

/// Progress of a bulk operation, passed to the callback after each item.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Items finished so far.
    pub done: usize,
    /// Items in all.
    pub total: usize,
    /// The item just finished.
    pub name: &'a str,
    /// Whether it succeeded.
    pub ok: bool,
}

/// Validates every pair before anything is sent: names, values, and no name given twice.
/// Refuses the whole batch with every problem listed, so nothing is half-written.
pub(crate) fn validate_pairs<N, V>(
    pairs: impl IntoIterator<Item = (N, V)>,
) -> Result<Vec<(SecretName, SecretValue)>, Error>
where
    N: IntoSecretName,
    V: IntoSecretValue,
{
    let mut valid = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (index, (name, value)) in pairs.into_iter().enumerate() {
        let checked = name.into_secret_name().and_then(|name| {
            if !seen.insert(name.clone()) {
                return Err(Error::invalid_input(
                    "name",
                    format!("{name} appears more than once (names ignore case)"),
                ));
            }
            Ok((name, value.into_secret_value()?))
        });
        match checked {
            Ok(pair) => valid.push(pair),
            Err(e) => problems.push(format!("item {}: {e}", index + 1)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid_input(
            "secrets",
            format!(
                "{} of {} items are invalid, nothing was sent: {}",
                problems.len(),
                problems.len() + valid.len(),
                problems.join("; ")
            ),
        ));
    }
    Ok(valid)
}

impl<K: ScopeKind> Secrets<K> {
    /// Sets many secrets: validates every item first (a bad one refuses the whole batch before
    /// any request), fetches the public key once, then stores each value in turn.
    ///
    /// A failure of one item does not stop the others; the report lists every item.
    ///
    /// As with [`Secrets::set`], only values change: for organization secrets one list request
    /// gives every secret's visibility, and the repositories of each `selected` one are read
    /// and sent again with its new value.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let report = client
    ///     .repo("octocat", "hello-world")
    ///     .set_many([("API_KEY", "k-1"), ("DB_URL", "postgres://...")])
    ///     .await?;
    /// println!("{report}");
    /// # Ok(()) }
    /// ```
    pub async fn set_many<N, V>(
        &self,
        pairs: impl IntoIterator<Item = (N, V)>,
    ) -> Result<BulkReport, Error>
    where
        N: IntoSecretName,
        V: IntoSecretValue,
    {
        self.set_many_with_progress(pairs, |_| {}).await
    }

    /// [`Secrets::set_many`], calling `progress` after each item.
    ///
    /// ```no_run
    /// # async fn run(client: codespaces_secrets::Client) -> codespaces_secrets::Result<()> {
    /// let report = client
    ///     .user()
    ///     .set_many_with_progress([("A", "1"), ("B", "2")], |p| {
    ///         eprintln!("{}/{} {}", p.done, p.total, p.name)
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn set_many_with_progress<N, V>(
        &self,
        pairs: impl IntoIterator<Item = (N, V)>,
        mut progress: impl FnMut(Progress<'_>) + Send,
    ) -> Result<BulkReport, Error>
    where
        N: IntoSecretName,
        V: IntoSecretValue,
    {
        let items = validate_pairs(pairs)?;
        let requested = K::prepare_options(&SetOptions::default())?;
        self.checked_scope()?;
        let mut report = BulkReport::default();
        if items.is_empty() {
            return Ok(report);
        }
        let known = self.known_secrets().await?;
        // Fetched once here, so a scope without a key refuses the whole batch; each item then
        // takes it from the cache (a rotation found by one item refreshes it for the rest).
        self.key().await?;
        let total = items.len();
        for (done, (name, value)) in items.iter().enumerate() {
            let result = self
                .store(name, value, &requested, known.current(name))
                .await;
            let ok = result.is_ok();
            report.record(name.canonical(), result);
            progress(Progress {
                done: done + 1,
                total,
                name: name.as_str(),
                ok,
            });
        }
        Ok(report)
    }
}
