//! What goes to stdout: aligned tables for people, JSON (the SDK's models) for programs.

use std::borrow::Cow;
use std::io::Write;

use codespaces_secrets::{
    MinimalRepository, OrgSecret, RepoSecret, UserSecret, Visibility, visible_text,
};
use serde::Serialize;

use crate::failure::Failure;

/// The columns every scope's secret model can fill.
pub(crate) trait SecretRow {
    /// The name, upper-case.
    fn name(&self) -> &str;
    /// Created, as RFC 3339 in UTC.
    fn created(&self) -> String;
    /// Last updated, as RFC 3339 in UTC.
    fn updated(&self) -> String;
    /// Visibility, for user and organization secrets.
    fn visibility(&self) -> Option<Visibility>;
}

/// RFC 3339 with seconds, `Z` for UTC.
const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";

macro_rules! secret_row {
    ($model:ty, |$secret:ident| $visibility:expr) => {
        impl SecretRow for $model {
            fn name(&self) -> &str {
                &self.name
            }
            fn created(&self) -> String {
                self.created_at.format(TIME_FORMAT).to_string()
            }
            fn updated(&self) -> String {
                self.updated_at.format(TIME_FORMAT).to_string()
            }
            fn visibility(&self) -> Option<Visibility> {
                let $secret = self;
                $visibility
            }
        }
    };
}

secret_row!(UserSecret, |secret| Some(secret.visibility));
secret_row!(RepoSecret, |_secret| None);
secret_row!(OrgSecret, |secret| Some(secret.visibility));

/// Prints `value` as pretty JSON.
pub(crate) fn json(value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::other(format!("cannot print JSON: {e}")))?;
    emit(&format!("{text}\n"))
}

/// Prints secrets as a table: name, updated, created, and visibility where the scope has one.
pub(crate) fn secrets_table<S: SecretRow>(secrets: &[S]) -> Result<(), Failure> {
    let with_visibility = secrets.iter().any(|s| s.visibility().is_some());
    let mut rows = vec![header(with_visibility)];
    rows.extend(secrets.iter().map(|s| {
        let mut row = vec![s.name().to_owned(), s.updated(), s.created()];
        if let Some(visibility) = s.visibility() {
            row.push(visibility.to_string());
        }
        row
    }));
    emit(&table(&rows))
}

fn header(with_visibility: bool) -> Vec<String> {
    let mut header: Vec<String> = ["NAME", "UPDATED", "CREATED"].map(String::from).into();
    if with_visibility {
        header.push("VISIBILITY".to_owned());
    }
    header
}

/// Prints repositories as a table: id and full name.
pub(crate) fn repositories_table(repositories: &[MinimalRepository]) -> Result<(), Failure> {
    let mut rows = vec![vec!["ID".to_owned(), "REPOSITORY".to_owned()]];
    rows.extend(
        repositories
            .iter()
            .map(|r| vec![r.id.to_string(), r.full_name.clone()]),
    );
    emit(&table(&rows))
}

/// Prints one line of text.
pub(crate) fn line(text: &str) -> Result<(), Failure> {
    emit(&format!("{text}\n"))
}

/// Columns padded to the widest cell, separated by two spaces, no trailing blanks.
fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| visible_text(cell).chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            // A cell is one field: a newline in it (a server's name) must not start a new row.
            .map(|(cell, width)| format!("{:<width$}", visible_text(cell)))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a message.
///
/// The one door to stdout: every line is passed through [`visible_text`], so text a server
/// controls (names, messages, URLs, request ids) can never reach the terminal as control
/// characters. (JSON output is already escaped by the encoder, and passes unchanged.)
fn emit(text: &str) -> Result<(), Failure> {
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(visible_text).collect();
    let text = lines.join("\n");
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Failure::other(format!("cannot write to stdout: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::table;

    #[test]
    fn tables_align() {
        let rows = vec![
            vec!["NAME".to_owned(), "X".to_owned()],
            vec!["LONGER_NAME".to_owned(), "y".to_owned()],
        ];
        assert_eq!(table(&rows), "NAME         X\nLONGER_NAME  y\n");
    }
}
